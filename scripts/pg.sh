#!/bin/sh
# A private PostgreSQL cluster for the tests: in a temporary directory,
# on a free loopback port, run by an unprivileged user, C collation,
# UTF8, trust authentication on 127.0.0.1 only, no Unix socket.
#
# Usage: scripts/pg.sh start       start it (if not running); print its
#                                  base URL postgresql://taizhang@127.0.0.1:PORT
#        scripts/pg.sh url         print the base URL of the running cluster
#        scripts/pg.sh createdb N  create database N; print its URL
#        scripts/pg.sh dropdb N    drop database N
#        scripts/pg.sh stop        stop it and remove its directory
#
# TAIZHANG_PG_DIR: the directory (default $TMPDIR/taizhang-pg-UID); give
# each concurrent run its own.  PGBIN: where initdb and pg_ctl are.
# The cluster is for tests only: fsync is off.
set -eu

DIR=${TAIZHANG_PG_DIR:-${TMPDIR:-/tmp}/taizhang-pg-$(id -u)}
DBUSER=taizhang

die() {
	echo "pg.sh: $*" >&2
	exit 1
}

find_bin() {
	if [ -n "${PGBIN:-}" ]; then
		echo "$PGBIN"
		return
	fi
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
		[ -x "$d/initdb" ] && { echo "$d"; return; }
	done
	d=$(command -v initdb 2>/dev/null) && { dirname "$d"; return; }
	return 1
}

# as_owner CMD...: run CMD as the cluster's owner (root may not run
# PostgreSQL: then the postgres user, or nobody)
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$OWNER" -- "$@"
	else
		"$@"
	fi
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null ||
		echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 30000))
}

running() {
	[ -f "$DIR/url" ] && [ -f "$DIR/data/postmaster.pid" ] &&
		as_owner "$BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1
}

# psql_admin SQL: run SQL in the maintenance database
psql_admin() {
	"$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$(cat "$DIR/url")/postgres" -c "$1" >/dev/null
}

BIN=$(find_bin) || die "PostgreSQL is not installed (apt-get install postgresql)"
[ -x "$BIN/initdb" ] && [ -x "$BIN/pg_ctl" ] || die "no initdb or pg_ctl in $BIN"
if [ "$(id -u)" -eq 0 ]; then
	OWNER=postgres
	id "$OWNER" >/dev/null 2>&1 || OWNER=nobody
fi

start() {
	if running; then
		cat "$DIR/url"
		return
	fi
	[ -d "$DIR/data" ] && as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m immediate >/dev/null 2>&1 || true
	rm -rf "$DIR"
	mkdir -p "$DIR"
	chmod 755 "$DIR"
	[ "$(id -u)" -eq 0 ] && chown "$OWNER" "$DIR"
	as_owner "$BIN/initdb" -D "$DIR/data" -U "$DBUSER" --locale=C -E UTF8 \
		--auth=trust >"$DIR/initdb.log" 2>&1 ||
		die "initdb failed: $(tail -n 3 "$DIR/initdb.log")"
	# TCP on 127.0.0.1 only
	echo "host all all 127.0.0.1/32 trust" | as_owner tee "$DIR/data/pg_hba.conf" >/dev/null
	for _ in 1 2 3 4 5; do
		port=$(free_port)
		as_owner tee "$DIR/data/postgresql.auto.conf" >/dev/null <<-EOF
		listen_addresses = '127.0.0.1'
		port = $port
		unix_socket_directories = ''
		max_connections = 200
		shared_buffers = '64MB'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		EOF
		if as_owner "$BIN/pg_ctl" start -D "$DIR/data" -w -t 60 \
		    -l "$DIR/data/server.log" >/dev/null 2>&1; then
			echo "postgresql://$DBUSER@127.0.0.1:$port" >"$DIR/url"
			cat "$DIR/url"
			return
		fi
		# the port may have been taken meanwhile: try another
		grep -q "could not bind\|already in use" "$DIR/data/server.log" 2>/dev/null ||
			break
	done
	die "cannot start PostgreSQL: $(tail -n 3 "$DIR/data/server.log" 2>/dev/null)"
}

stop() {
	if [ -d "$DIR/data" ]; then
		as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m fast -w >/dev/null 2>&1 ||
			as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m immediate >/dev/null 2>&1 || true
	fi
	rm -rf "$DIR"
}

case ${1:-} in
start)	start ;;
stop)	stop ;;
url)	running || die "not running (scripts/pg.sh start)"
	cat "$DIR/url" ;;
createdb)
	[ $# -eq 2 ] || die "usage: pg.sh createdb NAME"
	running || die "not running (scripts/pg.sh start)"
	psql_admin "CREATE DATABASE \"$2\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
	echo "$(cat "$DIR/url")/$2" ;;
dropdb)
	[ $# -eq 2 ] || die "usage: pg.sh dropdb NAME"
	running || die "not running (scripts/pg.sh start)"
	psql_admin "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" ;;
*)	echo "usage: scripts/pg.sh start|stop|url|createdb NAME|dropdb NAME" >&2
	exit 2 ;;
esac
