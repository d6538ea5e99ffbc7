/*
 * One sheet row into the body of the item API: each mapped cell read as
 * its field expects (value.h), places and units kept as text for
 * import_resolve.c.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "import_int.h"
#include "ledger.h"
#include "money.h"
#include "util.h"
#include "value.h"

/* Plain text fields and their length caps (as api_items.c). */
static const struct {
	const char	*field;
	size_t		 max;
} text_fields[] = {
	{ "title", 300 }, { "code", 60 }, { "content", 5000 },
	{ "category", 60 }, { "leader", 60 }, { "responsible", 60 },
	{ "progress_text", 1000 }, { "state", 10 },
};

static const char *const count_fields[] = {
	"households", "persons", "poor_households", "monitored_households",
};

/* The text of a cell as the user sees it, cleaned; "" when empty. */
static const char *
imp_text(struct imp *im, const struct sheet_cell *cell)
{
	char d[16];

	if (cell->type == CELL_DATE) {
		date_fmt(cell->day, d, sizeof(d));
		return arena_strdup(im->a, d);
	}
	/* a CSV export's guard against formulas: '=1+1 is =1+1 */
	if (cell->text[0] == '\'' && strchr("=+-@\t\r", cell->text[1]) &&
	    cell->text[1] != '\0')
		return value_clean(im->a, cell->text + 1);
	return value_clean(im->a, cell->text);
}

static void
imp_bad(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const char *why)
{
	imp_problem(im, rb->ri, col, true, why, NULL);
}

static void
imp_set_day(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const char *key, const struct sheet_cell *cell, bool end)
{
	int32_t		 day;
	const char	*why;
	char		 d[16];

	if (value_date(cell, end, &day, &why) == -1)
		return imp_bad(im, rb, col, why);
	date_fmt(day, d, sizeof(d));
	json_object_set_new(rb->body, key, json_string(d));
}

/* A percentage: 80, "80%", or 0.8 from a cell formatted as percent. */
static void
imp_progress(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const struct sheet_cell *cell, const char *text)
{
	int64_t		 n;
	const char	*why;

	char		*end;
	double		 f;

	f = strtod(text, &end);
	if (cell->type == CELL_NUMBER && cell->num > 0 && cell->num < 1) {
		n = llround(cell->num * 100);
	} else if (*end == '\0' && end != text && f > 0 && f < 1) {
		/* 0.5 from a percent cell written as text */
		n = llround(f * 100);
	} else if (value_count(text, &n, &why) == -1) {
		return imp_bad(im, rb, col, arena_printf(im->a,
		    "进度应为0到100之间的数,「%s」无法识别", text));
	}
	if (n < 0 || n > 100)
		return imp_bad(im, rb, col, arena_printf(im->a,
		    "进度应在0到100之间,而不是%lld", (long long)n));
	json_object_set_new(rb->body, "progress", json_integer(n));
}

static void
imp_amount(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const char *text)
{
	int64_t		 fen;
	bool		 approx = false;
	const char	*why;
	char		 y[32], src[64];

	if (value_amount(text, col->unit_fen, &fen, &approx, &why) == -1) {
		/* 资金来源及规模 in one cell: the source, then the amount */
		if (value_fund(text, col->unit_fen, src, sizeof(src), &fen,
		    &approx, &why) == -1 || *src == '\0')
			return imp_bad(im, rb, col, why);
		if (rb->fund_source == NULL) {
			rb->fund_source = arena_strdup(im->a, src);
			rb->fund_col = col;
		}
	}
	if (approx) {
		money_fmt_yuan(fen, y, sizeof(y));
		imp_problem(im, rb->ri, col, false, arena_printf(im->a,
		    "金额「%s」是约数,按%s元导入", text, y), NULL);
	}
	money_fmt_yuan(fen, y, sizeof(y));
	json_object_set_new(rb->body, "amount", json_string(y));
	rb->amount_fen = fen;
	rb->has_amount = true;
}

