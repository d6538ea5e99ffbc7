/*
 * Importing sheets through the API and the command line (import.c,
 * api_imports.c, cmd_import.c) on a real store: three sheets after the
 * header sets of real ledgers (a 帮扶项目台账 with a title row and a
 * two-row merged header, a 民生实事 task breakdown as GB18030 CSV, a
 * 资金安排表 with 小计 and 合计 rows), bad values explained by row and
 * column, all rows or none, places resolved within the ledger's region
 * with candidates, duplicate warnings, scope, the annotated sheet, and
 * the round trip export → edit → re-import with update.
 */
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "testdb.h"
#include "cmd_import.c"
#include "apitest.h"	/* after cmd_import.c */
#include "date.h"
#include "sheet.h"
#include "store_import.h"
#include "store_ledger.h"
#include "store_place.h"

static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_sup[AUTH_TOKEN_LEN + 1];
static char	tok_rep[AUTH_TOKEN_LEN + 1], tok_sup_b[AUTH_TOKEN_LEN + 1];
static int64_t	unit_lcc, unit_jtj, unit_slj, unit_zy;
static int64_t	led_p, led_t, led_f;
static char	tmpdir[256];
static const char *dburi;	/* the store's, for the command line */

static const char *
path(const char *fmt, int64_t id)
{
	static char	p[8][160];
	static int	i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), fmt, (long long)id);
	return p[i];
}

static int64_t
mkledger(const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok_sup, "POST", "/api/v1/ledgers", body);
	if (x.status != 201)
		xdie("mkledger %d %s", x.status, x.data);
	id = num(x.j, "id");
	done(&x);
	return id;
}

static void
setup(void)
{
	static apitest_place places[] = {
		{ "140881100203", "东源村委会", "5", "140881100" },
		{ "140881106203", "新源村委会", "5", "140881106" },
		{ "140881107", "开张镇", "4", "140881" },
		{ "140881107201", "古城村委会", "5", "140881107" },
	};
	char	body[512];

	dburi = apitest_open(places, NELEM(places));
	unit_lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "理事单位", unit_lcc, "140881");
	unit_slj = mkunit("永济市水利局", "理事单位", unit_lcc, "140881");
	unit_zy = mkunit("张营镇人民政府", "乡镇街道", unit_lcc, "140881106");
	mkunit("南岗区住建局", "党政部门", 0, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup);
	mkuser("rep", ROLE_REPORTER, unit_jtj, NULL, tok_rep);
	mkuser("sup-b", ROLE_SUPERVISOR, 0, "230103", tok_sup_b);
	if (store_commit(st) == -1)
		xdie("setup commit");
	snprintf(body, sizeof(body), "{\"template\":\"project\",\"name\":"
	    "\"2025年帮扶项目\",\"year\":2025,\"owner_unit_id\":%lld,"
	    "\"region\":\"140881\"}", (long long)unit_lcc);
	led_p = mkledger(body);
	snprintf(body, sizeof(body), "{\"template\":\"task\",\"name\":"
	    "\"民生实事\",\"owner_unit_id\":%lld,\"region\":\"140881\"}",
	    (long long)unit_lcc);
	led_t = mkledger(body);
	snprintf(body, sizeof(body), "{\"template\":\"project\",\"name\":"
	    "\"资金安排\",\"owner_unit_id\":%lld,\"region\":\"140881\"}",
	    (long long)unit_lcc);
	led_f = mkledger(body);
	snprintf(tmpdir, sizeof(tmpdir), "%s/tz-import-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		xdie("mkdtemp");
}

/*
 * A sheet as text: rows of cells separated by '|'; a cell "#1575.8" is
 * a number, "@2025-06-30" a date, "=SUM(..)" a formula, "~A1:C1" in
 * the first cell merges the range with the rest of the cell as text.
 */
