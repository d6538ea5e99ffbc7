/* Statistics and duplicate-construction candidates in the store. */
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "place.h"
#include "store_stats.h"
#include "util.h"

/* len: place groups, by the first len digits of the codes */
static const struct {
	const char	*name;
	enum stmt	 stmt;
	size_t		 len;
} groups[] = {
	[STATS_UNIT] = { "unit", STMT_STATS_UNIT, 0 },
	[STATS_PROVINCE] = { "place:province", STMT_STATS_PLACES, 2 },
	[STATS_CITY] = { "place:city", STMT_STATS_PLACES, 4 },
	[STATS_COUNTY] = { "place:county", STMT_STATS_PLACES, 6 },
	[STATS_TOWN] = { "place:town", STMT_STATS_PLACES, 9 },
	[STATS_VILLAGE] = { "place:village", STMT_STATS_PLACES, 12 },
	[STATS_CATEGORY] = { "category", STMT_STATS_CATEGORY, 0 },
	[STATS_YEAR] = { "year", STMT_STATS_YEAR, 0 },
	[STATS_STATE] = { "state", STMT_STATS_STATE, 0 },
	[STATS_LIGHT] = { "light", STMT_STATS_LIGHT, 0 },
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

/* *to += from, or -1 if a sum overflows (as SQL's sum() fails). */
static int
store_stats_add(struct stats_sum *to, const struct stats_sum *from)
{
	if (__builtin_add_overflow(to->count, from->count, &to->count) ||
	    __builtin_add_overflow(to->money_fen, from->money_fen,
	    &to->money_fen) ||
	    __builtin_add_overflow(to->paid_fen, from->paid_fen,
	    &to->paid_fen) ||
	    __builtin_add_overflow(to->households, from->households,
	    &to->households) ||
	    __builtin_add_overflow(to->persons, from->persons, &to->persons) ||
	    __builtin_add_overflow(to->poor_households, from->poor_households,
	    &to->poor_households))
		return -1;
	return 0;
}

/* A group of the place pass, in its hash table (key "" : free). */
struct place_group {
	char		 key[PLACE_CODE_MAX];
	struct stats_sum sum;
};

/* One item's places by group: the key and the sum of its shares. */
struct place_share {
	char		 key[PLACE_CODE_MAX];
	int64_t		 share;
};

/*
 * The pass over STMT_STATS_PLACES: groups keyed by the first len
 * digits of the codes (a shorter code is its own key), in an open
 * hash table of cap (a power of two) slots; the items without places
 * in none; every item once in total.  The item being read: its
 * measures in item (count 1) and its places merged by key in shares.
 */
struct place_pass {
	struct arena		*a;
	size_t			 len;
	struct place_group	*tab;
	size_t			 cap, n;
	struct stats_sum	 none, total;
	bool			 has_none, started;
	int64_t			 id;
	struct stats_sum	 item;
	struct place_share	*shares;
	size_t			 nshares, capshares;
};

static size_t
place_pass_slot(const struct place_group *tab, size_t cap, const char *key)
{
	const unsigned char	*p;
	uint32_t		 h = 2166136261u;
	size_t			 i;

	for (p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 16777619u;
	for (i = h & (cap - 1); tab[i].key[0] && strcmp(tab[i].key, key) != 0;
	    i = (i + 1) & (cap - 1))
		;
	return i;
}

/* The group of key, made (with zero sums) if new. */
static struct place_group *
place_pass_group(struct place_pass *p, const char *key)
{
	struct place_group	*old = p->tab;
	size_t			 i, k, oldcap = p->cap;

	if (2 * (p->n + 1) > p->cap) {	/* the old table stays in the pool */
		p->cap = oldcap ? 2 * oldcap : 1024;
		p->tab = arena_alloc(p->a, p->cap * sizeof(*p->tab));
		memset(p->tab, 0, p->cap * sizeof(*p->tab));
		for (i = 0; i < oldcap; i++)
			if (old[i].key[0]) {
				k = place_pass_slot(p->tab, p->cap, old[i].key);
				p->tab[k] = old[i];
			}
	}
	k = place_pass_slot(p->tab, p->cap, key);
	if (p->tab[k].key[0] == '\0') {
		util_strlcpy(p->tab[k].key, key, sizeof(p->tab[k].key));
		p->n++;
	}
	return &p->tab[k];
}

/*
 * The item read into p counted: in total; in none if it has no
 * places; else once in each of its groups, with its shares there and
 * its payments in the same proportion, rounded as the engine rounds
 * (db_ratio: the SQL this replaces computed it there).  -1 on an
 * overflow.
 */
static int
place_pass_item(struct store *st, struct place_pass *p)
{
	struct place_group	*g;
	struct stats_sum	 in;
	int64_t			 amount = p->item.money_fen;
	size_t			 i;

	if (store_stats_add(&p->total, &p->item) == -1)
		return -1;
	if (p->nshares == 0) {
		p->has_none = true;
		return store_stats_add(&p->none, &p->item);
	}
	for (i = 0; i < p->nshares; i++) {
		in = p->item;
		in.money_fen = p->shares[i].share;
		if (amount > 0)
			in.paid_fen = db_ratio(st, p->item.paid_fen,
			    p->shares[i].share, amount);
		g = place_pass_group(p, p->shares[i].key);
		if (store_stats_add(&g->sum, &in) == -1)
			return -1;
	}
	return 0;
}

/* A row of STMT_STATS_PLACES into p: a new item, or a place of it. */
static int
place_pass_row(struct store *st, struct place_pass *p, struct dbstmt *s)
{
	struct place_share	*old;
	char			 key[PLACE_CODE_MAX];
	size_t			 i;
	int64_t			 id = db_col_int(s, 0);

	if (!p->started || id != p->id) {
		if (p->started && place_pass_item(st, p) == -1)
			return -1;
		p->started = true;
		p->id = id;
		p->nshares = 0;
		p->item.count = 1;
		p->item.money_fen = db_col_int(s, 1);
		p->item.paid_fen = db_col_int(s, 2);
		p->item.households = db_isnull(s, 3) ? 0 : db_col_int(s, 3);
		p->item.persons = db_isnull(s, 4) ? 0 : db_col_int(s, 4);
		p->item.poor_households = db_isnull(s, 5) ? 0 :
		    db_col_int(s, 5);
	}
	if (db_isnull(s, 6))
		return 0;
	util_strlcpy(key, db_col_text(s, 6), p->len + 1);	/* len < sizeof(key) */
	for (i = 0; i < p->nshares; i++)
		if (strcmp(p->shares[i].key, key) == 0)
			break;
	if (i == p->nshares) {
		if (i == p->capshares) {
			old = p->shares;
			p->capshares = p->capshares ? 2 * p->capshares : 16;
			p->shares = arena_alloc(p->a, p->capshares *
			    sizeof(*p->shares));
			if (i)
				memcpy(p->shares, old, i * sizeof(*old));
		}
		memcpy(p->shares[i].key, key, sizeof(key));
		p->shares[i].share = 0;
		p->nshares++;
	}
	if (__builtin_add_overflow(p->shares[i].share, db_col_int(s, 7),
	    &p->shares[i].share))
		return -1;
	return 0;
}

/* By money, the larger first, then by key, none last. */
static int
store_stats_cmp(const void *x, const void *y)
{
	const struct stats_row *a = x, *b = y;

	if (a->sum.money_fen != b->sum.money_fen)
		return a->sum.money_fen > b->sum.money_fen ? -1 : 1;
	if (a->key == NULL || b->key == NULL)
		return (a->key == NULL) - (b->key == NULL);
	return strcmp(a->key, b->key);
}

/*
 * The labels of the first SQL_PLACE_CODES of the n rows (keys: place
 * codes, NULL for none), the names of their places, in one statement.
 */
static enum store_rc
store_stats_names(struct store *st, struct arena *a, struct stats_row *rows,
    int n)
{
	struct dbstmt	*s = db_stmt(st, STMT_PLACE_NAMES);
	enum db_step	 r;
	const char	*code;
	int		 i;

	if (n > SQL_PLACE_CODES)
		n = SQL_PLACE_CODES;
	for (i = 0; i < SQL_PLACE_CODES; i++)
		if (i < n && rows[i].key)
			db_text(s, i + 1, rows[i].key);
		else
			db_null(s, i + 1);
	while ((r = db_step(s)) == DB_ROW) {
		code = db_col_text(s, 0);
		for (i = 0; i < n; i++)
			if (rows[i].key && strcmp(rows[i].key, code) == 0)
				rows[i].label = store_stats_str(a, s, 1);
	}
	return r == DB_ERR ? db_rc(st) : STORE_OK;
}

/*
 * Group g by place level: one pass over the items and their places
 * (STMT_STATS_PLACES), summed in C, which is what STATS_ROWS did over
 * a GROUP BY of code prefix and item and another of the prefix (two
 * sorters over every item place); then sorted and named as it did.
 */
static enum store_rc
store_stats_places(struct store *st, struct arena *a, const struct viewer *v,
    const struct item_filter *f, enum stats_group g, int max,
    struct stats_row **rows, int *nrows, bool *more, struct stats_sum *total)
{
	struct place_pass	 p;
	struct stats_row	*all;
	struct dbstmt		*s;
	enum db_step		 r;
	enum store_rc		 rc;
	size_t			 n = 0, i;

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.len = groups[g].len;
	s = store_item_stmt(st, a, STMT_STATS_PLACES, v, f);
	db_stream(s);		/* a row per item place */
	while ((r = db_step(s)) == DB_ROW)
		if (place_pass_row(st, &p, s) == -1)
			goto overflow;
	if (r == DB_ERR)
		return db_rc(st);
	if (p.started && place_pass_item(st, &p) == -1)
		goto overflow;
	all = arena_alloc(a, (p.n + 1) * sizeof(*all));
	for (i = 0; i < p.cap; i++)
		if (p.tab[i].key[0]) {
			all[n].key = p.tab[i].key;
			all[n++].sum = p.tab[i].sum;
		}
	if (p.has_none) {
		all[n].key = NULL;
		all[n++].sum = p.none;
	}
	qsort(all, n, sizeof(*all), store_stats_cmp);
	*more = n > (size_t)max;
	*nrows = *more ? max : (int)n;
	for (i = 0; i < (size_t)*nrows; i++)
		all[i].label = NULL;
	for (i = 0; i < (size_t)*nrows; i += SQL_PLACE_CODES)
		if ((rc = store_stats_names(st, a, all + i, *nrows - (int)i)) !=
		    STORE_OK)
			return rc;
	*rows = all;
	*total = p.total;
	return STORE_OK;
overflow:
	db_reset(s);
	return STORE_ERROR;
}

/* The sums over the items v sees that match f, each counted once. */
static enum store_rc
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

enum store_rc
store_stats_rows(struct store *st, struct arena *a, const struct viewer *v,
    const struct item_filter *f, enum stats_group g, int max,
    struct stats_row **rows, int *nrows, bool *more, struct stats_sum *total)
{
	struct dbstmt	*s;
	struct stats_row *out = NULL, *old;
	enum db_step	 r = DB_DONE;
	int		 n = 0, cap = 0;

	*rows = NULL;
	*nrows = 0;
	*more = false;
	memset(total, 0, sizeof(*total));
	if ((size_t)g >= NELEM(groups) || max < 1)
		return STORE_ERROR;
	if (groups[g].len)
		return store_stats_places(st, a, v, f, g, max, rows, nrows,
		    more, total);
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
	return store_stats_total(st, a, v, f, total);
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
