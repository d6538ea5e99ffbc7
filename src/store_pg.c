/*
 * The PostgreSQL backend: the only file that includes <libpq-fe.h>.
 * One connection per thread; each statement of sql.c prepared once per
 * connection (named "s<N>"), parameters sent as text (blobs as binary),
 * results read as text.  A lost connection fails the statement at hand
 * and is reset on the next use.  In bulk mode, writes that return no
 * rows are pipelined (pg_send()).
 *
 * The schema's "INTEGER PRIMARY KEY" becomes an identity column and
 * BLOB becomes BYTEA (pg_rewrite()); string ranges such as
 * code >= '140881' AND code < '140881:' need bytewise order, so the
 * database must use the C collation (checked on open).
 */
#include <libpq-fe.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "util.h"

struct dbstmt {
	const struct db_ops *ops;	/* first, as db.h requires */
	struct dbconn	*c;
	enum stmt	 id;
	const char	*text;		/* sql[id], or a dynamic text */
	char		 name[16];	/* of the prepared statement */
	unsigned	 gen;		/* the session it was prepared in */
	int		 nparams;
	char		**vals;		/* owned copies; NULL is SQL NULL */
	int		*lens;
	int		*fmts;		/* 0 text, 1 binary */
	PGresult	*res;		/* the rows, once executed */
	int		 row;
	unsigned char	*blob;		/* the last decoded bytea */
	signed char	 noreply;	/* a write without rows; -1 unknown */
	bool		 single;	/* rows fetched one at a time (stream) */
	bool		 running;	/* so fetched, and not all read yet */
};
_Static_assert(offsetof(struct dbstmt, ops) ==
    offsetof(struct dbstmt_head, ops) && offsetof(struct dbstmt, c) ==
    offsetof(struct dbstmt_head, c), "struct dbstmt must begin as db.h says");

struct dbconn {
	PGconn		*pg;
	unsigned	 gen;		/* bumped when the connection is reset */
	bool		 in_tx;		/* between begin and commit/rollback */
	bool		 durable;	/* its commit waits for the disk */
	bool		 tx_lost;	/* the connection dropped in a tx */
	bool		 bulk;		/* pipeline writes (pg_send()) */
	int		 pending;	/* statements sent, not yet synced */
	int64_t		 changes;
	enum store_rc	 rc;		/* of the last failure */
	char		 msg[256];
	struct dbstmt	 stmts[STMT__MAX];
	/* statements prepared from texts made at run time (db_stmt_text) */
	struct pgdyn {
		char		*text;
		uint64_t	 hash;
		uint64_t	 used;
		struct dbstmt	 st;
	}		 dyn[DB_DYN_MAX];
	uint64_t	 dyn_tick;
	unsigned	 dyn_serial;
};

/* Append-only audit: refuse UPDATE, DELETE and TRUNCATE at the engine. */
static const char pg_after_migrate_text[] =
    "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    "RAISE EXCEPTION 'audit is append-only'; END $$;"
    "DROP TRIGGER IF EXISTS audit_no_update ON audit;"
    "DROP TRIGGER IF EXISTS audit_no_delete ON audit;"
    "DROP TRIGGER IF EXISTS audit_no_truncate ON audit;"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only();"
    "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();";

/* Notices (CREATE ... IF NOT EXISTS skipping) are dropped; warnings
 * logged. */
static void
pg_notice(void *arg, const PGresult *res)
{
	const char	*sev, *m;
	char		 esc[256];

	sev = PQresultErrorField(res, PG_DIAG_SEVERITY_NONLOCALIZED);
	if (sev == NULL || strcmp(sev, "WARNING") != 0)
		return;
	m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	log_warn("postgresql: %s", log_esc(m ? m : "?", esc, sizeof(esc)));
}

/* The connection's message, on one line. */
static void
pg_conn_msg(PGconn *pg, char *out, size_t outsz)
{
	char *p;

	snprintf(out, outsz, "%s", pg ? PQerrorMessage(pg) : "out of memory");
	for (p = out; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	while (p > out && p[-1] == ' ')
		*--p = '\0';
}

/* Record the failure of res (NULL: of the connection) on c. */
static void
pg_seterr(struct dbconn *c, const PGresult *res)
{
	const char *state = NULL, *m = NULL;

	if (res) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		m = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	}
	if (PQstatus(c->pg) == CONNECTION_BAD) {
		/* the server is away: 503, try again; pg_ready() reconnects */
		c->rc = STORE_BUSY;
		pg_conn_msg(c->pg, c->msg, sizeof(c->msg));
		if (c->msg[0] == '\0')
			snprintf(c->msg, sizeof(c->msg), "connection lost");
		return;
	}
	if (m)
		snprintf(c->msg, sizeof(c->msg), "%s", m);
	else
		pg_conn_msg(c->pg, c->msg, sizeof(c->msg));
	if (state == NULL)
		c->rc = STORE_ERROR;
	else if (strcmp(state, "23505") == 0 || strcmp(state, "23503") == 0 ||
	    strcmp(state, "23502") == 0 || strcmp(state, "23514") == 0)
		c->rc = STORE_CONFLICT;
	else if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		c->rc = STORE_BUSY;
	else if (strcmp(state, "53100") == 0)
		c->rc = STORE_FULL;
	else
		c->rc = STORE_ERROR;
}

