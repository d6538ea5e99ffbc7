/*
 * The sheet readers: .xlsx written by libxlsxwriter and by hand (WPS
 * quirks), .xls (a fixture, and LibreOffice's conversion when present),
 * CSV in every encoding we accept, and hostile files against the caps.
 * Generated files go to a temporary directory removed at exit.
 */
#include <dirent.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "arena.h"
#include "check.h"
#include "date.h"
#include "sheet.h"
#include "util.h"

#define OX	"http://schemas.openxmlformats.org/"
#define NS	"xmlns=\"" OX "spreadsheetml/2006/main\" " \
		"xmlns:r=\"" OX "officeDocument/2006/relationships\""
#define RELNS	"xmlns=\"" OX "package/2006/relationships\""
#define RT	OX "officeDocument/2006/relationships/"

static char	tmpdir[64];
static int	zip_level;	/* deflate level of zip_parts, 0: libzip's */

static void
tmp_cleanup(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static const char *
tmp_path(struct arena *a, const char *name)
{
	if (tmpdir[0] == '\0') {
		snprintf(tmpdir, sizeof(tmpdir), "%s/test_sheet.XXXXXX",
		    getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") :
		    "/tmp");
		if (mkdtemp(tmpdir) == NULL)
			xdie("mkdtemp %s", tmpdir);
		atexit(tmp_cleanup);
		/* where sheet_xls.c puts its temporary files */
		setenv("TMPDIR", tmpdir, 1);
	}
	return arena_printf(a, "%s/%s", tmpdir, name);
}

/* The file's bytes, freed with the arena; NULL if it cannot be read. */
static char *
slurp(struct arena *a, const char *path, size_t *len)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	arena_own(a, buf);
	*len = fread(buf, 1, (size_t)n, f);
	fclose(f);
	return buf;
}

struct part {
	const char	*name;
	const char	*data;
	size_t		 len;		/* 0: strlen(data) */
};

/* A zip of the parts made with libzip; its bytes. */
static char *
zip_parts(struct arena *a, const char *file, const struct part *p,
    size_t n, size_t *len)
{
	const char	*path = tmp_path(a, file);
	zip_source_t	*src;
	zip_t		*z;
	zip_int64_t	 idx;
	size_t		 i;
	int		 e;

	if ((z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e)) == NULL)
		xdie("zip_open %s", path);
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(z, p[i].data, p[i].len ? p[i].len :
		    strlen(p[i].data), 0);
		if (src == NULL || (idx = zip_file_add(z, p[i].name, src,
		    ZIP_FL_ENC_UTF_8)) < 0)
			xdie("zip_file_add %s", p[i].name);
		if (zip_level > 0 && zip_set_file_compression(z,
		    (zip_uint64_t)idx, ZIP_CM_DEFLATE,
		    (zip_uint32_t)zip_level) == -1)
			xdie("zip_set_file_compression");
	}
	if (zip_close(z) == -1)
		xdie("zip_close %s", path);
	return slurp(a, path, len);
}

static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships " RELNS ">"
    "<Relationship Id=\"rId1\" Type=\"" RT "officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
static const char book_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook " NS "><sheets>"
    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char book_rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships " RELNS ">"
    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" RT "sharedStrings\" "
    "Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" RT "styles\" "
    "Target=\"styles.xml\"/></Relationships>";

/* The smallest xlsx around a worksheet's sheetData (and sst items). */
static char *
xlsx_min(struct arena *a, const char *data, const char *si, size_t *len)
{
	struct part p[5] = {
		{ "_rels/.rels", rels_xml, 0 },
		{ "xl/workbook.xml", book_xml, 0 },
		{ "xl/_rels/workbook.xml.rels", book_rels_xml, 0 },
		{ "xl/worksheets/sheet1.xml", arena_printf(a,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet " NS
		    "><sheetData>%s</sheetData></worksheet>", data), 0 },
		{ "xl/sharedStrings.xml", arena_printf(a,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst " NS ">%s"
		    "</sst>", si ? si : ""), 0 },
	};

	return zip_parts(a, "min.xlsx", p, 5, len);
}

static bool
cell_is(const struct sheet *sh, int ri, int col, enum cell_type t,
    const char *text)
{
	const struct sheet_cell *c;

	if (ri < 0 || ri >= sh->nrows ||
	    (c = sheet_cell(&sh->rows[ri], col)) == NULL)
		return false;
	if (c->type != t || strcmp(c->text, text) != 0) {
		fprintf(stderr, "  row %d col %d: type %d text '%s'\n",
		    sh->rows[ri].row, col, c->type, c->text);
		return false;
	}
	return true;
}

/* sheet_read fails with a message containing want. */
static bool
fails(const void *buf, size_t len, const struct sheet_caps *caps,
    const char *want)
{
	struct arena	*a = arena_new();
	struct sheet	 sh;
	char		 err[256];
	int		 rc;
	bool		 ok;

	rc = sheet_read(buf, len, "t.xlsx", caps, a, &sh, err, sizeof(err));
	ok = rc == -1 && strstr(err, want) != NULL && util_utf8_valid(err,
	    strlen(err));
	if (!ok)
		fprintf(stderr, "  want '%s', got rc %d '%s'\n", want, rc,
		    rc ? err : "");
	arena_free(a);
	return ok;
}

static bool
reads(const void *buf, size_t len, const struct sheet_caps *caps,
    struct arena *a, struct sheet *sh)
{
	char err[256];

	if (sheet_read(buf, len, "t.xlsx", caps, a, sh, err,
	    sizeof(err)) == 0)
		return true;
	fprintf(stderr, "  unexpected error: %s\n", err);
	return false;
}

static void
test_names(void)
{
	struct sheet_row	 r;
	struct sheet_cell	 c[2];
	char			 s[8];

	sheet_col_name(1, s, sizeof(s));
	CHECK(strcmp(s, "A") == 0);
	sheet_col_name(26, s, sizeof(s));
	CHECK(strcmp(s, "Z") == 0);
	sheet_col_name(27, s, sizeof(s));
	CHECK(strcmp(s, "AA") == 0);
	sheet_col_name(16384, s, sizeof(s));
	CHECK(strcmp(s, "XFD") == 0);
	sheet_col_name(0, s, sizeof(s));
	CHECK(strcmp(s, "?") == 0);
	sheet_col_name(18279, s, sizeof(s));
	CHECK(strcmp(s, "?") == 0);
	sheet_col_name(703, s, 3);		/* "AAA" cut to fit */
	CHECK(strcmp(s, "AA") == 0);
	r.row = 1;
	r.ncells = 2;
	r.cells = c;
	CHECK(sheet_cell(&r, 1) == &c[0] && sheet_cell(&r, 2) == &c[1]);
	CHECK(sheet_cell(&r, 0) == NULL && sheet_cell(&r, 3) == NULL);
	CHECK(sheet_cell(NULL, 1) == NULL);
	sheet_size_str(50 << 20, s, sizeof(s));
	CHECK(strcmp(s, "50MB") == 0);
	sheet_size_str(32 << 10, s, sizeof(s));
	CHECK(strcmp(s, "32KB") == 0);
}

static void
test_serial(void)
{
	int32_t	d;
	char	s[16];

	CHECK(sheet_serial_day(45321, false, &d) == 0 &&
	    d == date_from_ymd(2024, 1, 30));
	CHECK(sheet_serial_day(45321.99, false, &d) == 0 &&
	    d == date_from_ymd(2024, 1, 30));
	CHECK(sheet_serial_day(1, false, &d) == 0 &&
	    d == date_from_ymd(1900, 1, 1));
	CHECK(sheet_serial_day(59, false, &d) == 0 &&
	    d == date_from_ymd(1900, 2, 28));
	CHECK(sheet_serial_day(60, false, &d) == -1);	/* 1900-02-29 */
	CHECK(sheet_serial_day(61, false, &d) == 0 &&
	    d == date_from_ymd(1900, 3, 1));
	CHECK(sheet_serial_day(0.5, false, &d) == -1);	/* a time */
	CHECK(sheet_serial_day(-3, false, &d) == -1);
	CHECK(sheet_serial_day(1e300, false, &d) == -1);
	CHECK(sheet_serial_day(2958465, false, &d) == 0);
	date_fmt(d, s, sizeof(s));
	CHECK(strcmp(s, "9999-12-31") == 0);
	CHECK(sheet_serial_day(43859, true, &d) == 0 &&
	    d == date_from_ymd(2024, 1, 30));
}

