/*
 * taizhang copy: a store built through the API and the store (every
 * table with rows, a unit whose parent has the larger id, money beyond
 * 32 bits, NULLs and empty strings, attachments with NUL bytes and an
 * empty one) copied into a fresh store, then compared table by table,
 * sum by sum and byte by byte; the copy used through the API (the
 * copied tokens and passwords log in, new rows get new ids); and the
 * refusals: a store not empty, another schema version, a failure half
 * way (all rolled back).  On PostgreSQL (TAIZHANG_TEST_PG) the store
 * goes PostgreSQL -> SQLite -> PostgreSQL.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "testdb.h"
#include "cmd_copy.c"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_attachment.h"
#include "store_import.h"
#include "store_ledger.h"
#include "store_link.h"
#include "store_place.h"
#include "store_progress.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static struct server_conf conf = {
	.web_root = NULL, .session_ttl = 3600, .login_max_fail = 5,
	.login_window = 900,
};

/* What the source holds, to look for in the copies. */
static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_rep[AUTH_TOKEN_LEN + 1];
static int64_t	unit_child, unit_parent;	/* child.id < parent.id */
static int64_t	ledger_id, item_big, item_small, item_plain;
static int64_t	att_bin, att_empty;
static unsigned char	bin[3000];		/* NUL bytes and all */
static const char	odd_title[] = "新源村'道路\"硬化\\二期\n😀 %s $1";

struct res {
	int	 status;
	json_t	*j;
};

static void
done(struct res *x)
{
	json_decref(x->j);
	x->j = NULL;
}

static int64_t
jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* A request on store st as the holder of tok (NULL: nobody). */
static struct res
call(struct store *st, const char *tok, const char *method, const char *path,
    const char *body)
{
	struct res	 out;
	struct req	*r;
	char		*auth = NULL;

	memset(&out, 0, sizeof(out));
	r = req_fake(st, &conf, method, path, body);
	if (tok) {
		auth = xasprintf("Bearer %s", tok);
		r->headers[r->nheaders].key = "Authorization";
		r->headers[r->nheaders++].val = auth;
	}
	router_dispatch(r);
	out.status = r->status;
	if (r->resp && r->ctype && strstr(r->ctype, "json"))
		out.j = json_loadb(r->resp, r->resplen, 0, NULL);
	req_free(r);
	free(auth);
	return out;
}

static const char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static const char *
fmt(const char *f, ...)
{
	static char	b[4][2048];
	static int	i;
	va_list		ap;

	i = (i + 1) % 4;
	va_start(ap, f);
	vsnprintf(b[i], sizeof(b[i]), f, ap);
	va_end(ap);
	return b[i];
}

/* One integer from the store at uri (no parameters). */
static int64_t
q(const char *uri, const char *text)
{
	return testdb_int(uri, text, 0, NULL);
}

/* taizhang copy --from from --to to; the exit status. */
static int
run_copy(const char *from, const char *to)
{
	char *argv[] = { "copy", "--from", (char *)from, "--to", (char *)to,
	    NULL };

	optind = 0;
	return cmd_copy(5, argv);
}

/* run_copy() with what it says on stderr into err. */
static int
run_copy_err(const char *from, const char *to, char *err, size_t errsz)
{
	FILE	*f;
	char	*path;
	int	 saved, rc;
	size_t	 n;

	path = xasprintf("%s/stderr.txt", testdb_dir());
	fflush(stderr);
	saved = dup(STDERR_FILENO);
	if ((f = fopen(path, "w+")) == NULL || saved == -1)
		xdie("stderr");
	dup2(fileno(f), STDERR_FILENO);
	rc = run_copy(from, to);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(f);
	n = fread(err, 1, errsz - 1, f);
	err[n] = '\0';
	fclose(f);
	free(path);
	fputs(err, stderr);
	return rc;
}

/* The total of the rows of every copied table. */
static int64_t
rows_all(const char *uri)
{
	int64_t	n = 0, k;
	size_t	i;

	for (i = 0; i < COPY_NTABLES; i++) {
		k = q(uri, fmt("SELECT count(*) FROM %s", copy_tables[i].name));
		if (k < 0)
			return -1;
		n += k;
	}
	return n;
}

