#!/bin/sh
# serve_cold.sh BUILD DB -- first-request (response-cache miss) latency of
# `kabar serve` on /api/events: the 40 country pairs of wrk_rotate.lua,
# then the other filters of the API (an actor with a root, a quad,
# min_sources, a month, a cursor; a root, a code, a month alone), each
# asked once with curl on a freshly started server, one at a time.
# Prints each time and the p50, p95 and max per group.  COLD=1 first drops
# DB from the OS cache (posix_fadvise through python3, the file only).
# Method and figures: bench/README.md, "Cold queries".
build=${1:?usage: serve_cold.sh BUILD DB}
db=${2:?usage: serve_cold.sh BUILD DB}
kabar="$build/kabar"
if [ "${COLD:-0}" = 1 ]; then
  python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$db" || exit 1
fi
log=$(mktemp)
times=$(mktemp)
. "$(dirname "$0")/serve_lib.sh"
trap 'kill $pid 2>/dev/null; rm -f "$log" "$times"' EXIT
serve_start "$kabar" "$db" "$log"
curl -s "$base/api/health" >/dev/null
# ask GROUP QUERY: one request, its time in ms
ask() {
  t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$base/api/events?$2")
  echo "$1 $t" | awk '{ if ($2 != 200) print "HTTP " $2 ": " $0 > "/dev/stderr";
                        printf "%s %.1f\n", $1, $3 * 1000 }' >>"$times"
}
codes="RUS PRK JPN AUS MYS CHN FRA DEU IRN ISR IND EGY UKR SGP THA VNM PHL TUR BRA CAN GBR ITA ESP NLD BEL POL SWE NOR MEX ARG PAK BGD NGA KEN QAT JOR SYR IRQ SAU KOR"

i=1
for a in $codes; do
  b=$(echo "$codes" | awk -v k=$(((i + 6) % 40 + 1)) '{ print $k }')
  ask pair "source=$a&target=$b&limit=100"
  i=$((i + 1))
done
n=0
for a in $codes; do
  n=$((n + 1))
  [ $n -gt 10 ] && break
  r=$(printf '%02d' $(((n * 7) % 20 + 1)))
  ask actor+root "actor=$a&root=$r"
  ask actor+quad "actor=$a&quad=$((n % 4 + 1))"
  ask actor+min_sources "actor=$a&min_sources=2"
  ask actor+month "actor=$a&from=2019-0$((n % 9 + 1))-01&to=2019-0$((n % 9 + 1))-28"
  ask actor+cursor "actor=$a&cursor=2020-0$((n % 9 + 1))-15_1"
  ask root "root=$r"
  ask code "code=$(echo 036 042 050 051 070 111 112 116 130 190 | cut -d' ' -f$n)"
  ask month "from=2021-0$((n % 9 + 1))-01&to=2021-0$((n % 9 + 1))-28"
done
awk '{ v[$1] = v[$1] " " $2; n[$1]++ }
  END { for (g in v) {
          k = split(substr(v[g], 2), a, " ");
          # insertion sort: a few dozen values
          for (i = 2; i <= k; i++) { x = a[i] + 0; j = i - 1;
            while (j > 0 && a[j] + 0 > x) { a[j + 1] = a[j]; j-- } a[j + 1] = x }
          printf "%-20s %3d requests  p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms\n",
                 g, k, a[int(k / 2) + 1], a[int(k * 0.95) + (k * 0.95 > int(k * 0.95))], a[k] } }' "$times" | sort
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
