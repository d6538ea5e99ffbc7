/*
 * Values as offices type them (value.h).  Every parser first folds its
 * text (value_fold) into a bounded buffer, so that it scans ASCII
 * digits, ASCII punctuation and single spaces; numbers are kept as
 * decimal digits and scaled exactly, never in floating point.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "sheet.h"
#include "util.h"
#include "value.h"
#include "value_int.h"

#define VALUE_QUOTE_MAX	60	/* bytes of a value quoted in a reason */
#define VALUE_DIGITS	40	/* significant digits of a number */
#define VALUE_COUNT_MAX	INT64_C(1000000000000)

/* One reason per thread, overwritten by the next failure (value.h). */
static _Thread_local char value_whybuf[512];

/* A decimal number: d (no leading zeros) times 10^-scale. */
struct dec {
	char	d[VALUE_DIGITS];
	int	nd;
	int	scale;
};

enum dec_rc { DEC_OK, DEC_NONE, DEC_COMMA, DEC_SPACE, DEC_LONG };

static const char *const approx_pre[] = { "大约", "将近", "接近", "约", "近",
	"逾", "超过", NULL };
static const char *const approx_post[] = { "左右", "上下", "以上", "余", "多",
	NULL };
static const char *const money_sign[] = { "¥", "￥", "RMB", "人民币", NULL };

bool
value_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Decode one UTF-8 sequence at p (not at its NUL) into *cp; U+FFFD and
 * one byte for anything malformed.  Continuation bytes are checked
 * before the next is read, so this never reads past a NUL.
 */
size_t
value_u8(const char *p, uint32_t *cp)
{
	const unsigned char	*s = (const unsigned char *)p;
	uint32_t		 c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		c = (uint32_t)(s[0] & 0x0f) << 12 |
		    (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) {
			*cp = c;
			return 3;
		}
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		c = (uint32_t)(s[0] & 0x07) << 18 |
		    (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		if (c >= 0x10000 && c <= 0x10ffff) {
			*cp = c;
			return 4;
		}
	}
	*cp = 0xfffd;
	return 1;
}

