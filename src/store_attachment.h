/*
 * Attachments of items (kept in the store, table attachment): the
 * file's bytes with its sanitised name, sniffed type, size and SHA-256.
 */
#ifndef STORE_ATTACHMENT_H
#define STORE_ATTACHMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "store.h"

#define ATTACHMENT_LIST_MAX	1000	/* listed per item */

struct attachment {
	int64_t		 id, item_id;
	int64_t		 update_id;	/* 0: none */
	const char	*name, *mime;
	int64_t		 size;
	char		 sha256[65];	/* lower-case hex */
	const void	*data;		/* NULL unless asked for */
	int64_t		 created_by;	/* 0: none */
	int64_t		 created_at;
};

/* Insert a (data, size and the rest given); sets id and created_at. */
enum store_rc	store_attachment_add(struct store *, struct attachment *);
/*
 * Read attachment id into a (strings in pool); with_data also copies its
 * bytes into the pool.  NOTFOUND if absent.
 */
enum store_rc	store_attachment_get(struct store *, struct arena *,
		    int64_t id, bool with_data, struct attachment *);
typedef int (*attachment_cb)(const struct attachment *, void *);
/* The attachments of item_id without data, oldest first (at most
 * ATTACHMENT_LIST_MAX); cb returns -1 to stop. */
enum store_rc	store_attachment_list(struct store *, struct arena *,
		    int64_t item_id, attachment_cb, void *);
enum store_rc	store_attachment_delete(struct store *, int64_t id);
/* Is update_id a progress update of item_id? */
bool		store_attachment_update_of(struct store *, int64_t update_id,
		    int64_t item_id);

#endif
