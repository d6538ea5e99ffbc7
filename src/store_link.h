/*
 * Links between items (table item_link): satisfies (need → project),
 * forwarded (suggestion → task), rectifies (problem → task), continues
 * (project → project).
 */
#ifndef STORE_LINK_H
#define STORE_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"
#include "store_ledger.h"

struct link_row {
	int64_t		 id;
	const char	*kind;
	bool		 out;		/* from this item to the other */
	int64_t		 item_id, ledger_id;	/* the other item */
	const char	*title, *state;
};

/* Link from → to of kind; sets *id.  CONFLICT if it exists already. */
enum store_rc	store_link_add(struct store *, int64_t from, int64_t to,
		    const char *kind, int64_t by, int64_t *id);
typedef int (*link_cb)(const struct link_row *, void *);
/*
 * The links of item id, both ways, oldest first, whose other item v may
 * see (strings in pool); cb returns -1 to stop.
 */
enum store_rc	store_link_list(struct store *, struct arena *,
		    const struct viewer *, int64_t id, link_cb, void *);

#endif
