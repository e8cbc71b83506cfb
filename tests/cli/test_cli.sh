#!/bin/sh
# test_cli.sh BUILD -- the kabar command as a user meets it: help, version,
# exit statuses, stdin, and every kind of bad input named on stderr while
# the run goes on.  Prints "# cli: N passed, N failed" last.
. "$(dirname "$0")/lib.sh"


printf 'Judul Uji\n\nJAKARTA - Menteri Luar Negeri bertemu duta besar. Keduanya membahas kerja sama.\n' >"$t/a.txt"
printf '{"id":"j1","title":"Satu","text":"Presiden berpidato di Jakarta."}\n{"id":"j2","text": rusak}\n{"id":"j3","text":"Tiga."}\n' >"$t/b.jsonl"
printf 'PNG\000\001\002' >"$t/bin.txt"
: >"$t/empty.txt"

"$kabar" --help >"$t/out" 2>"$t/err"; rc=$?
expect 0 "--help"
contains "$t/out" "Usage: kabar COMMAND" "--help on stdout"
contains "$t/out" "Exit status" "--help documents exit status"
empty "$t/err" "--help writes nothing on stderr"

"$kabar" --version >"$t/out"; rc=$?
expect 0 "--version"
contains "$t/out" "kabar 0." "--version prints the version"

"$kabar" parse --help >"$t/out"; rc=$?
expect 0 "parse --help"
contains "$t/out" "--format" "parse --help lists options"
"$kabar" help parse >"$t/out2"; rc=$?
expect 0 "help parse"
if cmp -s "$t/out" "$t/out2"; then ok; else fail "help parse = parse --help"; fi

"$kabar" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "no command"
"$kabar" frobnicate 2>"$t/err"; rc=$?
expect 2 "unknown command"
contains "$t/err" "unknown command 'frobnicate'" "unknown command named"
"$kabar" parse --bogus "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "unknown option"
contains "$t/err" "--help" "usage error points at --help"
"$kabar" parse --format xml "$t/a.txt" 2>"$t/err"; rc=$?
expect 2 "bad --format value"
"$kabar" parse --reference-date 2024-02-30 "$t/a.txt" 2>"$t/err"; rc=$?
expect 2 "impossible date"

"$kabar" parse "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "parse a text file"
contains "$t/out" '"doc":"a"' "doc id is the file name without extension"
empty "$t/err" "clean input prints no diagnostics"

"$kabar" parse "$t/b.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "a broken JSON line makes the status 1"
contains "$t/err" "kabar: $t/b.jsonl:2: invalid JSON" "broken line named with FILE:LINE"
if [ "$(wc -l <"$t/out")" -eq 2 ]; then ok; else fail "the run goes on after a broken line"; fi

"$kabar" parse "$t/bin.txt" "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "binary file skipped"
contains "$t/err" "kabar: $t/bin.txt: binary file, skipped" "binary file message"
contains "$t/out" '"doc":"a"' "the run goes on after a binary file"

"$kabar" parse "$t/empty.txt" "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "an empty file only warns"
contains "$t/err" "kabar: $t/empty.txt: warning: empty file" "empty file warning"

"$kabar" parse "$t/missing.txt" "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "missing file"
contains "$t/err" "kabar: $t/missing.txt: No such file or directory" "missing file named"
contains "$t/out" '"doc":"a"' "the run goes on after a missing file"

"$kabar" parse - <"$t/b.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "JSON Lines on stdin"
contains "$t/out" '"doc":"j3"' "stdin JSON Lines read"
"$kabar" parse <"$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "text on stdin by default"
contains "$t/out" '"doc":"stdin"' "stdin text gets the id stdin"

"$kabar" parse --format text "$t/a.txt" >"$t/out"; rc=$?
expect 0 "text format"
contains "$t/out" "== a" "text format header"

# kabar code: the three formats carry the same events.
printf '{"id":"e1","title":"Uji","date":"2025-06-11","url":"https://contoh.id/1","text":"Pemerintah Jepang mengecam Korea Utara. Menteri Luar Negeri Australia bertemu dengan Menteri Luar Negeri Indonesia di Jakarta."}\n' >"$t/ev.jsonl"
"$kabar" code "$t/ev.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "code jsonl"
contains "$t/out" '"source":{"code":"JPNGOV"' "code finds the source"
contains "$t/out" '"target":{"code":"PRK"' "code finds the target"
contains "$t/out" '"code":"111"' "code gives the CAMEO code"
contains "$t/out" '"date":"2025-06-11"' "code dates the event"
n_json=$(wc -l <"$t/out")
"$kabar" code --format gdelt "$t/ev.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "code gdelt"
if [ "$(wc -l <"$t/out")" -eq "$n_json" ]; then ok; else fail "gdelt: one row per event"; fi
cols=$(awk -F'\t' '{print NF}' "$t/out" | sort -u)
if [ "$cols" = 61 ]; then ok; else fail "gdelt rows have 61 columns, not $cols"; fi
if awk -F'\t' '$27 == "111" && $6 == "JPNGOV" && $16 == "PRK" && $61 == "https://contoh.id/1"' "$t/out" | grep -q .; then ok; else fail "gdelt columns in GDELT order"; fi
"$kabar" code --format csv "$t/ev.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "code csv"
contains "$t/out" "id,doc,sentence_index,part,source_code" "csv header"
if [ "$(wc -l <"$t/out")" -eq $((n_json + 1)) ]; then ok; else fail "csv: header + one row per event"; fi
printf '{"id":"=cmd|calc","title":"Uji","text":"Pemerintah Jepang mengecam Korea Utara."}\n' >"$t/inj.jsonl"
"$kabar" code --format csv "$t/inj.jsonl" >"$t/out" 2>"$t/err"
contains "$t/out" "\"'=cmd|calc\"" "csv cells are formula-safe"
"$kabar" code --format yaml "$t/ev.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "code: unknown format"
"$kabar" code --help >"$t/out"; rc=$?
expect 0 "code --help"
contains "$t/out" "gdelt" "code --help lists the formats"

# A folder without articles warns (and is no failure).
mkdir -p "$t/leer"
"$kabar" parse "$t/leer" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "empty folder"
contains "$t/err" "kabar: $t/leer: warning: no articles found" "empty folder warns"

# A broken dictionary line is named with its file and line.
mkdir -p "$t/data"
cp -r "$(dirname "$0")/../../data/." "$t/data/"
printf 'XX\tbukan\t-\t-\n' >>"$t/data/verbs.txt"
"$kabar" code --data "$t/data" "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "broken dictionary"
contains "$t/err" "$t/data/verbs.txt:" "broken dictionary line named"
"$kabar" code --dict "$t/nowhere" "$t/a.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 2 "missing dictionary folder"
contains "$t/err" "$t/nowhere/" "missing dictionary folder named"

# Broken pipe: many documents into head; nothing on stderr.
i=0
while [ $i -lt 3000 ]; do
  echo '{"id":"p","text":"Presiden Prabowo bertemu Perdana Menteri Jepang di Tokyo."}'
  i=$((i + 1))
done >"$t/many.jsonl"
"$kabar" parse "$t/many.jsonl" 2>"$t/err" | head -n 1 >/dev/null
empty "$t/err" "SIGPIPE exits quietly"

finish cli