/* Run one command without parameters; 0 or -1 (recorded on c). */
static int
pg_simple(struct dbconn *c, const char *text)
{
	PGresult	*res;
	int		 rc = 0;

	res = PQexec(c->pg, text);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK) {
		pg_seterr(c, res);
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/* The first row's first column of a query into out; 0 or -1. */
static int
pg_value(struct dbconn *c, const char *text, char *out, size_t outsz)
{
	PGresult	*res;
	int		 rc = -1;

	res = PQexec(c->pg, text);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) > 0) {
		snprintf(out, outsz, "%s", PQgetvalue(res, 0, 0));
		rc = 0;
	} else
		pg_seterr(c, res);
	PQclear(res);
	return rc;
}

/*
 * Connect to the URI (postgresql://user:pw@host:port/db?...), speak
 * UTF-8 and insist on the C collation.  Messages name the database,
 * never the password.
 */
static struct dbconn *
pg_open(const char *uri, bool lazy, char *err, size_t errsz)
{
	struct dbconn	*c;
	char		 msg[256], coll[64];
	size_t		 i;

	c = xcalloc(1, sizeof(*c));
	c->gen = 1;
	for (i = 0; i < STMT__MAX; i++) {
		c->stmts[i].ops = &db_pg_ops;
		c->stmts[i].c = c;
		c->stmts[i].id = (enum stmt)i;
		c->stmts[i].text = sql[i];
		snprintf(c->stmts[i].name, sizeof(c->stmts[i].name), "s%d",
		    (int)i);
		c->stmts[i].noreply = -1;
	}
	c->pg = PQconnectdb(uri);
	/* a worker of a server whose store opened once: keep the dead
	 * connection, pg_ready() revives it (the checks below were made by
	 * the first connection) */
	if (lazy && c->pg != NULL && PQstatus(c->pg) != CONNECTION_OK)
		return c;
	if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
		pg_conn_msg(c->pg, msg, sizeof(msg));
		snprintf(err, errsz, "无法连接 PostgreSQL 数据库 '%s'(主机 %s,"
		    "端口 %s):%s", c->pg ? PQdb(c->pg) : "?",
		    c->pg && PQhost(c->pg) ? PQhost(c->pg) : "?",
		    c->pg && PQport(c->pg) ? PQport(c->pg) : "?", msg);
		goto fail;
	}
	PQsetNoticeReceiver(c->pg, pg_notice, NULL);
	if (PQsetClientEncoding(c->pg, "UTF8") != 0) {
		pg_conn_msg(c->pg, msg, sizeof(msg));
		snprintf(err, errsz, "PostgreSQL 数据库 '%s' 不能使用 UTF8 "
		    "编码:%s", PQdb(c->pg), msg);
		goto fail;
	}
	if (pg_value(c, "SHOW lc_collate", coll, sizeof(coll)) == -1) {
		snprintf(err, errsz, "无法读取 PostgreSQL 数据库 '%s' 的排序规则:"
		    "%s", PQdb(c->pg), c->msg);
		goto fail;
	}
	if (strcmp(coll, "C") != 0 && strcmp(coll, "POSIX") != 0) {
		snprintf(err, errsz, "PostgreSQL 数据库 '%s' 的排序规则是 %s,"
		    "台账需要 C:请用 LC_COLLATE 'C' 新建数据库,例如 "
		    "createdb -T template0 --locale=C -E UTF8 %s", PQdb(c->pg),
		    coll, PQdb(c->pg));
		goto fail;
	}
	if (pg_simple(c, "SET standard_conforming_strings = on") == -1) {
		snprintf(err, errsz, "PostgreSQL 数据库 '%s':%s", PQdb(c->pg),
		    c->msg);
		goto fail;
	}
	return c;
fail:
	PQfinish(c->pg);
	free(c);
	return NULL;
}

static void
pg_clear_params(struct dbstmt *st)
{
	int i;

	for (i = 0; i < st->nparams; i++) {
		free(st->vals[i]);
		st->vals[i] = NULL;
		st->lens[i] = 0;
		st->fmts[i] = 0;
	}
}

