/*
 * The API through fake requests on a real store (SQLite, or PostgreSQL
 * when TAIZHANG_TEST_PG is set: testdb.h): sessions,
 * CSRF, throttling, places, units, users, audit, and every route's
 * authentication, with users of different counties and units trying
 * to cross into each other's scope.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "apitest.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_audit.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "testdb.h"
#include "util.h"

static const char	*dir;
static const char	*dbpath;

/* Bearer tokens of the test users. */
static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_sup_a[AUTH_TOKEN_LEN + 1];
static char	tok_sup_n[AUTH_TOKEN_LEN + 1], tok_rep[AUTH_TOKEN_LEN + 1];
static char	tok_view[AUTH_TOKEN_LEN + 1];
static int64_t	unit_lcc, unit_jtj, unit_ng;


static int64_t
count_audit(const char *entity, const char *action)
{
	struct audit_filter f;

	memset(&f, 0, sizeof(f));
	f.entity = entity;
	f.action = action;
	return store_audit_count(st, &f);
}

static void
setup(void)
{

	dir = testdb_dir();
	dbpath = apitest_open(NULL, 0);
	unit_lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "理事单位", unit_lcc, "140881");
	unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup_a);
	mkuser("sup-n", ROLE_SUPERVISOR, unit_ng, "230103", tok_sup_n);
	mkuser("rep", ROLE_REPORTER, unit_jtj, NULL, tok_rep);
	mkuser("view", ROLE_VIEWER, 0, "140881", tok_view);
	if (store_commit(st) == -1)
		xdie("setup commit");
}

static void
test_login_and_csrf(void)
{
	struct res	 x;
	json_t		*me;
	char		 cookie[128], csrf[AUTH_TOKEN_LEN + 1], hdr[160];
	const char	*p;
	int		 i;

	x = call("POST", "/api/v1/session", "{\"login\":\"rep\",\"password\":"
	    "\"Passw0rd-test\"}", NULL);
	CHECK(x.status == 200);
	CHECK(strstr(x.cookie, "HttpOnly") && strstr(x.cookie, "SameSite=Strict"));
	util_strlcpy(csrf, json_string_value(json_object_get(x.j, "csrf")),
	    sizeof(csrf));
	p = strchr(x.cookie, ';');
	snprintf(cookie, sizeof(cookie), "%.*s", (int)(p - x.cookie), x.cookie);
	done(&x);

	x = call("GET", "/api/v1/me", NULL, "Cookie", cookie, NULL);
	me = json_object_get(x.j, "user");
	CHECK(x.status == 200 && strcmp(json_string_value(json_object_get(me,
	    "login")), "rep") == 0);
	CHECK(strcmp(json_string_value(json_object_get(x.j, "csrf")), csrf) == 0);
	done(&x);

	/* a cookie write without or with a wrong CSRF header: 403 */
	x = call("POST", "/api/v1/me/password", "{}", "Cookie", cookie, NULL);
	CHECK(x.status == 403 && strcmp(err_code(&x), "csrf") == 0);
	done(&x);
	x = call("POST", "/api/v1/me/password", "{}", "Cookie", cookie,
	    "X-CSRF-Token", "0000", NULL);
	CHECK(x.status == 403);
	done(&x);
	/* with it, the handler runs (and finds the old password wrong) */
	x = call("POST", "/api/v1/me/password", "{\"old_password\":\"nope\","
	    "\"new_password\":\"Another-pass-1\"}", "Cookie", cookie,
	    "X-CSRF-Token", csrf, NULL);
	CHECK(x.status == 400 && strcmp(err_field(&x), "old_password") == 0);
	done(&x);

	/* logout ends the session */
	x = call("DELETE", "/api/v1/session", NULL, "Cookie", cookie,
	    "X-CSRF-Token", csrf, NULL);
	CHECK(x.status == 204 && strstr(x.cookie, "Max-Age=0"));
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", cookie, NULL);
	CHECK(x.status == 401);
	done(&x);

	/* wrong passwords: 401 five times, then 429 even when right */
	for (i = 0; i < 5; i++) {
		x = call("POST", "/api/v1/session", "{\"login\":\"view\","
		    "\"password\":\"wrong-password\"}", NULL);
		CHECK(x.status == 401 && strcmp(err_code(&x), "bad_login") == 0);
		done(&x);
	}
	x = call("POST", "/api/v1/session", "{\"login\":\"view\",\"password\":"
	    "\"Passw0rd-test\"}", NULL);
	CHECK(x.status == 429 && strcmp(err_code(&x), "throttled") == 0);
	done(&x);
	/* an unknown login is refused the same way */
	x = call("POST", "/api/v1/session", "{\"login\":\"nobody\",\"password\":"
	    "\"Passw0rd-test\"}", NULL);
	CHECK(x.status == 401);
	done(&x);
	CHECK(count_audit("session", "login_failed") >= 6);
	CHECK(count_audit("session", "login") >= 1);

	/* a forged cookie is nobody */
	snprintf(hdr, sizeof(hdr), "%s=%064d", SESSION_COOKIE, 7);
	x = call("GET", "/api/v1/me", NULL, "Cookie", hdr, NULL);
	CHECK(x.status == 401);
	done(&x);
}

