/*
 * Statistics and duplicate construction through the API on a real
 * SQLite store: exact sums by unit, place level, category, year, state
 * and light (shares split over villages, a remainder fen), totals that
 * equal the rows, filters, scope across two counties and a unit
 * reporter; the duplicate warnings of items and the duplicates of a
 * ledger; the title and period rules of dup.c.  On SQLite, or on
 * PostgreSQL when TAIZHANG_TEST_PG is set (testdb.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#define APITEST_OWN_STR
#include "apitest.h"
#include "testdb.h"
#include "date.h"
#include "store_cache.h"
#include "money.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_cache.h"
#include "store_place.h"
#include "store_stats.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static const char *dbpath;

static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_sup_a[AUTH_TOKEN_LEN + 1];
static char	tok_sup_n[AUTH_TOKEN_LEN + 1], tok_rep[AUTH_TOKEN_LEN + 1];
static int64_t	unit_lcc, unit_jtj, unit_slj, unit_ng;
/* ledgers: projects and tasks of 永济市, needs of 永济市, projects of 南岗区 */
static int64_t	led_a, led_t, led_need, led_n;
static int64_t	p1, p2, p3, t1, t2, n1, x1;


static const char *
str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "(none)";
}

static int64_t
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? json_integer_value(v) : -999;
}

/* A money field in fen; -999 if absent or not a decimal string. */
static int64_t
fen(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));
	int64_t		 v;

	return s && money_parse_yuan(s, &v) == 0 ? v : -999;
}

/* "YYYY-MM-DD" of today + off days (eight buffers in turn). */
static const char *
day(int off)
{
	static char	b[8][16];
	static int	i;

	i = (i + 1) % 8;
	date_fmt(date_today() + off, b[i], sizeof(b[i]));
	return b[i];
}

/* POST a ledger as tok; its id, or 0. */
static int64_t
mkledger(const char *tok, const char *body)
{
	struct res	x = AS(tok, "POST", "/api/v1/ledgers", body);
	int64_t		id = x.status == 201 ? num(x.j, "id") : 0;

	if (x.status != 201)
		fprintf(stderr, "ledger %d: %s\n", x.status, body);
	done(&x);
	return id;
}

/* POST an item as tok into ledger; the reply (201 expected). */
static struct res
post_item(const char *tok, int64_t ledger, const char *fmt, ...)
{
	struct res	 x;
	char		 path[64], *body;
	va_list		 ap;

	va_start(ap, fmt);
	if (vasprintf(&body, fmt, ap) == -1)
		xdie("vasprintf");
	va_end(ap);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/items",
	    (long long)ledger);
	x = AS(tok, "POST", path, body);
	if (x.status != 201)
		fprintf(stderr, "item %d: %s\n  %s\n", x.status, body,
		    x.j ? json_dumps(x.j, 0) : "");
	free(body);
	return x;
}

static int64_t
mkitem(const char *tok, int64_t ledger, const char *fmt, ...)
{
	struct res	 x;
	char		 path[64], *body;
	va_list		 ap;
	int64_t		 id;

	va_start(ap, fmt);
	if (vasprintf(&body, fmt, ap) == -1)
		xdie("vasprintf");
	va_end(ap);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/items",
	    (long long)ledger);
	x = AS(tok, "POST", path, body);
	id = x.status == 201 ? num(x.j, "id") : 0;
	if (x.status != 201)
		fprintf(stderr, "item %d: %s\n", x.status, body);
	free(body);
	done(&x);
	return id;
}

static struct res
stats(const char *tok, const char *query)
{
	char path[512];

	snprintf(path, sizeof(path), "/api/v1/stats?%s", query);
	return AS(tok, "GET", path, NULL);
}

/* The row of key (NULL: the row with key null), or NULL. */
static json_t *
row(json_t *j, const char *key)
{
	json_t	*rows = json_object_get(j, "rows"), *r, *k;
	size_t	 i;

	json_array_foreach(rows, i, r) {
		k = json_object_get(r, "key");
		if (key == NULL ? json_is_null(k) : json_is_string(k) &&
		    strcmp(json_string_value(k), key) == 0)
			return r;
	}
	return NULL;
}

static const char *
idkey(int64_t id)
{
	static char	b[4][24];
	static int	i;

	i = (i + 1) % 4;
	snprintf(b[i], sizeof(b[i]), "%lld", (long long)id);
	return b[i];
}

/* The sum of a measure over the rows (money fields in fen). */
static int64_t
rows_sum(json_t *j, const char *key, bool money)
{
	json_t	*r;
	size_t	 i;
	int64_t	 s = 0;

	json_array_foreach(json_object_get(j, "rows"), i, r)
		s += money ? fen(r, key) : num(r, key);
	return s;
}

static size_t
nrows(json_t *j)
{
	return json_array_size(json_object_get(j, "rows"));
}

/* Does row r have count n, money m fen (and households h if >= 0)? */
static bool
is_row(json_t *r, int64_t n, int64_t m, int64_t h)
{
	return r && num(r, "count") == n && fen(r, "money") == m &&
	    (h < 0 || num(r, "households") == h);
}

