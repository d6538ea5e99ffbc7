/*
 * Exports through the API on a real store: a project ledger with items
 * of every kind of value (Chinese names, 1575.80万元, dates, a title
 * "=1+1"), read back two ways: the .xlsx's XML (libzip) for the frozen
 * header, dropdowns, SUM formula and formats; and LibreOffice's own
 * reading of it (soffice --convert-to csv, formulas recalculated) for
 * what a user sees, the 合计 included.  Then CSV (BOM, CRLF, quoting,
 * the ' before formula-like text), scope (a county's user exports only
 * its county's items), the blank template, the importer's report
 * (export_report) and `taizhang export`.
 *
 * Without /usr/bin/soffice the LibreOffice checks are skipped with a
 * note, and count as a failure only when TAIZHANG_NEED_SOFFICE=1.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "testdb.h"
#include "apitest.h"
#include "cmd.h"
#include "date.h"
#include "export.h"
#include "sheet.h"
#include "store_ledger.h"
#include "store_place.h"
#include "util.h"

#define SOFFICE		"/usr/bin/soffice"
#define MAXR		64
#define MAXC		40

static const char *dbpath;
static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_sup_a[AUTH_TOKEN_LEN + 1];
static char	tok_sup_b[AUTH_TOKEN_LEN + 1];
static int64_t	unit_jtj, unit_slj, unit_ngzj;
static int64_t	led_proj, led_cross;
static char	deadline1[16];		/* item 1's, 10 days ago */

/* A parsed CSV: rows of fields (malloc'd). */
struct table {
	int	 nrows;
	int	 ncols[MAXR];
	char	*cell[MAXR][MAXC];
};

static const char *
path(const char *fmt, int64_t id)
{
	static char	p[8][160];
	static int	i;

	i = (i + 1) % 8;
	snprintf(p[i], sizeof(p[i]), fmt, (long long)id);
	return p[i];
}

/* RFC 4180: quoted fields may hold commas, quotes and line breaks. */
static void
table_parse(const char *s, size_t n, struct table *t)
{
	char	 f[8192];
	size_t	 i = 0, k = 0;
	bool	 q = false, any = false;

	memset(t, 0, sizeof(*t));
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i <= n; i++) {
		char c = i < n ? s[i] : '\n';
		if (q) {
			if (c == '"' && i + 1 < n && s[i + 1] == '"')
				f[k++] = '"', i++;
			else if (c == '"')
				q = false;
			else if (k < sizeof(f) - 1)
				f[k++] = c;
			continue;
		}
		if (c == '"') {
			q = any = true;
			continue;
		}
		if (c == ',' || c == '\n') {
			if (t->nrows < MAXR && t->ncols[t->nrows] < MAXC) {
				f[k] = '\0';
				t->cell[t->nrows][t->ncols[t->nrows]++] = xstrdup(f);
			}
			k = 0;
			if (c == '\n') {
				if (i == n && t->ncols[t->nrows] == 1 &&
				    t->cell[t->nrows][0][0] == '\0' && !any) {
					free(t->cell[t->nrows][0]);
					t->ncols[t->nrows] = 0;
					break;
				}
				t->nrows++;
				any = false;
				if (t->nrows == MAXR)
					break;
			}
			continue;
		}
		if (c == '\r' && i + 1 <= n && (i + 1 == n || s[i + 1] == '\n'))
			continue;
		if (k < sizeof(f) - 1)
			f[k++] = c;
		any = true;
	}
}

static void
table_free(struct table *t)
{
	int r, c;

	for (r = 0; r < MAXR; r++)
		for (c = 0; c < t->ncols[r]; c++)
			free(t->cell[r][c]);
	memset(t, 0, sizeof(*t));
}

/* Cell (r, c), "" if absent. */
static const char *
cell(const struct table *t, int r, int c)
{
	return r >= 0 && r < t->nrows && c < t->ncols[r] ? t->cell[r][c] : "";
}

/* The first row whose column c is text, or -1. */
static int
row_of(const struct table *t, int c, const char *text)
{
	int r;

	for (r = 0; r < t->nrows; r++)
		if (strcmp(cell(t, r, c), text) == 0)
			return r;
	return -1;
}

/* Column of header text in row r, or -1. */
static int
col_of(const struct table *t, int r, const char *text)
{
	int c;

	for (c = 0; r >= 0 && r < t->nrows && c < t->ncols[r]; c++)
		if (strcmp(t->cell[r][c], text) == 0)
			return c;
	return -1;
}

/* Is text anywhere in the table? */
static bool
table_has(const struct table *t, const char *text)
{
	int r, c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols[r]; c++)
			if (strstr(t->cell[r][c], text))
				return true;
	return false;
}

/* Entry name of the zip in data, NUL-terminated and malloc'd; NULL if
 * it is not a zip or has no such entry. */
static char *
unzip(const char *data, size_t len, const char *name)
{
	zip_source_t	*src;
	zip_t		*z;
	zip_file_t	*f;
	zip_stat_t	 sb;
	zip_error_t	 e;
	char		*out = NULL;

	zip_error_init(&e);
	if ((src = zip_source_buffer_create(data, len, 0, &e)) == NULL)
		return NULL;
	if ((z = zip_open_from_source(src, ZIP_RDONLY, &e)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&e);
		return NULL;
	}
	if (zip_stat(z, name, 0, &sb) == 0 && (f = zip_fopen(z, name, 0))) {
		out = xmalloc(sb.size + 1);
		if (zip_fread(f, out, sb.size) != (zip_int64_t)sb.size) {
			free(out);
			out = NULL;
		} else
			out[sb.size] = '\0';
		zip_fclose(f);
	}
	zip_close(z);
	zip_error_fini(&e);
	return out;
}

