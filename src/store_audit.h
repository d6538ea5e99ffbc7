/* The audit log: append-only record of every write. */
#ifndef STORE_AUDIT_H
#define STORE_AUDIT_H

#include <stdint.h>

#include "store.h"

/* Who acts: a user through the API, or the command line. */
struct actor {
	int64_t		 user_id;	/* 0: none (command line, login) */
	const char	*name;		/* login, or "命令行" */
	const char	*ip;		/* remote address, or "cli" */
};

/*
 * Record one write: action (create, update, delete, login, ...), entity
 * (place, unit, user, session ...), its id, and its JSON before and
 * after (NULL for none).  Call inside the write's transaction.
 */
enum store_rc	store_audit_add(struct store *, const struct actor *,
		    const char *action, const char *entity,
		    const char *entity_id, const char *before,
		    const char *after);

struct audit_filter {
	const char	*entity;	/* NULL: any */
	const char	*entity_id;
	const char	*action;	/* NULL: any */
	int64_t		 user_id;	/* 0: any */
	int64_t		 from, to;	/* 0: open */
	int64_t		 before_id;	/* cursor: rows with smaller id */
	int		 limit;
};

struct audit_row {
	int64_t		 id, at, user_id;
	const char	*actor, *ip, *action, *entity, *entity_id;
	const char	*before, *after;	/* NULL if none */
};

typedef int (*audit_cb)(const struct audit_row *, void *);
/* Newest first. */
enum store_rc	store_audit_list(struct store *, const struct audit_filter *,
		    audit_cb, void *);
int64_t		store_audit_count(struct store *, const struct audit_filter *);

#endif
