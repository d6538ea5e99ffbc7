#include "db.h"
#include "store_audit.h"
#include "util.h"

enum store_rc
store_audit_add(struct store *st, const struct actor *a, const char *action,
    const char *entity, const char *entity_id, const char *before,
    const char *after)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_AUDIT_INSERT);
	db_int(s, 1, util_now());
	db_int_or_null(s, 2, a->user_id ? &a->user_id : NULL);
	db_text(s, 3, a->name ? a->name : "");
	db_text_or_null(s, 4, a->ip);
	db_text(s, 5, action);
	db_text(s, 6, entity);
	db_text_or_null(s, 7, entity_id);
	db_text(s, 8, before);
	db_text(s, 9, after);
	return db_run(s);
}

static void
store_audit_bind(struct dbstmt *s, const struct audit_filter *f)
{
	db_text_or_null(s, 1, f->entity);
	db_text_or_null(s, 2, f->entity_id);
	db_int_or_null(s, 3, f->user_id ? &f->user_id : NULL);
	db_int_or_null(s, 4, f->from ? &f->from : NULL);
	db_int_or_null(s, 5, f->to ? &f->to : NULL);
	db_text_or_null(s, 6, f->action);
}

enum store_rc
store_audit_list(struct store *st, const struct audit_filter *f, audit_cb cb,
    void *arg)
{
	struct dbstmt		*s;
	struct audit_row	 r;
	enum db_step		 rc;

	s = db_stmt(st, STMT_AUDIT_LIST);
	store_audit_bind(s, f);
	db_int_or_null(s, 7, f->before_id ? &f->before_id : NULL);
	db_int(s, 8, f->limit);
	while ((rc = db_step(s)) == DB_ROW) {
		r.id = db_col_int(s, 0);
		r.at = db_col_int(s, 1);
		r.user_id = db_col_int(s, 2);
		r.actor = db_col_text(s, 3);
		r.ip = db_col_text(s, 4);
		r.action = db_col_text(s, 5);
		r.entity = db_col_text(s, 6);
		r.entity_id = db_col_text(s, 7);
		r.before = db_isnull(s, 8) ? NULL : db_col_text(s, 8);
		r.after = db_isnull(s, 9) ? NULL : db_col_text(s, 9);
		if (cb(&r, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return rc == DB_DONE ? STORE_OK : db_rc(st);
}

int64_t
store_audit_count(struct store *st, const struct audit_filter *f)
{
	struct dbstmt	*s;
	int64_t		 n = -1;

	s = db_stmt(st, STMT_AUDIT_COUNT);
	store_audit_bind(s, f);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}
