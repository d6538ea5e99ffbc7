/*
 * A deterministic province-sized store for the benchmark (issue 7):
 *
 *   gen_store --db URI --out DIR [--province 14] [--county 140881]
 *       [--items 1000000] [--updates 3] [--units 10000] [--seed N]
 *
 * The store must be migrated and hold the gazetteer (taizhang init,
 * taizhang places load).  It adds, from a fixed seed:
 *   - units: the province's 老促会, its departments, each city's and
 *     county's government and departments, each town's government, and
 *     cooperatives up to --units;
 *   - users (password BENCH_PASSWORD): a reporter per department and town
 *     unit, a supervisor per county (region) and one for the province;
 *   - 20 ledgers from the built-in templates (ledger_config_default):
 *     9 project, 4 task, 3 need, 2 problem, 2 suggestion, region the
 *     province;
 *   - --items items spread over the ledgers (item i in ledger i mod 20),
 *     at the villages of the province (one, sometimes two or three of a
 *     town, shares split by item_split_shares), led by a department of
 *     their county, some with the town as co-unit; item i is in a final
 *     state when i % 8 == 0 (bench/wrk/update.lua relies on it);
 *   - --updates progress updates per item on average (1 to 5), whose
 *     progress and payments are the item's progress and paid_fen.
 *
 * Units, users and ledgers go through the store's own functions; items,
 * their places and units and the updates through the statements of
 * sql.c (those of `taizhang copy` where the id is given), in
 * transactions of BATCH items, the connection in bulk mode.
 *
 * Writes to DIR: county-places.txt ("虞乡镇新源村", one per village of
 * the towns of --county) and county-units.txt (its departments) for bench/gen_sheet,
 * wrk-data.lua for the scripts in bench/wrk/, and store.env (shell variables).
 * Prints "RESULT key=value ..." last.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "item.h"
#include "ledger.h"
#include "store.h"
#include "store_audit.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"
#include "workflow.h"

#define BATCH		10000
#define BENCH_PASSWORD	"Bench-pass-2025"
#define NAME_MAX_	256

static const char *const stems[] = {
	"交通运输", "水利", "农业农村", "住房和城乡建设", "教育", "卫生健康",
	"民政", "人力资源和社会保障", "文化和旅游", "自然资源", "生态环境",
	"财政", "发展和改革", "乡村振兴", "商务", "工业和信息化",
	"市场监督管理", "应急管理", "林业", "退役军人事务", "审计", "统计",
	"体育", "医疗保障", "能源",
};
#define NSTEM	((int)NELEM(stems))

static const struct {
	const char		*tmpl;
	enum ledger_kind	 kind;
	int			 year;
	const char		*what;
} ledgers[] = {
	{ "project", KIND_PROJECT, 2017, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2018, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2019, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2020, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2021, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2022, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2023, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2024, "老区帮扶项目台账" },
	{ "project", KIND_PROJECT, 2025, "老区帮扶项目台账" },
	{ "task", KIND_TASK, 2022, "民生实事清单" },
	{ "task", KIND_TASK, 2023, "民生实事清单" },
	{ "task", KIND_TASK, 2024, "民生实事清单" },
	{ "task", KIND_TASK, 2025, "民生实事清单" },
	{ "need", KIND_NEED, 2023, "老区村需求清单" },
	{ "need", KIND_NEED, 2024, "老区村需求清单" },
	{ "need", KIND_NEED, 2025, "老区村需求清单" },
	{ "problem", KIND_PROBLEM, 2024, "督查问题整改台账" },
	{ "problem", KIND_PROBLEM, 2025, "督查问题整改台账" },
	{ "suggestion", KIND_SUGGESTION, 2024, "群众意见建议台账" },
	{ "suggestion", KIND_SUGGESTION, 2025, "群众意见建议台账" },
};
#define NLEDGER	((int)NELEM(ledgers))

static const char *const works[] = {
	"道路硬化", "饮水提升", "光伏电站", "产业大棚", "文化广场", "便民桥",
	"排水渠", "路灯安装", "卫生室改造", "养殖小区", "电商服务站",
	"污水管网",
};
static const char *const texts[] = {
	"完成前期手续,正在招标", "已开工,完成路基施工", "主体工程过半",
	"主体完工,正在附属工程", "完成验收准备", "资金已拨付到位",
	"群众反映良好,继续推进", "因雨季暂缓施工,已调整计划",
};
static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"赵", "黄", "周", "吴", "郭", "薛", "贾", "乔", "梁", "韩" };
static const char *const given[] = { "建国", "志强", "丽华", "晓东", "海燕",
	"文斌", "秀英", "国庆", "红梅", "永平", "建军", "春生" };
static const char *const natures[] = { "新建", "续建", "改建", "维修" };
static const char *const channels[] = { "座谈会", "走访", "12345热线",
	"网络留言", "信访", "意见箱" };

struct county {
	char	 code[PLACE_CODE_MAX];
	char	 name[PLACE_NAME_MAX];
	int64_t	 gov;			/* unit id */
	int64_t	 dept[NSTEM];		/* unit ids, 0: none */
	int	 ndept;
};

