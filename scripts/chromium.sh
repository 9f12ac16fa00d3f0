#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/browser): installed with apt-get when missing.
# Playwright never downloads a browser here; the tests launch this one (CHROMIUM_PATH, default
# /usr/bin/chromium). Works as root or as a user with sudo. Re-running is safe and quick.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
log() { printf 'chromium.sh: %s\n' "$*" >&2; }

if [[ -x $CHROMIUM ]]; then
  exit 0
fi
if [[ -n ${CHROMIUM_PATH:-} ]]; then
  log "error: CHROMIUM_PATH=$CHROMIUM is not an executable"
  exit 1
fi
command -v apt-get >/dev/null || { log "error: no $CHROMIUM and no apt-get; install Chromium and set CHROMIUM_PATH"; exit 1; }
if [[ $(id -u) -eq 0 ]]; then as_root() { "$@"; }; else as_root() { sudo "$@"; }; fi

log "installing Debian's chromium with apt-get"
as_root apt-get update -qq >&2
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
[[ -x $CHROMIUM ]] || { log "error: apt-get installed chromium but $CHROMIUM is missing"; exit 1; }
log "$("$CHROMIUM" --version 2>/dev/null | head -1)"
