#!/bin/sh
# test_fuzz_corpus.sh BUILD -- replays every seed and regression input in
# fuzz/corpus/<target>/ through the fuzz target built without libFuzzer
# (BUILD/fuzz-replay/<target>, fuzz/standalone.c).  Each target checks its
# invariants and aborts on a broken one, so under `make check` this is
# every corpus file under ASan + UBSan.  One test per target.
build=${1:-build}
passed=0
failed=0
for dir in fuzz/corpus/*/; do
  name=$(basename "$dir")
  bin="$build/fuzz-replay/$name"
  if [ ! -x "$bin" ]; then
    echo "not ok $name: $bin not built"
    failed=$((failed + 1))
    continue
  fi
  n=$(ls "$dir" | wc -l)
  if out=$("$bin" "$dir" 2>&1) && [ "$(echo "$out" | grep -c '^ok ')" -eq "$n" ]; then
    passed=$((passed + 1))
  else
    echo "$out" | tail -n 20
    echo "not ok $name: an input of $dir failed (the last 'ok' line precedes it)"
    failed=$((failed + 1))
  fi
done
echo "# fuzz_corpus: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
