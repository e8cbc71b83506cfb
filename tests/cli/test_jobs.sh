#!/bin/sh
# test_jobs.sh BUILD -- `kabar code -j N` and `kabar ingest -j N`: the
# output of N threads is the output of one, byte for byte and in input
# order, in every format, with the same errors and exit status; a database
# ingested on N threads holds the same events; a closed pipe stops every
# thread; bad -j values are usage errors.  `make tsan` runs it under
# ThreadSanitizer.  Prints "# jobs: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"

sh tests/cli/gen_news.sh 300 11 >"$t/news.jsonl"
mkdir "$t/dir"
sh tests/cli/gen_news.sh 40 12 >"$t/dir/b.jsonl"
cp examples/*.txt "$t/dir/"

for fmt in jsonl gdelt csv; do
  "$kabar" code -f "$fmt" -r 2024-06-01 -j 1 "$t/news.jsonl" "$t/dir" \
    >"$t/one.$fmt" 2>"$t/one.err"; rc1=$?
  n=$(wc -l <"$t/one.$fmt")
  if [ "$n" -gt 500 ]; then ok; else fail "$fmt: only $n lines (nothing to compare)"; fi
  for j in 2 3 8; do
    "$kabar" code -f "$fmt" -r 2024-06-01 -j $j "$t/news.jsonl" "$t/dir" \
      >"$t/many.$fmt" 2>"$t/many.err"; rc=$?
    same "$t/one.$fmt" "$t/many.$fmt" "code -f $fmt -j $j = -j 1"
    same "$t/one.err" "$t/many.err" "code -f $fmt -j $j: the same messages"
    expect $rc1 "code -j $j: the exit status of -j 1"
  done
done
expect 1 "broken lines make exit status 1"
if grep -q "news.jsonl:25:" "$t/one.err"; then ok; else fail "the broken line is named: $(head -3 "$t/one.err")"; fi

# long documents: the ring holds their text up to a byte budget (2 MB a
# worker, one document each at least), and the order holds.  Five of
# 1.5 MB between short ones.
awk 'BEGIN {
  s = "Presiden Rusia mengecam Ukraina pada hari Senin. Warga kota berkumpul di alun-alun. ";
  for (i = 0; i < 9; i++) {
    t = "Menteri luar negeri Mesir mengunjungi Yordania. ";
    if (i % 2 == 0) { t = ""; for (k = 0; k < 18000; k++) t = t s }
    printf "{\"id\":\"long%d\",\"date\":\"2024-06-0%d\",\"text\":\"%s\"}\n", i, i + 1, t
  }
}' >"$t/long.jsonl"
"$kabar" code -q -j 1 "$t/long.jsonl" >"$t/long1" 2>/dev/null
n=$(grep -o '"doc":"long[0-9]*"' "$t/long1" | sort -u | wc -l)
if [ "$n" -eq 9 ]; then ok; else fail "long documents: events of $n, want 9"; fi
"$kabar" code -q -j 2 "$t/long.jsonl" >"$t/long2" 2>/dev/null
same "$t/long1" "$t/long2" "long documents: code -j 2 = -j 1"

# standard input, and -j 0 (one thread per core)
"$kabar" code -r 2024-06-01 -j 0 - <"$t/news.jsonl" >"$t/stdin.jsonl" 2>/dev/null
"$kabar" code -r 2024-06-01 - <"$t/news.jsonl" >"$t/stdin1.jsonl" 2>/dev/null
same "$t/stdin1.jsonl" "$t/stdin.jsonl" "code -j 0 from stdin = -j 1"

# a reader that goes away: every thread stops, exit status 1, no hang
"$kabar" code -j 4 "$t/news.jsonl" "$t/news.jsonl" "$t/news.jsonl" 2>"$t/err" | head -n 1 >"$t/head"
n=$(wc -l <"$t/head")
if [ "$n" -eq 1 ]; then ok; else fail "code -j 4 | head -n 1: $n lines"; fi

# bad values
for bad in -1 x 1x 257 ""; do
  "$kabar" code -j "$bad" "$t/news.jsonl" >/dev/null 2>"$t/err"; rc=$?
  expect 2 "code -j '$bad'"
done
"$kabar" ingest -j x --db "$t/x.db" "$t/news.jsonl" >/dev/null 2>"$t/err"; rc=$?
expect 2 "ingest -j x"
"$kabar" code --help | grep -q -- "--jobs N" && ok || fail "code --help documents -j"
"$kabar" ingest --help | grep -q -- "--jobs N" && ok || fail "ingest --help documents -j"

# ingest: the same database whatever N
"$kabar" ingest -q -r 2024-06-01 --batch 37 -j 1 --db "$t/one.db" "$t/news.jsonl" "$t/dir" 2>/dev/null; rc1=$?
"$kabar" ingest -q -r 2024-06-01 --batch 37 -j 3 --db "$t/many.db" "$t/news.jsonl" "$t/dir" 2>/dev/null; rc=$?
expect $rc1 "ingest -j 3: the exit status of -j 1"
"$kabar" events --db "$t/one.db" --negated --mentions -f jsonl >"$t/one.events"
"$kabar" events --db "$t/many.db" --negated --mentions -f jsonl >"$t/many.events"
n=$(wc -l <"$t/one.events")
if [ "$n" -gt 100 ]; then ok; else fail "ingest: only $n events"; fi
same "$t/one.events" "$t/many.events" "ingest -j 3: the events and mentions of -j 1"
"$kabar" ingest -r 2024-06-01 -j 2 --db "$t/many.db" "$t/news.jsonl" >/dev/null 2>"$t/err"
if grep -q "ingested 0 new articles" "$t/err"; then ok; else fail "ingest -j 2 again adds nothing: $(tail -1 "$t/err")"; fi

finish jobs
