/*
 * Progress and supervision of items: workflow transitions, progress
 * updates (进展), the timeline, 催办, extension requests (申请延期) and
 * their approval, and the caller's inbox.  Who may do what comes from
 * the workflow table (workflow.c) and api_item_may(): reporters of an
 * item's units report and ask, supervisors in scope urge, accept and
 * decide.
 */
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "api_json.h"
#include "arena.h"
#include "store_progress.h"
#include "util.h"

#define INBOX_DAYS	30	/* 催办 older than this leave the inbox */

/* {"id", "login", "name"} of w, or null. */
static json_t *
json_who(const struct who *w)
{
	if (w->id == 0)
		return json_null();
	return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)w->id,
	    "login", json_str_or_null(w->login), "name",
	    json_str_or_null(w->name));
}

/* A JSON text stored in a row, parsed; null if none or unreadable. */
static json_t *
json_data(const char *text)
{
	json_t *j;

	if (text == NULL || (j = json_loads(text, 0, NULL)) == NULL)
		return json_null();
	return j;
}

static json_t *
json_update(const struct progress_update *u)
{
	return json_pack("{s:I, s:I, s:o, s:s, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)u->id, "item_id", (json_int_t)u->item_id,
	    "date", json_day(u->day), "text", u->text ? u->text : "",
	    "progress", u->progress < 0 ? json_null() :
	    json_integer(u->progress), "paid", json_money(u->paid_fen),
	    "user", json_who(&u->user), "created_at",
	    json_time(u->created_at));
}

static const char *
api_progress_ext_label(const char *state)
{
	if (strcmp(state, "pending") == 0)
		return "待审批";
	if (strcmp(state, "approved") == 0)
		return "已批准";
	if (strcmp(state, "rejected") == 0)
		return "未批准";
	return state;
}

static json_t *
json_extension(const struct extension *x)
{
	const char *state = x->state ? x->state : "";

	return json_pack("{s:I, s:I, s:s, s:o, s:o, s:s, s:s, s:o, s:o, s:o, "
	    "s:o, s:o}", "id", (json_int_t)x->id,
	    "item_id", (json_int_t)x->item_id,
	    "reason", x->reason ? x->reason : "",
	    "old_deadline", json_day(x->old_deadline),
	    "new_deadline", json_day(x->new_deadline),
	    "state", state, "state_label", api_progress_ext_label(state),
	    "requested_by", json_who(&x->requested_by),
	    "requested_at", json_time(x->requested_at),
	    "decided_by", json_who(&x->decided_by),
	    "decided_at", json_time(x->decided_at),
	    "decision_note", json_str_or_null(x->decision_note));
}

/* "2025-06-30" in the pool. */
static const char *
api_progress_day(struct req *r, int32_t day)
{
	char b[16];

	date_fmt(day, b, sizeof(b));
	return arena_strdup(r->pool, b);
}

/*
 * Reply 409 naming the transitions the item's current state allows:
 * 当前状态为“办理中”,可以进行:申请办结(→申请办结).
 */
static int
api_progress_bad_transition(struct req *r, const struct ledger *l,
    const struct item *it)
{
	const char	*list = "";
	int		 i;

	for (i = 0; i < workflow_ntransitions; i++) {
		const struct transition *t = &workflow_transitions[i];
		if (t->kind != l->kind)
			continue;
		if (t->from ? strcmp(t->from, it->state) != 0 :
		    workflow_final(l->kind, it->state) ||
		    strcmp(it->state, t->to) == 0)
			continue;
		list = arena_printf(r->pool, "%s%s%s(→%s)", list,
		    *list ? "、" : "", t->action, t->to);
	}
	if (*list)
		return reply_error_field(r, 409, "bad_transition",
		    arena_printf(r->pool, "当前状态为“%s”,可以进行:%s",
		    it->state, list), "to");
	return reply_error_field(r, 409, "bad_transition", arena_printf(
	    r->pool, workflow_final(l->kind, it->state) ?
	    "当前状态为“%s”,事项已办结,不能再变更状态" :
	    "当前状态为“%s”,没有可以进行的办理操作", it->state), "to");
}