static void
setup(void)
{
	static apitest_place places[] = {
		{ "140881106202", "任阳村委会", "5", "140881106" },
	};
	char	b[512];

	dbpath = apitest_open(places, NELEM(places));
	unit_lcc = mkunit("永济市老促会", "党政部门", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "党政部门", unit_lcc, "140881");
	unit_slj = mkunit("永济市水利局", "党政部门", unit_lcc, "140881");
	unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup_a);
	mkuser("sup-n", ROLE_SUPERVISOR, unit_ng, "230103", tok_sup_n);
	mkuser("rep", ROLE_REPORTER, unit_jtj, NULL, tok_rep);
	if (store_commit(st) == -1)
		xdie("setup commit");

	snprintf(b, sizeof(b), "{\"template\":\"project\",\"name\":"
	    "\"2025年百村帮扶项目台账\",\"year\":2025,\"region\":\"140881\","
	    "\"owner_unit_id\":%lld}", (long long)unit_lcc);
	led_a = mkledger(tok_sup_a, b);
	snprintf(b, sizeof(b), "{\"template\":\"task\",\"name\":"
	    "\"2025年民生实事清单\",\"year\":2025,\"region\":\"140881\","
	    "\"owner_unit_id\":%lld}", (long long)unit_lcc);
	led_t = mkledger(tok_sup_a, b);
	snprintf(b, sizeof(b), "{\"template\":\"need\",\"name\":"
	    "\"老区村需求清单\",\"region\":\"140881\",\"owner_unit_id\":%lld}",
	    (long long)unit_lcc);
	led_need = mkledger(tok_sup_a, b);
	snprintf(b, sizeof(b), "{\"template\":\"project\",\"name\":"
	    "\"南岗区2024年项目台账\",\"year\":2024,\"region\":\"230103\","
	    "\"owner_unit_id\":%lld}", (long long)unit_ng);
	led_n = mkledger(tok_sup_n, b);
	if (!led_a || !led_t || !led_need || !led_n)
		xdie("ledgers");

	/* blue: 10 of 110 days gone, nothing done yet; 4000 yuan paid */
	p1 = mkitem(tok_sup_a, led_a, "{\"title\":\"新源村道路硬化\","
	    "\"category\":\"基础设施类\",\"places\":[\"140881100202\"],"
	    "\"amount\":\"1449000.00\",\"lead_unit_id\":%lld,\"start\":\"%s\","
	    "\"deadline\":\"%s\",\"beneficiaries\":{\"households\":120,"
	    "\"persons\":400,\"poor_households\":10},\"funds\":[{\"source\":"
	    "\"衔接资金\",\"kind\":\"支付\",\"amount\":\"400000.00\"}]}",
	    (long long)unit_jtj, day(-10), day(100));
	/* red; 300000 given to 虞乡村, the rest to 新源村 */
	p2 = mkitem(tok_sup_a, led_a, "{\"title\":\"虞乡镇两村饮水工程\","
	    "\"category\":\"生活条件改善类\",\"places\":[{\"code\":"
	    "\"140881100200\",\"share\":\"300000.00\"},{\"code\":"
	    "\"140881100202\"}],\"amount\":\"1000000.00\",\"lead_unit_id\":%lld,"
	    "\"start\":\"%s\",\"deadline\":\"%s\",\"beneficiaries\":"
	    "{\"households\":200,\"persons\":650,\"poor_households\":25}}",
	    (long long)unit_slj, day(-100), day(-5));
	/* yellow; 100001 fen over three villages: 33334, 33334, 33333 */
	p3 = mkitem(tok_sup_a, led_a, "{\"title\":\"张营镇产业园\","
	    "\"category\":\"产业类\",\"places\":[\"140881106200\","
	    "\"140881106202\",\"140881100200\"],\"amount\":\"1000.01\","
	    "\"lead_unit_id\":%lld,\"start\":\"%s\",\"deadline\":\"%s\","
	    "\"beneficiaries\":{\"households\":30}}", (long long)unit_jtj,
	    day(-30), day(3));
	/* grey (done), no places */
	t1 = mkitem(tok_sup_a, led_t, "{\"title\":\"城区路灯改造\","
	    "\"category\":\"城建城管执法\",\"amount\":\"5000.00\","
	    "\"lead_unit_id\":%lld,\"deadline\":\"%s\",\"state\":\"已办结\","
	    "\"beneficiaries\":{\"persons\":3000}}", (long long)unit_jtj,
	    day(30));
	/* blue, placed at the county only */
	t2 = mkitem(tok_sup_a, led_t, "{\"title\":\"全市养老服务提升\","
	    "\"category\":\"民生服务\",\"amount\":\"200.00\",\"places\":"
	    "[\"140881\"],\"lead_unit_id\":%lld,\"deadline\":\"%s\"}",
	    (long long)unit_slj, day(200));
	/* blue, no lead unit, no year */
	n1 = mkitem(tok_sup_a, led_need, "{\"title\":\"新源村文化广场\","
	    "\"category\":\"文化体育\",\"places\":[\"140881100202\"],"
	    "\"amount\":\"80000.00\",\"beneficiaries\":{\"households\":50}}");
	/* 南岗区: red */
	x1 = mkitem(tok_sup_n, led_n, "{\"title\":\"花园街道社区食堂\","
	    "\"category\":\"公共服务类\",\"places\":[\"230103001001\"],"
	    "\"amount\":\"500000.00\",\"lead_unit_id\":%lld,\"start\":\"%s\","
	    "\"deadline\":\"%s\",\"beneficiaries\":{\"households\":300,"
	    "\"persons\":900,\"poor_households\":5}}", (long long)unit_ng,
	    day(-60), day(-1));
	if (!p1 || !p2 || !p3 || !t1 || !t2 || !n1 || !x1)
		xdie("items");
}

/* The admin's total: every item once. */
#define ALL_FEN		303520001
#define NANGANG_FEN	50000000

