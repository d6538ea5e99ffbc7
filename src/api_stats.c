/*
 * Statistics and duplicate construction.  Any logged-in user may ask;
 * what is counted is what the caller's lists show (the scope and
 * filters of ITEM_WHERE), so no number reveals an item outside it.
 */
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "arena.h"
#include "light.h"
#include "place.h"
#include "store_cache.h"
#include "store_stats.h"
#include "util.h"

#define STATS_ROWS_MAX	20000	/* rows of one reply */
#define DUP_PAIRS_MAX	2000	/* pairs of one reply */
#define DUP_ROWS_MAX	200000	/* candidate rows read for them */

enum {
	MEASURE_COUNT = 0x1,
	MEASURE_MONEY = 0x2,
	MEASURE_BENEFICIARIES = 0x4
};

/* measure=count,money,beneficiaries (all when absent); replies 400. */
static int
api_stats_measures(struct req *r, unsigned *m)
{
	static const char *const names[] = {
		"count", "money", "beneficiaries"
	};
	const char	*v, *p, *e;
	size_t		 k, n;

	*m = 0;
	if ((v = req_query(r, "measure")) == NULL || *v == '\0') {
		*m = MEASURE_COUNT | MEASURE_MONEY | MEASURE_BENEFICIARIES;
		return 0;
	}
	for (p = v; *p; p = *e ? e + 1 : e) {
		if ((e = strchr(p, ',')) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		for (k = 0; k < NELEM(names); k++)
			if (strlen(names[k]) == n && memcmp(names[k], p, n) == 0)
				break;
		if (k == NELEM(names))
			return reply_error_field(r, 400, "bad_measure",
			    "统计指标应为 count、money、beneficiaries 中的一个或几个"
			    "(逗号分隔)", "measure"), -1;
		*m |= 1u << k;
	}
	return 0;
}

/* The measures m of s into o (returned). */
static json_t *
api_stats_sum(json_t *o, const struct stats_sum *s, unsigned m)
{
	if (m & MEASURE_COUNT)
		json_object_set_new(o, "count", json_integer(s->count));
	if (m & MEASURE_MONEY) {
		json_object_set_new(o, "money", json_money(s->money_fen));
		json_object_set_new(o, "paid", json_money(s->paid_fen));
	}
	if (m & MEASURE_BENEFICIARIES) {
		json_object_set_new(o, "households",
		    json_integer(s->households));
		json_object_set_new(o, "persons", json_integer(s->persons));
		json_object_set_new(o, "poor_households",
		    json_integer(s->poor_households));
	}
	return o;
}

/* A row's key and Chinese label into o. */
static void
api_stats_key(struct req *r, enum stats_group g, const struct stats_row *row,
    json_t *o)
{
	const char	*key = row->key, *label = row->label;
	int64_t		 n;
	size_t		 want;

	switch (g) {
	case STATS_UNIT:
		if (key == NULL)
			label = "未指定责任单位";
		else if (label == NULL)
			label = arena_printf(r->pool, "单位%s", key);
		break;
	case STATS_PROVINCE:
	case STATS_CITY:
	case STATS_COUNTY:
	case STATS_TOWN:
	case STATS_VILLAGE:
		if (key == NULL) {
			label = "未填地点";
			break;
		}
		if (label == NULL)
			label = key;
		/* an item placed above the level: its own row, so marked */
		want = place_code_len((enum place_level)(PLACE_PROVINCE + g -
		    STATS_PROVINCE));
		if (strlen(key) < want)
			label = arena_printf(r->pool, "%s(未细化到%s)", label,
			    place_level_name((enum place_level)(PLACE_PROVINCE +
			    g - STATS_PROVINCE)));
		break;
	case STATS_CATEGORY:
		label = key ? key : "未分类";
		break;
	case STATS_YEAR:
		label = key ? arena_printf(r->pool, "%s年", key) : "未填年度";
		break;
	case STATS_STATE:
		label = key ? key : "";
		break;
	case STATS_LIGHT:
		if (key && util_parse_int64(key, &n) == 0) {
			key = light_name((enum light)n);
			label = light_label((enum light)n);
		}
		break;
	default:
		break;
	}
	json_object_set_new(o, "key", key ? json_string(key) : json_null());
	json_object_set_new(o, "label", json_string(label ? label : ""));
}

/*
 * GET /api/v1/stats?group=G&measure=M plus the list filters (ledger,
 * state, light, category, unit, place, deadline_from, deadline_to, q,
 * done, cf.KEY).  {"group", "rows": [{"key", "label", measures}],
 * "total": {measures}, "truncated"}: money and paid in 元 as strings.
 * Over place levels an item counts in each group it has places in and
 * its money is split by its shares (rows add up to the total money);
 * its other measures are not split.
 */
int
api_stats(struct req *r)
{
	struct item_filter	 f;
	struct viewer		 v = api_viewer(r);
	struct ledger		 l;
	struct stats_row	*rows;
	struct stats_sum	 total;
	const char		*gs, *key;
	char			*text;
	uint64_t		 gen;
	json_t			*arr, *o;
	enum store_rc		 rc;
	unsigned		 m;
	bool			 more;
	int			 g, n, i;

	if ((gs = req_query(r, "group")) == NULL || *gs == '\0' ||
	    (g = store_stats_group_parse(gs)) < 0)
		return reply_error_field(r, 400, "bad_group",
		    "分组应为 unit、place:province、place:city、place:county、"
		    "place:town、place:village、category、year、state 或 light",
		    "group");
	if (api_stats_measures(r, &m) == -1 || api_item_filter(r, &f) == -1)
		return 0;
	if (f.ledger_id) {
		if ((rc = store_ledger_get(r->store, f.ledger_id, &l)) !=
		    STORE_OK)
			return rc == STORE_NOTFOUND ? reply_error_field(r, 404,
			    "not_found", "台账不存在", "ledger") :
			    reply_store_error(r, rc);
		ledger_free(&l);
	}
	/* rows and total from one snapshot, kept while nothing changes */
	if (store_begin(r->store, false) == -1)
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	key = store_item_filter_key(r->pool, arena_printf(r->pool, "stats/%d/%u",
	    g, m), &v, &f);
	gen = store_cache_gen(r->store);
	if ((text = store_cache_get(key, gen, r->pool)) != NULL) {
		store_commit(r->store);
		return reply_text(r, 200, "application/json; charset=utf-8",
		    text, strlen(text));
	}
	rc = store_stats_rows(r->store, r->pool, &v, &f, (enum stats_group)g,
	    STATS_ROWS_MAX, &rows, &n, &more, &total);
	store_commit(r->store);
	if (rc != STORE_OK)
		return reply_store_error(r, rc);
	arr = json_array();
	for (i = 0; i < n; i++) {
		o = json_object();
		api_stats_key(r, (enum stats_group)g, &rows[i], o);
		json_array_append_new(arr, api_stats_sum(o, &rows[i].sum, m));
	}
	o = json_pack("{s:s, s:o, s:o, s:b}", "group",
	    store_stats_group_name((enum stats_group)g), "rows", arr, "total",
	    api_stats_sum(json_object(), &total, m), "truncated", more);
	text = req_json_dump(r, o);
	json_decref(o);
	store_cache_put(key, gen, text);
	return reply_text(r, 200, "application/json; charset=utf-8", text,
	    strlen(text));
}

/* A pair found: the ids, titles and the village to show. */
struct dup_pair {
	struct dup_item	 a, b;
	char		 code[PLACE_CODE_MAX];
	const char	*name, *why;
};

struct dup_slot {
	int64_t	 a, b;		/* a 0: empty */
	int	 at;		/* in kept, or -1 */
};

/*
 * The pairs found, deduplicated: the rows come in no order, one per
 * pair and shared village, and the rule does not depend on the
 * village, so a pair is decided once; a map from (a, b) to its index
 * in the kept pairs (-1: counted, not kept) in the pool.
 */
struct pairs_ctx {
	struct arena	*a;
	struct dup_pair	*kept;
	int		 nkept;
	int64_t		 total;
	struct dup_slot	*map;
	size_t		 cap, n;
};

static size_t
api_dup_slot(const struct pairs_ctx *c, int64_t a, int64_t b)
{
	size_t i;

	i = ((uint64_t)a * 0x9e3779b97f4a7c15u ^ (uint64_t)b) % c->cap;
	while (c->map[i].a && (c->map[i].a != a || c->map[i].b != b))
		i = (i + 1) % c->cap;
	return i;
}

static void
api_dup_grow(struct pairs_ctx *c)
{
	struct dup_slot	*m = c->map;
	size_t		 i, k, old = c->cap;

	c->cap = old ? 2 * old : 256;
	c->map = arena_alloc(c->a, c->cap * sizeof(*c->map));
	memset(c->map, 0, c->cap * sizeof(*c->map));
	for (i = 0; i < old; i++)
		if (m[i].a) {
			k = api_dup_slot(c, m[i].a, m[i].b);
			c->map[k] = m[i];
		}
}

static void
api_dup_keep(struct arena *a, struct dup_item *to, const struct dup_item *from)
{
	*to = *from;
	to->title = arena_strdup(a, from->title);
	to->category = NULL;
}

static int
api_dup_row(const struct dup_item *a, const struct dup_item *b,
    const char *code, const char *name, void *arg)
{
	struct pairs_ctx	*c = arg;
	struct dup_pair		*p;
	const char		*why;
	size_t			 k;

	if (c->cap && c->map[k = api_dup_slot(c, a->id, b->id)].a) {
		/* decided: show the first village by code */
		if (c->map[k].at >= 0 && strcmp(code,
		    (p = &c->kept[c->map[k].at])->code) < 0) {
			util_strlcpy(p->code, code, sizeof(p->code));
			p->name = arena_strdup(c->a, name);
		}
		return 0;
	}
	if ((why = dup_reason(a, b)) == NULL)
		return 0;
	if (2 * (c->n + 1) > c->cap)
		api_dup_grow(c);
	k = api_dup_slot(c, a->id, b->id);
	c->map[k].a = a->id;
	c->map[k].b = b->id;
	c->map[k].at = -1;
	c->n++;
	c->total++;
	if (c->nkept < DUP_PAIRS_MAX) {
		p = &c->kept[c->nkept];
		api_dup_keep(c->a, &p->a, a);
		api_dup_keep(c->a, &p->b, b);
		util_strlcpy(p->code, code, sizeof(p->code));
		p->name = arena_strdup(c->a, name);
		p->why = why;
		c->map[k].at = c->nkept++;
	}
	return 0;
}

static int
api_dup_cmp(const void *x, const void *y)
{
	const struct dup_pair *p = x, *q = y;

	if (p->a.id != q->a.id)
		return p->a.id < q->a.id ? -1 : 1;
	return p->b.id < q->b.id ? -1 : p->b.id > q->b.id;
}

static json_t *
api_dup_side(const struct dup_item *it)
{
	return json_pack("{s:I, s:I, s:s}", "id", (json_int_t)it->id,
	    "ledger_id", (json_int_t)it->ledger_id, "title", it->title);
}

/*
 * GET /api/v1/ledgers/:id/duplicates
 * The items of a project or need ledger that duplicate another item of
 * it or of any project or need ledger, both in the caller's scope:
 * {"pairs": [{"a": {id, ledger_id, title}, "b": {...}, "place":
 * {code, name}, "reason"}], "total", "truncated"}.
 */
int
api_ledger_duplicates(struct req *r)
{
	struct pairs_ctx	 c;
	struct viewer		 v = api_viewer(r);
	struct ledger		 l;
	json_t			*pairs;
	int64_t			 id;
	enum store_rc		 rc;
	bool			 more = false;
	int			 i;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "台账编号无效");
	if ((rc = store_ledger_get(r->store, id, &l)) != STORE_OK)
		return rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "台账不存在") : reply_store_error(r, rc);
	ledger_free(&l);
	memset(&c, 0, sizeof(c));
	c.a = r->pool;
	c.kept = arena_alloc(r->pool, DUP_PAIRS_MAX * sizeof(*c.kept));
	if ((l.kind == KIND_PROJECT || l.kind == KIND_NEED) &&
	    (rc = store_dup_pairs(r->store, &v, id, DUP_ROWS_MAX, api_dup_row,
	    &c, &more)) != STORE_OK)
		return reply_store_error(r, rc);
	qsort(c.kept, (size_t)c.nkept, sizeof(*c.kept), api_dup_cmp);
	pairs = json_array();
	for (i = 0; i < c.nkept; i++)
		json_array_append_new(pairs, json_pack("{s:o, s:o, s:{s:s, s:s}, "
		    "s:s}", "a", api_dup_side(&c.kept[i].a), "b",
		    api_dup_side(&c.kept[i].b), "place", "code", c.kept[i].code,
		    "name", c.kept[i].name, "reason", c.kept[i].why));
	return reply_json(r, 200, json_pack("{s:o, s:I, s:b}", "pairs", pairs,
	    "total", (json_int_t)c.total, "truncated",
	    more || c.total > c.nkept));
}
