#!/bin/sh
# make soak (issue 8): tests/e2e/crash.sh at soak size, on SQLite and
# then on PostgreSQL when a private cluster starts (scripts/pg.sh).
# The sizes are environment variables (defaults below); the logs go to
# tests/out/soak-*.log.  Prints one line per engine and "N passed, N
# failed"; fails if anything failed.
cd "$(dirname "$0")/.."
export TAIZHANG=${TAIZHANG:-./taizhang}
export SOAK_ROUNDS=${SOAK_ROUNDS:-100}
export SOAK_WRITERS=${SOAK_WRITERS:-16}
export SOAK_KILL_MS=${SOAK_KILL_MS:-3000}
export SOAK_BACKUPS=${SOAK_BACKUPS:-10}
export SOAK_BACKUP_MS=${SOAK_BACKUP_MS:-5000}
export SOAK_FULL_KB=${SOAK_FULL_KB:-16384}
mkdir -p tests/out
pass=0 fail=0

# run NAME LOG [env...]: crash.sh, its figures and closing line summed
run() {
	name=$1 log=$2
	shift 2
	env "$@" tests/e2e/crash.sh >"$log" 2>&1
	rc=$?
	grep -E '^(FAIL|# (crash|backup|full|skip))' "$log" | sed "s/^/$name: /"
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=${line%% passed*}
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	if [ -z "$line" ]; then
		echo "$name: no result line (exit $rc), see $log"
		fail=$((fail + 1))
		return
	fi
	echo "$name: $line"
	pass=$((pass + p))
	fail=$((fail + f))
	[ "$rc" -eq 0 ] || [ "$f" -ne 0 ] || fail=$((fail + 1))
}

echo "soak: $SOAK_ROUNDS kills, $SOAK_WRITERS writers, $SOAK_BACKUPS backups"
run sqlite tests/out/soak-sqlite.log

if [ "${TAIZHANG_TEST_NO_PG:-0}" = 1 ]; then
	echo "postgresql: skipped (TAIZHANG_TEST_NO_PG=1)"
else
	export TAIZHANG_PG_DIR="${TMPDIR:-/tmp}/taizhang-pg-soak-$(id -u)-$$"
	trap 'scripts/pg.sh stop' EXIT
	trap 'exit 130' INT TERM
	if scripts/pg.sh start >tests/out/pg-soak-start.log 2>&1 &&
	    db=$(scripts/pg.sh createdb soak_crash); then
		run postgresql tests/out/soak-postgresql.log TAIZHANG_E2E_DB="$db"
		scripts/pg.sh dropdb soak_crash || true
		scripts/pg.sh stop
	else
		echo "postgresql: not run, the cluster did not start ($(tail -n 1 tests/out/pg-soak-start.log))"
	fi
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