static void
write_file(const char *p, const char *data, size_t len)
{
	FILE *f = fopen(p, "wb");

	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0)
		xdie("write %s", p);
}

/* The contents of file p (malloc'd, NUL-terminated), *len its size. */
static char *
read_file(const char *p, size_t *len)
{
	FILE	*f = fopen(p, "rb");
	char	*b;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = xmalloc((size_t)n + 1);
	if (fread(b, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	b[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return b;
}

/* Is LibreOffice there?  If not, say so; a failure when required. */
static bool
have_soffice(void)
{
	static int	known = -1;
	const char	*need = getenv("TAIZHANG_NEED_SOFFICE");

	if (known == -1) {
		known = access(SOFFICE, X_OK) == 0;
		if (!known) {
			printf("note: %s is absent, the LibreOffice checks are "
			    "skipped\n", SOFFICE);
			CHECK(!(need && strcmp(need, "1") == 0));
		}
	}
	return known;
}

/*
 * LibreOffice's reading of the .xlsx files names[n] (in testdb_dir()),
 * converted to CSV in one run with the values as shown and every
 * formula recalculated on load; the CSV of names[i] into t[i].
 * -1 if soffice failed.
 */
static int
soffice_tables(const char *const *names, int n, struct table *t)
{
	char	home[512], dir[600], cmd[4096], p[700], *csv;
	size_t	len, off;
	int	i, rc = 0;
	FILE	*f;

	snprintf(home, sizeof(home), "%s/lo", testdb_dir());
	snprintf(dir, sizeof(dir), "%s/.config/libreoffice/4/user", home);
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", dir);
	if (system(cmd) != 0)
		return -1;
	/* recalculate formulas on load: the 合计 is LibreOffice's own */
	snprintf(p, sizeof(p), "%s/registrymodifications.xcu", dir);
	if ((f = fopen(p, "w")) == NULL)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items "
	    "xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs="
	    "\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3."
	    "org/2001/XMLSchema-instance\">\n<item oor:path=\"/org.openoffice."
	    "Office.Calc/Formula/Load\"><prop oor:name=\"OOXMLRecalcMode\" "
	    "oor:op=\"fuse\"><value>0</value></prop></item>\n</oor:items>\n",
	    f);
	fclose(f);
	off = (size_t)snprintf(cmd, sizeof(cmd), "cd '%s' && HOME='%s' timeout "
	    "180 " SOFFICE " --headless --norestore --convert-to 'csv:Text - "
	    "txt - csv (StarCalc):44,34,76' --outdir '%s'", testdb_dir(),
	    home, testdb_dir());
	for (i = 0; i < n; i++)
		off += (size_t)snprintf(cmd + off, sizeof(cmd) - off, " '%s.xlsx'",
		    names[i]);
	off += (size_t)snprintf(cmd + off, sizeof(cmd) - off, " >'%s/lo.log' "
	    "2>&1", testdb_dir());
	if (off >= sizeof(cmd) || system(cmd) != 0) {
		fprintf(stderr, "soffice failed, see %s/lo.log\n", testdb_dir());
		return -1;
	}
	for (i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "%s/%s.csv", testdb_dir(), names[i]);
		if ((csv = read_file(p, &len)) == NULL) {
			rc = -1;
			continue;
		}
		table_parse(csv, len, &t[i]);
		free(csv);
	}
	return rc;
}

static int64_t
mkitem(const char *tok, int64_t ledger, const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", path("/api/v1/ledgers/%lld/items", ledger), body);
	if (x.status != 201)
		xdie("mkitem %d %s: %s", x.status, body, x.data);
	id = num(x.j, "id");
	done(&x);
	return id;
}

static int64_t
mkledger(const char *tok, const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", "/api/v1/ledgers", body);
	if (x.status != 201)
		xdie("mkledger %d %s: %s", x.status, body, x.data);
	id = num(x.j, "id");
	done(&x);
	return id;
}

static void
setup(void)
{
	char		b[4096], dict[2048];
	int		i;
	int64_t		lcc, ng;
	size_t		n;

	dbpath = apitest_open(NULL, 0);
	lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "理事单位", lcc, "140881");
	unit_slj = mkunit("永济市水利局", "理事单位", lcc, "140881");
	ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	unit_ngzj = mkunit("南岗区住建局", "党政部门", ng, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, lcc, "140881", tok_sup_a);
	mkuser("sup-b", ROLE_SUPERVISOR, ng, "230103", tok_sup_b);
	if (store_commit(st) == -1)
		xdie("setup commit");

	snprintf(b, sizeof(b), "{\"template\":\"project\",\"name\":"
	    "\"永济项目\",\"year\":2024,\"owner_unit_id\":%lld,\"region\":"
	    "\"140881\"}", (long long)lcc);
	led_proj = mkledger(tok_sup_a, b);
	date_fmt(date_today() - 10, deadline1, sizeof(deadline1));
	snprintf(b, sizeof(b), "{\"title\":\"新源村道路硬化\",\"code\":"
	    "\"YJ-2024-01\",\"category\":\"基础设施类\",\"places\":"
	    "[\"140881100202\",\"140881100200\"],\"content\":\"硬化道路2.5公里\","
	    "\"lead_unit_id\":%lld,\"responsible\":\"张三\",\"start\":"
	    "\"2024-01-30\",\"deadline\":\"%s\",\"amount\":\"15758000.00\","
	    "\"beneficiaries\":{\"households\":200,\"poor_households\":15},"
	    "\"progress\":50,\"funds\":[{\"source\":\"中央财政\",\"kind\":"
	    "\"下达\",\"amount\":\"10000000.00\",\"date\":\"2024-03-01\","
	    "\"doc_no\":\"运财农〔2024〕12号\"}],\"targets\":[{\"level1\":"
	    "\"产出指标\",\"level2\":\"数量指标\",\"indicator\":\"新建道路\","
	    "\"op\":\"≥\",\"target\":\"2.5\",\"unit\":\"公里\"}],\"custom\":"
	    "{\"nature\":\"新建\",\"mechanism\":\"带动务工,人均增收\\\"2000\\\"元\"}}",
	    (long long)unit_jtj, deadline1);
	mkitem(tok_sup_a, led_proj, b);
	snprintf(b, sizeof(b), "{\"title\":\"=1+1\",\"category\":\"产业类\","
	    "\"places\":[\"140881106200\"],\"lead_unit_id\":%lld,\"amount\":"
	    "\"123.45\",\"content\":\"第一行,\\n第二行\",\"beneficiaries\":"
	    "{\"households\":3},\"custom\":{\"nature\":\"续建\"}}",
	    (long long)unit_slj);
	mkitem(tok_sup_a, led_proj, b);
	snprintf(b, sizeof(b), "{\"title\":\"-2+3\",\"category\":\"其他\","
	    "\"places\":[\"140881100202\"],\"lead_unit_id\":%lld,\"amount\":"
	    "\"0.55\",\"responsible\":\"@李四\",\"start\":\"2023-02-28\","
	    "\"deadline\":\"2030-06-30\"}", (long long)unit_jtj);
	mkitem(tok_sup_a, led_proj, b);

	/* a ledger of no county, with items in two, and custom fields of
	 * every type; its 级别 list is too long to go inline */
	n = (size_t)snprintf(dict, sizeof(dict), "[\"甲,乙\"");
	for (i = 1; i < 40; i++)
		n += (size_t)snprintf(dict + n, sizeof(dict) - n,
		    ",\"第%02d级别选项\"", i);
	snprintf(dict + n, sizeof(dict) - n, "]");
	snprintf(b, sizeof(b), "{\"kind\":\"task\",\"name\":\"跨县事项\","
	    "\"config\":{\"columns\":[\"seq\",\"title\",\"places\","
	    "\"lead_unit\",\"co_units\",\"deadline\",\"amount\",\"households\","
	    "\"state\",\"light\"],\"required\":[\"title\"],\"custom\":["
	    "{\"key\":\"level\",\"name\":\"级别\",\"type\":\"choice\",\"dict\":"
	    "\"级别\"},{\"key\":\"adopted\",\"name\":\"是否采纳\",\"type\":"
	    "\"yesno\"},{\"key\":\"area\",\"name\":\"面积\",\"type\":\"number\"},"
	    "{\"key\":\"budget\",\"name\":\"预算\",\"type\":\"money\"},"
	    "{\"key\":\"due\",\"name\":\"约定日期\",\"type\":\"date\"},"
	    "{\"key\":\"tags\",\"name\":\"标签\",\"type\":\"multichoice\","
	    "\"dict\":\"标签\"},{\"key\":\"site\",\"name\":\"地点\",\"type\":"
	    "\"place\"},{\"key\":\"partner\",\"name\":\"合作单位\",\"type\":"
	    "\"unit\"}],\"dicts\":{\"级别\":%s,\"标签\":[\"道路\",\"水利\","
	    "\"教育\"]}}}", dict);
	led_cross = mkledger(tok_admin, b);
	snprintf(b, sizeof(b), "{\"title\":\"永济事项甲\",\"places\":"
	    "[\"140881100202\"],\"lead_unit_id\":%lld,\"co_unit_ids\":[%lld],"
	    "\"custom\":{\"level\":\"甲,乙\",\"adopted\":true,\"area\":12.5,"
	    "\"budget\":\"2500.00\",\"due\":\"2025-03-01\",\"tags\":[\"道路\","
	    "\"水利\"],\"site\":\"140881106200\",\"partner\":%lld}}",
	    (long long)unit_jtj, (long long)unit_slj, (long long)unit_slj);
	mkitem(tok_sup_a, led_cross, b);
	snprintf(b, sizeof(b), "{\"title\":\"南岗事项乙\",\"places\":"
	    "[\"230103001001\"],\"lead_unit_id\":%lld,\"custom\":{\"adopted\":"
	    "false,\"area\":3}}", (long long)unit_ngzj);
	mkitem(tok_sup_b, led_cross, b);
}

