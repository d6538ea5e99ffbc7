/*
 * taizhang demo [--db F]
 * Load the project's demo fixture (data/demo.json, built into the
 * binary): the 永济市 old-area association with its member departments,
 * towns and old-area villages, some 南岗区 departments, demo users, and
 * the fixture's ledgers with their items (2024 projects, one per
 * department investment; the 2025 plan; village needs; inspection
 * problems; the 116 民生实事; suggestions from the public).
 *
 * Ledgers and items go through the API's handlers (api_ledger_create,
 * api_item_create) on requests built by hand, as the first admin: the
 * demo obeys the rules a user does, and each write is audited.
 *
 * Once per store: meta "demo" is "1" when the units are in and "2" when
 * everything is.  A run on a store at "1" (an interrupted run, or an
 * older demo) adds only what is missing, found by name.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "cmd.h"
#include "date.h"
#include "money.h"
#include "req.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

extern const char demo_json[];

static const char usage_text[] =
    "用法: taizhang demo [--db 文件]\n"
    "导入演示数据:永济市老促会、理事单位和乡镇、老区村,南岗区部门,\n"
    "演示用户,以及帮扶项目、需求、问题整改、民生实事和意见建议台账。\n"
    "需先运行 taizhang places load;每个数据库只导入一次。\n";

struct demo_unit {
	const char	*key;
	int64_t		 id;
};

struct demo {
	struct store		*st;
	json_t			*d;		/* the fixture */
	struct demo_unit	*map;		/* unit keys to ids */
	size_t			 nmap;
	struct user		*admin;		/* who creates the ledgers */
	int32_t			 shift;		/* days added to live dates */
	int			 ledgers, items;	/* created */
};

/* An existing unit, to find the fixture's by name and parent. */
struct demo_have {
	int64_t	id, parent_id;
	char	name[UNIT_NAME_MAX];
};

struct demo_haves {
	struct demo_have	*v;
	size_t			 n, cap;
};

static int64_t
demo_unit_id(const struct demo *dm, const char *key)
{
	size_t i;

	for (i = 0; key && i < dm->nmap; i++)
		if (strcmp(dm->map[i].key, key) == 0)
			return dm->map[i].id;
	return 0;
}

static const char *
demo_str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static int
demo_have_add(const struct unit *u, void *arg)
{
	struct demo_haves *h = arg;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->v = xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	h->v[h->n].id = u->id;
	h->v[h->n].parent_id = u->parent_id;
	util_strlcpy(h->v[h->n++].name, u->name, UNIT_NAME_MAX);
	return 0;
}

/* The fixture's units: the existing ones by name under the same parent,
 * the others created.  In the caller's transaction. */
static int
demo_units(struct demo *dm, size_t *created)
{
	struct demo_haves	 have = { NULL, 0, 0 };
	struct unit		 u;
	json_t			*o;
	size_t			 i, k;
	char			 id[32];
	int			 rc = 0;

	if (store_unit_list(dm->st, demo_have_add, &have) != STORE_OK) {
		rc = cmd_fail("demo", "无法读取单位");
		goto out;
	}
	json_array_foreach(json_object_get(dm->d, "units"), i, o) {
		memset(&u, 0, sizeof(u));
		util_strlcpy(u.name, demo_str(o, "name"), sizeof(u.name));
		util_strlcpy(u.kind, demo_str(o, "kind"), sizeof(u.kind));
		util_strlcpy(u.place_code, demo_str(o, "place"),
		    sizeof(u.place_code));
		u.parent_id = demo_unit_id(dm, json_string_value(
		    json_object_get(o, "parent")));
		dm->map[dm->nmap].key = demo_str(o, "key");
		for (k = 0; k < have.n; k++)
			if (have.v[k].parent_id == u.parent_id &&
			    strcmp(have.v[k].name, u.name) == 0)
				break;
		if (k < have.n) {
			dm->map[dm->nmap++].id = have.v[k].id;
			continue;
		}
		if (store_unit_add(dm->st, &u) != STORE_OK) {
			rc = cmd_fail("demo", "无法创建单位 %s", u.name);
			goto out;
		}
		snprintf(id, sizeof(id), "%lld", (long long)u.id);
		if (store_audit_add(dm->st, &cmd_actor, "create", "unit", id,
		    NULL, u.name) != STORE_OK) {
			rc = cmd_fail("demo", "无法记录操作日志");
			goto out;
		}
		dm->map[dm->nmap++].id = u.id;
		(*created)++;
	}
out:
	free(have.v);
	return rc;
}