static void
xlsx_write(const char *file, const char *const *rows, size_t n)
{
	lxw_workbook	*wb = workbook_new(file);
	lxw_worksheet	*ws = workbook_add_worksheet(wb, "Sheet1");
	lxw_format	*df = workbook_add_format(wb);
	size_t		 r;

	format_set_num_format(df, "yyyy-mm-dd");
	for (r = 0; r < n; r++) {
		char	*line = xstrdup(rows[r]), *c, *p = line;
		int	 col = 0;

		if (line[0] == '~') {
			char *sp = strchr(line, ' ');

			*sp = '\0';
			{
				lxw_row_t	r1, r2;
				lxw_col_t	c1, c2;
				char		a[8], b[8];

				sscanf(line + 1, "%7[A-Z0-9]:%7[A-Z0-9]", a, b);
				r1 = lxw_name_to_row(a);
				c1 = lxw_name_to_col(a);
				r2 = lxw_name_to_row(b);
				c2 = lxw_name_to_col(b);
				worksheet_merge_range(ws, r1, c1, r2, c2, sp + 1,
				    NULL);
			}
			free(line);
			continue;
		}
		for (c = strsep(&p, "|"); c; c = strsep(&p, "|"), col++) {
			if (*c == '\0')
				continue;
			if (*c == '#')
				worksheet_write_number(ws, (lxw_row_t)r,
				    (lxw_col_t)col, strtod(c + 1, NULL), NULL);
			else if (*c == '@') {
				lxw_datetime dt = { 0 };

				sscanf(c + 1, "%d-%d-%d", &dt.year, &dt.month,
				    &dt.day);
				worksheet_write_datetime(ws, (lxw_row_t)r,
				    (lxw_col_t)col, &dt, df);
			} else
				worksheet_write_string(ws, (lxw_row_t)r,
				    (lxw_col_t)col, c, NULL);
		}
		free(line);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		xdie("xlsx_write %s", file);
}

/* The bytes of file into *len (malloc'd). */
static char *
slurp(const char *file, size_t *len)
{
	FILE	*f = fopen(file, "rb");
	char	*b;
	long	 n;

	if (f == NULL)
		xdie("slurp %s", file);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = xmalloc((size_t)n + 1);
	if (fread(b, 1, (size_t)n, f) != (size_t)n)
		xdie("slurp %s", file);
	fclose(f);
	*len = (size_t)n;
	return b;
}

/* POST the file's bytes as multipart to a ledger's imports. */
static struct res
upload(const char *tok, int64_t ledger, const char *name, const char *data,
    size_t len, const char *options)
{
	static const char	 bnd[] = "tzBoundary7MA4YWxkTrZu0gW";
	struct req		*r;
	char			*body, *p, hdr[512];
	size_t			 cap = len + 2048 + (options ? strlen(options) : 0);

	body = p = xmalloc(cap);
	if (options)
		p += snprintf(p, cap, "--%s\r\nContent-Disposition: form-data; "
		    "name=\"options\"\r\n\r\n%s\r\n", bnd, options);
	p += snprintf(p, cap - (size_t)(p - body), "--%s\r\nContent-Disposition: "
	    "form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: "
	    "application/octet-stream\r\n\r\n", bnd, name);
	memcpy(p, data, len);
	p += len;
	p += snprintf(p, cap - (size_t)(p - body), "\r\n--%s--\r\n", bnd);
	r = req_fake(st, &conf, "POST", path("/api/v1/ledgers/%lld/imports",
	    ledger), NULL);
	r->body = arena_alloc(r->pool, (size_t)(p - body));
	memcpy((char *)r->body, body, (size_t)(p - body));
	r->bodylen = (size_t)(p - body);
	snprintf(hdr, sizeof(hdr), "multipart/form-data; boundary=%s", bnd);
	r->headers[r->nheaders].key = "Content-Type";
	r->headers[r->nheaders++].val = arena_strdup(r->pool, hdr);
	r->headers[r->nheaders].key = "Authorization";
	r->headers[r->nheaders++].val = arena_strdup(r->pool, bearer(tok));
	free(body);
	return apitest_run(r);
}

static struct res
upload_file(const char *tok, int64_t ledger, const char *file,
    const char *options)
{
	struct res	x;
	size_t		len;
	char		*data = slurp(file, &len);
	const char	*base = strrchr(file, '/');

	x = upload(tok, ledger, base ? base + 1 : file, data, len, options);
	free(data);
	return x;
}

static json_t *
report(const struct res *x)
{
	json_t *j = json_object_get(x->j, "report");

	return j ? j : json_object_get(json_object_get(x->j, "import"),
	    "report");
}

static int64_t
rep_num(const struct res *x, const char *key)
{
	return json_integer_value(json_object_get(report(x), key));
}

/* The field a column letter maps to in the reply, "" if none. */
static const char *
col_field(const struct res *x, const char *letter)
{
	json_t	*c;
	size_t	 i;

	json_array_foreach(json_object_get(x->j, "columns"), i, c)
		if (strcmp(str(c, "col"), letter) == 0)
			return str(c, "field");
	return "?";
}

/* A problem at (row, col) whose reason contains needle, of level. */
static json_t *
problem(const struct res *x, int row, const char *col, const char *level,
    const char *needle)
{
	json_t	*p;
	size_t	 i;

	json_array_foreach(json_object_get(report(x), "problems"), i, p)
		if (num(p, "row") == row && strcmp(str(p, "col"), col) == 0 &&
		    strcmp(str(p, "level"), level) == 0 &&
		    strstr(str(p, "reason"), needle))
			return p;
	return NULL;
}

static int64_t
count_items(int64_t ledger)
{
	return store_ledger_item_count(st, ledger);
}

/* The items of a ledger by seq, as the admin sees them. */
static json_t *
items_of(int64_t ledger)
{
	struct res	x = AS(tok_admin, "GET", path(
	    "/api/v1/ledgers/%lld/items?limit=500", ledger), NULL);
	json_t		*a = json_incref(json_object_get(x.j, "items"));

	done(&x);
	return a;
}

static json_t *
item_seq(json_t *items, int64_t seq)
{
	json_t	*it;
	size_t	 i;

	json_array_foreach(items, i, it)
		if (num(it, "seq") == seq)
			return it;
	return NULL;
}

static const char *
tmpfile_name(const char *name)
{
	static char	p[4][512];
	static int	i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s/%s", tmpdir, name);
	return p[i];
}

/*
 * A 帮扶项目台账 after ledger-templates.md §1.3 and §0: a merged title,
 * a unit row, a two-row header (资金来源及规模 over 资金来源 and
 * 资金规模(万元)), amounts as numbers and text, dates three ways.
 */
static void
test_project_sheet(void)
{
	static const char *const rows[] = {
		"~A1:J1 2025年百村帮扶项目台账",
		"单位:万元",
		"序号|项目名称|项目类别|实施地点|建设内容|实施单位|资金来源及规模||完成时限|受益户数",
		"||||||资金来源|资金规模(万元)||",
		"#1|新源村道路硬化|基础设施类|虞乡镇新源村|硬化道路3公里|永济市交通运输局|衔接资金|#1575.8|@2025-10-31|#200",
		"#2|古城村水窖|基础设施类|古城村|新建水窖20口|永济市水利局|县级|1,000.5|2025年12月底|120户",
		"#3|张营村光伏|产业类|张营镇张营村、虞乡村|光伏电站|张营镇人民政府|市级|#20|2025.6.30|#35",
	};
	struct res	 x, y;
	json_t		*items, *it, *pl;
	const char	*file = tmpfile_name("帮扶项目台账.xlsx");
	int64_t		 id, before = count_items(led_p);

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201);
	id = num(x.j, "id");
	CHECK(id > 0 && strcmp(str(x.j, "state"), "checked") == 0);
	CHECK(strcmp(col_field(&x, "B"), "title") == 0);
	CHECK(strcmp(col_field(&x, "D"), "places") == 0);
	CHECK(strcmp(col_field(&x, "F"), "lead_unit") == 0);
	CHECK(strcmp(col_field(&x, "G"), "fund_source") == 0);
	CHECK(strcmp(col_field(&x, "H"), "amount") == 0);
	CHECK(strcmp(col_field(&x, "I"), "deadline") == 0);
	CHECK(json_integer_value(json_array_get(json_object_get(x.j,
	    "header_rows"), 0)) == 3 && json_integer_value(json_array_get(
	    json_object_get(x.j, "header_rows"), 1)) == 4);
	CHECK(rep_num(&x, "rows") == 3);
	CHECK(rep_num(&x, "errors") == 0);
	if (rep_num(&x, "errors"))
		fprintf(stderr, "%s\n", x.data);
	/* a dry run keeps nothing */
	CHECK(count_items(led_p) == before);
	done(&x);

	/* another user cannot see or commit it */
	y = AS(tok_sup_b, "GET", path("/api/v1/imports/%lld", id), NULL);
	CHECK(y.status == 404);
	done(&y);
	y = AS(tok_sup_b, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(y.status == 404);
	done(&y);
	CHECK(count_items(led_p) == before);

	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 200);
	CHECK(strcmp(str(x.j, "state"), "committed") == 0);
	CHECK(rep_num(&x, "created") == 3);
	done(&x);
	CHECK(count_items(led_p) == before + 3);
	/* committing twice is refused */
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 409);
	done(&x);
	CHECK(count_items(led_p) == before + 3);

	items = items_of(led_p);
	it = item_seq(items, 1);
	CHECK(it && strcmp(str(it, "title"), "新源村道路硬化") == 0);
	/* 1575.8 万元 is 15,758,000 元 */
	CHECK(it && strcmp(str(it, "amount"), "15758000.00") == 0);
	CHECK(it && strcmp(str(it, "deadline"), "2025-10-31") == 0);
	pl = json_object_get(it, "places");
	CHECK(json_array_size(pl) == 1 && strcmp(str(json_array_get(pl, 0),
	    "code"), "140881100202") == 0);
	CHECK(it && num(json_object_get(it, "lead_unit"), "id") == unit_jtj);
	CHECK(it && num(json_object_get(it, "beneficiaries"), "households") ==
	    200);
	CHECK(it && strcmp(str(json_array_get(json_object_get(it, "funds"), 0),
	    "source"), "衔接资金") == 0);
	it = item_seq(items, 2);
	CHECK(it && strcmp(str(it, "amount"), "10005000.00") == 0);
	CHECK(it && strcmp(str(it, "deadline"), "2025-12-31") == 0);
	CHECK(it && strcmp(str(json_array_get(json_object_get(it, "places"), 0),
	    "code"), "140881107201") == 0);
	CHECK(it && strcmp(str(json_array_get(json_object_get(it, "funds"), 0),
	    "source"), "县级财政") == 0);
	it = item_seq(items, 3);
	CHECK(it && strcmp(str(it, "amount"), "200000.00") == 0);
	CHECK(it && strcmp(str(it, "deadline"), "2025-06-30") == 0);
	CHECK(json_array_size(json_object_get(it, "places")) == 2);
	CHECK(it && num(json_object_get(it, "lead_unit"), "id") == unit_zy);
	json_decref(items);
	/* every created item is audited */
	x = AS(tok_admin, "GET", "/api/v1/audit?entity=import&limit=10", NULL);
	CHECK(x.status == 200 && json_array_size(json_object_get(x.j,
	    "items")) >= 2);
	done(&x);
}

