#include <string.h>

#include "api.h"
#include "arena.h"
#include "router.h"
#include "static.h"
#include "store_user.h"
#include "util.h"

const struct route routes[] = {
	{ "GET", "/api/v1/openapi.json", api_openapi, ROLE_NONE, "系统",
	    "接口说明(OpenAPI 3)" },
	{ "GET", "/api/v1/status", api_status, ROLE_NONE, "系统",
	    "系统状态:版本与数据量" },

	{ "POST", "/api/v1/session", api_session_create, ROLE_NONE, "登录",
	    "登录,设置会话Cookie并返回CSRF令牌" },
	{ "DELETE", "/api/v1/session", api_session_delete, ROLE_VIEWER, "登录",
	    "退出登录" },
	{ "GET", "/api/v1/me", api_me_get, ROLE_VIEWER, "登录",
	    "当前用户及其角色、单位和区域" },
	{ "POST", "/api/v1/me/password", api_me_password, ROLE_VIEWER, "登录",
	    "修改本人密码" },

	{ "GET", "/api/v1/places", api_places_list, ROLE_VIEWER, "区划",
	    "下级区划(parent)或按名称搜索(q, within, level)" },
	{ "GET", "/api/v1/places/:code", api_place_get, ROLE_VIEWER, "区划",
	    "区划详情、上级链与下级数量" },
	{ "PATCH", "/api/v1/places/:code", api_place_patch, ROLE_SUPERVISOR,
	    "区划", "修改老区类别与年度数据" },

	{ "GET", "/api/v1/units", api_units_list, ROLE_VIEWER, "单位",
	    "单位列表(树)" },
	{ "POST", "/api/v1/units", api_unit_create, ROLE_SUPERVISOR, "单位",
	    "新建单位" },
	{ "GET", "/api/v1/units/:id", api_unit_get, ROLE_VIEWER, "单位",
	    "单位详情" },
	{ "PATCH", "/api/v1/units/:id", api_unit_patch, ROLE_SUPERVISOR,
	    "单位", "修改单位(If-Match: 版本)" },
	{ "DELETE", "/api/v1/units/:id", api_unit_delete, ROLE_SUPERVISOR,
	    "单位", "删除单位(If-Match: 版本)" },

	{ "GET", "/api/v1/users", api_users_list, ROLE_ADMIN, "用户",
	    "用户列表" },
	{ "POST", "/api/v1/users", api_user_create, ROLE_ADMIN, "用户",
	    "新建用户" },
	{ "GET", "/api/v1/users/:id", api_user_get, ROLE_ADMIN, "用户",
	    "用户详情" },
	{ "PATCH", "/api/v1/users/:id", api_user_patch, ROLE_ADMIN, "用户",
	    "修改用户:姓名、角色、单位与区域、停用、重置密码" },

	{ "GET", "/api/v1/audit", api_audit_list, ROLE_ADMIN, "操作日志",
	    "操作日志(entity, entity_id, user, from, to, before, limit)" },

	{ "GET", "/api/v1/ledger-templates", api_ledger_templates, ROLE_VIEWER,
	    "台账", "内置台账模板" },
	{ "GET", "/api/v1/ledgers", api_ledgers_list, ROLE_VIEWER, "台账",
	    "台账列表" },
	{ "POST", "/api/v1/ledgers", api_ledger_create, ROLE_SUPERVISOR, "台账",
	    "新建台账(按类型或模板)" },
	{ "GET", "/api/v1/ledgers/:id", api_ledger_get, ROLE_VIEWER, "台账",
	    "台账详情:栏目、字典、状态与办理流程" },
	{ "PATCH", "/api/v1/ledgers/:id", api_ledger_patch, ROLE_SUPERVISOR,
	    "台账", "修改台账(If-Match: 版本)" },
	{ "GET", "/api/v1/ledgers/:id/items", api_items_list, ROLE_VIEWER,
	    "事项", "台账的事项列表:state, light, category, unit, place, "
	    "deadline_from, deadline_to, q, done, cf.字段, sort, limit, offset" },
	{ "POST", "/api/v1/ledgers/:id/items", api_item_create,
	    ROLE_SUPERVISOR, "事项", "新增事项(返回重复建设提醒 warnings)" },
	{ "GET", "/api/v1/items", api_items_list, ROLE_VIEWER, "事项",
	    "全部台账的事项列表(同上筛选,另有 ledger)" },
	{ "GET", "/api/v1/items/:id", api_item_get, ROLE_VIEWER, "事项",
	    "事项详情" },
	{ "PATCH", "/api/v1/items/:id", api_item_patch, ROLE_REPORTER, "事项",
	    "修改事项(If-Match;填报人员只能改进度)" },
	/* progress, timeline, supervision: api_progress.c */
	{ "POST", "/api/v1/items/:id/transitions", api_item_transition,
	    ROLE_REPORTER, "进展与督办", "办理流转:{to, note?, date?, result?}"
	    "(If-Match 可选;所需角色与必填项见台账的 transitions)", 65536 },
	{ "GET", "/api/v1/items/:id/updates", api_item_updates_list,
	    ROLE_VIEWER, "进展与督办", "事项的进展列表(新的在前,limit)" },
	{ "POST", "/api/v1/items/:id/updates", api_item_update_create,
	    ROLE_REPORTER, "进展与督办", "报送进展:{text, progress?, paid?(元), "
	    "date?}", 65536 },
	{ "GET", "/api/v1/items/:id/timeline", api_item_timeline, ROLE_VIEWER,
	    "进展与督办", "事项时间线:进展、流转、催办、延期(新的在前,limit)" },
	{ "POST", "/api/v1/items/:id/urge", api_item_urge, ROLE_SUPERVISOR,
	    "进展与督办", "催办:{text}", 65536 },
	{ "GET", "/api/v1/items/:id/extensions", api_item_extensions_list,
	    ROLE_VIEWER, "进展与督办", "事项的延期申请" },
	{ "POST", "/api/v1/items/:id/extensions", api_item_extension_create,
	    ROLE_REPORTER, "进展与督办", "申请延期:{reason, new_deadline}",
	    65536 },
	{ "POST", "/api/v1/extensions/:id/decision", api_extension_decide,
	    ROLE_SUPERVISOR, "进展与督办", "审批延期申请:{approve, note?}",
	    65536 },
	{ "GET", "/api/v1/me/inbox", api_me_inbox, ROLE_VIEWER, "进展与督办",
	    "我的待办:近30天的催办与待审批的延期申请" },
	/* attachments and links: api_attachments.c, api_links.c */
	{ "GET", "/api/v1/items/:id/attachments", api_attachments_list,
	    ROLE_VIEWER, "附件", "事项的附件列表" },
	{ "POST", "/api/v1/items/:id/attachments", api_attachment_upload,
	    ROLE_REPORTER, "附件", "上传附件(multipart/form-data:file,"
	    "可选 update_id;不超过20MB;PDF、图片、Office、文本、zip)",
	    20 * 1024 * 1024 },
	{ "GET", "/api/v1/attachments/:id", api_attachment_get, ROLE_VIEWER,
	    "附件", "下载附件" },
	{ "DELETE", "/api/v1/attachments/:id", api_attachment_delete,
	    ROLE_REPORTER, "附件", "删除附件(督办人员,或上传者1天内)" },
	{ "POST", "/api/v1/items/:id/to-project", api_item_to_project,
	    ROLE_SUPERVISOR, "关联", "需求立项:在项目台账生成项目并关联(满足),"
	    "需求转为已立项", 65536 },
	{ "POST", "/api/v1/items/:id/forward", api_item_forward,
	    ROLE_SUPERVISOR, "关联", "意见建议转办:在事项台账生成事项并关联"
	    "(转办),意见建议转为分办", 65536 },
	{ "POST", "/api/v1/items/:id/rectify", api_item_rectify,
	    ROLE_SUPERVISOR, "关联", "问题整改:在事项台账生成整改事项并关联"
	    "(整改),问题转为整改中", 65536 },
	{ "GET", "/api/v1/items/:id/links", api_links_list, ROLE_VIEWER,
	    "关联", "事项的关联(满足、转办、整改、续建)" },
	{ "POST", "/api/v1/items/:id/links", api_link_create, ROLE_SUPERVISOR,
	    "关联", "建立项目续建关联(kind=continues)", 65536 },
	/* statistics and duplicates: api_stats.c */
	{ "GET", "/api/v1/stats", api_stats, ROLE_VIEWER, "统计",
	    "统计:group=unit、place:province…place:village、category、year、"
	    "state 或 light;measure=count,money,beneficiaries;筛选同事项列表"
	    "(ledger, state, light, category, unit, place, deadline_from, "
	    "deadline_to, q, done, cf.字段)" },
	{ "GET", "/api/v1/ledgers/:id/duplicates", api_ledger_duplicates,
	    ROLE_VIEWER, "统计", "重复建设排查:本台账与各项目、需求台账中同一村"
	    "同类且期间重叠或名称相近的事项" },
	/* exports: api_export.c */
	{ "GET", "/api/v1/ledgers/:id/export", api_ledger_export, ROLE_VIEWER,
	    "导出", "导出台账事项为Excel或CSV(format=xlsx|csv,筛选同事项列表:"
	    "state, light, category, unit, place, deadline_from, deadline_to, "
	    "q, done, cf.字段, sort);只含本人可见的事项" },
	{ "GET", "/api/v1/ledgers/:id/template", api_ledger_template,
	    ROLE_VIEWER, "导出", "下载台账的空白导入模板(.xlsx,含下拉选项和"
	    "填写说明)" },
	/* importing sheets: api_imports.c */
	{ "POST", "/api/v1/ledgers/:id/imports", api_import_create,
	    ROLE_REPORTER, "导入", "上传表格(multipart/form-data:file 为 .xlsx、"
	    ".xls 或 .csv,可选 options)并检查,返回列的对应与逐行问题;不超过20MB",
	    20 * 1024 * 1024 + 65536 },
	{ "GET", "/api/v1/imports/:id", api_import_get, ROLE_REPORTER, "导入",
	    "导入记录与最近一次检查结果" },
	{ "PATCH", "/api/v1/imports/:id", api_import_patch, ROLE_REPORTER,
	    "导入", "修改列的对应或选项(mapping、update、key)并重新检查",
	    65536 },
	{ "POST", "/api/v1/imports/:id/commit", api_import_commit,
	    ROLE_REPORTER, "导入", "确认导入:全部行一次保存;有错误时一行也不保存"
	    "(409)" },
	{ "GET", "/api/v1/imports/:id/report", api_import_report,
	    ROLE_REPORTER, "导入", "下载错误说明表:原表加「错误说明」列" },
};
const size_t routes_count = NELEM(routes);

