#!/usr/bin/env bash
# run — builds the libFuzzer targets tests/fuzz/fuzz_*.c with clang (ASan +
# UBSan) into build/fuzz/, replays every saved input (seeds/<target>/ and
# regressions/<target>/) once, then fuzzes each target for FUZZ_SECONDS
# (default 60).  A crash found while fuzzing is kept as
# regressions/<target>/crash-… so that later runs replay it; commit it with
# the fix.  `make fuzz` calls this.
#   FUZZ_SECONDS=N   time per target (0: only build and replay)
#   TARGETS="a b"    only these targets (names without fuzz_)
# Ends with "fuzz: N passed, N failed" counting targets; exits 1 on failure.
set -u
cd "$(dirname "$0")/../.."
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
OUT=build/fuzz
# the same libraries as the Makefile's PKGS
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
PKGS=${PKGS:-libevent libevent_pthreads sqlite3 libsodium jansson libdeflate libutf8proc zlib}
CC=${FUZZ_CC:-clang}
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-g -O1 -std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lcsv -lpthread -lm"   # libcsv has no pkg-config file

command -v "$CC" >/dev/null || { echo "fuzz: $CC not found (apt-get install clang)"; echo "fuzz: 0 passed, 1 failed"; exit 1; }
# the embedded catalogs, migrations and assets that src/core/i18n.c and others link to
make -s build/gen/embedded.c build/gen/embedded.h || { echo "fuzz: cannot generate build/gen/embedded.c"; echo "fuzz: 0 passed, 1 failed"; exit 1; }

# 1. daam's sources (without main.c) instrumented, in a static library so
# each target links only what it uses.  Rebuilt when a source or any header
# is newer than its object.  A source that does not compile is left out
# (with its error shown); only the targets that need it then fail to link.
mkdir -p "$OUT/obj"
newest_h=$(ls -t src/*.h src/*/*.h build/gen/embedded.h 2>/dev/null | head -n 1)
objs=()

for src in $(ls src/*.c src/*/*.c | grep -v '^src/main\.c$') build/gen/embedded.c; do
  obj="$OUT/obj/$(echo "${src%.c}" | tr / _).o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$newest_h" -nt "$obj" ]; then
    echo "CC $src"
    if ! $CC $CFLAGS $SAN -fsanitize=fuzzer-no-link -c -o "$obj" "$src" 2>"$OUT/cc.err"; then
      head -n 20 "$OUT/cc.err"; echo "fuzz: $src does not compile; left out"
      rm -f "$obj"; continue
    fi
  fi
  objs+=("$obj")
done
rm -f "$OUT/libdaam.a"
ar rcs "$OUT/libdaam.a" "${objs[@]}"

# 2. the targets
all_targets=$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')
TARGETS=${TARGETS:-$all_targets}
passed=0; failed=0
summary=()
for t in $TARGETS; do
  src=tests/fuzz/fuzz_$t.c bin=$OUT/fuzz_$t
  if [ "$t" = textfold ] && [ ! -f src/core/textfold.h ]; then continue; fi
  echo "== $t"
  if ! $CC $CFLAGS $SAN -fsanitize=fuzzer -o "$bin" "$src" "$OUT/libdaam.a" $LIBS; then
    echo "$t: build failed"; failed=$((failed + 1)); summary+=("$t: build failed"); continue
  fi
  # replay: every seed and every kept regression must pass
  inputs=()
  for f in tests/fuzz/seeds/$t/* tests/fuzz/regressions/$t/*; do [ -f "$f" ] && inputs+=("$f"); done
  if [ ${#inputs[@]} -gt 0 ]; then
    if ! "$bin" -runs=1 "${inputs[@]}" >"$OUT/$t.replay.log" 2>&1; then
      echo "$t: replay failed:"; grep -a -A30 'ERROR\|Running:' "$OUT/$t.replay.log" | tail -n 60
      failed=$((failed + 1)); summary+=("$t: replay of saved inputs failed"); continue
    fi
    echo "$t: replayed ${#inputs[@]} saved inputs"
  fi
  if [ "$FUZZ_SECONDS" -le 0 ]; then passed=$((passed + 1)); summary+=("$t: replay ok"); continue; fi
  # fuzz: new corpus entries go to build/fuzz/corpus/<target> (not kept in git)
  mkdir -p "$OUT/corpus/$t" "tests/fuzz/regressions/$t"
  dict=(); [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="tests/fuzz/regressions/$t/" "${dict[@]}" \
    "$OUT/corpus/$t" "tests/fuzz/seeds/$t" >"$OUT/$t.log" 2>&1
  rc=$?
  runs=$(grep -a 'stat::number_of_executed_units' "$OUT/$t.log" | awk '{print $2}' | tail -n 1)
  eps=$(grep -a 'stat::average_exec_per_sec' "$OUT/$t.log" | awk '{print $2}' | tail -n 1)
  cov=$(grep -a -o 'cov: [0-9]*' "$OUT/$t.log" | tail -n 1)
  if [ $rc -ne 0 ]; then
    echo "$t: CRASH (exit $rc); input kept in tests/fuzz/regressions/$t/"
    grep -a -B2 -A30 '==ERROR\|runtime error\|deadly signal' "$OUT/$t.log" | head -n 60
    failed=$((failed + 1)); summary+=("$t: crash after ${runs:-?} runs")
  else
    passed=$((passed + 1)); summary+=("$t: ${runs:-?} runs in ${FUZZ_SECONDS}s, ${eps:-?} exec/s, ${cov:-cov: ?}")
  fi
done
echo
for s in "${summary[@]}"; do echo "  $s"; done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
