/*
 * Header detection and column mapping on the real headers of
 * ../shared/domain/ledger-templates.md, sheets built by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "ledger.h"
#include "sheetmap.h"
#include "util.h"
#include "value.h"

static struct arena *A;

/*
 * A row from "a|b|c": cells trimmed of ASCII spaces at both ends (inner
 * spaces stay), plain numbers typed CELL_NUMBER, "" CELL_EMPTY.
 */
static void
mkrow(struct sheet_row *r, int rowno, const char *spec)
{
	const char	*p, *e, *b;
	char		*t, *end;
	int		 n = 1, i;

	for (p = spec; *p; p++)
		n += *p == '|';
	r->row = rowno;
	r->ncells = n;
	r->cells = arena_alloc(A, sizeof(*r->cells) * (size_t)n);
	memset(r->cells, 0, sizeof(*r->cells) * (size_t)n);
	for (i = 0, p = spec; i < n; i++, p = e + 1) {
		if ((e = strchr(p, '|')) == NULL)
			e = p + strlen(p);
		for (b = p; b < e && *b == ' '; b++)
			;
		while (e > b && e[-1] == ' ')
			e--;
		t = arena_strndup(A, b, (size_t)(e - b));
		for (e = b; *e && *e != '|'; e++)
			;
		r->cells[i].text = t;
		if (*t == '\0')
			r->cells[i].type = CELL_EMPTY;
		else {
			r->cells[i].num = strtod(t, &end);
			r->cells[i].type = *end == '\0' ? CELL_NUMBER :
			    CELL_STRING;
		}
	}
}

/* A sheet of rows 1..n, with merges (r1 c1 r2 c2 ..., nm of them). */
static struct sheet *
mk(const char *const *rows, int n, const int *merges, int nm)
{
	struct sheet	*sh;
	int		 i;

	sh = arena_alloc(A, sizeof(*sh));
	memset(sh, 0, sizeof(*sh));
	sh->format = "xlsx";
	sh->nrows = n;
	sh->rows = arena_alloc(A, sizeof(*sh->rows) * (size_t)(n ? n : 1));
	for (i = 0; i < n; i++)
		mkrow(&sh->rows[i], i + 1, rows[i]);
	sh->nmerges = nm;
	sh->merges = nm ? arena_alloc(A, sizeof(*sh->merges) * (size_t)nm) :
	    NULL;
	for (i = 0; i < nm; i++) {
		sh->merges[i].r1 = merges[4 * i];
		sh->merges[i].c1 = merges[4 * i + 1];
		sh->merges[i].r2 = merges[4 * i + 2];
		sh->merges[i].c2 = merges[4 * i + 3];
	}
	return sh;
}

static struct ledger *
mkledger(enum ledger_kind kind, const char *tmpl)
{
	struct ledger *l;

	l = arena_alloc(A, sizeof(*l));
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	l->config = ledger_config_default(kind, tmpl);
	arena_defer(A, (void (*)(void *))ledger_free, l);
	return l;
}

/* Is column c (1-based) mapped to field (NULL: to nothing)? */
static bool
is(const struct sheetmap *m, int c, const char *field)
{
	const char *f;

	if (c < 1 || c > m->ncols)
		return false;
	f = m->cols[c - 1].field;
	if (field == NULL || f == NULL)
		return f == field;
	return strcmp(f, field) == 0;
}

static bool
hd(const struct sheetmap *m, int c, const char *header)
{
	return c >= 1 && c <= m->ncols &&
	    strcmp(m->cols[c - 1].header, header) == 0;
}

static const char *
fo(const char *h, const struct ledger *l)
{
	const char *f = sheetmap_field_of(h, l);

	return f ? f : "(null)";
}

#define FIELD(h, l, f)	CHECK(strcmp(fo(h, l), f) == 0)

