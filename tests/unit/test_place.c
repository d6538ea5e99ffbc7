/* Place codes and names. */
#include <string.h>

#include "check.h"
#include "place.h"

static void
test_level(void)
{
	CHECK(place_level_of("14") == PLACE_PROVINCE);
	CHECK(place_level_of("1408") == PLACE_CITY);
	CHECK(place_level_of("140881") == PLACE_COUNTY);
	CHECK(place_level_of("140881100") == PLACE_TOWN);
	CHECK(place_level_of("140881100202") == PLACE_VILLAGE);
	CHECK(place_level_of("14088") == PLACE_NONE);
	CHECK(place_level_of("14a881") == PLACE_NONE);
	CHECK(place_level_of("") == PLACE_NONE);
	CHECK(place_level_parse("village") == PLACE_VILLAGE);
	CHECK(place_level_parse("Village") == PLACE_NONE);
}

static void
test_norm(void)
{
	char c[PLACE_CODE_MAX];

	CHECK(place_code_norm("140881000000", c) == 0 && strcmp(c, "140881") == 0);
	CHECK(place_code_norm("140881100000", c) == 0 &&
	    strcmp(c, "140881100") == 0);
	CHECK(place_code_norm("140000000000", c) == 0 && strcmp(c, "14") == 0);
	CHECK(place_code_norm("140800000000", c) == 0 && strcmp(c, "1408") == 0);
	CHECK(place_code_norm("140881100202", c) == 0 &&
	    strcmp(c, "140881100202") == 0);
	CHECK(place_code_norm("1408811002021", c) == -1);
	CHECK(place_code_norm("14088x", c) == -1);
	CHECK(place_code_norm("", c) == -1);
	CHECK(place_code_parent("140881100202", c) == 0 &&
	    strcmp(c, "140881100") == 0);
	CHECK(place_code_parent("140881", c) == 0 && strcmp(c, "1408") == 0);
	CHECK(place_code_parent("14", c) == -1);
	CHECK(place_in_region("140881100202", "140881"));
	CHECK(!place_in_region("140882100202", "140881"));
	CHECK(place_in_region("140881", ""));
}

static void
test_range(void)
{
	char lo[PLACE_CODE_MAX], hi[PLACE_CODE_MAX];

	place_code_range("140881", lo, hi);
	CHECK(strcmp(lo, "140881") == 0 && strcmp(hi, "140882") == 0);
	CHECK(strcmp("140881100202", lo) >= 0 && strcmp("140881100202", hi) < 0);
	place_code_range("140889", lo, hi);
	/* '9' + 1 is ':', still above every code of the region */
	CHECK(strcmp("140889999999", hi) < 0 && strcmp("14089", hi) > 0);
	place_code_range("", lo, hi);
	CHECK(lo[0] == '\0' && strcmp("999999999999", hi) < 0);
}

static void
test_names(void)
{
	char s[PLACE_NAME_MAX];

	place_short_name("新源村委会", s, sizeof(s));
	CHECK(strcmp(s, "新源村") == 0);
	place_short_name("张营村民委员会", s, sizeof(s));
	CHECK(strcmp(s, "张营村") == 0);
	place_short_name("多福巷社区居委会", s, sizeof(s));
	CHECK(strcmp(s, "多福巷社区") == 0);
	place_short_name("张营社区居民委员会", s, sizeof(s));
	CHECK(strcmp(s, "张营社区") == 0);
	place_short_name("东华门街道办事处", s, sizeof(s));
	CHECK(strcmp(s, "东华门街道") == 0);
	place_core_name("新源村委会", s, sizeof(s));
	CHECK(strcmp(s, "新源") == 0);
	place_core_name("新源村", s, sizeof(s));
	CHECK(strcmp(s, "新源") == 0);
	place_core_name("新源", s, sizeof(s));
	CHECK(strcmp(s, "新源") == 0);
	place_core_name("虞乡镇", s, sizeof(s));
	CHECK(strcmp(s, "虞乡") == 0);
	place_core_name("罗村村委会", s, sizeof(s));
	CHECK(strcmp(s, "罗村") == 0 || strcmp(s, "罗") == 0);
	place_core_name("村", s, sizeof(s));	/* never empty */
	CHECK(strcmp(s, "村") == 0);
	place_core_name("内蒙古自治区", s, sizeof(s));
	CHECK(strcmp(s, "内蒙古") == 0);
	/* a short buffer truncates, never overflows */
	place_short_name("新源村委会", s, 4);
	CHECK(strlen(s) < 4);
}

static void
test_split(void)
{
	char	h[PLACE_NAME_MAX], t[PLACE_NAME_MAX];
	size_t	next;

	CHECK(place_split("虞乡镇新源村", 0, h, t, sizeof(h), &next));
	CHECK(strcmp(h, "虞乡镇") == 0 && strcmp(t, "新源村") == 0);
	CHECK(!place_split("新源村", 0, h, t, sizeof(h), &next));
	CHECK(!place_split("虞乡镇", 0, h, t, sizeof(h), &next));
	CHECK(place_split("永济市虞乡镇新源村", 0, h, t, sizeof(h), &next));
	CHECK(strcmp(h, "永济市") == 0 && strcmp(t, "虞乡镇新源村") == 0);
	CHECK(place_split("永济市虞乡镇新源村", next, h, t, sizeof(h), &next));
	CHECK(strcmp(h, "永济市虞乡镇") == 0 && strcmp(t, "新源村") == 0);
	CHECK(place_split("城北街道西伍姓村", 0, h, t, sizeof(h), &next));
	CHECK(strcmp(h, "城北街道") == 0 && strcmp(t, "西伍姓村") == 0);
}

TEST_MAIN(TEST(test_level), TEST(test_norm), TEST(test_range),
    TEST(test_names), TEST(test_split))
