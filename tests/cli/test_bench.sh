#!/bin/sh
# test_bench.sh BUILD -- the bench programs' arguments and a tiny run of
# each on examples/articles.jsonl: --help, an unknown option, an input
# that cannot be read (a clear error and exit 1 before any run, not a
# long run on nothing), a store directory that does not exist.  The
# figures themselves are measured by `make bench` on the corpus, not here.
# Prints "# bench: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"

b="$build/bench"
in=examples/articles.jsonl

for p in bench_code bench_parse bench_store bench_morph bench_jobs bench_web; do
  "$b/$p" --help >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "$p --help"
  contains "$t/out" "usage: $p" "$p --help prints the usage"
  "$b/$p" --bogus "$in" >"$t/out" 2>"$t/err"; rc=$?
  expect 2 "$p --bogus"
  contains "$t/err" "unknown option: --bogus" "$p names the unknown option"
  "$b/$p" "$t/missing.jsonl" >"$t/out" 2>"$t/err"; rc=$?
  expect 1 "$p on a missing file"
  contains "$t/err" "$p: cannot read $t/missing.jsonl: No such file" \
    "$p names the missing file"
done

: >"$t/empty.jsonl"
"$b/bench_parse" "$t/empty.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "bench_parse on an empty file"
contains "$t/err" "empty file" "an empty input is named"
"$b/bench_code" "$t" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "bench_code on a directory"
contains "$t/err" "not a file" "a directory is not an input file"

"$b/bench_code" --runs 1 --min-mb 0 "$in" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "bench_code, one pass"
contains "$t/out" "median" "bench_code quotes a median"
"$b/bench_parse" --runs 1 --min-mb 0 --stage segment "$in" >"$t/out" 2>&1; rc=$?
expect 0 "bench_parse, one pass"
contains "$t/out" "stage segment" "bench_parse names its stage"

"$b/bench_store" --articles 30 --skip-queries --pipeline --dir "$t" "$in" \
  >"$t/out" 2>"$t/err"; rc=$?
expect 0 "bench_store --pipeline"
contains "$t/out" "store: pipelined     30 articles" "30 articles pipelined"
empty "$t/err" "bench_store --pipeline says nothing on stderr"
"$b/bench_store" --articles 30 --skip-queries --dir "$t" "$in" \
  >"$t/out" 2>"$t/err"; rc=$?
expect 0 "bench_store, one thread"
contains "$t/out" "store: ingest        30 articles" "30 articles ingested"
"$b/bench_store" --skip-ingest --events 200 --queries 2 --dir "$t" \
  >"$t/out" 2>"$t/err"; rc=$?
expect 0 "bench_store, queries"
contains "$t/out" "dyads --by month (everything)" "the dyads query is timed"
if ls "$t"/bench_store_* >/dev/null 2>&1; then
  fail "bench_store left its databases in $t: $(ls "$t")"
else ok; fi

for mode in "--pipeline" ""; do
  "$b/bench_store" --articles 5 --skip-queries $mode --dir "$t/none" "$in" \
    >"$t/out" 2>"$t/err"; rc=$?
  expect 1 "bench_store $mode into a missing directory"
  contains "$t/err" "bench_store: cannot open $t/none/bench_store_" \
    "bench_store $mode names the database it cannot open"
done

"$b/bench_pg_queries" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "bench_pg_queries without a PostgreSQL URI"
contains "$t/out" "pg: skipped" "bench_pg_queries says it skipped"

finish bench
