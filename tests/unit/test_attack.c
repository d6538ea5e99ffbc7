/*
 * An attacker's view of every endpoint, on a real store (SQLite, or
 * PostgreSQL when TAIZHANG_TEST_PG is set: testdb.h).  Two counties,
 * 甲 (永济市 140881) and 乙 (南岗区 230103), each with a unit tree, a
 * user of each role, ledgers, items, an extension, an attachment, an
 * import and a link.  Then, for every route of routes[] (the table
 * itself: a route without a case fails the test):
 *
 *   (a) no credentials: 401 (unless the route needs no role);
 *   (b) a role below the route's minimum, in scope: 403 forbidden;
 *   (c) 乙's users on 甲's objects: 403 or 404 and nothing changed (a
 *       digest of the tables and the audit), or, for lists, none of
 *       甲's items in the answer;
 *   (d) a cookie session without or with a wrong X-CSRF-Token on an
 *       unsafe method: 403 csrf and nothing changed.
 *
 * Then session fixation, revocation of sessions and API tokens on a
 * password change and on disabling, the throttling of failed logins,
 * and the masking of personal information (phones, ID numbers) for
 * those who do not work on an item, in item JSON, lists and exports.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "apitest.h"
#include "date.h"
#include "req.h"
#include "router.h"
#include "sheet.h"
#include "store_ledger.h"
#include "store.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "testdb.h"
#include "util.h"

#define MARK	"甲县机密"	/* in the title of each of 甲's items */
#define BND	"tzAttackBoundary0q9"

static const char *dbpath;

enum { A, B };	/* the counties 甲 and 乙 */

struct county {
	int64_t	unit, unit2, unit3, leaf;
	char	sup[AUTH_TOKEN_LEN + 1], rep[AUTH_TOKEN_LEN + 1];
	char	rep3[AUTH_TOKEN_LEN + 1], view[AUTH_TOKEN_LEN + 1];
	int64_t	sup_id, rep_id, view_id;
	int64_t	led_task, led_proj, led_need, led_sugg, led_prob;
	int64_t	item, proj, proj2, need, sugg, prob;
	int64_t	ext, att, imp;
};

static struct county	c[2];
static char		tok_admin[AUTH_TOKEN_LEN + 1];
static char		tok_none[AUTH_TOKEN_LEN + 1];

/* A path with a number in it, in one of eight rotating buffers. */
static const char *
fmt(const char *f, ...)
{
	static char	p[8][512];
	static int	i;
	va_list		ap;

	i = (i + 1) % 8;
	va_start(ap, f);
	vsnprintf(p[i], sizeof(p[i]), f, ap);
	va_end(ap);
	return p[i];
}

static const char *
day(int days)
{
	static char	b[4][16];
	static int	i;

	i = (i + 1) % 4;
	date_fmt(date_today() + days, b[i], sizeof(b[i]));
	return b[i];
}

static int64_t
sql_int(const char *q)
{
	return testdb_int(dbpath, q, 0, NULL);
}

/*
 * What a write would change: rows of every table that holds data, the
 * versions of what has one, and the audit.  Sessions and tokens are
 * left out (logging in is no change to the data).
 */
static int64_t
digest(void)
{
	return sql_int("SELECT "
	    "(SELECT count(*) FROM unit) + 3 * (SELECT count(*) FROM app_user)"
	    " + 5 * (SELECT count(*) FROM membership)"
	    " + 7 * (SELECT count(*) FROM ledger)"
	    " + 11 * (SELECT count(*) FROM item)"
	    " + 13 * (SELECT count(*) FROM item_place)"
	    " + 17 * (SELECT count(*) FROM item_unit)"
	    " + 19 * (SELECT count(*) FROM fund_line)"
	    " + 23 * (SELECT count(*) FROM item_update)"
	    " + 29 * (SELECT count(*) FROM item_event)"
	    " + 31 * (SELECT count(*) FROM extension)"
	    " + 37 * (SELECT count(*) FROM attachment)"
	    " + 41 * (SELECT count(*) FROM item_link)"
	    " + 43 * (SELECT count(*) FROM import_job)"
	    " + 47 * (SELECT count(*) FROM import_mapping)"
	    " + 53 * (SELECT count(*) FROM place_figure)"
	    " + 59 * (SELECT count(*) FROM audit)"
	    " + 61 * (SELECT coalesce(sum(version), 0) FROM item)"
	    " + 67 * (SELECT coalesce(sum(version), 0) FROM ledger)"
	    " + 71 * (SELECT coalesce(sum(version), 0) FROM unit)"
	    " + 73 * (SELECT coalesce(sum(version), 0) FROM app_user)"
	    " + 79 * (SELECT count(*) FROM extension WHERE state <> 'pending')");
}

static bool
is_safe(const char *m)
{
	return strcmp(m, "GET") == 0;
}

/* 甲's items and what hangs on them. */
static int64_t
digest_items(void)
{
	return sql_int("SELECT (SELECT count(*) FROM item) + 3 * (SELECT "
	    "coalesce(sum(version), 0) FROM item) + 5 * (SELECT count(*) FROM "
	    "item_update) + 7 * (SELECT count(*) FROM item_link)");
}

static int64_t
mk(const char *tok, const char *p, const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", p, body);
	if (x.status != 201 && x.status != 200)
		xdie("POST %s %d %s: %s", p, x.status, body, x.data);
	id = num(x.j, "id");
	done(&x);
	return id;
}