/* GET an export as tok; the reply (status 200 checked by callers). */
static struct res
get(const char *tok, const char *p)
{
	return AS(tok, "GET", p, NULL);
}

/* The XML of the project ledger's export: structure, not looks. */
static void
test_xlsx_xml(void)
{
	struct res	 x;
	char		*sheet, *wbk, *styles;

	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export", led_proj));
	CHECK(x.status == 200);
	CHECK(strcmp(x.ctype, EXPORT_XLSX_TYPE) == 0);
	CHECK(x.len > 4 && memcmp(x.data, "PK", 2) == 0);
	/* 永济项目_YYYYMMDD.xlsx, RFC 5987 */
	CHECK(strstr(x.disp, "attachment;") != NULL);
	CHECK(strstr(x.disp, "filename*=UTF-8''%E6%B0%B8%E6%B5%8E%E9%A1%B9"
	    "%E7%9B%AE_") != NULL && strstr(x.disp, ".xlsx") != NULL);
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	wbk = unzip(x.data, x.len, "xl/workbook.xml");
	styles = unzip(x.data, x.len, "xl/styles.xml");
	CHECK(sheet && wbk && styles);
	if (sheet && wbk && styles) {
		/* title merged over the 21 columns, header frozen */
		CHECK(strstr(sheet, "<mergeCell ref=\"A1:U1\"/>") != NULL);
		CHECK(strstr(sheet, "<mergeCell ref=\"A2:U2\"/>") != NULL);
		CHECK(strstr(sheet, "ySplit=\"3\"") != NULL &&
		    strstr(sheet, "state=\"frozen\"") != NULL);
		/* 资金规模 is column K: rows 4..6 summed, exactly */
		CHECK(strstr(sheet, "<f>SUM(K4:K6)</f><v>1575.8124</v>") !=
		    NULL);
		CHECK(strstr(sheet, "<f>SUM(M4:M6)</f><v>203</v>") != NULL);
		CHECK(strstr(sheet, "<t>合计</t>") != NULL);
		/* dropdowns: 类别 (D), 状态 (P), 建设性质 (T) */
		CHECK(strstr(sheet, "sqref=\"D4:D6\"><formula1>\"产业类,") !=
		    NULL);
		CHECK(strstr(sheet, "sqref=\"P4:P6\"><formula1>\"申报,审核,") !=
		    NULL);
		CHECK(strstr(sheet, "sqref=\"T4:T6\"><formula1>\"新建,续建,改建,"
		    "维修\"</formula1>") != NULL);
		/* a title "=1+1" is text, never a formula */
		CHECK(strstr(sheet, "<t>=1+1</t>") != NULL);
		CHECK(strstr(sheet, "<f>1+1") == NULL);
		/* 2024-01-30 is the date serial 45321 in I4 */
		CHECK(strstr(sheet, "<c r=\"I4\" s=") != NULL &&
		    strstr(strstr(sheet, "<c r=\"I4\" s="), "<v>45321</v>") ==
		    strstr(strstr(sheet, "<c r=\"I4\" s="), "<v>"));
		/* amounts are numbers: 1575.8 in K4 */
		CHECK(strstr(sheet, "<v>1575.8</v>") != NULL);
		/* print: landscape, one page wide, header repeated */
		CHECK(strstr(sheet, "orientation=\"landscape\"") != NULL);
		CHECK(strstr(sheet, "fitToHeight=\"0\"") != NULL);
		CHECK(strstr(wbk, "_xlnm.Print_Titles") != NULL &&
		    strstr(wbk, "$3:$3") != NULL);
		CHECK(strstr(wbk, "_xlnm._FilterDatabase") != NULL);
		CHECK(strstr(styles, "formatCode=\"yyyy-mm-dd\"") != NULL);
		CHECK(strstr(styles, "formatCode=\"#,##0.00\"") != NULL);
	}
	free(sheet);
	free(wbk);
	free(styles);
	done(&x);
}

