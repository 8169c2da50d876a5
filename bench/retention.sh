#!/usr/bin/env bash
# bench/retention.sh — the purge and a person's own data at large scale:
#  - `daam demo --scale large` (206,019 people), 1 % of the people aged
#    past the 5-year period (record and membership dates), 1,000,000 views
#    and 50,000 membership additions added to the audit log;
#  - `daam purge --dry-run`, then `daam purge` (anonymize, compact the name
#    index, empty the WAL), timed from start to exit;
#  - the server: a person's data page, their JSON file (20 requests each,
#    median and slowest), and one erasure.
# Writes bench/results/retention.md.  Figures are reported, not asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
out=bench/results/retention.md
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
command -v sqlite3 >/dev/null || { echo "retention.sh: sqlite3 is needed"; exit 1; }
command -v curl >/dev/null || { echo "retention.sh: curl is needed"; exit 1; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

echo "retention.sh: generating the demo data (daam demo --scale large)…"
"$DAAM" demo --scale large --db "$tmp/d.db" >/dev/null
sqlite3 "$tmp/d.db" <<'SQL'
UPDATE people SET created_at = created_at - 6 * 31556952, updated_at = updated_at - 6 * 31556952 WHERE id % 100 = 7;
UPDATE memberships SET start_date = '2015-01-01', end_date = '' WHERE person_id % 100 = 7;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 1000000)
INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail)
SELECT strftime('%s','now') - 86400 + i % 80000, 1, 'view', 'person', abs(random()) % 206000 + 1, '' FROM c;
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50000)
INSERT INTO audit_log (at, user_id, action, entity, entity_id, detail)
SELECT strftime('%s','now') - 86400, 1, 'add_member', 'org', i % 900 + 1, 'person=' || (i * 3) FROM c;
SQL
people=$(sqlite3 "$tmp/d.db" "SELECT count(*) FROM people")
audit=$(sqlite3 "$tmp/d.db" "SELECT count(*) FROM audit_log")

t0=$(now); "$DAAM" purge --dry-run --db "$tmp/d.db" > "$tmp/dry.txt"; t1=$(now)
dry=$(secs "$t0" "$t1")
t0=$(now); "$DAAM" purge --db "$tmp/d.db" > "$tmp/purge.txt"; t1=$(now)
purge=$(secs "$t0" "$t1")
anonymized=$(awk '$1 == "people" {print $2}' "$tmp/purge.txt")
wal=$(stat -c %s "$tmp/d.db-wal" 2>/dev/null || echo 0)

"$DAAM" serve --db "$tmp/d.db" --listen 127.0.0.1:0 --quiet > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(grep -ao 'listening on http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.out" | head -n 1 | sed 's/^listening on //;s#/$##' || true)
	[ -n "$url" ] && break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.err"; echo "retention.sh: the server did not start"; exit 1; }
jar="$tmp/jar"
csrf() { grep -o 'name="csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
token=$(curl -s -c "$jar" -b "$jar" "$url/login" | csrf)
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$token" --data-urlencode "name=admin" \
	--data-urlencode "password=daam-demo-2026" --data-urlencode "next=/" "$url/login"
person=$(sqlite3 "$tmp/d.db" "SELECT id FROM people WHERE anonymized_at IS NULL AND merged_into IS NULL ORDER BY id LIMIT 1 OFFSET 5000")
# median and slowest of 20 requests, in milliseconds
timed() {
	for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_total}\n' -b "$jar" "$url$1"; done |
		sort -n | awk '{a[NR] = $1} END {printf "%.1f ms (slowest %.1f ms)", a[int((NR + 1) / 2)] * 1000, a[NR] * 1000}'
}
page=$(timed "/people/$person/data")
json=$(timed "/people/$person/data.json")
token=$(curl -s -b "$jar" "$url/people/$person/data" | csrf)
erase=$(curl -s -o /dev/null -w '%{http_code} in %{time_total}' -b "$jar" --data-urlencode "csrf=$token" "$url/people/$person/erase")

cat > "$out" <<MD
# Retention: the purge and a person's own data at large scale

\`bench/retention.sh\` on $(date -u +%F), $(nproc) cores ($(uname -m)). Database:
\`daam demo --scale large\`, $people people, $audit audit entries (1,000,000
views and 50,000 membership additions added), 1 % of the people aged past
the 5-year period.

| what | figure |
|---|---|
| \`daam purge --dry-run\` (counts only) | $dry s |
| \`daam purge\`: $anonymized people anonymized, name index compacted, WAL emptied | $purge s |
| WAL after the purge | $wal bytes |
| a person's data page (\`/people/ID/data\`), 20 requests | $page |
| their JSON file (\`/people/ID/data.json\`), 20 requests | $json |
| one erasure (\`POST /people/ID/erase\`) | HTTP $erase s |

The purge is one write transaction; most of it is FTS5's \`optimize\` (the
whole name index rewritten so deleted names leave its pages).  An erasure
leaves that rewrite to the next purge, so it holds the writer for
milliseconds.
MD
cat "$out"
