#include <stdio.h>
#include <string.h>

#include "date.h"
#include "ledger.h"
#include "money.h"
#include "util.h"

static const struct {
	const char *key, *label;
} fields[] = {
	{ "seq", "序号" }, { "code", "编号" }, { "title", "名称" },
	{ "content", "内容" }, { "category", "类别" }, { "state", "状态" },
	{ "places", "实施地点" }, { "lead_unit", "责任单位" },
	{ "co_units", "协办单位" }, { "leader", "包保领导" },
	{ "leader_phone", "领导电话" }, { "responsible", "责任人" },
	{ "responsible_phone", "联系电话" }, { "start", "开始日期" },
	{ "deadline", "完成时限" }, { "completed", "完成日期" },
	{ "progress", "进度" }, { "progress_text", "形象进度" },
	{ "amount", "资金规模" }, { "paid", "已支付" },
	{ "households", "受益户数" }, { "persons", "受益人数" },
	{ "poor_households", "脱贫户数" }, { "monitored_households", "监测户数" },
	{ "targets", "绩效目标" }, { "funds", "资金来源" }, { "light", "督办灯" },
};

static const char *const custom_types[] = {
	"text", "number", "money", "date", "choice", "multichoice", "place",
	"unit", "person", "yesno", NULL
};

#define FUND_SOURCES "[\"中央财政\",\"省级财政\",\"市级财政\",\"县级财政\"," \
	"\"衔接资金\",\"整合资金\",\"部门资金\",\"社会捐助\",\"企业投入\"," \
	"\"群众自筹\",\"其他\"]"

/* The built-in templates, after the real ledgers of
 * ../shared/domain/ledger-templates.md. */
