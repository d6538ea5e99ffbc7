/*
 * Links between items (SPEC §2): the actions that make a new item from
 * another and move the source on (a need becomes a project, a
 * suggestion is forwarded as a task, a problem gets a rectification
 * task), the 续建 link between two projects, and the links of an item.
 * Each action is one transaction: the new item, the link, the source's
 * new state, its timeline event and the audit rows, or nothing.
 */
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "api_json.h"
#include "arena.h"
#include "dup.h"
#include "store_link.h"
#include "store_progress.h"
#include "store_unit.h"
#include "util.h"

static const struct {
	const char	*kind, *label;
} link_kinds[] = {
	{ "satisfies", "满足" },
	{ "forwarded", "转办" },
	{ "rectifies", "整改" },
	{ "continues", "续建" },
};

/* An action that makes an item of kind `to` from a source of kind
 * `from` in one of `states`, linking them and moving the source. */
struct link_flow {
	const char		*action;	/* audit action on the source */
	const char		*verb;		/* 立项 转办 整改 */
	enum ledger_kind	 from, to;
	const char		*states[2];	/* NULL-padded */
	const char		*moved;		/* the source's new state */
	const char		*kind;		/* of the link */
};

static const struct link_flow flow_to_project = {
	"to_project", "立项", KIND_NEED, KIND_PROJECT, { "提出", "认领" },
	"已立项", "satisfies"
};
static const struct link_flow flow_forward = {
	"forward", "转办", KIND_SUGGESTION, KIND_TASK, { "受理", NULL },
	"分办", "forwarded"
};
static const struct link_flow flow_rectify = {
	"rectify", "整改", KIND_PROBLEM, KIND_TASK, { "发现", NULL },
	"整改中", "rectifies"
};

static const char *
link_kind_label(const char *kind)
{
	size_t i;

	for (i = 0; i < NELEM(link_kinds); i++)
		if (strcmp(link_kinds[i].kind, kind) == 0)
			return link_kinds[i].label;
	return kind;
}

static json_t *
json_link(int64_t id, const char *kind, int64_t from, int64_t to)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)id,
	    "kind", kind, "kind_label", link_kind_label(kind),
	    "from_item", (json_int_t)from, "to_item", (json_int_t)to);
}

/* Reply 409: the source is not of the flow's kind or state. */
static int
link_flow_refuse(struct req *r, const struct link_flow *f,
    const struct ledger *sl, const struct item *src)
{
	const char *states;

	if (sl->kind != f->from)
		return reply_error(r, 409, "wrong_kind", arena_printf(r->pool,
		    "只有%s才能%s,该事项属于%s台账",
		    workflow_kind_label(f->from), f->verb,
		    workflow_kind_label(sl->kind)));
	states = f->states[1] ? arena_printf(r->pool, "「%s」或「%s」",
	    f->states[0], f->states[1]) : arena_printf(r->pool, "「%s」",
	    f->states[0]);
	return reply_error(r, 409, "wrong_state", arena_printf(r->pool,
	    "该%s当前为「%s」,只有%s状态的%s才能%s",
	    workflow_kind_label(f->from), src->state, states,
	    workflow_kind_label(f->from), f->verb));
}

/* The target ledger of body's "ledger_id" into tl: of kind `to` and in
 * the caller's scope; replies 400/403 and returns -1. */
static int
link_target_ledger(struct req *r, json_t *body, enum ledger_kind to,
    struct ledger *tl)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_int(r, body, "ledger_id", "目标台账", 1, INT64_MAX, true, &id,
	    NULL) == -1)
		return -1;
	if ((rc = store_ledger_get(r->store, id, tl)) == STORE_NOTFOUND)
		return reply_error_field(r, 400, "bad_ledger", "目标台账不存在",
		    "ledger_id"), -1;
	if (rc != STORE_OK)
		return reply_store_error(r, rc), -1;
	req_json_keep(r, tl->config);
	if (tl->kind != to)
		return reply_error_field(r, 400, "bad_ledger_kind",
		    arena_printf(r->pool, "目标台账应为%s台账,「%s」是%s台账",
		    workflow_kind_label(to), tl->name,
		    workflow_kind_label(tl->kind)), "ledger_id"), -1;
	if (!api_item_may(r, tl, NULL, ROLE_SUPERVISOR))
		return reply_error_field(r, 403, "out_of_scope",
		    "目标台账不在您的督办范围内", "ledger_id"), -1;
	return 0;
}

