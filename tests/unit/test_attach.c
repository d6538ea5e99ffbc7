/*
 * Attachments and links: the multipart parser on good and hostile
 * bodies; uploads sniffed by their bytes, downloaded byte for byte with
 * safe headers, deleted by whom may; and the actions that turn a need
 * into a project, forward a suggestion, rectify a problem, each all or
 * nothing, with users of another county trying to cross.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "check.h"
#include "apitest.h"
#include "testdb.h"
#include "multipart.h"
#include "req.h"
#include "router.h"
#include "store.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static const char *dbpath;

static char	tok_admin[AUTH_TOKEN_LEN + 1], tok_sup_a[AUTH_TOKEN_LEN + 1];
static char	tok_sup_n[AUTH_TOKEN_LEN + 1], tok_rep[AUTH_TOKEN_LEN + 1];
static char	tok_rep2[AUTH_TOKEN_LEN + 1], tok_rep_n[AUTH_TOKEN_LEN + 1];
static char	tok_view[AUTH_TOKEN_LEN + 1];
static int64_t	unit_lcc, unit_jtj, unit_ng;
static int64_t	led_need, led_project, led_task, led_sugg, led_problem;
static int64_t	led_project_n;	/* a project ledger of 南岗区 */
static int64_t	item_a;		/* a need of 新源村, lead unit 交通局 */

#define BND	"----tzBoundary7MA4YWxkTrZu0gW"

static const unsigned char png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H',
	'D', 'R', '\r', '\n', '-', '-', 'x', 0, 0xff, '\r', '\n', '-', '-',
	'-', '-', 't', 'z', 0x00, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82
};
static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\n"
    "endobj\ntrailer\n<<>>\n%%EOF\n";

/* One request as the holder of tok with a raw body of type ctype. */
static struct res
raw(const char *tok, const char *method, const char *path, const char *ctype,
    const void *body, size_t len)
{
	struct req	*r;

	r = req_fake(st, &conf, method, path, NULL);
	if (body) {
		char *b = arena_alloc(r->pool, len + 1);
		memcpy(b, body, len);
		b[len] = '\0';
		r->body = b;
		r->bodylen = len;
	}
	r->headers[r->nheaders].key = "Authorization";
	r->headers[r->nheaders++].val = bearer(tok);
	if (ctype) {
		r->headers[r->nheaders].key = "Content-Type";
		r->headers[r->nheaders++].val = ctype;
	}
	return apitest_run(r);
}

static const char *
err_msg(const struct res *x)
{
	json_t *e = json_object_get(x->j, "error");
	const char *m = e ? json_string_value(json_object_get(e, "message")) :
	    NULL;

	return m ? m : "";
}

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static int64_t
jint(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* One integer from the store by SQL with up to two integer parameters
 * ($1, $2). */
static int64_t
sql_int(const char *q, int64_t a, int64_t b)
{
	char		 sa[24], sb[24];
	const char	*p[2] = { sa, sb };

	snprintf(sa, sizeof(sa), "%lld", (long long)a);
	snprintf(sb, sizeof(sb), "%lld", (long long)b);
	return testdb_int(dbpath, q, strstr(q, "$2") ? 2 : strstr(q, "$1") ?
	    1 : 0, p);
}

static int
sql_exec(const char *q)
{
	return testdb_exec(dbpath, q);
}

static int64_t
count_audit(const char *entity, const char *action)
{
	const char *p[2] = { entity, action };

	return testdb_int(dbpath, "SELECT count(*) FROM audit WHERE "
	    "entity = $1 AND action = $2", 2, p);
}

/* A multipart body under construction. */
struct mp {
	char	*b;
	size_t	 len, cap;
};

static void
mp_add(struct mp *m, const void *p, size_t n)
{
	if (m->len + n + 1 > m->cap) {
		m->cap = (m->len + n + 1) * 2;
		m->b = xrealloc(m->b, m->cap);
	}
	memcpy(m->b + m->len, p, n);
	m->len += n;
	m->b[m->len] = '\0';
}

static void
mp_adds(struct mp *m, const char *s)
{
	mp_add(m, s, strlen(s));
}

/* A part: disp is what follows "form-data; ", ctype may be NULL. */
static void
mp_part(struct mp *m, const char *disp, const char *ctype, const void *data,
    size_t n)
{
	mp_adds(m, "--" BND "\r\nContent-Disposition: form-data; ");
	mp_adds(m, disp);
	mp_adds(m, "\r\n");
	if (ctype) {
		mp_adds(m, "Content-Type: ");
		mp_adds(m, ctype);
		mp_adds(m, "\r\n");
	}
	mp_adds(m, "\r\n");
	mp_add(m, data, n);
	mp_adds(m, "\r\n");
}

static void
mp_end(struct mp *m)
{
	mp_adds(m, "--" BND "--\r\n");
}

static struct res
upload_as(const char *tok, int64_t item, const char *filename,
    const void *data, size_t n)
{
	struct mp	 m = { NULL, 0, 0 };
	struct res	 x;
	char		 path[64], disp[512];

	snprintf(disp, sizeof(disp), "name=\"file\"; filename=\"%s\"",
	    filename);
	mp_part(&m, disp, "application/octet-stream", data, n);
	mp_end(&m);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/attachments",
	    (long long)item);
	x = raw(tok, "POST", path, "multipart/form-data; boundary=" BND, m.b,
	    m.len);
	free(m.b);
	return x;
}

static int64_t
mkledger(const char *tok, const char *name, const char *kind,
    const char *region)
{
	struct res	x;
	char		body[256];
	int64_t		id;

	snprintf(body, sizeof(body), "{\"name\":\"%s\",\"kind\":\"%s\","
	    "\"region\":\"%s\"}", name, kind, region);
	x = AS(tok, "POST", "/api/v1/ledgers", body);
	if (x.status != 201)
		xdie("mkledger %s: %d %s", name, x.status, x.data);
	id = jint(x.j, "id");
	done(&x);
	return id;
}

