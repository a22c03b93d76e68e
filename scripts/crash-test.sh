#!/bin/sh
# Kill -9 durability harness for the store (issue 9): a child process applies
# read/star/archive changes and refreshes in a loop, reporting each
# acknowledged change; it is SIGKILLed at random moments, the database is
# reopened, integrity-checked, and every acknowledged change must be there.
#
#   scripts/crash-test.sh          # 200 trials
#   scripts/crash-test.sh 1000     # more
#
# Prints the table: trials, acknowledged changes, lost, integrity failures.
# Exit status is non-zero if anything was lost or the database was damaged.
set -eu
trials=${1:-${SITREP_CRASH_TRIALS:-200}}
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
echo "store crash test: $trials kill -9 trials ($(go version | cut -d' ' -f3), $(nproc) cores)"
status=0
go test ./store -run '^TestCrashKill9$' -count=1 -v -timeout 0 -crash.trials="$trials" >"$out" 2>&1 || status=$?
grep -E 'crash: ' "$out" | sed 's/^ *crash_test.go:[0-9]*: crash: //'
if [ "$status" -ne 0 ]; then
	echo "FAILED:"
	grep -vE '^(=== RUN|PASS|ok )' "$out" | tail -40
fi
exit "$status"
