/*
 * Items: list with filters, create, read, edit.  Supervisors in scope
 * write every field; reporters of the item's units only its progress.
 */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "api_json.h"
#include "arena.h"
#include "dup.h"
#include "money.h"
#include "pii.h"
#include "store_place.h"
#include "store_unit.h"
#include "util.h"

struct viewer
api_viewer(const struct req *r)
{
	struct viewer v = { r->user->id, r->user->role == ROLE_ADMIN };

	return v;
}

int
api_item_load_id(struct req *r, int64_t id, struct item *it, enum light *light,
    struct ledger *l)
{
	struct viewer	v = api_viewer(r);
	enum store_rc	rc;

	if (!store_item_visible(r->store, &v, id))
		return reply_error(r, 404, "not_found", "事项不存在"), -1;
	if ((rc = store_item_get(r->store, r->pool, id, it, light)) != STORE_OK)
		return (rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "事项不存在") :
		    reply_store_error(r, rc)), -1;
	if ((rc = store_ledger_get(r->store, it->ledger_id, l)) != STORE_OK)
		return reply_store_error(r, rc), -1;
	req_json_keep(r, l->config);
	return 0;
}

int
api_item_load(struct req *r, struct item *it, enum light *light,
    struct ledger *l)
{
	int64_t id;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "事项编号无效"), -1;
	return api_item_load_id(r, id, it, light, l);
}

/* Does a role-`role` membership cover unit id (or an ancestor)? */
static bool
api_unit_covered(struct req *r, int64_t id, enum role role)
{
	int64_t	chain[UNIT_DEPTH_MAX];
	size_t	n = 0;

	if (id == 0 || store_unit_chain(r->store, id, chain, NELEM(chain), &n) !=
	    STORE_OK)
		return false;
	return user_may(r->user, role, NULL, chain, n);
}

/* The ledger's part of api_item_may: its region or owner unit. */
static bool
api_ledger_may(struct req *r, const struct ledger *l, enum role role)
{
	if (l->region[0] && user_may(r->user, role, l->region, NULL, 0))
		return true;
	return api_unit_covered(r, l->owner_unit_id, role);
}

/* api_unit_covered, remembered in m (when not NULL) by unit. */
static bool
api_unit_may(struct req *r, int64_t id, enum role role,
    struct api_item_memo *m)
{
	size_t	i;
	bool	ok;

	for (i = 0; m && i < m->nunits; i++)
		if (m->units[i] == id)
			return m->ok[i];
	ok = api_unit_covered(r, id, role);
	if (m && m->nunits < NELEM(m->units)) {
		m->units[m->nunits] = id;
		m->ok[m->nunits++] = ok;
	}
	return ok;
}

bool
api_item_may_memo(struct req *r, const struct ledger *l,
    const struct item *it, enum role role, struct api_item_memo *m)
{
	int i;

	if (user_may(r->user, role, NULL, NULL, 0))	/* admin */
		return true;
	if (m && m->ledger == 0)
		m->ledger = api_ledger_may(r, l, role) ? 1 : -1;
	if (m && m->ledger == 1)
		return true;
	for (i = 0; it && i < it->nplaces; i++)
		if (user_may(r->user, role, it->places[i].code, NULL, 0))
			return true;
	if (it && api_unit_may(r, it->lead.id, role, m))
		return true;
	for (i = 0; it && i < it->nco; i++)
		if (api_unit_may(r, it->co[i].id, role, m))
			return true;
	return m ? false : api_ledger_may(r, l, role);
}

/*
 * A supervisor who covers neither the ledger nor one of the item's
 * places (only its lead or co-operating unit) adds to a ledger with a
 * region only through a unit of that region: another county's
 * supervisor cannot put an item of his unit into this county's ledger.
 */
static bool
api_item_unit_in_region(struct req *r, const struct ledger *l,
    const struct item *it, struct api_item_memo *m)
{
	struct unit	u;
	int		i;

	if (l->region[0] == '\0' || user_may(r->user, ROLE_SUPERVISOR, NULL,
	    NULL, 0) || (m ? m->ledger == 1 : api_ledger_may(r, l,
	    ROLE_SUPERVISOR)))
		return true;
	for (i = 0; i < it->nplaces; i++)
		if (user_may(r->user, ROLE_SUPERVISOR, it->places[i].code, NULL,
		    0))
			return true;
	if (it->lead.id && api_unit_may(r, it->lead.id, ROLE_SUPERVISOR, m) &&
	    store_unit_get(r->store, it->lead.id, &u) == STORE_OK &&
	    place_in_region(u.place_code, l->region))
		return true;
	for (i = 0; i < it->nco; i++)
		if (api_unit_may(r, it->co[i].id, ROLE_SUPERVISOR, m) &&
		    store_unit_get(r->store, it->co[i].id, &u) == STORE_OK &&
		    place_in_region(u.place_code, l->region))
			return true;
	return false;
}

bool
api_item_may(struct req *r, const struct ledger *l, const struct item *it,
    enum role role)
{
	return api_item_may_memo(r, l, it, role, NULL);
}

json_t *
json_money(int64_t fen)
{
	char b[32];

	money_fmt_yuan(fen, b, sizeof(b));
	return json_string(b);
}

json_t *
json_day(int32_t day)
{
	char b[16];

	if (day == DATE_NONE)
		return json_null();
	date_fmt(day, b, sizeof(b));
	return json_string(b);
}

static json_t *
json_count(int64_t v)
{
	return v < 0 ? json_null() : json_integer(v);
}