struct town {
	char	 code[PLACE_CODE_MAX];
	char	 name[PLACE_NAME_MAX];
	int	 county;
	int64_t	 gov;			/* unit id, 0: none */
};

struct village {
	char	 code[PLACE_CODE_MAX];
	char	*short_name;
	int	 town;
};

struct places {
	struct place	*v;
	size_t		 n, cap;
};

static struct store	*st;
static struct county	*counties;
static struct town	*towns;
static struct village	*villages;
static size_t		 ncounty, ntown, nvillage;
static int64_t		*reporter;	/* unit id -> user id (or 0) */
static int64_t		 nreporter;
static int64_t		 province_unit;
static unsigned long long seed = 20251123;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
die(const char *what)
{
	fprintf(stderr, "gen_store: %s: %s (%s)\n", what, db_msg(st),
	    store_engine(st));
	exit(1);
}

static void
check(enum store_rc rc, const char *what)
{
	if (rc != STORE_OK)
		die(what);
}

static int
collect(const struct place *p, void *arg)
{
	struct places *ps = arg;

	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 64;
		ps->v = xrealloc(ps->v, ps->cap * sizeof(*ps->v));
	}
	ps->v[ps->n++] = *p;
	return 0;
}

/* The children of code, into a new array. */
static struct places
children(const char *code)
{
	struct places ps = { NULL, 0, 0 };

	check(store_place_children(st, code, collect, &ps), "places");
	return ps;
}

/* Counties, towns and villages of the province, in code order. */
static void
load_places(const char *province)
{
	struct places	 cities, cs, ts, vs;
	size_t		 i, j, k, l, cap_c = 0, cap_t = 0, cap_v = 0;

	cities = children(province);
	for (i = 0; i < cities.n; i++) {
		cs = children(cities.v[i].code);
		for (j = 0; j < cs.n; j++) {
			if (cs.v[j].level != 3)
				continue;
			if (ncounty == cap_c) {
				cap_c = cap_c ? 2 * cap_c : 128;
				counties = xrealloc(counties, cap_c *
				    sizeof(*counties));
			}
			memset(&counties[ncounty], 0, sizeof(*counties));
			util_strlcpy(counties[ncounty].code, cs.v[j].code,
			    PLACE_CODE_MAX);
			util_strlcpy(counties[ncounty].name, cs.v[j].name,
			    PLACE_NAME_MAX);
			ts = children(cs.v[j].code);
			for (k = 0; k < ts.n; k++) {
				if (ntown == cap_t) {
					cap_t = cap_t ? 2 * cap_t : 1024;
					towns = xrealloc(towns, cap_t *
					    sizeof(*towns));
				}
				memset(&towns[ntown], 0, sizeof(*towns));
				util_strlcpy(towns[ntown].code, ts.v[k].code,
				    PLACE_CODE_MAX);
				util_strlcpy(towns[ntown].name, ts.v[k].name,
				    PLACE_NAME_MAX);
				towns[ntown].county = (int)ncounty;
				vs = children(ts.v[k].code);
				for (l = 0; l < vs.n; l++) {
					if (nvillage == cap_v) {
						cap_v = cap_v ? 2 * cap_v :
						    16384;
						villages = xrealloc(villages,
						    cap_v * sizeof(*villages));
					}
					util_strlcpy(villages[nvillage].code,
					    vs.v[l].code, PLACE_CODE_MAX);
					villages[nvillage].short_name =
					    xstrdup(vs.v[l].short_name);
					villages[nvillage].town = (int)ntown;
					nvillage++;
				}
				free(vs.v);
				ntown++;
			}
			free(ts.v);
			ncounty++;
		}
		free(cs.v);
	}
	free(cities.v);
	if (nvillage == 0) {
		fprintf(stderr, "gen_store: no villages under '%s' (taizhang "
		    "places load?)\n", province);
		exit(1);
	}
}

