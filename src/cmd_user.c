/*
 * taizhang user add|passwd|list|disable|enable|token
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "place.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

static const char usage_text[] =
    "用法:\n"
    "  taizhang user add [--db F] LOGIN --role admin|supervisor|reporter|viewer\n"
    "        [--name 姓名] [--unit ID]... [--region 区划代码]...\n"
    "        (密码从标准输入读一行;没有则生成并显示)\n"
    "  taizhang user passwd [--db F] LOGIN   (新密码从标准输入读一行)\n"
    "  taizhang user list [--db F]\n"
    "  taizhang user disable|enable [--db F] LOGIN\n"
    "  taizhang user token [--db F] LOGIN [--name 用途]   (显示新的API令牌)\n";

/* JSON of a user for the audit row (no secrets). */
static char *
cmd_user_json(const struct user *u)
{
	return xasprintf("{\"id\":%lld,\"login\":\"%s\",\"role\":\"%s\","
	    "\"disabled\":%s,\"memberships\":%d}", (long long)u->id, u->login,
	    role_name(u->role), u->disabled ? "true" : "false", u->nmemb);
}

int
cmd_user_create(struct store *st, struct user *u, const char *pw,
    char gen[17])
{
	char		 hash[AUTH_HASH_MAX], id[32], *after;
	const char	*why;
	enum store_rc	 rc;

	gen[0] = '\0';
	if ((why = user_login_invalid(u->login)) != NULL)
		return cmd_fail("user", "登录名 '%s' 无效:%s", u->login, why);
	if (pw == NULL) {
		auth_random_password(gen);
		pw = gen;
	} else if ((why = user_password_invalid(pw)) != NULL)
		return cmd_fail("user", "%s", why);
	if (auth_hash_password(pw, hash) == -1)
		return cmd_fail("user", "无法计算密码散列");
	if (store_begin(st, true) == -1)
		return cmd_fail("user", "数据库忙,请稍后重试");
	rc = store_user_add(st, u, hash);
	if (rc == STORE_OK) {
		snprintf(id, sizeof(id), "%lld", (long long)u->id);
		after = cmd_user_json(u);
		rc = store_audit_add(st, &cmd_actor, "create", "user", id, NULL,
		    after);
		free(after);
	}
	if (rc != STORE_OK || store_commit(st) == -1) {
		store_rollback(st);
		if (rc == STORE_CONFLICT)
			return cmd_fail("user", "登录名 '%s' 已存在", u->login);
		return cmd_fail("user", "无法保存用户");
	}
	return 0;
}

static int
cmd_user_add(struct store *st, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "unit", required_argument, NULL, 'u' },
		{ "region", required_argument, NULL, 'g' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct user	*u;
	struct unit	 un;
	struct place	 p;
	char		 pw[256], gen[17];
	int		 c, rc = 2;
	int64_t		 id;

	u = xcalloc(1, sizeof(*u));
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		struct membership *m = &u->memb[u->nmemb];
		switch (c) {
		case 'r':
			if ((u->role = role_parse(optarg)) == ROLE_NONE) {
				cmd_usage("user", "未知角色 '%s'", optarg);
				goto out;
			}
			break;
		case 'n':
			util_strlcpy(u->name, optarg, sizeof(u->name));
			break;
		case 'u':
		case 'g':
			if (u->nmemb >= USER_MEMB_MAX) {
				cmd_usage("user", "单位和区域最多%d个",
				    USER_MEMB_MAX);
				goto out;
			}
			if (c == 'u') {
				if (util_parse_int64(optarg, &id) == -1 ||
				    store_unit_get(st, id, &un) != STORE_OK) {
					rc = cmd_fail("user", "单位 '%s' 不存在",
					    optarg);
					goto out;
				}
				m->unit_id = id;
			} else if (place_code_norm(optarg, m->region) == -1 ||
			    store_place_get(st, m->region, &p) != STORE_OK) {
				rc = cmd_fail("user", "区划 '%s' 不存在"
				    "(是否已运行 taizhang places load?)", optarg);
				goto out;
			}
			m->is_main = u->nmemb == 0;
			u->nmemb++;
			break;
		default:
			goto out;
		}
	}
	if (optind != argc - 1 || u->role == ROLE_NONE) {
		cmd_usage("user", "user add 需要 LOGIN 和 --role");
		goto out;
	}
	util_strlcpy(u->login, argv[optind], sizeof(u->login));
	if (u->name[0] == '\0')
		util_strlcpy(u->name, u->login, sizeof(u->name));
	for (c = 0; c < u->nmemb; c++)
		u->memb[c].role = u->role == ROLE_ADMIN ? ROLE_SUPERVISOR :
		    u->role;
	if ((rc = cmd_user_create(st, u, cmd_read_secret(pw, sizeof(pw)) == 0 ?
	    pw : NULL, gen)) != 0)
		goto out;
	printf("已创建用户 %s(%s),编号 %lld\n", u->login, role_label(u->role),
	    (long long)u->id);
	if (gen[0])
		printf("初始密码:%s(只显示这一次,请妥善保管)\n", gen);
out:
	free(u);
	return rc;
}

/* Load LOGIN or fail. */
static int
cmd_user_find(struct store *st, const char *login, struct user *u)
{
	if (store_user_by_login(st, login, u, NULL) != STORE_OK)
		return cmd_fail("user", "用户 '%s' 不存在", login);
	return 0;
}

