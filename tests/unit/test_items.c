/*
 * Items through the API on a real store, with users of two counties
 * (永济市 140881 and 南岗区 230103) trying to cross into each other's
 * items: reading, listing, filtering and editing; the reporter's
 * limits; required fields, dictionaries, regions, money and versions;
 * the supervision lights for dates around today.  Then `taizhang item
 * add` and `taizhang item list` (cmd_item.c, included to reach its
 * statics): a batch with one bad item saves nothing; scope holds.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "testdb.h"
#include "cmd_item.c"
#include "apitest.h"	/* after cmd_item.c: its `st` parameters */
#include "date.h"
#include "db.h"
#include "money.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static const char *dbpath;

static char	tok_admin[AUTH_TOKEN_LEN + 1];
static char	tok_sup_a[AUTH_TOKEN_LEN + 1], tok_rep_a[AUTH_TOKEN_LEN + 1];
static char	tok_sup_b[AUTH_TOKEN_LEN + 1];
static int64_t	unit_lcc, unit_jtj, unit_slj, unit_ng, unit_ngzj;
/* ledgers: A projects, A tasks, B tasks; items a1 a2 (A), b1 b2 (B) */
static int64_t	led_ap, led_at, led_bt;
static int64_t	item_a1, item_a2, item_b1, item_b2;


/* A path with a number in it. */
static const char *
path(const char *fmt, int64_t id)
{
	static char	p[8][128];
	static int	i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), fmt, (long long)id);
	return p[i];
}

/* "2025-06-30" for today + days. */
static const char *
day(int days)
{
	static char	b[8][16];
	static int	i;

	i = (i + 1) % 8;
	date_fmt(date_today() + days, b[i], sizeof(b[i]));
	return b[i];
}

/* POST an item as tok into ledger; its id, or 0 (status in *status). */
static int64_t
mkitem(const char *tok, int64_t ledger, const char *body, int *status)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", path("/api/v1/ledgers/%lld/items", ledger), body);
	if (status)
		*status = x.status;
	id = x.status == 201 ? num(x.j, "id") : 0;
	done(&x);
	return id;
}

/* The total of a list as tok. */
static int64_t
total(const char *tok, const char *p)
{
	struct res	x;
	int64_t		n;

	x = AS(tok, "GET", p, NULL);
	n = x.status == 200 ? num(x.j, "total") : -1;
	done(&x);
	return n;
}

/* Audit rows of items created so far. */
static int64_t
audit_item_creates(void)
{
	struct res	x;
	int64_t		n = 0;
	size_t		i;
	json_t		*a;

	x = AS(tok_admin, "GET", "/api/v1/audit?entity=item&limit=500", NULL);
	json_array_foreach(json_object_get(x.j, "items"), i, a)
		if (strcmp(str(a, "action"), "create") == 0)
			n++;
	done(&x);
	return n;
}

static int64_t
mkledger(const char *tok, const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", "/api/v1/ledgers", body);
	if (x.status != 201)
		xdie("mkledger %d %s", x.status, body);
	id = num(x.j, "id");
	done(&x);
	return id;
}

static void
setup(void)
{
	char	body[256];

	dbpath = apitest_open(NULL, 0);
	unit_lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "理事单位", unit_lcc, "140881");
	unit_slj = mkunit("永济市水利局", "理事单位", unit_lcc, "140881");
	unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	unit_ngzj = mkunit("南岗区住建局", "党政部门", unit_ng, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup_a);
	mkuser("rep-a", ROLE_REPORTER, unit_jtj, NULL, tok_rep_a);
	mkuser("sup-b", ROLE_SUPERVISOR, unit_ng, "230103", tok_sup_b);
	if (store_commit(st) == -1)
		xdie("setup commit");

	snprintf(body, sizeof(body), "{\"template\":\"project\",\"name\":"
	    "\"永济项目\",\"year\":2025,\"owner_unit_id\":%lld,\"region\":"
	    "\"140881\"}", (long long)unit_lcc);
	led_ap = mkledger(tok_sup_a, body);
	snprintf(body, sizeof(body), "{\"template\":\"task\",\"name\":"
	    "\"永济事项\",\"owner_unit_id\":%lld,\"region\":\"140881\"}",
	    (long long)unit_lcc);
	led_at = mkledger(tok_sup_a, body);
	snprintf(body, sizeof(body), "{\"template\":\"task\",\"name\":"
	    "\"南岗事项\",\"owner_unit_id\":%lld,\"region\":\"230103\"}",
	    (long long)unit_ng);
	led_bt = mkledger(tok_sup_b, body);
}

