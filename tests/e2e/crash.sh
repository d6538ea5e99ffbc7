#!/usr/bin/env bash
# Crash safety, a full disk, and a backup taken while writing (issue 8):
#
# 1. Writers create items and post progress updates through the API
#    while `taizhang serve` is killed with SIGKILL at random moments and
#    restarted; every write answered 2xx must still be there and
#    `taizhang check` must pass after each kill.
# 2. Full disk (SQLite, root only): the store on a small tmpfs; writes
#    then fail with 507 disk_full and a Chinese message, reads go on,
#    nothing answered 2xx is lost, and writes work again once space is
#    freed.
# 3. `taizhang backup` while writers run, `taizhang restore` of it into
#    a new path: the restored store passes the check and holds every
#    write acknowledged before the backup began; restore refuses the
#    store the server uses, and once the server is killed restores over
#    it, its -wal left behind (SQLite; PostgreSQL: pg_dump, pg_restore).
#
# Run from the repository root:  tests/e2e/crash.sh
# Binary: $TAIZHANG (default ./taizhang).  Store: $TAIZHANG_E2E_DB (an
# empty PostgreSQL database) or a new SQLite file.  Sizes for `make
# soak`: SOAK_ROUNDS (5 kills), SOAK_WRITERS (4), SOAK_KILL_MS (a kill
# 100..1500 ms after the server is up), SOAK_BACKUPS (1 backup),
# SOAK_BACKUP_MS (writing before and after each backup, 1500),
# SOAK_FULL_KB (tmpfs size, 4096).
# Prints "ok - ..." / "FAIL - ..." per check and "N passed, M failed".
set -u

BIN=${TAIZHANG:-./taizhang}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
ROUNDS=${SOAK_ROUNDS:-5}
WRITERS=${SOAK_WRITERS:-4}
KILL_MS=${SOAK_KILL_MS:-1500}
BACKUP_MS=${SOAK_BACKUP_MS:-1500}
BACKUPS=${SOAK_BACKUPS:-1}
FULL_KB=${SOAK_FULL_KB:-4096}
# the interpreter itself: a version manager's shim takes seconds to start
PY=$(python3 -c 'import sys; print(sys.executable)') || exit 1

PASS=0
FAIL=0
SERVER_PID=
WRITER_PIDS=
MNT=
T=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-crash.XXXXXX") || exit 1
DB=${TAIZHANG_E2E_DB:-$T/t.db}

stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -9 "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	SERVER_PID=
}

