/*
 * .xlsx: the zip is opened from memory with libzip and each part is
 * inflated in chunks straight into expat, so that no part is ever
 * whole in memory.  The parts are read in the order the file says:
 * _rels/.rels to the workbook, its rels to the first worksheet, the
 * styles (which cells are dates), the shared strings, the worksheet.
 * Every byte inflated is counted against the caps, whatever the zip
 * headers claim.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "arena.h"
#include "date.h"
#include "sheet.h"

#define XLSX_CHUNK	262144
#define XLSX_ENTRIES	10000		/* zip entries */
#define XLSX_RELS	10000		/* relationships of one part */
#define XLSX_XFS	65536		/* cell formats (Excel: 64,000) */
#define XLSX_FMTS	1024		/* custom number formats */
#define XLSX_SHEETS	4096		/* sheets of a workbook */
#define XLSX_PATH	512
#define XLSX_NAME	255		/* bytes of a sheet name kept */
/* entries below this may inflate at any ratio (small XML does) */
#define XLSX_RATIO_FLOOR	(1 << 20)
#define XLSX_ROWS	1048576
#define XLSX_COLS	16384

struct xlsx_rel {
	const char	*id, *type, *target;
};

struct xlsx_fmt {
	int	id;
	bool	date;
};

struct xlsx {
	struct sheet_build	 b;
	zip_t			*zip;
	XML_Parser		 parser;
	const char		*part;		/* being parsed */
	size_t			 unzipped;	/* bytes inflated, all parts */
	bool			 failed;	/* err is set */

	/* the text of the element being collected */
	char			*text;		/* caps.cell_max + 1 bytes */
	size_t			 tlen;
	bool			 collect, toolong;

	struct xlsx_rel		*rels;
	int			 nrels, rels_alloc;

	bool			 date1904;
	int			 nsheets;
	const char		*sheet_part;	/* the first worksheet */

	struct xlsx_fmt		*fmts;
	int			 nfmts;
	bool			*xf_date;	/* per cellXfs entry */
	int			 nxf;
	bool			 in_xfs;

	const char		**sst;
	int			 nsst, sst_alloc;
	bool			 in_si;
	int			 rph;		/* depth in <rPh> */

	bool			 in_data, in_row, in_cell, in_is;
	int			 row, col;	/* current, or 0 */
	char			 ctype;		/* n s i(nline) t(str) b e d */
	int			 cstyle;
	bool			 has_value;
};

/* A shared string longer than caps.cell_max: an error where used. */
static const char xlsx_toolong[] = "";

static const char *
xlsx_local(const char *name)
{
	const char *p = strrchr(name, ':');

	return p ? p + 1 : name;
}

static const char *
xlsx_attr(const char **attr, const char *name)
{
	for (; attr[0] != NULL; attr += 2)
		if (strcmp(xlsx_local(attr[0]), name) == 0)
			return attr[1];
	return NULL;
}

