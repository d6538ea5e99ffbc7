/*
 * Duplicate construction (避免重复建设): a project or need whose village
 * already has a project or need of the same category in an overlapping
 * period, or a near-identical title there.
 */
#ifndef DUP_H
#define DUP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "item.h"
#include "store.h"

#define DUP_CAND_MAX	500	/* candidates read per village */
#define DUP_WARN_MAX	100	/* warnings per item */

struct dup_item;
struct viewer;

/*
 * The warnings for it (already stored or not: it->id 0 for none), as a
 * JSON array of {"item_id", "ledger_id", "title", "place", "reason"},
 * or NULL when there are none.  Only items v may see are named: a
 * warning must not reveal another county's or unit's work.
 */
json_t	*dup_check(struct store *, struct arena *, const struct viewer *,
	    const struct item *);

/* Is state one whose items take part (not 退库, 终止, 不予支持)? */
bool	 dup_state_live(const char *state);

/*
 * An item prepared for many comparisons (the importer): its period and
 * its title's normalised code points and sorted bigrams, computed once.
 */
struct dup_title {
	uint32_t	*cp;
	uint64_t	*bg;
	size_t		 ncp, nbg;
	uint64_t	 hash;		/* of the code points */
	uint64_t	 sig[4];	/* a bit per bigram (hashed) */
	bool		 some;		/* false: no title */
};
struct dup_prep {
	int32_t		 from, to;	/* the period */
	int		 cat;		/* the caller's number for the
					 * category: 0 none or "" */
	struct dup_title t;
};

/* Prepare it (its strings are not copied) into p, in arena a; the
 * caller sets p->cat (equal numbers for equal categories). */
void	 dup_prep(struct arena *a, const struct dup_item *it,
	    struct dup_prep *p);
/* dup_reason (store_stats.h) of two prepared items, the categories
 * compared by their numbers. */
const char *dup_reason_prep(const struct dup_prep *, const struct dup_prep *);
/* dup_title_similar of two prepared titles. */
bool	 dup_title_similar_prep(const struct dup_title *,
	    const struct dup_title *);

#endif