static void
test_field_of(void)
{
	struct ledger *p = mkledger(KIND_PROJECT, "project");

	FIELD("序号", NULL, "seq");
	FIELD("序 号", NULL, "seq");
	FIELD("No.", NULL, "seq");
	FIELD("编号", NULL, "code");
	FIELD("项目编号", NULL, "code");
	FIELD("文号", NULL, "code");
	FIELD("项目名称", NULL, "title");
	FIELD("名称", NULL, "title");
	FIELD("事项名称", NULL, "title");
	FIELD("实事名称", NULL, "title");
	FIELD("问题描述", NULL, "title");
	FIELD("建议内容标题", NULL, "title");
	FIELD("*项目名称", NULL, "title");
	FIELD("1、项目名称", NULL, "title");
	FIELD("项目名称\n(必填)", NULL, "title");
	FIELD("项目名称：", NULL, "title");
	FIELD("建设内容", NULL, "content");
	FIELD("建设任务", NULL, "content");
	FIELD("项目建设内容", NULL, "content");
	FIELD("建设内容及 规模", NULL, "content");
	FIELD("主要内容", NULL, "content");
	FIELD("项目内容", NULL, "content");
	FIELD("具体内容", NULL, "content");
	FIELD("问题内容", NULL, "content");
	FIELD("项目类别", NULL, "category");
	FIELD("类型", NULL, "category");
	FIELD("建设地点", NULL, "places");
	FIELD("实施地点", NULL, "places");
	FIELD("项目实施地点", NULL, "places");
	FIELD("乡镇、村", NULL, "places");
	FIELD("村名", NULL, "places");
	FIELD("项目村", NULL, "places");
	FIELD("乡镇", NULL, "town");
	FIELD("乡镇 (街道)", NULL, "town");
	FIELD("乡镇（街道）", NULL, "town");
	FIELD("镇街", NULL, "town");
	FIELD("责任单位", NULL, "lead_unit");
	FIELD("责任 单位", NULL, "lead_unit");
	FIELD("实施单位", NULL, "lead_unit");
	FIELD("牵头单位", NULL, "lead_unit");
	FIELD("主办单位", NULL, "lead_unit");
	FIELD("承办单位", NULL, "lead_unit");
	FIELD("主管部门", NULL, "lead_unit");
	FIELD("配合单位", NULL, "co_units");
	FIELD("协办单位", NULL, "co_units");
	FIELD("包保领导", NULL, "leader");
	FIELD("分管领导", NULL, "leader");
	FIELD("区政府分管领导", NULL, "leader");
	FIELD("县级包保领导", NULL, "leader");
	FIELD("包保领导电话", NULL, "leader_phone");
	FIELD("县级领导联系电话", NULL, "leader_phone");
	FIELD("责任人", NULL, "responsible");
	FIELD("负责人", NULL, "responsible");
	FIELD("具体承办人员", NULL, "responsible");
	FIELD("联系人", NULL, "responsible");
	FIELD("联系电话", NULL, "responsible_phone");
	FIELD("电话", NULL, "responsible_phone");
	FIELD("实施单位及责任人", NULL, "lead_and_person");
	FIELD("实施部门及责任人", NULL, "lead_and_person");
	FIELD("实施单位、责任人", NULL, "lead_and_person");
	FIELD("开始时间", NULL, "start");
	FIELD("开工时间", NULL, "start");
	FIELD("计划开工", NULL, "start");
	FIELD("完成时限", NULL, "deadline");
	FIELD("完成时间", NULL, "deadline");
	FIELD("办结时限", NULL, "deadline");
	FIELD("计划完成时间", NULL, "deadline");
	FIELD("限时办理时间", NULL, "deadline");
	FIELD("实施期限", NULL, "period");
	FIELD("时间进度", NULL, "period");
	FIELD("项目计划建设时限", NULL, "period");
	FIELD("实施期限(月)", NULL, "(null)");	/* months, not dates */
	FIELD("实际完成时间", NULL, "completed");
	FIELD("办结时间", NULL, "completed");
	FIELD("进度", NULL, "progress");
	FIELD("完成比例(%)", NULL, "progress");
	FIELD("完成进度", NULL, "progress");
	FIELD("形象进度", NULL, "progress_text");
	FIELD("进展情况", NULL, "progress_text");
	FIELD("工作进度", NULL, "progress_text");
	FIELD("工作动态", NULL, "progress_text");
	FIELD("资金规模", NULL, "amount");
	FIELD("资金规模(万元)", NULL, "amount");
	FIELD("投资规模", NULL, "amount");
	FIELD("投资 规模", NULL, "amount");
	FIELD("资金金额", NULL, "amount");
	FIELD("金额", NULL, "amount");
	FIELD("金额/万元", NULL, "amount");
	FIELD("补助金额", NULL, "amount");
	FIELD("计划投资额(万元)", NULL, "amount");
	FIELD("总投资", NULL, "amount");
	FIELD("提前下达金额 (万元)", NULL, "amount");
	FIELD("资金来源及规模", NULL, "amount");
	FIELD("资金规模和筹资方式", NULL, "amount");
	FIELD("资金来源", NULL, "fund_source");
	FIELD("受益户数", NULL, "households");
	FIELD("受益人数", NULL, "persons");
	FIELD("受益人口", NULL, "persons");
	FIELD("脱贫户数", NULL, "poor_households");
	FIELD("受益脱贫户数", NULL, "poor_households");
	FIELD("监测户数", NULL, "monitored_households");
	FIELD("状态", NULL, "state");
	FIELD("办理状态", NULL, "state");
	FIELD("整改状态", NULL, "state");
	/* not fields */
	FIELD("累计完成投资额(万元)", NULL, "(null)");
	FIELD("备注", NULL, "(null)");
	FIELD("绩效目标", NULL, "(null)");
	FIELD("产出 指标", NULL, "(null)");
	FIELD("单位:万元", NULL, "(null)");
	FIELD("2025年百村帮扶项目台账", NULL, "(null)");
	FIELD("", NULL, "(null)");
	FIELD("项目名称:某村道路", NULL, "(null)");
	CHECK(sheetmap_field_of(NULL, NULL) == NULL);
	/* custom fields by name, before synonyms */
	FIELD("建设性质", p, "custom:nature");
	FIELD("建设性质(新建/续建)", p, "custom:nature");
	FIELD("联农带农机制", p, "custom:mechanism");
	FIELD("建设性质", NULL, "(null)");
}

