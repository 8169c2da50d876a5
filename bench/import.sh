#!/usr/bin/env bash
# bench/import.sh — CSV import rate of `daam import`, duplicate flags on:
#  - a 200,000-row people CSV with realistic Arabic names (and Latin
#    spellings, phones, communities, organizations) exported with sqlite3
#    from `daam demo --scale large`, and its 10,000 organizations;
#  - three runs, each into a fresh `daam init` database: the organizations
#    first (so the people's organization column matches), then the people,
#    timed from the command's start to its exit (read, check, flag, write,
#    commit); the median of the three gives the rate;
#  - once more into the demo database itself (206,019 people registered),
#    where every row is also compared with the registered people;
#  - a dry run (check and flag only, nothing written).
# With BENCH_BEFORE=/path/to/older/daam each run also imports the same file
# with the older build, just before (side by side, the same minutes of a
# shared CPU), and the table shows both.
# Writes bench/results/import.md, keeping its "## Earlier figures" section.  Figures are reported, not asserted; the
# target is 200,000 rows in under 10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
RUNS=${BENCH_RUNS:-3}
out=bench/results/import.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
command -v sqlite3 >/dev/null || { echo "import.sh: sqlite3 is needed (apt-get install sqlite3)"; exit 1; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", b - a}'; }

echo "import.sh: generating the demo data (daam demo --scale large)…"
"$DAAM" demo --scale large --db "$tmp/demo.db" >/dev/null
sqlite3 "$tmp/demo.db" <<SQL
.headers on
.mode csv
.once $tmp/people.csv
SELECT p.name_ar AS name, p.name_latin AS name_latin, p.gender AS gender, p.birth_year AS birth_year,
  (SELECT phone FROM person_phones WHERE person_id = p.id ORDER BY id LIMIT 1) AS phone,
  pl.name_ar AS community,
  (SELECT o.name_ar FROM memberships m JOIN orgs o ON o.id = m.org_id WHERE m.person_id = p.id ORDER BY m.id LIMIT 1) AS organization
FROM people p LEFT JOIN places pl ON pl.id = p.place_id
WHERE p.merged_into IS NULL ORDER BY p.id LIMIT 200000;
.once $tmp/orgs.csv
SELECT o.name_ar AS name, o.name_en AS name_en, o.kind AS kind, o.stage AS stage, f.code AS office,
  pl.name_ar AS community,
  (SELECT group_concat(s.code, ', ') FROM org_sectors x JOIN sectors s ON s.id = x.sector_id WHERE x.org_id = o.id) AS sectors
FROM orgs o LEFT JOIN offices f ON f.id = o.office_id LEFT JOIN places pl ON pl.id = o.place_id ORDER BY o.id;
SQL
rows=$(($(wc -l < "$tmp/people.csv") - 1))
org_rows=$(($(wc -l < "$tmp/orgs.csv") - 1))
bytes=$(wc -c < "$tmp/people.csv")

# one run: fresh database, organizations, then the timed people import
run_import() { # n [daam] -> "seconds flags cpu_seconds"
  local db="$tmp/run$1.db" bin=${2:-$DAAM}
  rm -f "$db"*
  "$bin" init --db "$db" >/dev/null
  "$bin" import orgs "$tmp/orgs.csv" --db "$db" >/dev/null 2>"$tmp/orgs$1.err"
  local t0 t1
  t0=$(now)
  # the command's own CPU time (user + system) too: the wall clock of a shared CPU varies with the neighbours
  { TIMEFORMAT='%U %S'; time "$bin" import people "$tmp/people.csv" --db "$db" >"$tmp/report$1.txt" 2>"$tmp/people$1.err"; } 2>"$tmp/cpu$1.txt"
  t1=$(now)
  local n
  n=$(sqlite3 "$db" "SELECT count(*) FROM people")
  [ "$n" = "$rows" ] || { echo "import.sh: run $1 wrote $n people, expected $rows"; cat "$tmp/people$1.err"; exit 1; }
  local flags
  flags=$(grep -o '[0-9]* possible duplicates\? flagged' "$tmp/people$1.err" | grep -o '^[0-9]*')
  echo "$(secs "$t0" "$t1") $flags $(awk '{printf "%.2f", $1 + $2}' "$tmp/cpu$1.txt")"
}

times=() btimes=() cpus=() bcpus=()
run_before() {
  read -r bs bflags bcpu < <(run_import "b$i" "$BENCH_BEFORE")
  echo "import.sh: run $i, before: $rows rows in $bs s ($bcpu s CPU)"
  btimes+=("$bs") bcpus+=("$bcpu")
}
for i in $(seq "$RUNS"); do
  # with an older build, the two take turns going first (the second one
  # shares the disk with the first one's write-back)
  [ -n "${BENCH_BEFORE:-}" ] && [ $((i % 2)) = 1 ] && run_before
  read -r s flags cpu < <(run_import "$i")
  cpus+=("$cpu")
  [ -n "${BENCH_BEFORE:-}" ] && [ $((i % 2)) = 0 ] && run_before
  echo "import.sh: run $i: $rows rows in $s s, $cpu s CPU ($flags possible duplicates flagged)"
  times+=("$s")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
rate=$(awk -v r="$rows" -v s="$median" 'BEGIN {printf "%.0f", r / s}')
members=$(sqlite3 "$tmp/run1.db" "SELECT count(*) FROM memberships")
audit=$(sqlite3 "$tmp/run1.db" "SELECT detail FROM audit_log WHERE action = 'import' AND entity = 'people'")
orgs_s=$(grep -o 'in [0-9.]* s' "$tmp/orgs1.err" | grep -o '[0-9.]*')

# dry run: check and flag only, into a fresh database with the organizations
"$DAAM" init --db "$tmp/dry.db" >/dev/null
"$DAAM" import orgs "$tmp/orgs.csv" --db "$tmp/dry.db" >/dev/null 2>&1
t0=$(now)
"$DAAM" import people "$tmp/people.csv" --db "$tmp/dry.db" --dry-run >/dev/null 2>"$tmp/dry.err"
t1=$(now)
dry_s=$(secs "$t0" "$t1")

# into the populated demo database: every row also compared with 206,019 registered people
registered=$(sqlite3 "$tmp/demo.db" "SELECT count(*) FROM people")
t0=$(now)
"$DAAM" import people "$tmp/people.csv" --db "$tmp/demo.db" >/dev/null 2>"$tmp/demo.err"
t1=$(now)
demo_s=$(secs "$t0" "$t1")
demo_flags=$(grep -o '[0-9]* possible duplicates\? flagged' "$tmp/demo.err" | grep -o '^[0-9]*')

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mkdir -p bench/results
# the earlier figures the file keeps (its "## Earlier figures" section, as is)
[ -f "$out" ] && sed -n '/^## Earlier figures/,$p' "$out" > "$tmp/earlier.md" || : > "$tmp/earlier.md"
{
  echo "# CSV import benchmark"
  echo
  echo "Generated by \`bench/import.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM."
  echo
  echo "Reproduce: \`make && bench/import.sh\` (or \`make bench\`); \`BENCH_RUNS=5 bench/import.sh\` for more runs."
  echo
  echo "The file: $rows people exported from \`daam demo --scale large\` (Arabic names of three words,"
  echo "Latin spellings for 60%, one phone each, community and organization names), $((bytes / 1024 / 1024)) MiB of UTF-8."
  echo "Each run imports it with \`daam import people FILE.csv --db DB\` into a fresh \`daam init\` database"
  echo "holding only the $org_rows organizations (imported first with \`daam import orgs\` in ${orgs_s} s)."
  echo "The time is the whole command: reading, validating every cell, matching communities and organizations by"
  echo "folded name, flagging likely duplicates (same phone, or same phonetic key with similar names and birth"
  echo "years at most one apart — within the file and against registered people) and writing every person, phone,"
  echo "membership and search entry in one transaction."
  echo
  med() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
  if [ -n "${BENCH_BEFORE:-}" ]; then
    echo "Before: ${BENCH_BEFORE_LABEL:-$BENCH_BEFORE}, run in turn with this build (the same file, the same minutes;"
    echo "the older build first in odd runs, second in even runs)."
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores."
    echo
    echo "| run | seconds | CPU seconds | before: seconds | before: CPU seconds |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for i in "${!times[@]}"; do echo "| $((i + 1)) | ${times[$i]} | ${cpus[$i]} | ${btimes[$i]} | ${bcpus[$i]} |"; done
    echo
    echo "**Median: $median s for $rows rows = $rate rows/s, $(med "${cpus[@]}") s CPU** (target: 200,000 rows in under 10 s);"
    echo "before: $(med "${btimes[@]}") s, $(med "${bcpus[@]}") s CPU."
  else
    echo "| run | seconds | CPU seconds |"
    echo "| --- | ---: | ---: |"
    for i in "${!times[@]}"; do echo "| $((i + 1)) | ${times[$i]} | ${cpus[$i]} |"; done
    echo
    echo "**Median: $median s for $rows rows = $rate rows/s** (target: 200,000 rows in under 10 s)."
  fi
  echo
  echo "| also measured | |"
  echo "| --- | --- |"
  echo "| possible duplicates flagged (the demo repeats names and phones on purpose) | $flags |"
  echo "| memberships written | $members |"
  echo "| audit entry | \`import people $audit\` (one for the file) |"
  echo "| dry run (\`--dry-run\`: read, check and flag only; nothing written) | $dry_s s |"
  echo "| into the demo database ($registered people registered: every row also compared with them) | $demo_s s, $demo_flags flags |"
  if [ -s "$tmp/earlier.md" ]; then echo; cat "$tmp/earlier.md"; fi
} > "$out"
cat "$out"
