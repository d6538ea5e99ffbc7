#!/bin/sh
# Run each fuzz target (build/fuzz/NAME, `make fuzz` builds them) for
# FUZZ_SECONDS, on a working corpus in build/fuzz/corpus/NAME seeded
# from fuzz/corpus/NAME; crashes go to build/fuzz/crashes/NAME-*, the
# log to build/fuzz/NAME.log.  Print one line per target with its
# executions and findings; fail if any target found something.
# Usage: fuzz/run.sh [NAME...] (default: all of fuzz/fuzz_*.c)
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-60}
[ $# -gt 0 ] || set -- $(ls fuzz/fuzz_*.c | sed 's|fuzz/||; s|\.c$||')
mkdir -p build/fuzz/crashes
found=0
for t in "$@"; do
	bin=build/fuzz/$t
	if [ ! -x "$bin" ]; then
		echo "$t: not built (make fuzz)"
		found=1
		continue
	fi
	mkdir -p "build/fuzz/corpus/$t"
	seeds=""
	[ -d "fuzz/corpus/$t" ] && seeds="fuzz/corpus/$t"
	before=$(ls build/fuzz/crashes | grep -c "^$t-")
	# ASan's leak check at exit and UBSan's stacks; libFuzzer writes
	# the input of any report into the crashes directory
	ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
	UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
	"$bin" -max_total_time="$secs" -timeout=60 -rss_limit_mb=2560 \
	    -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix="build/fuzz/crashes/$t-" \
	    "build/fuzz/corpus/$t" $seeds >"build/fuzz/$t.log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' \
	    "build/fuzz/$t.log" | tail -n 1)
	new=$(($(ls build/fuzz/crashes | grep -c "^$t-") - before))
	if [ "$rc" -ne 0 ] || [ "$new" -gt 0 ]; then
		echo "$t: ${runs:-?} runs in ${secs} s, FOUND $new (exit $rc," \
		    "see build/fuzz/$t.log)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
		    "build/fuzz/$t.log" | head -n 5
		found=1
	else
		echo "$t: ${runs:-?} runs in ${secs} s, nothing found"
	fi
done
[ "$found" -eq 0 ]
