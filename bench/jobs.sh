#!/usr/bin/env bash
# bench/jobs.sh — long work off the event loops (QUALITY.md, reliability 9):
# on `daam demo --scale large` (206,019 people), as admin, a whole-registry
# export (identified CSV, identified XLSX, coded CSV) runs as a job while
# bench/latency.py sends GET /healthz and GET /orgs/123 every 10 ms each on
# keep-alive connections; reported: the longest wait and p50/p99 of those
# requests, beside the same probe with nothing else running; the export's
# total time (start to done, by polling /api/v1/jobs/ID every 100 ms), the
# download's time and size, and the rows of the CSV against the people count.
# DAAM_BEFORE_BIN=path/to/an/older/daam measures the same exports on it
# (answered directly on the event loop) for comparison, labelled
# DAAM_BEFORE_LABEL.  The server runs with
# its default event loops (one per core).  Writes bench/results/jobs.md.
# Figures are reported, not asserted; the target is no request waiting more
# than 50 ms because of an export.
set -euo pipefail
cd "$(dirname "$0")/.."
DAAM=${DAAM_BIN:-$PWD/build/daam}
BEFORE=${DAAM_BEFORE_BIN:-}
BEFORE_LABEL=${DAAM_BEFORE_LABEL:-before (direct)}   # e.g. "ce18155 (direct)"
PAGE=/orgs/123
out=bench/results/jobs.md
tmp=$(mktemp -d)
dpid=
ppid=
cleanup() {
	[ -n "$ppid" ] && touch "$tmp/stop" && wait "$ppid" 2>/dev/null
	[ -n "$dpid" ] && kill "$dpid" 2>/dev/null && wait "$dpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
command -v python3 >/dev/null || { echo "jobs.sh: python3 is needed"; exit 1; }

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }

echo "jobs.sh: generating the demo data (daam demo --scale large)…"
t0=$(now)
"$DAAM" demo --scale large --db "$tmp/daam.db" >/dev/null
gen_s=$(secs "$t0" "$(now)")
people=$(sqlite3 "$tmp/daam.db" "SELECT count(*) FROM people WHERE merged_into IS NULL")

serve() { # binary
	"$1" serve --db "$tmp/daam.db" --listen 127.0.0.1:0 --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
	dpid=$!
	for _ in $(seq 100); do grep -q listening "$tmp/serve.out" && break; sleep 0.1; done
	port=$(grep -o '127.0.0.1:[0-9]*' "$tmp/serve.out" | cut -d: -f2)
	base="http://127.0.0.1:$port"
	rm -f "$tmp/jar"
	curl -s -c "$tmp/jar" -b "$tmp/jar" "$base/login" -o "$tmp/login.html"
	local csrf
	csrf=$(grep -o 'name="csrf" value="[^"]*"' "$tmp/login.html" | head -1 | sed 's/.*value="//;s/"//')
	curl -s -c "$tmp/jar" -b "$tmp/jar" -d "csrf=$csrf&name=admin&password=daam-demo-2026" "$base/login" -o /dev/null
	cookie="sid=$(awk '$6 == "sid" {print $7}' "$tmp/jar")"
}
stop_server() {
	kill "$dpid"
	wait "$dpid" 2>/dev/null || true
	dpid=
}

probe_start() {
	rm -f "$tmp/stop"
	python3 bench/latency.py 127.0.0.1 "$port" "$cookie" "$tmp/stop" 0.01 /healthz "$PAGE" >"$tmp/probe.txt" &
	ppid=$!
	sleep 0.5
}
probe_stop() { # sets probe: "healthz p50/p99/max | page p50/p99/max | errors"
	touch "$tmp/stop"
	wait "$ppid"
	ppid=
	probe=$(awk -v page="$PAGE" '
		$1 == "/healthz" { h = $3 " / " $4 " / **" $5 "**"; e += $6; n += $2 }
		$1 == page { p = $3 " / " $4 " / **" $5 "**"; e += $6; n += $2 }
		END { printf "%s | %s | %d of %d", h, p, e, n }' "$tmp/probe.txt")
}

state_of() { # job id
	curl -s -b "$cookie" "$base/api/v1/jobs/$1" | grep -o '"state":"[a-z]*"' | cut -d'"' -f4
}

rows_of() { # file format
	if [ "$2" = csv ]; then echo $(($(wc -l <"$1") - 1)); else echo "—"; fi
}

# One export as a job: "seconds to done | download seconds | MiB | rows"
job_export() { # query format
	local t0 loc id st t1 dl
	t0=$(now)
	loc=$(curl -s -o /dev/null -w '%{redirect_url}' -b "$cookie" "$base/people/export?$1")
	id=${loc##*/jobs/}
	[ -n "$id" ] && [ "$id" != "$loc" ] || { echo "jobs.sh: no job for $1 (got '$loc')" >&2; exit 1; }
	while :; do
		st=$(state_of "$id")
		case $st in queued|running) sleep 0.1 ;; done) break ;; *) echo "jobs.sh: job $id ended $st" >&2; exit 1 ;; esac
	done
	t1=$(now)
	dl=$(curl -s -b "$cookie" -o "$tmp/export.$2" -w '%{time_total}' "$base/jobs/$id/download")
	echo "$(secs "$t0" "$t1") | $(printf '%.2f' "$dl") | $(awk -v b="$(wc -c <"$tmp/export.$2")" 'BEGIN {printf "%.1f", b / 1048576}') | $(rows_of "$tmp/export.$2" "$2")"
}