/* Read and drop what the connection still has to say. */
static void
pg_drain(struct dbconn *c)
{
	PGresult *res;

	while ((res = PQgetResult(c->pg)) != NULL)
		PQclear(res);
}

static void
pg_clear_result(struct dbstmt *st)
{
	PQclear(st->res);
	st->res = NULL;
	st->row = -1;
	if (st->running) {	/* the rows not read are read and dropped */
		pg_drain(st->c);
		st->running = false;
	}
	if (st->blob) {
		PQfreemem(st->blob);
		st->blob = NULL;
	}
}

static void
pg_stmt_free(struct dbstmt *st)
{
	pg_clear_result(st);
	pg_clear_params(st);
	free(st->vals);
	free(st->lens);
	free(st->fmts);
	st->vals = NULL;
	st->lens = st->fmts = NULL;
}

static void
pg_close(struct dbconn *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		pg_stmt_free(&c->stmts[i]);
	for (i = 0; i < DB_DYN_MAX; i++) {
		pg_stmt_free(&c->dyn[i].st);
		free(c->dyn[i].text);
	}
	PQfinish(c->pg);
	free(c);
}

static bool
pg_word(int ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	    (ch >= '0' && ch <= '9') || ch == '_';
}

/*
 * The schema for PostgreSQL: "INTEGER PRIMARY KEY" (SQLite's rowid
 * alias) becomes an identity column, BLOB becomes BYTEA; whole words,
 * outside quotes and comments.
 */
static char *
pg_rewrite(const char *in)
{
	static const struct {
		const char	*from, *to;
	} subst[] = {
		{ "INTEGER PRIMARY KEY",
		    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
		{ "BLOB", "BYTEA" },
	};
	char		*out;
	const char	*p = in, *e;
	size_t		 cap, n = 0, k, len;

	cap = strlen(in) * 3 + 1;
	out = xmalloc(cap);
	while (*p) {
		if (*p == '\'' || *p == '"') {
			/* a literal or quoted identifier, doubled quotes
			 * included */
			e = p + 1;
			while (*e && *e != *p)
				e++;
			if (*e)
				e++;
		} else if (p[0] == '-' && p[1] == '-') {
			e = p + strcspn(p, "\n");
		} else if (p[0] == '/' && p[1] == '*') {
			e = strstr(p + 2, "*/");
			e = e ? e + 2 : p + strlen(p);
		} else {
			for (k = 0; k < NELEM(subst); k++) {
				len = strlen(subst[k].from);
				if ((p == in || !pg_word(p[-1])) &&
				    strncmp(p, subst[k].from, len) == 0 &&
				    !pg_word(p[len]))
					break;
			}
			if (k < NELEM(subst)) {
				len = strlen(subst[k].to);
				memcpy(out + n, subst[k].to, len);
				n += len;
				p += strlen(subst[k].from);
				continue;
			}
			e = p + 1;
		}
		memcpy(out + n, p, (size_t)(e - p));
		n += (size_t)(e - p);
		p = e;
	}
	out[n] = '\0';
	return out;
}

/*
 * End the pipeline of bulk mode: wait for the statements sent.  0, or
 * -1 with the first failure among them recorded on c.
 */
static int
pg_flush(struct dbconn *c)
{
	PGresult	*res;
	int		 rc = 0;

	if (PQpipelineStatus(c->pg) == PQ_PIPELINE_OFF)
		return 0;
	c->pending = 0;
	if (PQpipelineSync(c->pg) != 1) {
		pg_seterr(c, NULL);
		PQexitPipelineMode(c->pg);
		return -1;
	}
	for (;;) {
		if ((res = PQgetResult(c->pg)) == NULL) {
			/* between two statements' results */
			if (PQstatus(c->pg) == CONNECTION_BAD) {
				if (rc == 0)
					pg_seterr(c, NULL);
				rc = -1;
				break;
			}
			continue;
		}
		if (PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
			PQclear(res);
			break;
		}
		if (PQresultStatus(res) == PGRES_FATAL_ERROR && rc == 0) {
			pg_seterr(c, res);
			rc = -1;
		}
		PQclear(res);
	}
	PQexitPipelineMode(c->pg);
	return rc;
}

/*
 * A lost connection is reset before the next statement; if it was lost
 * inside a transaction, statements fail until the caller ends it.
 */
static void
pg_revive(struct dbconn *c)
{
	/* read what the server sent while idle: a restart shows here,
	 * before a statement is sent on a dead connection */
	if (PQstatus(c->pg) == CONNECTION_OK && PQconsumeInput(c->pg))
		PQconsumeInput(c->pg);	/* the message, then the EOF */
	if (PQstatus(c->pg) != CONNECTION_BAD)
		return;
	PQreset(c->pg);
	c->pending = 0;
	if (PQstatus(c->pg) != CONNECTION_OK)
		return;
	c->gen++;
	if (c->in_tx)
		c->tx_lost = true;
	PQsetClientEncoding(c->pg, "UTF8");
	pg_simple(c, "SET standard_conforming_strings = on");
}

/*
 * 0 if c can take a statement now, else -1 with the reason set; flush:
 * the statement needs the results of the pipelined ones first.
 */
static int
pg_ready(struct dbconn *c, bool flush)
{
	if (flush && pg_flush(c) == -1)
		return -1;
	pg_revive(c);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		pg_seterr(c, NULL);
		return -1;
	}
	if (c->tx_lost) {
		c->rc = STORE_BUSY;
		snprintf(c->msg, sizeof(c->msg), "connection lost during the "
		    "transaction; it was rolled back");
		return -1;
	}
	return 0;
}

