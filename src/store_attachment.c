/* Attachments in the store: metadata and bytes in one row. */
#include <string.h>

#include "db.h"
#include "store_attachment.h"
#include "util.h"

/* The row of s (STMT_ATTACH_GET's columns) into a. */
static void
store_attachment_row(struct dbstmt *s, struct arena *pool,
    struct attachment *a)
{
	memset(a, 0, sizeof(*a));
	a->id = db_col_int(s, 0);
	a->item_id = db_col_int(s, 1);
	a->update_id = db_isnull(s, 2) ? 0 : db_col_int(s, 2);
	a->name = arena_strdup(pool, db_col_text(s, 3));
	a->mime = arena_strdup(pool, db_col_text(s, 4));
	a->size = db_col_int(s, 5);
	util_strlcpy(a->sha256, db_col_text(s, 6), sizeof(a->sha256));
	a->created_by = db_isnull(s, 7) ? 0 : db_col_int(s, 7);
	a->created_at = db_col_int(s, 8);
}

enum store_rc
store_attachment_add(struct store *st, struct attachment *a)
{
	struct dbstmt	*s;
	enum db_step	 r;

	if (a->size < 0 || a->size > INT32_MAX)
		return STORE_ERROR;
	a->created_at = util_now();
	s = db_stmt(st, STMT_ATTACH_INSERT);
	db_int(s, 1, a->item_id);
	db_int_or_null(s, 2, a->update_id ? &a->update_id : NULL);
	db_text(s, 3, a->name);
	db_text(s, 4, a->mime);
	db_int(s, 5, a->size);
	db_text(s, 6, a->sha256);
	db_blob(s, 7, a->data ? a->data : "", (int)a->size);
	db_int_or_null(s, 8, a->created_by ? &a->created_by : NULL);
	db_int(s, 9, a->created_at);
	switch (r = db_step(s)) {
	case DB_ROW:
		a->id = db_col_int(s, 0);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_ERROR;
	default:
		return db_rc(st);
	}
}

enum store_rc
store_attachment_get(struct store *st, struct arena *pool, int64_t id,
    bool with_data, struct attachment *a)
{
	struct dbstmt	*s;

	s = db_stmt(st, STMT_ATTACH_GET);
	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		store_attachment_row(s, pool, a);
		db_reset(s);
		break;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
	if (!with_data)
		return STORE_OK;
	return db_blob_by_id(st, STMT_ATTACH_DATA, id, pool, &a->data, &a->size);
}

enum store_rc
store_attachment_list(struct store *st, struct arena *pool, int64_t item_id,
    attachment_cb cb, void *arg)
{
	struct dbstmt		*s;
	struct attachment	 a;
	enum db_step		 r;

	s = db_stmt(st, STMT_ATTACH_LIST);
	db_int(s, 1, item_id);
	db_int(s, 2, ATTACHMENT_LIST_MAX);
	while ((r = db_step(s)) == DB_ROW) {
		store_attachment_row(s, pool, &a);
		if (cb(&a, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_attachment_delete(struct store *st, int64_t id)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_ATTACH_DELETE);
	db_int(s, 1, id);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_NOTFOUND;
}

bool
store_attachment_update_of(struct store *st, int64_t update_id,
    int64_t item_id)
{
	struct dbstmt	*s;
	bool		 ok;

	s = db_stmt(st, STMT_ATTACH_UPDATE_OF);
	db_int(s, 1, update_id);
	db_int(s, 2, item_id);
	ok = db_step(s) == DB_ROW;
	db_reset(s);
	return ok;
}
