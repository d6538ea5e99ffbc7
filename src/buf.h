/*
 * A growable byte buffer with a mandatory cap (after curl's dynbuf):
 * every append past the cap fails and leaves the buffer as it was.
 * The content is always NUL-terminated.
 */
#ifndef BUF_H
#define BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;	/* allocated */
	size_t	 max;	/* hard cap on len */
};

void	 buf_init(struct buf *, size_t max);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
/* 0, or -1 if the cap would be passed (nothing appended). */
int	 buf_add(struct buf *, const void *, size_t);
int	 buf_adds(struct buf *, const char *);
int	 buf_addc(struct buf *, char);
int	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append s with JSON string escaping (no quotes added). */
int	 buf_add_json_escaped(struct buf *, const char *, size_t);
/* Append s with HTML escaping of & < > " '. */
int	 buf_add_html(struct buf *, const char *);
/* Hand the data to the caller (buffer becomes empty). */
char	*buf_detach(struct buf *, size_t *);

#endif