/*
 * The cluster's snapshot (xmin:xmax:in-progress xids), hashed: a commit
 * anywhere that wrote anything takes its xid out of the in-progress
 * list or, if it began since the last look, has moved xmax, so the text
 * differs after every commit, which is all the answer cache needs
 * (store_cache.h).  Reads, checkpoints, VACUUM and the WAL that hint
 * bits and page pruning write change nothing here, where the WAL
 * insert location, used before, moved with each of them.  -1 on failure.
 */
static int64_t
pg_data_version(struct dbconn *c)
{
	char v[32];

	if (pg_ready(c, true) == -1 || pg_value(c, "SELECT "
	    "hashtextextended(pg_current_snapshot()::text, 0) & "
	    "9223372036854775807", v, sizeof(v)) == -1)
		return -1;
	return strtoll(v, NULL, 10);
}

static int
pg_exec_script(struct dbconn *c, const char *text)
{
	char	*t;
	int	 rc;

	if (pg_ready(c, true) == -1)
		return -1;
	t = pg_rewrite(text);
	rc = pg_simple(c, t);
	free(t);
	return rc;
}

/* The highest $n of a statement text, outside string literals. */
static int
pg_nparams(const char *text)
{
	bool	 quoted = false;
	long	 v;
	int	 max = 0;
	char	*end;

	for (; *text; text++) {
		if (*text == '\'')
			quoted = !quoted;
		if (quoted || *text != '$' || text[1] < '1' || text[1] > '9')
			continue;
		v = strtol(text + 1, &end, 10);
		if (v > max)
			max = (int)v;
		text = end - 1;
	}
	return max;
}

static struct dbstmt *
pg_ready_stmt(struct dbstmt *st)
{
	if (st->vals == NULL) {
		st->nparams = pg_nparams(st->text);
		st->vals = xcalloc((size_t)st->nparams + 1, sizeof(*st->vals));
		st->lens = xcalloc((size_t)st->nparams + 1, sizeof(*st->lens));
		st->fmts = xcalloc((size_t)st->nparams + 1, sizeof(*st->fmts));
	}
	pg_clear_result(st);
	pg_clear_params(st);
	st->single = false;
	return st;
}

static struct dbstmt *
pg_prepare(struct dbconn *c, enum stmt id)
{
	return pg_ready_stmt(&c->stmts[id]);
}

/*
 * A statement of a text made at run time, kept among the DB_DYN_MAX
 * last used; the least recently used one is deallocated for a new one.
 */
static struct dbstmt *
pg_prepare_text(struct dbconn *c, const char *text)
{
	struct pgdyn	*d, *old = &c->dyn[0];
	uint64_t	 h = util_hash(text);
	size_t		 i;
	char		 q[40];

	for (i = 0; i < DB_DYN_MAX; i++) {
		d = &c->dyn[i];
		if (d->text && d->hash == h && strcmp(d->text, text) == 0) {
			d->used = ++c->dyn_tick;
			return pg_ready_stmt(&d->st);
		}
		if (d->used < old->used)
			old = d;
	}
	d = old;
	if (d->text) {
		if (d->st.gen == c->gen && c->pg != NULL &&
		    PQstatus(c->pg) == CONNECTION_OK && !c->bulk) {
			snprintf(q, sizeof(q), "DEALLOCATE %s", d->st.name);
			PQclear(PQexec(c->pg, q));
		}
		pg_stmt_free(&d->st);
		free(d->text);
	}
	memset(d, 0, sizeof(*d));
	d->text = xstrdup(text);
	d->hash = h;
	d->used = ++c->dyn_tick;
	d->st.ops = &db_pg_ops;
	d->st.c = c;
	d->st.id = STMT__MAX;
	d->st.text = d->text;
	d->st.noreply = -1;
	snprintf(d->st.name, sizeof(d->st.name), "d%u", ++c->dyn_serial);
	return pg_ready_stmt(&d->st);
}