/* A new item of ledger (fields: the JSON object's inside). */
static int64_t
mkitem(int64_t ledger, const char *fields)
{
	struct res	x;
	char		path[64];
	int64_t		id;

	snprintf(path, sizeof(path), "/api/v1/ledgers/%lld/items",
	    (long long)ledger);
	x = AS(tok_admin, "POST", path, fields);
	if (x.status != 201)
		xdie("mkitem %s: %d %s", fields, x.status, x.data);
	id = jint(x.j, "id");
	done(&x);
	return id;
}

static void
setup(void)
{
	char	body[512];

	dbpath = apitest_open(NULL, 0);
	unit_lcc = mkunit("永济市老促会", "老促会及分会", 0, "140881");
	unit_jtj = mkunit("永济市交通运输局", "理事单位", unit_lcc, "140881");
	unit_ng = mkunit("南岗区民生办", "党政部门", 0, "230103");
	mkuser("admin", ROLE_ADMIN, 0, NULL, tok_admin);
	mkuser("sup-a", ROLE_SUPERVISOR, unit_lcc, "140881", tok_sup_a);
	mkuser("sup-n", ROLE_SUPERVISOR, unit_ng, "230103", tok_sup_n);
	mkuser("rep", ROLE_REPORTER, unit_jtj, NULL, tok_rep);
	mkuser("rep2", ROLE_REPORTER, unit_jtj, NULL, tok_rep2);
	mkuser("rep-n", ROLE_REPORTER, unit_ng, "230103", tok_rep_n);
	mkuser("view", ROLE_VIEWER, 0, "140881", tok_view);
	if (store_commit(st) == -1)
		xdie("setup commit");

	led_need = mkledger(tok_sup_a, "2025年村需求清单", "need", "140881");
	led_project = mkledger(tok_sup_a, "2025年百村帮扶项目台账", "project",
	    "140881");
	led_task = mkledger(tok_sup_a, "永济市民生实事清单", "task", "140881");
	led_sugg = mkledger(tok_sup_a, "群众意见建议台账", "suggestion",
	    "140881");
	led_problem = mkledger(tok_sup_a, "巡回指导发现问题台账", "problem",
	    "140881");
	led_project_n = mkledger(tok_sup_n, "南岗区帮扶项目台账", "project",
	    "230103");
	snprintf(body, sizeof(body), "{\"title\":\"新源村通村道路硬化\","
	    "\"content\":\"村东2公里土路雨天难行\",\"category\":\"其他\","
	    "\"places\":[\"140881100202\"],\"amount\":\"500000.00\","
	    "\"lead_unit_id\":%lld,\"beneficiaries\":{\"households\":120}}",
	    (long long)unit_jtj);
	item_a = mkitem(led_need, body);
}

static void
test_multipart_boundary(void)
{
	char		b[MULTIPART_BOUNDARY_MAX + 1], longb[200];
	const char	*why;

	CHECK(multipart_boundary("multipart/form-data; boundary=abc", b,
	    &why) == 0 && strcmp(b, "abc") == 0);
	CHECK(multipart_boundary("Multipart/Form-Data;BOUNDARY=\"a b:c\"; "
	    "charset=utf-8", b, &why) == 0 && strcmp(b, "a b:c") == 0);
	CHECK(multipart_boundary("multipart/form-data; charset=utf-8", b,
	    &why) == -2 && strstr(why, "boundary") != NULL);
	CHECK(multipart_boundary("multipart/form-data; boundary=", b,
	    &why) == -2);
	CHECK(multipart_boundary("multipart/form-data; boundary=a<b", b,
	    &why) == -2);
	CHECK(multipart_boundary("multipart/form-data; boundary=\"ab ", b,
	    &why) == -2);
	CHECK(multipart_boundary("application/json", b, &why) == -1 &&
	    strstr(why, "multipart/form-data") != NULL);
	CHECK(multipart_boundary("multipart/form-dataX; boundary=a", b,
	    &why) == -1);
	CHECK(multipart_boundary(NULL, b, &why) == -1);
	memset(longb, 'x', 71);
	snprintf(longb + 71, sizeof(longb) - 71, "%s", "");
	{
		char ct[256];
		snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s",
		    longb);
		CHECK(multipart_boundary(ct, b, &why) == -2);
		ct[strlen(ct) - 1] = '\0';	/* 70: the most allowed */
		CHECK(multipart_boundary(ct, b, &why) == 0 && strlen(b) == 70);
	}
}

/* Parse s (NUL-terminated) with boundary BND. */
static int
parse(struct arena *a, const char *s, struct multipart *m, const char **why)
{
	return multipart_parse(a, s, strlen(s), BND, m, why);
}

