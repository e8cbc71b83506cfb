#!/bin/sh
# eval_places.sh BUILD SHARED -- scores event locations (issue 10): the
# seeds and the dev articles coded by `kabar code`, against
# tools/eval_places.tsv.  Prints figures; does not gate.
build=${1:-build}
shared=${2:-../shared}
gold="$shared/gold"
if [ ! -d "$gold" ] || [ ! -d "$shared/seeds" ]; then
  echo "skipped: $gold or $shared/seeds not found"
  exit 0
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/kabar" code -q "$shared"/seeds/*.txt "$gold/dev.articles.jsonl" \
  >"$out" || exit 1
python3 tools/eval_places.py tools/eval_places.tsv \
  "$gold/seeds.events.jsonl" "$gold/dev.events.jsonl" -- "$out"