cleanup() {
	touch "$T/stop" 2>/dev/null
	[ -n "$WRITER_PIDS" ] && kill $WRITER_PIDS 2>/dev/null
	[ -n "$WRITER_PIDS" ] && wait $WRITER_PIDS 2>/dev/null
	stop_server
	[ -n "$MNT" ] && umount "$MNT" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# check NAME CONDITION [DETAIL]: CONDITION is shell code
check() {
	if eval "$2"; then
		PASS=$((PASS + 1))
		echo "ok - $1"
	else
		FAIL=$((FAIL + 1))
		echo "FAIL - $1${3:+: $3}"
	fi
}

fatal() {
	FAIL=$((FAIL + 1))
	echo "FAIL - $1"
	[ -f "$T/server.log" ] && tail -n 20 "$T/server.log" | sed 's/^/# /'
	echo "$PASS passed, $FAIL failed"
	exit 1
}

free_port() {
	"$PY" -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

# sleep_ms N
sleep_ms() {
	sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"
}

# start_server DB PORT: serve DB (the log appended to $T/server.log)
# and wait up to 20 s for /api/v1/status
start_server() {
	"$BIN" serve --db "$1" --listen "127.0.0.1:$2" >>"$T/server.log" 2>&1 </dev/null &
	SERVER_PID=$!
	for _ in $(seq 1 100); do
		curl -s --max-time 2 -o /dev/null "http://127.0.0.1:$2/api/v1/status" && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || return 1
		sleep 0.2
	done
	return 1
}

# api METHOD URL [JSON]: the reply's body to $T/body, its status in STATUS
api() {
	STATUS=$(curl -s --max-time 10 -o "$T/body" -w '%{http_code}' -X "$1" \
	    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
	    ${3:+-d "$3"} "$2")
	[ -n "$STATUS" ] || STATUS=000
}

# The writer N BASE LEDGER: until $T/stop exists, create an item and
# post an update on it, over one kept-alive connection (a new one after
# any error); log each 2xx as "item ID TITLE" / "update ID ITEM TEXT" in
# $T/ack.N (flushed at once), and every other status as "fail STATUS
# BODY" in $T/fail.N.  Content is padded so that a full disk comes sooner.
cat >"$T/writer.py" <<'EOF'
import http.client, json, os, sys, time
w, base, ledger, token, tdir = sys.argv[1:6]
host, port = base.split("//")[1].split(":")
ack = open(os.path.join(tdir, "ack." + w), "a", encoding="utf-8")
fail = open(os.path.join(tdir, "fail." + w), "a", encoding="utf-8")
stop = os.path.join(tdir, "stop")
pad = "0" * 400
hdr = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
conn = None

def post(path, body):
    """The status and JSON reply, or (0, None) when no answer came."""
    global conn
    try:
        if conn is None:
            conn = http.client.HTTPConnection(host, int(port), timeout=10)
        conn.request("POST", path, json.dumps(body, ensure_ascii=False).encode(), hdr)
        r = conn.getresponse()
        data = r.read()
    except (OSError, http.client.HTTPException):
        if conn is not None:
            conn.close()
        conn = None
        time.sleep(0.05)
        return 0, None
    if r.status // 100 != 2:
        fail.write("fail %d %s\n" % (r.status, data.decode("utf-8", "replace")))
        fail.flush()
        time.sleep(0.05)
        return r.status, None
    return r.status, json.loads(data)

n = 0
while not os.path.exists(stop):
    n += 1
    title = "w%s-%d" % (w, n)
    st, it = post("/api/v1/ledgers/%s/items" % ledger, {"title": title, "content": pad})
    if it is None:
        continue
    ack.write("item %d %s\n" % (it["id"], title))
    ack.flush()
    text = title + "-u"
    st, up = post("/api/v1/items/%d/updates" % it["id"],
                  {"text": text + " " + pad, "progress": n % 100})
    if up is not None:
        ack.write("update %d %d %s\n" % (up["id"], it["id"], text))
        ack.flush()
EOF

# start_writers BASE LEDGER, stop_writers
start_writers() {
	local w
	rm -f "$T/stop" "$T"/ack.* "$T"/fail.*
	WRITER_PIDS=
	for w in $(seq 1 "$WRITERS"); do
		: >"$T/ack.$w"
		"$PY" "$T/writer.py" "$w" "$1" "$2" "$TOKEN" "$T" &
		WRITER_PIDS="$WRITER_PIDS $!"
	done
}
stop_writers() {
	touch "$T/stop"
	wait $WRITER_PIDS 2>/dev/null
	WRITER_PIDS=
}

# The verifier: every "item ID TITLE" and "update ID ITEM TEXT" line of
# the files given is present through the API at BASE: the items from
# the item list (500 a page), the updates item by item (four threads,
# each over one kept-alive connection).  Prints "verified: I items,
# U updates" and the missing ones; exit 1 if any is missing.
cat >"$T/verify.py" <<'EOF'
import http.client, json, sys, threading
base, token = sys.argv[1], sys.argv[2]
host, port = base.split("//")[1].split(":")
local = threading.local()

def get(path):
    for attempt in (1, 2):
        if getattr(local, "conn", None) is None:
            local.conn = http.client.HTTPConnection(host, int(port), timeout=60)
        try:
            local.conn.request("GET", path, headers={"Authorization": "Bearer " + token})
            r = local.conn.getresponse()
            data = r.read()
        except (OSError, http.client.HTTPException):
            local.conn.close()
            local.conn = None
            if attempt == 2:
                raise
            continue
        if r.status != 200:
            raise RuntimeError("%s: %d" % (path, r.status))
        return json.loads(data)

items, updates = {}, {}
for name in sys.argv[3:]:
    for line in open(name, encoding="utf-8"):
        p = line.split()
        if len(p) == 3 and p[0] == "item" and p[1]:
            items[int(p[1])] = p[2]
        elif len(p) == 4 and p[0] == "update" and p[1]:
            updates.setdefault(int(p[2]), {})[int(p[1])] = p[3]
missing = []
have, off = {}, 0
while True:
    page = get("/api/v1/items?limit=500&offset=%d" % off)
    for it in page["items"]:
        have[it["id"]] = it["title"]
    off += len(page["items"])
    if not page["items"] or off >= page["total"]:
        break
for iid, title in sorted(items.items()):
    if have.get(iid) != title:
        missing.append("item %d (%s): %r" % (iid, title, have.get(iid)))
todo = sorted(updates.items())
lock = threading.Lock()

def work(part):
    for iid, ups in part:
        try:
            got = {u["id"]: u["text"].split()[0]
                   for u in get("/api/v1/items/%d/updates" % iid)["items"]}
        except Exception as e:
            with lock:
                missing.append("updates of item %d: %s" % (iid, e))
            continue
        for uid, text in ups.items():
            if got.get(uid) != text:
                with lock:
                    missing.append("update %d of item %d (%s): %r" % (uid, iid, text, got.get(uid)))

threads = [threading.Thread(target=work, args=(todo[i::4],)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("verified: %d items, %d updates" % (len(items), sum(len(u) for u in updates.values())))
for m in sorted(missing)[:20]:
    print("missing: " + m)
if missing:
    print("missing: %d acknowledged writes in all" % len(missing))
sys.exit(1 if missing else 0)
EOF

# verify NAME BASE FILES...: run the verifier as a check
verify() {
	local name=$1 base=$2
	shift 2
	"$PY" "$T/verify.py" "$base" "$TOKEN" "$@" >"$T/verify.out" 2>&1
	local rc=$?
	sed 's/^/# /' "$T/verify.out" | head -n 25
	check "$name" '[ $rc -eq 0 ]' "$(grep -v '^verified' "$T/verify.out" | head -n 3 | tr '\n' ' ')"
}

# acks FILES...: the number of acknowledged writes in FILES
acks() {
	cat "$@" 2>/dev/null | grep -c '^\(item\|update\) [0-9]'
}

# setup DB PORT: init DB, take the admin's token, start the server and
# make a ledger; sets BASE and LEDGER
setup() {
	echo 'Crash-pass-123' | "$BIN" init --db "$1" >"$T/init.log" 2>&1 ||
		fatal "taizhang init: $(cat "$T/init.log")"
	TOKEN=$("$BIN" user token --db "$1" admin 2>/dev/null | grep -Eo '[0-9a-f]{64}' | head -n 1)
	[ ${#TOKEN} -eq 64 ] || fatal "taizhang user token gave no token"
	BASE="http://127.0.0.1:$2"
	start_server "$1" "$2" || fatal "server on $1 did not start"
	api POST "$BASE/api/v1/ledgers" '{"name":"崩溃测试","template":"research","year":2026}'
	[ "$STATUS" = 201 ] || fatal "cannot create the ledger: $STATUS $(cat "$T/body")"
	LEDGER=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$T/body")
}

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make)"
case $DB in postgres*) ENGINE=postgresql ;; *) ENGINE=sqlite ;; esac

# ------------------------------------------------------ 1. SIGKILL rounds

PORT=$(free_port)
setup "$DB" "$PORT"
T0=$(date +%s)
start_writers "$BASE" "$LEDGER"
checked=0
for round in $(seq 1 "$ROUNDS"); do
	sleep_ms $((100 + RANDOM % (KILL_MS > 100 ? KILL_MS - 100 : 1)))
	stop_server
	if "$BIN" check --db "$DB" >"$T/check.log" 2>&1; then
		checked=$((checked + 1))
	else
		echo "# round $round: $(cat "$T/check.log")"
	fi
	start_server "$DB" "$PORT" || fatal "round $round: the server did not restart after SIGKILL"
done
sleep_ms 300
stop_writers
check "taizhang check passes after each of $ROUNDS SIGKILLs ($ENGINE)" \
	'[ $checked -eq $ROUNDS ]' "$checked of $ROUNDS"
ACKED=$(acks "$T"/ack.*)
check "writers got acknowledged writes between the kills" '[ "$ACKED" -gt 0 ]'
verify "every acknowledged write survived $ROUNDS SIGKILLs" "$BASE" "$T"/ack.*
OTHER=$(cat "$T"/fail.* 2>/dev/null | cut -d' ' -f2 | sort | uniq -c | tr '\n' ' ')
echo "# crash: $ROUNDS rounds, $WRITERS writers, $ACKED acknowledged writes verified" \
	"in $(($(date +%s) - T0)) s; other answers: ${OTHER:-none}"
check "no write was refused other than by the kill (no 4xx/5xx)" '[ -z "$OTHER" ]' "$OTHER"
cat "$T"/ack.* >"$T/crash.acks"

# ------------------------------------------------ 3. backup while writing

if [ $ENGINE = postgresql ]; then
	echo "# skip - backup and restore: PostgreSQL stores are backed up with pg_dump and restored with pg_restore"
	"$BIN" restore --db "$DB" "$T/none.db" >"$T/restore.log" 2>&1
	rc=$?
	check "taizhang restore on PostgreSQL refuses and names pg_restore" \
		'[ $rc -eq 1 ] && grep -q pg_restore "$T/restore.log"' "$(cat "$T/restore.log")"
else
	# each round: writers, the acknowledged set, a backup, more writing;
	# the backup restored into a new path must hold that set
	RPORT=$(free_port)
	MAIN_PID=$SERVER_PID
	for b in $(seq 1 "$BACKUPS"); do
		start_writers "$BASE" "$LEDGER"
		sleep_ms "$BACKUP_MS"
		cat "$T/crash.acks" "$T"/ack.* >"$T/before.acks"
		"$BIN" backup --db "$DB" "$T/backup.db" >"$T/backup.log" 2>&1
		rc=$?
		sleep_ms "$BACKUP_MS"
		stop_writers
		cat "$T"/ack.* >>"$T/crash.acks"
		BEFORE=$(acks "$T/before.acks")
		check "backup $b: taizhang backup while $WRITERS writers run exits 0" \
			'[ $rc -eq 0 ]' "$(cat "$T/backup.log")"
		rm -f "$T/restored.db"
		"$BIN" restore --db "$T/restored.db" "$T/backup.db" >"$T/restore.log" 2>&1
		rc=$?
		check "backup $b: taizhang restore into a new path exits 0" '[ $rc -eq 0 ]' "$(cat "$T/restore.log")"
		"$BIN" check --db "$T/restored.db" >"$T/check.log" 2>&1
		rc=$?
		check "backup $b: the restored store passes taizhang check" '[ $rc -eq 0 ]' "$(cat "$T/check.log")"
		start_server "$T/restored.db" "$RPORT" || fatal "server on the restored store did not start"
		verify "backup $b: the restored store holds the $BEFORE writes acknowledged before the backup began" \
			"http://127.0.0.1:$RPORT" "$T/before.acks"
		stop_server
		SERVER_PID=$MAIN_PID
		echo "# backup $b: $BEFORE writes acknowledged before it began, $(acks "$T/crash.acks") by the end of the writers"
	done
	"$BIN" restore --db "$DB" "$T/backup.db" >"$T/restore.log" 2>&1
	rc=$?
	check "taizhang restore onto the store a server uses refuses (正在使用中)" \
		'[ $rc -eq 1 ] && grep -q 正在使用中 "$T/restore.log"' "$(cat "$T/restore.log")"
	api GET "$BASE/api/v1/ledgers/$LEDGER/items?limit=1"
	check "the server still serves after the refused restore" '[ "$STATUS" = 200 ]'
	verify "the live store still holds every acknowledged write" "$BASE" "$T/crash.acks"
	# the server killed: its -wal stays; restore must not replay it
	stop_server
	# backups restore refuses, the store left as it was
	SUM=$(cat "$DB" "$DB-wal" 2>/dev/null | cksum)
	printf 'not a database\n' >"$T/junk.db"
	cp "$T/backup.db" "$T/newer.db"
	"$PY" -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO schema_migration VALUES (999, ?, 0)", ("999-future",))
c.commit()' "$T/newer.db"
	cp "$T/backup.db" "$T/torn.db"
	dd if=/dev/urandom of="$T/torn.db" bs=4096 seek=3 count=4 conv=notrunc 2>/dev/null
	for bad in junk newer torn; do
		"$BIN" restore --db "$DB" "$T/$bad.db" >"$T/restore.log" 2>&1
		rc=$?
		check "taizhang restore refuses a $bad backup (exit 1, store unchanged)" \
			'[ $rc -eq 1 ] && [ "$(cat "$DB" "$DB-wal" 2>/dev/null | cksum)" = "$SUM" ]' \
			"exit $rc: $(cat "$T/restore.log")"
		echo "# $bad: $(cat "$T/restore.log")"
	done
	check "restore says why: not a database, newer schema (第999版)" \
		'"$BIN" restore --db "$DB" "$T/junk.db" 2>&1 | grep -q 无法读取备份 &&
		"$BIN" restore --db "$DB" "$T/newer.db" 2>&1 | grep -q 第999版'
	WAL=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
	"$BIN" restore --db "$DB" "$T/backup.db" >"$T/restore.log" 2>&1
	rc=$?
	check "taizhang restore over the killed store (-wal of $WAL bytes) exits 0" \
		'[ $rc -eq 0 ]' "$(cat "$T/restore.log")"
	check "the store restored in place has no -wal or -shm left" \
		'[ ! -e "$DB-wal" ] && [ ! -e "$DB-shm" ]'
	"$BIN" check --db "$DB" >"$T/check.log" 2>&1
	rc=$?
	check "the store restored in place passes taizhang check" '[ $rc -eq 0 ]' "$(cat "$T/check.log")"
	start_server "$DB" "$PORT" || fatal "server on the restored store did not start"
	verify "the store restored in place holds the writes acknowledged before the last backup" \
		"$BASE" "$T/before.acks"
fi
stop_server

# ---------------------------------------------------------- 2. full disk

if [ $ENGINE = postgresql ]; then
	echo "# skip - full disk: SQLite only (a PostgreSQL server's disk is its own)"
elif [ "$(id -u)" != 0 ]; then
	echo "# skip - full disk: needs root to mount a small tmpfs"
elif ! { mkdir -p "$T/full" && mount -t tmpfs -o size=${FULL_KB}k tmpfs "$T/full"; } 2>"$T/mount.log"; then
	echo "# skip - full disk: cannot mount a tmpfs ($(cat "$T/mount.log"))"
else
	MNT=$T/full
	FPORT=$(free_port)
	setup "$MNT/t.db" "$FPORT"
	# fill the disk but a quarter, then let the writers take the rest
	dd if=/dev/zero of="$MNT/filler" bs=64k 2>/dev/null
	truncate -s -$((FULL_KB / 4))K "$MNT/filler"
	start_writers "$BASE" "$LEDGER"
	full=0
	for _ in $(seq 1 300); do
		if cat "$T"/fail.* 2>/dev/null | grep -q '^fail 507 '; then
			full=1
			break
		fi
		sleep 0.1
	done
	sleep 0.5	# more writers meet the full disk
	stop_writers
	check "writes on a full disk fail with 507 disk_full" '[ $full -eq 1 ]' \
		"$(cat "$T"/fail.* 2>/dev/null | head -n 3)"
	FAILS=$(cat "$T"/fail.* 2>/dev/null | wc -l)
	OTHER=$(cat "$T"/fail.* 2>/dev/null | grep -v '^fail 507 ' | head -n 3)
	check "every refused write was a 507 (no 500, no crash)" '[ -z "$OTHER" ]' "$OTHER"
	check "the 507 says so in Chinese (存储空间已满)" \
		'cat "$T"/fail.* | grep "^fail 507 " | head -n 1 | grep -q "\"code\":\"disk_full\".*存储空间已满"'
	check "the server is still running on the full disk" 'kill -0 "$SERVER_PID" 2>/dev/null'
	api GET "$BASE/api/v1/ledgers/$LEDGER/items?limit=5"
	check "reads keep working on the full disk (item list 200)" '[ "$STATUS" = 200 ]' "$STATUS"
	FULLACKS=$(acks "$T"/ack.*)
	verify "on the full disk every acknowledged write is there ($FULLACKS)" "$BASE" "$T"/ack.*
	cat "$T"/ack.* >"$T/full.acks"
	rm -f "$MNT/filler"
	api POST "$BASE/api/v1/ledgers/$LEDGER/items" '{"title":"空间释放后"}'
	check "after freeing space writes work again (201)" '[ "$STATUS" = 201 ]' "$STATUS $(head -c 200 "$T/body")"
	[ "$STATUS" = 201 ] && echo "item $(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$T/body") 空间释放后" >>"$T/full.acks"
	stop_server
	"$BIN" check --db "$MNT/t.db" >"$T/check.log" 2>&1
	rc=$?
	check "the store passes taizhang check after the full disk and a SIGKILL" '[ $rc -eq 0 ]' "$(cat "$T/check.log")"
	start_server "$MNT/t.db" "$FPORT" || fatal "server on the tmpfs did not restart"
	verify "after a restart every write acknowledged around the full disk is there" "$BASE" "$T/full.acks"
	echo "# full disk: ${FULL_KB} KiB tmpfs, $FULLACKS writes acknowledged, $FAILS refused with 507"
	stop_server
	umount "$MNT" && MNT=
fi

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
