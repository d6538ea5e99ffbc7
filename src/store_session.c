/* Sessions, API tokens and login throttling (declared in store_user.h). */
#include <string.h>

#include "db.h"
#include "store_user.h"
#include "util.h"

enum store_rc
store_session_new(struct store *st, int64_t user, const char *ip, int64_t ttl,
    char token[AUTH_TOKEN_LEN + 1], char csrf[AUTH_TOKEN_LEN + 1])
{
	struct dbstmt	*s;
	char		 hash[AUTH_TOKEN_LEN + 1];
	int64_t		 now = util_now();

	auth_token(token);
	auth_token(csrf);
	auth_token_hash(token, hash);
	s = db_stmt(st, STMT_SESS_PURGE);
	db_int(s, 1, now);
	if (db_run(s) != STORE_OK)
		return db_rc(st);
	s = db_stmt(st, STMT_SESS_INSERT);
	db_text(s, 1, hash);
	db_int(s, 2, user);
	db_text(s, 3, csrf);
	db_text_or_null(s, 4, ip);
	db_int(s, 5, now);
	db_int(s, 6, now + ttl);
	return db_run(s);
}

enum store_rc
store_session_get(struct store *st, const char *token, int64_t *user,
    char csrf[AUTH_TOKEN_LEN + 1])
{
	struct dbstmt	*s;
	char		 hash[AUTH_TOKEN_LEN + 1];
	enum store_rc	 rc;

	auth_token_hash(token, hash);
	s = db_stmt(st, STMT_SESS_GET);
	db_text(s, 1, hash);
	db_int(s, 2, util_now());
	switch (db_step(s)) {
	case DB_ROW:
		*user = db_col_int(s, 0);
		util_strlcpy(csrf, db_col_text(s, 1), AUTH_TOKEN_LEN + 1);
		rc = STORE_OK;
		break;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
	db_reset(s);
	return rc;
}

enum store_rc
store_session_end(struct store *st, const char *token)
{
	struct dbstmt	*s;
	char		 hash[AUTH_TOKEN_LEN + 1];

	auth_token_hash(token, hash);
	s = db_stmt(st, STMT_SESS_DELETE);
	db_text(s, 1, hash);
	return db_run(s);
}

enum store_rc
store_user_logout_all(struct store *st, int64_t user, bool tokens_too)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_SESS_DELETE_USER);
	db_int(s, 1, user);
	if ((rc = db_run(s)) != STORE_OK || !tokens_too)
		return rc;
	s = db_stmt(st, STMT_TOKEN_REVOKE_USER);
	db_int(s, 1, user);
	db_int(s, 2, util_now());
	return db_run(s);
}

enum store_rc
store_token_new(struct store *st, int64_t user, const char *name,
    char token[AUTH_TOKEN_LEN + 1])
{
	struct dbstmt	*s;
	char		 hash[AUTH_TOKEN_LEN + 1];

	auth_token(token);
	auth_token_hash(token, hash);
	s = db_stmt(st, STMT_TOKEN_INSERT);
	db_text(s, 1, hash);
	db_int(s, 2, user);
	db_text(s, 3, name);
	db_int(s, 4, util_now());
	return db_run(s);
}

enum store_rc
store_token_get(struct store *st, const char *token, int64_t *user)
{
	struct dbstmt	*s;
	char		 hash[AUTH_TOKEN_LEN + 1];

	auth_token_hash(token, hash);
	s = db_stmt(st, STMT_TOKEN_GET);
	db_text(s, 1, hash);
	switch (db_step(s)) {
	case DB_ROW:
		*user = db_col_int(s, 0);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
}

static int64_t
store_count1(struct store *st, enum stmt id, const char *key, int64_t since)
{
	struct dbstmt	*s;
	int64_t		 n = -1;

	s = db_stmt(st, id);
	db_text(s, 1, key);
	db_int(s, 2, since);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

enum store_rc
store_login_failures(struct store *st, const char *login, const char *ip,
    int64_t window, int64_t *by_login, int64_t *by_ip)
{
	int64_t since = util_now() - window;

	*by_login = store_count1(st, STMT_FAIL_COUNT_LOGIN, login, since);
	*by_ip = store_count1(st, STMT_FAIL_COUNT_IP, ip, since);
	return *by_login < 0 || *by_ip < 0 ? db_rc(st) : STORE_OK;
}

enum store_rc
store_login_failed(struct store *st, const char *login, const char *ip)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_FAIL_INSERT);
	db_text(s, 1, login);
	db_text(s, 2, ip);
	db_int(s, 3, util_now());
	return db_run(s);
}

enum store_rc
store_login_succeeded(struct store *st, const char *login)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_FAIL_CLEAR_LOGIN);
	db_text(s, 1, login);
	return db_run(s);
}
