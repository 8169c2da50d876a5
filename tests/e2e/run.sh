#!/usr/bin/env bash
# e2e/run.sh — browser tests: starts daam on a fresh demo database and runs
# tests/e2e/*.test.mjs (node's test runner, playwright-core driving Debian's
# /usr/bin/chromium; no browser is ever downloaded).  Screenshots are written
# to build/e2e/.  Ends with the line "e2e: N passed, N failed" and exits
# non-zero on any failure.  DAAM_BIN selects the binary (default build/daam).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BUILD:-build}
DAAM_BIN=${DAAM_BIN:-$ROOT/$BUILD/daam}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_BROWSERS_PATH=/nonexistent-no-download
export DAAM_SHOTS=${DAAM_SHOTS:-$ROOT/build/e2e}

fail() { echo "e2e: $*"; echo "e2e: 0 passed, 1 failed"; exit 1; }

[ -x "$DAAM_BIN" ] || fail "no daam binary at $DAAM_BIN (run make)"
[ -x /usr/bin/chromium ] || fail "no /usr/bin/chromium (apt-get install chromium)"
command -v node >/dev/null || fail "no node"
if [ ! -f node_modules/playwright-core/package.json ]; then
	echo "e2e: installing playwright-core from package-lock.json"
	npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
		npm install --no-audit --no-fund --loglevel=error >/dev/null ||
		fail "npm could not install playwright-core"
fi

tmp=$(mktemp -d)
pid=
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

"$DAAM_BIN" demo --db "$tmp/e2e.db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; fail "daam demo failed"; }
"$DAAM_BIN" serve --db "$tmp/e2e.db" --listen 127.0.0.1:0 --quiet >"$tmp/serve.out" 2>"$tmp/serve.err" &
pid=$!
url=
for _ in $(seq 1 100); do
	url=$(grep -ao 'listening on http://127\.0\.0\.1:[0-9]*/' "$tmp/serve.out" | head -n 1 | sed 's/^listening on //')
	[ -n "$url" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/serve.out" "$tmp/serve.err"; fail "server did not start"; }
echo "e2e: server at $url (pid $pid)"
mkdir -p "$DAAM_SHOTS"

DAAM_URL=$url node --test --test-reporter=tap tests/e2e/ >"$tmp/node.out" 2>&1
rc=$?
cat "$tmp/node.out"
passed=$(grep -a '^# pass ' "$tmp/node.out" | tail -n 1 | awk '{print $3}')
failed=$(grep -a '^# fail ' "$tmp/node.out" | tail -n 1 | awk '{print $3}')
passed=${passed:-0}; failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
	echo "e2e: node --test exited with $rc"
	failed=1
fi

# The server must still be up after the browser's visits and stop cleanly on
# SIGTERM (this is counted as one more check).
if kill -0 "$pid" 2>/dev/null; then
	kill -TERM "$pid"
	for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$pid" 2>/dev/null; then
		echo "e2e: not ok - server still running 10 s after SIGTERM"
		failed=$((failed + 1))
	else
		wait "$pid"; src=$?
		if [ "$src" -eq 0 ]; then
			echo "e2e: ok - server stopped cleanly on SIGTERM"
			passed=$((passed + 1))
		else
			echo "e2e: not ok - server exited with $src on SIGTERM"; tail -n 30 "$tmp/serve.err"
			failed=$((failed + 1))
		fi
	fi
	pid=
else
	echo "e2e: not ok - server died during the tests"; tail -n 30 "$tmp/serve.err"
	failed=$((failed + 1))
fi

echo "e2e: screenshots in $DAAM_SHOTS"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
