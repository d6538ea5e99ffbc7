#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_user.h"
#include "util.h"

static void
store_user_row(struct dbstmt *s, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = db_col_int(s, 0);
	util_strlcpy(u->login, db_col_text(s, 1), sizeof(u->login));
	util_strlcpy(u->name, db_col_text(s, 2), sizeof(u->name));
	util_strlcpy(u->phone, db_col_text(s, 3), sizeof(u->phone));
	u->role = role_parse(db_col_text(s, 4));
	u->disabled = db_col_int(s, 5) != 0;
	u->created_at = db_col_int(s, 6);
	u->updated_at = db_col_int(s, 7);
	u->version = db_col_int(s, 8);
}

static enum store_rc
store_user_memberships(struct store *st, struct user *u)
{
	struct dbstmt	*s;
	enum db_step	 r;

	u->nmemb = 0;
	s = db_stmt(st, STMT_MEMB_LIST_USER);
	db_int(s, 1, u->id);
	while ((r = db_step(s)) == DB_ROW) {
		struct membership *m;
		if (u->nmemb >= USER_MEMB_MAX) {
			db_reset(s);
			return STORE_OK;
		}
		m = &u->memb[u->nmemb++];
		m->role = role_parse(db_col_text(s, 0));
		m->unit_id = db_col_int(s, 1);
		util_strlcpy(m->region, db_col_text(s, 2), sizeof(m->region));
		m->is_main = db_col_int(s, 3) != 0;
		util_strlcpy(m->label, db_col_text(s, 4), sizeof(m->label));
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

/* Read one user row of s (already bound), then its memberships. */
static enum store_rc
store_user_one(struct store *st, struct dbstmt *s, struct user *u, char *hash)
{
	enum store_rc rc;

	switch (db_step(s)) {
	case DB_ROW:
		store_user_row(s, u);
		if (hash)
			util_strlcpy(hash, db_col_text(s, 9), AUTH_HASH_MAX);
		db_reset(s);
		break;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
	rc = store_user_memberships(st, u);
	return rc;
}

enum store_rc
store_user_get(struct store *st, int64_t id, struct user *u)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_USER_GET);
	db_int(s, 1, id);
	return store_user_one(st, s, u, NULL);
}

enum store_rc
store_user_first_admin(struct store *st, struct user *u)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_USER_FIRST_ADMIN);
	db_text(s, 1, role_name(ROLE_ADMIN));
	return store_user_one(st, s, u, NULL);
}

enum store_rc
store_user_by_login(struct store *st, const char *login, struct user *u,
    char *hash)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_USER_BY_LOGIN);
	db_text(s, 1, login);
	return store_user_one(st, s, u, hash);
}

static enum store_rc
store_user_put_memberships(struct store *st, const struct user *u)
{
	struct dbstmt	*s;
	enum store_rc	 rc;
	int		 i;

	s = db_stmt(st, STMT_MEMB_DELETE_USER);
	db_int(s, 1, u->id);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	for (i = 0; i < u->nmemb; i++) {
		const struct membership *m = &u->memb[i];
		s = db_stmt(st, STMT_MEMB_INSERT);
		db_int(s, 1, u->id);
		db_text(s, 2, role_name(m->role));
		db_int_or_null(s, 3, m->unit_id ? &m->unit_id : NULL);
		db_text_or_null(s, 4, m->region);
		db_int(s, 5, m->is_main);
		if ((rc = db_run(s)) != STORE_OK)
			return rc;
	}
	return STORE_OK;
}

enum store_rc
store_user_add(struct store *st, struct user *u, const char *hash)
{
	struct dbstmt	*s;
	enum db_step	 r;

	s = db_stmt(st, STMT_USER_INSERT);
	db_text(s, 1, u->login);
	db_text(s, 2, u->name);
	db_text_or_null(s, 3, u->phone);
	db_text(s, 4, hash);
	db_text(s, 5, role_name(u->role));
	db_int(s, 6, util_now());
	if ((r = db_step(s)) != DB_ROW)
		return r == DB_DONE ? STORE_ERROR : db_rc(st);
	u->id = db_col_int(s, 0);
	db_reset(s);
	return store_user_put_memberships(st, u);
}

enum store_rc
store_user_update(struct store *st, const struct user *u)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_USER_UPDATE);
	db_int(s, 1, u->id);
	db_text(s, 2, u->name);
	db_text_or_null(s, 3, u->phone);
	db_text(s, 4, role_name(u->role));
	db_int(s, 5, util_now());
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return store_user_put_memberships(st, u);
}

enum store_rc
store_user_set_password(struct store *st, int64_t id, const char *hash)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_USER_SET_PW);
	db_int(s, 1, id);
	db_text(s, 2, hash);
	db_int(s, 3, util_now());
	return db_run(s);
}

enum store_rc
store_user_set_disabled(struct store *st, int64_t id, bool off)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_USER_SET_DISABLED);
	db_int(s, 1, id);
	db_int(s, 2, off);
	db_int(s, 3, util_now());
	return db_run(s);
}

enum store_rc
store_user_list(struct store *st, user_cb cb, void *arg)
{
	struct dbstmt	*s;
	struct user	*all = NULL;
	size_t		 n = 0, cap = 0, i;
	enum db_step	 r;
	enum store_rc	 rc = STORE_OK;

	/* read all rows first: memberships need their own statement */
	s = db_stmt(st, STMT_USER_LIST);
	while ((r = db_step(s)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			all = xrealloc(all, cap * sizeof(*all));
		}
		store_user_row(s, &all[n++]);
	}
	if (r != DB_DONE)
		rc = db_rc(st);
	for (i = 0; rc == STORE_OK && i < n; i++) {
		if ((rc = store_user_memberships(st, &all[i])) != STORE_OK)
			break;
		if (cb(&all[i], arg) == -1)
			break;
	}
	free(all);
	return rc;
}

int64_t
store_user_count(struct store *st)
{
	struct dbstmt	*s;
	int64_t		 n = 0;

	s = db_stmt(st, STMT_USER_COUNT);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}
