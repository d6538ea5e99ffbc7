/*
 * A ledger's items as .xlsx or .csv (export.h says what the sheets
 * hold).  One column model serves both formats (export_cols.c: the
 * columns of the ledger, the value of an item in a column), then a
 * writer per format.  Items come from the store page by page, each
 * page in an arena of its own, and the .xlsx is streamed
 * (libxlsxwriter's constant_memory mode), so an export of any size
 * holds one page in memory.  The parts of the sheet that the template
 * shares (formats, title and header, dropdowns, widths) are here too.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "date.h"
#include "export.h"
#include "pii.h"
#include "sheet_export_int.h"
#include "store_ledger.h"
#include "util.h"

#define EXPORT_PAGE	1000		/* items read per page */
#define EXPORT_LIST_INLINE 255		/* bytes of an inline dropdown list */

static const unsigned light_fills[] = {
	0xBDD7EE, 0xFFEB9C, 0xFFC7CE, 0xD9D9D9
};

/* One CSV field: quoted when needed, text that could run as a formula
 * after a '. */
static void
export_csv_field(FILE *f, const char *s, bool text)
{
	bool		quote = strpbrk(s, ",\"\r\n") != NULL || *s == ' ' ||
			    (*s && s[strlen(s) - 1] == ' ');
	const char	*p;

	if (quote)
		putc('"', f);
	if (text && *s && strchr("=+-@\t\r", *s))
		putc('\'', f);
	for (p = s; *p; p++) {
		if (*p == '"')
			putc('"', f);
		putc(*p, f);
	}
	if (quote)
		putc('"', f);
}

/* The format of a data cell of column x holding v. */
static lxw_format *
export_xl_fmt(struct xctx *c, const struct xcol *x, const struct xval *v,
    enum light light)
{
	if (x->k == XK_LIGHT && v->t != XV_NONE && (size_t)light < 4)
		return c->x.light[light];
	switch (v->t) {
	case XV_MONEY:
		return c->x.money;
	case XV_DATE:
		return c->x.date;
	case XV_INT:
		return x->k == XK_NUMBER ? c->x.num : c->x.intg;
	case XV_REAL:
		return c->x.num;
	default:
		break;
	}
	switch (x->k) {
	case XK_MONEY:
		return c->x.money;
	case XK_DATE:
		return c->x.date;
	case XK_INT:
		return c->x.intg;
	case XK_NUMBER:
		return c->x.num;
	default:
		return c->x.text;
	}
}

void
export_xl_cell(struct xctx *c, int row, int col, const struct xcol *x,
    const struct xval *v, enum light light)
{
	lxw_worksheet	*ws = c->ws;
	lxw_format	*fmt = export_xl_fmt(c, x, v, light);
	lxw_row_t	 r = (lxw_row_t)row;
	lxw_col_t	 k = (lxw_col_t)col;

	switch (v->t) {
	case XV_NONE:
		worksheet_write_blank(ws, r, k, fmt);
		break;
	case XV_TEXT:
		worksheet_write_string(ws, r, k, export_xl_text(c->a, v->s),
		    fmt);
		break;
	case XV_INT:
		worksheet_write_number(ws, r, k, (double)v->i, fmt);
		break;
	case XV_MONEY:
		worksheet_write_number(ws, r, k, (double)v->i / 1000000.0, fmt);
		break;
	case XV_DATE:
		export_xl_date(ws, row, col, (int32_t)v->i, fmt);
		break;
	case XV_REAL:
		worksheet_write_number(ws, r, k, v->d, fmt);
		break;
	}
}

/* One item: a CSV line, or a row of cells measured for the widths. */
static int
export_row(const struct item *it, enum light light, void *arg)
{
	struct xctx	*c = arg;
	struct xval	 v;
	struct item	 m;
	char		 b[48];
	int		 i;

	if (c->n >= c->want)
		return -1;
	if (c->full && !c->full(c->full_arg, it)) {
		m = *it;
		pii_item_mask(c->a, &m, c->l);
		it = &m;
	}
	for (i = 0; i < c->ncols; i++) {
		export_value(c, &c->cols[i], it, light, &v);
		if (c->fmt == EXPORT_CSV) {
			if (i)
				putc(',', c->f);
			export_csv_field(c->f, export_str(&v, b, sizeof(b)),
			    v.t == XV_TEXT);
			continue;
		}
		export_measure(&c->cols[i], &v);
		export_xl_cell(c, EXPORT_HDR + 1 + (int)c->n, i, &c->cols[i],
		    &v, light);
	}
	if (c->fmt == EXPORT_CSV)
		fputs("\r\n", c->f);
	c->n++;
	return 0;
}

