/*
 * What handlers of items share (api_items.c): loading an item the
 * caller may see, checking what the caller may do to it, its JSON.
 */
#ifndef API_ITEM_H
#define API_ITEM_H

#include <jansson.h>

#include "item.h"
#include "ledger.h"
#include "light.h"
#include "req.h"
#include "store_ledger.h"

/* The caller as a viewer for scoped queries. */
struct viewer	 api_viewer(const struct req *);
/*
 * Load the item of the :id parameter with its ledger (l->config freed
 * with the request).  Replies 400/404 (also for items outside the
 * caller's scope: their existence is not revealed) and returns -1.
 */
int		 api_item_load(struct req *, struct item *, enum light *,
		    struct ledger *);
/* The same for an item id given directly. */
int		 api_item_load_id(struct req *, int64_t id, struct item *,
		    enum light *, struct ledger *);
/*
 * May the caller act with role on item it of ledger l: a membership of
 * that role covering one of its places, one of its units, or the
 * ledger's region or owner unit?
 */
bool		 api_item_may(struct req *, const struct ledger *,
		    const struct item *, enum role);
/* The JSON of an item (with today's light). */
json_t		*json_item(struct req *, const struct item *, enum light,
		    const struct ledger *);
/* "15234.50" for fen. */
json_t		*json_money(int64_t fen);
/* "2025-06-30" or null. */
json_t		*json_day(int32_t day);
/* Read a date field "YYYY-MM-DD" (or null to clear); replies 400. */
int		 req_day(struct req *, json_t *, const char *key,
		    const char *label, int32_t *out, bool *present);
/* Read a money field, a decimal string in 元; replies 400. */
int		 req_money(struct req *, json_t *, const char *key,
		    const char *label, int64_t *out, bool *present);
/* The list filters of the query string; replies 400 on a bad one. */
int		 api_item_filter(struct req *, struct item_filter *);
/* Audit a write to an item and commit (api_commit with entity item). */
int		 api_item_commit(struct req *, const char *action,
		    int64_t id, json_t *before, json_t *after);

#endif