static void
test_stats_unit(void)
{
	struct res	 x;
	json_t		*t, *r;

	x = stats(tok_admin, "group=unit");
	CHECK(x.status == 200 && strcmp(str(x.j, "group"), "unit") == 0);
	CHECK(nrows(x.j) == 4);
	t = json_object_get(x.j, "total");
	CHECK(num(t, "count") == 7 && fen(t, "money") == ALL_FEN);
	CHECK(strcmp(str(t, "money"), "3035200.01") == 0);
	CHECK(fen(t, "paid") == 40000000);
	CHECK(num(t, "households") == 700 && num(t, "persons") == 4950 &&
	    num(t, "poor_households") == 40);
	r = row(x.j, idkey(unit_jtj));
	CHECK(is_row(r, 3, 145500001, 150));
	CHECK(strcmp(str(r, "label"), "永济市交通运输局") == 0);
	CHECK(r && num(r, "persons") == 3400 && num(r, "poor_households") == 10);
	CHECK(r && fen(r, "paid") == 40000000);
	CHECK(is_row(row(x.j, idkey(unit_slj)), 2, 100020000, 200));
	CHECK(is_row(row(x.j, idkey(unit_ng)), 1, NANGANG_FEN, 300));
	r = row(x.j, NULL);
	CHECK(is_row(r, 1, 8000000, 50));
	CHECK(strcmp(str(r, "label"), "未指定责任单位") == 0);
	/* by money, largest first */
	r = json_array_get(json_object_get(x.j, "rows"), 0);
	CHECK(strcmp(str(r, "key"), idkey(unit_jtj)) == 0);
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(x.j,
	    "rows"), 3), "key")));
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	CHECK(rows_sum(x.j, "count", false) == 7);
	CHECK(json_is_false(json_object_get(x.j, "truncated")));
	done(&x);
}

static void
test_stats_place(void)
{
	struct res	 x;
	json_t		*r, *rows;

	x = stats(tok_admin, "group=place:town");
	CHECK(x.status == 200 && nrows(x.j) == 5);
	/* P2 has two villages in 虞乡镇: counted once, all its money */
	r = row(x.j, "140881100");
	CHECK(is_row(r, 4, 252933333, 400));
	CHECK(strcmp(str(r, "label"), "虞乡镇") == 0);
	CHECK(r && num(r, "persons") == 1050 && num(r, "poor_households") == 35);
	/* P3's two villages in 张营镇: once, 33334 + 33334 fen */
	CHECK(is_row(row(x.j, "140881106"), 1, 66668, 30));
	CHECK(is_row(row(x.j, "230103001"), 1, NANGANG_FEN, 300));
	r = row(x.j, "140881");
	CHECK(is_row(r, 1, 20000, -1));
	CHECK(strcmp(str(r, "label"), "永济市(未细化到乡级)") == 0);
	r = row(x.j, NULL);
	CHECK(is_row(r, 1, 500000, -1));
	CHECK(strcmp(str(r, "label"), "未填地点") == 0);
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	CHECK(fen(json_object_get(x.j, "total"), "money") == ALL_FEN);
	done(&x);

	x = stats(tok_admin, "group=place:village");
	rows = json_object_get(x.j, "rows");
	CHECK(x.status == 200 && nrows(x.j) == 7);
	CHECK(is_row(row(x.j, "140881100202"), 3, 222900000, 370));
	CHECK(strcmp(str(row(x.j, "140881100202"), "label"), "新源村委会") == 0);
	/* the given share and the rest; the remainder fen to the first */
	CHECK(is_row(row(x.j, "140881100200"), 2, 30033333, 230));
	CHECK(is_row(row(x.j, "140881106200"), 1, 33334, 30));
	CHECK(is_row(row(x.j, "140881106202"), 1, 33334, 30));
	CHECK(is_row(row(x.j, "230103001001"), 1, NANGANG_FEN, 300));
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	/* money desc, then key: the two 33334 rows by code */
	CHECK(strcmp(str(json_array_get(rows, 0), "key"), "140881100202") == 0);
	CHECK(strcmp(str(json_array_get(rows, 4), "key"), "140881106200") == 0);
	CHECK(strcmp(str(json_array_get(rows, 5), "key"), "140881106202") == 0);
	CHECK(strcmp(str(json_array_get(rows, 6), "key"), "140881") == 0);
	done(&x);

	x = stats(tok_admin, "group=place:county");
	CHECK(nrows(x.j) == 3);
	CHECK(is_row(row(x.j, "140881"), 5, 253020001, -1));
	CHECK(strcmp(str(row(x.j, "140881"), "label"), "永济市") == 0);
	CHECK(is_row(row(x.j, "230103"), 1, NANGANG_FEN, -1));
	done(&x);
	x = stats(tok_admin, "group=place:province");
	CHECK(is_row(row(x.j, "14"), 5, 253020001, -1));
	CHECK(strcmp(str(row(x.j, "23"), "label"), "黑龙江省") == 0);
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	done(&x);
	x = stats(tok_admin, "group=place:city");
	CHECK(is_row(row(x.j, "1408"), 5, 253020001, -1));
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	done(&x);
}

