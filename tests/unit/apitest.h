/*
 * Driving the API through fake requests (tests of the handlers): one
 * request through the router, its reply, and the users and units a test
 * sets up.  The includer defines `st`, the store under test, and may
 * change `conf`.  Include after check.h.
 */
#ifndef APITEST_H
#define APITEST_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "testdb.h"
#include "util.h"

static struct store	*st;
static struct server_conf conf = {
	.web_root = NULL, .session_ttl = 3600, .login_max_fail = 5,
	.login_window = 900,
};

/* A reply: status, JSON (if any), its bytes and the headers tests read. */
struct res {
	int	 status;
	json_t	*j;
	char	*data;
	size_t	 len;
	char	 ctype[128];
	char	 cookie[256];
	char	 allow[64];
	char	 etag[32];
	char	 disp[512];
};

static inline void
apitest_header(struct res *out, const struct kv *h)
{
	static const struct {
		const char	*name;
		size_t		 off, sz;
	} keep[] = {
		{ "Set-Cookie", offsetof(struct res, cookie),
		    sizeof(((struct res *)0)->cookie) },
		{ "Allow", offsetof(struct res, allow),
		    sizeof(((struct res *)0)->allow) },
		{ "ETag", offsetof(struct res, etag),
		    sizeof(((struct res *)0)->etag) },
		{ "Content-Disposition", offsetof(struct res, disp),
		    sizeof(((struct res *)0)->disp) },
	};
	size_t i;

	for (i = 0; i < NELEM(keep); i++)
		if (strcmp(h->key, keep[i].name) == 0)
			util_strlcpy((char *)out + keep[i].off, h->val,
			    keep[i].sz);
}

/* Run r through the router and take its reply; frees r. */
static inline struct res
apitest_run(struct req *r)
{
	struct res	out;
	size_t		i;

	memset(&out, 0, sizeof(out));
	router_dispatch(r);
	out.status = r->status;
	if (r->ctype)
		util_strlcpy(out.ctype, r->ctype, sizeof(out.ctype));
	out.data = xmalloc(r->resplen + 1);
	if (r->resplen)
		memcpy(out.data, r->resp, r->resplen);
	out.data[r->resplen] = '\0';
	out.len = r->resplen;
	if (r->resp && r->ctype && strstr(r->ctype, "json"))
		out.j = json_loadb(r->resp, r->resplen, 0, NULL);
	for (i = 0; i < r->nresp_headers; i++)
		apitest_header(&out, &r->resp_headers[i]);
	req_free(r);
	return out;
}

/* The query string of path (after '?') into r, and r->path without it. */
static inline void
apitest_query(struct req *r, const char *path)
{
	const char	*q;
	char		*qs, *amp, *eq;

	if ((q = strchr(path, '?')) == NULL)
		return;
	r->path = arena_strndup(r->pool, path, (size_t)(q - path));
	qs = arena_strdup(r->pool, q + 1);
	while (qs && *qs && r->nquery < REQ_KV_MAX) {
		if ((amp = strchr(qs, '&')) != NULL)
			*amp++ = '\0';
		if ((eq = strchr(qs, '=')) != NULL)
			*eq++ = '\0';
		r->query[r->nquery].key = qs;
		r->query[r->nquery++].val = eq ? eq : "";
		qs = amp;
	}
}

/*
 * One request: method, path (with query), JSON body (NULL: none), then
 * pairs of header name and value, ending with NULL.  A Content-Type
 * given replaces the JSON one.
 */
static inline struct res
call(const char *method, const char *path, const char *body, ...)
{
	struct req	*r;
	const char	*k, *v;
	va_list		 ap;

	r = req_fake(st, &conf, method, path, body);
	apitest_query(r, path);
	va_start(ap, body);
	while ((k = va_arg(ap, const char *)) != NULL) {
		v = va_arg(ap, const char *);
		if (strcmp(k, "Content-Type") == 0 && r->nheaders > 0 &&
		    strcmp(r->headers[0].key, "Content-Type") == 0) {
			r->headers[0].val = v;
			continue;
		}
		r->headers[r->nheaders].key = k;
		r->headers[r->nheaders++].val = v;
	}
	va_end(ap);
	return apitest_run(r);
}

/* "Bearer TOKEN", in one of eight rotating buffers. */
static inline const char *
bearer(const char *tok)
{
	static char	h[8][AUTH_TOKEN_LEN + 16];
	static int	i;

	i = (i + 1) % 8;
	snprintf(h[i], sizeof(h[i]), "Bearer %s", tok);
	return h[i];
}

