/*
 * What the handlers share: write transactions that carry their audit
 * row, the If-Match version, and the JSON forms of users, units and
 * places.
 */
#include <string.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "store.h"
#include "store_audit.h"
#include "store_place.h"
#include "util.h"

int
api_begin(struct req *r)
{
	if (r->in_tx)
		return 0;
	if (store_begin(r->store, true) == -1) {
		reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
		return -1;
	}
	return 0;
}

void
api_rollback(struct req *r)
{
	if (!r->in_tx)
		store_rollback(r->store);
}

int
api_commit(struct req *r, const char *action, const char *entity,
    const char *id, json_t *before, json_t *after)
{
	enum store_rc rc;

	rc = store_audit_add(r->store, &r->actor, action, entity, id,
	    before ? req_json_dump(r, before) : NULL,
	    after ? req_json_dump(r, after) : NULL);
	if (rc != STORE_OK && r->in_tx) {
		reply_store_error(r, rc);
		return -1;
	}
	if (r->in_tx)
		return 0;
	if (rc != STORE_OK || store_commit(r->store) == -1) {
		if (rc == STORE_OK)
			rc = store_last_error(r->store);
		store_rollback(r->store);
		reply_store_error(r, rc);
		return -1;
	}
	return 0;
}

int
api_if_match(struct req *r, int64_t *version)
{
	const char	*h;
	char		 v[32];
	size_t		 n;

	if ((h = req_header(r, "If-Match")) == NULL) {
		reply_error(r, 428, "version_required",
		    "缺少版本号(If-Match),请刷新后重试");
		return -1;
	}
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	n = strlen(h);
	if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
		h++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof(v)) {
		reply_error(r, 400, "bad_version", "版本号(If-Match)无效");
		return -1;
	}
	memcpy(v, h, n);
	v[n] = '\0';
	if (util_parse_int64(v, version) == -1 || *version <= 0) {
		reply_error(r, 400, "bad_version", "版本号(If-Match)无效");
		return -1;
	}
	return 0;
}

void
api_etag(struct req *r, int64_t version)
{
	char v[32];

	snprintf(v, sizeof(v), "\"%lld\"", (long long)version);
	req_add_header(r, "ETag", v);
}

json_t *
json_time(int64_t t)
{
	char b[32];

	if (t <= 0)
		return json_null();
	util_time_fmt(t, b, sizeof(b));
	b[10] = 'T';
	strncat(b, "Z", sizeof(b) - strlen(b) - 1);
	return json_string(b);
}

json_t *
json_str_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

json_t *
json_user(const struct user *u)
{
	json_t	*m, *arr;
	int	 i;

	arr = json_array();
	for (i = 0; i < u->nmemb; i++) {
		const struct membership *x = &u->memb[i];
		m = json_pack("{s:s, s:s, s:o, s:o, s:b, s:s}",
		    "role", role_name(x->role), "role_label",
		    role_label(x->role), "unit_id",
		    x->unit_id ? json_integer(x->unit_id) : json_null(),
		    "region", json_str_or_null(x->region), "is_main",
		    x->is_main, "label", x->label);
		json_array_append_new(arr, m);
	}
	return json_pack("{s:I, s:s, s:s, s:o, s:s, s:s, s:b, s:o, s:o, "
	    "s:o, s:I}",
	    "id", (json_int_t)u->id, "login", u->login, "name", u->name,
	    "phone", json_str_or_null(u->phone), "role", role_name(u->role),
	    "role_label", role_label(u->role), "disabled", u->disabled,
	    "memberships", arr, "created_at", json_time(u->created_at),
	    "updated_at", json_time(u->updated_at),
	    "version", (json_int_t)u->version);
}

json_t *
json_unit(const struct unit *u)
{
	return json_pack("{s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:I}",
	    "id", (json_int_t)u->id, "parent_id",
	    u->parent_id ? json_integer(u->parent_id) : json_null(),
	    "name", u->name, "kind", u->kind,
	    "place_code", json_str_or_null(u->place_code),
	    "phone", json_str_or_null(u->phone),
	    "created_at", json_time(u->created_at),
	    "updated_at", json_time(u->updated_at),
	    "version", (json_int_t)u->version);
}

json_t *
json_place(const struct place *p)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:s, s:o, s:o}",
	    "code", p->code, "name", p->name, "short_name", p->short_name,
	    "level", p->level, "level_name",
	    place_level_name((enum place_level)p->level),
	    "parent", json_str_or_null(p->parent),
	    "old_area_class", json_str_or_null(p->old_area_class));
}
