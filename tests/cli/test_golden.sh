#!/bin/sh
# test_golden.sh BUILD -- compares `BUILD/kabar parse` and `BUILD/kabar
# code` output for every article file in examples/ with its golden files
# tests/golden/<name>.jsonl and tests/golden/<name>.events.jsonl, byte for
# byte.  A difference prints a diff and counts as a failure.
# Rewrite the golden files with `make golden` (tests/golden/update.sh) and
# review the diff.  Prints "# golden: N passed, N failed" last.
build=${1:-build}
here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)
kabar="$build/kabar"
passed=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if [ ! -f /usr/share/hunspell/id_ID.dic ]; then
  # the golden files were made with Debian's hunspell-id lexicon
  echo "skipped: /usr/share/hunspell/id_ID.dic not installed (make deps)"
  echo "# golden: 0 passed, 0 failed"
  exit 0
fi
for f in "$root"/examples/*.txt "$root"/examples/*.jsonl; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  name=${name%.*}
  for cmd in parse code; do
    golden="$root/tests/golden/$name.jsonl"
    [ "$cmd" = code ] && golden="$root/tests/golden/$name.events.jsonl"
    if [ ! -f "$golden" ]; then
      echo "FAIL: $name: no golden file ${golden#"$root"/} (make golden)"
      failed=$((failed + 1))
      continue
    fi
    if ! "$kabar" "$cmd" -q "$f" >"$out" 2>/dev/null; then
      echo "FAIL: $name: kabar $cmd exited with an error"
      failed=$((failed + 1))
    elif cmp -s "$out" "$golden"; then
      passed=$((passed + 1))
    else
      echo "FAIL: $name: kabar $cmd output differs from ${golden#"$root"/}"
      diff "$golden" "$out" | head -n 20
      failed=$((failed + 1))
    fi
  done
done
echo "# golden: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
