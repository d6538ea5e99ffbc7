/*
 * The import run: map the columns, turn each data row into an item
 * body (import_row.c, import_resolve.c), create it through the create
 * handler's checks in bulk (import_bulk.c) or update it through the
 * PATCH handler, inside the caller's transaction, check 小计/合计 rows
 * against their rows, and report every problem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "import_int.h"
#include "ledger.h"
#include "money.h"
#include "store_import.h"
#include "util.h"
#include "value.h"

/* Targets a column may be mapped to, besides custom fields. */
static const char *const targets[] = {
	"seq", "code", "title", "content", "category", "state", "places",
	"town", "village", "lead_unit", "lead_and_person", "co_units",
	"leader", "leader_phone", "responsible", "responsible_phone", "start",
	"deadline", "period", "completed", "progress", "progress_text",
	"amount", "fund_source", "households", "persons", "poor_households",
	"monitored_households",
};

/* Which column an API error's field came from. */
static const struct {
	const char *api, *field;
} api_fields[] = {
	{ "places", "places" }, { "places", "village" }, { "places", "town" },
	{ "lead_unit_id", "lead_unit" }, { "lead_unit_id", "lead_and_person" },
	{ "co_unit_ids", "co_units" }, { "funds", "fund_source" },
	{ "source", "fund_source" }, { "start", "period" },
	{ "deadline", "period" }, { "beneficiaries", "households" },
};

static bool
imp_target_valid(const struct ledger *l, const char *f)
{
	json_t	*cf;
	size_t	 i;

	for (i = 0; i < NELEM(targets); i++)
		if (strcmp(targets[i], f) == 0)
			return true;
	if (strncmp(f, "custom:", 7) != 0)
		return false;
	json_array_foreach(json_object_get(l->config, "custom"), i, cf)
		if (strcmp(json_string_value(json_object_get(cf, "key")),
		    f + 7) == 0)
			return true;
	return false;
}

int
import_opts_json(json_t *j, struct import_opts *o, const char **why)
{
	json_t		*m = json_object_get(j, "mapping"), *v;
	const char	*k;

	memset(o, 0, sizeof(*o));
	o->key = "seq";
	if (m && !json_is_null(m)) {
		if (!json_is_object(m))
			return *why = "「列对应关系」应为对象,如 {\"A\": \"title\"}", -1;
		json_object_foreach(m, k, v)
			if (!json_is_null(v) && !json_is_string(v))
				return *why = "「列对应关系」的值应为字段名或 null",
				    -1;
		o->mapping = m;
	}
	if ((v = json_object_get(j, "update")) && !json_is_null(v)) {
		if (!json_is_boolean(v))
			return *why = "「更新已有事项」应为 true 或 false", -1;
		o->update = json_is_true(v);
	}
	if ((v = json_object_get(j, "key")) && !json_is_null(v)) {
		if (!json_is_string(v) || (strcmp(json_string_value(v),
		    "seq") != 0 && strcmp(json_string_value(v), "code") != 0))
			return *why = "「匹配依据」应为 seq(序号)或 code(编号)",
			    -1;
		o->key = json_string_value(v);
	}
	return 0;
}

const struct sheetcol *
imp_col(const struct imp *im, const char *field)
{
	int i;

	for (i = 0; i < im->m.ncols; i++)
		if (im->m.cols[i].field && strcmp(im->m.cols[i].field,
		    field) == 0)
			return &im->m.cols[i];
	return NULL;
}

char *
imp_token(struct imp *im, const char **cur)
{
	static const char *const seps[] = { "、", "，", "；", "／", ",", ";",
	    "/", " ", "\n", "\t" };
	const char	*p = *cur, *best;
	size_t		 i, blen, n;

	/* skip leading separators */
	for (;;) {
		for (i = 0; i < NELEM(seps); i++)
			if (strncmp(p, seps[i], strlen(seps[i])) == 0)
				break;
		if (i == NELEM(seps))
			break;
		p += strlen(seps[i]);
	}
	if (*p == '\0')
		return *cur = p, NULL;
	best = p + strlen(p);
	blen = 0;
	for (i = 0; i < NELEM(seps); i++) {
		const char *q = strstr(p, seps[i]);

		if (q && q < best) {
			best = q;
			blen = strlen(seps[i]);
		}
	}
	n = (size_t)(best - p);
	*cur = best + blen;
	return arena_strndup(im->a, p, n);
}

