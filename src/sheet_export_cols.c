/*
 * The column model of the exports (export_int.h): which columns a
 * ledger has, with their labels, kinds, totals and dropdown lists, and
 * the value of an item in each, whatever the format it goes to.
 * Places and units are named through a small cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "export.h"
#include "sheet_export_int.h"
#include "money.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "util.h"

static const struct {
	const char	*key;
	enum xfield	 f;
	enum xkind	 k;
	bool		 sum;
	const char	*type;		/* for 填写说明 */
	const char	*hint;		/* ditto; NULL: by kind */
} builtins[] = {
	{ "seq", XF_SEQ, XK_INT, false, "整数", "正整数;不填则自动编号" },
	{ "code", XF_CODE, XK_TEXT, false, "文字", "编号,可不填" },
	{ "title", XF_TITLE, XK_LONG, false, "文字", "不超过300字" },
	{ "content", XF_CONTENT, XK_LONG, false, "长文字", "不超过5000字" },
	{ "category", XF_CATEGORY, XK_TEXT, false, "选项", NULL },
	{ "state", XF_STATE, XK_TEXT, false, "选项", NULL },
	{ "places", XF_PLACES, XK_LONG, false, "地点",
	    "写乡镇和村名,如 虞乡镇新源村;多个地点用“、”分隔" },
	{ "lead_unit", XF_LEAD, XK_TEXT, false, "单位",
	    "系统中已有单位的全称" },
	{ "co_units", XF_CO, XK_LONG, false, "单位",
	    "系统中已有单位的全称;多个单位用“、”分隔" },
	{ "leader", XF_LEADER, XK_TEXT, false, "人员", "姓名" },
	{ "leader_phone", XF_LEADER_PHONE, XK_TEXT, false, "电话",
	    "手机号或带区号的固定电话,如 0359-8012345" },
	{ "responsible", XF_RESP, XK_TEXT, false, "人员", "姓名" },
	{ "responsible_phone", XF_RESP_PHONE, XK_TEXT, false, "电话",
	    "手机号或带区号的固定电话,如 0359-8012345" },
	{ "start", XF_START, XK_DATE, false, "日期", NULL },
	{ "deadline", XF_DEADLINE, XK_DATE, false, "日期", NULL },
	{ "completed", XF_COMPLETED, XK_DATE, false, "日期", NULL },
	{ "progress", XF_PROGRESS, XK_INT, false, "整数",
	    "0到100的整数,不写%" },
	{ "progress_text", XF_PROGRESS_TEXT, XK_LONG, false, "长文字",
	    "简要写明当前进展" },
	{ "amount", XF_AMOUNT, XK_MONEY, true, "金额", NULL },
	{ "paid", XF_PAID, XK_MONEY, true, "金额", NULL },
	{ "households", XF_HOUSEHOLDS, XK_INT, true, "整数", NULL },
	{ "persons", XF_PERSONS, XK_INT, true, "整数", NULL },
	{ "poor_households", XF_POOR, XK_INT, true, "整数", NULL },
	{ "monitored_households", XF_MONITORED, XK_INT, true, "整数", NULL },
	{ "targets", XF_TARGETS, XK_LONG, false, "长文字", NULL },
	{ "funds", XF_FUNDS, XK_LONG, false, "长文字", NULL },
	{ "light", XF_LIGHT, XK_LIGHT, false, "选项", NULL },
};

static const char *const yesno_list[] = { "是", "否", NULL };
static const char *const light_words[] = { "蓝", "黄", "红", "灰" };

/* Copy the strings of a JSON array into a NULL-terminated list. */
static const char *const *
export_list_of(struct arena *a, json_t *arr, int *n)
{
	const char	**v;
	json_t		 *x;
	size_t		  i;

	*n = 0;
	if (!json_is_array(arr) || json_array_size(arr) == 0)
		return NULL;
	v = arena_alloc(a, (json_array_size(arr) + 1) * sizeof(*v));
	json_array_foreach(arr, i, x)
		if (json_is_string(x))
			v[(*n)++] = arena_strdup(a, json_string_value(x));
	v[*n] = NULL;
	return *n ? v : NULL;
}

static int
export_count(const char *const *v)
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

/*
 * The columns of ledger l: its "columns" in order, then its custom
 * fields.  A template leaves out what is computed (light, paid) or
 * cannot be typed in one cell (targets), and turns funds into one
 * fund source per row.
 */