bool
api_item_pii_full(struct req *r, const struct ledger *l,
    const struct item *it)
{
	int i;

	if (r == NULL || r->user == NULL)	/* no caller: the system's own */
		return true;
	if (user_max_role(r->user) < ROLE_REPORTER)
		return false;
	/* what needs no query first: a list calls this for every item */
	for (i = 0; i < it->nplaces; i++)
		if (user_may(r->user, ROLE_REPORTER, it->places[i].code, NULL, 0))
			return true;
	if (l->region[0] && user_may(r->user, ROLE_REPORTER, l->region, NULL,
	    0))
		return true;
	return api_item_may(r, l, it, ROLE_REPORTER);
}

json_t *
json_item(struct req *r, const struct item *it, enum light light,
    const struct ledger *l)
{
	struct light_in	 in;
	struct item	 masked;
	json_t		*j, *a;
	int		 i;

	if (!api_item_pii_full(r, l, it)) {
		masked = *it;
		pii_item_mask(r->pool, &masked, l);
		it = &masked;
	}
	j = json_pack("{s:I, s:I, s:I, s:o, s:s, s:o, s:o, s:s, s:b}",
	    "id", (json_int_t)it->id, "ledger_id", (json_int_t)it->ledger_id,
	    "seq", (json_int_t)it->seq, "code", json_str_or_null(it->code),
	    "title", it->title, "content", json_str_or_null(it->content),
	    "category", json_str_or_null(it->category), "state", it->state,
	    "done", it->done);
	in.done = it->done;
	in.start = it->start;
	in.deadline = it->deadline;
	in.today = date_today();
	in.progress = it->progress;
	in.warn_days = l->warn_days;
	in.lag_points = l->lag_points;
	json_object_set_new(j, "light", json_string(light_name(light)));
	json_object_set_new(j, "light_label", json_string(light_label(light)));
	json_object_set_new(j, "expected_progress",
	    light_expected(&in) < 0 ? json_null() :
	    json_integer(light_expected(&in)));
	a = json_array();
	for (i = 0; i < it->nplaces; i++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:b, s:o}",
		    "code", it->places[i].code,
		    "name", json_str_or_null(it->places[i].name),
		    "share", json_money(it->places[i].share_fen),
		    "share_given", it->places[i].share_given,
		    "detail", json_str_or_null(it->places[i].detail)));
	json_object_set_new(j, "places", a);
	json_object_set_new(j, "lead_unit", it->lead.id ?
	    json_pack("{s:I, s:o}", "id", (json_int_t)it->lead.id, "name",
	    json_str_or_null(it->lead.name)) : json_null());
	a = json_array();
	for (i = 0; i < it->nco; i++)
		json_array_append_new(a, json_pack("{s:I, s:o}", "id",
		    (json_int_t)it->co[i].id, "name",
		    json_str_or_null(it->co[i].name)));
	json_object_set_new(j, "co_units", a);
	json_object_set_new(j, "leader", json_str_or_null(it->leader));
	json_object_set_new(j, "leader_phone", json_str_or_null(it->leader_phone));
	json_object_set_new(j, "responsible", json_str_or_null(it->responsible));
	json_object_set_new(j, "responsible_phone",
	    json_str_or_null(it->responsible_phone));
	json_object_set_new(j, "start", json_day(it->start));
	json_object_set_new(j, "deadline", json_day(it->deadline));
	json_object_set_new(j, "completed", json_day(it->completed));
	json_object_set_new(j, "progress", json_integer(it->progress));
	json_object_set_new(j, "progress_text",
	    json_str_or_null(it->progress_text));
	json_object_set_new(j, "amount", json_money(it->amount_fen));
	json_object_set_new(j, "paid", json_money(it->paid_fen));
	json_object_set_new(j, "beneficiaries", json_pack("{s:o, s:o, s:o, s:o}",
	    "households", json_count(it->households),
	    "persons", json_count(it->persons),
	    "poor_households", json_count(it->poor_households),
	    "monitored_households", json_count(it->monitored_households)));
	a = json_array();
	for (i = 0; i < it->nfunds; i++) {
		const struct fund_line *f = &it->funds[i];
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:o, s:o, "
		    "s:o, s:o}", "source", f->source, "unit_id", f->unit_id ?
		    json_integer(f->unit_id) : json_null(), "kind", f->kind,
		    "amount", json_money(f->amount_fen), "date",
		    json_day(f->day), "doc_no", json_str_or_null(f->doc_no),
		    "place_code", json_str_or_null(f->place_code)));
	}
	json_object_set_new(j, "funds", a);
	a = json_array();
	for (i = 0; i < it->ntargets; i++) {
		const struct item_target *t = &it->targets[i];
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:s, s:s, "
		    "s:o, s:o}", "level1", t->level1, "level2",
		    json_str_or_null(t->level2), "indicator", t->indicator,
		    "op", t->op, "target", t->target, "actual",
		    json_str_or_null(t->actual), "unit",
		    json_str_or_null(t->unit)));
	}
	json_object_set_new(j, "targets", a);
	json_object_set_new(j, "custom", it->custom ? json_incref(it->custom) :
	    json_object());
	json_object_set_new(j, "created_at", json_time(it->created_at));
	json_object_set_new(j, "updated_at", json_time(it->updated_at));
	json_object_set_new(j, "created_by", it->created_by ?
	    json_integer(it->created_by) : json_null());
	json_object_set_new(j, "updated_by", it->updated_by ?
	    json_integer(it->updated_by) : json_null());
	json_object_set_new(j, "version", json_integer(it->version));
	return j;
}