static void
test_bad_bodies(void)
{
	struct res	x;
	char		deep[200];
	int		i;

	x = AS(tok_admin, "POST", "/api/v1/units", "{\"name\":");
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_json") == 0);
	CHECK(strstr(json_string_value(json_object_get(json_object_get(x.j,
	    "error"), "message")), "JSON") != NULL);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/units", "[1,2]");
	CHECK(x.status == 400);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/units", "{\"name\":\"x\"}",
	    "Content-Type", "text/plain");
	CHECK(x.status == 415);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/units", "{\"name\":\"\xff\"}");
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_utf8") == 0);
	done(&x);
	for (i = 0; i < 100; i++)
		deep[i] = '[';
	deep[i] = '\0';
	x = AS(tok_admin, "POST", "/api/v1/units", deep);
	CHECK(x.status == 400 && strcmp(err_code(&x), "too_deep") == 0);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/units", "{\"name\":5,\"kind\":\"企业\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "name") == 0);
	done(&x);
	/* SQL and HTML are stored as text */
	x = AS(tok_admin, "POST", "/api/v1/units", "{\"name\":\"x'); DROP TABLE "
	    "unit;--<script>alert(1)</script>\",\"kind\":\"企业\"}");
	CHECK(x.status == 201 && strstr(json_string_value(json_object_get(x.j,
	    "name")), "<script>") != NULL);
	done(&x);
	x = AS(tok_admin, "GET", "/api/v1/units", NULL);
	CHECK(x.status == 200 && json_integer_value(json_object_get(x.j,
	    "total")) == 4);
	done(&x);
}

static void
test_places(void)
{
	struct res	 x;
	json_t		*items, *anc;

	x = AS(tok_view, "GET", "/api/v1/places?q=新源&within=140881", NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && json_array_size(items) == 1);
	CHECK(strcmp(json_string_value(json_object_get(json_array_get(items, 0),
	    "code")), "140881100202") == 0);
	done(&x);
	/* nationally 新源 is ambiguous: the village and the 社区 */
	x = AS(tok_view, "GET", "/api/v1/places?q=新源", NULL);
	CHECK(json_array_size(json_object_get(x.j, "items")) == 2);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places?q=虞乡镇新源村&within=140881",
	    NULL);
	items = json_object_get(x.j, "items");
	CHECK(json_array_size(items) == 1 && strcmp(json_string_value(
	    json_object_get(json_array_get(items, 0), "code")),
	    "140881100202") == 0);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places?q=张营村&level=village", NULL);
	items = json_object_get(x.j, "items");
	CHECK(json_array_size(items) == 1 && json_integer_value(json_object_get(
	    json_array_get(items, 0), "level")) == 5);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places?parent=140881100", NULL);
	CHECK(x.status == 200 && json_array_size(json_object_get(x.j,
	    "items")) == 2);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places", NULL);
	CHECK(json_array_size(json_object_get(x.j, "items")) == 2);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places/140881100202", NULL);
	anc = json_object_get(x.j, "ancestors");
	CHECK(x.status == 200 && json_array_size(anc) == 4);
	CHECK(strcmp(json_string_value(json_object_get(json_array_get(anc, 0),
	    "code")), "14") == 0);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places/140881000000", NULL);
	CHECK(x.status == 200 && json_integer_value(json_object_get(x.j,
	    "child_count")) == 2);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places/999999", NULL);
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places/abc", NULL);
	CHECK(x.status == 400);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places?within=12x&q=a", NULL);
	CHECK(x.status == 400 && strcmp(err_field(&x), "within") == 0);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places?q=a&level=planet", NULL);
	CHECK(x.status == 400 && strcmp(err_field(&x), "level") == 0);
	done(&x);
}