/* Bad values, each explained by row, column letter and header; a
 * commit with errors keeps nothing; the annotated sheet says why. */
static void
test_bad_rows(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)|完成时限",
		"#11|好的一行|产业类|虞乡镇东源村|永济市水利局|#12|@2025-09-30",
		"#12|金额有误|产业类|虞乡镇东源村|永济市水利局|4,5万元|@2025-09-30",
		"#13|地点同名|产业类|新源村|永济市水利局|#5|@2025-09-30",
		"#14|地点不存在|产业类|黄河村|永济市水利局|#5|@2025-09-30",
		"#15|单位不存在|产业类|虞乡镇东源村|永济市林业局|#5|@2025-09-30",
		"#16|日期有误|产业类|虞乡镇东源村|永济市水利局|#5|2025年13月1日",
		"#17|类别有误|养殖类|虞乡镇东源村|永济市水利局|#5|@2025-09-30",
		"#18|约数|产业类|虞乡镇东源村|永济市水利局|100余万元|@2025-09-30",
		"#19||产业类|虞乡镇东源村|永济市水利局|#5|@2025-09-30",
	};
	struct res	 x;
	json_t		*p, *sh_rep;
	const char	*file = tmpfile_name("有错误的表.xlsx");
	int64_t		 id, before = count_items(led_p);
	struct sheet	 sh;
	struct arena	*a;
	char		 err[256];
	int		 r, ri, last;
	bool		 found;

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201);
	id = num(x.j, "id");
	CHECK(rep_num(&x, "rows") == 9);
	CHECK(problem(&x, 3, "F", "error", "逗号") != NULL);
	p = problem(&x, 4, "D", "error", "同名");
	CHECK(p && json_array_size(json_object_get(p, "candidates")) == 2);
	CHECK(p && strcmp(str(p, "header"), "实施地点") == 0 &&
	    strcmp(str(p, "value"), "新源村") == 0);
	CHECK(problem(&x, 5, "D", "error", "找不到") != NULL);
	CHECK(problem(&x, 6, "E", "error", "永济市林业局") != NULL);
	CHECK(problem(&x, 7, "G", "error", "") != NULL);
	CHECK(problem(&x, 8, "C", "error", "类别") != NULL);
	CHECK(problem(&x, 9, "F", "warning", "约数") != NULL);
	CHECK(problem(&x, 10, "B", "error", "名称") != NULL);
	CHECK(problem(&x, 2, "A", "error", "") == NULL);
	CHECK(rep_num(&x, "errors") == 7);
	done(&x);

	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 409);
	CHECK(strstr(x.data, "未导入任何一行") != NULL);
	done(&x);
	CHECK(count_items(led_p) == before);

	/* the annotated sheet: the rows as they were, with 错误说明 */
	x = AS(tok_sup, "GET", path("/api/v1/imports/%lld/report", id), NULL);
	CHECK(x.status == 200 && strstr(x.ctype, "spreadsheetml"));
	CHECK(strstr(x.disp, "filename*=UTF-8''") != NULL);
	a = arena_new();
	CHECK(sheet_read(x.data, x.len, "r.xlsx", NULL, a, &sh, err,
	    sizeof(err)) == 0);
	found = false;
	last = 0;
	for (ri = 0; ri < sh.nrows; ri++) {
		const struct sheet_cell *c;

		for (r = 0; r < sh.rows[ri].ncells; r++)
			if (strcmp(sh.rows[ri].cells[r].text, "错误说明") == 0)
				last = r + 1;
		if (last && sh.rows[ri].row == 3 && (c = sheet_cell(
		    &sh.rows[ri], last)) && strstr(c->text, "逗号"))
			found = true;
	}
	CHECK(last == 8);
	CHECK(found);
	arena_free(a);
	done(&x);

	/* remap: the 名称 column ignored → every row lacks its title */
	x = AS(tok_sup, "PATCH", path("/api/v1/imports/%lld", id),
	    "{\"mapping\":{\"B\":null}}");
	CHECK(x.status == 200 && strcmp(col_field(&x, "B"), "") == 0);
	CHECK(problem(&x, 2, "", "error", "名称") != NULL);
	done(&x);
	x = AS(tok_sup, "PATCH", path("/api/v1/imports/%lld", id),
	    "{\"mapping\":{\"Z\":\"title\"}}");
	CHECK(x.status == 400);
	done(&x);
	x = AS(tok_sup, "PATCH", path("/api/v1/imports/%lld", id),
	    "{\"mapping\":{\"C\":\"title\"}}");
	CHECK(x.status == 400 && strstr(x.data, "只保留一列") != NULL);
	done(&x);
	sh_rep = NULL;
	(void)sh_rep;
}

