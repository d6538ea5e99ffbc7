/* The HTTP server (libmicrohttpd), turning requests into struct req. */
#ifndef HTTP_H
#define HTTP_H

#include "req.h"

struct http_server;

/*
 * Listen on host:port (127.0.0.1:8080) with `threads` workers; NULL on
 * failure with a reason in err.  Requests go to router_dispatch().
 */
struct http_server	*http_start(const char *listen, int threads,
			    struct store *, const struct server_conf *,
			    char *err, size_t errsz);
/* The port actually bound (useful with port 0). */
int			 http_port(const struct http_server *);
void			 http_stop(struct http_server *);

#endif