static void
test_stats_other_groups(void)
{
	struct res	 x;
	json_t		*rows;

	x = stats(tok_admin, "group=category");
	rows = json_object_get(x.j, "rows");
	CHECK(x.status == 200 && nrows(x.j) == 7);
	CHECK(is_row(row(x.j, "基础设施类"), 1, 144900000, 120));
	CHECK(is_row(row(x.j, "产业类"), 1, 100001, 30));
	CHECK(strcmp(str(row(x.j, "民生服务"), "label"), "民生服务") == 0);
	CHECK(strcmp(str(json_array_get(rows, 0), "key"), "基础设施类") == 0);
	CHECK(strcmp(str(json_array_get(rows, 6), "key"), "民生服务") == 0);
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN);
	done(&x);

	x = stats(tok_admin, "group=state");
	CHECK(nrows(x.j) == 4);
	CHECK(is_row(row(x.j, "申报"), 4, 295000001, -1));
	CHECK(is_row(row(x.j, "已办结"), 1, 500000, -1));
	CHECK(is_row(row(x.j, "交办"), 1, 20000, -1));
	CHECK(is_row(row(x.j, "提出"), 1, 8000000, -1));
	done(&x);

	x = stats(tok_admin, "group=year");
	CHECK(nrows(x.j) == 3);
	CHECK(is_row(row(x.j, "2025"), 5, 245520001, -1));
	CHECK(strcmp(str(row(x.j, "2025"), "label"), "2025年") == 0);
	CHECK(is_row(row(x.j, "2024"), 1, NANGANG_FEN, -1));
	CHECK(is_row(row(x.j, NULL), 1, 8000000, -1));
	CHECK(strcmp(str(row(x.j, NULL), "label"), "未填年度") == 0);
	done(&x);

	x = stats(tok_admin, "group=light");
	rows = json_object_get(x.j, "rows");
	CHECK(nrows(x.j) == 4);
	CHECK(is_row(row(x.j, "red"), 2, 150000000, -1));
	CHECK(strcmp(str(row(x.j, "red"), "label"), "红灯") == 0);
	CHECK(is_row(row(x.j, "blue"), 3, 152920000, -1));
	CHECK(is_row(row(x.j, "yellow"), 1, 100001, -1));
	CHECK(is_row(row(x.j, "grey"), 1, 500000, -1));
	CHECK(strcmp(str(json_array_get(rows, 0), "key"), "blue") == 0);
	CHECK(strcmp(str(json_array_get(rows, 3), "key"), "yellow") == 0);
	CHECK(rows_sum(x.j, "count", false) == 7);
	done(&x);
}

static void
test_stats_filters(void)
{
	struct res	 x;
	char		 q[128];

	x = stats(tok_admin, "group=unit&category=基础设施类");
	CHECK(nrows(x.j) == 1 && is_row(row(x.j, idkey(unit_jtj)), 1,
	    144900000, 120));
	CHECK(num(json_object_get(x.j, "total"), "count") == 1);
	done(&x);
	x = stats(tok_admin, "group=unit&light=red");
	CHECK(nrows(x.j) == 2 && is_row(row(x.j, idkey(unit_slj)), 1,
	    100000000, -1) && is_row(row(x.j, idkey(unit_ng)), 1, NANGANG_FEN,
	    -1));
	done(&x);
	/* items with a place in 张营镇, with all their places */
	x = stats(tok_admin, "group=place:village&place=140881106");
	CHECK(nrows(x.j) == 3);
	CHECK(is_row(row(x.j, "140881100200"), 1, 33333, -1));
	CHECK(rows_sum(x.j, "money", true) == 100001);
	CHECK(fen(json_object_get(x.j, "total"), "money") == 100001);
	done(&x);
	snprintf(q, sizeof(q), "group=state&ledger=%lld", (long long)led_a);
	x = stats(tok_admin, q);
	CHECK(nrows(x.j) == 1 && is_row(row(x.j, "申报"), 3, 245000001, -1));
	done(&x);
	x = stats(tok_admin, "group=category&done=true");
	CHECK(nrows(x.j) == 1 && is_row(row(x.j, "城建城管执法"), 1, 500000,
	    -1));
	done(&x);
	x = stats(tok_admin, "group=year&q=饮水");
	CHECK(nrows(x.j) == 1 && is_row(row(x.j, "2025"), 1, 100000000, 200));
	done(&x);
	x = stats(tok_admin, "group=unit&deadline_from=2000-01-01&deadline_to=" \
	    "2000-12-31");
	CHECK(x.status == 200 && nrows(x.j) == 0);
	CHECK(num(json_object_get(x.j, "total"), "count") == 0 &&
	    fen(json_object_get(x.j, "total"), "money") == 0);
	done(&x);
	snprintf(q, sizeof(q), "group=unit&unit=%lld", (long long)unit_lcc);
	x = stats(tok_admin, q);	/* the units below 老促会 */
	CHECK(num(json_object_get(x.j, "total"), "count") == 5);
	done(&x);

	/* measures */
	x = stats(tok_admin, "group=state&measure=count");
	CHECK(x.status == 200 && num(row(x.j, "申报"), "count") == 4);
	CHECK(json_object_get(row(x.j, "申报"), "money") == NULL);
	CHECK(json_object_get(json_object_get(x.j, "total"), "households") ==
	    NULL);
	done(&x);
	x = stats(tok_admin, "group=state&measure=money,beneficiaries");
	CHECK(json_object_get(row(x.j, "申报"), "count") == NULL);
	CHECK(fen(row(x.j, "申报"), "money") == 295000001);
	CHECK(num(row(x.j, "申报"), "households") == 650);
	done(&x);

	/* bad requests */
	x = stats(tok_admin, "group=planet");
	CHECK(x.status == 400 && strcmp(err_field(&x), "group") == 0);
	done(&x);
	x = stats(tok_admin, "measure=count");
	CHECK(x.status == 400 && strcmp(err_field(&x), "group") == 0);
	done(&x);
	x = stats(tok_admin, "group=unit&measure=count,area");
	CHECK(x.status == 400 && strcmp(err_field(&x), "measure") == 0);
	done(&x);
	x = stats(tok_admin, "group=unit&light=purple");
	CHECK(x.status == 400 && strcmp(err_field(&x), "light") == 0);
	done(&x);
	x = stats(tok_admin, "group=unit&ledger=99999");
	CHECK(x.status == 404);
	done(&x);
	x = call("GET", "/api/v1/stats?group=unit", NULL, NULL);
	CHECK(x.status == 401);
	done(&x);
}

