/* Places in the store: lookup, children, search, old-area marks. */
#ifndef STORE_PLACE_H
#define STORE_PLACE_H

#include <stdint.h>

#include "place.h"
#include "store.h"

struct place {
	char	code[PLACE_CODE_MAX];
	char	name[PLACE_NAME_MAX];
	char	short_name[PLACE_NAME_MAX];
	int	level;
	char	parent[PLACE_CODE_MAX];
	char	old_area_class[96];
};

struct place_figure {
	int	year;
	int64_t	population, households, income_fen;	/* -1: unknown */
};

#define PLACE_SEARCH_MAX	50

/* Called for each place of a listing; return -1 to stop. */
typedef int (*place_cb)(const struct place *, void *);

enum store_rc	store_place_get(struct store *, const char *code, struct place *);
int64_t		store_place_child_count(struct store *, const char *code);
/* Children of code in code order; NULL or "" lists the provinces. */
enum store_rc	store_place_children(struct store *, const char *code,
		    place_cb, void *);
/*
 * Search by name inside region `within` ("" for all), optionally at one
 * level (0 any): exact short or core name first, then names that start
 * with it, then names that contain it; "虞乡镇新源村" is read as town
 * plus village.  At most `limit` (<= PLACE_SEARCH_MAX) places, no
 * duplicates.  *n receives the count.
 */
enum store_rc	store_place_search(struct store *, const char *q,
		    const char *within, int level, int limit,
		    struct place *out, int *n);
/* Insert or update one place of the gazetteer (inside a transaction). */
enum store_rc	store_place_upsert(struct store *, const char *code,
		    const char *name, int level, const char *parent);

/* A row of the gazetteer to load; parent NULL for none. */
struct place_row {
	const char	*code, *name, *parent;
	int		 level;
};
/*
 * Load the gazetteer (inside a transaction): into an empty table in
 * bulk (indexes made afterwards, COPY where the engine has it), else
 * row by row as store_place_upsert; then keep the counts by level for
 * store_place_counts.  On failure *bad is the index of the row that
 * failed, or n when none did.
 */
enum store_rc	store_place_load(struct store *, const struct place_row *,
		    size_t n, size_t *bad);
enum store_rc	store_place_set_class(struct store *, const char *code,
		    const char *cls);
enum store_rc	store_place_figure_set(struct store *, const char *code,
		    const struct place_figure *);
/* Up to max figures of a place, by year; *n the count. */
enum store_rc	store_place_figures(struct store *, const char *code,
		    struct place_figure *, int max, int *n);
/* counts[level] for levels 1..5 (counts[0] is the total): those kept
 * by the last load, or counted when there are none. */
enum store_rc	store_place_counts(struct store *, int64_t counts[6]);

#endif
