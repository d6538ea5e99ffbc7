/*
 * The answer cache of store_cache.h: a direct-mapped table of
 * CACHE_SLOTS entries under one mutex, at most CACHE_BYTES in all.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "store_cache.h"
#include "util.h"

#define CACHE_SLOTS	256
#define CACHE_BYTES	(4u << 20)
#define CACHE_VALUE_MAX	(512u << 10)

struct slot {
	char		*key;
	char		*value;
	size_t		 size;
	uint64_t	 gen;
};

static _Atomic uint64_t	 gen = 1;
static _Atomic uint64_t	 hits;
static _Atomic int	 committing;
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot	 slots[CACHE_SLOTS];
static size_t		 bytes;

void
store_gen_enter(void)
{
	atomic_fetch_add(&committing, 1);
}

void
store_gen_leave(void)
{
	atomic_fetch_add(&gen, 1);
	atomic_fetch_sub(&committing, 1);
}

void
store_gen_bump(void)
{
	atomic_fetch_add(&gen, 1);
}

uint64_t
store_gen_now(void)
{
	if (atomic_load(&committing) > 0)
		return 0;
	return atomic_load(&gen);
}

static void
slot_clear(struct slot *s)
{
	bytes -= s->size;
	free(s->key);
	free(s->value);
	memset(s, 0, sizeof(*s));
}

char *
store_cache_get(const char *key, uint64_t g, struct arena *a)
{
	struct slot	*s = &slots[util_hash(key) % CACHE_SLOTS];
	char		*v = NULL;

	if (g == 0)
		return NULL;
	pthread_mutex_lock(&lock);
	if (s->key && s->gen == g && strcmp(s->key, key) == 0) {
		v = arena_strndup(a, s->value, strlen(s->value));
		atomic_fetch_add(&hits, 1);
	}
	pthread_mutex_unlock(&lock);
	return v;
}

void
store_cache_put(const char *key, uint64_t g, const char *value)
{
	struct slot	*s = &slots[util_hash(key) % CACHE_SLOTS];
	size_t		 size = strlen(key) + strlen(value) + 2, i;

	if (g == 0 || size > CACHE_VALUE_MAX)
		return;
	pthread_mutex_lock(&lock);
	/* a commit since g began: the answer may be older than it */
	if (atomic_load(&gen) != g || atomic_load(&committing) > 0)
		goto out;
	if (s->key)
		slot_clear(s);
	if (bytes + size > CACHE_BYTES)
		for (i = 0; i < CACHE_SLOTS; i++)
			if (slots[i].key && slots[i].gen != g)
				slot_clear(&slots[i]);
	if (bytes + size > CACHE_BYTES)
		goto out;
	s->key = xstrdup(key);
	s->value = xstrdup(value);
	s->size = size;
	s->gen = g;
	bytes += size;
out:
	pthread_mutex_unlock(&lock);
}

uint64_t
store_cache_hits(void)
{
	return atomic_load(&hits);
}