/*
 * POST /api/v1/items/:id/transitions
 *     {"to", "note"?, "date"? (YYYY-MM-DD), "result"?}, If-Match optional.
 * 409 if the workflow has no such step from the current state (naming
 * the allowed ones), 403 if the caller lacks the step's role on the
 * item, 400 naming a field the step requires, 412 if If-Match is stale.
 * 200 with the item.
 */
int
api_item_transition(struct req *r)
{
	const struct transition	*t;
	struct ledger		 l;
	struct item		 it;
	json_t			*body, *before, *after, *data;
	const char		*to = NULL, *note = NULL, *result = NULL;
	const char		*from;
	int32_t			 day = DATE_NONE, completed = DATE_NONE;
	int64_t			 version;
	enum light		 light;
	enum store_rc		 rc;
	bool			 has_day;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_json_body(r, &body) == -1)
		return 0;
	version = it.version;
	if (req_header(r, "If-Match") && api_if_match(r, &version) == -1)
		return 0;
	if (req_str(r, body, "to", "目标状态", 20, true, &to) == -1 ||
	    req_str(r, body, "note", "说明", 2000, false, &note) == -1 ||
	    req_str(r, body, "result", "结论", 200, false, &result) == -1 ||
	    req_day(r, body, "date", "日期", &day, &has_day) == -1)
		return 0;
	if ((t = workflow_find(l.kind, it.state, to)) == NULL)
		return api_progress_bad_transition(r, &l, &it);
	if (!api_item_may(r, &l, &it, t->role))
		return reply_error(r, 403, "forbidden_transition",
		    arena_printf(r->pool, t->role >= ROLE_SUPERVISOR ?
		    "“%s”须由负责该事项的督办人员办理" :
		    "“%s”须由该事项的责任单位办理(该事项不在您的填报范围内)",
		    t->action));
	if ((t->needs & (WF_NOTE | WF_REPLY)) && (note == NULL || !*note))
		return reply_error_field(r, 400, "required", arena_printf(
		    r->pool, "“%s”须填写%s", t->action,
		    (t->needs & WF_REPLY) ? "答复内容" : "说明"), "note");
	if ((t->needs & WF_DATE) && day == DATE_NONE)
		return reply_error_field(r, 400, "required", arena_printf(
		    r->pool, "“%s”须填写日期", t->action), "date");
	if ((t->needs & WF_RESULT) && (result == NULL || !*result))
		return reply_error_field(r, 400, "required", arena_printf(
		    r->pool, "“%s”须填写结论", t->action), "result");
	if (t->completes) {
		completed = day != DATE_NONE ? day : date_today();
		if (completed > date_today())
			return reply_error_field(r, 400, "future_date",
			    "完成日期不能晚于今天", "date");
	}
	if (version != it.version)
		return reply_store_error(r, STORE_STALE);

	before = json_item(r, &it, light, &l);
	req_json_keep(r, before);
	data = json_pack("{s:s}", "action", t->action);
	req_json_keep(r, data);
	if (day != DATE_NONE)
		json_object_set_new(data, "date", json_day(day));
	if (result && *result)
		json_object_set_new(data, "result", json_string(result));
	from = it.state;
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_item_set_state(r->store, it.id, version, to,
	    workflow_final(l.kind, to), completed, r->user->id)) != STORE_OK ||
	    (rc = store_event_add(r->store, it.id, "transition", from, to,
	    note, req_json_dump(r, data), r->user->id, NULL)) != STORE_OK ||
	    /* what is completed is 100% done */
	    (t->completes && (rc = store_item_touch_progress(r->store, it.id,
	    100, r->user->id)) != STORE_OK) ||
	    (rc = store_item_get(r->store, r->pool, it.id, &it, &light)) !=
	    STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_item(r, &it, light, &l);
	req_json_keep(r, after);
	if (api_item_commit(r, "transition", it.id, before, after) == -1)
		return 0;
	api_etag(r, it.version);
	return reply_json(r, 200, json_incref(after));
}

