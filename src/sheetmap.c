/*
 * Where a ledger's fields are in a sheet (sheetmap.h): header rows
 * found by how many of their cells name a field, columns mapped by the
 * synonym table below, which is data after the real headers of
 * ../shared/domain/ledger-templates.md §0.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ledger.h"
#include "sheetmap.h"
#include "util.h"
#include "value.h"

#define SHEETMAP_SCAN	15	/* rows searched for the header */
#define SHEETMAP_TEXT	256	/* bytes of a header compared */

/*
 * What later rules need to know about a match: 村名 is a village beside
 * a town column and the place otherwise (SM_VILLAGE); 牵头单位 makes the
 * other unit columns co_units (SM_STRONG); 联系电话 right after a leader
 * is the leader's (SM_PHONE); 完成时间 is the completion date in a ledger
 * without a deadline column (SM_DONE); the header ends with the word
 * (SM_SUFFIX).
 */
#define SM_VILLAGE	0x01
#define SM_STRONG	0x02
#define SM_PHONE	0x04
#define SM_DONE		0x08
#define SM_SUFFIX	0x10

/*
 * Header words (spaces removed, brackets folded, a trailing bracket
 * cut) and their targets, space-separated.  Exact words are tried
 * before suffixes; custom field names before both.
 */
static const struct {
	const char	*field;
	unsigned	 flags;
	const char	*words;
} syns[] = {
	{ "seq", 0, "序号 序 No. No NO NO. #" },
	{ "code", 0, "编号 项目编号 文号 项目代码 项目库编号 入库编号 问题编号 "
	    "事项编号 建议编号 督办编号 交办编号 登记编号 台账编号 批复文号 "
	    "立项文号 项目文号" },
	{ "title", 0, "项目名称 名称 事项名称 实事名称 问题描述 建议内容标题 "
	    "任务名称 工作任务 重点任务 问题名称 事项 项目 实事项目 民生实事 "
	    "民生实事项目 建议名称 建议标题 建议题目 需求名称 需求事项 需求项目 "
	    "遗址名称 旧址名称 报告名称 报告题目 调研报告题目 调研题目 题目 标题 "
	    "报道标题 稿件标题 文章标题 督办事项 督查事项 工作事项 存在问题 问题 "
	    "反馈问题 发现问题 主要问题 项目(工程)名称 工程名称 建设项目 项目名" },
	{ "content", 0, "建设内容 建设任务 项目建设内容 建设内容及规模 "
	    "建设内容和规模 建设规模及内容 主要建设内容 建设规模 主要内容 项目内容 "
	    "具体内容 问题内容 内容 项目概况 项目简介 事项内容 督查内容 问题详情 "
	    "具体问题 建议内容 意见建议内容 意见建议 需求内容 需求描述 具体需求 "
	    "工作目标 工作内容 任务要求 工作目标及任务要求 具体任务 约束性任务 "
	    "主要任务 实施内容 报告内容 内容摘要 简介 基本情况 概况 整改要求" },
	{ "category", 0, "项目类别 类别 类型 项目类型 分类 项目分类 问题类别 "
	    "问题类型 问题分类 事项类别 事项类型 建议类别 建议类型 实事类别 "
	    "需求类别 需求类型 所属类别 所属领域 领域 遗址类别 遗址类型 报道类别" },
	{ "state", 0, "状态 办理状态 整改状态 项目状态 完成状态 进展状态 "
	    "当前状态 办结状态 推进状态 实施状态 建设状态" },
	{ "places", 0, "建设地点 实施地点 项目实施地点 地点 项目地点 所在地 "
	    "所在地点 项目所在地 乡镇、村 乡镇村 乡镇(村) 乡镇(街道)、村 地址 "
	    "具体地址 位置 具体位置 地理位置 区域 所属区域 地区 实施范围 "
	    "项目建设地点 建设地址 坐落位置 所在位置 遗址地址 遗址位置" },
	{ "town", 0, "乡镇 镇街 乡镇(街道) 乡镇街道 街道 镇 乡 所属乡镇 "
	    "所在乡镇 实施乡镇 项目乡镇 镇(街道) 镇(街) 乡(镇) 乡镇(场) 乡镇名称 "
	    "镇街名称 街道(乡镇) 乡镇(街)" },
	{ "places", SM_VILLAGE, "村 村名 村名称 项目村 行政村 所在村 示范村名称 "
	    "示范村 村(社区) 社区 村居 村(居) 受益村 实施村 项目实施村 村组 "
	    "村(居)名称 行政村名称 社区名称 村别 帮扶村 结对村" },
	{ "lead_unit", SM_STRONG, "牵头单位 主办单位 牵头部门 牵头责任单位 "
	    "牵头单位(部门)" },
	{ "lead_unit", 0, "责任单位 实施单位 承办单位 主管部门 责任部门 实施部门 "
	    "项目单位 建设单位 业主单位 项目实施单位 项目主管部门 主管单位 "
	    "责任主体 实施主体 项目实施主体 承办部门 办理单位 整改责任单位 "
	    "责任科室 承办科室 整改单位" },
	{ "co_units", 0, "配合单位 协办单位 配合部门 协办部门 参与单位 协助单位 "
	    "配合责任单位" },
	{ "leader_phone", 0, "领导电话 领导联系电话 包保领导电话 分管领导电话 "
	    "领导联系方式" },
	{ "responsible", 0, "责任人 负责人 具体承办人员 联系人 具体责任人 "
	    "项目负责人 经办人 承办人 具体负责人 责任人员 包保责任人 帮扶责任人 "
	    "直接责任人 承办人员 具体经办人 联络员 项目负责人及联系电话 "
	    "责任人及联系电话 负责人及联系方式" },
	{ "responsible_phone", SM_PHONE, "联系电话 电话 联系方式 手机 手机号 "
	    "手机号码 办公电话" },
	{ "responsible_phone", 0, "责任人电话 负责人电话 联系人电话 "
	    "责任人联系电话 负责人联系电话 联系人手机" },
	{ "lead_and_person", 0, "实施单位及责任人 实施部门及责任人 "
	    "实施单位、责任人 责任单位及责任人 实施单位及负责人 项目单位及责任人 "
	    "责任单位及负责人 实施单位和责任人 责任单位、责任人 单位及责任人 "
	    "承办单位及具体承办人员 承办单位及承办人" },
	{ "start", 0, "开始时间 开工时间 计划开工 计划开工时间 开始日期 开工日期 "
	    "启动时间 计划开始时间 计划启动时间 起始时间 交办时间 交办日期 "
	    "收文时间 登记时间 登记日期 立项时间 受理时间 发现时间 下达时间" },
	{ "deadline", SM_DONE, "完成时间" },
	{ "deadline", 0, "完成时限 办结时限 计划完成时间 限时办理时间 整改时限 "
	    "整改期限 办理时限 截止时间 截止日期 完成期限 计划完成 时限 时限要求 "
	    "计划完成日期 计划竣工时间 计划办结时间 要求完成时间 整改完成时限 "
	    "完成时间节点 时间节点 办复时限 答复时限 应完成时间" },
	{ "period", 0, "实施期限 时间进度 项目计划建设时限 建设期限 建设周期 "
	    "实施时间 实施周期 起止时间 建设年限 项目周期 计划启动、完成时限 "
	    "计划起止时间 建设时间 实施年限 项目实施期限 建设起止时间 "
	    "项目建设期限 实施起止时间" },
	{ "completed", 0, "实际完成时间 办结时间 完成日期 办结日期 实际完成日期 "
	    "销号时间 销号日期 整改完成时间 实际办结时间 实际竣工时间 完工时间 "
	    "实际完工时间 发表时间 发表日期 刊发时间 刊发日期 报道时间 报道日期" },
	{ "progress", 0, "进度 完成比例 完成进度 完成率 项目进度 完成百分比 "
	    "进度百分比" },
	{ "progress_text", 0, "形象进度 进展情况 工作进度 工作动态 推进情况 进展 "
	    "完成情况 办理情况 整改情况 整改进展 整改进展情况 整改落实情况 "
	    "工作进展 目前进展 项目进展情况 项目进展 实施进度 落实情况 办理进度 "
	    "办理结果 进度情况 工作推进情况 推进落实情况 当前进展 工程形象进度 "
	    "项目形象进度 建设进度 工程进度" },
	{ "amount", 0, "资金规模 投资规模 资金金额 金额 补助金额 计划投资额 总投资 "
	    "提前下达金额 投资额 项目资金 资金 投资金额 总投资额 计划投资 "
	    "项目总投资 安排资金 下达资金 分配资金 资金数额 补助资金 投资 预算金额 "
	    "概算投资 估算投资 资金需求 需求资金 所需资金 资金规模和筹资方式 "
	    "项目金额及资金来源 资金来源及规模 项目投资 计划总投资 拟安排资金 "
	    "安排金额 下达金额 分配金额 计划资金 项目金额 年度投资 年度计划投资" },
	{ "fund_source", 0, "资金来源 经费来源 资金渠道 筹资方式 资金类别 "
	    "资金类型" },
	{ "households", 0, "受益户数 受益农户数 带动户数 受益农户 惠及户数 "
	    "受益群众户数 带动农户数 受益户 覆盖户数 受益总户数" },
	{ "persons", 0, "受益人数 受益人口 受益群众 带动人数 受益人口数 惠及人数 "
	    "受益群众人数 受益总人数 覆盖人数" },
	{ "poor_households", 0, "脱贫户数 受益脱贫户数 带动脱贫户数 受益贫困户数 "
	    "贫困户数 脱贫户 带动脱贫户 受益脱贫户 带动贫困户数 建档立卡贫困户数" },
	{ "monitored_households", 0, "监测户数 监测对象户数 受益监测户数 "
	    "带动监测户数 防返贫监测户数 监测对象 受益监测户 带动监测户 监测户" },
	/* 区政府分管领导, 县级包保领导, 联系领导 ... */
	{ "leader_phone", SM_SUFFIX, "领导电话 领导联系电话 领导联系方式 "
	    "领导手机" },
	{ "leader", SM_SUFFIX, "领导" },
};

