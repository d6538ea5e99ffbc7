/*
 * taizhang export --ledger ID [-o FILE] [--template] [filters]: a
 * ledger's items as .xlsx or .csv, or its blank template.
 *
 * Like `taizhang item`, the file comes from the API's own handler (GET
 * /api/v1/ledgers/:id/export or /template) on a request built by hand:
 * the acting user (the first enabled admin, or --as LOGIN) sees what
 * the web would show them, with the list's filters.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api_call.h"
#include "arena.h"
#include "cmd.h"
#include "export.h"
#include "req.h"
#include "store_ledger.h"
#include "store_user.h"
#include "util.h"

#define PAT_EXPORT	"/api/v1/ledgers/:id/export"
#define PAT_TEMPLATE	"/api/v1/ledgers/:id/template"

static const char usage_text[] =
    "用法:\n"
    "  taizhang export [--db 文件] --ledger 台账编号 [-o 文件.xlsx|文件.csv]\n"
    "        [--as 登录名] [--state 状态] [--light red|yellow|blue|grey]\n"
    "        [--q 文字] [--category 类别] [--place 区划代码] [--unit 单位编号]\n"
    "        导出台账的事项:标题、冻结表头、万元金额、下拉选项和合计行;\n"
    "        文件名以 .csv 结尾时导出 CSV(UTF-8,带BOM)。\n"
    "  taizhang export [--db 文件] --ledger 台账编号 --template [-o 文件.xlsx]\n"
    "        下载台账的空白导入模板(含下拉选项和「填写说明」)。\n"
    "不给 -o 时写到当前目录的「台账名_日期.xlsx」;-o - 写到标准输出\n"
    "(此时用 --format csv 选择CSV)。默认以第一个管理员的身份导出;\n"
    "--as 换成其他用户,只导出其管辖范围内的事项。\n";

/* GET pattern as u with :id = id and the query q[nq] (api_call_req). */
static struct req *
cmd_export_call(struct store *st, struct user *u, const char *pattern,
    const char *id, const struct kv *q, size_t nq)
{
	struct api_caller c = { st, u, cmd_actor, false };

	c.actor.user_id = u->id;
	return api_call_req(&c, "GET", pattern, id, q, nq, NULL, 0);
}

/*
 * Write data to path through a temporary file beside it, so that a
 * reader never sees half a file; "-" is standard output.  0 or -1.
 */
static int
cmd_export_write(const char *path, const char *data, size_t len)
{
	char	*tmp;
	mode_t	 mask;
	int	 fd, rc = -1;

	if (strcmp(path, "-") == 0)
		return fwrite(data, 1, len, stdout) == len &&
		    fflush(stdout) == 0 ? 0 : -1;
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1)
		goto out;
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) == -1 ||
	    write(fd, data, len) != (ssize_t)len || fsync(fd) == -1) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/* Export of ledger id (or its template) as u into out; exit status. */
static int
cmd_export_run(struct store *st, struct user *u, const char *id,
    const struct kv *q, size_t nq, bool tmpl, bool csv, const char *out)
{
	struct req	*r;
	struct ledger	 l;
	json_t		*e = NULL;
	int64_t		 lid;
	int		 rc = 1;

	if ((r = cmd_export_call(st, u, tmpl ? PAT_TEMPLATE : PAT_EXPORT, id,
	    q, nq)) == NULL)
		return cmd_fail("export", "没有权限执行此操作");
	if (r->status != 200) {
		e = r->resp ? json_loadb(r->resp, r->resplen, 0, NULL) : NULL;
		rc = r->status == 400 ? cmd_usage("export", "%s",
		    cmd_api_why(e)) : cmd_fail("export", "%s", cmd_api_why(e));
		goto out;
	}
	if (out == NULL) {
		/* the name the web would give: the ledger exists (200) */
		if (util_parse_int64(id, &lid) == -1 ||
		    store_ledger_get(st, lid, &l) != STORE_OK) {
			cmd_fail("export", "无法读取台账 %s", id);
			goto out;
		}
		out = export_filename(r->pool, tmpl ? arena_printf(r->pool,
		    "%s_导入模板", l.name) : l.name, csv && !tmpl ? "csv" :
		    "xlsx");
		ledger_free(&l);
	}
	if (cmd_export_write(out, r->resp, r->resplen) == -1) {
		cmd_fail("export", "无法写入 '%s':%s", out, strerror(errno));
		goto out;
	}
	if (strcmp(out, "-") != 0)
		printf("已写入 %s(%zu字节)\n", out, r->resplen);
	rc = 0;
out:
	json_decref(e);
	req_free(r);
	return rc;
}

int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "output", required_argument, NULL, 'o' },
		{ "template", no_argument, NULL, 't' },
		{ "format", required_argument, NULL, 'f' },
		{ "as", required_argument, NULL, 'a' },
		{ "state", required_argument, NULL, 's' },
		{ "light", required_argument, NULL, 'g' },
		{ "q", required_argument, NULL, 'q' },
		{ "category", required_argument, NULL, 'c' },
		{ "place", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st = NULL;
	struct user	*u = NULL;
	struct kv	 q[NELEM(opts) + 1];
	const char	*db = cmd_default_db(), *ledger = NULL, *as = NULL;
	const char	*out = NULL, *format = NULL;
	size_t		 nq = 0, k;
	bool		 tmpl = false, csv;
	int		 c, idx = 0, rc = 1;

	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", opts, &idx)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			ledger = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 't':
			tmpl = true;
			break;
		case 'f':
			format = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 's':
		case 'g':
		case 'q':
		case 'c':
		case 'p':
		case 'u':
			/* a list filter: the query argument of the same name */
			for (k = 0; k < nq; k++)
				if (strcmp(q[k].key, opts[idx].name) == 0)
					break;
			q[k].key = opts[idx].name;
			q[k].val = optarg;
			if (k == nq)
				nq++;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("export", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("export", "多余的参数 '%s'", argv[optind]);
	if (ledger == NULL)
		return cmd_usage("export", "需要 --ledger 台账编号");
	if (format && strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)
		return cmd_usage("export", "--format 应为 xlsx 或 csv");
	csv = format ? strcmp(format, "csv") == 0 : out != NULL &&
	    strlen(out) > 4 && strcasecmp(out + strlen(out) - 4, ".csv") == 0;
	if (tmpl && (nq || csv))
		return cmd_usage("export", "--template 只生成 .xlsx 模板,"
		    "不能加筛选条件或 CSV");
	if (out && *out == '\0')
		return cmd_usage("export", "-o 需要文件名");
	if (!tmpl) {
		q[nq].key = "format";
		q[nq++].val = csv ? "csv" : "xlsx";
	}
	if ((st = cmd_open("export", db, false)) == NULL)
		goto out;
	u = xcalloc(1, sizeof(*u));
	if (cmd_acting_user("export", st, as, u) != 0)
		goto out;
	rc = cmd_export_run(st, u, ledger, q, nq, tmpl, csv, out);
out:
	free(u);
	store_close(st);
	return rc;
}