static void
test_create(void)
{
	struct res	x;
	char		b[512];
	int64_t		before;
	int		status;

	/* a supervisor of 南岗区 cannot open a ledger in 永济市 */
	snprintf(b, sizeof(b), "{\"template\":\"task\",\"name\":\"越权\","
	    "\"owner_unit_id\":%lld,\"region\":\"140881\"}", (long long)unit_lcc);
	x = AS(tok_sup_b, "POST", "/api/v1/ledgers", b);
	CHECK(x.status == 403);
	done(&x);

	snprintf(b, sizeof(b), "{\"title\":\"新源村道路硬化\",\"category\":"
	    "\"基础设施类\",\"places\":[\"140881100200\",\"140881100202\","
	    "\"140881106200\"],\"lead_unit_id\":%lld,\"amount\":\"100.00\","
	    "\"start\":\"2025-03-01\",\"deadline\":\"2025-10-31\"}",
	    (long long)unit_jtj);
	item_a1 = mkitem(tok_sup_a, led_ap, b, &status);
	CHECK(status == 201 && item_a1 > 0);
	snprintf(b, sizeof(b), "{\"title\":\"张营村人饮改造\",\"category\":"
	    "\"产业类\",\"places\":[\"140881106200\"],\"lead_unit_id\":%lld,"
	    "\"amount\":\"2500.50\",\"custom\":{\"nature\":\"改建\"}}",
	    (long long)unit_slj);
	item_a2 = mkitem(tok_sup_a, led_ap, b, &status);
	CHECK(status == 201 && item_a2 > 0);
	snprintf(b, sizeof(b), "{\"title\":\"花园街道路灯维修\",\"places\":"
	    "[\"230103001\"],\"lead_unit_id\":%lld,\"deadline\":\"%s\"}",
	    (long long)unit_ngzj, day(30));
	item_b1 = mkitem(tok_sup_b, led_bt, b, &status);
	CHECK(status == 201 && item_b1 > 0);
	snprintf(b, sizeof(b), "{\"title\":\"新源社区加装电梯\",\"category\":"
	    "\"民生服务\",\"places\":[\"230103001001\"],\"lead_unit_id\":%lld,"
	    "\"deadline\":\"%s\"}", (long long)unit_ng, day(60));
	item_b2 = mkitem(tok_sup_b, led_bt, b, &status);
	CHECK(status == 201 && item_b2 > 0);

	before = store_ledger_item_count(st, led_ap) +
	    store_ledger_item_count(st, led_bt);
	/* the project ledger requires title, places, lead unit, amount */
	snprintf(b, sizeof(b), "{\"title\":\"缺地点\",\"lead_unit_id\":%lld,"
	    "\"amount\":\"1.00\"}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_code(&x), "required") == 0 &&
	    strcmp(err_field(&x), "places") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap),
	    "{\"title\":\"缺单位\",\"places\":[\"140881100202\"],"
	    "\"amount\":\"1.00\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "lead_unit_id") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"缺金额\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "amount") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "title") == 0);
	done(&x);
	/* the task list requires a deadline */
	snprintf(b, sizeof(b), "{\"title\":\"缺时限\",\"lead_unit_id\":%lld}",
	    (long long)unit_ng);
	x = AS(tok_sup_b, "POST", path("/api/v1/ledgers/%lld/items", led_bt), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "deadline") == 0);
	done(&x);
	/* dictionaries: category and a custom choice, unknown custom keys */
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"category\":\"航天类\","
	    "\"places\":[\"140881100202\"],\"lead_unit_id\":%lld,"
	    "\"amount\":\"1.00\"}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "category") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\",\"custom\":{\"nature\":"
	    "\"拆除\"}}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_custom") == 0 &&
	    strcmp(err_field(&x), "nature") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\",\"custom\":{\"colour\":"
	    "\"红\"}}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "colour") == 0);
	done(&x);
	/* places outside the ledger's region, or not places at all */
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\","
	    "\"230103001001\"],\"lead_unit_id\":%lld,\"amount\":\"1.00\"}",
	    (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_code(&x), "out_of_region") == 0 &&
	    strcmp(err_field(&x), "places") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881999999\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_place") == 0);
	done(&x);
	/* a reporter does not create; another county's supervisor neither */
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"}", (long long)unit_jtj);
	x = AS(tok_rep_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_b, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 403 && strcmp(err_code(&x), "out_of_scope") == 0);
	done(&x);
	CHECK(store_ledger_item_count(st, led_ap) +
	    store_ledger_item_count(st, led_bt) == before);
	CHECK(audit_item_creates() == 4);
}

/* The place of code in an item's places. */
static json_t *
place_of(json_t *places, const char *code)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(places, i, p)
		if (strcmp(str(p, "code"), code) == 0)
			return p;
	return NULL;
}

