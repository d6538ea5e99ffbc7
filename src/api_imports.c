/*
 * Importing sheets over HTTP: upload (a dry run at once), change the
 * mapping or options (another dry run), commit (all rows or none), and
 * the annotated sheet.  The job keeps the file so that each step reads
 * the same bytes.
 */
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "api.h"
#include "api_call.h"
#include "api_item.h"
#include "arena.h"
#include "export.h"
#include "import.h"
#include "multipart.h"
#include "req.h"
#include "store.h"
#include "store_import.h"
#include "store_ledger.h"
#include "util.h"

#define IMPORT_FILE_MAX	(20 * 1024 * 1024)

/* Read and check the job's sheet; replies 400 and returns -1 when the
 * file cannot be read. */
static int
imp_sheet(struct req *r, const struct import_job *j, struct sheet *sh)
{
	char err[256];

	if (sheet_read(j->data, (size_t)j->size, j->file_name, NULL, r->pool,
	    sh, err, sizeof(err)) == -1)
		return reply_error_field(r, 400, "bad_sheet",
		    arena_strdup(r->pool, err), "file"), -1;
	return 0;
}

/* What the audit keeps of a run: the file and the counts. */
static const char *
imp_audit(struct req *r, const struct import_job *j, json_t *rep)
{
	json_t	*c = json_deep_copy(json_object_get(rep, "report"));

	json_object_del(c, "problems");
	c = json_pack("{s:s, s:s, s:o}", "file", j->file_name, "sha256",
	    j->sha256, "counts", c ? c : json_object());
	req_json_keep(r, c);
	return req_json_dump(r, c);
}

/*
 * Run the job's rows into its ledger inside one transaction: kept when
 * commit is asked and no row has an error, rolled back otherwise.  The
 * job's options, report and state are saved in a transaction of their
 * own after a dry run, in the import's one after a commit.  Replies.
 */
static int
imp_run(struct req *r, struct import_job *j, json_t *opts, bool commit)
{
	struct api_caller	 c = { r->store, r->user, r->actor, true };
	struct import_opts	 o;
	struct ledger		 l;
	struct sheet		 sh;
	json_t			*rep, *out;
	const char		*why;
	enum store_rc		 rc;
	bool			 keep;

	if (import_opts_json(opts, &o, &why) == -1)
		return reply_error_field(r, 400, "bad_options", why, "mapping");
	if ((rc = store_ledger_get(r->store, j->ledger_id, &l)) != STORE_OK)
		return reply_store_error(r, rc);
	req_json_keep(r, l.config);
	if (imp_sheet(r, j, &sh) == -1)
		return 0;
	if (store_begin(r->store, true) == -1)
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	if ((rep = import_run(&c, &l, &sh, &o, &why)) == NULL) {
		store_rollback(r->store);
		return reply_error_field(r, 400, "no_header", why, "file");
	}
	req_json_keep(r, rep);
	keep = commit && json_integer_value(json_object_get(json_object_get(
	    rep, "report"), "errors")) == 0;
	if (!keep)
		store_rollback(r->store);
	j->options = req_json_dump(r, opts);
	j->report = req_json_dump(r, rep);
	j->state = keep ? "committed" : "checked";
	if ((!keep && store_begin(r->store, true) == -1) ||
	    (keep && import_remember(r->store, j->ledger_id, rep) == -1) ||
	    (rc = store_import_update(r->store, j)) != STORE_OK ||
	    (rc = store_audit_add(r->store, &r->actor, keep ? "commit" :
	    "check", "import", arena_printf(r->pool, "%lld", (long long)j->id),
	    NULL, imp_audit(r, j, rep))) != STORE_OK ||
	    store_commit(r->store) == -1) {
		store_rollback(r->store);
		return reply_store_error(r, store_last_error(r->store));
	}
	out = json_deep_copy(rep);
	json_object_set_new(out, "id", json_integer(j->id));
	json_object_set_new(out, "ledger_id", json_integer(j->ledger_id));
	json_object_set_new(out, "file_name", json_string(j->file_name));
	json_object_set_new(out, "state", json_string(j->state));
	if (commit && !keep)
		return reply_json(r, 409, json_pack("{s:{s:s, s:s}, s:o}",
		    "error", "code", "import_errors", "message", arena_printf(
		    r->pool, "有%lld处错误,未导入任何一行;请修改后重新上传",
		    (long long)json_integer_value(json_object_get(
		    json_object_get(rep, "report"), "errors"))), "import", out));
	return reply_json(r, commit ? 200 : j->id ? 200 : 201, out);
}

