#!/bin/sh
# Run every test program and the end-to-end test; sum their closing
# lines into one "N passed, N failed" and fail if anything failed.
cd "$(dirname "$0")/.."
# BUILD: where the test programs are (build, or build/asan for make
# check); TAIZHANG: the binary the end-to-end tests run.
BUILD=${BUILD:-build}
export TAIZHANG=${TAIZHANG:-./taizhang}
pass=0 fail=0 broken=0
mkdir -p tests/out
for t in "$BUILD"/tests/test_* tests/e2e/*.sh; do
	case $t in *.d) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" >"tests/out/$name.log" 2>&1
	rc=$?
	line=$(grep -E '[0-9]+ passed, [0-9]+ failed' "tests/out/$name.log" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*\b\([0-9][0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
	if [ -z "$line" ]; then
		echo "$name: no result line (exit $rc)"
		broken=$((broken + 1))
		tail -n 20 "tests/out/$name.log"
		continue
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
		echo "$name: $p passed, $f failed (exit $rc)"
		grep -E 'FAIL|ERROR|runtime error|AddressSanitizer' "tests/out/$name.log" | head -n 20
		[ "$f" -eq 0 ] && broken=$((broken + 1))
	else
		echo "$name: $p passed"
	fi
done
fail=$((fail + broken))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