void
imp_problem(struct imp *im, int ri, const struct sheetcol *col, bool error,
    const char *reason, json_t *candidates)
{
	const struct sheet_cell	*cell = NULL;
	json_t			*p;
	char			 letter[8] = "";

	if (col) {
		sheet_col_name(col->col, letter, sizeof(letter));
		cell = sheet_cell(&im->sh->rows[ri], col->col);
	}
	if (error) {
		im->errors++;
		im->row_errors++;
	} else
		im->warnings++;
	if (json_array_size(im->problems) >= IMPORT_PROBLEMS_MAX) {
		json_decref(candidates);
		return;
	}
	p = json_pack("{s:i, s:s, s:s, s:s, s:s, s:s}", "row",
	    im->sh->rows[ri].row, "col", letter, "header",
	    col && col->header ? col->header : "", "value",
	    cell ? cell->text : "", "level", error ? "error" : "warning",
	    "reason", reason);
	if (candidates)
		json_object_set_new(p, "candidates", candidates);
	json_array_append_new(im->problems, p);
}

/* Apply the user's mapping over the guess: {"A": "title", "C": null}. */
static int
imp_mapping(struct imp *im, const char **why)
{
	const char	*k;
	json_t		*v;
	char		 letter[8];
	int		 i;
	bool		 found;

	json_object_foreach(im->o->mapping, k, v) {
		found = false;
		for (i = 0; i < im->m.ncols; i++) {
			sheet_col_name(im->m.cols[i].col, letter, sizeof(letter));
			if (strcmp(letter, k) != 0)
				continue;
			found = true;
			if (json_is_null(v) || *json_string_value(v) == '\0')
				im->m.cols[i].field = NULL;
			else if (!imp_target_valid(im->l, json_string_value(v)))
				return *why = arena_printf(im->a,
				    "第%s列不能对应到「%s」:本台账没有这个字段", k,
				    json_string_value(v)), -1;
			else
				im->m.cols[i].field = arena_strdup(im->a,
				    json_string_value(v));
		}
		if (!found)
			return *why = arena_printf(im->a,
			    "表头中没有第%s列", k), -1;
	}
	/* two columns may not feed one field */
	for (i = 0; i < im->m.ncols; i++)
		for (int j = i + 1; j < im->m.ncols; j++)
			if (im->m.cols[i].field && im->m.cols[j].field &&
			    strcmp(im->m.cols[i].field, im->m.cols[j].field) ==
			    0) {
				char a[8], b[8];

				sheet_col_name(im->m.cols[i].col, a, sizeof(a));
				sheet_col_name(im->m.cols[j].col, b, sizeof(b));
				return *why = arena_printf(im->a,
				    "第%s列和第%s列都对应到「%s」,请只保留一列", a, b,
				    sheetmap_label(im->m.cols[i].field, im->l)), -1;
			}
	return 0;
}

/* The mapping last committed into the ledger, by header text. */
static void
imp_saved(struct imp *im)
{
	json_t	*m = store_import_mapping(im->c->store, im->l->id), *v;
	int	 i;

	for (i = 0; i < im->m.ncols; i++) {
		struct sheetcol *c = &im->m.cols[i];

		if (c->header == NULL || (v = json_object_get(m,
		    c->header)) == NULL)
			continue;
		if (json_is_null(v))
			c->field = NULL;
		else if (imp_target_valid(im->l, json_string_value(v)))
			c->field = arena_strdup(im->a, json_string_value(v));
	}
	json_decref(m);
}

