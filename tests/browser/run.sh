#!/bin/sh
# run.sh BUILD -- the dashboard's browser test: ingests examples/, this
# folder's articles and, when ../shared is there, its seed articles into
# BUILD/browser/browser.db, starts `kabar serve` on a free loopback port and
# drives Debian's chromium through it with playwright-core
# (test_dashboard.js).  Screenshots: BUILD/browser/*.png.  Run by .ci/run,
# not by `make test` (it needs chromium: apt-get install chromium).
# Prints "# browser: N passed, N failed" last; exit 1 on a failure.
build=${1:-build}
shared=${2:-../shared}
out="$build/browser"
kabar="$build/kabar"
mkdir -p "$out"
if [ ! -x /usr/bin/chromium ] && [ -z "$CHROMIUM" ]; then
  echo "not ok browser: /usr/bin/chromium is missing (apt-get install chromium)"
  echo "# browser: 0 passed, 1 failed"
  exit 1
fi
if [ ! -d node_modules/playwright-core ]; then
  sh tools/web_deps.sh || exit 1
fi
db="$out/browser.db"
rm -f "$db" "$db-wal" "$db-shm"
inputs="examples/ tests/browser/articles.jsonl"
[ -d "$shared/seeds" ] && inputs="$inputs $shared/seeds/"
"$kabar" ingest -q --db "$db" $inputs || exit 1
rm -f "$out/serve.err"
"$kabar" serve --db "$db" --listen 127.0.0.1:0 2>"$out/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
port=""
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
  port=$(sed -n 's/.*serving .* at http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$out/serve.err")
  [ -n "$port" ] && break
  sleep 0.25
done
if [ -z "$port" ]; then
  echo "not ok browser: the server did not start: $(cat "$out/serve.err")"
  echo "# browser: 0 passed, 1 failed"
  exit 1
fi
echo "== browser test on http://127.0.0.1:$port/ ($inputs)"
node tests/browser/test_dashboard.js "http://127.0.0.1:$port/" "$out"
