#!/usr/bin/env bash
# Installs the npm dependencies from package-lock.json when they are missing or out of date, so
# `npm run demo`, `npm test` and `npm run bench` work on a fresh clone with nothing else done by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bootstrap: installing npm dependencies (npm install from package-lock.json)" >&2
  npm install --no-audit --no-fund >&2  # honours package-lock.json; see .ci/run on npm ci
fi