/* Mark the old-area villages not marked yet, counting them in *marked.
 * In the caller's transaction. */
static int
demo_places(struct demo *dm, size_t *marked)
{
	json_t		*o;
	size_t		 i;
	struct place	 p;
	const char	*code, *cls;

	json_array_foreach(json_object_get(dm->d, "old_area_places"), i, o) {
		code = demo_str(o, "code");
		cls = demo_str(o, "class");
		if (store_place_get(dm->st, code, &p) != STORE_OK)
			return cmd_fail("demo", "区划 %s 不存在(请先运行 "
			    "taizhang places load)", code);
		if (strcmp(p.old_area_class, cls) == 0)
			continue;
		if (store_place_set_class(dm->st, code, cls) != STORE_OK ||
		    store_audit_add(dm->st, &cmd_actor, "update", "place", code,
		    NULL, cls) != STORE_OK)
			return cmd_fail("demo", "无法标记老区村 %s", code);
		(*marked)++;
	}
	return 0;
}

/* The fixture's users that do not exist yet. */
static int
demo_users(struct demo *dm)
{
	json_t		*o, *v;
	size_t		 i, k;
	struct user	*u;
	char		 gen[17];
	int		 rc = 0;

	u = xcalloc(1, sizeof(*u));
	json_array_foreach(json_object_get(dm->d, "users"), i, o) {
		if (store_user_by_login(dm->st, demo_str(o, "login"), u,
		    NULL) == STORE_OK)
			continue;
		memset(u, 0, sizeof(*u));
		util_strlcpy(u->login, demo_str(o, "login"), sizeof(u->login));
		util_strlcpy(u->name, demo_str(o, "name"), sizeof(u->name));
		u->role = role_parse(demo_str(o, "role"));
		json_array_foreach(json_object_get(o, "units"), k, v) {
			u->memb[u->nmemb].role = u->role;
			u->memb[u->nmemb].is_main = u->nmemb == 0;
			u->memb[u->nmemb++].unit_id = demo_unit_id(dm,
			    json_string_value(v));
		}
		json_array_foreach(json_object_get(o, "regions"), k, v) {
			u->memb[u->nmemb].role = u->role;
			util_strlcpy(u->memb[u->nmemb++].region,
			    json_string_value(v), PLACE_CODE_MAX);
		}
		/* cmd_user_create runs its own transaction */
		if ((rc = cmd_user_create(dm->st, u, NULL, gen)) != 0)
			break;
		printf("演示用户 %-10s %s(%s) 密码:%s\n", u->login, u->name,
		    role_label(u->role), gen);
	}
	free(u);
	return rc;
}

/* POST body to pattern as the demo's admin, :id = id (or none). */
static int
demo_call(struct demo *dm, const char *pattern, const char *id, json_t *body,
    json_t **out)
{
	char	*text;
	int	 status;

	if ((text = json_dumps(body, JSON_COMPACT)) == NULL)
		xdie("json_dumps");
	status = cmd_api_call(dm->st, dm->admin, "POST", pattern, id, NULL, 0,
	    text, false, out);
	free(text);
	return status;
}

/* "1449" or "0.35" 万元 into out as 元 ("14490000.00"); -1 if not
 * such a number (at most 4 decimals: 1 元). */
static int
demo_yuan(const char *wan, char *out, size_t sz)
{
	int64_t		v = 0;
	int		frac = -1;
	const char	*p;

	if (*wan == '\0')
		return -1;
	for (p = wan; *p; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || v > INT64_MAX / 1000000000 ||
		    (frac >= 0 && ++frac > 4))
			return -1;
		v = v * 10 + (*p - '0');
	}
	for (frac = frac < 0 ? 0 : frac; frac < 6; frac++)
		v *= 10;			/* to fen: 1 万元 = 10^6 分 */
	money_fmt_yuan(v, out, sz);
	return 0;
}