int
req_day(struct req *r, json_t *o, const char *key, const char *label,
    int32_t *out, bool *present)
{
	json_t *v = json_object_get(o, key);

	*present = v != NULL;
	if (v == NULL)
		return 0;
	if (json_is_null(v) || (json_is_string(v) &&
	    json_string_length(v) == 0)) {
		*out = DATE_NONE;
		return 0;
	}
	if (!json_is_string(v) || date_parse(json_string_value(v), out) == -1)
		return reply_error_field(r, 400, "bad_date", arena_printf(r->pool,
		    "「%s」应为日期,如 2025-06-30", label), key), -1;
	return 0;
}

int
req_money(struct req *r, json_t *o, const char *key, const char *label,
    int64_t *out, bool *present)
{
	json_t *v = json_object_get(o, key);

	*present = v != NULL && !json_is_null(v);
	if (!*present)
		return 0;
	if (!json_is_string(v) || money_parse_yuan(json_string_value(v),
	    out) == -1 || *out < 0)
		return reply_error_field(r, 400, "bad_money", arena_printf(r->pool,
		    "「%s」应为以元计的金额文字,如 \"14490000.00\"", label), key),
		    -1;
	return 0;
}

int
api_item_commit(struct req *r, const char *action, int64_t id, json_t *before,
    json_t *after)
{
	return api_commit(r, action, "item", arena_printf(r->pool, "%lld",
	    (long long)id), before, after);
}

/* Reply 400 naming field key (its label) as required. */
static int
api_item_missing(struct req *r, const char *key)
{
	return reply_error_field(r, 400, "required", arena_printf(r->pool,
	    "「%s」不能为空", ledger_field_label(key)), key);
}

/* A found (or missing) name into m's table t under key. */
static void
api_item_memo_put(json_t **t, const char *key, const char *name)
{
	if (*t == NULL)
		*t = json_object();
	json_object_set_new(*t, key, name ? json_string(name) : json_null());
}

/* The name of place code (in r's pool), or NULL if there is none;
 * remembered in m when not NULL. */
static const char *
api_item_place_name(struct req *r, struct api_item_memo *m, const char *code)
{
	struct place	 p;
	json_t		*v;
	enum store_rc	 rc;

	if (m && (v = json_object_get(m->places, code)) != NULL)
		return json_is_null(v) ? NULL : json_string_value(v);
	rc = store_place_get(r->store, code, &p);
	if (m && (rc == STORE_OK || rc == STORE_NOTFOUND))
		api_item_memo_put(&m->places, code, rc == STORE_OK ? p.name :
		    NULL);
	return rc == STORE_OK ? arena_strdup(r->pool, p.name) : NULL;
}

/* The name of unit id, or NULL if there is none; remembered in m. */
static const char *
api_item_unit_name(struct req *r, struct api_item_memo *m, int64_t id)
{
	struct unit	 un;
	json_t		*v;
	enum store_rc	 rc;
	char		 key[24];

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if (m && (v = json_object_get(m->unit_names, key)) != NULL)
		return json_is_null(v) ? NULL : json_string_value(v);
	rc = store_unit_get(r->store, id, &un);
	if (m && (rc == STORE_OK || rc == STORE_NOTFOUND))
		api_item_memo_put(&m->unit_names, key, rc == STORE_OK ?
		    un.name : NULL);
	return rc == STORE_OK ? arena_strdup(r->pool, un.name) : NULL;
}

void
api_item_memo_free(struct api_item_memo *m)
{
	json_decref(m->places);
	json_decref(m->unit_names);
	memset(m, 0, sizeof(*m));
}

/* "places": [{"code", "share"?, "detail"?}] */
static int
api_item_places(struct req *r, const struct ledger *l, json_t *arr,
    struct item *it, struct api_item_memo *m)
{
	json_t		*o;
	size_t		 i;
	const char	*code = NULL, *detail = NULL, *name;
	char		 c[PLACE_CODE_MAX];
	bool		 has;

	if (!json_is_array(arr) || json_array_size(arr) > ITEM_PLACES_MAX)
		return reply_error_field(r, 400, "bad_type", "「实施地点」应为列表",
		    "places"), -1;
	it->places = arena_alloc(r->pool, (json_array_size(arr) + 1) *
	    sizeof(*it->places));
	it->nplaces = 0;
	json_array_foreach(arr, i, o) {
		struct item_place *ip = &it->places[it->nplaces];
		memset(ip, 0, sizeof(*ip));
		code = detail = NULL;
		if (json_is_string(o))
			code = json_string_value(o);
		else if (!json_is_object(o) || req_str(r, o, "code", "区划代码",
		    12, true, &code) == -1 || req_str(r, o, "detail", "具体位置",
		    100, false, &detail) == -1 || req_money(r, o, "share",
		    "分摊金额", &ip->share_fen, &has) == -1)
			return r->status ? -1 : (reply_error_field(r, 400,
			    "bad_type", "「实施地点」每项应为区划代码或对象",
			    "places"), -1);
		if (json_is_object(o))
			ip->share_given = has;
		if (code == NULL || place_code_norm(code, c) == -1 ||
		    (name = api_item_place_name(r, m, c)) == NULL)
			return reply_error_field(r, 400, "bad_place",
			    arena_printf(r->pool, "「实施地点」第%zu项 %s 不存在",
			    i + 1, code ? code : ""), "places"), -1;
		if (l->region[0] && !place_in_region(c, l->region))
			return reply_error_field(r, 400, "out_of_region",
			    arena_printf(r->pool, "「实施地点」%s 不在本台账的区域内",
			    name), "places"), -1;
		util_strlcpy(ip->code, c, sizeof(ip->code));
		ip->name = arena_strdup(r->pool, name);
		ip->detail = detail;
		for (size_t k = 0; k < (size_t)it->nplaces; k++)
			if (strcmp(it->places[k].code, c) == 0)
				return reply_error_field(r, 400, "duplicate",
				    arena_printf(r->pool, "「实施地点」%s 重复",
				    name), "places"), -1;
		it->nplaces++;
	}
	return 0;
}