/* Every target's own label maps back to it. */
static void
test_labels(void)
{
	static const char *const keys[] = { "seq", "code", "title", "content",
		"category", "state", "places", "lead_unit", "co_units",
		"leader", "leader_phone", "responsible", "responsible_phone",
		"start", "deadline", "completed", "progress", "progress_text",
		"amount", "households", "persons", "poor_households",
		"monitored_households", "town", "fund_source", "period",
		"lead_and_person", NULL };
	struct ledger	*s = mkledger(KIND_SUGGESTION, "suggestion");
	const char	*lb;
	int		 i;

	for (i = 0; keys[i]; i++) {
		lb = sheetmap_label(keys[i], NULL);
		CHECK(lb != NULL && strcmp(fo(lb, NULL), keys[i]) == 0);
	}
	CHECK(strcmp(sheetmap_label("town", NULL), "乡镇") == 0);
	CHECK(strcmp(sheetmap_label("village", NULL), "村") == 0);
	CHECK(strcmp(sheetmap_label("amount", NULL), "资金规模") == 0);
	CHECK(strcmp(sheetmap_label("custom:citizen", s), "提出人") == 0);
	CHECK(sheetmap_label("custom:nope", s) == NULL);
	CHECK(sheetmap_label("custom:citizen", NULL) == NULL);
	CHECK(sheetmap_label("nope", NULL) == NULL);
	CHECK(sheetmap_label(NULL, NULL) == NULL);
}

/* §1.3 霍山: two-row merged header under a title. */
static const char *const huoshan[] = {
	"扶贫项目实施情况表",
	"序号|项目名称|实施期限(月)|实施单位及责任人|资金来源及规模||绩效目标|||"
	    "受益对象和联农带农机制",
	"||||资金来源|资金规模(万元)|产出 指标|效益 指标|满意度 指标|",
	"1|庙岗集村农机专业化合作社项目|10|下符桥镇金宏伟|市级|100|"
	    "庙岗集村农业机械化服务设备设备采购项目,农用拖拉机2台|"
	    "受益户数≥200户,受益脱贫户数≥15户|脱贫人口满意度≥90%|"
	    "资产归村集体所有",
};

static void
check_huoshan(const struct sheet *sh, const struct sheetmap *m)
{
	int64_t		 fen;
	bool		 ap;
	const char	*why;

	CHECK(m->title_rows == 1 && m->header_rows == 2 && m->first_data == 3);
	CHECK(m->title && strcmp(m->title, "扶贫项目实施情况表") == 0);
	CHECK(m->unit_fen == 0);
	CHECK(m->ncols == 10);
	CHECK(is(m, 1, "seq") && hd(m, 1, "序号"));
	CHECK(is(m, 2, "title"));
	CHECK(is(m, 3, NULL) && hd(m, 3, "实施期限(月)"));
	CHECK(is(m, 4, "lead_and_person"));
	CHECK(is(m, 5, "fund_source") && hd(m, 5, "资金来源及规模/资金来源"));
	CHECK(is(m, 6, "amount") &&
	    hd(m, 6, "资金来源及规模/资金规模(万元)") &&
	    m->cols[5].unit_fen == FEN_PER_WAN);
	CHECK(is(m, 7, NULL) && hd(m, 7, "绩效目标/产出 指标"));
	CHECK(is(m, 8, NULL) && hd(m, 8, "绩效目标/效益 指标"));
	CHECK(is(m, 9, NULL) && hd(m, 9, "绩效目标/满意度 指标"));
	CHECK(is(m, 10, NULL) && hd(m, 10, "受益对象和联农带农机制"));
	CHECK(m->cols[0].unit_fen == 0 && m->cols[4].unit_fen == 0);
	/* the data row reads */
	CHECK(value_amount(sh->rows[3].cells[5].text, m->cols[5].unit_fen,
	    &fen, &ap, &why) == 0 && fen == 100 * FEN_PER_WAN);
	CHECK(sheetmap_row_kind(m, &sh->rows[3]) == SHEETMAP_ITEM);
}

