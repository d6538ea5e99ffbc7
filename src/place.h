/*
 * Places (区划): the official division codes and names.  Pure logic, no
 * I/O.  Levels: 1 province (2 digits), 2 city (4), 3 county (6),
 * 4 town (9), 5 village (12); an ancestor's code prefixes its
 * descendants' codes.
 */
#ifndef PLACE_H
#define PLACE_H

#include <stdbool.h>
#include <stddef.h>

#define PLACE_CODE_MAX	13	/* 12 digits and NUL */
#define PLACE_NAME_MAX	192

enum place_level {
	PLACE_NONE = 0,
	PLACE_PROVINCE,
	PLACE_CITY,
	PLACE_COUNTY,
	PLACE_TOWN,
	PLACE_VILLAGE
};

/* The level of a code by its length, PLACE_NONE if not a code. */
enum place_level place_level_of(const char *code);
/* Chinese name of a level ("省级" ...), or "" for PLACE_NONE. */
const char	*place_level_name(enum place_level);
/* Level from an English word ("county"), PLACE_NONE if unknown. */
enum place_level place_level_parse(const char *);
/* Length of codes of a level. */
size_t		 place_code_len(enum place_level);

/*
 * Normalise a user's code into out: digits only, and the padded
 * 12-digit form (140881000000) cut to its real length (140881).
 * Returns -1 if it is not a code.
 */
int		 place_code_norm(const char *in, char out[PLACE_CODE_MAX]);
/* The parent's code of a code into out; -1 for a province. */
int		 place_code_parent(const char *code, char out[PLACE_CODE_MAX]);
/* True if place `code` lies in region `prefix` (or is it). */
bool		 place_in_region(const char *code, const char *prefix);
/*
 * The half-open code range [lo, hi) covering a region prefix; the
 * empty prefix covers all.  lo and hi need PLACE_CODE_MAX bytes.
 */
void		 place_code_range(const char *prefix, char *lo, char *hi);

/*
 * Names.  The short name drops the committee suffix (新源村委会 ->
 * 新源村, 多福巷社区居委会 -> 多福巷社区); the core name also drops
 * the kind (新源村 -> 新源, 虞乡镇 -> 虞乡).  Queries are normalised
 * the same way, so 新源, 新源村 and 新源村委会 meet.
 */
void		 place_short_name(const char *name, char *out, size_t);
void		 place_core_name(const char *name, char *out, size_t);
/*
 * Split a query such as 虞乡镇新源村 after the first kind suffix that is
 * not at its end: head 虞乡镇, tail 新源村.  Returns false if there is
 * no such split.  `from` lets the caller try later splits (0 first,
 * then the returned *next).
 */
bool		 place_split(const char *q, size_t from, char *head, char *tail,
		    size_t sz, size_t *next);

#endif