static void
test_place_patch_scope(void)
{
	struct res	 x;
	const char	*body = "{\"old_area_class\":\"老区村\",\"figures\":"
	    "[{\"year\":2024,\"population\":1200,\"households\":400,"
	    "\"income_per_capita\":\"15234.50\"}]}";
	int64_t		 before = count_audit("place", "update");

	/* another county's supervisor, a viewer, a reporter: refused */
	x = AS(tok_sup_n, "PATCH", "/api/v1/places/140881100202", body);
	CHECK(x.status == 403 && strcmp(err_code(&x), "out_of_scope") == 0);
	done(&x);
	x = AS(tok_view, "PATCH", "/api/v1/places/140881100202", body);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_rep, "PATCH", "/api/v1/places/140881100202", body);
	CHECK(x.status == 403);
	done(&x);
	CHECK(count_audit("place", "update") == before);
	/* the county's own supervisor */
	x = AS(tok_sup_a, "PATCH", "/api/v1/places/140881100202", body);
	CHECK(x.status == 200);
	CHECK(strcmp(json_string_value(json_object_get(x.j, "old_area_class")),
	    "老区村") == 0);
	CHECK(strcmp(json_string_value(json_object_get(json_array_get(
	    json_object_get(x.j, "figures"), 0), "income_per_capita")),
	    "15234.50") == 0);
	done(&x);
	CHECK(count_audit("place", "update") == before + 1);
	/* a bad amount changes nothing */
	x = AS(tok_sup_a, "PATCH", "/api/v1/places/140881100202",
	    "{\"old_area_class\":\"x\",\"figures\":[{\"year\":2024,"
	    "\"income_per_capita\":\"1,5\"}]}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "income_per_capita") == 0);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/places/140881100202", NULL);
	CHECK(strcmp(json_string_value(json_object_get(x.j, "old_area_class")),
	    "老区村") == 0);
	done(&x);
	x = AS(tok_sup_a, "PATCH", "/api/v1/places/140881100202",
	    "{\"figures\":[{\"year\":1800}]}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "year") == 0);
	done(&x);
}

static void
test_units(void)
{
	struct res	x;
	char		path[64], body[256];
	int64_t		id, child;

	/* a supervisor of 南岗区 cannot create under 永济市's association */
	snprintf(body, sizeof(body), "{\"name\":\"测试局\",\"kind\":\"党政部门\","
	    "\"parent_id\":%lld}", (long long)unit_lcc);
	x = AS(tok_sup_n, "POST", "/api/v1/units", body);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_rep, "POST", "/api/v1/units", body);
	CHECK(x.status == 403 && strcmp(err_code(&x), "forbidden") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", "/api/v1/units", body);
	CHECK(x.status == 201);
	id = json_integer_value(json_object_get(x.j, "id"));
	done(&x);
	x = AS(tok_sup_a, "POST", "/api/v1/units", body);
	CHECK(x.status == 409 && strcmp(err_field(&x), "name") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", "/api/v1/units",
	    "{\"name\":\"x\",\"kind\":\"部门\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "kind") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", "/api/v1/units",
	    "{\"name\":\"x\",\"kind\":\"企业\",\"place_code\":\"999999\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "place_code") == 0);
	done(&x);
	/* a root unit in the supervisor's region is fine, elsewhere not */
	x = AS(tok_sup_a, "POST", "/api/v1/units", "{\"name\":\"永济某企业\","
	    "\"kind\":\"企业\",\"place_code\":\"140881106\"}");
	CHECK(x.status == 201);
	done(&x);
	x = AS(tok_sup_a, "POST", "/api/v1/units", "{\"name\":\"南岗某企业\","
	    "\"kind\":\"企业\",\"place_code\":\"230103\"}");
	CHECK(x.status == 403);
	done(&x);

	snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)id);
	x = AS(tok_sup_a, "PATCH", path, "{\"name\":\"测试局2\"}");
	CHECK(x.status == 428);
	done(&x);
	x = AS(tok_sup_n, "PATCH", path, "{\"name\":\"越权\"}", "If-Match", "\"1\"");
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path, "{\"name\":\"测试局2\"}",
	    "If-Match", "\"1\"");
	CHECK(x.status == 200 && strcmp(x.etag, "\"2\"") == 0);
	done(&x);
	x = AS(tok_sup_a, "PATCH", path, "{\"name\":\"测试局3\"}",
	    "If-Match", "\"1\"");
	CHECK(x.status == 412);
	done(&x);
	x = AS(tok_view, "GET", path, NULL);
	CHECK(strcmp(json_string_value(json_object_get(x.j, "name")),
	    "测试局2") == 0);
	done(&x);

	/* a child, then no cycles and no deleting a parent */
	snprintf(body, sizeof(body), "{\"name\":\"下级\",\"kind\":\"企业\","
	    "\"parent_id\":%lld}", (long long)id);
	x = AS(tok_sup_a, "POST", "/api/v1/units", body);
	child = json_integer_value(json_object_get(x.j, "id"));
	done(&x);
	snprintf(body, sizeof(body), "{\"parent_id\":%lld}", (long long)child);
	x = AS(tok_sup_a, "PATCH", path, body, "If-Match", "\"2\"");
	CHECK(x.status == 400 && strcmp(err_code(&x), "cycle") == 0);
	done(&x);
	x = AS(tok_sup_a, "DELETE", path, NULL, "If-Match", "\"2\"");
	CHECK(x.status == 409);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)child);
	x = AS(tok_sup_a, "DELETE", path, NULL, "If-Match", "\"1\"");
	CHECK(x.status == 204);
	done(&x);
	x = AS(tok_sup_a, "GET", path, NULL);
	CHECK(x.status == 404);
	done(&x);
	CHECK(count_audit("unit", "create") >= 3);
	CHECK(count_audit("unit", "update") == 1);
	CHECK(count_audit("unit", "delete") == 1);
}