static void
test_huoshan(void)
{
	static const int merges[] = { 1, 1, 1, 10, 2, 1, 3, 1, 2, 2, 3, 2,
		2, 3, 3, 3, 2, 4, 3, 4, 2, 5, 2, 6, 2, 7, 2, 9, 2, 10, 3, 10 };
	struct ledger	*p = mkledger(KIND_PROJECT, "project");
	struct sheetmap	 m;
	struct sheet	*sh;
	const char	*why = NULL;

	/* with the merges of an .xlsx */
	sh = mk(huoshan, 4, merges, 8);
	CHECK(sheetmap_guess(sh, p, A, &m, &why) == 0);
	check_huoshan(sh, &m);
	/* without (a .csv): the empty cells right of a parent tell */
	sh = mk(huoshan, 4, NULL, 0);
	CHECK(sheetmap_guess(sh, p, A, &m, &why) == 0);
	check_huoshan(sh, &m);
	/* no ledger: built-in fields only, same header */
	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0 &&
	    m.header_rows == 2 && is(&m, 6, "amount"));
}

/* §2.1 北关: spaces inside headers, a footer note. */
static void
test_beiguan(void)
{
	static const char *const rows[] = {
		"一、资金来源",
		"省级专项扶贫资金47万元",
		"序号 | 项目名称 | 建设地点 | 建设内容 | 投资 规模 | 责任 单位",
		"1 | 彰北办事处周家营村2018年度财政扶贫建设人行道地面硬化项目 | "
		    "彰北办事处周家营村 | 拆除地面596平方米,铺设道板砖1136.7平方米。 "
		    "| 20万元 | 彰北办事处",
		"备注:每个具体项目建设情况由责任单位另行公告公示。",
	};
	struct sheet	*sh = mk(rows, 5, NULL, 0);
	struct sheetmap	 m;
	const char	*why;
	int64_t		 fen;
	bool		 ap;

	CHECK(sheetmap_guess(sh, mkledger(KIND_PROJECT, "project"), A, &m,
	    &why) == 0);
	CHECK(m.title_rows == 2 && m.header_rows == 1 && m.first_data == 3);
	CHECK(m.title && strcmp(m.title, "一、资金来源") == 0);
	CHECK(m.unit_fen == 0);
	CHECK(m.ncols == 6);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "title") && is(&m, 3, "places") &&
	    is(&m, 4, "content") && is(&m, 5, "amount") &&
	    is(&m, 6, "lead_unit"));
	CHECK(hd(&m, 5, "投资 规模") && hd(&m, 6, "责任 单位"));
	CHECK(m.cols[4].unit_fen == 0);
	CHECK(value_amount(sh->rows[3].cells[4].text, m.cols[4].unit_fen,
	    &fen, &ap, &why) == 0 && fen == 20 * FEN_PER_WAN);
	CHECK(sheetmap_row_kind(&m, &sh->rows[3]) == SHEETMAP_ITEM);
	CHECK(sheetmap_is_note(&sh->rows[4]));
	CHECK(sheetmap_row_kind(&m, &sh->rows[4]) == SHEETMAP_NOTE);
}

/* §2.2 北塔: 单位:万元 in a title row, 村名, 小计 and 合计. */
static void
test_beita(void)
{
	static const char *const rows[] = {
		"中央财政扶贫专项资金安排表",
		"单位:万元",
		"序号|村名|项目名称|建设内容|资金金额",
		"1|新村|新村道路硬化|新建|10(其中,灾情因素6万元)",
		"2|新村|新村水渠|维修|20",
		"|小计|||30",
		"合  计||||113.5",
		"3|白云村|白云村道路|续建|40",
	};
	struct sheet	*sh = mk(rows, 8, NULL, 0);
	struct sheetmap	 m;
	const char	*why;
	int64_t		 fen;
	bool		 ap;

	CHECK(sheetmap_guess(sh, mkledger(KIND_PROJECT, "project"), A, &m,
	    &why) == 0);
	CHECK(m.title_rows == 2 && m.header_rows == 1 && m.first_data == 3);
	CHECK(strcmp(m.title, "中央财政扶贫专项资金安排表") == 0);
	CHECK(m.unit_fen == FEN_PER_WAN);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "places") && is(&m, 3, "title") &&
	    is(&m, 4, "content") && is(&m, 5, "amount"));
	CHECK(m.cols[4].unit_fen == FEN_PER_WAN);
	CHECK(value_amount(sh->rows[3].cells[4].text, m.cols[4].unit_fen,
	    &fen, &ap, &why) == 0 && fen == 10 * FEN_PER_WAN);
	CHECK(!sheetmap_is_total(&sh->rows[3]));
	CHECK(sheetmap_is_total(&sh->rows[5]));
	CHECK(sheetmap_is_total(&sh->rows[6]));
	CHECK(sheetmap_row_kind(&m, &sh->rows[5]) == SHEETMAP_TOTAL);
	CHECK(sheetmap_row_kind(&m, &sh->rows[6]) == SHEETMAP_TOTAL);
	CHECK(sheetmap_row_kind(&m, &sh->rows[7]) == SHEETMAP_ITEM);
}