const struct ledger_template ledger_templates[] = {
	{ "project", "帮扶项目台账", KIND_PROJECT,
	    "{\"columns\":[\"seq\",\"code\",\"title\",\"category\",\"places\","
	    "\"content\",\"lead_unit\",\"responsible\",\"start\",\"deadline\","
	    "\"amount\",\"funds\",\"households\",\"poor_households\",\"targets\","
	    "\"state\",\"progress\",\"progress_text\",\"light\"],"
	    "\"required\":[\"title\",\"places\",\"lead_unit\",\"amount\"],"
	    "\"custom\":[{\"key\":\"nature\",\"name\":\"建设性质\",\"type\":"
	    "\"choice\",\"dict\":\"建设性质\"},{\"key\":\"mechanism\",\"name\":"
	    "\"联农带农机制\",\"type\":\"text\"}],"
	    "\"dicts\":{\"category\":[\"产业类\",\"基础设施类\",\"生活条件改善类\","
	    "\"教育帮扶类\",\"就业帮扶类\",\"公共服务类\",\"其他\"],"
	    "\"fund_source\":" FUND_SOURCES ",\"建设性质\":[\"新建\",\"续建\","
	    "\"改建\",\"维修\"]}}" },
	{ "task", "民生实事清单", KIND_TASK,
	    "{\"columns\":[\"seq\",\"code\",\"category\",\"title\",\"content\","
	    "\"lead_unit\",\"co_units\",\"leader\",\"responsible\","
	    "\"responsible_phone\",\"deadline\",\"progress\",\"progress_text\","
	    "\"state\",\"light\"],"
	    "\"required\":[\"title\",\"lead_unit\",\"deadline\"],"
	    "\"custom\":[],\"dicts\":{\"category\":[\"城建城管执法\",\"民生服务\","
	    "\"文教卫生\",\"信访维稳安全\",\"其他项目\"]}}" },
	{ "need", "村需求清单", KIND_NEED,
	    "{\"columns\":[\"seq\",\"places\",\"title\",\"content\",\"category\","
	    "\"amount\",\"households\",\"lead_unit\",\"state\"],"
	    "\"required\":[\"title\",\"places\"],"
	    "\"custom\":[{\"key\":\"proposer\",\"name\":\"提出人\",\"type\":"
	    "\"text\"},{\"key\":\"proposed_on\",\"name\":\"提出日期\",\"type\":"
	    "\"date\"}],\"dicts\":{\"category\":[\"道路交通\",\"饮水安全\","
	    "\"产业发展\",\"人居环境\",\"公共服务\",\"文化体育\",\"其他\"]}}" },
	{ "suggestion", "意见建议台账", KIND_SUGGESTION,
	    "{\"columns\":[\"seq\",\"code\",\"title\",\"content\",\"category\","
	    "\"lead_unit\",\"deadline\",\"state\",\"light\"],"
	    "\"required\":[\"title\",\"content\"],"
	    "\"custom\":[{\"key\":\"citizen\",\"name\":\"提出人\",\"type\":"
	    "\"person\"},{\"key\":\"citizen_phone\",\"name\":\"联系电话\","
	    "\"type\":\"text\"},{\"key\":\"channel\",\"name\":\"来源渠道\","
	    "\"type\":\"choice\",\"dict\":\"来源渠道\"},{\"key\":\"reply\","
	    "\"name\":\"答复内容\",\"type\":\"text\"},{\"key\":\"satisfaction\","
	    "\"name\":\"满意度\",\"type\":\"choice\",\"dict\":\"满意度\"}],"
	    "\"dicts\":{\"category\":[\"基础设施\",\"民生保障\",\"产业发展\","
	    "\"社会治理\",\"其他\"],\"来源渠道\":[\"座谈会\",\"走访\","
	    "\"12345热线\",\"网络留言\",\"信访\",\"意见箱\"],\"满意度\":"
	    "[\"满意\",\"基本满意\",\"不满意\"]}}" },
	{ "problem", "督查问题整改台账", KIND_PROBLEM,
	    "{\"columns\":[\"seq\",\"code\",\"title\",\"category\",\"places\","
	    "\"lead_unit\",\"responsible\",\"deadline\",\"progress_text\","
	    "\"state\",\"light\"],"
	    "\"required\":[\"title\",\"lead_unit\",\"deadline\"],"
	    "\"custom\":[{\"key\":\"found_by\",\"name\":\"发现单位\",\"type\":"
	    "\"text\"},{\"key\":\"measures\",\"name\":\"整改措施\",\"type\":"
	    "\"text\"}],\"dicts\":{\"category\":[\"政策落实\",\"资金管理\","
	    "\"项目建设\",\"作风建设\",\"其他\"]}}" },
	{ "red_site", "红色遗址登记", KIND_RECORD,
	    "{\"columns\":[\"seq\",\"title\",\"places\",\"content\",\"category\"],"
	    "\"required\":[\"title\",\"places\"],"
	    "\"custom\":[{\"key\":\"level\",\"name\":\"保护级别\",\"type\":"
	    "\"choice\",\"dict\":\"保护级别\"}],\"dicts\":{\"category\":"
	    "[\"重要机构旧址\",\"重要事件和战斗遗址\",\"名人故居\",\"烈士墓\","
	    "\"纪念设施\",\"其他\"],\"保护级别\":[\"全国重点文物保护单位\","
	    "\"省级文物保护单位\",\"市级文物保护单位\",\"县级文物保护单位\","
	    "\"尚未核定\"]}}" },
	{ "research", "调研报告登记", KIND_RECORD,
	    "{\"columns\":[\"seq\",\"title\",\"lead_unit\",\"completed\","
	    "\"content\"],\"required\":[\"title\"],"
	    "\"custom\":[{\"key\":\"award\",\"name\":\"获奖情况\",\"type\":"
	    "\"text\"},{\"key\":\"adopted\",\"name\":\"是否被采纳\",\"type\":"
	    "\"yesno\"}],\"dicts\":{}}" },
	{ "publicity", "宣传报道登记", KIND_RECORD,
	    "{\"columns\":[\"seq\",\"title\",\"completed\",\"category\"],"
	    "\"required\":[\"title\"],"
	    "\"custom\":[{\"key\":\"media\",\"name\":\"媒体\",\"type\":\"text\"},"
	    "{\"key\":\"media_level\",\"name\":\"媒体级别\",\"type\":\"choice\","
	    "\"dict\":\"媒体级别\"}],\"dicts\":{\"category\":[\"老区建设\","
	    "\"红色文化\",\"老促会工作\"],\"媒体级别\":[\"国家级\",\"省级\","
	    "\"市级\",\"县级\"]}}" },
};
const int ledger_ntemplates = (int)NELEM(ledger_templates);

const struct ledger_template *
ledger_template_find(const char *key)
{
	int i;

	for (i = 0; key && i < ledger_ntemplates; i++)
		if (strcmp(ledger_templates[i].key, key) == 0)
			return &ledger_templates[i];
	return NULL;
}

