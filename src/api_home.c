/*
 * The status of the system: as JSON for scripts, and as the first page
 * at / while the web UI is not built.
 */
#include <string.h>

#include "api.h"
#include "arena.h"
#include "buf.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "version.h"

struct counts {
	int64_t	places[6], units, users;
	int	schema;
};

static int
api_counts(struct req *r, struct counts *c)
{
	if (store_place_counts(r->store, c->places) != STORE_OK)
		return -1;
	c->units = store_unit_count(r->store);
	c->users = store_user_count(r->store);
	c->schema = store_schema_version(r->store);
	return 0;
}

/* GET /api/v1/status */
int
api_status(struct req *r)
{
	struct counts c;

	if (api_counts(r, &c) == -1)
		return reply_store_error(r, STORE_ERROR);
	return reply_json(r, 200, json_pack("{s:s, s:s, s:i, s:{s:I, s:I, s:I, "
	    "s:I, s:I, s:I}, s:I, s:I}",
	    "version", TAIZHANG_VERSION, "engine", store_engine(r->store),
	    "schema", c.schema, "places", "total", (json_int_t)c.places[0],
	    "province", (json_int_t)c.places[1], "city", (json_int_t)c.places[2],
	    "county", (json_int_t)c.places[3], "town", (json_int_t)c.places[4],
	    "village", (json_int_t)c.places[5], "units", (json_int_t)c.units,
	    "users", (json_int_t)c.users));
}

/* GET /  a plain Chinese page that shows the server works. */
int
api_home_page(struct req *r)
{
	static const char *const names[] = {
		"合计", "省级", "地级", "县级", "乡级", "村级"
	};
	struct counts	c;
	struct buf	b;
	char		*s;
	size_t		 n;
	int		 i;

	if (api_counts(r, &c) == -1)
		return reply_store_error(r, STORE_ERROR);
	buf_init(&b, 64 * 1024);
	buf_adds(&b, "<!doctype html>\n<html lang=\"zh-CN\"><head>"
	    "<meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"><title>台账 · 老区建设与民生实事工作台账系统"
	    "</title><style>body{font-family:\"Microsoft YaHei\",\"PingFang SC\","
	    "\"Noto Sans CJK SC\",sans-serif;margin:0;background:#f5f7fa;"
	    "color:#303133}header{background:#b71c1c;color:#fff;padding:16px 32px}"
	    "h1{margin:0;font-size:22px}main{max-width:880px;margin:24px auto;"
	    "padding:0 16px}section{background:#fff;border-radius:6px;"
	    "padding:16px 24px;margin-bottom:16px;box-shadow:0 1px 3px "
	    "rgba(0,0,0,.08)}table{border-collapse:collapse;width:100%}"
	    "td,th{border-bottom:1px solid #ebeef5;padding:8px;text-align:left}"
	    "td.n{text-align:right;font-variant-numeric:tabular-nums}"
	    "</style></head><body><header><h1>台账 · 老区建设与民生实事工作台账"
	    "</h1></header><main><section><p>服务运行正常。</p><table>");
	buf_printf(&b, "<tr><th>版本</th><td class=\"n\">%s</td></tr>"
	    "<tr><th>数据库</th><td class=\"n\">%s(结构版本 %d)</td></tr>"
	    "<tr><th>单位</th><td class=\"n\">%lld</td></tr>"
	    "<tr><th>用户</th><td class=\"n\">%lld</td></tr>",
	    TAIZHANG_VERSION, strcmp(store_engine(r->store), "sqlite") == 0 ?
	    "SQLite" : "PostgreSQL", c.schema, (long long)c.units,
	    (long long)c.users);
	buf_adds(&b, "</table></section><section><h2>行政区划</h2><table>");
	for (i = 1; i <= 5; i++)
		buf_printf(&b, "<tr><th>%s</th><td class=\"n\">%lld</td></tr>",
		    names[i], (long long)c.places[i]);
	buf_printf(&b, "<tr><th>%s</th><td class=\"n\">%lld</td></tr>",
	    names[0], (long long)c.places[0]);
	buf_adds(&b, "</table></section><section><p>接口说明:"
	    "<a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a></p>"
	    "</section></main></body></html>\n");
	s = buf_detach(&b, &n);
	arena_own(r->pool, s);
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	r->resp = s;
	r->resplen = n;
	req_add_header(r, "Cache-Control", "no-store");
	return 0;
}