static void
test_users(void)
{
	struct res	 x;
	char		 tok[AUTH_TOKEN_LEN + 1], path[64], body[256];
	int64_t		 id;
	const char	*pw;

	x = AS(tok_sup_a, "GET", "/api/v1/users", NULL);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_admin, "GET", "/api/v1/users", NULL);
	CHECK(x.status == 200 && json_integer_value(json_object_get(x.j,
	    "total")) == 5);
	done(&x);
	snprintf(body, sizeof(body), "{\"login\":\"new-rep\",\"name\":\"新用户\","
	    "\"role\":\"reporter\",\"memberships\":[{\"unit_id\":%lld,"
	    "\"is_main\":true},{\"region\":\"140881106\",\"role\":\"viewer\"}]}",
	    (long long)unit_jtj);
	x = AS(tok_admin, "POST", "/api/v1/users", body);
	CHECK(x.status == 201);
	pw = json_string_value(json_object_get(x.j, "password"));
	CHECK(pw && strlen(pw) == 16);
	id = json_integer_value(json_object_get(json_object_get(x.j, "user"),
	    "id"));
	CHECK(json_array_size(json_object_get(json_object_get(x.j, "user"),
	    "memberships")) == 2);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/users", body);
	CHECK(x.status == 409 && strcmp(err_field(&x), "login") == 0);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/users", "{\"login\":\"x y\","
	    "\"role\":\"viewer\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "login") == 0);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/users", "{\"login\":\"xy\","
	    "\"role\":\"viewer\",\"memberships\":[{\"unit_id\":9999}]}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "memberships") == 0);
	done(&x);
	x = AS(tok_admin, "POST", "/api/v1/users", "{\"login\":\"xy\","
	    "\"role\":\"god\"}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "role") == 0);
	done(&x);

	/* disabling ends its tokens at once */
	if (store_token_new(st, id, "t", tok) != STORE_OK)
		xdie("token");
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 200);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/users/%lld", (long long)id);
	x = AS(tok_admin, "PATCH", path, "{\"disabled\":true}");
	CHECK(x.status == 200 && json_is_true(json_object_get(x.j, "disabled")));
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	x = AS(tok_admin, "PATCH", path, "{\"disabled\":false}", "If-Match", "\"1\"");
	CHECK(x.status == 412);
	done(&x);
	/* an admin cannot lock itself out */
	x = AS(tok_admin, "PATCH", "/api/v1/users/1", "{\"disabled\":true}");
	CHECK(x.status == 409);
	done(&x);
	CHECK(count_audit("user", "create") == 1);
	CHECK(count_audit("user", "update") == 1);
}

