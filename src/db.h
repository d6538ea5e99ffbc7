/*
 * The statement layer under store_*.c: prepare a statement of sql.c by its
 * index, bind $n parameters, step through rows, read columns.  Backends
 * (store_sqlite.c, store_pg.c) implement struct db_ops; nothing
 * above this header knows which engine runs.
 *
 * Statements are prepared once per connection and cached; db_stmt()
 * returns one reset and with its bindings cleared.  Every connection
 * belongs to one thread (store_conn()).
 */
#ifndef DB_H
#define DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sql.h"
#include "store.h"

struct dbconn;
struct dbstmt;

enum db_step {
	DB_ROW = 1,
	DB_DONE = 0,
	DB_ERR = -1
};

struct db_ops {
	const char	*name;
	/* Engine-specific DDL run after the migrations (triggers). */
	const char	*after_migrate;
	/* lazy: a worker's connection, returned even when the server cannot
	 * be reached now; its statements fail (STORE_BUSY) until it can. */
	struct dbconn	*(*open)(const char *uri, bool lazy, char *err,
			    size_t errsz);
	void		 (*close)(struct dbconn *);
	/* Run a script of several statements (migrations); 0 or -1. */
	int		 (*exec_script)(struct dbconn *, const char *);
	struct dbstmt	*(*prepare)(struct dbconn *, enum stmt);
	/* A statement of a text made at run time (db_stmt_text). */
	struct dbstmt	*(*prepare_text)(struct dbconn *, const char *);
	/* A number that changes when others committed (store_cache.h). */
	int64_t		 (*data_version)(struct dbconn *);
	void		 (*bind_int)(struct dbstmt *, int, int64_t);
	void		 (*bind_text)(struct dbstmt *, int, const char *, int);
	void		 (*bind_blob)(struct dbstmt *, int, const void *, int);
	void		 (*bind_null)(struct dbstmt *, int);
	enum db_step	 (*step)(struct dbstmt *);
	bool		 (*col_null)(struct dbstmt *, int);
	int64_t		 (*col_int)(struct dbstmt *, int);
	const char	*(*col_text)(struct dbstmt *, int);
	const void	*(*col_blob)(struct dbstmt *, int, int *);
	void		 (*reset)(struct dbstmt *);
	/* Rows changed by the last INSERT, UPDATE or DELETE. */
	int64_t		 (*changes)(struct dbconn *);
	/* Outcome of the last failed step on this connection. */
	enum store_rc	 (*last_rc)(struct dbconn *);
	const char	*(*last_msg)(struct dbconn *);
	/* Transactions: write=true takes the write lock at once. */
	int		 (*begin)(struct dbconn *, bool write);
	int		 (*commit)(struct dbconn *);
	int		 (*rollback)(struct dbconn *);
	/* Tune the connection for a bulk load (on) or back (off).  On
	 * PostgreSQL writes without rows are then pipelined: a failure
	 * shows at the next statement with rows, or at commit. */
	void		 (*bulk)(struct dbconn *, bool on);
	/* Integrity check and online backup; 0 or -1. */
	int		 (*check)(struct dbconn *, char *, size_t);
	int		 (*backup)(struct dbconn *, const char *to, char *, size_t);
	/* Restore (store_restore): copy the backup file `from` into the
	 * new file `tmp`; then put `tmp` in place of the store `to`, once
	 * nothing else has `to` open.  0 or -1.  NULL where the engine's
	 * own tools restore (PostgreSQL: pg_restore). */
	int		 (*restore_copy)(const char *from, const char *tmp,
			    char *, size_t);
	int		 (*restore_swap)(const char *tmp, const char *to,
			    char *, size_t);
	/* Move the id generators past the ids in the tables (after rows
	 * were inserted with their ids): of table (letters and '_'), or
	 * of all when NULL; 0 or -1. */
	int		 (*sync_ids)(struct dbconn *, const char *table);
	/* Run copy, a "COPY ... FROM STDIN" of sql.c, with data in
	 * PostgreSQL's text format (tab-separated, \\N for NULL); 0 or
	 * -1.  NULL on engines without it: load with INSERTs. */
	int		 (*copy_in)(struct dbconn *, const char *copy,
			    const char *data, size_t len);
	/* CAST(round(a * 1.0 * b / c) AS BIGINT) as the engine computes
	 * it (c > 0): SQLite in double precision, PostgreSQL in numeric;
	 * for a sum made in C that must equal the one SQL made. */
	int64_t		 (*ratio)(int64_t a, int64_t b, int64_t c);
	/* Fetch the rows of the statement's next run one at a time, as
	 * it is stepped, not all at once: a long result in little memory;
	 * until its last row or a reset nothing else may run on the
	 * connection.  NULL where rows always come so (SQLite). */
	void		 (*stream)(struct dbstmt *);
};

