/*
 * Users, roles and scope.  Pure logic, no I/O.
 *
 * A user holds memberships: a role in a unit (and every unit below it)
 * or in a region (a place-code prefix).  What a user may do somewhere
 * is the union of what each membership grants there; an admin may do
 * anything anywhere.  user.role is the widest role, for display and for
 * the router's first gate only.
 */
#ifndef USER_H
#define USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "place.h"

enum role {
	ROLE_NONE = 0,
	ROLE_VIEWER,
	ROLE_REPORTER,
	ROLE_SUPERVISOR,
	ROLE_ADMIN
};

#define USER_MEMB_MAX	32
#define USER_LOGIN_MAX	64

struct membership {
	enum role	role;
	int64_t		unit_id;		/* 0: none */
	char		region[PLACE_CODE_MAX];	/* "": none */
	bool		is_main;
	char		label[192];		/* unit or place name */
};

struct user {
	int64_t			id;
	char			login[USER_LOGIN_MAX];
	char			name[128];
	char			phone[32];
	enum role		role;
	bool			disabled;
	int64_t			created_at, updated_at, version;
	int			nmemb;
	struct membership	memb[USER_MEMB_MAX];
};

/* "admin" -> ROLE_ADMIN ...; ROLE_NONE if unknown. */
enum role	 role_parse(const char *);
const char	*role_name(enum role);
/* Chinese label: 系统管理员, 督办, 填报, 查看. */
const char	*role_label(enum role);

/* Login names: 2..63 bytes of [A-Za-z0-9._-], starting with a letter
 * or digit.  Returns NULL if valid, else a Chinese reason. */
const char	*user_login_invalid(const char *);
/* Passwords: at least 8 characters, at most 128 bytes. */
const char	*user_password_invalid(const char *);

/* The widest role of the memberships (and of user.role). */
enum role	 user_max_role(const struct user *);
/*
 * May u act with at least `role` on something at place `code` (NULL or
 * "" for none) that belongs to the unit chain `units` (the unit and its
 * ancestors, nunits of them)?  True if a membership of that role or
 * wider covers the place or one of the units; always for admins.
 */
bool		 user_may(const struct user *, enum role, const char *code,
		    const int64_t *units, size_t nunits);

#endif