/* fen as 万元 with up to 4 decimals (whole 元). */
static void
demo_wan(int64_t fen, char *out, size_t sz)
{
	int64_t	yuan = fen / 100;
	size_t	n;

	snprintf(out, sz, "%lld.%04lld", (long long)(yuan / 10000),
	    (long long)(yuan % 10000));
	n = strlen(out);
	while (out[n - 1] == '0')
		out[--n] = '\0';
	if (out[n - 1] == '.')
		out[n - 1] = '\0';
}

/* The date s moved by the demo's shift, into body[key]. */
static int
demo_date(struct demo *dm, json_t *body, const char *key, const char *s)
{
	int32_t	day;
	char	b[16];

	if (date_parse(s, &day) == -1)
		return -1;
	date_fmt(day + dm->shift, b, sizeof(b));
	json_object_set_new(body, key, json_string(b));
	return 0;
}

/*
 * The API body of a fixture item: "lead" (a unit key) becomes
 * lead_unit_id, "amount_wan" amount in 元, "fund_source"/"fund_kind"
 * one fund line of the whole amount from the lead unit; the dates of a
 * live ledger move by the shift; the rest is passed as it stands.
 * NULL after printing why.
 */
static json_t *
demo_body(struct demo *dm, json_t *src, bool live)
{
	json_t		*body, *v;
	const char	*key;
	char		 yuan[32];
	int64_t		 lead = 0;

	body = json_object();
	json_object_foreach(src, key, v) {
		if (strcmp(key, "lead") == 0) {
			if ((lead = demo_unit_id(dm, json_string_value(v))) == 0)
				goto bad;
			json_object_set_new(body, "lead_unit_id",
			    json_integer(lead));
		} else if (strcmp(key, "amount_wan") == 0) {
			if (demo_yuan(demo_str(src, key), yuan, sizeof(yuan)) == -1)
				goto bad;
			json_object_set_new(body, "amount", json_string(yuan));
		} else if (live && (strcmp(key, "start") == 0 ||
		    strcmp(key, "deadline") == 0 ||
		    strcmp(key, "completed") == 0)) {
			if (demo_date(dm, body, key, demo_str(src, key)) == -1)
				goto bad;
		} else if (strcmp(key, "fund_source") != 0 &&
		    strcmp(key, "fund_kind") != 0)
			json_object_set(body, key, v);
	}
	if (json_object_get(src, "fund_kind"))
		json_object_set_new(body, "funds", json_pack("[{s:s, s:s, s:O, "
		    "s:I}]", "source", demo_str(src, "fund_source"), "kind",
		    demo_str(src, "fund_kind"), "amount", json_object_get(body,
		    "amount"), "unit_id", (json_int_t)lead));
	return body;
bad:
	cmd_fail("demo", "演示数据有误:事项「%s」的 %s", demo_str(src, "title"),
	    key);
	json_decref(body);
	return NULL;
}

/* One project per investment of the fixture (year 2024). */
static json_t *
demo_investments(struct demo *dm)
{
	json_t		*out, *o, *it;
	struct unit	 u;
	size_t		 i;
	char		*title;

	out = json_array();
	json_array_foreach(json_object_get(dm->d, "investments"), i, o) {
		if (store_unit_get(dm->st, demo_unit_id(dm, demo_str(o, "unit")),
		    &u) != STORE_OK) {
			cmd_fail("demo", "演示数据有误:投资单位 %s 不存在",
			    demo_str(o, "unit"));
			json_decref(out);
			return NULL;
		}
		title = xasprintf("%s:%s", u.name, demo_str(o, "purpose"));
		it = json_deep_copy(o);
		json_object_set_new(it, "title", json_string(title));
		json_object_set(it, "lead", json_object_get(o, "unit"));
		json_object_set(it, "places", json_object_get(o, "villages"));
		json_object_del(it, "unit");
		json_object_del(it, "villages");
		json_object_del(it, "purpose");
		json_object_del(it, "year");
		json_array_append_new(out, it);
		free(title);
	}
	return out;
}

/* The 民生实事 items must match the task summary: its total and the
 * count of each category. */
