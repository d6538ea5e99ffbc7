/* What the subcommands share. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "migrate.h"
#include "util.h"

const struct actor cmd_actor = { 0, "命令行", "cli" };

const char *
cmd_default_db(void)
{
	const char *e = getenv("TAIZHANG_DB");

	return e && *e ? e : "var/taizhang.db";
}

int
cmd_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "taizhang %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
cmd_usage(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "taizhang %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "(用法见 taizhang %s --help)\n", cmd);
	return 2;
}

struct store *
cmd_open(const char *cmd, const char *db, bool migrate)
{
	struct store	*st;
	struct stat	 sb;
	char		 err[512];
	int		 applied, v;

	if (!migrate && strncmp(db, "postgres", 8) != 0 && stat(db, &sb) == -1) {
		cmd_fail(cmd, "数据库文件 '%s' 不存在,请先运行 taizhang init", db);
		return NULL;
	}
	if ((st = store_open(db, err, sizeof(err))) == NULL) {
		cmd_fail(cmd, "%s", err);
		return NULL;
	}
	if (migrate) {
		if (store_migrate(st, &applied, err, sizeof(err)) == -1) {
			cmd_fail(cmd, "数据库结构升级失败:%s", err);
			store_close(st);
			return NULL;
		}
	} else if ((v = store_schema_version(st)) <= 0) {
		cmd_fail(cmd, "'%s' 不是台账数据库,请先运行 taizhang init", db);
		store_close(st);
		return NULL;
	} else if (v < migrations[migrations_count - 1].version) {
		cmd_fail(cmd, "数据库 '%s' 的结构是第%d版,本程序需要第%d版:"
		    "请先运行 taizhang init --db %s 升级(数据保留)", db, v,
		    migrations[migrations_count - 1].version, db);
		store_close(st);
		return NULL;
	}
	return st;
}

int
cmd_read_secret(char *out, size_t sz)
{
	size_t n;

	if (isatty(STDIN_FILENO))
		return -1;
	if (fgets(out, (int)sz, stdin) == NULL)
		return -1;
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
		out[--n] = '\0';
	return n ? 0 : -1;
}