/* ASCII only, whatever the locale. */
static int
xlsx_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* A whole non-negative decimal below 10^9, or -1. */
static int
xlsx_uint(const char *s, size_t n)
{
	size_t	i;
	int	v = 0;

	if (n == 0 || n > 9)
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/*
 * A cell reference "C12" (also "$C$12"): column into *col, row into
 * *row.  -1 if malformed or outside the sheet.  The row of a cell's r=
 * is checked but not used: the row's own number (or count) wins.
 */
static int
xlsx_ref(const char *s, int *col, int *row)
{
	int	c = 0, r = 0, n;

	if (*s == '$')
		s++;
	for (n = 0; xlsx_lower(*s) >= 'a' && xlsx_lower(*s) <= 'z'; s++, n++) {
		if (n == 3)
			return -1;
		c = c * 26 + (xlsx_lower(*s) - 'a' + 1);
	}
	if (n == 0 || c > XLSX_COLS)
		return -1;
	if (*s == '$')
		s++;
	for (n = 0; *s >= '0' && *s <= '9'; s++, n++) {
		if (n == 7)
			return -1;
		r = r * 10 + (*s - '0');
	}
	if (*s != '\0' || n == 0 || r < 1 || r > XLSX_ROWS)
		return -1;
	*col = c;
	*row = r;
	return 0;
}

static void
xlsx_fail(struct xlsx *x)
{
	x->failed = true;
	XML_StopParser(x->parser, XML_FALSE);
}

static void
xlsx_text(void *u, const char *s, int n)
{
	struct xlsx *x = u;

	if (!x->collect || x->toolong || n <= 0)
		return;
	if (x->tlen + (size_t)n > x->b.caps.cell_max) {
		x->toolong = true;
		return;
	}
	memcpy(x->text + x->tlen, s, (size_t)n);
	x->tlen += (size_t)n;
}

static void
xlsx_text_start(struct xlsx *x)
{
	x->tlen = 0;
	x->toolong = false;
}

static void
xlsx_doctype(void *u, const char *name, const char *sysid,
    const char *pubid, int internal)
{
	struct xlsx *x = u;

	sheet_build_fail(&x->b, "xlsx文件中的%s含有DTD声明,不是有效的Excel文件",
	    x->part);
	xlsx_fail(x);
}

/* Relationships: <Relationship Id Type Target [TargetMode]/>. */
static void
xlsx_rels_start(void *u, const char *name, const char **attr)
{
	struct xlsx	*x = u;
	struct xlsx_rel	*r;
	const char	*id, *type, *target, *mode;

	if (x->failed || strcmp(xlsx_local(name), "Relationship") != 0)
		return;
	id = xlsx_attr(attr, "Id");
	type = xlsx_attr(attr, "Type");
	target = xlsx_attr(attr, "Target");
	mode = xlsx_attr(attr, "TargetMode");
	if (id == NULL || type == NULL || target == NULL || (mode != NULL &&
	    strcmp(mode, "Internal") != 0))
		return;
	if (x->nrels >= XLSX_RELS) {
		sheet_build_fail(&x->b, "xlsx文件中的%s关系过多,不是有效的Excel文件",
		    x->part);
		xlsx_fail(x);
		return;
	}
	if (x->nrels == x->rels_alloc) {
		x->rels_alloc = x->rels_alloc ? x->rels_alloc * 2 : 16;
		r = arena_alloc(x->b.arena, (size_t)x->rels_alloc *
		    sizeof(*r));
		if (x->nrels > 0)
			memcpy(r, x->rels, (size_t)x->nrels * sizeof(*r));
		x->rels = r;
	}
	r = &x->rels[x->nrels++];
	r->id = arena_strdup(x->b.arena, id);
	r->type = arena_strdup(x->b.arena, type);
	r->target = arena_strdup(x->b.arena, target);
}

static bool
xlsx_endswith(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The target of the first relationship of type ".../kind", or NULL. */
static const char *
xlsx_rel_by_type(struct xlsx *x, const char *kind)
{
	int i;

	for (i = 0; i < x->nrels; i++)
		if (xlsx_endswith(x->rels[i].type, kind))
			return x->rels[i].target;
	return NULL;
}

/*
 * The part a relationship target names, relative to the directory dir
 * ("xl/", or "" for the package), into out: "worksheets/sheet1.xml"
 * -> "xl/worksheets/sheet1.xml", "/xl/a.xml" -> "xl/a.xml", ".."
 * resolved.  -1 if it leaves the package or does not fit.
 */
static int
xlsx_resolve(const char *dir, const char *target, char *out, size_t sz)
{
	char		 tmp[XLSX_PATH], *last;
	const char	*seg, *end;
	size_t		 n = 0, sl;
	int		 len;

	if (sz == 0)
		return -1;
	out[0] = '\0';
	if (target[0] == '/')
		len = snprintf(tmp, sizeof(tmp), "%s", target + 1);
	else
		len = snprintf(tmp, sizeof(tmp), "%s%s", dir, target);
	if (len < 0 || (size_t)len >= sizeof(tmp))
		return -1;
	for (seg = tmp; *seg != '\0'; seg = *end ? end + 1 : end) {
		end = strchr(seg, '/');
		if (end == NULL)
			end = seg + strlen(seg);
		sl = (size_t)(end - seg);
		if (sl == 0 || (sl == 1 && seg[0] == '.'))
			continue;
		if (sl == 2 && seg[0] == '.' && seg[1] == '.') {
			if (n == 0)
				goto fail;
			last = strrchr(out, '/');
			n = last ? (size_t)(last - out) : 0;
			out[n] = '\0';
			continue;
		}
		if (n + (n > 0) + sl + 1 > sz)
			goto fail;
		if (n > 0)
			out[n++] = '/';
		memcpy(out + n, seg, sl);
		n += sl;
		out[n] = '\0';
	}
	if (n > 0)
		return 0;
fail:
	out[0] = '\0';
	return -1;
}

/* The directory of a part with its slash: "xl/workbook.xml" -> "xl/". */
static void
xlsx_dir(const char *part, char *out, size_t sz)
{
	const char	*s = strrchr(part, '/');
	size_t		 n = s ? (size_t)(s - part) + 1 : 0;

	if (n >= sz)
		n = 0;
	memcpy(out, part, n);
	out[n] = '\0';
}

/* Workbook: <workbookPr date1904/>, <sheets><sheet name r:id/>. */
static void
xlsx_book_start(void *u, const char *name, const char **attr)
{
	struct xlsx	*x = u;
	const char	*v, *id, *target;
	char		 dir[XLSX_PATH], path[XLSX_PATH];
	size_t		 n;
	int		 i;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (strcmp(name, "workbookPr") == 0) {
		v = xlsx_attr(attr, "date1904");
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
		return;
	}
	if (strcmp(name, "sheet") != 0 || x->sheet_part != NULL)
		return;
	if (++x->nsheets > XLSX_SHEETS) {
		sheet_build_fail(&x->b, "工作簿中的工作表超过%d个", XLSX_SHEETS);
		xlsx_fail(x);
		return;
	}
	if ((id = xlsx_attr(attr, "id")) == NULL)
		return;
	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			break;
	/* chartsheets and dialogsheets are passed over */
	if (i == x->nrels || !xlsx_endswith(x->rels[i].type, "/worksheet"))
		return;
	target = x->rels[i].target;
	xlsx_dir(x->part, dir, sizeof(dir));
	if (xlsx_resolve(dir, target, path, sizeof(path)) == -1) {
		sheet_build_fail(&x->b, "不是有效的Excel文件(工作表的位置无效)");
		xlsx_fail(x);
		return;
	}
	x->sheet_part = arena_strdup(x->b.arena, path);
	if ((v = xlsx_attr(attr, "name")) != NULL) {
		n = strlen(v);
		if (n > XLSX_NAME) {
			n = XLSX_NAME;
			while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
				n--;
		}
		x->b.sheet->name = arena_strndup(x->b.arena, v, n);
	}
}

/*
 * A number format code shows a date if it has y, m, d or e (year)
 * outside quotes, brackets and escapes; "General", scientific "E+" and
 * elapsed times ("[h]:mm") do not.  Time-only codes count as dates,
 * but a time-only value is below 1 and sheet_serial_day() refuses it.
 */
static bool
xlsx_code_is_date(const char *p)
{
	const char	*q;
	int		 c;

	for (; *p; p++) {
		switch (*p) {
		case '"':
			if ((q = strchr(p + 1, '"')) == NULL)
				return false;
			p = q;
			continue;
		case '\\':
		case '!':
		case '_':
		case '*':
			if (p[1] != '\0')
				p++;
			continue;
		case '[':
			if ((q = strchr(p + 1, ']')) == NULL)
				return false;
			if (q > p + 1 && strspn(p + 1, "hHmMsS") ==
			    (size_t)(q - p - 1))
				return false;
			p = q;
			continue;
		}
		c = xlsx_lower(*p);
		if (c == 'g' && xlsx_lower(p[1]) == 'e' &&
		    xlsx_lower(p[2]) == 'n' && xlsx_lower(p[3]) == 'e' &&
		    xlsx_lower(p[4]) == 'r' && xlsx_lower(p[5]) == 'a' &&
		    xlsx_lower(p[6]) == 'l') {
			p += 6;
			continue;
		}
		if (c == 'e' && (p[1] == '+' || p[1] == '-')) {
			p++;
			continue;
		}
		if (c == 'y' || c == 'm' || c == 'd' || c == 'e')
			return true;
	}
	return false;
}

/* Built-in date formats: 14-22, the East Asian 27-36 and 50-58, and
 * 45 and 47 (mm:ss); 46 is [h]:mm:ss, an elapsed time. */
static bool
xlsx_fmt_is_date(struct xlsx *x, int id)
{
	int i;

	for (i = 0; i < x->nfmts; i++)
		if (x->fmts[i].id == id)
			return x->fmts[i].date;
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	    id == 45 || id == 47 || (id >= 50 && id <= 58);
}

/* Styles: <numFmts><numFmt numFmtId formatCode/>, <cellXfs><xf/>. */
static void
xlsx_styles_start(void *u, const char *name, const char **attr)
{
	struct xlsx	*x = u;
	const char	*id, *code;
	int		 n;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (strcmp(name, "cellXfs") == 0)
		x->in_xfs = true;
	else if (strcmp(name, "numFmt") == 0 && x->nfmts < XLSX_FMTS) {
		id = xlsx_attr(attr, "numFmtId");
		code = xlsx_attr(attr, "formatCode");
		if (id == NULL || code == NULL ||
		    (n = xlsx_uint(id, strlen(id))) == -1)
			return;
		x->fmts[x->nfmts].id = n;
		x->fmts[x->nfmts++].date = xlsx_code_is_date(code);
	} else if (strcmp(name, "xf") == 0 && x->in_xfs && x->nxf < XLSX_XFS) {
		id = xlsx_attr(attr, "numFmtId");
		n = id ? xlsx_uint(id, strlen(id)) : 0;
		x->xf_date[x->nxf++] = n > 0 && xlsx_fmt_is_date(x, n);
	}
}

static void
xlsx_styles_end(void *u, const char *name)
{
	struct xlsx *x = u;

	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		x->in_xfs = false;
}

/* Shared strings: <si> with <t> or runs <r><t>; <rPh> is phonetic. */
static void
xlsx_sst_start(void *u, const char *name, const char **attr)
{
	struct xlsx *x = u;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (strcmp(name, "si") == 0) {
		x->in_si = true;
		x->rph = 0;
		xlsx_text_start(x);
	} else if (strcmp(name, "rPh") == 0)
		x->rph++;
	else if (strcmp(name, "t") == 0 && x->in_si && x->rph == 0)
		x->collect = true;
}

static void
xlsx_sst_end(void *u, const char *name)
{
	struct xlsx	*x = u;
	const char	**a;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (strcmp(name, "t") == 0)
		x->collect = false;
	else if (strcmp(name, "rPh") == 0 && x->rph > 0)
		x->rph--;
	else if (strcmp(name, "si") == 0 && x->in_si) {
		x->in_si = false;
		if (x->nsst >= x->b.caps.cells_max) {
			sheet_build_fail(&x->b, "工作簿的共享字符串超过%ld个",
			    x->b.caps.cells_max);
			xlsx_fail(x);
			return;
		}
		if (x->nsst == x->sst_alloc) {
			x->sst_alloc = x->sst_alloc ? x->sst_alloc * 2 : 256;
			a = arena_alloc(x->b.arena, (size_t)x->sst_alloc *
			    sizeof(*a));
			if (x->nsst > 0)
				memcpy(a, x->sst, (size_t)x->nsst * sizeof(*a));
			x->sst = a;
		}
		x->sst[x->nsst++] = x->toolong ? xlsx_toolong :
		    sheet_build_str(&x->b, x->text, x->tlen);
	}
}

static void
xlsx_merge(struct xlsx *x, const char **attr)
{
	const char	*ref, *colon;
	char		 a[32];
	int		 r1, c1, r2, c2, t;

	if ((ref = xlsx_attr(attr, "ref")) == NULL ||
	    (colon = strchr(ref, ':')) == NULL ||
	    (size_t)(colon - ref) >= sizeof(a))
		return;
	memcpy(a, ref, (size_t)(colon - ref));
	a[colon - ref] = '\0';
	if (xlsx_ref(a, &c1, &r1) == -1 || xlsx_ref(colon + 1, &c2, &r2) == -1)
		return;
	if (r1 > r2) {
		t = r1, r1 = r2, r2 = t;
	}
	if (c1 > c2) {
		t = c1, c1 = c2, c2 = t;
	}
	if (sheet_build_merge(&x->b, r1, c1, r2, c2) == -1)
		xlsx_fail(x);
}

static void
xlsx_row_start(struct xlsx *x, const char **attr)
{
	const char	*r;
	int		 n;

	if (x->in_row) {
		sheet_build_fail(&x->b, "工作表格式错误(第%d行未结束)", x->row);
		xlsx_fail(x);
		return;
	}
	if ((r = xlsx_attr(attr, "r")) == NULL)
		n = x->row + 1;
	else if ((n = xlsx_uint(r, strlen(r))) < 1 || n > XLSX_ROWS) {
		if (x->row == 0)
			sheet_build_fail(&x->b, "工作表格式错误(第一行的行号无效)");
		else
			sheet_build_fail(&x->b, "工作表格式错误(第%d行之后的行号"
			    "无效)", x->row);
		xlsx_fail(x);
		return;
	}
	if (n > XLSX_ROWS || sheet_build_row(&x->b, n) == -1) {
		if (n > XLSX_ROWS)
			sheet_build_fail(&x->b, "工作表超过%d行", XLSX_ROWS);
		xlsx_fail(x);
		return;
	}
	x->row = n;
	x->col = 0;
	x->in_row = true;
}

static void
xlsx_cell_start(struct xlsx *x, const char **attr)
{
	const char	*r = NULL, *t = NULL, *s = NULL, *an;
	int		 col, row;

	if (!x->in_row)
		return;
	/* one pass: this runs for every cell */
	for (; attr[0] != NULL; attr += 2) {
		an = xlsx_local(attr[0]);
		if (an[0] == '\0' || an[1] != '\0')
			continue;
		if (an[0] == 'r')
			r = attr[1];
		else if (an[0] == 't')
			t = attr[1];
		else if (an[0] == 's')
			s = attr[1];
	}
	if (x->in_cell) {
		sheet_build_fail(&x->b, "工作表格式错误(第%d行的单元格未结束)",
		    x->row);
		xlsx_fail(x);
		return;
	}
	if (r == NULL)
		col = x->col + 1;
	else if (xlsx_ref(r, &col, &row) == -1) {
		sheet_build_fail(&x->b, "工作表格式错误(第%d行有无效的单元格位置)",
		    x->row);
		xlsx_fail(x);
		return;
	}
	if (col > XLSX_COLS) {
		sheet_build_fail(&x->b, "工作表格式错误(第%d行的单元格超过%d列)",
		    x->row, XLSX_COLS);
		xlsx_fail(x);
		return;
	}
	x->col = col;
	if (t == NULL || strcmp(t, "n") == 0)
		x->ctype = 'n';
	else if (strcmp(t, "s") == 0)
		x->ctype = 's';
	else if (strcmp(t, "inlineStr") == 0)
		x->ctype = 'i';
	else if (strcmp(t, "str") == 0)
		x->ctype = 't';
	else if (strcmp(t, "b") == 0)
		x->ctype = 'b';
	else if (strcmp(t, "e") == 0)
		x->ctype = 'e';
	else if (strcmp(t, "d") == 0)
		x->ctype = 'd';
	else
		x->ctype = 'n';
	x->cstyle = s ? xlsx_uint(s, strlen(s)) : 0;
	x->in_cell = true;
	x->in_is = false;
	x->has_value = false;
	x->rph = 0;
	xlsx_text_start(x);
}

/* The value of the cell just ended, into the row being built. */
static int
xlsx_cell_end(struct xlsx *x)
{
	struct sheet_build	*b = &x->b;
	const char		*s;
	char			 c[8], sz[32], d[16], *end;
	double			 v;
	int32_t			 day;
	int			 i;

	x->in_cell = false;
	x->collect = false;
	if (!x->has_value)
		return 0;
	if (x->toolong) {
		sheet_col_name(x->col, c, sizeof(c));
		sheet_size_str(b->caps.cell_max, sz, sizeof(sz));
		return sheet_build_fail(b, "第%d行第%s列的内容超过%s", x->row, c,
		    sz);
	}
	x->text[x->tlen] = '\0';
	switch (x->ctype) {
	case 's':
		if (x->tlen == 0)
			return 0;
		if ((i = xlsx_uint(x->text, x->tlen)) == -1 || i >= x->nsst) {
			sheet_col_name(x->col, c, sizeof(c));
			return sheet_build_fail(b, "第%d行第%s列引用的共享字符串不存在,"
			    "文件可能已损坏", x->row, c);
		}
		if ((s = x->sst[i]) == xlsx_toolong) {
			sheet_col_name(x->col, c, sizeof(c));
			sheet_size_str(b->caps.cell_max, sz, sizeof(sz));
			return sheet_build_fail(b, "第%d行第%s列的内容超过%s",
			    x->row, c, sz);
		}
		return sheet_build_cell(b, x->col, CELL_STRING, s, strlen(s),
		    0, 0);
	case 'i':
	case 't':
	case 'e':
		return sheet_build_cell(b, x->col, CELL_STRING,
		    sheet_build_str(b, x->text, x->tlen), x->tlen, 0, 0);
	case 'b':
		if (x->tlen == 0)
			return 0;
		i = strcmp(x->text, "1") == 0 || strcmp(x->text, "true") == 0;
		return sheet_build_cell(b, x->col, CELL_BOOL, i ? "TRUE" :
		    "FALSE", i ? 4 : 5, i, 0);
	case 'd':
		/* ISO 8601 "2024-01-30T00:00:00" (Strict, newer Excel) */
		if (x->tlen >= 10) {
			memcpy(d, x->text, 10);
			d[10] = '\0';
			if (date_parse(d, &day) == 0 && (x->tlen == 10 ||
			    x->text[10] == 'T'))
				return sheet_build_cell(b, x->col, CELL_DATE,
				    sheet_build_str(b, d, 10), 10, day -
				    date_from_ymd(1899, 12, 30), day);
		}
		return sheet_build_cell(b, x->col, CELL_STRING,
		    sheet_build_str(b, x->text, x->tlen), x->tlen, 0, 0);
	}
	if (x->tlen == 0)
		return 0;
	v = strtod(x->text, &end);
	if (end != x->text + x->tlen || !isfinite(v))
		return sheet_build_cell(b, x->col, CELL_STRING,
		    sheet_build_str(b, x->text, x->tlen), x->tlen, 0, 0);
	if (x->cstyle >= 0 && x->cstyle < x->nxf && x->xf_date[x->cstyle] &&
	    sheet_serial_day(v, x->date1904, &day) == 0) {
		date_fmt(day, d, sizeof(d));
		return sheet_build_cell(b, x->col, CELL_DATE,
		    sheet_build_str(b, d, strlen(d)), strlen(d), v, day);
	}
	return sheet_build_cell(b, x->col, CELL_NUMBER,
	    sheet_build_str(b, x->text, x->tlen), x->tlen, v, 0);
}

/* Worksheet: <sheetData><row r><c r t s><v/> or <is><t/></is></c>,
 * then <mergeCells><mergeCell ref/>. */
static void
xlsx_sheet_start(void *u, const char *name, const char **attr)
{
	struct xlsx *x = u;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (!x->in_data) {
		if (strcmp(name, "sheetData") == 0)
			x->in_data = true;
		else if (strcmp(name, "mergeCell") == 0)
			xlsx_merge(x, attr);
		return;
	}
	if (strcmp(name, "row") == 0)
		xlsx_row_start(x, attr);
	else if (strcmp(name, "c") == 0)
		xlsx_cell_start(x, attr);
	else if (!x->in_cell)
		return;
	else if (strcmp(name, "v") == 0) {
		x->has_value = true;
		x->collect = true;
	} else if (strcmp(name, "is") == 0) {
		x->has_value = true;
		x->in_is = true;
	} else if (strcmp(name, "rPh") == 0)
		x->rph++;
	else if (strcmp(name, "t") == 0 && x->in_is && x->rph == 0)
		x->collect = true;
}

static void
xlsx_sheet_end(void *u, const char *name)
{
	struct xlsx *x = u;

	if (x->failed)
		return;
	name = xlsx_local(name);
	if (strcmp(name, "sheetData") == 0)
		x->in_data = false;
	else if (!x->in_data)
		return;
	else if (strcmp(name, "c") == 0) {
		if (x->in_cell && xlsx_cell_end(x) == -1)
			xlsx_fail(x);
	} else if (strcmp(name, "row") == 0) {
		if (x->in_row && sheet_build_row_end(&x->b) == -1)
			xlsx_fail(x);
		x->in_row = false;
	} else if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)
		x->collect = false;
	else if (strcmp(name, "is") == 0)
		x->in_is = false;
	else if (strcmp(name, "rPh") == 0 && x->rph > 0)
		x->rph--;
}

static int
xlsx_bomb(struct xlsx *x)
{
	char sz[32];

	sheet_size_str(x->b.caps.unzip_max, sz, sizeof(sz));
	return sheet_build_fail(&x->b, "文件解压后超过%s,可能是恶意压缩文件", sz);
}

static int
xlsx_ratio(struct xlsx *x, const char *name)
{
	return sheet_build_fail(&x->b, "xlsx文件中的%s压缩比超过%d倍,"
	    "可能是恶意压缩文件", name, x->b.caps.ratio_max);
}

static int
xlsx_xml_error(struct xlsx *x)
{
	enum XML_Error	e = XML_GetErrorCode(x->parser);
	unsigned long	line = XML_GetCurrentLineNumber(x->parser);

	switch (e) {
	case XML_ERROR_INVALID_TOKEN:
	case XML_ERROR_PARTIAL_CHAR:
	case XML_ERROR_BAD_CHAR_REF:
	case XML_ERROR_UNKNOWN_ENCODING:
	case XML_ERROR_INCORRECT_ENCODING:
		return sheet_build_fail(&x->b, "xlsx文件中的%s第%lu行含有无效的"
		    "字符或编码,文件可能已损坏", x->part, line);
	case XML_ERROR_NO_ELEMENTS:
		return sheet_build_fail(&x->b, "xlsx文件中的%s是空的,文件可能已损坏",
		    x->part);
	default:
		return sheet_build_fail(&x->b, "xlsx文件中的%s第%lu行格式错误,"
		    "文件可能已损坏", x->part, line);
	}
}

/*
 * Inflate the part name and feed it to expat with these handlers.
 * Returns 1 when parsed, 0 when absent and not required, -1 with err.
 */
static int
xlsx_parse(struct xlsx *x, const char *name, bool required,
    XML_StartElementHandler start, XML_EndElementHandler end)
{
	zip_file_t	*f = NULL;
	zip_stat_t	 st;
	zip_int64_t	 idx, n;
	uint64_t	 got = 0, comp;
	void		*buf;
	int		 rc = -1, chunk;

	if ((idx = zip_name_locate(x->zip, name, ZIP_FL_NOCASE)) < 0) {
		if (!required)
			return 0;
		return sheet_build_fail(&x->b, "不是有效的Excel文件(缺少%s)", name);
	}
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) == -1 ||
	    (f = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0)) == NULL)
		return sheet_build_fail(&x->b, "不是有效的Excel文件(xlsx压缩包损坏"
		    "或已加密:%s)", name);
	comp = (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > 0 ?
	    st.comp_size : 1;
	if ((st.valid & ZIP_STAT_SIZE) && st.size > XLSX_RATIO_FLOOR &&
	    st.size / comp > (uint64_t)x->b.caps.ratio_max) {
		zip_fclose(f);
		return xlsx_ratio(x, name);
	}
	/* small parts, small reads; the size is only a hint */
	chunk = XLSX_CHUNK;
	if ((st.valid & ZIP_STAT_SIZE) && st.size < XLSX_CHUNK)
		chunk = st.size < 4096 ? 4096 : (int)st.size + 1;
	x->part = name;
	x->failed = false;
	x->collect = false;
	if ((x->parser = XML_ParserCreate(NULL)) == NULL) {
		sheet_build_fail(&x->b, "内存不足");
		goto out;
	}
	XML_SetUserData(x->parser, x);
	XML_SetElementHandler(x->parser, start, end);
	XML_SetCharacterDataHandler(x->parser, xlsx_text);
	XML_SetStartDoctypeDeclHandler(x->parser, xlsx_doctype);
	do {
		if ((buf = XML_GetBuffer(x->parser, chunk)) == NULL) {
			sheet_build_fail(&x->b, "内存不足");
			goto out;
		}
		if ((n = zip_fread(f, buf, (zip_uint64_t)chunk)) < 0) {
			sheet_build_fail(&x->b, "不是有效的Excel文件(xlsx压缩包损坏:"
			    "%s)", name);
			goto out;
		}
		got += (uint64_t)n;
		x->unzipped += (size_t)n;
		if (x->unzipped > x->b.caps.unzip_max) {
			xlsx_bomb(x);
			goto out;
		}
		if (got > XLSX_RATIO_FLOOR && got / comp >
		    (uint64_t)x->b.caps.ratio_max) {
			xlsx_ratio(x, name);
			goto out;
		}
		if (XML_ParseBuffer(x->parser, (int)n, n == 0) !=
		    XML_STATUS_OK) {
			if (!x->failed)
				xlsx_xml_error(x);
			goto out;
		}
	} while (n > 0);
	rc = 1;
out:
	if (x->parser != NULL)
		XML_ParserFree(x->parser);
	x->parser = NULL;
	zip_fclose(f);
	return rc;
}