int
import_remember(struct store *st, int64_t ledger, json_t *rep)
{
	json_t		*c;
	const char	*h;
	size_t		 i;

	json_array_foreach(json_object_get(rep, "columns"), i, c) {
		h = json_string_value(json_object_get(c, "header"));
		if (h == NULL || *h == '\0')
			continue;
		if (store_import_map_set(st, ledger, h, json_string_value(
		    json_object_get(c, "field"))) != STORE_OK)
			return -1;
	}
	return 0;
}

/* A 小计 or 合计 row: its amount against the rows above it. */
static void
imp_total(struct imp *im, int ri)
{
	const struct sheetcol	*col = imp_col(im, "amount");
	const struct sheet_cell	*cell;
	const char		*text, *why, *label;
	int64_t			 fen, want;
	bool			 approx, sub;
	char			 a[32], b[32];

	im->skipped++;
	if (col == NULL || (cell = sheet_cell(&im->sh->rows[ri],
	    col->col)) == NULL || cell->type == CELL_EMPTY)
		return;
	text = value_clean(im->a, cell->text);
	sub = false;
	for (int i = 0; i < im->sh->rows[ri].ncells && i < 4; i++)
		if (strstr(im->sh->rows[ri].cells[i].text, "小计"))
			sub = true;
	want = sub ? im->sub_fen : im->all_fen;
	label = sub ? "小计" : "合计";
	if (sub)
		im->sub_fen = 0;
	im->totals++;
	if (value_amount(text, col->unit_fen, &fen, &approx, &why) == -1)
		return imp_problem(im, ri, col, false, arena_printf(im->a,
		    "%s行的金额无法识别:%s", label, why), NULL);
	if (fen != want) {
		money_fmt_yuan(fen, a, sizeof(a));
		money_fmt_yuan(want, b, sizeof(b));
		imp_problem(im, ri, col, false, arena_printf(im->a,
		    "%s行金额%s元与上面各行之和%s元不符", label, a, b), NULL);
	}
}

/* The API's error of reply j as a problem on the column it names. */
void
imp_api_error(struct imp *im, int ri, int status, json_t *j)
{
	json_t		*e = json_object_get(j, "error");
	const char	*msg = json_string_value(json_object_get(e, "message"));
	const char	*field = json_string_value(json_object_get(e, "field"));
	const struct sheetcol *col = NULL;
	size_t		 i;

	if (field) {
		if ((col = imp_col(im, field)) == NULL)
			col = imp_col(im, arena_printf(im->a, "custom:%s",
			    field));
		for (i = 0; i < NELEM(api_fields) && col == NULL; i++)
			if (strcmp(api_fields[i].api, field) == 0)
				col = imp_col(im, api_fields[i].field);
		if (col == NULL && strcmp(field, "lead_unit_id") == 0)
			col = imp_col(im, "lead_unit");
	}
	if (msg == NULL)
		msg = arena_printf(im->a, "保存失败(HTTP %d)", status);
	imp_problem(im, ri, col, true, msg, NULL);
}

void
imp_warn_list(struct imp *im, int ri, json_t *first, size_t n)
{
	json_t		*o;
	size_t		 i, shown = n > IMPORT_DUP_MAX ? IMPORT_DUP_MAX + 1 : n;
	const char	*m;

	if (json_array_size(im->problems) >= IMPORT_PROBLEMS_MAX) {
		/* counted, not listed: no message to build */
		im->warnings += (int)shown;
		return;
	}
	for (i = 0; i < n; i++) {
		if (i == IMPORT_DUP_MAX) {
			imp_problem(im, ri, imp_col(im, "places"), false,
			    arena_printf(im->a, "另有%zu个已有项目可能与本行重复建设",
			    n - i), NULL);
			break;
		}
		o = json_array_get(first, i);
		m = json_string_value(json_object_get(o, "reason"));
		imp_problem(im, ri, imp_col(im, "places"), false, arena_printf(
		    im->a, "可能与已有项目「%s」重复建设%s%s",
		    json_string_value(json_object_get(o, "title")), m ? ":" :
		    "", m ? m : ""), json_pack("[O]", o));
	}
}

