/* Items in the store: one row plus places, units, money, targets. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_cache.h"
#include "store_ledger.h"
#include "util.h"

static const char *
store_str(struct arena *a, struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static int32_t
store_day(struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? DATE_NONE : (int32_t)db_col_int(s, col);
}

static int64_t
store_count_or_none(struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? -1 : db_col_int(s, col);
}

static void
store_bind_day(struct dbstmt *s, int i, int32_t day)
{
	if (day == DATE_NONE)
		db_null(s, i);
	else
		db_int(s, i, day);
}

static void
store_bind_count(struct dbstmt *s, int i, int64_t v)
{
	if (v < 0)
		db_null(s, i);
	else
		db_int(s, i, v);
}

static void
store_json_free(void *p)
{
	json_decref(p);
}

/* The item row of s (ITEM_COLS, then the light) into it. */
static void
store_item_row(struct dbstmt *s, struct arena *a, struct item *it,
    enum light *light)
{
	const char *custom;

	memset(it, 0, sizeof(*it));
	it->id = db_col_int(s, 0);
	it->ledger_id = db_col_int(s, 1);
	it->seq = db_col_int(s, 2);
	it->code = store_str(a, s, 3);
	it->title = store_str(a, s, 4);
	it->content = store_str(a, s, 5);
	it->category = store_str(a, s, 6);
	it->state = store_str(a, s, 7);
	it->done = db_col_int(s, 8) != 0;
	it->lead.id = db_col_int(s, 9);
	it->lead.name = store_str(a, s, 10);
	it->leader = store_str(a, s, 11);
	it->leader_phone = store_str(a, s, 12);
	it->responsible = store_str(a, s, 13);
	it->responsible_phone = store_str(a, s, 14);
	it->start = store_day(s, 15);
	it->deadline = store_day(s, 16);
	it->completed = store_day(s, 17);
	it->progress = (int)db_col_int(s, 18);
	it->progress_text = store_str(a, s, 19);
	it->amount_fen = db_col_int(s, 20);
	it->paid_fen = db_col_int(s, 21);
	it->households = store_count_or_none(s, 22);
	it->persons = store_count_or_none(s, 23);
	it->poor_households = store_count_or_none(s, 24);
	it->monitored_households = store_count_or_none(s, 25);
	custom = db_isnull(s, 26) ? NULL : db_col_text(s, 26);
	if (custom && (it->custom = json_loads(custom, 0, NULL)) != NULL)
		arena_defer(a, store_json_free, it->custom);
	it->created_by = db_col_int(s, 27);
	it->created_at = db_col_int(s, 28);
	it->updated_by = db_col_int(s, 29);
	it->updated_at = db_col_int(s, 30);
	it->version = db_col_int(s, 31);
	*light = (enum light)db_col_int(s, 32);
}

/*
 * Make room for element n of an array in the pool that holds *cap
 * elements of size sz, doubling it when full (the old copy stays in the
 * pool: at most twice the space).
 */
static void *
store_grow(struct arena *a, void *arr, int n, int *cap, size_t sz)
{
	void *p;

	if (n < *cap)
		return arr;
	*cap = *cap ? *cap * 2 : 4;
	p = arena_alloc(a, (size_t)*cap * sz);
	if (n > 0)
		memcpy(p, arr, (size_t)n * sz);
	return p;
}

#define GROW(a, arr, n, cap) \
	((arr) = store_grow((a), (arr), (n), &(cap), sizeof(*(arr))))
/* A new last element of arr, counted by n, or NULL when it holds max. */
#define TAKE(a, arr, n, cap, max) \
	((n) == (max) ? NULL : (GROW(a, arr, n, cap), &(arr)[(n)++]))

/* What store_item_part() takes a row of one kind of parts with: the
 * row (the item's id, then the columns of sql.c's ITEM_PART) into it,
 * whose array of them holds *cap; none past the kind's maximum. */
typedef void (*store_part_take)(struct dbstmt *, struct arena *,
    struct item *, int *cap);

