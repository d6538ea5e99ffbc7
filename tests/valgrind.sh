#!/bin/sh
# make valgrind: the end-to-end test (tests/e2e/e2e.sh, SQLite) with every
# taizhang process it starts, the server and the commands, under
# valgrind's memcheck; fails when valgrind reports any error (invalid
# reads or writes, uninitialised values, definite leaks at exit) or the
# test itself fails.  Slow (the gazetteer load alone takes minutes), so
# not part of make test.  Logs in tests/out/valgrind/.
cd "$(dirname "$0")/.." || exit 1
out=$PWD/tests/out/valgrind
rm -rf "$out"
mkdir -p "$out"
cat >"$out/taizhang" <<EOS
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite --trace-children=no \\
    --log-file=$out/vg.%p.log $PWD/taizhang "\$@"
EOS
chmod +x "$out/taizhang"
TAIZHANG=$out/taizhang tests/e2e/e2e.sh >"$out/e2e.log" 2>&1
rc=$?
runs=$(ls "$out"/vg.*.log 2>/dev/null | wc -l)
bad=$(find "$out" -name 'vg.*.log' -size +0c | wc -l)
echo "valgrind: $runs taizhang processes, $bad with errors (logs in tests/out/valgrind)"
for f in $(find "$out" -name 'vg.*.log' -size +0c | head -n 3); do
	head -n 30 "$f"
done
tail -n 1 "$out/e2e.log"
[ "$rc" -eq 0 ] && [ "$bad" -eq 0 ]