/* Duplicate-construction warnings of a saved item. */
static void
imp_warnings(struct imp *im, int ri, json_t *j)
{
	json_t *w = json_object_get(j, "warnings");

	imp_warn_list(im, ri, w, json_array_size(w));
}

/* Has field k of body the value it has in the item's JSON cur? */
static bool
imp_same(const char *k, json_t *v, json_t *cur)
{
	json_t	*c = json_object_get(cur, k), *x, *y;
	size_t	 i;
	const char *sk;

	if (strcmp(k, "places") == 0) {
		if (json_array_size(v) != json_array_size(c))
			return false;
		json_array_foreach(v, i, x)
			if (!json_equal(x, json_object_get(json_array_get(c, i),
			    "code")))
				return false;
		return true;
	}
	if (strcmp(k, "lead_unit_id") == 0)
		return json_equal(v, json_object_get(json_object_get(cur,
		    "lead_unit"), "id"));
	if (strcmp(k, "co_unit_ids") == 0) {
		c = json_object_get(cur, "co_units");
		if (json_array_size(v) != json_array_size(c))
			return false;
		json_array_foreach(v, i, x)
			if (!json_equal(x, json_object_get(json_array_get(c, i),
			    "id")))
				return false;
		return true;
	}
	if (strcmp(k, "funds") == 0) {
		if (json_array_size(v) != json_array_size(c))
			return false;
		json_array_foreach(v, i, x) {
			y = json_array_get(c, i);
			if (!json_equal(json_object_get(x, "source"),
			    json_object_get(y, "source")) ||
			    !json_equal(json_object_get(x, "amount"),
			    json_object_get(y, "amount")))
				return false;
		}
		return true;
	}
	if (strcmp(k, "beneficiaries") == 0 || strcmp(k, "custom") == 0) {
		json_object_foreach(v, sk, x)
			if (!json_equal(x, json_object_get(c, sk)))
				return false;
		return true;
	}
	return json_equal(v, c);
}

/* Update item id with the fields of body that differ from it. */
static void
imp_update(struct imp *im, int ri, int64_t id, json_t *body)
{
	json_t		*cur = NULL, *patch, *v, *out = NULL, *merged;
	const char	*k;
	char		 ids[24];
	int		 status;

	snprintf(ids, sizeof(ids), "%lld", (long long)id);
	status = api_call(im->c, "GET", "/api/v1/items/:id", ids, NULL, 0,
	    NULL, 0, &cur);
	if (status != 200) {
		imp_api_error(im, ri, status, cur);
		json_decref(cur);
		return;
	}
	patch = json_object();
	json_object_foreach(body, k, v) {
		if (imp_same(k, v, cur))
			continue;
		if (strcmp(k, "state") == 0) {
			imp_problem(im, ri, imp_col(im, "state"), false,
			    "状态须通过办理操作改变,导入时未更改", NULL);
			continue;
		}
		if (strcmp(k, "custom") == 0 || strcmp(k, "beneficiaries") == 0) {
			/* the API replaces these objects whole */
			merged = json_deep_copy(json_object_get(cur, k));
			if (!json_is_object(merged)) {
				json_decref(merged);
				merged = json_object();
			}
			json_object_update(merged, v);
			json_object_set_new(patch, k, merged);
			continue;
		}
		json_object_set(patch, k, v);
	}
	if (json_object_size(patch) == 0) {
		im->unchanged++;
		im->ok++;
	} else {
		char *text = json_dumps(patch, JSON_COMPACT);

		status = api_call(im->c, "PATCH", "/api/v1/items/:id", ids, NULL,
		    0, text, json_integer_value(json_object_get(cur, "version")),
		    &out);
		free(text);
		if (status == 200) {
			im->updated++;
			im->ok++;
			imp_warnings(im, ri, out);
		} else
			imp_api_error(im, ri, status, out);
	}
	json_decref(out);
	json_decref(patch);
	json_decref(cur);
}