/* Targets that only sheets have, and their labels. */
static const struct {
	const char *field, *label;
} sheet_fields[] = {
	{ "town", "乡镇" }, { "village", "村" }, { "fund_source", "资金来源" },
	{ "period", "实施期限" }, { "lead_and_person", "实施单位及责任人" },
};

static _Thread_local char sheetmap_custombuf[64];

/* The text of cell col (1-based) of r, "" if none. */
static const char *
sheetmap_text(const struct sheet_row *r, int col)
{
	if (r == NULL || r->cells == NULL || col < 1 || col > r->ncells ||
	    r->cells[col - 1].text == NULL)
		return "";
	return r->cells[col - 1].text;
}

static bool
sheetmap_blank(const char *s)
{
	char t[8];

	return value_fold(s, true, t, sizeof(t)) == 0;
}

/* Code points in valid UTF-8. */
static size_t
sheetmap_cps(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static bool
sheetmap_endswith(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);

	return n >= k && strcmp(s + n - k, w) == 0;
}

/*
 * Header text as compared: no spaces, full-width folded, 【】〔〕[] as
 * (), no "*" required marks, no "1、" numbering, no trailing ":".  Into
 * cut the same without a trailing "(...)" or "/万元".
 */
static void
sheetmap_norm(const char *in, char *base, char *cut)
{
	static const char *const opens[] = { "【", "〔", "[", NULL };
	static const char *const closes[] = { "】", "〕", "]", NULL };
	static const char *const units[] = { "元", "万元", "亿元", "%", "个",
		"户", "人", "月", "天", "年", "亩", "米", "公里", "平方米", NULL };
	char		 t[SHEETMAP_TEXT], *p, *o, *q;
	size_t		 n;
	int		 i, depth;

	(void)value_fold(in, true, t, sizeof(t));
	for (p = t, o = base; *p;) {
		n = 0;
		for (i = 0; opens[i]; i++)
			if (strncmp(p, opens[i], n = strlen(opens[i])) == 0)
				break;
		if (opens[i]) {
			*o++ = '(';
			p += n;
			continue;
		}
		for (i = 0; closes[i]; i++)
			if (strncmp(p, closes[i], n = strlen(closes[i])) == 0)
				break;
		if (closes[i]) {
			*o++ = ')';
			p += n;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	/* marks and numbering */
	for (p = base; *p == '*' || strncmp(p, "※", 3) == 0 ||
	    strncmp(p, "★", 3) == 0; p += *p == '*' ? 1 : 3)
		;
	for (q = p; *q >= '0' && *q <= '9'; q++)
		;
	if (q > p && (strncmp(q, "、", 3) == 0 || (*q == '.' &&
	    (q[1] < '0' || q[1] > '9'))))
		p = q + (*q == '.' ? 1 : 3);
	memmove(base, p, strlen(p) + 1);
	while ((n = strlen(base)) > 0 && (base[n - 1] == '*' ||
	    base[n - 1] == ':'))
		base[n - 1] = '\0';
	memcpy(cut, base, strlen(base) + 1);
	/* a trailing "(万元)", "(必填)", "/万元" */
	for (;;) {
		n = strlen(cut);
		if (n > 0 && cut[n - 1] == ')') {
			for (depth = 0, q = cut + n - 1; q >= cut; q--) {
				if (*q == ')')
					depth++;
				else if (*q == '(' && --depth == 0)
					break;
			}
			if (q > cut) {
				*q = '\0';
				continue;
			}
		}
		if ((q = strrchr(cut, '/')) != NULL && q > cut)
			for (i = 0; units[i]; i++)
				if (strcmp(q + 1, units[i]) == 0) {
					*q = '\0';
					break;
				}
		break;
	}
}

/* Is w one of the space-separated words of list? */
static bool
sheetmap_listed(const char *list, const char *w, bool suffix)
{
	const char	*p, *e;
	size_t		 n = strlen(w), k;

	for (p = list; *p; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ' ')) == NULL)
			e = p + strlen(p);
		k = (size_t)(e - p);
		if (k == 0)
			continue;
		if (suffix ? n >= k && memcmp(w + n - k, p, k) == 0 :
		    n == k && memcmp(w, p, k) == 0)
			return true;
	}
	return false;
}

