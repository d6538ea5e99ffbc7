/* Buffers, pools, UTF-8, numbers, money, CSV lines. */
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "check.h"
#include "csv.h"
#include "money.h"
#include "util.h"

static void
test_utf8(void)
{
	CHECK(util_utf8_valid("新源村", strlen("新源村")));
	CHECK(util_utf8_valid("", 0));
	CHECK(!util_utf8_valid("\xc0\xaf", 2));		/* overlong / */
	CHECK(!util_utf8_valid("\xed\xa0\x80", 3));	/* surrogate */
	CHECK(!util_utf8_valid("\xe6\x96", 2));		/* truncated */
	CHECK(!util_utf8_valid("a\0b", 3));		/* NUL */
	CHECK(!util_utf8_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	CHECK(!util_utf8_valid("\xff", 1));
	CHECK(util_utf8_valid("\xf0\x9f\x98\x80", 4));	/* emoji */
	CHECK(util_utf8_len("新源a", strlen("新源a")) == 3);
}

static void
test_int(void)
{
	int64_t v;

	CHECK(util_parse_int64("123", &v) == 0 && v == 123);
	CHECK(util_parse_int64("-5", &v) == 0 && v == -5);
	CHECK(util_parse_int64("12a", &v) == -1);
	CHECK(util_parse_int64("", &v) == -1);
	CHECK(util_parse_int64(" 1", &v) == -1);
	CHECK(util_parse_int64("99999999999999999999", &v) == -1);
}

static void
test_buf(void)
{
	struct buf	b;
	char		*p;
	size_t		 n;

	buf_init(&b, 8);
	CHECK(buf_adds(&b, "1234") == 0);
	CHECK(buf_adds(&b, "5678") == 0);
	CHECK(buf_addc(&b, '9') == -1);		/* cap reached */
	CHECK(b.len == 8 && strcmp(b.data, "12345678") == 0);
	buf_reset(&b);
	CHECK(buf_printf(&b, "%d", 42) == 0 && strcmp(b.data, "42") == 0);
	p = buf_detach(&b, &n);
	CHECK(n == 2 && strcmp(p, "42") == 0 && b.data == NULL);
	free(p);
	buf_init(&b, 1024);
	buf_add_html(&b, "<a href=\"x\">&'</a>");
	CHECK(strcmp(b.data,
	    "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;") == 0);
	buf_reset(&b);
	buf_add_json_escaped(&b, "a\"b\\\n", 5);
	CHECK(strcmp(b.data, "a\\\"b\\\\\\u000a") == 0);
	buf_free(&b);
}

static void
test_arena(void)
{
	struct arena	*a;
	char		*s;
	int		 i;

	a = arena_new();
	for (i = 0; i < 1000; i++) {
		s = arena_printf(a, "第%d行", i);
		CHECK(s != NULL);
	}
	CHECK(strcmp(s, "第999行") == 0);
	s = arena_alloc(a, 100000);	/* larger than a chunk */
	memset(s, 1, 100000);
	arena_own(a, xstrdup("freed at the end"));
	arena_free(a);
}

static void
test_money(void)
{
	int64_t	f;
	char	s[32];

	CHECK(money_parse_yuan("12345.67", &f) == 0 && f == 1234567);
	CHECK(money_parse_yuan("12345", &f) == 0 && f == 1234500);
	CHECK(money_parse_yuan("0.5", &f) == 0 && f == 50);
	CHECK(money_parse_yuan("-3.01", &f) == 0 && f == -301);
	CHECK(money_parse_yuan("1.234", &f) == -1);
	CHECK(money_parse_yuan("1.", &f) == -1);
	CHECK(money_parse_yuan(".5", &f) == -1);
	CHECK(money_parse_yuan("1,000", &f) == -1);
	CHECK(money_parse_yuan("", &f) == -1);
	CHECK(money_parse_yuan("999999999999999999999", &f) == -1);
	money_fmt_yuan(1234567, s, sizeof(s));
	CHECK(strcmp(s, "12345.67") == 0);
	money_fmt_yuan(-5, s, sizeof(s));
	CHECK(strcmp(s, "-0.05") == 0);
	money_fmt_yuan(0, s, sizeof(s));
	CHECK(strcmp(s, "0.00") == 0);
}

static void
test_csv(void)
{
	char	line[128], *f[8];

	strcpy(line, "140881100202,\"新源村委会\",140881100,14\r\n");
	CHECK(csv_split(line, f, 8) == 4);
	CHECK(strcmp(f[0], "140881100202") == 0 && strcmp(f[1], "新源村委会") == 0
	    && strcmp(f[3], "14") == 0);
	strcpy(line, "a,\"b,\"\"c\"\"\",,d");
	CHECK(csv_split(line, f, 8) == 4);
	CHECK(strcmp(f[1], "b,\"c\"") == 0 && f[2][0] == '\0');
	strcpy(line, "a,\"unterminated");
	CHECK(csv_split(line, f, 8) == -1);
	strcpy(line, "1,2,3,4");
	CHECK(csv_split(line, f, 2) == 2);
}

TEST_MAIN(TEST(test_utf8), TEST(test_int), TEST(test_buf), TEST(test_arena),
    TEST(test_money), TEST(test_csv))
