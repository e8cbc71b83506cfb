#!/bin/sh
# bench_serve.sh BUILD [DB] -- load test of `kabar serve` with wrk on a
# database of 1,000,000 events (bench_store --keep makes it, in DB's
# folder, when DB is missing; default /tmp/bench_store_queries.db).
#   1. wrk, 2 threads, 1,000 connections, 20 s each: /api/events (first
#      page of one country, limit 100) and /api/dyads (one dyad's weekly
#      series), the same URL over and over (the response cache answers
#      after the first), each plain and with Accept-Encoding: gzip (as
#      browsers send), then /api/events over 40 country pairs in turn
#      (bench/wrk_rotate.lua: 40 distinct URLs);
#   2. a slowloris client (bench/slowloris.py, 1,000 connections that
#      never finish their request) against the server while wrk runs
#      /api/events with 100 connections: the server keeps answering and
#      closes the slow ones at the request deadline (--header-timeout);
# prints wrk's req/s and latency percentiles (p99), the server's CPU
# time per 1,000 answers (user + system, from /proc: steadier than req/s
# when other work shares the cores) and wrk's, the load average, and
# /api/health after.  Environment: DURATION (20s), CONNECTIONS (1000),
# SERVE_ARGS (more `kabar serve` options), SLOW=0 skips step 2.
# Method and figures: bench/README.md, "serve".  Needs wrk (Debian).
build=${1:-build}
db=${2:-/tmp/bench_store_queries.db}
kabar="$build/kabar"
command -v wrk >/dev/null 2>&1 || { echo "skipped: wrk is not installed (apt-get install wrk)"; exit 0; }
if [ ! -f "$db" ]; then
  echo "== making $db: 1,000,000 events (bench_store --skip-ingest --keep)"
  "$build/bench/bench_store" --skip-ingest --keep --queries 1 --dir "$(dirname "$db")" >/dev/null || exit 1
  [ "$(basename "$db")" = bench_store_queries.db ] || mv "$(dirname "$db")/bench_store_queries.db" "$db"
fi
log=$(mktemp)
out=$(mktemp)
. "$(dirname "$0")/serve_lib.sh"
trap 'kill $pid 2>/dev/null; rm -f "$log" "$out"' EXIT
# shellcheck disable=SC2086
serve_start "$kabar" "$db" "$log" $SERVE_ARGS
echo "== $(curl -s "$base/api/health")"
dur=${DURATION:-20s}
conns=${CONNECTIONS:-1000}
# server CPU time so far, in clock ticks (utime + stime)
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# run WRK-ARGS...: wrk with its summary lines, then CPU per 1,000 answers
run() {
  t0=$(ticks)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "wrk_cpu %U %S" wrk "$@" >"$out" 2>&1
  else
    wrk "$@" >"$out" 2>&1
  fi
  t1=$(ticks)
  grep -E "Requests/sec|Latency  |  50%|  90%|  99%|Non-2xx|Socket errors" "$out"
  awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
    / requests in / { n = $1 }
    /^wrk_cpu/ { w = $2 + $3 }
    END {
      if (n > 0) printf "  CPU per 1k answers: server %.3f s, wrk %s s (%d answers; load average %s)\n",
        t / hz / n * 1000, (w == "" ? "?" : sprintf("%.3f", w / n * 1000)), n, load
    }' "$out"
}
for path in "/api/events?actor=RUS&limit=100" "/api/dyads?source=RUS&target=UKR&by=week"; do
  echo "== wrk -t2 -c$conns -d$dur --latency '$base$path'"
  run -t2 -c"$conns" -d"$dur" --latency "$base$path"
  echo "== the same, gzipped: wrk -H 'Accept-Encoding: gzip' -t2 -c$conns -d$dur --latency '$base$path'"
  run -H "Accept-Encoding: gzip" -t2 -c"$conns" -d"$dur" --latency "$base$path"
done
echo "== wrk -t2 -c$conns -d$dur --latency -s bench/wrk_rotate.lua (40 distinct /api/events URLs)"
run -t2 -c"$conns" -d"$dur" --latency -s bench/wrk_rotate.lua "$base"
if [ "${SLOW:-1}" != 0 ]; then
  echo "== slowloris (1,000 connections, 30 s) while wrk -c100 runs /api/events"
  python3 bench/slowloris.py 127.0.0.1 "$port" 1000 30 &
  slow=$!
  sleep 3
  run -t2 -c100 -d20s --latency "$base/api/events?actor=PRK&limit=100"
  wait $slow
fi
echo "== after: $(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "$base/api/health")"
kill -TERM $pid
wait $pid
echo "== server exit status $? (0: a clean stop on SIGTERM)"
