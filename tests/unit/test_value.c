/* Values as offices type them: amounts, dates, counts, phones. */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "date.h"
#include "sheet.h"
#include "value.h"

static int64_t	fen;
static bool	approx;
static const char *why;

/* value_amount in one line: 0 or -1, the result in fen and approx. */
static int
amt(const char *s, int64_t unit)
{
	fen = -12345;
	approx = false;
	why = NULL;
	return value_amount(s, unit, &fen, &approx, &why);
}

static bool
why_is(const char *s)
{
	return why != NULL && strcmp(why, s) == 0;
}

static bool
why_has(const char *s)
{
	return why != NULL && strstr(why, s) != NULL;
}

static void
test_unit_of(void)
{
	CHECK(value_unit_of("资金规模(万元)") == FEN_PER_WAN);
	CHECK(value_unit_of("资金规模（万元）") == FEN_PER_WAN);
	CHECK(value_unit_of("提前下达金额 (万元)") == FEN_PER_WAN);
	CHECK(value_unit_of("单位:万元") == FEN_PER_WAN);
	CHECK(value_unit_of("单位：万元") == FEN_PER_WAN);
	CHECK(value_unit_of("金额单位:元") == FEN_PER_YUAN);
	CHECK(value_unit_of("单位:万元、户、人") == FEN_PER_WAN);
	CHECK(value_unit_of("金额(元)") == FEN_PER_YUAN);
	CHECK(value_unit_of("金额/万元") == FEN_PER_WAN);
	CHECK(value_unit_of("总投资(亿元)") == FEN_PER_YI);
	CHECK(value_unit_of("投资(千元)") == 100000);
	CHECK(value_unit_of("资金来源及规模/资金规模(万元)") == FEN_PER_WAN);
	CHECK(value_unit_of("2025年百村帮扶项目台账(单位:万元)") == FEN_PER_WAN);
	CHECK(value_unit_of("万元") == FEN_PER_WAN);
	/* no unit */
	CHECK(value_unit_of("资金规模") == 0);
	CHECK(value_unit_of("填报单位:元宝村") == 0);
	CHECK(value_unit_of("受益人数(万人)") == 0);
	CHECK(value_unit_of("2025年百村帮扶项目台账") == 0);
	CHECK(value_unit_of("") == 0);
	CHECK(value_unit_of(NULL) == 0);
}

static void
test_amount_plain(void)
{
	CHECK(amt("1575.8", 0) == 0 && fen == 157580 && !approx);
	CHECK(amt("1575.80", FEN_PER_YUAN) == 0 && fen == 157580);
	CHECK(amt("1,000", 0) == 0 && fen == 100000);
	CHECK(amt("1,575.8", 0) == 0 && fen == 157580);
	CHECK(amt("12,345,678.91", 0) == 0 && fen == 1234567891);
	CHECK(amt("1 575.8", 0) == 0 && fen == 157580);
	CHECK(amt("1\xc2\xa0" "575.8", 0) == 0 && fen == 157580); /* NBSP */
	CHECK(amt("  20  ", 0) == 0 && fen == 2000);
	CHECK(amt("０.５", 0) == 0 && fen == 50);		/* full-width */
	CHECK(amt("¥3,600.00", 0) == 0 && fen == 360000);
	CHECK(amt("￥3600", 0) == 0 && fen == 360000);
	CHECK(amt("0", 0) == 0 && fen == 0);
	CHECK(amt(".5", 0) == 0 && fen == 50);
	CHECK(amt("100.", 0) == 0 && fen == 10000);
	CHECK(amt("+5", 0) == 0 && fen == 500);
	/* the column's unit, unless the text has its own */
	CHECK(amt("100", FEN_PER_WAN) == 0 && fen == 100 * FEN_PER_WAN);
	CHECK(amt("12.345678", FEN_PER_WAN) == 0 && fen == 12345678);
	CHECK(amt("20万元", FEN_PER_WAN) == 0 && fen == 20 * FEN_PER_WAN);
	CHECK(amt("20元", FEN_PER_WAN) == 0 && fen == 2000);
	CHECK(amt("20万元", 0) == 0 && fen == 20 * FEN_PER_WAN);
	CHECK(amt("20万", 0) == 0 && fen == 20 * FEN_PER_WAN);
	CHECK(amt("1.2亿元", 0) == 0 && fen == 12 * FEN_PER_YI / 10);
	CHECK(amt("3亿", 0) == 0 && fen == 3 * FEN_PER_YI);
	CHECK(amt("5千元", 0) == 0 && fen == 500000);
	CHECK(amt("1449万元", 0) == 0 && fen == 1449000000);
	CHECK(amt("3600元整", 0) == 0 && fen == 360000);
	CHECK(amt("100 万元", 0) == 0 && fen == 100 * FEN_PER_WAN);
	CHECK(amt("100(万元)", 0) == 0 && fen == 100 * FEN_PER_WAN);
	/* §2.2: the part before the bracket */
	CHECK(amt("10(其中,灾情因素6万元)", FEN_PER_WAN) == 0 &&
	    fen == 10 * FEN_PER_WAN);
	CHECK(amt("10（其中，灾情因素6万元）", FEN_PER_WAN) == 0 &&
	    fen == 10 * FEN_PER_WAN);
	CHECK(amt("20万元,其中省级10万元", 0) == 0 && fen == 20 * FEN_PER_WAN);
	/* §2.1 */
	CHECK(amt("20万元", 0) == 0 && fen == INT64_C(20000000));
}