static lxw_format *
export_xl_border(lxw_workbook *wb)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_font_size(f, 10);
	return f;
}

void
export_xl_formats(struct xctx *c)
{
	lxw_workbook	*wb = c->wb;
	struct xfmt	*x = &c->x;
	size_t		 i;

	x->title = workbook_add_format(wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 16);
	format_set_align(x->title, LXW_ALIGN_CENTER);
	format_set_align(x->title, LXW_ALIGN_VERTICAL_CENTER);
	x->sub = workbook_add_format(wb);
	format_set_font_size(x->sub, 10);
	format_set_font_color(x->sub, 0x595959);
	format_set_align(x->sub, LXW_ALIGN_LEFT);
	x->head = export_xl_border(wb);
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	x->text = export_xl_border(wb);
	format_set_text_wrap(x->text);
	x->intg = export_xl_border(wb);
	format_set_num_format(x->intg, "0");
	format_set_align(x->intg, LXW_ALIGN_CENTER);
	x->money = export_xl_border(wb);
	format_set_num_format(x->money, "#,##0.00");
	x->date = export_xl_border(wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	format_set_align(x->date, LXW_ALIGN_CENTER);
	x->num = export_xl_border(wb);
	format_set_num_format(x->num, "General");
	for (i = 0; i < NELEM(x->light); i++) {
		x->light[i] = export_xl_border(wb);
		format_set_align(x->light[i], LXW_ALIGN_CENTER);
		format_set_bg_color(x->light[i], light_fills[i]);
	}
	x->tot_label = export_xl_border(wb);
	format_set_bold(x->tot_label);
	format_set_bg_color(x->tot_label, 0xF2F2F2);
	format_set_align(x->tot_label, LXW_ALIGN_CENTER);
	x->tot_money = export_xl_border(wb);
	format_set_bold(x->tot_money);
	format_set_bg_color(x->tot_money, 0xF2F2F2);
	format_set_num_format(x->tot_money, "#,##0.00");
	x->tot_int = export_xl_border(wb);
	format_set_bold(x->tot_int);
	format_set_bg_color(x->tot_int, 0xF2F2F2);
	format_set_num_format(x->tot_int, "0");
	format_set_align(x->tot_int, LXW_ALIGN_CENTER);
	x->tot_blank = export_xl_border(wb);
	format_set_bg_color(x->tot_blank, 0xF2F2F2);
	x->note_head = export_xl_border(wb);
	format_set_bold(x->note_head);
	format_set_bg_color(x->note_head, 0xDDEBF7);
	format_set_align(x->note_head, LXW_ALIGN_CENTER);
	x->note_text = export_xl_border(wb);
	format_set_text_wrap(x->note_text);
}

/* A row merged across the columns (or one cell if there is one). */
static void
export_xl_band(struct xctx *c, int row, const char *text, lxw_format *f)
{
	if (c->ncols > 1)
		worksheet_merge_range(c->ws, (lxw_row_t)row, 0, (lxw_row_t)row,
		    (lxw_col_t)(c->ncols - 1), text, f);
	else
		worksheet_write_string(c->ws, (lxw_row_t)row, 0, text, f);
}

/* Title, second row and header; the main sheet's page set-up. */
void
export_xl_head(struct xctx *c, const char *sub)
{
	lxw_worksheet	*ws = c->ws;
	int		 i;

	worksheet_set_row(ws, 0, 30, NULL);
	export_xl_band(c, 0, export_xl_text(c->keep, c->l->name), c->x.title);
	export_xl_band(c, 1, sub, c->x.sub);
	worksheet_set_row(ws, EXPORT_HDR, 30, NULL);
	for (i = 0; i < c->ncols; i++)
		worksheet_write_string(ws, EXPORT_HDR, (lxw_col_t)i,
		    export_xl_text(c->keep, c->cols[i].label), c->x.head);
	worksheet_freeze_panes(ws, EXPORT_HDR + 1, 0);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);		/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, EXPORT_HDR, EXPORT_HDR);
	worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_set_footer(ws, "&C第 &P 页,共 &N 页");
	worksheet_activate(ws);
}

/*
 * The dropdown lists that cannot be written inline (too long, or a
 * value with a comma or quote) go to a hidden sheet, one column each,
 * written row by row (the sheet streams too).
 */
