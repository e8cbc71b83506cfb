#!/bin/sh
# pg_server.sh -- sourced by the PostgreSQL tests: pg_start starts a
# throw-away PostgreSQL server (initdb, pg_ctl) with its data and socket in
# a new temporary folder (PG_DIR), listening on 127.0.0.1 at a free port, trust authentication for the
# user "kabar", and sets PG_URI; pg_stop stops it.  As root it runs the
# server as the user postgres (Debian's package makes it), else as nobody.
# pg_start returns 1 with PG_SKIP set when the server binaries are
# missing, 2 when the server would not start (PG_LOG holds why).  pg_stop
# also removes PG_DIR.  PG_OPTS, when set, adds server settings (-c name=value
# ...) to those of the tests.
pg_bindir() {
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -r) \
           "$(dirname "$(command -v initdb 2>/dev/null || echo /x/x)")"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# as_server CMD... -- runs CMD as the server's user
as_server() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  PG_BIN=$(pg_bindir) || {
    PG_SKIP="PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
    return 1
  }
  PG_USER=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    PG_USER=postgres
    id postgres >/dev/null 2>&1 || PG_USER=nobody
  fi
  PG_DIR=$(mktemp -d /tmp/kabar-pg-XXXXXX) || return 2
  [ "$(id -u)" = 0 ] && chown "$PG_USER" "$PG_DIR"
  PG_LOG="$PG_DIR/server.log"
  as_server "$PG_BIN/initdb" -D "$PG_DIR/data" -U kabar --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 || {
    PG_LOG="$PG_DIR/initdb.log"
    return 2
  }
  tries=0
  while [ $tries -lt 5 ]; do
    PG_PORT=$(awk -v s="$$$tries" 'BEGIN { srand(s); print 20000 + int(rand() * 40000) }')
    if as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_LOG" -w -t 30 \
        -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off ${PG_OPTS:-}" start >/dev/null 2>&1; then
      PG_URI="postgresql://kabar@127.0.0.1:$PG_PORT/postgres"
      return 0
    fi
    tries=$((tries + 1))
  done
  return 2
}

pg_stop() {
  [ -n "$PG_BIN" ] && [ -d "$PG_DIR/data" ] &&
    as_server "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1
  [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
}