/* A multipart upload of one file (and options) as tok. */
static struct res
upload(const char *tok, const char *p, const char *name, const char *data,
    const char *options, const char *cookie, const char *csrf)
{
	struct req	*r;
	char		*body;
	size_t		 n, cap = strlen(data) + 1024;

	body = xmalloc(cap);
	n = (size_t)snprintf(body, cap, "%s%s%s--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"file\"; filename=\"%s\""
	    "\r\nContent-Type: application/octet-stream\r\n\r\n%s\r\n--" BND
	    "--\r\n", options ? "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"options\"\r\n\r\n" : "", options ? options : "",
	    options ? "\r\n" : "", name, data);
	r = req_fake(st, &conf, "POST", p, NULL);
	r->body = arena_strndup(r->pool, body, n);
	r->bodylen = n;
	free(body);
	r->headers[r->nheaders].key = "Content-Type";
	r->headers[r->nheaders++].val = "multipart/form-data; boundary=" BND;
	if (tok) {
		r->headers[r->nheaders].key = "Authorization";
		r->headers[r->nheaders++].val = arena_strdup(r->pool,
		    bearer(tok));
	}
	if (cookie) {
		r->headers[r->nheaders].key = "Cookie";
		r->headers[r->nheaders++].val = cookie;
	}
	if (csrf) {
		r->headers[r->nheaders].key = "X-CSRF-Token";
		r->headers[r->nheaders++].val = csrf;
	}
	return apitest_run(r);
}

static void
setup_county(int k)
{
	static const struct {
		const char *region, *place, *place2, *name;
	} cty[2] = {
		{ "140881", "140881100200", "140881106200", "永济" },
		{ "230103", "230103001001", "230103001", "南岗" },
	};
	struct county	*o = &c[k];
	const char	*reg = cty[k].region, *pl = cty[k].place;
	const char	*tag = k == A ? MARK : "乙县";
	struct res	 x;
	char		 login[32];

	store_begin(st, true);
	o->unit = mkunit(fmt("%s老促会", cty[k].name), "老促会及分会", 0, reg);
	o->unit2 = mkunit(fmt("%s交通局", cty[k].name), "理事单位", o->unit,
	    reg);
	o->unit3 = mkunit(fmt("%s水利局", cty[k].name), "理事单位", o->unit,
	    reg);
	o->leaf = mkunit(fmt("%s空单位", cty[k].name), "理事单位", o->unit,
	    reg);
	snprintf(login, sizeof(login), "sup-%d", k);
	o->sup_id = mkuser(login, ROLE_SUPERVISOR, o->unit, reg, o->sup);
	snprintf(login, sizeof(login), "rep-%d", k);
	o->rep_id = mkuser(login, ROLE_REPORTER, o->unit2, NULL, o->rep);
	snprintf(login, sizeof(login), "rep3-%d", k);
	mkuser(login, ROLE_REPORTER, o->unit3, NULL, o->rep3);
	snprintf(login, sizeof(login), "view-%d", k);
	o->view_id = mkuser(login, ROLE_VIEWER, 0, reg, o->view);
	if (store_commit(st) == -1)
		xdie("setup commit");

#define LEDGER(tpl) mk(o->sup, "/api/v1/ledgers", fmt("{\"template\":\"" tpl \
	    "\",\"name\":\"%s%s\",\"year\":2025,\"owner_unit_id\":%lld," \
	    "\"region\":\"%s\"}", cty[k].name, tpl, (long long)o->unit, reg))
	o->led_task = LEDGER("task");
	o->led_proj = LEDGER("project");
	o->led_need = LEDGER("need");
	o->led_sugg = LEDGER("suggestion");
	o->led_prob = LEDGER("problem");
#undef LEDGER
	o->item = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_task),
	    fmt("{\"title\":\"%s道路硬化\",\"places\":[\"%s\"],"
	    "\"lead_unit_id\":%lld,\"deadline\":\"%s\",\"leader\":\"王五\","
	    "\"leader_phone\":\"13812345678\",\"responsible\":\"赵六\","
	    "\"responsible_phone\":\"0359-8012345\"}", tag, pl,
	    (long long)o->unit2, day(60)));
	o->proj = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_proj),
	    fmt("{\"title\":\"%s项目一\",\"places\":[\"%s\"],\"lead_unit_id\":"
	    "%lld,\"amount\":\"100.00\",\"category\":\"产业类\"}", tag, pl,
	    (long long)o->unit2));
	o->proj2 = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_proj),
	    fmt("{\"title\":\"%s项目二\",\"places\":[\"%s\"],\"lead_unit_id\":"
	    "%lld,\"amount\":\"50.00\",\"category\":\"产业类\"}", tag,
	    cty[k].place2, (long long)o->unit2));
	o->need = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_need),
	    fmt("{\"title\":\"%s修路需求\",\"places\":[\"%s\"],"
	    "\"lead_unit_id\":%lld}", tag, pl, (long long)o->unit2));
	o->sugg = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_sugg),
	    fmt("{\"title\":\"%s路灯建议\",\"content\":\"村民来电,身份证号"
	    "142301199001011234,电话13987654321\",\"lead_unit_id\":%lld,"
	    "\"custom\":{\"citizen\":\"李四\",\"citizen_phone\":"
	    "\"13912345678\",\"reply\":\"已联系13600001111\"}}", tag,
	    (long long)o->unit2));
	o->prob = mk(o->sup, fmt("/api/v1/ledgers/%lld/items", o->led_prob),
	    fmt("{\"title\":\"%s资金问题\",\"places\":[\"%s\"],\"lead_unit_id\":"
	    "%lld,\"deadline\":\"%s\"}", tag, pl, (long long)o->unit2,
	    day(30)));
	mk(o->sup, fmt("/api/v1/items/%lld/links", o->proj),
	    fmt("{\"to_item\":%lld,\"kind\":\"continues\"}", (long long)o->proj2));
	mk(o->rep, fmt("/api/v1/items/%lld/updates", o->item),
	    "{\"text\":\"已开工\",\"progress\":10}");
	o->ext = mk(o->rep, fmt("/api/v1/items/%lld/extensions", o->item),
	    fmt("{\"reason\":\"雨季\",\"new_deadline\":\"%s\"}", day(90)));
	x = upload(o->rep, fmt("/api/v1/items/%lld/attachments", o->item),
	    "a.txt", "hello", NULL, NULL, NULL);
	if (x.status != 201)
		xdie("attachment %d %s", x.status, x.data);
	o->att = num(x.j, "id");
	done(&x);
	x = upload(o->sup, fmt("/api/v1/ledgers/%lld/imports", o->led_task),
	    "i.csv", "事项名称,牵头单位,完成时限\r\n导入一,交通局,2030-01-01\r\n",
	    NULL, NULL, NULL);
	if (x.status != 201 && x.status != 200)
		xdie("import %d %s", x.status, x.data);
	o->imp = num(x.j, "id");
	done(&x);
}

