/*
 * taizhang item add|list [--db F]: the items of a ledger, for scripts.
 *
 * Nothing here validates an item.  Each request is built by hand
 * (req_fake) and given to the handler that the route table names for
 * it, as the router would after authenticating: the acting user (the
 * first enabled admin, or --as LOGIN) must hold the route's role, and
 * the handler applies the same fields, dictionaries, scope and audit
 * as over HTTP.  The audit rows name the acting user, from "cli".
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "cmd.h"
#include "req.h"
#include "router.h"
#include "store_ledger.h"
#include "store_user.h"
#include "util.h"

#define ITEM_STDIN_MAX	(64 * 1024 * 1024)	/* bytes of JSON on stdin */
#define ITEM_BATCH_MAX	10000			/* items per `item add` */
#define ITEM_PAGE	500			/* the API's largest limit */

#define PAT_ITEMS	"/api/v1/ledgers/:id/items"

static const char usage_text[] =
    "用法:\n"
    "  taizhang item add [--db 文件] --ledger 台账编号 [--as 登录名] < 事项.json\n"
    "        从标准输入读一个JSON对象或对象数组,字段同接口\n"
    "        POST /api/v1/ledgers/{id}/items(title, category, places, lead_unit_id,\n"
    "        amount(以元计的文字), start, deadline, progress, state, custom ...)。\n"
    "        全部通过检查才保存,有一项出错则一项也不保存;\n"
    "        每个新事项输出一行JSON,重复建设提醒写到标准错误。\n"
    "  taizhang item list [--db 文件] [--ledger 台账编号] [--as 登录名]\n"
    "        [--state 状态] [--light red|yellow|blue|grey] [--q 文字]\n"
    "        [--category 类别] [--place 区划代码] [--unit 单位编号] [--limit N]\n"
    "        每个事项输出一行JSON;不给 --limit 时输出全部,不给 --ledger 时列出所有台账的事项。\n"
    "默认以第一个管理员的身份操作;--as 换成其他用户,其角色和管辖范围照常生效。\n";

/* Set while `item add` holds the batch's transaction. */
static bool	cmd_item_in_tx;

/* The handler of (method, pattern) as u (cmd_api_call). */
static int
cmd_item_call(struct store *st, struct user *u, const char *method,
    const char *pattern, const char *id, const struct kv *q, size_t nq,
    const char *body, json_t **out)
{
	return cmd_api_call(st, u, method, pattern, id, q, nq, body,
	    cmd_item_in_tx, out);
}

static const char *
cmd_item_err(json_t *reply, const char *key)
{
	const char *s;

	s = json_string_value(json_object_get(json_object_get(reply, "error"),
	    key));
	return s ? s : "";
}

/* Print the error of a reply, after "第N项:" if n > 0 and with tail;
 * returns 1. */
static int
cmd_item_fail(size_t n, json_t *reply, const char *tail)
{
	const char	*msg = cmd_item_err(reply, "message");
	const char	*field = cmd_item_err(reply, "field");
	char		 num[32] = "";

	if (*msg == '\0')
		msg = "未知错误";
	if (n)	/* at most 29 bytes: cannot be cut */
		snprintf(num, sizeof(num), "第%zu项:", n);
	if (*field)
		return cmd_fail("item", "%s%s(字段 %s)%s", num, msg, field, tail);
	return cmd_fail("item", "%s%s%s", num, msg, tail);
}

/* Duplicate-construction warnings of created item n, on stderr. */
static void
cmd_item_warn(size_t n, json_t *item)
{
	json_t	*w;
	size_t	 i;

	json_array_foreach(json_object_get(item, "warnings"), i, w)
		fprintf(stderr, "taizhang item: 提醒:第%zu项 %s(已有事项 %lld"
		    "「%s」)\n", n, json_string_value(json_object_get(w,
		    "reason")) ? json_string_value(json_object_get(w, "reason")) :
		    "可能重复建设", (long long)json_integer_value(json_object_get(w,
		    "item_id")), json_string_value(json_object_get(w, "title")) ?
		    json_string_value(json_object_get(w, "title")) : "");
}

/* The explicit "seq" of an item body, or 0. */
static int64_t
cmd_item_seq(json_t *o)
{
	json_t *v = json_object_get(o, "seq");

	return json_is_integer(v) ? json_integer_value(v) : 0;
}

/* The created items, in input order (NULL: not created). */
static void
cmd_item_print(FILE *out, char **lines, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (lines[i])
			fprintf(out, "%s\n", lines[i]);
	fflush(out);
}