/* Reply 400 naming built-in field key (its label) as required. */
static int
link_missing(struct req *r, const char *key, const char *field)
{
	return reply_error_field(r, 400, "required", arena_printf(r->pool,
	    "「%s」不能为空(目标台账要求填写)", ledger_field_label(key)),
	    field), -1;
}

/*
 * The new item in target ledger tl made from src: title, content,
 * category (if tl's dictionary has it), places (within tl's region),
 * responsible person, lead unit and deadline (given, else the
 * source's), and for projects the amount and beneficiaries.  Replies 400 and returns -1.
 */
static int
link_new_item(struct req *r, const struct link_flow *f, json_t *body,
    const struct item *src, const struct ledger *tl, struct item *it)
{
	struct unit	 un;
	const char	*why, *field;
	char		 msg[256];
	int64_t		 lead = 0;
	bool		 has;
	int		 i;

	memset(it, 0, sizeof(*it));
	it->ledger_id = tl->id;
	it->start = it->completed = DATE_NONE;
	it->deadline = src->deadline;
	it->households = it->persons = it->poor_households =
	    it->monitored_households = -1;
	it->title = src->title;
	it->content = src->content;
	if (src->category && ledger_dict_has(tl, "category", src->category))
		it->category = src->category;
	it->lead = src->lead;
	it->responsible = src->responsible;
	it->responsible_phone = src->responsible_phone;
	if (f->to == KIND_PROJECT) {
		it->amount_fen = src->amount_fen;
		it->households = src->households;
		it->persons = src->persons;
		it->poor_households = src->poor_households;
		it->monitored_households = src->monitored_households;
		if (req_money(r, body, "amount", "资金规模", &it->amount_fen,
		    &has) == -1)
			return -1;
	}
	if (req_str(r, body, "title", "名称", 300, false, &it->title) == -1 ||
	    req_day(r, body, "deadline", "完成时限", &it->deadline, &has) == -1 ||
	    req_int(r, body, "lead_unit_id", "责任单位", 1, INT64_MAX, false,
	    &lead, &has) == -1)
		return -1;
	if (has) {
		if (store_unit_get(r->store, lead, &un) != STORE_OK)
			return reply_error_field(r, 400, "bad_unit",
			    arena_printf(r->pool, "「责任单位」单位%lld不存在",
			    (long long)lead), "lead_unit_id"), -1;
		it->lead.id = un.id;
		it->lead.name = arena_strdup(r->pool, un.name);
	}
	it->places = arena_alloc(r->pool, ((size_t)src->nplaces + 1) *
	    sizeof(*it->places));
	for (i = 0; i < src->nplaces; i++) {
		if (tl->region[0] && !place_in_region(src->places[i].code,
		    tl->region))
			return reply_error_field(r, 400, "out_of_region",
			    arena_printf(r->pool, "「实施地点」%s 不在目标台账的"
			    "区域内", src->places[i].name ? src->places[i].name :
			    src->places[i].code), "ledger_id"), -1;
		it->places[i] = src->places[i];
		it->places[i].share_fen = 0;
		it->places[i].share_given = false;
	}
	it->nplaces = src->nplaces;
	it->state = workflow_initial(tl->kind);
	it->done = workflow_final(tl->kind, it->state);
	/* what the target ledger requires */
	if (it->title == NULL || *it->title == '\0')
		return link_missing(r, "title", "title");
	if (ledger_required(tl, "places") && it->nplaces == 0)
		return link_missing(r, "places", "places");
	if (ledger_required(tl, "lead_unit") && it->lead.id == 0)
		return link_missing(r, "lead_unit", "lead_unit_id");
	if (ledger_required(tl, "deadline") && it->deadline == DATE_NONE)
		return link_missing(r, "deadline", "deadline");
	if (ledger_required(tl, "amount") && it->amount_fen == 0)
		return link_missing(r, "amount", "amount");
	if (ledger_required(tl, "category") && it->category == NULL)
		return link_missing(r, "category", "category");
	if (ledger_required(tl, "content") && (it->content == NULL ||
	    *it->content == '\0'))
		return link_missing(r, "content", "content");
	if (ledger_required(tl, "start"))
		return link_missing(r, "start", "start");
	if (ledger_required(tl, "responsible") && (it->responsible == NULL ||
	    *it->responsible == '\0'))
		return link_missing(r, "responsible", "responsible");
	if ((why = ledger_custom_invalid(tl, NULL, msg, sizeof(msg),
	    &field)) != NULL)
		return reply_error_field(r, 400, "bad_custom",
		    arena_strdup(r->pool, why), field), -1;
	if (item_split_shares(it) == -1)
		return reply_error_field(r, 400, "bad_shares",
		    "各地点的分摊金额之和与资金规模不符", "amount"), -1;
	return 0;
}

