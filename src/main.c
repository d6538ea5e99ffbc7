/*
 * taizhang: global options and the subcommand table.
 */
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "cmd.h"
#include "util.h"
#include "version.h"

static const struct {
	const char	*name;
	int		 (*fn)(int, char **);
	const char	*summary;
} cmds[] = {
	{ "init", cmd_init, "创建或升级数据库,并创建首个管理员" },
	{ "serve", cmd_serve, "启动网页服务" },
	{ "places", cmd_places, "导入和查询行政区划(places load|search|get)" },
	{ "user", cmd_user, "用户管理(user add|passwd|list|disable|enable|token)" },
	{ "backup", cmd_backup, "在线备份数据库" },
	{ "restore", cmd_restore, "用备份替换数据库(须先停止服务)" },
	{ "check", cmd_check, "检查数据库完整性" },
	{ "copy", cmd_copy, "在 SQLite 与 PostgreSQL 之间复制整个数据库" },
	{ "ledger", cmd_ledger, "台账(ledger list|show)" },
	{ "item", cmd_item, "事项(item add|list),供脚本使用" },
	{ "import", cmd_import, "从 Excel(.xlsx/.xls)或 CSV 导入事项到台账" },
	{ "export", cmd_export, "导出台账事项为 Excel 或 CSV,或下载空白导入模板" },
	{ "demo", cmd_demo, "导入演示数据(单位、老区村、用户和六本台账)" },
};

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "台账 taizhang %s — 老区建设与民生实事工作台账系统\n\n"
	    "用法: taizhang <命令> [选项]\n\n命令:\n", TAIZHANG_VERSION);
	for (i = 0; i < NELEM(cmds); i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].summary);
	fprintf(f, "\n每个命令都有 --help。数据库默认为 var/taizhang.db"
	    "(或环境变量 TAIZHANG_DB),用 --db 指定。\n");
}

int
main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("taizhang %s\n", TAIZHANG_VERSION);
		return 0;
	}
	if (auth_init() == -1) {
		fprintf(stderr, "taizhang: 无法初始化加密库 libsodium\n");
		return 1;
	}
	for (i = 0; i < NELEM(cmds); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "taizhang: 未知命令 '%s'(taizhang --help 列出全部命令)\n",
	    argv[1]);
	return 2;
}