/* A ledger as an office would make it, written by libxlsxwriter. */
static void
test_xlsx_writer(void)
{
	struct arena	*a = arena_new();
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*date, *cn, *dt, *fix, *el;
	lxw_datetime	 d1 = { 2024, 1, 30, 0, 0, 0 };
	lxw_datetime	 d2 = { 2023, 12, 31, 0, 0, 0 };
	lxw_datetime	 d3 = { 2024, 2, 29, 8, 30, 0 };
	struct sheet	 sh;
	const char	*path = tmp_path(a, "writer.xlsx");
	char		*buf;
	size_t		 len;

	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "重点项目");
	workbook_add_worksheet(wb, "Sheet2");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	cn = workbook_add_format(wb);
	format_set_num_format(cn, "yyyy\"年\"m\"月\"d\"日\"");
	dt = workbook_add_format(wb);
	format_set_num_format(dt, "yyyy/m/d h:mm");
	fix = workbook_add_format(wb);
	format_set_num_format(fix, "#,##0.00");
	el = workbook_add_format(wb);
	format_set_num_format(el, "[h]:mm");
	/* a title over five columns, a two-row header */
	worksheet_merge_range(ws, 0, 0, 0, 4, "某县2024年重点项目台账(单位:万元)",
	    NULL);
	worksheet_merge_range(ws, 1, 0, 2, 0, "序号", NULL);
	worksheet_merge_range(ws, 1, 1, 2, 1, "项目名称", NULL);
	worksheet_merge_range(ws, 1, 2, 1, 3, "资金来源及规模", NULL);
	worksheet_write_string(ws, 2, 2, "资金来源", NULL);
	worksheet_write_string(ws, 2, 3, "资金规模(万元)", NULL);
	worksheet_write_string(ws, 1, 4, "开工日期", NULL);
	worksheet_write_number(ws, 3, 0, 1, NULL);
	worksheet_write_string(ws, 3, 1, "新源村道路硬化", NULL);
	worksheet_write_string(ws, 3, 2, "衔接资金", NULL);
	worksheet_write_number(ws, 3, 3, 1575.8, fix);
	worksheet_write_datetime(ws, 3, 4, &d1, date);
	worksheet_write_boolean(ws, 3, 5, 1, NULL);
	/* row 5 blank, row 6 only formatted blanks: both left out */
	worksheet_write_blank(ws, 5, 1, fix);
	worksheet_write_blank(ws, 5, 7, date);
	worksheet_write_number(ws, 6, 0, 2, NULL);
	worksheet_write_string(ws, 6, 1, "东关社区\"微改造\"", NULL);
	worksheet_write_number(ws, 6, 3, 0.1, NULL);
	worksheet_write_datetime(ws, 6, 4, &d2, cn);
	worksheet_write_boolean(ws, 6, 5, 0, NULL);
	worksheet_write_number(ws, 7, 0, 3, NULL);
	worksheet_write_number(ws, 7, 3, 123456789012.0, NULL);
	worksheet_write_datetime(ws, 7, 4, &d3, dt);
	worksheet_write_number(ws, 7, 5, 1.5, el);	/* 36:00, no date */
	worksheet_write_number(ws, 7, 6, 45321, NULL);	/* general */
	CHECK(workbook_close(wb) == LXW_NO_ERROR);

	CHECK((buf = slurp(a, path, &len)) != NULL);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(strcmp(sh.format, "xlsx") == 0);
	CHECK(strcmp(sh.name, "重点项目") == 0);
	CHECK(sh.nrows == 6);
	if (sh.nrows != 6)
		goto out;
	CHECK(sh.rows[0].row == 1 && sh.rows[3].row == 4 &&
	    sh.rows[4].row == 7 && sh.rows[5].row == 8);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "某县2024年重点项目台账(单位:万元)"));
	CHECK(sh.rows[0].ncells == 1);
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "资金来源及规模"));
	CHECK(cell_is(&sh, 2, 4, CELL_STRING, "资金规模(万元)"));
	CHECK(sheet_cell(&sh.rows[2], 1)->type == CELL_EMPTY);
	CHECK(cell_is(&sh, 3, 1, CELL_NUMBER, "1"));
	CHECK(cell_is(&sh, 3, 2, CELL_STRING, "新源村道路硬化"));
	CHECK(cell_is(&sh, 3, 4, CELL_NUMBER, "1575.8"));
	CHECK(sheet_cell(&sh.rows[3], 4)->num == 1575.8);
	CHECK(cell_is(&sh, 3, 5, CELL_DATE, "2024-01-30"));
	CHECK(sheet_cell(&sh.rows[3], 5)->day == date_from_ymd(2024, 1, 30));
	CHECK(sheet_cell(&sh.rows[3], 5)->num == 45321);
	CHECK(cell_is(&sh, 3, 6, CELL_BOOL, "TRUE"));
	CHECK(sheet_cell(&sh.rows[3], 6)->num == 1);
	CHECK(cell_is(&sh, 4, 2, CELL_STRING, "东关社区\"微改造\""));
	CHECK(cell_is(&sh, 4, 4, CELL_NUMBER, "0.1"));
	CHECK(cell_is(&sh, 4, 5, CELL_DATE, "2023-12-31"));	/* 年月日 */
	CHECK(cell_is(&sh, 4, 6, CELL_BOOL, "FALSE"));
	CHECK(cell_is(&sh, 5, 4, CELL_NUMBER, "123456789012"));
	CHECK(cell_is(&sh, 5, 5, CELL_DATE, "2024-02-29"));	/* with time */
	CHECK(sheet_cell(&sh.rows[5], 5)->num > 45351.35 &&
	    sheet_cell(&sh.rows[5], 5)->num < 45351.36);
	CHECK(cell_is(&sh, 5, 6, CELL_NUMBER, "1.5"));		/* [h]:mm */
	CHECK(cell_is(&sh, 5, 7, CELL_NUMBER, "45321"));	/* General */
	CHECK(sh.nmerges == 4);
	if (sh.nmerges == 4) {
		CHECK(sh.merges[0].r1 == 1 && sh.merges[0].c1 == 1 &&
		    sh.merges[0].r2 == 1 && sh.merges[0].c2 == 5);
		CHECK(sh.merges[1].r1 == 2 && sh.merges[1].c1 == 1 &&
		    sh.merges[1].r2 == 3 && sh.merges[1].c2 == 1);
		CHECK(sh.merges[3].r1 == 2 && sh.merges[3].c1 == 3 &&
		    sh.merges[3].r2 == 2 && sh.merges[3].c2 == 4);
	}
out:
	arena_free(a);
}