# The same export answered directly (a daam from before jobs): "seconds (status) | — | MiB | rows"
direct_export() { # query format
	local r
	rm -f "$tmp/export.$2"
	touch "$tmp/export.$2"
	r=$(curl -s -b "$cookie" -o "$tmp/export.$2" -w '%{http_code} %{time_total}' "$base/people/export?$1")
	echo "$(printf '%.1f' "${r#* }") (HTTP ${r%% *}) | — | $(awk -v b="$(wc -c <"$tmp/export.$2")" 'BEGIN {printf "%.1f", b / 1048576}') | $(rows_of "$tmp/export.$2" "$2")"
}

exports=(
	"format=csv&identified=1|csv|identified CSV"
	"format=xlsx&identified=1|xlsx|identified XLSX"
	"format=csv|csv|coded CSV"
)

measure() { # binary label kind(job|direct)
	serve "$1"
	probe_start
	sleep 3
	probe_stop
	echo "| $2 | nothing else running | — | — | — | — | $probe |" >>"$tmp/rows.md"
	for e in "${exports[@]}"; do
		IFS='|' read -r query format label <<<"$e"
		echo "jobs.sh: $2: $label…"
		probe_start
		if [ "$3" = job ]; then r=$(job_export "$query" "$format"); else r=$(direct_export "$query" "$format"); fi
		sleep 0.2
		probe_stop
		echo "| $2 | $label | $r | $probe |" >>"$tmp/rows.md"
	done
	stop_server
}

: >"$tmp/rows.md"
load0=$(cut -d' ' -f1-3 /proc/loadavg)
measure "$DAAM" "jobs" job
[ -n "$BEFORE" ] && measure "$BEFORE" "$BEFORE_LABEL" direct

loops=$(nproc)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
mkdir -p bench/results
{
	echo "# Long work off the event loops"
	echo
	echo "Measured $(date -u +%Y-%m-%d) on $loops cores ($cpu), loopback, by \`bench/jobs.sh\`"
	echo "(part of \`make bench\`; \`DAAM_BEFORE_BIN=…\` adds the same run on an older daam)."
	echo
	echo "- Data: \`daam demo --scale large\` — $people people, generated in $gen_s s."
	echo "- Server: \`daam serve\` with its default $loops event loops; jobs on at most 2 niced workers."
	[ -n "$BEFORE" ] && echo "- \"$BEFORE_LABEL\": the same exports on an older daam, answered directly on an event loop."
	echo "- Load average before and after (the machine is shared): $load0 → $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "- While each export runs, \`bench/latency.py\` sends GET /healthz and GET $PAGE (an organization's"
	echo "  page) every 10 ms each, as the signed-in admin, on keep-alive connections; times are client-side,"
	echo "  in ms: p50 / p99 / **longest**.  The export's time runs from its request to its job being done"
	echo "  (polled every 100 ms); the download is timed apart; rows are the CSV's lines after its header."
	echo
	echo "| daam | export (as admin) | time to done s | download s | MiB | rows | /healthz p50 / p99 / max ms | $PAGE p50 / p99 / max ms | errors of requests |"
	echo "|---|---|---|---|---|---|---|---|---|"
	cat "$tmp/rows.md"
	echo
	echo "Target (QUALITY.md): no request waits more than 50 ms because of an export."
} >"$out"
cat "$out"
