/*
 * Attachments of items: upload (multipart/form-data), list, download,
 * delete.  The type is decided by the file's first bytes, never by what
 * the client claims; the extension must agree with them.  Reporters
 * and supervisors in the item's scope upload; whoever sees the item
 * downloads; supervisors in scope, or the uploader within a day,
 * delete.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "api_item.h"
#include "api_json.h"
#include "arena.h"
#include "multipart.h"
#include "store_attachment.h"
#include "util.h"

#define ATTACH_MAX		(20 * 1024 * 1024)	/* bytes of a file */
#define ATTACH_NAME_MAX		100	/* characters of a file name */
#define ATTACH_EXT_MAX		10	/* bytes of an extension */
#define ATTACH_DELETE_OWN	86400	/* the uploader may delete (s) */

/* What the first bytes say a file is. */
enum magic {
	MAGIC_NONE = 0,
	MAGIC_PDF,
	MAGIC_PNG,
	MAGIC_JPEG,
	MAGIC_GIF,
	MAGIC_WEBP,
	MAGIC_ZIP,	/* zip, and the Office Open XML files */
	MAGIC_OLE2,	/* Office 97-2003 */
	MAGIC_TEXT	/* UTF-8 text without control characters */
};

static const char *const magic_labels[] = {
	[MAGIC_NONE] = "未知", [MAGIC_PDF] = "PDF 文档",
	[MAGIC_PNG] = "PNG 图片", [MAGIC_JPEG] = "JPEG 图片",
	[MAGIC_GIF] = "GIF 图片", [MAGIC_WEBP] = "WebP 图片",
	[MAGIC_ZIP] = "zip 压缩包或 Office 文档",
	[MAGIC_OLE2] = "Office 97-2003 文档", [MAGIC_TEXT] = "文本",
};

/* The types taken: extension, type sent back, the bytes it needs, and
 * whether a file with those bytes and no extension is taken as it. */
static const struct ftype {
	const char	*ext;
	const char	*mime;
	enum magic	 magic;
	bool		 dflt;
} ftypes[] = {
	{ "pdf", "application/pdf", MAGIC_PDF, true },
	{ "png", "image/png", MAGIC_PNG, true },
	{ "jpg", "image/jpeg", MAGIC_JPEG, true },
	{ "jpeg", "image/jpeg", MAGIC_JPEG, false },
	{ "gif", "image/gif", MAGIC_GIF, true },
	{ "webp", "image/webp", MAGIC_WEBP, true },
	{ "zip", "application/zip", MAGIC_ZIP, true },
	{ "docx", "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document", MAGIC_ZIP, false },
	{ "xlsx", "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", MAGIC_ZIP, false },
	{ "pptx", "application/vnd.openxmlformats-officedocument."
	    "presentationml.presentation", MAGIC_ZIP, false },
	{ "doc", "application/msword", MAGIC_OLE2, false },
	{ "xls", "application/vnd.ms-excel", MAGIC_OLE2, false },
	{ "txt", "text/plain; charset=utf-8", MAGIC_TEXT, true },
	{ "csv", "text/csv; charset=utf-8", MAGIC_TEXT, false },
};

#define ATTACH_TYPES "PDF、图片(PNG/JPEG/GIF/WebP)、Word(doc/docx)、" \
	"Excel(xls/xlsx)、PowerPoint(pptx)、UTF-8 文本(txt/csv)和 zip"

/* Is [p, p+n) UTF-8 text: no NUL, no control characters but tab, line
 * ends and form feed? */
static bool
attach_is_text(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\f') || p[i] == 0x7f)
			return false;
	return util_utf8_valid((const char *)p, n);
}

