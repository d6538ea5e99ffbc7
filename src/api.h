/* The handlers, one file per resource (api_<resource>.c). */
#ifndef API_H
#define API_H

#include "req.h"

/* api_session.c */
int	api_session_create(struct req *);
int	api_session_delete(struct req *);
int	api_me_get(struct req *);
int	api_me_password(struct req *);
/* api_places.c */
int	api_places_list(struct req *);
int	api_place_get(struct req *);
int	api_place_patch(struct req *);
/* api_units.c */
int	api_units_list(struct req *);
int	api_unit_create(struct req *);
int	api_unit_get(struct req *);
int	api_unit_patch(struct req *);
int	api_unit_delete(struct req *);
/* api_users.c */
int	api_users_list(struct req *);
int	api_user_create(struct req *);
int	api_user_get(struct req *);
int	api_user_patch(struct req *);
/* api_audit.c */
int	api_audit_list(struct req *);
/* api_ledgers.c */
int	api_ledger_templates(struct req *);
int	api_ledgers_list(struct req *);
int	api_ledger_create(struct req *);
int	api_ledger_get(struct req *);
int	api_ledger_patch(struct req *);
/* api_items.c */
int	api_items_list(struct req *);
int	api_item_create(struct req *);
int	api_item_get(struct req *);
int	api_item_patch(struct req *);
/* api_progress.c: transitions, updates, timeline, urge, extensions, inbox */
int	api_item_transition(struct req *);
int	api_item_updates_list(struct req *);
int	api_item_update_create(struct req *);
int	api_item_timeline(struct req *);
int	api_item_urge(struct req *);
int	api_item_extensions_list(struct req *);
int	api_item_extension_create(struct req *);
int	api_extension_decide(struct req *);
int	api_me_inbox(struct req *);
/* api_attachments.c, api_links.c */
int	api_attachment_upload(struct req *);
int	api_attachments_list(struct req *);
int	api_attachment_get(struct req *);
int	api_attachment_delete(struct req *);
int	api_item_to_project(struct req *);
int	api_item_forward(struct req *);
int	api_item_rectify(struct req *);
int	api_link_create(struct req *);
int	api_links_list(struct req *);
/* api_export.c */
int	api_ledger_export(struct req *);
int	api_ledger_template(struct req *);
/* api_stats.c */
int	api_stats(struct req *);
int	api_ledger_duplicates(struct req *);
/* api_home.c */
int	api_status(struct req *);
int	api_home_page(struct req *);
/* openapi.c */
int	api_openapi(struct req *);

/* Write transactions with their audit row, for the handlers. */
int	api_begin(struct req *);
/* Audit the write and commit; on failure reply and return -1. */
int	api_commit(struct req *, const char *action, const char *entity,
	    const char *id, json_t *before, json_t *after);
void	api_rollback(struct req *);

/* Content-Disposition: attachment with name (RFC 5987 for non-ASCII),
 * in arena a (api_attachments.c). */
struct arena;
char	*api_disposition(struct arena *, const char *name);

/* api_imports.c */
int	api_import_create(struct req *);
int	api_import_get(struct req *);
int	api_import_patch(struct req *);
int	api_import_commit(struct req *);
int	api_import_report(struct req *);

#endif
