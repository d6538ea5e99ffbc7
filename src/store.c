/*
 * The backend-neutral store: opening by URI, this thread's connection,
 * the statement wrappers of db.h, migrations, transactions, meta.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "store_cache.h"
#include "migrate.h"
#include "store.h"
#include "util.h"

struct store {
	const struct db_ops	*ops;
	char			*uri;
	pthread_key_t		 key;
	/* a connection that watches for changes (store_cache_gen()) */
	pthread_mutex_t		 watch_lock;
	struct dbconn		*watch;
	bool			 watch_seen;
	int64_t			 watch_dv;
};

struct tconn {
	const struct db_ops	*ops;
	struct dbconn		*c;
	int			 depth;	/* open store_begin()s */
	bool			 write;	/* the outermost one writes */
	/* the answer cache (store_cache.h) */
	uint64_t		 gen;	/* before the read began; 0: none */
	bool			 checked;	/* store_cache_gen() ran in it */
};

static void
store_tconn_free(void *p)
{
	struct tconn *t = p;

	if (t) {
		t->ops->close(t->c);
		free(t);
	}
}

static bool
store_is_pg(const char *uri)
{
	return strncmp(uri, "postgresql://", 13) == 0 ||
	    strncmp(uri, "postgres://", 11) == 0;
}

struct store *
store_open(const char *uri, char *err, size_t errsz)
{
	struct store	*st;
	struct tconn	*t;

	st = xcalloc(1, sizeof(*st));
	st->ops = store_is_pg(uri) ? &db_pg_ops : &db_sqlite_ops;
	st->uri = xstrdup(uri);
	pthread_mutex_init(&st->watch_lock, NULL);
	if (pthread_key_create(&st->key, store_tconn_free) != 0)
		xdie("pthread_key_create failed");
	/* Open this thread's connection now so that errors show at once. */
	t = xcalloc(1, sizeof(*t));
	t->ops = st->ops;
	if ((t->c = st->ops->open(uri, false, err, errsz)) == NULL) {
		free(t);
		pthread_key_delete(st->key);
		free(st->uri);
		free(st);
		return NULL;
	}
	pthread_setspecific(st->key, t);
	return st;
}

void
store_thread_done(struct store *st)
{
	struct tconn *t;

	if ((t = pthread_getspecific(st->key)) != NULL) {
		pthread_setspecific(st->key, NULL);
		store_tconn_free(t);
	}
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_thread_done(st);
	pthread_key_delete(st->key);
	if (st->watch)
		st->ops->close(st->watch);
	pthread_mutex_destroy(&st->watch_lock);
	free(st->uri);
	free(st);
}

const char *
store_engine(const struct store *st)
{
	return st->ops->name;
}

const char *
store_uri(const struct store *st)
{
	return st->uri;
}

static struct tconn *
store_tconn(struct store *st)
{
	struct tconn	*t;
	char		 err[256];

	if ((t = pthread_getspecific(st->key)) != NULL)
		return t;
	t = xcalloc(1, sizeof(*t));
	t->ops = st->ops;
	/* The store opened once already: a failure now is fatal. */
	if ((t->c = st->ops->open(st->uri, true, err, sizeof(err))) == NULL)
		xdie("%s", err);
	pthread_setspecific(st->key, t);
	return t;
}

/* The statement's own connection and backend (db.h). */
#define HEAD(s)	((const struct dbstmt_head *)(const void *)(s))
#define OPS(s)	(HEAD(s)->ops)

struct dbstmt *
db_stmt(struct store *st, enum stmt id)
{
	struct tconn *t = store_tconn(st);

	return t->ops->prepare(t->c, id);
}

struct dbstmt *
db_stmt_text(struct store *st, const char *text)
{
	struct tconn *t = store_tconn(st);

	return t->ops->prepare_text(t->c, text);
}

void
db_int(struct dbstmt *s, int i, int64_t v)
{
	OPS(s)->bind_int(s, i, v);
}

void
db_text(struct dbstmt *s, int i, const char *v)
{
	if (v == NULL)
		OPS(s)->bind_null(s, i);
	else
		OPS(s)->bind_text(s, i, v, -1);
}

void
db_textn(struct dbstmt *s, int i, const char *v, int n)
{
	OPS(s)->bind_text(s, i, v, n);
}

void
db_blob(struct dbstmt *s, int i, const void *p, int n)
{
	OPS(s)->bind_blob(s, i, p, n);
}