static enum magic
attach_sniff(const unsigned char *p, size_t n)
{
	static const unsigned char png[] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	    0x1a, '\n' };
	static const unsigned char ole2[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1,
	    0xb1, 0x1a, 0xe1 };

	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return MAGIC_PDF;
	if (n >= sizeof(png) && memcmp(p, png, sizeof(png)) == 0)
		return MAGIC_PNG;
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return MAGIC_JPEG;
	if (n >= 6 && (memcmp(p, "GIF87a", 6) == 0 ||
	    memcmp(p, "GIF89a", 6) == 0))
		return MAGIC_GIF;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP",
	    4) == 0)
		return MAGIC_WEBP;
	if (n >= 4 && memcmp(p, "PK\003\004", 4) == 0)
		return MAGIC_ZIP;
	if (n >= sizeof(ole2) && memcmp(p, ole2, sizeof(ole2)) == 0)
		return MAGIC_OLE2;
	if (attach_is_text(p, n))
		return MAGIC_TEXT;
	return MAGIC_NONE;
}

/*
 * The code point at p (n bytes left) into *cp; its length, or 0 for an
 * invalid sequence (overlong, surrogate, beyond U+10FFFF, truncated).
 */
static size_t
attach_utf8(const unsigned char *p, size_t n, uint32_t *cp)
{
	size_t		len, i;
	uint32_t	c;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, c = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters a file name does not keep: controls, invisible format
 * characters that disguise names (bidi overrides), the BOM. */
static bool
attach_name_drops(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

/* The extension of name (after the last dot, ASCII letters and digits,
 * lower-cased) into ext; "" if none. */
static void
attach_ext(const char *name, char ext[ATTACH_EXT_MAX + 1])
{
	const char	*dot = strrchr(name, '.');
	size_t		 i, n;

	ext[0] = '\0';
	if (dot == NULL || dot == name || (n = strlen(dot + 1)) == 0 ||
	    n > ATTACH_EXT_MAX)
		return;
	for (i = 0; i < n; i++) {
		char c = dot[1 + i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z'))) {
			ext[0] = '\0';
			return;
		}
		ext[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	ext[n] = '\0';
}

/*
 * The name to keep for a file the client called raw (NULL: none): the
 * last path component, without control and invisible characters or
 * undecodable bytes, characters Windows refuses as '_', without
 * leading and trailing dots and spaces, at most ATTACH_NAME_MAX
 * characters keeping the extension; "附件" if nothing is left.
 */
static char *
attach_name(struct arena *a, const char *raw)
{
	const unsigned char	*p, *end;
	char			*out, ext[ATTACH_EXT_MAX + 1];
	size_t			 n = 0, k, chars, keep, i;
	uint32_t		 c;

	if (raw == NULL)
		raw = "";
	for (p = (const unsigned char *)raw; *p; p++)
		if (*p == '/' || *p == '\\')
			raw = (const char *)p + 1;
	end = (const unsigned char *)raw + strlen(raw);
	out = arena_alloc(a, (size_t)(end - (const unsigned char *)raw) + 1);
	for (p = (const unsigned char *)raw; p < end; p += k) {
		if ((k = attach_utf8(p, (size_t)(end - p), &c)) == 0) {
			k = 1;
			continue;
		}
		if (attach_name_drops(c))
			continue;
		if (c < 0x80 && strchr("<>:\"|?*", (int)c)) {
			out[n++] = '_';
			continue;
		}
		memcpy(out + n, p, k);
		n += k;
	}
	out[n] = '\0';
	/* no leading or trailing dots and spaces */
	for (k = 0; out[k] == '.' || out[k] == ' '; k++)
		;
	memmove(out, out + k, n - k + 1);
	n -= k;
	while (n > 0 && (out[n - 1] == '.' || out[n - 1] == ' '))
		out[--n] = '\0';
	if (n == 0)
		return arena_strdup(a, "附件");
	if ((chars = util_utf8_len(out, n)) <= ATTACH_NAME_MAX)
		return out;
	/* too long: cut the stem, keep the extension */
	attach_ext(out, ext);
	keep = ATTACH_NAME_MAX - (ext[0] ? strlen(ext) + 1 : 0);
	for (i = 0, k = 0; i < keep; i++)
		k += attach_utf8((const unsigned char *)out + k, n - k, &c);
	if (ext[0])
		return arena_printf(a, "%.*s.%s", (int)k, out, ext);
	out[k] = '\0';
	return out;
}

/*
 * Content-Disposition for name: an ASCII fallback (other characters as
 * '_', or "attachment" with the extension if no letter or digit is left
 * before it) and the UTF-8 name percent-encoded after RFC 5987.
 */
char *
api_disposition(struct arena *a, const char *name)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p, *end = (const unsigned char *)name +
				    strlen(name);
	const char		*dot;
	char			*ascii, *pct, ext[ATTACH_EXT_MAX + 1];
	size_t			 n = 0, m = 0, k;
	uint32_t		 c;
	bool			 alnum = false;

	ascii = arena_alloc(a, strlen(name) + 1);
	pct = arena_alloc(a, 3 * strlen(name) + 1);
	if ((dot = strrchr(name, '.')) == NULL)
		dot = name + strlen(name);
	for (p = (const unsigned char *)name; p < end; p += k) {
		if ((k = attach_utf8(p, (size_t)(end - p), &c)) == 0)
			k = 1, c = '_';
		if (c >= 0x20 && c < 0x7f && !strchr("\"\\;%", (int)c)) {
			ascii[n++] = (char)c;
			if (((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
			    (c | 0x20) <= 'z')) && (const char *)p < dot)
				alnum = true;
		} else
			ascii[n++] = '_';
	}
	ascii[n] = '\0';
	for (p = (const unsigned char *)name; p < end; p++) {
		if ((*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' &&
		    (*p | 0x20) <= 'z') || strchr("!#$&+-.^_`|~", *p))
			pct[m++] = (char)*p;
		else {
			pct[m++] = '%';
			pct[m++] = hex[*p >> 4];
			pct[m++] = hex[*p & 15];
		}
	}
	pct[m] = '\0';
	if (!alnum) {
		attach_ext(name, ext);
		ascii = arena_printf(a, "attachment%s%s", ext[0] ? "." : "", ext);
	}
	return arena_printf(a, "attachment; filename=\"%s\"; "
	    "filename*=UTF-8''%s", ascii, pct);
}

static json_t *
json_attachment(const struct attachment *a)
{
	return json_pack("{s:I, s:I, s:o, s:s, s:s, s:I, s:s, s:o, s:o}",
	    "id", (json_int_t)a->id, "item_id", (json_int_t)a->item_id,
	    "update_id", a->update_id ? json_integer(a->update_id) :
	    json_null(), "name", a->name, "mime", a->mime,
	    "size", (json_int_t)a->size, "sha256", a->sha256,
	    "created_at", json_time(a->created_at),
	    "created_by", a->created_by ? json_integer(a->created_by) :
	    json_null());
}

/*
 * Decide the type of f's bytes and fix its name into *name and *mime.
 * Replies 400/415 and returns -1 if the file is empty, of a type not
 * taken, or its extension contradicts its bytes.
 */
static int
attach_type(struct req *r, const struct multipart_part *f, const char **name,
    const char **mime)
{
	const struct ftype	*t = NULL;
	enum magic		 m;
	char			 ext[ATTACH_EXT_MAX + 1];
	size_t			 i;

	if (f->len == 0)
		return reply_error_field(r, 400, "empty_file", "文件为空,请重新选择",
		    "file"), -1;
	*name = attach_name(r->pool, f->filename);
	m = attach_sniff((const unsigned char *)f->data, f->len);
	if (m == MAGIC_NONE)
		return reply_error_field(r, 415, "unsupported_type",
		    "不支持该类型的文件,只能上传" ATTACH_TYPES, "file"), -1;
	attach_ext(*name, ext);
	for (i = 0; i < NELEM(ftypes); i++)
		if (ext[0] ? strcmp(ftypes[i].ext, ext) == 0 :
		    ftypes[i].magic == m && ftypes[i].dflt) {
			t = &ftypes[i];
			break;
		}
	if (t == NULL && ext[0])
		return reply_error_field(r, 415, "unsupported_type",
		    arena_printf(r->pool, "不支持 .%s 类型的文件,只能上传"
		    ATTACH_TYPES, ext), "file"), -1;
	if (t == NULL)
		return reply_error_field(r, 415, "unknown_type",
		    arena_printf(r->pool, "无法判断文件类型(%s),请保留文件的"
		    "扩展名后重新上传", magic_labels[m]), "file"), -1;
	if (t->magic != m)
		return reply_error_field(r, 415, "type_mismatch",
		    arena_printf(r->pool, "文件扩展名 .%s 与文件内容(%s)不符",
		    ext, magic_labels[m]), "file"), -1;
	*mime = t->mime;
	return 0;
}

/* The optional "update_id" part: a progress update of item_id. */
static int
attach_update_id(struct req *r, const struct multipart *mp, int64_t item_id,
    int64_t *out)
{
	const struct multipart_part	*p;
	char				 b[24];

	*out = 0;
	if ((p = multipart_get(mp, "update_id")) == NULL || p->len == 0)
		return 0;
	if (p->len >= sizeof(b))
		goto bad;
	memcpy(b, p->data, p->len);
	b[p->len] = '\0';
	if (util_parse_int64(b, out) == -1 || *out <= 0 ||
	    !store_attachment_update_of(r->store, *out, item_id))
		goto bad;
	return 0;
bad:
	return reply_error_field(r, 400, "bad_update",
	    "「进展记录」不存在或不属于该事项", "update_id"), -1;
}

/*
 * POST /api/v1/items/:id/attachments, multipart/form-data with a part
 * "file" (with a file name) and optionally "update_id".  Reporters and
 * supervisors in the item's scope.  201 with the attachment.
 */
int
api_attachment_upload(struct req *r)
{
	const struct multipart_part	*f;
	struct multipart		*mp;
	struct attachment		 a;
	struct ledger			 l;
	struct item			 it;
	enum light			 light;
	enum store_rc			 rc;
	unsigned char			 hash[crypto_hash_sha256_BYTES];
	char				 boundary[MULTIPART_BOUNDARY_MAX + 1];
	const char			*why;
	json_t				*after;
	int				 brc;

	if (api_item_load(r, &it, &light, &l) == -1)
		return 0;
	if (!api_item_may(r, &l, &it, ROLE_REPORTER))
		return reply_error(r, 403, "out_of_scope",
		    "该事项不在您的填报范围内,不能上传附件");
	if (r->body_too_big)
		return reply_error(r, 413, "too_large",
		    "上传内容过大,不能超过20MB");
	if ((brc = multipart_boundary(req_header(r, "Content-Type"), boundary,
	    &why)) < 0)
		return reply_error(r, brc == -1 ? 415 : 400, brc == -1 ?
		    "unsupported_media_type" : "bad_multipart", why);
	mp = arena_alloc(r->pool, sizeof(*mp));
	if (multipart_parse(r->pool, r->body ? r->body : "", r->bodylen,
	    boundary, mp, &why) == -1)
		return reply_error(r, 400, "bad_multipart", why);
	if (multipart_count(mp, "file") > 1)
		return reply_error_field(r, 400, "too_many_files",
		    "一次只能上传一个文件", "file");
	if ((f = multipart_get(mp, "file")) == NULL)
		return reply_error_field(r, 400, "required",
		    "缺少要上传的文件(表单字段 file)", "file");
	if (f->filename == NULL)
		return reply_error_field(r, 400, "not_a_file",
		    "表单字段 file 应为文件(缺少文件名 filename)", "file");
	if (f->len > ATTACH_MAX)
		return reply_error(r, 413, "too_large", "文件过大,不能超过20MB");
	memset(&a, 0, sizeof(a));
	if (attach_type(r, f, &a.name, &a.mime) == -1 ||
	    attach_update_id(r, mp, it.id, &a.update_id) == -1)
		return 0;
	a.item_id = it.id;
	a.size = (int64_t)f->len;
	a.data = f->data;
	a.created_by = r->user->id;
	crypto_hash_sha256(hash, (const unsigned char *)f->data, f->len);
	util_hex(hash, sizeof(hash), a.sha256);
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_attachment_add(r->store, &a)) != STORE_OK) {
		api_rollback(r);
		return reply_store_error(r, rc);
	}
	after = json_attachment(&a);
	req_json_keep(r, after);
	if (api_commit(r, "create", "attachment", arena_printf(r->pool, "%lld",
	    (long long)a.id), NULL, after) == -1)
		return 0;
	return reply_json(r, 201, json_incref(after));
}

struct attach_list {
	json_t	*items;
};

static int
attach_list_add(const struct attachment *a, void *arg)
{
	struct attach_list *c = arg;

	json_array_append_new(c->items, json_attachment(a));
	return 0;
}

/* GET /api/v1/items/:id/attachments: {"items": [...], "total": N}. */
int
api_attachments_list(struct req *r)
{
	struct attach_list	 c;
	struct ledger		 l;
	struct item		 it;
	enum light		 light;
	enum store_rc		 rc;

	if (api_item_load(r, &it, &light, &l) == -1)
		return 0;
	c.items = json_array();
	if ((rc = store_attachment_list(r->store, r->pool, it.id,
	    attach_list_add, &c)) != STORE_OK) {
		json_decref(c.items);
		return reply_store_error(r, rc);
	}
	return reply_json(r, 200, json_pack("{s:o, s:I}", "items", c.items,
	    "total", (json_int_t)json_array_size(c.items)));
}

/*
 * The attachment of the :id parameter (without its bytes) if the
 * caller may see its item; else replies 400/404 and returns -1.
 */
static int
attach_load(struct req *r, struct attachment *a)
{
	struct viewer	v = api_viewer(r);
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "附件编号无效"), -1;
	rc = store_attachment_get(r->store, r->pool, id, false, a);
	if (rc == STORE_NOTFOUND || (rc == STORE_OK &&
	    !store_item_visible(r->store, &v, a->item_id)))
		return reply_error(r, 404, "not_found", "附件不存在"), -1;
	if (rc != STORE_OK)
		return reply_store_error(r, rc), -1;
	return 0;
}