/* Match path against pattern, filling r->params; true on a match. */
static bool
router_match(struct req *r, const char *pattern, const char *path)
{
	const char	*p = pattern, *q = path, *e;
	size_t		 np = 0;

	while (*p && *q) {
		if (*p == ':') {
			const char *name = p + 1;
			while (*p && *p != '/')
				p++;
			e = strchr(q, '/');
			if (e == NULL)
				e = q + strlen(q);
			if (e == q || np >= REQ_PARAM_MAX)
				return false;
			r->params[np].key = arena_strndup(r->pool, name,
			    (size_t)(p - name));
			r->params[np++].val = arena_strndup(r->pool, q,
			    (size_t)(e - q));
			q = e;
			continue;
		}
		if (*p != *q)
			return false;
		p++;
		q++;
	}
	if (*p || *q)
		return false;
	r->nparams = np;
	return true;
}

size_t
router_body_max(const char *method, const char *path)
{
	struct req	r;
	size_t		i;

	memset(&r, 0, sizeof(r));
	r.pool = arena_new();
	for (i = 0; i < routes_count; i++)
		if (strcmp(routes[i].method, method) == 0 &&
		    routes[i].body_max && router_match(&r, routes[i].pattern,
		    path)) {
			arena_free(r.pool);
			return routes[i].body_max;
		}
	arena_free(r.pool);
	return REQ_BODY_MAX;
}