void
export_xl_lists(struct xctx *c)
{
	lxw_worksheet	*ls = NULL;
	struct xcol	*x;
	size_t		 len;
	char		 range[64];
	int		 i, k, nhid = 0, maxn = 0;
	bool		 inl;

	for (i = 0; i < c->ncols; i++) {
		x = &c->cols[i];
		if (x->list == NULL)
			continue;
		inl = true;
		for (k = 0, len = 0; k < x->nlist; k++) {
			len += strlen(x->list[k]) + 1;
			if (strpbrk(x->list[k], ",\"") != NULL)
				inl = false;
		}
		if (inl && len + 2 <= EXPORT_LIST_INLINE)
			continue;
		x->list_col = nhid++;
		lxw_rowcol_to_range_abs(range, 0, (lxw_col_t)x->list_col,
		    (lxw_row_t)(x->nlist - 1), (lxw_col_t)x->list_col);
		x->list_range = arena_printf(c->keep, "='" LIST_SHEET "'!%s",
		    range);
		if (x->nlist > maxn)
			maxn = x->nlist;
	}
	if (nhid == 0)
		return;
	ls = workbook_add_worksheet(c->wb, LIST_SHEET);
	for (k = 0; k < maxn; k++)
		for (i = 0; i < c->ncols; i++) {
			x = &c->cols[i];
			if (x->list_range && k < x->nlist)
				worksheet_write_string(ls, (lxw_row_t)k,
				    (lxw_col_t)x->list_col,
				    export_xl_text(c->keep, x->list[k]), NULL);
		}
	worksheet_hide(ls);
}

/* Dropdowns over rows first..last of the main sheet. */
void
export_xl_validate(struct xctx *c, int first, int last)
{
	lxw_data_validation	 dv;
	lxw_data_val_obj	*v, *added;
	struct xcol		*x;
	int			 i;

	for (i = 0; i < c->ncols && first <= last; i++) {
		x = &c->cols[i];
		if (x->list == NULL)
			continue;
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)x->list;
		dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		dv.error_title = (char *)"输入有误";
		dv.error_message = (char *)"请从下拉列表中选择";
		if (x->list_range) {
			/*
			 * libxlsxwriter 1.1.4 copies the formula of a
			 * LIST_FORMULA twice and frees one copy: add it as a
			 * custom formula (copied once), then make the stored
			 * copy the list it is.
			 */
			dv.validate = LXW_VALIDATION_TYPE_CUSTOM_FORMULA;
			dv.value_list = NULL;
			dv.value_formula = (char *)x->list_range;
		}
		if (worksheet_data_validation_range(c->ws, (lxw_row_t)first,
		    (lxw_col_t)i, (lxw_row_t)last, (lxw_col_t)i, &dv) !=
		    LXW_NO_ERROR || x->list_range == NULL)
			continue;
		added = NULL;
		STAILQ_FOREACH(v, c->ws->data_validations, list_pointers)
			added = v;
		if (added)
			added->validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
	}
}

void
export_xl_widths(struct xctx *c)
{
	int i;

	for (i = 0; i < c->ncols; i++)
		worksheet_set_column(c->ws, (lxw_col_t)i, (lxw_col_t)i,
		    export_xl_clamp(c->cols[i].width), NULL);
}

/* The 合计 row under the data: SUM formulas with their exact value. */
static void
export_xl_totals(struct xctx *c)
{
	struct xcol	*x;
	lxw_row_t	 row = (lxw_row_t)(EXPORT_HDR + 1 + c->n);
	char		 range[32];
	int		 i;

	worksheet_set_row(c->ws, row, 20, NULL);
	for (i = 0; i < c->ncols; i++) {
		x = &c->cols[i];
		if (!x->sum) {
			if (i == 0)
				worksheet_write_string(c->ws, row, 0, "合计",
				    c->x.tot_label);
			else
				worksheet_write_blank(c->ws, row, (lxw_col_t)i,
				    c->x.tot_blank);
			continue;
		}
		lxw_rowcol_to_range(range, EXPORT_HDR + 1, (lxw_col_t)i,
		    (lxw_row_t)(EXPORT_HDR + c->n), (lxw_col_t)i);
		worksheet_write_formula_num(c->ws, row, (lxw_col_t)i,
		    arena_printf(c->keep, "=SUM(%s)", range), x->k == XK_MONEY ?
		    c->x.tot_money : c->x.tot_int, x->k == XK_MONEY ?
		    (double)x->total / 1000000.0 : (double)x->total);
	}
}

static void
export_now(char *out, size_t sz)
{
	struct tm	tm;
	time_t		t = time(NULL);

	if (localtime_r(&t, &tm) == NULL || strftime(out, sz, "%Y-%m-%d %H:%M",
	    &tm) == 0)
		util_strlcpy(out, "", sz);
}

static bool
export_filtered(const struct item_filter *f)
{
	return f->state || f->category || f->light >= 0 || f->unit_id ||
	    f->place[0] || f->deadline_from != DATE_NONE ||
	    f->deadline_to != DATE_NONE || (f->q && *f->q) || f->custom_key ||
	    f->done >= 0;
}

