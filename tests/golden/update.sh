#!/bin/sh
# update.sh BUILD -- rewrites the golden files: for every article file in
# examples/ (*.txt, *.jsonl), tests/golden/<name>.jsonl holds what
# `BUILD/kabar parse` prints for it (one JSON object per article) and
# tests/golden/<name>.events.jsonl what `BUILD/kabar code` prints (one
# event record per line).
# `make golden` runs it; review the diff like code before committing.
# The lexicon is Debian's hunspell-id (/usr/share/hunspell/id_ID.dic), as
# `kabar parse` loads it by default; tests/cli/test_golden.sh compares
# against these files byte for byte.
build=${1:-build}
here=$(dirname "$0")
root=$(cd "$here/../.." && pwd)
kabar="$build/kabar"
if [ ! -x "$kabar" ]; then
  echo "update.sh: $kabar not found (run make first)" >&2
  exit 1
fi
status=0
for f in "$root"/examples/*.txt "$root"/examples/*.jsonl; do
  [ -f "$f" ] || continue
  name=$(basename "$f")
  name=${name%.*}
  for cmd in parse code; do
    out="$root/tests/golden/$name.jsonl"
    [ "$cmd" = code ] && out="$root/tests/golden/$name.events.jsonl"
    if "$kabar" "$cmd" -q "$f" >"$out.tmp"; then
      mv "$out.tmp" "$out"
      echo "wrote ${out#"$root"/}"
    else
      rm -f "$out.tmp"
      echo "update.sh: kabar $cmd failed on $f" >&2
      status=1
    fi
  done
done
exit $status
