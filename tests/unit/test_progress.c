/*
 * Progress and supervision through fake requests on a real SQLite
 * store: the task workflow 交办 → 签收 → 办理中 → 申请办结 → 已办结,
 * progress updates and paid money, 催办 and the inbox, extension
 * requests and their approval, the timeline and the audit rows, with
 * users of other units and counties trying to cross into the items.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "apitest.h"
#include "testdb.h"
#include "date.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static const char *dbpath;

#define TOK(name)	static char name[AUTH_TOKEN_LEN + 1]
TOK(tok_admin);
TOK(tok_sup_a);		/* supervisor of 永济市老促会 and region 永济市 */
TOK(tok_sup_n);		/* supervisor in 南岗区 */
TOK(tok_sup_t);		/* supervisor of the town 虞乡镇 by region only */
TOK(tok_rep);		/* reporter of 永济市交通运输局 */
TOK(tok_rep_slj);	/* reporter of 永济市水利局 (another unit) */
TOK(tok_view);		/* viewer of 永济市 */
static int64_t	unit_lcc, unit_jtj, unit_slj, unit_ng;
static int64_t	ledger_id, item_a, item_b, item_c;
static int32_t	deadline_c;


/* A path or body built with printf, in one of a few static buffers. */
static const char *
fmt(const char *f, ...)
{
	static char	b[8][1024];
	static int	i;
	va_list		ap;

	i = (i + 1) % 8;
	va_start(ap, f);
	if (vsnprintf(b[i], sizeof(b[i]), f, ap) >= (int)sizeof(b[i]))
		xdie("fmt: too long");
	va_end(ap);
	return b[i];
}

static const char *
day(int32_t d)
{
	static char	b[8][16];
	static int	i;

	i = (i + 1) % 8;
	date_fmt(d, b[i], sizeof(b[i]));
	return b[i];
}

static const char *
err_msg(const struct res *x)
{
	return str(json_object_get(x->j, "error"), "message");
}

/* One integer from the test store by plain SQL with $1 = text arg. */
static int64_t
sql_count(const char *q, const char *arg)
{
	return testdb_int(dbpath, q, arg ? 1 : 0, &arg);
}

static int64_t
count_audit(const char *action)
{
	return sql_count("SELECT count(*) FROM audit WHERE entity = 'item' "
	    "AND action = $1", action);
}

/* Record a 催办 days ago directly in the store (for the inbox window);
 * text is a constant of this file, without quotes. */
static void
urge_at(int64_t item, int days, const char *text)
{
	char q[512];

	snprintf(q, sizeof(q), "INSERT INTO item_event (item_id, kind, text, "
	    "at) VALUES (%lld, 'urge', '%s', %lld)", (long long)item, text,
	    (long long)(util_now() - (int64_t)days * 86400));
	if (testdb_exec(dbpath, q) == -1)
		xdie("urge_at");
}

static int64_t
mkitem(const char *title, int32_t deadline)
{
	struct res	x;
	int64_t		id;

	x = AS(tok_sup_a, "POST", fmt("/api/v1/ledgers/%lld/items",
	    (long long)ledger_id), fmt("{\"title\":\"%s\",\"lead_unit_id\":"
	    "%lld,\"deadline\":\"%s\",\"places\":[\"140881100202\"],"
	    "\"category\":\"民生服务\"}", title, (long long)unit_jtj,
	    day(deadline)));
	if (x.status != 201)
		xdie("mkitem %s: %d %s", title, x.status, err_msg(&x));
	id = num(x.j, "id");
	done(&x);
	return id;
}