static void
test_amount_approx(void)
{
	CHECK(amt("100余万元", 0) == 0 && fen == 100 * FEN_PER_WAN && approx);
	CHECK(amt("100多万", 0) == 0 && fen == 100 * FEN_PER_WAN && approx);
	CHECK(amt("100万余元", 0) == 0 && fen == 100 * FEN_PER_WAN && approx);
	CHECK(amt("1000余元", 0) == 0 && fen == 100000 && approx);
	CHECK(amt("近50万", 0) == 0 && fen == 50 * FEN_PER_WAN && approx);
	CHECK(amt("约10万元", 0) == 0 && fen == 10 * FEN_PER_WAN && approx);
	CHECK(amt("大约10万元", 0) == 0 && fen == 10 * FEN_PER_WAN && approx);
	CHECK(amt("10万元左右", 0) == 0 && fen == 10 * FEN_PER_WAN && approx);
	CHECK(amt("300余", FEN_PER_WAN) == 0 && fen == 300 * FEN_PER_WAN &&
	    approx);
	CHECK(amt("300", FEN_PER_WAN) == 0 && !approx);
	/* approx may be NULL */
	CHECK(value_amount("约5元", 0, &fen, NULL, &why) == 0 && fen == 500);
}

static void
test_amount_noise(void)
{
	/* doubles as some writers print them: rounded to the fen */
	CHECK(amt("1575.8000000000002", 0) == 0 && fen == 157580);
	CHECK(amt("1575.7999999999998", 0) == 0 && fen == 157580);
	CHECK(amt("1575.8099999999999", 0) == 0 && fen == 157581);
	CHECK(amt("0.30000000000000004", 0) == 0 && fen == 30);
	CHECK(amt("0.10000000000000001", FEN_PER_WAN) == 0 && fen == 100000);
	CHECK(amt("1.5E+3", 0) == 0 && fen == 150000);
	CHECK(amt("1.5e3", 0) == 0 && fen == 150000);
	CHECK(amt("2E-2", 0) == 0 && fen == 2);
	/* real precision below a fen: refused */
	CHECK(amt("0.001", 0) == -1 && why_has("精确到了分以下"));
	CHECK(amt("0.001元", 0) == -1 && why_is("金额「0.001元」精确到了分以下"));
	CHECK(amt("12.3456789", 0) == -1);
	CHECK(amt("0.1234567", FEN_PER_WAN) == -1);
	CHECK(amt("1234567890123.456", 0) == -1);	/* 16 digits, no run */
	CHECK(amt("0.00001", 0) == -1);			/* few digits */
	CHECK(amt("1E-5", 0) == -1);
}