static int
demo_task_counts(struct demo *dm, json_t *items)
{
	json_t	*tasks = json_object_get(dm->d, "tasks"), *c, *it;
	size_t	 i, k;
	int64_t	 n;

	if ((int64_t)json_array_size(items) != json_integer_value(
	    json_object_get(tasks, "total")))
		return cmd_fail("demo", "演示数据有误:民生实事应有 %lld 件",
		    (long long)json_integer_value(json_object_get(tasks,
		    "total")));
	json_array_foreach(json_object_get(tasks, "categories"), i, c) {
		n = 0;
		json_array_foreach(items, k, it)
			if (strcmp(demo_str(it, "category"),
			    demo_str(c, "name")) == 0)
				n++;
		if (n != json_integer_value(json_object_get(c, "count")))
			return cmd_fail("demo", "演示数据有误:「%s」应有 %lld 件",
			    demo_str(c, "name"), (long long)json_integer_value(
			    json_object_get(c, "count")));
	}
	return 0;
}

struct demo_found {
	const char	*name;
	int64_t		 id;
};

static int
demo_ledger_find(const struct ledger *l, void *arg)
{
	struct demo_found *f = arg;

	if (strcmp(l->name, f->name) != 0)
		return 0;
	f->id = l->id;
	return -1;
}

/* Print the tally of a created ledger. */
static void
demo_report(const char *name, int64_t id, size_t n, int64_t fen,
    const int lights[4], int warnings)
{
	char wan[32];

	printf("台账「%s」(编号 %lld):事项 %zu 个", name, (long long)id, n);
	if (fen) {
		demo_wan(fen, wan, sizeof(wan));
		printf(",资金 %s 万元", wan);
	}
	printf(",灯 红%d 黄%d 蓝%d 灰%d", lights[LIGHT_RED],
	    lights[LIGHT_YELLOW], lights[LIGHT_BLUE], lights[LIGHT_GREY]);
	if (warnings)
		printf(",重复建设提醒 %d 条", warnings);
	printf("\n");
}

/* Create ledger l of the fixture and its items, unless it exists. */
static int
demo_ledger(struct demo *dm, json_t *l)
{
	struct demo_found	 f = { demo_str(l, "name"), 0 };
	json_t			*items = NULL, *body = NULL, *reply = NULL, *it, *w;
	const char		*key = demo_str(l, "key");
	bool			 live = json_is_true(json_object_get(l, "live"));
	char			 id[32];
	int64_t			 fen, sum = 0, have;
	size_t			 i, k;
	int			 status, lights[4] = { 0 }, warnings = 0, rc = 1;

	if (strcmp(demo_str(l, "items_from"), "investments") == 0) {
		if ((items = demo_investments(dm)) == NULL)
			return 1;
	} else if ((items = json_incref(json_object_get(l, "items"))) == NULL)
		return cmd_fail("demo", "演示数据有误:台账「%s」没有事项", f.name);
	if (strcmp(key, "tasks") == 0 && demo_task_counts(dm, items) != 0)
		goto out;
	if (store_ledger_list(dm->st, demo_ledger_find, &f) != STORE_OK) {
		cmd_fail("demo", "无法读取台账");
		goto out;
	}
	if (f.id) {
		have = store_ledger_item_count(dm->st, f.id);
		if (have != (int64_t)json_array_size(items)) {
			cmd_fail("demo", "台账「%s」已存在但有 %lld 个事项(应为 %zu "
			    "个),上次导入可能中断,请用新的数据库重新导入", f.name,
			    (long long)have, json_array_size(items));
			goto out;
		}
		printf("台账「%s」已存在,未重复导入\n", f.name);
		rc = 0;
		goto out;
	}

	body = json_pack("{s:s, s:s, s:I, s:O}", "template",
	    demo_str(l, "template"), "name", f.name, "owner_unit_id",
	    (json_int_t)demo_unit_id(dm, demo_str(l, "owner")), "region",
	    json_object_get(l, "region"));
	if (json_object_get(l, "year"))
		json_object_set(body, "year", json_object_get(l, "year"));
	if ((status = demo_call(dm, "/api/v1/ledgers", NULL,
	    body, &reply)) != 201) {
		cmd_fail("demo", "无法建立台账「%s」:%s", f.name, cmd_api_why(reply));
		goto out;
	}
	f.id = json_integer_value(json_object_get(reply, "id"));
	snprintf(id, sizeof(id), "%lld", (long long)f.id);
	dm->ledgers++;
	json_decref(body);
	json_decref(reply);
	body = reply = NULL;

	json_array_foreach(items, i, it) {
		if ((body = demo_body(dm, it, live)) == NULL)
			goto out;
		if ((status = demo_call(dm,
		    "/api/v1/ledgers/:id/items", id, body, &reply)) != 201) {
			cmd_fail("demo", "台账「%s」第%zu项「%s」未能保存:%s", f.name,
			    i + 1, demo_str(it, "title"), cmd_api_why(reply));
			goto out;
		}
		if (money_parse_yuan(demo_str(reply, "amount"), &fen) == 0)
			sum += fen;
		lights[light_parse(demo_str(reply, "light")) < 0 ? LIGHT_BLUE :
		    light_parse(demo_str(reply, "light"))]++;
		json_array_foreach(json_object_get(reply, "warnings"), k, w) {
			printf("  重复建设提醒:「%s」与事项 %lld「%s」%s\n",
			    demo_str(reply, "title"), (long long)json_integer_value(
			    json_object_get(w, "item_id")), demo_str(w, "title"),
			    demo_str(w, "reason"));
			warnings++;
		}
		dm->items++;
		json_decref(body);
		json_decref(reply);
		body = reply = NULL;
	}
	demo_report(f.name, f.id, json_array_size(items), sum, lights, warnings);
	rc = 0;
out:
	json_decref(items);
	json_decref(body);
	json_decref(reply);
	return rc;
}

