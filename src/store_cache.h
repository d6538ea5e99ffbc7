/*
 * Answers of expensive reads (the total of a list, statistics) kept in
 * memory while the store has not changed since they were computed.
 *
 * A global generation counts the changes: every write transaction
 * advances it after its commit (store_commit(), which also counts the
 * commits under way), and a connection that finds the database changed
 * by someone else (another process: `taizhang import`, a second server)
 * advances it too.  A read transaction notes the generation before its
 * snapshot begins (store_begin()), none while a commit is under way; an
 * answer computed in it is cached under that generation, and only when
 * the generation is the same after and no commit is under way: so an
 * answer is never older than the changes its generation counts, and a
 * reader whose generation is newer never sees it.
 */
#ifndef STORE_CACHE_H
#define STORE_CACHE_H

#include <stdint.h>

#include "store.h"

struct arena;

/* Around the commit of a write transaction (store.c). */
void		 store_gen_enter(void);
void		 store_gen_leave(void);
/* The generation now, 0 while a commit is under way. */
uint64_t	 store_gen_now(void);
/* A change made elsewhere was seen. */
void		 store_gen_bump(void);

/*
 * The generation answers of this read transaction may be cached under,
 * or 0: not in a read transaction, a commit was under way when it
 * began, or the database changed under it.
 */
uint64_t	 store_cache_gen(struct store *);

/*
 * Start watching for changes made elsewhere (taizhang serve, before it
 * serves): otherwise the first read that would be cached is not.
 */
void		 store_cache_start(struct store *);

/* The value cached under key and gen, copied into a, or NULL. */
char		*store_cache_get(const char *key, uint64_t gen,
		    struct arena *a);
/* Keep value under key and gen if the generation is still gen. */
void		 store_cache_put(const char *key, uint64_t gen,
		    const char *value);

/* Answers served from the cache so far (for the tests). */
uint64_t	 store_cache_hits(void);

#endif
