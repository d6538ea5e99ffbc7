/*
 * The route table: method, pattern, handler, the role required.  A
 * reader finds where every request goes here.  The router also
 * authenticates (session cookie or API token), checks the CSRF header
 * on cookie-authenticated writes, and sends non-API paths to static.c.
 */
#ifndef ROUTER_H
#define ROUTER_H

#include "req.h"
#include "store.h"
#include "user.h"

struct route {
	const char	*method;
	const char	*pattern;	/* /api/v1/places/:code */
	int		 (*handler)(struct req *);
	enum role	 role;		/* ROLE_NONE: no login needed */
	const char	*tag;		/* OpenAPI grouping */
	const char	*summary;	/* Chinese, for the API description */
	size_t		 body_max;	/* 0: REQ_BODY_MAX */
};

extern const struct route	routes[];
extern const size_t		routes_count;

/* Handle r completely: on return r holds the reply (or r->file). */
void	router_dispatch(struct req *);
/* The largest body the route of method and path takes. */
size_t	router_body_max(const char *method, const char *path);
/* Resolve the caller from cookie or bearer token into r->user (NULL
 * if none); STORE_OK, or the store's failure when it could not tell. */
enum store_rc	router_authenticate(struct req *);

#define SESSION_COOKIE	"tz_session"

#endif