/* Add a unit unless max are there; its id, or 0. */
static int64_t
unit(int64_t parent, const char *kind, const char *place, int64_t *n,
    int64_t max, const char *fmt, const char *a, const char *b)
{
	struct unit u;

	if (*n >= max)
		return 0;
	memset(&u, 0, sizeof(u));
	u.parent_id = parent;
	snprintf(u.name, sizeof(u.name), fmt, a, b);
	util_strlcpy(u.kind, kind, sizeof(u.kind));
	util_strlcpy(u.place_code, place, sizeof(u.place_code));
	check(store_unit_add(st, &u), "unit");
	(*n)++;
	return u.id;
}

static void
make_units(const char *province, int64_t max)
{
	struct places	 cities, cs;
	struct place	 prov;
	int64_t		 n = 0, city_gov, id;
	size_t		 i, j, c = 0, t;
	int		 k;

	check(store_place_get(st, province, &prov), "province");
	province_unit = unit(0, "老促会及分会", province, &n, max,
	    "%s老区建设促进会%s", prov.name, "");
	for (k = 0; k < NSTEM; k++)
		unit(province_unit, "党政部门", province, &n, max, "%s%s厅",
		    prov.name, stems[k]);
	cities = children(province);
	for (i = 0; i < cities.n; i++) {
		city_gov = unit(province_unit, "党政部门", cities.v[i].code,
		    &n, max, "%s人民政府%s", cities.v[i].name, "");
		for (k = 0; k < NSTEM; k++)
			unit(city_gov, "党政部门", cities.v[i].code, &n, max,
			    "%s%s局", cities.v[i].name, stems[k]);
		cs = children(cities.v[i].code);
		for (j = 0; j < cs.n; j++) {
			if (cs.v[j].level != 3)
				continue;
			counties[c].gov = unit(city_gov, "党政部门",
			    cs.v[j].code, &n, max, "%s人民政府%s",
			    cs.v[j].name, "");
			for (k = 0; k < NSTEM; k++)
				if ((id = unit(counties[c].gov, "党政部门",
				    cs.v[j].code, &n, max, "%s%s局",
				    cs.v[j].name, stems[k])) != 0)
					counties[c].dept[counties[c].ndept++] =
					    id;
			c++;
		}
		free(cs.v);
	}
	free(cities.v);
	for (t = 0; t < ntown; t++)
		towns[t].gov = unit(counties[towns[t].county].gov, "乡镇街道",
		    towns[t].code, &n, max, "%s%s人民政府",
		    counties[towns[t].county].name, towns[t].name);
	/* cooperatives up to max, one per village in turn */
	for (i = 0; n < max; i++) {
		const struct village *v = &villages[i % nvillage];
		char name[NAME_MAX_];

		snprintf(name, sizeof(name), "%s%s", towns[v->town].name,
		    v->short_name);
		unit(0, "企业", v->code, &n, max, "%s专业合作社%s", name,
		    i >= nvillage ? "二社" : "");
	}
	check(store_unit_closure_rebuild(st), "unit closure");
}

static int64_t
user(const char *hash, const char *login, const char *name, enum role role,
    int64_t unit_id, const char *region)
{
	struct user *u = xcalloc(1, sizeof(*u));
	int64_t id;

	util_strlcpy(u->login, login, sizeof(u->login));
	util_strlcpy(u->name, name, sizeof(u->name));
	u->role = role;
	u->nmemb = 1;
	u->memb[0].role = role;
	u->memb[0].unit_id = unit_id;
	util_strlcpy(u->memb[0].region, region ? region : "",
	    sizeof(u->memb[0].region));
	u->memb[0].is_main = true;
	check(store_user_add(st, u, hash), "user");
	id = u->id;
	free(u);
	return id;
}

