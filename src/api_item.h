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
/*
 * What the create checks looked up, for many calls over one ledger, one
 * role and one caller (the importer): the scope of api_item_may, the
 * names of places and units.  Zero it before the first call, free it
 * with api_item_memo_free.
 */
struct api_item_memo {
	int		 ledger;	/* 0 unknown, 1 covers, -1 not */
	size_t		 nunits;
	int64_t		 units[256];
	bool		 ok[256];
	json_t		*places;	/* code -> name or null */
	json_t		*unit_names;	/* "id" -> name or null */
};
void		 api_item_memo_free(struct api_item_memo *);
/* api_item_may, remembering in m (or not, when NULL) what it learns. */
bool		 api_item_may_memo(struct req *, const struct ledger *,
		    const struct item *, enum role, struct api_item_memo *m);
/*
 * The create handler's checks: body (a JSON object) into a new item of
 * ledger l, with the ledger's defaults, its dictionaries and required
 * fields, the state, and the caller's scope as a supervisor (m as in
 * api_item_memo).  Replies 400/403 and returns -1 on the first
 * problem; strings of it live in r's pool or in body.
 */
int		 api_item_new(struct req *, const struct ledger *l,
		    json_t *body, struct item *it, struct api_item_memo *m);
/* Reply the failure rc of store_item_add(it): 409 for a taken seq. */
int		 api_item_add_error(struct req *, const struct item *it,
		    enum store_rc rc);
/*
 * May the caller see the item's personal information (phones, ID
 * numbers) in full: admins, and supervisors and reporters whose scope
 * covers it (pii.h)?  No caller (r or its user NULL): yes.
 */
bool		 api_item_pii_full(struct req *, const struct ledger *,
		    const struct item *);
/* The JSON of an item (with today's light), its personal information
 * masked unless api_item_pii_full. */
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
