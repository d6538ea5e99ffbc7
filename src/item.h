/*
 * Items (事项) of a ledger, with their places, units, money lines,
 * performance targets and custom values.  Strings and arrays live in
 * the arena given to the store functions that fill an item.
 */
#ifndef ITEM_H
#define ITEM_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "date.h"
#include "place.h"

#define ITEM_PLACES_MAX		200
#define ITEM_UNITS_MAX		50
#define ITEM_FUNDS_MAX		200
#define ITEM_TARGETS_MAX	100

struct item_place {
	char		 code[PLACE_CODE_MAX];
	const char	*name;		/* filled by the store */
	int64_t		 share_fen;
	bool		 share_given;
	const char	*detail;	/* 组, 自然村, a site */
};

struct item_unitref {
	int64_t		 id;
	const char	*name;
};

struct fund_line {
	const char	*source;	/* 中央财政 ... */
	int64_t		 unit_id;	/* 0: none */
	const char	*kind;		/* 计划 下达 到位 支付 */
	int64_t		 amount_fen;
	int32_t		 day;		/* DATE_NONE: none */
	const char	*doc_no;
	char		 place_code[PLACE_CODE_MAX];
};

struct item_target {
	const char	*level1, *level2, *indicator, *op, *target, *actual,
			*unit;
};

struct item {
	int64_t			 id, ledger_id, seq;
	const char		*code, *title, *content, *category, *state;
	bool			 done;
	struct item_unitref	 lead;		/* id 0: none */
	const char		*leader, *leader_phone;
	const char		*responsible, *responsible_phone;
	int32_t			 start, deadline, completed;	/* DATE_NONE */
	int			 progress;
	const char		*progress_text;
	int64_t			 amount_fen, paid_fen;
	int64_t			 households, persons, poor_households,
				 monitored_households;		/* -1: none */
	json_t			*custom;	/* object or NULL; borrowed */
	int			 nplaces, nco, nfunds, ntargets;
	struct item_place	*places;
	struct item_unitref	*co;
	struct fund_line	*funds;
	struct item_target	*targets;
	int64_t			 created_by, updated_by;
	int64_t			 created_at, updated_at, version;
};

/* Money kinds and fund sources. */
bool	item_fund_kind_valid(const char *);
/*
 * Split amount over the places: those with share_given keep theirs, the
 * rest share what is left evenly (the remainder fen by fen from the
 * first).  -1 if the given shares exceed the amount or, when all are
 * given, do not add up to it.
 */
int	item_split_shares(struct item *);

#endif
