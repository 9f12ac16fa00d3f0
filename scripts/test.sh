#!/usr/bin/env bash
# The one test command (README: `npm test`): dependencies, a local PostgreSQL on loopback (installed
# with apt-get if missing), build, strict type checks of core and adapters, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if [[ -z "${COUNTERFOIL_PG_URL:-}" ]]; then
  line=$(bash scripts/postgres.sh)
  export "${line?}"
fi
bash scripts/chromium.sh  # Debian's Chromium for test/browser (apt-get if missing)
npx tsup --silent
npx tsc -p tsconfig.json --noEmit
npx tsc -p tsconfig.node.json --noEmit
npx vitest run "$@"
# The wallet example's browser code type-checks without Node types; the core suite runs in Chromium.
npx tsc -p examples/wallet/tsconfig.json --noEmit
npx vitest run --config test/browser/vitest.config.ts --passWithNoTests "$@"
