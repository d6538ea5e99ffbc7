/*
 * The gazetteer load (store_place_load) on a real store (SQLite, or
 * PostgreSQL when TAIZHANG_TEST_PG is set: testdb.h): the first load
 * into an empty table with the indexes made afterwards, a reload row by
 * row, a code twice, the counts kept for the status page.
 */
#include <string.h>

#include "check.h"
#include "store.h"
#include "store_place.h"
#include "testdb.h"
#include "util.h"

static struct store	*st;
static const char	*uri;

static const struct place_row rows[] = {
	{ "14", "山西省", NULL, 1 },
	{ "1408", "运城市", "14", 2 },
	{ "140881", "永济市", "1408", 3 },
	{ "140881100", "虞乡镇", "140881", 4 },
	{ "140881100200", "虞乡村委会", "140881100", 5 },
	{ "140881100202", "新源村委会", "140881100", 5 },
	{ "140881106", "张营镇", "140881", 4 },
	{ "140881106200", "张营村委会", "140881106", 5 },
	{ "140881106201", "新\t源\\庄村委会", "140881106", 5 },
};

/* The secondary indexes of place the engine has. */
static int64_t
place_indexes(void)
{
	return testdb_int(uri, testdb_is_pg() ?
	    "SELECT count(*) FROM pg_indexes WHERE tablename = 'place' "
	    "AND indexname IN ('place_parent', 'place_core', 'place_short')" :
	    "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
	    "tbl_name = 'place' AND name IN ('place_parent', 'place_core', "
	    "'place_short')", 0, NULL);
}

static enum store_rc
load(const struct place_row *r, size_t n, size_t *bad)
{
	enum store_rc rc;

	store_bulk(st, true);
	if (store_begin(st, true) == -1)
		return STORE_BUSY;
	if ((rc = store_place_load(st, r, n, bad)) == STORE_OK &&
	    store_commit(st) == -1)
		rc = STORE_ERROR;
	if (rc != STORE_OK)
		store_rollback(st);
	store_bulk(st, false);
	return rc;
}

static void
setup(void)
{
	char	err[256];
	int	applied;

	uri = testdb_uri();
	if ((st = store_open(uri, err, sizeof(err))) == NULL ||
	    store_migrate(st, &applied, err, sizeof(err)) == -1)
		xdie("store: %s", err);
}

static void
test_first_load(void)
{
	struct place	 out[PLACE_SEARCH_MAX], p;
	int64_t		 c[6];
	char		 v[128];
	size_t		 bad;
	int		 n;

	CHECK(load(rows, NELEM(rows), &bad) == STORE_OK && bad == NELEM(rows));
	CHECK(place_indexes() == 3);
	CHECK(testdb_int(uri, "SELECT count(*) FROM place", 0, NULL) == 9);
	CHECK(store_meta_get(st, "place_counts", v, sizeof(v)) == STORE_OK &&
	    strcmp(v, "9 1 1 1 2 4") == 0);
	CHECK(store_place_counts(st, c) == STORE_OK && c[0] == 9 &&
	    c[1] == 1 && c[4] == 2 && c[5] == 4);
	/* what the upsert would have written */
	CHECK(store_place_get(st, "140881100202", &p) == STORE_OK &&
	    strcmp(p.short_name, "新源村") == 0 && p.level == 5 &&
	    strcmp(p.parent, "140881100") == 0);
	CHECK(store_place_get(st, "14", &p) == STORE_OK && p.parent[0] == '\0');
	CHECK(testdb_int(uri, "SELECT count(*) FROM place WHERE parent IS NULL",
	    0, NULL) == 1);
	CHECK(store_place_get(st, "140881106201", &p) == STORE_OK &&
	    strcmp(p.name, "新\t源\\庄村委会") == 0);
	CHECK(store_place_search(st, "新源", "14", 0, 20, out, &n) ==
	    STORE_OK && n == 1 && strcmp(out[0].code, "140881100202") == 0);
	CHECK(store_place_search(st, "虞乡镇新源村", "", 0, 20, out, &n) ==
	    STORE_OK && n == 1 && strcmp(out[0].code, "140881100202") == 0);
	CHECK(store_check(st, v, sizeof(v)) == 0);
}

static void
test_reload(void)
{
	struct place_row r[NELEM(rows) + 1];
	struct place	 p;
	int64_t		 c[6];
	char		 v[128];
	size_t		 bad;

	memcpy(r, rows, sizeof(rows));
	r[5].name = "新源社区居委会";
	r[NELEM(rows)] = (struct place_row){ "140881106202", "王村委会",
	    "140881106", 5 };
	CHECK(load(r, NELEM(r), &bad) == STORE_OK);
	CHECK(store_place_get(st, "140881100202", &p) == STORE_OK &&
	    strcmp(p.short_name, "新源社区") == 0);
	CHECK(store_meta_get(st, "place_counts", v, sizeof(v)) == STORE_OK &&
	    strcmp(v, "10 1 1 1 2 5") == 0);
	CHECK(place_indexes() == 3);
	/* a place put in outside a load: counted again */
	store_begin(st, true);
	CHECK(store_place_upsert(st, "140881106203", "李村委会", 5,
	    "140881106") == STORE_OK);
	store_commit(st);
	CHECK(store_meta_get(st, "place_counts", v, sizeof(v)) ==
	    STORE_NOTFOUND);
	CHECK(store_place_counts(st, c) == STORE_OK && c[0] == 11 &&
	    c[5] == 6);
}

static void
test_twice_into_empty(void)
{
	struct place_row r[NELEM(rows) + 1];
	struct store	*old = st;
	struct place	 p;
	int64_t		 c[6];
	char		 err[256];
	int		 applied;
	size_t		 bad;

	/* a code twice: the bulk load gives up, the upsert keeps the last */
	uri = testdb_uri();
	if ((st = store_open(uri, err, sizeof(err))) == NULL ||
	    store_migrate(st, &applied, err, sizeof(err)) == -1)
		xdie("store: %s", err);
	memcpy(r, rows, sizeof(rows));
	r[NELEM(rows)] = (struct place_row){ "140881100202", "新源新村委会",
	    "140881100", 5 };
	CHECK(load(r, NELEM(r), &bad) == STORE_OK);
	CHECK(store_place_get(st, "140881100202", &p) == STORE_OK &&
	    strcmp(p.name, "新源新村委会") == 0);
	CHECK(store_place_counts(st, c) == STORE_OK && c[0] == 9 &&
	    c[5] == 4);
	CHECK(place_indexes() == 3);
	store_close(st);
	st = old;
}

static void
test_all(void)
{
	setup();
	test_first_load();
	test_reload();
	test_twice_into_empty();
	store_close(st);
	testdb_done();
}

TEST_MAIN(TEST(test_all))
