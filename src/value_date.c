/*
 * Dates as offices type them (value.h): Excel serials, 2024年1月30日,
 * 2024.1.30, 20191227, periods such as 2024年12月底 and ranges such as
 * 2022年4月至12月.  The text is folded first (value_prep).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "sheet.h"
#include "util.h"
#include "value.h"
#include "value_int.h"

/* A day or a period: its first and last day, the year and month named. */
struct span {
	int32_t	lo, hi;
	int	y, m;
};

enum pt_rc { PT_OK, PT_BAD, PT_TWO, PT_NODAY, PT_RANGE, PT_NOYEAR, PT_ORDER,
	PT_FAKE };

static int
value_mdays(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static enum pt_rc
value_ymd(int y, int m, int d, int32_t *day)
{
	if (y < 1900 || y > 2200)
		return PT_RANGE;
	if (m < 1 || m > 12 || d < 1 || d > value_mdays(y, m))
		return PT_NODAY;
	*day = date_from_ymd(y, m, d);
	return PT_OK;
}

/* The days from d1 of month m1 to d2 of month m2 of year y. */
static enum pt_rc
value_days(int y, int m1, int d1, int m2, int d2, struct span *sp)
{
	enum pt_rc rc;

	/* 31: the month's last day */
	if (y >= 1900 && y <= 2200 && m1 >= 1 && m1 <= 12 && d1 == 31)
		d1 = value_mdays(y, m1);
	if (y >= 1900 && y <= 2200 && m2 >= 1 && m2 <= 12 && d2 == 31)
		d2 = value_mdays(y, m2);
	if ((rc = value_ymd(y, m1, d1, &sp->lo)) != PT_OK ||
	    (rc = value_ymd(y, m2, d2, &sp->hi)) != PT_OK)
		return rc;
	sp->y = y;
	sp->m = m1 == m2 ? m1 : 0;
	return PT_OK;
}

/* An Excel serial of the 1900 system. */
static enum pt_rc
value_serial(int64_t s, int32_t *day)
{
	if (s < 1)
		return PT_BAD;
	if (s == 60)
		return PT_FAKE;
	if (s > 2958465)
		return PT_RANGE;
	*day = date_from_ymd(1899, 12, s < 60 ? 31 : 30) + (int32_t)s;
	if (*day > date_from_ymd(2200, 12, 31))
		return PT_RANGE;
	return PT_OK;
}

/* Read up to 9 digits (more are counted, not kept): the count. */
static int
value_num(const char **pp, int *v)
{
	const char	*p = *pp;
	int		 n = 0;

	for (*v = 0; value_digit(*p); p++, n++)
		if (n < 9)
			*v = *v * 10 + (*p - '0');
	*pp = p;
	return n;
}

/* What follows 月: nothing, 份, 底, 末, 初, 上中下旬, or a day. */
static enum pt_rc
value_month_tail(const char *p, int y, int m, struct span *sp)
{
	enum pt_rc	rc;
	int		d, nd;

	if (m < 1 || m > 12)
		return y >= 1900 && y <= 2200 ? PT_NODAY : PT_RANGE;
	if (*p == '\0' || strcmp(p, "份") == 0)
		return value_days(y, m, 1, m, 31, sp);
	if (strcmp(p, "底") == 0 || strcmp(p, "末") == 0)
		return value_days(y, m, 31, m, 31, sp);
	if (strcmp(p, "初") == 0)
		return value_days(y, m, 1, m, 1, sp);
	if (strcmp(p, "上旬") == 0)
		return value_days(y, m, 1, m, 10, sp);
	if (strcmp(p, "中旬") == 0)
		return value_days(y, m, 11, m, 20, sp);
	if (strcmp(p, "下旬") == 0)
		return value_days(y, m, 21, m, 31, sp);
	if ((nd = value_num(&p, &d)) < 1 || nd > 2)
		return PT_BAD;
	if (*p != '\0' && strcmp(p, "日") != 0 && strcmp(p, "号") != 0)
		return PT_BAD;
	if ((rc = value_ymd(y, m, d, &sp->lo)) != PT_OK)
		return rc;
	sp->hi = sp->lo;
	sp->y = y;
	sp->m = m;
	return PT_OK;
}

/* What follows 年: nothing, 度, 底, 末, 初, 上下半年, a quarter, a month. */
static enum pt_rc
value_year_tail(const char *p, int y, struct span *sp)
{
	static const char *const quarters[] = { "一", "二", "三", "四", "1",
		"2", "3", "4" };
	size_t	i, n;
	int	m, nm;

	if (y < 1900 || y > 2200)
		return PT_RANGE;
	if (*p == '\0' || strcmp(p, "度") == 0)
		return value_days(y, 1, 1, 12, 31, sp);
	if (strcmp(p, "底") == 0 || strcmp(p, "末") == 0)
		return value_days(y, 12, 31, 12, 31, sp);
	if (strcmp(p, "初") == 0)
		return value_days(y, 1, 1, 1, 1, sp);
	if (strcmp(p, "上半年") == 0)
		return value_days(y, 1, 1, 6, 30, sp);
	if (strcmp(p, "下半年") == 0)
		return value_days(y, 7, 1, 12, 31, sp);
	if (strncmp(p, "第", 3) == 0)
		p += 3;
	for (i = 0; i < NELEM(quarters); i++) {
		n = strlen(quarters[i]);
		if (strncmp(p, quarters[i], n) == 0 &&
		    (strcmp(p + n, "季度") == 0 || strcmp(p + n, "季") == 0)) {
			m = (int)(i % 4) * 3 + 1;
			return value_days(y, m, 1, m + 2, 31, sp);
		}
	}
	if ((nm = value_num(&p, &m)) < 1 || nm > 2 || strncmp(p, "月", 3) != 0)
		return PT_BAD;
	return value_month_tail(p + 3, y, m, sp);
}

/*
 * One day or period in s (folded, no spaces).  ry and rm are the year
 * and month of a range's first half, for a second half that leaves
 * them out ("至12月", "至30日"); 0 otherwise.
 */
static enum pt_rc
value_point(const char *s, int ry, int rm, struct span *sp)
{
	const char	*p = s, *q;
	int		 a, na, m, nm, d, nd, v;
	char		 sep;

	if ((na = value_num(&p, &a)) == 0)
		return PT_BAD;
	if (strncmp(p, "年", 3) == 0) {
		if (na == 2)
			return PT_TWO;
		if (na != 4)
			return PT_BAD;
		return value_year_tail(p + 3, a, sp);
	}
	if (strncmp(p, "月", 3) == 0) {
		if (ry == 0)
			return PT_NOYEAR;
		if (na > 2)
			return PT_BAD;
		return value_month_tail(p + 3, ry, a, sp);
	}
	if (strcmp(p, "日") == 0 || strcmp(p, "号") == 0) {
		if (ry == 0 || rm == 0 || na > 2)
			return ry == 0 ? PT_NOYEAR : PT_BAD;
		return value_month_tail(s, ry, rm, sp);
	}
	if (*p == '-' || *p == '/' || *p == '.') {
		sep = *p;
		if (na <= 2) {
			/* 1/30/2024 or 30.1.2024: a four-digit year last */
			q = strrchr(s, sep);
			if (q > p && strlen(q + 1) == 4 &&
			    strspn(q + 1, "0123456789") == 4)
				return PT_ORDER;
			return na == 2 ? PT_TWO : PT_BAD;
		}
		if (na != 4)
			return PT_BAD;
		p++;
		if ((nm = value_num(&p, &m)) < 1 || nm > 2)
			return PT_BAD;
		if (*p == '\0')
			return value_month_tail("", a, m, sp);
		if (*p != sep)
			return PT_BAD;
		p++;
		if ((nd = value_num(&p, &d)) < 1 || nd > 2 || *p != '\0')
			return PT_BAD;
		if ((v = value_ymd(a, m, d, &sp->lo)) != PT_OK)
			return v;
		sp->hi = sp->lo;
		sp->y = a;
		sp->m = m;
		return PT_OK;
	}
	/* a second half has no serial, no YYYYMM */
	if (*p != '\0' || (ry != 0 && na != 4 && na != 8))
		return PT_BAD;
	switch (na) {
	case 4:
		return value_year_tail("", a, sp);
	case 5:
		if ((v = value_serial(a, &sp->lo)) != PT_OK)
			return v;
		sp->hi = sp->lo;
		date_to_ymd(sp->lo, &sp->y, &sp->m, &d);
		return PT_OK;
	case 6:
		if (a / 100 < 1900 || a / 100 > 2200 || a % 100 < 1 ||
		    a % 100 > 12)
			return PT_BAD;
		return value_month_tail("", a / 100, a % 100, sp);
	case 8:
		if ((v = value_ymd(a / 10000, a / 100 % 100, a % 100,
		    &sp->lo)) != PT_OK)
			return v;
		sp->hi = sp->lo;
		sp->y = a / 10000;
		sp->m = a / 100 % 100;
		return PT_OK;
	default:
		return PT_BAD;
	}
}

static int
value_pt_fail(enum pt_rc rc, const char *orig, const char **why)
{
	switch (rc) {
	case PT_TWO:
		return value_fail(why, "日期", orig,
		    "的年份只有两位,无法确定是哪一年,请写四位年份");
	case PT_NODAY:
		return value_fail(why, "日期", orig, "不存在");
	case PT_RANGE:
		return value_fail(why, "日期", orig, "的年份不在1900至2200年之间");
	case PT_NOYEAR:
		return value_fail(why, "日期", orig, "没有年份");
	case PT_ORDER:
		return value_fail(why, "日期", orig,
		    "是月、日在前的写法,请写成「年-月-日」");
	case PT_FAKE:
		return value_static(why,
		    "Excel日期序号60是不存在的1900年2月29日");
	default:
		return value_fail(why, "无法识别的日期", orig, "");
	}
}

/*
 * Fold a date's text into t: no time of day, no spaces, without the
 * words around it ("计划于...前完成").  The text as typed into orig.
 */
static int
value_date_prep(const char *text, char *t, char *orig, size_t sz,
    const char **why)
{
	static const char *const pre[] = { "计划", "截至", "截止", "于", "在",
		NULL };
	static const char *const post[] = { "完成", "完工", "办结", "竣工",
		"之前", "以前", "为止", "前", "止", NULL };
	char	*p, *o;
	size_t	 n;

	if (value_prep(text, orig, sz, "日期", why) == -1)
		return -1;
	memcpy(t, orig, sz);
	/* "2024-01-30 10:00:00", "2024-01-30T10:00" */
	for (p = t; *p; p++)
		if ((*p == ' ' || (*p == 'T' && p > t && value_digit(p[-1]))) &&
		    value_digit(p[1]) && strchr(p, ':') != NULL) {
			*p = '\0';
			break;
		}
	for (p = o = t; *p; p++)
		if (*p != ' ')
			*o++ = *p;
	*o = '\0';
	while ((n = value_word(t, pre)) > 0)
		memmove(t, t + n, strlen(t + n) + 1);
	value_cut_end(t, post);
	return 0;
}

/*
 * A range "A至B" in t: the split where both halves read; the second
 * may leave out the year and month of the first.  PT_OK, or the error
 * of a half split at an unmistakable 至 到 ~, or PT_BAD.
 */
static enum pt_rc
value_range(const char *t, struct span *a, struct span *b)
{
	static const char *const seps[] = { "至", "到", "~", "〜", "——", "—",
		"–", "-", NULL };
	static const char *const tails[] = { "月", "日", "号", NULL };
	char		 left[VALUE_TEXT_MAX + 4];
	const char	*p;
	enum pt_rc	 rc, first = PT_BAD;
	size_t		 n, k, m;
	uint32_t	 c;

	for (p = t; *p; p += value_u8(p, &c)) {
		if (p == t || (n = value_word(p, seps)) == 0)
			continue;
		k = (size_t)(p - t);
		memcpy(left, t, k);
		left[k] = '\0';
		/* "2024年1-6月": the first half borrows 月 from the second */
		m = strlen(p + n);
		if (value_digit(left[k - 1]) && m >= 3 &&
		    value_word(p + n + m - 3, tails) == 3)
			memcpy(left + k, p + n + m - 3, 4);
		if ((rc = value_point(left, 0, 0, a)) == PT_OK &&
		    (rc = value_point(p + n, a->y, a->m, b)) == PT_OK)
			return PT_OK;
		if (first == PT_BAD && *p != '-' && strncmp(p, "—", 3) != 0 &&
		    strncmp(p, "–", 3) != 0)
			first = rc;
	}
	return first;
}

int
value_date_text(const char *text, bool end, int32_t *day, const char **why)
{
	char		 t[VALUE_TEXT_MAX], orig[VALUE_TEXT_MAX];
	struct span	 a, b;
	enum pt_rc	 rc, rr;

	if (value_date_prep(text, t, orig, sizeof(t), why) == -1)
		return -1;
	if (*t == '\0')
		return value_static(why, "日期为空");
	if ((rc = value_point(t, 0, 0, &a)) == PT_OK) {
		*day = end ? a.hi : a.lo;
		return 0;
	}
	if ((rr = value_range(t, &a, &b)) == PT_OK) {
		if (b.hi < a.lo)
			return value_fail(why, "", orig, "的结束早于开始");
		*day = end ? b.hi : a.lo;
		return 0;
	}
	return value_pt_fail(rr != PT_BAD ? rr : rc, orig, why);
}

int
value_period(const char *text, int32_t *start, int32_t *end,
    const char **why)
{
	static const char *const durs[] = { "个月", "月", "天", "日", "年", NULL };
	char		 t[VALUE_TEXT_MAX], orig[VALUE_TEXT_MAX], *p;
	struct span	 a, b;
	enum pt_rc	 rc, rr;

	if (value_date_prep(text, t, orig, sizeof(t), why) == -1)
		return -1;
	if (*t == '\0')
		return value_static(why, "实施期限为空");
	for (p = t; value_digit(*p); p++)
		;
	if (p > t && p - t <= 3 && (*p == '\0' || value_word(p, durs) ==
	    strlen(p)))
		return value_fail(why, "", orig, "是时长,不是起止时间");
	if ((rc = value_point(t, 0, 0, &a)) == PT_OK) {
		*start = a.lo;
		*end = a.hi;
		return 0;
	}
	if ((rr = value_range(t, &a, &b)) == PT_OK) {
		if (b.hi < a.lo)
			return value_fail(why, "", orig, "的结束早于开始");
		*start = a.lo;
		*end = b.hi;
		return 0;
	}
	return value_pt_fail(rr != PT_BAD ? rr : rc, orig, why);
}

/* A number cell in a date column. */
static int
value_date_num(const struct sheet_cell *c, bool end, int32_t *day,
    const char **why)
{
	const char	*text = c->text ? c->text : "";
	char		 buf[32];
	double		 v = c->num;
	int64_t		 n;
	enum pt_rc	 rc;
	size_t		 k;

	if (!isfinite(v) || v < 1 || v >= 1e9)
		return value_fail(why, "", text, "不是日期");
	n = (int64_t)v;
	if ((double)n == v && ((n >= 19000101 && n <= 22001231) ||
	    (n >= 1900 && n <= 2200))) {
		snprintf(buf, sizeof(buf), "%lld", (long long)n);
		return value_date_text(buf, end, day, why);
	}
	if (v >= 1900 && v < 2201) {
		/* 2024.1: typed as 2024.1 or as 2024.10? */
		k = strspn(text, "0123456789");
		if (k == 4 && strcmp(text + 4, ".1") == 0)
			return value_fail(why, "", text,
			    "是数字,分不清是1月还是10月,请把单元格设为文本或日期");
		if (k == 4 && text[4] == '.')
			return value_date_text(text, end, day, why);
		return value_fail(why, "", text, "不是日期");
	}
	if ((rc = value_serial(n, day)) != PT_OK) {
		if (rc == PT_FAKE)
			return value_pt_fail(rc, text, why);
		return value_fail(why, "日期序号", text, "超出范围");
	}
	return 0;
}

int
value_date(const struct sheet_cell *c, bool end, int32_t *day,
    const char **why)
{
	if (c == NULL || c->type == CELL_EMPTY)
		return value_static(why, "日期为空");
	switch (c->type) {
	case CELL_DATE:
		if (c->day < date_from_ymd(1900, 1, 1) ||
		    c->day > date_from_ymd(2200, 12, 31))
			return value_static(why, "日期不在1900至2200年之间");
		*day = c->day;
		return 0;
	case CELL_NUMBER:
		return value_date_num(c, end, day, why);
	case CELL_BOOL:
		return value_fail(why, "", c->text ? c->text : "", "不是日期");
	default:
		return value_date_text(c->text, end, day, why);
	}
}
