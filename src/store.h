/*
 * The backend-neutral store.  Callers see opaque handles and enum
 * store_rc; the engine is chosen by the URI given to store_open():
 * a file path for SQLite, postgresql://... for PostgreSQL.
 *
 * Domain functions live in store_<concept>.c and are declared in
 * their own headers (store_place.h, ...); this header holds the
 * lifecycle, transactions and the shared outcome codes.
 */
#ifndef STORE_H
#define STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum store_rc {
	STORE_OK = 0,
	STORE_NOTFOUND,		/* no such row */
	STORE_CONFLICT,		/* unique or foreign-key violation */
	STORE_STALE,		/* version mismatch */
	STORE_BUSY,		/* locked, try again */
	STORE_FULL,		/* disk full */
	STORE_ERROR		/* anything else */
};

struct store;

/*
 * Open the store at uri; on failure return NULL with a one-line
 * English reason in err.  The store is shared by threads; each thread
 * gets its own connection on first use.
 */
struct store	*store_open(const char *uri, char *err, size_t errsz);
void		 store_close(struct store *);
/* Release this thread's connection (call before the thread ends). */
void		 store_thread_done(struct store *);
const char	*store_engine(const struct store *);
const char	*store_uri(const struct store *);

/* Apply the migrations not yet applied; prints nothing. 0 or -1. */
int		 store_migrate(struct store *, int *applied, char *, size_t);
/* Number of applied migrations and the newest one's number. */
int		 store_schema_version(struct store *);

/* Transactions: store_begin(st, true) for a write transaction. */
int		 store_begin(struct store *, bool write);
int		 store_commit(struct store *);
int		 store_rollback(struct store *);

/* Tune this thread's connection for a bulk load, or back. */
void		 store_bulk(struct store *, bool on);
/* After rows were inserted with their own ids: make the ids generated
 * next larger than any in the tables (PostgreSQL's identity sequences;
 * nothing to do on SQLite).  0 or -1. */
int		 store_sync_ids(struct store *);
/* The same for one table (letters and '_'), so that the generators of
 * others, which writers outside the write lock use (sessions, login
 * failures), are left alone. */
int		 store_sync_table_ids(struct store *, const char *table);
/* The outcome of this thread's last failed statement. */
enum store_rc	 store_last_error(struct store *);

int		 store_check(struct store *, char *msg, size_t);
int		 store_backup(struct store *, const char *to, char *, size_t);
/*
 * Replace the store at uri by the backup file `from` (SQLite only): the
 * backup is copied beside the store and checked there (integrity,
 * schema version; an older schema is migrated), then renamed over the
 * store, whose -wal and -shm go.  Refused while anything (a server) has
 * the store open.  0, or -1 with a Chinese reason in err.
 */
int		 store_restore(const char *uri, const char *from, char *,
		    size_t);

/* The value of a meta key into out; STORE_NOTFOUND if unset. */
enum store_rc	 store_meta_get(struct store *, const char *, char *, size_t);
enum store_rc	 store_meta_set(struct store *, const char *, const char *);

#endif