static void
setup(void)
{

	dbpath = apitest_open(NULL, 0);
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("norole", ROLE_NONE, 0, NULL, tok_none);
	if (store_commit(st) == -1)
		xdie("setup commit");
	setup_county(A);
	setup_county(B);
}

/* What 乙 may do with 甲's object through a route. */
enum cross {
	X_DENY,		/* 403 or 404, nothing changed */
	X_LIST,		/* 200, none of 甲's items in it */
	X_JOB,		/* a supervisor's job of his own, 甲's items unchanged;
			 * others refused with nothing stored */
	X_PUBLIC,	/* reference data everybody reads: 200 */
	X_SELF,		/* acts on the caller only: nothing to cross */
	X_ADMIN,	/* admins only, who have no county */
	X_LOGIN		/* needs no role */
};

enum obj { O_NONE, O_PLACE, O_UNIT, O_LEAF, O_USER, O_LEDGER, O_ITEM,
	O_PROJ, O_NEED, O_SUGG, O_PROB, O_EXT, O_ATT, O_IMP };

/* One case per route: the object of its :id or :code and a body. */
static const struct rcase {
	const char	*method, *pattern;
	enum obj	 obj;
	enum cross	 cross;
	const char	*body;	/* %lld: 乙's object of the kind in *arg */
	enum obj	 arg;
} route_cases[] = {
	{ "GET", "/api/v1/openapi.json", O_NONE, X_LOGIN, NULL, O_NONE },
	{ "GET", "/api/v1/status", O_NONE, X_LOGIN, NULL, O_NONE },
	{ "POST", "/api/v1/session", O_NONE, X_LOGIN, NULL, O_NONE },
	{ "DELETE", "/api/v1/session", O_NONE, X_SELF, NULL, O_NONE },
	{ "GET", "/api/v1/me", O_NONE, X_SELF, NULL, O_NONE },
	{ "POST", "/api/v1/me/password", O_NONE, X_SELF, NULL, O_NONE },
	{ "GET", "/api/v1/places", O_NONE, X_PUBLIC, NULL, O_NONE },
	{ "GET", "/api/v1/places/:code", O_PLACE, X_PUBLIC, NULL, O_NONE },
	{ "PATCH", "/api/v1/places/:code", O_PLACE, X_DENY,
	    "{\"old_area_class\":\"老区村\"}", O_NONE },
	{ "GET", "/api/v1/units", O_NONE, X_PUBLIC, NULL, O_NONE },
	{ "POST", "/api/v1/units", O_NONE, X_DENY, "{\"name\":\"乙县插入\","
	    "\"kind\":\"理事单位\",\"parent_id\":%lld}", O_UNIT },
	{ "GET", "/api/v1/units/:id", O_UNIT, X_PUBLIC, NULL, O_NONE },
	{ "PATCH", "/api/v1/units/:id", O_UNIT, X_DENY,
	    "{\"name\":\"乙县改写\"}", O_NONE },
	{ "DELETE", "/api/v1/units/:id", O_LEAF, X_DENY, NULL, O_NONE },
	{ "GET", "/api/v1/users", O_NONE, X_ADMIN, NULL, O_NONE },
	{ "POST", "/api/v1/users", O_NONE, X_ADMIN, NULL, O_NONE },
	{ "GET", "/api/v1/users/:id", O_USER, X_ADMIN, NULL, O_NONE },
	{ "PATCH", "/api/v1/users/:id", O_USER, X_ADMIN, NULL, O_NONE },
	{ "GET", "/api/v1/audit", O_NONE, X_ADMIN, NULL, O_NONE },
	{ "GET", "/api/v1/ledger-templates", O_NONE, X_PUBLIC, NULL, O_NONE },
	{ "GET", "/api/v1/ledgers", O_NONE, X_PUBLIC, NULL, O_NONE },
	{ "POST", "/api/v1/ledgers", O_NONE, X_DENY, "{\"template\":\"task\","
	    "\"name\":\"乙县插入\",\"owner_unit_id\":%lld,\"region\":"
	    "\"140881\"}", O_UNIT },
	{ "GET", "/api/v1/ledgers/:id", O_LEDGER, X_PUBLIC, NULL, O_NONE },
	{ "PATCH", "/api/v1/ledgers/:id", O_LEDGER, X_DENY,
	    "{\"name\":\"乙县改写\"}", O_NONE },
	{ "GET", "/api/v1/ledgers/:id/items", O_LEDGER, X_LIST, NULL, O_NONE },
	{ "POST", "/api/v1/ledgers/:id/items", O_LEDGER, X_DENY,
	    "{\"title\":\"乙县插入\",\"places\":[\"140881100200\"],"
	    "\"lead_unit_id\":%lld,\"deadline\":\"2030-01-01\"}", O_UNIT },
	{ "GET", "/api/v1/items", O_NONE, X_LIST, NULL, O_NONE },
	{ "GET", "/api/v1/items/:id", O_ITEM, X_DENY, NULL, O_NONE },
	{ "PATCH", "/api/v1/items/:id", O_ITEM, X_DENY,
	    "{\"title\":\"乙县改写\",\"progress\":90}", O_NONE },
	{ "POST", "/api/v1/items/:id/transitions", O_ITEM, X_DENY,
	    "{\"to\":\"签收\"}", O_NONE },
	{ "GET", "/api/v1/items/:id/updates", O_ITEM, X_DENY, NULL, O_NONE },
	{ "POST", "/api/v1/items/:id/updates", O_ITEM, X_DENY,
	    "{\"text\":\"乙县进展\",\"progress\":50}", O_NONE },
	{ "GET", "/api/v1/items/:id/timeline", O_ITEM, X_DENY, NULL, O_NONE },
	{ "POST", "/api/v1/items/:id/urge", O_ITEM, X_DENY,
	    "{\"text\":\"乙县催办\"}", O_NONE },
	{ "GET", "/api/v1/items/:id/extensions", O_ITEM, X_DENY, NULL,
	    O_NONE },
	{ "POST", "/api/v1/items/:id/extensions", O_ITEM, X_DENY,
	    "{\"reason\":\"乙县\",\"new_deadline\":\"2031-01-01\"}", O_NONE },
	{ "POST", "/api/v1/extensions/:id/decision", O_EXT, X_DENY,
	    "{\"approve\":true}", O_NONE },
	{ "GET", "/api/v1/me/inbox", O_NONE, X_LIST, NULL, O_NONE },
	{ "GET", "/api/v1/items/:id/attachments", O_ITEM, X_DENY, NULL,
	    O_NONE },
	{ "POST", "/api/v1/items/:id/attachments", O_ITEM, X_DENY, NULL,
	    O_NONE },
	{ "GET", "/api/v1/attachments/:id", O_ATT, X_DENY, NULL, O_NONE },
	{ "DELETE", "/api/v1/attachments/:id", O_ATT, X_DENY, NULL, O_NONE },
	{ "POST", "/api/v1/items/:id/to-project", O_NEED, X_DENY,
	    "{\"ledger_id\":%lld}", O_LEDGER },
	{ "POST", "/api/v1/items/:id/forward", O_SUGG, X_DENY,
	    "{\"ledger_id\":%lld}", O_LEDGER },
	{ "POST", "/api/v1/items/:id/rectify", O_PROB, X_DENY,
	    "{\"ledger_id\":%lld}", O_LEDGER },
	{ "GET", "/api/v1/items/:id/links", O_PROJ, X_DENY, NULL, O_NONE },
	{ "POST", "/api/v1/items/:id/links", O_PROJ, X_DENY,
	    "{\"to_item\":%lld,\"kind\":\"continues\"}", O_PROJ },
	{ "GET", "/api/v1/stats", O_NONE, X_LIST, NULL, O_NONE },
	{ "GET", "/api/v1/ledgers/:id/duplicates", O_LEDGER, X_LIST, NULL,
	    O_NONE },
	{ "GET", "/api/v1/ledgers/:id/export", O_LEDGER, X_LIST, NULL,
	    O_NONE },
	{ "GET", "/api/v1/ledgers/:id/template", O_LEDGER, X_PUBLIC, NULL,
	    O_NONE },
	{ "POST", "/api/v1/ledgers/:id/imports", O_LEDGER, X_JOB, NULL,
	    O_NONE },
	{ "GET", "/api/v1/imports/:id", O_IMP, X_DENY, NULL, O_NONE },
	{ "PATCH", "/api/v1/imports/:id", O_IMP, X_DENY,
	    "{\"update\":true}", O_NONE },
	{ "POST", "/api/v1/imports/:id/commit", O_IMP, X_DENY, NULL, O_NONE },
	{ "GET", "/api/v1/imports/:id/report", O_IMP, X_DENY, NULL, O_NONE },
};

