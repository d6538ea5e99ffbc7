/*
 * Statistics by place level, summed in C (store_stats.c): an item with
 * several places in one group and places in two counties counts once
 * per group with its shares summed and its payments split and rounded
 * per group as the engine rounds (db_ratio, checked against the
 * engine's own SQL on awkward numbers); items without places form the
 * group NULL; amounts of 0; order ties (key, then NULL last); the
 * limit; a supervisor's scope; a filter that leaves nothing.  On
 * SQLite, or on PostgreSQL when TAIZHANG_TEST_PG is set (testdb.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "apitest.h"
#include "db.h"
#include "money.h"
#include "store_stats.h"
#include "testdb.h"

static const char	*dbpath;
static char		 tok_admin[AUTH_TOKEN_LEN + 1];
static char		 tok_sup[AUTH_TOKEN_LEN + 1];
static int64_t		 led, unit;

/* A money field in fen; -999 if absent or not a decimal string. */
static int64_t
fen(json_t *o, const char *key)
{
	const char	*s = json_string_value(json_object_get(o, key));
	int64_t		 v;

	return s && money_parse_yuan(s, &v) == 0 ? v : -999;
}

/* POST item body ("{...}") into the ledger as admin, led by the
 * unit; its id, or 0. */
static int64_t
mkitem(const char *fields)
{
	struct res	x;
	char		path[64], body[512];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"lead_unit_id\":%lld,"
	    "\"deadline\":\"2030-12-31\",%s",
	    (long long)unit, fields + 1);
	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/items",
	    (long long)led);
	x = AS(tok_admin, "POST", path, body);
	id = x.status == 201 ? num(x.j, "id") : 0;
	if (x.status != 201)
		fprintf(stderr, "item %d: %s\n  %s\n", x.status, body,
		    x.data ? x.data : "");
	done(&x);
	return id;
}

