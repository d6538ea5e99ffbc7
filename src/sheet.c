/*
 * sheet_read() and what the three readers share: the caps, the row
 * builder that enforces them, Excel serial dates, column letters.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "date.h"
#include "sheet.h"

#define SHEET_POOL_BLOCK	65536

static const struct sheet_caps sheet_caps_default = {
	.file_max = 50 << 20,
	.unzip_max = 400 << 20,
	.ratio_max = 200,
	.rows_max = 200000,
	.cols_max = 256,
	.cell_max = 32 << 10,
	.cells_max = 5000000,
};

void
sheet_caps_fill(const struct sheet_caps *in, struct sheet_caps *c)
{
	const struct sheet_caps *d = &sheet_caps_default;

	if (in == NULL)
		in = d;
	c->file_max = in->file_max ? in->file_max : d->file_max;
	c->unzip_max = in->unzip_max ? in->unzip_max : d->unzip_max;
	c->ratio_max = in->ratio_max > 0 ? in->ratio_max : d->ratio_max;
	c->rows_max = in->rows_max > 0 ? in->rows_max : d->rows_max;
	c->cols_max = in->cols_max > 0 ? in->cols_max : d->cols_max;
	c->cell_max = in->cell_max ? in->cell_max : d->cell_max;
	c->cells_max = in->cells_max > 0 ? in->cells_max : d->cells_max;
	/* Excel's own limits; the scratch row and text buffer are this big */
	if (c->cols_max > 16384)
		c->cols_max = 16384;
	if (c->cell_max > 64 << 20)
		c->cell_max = 64 << 20;
}

void
sheet_size_str(size_t n, char *out, size_t sz)
{
	if (n >= 1 << 20 && n % (1 << 20) == 0)
		snprintf(out, sz, "%zuMB", n >> 20);
	else if (n >= 1 << 10 && n % (1 << 10) == 0)
		snprintf(out, sz, "%zuKB", n >> 10);
	else
		snprintf(out, sz, "%zu字节", n);
}

void
sheet_col_name(int col, char *out, size_t sz)
{
	char	t[4];
	size_t	n = 0, i;

	if (sz == 0)
		return;
	if (col < 1 || col > 18278) {	/* past ZZZ */
		out[0] = sz > 1 ? '?' : '\0';
		if (sz > 1)
			out[1] = '\0';
		return;
	}
	while (col > 0) {
		col--;
		t[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n && i + 1 < sz; i++)
		out[i] = t[n - 1 - i];
	out[i] = '\0';
}

const struct sheet_cell *
sheet_cell(const struct sheet_row *r, int col)
{
	if (r == NULL || col < 1 || col > r->ncells)
		return NULL;
	return &r->cells[col - 1];
}

/*
 * Excel counts days from 1900-01-01 = 1 and has a 1900-02-29 (60); the
 * 1904 system counts from 1904-01-01 = 0.  A serial below 1 is a time
 * of day, not a date; 60 is no day at all.
 */
int
sheet_serial_day(double serial, bool date1904, int32_t *day)
{
	int32_t n;

	if (!(serial >= 1 && serial < 2958466))	/* 9999-12-31; also NaN */
		return -1;
	n = (int32_t)serial;		/* floor: serial >= 1 */
	if (date1904)
		*day = date_from_ymd(1904, 1, 1) + n;
	else if (n < 60)
		*day = date_from_ymd(1899, 12, 31) + n;
	else if (n == 60)
		return -1;
	else
		*day = date_from_ymd(1899, 12, 30) + n;
	return 0;
}

/* Cut s (NUL-terminated) back to a whole UTF-8 character. */
static void
sheet_utf8_trim(char *s)
{
	size_t n = strlen(s), i, need;

	i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
		i--;
	if (i == 0)
		return;
	i--;
	if (((unsigned char)s[i] & 0x80) == 0)
		return;
	need = ((unsigned char)s[i] & 0xe0) == 0xc0 ? 2 :
	    ((unsigned char)s[i] & 0xf0) == 0xe0 ? 3 : 4;
	if (n - i < need)
		s[i] = '\0';
}

int
sheet_build_fail(struct sheet_build *b, const char *fmt, ...)
{
	va_list ap;

	if (b->errsz == 0)
		return -1;
	va_start(ap, fmt);
	if (vsnprintf(b->err, b->errsz, fmt, ap) >= (int)b->errsz)
		sheet_utf8_trim(b->err);
	va_end(ap);
	return -1;
}

void
sheet_build_init(struct sheet_build *b, const struct sheet_caps *caps,
    struct arena *a, struct sheet *sh, const char *format, char *err,
    size_t errsz)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	memset(sh, 0, sizeof(*sh));
	sheet_caps_fill(caps, &b->caps);
	b->arena = a;
	b->sheet = sh;
	b->err = err;
	b->errsz = errsz;
	if (errsz > 0)
		err[0] = '\0';
	sh->format = format;
	sh->name = "";
	b->scratch = arena_alloc(a, (size_t)b->caps.cols_max *
	    sizeof(*b->scratch));
	for (i = 0; i < (size_t)b->caps.cols_max; i++)
		b->scratch[i] = (struct sheet_cell){ .type = CELL_EMPTY,
		    .text = "" };
}

