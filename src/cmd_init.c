/*
 * taizhang init [--db F] [--admin LOGIN]
 * Create or migrate the store; create the first admin if there is no
 * user yet, with the password from stdin or a generated one.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "store_user.h"
#include "util.h"

static const char usage_text[] =
    "用法: taizhang init [--db 文件] [--admin 登录名]\n"
    "创建或升级数据库;若还没有用户,创建管理员(默认登录名 admin),\n"
    "密码从标准输入读一行,没有则生成并显示一次。\n";

/* mkdir -p of the directory part of path (for var/taizhang.db). */
static void
cmd_init_mkdir(const char *path)
{
	char	*d, *p;

	d = xstrdup(path);
	for (p = d + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(d, 0755);
			*p = '/';
		}
	free(d);
}

int
cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "admin", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct user	*u;
	const char	*db = cmd_default_db(), *admin = "admin";
	char		 pw[256], gen[17];
	int		 c, rc = 0, ver;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			admin = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("init", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("init", "多余的参数 '%s'", argv[optind]);
	if (strncmp(db, "postgres", 8) != 0)
		cmd_init_mkdir(db);
	if ((st = cmd_open("init", db, true)) == NULL)
		return 1;
	ver = store_schema_version(st);
	printf("数据库 %s 已就绪(结构版本 %d)\n", db, ver);
	if (store_user_count(st) == 0) {
		u = xcalloc(1, sizeof(*u));
		util_strlcpy(u->login, admin, sizeof(u->login));
		util_strlcpy(u->name, "系统管理员", sizeof(u->name));
		u->role = ROLE_ADMIN;
		rc = cmd_user_create(st, u, cmd_read_secret(pw, sizeof(pw)) == 0 ?
		    pw : NULL, gen);
		if (rc == 0) {
			printf("已创建管理员 %s\n", u->login);
			if (gen[0])
				printf("管理员 %s 的初始密码:%s"
				    "(只显示这一次,请妥善保管)\n", u->login, gen);
		}
		free(u);
	}
	store_close(st);
	return rc;
}