static struct store *
open_store(const char *uri)
{
	struct store	*st;
	char		 err[256];
	int		 applied;

	if ((st = store_open(uri, err, sizeof(err))) == NULL ||
	    store_migrate(st, &applied, err, sizeof(err)) == -1)
		xdie("store %s: %s", uri, err);
	return st;
}

static int64_t
mkunit(struct store *st, const char *name, int64_t parent)
{
	struct unit u;

	memset(&u, 0, sizeof(u));
	util_strlcpy(u.name, name, sizeof(u.name));
	util_strlcpy(u.kind, "理事单位", sizeof(u.kind));
	util_strlcpy(u.place_code, "140881", sizeof(u.place_code));
	u.parent_id = parent;
	if (store_unit_add(st, &u) != STORE_OK)
		xdie("mkunit %s", name);
	return u.id;
}

static int64_t
mkuser(struct store *st, const char *login, enum role role, int64_t unit,
    const char *region, char *tok)
{
	struct user	u;
	char		hash[AUTH_HASH_MAX];

	memset(&u, 0, sizeof(u));
	util_strlcpy(u.login, login, sizeof(u.login));
	util_strlcpy(u.name, login, sizeof(u.name));
	u.role = role;
	if (unit) {
		u.memb[u.nmemb].role = role;
		u.memb[u.nmemb++].unit_id = unit;
	}
	if (region) {
		u.memb[u.nmemb].role = role;
		util_strlcpy(u.memb[u.nmemb++].region, region, PLACE_CODE_MAX);
	}
	if (auth_hash_password("Passw0rd-test", hash) == -1 ||
	    store_user_add(st, &u, hash) != STORE_OK ||
	    store_token_new(st, u.id, "test", tok) != STORE_OK)
		xdie("mkuser %s", login);
	return u.id;
}

static int64_t
mkitem(struct store *st, const char *body)
{
	struct res	x;
	int64_t		id;

	x = call(st, tok_admin, "POST", fmt("/api/v1/ledgers/%lld/items",
	    (long long)ledger_id), body);
	if (x.status != 201)
		xdie("mkitem: %d %s", x.status, x.j ? json_dumps(x.j, 0) : "");
	id = jint(x.j, "id");
	done(&x);
	return id;
}

static int64_t
mkattachment(struct store *st, int64_t item, const char *name,
    const void *data, size_t n)
{
	struct attachment	a;
	unsigned char		h[crypto_hash_sha256_BYTES];

	memset(&a, 0, sizeof(a));
	a.item_id = item;
	a.name = name;
	a.mime = "application/octet-stream";
	a.size = (int64_t)n;
	a.data = data;
	crypto_hash_sha256(h, data, n);
	util_hex(h, sizeof(h), a.sha256);
	if (store_attachment_add(st, &a) != STORE_OK)
		xdie("mkattachment %s", name);
	return a.id;
}

/*
 * The source: a row in every table.  Units first the child, then the
 * parent, then the child moved under the parent.
 */