/* Prepare st on its connection's current session; 0 or -1. */
static int
pg_prepare_now(struct dbstmt *st)
{
	struct dbconn	*c = st->c;
	PGresult	*res;
	const char	*state;

	res = PQprepare(c->pg, st->name, st->text, st->nparams, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_seterr(c, res);
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		PQclear(res);
		/* a text the server refuses is a bug, as on SQLite */
		if (state && strncmp(state, "42", 2) == 0)
			xdie("cannot prepare statement %s: %s", st->name,
			    c->msg);
		return -1;
	}
	PQclear(res);
	st->gen = c->gen;
	return 0;
}

static void
pg_bind(struct dbstmt *st, int i, const void *p, int n, int fmt)
{
	/* out of range: ignored, as SQLite does */
	if (i < 1 || i > st->nparams)
		return;
	free(st->vals[i - 1]);
	st->vals[i - 1] = NULL;
	if (p) {
		st->vals[i - 1] = xmalloc((size_t)n + 1);
		memcpy(st->vals[i - 1], p, (size_t)n);
		st->vals[i - 1][n] = '\0';
	}
	st->lens[i - 1] = n;
	st->fmts[i - 1] = fmt;
}

static void
pg_bind_int(struct dbstmt *st, int i, int64_t v)
{
	char	b[24];
	int	n;

	n = snprintf(b, sizeof(b), "%lld", (long long)v);
	pg_bind(st, i, b, n, 0);
}

static void
pg_bind_text(struct dbstmt *st, int i, const char *s, int n)
{
	if (s == NULL) {
		pg_bind(st, i, NULL, 0, 0);
		return;
	}
	if (n < 0)
		n = (int)strlen(s);
	pg_bind(st, i, s, n, 0);
}

static void
pg_bind_blob(struct dbstmt *st, int i, const void *p, int n)
{
	/* an empty blob is not NULL */
	pg_bind(st, i, p ? p : "", p ? n : 0, 1);
}

static void
pg_bind_null(struct dbstmt *st, int i)
{
	pg_bind(st, i, NULL, 0, 0);
}

