/*
 * The store the API targets run on, built once per process: in memory
 * (SQLite ":memory:"), the places of the unit tests, three units, users
 * of every role with API tokens, a session of the admin's, a ledger of
 * each workflow kind with an item, an extension request, an import job
 * and a web root with an index.html.  Targets run each input inside a
 * transaction of their own and roll it back, so the store stays as it
 * was built.
 */
#ifndef FUZZ_STORE_H
#define FUZZ_STORE_H

#include <sys/stat.h>

#include <unistd.h>

#include "../tests/unit/apitest.h"
#include "auth.h"
#include "store_place.h"

struct fuzz_store {
	char		 tok[4][AUTH_TOKEN_LEN + 1];	/* admin sup rep view */
	struct user	 user[4];
	int64_t		 unit_lcc, unit_jtj, unit_ng;
	/* project, task, need, suggestion, problem: a ledger each, with
	 * one item (links, forwarding and rectification need the kinds) */
	int64_t		 ledger[5], item[5];
	int64_t		 extension, import;
	char		 session[AUTH_TOKEN_LEN + 1];	/* the admin's */
	char		 csrf[AUTH_TOKEN_LEN + 1];
	char		 web[64];
};

static struct fuzz_store	fz;

/* The id in the 201 reply of POST body to path as tok. */
static inline int64_t
fuzz_store_post(const char *tok, const char *path, const char *body)
{
	struct res	x;
	int64_t		id;

	x = AS(tok, "POST", path, body);
	if (x.status != 201 && x.status != 200)
		xdie("fuzz store: POST %s: %d %s", path, x.status, x.data);
	id = json_integer_value(json_object_get(x.j, "id"));
	done(&x);
	return id;
}

/* An import job: a small CSV uploaded to the project ledger. */
static inline int64_t
fuzz_store_import(void)
{
	static const char	 csv[] = "项目名称,村名,牵头单位,资金规模(万元)\r\n"
	    "道路硬化,新源村,永济市交通运输局,10\r\n";
	struct req		*r;
	struct res		 x;
	char			 path[64];
	int64_t			 id;

	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/imports",
	    (long long)fz.ledger[0]);
	r = req_fake(st, &conf, "POST", path, NULL);
	r->body = arena_printf(r->pool, "--B\r\nContent-Disposition: "
	    "form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: "
	    "text/csv\r\n\r\n%s\r\n--B--\r\n", csv);
	r->bodylen = strlen(r->body);
	r->headers[r->nheaders].key = "Content-Type";
	r->headers[r->nheaders++].val = "multipart/form-data; boundary=B";
	r->headers[r->nheaders].key = "Authorization";
	r->headers[r->nheaders++].val = arena_strdup(r->pool,
	    bearer(fz.tok[1]));
	x = apitest_run(r);
	if (x.status != 201 && x.status != 200)
		xdie("fuzz store: import: %d %s", x.status, x.data);
	id = json_integer_value(json_object_get(x.j, "id"));
	done(&x);
	return id;
}

static inline void
fuzz_store_web(void)
{
	char	 p[128];
	FILE	*f;

	util_strlcpy(fz.web, "/tmp/taizhang-fuzz-web-XXXXXX", sizeof(fz.web));
	if (mkdtemp(fz.web) == NULL)
		xdie("fuzz store: mkdtemp");
	snprintf(p, sizeof(p), "%s/assets", fz.web);
	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/index.html", fz.web);
	if ((f = fopen(p, "w")) == NULL)
		xdie("fuzz store: %s", p);
	fputs("<!doctype html><title>x</title>\n", f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/assets/app.js", fz.web);
	if ((f = fopen(p, "w")) == NULL)
		xdie("fuzz store: %s", p);
	fputs("1\n", f);
	fclose(f);
	conf.web_root = fz.web;
}

static inline void
fuzz_store_done(void)
{
	char p[128];
	int  i;

	for (i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), i ? "%s/assets/app.js" : "%s/index.html",
		    fz.web);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/assets", fz.web);
	rmdir(p);
	rmdir(fz.web);
}

/* Build the store once; later calls do nothing. */
static inline void
fuzz_store_init(void)
{
	static apitest_place places[] = {	/* besides apitest_places */
		{ "140881106201", "新源村委会", "5", "140881106" },
	};
	static const char *const kinds[] = { "project", "task", "need",
	    "suggestion", "problem" };
	char		 err[256], b[512], p[128];
	int64_t		 ids[4];
	int		 applied, i;
	static bool	 init;

	if (init)
		return;
	init = true;
	if (auth_init() == -1)
		xdie("fuzz store: auth_init");
	if ((st = store_open(":memory:", err, sizeof(err))) == NULL ||
	    store_migrate(st, &applied, err, sizeof(err)) == -1)
		xdie("fuzz store: %s", err);
	store_begin(st, true);
	apitest_places_load(places, NELEM(places));
	fz.unit_lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	fz.unit_jtj = mkunit("永济市交通运输局", "理事单位", fz.unit_lcc,
	    "140881");
	fz.unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	ids[0] = mkuser("admin", ROLE_ADMIN, 0, NULL, fz.tok[0]);
	ids[1] = mkuser("sup", ROLE_SUPERVISOR, fz.unit_lcc, "140881",
	    fz.tok[1]);
	ids[2] = mkuser("rep", ROLE_REPORTER, fz.unit_jtj, NULL, fz.tok[2]);
	ids[3] = mkuser("view", ROLE_VIEWER, 0, "140881", fz.tok[3]);
	if (store_commit(st) == -1)
		xdie("fuzz store: commit");
	if (store_session_new(st, ids[0], "127.0.0.1", 30 * 86400, fz.session,
	    fz.csrf) != STORE_OK)
		xdie("fuzz store: session");
	for (i = 0; i < 4; i++)
		if (store_user_get(st, ids[i], &fz.user[i]) != STORE_OK)
			xdie("fuzz store: user %d", i);

	for (i = 0; i < 5; i++) {
		snprintf(b, sizeof(b), "{\"template\":\"%s\",\"name\":"
		    "\"永济%s\",\"year\":2025,\"owner_unit_id\":%lld,"
		    "\"region\":\"140881\"}", kinds[i], kinds[i],
		    (long long)fz.unit_lcc);
		fz.ledger[i] = fuzz_store_post(fz.tok[1], "/api/v1/ledgers", b);
		snprintf(p, sizeof(p), "/api/v1/ledgers/%lld/items",
		    (long long)fz.ledger[i]);
		snprintf(b, sizeof(b), "{\"title\":\"新源村道路硬化\",\"content\":"
		    "\"路面破损\",\"places\":[\"140881100202\"],"
		    "\"lead_unit_id\":%lld,\"amount\":\"100.00\",\"start\":"
		    "\"2025-03-01\",\"deadline\":\"2027-10-31\"}",
		    (long long)fz.unit_jtj);
		fz.item[i] = fuzz_store_post(fz.tok[1], p, b);
	}
	snprintf(p, sizeof(p), "/api/v1/items/%lld/extensions",
	    (long long)fz.item[1]);
	fz.extension = fuzz_store_post(fz.tok[2], p, "{\"reason\":\"雨季停工\","
	    "\"new_deadline\":\"2027-12-31\"}");
	fz.import = fuzz_store_import();
	fuzz_store_web();
	atexit(fuzz_store_done);
}

#endif
