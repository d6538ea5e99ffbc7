#include <string.h>

#include "util.h"
#include "workflow.h"

static const char *const project_states[] = {
	"申报", "审核", "入库", "实施", "完工", "验收", "绩效评价", "退库",
	"终止", NULL
};
static const char *const task_states[] = {
	"交办", "签收", "办理中", "申请办结", "已办结", NULL
};
static const char *const need_states[] = {
	"提出", "认领", "已立项", "已满足", "不予支持", NULL
};
static const char *const suggestion_states[] = {
	"受理", "分办", "办理", "答复", "回访", "办结", NULL
};
static const char *const problem_states[] = {
	"发现", "整改中", "整改完成", "复查销号", NULL
};
static const char *const record_states[] = { "登记", NULL };

static const struct {
	const char		*name, *label;
	const char *const	*states;
	const char *const	 final[4];
} kinds[] = {
	[KIND_NONE] = { "", "", NULL, { NULL } },
	[KIND_PROJECT] = { "project", "项目", project_states,
	    { "验收", "绩效评价", "退库", "终止" } },
	[KIND_TASK] = { "task", "事项", task_states, { "已办结" } },
	[KIND_NEED] = { "need", "需求", need_states,
	    { "已满足", "不予支持" } },
	[KIND_SUGGESTION] = { "suggestion", "意见建议", suggestion_states,
	    { "办结" } },
	[KIND_PROBLEM] = { "problem", "问题", problem_states, { "复查销号" } },
	[KIND_RECORD] = { "record", "登记", record_states, { NULL } },
};

#define S ROLE_SUPERVISOR
#define R ROLE_REPORTER

const struct transition workflow_transitions[] = {
	{ KIND_PROJECT, "申报", "审核", "提交审核", R, 0, false },
	{ KIND_PROJECT, "审核", "入库", "审核入库", S, 0, false },
	{ KIND_PROJECT, "审核", "申报", "退回", S, WF_NOTE, false },
	{ KIND_PROJECT, "入库", "实施", "开工实施", R, 0, false },
	{ KIND_PROJECT, "入库", "退库", "退库", S, WF_NOTE, false },
	{ KIND_PROJECT, "实施", "完工", "完工", R, WF_DATE, true },
	{ KIND_PROJECT, "完工", "验收", "验收", S, WF_DATE | WF_RESULT, false },
	{ KIND_PROJECT, "验收", "绩效评价", "绩效评价", S, WF_RESULT, false },
	{ KIND_PROJECT, NULL, "终止", "终止", S, WF_NOTE, false },

	{ KIND_TASK, "交办", "签收", "签收", R, 0, false },
	{ KIND_TASK, "签收", "办理中", "开始办理", R, 0, false },
	{ KIND_TASK, "交办", "办理中", "开始办理", R, 0, false },
	{ KIND_TASK, "办理中", "申请办结", "申请办结", R, WF_NOTE, false },
	{ KIND_TASK, "申请办结", "已办结", "办结销号", S, 0, true },
	{ KIND_TASK, "申请办结", "办理中", "退回", S, WF_NOTE, false },

	{ KIND_NEED, "提出", "认领", "认领", R, 0, false },
	{ KIND_NEED, "认领", "已立项", "立项", S, 0, false },
	{ KIND_NEED, "已立项", "已满足", "确认满足", S, 0, true },
	{ KIND_NEED, "提出", "不予支持", "不予支持", S, WF_NOTE, false },
	{ KIND_NEED, "认领", "不予支持", "不予支持", S, WF_NOTE, false },

	{ KIND_SUGGESTION, "受理", "分办", "分办", S, 0, false },
	{ KIND_SUGGESTION, "分办", "办理", "开始办理", R, 0, false },
	{ KIND_SUGGESTION, "办理", "答复", "答复", R, WF_REPLY, false },
	{ KIND_SUGGESTION, "答复", "回访", "回访", S, WF_RESULT, false },
	{ KIND_SUGGESTION, "回访", "办结", "办结", S, 0, true },
	{ KIND_SUGGESTION, "答复", "办理", "退回重办", S, WF_NOTE, false },

	{ KIND_PROBLEM, "发现", "整改中", "开始整改", S, 0, false },
	{ KIND_PROBLEM, "整改中", "整改完成", "整改完成", R, WF_NOTE, false },
	{ KIND_PROBLEM, "整改完成", "复查销号", "复查销号", S, 0, true },
	{ KIND_PROBLEM, "整改完成", "整改中", "退回整改", S, WF_NOTE, false },
};
const int workflow_ntransitions = (int)NELEM(workflow_transitions);

#undef S
#undef R

enum ledger_kind
workflow_kind_parse(const char *s)
{
	size_t i;

	for (i = 1; i < NELEM(kinds); i++)
		if (strcmp(s, kinds[i].name) == 0)
			return (enum ledger_kind)i;
	return KIND_NONE;
}

const char *
workflow_kind_name(enum ledger_kind k)
{
	return k < NELEM(kinds) ? kinds[k].name : "";
}

const char *
workflow_kind_label(enum ledger_kind k)
{
	return k < NELEM(kinds) ? kinds[k].label : "";
}

const char *
workflow_initial(enum ledger_kind k)
{
	return k > KIND_NONE && k < NELEM(kinds) ? kinds[k].states[0] : "";
}

const char *const *
workflow_states(enum ledger_kind k)
{
	static const char *const none[] = { NULL };

	return k > KIND_NONE && k < NELEM(kinds) ? kinds[k].states : none;
}

bool
workflow_state_valid(enum ledger_kind k, const char *s)
{
	const char *const *st;

	for (st = workflow_states(k); *st; st++)
		if (strcmp(*st, s) == 0)
			return true;
	return false;
}

bool
workflow_final(enum ledger_kind k, const char *s)
{
	size_t i;

	if (k <= KIND_NONE || k >= NELEM(kinds))
		return false;
	for (i = 0; i < NELEM(kinds[k].final) && kinds[k].final[i]; i++)
		if (strcmp(kinds[k].final[i], s) == 0)
			return true;
	return false;
}

const struct transition *
workflow_find(enum ledger_kind k, const char *from, const char *to)
{
	int i;

	for (i = 0; i < workflow_ntransitions; i++) {
		const struct transition *t = &workflow_transitions[i];
		if (t->kind != k || strcmp(t->to, to) != 0)
			continue;
		if (t->from ? strcmp(t->from, from) == 0 :
		    !workflow_final(k, from) && strcmp(from, to) != 0)
			return t;
	}
	return NULL;
}
