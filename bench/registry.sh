#!/usr/bin/env bash
# bench/registry.sh — the partners registry at large scale (10,000
# organizations, 200,000 people from `daam demo --scale large`):
#  - time to generate the data;
#  - server time (from daam's access log) p50/p99 of the heaviest pages,
#    200 sequential requests each;
#  - wrk (keep-alive, 64 connections, --threads 1 server) on the organization
#    list and the search page, beside nginx serving the same bytes (gzip on);
#  - resident memory after the load; compressed bytes of every page.
# Writes bench/results/registry.md.  Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx.sh
DAAM=${DAAM_BIN:-$PWD/build/daam}
DURATION=${BENCH_SECONDS:-10}
out=bench/results/registry.md
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

t0=$(date +%s.%N)
"$DAAM" demo --scale large --db "$tmp/daam.db" >/dev/null
t1=$(date +%s.%N)
gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')

"$DAAM" serve --db "$tmp/daam.db" --listen 127.0.0.1:0 --threads 1 >"$tmp/serve.out" 2>>"$tmp/access.log" &
dpid=$!
for _ in $(seq 50); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.out" | cut -d: -f2)
base="http://127.0.0.1:$port"

# sign in as admin: the visitor CSRF cookie, then the form
curl -s -c "$tmp/jar" -b "$tmp/jar" "$base/login" -o "$tmp/login.html"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$tmp/login.html" | head -1 | sed 's/.*value="//;s/"//')
curl -s -c "$tmp/jar" -b "$tmp/jar" -d "csrf=$csrf&name=admin&password=daam-demo-2026" "$base/login" -o /dev/null
sid=$(awk '$6 == "sid" {print $7}' "$tmp/jar")
cookie="sid=$sid"

q_common=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("محمد"))')
q_two=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("احمد العلي"))')
pages=(
  "/|home"
  "/orgs|organization list"
  "/orgs?kind=initiative&stage=incubated|organization list, filtered"
  "/people|people list"
  "/people?gender=f&age=18-25|people list, filtered"
  "/search?q=$q_common|search: a common name (محمد)"
  "/search?q=$q_two|search: two words (احمد العلي)"
  "/search?q=Mohammed+Alali|search: Latin spelling"
  "/api/v1/people?q=$q_common|API people search"
  "/people/12345|a person's page"
  "/orgs/123|an organization's page"
)

# server time: 200 sequential requests per page on one keep-alive connection
# (the server appends to access.log with O_APPEND, as do the markers)
for entry in "${pages[@]}"; do
  path=${entry%%|*}
  urls=()
  for _ in $(seq 200); do urls+=(-o /dev/null "$base$path"); done
  echo "== $path" >> "$tmp/access.log"
  sleep 0.05
  curl -s -H "Cookie: $cookie" -H 'Accept-Encoding: gzip' "${urls[@]}"
  sleep 0.05
done

{
echo "# The registry at large scale"
echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), loopback."
echo "Reproduce: \`make bench\` or \`bench/registry.sh\` (BENCH_SECONDS for wrk's duration)."
echo
echo "- Data: \`daam demo --scale large\` — $(sqlite3 "$tmp/daam.db" 'select count(*) from orgs') organizations,"
echo "  $(sqlite3 "$tmp/daam.db" 'select count(*) from people') people — generated in ${gen_s} s."
echo
echo "## Server time per page (daam's access log, 200 sequential requests, one connection)"
echo
echo "| page | p50 µs | p99 µs | bytes sent (gzip) |"
echo "|---|---|---|---|"
} > "$out"
awk -v out="$out" '
  /^== / { if (n) flush(); path = $2; n = 0; next }
  / [0-9]+us u=/ { for (i = 1; i <= NF; i++) if ($i ~ /us$/) { v = $i; sub(/us$/, "", v); t[n++] = v + 0; b = $(i-1) } }
  function flush(   i, j, x) {
    for (i = 1; i < n; i++) { x = t[i]; for (j = i - 1; j >= 0 && t[j] > x; j--) t[j+1] = t[j]; t[j+1] = x }
    times[path] = t[int(n*0.5)] " | " t[int(n*0.99)] " | " b
  }
  END { if (n) flush(); for (p in times) print p "\t" times[p] }
' "$tmp/access.log" > "$tmp/times.tsv"
for entry in "${pages[@]}"; do
  path=${entry%%|*}; label=${entry#*|}
  row=$(awk -F'\t' -v p="$path" '$1 == p {print $2}' "$tmp/times.tsv")
  echo "| $label (\`$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$path")\`) | $row |" >> "$out"
done

# throughput beside nginx on the same bytes
mkdir -p "$tmp/www"
curl -s -H "Cookie: $cookie" "$base/orgs" -o "$tmp/www/orgs.html"
curl -s -H "Cookie: $cookie" "$base/search?q=$q_common" -o "$tmp/www/search.html"
start_nginx "$tmp"
kill "$dpid"; wait "$dpid" 2>/dev/null || true
"$DAAM" serve --db "$tmp/daam.db" --listen "127.0.0.1:$port" --threads 1 --quiet >"$tmp/serve2.out" 2>&1 &
dpid=$!
for _ in $(seq 50); do grep -q listening "$tmp/serve2.out" && break; sleep 0.1; done
rate() { wrk -t1 -c64 -d"${DURATION}s" -H 'Accept-Encoding: gzip' "$@" | awk '/Requests\/sec/ {print $2}'; }
o_daam=$(rate -H "Cookie: $cookie" "$base/orgs")
s_daam=$(rate -H "Cookie: $cookie" "$base/search?q=$q_common")
rss=$(ps -o rss= -p "$dpid" | tr -d ' ')
o_ngx=$(rate "http://127.0.0.1:$nport/orgs.html")
s_ngx=$(rate "http://127.0.0.1:$nport/search.html")
{
echo
echo "## Throughput beside nginx (wrk -t1 -c64 -d${DURATION}s, gzip; daam --threads 1, nginx 1 worker, same bytes)"
echo
echo "| page | daam req/s | nginx req/s (static copy) | ratio |"
echo "|---|---|---|---|"
echo "| organization list | $o_daam | $o_ngx | $(awk -v a="$o_daam" -v b="$o_ngx" 'BEGIN {printf "%.2f", a/b}') |"
echo "| search, common name | $s_daam | $s_ngx | $(awk -v a="$s_daam" -v b="$s_ngx" 'BEGIN {printf "%.2f", a/b}') |"
echo
echo "- daam resident memory after the load: $rss KiB."
echo "- Target (issue 3): search under 20 ms server time at 200,000 people."
} >> "$out"
cat "$out"