/*
 * POST /api/v1/items/:id/{to-project,forward,rectify} {"ledger_id",
 * "title"?, "lead_unit_id"?, "deadline"?, "amount"? (projects)}
 * A supervisor in the scope of the source and of the target ledger.
 * 201 {"item": the new item, "source": the source, "link"}; 409 when
 * the source is of another kind or state, 400 for a target ledger of
 * the wrong kind or a field it cannot take.
 */
static int
link_flow(struct req *r, const struct link_flow *f)
{
	struct viewer	 v;
	struct ledger	 sl, tl;
	struct item	 src, it;
	enum light	 light;
	enum store_rc	 rc;
	json_t		*body, *before, *after, *made, *data, *w;
	const char	*from_state;
	int64_t		 link_id = 0, uid = r->user->id;

	if (api_item_load(r, &src, &light, &sl) == -1)
		return 0;
	if (!api_item_may(r, &sl, &src, ROLE_SUPERVISOR))
		return reply_error(r, 403, "out_of_scope",
		    "该事项不在您的督办范围内");
	if (sl.kind != f->from || (strcmp(src.state, f->states[0]) != 0 &&
	    (f->states[1] == NULL || strcmp(src.state, f->states[1]) != 0)))
		return link_flow_refuse(r, f, &sl, &src);
	if (req_json_body(r, &body) == -1 ||
	    link_target_ledger(r, body, f->to, &tl) == -1 ||
	    link_new_item(r, f, body, &src, &tl, &it) == -1)
		return 0;
	before = json_item(r, &src, light, &sl);
	req_json_keep(r, before);
	from_state = src.state;

	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_item_add(r->store, &it, uid)) != STORE_OK ||
	    (rc = store_link_add(r->store, src.id, it.id, f->kind, uid,
	    &link_id)) != STORE_OK ||
	    (rc = store_item_set_state(r->store, src.id, src.version, f->moved,
	    workflow_final(sl.kind, f->moved), DATE_NONE, uid)) != STORE_OK)
		goto fail;
	data = json_pack("{s:I, s:s, s:I, s:I}", "link_id",
	    (json_int_t)link_id, "link_kind", f->kind, "item_id",
	    (json_int_t)it.id, "ledger_id", (json_int_t)tl.id);
	req_json_keep(r, data);
	if ((rc = store_event_add(r->store, src.id, "transition", from_state,
	    f->moved, arena_printf(r->pool, "%s:%s", f->verb, it.title),
	    req_json_dump(r, data), uid, NULL)) != STORE_OK ||
	    (rc = store_item_get(r->store, r->pool, it.id, &it, &light)) !=
	    STORE_OK)
		goto fail;
	made = json_item(r, &it, light, &tl);
	req_json_keep(r, made);
	if ((rc = store_audit_add(r->store, &r->actor, "create", "item",
	    arena_printf(r->pool, "%lld", (long long)it.id), NULL,
	    req_json_dump(r, made))) != STORE_OK ||
	    (rc = store_item_get(r->store, r->pool, src.id, &src, &light)) !=
	    STORE_OK)
		goto fail;
	after = json_item(r, &src, light, &sl);
	req_json_keep(r, after);
	json_object_set_new(after, "link", json_link(link_id, f->kind, src.id,
	    it.id));
	if (api_item_commit(r, f->action, src.id, before, after) == -1)
		return 0;
	made = json_deep_copy(made);
	v = api_viewer(r);
	if ((f->to == KIND_PROJECT || f->to == KIND_NEED) &&
	    (w = dup_check(r->store, r->pool, &v, &it)) != NULL)
		json_object_set_new(made, "warnings", w);
	return reply_json(r, 201, json_pack("{s:o, s:O, s:o}", "item", made,
	    "source", after, "link", json_link(link_id, f->kind, src.id,
	    it.id)));