static void
test_stats_scope(void)
{
	static const char *const groups[] = {
		"unit", "place:province", "place:city", "place:county",
		"place:town", "place:village", "category", "year", "state",
		"light"
	};
	struct res	 x;
	json_t		*r, *t;
	size_t		 i, k;
	char		 q[64];
	int		 leaks = 0;

	/* 南岗区's supervisor: only its own item, in every number */
	for (i = 0; i < NELEM(groups); i++) {
		snprintf(q, sizeof(q), "group=%s", groups[i]);
		x = stats(tok_sup_n, q);
		t = json_object_get(x.j, "total");
		if (x.status != 200 || num(t, "count") != 1 ||
		    fen(t, "money") != NANGANG_FEN || num(t, "households") != 300 ||
		    nrows(x.j) != 1 || rows_sum(x.j, "count", false) != 1 ||
		    rows_sum(x.j, "money", true) != NANGANG_FEN ||
		    rows_sum(x.j, "households", false) != 300)
			leaks++;
		json_array_foreach(json_object_get(x.j, "rows"), k, r)
			if (strncmp(groups[i], "place:", 6) == 0 &&
			    strncmp(str(r, "key"), "23", 2) != 0)
				leaks++;
		done(&x);
	}
	CHECK(leaks == 0);
	snprintf(q, sizeof(q), "group=unit&ledger=%lld", (long long)led_a);
	x = stats(tok_sup_n, q);
	CHECK(x.status == 200 && nrows(x.j) == 0 &&
	    num(json_object_get(x.j, "total"), "count") == 0);
	done(&x);
	x = stats(tok_sup_n, "group=place:town&place=140881");
	CHECK(nrows(x.j) == 0 && fen(json_object_get(x.j, "total"), "money") ==
	    0);
	done(&x);

	/* 永济市's supervisor: all of 永济市, nothing of 南岗区 */
	x = stats(tok_sup_a, "group=place:county");
	CHECK(nrows(x.j) == 2 && row(x.j, "230103") == NULL);
	CHECK(fen(json_object_get(x.j, "total"), "money") ==
	    ALL_FEN - NANGANG_FEN);
	CHECK(rows_sum(x.j, "money", true) == ALL_FEN - NANGANG_FEN);
	done(&x);

	/* the reporter of 交通运输局: the items of its unit */
	x = stats(tok_rep, "group=unit");
	CHECK(x.status == 200 && nrows(x.j) == 1);
	CHECK(is_row(row(x.j, idkey(unit_jtj)), 3, 145500001, 150));
	t = json_object_get(x.j, "total");
	CHECK(num(t, "count") == 3 && fen(t, "money") == 145500001);
	done(&x);
	x = stats(tok_rep, "group=place:village");
	CHECK(row(x.j, "230103001001") == NULL);
	CHECK(is_row(row(x.j, "140881100202"), 1, 144900000, 120));
	CHECK(rows_sum(x.j, "money", true) == 145500001);
	done(&x);
	/* lists and statistics agree */
	x = AS(tok_rep, "GET", "/api/v1/items?limit=1", NULL);
	CHECK(num(x.j, "total") == 3);
	done(&x);
}

/* The warnings of a reply: how many, and whether one names item id
 * with reason why. */
static bool
warns(json_t *j, size_t n, int64_t id, const char *why)
{
	json_t	*w = json_object_get(j, "warnings"), *e;
	size_t	 i;
	bool	 found = id == 0;

	if (n == 0)
		return w == NULL;
	if (json_array_size(w) != n)
		return false;
	json_array_foreach(w, i, e)
		if (num(e, "item_id") == id && strcmp(str(e, "reason"), why) ==
		    0 && num(e, "ledger_id") > 0 && strcmp(str(json_object_get(
		    e, "place"), "code"), "") != 0)
			found = true;
	return found;
}

#define OVERLAP	"同一村同类项目期间重叠"
#define SIMILAR	"同一村名称相近的项目"

/* A pair of the duplicates reply with a and b (either way)? */
static json_t *
pair(json_t *j, int64_t a, int64_t b)
{
	json_t	*p;
	size_t	 i;
	int64_t	 x, y;

	json_array_foreach(json_object_get(j, "pairs"), i, p) {
		x = num(json_object_get(p, "a"), "id");
		y = num(json_object_get(p, "b"), "id");
		if ((x == a && y == b) || (x == b && y == a))
			return p;
	}
	return NULL;
}

