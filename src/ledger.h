/*
 * Ledgers (台账): a kind, built-in columns, custom fields, required
 * fields and dictionaries, kept as a JSON config:
 *
 *   {"columns": ["seq", "title", ...],        built-in fields shown, in order
 *    "required": ["title", "places", ...],    built-in fields required
 *    "custom": [{"key", "name", "type", "dict"?, "required"?}],
 *    "dicts": {"category": [...], "fund_source": [...], NAME: [...]}}
 *
 * Custom field types: text number money date choice multichoice place
 * unit person yesno.  Pure logic on jansson values, no I/O.
 */
#ifndef LEDGER_H
#define LEDGER_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "place.h"
#include "workflow.h"

struct ledger {
	int64_t			id;
	char			name[256];
	enum ledger_kind	kind;
	char			template_key[32];
	int			year;			/* 0: none */
	int64_t			owner_unit_id;		/* 0: none */
	char			region[PLACE_CODE_MAX];	/* "": none */
	json_t			*config;		/* owned */
	int			warn_days, lag_points;
	int64_t			created_at, updated_at, version;
};

struct ledger_template {
	const char		*key;
	const char		*name;		/* 帮扶项目台账 */
	enum ledger_kind	 kind;
	const char		*config;	/* JSON text */
};

extern const struct ledger_template	ledger_templates[];
extern const int			ledger_ntemplates;

const struct ledger_template *ledger_template_find(const char *key);
/* The Chinese label of a built-in field ("title" -> 名称), or NULL if
 * the key is not a built-in field. */
const char	*ledger_field_label(const char *key);
/* A new config for kind (the template's if key is given). */
json_t		*ledger_config_default(enum ledger_kind, const char *tmpl);
/*
 * Check a config given by a user; NULL if valid, else a Chinese reason
 * (static text or in msg).
 */
const char	*ledger_config_invalid(json_t *cfg, char *msg, size_t);
bool		 ledger_required(const struct ledger *, const char *key);
/* The dictionary NAME of the ledger (an array), or NULL. */
json_t		*ledger_dict(const struct ledger *, const char *name);
/* Is value in dictionary name (true if the ledger has no such dict)? */
bool		 ledger_dict_has(const struct ledger *, const char *name,
		    const char *value);
/*
 * Check the custom values of an item against the ledger's custom
 * fields: types, dictionaries, required.  NULL if valid, else a Chinese
 * reason in msg and the field's key in *field.
 */
const char	*ledger_custom_invalid(const struct ledger *, json_t *custom,
		    char *msg, size_t, const char **field);
void		 ledger_free(struct ledger *);

#endif