/* A reporter per department and town government (of ids up to
 * nunits: a fresh store's), a supervisor per county and one for the
 * province; their number. */
static int64_t
make_users(const char *province, int64_t nunits)
{
	char	 hash[AUTH_HASH_MAX], login[64], name[64];
	int64_t	 n = 0, id;
	size_t	 c, t;
	int	 k;

	if (auth_hash_password(BENCH_PASSWORD, hash) == -1) {
		fprintf(stderr, "gen_store: cannot hash the password\n");
		exit(1);
	}
	nreporter = nunits + 1;
	reporter = xcalloc((size_t)nreporter, sizeof(*reporter));
	snprintf(login, sizeof(login), "sup-%s", province);
	user(hash, login, "省督办", ROLE_SUPERVISOR, 0, province);
	n++;
	for (c = 0; c < ncounty; c++) {
		snprintf(login, sizeof(login), "sup-%s", counties[c].code);
		snprintf(name, sizeof(name), "督办%zu", c + 1);
		user(hash, login, name, ROLE_SUPERVISOR, 0, counties[c].code);
		n++;
		for (k = 0; k < counties[c].ndept; k++) {
			id = counties[c].dept[k];
			snprintf(login, sizeof(login), "rep-%lld",
			    (long long)id);
			snprintf(name, sizeof(name), "填报%lld", (long long)id);
			if (id < nreporter) {
				reporter[id] = user(hash, login, name,
				    ROLE_REPORTER, id, NULL);
				n++;
			}
		}
	}
	for (t = 0; t < ntown; t++) {
		if ((id = towns[t].gov) == 0)
			continue;
		snprintf(login, sizeof(login), "rep-%lld", (long long)id);
		snprintf(name, sizeof(name), "填报%lld", (long long)id);
		if (id < nreporter) {
			reporter[id] = user(hash, login, name, ROLE_REPORTER, id,
			    NULL);
			n++;
		}
	}
	return n;
}

struct gledger {
	int64_t			 id, seq;
	enum ledger_kind	 kind;
	int			 year;
	const char		*cats[32];
	int			 ncat;
	const char		*open[16], *final[8];
	int			 nopen, nfinal;
};

static struct gledger gl[NLEDGER];

static void
make_ledgers(const char *province, const char *pname)
{
	struct ledger	 l;
	const char	*const *sv;
	json_t		*v;
	size_t		 i;
	int		 k;

	for (k = 0; k < NLEDGER; k++) {
		memset(&l, 0, sizeof(l));
		snprintf(l.name, sizeof(l.name), "%s%d年%s", pname,
		    ledgers[k].year, ledgers[k].what);
		l.kind = ledgers[k].kind;
		util_strlcpy(l.template_key, ledgers[k].tmpl,
		    sizeof(l.template_key));
		l.year = ledgers[k].year;
		l.owner_unit_id = province_unit;
		util_strlcpy(l.region, province, sizeof(l.region));
		l.config = ledger_config_default(l.kind, ledgers[k].tmpl);
		l.warn_days = 7;
		l.lag_points = 20;
		check(store_ledger_add(st, &l, 0), "ledger");
		gl[k].id = l.id;
		gl[k].kind = l.kind;
		gl[k].year = l.year;
		json_array_foreach(json_object_get(json_object_get(l.config,
		    "dicts"), "category"), i, v)
			if (gl[k].ncat < 32)
				gl[k].cats[gl[k].ncat++] =
				    xstrdup(json_string_value(v));
		for (sv = workflow_states(l.kind); *sv; sv++) {
			if (workflow_final(l.kind, *sv))
				gl[k].final[gl[k].nfinal++] = *sv;
			else
				gl[k].open[gl[k].nopen++] = *sv;
		}
		ledger_free(&l);
	}
}

static int64_t	n_places, n_units, n_updates, update_id;