/* The ledgers of the fixture, as the first admin. */
static int
demo_ledgers(struct demo *dm)
{
	json_t		*l;
	size_t		 i;
	int32_t		 asof;

	dm->admin = xcalloc(1, sizeof(*dm->admin));
	if (cmd_acting_user("demo", dm->st, NULL, dm->admin) != 0)
		return 1;
	if (date_parse(demo_str(dm->d, "live_as_of"), &asof) == -1)
		return cmd_fail("demo", "演示数据有误:live_as_of");
	dm->shift = date_today() - asof;
	json_array_foreach(json_object_get(dm->d, "ledgers"), i, l)
		if (demo_ledger(dm, l) != 0)
			return 1;
	return 0;
}

int
cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct demo	 dm;
	json_error_t	 e;
	const char	*db = cmd_default_db();
	char		 flag[8] = "";
	size_t		 created = 0, marked = 0;
	int		 c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("demo", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("demo", "多余的参数 '%s'", argv[optind]);
	memset(&dm, 0, sizeof(dm));
	if ((dm.st = cmd_open("demo", db, false)) == NULL)
		return 1;
	if (store_meta_get(dm.st, "demo", flag, sizeof(flag)) == STORE_OK &&
	    strcmp(flag, "2") == 0) {
		printf("演示数据已导入过,未重复导入\n");
		rc = 0;
		goto out;
	}
	if ((dm.d = json_loads(demo_json, 0, &e)) == NULL) {
		cmd_fail("demo", "演示数据损坏:第%d行 %s", e.line, e.text);
		goto out;
	}
	dm.map = xcalloc(json_array_size(json_object_get(dm.d, "units")) + 1,
	    sizeof(*dm.map));
	if (store_begin(dm.st, true) == -1) {
		cmd_fail("demo", "数据库忙,请稍后重试");
		goto out;
	}
	if (demo_units(&dm, &created) != 0 || demo_places(&dm, &marked) != 0 ||
	    (flag[0] == '\0' && store_meta_set(dm.st, "demo", "1") !=
	    STORE_OK) || store_commit(dm.st) == -1) {
		store_rollback(dm.st);
		goto out;
	}
	printf("已导入演示单位 %zu 个,标记老区村 %zu 个\n", created, marked);
	if (demo_users(&dm) != 0 || demo_ledgers(&dm) != 0)
		goto out;
	if (store_meta_set(dm.st, "demo", "2") != STORE_OK) {
		cmd_fail("demo", "无法记录导入状态");
		goto out;
	}
	printf("演示数据导入完成:新建台账 %d 个,事项 %d 个\n", dm.ledgers,
	    dm.items);
	rc = 0;
out:
	json_decref(dm.d);
	free(dm.map);
	free(dm.admin);
	store_close(dm.st);
	return rc;
}
