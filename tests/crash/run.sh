#!/usr/bin/env bash
# crash/run.sh — crash-safety test: CRASH_ROUNDS (default 20) rounds of
# "serve, write offices from 4 connections, SIGKILL at a random moment, check
# integrity and that every acknowledged write is there", then a check of the
# whole database and of `daam backup` under write load + `daam restore`.
# The work is done by crash.py beside this file (python3 + the sqlite3 shell).
# Ends with "crash: N passed, N failed"; exits non-zero on any failure.
# DAAM_BIN selects the binary (default build/daam).
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
DAAM_BIN=${DAAM_BIN:-$PWD/$BUILD/daam}
ROUNDS=${CRASH_ROUNDS:-20}

fail() { echo "crash: $*"; echo "crash: 0 passed, 1 failed"; exit 1; }
[ -x "$DAAM_BIN" ] || fail "no daam binary at $DAAM_BIN (run make)"
command -v python3 >/dev/null || fail "python3 is needed"
command -v sqlite3 >/dev/null || fail "the sqlite3 shell is needed (apt-get install sqlite3)"
case $ROUNDS in '' | *[!0-9]*) fail "CRASH_ROUNDS must be a number" ;; esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$DAAM_BIN" demo --db "$work/crash.db" >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "daam demo failed"; }

python3 tests/crash/crash.py "$DAAM_BIN" "$work/crash.db" "$work" "$ROUNDS"
rc=$?
if [ $rc -ne 0 ] && [ -s "$work/serve.err" ]; then
	echo "-- server stderr (last lines):"
	tail -n 20 "$work/serve.err"
fi
exit $rc