/* A 民生实事 task breakdown as GB18030 CSV (§4.1 headers). */
static void
test_task_csv(void)
{
	static const char utf8[] =
	    "重大民生实事项目目标任务责任分解表\r\n"
	    "序号,实事名称,牵头单位,配合单位,区政府分管领导,完成时限,完成进度\r\n"
	    "1,\"新建乡村道路,20公里\",永济市交通运输局,永济市水利局,王明,2025年12月底,30%\r\n"
	    "2,农村饮水提升,永济市水利局,,李华,2025/11/30,0.5\r\n";
	struct res	 x;
	json_t		*items, *it;
	iconv_t		 cd;
	char		 out[4096], *in = (char *)utf8, *o = out;
	size_t		 inl = strlen(utf8), outl = sizeof(out);
	int64_t		 id;

	cd = iconv_open("GB18030", "UTF-8");
	if (cd == (iconv_t)-1 || iconv(cd, &in, &inl, &o, &outl) ==
	    (size_t)-1)
		xdie("iconv");
	iconv_close(cd);
	x = upload(tok_sup, led_t, "实事分解表.csv", out,
	    (size_t)(o - out), NULL);
	CHECK(x.status == 201);
	CHECK(strcmp(str(json_object_get(x.j, "sheet"), "encoding"),
	    "GB18030") == 0);
	CHECK(rep_num(&x, "errors") == 0 && rep_num(&x, "rows") == 2);
	if (rep_num(&x, "errors"))
		fprintf(stderr, "%s\n", x.data);
	id = num(x.j, "id");
	done(&x);
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 200 && rep_num(&x, "created") == 2);
	done(&x);
	items = items_of(led_t);
	it = item_seq(items, 1);
	CHECK(it && strcmp(str(it, "title"), "新建乡村道路,20公里") == 0);
	CHECK(it && strcmp(str(it, "leader"), "王明") == 0);
	CHECK(it && num(it, "progress") == 30);
	CHECK(it && json_array_size(json_object_get(it, "co_units")) == 1);
	it = item_seq(items, 2);
	CHECK(it && strcmp(str(it, "deadline"), "2025-11-30") == 0);
	json_decref(items);
}

/* A 资金安排表 (§2.2): 单位:万元, 村名, 小计 and 合计 rows checked. */
static void
test_fund_sheet(void)
{
	static const char *const rows[] = {
		"~A1:E1 2025年中央财政衔接资金安排表",
		"单位:万元",
		"序号|村名|项目名称|建设内容|资金金额",
		"#1|虞乡镇东源村|东源村便民桥|新建|#10",
		"#2|张营镇张营村|张营村排水渠|维修|#15.5",
		"小计||||#25.5",
		"#3|开张镇古城村|古城村文化广场|续建|#30",
		"小计||||#30",
		"合计||||#56",
		"备注:每个项目由责任单位另行公示。",
	};
	static const char *const rows_fixed[] = {
		"序号|村名|项目名称|建设内容|资金金额",
		"#1|虞乡镇东源村|东源村便民桥|新建|#10",
	};
	struct res	 x;
	const char	*file = tmpfile_name("资金安排表.xlsx");
	json_t		*p;

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_f, file, NULL);
	CHECK(x.status == 201);
	CHECK(strcmp(col_field(&x, "B"), "places") == 0 ||
	    strcmp(col_field(&x, "B"), "village") == 0);
	CHECK(rep_num(&x, "rows") == 3);
	CHECK(rep_num(&x, "totals_checked") == 3);
	CHECK(rep_num(&x, "skipped") >= 3);
	/* the 合计 row says 56, the rows add up to 55.5 */
	p = problem(&x, 9, "E", "warning", "合计");
	CHECK(p != NULL);
	CHECK(problem(&x, 6, "E", "warning", "小计") == NULL);
	/* the project ledger needs a lead unit: every row says so */
	CHECK(rep_num(&x, "errors") == 3);
	CHECK(problem(&x, 4, "", "error", "责任单位") != NULL);
	done(&x);
	(void)rows_fixed;

	/* an allocation table names no units: the ledger stops requiring
	 * them, and the same sheet goes in with its places and amounts */
	x = AS(tok_sup, "GET", path("/api/v1/ledgers/%lld", led_f), NULL);
	{
		json_t	*cfg = json_deep_copy(json_object_get(x.j, "config"));
		json_t	*req = json_pack("[s, s, s]", "title", "places", "amount");
		char	*body, etag[32];

		snprintf(etag, sizeof(etag), "%s", x.etag);
		done(&x);
		json_t	*patch;

		json_object_set_new(cfg, "required", req);
		patch = json_pack("{s:o}", "config", cfg);
		body = json_dumps(patch, 0);
		json_decref(patch);
		x = AS(tok_sup, "PATCH", path("/api/v1/ledgers/%lld", led_f), body,
		    "If-Match", etag);
		CHECK(x.status == 200);
		free(body);
		done(&x);
	}
	x = upload_file(tok_sup, led_f, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 0);
	CHECK(problem(&x, 9, "E", "warning", "合计") != NULL);
	{
		int64_t id = num(x.j, "id");
		json_t	*items, *it;

		done(&x);
		x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id),
		    NULL);
		CHECK(x.status == 200 && rep_num(&x, "created") == 3);
		done(&x);
		items = items_of(led_f);
		CHECK(json_array_size(items) == 3);
		it = item_seq(items, 2);
		CHECK(it && strcmp(str(it, "amount"), "155000.00") == 0);
		CHECK(it && strcmp(str(json_array_get(json_object_get(it,
		    "places"), 0), "code"), "140881106200") == 0);
		it = item_seq(items, 3);
		CHECK(it && strcmp(str(it, "amount"), "300000.00") == 0);
		CHECK(it && strcmp(str(json_array_get(json_object_get(it,
		    "places"), 0), "code"), "140881107201") == 0);
		json_decref(items);
	}
}