static bool
sheetmap_shows(const struct ledger *l, const char *key)
{
	json_t	*v;
	size_t	 i;

	if (l == NULL)
		return false;
	json_array_foreach(json_object_get(l->config, "columns"), i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), key) == 0)
			return true;
	return false;
}

/* The custom field of l whose name is the header, as "custom:KEY". */
static const char *
sheetmap_custom(const char *base, const char *cut, const struct ledger *l,
    json_t **field)
{
	char		 nb[SHEETMAP_TEXT], nc[SHEETMAP_TEXT];
	json_t		*f;
	const char	*name, *key;
	size_t		 i;

	if (l == NULL)
		return NULL;
	json_array_foreach(json_object_get(l->config, "custom"), i, f) {
		name = json_string_value(json_object_get(f, "name"));
		key = json_string_value(json_object_get(f, "key"));
		if (name == NULL || key == NULL)
			continue;
		sheetmap_norm(name, nb, nc);
		if (*nb == '\0' || (strcmp(base, nb) != 0 &&
		    strcmp(cut, nb) != 0 && strcmp(cut, nc) != 0))
			continue;
		if ((size_t)snprintf(sheetmap_custombuf,
		    sizeof(sheetmap_custombuf), "custom:%s", key) >=
		    sizeof(sheetmap_custombuf))
			return NULL;
		if (field)
			*field = f;
		return sheetmap_custombuf;
	}
	return NULL;
}