/* §2.4 中山: 镇街 | 示范村名称, a unit with a space, a wider data row. */
static void
test_zhongshan(void)
{
	static const char *const rows[] = {
		"序号 | 镇街 | 示范村名称 | 提前下达金额 (万元) | 项目名称 | 绩效目标",
		"1 | 五桂山街道 | 南桥村 | 特色精品示范村 | 600 | "
		    "农村人居环境整治 - 乡村振兴战略建设专项资金 | "
		    "对2022年新增的2个特色精品示范村开展持续建设",
	};
	struct sheet	*sh = mk(rows, 2, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, mkledger(KIND_PROJECT, "project"), A, &m,
	    &why) == 0);
	CHECK(m.title_rows == 0 && m.title == NULL && m.header_rows == 1 &&
	    m.first_data == 1);
	CHECK(m.ncols == 6);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "town") && is(&m, 3, "village") &&
	    is(&m, 4, "amount") && is(&m, 5, "title") && is(&m, 6, NULL));
	CHECK(m.cols[3].unit_fen == FEN_PER_WAN);
	CHECK(hd(&m, 4, "提前下达金额 (万元)"));
}

/* §4.1 民生实事 task breakdown; 牵头单位 with 责任单位; phones. */
static void
test_tasks(void)
{
	static const char *const r1[] = {
		"2021年重大民生实事项目目标任务责任分解表",
		"序号|项目名称|主要内容|区政府分管领导|牵头单位|配合单位",
		"1|增加教育资源供给|实施新建、改扩建学校重点建设项目12个|何海平|"
		    "教育局|经开区 高新园(邹区镇) 各街道 市国有公司",
	};
	static const char *const r2[] = {
		"序号|事项名称|牵头单位|责任单位|包保领导|联系电话|责任人|"
		    "联系电话|完成时限|工作进度",
		"1|背街小巷改造|住建局|城管局|王五|13912345678|赵六|"
		    "0359-8012345|2024年6月底前|已完成60%",
	};
	struct ledger	*t = mkledger(KIND_TASK, "task");
	struct sheet	*sh;
	struct sheetmap	 m;
	const char	*why;

	sh = mk(r1, 3, NULL, 0);
	CHECK(sheetmap_guess(sh, t, A, &m, &why) == 0);
	CHECK(m.title_rows == 1 && m.first_data == 2);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "title") && is(&m, 3, "content") &&
	    is(&m, 4, "leader") && is(&m, 5, "lead_unit") &&
	    is(&m, 6, "co_units"));
	sh = mk(r2, 2, NULL, 0);
	CHECK(sheetmap_guess(sh, t, A, &m, &why) == 0);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "title") &&
	    is(&m, 3, "lead_unit") && is(&m, 4, "co_units") &&
	    is(&m, 5, "leader") && is(&m, 6, "leader_phone") &&
	    is(&m, 7, "responsible") && is(&m, 8, "responsible_phone") &&
	    is(&m, 9, "deadline") && is(&m, 10, "progress_text"));
}

