/* Users, memberships, sessions, API tokens and login throttling. */
#ifndef STORE_USER_H
#define STORE_USER_H

#include "auth.h"
#include "store.h"
#include "user.h"

enum store_rc	store_user_get(struct store *, int64_t id, struct user *);
/* With the password hash into hash (AUTH_HASH_MAX) if not NULL. */
enum store_rc	store_user_by_login(struct store *, const char *login,
		    struct user *, char *hash);
/* The enabled admin of the smallest id; NOTFOUND if none. */
enum store_rc	store_user_first_admin(struct store *, struct user *);
/* Insert u (its memberships too); u->id is set.  CONFLICT if taken. */
enum store_rc	store_user_add(struct store *, struct user *, const char *hash);
/* Update name, phone, role and replace the memberships. */
enum store_rc	store_user_update(struct store *, const struct user *);
enum store_rc	store_user_set_password(struct store *, int64_t id,
		    const char *hash);
enum store_rc	store_user_set_disabled(struct store *, int64_t id, bool);
typedef int (*user_cb)(const struct user *, void *);
enum store_rc	store_user_list(struct store *, user_cb, void *);
int64_t		store_user_count(struct store *);

/* Sessions: a new session for user, its secret token and CSRF token. */
enum store_rc	store_session_new(struct store *, int64_t user, const char *ip,
		    int64_t ttl, char token[AUTH_TOKEN_LEN + 1],
		    char csrf[AUTH_TOKEN_LEN + 1]);
/* The user and CSRF token of a live session. */
enum store_rc	store_session_get(struct store *, const char *token,
		    int64_t *user, char csrf[AUTH_TOKEN_LEN + 1]);
enum store_rc	store_session_end(struct store *, const char *token);
/* End every session of a user and revoke its API tokens. */
enum store_rc	store_user_logout_all(struct store *, int64_t user,
		    bool tokens_too);

enum store_rc	store_token_new(struct store *, int64_t user, const char *name,
		    char token[AUTH_TOKEN_LEN + 1]);
enum store_rc	store_token_get(struct store *, const char *token,
		    int64_t *user);

/* Failed logins in the last `window` seconds, by login and by address. */
enum store_rc	store_login_failures(struct store *, const char *login,
		    const char *ip, int64_t window, int64_t *by_login,
		    int64_t *by_ip);
enum store_rc	store_login_failed(struct store *, const char *login,
		    const char *ip);
enum store_rc	store_login_succeeded(struct store *, const char *login);

#endif