static void
test_dup(void)
{
	struct res	 x;
	json_t		*p;
	char		 path[96], sqlbuf[160];
	int64_t		 d1, d2, d3, d4, d5, d6, nx, e1, e2;
	const char	*road = "{\"title\":\"%s\",\"category\":\"%s\","
	    "\"places\":[\"%s\"],\"amount\":\"10000.00\",\"lead_unit_id\":%lld,"
	    "\"start\":\"%s\",\"deadline\":\"%s\"%s}";

	/* the first at 张营村: nothing like it there */
	x = post_item(tok_sup_a, led_a, road, "张营村机耕路", "基础设施类",
	    "140881106200", (long long)unit_jtj, "2025-04-01", "2025-09-30", "");
	CHECK(x.status == 201 && warns(x.j, 0, 0, NULL));
	d1 = num(x.j, "id");
	done(&x);
	/* the same kind, same village, overlapping period: names the first */
	x = post_item(tok_sup_a, led_a, road, "张营村生产便道", "基础设施类",
	    "140881106200", (long long)unit_jtj, "2025-09-01", "2026-03-31", "");
	CHECK(x.status == 201 && warns(x.j, 1, d1, OVERLAP));
	CHECK(strcmp(str(json_object_get(json_array_get(json_object_get(x.j,
	    "warnings"), 0), "place"), "name"), "张营村委会") == 0);
	CHECK(strcmp(str(json_array_get(json_object_get(x.j, "warnings"), 0),
	    "title"), "张营村机耕路") == 0);
	d2 = num(x.j, "id");
	done(&x);
	/* the same kind and village in another period: none */
	x = post_item(tok_sup_a, led_a, road, "张营村排水渠", "基础设施类",
	    "140881106200", (long long)unit_jtj, "2024-01-01", "2024-12-31", "");
	CHECK(x.status == 201 && warns(x.j, 0, 0, NULL));
	d3 = num(x.j, "id");
	done(&x);
	/* a near-identical title (spaces, brackets, a suffix), another
	 * kind and period: names the first only */
	x = post_item(tok_sup_a, led_a, road, "张营村 机耕路(一期)", "产业类",
	    "140881106200", (long long)unit_jtj, "2023-01-01", "2023-12-31", "");
	CHECK(x.status == 201 && warns(x.j, 1, d1, SIMILAR));
	d4 = num(x.j, "id");
	done(&x);
	/* all the same but another village: none */
	x = post_item(tok_sup_a, led_a, road, "张营村机耕路", "基础设施类",
	    "140881106202", (long long)unit_jtj, "2025-04-01", "2025-09-30", "");
	CHECK(x.status == 201 && warns(x.j, 0, 0, NULL));
	d5 = num(x.j, "id");
	done(&x);
	/* a stopped project neither warns nor is warned about */
	x = post_item(tok_sup_a, led_a, road, "张营村机耕路", "基础设施类",
	    "140881106200", (long long)unit_jtj, "2025-04-01", "2025-09-30",
	    ",\"state\":\"终止\"");
	CHECK(x.status == 201 && warns(x.j, 0, 0, NULL));
	d6 = num(x.j, "id");
	done(&x);
	/* a need of another ledger with the title of the first */
	x = post_item(tok_sup_a, led_need, "{\"title\":\"张营村机耕路修缮\","
	    "\"category\":\"道路交通\",\"places\":[\"140881106200\"]}");
	CHECK(x.status == 201 && warns(x.j, 1, d1, SIMILAR));
	nx = num(x.j, "id");
	done(&x);

	/* the first now has three: the overlap, the title, the need;
	 * a plain GET does not look for them */
	snprintf(path, sizeof(path), "/api/v1/items/%lld", (long long)d1);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 200 && json_object_get(x.j, "warnings") == NULL);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/items/%lld?warnings=1",
	    (long long)d1);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 200 && warns(x.j, 3, d2, OVERLAP) &&
	    warns(x.j, 3, d4, SIMILAR) && warns(x.j, 3, nx, SIMILAR));
	done(&x);

	/* the ledger's duplicates, each pair once */
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_a);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 200 && num(x.j, "total") == 3 &&
	    json_array_size(json_object_get(x.j, "pairs")) == 3);
	p = pair(x.j, d1, d2);
	CHECK(p && strcmp(str(p, "reason"), OVERLAP) == 0);
	CHECK(p && strcmp(str(json_object_get(p, "place"), "code"),
	    "140881106200") == 0);
	CHECK(p && strcmp(str(json_object_get(p, "a"), "title"),
	    "张营村机耕路") == 0);
	p = pair(x.j, d1, d4);
	CHECK(p && strcmp(str(p, "reason"), SIMILAR) == 0);
	p = pair(x.j, d1, nx);
	CHECK(p && num(json_object_get(p, "b"), "ledger_id") == led_need);
	CHECK(pair(x.j, d1, d3) == NULL && pair(x.j, d1, d5) == NULL &&
	    pair(x.j, d1, d6) == NULL && pair(x.j, d2, d4) == NULL);
	done(&x);
	/* from the need ledger: the need and the project */
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_need);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 200 && num(x.j, "total") == 1 && pair(x.j, nx, d1));
	done(&x);
	/* 南岗区 sees none of 永济市's pairs */
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_a);
	x = AS(tok_sup_n, "GET", path, NULL);
	CHECK(x.status == 200 && num(x.j, "total") == 0 &&
	    json_array_size(json_object_get(x.j, "pairs")) == 0);
	done(&x);
	x = AS(tok_sup_a, "GET", "/api/v1/ledgers/99999/duplicates", NULL);
	CHECK(x.status == 404);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_t);
	x = AS(tok_sup_a, "GET", path, NULL);	/* tasks: not checked */
	CHECK(x.status == 200 && num(x.j, "total") == 0);
	done(&x);

	/* once the need is linked to the project that meets it, they are
	 * no longer duplicates of each other */
	snprintf(sqlbuf, sizeof(sqlbuf), "INSERT INTO item_link (from_item, "
	    "to_item, kind, created_at) VALUES (%lld, %lld, 'satisfies', 0)",
	    (long long)d1, (long long)nx);
	CHECK(testdb_exec(dbpath, sqlbuf) == 0);
	snprintf(path, sizeof(path), "/api/v1/items/%lld?warnings=1",
	    (long long)d1);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(warns(x.j, 2, d2, OVERLAP) && warns(x.j, 2, d4, SIMILAR));
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_a);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(num(x.j, "total") == 2 && pair(x.j, d1, nx) == NULL);
	done(&x);

	/* an edit out of the period removes the overlap warning */
	snprintf(path, sizeof(path), "/api/v1/items/%lld", (long long)d2);
	x = call("PATCH", path, "{\"start\":\"2026-01-01\"}", "Authorization",
	    bearer(tok_sup_a), "If-Match", "\"1\"", NULL);
	CHECK(x.status == 200 && warns(x.j, 0, 0, NULL));
	done(&x);
	x = call("PATCH", path, "{\"start\":\"2025-09-30\"}", "Authorization",
	    bearer(tok_sup_a), "If-Match", "\"2\"", NULL);
	CHECK(x.status == 200 && warns(x.j, 1, d1, OVERLAP));	/* one day */
	done(&x);

	/* two items sharing two villages: one pair, at the first village */
	x = post_item(tok_sup_a, led_a, "{\"title\":\"两村灌溉渠\",\"category\":"
	    "\"其他\",\"places\":[\"140881106202\",\"140881106200\"],"
	    "\"amount\":\"10.00\",\"lead_unit_id\":%lld}", (long long)unit_slj);
	CHECK(x.status == 201 && warns(x.j, 0, 0, NULL));
	e1 = num(x.j, "id");
	done(&x);
	x = post_item(tok_sup_a, led_a, "{\"title\":\"两村灌溉渠\",\"category\":"
	    "\"其他\",\"places\":[\"140881106200\",\"140881106202\"],"
	    "\"amount\":\"10.00\",\"lead_unit_id\":%lld}", (long long)unit_slj);
	/* no start, no deadline: both run from today on */
	CHECK(x.status == 201 && warns(x.j, 1, e1, OVERLAP));
	CHECK(strcmp(str(json_object_get(json_array_get(json_object_get(x.j,
	    "warnings"), 0), "place"), "code"), "140881106200") == 0);
	e2 = num(x.j, "id");
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/duplicates",
	    (long long)led_a);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(num(x.j, "total") == 3 && json_array_size(json_object_get(x.j,
	    "pairs")) == 3);
	p = pair(x.j, e1, e2);
	CHECK(p && strcmp(str(json_object_get(p, "place"), "code"),
	    "140881106200") == 0);
	/* sorted by a, then b */
	CHECK(num(json_object_get(json_array_get(json_object_get(x.j, "pairs"),
	    0), "b"), "id") == d2);
	CHECK(num(json_object_get(json_array_get(json_object_get(x.j, "pairs"),
	    2), "a"), "id") == e1);
	done(&x);
}