/* The target of a header and the SM_ flags of its word; NULL if none. */
static const char *
sheetmap_match(const char *header, const struct ledger *l, unsigned *flags)
{
	static const char *const durs[] = { "(月)", "(个月)", "(天)", "(日)",
		"(年)", NULL };
	char		 base[SHEETMAP_TEXT], cut[SHEETMAP_TEXT];
	const char	*f;
	size_t		 i;
	int		 k, pass;

	*flags = 0;
	sheetmap_norm(header, base, cut);
	if (*base == '\0')
		return NULL;
	if ((f = sheetmap_custom(base, cut, l, NULL)) != NULL)
		return f;
	for (pass = 0; pass < 3; pass++)
		for (i = 0; i < NELEM(syns); i++) {
			if ((pass == 2) != ((syns[i].flags & SM_SUFFIX) != 0))
				continue;
			if (!sheetmap_listed(syns[i].words, pass == 0 ? base :
			    cut, pass == 2))
				continue;
			*flags = syns[i].flags;
			f = syns[i].field;
			/* 实施期限(月) holds a number of months, not dates */
			for (k = 0; strcmp(f, "period") == 0 && durs[k]; k++)
				if (sheetmap_endswith(base, durs[k]))
					return NULL;
			if ((*flags & SM_DONE) && l != NULL &&
			    !sheetmap_shows(l, "deadline") &&
			    sheetmap_shows(l, "completed"))
				return "completed";
			return f;
		}
	return NULL;
}

const char *
sheetmap_field_of(const char *header, const struct ledger *l)
{
	unsigned flags;

	if (header == NULL)
		return NULL;
	return sheetmap_match(header, l, &flags);
}

const char *
sheetmap_label(const char *field, const struct ledger *l)
{
	json_t		*f;
	const char	*key;
	size_t		 i;

	if (field == NULL)
		return NULL;
	if (strncmp(field, "custom:", 7) == 0) {
		json_array_foreach(l ? json_object_get(l->config, "custom") :
		    NULL, i, f) {
			key = json_string_value(json_object_get(f, "key"));
			if (key && strcmp(key, field + 7) == 0)
				return json_string_value(json_object_get(f,
				    "name"));
		}
		return NULL;
	}
	for (i = 0; i < NELEM(sheet_fields); i++)
		if (strcmp(sheet_fields[i].field, field) == 0)
			return sheet_fields[i].label;
	return ledger_field_label(field);
}

/* The last non-empty column of r, 0 if none. */
static int
sheetmap_width(const struct sheet_row *r)
{
	int c;

	for (c = r->ncells; c > 0; c--)
		if (!sheetmap_blank(sheetmap_text(r, c)))
			return c;
	return 0;
}

static int
sheetmap_nonempty(const struct sheet_row *r, int *only)
{
	int c, n = 0;

	for (c = 1; c <= r->ncells; c++)
		if (!sheetmap_blank(sheetmap_text(r, c))) {
			n++;
			if (only)
				*only = c;
		}
	return n;
}