void
db_null(struct dbstmt *s, int i)
{
	OPS(s)->bind_null(s, i);
}

void
db_text_or_null(struct dbstmt *s, int i, const char *v)
{
	if (v == NULL || *v == '\0')
		OPS(s)->bind_null(s, i);
	else
		OPS(s)->bind_text(s, i, v, -1);
}

void
db_int_or_null(struct dbstmt *s, int i, const int64_t *v)
{
	if (v == NULL)
		OPS(s)->bind_null(s, i);
	else
		OPS(s)->bind_int(s, i, *v);
}

enum db_step
db_step(struct dbstmt *s)
{
	return OPS(s)->step(s);
}

bool
db_isnull(struct dbstmt *s, int i)
{
	return OPS(s)->col_null(s, i);
}

int64_t
db_col_int(struct dbstmt *s, int i)
{
	return OPS(s)->col_int(s, i);
}

const char *
db_col_text(struct dbstmt *s, int i)
{
	return OPS(s)->col_text(s, i);
}

const void *
db_col_blob(struct dbstmt *s, int i, int *n)
{
	return OPS(s)->col_blob(s, i, n);
}

enum store_rc
db_blob_by_id(struct store *st, enum stmt stmt, int64_t id,
    struct arena *pool, const void **data, int64_t *size)
{
	struct dbstmt	*s = db_stmt(st, stmt);
	const void	*p;
	void		*copy;
	int		 n;

	db_int(s, 1, id);
	switch (db_step(s)) {
	case DB_ROW:
		p = db_col_blob(s, 0, &n);
		copy = arena_alloc(pool, (size_t)n + 1);
		if (n > 0)
			memcpy(copy, p, (size_t)n);
		*data = copy;
		*size = n;
		db_reset(s);
		return STORE_OK;
	case DB_DONE:
		return STORE_NOTFOUND;
	default:
		return db_rc(st);
	}
}

void
db_reset(struct dbstmt *s)
{
	OPS(s)->reset(s);
}

void
db_stream(struct dbstmt *s)
{
	if (OPS(s)->stream)
		OPS(s)->stream(s);
}

enum store_rc
db_run(struct dbstmt *s)
{
	enum db_step rc;

	while ((rc = OPS(s)->step(s)) == DB_ROW)
		;
	if (rc == DB_DONE)
		return STORE_OK;
	return OPS(s)->last_rc(HEAD(s)->c);
}

enum store_rc
db_exec(struct store *st, const char *script)
{
	struct tconn *t = store_tconn(st);

	if (t->ops->exec_script(t->c, script) == -1)
		return t->ops->last_rc(t->c);
	return STORE_OK;
}

bool
db_has_copy(struct store *st)
{
	return store_tconn(st)->ops->copy_in != NULL;
}

enum store_rc
db_copy_in(struct store *st, const char *copy, const char *data,
    size_t len)
{
	struct tconn *t = store_tconn(st);

	if (t->ops->copy_in == NULL)
		return STORE_ERROR;
	if (t->ops->copy_in(t->c, copy, data, len) == -1)
		return t->ops->last_rc(t->c);
	return STORE_OK;
}

int64_t
db_ratio(struct store *st, int64_t a, int64_t b, int64_t c)
{
	return store_tconn(st)->ops->ratio(a, b, c);
}

int64_t
db_changes(struct store *st)
{
	struct tconn *t = store_tconn(st);

	return t->ops->changes(t->c);
}

enum store_rc
db_rc(struct store *st)
{
	struct tconn *t = store_tconn(st);

	return t->ops->last_rc(t->c);
}

const char *
db_msg(struct store *st)
{
	struct tconn *t = store_tconn(st);

	return t->ops->last_msg(t->c);
}

/*
 * A read transaction may open inside another transaction (the
 * dispatcher runs every GET in one read transaction, and handlers that
 * read much open their own): it only counts.  A write transaction must
 * be the outermost one.
 */
int
store_begin(struct store *st, bool write)
{
	struct tconn *t = store_tconn(st);

	if (t->depth > 0) {
		if (write && !t->write)
			return -1;
		t->depth++;
		return 0;
	}
	/* before the snapshot: answers of it are no older than this */
	t->gen = write ? 0 : store_gen_now();
	t->checked = false;
	if (t->ops->begin(t->c, write) == -1)
		return -1;
	t->depth = 1;
	t->write = write;
	return 0;
}