/* The 合计 row of t (first column 合计), or -1. */
static int
total_row(const struct table *t)
{
	return row_of(t, 0, "合计");
}

/* What LibreOffice shows of the project ledger and the cross ledger. */
static void
test_xlsx_soffice(void)
{
	static const char *const names[] = { "proj", "cross_a", "cross_admin" };
	struct table	 t[3];
	struct res	 x;
	char		 p[600];
	int		 r1, r2, r3, rt, c;

	if (!have_soffice())
		return;
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?format=xlsx",
	    led_proj));
	snprintf(p, sizeof(p), "%s/proj.xlsx", testdb_dir());
	write_file(p, x.data, x.len);
	done(&x);
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export", led_cross));
	snprintf(p, sizeof(p), "%s/cross_a.xlsx", testdb_dir());
	write_file(p, x.data, x.len);
	done(&x);
	x = get(tok_admin, path("/api/v1/ledgers/%lld/export", led_cross));
	snprintf(p, sizeof(p), "%s/cross_admin.xlsx", testdb_dir());
	write_file(p, x.data, x.len);
	done(&x);
	memset(t, 0, sizeof(t));
	CHECK(soffice_tables(names, 3, t) == 0);

	/* the title rows and the header */
	CHECK(strcmp(cell(&t[0], 0, 0), "永济项目") == 0);
	CHECK(strncmp(cell(&t[0], 1, 0), "导出时间:", strlen("导出时间:")) == 0 &&
	    strstr(cell(&t[0], 1, 0), "共3项") != NULL);
	CHECK(strcmp(cell(&t[0], 2, 0), "序号") == 0);
	CHECK(strcmp(cell(&t[0], 2, 2), "名称") == 0);
	CHECK(strcmp(cell(&t[0], 2, 10), "资金规模(万元)") == 0);
	CHECK(strcmp(cell(&t[0], 2, 16), "进度(%)") == 0);
	CHECK(strcmp(cell(&t[0], 2, 19), "建设性质") == 0);
	CHECK(strcmp(cell(&t[0], 2, 20), "联农带农机制") == 0);
	r1 = row_of(&t[0], 2, "新源村道路硬化");
	r2 = row_of(&t[0], 2, "=1+1");
	r3 = row_of(&t[0], 2, "-2+3");
	CHECK(r1 == 3 && r2 == 4 && r3 == 5);
	CHECK(strcmp(cell(&t[0], r1, 0), "1") == 0);
	CHECK(strcmp(cell(&t[0], r1, 1), "YJ-2024-01") == 0);
	CHECK(strcmp(cell(&t[0], r1, 3), "基础设施类") == 0);
	CHECK(strcmp(cell(&t[0], r1, 4), "虞乡镇虞乡村、虞乡镇新源村") == 0);
	CHECK(strcmp(cell(&t[0], r1, 6), "永济市交通运输局") == 0);
	CHECK(strcmp(cell(&t[0], r1, 8), "2024-01-30") == 0);
	CHECK(strcmp(cell(&t[0], r1, 9), deadline1) == 0);
	CHECK(strcmp(cell(&t[0], r1, 10), "1,575.80") == 0);
	CHECK(strstr(cell(&t[0], r1, 11), "中央财政 下达 1000.00万元") != NULL);
	CHECK(strcmp(cell(&t[0], r1, 12), "200") == 0);
	CHECK(strcmp(cell(&t[0], r1, 13), "15") == 0);
	CHECK(strcmp(cell(&t[0], r1, 14), "产出指标/数量指标:新建道路≥2.5公里")
	    == 0);
	CHECK(strcmp(cell(&t[0], r1, 15), "申报") == 0);
	CHECK(strcmp(cell(&t[0], r1, 16), "50") == 0);
	CHECK(strcmp(cell(&t[0], r1, 18), "红") == 0);	/* 10 days late */
	CHECK(strcmp(cell(&t[0], r1, 19), "新建") == 0);
	CHECK(strcmp(cell(&t[0], r1, 20), "带动务工,人均增收\"2000\"元") == 0);
	CHECK(strcmp(cell(&t[0], r2, 4), "张营镇张营村") == 0);
	CHECK(strcmp(cell(&t[0], r2, 5), "第一行,\n第二行") == 0);
	CHECK(strcmp(cell(&t[0], r2, 10), "0.01") == 0);	/* 123.45元 */
	CHECK(strcmp(cell(&t[0], r3, 7), "@李四") == 0);
	CHECK(strcmp(cell(&t[0], r3, 12), "") == 0);
	/* 合计 as LibreOffice computes it from the formulas */
	rt = total_row(&t[0]);
	CHECK(rt == 6);
	CHECK(strcmp(cell(&t[0], rt, 10), "1,575.81") == 0);
	CHECK(strcmp(cell(&t[0], rt, 12), "203") == 0);
	CHECK(strcmp(cell(&t[0], rt, 13), "15") == 0);

	/* scope: sup-a sees the 永济 item only; admin both */
	CHECK(table_has(&t[1], "永济事项甲") && !table_has(&t[1], "南岗事项乙"));
	CHECK(table_has(&t[2], "永济事项甲") && table_has(&t[2], "南岗事项乙"));
	r1 = row_of(&t[1], 1, "永济事项甲");
	CHECK(r1 == 3);
	c = col_of(&t[1], 2, "协办单位");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "永济市水利局") == 0);
	c = col_of(&t[1], 2, "级别");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "甲,乙") == 0);
	c = col_of(&t[1], 2, "是否采纳");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "是") == 0);
	c = col_of(&t[1], 2, "面积");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "12.5") == 0);
	c = col_of(&t[1], 2, "预算(万元)");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "0.25") == 0);
	c = col_of(&t[1], 2, "约定日期");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "2025-03-01") == 0);
	c = col_of(&t[1], 2, "标签");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "道路、水利") == 0);
	c = col_of(&t[1], 2, "地点");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "张营镇张营村") == 0);
	c = col_of(&t[1], 2, "合作单位");
	CHECK(c >= 0 && strcmp(cell(&t[1], r1, c), "永济市水利局") == 0);
	r2 = row_of(&t[2], 1, "南岗事项乙");
	c = col_of(&t[2], 2, "是否采纳");
	CHECK(r2 > 0 && c >= 0 && strcmp(cell(&t[2], r2, c), "否") == 0);
	c = col_of(&t[2], 2, "实施地点");
	CHECK(c >= 0 && strcmp(cell(&t[2], r2, c), "花园街道新源社区") == 0);
	table_free(&t[0]);
	table_free(&t[1]);
	table_free(&t[2]);
}