static void
store_take_place(struct dbstmt *s, struct arena *a, struct item *it,
    int *cap)
{
	struct item_place *p;

	p = TAKE(a, it->places, it->nplaces, *cap, ITEM_PLACES_MAX);
	if (p == NULL)
		return;
	util_strlcpy(p->code, db_col_text(s, 1), sizeof(p->code));
	p->name = store_str(a, s, 2);
	p->share_fen = db_col_int(s, 3);
	p->share_given = db_col_int(s, 4) != 0;
	p->detail = store_str(a, s, 5);
}

static void
store_take_unit(struct dbstmt *s, struct arena *a, struct item *it,
    int *cap)
{
	struct item_unitref *u;

	if ((u = TAKE(a, it->co, it->nco, *cap, ITEM_UNITS_MAX)) == NULL)
		return;
	u->id = db_col_int(s, 1);
	u->name = store_str(a, s, 2);
}

static void
store_take_fund(struct dbstmt *s, struct arena *a, struct item *it,
    int *cap)
{
	struct fund_line *f;

	if ((f = TAKE(a, it->funds, it->nfunds, *cap, ITEM_FUNDS_MAX)) == NULL)
		return;
	memset(f, 0, sizeof(*f));
	f->source = store_str(a, s, 1);
	f->unit_id = db_col_int(s, 2);
	f->kind = store_str(a, s, 3);
	f->amount_fen = db_col_int(s, 4);
	f->day = store_day(s, 5);
	f->doc_no = store_str(a, s, 6);
	util_strlcpy(f->place_code, db_col_text(s, 7), sizeof(f->place_code));
}

static void
store_take_target(struct dbstmt *s, struct arena *a, struct item *it,
    int *cap)
{
	struct item_target *t;

	t = TAKE(a, it->targets, it->ntargets, *cap, ITEM_TARGETS_MAX);
	if (t == NULL)
		return;
	t->level1 = store_str(a, s, 1);
	t->level2 = store_str(a, s, 2);
	t->indicator = store_str(a, s, 3);
	t->op = store_str(a, s, 4);
	t->target = store_str(a, s, 5);
	t->actual = store_str(a, s, 6);
	t->unit = store_str(a, s, 7);
}

/* An item of a batch, by id. */
struct store_ref {
	int64_t		 id;
	struct item	*it;
};

static int
store_ref_cmp(const void *x, const void *y)
{
	const struct store_ref *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

/*
 * One kind of parts of the n items of refs (by id, ascending, distinct):
 * statement one for a single item, else in, whose rows come by item id;
 * each row goes to its item through take.
 */
static enum store_rc
store_item_part(struct store *st, struct arena *a, enum stmt one,
    enum stmt in, store_part_take take, const struct store_ref *refs,
    int n)
{
	struct dbstmt	*s;
	enum db_step	 r;
	enum store_rc	 rc;
	int64_t		 id;
	int		 i, k = 0, cap = 0;

	/* the ids past n stay unbound, that is NULL (db.h) */
	s = db_stmt(st, n == 1 ? one : in);
	for (i = 0; i < n; i++)
		db_int(s, i + 1, refs[i].id);
	while ((r = db_step(s)) == DB_ROW) {
		id = db_col_int(s, 0);
		for (; k < n && refs[k].id < id; k++)
			cap = 0;
		if (k < n && refs[k].id == id)
			take(s, a, refs[k].it, &cap);
	}
	rc = r == DB_DONE ? STORE_OK : db_rc(st);
	db_reset(s);
	return rc;
}

/*
 * The places, co-units, money lines and targets of the n items of its
 * (n at most SQL_ITEM_IDS, distinct ids): four statements, whatever n.
 */
static enum store_rc
store_item_parts(struct store *st, struct arena *a, struct item *its, int n)
{
	struct store_ref	 refs[SQL_ITEM_IDS];
	enum store_rc		 rc;
	int			 i;

	assert(n >= 1 && n <= SQL_ITEM_IDS);
	for (i = 0; i < n; i++) {
		its[i].places = NULL;
		its[i].co = NULL;
		its[i].funds = NULL;
		its[i].targets = NULL;
		its[i].nplaces = its[i].nco = its[i].nfunds = 0;
		its[i].ntargets = 0;
		refs[i].id = its[i].id;
		refs[i].it = &its[i];
	}
	qsort(refs, (size_t)n, sizeof(*refs), store_ref_cmp);
	if ((rc = store_item_part(st, a, STMT_ITEM_PLACES,
	    STMT_ITEM_PLACES_IN, store_take_place, refs, n)) != STORE_OK ||
	    (rc = store_item_part(st, a, STMT_ITEM_UNITS, STMT_ITEM_UNITS_IN,
	    store_take_unit, refs, n)) != STORE_OK ||
	    (rc = store_item_part(st, a, STMT_ITEM_FUNDS, STMT_ITEM_FUNDS_IN,
	    store_take_fund, refs, n)) != STORE_OK)
		return rc;
	return store_item_part(st, a, STMT_ITEM_TARGETS, STMT_ITEM_TARGETS_IN,
	    store_take_target, refs, n);
}

enum store_rc
store_item_get(struct store *st, struct arena *a, int64_t id, struct item *it,
    enum light *light)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_ITEM_GET);
	db_int(s, 1, id);
	db_int(s, 2, date_today());
	switch (db_step(s)) {
	case DB_ROW:
		store_item_row(s, a, it, light);
		db_reset(s);
		break;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
	return store_item_parts(st, a, it, 1);
}