static void
bind_count(struct dbstmt *s, int i, int64_t v)
{
	if (v < 0)
		db_null(s, i);
	else
		db_int(s, i, v);
}

/* The item id, with its places, units and k progress updates. */
static void
make_item(int64_t id, int k)
{
	struct gledger		*g = &gl[(id - 1) % NLEDGER];
	const struct village	*v = &villages[rnd((unsigned)nvillage)];
	const struct town	*t = &towns[v->town];
	const struct county	*c = &counties[t->county];
	struct item_place	 pl[3];
	struct item		 it;
	struct dbstmt		*s;
	struct {
		int32_t	 day;
		int	 progress;
		int64_t	 paid;
		const char *text;
	}			 up[5];
	char			 title[3 * PLACE_NAME_MAX], person[32], phone[16],
				 custom[128];
	const char		*state, *work = works[rnd(NELEM(works))];
	int64_t			 lead, amount = 0, paid = 0, hh = -1, poor = -1,
				 by, created, want;
	int32_t			 start, deadline, completed = DATE_NONE,
				 today = date_today();
	int			 np = 1, progress, j, r;
	bool			 done = id % 8 == 0 && g->nfinal > 0;

	/* places: the village, sometimes its neighbours in the town */
	memset(pl, 0, sizeof(pl));
	util_strlcpy(pl[0].code, v->code, sizeof(pl[0].code));
	r = (int)rnd(100);
	for (j = 1; j <= (r < 3 ? 2 : r < 10 ? 1 : 0); j++)
		if (v + j < villages + nvillage && v[j].town == v->town)
			util_strlcpy(pl[np++].code, v[j].code,
			    sizeof(pl[0].code));
	lead = c->ndept ? c->dept[rnd((unsigned)c->ndept)] : c->gov;
	if (lead == 0)
		lead = province_unit;
	by = lead < nreporter && reporter[lead] ? reporter[lead] : 0;

	/* state, dates, progress */
	if (done)
		state = g->final[rnd(10) < 8 ? 0 : rnd((unsigned)g->nfinal)];
	else
		state = g->open[rnd((unsigned)g->nopen)];
	start = date_from_ymd(g->year, 1, 1) + (int32_t)rnd(300);
	deadline = start + 60 + (int32_t)rnd(480);
	if (done) {
		progress = 100;
		completed = deadline - (int32_t)rnd(30);
	} else
		progress = state == g->open[0] ? 0 : (int)rnd(100);
	switch (g->kind) {
	case KIND_PROJECT:
		amount = (int64_t)(rnd(4990) + 10) * 1000000 + rnd(100) * 100;
		hh = rnd(300) + 1;
		poor = rnd(40);
		snprintf(title, sizeof(title), "%s%s%s项目", t->name,
		    v->short_name, work);
		snprintf(custom, sizeof(custom), "{\"nature\":\"%s\"}",
		    natures[rnd(NELEM(natures))]);
		break;
	case KIND_NEED:
		amount = (int64_t)(rnd(500) + 5) * 1000000;
		hh = rnd(300) + 1;
		snprintf(title, sizeof(title), "%s%s群众需求", v->short_name,
		    work);
		snprintf(custom, sizeof(custom), "{\"proposer\":\"%s%s\"}",
		    surnames[rnd(NELEM(surnames))], given[rnd(NELEM(given))]);
		break;
	case KIND_TASK:
		snprintf(title, sizeof(title), "%s%s%s民生实事", c->name,
		    t->name, work);
		custom[0] = '\0';
		break;
	case KIND_PROBLEM:
		snprintf(title, sizeof(title), "%s%s项目推进滞后问题",
		    v->short_name, work);
		snprintf(custom, sizeof(custom), "{\"found_by\":\"%s\"}",
		    "省委督查室");
		break;
	default:
		snprintf(title, sizeof(title), "关于%s%s的建议", v->short_name,
		    work);
		snprintf(custom, sizeof(custom), "{\"channel\":\"%s\"}",
		    channels[rnd(NELEM(channels))]);
		break;
	}
	snprintf(person, sizeof(person), "%s%s", surnames[rnd(NELEM(surnames))],
	    given[rnd(NELEM(given))]);
	snprintf(phone, sizeof(phone), "139%08u", rnd(100000000));
	created = (int64_t)(start - 30) * 86400 + rnd(86400);

	/* k updates up to the item's progress; paid_fen is their sum */
	for (j = 0; j < k; j++) {
		up[j].progress = progress * (j + 1) / k;
		want = amount * up[j].progress / 100 * 9 / 10;
		up[j].paid = want - paid;
		paid = want;
		up[j].day = start + (deadline - start) * (j + 1) / (k + 1);
		if (up[j].day >= today)
			up[j].day = today - 1;
		up[j].text = texts[rnd(NELEM(texts))];
	}

	/* shares over the places as the API splits them */
	memset(&it, 0, sizeof(it));
	it.amount_fen = amount;
	it.places = pl;
	it.nplaces = np;
	if (item_split_shares(&it) == -1)
		die("shares");

	s = db_stmt(st, STMT_COPY_ITEM_INSERT);
	db_int(s, 1, id);
	db_int(s, 2, g->id);
	db_int(s, 3, ++g->seq);
	db_null(s, 4);
	db_text(s, 5, title);
	db_text(s, 6, "按设计方案实施,资金专款专用");
	db_text_or_null(s, 7, g->ncat ? g->cats[rnd((unsigned)g->ncat)] : NULL);
	db_text(s, 8, state);
	db_int(s, 9, done);
	db_int(s, 10, lead);
	db_text(s, 11, person);
	db_text(s, 12, phone);
	db_text(s, 13, person);
	db_text(s, 14, phone);
	db_int(s, 15, start);
	db_int(s, 16, deadline);
	if (completed == DATE_NONE)
		db_null(s, 17);
	else
		db_int(s, 17, completed);
	db_int(s, 18, progress);
	db_text_or_null(s, 19, progress ? up[k - 1].text : NULL);
	db_int(s, 20, amount);
	db_int(s, 21, paid);
	bind_count(s, 22, hh);
	bind_count(s, 23, hh < 0 ? -1 : hh * 3);
	bind_count(s, 24, poor);
	bind_count(s, 25, -1);
	db_text_or_null(s, 26, custom);
	db_int_or_null(s, 27, by ? &by : NULL);
	db_int(s, 28, created);
	db_int_or_null(s, 29, by ? &by : NULL);
	db_int(s, 30, created + (int64_t)k * 86400 * 20);
	db_int(s, 31, 1 + k);
	check(db_run(s), "item");
	for (j = 0; j < np; j++) {
		s = db_stmt(st, STMT_ITEM_PLACE_INSERT);
		db_int(s, 1, id);
		db_text(s, 2, pl[j].code);
		db_int(s, 3, pl[j].share_fen);
		db_int(s, 4, 0);
		db_null(s, 5);
		check(db_run(s), "item_place");
		n_places++;
	}
	s = db_stmt(st, STMT_ITEM_UNIT_INSERT);
	db_int(s, 1, id);
	db_int(s, 2, lead);
	db_text(s, 3, "lead");
	check(db_run(s), "item_unit");
	n_units++;
	if (t->gov && t->gov != lead && rnd(10) == 0) {
		s = db_stmt(st, STMT_ITEM_UNIT_INSERT);
		db_int(s, 1, id);
		db_int(s, 2, t->gov);
		db_text(s, 3, "co");
		check(db_run(s), "item_unit");
		n_units++;
	}
	for (j = 0; j < k; j++) {
		s = db_stmt(st, STMT_COPY_ITEM_UPDATE_INSERT);
		db_int(s, 1, ++update_id);
		db_int(s, 2, id);
		db_int(s, 3, up[j].day);
		db_text(s, 4, up[j].text);
		db_int(s, 5, up[j].progress);
		db_int(s, 6, up[j].paid);
		db_int_or_null(s, 7, by ? &by : NULL);
		db_int(s, 8, created + (int64_t)(j + 1) * 86400 * 20);
		check(db_run(s), "item_update");
		n_updates++;
	}
}