/* Duplicate construction: a second project in the same village. */
static void
test_duplicates(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)|开始时间|完成时限",
		"#31|新源村道路硬化二期|基础设施类|虞乡镇新源村|永济市交通运输局|#80|@2025-03-01|@2025-11-30",
	};
	struct res	 x;
	const char	*file = tmpfile_name("重复.xlsx");

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 0);
	CHECK(rep_num(&x, "warnings") >= 1);
	CHECK(problem(&x, 2, "D", "warning", "") != NULL);
	done(&x);
}

/* The body of POST /ledgers/{id}/items that gives item it (its JSON). */
static char *
create_body(json_t *it)
{
	static const char *const keys[] = { "seq", "code", "title", "content",
	    "category", "state", "leader", "leader_phone", "responsible",
	    "responsible_phone", "start", "deadline", "completed", "progress",
	    "progress_text", "amount", "beneficiaries", "custom", "targets" };
	json_t	*b = json_object(), *a, *o, *v;
	size_t	 i;
	char	*text;

	for (i = 0; i < NELEM(keys); i++)
		if ((v = json_object_get(it, keys[i])) && !json_is_null(v))
			json_object_set(b, keys[i], v);
	a = json_array();
	json_array_foreach(json_object_get(it, "places"), i, o) {
		v = json_pack("{s:O}", "code", json_object_get(o, "code"));
		if (json_is_true(json_object_get(o, "share_given")))
			json_object_set(v, "share", json_object_get(o, "share"));
		if (!json_is_null(json_object_get(o, "detail")))
			json_object_set(v, "detail", json_object_get(o, "detail"));
		json_array_append_new(a, v);
	}
	json_object_set_new(b, "places", a);
	if ((o = json_object_get(it, "lead_unit")) && !json_is_null(o))
		json_object_set(b, "lead_unit_id", json_object_get(o, "id"));
	a = json_array();
	json_array_foreach(json_object_get(it, "co_units"), i, o)
		json_array_append(a, json_object_get(o, "id"));
	json_object_set_new(b, "co_unit_ids", a);
	a = json_array();
	json_array_foreach(json_object_get(it, "funds"), i, o) {
		const char	*k;
		json_t		*f = json_object();

		json_object_foreach(o, k, v)
			if (!json_is_null(v))
				json_object_set(f, k, v);
		json_array_append_new(a, f);
	}
	json_object_set_new(b, "funds", a);
	text = json_dumps(b, JSON_COMPACT);
	json_decref(b);
	return text;
}

/* Item JSON without what differs between two ledgers' copies. */
static json_t *
comparable(json_t *it)
{
	static const char *const own[] = { "id", "ledger_id", "created_at",
	    "updated_at" };
	json_t	*c = json_deep_copy(it);
	size_t	 i;

	for (i = 0; i < NELEM(own); i++)
		json_object_del(c, own[i]);
	return c;
}

static int64_t
audit_count(const char *query)
{
	struct res	x = AS(tok_admin, "GET", query, NULL);
	int64_t		n = x.status == 200 ? num(x.j, "total") : -1;

	done(&x);
	return n;
}

/*
 * The importer creates items without the handler (import_bulk.c): what
 * it stores must be what the handler stores for the same rows.  Each
 * imported item's body is sent to the handler into a second ledger and
 * the two copies compared field by field; each item has its audit row;
 * the warnings of the sheet's last row are those the item shows now.
 */