/* The user id into r->user, or why not (NOTFOUND: disabled or gone). */
static enum store_rc
router_load_user(struct req *r, int64_t id)
{
	struct user	*u;
	enum store_rc	 rc;

	u = arena_alloc(r->pool, sizeof(*u));
	if ((rc = store_user_get(r->store, id, u)) != STORE_OK)
		return rc;
	if (u->disabled)
		return STORE_NOTFOUND;
	r->user = u;
	return STORE_OK;
}

enum store_rc
router_authenticate(struct req *r)
{
	const char	*tok, *h;
	int64_t		 uid;
	enum store_rc	 rc = STORE_NOTFOUND;

	r->user = NULL;
	if ((h = req_header(r, "Authorization")) != NULL &&
	    strncmp(h, "Bearer ", 7) == 0) {
		if (strlen(h + 7) == AUTH_TOKEN_LEN &&
		    (rc = store_token_get(r->store, h + 7, &uid)) == STORE_OK)
			rc = router_load_user(r, uid);
	} else if ((tok = req_cookie(r, SESSION_COOKIE)) != NULL &&
	    strlen(tok) == AUTH_TOKEN_LEN &&
	    (rc = store_session_get(r->store, tok, &uid, r->csrf)) ==
	    STORE_OK) {
		rc = router_load_user(r, uid);
		r->via_cookie = r->user != NULL;
		util_strlcpy(r->session_token, tok, sizeof(r->session_token));
	}
	r->actor.user_id = r->user ? r->user->id : 0;
	r->actor.name = r->user ? r->user->login : "";
	r->actor.ip = r->ip;
	return rc == STORE_NOTFOUND ? STORE_OK : rc;
}

