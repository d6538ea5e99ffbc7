/* Import jobs in the store: the file and its JSON options and report. */
#include <string.h>

#include "db.h"
#include "store_import.h"
#include "util.h"

enum store_rc
store_import_add(struct store *st, struct import_job *j)
{
	struct dbstmt	*s;

	if (j->size < 0 || j->size > INT32_MAX)
		return STORE_ERROR;
	j->created_at = j->updated_at = util_now();
	s = db_stmt(st, STMT_IMPORT_INSERT);
	db_int(s, 1, j->ledger_id);
	db_int(s, 2, j->user_id);
	db_text(s, 3, j->file_name);
	db_int(s, 4, j->size);
	db_text(s, 5, j->sha256);
	db_blob(s, 6, j->data ? j->data : "", (int)j->size);
	db_text(s, 7, j->options);
	db_text(s, 8, j->report);
	db_text(s, 9, j->state);
	db_int(s, 10, j->created_at);
	switch (db_step(s)) {
	case DB_ROW:
		j->id = db_col_int(s, 0);
		db_reset(s);
		break;
	case DB_DONE:
		return STORE_ERROR;
	default:
		return db_rc(st);
	}
	s = db_stmt(st, STMT_IMPORT_PRUNE);
	db_int(s, 1, j->user_id);
	db_int(s, 2, IMPORT_OPEN_MAX);
	return db_step(s) == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_import_get(struct store *st, struct arena *pool, int64_t id,
    bool with_data, struct import_job *j)
{
	struct dbstmt	*s;

	memset(j, 0, sizeof(*j));
	s = db_stmt(st, STMT_IMPORT_GET);
	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		j->id = db_col_int(s, 0);
		j->ledger_id = db_col_int(s, 1);
		j->user_id = db_col_int(s, 2);
		j->file_name = arena_strdup(pool, db_col_text(s, 3));
		j->size = db_col_int(s, 4);
		util_strlcpy(j->sha256, db_col_text(s, 5), sizeof(j->sha256));
		j->options = arena_strdup(pool, db_col_text(s, 6));
		j->report = arena_strdup(pool, db_col_text(s, 7));
		j->state = arena_strdup(pool, db_col_text(s, 8));
		j->created_at = db_col_int(s, 9);
		j->updated_at = db_col_int(s, 10);
		db_reset(s);
		break;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
	if (!with_data)
		return STORE_OK;
	return db_blob_by_id(st, STMT_IMPORT_DATA, id, pool, &j->data, &j->size);
}

enum store_rc
store_import_update(struct store *st, struct import_job *j)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	j->updated_at = util_now();
	s = db_stmt(st, STMT_IMPORT_UPDATE);
	db_int(s, 1, j->id);
	db_text(s, 2, j->options);
	db_text(s, 3, j->report);
	db_text(s, 4, j->state);
	db_int(s, 5, j->updated_at);
	if ((rc = db_run(s)) != STORE_OK)
		return rc;
	return db_changes(st) == 1 ? STORE_OK : STORE_NOTFOUND;
}

/* The first id s finds, 0 if none, -1 if a second row follows. */
static int64_t
store_item_one(struct dbstmt *s)
{
	int64_t id = 0;

	if (db_step(s) == DB_ROW) {
		id = db_col_int(s, 0);
		if (db_step(s) == DB_ROW)
			id = -1;
	}
	db_reset(s);
	return id;
}

int64_t
store_item_by_seq(struct store *st, int64_t ledger, int64_t seq)
{
	struct dbstmt *s = db_stmt(st, STMT_ITEM_ID_BY_SEQ);

	db_int(s, 1, ledger);
	db_int(s, 2, seq);
	return store_item_one(s);
}

enum store_rc
store_item_seqs(struct store *st, int64_t ledger, void (*cb)(int64_t, void *),
    void *arg)
{
	struct dbstmt	*s = db_stmt(st, STMT_ITEM_SEQS);
	enum db_step	 r;

	db_int(s, 1, ledger);
	while ((r = db_step(s)) == DB_ROW)
		cb(db_col_int(s, 0), arg);
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

int64_t
store_item_by_code(struct store *st, int64_t ledger, const char *code)
{
	struct dbstmt *s = db_stmt(st, STMT_ITEM_ID_BY_CODE);

	db_int(s, 1, ledger);
	db_text(s, 2, code);
	return store_item_one(s);
}

json_t *
store_import_mapping(struct store *st, int64_t ledger)
{
	struct dbstmt	*s = db_stmt(st, STMT_IMPORT_MAP_GET);
	json_t		*m = json_object();

	db_int(s, 1, ledger);
	while (db_step(s) == DB_ROW)
		json_object_set_new(m, db_col_text(s, 0), db_isnull(s, 1) ?
		    json_null() : json_string(db_col_text(s, 1)));
	db_reset(s);
	return m;
}

enum store_rc
store_import_map_set(struct store *st, int64_t ledger, const char *header,
    const char *field)
{
	struct dbstmt *s = db_stmt(st, STMT_IMPORT_MAP_SET);

	db_int(s, 1, ledger);
	db_text(s, 2, header);
	if (field)
		db_text(s, 3, field);
	else
		db_null(s, 3);
	return db_run(s);
}