static void
test_bulk_same(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|建设内容|责任单位|协办单位|资金规模(万元)|资金来源|开始时间|完成时限|受益户数|建设性质|联农带农机制|状态",
		"#1|新源村道路硬化|基础设施类|虞乡镇新源村|硬化2公里|永济市交通运输局|张营镇人民政府|#120.5|衔接资金|@2025-03-01|@2025-10-31|#210|新建|务工带动|实施",
		"#2|东源村饮水提升|生活条件改善类|虞乡镇东源村、虞乡镇新源村|管网|永济市水利局||#88|县级财政|@2025-04-01|@2025-12-31|#90|改建||",
		"|古城村产业大棚|产业类|开张镇古城村||永济市交通运输局|永济市水利局、张营镇人民政府|#35|衔接资金|@2025-05-01|@2025-09-30||新建|土地流转|",
		"#7|张营村路灯安装|基础设施类|张营镇张营村|路灯40盏|张营镇人民政府||#12.34||@2025-02-01|@2025-06-30|#45|||完工",
		"|新源村道路硬化项目2|基础设施类|虞乡镇新源村|硬化1公里|永济市交通运输局||#60|衔接资金|@2025-03-15|@2025-11-30|#100|续建||",
	};
	struct res	 x;
	json_t		*imported, *handled, *it, *twin, *a, *b, *w, *p;
	const char	*file = tmpfile_name("对照.xlsx");
	char		 body[512], *text;
	int64_t		 la, lh, audit_before;
	size_t		 i, n;

	snprintf(body, sizeof(body), "{\"template\":\"project\",\"name\":"
	    "\"对照导入\",\"year\":2025,\"owner_unit_id\":%lld,"
	    "\"region\":\"140881\"}", (long long)unit_lcc);
	la = mkledger(body);
	snprintf(body, sizeof(body), "{\"template\":\"project\",\"name\":"
	    "\"对照逐条\",\"year\":2025,\"owner_unit_id\":%lld,"
	    "\"region\":\"140881\"}", (long long)unit_lcc);
	lh = mkledger(body);
	audit_before = audit_count("/api/v1/audit?entity=item&limit=1");
	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, la, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 0);
	CHECK(rep_num(&x, "ok") == 5);
	n = (size_t)num(x.j, "id");
	done(&x);
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit",
	    (int64_t)n), NULL);
	CHECK(x.status == 200 && rep_num(&x, "created") == 5);
	/* the last row: new items of this sheet and older ones warned of */
	w = json_array();
	json_array_foreach(json_object_get(report(&x), "problems"), i, p)
		if (num(p, "row") == 6 && json_object_get(p, "candidates"))
			json_array_append(w, json_object_get(json_array_get(
			    json_object_get(p, "candidates"), 0), "item_id"));
	done(&x);
	CHECK(count_items(la) == 5);
	CHECK(audit_count("/api/v1/audit?entity=item&limit=1") ==
	    audit_before + 5);
	imported = items_of(la);
	CHECK(json_array_size(imported) == 5);
	/* the last row's warnings are those its item shows now (the rows
	 * before it, in this ledger and the others), before the handler's
	 * copies below add their own */
	it = item_seq(imported, 8);
	x = AS(tok_admin, "GET", path("/api/v1/items/%lld?warnings=1", it ?
	    num(it, "id") : 0), NULL);
	a = json_object_get(x.j, "warnings");
	CHECK(json_array_size(w) == 2 && json_array_size(a) == 2);
	json_array_foreach(w, i, p)
		CHECK(json_equal(p, json_object_get(json_array_get(a, i),
		    "item_id")));
	done(&x);
	/* the same bodies through the handler */
	json_array_foreach(imported, i, it) {
		text = create_body(it);
		x = AS(tok_sup, "POST", path("/api/v1/ledgers/%lld/items", lh),
		    text);
		CHECK(x.status == 201);
		if (x.status != 201)
			fprintf(stderr, "%s\n%s\n", text, x.data);
		done(&x);
		free(text);
	}
	handled = items_of(lh);
	CHECK(json_array_size(handled) == 5);
	json_array_foreach(imported, i, it) {
		twin = item_seq(handled, num(it, "seq"));
		CHECK(twin != NULL);
		if (twin == NULL)
			continue;
		a = comparable(it);
		b = comparable(twin);
		CHECK(json_equal(a, b));
		if (!json_equal(a, b)) {
			char *s1 = json_dumps(a, JSON_SORT_KEYS);
			char *s2 = json_dumps(b, JSON_SORT_KEYS);

			fprintf(stderr, "imported %s\nhandled  %s\n", s1, s2);
			free(s1);
			free(s2);
		}
		json_decref(a);
		json_decref(b);
		/* and its audit row: a create by the importing user */
		CHECK(audit_count(path("/api/v1/audit?entity=item&entity_id=%lld"
		    "&action=create", num(it, "id"))) == 1);
	}
	/* the numbers: 1, 2, then the ledger's next (3), 7, then 8 */
	CHECK(item_seq(imported, 3) && item_seq(imported, 8));
	snprintf(body, sizeof(body), "{\"title\":\"导入后新增\",\"places\":"
	    "[\"140881100203\"],\"lead_unit_id\":%lld,\"amount\":\"1.00\"}",
	    (long long)unit_jtj);
	x = AS(tok_sup, "POST", path("/api/v1/ledgers/%lld/items", la), body);
	CHECK(x.status == 201 && num(x.j, "seq") == 9);
	done(&x);
	json_decref(w);
	json_decref(imported);
	json_decref(handled);
}

/* A row the handler's checks refuse (after the importer's own) is
 * reported with the handler's message, and nothing of the sheet is
 * kept: no item, no audit row. */
static void
test_bulk_refused(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)|开始时间|完成时限",
		"|先存后退一|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
		"|期间颠倒|产业类|虞乡镇东源村|永济市水利局|#5|@2025-09-30|@2025-03-01",
		"|先存后退二|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
		"#1|序号已占用|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
		"#90|序号九十|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
		"#90|序号重复|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
		"|其后一行|产业类|虞乡镇东源村|永济市水利局|#5|@2025-03-01|@2025-09-30",
	};
	struct res	 x;
	const char	*file = tmpfile_name("被拒.xlsx");
	char		 want[256], body[512];
	int64_t		 before = count_items(led_p), id, audits;
	json_t		*p;

	/* what the handler says of that row */
	snprintf(body, sizeof(body), "{\"title\":\"期间颠倒\",\"category\":"
	    "\"产业类\",\"places\":[\"140881100203\"],\"lead_unit_id\":%lld,"
	    "\"amount\":\"50000.00\",\"start\":\"2025-09-30\",\"deadline\":"
	    "\"2025-03-01\"}", (long long)unit_slj);
	x = AS(tok_sup, "POST", path("/api/v1/ledgers/%lld/items", led_p),
	    body);
	CHECK(x.status == 400 && strcmp(err_field(&x), "deadline") == 0);
	snprintf(want, sizeof(want), "%s", apitest_str(json_object_get(x.j,
	    "error"), "message"));
	done(&x);
	audits = audit_count("/api/v1/audit?entity=item&limit=1");
	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 3 &&
	    rep_num(&x, "ok") == 4);
	p = problem(&x, 3, "H", "error", want);
	CHECK(p != NULL && strcmp(str(p, "reason"), want) == 0);
	/* numbers taken, by an item or by a row above: the handler's 409,
	 * and the rows after them go on (on PostgreSQL too) */
	p = problem(&x, 5, "A", "error", "");
	CHECK(p && strcmp(str(p, "reason"), "序号1已被本台账的其他事项使用") == 0);
	p = problem(&x, 7, "A", "error", "");
	CHECK(p && strcmp(str(p, "reason"), "序号90已被本台账的其他事项使用") == 0);
	CHECK(problem(&x, 8, "", "error", "") == NULL);
	id = num(x.j, "id");
	done(&x);
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 409);
	done(&x);
	CHECK(count_items(led_p) == before);
	CHECK(audit_count("/api/v1/audit?entity=item&limit=1") == audits);
}

