/*
 * Duplicate construction (避免重复建设): a project or need whose village
 * already has a project or need of the same category in an overlapping
 * period, or a near-identical title there.
 */
#ifndef DUP_H
#define DUP_H

#include <jansson.h>

#include "arena.h"
#include "item.h"
#include "store.h"

struct viewer;

/*
 * The warnings for it (already stored or not: it->id 0 for none), as a
 * JSON array of {"item_id", "ledger_id", "title", "place", "reason"},
 * or NULL when there are none.  Only items v may see are named: a
 * warning must not reveal another county's or unit's work.
 */
json_t	*dup_check(struct store *, struct arena *, const struct viewer *,
	    const struct item *);

#endif