void
export_columns(struct xctx *c, bool tmpl)
{
	json_t		*cols = json_object_get(c->l->config, "columns");
	json_t		*custom = json_object_get(c->l->config, "custom");
	json_t		*v, *fd;
	struct xcol	*x;
	const char	*key, *type;
	size_t		 i, k;

	c->cols = arena_alloc(c->keep, (json_array_size(cols) +
	    json_array_size(custom) + 1) * sizeof(*c->cols));
	c->ncols = 0;
	json_array_foreach(cols, i, v) {
		key = json_string_value(v);
		for (k = 0; k < NELEM(builtins); k++)
			if (key && strcmp(builtins[k].key, key) == 0)
				break;
		if (k == NELEM(builtins))
			continue;
		if (tmpl && (builtins[k].f == XF_LIGHT ||
		    builtins[k].f == XF_PAID || builtins[k].f == XF_TARGETS))
			continue;
		x = &c->cols[c->ncols++];
		memset(x, 0, sizeof(*x));
		x->f = builtins[k].f;
		x->k = builtins[k].k;
		x->key = builtins[k].key;
		x->sum = builtins[k].sum;
		x->name = ledger_field_label(key);
		x->required = ledger_required(c->l, key) || x->f == XF_TITLE;
		if (x->f == XF_CATEGORY)
			x->list = export_list_of(c->keep, ledger_dict(c->l,
			    "category"), &x->nlist);
		else if (x->f == XF_STATE) {
			x->list = workflow_states(c->l->kind);
			x->nlist = export_count(x->list);
		} else if (tmpl && x->f == XF_FUNDS) {
			x->f = XF_FUND_SOURCE;
			x->k = XK_TEXT;
			x->key = "fund_source";
			x->name = "资金来源";
			x->list = export_list_of(c->keep, ledger_dict(c->l,
			    "fund_source"), &x->nlist);
		}
	}
	json_array_foreach(custom, i, fd) {
		type = json_string_value(json_object_get(fd, "type"));
		key = json_string_value(json_object_get(fd, "key"));
		if (type == NULL || key == NULL)
			continue;
		x = &c->cols[c->ncols++];
		memset(x, 0, sizeof(*x));
		x->f = XF_CUSTOM;
		x->key = key;
		x->type = type;
		x->name = json_string_value(json_object_get(fd, "name"));
		if (x->name == NULL)
			x->name = key;
		x->required = json_is_true(json_object_get(fd, "required"));
		x->k = XK_TEXT;
		if (strcmp(type, "number") == 0)
			x->k = XK_NUMBER;
		else if (strcmp(type, "money") == 0) {
			x->k = XK_MONEY;
			x->sum = true;
		} else if (strcmp(type, "date") == 0)
			x->k = XK_DATE;
		else if (strcmp(type, "text") == 0)
			x->k = XK_LONG;
		else if (strcmp(type, "choice") == 0)
			x->list = export_list_of(c->keep, ledger_dict(c->l,
			    json_string_value(json_object_get(fd, "dict"))),
			    &x->nlist);
		else if (strcmp(type, "yesno") == 0) {
			x->list = yesno_list;
			x->nlist = 2;
		}
	}
	for (i = 0; i < (size_t)c->ncols; i++) {
		x = &c->cols[i];
		if (x->k == XK_MONEY)
			x->label = arena_printf(c->keep, "%s(万元)", x->name);
		else if (x->f == XF_PROGRESS)
			x->label = arena_printf(c->keep, "%s(%%)", x->name);
		else
			x->label = x->name;
		/* room for the filter button */
		x->width = export_width(x->label) + 3;
		if (x->k == XK_DATE && x->width < 12)
			x->width = 12;
		if (tmpl && x->k == XK_LONG && x->width < EXPORT_LONG)
			x->width = EXPORT_LONG;
	}
}

