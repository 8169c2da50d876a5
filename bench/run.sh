#!/usr/bin/env bash
# bench/run.sh — `make bench`: every benchmark, results in bench/results/.
#   http.sh      the login page beside nginx (small database)
#   registry.sh  the registry at large scale: lists and search beside nginx,
#                server time p50/p99, RSS, bytes per page
#   import.sh    CSV import rate (when present)
#   jobs.sh      request waits while whole-registry exports run as jobs
#   search_eval.py  does search find the person: recall@1/@10 and MRR per
#                kind of query (Latin spellings, typos) on 3,000 Arabic names
#   backup.sh    encrypted and plain backup and restore, small and large
#   retention.sh the purge and a person's own data at large scale
#   incubation.sh the gaps across organizations and a cohort's results at large scale
#   activities.sh the people reached and the start page at 2,000,000 marks
#   workspace.sh  the rooms: weeks, the use of the rooms, the public pages and the booking API
set -euo pipefail
cd "$(dirname "$0")"
./http.sh
./registry.sh
[ -x ./import.sh ] && ./import.sh
./jobs.sh
./search_eval.py
./backup.sh
[ -x ./retention.sh ] && ./retention.sh
./incubation.sh
[ -x ./activities.sh ] && ./activities.sh
[ -x ./workspace.sh ] && ./workspace.sh
echo "bench: results in bench/results/"
