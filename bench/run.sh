#!/bin/sh
# run.sh BUILD SHARED -- runs every benchmark in BUILD/bench on the news
# corpus SHARED/corpus/id-news.jsonl; skips cleanly when SHARED is absent.
# Method and reference figures: bench/README.md.
build=${1:-build}
shared=${2:-../shared}
corpus="$shared/corpus/id-news.jsonl"
if [ ! -f "$corpus" ]; then
  echo "skipped: $corpus not found"
  exit 0
fi
status=0
for b in "$build"/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" "$corpus" || status=1
done
echo "== bench_backends.sh (kabar ingest: SQLite and PostgreSQL)"
sh bench/bench_backends.sh "$build" "$corpus" || status=1
exit $status
