/*
 * Ledgers: templates, list, create, read, edit.  Every logged-in user
 * sees the list of ledgers (their items are scoped); supervisors create
 * and edit the ledgers of their units and regions.
 */
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "api_json.h"
#include "arena.h"
#include "store_ledger.h"
#include "store_place.h"
#include "store_unit.h"
#include "util.h"

/* The number of items of ledger l the caller may see. */
static int64_t
api_ledger_count(struct req *r, const struct ledger *l)
{
	struct item_filter	f;
	struct viewer		v = api_viewer(r);

	store_item_filter_init(&f);
	f.ledger_id = l->id;
	return store_item_count(r->store, &v, &f);
}

static json_t *
json_ledger(struct req *r, const struct ledger *l, bool full)
{
	json_t			*j, *states, *tr;
	const char *const	*s;
	int			 i;

	j = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:i, "
	    "s:o, s:o, s:I, s:I}",
	    "id", (json_int_t)l->id, "name", l->name,
	    "kind", workflow_kind_name(l->kind),
	    "kind_label", workflow_kind_label(l->kind),
	    "template", json_str_or_null(l->template_key),
	    "year", l->year ? json_integer(l->year) : json_null(),
	    "owner_unit_id", l->owner_unit_id ?
	    json_integer(l->owner_unit_id) : json_null(),
	    "region", json_str_or_null(l->region),
	    "warn_days", l->warn_days, "lag_points", l->lag_points,
	    "created_at", json_time(l->created_at),
	    "updated_at", json_time(l->updated_at),
	    "version", (json_int_t)l->version,
	    "item_count", (json_int_t)api_ledger_count(r, l));
	if (!full)
		return j;
	json_object_set(j, "config", l->config);
	states = json_array();
	for (s = workflow_states(l->kind); *s; s++)
		json_array_append_new(states, json_pack("{s:s, s:b}", "name", *s,
		    "final", workflow_final(l->kind, *s)));
	json_object_set_new(j, "states", states);
	tr = json_array();
	for (i = 0; i < workflow_ntransitions; i++) {
		const struct transition *t = &workflow_transitions[i];
		if (t->kind != l->kind)
			continue;
		json_array_append_new(tr, json_pack("{s:o, s:s, s:s, s:s, s:b, "
		    "s:b, s:b, s:b}", "from", json_str_or_null(t->from),
		    "to", t->to, "action", t->action, "role", role_name(t->role),
		    "needs_note", (t->needs & (WF_NOTE | WF_REPLY)) != 0,
		    "needs_date", (t->needs & WF_DATE) != 0,
		    "needs_result", (t->needs & WF_RESULT) != 0,
		    "completes", t->completes));
	}
	json_object_set_new(j, "transitions", tr);
	return j;
}

/* GET /api/v1/ledger-templates */
int
api_ledger_templates(struct req *r)
{
	json_t	*items = json_array();
	int	 i;

	for (i = 0; i < ledger_ntemplates; i++) {
		const struct ledger_template *t = &ledger_templates[i];
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:o}",
		    "key", t->key, "name", t->name, "kind",
		    workflow_kind_name(t->kind), "kind_label",
		    workflow_kind_label(t->kind), "config",
		    json_loads(t->config, 0, NULL)));
	}
	return reply_json(r, 200, json_pack("{s:o}", "items", items));
}

struct list_ctx {
	struct req	*r;
	json_t		*items;
};

static int
api_ledgers_add(const struct ledger *l, void *arg)
{
	struct list_ctx *c = arg;

	json_array_append_new(c->items, json_ledger(c->r, l, false));
	return 0;
}

/* GET /api/v1/ledgers */
int
api_ledgers_list(struct req *r)
{
	struct list_ctx	c = { r, json_array() };
	enum store_rc	rc;

	if ((rc = store_ledger_list(r->store, api_ledgers_add, &c)) !=
	    STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)json_array_size(c.items)));
}

static int
api_ledger_load(struct req *r, struct ledger *l)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "台账编号无效"), -1;
	if ((rc = store_ledger_get(r->store, id, l)) != STORE_OK)
		return (rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "台账不存在") : reply_store_error(r, rc)), -1;
	req_json_keep(r, l->config);
	return 0;
}

/* GET /api/v1/ledgers/:id  with config, states and transitions. */
int
api_ledger_get(struct req *r)
{
	struct ledger l;

	if (api_ledger_load(r, &l) == -1)
		return 0;
	api_etag(r, l.version);
	return reply_json(r, 200, json_ledger(r, &l, true));
}

