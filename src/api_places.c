/*
 * Places: children, search, one place with its ancestors, and the
 * old-area class and yearly figures (supervisors of the region).
 */
#include <string.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "money.h"
#include "store_place.h"
#include "util.h"

struct list_ctx {
	json_t	*items;
	int	 n;
};

static int
api_places_add(const struct place *p, void *arg)
{
	struct list_ctx *c = arg;

	json_array_append_new(c->items, json_place(p));
	c->n++;
	return 0;
}

/* A code query argument, normalised; replies 400 on a bad one. */
static int
api_place_code_arg(struct req *r, const char *key, const char *label,
    char out[PLACE_CODE_MAX])
{
	const char *v;

	out[0] = '\0';
	if ((v = req_query(r, key)) == NULL || *v == '\0')
		return 0;
	if (place_code_norm(v, out) == -1)
		return reply_error_field(r, 400, "bad_code",
		    arena_printf(r->pool, "%s不是有效的区划代码", label), key),
		    -1;
	return 0;
}

/*
 * GET /api/v1/places?parent=CODE          the children, by code
 * GET /api/v1/places                      the provinces
 * GET /api/v1/places?q=TEXT&within=CODE&level=village&limit=20
 */
int
api_places_list(struct req *r)
{
	struct list_ctx	 c = { NULL, 0 };
	struct place	*found;
	char		 parent[PLACE_CODE_MAX], within[PLACE_CODE_MAX];
	const char	*q, *lv;
	int64_t		 limit;
	int		 level = 0, n, i;
	enum store_rc	 rc;

	if (api_place_code_arg(r, "parent", "上级区划", parent) == -1 ||
	    api_place_code_arg(r, "within", "搜索范围", within) == -1 ||
	    req_query_int(r, "limit", 1, PLACE_SEARCH_MAX, 20, &limit) == -1)
		return 0;
	if ((lv = req_query(r, "level")) != NULL && *lv &&
	    (level = (int)place_level_parse(lv)) == PLACE_NONE)
		return reply_error_field(r, 400, "bad_level",
		    "层级应为 province、city、county、town 或 village", "level");
	c.items = json_array();
	q = req_query(r, "q");
	if (q && *q) {
		if (!util_utf8_valid(q, strlen(q)) ||
		    util_utf8_len(q, strlen(q)) > 64) {
			json_decref(c.items);
			return reply_error_field(r, 400, "bad_query",
			    "搜索文字无效或超过64个字", "q");
		}
		found = arena_alloc(r->pool, PLACE_SEARCH_MAX * sizeof(*found));
		rc = store_place_search(r->store, q, within, level, (int)limit,
		    found, &n);
		for (i = 0; rc == STORE_OK && i < n; i++)
			api_places_add(&found[i], &c);
	} else
		rc = store_place_children(r->store, parent, api_places_add, &c);
	if (rc != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:i}", "items", c.items,
	    "total", c.n));
}

static json_t *
api_place_full(struct req *r, const struct place *p)
{
	struct place_figure	 f[32];
	struct place		 a;
	char			 code[PLACE_CODE_MAX];
	json_t			*j, *anc, *figs;
	int			 n, i;

	anc = json_array();
	util_strlcpy(code, p->code, sizeof(code));
	while (place_code_parent(code, code) == 0) {
		/* skip levels the gazetteer lacks (e.g. no city) */
		if (store_place_get(r->store, code, &a) == STORE_OK)
			json_array_insert_new(anc, 0, json_pack("{s:s, s:s, s:i}",
			    "code", a.code, "name", a.name, "level", a.level));
	}
	figs = json_array();
	if (store_place_figures(r->store, p->code, f, (int)NELEM(f), &n) ==
	    STORE_OK) {
		for (i = 0; i < n; i++) {
			char inc[32];
			json_t *o = json_pack("{s:i}", "year", f[i].year);
			json_object_set_new(o, "population", f[i].population < 0 ?
			    json_null() : json_integer(f[i].population));
			json_object_set_new(o, "households", f[i].households < 0 ?
			    json_null() : json_integer(f[i].households));
			if (f[i].income_fen >= 0) {
				money_fmt_yuan(f[i].income_fen, inc, sizeof(inc));
				json_object_set_new(o, "income_per_capita",
				    json_string(inc));
			} else
				json_object_set_new(o, "income_per_capita",
				    json_null());
			json_array_append_new(figs, o);
		}
	}
	j = json_place(p);
	json_object_set_new(j, "ancestors", anc);
	json_object_set_new(j, "child_count",
	    json_integer(store_place_child_count(r->store, p->code)));
	json_object_set_new(j, "figures", figs);
	return j;
}