/* A mapping the user chose is kept for the ledger's next sheet. */
static void
test_remember(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|村组|经办科室|资金规模(万元)",
		"#61|记住对应|产业类|虞乡镇东源村|永济市水利局|#3",
	};
	struct res	 x;
	const char	*file = tmpfile_name("记住.xlsx");
	int64_t		 id;

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201 && strcmp(col_field(&x, "E"), "") == 0);
	id = num(x.j, "id");
	done(&x);
	x = AS(tok_sup, "PATCH", path("/api/v1/imports/%lld", id),
	    "{\"mapping\":{\"D\":\"places\",\"E\":\"lead_unit\"}}");
	CHECK(x.status == 200 && rep_num(&x, "errors") == 0);
	done(&x);
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 200 && rep_num(&x, "created") == 1);
	done(&x);
	/* the next sheet of that shape maps the same way by itself */
	x = upload_file(tok_sup, led_p, file, NULL);
	CHECK(x.status == 201 && strcmp(col_field(&x, "E"), "lead_unit") == 0);
	CHECK(strcmp(col_field(&x, "D"), "places") == 0);
	done(&x);
}

/* A reporter may check but not create items outside their role. */
static void
test_scope(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)",
		"#41|填报人员新增|产业类|虞乡镇东源村|永济市交通运输局|#5",
	};
	struct res	 x;
	const char	*file = tmpfile_name("填报.xlsx");
	int64_t		 before = count_items(led_p), id;

	xlsx_write(file, rows, NELEM(rows));
	x = upload_file(tok_rep, led_p, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 1);
	id = num(x.j, "id");
	done(&x);
	x = AS(tok_rep, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 409);
	done(&x);
	CHECK(count_items(led_p) == before);
	/* a supervisor of another county */
	x = upload_file(tok_sup_b, led_p, file, NULL);
	CHECK(x.status == 201 && rep_num(&x, "errors") == 1);
	done(&x);
	CHECK(count_items(led_p) == before);
	/* hostile and empty files */
	x = upload(tok_sup, led_p, "a.xlsx", "PK\003\004garbage", 11, NULL);
	CHECK(x.status == 400 && strcmp(err_field(&x), "file") == 0);
	done(&x);
	x = upload(tok_sup, led_p, "a.csv", "只有一行\r\n", 14, NULL);
	CHECK(x.status == 400);
	done(&x);
	x = upload(tok_sup, 999999, "a.csv", "a,b\r\n", 5, NULL);
	CHECK(x.status == 404);
	done(&x);
}

/*
 * A user keeps at most IMPORT_OPEN_MAX unfinished jobs: each upload
 * removes the oldest beyond, committed jobs stay.
 */
static void
test_open_jobs(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)",
		"#42|未完成的导入|产业类|虞乡镇东源村|永济市交通运输局|#5",
	};
	static const char q_done[] =
	    "SELECT count(*) FROM import_job WHERE state = 'committed'";
	struct import_job	 j;
	struct res		 x;
	struct arena		*a = arena_new();
	const char		*file = tmpfile_name("未完成.xlsx");
	int64_t			 ids[IMPORT_OPEN_MAX + 2];
	int64_t			 done_before = testdb_int(dburi, q_done, 0, NULL);
	size_t			 i;

	CHECK(done_before > 0);
	xlsx_write(file, rows, NELEM(rows));
	for (i = 0; i < NELEM(ids); i++) {
		x = upload_file(tok_sup, led_p, file, NULL);
		CHECK(x.status == 201);
		ids[i] = num(x.j, "id");
		done(&x);
	}
	for (i = 0; i < NELEM(ids); i++)
		CHECK(store_import_get(st, a, ids[i], false, &j) ==
		    (i < 2 ? STORE_NOTFOUND : STORE_OK));
	CHECK(testdb_int(dburi, path("SELECT count(*) FROM import_job WHERE "
	    "state <> 'committed' AND user_id = (SELECT user_id FROM "
	    "import_job WHERE id = %lld)", ids[2]), 0, NULL) ==
	    IMPORT_OPEN_MAX);
	CHECK(testdb_int(dburi, q_done, 0, NULL) == done_before);
	/* the removed job is gone for its owner too */
	x = AS(tok_sup, "GET", path("/api/v1/imports/%lld", ids[0]), NULL);
	CHECK(x.status == 404);
	done(&x);
	arena_free(a);
}

