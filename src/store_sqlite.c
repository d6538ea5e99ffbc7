/*
 * The SQLite backend: the only file that includes <sqlite3.h>.
 * One connection per thread, WAL, foreign keys on, a busy timeout;
 * statements prepared once per connection.  Commits are made durable by
 * a group sync of the WAL (sqlite_durable()) rather than by each
 * connection's own (synchronous=FULL).
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"
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
	/* statements prepared from texts made at run time (db_stmt_text) */
	struct sqldyn {
		char		*text;
		uint64_t	 hash;
		uint64_t	 used;
		struct dbstmt	 st;
	}		 dyn[DB_DYN_MAX];
	uint64_t	 dyn_tick;
	sqlite3_stmt	*dv;		/* PRAGMA data_version */
	struct gsync	*sync;		/* of its file; NULL: not WAL */
	sqlite3_stmt	*pending;	/* a write alone, synced when reset */
	int		 err;		/* last failing sqlite3 result code */
	char		 msg[256];
};

/*
 * Pages kept per connection (a server has one per thread): the
 * operating system caches the file as well, so a large cache per
 * connection buys little but memory (3 MB: the B-trees' upper pages of
 * a 1,000,000-item store; 4 MB took the server past 64 MB under load).
 * Large sorts go to temporary files.
 */
#define SQLITE_CACHE_KIB	"3000"

static const char *const sqlite_pragmas =
    "PRAGMA journal_mode = WAL;"
    "PRAGMA synchronous = NORMAL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA busy_timeout = 15000;"
    "PRAGMA cache_size = -" SQLITE_CACHE_KIB ";";

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

/*
 * Group commit.  With synchronous=NORMAL a commit writes its pages to
 * the WAL without waiting for the disk; before the commit is reported
 * done, sqlite_durable() waits until a sync of the WAL that began after
 * it has finished.  One thread syncs at a time for all the commits
 * written before its sync began, and the commits made while it syncs
 * wait for the next: a synced write takes 1.5 to 7 ms on this kind of
 * disk, and one per commit (synchronous=FULL) allowed no more commits a
 * second than that.  The guarantee is FULL's: a commit reported done is
 * on the disk.  One struct gsync per database file.
 */
struct gsync {
	char		 path[PATH_MAX];
	pthread_mutex_t	 lock;
	pthread_cond_t	 done;
	uint64_t	 written;	/* commits that asked to be synced */
	uint64_t	 synced;	/* the commits synced so far */
	bool		 busy;		/* a sync is under way */
	struct gsync	*next;
};

static pthread_mutex_t	 gsync_list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct gsync	*gsync_list;

static struct gsync *
gsync_of(const char *path)
{
	struct gsync *g;

	pthread_mutex_lock(&gsync_list_lock);
	for (g = gsync_list; g; g = g->next)
		if (strcmp(g->path, path) == 0)
			break;
	if (g == NULL) {
		g = xcalloc(1, sizeof(*g));
		util_strlcpy(g->path, path, sizeof(g->path));
		pthread_mutex_init(&g->lock, NULL);
		pthread_cond_init(&g->done, NULL);
		g->next = gsync_list;
		gsync_list = g;
	}
	pthread_mutex_unlock(&gsync_list_lock);
	return g;
}

/* Sync this connection's WAL file; 0 or -1. */
static int
sqlite_sync_wal(struct dbconn *c)
{
	sqlite3_file *f = NULL;

	if (sqlite3_file_control(c->db, "main", SQLITE_FCNTL_JOURNAL_POINTER,
	    &f) != SQLITE_OK || f == NULL || f->pMethods == NULL)
		return -1;
	return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL) == SQLITE_OK ? 0 :
	    -1;
}