static void
setup(void)
{
	struct res	x;

	dbpath = apitest_open(NULL, 0);
	unit_lcc = mkunit("永济市老促会", "党政部门", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "党政部门", unit_lcc, "140881");
	unit_slj = mkunit("永济市水利局", "党政部门", unit_lcc, "140881");
	unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup_a);
	mkuser("sup-n", ROLE_SUPERVISOR, unit_ng, "230103", tok_sup_n);
	mkuser("sup-t", ROLE_SUPERVISOR, 0, "140881100", tok_sup_t);
	mkuser("rep", ROLE_REPORTER, unit_jtj, NULL, tok_rep);
	mkuser("rep-slj", ROLE_REPORTER, unit_slj, NULL, tok_rep_slj);
	mkuser("view", ROLE_VIEWER, 0, "140881", tok_view);
	if (store_commit(st) == -1)
		xdie("setup commit");

	x = AS(tok_sup_a, "POST", "/api/v1/ledgers", fmt("{\"name\":"
	    "\"永济市2025年民生实事清单\",\"template\":\"task\",\"year\":2025,"
	    "\"owner_unit_id\":%lld,\"region\":\"140881\"}",
	    (long long)unit_lcc));
	if (x.status != 201)
		xdie("ledger: %d %s", x.status, err_msg(&x));
	ledger_id = num(x.j, "id");
	done(&x);
	item_a = mkitem("新源村道路硬化", date_today() + 60);
	item_b = mkitem("虞乡镇自来水管网改造", date_today() + 90);
	deadline_c = date_today() + 60;
	item_c = mkitem("新源村卫生室建设", deadline_c);
}

static void
teardown(void)
{
	store_close(st);
	testdb_done();
}

static struct res
transition(const char *tok, int64_t item, const char *body)
{
	return AS(tok, "POST", fmt("/api/v1/items/%lld/transitions",
	    (long long)item), body);
}

static struct res
get_item(int64_t item)
{
	return AS(tok_admin, "GET", fmt("/api/v1/items/%lld", (long long)item),
	    NULL);
}

/* The task workflow with its roles, required note, If-Match and final
 * state. */
