/* Links between items in the store. */
#include <string.h>

#include "db.h"
#include "store_link.h"
#include "util.h"

enum store_rc
store_link_add(struct store *st, int64_t from, int64_t to, const char *kind,
    int64_t by, int64_t *id)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_LINK_INSERT);
	db_int(s, 1, from);
	db_int(s, 2, to);
	db_text(s, 3, kind);
	db_int_or_null(s, 4, by ? &by : NULL);
	db_int(s, 5, util_now());
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
store_link_list(struct store *st, struct arena *a, const struct viewer *v,
    int64_t id, link_cb cb, void *arg)
{
	struct dbstmt	*s;
	struct link_row	 l;
	enum db_step	 r;

	s = db_stmt(st, STMT_LINK_LIST);
	db_int(s, 1, id);
	db_int(s, 2, id);
	db_int(s, 3, v->admin);
	db_int(s, 4, v->user_id);
	while ((r = db_step(s)) == DB_ROW) {
		l.id = db_col_int(s, 0);
		l.kind = arena_strdup(a, db_col_text(s, 1));
		l.out = db_col_int(s, 2) != 0;
		l.item_id = db_col_int(s, 3);
		l.ledger_id = db_col_int(s, 4);
		l.title = arena_strdup(a, db_col_text(s, 5));
		l.state = arena_strdup(a, db_col_text(s, 6));
		if (cb(&l, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}