/* The cached name of key, or NULL. */
static const char *
export_cached(struct xctx *c, const char *key, unsigned *slot)
{
	unsigned	h = 2166136261u;
	const char	*p;

	for (p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (h &= EXPORT_CACHE - 1; c->names[h].key; h = (h + 1) &
	    (EXPORT_CACHE - 1))
		if (strcmp(c->names[h].key, key) == 0)
			return c->names[h].val;
	*slot = h;
	return NULL;
}

static const char *
export_remember(struct xctx *c, const char *key, unsigned slot,
    const char *val)
{
	/* keep a quarter free, so that probes end; past that, no cache */
	if (c->nnames >= EXPORT_CACHE * 3 / 4)
		return arena_strdup(c->a, val);
	c->names[slot].key = arena_strdup(c->keep, key);
	c->names[slot].val = arena_strdup(c->keep, val);
	c->nnames++;
	return c->names[slot].val;
}

/*
 * A place as people write it: a village with its town (虞乡镇新源村),
 * other places by their name.  The code itself if it is unknown.
 */
static const char *
export_place(struct xctx *c, const char *code)
{
	struct place	p, t;
	char		key[PLACE_CODE_MAX + 2], sh[PLACE_NAME_MAX];
	const char	*v;
	unsigned	slot;

	snprintf(key, sizeof(key), "p%s", code);
	if ((v = export_cached(c, key, &slot)) != NULL)
		return v;
	if (store_place_get(c->st, code, &p) != STORE_OK)
		return export_remember(c, key, slot, code);
	if (p.level != PLACE_VILLAGE || store_place_get(c->st, p.parent,
	    &t) != STORE_OK)
		return export_remember(c, key, slot, p.name);
	place_short_name(p.name, sh, sizeof(sh));
	return export_remember(c, key, slot, arena_printf(c->a, "%s%s",
	    t.name, sh));
}

static const char *
export_unit(struct xctx *c, int64_t id)
{
	struct unit	u;
	char		key[32];
	const char	*v;
	unsigned	slot;

	snprintf(key, sizeof(key), "u%lld", (long long)id);
	if ((v = export_cached(c, key, &slot)) != NULL)
		return v;
	if (store_unit_get(c->st, id, &u) != STORE_OK)
		return export_remember(c, key, slot, key + 1);
	return export_remember(c, key, slot, u.name);
}

static void
export_text(struct xval *v, const char *s)
{
	if (s && *s) {
		v->t = XV_TEXT;
		v->s = s;
	}
}

/* Strings joined by sep in the arena; NULL if there are none. */
const char *
export_join(struct arena *a, const char *const *s, int n, const char *sep)
{
	size_t	 len = 1, k;
	char	*out;
	int	 i;

	for (i = 0; i < n; i++)
		len += strlen(s[i]) + strlen(sep);
	if (n == 0)
		return NULL;
	out = arena_alloc(a, len);
	for (i = 0, k = 0; i < n; i++) {
		if (i) {
			memcpy(out + k, sep, strlen(sep));
			k += strlen(sep);
		}
		memcpy(out + k, s[i], strlen(s[i]));
		k += strlen(s[i]);
	}
	out[k] = '\0';
	return out;
}

/* "中央财政 下达 50.00万元(2024-03-01 永财农〔2024〕12号)" per line. */
static const char *
export_funds(struct xctx *c, const struct item *it)
{
	const char	**line;
	char		  wan[32], day[16];
	int		  i;

	line = arena_alloc(c->a, ((size_t)it->nfunds + 1) * sizeof(*line));
	for (i = 0; i < it->nfunds; i++) {
		const struct fund_line *f = &it->funds[i];
		export_wan(f->amount_fen, wan, sizeof(wan));
		day[0] = '\0';
		if (f->day != DATE_NONE)
			date_fmt(f->day, day, sizeof(day));
		line[i] = arena_printf(c->a, "%s %s %s万元%s%s%s%s%s", f->source,
		    f->kind, wan, day[0] || f->doc_no ? "(" : "", day,
		    day[0] && f->doc_no ? " " : "", f->doc_no ? f->doc_no : "",
		    day[0] || f->doc_no ? ")" : "");
	}
	return export_join(c->a, line, it->nfunds, "\n");
}

/* "产出指标/数量指标:新建水泥路≥2km(实际2.1km)" per line. */
static const char *
export_targets(struct xctx *c, const struct item *it)
{
	const char	**line;
	int		  i;

	line = arena_alloc(c->a, ((size_t)it->ntargets + 1) * sizeof(*line));
	for (i = 0; i < it->ntargets; i++) {
		const struct item_target *t = &it->targets[i];
		const char *u = t->unit ? t->unit : "";
		line[i] = arena_printf(c->a, "%s%s%s:%s%s%s%s%s%s%s%s",
		    t->level1, t->level2 ? "/" : "", t->level2 ? t->level2 : "",
		    t->indicator, t->op, t->target, u, t->actual ? "(实际" : "",
		    t->actual ? t->actual : "", t->actual ? u : "",
		    t->actual ? ")" : "");
	}
	return export_join(c->a, line, it->ntargets, "\n");
}

static void
export_custom(struct xctx *c, const struct xcol *x, const struct item *it,
    struct xval *v)
{
	json_t		*j = it->custom ? json_object_get(it->custom, x->key) :
			    NULL, *e;
	const char	**s;
	size_t		  i;
	int		  n = 0;
	int32_t		  day;
	int64_t		  fen;

	if (j == NULL || json_is_null(j))
		return;
	if (strcmp(x->type, "number") == 0 && json_is_integer(j)) {
		v->t = XV_INT;
		v->i = json_integer_value(j);
	} else if (strcmp(x->type, "number") == 0 && json_is_number(j)) {
		v->t = XV_REAL;
		v->d = json_number_value(j);
	} else if (strcmp(x->type, "yesno") == 0 && json_is_boolean(j))
		export_text(v, json_is_true(j) ? "是" : "否");
	else if (strcmp(x->type, "unit") == 0 && json_is_integer(j))
		export_text(v, export_unit(c, json_integer_value(j)));
	else if (json_is_array(j)) {
		s = arena_alloc(c->a, (json_array_size(j) + 1) * sizeof(*s));
		json_array_foreach(j, i, e)
			if (json_is_string(e))
				s[n++] = json_string_value(e);
		export_text(v, export_join(c->a, s, n, "、"));
	} else if (!json_is_string(j))
		return;
	else if (strcmp(x->type, "money") == 0 &&
	    money_parse_yuan(json_string_value(j), &fen) == 0) {
		v->t = XV_MONEY;
		v->i = fen;
	} else if (strcmp(x->type, "date") == 0 &&
	    date_parse(json_string_value(j), &day) == 0) {
		v->t = XV_DATE;
		v->i = day;
	} else if (strcmp(x->type, "place") == 0)
		export_text(v, export_place(c, json_string_value(j)));
	else
		export_text(v, json_string_value(j));
}

static void
export_day(struct xval *v, int32_t day)
{
	if (day != DATE_NONE) {
		v->t = XV_DATE;
		v->i = day;
	}
}

static void
export_int(struct xval *v, int64_t n)
{
	if (n >= 0) {
		v->t = XV_INT;
		v->i = n;
	}
}

/* The value of item it (with its light) in column x. */
void
export_value(struct xctx *c, const struct xcol *x, const struct item *it,
    enum light light, struct xval *v)
{
	const char	**s;
	int		  i;

	memset(v, 0, sizeof(*v));
	switch (x->f) {
	case XF_SEQ:
		export_int(v, it->seq);
		break;
	case XF_CODE:
		export_text(v, it->code);
		break;
	case XF_TITLE:
		export_text(v, it->title);
		break;
	case XF_CONTENT:
		export_text(v, it->content);
		break;
	case XF_CATEGORY:
		export_text(v, it->category);
		break;
	case XF_STATE:
		export_text(v, it->state);
		break;
	case XF_PLACES:
		s = arena_alloc(c->a, ((size_t)it->nplaces + 1) * sizeof(*s));
		for (i = 0; i < it->nplaces; i++)
			s[i] = export_place(c, it->places[i].code);
		export_text(v, export_join(c->a, s, it->nplaces, "、"));
		break;
	case XF_LEAD:
		export_text(v, it->lead.name);
		break;
	case XF_CO:
		s = arena_alloc(c->a, ((size_t)it->nco + 1) * sizeof(*s));
		for (i = 0; i < it->nco; i++)
			s[i] = it->co[i].name ? it->co[i].name : "";
		export_text(v, export_join(c->a, s, it->nco, "、"));
		break;
	case XF_LEADER:
		export_text(v, it->leader);
		break;
	case XF_LEADER_PHONE:
		export_text(v, it->leader_phone);
		break;
	case XF_RESP:
		export_text(v, it->responsible);
		break;
	case XF_RESP_PHONE:
		export_text(v, it->responsible_phone);
		break;
	case XF_START:
		export_day(v, it->start);
		break;
	case XF_DEADLINE:
		export_day(v, it->deadline);
		break;
	case XF_COMPLETED:
		export_day(v, it->completed);
		break;
	case XF_PROGRESS:
		export_int(v, it->progress);
		break;
	case XF_PROGRESS_TEXT:
		export_text(v, it->progress_text);
		break;
	case XF_AMOUNT:
	case XF_PAID:
		v->t = XV_MONEY;
		v->i = x->f == XF_AMOUNT ? it->amount_fen : it->paid_fen;
		break;
	case XF_HOUSEHOLDS:
		export_int(v, it->households);
		break;
	case XF_PERSONS:
		export_int(v, it->persons);
		break;
	case XF_POOR:
		export_int(v, it->poor_households);
		break;
	case XF_MONITORED:
		export_int(v, it->monitored_households);
		break;
	case XF_TARGETS:
		export_text(v, export_targets(c, it));
		break;
	case XF_FUNDS:
		export_text(v, export_funds(c, it));
		break;
	case XF_LIGHT:
		if ((size_t)light < NELEM(light_words))
			export_text(v, light_words[light]);
		break;
	case XF_FUND_SOURCE:
		break;
	case XF_CUSTOM:
		export_custom(c, x, it, v);
		break;
	}
}

/* The value as CSV text (also measures widths); "" when empty. */
const char *
export_str(const struct xval *v, char *b, size_t sz)
{
	switch (v->t) {
	case XV_NONE:
		return "";
	case XV_TEXT:
		return v->s;
	case XV_INT:
		snprintf(b, sz, "%lld", (long long)v->i);
		return b;
	case XV_MONEY:
		export_wan(v->i, b, sz);
		return b;
	case XV_DATE:
		date_fmt((int32_t)v->i, b, sz);
		return b;
	case XV_REAL:
		snprintf(b, sz, "%.15g", v->d);
		return b;
	}
	return "";
}

/* Track width and total of column x for value v. */
void
export_measure(struct xcol *x, const struct xval *v)
{
	char		b[48];
	const char	*s = export_str(v, b, sizeof(b));
	int		w;

	if (v->t == XV_NONE)
		return;
	if (x->sum && (v->t == XV_MONEY || v->t == XV_INT))
		x->total += v->i;
	w = export_width(s) + 1;
	if (v->t == XV_MONEY)		/* the thousands separators */
		w += (int)(strcspn(s, ".") / 3);
	if (w > x->width)
		x->width = w;
}

void
export_ctx_init(struct xctx *c, struct store *st, const struct ledger *l,
    enum export_format fmt)
{
	memset(c, 0, sizeof(*c));
	c->st = st;
	c->l = l;
	c->fmt = fmt;
	c->keep = arena_new();
	c->a = arena_new();
	c->names = arena_alloc(c->keep, EXPORT_CACHE * sizeof(*c->names));
	memset(c->names, 0, EXPORT_CACHE * sizeof(*c->names));
}

/* What to write in a column of the template, for 填写说明. */
const char *
export_col_hint(struct xctx *c, const struct xcol *x)
{
	size_t k;

	if (x->f == XF_STATE)
		return arena_printf(c->keep, "从下拉列表中选择;不填则为「%s」",
		    workflow_initial(c->l->kind));
	if (x->f == XF_FUND_SOURCE)
		return "从下拉列表中选择,每行一个来源,金额即资金规模";
	if (x->f == XF_DEADLINE)
		return DATE_FORMS ";也可写 2024年12月底、2024年底";
	if (x->k == XK_DATE)
		return DATE_FORMS;
	if (x->k == XK_MONEY)
		return MONEY_FORMS;
	if (x->list)
		return "从下拉列表中选择";
	if (x->f == XF_CUSTOM) {
		if (strcmp(x->type, "multichoice") == 0)
			return "多个选项用“、”分隔";
		if (strcmp(x->type, "place") == 0)
			return "写乡镇和村名,如 虞乡镇新源村";
		if (strcmp(x->type, "unit") == 0)
			return "系统中已有单位的全称";
		if (strcmp(x->type, "person") == 0)
			return "姓名";
		if (strcmp(x->type, "number") == 0)
			return "数字";
		return "文字,不超过2000字";
	}
	for (k = 0; k < NELEM(builtins); k++)
		if (builtins[k].f == x->f && builtins[k].hint)
			return builtins[k].hint;
	if (x->k == XK_INT)
		return "非负整数,如 200";
	return "";
}

const char *
export_col_type(const struct xcol *x)
{
	static const struct {
		const char *type, *label;
	} custom[] = {
		{ "text", "文字" }, { "number", "数字" }, { "money", "金额" },
		{ "date", "日期" }, { "choice", "选项" },
		{ "multichoice", "多选" }, { "place", "地点" },
		{ "unit", "单位" }, { "person", "人员" }, { "yesno", "是/否" },
	};
	size_t k;

	if (x->f == XF_FUND_SOURCE)
		return "选项";
	if (x->f == XF_CUSTOM) {
		for (k = 0; k < NELEM(custom); k++)
			if (strcmp(custom[k].type, x->type) == 0)
				return custom[k].label;
		return "文字";
	}
	for (k = 0; k < NELEM(builtins); k++)
		if (builtins[k].f == x->f)
			return builtins[k].type;
	return "文字";
}

void
export_ctx_free(struct xctx *c)
{
	arena_free(c->a);
	arena_free(c->keep);
	c->a = c->keep = NULL;
}