/* After a commit of this connection: return once it is on the disk. */
static int
sqlite_durable(struct dbconn *c)
{
	struct gsync	*g = c->sync;
	uint64_t	 me, upto;
	int		 rc = 0;

	if (g == NULL)
		return 0;
	pthread_mutex_lock(&g->lock);
	me = ++g->written;
	while (g->synced < me) {
		if (g->busy) {
			pthread_cond_wait(&g->done, &g->lock);
			continue;
		}
		g->busy = true;
		upto = g->written;
		pthread_mutex_unlock(&g->lock);
		rc = sqlite_sync_wal(c);
		pthread_mutex_lock(&g->lock);
		g->busy = false;
		if (rc == 0 && upto > g->synced)
			g->synced = upto;
		pthread_cond_broadcast(&g->done);
		/* a failed sync: the commit is not known to be on disk */
		if (rc == -1)
			break;
	}
	pthread_mutex_unlock(&g->lock);
	if (rc == -1) {
		c->err = SQLITE_IOERR;
		snprintf(c->msg, sizeof(c->msg), "cannot sync the WAL");
	}
	return rc;
}

static bool
sqlite_journal_wal(sqlite3 *db)
{
	sqlite3_stmt	*s;
	bool		 wal = false;

	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL) !=
	    SQLITE_OK)
		return false;
	if (sqlite3_step(s) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(s, 0), "wal") ==
		    0;
	sqlite3_finalize(s);
	return wal;
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
	/* WAL as asked (not for a database in memory): sync it in groups */
	if (sqlite_journal_wal(c->db))
		c->sync = gsync_of(sqlite3_db_filename(c->db, "main"));
	else
		sqlite3_exec(c->db, "PRAGMA synchronous = FULL", NULL, NULL,
		    NULL);
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
	for (i = 0; i < DB_DYN_MAX; i++) {
		sqlite3_finalize(c->dyn[i].st.s);
		free(c->dyn[i].text);
	}
	sqlite3_finalize(c->dv);
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

/*
 * Reset a statement of c.  A write outside a transaction that returned
 * rows (INSERT ... RETURNING) commits when it is reset: sync it then.
 */
static void
sqlite_reset_stmt(struct dbconn *c, sqlite3_stmt *s)
{
	sqlite3_reset(s);
	if (c->pending == s) {
		c->pending = NULL;
		if (sqlite3_get_autocommit(c->db) && sqlite_durable(c) == -1)
			log_err("sqlite: %s", c->msg);
	}
}

static void
sqlite_compile(struct dbconn *c, struct dbstmt *st, const char *sqltext)
{
	char	*text;
	int	 rc;

	text = sqlite_rewrite(sqltext);
	rc = sqlite3_prepare_v3(c->db, text, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->s, NULL);
	if (rc != SQLITE_OK)
		xdie("cannot prepare statement %s: %s", text,
		    sqlite3_errmsg(c->db));
	free(text);
	st->ops = &db_sqlite_ops;
	st->c = c;
}

static struct dbstmt *
sqlite_prepare(struct dbconn *c, enum stmt id)
{
	struct dbstmt	*st = &c->stmts[id];

	if (st->s == NULL)
		sqlite_compile(c, st, sql[id]);
	sqlite_reset_stmt(c, st->s);
	sqlite3_clear_bindings(st->s);
	return st;
}

/*
 * A statement of a text made at run time, kept among the DB_DYN_MAX
 * last used; the least recently used one is finalized for a new one.
 */
static struct dbstmt *
sqlite_prepare_text(struct dbconn *c, const char *text)
{
	struct sqldyn	*d, *old = &c->dyn[0];
	uint64_t	 h = util_hash(text);
	size_t		 i;

	for (i = 0; i < DB_DYN_MAX; i++) {
		d = &c->dyn[i];
		if (d->text && d->hash == h && strcmp(d->text, text) == 0)
			goto found;
		if (d->used < old->used)
			old = d;
	}
	d = old;
	if (d->st.s)
		sqlite_reset_stmt(c, d->st.s);
	sqlite3_finalize(d->st.s);
	free(d->text);
	memset(d, 0, sizeof(*d));
	sqlite_compile(c, &d->st, text);
	d->text = xstrdup(text);
	d->hash = h;
found:
	d->used = ++c->dyn_tick;
	sqlite_reset_stmt(c, d->st.s);
	sqlite3_clear_bindings(d->st.s);
	return &d->st;
}

