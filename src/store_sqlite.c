/*
 * The SQLite backend: the only file that includes <sqlite3.h>.
 * One connection per thread, WAL, synchronous=FULL, foreign keys on,
 * a busy timeout; statements prepared once per connection.
 */
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "util.h"

struct dbstmt {
	const struct db_ops	*ops;	/* first, as db.h requires */
	struct dbconn		*c;
	sqlite3_stmt		*s;
};
_Static_assert(offsetof(struct dbstmt, ops) ==
    offsetof(struct dbstmt_head, ops) && offsetof(struct dbstmt, c) ==
    offsetof(struct dbstmt_head, c), "struct dbstmt must begin as db.h says");

struct dbconn {
	sqlite3		*db;
	struct dbstmt	 stmts[STMT__MAX];
	int		 err;		/* last failing sqlite3 result code */
	char		 msg[256];
};

static const char *const sqlite_pragmas =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA busy_timeout = 15000;"
    "PRAGMA temp_store = MEMORY;"
    "PRAGMA cache_size = -16000;";

/* Append-only audit: refuse UPDATE and DELETE at the engine. */
static const char sqlite_after_migrate_text[] =
    "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;";

static void
sqlite_seterr(struct dbconn *c, int rc)
{
	c->err = rc;
	snprintf(c->msg, sizeof(c->msg), "%s", sqlite3_errmsg(c->db));
}

static struct dbconn *
sqlite_open(const char *path, bool lazy, char *err, size_t errsz)
{
	struct dbconn	*c;
	char		*emsg = NULL;

	(void)lazy;	/* a file opened once opens again */
	c = xcalloc(1, sizeof(*c));
	if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "无法打开数据库文件 '%s'(%s)", path,
		    c->db ? sqlite3_errmsg(c->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(c->db, 0);
	if (sqlite3_exec(c->db, sqlite_pragmas, NULL, NULL, &emsg) !=
	    SQLITE_OK) {
		snprintf(err, errsz, "'%s' 不是可用的数据库文件(%s)", path,
		    emsg ? emsg : "?");
		sqlite3_free(emsg);
		goto fail;
	}
	return c;
fail:
	sqlite3_close(c->db);
	free(c);
	return NULL;
}

static void
sqlite_close(struct dbconn *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->stmts[i].s);
	sqlite3_close(c->db);
	free(c);
}

static int
sqlite_exec_script(struct dbconn *c, const char *text)
{
	char	*emsg = NULL;
	int	 rc;

	if ((rc = sqlite3_exec(c->db, text, NULL, NULL, &emsg)) != SQLITE_OK) {
		c->err = rc;
		snprintf(c->msg, sizeof(c->msg), "%s", emsg ? emsg : "?");
		sqlite3_free(emsg);
		return -1;
	}
	return 0;
}

/*
 * Rewrite $n placeholders as ?n, outside string literals, so that the
 * number names the parameter whatever order they appear in.
 */
static char *
sqlite_rewrite(const char *in)
{
	char	*out, *o;
	bool	 quoted = false;

	out = o = xmalloc(strlen(in) + 1);
	for (; *in; in++) {
		if (*in == '\'')
			quoted = !quoted;
		if (!quoted && *in == '$' && in[1] >= '1' && in[1] <= '9')
			*o++ = '?';
		else
			*o++ = *in;
	}
	*o = '\0';
	return out;
}

static struct dbstmt *
sqlite_prepare(struct dbconn *c, enum stmt id)
{
	struct dbstmt	*st = &c->stmts[id];
	char		*text;
	int		 rc;

	if (st->s == NULL) {
		text = sqlite_rewrite(sql[id]);
		rc = sqlite3_prepare_v3(c->db, text, -1,
		    SQLITE_PREPARE_PERSISTENT, &st->s, NULL);
		free(text);
		if (rc != SQLITE_OK)
			xdie("cannot prepare statement %d: %s", (int)id,
			    sqlite3_errmsg(c->db));
		st->ops = &db_sqlite_ops;
		st->c = c;
	}
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	return st;
}

static void
sqlite_bind_int(struct dbstmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->s, i, v);
}

static void
sqlite_bind_text(struct dbstmt *st, int i, const char *s, int n)
{
	sqlite3_bind_text(st->s, i, s, n, SQLITE_TRANSIENT);
}

static void
sqlite_bind_blob(struct dbstmt *st, int i, const void *p, int n)
{
	sqlite3_bind_blob(st->s, i, p, n, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null(struct dbstmt *st, int i)
{
	sqlite3_bind_null(st->s, i);
}

static enum db_step
sqlite_step(struct dbstmt *st)
{
	int rc;

	rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st->s);
		return DB_DONE;
	}
	sqlite_seterr(st->c, rc);
	sqlite3_reset(st->s);
	return DB_ERR;
}