/* Run an UPDATE of the test's own making on the store. */
static void
exec(const char *fmt, ...)
{
	char	q[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (testdb_exec(dbpath, q) == -1)
		xdie("%s", q);
}

/*
 * The store: the places of apitest_open and 盐湖区 beside 永济市; items
 *   a 100001 fen, paid 33333, 10 households, at 虞乡村 33334, 新源村
 *     33334 (虞乡镇) and 张营村 33333 (张营镇), all in 永济市;
 *   b 2 fen, paid 1, 5 households, at 新源村 1 and 北城社区 1 (盐湖区);
 *   c 1 fen, paid 100, 7 persons, no places;
 *   d 0 fen, paid 30, no places;
 *   e 0 fen, paid 70, at 北城社区 with share 0.
 */
static void
setup(void)
{
	static apitest_place places[] = {
		{ "140802", "盐湖区", "3", "1408" },
		{ "140802001", "北城街道", "4", "140802" },
		{ "140802001001", "北城社区居委会", "5", "140802001" },
	};
	struct res	x;
	char		b[256];
	int64_t		a, bb, c, d, e;

	dbpath = apitest_open(places, NELEM(places));
	unit = mkunit("运城市老促会", "党政部门", 0, "1408");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup", ROLE_SUPERVISOR, 0, "140881", tok_sup);
	if (store_commit(st) == -1)
		xdie("setup commit");
	snprintf(b, sizeof(b), "{\"template\":\"task\",\"name\":"
	    "\"运城市实事清单\",\"year\":2025,\"region\":\"1408\","
	    "\"owner_unit_id\":%lld}", (long long)unit);
	x = AS(tok_admin, "POST", "/api/v1/ledgers", b);
	led = x.status == 201 ? num(x.j, "id") : 0;
	done(&x);
	a = mkitem("{\"title\":\"三村道路\",\"amount\":\"1000.01\","
	    "\"places\":[\"140881100200\",\"140881100202\",\"140881106200\"],"
	    "\"beneficiaries\":{\"households\":10}}");
	bb = mkitem("{\"title\":\"两县界桥\",\"amount\":\"0.02\",\"places\":"
	    "[\"140881100202\",\"140802001001\"],\"beneficiaries\":"
	    "{\"households\":5}}");
	c = mkitem("{\"title\":\"未定地点一\",\"amount\":\"0.01\","
	    "\"beneficiaries\":{\"persons\":7}}");
	d = mkitem("{\"title\":\"未定地点二\",\"amount\":\"0.00\"}");
	e = mkitem("{\"title\":\"零元项目\",\"amount\":\"0.00\",\"places\":"
	    "[\"140802001001\"]}");
	if (!led || !a || !bb || !c || !d || !e)
		xdie("items");
	exec("UPDATE item SET paid_fen = 33333 WHERE id = %lld", (long long)a);
	exec("UPDATE item SET paid_fen = 1 WHERE id = %lld", (long long)bb);
	exec("UPDATE item SET paid_fen = 100 WHERE id = %lld", (long long)c);
	exec("UPDATE item SET paid_fen = 30 WHERE id = %lld", (long long)d);
	exec("UPDATE item SET paid_fen = 70 WHERE id = %lld", (long long)e);
	exec("UPDATE item_place SET share_fen = 33334 WHERE item_id = %lld AND "
	    "place_code <> '140881106200'", (long long)a);
	exec("UPDATE item_place SET share_fen = 33333 WHERE item_id = %lld AND "
	    "place_code = '140881106200'", (long long)a);
	exec("UPDATE item_place SET share_fen = 1 WHERE item_id = %lld",
	    (long long)bb);
}

static struct res
stats(const char *tok, const char *query)
{
	char path[256];

	snprintf(path, sizeof(path), "/api/v1/stats?%s", query);
	return AS(tok, "GET", path, NULL);
}

/* A row expected: key (NULL: null), count, money, paid, households. */
struct want_row {
	const char	*key;
	int64_t		 n, money, paid, hh;
};

/*
 * The replies expected, as the admin (or the supervisor of 永济市),
 * rows in order; total count, money and paid (each item once, its
 * whole paid).
 */
static const struct {
	bool		 sup;
	const char	*query;
	struct want_row	 rows[6];
	int64_t		 n, money, paid;
} wants[] = {
	/* a once in 永济市 with all its money; b in both counties, its 1
	 * fen paid split 0.5 and 0.5, each rounded up; e's paid whole
	 * (amount 0); the tie at 1 fen: 盐湖区 before the NULL group */
	{ false, "group=place:county", { { "140881", 2, 100002, 33334, 15 },
	    { "140802", 2, 1, 71, 5 }, { NULL, 2, 1, 130, 0 } },
	    5, 100004, 33534 },
	/* a in two towns: 66668 fen (paid 33333 * 66668 / 100001 =
	 * 22222.2) and 33333 (11110.8) */
	{ false, "group=place:town", { { "140881100", 2, 66669, 22223, 15 },
	    { "140881106", 1, 33333, 11111, 10 },
	    { "140802001", 2, 1, 71, 5 }, { NULL, 2, 1, 130, 0 } },
	    5, 100004, 33534 },
	{ false, "group=place:village",
	    { { "140881100202", 2, 33335, 11112, 15 },
	    { "140881100200", 1, 33334, 11111, 10 },
	    { "140881106200", 1, 33333, 11111, 10 },
	    { "140802001001", 2, 1, 71, 5 }, { NULL, 2, 1, 130, 0 } },
	    5, 100004, 33534 },
	/* one group: b's two places summed, so its paid is whole */
	{ false, "group=place:province", { { "14", 3, 100003, 33404, 15 },
	    { NULL, 2, 1, 130, 0 } }, 5, 100004, 33534 },
	{ false, "group=place:city", { { "1408", 3, 100003, 33404, 15 },
	    { NULL, 2, 1, 130, 0 } }, 5, 100004, 33534 },
	/* the supervisor of 永济市 sees a and b, b in both counties */
	{ true, "group=place:county", { { "140881", 2, 100002, 33334, 15 },
	    { "140802", 1, 1, 1, 5 } }, 2, 100003, 33334 },
	/* a place filter keeps whole items, all their places */
	{ false, "group=place:county&place=140802",
	    { { "140802", 2, 1, 71, 5 }, { "140881", 1, 1, 1, 5 } },
	    2, 2, 71 },
	/* nothing left: no rows, a total of zeros */
	{ false, "group=place:town&q=%E6%B2%A1%E6%9C%89", { { NULL, -1 } },
	    0, 0, 0 },
};

/* Does row r match w? */
static bool
is_row(json_t *r, const struct want_row *w)
{
	json_t *k = json_object_get(r, "key");

	if (w->key ? !json_is_string(k) || strcmp(json_string_value(k),
	    w->key) != 0 : !json_is_null(k))
		return false;
	return num(r, "count") == w->n && fen(r, "money") == w->money &&
	    fen(r, "paid") == w->paid && num(r, "households") == w->hh;
}

static void
test_levels(void)
{
	struct res	 x;
	json_t		*rows, *t, *r;
	size_t		 i, k, n;
	bool		 ok;

	for (i = 0; i < NELEM(wants); i++) {
		x = stats(wants[i].sup ? tok_sup : tok_admin, wants[i].query);
		rows = json_object_get(x.j, "rows");
		for (n = 0; n < NELEM(wants[i].rows) &&
		    wants[i].rows[n].n > 0; n++)
			;
		CHECK(x.status == 200 && json_array_size(rows) == n);
		for (k = 0; k < n; k++) {
			ok = is_row(json_array_get(rows, k), &wants[i].rows[k]);
			if (!ok)
				fprintf(stderr, "%s: row %zu\n", wants[i].query,
				    k);
			CHECK(ok);
		}
		t = json_object_get(x.j, "total");
		CHECK(num(t, "count") == wants[i].n && fen(t, "money") ==
		    wants[i].money && fen(t, "paid") == wants[i].paid);
		CHECK(json_is_false(json_object_get(x.j, "truncated")));
		done(&x);
	}

	x = stats(tok_admin, "group=place:county");
	rows = json_object_get(x.j, "rows");
	r = json_array_get(rows, 2);
	CHECK(num(r, "persons") == 7 &&
	    strcmp(str(r, "label"), "未填地点") == 0);
	CHECK(strcmp(str(json_array_get(rows, 0), "label"), "永济市") == 0);
	done(&x);
	x = stats(tok_admin, "group=place:city&measure=count");
	r = json_array_get(json_object_get(x.j, "rows"), 0);
	CHECK(num(r, "count") == 3 && json_object_get(r, "money") == NULL);
	done(&x);
	x = stats(tok_admin, "group=place:town&q=%E6%B2%A1%E6%9C%89");
	CHECK(strcmp(str(json_object_get(x.j, "total"), "money"), "0.00") ==
	    0);
	done(&x);
}

/* store_stats_rows with a small limit: the first rows, *more set. */
static void
test_limit(void)
{
	struct viewer		 v = { .admin = true };
	struct item_filter	 f;
	struct stats_row	*rows;
	struct stats_sum	 total;
	struct arena		*a = arena_new();
	bool			 more;
	int			 n;

	store_item_filter_init(&f);
	store_begin(st, false);
	CHECK(store_stats_rows(st, a, &v, &f, STATS_VILLAGE, 2, &rows, &n,
	    &more, &total) == STORE_OK);
	CHECK(n == 2 && more && strcmp(rows[0].key, "140881100202") == 0 &&
	    strcmp(rows[1].key, "140881100200") == 0);
	CHECK(rows[0].label && strcmp(rows[0].label, "新源村委会") == 0);
	CHECK(total.count == 5 && total.money_fen == 100004);
	CHECK(store_stats_rows(st, a, &v, &f, STATS_VILLAGE, 4, &rows, &n,
	    &more, &total) == STORE_OK);
	CHECK(n == 4 && more && strcmp(rows[3].key, "140802001001") == 0);
	CHECK(store_stats_rows(st, a, &v, &f, STATS_VILLAGE, 5, &rows, &n,
	    &more, &total) == STORE_OK);
	CHECK(n == 5 && !more && rows[4].key == NULL &&
	    rows[4].label == NULL && rows[4].sum.paid_fen == 130);
	CHECK(store_stats_rows(st, a, &v, &f, STATS_COUNTY, 0, &rows, &n,
	    &more, &total) == STORE_ERROR);
	store_commit(st);
	arena_free(a);
}

/*
 * db_ratio against the engine's own CAST(round(a * 1.0 * b / c) AS
 * BIGINT), the expression the statistics' SQL used: small numbers,
 * exact halves, negative payments, products beyond 2^53 and quotients
 * a hair either side of a half (where double precision, numeric's
 * division scale and the rounding rule each decide).
 */
static void
test_ratio(void)
{
	static const int64_t fixed[][3] = {
		{ 1, 1, 2 }, { 3, 1, 2 }, { -1, 1, 2 }, { -3, 1, 2 },
		{ 5, 1, 4 }, { 33333, 66668, 100001 }, { 0, 5, 7 },
		{ 7, 0, 3 }, { 1, 1, 3 }, { 2, 1, 3 },
		{ 999999999999, 999999999999, 1999999999998 },
		{ 123456789012, 987654321098, 246913578024 },
		{ 4503599627370497, 1, 1 }, { 9007199254740993, 1, 2 },
		{ 100000000000000, 100000, 200000001 },
	};
	struct dbstmt	*s;
	__int128	 n, c;
	int64_t		 t[3], want, got;
	uint64_t	 seed = 88172645463325252u;
	int		 i, k, bad = 0, tried = 0;

	store_begin(st, false);
	for (i = 0; i < 4000; i++) {
		if (i < (int)NELEM(fixed)) {
			memcpy(t, fixed[i], sizeof(t));
		} else {
			for (k = 0; k < 3; k++) {
				seed ^= seed << 13;
				seed ^= seed >> 7;
				seed ^= seed << 17;
				t[k] = (int64_t)(seed % 1000000000000u) + (k == 2);
			}
			if (i % 3 == 0)
				t[0] = -t[0] / 1000;
			/* c near 2ab / (2q + 1): a remainder near c / 2 */
			if (i % 2 == 0) {
				n = (__int128)t[0] * t[1];
				c = 2 * (n < 0 ? -n : n) / (2 * (int64_t)(seed %
				    1000000) + 1) + (int64_t)(seed % 3) - 1;
				if (c < 1 || c > ((__int128)1 << 62))
					continue;
				t[2] = (int64_t)c;
			}
		}
		/* the engines part ways outside 64 bits */
		n = (__int128)t[0] * t[1] / t[2];
		if (n > ((__int128)1 << 62) || n < -((__int128)1 << 62))
			continue;
		s = db_stmt_text(st, "SELECT CAST(round(CAST($1 AS BIGINT) * "
		    "1.0 * CAST($2 AS BIGINT) / CAST($3 AS BIGINT)) AS BIGINT)");
		for (k = 0; k < 3; k++)
			db_int(s, k + 1, t[k]);
		want = db_step(s) == DB_ROW ? db_col_int(s, 0) : INT64_MIN;
		db_reset(s);
		got = db_ratio(st, t[0], t[1], t[2]);
		tried++;
		if (got != want && bad++ < 5)
			fprintf(stderr, "ratio %lld %lld %lld: %lld, SQL %lld\n",
			    (long long)t[0], (long long)t[1], (long long)t[2],
			    (long long)got, (long long)want);
	}
	store_commit(st);
	CHECK(bad == 0 && tried > 2000);
}

/*
 * A statement streamed (db_stream; single-row mode on PostgreSQL) and
 * reset after its first row leaves the connection usable; streamed to
 * its end it gives every row, and again when run again.
 */
static void
test_stream(void)
{
	static const char text[] = "SELECT code FROM place ORDER BY code";
	struct dbstmt	*s;
	int		 n, round;

	store_begin(st, false);
	s = db_stmt_text(st, text);
	db_stream(s);
	CHECK(db_step(s) == DB_ROW && strcmp(db_col_text(s, 0), "14") == 0);
	db_reset(s);
	s = db_stmt(st, STMT_PLACE_GET);
	db_text(s, 1, "140802");
	CHECK(db_step(s) == DB_ROW && strcmp(db_col_text(s, 1), "盐湖区") == 0);
	db_reset(s);
	s = db_stmt_text(st, text);
	db_stream(s);
	for (round = 0; round < 2; round++) {
		for (n = 0; db_step(s) == DB_ROW; n++)
			;
		CHECK(n == (int)NELEM(apitest_places) + 3);
	}
	CHECK(store_commit(st) == 0);
}

static void
test_all(void)
{
	setup();
	test_levels();
	test_limit();
	test_ratio();
	test_stream();
	store_close(st);
	testdb_done();
}

TEST_MAIN(TEST(test_all))