/*
 * Create the items of text (one JSON object or an array of them) in
 * ledger `ledger` as u, all or none, and print each created item as
 * one JSON line on out, in input order.  The first error goes to
 * stderr with the item's number and field.  Returns the exit status.
 *
 * All or none: the batch runs in one write transaction of ours, and
 * each item goes through the API's own handler with r->in_tx set, so
 * the handler checks and writes (with its audit row) inside it and
 * leaves commit and rollback to us.  Items that ask for a sequence
 * number are created first, so that none numbered by the ledger takes
 * a number a later one asks for.
 */
static int
cmd_item_add_text(struct store *st, struct user *u, const char *ledger,
    const char *text, size_t len, FILE *out)
{
	json_t		*in = NULL, *arr, *o, *reply = NULL;
	json_error_t	 e;
	char		**bodies = NULL, **lines = NULL;
	size_t		 n = 0, i, k, *order = NULL;
	int		 status, rc = 1;

	/* the ledger first: a bad id is the command line's fault */
	status = cmd_item_call(st, u, "GET", "/api/v1/ledgers/:id", ledger,
	    NULL, 0, NULL, &reply);
	if (status != 200) {
		if (status == 400)
			rc = cmd_usage("item", "%s", cmd_item_err(reply, "message"));
		else
			cmd_item_fail(0, reply, "");
		goto out;
	}
	json_decref(reply);
	reply = NULL;

	for (i = 0; i < len && (text[i] == ' ' || text[i] == '\t' ||
	    text[i] == '\r' || text[i] == '\n'); i++)
		;
	if (i == len) {
		cmd_fail("item", "标准输入为空,请提供事项的JSON");
		goto out;
	}
	if ((in = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e)) == NULL) {
		cmd_fail("item", "标准输入不是有效的JSON(第%d行第%d列)", e.line,
		    e.column);
		goto out;
	}
	if (json_is_object(in)) {
		arr = json_array();
		json_array_append_new(arr, in);
		in = arr;
	}
	if (!json_is_array(in) || json_array_size(in) == 0 ||
	    json_array_size(in) > ITEM_BATCH_MAX) {
		cmd_fail("item", "标准输入应为一个事项(JSON对象)或1到%d个事项的"
		    "数组", ITEM_BATCH_MAX);
		goto out;
	}
	n = json_array_size(in);
	bodies = xcalloc(n, sizeof(*bodies));
	lines = xcalloc(n, sizeof(*lines));
	order = xcalloc(n, sizeof(*order));
	json_array_foreach(in, i, o) {
		if (!json_is_object(o)) {
			cmd_fail("item", "第%zu项应为JSON对象", i + 1);
			goto out;
		}
		if ((bodies[i] = json_dumps(o, JSON_COMPACT)) == NULL)
			xdie("json_dumps");
	}

	if (store_begin(st, true) == -1) {
		cmd_fail("item", "数据库忙,请稍后重试");
		goto out;
	}
	cmd_item_in_tx = true;
	/* numbered items first */
	for (k = 0, i = 0; i < n; i++)
		if (cmd_item_seq(json_array_get(in, i)))
			order[k++] = i;
	for (i = 0; i < n; i++)
		if (!cmd_item_seq(json_array_get(in, i)))
			order[k++] = i;
	for (k = 0; k < n; k++) {
		i = order[k];
		status = cmd_item_call(st, u, "POST", PAT_ITEMS, ledger, NULL, 0,
		    bodies[i], &reply);
		if (status != 201) {
			store_rollback(st);
			cmd_item_fail(i + 1, reply, ";未保存任何事项");
			goto out;
		}
		cmd_item_warn(i + 1, reply);
		if ((lines[i] = json_dumps(reply, JSON_COMPACT)) == NULL)
			xdie("json_dumps");
		json_decref(reply);
		reply = NULL;
	}
	if (store_commit(st) == -1) {
		store_rollback(st);
		cmd_fail("item", "无法保存(数据库错误),未保存任何事项");
		goto out;
	}
	cmd_item_print(out, lines, n);
	rc = 0;
out:
	cmd_item_in_tx = false;
	for (i = 0; i < n; i++) {
		free(bodies[i]);
		free(lines[i]);
	}
	free(bodies);
	free(lines);
	free(order);
	json_decref(reply);
	json_decref(in);
	return rc;
}

/*
 * Print the items of ledger (NULL: of all ledgers) matching the query
 * q[nq] (room for two more: limit and offset), at most limit of them
 * (0: all), one JSON line each, page by page.  Returns the exit status.
 */