/* The existing item a row names by its key, 0 for a new one. */
static int64_t
imp_existing(struct imp *im, int ri, json_t *body)
{
	json_t	*k;
	int64_t	 id;

	if (!im->o->update)
		return 0;
	if (strcmp(im->o->key, "code") == 0) {
		if ((k = json_object_get(body, "code")) == NULL)
			return 0;
		id = store_item_by_code(im->c->store, im->l->id,
		    json_string_value(k));
		if (id == -1) {
			imp_problem(im, ri, imp_col(im, "code"), true,
			    "本台账有多个事项使用这个编号,无法确定更新哪一个", NULL);
			return -1;
		}
		return id;
	}
	if ((k = json_object_get(body, "seq")) == NULL)
		return 0;
	return store_item_by_seq(im->c->store, im->l->id,
	    json_integer_value(k));
}

static void
imp_data_row(struct imp *im, int ri)
{
	struct rowbody	rb;
	int64_t		id;

	im->row_errors = 0;
	imp_row_body(im, ri, &rb);
	if (!rb.any) {
		json_decref(rb.body);
		json_decref(rb.custom);
		return;
	}
	im->rows++;
	imp_resolve(im, &rb);
	if (rb.has_amount) {
		im->sub_fen += rb.amount_fen;
		im->all_fen += rb.amount_fen;
	}
	if (im->row_errors == 0) {
		if ((id = imp_existing(im, ri, rb.body)) > 0) {
			imp_bulk_forget(im, ri);
			imp_update(im, ri, id, rb.body);
		} else if (id == 0)
			imp_bulk_create(im, ri, rb.body);
	}
	json_decref(rb.body);
	json_decref(rb.custom);
}

static json_t *
imp_columns(struct imp *im)
{
	json_t	*a = json_array();
	char	 letter[8];
	int	 i;

	for (i = 0; i < im->m.ncols; i++) {
		const struct sheetcol *c = &im->m.cols[i];

		sheet_col_name(c->col, letter, sizeof(letter));
		json_array_append_new(a, json_pack("{s:s, s:i, s:s, s:o, s:o, "
		    "s:o}", "col", letter, "index", c->col, "header",
		    c->header ? c->header : "", "field", c->field ?
		    json_string(c->field) : json_null(), "label", c->field ?
		    json_string(sheetmap_label(c->field, im->l)) : json_null(),
		    "unit", c->unit_fen == FEN_PER_WAN ? json_string("万元") :
		    c->unit_fen == FEN_PER_YI ? json_string("亿元") :
		    c->unit_fen == FEN_PER_YUAN ? json_string("元") :
		    json_null()));
	}
	return a;
}

static json_t *
imp_targets(const struct ledger *l)
{
	json_t		*a = json_array(), *cf;
	size_t		 i;
	const char	*key;
	char		 f[80];

	for (i = 0; i < NELEM(targets); i++)
		json_array_append_new(a, json_pack("{s:s, s:s}", "field",
		    targets[i], "label", sheetmap_label(targets[i], l)));
	json_array_foreach(json_object_get(l->config, "custom"), i, cf) {
		key = json_string_value(json_object_get(cf, "key"));
		snprintf(f, sizeof(f), "custom:%s", key);
		json_array_append_new(a, json_pack("{s:s, s:O}", "field", f,
		    "label", json_object_get(cf, "name")));
	}
	return a;
}