static int
api_item_unit(struct req *r, json_t *body, const char *key, const char *label,
    struct item_unitref *u, bool *present, struct api_item_memo *m)
{
	int64_t id = 0;

	if (req_int(r, body, key, label, 1, INT64_MAX, false, &id,
	    present) == -1)
		return -1;
	if (json_object_get(body, key) == NULL) {
		*present = false;
		return 0;
	}
	*present = true;
	u->id = id;
	u->name = NULL;
	if (id && (u->name = api_item_unit_name(r, m, id)) == NULL)
		return reply_error_field(r, 400, "bad_unit", arena_printf(r->pool,
		    "「%s」单位%lld不存在", label, (long long)id), key), -1;
	return 0;
}

static int
api_item_co_units(struct req *r, json_t *arr, struct item *it,
    struct api_item_memo *m)
{
	json_t		*v;
	const char	*name;
	size_t		 i;

	if (!json_is_array(arr) || json_array_size(arr) > ITEM_UNITS_MAX)
		return reply_error_field(r, 400, "bad_type",
		    "「协办单位」应为单位编号列表", "co_unit_ids"), -1;
	it->co = arena_alloc(r->pool, (json_array_size(arr) + 1) *
	    sizeof(*it->co));
	it->nco = 0;
	json_array_foreach(arr, i, v) {
		if (!json_is_integer(v) || (name = api_item_unit_name(r, m,
		    json_integer_value(v))) == NULL)
			return reply_error_field(r, 400, "bad_unit",
			    arena_printf(r->pool, "「协办单位」第%zu项不存在", i + 1),
			    "co_unit_ids"), -1;
		it->co[it->nco].id = json_integer_value(v);
		it->co[it->nco++].name = name;
	}
	return 0;
}

/* "funds": [{"source", "kind", "amount", "unit_id"?, "date"?, "doc_no"?,
 * "place_code"?}] */
static int
api_item_funds(struct req *r, const struct ledger *l, json_t *arr,
    struct item *it)
{
	json_t		*o;
	size_t		 i;
	bool		 has;
	const char	*place;
	char		 c[PLACE_CODE_MAX];

	if (!json_is_array(arr) || json_array_size(arr) > ITEM_FUNDS_MAX)
		return reply_error_field(r, 400, "bad_type", "「资金」应为列表",
		    "funds"), -1;
	it->funds = arena_alloc(r->pool, (json_array_size(arr) + 1) *
	    sizeof(*it->funds));
	it->nfunds = 0;
	json_array_foreach(arr, i, o) {
		struct fund_line *f = &it->funds[it->nfunds];
		memset(f, 0, sizeof(*f));
		f->day = DATE_NONE;
		place = NULL;
		if (!json_is_object(o))
			return reply_error_field(r, 400, "bad_type",
			    "「资金」每项应为对象", "funds"), -1;
		if (req_str(r, o, "source", "资金来源", 20, true, &f->source) == -1 ||
		    req_str(r, o, "kind", "资金类型", 8, true, &f->kind) == -1 ||
		    req_money(r, o, "amount", "金额", &f->amount_fen, &has) == -1 ||
		    req_int(r, o, "unit_id", "出资单位", 1, INT64_MAX, false,
		    &f->unit_id, NULL) == -1 ||
		    req_day(r, o, "date", "日期", &f->day, &has) == -1 ||
		    req_str(r, o, "doc_no", "文号", 60, false, &f->doc_no) == -1 ||
		    req_str(r, o, "place_code", "地点", 12, false, &place) == -1)
			return -1;
		if (!json_object_get(o, "amount"))
			return reply_error_field(r, 400, "required",
			    "「金额」不能为空", "amount"), -1;
		if (!item_fund_kind_valid(f->kind))
			return reply_error_field(r, 400, "bad_kind",
			    "「资金类型」应为计划、下达、到位或支付", "kind"), -1;
		if (!ledger_dict_has(l, "fund_source", f->source))
			return reply_error_field(r, 400, "bad_source",
			    arena_printf(r->pool, "「资金来源」%s 不在字典中",
			    f->source), "source"), -1;
		if (place && *place) {
			if (place_code_norm(place, c) == -1)
				return reply_error_field(r, 400, "bad_place",
				    "「地点」不是区划代码", "place_code"), -1;
			util_strlcpy(f->place_code, c, sizeof(f->place_code));
		}
		it->nfunds++;
	}
	return 0;
}

/* "targets": [{"level1", "level2"?, "indicator", "op", "target",
 * "actual"?, "unit"?}] */
