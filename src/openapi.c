/*
 * The OpenAPI 3 description, made from the route table so that it
 * cannot miss a route.  Request and reply bodies are described in
 * docs/api.md; money travels as decimal strings in 元 (yuan).
 */
#include <string.h>

#include "api.h"
#include "arena.h"
#include "router.h"
#include "version.h"

/* "/api/v1/places/:code" -> "/places/{code}", params into arr */
static const char *
openapi_path(struct req *r, const char *pattern, json_t *params)
{
	char		*out, *o;
	const char	*p = pattern + strlen("/api/v1");

	out = o = arena_alloc(r->pool, strlen(p) * 2 + 1);
	while (*p) {
		if (*p == ':') {
			const char *s = ++p;
			while (*p && *p != '/')
				p++;
			*o++ = '{';
			memcpy(o, s, (size_t)(p - s));
			o += p - s;
			*o++ = '}';
			json_array_append_new(params, json_pack(
			    "{s:s%, s:s, s:b, s:{s:s}}", "name", s,
			    (size_t)(p - s), "in", "path", "required", 1,
			    "schema", "type", "string"));
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

int
api_openapi(struct req *r)
{
	json_t	*paths, *item, *op, *params, *resp;
	char	 method[16];
	size_t	 i, k;

	paths = json_object();
	for (i = 0; i < routes_count; i++) {
		const struct route *rt = &routes[i];
		const char *path;

		params = json_array();
		path = openapi_path(r, rt->pattern, params);
		if ((item = json_object_get(paths, path)) == NULL) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		for (k = 0; rt->method[k] && k < sizeof(method) - 1; k++)
			method[k] = (char)(rt->method[k] | 0x20);
		method[k] = '\0';
		resp = json_pack("{s:{s:s}, s:{s:s}}",
		    "200", "description", "成功",
		    "default", "description",
		    "错误:{\"error\":{\"code\",\"message\",\"field\"}}");
		op = json_pack("{s:s, s:[s], s:o, s:o}", "summary", rt->summary,
		    "tags", rt->tag, "parameters", params, "responses", resp);
		if (rt->role != ROLE_NONE)
			json_object_set_new(op, "x-required-role",
			    json_string(role_name(rt->role)));
		else
			json_object_set_new(op, "security", json_array());
		json_object_set_new(item, method, op);
	}
	return reply_json(r, 200, json_pack("{s:s, s:{s:s, s:s, s:s}, "
	    "s:[{s:s}], s:o, s:{s:{s:{s:s, s:s, s:s}, s:{s:s, s:s}}}, "
	    "s:[{s:[]}, {s:[]}]}",
	    "openapi", "3.0.3",
	    "info", "title", "taizhang 台账 API", "version", TAIZHANG_VERSION,
	    "description", "老区建设与民生实事工作台账系统接口。金额以元为单位的"
	    "十进制字符串传递;写操作须带CSRF令牌(X-CSRF-Token)或API令牌。",
	    "servers", "url", "/api/v1",
	    "paths", paths,
	    "components", "securitySchemes",
	    "cookie", "type", "apiKey", "in", "cookie", "name", SESSION_COOKIE,
	    "bearer", "type", "http", "scheme", "bearer",
	    "security", "cookie", "bearer"));
}
