#!/bin/sh
# test_stem.sh BUILD -- `kabar stem` as a user meets it: words as
# arguments, running text on stdin, both output formats, --no-memo, help and
# usage errors.  Prints "# stem: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"

# same FILE TEXT DESCRIPTION -- the file holds exactly TEXT (printf format)
same() {
  printf "$2" >"$t/want"
  if cmp -s "$1" "$t/want"; then ok; else
    fail "$3: got $(cat "$1"), want $(cat "$t/want")"
  fi
}

"$kabar" stem menandatangani dikirim terpilihnya negara-negara >"$t/out" 2>"$t/err"; rc=$?
expect 0 "words as arguments"
same "$t/out" 'menandatangani\ttanda tangan\tmeN- -i\ndikirim\tkirim\tdi-\nterpilihnya\tpilih\tter- -nya\nnegara-negara\tnegara\tredup\n' "TSV: word, root, affixes"

printf 'Kunjungan itu, "disambut" Putin.\n\n' | "$kabar" stem >"$t/out"; rc=$?
expect 0 "running text on stdin"
same "$t/out" 'Kunjungan\tkunjung\t-an\nitu\titu\t\ndisambut\tsambut\tdi-\nPutin\tPutin\t\n' "stdin split at punctuation"

printf 'mengunjungi\n' | "$kabar" stem --format jsonl >"$t/out"; rc=$?
expect 0 "--format jsonl"
contains "$t/out" '"root":"kunjung","prefixes":["meN-"],"infix":null,"suffix":"-i"' "jsonl fields"
contains "$t/out" '"class":"active","known":true}' "jsonl class"

"$kabar" stem --no-memo menyerang >"$t/out"; rc=$?
expect 0 "--no-memo"
same "$t/out" 'menyerang\tserang\tmeN-\n' "--no-memo gives the same analysis"

"$kabar" stem --help >"$t/out"; rc=$?
expect 0 "--help"
contains "$t/out" "Usage: kabar stem" "--help on stdout"

"$kabar" stem --format xml kata >"$t/out" 2>"$t/err"; rc=$?
expect 2 "unknown format"
contains "$t/err" "unknown format" "unknown format named"

"$kabar" stem --bogus >"$t/out" 2>"$t/err"; rc=$?
expect 2 "unknown option"

: | "$kabar" stem >"$t/out"; rc=$?
expect 0 "empty stdin"
same "$t/out" '' "empty stdin prints nothing"

finish stem