static void
test_multipart_parse(void)
{
	struct arena			*a = arena_new();
	struct multipart		 m;
	struct mp			 b = { NULL, 0, 0 };
	const struct multipart_part	*p;
	static const char		 nul[] = "--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"a\0b\"\r\n\r\nx\r\n--"
	    BND "--";
	const char			*why = NULL;
	char				 disp[64];
	int				 i;

	/* a good body: a preamble, a file part with binary data, a field,
	 * transport padding after a delimiter, an epilogue */
	mp_adds(&b, "This is the preamble.\r\n");
	mp_part(&b, "name=\"file\"; filename=\"新源村.png\"", "image/png", png,
	    sizeof(png));
	mp_adds(&b, "--" BND "  \r\nContent-Disposition: form-data; "
	    "name=\"update_id\"\r\n\r\n12\r\n");
	mp_end(&b);
	mp_adds(&b, "epilogue, ignored");
	CHECK(multipart_parse(a, b.b, b.len, BND, &m, &why) == 0);
	CHECK(m.nparts == 2);
	p = multipart_get(&m, "file");
	CHECK(p && p->filename && strcmp(p->filename, "新源村.png") == 0);
	CHECK(p && p->ctype && strcmp(p->ctype, "image/png") == 0);
	CHECK(p && p->len == sizeof(png) && memcmp(p->data, png,
	    sizeof(png)) == 0);
	p = multipart_get(&m, "update_id");
	CHECK(p && p->filename == NULL && p->ctype == NULL && p->len == 2 &&
	    memcmp(p->data, "12", 2) == 0);
	CHECK(multipart_get(&m, "nothing") == NULL);
	CHECK(multipart_count(&m, "file") == 1);

	/* CRLF: the CRLF before a delimiter belongs to it, the data's own
	 * line ends stay; an empty part is empty */
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"t\"\r\n\r\nline1\r\nline2\r\n\r\n--" BND "\r\n"
	    "Content-Disposition: form-data; name=\"e\"\r\n\r\n\r\n--" BND
	    "--", &m, &why) == 0);
	CHECK(m.nparts == 2 && m.parts[0].len == 14 &&
	    memcmp(m.parts[0].data, "line1\r\nline2\r\n", 14) == 0);
	CHECK(m.parts[1].len == 0);
	/* bare LF line ends are refused */
	CHECK(parse(a, "--" BND "\nContent-Disposition: form-data; "
	    "name=\"t\"\n\nx\n--" BND "--\n", &m, &why) == -1);

	/* the boundary string inside the data, not at a line start or
	 * followed by other characters, is data */
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"t\"\r\n\r\nab--" BND "cd\r\n--" BND "xyz\r\n--" BND
	    "-z\r\n--" BND "--\r\n", &m, &why) == 0);
	CHECK(m.nparts == 1 && m.parts[0].len == strlen("ab--" BND "cd\r\n--"
	    BND "xyz\r\n--" BND "-z"));

	/* no boundary at all; truncated before the close; truncated in
	 * the headers */
	CHECK(parse(a, "just some text", &m, &why) == -1 &&
	    strstr(why, "分隔符") != NULL);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"t\"\r\n\r\nabc", &m, &why) == -1 &&
	    strstr(why, "不完整") != NULL);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-da", &m,
	    &why) == -1);
	CHECK(parse(a, "", &m, &why) == -1);
	/* only the close: no parts */
	CHECK(parse(a, "--" BND "--\r\n", &m, &why) == 0 && m.nparts == 0);

	/* a part without a name, without Content-Disposition, with a
	 * disposition other than form-data, with folded headers */
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "filename=\"a.pdf\"\r\n\r\nx\r\n--" BND "--", &m, &why) == -1 &&
	    strstr(why, "name") != NULL);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"\"\r\n\r\nx\r\n--" BND "--", &m, &why) == -1);
	CHECK(parse(a, "--" BND "\r\nContent-Type: text/plain\r\n\r\nx\r\n--"
	    BND "--", &m, &why) == -1 && strstr(why, "Content-Disposition"));
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: attachment; "
	    "name=\"x\"\r\n\r\nx\r\n--" BND "--", &m, &why) == -1);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data;\r\n "
	    "name=\"x\"\r\n\r\nx\r\n--" BND "--", &m, &why) == -1);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"x\r\n\r\nx\r\n--" BND "--", &m, &why) == -1);
	/* a NUL in the headers, bad UTF-8 in a name */
	CHECK(multipart_parse(a, nul, sizeof(nul) - 1, BND, &m, &why) == -1);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"\xff\"\r\n\r\nx\r\n--" BND "--", &m, &why) == -1);
	/* filename* (RFC 5987) wins over filename; escapes in quotes */
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"x.pdf\"; filename*=UTF-8''"
	    "%E5%8F%B0%E8%B4%A6.pdf\r\n\r\nx\r\n--" BND "--", &m, &why) == 0);
	CHECK(m.nparts == 1 && strcmp(m.parts[0].filename, "台账.pdf") == 0);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename=\"a\\\"b\\\\c\"\r\n\r\nx\r\n--" BND "--",
	    &m, &why) == 0 && strcmp(m.parts[0].filename, "a\"b\\c") == 0);
	CHECK(parse(a, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"f\"; filename*=latin1''x\r\n\r\nx\r\n--" BND "--", &m,
	    &why) == -1);

	/* sixteen parts are fine, seventeen too many */
	free(b.b);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < 16; i++) {
		snprintf(disp, sizeof(disp), "name=\"f%d\"", i);
		mp_part(&b, disp, NULL, "v", 1);
	}
	mp_end(&b);
	CHECK(multipart_parse(a, b.b, b.len, BND, &m, &why) == 0 &&
	    m.nparts == 16);
	free(b.b);
	memset(&b, 0, sizeof(b));
	for (i = 0; i < 17; i++) {
		snprintf(disp, sizeof(disp), "name=\"f%d\"", i);
		mp_part(&b, disp, NULL, "v", 1);
	}
	mp_end(&b);
	CHECK(multipart_parse(a, b.b, b.len, BND, &m, &why) == -1 &&
	    strstr(why, "16") != NULL);
	/* too many header lines in one part */
	free(b.b);
	memset(&b, 0, sizeof(b));
	mp_adds(&b, "--" BND "\r\nContent-Disposition: form-data; "
	    "name=\"x\"\r\n");
	for (i = 0; i < MULTIPART_HEADERS_MAX; i++)
		mp_adds(&b, "X-Pad: 1\r\n");
	mp_adds(&b, "\r\nv\r\n--" BND "--\r\n");
	CHECK(multipart_parse(a, b.b, b.len, BND, &m, &why) == -1);
	free(b.b);
	arena_free(a);
}