/*
 * Every backend's struct dbstmt begins with these members, in this
 * order (each backend asserts it): the wrappers below dispatch on the
 * statement's own connection, so that one thread may use two stores at
 * once (taizhang copy reads one while it writes the other).
 */
struct dbstmt_head {
	const struct db_ops	*ops;
	struct dbconn		*c;
};

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

/* This thread's prepared statement (reset, unbound). Never NULL. */
struct dbstmt	*db_stmt(struct store *, enum stmt);
/*
 * The same for a text made at run time (a statement of sql.c with its
 * filters filled in, sql_item_where()): each connection keeps the
 * DB_DYN_MAX texts it used last prepared.
 */
#define DB_DYN_MAX	48
struct dbstmt	*db_stmt_text(struct store *, const char *);
void		 db_int(struct dbstmt *, int, int64_t);
void		 db_text(struct dbstmt *, int, const char *);
void		 db_textn(struct dbstmt *, int, const char *, int);
void		 db_blob(struct dbstmt *, int, const void *, int);
void		 db_null(struct dbstmt *, int);
/* Bind text, or NULL when s is NULL or empty. */
void		 db_text_or_null(struct dbstmt *, int, const char *);
void		 db_int_or_null(struct dbstmt *, int, const int64_t *);
enum db_step	 db_step(struct dbstmt *);
bool		 db_isnull(struct dbstmt *, int);
int64_t		 db_col_int(struct dbstmt *, int);
/* Column text, "" for NULL; valid until the next step or reset. */
const char	*db_col_text(struct dbstmt *, int);
const void	*db_col_blob(struct dbstmt *, int, int *);
void		 db_reset(struct dbstmt *);
/* ops->stream: call after db_stmt()/db_stmt_text(), before the first
 * step; the statement's other users are not streamed. */
void		 db_stream(struct dbstmt *);
/* Run stmt with $1 = id and copy the blob of its first column into
 * pool (NUL-terminated past *size); NOTFOUND if no row. */
struct arena;
enum store_rc	 db_blob_by_id(struct store *, enum stmt, int64_t id,
		    struct arena *, const void **data, int64_t *size);
/* Step a statement that returns no row (or ignores them); store_rc. */
enum store_rc	 db_run(struct dbstmt *);
/* Run a script of statements without rows (DDL, SAVEPOINT). */
enum store_rc	 db_exec(struct store *, const char *);
/* Whether the engine has ops->copy_in; db_copy_in runs it on this
 * thread's connection. */
bool		 db_has_copy(struct store *);
enum store_rc	 db_copy_in(struct store *, const char *copy,
		    const char *data, size_t len);
/* ops->ratio of this thread's connection. */
int64_t		 db_ratio(struct store *, int64_t a, int64_t b, int64_t c);
/* Rows changed by this thread's last INSERT, UPDATE or DELETE. */
int64_t		 db_changes(struct store *);
/* The store_rc of the last failure on this thread's connection. */
enum store_rc	 db_rc(struct store *);
const char	*db_msg(struct store *);

#endif