/* Read the items page by page into export_row. */
static enum store_rc
export_pages(struct xctx *c, const struct viewer *v,
    const struct item_filter *f)
{
	struct item_filter	page = *f;
	enum store_rc		rc;
	int64_t			before;

	page.limit = EXPORT_PAGE;
	page.offset = 0;
	page.ledger_id = c->l->id;
	for (;;) {
		before = c->n;
		rc = store_item_list(c->st, c->a, v, &page, export_row, c);
		arena_free(c->a);
		c->a = arena_new();
		if (rc != STORE_OK)
			return rc;
		if (c->n - before < EXPORT_PAGE || c->n >= c->want)
			return STORE_OK;
		page.offset += EXPORT_PAGE;
	}
}

int
export_items(struct store *st, const struct ledger *l, const struct viewer *v,
    const struct item_filter *f, enum export_format fmt, const char *path,
    int64_t *count, char *err, size_t errsz)
{
	return export_items_pii(st, l, v, f, fmt, path, count, err, errsz,
	    NULL, NULL);
}

int
export_items_pii(struct store *st, const struct ledger *l,
    const struct viewer *v, const struct item_filter *f,
    enum export_format fmt, const char *path, int64_t *count, char *err,
    size_t errsz, bool (*full)(void *, const struct item *), void *arg)
{
	struct item_filter	 all = *f;
	struct xctx		 c;
	char			 now[32];
	int			 i, rc = -1;

	export_ctx_init(&c, st, l, fmt);
	c.full = full;
	c.full_arg = arg;
	all.ledger_id = l->id;
	if ((c.want = store_item_count(st, v, &all)) < 0) {
		snprintf(err, errsz, "无法读取事项(数据库错误)");
		goto out;
	}
	if (c.want > EXPORT_ITEMS_MAX) {
		c.n = c.want;
		snprintf(err, errsz, "符合条件的事项有%lld项,超过单次导出上限%d项,"
		    "请加筛选条件分批导出", (long long)c.want, EXPORT_ITEMS_MAX);
		goto out;
	}
	export_columns(&c, false);
	if (c.ncols == 0) {
		snprintf(err, errsz, "台账没有可导出的栏目");
		goto out;
	}
	if (fmt == EXPORT_CSV) {
		if ((c.f = fopen(path, "wb")) == NULL) {
			snprintf(err, errsz, "无法写入导出文件");
			goto out;
		}
		fputs("\xef\xbb\xbf", c.f);
		for (i = 0; i < c.ncols; i++) {
			if (i)
				putc(',', c.f);
			export_csv_field(c.f, c.cols[i].label, true);
		}
		fputs("\r\n", c.f);
		if (export_pages(&c, v, &all) != STORE_OK) {
			snprintf(err, errsz, "无法读取事项(数据库错误)");
			goto out;
		}
		if (ferror(c.f) | fclose(c.f)) {
			c.f = NULL;
			snprintf(err, errsz, "无法写入导出文件(磁盘已满?)");
			goto out;
		}
		c.f = NULL;
		rc = 0;
		goto out;
	}

	if ((c.wb = export_xl_open(path, true)) == NULL) {
		snprintf(err, errsz, "无法创建Excel文件");
		goto out;
	}
	export_xl_formats(&c);
	c.ws = workbook_add_worksheet(c.wb, export_xl_sheetname(c.keep,
	    l->name, "台账"));
	export_xl_lists(&c);
	export_now(now, sizeof(now));
	export_xl_head(&c, arena_printf(c.keep, "导出时间:%s  共%lld项%s", now,
	    (long long)c.want, export_filtered(f) ? "(按筛选条件)" : ""));
	if (export_pages(&c, v, &all) != STORE_OK) {
		export_xl_close(c.wb, err, errsz);
		c.wb = NULL;
		snprintf(err, errsz, "无法读取事项(数据库错误)");
		goto out;
	}
	/* streamed: the filter's last row must not be behind the writer */
	worksheet_autofilter(c.ws, EXPORT_HDR, 0, (lxw_row_t)(EXPORT_HDR + c.n),
	    (lxw_col_t)(c.ncols - 1));
	if (c.n > 0) {
		export_xl_totals(&c);
		export_xl_validate(&c, EXPORT_HDR + 1, EXPORT_HDR + (int)c.n);
	}
	export_xl_widths(&c);
	rc = export_xl_close(c.wb, err, errsz);
	c.wb = NULL;
out:
	if (c.f)
		fclose(c.f);
	if (count)
		*count = c.n;
	export_ctx_free(&c);
	return rc;
}
