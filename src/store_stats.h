/*
 * Statistics and duplicate construction in the store.  Statistics run
 * on exactly the items a list with the same filters shows (ITEM_WHERE
 * in sql.c: the same scope, the same filters); sums are int64 fen.
 */
#ifndef STORE_STATS_H
#define STORE_STATS_H

#include "arena.h"
#include "store.h"
#include "store_ledger.h"

enum stats_group {
	STATS_UNIT = 0,		/* lead unit */
	STATS_PROVINCE,		/* place levels, by code prefix */
	STATS_CITY,
	STATS_COUNTY,
	STATS_TOWN,
	STATS_VILLAGE,
	STATS_CATEGORY,
	STATS_YEAR,		/* the ledger's year */
	STATS_STATE,
	STATS_LIGHT,
	STATS__MAX
};

/* The sums over a set of items. */
struct stats_sum {
	int64_t		count, money_fen, paid_fen;
	int64_t		households, persons, poor_households;
};

struct stats_row {
	const char	*key;	/* NULL: none (no unit, no place, ...) */
	const char	*label;	/* the unit's or place's name, or NULL */
	struct stats_sum sum;
};

/* "unit", "place:town", ... -> group; -1 if unknown. */
int		store_stats_group_parse(const char *);
const char	*store_stats_group_name(enum stats_group);

/*
 * The rows of group g over the items v sees that match f (f's sort,
 * limit and offset are ignored), by money then key, into *rows (in
 * pool, at most max of them; *more set if there were more), and the
 * sums over those items, each counted once, into *total.  Keys are
 * text: the unit id, the place code prefix, the category, the year,
 * the state, the light's number (enum light).  Over places an item
 * counts once in each group it has places in, with its shares there
 * and its payments in the same proportion (rounded to the fen per
 * group and item); the items without places form the group NULL.
 */
enum store_rc	store_stats_rows(struct store *, struct arena *,
		    const struct viewer *, const struct item_filter *,
		    enum stats_group, int max, struct stats_row **rows,
		    int *nrows, bool *more, struct stats_sum *total);

/*
 * Duplicate construction (dup.c has the rule; dup.h the check of one
 * item).  An item as the rule sees it: its period runs from start (or
 * the day it was created) to deadline (DATE_NONE: open).
 */
struct dup_item {
	int64_t		 id, ledger_id;
	const char	*title, *category;	/* category NULL: none */
	int32_t		 start, deadline;	/* DATE_NONE: none */
	int64_t		 created_at;		/* seconds */
};

/* The live project and need items (not 退库, 终止, 不予支持) at
 * village code other than (and not linked to) item `self`, that v may
 * see. */
typedef int (*dup_cand_cb)(const struct dup_item *, const char *code,
		    const char *name, void *);
enum store_rc	store_dup_candidates(struct store *, struct arena *,
		    const struct viewer *, const char *village, int64_t self,
		    int max, dup_cand_cb, void *);
/*
 * Pairs of live items a of ledger id and b of any project or need
 * ledger that share a village, both in v's scope and not linked (a
 * pair of the same ledger once): one row per pair and shared village,
 * in no order; at most max rows, *more if there were more.
 * The callback's strings are borrowed from the row: it copies what it
 * keeps and must not use the store.
 */
typedef int (*dup_pair_cb)(const struct dup_item *a, const struct dup_item *b,
		    const char *code, const char *name, void *);
enum store_rc	store_dup_pairs(struct store *, const struct viewer *,
		    int64_t ledger_id, int max, dup_pair_cb, void *,
		    bool *more);

/*
 * dup.c: why a and b (sharing a village) count as duplicate
 * construction, "同一村同类项目期间重叠" or "同一村名称相近的项目",
 * or NULL if they do not.  Declared here as dup.h belongs to another
 * change; it moves there with its next edit.
 */
const char	*dup_reason(const struct dup_item *, const struct dup_item *);
/* dup.c: titles without spaces and punctuation, near-identical? */
bool		 dup_title_similar(const char *, const char *);

#endif
