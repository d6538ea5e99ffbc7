#include <string.h>

#include "item.h"
#include "util.h"

bool
item_fund_kind_valid(const char *k)
{
	static const char *const kinds[] = { "计划", "下达", "到位", "支付" };
	size_t i;

	for (i = 0; i < NELEM(kinds); i++)
		if (strcmp(k, kinds[i]) == 0)
			return true;
	return false;
}

int
item_split_shares(struct item *it)
{
	int64_t	given = 0, rest, each, rem;
	int	i, nfree = 0;

	for (i = 0; i < it->nplaces; i++) {
		if (it->places[i].share_given) {
			if (it->places[i].share_fen < 0)
				return -1;
			given += it->places[i].share_fen;
		} else
			nfree++;
	}
	if (given > it->amount_fen)
		return -1;
	if (nfree == 0)
		return it->nplaces == 0 || given == it->amount_fen ? 0 : -1;
	rest = it->amount_fen - given;
	each = rest / nfree;
	rem = rest % nfree;
	for (i = 0; i < it->nplaces; i++) {
		if (it->places[i].share_given)
			continue;
		it->places[i].share_fen = each + (rem > 0 ? 1 : 0);
		if (rem > 0)
			rem--;
	}
	return 0;
}