/* Dropdowns from the hidden sheet, scope and errors of the route. */
static void
test_xlsx_scope(void)
{
	struct res	 x;
	char		*sheet, *wbk;

	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export", led_cross));
	CHECK(x.status == 200);
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	wbk = unzip(x.data, x.len, "xl/workbook.xml");
	CHECK(sheet && wbk);
	if (sheet && wbk) {
		CHECK(strstr(wbk, "name=\"下拉选项\"") != NULL &&
		    strstr(wbk, "state=\"hidden\"") != NULL);
		CHECK(strstr(sheet, "<formula1>'下拉选项'!$A$1:$A$40</formula1>")
		    != NULL);
		CHECK(strstr(sheet, "<formula1>\"是,否\"</formula1>") != NULL);
		CHECK(strstr(sheet, "永济事项甲") != NULL);
		CHECK(strstr(sheet, "南岗事项乙") == NULL);
		CHECK(strstr(sheet, "共1项") != NULL);
	}
	free(sheet);
	free(wbk);
	done(&x);
	/* another county's supervisor: the ledger, none of its items */
	x = get(tok_sup_b, path("/api/v1/ledgers/%lld/export", led_proj));
	CHECK(x.status == 200);
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	CHECK(sheet && strstr(sheet, "共0项") && !strstr(sheet,
	    "新源村道路硬化") && !strstr(sheet, "<f>SUM("));
	free(sheet);
	done(&x);
	x = get(tok_sup_b, path("/api/v1/ledgers/%lld/export", led_cross));
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	CHECK(sheet && strstr(sheet, "南岗事项乙") && !strstr(sheet,
	    "永济事项甲"));
	free(sheet);
	done(&x);
	/* filters as the list: q, state; limit does not cut an export */
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?format=csv&q==1",
	    led_proj));
	CHECK(x.status == 200 && strstr(x.data, "'=1+1") &&
	    !strstr(x.data, "新源村道路硬化"));
	done(&x);
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?format=csv&"
	    "limit=1", led_proj));
	CHECK(x.status == 200 && strstr(x.data, "'=1+1") &&
	    strstr(x.data, "新源村道路硬化") && strstr(x.data, "'-2+3"));
	done(&x);
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?state=完工",
	    led_proj));		/* none is 完工 yet */
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	CHECK(x.status == 200 && sheet && strstr(sheet, "共0项") &&
	    strstr(sheet, "按筛选条件"));
	free(sheet);
	done(&x);
	/* errors: unknown ledger, bad format, bad filter, no login */
	x = get(tok_sup_a, "/api/v1/ledgers/99999/export");
	CHECK(x.status == 404 && strcmp(err_code(&x), "not_found") == 0);
	done(&x);
	x = get(tok_sup_a, "/api/v1/ledgers/x/export");
	CHECK(x.status == 400);
	done(&x);
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?format=pdf",
	    led_proj));
	CHECK(x.status == 400 && strcmp(err_field(&x), "format") == 0);
	done(&x);
	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?light=purple",
	    led_proj));
	CHECK(x.status == 400 && strcmp(err_field(&x), "light") == 0);
	done(&x);
	x = call("GET", path("/api/v1/ledgers/%lld/export", led_proj), NULL,
	    NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", path("/api/v1/ledgers/%lld/template", led_proj), NULL,
	    NULL);
	CHECK(x.status == 401);
	done(&x);
}