static int
api_item_targets(struct req *r, json_t *arr, struct item *it)
{
	static const char *const ops[] = { "≥", "≤", "=", ">", "<", ">=", "<=" };
	static const char *const level1[] = { "产出指标", "效益指标",
	    "满意度指标", "成本指标" };
	json_t	*o;
	size_t	 i, k;

	if (!json_is_array(arr) || json_array_size(arr) > ITEM_TARGETS_MAX)
		return reply_error_field(r, 400, "bad_type",
		    "「绩效目标」应为列表", "targets"), -1;
	it->targets = arena_alloc(r->pool, (json_array_size(arr) + 1) *
	    sizeof(*it->targets));
	it->ntargets = 0;
	json_array_foreach(arr, i, o) {
		struct item_target *t = &it->targets[it->ntargets];
		memset(t, 0, sizeof(*t));
		if (!json_is_object(o))
			return reply_error_field(r, 400, "bad_type",
			    "「绩效目标」每项应为对象", "targets"), -1;
		if (req_str(r, o, "level1", "一级指标", 10, true, &t->level1) == -1 ||
		    req_str(r, o, "level2", "二级指标", 30, false, &t->level2) == -1 ||
		    req_str(r, o, "indicator", "指标", 200, true,
		    &t->indicator) == -1 ||
		    req_str(r, o, "op", "比较", 2, true, &t->op) == -1 ||
		    req_str(r, o, "target", "目标值", 60, true, &t->target) == -1 ||
		    req_str(r, o, "actual", "实际值", 60, false, &t->actual) == -1 ||
		    req_str(r, o, "unit", "计量单位", 20, false, &t->unit) == -1)
			return -1;
		for (k = 0; k < NELEM(level1); k++)
			if (strcmp(t->level1, level1[k]) == 0)
				break;
		if (k == NELEM(level1))
			return reply_error_field(r, 400, "bad_level1",
			    "「一级指标」应为产出指标、效益指标、满意度指标或成本指标",
			    "level1"), -1;
		for (k = 0; k < NELEM(ops); k++)
			if (strcmp(t->op, ops[k]) == 0)
				break;
		if (k == NELEM(ops))
			return reply_error_field(r, 400, "bad_op",
			    "「比较」应为 ≥、≤ 或 =", "op"), -1;
		it->ntargets++;
	}
	return 0;
}

/* A non-negative count field, or null. */
static int
api_item_count(struct req *r, json_t *o, const char *key, const char *label,
    int64_t *out)
{
	json_t	*v = json_object_get(o, key);
	bool	 has;

	if (v && json_is_null(v)) {
		*out = -1;
		return 0;
	}
	return req_int(r, o, key, label, 0, 100000000, false, out, &has);
}

/*
 * Apply the fields present in body to it (create: all of them, with
 * the ledger's defaults), then check what the ledger requires.
 */
static int
api_item_fields(struct req *r, const struct ledger *l, json_t *body,
    struct item *it, bool create, struct api_item_memo *m)
{
	json_t		*v, *ben;
	int64_t		 x;
	bool		 has;
	const char	*why, *field;
	char		 msg[256];

