/*
 * What the export files share, not for other modules:
 *   export_xl.c        the libxlsxwriter edge (opening with the
 *                      temporary directory, closing with a Chinese
 *                      reason, cells that are safe to write), widths,
 *                      万元 text, temporary files;
 *   export_cols.c      the column model: a ledger's columns and the
 *                      value of an item in each;
 *   export.c           items as .xlsx or .csv, and the sheet parts the
 *                      template shares (formats, header, dropdowns);
 *   export_template.c  the blank template and its 填写说明;
 *   export_report.c    the importer's annotated sheet.
 */
#ifndef EXPORT_INT_H
#define EXPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <xlsxwriter.h>

#include "export.h"
#include "light.h"

struct arena;
struct item;
struct ledger;
struct store;

#define EXPORT_CELL_MAX	32767	/* characters Excel keeps in a cell */
#define EXPORT_WIDTH_MIN	6
#define EXPORT_WIDTH_MAX	60

/* A workbook at path; constant: stream rows (write them in order). */
lxw_workbook	*export_xl_open(const char *path, bool constant);
/* Close (and free) wb; 0, or -1 with a Chinese reason in err. */
int		 export_xl_close(lxw_workbook *wb, char *err, size_t errsz);
/*
 * s as a cell may hold it: controls other than tab and newline become
 * spaces, CR is dropped, invalid UTF-8 becomes U+FFFD and the text is
 * cut at EXPORT_CELL_MAX characters.  s itself when nothing changes,
 * else a copy in the arena.
 */
const char	*export_xl_text(struct arena *, const char *s);
/* A valid worksheet name from name (or fallback if nothing is left). */
const char	*export_xl_sheetname(struct arena *, const char *name,
		    const char *fallback);
/* Write day as a date cell with fmt; as text if Excel cannot hold it. */
void		 export_xl_date(lxw_worksheet *, int row, int col, int32_t day,
		    lxw_format *);
/* A width in Excel's units for text width w, within the limits. */
int		 export_xl_clamp(int w);

#define EXPORT_CACHE	4096		/* place and unit names remembered */
#define EXPORT_HDR	2		/* row of the header (0-based) */
#define EXPORT_LONG	24		/* least width of long text columns */
#define LIST_SHEET	"下拉选项"
#define NOTE_SHEET	"填写说明"

#define DATE_FORMS	"可写 2024-01-30、2024年1月30日、2024.1.30 或 2024/1/30"
#define MONEY_FORMS	"单位万元,可写 1575.8 或 1,575.8,最多6位小数"

/* What a column holds. */
enum xfield {
	XF_SEQ, XF_CODE, XF_TITLE, XF_CONTENT, XF_CATEGORY, XF_STATE,
	XF_PLACES, XF_LEAD, XF_CO, XF_LEADER, XF_LEADER_PHONE, XF_RESP,
	XF_RESP_PHONE, XF_START, XF_DEADLINE, XF_COMPLETED, XF_PROGRESS,
	XF_PROGRESS_TEXT, XF_AMOUNT, XF_PAID, XF_HOUSEHOLDS, XF_PERSONS,
	XF_POOR, XF_MONITORED, XF_TARGETS, XF_FUNDS, XF_LIGHT,
	XF_FUND_SOURCE,		/* templates: one source per row */
	XF_CUSTOM
};

/* How a column looks. */
enum xkind {
	XK_TEXT,		/* text, wrapped when long */
	XK_LONG,		/* long text: EXPORT_LONG wide in a template */
	XK_INT,			/* counts, sequence numbers, progress */
	XK_MONEY,		/* 万元, #,##0.00 */
	XK_DATE,		/* yyyy-mm-dd */
	XK_NUMBER,		/* custom numbers */
	XK_LIGHT		/* the light, filled in its colour */
};

struct xcol {
	enum xfield		 f;
	enum xkind		 k;
	const char		*key;		/* built-in or custom key */
	const char		*type;		/* custom type, or NULL */
	const char		*label;		/* header text */
	const char		*name;		/* label without "(万元)" */
	bool			 sum;
	bool			 required;
	const char *const	*list;		/* dropdown values, or NULL */
	int			 nlist;
	const char		*list_range;	/* on LIST_SHEET, or NULL */
	int			 list_col;	/* column on LIST_SHEET */
	int			 width;
	int64_t			 total;		/* fen or count */
};

/* A cell's value, whatever the format. */
struct xval {
	enum { XV_NONE, XV_TEXT, XV_INT, XV_MONEY, XV_DATE, XV_REAL } t;
	const char	*s;	/* XV_TEXT */
	int64_t		 i;	/* XV_INT; XV_MONEY fen; XV_DATE day */
	double		 d;	/* XV_REAL */
};

struct xname {
	char		*key;
	const char	*val;
};

struct xfmt {
	lxw_format	*title, *sub, *head, *text, *intg, *money, *date,
			*num, *light[4], *tot_label, *tot_money, *tot_int,
			*tot_blank, *note_head, *note_text;
};

struct xctx {
	struct store		*st;
	const struct ledger	*l;
	struct arena		*keep;		/* columns, names */
	struct arena		*a;		/* the page being written */
	struct xcol		*cols;
	int			 ncols;
	struct xname		*names;		/* EXPORT_CACHE slots */
	int			 nnames;
	enum export_format	 fmt;
	/* .xlsx */
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	struct xfmt		 x;
	/* .csv */
	FILE			*f;
	int64_t			 n;		/* items written */
	int64_t			 want;		/* items counted */
	/* personal information in full or masked (export_items_pii) */
	bool			(*full)(void *, const struct item *);
	void			*full_arg;
};

/* export_cols.c */
void		 export_ctx_init(struct xctx *, struct store *,
		    const struct ledger *, enum export_format);
void		 export_ctx_free(struct xctx *);
/*
 * The columns of c->l: its "columns" in order, then its custom fields.
 * A template (tmpl) leaves out what is computed (light, paid) or
 * cannot be typed in one cell (targets), and turns funds into one
 * fund source per row.
 */
void		 export_columns(struct xctx *, bool tmpl);
/* The value of item it (with its light) in column x. */
void		 export_value(struct xctx *, const struct xcol *,
		    const struct item *, enum light, struct xval *);
/* The value as CSV text (also measures widths); "" when empty. */
const char	*export_str(const struct xval *, char *, size_t);
/* Track the width and total of a column for a value. */
void		 export_measure(struct xcol *, const struct xval *);
/* Strings joined by sep in the arena; NULL if there are none. */
const char	*export_join(struct arena *, const char *const *, int n,
		    const char *sep);
/* For 填写说明: the type of a column, what to write in it. */
const char	*export_col_type(const struct xcol *);
const char	*export_col_hint(struct xctx *, const struct xcol *);

/* export.c: the parts of the main sheet that the template shares */
void		 export_xl_formats(struct xctx *);
/* Title, second row sub, header; the page set-up. */
void		 export_xl_head(struct xctx *, const char *sub);
/* Long dropdown lists to the hidden LIST_SHEET. */
void		 export_xl_lists(struct xctx *);
/* Dropdowns over rows first..last. */
void		 export_xl_validate(struct xctx *, int first, int last);
void		 export_xl_widths(struct xctx *);
void		 export_xl_cell(struct xctx *, int row, int col,
		    const struct xcol *, const struct xval *, enum light);

#endif