/* §4.2 湖南: only 序号 and 计划投资额 map; 累计完成投资额 is not it. */
static void
test_hunan(void)
{
	static const char *const rows[] = {
		"序号 | 市 州 | 计划完成数 | 累计开工数 | 开工率 | "
		    "计划投资额(万元) | 累计完成投资额(万元) | 计划投资完成率",
		"1|长沙市|10|8|80%|12000|9000|75%",
		"|全省|140|120|85.7%|300000|210000|70%",
	};
	struct sheet	*sh = mk(rows, 3, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
	CHECK(m.ncols == 8 && is(&m, 1, "seq") && is(&m, 6, "amount") &&
	    is(&m, 7, NULL) && is(&m, 2, NULL));
	CHECK(hd(&m, 2, "市 州"));
	CHECK(m.cols[5].unit_fen == FEN_PER_WAN);
	/* 全省 is not a 合计 word: rows of regions are the importer's call */
	CHECK(!sheetmap_is_total(&sh->rows[2]));
}

/* §5 白地市 督查事项登记簿: no title column, 督查内容 becomes it. */
static void
test_duban(void)
{
	static const char *const rows[] = {
		"督查事项登记簿",
		"编号|督查内容|任务来源|收文时间|承办单位|办复要求",
		"DB-001|落实秸秆禁烧|县委办|2024-03-01|农业农村局|3月底前办复",
	};
	struct sheet	*sh = mk(rows, 3, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, mkledger(KIND_PROBLEM, "problem"), A, &m,
	    &why) == 0);
	CHECK(is(&m, 1, "code") && is(&m, 2, "title") && is(&m, 3, NULL) &&
	    is(&m, 4, "start") && is(&m, 5, "lead_unit") && is(&m, 6, NULL));
}

/* A ledger without a deadline column reads 完成时间 as completion. */
static void
test_done(void)
{
	struct ledger *r = mkledger(KIND_RECORD, "research");
	struct ledger *t = mkledger(KIND_TASK, "task");

	FIELD("完成时间", r, "completed");
	FIELD("完成时间", t, "deadline");
	FIELD("完成时间", NULL, "deadline");
	FIELD("完成时限", r, "deadline");
}

/* Custom fields of the suggestion ledger win over synonyms. */
static void
test_custom(void)
{
	static const char *const rows[] = {
		"序号|建议名称|提出人|联系电话|来源渠道|答复内容|满意度",
		"1|增设公交站|张三|13912345678|12345热线|已采纳|满意",
	};
	struct ledger	*s = mkledger(KIND_SUGGESTION, "suggestion");
	struct sheet	*sh = mk(rows, 2, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, s, A, &m, &why) == 0);
	CHECK(is(&m, 1, "seq") && is(&m, 2, "title") &&
	    is(&m, 3, "custom:citizen") && is(&m, 4, "custom:citizen_phone") &&
	    is(&m, 5, "custom:channel") && is(&m, 6, "custom:reply") &&
	    is(&m, 7, "custom:satisfaction"));
	CHECK(strcmp(sheetmap_label(m.cols[3].field, s), "联系电话") == 0);
}

/*
 * A parent row above the row that maps: 基本信息 and 资金情况 over
 * their columns, without merges and with them.
 */
static void
test_parent_above(void)
{
	static const char *const rows[] = {
		"序号|基本信息|||资金情况|",
		"|名称|地点|责任单位|金额(万元)|资金来源",
		"1|村道硬化|新村|交通局|12.5|衔接资金",
	};
	static const int merges[] = { 1, 1, 2, 1, 1, 2, 1, 4, 1, 5, 1, 6 };
	struct sheet	*sh;
	struct sheetmap	 m;
	const char	*why;
	int		 pass;

	for (pass = 0; pass < 2; pass++) {
		sh = pass ? mk(rows, 3, merges, 3) : mk(rows, 3, NULL, 0);
		CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
		CHECK(m.title_rows == 0 && m.header_rows == 2 &&
		    m.first_data == 2);
		CHECK(is(&m, 1, "seq") && hd(&m, 1, "序号"));
		CHECK(is(&m, 2, "title") && hd(&m, 2, "基本信息/名称"));
		CHECK(is(&m, 3, "places") && hd(&m, 3, "基本信息/地点"));
		CHECK(is(&m, 4, "lead_unit"));
		CHECK(is(&m, 5, "amount") && hd(&m, 5, "资金情况/金额(万元)") &&
		    m.cols[4].unit_fen == FEN_PER_WAN);
		CHECK(is(&m, 6, "fund_source"));
	}
}