static void
test_upload_download(void)
{
	struct res	 x;
	char		 path[64], hex[65];
	unsigned char	 h[crypto_hash_sha256_BYTES];
	int64_t		 id_png, id_pdf;
	int64_t		 audits = count_audit("attachment", "create");
	json_t		*items;

	x = upload_as(tok_rep, item_a, "进展照片.png", png, sizeof(png));
	CHECK(x.status == 201);
	id_png = jint(x.j, "id");
	CHECK(strcmp(jstr(x.j, "name"), "进展照片.png") == 0);
	CHECK(strcmp(jstr(x.j, "mime"), "image/png") == 0);
	CHECK(jint(x.j, "size") == (int64_t)sizeof(png));
	crypto_hash_sha256(h, png, sizeof(png));
	util_hex(h, sizeof(h), hex);
	CHECK(strcmp(jstr(x.j, "sha256"), hex) == 0);
	CHECK(jint(x.j, "item_id") == item_a);
	done(&x);
	x = upload_as(tok_sup_a, item_a, "验收报告.PDF", pdf, sizeof(pdf) - 1);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "mime"),
	    "application/pdf") == 0);
	id_pdf = jint(x.j, "id");
	done(&x);
	CHECK(count_audit("attachment", "create") == audits + 2);
	/* the audit row holds the metadata, not the bytes */
	CHECK(sql_int("SELECT count(*) FROM audit WHERE entity = "
	    "'attachment' AND after_json LIKE '%sha256%' AND "
	    "after_json NOT LIKE '%PDF-1.4%' AND length(after_json) < 1000 "
	    "AND entity_id = CAST($1 AS TEXT)", id_pdf, 0) == 1);

	/* download: the same bytes, the type, a safe disposition */
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld",
	    (long long)id_png);
	x = AS(tok_view, "GET", path, NULL);
	CHECK(x.status == 200 && x.len == sizeof(png) &&
	    memcmp(x.data, png, sizeof(png)) == 0);
	CHECK(strcmp(x.ctype, "image/png") == 0);
	CHECK(strcmp(x.disp, "attachment; filename=\"attachment.png\"; "
	    "filename*=UTF-8''%E8%BF%9B%E5%B1%95%E7%85%A7%E7%89%87.png") == 0);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld",
	    (long long)id_pdf);
	x = AS(tok_rep, "GET", path, NULL);
	CHECK(x.status == 200 && x.len == sizeof(pdf) - 1 &&
	    memcmp(x.data, pdf, sizeof(pdf) - 1) == 0);
	CHECK(strcmp(x.ctype, "application/pdf") == 0);
	CHECK(strstr(x.disp, "filename*=UTF-8''%E9%AA%8C%E6%94%B6%E6%8A%A5"
	    "%E5%91%8A.PDF") != NULL);
	done(&x);

	/* the list */
	snprintf(path, sizeof(path), "/api/v1/items/%lld/attachments",
	    (long long)item_a);
	x = AS(tok_view, "GET", path, NULL);
	items = json_object_get(x.j, "items");
	CHECK(x.status == 200 && json_array_size(items) == 2);
	CHECK(jint(json_array_get(items, 0), "id") == id_png);
	CHECK(strcmp(jstr(json_array_get(items, 0), "sha256"), hex) == 0);
	CHECK(jint(json_array_get(items, 1), "size") ==
	    (int64_t)sizeof(pdf) - 1);
	CHECK(json_object_get(json_array_get(items, 0), "data") == NULL);
	CHECK(json_is_string(json_object_get(json_array_get(items, 0),
	    "created_at")));
	CHECK(json_is_integer(json_object_get(json_array_get(items, 0),
	    "created_by")));
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/attachments/999999", NULL);
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_view, "GET", "/api/v1/attachments/abc", NULL);
	CHECK(x.status == 400);
	done(&x);
}

