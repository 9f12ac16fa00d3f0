#!/usr/bin/env bash
# Starts a local PostgreSQL for counterfoil's postgresStore tests and benches, idempotently.
#
#   export "$(scripts/postgres.sh)"      # then: npx vitest run test/registry/stores.test.ts
#
# - Installs Debian's `postgresql` package with apt-get if no server binaries are found.
# - Runs a dedicated cluster named `counterfoil` (Debian's postgresql-common: pg_createcluster /
#   pg_ctlcluster), or, without postgresql-common, a data directory made with the versioned
#   /usr/lib/postgresql/<v>/bin/initdb and run with pg_ctl as the `postgres` user. The machine's
#   other clusters (e.g. `main`) are left alone.
# - Listens on 127.0.0.1 only, on port 5432 or the next free one (an existing cluster keeps its port).
# - Creates (or updates) role and database `counterfoil` with password $COUNTERFOIL_PG_PASSWORD
#   (default `counterfoil`: a loopback-only development database, not a secret).
# - Prints exactly one line on stdout: COUNTERFOIL_PG_URL=postgres://…  Progress goes to stderr.
#
# Works as root (Debian 12) or as a user with sudo (CI runners). Re-running is safe.
# Environment: COUNTERFOIL_PG_PASSWORD (default counterfoil), COUNTERFOIL_PG_PLAIN=1 (see below).
set -euo pipefail

CLUSTER=counterfoil
ROLE=counterfoil
DATABASE=counterfoil
PASSWORD="${COUNTERFOIL_PG_PASSWORD:-counterfoil}"
SOCKET_DIR=/var/run/postgresql

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ $(id -u) -eq 0 ]]; then
  as_root() { "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  as_root() { sudo "$@"; }
else
  die "run as root or install sudo"
fi

# Runs a command as the postgres OS user (peer authentication over the Unix socket).
as_postgres() {
  if [[ $(id -un) == postgres ]]; then "$@"
  elif [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@" 2>/dev/null || su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  else sudo -u postgres "$@"
  fi
}

# Highest installed server version, e.g. 15 (empty if none).
server_version() {
  local v
  v=$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sed -E 's#/usr/lib/postgresql/([^/]+)/bin/initdb#\1#' | sort -V | tail -n 1 || true)
  printf '%s' "$v"
}

port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    ss -Hltn "sport = :$1" 2>/dev/null | grep -q .
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# Ports configured for other clusters (postgresql-common), so a stopped cluster's port is not taken.
configured_ports() {
  if command -v pg_lsclusters >/dev/null 2>&1; then pg_lsclusters -h 2>/dev/null | awk '{print $3}'; fi
}

free_port() {
  local port=5432 taken
  taken=$(configured_ports | tr '\n' ' ')
  while port_in_use "$port" || [[ " $taken " == *" $port "* ]]; do
    port=$((port + 1))
    [[ $port -le 5532 ]] || die "no free port in 5432-5532"
  done
  printf '%s' "$port"
}

# 1. Binaries.
VERSION=$(server_version)
if [[ -z $VERSION ]]; then
  log "PostgreSQL not found; installing Debian's postgresql package"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  VERSION=$(server_version)
  [[ -n $VERSION ]] || die "apt-get installed postgresql but no /usr/lib/postgresql/*/bin/initdb was found"
fi
BIN=/usr/lib/postgresql/$VERSION/bin
id postgres >/dev/null 2>&1 || as_root useradd --system --home-dir /var/lib/postgresql --create-home --shell /bin/bash postgres
as_root install -d -o postgres -g postgres -m 2775 "$SOCKET_DIR"

# 2. Cluster.
# COUNTERFOIL_PG_PLAIN=1 forces the initdb/pg_ctl path (to test it where postgresql-common exists).
if [[ ${COUNTERFOIL_PG_PLAIN:-0} != 1 ]] && command -v pg_ctlcluster >/dev/null 2>&1; then
  if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    PORT=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $3 }')
    log "cluster $VERSION/$CLUSTER exists (port $PORT)"
  else
    PORT=$(free_port)
    log "creating cluster $VERSION/$CLUSTER on 127.0.0.1:$PORT"
    as_root pg_createcluster "$VERSION" "$CLUSTER" --port "$PORT" --start-conf auto \
      -- --auth-local=peer --auth-host=scram-sha-256 >&2
  fi
  # Debian's postgresql.conf ends with include_dir = 'conf.d', so this overrides the default.
  echo "listen_addresses = '127.0.0.1'" | as_root tee "/etc/postgresql/$VERSION/$CLUSTER/conf.d/counterfoil.conf" >/dev/null
  STATUS=$(pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { print $4 }')
  if [[ $STATUS != online* ]]; then
    log "starting cluster $VERSION/$CLUSTER"
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
  else
    # Picks up a changed listen_addresses; a no-op otherwise.
    as_root pg_ctlcluster "$VERSION" "$CLUSTER" reload >&2 || true
  fi
else
  DATA=/var/lib/postgresql/$CLUSTER-plain/$VERSION
  LOGFILE=/var/lib/postgresql/$CLUSTER-plain/$VERSION.log
  if [[ ! -s $DATA/PG_VERSION ]]; then
    PORT=$(free_port)
    log "initdb $DATA (port $PORT)"
    as_root install -d -o postgres -g postgres -m 0700 "$(dirname "$DATA")" "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >&2
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PORT"
      echo "unix_socket_directories = '$SOCKET_DIR'"
    } | as_postgres tee -a "$DATA/postgresql.conf" >/dev/null
  fi
  PORT=$(sed -nE "s/^port = ([0-9]+).*/\1/p" "$DATA/postgresql.conf" | tail -n 1)
  if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    log "starting $DATA"
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$LOGFILE" -w start >&2
  fi
fi

for _ in $(seq 1 60); do
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" || die "server on 127.0.0.1:$PORT is not accepting connections"

# 3. Role and database (idempotent). The password goes through psql's variable quoting.
PSQL=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -d postgres)
as_postgres "${PSQL[@]}" -v role="$ROLE" -v password="$PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SQL
as_postgres "${PSQL[@]}" -v role="$ROLE" -v db="$DATABASE" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL

# RFC 3986 percent-encoding of everything but unreserved characters.
urlencode() {
  local s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    if [[ $c == [A-Za-z0-9._~-] ]]; then out+=$c; else out+=$(printf '%%%02X' "'$c"); fi
  done
  printf '%s' "$out"
}
ENCODED_PASSWORD=$(urlencode "$PASSWORD")
log "ready: PostgreSQL $VERSION on 127.0.0.1:$PORT, database $DATABASE"
echo "COUNTERFOIL_PG_URL=postgres://$ROLE:$ENCODED_PASSWORD@127.0.0.1:$PORT/$DATABASE"
