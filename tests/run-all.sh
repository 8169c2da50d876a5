#!/usr/bin/env bash
# run-all — runs every test suite and ends with one line "N passed, N failed".
#   unit  build/tests/unit/*   cmocka, one file per core module
#   http  build/tests/http/*   cmocka + libcurl against a real daam server
#   crash tests/crash/run.sh   SIGKILL under write load, integrity after restart
#   e2e   tests/e2e/*.test.mjs playwright-core + Debian chromium
# Each suite's counts are read from its own output; a suite that crashes
# counts as one failure.  SUITES="unit http" limits what runs.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export DAAM_BIN="$PWD/$BUILD/daam"
SUITES=${SUITES:-"unit http crash e2e"}
passed=0; failed=0
log=$(mktemp -d)

count_cmocka() { # file -> adds to passed/failed
  local p f
  p=$(grep -ao '\[  PASSED  \] [0-9]* test' "$1" | awk '{s+=$4} END {print s+0}')
  f=$(grep -ao '\[  FAILED  \] [0-9]* test' "$1" | awk '{s+=$4} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  echo "$p passed, $f failed"
}

run_cmocka_dir() { # dir
  for t in "$1"/test_*; do
    [ -x "$t" ] || continue
    local out="$log/$(basename "$t").out"
    CMOCKA_MESSAGE_OUTPUT=stdout "$t" >"$out" 2>&1
    local rc=$?
    printf '%-28s ' "$(basename "$t")"
    count_cmocka "$out"
    if [ $rc -ne 0 ] && ! grep -q 'FAILED' "$out"; then
      echo "  $t exited with $rc:"; tail -n 20 "$out"; failed=$((failed + 1))
    elif [ $rc -ne 0 ]; then
      grep -a -B2 -A8 'FAILED\|ERROR\|Failure' "$out" | head -n 60
    fi
  done
}

for suite in $SUITES; do
  echo "== $suite"
  case $suite in
    unit) run_cmocka_dir "$BUILD/tests/unit" ;;
    http) run_cmocka_dir "$BUILD/tests/http" ;;
    crash|e2e)
      script="tests/$suite/run.sh"
      [ -x "$script" ] || { echo "(no $script)"; continue; }
      out="$log/$suite.out"
      BUILD=$BUILD "$script" 2>&1 | tee "$out"
      rc=${PIPESTATUS[0]}
      line=$(grep -aE '^[a-z0-9-]*:? ?[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1)
      p=$(echo "$line" | grep -o '[0-9]* passed' | grep -o '[0-9]*'); f=$(echo "$line" | grep -o '[0-9]* failed' | grep -o '[0-9]*')
      passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
      if [ $rc -ne 0 ] && [ "${f:-0}" = 0 ]; then echo "$suite exited with $rc"; failed=$((failed + 1)); fi
      ;;
  esac
done
rm -rf "$log"
echo
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $passed -gt 0 ]