/*
 * The sizes the zip directory claims, before anything is inflated (the
 * ratio is checked on the parts read, claimed and counted).
 */
static int
xlsx_check_entries(struct xlsx *x)
{
	zip_stat_t	st;
	zip_int64_t	n, i;
	uint64_t	total = 0;

	if ((n = zip_get_num_entries(x->zip, 0)) < 0 || n > XLSX_ENTRIES)
		return sheet_build_fail(&x->b, "不是有效的Excel文件(压缩包中的文件"
		    "过多)");
	for (i = 0; i < n; i++) {
		if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st) == -1 ||
		    !(st.valid & ZIP_STAT_SIZE) ||
		    !(st.valid & ZIP_STAT_COMP_SIZE))
			return sheet_build_fail(&x->b, "不是有效的Excel文件(xlsx压缩包"
			    "损坏)");
		if (st.size > x->b.caps.unzip_max - total)
			return xlsx_bomb(x);
		total += st.size;
	}
	return 0;
}

/* Find the workbook, its first worksheet and the parts it uses. */
static int
xlsx_read(struct xlsx *x)
{
	const char	*t, *book = "xl/workbook.xml";
	char		 dir[XLSX_PATH], rels[XLSX_PATH], path[XLSX_PATH];
	char		 styles[XLSX_PATH], sst[XLSX_PATH];
	int		 rc;

	if (xlsx_check_entries(x) == -1)
		return -1;
	if (xlsx_parse(x, "_rels/.rels", false, xlsx_rels_start, NULL) == -1)
		return -1;
	if ((t = xlsx_rel_by_type(x, "/officeDocument")) != NULL &&
	    xlsx_resolve("", t, path, sizeof(path)) == 0)
		book = arena_strdup(x->b.arena, path);
	/* xl/workbook.xml -> xl/_rels/workbook.xml.rels */
	xlsx_dir(book, dir, sizeof(dir));
	rc = snprintf(rels, sizeof(rels), "%s_rels/%s.rels", dir,
	    book + strlen(dir));
	if (rc < 0 || (size_t)rc >= sizeof(rels))
		return sheet_build_fail(&x->b, "不是有效的Excel文件(工作簿的位置无效)");
	x->nrels = 0;
	if (xlsx_parse(x, rels, true, xlsx_rels_start, NULL) == -1 ||
	    xlsx_parse(x, book, true, xlsx_book_start, NULL) == -1)
		return -1;
	if (x->sheet_part == NULL)
		return sheet_build_fail(&x->b, "工作簿中没有工作表");
	/* the styles and shared strings, where the rels say or by name */
	if ((t = xlsx_rel_by_type(x, "/styles")) == NULL ||
	    xlsx_resolve(dir, t, styles, sizeof(styles)) == -1)
		xlsx_resolve(dir, "styles.xml", styles, sizeof(styles));
	if ((t = xlsx_rel_by_type(x, "/sharedStrings")) == NULL ||
	    xlsx_resolve(dir, t, sst, sizeof(sst)) == -1)
		xlsx_resolve(dir, "sharedStrings.xml", sst, sizeof(sst));
	x->fmts = arena_alloc(x->b.arena, XLSX_FMTS * sizeof(*x->fmts));
	x->xf_date = arena_alloc(x->b.arena, XLSX_XFS * sizeof(*x->xf_date));
	if (xlsx_parse(x, styles, false, xlsx_styles_start,
	    xlsx_styles_end) == -1 ||
	    xlsx_parse(x, sst, false, xlsx_sst_start, xlsx_sst_end) == -1 ||
	    xlsx_parse(x, x->sheet_part, true, xlsx_sheet_start,
	    xlsx_sheet_end) == -1)
		return -1;
	return 0;
}

int
sheet_read_xlsx(const void *buf, size_t len, const struct sheet_caps *caps,
    struct arena *a, struct sheet *out, char *err, size_t errsz)
{
	struct xlsx	 x;
	zip_source_t	*src;
	zip_error_t	 ze;
	char		 sz[32];
	int		 rc = -1;

	memset(&x, 0, sizeof(x));
	sheet_build_init(&x.b, caps, a, out, "xlsx", err, errsz);
	if (len > x.b.caps.file_max) {
		sheet_size_str(x.b.caps.file_max, sz, sizeof(sz));
		return sheet_build_fail(&x.b, "文件超过%s", sz);
	}
	x.text = arena_alloc(a, x.b.caps.cell_max + 1);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return sheet_build_fail(&x.b, "内存不足");
	}
	if ((x.zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return sheet_build_fail(&x.b, "不是有效的Excel文件(xlsx压缩包损坏)");
	}
	zip_error_fini(&ze);
	rc = xlsx_read(&x);
	zip_discard(x.zip);		/* frees src */
	return rc;
}