	if (req_str(r, body, "title", "名称", 300, false, &it->title) == -1 ||
	    req_str(r, body, "code", "编号", 60, false, &it->code) == -1 ||
	    req_str(r, body, "content", "内容", 5000, false, &it->content) == -1 ||
	    req_str(r, body, "category", "类别", 60, false, &it->category) == -1 ||
	    req_str(r, body, "leader", "包保领导", 60, false, &it->leader) == -1 ||
	    req_str(r, body, "leader_phone", "领导电话", 30, false,
	    &it->leader_phone) == -1 ||
	    req_str(r, body, "responsible", "责任人", 60, false,
	    &it->responsible) == -1 ||
	    req_str(r, body, "responsible_phone", "联系电话", 30, false,
	    &it->responsible_phone) == -1 ||
	    req_str(r, body, "progress_text", "形象进度", 1000, false,
	    &it->progress_text) == -1 ||
	    req_day(r, body, "start", "开始日期", &it->start, &has) == -1 ||
	    req_day(r, body, "deadline", "完成时限", &it->deadline, &has) == -1 ||
	    req_day(r, body, "completed", "完成日期", &it->completed, &has) == -1 ||
	    req_money(r, body, "amount", "资金规模", &it->amount_fen, &has) == -1 ||
	    api_item_unit(r, body, "lead_unit_id", "责任单位", &it->lead,
	    &has, m) == -1)
		return -1;
	if (req_int(r, body, "seq", "序号", 1, 100000000, false, &x, &has) == -1)
		return -1;
	if (has)
		it->seq = x;
	if (req_int(r, body, "progress", "进度", 0, 100, false, &x, &has) == -1)
		return -1;
	if (has)
		it->progress = (int)x;
	ben = json_object_get(body, "beneficiaries");
	if (ben && !json_is_object(ben))
		return reply_error_field(r, 400, "bad_type",
		    "「受益对象」应为对象", "beneficiaries"), -1;
	if (ben && (api_item_count(r, ben, "households", "受益户数",
	    &it->households) == -1 || api_item_count(r, ben, "persons",
	    "受益人数", &it->persons) == -1 || api_item_count(r, ben,
	    "poor_households", "脱贫户数", &it->poor_households) == -1 ||
	    api_item_count(r, ben, "monitored_households", "监测户数",
	    &it->monitored_households) == -1))
		return -1;
	if ((v = json_object_get(body, "places")) && !json_is_null(v) &&
	    api_item_places(r, l, v, it, m) == -1)
		return -1;
	if ((v = json_object_get(body, "co_unit_ids")) && !json_is_null(v) &&
	    api_item_co_units(r, v, it, m) == -1)
		return -1;
	if ((v = json_object_get(body, "funds")) && !json_is_null(v) &&
	    api_item_funds(r, l, v, it) == -1)
		return -1;
	if ((v = json_object_get(body, "targets")) && !json_is_null(v) &&
	    api_item_targets(r, v, it) == -1)
		return -1;
	if ((v = json_object_get(body, "custom")) != NULL) {
		if (!json_is_null(v) && !json_is_object(v))
			return reply_error_field(r, 400, "bad_type",
			    "「自定义字段」应为对象", "custom"), -1;
		it->custom = json_is_null(v) ? NULL : v;
	}
	/* what the ledger requires, and its dictionaries */
	if (it->title == NULL || *it->title == '\0')
		return api_item_missing(r, "title"), -1;
	if (it->category && *it->category && !ledger_dict_has(l, "category",
	    it->category))
		return reply_error_field(r, 400, "bad_category", arena_printf(
		    r->pool, "「类别」%s 不在本台账的类别字典中", it->category),
		    "category"), -1;
	if ((ledger_required(l, "places") && it->nplaces == 0))
		return api_item_missing(r, "places"), -1;
	if (ledger_required(l, "lead_unit") && it->lead.id == 0)
		return reply_error_field(r, 400, "required", "「责任单位」不能为空",
		    "lead_unit_id"), -1;
	if (ledger_required(l, "deadline") && it->deadline == DATE_NONE)
		return api_item_missing(r, "deadline"), -1;
	if (ledger_required(l, "start") && it->start == DATE_NONE)
		return api_item_missing(r, "start"), -1;
	if (ledger_required(l, "amount") && it->amount_fen == 0)
		return api_item_missing(r, "amount"), -1;
	if (ledger_required(l, "category") && (it->category == NULL ||
	    *it->category == '\0'))
		return api_item_missing(r, "category"), -1;
	if (ledger_required(l, "content") && (it->content == NULL ||
	    *it->content == '\0'))
		return api_item_missing(r, "content"), -1;
	if (ledger_required(l, "responsible") && (it->responsible == NULL ||
	    *it->responsible == '\0'))
		return api_item_missing(r, "responsible"), -1;
	if (it->start != DATE_NONE && it->deadline != DATE_NONE &&
	    it->deadline < it->start)
		return reply_error_field(r, 400, "bad_period",
		    "「完成时限」不能早于「开始日期」", "deadline"), -1;
	if ((why = ledger_custom_invalid(l, it->custom, msg, sizeof(msg),
	    &field)) != NULL)
		return reply_error_field(r, 400, "bad_custom",
		    arena_strdup(r->pool, why), field), -1;
	if (item_split_shares(it) == -1)
		return reply_error_field(r, 400, "bad_shares",
		    "各地点的分摊金额之和与资金规模不符", "places"), -1;
	(void)create;
	return 0;
}

/* Attach duplicate-construction warnings to j (projects and needs). */
static void
api_item_warnings(struct req *r, const struct ledger *l,
    const struct item *it, json_t *j)
{
	json_t *w;

	if (l->kind != KIND_PROJECT && l->kind != KIND_NEED)
		return;
	struct viewer v = api_viewer(r);

	if ((w = dup_check(r->store, r->pool, &v, it)) != NULL)
		json_object_set_new(j, "warnings", w);
}

int
api_item_new(struct req *r, const struct ledger *l, json_t *body,
    struct item *it, struct api_item_memo *memo)
{
	const char *state = NULL;

	memset(it, 0, sizeof(*it));
	it->ledger_id = l->id;
	it->start = it->deadline = it->completed = DATE_NONE;
	it->households = it->persons = it->poor_households =
	    it->monitored_households = -1;
	if (api_item_fields(r, l, body, it, true, memo) == -1)
		return -1;
	/* imported items may come in a later state */
	if (req_str(r, body, "state", "状态", 10, false, &state) == -1)
		return -1;
	if (state && !workflow_state_valid(l->kind, state))
		return reply_error_field(r, 400, "bad_state", arena_printf(r->pool,
		    "「状态」%s 不是%s的状态", state, workflow_kind_label(l->kind)),
		    "state"), -1;
	it->state = state ? state : workflow_initial(l->kind);
	it->done = workflow_final(l->kind, it->state);
	if (!api_item_may_memo(r, l, it, ROLE_SUPERVISOR, memo) ||
	    !api_item_unit_in_region(r, l, it, memo))
		return reply_error(r, 403, "out_of_scope",
		    "只能在本人负责的单位或区域内新增事项"), -1;
	return 0;
}

int
api_item_add_error(struct req *r, const struct item *it, enum store_rc rc)
{
	if (rc == STORE_CONFLICT)
		return reply_error_field(r, 409, "seq_taken", arena_printf(r->pool,
		    "序号%lld已被本台账的其他事项使用", (long long)it->seq), "seq");
	return reply_store_error(r, rc);
}

/*
 * POST /api/v1/ledgers/:id/items
 * Supervisors whose scope covers the ledger or the new item's places
 * or units.  201 with the item and any duplicate-construction warnings.
 */
