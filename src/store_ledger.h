/* Ledgers and items in the store. */
#ifndef STORE_LEDGER_H
#define STORE_LEDGER_H

#include "arena.h"
#include "item.h"
#include "ledger.h"
#include "light.h"
#include "sql.h"
#include "store.h"

/* Fills l; l->config is a new reference the caller frees (ledger_free). */
enum store_rc	store_ledger_get(struct store *, int64_t id, struct ledger *);
enum store_rc	store_ledger_add(struct store *, struct ledger *, int64_t by);
/* STALE if l->version moved; l->version is the new one on success. */
enum store_rc	store_ledger_update(struct store *, struct ledger *);
typedef int (*ledger_cb)(const struct ledger *, void *);
enum store_rc	store_ledger_list(struct store *, ledger_cb, void *);
int64_t		store_ledger_item_count(struct store *, int64_t id);

/* The user asking, for scope: admins see everything. */
struct viewer {
	int64_t	user_id;
	bool	admin;
};

/*
 * Read item id with everything it has into *it (strings and arrays in
 * pool); *light is computed for today with the ledger's thresholds.
 */
enum store_rc	store_item_get(struct store *, struct arena *, int64_t id,
		    struct item *, enum light *);
/* May v see item id (its places, units or ledger in v's scope)? */
bool		store_item_visible(struct store *, const struct viewer *,
		    int64_t id);
/*
 * Insert it into its ledger: seq 0 takes the ledger's next number.
 * Shares must be split already (item_split_shares).  Sets id, seq,
 * version.  CONFLICT when the seq is taken.
 */
enum store_rc	store_item_add(struct store *, struct item *, int64_t by);
/*
 * A batch's cursors (the importer, which holds the write lock): the
 * ledger's next item number, read once and then counted in memory, and
 * the next item id (one more than the largest, as SQLite gives them),
 * so that an item's insert returns no row and PostgreSQL's bulk mode
 * pipelines it.  store_seq_flush writes the next number back and moves
 * PostgreSQL's item id generator past the ids given: before the
 * transaction ends, and before anything else writes items (which only
 * write transactions do, one at a time).  Zero it first.
 */
struct store_seq {
	int64_t		 ledger, next;
	bool		 known;
	int64_t		 id;		/* the next id; 0: not read yet */
};
/* The number it will have (its own, or the ledger's next), counted. */
enum store_rc	store_item_number(struct store *, struct item *,
		    struct store_seq *q);
/* store_item_add for a batch: no clearing of parts that a new id cannot
 * have, paid_fen recalculated only for a 支付 line, number and id by q. */
enum store_rc	store_item_add_new(struct store *, struct item *, int64_t by,
		    struct store_seq *q);
enum store_rc	store_seq_flush(struct store *, struct store_seq *);
/* Update every field but the state; STALE if it->version moved. */
enum store_rc	store_item_update(struct store *, struct item *, int64_t by);
/* Move to state (done, and completed day if not DATE_NONE); STALE. */
enum store_rc	store_item_set_state(struct store *, int64_t id,
		    int64_t version, const char *state, bool done,
		    int32_t completed, int64_t by);
enum store_rc	store_item_set_progress(struct store *, int64_t id,
		    int64_t version, int progress, const char *text,
		    int64_t by);
enum store_rc	store_item_recalc_paid(struct store *, int64_t id);

enum item_sort {
	SORT_SEQ = 0, SORT_SEQ_DESC, SORT_DEADLINE, SORT_DEADLINE_DESC,
	SORT_UPDATED_DESC, SORT_PROGRESS, SORT_PROGRESS_DESC,
	SORT_AMOUNT_DESC
};

struct item_filter {
	int64_t		 ledger_id;	/* 0: all */
	const char	*state, *category;	/* NULL: any */
	int		 light;		/* -1: any */
	int64_t		 unit_id;	/* with the units below; 0: any */
	char		 place[PLACE_CODE_MAX];	/* "": any */
	int32_t		 deadline_from, deadline_to;	/* DATE_NONE */
	const char	*q;		/* text in title or content */
	const char	*custom_key, *custom_value;
	int		 done;		/* -1 any, 0 open, 1 done */
	enum item_sort	 sort;
	int64_t		 limit, offset;
};

void		store_item_filter_init(struct item_filter *);
/*
 * Items in scope matching f, in pool; cb per item (the light given),
 * until it returns -1.  The parts of SQL_ITEM_IDS items at a time are
 * read together, four statements for them all, before their callbacks.
 */
typedef int (*item_cb)(const struct item *, enum light, void *);
enum store_rc	store_item_list(struct store *, struct arena *,
		    const struct viewer *, const struct item_filter *, item_cb,
		    void *);
int64_t		store_item_count(struct store *, const struct viewer *,
		    const struct item_filter *);
/* What a count or statistics (what) of f depends on, as a cache key. */
const char	*store_item_filter_key(struct arena *, const char *what,
		    const struct viewer *, const struct item_filter *);
/*
 * The statement id of sql.c (one with ITEM_WHERE) for the filters of f,
 * with $1..$15 bound: this thread's, reset, the rest unbound.
 */
struct dbstmt;
struct dbstmt	*store_item_stmt(struct store *, struct arena *, enum stmt,
		    const struct viewer *, const struct item_filter *);

/* Rebuild the unit closure (after units change). */
enum store_rc	store_unit_closure_rebuild(struct store *);

#endif
