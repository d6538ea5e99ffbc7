#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "api.h"
#include "arena.h"
#include "static.h"
#include "util.h"

const char *
static_mime(const char *path)
{
	static const struct { const char *ext, *mime; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".mjs", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json; charset=utf-8" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".ico", "image/x-icon" },
		{ ".webp", "image/webp" },
		{ ".woff", "font/woff" },
		{ ".woff2", "font/woff2" },
		{ ".ttf", "font/ttf" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".map", "application/json; charset=utf-8" },
		{ ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	};
	size_t i;

	for (i = 0; i < NELEM(types); i++)
		if (util_endswith(path, types[i].ext))
			return types[i].mime;
	return "application/octet-stream";
}

const char *
static_clean_path(struct req *r, const char *path)
{
	const char	*p, *seg, *end;
	size_t		 n;

	n = strlen(path);
	if (n == 0 || path[0] != '/' || n > 512 || !util_utf8_valid(path, n))
		return NULL;
	if (strchr(path, '\\') != NULL)
		return NULL;
	/* every segment: not empty (except the last), not . or .., no
	 * leading dot (hidden files) */
	for (p = path + 1; *p; p = end + (*end == '/')) {
		seg = p;
		end = strchr(seg, '/');
		if (end == NULL)
			end = seg + strlen(seg);
		if (end == seg) {
			if (*end == '/')
				return NULL;
			break;
		}
		if (seg[0] == '.')
			return NULL;
	}
	return arena_strdup(r->pool, path + 1);
}

static bool
static_file_ok(struct req *r, const char *root, const char *rel,
    const char **full)
{
	char		 rroot[PATH_MAX], rfull[PATH_MAX];
	const char	*f;
	struct stat	 sb;
	size_t		 rl;

	if (realpath(root, rroot) == NULL)
		return false;
	f = arena_printf(r->pool, "%s/%s", rroot, rel);
	if (realpath(f, rfull) == NULL)
		return false;
	rl = strlen(rroot);
	/* after links are resolved, still under the root */
	if (strncmp(rfull, rroot, rl) != 0 || (rfull[rl] != '/' &&
	    rfull[rl] != '\0'))
		return false;
	if (stat(rfull, &sb) == -1 || !S_ISREG(sb.st_mode))
		return false;
	*full = arena_strdup(r->pool, rfull);
	return true;
}

void
static_serve(struct req *r)
{
	const char	*rel, *full, *root = r->conf ? r->conf->web_root : NULL;
	bool		 have_ui;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		req_add_header(r, "Allow", "GET, HEAD");
		reply_error(r, 405, "method_not_allowed", "不支持该请求方法");
		return;
	}
	if ((rel = static_clean_path(r, r->path)) == NULL) {
		reply_error(r, 404, "not_found", "页面不存在");
		return;
	}
	have_ui = root && static_file_ok(r, root, "index.html", &full);
	if (!have_ui && rel[0] == '\0') {
		api_home_page(r);
		return;
	}
	if (rel[0] == '\0' || util_endswith(rel, "/"))
		rel = arena_printf(r->pool, "%sindex.html", rel);
	if (root && static_file_ok(r, root, rel, &full)) {
		r->status = 200;
		r->file = full;
		r->ctype = static_mime(full);
		req_add_header(r, "Cache-Control",
		    strncmp(rel, "assets/", 7) == 0 ?
		    "public, max-age=31536000, immutable" : "no-cache");
		return;
	}
	/* the UI's own routes (/ledgers/3) get its index.html */
	if (have_ui && strchr(strrchr(r->path, '/'), '.') == NULL) {
		static_file_ok(r, root, "index.html", &full);
		r->status = 200;
		r->file = full;
		r->ctype = static_mime(full);
		req_add_header(r, "Cache-Control", "no-cache");
		return;
	}
	reply_error(r, 404, "not_found", "页面不存在");
}