static void
test_dup_rules(void)
{
	struct dup_item	a, b;

	CHECK(dup_title_similar("新源村道路硬化", "新源村道路硬化"));
	CHECK(dup_title_similar("新源村 道路硬化(一期)", "新源村道路硬化(一期)"));
	CHECK(dup_title_similar("新源村“道路”硬化。", "新源村道路硬化"));
	CHECK(dup_title_similar("Ａ区１号路", "a区1号路"));
	/* containment needs 4 characters, counted as code points */
	CHECK(dup_title_similar("道路硬化", "新源村道路硬化工程"));
	CHECK(!dup_title_similar("道路硬", "新源村道路硬"));
	CHECK(!dup_title_similar("道路", "新源村道路"));
	/* Dice of bigrams: 16/20 = 0.8 is near, 14/20 and 14/18 are not */
	CHECK(dup_title_similar("新源村主干道路硬化工程", "新源村主干道路绿化工程"));
	CHECK(!dup_title_similar("新源村主干道路硬化工程", "新源村主干道路绿美工程"));
	CHECK(!dup_title_similar("新源村道路硬化工程", "新源村道路硬化改造工程"));
	CHECK(!dup_title_similar("新源村文化广场", "新源村道路硬化"));
	CHECK(!dup_title_similar("()", "()"));
	CHECK(!dup_title_similar("", ""));

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.title = "一";
	b.title = "二";
	a.category = b.category = "基础设施类";
	/* open end overlaps anything later */
	a.start = date_from_ymd(2025, 1, 1);
	a.deadline = DATE_NONE;
	b.start = date_from_ymd(2030, 1, 1);
	b.deadline = date_from_ymd(2030, 12, 31);
	CHECK(dup_reason(&a, &b) != NULL && dup_reason(&b, &a) != NULL);
	/* a missing start is the day created: after b's end, no overlap */
	a.start = DATE_NONE;
	a.deadline = date_from_ymd(2025, 12, 31);
	a.created_at = 1748779200;	/* 2025-06-01 12:00 UTC */
	b.start = date_from_ymd(2025, 1, 1);
	b.deadline = date_from_ymd(2025, 5, 15);
	CHECK(dup_reason(&a, &b) == NULL);
	b.deadline = date_from_ymd(2025, 6, 1);	/* ends inclusive */
	CHECK(dup_reason(&a, &b) != NULL);
	b.category = "产业类";
	CHECK(dup_reason(&a, &b) == NULL);
	a.category = b.category = NULL;		/* no category: no match */
	CHECK(dup_reason(&a, &b) == NULL);
	b.title = "一";
	CHECK(strcmp(dup_reason(&a, &b), "同一村名称相近的项目") == 0);
}

