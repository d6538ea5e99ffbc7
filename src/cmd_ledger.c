/*
 * taizhang ledger list|show [--db F]: the ledgers, for scripts.
 *
 * Like `taizhang item`, it reads through the API's own handlers on a
 * request built by hand, as the router would once the caller is known:
 * the acting user is the first enabled admin, or --as LOGIN.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "req.h"
#include "router.h"
#include "store_user.h"
#include "util.h"

static const char usage_text[] =
    "用法:\n"
    "  taizhang ledger list [--db 文件] [--as 登录名]\n"
    "        每个台账一行,以制表符分隔:编号、名称、类型、年度、事项数\n"
    "  taizhang ledger show [--db 文件] [--as 登录名] 台账编号\n"
    "        台账的JSON:栏目、字典、状态与办理流程\n"
    "默认以第一个管理员的身份读取;--as 换成其他用户。\n";

/* GET pattern as u with :id = id (cmd_api_call). */
static int
cmd_ledger_get(struct store *st, struct user *u, const char *pattern,
    const char *id, json_t **out)
{
	return cmd_api_call(st, u, "GET", pattern, id, NULL, 0, NULL, false,
	    out);
}

/* id, name, kind, year and item count of every ledger, tab-separated. */
static int
cmd_ledger_list(struct store *st, struct user *u)
{
	json_t	*reply, *l, *year;
	size_t	 i;
	int	 status;

	if ((status = cmd_ledger_get(st, u, "/api/v1/ledgers", NULL,
	    &reply)) != 200) {
		cmd_fail("ledger", "%s", cmd_api_why(reply));
		json_decref(reply);
		return 1;
	}
	json_array_foreach(json_object_get(reply, "items"), i, l) {
		year = json_object_get(l, "year");
		printf("%lld\t%s\t%s\t", (long long)json_integer_value(
		    json_object_get(l, "id")), json_string_value(json_object_get(
		    l, "name")), json_string_value(json_object_get(l, "kind")));
		if (json_is_integer(year))
			printf("%lld", (long long)json_integer_value(year));
		printf("\t%lld\n", (long long)json_integer_value(json_object_get(
		    l, "item_count")));
	}
	json_decref(reply);
	return 0;
}

/* The ledger id as JSON: 1 if absent, 2 if id is not an id. */
static int
cmd_ledger_show(struct store *st, struct user *u, const char *id)
{
	json_t	*reply;
	int	 status, rc = 0;

	status = cmd_ledger_get(st, u, "/api/v1/ledgers/:id", id, &reply);
	if (status == 200) {
		json_dumpf(reply, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (status == 404)
		rc = cmd_fail("ledger", "台账 '%s' 不存在", id);
	else if (status == 400)
		rc = cmd_usage("ledger", "台账编号 '%s' 无效", id);
	else if (status == 403)
		rc = 1;
	else
		rc = cmd_fail("ledger", "%s", cmd_api_why(reply));
	json_decref(reply);
	return rc;
}

int
cmd_ledger(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "as", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	struct user	*u;
	const char	*db = cmd_default_db(), *as = NULL, *verb;
	int		 c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("ledger", "选项有误");
		}
	}
	if (optind == argc)
		return cmd_usage("ledger", "缺少 list 或 show");
	verb = argv[optind];
	if (strcmp(verb, "list") == 0) {
		if (optind + 1 != argc)
			return cmd_usage("ledger", "多余的参数 '%s'",
			    argv[optind + 1]);
	} else if (strcmp(verb, "show") == 0) {
		if (optind + 2 != argc)
			return cmd_usage("ledger", "ledger show 需要一个台账编号");
	} else
		return cmd_usage("ledger", "未知的子命令 '%s'", verb);
	if ((st = cmd_open("ledger", db, false)) == NULL)
		return 1;
	u = xcalloc(1, sizeof(*u));
	if (cmd_acting_user("ledger", st, as, u) == 0)
		rc = strcmp(verb, "list") == 0 ? cmd_ledger_list(st, u) :
		    cmd_ledger_show(st, u, argv[optind + 1]);
	free(u);
	store_close(st);
	return rc;
}