/* Execute st: its rows into st->res; 0 or -1. */
static int
pg_execute(struct dbstmt *st)
{
	struct dbconn	*c = st->c;
	PGresult	*res;
	const char	*cmd;

	if (pg_ready(c, true) == -1)
		return -1;
	if (st->gen != c->gen && pg_prepare_now(st) == -1)
		return -1;
	res = PQexecPrepared(c->pg, st->name, st->nparams,
	    (const char *const *)st->vals, st->lens, st->fmts, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		break;
	default:
		pg_seterr(c, res);
		PQclear(res);
		return -1;
	}
	cmd = PQcmdStatus(res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		c->changes = strtoll(PQcmdTuples(res), NULL, 10);
	st->res = res;
	st->row = -1;
	return 0;
}

/* Whether st is an INSERT, UPDATE or DELETE that returns no rows. */
static bool
pg_noreply(struct dbstmt *st)
{
	const char *t = st->text;

	if (st->noreply < 0)
		st->noreply = (strncmp(t, "INSERT", 6) == 0 ||
		    strncmp(t, "UPDATE", 6) == 0 ||
		    strncmp(t, "DELETE", 6) == 0) &&
		    strstr(t, "RETURNING") == NULL;
	return st->noreply;
}

/*
 * Bulk mode: send st in the pipeline and go on without its outcome,
 * which shows at the next statement that waits (one returning rows,
 * begin, commit) or after PG_PIPELINE statements.  changes() reads 1.
 */
#define PG_PIPELINE	256
static enum db_step
pg_send(struct dbstmt *st)
{
	struct dbconn	*c = st->c;

	if (pg_ready(c, false) == -1)
		return DB_ERR;
	if (st->gen != c->gen && (pg_flush(c) == -1 ||
	    pg_prepare_now(st) == -1))
		return DB_ERR;
	if (PQpipelineStatus(c->pg) == PQ_PIPELINE_OFF &&
	    PQenterPipelineMode(c->pg) != 1) {
		pg_seterr(c, NULL);
		return DB_ERR;
	}
	if (PQsendQueryPrepared(c->pg, st->name, st->nparams,
	    (const char *const *)st->vals, st->lens, st->fmts, 0) != 1) {
		pg_seterr(c, NULL);
		pg_flush(c);
		return DB_ERR;
	}
	c->changes = 1;
	if (++c->pending >= PG_PIPELINE && pg_flush(c) == -1)
		return DB_ERR;
	return DB_DONE;
}

/*
 * A step of a statement streamed (pg_stream): send it on the first
 * call, then take its rows one PGresult each (single-row mode).
 */
static enum db_step
pg_step_single(struct dbstmt *st)
{
	struct dbconn	*c = st->c;
	PGresult	*res;

	if (!st->running) {
		if (pg_ready(c, true) == -1 || (st->gen != c->gen &&
		    pg_prepare_now(st) == -1))
			return DB_ERR;
		if (PQsendQueryPrepared(c->pg, st->name, st->nparams,
		    (const char *const *)st->vals, st->lens, st->fmts, 0) != 1) {
			pg_seterr(c, NULL);
			return DB_ERR;
		}
		st->running = true;
		if (PQsetSingleRowMode(c->pg) != 1) {
			pg_seterr(c, NULL);
			pg_clear_result(st);
			return DB_ERR;
		}
	}
	PQclear(st->res);
	st->res = NULL;
	if (st->blob) {
		PQfreemem(st->blob);
		st->blob = NULL;
	}
	res = PQgetResult(c->pg);
	switch (PQresultStatus(res)) {
	case PGRES_SINGLE_TUPLE:
		st->res = res;
		st->row = 0;
		return DB_ROW;
	case PGRES_TUPLES_OK:
		PQclear(res);
		pg_clear_result(st);
		return DB_DONE;
	default:
		pg_seterr(c, res);
		PQclear(res);
		pg_clear_result(st);
		return DB_ERR;
	}
}

/*
 * Execute on the first call, then walk the rows.  After DB_DONE or
 * DB_ERR the statement is reset: a further step runs it again with the
 * same parameters, as on SQLite.
 */
static enum db_step
pg_step(struct dbstmt *st)
{
	if (st->single)
		return pg_step_single(st);
	if (st->res == NULL) {
		if (st->c->bulk && pg_noreply(st))
			return pg_send(st);
		if (pg_execute(st) == -1)
			return DB_ERR;
	}
	if (st->blob) {
		PQfreemem(st->blob);
		st->blob = NULL;
	}
	if (++st->row < PQntuples(st->res))
		return DB_ROW;
	pg_clear_result(st);
	return DB_DONE;
}

static bool
pg_col_ok(struct dbstmt *st, int i)
{
	return st->res && st->row >= 0 && st->row < PQntuples(st->res) &&
	    i >= 0 && i < PQnfields(st->res);
}

static bool
pg_col_null(struct dbstmt *st, int i)
{
	return !pg_col_ok(st, i) || PQgetisnull(st->res, st->row, i);
}

static int64_t
pg_col_int(struct dbstmt *st, int i)
{
	const char *v;

	if (pg_col_null(st, i))
		return 0;
	v = PQgetvalue(st->res, st->row, i);
	/* a boolean, where an expression gives one */
	if (v[0] == 't' && v[1] == '\0')
		return 1;
	return strtoll(v, NULL, 10);
}

static const char *
pg_col_text(struct dbstmt *st, int i)
{
	if (pg_col_null(st, i))
		return "";
	return PQgetvalue(st->res, st->row, i);
}

/* bytea arrives as text ("\x..." hex); decoded into st->blob. */
static const void *
pg_col_blob(struct dbstmt *st, int i, int *n)
{
	size_t len = 0;

	*n = 0;
	if (pg_col_null(st, i))
		return NULL;
	if (st->blob)
		PQfreemem(st->blob);
	st->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(st->res,
	    st->row, i), &len);
	if (st->blob == NULL)
		xdie("out of memory");
	*n = (int)len;
	return st->blob;
}

static void
pg_reset(struct dbstmt *st)
{
	pg_clear_result(st);
}

static void
pg_stream(struct dbstmt *st)
{
	st->single = true;
}

static int64_t
pg_changes(struct dbconn *c)
{
	return c->changes;
}

static enum store_rc
pg_last_rc(struct dbconn *c)
{
	return c->rc;
}

static const char *
pg_last_msg(struct dbconn *c)
{
	return c->msg;
}

/*
 * READ COMMITTED: the statements take the row locks they need
 * (UPDATE ... WHERE version = $n, UPDATE ... RETURNING).
 */