/*
 * PRAGMA data_version: changes when another connection (of this
 * process or another) committed since this one last looked, read in
 * the snapshot of the transaction at hand; -1 on failure.
 */
static int64_t
sqlite_data_version(struct dbconn *c)
{
	int64_t v = -1;

	if (c->dv == NULL && sqlite3_prepare_v3(c->db, "PRAGMA data_version",
	    -1, SQLITE_PREPARE_PERSISTENT, &c->dv, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(c->dv) == SQLITE_ROW)
		v = sqlite3_column_int64(c->dv, 0);
	sqlite3_reset(c->dv);
	return v;
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
	struct dbconn	*c = st->c;
	bool		 alone;
	int		 rc;

	/* a write outside a transaction commits by itself: sync it too */
	alone = sqlite3_get_autocommit(c->db) && !sqlite3_stmt_readonly(st->s);
	rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW) {
		if (alone)
			c->pending = st->s;
		return DB_ROW;
	}
	if (rc == SQLITE_DONE) {
		sqlite_reset_stmt(c, st->s);
		if (alone && sqlite3_get_autocommit(c->db) &&
		    sqlite_durable(c) == -1)
			return DB_ERR;
		return DB_DONE;
	}
	sqlite_seterr(c, rc);
	sqlite_reset_stmt(c, st->s);
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
	sqlite_reset_stmt(st->c, st->s);
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
	bool wrote = sqlite3_txn_state(c->db, "main") == SQLITE_TXN_WRITE;

	if (sqlite_simple(c, "COMMIT") == -1)
		return -1;
	return wrote ? sqlite_durable(c) : 0;
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
	    "PRAGMA cache_size = -" SQLITE_CACHE_KIB, NULL, NULL, NULL);
}

/* Count the rows of PRAGMA foreign_key_check (sqlite3_exec callback). */
static int
sqlite_fk_row(void *arg, int n, char **v, char **names)
{
	(*(int *)arg)++;
	return 0;
}

/* 0 when no row breaks a foreign key; else -1 with the count in msg. */
static int
sqlite_fk_check(struct dbconn *c, char *msg, size_t msgsz)
{
	int bad = 0;

	if (sqlite3_exec(c->db, "PRAGMA foreign_key_check", sqlite_fk_row,
	    &bad, NULL) != SQLITE_OK) {
		snprintf(msg, msgsz, "%s", sqlite3_errmsg(c->db));
		return -1;
	}
	if (bad > 0) {
		snprintf(msg, msgsz, "%d 行违反外键约束", bad);
		return -1;
	}
	return 0;
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
		char *nl;
		snprintf(msg, msgsz, "%s", t ? t : "?");
		while ((nl = strchr(msg, '\n')) != NULL)	/* one line */
			*nl = ' ';
		rc = t && strcmp(t, "ok") == 0 ? 0 : -1;
	} else
		snprintf(msg, msgsz, "%s", sqlite3_errmsg(c->db));
	sqlite3_finalize(s);
	if (rc == 0 && sqlite_fk_check(c, msg, msgsz) != 0)
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
	/* All pages in one step, from one snapshot: WAL lets writers go on
	 * meanwhile.  In small steps, every write by another connection
	 * between two steps restarted the copy, and steady writing (a busy
	 * server) starved the backup for ever. */
	do {
		rc = sqlite3_backup_step(b, -1);
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

/* Copy the backup `from` (opened read-only) into the new file tmp. */
static int
sqlite_restore_copy(const char *from, const char *tmp, char *err,
    size_t errsz)
{
	sqlite3		*src = NULL, *dst = NULL;
	sqlite3_backup	*b;
	int		 rc, ret = -1;

	unlink(tmp);
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK) {
		snprintf(err, errsz, "无法打开备份 '%s'(%s)", from,
		    src ? sqlite3_errmsg(src) : "out of memory");
		goto out;
	}
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		snprintf(err, errsz, "无法创建 '%s'(%s)", tmp,
		    dst ? sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL) {
		snprintf(err, errsz, "%s", sqlite3_errmsg(dst));
		goto out;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errsz, "无法读取备份 '%s'(%s)", from,
		    sqlite3_errstr(rc));
		goto out;
	}
	ret = 0;
