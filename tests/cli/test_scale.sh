#!/bin/sh
# test_scale.sh BUILD -- the cluster route (docs/SCALE.md) emulated on one
# machine: the input split into partitions, one `kabar code` per partition
# run as a stdin -> stdout filter (as Hadoop Streaming and Spark's
# RDD.pipe run it), several at once with xargs -P, the outputs merged and
# compared with one run over the whole input: the same events.  Contiguous
# partitions merged in order give the same bytes; round-robin partitions
# (every article with other neighbours) give the same set of lines.  A
# filter answers each line before the next arrives; compressed input
# (zstd, gzip) on a pipe or in a file gives the events of the plain input.
# Prints "# scale: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"

sh tests/cli/gen_news.sh 400 21 >"$t/all.jsonl"
n_parts=4

for fmt in jsonl gdelt; do
  "$kabar" code -q -f $fmt -r 2024-06-01 "$t/all.jsonl" >"$t/single.$fmt" 2>/dev/null
  n=$(wc -l <"$t/single.$fmt")
  if [ "$n" -gt 500 ]; then ok; else fail "$fmt: only $n events (nothing to compare)"; fi

  # contiguous partitions (Hadoop's input splits), merged in order
  rm -rf "$t/p"
  mkdir "$t/p"
  split -n l/$n_parts -d "$t/all.jsonl" "$t/p/part-"
  ls "$t/p"/part-* | xargs -P $n_parts -I{} sh -c \
    "cat {} | '$kabar' code -q -f $fmt -r 2024-06-01 2>/dev/null | cat >{}.out"
  cat "$t/p"/part-*.out >"$t/merged.$fmt"
  same "$t/single.$fmt" "$t/merged.$fmt" "$fmt: $n_parts contiguous partitions, merged in order = one run"

  # round-robin partitions (Spark's repartition), compared as sets
  rm -rf "$t/r"
  mkdir "$t/r"
  k=0
  while [ $k -lt $n_parts ]; do
    awk -v n=$n_parts -v k=$k 'NR % n == k' "$t/all.jsonl" >"$t/r/part-$k"
    k=$((k + 1))
  done
  ls "$t/r"/part-* | xargs -P $n_parts -I{} sh -c \
    "'$kabar' code -q -f $fmt -r 2024-06-01 - <{} >{}.out 2>/dev/null"
  cat "$t/r"/part-*.out | sort >"$t/rr.$fmt"
  sort "$t/single.$fmt" >"$t/single-sorted.$fmt"
  same "$t/single-sorted.$fmt" "$t/rr.$fmt" "$fmt: $n_parts round-robin partitions = one run (as sets)"
done

# honest exit status per partition: 1 where a broken line was skipped
# (gen_news.sh breaks every 25th line), and the line is named on stderr
printf '%s\n' '{"id":"ok","text":"Pemerintah Rusia mengecam Iran."}' >"$t/good.jsonl"
"$kabar" code - <"$t/good.jsonl" >/dev/null 2>"$t/err"; rc=$?
if [ $rc -eq 0 ]; then ok; else fail "a clean partition exits 0, got $rc"; fi
sed -n 20,30p "$t/all.jsonl" | "$kabar" code - >/dev/null 2>"$t/err"; rc=$?
if [ $rc -eq 1 ]; then ok; else fail "a partition with a broken line exits 1, got $rc"; fi
if grep -q "^kabar: -:6: " "$t/err"; then ok; else fail "the broken line is named: $(cat "$t/err")"; fi
# a usage error is 2 (a task that must fail)
"$kabar" code --format xml - <"$t/good.jsonl" >/dev/null 2>&1; rc=$?
if [ $rc -eq 2 ]; then ok; else fail "usage error exits 2, got $rc"; fi

# the wrapper docs/SCALE.md gives for Hadoop and Spark: 0 and 1 succeed
sed -n 20,30p "$t/all.jsonl" | sh -c "'$kabar' code -q -f gdelt; [ \$? -le 1 ]" >/dev/null 2>&1; rc=$?
if [ $rc -eq 0 ]; then ok; else fail "wrapper: skipped lines are not a failed task"; fi
sh -c "'$kabar' code -q --bogus; [ \$? -le 1 ]" </dev/null >/dev/null 2>&1; rc=$?
if [ $rc -ne 0 ]; then ok; else fail "wrapper: a usage error is a failed task"; fi

# line by line: the first article's events come out while the second is
# still to be written (stdin a FIFO held open, output flushed per article)
mkfifo "$t/fifo"
"$kabar" code --line-buffered -r 2024-06-01 - <"$t/fifo" >"$t/live.out" 2>/dev/null &
pid=$!
exec 3>"$t/fifo"
printf '%s\n' '{"id":"live1","text":"Pemerintah Rusia mengecam Iran."}' >&3
waited=0
while [ ! -s "$t/live.out" ] && [ $waited -lt 100 ]; do
  sleep 0.1
  waited=$((waited + 1))
done
if grep -q '"doc":"live1"' "$t/live.out"; then ok; else fail "a filter answers a line before the next arrives"; fi
printf '%s\n' '{"id":"live2","text":"Pemerintah Jepang memuji Korea Selatan."}' >&3
exec 3>&-
wait $pid
if grep -q '"doc":"live2"' "$t/live.out"; then ok; else fail "the second line after the first"; fi

# compressed input: zstd and gzip, as files and on a pipe
"$kabar" code -q -r 2024-06-01 "$t/all.jsonl" >"$t/plain.out" 2>/dev/null
gzip -c "$t/all.jsonl" >"$t/all.jsonl.gz"
if command -v zstd >/dev/null 2>&1; then
  zstd -q -c "$t/all.jsonl" >"$t/all.jsonl.zst"
  "$kabar" code -q -r 2024-06-01 "$t/all.jsonl.zst" >"$t/zst.out" 2>/dev/null
  same "$t/plain.out" "$t/zst.out" "a .jsonl.zst file = the plain file"
  zstd -q -c "$t/all.jsonl" | "$kabar" code -q -j 2 -r 2024-06-01 2>/dev/null >"$t/zst-pipe.out"
  same "$t/plain.out" "$t/zst-pipe.out" "zstd on a pipe (-j 2) = the plain file"
  head -c 20000 "$t/all.jsonl.zst" >"$t/cut.jsonl.zst"
  "$kabar" code -q "$t/cut.jsonl.zst" >/dev/null 2>"$t/err"; rc=$?
  if [ $rc -eq 1 ] && grep -q "cut.jsonl.zst:[0-9]*: zstd data cut short" "$t/err"; then ok; else fail "a cut .zst is named, exit 1: $rc $(cat "$t/err")"; fi
else
  echo "skipped: zstd (the command) is not installed (apt-get install zstd)"
fi
"$kabar" code -q -r 2024-06-01 - <"$t/all.jsonl.gz" >"$t/gz-pipe.out" 2>/dev/null
same "$t/plain.out" "$t/gz-pipe.out" "gzip on stdin = the plain file"

finish scale