static void
test_money(void)
{
	struct res	 x;
	json_t		*p;
	char		 b[512];
	int64_t		 id, fen, sum;
	size_t		 i;
	int		 status;

	/* 100.00 over three villages: the remainder fen goes to the first */
	x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", item_a1), NULL);
	CHECK(x.status == 200 && strcmp(str(x.j, "amount"), "100.00") == 0);
	p = json_object_get(x.j, "places");
	CHECK(json_array_size(p) == 3);
	CHECK(strcmp(str(json_array_get(p, 0), "share"), "33.34") == 0);
	CHECK(strcmp(str(json_array_get(p, 1), "share"), "33.33") == 0);
	CHECK(strcmp(str(json_array_get(p, 2), "share"), "33.33") == 0);
	sum = 0;
	for (i = 0; i < json_array_size(p); i++)
		if (money_parse_yuan(str(json_array_get(p, i), "share"),
		    &fen) == 0)
			sum += fen;
	CHECK(sum == 10000);
	done(&x);
	x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", item_a2), NULL);
	CHECK(strcmp(str(x.j, "amount"), "2500.50") == 0);
	done(&x);

	/* 1449万元 exactly, a given share and the rest split */
	snprintf(b, sizeof(b), "{\"title\":\"铺设柏油路\",\"places\":[{\"code\":"
	    "\"140881100202\",\"share\":\"4490000.01\",\"detail\":\"三组\"},"
	    "\"140881100200\",\"140881106200\"],\"lead_unit_id\":%lld,"
	    "\"amount\":\"14490000.00\"}", (long long)unit_jtj);
	id = mkitem(tok_sup_a, led_ap, b, &status);
	CHECK(status == 201);
	x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", id), NULL);
	p = json_object_get(x.j, "places");
	CHECK(strcmp(str(x.j, "amount"), "14490000.00") == 0);
	/* the given share stays; the remainder fen goes to the first of
	 * the others in the order given (places come back by code) */
	CHECK(strcmp(str(place_of(p, "140881100202"), "share"),
	    "4490000.01") == 0 && json_is_true(json_object_get(place_of(p,
	    "140881100202"), "share_given")) && strcmp(str(place_of(p,
	    "140881100202"), "detail"), "三组") == 0);
	CHECK(strcmp(str(place_of(p, "140881100200"), "share"),
	    "5000000.00") == 0 && !json_is_true(json_object_get(place_of(p,
	    "140881100200"), "share_given")));
	CHECK(strcmp(str(place_of(p, "140881106200"), "share"),
	    "4999999.99") == 0);
	done(&x);

	/* shares beyond the amount, all given but short, bad amounts */
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[{\"code\":"
	    "\"140881100202\",\"share\":\"60.00\"},{\"code\":\"140881100200\","
	    "\"share\":\"50.00\"}],\"lead_unit_id\":%lld,\"amount\":\"100.00\"}",
	    (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_shares") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[{\"code\":"
	    "\"140881100202\",\"share\":\"60.00\"},{\"code\":\"140881100200\","
	    "\"share\":\"39.99\"}],\"lead_unit_id\":%lld,\"amount\":\"100.00\"}",
	    (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "places") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.005\"}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "amount") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"title\":\"x\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":100.5}", (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_ap), b);
	CHECK(x.status == 400 && strcmp(err_field(&x), "amount") == 0);
	done(&x);
}

/* Every item of a list lies in one of the ledgers given (0 ends). */
static bool
only_ledgers(const char *tok, const char *p, int64_t l1, int64_t l2)
{
	struct res	 x;
	json_t		*it;
	size_t		 i;
	bool		 ok;

	x = AS(tok, "GET", p, NULL);
	ok = x.status == 200 && (int64_t)json_array_size(json_object_get(x.j,
	    "items")) == num(x.j, "total");
	json_array_foreach(json_object_get(x.j, "items"), i, it)
		if (num(it, "ledger_id") != l1 && num(it, "ledger_id") != l2)
			ok = false;
	done(&x);
	return ok;
}

static void
test_scope_read(void)
{
	int64_t	na, nb;

	na = store_ledger_item_count(st, led_ap) +
	    store_ledger_item_count(st, led_at);
	nb = store_ledger_item_count(st, led_bt);
	CHECK(na == 3 && nb == 2);

	/* by id: out of scope is "not found", not "forbidden" */
	{
		struct res x;

		x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", item_a1),
		    NULL);
		CHECK(x.status == 200 && strcmp(x.etag, "\"1\"") == 0);
		done(&x);
		x = AS(tok_sup_b, "GET", path("/api/v1/items/%lld", item_a1),
		    NULL);
		CHECK(x.status == 404 && strcmp(err_code(&x), "not_found") == 0);
		done(&x);
		x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", item_b1),
		    NULL);
		CHECK(x.status == 404);
		done(&x);
		x = AS(tok_rep_a, "GET", path("/api/v1/items/%lld", item_a1),
		    NULL);
		CHECK(x.status == 200);
		done(&x);
		/* the reporter of 交通局 does not see 水利局's item */
		x = AS(tok_rep_a, "GET", path("/api/v1/items/%lld", item_a2),
		    NULL);
		CHECK(x.status == 404);
		done(&x);
		x = AS(tok_rep_a, "GET", path("/api/v1/items/%lld", item_b1),
		    NULL);
		CHECK(x.status == 404);
		done(&x);
	}

	/* lists: each sees its county, the admin both */
	CHECK(total(tok_sup_a, "/api/v1/items") == na);
	CHECK(total(tok_sup_b, "/api/v1/items") == nb);
	CHECK(total(tok_admin, "/api/v1/items") == na + nb);
	CHECK(only_ledgers(tok_sup_a, "/api/v1/items", led_ap, led_at));
	CHECK(only_ledgers(tok_sup_b, "/api/v1/items", led_bt, 0));
	/* another county's ledger: visible as a ledger, its items not */
	CHECK(total(tok_sup_b, path("/api/v1/ledgers/%lld/items", led_ap)) == 0);
	CHECK(total(tok_sup_a, path("/api/v1/ledgers/%lld/items", led_bt)) == 0);
	CHECK(total(tok_sup_a, path("/api/v1/ledgers/%lld/items", led_ap)) ==
	    store_ledger_item_count(st, led_ap));
	/* the reporter: exactly the items of its unit */
	CHECK(total(tok_rep_a, "/api/v1/items") == total(tok_admin,
	    path("/api/v1/items?unit=%lld", unit_jtj)));
	CHECK(total(tok_rep_a, "/api/v1/items") == 2);
	CHECK(only_ledgers(tok_rep_a, "/api/v1/items", led_ap, 0));

	/* filters do not reach across */
	CHECK(total(tok_sup_b, "/api/v1/items?place=140881") == 0);
	CHECK(total(tok_sup_b, "/api/v1/items?place=140881100202") == 0);
	CHECK(total(tok_sup_b, path("/api/v1/items?unit=%lld", unit_jtj)) == 0);
	CHECK(total(tok_sup_b, "/api/v1/items?q=新源") == 1);
	CHECK(total(tok_sup_a, "/api/v1/items?q=新源") == 1);
	CHECK(total(tok_admin, "/api/v1/items?q=新源") == 2);
	CHECK(total(tok_sup_a, "/api/v1/items?q=花园街道") == 0);
	CHECK(total(tok_sup_a, "/api/v1/items?place=230103") == 0);
	CHECK(total(tok_sup_a, path("/api/v1/items?unit=%lld", unit_ng)) == 0);
	CHECK(total(tok_sup_a, "/api/v1/items?place=140881100202") == 2);
	CHECK(total(tok_sup_a, "/api/v1/items?place=140881106") == 3);
	CHECK(total(tok_sup_b, "/api/v1/items?place=230103001001") == 1);
	CHECK(total(tok_sup_a, path("/api/v1/items?unit=%lld", unit_lcc)) ==
	    3);	/* 交通局 and 水利局 lie below the association */
	CHECK(total(tok_rep_a, path("/api/v1/items?unit=%lld", unit_slj)) == 0);
}

