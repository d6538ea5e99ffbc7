#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "req.h"
#include "store.h"
#include "util.h"

struct req *
req_fake(struct store *st, const struct server_conf *conf, const char *method,
    const char *path, const char *body)
{
	struct req *r;

	r = xcalloc(1, sizeof(*r));
	r->pool = arena_new();
	r->store = st;
	r->conf = conf;
	r->method = arena_strdup(r->pool, method);
	r->path = arena_strdup(r->pool, path);
	r->ip = "127.0.0.1";
	if (body) {
		r->body = arena_strdup(r->pool, body);
		r->bodylen = strlen(body);
		r->headers[r->nheaders].key = "Content-Type";
		r->headers[r->nheaders++].val = "application/json";
	}
	return r;
}

void
req_free(struct req *r)
{
	if (r == NULL)
		return;
	arena_free(r->pool);
	free(r);
}

static const char *
req_kv(const struct kv *kv, size_t n, const char *key, bool nocase)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((nocase ? strcasecmp(kv[i].key, key) :
		    strcmp(kv[i].key, key)) == 0)
			return kv[i].val;
	return NULL;
}

const char *
req_header(const struct req *r, const char *key)
{
	return req_kv(r->headers, r->nheaders, key, true);
}

const char *
req_query(const struct req *r, const char *key)
{
	return req_kv(r->query, r->nquery, key, false);
}

const char *
req_param(const struct req *r, const char *key)
{
	return req_kv(r->params, r->nparams, key, false);
}

const char *
req_cookie(const struct req *r, const char *name)
{
	const char	*h, *p, *end;
	size_t		 nl;

	if ((h = req_header(r, "Cookie")) == NULL)
		return NULL;
	nl = strlen(name);
	for (p = h; *p; ) {
		while (*p == ' ' || *p == ';')
			p++;
		end = strchr(p, ';');
		if (end == NULL)
			end = p + strlen(p);
		if ((size_t)(end - p) > nl && strncmp(p, name, nl) == 0 &&
		    p[nl] == '=')
			return arena_strndup(r->pool, p + nl + 1,
			    (size_t)(end - p) - nl - 1);
		p = end;
	}
	return NULL;
}

int
req_param_id(const struct req *r, const char *key, int64_t *out)
{
	const char *v;

	if ((v = req_param(r, key)) == NULL || util_parse_int64(v, out) == -1 ||
	    *out <= 0)
		return -1;
	return 0;
}

int
req_query_int(struct req *r, const char *key, int64_t lo, int64_t hi,
    int64_t def, int64_t *out)
{
	const char	*v;
	char		*msg;

	if ((v = req_query(r, key)) == NULL || *v == '\0') {
		*out = def;
		return 0;
	}
	if (util_parse_int64(v, out) == -1 || *out < lo || *out > hi) {
		msg = arena_printf(r->pool, "参数 %s 应为 %lld 到 %lld 之间的整数",
		    key, (long long)lo, (long long)hi);
		reply_error_field(r, 400, "bad_query", msg, key);
		return -1;
	}
	return 0;
}

void
req_add_header(struct req *r, const char *k, const char *v)
{
	if (r->nresp_headers >= NELEM(r->resp_headers))
		xdie("too many reply headers");
	r->resp_headers[r->nresp_headers].key = arena_strdup(r->pool, k);
	r->resp_headers[r->nresp_headers++].val = arena_strdup(r->pool, v);
}

/* Nesting depth of JSON text, ignoring brackets inside strings. */
static int
req_json_depth(const char *s, size_t n)
{
	int	depth = 0, max = 0;
	bool	str = false;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (str) {
			if (s[i] == '\\')
				i++;
			else if (s[i] == '"')
				str = false;
		} else if (s[i] == '"')
			str = true;
		else if (s[i] == '{' || s[i] == '[') {
			if (++depth > max)
				max = depth;
		} else if (s[i] == '}' || s[i] == ']')
			depth--;
	}
	return max;
}

static void
req_json_free(void *p)
{
	json_decref((json_t *)p);
}

int
req_json_body(struct req *r, json_t **out)
{
	const char	*ct;
	json_t		*j;
	json_error_t	 e;
	char		*msg;

	*out = NULL;
	if (r->body_too_big || r->bodylen > REQ_BODY_MAX)
		return reply_error(r, 413, "too_large",
		    "请求内容过大,不能超过1MB"), -1;
	ct = req_header(r, "Content-Type");
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0)
		return reply_error(r, 415, "unsupported_media_type",
		    "请求内容须为JSON格式(Content-Type: application/json)"), -1;
	if (r->bodylen == 0)
		return reply_error(r, 400, "empty_body", "请求内容为空"), -1;
	if (!util_utf8_valid(r->body, r->bodylen))
		return reply_error(r, 400, "bad_utf8",
		    "请求内容含有无效的UTF-8字符"), -1;
	if (req_json_depth(r->body, r->bodylen) > REQ_JSON_DEPTH)
		return reply_error(r, 400, "too_deep",
		    "请求内容嵌套层级过深"), -1;
	j = json_loadb(r->body, r->bodylen, JSON_REJECT_DUPLICATES, &e);
	if (j == NULL) {
		msg = arena_printf(r->pool,
		    "请求内容不是有效的JSON(第%d行第%d列)", e.line, e.column);
		return reply_error(r, 400, "bad_json", msg), -1;
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return reply_error(r, 400, "bad_json",
		    "请求内容应为JSON对象"), -1;
	}
	arena_defer(r->pool, req_json_free, j);
	*out = j;
	return 0;
}