static size_t
value_u8put(uint32_t c, char *o)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | c >> 6);
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | c >> 12);
		o[1] = (char)(0x80 | (c >> 6 & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | c >> 18);
	o[1] = (char)(0x80 | (c >> 12 & 0x3f));
	o[2] = (char)(0x80 | (c >> 6 & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

static bool
value_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 ||
	    c == 0xa0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200a) ||
	    c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f;
}

static bool
value_zerowidth(uint32_t c)
{
	return (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff;
}

int
value_fold(const char *s, bool nospace, char *out, size_t sz)
{
	size_t		 n = 0, k;
	uint32_t	 c;
	char		 enc[4];
	bool		 gap = false;

	while (*s) {
		s += value_u8(s, &c);
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0;
		else if (c == 0x2212)
			c = '-';
		if (value_zerowidth(c))
			continue;
		if (value_space(c)) {
			gap = n > 0;
			continue;
		}
		if (gap && !nospace) {
			if (n + 1 >= sz)
				goto full;
			out[n++] = ' ';
		}
		gap = false;
		k = value_u8put(c, enc);
		if (n + k >= sz)
			goto full;
		memcpy(out + n, enc, k);
		n += k;
	}
	out[n] = '\0';
	return (int)n;
full:
	out[n] = '\0';
	return -1;
}

char *
value_clean(struct arena *a, const char *s)
{
	char		*out;
	size_t		 n = 0, end = 0, k;
	uint32_t	 c;

	/* an invalid byte becomes three */
	out = arena_alloc(a, 3 * strlen(s) + 1);
	while (*s && (k = value_u8(s, &c)) &&
	    (value_space(c) || value_zerowidth(c)))
		s += k;
	while (*s) {
		s += value_u8(s, &c);
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0;
		n += value_u8put(c, out + n);
		if (!value_space(c) && !value_zerowidth(c))
			end = n;
	}
	out[end] = '\0';
	return out;
}

/* Set *why to pre「v」post, v cut to VALUE_QUOTE_MAX bytes; return -1. */
int
value_fail(const char **why, const char *pre, const char *v,
    const char *post)
{
	char	q[VALUE_QUOTE_MAX + 4];
	size_t	n;

	if (why == NULL)
		return -1;
	n = strlen(v);
	if (n > VALUE_QUOTE_MAX) {
		n = VALUE_QUOTE_MAX;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
		memcpy(q, v, n);
		memcpy(q + n, "…", 4);
	} else
		memcpy(q, v, n + 1);
	snprintf(value_whybuf, sizeof(value_whybuf), "%s「%s」%s", pre, q,
	    post);
	*why = value_whybuf;
	return -1;
}

int
value_static(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -1;
}

/* Fold text into t, squeezing spaces; on overflow a reason and -1. */
int
value_prep(const char *text, char *t, size_t sz, const char *what,
    const char **why)
{
	char tail[64];

	if (text == NULL)
		text = "";
	if (value_fold(text, false, t, sz) == -1) {
		snprintf(tail, sizeof(tail), "太长,不像%s", what);
		/* the reason is built from t, the prefix that fitted */
		return value_fail(why, "", t, tail);
	}
	return 0;
}

/* The length of the word of w that s starts with, or 0. */
size_t
value_word(const char *s, const char *const *w)
{
	size_t n;

	for (; *w; w++) {
		n = strlen(*w);
		if (strncmp(s, *w, n) == 0)
			return n;
	}
	return 0;
}

/* Cut from the end of t the words of w, as long as one is there. */
bool
value_cut_end(char *t, const char *const *w)
{
	size_t	n, k;
	bool	cut = false;
	int	i;

	for (i = 0; w[i]; i++) {
		n = strlen(t);
		k = strlen(w[i]);
		if (n >= k && strcmp(t + n - k, w[i]) == 0) {
			t[n - k] = '\0';
			cut = true;
			i = -1;
		}
	}
	return cut;
}

static bool
value_has_digit(const char *s)
{
	for (; *s; s++)
		if (value_digit(*s))
			return true;
	return false;
}

/* Trim trailing spaces and list punctuation from t. */
static void
value_trim_end(char *t)
{
	static const char *const punct[] = { " ", ",", ";", ":", "、", "。",
		NULL };

	value_cut_end(t, punct);
}

/*
 * Scan a number at s: digits with "," or " " thousands separators
 * (after a first group of one to three digits, groups of exactly
 * three), a fraction, an exponent ("1.5E+3").  *end is set after it.
 */
static enum dec_rc
value_dec(const char *s, struct dec *x, const char **end)
{
	const char	*p = s, *q;
	char		 sep = 0;
	int		 g, nint = 0, nfrac = 0, e = 0, esign = 1, ne = 0;

	memset(x, 0, sizeof(*x));
#define DEC_PUSH(c) do {						\
	if (x->nd > 0 || (c) != '0') {					\
		if (x->nd == VALUE_DIGITS)				\
			return DEC_LONG;				\
		x->d[x->nd++] = (c);					\
	}								\
} while (0)
	for (g = 0; value_digit(*p); p++, g++, nint++)
		DEC_PUSH(*p);
	while (nint > 0 && (*p == ',' || *p == ' ') && value_digit(p[1])) {
		if (sep != 0 && *p != sep)
			break;
		for (q = p + 1; value_digit(*q); q++)
			;
		if ((sep == 0 && g > 3) || q - p - 1 != 3)
			return *p == ',' ? DEC_COMMA : DEC_SPACE;
		sep = *p;
		for (p++, g = 0; p < q; p++, g++, nint++)
			DEC_PUSH(*p);
	}
	if (*p == '.' && value_digit(p[1]))
		for (p++; value_digit(*p); p++, nfrac++)
			DEC_PUSH(*p);
	else if (*p == '.' && nint > 0 && p[1] == '\0')
		p++;
	if (nint == 0 && nfrac == 0)
		return DEC_NONE;
	if ((*p == 'e' || *p == 'E') && (value_digit(p[1]) ||
	    ((p[1] == '+' || p[1] == '-') && value_digit(p[2])))) {
		p++;
		if (*p == '+' || *p == '-')
			esign = *p++ == '-' ? -1 : 1;
		for (; value_digit(*p); p++)
			if (++ne > 3)
				return DEC_LONG;
			else
				e = e * 10 + (*p - '0');
	}
#undef DEC_PUSH
	x->scale = nfrac - esign * e;
	if (x->nd == 0)
		x->scale = 0;
	if (x->scale < -VALUE_DIGITS || x->scale > 2 * VALUE_DIGITS)
		return DEC_LONG;
	*end = p;
	return DEC_OK;
}

/*
 * x times mul as an integer no larger than max: 0 if exact, 1 if the
 * digits below the unit are binary noise (15 or more significant
 * digits, then a run of at least three 0s or 9s: rounded half up), -1
 * if they are real, -2 if the result is over max.  mul is at most
 * 10^15.
 */
static int
value_scale(const struct dec *x, int64_t mul, int64_t max, int64_t *out)
{
	unsigned char	 p[VALUE_DIGITS + 24];
	uint64_t	 carry = 0, t;
	int64_t		 v = 0;
	int		 np = 0, i, lo, first, run;
	bool		 zero = true;

	for (i = x->nd - 1; i >= 0; i--) {
		t = (uint64_t)(x->d[i] - '0') * (uint64_t)mul + carry;
		p[np++] = (unsigned char)(t % 10);
		carry = t / 10;
	}
	for (; carry; carry /= 10)
		p[np++] = (unsigned char)(carry % 10);
	lo = x->scale > 0 ? x->scale : 0;
	for (i = np - 1; i >= lo; i--) {
		if (v > (max - p[i]) / 10)
			return -2;
		v = v * 10 + p[i];
	}
	for (i = x->scale; i < 0; i++) {
		if (v > max / 10)
			return -2;
		v *= 10;
	}
	*out = v;
	for (i = 0; i < lo && i < np; i++)
		if (p[i] != 0)
			zero = false;
	if (zero)
		return 0;
	first = lo - 1 < np ? p[lo - 1] : 0;
	for (run = 0, i = lo - 1; i >= 0 && (i < np ? p[i] : 0) == first; i--)
		run++;
	if (x->nd < 15 || run < 3 || (first != 0 && first != 9))
		return -1;
	if (first == 9) {
		if (v >= max)
			return -2;
		*out = v + 1;
	}
	return 1;
}

/*
 * The money unit word at s ("万元", "亿", "元"...) in fen, its length
 * in *len; 0 if none.
 */
static int64_t
value_unit_word(const char *s, size_t *len)
{
	static const struct {
		const char	*w;
		int64_t		 fen;
	} units[] = {
		{ "百万元", 100 * FEN_PER_WAN }, { "亿元", FEN_PER_YI },
		{ "万元", FEN_PER_WAN }, { "千元", 1000 * FEN_PER_YUAN },
		{ "亿", FEN_PER_YI }, { "万", FEN_PER_WAN },
		{ "千", 1000 * FEN_PER_YUAN }, { "元", FEN_PER_YUAN },
	};
	size_t i, n;

	for (i = 0; i < NELEM(units); i++) {
		n = strlen(units[i].w);
		if (strncmp(s, units[i].w, n) == 0) {
			*len = n;
			return units[i].fen;
		}
	}
	return 0;
}

/* Does a unit word end at s (end of text or punctuation)? */
static bool
value_unit_end(const char *s)
{
	static const char *const ends[] = { ")", ",", ";", "/", ".", ":",
		"]", "、", "。", "】", NULL };

	return *s == '\0' || value_word(s, ends) > 0;
}

int64_t
value_unit_of(const char *text)
{
	char		 t[VALUE_TEXT_MAX];
	const char	*p;
	uint32_t	 c;
	size_t		 n;
	int64_t		 u;

	if (text == NULL)
		return 0;
	(void)value_fold(text, true, t, sizeof(t));	/* a prefix will do */
	for (p = t; *p; p += value_u8(p, &c)) {
		if (p != t && p[-1] != '(' && p[-1] != '/' && p[-1] != ':' &&
		    p[-1] != '[' && (p - t < 6 || strncmp(p - 6, "单位", 6) != 0))
			continue;
		if ((u = value_unit_word(p, &n)) != 0 && value_unit_end(p + n))
			return u;
	}
	return 0;
}

/*
 * Cut t at the first bracket or 其中: "10(其中,灾情因素6万元)" is 10.
 * Return the unit a bracket holds alone ("100(万元)"), or 0.
 */
static int64_t
value_cut_aside(char *t)
{
	static const char *const opens[] = { "(", "[", "【", "〔", NULL };
	char	*p;
	size_t	 n, k;
	int64_t	 u = 0;

	for (p = t; *p; p++) {
		if ((n = value_word(p, opens)) > 0) {
			if ((u = value_unit_word(p + n, &k)) != 0 &&
			    !value_unit_end(p + n + k))
				u = 0;
			break;
		}
		if (strncmp(p, "其中", 6) == 0)
			break;
	}
	*p = '\0';
	value_trim_end(t);
	return u;
}

int
value_amount(const char *text, int64_t unit_fen, int64_t *fen, bool *approx,
    const char **why)
{
	char		 t[VALUE_TEXT_MAX], orig[VALUE_TEXT_MAX];
	const char	*p, *q;
	struct dec	 x;
	int64_t		 unit = 0, aside;
	size_t		 n;
	bool		 ap = false;

	if (approx)
		*approx = false;
	if (value_prep(text, t, sizeof(t), "金额", why) == -1)
		return -1;
	if (*t == '\0')
		return value_static(why, "金额为空");
	if (unit_fen < 0 || unit_fen > FEN_PER_YI * 10000)
		return value_static(why, "金额的单位无效");
	memcpy(orig, t, sizeof(t));
	aside = value_cut_aside(t);
	p = t;
	if ((n = value_word(p, approx_pre)) > 0) {
		ap = true;
		p += n;
	}
	while (*p == ' ')
		p++;
	if ((n = value_word(p, money_sign)) > 0)
		for (p += n; *p == ' '; p++)
			;
	if (*p == '+')
		p++;
	if (*p == '-' || strncmp(p, "负", 3) == 0)
		return value_static(why, "金额不能为负数");
	switch (value_dec(p, &x, &q)) {
	case DEC_OK:
		break;
	case DEC_COMMA:
		return value_fail(why, "", orig, "中的逗号不是千位分隔符");
	case DEC_SPACE:
		return value_fail(why, "", orig, "中有两个数,无法确定金额");
	case DEC_LONG:
		return value_fail(why, "金额", orig, "的数字位数太多");
	default:
		if (value_has_digit(p))
			return value_fail(why, "", orig, "中金额前有别的文字");
		return value_fail(why, "无法识别的金额", orig, "");
	}
	for (p = q; *p == ' '; p++)
		;
	if ((n = value_word(p, approx_post)) > 0 && n == 3 &&
	    value_unit_word(p + n, &n) != 0) {
		ap = true;			/* 100余万元 */
		p += 3;
	}
	if ((unit = value_unit_word(p, &n)) != 0) {
		p += n;
		if (unit != FEN_PER_YUAN && (strncmp(p, "余", 3) == 0 ||
		    strncmp(p, "多", 3) == 0)) {
			ap = true;		/* 100万余元 */
			p += 3;
		}
		if (unit != FEN_PER_YUAN && strncmp(p, "元", 3) == 0)
			p += 3;
		if (strncmp(p, "整", 3) == 0)
			p += 3;
	}
	while (*p == ' ')
		p++;
	if ((n = value_word(p, approx_post)) > 0) {
		ap = true;
		p += n;
	}
	if (*p == '.' && p[1] == '\0')
		p++;
	if (*p != '\0') {
		if (value_has_digit(p))
			return value_fail(why, "", orig, "中有两个数,无法确定金额");
		return value_fail(why, "无法识别的金额", orig, "");
	}
	if (unit == 0)
		unit = aside ? aside : unit_fen ? unit_fen : FEN_PER_YUAN;
	switch (value_scale(&x, unit, VALUE_FEN_MAX, fen)) {
	case -1:
		return value_fail(why, "金额", orig, "精确到了分以下");
	case -2:
		return value_fail(why, "金额", orig, "超过10万亿元,请检查单位");
	default:
		break;
	}
	if (approx)
		*approx = ap;
	return 0;
}

int
value_fund(const char *text, int64_t unit_fen, char *src, size_t srcsz,
    int64_t *fen, bool *approx, const char **why)
{
	char	t[VALUE_TEXT_MAX];
	size_t	i, j, n;
	int	k;
	bool	again;

	if (srcsz > 0)
		*src = '\0';
	if (value_prep(text, t, sizeof(t), "资金来源和金额", why) == -1)
		return -1;
	for (i = 0; t[i] && !value_digit(t[i]); i++)
		;
	if (t[i] == '\0')
		return value_amount(t, unit_fen, fen, approx, why);
	/* the words 约 ¥ 近 right before the number belong to it */
	for (j = i, again = true; again;) {
		again = false;
		for (k = 0; k < 2; k++) {
			const char *const *w = k ? money_sign : approx_pre;

			for (; *w; w++) {
				n = strlen(*w);
				if (j >= n && strncmp(t + j - n, *w, n) == 0) {
					j -= n;
					again = true;
					break;
				}
			}
		}
	}
	if (value_amount(t + j, unit_fen, fen, approx, why) == -1)
		return -1;
	t[j] = '\0';
	value_trim_end(t);
	if (util_strlcpy(src, t, srcsz) == -1)
		return value_fail(why, "资金来源", t, "太长");
	return 0;
}

int
value_count(const char *text, int64_t *n, const char **why)
{
	static const char *const pre[] = { "≥", "≧", ">=", ">", "大于等于",
		"大于", "不少于", "不低于", "不小于", "超过", "大约", "约", "近",
		"逾", "达", "共", NULL };
	char		 t[VALUE_TEXT_MAX], orig[VALUE_TEXT_MAX];
	const char	*p, *q;
	struct dec	 x;
	int64_t		 mul = 1;
	size_t		 k;
	uint32_t	 c;
	int		 units;

	if (value_prep(text, t, sizeof(t), "数量", why) == -1)
		return -1;
	if (*t == '\0')
		return value_static(why, "数量为空");
	memcpy(orig, t, sizeof(t));
	(void)value_cut_aside(t);
	for (p = t; (k = value_word(p, pre)) > 0 || *p == ' '; p += k ? k : 1)
		;
	if (*p == '+')
		p++;
	if (*p == '-' || strncmp(p, "负", 3) == 0)
		return value_static(why, "数量不能为负数");
	switch (value_dec(p, &x, &q)) {
	case DEC_OK:
		break;
	case DEC_COMMA:
		return value_fail(why, "", orig, "中的逗号不是千位分隔符");
	case DEC_SPACE:
		return value_fail(why, "", orig, "中有两个数");
	case DEC_LONG:
		return value_fail(why, "数量", orig, "太大");
	default:
		return value_fail(why, "无法识别的数量", orig, "");
	}
	for (p = q; *p == ' '; p++)
		;
	if (strncmp(p, "万", 3) == 0) {
		mul = 10000;
		p += 3;
	}
	/* 余 多 左右 以上, then a unit word: 户 人次 平方米 ... */
	while ((k = value_word(p, approx_post)) > 0)
		p += k;
	for (q = p, units = 0; *q && !value_digit(*q) && units <= 4; units++)
		q += value_u8(q, &c);
	if (*q != '\0' || units > 4) {
		if (value_has_digit(p))
			return value_fail(why, "", orig, "中有两个数");
		return value_fail(why, "无法识别的数量", orig, "");
	}
	switch (value_scale(&x, mul, VALUE_COUNT_MAX, n)) {
	case -1:
		return value_fail(why, "数量", orig, "不是整数");
	case -2:
		return value_fail(why, "数量", orig, "太大");
	default:
		return 0;
	}
}

/*
 * One phone number in s into o (at least 32 bytes): 0, -1 if not a
 * number, -2 if it looks like a mobile number of the wrong length.
 */
static int
value_phone1(const char *s, char *o, size_t osz)
{
	static const char *const exts[] = { "转", "分机", "ext", "EXT", "Ext",
		"x", "X", NULL };
	char		 d[32], ext[8] = "", area[8] = "", local[16];
	int		 gl[8], ng = 0, nd = 0, i, ne, arealen;
	size_t		 k;
	uint32_t	 c;
	bool		 open = false;

	/* a name or label before the number: "张三13912345678", "手机:" */
	while (*s && !value_digit(*s) && *s != '(' && *s != '+')
		s += value_u8(s, &c);
	if (*s == '+') {
		if (strncmp(s, "+86", 3) != 0)
			return -1;
		s += 3;
	} else if (strncmp(s, "(+86)", 5) == 0)
		s += 5;
	for (; *s; s++) {
		if (value_digit(*s)) {
			if (nd == (int)sizeof(d) - 1)
				return -1;
			if (!open) {
				if (ng == (int)NELEM(gl))
					return -1;
				gl[ng++] = 0;
				open = true;
			}
			d[nd++] = *s;
			gl[ng - 1]++;
		} else if (*s == ' ' || *s == '-' || *s == '(' || *s == ')' ||
		    *s == '.')
			open = false;
		else if ((k = value_word(s, exts)) > 0 && nd > 0 &&
		    value_digit(s[k])) {
			for (s += k, ne = 0; value_digit(*s); s++, ne++)
				if (ne == 6)
					return -1;
				else
					ext[ne] = *s;
			ext[ne] = '\0';
			if (*s != '\0')
				return -1;
			break;
		} else
			return -1;
	}
	d[nd] = '\0';
	if (nd == 13 && strncmp(d, "861", 3) == 0) {
		memmove(d, d + 2, 12);
		nd = 11;
		ng = 1;
	}
	if (nd == 11 && d[0] == '1' && d[1] >= '3' && d[1] <= '9') {
		if (*ext)
			return -1;
		return util_strlcpy(o, d, osz);
	}
	if (d[0] == '1' && nd >= 9 && nd <= 13)
		return -2;
	if (nd == 10 && (strncmp(d, "400", 3) == 0 ||
	    strncmp(d, "800", 3) == 0) && *ext == '\0')
		return snprintf(o, osz, "%.3s-%.3s-%.4s", d, d + 3, d + 6) >=
		    (int)osz ? -1 : 0;
	/* the area code: the first group if it looks like one */
	arealen = 0;
	if (d[0] == '0') {
		if (ng > 1 && (gl[0] == 3 || gl[0] == 4))
			arealen = gl[0];
		else
			arealen = d[1] == '1' || d[1] == '2' ? 3 : 4;
	}
	/* a last short group after a complete number is an extension */
	if (*ext == '\0' && ng > 1 && gl[ng - 1] <= 5 &&
	    nd - gl[ng - 1] - arealen >= 7 && nd - gl[ng - 1] - arealen <= 8 &&
	    !(nd - arealen >= 7 && nd - arealen <= 8)) {
		memcpy(ext, d + nd - gl[ng - 1], (size_t)gl[ng - 1]);
		ext[gl[ng - 1]] = '\0';
		nd -= gl[ng - 1];
		d[nd] = '\0';
	}
	if (nd - arealen < 7 || nd - arealen > 8 || d[arealen] < '2')
		return -1;
	memcpy(area, d, (size_t)arealen);
	area[arealen] = '\0';
	memcpy(local, d + arealen, (size_t)(nd - arealen) + 1);
	i = snprintf(o, osz, "%s%s%s%s%s", area, *area ? "-" : "", local,
	    *ext ? "转" : "", ext);
	return i < 0 || (size_t)i >= osz ? -1 : 0;
}

int
value_phone(const char *text, char *out, size_t sz, const char **why)
{
	static const char *const seps[] = { "、", ",", ";", "/", "或", NULL };
	char		 t[VALUE_TEXT_MAX], one[40], *p, *part;
	size_t		 n = 0, k, m;
	int		 rc;
	bool		 last = false;

	if (sz == 0)
		return value_static(why, "电话号码放不下");
	*out = '\0';
	if (value_prep(text, t, sizeof(t), "电话号码", why) == -1)
		return -1;
	if (*t == '\0')
		return value_static(why, "电话为空");
	for (part = p = t; !last; ) {
		k = value_word(p, seps);
		if (*p != '\0' && k == 0) {
			p++;
			continue;
		}
		last = *p == '\0';
		*p = '\0';
		p += k;
		if (*part == ' ')
			part++;
		value_trim_end(part);
		if (*part == '\0') {
			part = p;
			continue;
		}
		if ((rc = value_phone1(part, one, sizeof(one))) == -2)
			return value_fail(why, "手机号码", part, "应为11位数字");
		if (rc == -1)
			return value_fail(why, "无法识别的电话号码", part, "");
		m = strlen(one);
		if (n + (n ? 3 : 0) + m + 1 > sz)
			return value_static(why, "电话号码太多,放不下");
		if (n) {
			memcpy(out + n, "、", 3);
			n += 3;
		}
		memcpy(out + n, one, m + 1);
		n += m;
		part = p;
	}
	if (n == 0)
		return value_static(why, "电话为空");
	return 0;
}

int
value_yesno(const char *text, bool *out, const char **why)
{
	static const char *const yes[] = { "是", "有", "对", "√", "✓", "✔",
		"Y", "YES", "TRUE", "1", "是的", NULL };
	static const char *const no[] = { "否", "无", "没有", "不是", "错", "×",
		"✗", "✘", "X", "N", "NO", "FALSE", "0", NULL };
	char	t[64], *p;
	int	i;

	if (value_fold(text ? text : "", true, t, sizeof(t)) == -1)
		return value_static(why, "是否值太长,应为「是」或「否」");
	for (p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	for (i = 0; yes[i]; i++)
		if (strcmp(t, yes[i]) == 0) {
			*out = true;
			return 0;
		}
	for (i = 0; no[i]; i++)
		if (strcmp(t, no[i]) == 0) {
			*out = false;
			return 0;
		}
	if (*t == '\0')
		return value_static(why, "是否值为空");
	return value_fail(why, "", t, "应为「是」或「否」");
}

bool
value_blank(const char *text)
{
	static const char *const blank[] = { "/", "\\", "-", "--", "---", "—",
		"——", "无", "暂无", "空", "N/A", NULL };
	char	t[32], *p;
	int	i;

	if (value_fold(text ? text : "", true, t, sizeof(t)) == -1)
		return false;
	for (p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	if (*t == '\0')
		return true;
	for (i = 0; blank[i]; i++)
		if (strcmp(t, blank[i]) == 0)
			return true;
	return false;
}