/* Formulas keep their cached result: a number or a string. */
static void
test_xlsx_formula(void)
{
	struct arena	*a = arena_new();
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	struct sheet	 sh;
	const char	*path = tmp_path(a, "formula.xlsx");
	char		*buf;
	size_t		 len;

	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "合计");
	worksheet_write_number(ws, 0, 0, 1.25, NULL);
	worksheet_write_number(ws, 0, 1, 2, NULL);
	worksheet_write_formula_num(ws, 0, 2, "=A1+B1", NULL, 3.25);
	worksheet_write_string(ws, 1, 0, "小计", NULL);
	worksheet_write_formula_str(ws, 1, 2, "=A2&\"\"", NULL, "小计");
	worksheet_write_formula(ws, 2, 2, "=SUM(C1:C2)", NULL);
	CHECK(workbook_close(wb) == LXW_NO_ERROR);
	CHECK((buf = slurp(a, path, &len)) != NULL);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(sh.nrows == 3);
	CHECK(cell_is(&sh, 0, 3, CELL_NUMBER, "3.25"));
	CHECK(sh.nrows == 3 && sheet_cell(&sh.rows[0], 3)->num == 3.25);
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "小计"));
	CHECK(cell_is(&sh, 2, 3, CELL_NUMBER, "0"));	/* no result given */
	arena_free(a);
}

/*
 * Written by hand as WPS and other generators do: the first sheet is a
 * chart, the first worksheet is not sheet1.xml and is found through an
 * absolute target with "..", the shared strings have another name,
 * rows and cells have no r=, inline and rich strings with phonetic
 * runs, a Chinese custom date format, errors, formula strings.
 */
static void
test_xlsx_wps(void)
{
	static const char book[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
	    "<workbook " NS "><workbookPr/><sheets>"
	    "<sheet name=\"图表\" sheetId=\"3\" r:id=\"rId9\"/>"
	    "<sheet name=\"汇总表\" sheetId=\"2\" r:id=\"rId2\"/>"
	    "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>"
	    "</sheets></workbook>";
	static const char rels[] =
	    "<Relationships " RELNS ">"
	    "<Relationship Id=\"rId1\" Type=\"" RT "worksheet\" "
	    "Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"" RT "worksheet\" "
	    "Target=\"/xl/chartsheets/../worksheets/data2.xml\"/>"
	    "<Relationship Id=\"rId9\" Type=\"" RT "chartsheet\" "
	    "Target=\"chartsheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId3\" Type=\"" RT "styles\" "
	    "Target=\"styles.xml\"/>"
	    "<Relationship Id=\"rId4\" Type=\"" RT "sharedStrings\" "
	    "Target=\"strings.xml\"/>"
	    "<Relationship Id=\"rId5\" Type=\"" RT "hyperlink\" "
	    "Target=\"http://example.com/\" TargetMode=\"External\"/>"
	    "</Relationships>";
	static const char styles[] =
	    "<styleSheet " NS "><numFmts count=\"4\">"
	    "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月"
	    "&quot;d&quot;日&quot;\"/>"
	    "<numFmt numFmtId=\"177\" formatCode=\"0.00E+00\"/>"
	    "<numFmt numFmtId=\"178\" formatCode=\"[h]:mm:ss\"/>"
	    "<numFmt numFmtId=\"179\" "
	    "formatCode=\"[Red]General;&quot;day&quot;\"/>"
	    "</numFmts>"
	    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
	    "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"176\"/>"
	    "<xf numFmtId=\"177\"/><xf numFmtId=\"178\"/><xf numFmtId=\"179\"/>"
	    "<xf numFmtId=\"14\"/><xf numFmtId=\"4\"/></cellXfs></styleSheet>";
	static const char sst[] =
	    "<sst " NS " count=\"4\" uniqueCount=\"4\">"
	    "<si><t>项目名称</t></si>"
	    "<si><r><rPr><b/></rPr><t>新源村</t></r>"
	    "<r><t xml:space=\"preserve\"> 道路</t></r><rPh sb=\"0\" eb=\"3\"><t>シンゲンムラ</t></rPh>"
	    "<phoneticPr fontId=\"1\"/></si>"
	    "<si><t/></si>"
	    "<si><t>A&amp;B &lt;1&gt;</t></si></sst>";
	static const char data2[] =
	    "<worksheet " NS "><dimension ref=\"A1:F8\"/><sheetData>"
	    "<row><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>内联</t>"
	    "</is></c><c s=\"1\"><v>45321</v></c></row>"
	    "<row><c t=\"s\"><v>1</v></c><c/><c s=\"2\"><v>12345</v></c>"
	    "<c s=\"3\"><v>1.5</v></c><c s=\"4\"><v>7</v></c></row>"
	    "<row/>"
	    "<row><c t=\"s\"><v>2</v></c><c s=\"5\"/></row>"
	    "<row r=\"7\"><c r=\"B7\" t=\"e\"><v>#DIV/0!</v></c>"
	    "<c t=\"str\"><f>A1</f><v>公式结果</v></c><c t=\"b\"><v>1</v></c>"
	    "<c s=\"5\"><v>45322.75</v></c><c t=\"inlineStr\"><is><r><t>富</t>"
	    "</r><r><t>文本</t></r><rPh><t>x</t></rPh></is></c></row>"
	    "<row><c r=\"A8\" t=\"s\"><v>3</v></c><c s=\"6\"><v>1575.8</v></c>"
	    "</row></sheetData><mergeCells count=\"3\">"
	    "<mergeCell ref=\"A1:B1\"/><mergeCell ref=\"C8:A7\"/>"
	    "<mergeCell ref=\"junk\"/></mergeCells></worksheet>";
	static const char sheet1[] =
	    "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" "
	    "t=\"inlineStr\"><is><t>错误的表</t></is></c></row></sheetData>"
	    "</worksheet>";
	struct part p[] = {
		{ "_rels/.rels", rels_xml, 0 },
		{ "xl/workbook.xml", book, 0 },
		{ "xl/_rels/workbook.xml.rels", rels, 0 },
		{ "xl/styles.xml", styles, 0 },
		{ "xl/strings.xml", sst, 0 },
		{ "xl/worksheets/sheet1.xml", sheet1, 0 },
		{ "xl/worksheets/data2.xml", data2, 0 },
	};
	struct arena	*a = arena_new();
	struct sheet	 sh;
	char		*buf;
	size_t		 len;

	buf = zip_parts(a, "wps.xlsx", p, NELEM(p), &len);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(strcmp(sh.name, "汇总表") == 0);
	CHECK(sh.nrows == 4);
	if (sh.nrows != 4)
		goto out;
	CHECK(sh.rows[0].row == 1 && sh.rows[1].row == 2 &&
	    sh.rows[2].row == 7 && sh.rows[3].row == 8);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "项目名称"));
	CHECK(cell_is(&sh, 0, 2, CELL_STRING, "内联"));
	CHECK(cell_is(&sh, 0, 3, CELL_DATE, "2024-01-30"));	/* 年月日 */
	CHECK(cell_is(&sh, 1, 1, CELL_STRING, "新源村 道路"));	/* no rPh */
	CHECK(sheet_cell(&sh.rows[1], 2)->type == CELL_EMPTY);
	CHECK(cell_is(&sh, 1, 3, CELL_NUMBER, "12345"));	/* 0.00E+00 */
	CHECK(cell_is(&sh, 1, 4, CELL_NUMBER, "1.5"));		/* [h] */
	CHECK(cell_is(&sh, 1, 5, CELL_NUMBER, "7"));		/* General */
	CHECK(sheet_cell(&sh.rows[2], 1)->type == CELL_EMPTY);
	CHECK(cell_is(&sh, 2, 2, CELL_STRING, "#DIV/0!"));
	CHECK(cell_is(&sh, 2, 3, CELL_STRING, "公式结果"));
	CHECK(cell_is(&sh, 2, 4, CELL_BOOL, "TRUE"));
	CHECK(cell_is(&sh, 2, 5, CELL_DATE, "2024-01-31"));
	CHECK(cell_is(&sh, 2, 6, CELL_STRING, "富文本"));
	CHECK(cell_is(&sh, 3, 1, CELL_STRING, "A&B <1>"));
	CHECK(cell_is(&sh, 3, 2, CELL_NUMBER, "1575.8"));
	CHECK(sh.nmerges == 2);
	CHECK(sh.nmerges == 2 && sh.merges[0].r1 == 1 &&
	    sh.merges[0].c1 == 1 && sh.merges[0].r2 == 1 &&
	    sh.merges[0].c2 == 2);
	CHECK(sh.nmerges == 2 && sh.merges[1].r1 == 7 &&
	    sh.merges[1].c1 == 1 && sh.merges[1].r2 == 8 &&
	    sh.merges[1].c2 == 3);
