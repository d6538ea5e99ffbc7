/* Units (单位): departments, towns, enterprises ... in a tree. */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdint.h>

#include "place.h"

#define UNIT_NAME_MAX	256
#define UNIT_DEPTH_MAX	64

struct unit {
	int64_t	id;
	int64_t	parent_id;			/* 0: a root */
	char	name[UNIT_NAME_MAX];
	char	kind[48];
	char	place_code[PLACE_CODE_MAX];	/* "": none */
	char	phone[32];
	int64_t	created_at, updated_at, version;
};

/* True if kind is one of the unit kinds (党政部门, 理事单位, ...). */
bool		 unit_kind_valid(const char *);
/* The kinds, NULL-terminated, for forms and the API description. */
extern const char *const unit_kinds[];

#endif