/* Is every line break of s outside quotes a CRLF? */
static bool
crlf_only(const char *s)
{
	bool q = false;

	for (; *s; s++) {
		if (*s == '"')
			q = !q;
		else if (*s == '\n' && !q && s[-1] != '\r')
			return false;
	}
	return true;
}

static void
test_csv(void)
{
	struct res	x;
	struct table	t;
	int		r1, r2, r3;

	x = get(tok_sup_a, path("/api/v1/ledgers/%lld/export?format=csv",
	    led_proj));
	CHECK(x.status == 200);
	CHECK(strcmp(x.ctype, "text/csv; charset=utf-8") == 0);
	CHECK(strstr(x.disp, ".csv") != NULL);
	CHECK(x.len > 3 && memcmp(x.data, "\xef\xbb\xbf", 3) == 0);
	CHECK(crlf_only(x.data + 3));
	CHECK(strncmp(x.data + 3, "序号,编号,名称,类别,实施地点,内容,责任单位,"
	    "责任人,开始日期,完成时限,资金规模(万元),资金来源,受益户数,"
	    "脱贫户数,绩效目标,状态,进度(%),形象进度,督办灯,建设性质,"
	    "联农带农机制\r\n", strlen("序号,编号,名称,类别,实施地点,内容,"
	    "责任单位,责任人,开始日期,完成时限,资金规模(万元),资金来源,"
	    "受益户数,脱贫户数,绩效目标,状态,进度(%),形象进度,督办灯,"
	    "建设性质,联农带农机制\r\n")) == 0);
	/* quoting: a comma, quotes doubled, a line break */
	CHECK(strstr(x.data, ",\"带动务工,人均增收\"\"2000\"\"元\"\r\n") != NULL);
	CHECK(strstr(x.data, ",\"第一行,\n第二行\",") != NULL);
	/* formula-like text gets a ', numbers never */
	CHECK(strstr(x.data, ",'=1+1,") != NULL);
	CHECK(strstr(x.data, ",'-2+3,") != NULL);
	CHECK(strstr(x.data, ",'@李四,") != NULL);
	table_parse(x.data, x.len, &t);
	CHECK(t.nrows == 4);		/* header and three items, no 合计 */
	r1 = row_of(&t, 2, "新源村道路硬化");
	r2 = row_of(&t, 2, "'=1+1");
	r3 = row_of(&t, 2, "'-2+3");
	CHECK(r1 == 1 && r2 == 2 && r3 == 3);
	/* amounts exact in 万元, dates, places, counts */
	CHECK(strcmp(cell(&t, r1, 10), "1575.80") == 0);
	CHECK(strcmp(cell(&t, r2, 10), "0.012345") == 0);
	CHECK(strcmp(cell(&t, r3, 10), "0.000055") == 0);
	CHECK(strcmp(cell(&t, r1, 8), "2024-01-30") == 0);
	CHECK(strcmp(cell(&t, r1, 4), "虞乡镇虞乡村、虞乡镇新源村") == 0);
	CHECK(strcmp(cell(&t, r1, 12), "200") == 0);
	CHECK(strcmp(cell(&t, r1, 16), "50") == 0);
	CHECK(strcmp(cell(&t, r1, 18), "红") == 0);
	CHECK(strcmp(cell(&t, r1, 11), "中央财政 下达 1000.00万元(2024-03-01 "
	    "运财农〔2024〕12号)") == 0);
	table_free(&t);
	done(&x);
}

static void
test_template(void)
{
	struct res	 x;
	char		*sheet, *wbk, *notes;
	char		*strs;

	x = get(tok_sup_b, path("/api/v1/ledgers/%lld/template", led_proj));
	CHECK(x.status == 200);
	CHECK(strcmp(x.ctype, EXPORT_XLSX_TYPE) == 0);
	/* 永济项目_导入模板_YYYYMMDD.xlsx */
	CHECK(strstr(x.disp, "%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF_") != NULL);
	sheet = unzip(x.data, x.len, "xl/worksheets/sheet1.xml");
	wbk = unzip(x.data, x.len, "xl/workbook.xml");
	notes = unzip(x.data, x.len, "xl/worksheets/sheet2.xml");
	CHECK(sheet && wbk && notes);
	if (sheet && wbk && notes) {
		CHECK(strstr(wbk, "name=\"填写说明\"") != NULL);
		/* 200 rows of dropdowns for 类别 (D) and 状态 */
		CHECK(strstr(sheet, "sqref=\"D4:D203\"><formula1>\"产业类,") !=
		    NULL);
		/* funds became 资金来源 (L), with the fund source list */
		CHECK(strstr(sheet, "<t>资金来源</t>") != NULL &&
		    strstr(sheet, "sqref=\"L4:L203\"><formula1>\"中央财政,") !=
		    NULL);
		/* computed columns are not asked for */
		CHECK(strstr(sheet, "督办灯") == NULL);
		CHECK(strstr(sheet, "绩效目标") == NULL);
		CHECK(strstr(sheet, "<row r=\"203\"") != NULL &&
		    strstr(sheet, "<row r=\"204\"") == NULL);
		CHECK(strstr(sheet, "ySplit=\"3\"") != NULL);
		CHECK(strstr(sheet, "<t>资金规模(万元)</t>") != NULL);
		/* the notes: required, the forms accepted, the values */
		CHECK(strstr(notes, "<t>名称</t>") != NULL);
		CHECK(strstr(notes, "必填") != NULL && strstr(notes, "选填"));
		CHECK(strstr(notes, "2024年1月30日") != NULL);
		CHECK(strstr(notes, "单位万元,可写 1575.8 或 1,575.8") != NULL);
		CHECK(strstr(notes, "新建、续建、改建、维修") != NULL);
		CHECK(strstr(notes, "不填则为「申报」") != NULL);
	}
	/* inline strings: nothing goes through the shared strings */
	strs = unzip(x.data, x.len, "xl/sharedStrings.xml");
	CHECK(strs == NULL || strstr(strs, "名称") == NULL);
	free(strs);
	free(sheet);
	free(wbk);
	free(notes);
	done(&x);
	x = get(tok_sup_a, "/api/v1/ledgers/99999/template");
	CHECK(x.status == 404);
	done(&x);
}