/* The custom field key of ledger l, or NULL. */
static json_t *
imp_custom_field(const struct ledger *l, const char *key)
{
	json_t	*f;
	size_t	 i;

	json_array_foreach(json_object_get(l->config, "custom"), i, f)
		if (strcmp(json_string_value(json_object_get(f, "key")),
		    key) == 0)
			return f;
	return NULL;
}

static bool
imp_custom_is(const struct ledger *l, const char *key, const char *type)
{
	json_t *f = imp_custom_field(l, key);

	return f && strcmp(json_string_value(json_object_get(f, "type")),
	    type) == 0;
}

static void
imp_custom(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const struct sheet_cell *cell, const char *text)
{
	const char	*key = col->field + strlen("custom:"), *type, *why;
	json_t		*f = imp_custom_field(im->l, key), *arr;
	int64_t		 fen;
	int32_t		 day;
	bool		 b, approx;
	char		 buf[32], *tok;

	if (f == NULL)
		return;
	type = json_string_value(json_object_get(f, "type"));
	if (strcmp(type, "number") == 0) {
		if (cell->type == CELL_NUMBER)
			json_object_set_new(rb->custom, key, json_real(cell->num));
		else {
			int64_t n;

			if (value_count(text, &n, &why) == -1)
				return imp_bad(im, rb, col, why);
			json_object_set_new(rb->custom, key, json_integer(n));
		}
	} else if (strcmp(type, "money") == 0) {
		if (value_amount(text, col->unit_fen, &fen, &approx,
		    &why) == -1)
			return imp_bad(im, rb, col, why);
		money_fmt_yuan(fen, buf, sizeof(buf));
		json_object_set_new(rb->custom, key, json_string(buf));
	} else if (strcmp(type, "date") == 0) {
		if (value_date(cell, false, &day, &why) == -1)
			return imp_bad(im, rb, col, why);
		date_fmt(day, buf, sizeof(buf));
		json_object_set_new(rb->custom, key, json_string(buf));
	} else if (strcmp(type, "yesno") == 0) {
		if (value_yesno(text, &b, &why) == -1)
			return imp_bad(im, rb, col, why);
		json_object_set_new(rb->custom, key, json_boolean(b));
	} else if (strcmp(type, "multichoice") == 0) {
		const char *cur = text;

		arr = json_array();
		while ((tok = imp_token(im, &cur)) != NULL)
			json_array_append_new(arr, json_string(tok));
		json_object_set_new(rb->custom, key, arr);
	} else if (strcmp(type, "unit") == 0) {
		/* unit names are resolved with the lead unit's rules */
		json_object_set_new(rb->custom, key, json_string(text));
	} else
		json_object_set_new(rb->custom, key, json_string(text));
}

