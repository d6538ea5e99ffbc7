/*
 * One HTTP request and its reply, independent of the HTTP library:
 * http.c fills it from libmicrohttpd and sends the reply; tests fill it
 * by hand (req_fake) and read the reply.  Everything a request
 * allocates lives in r->pool and dies with it.
 */
#ifndef REQ_H
#define REQ_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth.h"
#include "store_audit.h"
#include "user.h"

#define REQ_BODY_MAX	(1024 * 1024)	/* JSON bodies */
#define REQ_JSON_DEPTH	32
#define REQ_KV_MAX	64		/* headers, query arguments */
#define REQ_PARAM_MAX	4		/* :params of a route */

struct kv {
	const char	*key;
	const char	*val;
};

struct server_conf {
	const char	*web_root;	/* static files, e.g. web/dist */
	int64_t		 session_ttl;	/* seconds */
	int		 login_max_fail;	/* per login or address */
	int64_t		 login_window;	/* seconds */
	bool		 secure_cookie;	/* add Secure to the cookie */
	bool		 trust_proxy;	/* client address from X-Forwarded-For */
};

struct req {
	/* the request */
	const char		*method;
	const char		*path;		/* decoded, no query */
	struct kv		 query[REQ_KV_MAX];
	size_t			 nquery;
	struct kv		 headers[REQ_KV_MAX];
	size_t			 nheaders;
	const char		*body;
	size_t			 bodylen;
	bool			 body_too_big;
	const char		*ip;
	struct arena		*pool;
	struct store		*store;
	const struct server_conf *conf;
	/* filled by the router */
	struct kv		 params[REQ_PARAM_MAX];
	size_t			 nparams;
	struct user		*user;		/* NULL: anonymous */
	bool			 via_cookie;
	char			 session_token[AUTH_TOKEN_LEN + 1];
	char			 csrf[AUTH_TOKEN_LEN + 1];
	struct actor		 actor;
	/* the caller holds the transaction (a command-line batch):
	 * api_begin, api_commit and api_rollback leave it to the caller */
	bool			 in_tx;
	/* the reply */
	int			 status;
	const char		*ctype;
	char			*resp;		/* in pool */
	size_t			 resplen;
	struct kv		 resp_headers[8];
	size_t			 nresp_headers;
	const char		*file;		/* send this file instead */
	bool			 api;		/* under /api: no-store */
};

/* A request built by hand (tests): caller sets fields after. */
struct req	*req_fake(struct store *, const struct server_conf *,
		    const char *method, const char *path, const char *body);
void		 req_free(struct req *);

/* Case-insensitive header lookup; NULL if absent. */
const char	*req_header(const struct req *, const char *);
const char	*req_query(const struct req *, const char *);
const char	*req_param(const struct req *, const char *);
/* The value of a cookie, copied into the pool; NULL if absent. */
const char	*req_cookie(const struct req *, const char *);
/* :name parameter as an id > 0; -1 if absent or not a number. */
int		 req_param_id(const struct req *, const char *, int64_t *);
/* Query argument as an integer in [lo, hi], or def if absent; -1 on junk
 * (after replying 400 naming the argument). */
int		 req_query_int(struct req *, const char *, int64_t lo,
		    int64_t hi, int64_t def, int64_t *);
void		 req_add_header(struct req *, const char *, const char *);

/*
 * Parse the body as a JSON object into *out (owned by the pool).  On
 * failure replies 400/413/415 with a Chinese message and returns -1.
 */
int		 req_json_body(struct req *, json_t **out);

/*
 * Field readers for a JSON object.  On a bad value they reply 400 with
 * the field named and return -1; label is the field's Chinese name.
 * Absent (or null) optional fields leave *out as it was and return 0.
 */
int		 req_str(struct req *, json_t *, const char *key,
		    const char *label, size_t maxchars, bool required,
		    const char **out);
int		 req_int(struct req *, json_t *, const char *key,
		    const char *label, int64_t lo, int64_t hi, bool required,
		    int64_t *out, bool *present);
int		 req_bool(struct req *, json_t *, const char *key,
		    const char *label, bool *out, bool *present);

/* Replies: each sets the status and body and returns 0. */
int		 reply_json(struct req *, int status, json_t *);	/* steals */
int		 reply_error(struct req *, int status, const char *code,
		    const char *message);
int		 reply_error_field(struct req *, int status, const char *code,
		    const char *message, const char *field);
int		 reply_text(struct req *, int status, const char *ctype,
		    const char *body, size_t len);
int		 reply_store_error(struct req *, int rc);
/* Drop a reference to j when the request ends. */
void		 req_json_keep(struct req *, json_t *);
/* Serialise j to a string in the pool. */
char		*req_json_dump(struct req *, json_t *);

#endif
