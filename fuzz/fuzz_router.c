/*
 * The router (src/router.c: route matching, authentication, CSRF,
 * static files) and the request readers of src/req.c (query
 * arguments, cookies, :id parameters) with every GET handler's query
 * parsing behind them.  An input is
 *
 *   byte 0   bits 0-2 the method, bits 3-4 the caller (anonymous, the
 *            admin's or the viewer's bearer token, the admin's session
 *            cookie), bit 5 the session's CSRF token
 *   line 1   the request target, "path?key=val&key=val" (split the way
 *            libmicrohttpd splits it, without decoding)
 *   lines    headers "Name: value", at most REQ_KV_MAX
 *
 * run through router_dispatch inside a transaction that is rolled back.
 * Checked: a reply is set (a status or a file), a file served lies
 * under the web root, JSON replies parse, nothing answers 500.
 */
#include <limits.h>

#include "fuzz.h"
#include "fuzz_store.h"
#include "router.h"

/* r's query from the text after '?', split at '&' and '='. */
static void
fuzz_router_query(struct req *r, char *qs)
{
	char *amp, *eq;

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

/* Header lines of s into r (s is changed). */
static void
fuzz_router_headers(struct req *r, char *s)
{
	char *nl, *colon, *v;

	while (s && *s && r->nheaders < REQ_KV_MAX) {
		if ((nl = strchr(s, '\n')) != NULL)
			*nl++ = '\0';
		if ((colon = strchr(s, ':')) != NULL) {
			*colon = '\0';
			for (v = colon + 1; *v == ' '; v++)
				;
			r->headers[r->nheaders].key = s;
			r->headers[r->nheaders++].val = v;
		}
		s = nl;
	}
}

/* The readers of req.c on what the request holds. */
static void
fuzz_router_readers(struct req *r)
{
	const char	*v;
	int64_t		 n;
	size_t		 i;

	for (i = 0; i < r->nquery; i++) {
		(void)req_query(r, r->query[i].key);
		if (req_query_int(r, "limit", -5, 1000, 7, &n) == 0)
			FUZZ_CHECK(n == 7 || (n >= -5 && n <= 1000));
	}
	if ((v = req_cookie(r, SESSION_COOKIE)) != NULL)
		FUZZ_CHECK(strchr(v, ';') == NULL);
	(void)req_cookie(r, "x");
	for (i = 0; i < r->nparams; i++)
		if (req_param_id(r, r->params[i].key, &n) == 0)
			FUZZ_CHECK(n > 0);
	r->status = 0;		/* the readers' 400 is not the router's */
	r->resp = NULL;
	r->resplen = 0;
}

static void
fuzz_router_check(struct req *r)
{
	char		 root[PATH_MAX], file[PATH_MAX];
	json_t		*j;

	FUZZ_CHECK(r->status >= 100 && r->status < 600);
	FUZZ_CHECK(r->status != 500);
	if (r->file) {
		FUZZ_CHECK(realpath(conf.web_root, root) != NULL);
		FUZZ_CHECK(realpath(r->file, file) != NULL);
		FUZZ_CHECK(strncmp(file, root, strlen(root)) == 0 &&
		    file[strlen(root)] == '/');
	}
	if (r->resp && r->ctype && strstr(r->ctype, "json")) {
		j = json_loadb(r->resp, r->resplen, 0, NULL);
		FUZZ_CHECK(j != NULL);
		json_decref(j);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const methods[] = { "GET", "POST", "PATCH",
	    "DELETE", "HEAD", "OPTIONS", "PUT", "GET" };
	struct req	*r;
	char		*s, *target, *rest, *q;
	int		 who;

	if (len < 1)
		return 0;
	fuzz_store_init();
	s = fuzz_str(data + 1, len - 1);
	target = s;
	if ((rest = strchr(s, '\n')) != NULL)
		*rest++ = '\0';
	if ((q = strchr(target, '?')) != NULL)
		*q++ = '\0';
	r = req_fake(st, &conf, methods[data[0] & 7], target, NULL);
	r->in_tx = true;
	fuzz_router_query(r, q);
	fuzz_router_headers(r, rest);
	who = (data[0] >> 3) & 3;
	if (who == 1 || who == 2) {
		if (r->nheaders < REQ_KV_MAX) {
			r->headers[r->nheaders].key = "Authorization";
			r->headers[r->nheaders++].val = arena_strdup(r->pool,
			    bearer(fz.tok[who == 1 ? 0 : 3]));
		}
	} else if (who == 3 && r->nheaders + 1 < REQ_KV_MAX) {
		r->headers[r->nheaders].key = "Cookie";
		r->headers[r->nheaders++].val = arena_printf(r->pool,
		    "a=b; %s=%s", SESSION_COOKIE, fz.session);
		if (data[0] & 0x20) {
			r->headers[r->nheaders].key = "X-CSRF-Token";
			r->headers[r->nheaders++].val = fz.csrf;
		}
	}
	(void)router_body_max(r->method, r->path);
	if (store_begin(st, true) == -1)
		xdie("fuzz: begin");
	router_dispatch(r);
	fuzz_router_check(r);
	fuzz_router_readers(r);
	store_rollback(st);
	req_free(r);
	free(s);
	return 0;
}
