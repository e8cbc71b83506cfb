#!/bin/sh
# web_deps.sh -- installs the dashboard's browser libraries (uPlot,
# cytoscape, topojson-client and world-atlas's outline) and the browser test's driver (playwright-core) at the versions
# pinned in package-lock.json, with `npm ci`; the build then embeds the
# libraries' minified files into kabar (Makefile, build/gen/web.c).  Needs
# npm (Debian: apt-get install npm) and the npm registry once; nothing is
# fetched when kabar runs.
cd "$(dirname "$0")/.." || exit 1
if ! command -v npm >/dev/null 2>&1; then
  sh tools/deps.sh npm || exit 1
fi
echo "kabar: npm ci (the dashboard's pinned libraries, package-lock.json)"
npm ci --no-audit --no-fund --loglevel=error >/dev/null || {
  echo "kabar: npm ci failed; the dashboard needs node_modules/ (see docs/API.md)" >&2
  exit 1
}
touch node_modules/.package-lock.json
