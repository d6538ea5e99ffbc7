/*
 * The JSON body of every write endpoint.  The routes are those of the
 * table (src/router.c) whose method is not GET, so a new endpoint is
 * fuzzed without a change here.  Per input:
 *
 *   byte 0   the route (index into the write routes)
 *   byte 1   bits 0-2 the :id (0-4 a fixture's row of that resource:
 *            ledgers and items of the five workflow kinds; 5-7 -1, a
 *            huge number, a word), bits 3-4 the user
 *            (admin, supervisor, reporter, viewer), bits 5-6 If-Match
 *            (none, 1, 2, 1000)
 *   rest     the body, as JSON text
 *
 * The handler runs through api_call_req inside a transaction that is
 * rolled back.  Findings: crashes, sanitizer reports, leaks, a reply
 * that is not JSON, a 500.  (The import handlers open transactions of
 * their own: under this one they stop at 503 after reading the body.)
 * FUZZ_VERBOSE=1 prints each call's route, user and status.
 */
#include "api_call.h"
#include "fuzz.h"
#include "fuzz_store.h"
#include "router.h"
#include "store_audit.h"

/* Fixture row k (0-4) for the :id of pattern p. */
static const char *
fuzz_api_write_id(const char *p, int k, char *buf, size_t sz)
{
	int64_t	v = 1;

	if (strncmp(p, "/api/v1/places/", 15) == 0)
		return "140881100202";
	if (strncmp(p, "/api/v1/units/", 14) == 0)
		v = k ? fz.unit_jtj : fz.unit_ng;
	else if (strncmp(p, "/api/v1/users/", 14) == 0)
		v = fz.user[k % 4].id;
	else if (strncmp(p, "/api/v1/ledgers/", 16) == 0)
		v = fz.ledger[k];
	else if (strncmp(p, "/api/v1/items/", 14) == 0)
		v = fz.item[k];
	else if (strncmp(p, "/api/v1/extensions/", 19) == 0)
		v = fz.extension;
	else if (strncmp(p, "/api/v1/imports/", 16) == 0)
		v = fz.import;
	snprintf(buf, sz, "%lld", (long long)v);
	return buf;
}

/* The write routes, from the table, once. */
static const struct route *
fuzz_api_write_route(unsigned k)
{
	static const struct route	*w[128];
	static size_t			 n;
	size_t				 i;

	if (n == 0)
		for (i = 0; i < routes_count && n < NELEM(w); i++)
			if (strcmp(routes[i].method, "GET") != 0)
				w[n++] = &routes[i];
	return w[k % n];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const odd[] = { "-1", "99999999999999999999",
	    "abc" };
	static const int64_t	 versions[] = { 0, 1, 2, 1000 };
	static unsigned		 runs;
	static int64_t		 audit0 = -1;
	const struct route	*rt;
	struct api_caller	 c;
	struct audit_filter	 f;
	struct req		*r;
	struct user		 u;
	const char		*id = NULL;
	char			*body, idbuf[32];
	json_t			*j;

	if (len < 2)
		return 0;
	fuzz_store_init();
	rt = fuzz_api_write_route(data[0]);
	if (strchr(rt->pattern, ':'))
		id = (data[1] & 7) < 5 ? fuzz_api_write_id(rt->pattern,
		    data[1] & 7, idbuf, sizeof(idbuf)) : odd[(data[1] & 7) - 5];
	memset(&c, 0, sizeof(c));
	c.store = st;
	u = fz.user[(data[1] >> 3) & 3];	/* a handler may change it */
	c.user = &u;
	c.actor.user_id = c.user->id;
	c.actor.name = c.user->login;
	c.actor.ip = "127.0.0.1";
	c.in_tx = true;
	body = fuzz_str(data + 2, len - 2);
	if (store_begin(st, true) == -1)
		xdie("fuzz: begin");
	r = api_call_req(&c, rt->method, rt->pattern, id, NULL, 0, body,
	    versions[(data[1] >> 5) & 3]);
	if (r != NULL) {
		FUZZ_CHECK(r->status >= 200 && r->status < 600);
		FUZZ_CHECK(r->status != 500);
		if (r->resp && r->ctype && strstr(r->ctype, "json")) {
			j = json_loadb(r->resp, r->resplen, 0, NULL);
			FUZZ_CHECK(j != NULL);
			json_decref(j);
		}
	}
	if (getenv("FUZZ_VERBOSE"))	/* what the corpus reaches */
		fprintf(stderr, "fuzz: %s %s as %s: %d\n", rt->method,
		    rt->pattern, u.login, r ? r->status : 403);
	req_free(r);
	store_rollback(st);
	free(body);
	/* now and then: the store is as it was (audit is append-only) */
	if (runs++ % 256 == 0) {
		memset(&f, 0, sizeof(f));
		if (audit0 == -1)
			audit0 = store_audit_count(st, &f);
		FUZZ_CHECK(store_audit_count(st, &f) == audit0);
	}
	return 0;
}
