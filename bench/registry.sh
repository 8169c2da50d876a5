#!/usr/bin/env bash
# bench/registry.sh — the partners registry at large scale (10,000
# organizations, 200,000 people from `daam demo --scale large`):
#  - time to generate the data;
#  - server time (from daam's access log) p50/p99 of the heaviest pages,
#    200 sequential requests each;
#  - wrk (keep-alive, 64 connections, --threads 1 server) on the organization
#    list and the search page, beside nginx serving the same bytes (gzip on);
#  - resident memory after the load; compressed bytes of every page;
#  - every list, filter and count per role (the director: every office; a
#    program officer: one office), p50/p99 server time; with
#    BENCH_BEFORE=/path/to/older/daam the same pages of an older build are
#    measured side by side (its own demo database and server, page by page
#    in turn, so both share the same minutes of a shared CPU).
# Writes bench/results/registry.md, keeping its "## Earlier figures" section.
# Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/nginx.sh
DAAM=${DAAM_BIN:-$PWD/build/daam}
DURATION=${BENCH_SECONDS:-10}
out=bench/results/registry.md
BEFORE=${BENCH_BEFORE:-}
BEFORE_LABEL=${BENCH_BEFORE_LABEL:-$BEFORE}
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; [ -n "${bpid:-}" ] && kill "$bpid" 2>/dev/null; [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null; rm -rf "$tmp"; }
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

# signs in as a demo user: the visitor CSRF cookie, then the form; prints "sid=…"
login() { # base user
  local jar="$tmp/jar.$2.$RANDOM"
  curl -s -c "$jar" -b "$jar" "$1/login" -o "$jar.html"
  local csrf
  csrf=$(grep -o 'name="csrf" value="[^"]*"' "$jar.html" | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -d "csrf=$csrf&name=$2&password=daam-demo-2026" "$1/login" -o /dev/null
  echo "sid=$(awk '$6 == "sid" {print $7}' "$jar")"
}
cookie=$(login "$base" admin)

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

# the earlier figures the file keeps (its "## Earlier figures" section, as is)
[ -f "$out" ] && sed -n '/^## Earlier figures/,$p' "$out" > "$tmp/earlier.md" || : > "$tmp/earlier.md"
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

# ---- every list, filter and count per role (before/after side by side) ----
# Ids from the data: a community (the smallest), a governorate, an
# organization of office 1 with members.
community=$(sqlite3 "$tmp/daam.db" 'select place_id from people group by 1 order by count(*), 1 limit 1')
governorate=$(sqlite3 "$tmp/daam.db" 'select id from places where level = 1 order by id limit 1')
org1=$(sqlite3 "$tmp/daam.db" 'select m.org_id from memberships m join orgs o on o.id = m.org_id where o.office_id = 1 group by 1 order by count(*) desc, 1 limit 1')
lists=(
  "/|start page (its counts)"
  "/people|people"
  "/people?gender=f|people: gender"
  "/people?age=18-25|people: age band"
  "/people?gender=f&age=18-25|people: gender and age"
  "/people?place=$community|people: a community"
  "/people?place=$governorate|people: a governorate"
  "/people?gender=f&age=18-25&place=$community|people: gender, age and community"
  "/people?org=$org1|people: an organization's members"
  "/people?page=21|people: page 21 by number (OFFSET, past the counted thousand)"
  "next20:/people|people: page 21 by the pager's next links (keyset)"
  "/people?gender=f&age=18-25&page=10|people: gender and age, page 10 by number (OFFSET)"
  "next9:/people?gender=f&age=18-25|people: gender and age, page 10 by the pager (keyset)"
  "/orgs|organizations"
  "/orgs?kind=initiative&stage=incubated|organizations: kind and stage"
  "/orgs?sector=1|organizations: a sector"
  "/orgs?place=$governorate|organizations: a governorate"
  "/orgs?sort=new|organizations: newest first"
  "/orgs?page=20|organizations: page 20 by number (OFFSET)"
  "next19:/orgs|organizations: page 20 by the pager (keyset)"
)
roles=(director officer)
LIST_REQS=${BENCH_LIST_REQUESTS:-100}
# the older build is slow on some lists (seconds a request): fewer requests
BEFORE_REQS=${BENCH_BEFORE_REQUESTS:-20}
if [ -n "$BEFORE" ]; then
  "$BEFORE" demo --scale large --db "$tmp/before.db" >/dev/null
  "$BEFORE" serve --db "$tmp/before.db" --listen 127.0.0.1:0 --threads 1 >"$tmp/bserve.out" 2>>"$tmp/baccess.log" &
  bpid=$!
  for _ in $(seq 50); do grep -q listening "$tmp/bserve.out" && break; sleep 0.1; done
  bbase="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$tmp/bserve.out" | cut -d: -f2)"
fi
declare -A rcookie bcookie
for role in "${roles[@]}"; do
  rcookie[$role]=$(login "$base" "$role")
  [ -n "$BEFORE" ] && bcookie[$role]=$(login "$bbase" "$role")
