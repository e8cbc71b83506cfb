#!/bin/sh
# test_hostile.sh BUILD -- kabar against input built to break it: empty,
# blank, binary, broken and overlong UTF-8, UTF-16, CRLF and lone CR, a
# 50 MB line, a large file streamed in flat memory, deep and huge JSON,
# JSON Lines with duplicate keys, wrong types and no text, an unreadable
# file, a folder loop, a closed pipe.  Each case checks the message names
# the file (and line), the run goes on to the next input, and the exit
# status is the documented one (0 all read, 1 something skipped).
#
# KABAR_LONG_TESTS=1 makes the streamed files 1 GB (docs/TESTING.md);
# by default they are 16 MB so that `make test` stays fast.
# Prints "# hostile: N passed, N failed" last.
build=${1:-build}
kabar="$build/kabar"
t=$(mktemp -d)
trap 'chmod -R u+rwx "$t" 2>/dev/null; rm -rf "$t"' EXIT
passed=0
failed=0
# ASan's quarantine keeps freed memory for a while: bound it so that the
# memory measurements below mean the same under `make check`.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=8"
export ASAN_OPTIONS

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {
  if [ "$rc" -eq "$1" ]; then ok; else fail "$2: exit $rc, want $1 ($(head -c 300 "$t/err"))"; fi
}
contains() {
  if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in: $(head -c 400 "$1")"; fi
}
lines() { # FILE N DESCRIPTION: FILE has N lines
  n=$(wc -l <"$1")
  if [ "$n" -eq "$2" ]; then ok; else fail "$3: $n lines, want $2"; fi
}
at_least() { # FILE N DESCRIPTION
  n=$(wc -l <"$1")
  if [ "$n" -ge "$2" ]; then ok; else fail "$3: $n lines, want >= $2"; fi
}
# max RSS in KB of a command (python3 is in DEB_PKGS; GNU time may not be)
max_rss() {
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

# A good article: three events.  Every bad input is followed by it, to
# see the run go on.
good="$t/good.txt"
printf 'JAKARTA - Polisi Indonesia menangkap dua warga Malaysia. Presiden Rusia mengecam serangan Israel ke Gaza, Senin (18/3/2024).\n' >"$good"
"$kabar" code "$good" >"$t/good.out" 2>"$t/err"; rc=$?
expect 0 "the good article"
at_least "$t/good.out" 2 "the good article has events"
n_good=$(wc -l <"$t/good.out")

# ---- empty, blank ----
: >"$t/empty.txt"
printf '  \n\t\r\n   \n\f\v\n' >"$t/blank.txt"
for f in empty blank; do
  "$kabar" code "$t/$f.txt" "$good" >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "$f file: a warning, not a failure"
  contains "$t/err" "$t/$f.txt: warning: empty file" "$f file named"
  lines "$t/out" "$n_good" "$f file: the run goes on"
done

# ---- binary: NUL bytes, a PNG ----
printf 'Polisi\000menangkap' >"$t/nul.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000' >"$t/image.png"
for f in nul.txt image.png; do
  "$kabar" code "$t/$f" "$good" >"$t/out" 2>"$t/err"; rc=$?
  expect 1 "$f: skipped"
  contains "$t/err" "$t/$f: binary file, skipped" "$f named"
  lines "$t/out" "$n_good" "$f: the run goes on"
done

# ---- invalid and overlong UTF-8 ----
printf 'JAKARTA - Polisi Indonesia \377\376 menangkap dua warga Malaysia \300\257 \340\200\257 \355\240\200. Presiden Rusia mengecam serangan Israel ke Gaza, Senin (18/3/2024).\n' >"$t/bad8.txt"
"$kabar" code "$t/bad8.txt" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "invalid UTF-8 is repaired, not skipped"
contains "$t/err" "$t/bad8.txt: warning: 10 invalid UTF-8 sequences replaced by U+FFFD" "invalid UTF-8 counted and named"
at_least "$t/out" 1 "events from the repaired text"
if grep -q "$(printf '\357\277\275')" "$t/out" && ! grep -q "$(printf '\300')" "$t/out"; then ok; else fail "output holds U+FFFD, not the bad bytes"; fi

# ---- UTF-16 with a byte-order mark ----
printf '\377\376J\000A\000K\000\n\000' >"$t/utf16.txt"
"$kabar" code "$t/utf16.txt" "$good" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "UTF-16: skipped"
contains "$t/err" "$t/utf16.txt: UTF-16 text (byte-order mark), not UTF-8" "UTF-16 named and explained"
lines "$t/out" "$n_good" "UTF-16: the run goes on"

# ---- CRLF and lone CR: the same events as LF ----
tr -d '\r' <"$good" | sed 's/$/\r/' >"$t/crlf.txt"
tr '\n' '\r' <"$good" >"$t/cr.txt"
"$kabar" code "$good" | sed 's/"id":"[^"]*","doc":"[^"]*",//' | cut -d, -f1-3 >"$t/lf.ev"
for f in crlf cr; do
  "$kabar" code "$t/$f.txt" >"$t/out" 2>"$t/err"; rc=$?
  expect 0 "$f line ends"
  sed 's/"id":"[^"]*","doc":"[^"]*",//' "$t/out" | cut -d, -f1-3 >"$t/$f.ev"
  if cmp -s "$t/lf.ev" "$t/$f.ev"; then ok; else fail "$f: events differ from LF: $(diff "$t/lf.ev" "$t/$f.ev" | head -5)"; fi
done

# ---- a 50 MB single line (plain text and one JSON Lines record) ----
python3 - "$t" <<'PY'
import json, sys
t = sys.argv[1]
words = "Polisi Indonesia menangkap dua warga Malaysia di Batam. "
line = words * ((50 << 20) // len(words))
open(t + "/line50.txt", "w").write(line)
with open(t + "/line50.jsonl", "w") as f:
    f.write(json.dumps({"id": "besar", "text": line}) + "\n")
    f.write(json.dumps({"id": "sesudah", "text": "Presiden Rusia mengecam Israel."}) + "\n")
PY
"$kabar" code "$t/line50.txt" "$good" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "50 MB line: read, cut to the limit"
contains "$t/err" "$t/line50.txt: warning: text of 52428768 bytes cut to its first 8388608 (the limit is 8 MiB)" "50 MB line: the cut named"
at_least "$t/out" "$n_good" "50 MB line: the run goes on"
"$kabar" code "$t/line50.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 0 "50 MB JSON line"
contains "$t/err" "$t/line50.jsonl:1: warning: text of 52428768 bytes cut" "50 MB JSON line: file and line named"
contains "$t/out" '"doc":"sesudah"' "50 MB JSON line: the next record read"

# ---- a line beyond KB_MAX_LINE_BYTES (64 MiB) is skipped, not held ----
python3 -c 'import sys
f = open(sys.argv[1], "w")
f.write("{\"id\":\"raksasa\",\"text\":\"" + "a " * (33 << 20) + "\"}\n")
f.write("{\"id\":\"kecil\",\"text\":\"Presiden Rusia mengecam Israel.\"}\n")' "$t/line70.jsonl"
"$kabar" code "$t/line70.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "70 MB JSON line: skipped"
contains "$t/err" "$t/line70.jsonl:1: line longer than 64 MiB, skipped" "70 MB JSON line: file and line named"
contains "$t/out" '"doc":"kecil"' "70 MB JSON line: the next record read"
rss=$(max_rss "$kabar" code "$t/line70.jsonl")
if [ "$rss" -lt 200000 ]; then ok; else fail "70 MB JSON line held in memory: max RSS $rss KB"; fi

# ---- a large file streamed: memory stays flat ----
if [ "${KABAR_LONG_TESTS:-0}" = 1 ]; then big=1024; else big=16; fi
python3 - "$t" "$big" <<'PY'
import sys
t, big = sys.argv[1], int(sys.argv[2])
rec = ('{"id":"r%d","title":"Uji","text":"JAKARTA - Presiden Rusia mengecam '
       'serangan Israel ke Gaza, Senin (18/3/2024). Polisi Indonesia '
       'menangkap dua warga Malaysia di Batam."}\n')
for name, mb in (("small", 2), ("big", big)):
    with open("%s/%s.jsonl" % (t, name), "w") as f:
        n = i = 0
        while n < mb << 20:
            line = rec % i
            f.write(line)
            n += len(line)
            i += 1
with open(t + "/big.txt", "w") as f:   # one plain-text article of big MB
    s = "Polisi Indonesia menangkap dua warga Malaysia di Batam.\n" * 1000
    for _ in range((big << 20) // len(s)):
        f.write(s)
PY
rss_small=$(max_rss "$kabar" code -q "$t/small.jsonl")
rss_big=$(max_rss "$kabar" code -q "$t/big.jsonl")
echo "# streamed JSON Lines: 2 MB max RSS ${rss_small} KB, $big MB max RSS ${rss_big} KB"
if [ "$rss_big" -lt $((rss_small + 16384)) ]; then ok; else fail "memory grows with the input: $rss_small KB for 2 MB, $rss_big KB for $big MB"; fi
rss_text=$(max_rss "$kabar" parse -q "$t/big.txt")
echo "# $big MB plain-text file: max RSS ${rss_text} KB"
if [ "$rss_text" -lt 400000 ]; then ok; else fail "a $big MB text file is held whole: max RSS $rss_text KB"; fi
"$kabar" parse "$t/big.txt" >/dev/null 2>"$t/err"; rc=$?
expect 0 "$big MB text file: read up to the limit"
contains "$t/err" "$t/big.txt: warning: text of" "$big MB text file: the cut named"

# ---- deep and huge JSON values ----
python3 - "$t" <<'PY'
import sys
t = sys.argv[1]
with open(t + "/json.jsonl", "w") as f:
    f.write('{"text":"a","x":' + "[" * 100000 + "]" * 100000 + "}\n")      # 1
    f.write('{"id":"panjang","x":"' + "b" * (20 << 20) +
            '","text":"Presiden Rusia mengecam Israel."}\n')            # 2
    f.write('{"id":"angka","n":1e999999,"text":"x"}\n')                  # 3
    f.write('{"id":"dalam","o":{"a":{"b":{"c":[1,2,{"d":null}]}}},'
            '"text":"Polisi Indonesia menangkap warga Malaysia."}\n')    # 4
PY
"$kabar" code "$t/json.jsonl" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "deep and huge JSON: some lines skipped"
contains "$t/err" "$t/json.jsonl:1: invalid JSON" "deep nesting: file and line named"
contains "$t/err" "$t/json.jsonl:3: invalid JSON" "a real out of range: file and line named"
contains "$t/out" '"doc":"panjang"' "a 20 MB ignored value: the record read"
contains "$t/out" '"doc":"dalam"' "nested values in ignored fields: the record read"

# ---- JSON Lines: duplicate keys, wrong types, no text ----
cat >"$t/odd.jsonl" <<'EOF2'
{"id":"ganda","text":"Presiden Rusia mengecam Israel.","text":"Polisi Indonesia menangkap dua warga Malaysia."}
{"id":1,"text":["x"]}
{"id":{"a":1},"text":"Presiden Rusia mengecam Israel.","title":7,"date":false,"url":[1]}
{"title":"tanpa teks"}
{"text":null}
{"text":"   "}
[1,2]
"teks"
EOF2
"$kabar" code "$t/odd.jsonl" "$good" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "odd JSON Lines: some lines skipped"
contains "$t/out" 'menangkap dua warga Malaysia.","span"' "duplicate keys: the last one wins (as jansson)"
if grep '"doc":"ganda"' "$t/out" | grep -q mengecam; then fail "duplicate keys: the first text was coded"; else ok; fi
contains "$t/err" "$t/odd.jsonl:2: \"text\" is not a string, skipped" "text of the wrong type: line named"
contains "$t/err" "$t/odd.jsonl:3: warning: field \"title\" is not a string, ignored" "a field of the wrong type: warned, line named"
contains "$t/out" '"doc":"odd.jsonl:3"' "an id of the wrong type: the file:line id instead"
contains "$t/err" "$t/odd.jsonl:4: no \"text\" field, skipped" "no text: line named"
contains "$t/err" "$t/odd.jsonl:5: no \"text\" field, skipped" "null text: line named"
contains "$t/err" "$t/odd.jsonl:6: warning: empty \"text\"" "blank text: a warning, line named"
contains "$t/err" "$t/odd.jsonl:7: not a JSON object, skipped" "an array: line named"
contains "$t/err" "$t/odd.jsonl:8: invalid JSON" "a bare string: line named"
at_least "$t/out" $((n_good + 2)) "odd JSON Lines: the run goes on"

# ---- an unreadable file ----
cp "$good" "$t/secret.txt"
chmod 000 "$t/secret.txt"
if [ "$(id -u)" != 0 ]; then
  "$kabar" code "$t/secret.txt" "$good" >"$t/out" 2>"$t/err"; rc=$?
  how="as $(id -un)"
elif command -v setpriv >/dev/null 2>&1; then
  # root reads anything: run kabar as nobody, who may read the good file
  # and the folder but not secret.txt
  chmod 755 "$t"
  chmod 644 "$good"
  setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$kabar" code "$t/secret.txt" "$good" >"$t/out" 2>"$t/err"; rc=$?
  how="as nobody (the tests run as root)"
else
  rc=-1
  how=""
fi
if [ -n "$how" ]; then
  expect 1 "unreadable file ($how): skipped"
  contains "$t/err" "$t/secret.txt: Permission denied" "unreadable file named ($how)"
  lines "$t/out" "$n_good" "unreadable file: the run goes on"
else
  echo "# hostile: unreadable file not tested: running as root without setpriv"
fi
chmod 644 "$t/secret.txt"

# ---- a folder loop (symbolic link) ----
mkdir -p "$t/tree/sub"
cp "$good" "$t/tree/sub/a.txt"
ln -s .. "$t/tree/sub/up"
"$kabar" code "$t/tree" >"$t/out" 2>"$t/err"; rc=$?
expect 1 "folder loop: reported"
contains "$t/err" "$t/tree/sub/up: folder loop (symbolic link), skipped" "folder loop named"
lines "$t/out" "$n_good" "folder loop: each file read once"

# ---- a closed pipe: kabar code big.jsonl | head ----
for j in 1 2; do
  ( "$kabar" code -j "$j" "$t/small.jsonl" 2>"$t/err"; echo $? >"$t/rc" ) | head -n 1 >"$t/out"
  rc=$(cat "$t/rc")
  if [ ! -s "$t/err" ]; then ok; else fail "closed pipe (-j $j): stderr: $(head -c 300 "$t/err")"; fi
  if [ "$rc" -eq 141 ] || [ "$rc" -eq 1 ]; then ok; else fail "closed pipe (-j $j): exit $rc, want 141 (SIGPIPE) or 1"; fi
  lines "$t/out" 1 "closed pipe (-j $j): head got its line"
done

echo "# hostile: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
