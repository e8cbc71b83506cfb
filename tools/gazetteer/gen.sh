#!/bin/sh
# gen.sh -- regenerates data/gazetteer/{countries,adm1,cities}.txt from
# Debian's libgeonames data (GeoNames, CC-BY 4.0).  Needs
# `apt-get install libgeonames-dev` (not a build dependency of kabar: the
# library is GPL-3 and kabar never links it).  Run from the source root.
set -e
out=${1:-data/gazetteer}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O1 -o "$tmp/gen" tools/gazetteer/gen_gazetteer.c \
  $(pkg-config --cflags --libs geonames)
"$tmp/gen" tools/gazetteer/countries.tsv \
  /usr/share/locale/id/LC_MESSAGES/geonames.mo "$out"
