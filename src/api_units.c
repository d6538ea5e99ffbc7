/*
 * Units: a tree everyone logged in can read; supervisors change the
 * units under their own units or in their regions, admins any.
 */
#include <string.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "store_place.h"
#include "store_unit.h"
#include "util.h"

static int
api_units_add(const struct unit *u, void *arg)
{
	json_array_append_new(arg, json_unit(u));
	return 0;
}

/* GET /api/v1/units  every unit, parents before children. */
int
api_units_list(struct req *r)
{
	json_t		*items = json_array();
	enum store_rc	 rc;

	if ((rc = store_unit_list(r->store, api_units_add, items)) !=
	    STORE_OK) {
		json_decref(items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", items,
	    "total", (json_int_t)json_array_size(items)));
}

static int
api_unit_load(struct req *r, struct unit *u)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "单位编号无效"), -1;
	if ((rc = store_unit_get(r->store, id, u)) != STORE_OK)
		return (rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "单位不存在") :
		    reply_store_error(r, rc)), -1;
	return 0;
}

/*
 * May the caller change units at `parent` (0: a root) with place
 * `code`?  A supervisor of the parent or an ancestor of it, or of a
 * region holding the place.
 */
static bool
api_unit_may(struct req *r, int64_t unit, const char *code)
{
	int64_t	chain[UNIT_DEPTH_MAX];
	size_t	n = 0;

	if (unit && store_unit_chain(r->store, unit, chain, NELEM(chain),
	    &n) != STORE_OK)
		return false;
	return user_may(r->user, ROLE_SUPERVISOR, code, chain, n);
}

/*
 * Read the fields of a unit from body into u (create: all required
 * ones; update: those present).  Replies and returns -1 on a bad one.
 */
static int
api_unit_fields(struct req *r, json_t *body, struct unit *u, bool create)
{
	const char	*name = NULL, *kind = NULL, *place = NULL, *phone = NULL;
	char		 code[PLACE_CODE_MAX];
	struct place	 p;
	struct unit	 parent;
	int64_t		 pid = 0, chain[UNIT_DEPTH_MAX];
	size_t		 n, i;
	bool		 has;

	if (req_str(r, body, "name", "单位名称", 80, create, &name) == -1 ||
	    req_str(r, body, "kind", "单位类型", 16, create, &kind) == -1 ||
	    req_str(r, body, "place_code", "所在区划", 12, false, &place) == -1 ||
	    req_str(r, body, "phone", "联系电话", 30, false, &phone) == -1 ||
	    req_int(r, body, "parent_id", "上级单位", 1, INT64_MAX, false, &pid,
	    &has) == -1)
		return -1;
	if (name) {
		if (*name == '\0')
			return reply_error_field(r, 400, "required",
			    "「单位名称」不能为空", "name"), -1;
		util_strlcpy(u->name, name, sizeof(u->name));
	}
	if (kind) {
		if (!unit_kind_valid(kind))
			return reply_error_field(r, 400, "bad_kind",
			    "「单位类型」应为:党政部门、理事单位、乡镇街道、企业、"
			    "社会组织、老促会及分会之一", "kind"), -1;
		util_strlcpy(u->kind, kind, sizeof(u->kind));
	}
	if (json_object_get(body, "place_code")) {
		u->place_code[0] = '\0';
		if (place && *place) {
			if (place_code_norm(place, code) == -1 ||
			    store_place_get(r->store, code, &p) != STORE_OK)
				return reply_error_field(r, 400, "bad_place",
				    arena_printf(r->pool, "「所在区划」%s不存在",
				    place), "place_code"), -1;
			util_strlcpy(u->place_code, code, sizeof(u->place_code));
		}
	}
	if (json_object_get(body, "parent_id")) {
		u->parent_id = has ? pid : 0;
		if (u->parent_id) {
			if (store_unit_get(r->store, u->parent_id, &parent) !=
			    STORE_OK)
				return reply_error_field(r, 400, "bad_parent",
				    "「上级单位」不存在", "parent_id"), -1;
			/* no cycles: the new parent must not lie below u */
			if (!create && store_unit_chain(r->store, u->parent_id,
			    chain, NELEM(chain), &n) == STORE_OK)
				for (i = 0; i < n; i++)
					if (chain[i] == u->id)
						return reply_error_field(r, 400,
						    "cycle", "不能把单位移到它自己或"
						    "它的下级单位之下", "parent_id"),
						    -1;
		}
	}
	if (phone)
		util_strlcpy(u->phone, phone, sizeof(u->phone));
	return 0;
}

