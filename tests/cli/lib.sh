# lib.sh -- what every tests/cli/test_*.sh shares, sourced after the
# script sets nothing: BUILD from $1, $kabar, a scratch folder $t removed
# on exit (a script with more to clean up sets its own trap after), the
# pass/fail counters and the checks below.  A script ends with
# `finish NAME`, which prints "# NAME: N passed, N failed" (the line
# tests/run.sh adds up) and exits non-zero when a check failed.
build=${1:-build}
kabar="$build/kabar"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect STATUS DESCRIPTION -- compares $rc, the last command's status
expect() {
  if [ "$rc" -eq "$1" ]; then ok; else fail "$2: exit $rc, want $1"; fi
}
# contains FILE TEXT DESCRIPTION / lacks FILE TEXT DESCRIPTION
contains() {
  if grep -qF -- "$2" "$1"; then ok; else fail "$3: '$2' not in $(head -c 600 "$1")"; fi
}
lacks() {
  if grep -qF -- "$2" "$1"; then fail "$3: '$2' in $(head -c 600 "$1")"; else ok; fi
}
# empty FILE DESCRIPTION
empty() {
  if [ ! -s "$1" ]; then ok; else fail "$2: not empty: $(head -c 300 "$1")"; fi
}
# same FILE1 FILE2 DESCRIPTION -- byte for byte
same() {
  if cmp -s "$1" "$2"; then ok; else fail "$3: $1 and $2 differ"; fi
}

finish() {
  echo "# $1: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