static void
test_task_flow(void)
{
	struct res	x;
	int64_t		v;

	x = get_item(item_a);
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "交办") == 0);
	v = num(x.j, "version");
	done(&x);

	/* 交办 cannot jump to 已办结: 409 naming what it can do */
	x = transition(tok_rep, item_a, "{\"to\":\"已办结\"}");
	CHECK(x.status == 409 && strcmp(err_code(&x), "bad_transition") == 0);
	CHECK(strstr(err_msg(&x), "当前状态为“交办”") != NULL);
	CHECK(strstr(err_msg(&x), "签收(→签收)") != NULL);
	CHECK(strstr(err_msg(&x), "开始办理(→办理中)") != NULL);
	done(&x);
	x = transition(tok_rep, item_a, "{\"to\":\"不存在的状态\"}");
	CHECK(x.status == 409 && strcmp(err_code(&x), "bad_transition") == 0);
	done(&x);
	x = transition(tok_rep, item_a, "{}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "to") == 0);
	done(&x);

	/* outsiders: another unit's reporter and another county's
	 * supervisor do not see the item; a viewer may not act */
	x = transition(tok_rep_slj, item_a, "{\"to\":\"签收\"}");
	CHECK(x.status == 404);
	done(&x);
	x = transition(tok_sup_n, item_a, "{\"to\":\"签收\"}");
	CHECK(x.status == 404);
	done(&x);
	x = transition(tok_view, item_a, "{\"to\":\"签收\"}");
	CHECK(x.status == 403);
	done(&x);
	x = get_item(item_a);
	CHECK(strcmp(str(x.j, "state"), "交办") == 0 &&
	    num(x.j, "version") == v);
	done(&x);

	x = transition(tok_rep, item_a, "{\"to\":\"签收\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "签收") == 0);
	CHECK(num(x.j, "version") == v + 1 && !json_is_true(json_object_get(
	    x.j, "done")));
	CHECK(strcmp(x.etag, fmt("\"%lld\"", (long long)(v + 1))) == 0);
	done(&x);

	/* a stale If-Match: 412 and nothing moves */
	x = AS(tok_rep, "POST", fmt("/api/v1/items/%lld/transitions",
	    (long long)item_a), "{\"to\":\"办理中\"}", "If-Match",
	    fmt("\"%lld\"", (long long)v));
	CHECK(x.status == 412 && strcmp(err_code(&x), "stale") == 0);
	done(&x);
	x = get_item(item_a);
	CHECK(strcmp(str(x.j, "state"), "签收") == 0);
	done(&x);
	x = AS(tok_rep, "POST", fmt("/api/v1/items/%lld/transitions",
	    (long long)item_a), "{\"to\":\"办理中\"}", "If-Match",
	    fmt("\"%lld\"", (long long)(v + 1)));
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "办理中") == 0);
	done(&x);

	/* 申请办结 needs a note */
	x = transition(tok_rep, item_a, "{\"to\":\"申请办结\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "note") == 0);
	CHECK(strstr(err_msg(&x), "申请办结") != NULL);
	done(&x);
	x = transition(tok_rep, item_a, "{\"to\":\"申请办结\",\"note\":\"\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "note") == 0);
	done(&x);
	x = get_item(item_a);
	CHECK(strcmp(str(x.j, "state"), "办理中") == 0);
	done(&x);
	CHECK(sql_count("SELECT count(*) FROM item_event WHERE kind = "
	    "'transition' AND to_state = $1", "申请办结") == 0);
	x = transition(tok_rep, item_a, "{\"to\":\"申请办结\",\"note\":"
	    "\"道路已硬化完成,申请销号\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "申请办结") == 0);
	done(&x);

	/* 办结销号 is the supervisor's */
	x = transition(tok_rep, item_a, "{\"to\":\"已办结\"}");
	CHECK(x.status == 403 && strcmp(err_code(&x),
	    "forbidden_transition") == 0);
	CHECK(strstr(err_msg(&x), "办结销号") != NULL);
	done(&x);
	x = get_item(item_a);
	CHECK(strcmp(str(x.j, "state"), "申请办结") == 0);
	done(&x);
	x = transition(tok_sup_a, item_a, "{\"to\":\"已办结\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "已办结") == 0);
	CHECK(json_is_true(json_object_get(x.j, "done")));
	CHECK(strcmp(str(x.j, "completed"), day(date_today())) == 0);
	CHECK(strcmp(str(x.j, "light"), "grey") == 0);
	CHECK(json_integer_value(json_object_get(x.j, "progress")) == 100);
	done(&x);

	/* final: no more steps, no updates, no 催办 */
	x = transition(tok_sup_a, item_a, "{\"to\":\"办理中\",\"note\":\"x\"}");
	CHECK(x.status == 409 && strstr(err_msg(&x), "已办结") != NULL);
	CHECK(strstr(err_msg(&x), "可以进行") == NULL);
	done(&x);
	x = AS(tok_rep, "POST", fmt("/api/v1/items/%lld/updates",
	    (long long)item_a), "{\"text\":\"补报\",\"progress\":100}");
	CHECK(x.status == 409 && strcmp(err_code(&x), "item_done") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", fmt("/api/v1/items/%lld/urge",
	    (long long)item_a), "{\"text\":\"请加快\"}");
	CHECK(x.status == 409);
	done(&x);

	/* the 退回 path: a supervisor sends an application back, with a
	 * reason, and may not complete in the future */
	x = transition(tok_rep, item_c, "{\"to\":\"办理中\"}");
	CHECK(x.status == 200);
	done(&x);
	x = transition(tok_rep, item_c, "{\"to\":\"申请办结\",\"note\":\"完成\"}");
	CHECK(x.status == 200);
	done(&x);
	x = transition(tok_sup_a, item_c, fmt("{\"to\":\"已办结\",\"date\":"
	    "\"%s\"}", day(date_today() + 3)));
	CHECK(x.status == 400 && strcmp(err_field(&x), "date") == 0);
	done(&x);
	x = transition(tok_sup_a, item_c, "{\"to\":\"办理中\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "note") == 0);
	done(&x);
	x = transition(tok_sup_a, item_c, "{\"to\":\"办理中\",\"note\":"
	    "\"缺少验收材料\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "办理中") == 0);
	CHECK(json_is_null(json_object_get(x.j, "completed")));
	done(&x);

	x = AS(tok_rep, "POST", "/api/v1/items/abc/transitions",
	    "{\"to\":\"签收\"}");
	CHECK(x.status == 400);
	done(&x);
	x = transition(tok_admin, 999999, "{\"to\":\"签收\"}");
	CHECK(x.status == 404);
	done(&x);
}

static struct res
post_update(const char *tok, int64_t item, const char *body)
{
	return AS(tok, "POST", fmt("/api/v1/items/%lld/updates",
	    (long long)item), body);
}

/* Updates move progress and sum the money paid. */
static void
test_updates(void)
{
	struct res	 x;
	json_t		*items, *it;
	int64_t		 v;
	char		 longtext[2100 * 3 + 64];
	size_t		 i;

	x = get_item(item_b);
	v = num(x.j, "version");
	CHECK(num(x.j, "progress") == 0 && strcmp(str(x.j, "paid"),
	    "0.00") == 0);
	done(&x);

	x = post_update(tok_rep, item_b, "{\"text\":\"主管道开挖完成\","
	    "\"progress\":40,\"paid\":\"1000.50\"}");
	CHECK(x.status == 201 && num(x.j, "progress") == 40);
	CHECK(strcmp(str(x.j, "paid"), "1000.50") == 0);
	CHECK(strcmp(str(x.j, "date"), day(date_today())) == 0);
	CHECK(strcmp(str(json_object_get(x.j, "user"), "login"), "rep") == 0);
	it = json_object_get(x.j, "item");
	CHECK(num(it, "progress") == 40 && strcmp(str(it, "paid"),
	    "1000.50") == 0);
	CHECK(num(it, "version") == v + 1);
	done(&x);

	x = post_update(tok_rep, item_b, fmt("{\"text\":\"管网铺设过半\","
	    "\"progress\":70,\"paid\":\"2000\",\"date\":\"%s\"}",
	    day(date_today() - 1)));
	CHECK(x.status == 201);
	it = json_object_get(x.j, "item");
	CHECK(num(it, "progress") == 70 && strcmp(str(it, "paid"),
	    "3000.50") == 0);
	done(&x);

	/* text only: progress and money stay */
	x = post_update(tok_rep, item_b, "{\"text\":\"等待材料进场\"}");
	CHECK(x.status == 201 && json_is_null(json_object_get(x.j,
	    "progress")));
	it = json_object_get(x.j, "item");
	CHECK(num(it, "progress") == 70 && strcmp(str(it, "paid"),
	    "3000.50") == 0);
	done(&x);

	/* bad input changes nothing */
	x = post_update(tok_rep, item_b, "{\"progress\":80}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "text") == 0);
	done(&x);
	x = post_update(tok_rep, item_b, "{\"text\":\"x\",\"progress\":101}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "progress") == 0);
	done(&x);
	x = post_update(tok_rep, item_b, "{\"text\":\"x\",\"paid\":\"abc\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "paid") == 0);
	done(&x);
	x = post_update(tok_rep, item_b, "{\"text\":\"x\",\"paid\":100}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "paid") == 0);
	done(&x);
	x = post_update(tok_rep, item_b, fmt("{\"text\":\"x\",\"date\":\"%s\"}",
	    day(date_today() + 1)));
	CHECK(x.status == 400 && strcmp(err_field(&x), "date") == 0);
	done(&x);
	memcpy(longtext, "{\"text\":\"", 9);
	for (i = 0; i < 2001; i++)
		memcpy(longtext + 9 + 3 * i, "进", 3);
	memcpy(longtext + 9 + 3 * i, "\"}", 3);
	x = post_update(tok_rep, item_b, longtext);
	CHECK(x.status == 400 && strcmp(err_code(&x), "too_long") == 0);
	done(&x);

	/* outsiders */
	x = post_update(tok_rep_slj, item_b, "{\"text\":\"越权\"}");
	CHECK(x.status == 404 || x.status == 403);
	done(&x);
	x = post_update(tok_sup_n, item_b, "{\"text\":\"越权\"}");
	CHECK(x.status == 404 || x.status == 403);
	done(&x);
	x = post_update(tok_view, item_b, "{\"text\":\"越权\"}");
	CHECK(x.status == 403);
	done(&x);

	/* a supervisor in scope may report too */
	x = post_update(tok_sup_a, item_b, "{\"text\":\"督办组现场查看\","
	    "\"progress\":75}");
	CHECK(x.status == 201);
	done(&x);

	x = get_item(item_b);
	CHECK(num(x.j, "progress") == 75 && strcmp(str(x.j, "paid"),
	    "3000.50") == 0);
	done(&x);
	CHECK(sql_count("SELECT paid_fen FROM item WHERE title = $1",
	    "虞乡镇自来水管网改造") == 300050);

	/* the list: newest date first, the viewer may read it */
	x = AS(tok_view, "GET", fmt("/api/v1/items/%lld/updates",
	    (long long)item_b), NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && num(x.j, "total") == 4 &&
	    json_array_size(items) == 4);
	CHECK(strcmp(str(json_array_get(items, 0), "text"),
	    "督办组现场查看") == 0);
	CHECK(strcmp(str(json_array_get(items, 1), "text"),
	    "等待材料进场") == 0);
	CHECK(strcmp(str(json_array_get(items, 3), "text"),
	    "管网铺设过半") == 0);
	CHECK(strcmp(str(json_array_get(items, 3), "paid"), "2000.00") == 0);
	done(&x);
	x = AS(tok_view, "GET", fmt("/api/v1/items/%lld/updates?limit=1",
	    (long long)item_b), NULL);
	CHECK(json_array_size(json_object_get(x.j, "items")) == 1 &&
	    num(x.j, "total") == 4);
	done(&x);
	x = AS(tok_rep_slj, "GET", fmt("/api/v1/items/%lld/updates",
	    (long long)item_b), NULL);
	CHECK(x.status == 404);
	done(&x);
}

/* Is there an inbox entry of kind for item (with text, if given)? */
static bool
in_inbox(const char *tok, const char *kind, int64_t item, const char *text,
    int64_t *ext)
{
	struct res	 x;
	json_t		*e;
	size_t		 i;
	bool		 found = false;

	x = AS(tok, "GET", "/api/v1/me/inbox", NULL);
	if (x.status != 200)
		xdie("inbox: %d", x.status);
	json_array_foreach(json_object_get(x.j, "items"), i, e)
		if (strcmp(str(e, "kind"), kind) == 0 && num(e, "item_id") ==
		    item && (text == NULL || strcmp(str(e, "text"), text) ==
		    0)) {
			found = true;
			if (ext)
				*ext = num(e, "extension_id");
		}
	done(&x);
	return found;
}

/* 催办 by the supervisor in scope only, into the reporters' inboxes. */
static void
test_urge_inbox(void)
{
	struct res	x;
	const char	*p = fmt("/api/v1/items/%lld/urge", (long long)item_b);

	x = AS(tok_sup_n, "POST", p, "{\"text\":\"越权催办\"}");
	CHECK(x.status == 404 || x.status == 403);
	done(&x);
	x = AS(tok_rep, "POST", p, "{\"text\":\"自己催自己\"}");
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_a, "POST", p, "{}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "text") == 0);
	done(&x);
	CHECK(sql_count("SELECT count(*) FROM item_event WHERE kind = $1",
	    "urge") == 0);

	x = AS(tok_sup_a, "POST", p, "{\"text\":\"请于本周内完成管网铺设\"}");
	CHECK(x.status == 201 && strcmp(str(x.j, "kind"), "urge") == 0);
	CHECK(num(x.j, "item_id") == item_b);
	CHECK(strcmp(str(json_object_get(x.j, "user"), "login"), "sup-a") == 0);
	done(&x);

	CHECK(in_inbox(tok_rep, "urge", item_b, "请于本周内完成管网铺设",
	    NULL));
	CHECK(!in_inbox(tok_rep_slj, "urge", item_b, NULL, NULL));
	CHECK(!in_inbox(tok_sup_n, "urge", item_b, NULL, NULL));
	CHECK(!in_inbox(tok_view, "urge", item_b, NULL, NULL));
	/* sup-a's unit is above the item's, but the 催办 is sup-a's own */
	CHECK(!in_inbox(tok_sup_a, "urge", item_b, NULL, NULL));

	/* the window is 30 days; done items leave the inbox */
	urge_at(item_b, 29, "二十九天前的催办");
	urge_at(item_b, 31, "三十一天前的催办");
	urge_at(item_a, 1, "已办结事项的催办");
	CHECK(in_inbox(tok_rep, "urge", item_b, "二十九天前的催办", NULL));
	CHECK(!in_inbox(tok_rep, "urge", item_b, "三十一天前的催办", NULL));
	CHECK(!in_inbox(tok_rep, "urge", item_a, NULL, NULL));

	x = AS(tok_rep, "GET", "/api/v1/me/inbox", NULL);
	CHECK(x.status == 200 && num(x.j, "total") == 2);
	CHECK(strcmp(str(json_array_get(json_object_get(x.j, "items"), 0),
	    "item_title"), "虞乡镇自来水管网改造") == 0);
	CHECK(num(json_array_get(json_object_get(x.j, "items"), 0),
	    "ledger_id") == ledger_id);
	done(&x);
	x = AS(tok_rep_slj, "GET", "/api/v1/me/inbox", NULL);
	CHECK(x.status == 200 && num(x.j, "total") == 0);
	done(&x);
}

static struct res
ask_extension(const char *tok, int64_t item, const char *body)
{
	return AS(tok, "POST", fmt("/api/v1/items/%lld/extensions",
	    (long long)item), body);
}

static struct res
decide(const char *tok, int64_t ext, const char *body)
{
	return AS(tok, "POST", fmt("/api/v1/extensions/%lld/decision",
	    (long long)ext), body);
}

/* 申请延期 → the supervisors' inbox → approval moves the deadline. */
static void
test_extensions(void)
{
	struct res	 x;
	json_t		*items;
	int64_t		 ext = 0, ext2, found = 0, v;

	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"雨季停工\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c - 1)));
	CHECK(x.status == 400 && strcmp(err_field(&x), "new_deadline") == 0);
	done(&x);
	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"雨季停工\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c)));
	CHECK(x.status == 400 && strcmp(err_field(&x), "new_deadline") == 0);
	done(&x);
	x = ask_extension(tok_rep, item_c, fmt("{\"new_deadline\":\"%s\"}",
	    day(deadline_c + 30)));
	CHECK(x.status == 400 && strcmp(err_field(&x), "reason") == 0);
	done(&x);
	x = ask_extension(tok_rep, item_c, "{\"reason\":\"雨季停工\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "new_deadline") == 0);
	done(&x);
	x = ask_extension(tok_rep_slj, item_c, fmt("{\"reason\":\"越权\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c + 30)));
	CHECK(x.status == 404 || x.status == 403);
	done(&x);
	CHECK(sql_count("SELECT count(*) FROM extension WHERE state = $1",
	    "pending") == 0);

	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"雨季停工\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c + 30)));
	CHECK(x.status == 201 && strcmp(str(x.j, "state"), "pending") == 0);
	CHECK(strcmp(str(x.j, "old_deadline"), day(deadline_c)) == 0);
	CHECK(strcmp(str(x.j, "new_deadline"), day(deadline_c + 30)) == 0);
	ext = num(x.j, "id");
	done(&x);
	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"再申请\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c + 40)));
	CHECK(x.status == 409 && strcmp(err_code(&x),
	    "extension_pending") == 0);
	done(&x);

	/* who is asked: supervisors by unit, by region, admins */
	CHECK(in_inbox(tok_sup_a, "extension", item_c, "雨季停工", &found) &&
	    found == ext);
	CHECK(in_inbox(tok_sup_t, "extension", item_c, NULL, NULL));
	CHECK(in_inbox(tok_admin, "extension", item_c, NULL, NULL));
	CHECK(!in_inbox(tok_sup_n, "extension", item_c, NULL, NULL));
	CHECK(!in_inbox(tok_rep, "extension", item_c, NULL, NULL));
	CHECK(!in_inbox(tok_view, "extension", item_c, NULL, NULL));

	/* who may decide */
	x = decide(tok_rep, ext, "{\"approve\":true}");
	CHECK(x.status == 403);
	done(&x);
	x = decide(tok_sup_n, ext, "{\"approve\":true}");
	CHECK(x.status == 404 || x.status == 403);
	done(&x);
	x = decide(tok_sup_a, 999999, "{\"approve\":true}");
	CHECK(x.status == 404);
	done(&x);
	x = decide(tok_sup_a, ext, "{\"note\":\"同意\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "approve") == 0);
	done(&x);
	x = decide(tok_sup_a, ext, "{\"approve\":\"yes\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "approve") == 0);
	done(&x);

	x = get_item(item_c);
	v = num(x.j, "version");
	CHECK(strcmp(str(x.j, "deadline"), day(deadline_c)) == 0);
	done(&x);
	x = decide(tok_sup_a, ext, "{\"approve\":true,\"note\":\"同意延期\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "approved") == 0);
	CHECK(strcmp(str(json_object_get(x.j, "decided_by"), "login"),
	    "sup-a") == 0);
	CHECK(strcmp(str(json_object_get(x.j, "item"), "deadline"),
	    day(deadline_c + 30)) == 0);
	done(&x);
	x = get_item(item_c);
	CHECK(strcmp(str(x.j, "deadline"), day(deadline_c + 30)) == 0);
	CHECK(num(x.j, "version") == v + 1);
	done(&x);
	x = decide(tok_sup_a, ext, "{\"approve\":false}");
	CHECK(x.status == 409 && strcmp(err_code(&x), "not_pending") == 0);
	done(&x);
	CHECK(!in_inbox(tok_sup_a, "extension", item_c, NULL, NULL));

	/* the next request may come now; a rejection keeps the deadline */
	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"设备未到\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c + 20)));
	CHECK(x.status == 400);		/* before the new deadline */
	done(&x);
	x = ask_extension(tok_rep, item_c, fmt("{\"reason\":\"设备未到\","
	    "\"new_deadline\":\"%s\"}", day(deadline_c + 45)));
	CHECK(x.status == 201);
	ext2 = num(x.j, "id");
	done(&x);
	x = decide(tok_sup_t, ext2, "{\"approve\":false,\"note\":"
	    "\"理由不充分\"}");
	CHECK(x.status == 200 && strcmp(str(x.j, "state"), "rejected") == 0);
	CHECK(strcmp(str(x.j, "decision_note"), "理由不充分") == 0);
	done(&x);
	x = get_item(item_c);
	CHECK(strcmp(str(x.j, "deadline"), day(deadline_c + 30)) == 0);
	done(&x);

	x = AS(tok_view, "GET", fmt("/api/v1/items/%lld/extensions",
	    (long long)item_c), NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && json_array_size(items) == 2);
	CHECK(num(json_array_get(items, 0), "id") == ext2 && strcmp(str(
	    json_array_get(items, 0), "state"), "rejected") == 0);
	CHECK(strcmp(str(json_array_get(items, 1), "state_label"),
	    "已批准") == 0);
	done(&x);

	/* extensions are not asked on done items */
	x = ask_extension(tok_rep, item_a, fmt("{\"reason\":\"x\","
	    "\"new_deadline\":\"%s\"}", day(date_today() + 200)));
	CHECK(x.status == 409);
	done(&x);
}

/* Find the first timeline entry of kind (and to_state) from index i. */
static json_t *
find_entry(json_t *items, size_t *i, const char *kind)
{
	json_t *e;

	for (; *i < json_array_size(items); (*i)++) {
		e = json_array_get(items, *i);
		if (strcmp(str(e, "kind"), kind) == 0) {
			(*i)++;
			return e;
		}
	}
	return NULL;
}

/* The timeline: every step, newest first, with who and what. */
static void
test_timeline(void)
{
	static const char *const order[] = {
		"已办结", "申请办结", "办理中", "签收"
	};
	struct res	 x;
	json_t		*items, *e, *data;
	size_t		 i = 0, k;
	bool		 update_seen = false, urge_seen = false;

	x = AS(tok_view, "GET", fmt("/api/v1/items/%lld/timeline",
	    (long long)item_a), NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && num(x.j, "total") == 5);
	for (k = 0; k < NELEM(order); k++) {
		e = find_entry(items, &i, "transition");
		CHECK(e != NULL && strcmp(str(e, "to_state"), order[k]) == 0);
		if (e == NULL)
			break;
		if (k == 0) {
			CHECK(strcmp(str(e, "from_state"), "申请办结") == 0);
			CHECK(strcmp(str(json_object_get(e, "user"), "login"),
			    "sup-a") == 0);
			CHECK(strcmp(str(json_object_get(e, "data"), "action"),
			    "办结销号") == 0);
		}
		if (k == 1) {
			CHECK(strcmp(str(e, "text"), "道路已硬化完成,申请销号") ==
			    0);
			CHECK(strcmp(str(json_object_get(e, "user"), "login"),
			    "rep") == 0);
		}
	}
	CHECK(find_entry(items, &i, "transition") == NULL);
	done(&x);

	x = AS(tok_view, "GET", fmt("/api/v1/items/%lld/timeline",
	    (long long)item_b), NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && num(x.j, "total") == 7);
	json_array_foreach(items, i, e) {
		if (strcmp(str(e, "kind"), "update") == 0 && strcmp(str(e,
		    "text"), "主管道开挖完成") == 0) {
			update_seen = true;
			CHECK(num(e, "progress") == 40 && strcmp(str(e, "paid"),
			    "1000.50") == 0);
			CHECK(strcmp(str(json_object_get(e, "data"), "date"),
			    day(date_today())) == 0);
		}
		if (strcmp(str(e, "kind"), "urge") == 0 && strcmp(str(e,
		    "text"), "请于本周内完成管网铺设") == 0) {
			urge_seen = true;
			CHECK(json_is_null(json_object_get(e, "progress")));
			CHECK(strcmp(str(json_object_get(e, "user"), "name"),
			    "sup-a") == 0);
		}
	}
	CHECK(update_seen && urge_seen);
	/* newest first: the backdated 31-day 催办 is last */
	CHECK(strcmp(str(json_array_get(items, json_array_size(items) - 1),
	    "text"), "三十一天前的催办") == 0);
	done(&x);

	/* item C: the request, the approval with old and new deadline */
	x = AS(tok_rep, "GET", fmt("/api/v1/items/%lld/timeline?limit=100",
	    (long long)item_c), NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200);
	i = 0;
	k = 0;
	while ((e = find_entry(items, &i, "extension")) != NULL) {
		data = json_object_get(e, "data");
		if (strcmp(str(data, "action"), "approve") == 0) {
			k++;
			CHECK(strcmp(str(data, "old_deadline"),
			    day(deadline_c)) == 0);
			CHECK(strcmp(str(data, "new_deadline"),
			    day(deadline_c + 30)) == 0);
			CHECK(strcmp(str(e, "text"), "同意延期") == 0);
		}
	}
	CHECK(k == 1);
	done(&x);
	x = AS(tok_sup_n, "GET", fmt("/api/v1/items/%lld/timeline",
	    (long long)item_c), NULL);
	CHECK(x.status == 404);
	done(&x);
}

/* Every write left its audit row, every failure none. */
static void
test_audit(void)
{
	/* A: 签收 办理中 申请办结 已办结; C: 办理中 申请办结 退回 */
	CHECK(count_audit("transition") == 7);
	CHECK(sql_count("SELECT count(*) FROM item_event WHERE kind = $1",
	    "transition") == 7);
	CHECK(count_audit("update_progress") == 4);
	CHECK(sql_count("SELECT count(*) FROM item_update", NULL) == 4);
	CHECK(count_audit("urge") == 1);
	CHECK(count_audit("extension_request") == 2);
	CHECK(count_audit("extension_decision") == 2);
	CHECK(sql_count("SELECT count(*) FROM audit WHERE action = $1 AND "
	    "before_json IS NOT NULL AND after_json LIKE '%approved%'",
	    "extension_decision") == 1);
}

static void
test_all(void)
{
	setup();
	test_task_flow();
	test_updates();
	test_urge_inbox();
	test_extensions();
	test_timeline();
	test_audit();
	teardown();
}

TEST_MAIN(TEST(test_all))