static int
pg_begin(struct dbconn *c, bool write)
{
	/* a read sees one snapshot (statistics' rows and total, a copy's
	 * source), as a SQLite read transaction does */
	if (pg_ready(c, true) == -1 || pg_simple(c, write ? "BEGIN; SET "
	    "LOCAL synchronous_commit = off" : "BEGIN ISOLATION LEVEL "
	    "REPEATABLE READ, READ ONLY") == -1)
		return -1;
	c->in_tx = true;
	c->durable = !write;
	/*
	 * One writer at a time, as on SQLite (BEGIN IMMEDIATE): the paths
	 * that check, then write (a unit's name under its parent, one
	 * pending extension, the unit closure) rely on it.  Readers are not
	 * held up; the lock ends with the transaction.
	 */
	if (write && pg_simple(c, "SELECT pg_advisory_xact_lock(7310)") == -1) {
		pg_simple(c, "ROLLBACK");
		c->in_tx = false;
		return -1;
	}
	return 0;
}

/*
 * Group commit.  A write transaction commits without waiting for the
 * disk (synchronous_commit off, set in pg_begin()): the one-writer
 * lock it holds ends at once, and the next writer goes on.  Then a
 * transaction of its own with a transaction id commits synchronously,
 * which waits until the log is on disk up to its commit record, past
 * the write's: PostgreSQL flushes the log once for all the sessions
 * that wait at the same time.  The write is reported done only then,
 * as with synchronous_commit on.  0 or -1.
 */
static int
pg_durable(struct dbconn *c)
{
	char v[32];

	if (pg_value(c, "SELECT txid_current()", v, sizeof(v)) == -1) {
		/* committed, but not known to be on disk */
		snprintf(c->msg, sizeof(c->msg), "the commit was not confirmed "
		    "durable: %s", PQerrorMessage(c->pg));
		c->rc = STORE_ERROR;
		return -1;
	}
	return 0;
}

/* COMMIT of a failed transaction rolls back: that is a failure. */
static int
pg_commit(struct dbconn *c)
{
	PGresult	*res;
	int		 rc = 0;

	if (pg_flush(c) == -1) {
		/* keep the failure of the pipelined statement */
		pg_simple(c, "ROLLBACK");
		c->in_tx = c->tx_lost = false;
		return -1;
	}
	if (c->tx_lost) {
		c->in_tx = c->tx_lost = false;
		c->rc = STORE_ERROR;
		snprintf(c->msg, sizeof(c->msg), "connection lost during the "
		    "transaction; it was rolled back");
		return -1;
	}
	res = PQexec(c->pg, "COMMIT");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_seterr(c, res);
		rc = -1;
	} else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		if (c->rc == STORE_OK)
			c->rc = STORE_ERROR;
		snprintf(c->msg, sizeof(c->msg), "the transaction failed and "
		    "was rolled back");
		rc = -1;
	}
	PQclear(res);
	/* a failed COMMIT ends the transaction too */
	c->in_tx = false;
	if (rc == 0 && !c->durable)
		rc = pg_durable(c);
	return rc;
}

static int
pg_rollback(struct dbconn *c)
{
	pg_flush(c);
	c->tx_lost = false;
	c->in_tx = false;
	switch (PQtransactionStatus(c->pg)) {
	case PQTRANS_INTRANS:
	case PQTRANS_INERROR:
		return pg_simple(c, "ROLLBACK");
	default:
		return 0;
	}
}

/* Off: wait for the pipelined statements (failures: see commit). */
static void
pg_bulk(struct dbconn *c, bool on)
{
	if (!on)
		pg_flush(c);
	c->bulk = on;
}

/* A COPY ... FROM STDIN statement: data (text format) in 1 MB pieces. */
#define PG_COPY_PIECE	(1 << 20)
static int
pg_copy_in(struct dbconn *c, const char *copy, const char *data,
    size_t len)
{
	PGresult	*res;
	size_t		 off, k;
	int		 rc = 0;

	if (pg_ready(c, true) == -1)
		return -1;
	res = PQexec(c->pg, copy);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		pg_seterr(c, res);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	for (off = 0; off < len && rc == 0; off += k) {
		k = len - off < PG_COPY_PIECE ? len - off : PG_COPY_PIECE;
		if (PQputCopyData(c->pg, data + off, (int)k) != 1) {
			pg_seterr(c, NULL);
			rc = -1;
		}
	}
	if (PQputCopyEnd(c->pg, rc == 0 ? NULL : "cancelled") != 1 &&
	    rc == 0) {
		pg_seterr(c, NULL);
		rc = -1;
	}
	while ((res = PQgetResult(c->pg)) != NULL) {
		if (PQresultStatus(res) == PGRES_COMMAND_OK)
			c->changes = strtoll(PQcmdTuples(res), NULL, 10);
		else if (rc == 0) {
			pg_seterr(c, res);
			rc = -1;
		}
		PQclear(res);
	}
	return rc;
}