static void
build_source(const char *uri)
{
	static const char *const places[][4] = {
		{ "14", "山西省", "1", NULL },
		{ "1408", "运城市", "2", "14" },
		{ "140881", "永济市", "3", "1408" },
		{ "140881100", "虞乡镇", "4", "140881" },
		{ "140881100200", "虞乡村委会", "5", "140881100" },
		{ "140881100202", "新源村委会", "5", "140881100" },
	};
	struct store		*st;
	struct unit		 u;
	struct place_figure	 fig = { 2024, 1203, 377, 123456789012LL };
	struct extension	 ext;
	struct import_job	 job;
	struct res		 x;
	char			 tok[AUTH_TOKEN_LEN + 1], csrf[AUTH_TOKEN_LEN + 1];
	char			 id_s[24];
	const char		*p[2];
	int64_t			 admin, id;
	size_t			 i;

	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 7 % 256);	/* bin[0] == 0 */
	st = open_store(uri);
	if (store_begin(st, true) == -1)
		xdie("begin");
	for (i = 0; i < NELEM(places); i++)
		store_place_upsert(st, places[i][0], places[i][1],
		    places[i][2][0] - '0', places[i][3]);
	if (store_place_figure_set(st, "140881100202", &fig) != STORE_OK ||
	    store_place_set_class(st, "140881100202", "一类老区") != STORE_OK ||
	    store_meta_set(st, "copy-test", "值 'quoted'") != STORE_OK)
		xdie("places");
	unit_child = mkunit(st, "永济市交通运输局", 0);
	unit_parent = mkunit(st, "永济市老促会", 0);
	if (store_unit_get(st, unit_child, &u) != STORE_OK)
		xdie("unit");
	u.parent_id = unit_parent;
	if (store_unit_update(st, &u) != STORE_OK)
		xdie("reparent");
	admin = mkuser(st, "admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser(st, "rep", ROLE_REPORTER, unit_child, "140881", tok_rep);
	if (store_session_new(st, admin, "127.0.0.1", 3600, tok, csrf) !=
	    STORE_OK || store_login_failed(st, "nobody", "10.0.0.9") !=
	    STORE_OK)
		xdie("sessions");
	if (store_commit(st) == -1)
		xdie("commit");

	x = call(st, tok_admin, "POST", "/api/v1/ledgers", "{\"name\":"
	    "\"2025年百村帮扶项目台账\",\"kind\":\"project\",\"region\":"
	    "\"140881\"}");
	if (x.status != 201)
		xdie("ledger %d", x.status);
	ledger_id = jint(x.j, "id");
	done(&x);
	/* 30,000,000.00 元 is 3e9 fen: beyond 32 bits */
	item_big = mkitem(st, fmt("{\"title\":\"新源村通村道路硬化\","
	    "\"category\":\"基础设施类\",\"places\":[\"140881100202\","
	    "\"140881100200\"],\"amount\":\"30000000.00\",\"lead_unit_id\":"
	    "%lld,\"co_unit_ids\":[%lld],\"funds\":[{\"source\":\"中央财政\","
	    "\"kind\":\"下达\",\"amount\":\"20000000\"},{\"source\":\"县级财政\","
	    "\"kind\":\"支付\",\"amount\":\"1234.56\",\"place_code\":"
	    "\"140881100202\"}],\"targets\":[{\"level1\":\"产出指标\","
	    "\"indicator\":\"硬化里程\",\"op\":\"≥\",\"target\":\"2\","
	    "\"unit\":\"公里\"}]}", (long long)unit_child,
	    (long long)unit_parent));
	item_small = mkitem(st, fmt("{\"title\":\"虞乡村饮水管网改造\","
	    "\"content\":\"主管道 1.2 公里\",\"category\":\"生活条件改善类\","
	    "\"places\":[\"140881100200\"],\"amount\":\"88.08\","
	    "\"lead_unit_id\":%lld}", (long long)unit_parent));
	item_plain = mkitem(st, fmt("{\"title\":\"placeholder\",\"places\":"
	    "[\"140881100200\"],\"amount\":\"0.01\",\"lead_unit_id\":%lld}",
	    (long long)unit_child));
	/* '' apart from NULL, and text the SQL layer must carry untouched */
	if (testdb_exec(uri, fmt("UPDATE item SET leader = '' WHERE id = "
	    "%lld", (long long)item_small)) == -1)
		xdie("leader");
	snprintf(id_s, sizeof(id_s), "%lld", (long long)item_plain);
	p[0] = odd_title;
	p[1] = id_s;
	if (testdb_int(uri, "UPDATE item SET title = $1 WHERE id = "
	    "CAST($2 AS BIGINT) RETURNING id", 2, p) != item_plain)
		xdie("odd title");
	for (i = 0; i < 2; i++) {
		x = call(st, tok_rep, "POST", fmt("/api/v1/items/%lld/updates",
		    (long long)item_big), i == 0 ? "{\"text\":\"路基完成\","
		    "\"progress\":40,\"paid\":\"1000.50\"}" : "{\"text\":"
		    "\"面层完成\",\"progress\":80,\"paid\":\"2500000\"}");
		if (x.status != 201)
			xdie("update %d", x.status);
		done(&x);
	}
	if (store_begin(st, true) == -1)
		xdie("begin 2");
	att_bin = mkattachment(st, item_big, "路面.bin", bin, sizeof(bin));
	att_empty = mkattachment(st, item_big, "空.txt", "", 0);
	memset(&ext, 0, sizeof(ext));
	ext.item_id = item_small;
	ext.reason = "雨季停工";
	ext.old_deadline = DATE_NONE;
	ext.new_deadline = 20500;
	ext.requested_by.id = admin;
	if (store_extension_add(st, &ext) != STORE_OK ||
	    store_event_add(st, item_small, "urge", NULL, NULL, "请加快进度",
	    NULL, admin, &id) != STORE_OK ||
	    store_link_add(st, item_small, item_big, "continues", admin, &id) !=
	    STORE_OK)
		xdie("progress rows");
	/* an import job with its file (a blob with NUL bytes) and a mapping */
	memset(&job, 0, sizeof(job));
	job.ledger_id = ledger_id;
	job.user_id = admin;
	job.file_name = "台账.csv";
	job.data = bin;
	job.size = sizeof(bin);
	util_strlcpy(job.sha256, "00", sizeof(job.sha256));
	job.options = "{}";
	job.report = "{\"report\":{}}";
	job.state = "committed";
	if (store_import_add(st, &job) != STORE_OK ||
	    store_import_map_set(st, ledger_id, "项目名称", "title") !=
	    STORE_OK || store_import_map_set(st, ledger_id, "备注", NULL) !=
	    STORE_OK)
		xdie("import rows");
	if (store_commit(st) == -1)
		xdie("commit 2");
	store_close(st);
}