static int64_t
obj_id(int k, enum obj o)
{
	const struct county *x = &c[k];

	switch (o) {
	case O_UNIT:	return x->unit2;
	case O_LEAF:	return x->leaf;
	case O_USER:	return x->rep_id;
	case O_LEDGER:	return x->led_task;
	case O_ITEM:	return x->item;
	case O_PROJ:	return x->proj;
	case O_NEED:	return x->need;
	case O_SUGG:	return x->sugg;
	case O_PROB:	return x->prob;
	case O_EXT:	return x->ext;
	case O_ATT:	return x->att;
	case O_IMP:	return x->imp;
	default:	return 0;
	}
}

/* The path of route rt on county k's object. */
static const char *
route_path(const struct rcase *rc, int k)
{
	static char	 p[4][256];
	static int	 n;
	char		*s, *e;
	char		 rest[256];

	n = (n + 1) % 4;
	util_strlcpy(p[n], rc->pattern, sizeof(p[n]));
	if (strcmp(p[n], "/api/v1/stats") == 0)
		strncat(p[n], "?group=state", sizeof(p[n]) - strlen(p[n]) - 1);
	if ((s = strchr(p[n], ':')) == NULL)
		return p[n];
	e = strchr(s, '/');
	util_strlcpy(rest, e ? e : "", sizeof(rest));
	if (strcmp(rest, "/export") == 0)
		strncat(rest, "?format=csv", sizeof(rest) - strlen(rest) - 1);
	if (rc->obj == O_PLACE)
		snprintf(s, sizeof(p[n]) - (size_t)(s - p[n]), "%s%s",
		    k == A ? "140881100200" : "230103001001", rest);
	else
		snprintf(s, sizeof(p[n]) - (size_t)(s - p[n]), "%lld%s",
		    (long long)obj_id(k, rc->obj), rest);
	return p[n];
}

/* The body of a case, its %lld filled with county k's object. */
static const char *
route_body(const struct rcase *rc, int k)
{
	if (rc->body == NULL)
		return "{}";
	if (rc->arg == O_LEDGER)
		return fmt(rc->body, (long long)(rc->obj == O_NEED ?
		    c[k].led_proj : c[k].led_task));
	return fmt(rc->body, (long long)obj_id(k, rc->arg));
}

/* A request of case rc as tok (or a cookie and csrf when tok is NULL). */
/* The If-Match of the current version of a unit or ledger, or NULL. */
static const char *
if_match(const struct rcase *rc, int k)
{
	const char	*tbl = rc->obj == O_LEDGER ? "ledger" : rc->obj ==
			    O_UNIT || rc->obj == O_LEAF ? "unit" : NULL;
	const char	*s;
	int		 slashes = 0;

	for (s = rc->pattern; *s; s++)
		slashes += *s == '/';
	/* the object itself (/api/v1/units/:id), not what hangs on it */
	if (tbl == NULL || is_safe(rc->method) || slashes != 4)
		return NULL;
	return fmt("\"%lld\"", (long long)sql_int(fmt("SELECT version FROM %s "
	    "WHERE id = %lld", tbl, (long long)obj_id(k, rc->obj))));
}

