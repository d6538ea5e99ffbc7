/* Units in the store. */
#ifndef STORE_UNIT_H
#define STORE_UNIT_H

#include <stddef.h>

#include "store.h"
#include "unit.h"

enum store_rc	store_unit_get(struct store *, int64_t id, struct unit *);
/* Insert u; u->id and u->version are set. */
enum store_rc	store_unit_add(struct store *, struct unit *);
/* Update u if its version is still u->version: STORE_STALE if not. */
enum store_rc	store_unit_update(struct store *, struct unit *);
/* Delete if version matches; CONFLICT if it has children or members. */
enum store_rc	store_unit_delete(struct store *, int64_t id, int64_t version);
typedef int (*unit_cb)(const struct unit *, void *);
enum store_rc	store_unit_list(struct store *, unit_cb, void *);
/* The unit and its ancestors, nearest first, into out[max]; *n count. */
enum store_rc	store_unit_chain(struct store *, int64_t id, int64_t *out,
		    size_t max, size_t *n);
/* Another unit with this name under the same parent? */
bool		store_unit_name_taken(struct store *, const char *name,
		    int64_t parent, int64_t self);
int64_t		store_unit_count(struct store *);

#endif
