#include <string.h>

#include "db.h"
#include "store_ledger.h"
#include "store_unit.h"
#include "util.h"

static void
store_unit_row(struct dbstmt *s, struct unit *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_col_int(s, 0);
	u->parent_id = db_col_int(s, 1);
	util_strlcpy(u->name, db_col_text(s, 2), sizeof(u->name));
	util_strlcpy(u->kind, db_col_text(s, 3), sizeof(u->kind));
	util_strlcpy(u->place_code, db_col_text(s, 4), sizeof(u->place_code));
	util_strlcpy(u->phone, db_col_text(s, 5), sizeof(u->phone));
	u->created_at = db_col_int(s, 6);
	u->updated_at = db_col_int(s, 7);
	u->version = db_col_int(s, 8);
}

enum store_rc
store_unit_get(struct store *st, int64_t id, struct unit *u)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_UNIT_GET);
	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		store_unit_row(s, u);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
}

enum store_rc
store_unit_add(struct store *st, struct unit *u)
{
	struct dbstmt	*s;
	enum db_step	 r;

	u->created_at = u->updated_at = util_now();
	s = db_stmt(st, STMT_UNIT_INSERT);
	db_int_or_null(s, 1, u->parent_id ? &u->parent_id : NULL);
	db_text(s, 2, u->name);
	db_text(s, 3, u->kind);
	db_text_or_null(s, 4, u->place_code);
	db_text_or_null(s, 5, u->phone);
	db_int(s, 6, u->created_at);
	if ((r = db_step(s)) != DB_ROW)
		return r == DB_DONE ? STORE_ERROR : db_rc(st);
	u->id = db_col_int(s, 0);
	u->version = 1;
	db_reset(s);
	s = db_stmt(st, STMT_UNIT_CLOSURE_ADD);
	db_int(s, 1, u->id);
	db_int_or_null(s, 2, u->parent_id ? &u->parent_id : NULL);
	return db_run(s);
}

/* After an UPDATE or DELETE guarded by version touched nothing: absent
 * or stale? */
static enum store_rc
store_unit_why(struct store *st, int64_t id)
{
	struct unit u;

	return store_unit_get(st, id, &u) == STORE_OK ? STORE_STALE :
	    STORE_NOTFOUND;
}

static int64_t
store_unit_count1(struct store *st, enum stmt id, int64_t arg)
{
	struct dbstmt	*s;
	int64_t		 n = 0;

	s = db_stmt(st, id);
	if (id != STMT_UNIT_COUNT)
		db_int(s, 1, arg);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

enum store_rc
store_unit_update(struct store *st, struct unit *u)
{
	struct dbstmt	*s;
	enum store_rc	 rc;
	struct unit	 now;

	u->updated_at = util_now();
	s = db_stmt(st, STMT_UNIT_UPDATE);
	db_int(s, 1, u->id);
	db_int_or_null(s, 2, u->parent_id ? &u->parent_id : NULL);
	db_text(s, 3, u->name);
	db_text(s, 4, u->kind);
	db_text_or_null(s, 5, u->place_code);
	db_text_or_null(s, 6, u->phone);
	db_int(s, 7, u->updated_at);
	db_int(s, 8, u->version);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	if (db_changes(st) != 1)
		return store_unit_why(st, u->id);
	if ((rc = store_unit_get(st, u->id, &now)) != STORE_OK)
		return rc;
	*u = now;
	/* a move changes the ancestors of the whole subtree */
	return store_unit_closure_rebuild(st);
}

enum store_rc
store_unit_delete(struct store *st, int64_t id, int64_t version)
{
	struct dbstmt	*s;
	struct unit	 u;
	enum store_rc	 rc;

	if ((rc = store_unit_get(st, id, &u)) != STORE_OK)
		return rc;
	if (u.version != version)
		return STORE_STALE;
	if (store_unit_count1(st, STMT_UNIT_CHILD_COUNT, id) > 0 ||
	    store_unit_count1(st, STMT_UNIT_MEMBER_COUNT, id) > 0)
		return STORE_CONFLICT;
	s = db_stmt(st, STMT_UNIT_DELETE);
	db_int(s, 1, id);
	db_int(s, 2, version);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	if (db_changes(st) != 1)
		return store_unit_why(st, id);
	s = db_stmt(st, STMT_UNIT_CLOSURE_DEL);
	db_int(s, 1, id);
	return db_run(s);
}

enum store_rc
store_unit_list(struct store *st, unit_cb cb, void *arg)
{
	struct dbstmt	*s;
	struct unit	 u;
	enum db_step	 r;

	s = db_stmt(st, STMT_UNIT_LIST);
	while ((r = db_step(s)) == DB_ROW) {
		store_unit_row(s, &u);
		if (cb(&u, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_unit_chain(struct store *st, int64_t id, int64_t *out, size_t max,
    size_t *n)
{
	struct dbstmt	*s;
	enum db_step	 r;

	*n = 0;
	s = db_stmt(st, STMT_UNIT_ANCESTORS);
	db_int(s, 1, id);
	while ((r = db_step(s)) == DB_ROW) {
		if (*n >= max) {
			db_reset(s);
			return STORE_OK;
		}
		out[(*n)++] = db_col_int(s, 0);
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

bool
store_unit_name_taken(struct store *st, const char *name, int64_t parent,
    int64_t self)
{
	struct dbstmt	*s;
	bool		 taken;

	s = db_stmt(st, STMT_UNIT_SAME_NAME);
	db_text(s, 1, name);
	db_int_or_null(s, 2, parent ? &parent : NULL);
	db_int(s, 3, self);
	taken = db_step(s) == DB_ROW;
	db_reset(s);
	return taken;
}

int64_t
store_unit_count(struct store *st)
{
	return store_unit_count1(st, STMT_UNIT_COUNT, 0);
}
