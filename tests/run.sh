#!/bin/sh
# Run every test program and the end-to-end test on SQLite, then again
# on PostgreSQL when a private cluster can be started (scripts/pg.sh);
# print a line per engine and sum them into one closing line
# "N passed, N failed"; fail if anything failed.
#
# On PostgreSQL run the test programs that take their store from
# tests/unit/testdb.h (the others open SQLite files themselves).
# TAIZHANG_TEST_NO_PG=1 skips the PostgreSQL pass.
cd "$(dirname "$0")/.."
# BUILD: where the test programs are (build, or build/asan for make
# check); TAIZHANG: the binary the end-to-end tests run.
BUILD=${BUILD:-build}
export TAIZHANG=${TAIZHANG:-./taizhang}
# the exporters' tests compare with LibreOffice (installed by deps.sh test)
export TAIZHANG_NEED_SOFFICE=${TAIZHANG_NEED_SOFFICE:-1}
pass=0 fail=0 broken=0
mkdir -p tests/out

# run_one NAME LOG CMD...: run a test, add its closing line to the sums
run_one() {
	rname=$1 log=$2
	shift 2
	"$@" >"$log" 2>&1
	rc=$?
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	if [ -z "$line" ]; then
		echo "$rname: no result line (exit $rc)"
		broken=$((broken + 1))
		tail -n 20 "$log"
		return
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "$rname: $p passed, $f failed (exit $rc)"
		grep -E 'FAIL|ERROR|runtime error|AddressSanitizer' "$log" | head -n 20
		[ "$f" -eq 0 ] && broken=$((broken + 1))
	else
		echo "$rname: $p passed"
	fi
}

# uses_testdb PROGRAM: its source takes the store from testdb.h (also
# through apitest.h, which includes it)
uses_testdb() {
	grep -Eq '#include "(testdb|apitest)\.h"' "tests/unit/$(basename "$1").c" 2>/dev/null
}

# engine_pass ENGINE: run the tests; print ENGINE's sums and time
engine_pass() {
	engine=$1
	p0=$pass f0=$((fail + broken)) t0=$(date +%s)
	for t in "$BUILD"/tests/test_* tests/e2e/*.sh; do
		case $t in *.d) continue ;; esac
		[ -x "$t" ] || continue
		name=$(basename "$t")
		if [ "$engine" = sqlite ]; then
			run_one "$name" "tests/out/$name.log" "$t"
			continue
		fi
		case $t in
		*.sh)
			dbname="e2e_$$_${name%.sh}"
			db=$(scripts/pg.sh createdb "$dbname") || {
				echo "$name: cannot create its database"
				broken=$((broken + 1))
				continue
			}
			run_one "$name (postgresql)" "tests/out/pg-$name.log" \
				env TAIZHANG_E2E_DB="$db" "$t"
			scripts/pg.sh dropdb "$dbname" || true
			;;
		*)
			uses_testdb "$t" || continue
			run_one "$name (postgresql)" "tests/out/pg-$name.log" \
				env TAIZHANG_TEST_PG="$PG" "$t"
			;;
		esac
	done
	echo "$engine: $((pass - p0)) passed, $((fail + broken - f0)) failed in $(($(date +%s) - t0)) s"
}

engine_pass sqlite

if [ "${TAIZHANG_TEST_NO_PG:-0}" = 1 ]; then
	echo "postgresql: skipped (TAIZHANG_TEST_NO_PG=1)"
else
	# a cluster of this run's own, so that runs do not share one
	export TAIZHANG_PG_DIR="${TMPDIR:-/tmp}/taizhang-pg-$(id -u)-$$"
	trap 'scripts/pg.sh stop' EXIT
	trap 'exit 130' INT TERM
	if PG=$(scripts/pg.sh start 2>tests/out/pg-start.log); then
		engine_pass postgresql
		scripts/pg.sh stop
	else
		echo "postgresql: not run, the cluster did not start ($(tail -n 1 tests/out/pg-start.log))"
	fi
fi

fail=$((fail + broken))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