static int
sheetmap_nmapped(const struct sheet_row *r, const struct ledger *l)
{
	unsigned	flags;
	int		c, n = 0;

	for (c = 1; c <= r->ncells; c++)
		if (sheetmap_match(sheetmap_text(r, c), l, &flags) != NULL)
			n++;
	return n;
}

/* Could this cell be a header: text that is not a number or a date? */
static bool
sheetmap_headerish(const struct sheet_cell *c, const struct ledger *l)
{
	unsigned	 flags;
	const char	*why;
	int64_t		 v;
	int32_t		 d;
	bool		 ap;

	if (c->type != CELL_STRING)
		return false;
	if (sheetmap_match(c->text, l, &flags) != NULL)
		return true;
	return sheetmap_cps(c->text) <= 30 && strchr(c->text, ':') == NULL &&
	    value_amount(c->text, 0, &v, &ap, &why) == -1 &&
	    value_date_text(c->text, false, &d, &why) == -1;
}

/* Is every non-empty cell of r header-like? */
static bool
sheetmap_row_headerish(const struct sheet_row *r, const struct ledger *l)
{
	int c;

	for (c = 1; c <= r->ncells; c++)
		if (!sheetmap_blank(sheetmap_text(r, c)) &&
		    !sheetmap_headerish(&r->cells[c - 1], l))
			return false;
	return true;
}

/* Do merges of sh start in sheet row `row`?  Any spanning rows? */
static bool
sheetmap_merged(const struct sheet *sh, int row, bool *down)
{
	int	i;
	bool	any = false;

	*down = false;
	for (i = 0; sh->merges && i < sh->nmerges; i++) {
		const struct sheet_merge *g = &sh->merges[i];

		if (g->r1 != row || g->r2 < g->r1 || g->c2 < g->c1 ||
		    g->c1 < 1)
			continue;
		if (g->r2 > g->r1)
			*down = true;
		if (g->c2 > g->c1 || g->r2 > g->r1)
			any = true;
	}
	return any;
}

/*
 * Without merge information: is there a column of lo under an empty
 * cell of up, right of a cell of up that has text in both rows, with
 * only such columns between?  ("资金来源及规模 | (empty)" over
 * "资金来源 | 资金规模(万元)".)
 */
static bool
sheetmap_gap(const struct sheet_row *up, const struct sheet_row *lo)
{
	int c, j;

	for (c = 2; c <= lo->ncells; c++) {
		if (!sheetmap_blank(sheetmap_text(up, c)) ||
		    sheetmap_blank(sheetmap_text(lo, c)))
			continue;
		for (j = c - 1; j >= 1 &&
		    sheetmap_blank(sheetmap_text(up, j)) &&
		    !sheetmap_blank(sheetmap_text(lo, j)); j--)
			;
		if (j >= 1 && !sheetmap_blank(sheetmap_text(up, j)) &&
		    !sheetmap_blank(sheetmap_text(lo, j)))
			return true;
	}
	return false;
}

/* Is rows[i + 1] the second row of a header whose first is rows[i]? */
static bool
sheetmap_two_rows(const struct sheet *sh, int i, const struct ledger *l)
{
	const struct sheet_row	*up = &sh->rows[i], *lo = &sh->rows[i + 1];
	bool			 down;

	if (lo->row != up->row + 1 || sheetmap_nonempty(lo, NULL) == 0 ||
	    !sheetmap_row_headerish(lo, l))
		return false;
	if (sheetmap_merged(sh, up->row, &down))
		return true;
	return sheetmap_gap(up, lo);
}

/* Could rows[i] be the parent row over a header found at rows[i + 1]? */
static bool
sheetmap_parent_above(const struct sheet *sh, int i, const struct ledger *l)
{
	const struct sheet_row	*up = &sh->rows[i];
	int			 c;

	if (sheetmap_nonempty(up, NULL) < 2)
		return false;
	for (c = 1; c <= up->ncells; c++)
		if (value_unit_of(sheetmap_text(up, c)) != 0)
			return false;	/* 单位:万元 */
	return sheetmap_two_rows(sh, i, l);
}