fail:
	api_rollback(r);
	return reply_store_error(r, rc);
}

int
api_item_to_project(struct req *r)
{
	return link_flow(r, &flow_to_project);
}

int
api_item_forward(struct req *r)
{
	return link_flow(r, &flow_forward);
}

int
api_item_rectify(struct req *r)
{
	return link_flow(r, &flow_rectify);
}

/*
 * POST /api/v1/items/:id/links {"to_item", "kind": "continues"}: the
 * project :id continues project to_item (续建).  A supervisor in the
 * scope of both.  201 with the link; 409 if either is not a project or
 * the link exists.
 */
int
api_link_create(struct req *r)
{
	struct ledger	 sl, dl;
	struct item	 src, dst;
	enum light	 light;
	enum store_rc	 rc;
	json_t		*body, *after;
	const char	*kind = NULL;
	int64_t		 to = 0, id = 0;

	if (api_item_load(r, &src, &light, &sl) == -1 ||
	    req_json_body(r, &body) == -1 ||
	    req_str(r, body, "kind", "关联类型", 20, true, &kind) == -1 ||
	    req_int(r, body, "to_item", "关联事项", 1, INT64_MAX, true, &to,
	    NULL) == -1)
		return 0;
	if (strcmp(kind, "continues") != 0)
		return reply_error_field(r, 400, "bad_kind",
		    "「关联类型」只能为 continues(续建);满足、转办、整改关联由"
		    "立项、转办、整改操作生成", "kind");
	if (to == src.id)
		return reply_error_field(r, 400, "self_link",
		    "不能关联事项本身", "to_item");
	if (api_item_load_id(r, to, &dst, &light, &dl) == -1)
		return 0;
	if (sl.kind != KIND_PROJECT || dl.kind != KIND_PROJECT)
		return reply_error(r, 409, "wrong_kind",
		    "续建关联只能在两个项目之间建立");
	if (!api_item_may(r, &sl, &src, ROLE_SUPERVISOR) ||
	    !api_item_may(r, &dl, &dst, ROLE_SUPERVISOR))
		return reply_error(r, 403, "out_of_scope",
		    "两个项目都须在您的督办范围内");
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_link_add(r->store, src.id, to, kind, r->user->id,
	    &id)) != STORE_OK) {
		api_rollback(r);
		return rc == STORE_CONFLICT ? reply_error(r, 409, "link_exists",
		    "这两个项目之间已有续建关联") : reply_store_error(r, rc);
	}
	after = json_link(id, kind, src.id, to);
	req_json_keep(r, after);
	if (api_commit(r, "create", "item_link", arena_printf(r->pool, "%lld",
	    (long long)id), NULL, after) == -1)
		return 0;
	return reply_json(r, 201, json_incref(after));
}

struct link_list {
	json_t	*items;
};

static int
link_list_add(const struct link_row *l, void *arg)
{
	struct link_list *c = arg;

	json_array_append_new(c->items, json_pack("{s:I, s:s, s:s, s:s, "
	    "s:{s:I, s:I, s:s, s:s}}", "id", (json_int_t)l->id, "kind", l->kind,
	    "kind_label", link_kind_label(l->kind), "direction",
	    l->out ? "out" : "in", "item", "id", (json_int_t)l->item_id,
	    "ledger_id", (json_int_t)l->ledger_id, "title", l->title,
	    "state", l->state));
	return 0;
}

/*
 * GET /api/v1/items/:id/links: {"items": [{"id", "kind", "kind_label",
 * "direction": "out"|"in", "item": {"id", "ledger_id", "title",
 * "state"}}], "total"}; linked items the caller may not see are left
 * out.
 */
int
api_links_list(struct req *r)
{
	struct link_list	 c;
	struct ledger		 l;
	struct item		 it;
	struct viewer		 v = api_viewer(r);
	enum light		 light;
	enum store_rc		 rc;

	if (api_item_load(r, &it, &light, &l) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_link_list(r->store, r->pool, &v, it.id, link_list_add,
	    &c)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)json_array_size(c.items)));
}