/* No integrity_check on PostgreSQL: the server answers and has tables. */
static int
pg_check(struct dbconn *c, char *msg, size_t msgsz)
{
	char n[32];

	if (pg_ready(c, true) == -1 || pg_value(c, "SELECT count(*) FROM "
	    "information_schema.tables WHERE table_schema = current_schema() "
	    "AND table_type = 'BASE TABLE'", n, sizeof(n)) == -1) {
		snprintf(msg, msgsz, "%s", c->msg);
		return -1;
	}
	snprintf(msg, msgsz, "PostgreSQL %d,%s 张表", PQserverVersion(c->pg),
	    n);
	return 0;
}

/*
 * The identity sequence of every table with an identity column "id"
 * continues after the largest id in the table (rows were inserted with
 * their ids).
 */
static int
pg_sync_ids(struct dbconn *c, const char *table)
{
	char q[256];

	if (pg_ready(c, true) == -1)
		return -1;
	if (table) {
		/* a name of the caller's, never the user's: still checked */
		if (*table == '\0' || strspn(table,
		    "abcdefghijklmnopqrstuvwxyz_") != strlen(table) ||
		    strlen(table) > 64)
			return -1;
		snprintf(q, sizeof(q), "SELECT setval(pg_get_serial_sequence("
		    "'%s', 'id'), coalesce(max(id), 0) + 1, false) FROM %s",
		    table, table);
		return pg_simple(c, q);
	}
	return pg_simple(c, "DO $$ DECLARE t text; BEGIN "
	    "FOR t IN SELECT table_name FROM information_schema.columns "
	    "WHERE table_schema = current_schema() AND column_name = 'id' "
	    "AND is_identity = 'YES' LOOP "
	    "EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''), "
	    "coalesce(max(id), 0) + 1, false) FROM %I', t, t); "
	    "END LOOP; END $$");
}

static int
pg_backup(struct dbconn *c, const char *to, char *err, size_t errsz)
{
	snprintf(err, errsz, "PostgreSQL 请用 pg_dump 备份");
	return -1;
}

/* The weight and first digit of x > 0 in numeric's base 10000. */
static int
pg_numeric_weight(unsigned __int128 x, int *first)
{
	int w = 0;

	for (; x >= 10000; x /= 10000)
		w++;
	*first = (int)x;
	return w;
}

/*
 * CAST(round(a * 1.0 * b / c) AS BIGINT) as PostgreSQL computes it
 * (c > 0): numeric throughout, so the product is exact (dscale 1); the
 * quotient is rounded half away from zero to the scale of numeric.c's
 * select_div_scale() (16 significant digits, at least 1), then round()
 * takes it, half away from zero, to an integer.  The integer part q
 * and remainder rem of |a b| / c: the result is q + 1 when rem / c,
 * rounded to k digits, is 1/2 or more, i.e. when rem / c >= 1/2 -
 * 10^-k / 2; with c < 10^19 that is rem / c >= 1/2 once k >= 19.
 */
static int64_t
pg_ratio(int64_t a, int64_t b, int64_t c)
{
	unsigned __int128	 n, q, rem, pow = 1;
	int64_t			 out;
	int			 w1, w2, f1, f2, k, i;
	bool			 neg = (a < 0) != (b < 0);

	n = (unsigned __int128)(a < 0 ? -(__int128)a : a) *
	    (unsigned __int128)(b < 0 ? -(__int128)b : b);
	if (n == 0 || c <= 0)
		return 0;
	q = n / (uint64_t)c;
	rem = n % (uint64_t)c;
	w1 = pg_numeric_weight(n, &f1);
	w2 = pg_numeric_weight((uint64_t)c, &f2);
	k = 16 - 4 * (w1 - w2 - (f1 <= f2));
	if (k < 1)
		k = 1;
	if (k < 19) {
		for (i = 0; i < k; i++)
			pow *= 10;
		q += 2 * rem * pow >= (pow - 1) * (uint64_t)c;
	} else
		q += 2 * rem >= (uint64_t)c;
	out = (int64_t)q;
	return neg ? -out : out;
}

const struct db_ops db_pg_ops = {
	.name = "postgresql",
	.after_migrate = pg_after_migrate_text,
	.open = pg_open,
	.close = pg_close,
	.exec_script = pg_exec_script,
	.prepare = pg_prepare,
	.prepare_text = pg_prepare_text,
	.data_version = pg_data_version,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_blob = pg_bind_blob,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_null = pg_col_null,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.reset = pg_reset,
	.changes = pg_changes,
	.last_rc = pg_last_rc,
	.last_msg = pg_last_msg,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.bulk = pg_bulk,
	.check = pg_check,
	.backup = pg_backup,
	.sync_ids = pg_sync_ids,
	.copy_in = pg_copy_in,
	.ratio = pg_ratio,
	.stream = pg_stream,
};