const char *
sheet_build_str(struct sheet_build *b, const char *s, size_t n)
{
	char *p;

	if (n == 0)
		return "";
	if (n + 1 > SHEET_POOL_BLOCK / 4)
		return arena_strndup(b->arena, s, n);
	if (b->pool_left < n + 1) {
		b->pool = arena_alloc(b->arena, SHEET_POOL_BLOCK);
		b->pool_left = SHEET_POOL_BLOCK;
	}
	p = b->pool;
	memcpy(p, s, n);
	p[n] = '\0';
	b->pool += n + 1;
	b->pool_left -= n + 1;
	return p;
}

int
sheet_build_row(struct sheet_build *b, int row)
{
	if (row <= b->row)
		return sheet_build_fail(b, "工作表的行顺序错误(第%d行出现在第%d行之后)",
		    row, b->row);
	b->row = row;
	return 0;
}

int
sheet_build_cell(struct sheet_build *b, int col, enum cell_type type,
    const char *text, size_t len, double num, int32_t day)
{
	char c[8], sz[32];

	if (type == CELL_EMPTY || len == 0)
		return 0;
	if (col < 1 || col > b->caps.cols_max) {
		sheet_col_name(col, c, sizeof(c));
		return sheet_build_fail(b, "工作表超过%d列(第%d行第%s列有内容)",
		    b->caps.cols_max, b->row, c);
	}
	if (len > b->caps.cell_max) {
		sheet_col_name(col, c, sizeof(c));
		sheet_size_str(b->caps.cell_max, sz, sizeof(sz));
		return sheet_build_fail(b, "第%d行第%s列的内容超过%s", b->row,
		    c, sz);
	}
	b->scratch[col - 1] = (struct sheet_cell){ .type = type, .day = day,
	    .text = text, .num = num };
	if (col > b->width)
		b->width = col;
	return 0;
}

int
sheet_build_row_end(struct sheet_build *b)
{
	struct sheet		*sh = b->sheet;
	struct sheet_row	*rows;
	struct sheet_row	*r;
	int			 i, n;

	if ((n = b->width) == 0)
		return 0;
	if (sh->nrows >= b->caps.rows_max)
		return sheet_build_fail(b, "工作表超过%d行", b->caps.rows_max);
	if (b->ncells + n > b->caps.cells_max)
		return sheet_build_fail(b, "工作表的单元格超过%ld个",
		    b->caps.cells_max);
	if (sh->nrows == b->rows_alloc) {
		b->rows_alloc = b->rows_alloc ? b->rows_alloc * 2 : 64;
		rows = arena_alloc(b->arena, (size_t)b->rows_alloc *
		    sizeof(*rows));
		if (sh->nrows > 0)
			memcpy(rows, sh->rows, (size_t)sh->nrows *
			    sizeof(*rows));
		sh->rows = rows;
	}
	r = &sh->rows[sh->nrows++];
	r->row = b->row;
	r->ncells = n;
	r->cells = arena_alloc(b->arena, (size_t)n * sizeof(*r->cells));
	memcpy(r->cells, b->scratch, (size_t)n * sizeof(*r->cells));
	b->ncells += n;
	for (i = 0; i < n; i++)
		b->scratch[i] = (struct sheet_cell){ .type = CELL_EMPTY,
		    .text = "" };
	b->width = 0;
	return 0;
}