static void
test_upload_refused(void)
{
	static const unsigned char zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8,
	    0 };
	static const unsigned char ole[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1,
	    0xb1, 0x1a, 0xe1, 0, 0 };
	static const char trunc[] = "--" BND "\r\nContent-Disposition: "
	    "form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc";
	struct res	 x;
	struct mp	 m = { NULL, 0, 0 };
	char		 path[64], longname[512];
	int64_t		 before, id;
	size_t		 i;

	before = sql_int("SELECT count(*) FROM attachment", 0, 0);
	/* an executable by name or by bytes */
	x = upload_as(tok_rep, item_a, "setup.exe", "MZ\x90\0\3", 5);
	CHECK(x.status == 415 && strcmp(err_code(&x), "unsupported_type") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "报告.pdf", "MZ\x90\0\3", 5);
	CHECK(x.status == 415);
	done(&x);
	x = upload_as(tok_rep, item_a, "报告.pdf.exe", pdf, sizeof(pdf) - 1);
	CHECK(x.status == 415 && strstr(err_msg(&x), ".exe") != NULL);
	done(&x);
	/* the extension contradicts the bytes */
	x = upload_as(tok_rep, item_a, "合同.pdf", png, sizeof(png));
	CHECK(x.status == 415 && strcmp(err_code(&x), "type_mismatch") == 0);
	CHECK(strstr(err_msg(&x), "PNG") != NULL);
	done(&x);
	x = upload_as(tok_rep, item_a, "page.html", "<script>alert(1)</script>",
	    25);
	CHECK(x.status == 415);
	done(&x);
	x = upload_as(tok_rep, item_a, "a.jar", zip, sizeof(zip));
	CHECK(x.status == 415);
	done(&x);
	x = upload_as(tok_rep, item_a, "a.txt", "ab\0cd", 5);
	CHECK(x.status == 415);
	done(&x);
	x = upload_as(tok_rep, item_a, "安装包", ole, sizeof(ole));
	CHECK(x.status == 415 && strcmp(err_code(&x), "unknown_type") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "空.txt", "", 0);
	CHECK(x.status == 400 && strcmp(err_code(&x), "empty_file") == 0);
	done(&x);
	CHECK(sql_int("SELECT count(*) FROM attachment", 0, 0) == before);

	/* zip-based office files by extension, old office, text */
	x = upload_as(tok_rep, item_a, "台账.xlsx", zip, sizeof(zip));
	CHECK(x.status == 201 && strstr(jstr(x.j, "mime"), "spreadsheetml"));
	done(&x);
	x = upload_as(tok_rep, item_a, "汇报.docx", zip, sizeof(zip));
	CHECK(x.status == 201 && strstr(jstr(x.j, "mime"), "wordprocessingml"));
	done(&x);
	x = upload_as(tok_rep, item_a, "旧表.xls", ole, sizeof(ole));
	CHECK(x.status == 201 && strcmp(jstr(x.j, "mime"),
	    "application/vnd.ms-excel") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "名单.csv", "村,户数\r\n新源,120\r\n",
	    strlen("村,户数\r\n新源,120\r\n"));
	CHECK(x.status == 201 && strcmp(jstr(x.j, "mime"),
	    "text/csv; charset=utf-8") == 0);
	done(&x);

	/* hostile names */
	x = upload_as(tok_rep, item_a, "../../etc/passwd", "root:x:0:0\n", 11);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "name"), "passwd") == 0);
	CHECK(strcmp(jstr(x.j, "mime"), "text/plain; charset=utf-8") == 0);
	id = jint(x.j, "id");
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld", (long long)id);
	x = AS(tok_rep, "GET", path, NULL);
	CHECK(strcmp(x.disp, "attachment; filename=\"passwd\"; "
	    "filename*=UTF-8''passwd") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "C:\\\\fakepath\\\\照片 1.jpg",
	    "\xff\xd8\xff\xe0", 4);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "name"), "照片 1.jpg") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "..", "x", 1);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "name"), "附件") == 0);
	done(&x);
	x = upload_as(tok_rep, item_a, "a<b>:c.txt", "x", 1);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "name"), "a_b__c.txt") == 0);
	done(&x);
	for (i = 0; i < 150; i++)
		memcpy(longname + 3 * i, "长", 3);
	memcpy(longname + 450, ".pdf", 5);
	x = upload_as(tok_rep, item_a, longname, pdf, sizeof(pdf) - 1);
	CHECK(x.status == 201 && util_utf8_len(jstr(x.j, "name"),
	    strlen(jstr(x.j, "name"))) == 100);
	CHECK(util_endswith(jstr(x.j, "name"), "长.pdf"));
	done(&x);
	/* control and bidi characters sent through filename*: a name
	 * that reads "abfdp.exe" reversed is stored without them */
	mp_part(&m, "name=\"file\"; filename*=UTF-8''a%01b%E2%80%AEfdp.txt",
	    NULL, "x", 1);
	mp_end(&m);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/attachments",
	    (long long)item_a);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    m.b, m.len);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "name"), "abfdp.txt") == 0);
	done(&x);
	free(m.b);
	memset(&m, 0, sizeof(m));

	/* bad requests: not multipart, no boundary, malformed, no file
	 * part, a field instead of a file, two files, a bad update_id */
	x = raw(tok_rep, "POST", path, "application/json", "{}", 2);
	CHECK(x.status == 415);
	done(&x);
	x = raw(tok_rep, "POST", path, "multipart/form-data", "x", 1);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_multipart") == 0);
	done(&x);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    trunc, strlen(trunc));
	CHECK(x.status == 400 && strstr(err_msg(&x), "不完整") != NULL);
	done(&x);
	mp_part(&m, "name=\"update_id\"", NULL, "1", 1);
	mp_end(&m);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    m.b, m.len);
	CHECK(x.status == 400 && strcmp(err_field(&x), "file") == 0);
	done(&x);
	free(m.b);
	memset(&m, 0, sizeof(m));
	mp_part(&m, "name=\"file\"", NULL, "abc", 3);
	mp_end(&m);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    m.b, m.len);
	CHECK(x.status == 400 && strcmp(err_code(&x), "not_a_file") == 0);
	done(&x);
	free(m.b);
	memset(&m, 0, sizeof(m));
	mp_part(&m, "name=\"file\"; filename=\"a.txt\"", NULL, "a", 1);
	mp_part(&m, "name=\"file\"; filename=\"b.txt\"", NULL, "b", 1);
	mp_end(&m);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    m.b, m.len);
	CHECK(x.status == 400 && strcmp(err_code(&x), "too_many_files") == 0);
	done(&x);
	free(m.b);
	memset(&m, 0, sizeof(m));
	mp_part(&m, "name=\"file\"; filename=\"a.txt\"", NULL, "a", 1);
	mp_part(&m, "name=\"update_id\"", NULL, "77777", 5);
	mp_end(&m);
	x = raw(tok_rep, "POST", path, "multipart/form-data; boundary=" BND,
	    m.b, m.len);
	CHECK(x.status == 400 && strcmp(err_field(&x), "update_id") == 0);
	done(&x);
	free(m.b);
	/* the route takes 20 MiB, other routes 1 MiB */
	CHECK(router_body_max("POST", path) == 20 * 1024 * 1024);
	CHECK(router_body_max("POST", "/api/v1/items/1/to-project") == 65536);
}

static void
test_attach_scope(void)
{
	struct res	x;
	char		path[64];
	int64_t		id;

	/* other counties neither see nor add */
	x = upload_as(tok_sup_n, item_a, "a.png", png, sizeof(png));
	CHECK(x.status == 404);
	done(&x);
	x = upload_as(tok_rep_n, item_a, "a.png", png, sizeof(png));
	CHECK(x.status == 404);
	done(&x);
	/* a viewer sees but may not add */
	x = upload_as(tok_view, item_a, "a.png", png, sizeof(png));
	CHECK(x.status == 403);
	done(&x);
	x = upload_as(tok_rep, item_a, "a.png", png, sizeof(png));
	CHECK(x.status == 201);
	id = jint(x.j, "id");
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld", (long long)id);
	x = AS(tok_sup_n, "GET", path, NULL);
	CHECK(x.status == 404 && x.len < 200 && memcmp(x.data, png, 4) != 0);
	done(&x);
	x = AS(tok_rep_n, "GET", path, NULL);
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_sup_n, "DELETE", path, NULL);
	CHECK(x.status == 404);
	done(&x);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/attachments",
	    (long long)item_a);
	x = AS(tok_sup_n, "GET", path, NULL);
	CHECK(x.status == 404);
	done(&x);
}

static void
test_attach_delete(void)
{
	struct res	x;
	char		path[64], q[128];
	int64_t		own, other, dels = count_audit("attachment", "delete");

	x = upload_as(tok_rep, item_a, "现场.png", png, sizeof(png));
	own = jint(x.j, "id");
	done(&x);
	x = upload_as(tok_rep, item_a, "旧照.png", png, sizeof(png));
	other = jint(x.j, "id");
	done(&x);
	/* another reporter of the same unit, a viewer: refused */
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld", (long long)own);
	x = AS(tok_rep2, "DELETE", path, NULL);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_view, "DELETE", path, NULL);
	CHECK(x.status == 403);
	done(&x);
	/* the uploader within a day */
	x = AS(tok_rep, "DELETE", path, NULL);
	CHECK(x.status == 204);
	done(&x);
	x = AS(tok_rep, "GET", path, NULL);
	CHECK(x.status == 404);
	done(&x);
	/* not after a day; a supervisor in scope always */
	snprintf(q, sizeof(q), "UPDATE attachment SET created_at = "
	    "created_at - 2 * 86400 WHERE id = %lld", (long long)other);
	CHECK(sql_exec(q) == 0);
	snprintf(path, sizeof(path), "/api/v1/attachments/%lld",
	    (long long)other);
	x = AS(tok_rep, "DELETE", path, NULL);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_a, "DELETE", path, NULL);
	CHECK(x.status == 204);
	done(&x);
	x = AS(tok_sup_a, "DELETE", path, NULL);
	CHECK(x.status == 404);
	done(&x);
	CHECK(count_audit("attachment", "delete") == dels + 2);
	CHECK(sql_int("SELECT count(*) FROM attachment WHERE id IN ($1, $2)",
	    own, other) == 0);
}

