#!/bin/sh
# eval.sh BUILD SHARED -- every evaluation of kabar against material in
# ../shared that no one here wrote (gold events, treebanks, test suites).
# Prints figures; skips cleanly when SHARED is absent.  One line per
# evaluation below.
build=${1:-build}
shared=${2:-../shared}
if [ ! -d "$shared" ]; then
  echo "skipped: $shared not found"
  exit 0
fi
status=0
run() {
  echo "== $*"
  "$@" || status=1
}
run "$build/tools/check_jsonl" "$shared/corpus/id-news.jsonl"
run "$build/tools/eval_morph" "$shared"
run "$build/tools/eval_segment" --own tools/ud_own_ends.tsv "$shared"
run sh tools/eval_events.sh "$build" "$shared"
run python3 tools/eval_clean.py "$build" "$shared"
run "$build/tools/repair_stats" "$shared/corpus/id-news.jsonl"
run "$build/tools/eval_html" "$shared"
run sh tools/eval_places.sh "$build" "$shared"
exit $status
