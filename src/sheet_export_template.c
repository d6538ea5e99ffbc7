/*
 * The blank template of a ledger (export.h): the export's title,
 * header, widths and dropdowns over empty rows, and a sheet 填写说明.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "export.h"
#include "sheet_export_int.h"
#include "ledger.h"
#include "light.h"
#include "util.h"

/* The second sheet of a template: one row per column, then the rules. */
static void
export_notes(struct xctx *c, lxw_worksheet *ns)
{
	static const char *const head[] = {
		"栏目", "是否必填", "类型", "可选值", "填写要求"
	};
	static const int widths[] = { 18, 10, 8, 40, 50 };
	static const char *const rules[] = {
		"1. 第1、2行为标题,第3行为表头,请勿修改表头文字;从第4行起每行填写一项。",
		"2. 日期" DATE_FORMS ";完成时限还可写 2024年12月底、2024年底。",
		"3. 金额" MONEY_FORMS "。",
		"4. 多个实施地点或协办单位用“、”分隔;地点写乡镇和村名,如 虞乡镇新源村。",
		"5. 带下拉箭头的栏目请从列表中选择;不要插入小计行,合计行导入时会跳过。",
		"6. 填好后在台账页面点“导入”,先检查后入库;有问题的行会标出原因。",
	};
	lxw_format	*note_title;
	struct xcol	*x;
	int		 i, row = 0;
	size_t		 k;

	note_title = workbook_add_format(c->wb);
	format_set_bold(note_title);
	format_set_font_size(note_title, 14);
	worksheet_set_row(ns, 0, 24, NULL);
	worksheet_write_string(ns, (lxw_row_t)row++, 0, arena_printf(c->keep,
	    "%s 填写说明", export_xl_text(c->keep, c->l->name)), note_title);
	row++;
	for (k = 0; k < NELEM(head); k++) {
		worksheet_write_string(ns, (lxw_row_t)row, (lxw_col_t)k,
		    head[k], c->x.note_head);
		worksheet_set_column(ns, (lxw_col_t)k, (lxw_col_t)k, widths[k],
		    NULL);
	}
	row++;
	for (i = 0; i < c->ncols; i++, row++) {
		x = &c->cols[i];
		worksheet_write_string(ns, (lxw_row_t)row, 0,
		    export_xl_text(c->keep, x->label), c->x.note_text);
		worksheet_write_string(ns, (lxw_row_t)row, 1, x->required ?
		    "必填" : "选填", c->x.note_text);
		worksheet_write_string(ns, (lxw_row_t)row, 2,
		    export_col_type(x), c->x.note_text);
		worksheet_write_string(ns, (lxw_row_t)row, 3, x->list ?
		    export_xl_text(c->keep, export_join(c->keep, x->list,
		    x->nlist, "、")) : "", c->x.note_text);
		worksheet_write_string(ns, (lxw_row_t)row, 4,
		    export_col_hint(c, x), c->x.note_text);
	}
	row++;
	for (k = 0; k < NELEM(rules); k++)
		worksheet_write_string(ns, (lxw_row_t)row++, 0, rules[k], NULL);
}

int
export_template(const struct ledger *l, const char *path, char *err,
    size_t errsz)
{
	struct xctx	 c;
	struct xval	 none;
	lxw_worksheet	*ns;
	int		 i, r, rc = -1;

	export_ctx_init(&c, NULL, l, EXPORT_XLSX);
	memset(&none, 0, sizeof(none));
	export_columns(&c, true);
	if (c.ncols == 0) {
		snprintf(err, errsz, "台账没有可填写的栏目");
		goto out;
	}
	if ((c.wb = export_xl_open(path, true)) == NULL) {
		snprintf(err, errsz, "无法创建Excel文件");
		goto out;
	}
	export_xl_formats(&c);
	c.ws = workbook_add_worksheet(c.wb, export_xl_sheetname(c.keep,
	    l->name, "台账"));
	ns = workbook_add_worksheet(c.wb, NOTE_SHEET);
	export_xl_lists(&c);
	export_xl_head(&c, "请从第4行起逐行填写,一行一项;金额单位:万元;"
	    "填写要求见「填写说明」工作表");
	for (r = 0; r < EXPORT_TEMPLATE_ROWS; r++)
		for (i = 0; i < c.ncols; i++)
			export_xl_cell(&c, EXPORT_HDR + 1 + r, i, &c.cols[i],
			    &none, LIGHT_BLUE);
	export_xl_validate(&c, EXPORT_HDR + 1,
	    EXPORT_HDR + EXPORT_TEMPLATE_ROWS);
	export_xl_widths(&c);
	export_notes(&c, ns);
	rc = export_xl_close(c.wb, err, errsz);
	c.wb = NULL;
out:
	export_ctx_free(&c);
	return rc;
}