/*
 * Inside the write transaction (one writer at a time on both engines):
 * is the name free under the parent?  Otherwise roll back and reply 409.
 */
static int
api_unit_name_free(struct req *r, const struct unit *u)
{
	if (!store_unit_name_taken(r->store, u->name, u->parent_id, u->id))
		return 0;
	api_rollback(r);
	return reply_error_field(r, 409, "duplicate", arena_printf(r->pool,
	    "同一上级下已有名为「%s」的单位", u->name), "name"), -1;
}

/* POST /api/v1/units  201 the new unit. */
int
api_unit_create(struct req *r)
{
	struct unit	 u;
	json_t		*body, *after;
	enum store_rc	 rc;

	memset(&u, 0, sizeof(u));
	if (req_json_body(r, &body) == -1 ||
	    api_unit_fields(r, body, &u, true) == -1)
		return 0;
	if (!api_unit_may(r, u.parent_id, u.place_code))
		return reply_error(r, 403, "out_of_scope",
		    "只能在本人负责的单位或区域内新建单位");
	if (api_begin(r) == -1)
		return 0;
	if (api_unit_name_free(r, &u) == -1)
		return 0;
	if ((rc = store_unit_add(r->store, &u)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_unit(&u);
	req_json_keep(r, after);
	if (api_commit(r, "create", "unit",
	    arena_printf(r->pool, "%lld", (long long)u.id), NULL, after) == -1)
		return 0;
	api_etag(r, u.version);
	return reply_json(r, 201, json_incref(after));
}

/* GET /api/v1/units/:id */
int
api_unit_get(struct req *r)
{
	struct unit u;

	if (api_unit_load(r, &u) == -1)
		return 0;
	api_etag(r, u.version);
	return reply_json(r, 200, json_unit(&u));
}

/* PATCH /api/v1/units/:id with If-Match; 412 if the version moved. */
int
api_unit_patch(struct req *r)
{
	struct unit	 u;
	json_t		*body, *before, *after;
	int64_t		 version;
	enum store_rc	 rc;

	/* the scope first: a 428 or 400 would tell an outsider more */
	if (api_unit_load(r, &u) == -1)
		return 0;
	if (!api_unit_may(r, u.id, u.place_code))
		return reply_error(r, 403, "out_of_scope",
		    "该单位不在您的管辖范围内");
	if (api_if_match(r, &version) == -1 || req_json_body(r, &body) == -1)
		return 0;
	before = json_unit(&u);
	req_json_keep(r, before);
	if (api_unit_fields(r, body, &u, false) == -1)
		return 0;
	if (json_object_get(body, "parent_id") &&
	    !api_unit_may(r, u.parent_id, u.place_code))
		return reply_error(r, 403, "out_of_scope",
		    "不能把单位移到您管辖范围以外");
	u.version = version;
	if (api_begin(r) == -1)
		return 0;
	if (api_unit_name_free(r, &u) == -1)
		return 0;
	if ((rc = store_unit_update(r->store, &u)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_unit(&u);
	req_json_keep(r, after);
	if (api_commit(r, "update", "unit",
	    arena_printf(r->pool, "%lld", (long long)u.id), before, after) == -1)
		return 0;
	api_etag(r, u.version);
	return reply_json(r, 200, json_incref(after));
}

/* DELETE /api/v1/units/:id with If-Match; 409 if it has children or
 * members. */
int
api_unit_delete(struct req *r)
{
	struct unit	 u;
	json_t		*before;
	int64_t		 version;
	enum store_rc	 rc;

	if (api_unit_load(r, &u) == -1)
		return 0;
	if (!api_unit_may(r, u.id, u.place_code))
		return reply_error(r, 403, "out_of_scope",
		    "该单位不在您的管辖范围内");
	if (api_if_match(r, &version) == -1)
		return 0;
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_unit_delete(r->store, u.id, version)) != STORE_OK) {
		api_rollback(r);
		if (rc == STORE_CONFLICT)
			return reply_error(r, 409, "in_use",
			    "该单位下还有下级单位或用户,不能删除");
		return reply_store_error(r, rc);
	}
	before = json_unit(&u);
	req_json_keep(r, before);
	if (api_commit(r, "delete", "unit",
	    arena_printf(r->pool, "%lld", (long long)u.id), before, NULL) == -1)
		return 0;
	return reply_text(r, 204, NULL, "", 0);
}