/* Warnings name only items the caller may see: the reporter of 交通局
 * must not learn of 水利局's project at the same village. */
static void
test_dup_scope(void)
{
	struct res	 x;
	char		 path[64];
	int64_t		 hidden, mine;
	const char	*fmt = "{\"title\":\"%s\",\"category\":\"产业类\","
	    "\"places\":[\"140881100200\"],\"amount\":\"500.00\","
	    "\"lead_unit_id\":%lld,\"start\":\"2025-03-01\","
	    "\"deadline\":\"2025-10-31\"}";

	x = post_item(tok_sup_a, led_a, fmt, "虞乡村大棚", (long long)unit_slj);
	hidden = num(x.j, "id");
	CHECK(x.status == 201);
	done(&x);
	x = post_item(tok_sup_a, led_a, fmt, "虞乡村冷库", (long long)unit_jtj);
	mine = num(x.j, "id");
	CHECK(x.status == 201 && warns(x.j, 1, hidden, OVERLAP));
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/items/%lld?warnings=1",
	    (long long)mine);
	x = AS(tok_rep, "GET", path, NULL);
	CHECK(x.status == 200 && warns(x.j, 0, 0, NULL));
	done(&x);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 200 && warns(x.j, 1, hidden, OVERLAP));
	done(&x);
}

/*
 * Totals and statistics are kept while nothing changes (store_cache.h):
 * a change made behind the server's back (as by another process) shows
 * at the next request, as one made through the API does.
 */
#define SHENBAO "申报"
static int64_t
state_count(const char *state)
{
	struct res	 x = stats(tok_admin, "group=state");
	json_t		*r = row(x.j, state);
	int64_t		 n = r ? num(r, "count") : 0;

	done(&x);
	return n;
}

static int64_t
list_total(void)
{
	struct res	x = AS(tok_admin, "GET", "/api/v1/items?state=" SHENBAO,
			    NULL);
	int64_t		n = x.status == 200 ? num(x.j, "total") : -1;

	done(&x);
	return n;
}

static void
test_cache(void)
{
	int64_t	shen = state_count("申报"), jiao = state_count("交办");
	int64_t	total = list_total();

	CHECK(shen == 4 && total == 4);
	CHECK(state_count("申报") == shen && list_total() == total);
	CHECK(testdb_exec(dbpath, "UPDATE item SET state = '交办' WHERE id = "
	    "(SELECT min(id) FROM item WHERE state = '申报')") == 0);
	CHECK(state_count("申报") == shen - 1);
	CHECK(state_count("交办") == jiao + 1);
	CHECK(list_total() == total - 1);
	CHECK(testdb_exec(dbpath, "UPDATE item SET state = '申报' WHERE id = "
	    "(SELECT min(id) FROM item WHERE state = '交办')") == 0);
	CHECK(list_total() == total && state_count("申报") == shen);
	CHECK(state_count("交办") == jiao);
}

/*
 * As taizhang serve does: the watch started, a write of this process
 * does not keep the next read from being cached (store_cache_absorb()),
 * and the read after a write sees it.
 */
static void
test_cache_own_writes(void)
{
	struct res	x;
	char		path[96], etag[32];
	uint64_t	h;
	int64_t		shen = state_count("申报"), id;

	store_cache_start(st);
	state_count("申报");
	h = store_cache_hits();
	CHECK(state_count("申报") == shen && store_cache_hits() == h + 1);
	id = testdb_int(dbpath, "SELECT min(id) FROM item WHERE state = "
	    "'申报'", 0, NULL);
	snprintf(path, sizeof(path), "/api/v1/items/%lld", (long long)id);
	x = AS(tok_admin, "GET", path, NULL);
	snprintf(etag, sizeof(etag), "\"%lld\"", (long long)num(x.j,
	    "version"));
	done(&x);
	x = call("PATCH", path, "{\"progress\":33}", "Authorization",
	    bearer(tok_admin), "If-Match", etag, NULL);
	CHECK(x.status == 200);
	done(&x);
	h = store_cache_hits();
	CHECK(state_count("申报") == shen && store_cache_hits() == h);
	CHECK(state_count("申报") == shen && store_cache_hits() == h + 1);
	/* and one behind its back is still seen */
	CHECK(testdb_exec(dbpath, "UPDATE item SET state = '交办' WHERE id = "
	    "(SELECT min(id) FROM item WHERE state = '申报')") == 0);
	CHECK(state_count("申报") == shen - 1);
	CHECK(testdb_exec(dbpath, "UPDATE item SET state = '申报' WHERE id = "
	    "(SELECT min(id) FROM item WHERE state = '交办')") == 0);
	CHECK(state_count("申报") == shen);
	/* a checkpoint elsewhere is no change, nor a VACUUM on PostgreSQL
	 * (SQLite: a passive one; one that restarts the WAL moves
	 * data_version) */
	state_count("申报");
	h = store_cache_hits();
	CHECK(testdb_exec(dbpath, testdb_is_pg() ? "CHECKPOINT" :
	    "PRAGMA wal_checkpoint(PASSIVE)") == 0);
	if (testdb_is_pg())
		CHECK(testdb_exec(dbpath, "VACUUM item") == 0);
	CHECK(state_count("申报") == shen && store_cache_hits() == h + 1);
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
	test_stats_unit();
	test_stats_place();
	test_stats_other_groups();
	test_stats_filters();
	test_stats_scope();
	test_cache();
	test_cache_own_writes();
	test_dup();
	test_dup_rules();
	test_dup_scope();
	teardown();
}

TEST_MAIN(TEST(test_all))