int
api_item_create(struct req *r)
{
	struct ledger	 l;
	struct item	 it;
	json_t		*body, *after;
	int64_t		 lid;
	enum light	 light;
	enum store_rc	 rc;

	if (req_param_id(r, "id", &lid) == -1)
		return reply_error(r, 400, "bad_id", "台账编号无效");
	if ((rc = store_ledger_get(r->store, lid, &l)) != STORE_OK)
		return rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "台账不存在") : reply_store_error(r, rc);
	req_json_keep(r, l.config);
	if (req_json_body(r, &body) == -1 ||
	    api_item_new(r, &l, body, &it, NULL) == -1)
		return 0;
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_item_add(r->store, &it, r->user->id)) != STORE_OK) {
		api_rollback(r);
		return api_item_add_error(r, &it, rc);
	}
	store_item_get(r->store, r->pool, it.id, &it, &light);
	after = json_item(r, &it, light, &l);
	req_json_keep(r, after);
	if (api_item_commit(r, "create", it.id, NULL, after) == -1)
		return 0;
	api_etag(r, it.version);
	after = json_deep_copy(after);
	api_item_warnings(r, &l, &it, after);
	return reply_json(r, 201, after);
}

/* GET /api/v1/items/:id */
int
api_item_get(struct req *r)
{
	struct ledger	 l;
	struct item	 it;
	enum light	 light;
	const char	*w;
	json_t		*j;

	if (api_item_load(r, &it, &light, &l) == -1)
		return 0;
	j = json_item(r, &it, light, &l);
	/* a read of the village's other items: only when asked */
	if ((w = req_query(r, "warnings")) != NULL && strcmp(w, "1") == 0)
		api_item_warnings(r, &l, &it, j);
	api_etag(r, it.version);
	return reply_json(r, 200, j);
}

/*
 * PATCH /api/v1/items/:id with If-Match.  Reporters of the item's units
 * may send only progress and progress_text; supervisors in scope any
 * field but the state (which moves by transitions).
 */
int
api_item_patch(struct req *r)
{
	static const char *const reporter_keys[] = {
		"progress", "progress_text"
	};
	struct ledger	 l;
	struct item	 it;
	json_t		*body, *before, *after, *v;
	const char	*key;
	enum light	 light;
	int64_t		 version;
	enum store_rc	 rc;
	bool		 sup, only_progress = true;
	size_t		 k;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    api_if_match(r, &version) == -1 || req_json_body(r, &body) == -1)
		return 0;
	json_object_foreach(body, key, v) {
		for (k = 0; k < NELEM(reporter_keys); k++)
			if (strcmp(key, reporter_keys[k]) == 0)
				break;
		if (k == NELEM(reporter_keys))
			only_progress = false;
	}
	sup = api_item_may(r, &l, &it, ROLE_SUPERVISOR);
	if (!sup && !(only_progress && api_item_may(r, &l, &it, ROLE_REPORTER)))
		return reply_error(r, 403, only_progress ? "out_of_scope" :
		    "supervisor_field", only_progress ?
		    "该事项不在您的填报范围内" :
		    "填报人员只能更新进度和形象进度;完成时限、责任单位等由督办人员修改");
	if (json_object_get(body, "state"))
		return reply_error_field(r, 400, "use_transition",
		    "状态须通过办理操作改变(POST /items/{id}/transitions)",
		    "state");
	if (version != it.version)
		return reply_store_error(r, STORE_STALE);
	before = json_item(r, &it, light, &l);
	req_json_keep(r, before);
	if (api_item_fields(r, &l, body, &it, false, NULL) == -1)
		return 0;
	if (sup && !api_item_may(r, &l, &it, ROLE_SUPERVISOR))
		return reply_error(r, 403, "out_of_scope",
		    "不能把事项改到您管辖范围以外");
	if (api_begin(r) == -1)
		return 0;
	if (only_progress && !sup)
		rc = store_item_set_progress(r->store, it.id, version,
		    it.progress, it.progress_text, r->user->id);
	else
		rc = store_item_update(r->store, &it, r->user->id);
	if (rc != STORE_OK) {
		api_rollback(r);
		if (rc == STORE_CONFLICT)
			return reply_error_field(r, 409, "seq_taken",
			    "序号已被本台账的其他事项使用", "seq");
		return reply_store_error(r, rc);
	}
	store_item_get(r->store, r->pool, it.id, &it, &light);
	after = json_item(r, &it, light, &l);
	req_json_keep(r, after);
	if (api_item_commit(r, "update", it.id, before, after) == -1)
		return 0;
	api_etag(r, it.version);
	after = json_deep_copy(after);
	api_item_warnings(r, &l, &it, after);
	return reply_json(r, 200, after);
}

struct list_ctx {
	struct req		*r;
	json_t			*items;
	const struct ledger	*l;	/* NULL: look each up */
	struct ledger		 seen[8];	/* the last ones looked up */
	size_t			 nseen;
};

/* The ledger of an item of the list: read once for up to 8 ledgers. */
static const struct ledger *
api_items_ledger(struct list_ctx *c, int64_t id)
{
	struct ledger	*l;
	size_t		 i, n = c->nseen < NELEM(c->seen) ? c->nseen :
	    NELEM(c->seen);

	if (c->l)
		return c->l;
	for (i = 0; i < n; i++)
		if (c->seen[i].id == id)
			return &c->seen[i];
	l = &c->seen[c->nseen++ % NELEM(c->seen)];
	ledger_free(l);
	if (store_ledger_get(c->r->store, id, l) != STORE_OK) {
		memset(l, 0, sizeof(*l));
		return NULL;
	}
	return l;
}