/*
 * Is the town named as sheets name towns (虞乡镇, 城西街道, 韩阳乡)?
 * Not the prisons and farms the gazetteer lists as towns, whose
 * "villages" (永济监狱虚拟社区) no sheet names.
 */
static bool
town_named(const struct town *t)
{
	return util_endswith(t->name, "镇") || util_endswith(t->name, "乡") ||
	    util_endswith(t->name, "街道");
}

/* The files the benchmark script, gen_sheet and wrk read. */
static void
write_outputs(const char *dir, const char *county, int64_t items)
{
	FILE		*f;
	char		*path, seen_prev[NAME_MAX_] = "";
	size_t		 i, c, n;
	int		 k;
	int64_t		 cgov = 0;

	for (c = 0; c < ncounty; c++)
		if (strcmp(counties[c].code, county) == 0)
			break;
	if (c == ncounty) {
		fprintf(stderr, "gen_store: county '%s' not in the province\n",
		    county);
		exit(1);
	}
	cgov = counties[c].gov;

	path = xasprintf("%s/county-places.txt", dir);
	if ((f = fopen(path, "w")) == NULL)
		goto fail;
	for (i = 0; i < nvillage; i++)
		if ((size_t)towns[villages[i].town].county == c &&
		    town_named(&towns[villages[i].town])) {
			char name[NAME_MAX_];

			snprintf(name, sizeof(name), "%s%s",
			    towns[villages[i].town].name,
			    villages[i].short_name);
			if (strcmp(name, seen_prev) != 0)
				fprintf(f, "%s\n", name);
			util_strlcpy(seen_prev, name, sizeof(seen_prev));
		}
	fclose(f);
	free(path);

	path = xasprintf("%s/county-units.txt", dir);
	if ((f = fopen(path, "w")) == NULL)
		goto fail;
	for (k = 0; k < NSTEM; k++)
		fprintf(f, "%s%s局\n", counties[c].name, stems[k]);
	fclose(f);
	free(path);

	path = xasprintf("%s/wrk-data.lua", dir);
	if ((f = fopen(path, "w")) == NULL)
		goto fail;
	fprintf(f, "-- written by bench/gen_store\nreturn {\n"
	    "max_item = %lld,\nledger = %lld,\nlead_unit = %lld,\n"
	    "villages = {", (long long)items, (long long)gl[NLEDGER - 12].id,
	    (long long)(counties[c].ndept ? counties[c].dept[0] : cgov));
	for (i = 0, n = 0; i < nvillage; i++)
		if ((size_t)towns[villages[i].town].county == c)
			fprintf(f, "%s\"%s\"", n++ ? "," : "",
			    villages[i].code);
	fprintf(f, "},\nnames = {");
	/* a village name every nvillage/200 villages of the province */
	for (i = 0, n = 0; i < nvillage; i += nvillage / 200 + 1) {
		char core[PLACE_NAME_MAX];

		place_core_name(villages[i].short_name, core, sizeof(core));
		fprintf(f, "%s\"%s\"", n++ ? "," : "", core);
	}
	fprintf(f, "},\nlogins = {");
	for (i = 0; i < ncounty; i++)
		fprintf(f, "%s\"sup-%s\"", i ? "," : "", counties[i].code);
	fprintf(f, "},\npassword = \"%s\",\n}\n", BENCH_PASSWORD);
	fclose(f);
	free(path);

	path = xasprintf("%s/store.env", dir);
	if ((f = fopen(path, "w")) == NULL)
		goto fail;
	fprintf(f, "GEN_LIST_LEDGER=%lld\nGEN_COUNTY_GOV=%lld\n"
	    "GEN_PASSWORD=%s\nGEN_ITEMS=%lld\n",
	    (long long)gl[NLEDGER - 12].id, (long long)cgov, BENCH_PASSWORD,
	    (long long)items);
	fclose(f);
	free(path);
	return;
fail:
	fprintf(stderr, "gen_store: cannot write '%s': %s\n", path,
	    strerror(errno));
	exit(1);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "province", required_argument, NULL, 'p' },
		{ "county", required_argument, NULL, 'c' },
		{ "items", required_argument, NULL, 'i' },
		{ "updates", required_argument, NULL, 'u' },
		{ "units", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*db = NULL, *out = NULL, *province = "14",
			*county = "140881";
	int64_t		 items = 1000000, per = 3, nunits = 10000, x, id,
			 nusers;
	struct place	 prov;
	struct actor	 actor = { 0, "bench", "cli" };
	char		 err[256], summary[256];
	double		 t0, t1, t2, t3;
	int		 ch, k, kk = 0;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			province = optarg;
			break;
		case 'c':
			county = optarg;
			break;
		case 'i':
		case 'u':
		case 'n':
		case 's':
			if (util_parse_int64(optarg, &x) == -1 || x < 0)
				goto usage;
			if (ch == 'i')
				items = x;
			else if (ch == 'u')
				per = x;
			else if (ch == 'n')
				nunits = x;
			else
				seed = (unsigned long long)x;
			break;
		default:
			goto usage;
		}
	}
	if (db == NULL || out == NULL || optind != argc || per < 1 ||
	    per > 5 || nunits < 1)
		goto usage;
	if (auth_init() == -1)
		return 1;
	if ((st = store_open(db, err, sizeof(err))) == NULL) {
		fprintf(stderr, "gen_store: %s\n", err);
		return 1;
	}
	t0 = now();
	load_places(province);
	check(store_place_get(st, province, &prov), "province");

	store_bulk(st, true);
	if (store_begin(st, true) == -1)
		die("begin");
	make_units(province, nunits);
	nusers = make_users(province, nunits);
	make_ledgers(province, prov.name);
	if (store_commit(st) == -1)
		die("commit");
	t1 = now();
	fprintf(stderr, "gen_store: %zu counties, %zu towns, %zu villages; "
	    "%lld units, %lld users, %d ledgers in %.1f s\n", ncounty, ntown,
	    nvillage, (long long)nunits, (long long)nusers, NLEDGER, t1 - t0);

	/* items with k updates each, k from 1 to 5: an odd item draws k,
	 * the next has 2 * per - k, so that there are per * items */
	for (id = 1; id <= items; id++) {
		if ((id - 1) % BATCH == 0 && store_begin(st, true) == -1)
			die("begin");
		if (id % 2)
			kk = (int)per - 2 + (int)rnd(5);
		else
			kk = 2 * (int)per - kk;
		if (kk < 1)
			kk = 1;
		if (kk > 5)
			kk = 5;
		make_item(id, kk);
		if (id % BATCH == 0 || id == items) {
			if (store_commit(st) == -1)
				die("commit");
			if (id % (10 * BATCH) == 0)
				fprintf(stderr, "gen_store: %lld items\n",
				    (long long)id);
		}
	}
	t2 = now();
	if (store_begin(st, true) == -1)
		die("begin");
	for (k = 0; k < NLEDGER; k++) {
		struct dbstmt *s = db_stmt(st, STMT_LEDGER_BUMP_SEQ);

		db_int(s, 1, gl[k].id);
		db_int(s, 2, gl[k].seq + 1);
		check(db_run(s), "ledger seq");
	}
	snprintf(summary, sizeof(summary), "{\"items\":%lld,\"updates\":%lld,"
	    "\"seed\":%llu}", (long long)items, (long long)n_updates, seed);
	check(store_audit_add(st, &actor, "create", "bench", NULL, NULL,
	    summary), "audit");
	if (store_commit(st) == -1 || store_sync_ids(st) == -1)
		die("commit");
	store_bulk(st, false);
	t3 = now();
	write_outputs(out, county, items);
	printf("RESULT items=%lld item_places=%lld item_units=%lld "
	    "updates=%lld units=%lld users=%lld ledgers=%d villages=%zu "
	    "setup_s=%.3f items_s=%.3f total_s=%.3f\n", (long long)items,
	    (long long)n_places, (long long)n_units, (long long)n_updates,
	    (long long)nunits, (long long)nusers, NLEDGER, nvillage, t1 - t0,
	    t2 - t1, t3 - t0);
	store_close(st);
	return 0;
usage:
	fprintf(stderr, "usage: gen_store --db URI --out DIR [--province CODE] "
	    "[--county CODE] [--items N] [--updates 1..5] [--units N] "
	    "[--seed N]\n");
	return 2;
}