/* Every table, each column, and every statement text of the copy. */
static void
test_coverage(const char *uri)
{
	size_t		 i;
	const char	*t, *p;
	int		 dollars;

	if (testdb_is_pg())
		CHECK(q(uri, "SELECT count(*) FROM information_schema.tables "
		    "WHERE table_schema = current_schema() AND table_type = "
		    "'BASE TABLE' AND table_name <> 'schema_migration'") ==
		    (int64_t)COPY_NTABLES);
	else
		CHECK(q(uri, "SELECT count(*) FROM sqlite_master WHERE type = "
		    "'table' AND name NOT LIKE 'sqlite_%' AND name <> "
		    "'schema_migration'") == (int64_t)COPY_NTABLES);
	for (i = 0; i < COPY_NTABLES; i++) {
		const struct copy_table *ct = &copy_tables[i];
		if (testdb_is_pg())
			CHECK(q(uri, fmt("SELECT count(*) FROM "
			    "information_schema.columns WHERE table_schema = "
			    "current_schema() AND table_name = '%s'",
			    ct->name)) == ct->ncols);
		else
			CHECK(q(uri, fmt("SELECT count(*) FROM "
			    "pragma_table_info('%s')", ct->name)) == ct->ncols);
		/* the insert has ncols parameters, the select ncols columns */
		for (dollars = 0, p = sql[ct->ins]; *p; p++)
			dollars += *p == '$';
		CHECK(dollars == ct->ncols);
		t = sql[ct->sel];
		for (dollars = 1, p = t; *p && strncmp(p, " FROM ", 6) != 0; p++)
			dollars += *p == ',';
		CHECK(dollars == ct->ncols);
		CHECK(strstr(sql[ct->ins], ct->name) != NULL);
		/* every table of the test source has rows */
		if (q(uri, fmt("SELECT count(*) FROM %s", ct->name)) <= 0) {
			fprintf(stderr, "no rows in %s\n", ct->name);
			CHECK(0);
		}
	}
}

/* Money sums of the store at uri, as STMT_COPY_SUMS lists them. */
static void
sums(const char *uri, int64_t out[COPY_NSUMS])
{
	static const char *const e[COPY_NSUMS] = {
		"SELECT coalesce(sum(amount_fen), 0) FROM item",
		"SELECT coalesce(sum(paid_fen), 0) FROM item",
		"SELECT coalesce(sum(amount_fen), 0) FROM fund_line",
		"SELECT coalesce(sum(share_fen), 0) FROM item_place",
		"SELECT coalesce(sum(paid_fen), 0) FROM item_update",
		"SELECT coalesce(sum(income_fen), 0) FROM place_figure",
	};
	size_t i;

	for (i = 0; i < COPY_NSUMS; i++)
		out[i] = q(uri, e[i]);
}