int
req_str(struct req *r, json_t *o, const char *key, const char *label,
    size_t maxchars, bool required, const char **out)
{
	json_t		*v;
	const char	*s;
	size_t		 n;

	v = json_object_get(o, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return reply_error_field(r, 400, "required",
			    arena_printf(r->pool, "「%s」不能为空", label),
			    key), -1;
		return 0;
	}
	if (!json_is_string(v))
		return reply_error_field(r, 400, "bad_type",
		    arena_printf(r->pool, "「%s」应为文字", label), key), -1;
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) != n || !util_utf8_valid(s, n))
		return reply_error_field(r, 400, "bad_text",
		    arena_printf(r->pool, "「%s」含有无效字符", label), key), -1;
	if (required && n == 0)
		return reply_error_field(r, 400, "required",
		    arena_printf(r->pool, "「%s」不能为空", label), key), -1;
	if (util_utf8_len(s, n) > maxchars)
		return reply_error_field(r, 400, "too_long",
		    arena_printf(r->pool, "「%s」不能超过%zu个字", label,
		    maxchars), key), -1;
	*out = arena_strdup(r->pool, s);
	return 0;
}

int
req_int(struct req *r, json_t *o, const char *key, const char *label,
    int64_t lo, int64_t hi, bool required, int64_t *out, bool *present)
{
	json_t	*v;
	int64_t	 x;

	if (present)
		*present = false;
	v = json_object_get(o, key);
	if (v == NULL || json_is_null(v)) {
		if (required)
			return reply_error_field(r, 400, "required",
			    arena_printf(r->pool, "「%s」不能为空", label),
			    key), -1;
		return 0;
	}
	if (!json_is_integer(v))
		return reply_error_field(r, 400, "bad_type",
		    arena_printf(r->pool, "「%s」应为整数", label), key), -1;
	x = json_integer_value(v);
	if (x < lo || x > hi)
		return reply_error_field(r, 400, "out_of_range",
		    arena_printf(r->pool, "「%s」应在%lld到%lld之间", label,
		    (long long)lo, (long long)hi), key), -1;
	*out = x;
	if (present)
		*present = true;
	return 0;
}

int
req_bool(struct req *r, json_t *o, const char *key, const char *label,
    bool *out, bool *present)
{
	json_t *v;

	if (present)
		*present = false;
	v = json_object_get(o, key);
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return reply_error_field(r, 400, "bad_type",
		    arena_printf(r->pool, "「%s」应为是或否(true/false)",
		    label), key), -1;
	*out = json_is_true(v);
	if (present)
		*present = true;
	return 0;
}

void
req_json_keep(struct req *r, json_t *j)
{
	arena_defer(r->pool, req_json_free, j);
}

char *
req_json_dump(struct req *r, json_t *j)
{
	char *s, *p;

	s = json_dumps(j, JSON_COMPACT);
	if (s == NULL)
		xdie("json_dumps failed");
	p = arena_strdup(r->pool, s);
	free(s);
	return p;
}

int
reply_text(struct req *r, int status, const char *ctype, const char *body,
    size_t len)
{
	r->status = status;
	r->ctype = ctype;
	r->resp = arena_strndup(r->pool, body, len);
	r->resplen = len;
	return 0;
}

int
reply_json(struct req *r, int status, json_t *j)
{
	char *s;

	s = req_json_dump(r, j);
	json_decref(j);
	return reply_text(r, status, "application/json; charset=utf-8", s,
	    strlen(s));
}

int
reply_error_field(struct req *r, int status, const char *code,
    const char *message, const char *field)
{
	json_t *e;

	e = json_pack("{s:s, s:s}", "code", code, "message", message);
	if (field)
		json_object_set_new(e, "field", json_string(field));
	return reply_json(r, status, json_pack("{s:o}", "error", e));
}

int
reply_error(struct req *r, int status, const char *code, const char *message)
{
	return reply_error_field(r, status, code, message, NULL);
}

int
reply_store_error(struct req *r, int rc)
{
	switch (rc) {
	case STORE_NOTFOUND:
		return reply_error(r, 404, "not_found", "记录不存在");
	case STORE_CONFLICT:
		return reply_error(r, 409, "conflict",
		    "与已有记录冲突(名称或编号重复,或仍被引用)");
	case STORE_STALE:
		return reply_error(r, 412, "stale",
		    "记录已被他人修改,请刷新后重试");
	case STORE_BUSY:
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	case STORE_FULL:
		return reply_error(r, 507, "disk_full",
		    "存储空间已满,未能保存,请联系管理员");
	default:
		return reply_error(r, 500, "store", "数据库错误,请稍后重试");
	}
}
