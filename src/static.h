/*
 * Static files of the web UI from conf->web_root: paths canonicalised
 * before the filesystem is touched (no .., no dot files, no links out
 * of the root), MIME types by extension, long caching for hashed assets.
 * With no built UI, / shows the built-in status page.
 */
#ifndef STATIC_H
#define STATIC_H

#include <stdbool.h>

#include "req.h"

void		 static_serve(struct req *);
/* The path below the root for a URL path, or NULL if refused. */
const char	*static_clean_path(struct req *, const char *);
const char	*static_mime(const char *);

#endif