static struct res
route_call(const struct rcase *rc, const char *p, const char *body,
    const char *tok, const char *cookie, const char *csrf)
{
	const char *im = if_match(rc, A);

	bool up = strcmp(rc->method, "POST") == 0 && (strstr(rc->pattern,
	    "/attachments") || strstr(rc->pattern, "/imports"));

	if (up)
		return upload(tok, p, strstr(p, "imports") ? "x.csv" : "x.txt",
		    "事项名称\r\n乙县导入\r\n", NULL, cookie, csrf);
	if (cookie)
		return csrf ? call(rc->method, p, body, "Cookie", cookie,
		    "X-CSRF-Token", csrf, NULL) : call(rc->method, p, body,
		    "Cookie", cookie, NULL);
	if (tok == NULL)
		return call(rc->method, p, body, NULL);
	if (im)
		return AS(tok, rc->method, p, body, "If-Match", im);
	return AS(tok, rc->method, p, body);
}

static const struct rcase *
case_of(const struct route *rt)
{
	size_t i;

	for (i = 0; i < NELEM(route_cases); i++)
		if (strcmp(route_cases[i].method, rt->method) == 0 &&
		    strcmp(route_cases[i].pattern, rt->pattern) == 0)
			return &route_cases[i];
	return NULL;
}

/* The token of county k's user of role (in scope of k's objects). */
static const char *
tok_of(int k, enum role role)
{
	switch (role) {
	case ROLE_NONE:		return tok_none;
	case ROLE_VIEWER:	return c[k].view;
	case ROLE_REPORTER:	return c[k].rep;
	case ROLE_SUPERVISOR:	return c[k].sup;
	default:		return tok_admin;
	}
}


static int	fails;

static void
fail(const struct rcase *rc, const char *what, const struct res *x)
{
	fails++;
	fprintf(stderr, "  %s %s: %s: %d %.200s\n", rc->method, rc->pattern,
	    what, x->status, x->data ? x->data : "");
}

/* (c): 乙's tok on 甲's object of rc. */
static int
cross(const struct rcase *rc, const char *tok, const char *who)
{
	struct res	x;
	int64_t		d0 = digest(), i0 = digest_items();
	const char	*p = route_path(rc, A);

	/* a collection: the body names 甲's parent, owner or unit */
	x = route_call(rc, p, route_body(rc, rc->obj == O_NONE ? A : B), tok,
	    NULL, NULL);
	switch (rc->cross) {
	case X_DENY:
		if (x.status != 403 && x.status != 404)
			fail(rc, fmt("cross %s", who), &x);
		if (digest() != d0)
			fail(rc, fmt("cross %s changed data", who), &x);
		/* without If-Match too: a 428 would come before the scope */
		if (if_match(rc, A) != NULL) {
			done(&x);
			x = AS(tok, rc->method, p, route_body(rc, B));
			if (x.status != 403 && x.status != 404)
				fail(rc, fmt("cross %s without If-Match", who),
				    &x);
		}
		break;
	case X_LIST:
		if (x.status != 200 || strstr(x.data, MARK))
			fail(rc, fmt("list %s shows 甲", who), &x);
		break;
	case X_JOB:
		if (x.status >= 500 || digest_items() != i0)
			fail(rc, fmt("job %s", who), &x);
		if (tok != c[B].sup && (x.status != 403 || digest() != d0))
			fail(rc, fmt("job %s stored", who), &x);
		break;
	case X_PUBLIC:
		if (x.status != 200)
			fail(rc, fmt("public %s", who), &x);
		break;
	default:
		break;
	}
	done(&x);
	return 1;
}

/* Log in as login by cookie: its cookie header and CSRF token. */
static void
login(const char *login, const char *pw, char *cookie, size_t csz,
    char *csrf, const char *old)
{
	struct res	 x;
	const char	*e;
	char		 body[256];

	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"password\":\"%s\"}",
	    login, pw);
	x = old ? call("POST", "/api/v1/session", body, "Cookie", old, NULL) :
	    call("POST", "/api/v1/session", body, NULL);
	if (x.status != 200)
		xdie("login %s: %d %s", login, x.status, x.data);
	e = strchr(x.cookie, ';');
	snprintf(cookie, csz, "%.*s", (int)(e - x.cookie), x.cookie);
	util_strlcpy(csrf, str(x.j, "csrf"), AUTH_TOKEN_LEN + 1);
	done(&x);
}