struct progress_list {
	json_t	*items;
};

static int
api_progress_add_update(const struct progress_update *u, void *arg)
{
	struct progress_list *c = arg;

	json_array_append_new(c->items, json_update(u));
	return 0;
}

/* GET /api/v1/items/:id/updates?limit  newest date first. */
int
api_item_updates_list(struct req *r)
{
	struct progress_list	 c;
	struct ledger		 l;
	struct item		 it;
	enum light		 light;
	int64_t			 limit, total;
	enum store_rc		 rc;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_query_int(r, "limit", 1, TIMELINE_MAX, 200, &limit) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_update_list(r->store, r->pool, it.id, limit,
	    api_progress_add_update, &c, &total)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)total));
}

/*
 * POST /api/v1/items/:id/updates
 *     {"text", "progress"? 0..100, "paid"? (元), "date"? (today)}
 * By a reporter (or supervisor) in the item's scope; no If-Match: an
 * update is appended.  Sets the item's progress when given and its paid
 * money to the sum of the updates' and the 支付 lines'.  409 on an item
 * already done.  201 with the update and the item.
 */
int
api_item_update_create(struct req *r)
{
	struct progress_update	 u;
	struct ledger		 l;
	struct item		 it;
	json_t			*body, *before, *after, *j;
	int64_t			 progress = -1;
	enum light		 light;
	enum store_rc		 rc;
	bool			 has;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_json_body(r, &body) == -1)
		return 0;
	if (!api_item_may(r, &l, &it, ROLE_REPORTER))
		return reply_error(r, 403, "out_of_scope",
		    "该事项不在您的填报范围内");
	if (it.done)
		return reply_error(r, 409, "item_done", arena_printf(r->pool,
		    "事项已%s,不能再报送进展", it.state));
	memset(&u, 0, sizeof(u));
	u.item_id = it.id;
	u.day = DATE_NONE;
	if (req_str(r, body, "text", "进展情况", 2000, true, &u.text) == -1 ||
	    req_int(r, body, "progress", "进度", 0, 100, false, &progress,
	    &has) == -1 ||
	    req_money(r, body, "paid", "本次支付金额", &u.paid_fen, &has) ==
	    -1 ||
	    req_day(r, body, "date", "进展日期", &u.day, &has) == -1)
		return 0;
	if (u.day == DATE_NONE)
		u.day = date_today();
	else if (u.day > date_today())
		return reply_error_field(r, 400, "future_date",
		    "「进展日期」不能晚于今天", "date");
	u.progress = (int)progress;
	u.user.id = r->user->id;
	u.user.login = r->user->login;
	u.user.name = r->user->name;

	before = json_pack("{s:i, s:o}", "progress", it.progress, "paid",
	    json_money(it.paid_fen));
	req_json_keep(r, before);
	if (api_begin(r) == -1)
		return 0;
	rc = store_update_add(r->store, &u);
	if (rc == STORE_OK && (u.progress >= 0 || u.paid_fen > 0))
		rc = store_item_touch_progress(r->store, it.id, u.progress,
		    r->user->id);
	if (rc == STORE_OK)
		rc = store_item_recalc_paid(r->store, it.id);
	if (rc == STORE_OK)
		rc = store_item_get(r->store, r->pool, it.id, &it, &light);
	if (rc != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	j = json_update(&u);
	after = json_pack("{s:O, s:i, s:o}", "update", j, "progress",
	    it.progress, "paid", json_money(it.paid_fen));
	req_json_keep(r, after);
	if (api_item_commit(r, "update_progress", it.id, before, after) == -1) {
		json_decref(j);
		return 0;
	}
	json_object_set_new(j, "item", json_item(r, &it, light, &l));
	api_etag(r, it.version);
	return reply_json(r, 201, j);
}

