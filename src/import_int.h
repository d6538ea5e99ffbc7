/*
 * What import.c, import_row.c and import_resolve.c share: the state of
 * one run and the problems it collects.
 */
#ifndef IMPORT_INT_H
#define IMPORT_INT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "import.h"
#include "place.h"

#define IMPORT_CANDIDATES	8
#define IMPORT_PROBLEMS_MAX	2000	/* listed in a report (all counted) */
#define IMPORT_DUP_MAX		3	/* duplicate warnings listed per row */

struct imp {
	const struct api_caller	*c;
	const struct ledger	*l;
	const struct sheet	*sh;
	const struct import_opts *o;
	struct arena		*a;
	struct sheetmap		 m;
	char			 within[PLACE_CODE_MAX];	/* places */
	json_t			*problems;
	json_t			*places;	/* text -> {"code"} or {"why",
						 * "candidates"} */
	json_t			*units;		/* name -> [{"id", "name",
						 * "place"}] */
	int			 rows, ok, errors, warnings, created, updated,
				 unchanged, skipped, totals;
	int			 row_errors;	/* of the current row */
	int64_t			 sub_fen, all_fen;	/* since the last
							 * 小计, and in all */
	struct imp_bulk		*bulk;		/* import_bulk.c */
};

/* One data row being turned into an item body. */
struct rowbody {
	int			 ri;		/* index into sh->rows */
	json_t			*body;		/* the item API's body */
	json_t			*custom;
	const char		*places, *town, *village, *lead, *co,
				*lead_person, *fund_source, *period;
	const struct sheetcol	*places_col, *lead_col, *co_col,
				*fund_col, *period_col;
	int64_t			 amount_fen;
	bool			 has_amount, any;
};

/* Record a problem of row ri (col NULL: the whole row). */
void	imp_problem(struct imp *, int ri, const struct sheetcol *col,
	    bool error, const char *reason, json_t *candidates);
/* The next name of a list "甲、乙,丙" at *cur (advanced), or NULL. */
char	*imp_token(struct imp *, const char **cur);
/* The column mapped to field, or NULL. */
const struct sheetcol *imp_col(const struct imp *, const char *field);

/* import_row.c: the cells of row ri into rb; problems recorded. */
void	imp_row_body(struct imp *, int ri, struct rowbody *rb);

/* The API's error reply j (NULL: none) as a problem of row ri. */
void	imp_api_error(struct imp *, int ri, int status, json_t *j);
/* Duplicate-construction warnings of row ri: the first IMPORT_DUP_MAX
 * of the n (of dup_check) in first. */
void	imp_warn_list(struct imp *, int ri, json_t *first, size_t n);

/* import_bulk.c: create rows without the handler's per-row overhead. */
void	imp_bulk_begin(struct imp *);
void	imp_bulk_create(struct imp *, int ri, json_t *body);
/* Before row ri updates an item: write the ledger's next number back
 * and drop the cached candidates. */
void	imp_bulk_forget(struct imp *, int ri);
void	imp_bulk_end(struct imp *);

/* import_resolve.c */
void	imp_units_load(struct imp *);
/* Resolve rb's place texts, unit names and fund source into its body. */
void	imp_resolve(struct imp *, struct rowbody *rb);

#endif
