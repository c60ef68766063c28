#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for CI.
#
#   bash .ci/postgres.sh start   # install if needed, start, print DATABASE_URL on stdout
#   bash .ci/postgres.sh stop    # stop and delete the cluster (safe to call any time)
#
# The cluster is private: its own data dir and socket dir under $CI_PG_DIR, listening on
# 127.0.0.1:$CI_PG_PORT only, trust auth. A Debian cluster on 5432 is left alone.
# Progress goes to stderr so that `url=$(bash .ci/postgres.sh start)` captures only the URL.
set -euo pipefail

PORT="${CI_PG_PORT:-54329}"
DIR="${CI_PG_DIR:-/tmp/ci-postgres-$PORT}"    # fixed path, so `stop` finds it without state
DB_USER=disclosure DB_PASS=disclosure DB_NAME=disclosure

log() { echo "postgres.sh: $*" >&2; }

# Newest /usr/lib/postgresql/<ver>/bin (Debian layout), else whatever pg_ctl is on PATH.
find_bindir() {
    local d
    d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [[ -n "$d" && -x "$d/initdb" ]]; then echo "$d"; return; fi
    if command -v initdb >/dev/null; then dirname "$(readlink -f "$(command -v initdb)")"; fi
}

# Run a server-side command as the postgres OS user (root may not), from a dir it can read.
as_pg() { (cd "$DIR" && runuser -u postgres -- "$@"); }

stop() {
    local bin
    bin=$(find_bindir)
    if [[ -n "$bin" && -f "$DIR/data/postmaster.pid" ]]; then
        log "stopping cluster in $DIR"
        as_pg "$bin/pg_ctl" -D "$DIR/data" -m fast -w -t 60 stop >&2 || true
    fi
    rm -rf "$DIR"
}

start() {
    local bin
    bin=$(find_bindir)
    if [[ -z "$bin" ]]; then
        log "installing PostgreSQL from Debian packages"
        # Don't let the package create (and try to start) the default 'main' cluster.
        mkdir -p /etc/postgresql-common/createcluster.d
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/ci.conf
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            postgresql >&2
        rm -f /etc/postgresql-common/createcluster.d/ci.conf
        bin=$(find_bindir)
        [[ -n "$bin" ]] || { log "initdb not found after install"; exit 1; }
    fi
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    log "using $bin ($("$bin/postgres" --version))"

    stop   # leftovers from an earlier run
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        log "port $PORT is already in use by something else"; exit 1
    fi
    mkdir -p "$DIR" && chown postgres: "$DIR" && chmod 700 "$DIR"

    as_pg "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || { cat "$DIR/initdb.log" >&2; exit 1; }
    # Throwaway data: durability off makes the test database setup much faster.
    cat >>"$DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    as_pg "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start >&2 \
        || { cat "$DIR/server.log" >&2; exit 1; }

    local i
    for i in $(seq 60); do    # bounded wait, 60 s
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
        [[ $i -lt 60 ]] || { log "not ready after 60 s"; cat "$DIR/server.log" >&2; exit 1; }
        sleep 1
    done

    # CREATEDB: pytest-django creates (and drops) a test_<name> database.
    "$bin/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U postgres -d postgres >&2 <<EOF
CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASS';
CREATE DATABASE $DB_NAME OWNER $DB_USER;
EOF
    log "ready on 127.0.0.1:$PORT (data in $DIR)"
    echo "postgres://$DB_USER:$DB_PASS@127.0.0.1:$PORT/$DB_NAME"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
