/*
 * taizhang demo [--db F]
 * Load the project's demo fixture (data/demo.json, built into the
 * binary): the 永济市 old-area association, its member departments and
 * towns, the old-area villages they invest in, and three demo users.
 * Once per store; the places must be loaded first.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "store_place.h"
#include "store_unit.h"
#include "store_user.h"
#include "util.h"

extern const char demo_json[];

static const char usage_text[] =
    "用法: taizhang demo [--db 文件]\n"
    "导入演示数据:永济市老促会、理事单位和乡镇、老区村、演示用户。\n"
    "需先运行 taizhang places load;每个数据库只导入一次。\n";

struct demo_unit {
	const char	*key;
	int64_t		 id;
};

static int64_t
demo_unit_id(const struct demo_unit *u, size_t n, const char *key)
{
	size_t i;

	for (i = 0; key && i < n; i++)
		if (strcmp(u[i].key, key) == 0)
			return u[i].id;
	return 0;
}

static int
demo_units(struct store *st, json_t *arr, struct demo_unit *map, size_t *nmap)
{
	json_t		*o;
	size_t		 i;
	struct unit	 u;
	char		 id[32];

	json_array_foreach(arr, i, o) {
		memset(&u, 0, sizeof(u));
		map[*nmap].key = json_string_value(json_object_get(o, "key"));
		util_strlcpy(u.name, json_string_value(json_object_get(o,
		    "name")), sizeof(u.name));
		util_strlcpy(u.kind, json_string_value(json_object_get(o,
		    "kind")), sizeof(u.kind));
		if (json_is_string(json_object_get(o, "place")))
			util_strlcpy(u.place_code, json_string_value(
			    json_object_get(o, "place")), sizeof(u.place_code));
		u.parent_id = demo_unit_id(map, *nmap, json_string_value(
		    json_object_get(o, "parent")));
		if (store_unit_add(st, &u) != STORE_OK)
			return cmd_fail("demo", "无法创建单位 %s", u.name);
		snprintf(id, sizeof(id), "%lld", (long long)u.id);
		if (store_audit_add(st, &cmd_actor, "create", "unit", id, NULL,
		    u.name) != STORE_OK)
			return cmd_fail("demo", "无法记录操作日志");
		map[(*nmap)++].id = u.id;
	}
	return 0;
}

static int
demo_places(struct store *st, json_t *arr)
{
	json_t		*o;
	size_t		 i;
	struct place	 p;
	const char	*code, *cls;

	json_array_foreach(arr, i, o) {
		code = json_string_value(json_object_get(o, "code"));
		cls = json_string_value(json_object_get(o, "class"));
		if (code == NULL || store_place_get(st, code, &p) != STORE_OK)
			return cmd_fail("demo", "区划 %s 不存在(请先运行 "
			    "taizhang places load)", code ? code : "?");
		if (store_place_set_class(st, code, cls) != STORE_OK ||
		    store_audit_add(st, &cmd_actor, "update", "place", code,
		    NULL, cls) != STORE_OK)
			return cmd_fail("demo", "无法标记老区村 %s", code);
	}
	return 0;
}

static int
demo_users(struct store *st, json_t *arr, const struct demo_unit *map,
    size_t nmap)
{
	json_t		*o, *v;
	size_t		 i, k;
	struct user	*u;
	char		 gen[17];
	int		 rc = 0;

	u = xcalloc(1, sizeof(*u));
	json_array_foreach(arr, i, o) {
		memset(u, 0, sizeof(*u));
		util_strlcpy(u->login, json_string_value(json_object_get(o,
		    "login")), sizeof(u->login));
		util_strlcpy(u->name, json_string_value(json_object_get(o,
		    "name")), sizeof(u->name));
		u->role = role_parse(json_string_value(json_object_get(o,
		    "role")));
		json_array_foreach(json_object_get(o, "units"), k, v) {
			u->memb[u->nmemb].role = u->role;
			u->memb[u->nmemb].is_main = u->nmemb == 0;
			u->memb[u->nmemb++].unit_id = demo_unit_id(map, nmap,
			    json_string_value(v));
		}
		json_array_foreach(json_object_get(o, "regions"), k, v) {
			u->memb[u->nmemb].role = u->role;
			util_strlcpy(u->memb[u->nmemb++].region,
			    json_string_value(v), PLACE_CODE_MAX);
		}
		/* cmd_user_create runs its own transaction */
		if ((rc = cmd_user_create(st, u, NULL, gen)) != 0)
			break;
		printf("演示用户 %-10s %s(%s) 密码:%s\n", u->login, u->name,
		    role_label(u->role), gen);
	}
	free(u);
	return rc;
}

int
cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct demo_unit	*map = NULL;
	json_t			*d = NULL;
	json_error_t		 e;
	const char		*db = cmd_default_db();
	char			 flag[8];
	size_t			 nmap = 0;
	int			 c, rc = 1;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("demo", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("demo", "多余的参数 '%s'", argv[optind]);
	if ((st = cmd_open("demo", db, false)) == NULL)
		return 1;
	if (store_meta_get(st, "demo", flag, sizeof(flag)) == STORE_OK) {
		printf("演示数据已导入过,未重复导入\n");
		rc = 0;
		goto out;
	}
	if ((d = json_loads(demo_json, 0, &e)) == NULL) {
		cmd_fail("demo", "演示数据损坏:第%d行 %s", e.line, e.text);
		goto out;
	}
	map = xcalloc(json_array_size(json_object_get(d, "units")) + 1,
	    sizeof(*map));
	if (store_begin(st, true) == -1) {
		cmd_fail("demo", "数据库忙,请稍后重试");
		goto out;
	}
	if (demo_units(st, json_object_get(d, "units"), map, &nmap) != 0 ||
	    demo_places(st, json_object_get(d, "old_area_places")) != 0 ||
	    store_meta_set(st, "demo", "1") != STORE_OK ||
	    store_commit(st) == -1) {
		store_rollback(st);
		goto out;
	}
	printf("已导入演示单位 %zu 个,老区村 %zu 个\n", nmap,
	    json_array_size(json_object_get(d, "old_area_places")));
	rc = demo_users(st, json_object_get(d, "users"), map, nmap);
out:
	json_decref(d);
	free(map);
	store_close(st);
	return rc;
}