done
# LIST_REQS sequential requests on one keep-alive connection, after 5 unmeasured ones
measure() { # base cookie log marker path requests
  local urls=() _
  for _ in $(seq 5); do urls+=(-o /dev/null "$1$5"); done
  curl -s -H "Cookie: $2" -H 'Accept-Encoding: gzip' "${urls[@]}"
  urls=()
  for _ in $(seq "$6"); do urls+=(-o /dev/null "$1$5"); done
  sleep 0.05; echo "== $4" >> "$3"; sleep 0.05
  curl -s -H "Cookie: $2" -H 'Accept-Encoding: gzip' "${urls[@]}"
  sleep 0.05
}
# "nextN:PATH": the page reached from PATH by following its pager's next
# link N times as this user (the links carry the key of the page's last row)
follow_next() { # base cookie path times
  local path=$3 i href
  for ((i = 0; i < $4; i++)); do
    href=$(curl -s -H "Cookie: $2" "$1$path" | grep -o '<a href="[^"]*" rel="next"' | head -1 | sed 's/<a href="//;s/" rel="next"//;s/&amp;/\&/g')
    [ -n "$href" ] || break
    path=$href
  done
  echo "$path"
}
for role in "${roles[@]}"; do
  for entry in "${lists[@]}"; do
    path=${entry%%|*}; key="$role|$path"; bpath=$path
    if [[ $path == next* ]]; then
      n=${path%%:*}; n=${n#next}
      [ -n "$BEFORE" ] && bpath=$(follow_next "$bbase" "${bcookie[$role]}" "${path#*:}" "$n")
      path=$(follow_next "$base" "${rcookie[$role]}" "${path#*:}" "$n")
    fi
    [ -n "$BEFORE" ] && measure "$bbase" "${bcookie[$role]}" "$tmp/baccess.log" "$key" "$bpath" "$BEFORE_REQS"
    measure "$base" "${rcookie[$role]}" "$tmp/access.log" "$key" "$path" "$LIST_REQS"
  done
done
# p50/p99 per marker of an access log, server time and the request's own
# CPU time (cpu=, µs): "marker<TAB>p50 | p99 | cpu p50 | cpu p99"
percentiles() {
  awk '
    function sort(a, n,   i, j, x) { for (i = 1; i < n; i++) { x = a[i]; for (j = i - 1; j >= 0 && a[j] > x; j--) a[j+1] = a[j]; a[j+1] = x } }
    /^== / { if (n) flush(); key = substr($0, 4); n = 0; next }
    / [0-9]+us u=/ {
      c[n] = "–"
      for (i = 1; i <= NF; i++) {
        if ($i ~ /^[0-9]+us$/) { v = $i; sub(/us$/, "", v); t[n] = v + 0 }
        if ($i ~ /^cpu=/) { v = $i; sub(/^cpu=/, "", v); c[n] = v + 0 }
      }
      n++
    }
    function flush() {
      sort(t, n); if (c[0] != "–") sort(c, n)
      print key "\t" t[int(n*0.5)] " | " t[int(n*0.99)] " | " c[int(n*0.5)] " | " c[int(n*0.99)]; n = 0
    }
    END { if (n) flush() }' "$1"
}
percentiles "$tmp/access.log" > "$tmp/lists.tsv"
[ -n "$BEFORE" ] && percentiles "$tmp/baccess.log" > "$tmp/blists.tsv"
{
echo
echo "## Every list, filter and count per role ($LIST_REQS sequential requests each, one connection, µs)"
echo
echo "The director sees every office; the program officer one office (the people of the office and the members of"
echo "its organizations, src/registry/scope_sql.h).  Community $community (the smallest), governorate $governorate,"
echo "organization $org1.  Server time is the access log's (wall clock, request in to answer out); CPU is the"
echo "serving thread's own CPU time for the request (the log's cpu=), which the other processes sharing the CPU"
echo "do not inflate.  Load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
if [ -n "$BEFORE" ]; then
  echo "Before: $BEFORE_LABEL, on its own fresh demo database, $BEFORE_REQS requests a page, measured page by page in"
  echo "turn with this build."
  echo
  echo "| list | role | before p50 | before p99 | before CPU p50 | before CPU p99 | p50 | p99 | CPU p50 | CPU p99 |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
else
  echo
  echo "| list | role | p50 | p99 | CPU p50 | CPU p99 |"
  echo "|---|---|---|---|---|---|"
fi
for entry in "${lists[@]}"; do
  path=${entry%%|*}; label=${entry#*|}
  for role in "${roles[@]}"; do
    row=$(awk -F'\t' -v k="$role|$path" '$1 == k {print $2}' "$tmp/lists.tsv")
    if [ -n "$BEFORE" ]; then
      brow=$(awk -F'\t' -v k="$role|$path" '$1 == k {print $2}' "$tmp/blists.tsv")
      echo "| $label (\`$path\`) | $role | $brow | $row |"
    else
      echo "| $label (\`$path\`) | $role | $row |"
    fi
  done
done
} > "$tmp/lists.md"
[ -n "$BEFORE" ] && { kill "$bpid"; wait "$bpid" 2>/dev/null || true; bpid=; }

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
echo "- Target (issue 8): every list, filter and count under 10 ms p99 server time on one core."
cat "$tmp/lists.md"
if [ -s "$tmp/earlier.md" ]; then echo; cat "$tmp/earlier.md"; fi
} >> "$out"
cat "$out"