/* The job of the :id parameter, if it is the caller's (or an admin's
 * request); replies 404 otherwise. */
static int
imp_load(struct req *r, struct import_job *j, bool with_data)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "导入编号无效"), -1;
	if ((rc = store_import_get(r->store, r->pool, id, with_data, j)) !=
	    STORE_OK || (j->user_id != r->user->id &&
	    r->user->role != ROLE_ADMIN))
		return (rc == STORE_OK || rc == STORE_NOTFOUND ?
		    reply_error(r, 404, "not_found", "导入记录不存在") :
		    reply_store_error(r, rc)), -1;
	return 0;
}

/*
 * May the caller import into ledger l?  Admins and supervisors (each
 * row is then checked against their scope, as the item handlers do),
 * and reporters who see items of it (their rows can only update those).
 */
static bool
imp_may(struct req *r, const struct ledger *l)
{
	struct viewer		v = api_viewer(r);
	struct item_filter	f;

	if (user_max_role(r->user) >= ROLE_SUPERVISOR)
		return true;
	store_item_filter_init(&f);
	f.ledger_id = l->id;
	return store_item_count(r->store, &v, &f) > 0;
}

/*
 * POST /api/v1/ledgers/:id/imports: multipart with a part "file" (.xlsx,
 * .xls or .csv) and optionally "options" (JSON {"mapping", "update",
 * "key"}).  Stores the job and checks it: 201 with the report.
 */
int
api_import_create(struct req *r)
{
	const struct multipart_part	*f, *op;
	struct multipart		*mp;
	struct import_job		 j;
	struct ledger			 l;
	struct sheet			 sh;
	unsigned char			 hash[crypto_hash_sha256_BYTES];
	char				 boundary[MULTIPART_BOUNDARY_MAX + 1];
	const char			*why;
	json_t				*opts;
	int64_t				 lid;
	enum store_rc			 rc;
	int				 brc;

	if (req_param_id(r, "id", &lid) == -1)
		return reply_error(r, 400, "bad_id", "台账编号无效");
	if ((rc = store_ledger_get(r->store, lid, &l)) != STORE_OK)
		return rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "台账不存在") : reply_store_error(r, rc);
	json_decref(l.config);
	if (!imp_may(r, &l))
		return reply_error(r, 403, "out_of_scope",
		    "该台账中没有您可填报的事项,不能导入;新增事项请由督办人员导入");
	if (r->body_too_big)
		return reply_error(r, 413, "too_large",
		    "上传内容过大,表格文件不能超过20MB");
	if ((brc = multipart_boundary(req_header(r, "Content-Type"), boundary,
	    &why)) < 0)
		return reply_error(r, brc == -1 ? 415 : 400, brc == -1 ?
		    "unsupported_media_type" : "bad_multipart", why);
	mp = arena_alloc(r->pool, sizeof(*mp));
	if (multipart_parse(r->pool, r->body ? r->body : "", r->bodylen,
	    boundary, mp, &why) == -1)
		return reply_error(r, 400, "bad_multipart", why);
	if ((f = multipart_get(mp, "file")) == NULL || f->filename == NULL)
		return reply_error_field(r, 400, "required",
		    "缺少要导入的表格文件(表单字段 file)", "file");
	if (f->len > IMPORT_FILE_MAX)
		return reply_error(r, 413, "too_large", "表格文件不能超过20MB");
	opts = json_object();
	if ((op = multipart_get(mp, "options")) != NULL) {
		json_decref(opts);
		opts = json_loadb(op->data, op->len, 0, NULL);
		if (!json_is_object(opts)) {
			json_decref(opts);
			return reply_error_field(r, 400, "bad_options",
			    "「导入选项」应为JSON对象", "options");
		}
	}
	req_json_keep(r, opts);
	memset(&j, 0, sizeof(j));
	j.ledger_id = lid;
	j.user_id = r->user->id;
	j.file_name = arena_strdup(r->pool, f->filename);
	j.size = (int64_t)f->len;
	j.data = f->data;
	crypto_hash_sha256(hash, (const unsigned char *)f->data, f->len);
	util_hex(hash, sizeof(hash), j.sha256);
	/* refuse unreadable files before keeping them */
	if (imp_sheet(r, &j, &sh) == -1)
		return 0;
	j.options = "{}";
	j.report = "{}";
	j.state = "new";
	if (store_begin(r->store, true) == -1)
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	if ((rc = store_import_add(r->store, &j)) != STORE_OK ||
	    store_commit(r->store) == -1) {
		store_rollback(r->store);
		return reply_store_error(r, rc != STORE_OK ? rc :
		    store_last_error(r->store));
	}
	imp_run(r, &j, opts, false);
	if (r->status == 200)
		r->status = 201;
	return 0;
}

