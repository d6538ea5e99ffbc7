#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "auth.h"
#include "util.h"

/* OWASP's argon2id minimum: 19 MiB, 2 passes; cheap enough for many
 * logins a second on two cores, costly for a guesser. */
#define AUTH_OPSLIMIT	2
#define AUTH_MEMLIMIT	(19u * 1024 * 1024)

int
auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

/*
 * At most AUTH_HASHING hashes at once: each takes AUTH_MEMLIMIT of
 * memory and a core for its while, so more at once would only add
 * memory (eight server threads: 152 MiB) without more logins a second.
 */
#define AUTH_HASHING	2
static pthread_mutex_t	hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	hash_free = PTHREAD_COND_INITIALIZER;
static int		hashing;

static void
auth_hash_enter(void)
{
	pthread_mutex_lock(&hash_lock);
	while (hashing >= AUTH_HASHING)
		pthread_cond_wait(&hash_free, &hash_lock);
	hashing++;
	pthread_mutex_unlock(&hash_lock);
}

static void
auth_hash_leave(void)
{
	pthread_mutex_lock(&hash_lock);
	hashing--;
	pthread_cond_signal(&hash_free);
	pthread_mutex_unlock(&hash_lock);
}

int
auth_hash_password(const char *pw, char out[AUTH_HASH_MAX])
{
	int rc;

	auth_hash_enter();
	rc = crypto_pwhash_str_alg(out, pw, strlen(pw), AUTH_OPSLIMIT,
	    AUTH_MEMLIMIT, crypto_pwhash_ALG_ARGON2ID13) == 0 ? 0 : -1;
	auth_hash_leave();
	return rc;
}

bool
auth_verify_password(const char *hash, const char *pw)
{
	bool ok;

	auth_hash_enter();
	ok = crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
	auth_hash_leave();
	return ok;
}

void
auth_token(char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char raw[AUTH_TOKEN_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	util_hex(raw, sizeof(raw), out);
}

void
auth_token_hash(const char *token, char out[AUTH_TOKEN_LEN + 1])
{
	unsigned char h[AUTH_TOKEN_LEN / 2];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), NULL, 0);
	util_hex(h, sizeof(h), out);
}

void
auth_random_password(char out[17])
{
	/* no 0 O 1 l I: read aloud or copied by hand */
	static const char set[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	int i;

	for (i = 0; i < 16; i++)
		out[i] = set[randombytes_uniform(sizeof(set) - 1)];
	out[16] = '\0';
}

bool
auth_equal(const char *a, const char *b)
{
	size_t n = strlen(a);

	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}
