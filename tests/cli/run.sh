#!/bin/sh
# run.sh EXPECTED_EXIT COMMAND [ARG...]
#
# Runs COMMAND and prints, for CTest's PASS_REGULAR_EXPRESSION to match:
#   <its stdout>--- stderr
#   <its stderr>--- exit <its exit code>
# PASS_REGULAR_EXPRESSION ignores exit codes, so the expressions end with the
# '--- exit N' line; without one, this script's own status says whether
# COMMAND exited EXPECTED_EXIT.
expected=$1
shift
err=$(mktemp) || exit 99
"$@" 2>"$err"
status=$?
echo "--- stderr"
cat "$err"
rm -f "$err"
echo "--- exit $status"
test "$status" -eq "$expected"