static void
imp_cell(struct imp *im, struct rowbody *rb, const struct sheetcol *col,
    const struct sheet_cell *cell)
{
	const char	*f = col->field, *text, *why;
	char		 phone[40];
	int64_t		 n;
	size_t		 i;

	text = imp_text(im, cell);
	if (*text == '\0')
		return;
	if (value_blank(text) && !(strncmp(f, "custom:", 7) == 0 &&
	    imp_custom_is(im->l, f + 7, "yesno")))
		return;
	rb->any = true;
	for (i = 0; i < NELEM(text_fields); i++)
		if (strcmp(f, text_fields[i].field) == 0) {
			if (util_utf8_len(text, strlen(text)) >
			    text_fields[i].max)
				return imp_bad(im, rb, col, arena_printf(im->a,
				    "内容超过%zu个字", text_fields[i].max));
			json_object_set_new(rb->body, f, json_string(text));
			return;
		}
	for (i = 0; i < NELEM(count_fields); i++)
		if (strcmp(f, count_fields[i]) == 0) {
			json_t *ben = json_object_get(rb->body, "beneficiaries");

			if (value_count(text, &n, &why) == -1)
				return imp_bad(im, rb, col, why);
			if (ben == NULL) {
				ben = json_object();
				json_object_set_new(rb->body, "beneficiaries", ben);
			}
			json_object_set_new(ben, f, json_integer(n));
			return;
		}
	if (strcmp(f, "seq") == 0) {
		if (value_count(text, &n, &why) == -1 || n < 1)
			return imp_bad(im, rb, col, arena_printf(im->a,
			    "序号应为正整数,而不是「%s」", text));
		json_object_set_new(rb->body, "seq", json_integer(n));
	} else if (strcmp(f, "leader_phone") == 0 ||
	    strcmp(f, "responsible_phone") == 0) {
		if (value_phone(text, phone, sizeof(phone), &why) == -1)
			return imp_bad(im, rb, col, why);
		json_object_set_new(rb->body, f, json_string(phone));
	} else if (strcmp(f, "start") == 0)
		imp_set_day(im, rb, col, "start", cell, false);
	else if (strcmp(f, "deadline") == 0)
		imp_set_day(im, rb, col, "deadline", cell, true);
	else if (strcmp(f, "completed") == 0)
		imp_set_day(im, rb, col, "completed", cell, false);
	else if (strcmp(f, "progress") == 0)
		imp_progress(im, rb, col, cell, text);
	else if (strcmp(f, "amount") == 0)
		imp_amount(im, rb, col, text);
	else if (strcmp(f, "places") == 0) {
		rb->places = text;
		rb->places_col = col;
	} else if (strcmp(f, "town") == 0) {
		rb->town = text;
		rb->places_col = rb->places_col ? rb->places_col : col;
	} else if (strcmp(f, "village") == 0) {
		rb->village = text;
		rb->places_col = col;
	} else if (strcmp(f, "lead_unit") == 0) {
		rb->lead = text;
		rb->lead_col = col;
	} else if (strcmp(f, "lead_and_person") == 0) {
		rb->lead_person = text;
		rb->lead_col = col;
	} else if (strcmp(f, "co_units") == 0) {
		rb->co = text;
		rb->co_col = col;
	} else if (strcmp(f, "fund_source") == 0) {
		rb->fund_source = text;
		rb->fund_col = col;
	} else if (strcmp(f, "period") == 0) {
		rb->period = text;
		rb->period_col = col;
	} else if (strncmp(f, "custom:", 7) == 0)
		imp_custom(im, rb, col, cell, text);
}

/* 实施期限 "2022年4月至12月": the start and deadline, unless given. */
static void
imp_period(struct imp *im, struct rowbody *rb)
{
	const char	*why;
	int32_t		 s, e;
	char		 d[16];

	if (value_period(rb->period, &s, &e, &why) == -1)
		return imp_bad(im, rb, rb->period_col, why);
	if (!json_object_get(rb->body, "start")) {
		date_fmt(s, d, sizeof(d));
		json_object_set_new(rb->body, "start", json_string(d));
	}
	if (!json_object_get(rb->body, "deadline")) {
		date_fmt(e, d, sizeof(d));
		json_object_set_new(rb->body, "deadline", json_string(d));
	}
}

void
imp_row_body(struct imp *im, int ri, struct rowbody *rb)
{
	const struct sheet_row	*row = &im->sh->rows[ri];
	const struct sheet_cell	*cell;
	int			 i;

	memset(rb, 0, sizeof(*rb));
	rb->ri = ri;
	rb->body = json_object();
	rb->custom = json_object();
	for (i = 0; i < im->m.ncols; i++) {
		const struct sheetcol *col = &im->m.cols[i];

		if (col->field == NULL ||
		    (cell = sheet_cell(row, col->col)) == NULL ||
		    cell->type == CELL_EMPTY)
			continue;
		imp_cell(im, rb, col, cell);
	}
	if (rb->period)
		imp_period(im, rb);
	if (json_object_size(rb->custom) > 0)
		json_object_set(rb->body, "custom", rb->custom);
}