bool
store_item_visible(struct store *st, const struct viewer *v, int64_t id)
{
	struct dbstmt	*s;
	bool		 ok;

	if (v->admin)
		return true;
	s = db_stmt(st, STMT_ITEM_VISIBLE);
	db_int(s, 1, id);
	db_int(s, 2, 0);
	db_int(s, 3, 0);
	db_int(s, 4, v->user_id);
	ok = db_step(s) == DB_ROW;
	db_reset(s);
	return ok;
}

/* Replace the places, units, funds and targets of it (fresh: it has
 * none yet and paid nothing but its 支付 lines). */
static enum store_rc
store_item_put_parts(struct store *st, const struct item *it, bool fresh)
{
	static const enum stmt clear[] = {
		STMT_ITEM_PLACES_DELETE, STMT_ITEM_UNITS_DELETE,
		STMT_ITEM_FUNDS_DELETE, STMT_ITEM_TARGETS_DELETE
	};
	struct dbstmt	*s;
	enum store_rc	 rc;
	size_t		 k;
	int		 i;
	bool		 paid = !fresh;

	for (k = 0; !fresh && k < NELEM(clear); k++) {
		s = db_stmt(st, clear[k]);
		db_int(s, 1, it->id);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	for (i = 0; i < it->nplaces; i++) {
		s = db_stmt(st, STMT_ITEM_PLACE_INSERT);
		db_int(s, 1, it->id);
		db_text(s, 2, it->places[i].code);
		db_int(s, 3, it->places[i].share_fen);
		db_int(s, 4, it->places[i].share_given);
		db_text_or_null(s, 5, it->places[i].detail);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	if (it->lead.id) {
		s = db_stmt(st, STMT_ITEM_UNIT_INSERT);
		db_int(s, 1, it->id);
		db_int(s, 2, it->lead.id);
		db_text(s, 3, "lead");
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	for (i = 0; i < it->nco; i++) {
		if (it->co[i].id == it->lead.id)
			continue;
		s = db_stmt(st, STMT_ITEM_UNIT_INSERT);
		db_int(s, 1, it->id);
		db_int(s, 2, it->co[i].id);
		db_text(s, 3, "co");
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	for (i = 0; i < it->nfunds; i++) {
		const struct fund_line *f = &it->funds[i];
		s = db_stmt(st, STMT_ITEM_FUND_INSERT);
		db_int(s, 1, it->id);
		db_text(s, 2, f->source);
		db_int_or_null(s, 3, f->unit_id ? &f->unit_id : NULL);
		db_text(s, 4, f->kind);
		db_int(s, 5, f->amount_fen);
		store_bind_day(s, 6, f->day);
		db_text_or_null(s, 7, f->doc_no);
		db_text_or_null(s, 8, f->place_code);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
		if (strcmp(f->kind, "支付") == 0)
			paid = true;
	}
	for (i = 0; i < it->ntargets; i++) {
		const struct item_target *t = &it->targets[i];
		s = db_stmt(st, STMT_ITEM_TARGET_INSERT);
		db_int(s, 1, it->id);
		db_text(s, 2, t->level1);
		db_text_or_null(s, 3, t->level2);
		db_text(s, 4, t->indicator);
		db_text(s, 5, t->op);
		db_text(s, 6, t->target);
		db_text_or_null(s, 7, t->actual);
		db_text_or_null(s, 8, t->unit);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	if (!paid)
		return STORE_OK;
	s = db_stmt(st, STMT_ITEM_RECALC_PAID);
	db_int(s, 1, it->id);
	return db_run(s);
}

static char *
store_item_custom_text(const struct item *it)
{
	return it->custom && json_object_size(it->custom) > 0 ?
	    json_dumps(it->custom, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
}

enum store_rc
store_item_number(struct store *st, struct item *it, struct store_seq *q)
{
	struct dbstmt	*s;
	enum db_step	 r;
	enum store_rc	 rc;

	if (q->known && q->ledger != it->ledger_id &&
	    (rc = store_seq_flush(st, q)) != STORE_OK)
		return rc;
	if (!q->known) {
		s = db_stmt(st, STMT_LEDGER_NEXT_SEQ);
		db_int(s, 1, it->ledger_id);
		if ((r = db_step(s)) != DB_ROW)
			return r == DB_DONE ? STORE_NOTFOUND : db_rc(st);
		q->next = db_col_int(s, 0);
		db_reset(s);
		q->ledger = it->ledger_id;
		q->known = true;
	}
	if (it->seq == 0)
		it->seq = q->next++;
	else if (it->seq >= q->next)
		q->next = it->seq + 1;
	return STORE_OK;
}

/* Give it its number: the ledger's next, or move the next past its own
 * (in memory for a batch's cursor q). */
static enum store_rc
store_item_seq(struct store *st, struct item *it, struct store_seq *q)
{
	struct dbstmt	*s;
	enum db_step	 r;

	if (q)
		return store_item_number(st, it, q);
	if (it->seq != 0) {
		s = db_stmt(st, STMT_LEDGER_BUMP_SEQ);
		db_int(s, 1, it->ledger_id);
		db_int(s, 2, it->seq + 1);
		return db_run(s);
	}
	s = db_stmt(st, STMT_LEDGER_TAKE_SEQ);
	db_int(s, 1, it->ledger_id);
	if ((r = db_step(s)) != DB_ROW)
		return r == DB_DONE ? STORE_NOTFOUND : db_rc(st);
	it->seq = db_col_int(s, 0);
	db_reset(s);
	return STORE_OK;
}

enum store_rc
store_seq_flush(struct store *st, struct store_seq *q)
{
	struct dbstmt	*s;
	enum store_rc	 rc = STORE_OK;

	if (q->known) {
		q->known = false;
		s = db_stmt(st, STMT_LEDGER_BUMP_SEQ);
		db_int(s, 1, q->ledger);
		db_int(s, 2, q->next);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	if (q->id) {
		q->id = 0;
		if (store_sync_table_ids(st, "item") == -1)
			rc = store_last_error(st);
	}
	return rc;
}

/* The columns of STMT_ITEM_INSERT and STMT_ITEM_INSERT_ID ($1..$26). */
static void
store_item_bind(struct dbstmt *s, const struct item *it, const char *custom,
    int64_t by, int64_t now)
{
	db_int(s, 1, it->ledger_id);
	db_int(s, 2, it->seq);
	db_text_or_null(s, 3, it->code);
	db_text(s, 4, it->title);
	db_text_or_null(s, 5, it->content);
	db_text_or_null(s, 6, it->category);
	db_text(s, 7, it->state);
	db_int(s, 8, it->done);
	db_int_or_null(s, 9, it->lead.id ? &it->lead.id : NULL);
	db_text_or_null(s, 10, it->leader);
	db_text_or_null(s, 11, it->leader_phone);
	db_text_or_null(s, 12, it->responsible);
	db_text_or_null(s, 13, it->responsible_phone);
	store_bind_day(s, 14, it->start);
	store_bind_day(s, 15, it->deadline);
	store_bind_day(s, 16, it->completed);
	db_int(s, 17, it->progress);
	db_text_or_null(s, 18, it->progress_text);
	db_int(s, 19, it->amount_fen);
	store_bind_count(s, 20, it->households);
	store_bind_count(s, 21, it->persons);
	store_bind_count(s, 22, it->poor_households);
	store_bind_count(s, 23, it->monitored_households);
	db_text(s, 24, custom);
	db_int_or_null(s, 25, by ? &by : NULL);
	db_int(s, 26, now);
}

/* Insert the row of it with the batch's next id (the store's next: one
 * more than the largest), which it takes. */
static enum store_rc
store_item_insert_id(struct store *st, struct item *it, const char *custom,
    int64_t by, int64_t now, struct store_seq *q)
{
	struct dbstmt	*s;
	enum db_step	 r;

	if (q->id == 0) {
		s = db_stmt(st, STMT_ITEM_MAX_ID);
		if ((r = db_step(s)) != DB_ROW)
			return r == DB_DONE ? STORE_ERROR : db_rc(st);
		q->id = db_col_int(s, 0) + 1;
		db_reset(s);
	}
	s = db_stmt(st, STMT_ITEM_INSERT_ID);
	store_item_bind(s, it, custom, by, now);
	db_int(s, 27, q->id);
	it->id = q->id++;
	return db_run(s);
}

/* store_item_add and store_item_add_new: fresh skips clearing parts,
 * q (or NULL) is a batch's cursor of numbers and ids. */
static enum store_rc
store_item_insert(struct store *st, struct item *it, int64_t by, bool fresh,
    struct store_seq *q)
{
	struct dbstmt	*s;
	char		*custom;
	enum db_step	 r;
	enum store_rc	 rc;
	int64_t		 now = util_now();

	if ((rc = store_item_seq(st, it, q)) != STORE_OK)
		return rc;
	custom = store_item_custom_text(it);
	if (q) {
		rc = store_item_insert_id(st, it, custom, by, now, q);
		free(custom);
		if (rc != STORE_OK)
			return rc;
	} else {
		s = db_stmt(st, STMT_ITEM_INSERT);
		store_item_bind(s, it, custom, by, now);
		r = db_step(s);
		free(custom);
		if (r != DB_ROW)
			return r == DB_DONE ? STORE_ERROR : db_rc(st);
		it->id = db_col_int(s, 0);
		db_reset(s);
	}
	it->version = 1;
	it->created_at = it->updated_at = now;
	it->created_by = it->updated_by = by;
	return store_item_put_parts(st, it, fresh);
}

enum store_rc
store_item_add(struct store *st, struct item *it, int64_t by)
{
	return store_item_insert(st, it, by, false, NULL);
}

enum store_rc
store_item_add_new(struct store *st, struct item *it, int64_t by,
    struct store_seq *q)
{
	return store_item_insert(st, it, by, true, q);
}

enum store_rc
store_item_update(struct store *st, struct item *it, int64_t by)
{
	struct dbstmt	*s;
	char		*custom;
	enum store_rc	 rc;

	custom = store_item_custom_text(it);
	s = db_stmt(st, STMT_ITEM_UPDATE);
	db_int(s, 1, it->id);
	db_int(s, 2, it->seq);
	db_text_or_null(s, 3, it->code);
	db_text(s, 4, it->title);
	db_text_or_null(s, 5, it->content);
	db_text_or_null(s, 6, it->category);
	db_int_or_null(s, 7, it->lead.id ? &it->lead.id : NULL);
	db_text_or_null(s, 8, it->leader);
	db_text_or_null(s, 9, it->leader_phone);
	db_text_or_null(s, 10, it->responsible);
	db_text_or_null(s, 11, it->responsible_phone);
	store_bind_day(s, 12, it->start);
	store_bind_day(s, 13, it->deadline);
	store_bind_day(s, 14, it->completed);
	db_int(s, 15, it->progress);
	db_text_or_null(s, 16, it->progress_text);
	db_int(s, 17, it->amount_fen);
	store_bind_count(s, 18, it->households);
	store_bind_count(s, 19, it->persons);
	store_bind_count(s, 20, it->poor_households);
	store_bind_count(s, 21, it->monitored_households);
	db_text(s, 22, custom);
	db_int_or_null(s, 23, by ? &by : NULL);
	db_int(s, 24, util_now());
	db_int(s, 25, it->version);
	rc = db_run(s);
	free(custom);
	if (rc != STORE_OK)
		return rc;
	if (db_changes(st) != 1)
		return STORE_STALE;
	it->version++;
	return store_item_put_parts(st, it, false);
}

enum store_rc
store_item_set_state(struct store *st, int64_t id, int64_t version,
    const char *state, bool done, int32_t completed, int64_t by)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_ITEM_SET_STATE);
	db_int(s, 1, id);
	db_text(s, 2, state);
	db_int(s, 3, done);
	store_bind_day(s, 4, completed);
	db_int_or_null(s, 5, by ? &by : NULL);
	db_int(s, 6, util_now());
	db_int(s, 7, version);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_STALE;
}

enum store_rc
store_item_set_progress(struct store *st, int64_t id, int64_t version,
    int progress, const char *text, int64_t by)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_ITEM_SET_PROGRESS);
	db_int(s, 1, id);
	db_int(s, 2, progress);
	db_text_or_null(s, 3, text);
	db_int_or_null(s, 4, by ? &by : NULL);
	db_int(s, 5, util_now());
	db_int(s, 6, version);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_STALE;
}

enum store_rc
store_item_recalc_paid(struct store *st, int64_t id)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_ITEM_RECALC_PAID);
	db_int(s, 1, id);
	return db_run(s);
}

void
store_item_filter_init(struct item_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->light = -1;
	f->done = -1;
	f->deadline_from = f->deadline_to = DATE_NONE;
	f->limit = 50;
}

/* A LIKE pattern: %text% with % _ \ escaped. */
static char *
store_like(struct arena *a, const char *pre, const char *text,
    const char *post)
{
	size_t	 n = strlen(text), i, k = 0;
	char	*p;

	p = arena_alloc(a, strlen(pre) + 2 * n + strlen(post) + 1);
	memcpy(p, pre, strlen(pre));
	k = strlen(pre);
	for (i = 0; i < n; i++) {
		if (text[i] == '%' || text[i] == '_' || text[i] == '\\')
			p[k++] = '\\';
		p[k++] = text[i];
	}
	memcpy(p + k, post, strlen(post) + 1);
	return p;
}

static void
store_item_bind_filter(struct dbstmt *s, struct arena *a,
    const struct viewer *v, const struct item_filter *f)
{
	char	lo[PLACE_CODE_MAX], hi[PLACE_CODE_MAX];

	db_int(s, 1, f->ledger_id);
	db_int(s, 2, date_today());
	db_int(s, 3, v->admin);
	db_int(s, 4, v->user_id);
	db_text(s, 5, f->state);
	if (f->light >= 0)
		db_int(s, 6, f->light);
	else
		db_null(s, 6);
	db_text(s, 7, f->category);
	db_int_or_null(s, 8, f->unit_id ? &f->unit_id : NULL);
	if (f->place[0]) {
		place_code_range(f->place, lo, hi);
		db_text(s, 9, lo);
		db_text(s, 10, hi);
	} else {
		db_null(s, 9);
		db_null(s, 10);
	}
	store_bind_day(s, 11, f->deadline_from);
	store_bind_day(s, 12, f->deadline_to);
	db_text(s, 13, f->q && *f->q ? store_like(a, "%", f->q, "%") : NULL);
	/* the custom JSON is stored compact: "key":"value" */
	if (f->custom_key && f->custom_value)
		db_text(s, 14, arena_printf(a, "%%\"%s\":\"%s\"%%",
		    store_like(a, "", f->custom_key, ""),
		    store_like(a, "", f->custom_value, "")));
	else
		db_null(s, 14);
	if (f->done >= 0)
		db_int(s, 15, f->done);
	else
		db_null(s, 15);
}

/*
 * The filter terms of f (sql.c, ITEM_WHERE): the given ones as terms an
 * index can serve, the others on their NULL parameter alone, so that
 * every parameter appears (PostgreSQL wants each one's type).  Which
 * are given must agree with store_item_bind_filter().
 */
static const char *
store_item_filters(struct arena *a, const struct item_filter *f)
{
#define ON(c, yes, no)	((c) ? (yes) : (no))
	return arena_printf(a, "AND %s AND %s AND %s AND %s AND %s AND %s "
	    "AND %s AND %s AND %s AND %s AND %s",
	    ON(f->ledger_id, "i.ledger_id = $1", "CAST($1 AS BIGINT) = 0"),
	    ON(f->state, "i.state = $5", "CAST($5 AS TEXT) IS NULL"),
	    ON(f->light >= 0, "(" SQL_ITEM_LIGHT("$2") ") = $6",
	    "CAST($6 AS INTEGER) IS NULL AND CAST($2 AS INTEGER) IS NOT NULL"),
	    ON(f->category, "i.category = $7", "CAST($7 AS TEXT) IS NULL"),
	    ON(f->unit_id, "i.id IN (SELECT iu8.item_id FROM item_unit iu8 "
	    "JOIN unit_closure uc8 ON uc8.descendant = iu8.unit_id WHERE "
	    "uc8.ancestor = $8)", "CAST($8 AS BIGINT) IS NULL"),
	    ON(f->place[0], "i.id IN (SELECT ip9.item_id FROM item_place ip9 "
	    "WHERE ip9.place_code >= $9 AND ip9.place_code < $10)",
	    "CAST($9 AS TEXT) IS NULL AND CAST($10 AS TEXT) IS NULL"),
	    ON(f->deadline_from != DATE_NONE, "i.deadline_day >= $11",
	    "CAST($11 AS INTEGER) IS NULL"),
	    ON(f->deadline_to != DATE_NONE, "i.deadline_day <= $12",
	    "CAST($12 AS INTEGER) IS NULL"),
	    ON(f->q && *f->q, "(i.title LIKE $13 ESCAPE '\\' OR i.content "
	    "LIKE $13 ESCAPE '\\')", "CAST($13 AS TEXT) IS NULL"),
	    ON(f->custom_key && f->custom_value,
	    "i.custom LIKE $14 ESCAPE '\\'", "CAST($14 AS TEXT) IS NULL"),
	    ON(f->done >= 0, "i.done = $15", "CAST($15 AS INTEGER) IS NULL"));
#undef ON
}

struct dbstmt *
store_item_stmt(struct store *st, struct arena *a, enum stmt id,
    const struct viewer *v, const struct item_filter *f)
{
	const char	*text = sql[id], *mark, *filters;
	size_t		 ml = strlen(SQL_FILTERS);
	char		*out, *o;
	struct dbstmt	*s;
	int		 n = 0;

	filters = store_item_filters(a, f);
	for (mark = text; (mark = strstr(mark, SQL_FILTERS)) != NULL;
	    mark += ml)
		n++;
	o = out = arena_alloc(a, strlen(text) + (size_t)n * strlen(filters) +
	    1);
	while ((mark = strstr(text, SQL_FILTERS)) != NULL) {
		memcpy(o, text, (size_t)(mark - text));
		o += mark - text;
		memcpy(o, filters, strlen(filters));
		o += strlen(filters);
		text = mark + ml;
	}
	memcpy(o, text, strlen(text) + 1);
	s = db_stmt_text(st, out);
	store_item_bind_filter(s, a, v, f);
	return s;
}

enum store_rc
store_item_list(struct store *st, struct arena *a, const struct viewer *v,
    const struct item_filter *f, item_cb cb, void *arg)
{
	static const enum stmt by_sort[] = {
		[SORT_SEQ] = STMT_ITEM_LIST_SEQ,
		[SORT_SEQ_DESC] = STMT_ITEM_LIST_SEQ_DESC,
		[SORT_DEADLINE] = STMT_ITEM_LIST_DEADLINE,
		[SORT_DEADLINE_DESC] = STMT_ITEM_LIST_DEADLINE_DESC,
		[SORT_UPDATED_DESC] = STMT_ITEM_LIST_UPDATED_DESC,
		[SORT_PROGRESS] = STMT_ITEM_LIST_PROGRESS,
		[SORT_PROGRESS_DESC] = STMT_ITEM_LIST_PROGRESS_DESC,
		[SORT_AMOUNT_DESC] = STMT_ITEM_LIST_AMOUNT_DESC,
	};
	struct dbstmt	*s;
	struct item	*all;
	enum light	*lights;
	enum db_step	 r = DB_DONE;
	int64_t		 n = 0, i, j, k;
	enum store_rc	 rc;

	/* read the rows first: the parts need statements of their own */
	all = arena_alloc(a, (size_t)f->limit * sizeof(*all) + 1);
	lights = arena_alloc(a, (size_t)f->limit * sizeof(*lights) + 1);
	s = store_item_stmt(st, a, by_sort[f->sort], v, f);
	db_int(s, 16, f->limit);
	db_int(s, 17, f->offset);
	while (n < f->limit && (r = db_step(s)) == DB_ROW) {
		store_item_row(s, a, &all[n], &lights[n]);
		n++;
	}
	if (n == f->limit)
		db_reset(s);
	else if (r != DB_DONE)
		return db_rc(st);
	for (i = 0; i < n; i += k) {
		k = n - i < SQL_ITEM_IDS ? n - i : SQL_ITEM_IDS;
		if ((rc = store_item_parts(st, a, &all[i], (int)k)) != STORE_OK)
			return rc;
		for (j = i; j < i + k; j++)
			if (cb(&all[j], lights[j], arg) == -1)
				return STORE_OK;
	}
	return STORE_OK;
}

/* What a count or statistics of f depends on, as a cache key. */
const char *
store_item_filter_key(struct arena *a, const char *what,
    const struct viewer *v, const struct item_filter *f)
{
	return arena_printf(a, "%s\x1f%d\x1f%lld\x1f%d\x1f%lld\x1f%s\x1f%d"
	    "\x1f%s\x1f%lld\x1f%s\x1f%d\x1f%d\x1f%s\x1f%s\x1f%s\x1f%d", what,
	    v->admin, (long long)(v->admin ? 0 : v->user_id), (int)date_today(),
	    (long long)f->ledger_id, f->state ? f->state : "\x1e", f->light,
	    f->category ? f->category : "\x1e", (long long)f->unit_id,
	    f->place, (int)f->deadline_from, (int)f->deadline_to,
	    f->q ? f->q : "", f->custom_key && f->custom_value ?
	    f->custom_key : "\x1e", f->custom_key && f->custom_value ?
	    f->custom_value : "", f->done);
}

/*
 * The number of items f selects: a count over all of them, so kept in
 * the answer cache (store_cache.h) while nothing changes.
 */
int64_t
store_item_count(struct store *st, const struct viewer *v,
    const struct item_filter *f)
{
	struct dbstmt	*s;
	struct arena	*a = arena_new();
	const char	*key;
	char		*hit;
	uint64_t	 gen;
	int64_t		 n = -1;

	key = store_item_filter_key(a, "count", v, f);
	gen = store_cache_gen(st);
	if ((hit = store_cache_get(key, gen, a)) != NULL) {
		n = strtoll(hit, NULL, 10);
		goto out;
	}
	s = store_item_stmt(st, a, STMT_ITEM_COUNT, v, f);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	if (n >= 0)
		store_cache_put(key, gen, arena_printf(a, "%lld",
		    (long long)n));
out:
	arena_free(a);
	return n;
}
