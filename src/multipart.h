/*
 * multipart/form-data bodies (RFC 7578, RFC 2046 §5.1), parsed by hand
 * with hard caps: at most MULTIPART_PARTS_MAX parts, each with at most
 * MULTIPART_HEADERS_MAX header lines in MULTIPART_HEAD_MAX bytes.  CRLF
 * line ends only.  Part data point into the body (nothing is copied);
 * names and types are copied into the pool.  Pure logic, no I/O.
 */
#ifndef MULTIPART_H
#define MULTIPART_H

#include <stddef.h>

#include "arena.h"

#define MULTIPART_PARTS_MAX	16
#define MULTIPART_HEADERS_MAX	8	/* header lines of one part */
#define MULTIPART_HEAD_MAX	4096	/* bytes of one part's headers */
#define MULTIPART_BOUNDARY_MAX	70	/* RFC 2046 */
#define MULTIPART_NAME_MAX	1024	/* bytes of a name or file name */

struct multipart_part {
	const char	*name;		/* form field name, never NULL */
	const char	*filename;	/* NULL: not a file part */
	const char	*ctype;		/* NULL: none given */
	const char	*data;		/* into the body */
	size_t		 len;
};

struct multipart {
	struct multipart_part	parts[MULTIPART_PARTS_MAX];
	size_t			nparts;
};

/*
 * The boundary of a Content-Type value "multipart/form-data;
 * boundary=..." (quoted or not) into out (MULTIPART_BOUNDARY_MAX + 1
 * bytes).  Returns 0; -1 if the type is not multipart/form-data, -2 if
 * the boundary is absent or invalid; *why is a Chinese reason then.
 */
int	multipart_boundary(const char *ctype, char *out, const char **why);

/*
 * Parse body [body, body+len) with boundary into m.  Returns 0, or -1
 * with a Chinese reason in *why (static text or in pool): a missing
 * or unterminated delimiter, bad part headers, a part without a name,
 * more than MULTIPART_PARTS_MAX parts.  Names and file names must be
 * valid UTF-8.
 */
int	multipart_parse(struct arena *, const char *body, size_t len,
	    const char *boundary, struct multipart *m, const char **why);

/* The first part named name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart *,
	    const char *name);
/* How many parts are named name. */
size_t	multipart_count(const struct multipart *, const char *name);

#endif
