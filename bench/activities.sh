#!/usr/bin/env bash
# bench/activities.sh — the activities module at large scale (`daam demo
# --scale large`: the registry's 200,000 people, then 20,000 activities and
# about 2,000,000 attendance marks):
#  - time to generate the whole demo, and the database's size;
#  - server time (daam's access log: the request's wall time and its own
#    CPU time, cpu=) p50/p99 of the start page and the people-reached report,
#    100 sequential requests each, for the director (every office) and a
#    program officer (one office), over the whole history, one year and one
#    month; the API's reach; the activities list.
# Targets (issue 11): the start page under 50 ms, the report under 200 ms.
# Writes bench/results/activities.md.  Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
N=${BENCH_REQUESTS:-100}
out=bench/results/activities.md
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

t0=$(date +%s.%N)
"$DAAM" demo --scale large --db "$tmp/daam.db" >/dev/null
t1=$(date +%s.%N)
gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
db_mb=$(du -m "$tmp/daam.db" | cut -f1)
marks=$(sqlite3 "$tmp/daam.db" "SELECT count(*) FROM attendance")
acts=$(sqlite3 "$tmp/daam.db" "SELECT count(*) FROM activities")

. bench/lib.sh
bench_serve "$tmp/daam.db" "$tmp"
year=$(date -u +%Y)
last=$((year - 1))
pages=(
  "director|/|start page (every office, this year)"
  "officer|/|start page (one office, this year)"
  "director|/reach|report, whole history, every office"
  "director|/reach?from=$last-01-01&to=$last-12-31|report, one year, every office"
  "director|/reach?from=$last-03-01&to=$last-03-31|report, one month, every office"
  "officer|/reach|report, whole history, one office"
  "officer|/reach?from=$last-01-01&to=$last-12-31|report, one year, one office"
  "director|/api/v1/reach?from=$last-01-01&to=$last-12-31|API reach, one year (cookie)"
  "director|/reach.xlsx?from=$last-01-01&to=$last-12-31|report as XLSX, one year"
  "director|/activities|activities list"
  "officer|/activities/1|an activity's page"
)
declare -A cookies
for who in director officer; do cookies[$who]=$(bench_login "$who" "$tmp"); done
for entry in "${pages[@]}"; do
  IFS='|' read -r who path label <<<"$entry"
  bench_get "${cookies[$who]}" "$label" "$path" "$N"
done
rss=$(awk '/VmRSS/ {print $2}' "/proc/$dpid/status")

{
  echo "# Activities at large scale"
  echo
  echo "Measured by \`bench/activities.sh\` (\`make bench\`) on $(date -u +%Y-%m-%d), $(nproc) cores shared with other work;"
  echo "\`daam serve --threads 1\`. Demo: $acts activities, $marks attendance marks over the registry's people;"
  echo "generated in ${gen_s} s (the whole demo: registry and activities), database ${db_mb} MB."
  echo "Server RSS after the run: $((rss / 1024)) MiB."
  echo
  echo "Server time per request ($N sequential requests each): wall time in the server and the"
  echo "serving thread's own CPU time (the access log's cpu=), which other processes sharing the CPU do not inflate."
  echo "Targets (issue 11): start page < 50 ms, report < 200 ms."
  echo
  echo "| page | p50 ms | p99 ms | cpu p50 ms | cpu p99 ms |"
  echo "|---|---|---|---|---|"
  bench_table "$tmp/access.log"
  echo
  echo "How: the people reached are counted from activity_people (one row per activity and person,"
  echo "its attendance counters and first and last day kept by every mark), not from the marks; the"
  echo "whole history from reach_all (one row per person and office reached). People merged away are"
  echo "mapped to the record kept from the few rows with merged_into; each survivor is counted once with"
  echo "a bitmap over person ids. The breakdowns read the people and the memberships in one scan each"
  echo "when many are reached (a join in SQL costs eight times more), by seeks when few."
} > "$out"
cat "$out"
