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
npx tsup --silent
npx tsc -p tsconfig.json --noEmit
npx tsc -p tsconfig.node.json --noEmit
npx vitest run "$@"
