#include <string.h>

#include "place.h"
#include "util.h"

static const size_t level_len[] = { 0, 2, 4, 6, 9, 12 };

enum place_level
place_level_of(const char *code)
{
	size_t n, i;

	n = strlen(code);
	for (i = 0; i < n; i++)
		if (code[i] < '0' || code[i] > '9')
			return PLACE_NONE;
	for (i = 1; i < NELEM(level_len); i++)
		if (level_len[i] == n)
			return (enum place_level)i;
	return PLACE_NONE;
}

size_t
place_code_len(enum place_level lv)
{
	return lv <= PLACE_VILLAGE ? level_len[lv] : 0;
}

const char *
place_level_name(enum place_level lv)
{
	static const char *const names[] = {
		"", "省级", "市级", "县级", "乡级", "村级"
	};

	return lv <= PLACE_VILLAGE ? names[lv] : "";
}

enum place_level
place_level_parse(const char *s)
{
	static const char *const words[] = {
		"", "province", "city", "county", "town", "village"
	};
	size_t i;

	for (i = 1; i < NELEM(words); i++)
		if (strcmp(s, words[i]) == 0)
			return (enum place_level)i;
	return PLACE_NONE;
}

int
place_code_norm(const char *in, char out[PLACE_CODE_MAX])
{
	size_t n;

	n = strlen(in);
	if (n == 0 || n > 12 || util_strlcpy(out, in, PLACE_CODE_MAX) == -1)
		return -1;
	if (n == 12) {
		/* village, town, county, city parts that are all zero */
		if (strcmp(out + 9, "000") == 0) {
			out[9] = '\0';
			if (strcmp(out + 6, "000") == 0) {
				out[6] = '\0';
				if (strcmp(out + 4, "00") == 0) {
					out[4] = '\0';
					if (strcmp(out + 2, "00") == 0)
						out[2] = '\0';
				}
			}
		}
	}
	return place_level_of(out) == PLACE_NONE ? -1 : 0;
}

int
place_code_parent(const char *code, char out[PLACE_CODE_MAX])
{
	enum place_level lv;

	lv = place_level_of(code);
	if (lv <= PLACE_PROVINCE)
		return -1;
	memcpy(out, code, level_len[lv - 1]);
	out[level_len[lv - 1]] = '\0';
	return 0;
}

bool
place_in_region(const char *code, const char *prefix)
{
	return strncmp(code, prefix, strlen(prefix)) == 0;
}

void
place_code_range(const char *prefix, char *lo, char *hi)
{
	size_t n;

	n = strlen(prefix);
	if (n == 0 || n >= PLACE_CODE_MAX) {
		lo[0] = '\0';
		util_strlcpy(hi, ":", PLACE_CODE_MAX);	/* ':' follows '9' */
		return;
	}
	memcpy(lo, prefix, n + 1);
	memcpy(hi, prefix, n + 1);
	hi[n - 1]++;	/* '9' becomes ':', still above every digit */
}

/* Strip the first matching suffix of list from s in place (keeping at
 * least one character); return true if one was stripped. */
static bool
place_strip(char *s, const char *const *list, size_t n, const char *const *repl)
{
	size_t i, sl, ll;

	sl = strlen(s);
	for (i = 0; i < n; i++) {
		ll = strlen(list[i]);
		if (sl > ll && memcmp(s + sl - ll, list[i], ll) == 0) {
			/* a replacement is never longer than its suffix */
			if (repl)
				memcpy(s + sl - ll, repl[i], strlen(repl[i]) + 1);
			else
				s[sl - ll] = '\0';
			return true;
		}
	}
	return false;
}

void
place_short_name(const char *name, char *out, size_t sz)
{
	static const char *const suf[] = {
		"社区居民委员会", "社区居委会", "村民委员会", "村委会",
		"居民委员会", "居委会", "街道办事处", "办事处",
	};
	static const char *const repl[] = {
		"社区", "社区", "村", "村", "", "", "街道", "",
	};

	util_strlcpy(out, name, sz);
	place_strip(out, suf, NELEM(suf), repl);
}

void
place_core_name(const char *name, char *out, size_t sz)
{
	static const char *const kinds[] = {
		"特别行政区", "自治区", "自治州", "自治县", "自治旗",
		"街道", "社区", "苏木", "嘎查", "林场", "农场",
		"省", "市", "区", "县", "旗", "盟", "镇", "乡", "村",
	};

	place_short_name(name, out, sz);
	place_strip(out, kinds, NELEM(kinds), NULL);
}

bool
place_split(const char *q, size_t from, char *head, char *tail, size_t sz,
    size_t *next)
{
	static const char *const marks[] = {
		"街道", "省", "市", "区", "县", "旗", "镇", "乡",
	};
	size_t n, i, k, j, ml;
	bool tail_mark;

	n = strlen(q);
	for (i = from; i < n; i++) {
		for (k = 0; k < NELEM(marks); k++) {
			ml = strlen(marks[k]);
			if (i + ml >= n || memcmp(q + i, marks[k], ml) != 0)
				continue;
			if (i == 0 || i + ml > sz - 1 || n - i - ml > sz - 1)
				continue;
			/* 虞乡|镇新源村: no name starts with a kind */
			tail_mark = false;
			for (j = 0; j < NELEM(marks); j++)
				if (strncmp(q + i + ml, marks[j],
				    strlen(marks[j])) == 0)
					tail_mark = true;
			if (tail_mark)
				continue;
			memcpy(head, q, i + ml);
			head[i + ml] = '\0';
			memcpy(tail, q + i + ml, n - i - ml);
			tail[n - i - ml] = '\0';
			*next = i + ml;
			return true;
		}
	}
	return false;
}