static void
test_scope_write(void)
{
	struct res	x;
	char		b[256];

	/* others' items: not found, and nothing changes */
	x = AS(tok_sup_b, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"title\":\"越权\"}", "If-Match", "\"1\"");
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_b1),
	    "{\"progress\":99}", "If-Match", "\"1\"");
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a2),
	    "{\"progress\":99}", "If-Match", "\"1\"");
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_b2),
	    "{\"progress\":99}", "If-Match", "\"1\"");
	CHECK(x.status == 404);
	done(&x);

	/* the reporter: progress only, on its own unit's item */
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"deadline\":\"2030-01-01\"}", "If-Match", "\"1\"");
	CHECK(x.status == 403 && strcmp(err_code(&x), "supervisor_field") == 0);
	done(&x);
	snprintf(b, sizeof(b), "{\"lead_unit_id\":%lld}", (long long)unit_slj);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a1), b,
	    "If-Match", "\"1\"");
	CHECK(x.status == 403 && strcmp(err_code(&x), "supervisor_field") == 0);
	done(&x);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"progress\":30,\"deadline\":\"2030-01-01\"}", "If-Match", "\"1\"");
	CHECK(x.status == 403 && strcmp(err_code(&x), "supervisor_field") == 0);
	done(&x);
	x = AS(tok_admin, "GET", path("/api/v1/items/%lld", item_a1), NULL);
	CHECK(num(x.j, "version") == 1 && num(x.j, "progress") == 0 &&
	    strcmp(str(x.j, "title"), "新源村道路硬化") == 0 &&
	    strcmp(str(x.j, "deadline"), "2025-10-31") == 0 &&
	    num(json_object_get(x.j, "lead_unit"), "id") == unit_jtj);
	done(&x);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"progress\":40,\"progress_text\":\"路基完成\"}", "If-Match", "\"1\"");
	CHECK(x.status == 200 && num(x.j, "progress") == 40 &&
	    strcmp(x.etag, "\"2\"") == 0 && num(x.j, "version") == 2);
	done(&x);

	/* versions: missing 428, stale 412, and nothing changes */
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"title\":\"无版本\"}");
	CHECK(x.status == 428);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"title\":\"旧版本\"}", "If-Match", "\"1\"");
	CHECK(x.status == 412);
	done(&x);
	x = AS(tok_rep_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"progress\":41}", "If-Match", "\"1\"");
	CHECK(x.status == 412);
	done(&x);
	/* a supervisor's edits are still checked against the ledger */
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"places\":[\"230103001001\"]}", "If-Match", "\"2\"");
	CHECK(x.status == 400 && strcmp(err_code(&x), "out_of_region") == 0);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"custom\":{\"nature\":\"拆除\"}}", "If-Match", "\"2\"");
	CHECK(x.status == 400 && strcmp(err_field(&x), "nature") == 0);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"state\":\"验收\"}", "If-Match", "\"2\"");
	CHECK(x.status == 400 && strcmp(err_field(&x), "state") == 0);
	done(&x);
	x = AS(tok_admin, "GET", path("/api/v1/items/%lld", item_a1), NULL);
	CHECK(num(x.j, "version") == 2 && num(x.j, "progress") == 40 &&
	    strcmp(str(x.j, "title"), "新源村道路硬化") == 0 &&
	    json_array_size(json_object_get(x.j, "places")) == 3 &&
	    strcmp(str(x.j, "state"), "申报") == 0);
	done(&x);
	/* and with the right version, the supervisor edits */
	x = AS(tok_sup_a, "PATCH", path("/api/v1/items/%lld", item_a1),
	    "{\"title\":\"新源村道路硬化工程\",\"deadline\":\"2025-11-30\"}",
	    "If-Match", "\"2\"");
	CHECK(x.status == 200 && num(x.j, "version") == 3 &&
	    strcmp(str(x.j, "deadline"), "2025-11-30") == 0);
	done(&x);
	x = AS(tok_sup_b, "GET", path("/api/v1/items/%lld", item_b1), NULL);
	CHECK(num(x.j, "version") == 1 && num(x.j, "progress") == 0);
	done(&x);
}

/* The light of a new task in ledger A: start/deadline relative to today. */
static const char *
light_of_new(const char *title, int start, int deadline, int progress,
    const char *state, int64_t *id)
{
	static char	lt[8][16];
	static int	k;
	struct res	x;
	char		b[512], s[48] = "";

	if (start != INT32_MIN)
		snprintf(s, sizeof(s), "\"start\":\"%s\",", day(start));
	snprintf(b, sizeof(b), "{\"title\":\"%s\",%s\"deadline\":\"%s\","
	    "\"progress\":%d,\"lead_unit_id\":%lld%s%s%s}", title, s,
	    day(deadline), progress, (long long)unit_jtj, state ?
	    ",\"state\":\"" : "", state ? state : "", state ? "\"" : "");
	x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items", led_at), b);
	k = (k + 1) % 8;
	util_strlcpy(lt[k], x.status == 201 ? str(x.j, "light") : "?",
	    sizeof(lt[k]));
	*id = x.status == 201 ? num(x.j, "id") : 0;
	done(&x);
	return lt[k];
}

