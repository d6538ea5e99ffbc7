/*
 * Users and their memberships (admins only; the route table says so
 * and nothing here relaxes it).
 */
#include <string.h>

#include "api.h"
#include "api_json.h"
#include "arena.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static int
api_users_add(const struct user *u, void *arg)
{
	json_array_append_new(arg, json_user(u));
	return 0;
}

/* GET /api/v1/users */
int
api_users_list(struct req *r)
{
	json_t		*items = json_array();
	enum store_rc	 rc;

	if ((rc = store_user_list(r->store, api_users_add, items)) !=
	    STORE_OK) {
		json_decref(items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", items,
	    "total", (json_int_t)json_array_size(items)));
}

/*
 * "memberships": [{"role", "unit_id" | "region", "is_main"}]; a role
 * left out is the user's.  Replies 400 on a bad entry.
 */
static int
api_user_memberships(struct req *r, json_t *arr, struct user *u)
{
	struct membership	*m;
	struct unit		 un;
	struct place		 p;
	json_t			*o;
	size_t			 i;
	const char		*role, *region;
	int64_t			 uid;
	bool			 has, main_;

	if (!json_is_array(arr) || json_array_size(arr) > USER_MEMB_MAX)
		return reply_error_field(r, 400, "bad_type", arena_printf(r->pool,
		    "「所属单位与区域」应为不超过%d项的列表", USER_MEMB_MAX),
		    "memberships"), -1;
	u->nmemb = 0;
	json_array_foreach(arr, i, o) {
		if (!json_is_object(o))
			return reply_error_field(r, 400, "bad_type",
			    "「所属单位与区域」每项应为对象", "memberships"), -1;
		m = &u->memb[u->nmemb];
		memset(m, 0, sizeof(*m));
		role = NULL;
		region = NULL;
		uid = 0;
		main_ = false;
		if (req_str(r, o, "role", "角色", 16, false, &role) == -1 ||
		    req_int(r, o, "unit_id", "单位", 1, INT64_MAX, false, &uid,
		    &has) == -1 ||
		    req_str(r, o, "region", "区域", 12, false, &region) == -1 ||
		    req_bool(r, o, "is_main", "主单位", &main_, NULL) == -1)
			return -1;
		m->role = role ? role_parse(role) : u->role;
		if (m->role == ROLE_NONE || m->role == ROLE_ADMIN)
			return reply_error_field(r, 400, "bad_role",
			    "单位或区域内的角色应为 supervisor、reporter 或 viewer",
			    "memberships"), -1;
		if ((uid != 0) == (region != NULL && *region))
			return reply_error_field(r, 400, "bad_membership",
			    "每项须指定单位(unit_id)或区域(region)之一",
			    "memberships"), -1;
		if (uid) {
			if (store_unit_get(r->store, uid, &un) != STORE_OK)
				return reply_error_field(r, 400, "bad_unit",
				    arena_printf(r->pool, "单位%lld不存在",
				    (long long)uid), "memberships"), -1;
			m->unit_id = uid;
		} else if (place_code_norm(region, m->region) == -1 ||
		    store_place_get(r->store, m->region, &p) != STORE_OK)
			return reply_error_field(r, 400, "bad_region",
			    arena_printf(r->pool, "区划%s不存在", region),
			    "memberships"), -1;
		m->is_main = main_;
		u->nmemb++;
	}
	return 0;
}

static int
api_user_role(struct req *r, json_t *body, struct user *u, bool required)
{
	const char *role = NULL;

	if (req_str(r, body, "role", "角色", 16, required, &role) == -1)
		return -1;
	if (role && (u->role = role_parse(role)) == ROLE_NONE)
		return reply_error_field(r, 400, "bad_role",
		    "「角色」应为 admin、supervisor、reporter 或 viewer", "role"),
		    -1;
	return 0;
}

/*
 * POST /api/v1/users {"login", "name", "phone", "role", "password"?,
 *     "memberships": [...]}
 * 201 with the user; a generated password is returned once.
 */