/* dst holds what src holds (audit: one row more, the copy's). */
static void
check_same(const char *src, const char *dst)
{
	struct store		*st;
	struct arena		*pool;
	struct attachment	 a;
	int64_t			 ms[COPY_NSUMS], md[COPY_NSUMS];
	const char		*t;
	size_t			 i;

	for (i = 0; i < COPY_NTABLES; i++) {
		t = copy_tables[i].name;
		if (strcmp(t, "audit") == 0)
			CHECK(q(dst, "SELECT count(*) FROM audit") ==
			    q(src, "SELECT count(*) FROM audit") + 1);
		else if (q(dst, fmt("SELECT count(*) FROM %s", t)) !=
		    q(src, fmt("SELECT count(*) FROM %s", t))) {
			fprintf(stderr, "rows of %s differ\n", t);
			CHECK(0);
		}
	}
	CHECK(q(dst, "SELECT count(*) FROM audit WHERE action = 'copy' AND "
	    "entity = 'store'") == q(src, "SELECT count(*) FROM audit WHERE "
	    "action = 'copy' AND entity = 'store'") + 1);
	sums(src, ms);
	sums(dst, md);
	for (i = 0; i < COPY_NSUMS; i++)
		CHECK(ms[i] == md[i]);
	/* the figures the source was built with */
	CHECK(md[0] == 3000000000LL + 8808 + 1);
	CHECK(md[2] == 2000000000LL + 123456);
	CHECK(md[4] == 100050 + 250000000);
	CHECK(md[1] == 100050 + 250000000 + 123456);
	CHECK(md[3] == md[0]);
	CHECK(md[5] == 123456789012LL);
	/* ids kept; the parent with the larger id; NULL, '' and odd text */
	CHECK(unit_child < unit_parent);
	CHECK(q(dst, fmt("SELECT parent_id FROM unit WHERE id = %lld",
	    (long long)unit_child)) == unit_parent);
	CHECK(q(dst, fmt("SELECT count(*) FROM unit WHERE id = %lld AND "
	    "parent_id IS NULL", (long long)unit_parent)) == 1);
	CHECK(q(dst, fmt("SELECT count(*) FROM unit_closure WHERE ancestor = "
	    "%lld AND descendant = %lld", (long long)unit_parent,
	    (long long)unit_child)) == 1);
	CHECK(q(dst, fmt("SELECT amount_fen FROM item WHERE id = %lld",
	    (long long)item_big)) == 3000000000LL);
	CHECK(q(dst, fmt("SELECT count(*) FROM item WHERE id = %lld AND "
	    "leader = ''", (long long)item_small)) == 1);
	CHECK(q(dst, fmt("SELECT count(*) FROM item WHERE id = %lld AND "
	    "leader IS NULL AND content IS NULL", (long long)item_big)) == 1);
	{
		const char *p[1] = { odd_title };
		CHECK(testdb_int(dst, "SELECT count(*) FROM item WHERE title = "
		    "$1", 1, p) == 1);
	}
	CHECK(q(dst, "SELECT count(*) FROM place WHERE old_area_class = "
	    "'一类老区' AND code = '140881100202'") == 1);
	CHECK(q(dst, "SELECT count(*) FROM meta WHERE key = 'copy-test' AND "
	    "value = '值 ''quoted'''") == 1);
	CHECK(q(dst, "SELECT count(*) FROM schema_migration") ==
	    q(src, "SELECT count(*) FROM schema_migration"));

	/* the attachments byte for byte */
	st = open_store(dst);
	pool = arena_new();
	CHECK(store_attachment_get(st, pool, att_bin, true, &a) == STORE_OK);
	CHECK(a.size == (int64_t)sizeof(bin) && a.data != NULL &&
	    memcmp(a.data, bin, sizeof(bin)) == 0);
	CHECK(a.item_id == item_big && strcmp(a.name, "路面.bin") == 0);
	CHECK(store_attachment_get(st, pool, att_empty, true, &a) == STORE_OK);
	CHECK(a.size == 0);
	CHECK(q(dst, fmt("SELECT count(*) FROM attachment WHERE id = %lld AND "
	    "data IS NOT NULL", (long long)att_empty)) == 1);
	arena_free(pool);
	store_close(st);
}

