/*
 * Exports of a ledger: its items as .xlsx or .csv (what the caller may
 * see, with the list's filters) and its blank template.  The writers
 * are sheet_export.c's; here the request is parsed, the file made in a
 * temporary file, read back into the pool and sent as an attachment.
 */
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "api_item.h"
#include "arena.h"
#include "export.h"
#include "store_ledger.h"

/* The ledger of the :id parameter (config freed with the request). */
static int
api_export_ledger(struct req *r, struct ledger *l)
{
	int64_t		id;
	enum store_rc	rc;

	if (req_param_id(r, "id", &id) == -1)
		return reply_error(r, 400, "bad_id", "台账编号无效"), -1;
	if ((rc = store_ledger_get(r->store, id, l)) != STORE_OK)
		return (rc == STORE_NOTFOUND ? reply_error(r, 404, "not_found",
		    "台账不存在") : reply_store_error(r, rc)), -1;
	req_json_keep(r, l->config);
	return 0;
}

/* Send the file at path (removed) as an attachment named name. */
static int
api_export_send(struct req *r, const char *path, const char *ctype,
    const char *name)
{
	char	*data;
	size_t	 len;

	if (export_slurp(path, r->pool, EXPORT_FILE_MAX, &data, &len) == -1)
		return reply_error(r, 500, "export", "无法读取导出文件");
	req_add_header(r, "Content-Disposition", api_disposition(r->pool,
	    name));
	/* reply_text() without its copy: the bytes are in the pool already
	 * (an export of 100,000 items is tens of megabytes) */
	r->status = 200;
	r->ctype = ctype;
	r->resp = data;
	r->resplen = len;
	return 0;
}

struct api_export_pii {
	struct req		*r;
	const struct ledger	*l;
};

static bool
api_export_full(void *arg, const struct item *it)
{
	struct api_export_pii *p = arg;

	return api_item_pii_full(p->r, p->l, it);
}

/*
 * GET /api/v1/ledgers/:id/export?format=xlsx|csv and the filters of
 * the item list (state, light, category, unit, place, deadline_from,
 * deadline_to, q, done, cf.KEY, sort): the items the caller may see,
 * all of them (limit and offset do not apply), as an attachment
 * "<台账名>_<YYYYMMDD>.xlsx".  404 for an unknown ledger; a caller
 * who may see none of its items gets the header alone.
 */
int
api_ledger_export(struct req *r)
{
	struct ledger		 l;
	struct item_filter	 f;
	struct viewer		 v = api_viewer(r);
	struct api_export_pii	 pii;
	enum export_format	 fmt = EXPORT_XLSX;
	const char		*fs;
	char			 path[512], err[256];
	int64_t			 n = 0;
	int			 rc;

	if ((fs = req_query(r, "format")) != NULL && *fs) {
		if (strcmp(fs, "csv") == 0)
			fmt = EXPORT_CSV;
		else if (strcmp(fs, "xlsx") != 0)
			return reply_error_field(r, 400, "bad_format",
			    "导出格式应为 xlsx 或 csv", "format");
	}
	if (api_item_filter(r, &f) == -1 || api_export_ledger(r, &l) == -1)
		return 0;
	f.ledger_id = l.id;
	if (export_tmp(path, sizeof(path)) == -1)
		return reply_error(r, 500, "export", "无法创建临时文件");
	/* the count and every page from one snapshot */
	if (!r->in_tx && store_begin(r->store, false) == -1) {
		unlink(path);
		return reply_error(r, 503, "busy", "系统繁忙,请稍后重试");
	}
	pii.r = r;
	pii.l = &l;
	rc = export_items_pii(r->store, &l, &v, &f, fmt, path, &n, err,
	    sizeof(err), api_export_full, &pii);
	if (!r->in_tx)
		store_commit(r->store);
	if (rc == -1) {
		unlink(path);
		return n > EXPORT_ITEMS_MAX ? reply_error(r, 413, "too_many",
		    arena_strdup(r->pool, err)) : reply_error(r, 500, "export",
		    arena_strdup(r->pool, err));
	}
	return api_export_send(r, path, fmt == EXPORT_CSV ? EXPORT_CSV_TYPE :
	    EXPORT_XLSX_TYPE, export_filename(r->pool, l.name,
	    fmt == EXPORT_CSV ? "csv" : "xlsx"));
}

/*
 * GET /api/v1/ledgers/:id/template: the blank .xlsx to fill in,
 * "<台账名>_导入模板_<YYYYMMDD>.xlsx", with dropdowns and a sheet
 * 填写说明.
 */
int
api_ledger_template(struct req *r)
{
	struct ledger	l;
	char		path[512], err[256];

	if (api_export_ledger(r, &l) == -1)
		return 0;
	if (export_tmp(path, sizeof(path)) == -1)
		return reply_error(r, 500, "export", "无法创建临时文件");
	if (export_template(&l, path, err, sizeof(err)) == -1) {
		unlink(path);
		return reply_error(r, 500, "export", arena_strdup(r->pool,
		    err));
	}
	return api_export_send(r, path, EXPORT_XLSX_TYPE, export_filename(
	    r->pool, arena_printf(r->pool, "%s_导入模板", l.name), "xlsx"));
}