/* Fields of a ledger from body (create: name and kind or template). */
static int
api_ledger_fields(struct req *r, json_t *body, struct ledger *l, bool create)
{
	const char	*name = NULL, *region = NULL, *why;
	struct unit	 u;
	struct place	 p;
	json_t		*cfg;
	int64_t		 x;
	bool		 has;
	char		 msg[256], code[PLACE_CODE_MAX];

	if (req_str(r, body, "name", "台账名称", 100, create, &name) == -1 ||
	    req_str(r, body, "region", "区域", 12, false, &region) == -1)
		return -1;
	if (name)
		util_strlcpy(l->name, name, sizeof(l->name));
	if (req_int(r, body, "year", "年度", 1949, 2100, false, &x, &has) == -1)
		return -1;
	if (has || json_is_null(json_object_get(body, "year")))
		l->year = has ? (int)x : 0;
	if (req_int(r, body, "warn_days", "临期提醒天数", 0, 365, false, &x,
	    &has) == -1)
		return -1;
	if (has)
		l->warn_days = (int)x;
	if (req_int(r, body, "lag_points", "滞后百分点", 0, 100, false, &x,
	    &has) == -1)
		return -1;
	if (has)
		l->lag_points = (int)x;
	if (req_int(r, body, "owner_unit_id", "所属单位", 1, INT64_MAX, false,
	    &x, &has) == -1)
		return -1;
	if (has) {
		if (store_unit_get(r->store, x, &u) != STORE_OK)
			return reply_error_field(r, 400, "bad_unit",
			    "「所属单位」不存在", "owner_unit_id"), -1;
		l->owner_unit_id = x;
	}
	if (json_object_get(body, "region")) {
		l->region[0] = '\0';
		if (region && *region) {
			if (place_code_norm(region, code) == -1 ||
			    store_place_get(r->store, code, &p) != STORE_OK)
				return reply_error_field(r, 400, "bad_region",
				    "「区域」不是已有的区划代码", "region"), -1;
			util_strlcpy(l->region, code, sizeof(l->region));
		}
	}
	if ((cfg = json_object_get(body, "config")) != NULL) {
		if ((why = ledger_config_invalid(cfg, msg, sizeof(msg))) != NULL)
			return reply_error_field(r, 400, "bad_config",
			    arena_strdup(r->pool, why), "config"), -1;
		/* borrowed from the body, which the request keeps; the old
		 * config's reference is the request's to drop */
		l->config = cfg;
	}
	return 0;
}

/* May the caller manage ledgers owned by unit / in region? */
static bool
api_ledger_may(struct req *r, const struct ledger *l)
{
	struct item none;

	memset(&none, 0, sizeof(none));
	return api_item_may(r, l, &none, ROLE_SUPERVISOR);
}

/*
 * POST /api/v1/ledgers {"name", "kind" | "template", "year",
 *     "owner_unit_id", "region", "config"?, "warn_days", "lag_points"}
 */
int
api_ledger_create(struct req *r)
{
	struct ledger			 l;
	const struct ledger_template	*t = NULL;
	json_t				*body, *after;
	const char			*kind = NULL, *tmpl = NULL;
	enum store_rc			 rc;

	if (req_json_body(r, &body) == -1 ||
	    req_str(r, body, "kind", "台账类型", 20, false, &kind) == -1 ||
	    req_str(r, body, "template", "模板", 20, false, &tmpl) == -1)
		return 0;
	memset(&l, 0, sizeof(l));
	l.warn_days = 7;
	l.lag_points = 20;
	if (tmpl && (t = ledger_template_find(tmpl)) == NULL)
		return reply_error_field(r, 400, "bad_template",
		    "没有这个台账模板", "template");
	l.kind = t ? t->kind : kind ? workflow_kind_parse(kind) : KIND_NONE;
	if (l.kind == KIND_NONE)
		return reply_error_field(r, 400, "bad_kind",
		    "「台账类型」应为 project、task、need、suggestion、problem "
		    "或 record,或给出模板", "kind");
	if (t && kind && workflow_kind_parse(kind) != t->kind)
		return reply_error_field(r, 400, "bad_kind",
		    "「台账类型」与模板不符", "kind");
	l.config = ledger_config_default(l.kind, tmpl);
	req_json_keep(r, l.config);
	if (t)
		util_strlcpy(l.template_key, t->key, sizeof(l.template_key));
	if (api_ledger_fields(r, body, &l, true) == -1)
		return 0;
	if (!api_ledger_may(r, &l))
		return reply_error(r, 403, "out_of_scope",
		    "只能为本人负责的单位或区域建立台账(请指定所属单位或区域)");
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_ledger_add(r->store, &l, r->user->id)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_ledger(r, &l, true);
	req_json_keep(r, after);
	if (api_commit(r, "create", "ledger", arena_printf(r->pool, "%lld",
	    (long long)l.id), NULL, after) == -1)
		return 0;
	api_etag(r, l.version);
	return reply_json(r, 201, json_incref(after));
}

/* PATCH /api/v1/ledgers/:id with If-Match. */
int
api_ledger_patch(struct req *r)
{
	struct ledger	 l;
	json_t		*body, *before, *after;
	int64_t		 version;
	enum store_rc	 rc;

	/* the scope first: a 428 or 400 would tell an outsider more */
	if (api_ledger_load(r, &l) == -1)
		return 0;
	if (!api_ledger_may(r, &l))
		return reply_error(r, 403, "out_of_scope",
		    "该台账不在您的管辖范围内");
	if (api_if_match(r, &version) == -1 || req_json_body(r, &body) == -1)
		return 0;
	if (json_object_get(body, "kind") || json_object_get(body, "template"))
		return reply_error_field(r, 400, "immutable",
		    "台账类型建立后不能修改", "kind");
	before = json_ledger(r, &l, true);
	req_json_keep(r, before);
	if (api_ledger_fields(r, body, &l, false) == -1)
		return 0;
	if (!api_ledger_may(r, &l))
		return reply_error(r, 403, "out_of_scope",
		    "不能把台账改到您管辖范围以外");
	l.version = version;
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_ledger_update(r->store, &l)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_ledger(r, &l, true);
	req_json_keep(r, after);
	if (api_commit(r, "update", "ledger", arena_printf(r->pool, "%lld",
	    (long long)l.id), before, after) == -1)
		return 0;
	api_etag(r, l.version);
	return reply_json(r, 200, json_incref(after));
}