static void
test_routes(void)
{
	const struct rcase	*rc;
	struct res		 x;
	char			 cookie[128], csrf[AUTH_TOKEN_LEN + 1];
	int64_t			 d0;
	size_t			 i;
	int			 ncase[4] = { 0 }, missing = 0;
	const char		*p;

	login("admin", "Passw0rd-test", cookie, sizeof(cookie), csrf, NULL);
	for (i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];

		if ((rc = case_of(rt)) == NULL) {
			fprintf(stderr, "  no case for %s %s\n", rt->method,
			    rt->pattern);
			missing++;
			continue;
		}
		p = route_path(rc, A);
		if (rt->role == ROLE_NONE)
			continue;
		/* (a) nobody */
		d0 = digest();
		x = route_call(rc, p, route_body(rc, A), NULL, NULL, NULL);
		if (x.status != 401 || strcmp(err_code(&x),
		    "unauthenticated") != 0)
			fail(rc, "anonymous", &x);
		done(&x);
		ncase[0]++;
		/* (b) the role below, in scope */
		x = route_call(rc, p, route_body(rc, A), tok_of(A,
		    rt->role - 1), NULL, NULL);
		if (x.status != 403 || strcmp(err_code(&x), "forbidden") != 0)
			fail(rc, "role below", &x);
		done(&x);
		ncase[1]++;
		if (digest() != d0)
			fail(rc, "(a)/(b) changed data", &x);
		/* (c) 乙's users: the route's own role, and the supervisor */
		if (rc->cross != X_SELF && rc->cross != X_ADMIN) {
			if (rt->role < ROLE_SUPERVISOR)
				ncase[2] += cross(rc, tok_of(B, rt->role),
				    role_name(rt->role));
			ncase[2] += cross(rc, c[B].sup, "supervisor");
			/* a reporter of another unit of 甲 may not write */
			if (!is_safe(rt->method) && rc->cross == X_DENY &&
			    rt->role <= ROLE_REPORTER &&
			    (rc->obj == O_ITEM || rc->obj == O_ATT ||
			    rc->obj == O_EXT))
				ncase[2] += cross(rc, c[A].rep3,
				    "reporter of another unit");
		}
		/* (d) a cookie without or with a wrong CSRF token */
		if (!is_safe(rt->method)) {
			d0 = digest();
			x = route_call(rc, p, route_body(rc, A), NULL, cookie,
			    NULL);
			if (x.status != 403 || strcmp(err_code(&x), "csrf"))
				fail(rc, "no csrf", &x);
			done(&x);
			x = route_call(rc, p, route_body(rc, A), NULL, cookie,
			    "0123456789abcdef0123456789abcdef0123456789abcdef"
			    "0123456789abcdef");
			if (x.status != 403 || strcmp(err_code(&x), "csrf"))
				fail(rc, "wrong csrf", &x);
			done(&x);
			if (digest() != d0)
				fail(rc, "(d) changed data", &x);
			ncase[3]++;
		}
	}
	printf("  routes %zu, route_cases %zu: anonymous %d, role below %d, "
	    "cross %d, csrf %d\n", routes_count, NELEM(route_cases), ncase[0],
	    ncase[1], ncase[2], ncase[3]);
	CHECK(missing == 0);
	CHECK(fails == 0);
	/* every case is a route still: none stale */
	for (i = 0; i < NELEM(route_cases); i++) {
		size_t k;
		for (k = 0; k < routes_count; k++)
			if (strcmp(route_cases[i].method, routes[k].method) == 0 &&
			    strcmp(route_cases[i].pattern, routes[k].pattern) == 0)
				break;
		CHECK(k < routes_count);
	}
	/* the CSRF token of the session does work (the route_cases were real) */
	x = call("POST", "/api/v1/items/0/urge", "{\"text\":\"x\"}", "Cookie",
	    cookie, "X-CSRF-Token", csrf, NULL);
	CHECK(x.status == 400 || x.status == 404);
	done(&x);
}

/* 乙's statistics count 乙's items only. */
static void
test_stats_scope(void)
{
	struct res	x;
	int64_t		n = 0, want;
	size_t		i;
	json_t		*g;

	want = sql_int(fmt("SELECT count(*) FROM item i JOIN ledger l ON "
	    "l.id = i.ledger_id WHERE l.region = '230103'"));
	x = AS(c[B].sup, "GET", "/api/v1/stats?group=state", NULL);
	CHECK(x.status == 200);
	json_array_foreach(json_object_get(x.j, "rows"), i, g)
		n += json_integer_value(json_object_get(g, "count"));
	if (n != want)
		fprintf(stderr, "  stats: %lld, want %lld: %.300s\n",
		    (long long)n, (long long)want, x.data);
	CHECK(n == want && want > 0);
	done(&x);
}

/*
 * 乙's supervisor imports into 甲's ledger with 乙's unit as the lead
 * (the way around the create's scope): the rows are refused (the unit
 * is not found among those of the ledger's region), and a
 * commit writes nothing.
 */
static void
test_import_cross(void)
{
	struct res	x;
	int64_t		id, d0 = digest_items();

	x = upload(c[B].sup, fmt("/api/v1/ledgers/%lld/imports",
	    (long long)c[A].led_task), "x.csv", "事项名称,牵头单位,完成时限\r\n"
	    "乙县导入,南岗交通局,2030-01-01\r\n", NULL, NULL, NULL);
	CHECK(x.status == 201);
	id = num(x.j, "id");
	if (x.status != 201 || json_integer_value(json_object_get(
	    json_object_get(x.j, "report"), "errors")) < 1)
		fprintf(stderr, "  import: %d %.400s\n", x.status, x.data);
	CHECK(json_integer_value(json_object_get(json_object_get(x.j,
	    "report"), "errors")) >= 1);
	done(&x);
	x = AS(c[B].sup, "POST", fmt("/api/v1/imports/%lld/commit",
	    (long long)id), NULL);
	CHECK(x.status == 409);
	done(&x);
	/* 甲's supervisor cannot see or commit 乙's job either */
	x = AS(c[A].sup, "POST", fmt("/api/v1/imports/%lld/commit",
	    (long long)id), NULL);
	CHECK(x.status == 404);
	done(&x);
	CHECK(digest_items() == d0);
}