int
sheet_build_merge(struct sheet_build *b, int r1, int c1, int r2, int c2)
{
	struct sheet		*sh = b->sheet;
	struct sheet_merge	*m;

	if (r1 < 1 || c1 < 1 || r2 < r1 || c2 < c1)
		return 0;
	if (sh->nmerges >= SHEET_MERGES_MAX)
		return sheet_build_fail(b, "工作表的合并单元格超过%d个",
		    SHEET_MERGES_MAX);
	if (sh->nmerges == b->merges_alloc) {
		b->merges_alloc = b->merges_alloc ? b->merges_alloc * 2 : 16;
		m = arena_alloc(b->arena, (size_t)b->merges_alloc *
		    sizeof(*m));
		if (sh->nmerges > 0)
			memcpy(m, sh->merges, (size_t)sh->nmerges *
			    sizeof(*m));
		sh->merges = m;
	}
	sh->merges[sh->nmerges++] = (struct sheet_merge){ r1, c1, r2, c2 };
	return 0;
}

/* Web pages and XML saved as ".xls" by other systems. */
static bool
sheet_is_markup(const unsigned char *p, size_t len)
{
	static const char *const tags[] = { "<?xml", "<html", "<!doctype",
	    "<table", "<head", "<meta" };
	size_t i;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
	}
	while (len > 0 && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n')) {
		p++;
		len--;
	}
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (len >= strlen(tags[i]) && strncasecmp((const char *)p,
		    tags[i], strlen(tags[i])) == 0)
			return true;
	return false;
}

/* The file name without directory and extension, for a CSV's name. */
static const char *
sheet_stem(const char *filename, struct arena *a)
{
	const char *b, *dot;

	if (filename == NULL)
		return "";
	b = strrchr(filename, '/');
	b = b ? b + 1 : filename;
	dot = strrchr(b, '.');
	return arena_strndup(a, b, dot && dot != b ? (size_t)(dot - b) :
	    strlen(b));
}

int
sheet_read(const void *buf, size_t len, const char *filename,
    const struct sheet_caps *caps, struct arena *a, struct sheet *out,
    char *err, size_t errsz)
{
	const unsigned char	*p = buf;
	struct sheet_build	 b;
	struct sheet_caps	 c;
	char			 sz[32];

	sheet_caps_fill(caps, &c);
	memset(out, 0, sizeof(*out));
	if (len > c.file_max) {
		sheet_size_str(c.file_max, sz, sizeof(sz));
		snprintf(err, errsz, "文件超过%s", sz);
		return -1;
	}
	if (len == 0) {
		snprintf(err, errsz, "文件是空的");
		return -1;
	}
	if (len >= 4 && p[0] == 'P' && p[1] == 'K' && ((p[2] == 3 &&
	    p[3] == 4) || (p[2] == 5 && p[3] == 6)))
		return sheet_read_xlsx(buf, len, &c, a, out, err, errsz);
	if (len >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
		return sheet_read_xls(buf, len, &c, a, out, err, errsz);
	if (sheet_is_markup(p, len)) {
		sheet_build_init(&b, &c, a, out, "csv", err, errsz);
		return sheet_build_fail(&b, "文件内容是网页或XML格式,不是真正的"
		    "Excel文件,请用Excel打开后另存为.xlsx再上传");
	}
	if (sheet_read_csv(buf, len, &c, a, out, err, errsz) == -1)
		return -1;
	out->name = sheet_stem(filename, a);
	return 0;
}
