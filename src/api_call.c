/* A route's handler called in-process (api_call.h). */
#include <stdio.h>
#include <string.h>

#include "api_call.h"
#include "arena.h"
#include "router.h"
#include "util.h"

/* The route (method, pattern), or NULL if c's user lacks its role. */
static const struct route *
api_call_route(const struct api_caller *c, const char *method,
    const char *pattern)
{
	const struct route	*rt = NULL;
	size_t			 i;

	for (i = 0; i < routes_count && rt == NULL; i++)
		if (strcmp(routes[i].method, method) == 0 &&
		    strcmp(routes[i].pattern, pattern) == 0)
			rt = &routes[i];
	if (rt == NULL)
		xdie("no route %s %s", method, pattern);
	if (user_max_role(c->user) < rt->role)
		return NULL;
	return rt;
}

struct req *
api_call_new(const struct api_caller *c, const char *method,
    const char *pattern)
{
	static const struct server_conf	 conf;
	struct req			*r;

	if (api_call_route(c, method, pattern) == NULL)
		return NULL;
	r = req_fake(c->store, &conf, method, pattern, NULL);
	r->api = true;
	r->in_tx = c->in_tx;
	r->user = c->user;
	r->actor = c->actor;
	return r;
}

struct req *
api_call_req(const struct api_caller *c, const char *method,
    const char *pattern, const char *id, const struct kv *q, size_t nq,
    const char *body, int64_t if_match)
{
	static const struct server_conf	 conf;
	const struct route		*rt;
	struct req			*r;
	const char			*p;
	size_t				 i;

	if ((rt = api_call_route(c, method, pattern)) == NULL)
		return NULL;
	r = req_fake(c->store, &conf, method, pattern, body);
	r->api = true;
	r->in_tx = c->in_tx;
	r->user = c->user;
	r->actor = c->actor;
	/* the parameter takes the pattern's name (:id, :code): a handler
	 * reads it by that name */
	if (id && (p = strchr(rt->pattern, ':')) != NULL) {
		r->params[0].key = arena_strndup(r->pool, p + 1,
		    strcspn(p + 1, "/"));
		r->params[0].val = id;
		r->nparams = 1;
	}
	for (i = 0; i < nq && i < REQ_KV_MAX; i++)
		r->query[r->nquery++] = q[i];
	if (if_match > 0 && r->nheaders < REQ_KV_MAX) {
		r->headers[r->nheaders].key = "If-Match";
		r->headers[r->nheaders++].val = arena_printf(r->pool, "\"%lld\"",
		    (long long)if_match);
	}
	rt->handler(r);
	if (r->status == 0)
		r->status = 500;
	return r;
}

int
api_call(const struct api_caller *c, const char *method, const char *pattern,
    const char *id, const struct kv *q, size_t nq, const char *body,
    int64_t if_match, json_t **out)
{
	struct req	*r;
	int		 status;

	*out = NULL;
	if ((r = api_call_req(c, method, pattern, id, q, nq, body,
	    if_match)) == NULL) {
		*out = json_pack("{s:{s:s, s:s}}", "error", "code", "forbidden",
		    "message", "没有权限执行此操作");
		return 403;
	}
	status = r->status;
	if (r->resp)
		*out = json_loadb(r->resp, r->resplen, 0, NULL);
	req_free(r);
	return status;
}
