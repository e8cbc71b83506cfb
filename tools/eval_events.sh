#!/bin/sh
# eval_events.sh BUILD SHARED -- scores `kabar code` on the gold events
# that no one here wrote: the two seed articles and the dev articles, at
# the strict and the root level, with ../shared/eval/score_events.py.
# Targets (issue 4): seeds strict recall 1.0, precision >= 0.9, dates 1.0;
# dev strict F1 >= 0.75, dates >= 0.9.  Prints figures; does not gate.
build=${1:-build}
shared=${2:-../shared}
score="$shared/eval/score_events.py"
gold="$shared/gold"
if [ ! -f "$score" ] || [ ! -d "$gold" ]; then
  echo "skipped: $score or $gold not found"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/kabar" code -q "$shared"/seeds/*.txt >"$out" || exit 1
for level in strict root; do
  printf 'seeds %-6s ' "$level"
  python3 "$score" --quiet --level "$level" "$gold/seeds.events.jsonl" "$out" | tail -n 1
done
"$build/kabar" code -q "$gold/dev.articles.jsonl" >"$out" || exit 1
for level in strict root; do
  printf 'dev   %-6s ' "$level"
  python3 "$score" --quiet --level "$level" "$gold/dev.events.jsonl" "$out" | tail -n 1
done