static void
test_lights(void)
{
	struct res	x;
	int64_t		red, soon, lag, ok, fin;
	const char	*p = path("/api/v1/ledgers/%lld/items", led_at);
	char		q[160];

	CHECK(strcmp(light_of_new("逾期", INT32_MIN, -1, 90, NULL, &red),
	    "red") == 0);
	CHECK(strcmp(light_of_new("临期", INT32_MIN, 3, 90, NULL, &soon),
	    "yellow") == 0);
	CHECK(strcmp(light_of_new("滞后", -80, 20, 10, NULL, &lag),
	    "yellow") == 0);
	CHECK(strcmp(light_of_new("正常", -10, 90, 50, NULL, &ok),
	    "blue") == 0);
	CHECK(strcmp(light_of_new("办结", -60, -5, 100, "已办结", &fin),
	    "grey") == 0);
	/* the schedule: 80 of 100 days gone, 10% done, 20 points allowed */
	x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", lag), NULL);
	CHECK(num(x.j, "expected_progress") == 80 &&
	    strcmp(str(x.j, "light"), "yellow") == 0 &&
	    strcmp(str(x.j, "light_label"), "黄灯") == 0);
	done(&x);
	x = AS(tok_sup_a, "GET", path("/api/v1/items/%lld", fin), NULL);
	CHECK(json_is_true(json_object_get(x.j, "done")) &&
	    strcmp(str(x.j, "light"), "grey") == 0);
	done(&x);
	/* the list filter computes the same light in SQL */
	snprintf(q, sizeof(q), "%s?light=red", p);
	CHECK(total(tok_sup_a, q) == 1);
	snprintf(q, sizeof(q), "%s?light=yellow", p);
	CHECK(total(tok_sup_a, q) == 2);
	snprintf(q, sizeof(q), "%s?light=blue", p);
	CHECK(total(tok_sup_a, q) == 1);
	snprintf(q, sizeof(q), "%s?light=grey", p);
	CHECK(total(tok_sup_a, q) == 1);
	x = AS(tok_sup_a, "GET", path("/api/v1/ledgers/%lld/items?light=red",
	    led_at), NULL);
	CHECK(num(json_array_get(json_object_get(x.j, "items"), 0), "id") ==
	    red);
	done(&x);
	/* another county sees none of them, whatever the light */
	CHECK(total(tok_sup_b, "/api/v1/items?light=red") == 0);
	CHECK(total(tok_sup_b, "/api/v1/items?light=yellow") == 0);
	(void)soon;
	(void)ok;
}

/*
 * `taizhang item add` through its function as user login on ledger:
 * the exit status, stdout and stderr (in static buffers).
 */
static int
cli_add(const char *login, const char *ledger, const char *text,
    const char **out, const char **err)
{
	static char	 obuf[65536], ebuf[4096];
	struct user	*u;
	FILE		*o, *e;
	char		*ob = NULL;
	size_t		 ol = 0, n;
	int		 saved, rc;

	u = xcalloc(1, sizeof(*u));
	if (store_user_by_login(st, login, u, NULL) != STORE_OK)
		xdie("cli_add: %s", login);
	if ((o = open_memstream(&ob, &ol)) == NULL || (e = tmpfile()) == NULL)
		xdie("cli_add: streams");
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(e), STDERR_FILENO);
	rc = cmd_item_add_text(st, u, ledger, text, strlen(text), o);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fclose(o);
	util_strlcpy(obuf, ob ? ob : "", sizeof(obuf));
	free(ob);
	rewind(e);
	n = fread(ebuf, 1, sizeof(ebuf) - 1, e);
	ebuf[n] = '\0';
	fclose(e);
	free(u);
	*out = obuf;
	*err = ebuf;
	return rc;
}

static size_t
lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (*s == '\n')
			n++;
	return n;
}

static void
test_cli_add(void)
{
	const char	*out, *err;
	char		 led[32], bad_led[32], b[1024], *nl;
	int64_t		 items, audits;
	json_t		*j;
	int		 rc;

	snprintf(led, sizeof(led), "%lld", (long long)led_ap);
	snprintf(bad_led, sizeof(bad_led), "%lld", (long long)led_ap + 1000);
	items = store_ledger_item_count(st, led_ap);
	audits = audit_item_creates();

	/* the second item is bad: nothing is saved, the error names it */
	snprintf(b, sizeof(b), "[{\"title\":\"脚本一\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":\"10.00\"},"
	    "{\"title\":\"脚本二\",\"category\":\"航天类\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":\"10.00\"}]",
	    (long long)unit_jtj, (long long)unit_jtj);
	rc = cli_add("admin", led, b, &out, &err);
	CHECK(rc == 1 && *out == '\0');
	CHECK(strstr(err, "第2项") && strstr(err, "category") &&
	    lines(err) == 1);
	CHECK(store_ledger_item_count(st, led_ap) == items);
	CHECK(audit_item_creates() == audits);

	/* places of another county, third of three */
	snprintf(b, sizeof(b), "[{\"title\":\"一\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"},{\"title\":\"二\","
	    "\"places\":[\"140881100200\"],\"lead_unit_id\":%lld,\"amount\":"
	    "\"1.00\"},{\"title\":\"三\",\"places\":[\"230103001001\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"}]", (long long)unit_jtj,
	    (long long)unit_jtj, (long long)unit_jtj);
	rc = cli_add("admin", led, b, &out, &err);
	CHECK(rc == 1 && strstr(err, "第3项") && strstr(err, "places"));
	CHECK(store_ledger_item_count(st, led_ap) == items);

	/* the same sequence number twice, or one already taken */
	snprintf(b, sizeof(b), "[{\"title\":\"甲\",\"seq\":90,\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":\"1.00\"},"
	    "{\"title\":\"乙\",\"seq\":90,\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"}]", (long long)unit_jtj,
	    (long long)unit_jtj);
	rc = cli_add("admin", led, b, &out, &err);
	CHECK(rc == 1 && strstr(err, "第2项") && strstr(err, "seq"));
	snprintf(b, sizeof(b), "[{\"title\":\"甲\",\"places\":[\"140881100202\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"1.00\"},{\"title\":\"乙\","
	    "\"seq\":1,\"places\":[\"140881100202\"],\"lead_unit_id\":%lld,"
	    "\"amount\":\"1.00\"}]", (long long)unit_jtj, (long long)unit_jtj);
	rc = cli_add("admin", led, b, &out, &err);
	CHECK(rc == 1 && strstr(err, "第2项") && strstr(err, "seq"));
	CHECK(store_ledger_item_count(st, led_ap) == items);

	/* scope and role hold on the command line too */
	snprintf(b, sizeof(b), "{\"title\":\"越权\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":\"1.00\"}",
	    (long long)unit_jtj);
	rc = cli_add("sup-b", led, b, &out, &err);
	CHECK(rc == 1 && strstr(err, "第1项"));
	rc = cli_add("rep-a", led, b, &out, &err);
	CHECK(rc == 1 && *out == '\0');
	CHECK(store_ledger_item_count(st, led_ap) == items);
	CHECK(audit_item_creates() == audits);

	/* bad input, bad ledgers */
	CHECK(cli_add("admin", led, "{\"title\":", &out, &err) == 1 &&
	    strstr(err, "JSON"));
	CHECK(cli_add("admin", led, "  \n", &out, &err) == 1);
	CHECK(cli_add("admin", led, "[]", &out, &err) == 1);
	CHECK(cli_add("admin", led, "[1]", &out, &err) == 1);
	CHECK(cli_add("admin", "abc", b, &out, &err) == 2);
	CHECK(cli_add("admin", bad_led, b, &out, &err) == 1);
	CHECK(store_ledger_item_count(st, led_ap) == items);

	/* a good batch: all saved, one JSON line each, in input order even
	 * though the numbered one is saved first */
	snprintf(b, sizeof(b), "[{\"title\":\"脚本一\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":\"10.00\"},"
	    "{\"title\":\"脚本二\",\"seq\":200,\"places\":[\"140881106200\"],"
	    "\"lead_unit_id\":%lld,\"amount\":\"0.10\"}]", (long long)unit_jtj,
	    (long long)unit_slj);
	rc = cli_add("sup-a", led, b, &out, &err);
	CHECK(rc == 0 && lines(out) == 2);
	CHECK(store_ledger_item_count(st, led_ap) == items + 2);
	CHECK(audit_item_creates() == audits + 2);
	j = json_loads(out, JSON_DISABLE_EOF_CHECK, NULL);
	CHECK(j && strcmp(str(j, "title"), "脚本一") == 0 && num(j, "seq") > 0 &&
	    num(j, "seq") != 200 && strcmp(str(j, "amount"), "10.00") == 0);
	json_decref(j);
	nl = strchr(out, '\n');
	j = nl ? json_loads(nl + 1, JSON_DISABLE_EOF_CHECK, NULL) : NULL;
	CHECK(j && strcmp(str(j, "title"), "脚本二") == 0 && num(j, "seq") ==
	    200 && num(j, "created_by") > 0);
	json_decref(j);
	/* one object alone is fine too */
	snprintf(b, sizeof(b), "{\"title\":\"单项\",\"places\":"
	    "[\"140881100200\"],\"lead_unit_id\":%lld,\"amount\":\"3.00\"}",
	    (long long)unit_jtj);
	CHECK(cli_add("admin", led, b, &out, &err) == 0 && lines(out) == 1);
	CHECK(store_ledger_item_count(st, led_ap) == items + 3);
}

