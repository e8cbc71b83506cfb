#!/bin/sh
# run.sh BUILD -- runs every test program in BUILD/tests and the CLI tests,
# adds up their "# NAME: N passed, N failed" lines and ends with the total
# on a line of its own.  Exit status 1 when anything failed.
build=${1:-build}
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  if ! "$t" >"$out" 2>&1; then :; fi
  cat "$out"
  line=$(grep -E '^# [^ ]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "# $(basename "$t"): crashed or printed no summary"
    failed=$((failed + 1))
    continue
  fi
  p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
  passed=$((passed + p))
  failed=$((failed + f))
done
for t in tests/cli/test_*.sh; do
  [ -f "$t" ] || continue
  sh "$t" "$build" >"$out" 2>&1
  cat "$out"
  line=$(grep -E '^# [^ ]+: [0-9]+ passed, [0-9]+ failed$' "$out" | tail -n 1)
  if [ -z "$line" ]; then
    echo "# $(basename "$t"): printed no summary"
    failed=$((failed + 1))
    continue
  fi
  p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
  f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
  passed=$((passed + p))
  failed=$((failed + f))
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
