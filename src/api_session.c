/*
 * Logging in and out, the current user, changing one's password.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "router.h"
#include "store_user.h"
#include "util.h"

/* A hash to verify against when the login does not exist, so that a
 * wrong login costs as long as a wrong password. */
static char		 dummy_hash[AUTH_HASH_MAX];
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;

static void
api_dummy_init(void)
{
	auth_hash_password("taizhang-dummy", dummy_hash);
}

static void
api_session_cookie(struct req *r, const char *token, int64_t max_age)
{
	char *c;

	c = arena_printf(r->pool, "%s=%s; Path=/; HttpOnly; SameSite=Strict; "
	    "Max-Age=%lld%s", SESSION_COOKIE, token, (long long)max_age,
	    r->conf && r->conf->secure_cookie ? "; Secure" : "");
	req_add_header(r, "Set-Cookie", c);
}

/* Record a failed login in its own transaction: it must stick. */
static void
api_login_failed(struct req *r, const char *login)
{
	json_t *after;

	if (api_begin(r) == -1)
		return;
	if (store_login_failed(r->store, login, r->ip) != STORE_OK) {
		api_rollback(r);
		return;
	}
	after = json_pack("{s:s}", "login", login);
	api_commit(r, "login_failed", "session", NULL, NULL, after);
	json_decref(after);
	r->status = 0;	/* the caller replies */
}

/*
 * POST /api/v1/session {"login", "password"}
 * 200 with the user and a CSRF token, and the session cookie;
 * 401 on a wrong login or password; 429 after too many failures.
 */
int
api_session_create(struct req *r)
{
	json_t		*body, *after;
	const char	*login = NULL, *pw = NULL;
	struct user	*u;
	char		 hash[AUTH_HASH_MAX], token[AUTH_TOKEN_LEN + 1];
	char		 csrf[AUTH_TOKEN_LEN + 1], *msg;
	int64_t		 by_login, by_ip, window = r->conf->login_window;
	enum store_rc	 rc;
	const char	*old;

	if (req_json_body(r, &body) == -1 ||
	    req_str(r, body, "login", "登录名", 64, true, &login) == -1 ||
	    req_str(r, body, "password", "密码", 128, true, &pw) == -1)
		return 0;
	if (store_login_failures(r->store, login, r->ip, window, &by_login,
	    &by_ip) != STORE_OK)
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	if (by_login >= r->conf->login_max_fail ||
	    by_ip >= 4 * r->conf->login_max_fail) {
		msg = arena_printf(r->pool, "登录失败次数过多,请%lld分钟后再试",
		    (long long)(window + 59) / 60);
		req_add_header(r, "Retry-After",
		    arena_printf(r->pool, "%lld", (long long)window));
		return reply_error(r, 429, "throttled", msg);
	}
	u = arena_alloc(r->pool, sizeof(*u));
	rc = store_user_by_login(r->store, login, u, hash);
	if (rc != STORE_OK && rc != STORE_NOTFOUND)
		return reply_store_error(r, rc);
	if (rc == STORE_NOTFOUND) {
		pthread_once(&dummy_once, api_dummy_init);
		auth_verify_password(dummy_hash, pw);
	}
	if (rc == STORE_NOTFOUND || !auth_verify_password(hash, pw) ||
	    u->disabled) {
		api_login_failed(r, login);
		if (rc == STORE_OK && u->disabled &&
		    auth_verify_password(hash, pw))
			return reply_error(r, 403, "disabled",
			    "该账号已停用,请联系管理员");
		return reply_error(r, 401, "bad_login", "用户名或密码错误");
	}
	if (api_begin(r) == -1)
		return 0;
	/* never reuse a session the browser brought: fixation */
	if ((old = req_cookie(r, SESSION_COOKIE)) != NULL)
		store_session_end(r->store, old);
	if ((rc = store_login_succeeded(r->store, login)) != STORE_OK ||
	    (rc = store_session_new(r->store, u->id, r->ip,
	    r->conf->session_ttl, token, csrf)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	r->actor.user_id = u->id;
	r->actor.name = u->login;
	after = json_pack("{s:s}", "login", u->login);
	req_json_keep(r, after);
	if (api_commit(r, "login", "session", NULL, NULL, after) == -1)
		return 0;
	api_session_cookie(r, token, r->conf->session_ttl);
	return reply_json(r, 200, json_pack("{s:o, s:s}", "user", json_user(u),
	    "csrf", csrf));
}

/* DELETE /api/v1/session: end this session; 204. */
int
api_session_delete(struct req *r)
{
	if (api_begin(r) == -1)
		return 0;
	if (r->via_cookie && store_session_end(r->store, r->session_token) !=
	    STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, store_last_error(r->store));
	}
	if (api_commit(r, "logout", "session", NULL, NULL, NULL) == -1)
		return 0;
	api_session_cookie(r, "", 0);
	return reply_text(r, 204, NULL, "", 0);
}

/* GET /api/v1/me: the user, and the CSRF token of a cookie session. */
int
api_me_get(struct req *r)
{
	json_t *j;

	j = json_pack("{s:o}", "user", json_user(r->user));
	if (r->via_cookie)
		json_object_set_new(j, "csrf", json_string(r->csrf));
	return reply_json(r, 200, j);
}

/*
 * POST /api/v1/me/password {"old_password", "new_password"}
 * Ends every other session and revokes the user's API tokens; a cookie
 * session gets a new cookie and CSRF token.
 */
int
api_me_password(struct req *r)
{
	json_t		*body, *after;
	const char	*oldpw = NULL, *newpw = NULL, *why;
	char		 hash[AUTH_HASH_MAX], nhash[AUTH_HASH_MAX];
	char		 token[AUTH_TOKEN_LEN + 1], csrf[AUTH_TOKEN_LEN + 1];
	struct user	 u;
	int		 rc;

	if (req_json_body(r, &body) == -1 ||
	    req_str(r, body, "old_password", "原密码", 128, true,
	    &oldpw) == -1 ||
	    req_str(r, body, "new_password", "新密码", 128, true,
	    &newpw) == -1)
		return 0;
	if ((why = user_password_invalid(newpw)) != NULL)
		return reply_error_field(r, 400, "weak_password", why,
		    "new_password");
	if (store_user_by_login(r->store, r->user->login, &u, hash) !=
	    STORE_OK)
		return reply_store_error(r, STORE_ERROR);
	if (!auth_verify_password(hash, oldpw))
		return reply_error_field(r, 400, "bad_password", "原密码不正确",
		    "old_password");
	if (auth_hash_password(newpw, nhash) == -1)
		return reply_error(r, 500, "hash", "服务器内部错误");
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_user_set_password(r->store, u.id, nhash)) != STORE_OK ||
	    (rc = store_user_logout_all(r->store, u.id, true)) != STORE_OK ||
	    (r->via_cookie && (rc = store_session_new(r->store, u.id, r->ip,
	    r->conf->session_ttl, token, csrf)) != STORE_OK)) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_pack("{s:s}", "password", "changed");
	rc = api_commit(r, "password", "user",
	    arena_printf(r->pool, "%lld", (long long)u.id), NULL, after);
	json_decref(after);
	if (rc == -1)
		return 0;
	if (r->via_cookie) {
		api_session_cookie(r, token, r->conf->session_ttl);
		return reply_json(r, 200, json_pack("{s:s}", "csrf", csrf));
	}
	return reply_json(r, 200, json_object());
}