/* GET /api/v1/imports/:id: the job and its last report. */
int
api_import_get(struct req *r)
{
	struct import_job	 j;
	json_t			*out;

	if (imp_load(r, &j, false) == -1)
		return 0;
	out = json_loads(j.report, 0, NULL);
	if (!json_is_object(out)) {
		json_decref(out);
		out = json_object();
	}
	json_object_set_new(out, "id", json_integer(j.id));
	json_object_set_new(out, "ledger_id", json_integer(j.ledger_id));
	json_object_set_new(out, "file_name", json_string(j.file_name));
	json_object_set_new(out, "state", json_string(j.state));
	return reply_json(r, 200, out);
}

/* PATCH /api/v1/imports/:id {"mapping", "update", "key"}: check again. */
int
api_import_patch(struct req *r)
{
	struct import_job	 j;
	json_t			*body;

	if (imp_load(r, &j, true) == -1)
		return 0;
	if (strcmp(j.state, "committed") == 0)
		return reply_error(r, 409, "committed", "该文件已导入,不能再修改");
	if (req_json_body(r, &body) == -1)
		return 0;
	return imp_run(r, &j, body, false);
}

/* POST /api/v1/imports/:id/commit: write every row, or none (409). */
int
api_import_commit(struct req *r)
{
	struct import_job	 j;
	json_t			*opts;

	if (imp_load(r, &j, true) == -1)
		return 0;
	if (strcmp(j.state, "committed") == 0)
		return reply_error(r, 409, "committed", "该文件已导入");
	opts = json_loads(j.options, 0, NULL);
	if (!json_is_object(opts)) {
		json_decref(opts);
		opts = json_object();
	}
	req_json_keep(r, opts);
	return imp_run(r, &j, opts, true);
}

/*
 * GET /api/v1/imports/:id/report: the sheet as uploaded with a column
 * 错误说明 and the rows with problems filled (export_report).
 */
int
api_import_report(struct req *r)
{
	struct import_job	 j;
	struct sheet		 sh;
	json_t			*rep;
	const char		**notes, *name, *dot;
	bool			*is_error;
	char			 err[256], path[512], *data;
	size_t			 len;
	int			 header_last;

	if (imp_load(r, &j, true) == -1 || imp_sheet(r, &j, &sh) == -1)
		return 0;
	rep = json_loads(j.report, 0, NULL);
	req_json_keep(r, rep);
	import_notes(&sh, rep, r->pool, &notes, &is_error, &header_last);
	if (export_tmp(path, sizeof(path)) == -1)
		return reply_error(r, 500, "internal", "无法创建临时文件");
	if (export_report(&sh, header_last, notes, is_error, path, err,
	    sizeof(err)) == -1 || export_slurp(path, r->pool,
	    EXPORT_FILE_MAX, &data, &len) == -1) {
		unlink(path);
		return reply_error(r, 500, "internal", "无法生成错误说明表");
	}
	name = j.file_name;
	if ((dot = strrchr(name, '.')) != NULL)
		name = arena_strndup(r->pool, name, (size_t)(dot - name));
	req_add_header(r, "Content-Disposition", api_disposition(r->pool,
	    arena_printf(r->pool, "%s_错误说明.xlsx", name)));
	return reply_text(r, 200, EXPORT_XLSX_TYPE, data, len);
}
