/*
 * A deterministic 帮扶项目台账 sheet for the import benchmark and the
 * 100,000-row test: gen_sheet OUT.xlsx ROWS PLACES.txt UNITS.txt, where
 * the text files hold one place ("虞乡镇新源村") or unit name per line.
 * Rows cycle through them; amounts, dates and counts come from a fixed
 * linear congruential sequence, so every run writes the same sheet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

static unsigned long long seed = 20251123;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

/* The lines of file, at most max, into out; their number. */
static int
lines(const char *file, char **out, int max)
{
	FILE	*f = fopen(file, "r");
	char	 b[512];
	int	 n = 0;

	if (f == NULL) {
		perror(file);
		exit(2);
	}
	while (n < max && fgets(b, sizeof(b), f)) {
		b[strcspn(b, "\r\n")] = '\0';
		if (*b)
			out[n++] = strdup(b);
	}
	fclose(f);
	return n;
}

int
main(int argc, char **argv)
{
	static const char *const cats[] = { "产业类", "基础设施类",
	    "生活条件改善类", "教育帮扶类", "就业帮扶类", "公共服务类" };
	static const char *const srcs[] = { "衔接资金", "县级财政", "市级财政",
	    "省级财政", "中央财政", "社会捐助" };
	static const char *const kinds[] = { "道路硬化", "饮水提升", "光伏电站",
	    "产业大棚", "文化广场", "便民桥", "排水渠", "路灯安装" };
	static const char *const head[] = { "序号", "项目名称", "项目类别",
	    "实施地点", "建设内容", "责任单位", "资金规模(万元)", "资金来源",
	    "开始时间", "完成时限", "受益户数" };
	char		*places[4096], *units[1024], name[256];
	int		 rows, np, nu, r, c;
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook	*wb;
	lxw_worksheet	*ws;
	lxw_format	*df;
	lxw_datetime	 dt = { 0 };

	if (argc != 5 || (rows = atoi(argv[2])) < 1) {
		fprintf(stderr, "usage: gen_sheet OUT.xlsx ROWS PLACES UNITS\n");
		return 2;
	}
	np = lines(argv[3], places, 4096);
	nu = lines(argv[4], units, 1024);
	if (np == 0 || nu == 0)
		return 2;
	wb = workbook_new_opt(argv[1], &opt);
	ws = workbook_add_worksheet(wb, NULL);
	df = workbook_add_format(wb);
	format_set_num_format(df, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "2025年老区村帮扶项目台账", NULL);
	worksheet_write_string(ws, 1, 0, "单位:万元", NULL);
	for (c = 0; c < 11; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, head[c], NULL);
	for (r = 0; r < rows; r++) {
		lxw_row_t	 row = (lxw_row_t)(r + 3);
		const char	*pl = places[r % np];

		snprintf(name, sizeof(name), "%s%s项目%d", pl,
		    kinds[rnd(8)], r + 1);
		worksheet_write_number(ws, row, 0, r + 1, NULL);
		worksheet_write_string(ws, row, 1, name, NULL);
		worksheet_write_string(ws, row, 2, cats[rnd(6)], NULL);
		worksheet_write_string(ws, row, 3, pl, NULL);
		worksheet_write_string(ws, row, 4, "按设计方案实施", NULL);
		worksheet_write_string(ws, row, 5, units[rnd((unsigned)nu)],
		    NULL);
		worksheet_write_number(ws, row, 6, (rnd(500000) + 100) / 100.0,
		    NULL);
		worksheet_write_string(ws, row, 7, srcs[rnd(6)], NULL);
		dt.year = 2025;
		dt.month = (int)rnd(6) + 1;
		dt.day = (int)rnd(28) + 1;
		worksheet_write_datetime(ws, row, 8, &dt, df);
		dt.month += (int)rnd(6);
		worksheet_write_datetime(ws, row, 9, &dt, df);
		worksheet_write_number(ws, row, 10, rnd(300) + 1, NULL);
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
