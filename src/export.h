/*
 * Exports (SPEC §3 "Excel in and out"): a ledger's items as .xlsx or
 * .csv, a blank template for each ledger, and the importer's annotated
 * report.  The .xlsx files are written by libxlsxwriter, which writes
 * to a path only: callers make one with export_tmp() and take the
 * bytes back with export_slurp().
 *
 * What the sheets hold, for the people who open them:
 *   - a title row (the ledger's name) and a second row ("导出时间:…
 *     共N项"), merged across the columns; a bold, filled, bordered,
 *     frozen header; the config's "columns" in order, then the custom
 *     fields, with Chinese labels; widths that fit Chinese text;
 *   - amounts as numbers in 万元 (fen / 1e6, format #,##0.00, the
 *     header says "(万元)"), dates as real dates (yyyy-mm-dd), counts
 *     and progress as numbers; places as 虞乡镇新源村、…;
 *   - a 合计 row with SUM formulas for amounts and counts (their value
 *     computed exactly from fen, for readers that do not recalculate);
 *   - dropdowns for dictionary columns (category, state, choice and
 *     yes/no custom fields), from a hidden sheet 下拉选项 when the list
 *     is too long for Excel's 255-character inline form;
 *   - landscape, fit to the page width, the header repeated on every
 *     printed page.
 * Text is always written as text: a title "=1+1" stays "=1+1" in
 * .xlsx.  In .csv, where every cell is text, a text value that begins
 * with = + - @ (or a tab or CR) is written with a leading ' so that a
 * spreadsheet does not run it as a formula; numbers, amounts and dates
 * are not text and are never prefixed.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct item_filter;
struct ledger;
struct sheet;
struct store;
struct viewer;

enum export_format {
	EXPORT_XLSX = 0,
	EXPORT_CSV
};

#define EXPORT_XLSX_TYPE \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define EXPORT_CSV_TYPE		"text/csv; charset=utf-8"

#define EXPORT_ITEMS_MAX	1000000		/* items in one export */
#define EXPORT_TEMPLATE_ROWS	200		/* blank rows of a template */
#define EXPORT_FILE_MAX		(512u * 1024 * 1024)	/* export_slurp */

/*
 * Write the items of ledger l that v may see and f selects (f's limit
 * and offset are ignored; its sort is kept) to path as fmt.  For one
 * consistent snapshot, call inside a read transaction.  *count (if not
 * NULL) receives the number of items written, or, when there are more
 * than EXPORT_ITEMS_MAX, that number (and nothing is written).  0, or
 * -1 with a one-line Chinese reason in err.
 */
int	export_items(struct store *, const struct ledger *l,
	    const struct viewer *v, const struct item_filter *f,
	    enum export_format fmt, const char *path, int64_t *count,
	    char *err, size_t errsz);

/*
 * export_items, but an item for which full(arg, item) is false has its
 * personal information masked (pii.h); full NULL: none is masked.
 */
struct item;
int	export_items_pii(struct store *, const struct ledger *l,
	    const struct viewer *v, const struct item_filter *f,
	    enum export_format fmt, const char *path, int64_t *count,
	    char *err, size_t errsz,
	    bool (*full)(void *, const struct item *), void *arg);

/*
 * A blank .xlsx template for ledger l at path: the same title, header
 * and widths as an export, EXPORT_TEMPLATE_ROWS empty rows with the
 * dropdowns and the date and amount formats, and a second sheet
 * 填写说明 listing each column: required or not, type, allowed values,
 * the date and amount forms accepted.  Computed columns (督办灯,
 * 已支付) are left out; 资金来源 is one source per row.  0 or -1.
 */
int	export_template(const struct ledger *l, const char *path, char *err,
	    size_t errsz);

/*
 * The importer's report: the rows of sh as they were (text as text,
 * numbers as numbers, dates as dates, at their row numbers; merged
 * ranges kept when the sheet is small enough to build in memory) and
 * a last column 错误说明.  notes[i] (per sh->rows[i]) is NULL or the
 * problems of that row joined with ";"; is_error[i] fills the row
 * light red (an error) or light yellow (a warning).  The header of the
 * new column goes on row sh->rows[header_last] (none if header_last <
 * 0), and the rows down to it are frozen.  0 or -1.
 */
int	export_report(const struct sheet *sh, int header_last,
	    const char *const *notes, const bool *is_error, const char *path,
	    char *err, size_t errsz);

/*
 * A new empty file, mode 0600, in $TMPDIR (or /tmp), for the writers
 * above; its name into path.  0, or -1 with errno set.
 */
int	export_tmp(char *path, size_t);
/*
 * Read the file at path (at most max bytes) into the arena and remove
 * it, whatever happens.  0, or -1 if it could not be read or is larger.
 */
int	export_slurp(const char *path, struct arena *, size_t max,
	    char **data, size_t *len);

/* Amount fen as 万元 text, exact: 2 to 6 decimals ("1575.80",
 * "0.012345", "-3.00"); out needs 32 bytes. */
void	export_wan(int64_t fen, char *out, size_t);
/* Display width of UTF-8 text in Excel's units: CJK and full-width
 * characters count 2, others 1; the widest line of a multi-line text. */
int	export_width(const char *);
/* The file name of an export: "<name>_<YYYYMMDD>.<ext>" for today,
 * with characters that file systems refuse (/ \ : * ? " < > |) and
 * controls replaced by '_'; in the arena. */
char	*export_filename(struct arena *, const char *name, const char *ext);

#endif
