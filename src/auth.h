/*
 * Secrets, through libsodium: argon2id password hashes, random tokens,
 * and the hashes under which tokens are stored.
 */
#ifndef AUTH_H
#define AUTH_H

#include <stdbool.h>
#include <stddef.h>

#define AUTH_TOKEN_LEN	64	/* hex characters of a token */
#define AUTH_HASH_MAX	128	/* crypto_pwhash_STRBYTES */

/* Initialise libsodium; -1 if it cannot run. */
int	auth_init(void);
/* argon2id hash of a password into out[AUTH_HASH_MAX]; 0 or -1. */
int	auth_hash_password(const char *, char out[AUTH_HASH_MAX]);
bool	auth_verify_password(const char *hash, const char *password);
/* A new random token: AUTH_TOKEN_LEN hex characters and NUL. */
void	auth_token(char out[AUTH_TOKEN_LEN + 1]);
/* The stored form of a token: hex of its BLAKE2b hash. */
void	auth_token_hash(const char *token, char out[AUTH_TOKEN_LEN + 1]);
/* A random password of 16 easy-to-read characters. */
void	auth_random_password(char out[17]);
/* Constant-time string equality. */
bool	auth_equal(const char *, const char *);

#endif
