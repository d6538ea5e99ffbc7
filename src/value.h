/*
 * Values as offices type them into sheets: amounts with units and
 * separators, dates in a dozen forms, counts with units, phones.  Pure
 * logic, no I/O, no floating point on money.  Every failure gives a
 * Chinese reason that says what is wrong with the value and quotes it
 * ("「4,5万元」中的逗号不是千位分隔符"); the caller adds where.  *why
 * is static text or a per-thread buffer that the next failing value_*
 * call in the same thread overwrites: copy it before calling again.
 * Any byte string is safe input: invalid UTF-8 is refused, never read
 * past its NUL.
 */
#ifndef VALUE_H
#define VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct sheet_cell;

#define FEN_PER_YUAN	INT64_C(100)
#define FEN_PER_WAN	INT64_C(1000000)		/* 万元 */
#define FEN_PER_YI	INT64_C(10000000000)		/* 亿元 */
#define VALUE_FEN_MAX	INT64_C(1000000000000000)	/* 10万亿元 */

/*
 * The money unit a header or title names, in fen per unit: "资金规模
 * (万元)", "金额/万元" and "单位:万元" give FEN_PER_WAN, "金额(元)"
 * FEN_PER_YUAN, 亿元 FEN_PER_YI, 千元 and 百万元 theirs; 0 if the text
 * names none.  A unit counts only at the start of the text, after "(",
 * "/", ":" or "单位", and followed by the end or punctuation, so that
 * "元宝村" or "万人" name none.
 */
int64_t	value_unit_of(const char *text);

/*
 * An amount: "1575.8", "1,575.8", "1 575.8", "20万元", "100余万元",
 * "近50万", "约10万元", "10(其中,灾情因素6万元)" (the part before the
 * bracket), "¥3,600.00", "1.5E+3".  unit_fen applies when the text has
 * no unit of its own (0 means 元).  approx (may be NULL) is set for 余
 * 多 近 约 大约 将近 接近 逾 左右 上下 以上.  Refused: "4,5万元" (a comma that
 * is not a thousands separator), two numbers, negative amounts, more
 * precision than a fen unless the extra digits are binary noise from a
 * writer ("1575.8000000000002", "...7999999999998": 15 or more
 * significant digits and the part below a fen starting with 000 or
 * 999, rounded half up), amounts over VALUE_FEN_MAX, Chinese numerals
 * (叁万元).  0 or -1 with *why.
 */
int	value_amount(const char *text, int64_t unit_fen, int64_t *fen,
	    bool *approx, const char **why);

/*
 * A fund line "财政专项资金3600万元" or "市级100": the words before the
 * number into src (trailing ":" and spaces dropped, "" if none), the
 * rest read by value_amount.  For a single 资金来源及规模 column.
 */
int	value_fund(const char *text, int64_t unit_fen, char *src, size_t,
	    int64_t *fen, bool *approx, const char **why);

/*
 * A date from a cell: CELL_DATE as the reader decoded it; CELL_NUMBER
 * as YYYYMMDD (20191227), as a year (1900..2200), or as an Excel
 * serial in the 1900 system (1 = 1900-01-01, 60 = the 1900-02-29 that
 * never was: refused, from 61 on one day less; a time of day is
 * dropped); a number like 2024.1 is refused (2024年1月 or 10月?);
 * CELL_STRING by value_date_text.  0 or -1 with *why.
 */
int	value_date(const struct sheet_cell *, bool end, int32_t *day,
	    const char **why);

/*
 * A date typed as text: "2024-01-30", "2024年1月30日", "2024年1月30号",
 * "2024.1.30", "2024/1/30", "20191227", "2024-01-30 10:00:00", and
 * periods "2024-01", "2024年1月", "2024年12月底", "2024年6月下旬",
 * "2024年第三季度", "2024年上半年", "2024年底", "2024年", "2024" — a period
 * gives its last day when end is true (deadlines) and its first day
 * otherwise; 底 and 末 are always the last day, 初 the first.  A range
 * ("2022年4月至12月") gives its end's last day or its start's first
 * day.  "...前" and "截至..." are read without those words.  A five-digit
 * number is an Excel serial that lost its format.  Refused: two-digit
 * years ("24.1.30"), month-first "1/30/2024", days that do not exist
 * ("2024年2月30日"), years outside 1900..2200, anything else ("下月底").
 */
int	value_date_text(const char *, bool end, int32_t *day,
	    const char **why);

/*
 * A period "2022年4月至12月", "2022.4-2022.12", "2024-01-01至2024-12-31"
 * or one date or period (its first and last day).  A bare number of
 * months ("10", "10个月") is refused: it has no start.
 */
int	value_period(const char *, int32_t *start, int32_t *end,
	    const char **why);

/*
 * A count: "200", "200户", "1,200人", "≥200户", "约200人", "200余户",
 * "1.2万人" (the number; decimals only where 万 makes it whole).
 * Negative numbers, fractions and two numbers are refused.
 */
int	value_count(const char *text, int64_t *n, const char **why);

/*
 * A phone: mobile (11 digits starting 1, an optional +86), landline
 * with or without area code and extension ("0359-8012345",
 * "(0359)8012345转601"), 400/800 numbers.  Written into out as
 * "13912345678", "0359-8012345", "0359-8012345转601", "400-123-4567";
 * several numbers (split by 、 , ; / 或) are joined with "、".  0 or -1
 * with *why (also if out is too small).
 */
int	value_phone(const char *text, char *out, size_t, const char **why);

/* Yes/no: 是 否 有 无 对 错 √ × ✓ ✗ Y N YES NO TRUE FALSE 1 0 (any case). */
int	value_yesno(const char *text, bool *out, const char **why);

/*
 * Is this the way offices write "nothing": "", spaces, "/", "\", "-",
 * "--", "—", "——", "无", "暂无", "空", "N/A"?  Check it before the parsers
 * above, except for yes/no columns, where 无 means 否.
 */
bool	value_blank(const char *text);

/*
 * Trim ASCII and full-width spaces (U+3000) and non-breaking spaces
 * from both ends and fold full-width digits, letters and punctuation
 * (０-９ Ａ-Ｚ （ ） ， ． ： －, all of U+FF01..U+FF5E) to ASCII, into a
 * new arena string.  Inner spaces and line breaks stay; invalid UTF-8
 * becomes U+FFFD.
 */
char	*value_clean(struct arena *, const char *);

/*
 * Fold text for matching into out (sz bytes, at least 1): full-width
 * forms to ASCII, invalid UTF-8 to U+FFFD, zero-width characters
 * dropped, every run of white space (ASCII, U+3000, no-break and other
 * Unicode spaces, line breaks) to one ASCII space, or to nothing if
 * nospace; both ends trimmed.  Returns the length, or -1 if out is too
 * small (out then holds a prefix).
 */
int	value_fold(const char *, bool nospace, char *out, size_t sz);

#endif
