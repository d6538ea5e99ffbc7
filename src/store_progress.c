/*
 * Progress updates, item events, extension requests and the inbox in
 * the store: rows of item_update, item_event and extension (schema 2).
 */
#include <string.h>

#include "date.h"
#include "db.h"
#include "store_progress.h"
#include "util.h"

static const char *
store_progress_str(struct arena *a, struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? NULL : arena_strdup(a, db_col_text(s, col));
}

static int32_t
store_progress_day(struct dbstmt *s, int col)
{
	return db_isnull(s, col) ? DATE_NONE : (int32_t)db_col_int(s, col);
}

static void
store_progress_bind_day(struct dbstmt *s, int i, int32_t day)
{
	if (day == DATE_NONE)
		db_null(s, i);
	else
		db_int(s, i, day);
}

/* The user of columns id, login, name from col on; id 0 if none. */
static void
store_progress_who(struct arena *a, struct dbstmt *s, int col,
    struct who *w)
{
	memset(w, 0, sizeof(*w));
	if (db_isnull(s, col) || db_isnull(s, col + 1))
		return;
	w->id = db_col_int(s, col);
	w->login = store_progress_str(a, s, col + 1);
	w->name = store_progress_str(a, s, col + 2);
}

/* Step an INSERT ... RETURNING id; *id the new id. */
static enum store_rc
store_progress_insert(struct store *st, struct dbstmt *s, int64_t *id)
{
	switch (db_step(s)) {
	case DB_ROW:
		*id = db_col_int(s, 0);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_ERROR;
	default:
		return db_rc(st);
	}
}

enum store_rc
store_update_add(struct store *st, struct progress_update *u)
{
	struct dbstmt	*s;
	int64_t		 progress = u->progress;

	u->created_at = util_now();
	s = db_stmt(st, STMT_UPDATE_INSERT);
	db_int(s, 1, u->item_id);
	db_int(s, 2, u->day);
	db_text(s, 3, u->text);
	db_int_or_null(s, 4, u->progress >= 0 ? &progress : NULL);
	db_int(s, 5, u->paid_fen);
	db_int_or_null(s, 6, u->user.id ? &u->user.id : NULL);
	db_int(s, 7, u->created_at);
	return store_progress_insert(st, s, &u->id);
}