static int
api_progress_add_entry(const struct timeline_entry *e, void *arg)
{
	struct progress_list	*c = arg;
	json_t			*data;

	data = json_data(e->data);
	if (e->day != DATE_NONE && json_is_null(data)) {
		json_decref(data);
		data = json_pack("{s:o}", "date", json_day(e->day));
	}
	json_array_append_new(c->items, json_pack("{s:I, s:o, s:s, s:o, s:o, "
	    "s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)e->id,
	    "at", json_time(e->at), "kind", e->kind ? e->kind : "",
	    "user", json_who(&e->user), "text", json_str_or_null(e->text),
	    "from_state", json_str_or_null(e->from_state),
	    "to_state", json_str_or_null(e->to_state),
	    "progress", e->progress < 0 ? json_null() :
	    json_integer(e->progress),
	    "paid", e->paid_fen < 0 ? json_null() : json_money(e->paid_fen),
	    "data", data));
	return 0;
}

/*
 * GET /api/v1/items/:id/timeline?limit
 * Updates and events (transition, urge, extension) merged, newest
 * first: [{"id", "at", "kind", "user", "text", "from_state",
 * "to_state", "progress", "paid", "data"}]; an update's date is in data.
 */
int
api_item_timeline(struct req *r)
{
	struct progress_list	 c;
	struct ledger		 l;
	struct item		 it;
	enum light		 light;
	int64_t			 limit, total;
	enum store_rc		 rc;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_query_int(r, "limit", 1, TIMELINE_MAX, 200, &limit) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_timeline(r->store, r->pool, it.id, limit,
	    api_progress_add_entry, &c, &total)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)total));
}

/*
 * POST /api/v1/items/:id/urge {"text"}
 * 催办 by a supervisor in the item's scope (403 otherwise); 409 on an
 * item already done.  201 with the event.
 */
int
api_item_urge(struct req *r)
{
	struct ledger	 l;
	struct item	 it;
	json_t		*body, *data, *after;
	const char	*text = NULL;
	int64_t		 id;
	enum light	 light;
	enum store_rc	 rc;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_json_body(r, &body) == -1)
		return 0;
	if (!api_item_may(r, &l, &it, ROLE_SUPERVISOR))
		return reply_error(r, 403, "out_of_scope",
		    "只有负责该事项的督办人员可以催办");
	if (it.done)
		return reply_error(r, 409, "item_done", arena_printf(r->pool,
		    "事项已%s,无需催办", it.state));
	if (req_str(r, body, "text", "催办内容", 500, true, &text) == -1)
		return 0;
	data = json_pack("{s:s, s:o, s:i}", "light", light_name(light),
	    "deadline", json_day(it.deadline), "progress", it.progress);
	req_json_keep(r, data);
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_event_add(r->store, it.id, "urge", NULL, NULL, text,
	    req_json_dump(r, data), r->user->id, &id)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_pack("{s:I, s:I, s:s, s:s, s:o, s:{s:I, s:s, s:s}, s:O}",
	    "id", (json_int_t)id, "item_id", (json_int_t)it.id,
	    "kind", "urge", "text", text, "at", json_time(util_now()),
	    "user", "id", (json_int_t)r->user->id, "login", r->user->login,
	    "name", r->user->name, "data", data);
	req_json_keep(r, after);
	if (api_item_commit(r, "urge", it.id, NULL, after) == -1)
		return 0;
	return reply_json(r, 201, json_incref(after));
}

static int
api_progress_add_extension(const struct extension *x, void *arg)
{
	struct progress_list *c = arg;

	json_array_append_new(c->items, json_extension(x));
	return 0;
}

/* GET /api/v1/items/:id/extensions  newest first. */
int
api_item_extensions_list(struct req *r)
{
	struct progress_list	 c;
	struct ledger		 l;
	struct item		 it;
	enum light		 light;
	enum store_rc		 rc;

	if (api_item_load(r, &it, &light, &l) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_extension_list(r->store, r->pool, it.id,
	    api_progress_add_extension, &c)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)json_array_size(c.items)));
}