/* The parent column of column c in a two-row header at rows[top], or 0. */
static int
sheetmap_parent(const struct sheet *sh, int top, int c, bool merged)
{
	const struct sheet_row	*up = &sh->rows[top], *lo = &sh->rows[top + 1];
	int			 i, j;

	if (merged) {
		for (i = 0; sh->merges && i < sh->nmerges; i++) {
			const struct sheet_merge *g = &sh->merges[i];

			if (g->r1 == up->row && g->r2 >= g->r1 && g->c1 >= 1 &&
			    g->c1 <= c && c <= g->c2)
				return g->c1;
		}
		return sheetmap_blank(sheetmap_text(up, c)) ? 0 : c;
	}
	if (!sheetmap_blank(sheetmap_text(up, c)))
		return c;
	if (sheetmap_blank(sheetmap_text(lo, c)))
		return 0;
	for (j = c - 1; j >= 1 && sheetmap_blank(sheetmap_text(up, j)) &&
	    !sheetmap_blank(sheetmap_text(lo, j)); j--)
		;
	if (j >= 1 && !sheetmap_blank(sheetmap_text(lo, j)))
		return j;
	return 0;
}

/* Folded text for display: "投资 规模" keeps one space. */
static char *
sheetmap_show(struct arena *a, const char *s)
{
	char t[SHEETMAP_TEXT];

	(void)value_fold(s, false, t, sizeof(t));
	return arena_strdup(a, t);
}

/* Try a header's parts and joins for a target. */
static const char *
sheetmap_field2(const char *parent, const char *child, int span,
    const struct ledger *l, unsigned *flags)
{
	char		 both[2 * SHEETMAP_TEXT];
	const char	*f;

	*flags = 0;
	if (*child == '\0')
		return sheetmap_match(parent, l, flags);
	if ((f = sheetmap_match(child, l, flags)) != NULL || *parent == '\0')
		return f;
	/* 完成时间 over 计划 | 实际: 计划完成时间, 实际完成时间 */
	snprintf(both, sizeof(both), "%s%s", child, parent);
	if ((f = sheetmap_match(both, l, flags)) != NULL)
		return f;
	snprintf(both, sizeof(both), "%s%s", parent, child);
	if ((f = sheetmap_match(both, l, flags)) != NULL)
		return f;
	/* a parent over one column only: the child is a note on it */
	return span == 1 ? sheetmap_match(parent, l, flags) : NULL;
}

/* A row of column numbers 1 2 3 ... under the header. */
static bool
sheetmap_numbering(const struct sheet_row *r, int ncols)
{
	const char	*s;
	int		 c, n = 0;
	int64_t		 v;

	for (c = 1; c <= r->ncells; c++) {
		s = sheetmap_text(r, c);
		if (sheetmap_blank(s))
			continue;
		if (util_parse_int64(s, &v) == -1 || v != n + 1)
			return false;
		n++;
	}
	return n >= 3 && 2 * n >= ncols;
}

static bool
sheetmap_money(const char *field, const struct ledger *l)
{
	json_t		*f;
	size_t		 i;
	const char	*key, *type;

	if (strcmp(field, "amount") == 0)
		return true;
	if (strncmp(field, "custom:", 7) != 0 || l == NULL)
		return false;
	json_array_foreach(json_object_get(l->config, "custom"), i, f) {
		key = json_string_value(json_object_get(f, "key"));
		type = json_string_value(json_object_get(f, "type"));
		if (key && type && strcmp(key, field + 7) == 0)
			return strcmp(type, "money") == 0;
	}
	return false;
}

/*
 * The rules that need the whole header: 村名 is a village beside a
 * 乡镇 column and the place otherwise; 牵头单位 makes the other unit
 * columns co_units; 联系电话 right after a leader is the leader's; the
 * first content column is the title if there is none; then every
 * target is kept for its first column only.
 */
static void
sheetmap_settle(struct sheetmap *m, unsigned *flags)
{
	bool	town = false, strong = false, title = false, done;
	int	i, j, k;

	for (i = 0; i < m->ncols; i++) {
		if (m->cols[i].field == NULL)
			continue;
		if (strcmp(m->cols[i].field, "town") == 0)
			town = true;
		if (flags[i] & SM_STRONG)
			strong = true;
		if (strcmp(m->cols[i].field, "title") == 0)
			title = true;
	}
	for (i = 0; i < m->ncols; i++) {
		if (m->cols[i].field == NULL)
			continue;
		if ((flags[i] & SM_VILLAGE) && town)
			m->cols[i].field = "village";
		if (strong && !(flags[i] & SM_STRONG) &&
		    strcmp(m->cols[i].field, "lead_unit") == 0)
			m->cols[i].field = "co_units";
		if (flags[i] & SM_PHONE) {
			for (j = i - 1; j >= 0 && m->cols[j].field == NULL; j--)
				;
			if (j >= 0 && strcmp(m->cols[j].field, "leader") == 0)
				m->cols[i].field = "leader_phone";
		}
		if (!title && strcmp(m->cols[i].field, "content") == 0) {
			m->cols[i].field = "title";
			title = true;
		}
	}
	for (i = 0; i < m->ncols; i++) {
		if (m->cols[i].field == NULL)
			continue;
		for (done = false, k = 0; k < i && !done; k++)
			done = m->cols[k].field != NULL &&
			    strcmp(m->cols[k].field, m->cols[i].field) == 0;
		if (done)
			m->cols[i].field = NULL;
	}
}