/* `taizhang item list` through its function: exit status and lines. */
static int
cli_list(const char *login, const char *ledger, const char *key,
    const char *val, int64_t limit, size_t *nlines)
{
	struct user	*u;
	struct kv	 q[4];
	FILE		*o, *e;
	char		*ob = NULL;
	size_t		 ol = 0, nq = 0;
	int		 saved, rc;

	u = xcalloc(1, sizeof(*u));
	if (store_user_by_login(st, login, u, NULL) != STORE_OK)
		xdie("cli_list: %s", login);
	if (key) {
		q[0].key = key;
		q[0].val = val;
		nq = 1;
	}
	if ((o = open_memstream(&ob, &ol)) == NULL || (e = tmpfile()) == NULL)
		xdie("cli_list: streams");
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	dup2(fileno(e), STDERR_FILENO);
	rc = cmd_item_list(st, u, ledger, q, nq, limit, o);
	dup2(saved, STDERR_FILENO);
	close(saved);
	fclose(o);
	fclose(e);
	*nlines = lines(ob ? ob : "");
	free(ob);
	free(u);
	return rc;
}

static void
test_cli_list(void)
{
	char	la[32], lt[32];
	size_t	n;

	snprintf(la, sizeof(la), "%lld", (long long)led_ap);
	snprintf(lt, sizeof(lt), "%lld", (long long)led_at);
	CHECK(cli_list("admin", lt, NULL, NULL, 0, &n) == 0 && n == 5);
	CHECK(cli_list("admin", lt, "light", "yellow", 0, &n) == 0 && n == 2);
	CHECK(cli_list("admin", lt, NULL, NULL, 3, &n) == 0 && n == 3);
	CHECK(cli_list("admin", NULL, NULL, NULL, 0, &n) == 0 &&
	    (int64_t)n == total(tok_admin, "/api/v1/items"));
	CHECK(cli_list("sup-a", NULL, "q", "花园", 0, &n) == 0 && n == 0);
	CHECK(cli_list("sup-b", NULL, "q", "花园", 0, &n) == 0 && n == 1);
	CHECK(cli_list("sup-b", la, NULL, NULL, 0, &n) == 0 && n == 0);
	CHECK(cli_list("rep-a", la, NULL, NULL, 0, &n) == 0 && (int64_t)n ==
	    total(tok_rep_a, path("/api/v1/ledgers/%lld/items", led_ap)));
	CHECK(cli_list("admin", lt, "light", "purple", 0, &n) == 2 && n == 0);
	CHECK(cli_list("admin", "x", NULL, NULL, 0, &n) == 2);
	CHECK(cli_list("admin", "99999", NULL, NULL, 0, &n) == 1);
}

/* The item_count of ledger id in GET /ledgers as tok. */
static int64_t
ledger_count(const char *tok, int64_t id)
{
	struct res	 x;
	json_t		*l;
	size_t		 i;
	int64_t		 n = -1;

	x = AS(tok, "GET", "/api/v1/ledgers", NULL);
	json_array_foreach(json_object_get(x.j, "items"), i, l)
		if (num(l, "id") == id)
			n = num(l, "item_count");
	done(&x);
	return n;
}

