#!/bin/sh
# bench_backends.sh BUILD FILE [RUNS] -- `kabar ingest` of FILE into a
# fresh SQLite file and into a fresh PostgreSQL database (a throw-away
# server started by tests/cli/pg_server.sh, fsync off as in the tests;
# skipped when the server binaries are missing), with -j 1 and -j 2, RUNS
# times each (default 3), one after the other; prints each run's seconds and
# articles/s (articles stored / wall-clock seconds) and the medians.
# Method and figures: bench/README.md, "backends".
build=${1:-build}
file=$2
runs=${3:-3}
kabar="$build/kabar"
[ -f "$file" ] || { echo "usage: bench_backends.sh BUILD FILE [RUNS]"; exit 2; }
. tests/cli/pg_server.sh
t=$(mktemp -d)
trap 'pg_stop; rm -rf "$t"' EXIT
pg=1
pg_start || { echo "PostgreSQL: skipped (${PG_SKIP:-server did not start})"; pg=0; }
articles=$(grep -c . "$file")

now() { date +%s.%N; }
# one DB JOBS -> seconds
one() {
  if [ "$1" = sqlite ]; then
    rm -f "$t/b.db" "$t/b.db-wal" "$t/b.db-shm"
    db="$t/b.db"
  else
    PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -qAt "$PG_URI" \
      -c "DROP TABLE IF EXISTS mentions, articles, events, event_articles,
          event_sources, event_locations, actor_locations, signatures, lsh,
          dyad_days, claims, conflicts CASCADE" >/dev/null
    db=$PG_URI
  fi
  s=$(now)
  "$kabar" ingest -q -j "$2" --db "$db" "$file" 2>/dev/null
  e=$(now)
  echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
}
median() { tr ' ' '\n' | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "input $file: $articles lines; $runs runs each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for backend in sqlite postgresql; do
  [ $backend = postgresql ] && [ $pg = 0 ] && continue
  for j in 1 2; do
    all=""
    r=0
    while [ $r -lt "$runs" ]; do
      s=$(one $backend $j)
      all="$all $s"
      r=$((r + 1))
    done
    m=$(echo "$all" | median)
    echo "$backend -j $j: runs$all s; median $m s = $(awk -v n="$articles" -v s="$m" 'BEGIN { printf "%.0f", n / s }') articles/s"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
