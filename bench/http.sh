#!/usr/bin/env bash
# bench/http.sh — page throughput of daam beside nginx serving
# the identical bytes as a static file (gzip on), on this machine, with wrk
# (keep-alive, 64 connections).  One core for the server (daam --threads 1,
# nginx worker_processes 1), wrk on the other.  Writes bench/results/http.md.
# Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx.sh
DAAM=${DAAM_BIN:-$PWD/build/daam}
DURATION=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
out=bench/results/http.md
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "bench: wrk and nginx are needed (make deps)"; exit 1; }

"$DAAM" demo --db "$tmp/daam.db" >/dev/null
"$DAAM" serve --db "$tmp/daam.db" --listen 127.0.0.1:0 --threads 1 --quiet >"$tmp/serve.out" 2>&1 &
dpid=$!
for _ in $(seq 50); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
dport=$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.out" | cut -d: -f2)

mkdir -p "$tmp/www"
curl -s "http://127.0.0.1:$dport/login" -o "$tmp/www/login.html"
page_bytes=$(stat -c %s "$tmp/www/login.html")
gz_bytes=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$dport/login" | wc -c)

start_nginx "$tmp"

# median requests/s over RUNS runs of wrk
rate() {
  local url=$1 rates=()
  for _ in $(seq "$RUNS"); do
    rates+=("$(wrk -t1 -c64 -d"${DURATION}s" -H 'Accept-Encoding: gzip' "$url" | awk '/Requests\/sec/ {print $2}')")
  done
  printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
daam_rate=$(rate "http://127.0.0.1:$dport/login")
daam_rss=$(ps -o rss= -p "$dpid" | tr -d ' ')
nginx_rate=$(rate "http://127.0.0.1:$nport/login.html")
ratio=$(awk -v a="$daam_rate" -v b="$nginx_rate" 'BEGIN {printf "%.2f", a / b}')

mkdir -p bench/results
cat >"$out" <<MD
# HTTP throughput: the login page

Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),
loopback, \`wrk -t1 -c64 -d${DURATION}s -H 'Accept-Encoding: gzip'\`, median of $RUNS runs.
Reproduce: \`make bench\` (BENCH_SECONDS, BENCH_RUNS to change).

| server | requests/s | ratio to nginx |
|---|---|---|
| daam serve --threads 1 (dynamic page: session lookup, CSRF cookie, libdeflate gzip) | $daam_rate | $ratio |
| nginx $(nginx -v 2>&1 | cut -d/ -f2), 1 worker, the same bytes as a static file, gzip on (level 5) | $nginx_rate | 1.00 |

- Page: $page_bytes bytes of HTML, $gz_bytes bytes gzip-compressed as sent.
- daam resident memory after the runs: $daam_rss KiB.
- Target (issue 2): the login page at half of nginx's rate or better.
MD
cat "$out"
