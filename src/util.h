/*
 * Allocation that aborts on out-of-memory, safe string helpers, number
 * parsing and UTF-8 validation.  Nothing here does I/O except xdie().
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Formatted string in new memory; aborts on OOM. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
void	 xdie(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Copy at most dstsz-1 bytes; return -1 if src did not fit. */
int	 util_strlcpy(char *, const char *, size_t);
/* Parse a whole decimal int64 (optional sign); -1 on junk or overflow. */
int	 util_parse_int64(const char *, int64_t *);
/* True if [s, s+len) is well-formed UTF-8 with no NUL and no overlongs. */
bool	 util_utf8_valid(const char *, size_t);
/* Number of code points in valid UTF-8. */
size_t	 util_utf8_len(const char *, size_t);
/* True if s ends with suffix. */
bool	 util_endswith(const char *, const char *);
/* Seconds since the epoch, and as "YYYY-MM-DD HH:MM:SS" UTC into buf[20]. */
int64_t	 util_now(void);
void	 util_time_fmt(int64_t, char *, size_t);
/* Lower-case hex of n bytes into out (2n+1 bytes). */
void	 util_hex(const unsigned char *, size_t, char *);
/* FNV-1a of a string: for hash tables, not for secrets. */
uint64_t util_hash(const char *);

#endif