json_t *
import_run(const struct api_caller *c, const struct ledger *l,
    const struct sheet *sh, const struct import_opts *o, const char **why)
{
	static _Thread_local char whybuf[512];
	struct imp	 im;
	struct arena	*a = arena_new();
	json_t		*rep = NULL;
	int		 ri;

	memset(&im, 0, sizeof(im));
	im.c = c;
	im.l = l;
	im.sh = sh;
	im.o = o;
	im.a = a;
	if (sheetmap_guess(sh, l, a, &im.m, why) == -1)
		goto out;
	imp_saved(&im);
	if (o->mapping && imp_mapping(&im, why) == -1)
		goto out;
	util_strlcpy(im.within, l->region, sizeof(im.within));
	im.problems = json_array();
	im.places = json_object();
	imp_units_load(&im);
	imp_bulk_begin(&im);
	for (ri = im.m.first_data; ri < sh->nrows; ri++)
		switch (sheetmap_row_kind(&im.m, &sh->rows[ri])) {
		case SHEETMAP_TOTAL:
			imp_total(&im, ri);
			break;
		case SHEETMAP_NOTE:
			im.skipped++;
			break;
		case SHEETMAP_BLANK:
			break;
		case SHEETMAP_ITEM:
			/* what a row allocates is freed with the row */
			im.a = arena_new();
			imp_data_row(&im, ri);
			arena_free(im.a);
			im.a = a;
			break;
		}
	imp_bulk_end(&im);
	rep = json_pack("{s:o, s:[i, i], s:o, s:o, s:b, s:s, s:{s:i, s:i, "
	    "s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:O}}",
	    "title", im.m.title ? json_string(im.m.title) : json_null(),
	    "header_rows", sh->rows[im.m.title_rows].row,
	    sh->rows[im.m.title_rows + im.m.header_rows - 1].row,
	    "columns", imp_columns(&im), "targets", imp_targets(l),
	    "update", o->update, "key", o->key,
	    "report", "rows", im.rows, "ok", im.ok, "errors", im.errors,
	    "warnings", im.warnings, "created", im.created, "updated",
	    im.updated, "unchanged", im.unchanged, "skipped", im.skipped,
	    "totals_checked", im.totals, "problems", im.problems);
	json_object_set_new(json_object_get(rep, "report"), "problems_listed",
	    json_integer((json_int_t)json_array_size(im.problems)));
	/* the guessed unit per column and the sheet's own description */
	json_object_set_new(rep, "sheet", json_pack("{s:s, s:o, s:o, s:i}",
	    "format", sh->format ? sh->format : "", "encoding", sh->encoding ?
	    json_string(sh->encoding) : json_null(), "name", sh->name ?
	    json_string(sh->name) : json_null(), "rows", sh->nrows));
out:
	if (rep == NULL) {
		/* *why may live in the arena freed below */
		util_strlcpy(whybuf, *why, sizeof(whybuf));
		*why = whybuf;
	}
	json_decref(im.problems);
	json_decref(im.places);
	json_decref(im.units);
	arena_free(a);
	return rep;
}

void
import_notes(const struct sheet *sh, json_t *rep, struct arena *a,
    const char ***notesp, bool **errp, int *header_last)
{
	json_t		*probs, *p, *hdr;
	const char	**notes, *col, *why;
	bool		*is_error;
	size_t		 i, n = (size_t)sh->nrows + 1;
	int		 ri;

	probs = json_object_get(json_object_get(rep, "report"), "problems");
	hdr = json_object_get(rep, "header_rows");
	notes = arena_alloc(a, n * sizeof(*notes));
	is_error = arena_alloc(a, n * sizeof(*is_error));
	memset(notes, 0, n * sizeof(*notes));
	memset(is_error, 0, n * sizeof(*is_error));
	*header_last = -1;
	for (ri = 0; ri < sh->nrows; ri++)
		if (sh->rows[ri].row == json_integer_value(json_array_get(hdr,
		    1)))
			*header_last = ri;
	/* problems come in row order: walk both together */
	ri = 0;
	json_array_foreach(probs, i, p) {
		int row = (int)json_integer_value(json_object_get(p, "row"));

		if (ri < sh->nrows && sh->rows[ri].row > row)
			ri = 0;
		while (ri < sh->nrows && sh->rows[ri].row < row)
			ri++;
		if (ri == sh->nrows || sh->rows[ri].row != row)
			continue;
		col = json_string_value(json_object_get(p, "col"));
		why = json_string_value(json_object_get(p, "reason"));
		notes[ri] = arena_printf(a, "%s%s%s%s%s", notes[ri] ?
		    notes[ri] : "", notes[ri] ? ";" : "", col && *col ? col : "",
		    col && *col ? "列:" : "", why ? why : "");
		if (strcmp(json_string_value(json_object_get(p, "level")),
		    "error") == 0)
			is_error[ri] = true;
	}
	*notesp = notes;
	*errp = is_error;
}