/* The links of item id as seen by tok. */
static json_t *
links_of(const char *tok, int64_t id)
{
	struct res	 x;
	char		 path[64];
	json_t		*items;

	snprintf(path, sizeof(path), "/api/v1/items/%lld/links", (long long)id);
	x = AS(tok, "GET", path, NULL);
	items = json_incref(json_object_get(x.j, "items"));
	done(&x);
	return items;
}

static const char *
state_of(int64_t id)
{
	static char	 b[4][64];
	static int	 i;
	struct res	 x;
	char		 path[64];

	i = (i + 1) % 4;
	snprintf(path, sizeof(path), "/api/v1/items/%lld", (long long)id);
	x = AS(tok_admin, "GET", path, NULL);
	util_strlcpy(b[i], jstr(x.j, "state"), sizeof(b[i]));
	done(&x);
	return b[i];
}

static int64_t
items_in(int64_t ledger)
{
	return sql_int("SELECT count(*) FROM item WHERE ledger_id = $1",
	    ledger, 0);
}

static void
test_to_project(void)
{
	struct res	 x;
	char		 path[64], body[256];
	json_t		*item, *src, *links, *l, *places;
	int64_t		 pid, need2, aud = count_audit("item", "to_project");
	int64_t		 nprojects = items_in(led_project);

	snprintf(path, sizeof(path), "/api/v1/items/%lld/to-project",
	    (long long)item_a);
	/* a reporter, another county: refused */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_project);
	x = AS(tok_rep, "POST", path, body);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_n, "POST", path, body);
	CHECK(x.status == 404);
	done(&x);
	/* the target must be a project ledger, and be given */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_task);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_ledger_kind") == 0);
	CHECK(strcmp(err_field(&x), "ledger_id") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", path, "{}");
	CHECK(x.status == 400 && strcmp(err_field(&x), "ledger_id") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", path, "{\"ledger_id\":99999}");
	CHECK(x.status == 400);
	done(&x);
	/* a project ledger of another county: out of scope for sup-a */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_project_n);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 403);
	done(&x);
	CHECK(items_in(led_project) == nprojects);
	CHECK(strcmp(state_of(item_a), "提出") == 0);

	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"title\":"
	    "\"新源村通村道路硬化工程\"}", (long long)led_project);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 201);
	item = json_object_get(x.j, "item");
	src = json_object_get(x.j, "source");
	pid = jint(item, "id");
	CHECK(jint(item, "ledger_id") == led_project);
	CHECK(strcmp(jstr(item, "title"), "新源村通村道路硬化工程") == 0);
	CHECK(strcmp(jstr(item, "content"), "村东2公里土路雨天难行") == 0);
	CHECK(strcmp(jstr(item, "category"), "其他") == 0);
	CHECK(strcmp(jstr(item, "state"), "申报") == 0);
	CHECK(strcmp(jstr(item, "amount"), "500000.00") == 0);
	CHECK(jint(json_object_get(item, "lead_unit"), "id") == unit_jtj);
	CHECK(jint(json_object_get(item, "beneficiaries"), "households") ==
	    120);
	places = json_object_get(item, "places");
	CHECK(json_array_size(places) == 1 && strcmp(jstr(json_array_get(
	    places, 0), "code"), "140881100202") == 0);
	CHECK(strcmp(jstr(json_array_get(places, 0), "share"),
	    "500000.00") == 0);
	CHECK(strcmp(jstr(src, "state"), "已立项") == 0);
	CHECK(strcmp(jstr(json_object_get(x.j, "link"), "kind"),
	    "satisfies") == 0);
	done(&x);
	CHECK(items_in(led_project) == nprojects + 1);
	CHECK(strcmp(state_of(item_a), "已立项") == 0);
	CHECK(count_audit("item", "to_project") == aud + 1);
	CHECK(sql_int("SELECT count(*) FROM item_event WHERE item_id = $1 AND "
	    "kind = 'transition' AND from_state = '提出' AND to_state = "
	    "'已立项'", item_a, 0) == 1);

	/* the link from both sides */
	links = links_of(tok_view, item_a);
	CHECK(json_array_size(links) == 1);
	l = json_array_get(links, 0);
	CHECK(strcmp(jstr(l, "kind"), "satisfies") == 0 &&
	    strcmp(jstr(l, "kind_label"), "满足") == 0 &&
	    strcmp(jstr(l, "direction"), "out") == 0);
	CHECK(jint(json_object_get(l, "item"), "id") == pid &&
	    jint(json_object_get(l, "item"), "ledger_id") == led_project &&
	    strcmp(jstr(json_object_get(l, "item"), "state"), "申报") == 0);
	json_decref(links);
	links = links_of(tok_sup_a, pid);
	l = json_array_get(links, 0);
	CHECK(json_array_size(links) == 1 && strcmp(jstr(l, "direction"),
	    "in") == 0 && jint(json_object_get(l, "item"), "id") == item_a &&
	    strcmp(jstr(json_object_get(l, "item"), "state"), "已立项") == 0);
	json_decref(links);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/links",
	    (long long)item_a);
	x = AS(tok_sup_n, "GET", path, NULL);
	CHECK(x.status == 404);
	done(&x);

	/* again: the need is no longer 提出 or 认领 */
	snprintf(path, sizeof(path), "/api/v1/items/%lld/to-project",
	    (long long)item_a);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_project);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "wrong_state") == 0);
	CHECK(strstr(err_msg(&x), "已立项") != NULL);
	done(&x);
	/* a project is not a need */
	snprintf(path, sizeof(path), "/api/v1/items/%lld/to-project",
	    (long long)pid);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "wrong_kind") == 0);
	done(&x);

	/* a need in 认领 with the amount and lead unit given */
	need2 = mkitem(led_need, "{\"title\":\"虞乡村饮水管网改造\","
	    "\"category\":\"饮水安全\",\"state\":\"认领\","
	    "\"places\":[\"140881100200\"]}");
	snprintf(path, sizeof(path), "/api/v1/items/%lld/to-project",
	    (long long)need2);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_field(&x), "lead_unit_id") == 0);
	done(&x);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"amount\":"
	    "\"80000.50\",\"lead_unit_id\":%lld,\"deadline\":\"2025-11-30\"}",
	    (long long)led_project, (long long)unit_lcc);
	x = AS(tok_sup_a, "POST", path, body);
	item = json_object_get(x.j, "item");
	CHECK(x.status == 201 && strcmp(jstr(item, "amount"), "80000.50") == 0);
	CHECK(jint(json_object_get(item, "lead_unit"), "id") == unit_lcc);
	CHECK(strcmp(jstr(item, "deadline"), "2025-11-30") == 0);
	/* 饮水安全 is not in the project ledger's categories */
	CHECK(json_is_null(json_object_get(item, "category")));
	done(&x);
	CHECK(strcmp(state_of(need2), "已立项") == 0);
}