out:
	arena_free(a);
}

/* The 1904 date system, and elements with a namespace prefix. */
static void
test_xlsx_1904(void)
{
	static const char book[] =
	    "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats."
	    "org/officeDocument/2006/relationships\"><x:workbookPr "
	    "date1904=\"true\"/><x:sheets><x:sheet name=\"1904\" sheetId=\"1\" "
	    "r:id=\"rId1\"/></x:sheets></x:workbook>";
	static const char styles[] =
	    "<x:styleSheet xmlns:x=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><x:cellXfs><x:xf numFmtId=\"0\"/>"
	    "<x:xf numFmtId=\"14\"/></x:cellXfs></x:styleSheet>";
	static const char data[] =
	    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/"
	    "spreadsheetml/2006/main\"><x:sheetData><x:row r=\"2\">"
	    "<x:c r=\"A2\" s=\"1\"><x:v>43859</x:v></x:c>"
	    "<x:c r=\"B2\" t=\"inlineStr\"><x:is><x:t>前缀</x:t></x:is></x:c>"
	    "<x:c r=\"C2\" t=\"d\"><x:v>2024-03-01T00:00:00</x:v></x:c>"
	    "</x:row></x:sheetData></x:worksheet>";
	struct part p[] = {
		{ "xl/workbook.xml", book, 0 },		/* no _rels/.rels */
		{ "xl/_rels/workbook.xml.rels", book_rels_xml, 0 },
		{ "xl/styles.xml", styles, 0 },
		{ "xl/worksheets/sheet1.xml", data, 0 },
	};
	struct arena	*a = arena_new();
	struct sheet	 sh;
	char		*buf;
	size_t		 len;

	buf = zip_parts(a, "1904.xlsx", p, NELEM(p), &len);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(sh.nrows == 1 && sh.rows[0].row == 2);
	CHECK(cell_is(&sh, 0, 1, CELL_DATE, "2024-01-30"));
	CHECK(sh.nrows == 1 && sheet_cell(&sh.rows[0], 1)->day ==
	    date_from_ymd(2024, 1, 30));
	CHECK(cell_is(&sh, 0, 2, CELL_STRING, "前缀"));
	CHECK(cell_is(&sh, 0, 3, CELL_DATE, "2024-03-01"));
	CHECK(sh.nrows == 1 && sheet_cell(&sh.rows[0], 3)->num == 45352);

	/* a cell without s= has style 0, which may be a date */
	p[2].data = "<styleSheet " NS "><cellXfs><xf numFmtId=\"14\"/>"
	    "</cellXfs></styleSheet>";
	p[3].data = "<worksheet " NS "><sheetData><row><c><v>43859</v></c>"
	    "</row></sheetData></worksheet>";
	buf = zip_parts(a, "xf0.xlsx", p, NELEM(p), &len);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(cell_is(&sh, 0, 1, CELL_DATE, "2024-01-30"));
	arena_free(a);
}

/* Little-endian fields of a zip header. */
static unsigned
le16(const unsigned char *p)
{
	return p[0] | p[1] << 8;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8 & 0xff;
	p[2] = v >> 16 & 0xff;
	p[3] = v >> 24 & 0xff;
}

/* Make the zip headers claim usize bytes for the entry name. */
static int
zip_lie(char *buf, size_t len, const char *name, uint32_t usize)
{
	unsigned char	*b = (unsigned char *)buf;
	size_t		 i, nl = strlen(name);
	int		 n = 0;

	for (i = 0; i + 46 + nl <= len; i++) {
		if (memcmp(b + i, "PK\3\4", 4) == 0 && le16(b + i + 26) == nl &&
		    memcmp(b + i + 30, name, nl) == 0) {
			put32(b + i + 22, usize);
			n++;
		}
		if (memcmp(b + i, "PK\1\2", 4) == 0 && le16(b + i + 28) == nl &&
		    memcmp(b + i + 46, name, nl) == 0) {
			put32(b + i + 24, usize);
			n++;
		}
	}
	return n;
}

/* Zip bombs, honest and with lying headers, and broken zips. */
static void
test_xlsx_bomb(void)
{
	struct arena		*a = arena_new();
	struct sheet_caps	 caps;
	struct sheet		 sh;
	char			*spaces, *buf, *cut;
	size_t			 n = 3 << 20, len;
	struct part		 p[4] = {
		{ "xl/workbook.xml", book_xml, 0 },
		{ "xl/_rels/workbook.xml.rels", book_rels_xml, 0 },
		{ "xl/worksheets/sheet1.xml", NULL, 0 },
	};

	/* 3 MB of blanks in a valid sheet: deflate makes them 3 KB */
	spaces = arena_alloc(a, n + 64);
	memset(spaces, ' ', n + 64);
	memcpy(spaces, "<worksheet><sheetData>", 22);
	memcpy(spaces + n, "</sheetData></worksheet>", 24);
	/* a blank picture that deflates as well is never read: no matter */
	p[3] = (struct part){ "xl/media/image1.bmp", spaces + 22, n - 22 };
	p[2].data = "<worksheet><sheetData><row><c><v>1</v></c></row>"
	    "</sheetData></worksheet>";
	buf = zip_parts(a, "picture.xlsx", p, 4, &len);
	CHECK(reads(buf, len, NULL, a, &sh) && sh.nrows == 1);
	p[2].data = spaces;
	p[2].len = n + 24;
	buf = zip_parts(a, "bomb.xlsx", p, 3, &len);
	CHECK(len < 100000);
	CHECK(fails(buf, len, NULL, "xl/worksheets/sheet1.xml压缩比超过200倍"));
	memset(&caps, 0, sizeof(caps));
	caps.ratio_max = 100000;
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nrows == 0);
	caps.unzip_max = 2 << 20;
	CHECK(fails(buf, len, &caps, "文件解压后超过2MB,可能是恶意压缩文件"));

	/* the same, its headers saying 1000 bytes: the bytes are counted */
	CHECK(zip_lie(buf, len, "xl/worksheets/sheet1.xml", 1000) == 2);
	CHECK(fails(buf, len, NULL, "xl/worksheets/sheet1.xml压缩比超过200倍"));
	CHECK(fails(buf, len, &caps, "文件解压后超过2MB"));
	caps.unzip_max = 0;
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nrows == 0);

	/* broken zips */
	buf = xlsx_min(a, "<row><c t=\"inlineStr\"><is><t>好</t></is></c>"
	    "</row>", NULL, &len);
	CHECK(reads(buf, len, NULL, a, &sh) && sh.nrows == 1);
	CHECK(fails(buf, len / 2, NULL, "不是有效的Excel文件(xlsx压缩包损坏)"));
	CHECK(fails(buf, len - 1, NULL, "xlsx压缩包损坏"));
	cut = arena_alloc(a, len);
	memcpy(cut, buf, len);
	memset(cut + 40, 0x55, 200);		/* inside the first entry */
	CHECK(fails(cut, len, NULL, "损坏"));
	arena_free(a);
}

/* A worksheet of n merged ranges A1:B1, A2:B2, ... */
static const char *
merges_xml(struct arena *a, size_t n)
{
	size_t	 cap = n * 40 + 64, k, len = 0;
	char	*m = arena_alloc(a, cap);

	len += (size_t)snprintf(m + len, cap - len, "<worksheet><mergeCells>");
	for (k = 1; k <= n; k++)
		len += (size_t)snprintf(m + len, cap - len,
		    "<mergeCell ref=\"A%zu:B%zu\"/>", k, k);
	snprintf(m + len, cap - len, "</mergeCells></worksheet>");
	return m;
}