static int
api_items_add(const struct item *it, enum light light, void *arg)
{
	struct list_ctx		*c = arg;
	const struct ledger	*l = api_items_ledger(c, it->ledger_id);

	if (l)
		json_array_append_new(c->items, json_item(c->r, it, light, l));
	return 0;
}

/* Read the list filters of the query string into f; replies 400. */
int
api_item_filter(struct req *r, struct item_filter *f)
{
	static const char *const sorts[] = {
		[SORT_SEQ] = "seq", [SORT_SEQ_DESC] = "-seq",
		[SORT_DEADLINE] = "deadline", [SORT_DEADLINE_DESC] = "-deadline",
		[SORT_UPDATED_DESC] = "-updated", [SORT_PROGRESS] = "progress",
		[SORT_PROGRESS_DESC] = "-progress",
		[SORT_AMOUNT_DESC] = "-amount",
	};
	const char	*v;
	int64_t		 x;
	size_t		 i;

	store_item_filter_init(f);
	if (req_query_int(r, "limit", 1, 500, 50, &f->limit) == -1 ||
	    req_query_int(r, "offset", 0, INT64_MAX / 2, 0, &f->offset) == -1 ||
	    req_query_int(r, "unit", 1, INT64_MAX, 0, &f->unit_id) == -1 ||
	    req_query_int(r, "ledger", 1, INT64_MAX, 0, &x) == -1)
		return -1;
	if (x)
		f->ledger_id = x;
	if ((v = req_query(r, "state")) && *v)
		f->state = v;
	if ((v = req_query(r, "category")) && *v)
		f->category = v;
	if ((v = req_query(r, "q")) && *v) {
		if (!util_utf8_valid(v, strlen(v)) || util_utf8_len(v, strlen(v)) >
		    100)
			return reply_error_field(r, 400, "bad_query",
			    "搜索文字无效或超过100个字", "q"), -1;
		f->q = v;
	}
	if ((v = req_query(r, "light")) && *v &&
	    (f->light = light_parse(v)) < 0)
		return reply_error_field(r, 400, "bad_light",
		    "督办灯应为 red、yellow、blue 或 grey", "light"), -1;
	if ((v = req_query(r, "place")) && *v &&
	    place_code_norm(v, f->place) == -1)
		return reply_error_field(r, 400, "bad_place", "区划代码无效",
		    "place"), -1;
	if ((v = req_query(r, "deadline_from")) && *v &&
	    date_parse(v, &f->deadline_from) == -1)
		return reply_error_field(r, 400, "bad_date",
		    "起始日期应为 YYYY-MM-DD", "deadline_from"), -1;
	if ((v = req_query(r, "deadline_to")) && *v &&
	    date_parse(v, &f->deadline_to) == -1)
		return reply_error_field(r, 400, "bad_date",
		    "截止日期应为 YYYY-MM-DD", "deadline_to"), -1;
	if ((v = req_query(r, "done")) && *v) {
		if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
			return reply_error_field(r, 400, "bad_done",
			    "done 应为 true 或 false", "done"), -1;
		f->done = strcmp(v, "true") == 0;
	}
	/* custom values: cf.KEY=VALUE (one) */
	for (i = 0; i < r->nquery; i++)
		if (strncmp(r->query[i].key, "cf.", 3) == 0 &&
		    r->query[i].key[3]) {
			f->custom_key = r->query[i].key + 3;
			f->custom_value = r->query[i].val;
		}
	if ((v = req_query(r, "sort")) && *v) {
		for (i = 0; i < NELEM(sorts); i++)
			if (strcmp(v, sorts[i]) == 0)
				break;
		if (i == NELEM(sorts))
			return reply_error_field(r, 400, "bad_sort",
			    "排序应为 seq、-seq、deadline、-deadline、-updated、"
			    "progress、-progress 或 -amount", "sort"), -1;
		f->sort = (enum item_sort)i;
	}
	return 0;
}

/*
 * GET /api/v1/ledgers/:id/items and GET /api/v1/items (all ledgers)
 * with filters: state, light, category, unit, place, deadline_from,
 * deadline_to, q, done, cf.KEY; sort; limit and offset.
 * {"items": [...], "total": N, "limit", "offset"}
 */
int
api_items_list(struct req *r)
{
	struct item_filter	 f;
	struct list_ctx		 c = { .r = r };
	struct ledger		 l;
	struct viewer		 v = api_viewer(r);
	int64_t			 lid = 0, total;
	enum store_rc		 rc;
	size_t			 i;

	if (api_item_filter(r, &f) == -1)
		return 0;
	if (req_param(r, "id")) {
		if (req_param_id(r, "id", &lid) == -1)
			return reply_error(r, 400, "bad_id", "台账编号无效");
		if ((rc = store_ledger_get(r->store, lid, &l)) != STORE_OK)
			return rc == STORE_NOTFOUND ? reply_error(r, 404,
			    "not_found", "台账不存在") : reply_store_error(r, rc);
		req_json_keep(r, l.config);
		f.ledger_id = lid;
		c.l = &l;
	}
	c.items = json_array();
	rc = store_item_list(r->store, r->pool, &v, &f, api_items_add, &c);
	for (i = 0; i < c.nseen && i < NELEM(c.seen); i++)
		ledger_free(&c.seen[i]);
	if (rc != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	total = store_item_count(r->store, &v, &f);
	return reply_json(r, 200, json_pack("{s:o, s:I, s:I, s:I}", "items",
	    c.items, "total", (json_int_t)total, "limit", (json_int_t)f.limit,
	    "offset", (json_int_t)f.offset));
}