static void
test_nothing_half_made(void)
{
	struct res	 x;
	char		 path[64], body[256];
	int64_t		 need, v0, nn = items_in(led_project_n);
	int64_t		 np = items_in(led_project), aud, links;

	need = mkitem(led_need, "{\"title\":\"新源村文化广场\",\"places\":"
	    "[\"140881100202\"],\"amount\":\"100000.00\"}");
	v0 = sql_int("SELECT version FROM item WHERE id = $1", need, 0);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/to-project",
	    (long long)need);
	/* a project ledger whose region excludes the need's village */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"lead_unit_id\":"
	    "%lld}", (long long)led_project_n, (long long)unit_jtj);
	x = AS(tok_admin, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_code(&x), "out_of_region") == 0);
	CHECK(strstr(err_msg(&x), "新源村委会") != NULL);
	done(&x);
	CHECK(items_in(led_project_n) == nn);
	CHECK(strcmp(state_of(need), "提出") == 0);

	/* a failure after the project was written (the link refused by
	 * the engine): the project, the state and the audit roll back */
	aud = sql_int("SELECT count(*) FROM audit", 0, 0);
	links = sql_int("SELECT count(*) FROM item_link", 0, 0);
	/* a fault injected into the last step of the flow */
	CHECK(sql_exec(testdb_is_pg() ?
	    "CREATE FUNCTION test_fail() RETURNS trigger LANGUAGE plpgsql AS "
	    "$f$ BEGIN RAISE EXCEPTION 'injected'; END $f$; "
	    "CREATE TRIGGER test_fail BEFORE INSERT ON item_link "
	    "FOR EACH ROW EXECUTE FUNCTION test_fail()" :
	    "CREATE TRIGGER test_fail BEFORE INSERT ON item_link "
	    "BEGIN SELECT RAISE(ABORT, 'injected'); END") == 0);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"lead_unit_id\":"
	    "%lld}", (long long)led_project, (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status >= 400 && json_object_get(x.j, "error") != NULL);
	done(&x);
	CHECK(sql_exec(testdb_is_pg() ? "DROP TRIGGER test_fail ON item_link" :
	    "DROP TRIGGER test_fail") == 0);
	CHECK(items_in(led_project) == np);
	CHECK(strcmp(state_of(need), "提出") == 0);
	CHECK(sql_int("SELECT version FROM item WHERE id = $1", need, 0) == v0);
	CHECK(sql_int("SELECT count(*) FROM audit", 0, 0) == aud);
	CHECK(sql_int("SELECT count(*) FROM item_link", 0, 0) == links);
	CHECK(sql_int("SELECT count(*) FROM item_event WHERE item_id = $1",
	    need, 0) == 0);
	/* and with the engine well again it goes through */
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 201);
	done(&x);
	CHECK(items_in(led_project) == np + 1);
}

static void
test_forward(void)
{
	struct res	 x;
	char		 path[64], body[256];
	json_t		*item, *links;
	int64_t		 sugg, late, tid, nt = items_in(led_task);

	sugg = mkitem(led_sugg, "{\"title\":\"新源村路灯不亮\",\"content\":"
	    "\"村口三盏路灯坏了两个月\",\"places\":[\"140881100202\"]}");
	snprintf(path, sizeof(path), "/api/v1/items/%lld/forward",
	    (long long)sugg);
	/* a task ledger needs a lead unit and a deadline */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"deadline\":"
	    "\"2025-12-31\"}", (long long)led_task);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_field(&x), "lead_unit_id") == 0);
	done(&x);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"lead_unit_id\":"
	    "%lld}", (long long)led_task, (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_field(&x), "deadline") == 0);
	done(&x);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"lead_unit_id\":"
	    "%lld,\"deadline\":\"2025-12-31\"}", (long long)led_project,
	    (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_ledger_kind") == 0);
	done(&x);
	CHECK(items_in(led_task) == nt);
	CHECK(strcmp(state_of(sugg), "受理") == 0);

	snprintf(body, sizeof(body), "{\"ledger_id\":%lld,\"lead_unit_id\":"
	    "%lld,\"deadline\":\"2025-12-31\"}", (long long)led_task,
	    (long long)unit_jtj);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 201);
	item = json_object_get(x.j, "item");
	tid = jint(item, "id");
	CHECK(jint(item, "ledger_id") == led_task);
	CHECK(strcmp(jstr(item, "state"), "交办") == 0);
	CHECK(strcmp(jstr(item, "title"), "新源村路灯不亮") == 0);
	CHECK(strcmp(jstr(item, "content"), "村口三盏路灯坏了两个月") == 0);
	CHECK(strcmp(jstr(item, "deadline"), "2025-12-31") == 0);
	CHECK(json_array_size(json_object_get(item, "places")) == 1);
	CHECK(strcmp(jstr(json_object_get(x.j, "source"), "state"), "分办") == 0);
	done(&x);
	CHECK(items_in(led_task) == nt + 1);
	CHECK(strcmp(state_of(sugg), "分办") == 0);
	links = links_of(tok_sup_a, tid);
	CHECK(json_array_size(links) == 1 && strcmp(jstr(json_array_get(links,
	    0), "kind_label"), "转办") == 0 && strcmp(jstr(json_array_get(
	    links, 0), "direction"), "in") == 0);
	json_decref(links);
	/* forwarded already */
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "wrong_state") == 0);
	done(&x);
	/* a suggestion being handled cannot be forwarded again */
	late = mkitem(led_sugg, "{\"title\":\"垃圾清运不及时\",\"content\":"
	    "\"每周只清运一次\",\"state\":\"办理\"}");
	snprintf(path, sizeof(path), "/api/v1/items/%lld/forward",
	    (long long)late);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409);
	done(&x);
	/* a need cannot be forwarded */
	snprintf(path, sizeof(path), "/api/v1/items/%lld/forward",
	    (long long)item_a);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "wrong_kind") == 0);
	done(&x);
}