/* Hostile or broken XML inside a sound zip. */
static void
test_xlsx_hostile(void)
{
	static const char *const badref[] = { "XFE1", "A0", "1A", "AAAA1",
	    "A10485760", "", "A1B", "a-1" };
	struct arena		*a = arena_new();
	struct sheet_caps	 caps = { 0 };
	struct sheet		 sh;
	char			*buf, row[200];
	size_t			 len, i;
	struct part		 p[3] = {
		{ "xl/workbook.xml", NULL, 0 },
		{ "xl/_rels/workbook.xml.rels", book_rels_xml, 0 },
		{ "xl/worksheets/sheet1.xml", "<worksheet/>", 0 },
	};

	buf = xlsx_min(a, "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v>"
	    "</c></row>", "<si><t>一</t></si>", &len);
	CHECK(fails(buf, len, NULL, "第1行第B列引用的共享字符串不存在"));
	buf = xlsx_min(a, "<row><c t=\"s\"><v>-1</v></c></row>",
	    "<si><t>一</t></si>", &len);
	CHECK(fails(buf, len, NULL, "共享字符串不存在"));
	buf = xlsx_min(a, "<row r=\"3\"><c r=\"C3\" t=\"s\"><v>99999999999"
	    "</v></c></row>", "<si><t>一</t></si>", &len);
	CHECK(fails(buf, len, NULL, "第3行第C列引用的共享字符串不存在"));
	buf = xlsx_min(a, "<row><c t=\"s\"><v>0</v></c></row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "共享字符串不存在"));

	/* bad UTF-8: in the sheet, in the shared strings */
	buf = xlsx_min(a, "<row><c t=\"inlineStr\"><is><t>\xe6\x96</t></is>"
	    "</c></row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "xl/worksheets/sheet1.xml第1行含有无效的字符"));
	buf = xlsx_min(a, "", "<si><t>\xc0\xaf</t></si>", &len);
	CHECK(fails(buf, len, NULL, "xl/sharedStrings.xml第1行含有无效的字符"));
	buf = xlsx_min(a, "<row><c t=\"inlineStr\"><is><t>&#0;</t></is></c>"
	    "</row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "xl/worksheets/sheet1.xml"));
	buf = xlsx_min(a, "<row><c><v>1</v></row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "xl/worksheets/sheet1.xml第1行格式错误"));

	/* entities from a DTD, nested cells and rows */
	p[0].data = "<?xml version=\"1.0\"?><!DOCTYPE lol [<!ENTITY a "
	    "\"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
	    "<workbook " NS "><sheets><sheet name=\"&b;\" r:id=\"rId1\"/>"
	    "</sheets></workbook>";
	buf = zip_parts(a, "dtd.xlsx", p, 3, &len);
	CHECK(fails(buf, len, NULL, "xl/workbook.xml含有DTD声明"));
	buf = xlsx_min(a, "<row><c><c><v>1</v></c></c></row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "单元格未结束"));
	buf = xlsx_min(a, "<row><row/></row>", NULL, &len);
	CHECK(fails(buf, len, NULL, "第1行未结束"));

	/* cell and row references out of range or garbage */
	for (i = 0; i < NELEM(badref); i++) {
		snprintf(row, sizeof(row), "<row><c r=\"%s\"><v>1</v></c>"
		    "</row>", badref[i]);
		buf = xlsx_min(a, row, NULL, &len);
		CHECK(fails(buf, len, NULL, "第1行有无效的单元格位置"));
	}
	buf = xlsx_min(a, "<row r=\"2\"><c r=\"XFD2\"/><c><v>1</v></c></row>",
	    NULL, &len);
	CHECK(fails(buf, len, NULL, "超过16384列"));
	buf = xlsx_min(a, "<row r=\"0\"/>", NULL, &len);
	CHECK(fails(buf, len, NULL, "行号无效"));
	buf = xlsx_min(a, "<row r=\"1048577\"/>", NULL, &len);
	CHECK(fails(buf, len, NULL, "行号无效"));
	buf = xlsx_min(a, "<row r=\"x1\"/>", NULL, &len);
	CHECK(fails(buf, len, NULL, "行号无效"));
	buf = xlsx_min(a, "<row r=\"1048576\"/><row/>", NULL, &len);
	CHECK(fails(buf, len, NULL, "工作表超过1048576行"));
	buf = xlsx_min(a, "<row r=\"5\"><c><v>1</v></c></row><row r=\"3\"/>",
	    NULL, &len);
	CHECK(fails(buf, len, NULL, "工作表的行顺序错误(第3行出现在第5行之后)"));
	buf = xlsx_min(a, "<row r=\"1048576\"><c r=\"XFD1048576\"><v>9</v>"
	    "</c></row><c><v>2</v></c>", NULL, &len);
	caps.cols_max = 16384;
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nrows == 1 &&
	    sh.rows[0].row == 1048576 && sh.rows[0].ncells == 16384 &&
	    cell_is(&sh, 0, 16384, CELL_NUMBER, "9"));
	caps.cols_max = 0;
	/* unknown t=, garbage numbers and booleans are kept as text */
	buf = xlsx_min(a, "<row><c t=\"zz\"><v>1</v></c><c><v>1,5</v></c>"
	    "<c><v>1e999</v></c><c t=\"b\"><v>yes</v></c><c s=\"x\"><v>2</v>"
	    "</c><c s=\"999999\"><v>3</v></c></row>", NULL, &len);
	CHECK(reads(buf, len, NULL, a, &sh) && sh.nrows == 1);
	CHECK(cell_is(&sh, 0, 1, CELL_NUMBER, "1"));
	CHECK(cell_is(&sh, 0, 2, CELL_STRING, "1,5"));
	CHECK(cell_is(&sh, 0, 3, CELL_STRING, "1e999"));
	CHECK(cell_is(&sh, 0, 4, CELL_BOOL, "FALSE"));
	CHECK(cell_is(&sh, 0, 5, CELL_NUMBER, "2"));
	CHECK(cell_is(&sh, 0, 6, CELL_NUMBER, "3"));

	/* more merged ranges than anyone draws */
	caps.ratio_max = 100000;
	p[0].data = book_xml;
	p[2].data = merges_xml(a, 100001);
	buf = zip_parts(a, "merges.xlsx", p, 3, &len);
	CHECK(fails(buf, len, &caps, "工作表的合并单元格超过100000个"));
	p[2].data = merges_xml(a, 100000);
	buf = zip_parts(a, "merges2.xlsx", p, 3, &len);
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nmerges == 100000 &&
	    sh.merges[99999].r1 == 100000 && sh.merges[99999].c2 == 2);
	p[2].data = "<worksheet/>";

	/* workbooks without a usable worksheet */
	p[0].data = "<workbook " NS "><sheets/></workbook>";
	buf = zip_parts(a, "nosheet.xlsx", p, 3, &len);
	CHECK(fails(buf, len, NULL, "工作簿中没有工作表"));
	p[0].data = "<workbook " NS "><sheets><sheet name=\"x\" r:id=\"rId2\"/>"
	    "<sheet name=\"y\" r:id=\"rId7\"/></sheets></workbook>";
	buf = zip_parts(a, "nosheet2.xlsx", p, 3, &len);
	CHECK(fails(buf, len, NULL, "工作簿中没有工作表"));
	p[0].data = book_xml;
	p[1].data = "<Relationships " RELNS "><Relationship Id=\"rId1\" Type=\""
	    RT "worksheet\" Target=\"../../../etc/passwd\"/></Relationships>";
	buf = zip_parts(a, "escape.xlsx", p, 3, &len);
	CHECK(fails(buf, len, NULL, "工作表的位置无效"));
	p[1].data = "<Relationships " RELNS "><Relationship Id=\"rId1\" Type=\""
	    RT "worksheet\" Target=\"worksheets/gone.xml\"/></Relationships>";
	buf = zip_parts(a, "gone.xlsx", p, 3, &len);
	CHECK(fails(buf, len, NULL, "缺少xl/worksheets/gone.xml"));
	buf = zip_parts(a, "norels.xlsx", p + 2, 1, &len);
	CHECK(fails(buf, len, NULL, "缺少xl/_rels/workbook.xml.rels"));
	arena_free(a);
}

/* Rows, columns, cell length, cells, file size: each cap, each reader. */
static void
test_caps(void)
{
	struct arena		*a = arena_new();
	struct sheet_caps	 caps;
	struct sheet		 sh;
	char			*buf;
	size_t			 len;
	const char		*csv;

	memset(&caps, 0, sizeof(caps));
	caps.rows_max = 3;
	buf = xlsx_min(a, "<row><c><v>1</v></c></row><row/><row><c><v>2</v>"
	    "</c></row><row><c><v>3</v></c></row>", NULL, &len);
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nrows == 3);
	buf = xlsx_min(a, "<row><c><v>1</v></c></row><row><c><v>2</v></c>"
	    "</row><row><c><v>3</v></c></row><row><c><v>4</v></c></row>", NULL,
	    &len);
	CHECK(fails(buf, len, &caps, "工作表超过3行"));
	csv = "a\nb\n\nc\nd\n";
	CHECK(fails(csv, strlen(csv), &caps, "工作表超过3行"));

	memset(&caps, 0, sizeof(caps));
	caps.cols_max = 3;
	buf = xlsx_min(a, "<row><c><v>1</v></c><c r=\"Z1\" s=\"1\"/></row>",
	    NULL, &len);
	CHECK(reads(buf, len, &caps, a, &sh) && sh.nrows == 1 &&
	    sh.rows[0].ncells == 1);
	buf = xlsx_min(a, "<row/><row><c><v>1</v></c><c r=\"D2\"><v>4</v></c>"
	    "</row>", NULL, &len);
	CHECK(fails(buf, len, &caps, "工作表超过3列(第2行第D列有内容)"));
	csv = "a,b,c,,,\n1,2,3,4\n";
	CHECK(fails(csv, strlen(csv), &caps, "工作表超过3列(第2行第D列有内容)"));

	memset(&caps, 0, sizeof(caps));
	caps.cell_max = 10;
	buf = xlsx_min(a, "<row><c t=\"inlineStr\"><is><t>0123456789</t></is>"
	    "</c><c t=\"s\"><v>0</v></c></row>", "<si><t>一二三</t></si>",
	    &len);
	CHECK(reads(buf, len, &caps, a, &sh) && cell_is(&sh, 0, 1,
	    CELL_STRING, "0123456789") && cell_is(&sh, 0, 2, CELL_STRING,
	    "一二三"));
	buf = xlsx_min(a, "<row><c t=\"inlineStr\"><is><t>0123456789A</t></is>"
	    "</c></row>", NULL, &len);
	CHECK(fails(buf, len, &caps, "第1行第A列的内容超过10字节"));
	buf = xlsx_min(a, "<row/><row><c t=\"s\"><v>0</v></c><c t=\"s\">"
	    "<v>1</v></c></row>", "<si><t>一</t></si><si><r><t>一二</t></r>"
	    "<r><t>三四</t></r></si>", &len);
	CHECK(fails(buf, len, &caps, "第2行第B列的内容超过10字节"));
	buf = xlsx_min(a, "<row><c><v>12345678901</v></c></row>", NULL, &len);
	CHECK(fails(buf, len, &caps, "第1行第A列的内容超过10字节"));
	csv = "a,\"0123456789\"\n\"01234\"\"56789\",b\n";
	CHECK(fails(csv, strlen(csv), &caps, "第2行第A列的内容超过10字节"));
	caps.cell_max = 11;
	CHECK(reads(csv, strlen(csv), &caps, a, &sh) && cell_is(&sh, 1, 1,
	    CELL_STRING, "01234\"56789"));

	memset(&caps, 0, sizeof(caps));
	caps.cells_max = 10;
	csv = "a,b,c,d\n1,2,3,4\n,,,5\n";
	CHECK(fails(csv, strlen(csv), &caps, "工作表的单元格超过10个"));
	caps.cells_max = 12;
	CHECK(reads(csv, strlen(csv), &caps, a, &sh) && sh.nrows == 3);

	memset(&caps, 0, sizeof(caps));
	caps.file_max = 1024;
	buf = xlsx_min(a, "", NULL, &len);
	CHECK(len > 1024 && fails(buf, len, &caps, "文件超过1KB"));
	arena_free(a);
}

/* What is neither xlsx, xls nor csv. */
static void
test_garbage(void)
{
	struct arena	*a = arena_new();
	struct sheet	 sh;
	const char	*s;
	char		 g[4096], err[128];
	unsigned	 seed = 12345;
	size_t		 i;

	for (i = 0; i < sizeof(g); i++) {
		seed = seed * 1103515245 + 12345;
		g[i] = (char)(seed >> 16);
	}
	g[100] = '\0';
	CHECK(fails(g, sizeof(g), NULL, "文件格式无法识别"));
	memcpy(g, "PK\3\4", 4);
	CHECK(fails(g, sizeof(g), NULL, "xlsx压缩包损坏"));
	memcpy(g, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	CHECK(fails(g, sizeof(g), NULL, "不是有效的Excel文件(xls文件损坏"));
	memcpy(g + 1000, "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0",
	    32);
	CHECK(fails(g, sizeof(g), NULL, "文件设有密码"));
	CHECK(fails("", 0, NULL, "文件是空的"));
	s = "\xef\xbb\xbf <html><body><table>";
	CHECK(fails(s, strlen(s), NULL, "网页或XML格式"));
	s = "<?xml version=\"1.0\"?><Workbook>";
	CHECK(fails(s, strlen(s), NULL, "网页或XML格式"));
	/* every reader directly, with err too small for the message */
	CHECK(sheet_read_xlsx(g, sizeof(g), NULL, a, &sh, err, 8) == -1 &&
	    util_utf8_valid(err, strlen(err)));
	CHECK(sheet_read_xls(g, 8, NULL, a, &sh, err, sizeof(err)) == -1);
	CHECK(sheet_read_csv("\xff\xff\xff", 3, NULL, a, &sh, err,
	    sizeof(err)) == -1 && strstr(err, "编码无法识别") != NULL);
	arena_free(a);
}

/* Bytes converted from UTF-8 with iconv, with a prefix (a BOM). */
static char *
encode(struct arena *a, const char *to, const char *prefix, size_t plen,
    const char *s, size_t *len)
{
	iconv_t	 cd;
	char	*out, *ip = (char *)(uintptr_t)s, *op;
	size_t	 il = strlen(s), ol = il * 4 + 8;

	if ((cd = iconv_open(to, "UTF-8")) == (iconv_t)-1)
		xdie("iconv_open %s", to);
	out = arena_alloc(a, plen + ol);
	memcpy(out, prefix, plen);
	op = out + plen;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1)
		xdie("iconv to %s", to);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

static void
test_csv(void)
{
	struct arena	*a = arena_new();
	struct sheet	 sh;
	const char	*s;
	char		*buf, err[128];
	size_t		 len;

	s = "\xef\xbb\xbf序号,名称\r\n1,新源村\r\n";
	CHECK(reads(s, strlen(s), NULL, a, &sh));
	CHECK(strcmp(sh.format, "csv") == 0 &&
	    strcmp(sh.encoding, "UTF-8") == 0 && sh.nrows == 2);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "序号"));
	CHECK(cell_is(&sh, 1, 2, CELL_STRING, "新源村"));
	CHECK(sheet_read(s, strlen(s), "dir/台账.csv", NULL, a, &sh, err,
	    sizeof(err)) == 0 && strcmp(sh.name, "台账") == 0);

	/* GB18030, with a four-byte character */
	buf = encode(a, "GB18030", "", 0, "乡镇,村名,金额\r\n城关镇,新源村㐀,"
	    "1575.8\r\n", &len);
	CHECK(!util_utf8_valid(buf, len));
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(strcmp(sh.encoding, "GB18030") == 0 && sh.nrows == 2);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "乡镇"));
	CHECK(cell_is(&sh, 1, 2, CELL_STRING, "新源村㐀"));
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "1575.8"));

	/* quotes: multi-line cells, "" escapes, text after a quote */
	s = "a,\"第一行\r\n第二行\",\"他说\"\"好\"\"\"\nb,\"\",\"x\"y,,\n";
	CHECK(reads(s, strlen(s), NULL, a, &sh) && sh.nrows == 2);
	CHECK(cell_is(&sh, 0, 2, CELL_STRING, "第一行\n第二行"));
	CHECK(cell_is(&sh, 0, 3, CELL_STRING, "他说\"好\""));
	CHECK(sh.nrows == 2 && sh.rows[1].row == 2 && sh.rows[1].ncells == 3);
	CHECK(sh.nrows == 2 && sheet_cell(&sh.rows[1], 2)->type == CELL_EMPTY);
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "xy"));

	/* CR line ends, blank records left out, records numbered */
	s = "a,b\rc,d\r\r,,\r\ne";
	CHECK(reads(s, strlen(s), NULL, a, &sh) && sh.nrows == 3);
	CHECK(sh.nrows == 3 && sh.rows[1].row == 2 && sh.rows[2].row == 5);
	CHECK(cell_is(&sh, 1, 2, CELL_STRING, "d"));
	CHECK(cell_is(&sh, 2, 1, CELL_STRING, "e"));

	/* Excel's "Unicode text": UTF-16LE with a BOM, tab-separated */
	buf = encode(a, "UTF-16LE", "\xff\xfe", 2, "序号\t名称\t金额\r\n1\t"
	    "新源村\t1,575.80\r\n", &len);
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(strcmp(sh.encoding, "UTF-16LE") == 0 && sh.nrows == 2);
	CHECK(cell_is(&sh, 0, 3, CELL_STRING, "金额"));
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "1,575.80"));
	buf = encode(a, "UTF-16BE", "\xfe\xff", 2, "甲;乙\n1;2,5\n", &len);
	CHECK(reads(buf, len, NULL, a, &sh) && cell_is(&sh, 1, 2,
	    CELL_STRING, "2,5"));

	/* the delimiter of the first line, quotes counted out */
	s = "\"a,b,c\";d;e\n1;2;3\n";
	CHECK(reads(s, strlen(s), NULL, a, &sh) && cell_is(&sh, 0, 1,
	    CELL_STRING, "a,b,c") && cell_is(&sh, 1, 3, CELL_STRING, "3"));

	/* broken */
	s = "a,b\n1,\"abc\n2,3\n";
	CHECK(fails(s, strlen(s), NULL, "CSV文件第2行的引号没有闭合"));
	CHECK(fails("\xff\xfe\x41", 3, NULL, "UTF-16LE编码无效"));
	CHECK(fails("\xff\xfe\x00\xd8\x41\x00", 6, NULL, "UTF-16LE编码无效"));
	CHECK(fails("\xff\xfe\x41\x00\x00\x00", 6, NULL, "UTF-16LE编码无效"));
	CHECK(fails("\xef\xbb\xbf\xb3\xc7", 5, NULL, "文件标明是UTF-8编码"));
	CHECK(fails("abc\x80\xff", 5, NULL, "编码无法识别"));
	arena_free(a);
}