/* A cell of a hand-made sheet. */
static struct sheet_cell
sc(enum cell_type t, const char *text, double num, int32_t day)
{
	struct sheet_cell c;

	memset(&c, 0, sizeof(c));
	c.type = t;
	c.text = text;
	c.num = num;
	c.day = day;

	return c;
}

static void
test_report(void)
{
	struct sheet_cell	 r1[] = { sc(CELL_STRING, "2024年项目台账", 0, 0) };
	struct sheet_cell	 r2[] = { sc(CELL_STRING, "序号", 0, 0),
				    sc(CELL_STRING, "项目名称", 0, 0),
				    sc(CELL_STRING, "资金规模(万元)", 0, 0),
				    sc(CELL_STRING, "完成时限", 0, 0) };
	struct sheet_cell	 r3[] = { sc(CELL_NUMBER, "1", 1, 0),
				    sc(CELL_STRING, "=HYPERLINK(\"x\")", 0, 0),
				    sc(CELL_NUMBER, "20.5", 20.5, 0),
				    sc(CELL_DATE, "45321", 45321,
				    date_from_ymd(2024, 1, 30)) };
	struct sheet_cell	 r5[] = { sc(CELL_NUMBER, "2", 2, 0),
				    sc(CELL_EMPTY, "", 0, 0),
				    sc(CELL_STRING, "四万", 0, 0) };
	struct sheet_row	 rows[] = { { .row = 1, .ncells = 1, .cells = r1 },
				    { .row = 2, .ncells = 4, .cells = r2 },
				    { .row = 3, .ncells = 4, .cells = r3 },
				    { .row = 5, .ncells = 3, .cells = r5 } };
	struct sheet_merge	 m[] = { { .r1 = 1, .c1 = 1, .r2 = 1, .c2 = 4 } };
	struct sheet		 sh = { .format = "xlsx", .name = "项目",
				    .nrows = 4, .rows = rows, .nmerges = 1,
				    .merges = m };
	const char		*notes[] = { NULL, NULL, "「完成时限」已过",
				    "「项目名称」不能为空;「资金规模」应为数字" };
	bool			 is_error[] = { false, false, false, true };
	char			 p[600], err[256], *data, *x, *styles, *strs;
	size_t			 len;
	struct arena		*a = arena_new();

	CHECK(export_tmp(p, sizeof(p)) == 0);
	CHECK(export_report(&sh, 1, notes, is_error, p, err, sizeof(err)) == 0);
	CHECK(export_slurp(p, a, EXPORT_FILE_MAX, &data, &len) == 0);
	CHECK(access(p, F_OK) == -1);		/* slurp removed it */
	x = unzip(data, len, "xl/worksheets/sheet1.xml");
	styles = unzip(data, len, "xl/styles.xml");
	strs = unzip(data, len, "xl/sharedStrings.xml");
	CHECK(x && styles && strs);
	if (x && styles && strs) {
		CHECK(strstr(x, "<mergeCell ref=\"A1:D1\"/>") != NULL);
		/* in memory, the text goes to the shared strings */
		CHECK(strstr(strs, "<t>错误说明</t>") != NULL &&
		    strstr(x, "<c r=\"E2\"") != NULL);
		CHECK(strstr(x, "<row r=\"5\"") != NULL &&
		    strstr(x, "<row r=\"4\"") == NULL);
		CHECK(strstr(x, "<v>20.5</v>") != NULL);
		CHECK(strstr(x, "<v>45321</v>") != NULL);
		CHECK(strstr(x, "<f>") == NULL);	/* text stays text */
		CHECK(strstr(strs, "「项目名称」不能为空;「资金规模」应为数字")
		    != NULL && strstr(x, "<c r=\"E5\"") != NULL);
		CHECK(strstr(strs, "<t>=HYPERLINK(\"x\")</t>") != NULL ||
		    strstr(strs, "<t>=HYPERLINK(&quot;x&quot;)</t>") != NULL);
		CHECK(strstr(x, "<c r=\"B5\" s=") != NULL);	/* filled */
		CHECK(strstr(x, "ySplit=\"2\"") != NULL);
		CHECK(strstr(styles, "FFFFC7CE") != NULL);	/* red */
		CHECK(strstr(styles, "FFFFEB9C") != NULL);	/* yellow */
	}
	free(x);
	free(styles);
	free(strs);
	arena_free(a);
}

/* A sheet past REPORT_CELLS_MEM (200,000 cells) is streamed: all rows,
 * no merges. */