static void
test_rectify(void)
{
	struct res	 x;
	char		 path[64], body[256];
	json_t		*item, *links;
	int64_t		 prob, nt = items_in(led_task);

	snprintf(body, sizeof(body), "{\"title\":\"项目资金拨付滞后\","
	    "\"lead_unit_id\":%lld,\"deadline\":\"2025-10-31\",\"places\":"
	    "[\"140881100\"]}", (long long)unit_jtj);
	prob = mkitem(led_problem, body);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/rectify",
	    (long long)prob);
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_need);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_code(&x), "bad_ledger_kind") == 0);
	done(&x);
	/* lead unit and deadline default to the problem's */
	snprintf(body, sizeof(body), "{\"ledger_id\":%lld}",
	    (long long)led_task);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 201);
	item = json_object_get(x.j, "item");
	CHECK(jint(item, "ledger_id") == led_task);
	CHECK(jint(json_object_get(item, "lead_unit"), "id") == unit_jtj);
	CHECK(strcmp(jstr(item, "deadline"), "2025-10-31") == 0);
	CHECK(strcmp(jstr(json_object_get(x.j, "source"), "state"),
	    "整改中") == 0);
	done(&x);
	CHECK(items_in(led_task) == nt + 1);
	CHECK(strcmp(state_of(prob), "整改中") == 0);
	links = links_of(tok_sup_a, prob);
	CHECK(json_array_size(links) == 1 && strcmp(jstr(json_array_get(links,
	    0), "kind"), "rectifies") == 0 && strcmp(jstr(json_array_get(
	    links, 0), "kind_label"), "整改") == 0);
	json_decref(links);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strstr(err_msg(&x), "发现") != NULL);
	done(&x);
	CHECK(items_in(led_task) == nt + 1);
}

static void
test_continues(void)
{
	struct res	 x;
	char		 path[64], body[128];
	json_t		*links;
	int64_t		 p1, p2, pn, aud = count_audit("item_link", "create");
	const char	*proj = "{\"title\":\"%s\",\"places\":[\"140881100202\"],"
	    "\"amount\":\"1000.00\",\"lead_unit_id\":%lld}";

	snprintf(body, sizeof(body), proj, "一期道路", (long long)unit_jtj);
	p1 = mkitem(led_project, body);
	snprintf(body, sizeof(body), proj, "二期道路", (long long)unit_jtj);
	p2 = mkitem(led_project, body);
	snprintf(path, sizeof(path), "/api/v1/items/%lld/links", (long long)p2);
	snprintf(body, sizeof(body), "{\"to_item\":%lld,\"kind\":\"satisfies\"}",
	    (long long)p1);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400 && strcmp(err_field(&x), "kind") == 0);
	done(&x);
	snprintf(body, sizeof(body), "{\"to_item\":%lld,\"kind\":\"continues\"}",
	    (long long)p2);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 400);
	done(&x);
	snprintf(body, sizeof(body), "{\"to_item\":%lld,\"kind\":\"continues\"}",
	    (long long)item_a);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "wrong_kind") == 0);
	done(&x);
	snprintf(body, sizeof(body), "{\"to_item\":%lld,\"kind\":\"continues\"}",
	    (long long)p1);
	x = AS(tok_sup_n, "POST", path, body);
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_rep, "POST", path, body);
	CHECK(x.status == 403);
	done(&x);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 201 && strcmp(jstr(x.j, "kind_label"), "续建") == 0);
	done(&x);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 409 && strcmp(err_code(&x), "link_exists") == 0);
	done(&x);
	CHECK(count_audit("item_link", "create") == aud + 1);
	links = links_of(tok_view, p1);
	CHECK(json_array_size(links) == 1 && strcmp(jstr(json_array_get(links,
	    0), "direction"), "in") == 0 && strcmp(jstr(json_array_get(links,
	    0), "kind"), "continues") == 0);
	json_decref(links);
	links = links_of(tok_view, p2);
	CHECK(json_array_size(links) == 1 && strcmp(jstr(json_array_get(links,
	    0), "direction"), "out") == 0);
	json_decref(links);
	/* a project the caller may not see is neither linked nor listed */
	snprintf(body, sizeof(body), "{\"title\":\"南岗项目\",\"places\":"
	    "[\"230103001001\"],\"amount\":\"1.00\",\"lead_unit_id\":%lld}",
	    (long long)unit_ng);
	pn = mkitem(led_project_n, body);
	snprintf(body, sizeof(body), "{\"to_item\":%lld,\"kind\":\"continues\"}",
	    (long long)pn);
	x = AS(tok_sup_a, "POST", path, body);
	CHECK(x.status == 404);
	done(&x);
	x = AS(tok_admin, "POST", path, body);
	CHECK(x.status == 201);
	done(&x);
	links = links_of(tok_sup_a, p2);
	CHECK(json_array_size(links) == 1);
	json_decref(links);
	links = links_of(tok_admin, p2);
	CHECK(json_array_size(links) == 2);
	json_decref(links);
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
	test_multipart_boundary();
	test_multipart_parse();
	setup();
	test_upload_download();
	test_upload_refused();
	test_attach_scope();
	test_attach_delete();
	test_to_project();
	test_nothing_half_made();
	test_forward();
	test_rectify();
	test_continues();
	teardown();
}

TEST_MAIN(TEST(test_all))