/* Temporary files sheet_xls.c left behind in tmpdir. */
static int
xls_leftovers(void)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0;

	if ((d = opendir(tmpdir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, "taizhang-xls-", 13) == 0)
			n++;
	closedir(d);
	return n;
}

/* The committed .xls, converted by LibreOffice from an xlsx. */
static void
test_xls_fixture(void)
{
	struct arena	*a = arena_new();
	struct sheet	 sh;
	char		*buf;
	size_t		 len;

	tmp_path(a, "");
	buf = slurp(a, "tests/fixtures/sheets/ledger.xls", &len);
	CHECK(buf != NULL);
	if (buf == NULL)
		goto out;
	CHECK(reads(buf, len, NULL, a, &sh));
	CHECK(strcmp(sh.format, "xls") == 0 && strcmp(sh.name, "台账") == 0);
	CHECK(sh.nrows == 5 && sh.nmerges == 0);
	if (sh.nrows != 5)
		goto out;
	CHECK(sh.rows[2].row == 3 && sh.rows[3].row == 5 &&
	    sh.rows[4].row == 6);
	CHECK(xls_leftovers() == 0);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "某县2024年重点项目台账"));
	CHECK(cell_is(&sh, 1, 3, CELL_STRING, "资金(万元)"));
	CHECK(cell_is(&sh, 2, 1, CELL_NUMBER, "1"));
	CHECK(cell_is(&sh, 2, 2, CELL_STRING, "新源村道路硬化"));
	CHECK(cell_is(&sh, 2, 3, CELL_NUMBER, "1575.8"));
	CHECK(sheet_cell(&sh.rows[2], 3)->num == 1575.8);
	CHECK(cell_is(&sh, 2, 4, CELL_DATE, "2024-01-30"));
	CHECK(sheet_cell(&sh.rows[2], 4)->day == date_from_ymd(2024, 1, 30));
	CHECK(sheet_cell(&sh.rows[2], 4)->num == 45321);
	CHECK(cell_is(&sh, 3, 2, CELL_STRING, "东关社区\"微改造\""));
	CHECK(cell_is(&sh, 3, 3, CELL_NUMBER, "0.1"));
	CHECK(cell_is(&sh, 3, 4, CELL_DATE, "2023-12-31"));
	CHECK(cell_is(&sh, 4, 3, CELL_NUMBER, "-12345678.25"));
	CHECK(cell_is(&sh, 4, 4, CELL_DATE, "2024-02-29"));
	CHECK(sheet_cell(&sh.rows[4], 4)->num > 45351.35 &&
	    sheet_cell(&sh.rows[4], 4)->num < 45351.36);