/* 完成时间 over 计划 | 实际: the joins name the fields. */
static void
test_children_join(void)
{
	static const char *const rows[] = {
		"序号|项目名称|完成时间|",
		"||计划|实际",
		"1|村道硬化|2024-06-30|2024-05-20",
	};
	struct sheet	*sh = mk(rows, 3, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
	CHECK(m.header_rows == 2 && m.first_data == 2);
	CHECK(is(&m, 3, "deadline") && hd(&m, 3, "完成时间/计划"));
	CHECK(is(&m, 4, "completed") && hd(&m, 4, "完成时间/实际"));
}

/* Merged header cells over a data row: still one header row. */
static void
test_one_row_merged(void)
{
	static const char *const rows[] = {
		"2025年百村帮扶项目台账",
		"序号|项目名称|责任单位|备注|",
		"1|村道硬化|交通局|续建|12",
	};
	static const int merges[] = { 1, 1, 1, 5, 2, 4, 2, 5 };
	struct sheet	*sh = mk(rows, 3, merges, 2);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
	CHECK(m.title_rows == 1 && m.header_rows == 1 && m.first_data == 2);
	CHECK(strcmp(m.title, "2025年百村帮扶项目台账") == 0);
	CHECK(m.ncols == 4);
}

/* Title rows of two cells, a unit, a numbering row under the header. */
static void
test_titles(void)
{
	static const char *const rows[] = {
		"2025年百村帮扶项目台账",
		"填报单位:新源镇人民政府||填报日期:2025年3月1日",
		"金额单位:万元",
		"序号|项目名称|实施地点|资金规模|责任单位",
		"1|2|3|4|5",
		"1|村道硬化|新源村|12.5|交通局",
	};
	struct sheet	*sh = mk(rows, 6, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
	CHECK(m.title_rows == 3 && m.header_rows == 1);
	CHECK(m.first_data == 5);		/* the 1 2 3 4 5 row skipped */
	CHECK(m.unit_fen == FEN_PER_WAN && m.cols[3].unit_fen == FEN_PER_WAN);
	CHECK(strcmp(m.title, "2025年百村帮扶项目台账") == 0);
}

static void
test_not_found(void)
{
	static const char *const rows[] = { "1|2|3", "4|5|6", "某某村|8|9" };
	static const char *const late[] = { "a", "b", "c", "d", "e", "f", "g",
		"h", "i", "j", "k", "l", "m", "n", "o", "序号|项目名称|金额" };
	struct sheetmap	 m;
	struct sheet	*sh;
	const char	*why = NULL;

	sh = mk(rows, 3, NULL, 0);
	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == -1 && why &&
	    strstr(why, "找不到表头") != NULL);
	sh = mk(rows, 0, NULL, 0);
	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == -1);
	/* the header must be among the first 15 rows */
	sh = mk(late, 16, NULL, 0);
	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == -1);
	sh = mk(late + 1, 15, NULL, 0);
	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0 &&
	    m.title_rows == 14);
}

static bool
total(const char *spec)
{
	struct sheet_row r;

	mkrow(&r, 1, spec);
	return sheetmap_is_total(&r);
}

static bool
note(const char *spec)
{
	struct sheet_row r;

	mkrow(&r, 1, spec);
	return sheetmap_is_note(&r);
}

static void
test_total_note(void)
{
	CHECK(total("合计||||113.5"));
	CHECK(total("合  计|||113.5"));
	CHECK(total("合\xe3\x80\x80计|||113.5"));
	CHECK(total("|小计|||30"));
	CHECK(total("||总计:|30"));
	CHECK(total("小计(产业类)|||30"));
	CHECK(total("共计|5个|30"));
	CHECK(total("总合计|30"));
	CHECK(total("1|合计|30"));
	CHECK(!total("1|共计建设道路3公里的项目|30"));
	CHECK(!total("1|村道|新村|合计"));		/* the fourth cell */
	CHECK(!total("1|村道硬化|30"));
	CHECK(!total(""));
	CHECK(note(""));
	CHECK(note("| | "));
	CHECK(note("备注:每个具体项目建设情况由责任单位另行公告公示。"));
	CHECK(note("备注||"));
	CHECK(note("注:1.本表金额单位为万元"));
	CHECK(note("注1、本表由乡镇填报"));
	CHECK(note("说明:"));
	CHECK(note("填表说明:金额以万元计"));
	CHECK(note("填表人:张三||审核人:李四|"));
	CHECK(note("制表人:王五"));
	CHECK(note("监督电话:12317"));
	CHECK(note("一、产业类项目"));
	CHECK(note("(二)基础设施类"));
	CHECK(!note("1|村道硬化|30"));
	CHECK(!note("注册资金补助|30"));
	CHECK(!note("村道硬化"));		/* one cell, could be a title */
	CHECK(!note("说明书印刷|10"));
}

