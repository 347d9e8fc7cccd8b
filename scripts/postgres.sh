#!/usr/bin/env bash
# The machine's PostgreSQL for development and tests (no Docker).
#
#   scripts/postgres.sh ensure [db...]   make sure the server accepts connections (start the local
#                                        cluster if it does not) and create the databases that are
#                                        missing; default: mpp_identity mpp_catalog mpp_ordering mpp_miniprograms mpp_insights mpp_integrations
#   scripts/postgres.sh drop <db...>     drop the given databases if they exist (WITH (FORCE))
#
# Environment: PGHOST (default 127.0.0.1), PGPORT (default 5432), PGUSER (default postgres);
# PGPASSWORD / PGDATABASE etc. are passed through to psql as usual.
# PG_START_TIMEOUT: seconds to wait for the server after starting it (default 30).
# PG_CLUSTER_VERSION / PG_CLUSTER_NAME: the local cluster to start (default: newest under
# /etc/postgresql, "main").
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}"
export PGPORT="${PGPORT:-5432}"
export PGUSER="${PGUSER:-postgres}"
START_TIMEOUT="${PG_START_TIMEOUT:-30}"
DEFAULT_DBS=(mpp_identity mpp_catalog mpp_ordering mpp_miniprograms mpp_insights mpp_integrations)

log() { printf '[postgres] %s\n' "$*"; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

ready() { pg_isready -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -t 2; }

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

check_name() {
  [[ "$1" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "invalid database name: '$1' (letters, digits, underscore)"
}

start_local_cluster() {
  command -v pg_ctlcluster >/dev/null \
    || die "$PGHOST:$PGPORT is not accepting connections and pg_ctlcluster is not available to start a local cluster"
  local version="${PG_CLUSTER_VERSION:-}" name="${PG_CLUSTER_NAME:-main}"
  # shellcheck disable=SC2012
  [[ -n "$version" ]] || version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$version" ]] || die "no cluster under /etc/postgresql to start"
  log "$PGHOST:$PGPORT is not accepting connections; starting cluster $version/$name"
  # Exit status 2 means "already running" (e.g. still starting up): keep waiting in that case.
  local rc=0
  pg_ctlcluster --skip-systemctl-redirect "$version" "$name" start || rc=$?
  ((rc == 0 || rc == 2)) || die "pg_ctlcluster $version $name start failed (exit $rc)"
  local deadline=$((SECONDS + START_TIMEOUT))
  until ready; do
    ((SECONDS < deadline)) || die "PostgreSQL not ready on $PGHOST:$PGPORT after ${START_TIMEOUT}s"
    sleep 0.5
  done
  log "PostgreSQL is accepting connections on $PGHOST:$PGPORT"
}

cmd_ensure() {
  local dbs=("$@")
  ((${#dbs[@]})) || dbs=("${DEFAULT_DBS[@]}")
  local db
  for db in "${dbs[@]}"; do check_name "$db"; done

  if ready; then
    log "PostgreSQL is accepting connections on $PGHOST:$PGPORT"
  elif [[ "$PGHOST" == "127.0.0.1" || "$PGHOST" == "localhost" || "$PGHOST" == /* ]]; then
    start_local_cluster
  else
    die "$PGHOST:$PGPORT is not accepting connections (not a local host, not starting anything)"
  fi

  for db in "${dbs[@]}"; do
    if [[ "$(psql_admin -At -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" == "1" ]]; then
      log "database $db exists"
    else
      # Two concurrent runs may race here: a "already exists" error from the loser is fine.
      local out
      if out="$(psql_admin -c "CREATE DATABASE \"$db\"" 2>&1)"; then
        log "created database $db"
      elif grep -q 'already exists' <<<"$out"; then
        log "database $db exists"
      else
        printf '%s\n' "$out" >&2
        die "could not create database $db"
      fi
    fi
  done
}

cmd_drop() {
  (($#)) || die "usage: $0 drop <db...>"
  local db
  for db in "$@"; do check_name "$db"; done
  ready || die "$PGHOST:$PGPORT is not accepting connections"
  for db in "$@"; do
    # WITH (FORCE) (PostgreSQL 13+) terminates open connections, e.g. of a test run that crashed.
    PGOPTIONS="-c client_min_messages=warning" psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    log "dropped database $db (if it existed)"
  done
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    ensure) cmd_ensure "$@" ;;
    drop) cmd_drop "$@" ;;
    -h | --help | help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" ;;
    *) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "${BASH_SOURCE[0]}" >&2; exit 2 ;;
  esac
}

main "$@"