/* GET /api/v1/attachments/:id: the file, as an attachment. */
int
api_attachment_get(struct req *r)
{
	struct attachment	a;
	enum store_rc		rc;

	if (attach_load(r, &a) == -1)
		return 0;
	if ((rc = store_attachment_get(r->store, r->pool, a.id, true, &a)) !=
	    STORE_OK)
		return reply_store_error(r, rc);
	req_add_header(r, "Content-Disposition",
	    api_disposition(r->pool, a.name));
	return reply_text(r, 200, a.mime, a.data, (size_t)a.size);
}

/*
 * DELETE /api/v1/attachments/:id: a supervisor in the item's scope, or
 * the uploader within a day of the upload.  204.
 */
int
api_attachment_delete(struct req *r)
{
	struct attachment	 a;
	struct ledger		 l;
	struct item		 it;
	enum light		 light;
	enum store_rc		 rc;
	json_t			*before;
	bool			 own;

	if (attach_load(r, &a) == -1 ||
	    api_item_load_id(r, a.item_id, &it, &light, &l) == -1)
		return 0;
	own = a.created_by == r->user->id &&
	    util_now() - a.created_at <= ATTACH_DELETE_OWN;
	if (!own && !api_item_may(r, &l, &it, ROLE_SUPERVISOR))
		return reply_error(r, 403, "forbidden",
		    "只有督办人员或上传者本人(上传后1天内)可以删除附件");
	before = json_attachment(&a);
	req_json_keep(r, before);
	if (api_begin(r) == -1)
		return 0;
	if ((rc = store_attachment_delete(r->store, a.id)) != STORE_OK) {
		api_rollback(r);
		return rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "附件不存在") : reply_store_error(r, rc);
	}
	if (api_commit(r, "delete", "attachment", arena_printf(r->pool, "%lld",
	    (long long)a.id), before, NULL) == -1)
		return 0;
	return reply_text(r, 204, NULL, "", 0);
}