static bool
router_safe_method(const char *m)
{
	return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 ||
	    strcmp(m, "OPTIONS") == 0;
}

/* Authenticate, check the route's role and CSRF, run the handler. */
static void
router_run(struct req *r, const struct route *rt)
{
	const char *csrf;

	/* the store cannot say who it is: not a 401 but a 503 */
	if (router_authenticate(r) != STORE_OK && rt->role != ROLE_NONE) {
		reply_error(r, 503, "unavailable", "系统繁忙,请稍后重试");
		return;
	}
	if (rt->role != ROLE_NONE) {
		if (r->user == NULL) {
			reply_error(r, 401, "unauthenticated",
			    "请先登录(会话已失效或令牌无效)");
			return;
		}
		if (r->via_cookie && !router_safe_method(r->method)) {
			csrf = req_header(r, "X-CSRF-Token");
			if (csrf == NULL || !auth_equal(csrf, r->csrf)) {
				reply_error(r, 403, "csrf",
				    "缺少或无效的CSRF令牌,请刷新页面后重试");
				return;
			}
		}
		if (user_max_role(r->user) < rt->role) {
			reply_error(r, 403, "forbidden",
			    "没有权限执行此操作");
			return;
		}
	}
	rt->handler(r);
	if (r->status == 0)
		reply_error(r, 500, "no_reply", "服务器内部错误");
}

void
router_dispatch(struct req *r)
{
	const struct route	*rt = NULL;
	char			 allow[64] = "";
	size_t			 i;
	bool			 path_known = false;

	if (strncmp(r->path, "/api/", 5) != 0) {
		static_serve(r);
		return;
	}
	r->api = true;
	for (i = 0; i < routes_count; i++) {
		if (!router_match(r, routes[i].pattern, r->path))
			continue;
		path_known = true;
		if (strlen(allow) + strlen(routes[i].method) + 3 < sizeof(allow)) {
			if (allow[0])
				strncat(allow, ", ", sizeof(allow) - strlen(allow) - 1);
			strncat(allow, routes[i].method,
			    sizeof(allow) - strlen(allow) - 1);
		}
		if (strcmp(routes[i].method, r->method) == 0) {
			rt = &routes[i];
			break;
		}
	}
	if (rt == NULL) {
		if (!path_known) {
			reply_error(r, 404, "no_route", "接口不存在");
			return;
		}
		req_add_header(r, "Allow", allow);
		reply_error(r, 405, "method_not_allowed", "不支持该请求方法");
		return;
	}
	/*
	 * A read runs in one read transaction: one snapshot for all its
	 * statements (and one lock for SQLite instead of one per
	 * statement); it also lets answers be cached (store_cache.h).
	 */
	if (router_safe_method(r->method) && !r->in_tx) {
		if (store_begin(r->store, false) == -1) {
			reply_error(r, 503, "unavailable", "系统繁忙,请稍后重试");
			return;
		}
		router_run(r, rt);
		store_commit(r->store);
	} else
		router_run(r, rt);
}