int
sheetmap_guess(const struct sheet *sh, const struct ledger *l,
    struct arena *a, struct sheetmap *m, const char **why)
{
	const struct sheet_row	*up, *lo;
	const char		*pt, *ct, *f;
	unsigned		*flags;
	int			 i, h = -1, top, c, n, nscan, *pc, span, k;
	bool			 down, merged = false;
	char			 t[SHEETMAP_TEXT];

	memset(m, 0, sizeof(*m));
	nscan = sh->rows && sh->nrows > 0 ? sh->nrows : 0;
	if (nscan > SHEETMAP_SCAN)
		nscan = SHEETMAP_SCAN;
	for (i = 0; i < nscan && h == -1; i++)
		if (sheetmap_nmapped(&sh->rows[i], l) >= 2)
			h = i;
	if (h == -1) {
		if (why)
			*why = "前15行中找不到表头:表头至少要有两列能对应到台账"
			    "的字段,如「项目名称」「责任单位」";
		return -1;
	}
	top = h;
	m->header_rows = 1;
	if (h > 0 && sheetmap_parent_above(sh, h - 1, l)) {
		top = h - 1;
		m->header_rows = 2;
	} else if (h + 1 < sh->nrows && sheetmap_two_rows(sh, h, l))
		m->header_rows = 2;
	m->title_rows = top;
	m->first_data = top + m->header_rows;

	/* the title rows: their text, and a unit they name */
	for (i = 0; i < top; i++) {
		for (c = 1; c <= sh->rows[i].ncells; c++) {
			pt = sheetmap_text(&sh->rows[i], c);
			if (m->unit_fen == 0)
				m->unit_fen = value_unit_of(pt);
			if (i > 0 || sheetmap_blank(pt))
				continue;
			(void)value_fold(pt, false, t, sizeof(t));
			m->title = m->title ? arena_printf(a, "%s %s",
			    m->title, t) : arena_strdup(a, t);
		}
	}

	up = &sh->rows[top];
	lo = m->header_rows == 2 ? &sh->rows[top + 1] : NULL;
	m->ncols = sheetmap_width(up);
	if (lo && sheetmap_width(lo) > m->ncols)
		m->ncols = sheetmap_width(lo);
	if (lo)
		merged = sheetmap_merged(sh, up->row, &down);
	/* a unit in a cell of the header rows: "单位:万元" in a corner */
	for (c = 1; c <= m->ncols && m->unit_fen == 0; c++) {
		(void)value_fold(sheetmap_text(up, c), true, t, sizeof(t));
		if (strncmp(t, "单位", 6) == 0 || strncmp(t, "金额单位", 12) == 0)
			m->unit_fen = value_unit_of(t);
	}
	m->cols = arena_alloc(a, sizeof(*m->cols) * (size_t)(m->ncols + 1));
	flags = arena_alloc(a, sizeof(*flags) * (size_t)(m->ncols + 1));
	pc = arena_alloc(a, sizeof(*pc) * (size_t)(m->ncols + 1));
	memset(m->cols, 0, sizeof(*m->cols) * (size_t)(m->ncols + 1));
	for (c = 1; c <= m->ncols; c++)
		pc[c - 1] = lo ? sheetmap_parent(sh, top, c, merged) : c;
	for (c = 1; c <= m->ncols; c++) {
		struct sheetcol *col = &m->cols[c - 1];

		pt = pc[c - 1] ? sheetmap_show(a, sheetmap_text(up,
		    pc[c - 1])) : "";
		ct = lo ? sheetmap_show(a, sheetmap_text(lo, c)) : "";
		for (span = 0, k = 0; k < m->ncols; k++)
			span += pc[k] != 0 && pc[k] == pc[c - 1];
		col->col = c;
		if (*pt && *ct)
			col->header = arena_printf(a, "%s/%s", pt, ct);
		else
			col->header = *pt ? pt : ct;
		f = sheetmap_field2(pt, ct, span, l, &flags[c - 1]);
		col->field = f ? arena_strdup(a, f) : NULL;
	}
	sheetmap_settle(m, flags);
	for (c = 0; c < m->ncols; c++) {
		struct sheetcol *col = &m->cols[c];

		if (col->field == NULL || !sheetmap_money(col->field, l))
			continue;
		col->unit_fen = value_unit_of(col->header);
		if (col->unit_fen == 0)
			col->unit_fen = m->unit_fen;
	}
	n = 0;
	for (c = 0; c < m->ncols; c++)
		n += *m->cols[c].header != '\0';
	if (m->first_data < sh->nrows &&
	    sheetmap_numbering(&sh->rows[m->first_data], n))
		m->first_data++;
	return 0;
}

