#include <stdbool.h>
#include <stdio.h>

#include "money.h"

int
money_parse_yuan(const char *s, int64_t *fen)
{
	int64_t	whole = 0, frac = 0;
	int	nd = 0, nf = 0;
	bool	neg = false;

	if (*s == '-') {
		neg = true;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++, nd++) {
		if (whole > (INT64_MAX / 100 - 9) / 10)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nf++) {
			if (nf >= 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (nf == 0)
			return -1;
	}
	if (*s != '\0' || nd == 0)
		return -1;
	if (nf == 1)
		frac *= 10;
	*fen = whole * 100 + frac;
	if (neg)
		*fen = -*fen;
	return 0;
}

void
money_fmt_yuan(int64_t fen, char *out, size_t sz)
{
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;

	snprintf(out, sz, "%s%llu.%02llu", fen < 0 ? "-" : "",
	    (unsigned long long)(a / 100), (unsigned long long)(a % 100));
}