const char *
ledger_field_label(const char *key)
{
	size_t i;

	for (i = 0; i < NELEM(fields); i++)
		if (strcmp(fields[i].key, key) == 0)
			return fields[i].label;
	return NULL;
}

json_t *
ledger_config_default(enum ledger_kind k, const char *tmpl)
{
	const struct ledger_template	*t;
	int				 i;

	if ((t = ledger_template_find(tmpl)) == NULL)
		for (i = 0; i < ledger_ntemplates; i++)
			if (ledger_templates[i].kind == k) {
				t = &ledger_templates[i];
				break;
			}
	if (t == NULL)
		xdie("no template for kind %d", (int)k);
	return json_loads(t->config, 0, NULL);
}

static bool
ledger_strings(json_t *a)
{
	size_t	i;
	json_t	*v;

	if (!json_is_array(a))
		return false;
	json_array_foreach(a, i, v)
		if (!json_is_string(v) || json_string_length(v) == 0 ||
		    json_string_length(v) > 200)
			return false;
	return true;
}

const char *
ledger_config_invalid(json_t *cfg, char *msg, size_t sz)
{
	json_t		*cols, *req, *custom, *dicts, *v, *f;
	const char	*key, *type, *dict;
	size_t		 i, k;

	if (!json_is_object(cfg))
		return "「栏目设置」应为对象";
	cols = json_object_get(cfg, "columns");
	req = json_object_get(cfg, "required");
	custom = json_object_get(cfg, "custom");
	dicts = json_object_get(cfg, "dicts");
	if (!ledger_strings(cols) || json_array_size(cols) > 64)
		return "「显示栏目」应为字段名列表";
	json_array_foreach(cols, i, v)
		if (ledger_field_label(json_string_value(v)) == NULL) {
			snprintf(msg, sz, "「显示栏目」中的 %s 不是内置字段",
			    json_string_value(v));
			return msg;
		}
	if (req && !ledger_strings(req))
		return "「必填字段」应为字段名列表";
	json_array_foreach(req, i, v)
		if (ledger_field_label(json_string_value(v)) == NULL) {
			snprintf(msg, sz, "「必填字段」中的 %s 不是内置字段",
			    json_string_value(v));
			return msg;
		}
	if (dicts && !json_is_object(dicts))
		return "「字典」应为对象";
	json_object_foreach(dicts, key, v)
		if (!ledger_strings(v) || json_array_size(v) > 500) {
			snprintf(msg, sz, "字典「%s」应为不超过500项的文字列表", key);
			return msg;
		}
	if (custom && (!json_is_array(custom) || json_array_size(custom) > 64))
		return "「自定义字段」应为不超过64项的列表";
	json_array_foreach(custom, i, f) {
		key = json_string_value(json_object_get(f, "key"));
		type = json_string_value(json_object_get(f, "type"));
		dict = json_string_value(json_object_get(f, "dict"));
		if (!json_is_object(f) || key == NULL || *key == '\0' ||
		    strlen(key) > 40 ||
		    !json_is_string(json_object_get(f, "name")))
			return "每个自定义字段须有 key 和 name";
		for (k = 0; custom_types[k]; k++)
			if (type && strcmp(type, custom_types[k]) == 0)
				break;
		if (custom_types[k] == NULL) {
			snprintf(msg, sz, "自定义字段「%s」的类型应为 text、number、"
			    "money、date、choice、multichoice、place、unit、person "
			    "或 yesno", json_string_value(json_object_get(f,
			    "name")));
			return msg;
		}
		if ((strcmp(type, "choice") == 0 ||
		    strcmp(type, "multichoice") == 0) &&
		    (dict == NULL || !json_is_array(json_object_get(dicts,
		    dict)))) {
			snprintf(msg, sz, "自定义字段「%s」须指定已有的字典",
			    json_string_value(json_object_get(f, "name")));
			return msg;
		}
		for (k = 0; k < i; k++)
			if (strcmp(key, json_string_value(json_object_get(
			    json_array_get(custom, k), "key"))) == 0) {
				snprintf(msg, sz, "自定义字段 key「%s」重复", key);
				return msg;
			}
	}
	return NULL;
}

bool
ledger_required(const struct ledger *l, const char *key)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(l->config, "required"), i, v)
		if (strcmp(json_string_value(v), key) == 0)
			return true;
	return false;
}

json_t *
ledger_dict(const struct ledger *l, const char *name)
{
	json_t *d = json_object_get(json_object_get(l->config, "dicts"), name);

	return json_is_array(d) ? d : NULL;
}