/* A request as the holder of a token, with more header pairs if any. */
#define AS(tok, m, p, b, ...) \
	call(m, p, b, "Authorization", bearer(tok), ##__VA_ARGS__, NULL)

static inline void
done(struct res *x)
{
	json_decref(x->j);
	free(x->data);
	memset(x, 0, sizeof(*x));
}

/* A string member of o, "" if absent. */
static inline const char *
apitest_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* str() and num() unless the test has its own (APITEST_OWN_STR). */
#ifndef APITEST_OWN_STR
static inline const char *
str(json_t *o, const char *key)
{
	return apitest_str(o, key);
}

static inline int64_t
num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}
#endif

static inline const char *
err_code(const struct res *x)
{
	return apitest_str(json_object_get(x->j, "error"), "code");
}

static inline const char *
err_field(const struct res *x)
{
	return apitest_str(json_object_get(x->j, "error"), "field");
}

/* A place for apitest_open: code, name, level ("1".."5"), parent. */
typedef const char *const apitest_place[4];

/*
 * The places the API tests share: 永济市 of 山西 with two towns and
 * three villages, 南岗区 of 哈尔滨 with a 街道 and a 社区.
 */
static apitest_place apitest_places[] = {
	{ "14", "山西省", "1", NULL },
	{ "1408", "运城市", "2", "14" },
	{ "140881", "永济市", "3", "1408" },
	{ "140881100", "虞乡镇", "4", "140881" },
	{ "140881100200", "虞乡村委会", "5", "140881100" },
	{ "140881100202", "新源村委会", "5", "140881100" },
	{ "140881106", "张营镇", "4", "140881" },
	{ "140881106200", "张营村委会", "5", "140881106" },
	{ "23", "黑龙江省", "1", NULL },
	{ "2301", "哈尔滨市", "2", "23" },
	{ "230103", "南岗区", "3", "2301" },
	{ "230103001", "花园街道", "4", "230103" },
	{ "230103001001", "新源社区居委会", "5", "230103001" },
};

/* Into st, inside a write transaction: apitest_places and n of extra. */
static inline void
apitest_places_load(apitest_place *extra, size_t n)
{
	size_t i;

	for (i = 0; i < NELEM(apitest_places) + n; i++) {
		apitest_place *p = i < NELEM(apitest_places) ?
		    &apitest_places[i] : &extra[i - NELEM(apitest_places)];
		if (store_place_upsert(st, (*p)[0], (*p)[1], (*p)[2][0] - '0',
		    (*p)[3]) != STORE_OK)
			xdie("place %s", (*p)[0]);
	}
}

/*
 * The start of a set-up: auth, st opened on testdb_uri() (returned) and
 * migrated, a write transaction begun for the rest of the set-up (the
 * caller commits it), the places of apitest_places and n more of extra.
 */
static inline const char *
apitest_open(apitest_place *extra, size_t n)
{
	const char	*uri;
	char		 err[256];
	int		 applied;

	if (auth_init() == -1)
		xdie("auth_init");
	uri = testdb_uri();
	if ((st = store_open(uri, err, sizeof(err))) == NULL ||
	    store_migrate(st, &applied, err, sizeof(err)) == -1)
		xdie("store: %s", err);
	if (store_begin(st, true) == -1)
		xdie("store_begin");
	apitest_places_load(extra, n);
	return uri;
}

static inline int64_t
mkunit(const char *name, const char *kind, int64_t parent, const char *place)
{
	struct unit u;

	memset(&u, 0, sizeof(u));
	util_strlcpy(u.name, name, sizeof(u.name));
	util_strlcpy(u.kind, kind, sizeof(u.kind));
	util_strlcpy(u.place_code, place, sizeof(u.place_code));
	u.parent_id = parent;
	if (store_unit_add(st, &u) != STORE_OK)
		xdie("mkunit %s", name);
	return u.id;
}

/* A user with a role in unit (0: none) and region (NULL: none), the
 * password Passw0rd-test, and a new API token into tok. */
static inline int64_t
mkuser(const char *login, enum role role, int64_t unit, const char *region,
    char *tok)
{
	struct user	u;
	char		hash[AUTH_HASH_MAX];

	memset(&u, 0, sizeof(u));
	util_strlcpy(u.login, login, sizeof(u.login));
	util_strlcpy(u.name, login, sizeof(u.name));
	u.role = role;
	if (unit) {
		u.memb[u.nmemb].role = role;
		u.memb[u.nmemb++].unit_id = unit;
	}
	if (region) {
		u.memb[u.nmemb].role = role;
		util_strlcpy(u.memb[u.nmemb++].region, region, PLACE_CODE_MAX);
	}
	if (auth_hash_password("Passw0rd-test", hash) == -1 ||
	    store_user_add(st, &u, hash) != STORE_OK ||
	    store_token_new(st, u.id, "test", tok) != STORE_OK)
		xdie("mkuser %s", login);
	return u.id;
}

#endif
