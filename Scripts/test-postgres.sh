#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 22): Debian's PostgreSQL 15, a temporary data
# directory, 127.0.0.1 on a free port, password authentication (SCRAM) for one role, run as an
# unprivileged user (PostgreSQL refuses to run as root).
#
#   Scripts/test-postgres.sh start     starts it; prints the folder that holds its data and `env`,
#                                      the variables the tests read (source it)
#   Scripts/test-postgres.sh stop DIR  stops it and removes DIR
#
# The tests that need PostgreSQL run when INTERSESSION_TEST_POSTGRES is set (a postgres:// URL);
# its password is in the pgpass file PGPASSFILE names, never in the URL.
set -euo pipefail
# The server runs as another user, who may not enter the caller's folder.
cd /
bin=/usr/lib/postgresql/15/bin

case "${1:-}" in
start)
    [ -x "$bin/initdb" ] || { echo "test-postgres: $bin/initdb is missing (apt-get install postgresql)" >&2; exit 1; }
    dir=$(mktemp -d /tmp/intersession-pg.XXXXXX)
    chmod 0755 "$dir"
    mkdir "$dir/data"
    owner=$(id -un)
    run=()
    if [ "$(id -u)" = 0 ]; then
        owner=nobody
        run=(runuser -u nobody --)
        chown nobody "$dir/data"
    fi
    password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
    printf '%s\n' "$password" > "$dir/data.pw"
    chown "$owner" "$dir/data.pw"
    chmod 0600 "$dir/data.pw"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${run[@]}" "$bin/initdb" -D "$dir/data" -U intersession --pwfile="$dir/data.pw" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/data.pw"
    # Loopback only, the socket in the data folder, durability off (a test server: nothing to keep).
    "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 30 start -o \
        "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/data -c fsync=off \
         -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
        || { cat "$dir/data/server.log" >&2; exit 1; }
    printf '127.0.0.1:%s:*:intersession:%s\n' "$port" "$password" > "$dir/pgpass"
    chmod 0600 "$dir/pgpass"
    PGPASSFILE="$dir/pgpass" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U intersession -d postgres \
        -c "CREATE DATABASE intersession_test" >/dev/null
    {
        echo "export INTERSESSION_TEST_POSTGRES=postgres://intersession@127.0.0.1:$port/intersession_test"
        echo "export PGPASSFILE=$dir/pgpass"
    } > "$dir/env"
    echo "$dir"
    ;;
stop)
    dir=${2:?"usage: $0 stop DIR"}
    case "$dir" in /tmp/intersession-pg.*) ;; *) echo "test-postgres: not a test server: $dir" >&2; exit 2 ;; esac
    run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u nobody --)
    [ -f "$dir/data/postmaster.pid" ] && "${run[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