bool
ledger_dict_has(const struct ledger *l, const char *name, const char *value)
{
	json_t	*d, *v;
	size_t	 i;

	if ((d = ledger_dict(l, name)) == NULL || json_array_size(d) == 0)
		return true;
	json_array_foreach(d, i, v)
		if (strcmp(json_string_value(v), value) == 0)
			return true;
	return false;
}

/* One custom value against its field; NULL if fine. */
static const char *
ledger_custom_value(const struct ledger *l, json_t *f, json_t *v, char *msg,
    size_t sz)
{
	const char	*name = json_string_value(json_object_get(f, "name"));
	const char	*type = json_string_value(json_object_get(f, "type"));
	const char	*dict = json_string_value(json_object_get(f, "dict"));
	json_t		*x;
	size_t		 i;
	int32_t		 day;
	int64_t		 fen;
	char		 code[PLACE_CODE_MAX];

	if (strcmp(type, "number") == 0) {
		if (!json_is_number(v))
			goto bad;
	} else if (strcmp(type, "yesno") == 0) {
		if (!json_is_boolean(v))
			goto bad;
	} else if (strcmp(type, "unit") == 0) {
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			goto bad;
	} else if (strcmp(type, "multichoice") == 0) {
		if (!json_is_array(v) || json_array_size(v) > 100)
			goto bad;
		json_array_foreach(v, i, x)
			if (!json_is_string(x) ||
			    !ledger_dict_has(l, dict, json_string_value(x))) {
				snprintf(msg, sz, "「%s」的选项「%s」不在字典中",
				    name, json_is_string(x) ?
				    json_string_value(x) : "?");
				return msg;
			}
	} else {
		if (!json_is_string(v) || json_string_length(v) > 2000)
			goto bad;
		if (strcmp(type, "date") == 0 &&
		    date_parse(json_string_value(v), &day) == -1) {
			snprintf(msg, sz, "「%s」应为日期,如 2025-06-30", name);
			return msg;
		}
		if (strcmp(type, "money") == 0 &&
		    money_parse_yuan(json_string_value(v), &fen) == -1) {
			snprintf(msg, sz, "「%s」应为以元计的金额,如 \"12345.67\"",
			    name);
			return msg;
		}
		if (strcmp(type, "place") == 0 &&
		    place_code_norm(json_string_value(v), code) == -1) {
			snprintf(msg, sz, "「%s」应为区划代码", name);
			return msg;
		}
		if (strcmp(type, "choice") == 0 &&
		    !ledger_dict_has(l, dict, json_string_value(v))) {
			snprintf(msg, sz, "「%s」的值「%s」不在字典中", name,
			    json_string_value(v));
			return msg;
		}
	}
	return NULL;
bad:
	snprintf(msg, sz, "「%s」的值类型不对", name);
	return msg;
}

const char *
ledger_custom_invalid(const struct ledger *l, json_t *custom, char *msg,
    size_t sz, const char **field)
{
	json_t		*cfields, *f, *v;
	const char	*key, *why;
	size_t		 i;
	bool		 known;

	*field = "custom";
	if (custom && !json_is_object(custom))
		return "「自定义字段」应为对象";
	cfields = json_object_get(l->config, "custom");
	json_array_foreach(cfields, i, f) {
		key = json_string_value(json_object_get(f, "key"));
		v = custom ? json_object_get(custom, key) : NULL;
		if (v == NULL || json_is_null(v) || (json_is_string(v) &&
		    json_string_length(v) == 0)) {
			if (json_is_true(json_object_get(f, "required"))) {
				*field = key;
				snprintf(msg, sz, "「%s」不能为空",
				    json_string_value(json_object_get(f, "name")));
				return msg;
			}
			continue;
		}
		if ((why = ledger_custom_value(l, f, v, msg, sz)) != NULL) {
			*field = key;
			return why;
		}
	}
	/* no keys the ledger does not define */
	json_object_foreach(custom, key, v) {
		known = false;
		json_array_foreach(cfields, i, f)
			if (strcmp(key, json_string_value(json_object_get(f,
			    "key"))) == 0)
				known = true;
		if (!known) {
			*field = key;
			snprintf(msg, sz, "本台账没有自定义字段「%s」", key);
			return msg;
		}
	}
	return NULL;
}

void
ledger_free(struct ledger *l)
{
	json_decref(l->config);
	l->config = NULL;
}
