#!/usr/bin/env bash
# bench/workspace.sh — the shared workspace at large scale (`daam demo
# --scale large`: 40 rooms and about 50,000 bookings over two years, beside
# the registry and the activities):
#  - server time (daam's access log: wall time and the serving thread's CPU
#    time, cpu=) p50/p99 of an office's week, a room's week, the bookings
#    list, the use of the rooms over a year and over the whole history (page
#    and XLSX), the public free/busy week and a room's calendar (ICS);
#  - the API: the rooms, a room's bookings for a month, and making a
#    booking (100 requests on free slots, 100 on a slot an approved booking
#    holds: 201 and 409), each check and write in one transaction.
# Writes bench/results/workspace.md.  Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
N=${BENCH_REQUESTS:-100}
out=bench/results/workspace.md
tmp=$(mktemp -d)
cleanup() { [ -n "${dpid:-}" ] && kill "$dpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
. bench/lib.sh

t0=$(date +%s.%N)
"$DAAM" demo --scale large --db "$tmp/daam.db" >/dev/null
t1=$(date +%s.%N)
gen_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')
q() { sqlite3 "$tmp/daam.db" "$1"; }
rooms=$(q "SELECT count(*) FROM rooms")
bookings=$(q "SELECT count(*) FROM bookings")
approved=$(q "SELECT count(*) FROM bookings WHERE status = 'approved'")
raqqa=$(q "SELECT id FROM offices WHERE code = 'raqqa'")
room=$(q "SELECT r.id FROM rooms r JOIN bookings b ON b.room_id = r.id WHERE r.office_id = $raqqa GROUP BY r.id ORDER BY count(*) DESC LIMIT 1")
today=$(date -u -d '+3 hours' +%Y-%m-%d)
year=$(date -u +%Y)
last=$((year - 1))
token=$("$DAAM" token create --user officer --label bench --db "$tmp/daam.db" | tail -1)

bench_serve "$tmp/daam.db" "$tmp"
declare -A cookies
for who in director officer space donor; do cookies[$who]=$(bench_login "$who" "$tmp"); done
pages=(
  "officer|/schedule?view=week&day=$today|an office's week (every room)"
  "officer|/schedule?view=day&day=$today|an office's day"
  "officer|/rooms/$room?day=$today|a room's week"
  "space|/bookings|the bookings list (coordinator)"
  "director|/rooms/use?from=$last-01&to=$last-12|use of the rooms, one year, every office"
  "director|/rooms/use?from=2000-01&to=2100-12|use of the rooms, whole history, every office"
  "officer|/rooms/use?from=$last-01&to=$last-12|use of the rooms, one year, one office"
  "donor|/rooms/use.xlsx?from=$last-01&to=$last-12|use of the rooms as XLSX, one year"
  "|/space/free?office=$raqqa&day=$today|public free/busy week of an office"
  "|/space/rooms/$room/calendar.ics|public calendar (ICS) of a room"
)
for entry in "${pages[@]}"; do
  IFS='|' read -r who path label <<<"$entry"
  bench_get "${who:+${cookies[$who]}}" "$label" "$path" "$N"
done
# the API, with the officer's token
auth="Authorization: Bearer $token"
api() { # label then curl arguments for each request (one line each on stdin)
  echo "== $1" >> "$tmp/access.log"; sleep 0.05
  while read -r line; do eval "curl -s -o /dev/null -H \"\$auth\" $line"; done
  sleep 0.05
}
for _ in $(seq "$N"); do echo "'$base/api/v1/rooms'"; done | api "API: the rooms"
for _ in $(seq "$N"); do echo "'$base/api/v1/rooms/$room/bookings?from=$today&to=$(date -u -d '+33 days' +%Y-%m-%d)'"; done |
  api "API: a room's bookings for a month"
# free slots: two hours on open days of the room, a year ahead
python3 - "$tmp/daam.db" "$room" "$N" <<'PY' > "$tmp/slots"
import sqlite3, sys, datetime
db = sqlite3.connect(sys.argv[1]); room = int(sys.argv[2]); n = int(sys.argv[3])
opens, closes, closed = db.execute("SELECT opens, closes, closed_days FROM rooms WHERE id = ?", (room,)).fetchone()
day = datetime.date.today() + datetime.timedelta(days=400); out = []
h0 = int(opens[:2])
while len(out) < n:
    if str((day.weekday() + 1) % 7) not in closed:
        for h in range(h0, int(closes[:2]) - 1, 2):
            out.append("%sT%02d:00 %sT%02d:00" % (day, h, day, h + 2))
    day += datetime.timedelta(days=1)
for s in out[:n]: print(s)
PY
while read -r s e; do
  echo "-X POST -H 'Content-Type: application/json' -d '{\"room\":$room,\"start\":\"$s\",\"end\":\"$e\",\"purpose\":\"bench\"}' '$base/api/v1/bookings'"
done < "$tmp/slots" | api "API: make a booking (201)"
taken=$(q "SELECT start_at || ' ' || end_at FROM bookings WHERE room_id = $room AND status = 'approved' AND start_at > '$today' ORDER BY start_at LIMIT 1")
read -r ts te <<<"$taken"
for _ in $(seq "$N"); do
  echo "-X POST -H 'Content-Type: application/json' -d '{\"room\":$room,\"start\":\"$ts\",\"end\":\"$te\",\"purpose\":\"bench\"}' '$base/api/v1/bookings'"
done | api "API: a slot already taken (409)"
made=$(q "SELECT count(*) FROM bookings WHERE purpose = 'bench'")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$dpid/status")

{
  echo "# The shared workspace at large scale"
  echo
  echo "Measured by \`bench/workspace.sh\` (\`make bench\`) on $(date -u +%Y-%m-%d), $(nproc) cores shared with other work;"
  echo "\`daam serve --threads 1\`. Demo: $rooms rooms, $bookings bookings ($approved approved) beside the registry and the"
  echo "activities; generated in ${gen_s} s (the whole demo). Server RSS after the run: $((rss / 1024)) MiB."
  echo
  echo "Server time per request ($N sequential requests each): wall time in the server and the serving thread's"
  echo "own CPU time (the access log's cpu=). The API's bookings: $made made on free slots of one room (of $N asked),"
  echo "and $N refused on a slot an approved booking holds."
  echo
  echo "| request | p50 ms | p99 ms | cpu p50 ms | cpu p99 ms |"
  echo "|---|---|---|---|---|"
  bench_table "$tmp/access.log"
} > "$out"
cat "$out"