/* Does s (folded, no spaces) start with w as a word of its own? */
static bool
sheetmap_word(const char *s, const char *w)
{
	size_t			 n = strlen(w);
	const unsigned char	*p = (const unsigned char *)s + n;

	if (strncmp(s, w, n) != 0)
		return false;
	/* followed by the end, ASCII, or CJK punctuation (U+3000..U+303F) */
	return *p < 0x80 || (p[0] == 0xe3 && p[1] == 0x80);
}

bool
sheetmap_is_total(const struct sheet_row *r)
{
	static const char *const words[] = { "小计", "合计", "总计", "共计",
		"总合计", NULL };
	char	t[SHEETMAP_TEXT];
	int	c, seen = 0, i;

	for (c = 1; c <= r->ncells && seen < 3; c++) {
		if (value_fold(sheetmap_text(r, c), true, t, sizeof(t)) == 0)
			continue;
		seen++;
		for (i = 0; words[i]; i++)
			if (sheetmap_word(t, words[i]) ||
			    (strncmp(t, words[i], strlen(words[i])) == 0 &&
			    sheetmap_cps(t) <= 6))
				return true;
	}
	return false;
}

/* "一、产业类项目", "(二)基础设施类": a group heading. */
static bool
sheetmap_ordinal(const char *t)
{
	static const char *const nums[] = { "一", "二", "三", "四", "五", "六",
		"七", "八", "九", "十", NULL };
	const char	*p = t;
	bool		 paren;
	int		 i, n = 0;

	if ((paren = *p == '('))
		p++;
	for (;;) {
		for (i = 0; nums[i]; i++)
			if (strncmp(p, nums[i], 3) == 0)
				break;
		if (nums[i] == NULL)
			break;
		p += 3;
		n++;
	}
	if (n == 0)
		return false;
	return paren ? *p == ')' : strncmp(p, "、", 3) == 0 || *p == '.';
}

bool
sheetmap_is_note(const struct sheet_row *r)
{
	static const char *const words[] = { "备注", "注", "说明", "附", NULL };
	static const char *const heads[] = { "填表说明", "填表人", "填报人",
		"填报单位", "填报日期", "审核人", "制表", "单位负责人", "负责人:",
		"联系人:", "联系电话:", "监督电话", "举报电话", "附件", "资料来源",
		"数据来源", NULL };
	char	t[SHEETMAP_TEXT];
	int	c, i, only = 0;

	if (sheetmap_nonempty(r, &only) == 0)
		return true;
	for (c = 1; c <= r->ncells; c++)
		if (value_fold(sheetmap_text(r, c), true, t, sizeof(t)) != 0)
			break;
	for (i = 0; words[i]; i++)
		if (sheetmap_word(t, words[i]))
			return true;
	for (i = 0; heads[i]; i++)
		if (strncmp(t, heads[i], strlen(heads[i])) == 0)
			return true;
	if (sheetmap_nonempty(r, NULL) == 1)
		return strchr(t, ':') != NULL || sheetmap_ordinal(t);
	return false;
}

enum sheetmap_kind
sheetmap_row_kind(const struct sheetmap *m, const struct sheet_row *r)
{
	char		 t[SHEETMAP_TEXT], h[SHEETMAP_TEXT];
	const char	*hd, *p;
	int		 c, only = 0, n, same = 0;

	if ((n = sheetmap_nonempty(r, &only)) == 0)
		return SHEETMAP_BLANK;
	if (sheetmap_is_total(r))
		return SHEETMAP_TOTAL;
	if (sheetmap_is_note(r))
		return SHEETMAP_NOTE;
	if (m == NULL)
		return SHEETMAP_ITEM;
	if (n == 1 && m->ncols >= 3 && (only > m->ncols ||
	    m->cols[only - 1].field == NULL ||
	    strcmp(m->cols[only - 1].field, "title") != 0))
		return SHEETMAP_NOTE;
	/* the header again, as printed on every page */
	for (c = 1; c <= r->ncells && c <= m->ncols; c++) {
		(void)value_fold(sheetmap_text(r, c), false, t, sizeof(t));
		hd = m->cols[c - 1].header;
		if (*t == '\0' || hd == NULL || *hd == '\0')
			continue;
		p = strrchr(hd, '/');
		(void)value_fold(p ? p + 1 : hd, false, h, sizeof(h));
		if (strcmp(t, h) == 0 || strcmp(t, hd) == 0)
			same++;
	}
	return same >= 2 && 2 * same >= n ? SHEETMAP_NOTE : SHEETMAP_ITEM;
}