/* A cookie chosen by the client is not the session after login. */
static void
test_fixation(void)
{
	char		 cookie[128], csrf[AUTH_TOKEN_LEN + 1], planted[128];
	char		 cookie2[128], csrf2[AUTH_TOKEN_LEN + 1];
	struct res	 x;

	snprintf(planted, sizeof(planted), "%s=%064d", SESSION_COOKIE, 42);
	login("view-0", "Passw0rd-test", cookie, sizeof(cookie), csrf,
	    planted);
	CHECK(strcmp(cookie, planted) != 0);
	x = call("GET", "/api/v1/me", NULL, "Cookie", planted, NULL);
	CHECK(x.status == 401);
	done(&x);
	/* a real session brought to a login (another user's, say, planted
	 * by an attacker who logged in first) ends: it is not kept */
	login("view-0", "Passw0rd-test", cookie2, sizeof(cookie2), csrf2,
	    cookie);
	CHECK(strcmp(cookie2, cookie) != 0 && strcmp(csrf2, csrf) != 0);
	x = call("GET", "/api/v1/me", NULL, "Cookie", cookie, NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", cookie2, NULL);
	CHECK(x.status == 200);
	done(&x);
}

/* A password change ends the other sessions and the API tokens. */
static void
test_revoke_password(void)
{
	char		 c1[128], k1[AUTH_TOKEN_LEN + 1];
	char		 c2[128], k2[AUTH_TOKEN_LEN + 1];
	char		 tok[AUTH_TOKEN_LEN + 1];
	struct res	 x;

	store_begin(st, true);
	mkuser("pw-user", ROLE_VIEWER, 0, "140881", tok);
	store_commit(st);
	login("pw-user", "Passw0rd-test", c1, sizeof(c1), k1, NULL);
	login("pw-user", "Passw0rd-test", c2, sizeof(c2), k2, NULL);
	x = call("POST", "/api/v1/me/password", "{\"old_password\":"
	    "\"Passw0rd-test\",\"new_password\":\"Neues-Passw0rt-2\"}",
	    "Cookie", c1, "X-CSRF-Token", k1, NULL);
	CHECK(x.status == 200 && *str(x.j, "csrf") && *x.cookie);
	/* this session goes on under a new cookie and token */
	CHECK(strncmp(x.cookie, c1, strlen(c1)) != 0);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c1, NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c2, NULL);
	CHECK(x.status == 401);
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	/* by API token: the token itself is revoked too */
	store_begin(st, true);
	store_token_new(st, sql_int("SELECT id FROM app_user WHERE login = "
	    "'pw-user'"), "t2", tok);
	store_commit(st);
	login("pw-user", "Neues-Passw0rt-2", c1, sizeof(c1), k1, NULL);
	x = AS(tok, "POST", "/api/v1/me/password", "{\"old_password\":"
	    "\"Neues-Passw0rt-2\",\"new_password\":\"Drittes-Pass-3\"}");
	CHECK(x.status == 200);
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c1, NULL);
	CHECK(x.status == 401);
	done(&x);
	/* an admin's reset of the password does the same */
	login("pw-user", "Drittes-Pass-3", c1, sizeof(c1), k1, NULL);
	store_begin(st, true);
	store_token_new(st, sql_int("SELECT id FROM app_user WHERE login = "
	    "'pw-user'"), "t3", tok);
	store_commit(st);
	x = AS(tok_admin, "PATCH", fmt("/api/v1/users/%lld", sql_int(
	    "SELECT id FROM app_user WHERE login = 'pw-user'")),
	    "{\"password\":\"Viertes-Pass-4\"}");
	CHECK(x.status == 200);
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c1, NULL);
	CHECK(x.status == 401);
	done(&x);
}

/* Disabling ends every session and token at once; enabling again
 * does not bring them back. */
static void
test_revoke_disable(void)
{
	char		 c1[128], k1[AUTH_TOKEN_LEN + 1], tok[AUTH_TOKEN_LEN + 1];
	char		 body[128];
	struct res	 x;
	int64_t		 id;

	store_begin(st, true);
	id = mkuser("off-user", ROLE_REPORTER, c[A].unit2, NULL, tok);
	store_commit(st);
	login("off-user", "Passw0rd-test", c1, sizeof(c1), k1, NULL);
	x = AS(tok_admin, "PATCH", fmt("/api/v1/users/%lld", (long long)id),
	    "{\"disabled\":true}");
	CHECK(x.status == 200);
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c1, NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("POST", fmt("/api/v1/items/%lld/updates", (long long)c[A].item),
	    "{\"text\":\"停用后\"}", "Cookie", c1, "X-CSRF-Token", k1, NULL);
	CHECK(x.status == 401);
	done(&x);
	/* a disabled user cannot log in (and is told so only with the
	 * right password) */
	snprintf(body, sizeof(body), "{\"login\":\"off-user\",\"password\":"
	    "\"Passw0rd-test\"}");
	x = call("POST", "/api/v1/session", body, NULL);
	CHECK(x.status == 403 && strcmp(err_code(&x), "disabled") == 0);
	done(&x);
	x = AS(tok_admin, "PATCH", fmt("/api/v1/users/%lld", (long long)id),
	    "{\"disabled\":false}");
	CHECK(x.status == 200);
	done(&x);
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	x = call("GET", "/api/v1/me", NULL, "Cookie", c1, NULL);
	CHECK(x.status == 401);
	done(&x);
}

/* Failed logins: the limit, its Chinese message, a success before it
 * clears the count, other logins are not held up. */
static void
test_throttle(void)
{
	struct res	 x;
	char		 tok[AUTH_TOKEN_LEN + 1];
	const char	*bad = "{\"login\":\"thr\",\"password\":\"wrong-pass\"}";
	const char	*good = "{\"login\":\"thr\",\"password\":"
	    "\"Passw0rd-test\"}";
	const char	*msg;
	int		 i;

	store_begin(st, true);
	mkuser("thr", ROLE_VIEWER, 0, "140881", tok);
	store_commit(st);
	/* four failures and a success: the count starts again */
	for (i = 0; i < conf.login_max_fail - 1; i++) {
		x = call("POST", "/api/v1/session", bad, NULL);
		CHECK(x.status == 401);
		done(&x);
	}
	x = call("POST", "/api/v1/session", good, NULL);
	CHECK(x.status == 200);
	done(&x);
	for (i = 0; i < conf.login_max_fail - 1; i++) {
		x = call("POST", "/api/v1/session", bad, NULL);
		CHECK(x.status == 401);
		done(&x);
	}
	x = call("POST", "/api/v1/session", good, NULL);
	CHECK(x.status == 200);
	done(&x);
	/* five in a row: then 429, with the right password too */
	for (i = 0; i < conf.login_max_fail; i++) {
		x = call("POST", "/api/v1/session", bad, NULL);
		CHECK(x.status == 401);
		done(&x);
	}
	x = call("POST", "/api/v1/session", good, NULL);
	msg = apitest_str(json_object_get(x.j, "error"), "message");
	CHECK(x.status == 429 && strcmp(err_code(&x), "throttled") == 0);
	CHECK(strcmp(msg, "登录失败次数过多,请15分钟后再试") == 0);
	done(&x);
	/* the API token of that user still works: only logins are held */
	x = AS(tok, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 200);
	done(&x);
	/* another login from the same address is not throttled */
	x = call("POST", "/api/v1/session", "{\"login\":\"view-1\","
	    "\"password\":\"Passw0rd-test\"}", NULL);
	CHECK(x.status == 200);
	done(&x);
}

