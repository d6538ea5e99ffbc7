/* Ledgers in the store, and the unit closure that scope joins on. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "store_ledger.h"
#include "util.h"

/*
 * Parsed configs by their text.  Every request reads its ledger, and
 * parsing the config was a tenth of the CPU of a read or a create.  The
 * objects are shared by the threads and only read: jansson's reference
 * counts are atomic, and a changed config is a new object (api_ledgers.c
 * takes the body's), never an edit of the one read.
 */
#define CONFIG_SLOTS	16

static struct {
	char	*text;
	json_t	*cfg;
} configs[CONFIG_SLOTS];
static pthread_mutex_t configs_lock = PTHREAD_MUTEX_INITIALIZER;

static json_t *
store_ledger_config(const char *text)
{
	size_t	 k = util_hash(text) % CONFIG_SLOTS;
	json_t	*cfg = NULL;

	pthread_mutex_lock(&configs_lock);
	if (configs[k].text && strcmp(configs[k].text, text) == 0)
		cfg = json_incref(configs[k].cfg);
	pthread_mutex_unlock(&configs_lock);
	if (cfg)
		return cfg;
	if ((cfg = json_loads(text, 0, NULL)) == NULL)
		return json_object();
	pthread_mutex_lock(&configs_lock);
	free(configs[k].text);
	json_decref(configs[k].cfg);
	configs[k].text = xstrdup(text);
	configs[k].cfg = json_incref(cfg);
	pthread_mutex_unlock(&configs_lock);
	return cfg;
}

static void
store_ledger_row(struct dbstmt *s, struct ledger *l)
{
	memset(l, 0, sizeof(*l));
	l->id = db_col_int(s, 0);
	util_strlcpy(l->name, db_col_text(s, 1), sizeof(l->name));
	l->kind = workflow_kind_parse(db_col_text(s, 2));
	util_strlcpy(l->template_key, db_col_text(s, 3), sizeof(l->template_key));
	l->year = (int)db_col_int(s, 4);
	l->owner_unit_id = db_col_int(s, 5);
	util_strlcpy(l->region, db_col_text(s, 6), sizeof(l->region));
	l->config = store_ledger_config(db_col_text(s, 7));
	l->warn_days = (int)db_col_int(s, 8);
	l->lag_points = (int)db_col_int(s, 9);
	l->created_at = db_col_int(s, 10);
	l->updated_at = db_col_int(s, 11);
	l->version = db_col_int(s, 12);
}

enum store_rc
store_ledger_get(struct store *st, int64_t id, struct ledger *l)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_LEDGER_GET);
	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		store_ledger_row(s, l);
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
}

static char *
store_ledger_config_text(const struct ledger *l)
{
	char *c = json_dumps(l->config, JSON_COMPACT);

	if (c == NULL)
		xdie("json_dumps");
	return c;
}

enum store_rc
store_ledger_add(struct store *st, struct ledger *l, int64_t by)
{
	struct dbstmt	*s;
	char		*cfg;
	int64_t		 year = l->year;
	enum db_step	 r;

	cfg = store_ledger_config_text(l);
	l->created_at = l->updated_at = util_now();
	s = db_stmt(st, STMT_LEDGER_INSERT);
	db_text(s, 1, l->name);
	db_text(s, 2, workflow_kind_name(l->kind));
	db_text_or_null(s, 3, l->template_key);
	db_int_or_null(s, 4, year ? &year : NULL);
	db_int_or_null(s, 5, l->owner_unit_id ? &l->owner_unit_id : NULL);
	db_text_or_null(s, 6, l->region);
	db_text(s, 7, cfg);
	db_int(s, 8, l->warn_days);
	db_int(s, 9, l->lag_points);
	db_int_or_null(s, 10, by ? &by : NULL);
	db_int(s, 11, l->created_at);
	r = db_step(s);
	free(cfg);
	if (r != DB_ROW)
		return r == DB_DONE ? STORE_ERROR : db_rc(st);
	l->id = db_col_int(s, 0);
	l->version = 1;
	db_reset(s);
	return STORE_OK;
}

enum store_rc
store_ledger_update(struct store *st, struct ledger *l)
{
	struct dbstmt	*s;
	char		*cfg;
	int64_t		 year = l->year;
	enum store_rc	 rc;

	cfg = store_ledger_config_text(l);
	s = db_stmt(st, STMT_LEDGER_UPDATE);
	db_int(s, 1, l->id);
	db_text(s, 2, l->name);
	db_int_or_null(s, 3, year ? &year : NULL);
	db_int_or_null(s, 4, l->owner_unit_id ? &l->owner_unit_id : NULL);
	db_text_or_null(s, 5, l->region);
	db_text(s, 6, cfg);
	db_int(s, 7, l->warn_days);
	db_int(s, 8, l->lag_points);
	db_int(s, 9, util_now());
	db_int(s, 10, l->version);
	rc = db_run(s);
	free(cfg);
	if (rc != STORE_OK)
		return rc;
	if (db_changes(st) != 1) {
		struct ledger cur;
		if ((rc = store_ledger_get(st, l->id, &cur)) != STORE_OK)
			return rc;
		ledger_free(&cur);
		return STORE_STALE;
	}
	l->version++;
	l->updated_at = util_now();
	return STORE_OK;
}

enum store_rc
store_ledger_list(struct store *st, ledger_cb cb, void *arg)
{
	struct dbstmt	*s;
	struct ledger	 l;
	enum db_step	 r;
	int		 stop;

	s = db_stmt(st, STMT_LEDGER_LIST);
	while ((r = db_step(s)) == DB_ROW) {
		store_ledger_row(s, &l);
		stop = cb(&l, arg);
		ledger_free(&l);
		if (stop == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

int64_t
store_ledger_item_count(struct store *st, int64_t id)
{
	struct dbstmt	*s;
	int64_t		 n = 0;

	s = db_stmt(st, STMT_LEDGER_ITEM_COUNT);
	db_int(s, 1, id);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

enum store_rc
store_unit_closure_rebuild(struct store *st)
{
	enum store_rc rc;

	if ((rc = db_run(db_stmt(st, STMT_UNIT_CLOSURE_CLEAR))) != STORE_OK)
		return rc;
	return db_run(db_stmt(st, STMT_UNIT_CLOSURE_FILL));
}