static void
test_amount_refused(void)
{
	CHECK(amt("4,5万元", 0) == -1 &&
	    why_is("「4,5万元」中的逗号不是千位分隔符"));
	CHECK(amt("4，5万元", 0) == -1 &&
	    why_is("「4,5万元」中的逗号不是千位分隔符"));
	CHECK(amt("1,0000", 0) == -1 && why_has("逗号"));
	CHECK(amt("1575,80", 0) == -1 && why_has("逗号"));
	CHECK(amt("12345,678", 0) == -1 && why_has("逗号"));
	CHECK(amt("-5", 0) == -1 && why_is("金额不能为负数"));
	CHECK(amt("－5万元", 0) == -1 && why_is("金额不能为负数"));
	CHECK(amt("−5", 0) == -1 && why_is("金额不能为负数"));	/* U+2212 */
	CHECK(amt("10 20", 0) == -1 && why_has("两个数"));
	CHECK(amt("10万元、20万元", 0) == -1 && why_has("两个数"));
	CHECK(amt("10万元20万元", 0) == -1 && why_has("两个数"));
	CHECK(amt("10.5.3", 0) == -1);
	CHECK(amt("", 0) == -1 && why_is("金额为空"));
	CHECK(amt("   ", 0) == -1 && why_is("金额为空"));
	CHECK(amt("叁万元整", 0) == -1 &&
	    why_is("无法识别的金额「叁万元整」"));
	CHECK(amt("万元", 0) == -1);
	CHECK(amt("待定", 0) == -1 && why_is("无法识别的金额「待定」"));
	CHECK(amt("50%", 0) == -1);
	CHECK(amt("5万人", 0) == -1);
	CHECK(amt("财政专项资金3600万元", 0) == -1 && why_has("金额前有别的文字"));
	CHECK(amt("(万元)", 0) == -1);
	CHECK(amt("99999999999999999999999", 0) == -1 && why_has("10万亿元"));
	CHECK(amt("2000000", FEN_PER_YI) == -1 && why_has("请检查单位"));
	CHECK(amt("1" "000000000000000000000000000000000000000000", 0) == -1 &&
	    why_has("位数太多"));
	CHECK(amt("1E999", 0) == -1);
	CHECK(amt("1E+30", 0) == -1);
	CHECK(amt("5", -1) == -1 && why_is("金额的单位无效"));
	CHECK(amt(NULL, 0) == -1);
	/* a long value is quoted in part */
	{
		char	long_s[2000];

		memset(long_s, '9', sizeof(long_s) - 1);
		long_s[sizeof(long_s) - 1] = '\0';
		CHECK(amt(long_s, 0) == -1 && why_has("太长") &&
		    strlen(why) < 200);
	}
}

static void
test_fund(void)
{
	char src[64];

	CHECK(value_fund("财政专项资金3600万元", 0, src, sizeof(src), &fen,
	    &approx, &why) == 0 && strcmp(src, "财政专项资金") == 0 &&
	    fen == 3600 * FEN_PER_WAN);
	CHECK(value_fund("市级 100", FEN_PER_WAN, src, sizeof(src), &fen,
	    &approx, &why) == 0 && strcmp(src, "市级") == 0 &&
	    fen == 100 * FEN_PER_WAN);
	CHECK(value_fund("省级:约50万元", 0, src, sizeof(src), &fen, &approx,
	    &why) == 0 && strcmp(src, "省级") == 0 && approx &&
	    fen == 50 * FEN_PER_WAN);
	CHECK(value_fund("100", FEN_PER_WAN, src, sizeof(src), &fen, &approx,
	    &why) == 0 && *src == '\0' && fen == 100 * FEN_PER_WAN);
	CHECK(value_fund("市级", 0, src, sizeof(src), &fen, &approx, &why) ==
	    -1);
	CHECK(value_fund("中央50万元、省级30万元", 0, src, sizeof(src), &fen,
	    &approx, &why) == -1 && why_has("两个数"));
	CHECK(value_fund("很长很长很长的资金来源名称1", 0, src, 8, &fen,
	    &approx, &why) == -1 && why_has("太长"));
}

static int32_t
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* value_date_text: the day, or INT32_MIN with why set. */
static int32_t
dt(const char *s, bool end)
{
	int32_t d = -7;

	why = NULL;
	if (value_date_text(s, end, &d, &why) == -1)
		return INT32_MIN;
	return d;
}