/* Phones and ID numbers of 甲's items as tok sees them. */
static const char *
item_phones(const char *tok, int64_t id, char *buf, size_t sz)
{
	struct res	 x;
	json_t		*cu;

	x = AS(tok, "GET", fmt("/api/v1/items/%lld", (long long)id), NULL);
	cu = json_object_get(x.j, "custom");
	snprintf(buf, sz, "%d|%s|%s|%s|%s|%s", x.status, str(x.j,
	    "leader_phone"), str(x.j, "responsible_phone"), str(x.j,
	    "content"), str(cu, "citizen_phone"), str(cu, "reply"));
	done(&x);
	return buf;
}

static bool
export_has(const char *tok, int64_t ledger, const char *format,
    const char *what)
{
	struct res	 x;
	struct sheet	 sh;
	struct arena	*a;
	char		 err[256];
	bool		 found = false;
	int		 i, j;

	x = AS(tok, "GET", fmt("/api/v1/ledgers/%lld/export?format=%s",
	    (long long)ledger, format), NULL);
	if (x.status != 200)
		xdie("export %d %s", x.status, x.data);
	if (strcmp(format, "csv") == 0) {
		found = memmem(x.data, x.len, what, strlen(what)) != NULL;
		done(&x);
		return found;
	}
	a = arena_new();
	if (sheet_read(x.data, x.len, "e.xlsx", NULL, a, &sh, err,
	    sizeof(err)) == -1)
		xdie("sheet_read: %s", err);
	done(&x);
	for (i = 0; i < sh.nrows && !found; i++)
		for (j = 0; j < sh.rows[i].ncells && !found; j++)
			found = strstr(sh.rows[i].cells[j].text, what) != NULL;
	arena_free(a);
	return found;
}

static void
test_masking(void)
{
	char		 b[1024];
	struct res	 x;
	json_t		*it;
	size_t		 i;
	int		 seen = 0;

	/* those who work on the item: in full */
	CHECK(strcmp(item_phones(tok_admin, c[A].item, b, sizeof(b)),
	    "200|13812345678|0359-8012345|||") == 0);
	CHECK(strcmp(item_phones(c[A].sup, c[A].item, b, sizeof(b)),
	    "200|13812345678|0359-8012345|||") == 0);
	CHECK(strcmp(item_phones(c[A].rep, c[A].item, b, sizeof(b)),
	    "200|13812345678|0359-8012345|||") == 0);
	/* a viewer: masked */
	item_phones(c[A].view, c[A].item, b, sizeof(b));
	if (strcmp(b, "200|138****5678|035*****2345|||") != 0)
		fprintf(stderr, "  viewer sees %s\n", b);
	CHECK(strcmp(b, "200|138****5678|035*****2345|||") == 0);
	/* custom fields and ID and mobile numbers in the text */
	CHECK(strcmp(item_phones(c[A].sup, c[A].sugg, b, sizeof(b)),
	    "200|||村民来电,身份证号142301199001011234,电话13987654321|"
	    "13912345678|已联系13600001111") == 0);
	item_phones(c[A].view, c[A].sugg, b, sizeof(b));
	if (strcmp(b, "200|||村民来电,身份证号1423**********1234,电话"
	    "139****4321|139****5678|已联系136****1111") != 0)
		fprintf(stderr, "  viewer sees %s\n", b);
	CHECK(strcmp(b, "200|||村民来电,身份证号1423**********1234,电话"
	    "139****4321|139****5678|已联系136****1111") == 0);
	/* a reporter of another unit of the county sees the item (its
	 * ledger is the county's) but does not work on it */
	item_phones(c[A].rep3, c[A].item, b, sizeof(b));
	CHECK(strncmp(b, "200|", 4) != 0 || strstr(b, "13812345678") == NULL);

	/* lists: the same rule per item */
	x = AS(c[A].view, "GET", fmt("/api/v1/ledgers/%lld/items",
	    (long long)c[A].led_task), NULL);
	CHECK(x.status == 200 && strstr(x.data, "13812345678") == NULL);
	json_array_foreach(json_object_get(x.j, "items"), i, it)
		if (strcmp(str(it, "leader_phone"), "138****5678") == 0)
			seen++;
	CHECK(seen == 1);
	done(&x);
	x = AS(c[A].view, "GET", "/api/v1/items", NULL);
	CHECK(x.status == 200 && strstr(x.data, "13812345678") == NULL &&
	    strstr(x.data, "13912345678") == NULL &&
	    strstr(x.data, "138****5678") != NULL);
	done(&x);
	x = AS(c[A].sup, "GET", "/api/v1/items", NULL);
	CHECK(x.status == 200 && strstr(x.data, "13812345678") != NULL);
	done(&x);

	/* exports, .xlsx and .csv */
	CHECK(export_has(c[A].sup, c[A].led_task, "xlsx", "0359-8012345"));
	CHECK(!export_has(c[A].view, c[A].led_task, "xlsx", "0359-8012345"));
	CHECK(export_has(c[A].view, c[A].led_task, "xlsx", "035*****2345"));
	CHECK(export_has(c[A].sup, c[A].led_task, "csv", "0359-8012345"));
	CHECK(!export_has(c[A].view, c[A].led_task, "csv", "0359-8012345"));
	CHECK(export_has(c[A].view, c[A].led_task, "csv", "035*****2345"));
	CHECK(export_has(c[A].sup, c[A].led_sugg, "csv", "13912345678"));
	CHECK(!export_has(c[A].view, c[A].led_sugg, "csv", "13912345678"));
	CHECK(!export_has(c[A].view, c[A].led_sugg, "csv", "13600001111"));
	CHECK(export_has(c[A].view, c[A].led_sugg, "csv", "139****5678"));

	/* a viewer cannot write the masked value back */
	x = AS(c[A].view, "PATCH", fmt("/api/v1/items/%lld",
	    (long long)c[A].item), "{\"leader_phone\":\"138****5678\"}");
	CHECK(x.status == 403);
	done(&x);
	CHECK(strcmp(item_phones(c[A].sup, c[A].item, b, sizeof(b)),
	    "200|13812345678|0359-8012345|||") == 0);
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
	test_routes();
	test_stats_scope();
	test_import_cross();
	test_fixation();
	test_revoke_password();
	test_revoke_disable();
	test_masking();
	test_throttle();
	teardown();
}

TEST_MAIN(TEST(test_all))