/* The ledger list counts only what the caller may see. */
static void
test_ledger_counts(void)
{
	CHECK(ledger_count(tok_admin, led_bt) > 0);
	CHECK(ledger_count(tok_sup_b, led_bt) == ledger_count(tok_admin,
	    led_bt));
	CHECK(ledger_count(tok_sup_a, led_bt) == 0);
	CHECK(ledger_count(tok_rep_a, led_bt) == 0);
	CHECK(ledger_count(tok_sup_b, led_ap) == 0);
	CHECK(ledger_count(tok_sup_a, led_ap) == ledger_count(tok_admin,
	    led_ap));
}

/*
 * The parts of a page (store_item_list reads them for SQL_ITEM_IDS items
 * at a time, in statements by item id): items whose places, co-units,
 * money lines and targets differ from their neighbours', the lines
 * written in turns so that their ids interleave, one item with none;
 * listed newest first over two batches, and with a batch of one.
 */
#define PARTS_ITEMS	61
#define PARTS_NONE	7	/* the item without parts */

static const char *const parts_codes[] = {	/* in code order */
	"140881100", "140881100200", "140881100202", "140881106",
	"140881106200"
};
static int64_t	parts_units[4];			/* ascending ids */

static bool
parts_place(int k, int i)
{
	return k != PARTS_NONE && (k + i) % 3 != 0;
}

static bool
parts_unit(int k, int i)
{
	return k != PARTS_NONE && (k + i) % 2 == 0;
}

static int
parts_funds(int k)
{
	return k == PARTS_NONE ? 0 : 2 + k % 3;
}

static int
parts_targets(int k)
{
	return k == PARTS_NONE ? 0 : 2 + (k + 1) % 3;
}

/* Whether it (the k-th made, seq k + 1) has exactly its own parts. */
static bool
parts_own(const struct item *it)
{
	int	k = (int)it->seq - 1, i, n;
	char	b[32];

	for (i = n = 0; i < (int)NELEM(parts_codes); i++)
		if (parts_place(k, i) && (n >= it->nplaces ||
		    strcmp(it->places[n++].code, parts_codes[i]) != 0))
			return false;
	if (n != it->nplaces)
		return false;
	for (i = n = 0; i < (int)NELEM(parts_units); i++)
		if (parts_unit(k, i) && (n >= it->nco ||
		    it->co[n++].id != parts_units[i]))
			return false;
	if (n != it->nco || it->nfunds != parts_funds(k) ||
	    it->ntargets != parts_targets(k))
		return false;
	for (i = 0; i < it->nfunds; i++) {
		snprintf(b, sizeof(b), "f%d-%d", k, i);
		if (strcmp(it->funds[i].doc_no, b) != 0 ||
		    it->funds[i].amount_fen != k * 100 + i)
			return false;
	}
	for (i = 0; i < it->ntargets; i++) {
		snprintf(b, sizeof(b), "t%d-%d", k, i);
		if (strcmp(it->targets[i].indicator, b) != 0)
			return false;
	}
	return true;
}

struct parts_seen {
	int	n, own, none;
	int64_t	last_seq;
	bool	order;
};

static int
parts_cb(const struct item *it, enum light light, void *arg)
{
	struct parts_seen *p = arg;

	p->n++;
	p->own += parts_own(it);
	p->none += it->nplaces + it->nco + it->nfunds + it->ntargets == 0;
	if (p->last_seq && it->seq >= p->last_seq)
		p->order = false;
	p->last_seq = it->seq;
	return 0;
}

static struct parts_seen
parts_list(int64_t ledger, int64_t limit, int64_t offset)
{
	struct viewer		v = { 0, true };
	struct item_filter	f;
	struct parts_seen	p = { 0, 0, 0, 0, true };
	struct arena		*a = arena_new();

	store_item_filter_init(&f);
	f.ledger_id = ledger;
	f.sort = SORT_SEQ_DESC;
	f.limit = limit;
	f.offset = offset;
	CHECK(store_item_list(st, a, &v, &f, parts_cb, &p) == STORE_OK);
	arena_free(a);
	return p;
}

/*
 * A list over more ledgers than it keeps at once (api_items_ledger keeps
 * eight) shows every item as its own GET does.  For a viewer the ledger
 * decides the masking: its custom field 联系电话 is masked whole, 联系人
 * only where it holds a number.
 */
static void
test_list_ledgers(void)
{
	enum { NLED = 11 };
	struct ledger	 l;
	struct res	 x, y;
	char		 b[512], tok_view[AUTH_TOKEN_LEN + 1];
	json_t		*it, *cfg;
	int64_t		 id;
	size_t		 i, n = 0, masked = 0;

	for (i = 0; i < NLED; i++) {
		snprintf(b, sizeof(b), "{\"template\":\"task\",\"name\":"
		    "\"轮换%zu\",\"owner_unit_id\":%lld,\"region\":"
		    "\"140881\"}", i, (long long)unit_lcc);
		id = mkledger(tok_sup_a, b);
		CHECK(store_ledger_get(st, id, &l) == STORE_OK);
		cfg = json_deep_copy(l.config);
		if (!json_is_array(json_object_get(cfg, "custom")))
			json_object_set_new(cfg, "custom", json_array());
		json_array_append_new(json_object_get(cfg, "custom"), json_pack(
		    "{s:s, s:s, s:s}", "key", "who", "name", i % 2 ?
		    "联系电话" : "联系人", "type", "text"));
		ledger_free(&l);
		l.config = cfg;
		CHECK(store_begin(st, true) == 0 &&
		    store_ledger_update(st, &l) == STORE_OK &&
		    store_commit(st) == 0);
		ledger_free(&l);
		snprintf(b, sizeof(b), "{\"title\":\"轮换事项%zu\","
		    "\"lead_unit_id\":%lld,\"places\":[\"140881100200\"],"
		    "\"deadline\":\"%s\",\"custom\":{\"who\":\"王明\"}}", i,
		    (long long)unit_jtj, day(30));
		x = AS(tok_sup_a, "POST", path("/api/v1/ledgers/%lld/items",
		    id), b);
		CHECK(x.status == 201);
		if (x.status != 201)
			fprintf(stderr, "  %d %.300s\n", x.status, x.data);
		done(&x);
	}
	CHECK(store_begin(st, true) == 0);
	mkuser("view-list", ROLE_VIEWER, 0, "140881", tok_view);
	CHECK(store_commit(st) == 0);
	/* newest first: the ledgers come one after another, none twice */
	x = AS(tok_view, "GET", "/api/v1/items?q=轮换事项&sort=-updated"
	    "&limit=500", NULL);
	CHECK(x.status == 200 && num(x.j, "total") == NLED);
	if (x.status != 200 || num(x.j, "total") != NLED)
		fprintf(stderr, "  %d %.300s\n", x.status, x.data);
	json_array_foreach(json_object_get(x.j, "items"), i, it) {
		y = AS(tok_view, "GET", path("/api/v1/items/%lld",
		    num(it, "id")), NULL);
		CHECK(y.status == 200 && json_equal(it, y.j));
		n += json_equal(it, y.j);
		masked += strcmp(str(json_object_get(it, "custom"), "who"),
		    "王明") != 0;
		done(&y);
	}
	CHECK(n == NLED && masked == NLED / 2);
	done(&x);
}

