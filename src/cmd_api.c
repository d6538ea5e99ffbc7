/*
 * The command line acting through the API's handlers (cmd_item.c,
 * cmd_ledger.c, cmd_demo.c): the same checks for a script as for the
 * web, and no validation written twice.
 */
#include <string.h>

#include "api_call.h"
#include "cmd.h"
#include "req.h"
#include "router.h"
#include "store_user.h"
#include "util.h"

int
cmd_acting_user(const char *cmd, struct store *st, const char *login,
    struct user *u)
{
	enum store_rc rc;

	memset(u, 0, sizeof(*u));
	if (login) {
		if (store_user_by_login(st, login, u, NULL) != STORE_OK)
			return cmd_fail(cmd, "用户 '%s' 不存在", login);
		if (u->disabled)
			return cmd_fail(cmd, "用户 '%s' 已停用", login);
		return 0;
	}
	if ((rc = store_user_first_admin(st, u)) != STORE_OK &&
	    rc != STORE_NOTFOUND)
		return cmd_fail(cmd, "无法读取用户");
	if (rc == STORE_NOTFOUND || u->id == 0)
		return cmd_fail(cmd, "没有可用的管理员(请先运行 taizhang init,"
		    "或用 --as 指定操作用户)");
	return 0;
}

int
cmd_api_call(struct store *st, struct user *u, const char *method,
    const char *pattern, const char *id, const struct kv *q, size_t nq,
    const char *body, bool in_tx, json_t **out)
{
	struct api_caller c = { st, u, cmd_actor, in_tx };

	c.actor.user_id = u->id;
	return api_call(&c, method, pattern, id, q, nq, body, 0, out);
}

const char *
cmd_api_why(json_t *reply)
{
	static char	 b[512];
	json_t		*e = json_object_get(reply, "error");
	const char	*msg = json_string_value(json_object_get(e, "message"));
	const char	*field = json_string_value(json_object_get(e, "field"));

	if (msg == NULL)
		return "没有回复";
	if (field)
		snprintf(b, sizeof(b), "%s(字段 %s)", msg, field);
	else
		snprintf(b, sizeof(b), "%s", msg);
	return b;
}
