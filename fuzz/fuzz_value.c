/*
 * The value parsers (src/value.c, value_date.c, date.c, money.c): the
 * first byte picks the parser and its flags, the rest is the text.
 * Checked: results within the documented ranges, reasons valid UTF-8,
 * outputs terminated within their buffers, round trips.
 */
#include "arena.h"
#include "date.h"
#include "fuzz.h"
#include "money.h"
#include "value.h"

static void
fuzz_value_why(int rc, const char *why)
{
	if (rc == 0)
		return;
	FUZZ_CHECK(rc == -1);
	FUZZ_CHECK(why != NULL && why[0] != '\0');
	FUZZ_CHECK(util_utf8_valid(why, strlen(why)));
}

static void
fuzz_value_day(int32_t day)
{
	char	 s[16];
	int32_t	 back;

	FUZZ_CHECK(day >= date_from_ymd(1900, 1, 1) &&
	    day <= date_from_ymd(2200, 12, 31));
	date_fmt(day, s, sizeof(s));
	FUZZ_CHECK(date_parse(s, &back) == 0 && back == day);
}

static const int64_t fuzz_value_units[] = { 0, FEN_PER_YUAN, FEN_PER_WAN,
    FEN_PER_YI, 1000 * FEN_PER_YUAN, 100 * FEN_PER_WAN };

/* A cell of type t for value_date: numbers from the text. */
static void
fuzz_value_cell(const char *s, int t, bool end)
{
	struct sheet_cell	 c;
	const char		*why = NULL;
	int32_t			 day = 0;
	int			 rc;

	/* the readers give cells of valid UTF-8 only (sheet.h) */
	if (!util_utf8_valid(s, strlen(s)))
		return;
	memset(&c, 0, sizeof(c));
	c.text = s;
	c.type = t == 0 ? CELL_STRING : t == 1 ? CELL_NUMBER : CELL_DATE;
	c.num = strtod(s, NULL);
	if (c.type == CELL_DATE && sheet_serial_day(c.num, t == 3, &c.day) ==
	    -1)
		return;
	rc = value_date(&c, end, &day, &why);
	fuzz_value_why(rc, why);
	if (rc == 0)
		fuzz_value_day(day);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct arena	*a;
	const char	*why = NULL;
	char		*s, out[64], src[64], *t;
	int64_t		 fen = -1, n = -1, unit;
	int32_t		 d1 = 0, d2 = 0;
	bool		 approx, b, end;
	int		 rc, k;

	if (len < 1)
		return 0;
	s = fuzz_str(data + 1, len - 1);
	unit = fuzz_value_units[(data[0] >> 4) % NELEM(fuzz_value_units)];
	end = data[0] & 0x80;
	switch (data[0] % 14) {
	case 0:
		rc = value_amount(s, unit, &fen, &approx, &why);
		fuzz_value_why(rc, why);
		if (rc == 0)
			FUZZ_CHECK(fen >= 0 && fen <= VALUE_FEN_MAX);
		break;
	case 1:
		rc = value_fund(s, unit, src, sizeof(src), &fen, &approx, &why);
		fuzz_value_why(rc, why);
		if (rc == 0) {
			FUZZ_CHECK(fen >= 0 && fen <= VALUE_FEN_MAX);
			FUZZ_CHECK(memchr(src, '\0', sizeof(src)) != NULL);
		}
		break;
	case 2:
		rc = value_date_text(s, end, &d1, &why);
		fuzz_value_why(rc, why);
		if (rc == 0)
			fuzz_value_day(d1);
		break;
	case 3:
		rc = value_period(s, &d1, &d2, &why);
		fuzz_value_why(rc, why);
		if (rc == 0) {
			fuzz_value_day(d1);
			fuzz_value_day(d2);
			FUZZ_CHECK(d1 <= d2);
		}
		break;
	case 4:
		rc = value_count(s, &n, &why);
		fuzz_value_why(rc, why);
		if (rc == 0)
			FUZZ_CHECK(n >= 0);
		break;
	case 5:
		/* a small buffer now and then, to reach "too small" */
		k = (data[0] & 0x40) ? 14 : (int)sizeof(out);
		rc = value_phone(s, out, (size_t)k, &why);
		fuzz_value_why(rc, why);
		if (rc == 0)
			FUZZ_CHECK(memchr(out, '\0', (size_t)k) != NULL &&
			    util_utf8_valid(out, strlen(out)));
		break;
	case 6:
		fuzz_value_why(value_yesno(s, &b, &why), why);
		break;
	case 7:
		(void)value_blank(s);
		(void)value_unit_of(s);
		break;
	case 8:
		a = arena_new();
		t = value_clean(a, s);
		FUZZ_CHECK(t != NULL && util_utf8_valid(t, strlen(t)));
		arena_free(a);
		break;
	case 9:
		k = (data[0] & 0x40) ? 8 : (int)sizeof(out);
		rc = value_fold(s, end, out, (size_t)k);
		FUZZ_CHECK(memchr(out, '\0', (size_t)k) != NULL);
		if (rc >= 0)
			FUZZ_CHECK((size_t)rc == strlen(out) && rc < k &&
			    util_utf8_valid(out, strlen(out)));
		else
			FUZZ_CHECK(rc == -1);
		break;
	case 10:
	case 11:
		fuzz_value_cell(s, (data[0] >> 4) & 3, end);
		break;
	case 12:
		if (date_parse(s, &d1) == 0)
			fuzz_value_day(d1);
		break;
	case 13:
		if (money_parse_yuan(s, &fen) == 0) {
			FUZZ_CHECK(fen >= 0 || s[0] == '-');
			money_fmt_yuan(fen, out, sizeof(out));
			FUZZ_CHECK(money_parse_yuan(out, &n) == 0 && n == fen);
		}
		break;
	}
	free(s);
	return 0;
}
