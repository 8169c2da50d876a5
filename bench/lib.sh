# bench/lib.sh — what the large-scale benchmarks share (sourced, not run):
#   bench_serve DB DIR      starts `daam serve --threads 1` on DB, its access
#                           log in DIR/access.log; sets $base and $dpid
#   bench_login USER DIR    signs USER in (the demo's password); prints "sid=…"
#   bench_get COOKIE LABEL URL N   N sequential GETs, marked LABEL in the log
#   bench_table LOG         the markdown rows "| label | p50 | p99 | cpu p50 | cpu p99 |"
#                           (ms) of every labelled run of requests in LOG
bench_serve() {
  "$DAAM" serve --db "$1" --listen 127.0.0.1:0 --threads 1 >"$2/serve.out" 2>>"$2/access.log" &
  dpid=$!
  for _ in $(seq 100); do grep -q listening "$2/serve.out" && break; sleep 0.1; done
  base="http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$2/serve.out" | cut -d: -f2)"
}

bench_login() {
  local jar="$2/jar.$1"
  curl -s -c "$jar" -b "$jar" "$base/login" -o "$jar.html"
  local csrf
  csrf=$(grep -o 'name="csrf" value="[^"]*"' "$jar.html" | head -1 | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -d "csrf=$csrf&name=$1&password=daam-demo-2026" "$base/login" -o /dev/null
  echo "sid=$(awk '$6 == "sid" {print $7}' "$jar")"
}

bench_get() {
  local urls=()
  for _ in $(seq "$4"); do urls+=(-o /dev/null "$base$3"); done
  echo "== $2" >> "$tmp/access.log"
  sleep 0.05
  if [ -n "$1" ]; then curl -s -H "Cookie: $1" "${urls[@]}"; else curl -s "${urls[@]}"; fi
  sleep 0.05
}

bench_table() {
  python3 - "$1" <<'PY'
import re, sys
rows, label, t, c = [], None, [], []
def flush():
    if label and t:
        t.sort(); c.sort()
        n = len(t); i50 = n // 2; i99 = min(n - 1, int(n * 0.99))
        rows.append("| %s | %.1f | %.1f | %.1f | %.1f |" % (label, t[i50] / 1000, t[i99] / 1000, c[i50] / 1000, c[i99] / 1000))
for line in open(sys.argv[1], errors="replace"):
    line = line.lstrip()
    if line.startswith("== "):
        flush(); label, t, c = line[3:].strip(), [], []
    elif line.startswith(("GET ", "POST ")):
        f = line.split()
        t.append(int(f[4].rstrip("us")))
        m = re.search(r"cpu=(\d+)", line)
        c.append(int(m.group(1)) if m else 0)
flush()
print("\n".join(rows))
PY
}