static void
test_report_big(void)
{
	struct arena		*a = arena_new();
	struct sheet		 sh;
	struct sheet_merge	 m = { .r1 = 1, .c1 = 1, .r2 = 1, .c2 = 3 };
	const char		**notes;
	bool			*is_error;
	char			 p[600], err[256], *data, *x;
	size_t			 len;
	int			 i, k, n = 10500;

	memset(&sh, 0, sizeof(sh));
	sh.format = "csv";
	sh.name = "大表";
	sh.nrows = n;
	sh.nmerges = 1;
	sh.merges = &m;
	sh.rows = arena_alloc(a, (size_t)n * sizeof(*sh.rows));
	notes = arena_alloc(a, (size_t)n * sizeof(*notes));
	is_error = arena_alloc(a, (size_t)n * sizeof(*is_error));
	for (i = 0; i < n; i++) {
		sh.rows[i].row = i + 1;
		sh.rows[i].ncells = 20;
		sh.rows[i].cells = arena_alloc(a, 20 * sizeof(struct sheet_cell));
		for (k = 0; k < 20; k++)
			sh.rows[i].cells[k] = sc(CELL_STRING, "道路", 0, 0);
		notes[i] = i == n - 1 ? "最后一行有误" : NULL;
		is_error[i] = true;
	}
	CHECK(export_tmp(p, sizeof(p)) == 0);
	CHECK(export_report(&sh, 0, notes, is_error, p, err, sizeof(err)) == 0);
	CHECK(export_slurp(p, a, EXPORT_FILE_MAX, &data, &len) == 0);
	x = unzip(data, len, "xl/worksheets/sheet1.xml");
	CHECK(x && strstr(x, "<row r=\"10500\"") && strstr(x, "最后一行有误") &&
	    strstr(x, "<c r=\"U10500\"") && !strstr(x, "mergeCell"));
	free(x);
	arena_free(a);
}

static void
test_units(void)
{
	char b[32];

	export_wan(1575800000, b, sizeof(b));
	CHECK(strcmp(b, "1575.80") == 0);
	export_wan(12345, b, sizeof(b));
	CHECK(strcmp(b, "0.012345") == 0);
	export_wan(0, b, sizeof(b));
	CHECK(strcmp(b, "0.00") == 0);
	export_wan(-100, b, sizeof(b));
	CHECK(strcmp(b, "-0.0001") == 0);
	export_wan(INT64_MIN, b, sizeof(b));
	CHECK(strcmp(b, "-9223372036854.775808") == 0);
	CHECK(export_width("abc") == 3);
	CHECK(export_width("新源村") == 6);
	CHECK(export_width("第一行很长\n短") == 10);
	CHECK(export_width("(万元)") == 6);
}

/* taizhang export, in-process (the program's own entry point). */
static int
cli(const char *const *args)
{
	char	*argv[32];
	int	 n = 0;

	argv[n++] = (char *)"export";
	argv[n++] = (char *)"--db";
	argv[n++] = (char *)dbpath;
	while (*args && n < 31)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	fflush(stdout);
	return cmd_export(n, argv);
}

static void
test_cli(void)
{
	char		 csv[600], xl[600], led[24], *b;
	size_t		 len;
	struct stat	 sb;

	snprintf(led, sizeof(led), "%lld", (long long)led_proj);
	snprintf(csv, sizeof(csv), "%s/cli.csv", testdb_dir());
	snprintf(xl, sizeof(xl), "%s/cli.xlsx", testdb_dir());
	CHECK(cli((const char *[]){ "--ledger", led, "-o", csv, "--as",
	    "sup-a", "--q", "道路", NULL }) == 0);
	b = read_file(csv, &len);
	CHECK(b && len > 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0 &&
	    strstr(b, "新源村道路硬化") && !strstr(b, "'=1+1"));
	free(b);
	CHECK(stat(csv, &sb) == 0 && (sb.st_mode & 0400));
	CHECK(cli((const char *[]){ "--ledger", led, "--template", "-o", xl,
	    NULL }) == 0);
	b = read_file(xl, &len);
	CHECK(b && len > 2 && memcmp(b, "PK", 2) == 0);
	free(b);
	/* as sup-b: the file, none of 永济's items */
	CHECK(cli((const char *[]){ "--ledger", led, "-o", csv, "--as",
	    "sup-b", NULL }) == 0);
	b = read_file(csv, &len);
	CHECK(b && !strstr(b, "新源村道路硬化") && strstr(b, "序号,编号"));
	free(b);
	/* usage and failures: exit 2 and 1, no file left half-written */
	CHECK(cli((const char *[]){ "-o", csv, NULL }) == 2);
	CHECK(cli((const char *[]){ "--ledger", "x", "-o", csv, NULL }) == 2);
	CHECK(cli((const char *[]){ "--ledger", led, "--template", "--state",
	    "申报", NULL }) == 2);
	CHECK(cli((const char *[]){ "--ledger", led, "--format", "pdf",
	    NULL }) == 2);
	CHECK(cli((const char *[]){ "--ledger", led, "--light", "purple",
	    "-o", csv, NULL }) == 2);
	unlink(xl);
	CHECK(cli((const char *[]){ "--ledger", "99999", "-o", xl, NULL }) ==
	    1);
	CHECK(access(xl, F_OK) == -1);
	CHECK(cli((const char *[]){ "--ledger", led, "--as", "nobody", "-o",
	    xl, NULL }) == 1);
	CHECK(cli((const char *[]){ "--ledger", led, "-o",
	    "/nonexistent/dir/x.xlsx", NULL }) == 1);
}

static void
teardown(void)
{
	store_close(st);
	testdb_done();
}

static void
test_all(void)
{
	setup();
	test_units();
	test_xlsx_xml();
	test_xlsx_scope();
	test_csv();
	test_xlsx_soffice();
	test_template();
	test_report();
	test_report_big();
	test_cli();
	teardown();
}

TEST_MAIN(TEST(test_all))