static bool
sqlite_col_null(struct dbstmt *st, int i)
{
	return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

static int64_t
sqlite_col_int(struct dbstmt *st, int i)
{
	return sqlite3_column_int64(st->s, i);
}

static const char *
sqlite_col_text(struct dbstmt *st, int i)
{
	const unsigned char *t;

	t = sqlite3_column_text(st->s, i);
	return t ? (const char *)t : "";
}

static const void *
sqlite_col_blob(struct dbstmt *st, int i, int *n)
{
	const void *p;

	p = sqlite3_column_blob(st->s, i);
	*n = sqlite3_column_bytes(st->s, i);
	return p;
}

static void
sqlite_reset(struct dbstmt *st)
{
	sqlite3_reset(st->s);
}

static int64_t
sqlite_changes(struct dbconn *c)
{
	return sqlite3_changes64(c->db);
}

static enum store_rc
sqlite_last_rc(struct dbconn *c)
{
	switch (c->err & 0xff) {
	case SQLITE_OK:
		return STORE_OK;
	case SQLITE_CONSTRAINT:
		return STORE_CONFLICT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_BUSY;
	case SQLITE_FULL:
		return STORE_FULL;
	default:
		return STORE_ERROR;
	}
}

static const char *
sqlite_last_msg(struct dbconn *c)
{
	return c->msg;
}

static int
sqlite_simple(struct dbconn *c, const char *text)
{
	int rc;

	if ((rc = sqlite3_exec(c->db, text, NULL, NULL, NULL)) != SQLITE_OK) {
		sqlite_seterr(c, rc);
		return -1;
	}
	return 0;
}

static int
sqlite_begin(struct dbconn *c, bool write)
{
	return sqlite_simple(c, write ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int
sqlite_commit(struct dbconn *c)
{
	return sqlite_simple(c, "COMMIT");
}

static int
sqlite_rollback(struct dbconn *c)
{
	if (sqlite3_get_autocommit(c->db))
		return 0;
	return sqlite_simple(c, "ROLLBACK");
}

static void
sqlite_bulk(struct dbconn *c, bool on)
{
	/* the gazetteer's indexes take ~100 MB; keep them in memory */
	sqlite3_exec(c->db, on ? "PRAGMA cache_size = -400000" :
	    "PRAGMA cache_size = -16000", NULL, NULL, NULL);
}

static int
sqlite_check(struct dbconn *c, char *msg, size_t msgsz)
{
	sqlite3_stmt	*s = NULL;
	int		 rc = -1;

	if (sqlite3_prepare_v2(c->db, "PRAGMA integrity_check", -1, &s,
	    NULL) != SQLITE_OK) {
		snprintf(msg, msgsz, "%s", sqlite3_errmsg(c->db));
		return -1;
	}
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(s, 0);
		snprintf(msg, msgsz, "%s", t ? t : "?");
		rc = t && strcmp(t, "ok") == 0 ? 0 : -1;
	} else
		snprintf(msg, msgsz, "%s", sqlite3_errmsg(c->db));
	sqlite3_finalize(s);
	if (rc == 0 && sqlite3_exec(c->db, "PRAGMA foreign_key_check", NULL,
	    NULL, NULL) != SQLITE_OK)
		rc = -1;
	return rc;
}

/* Rowids: a new row takes the largest id plus one already. */
static int
sqlite_sync_ids(struct dbconn *c, const char *table)
{
	(void)table;
	return 0;
}

/*
 * Online backup into a temporary file beside `to`, renamed into place
 * when complete: a reader of `to` never sees half a copy.
 */
static int
sqlite_backup(struct dbconn *c, const char *to, char *err, size_t errsz)
{
	sqlite3		*dst = NULL;
	sqlite3_backup	*b;
	char		*tmp;
	int		 rc, ret = -1;

	tmp = xasprintf("%s.tmp-%ld", to, (long)getpid());
	unlink(tmp);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "cannot create '%s'", tmp);
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", c->db, "main")) == NULL) {
		snprintf(err, errsz, "%s", sqlite3_errmsg(dst));
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errsz, "%s", sqlite3_errstr(rc));
		goto out;
	}
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		snprintf(err, errsz, "%s", sqlite3_errmsg(dst));
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	if (rename(tmp, to) == -1) {
		snprintf(err, errsz, "cannot rename to '%s'", to);
		goto out;
	}
	ret = 0;
out:
	sqlite3_close(dst);
	if (ret == -1)
		unlink(tmp);
	free(tmp);
	return ret;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.after_migrate = sqlite_after_migrate_text,
	.open = sqlite_open,
	.close = sqlite_close,
	.exec_script = sqlite_exec_script,
	.prepare = sqlite_prepare,
	.bind_int = sqlite_bind_int,
	.bind_text = sqlite_bind_text,
	.bind_blob = sqlite_bind_blob,
	.bind_null = sqlite_bind_null,
	.step = sqlite_step,
	.col_null = sqlite_col_null,
	.col_int = sqlite_col_int,
	.col_text = sqlite_col_text,
	.col_blob = sqlite_col_blob,
	.reset = sqlite_reset,
	.changes = sqlite_changes,
	.last_rc = sqlite_last_rc,
	.last_msg = sqlite_last_msg,
	.begin = sqlite_begin,
	.commit = sqlite_commit,
	.rollback = sqlite_rollback,
	.bulk = sqlite_bulk,
	.check = sqlite_check,
	.backup = sqlite_backup,
	.sync_ids = sqlite_sync_ids,
};
