/*
 * Importing a sheet into a ledger (import.c, import_row.c,
 * import_resolve.c, import_bulk.c): each data row becomes the JSON body
 * of the item API and goes through the API's own checks (a new item
 * through those of the create handler, api_item_new, then inserted in
 * bulk; an update through the PATCH handler), so that what is refused
 * and what is stored are the API's; every problem is reported with its
 * row, column letter, header, value and a Chinese reason.
 */
#ifndef IMPORT_H
#define IMPORT_H

#include <jansson.h>
#include <stdbool.h>

#include "api_call.h"
#include "sheet.h"
#include "sheetmap.h"

struct ledger;

struct import_opts {
	json_t		*mapping;	/* {"A": "title" | null} over the guess,
					 * or NULL */
	bool		 update;	/* rows whose key matches an item
					 * update it (only the changed fields) */
	const char	*key;		/* "seq" or "code" */
};

/*
 * Run the rows of sh into ledger l as caller c, which must hold a write
 * transaction (the caller commits it only when the report has no
 * errors, or rolls it back for a dry run).  Returns the report:
 *
 *   {"title", "header_rows": [first, last], "columns": [{"col", "index",
 *    "header", "field", "label", "unit"}], "targets": [{"field",
 *    "label"}], "update", "key", "report": {"rows", "ok", "errors",
 *    "warnings", "created", "updated", "unchanged", "skipped",
 *    "totals_checked", "problems": [{"row", "col", "header", "value",
 *    "level", "reason", "candidates"?}]}}
 *
 * or NULL with *why (valid until the thread's next call) when no header
 * can be found or the mapping is refused.
 */
json_t	*import_run(const struct api_caller *c, const struct ledger *l,
	    const struct sheet *sh, const struct import_opts *,
	    const char **why);

/*
 * For the annotated sheet (export_report): per row of sh the problems
 * of report rep joined with ";" ("C列:…"), whether one is an error, and
 * the index of the last header row.  In arena a.
 */
void	 import_notes(const struct sheet *sh, json_t *rep, struct arena *a,
	    const char ***notes, bool **is_error, int *header_last);

/*
 * Remember the columns of report rep (header -> field) as ledger's
 * mapping for the next sheet, inside the caller's transaction.
 */
int	 import_remember(struct store *, int64_t ledger, json_t *rep);

/* Options {"mapping", "update", "key"} from JSON; -1 and *why if bad. */
int	 import_opts_json(json_t *, struct import_opts *, const char **why);

#endif