/*
 * POST /api/v1/items/:id/extensions {"reason", "new_deadline"}
 * 申请延期 by a reporter in the item's scope.  The new deadline must lie
 * after the current one and not before today (400); one pending request
 * at a time (409); not on a done item (409).  201 with the request.
 */
int
api_item_extension_create(struct req *r)
{
	struct extension	 x;
	struct ledger		 l;
	struct item		 it;
	json_t			*body, *data, *after;
	enum light		 light;
	enum store_rc		 rc;
	bool			 has;

	if (api_item_load(r, &it, &light, &l) == -1 ||
	    req_json_body(r, &body) == -1)
		return 0;
	if (!api_item_may(r, &l, &it, ROLE_REPORTER))
		return reply_error(r, 403, "out_of_scope",
		    "该事项不在您的填报范围内");
	if (it.done)
		return reply_error(r, 409, "item_done", arena_printf(r->pool,
		    "事项已%s,不能申请延期", it.state));
	memset(&x, 0, sizeof(x));
	x.item_id = it.id;
	x.new_deadline = DATE_NONE;
	if (req_str(r, body, "reason", "延期理由", 1000, true, &x.reason) ==
	    -1 || req_day(r, body, "new_deadline", "新的完成时限",
	    &x.new_deadline, &has) == -1)
		return 0;
	if (x.new_deadline == DATE_NONE)
		return reply_error_field(r, 400, "required",
		    "「新的完成时限」不能为空", "new_deadline");
	if (it.deadline != DATE_NONE && x.new_deadline <= it.deadline)
		return reply_error_field(r, 400, "bad_deadline", arena_printf(
		    r->pool, "「新的完成时限」应晚于现在的完成时限 %s",
		    api_progress_day(r, it.deadline)), "new_deadline");
	if (x.new_deadline < date_today())
		return reply_error_field(r, 400, "bad_deadline",
		    "「新的完成时限」不能早于今天", "new_deadline");
	x.old_deadline = it.deadline;
	x.requested_by.id = r->user->id;
	x.requested_by.login = r->user->login;
	x.requested_by.name = r->user->name;
	if (api_begin(r) == -1)
		return 0;
	/* inside the write transaction: two requests cannot both pass */
	if (store_extension_pending(r->store, it.id)) {
		api_rollback(r);
		return reply_error(r, 409, "extension_pending",
		    "该事项已有待审批的延期申请,请等待督办人员审批");
	}
	if ((rc = store_extension_add(r->store, &x)) == STORE_OK) {
		data = json_pack("{s:s, s:I, s:o, s:o}", "action", "request",
		    "extension_id", (json_int_t)x.id, "old_deadline",
		    json_day(x.old_deadline), "new_deadline",
		    json_day(x.new_deadline));
		req_json_keep(r, data);
		rc = store_event_add(r->store, it.id, "extension", NULL, NULL,
		    x.reason, req_json_dump(r, data), r->user->id, NULL);
	}
	if (rc != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_extension(&x);
	req_json_keep(r, after);
	if (api_item_commit(r, "extension_request", it.id, NULL, after) == -1)
		return 0;
	return reply_json(r, 201, json_incref(after));
}

/*
 * POST /api/v1/extensions/:id/decision {"approve": true|false, "note"?}
 * By a supervisor in the scope of the request's item (404 if the item
 * is out of sight, 403 without the role); 409 if already decided.  An
 * approval moves the item's deadline.  200 with the request and the
 * item.
 */
int
api_extension_decide(struct req *r)
{
	struct extension	 x;
	struct ledger		 l;
	struct item		 it;
	json_t			*body, *before, *after, *data, *j;
	const char		*note = NULL;
	int64_t			 id;
	enum light		 light;
	enum store_rc		 rc;
	bool			 approve = false, has;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "延期申请编号无效");
	if ((rc = store_extension_get(r->store, r->pool, id, &x)) != STORE_OK)
		return rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "延期申请不存在") : reply_store_error(r, rc);
	if (api_item_load_id(r, x.item_id, &it, &light, &l) == -1)
		return 0;
	if (!api_item_may(r, &l, &it, ROLE_SUPERVISOR))
		return reply_error(r, 403, "out_of_scope",
		    "只有负责该事项的督办人员可以审批延期申请");
	if (req_json_body(r, &body) == -1 ||
	    req_bool(r, body, "approve", "是否批准", &approve, &has) == -1 ||
	    req_str(r, body, "note", "审批意见", 1000, false, &note) == -1)
		return 0;
	if (!has)
		return reply_error_field(r, 400, "required",
		    "「是否批准」不能为空(approve: true 或 false)", "approve");
	if (strcmp(x.state, "pending") != 0)
		return reply_error(r, 409, "not_pending", arena_printf(r->pool,
		    "该延期申请已审批(%s),不能重复审批",
		    api_progress_ext_label(x.state)));
	before = json_extension(&x);
	req_json_keep(r, before);
	data = json_pack("{s:s, s:I, s:o, s:o}", "action", approve ? "approve" :
	    "reject", "extension_id", (json_int_t)x.id, "old_deadline",
	    json_day(it.deadline), "new_deadline", json_day(approve ?
	    x.new_deadline : it.deadline));
	req_json_keep(r, data);
	if (api_begin(r) == -1)
		return 0;
	rc = store_extension_decide(r->store, x.id, approve, note, r->user->id);
	if (rc == STORE_CONFLICT) {
		api_rollback(r);
		return reply_error(r, 409, "not_pending",
		    "该延期申请已审批,不能重复审批");
	}
	if (rc == STORE_OK && approve)
		rc = store_item_set_deadline(r->store, it.id, x.new_deadline,
		    r->user->id);
	if (rc == STORE_OK)
		rc = store_event_add(r->store, it.id, "extension", NULL, NULL,
		    note, req_json_dump(r, data), r->user->id, NULL);
	if (rc == STORE_OK)
		rc = store_extension_get(r->store, r->pool, x.id, &x);
	if (rc == STORE_OK)
		rc = store_item_get(r->store, r->pool, it.id, &it, &light);
	if (rc != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_extension(&x);
	req_json_keep(r, after);
	if (api_item_commit(r, "extension_decision", it.id, before, after) == -1)
		return 0;
	j = json_deep_copy(after);
	json_object_set_new(j, "item", json_item(r, &it, light, &l));
	api_etag(r, it.version);
	return reply_json(r, 200, j);
}