/* GET /api/v1/places/:code  200 the place; 404 unknown code. */
int
api_place_get(struct req *r)
{
	struct place	p;
	char		code[PLACE_CODE_MAX];
	enum store_rc	rc;

	if (place_code_norm(req_param(r, "code"), code) == -1)
		return reply_error(r, 400, "bad_code", "区划代码无效");
	if ((rc = store_place_get(r->store, code, &p)) != STORE_OK)
		return rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "区划不存在") :
		    reply_store_error(r, rc);
	return reply_json(r, 200, api_place_full(r, &p));
}

/* Read and apply "figures": [{year, population, households,
 * income_per_capita}]. */
static int
api_place_figures(struct req *r, const char *code, json_t *arr)
{
	struct place_figure	 f;
	json_t			*o, *v;
	size_t			 i;
	int64_t			 x;
	bool			 has;
	const char		*inc;
	enum store_rc		 rc;

	if (!json_is_array(arr) || json_array_size(arr) > 50)
		return reply_error_field(r, 400, "bad_type",
		    "「年度数据」应为不超过50项的列表", "figures"), -1;
	json_array_foreach(arr, i, o) {
		if (!json_is_object(o))
			return reply_error_field(r, 400, "bad_type",
			    "「年度数据」每项应为对象", "figures"), -1;
		memset(&f, 0, sizeof(f));
		f.population = f.households = f.income_fen = -1;
		if (req_int(r, o, "year", "年度", 1949, 2100, true, &x,
		    NULL) == -1)
			return -1;
		f.year = (int)x;
		if (req_int(r, o, "population", "人口", 0, 100000000, false,
		    &x, &has) == -1)
			return -1;
		if (has)
			f.population = x;
		if (req_int(r, o, "households", "户数", 0, 100000000, false,
		    &x, &has) == -1)
			return -1;
		if (has)
			f.households = x;
		v = json_object_get(o, "income_per_capita");
		if (v && !json_is_null(v)) {
			inc = json_is_string(v) ? json_string_value(v) : "";
			if (money_parse_yuan(inc, &f.income_fen) == -1 ||
			    f.income_fen < 0)
				return reply_error_field(r, 400, "bad_money",
				    "「人均收入」应为以元计的金额文字,如 \"12345.67\"",
				    "income_per_capita"), -1;
		}
		if ((rc = store_place_figure_set(r->store, code, &f)) !=
		    STORE_OK)
			return reply_store_error(r, rc), -1;
	}
	return 0;
}

/*
 * PATCH /api/v1/places/:code {"old_area_class": "老区村"|null,
 *     "figures": [...]}
 * Supervisors of a region covering the place, and admins.
 */
int
api_place_patch(struct req *r)
{
	struct place	 p;
	json_t		*body, *before, *after, *v;
	char		 code[PLACE_CODE_MAX];
	const char	*cls = NULL;
	enum store_rc	 rc;

	if (place_code_norm(req_param(r, "code"), code) == -1)
		return reply_error(r, 400, "bad_code", "区划代码无效");
	if (req_json_body(r, &body) == -1)
		return 0;
	if ((rc = store_place_get(r->store, code, &p)) != STORE_OK)
		return rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "区划不存在") :
		    reply_store_error(r, rc);
	if (!user_may(r->user, ROLE_SUPERVISOR, code, NULL, 0))
		return reply_error(r, 403, "out_of_scope",
		    "该区划不在您的管辖范围内");
	if (req_str(r, body, "old_area_class", "老区类别", 32, false,
	    &cls) == -1)
		return 0;
	before = api_place_full(r, &p);
	req_json_keep(r, before);
	if (api_begin(r) == -1)
		return 0;
	if (json_object_get(body, "old_area_class") &&
	    (rc = store_place_set_class(r->store, code, cls)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	if ((v = json_object_get(body, "figures")) != NULL &&
	    api_place_figures(r, code, v) == -1) {
		api_rollback(r);
		return 0;
	}
	store_place_get(r->store, code, &p);
	after = api_place_full(r, &p);
	if (api_commit(r, "update", "place", code, before, after) == -1) {
		json_decref(after);
		return 0;
	}
	return reply_json(r, 200, after);
}