static void
test_date_text(void)
{
	CHECK(dt("2024-01-30", false) == ymd(2024, 1, 30));
	CHECK(dt("2024-1-30", false) == ymd(2024, 1, 30));
	CHECK(dt("2024年1月30日", false) == ymd(2024, 1, 30));
	CHECK(dt("2024年01月30日", true) == ymd(2024, 1, 30));
	CHECK(dt("2024 年 1 月 30 日", false) == ymd(2024, 1, 30));
	CHECK(dt("2024年1月30号", false) == ymd(2024, 1, 30));
	CHECK(dt("2024年1月30", false) == ymd(2024, 1, 30));
	CHECK(dt("2024.1.30", false) == ymd(2024, 1, 30));
	CHECK(dt("2024/1/30", false) == ymd(2024, 1, 30));
	CHECK(dt("２０２４／１／３０", false) == ymd(2024, 1, 30));
	CHECK(dt("20191227", false) == ymd(2019, 12, 27));
	CHECK(dt("2024-01-30 10:00:00", false) == ymd(2024, 1, 30));
	CHECK(dt("2024/1/30 0:00", false) == ymd(2024, 1, 30));
	CHECK(dt("2024-01-30T08:00", false) == ymd(2024, 1, 30));
	CHECK(dt("2024-02-29", false) == ymd(2024, 2, 29));
	/* periods: first day, or last for deadlines */
	CHECK(dt("2024-01", false) == ymd(2024, 1, 1));
	CHECK(dt("2024-01", true) == ymd(2024, 1, 31));
	CHECK(dt("2024-02", true) == ymd(2024, 2, 29));
	CHECK(dt("2023.2", true) == ymd(2023, 2, 28));
	CHECK(dt("2024年1月", false) == ymd(2024, 1, 1));
	CHECK(dt("2024年6月", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年6月份", true) == ymd(2024, 6, 30));
	CHECK(dt("202406", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年12月底", true) == ymd(2024, 12, 31));
	CHECK(dt("2024年12月底", false) == ymd(2024, 12, 31));
	CHECK(dt("2024年6月底", false) == ymd(2024, 6, 30));
	CHECK(dt("2024年6月末", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年6月初", true) == ymd(2024, 6, 1));
	CHECK(dt("2024年6月上旬", true) == ymd(2024, 6, 10));
	CHECK(dt("2024年6月中旬", false) == ymd(2024, 6, 11));
	CHECK(dt("2024年2月下旬", true) == ymd(2024, 2, 29));
	CHECK(dt("2024年底", false) == ymd(2024, 12, 31));
	CHECK(dt("2024年末", true) == ymd(2024, 12, 31));
	CHECK(dt("2024年", false) == ymd(2024, 1, 1));
	CHECK(dt("2024年", true) == ymd(2024, 12, 31));
	CHECK(dt("2024年度", true) == ymd(2024, 12, 31));
	CHECK(dt("2024", true) == ymd(2024, 12, 31));
	CHECK(dt("2024年上半年", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年下半年", false) == ymd(2024, 7, 1));
	CHECK(dt("2024年第三季度", true) == ymd(2024, 9, 30));
	CHECK(dt("2024年一季度", false) == ymd(2024, 1, 1));
	CHECK(dt("2024年4季度", true) == ymd(2024, 12, 31));
	/* the words around a deadline */
	CHECK(dt("2024年6月底前", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年6月30日前完成", true) == ymd(2024, 6, 30));
	CHECK(dt("计划于2024年底前完成", true) == ymd(2024, 12, 31));
	CHECK(dt("截至2024年9月", true) == ymd(2024, 9, 30));
	/* ranges: the end's last day, or the start's first */
	CHECK(dt("2022年4月至12月", true) == ymd(2022, 12, 31));
	CHECK(dt("2022年4月至12月", false) == ymd(2022, 4, 1));
	CHECK(dt("2024年1-6月", true) == ymd(2024, 6, 30));
	CHECK(dt("2024年3月1日-15日", true) == ymd(2024, 3, 15));
	CHECK(dt("2024.3-2024.11", true) == ymd(2024, 11, 30));
	CHECK(dt("2024-2025", true) == ymd(2025, 12, 31));
	CHECK(dt("2024-01-01至2024-12-31", false) == ymd(2024, 1, 1));
	CHECK(dt("2024-01-01-2024-06-30", true) == ymd(2024, 6, 30));
	/* a lost format: an Excel serial typed or exported as text */
	CHECK(dt("45321", false) == ymd(2024, 1, 30));
}

static void
test_date_refused(void)
{
	CHECK(dt("2024年13月1日", false) == INT32_MIN &&
	    why_is("日期「2024年13月1日」不存在"));
	CHECK(dt("2024年2月30日", false) == INT32_MIN &&
	    why_is("日期「2024年2月30日」不存在"));
	CHECK(dt("2023-02-29", false) == INT32_MIN && why_has("不存在"));
	CHECK(dt("2024/4/31", false) == INT32_MIN && why_has("不存在"));
	CHECK(dt("20240230", false) == INT32_MIN && why_has("不存在"));
	CHECK(dt("下月底", false) == INT32_MIN &&
	    why_is("无法识别的日期「下月底」"));
	CHECK(dt("长期", true) == INT32_MIN && why_has("无法识别"));
	CHECK(dt("24.1.30", false) == INT32_MIN &&
	    why_has("年份只有两位") && why_has("24.1.30"));
	CHECK(dt("24/1/30", false) == INT32_MIN && why_has("年份只有两位"));
	CHECK(dt("24年1月", false) == INT32_MIN && why_has("年份只有两位"));
	CHECK(dt("1/30/2024", false) == INT32_MIN && why_has("月、日在前"));
	CHECK(dt("30.1.2024", false) == INT32_MIN && why_has("月、日在前"));
	CHECK(dt("12月底", true) == INT32_MIN &&
	    why_is("日期「12月底」没有年份"));
	CHECK(dt("1899年1月1日", false) == INT32_MIN &&
	    why_has("1900至2200"));
	CHECK(dt("2201-01-01", false) == INT32_MIN && why_has("1900至2200"));
	CHECK(dt("2024年1月30日至2月30日", true) == INT32_MIN &&
	    why_has("不存在"));
	CHECK(dt("2024年12月至2024年3月", true) == INT32_MIN &&
	    why_has("结束早于开始"));
	CHECK(dt("", false) == INT32_MIN && why_is("日期为空"));
	CHECK(dt("2024-13", false) == INT32_MIN);
	CHECK(dt("2024年1月32日", false) == INT32_MIN);
	CHECK(dt("12345678901234567890", false) == INT32_MIN);
	CHECK(dt("2024-01-30-", false) == INT32_MIN);
	CHECK(dt("2024--01", false) == INT32_MIN);
	CHECK(dt("至", false) == INT32_MIN);
	CHECK(dt("2024年至", false) == INT32_MIN);
	CHECK(dt(NULL, false) == INT32_MIN);
}

static int32_t
dc(enum cell_type type, const char *text, double num, bool end)
{
	struct sheet_cell	c;
	int32_t			d = -7;

	memset(&c, 0, sizeof(c));
	c.type = type;
	c.text = text;
	c.num = num;
	why = NULL;
	if (value_date(&c, end, &d, &why) == -1)
		return INT32_MIN;
	return d;
}

static void
test_date_cell(void)
{
	struct sheet_cell c;

	/* Excel serials, 1900 system */
	CHECK(dc(CELL_NUMBER, "45321", 45321, false) == ymd(2024, 1, 30));
	CHECK(dc(CELL_NUMBER, "1", 1, false) == ymd(1900, 1, 1));
	CHECK(dc(CELL_NUMBER, "59", 59, false) == ymd(1900, 2, 28));
	CHECK(dc(CELL_NUMBER, "60", 60, false) == INT32_MIN &&
	    why_has("1900年2月29日"));
	CHECK(dc(CELL_NUMBER, "61", 61, false) == ymd(1900, 3, 1));
	CHECK(dc(CELL_NUMBER, "45321.75", 45321.75, false) ==
	    ymd(2024, 1, 30));
	CHECK(dc(CELL_NUMBER, "0", 0, false) == INT32_MIN);
	CHECK(dc(CELL_NUMBER, "-3", -3, false) == INT32_MIN);
	CHECK(dc(CELL_NUMBER, "9999999", 9999999, false) == INT32_MIN &&
	    why_has("超出范围"));
	CHECK(dc(CELL_NUMBER, "1e300", 1e300, false) == INT32_MIN);
	CHECK(dc(CELL_NUMBER, "nan", NAN, false) == INT32_MIN);
	/* numbers that are not serials */
	CHECK(dc(CELL_NUMBER, "20191227", 20191227, false) ==
	    ymd(2019, 12, 27));
	CHECK(dc(CELL_NUMBER, "20190231", 20190231, false) == INT32_MIN);
	CHECK(dc(CELL_NUMBER, "2024", 2024, true) == ymd(2024, 12, 31));
	CHECK(dc(CELL_NUMBER, "2024.1", 2024.1, true) == INT32_MIN &&
	    why_has("分不清"));
	CHECK(dc(CELL_NUMBER, "2024.12", 2024.12, true) == ymd(2024, 12, 31));
	CHECK(dc(CELL_NUMBER, "2024.3", 2024.3, false) == ymd(2024, 3, 1));
	/* other cells */
	memset(&c, 0, sizeof(c));
	c.type = CELL_DATE;
	c.text = "2024-01-30";
	c.num = 45321;
	c.day = ymd(2024, 1, 30);
	CHECK(value_date(&c, true, &c.day, &why) == 0 &&
	    c.day == ymd(2024, 1, 30));
	c.day = ymd(1800, 1, 1);
	CHECK(value_date(&c, true, &c.day, &why) == -1);
	CHECK(dc(CELL_STRING, "2024年12月底", 0, true) == ymd(2024, 12, 31));
	CHECK(dc(CELL_BOOL, "TRUE", 1, true) == INT32_MIN);
	CHECK(dc(CELL_EMPTY, "", 0, true) == INT32_MIN && why_is("日期为空"));
	CHECK(value_date(NULL, true, &c.day, &why) == -1);
}

static void
test_period(void)
{
	int32_t a = 0, b = 0;

	CHECK(value_period("2022年4月至12月", &a, &b, &why) == 0 &&
	    a == ymd(2022, 4, 1) && b == ymd(2022, 12, 31));
	CHECK(value_period("2022.4-2022.12", &a, &b, &why) == 0 &&
	    a == ymd(2022, 4, 1) && b == ymd(2022, 12, 31));
	CHECK(value_period("2024-01-01至2024-06-30", &a, &b, &why) == 0 &&
	    a == ymd(2024, 1, 1) && b == ymd(2024, 6, 30));
	CHECK(value_period("2022年4月~2023年5月", &a, &b, &why) == 0 &&
	    a == ymd(2022, 4, 1) && b == ymd(2023, 5, 31));
	CHECK(value_period("2024年", &a, &b, &why) == 0 &&
	    a == ymd(2024, 1, 1) && b == ymd(2024, 12, 31));
	CHECK(value_period("2024年3月", &a, &b, &why) == 0 &&
	    a == ymd(2024, 3, 1) && b == ymd(2024, 3, 31));
	CHECK(value_period("10", &a, &b, &why) == -1 && why_has("时长"));
	CHECK(value_period("10个月", &a, &b, &why) == -1 && why_has("时长"));
	CHECK(value_period("2023年5月至2022年1月", &a, &b, &why) == -1 &&
	    why_has("结束早于开始"));
	CHECK(value_period("下半年", &a, &b, &why) == -1);
	CHECK(value_period("", &a, &b, &why) == -1);
}

static void
test_count(void)
{
	int64_t n = -1;

	CHECK(value_count("200", &n, &why) == 0 && n == 200);
	CHECK(value_count("200户", &n, &why) == 0 && n == 200);
	CHECK(value_count("1,200人", &n, &why) == 0 && n == 1200);
	CHECK(value_count("≥200户", &n, &why) == 0 && n == 200);
	CHECK(value_count(">=15户", &n, &why) == 0 && n == 15);
	CHECK(value_count("约200人", &n, &why) == 0 && n == 200);
	CHECK(value_count("200余户", &n, &why) == 0 && n == 200);
	CHECK(value_count("1.2万人", &n, &why) == 0 && n == 12000);
	CHECK(value_count("3人次", &n, &why) == 0 && n == 3);
	CHECK(value_count("1500平方米", &n, &why) == 0 && n == 1500);
	CHECK(value_count("２００户", &n, &why) == 0 && n == 200);
	CHECK(value_count("200.0", &n, &why) == 0 && n == 200);
	CHECK(value_count("0", &n, &why) == 0 && n == 0);
	CHECK(value_count("80%", &n, &why) == 0 && n == 80);	/* progress */
	CHECK(value_count("60.5%", &n, &why) == -1);
	CHECK(value_count("-3", &n, &why) == -1 && why_is("数量不能为负数"));
	CHECK(value_count("2.5", &n, &why) == -1 && why_has("不是整数"));
	CHECK(value_count("1.23456万", &n, &why) == -1 && why_has("不是整数"));
	CHECK(value_count("200户,受益脱贫户15户", &n, &why) == -1 &&
	    why_has("两个数"));
	CHECK(value_count("1,20", &n, &why) == -1 && why_has("逗号"));
	CHECK(value_count("若干", &n, &why) == -1 && why_has("无法识别"));
	CHECK(value_count("200个行政村的农户", &n, &why) == -1);
	CHECK(value_count("", &n, &why) == -1 && why_is("数量为空"));
	CHECK(value_count("9999999999999", &n, &why) == -1 && why_has("太大"));
}

static int
ph(const char *s, char *out, size_t sz)
{
	why = NULL;
	return value_phone(s, out, sz, &why);
}

static void
test_phone(void)
{
	char o[64];

	CHECK(ph("13912345678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("139 1234 5678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("139-1234-5678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("+86 139 1234 5678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("8613912345678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("０３５９－８０１２３４５", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345") == 0);
	CHECK(ph("0359-8012345", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345") == 0);
	CHECK(ph("0359 8012345", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345") == 0);
	CHECK(ph("03598012345", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345") == 0);
	CHECK(ph("(0359)8012345转601", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345转601") == 0);
	CHECK(ph("（0359）8012345转601", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345转601") == 0);
	CHECK(ph("0359-8012345-601", o, sizeof(o)) == 0 &&
	    strcmp(o, "0359-8012345转601") == 0);
	CHECK(ph("010-62345678", o, sizeof(o)) == 0 &&
	    strcmp(o, "010-62345678") == 0);
	CHECK(ph("8012345", o, sizeof(o)) == 0 && strcmp(o, "8012345") == 0);
	CHECK(ph("400-123-4567", o, sizeof(o)) == 0 &&
	    strcmp(o, "400-123-4567") == 0);
	CHECK(ph("手机:13912345678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678") == 0);
	CHECK(ph("13912345678、0359-8012345", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678、0359-8012345") == 0);
	CHECK(ph("13912345678 / 13812345678", o, sizeof(o)) == 0 &&
	    strcmp(o, "13912345678、13812345678") == 0);
	/* refused */
	CHECK(ph("1391234567", o, sizeof(o)) == -1 &&
	    why_is("手机号码「1391234567」应为11位数字"));
	CHECK(ph("139123456789", o, sizeof(o)) == -1 && why_has("11位"));
	CHECK(ph("12345", o, sizeof(o)) == -1 && why_has("无法识别"));
	CHECK(ph("abc", o, sizeof(o)) == -1);
	CHECK(ph("0359-0012345", o, sizeof(o)) == -1);
	CHECK(ph("+1 650 253 0000", o, sizeof(o)) == -1);
	CHECK(ph("", o, sizeof(o)) == -1 && why_is("电话为空"));
	CHECK(ph("、", o, sizeof(o)) == -1 && why_is("电话为空"));
	CHECK(ph("13912345678", o, 8) == -1);
	CHECK(ph("13912345678、13812345678", o, 20) == -1 && why_has("放不下"));
	CHECK(ph("13912345678", o, 0) == -1);
	CHECK(ph("0359-8012345转1234567", o, sizeof(o)) == -1);
}

static void
test_yesno_blank(void)
{
	bool b = false;

	CHECK(value_yesno("是", &b, &why) == 0 && b);
	CHECK(value_yesno(" 否 ", &b, &why) == 0 && !b);
	CHECK(value_yesno("有", &b, &why) == 0 && b);
	CHECK(value_yesno("无", &b, &why) == 0 && !b);
	CHECK(value_yesno("√", &b, &why) == 0 && b);
	CHECK(value_yesno("×", &b, &why) == 0 && !b);
	CHECK(value_yesno("y", &b, &why) == 0 && b);
	CHECK(value_yesno("N", &b, &why) == 0 && !b);
	CHECK(value_yesno("TRUE", &b, &why) == 0 && b);
	CHECK(value_yesno("false", &b, &why) == 0 && !b);
	CHECK(value_yesno("1", &b, &why) == 0 && b);
	CHECK(value_yesno("0", &b, &why) == 0 && !b);
	CHECK(value_yesno("Ｙ", &b, &why) == 0 && b);
	CHECK(value_yesno("也许", &b, &why) == -1 &&
	    why_is("「也许」应为「是」或「否」"));
	CHECK(value_yesno("", &b, &why) == -1 && why_is("是否值为空"));
	CHECK(value_blank(""));
	CHECK(value_blank("  \xe3\x80\x80 "));
	CHECK(value_blank("/"));
	CHECK(value_blank("——"));
	CHECK(value_blank("无"));
	CHECK(value_blank("n/a"));
	CHECK(value_blank(NULL));
	CHECK(!value_blank("0"));
	CHECK(!value_blank("无名村"));
}

static void
test_clean_fold(void)
{
	struct arena	*a = arena_new();
	char		 t[16];

	CHECK(strcmp(value_clean(a, "\xe3\x80\x80 １２３ＡＢ（万元）\xc2\xa0 "),
	    "123AB(万元)") == 0);
	CHECK(strcmp(value_clean(a, "第一行\n第二行  "), "第一行\n第二行") == 0);
	CHECK(strcmp(value_clean(a, "a\xffz"), "a\xef\xbf\xbdz") == 0);
	CHECK(strcmp(value_clean(a, ""), "") == 0);
	CHECK(strcmp(value_clean(a, "\xef\xbb\xbf" "BOM"), "BOM") == 0);
	CHECK(value_fold(" 投资\n 规模 ", false, t, sizeof(t)) > 0 &&
	    strcmp(t, "投资 规模") == 0);
	CHECK(value_fold(" 投资\n 规模 ", true, t, sizeof(t)) > 0 &&
	    strcmp(t, "投资规模") == 0);
	CHECK(value_fold("产　出　指　标", true, t, sizeof(t)) == 12 &&
	    strcmp(t, "产出指标") == 0);
	CHECK(value_fold("产出指标产出指标", true, t, sizeof(t)) == -1 &&
	    strcmp(t, "产出指标产") == 0);	/* a whole prefix */
	CHECK(value_fold("合\xe3\x80\x80计", true, t, sizeof(t)) == 6 &&
	    strcmp(t, "合计") == 0);
	CHECK(value_fold("\xe6\x96", true, t, sizeof(t)) == 6);	/* 2 x FFFD */
	arena_free(a);
}

/* Bytes that are not UTF-8, truncated sequences, huge inputs. */
static void
test_hostile(void)
{
	static const char *const bad[] = { "\xff", "\xe6\x96", "1\xc0\xaf",
		"\xed\xa0\x80", "2024\xe5\xb9", "\xf4\x90\x80\x80",
		"1,\xff" "000", "\xe5\xb9\xb4\xe5\xb9", "2024-01-\xff",
		"约", "余", "¥", "(", ")", "-", ".", "E5", "1E", "1e+",
		",", ",1", "1,", "1 ", " ,000", "年", "月底", "2024年第",
		"2024年第五季度", "转", "+86", "0086", "(+86)", "x601",
		NULL };
	char		 o[64], src[16], big[100000];
	int64_t		 n;
	int32_t		 d;
	bool		 b;
	int		 i;

	for (i = 0; bad[i]; i++) {
		(void)value_amount(bad[i], 0, &n, &b, &why);
		(void)value_count(bad[i], &n, &why);
		(void)value_date_text(bad[i], true, &d, &why);
		(void)value_period(bad[i], &d, &d, &why);
		(void)value_phone(bad[i], o, sizeof(o), &why);
		(void)value_yesno(bad[i], &b, &why);
		(void)value_fund(bad[i], 0, src, sizeof(src), &n, &b, &why);
		(void)value_unit_of(bad[i]);
		(void)value_blank(bad[i]);
	}
	CHECK(value_amount("\xff", 0, &n, &b, &why) == -1 &&
	    strstr(why, "\xef\xbf\xbd") != NULL);
	CHECK(value_date_text("2024\xe5\xb9", true, &d, &why) == -1);
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(value_amount(big, 0, &n, &b, &why) == -1);
	CHECK(value_date_text(big, true, &d, &why) == -1);
	CHECK(value_phone(big, o, sizeof(o), &why) == -1);
	CHECK(value_count(big, &n, &why) == -1);
	CHECK(value_unit_of(big) == 0);
}

TEST_MAIN(TEST(test_unit_of), TEST(test_amount_plain),
    TEST(test_amount_approx), TEST(test_amount_noise),
    TEST(test_amount_refused), TEST(test_fund), TEST(test_date_text),
    TEST(test_date_refused), TEST(test_date_cell), TEST(test_period),
    TEST(test_count), TEST(test_phone), TEST(test_yesno_blank),
    TEST(test_clean_fold), TEST(test_hostile))
