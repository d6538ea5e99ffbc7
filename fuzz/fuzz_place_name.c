/*
 * Place names as the importer resolves them: the name helpers of
 * src/place.c, the search of src/store_place.c on the fixture's places
 * (fuzz_store.h), and src/import_resolve.c through import_run on a
 * one-row sheet.  An input is
 *
 *   byte 0   bits 0-1 the region searched (all, 永济市, 南岗区, 山西省),
 *            bits 2-4 the level (0 any .. 5 village), bit 5 the sheet's
 *            columns (地点 | 乡镇 村名 and 实施单位及责任人)
 *   rest     the text; on the sheet split at '|' over its columns
 *
 * Checked: search results lie in the region and level, without
 * duplicates, within the limit; names stay valid UTF-8 and terminated.
 */
#include "fuzz.h"
#include "fuzz_store.h"
#include "import.h"
#include "place.h"
#include "store_ledger.h"

static void
fuzz_place_names(const char *s)
{
	char	 a[PLACE_NAME_MAX], b[PLACE_NAME_MAX], code[PLACE_CODE_MAX];
	size_t	 from = 0, next;
	int	 n = 0;

	place_short_name(s, a, sizeof(a));
	FUZZ_CHECK(memchr(a, '\0', sizeof(a)) != NULL);
	place_core_name(s, a, sizeof(a));
	FUZZ_CHECK(memchr(a, '\0', sizeof(a)) != NULL);
	while (n++ < 16 && place_split(s, from, a, b, sizeof(a), &next)) {
		FUZZ_CHECK(next > from && next <= strlen(s));
		FUZZ_CHECK(memchr(a, '\0', sizeof(a)) != NULL &&
		    memchr(b, '\0', sizeof(b)) != NULL);
		from = next;
	}
	if (place_code_norm(s, code) == 0)
		FUZZ_CHECK(place_level_of(code) != PLACE_NONE);
	(void)place_level_parse(s);
}

static void
fuzz_place_search(const char *q, const char *within, int level)
{
	struct place	 out[PLACE_SEARCH_MAX];
	int		 n = -1, i, k;

	if (store_place_search(st, q, within, level, 10, out, &n) != STORE_OK)
		return;
	FUZZ_CHECK(n >= 0 && n <= 10);
	for (i = 0; i < n; i++) {
		FUZZ_CHECK(place_in_region(out[i].code, within));
		FUZZ_CHECK(level == 0 || out[i].level == level);
		for (k = 0; k < i; k++)
			FUZZ_CHECK(strcmp(out[i].code, out[k].code) != 0);
	}
}

/* Cell col of the row being built: text, or "" past its end. */
static void
fuzz_place_cell(struct sheet_build *b, int col, const char *t)
{
	if (*t)
		sheet_build_cell(b, col, CELL_STRING, t, strlen(t), 0, 0);
}

/* The sheet: header, then "道路硬化" and the parts of s. */
static void
fuzz_place_import(char *s, bool split)
{
	static const char *const h1[] = { "项目名称", "项目地点", "牵头单位" };
	static const char *const h2[] = { "项目名称", "乡镇", "村名",
	    "实施单位及责任人" };
	static struct ledger	 l;
	const char *const	*h = split ? h2 : h1;
	struct api_caller	 c;
	struct import_opts	 o;
	struct sheet_build	 b;
	struct sheet		 sh;
	struct arena		*a = arena_new();
	const char		*why = NULL;
	json_t			*rep;
	char			 err[256], *part, *bar;
	int			 i, n = split ? NELEM(h2) : NELEM(h1);

	if (l.id == 0 && store_ledger_get(st, fz.ledger[0], &l) != STORE_OK)
		xdie("fuzz: ledger");
	sheet_build_init(&b, NULL, a, &sh, "csv", err, sizeof(err));
	sheet_build_row(&b, 1);
	for (i = 0; i < n; i++)
		fuzz_place_cell(&b, i + 1, h[i]);
	sheet_build_row_end(&b);
	sheet_build_row(&b, 2);
	fuzz_place_cell(&b, 1, "道路硬化");
	for (i = 1, part = s; i < n && part; i++, part = bar) {
		if ((bar = strchr(part, '|')) != NULL)
			*bar++ = '\0';
		fuzz_place_cell(&b, i + 1, part);
	}
	sheet_build_row_end(&b);
	memset(&c, 0, sizeof(c));
	c.store = st;
	c.user = &fz.user[1];
	c.actor.user_id = c.user->id;
	c.actor.name = c.user->login;
	c.actor.ip = "127.0.0.1";
	c.in_tx = true;
	memset(&o, 0, sizeof(o));
	o.key = "seq";		/* as import_opts_json leaves it */
	if (store_begin(st, true) == -1)
		xdie("fuzz: begin");
	if ((rep = import_run(&c, &l, &sh, &o, &why)) != NULL)
		FUZZ_CHECK(json_object_get(rep, "report") != NULL);
	json_decref(rep);
	store_rollback(st);
	arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static const char *const within[] = { "", "140881", "230103", "14" };
	char *s;

	if (len < 1)
		return 0;
	fuzz_store_init();
	s = fuzz_str(data + 1, len - 1);
	fuzz_place_names(s);
	fuzz_place_search(s, within[data[0] & 3], ((data[0] >> 2) & 7) % 6);
	/* what a sheet reader would hand over: valid UTF-8, capped */
	if (util_utf8_valid(s, len - 1) && len - 1 <= 4096)
		fuzz_place_import(s, data[0] & 0x20);
	free(s);
	return 0;
}
