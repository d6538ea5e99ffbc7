/*
 * Masking personal information (SPEC §2, 个人信息保护法): phones and
 * ID numbers are shown in full only to those who work on an item
 * (admins, supervisors and reporters whose scope covers it, decided by
 * api_item_pii_full); everybody else gets them masked, in item JSON,
 * lists and exports alike:
 *
 *   phones       13812345678 -> 138****5678 (first 3, last 4 kept)
 *   ID numbers   142301199001011234 -> 1423**********1234
 *
 * A phone field is masked whole; in other text (the content, the
 * progress text, custom text fields), every
 * run that is a mobile number (11 digits from 1) or an ID number (17
 * digits and a digit or X) is masked in place.
 */
#ifndef PII_H
#define PII_H

#include <jansson.h>
#include <stdbool.h>

struct arena;
struct item;
struct ledger;

/* A phone field's value masked (NULL stays NULL). */
const char	*pii_mask_phone(struct arena *, const char *);
/* Mobile and ID numbers inside s masked; s itself when it has none. */
const char	*pii_mask_text(struct arena *, const char *);
/* Is custom field fd (of a ledger's config) a phone or ID number? */
bool		 pii_field(const json_t *fd);
/*
 * Mask it's phones, content, progress text and custom fields (a new
 * object, freed with the arena) in place; l gives the custom fields'
 * names and types.
 */
void		 pii_item_mask(struct arena *, struct item *,
		    const struct ledger *);

#endif
