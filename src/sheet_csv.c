/*
 * .csv (and Excel's tab-separated "Unicode text"): decoded to UTF-8 in
 * one arena buffer, then split in place per RFC 4180, so that every
 * cell's text points into that buffer and nothing is copied twice.
 */
#include <iconv.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "sheet.h"
#include "util.h"

/*
 * Convert len bytes at in from the encoding from to UTF-8 in the arena
 * (NUL-terminated, the length into *outlen).  -1 on an invalid byte.
 */
static char *
csv_iconv(struct arena *a, const char *from, const char *in, size_t len,
    size_t *outlen)
{
	iconv_t	 cd;
	char	*out, *ip = (char *)(uintptr_t)in, *op;
	size_t	 il = len, ol, cap, r;

	/* two bytes become at most three, four at most four */
	cap = len + len / 2 + 4;
	out = arena_alloc(a, cap + 1);
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return NULL;
	op = out;
	ol = cap;
	r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1 || il != 0)
		return NULL;
	*op = '\0';
	*outlen = (size_t)(op - out);
	return out;
}

/* The whole file as UTF-8 in writable arena memory; -1 with err. */
static int
csv_decode(struct sheet_build *b, const char *p, size_t len, char **text,
    size_t *tlen)
{
	const char *enc = NULL;

	if (len >= 2 && memcmp(p, "\xff\xfe", 2) == 0)
		enc = "UTF-16LE";
	else if (len >= 2 && memcmp(p, "\xfe\xff", 2) == 0)
		enc = "UTF-16BE";
	if (enc != NULL) {
		b->sheet->encoding = enc;
		if ((*text = csv_iconv(b->arena, enc, p + 2, len - 2,
		    tlen)) == NULL || memchr(*text, '\0', *tlen) != NULL)
			return sheet_build_fail(b, "文件的%s编码无效,文件可能已损坏",
			    enc);
		return 0;
	}
	if (memchr(p, '\0', len) != NULL)
		return sheet_build_fail(b, "文件格式无法识别(不是xlsx、xls或csv文件)");
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		len -= 3;
		if (!util_utf8_valid(p, len))
			return sheet_build_fail(b, "文件标明是UTF-8编码,但含有无效的字符");
	}
	if (util_utf8_valid(p, len)) {
		b->sheet->encoding = "UTF-8";
		*text = arena_strndup(b->arena, p, len);
		*tlen = len;
		return 0;
	}
	b->sheet->encoding = "GB18030";
	if ((*text = csv_iconv(b->arena, "GB18030", p, len, tlen)) == NULL)
		return sheet_build_fail(b, "文件编码无法识别(不是UTF-8或GB18030),"
		    "请另存为UTF-8编码的CSV或xlsx");
	return 0;
}

/* ',', '\t' or ';', whichever the first record has most of. */
static char
csv_delim(const char *p, const char *end)
{
	static const char	 cand[] = ",\t;";
	int			 n[3] = { 0, 0, 0 }, i, best = 0;
	bool			 q = false;

	for (; p < end; p++) {
		if (*p == '"')
			q = !q;
		else if (!q && (*p == '\n' || *p == '\r'))
			break;
		else if (!q && (i = *p == ',' ? 0 : *p == '\t' ? 1 :
		    *p == ';' ? 2 : -1) >= 0)
			n[i]++;
	}
	for (i = 1; i < 3; i++)
		if (n[i] > n[best])
			best = i;
	return cand[best];
}

/*
 * Split text in place: fields end at the delimiter, records at CRLF,
 * LF or CR outside quotes; "" in quotes is a quote; CRLF inside quotes
 * becomes LF.  A record is a row, numbered as Excel would show it.
 */
static int
csv_split(struct sheet_build *b, char *p, char *end)
{
	char	*start, *w, term, delim = csv_delim(p, end);
	int	 rec = 0, col, qrec;

	while (p < end) {
		if (sheet_build_row(b, ++rec) == -1)
			return -1;
		for (col = 1;; col++) {
			start = w = p;
			if (*p == '"') {
				qrec = rec;
				for (p++;; ) {
					if (p == end)
						return sheet_build_fail(b,
						    "CSV文件第%d行的引号没有闭合",
						    qrec);
					if (*p == '"') {
						if (p + 1 == end || p[1] != '"') {
							p++;
							break;
						}
						*w++ = '"';
						p += 2;
						continue;
					}
					if (*p == '\r' && p + 1 < end &&
					    p[1] == '\n')
						p++;
					*w++ = *p++;
				}
				/* text after the closing quote is kept */
				while (p < end && *p != delim && *p != '\n' &&
				    *p != '\r')
					*w++ = *p++;
			} else {
				while (p < end && *p != delim && *p != '\n' &&
				    *p != '\r')
					p++;
				w = p;
			}
			term = p < end ? *p : '\0';
			*w = '\0';
			if (sheet_build_cell(b, col, CELL_STRING, start,
			    (size_t)(w - start), 0, 0) == -1)
				return -1;
			if (p < end && term == delim) {
				p++;
				continue;
			}
			if (p < end && term == '\r')
				p++;
			if (p < end && (term == '\n' || *p == '\n'))
				p++;
			break;
		}
		if (sheet_build_row_end(b) == -1)
			return -1;
	}
	return 0;
}

int
sheet_read_csv(const void *buf, size_t len, const struct sheet_caps *caps,
    struct arena *a, struct sheet *out, char *err, size_t errsz)
{
	struct sheet_build	 b;
	char			*text = NULL, sz[32];
	size_t			 tlen = 0;

	sheet_build_init(&b, caps, a, out, "csv", err, errsz);
	if (len > b.caps.file_max) {
		sheet_size_str(b.caps.file_max, sz, sizeof(sz));
		return sheet_build_fail(&b, "文件超过%s", sz);
	}
	if (csv_decode(&b, buf, len, &text, &tlen) == -1)
		return -1;
	return csv_split(&b, text, text + tlen);
}
