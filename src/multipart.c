/*
 * A multipart/form-data parser for uploads.  The body is searched for
 * its delimiters ("\r\n--" boundary, then "--" or transport padding
 * and CRLF); a boundary string that is not followed by either is data.
 * Every count and length a client controls is capped (multipart.h).
 */
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "util.h"

/* RFC 2046 bchars, without the space (allowed but not last). */
static bool
multipart_bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || strchr("'()+_,-./:=? ", c) != NULL;
}

static const char *
multipart_skip_ows(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * One parameter "; attr=value" of a header value at *pp (before end):
 * attr into [*an, *an+*al), value unquoted into val (valsz bytes, NUL
 * terminated).  Returns 1 on a parameter, 0 at the end, -1 on junk or
 * a value longer than valsz - 1.
 */
static int
multipart_param(const char **pp, const char *end, const char **an,
    size_t *al, char *val, size_t valsz)
{
	const char	*p = *pp;
	size_t		 n = 0;

	while (p < end && (*p == ' ' || *p == '\t' || *p == ';'))
		p++;
	if (p == end) {
		*pp = p;
		return 0;
	}
	*an = p;
	while (p < end && *p != '=' && *p != ';' && *p != ' ' && *p != '\t')
		p++;
	*al = (size_t)(p - *an);
	p = multipart_skip_ows(p, end);
	if (*al == 0 || p == end || *p != '=')
		return -1;
	p = multipart_skip_ows(p + 1, end);
	if (p < end && *p == '"') {
		for (p++; p < end && *p != '"'; p++) {
			/* \" and \\ are escapes; other backslashes are kept
			 * (a Windows path sent by an old browser) */
			if (*p == '\\' && p + 1 < end && (p[1] == '"' ||
			    p[1] == '\\'))
				p++;
			if (n + 1 >= valsz)
				return -1;
			val[n++] = *p;
		}
		if (p == end)
			return -1;
		p++;
	} else {
		for (; p < end && *p != ';' && *p != ' ' && *p != '\t'; p++) {
			if (n + 1 >= valsz)
				return -1;
			val[n++] = *p;
		}
	}
	val[n] = '\0';
	*pp = p;
	return 1;
}

int
multipart_boundary(const char *ctype, char *out, const char **why)
{
	static const char	 mt[] = "multipart/form-data";
	const char		*p, *end, *an;
	char			 val[MULTIPART_BOUNDARY_MAX + 2];
	size_t			 al, i, n;
	int			 rc;

	*why = "请以 multipart/form-data 方式上传文件";
	if (ctype == NULL)
		return -1;
	end = ctype + strlen(ctype);
	p = multipart_skip_ows(ctype, end);
	if ((size_t)(end - p) < sizeof(mt) - 1 ||
	    strncasecmp(p, mt, sizeof(mt) - 1) != 0)
		return -1;
	p += sizeof(mt) - 1;
	if (p < end && *p != ';' && *p != ' ' && *p != '\t')
		return -1;
	*why = "上传请求缺少有效的分隔符(boundary)";
	out[0] = '\0';
	while ((rc = multipart_param(&p, end, &an, &al, val,
	    sizeof(val))) == 1) {
		if (al != 8 || strncasecmp(an, "boundary", 8) != 0)
			continue;
		n = strlen(val);
		if (n == 0 || n > MULTIPART_BOUNDARY_MAX || val[n - 1] == ' ')
			return -2;
		for (i = 0; i < n; i++)
			if (!multipart_bchar((unsigned char)val[i]))
				return -2;
		memcpy(out, val, n + 1);
		return 0;
	}
	return -2;
}

/*
 * What follows a boundary at a: "--" (the close) or transport padding
 * and CRLF.  True if either, with *next after it and *close set.
 */
static bool
multipart_tail(const char *a, const char *end, const char **next,
    bool *close)
{
	if (end - a >= 2 && a[0] == '-' && a[1] == '-') {
		*next = a + 2;
		*close = true;
		return true;
	}
	a = multipart_skip_ows(a, end);
	if (end - a >= 2 && a[0] == '\r' && a[1] == '\n') {
		*next = a + 2;
		*close = false;
		return true;
	}
	return false;
}

/*
 * The next delimiter ("\r\n--" boundary and its tail) at or after from:
 * its start, with *next after its line and *close set; NULL if none.
 */
static const char *
multipart_find(const char *from, const char *end, const char *delim,
    size_t dlen, const char **next, bool *close)
{
	const char *hit;

	while (from < end && (hit = memmem(from, (size_t)(end - from), delim,
	    dlen)) != NULL) {
		if (multipart_tail(hit + dlen, end, next, close))
			return hit;
		from = hit + 1;
	}
	return NULL;
}

/* Decode RFC 5987 "UTF-8''%E5%8F%B0.pdf" in place; -1 if not that. */
static int
multipart_ext_value(char *v)
{
	char	*p, *q;
	int	 hi, lo;

	if (strncasecmp(v, "UTF-8'", 6) != 0 || (p = strchr(v + 6, '\'')) ==
	    NULL)
		return -1;
	for (p++, q = v; *p; p++) {
		if (*p != '%') {
			*q++ = *p;
			continue;
		}
		hi = p[1] >= '0' && p[1] <= '9' ? p[1] - '0' :
		    (p[1] | 0x20) >= 'a' && (p[1] | 0x20) <= 'f' ?
		    (p[1] | 0x20) - 'a' + 10 : -1;
		lo = hi < 0 ? -1 : p[2] >= '0' && p[2] <= '9' ? p[2] - '0' :
		    (p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'f' ?
		    (p[2] | 0x20) - 'a' + 10 : -1;
		if (hi < 0 || lo < 0)
			return -1;
		*q++ = (char)(hi * 16 + lo);
		p += 2;
	}
	*q = '\0';
	return 0;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static int
multipart_disposition(struct arena *a, const char *p, const char *end,
    struct multipart_part *pt)
{
	static const char	 fd[] = "form-data";
	const char		*an;
	char			 val[MULTIPART_NAME_MAX + 1];
	char			*fname = NULL, *fname_ext = NULL;
	size_t			 al;
	int			 rc;

	p = multipart_skip_ows(p, end);
	if ((size_t)(end - p) < sizeof(fd) - 1 ||
	    strncasecmp(p, fd, sizeof(fd) - 1) != 0)
		return -1;
	p += sizeof(fd) - 1;
	if (p < end && *p != ';' && *p != ' ' && *p != '\t')
		return -1;
	while ((rc = multipart_param(&p, end, &an, &al, val,
	    sizeof(val))) == 1) {
		if (al == 4 && strncasecmp(an, "name", 4) == 0 &&
		    pt->name == NULL)
			pt->name = arena_strdup(a, val);
		else if (al == 8 && strncasecmp(an, "filename", 8) == 0 &&
		    fname == NULL)
			fname = arena_strdup(a, val);
		else if (al == 9 && strncasecmp(an, "filename*", 9) == 0 &&
		    fname_ext == NULL) {
			if (multipart_ext_value(val) == -1)
				return -1;
			fname_ext = arena_strdup(a, val);
		}
	}
	if (rc == -1)
		return -1;
	pt->filename = fname_ext ? fname_ext : fname;
	return 0;
}

/* The headers [p, end) of part number k (1-based) into pt. */
static int
multipart_headers(struct arena *a, const char *p, const char *end,
    struct multipart_part *pt, size_t k, const char **why)
{
	const char	*eol, *colon, *v;
	size_t		 nl, lines = 0;
	bool		 disp = false;

	for (; p < end; p = eol + 2) {
		eol = memmem(p, (size_t)(end - p), "\r\n", 2);
		if (eol == NULL)
			eol = end;
		if (++lines > MULTIPART_HEADERS_MAX) {
			*why = arena_printf(a, "上传内容第%zu部分的头部行数过多", k);
			return -1;
		}
		for (v = p; v < eol; v++)
			if ((unsigned char)*v < 0x20 && *v != '\t') {
				*why = arena_printf(a,
				    "上传内容第%zu部分的头部含有非法字符", k);
				return -1;
			}
		if ((colon = memchr(p, ':', (size_t)(eol - p))) == NULL ||
		    colon == p || *p == ' ' || *p == '\t') {
			*why = arena_printf(a, "上传内容第%zu部分的头部格式错误", k);
			return -1;
		}
		nl = (size_t)(colon - p);
		v = multipart_skip_ows(colon + 1, eol);
		if (nl == 19 && strncasecmp(p, "Content-Disposition", nl) == 0) {
			if (disp || multipart_disposition(a, v, eol, pt) == -1) {
				*why = arena_printf(a, "上传内容第%zu部分的"
				    "Content-Disposition 头无效", k);
				return -1;
			}
			disp = true;
		} else if (nl == 12 && strncasecmp(p, "Content-Type", nl) == 0) {
			while (eol > v && (eol[-1] == ' ' || eol[-1] == '\t'))
				eol--;
			pt->ctype = arena_strndup(a, v, (size_t)(eol - v) > 200 ?
			    200 : (size_t)(eol - v));
		}
		if (eol == end)
			break;
	}
	if (!disp) {
		*why = arena_printf(a, "上传内容第%zu部分缺少 Content-Disposition 头",
		    k);
		return -1;
	}
	if (pt->name == NULL || pt->name[0] == '\0') {
		*why = arena_printf(a, "上传内容第%zu部分缺少字段名称(name)", k);
		return -1;
	}
	if (!util_utf8_valid(pt->name, strlen(pt->name)) || (pt->filename &&
	    !util_utf8_valid(pt->filename, strlen(pt->filename)))) {
		*why = arena_printf(a, "上传内容第%zu部分的名称或文件名含有无效字符",
		    k);
		return -1;
	}
	return 0;
}

int
multipart_parse(struct arena *a, const char *body, size_t len,
    const char *boundary, struct multipart *m, const char **why)
{
	const char	*end = body + len, *pos, *next, *hit, *hend;
	char		 delim[4 + MULTIPART_BOUNDARY_MAX + 1];
	size_t		 blen = strlen(boundary), dlen, k, hl;
	bool		 close;

	memset(m, 0, sizeof(*m));
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX) {
		*why = "上传请求缺少有效的分隔符(boundary)";
		return -1;
	}
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, blen);
	dlen = 4 + blen;
	/* the first delimiter opens the body or follows a preamble */
	if (!(len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0 &&
	    multipart_tail(body + dlen - 2, end, &next, &close)) &&
	    multipart_find(body, end, delim, dlen, &next, &close) == NULL) {
		*why = "上传内容格式错误:找不到分隔符(boundary)";
		return -1;
	}
	while (!close) {
		pos = next;
		k = m->nparts + 1;
		if (m->nparts == MULTIPART_PARTS_MAX) {
			*why = arena_printf(a, "上传内容的部分过多,最多%d个",
			    MULTIPART_PARTS_MAX);
			return -1;
		}
		if ((hit = multipart_find(pos, end, delim, dlen, &next,
		    &close)) == NULL) {
			*why = "上传内容不完整(缺少结束分隔符),请重新上传";
			return -1;
		}
		/* headers, a blank line, the data up to the delimiter */
		if (hit - pos >= 2 && pos[0] == '\r' && pos[1] == '\n')
			hend = pos;
		else {
			hl = (size_t)(hit - pos);
			if (hl > MULTIPART_HEAD_MAX + 4)
				hl = MULTIPART_HEAD_MAX + 4;
			if ((hend = memmem(pos, hl, "\r\n\r\n", 4)) == NULL) {
				*why = arena_printf(a, hl > MULTIPART_HEAD_MAX ?
				    "上传内容第%zu部分的头部过长" :
				    "上传内容第%zu部分缺少头部结束的空行", k);
				return -1;
			}
		}
		if (multipart_headers(a, pos, hend, &m->parts[m->nparts], k,
		    why) == -1)
			return -1;
		hend += hend == pos ? 2 : 4;
		m->parts[m->nparts].data = hend;
		m->parts[m->nparts].len = (size_t)(hit - hend);
		m->nparts++;
	}
	return 0;
}

const struct multipart_part *
multipart_get(const struct multipart *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->nparts; i++)
		if (strcmp(m->parts[i].name, name) == 0)
			return &m->parts[i];
	return NULL;
}

size_t
multipart_count(const struct multipart *m, const char *name)
{
	size_t i, n = 0;

	for (i = 0; i < m->nparts; i++)
		if (strcmp(m->parts[i].name, name) == 0)
			n++;
	return n;
}
