/*
 * A per-request memory pool (after h2o/lwan): many small allocations,
 * one arena_free() when the request ends.  Aborts on OOM.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena;

struct arena	*arena_new(void);
void		 arena_free(struct arena *);
void		*arena_alloc(struct arena *, size_t);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Register free(p) to run at arena_free(). */
void		 arena_own(struct arena *, void *);
/* Register fn(p) to run at arena_free(), newest first. */
void		 arena_defer(struct arena *, void (*)(void *), void *);

#endif