static void
test_routes_need_login(void)
{
	struct res	x;
	char		path[128], *p;
	size_t		i;
	int		bad = 0;

	/* every route that needs a role refuses the anonymous and a bad
	 * token, generated from the route table so that none is missed */
	for (i = 0; i < routes_count; i++) {
		if (routes[i].role == ROLE_NONE)
			continue;
		util_strlcpy(path, routes[i].pattern, sizeof(path));
		while ((p = strchr(path, ':')) != NULL) {
			char *end = strchr(p, '/');
			char rest[128] = "";
			if (end)
				util_strlcpy(rest, end, sizeof(rest));
			snprintf(p, sizeof(path) - (size_t)(p - path), "1%s", rest);
		}
		x = call(routes[i].method, path, "{}", NULL);
		if (x.status != 401)
			bad++;
		done(&x);
		x = call(routes[i].method, path, "{}", "Authorization",
		    "Bearer 0123456789012345678901234567890123456789012345678901234567890123",
		    NULL);
		if (x.status != 401)
			bad++;
		done(&x);
		/* admin-only routes refuse every other role */
		if (routes[i].role == ROLE_ADMIN) {
			x = AS(tok_sup_a, routes[i].method, path, "{}");
			if (x.status != 403)
				bad++;
			done(&x);
		}
	}
	CHECK(bad == 0);
	x = call("PUT", "/api/v1/units", NULL, NULL);
	CHECK(x.status == 405 && strstr(x.allow, "GET") && strstr(x.allow, "POST"));
	done(&x);
	x = call("GET", "/api/v1/nothing", NULL, NULL);
	CHECK(x.status == 404);
	done(&x);
	x = call("GET", "/api/v1/openapi.json", NULL, NULL);
	CHECK(x.status == 200 && json_object_size(json_object_get(x.j,
	    "paths")) >= 10);
	CHECK(json_object_get(json_object_get(x.j, "paths"),
	    "/places/{code}") != NULL);
	done(&x);
	x = call("GET", "/api/v1/status", NULL, NULL);
	CHECK(x.status == 200 && json_integer_value(json_object_get(
	    json_object_get(x.j, "places"), "village")) == 4);
	done(&x);
}

static void
test_audit(void)
{
	struct res	 x;
	json_t		*items;

	x = AS(tok_admin, "GET", "/api/v1/audit?entity=unit&limit=2", NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && json_array_size(items) == 2);
	CHECK(json_integer_value(json_object_get(x.j, "total")) >= 5);
	CHECK(json_is_integer(json_object_get(x.j, "next")));
	CHECK(strcmp(json_string_value(json_object_get(json_array_get(items, 0),
	    "action")), "delete") == 0);
	CHECK(json_is_object(json_object_get(json_array_get(items, 0),
	    "before")));
	done(&x);
	x = AS(tok_admin, "GET", "/api/v1/audit?from=2020-13-01", NULL);
	CHECK(x.status == 400 && strcmp(err_field(&x), "from") == 0);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/audit", NULL);
	CHECK(x.status == 403);
	done(&x);
	/* append-only at the engine too */
	CHECK(testdb_exec(dbpath, "SELECT count(*) FROM audit") == 0);
	CHECK(testdb_exec(dbpath, "UPDATE audit SET actor = 'x'") == -1);
	CHECK(testdb_exec(dbpath, "DELETE FROM audit") == -1);
	CHECK(count_audit("unit", "create") >= 3);
}

static void
test_static(void)
{
	struct res	 x;
	struct req	*r;
	char		*web, *f;
	FILE		*fp;

	web = xasprintf("%s/web", dir);
	f = xasprintf("%s/web/index.html", dir);
	mkdir(web, 0755);
	fp = fopen(f, "w");
	fputs("<!doctype html><title>台账</title>", fp);
	fclose(fp);
	/* without a built UI, / is the status page */
	x = call("GET", "/", NULL, NULL);
	CHECK(x.status == 200 && strstr(x.data, "台账") != NULL);
	done(&x);
	conf.web_root = web;
	r = req_fake(st, &conf, "GET", "/ledgers/3", NULL);
	router_dispatch(r);
	CHECK(r->status == 200 && r->file && util_endswith(r->file, "/index.html"));
	req_free(r);
	r = req_fake(st, &conf, "GET", "/../t.db", NULL);
	router_dispatch(r);
	CHECK(r->status == 404 && r->file == NULL);
	req_free(r);
	r = req_fake(st, &conf, "GET", "/.hidden", NULL);
	router_dispatch(r);
	CHECK(r->status == 404);
	req_free(r);
	r = req_fake(st, &conf, "GET", "/a//b", NULL);
	router_dispatch(r);
	CHECK(r->status == 404);
	req_free(r);
	r = req_fake(st, &conf, "POST", "/index.html", NULL);
	router_dispatch(r);
	CHECK(r->status == 405);
	req_free(r);
	conf.web_root = NULL;
	free(web);
	free(f);
}

static void
teardown(void)
{
	store_close(st);
	testdb_done();
}

static void
test_all(void)
{
	setup();
	test_login_and_csrf();
	test_bad_bodies();
	test_places();
	test_place_patch_scope();
	test_units();
	test_users();
	test_routes_need_login();
	test_audit();
	test_static();
	teardown();
}

TEST_MAIN(TEST(test_all))