/* Export, change one cell, re-import with update: that field only. */
static void
test_round_trip(void)
{
	struct res	 x;
	struct sheet	 sh;
	struct arena	*a = arena_new();
	json_t		*before, *after, *b, *c;
	const char	*file = tmpfile_name("往返.xlsx"), *k;
	char		 err[256];
	int64_t		 id, n = count_items(led_p);
	int		 ri, ci, title_col = 0, seq_col = 0, changed = 0;
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	size_t		 i;

	x = AS(tok_sup, "GET", path("/api/v1/ledgers/%lld/export?format=xlsx",
	    led_p), NULL);
	CHECK(x.status == 200);
	if (x.status != 200) {
		done(&x);
		arena_free(a);
		return;
	}
	CHECK(sheet_read(x.data, x.len, "e.xlsx", NULL, a, &sh, err,
	    sizeof(err)) == 0);
	done(&x);
	/* write it back as a spreadsheet would, with one title changed */
	wb = workbook_new(file);
	ws = workbook_add_worksheet(wb, NULL);
	for (ri = 0; ri < sh.nrows; ri++)
		for (ci = 0; ci < sh.rows[ri].ncells; ci++) {
			const struct sheet_cell *cl = &sh.rows[ri].cells[ci];
			lxw_row_t rr = (lxw_row_t)(sh.rows[ri].row - 1);

			if (strcmp(cl->text, "名称") == 0 ||
			    strcmp(cl->text, "项目名称") == 0)
				title_col = ci + 1;
			if (strcmp(cl->text, "序号") == 0)
				seq_col = ci + 1;
			if (cl->type == CELL_EMPTY)
				continue;
			if (title_col == ci + 1 && seq_col && sh.rows[ri].cells[
			    seq_col - 1].type == CELL_NUMBER &&
			    sh.rows[ri].cells[seq_col - 1].num == 2) {
				worksheet_write_string(ws, rr, (lxw_col_t)ci,
				    "古城村水窖(改)", NULL);
				changed++;
			} else if (cl->type == CELL_NUMBER)
				worksheet_write_number(ws, rr, (lxw_col_t)ci,
				    cl->num, NULL);
			else if (cl->type == CELL_DATE) {
				lxw_datetime dt = { 0 };
				int y, m, d;
				lxw_format *f = NULL;

				date_to_ymd(cl->day, &y, &m, &d);
				dt.year = y;
				dt.month = m;
				dt.day = d;
				f = workbook_add_format(wb);
				format_set_num_format(f, "yyyy-mm-dd");
				worksheet_write_datetime(ws, rr, (lxw_col_t)ci,
				    &dt, f);
			} else
				worksheet_write_string(ws, rr, (lxw_col_t)ci,
				    cl->text, NULL);
		}
	workbook_close(wb);
	CHECK(changed == 1);
	before = items_of(led_p);
	x = upload_file(tok_sup, led_p, file, "{\"update\":true,\"key\":\"seq\"}");
	CHECK(x.status == 201);
	CHECK(rep_num(&x, "errors") == 0);
	if (rep_num(&x, "errors"))
		fprintf(stderr, "%s\n", x.data);
	id = num(x.j, "id");
	done(&x);
	x = AS(tok_sup, "POST", path("/api/v1/imports/%lld/commit", id), NULL);
	CHECK(x.status == 200);
	CHECK(rep_num(&x, "updated") == 1);
	CHECK(rep_num(&x, "created") == 0);
	CHECK(rep_num(&x, "unchanged") == n - 1);
	done(&x);
	CHECK(count_items(led_p) == n);
	after = items_of(led_p);
	/* exactly the edited cell changed */
	json_array_foreach(before, i, b) {
		c = item_seq(after, num(b, "seq"));
		if (c == NULL) {
			CHECK(c != NULL);
			continue;
		}
		json_t *v;

		json_object_foreach(b, k, v) {
			if (strcmp(k, "version") == 0 ||
			    strcmp(k, "updated_at") == 0 ||
			    strcmp(k, "updated_by") == 0 ||
			    strcmp(k, "light") == 0 ||
			    strcmp(k, "light_label") == 0 ||
			    strcmp(k, "expected_progress") == 0)
				continue;
			if (num(b, "seq") == 2 && strcmp(k, "title") == 0)
				CHECK(strcmp(str(c, "title"), "古城村水窖(改)") ==
				    0);
			else if (!json_equal(v, json_object_get(c, k))) {
				fprintf(stderr, "seq %lld field %s changed\n",
				    (long long)num(b, "seq"), k);
				CHECK(!"field changed");
			}
		}
	}
	json_decref(before);
	json_decref(after);
	arena_free(a);
}

/* taizhang import: a dry run, then the save; errors exit 1. */
static void
test_cli(void)
{
	static const char *const rows[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)",
		"#51|命令行导入|产业类|虞乡镇东源村|永济市水利局|#7.25",
	};
	static const char *const bad[] = {
		"序号|项目名称|项目类别|实施地点|责任单位|资金规模(万元)",
		"#52|命令行错误|产业类|黄河村|永济市水利局|#7.25",
	};
	const char	*file = tmpfile_name("cli.xlsx"), *badf =
	    tmpfile_name("cli-bad.xlsx"), *rep = tmpfile_name("说明.xlsx");
	char		 led[24];
	int64_t		 n = count_items(led_p);

	snprintf(led, sizeof(led), "%lld", (long long)led_p);
	xlsx_write(file, rows, NELEM(rows));
	xlsx_write(badf, bad, NELEM(bad));
	{
		char *argv[] = { "import", (char *)file, "--ledger", led,
		    "--db", (char *)dburi, "--dry-run", NULL };

		optind = 1;
		CHECK(cmd_import(7, argv) == 0);
	}
	CHECK(count_items(led_p) == n);
	{
		char *argv[] = { "import", (char *)file, "--ledger", led,
		    "--db", (char *)dburi, "--as", "sup", NULL };

		optind = 1;
		CHECK(cmd_import(8, argv) == 0);
	}
	CHECK(count_items(led_p) == n + 1);
	{
		char *argv[] = { "import", (char *)badf, "--ledger", led,
		    "--db", (char *)dburi, "--report", (char *)rep,
		    NULL };

		optind = 1;
		CHECK(cmd_import(8, argv) == 1);
	}
	CHECK(count_items(led_p) == n + 1);
	CHECK(access(rep, R_OK) == 0);
	{
		char *argv[] = { "import", "--ledger", led, NULL };

		optind = 1;
		CHECK(cmd_import(3, argv) == 2);
	}
}

static void
teardown(void)
{
	char cmd[600];

	store_close(st);
	testdb_done();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static void
test_all(void)
{
	setup();
	test_project_sheet();
	test_bad_rows();
	test_task_csv();
	test_fund_sheet();
	test_duplicates();
	test_bulk_same();
	test_bulk_refused();
	test_remember();
	test_scope();
	test_open_jobs();
	test_round_trip();
	test_cli();
	teardown();
}

TEST_MAIN(TEST(test_all))