static void
test_row_kind(void)
{
	static const char *const rows[] = {
		"序号|项目名称|实施地点|资金规模|责任单位",
		"1|村道硬化|新源村|12.5|交通局",
		"一、产业类项目||||",
		"|食用菌大棚|||",
		"序号|项目名称|实施地点|资金规模|责任单位",
		"2||||",
		"||||",
		"|||||附记",
	};
	struct sheet	*sh = mk(rows, 8, NULL, 0);
	struct sheetmap	 m;
	const char	*why;

	CHECK(sheetmap_guess(sh, NULL, A, &m, &why) == 0);
	CHECK(sheetmap_row_kind(&m, &sh->rows[1]) == SHEETMAP_ITEM);
	CHECK(sheetmap_row_kind(&m, &sh->rows[2]) == SHEETMAP_NOTE);
	CHECK(sheetmap_row_kind(&m, &sh->rows[3]) == SHEETMAP_ITEM);
	CHECK(sheetmap_row_kind(&m, &sh->rows[4]) == SHEETMAP_NOTE);
	CHECK(sheetmap_row_kind(&m, &sh->rows[5]) == SHEETMAP_NOTE);
	CHECK(sheetmap_row_kind(&m, &sh->rows[6]) == SHEETMAP_BLANK);
	CHECK(sheetmap_row_kind(&m, &sh->rows[7]) == SHEETMAP_NOTE);
	CHECK(sheetmap_row_kind(NULL, &sh->rows[3]) == SHEETMAP_ITEM);
}

/* Garbage in every field a reader could produce: no crash, no reads
 * out of bounds (run under ASan). */
static void
test_hostile(void)
{
	static const char *const junk[] = { "", "\xff", "\xe5\xba", "序号",
		"项目名称", "(", ")", "((((", "))))", "【", "1、", "*", "※",
		"/", "/万元", "单位", "合计", "\xe5\x90\x88\xe8", "注", "一、",
		"(一", "领导", "资金来源及规模", "2024-01", "12", "村名",
		"乡镇", "实施期限(月)", "联系电话", "包保领导", NULL };
	struct sheet	 sh;
	struct sheetmap	 m;
	struct sheet_row rows[20];
	struct sheet_cell cells[20][12];
	struct sheet_merge merges[6] = { { 0, 0, 0, 0 }, { 1, 5, 1, 2 },
		{ -3, -3, 99, 99 }, { 2, 1, 1, 1 }, { 1, 1, 3, 12 },
		{ 2, 3, 2, 40 } };
	const char	*why;
	unsigned	 seed = 12345;
	int		 n, i, c, k, ok = 0;
	char		 big[40000];

	for (n = 0; n < 400; n++) {
		memset(&sh, 0, sizeof(sh));
		sh.nrows = 1 + (int)(seed % 20);
		sh.rows = rows;
		sh.nmerges = (int)(seed % 7);
		sh.merges = sh.nmerges ? merges : NULL;
		for (i = 0; i < sh.nrows; i++) {
			seed = seed * 1103515245 + 12345;
			rows[i].row = i + 1 + (int)(seed >> 28) % 2;
			rows[i].ncells = (int)((seed >> 16) % 13);
			rows[i].cells = rows[i].ncells ? cells[i] : NULL;
			for (c = 0; c < rows[i].ncells; c++) {
				seed = seed * 1103515245 + 12345;
				k = (int)((seed >> 16) % NELEM(junk));
				if (junk[k] == NULL)
					k = 0;
				cells[i][c].type = (seed >> 8) % 3 ?
				    CELL_STRING : CELL_NUMBER;
				cells[i][c].text = junk[k];
				cells[i][c].num = 1;
			}
		}
		if (sheetmap_guess(&sh, NULL, A, &m, &why) == 0) {
			ok++;
			CHECK(m.first_data >= 0 && m.first_data <= sh.nrows);
			CHECK(m.header_rows == 1 || m.header_rows == 2);
			for (i = 0; i < m.ncols; i++)
				CHECK(m.cols[i].header != NULL &&
				    m.cols[i].col == i + 1);
		}
		for (i = 0; i < sh.nrows; i++) {
			(void)sheetmap_is_total(&rows[i]);
			(void)sheetmap_is_note(&rows[i]);
		}
	}
	CHECK(ok > 20 && ok < 380);	/* both paths were taken */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(sheetmap_field_of(big, NULL) == NULL);
	memcpy(big, "项目名称", 12);
	CHECK(sheetmap_field_of(big, NULL) == NULL);
}

static void
setup(void)
{
	A = arena_new();
}

static void
teardown(void)
{
	arena_free(A);
}

TEST_MAIN(TEST(setup), TEST(test_field_of), TEST(test_labels),
    TEST(test_huoshan), TEST(test_beiguan), TEST(test_beita),
    TEST(test_zhongshan), TEST(test_tasks), TEST(test_hunan),
    TEST(test_duban), TEST(test_done), TEST(test_custom),
    TEST(test_parent_above), TEST(test_children_join),
    TEST(test_one_row_merged), TEST(test_titles), TEST(test_not_found),
    TEST(test_total_note), TEST(test_row_kind), TEST(test_hostile),
    TEST(teardown))