int
api_user_create(struct req *r)
{
	struct user	*u;
	json_t		*body, *after, *v, *out;
	const char	*login = NULL, *name = NULL, *phone = NULL, *pw = NULL;
	const char	*why;
	char		 hash[AUTH_HASH_MAX], gen[17] = "";
	enum store_rc	 rc;

	u = arena_alloc(r->pool, sizeof(*u));
	memset(u, 0, sizeof(*u));
	if (req_json_body(r, &body) == -1 ||
	    req_str(r, body, "login", "登录名", 63, true, &login) == -1 ||
	    req_str(r, body, "name", "姓名", 40, false, &name) == -1 ||
	    req_str(r, body, "phone", "电话", 30, false, &phone) == -1 ||
	    req_str(r, body, "password", "密码", 128, false, &pw) == -1 ||
	    api_user_role(r, body, u, true) == -1)
		return 0;
	if ((why = user_login_invalid(login)) != NULL)
		return reply_error_field(r, 400, "bad_login", why, "login");
	if (pw && (why = user_password_invalid(pw)) != NULL)
		return reply_error_field(r, 400, "weak_password", why,
		    "password");
	util_strlcpy(u->login, login, sizeof(u->login));
	util_strlcpy(u->name, name ? name : login, sizeof(u->name));
	util_strlcpy(u->phone, phone ? phone : "", sizeof(u->phone));
	if ((v = json_object_get(body, "memberships")) != NULL &&
	    api_user_memberships(r, v, u) == -1)
		return 0;
	if (pw == NULL) {
		auth_random_password(gen);
		pw = gen;
	}
	if (auth_hash_password(pw, hash) == -1)
		return reply_error(r, 500, "hash", "服务器内部错误");
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_user_add(r->store, u, hash)) != STORE_OK) {
		api_rollback(r);
		if (rc == STORE_CONFLICT)
			return reply_error_field(r, 409, "login_taken",
			    arena_printf(r->pool, "登录名「%s」已被使用", login),
			    "login");
		return reply_store_error(r, rc);
	}
	store_user_get(r->store, u->id, u);
	after = json_user(u);
	req_json_keep(r, after);
	if (api_commit(r, "create", "user",
	    arena_printf(r->pool, "%lld", (long long)u->id), NULL, after) == -1)
		return 0;
	out = json_pack("{s:O}", "user", after);
	if (gen[0])
		json_object_set_new(out, "password", json_string(gen));
	return reply_json(r, 201, out);
}

static int
api_user_load(struct req *r, struct user *u)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "用户编号无效"), -1;
	if ((rc = store_user_get(r->store, id, u)) != STORE_OK)
		return (rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "用户不存在") :
		    reply_store_error(r, rc)), -1;
	return 0;
}

/* GET /api/v1/users/:id */
int
api_user_get(struct req *r)
{
	struct user *u;

	u = arena_alloc(r->pool, sizeof(*u));
	if (api_user_load(r, u) == -1)
		return 0;
	api_etag(r, u->version);
	return reply_json(r, 200, json_user(u));
}

/*
 * PATCH /api/v1/users/:id {"name", "phone", "role", "memberships",
 *     "disabled", "password"}; If-Match optional.  Disabling or a new
 * password ends the user's sessions and revokes its tokens.
 */
int
api_user_patch(struct req *r)
{
	struct user	*u;
	json_t		*body, *before, *after, *v;
	const char	*name = NULL, *phone = NULL, *pw = NULL, *why;
	char		 hash[AUTH_HASH_MAX];
	int64_t		 version;
	bool		 off = false, has_off;
	enum store_rc	 rc = STORE_OK;

	u = arena_alloc(r->pool, sizeof(*u));
	if (api_user_load(r, u) == -1 || req_json_body(r, &body) == -1)
		return 0;
	if (req_header(r, "If-Match")) {
		if (api_if_match(r, &version) == -1)
			return 0;
		if (version != u->version)
			return reply_store_error(r, STORE_STALE);
	}
	before = json_user(u);
	req_json_keep(r, before);
	if (req_str(r, body, "name", "姓名", 40, false, &name) == -1 ||
	    req_str(r, body, "phone", "电话", 30, false, &phone) == -1 ||
	    req_str(r, body, "password", "密码", 128, false, &pw) == -1 ||
	    req_bool(r, body, "disabled", "停用", &off, &has_off) == -1 ||
	    api_user_role(r, body, u, false) == -1)
		return 0;
	if (name && *name)
		util_strlcpy(u->name, name, sizeof(u->name));
	if (phone)
		util_strlcpy(u->phone, phone, sizeof(u->phone));
	if ((v = json_object_get(body, "memberships")) != NULL &&
	    api_user_memberships(r, v, u) == -1)
		return 0;
	if (pw && (why = user_password_invalid(pw)) != NULL)
		return reply_error_field(r, 400, "weak_password", why,
		    "password");
	if (u->id == r->user->id && ((has_off && off) ||
	    (u->role != ROLE_ADMIN)))
		return reply_error(r, 409, "self",
		    "不能停用自己的账号或取消自己的管理员角色");
	if (pw && auth_hash_password(pw, hash) == -1)
		return reply_error(r, 500, "hash", "服务器内部错误");
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_user_update(r->store, u)) != STORE_OK ||
	    (has_off && (rc = store_user_set_disabled(r->store, u->id, off)) !=
	    STORE_OK) ||
	    (pw && (rc = store_user_set_password(r->store, u->id, hash)) !=
	    STORE_OK) ||
	    (((has_off && off) || pw) &&
	    (rc = store_user_logout_all(r->store, u->id, true)) != STORE_OK)) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	store_user_get(r->store, u->id, u);
	after = json_user(u);
	req_json_keep(r, after);
	if (api_commit(r, "update", "user",
	    arena_printf(r->pool, "%lld", (long long)u->id), before, after) == -1)
		return 0;
	api_etag(r, u->version);
	return reply_json(r, 200, json_incref(after));
}
