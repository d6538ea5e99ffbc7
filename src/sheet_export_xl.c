/*
 * The libxlsxwriter edge and the small helpers of the exports
 * (export_int.h): opening and closing workbooks, text a cell may hold,
 * sheet names, dates, widths, 万元 text, temporary files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "date.h"
#include "export.h"
#include "sheet_export_int.h"
#include "util.h"

void
export_wan(int64_t fen, char *out, size_t sz)
{
	uint64_t	u = fen < 0 ? (uint64_t)0 - (uint64_t)fen :
			    (uint64_t)fen;
	char		dec[8];
	int		n = 6;

	snprintf(dec, sizeof(dec), "%06llu", (unsigned long long)(u % 1000000));
	while (n > 2 && dec[n - 1] == '0')
		n--;
	dec[n] = '\0';
	snprintf(out, sz, "%s%llu.%s", fen < 0 ? "-" : "",
	    (unsigned long long)(u / 1000000), dec);
}

/* The code point at p (n bytes left) into *c; its length, 0 if bad. */
static size_t
export_utf8(const unsigned char *p, size_t n, uint32_t *c)
{
	size_t	len, i;

	if (p[0] < 0x80) {
		*c = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, *c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, *c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, *c = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		*c = (*c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && (*c < 0x800 || (*c >= 0xd800 && *c <= 0xdfff))) ||
	    (len == 4 && (*c < 0x10000 || *c > 0x10ffff)))
		return 0;
	return len;
}

int
export_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k;
	uint32_t		 c;
	int			 w = 0, max = 0;

	while (n > 0) {
		if ((k = export_utf8(p, n, &c)) == 0)
			k = 1, c = '?';
		if (c == '\n')
			w = 0;
		else
			w += (c >= 0x1100 && (c <= 0x115f || c >= 0x2e80)) &&
			    !(c >= 0xd7b0 && c <= 0xf8ff) ? 2 : 1;
		if (w > max)
			max = w;
		p += k;
		n -= k;
	}
	return max;
}

int
export_xl_clamp(int w)
{
	return w < EXPORT_WIDTH_MIN ? EXPORT_WIDTH_MIN :
	    w > EXPORT_WIDTH_MAX ? EXPORT_WIDTH_MAX : w;
}

const char *
export_xl_text(struct arena *a, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k, chars = 0, o = 0;
	uint32_t		 c;
	bool			 clean = true;
	char			*out;

	for (k = 0; k < n; k++)
		if ((p[k] < 0x20 && p[k] != '\t' && p[k] != '\n') ||
		    p[k] == 0x7f)
			clean = false;
	if (clean && util_utf8_valid(s, n) && n <= EXPORT_CELL_MAX)
		return s;
	out = arena_alloc(a, 3 * n + 1);
	while (n > 0 && chars < EXPORT_CELL_MAX) {
		if ((k = export_utf8(p, n, &c)) == 0) {
			memcpy(out + o, "\xef\xbf\xbd", 3);	/* U+FFFD */
			o += 3;
			k = 1;
			chars++;
		} else if (c == '\r')
			;
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			out[o++] = ' ';
			chars++;
		} else {
			memcpy(out + o, p, k);
			o += k;
			chars++;
		}
		p += k;
		n -= k;
	}
	out[o] = '\0';
	return out;
}

const char *
export_xl_sheetname(struct arena *a, const char *name, const char *fallback)
{
	const unsigned char	*p = (const unsigned char *)name;
	size_t			 n = strlen(name), k, o = 0;
	uint32_t		 c;
	int			 chars = 0;
	char			*out = arena_alloc(a, n + 1);

	/* Excel: 31 characters, none of []:*?/\ (nor ', which quotes) */
	while (n > 0 && chars < 31) {
		if ((k = export_utf8(p, n, &c)) == 0)
			k = 1, c = '_';
		if (c < 0x20 || c == 0x7f || (c < 0x80 &&
		    strchr("[]:*?/\\'", (int)c)))
			out[o++] = '_';
		else {
			memcpy(out + o, p, k);
			o += k;
		}
		chars++;
		p += k;
		n -= k;
	}
	out[o] = '\0';
	if (o == 0 || strcmp(out, LIST_SHEET) == 0 ||
	    strcmp(out, NOTE_SHEET) == 0 || strcasecmp(out, "history") == 0)
		return fallback;
	return out;
}

void
export_xl_date(lxw_worksheet *ws, int row, int col, int32_t day,
    lxw_format *fmt)
{
	lxw_datetime	dt;
	char		b[16];

	memset(&dt, 0, sizeof(dt));
	date_to_ymd(day, &dt.year, &dt.month, &dt.day);
	if (dt.year >= 1900 && dt.year <= 9999) {
		worksheet_write_datetime(ws, (lxw_row_t)row, (lxw_col_t)col,
		    &dt, fmt);
		return;
	}
	date_fmt(day, b, sizeof(b));
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, b, fmt);
}

lxw_workbook *
export_xl_open(const char *path, bool constant)
{
	lxw_workbook_options	o;
	const char		*tmp = getenv("TMPDIR");

	memset(&o, 0, sizeof(o));
	o.constant_memory = constant ? LXW_TRUE : LXW_FALSE;
	o.tmpdir = tmp && *tmp ? (char *)tmp : NULL;
	return workbook_new_opt(path, &o);
}

int
export_xl_close(lxw_workbook *wb, char *err, size_t errsz)
{
	lxw_error e;

	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		snprintf(err, errsz, "无法生成Excel文件(%s)", lxw_strerror(e));
		return -1;
	}
	return 0;
}

int
export_tmp(char *path, size_t sz)
{
	const char	*dir = getenv("TMPDIR");
	int		 fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	if ((size_t)snprintf(path, sz, "%s/taizhang-export-XXXXXX", dir) >=
	    sz) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkstemp(path)) == -1)
		return -1;
	close(fd);
	return 0;
}

int
export_slurp(const char *path, struct arena *a, size_t max, char **data,
    size_t *len)
{
	struct stat	 sb;
	FILE		*f;
	int		 rc = -1;

	*data = NULL;
	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		goto out;
	if (fstat(fileno(f), &sb) == -1 || sb.st_size < 0 ||
	    (uint64_t)sb.st_size > max)
		goto out;
	*data = arena_alloc(a, (size_t)sb.st_size + 1);
	if (fread(*data, 1, (size_t)sb.st_size, f) != (size_t)sb.st_size)
		goto out;
	(*data)[sb.st_size] = '\0';
	*len = (size_t)sb.st_size;
	rc = 0;
out:
	if (f)
		fclose(f);
	unlink(path);
	return rc;
}

char *
export_filename(struct arena *a, const char *name, const char *ext)
{
	char	*s = arena_printf(a, "%s", name), *p;
	int	 y, m, d;

	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f ||
		    strchr("/\\:*?\"<>|", *p))
			*p = '_';
	date_to_ymd(date_today(), &y, &m, &d);
	return arena_printf(a, "%s_%04d%02d%02d.%s", *s ? s : "台账", y, m, d,
	    ext);
}
