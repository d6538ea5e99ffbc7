/*
 * The subcommands, one cmd_<name>.c each (after git).  Each takes its
 * own argv (argv[0] is its name), parses with getopt_long, prints its
 * errors on stderr in one line and returns the exit status: 0 done,
 * 1 failed, 2 usage.
 */
#ifndef CMD_H
#define CMD_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "store.h"
#include "store_audit.h"

int	cmd_init(int, char **);
int	cmd_serve(int, char **);
int	cmd_places(int, char **);
int	cmd_user(int, char **);
int	cmd_backup(int, char **);
int	cmd_restore(int, char **);
int	cmd_check(int, char **);
int	cmd_copy(int, char **);
int	cmd_demo(int, char **);
int	cmd_ledger(int, char **);
int	cmd_item(int, char **);
int	cmd_export(int, char **);
int	cmd_import(int, char **);

/* The default store: $TAIZHANG_DB or var/taizhang.db. */
const char	*cmd_default_db(void);
/* Open (and with migrate, create or migrate) the store; NULL after
 * printing the reason. */
struct store	*cmd_open(const char *cmd, const char *db, bool migrate);
/* Print "taizhang CMD: message" on stderr; returns 1. */
int		 cmd_fail(const char *cmd, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* The same with the usage hint; returns 2. */
int		 cmd_usage(const char *cmd, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Read one line from stdin (a password) into out; 0, or -1 if none. */
int		 cmd_read_secret(char *out, size_t);
/* Create u with password pw (NULL: generate one into gen); audited.
 * Returns 0 or the exit status after printing why. */
struct user;
int		 cmd_user_create(struct store *, struct user *, const char *pw,
		    char gen[17]);
/* The acting user of a command into u: login, or the first enabled
 * admin.  0, or 1 after printing why (as cmd). */
int		 cmd_acting_user(const char *cmd, struct store *,
		    const char *login, struct user *);
/*
 * Run the handler of route (method, pattern) as u, as the router would
 * once the caller is known: the route's role, :id = id (or none), the
 * query q[nq] and body; with in_tx the caller holds the transaction.
 * Returns the status; *out is the JSON reply (NULL if none), the
 * caller's to free.  (cmd_api.c)
 */
struct kv;
int		 cmd_api_call(struct store *, struct user *, const char *method,
		    const char *pattern, const char *id, const struct kv *q,
		    size_t nq, const char *body, bool in_tx, json_t **out);
/* "message(字段 field)" of an error reply, in a static buffer. */
const char	*cmd_api_why(json_t *reply);
/* The actor of command-line writes. */
extern const struct actor cmd_actor;

#endif
