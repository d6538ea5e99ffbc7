/*
 * The importer's report (export.h): the sheet as it came, with a last
 * column 错误说明 and the rows that have problems filled red or yellow.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "export.h"
#include "sheet_export_int.h"
#include "sheet.h"
#include "util.h"

/* Cells up to this many are built in memory, keeping merged ranges;
 * past it the sheet is streamed and merges are left out (libxlsxwriter
 * can only merge rows it has not yet written). */
#define REPORT_CELLS_MEM	200000

#define REPORT_NOTE_WIDTH	60

enum { PLAIN, ERROR, WARN, NFILLS };

struct rfmt {
	lxw_format	*cell[NFILLS], *date[NFILLS], *note[NFILLS], *head;
};

static void
report_formats(lxw_workbook *wb, struct rfmt *f)
{
	static const unsigned fills[NFILLS] = { 0, 0xFFC7CE, 0xFFEB9C };
	int i;

	for (i = 0; i < NFILLS; i++) {
		f->cell[i] = workbook_add_format(wb);
		f->date[i] = workbook_add_format(wb);
		format_set_num_format(f->date[i], "yyyy-mm-dd");
		f->note[i] = workbook_add_format(wb);
		format_set_text_wrap(f->note[i]);
		format_set_align(f->note[i], LXW_ALIGN_VERTICAL_TOP);
		if (fills[i]) {
			format_set_bg_color(f->cell[i], fills[i]);
			format_set_bg_color(f->date[i], fills[i]);
			format_set_bg_color(f->note[i], fills[i]);
			format_set_font_color(f->note[i], i == ERROR ?
			    0x9C0006 : 0x9C5700);
		}
	}
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xDDEBF7);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_align(f->head, LXW_ALIGN_CENTER);
}

static void
report_cell(lxw_worksheet *ws, struct arena *a, lxw_row_t r, lxw_col_t k,
    const struct sheet_cell *c, const struct rfmt *f, int fill)
{
	switch (c->type) {
	case CELL_STRING:
		worksheet_write_string(ws, r, k, export_xl_text(a, c->text),
		    f->cell[fill]);
		break;
	case CELL_NUMBER:
		worksheet_write_number(ws, r, k, c->num, f->cell[fill]);
		break;
	case CELL_BOOL:
		worksheet_write_boolean(ws, r, k, c->num != 0, f->cell[fill]);
		break;
	case CELL_DATE:
		export_xl_date(ws, (int)r, (int)k, c->day, f->date[fill]);
		break;
	default:
		if (fill != PLAIN)
			worksheet_write_blank(ws, r, k, f->cell[fill]);
		break;
	}
}

/* The index in sh->rows (in row order) of row number row, or -1. */
static int
report_row(const struct sheet *sh, int row)
{
	int lo = 0, hi = sh->nrows - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (sh->rows[mid].row == row)
			return mid;
		if (sh->rows[mid].row < row)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Merged ranges again, their first cell rewritten as it was. */
static void
report_merges(lxw_worksheet *ws, struct arena *a, const struct sheet *sh,
    const struct rfmt *f)
{
	const struct sheet_merge	*m;
	const struct sheet_cell		*c;
	int				 i, k;

	for (i = 0; i < sh->nmerges; i++) {
		m = &sh->merges[i];
		if (m->r1 < 1 || m->c1 < 1 || m->r2 < m->r1 || m->c2 < m->c1 ||
		    (m->r1 == m->r2 && m->c1 == m->c2) ||
		    m->r2 > LXW_ROW_MAX || m->c2 > LXW_COL_MAX)
			continue;
		c = (k = report_row(sh, m->r1)) >= 0 ?
		    sheet_cell(&sh->rows[k], m->c1) : NULL;
		worksheet_merge_range(ws, (lxw_row_t)(m->r1 - 1),
		    (lxw_col_t)(m->c1 - 1), (lxw_row_t)(m->r2 - 1),
		    (lxw_col_t)(m->c2 - 1), c && c->type == CELL_STRING ?
		    export_xl_text(a, c->text) : "", f->cell[PLAIN]);
		if (c && c->type != CELL_STRING && c->type != CELL_EMPTY)
			report_cell(ws, a, (lxw_row_t)(m->r1 - 1),
			    (lxw_col_t)(m->c1 - 1), c, f, PLAIN);
	}
}

int
export_report(const struct sheet *sh, int header_last,
    const char *const *notes, const bool *is_error, const char *path,
    char *err, size_t errsz)
{
	struct arena		*a = arena_new();
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	const struct sheet_row	*row;
	struct rfmt		 f;
	int			*width = NULL, ncols = 0, i, k, fill, w;
	size_t			 cells = 0;
	bool			 mem;
	lxw_row_t		 r;

	for (i = 0; i < sh->nrows; i++) {
		if (sh->rows[i].ncells > ncols)
			ncols = sh->rows[i].ncells;
		cells += (size_t)sh->rows[i].ncells;
	}
	if (ncols >= LXW_COL_MAX || (sh->nrows > 0 &&
	    sh->rows[sh->nrows - 1].row > LXW_ROW_MAX)) {
		snprintf(err, errsz, "表格超出Excel的行列上限");
		arena_free(a);
		return -1;
	}
	mem = cells <= REPORT_CELLS_MEM;
	if ((wb = export_xl_open(path, !mem)) == NULL) {
		snprintf(err, errsz, "无法创建Excel文件");
		arena_free(a);
		return -1;
	}
	report_formats(wb, &f);
	ws = workbook_add_worksheet(wb, export_xl_sheetname(a, sh->name ?
	    sh->name : "", "导入检查"));
	width = xcalloc((size_t)ncols + 1, sizeof(*width));
	for (i = 0; i < sh->nrows; i++) {
		row = &sh->rows[i];
		if (row->row < 1)
			continue;
		r = (lxw_row_t)(row->row - 1);
		fill = notes && notes[i] ? (is_error && is_error[i] ? ERROR :
		    WARN) : PLAIN;
		for (k = 0; k < row->ncells; k++) {
			report_cell(ws, a, r, (lxw_col_t)k, &row->cells[k], &f,
			    fill);
			/* widths from the header down: not the title */
			w = export_width(row->cells[k].text) + 1;
			if (i >= header_last && row->cells[k].type !=
			    CELL_EMPTY && w > width[k])
				width[k] = w;
		}
		for (; fill != PLAIN && k < ncols; k++)
			worksheet_write_blank(ws, r, (lxw_col_t)k,
			    f.cell[fill]);
		if (i == header_last)
			worksheet_write_string(ws, r, (lxw_col_t)ncols, "错误说明",
			    f.head);
		else if (fill != PLAIN)
			worksheet_write_string(ws, r, (lxw_col_t)ncols,
			    export_xl_text(a, notes[i]), f.note[fill]);
		arena_free(a);		/* the cells' copies, row by row */
		a = arena_new();
	}
	if (mem)
		report_merges(ws, a, sh, &f);
	for (k = 0; k < ncols; k++)
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
		    export_xl_clamp(width[k]), NULL);
	worksheet_set_column(ws, (lxw_col_t)ncols, (lxw_col_t)ncols,
	    REPORT_NOTE_WIDTH, NULL);
	if (header_last >= 0 && header_last < sh->nrows)
		worksheet_freeze_panes(ws, (lxw_row_t)sh->rows[header_last].row,
		    0);
	arena_free(a);
	free(width);
	return export_xl_close(wb, err, errsz);
}
