/* JSON forms shared by the handlers (api_common.c). */
#ifndef API_JSON_H
#define API_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "req.h"
#include "store_place.h"
#include "unit.h"
#include "user.h"

json_t	*json_user(const struct user *);
json_t	*json_unit(const struct unit *);
json_t	*json_place(const struct place *);
/* "2026-11-23T08:00:00Z", or null for 0. */
json_t	*json_time(int64_t);
json_t	*json_str_or_null(const char *);

/* The version in If-Match; replies 428/400 and returns -1 if absent or
 * bad. */
int	 api_if_match(struct req *, int64_t *);
/* ETag: "version" on the reply. */
void	 api_etag(struct req *, int64_t);

#endif
