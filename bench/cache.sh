#!/usr/bin/env bash
# bench/cache.sh — the readers' page cache and memory map, side by side:
# builds of daam that differ only in DB_READER_CACHE_KIB and
# DB_READER_MMAP_BYTES (src/db/db.c), each serving the same database from
# `daam demo --scale large` with --threads 1, wrk -t1 -c8 on a Latin search,
# the officer's filtered people list and the start page; the variants take
# turns, ROUNDS times, so all share the same minutes of a shared CPU.
# Writes bench/results/cache.md.  Needs the objects of `make build/daam`.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-5}
VARIANTS=${BENCH_VARIANTS:-"2000:0 16384:0 2000:268435456 16384:268435456 65536:268435456"}
out=bench/results/cache.md
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
objs=$(ls build/obj/src/*/*.o build/obj/src/*.o build/obj/embedded.o | grep -v 'src/db/db\.o$')
for v in $VARIANTS; do
  c=${v%%:*} m=${v##*:}
  cc -O2 -std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen -DUTF8PROC_EXPORTS "-DDB_READER_CACHE_KIB=\"$c\"" \
    "-DDB_READER_MMAP_BYTES=\"$m\"" -c src/db/db.c -o "$tmp/db-$c-$m.o"
  # shellcheck disable=SC2086
  cc -o "$tmp/daam-$c-$m" $objs "$tmp/db-$c-$m.o" $(pkg-config --libs libevent_pthreads libevent sqlite3 libsodium jansson libdeflate libutf8proc xlsxwriter zlib) -lcsv -lpthread -lm
done
"$DAAM" demo --scale large --db "$tmp/daam.db" >/dev/null
size=$(($(stat -c %s "$tmp/daam.db") / 1048576))

login() { # base user -> "sid=…"
  local jar="$tmp/jar.$2"
  rm -f "$jar"
  curl -s -c "$jar" -b "$jar" "$1/login" -o "$jar.html"
  local csrf
  csrf=$(grep -o 'name="csrf" value="[^"]*"' "$jar.html" | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -d "csrf=$csrf&name=$2&password=daam-demo-2026" "$1/login" -o /dev/null
  echo "sid=$(awk '$6 == "sid" {print $7}' "$jar")"
}
rate() { wrk -t1 -c8 -d"${DURATION}s" -H 'Accept-Encoding: gzip' "$@" | awk '/Requests\/sec/ {print $2}'; }
declare -A res
for round in $(seq "$ROUNDS"); do
  for v in $VARIANTS; do
    c=${v%%:*} m=${v##*:}
    "$tmp/daam-$c-$m" serve --db "$tmp/daam.db" --listen 127.0.0.1:0 --threads 1 --quiet >"$tmp/serve.out" 2>&1 &
    dpid=$!
    for _ in $(seq 300); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
    base="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.out" | cut -d: -f2)"
    admin=$(login "$base" admin) officer=$(login "$base" officer)
    s=$(rate -H "Cookie: $admin" "$base/search?q=Mohammed+Alali")
    p=$(rate -H "Cookie: $officer" "$base/people?gender=f&age=18-25")
    h=$(rate -H "Cookie: $officer" "$base/")
    rss=$(ps -o rss= -p "$dpid" | tr -d ' ')
    kill "$dpid"; wait "$dpid" 2>/dev/null || true; dpid=
    res[$v]="${res[$v]:-}$s/$p/$h/$rss "
    echo "cache.sh: round $round, cache $c KiB, mmap $m: search $s, people $p, start $h req/s, $rss KiB"
  done
done
{
  echo "# The readers' page cache and memory map"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg) (the CPU is shared). Reproduce: \`bench/cache.sh\`."
  echo
  echo "One database from \`daam demo --scale large\` ($size MiB); each build serves it with \`--threads 1\`"
  echo "(one reader connection); wrk -t1 -c8 -d${DURATION}s per page; the builds take turns, $ROUNDS rounds."
  echo "Pages: a Latin search as admin (\`/search?q=Mohammed+Alali\`), the officer's people list filtered by gender"
  echo "and age, the officer's start page. Each cell: requests per second per round; RSS after the round."
  echo
  echo "| page cache | memory map | search req/s | people filtered req/s | start page req/s | RSS KiB |"
  echo "|---|---|---|---|---|---|"
  for v in $VARIANTS; do
    c=${v%%:*} m=${v##*:}
    cells=$(echo "${res[$v]}" | tr ' ' '\n' | awk -F/ 'NF == 4 {s = s (s ? ", " : "") $1; p = p (p ? ", " : "") $2; h = h (h ? ", " : "") $3; r = r (r ? ", " : "") $4} END {print s "|" p "|" h "|" r}')
    echo "| $c KiB | $((m / 1048576)) MiB | ${cells//|/ | } |"
  done
} > "$out"
cat "$out"