out:
	sqlite3_close(dst);
	sqlite3_close(src);
	return ret;
}

/* fsync the file at path, or with dir the directory holding it. */
static int
sqlite_fsync_path(const char *path, bool dir)
{
	char	*d, *slash;
	int	 fd, rc;

	d = xstrdup(path);
	if (dir) {
		if ((slash = strrchr(d, '/')) == NULL) {
			free(d);
			d = xstrdup(".");
		} else if (slash == d)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	fd = open(d, O_RDONLY | (dir ? O_DIRECTORY : 0));
	free(d);
	if (fd == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * Put tmp in place of the store `to`.  First take `to`'s exclusive lock
 * and leave WAL mode: this fails while another connection (a server)
 * has it open, and leaves no committed page in a -wal that would be
 * replayed onto the new file.  The lock is held across the rename; then
 * the -wal and -shm go and the directory is synced.
 */
static int
sqlite_restore_swap(const char *tmp, const char *to, char *err,
    size_t errsz)
{
	sqlite3		*old = NULL;
	struct stat	 sb;
	char		*side;
	int		 rc, ret = -1;

	if (stat(to, &sb) == 0) {
		if (sqlite3_open_v2(to, &old, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK)
			rc = SQLITE_CANTOPEN;
		else {
			sqlite3_busy_timeout(old, 2000);
			rc = sqlite3_exec(old, "PRAGMA locking_mode = EXCLUSIVE;"
			    "PRAGMA journal_mode = DELETE;BEGIN EXCLUSIVE",
			    NULL, NULL, NULL);
		}
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			snprintf(err, errsz, "数据库 '%s' 正在使用中(服务是否"
			    "在运行?):请先停止 taizhang serve 再恢复", to);
			goto out;
		}
		if (rc != SQLITE_OK) {
			snprintf(err, errsz, "无法锁定数据库 '%s'(%s):若它已"
			    "损坏且服务已停止,请先把它移到别处再恢复", to,
			    old ? sqlite3_errmsg(old) : sqlite3_errstr(rc));
			goto out;
		}
	}
	if (sqlite_fsync_path(tmp, false) == -1 || rename(tmp, to) == -1) {
		snprintf(err, errsz, "无法把 '%s' 改名为 '%s'", tmp, to);
		goto out;
	}
	side = xasprintf("%s-wal", to);
	unlink(side);
	free(side);
	side = xasprintf("%s-shm", to);
	unlink(side);
	free(side);
	if (sqlite_fsync_path(to, true) == -1) {
		snprintf(err, errsz, "无法同步 '%s' 所在的目录", to);
		goto out;
	}
	ret = 0;
out:
	sqlite3_close(old);
	return ret;
}

/*
 * CAST(round(a * 1.0 * b / c) AS BIGINT) as SQLite computes it: the
 * product and quotient in double precision; round() of func.c (3.40:
 * half away from zero by adding 0.5 and truncating, when |r| <= 2^52);
 * the cast of doubleToInt64(), saturating.
 */
static int64_t
sqlite_ratio(int64_t a, int64_t b, int64_t c)
{
	double r = (double)a * 1.0 * (double)b / (double)c;

	if (r >= -4503599627370496.0 && r <= 4503599627370496.0)
		r = (double)(int64_t)(r + (r < 0 ? -0.5 : 0.5));
	if (r <= (double)INT64_MIN)
		return INT64_MIN;
	if (r >= (double)INT64_MAX)
		return INT64_MAX;
	return (int64_t)r;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.after_migrate = sqlite_after_migrate_text,
	.open = sqlite_open,
	.close = sqlite_close,
	.exec_script = sqlite_exec_script,
	.prepare = sqlite_prepare,
	.prepare_text = sqlite_prepare_text,
	.data_version = sqlite_data_version,
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
	.restore_copy = sqlite_restore_copy,
	.restore_swap = sqlite_restore_swap,
	.sync_ids = sqlite_sync_ids,
	.ratio = sqlite_ratio,
};
