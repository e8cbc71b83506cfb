#!/bin/sh
# tidy.sh BUILD [FILE...] -- clang-tidy (config: .clang-tidy) on every
# source file of the library and the command (or on FILE...), with the
# build's flags.  Exit status 1 on any finding.  Run by `make tidy`.
build=${1:-build}
shift
[ $# -gt 0 ] || set -- src/*.c src/util/*.c src/cli/*.c
# TIDY_CFLAGS: the packages' flags, from the Makefile (PKG_CFLAGS)
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc -I$build/gen ${TIDY_CFLAGS:-}"
status=0
for f in "$@"; do
  # shellcheck disable=SC2086
  clang-tidy --quiet "$f" -- $flags 2>/dev/null || status=1
done
[ "$status" -eq 0 ] && echo "clang-tidy: $# files, no findings"
exit "$status"