/* The copy at uri works through the API, and new rows get new ids. */
static void
check_usable(const char *uri)
{
	struct store	*st;
	struct res	 x;
	int64_t		 max_item, max_unit, max_audit, id;

	max_item = q(uri, "SELECT max(id) FROM item");
	max_unit = q(uri, "SELECT max(id) FROM unit");
	max_audit = q(uri, "SELECT max(id) FROM audit");
	st = open_store(uri);
	x = call(st, tok_admin, "GET", "/api/v1/me", NULL);
	CHECK(x.status == 200 && strcmp(jstr(json_object_get(x.j, "user"),
	    "login"), "admin") == 0);
	done(&x);
	x = call(st, tok_rep, "GET", fmt("/api/v1/items/%lld",
	    (long long)item_big), NULL);
	CHECK(x.status == 200 && strcmp(jstr(x.j, "title"),
	    "新源村通村道路硬化") == 0);
	CHECK(strcmp(jstr(x.j, "amount"), "30000000.00") == 0);
	done(&x);
	x = call(st, "0000000000000000000000000000000000000000000000000000000000"
	    "000000", "GET", "/api/v1/me", NULL);
	CHECK(x.status == 401);
	done(&x);
	/* the password hash came along: a login makes a new session */
	x = call(st, NULL, "POST", "/api/v1/session", "{\"login\":\"rep\","
	    "\"password\":\"Passw0rd-test\"}");
	CHECK(x.status == 200);
	done(&x);
	x = call(st, tok_admin, "POST", fmt("/api/v1/ledgers/%lld/items",
	    (long long)ledger_id), fmt("{\"title\":\"复制后新建\",\"places\":"
	    "[\"140881100202\"],\"amount\":\"1\",\"lead_unit_id\":%lld}",
	    (long long)unit_child));
	CHECK(x.status == 201);
	id = jint(x.j, "id");
	CHECK(id > max_item);
	CHECK(jint(x.j, "seq") == 4);	/* the ledger's next_seq came along */
	done(&x);
	x = call(st, tok_admin, "POST", "/api/v1/units", "{\"name\":"
	    "\"复制后单位\",\"kind\":\"理事单位\"}");
	CHECK(x.status == 201 && jint(x.j, "id") > max_unit);
	done(&x);
	CHECK(q(uri, "SELECT max(id) FROM audit") > max_audit);
	store_close(st);
}

