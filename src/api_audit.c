/* The audit log, for admins: newest first, filters, a cursor. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "store_audit.h"
#include "util.h"

struct audit_ctx {
	json_t	*items;
	int64_t	 last;
};

static json_t *
api_audit_json_text(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	if ((j = json_loads(s, 0, NULL)) != NULL)
		return j;
	return json_string(s);
}

static int
api_audit_add(const struct audit_row *a, void *arg)
{
	struct audit_ctx *c = arg;

	json_array_append_new(c->items, json_pack(
	    "{s:I, s:o, s:o, s:s, s:o, s:s, s:s, s:o, s:o, s:o}",
	    "id", (json_int_t)a->id, "at", json_time(a->at),
	    "user_id", a->user_id ? json_integer(a->user_id) : json_null(),
	    "actor", a->actor, "ip", json_str_or_null(a->ip),
	    "action", a->action, "entity", a->entity,
	    "entity_id", json_str_or_null(a->entity_id),
	    "before", api_audit_json_text(a->before),
	    "after", api_audit_json_text(a->after)));
	c->last = a->id;
	return 0;
}

/* YYYY-MM-DD (UTC day start) into *t; -1 on junk. */
static int
api_audit_date(const char *s, int64_t *t)
{
	struct tm	tm;
	char		*end;

	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0')
		return -1;
	*t = (int64_t)timegm(&tm);
	return 0;
}

/*
 * GET /api/v1/audit?entity=unit&entity_id=3&user=2&from=2026-01-01
 *     &to=2026-12-31&before=ID&limit=50
 * {"items": [...], "total": N, "next": ID or null}
 */
int
api_audit_list(struct req *r)
{
	struct audit_filter	 f;
	struct audit_ctx	 c = { NULL, 0 };
	const char		*v;
	int64_t			 limit, uid, before;
	enum store_rc		 rc;

	memset(&f, 0, sizeof(f));
	f.entity = req_query(r, "entity");
	f.entity_id = req_query(r, "entity_id");
	if (req_query_int(r, "user", 1, INT64_MAX, 0, &uid) == -1 ||
	    req_query_int(r, "before", 1, INT64_MAX, 0, &before) == -1 ||
	    req_query_int(r, "limit", 1, 500, 50, &limit) == -1)
		return 0;
	f.user_id = uid;
	f.before_id = before;
	f.limit = (int)limit;
	if ((v = req_query(r, "from")) && *v && api_audit_date(v, &f.from) == -1)
		return reply_error_field(r, 400, "bad_date",
		    "起始日期应为 YYYY-MM-DD", "from");
	if ((v = req_query(r, "to")) && *v) {
		if (api_audit_date(v, &f.to) == -1)
			return reply_error_field(r, 400, "bad_date",
			    "截止日期应为 YYYY-MM-DD", "to");
		f.to += 86400;	/* the whole day */
	}
	c.items = json_array();
	if ((rc = store_audit_list(r->store, &f, api_audit_add, &c)) !=
	    STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I, s:o}", "items",
	    c.items, "total", (json_int_t)store_audit_count(r->store, &f),
	    "next", (int64_t)json_array_size(c.items) == limit ?
	    json_integer(c.last) : json_null()));
}
