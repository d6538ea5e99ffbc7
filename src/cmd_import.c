/*
 * taizhang import FILE --ledger ID [--dry-run] [--update] [--key seq|code]
 *     [--map A=title,...] [--report OUT.xlsx] [--as LOGIN] [--db F]
 *
 * The same run as the web's import (import.c) as the acting user: a
 * report on standard output, then every row saved in one transaction,
 * or none when any row has an error (exit 1) or with --dry-run.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api_call.h"
#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "export.h"
#include "import.h"
#include "store_ledger.h"
#include "store_user.h"
#include "util.h"

#define IMPORT_CLI_MAX	(50 * 1024 * 1024)

static const char usage_text[] =
    "用法: taizhang import 文件 --ledger 台账编号 [--dry-run] [--update]\n"
    "                     [--key seq|code] [--map A=title,C=places,...]\n"
    "                     [--report 错误说明.xlsx] [--as 登录名] [--db 文件]\n"
    "  把 .xlsx、.xls 或 .csv(UTF-8 或 GB18030)表格导入台账:自动跳过标题行、\n"
    "  识别表头(含两行合并表头)、按表头名对应字段,逐行检查后一次性保存;\n"
    "  任何一行有错误则一行也不保存,退出码为1。\n"
    "  --dry-run  只检查,不保存\n"
    "  --update   序号(或 --key code 时编号)与已有事项相同的行更新该事项,\n"
    "             只改变与表格不同的字段\n"
    "  --map      改变列的对应,如 --map D=places,F=none(none 表示不导入)\n"
    "  --report   把原表加「错误说明」列写到这个 .xlsx 文件\n"
    "默认以第一个管理员的身份操作;--as 换成其他用户,其角色和管辖范围照常生效。\n";

/* --map "A=title,F=none" into {"A": "title", "F": null}. */
static json_t *
cmd_import_map(const char *s)
{
	json_t	*m = json_object();
	char	*copy = xstrdup(s), *tok, *save, *eq;

	for (tok = strtok_r(copy, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((eq = strchr(tok, '=')) == NULL || eq == tok) {
			json_decref(m);
			free(copy);
			return NULL;
		}
		*eq++ = '\0';
		json_object_set_new(m, tok, strcmp(eq, "none") == 0 ||
		    *eq == '\0' ? json_null() : json_string(eq));
	}
	free(copy);
	return m;
}

static void
cmd_import_print(json_t *rep, bool committed, bool dry)
{
	json_t		*r = json_object_get(rep, "report"), *p, *c;
	size_t		 i;
	const char	*f;

	printf("表头在第%lld至%lld行;列的对应:\n",
	    json_integer_value(json_array_get(json_object_get(rep,
	    "header_rows"), 0)), json_integer_value(json_array_get(
	    json_object_get(rep, "header_rows"), 1)));
	json_array_foreach(json_object_get(rep, "columns"), i, c) {
		f = json_string_value(json_object_get(c, "label"));
		printf("  %s列 %s → %s\n", json_string_value(json_object_get(c,
		    "col")), json_string_value(json_object_get(c, "header")),
		    f ? f : "(不导入)");
	}
	json_array_foreach(json_object_get(r, "problems"), i, p) {
		const char *col = json_string_value(json_object_get(p, "col"));
		const char *hdr = json_string_value(json_object_get(p, "header"));
		const char *val = json_string_value(json_object_get(p, "value"));

		printf("第%lld行", json_integer_value(json_object_get(p, "row")));
		if (col && *col)
			printf(" %s列「%s」", col, hdr ? hdr : "");
		printf(" %s:%s", strcmp(json_string_value(json_object_get(p,
		    "level")), "error") == 0 ? "错误" : "提醒",
		    json_string_value(json_object_get(p, "reason")));
		if (val && *val)
			printf("(单元格内容:%s)", val);
		printf("\n");
	}
	printf("共%lld行:可导入%lld行,错误%lld处,提醒%lld处;跳过小计、合计和备注%lld行",
	    json_integer_value(json_object_get(r, "rows")),
	    json_integer_value(json_object_get(r, "ok")),
	    json_integer_value(json_object_get(r, "errors")),
	    json_integer_value(json_object_get(r, "warnings")),
	    json_integer_value(json_object_get(r, "skipped")));
	printf("\n");
	if (committed)
		printf("已保存:新增%lld项,更新%lld项,未变%lld项。\n",
		    json_integer_value(json_object_get(r, "created")),
		    json_integer_value(json_object_get(r, "updated")),
		    json_integer_value(json_object_get(r, "unchanged")));
	else if (dry)
		printf("只检查(--dry-run),未保存。\n");
	else
		printf("有错误,未保存任何一行。\n");
}

/* Write the annotated sheet (the file with 错误说明) to out. */
static int
cmd_import_report(const struct sheet *sh, json_t *rep, const char *out)
{
	struct arena	*a = arena_new();
	const char	**notes;
	bool		*is_error;
	char		 err[256], tmp[512], *data;
	size_t		 len;
	int		 hl, rc = 0;
	FILE		*f;

	import_notes(sh, rep, a, &notes, &is_error, &hl);
	if (export_tmp(tmp, sizeof(tmp)) == -1 ||
	    export_report(sh, hl, notes, is_error, tmp, err, sizeof(err)) == -1 ||
	    export_slurp(tmp, a, EXPORT_FILE_MAX, &data, &len) == -1)
		rc = cmd_fail("import", "无法生成错误说明表");
	else if ((f = fopen(out, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0)
		rc = cmd_fail("import", "无法写入 %s:%s", out, strerror(errno));
	arena_free(a);
	return rc;
}

int
cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "as", required_argument, NULL, 'a' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "update", no_argument, NULL, 'u' },
		{ "key", required_argument, NULL, 'k' },
		{ "map", required_argument, NULL, 'm' },
		{ "report", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st = NULL;
	struct user		*u = NULL;
	struct api_caller	 c;
	struct import_opts	 o;
	struct ledger		 l;
	struct sheet		 sh;
	struct arena		*a = arena_new();
	struct buf		 b;
	json_t			*oj = json_object(), *rep = NULL, *m;
	const char		*db = cmd_default_db(), *as = NULL, *why,
				*report = NULL, *path;
	char			 err[256];
	int64_t			 lid = 0;
	bool			 dry = false, keep = false;
	int			 ch, rc = 1;
	FILE			*f;

	buf_init(&b, IMPORT_CLI_MAX);
	l.config = NULL;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			if (util_parse_int64(optarg, &lid) == -1 || lid < 1) {
				rc = cmd_usage("import", "--ledger 应为台账编号");
				goto out;
			}
			break;
		case 'a':
			as = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'u':
			json_object_set_new(oj, "update", json_true());
			break;
		case 'k':
			json_object_set_new(oj, "key", json_string(optarg));
			break;
		case 'm':
			if ((m = cmd_import_map(optarg)) == NULL) {
				rc = cmd_usage("import",
				    "--map 应如 A=title,F=none");
				goto out;
			}
			json_object_set_new(oj, "mapping", m);
			break;
		case 'r':
			report = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			rc = 0;
			goto out;
		default:
			rc = cmd_usage("import", "选项有误");
			goto out;
		}
	}
	if (optind != argc - 1) {
		rc = cmd_usage("import", optind == argc ? "缺少要导入的文件" :
		    "只能给一个文件");
		goto out;
	}
	path = argv[optind];
	if (lid == 0) {
		rc = cmd_usage("import", "需要 --ledger 台账编号");
		goto out;
	}
	if (import_opts_json(oj, &o, &why) == -1) {
		rc = cmd_usage("import", "%s", why);
		goto out;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		rc = cmd_fail("import", "无法打开 %s:%s", path, strerror(errno));
		goto out;
	}
	for (;;) {
		char	chunk[65536];
		size_t	n = fread(chunk, 1, sizeof(chunk), f);

		if (n == 0)
			break;
		if (buf_add(&b, chunk, n) == -1) {
			fclose(f);
			rc = cmd_fail("import", "%s 超过%dMB", path,
			    IMPORT_CLI_MAX / (1024 * 1024));
			goto out;
		}
	}
	fclose(f);
	if (sheet_read(b.data ? b.data : "", b.len, path, NULL, a, &sh, err,
	    sizeof(err)) == -1) {
		rc = cmd_fail("import", "%s:%s", path, err);
		goto out;
	}
	if ((st = cmd_open("import", db, false)) == NULL)
		goto out;
	if (store_ledger_get(st, lid, &l) != STORE_OK) {
		rc = cmd_fail("import", "台账 %lld 不存在", (long long)lid);
		goto out;
	}
	u = xcalloc(1, sizeof(*u));
	if (cmd_acting_user("import", st, as, u) != 0)
		goto out;
	c.store = st;
	c.user = u;
	c.actor = cmd_actor;
	c.actor.user_id = u->id;
	c.in_tx = true;
	if (store_begin(st, true) == -1) {
		rc = cmd_fail("import", "数据库忙,请稍后重试");
		goto out;
	}
	if ((rep = import_run(&c, &l, &sh, &o, &why)) == NULL) {
		store_rollback(st);
		rc = cmd_fail("import", "%s", why);
		goto out;
	}
	keep = !dry && json_integer_value(json_object_get(json_object_get(rep,
	    "report"), "errors")) == 0;
	if (!keep)
		store_rollback(st);
	else if (import_remember(st, lid, rep) == -1 || store_commit(st) == -1) {
		store_rollback(st);
		rc = cmd_fail("import", "保存失败,未导入任何一行");
		goto out;
	}
	cmd_import_print(rep, keep, dry);
	rc = json_integer_value(json_object_get(json_object_get(rep, "report"),
	    "errors")) == 0 ? 0 : 1;
	if (report && cmd_import_report(&sh, rep, report) != 0)
		rc = 1;
out:
	json_decref(rep);
	json_decref(oj);
	json_decref(l.config);
	buf_free(&b);
	free(u);
	arena_free(a);
	if (st)
		store_close(st);
	return rc;
}
