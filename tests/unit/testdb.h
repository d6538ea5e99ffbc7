/*
 * The store a test program runs on, so that the same tests run on both
 * engines (tests/run.sh runs them twice):
 *
 *   testdb_uri()    a fresh store URI: a SQLite file in testdb_dir() by
 *                   default; when TAIZHANG_TEST_PG holds a base URL
 *                   (postgresql://user@127.0.0.1:port, scripts/pg.sh
 *                   start), a new database "t_<pid>_<n>" on that server,
 *                   with the C collation.
 *   testdb_dir()    this program's temporary directory (for other files
 *                   too).
 *   testdb_is_pg()  whether the tests run on PostgreSQL.
 *   testdb_exec()   run raw SQL on a store behind the store's back (to
 *                   check what the engine itself refuses); 0 or -1.
 *   testdb_int()    the first column of the first row of a query with
 *                   text parameters $1..$n (in order), -1 on failure.
 *   testdb_done()   drop the databases and remove the directory; close
 *                   the stores first.
 *
 * Include once per test program, after check.h.
 */
#ifndef TESTDB_H
#define TESTDB_H

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TESTDB_MAX	16

static char	 testdb_tmp[] = "/tmp/taizhang-test-XXXXXX";
static bool	 testdb_have_dir;
static char	*testdb_made[TESTDB_MAX];	/* PostgreSQL database names */
static int	 testdb_n;

static inline const char *
testdb_base(void)
{
	const char *b = getenv("TAIZHANG_TEST_PG");

	return b && *b ? b : NULL;
}

static inline bool
testdb_is_pg(void)
{
	return testdb_base() != NULL;
}

static inline const char *
testdb_dir(void)
{
	if (!testdb_have_dir) {
		if (mkdtemp(testdb_tmp) == NULL) {
			perror("testdb: mkdtemp");
			exit(2);
		}
		testdb_have_dir = true;
	}
	return testdb_tmp;
}

/* The URL of database db on the base server (base without a path). */
static inline char *
testdb_url(const char *db)
{
	const char	*b = testdb_base();
	size_t		 n = strlen(b);
	char		*u;

	while (n > 0 && b[n - 1] == '/')
		n--;
	u = malloc(n + strlen(db) + 2);
	if (u == NULL)
		abort();
	snprintf(u, n + strlen(db) + 2, "%.*s/%s", (int)n, b, db);
	return u;
}

/* Run query in the maintenance database; 0 or -1. */
static inline int
testdb_admin(const char *query)
{
	PGconn		*c;
	PGresult	*r;
	char		*u = testdb_url("postgres");
	int		 rc = -1;

	c = PQconnectdb(u);
	if (PQstatus(c) != CONNECTION_OK)
		fprintf(stderr, "testdb: %s", PQerrorMessage(c));
	else {
		r = PQexec(c, query);
		if (PQresultStatus(r) == PGRES_COMMAND_OK)
			rc = 0;
		else
			fprintf(stderr, "testdb: %s", PQerrorMessage(c));
		PQclear(r);
	}
	PQfinish(c);
	free(u);
	return rc;
}

static inline const char *
testdb_uri(void)
{
	static char	*uris[TESTDB_MAX];
	char		 name[64], query[256];
	int		 i = testdb_n;

	if (i >= TESTDB_MAX) {
		fprintf(stderr, "testdb: more than %d stores\n", TESTDB_MAX);
		exit(2);
	}
	testdb_dir();
	if (!testdb_is_pg()) {
		snprintf(name, sizeof(name), "%s/t%d.db", testdb_tmp, i);
		uris[i] = strdup(name);
	} else {
		snprintf(name, sizeof(name), "t_%ld_%d", (long)getpid(), i);
		snprintf(query, sizeof(query), "CREATE DATABASE \"%s\" TEMPLATE "
		    "template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'",
		    name);
		if (testdb_admin(query) == -1)
			exit(2);
		testdb_made[i] = strdup(name);
		uris[i] = testdb_url(name);
	}
	testdb_n++;
	return uris[i];
}

static inline int
testdb_exec(const char *uri, const char *query)
{
	sqlite3		*db = NULL;
	PGconn		*c;
	PGresult	*r;
	int		 rc = -1;

	if (strncmp(uri, "postgres", 8) != 0) {
		if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE, NULL) ==
		    SQLITE_OK && sqlite3_exec(db, query, NULL, NULL, NULL) ==
		    SQLITE_OK)
			rc = 0;
		sqlite3_close(db);
		return rc;
	}
	c = PQconnectdb(uri);
	if (PQstatus(c) == CONNECTION_OK) {
		r = PQexec(c, query);
		if (PQresultStatus(r) == PGRES_COMMAND_OK ||
		    PQresultStatus(r) == PGRES_TUPLES_OK)
			rc = 0;
		PQclear(r);
	}
	PQfinish(c);
	return rc;
}

static inline int64_t
testdb_int(const char *uri, const char *query, int n, const char *const *params)
{
	sqlite3		*db = NULL;
	sqlite3_stmt	*s;
	PGconn		*c;
	PGresult	*r;
	int64_t		 v = -1;
	int		 i;

	if (strncmp(uri, "postgres", 8) != 0) {
		if (sqlite3_open_v2(uri, &db, SQLITE_OPEN_READWRITE, NULL) ==
		    SQLITE_OK && sqlite3_prepare_v2(db, query, -1, &s, NULL) ==
		    SQLITE_OK) {
			for (i = 0; i < n; i++)
				sqlite3_bind_text(s, i + 1, params[i], -1,
				    SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW)
				v = sqlite3_column_int64(s, 0);
			sqlite3_finalize(s);
		}
		sqlite3_close(db);
		return v;
	}
	c = PQconnectdb(uri);
	if (PQstatus(c) == CONNECTION_OK) {
		r = PQexecParams(c, query, n, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
			v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		PQclear(r);
	}
	PQfinish(c);
	return v;
}

static inline void
testdb_done(void)
{
	char	query[128];
	char	*cmd;
	size_t	n;
	int	i;

	for (i = 0; i < testdb_n; i++) {
		if (testdb_made[i] == NULL)
			continue;
		snprintf(query, sizeof(query), "DROP DATABASE IF EXISTS \"%s\" "
		    "WITH (FORCE)", testdb_made[i]);
		testdb_admin(query);
		free(testdb_made[i]);
		testdb_made[i] = NULL;
	}
	if (testdb_have_dir) {
		n = strlen(testdb_tmp) + 16;
		if ((cmd = malloc(n)) != NULL) {
			snprintf(cmd, n, "rm -rf '%s'", testdb_tmp);
			if (system(cmd) != 0)
				fprintf(stderr, "testdb: cannot remove %s\n",
				    testdb_tmp);
			free(cmd);
		}
		testdb_have_dir = false;
	}
}

#endif