static int
cmd_item_list(struct store *st, struct user *u, const char *ledger,
    struct kv *q, size_t nq, int64_t limit, FILE *out)
{
	json_t	*reply = NULL, *items, *it;
	char	 lim[24], off[24], *line;
	int64_t	 printed = 0, want;
	size_t	 i;
	int	 status, rc = 0;

	q[nq].key = "limit";
	q[nq].val = lim;
	q[nq + 1].key = "offset";
	q[nq + 1].val = off;
	for (;;) {
		want = ITEM_PAGE;
		if (limit > 0 && limit - printed < want)
			want = limit - printed;
		snprintf(lim, sizeof(lim), "%lld", (long long)want);
		snprintf(off, sizeof(off), "%lld", (long long)printed);
		status = cmd_item_call(st, u, "GET", ledger ? PAT_ITEMS :
		    "/api/v1/items", ledger, q, nq + 2, NULL, &reply);
		if (status != 200) {
			rc = status == 400 ? cmd_usage("item", "%s",
			    cmd_item_err(reply, "message")) :
			    cmd_item_fail(0, reply, "");
			break;
		}
		items = json_object_get(reply, "items");
		json_array_foreach(items, i, it) {
			if ((line = json_dumps(it, JSON_COMPACT)) == NULL)
				xdie("json_dumps");
			fprintf(out, "%s\n", line);
			free(line);
		}
		printed += (int64_t)json_array_size(items);
		if (json_array_size(items) == 0 || printed >=
		    json_integer_value(json_object_get(reply, "total")) ||
		    (limit > 0 && printed >= limit))
			break;
		json_decref(reply);
		reply = NULL;
	}
	json_decref(reply);
	fflush(out);
	return rc;
}

/* Read all of f, at most ITEM_STDIN_MAX bytes; -1 if more or on error. */
static int
cmd_item_read(FILE *f, struct buf *b)
{
	char	chunk[16384];
	size_t	n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(b, chunk, n) == -1)
			return -1;
	return ferror(f) ? -1 : 0;
}

int
cmd_item(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "ledger", required_argument, NULL, 'l' },
		{ "as", required_argument, NULL, 'a' },
		{ "limit", required_argument, NULL, 'n' },
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
	struct buf	 b;
	struct kv	 q[NELEM(opts) + 2];
	const char	*db = cmd_default_db(), *ledger = NULL, *as = NULL, *verb;
	size_t		 nq = 0, k;
	int64_t		 limit = 0;
	int		 c, idx, rc = 1;

	buf_init(&b, ITEM_STDIN_MAX);
	while ((c = getopt_long(argc, argv, "h", opts, &idx)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			ledger = optarg;
			break;
		case 'a':
			as = optarg;
			break;
		case 'n':
			if (util_parse_int64(optarg, &limit) == -1 || limit < 1)
				return cmd_usage("item", "--limit 应为正整数");
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
			return cmd_usage("item", "选项有误");
		}
	}
	if (optind == argc)
		return cmd_usage("item", "缺少 add 或 list");
	if (optind != argc - 1)
		return cmd_usage("item", "多余的参数 '%s'", argv[argc - 1]);
	verb = argv[optind];
	if (strcmp(verb, "add") == 0) {
		if (ledger == NULL)
			return cmd_usage("item", "item add 需要 --ledger 台账编号");
		if (nq || limit)
			return cmd_usage("item", "筛选条件和 --limit 只用于 item list");
		if (isatty(STDIN_FILENO))
			return cmd_usage("item", "请从标准输入提供事项JSON,如 "
			    "taizhang item add --ledger 1 < 事项.json");
	} else if (strcmp(verb, "list") != 0)
		return cmd_usage("item", "未知的子命令 '%s'", verb);
	if ((st = cmd_open("item", db, false)) == NULL)
		goto out;
	u = xcalloc(1, sizeof(*u));
	if (cmd_acting_user("item", st, as, u) != 0)
		goto out;
	if (strcmp(verb, "list") == 0)
		rc = cmd_item_list(st, u, ledger, q, nq, limit, stdout);
	else if (cmd_item_read(stdin, &b) == -1)
		rc = cmd_fail("item", "无法读取标准输入,或超过%dMB",
		    ITEM_STDIN_MAX / (1024 * 1024));
	else
		rc = cmd_item_add_text(st, u, ledger, b.data ? b.data : "",
		    b.len, stdout);
out:
	buf_free(&b);
	free(u);
	if (st)
		store_close(st);
	return rc;
}
