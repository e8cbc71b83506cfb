#!/bin/sh
# bench_pg_queries.sh BUILD CORPUS [EVENTS] [QUERIES] -- query latency of
# `kabar events` and `kabar dyads` on a PostgreSQL database of EVENTS
# merged events (default 10,000,000), QUERIES random queries of each kind
# (default 200).  Starts a throw-away server (tests/cli/pg_server.sh, in a
# new folder under /tmp, removed at the end; KEEP=1 leaves it running and
# prints its URI), makes kabar's schema and the corpus's merged events by
# `kabar ingest` of CORPUS, fills the tables with generated events drawn
# from those (bench/bench_pg_fill.sql, bulk INSERT ... SELECT, the server
# at nice 10), lets kabar make its indexes again (they are dropped for the
# load; `kabar ingest` of nothing), VACUUM ANALYZE, then times the queries with
# BUILD/bench/bench_pg_queries (the SQL of src/store_pg_query.c, through
# the same functions the commands call).  Method and figures:
# bench/README.md, "PostgreSQL queries at 10M events".
build=${1:-build}
corpus=$2
events=${3:-10000000}
queries=${4:-200}
[ -f "$corpus" ] || { echo "usage: bench_pg_queries.sh BUILD CORPUS [EVENTS] [QUERIES]"; exit 2; }
. tests/cli/pg_server.sh
# a bigger cache than the tests', memory for the index builds, fewer
# checkpoints during the load (read by pg_start)
# shellcheck disable=SC2034
PG_OPTS="-c shared_buffers=1GB -c maintenance_work_mem=512MB -c max_wal_size=2GB -c checkpoint_timeout=30min"
[ "${KEEP:-0}" = 1 ] || trap 'pg_stop' EXIT
pg_start || { echo "PostgreSQL: skipped (${PG_SKIP:-server did not start: $PG_LOG})"; exit 0; }
psql() { "$PG_BIN/psql" -X -qAt "$PG_URI" "$@"; }
now() { date +%s; }
echo "server $PG_URI, data in $PG_DIR; load average $(cut -d' ' -f1-3 /proc/loadavg)"

t0=$(now)
"$build/kabar" ingest -q --db "$PG_URI" "$corpus" 2>/dev/null
echo "corpus ingested: $(psql -c "SELECT count(*) || ' articles, ' || (SELECT count(*) FROM events) || ' events' FROM articles") in $(($(now) - t0)) s"
# the query countries: the corpus's 40 most frequent actor countries
actors=$(psql -c "SELECT string_agg(c, ' ' ORDER BY n DESC, c) FROM (SELECT c,
  count(*) AS n FROM (SELECT source_country c FROM events UNION ALL
  SELECT target_country FROM events) x GROUP BY c ORDER BY n DESC, c
  LIMIT 40) y")
echo "query countries: $actors"

# the load runs at a lower priority: new server processes inherit it
pm=$(head -1 "$PG_DIR/data/postmaster.pid")
renice -n 10 -p "$pm" >/dev/null
t0=$(now)
"$PG_BIN/psql" -X -q "$PG_URI" -v events="$events" \
  -v articles=$((events / 5)) -f bench/bench_pg_fill.sql || exit 1
echo "filled in $(($(now) - t0)) s"
t0=$(now)
# an ingest (of nothing) makes the schema's missing parts; readers do not
"$build/kabar" ingest -q --db "$PG_URI" /dev/null || exit 1
echo "kabar's indexes made in $(($(now) - t0)) s"
t0=$(now)
psql -c "VACUUM ANALYZE"
echo "VACUUM ANALYZE in $(($(now) - t0)) s"
renice -n 0 -p "$pm" >/dev/null
psql -c "SELECT 'database ' || pg_size_pretty(pg_database_size(current_database()))
  || ': events ' || pg_size_pretty(pg_total_relation_size('events'))
  || ', event_locations ' || pg_size_pretty(pg_total_relation_size('event_locations'))
  || ', actor_locations ' || pg_size_pretty(pg_total_relation_size('actor_locations'))
  || ', articles ' || pg_size_pretty(pg_total_relation_size('articles'))
  || ', dyad_days ' || pg_size_pretty(pg_total_relation_size('dyad_days'))
  || ' (' || (SELECT count(*) FROM dyad_days) || ' rows)'"

echo "queries: load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$build/bench/bench_pg_queries" --queries "$queries" --actors "$actors" "$PG_URI"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "${KEEP:-0}" = 1 ] && echo "kept: $PG_URI (data in $PG_DIR; stop with: . tests/cli/pg_server.sh; PG_BIN=$PG_BIN PG_DIR=$PG_DIR PG_USER=$PG_USER pg_stop)"
exit 0