/*
 * Whether someone else (another process) changed the store since the
 * watch last looked: one connection for all threads, since SQLite's
 * data_version tells a connection only of the commits of others.
 */
static bool
store_changed_elsewhere(struct store *st)
{
	char	 err[256];
	int64_t	 dv = -1;
	bool	 changed;

	pthread_mutex_lock(&st->watch_lock);
	if (st->watch == NULL)
		st->watch = st->ops->open(st->uri, true, err, sizeof(err));
	if (st->watch)
		dv = st->ops->data_version(st->watch);
	/* the first look, or a failed one: anything may have changed */
	changed = dv == -1 || !st->watch_seen || dv != st->watch_dv;
	st->watch_seen = dv != -1;
	st->watch_dv = dv;
	pthread_mutex_unlock(&st->watch_lock);
	return changed;
}

/*
 * After a commit of this process: the watch would take it for a change
 * made elsewhere and keep the next read from being cached.  It looks now
 * instead, and the generation moves once more, since what it sees may
 * include a commit of another process made meanwhile.
 */
static void
store_cache_absorb(struct store *st)
{
	bool started;

	pthread_mutex_lock(&st->watch_lock);
	started = st->watch_seen;
	pthread_mutex_unlock(&st->watch_lock);
	if (!started)
		return;
	store_changed_elsewhere(st);
	store_gen_bump();
}

void
store_cache_start(struct store *st)
{
	/* the first look: from now on, changes elsewhere are seen */
	store_changed_elsewhere(st);
}

/*
 * The read began after its generation was noted (store_begin()).  A
 * change made elsewhere before it began is seen now, or was seen by
 * another request since: either way the generation moved, and this
 * read's answers are not cached.
 */
uint64_t
store_cache_gen(struct store *st)
{
	struct tconn *t = store_tconn(st);

	if (t->depth == 0 || t->write || t->gen == 0)
		return 0;
	if (!t->checked) {
		t->checked = true;
		if (store_changed_elsewhere(st))
			store_gen_bump();
		if (store_gen_now() != t->gen)
			t->gen = 0;
	}
	return t->gen;
}

int
store_commit(struct store *st)
{
	struct tconn	*t = store_tconn(st);
	int		 rc;

	if (t->depth > 1) {
		t->depth--;
		return 0;
	}
	t->depth = 0;
	if (!t->write)
		return t->ops->commit(t->c);
	store_gen_enter();
	rc = t->ops->commit(t->c);
	store_gen_leave();
	if (rc == 0)
		store_cache_absorb(st);
	return rc;
}

int
store_rollback(struct store *st)
{
	struct tconn *t = store_tconn(st);

	if (t->depth > 1) {
		t->depth--;
		return 0;
	}
	t->depth = 0;
	return t->ops->rollback(t->c);
}

void
store_bulk(struct store *st, bool on)
{
	struct tconn *t = store_tconn(st);

	t->ops->bulk(t->c, on);
}

int
store_check(struct store *st, char *msg, size_t msgsz)
{
	struct tconn *t = store_tconn(st);

	return t->ops->check(t->c, msg, msgsz);
}

int
store_backup(struct store *st, const char *to, char *err, size_t errsz)
{
	struct tconn *t = store_tconn(st);

	return t->ops->backup(t->c, to, err, errsz);
}

/* Check the copy of a backup at tmp and bring its schema up to date. */
static int
store_restore_check(const char *tmp, const char *from, char *err,
    size_t errsz)
{
	struct store	*st;
	char		 msg[512];
	int		 v, newest, applied, ret = -1;

	newest = migrations[migrations_count - 1].version;
	if ((st = store_open(tmp, err, errsz)) == NULL)
		return -1;
	if (store_check(st, msg, sizeof(msg)) == -1)
		snprintf(err, errsz, "备份 '%s' 不完整:%s", from, msg);
	else if ((v = store_schema_version(st)) <= 0)
		snprintf(err, errsz, "'%s' 不是台账数据库的备份", from);
	else if (v > newest)
		snprintf(err, errsz, "备份 '%s' 的结构是第%d版,比本程序的"
		    "第%d版新:请用新版程序恢复", from, v, newest);
	else if (v < newest && store_migrate(st, &applied, msg,
	    sizeof(msg)) == -1)
		snprintf(err, errsz, "备份 '%s' 的结构升级失败:%s", from, msg);
	else
		ret = 0;
	store_close(st);
	return ret;
}