enum store_rc
store_update_list(struct store *st, struct arena *a, int64_t item_id,
    int64_t limit, update_cb cb, void *arg, int64_t *total)
{
	struct progress_update	 u;
	struct dbstmt		*s;
	enum db_step		 r;

	*total = 0;
	s = db_stmt(st, STMT_UPDATE_LIST);
	db_int(s, 1, item_id);
	db_int(s, 2, limit);
	while ((r = db_step(s)) == DB_ROW) {
		u.id = db_col_int(s, 0);
		u.item_id = db_col_int(s, 1);
		u.day = (int32_t)db_col_int(s, 2);
		u.text = store_progress_str(a, s, 3);
		u.progress = db_isnull(s, 4) ? -1 : (int)db_col_int(s, 4);
		u.paid_fen = db_col_int(s, 5);
		store_progress_who(a, s, 6, &u.user);
		u.created_at = db_col_int(s, 9);
		*total = db_col_int(s, 10);
		if (cb(&u, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_event_add(struct store *st, int64_t item_id, const char *kind,
    const char *from, const char *to, const char *text, const char *data,
    int64_t by, int64_t *id)
{
	struct dbstmt	*s;
	int64_t		 dummy;

	s = db_stmt(st, STMT_EVENT_INSERT);
	db_int(s, 1, item_id);
	db_text(s, 2, kind);
	db_text_or_null(s, 3, from);
	db_text_or_null(s, 4, to);
	db_text_or_null(s, 5, text);
	db_text_or_null(s, 6, data);
	db_int_or_null(s, 7, by ? &by : NULL);
	db_int(s, 8, util_now());
	return store_progress_insert(st, s, id ? id : &dummy);
}

enum store_rc
store_timeline(struct store *st, struct arena *a, int64_t item_id,
    int64_t limit, timeline_cb cb, void *arg, int64_t *total)
{
	struct timeline_entry	 e;
	struct dbstmt		*s;
	enum db_step		 r;

	*total = 0;
	s = db_stmt(st, STMT_TIMELINE);
	db_int(s, 1, item_id);
	db_int(s, 2, limit);
	while ((r = db_step(s)) == DB_ROW) {
		e.id = db_col_int(s, 0);
		e.at = db_col_int(s, 1);
		e.kind = store_progress_str(a, s, 2);
		store_progress_who(a, s, 3, &e.user);
		e.text = store_progress_str(a, s, 6);
		e.from_state = store_progress_str(a, s, 7);
		e.to_state = store_progress_str(a, s, 8);
		e.data = store_progress_str(a, s, 9);
		e.progress = db_isnull(s, 10) ? -1 : (int)db_col_int(s, 10);
		e.paid_fen = db_isnull(s, 11) ? -1 : db_col_int(s, 11);
		e.day = store_progress_day(s, 12);
		*total = db_col_int(s, 13);
		if (cb(&e, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_item_touch_progress(struct store *st, int64_t id, int progress,
    int64_t by)
{
	struct dbstmt	*s;
	int64_t		 p = progress;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_ITEM_TOUCH_PROGRESS);
	db_int(s, 1, id);
	db_int_or_null(s, 2, progress >= 0 ? &p : NULL);
	db_int_or_null(s, 3, by ? &by : NULL);
	db_int(s, 4, util_now());
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_NOTFOUND;
}

enum store_rc
store_item_set_deadline(struct store *st, int64_t id, int32_t day, int64_t by)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_ITEM_SET_DEADLINE);
	db_int(s, 1, id);
	store_progress_bind_day(s, 2, day);
	db_int_or_null(s, 3, by ? &by : NULL);
	db_int(s, 4, util_now());
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_NOTFOUND;
}

enum store_rc
store_extension_add(struct store *st, struct extension *x)
{
	struct dbstmt *s;

	x->state = "pending";
	x->requested_at = util_now();
	s = db_stmt(st, STMT_EXT_INSERT);
	db_int(s, 1, x->item_id);
	db_text(s, 2, x->reason);
	store_progress_bind_day(s, 3, x->old_deadline);
	db_int(s, 4, x->new_deadline);
	db_int_or_null(s, 5, x->requested_by.id ? &x->requested_by.id : NULL);
	db_int(s, 6, x->requested_at);
	return store_progress_insert(st, s, &x->id);
}

/* The row of EXT_SELECT (sql.c) into x. */
static void
store_extension_row(struct arena *a, struct dbstmt *s, struct extension *x)
{
	memset(x, 0, sizeof(*x));
	x->id = db_col_int(s, 0);
	x->item_id = db_col_int(s, 1);
	x->reason = store_progress_str(a, s, 2);
	x->old_deadline = store_progress_day(s, 3);
	x->new_deadline = store_progress_day(s, 4);
	x->state = store_progress_str(a, s, 5);
	store_progress_who(a, s, 6, &x->requested_by);
	x->requested_at = db_col_int(s, 9);
	store_progress_who(a, s, 10, &x->decided_by);
	x->decided_at = db_isnull(s, 13) ? 0 : db_col_int(s, 13);
	x->decision_note = store_progress_str(a, s, 14);
}

enum store_rc
store_extension_get(struct store *st, struct arena *a, int64_t id,
    struct extension *x)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_EXT_GET);
	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		store_extension_row(a, s, x);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
}

enum store_rc
store_extension_list(struct store *st, struct arena *a, int64_t item_id,
    extension_cb cb, void *arg)
{
	struct extension	 x;
	struct dbstmt		*s;
	enum db_step		 r;

	s = db_stmt(st, STMT_EXT_LIST);
	db_int(s, 1, item_id);
	while ((r = db_step(s)) == DB_ROW) {
		store_extension_row(a, s, &x);
		if (cb(&x, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

bool
store_extension_pending(struct store *st, int64_t item_id)
{
	struct dbstmt	*s;
	bool		 yes;

	s = db_stmt(st, STMT_EXT_PENDING);
	db_int(s, 1, item_id);
	yes = db_step(s) == DB_ROW;
	db_reset(s);
	return yes;
}

enum store_rc
store_extension_decide(struct store *st, int64_t id, bool approve,
    const char *note, int64_t by)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_EXT_DECIDE);
	db_int(s, 1, id);
	db_text(s, 2, approve ? "approved" : "rejected");
	db_int_or_null(s, 3, by ? &by : NULL);
	db_int(s, 4, util_now());
	db_text_or_null(s, 5, note);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_CONFLICT;
}

enum store_rc
store_inbox(struct store *st, struct arena *a, const struct viewer *v,
    int64_t since, int64_t limit, inbox_cb cb, void *arg, int64_t *total)
{
	struct inbox_entry	 e;
	struct dbstmt		*s;
	enum db_step		 r;

	*total = 0;
	s = db_stmt(st, STMT_INBOX);
	db_int(s, 1, v->user_id);
	db_int(s, 2, v->admin);
	db_int(s, 3, since);
	db_int(s, 4, limit);
	while ((r = db_step(s)) == DB_ROW) {
		e.kind = store_progress_str(a, s, 0);
		e.item_id = db_col_int(s, 1);
		e.item_title = store_progress_str(a, s, 2);
		e.ledger_id = db_col_int(s, 3);
		e.text = store_progress_str(a, s, 4);
		e.at = db_col_int(s, 5);
		e.extension_id = db_isnull(s, 6) ? 0 : db_col_int(s, 6);
		store_progress_who(a, s, 7, &e.user);
		*total = db_col_int(s, 10);
		if (cb(&e, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}