out:
	arena_free(a);
}

/*
 * FreeXL 1.0.6 over-reads its stack on this file (found by fuzzing;
 * AddressSanitizer reports it): the child that runs FreeXL may die,
 * the reader must refuse the file and leave nothing behind.
 */
static void
test_xls_hostile(void)
{
	struct arena	*a = arena_new();
	char		*buf;
	size_t		 len;
	int		 fd, saved;

	tmp_path(a, "");
	buf = slurp(a, "tests/fixtures/sheets/freexl-overread.xls", &len);
	CHECK(buf != NULL);
	if (buf == NULL)
		goto out;
	/* the child's sanitizer report, if any, is not ours */
	fflush(stderr);
	saved = dup(2);
	if ((fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, 2);
		close(fd);
	}
	CHECK(fails(buf, len, NULL, "不是有效的Excel文件(xls文件损坏"));
	dup2(saved, 2);
	close(saved);
	CHECK(xls_leftovers() == 0);
out:
	arena_free(a);
}

/*
 * An xlsx converted to .xls by LibreOffice, when it is installed: the
 * two readers must agree on every cell but booleans (FreeXL 1.0.6
 * skips BOOLERR records).
 */
static void
test_xls_soffice(void)
{
	struct arena	*a = arena_new();
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*date;
	lxw_datetime	 d = { 2024, 6, 1, 0, 0, 0 };
	struct sheet	 x, s;
	const char	*xlsx = tmp_path(a, "conv.xlsx"), *cmd;
	const struct sheet_cell *c1, *c2;
	char		*buf;
	size_t		 len;
	int		 i, j, same = 0, r;

	if (access("/usr/bin/soffice", X_OK) != 0 ||
	    getenv("TAIZHANG_TEST_NO_SOFFICE") != NULL) {
		printf("test_sheet: soffice absent or TAIZHANG_TEST_NO_SOFFICE "
		    "set, xlsx->xls conversion not tested\n");
		goto out;
	}
	wb = workbook_new(xlsx);
	ws = workbook_add_worksheet(wb, "转换");
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
	worksheet_write_string(ws, 0, 0, "项目", NULL);
	worksheet_write_string(ws, 0, 1, "金额", NULL);
	worksheet_write_string(ws, 0, 2, "日期", NULL);
	for (i = 1; i <= 20; i++) {
		worksheet_write_string(ws, (lxw_row_t)i, 0, i % 2 ? "甲村" :
		    "乙社区", NULL);
		worksheet_write_number(ws, (lxw_row_t)i, 1, i * 1575.8 / 7,
		    NULL);
		d.day = (uint8_t)i;
		worksheet_write_datetime(ws, (lxw_row_t)i, 2, &d, date);
	}
	worksheet_write_number(ws, 22, 3, 1e-7, NULL);
	worksheet_write_number(ws, 22, 4, 2147483648.0, NULL);
	CHECK(workbook_close(wb) == LXW_NO_ERROR);
	cmd = arena_printf(a, "cd '%s' && HOME='%s' timeout 120 "
	    "/usr/bin/soffice --headless --convert-to xls --outdir '%s' conv.xlsx >/dev/null "
	    "2>&1", tmpdir, tmpdir, tmpdir);
	r = system(cmd);
	buf = slurp(a, tmp_path(a, "conv.xls"), &len);
	if (r != 0 || buf == NULL) {
		printf("test_sheet: soffice failed (%d), conversion not "
		    "tested\n", r);
		goto out;
	}
	CHECK(reads(buf, len, NULL, a, &s));
	buf = slurp(a, xlsx, &len);
	CHECK(reads(buf, len, NULL, a, &x));
	CHECK(strcmp(s.name, "转换") == 0 && s.nrows == 22 && x.nrows == 22);
	for (i = 0; i < x.nrows && i < s.nrows; i++) {
		CHECK(x.rows[i].row == s.rows[i].row &&
		    x.rows[i].ncells == s.rows[i].ncells);
		for (j = 1; j <= x.rows[i].ncells; j++) {
			c1 = sheet_cell(&x.rows[i], j);
			c2 = sheet_cell(&s.rows[i], j);
			/* libxlsxwriter writes 16 digits, FreeXL has the
			 * double: numbers agree in value, not in text */
			if (c2 != NULL && c1->type == c2->type &&
			    c1->day == c2->day && (c1->type == CELL_NUMBER ?
			    c1->num - c2->num <= 1e-9 * c1->num &&
			    c2->num - c1->num <= 1e-9 * c1->num :
			    strcmp(c1->text, c2->text) == 0))
				same++;
			else
				fprintf(stderr, "  %d/%d: xlsx '%s' xls '%s'\n",
				    x.rows[i].row, j, c1->text, c2 ?
				    c2->text : "(none)");
		}
	}
	CHECK(same == 3 + 20 * 3 + 5);
	CHECK(s.nrows == 22 && cell_is(&s, 21, 5, CELL_NUMBER, "2147483648"));
	CHECK(s.nrows == 22 && cell_is(&s, 5, 3, CELL_DATE, "2024-06-05"));
out:
	arena_free(a);
}