int
store_restore(const char *uri, const char *from, char *err, size_t errsz)
{
	const struct db_ops	*ops;
	char			*tmp, *side;
	int			 ret = -1;

	ops = store_is_pg(uri) ? &db_pg_ops : &db_sqlite_ops;
	if (ops->restore_copy == NULL) {
		snprintf(err, errsz, "PostgreSQL 数据库不用本命令恢复:请用 "
		    "pg_restore 从 pg_dump 的备份恢复(见 docs/deploy.md)");
		return -1;
	}
	tmp = xasprintf("%s.restore-%ld", uri, (long)getpid());
	if (ops->restore_copy(from, tmp, err, errsz) == -1 ||
	    store_restore_check(tmp, from, err, errsz) == -1 ||
	    ops->restore_swap(tmp, uri, err, errsz) == -1)
		goto out;
	ret = 0;
out:
	if (ret == -1) {
		unlink(tmp);
		side = xasprintf("%s-wal", tmp);
		unlink(side);
		free(side);
		side = xasprintf("%s-shm", tmp);
		unlink(side);
		free(side);
	}
	free(tmp);
	return ret;
}

int
store_sync_ids(struct store *st)
{
	struct tconn *t = store_tconn(st);

	return t->ops->sync_ids(t->c, NULL);
}

int
store_sync_table_ids(struct store *st, const char *table)
{
	struct tconn *t = store_tconn(st);

	return t->ops->sync_ids(t->c, table);
}

int
store_schema_version(struct store *st)
{
	struct dbstmt	*s;
	int		 v = 0;

	if (db_run(db_stmt(st, STMT_MIG_CREATE)) != STORE_OK)
		return -1;
	s = db_stmt(st, STMT_MIG_MAX);
	if (db_step(s) == DB_ROW)
		v = (int)db_col_int(s, 0);
	db_reset(s);
	return v;
}

/*
 * Apply, each in its own transaction, every embedded migration newer
 * than the store's; then the backend's own DDL.  A failed migration
 * is rolled back whole and stops the run.
 */
int
store_migrate(struct store *st, int *applied, char *err, size_t errsz)
{
	struct tconn	*t = store_tconn(st);
	struct dbstmt	*s;
	int		 have, i;

	*applied = 0;
	if ((have = store_schema_version(st)) < 0) {
		snprintf(err, errsz, "cannot read schema version: %s",
		    db_msg(st));
		return -1;
	}
	for (i = 0; i < migrations_count; i++) {
		const struct migration *m = &migrations[i];
		if (m->version <= have)
			continue;
		if (store_begin(st, true) == -1)
			goto fail;
		if (t->ops->exec_script(t->c, m->text) == -1)
			goto fail;
		s = db_stmt(st, STMT_MIG_RECORD);
		db_int(s, 1, m->version);
		db_text(s, 2, m->name);
		db_int(s, 3, util_now());
		if (db_run(s) != STORE_OK || store_commit(st) == -1)
			goto fail;
		(*applied)++;
		continue;
fail:
		snprintf(err, errsz, "migration '%s' failed: %s", m->name,
		    db_msg(st));
		store_rollback(st);
		return -1;
	}
	if (t->ops->after_migrate &&
	    t->ops->exec_script(t->c, t->ops->after_migrate) == -1) {
		snprintf(err, errsz, "cannot finish schema: %s", db_msg(st));
		return -1;
	}
	return 0;
}

enum store_rc
store_meta_get(struct store *st, const char *key, char *out, size_t outsz)
{
	struct dbstmt	*s;
	enum store_rc	 rc = STORE_NOTFOUND;

	s = db_stmt(st, STMT_META_GET);
	db_text(s, 1, key);
	switch (db_step(s)) {
	case DB_ROW:
		util_strlcpy(out, db_col_text(s, 0), outsz);
		rc = STORE_OK;
		break;
	case DB_DONE:
		break;
	default:
		rc = db_rc(st);
	}
	db_reset(s);
	return rc;
}

enum store_rc
store_meta_set(struct store *st, const char *key, const char *value)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_META_SET);
	db_text(s, 1, key);
	db_text(s, 2, value);
	return db_run(s) == STORE_OK ? STORE_OK : db_rc(st);
}

enum store_rc
store_last_error(struct store *st)
{
	return db_rc(st);
}
