/*
 * taizhang backup [--db F] OUT     online backup, safe while serving
 * taizhang restore [--db F] BACKUP replace a stopped store by a backup
 * taizhang check [--db F]          integrity check
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"

/* Parse --db and --help; returns -1 to go on, else an exit status. */
static int
cmd_db_opts(const char *cmd, const char *usage, int argc, char **argv,
    const char **db)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	*db = cmd_default_db();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			*db = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			return cmd_usage(cmd, "选项有误");
		}
	}
	return -1;
}

int
cmd_backup(int argc, char **argv)
{
	struct store	*st;
	const char	*db;
	char		 err[256];
	int		 rc;

	if ((rc = cmd_db_opts("backup", "用法: taizhang backup [--db 文件] "
	    "备份文件\n在线备份,服务运行时也可执行。\n", argc, argv, &db)) != -1)
		return rc;
	if (optind != argc - 1)
		return cmd_usage("backup", "需要一个备份文件名");
	if ((st = cmd_open("backup", db, false)) == NULL)
		return 1;
	rc = 0;
	if (store_backup(st, argv[optind], err, sizeof(err)) == -1)
		rc = cmd_fail("backup", "备份失败:%s", err);
	else
		printf("已备份到 %s\n", argv[optind]);
	store_close(st);
	return rc;
}

int
cmd_restore(int argc, char **argv)
{
	const char	*db;
	char		 err[512];
	int		 rc;

	if ((rc = cmd_db_opts("restore", "用法: taizhang restore [--db 文件] "
	    "备份文件\n用备份替换数据库:先检查备份(完整性、结构版本),"
	    "再整体替换。\n须先停止使用该数据库的服务。PostgreSQL 数据库"
	    "请用 pg_restore 恢复 pg_dump 的备份。\n", argc, argv, &db)) != -1)
		return rc;
	if (optind != argc - 1)
		return cmd_usage("restore", "需要一个备份文件名");
	if (store_restore(db, argv[optind], err, sizeof(err)) == -1)
		return cmd_fail("restore", "恢复失败:%s", err);
	printf("已用 %s 恢复数据库 %s\n", argv[optind], db);
	return 0;
}

int
cmd_check(int argc, char **argv)
{
	struct store	*st;
	const char	*db;
	char		 msg[512];
	int		 rc;

	if ((rc = cmd_db_opts("check", "用法: taizhang check [--db 文件]\n"
	    "检查数据库完整性。\n", argc, argv, &db)) != -1)
		return rc;
	if (optind != argc)
		return cmd_usage("check", "多余的参数 '%s'", argv[optind]);
	if ((st = cmd_open("check", db, false)) == NULL)
		return 1;
	rc = 0;
	if (store_check(st, msg, sizeof(msg)) == -1)
		rc = cmd_fail("check", "数据库不完整:%s", msg);
	else
		printf("数据库完整(%s)\n", msg);
	store_close(st);
	return rc;
}