static int
api_progress_add_inbox(const struct inbox_entry *e, void *arg)
{
	struct progress_list	*c = arg;
	json_t			*o;

	o = json_pack("{s:s, s:I, s:o, s:I, s:o, s:o, s:o}",
	    "kind", e->kind ? e->kind : "", "item_id", (json_int_t)e->item_id,
	    "item_title", json_str_or_null(e->item_title),
	    "ledger_id", (json_int_t)e->ledger_id,
	    "text", json_str_or_null(e->text), "at", json_time(e->at),
	    "user", json_who(&e->user));
	if (e->extension_id)
		json_object_set_new(o, "extension_id",
		    json_integer(e->extension_id));
	json_array_append_new(c->items, o);
	return 0;
}

/*
 * GET /api/v1/me/inbox?limit
 * 催办 by others of the last 30 days on open items of the caller's
 * units (and the units below), and the pending extension requests the
 * caller may decide, newest first:
 * {"items": [{"kind", "item_id", "item_title", "ledger_id", "text",
 * "at", "user", "extension_id"?}], "total"}.
 */
int
api_me_inbox(struct req *r)
{
	struct progress_list	c;
	struct viewer		v = api_viewer(r);
	int64_t			limit, total;
	enum store_rc		rc;

	if (req_query_int(r, "limit", 1, 500, 100, &limit) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_inbox(r->store, r->pool, &v, util_now() -
	    (int64_t)INBOX_DAYS * 86400, limit, api_progress_add_inbox, &c,
	    &total)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)total));
}
