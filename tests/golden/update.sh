#!/bin/sh
# update.sh BUILD -- rewrites the golden files: for every article file in
# examples/ (*.txt, *.jsonl), tests/golden/<name>.jsonl holds what
# `BUILD/kabar parse` prints for it (one JSON object per article).
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
  if "$kabar" parse -q "$f" >"$root/tests/golden/$name.jsonl.tmp"; then
    mv "$root/tests/golden/$name.jsonl.tmp" "$root/tests/golden/$name.jsonl"
    echo "wrote tests/golden/$name.jsonl"
  else
    rm -f "$root/tests/golden/$name.jsonl.tmp"
    echo "update.sh: kabar parse failed on $f" >&2
    status=1
  fi
done
exit $status
