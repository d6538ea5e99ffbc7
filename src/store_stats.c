/* Statistics and duplicate-construction candidates in the store. */
#include <string.h>

#include "db.h"
#include "store_stats.h"
#include "util.h"

static const struct {
	const char	*name;
	enum stmt	 stmt;
} groups[] = {
	[STATS_UNIT] = { "unit", STMT_STATS_UNIT },
	[STATS_PROVINCE] = { "place:province", STMT_STATS_PROVINCE },
	[STATS_CITY] = { "place:city", STMT_STATS_CITY },
	[STATS_COUNTY] = { "place:county", STMT_STATS_COUNTY },
	[STATS_TOWN] = { "place:town", STMT_STATS_TOWN },
	[STATS_VILLAGE] = { "place:village", STMT_STATS_VILLAGE },
	[STATS_CATEGORY] = { "category", STMT_STATS_CATEGORY },
	[STATS_YEAR] = { "year", STMT_STATS_YEAR },
	[STATS_STATE] = { "state", STMT_STATS_STATE },
	[STATS_LIGHT] = { "light", STMT_STATS_LIGHT },
};

int
store_stats_group_parse(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(groups); i++)
		if (strcmp(s, groups[i].name) == 0)
			return (int)i;
	return -1;
}

const char *
store_stats_group_name(enum stats_group g)
{
	return (size_t)g < NELEM(groups) ? groups[g].name : "";
}

static const char *
store_stats_str(struct arena *a, struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

/* Columns from..from+5 of s: count, money, paid, beneficiaries. */
static void
store_stats_sum(struct dbstmt *s, int from, struct stats_sum *sum)
{
	sum->count = db_col_int(s, from);
	sum->money_fen = db_col_int(s, from + 1);
	sum->paid_fen = db_col_int(s, from + 2);
	sum->households = db_col_int(s, from + 3);
	sum->persons = db_col_int(s, from + 4);
	sum->poor_households = db_col_int(s, from + 5);
}

enum store_rc
store_stats_rows(struct store *st, struct arena *a, const struct viewer *v,
    const struct item_filter *f, enum stats_group g, int max,
    struct stats_row **rows, int *nrows, bool *more)
{
	struct dbstmt	*s;
	struct stats_row *out = NULL, *old;
	enum db_step	 r = DB_DONE;
	int		 n = 0, cap = 0;

	*rows = NULL;
	*nrows = 0;
	*more = false;
	if ((size_t)g >= NELEM(groups) || max < 1)
		return STORE_ERROR;
	s = store_item_stmt(st, a, groups[g].stmt, v, f);
	db_int(s, 16, (int64_t)max + 1);
	while ((r = db_step(s)) == DB_ROW) {
		if (n == max) {
			*more = true;
			break;
		}
		if (n == cap) {		/* the old copy stays in the pool */
			old = out;
			cap = cap ? 2 * cap : 32;
			out = arena_alloc(a, (size_t)cap * sizeof(*out));
			if (n)
				memcpy(out, old, (size_t)n * sizeof(*out));
		}
		out[n].key = store_stats_str(a, s, 0);
		out[n].label = store_stats_str(a, s, 1);
		store_stats_sum(s, 2, &out[n].sum);
		n++;
	}
	if (r == DB_ERR)
		return db_rc(st);
	db_reset(s);
	*rows = out;
	*nrows = n;
	return STORE_OK;
}

enum store_rc
store_stats_total(struct store *st, struct arena *a, const struct viewer *v,
    const struct item_filter *f, struct stats_sum *sum)
{
	struct dbstmt	*s;
	enum db_step	 r;

	memset(sum, 0, sizeof(*sum));
	s = store_item_stmt(st, a, STMT_STATS_TOTAL, v, f);
	if ((r = db_step(s)) != DB_ROW)
		return r == DB_DONE ? STORE_ERROR : db_rc(st);
	store_stats_sum(s, 0, sum);
	db_reset(s);
	return STORE_OK;
}

/*
 * Columns from..from+6 of s as an item for the rule; its strings are
 * copied into a, or borrowed from s (until its next step) if a is NULL.
 */
static void
store_dup_item(struct dbstmt *s, struct arena *a, int from,
    struct dup_item *it)
{
	it->id = db_col_int(s, from);
	it->ledger_id = db_col_int(s, from + 1);
	it->title = db_col_text(s, from + 2);
	it->category = db_isnull(s, from + 3) ? NULL :
	    db_col_text(s, from + 3);
	if (a) {
		it->title = arena_strdup(a, it->title);
		if (it->category)
			it->category = arena_strdup(a, it->category);
	}
	it->start = db_isnull(s, from + 4) ? DATE_NONE :
	    (int32_t)db_col_int(s, from + 4);
	it->deadline = db_isnull(s, from + 5) ? DATE_NONE :
	    (int32_t)db_col_int(s, from + 5);
	it->created_at = db_col_int(s, from + 6);
}

/*
 * The rows are read whole before the callbacks run: a callback may use
 * the store (and this statement) itself.
 */
enum store_rc
store_dup_candidates(struct store *st, struct arena *a,
    const struct viewer *v, const char *village, int64_t self, int max,
    dup_cand_cb cb, void *arg)
{
	struct dbstmt	*s;
	struct dup_item	*all;
	const char	**codes, **names;
	enum db_step	 r = DB_DONE;
	int		 n = 0, i;

	if (max < 1)
		return STORE_OK;
	all = arena_alloc(a, (size_t)max * sizeof(*all));
	codes = arena_alloc(a, (size_t)max * sizeof(*codes));
	names = arena_alloc(a, (size_t)max * sizeof(*names));
	s = db_stmt(st, STMT_DUP_CANDIDATES);
	db_text(s, 1, village);
	db_int(s, 2, self);
	db_int(s, 3, v->admin);
	db_int(s, 4, v->user_id);
	db_int(s, 5, max);
	while (n < max && (r = db_step(s)) == DB_ROW) {
		store_dup_item(s, a, 0, &all[n]);
		codes[n] = arena_strdup(a, db_col_text(s, 7));
		names[n] = arena_strdup(a, db_col_text(s, 8));
		n++;
	}
	if (r == DB_ERR)
		return db_rc(st);
	db_reset(s);
	for (i = 0; i < n; i++)
		if (cb(&all[i], codes[i], names[i], arg) == -1)
			break;
	return STORE_OK;
}

enum store_rc
store_dup_pairs(struct store *st, const struct viewer *v, int64_t ledger_id,
    int max, dup_pair_cb cb, void *arg, bool *more)
{
	struct dbstmt	*s;
	struct dup_item	 x, y;
	enum db_step	 r;
	int		 n = 0;

	*more = false;
	s = db_stmt(st, STMT_DUP_PAIRS);
	db_int(s, 1, ledger_id);
	db_int(s, 2, (int64_t)max + 1);
	db_int(s, 3, v->admin);
	db_int(s, 4, v->user_id);
	while ((r = db_step(s)) == DB_ROW) {
		if (n++ == max) {
			*more = true;
			break;
		}
		store_dup_item(s, NULL, 0, &x);
		store_dup_item(s, NULL, 7, &y);
		if (cb(&x, &y, db_col_text(s, 14), db_col_text(s, 15), arg) == -1)
			break;
	}
	if (r == DB_ERR)
		return db_rc(st);
	db_reset(s);
	return STORE_OK;
}