/* Into a store that is not empty: refused, nothing written. */
static void
test_refusals(const char *src, const char *full)
{
	struct store	*st;
	const char	*one, *future, *half, *skew;
	char		 tok[AUTH_TOKEN_LEN + 1], err[1024];
	int64_t		 before;

	before = rows_all(full);
	CHECK(before > 0);
	CHECK(run_copy_err(src, full, err, sizeof(err)) == 1);
	CHECK(strstr(err, "不是空的") != NULL);
	CHECK(rows_all(full) == before);

	/* a store with nothing but one user */
	one = testdb_uri();
	st = open_store(one);
	mkuser(st, "alone", ROLE_VIEWER, 0, NULL, tok);
	store_close(st);
	CHECK(run_copy(src, one) == 1);
	CHECK(q(one, "SELECT count(*) FROM app_user") == 1);
	CHECK(q(one, "SELECT count(*) FROM place") == 0);

	/* another schema version */
	future = testdb_uri();
	st = open_store(future);
	store_close(st);
	CHECK(testdb_exec(future, "INSERT INTO schema_migration (version, "
	    "name, applied_at) VALUES (99, 'future', 0)") == 0);
	CHECK(run_copy(src, future) == 1);
	CHECK(q(future, "SELECT count(*) FROM place") == 0);

	/* a failure half way (the target refuses the second update of an
	 * item): everything rolled back, also what came before */
	half = testdb_uri();
	st = open_store(half);
	store_close(st);
	CHECK(testdb_exec(half, "CREATE UNIQUE INDEX copy_test_one ON "
	    "item_update (item_id)") == 0);
	CHECK(run_copy_err(src, half, err, sizeof(err)) == 1);
	CHECK(strstr(err, "无法写入表 item_update:") != NULL);
	CHECK(strcasestr(err, "unique") != NULL);	/* the engine's reason */
	CHECK(strchr(err, '\n') == err + strlen(err) - 1);	/* one line */
	CHECK(rows_all(half) == 0);
	/* without the obstacle the same target takes the copy */
	CHECK(testdb_exec(half, "DROP INDEX copy_test_one") == 0);
	CHECK(run_copy(src, half) == 0);
	CHECK(q(half, "SELECT count(*) FROM item") == q(src,
	    "SELECT count(*) FROM item"));

	/* a target that alters money on the way in (a trigger): the rows
	 * all arrive, the sums differ, the copy is rolled back */
	skew = testdb_uri();
	st = open_store(skew);
	store_close(st);
	CHECK(testdb_exec(skew, testdb_is_pg() ?
	    "CREATE FUNCTION copy_test_skew() RETURNS trigger LANGUAGE plpgsql "
	    "AS $$ BEGIN NEW.amount_fen := NEW.amount_fen + 1; RETURN NEW; "
	    "END $$; CREATE TRIGGER copy_test_skew BEFORE INSERT ON fund_line "
	    "FOR EACH ROW EXECUTE FUNCTION copy_test_skew()" :
	    "CREATE TRIGGER copy_test_skew AFTER INSERT ON fund_line BEGIN "
	    "UPDATE fund_line SET amount_fen = amount_fen + 1 WHERE id = "
	    "new.id; END") == 0);
	CHECK(run_copy_err(src, skew, err, sizeof(err)) == 1);
	CHECK(strstr(err, "fund_line.amount_fen 合计不一致") != NULL);
	CHECK(rows_all(skew) == 0);

	/* usage */
	{
		char *a1[] = { "copy", "--from", (char *)src, NULL };
		char *a2[] = { "copy", "--from", (char *)src, "--to",
		    (char *)src, NULL };
		char *a3[] = { "copy", "--bogus", NULL };
		char *a4[] = { "copy", "--to", (char *)half, "extra", NULL };
		optind = 0;
		CHECK(cmd_copy(3, a1) == 2);
		optind = 0;
		CHECK(cmd_copy(5, a2) == 2);
		optind = 0;
		CHECK(cmd_copy(2, a3) == 2);
		optind = 0;
		CHECK(cmd_copy(4, a4) == 2);
	}
	/* a source that does not exist */
	CHECK(run_copy(fmt("%s/none.db", testdb_dir()), testdb_uri()) == 1);
}

static void
test_redact(void)
{
	char b[256];

	copy_redact("postgresql://u:secret@db.example:5432/tz?sslmode=require&"
	    "password=x", b, sizeof(b));
	CHECK(strcmp(b, "postgresql://u@db.example:5432/tz") == 0);
	copy_redact("postgres://db.example/tz", b, sizeof(b));
	CHECK(strcmp(b, "postgres://db.example/tz") == 0);
	copy_redact("var/taizhang.db", b, sizeof(b));
	CHECK(strcmp(b, "var/taizhang.db") == 0);
	copy_redact("postgresql://u:secret@h/d", b, 8);
	CHECK(strcmp(b, "?") == 0);
}

static void
test_all(void)
{
	const char	*src, *dst, *mid;

	if (auth_init() == -1)
		xdie("auth_init");
	test_redact();
	src = testdb_uri();
	build_source(src);
	test_coverage(src);
	if (!testdb_is_pg()) {
		dst = testdb_uri();
		CHECK(run_copy(src, dst) == 0);
		check_same(src, dst);
		test_refusals(src, dst);
		check_usable(dst);
	} else {
		/* PostgreSQL -> SQLite -> PostgreSQL */
		mid = xasprintf("%s/mid.db", testdb_dir());
		CHECK(run_copy(src, mid) == 0);
		check_same(src, mid);
		dst = testdb_uri();
		CHECK(run_copy(mid, dst) == 0);
		check_same(mid, dst);
		test_refusals(src, dst);
		check_usable(dst);
		check_usable(mid);
		free((char *)mid);
	}
	testdb_done();
}

TEST_MAIN(TEST(test_all))