/* Run fn in a write transaction with an audit row. */
static int
cmd_user_write(struct store *st, struct user *u, const char *action,
    enum store_rc rc)
{
	char id[32], *after;

	if (rc == STORE_OK) {
		snprintf(id, sizeof(id), "%lld", (long long)u->id);
		after = cmd_user_json(u);
		rc = store_audit_add(st, &cmd_actor, action, "user", id, NULL,
		    after);
		free(after);
	}
	if (rc != STORE_OK || store_commit(st) == -1) {
		store_rollback(st);
		return cmd_fail("user", "无法保存");
	}
	return 0;
}

static int
cmd_user_passwd(struct store *st, const char *login)
{
	struct user	u;
	char		pw[256], hash[AUTH_HASH_MAX];
	const char	*why;
	enum store_rc	rc;

	if (cmd_user_find(st, login, &u) != 0)
		return 1;
	if (cmd_read_secret(pw, sizeof(pw)) == -1)
		return cmd_fail("user", "请从标准输入提供新密码,如:"
		    "echo '新密码' | taizhang user passwd %s", login);
	if ((why = user_password_invalid(pw)) != NULL)
		return cmd_fail("user", "%s", why);
	if (auth_hash_password(pw, hash) == -1 || store_begin(st, true) == -1)
		return cmd_fail("user", "无法修改密码");
	rc = store_user_set_password(st, u.id, hash);
	if (rc == STORE_OK)
		rc = store_user_logout_all(st, u.id, true);
	if (cmd_user_write(st, &u, "password", rc) != 0)
		return 1;
	printf("已修改用户 %s 的密码;其会话和API令牌已失效\n", login);
	return 0;
}

static int
cmd_user_disable(struct store *st, const char *login, bool off)
{
	struct user	u;
	enum store_rc	rc;

	if (cmd_user_find(st, login, &u) != 0)
		return 1;
	if (store_begin(st, true) == -1)
		return cmd_fail("user", "数据库忙,请稍后重试");
	rc = store_user_set_disabled(st, u.id, off);
	if (rc == STORE_OK && off)
		rc = store_user_logout_all(st, u.id, true);
	u.disabled = off;
	if (cmd_user_write(st, &u, off ? "disable" : "enable", rc) != 0)
		return 1;
	printf("已%s用户 %s\n", off ? "停用" : "启用", login);
	return 0;
}

static int
cmd_user_token(struct store *st, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct user	 u;
	const char	*name = "命令行生成";
	char		 tok[AUTH_TOKEN_LEN + 1];
	int		 c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'n')
			return 2;
		name = optarg;
	}
	if (optind != argc - 1)
		return cmd_usage("user", "user token 需要 LOGIN");
	if (cmd_user_find(st, argv[optind], &u) != 0)
		return 1;
	if (store_begin(st, true) == -1)
		return cmd_fail("user", "数据库忙,请稍后重试");
	if (cmd_user_write(st, &u, "token",
	    store_token_new(st, u.id, name, tok)) != 0)
		return 1;
	printf("%s\n", tok);
	return 0;
}

static int
cmd_user_print(const struct user *u, void *arg)
{
	int i;

	(void)arg;
	printf("%lld\t%s\t%s\t%s\t%s\t", (long long)u->id, u->login, u->name,
	    role_name(u->role), u->disabled ? "停用" : "正常");
	for (i = 0; i < u->nmemb; i++)
		printf("%s%s:%s", i ? "," : "", role_name(u->memb[i].role),
		    u->memb[i].label);
	printf("\n");
	return 0;
}

int
cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	const char	*db = cmd_default_db(), *sub;
	char		**rest;
	int		 c, n, rc;

	/* --db and --help may come anywhere; the rest goes to the verb */
	rest = xcalloc((size_t)argc + 1, sizeof(*rest));
	n = 0;
	for (c = 0; c < argc; c++) {
		if (strcmp(argv[c], "--help") == 0 || strcmp(argv[c], "-h") == 0) {
			fputs(usage_text, stdout);
			free(rest);
			return 0;
		}
		if (strcmp(argv[c], "--db") == 0 && c + 1 < argc) {
			db = argv[++c];
			continue;
		}
		if (strncmp(argv[c], "--db=", 5) == 0) {
			db = argv[c] + 5;
			continue;
		}
		rest[n++] = argv[c];
	}
	(void)opts;
	if (n < 2) {
		free(rest);
		fputs(usage_text, stderr);
		return 2;
	}
	sub = rest[1];
	if ((st = cmd_open("user", db, false)) == NULL) {
		free(rest);
		return 1;
	}
	if (strcmp(sub, "add") == 0)
		rc = cmd_user_add(st, n - 1, rest + 1);
	else if (strcmp(sub, "list") == 0)
		rc = store_user_list(st, cmd_user_print, NULL) == STORE_OK ? 0 :
		    cmd_fail("user", "无法读取用户");
	else if (strcmp(sub, "token") == 0)
		rc = cmd_user_token(st, n - 1, rest + 1);
	else if (n != 3)
		rc = cmd_usage("user", "user %s 需要一个 LOGIN", sub);
	else if (strcmp(sub, "passwd") == 0)
		rc = cmd_user_passwd(st, rest[2]);
	else if (strcmp(sub, "disable") == 0)
		rc = cmd_user_disable(st, rest[2], true);
	else if (strcmp(sub, "enable") == 0)
		rc = cmd_user_disable(st, rest[2], false);
	else
		rc = cmd_usage("user", "未知的子命令 '%s'", sub);
	store_close(st);
	free(rest);
	return rc;
}
