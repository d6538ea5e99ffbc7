/*
 * Running a route's handler from inside the server or the command line
 * (the importer, the demo, `taizhang item`): the same checks as over
 * HTTP, with no validation written twice.
 */
#ifndef API_CALL_H
#define API_CALL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "req.h"

struct api_caller {
	struct store		*store;
	struct user		*user;
	struct actor		 actor;
	bool			 in_tx;	/* the caller holds the transaction */
};

/*
 * Call the handler of route (method, pattern) with its parameter (:id,
 * :code) id (or NULL), query q[nq], body (JSON text or NULL) and, when
 * if_match > 0, an If-Match of that version.  The route's role is
 * checked first.
 * Returns the status; *out is the reply's JSON (the caller's to free)
 * or NULL.
 */
int	api_call(const struct api_caller *, const char *method,
	    const char *pattern, const char *id, const struct kv *q,
	    size_t nq, const char *body, int64_t if_match, json_t **out);

/* The same, returning the request with its reply (bytes, headers) for
 * the caller to req_free(); NULL if the user lacks the route's role. */
struct req *api_call_req(const struct api_caller *, const char *method,
	    const char *pattern, const char *id, const struct kv *q,
	    size_t nq, const char *body, int64_t if_match);

/*
 * A request of route (method, pattern) as the caller, for running a
 * handler's parts directly (the importer's api_item_new); NULL if the
 * user lacks the route's role.  The caller req_free()s it.
 */
struct req *api_call_new(const struct api_caller *, const char *method,
	    const char *pattern);

#endif