/* 100,000 rows of 15 columns, written as Excel does, read back. */
static void
test_big(void)
{
	struct arena	*a = arena_new();
	struct sheet	 sh;
	struct timespec	 t0, t1;
	char		*xml, *buf, *si, c[8];
	size_t		 cap = 64 << 20, len, n = 0;
	int		 r, k;
	double		 secs;
	clock_t		 cpu;
	struct part	 parts[5] = {
		{ "_rels/.rels", rels_xml, 0 },
		{ "xl/workbook.xml", book_xml, 0 },
		{ "xl/_rels/workbook.xml.rels", book_rels_xml, 0 },
		{ "xl/worksheets/sheet1.xml", NULL, 0 },
		{ "xl/sharedStrings.xml", NULL, 0 },
	};

	xml = xmalloc(cap);
	arena_own(a, xml);
#define PUT(...) (n += (size_t)snprintf(xml + n, cap - n, __VA_ARGS__))
	PUT("<worksheet " NS "><sheetData>");
	for (r = 1; r <= 100000; r++) {
		PUT("<row r=\"%d\">", r);
		for (k = 1; k <= 15; k++) {
			sheet_col_name(k, c, sizeof(c));
			if (k % 3 == 1)
				PUT("<c r=\"%s%d\" t=\"s\"><v>%d</v></c>", c, r,
				    (r + k) % 100);
			else if (k == 3)
				PUT("<c r=\"%s%d\" s=\"1\"><v>%d</v></c>", c, r,
				    45000 + r % 1000);
			else
				PUT("<c r=\"%s%d\"><v>%d.%d</v></c>", c, r, r,
				    k);
		}
		PUT("</row>");
	}
	PUT("</sheetData></worksheet>");
	CHECK(n < cap);
	parts[3].data = xml;
	parts[3].len = n;
	si = arena_alloc(a, 100 * 40 + 100);
	for (n = 0, k = 0; k < 100; k++)
		n += (size_t)snprintf(si + n, 40, "<si><t>第%d个村</t></si>", k);
	parts[4].data = arena_printf(a, "<sst " NS ">%s</sst>", si);
	{
		static const char styles[] = "<styleSheet " NS "><cellXfs>"
		    "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/></cellXfs>"
		    "</styleSheet>";
		struct part all[6];

		memcpy(all, parts, sizeof(parts));
		all[5] = (struct part){ "xl/styles.xml", styles, 0 };
		zip_level = 1;		/* seconds faster than 6 */
		buf = zip_parts(a, "big.xlsx", all, 6, &len);
		zip_level = 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cpu = clock();
	CHECK(reads(buf, len, NULL, a, &sh));
	cpu = clock() - cpu;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) /
	    1e9;
	printf("test_sheet: 100000x15 xlsx (%zu bytes) read in %.2f s "
	    "(%.2f s CPU)\n", len, secs, (double)cpu / CLOCKS_PER_SEC);
	CHECK(sh.nrows == 100000);
	if (sh.nrows != 100000)
		goto out;
	CHECK(sh.rows[0].row == 1 && sh.rows[99999].row == 100000);
	CHECK(sh.rows[54320].ncells == 15);
	CHECK(cell_is(&sh, 0, 1, CELL_STRING, "第2个村"));
	CHECK(cell_is(&sh, 0, 2, CELL_NUMBER, "1.2"));
	CHECK(cell_is(&sh, 54320, 3, CELL_DATE, "2024-01-30"));	/* 45321 */
	CHECK(cell_is(&sh, 54320, 13, CELL_STRING, "第34个村"));
	CHECK(cell_is(&sh, 99999, 15, CELL_NUMBER, "100000.15"));
	CHECK(sheet_cell(&sh.rows[99999], 15)->num == 100000.15);
#undef PUT
out:
	arena_free(a);
}

TEST_MAIN(TEST(test_names), TEST(test_serial), TEST(test_xlsx_writer),
    TEST(test_xlsx_formula), TEST(test_xlsx_wps), TEST(test_xlsx_1904),
    TEST(test_xlsx_bomb), TEST(test_xlsx_hostile), TEST(test_caps),
    TEST(test_garbage), TEST(test_csv), TEST(test_xls_fixture),
    TEST(test_xls_hostile), TEST(test_xls_soffice), TEST(test_big))
