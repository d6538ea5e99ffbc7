/*
 * Import jobs in the store (table import_job): an uploaded sheet with
 * the options chosen for it and its last report, both JSON text.
 */
#ifndef STORE_IMPORT_H
#define STORE_IMPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"

struct import_job {
	int64_t		 id, ledger_id, user_id;
	const char	*file_name;
	int64_t		 size;
	char		 sha256[65];
	const void	*data;		/* NULL unless asked for */
	const char	*options, *report, *state;
	int64_t		 created_at, updated_at;
};

/* A user's unfinished jobs (not committed) kept at the most: each
 * upload removes the oldest beyond, so no user fills the disk. */
#define IMPORT_OPEN_MAX	10
/* Insert j (data, size and the rest given); sets id and the times and
 * removes j's user's unfinished jobs beyond the IMPORT_OPEN_MAX newest. */
enum store_rc	store_import_add(struct store *, struct import_job *);
/* Read job id (strings in pool); with_data copies the file's bytes. */
enum store_rc	store_import_get(struct store *, struct arena *, int64_t id,
		    bool with_data, struct import_job *);
/* Store j's options, report and state. */
enum store_rc	store_import_update(struct store *, struct import_job *);
/* The mapping last committed into ledger: {"header": "field" | null}. */
json_t		*store_import_mapping(struct store *, int64_t ledger);
/* Remember header -> field (NULL: left out) for ledger. */
enum store_rc	store_import_map_set(struct store *, int64_t ledger,
		    const char *header, const char *field);
/* The item of ledger with this seq or code: 0 if none, -1 if the code
 * is on several items. */
int64_t		store_item_by_seq(struct store *, int64_t ledger, int64_t seq);
int64_t		store_item_by_code(struct store *, int64_t ledger,
		    const char *code);
/* cb(seq, arg) for the number of each item of ledger. */
enum store_rc	store_item_seqs(struct store *, int64_t ledger,
		    void (*cb)(int64_t, void *), void *arg);

#endif