static void
test_list_parts(void)
{
	struct item		 it;
	struct item_place	 pl[NELEM(parts_codes)];
	struct item_unitref	 co[NELEM(parts_units)];
	struct dbstmt		*s;
	struct parts_seen	 p;
	struct arena		*a;
	enum light		 light;
	int64_t			 led, ids[PARTS_ITEMS];
	char			 b[256], doc[32], ind[32];
	int			 k, i, j;

	parts_units[0] = unit_jtj;
	parts_units[1] = unit_slj;
	parts_units[2] = unit_ng;
	parts_units[3] = unit_ngzj;
	snprintf(b, sizeof(b), "{\"template\":\"task\",\"name\":\"分批\","
	    "\"owner_unit_id\":%lld,\"region\":\"140881\"}",
	    (long long)unit_lcc);
	led = mkledger(tok_sup_a, b);
	CHECK(store_begin(st, true) == 0);
	for (k = 0; k < PARTS_ITEMS; k++) {
		memset(&it, 0, sizeof(it));
		it.ledger_id = led;
		it.title = "分批读取";
		it.state = "实施";
		it.lead.id = unit_lcc;
		it.start = it.deadline = it.completed = DATE_NONE;
		it.households = it.persons = it.poor_households =
		    it.monitored_households = -1;
		it.places = pl;
		it.co = co;
		/* backwards: the store orders them */
		for (i = (int)NELEM(parts_codes) - 1; i >= 0; i--)
			if (parts_place(k, i)) {
				memset(&pl[it.nplaces], 0, sizeof(pl[0]));
				util_strlcpy(pl[it.nplaces++].code,
				    parts_codes[i], sizeof(pl[0].code));
			}
		for (i = (int)NELEM(parts_units) - 1; i >= 0; i--)
			if (parts_unit(k, i))
				co[it.nco++].id = parts_units[i];
		CHECK(store_item_add(st, &it, 0) == STORE_OK &&
		    it.seq == k + 1);
		ids[k] = it.id;
	}
	/* line j of every item, then line j + 1: their ids interleave */
	for (j = 0; j < 4; j++)
		for (k = 0; k < PARTS_ITEMS; k++) {
			snprintf(doc, sizeof(doc), "f%d-%d", k, j);
			snprintf(ind, sizeof(ind), "t%d-%d", k, j);
			if (j < parts_funds(k)) {
				s = db_stmt(st, STMT_ITEM_FUND_INSERT);
				db_int(s, 1, ids[k]);
				db_text(s, 2, "中央财政");
				db_null(s, 3);
				db_text(s, 4, "计划");
				db_int(s, 5, k * 100 + j);
				db_null(s, 6);
				db_text(s, 7, doc);
				db_null(s, 8);
				CHECK(db_run(s) == STORE_OK);
			}
			if (j < parts_targets(k)) {
				s = db_stmt(st, STMT_ITEM_TARGET_INSERT);
				db_int(s, 1, ids[k]);
				db_text(s, 2, "产出指标");
				db_null(s, 3);
				db_text(s, 4, ind);
				db_text(s, 5, "≥");
				db_text(s, 6, "1");
				db_null(s, 7);
				db_null(s, 8);
				CHECK(db_run(s) == STORE_OK);
			}
		}
	CHECK(store_commit(st) == 0);

	/* all: a batch of 50, then one of 11 */
	p = parts_list(led, PARTS_ITEMS, 0);
	CHECK(p.n == PARTS_ITEMS && p.own == PARTS_ITEMS && p.none == 1 &&
	    p.order);
	/* 50, then a batch of one */
	p = parts_list(led, 51, 3);
	CHECK(p.n == 51 && p.own == 51 && p.none == 1 && p.order);
	p = parts_list(led, 1, PARTS_ITEMS - 1 - PARTS_NONE);
	CHECK(p.n == 1 && p.own == 1 && p.none == 1);
	/* one item alone reads the same */
	a = arena_new();
	for (k = PARTS_NONE - 1; k <= PARTS_NONE + 1; k++)
		CHECK(store_item_get(st, a, ids[k], &it, &light) ==
		    STORE_OK && parts_own(&it));
	arena_free(a);
}

static void
teardown(void)
{
	store_close(st);
	testdb_done();
}

static void
test_all(void)
{
	setup();
	test_create();
	test_money();
	test_scope_read();
	test_scope_write();
	test_lights();
	test_cli_add();
	test_cli_list();
	test_ledger_counts();
	test_list_ledgers();
	test_list_parts();
	teardown();
}

TEST_MAIN(TEST(test_all))
