/*
 * The only file that includes <microhttpd.h>.  Collects a request's
 * headers, query and body (with caps) into a struct req, hands it to
 * the router, and sends what the router left in it, with the security
 * headers every reply carries.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "http.h"
#include "log.h"
#include "router.h"
#include "store.h"
#include "util.h"

/*
 * libmicrohttpd's connection timeout only counts idle time: a client
 * sending a header byte a second (slowloris) or trickling a body keeps
 * its connection for ever, and a few thousand of them take every slot.
 * So each connection is also timed here: its request headers must be
 * complete HTTP_TIMEOUT seconds after it opened or its last request
 * ended, and its body must bring at least HTTP_BODY_MIN bytes (or the
 * rest) in every HTTP_TIMEOUT seconds; a reaper thread shuts down the
 * socket of one that falls behind, and libmicrohttpd closes it.
 */
#define HTTP_TIMEOUT	30
#define HTTP_BODY_MIN	(32 * 1024)
#define HTTP_NOFILE	8192	/* descriptors wanted for the connections */

enum http_phase {
	PHASE_HEAD,	/* reading request headers */
	PHASE_BODY,	/* reading the body */
	PHASE_REPLY	/* handled: libmicrohttpd's own timeout applies */
};

struct http_conn {
	struct http_conn	*prev, *next;
	int			 fd;
	enum http_phase		 phase;
	time_t			 since;		/* phase or window start */
	uint64_t		 got;		/* body bytes in the window */
	uint64_t		 left;		/* body bytes still expected */
	bool			 refuse;	/* close it now */
};

struct http_server {
	struct MHD_Daemon		*d;
	struct store			*store;
	const struct server_conf	*conf;
	int				 port;
	pthread_mutex_t			 mu;	/* conns, stop */
	pthread_cond_t			 wake;
	pthread_t			 reaper;
	bool				 reaping;
	bool				 stop;
	struct http_conn		*conns;
};

struct http_ctx {
	struct req	*r;
	struct buf	 body;
	bool		 too_big;
	bool		 too_many;
	size_t		 max;		/* body cap of the route */
	struct timespec	 t0;
};

#define CSP "default-src 'self'; script-src 'self'; " \
	"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " \
	"font-src 'self' data:; connect-src 'self'; object-src 'none'; " \
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

static enum MHD_Result
http_kv(void *cls, enum MHD_ValueKind kind, const char *key, const char *val)
{
	struct http_ctx	*x = cls;
	struct req	*r = x->r;
	struct kv	*arr;
	size_t		*n;

	if (kind == MHD_GET_ARGUMENT_KIND) {
		arr = r->query;
		n = &r->nquery;
	} else {
		arr = r->headers;
		n = &r->nheaders;
	}
	if (*n >= REQ_KV_MAX) {
		x->too_many = true;
		return MHD_NO;
	}
	arr[*n].key = arena_strdup(r->pool, key);
	arr[*n].val = arena_strdup(r->pool, val ? val : "");
	(*n)++;
	return MHD_YES;
}

static const char *
http_client_ip(struct MHD_Connection *c, struct arena *pool)
{
	const union MHD_ConnectionInfo	*ci;
	char				 ip[INET6_ADDRSTRLEN] = "?";

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		if (ci->client_addr->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)
			    ci->client_addr)->sin_addr, ip, sizeof(ip));
		else if (ci->client_addr->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)
			    ci->client_addr)->sin6_addr, ip, sizeof(ip));
	}
	return arena_strdup(pool, ip);
}

static enum MHD_Result
http_send(struct MHD_Connection *c, struct req *r)
{
	struct MHD_Response	*resp = NULL;
	struct stat		 sb;
	enum MHD_Result		 ret;
	size_t			 i;
	int			 fd;

	if (r->file) {
		if ((fd = open(r->file, O_RDONLY | O_CLOEXEC)) == -1 ||
		    fstat(fd, &sb) == -1) {
			if (fd != -1)
				close(fd);
			r->file = NULL;
			reply_error(r, 404, "not_found", "页面不存在");
		} else
			resp = MHD_create_response_from_fd((uint64_t)sb.st_size,
			    fd);
	}
	if (resp == NULL)
		resp = MHD_create_response_from_buffer(r->resplen,
		    r->resp ? r->resp : (char *)"", MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	if (r->ctype)
		MHD_add_response_header(resp, "Content-Type", r->ctype);
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	if (r->api)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	for (i = 0; i < r->nresp_headers; i++)
		MHD_add_response_header(resp, r->resp_headers[i].key,
		    r->resp_headers[i].val);
	ret = MHD_queue_response(c, (unsigned int)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void
http_log(struct http_ctx *x)
{
	struct timespec	t1;
	char		path[256];
	double		ms;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - x->t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - x->t0.tv_nsec) / 1e6;
	log_msg(x->r->status >= 500 ? LOG_WARN : LOG_DEBUG,
	    "http %s %s %d %.1fms %s", x->r->method,
	    log_esc(x->r->path, path, sizeof(path)), x->r->status, ms,
	    x->r->ip);
}

/*
 * Behind a proxy of our own (--trust-proxy), the client is the last
 * address of X-Forwarded-For (the one our proxy added); anything else in
 * the header came from the client and is not believed.
 */
static void
http_forwarded_for(struct req *r)
{
	const char	*h, *last;
	char		 ip[INET6_ADDRSTRLEN], *e;
	unsigned char	 a[sizeof(struct in6_addr)];
	size_t		 n;

	if ((h = req_header(r, "X-Forwarded-For")) == NULL)
		return;
	last = strrchr(h, ',');
	last = last ? last + 1 : h;
	while (*last == ' ' || *last == '\t')
		last++;
	n = strlen(last);
	if (n == 0 || n >= sizeof(ip))
		return;
	memcpy(ip, last, n + 1);
	for (e = ip + n; e > ip && (e[-1] == ' ' || e[-1] == '\t'); e--)
		e[-1] = '\0';
	if (inet_pton(AF_INET, ip, a) == 1 || inet_pton(AF_INET6, ip, a) == 1)
		r->ip = arena_strdup(r->pool, ip);
}

static void
http_too_big(struct req *r, size_t max)
{
	reply_error(r, 413, "too_large", arena_printf(r->pool,
	    "请求内容过大,不能超过%zuMB", max / (1024 * 1024)));
}

static time_t
http_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static struct http_conn *
http_conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo	*ci;

	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci ? ci->socket_context : NULL;
}

/* Move c's connection to phase p, expecting left body bytes. */
static void
http_conn_phase(struct http_server *s, struct MHD_Connection *c,
    enum http_phase p, uint64_t left)
{
	struct http_conn	*hc;

	if ((hc = http_conn_of(c)) == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	hc->phase = p;
	hc->since = http_now();
	hc->got = 0;
	hc->left = left;
	pthread_mutex_unlock(&s->mu);
}

static void
http_conn_got(struct http_server *s, struct MHD_Connection *c, size_t n)
{
	struct http_conn	*hc;

	if ((hc = http_conn_of(c)) == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	hc->got += n;
	hc->left = hc->left > n ? hc->left - n : 0;
	pthread_mutex_unlock(&s->mu);
}

static void
http_notify(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http_server		*s = cls;
	struct http_conn		*hc;
	const union MHD_ConnectionInfo	*ci;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		hc = xcalloc(1, sizeof(*hc));
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		hc->fd = ci ? ci->connect_fd : -1;
		hc->phase = PHASE_HEAD;
		hc->since = http_now();
		pthread_mutex_lock(&s->mu);
		if ((hc->next = s->conns) != NULL)
			hc->next->prev = hc;
		s->conns = hc;
		pthread_mutex_unlock(&s->mu);
		*socket_context = hc;
		return;
	}
	/* closed: called before libmicrohttpd closes the socket, so the
	 * reaper (under the lock) never shuts down a reused descriptor */
	if ((hc = *socket_context) == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	if (hc->prev)
		hc->prev->next = hc->next;
	else
		s->conns = hc->next;
	if (hc->next)
		hc->next->prev = hc->prev;
	pthread_mutex_unlock(&s->mu);
	free(hc);
	*socket_context = NULL;
}

/* Whether hc has fallen behind at now; starts its next body window. */
static bool
http_conn_late(struct http_conn *hc, time_t now)
{
	uint64_t	need;

	if (hc->fd != -1 && hc->refuse)
		return true;
	if (hc->fd == -1 || hc->phase == PHASE_REPLY ||
	    now - hc->since < HTTP_TIMEOUT)
		return false;
	if (hc->phase == PHASE_HEAD)
		return true;
	/* at least HTTP_BODY_MIN, or what was left at the window start */
	need = HTTP_BODY_MIN;
	if (hc->left < need && hc->left + hc->got < need)
		need = hc->left + hc->got;
	if (hc->got < need)
		return true;
	hc->since = now;
	hc->got = 0;
	return false;
}

static void *
http_reaper(void *arg)
{
	struct http_server	*s = arg;
	struct http_conn	*hc;
	struct timespec		 ts;
	time_t			 now;
	int			 n;

	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		now = http_now();
		n = 0;
		for (hc = s->conns; hc; hc = hc->next)
			if (http_conn_late(hc, now)) {
				shutdown(hc->fd, SHUT_RDWR);
				hc->fd = -1;
				n++;
			}
		if (n)
			log_msg(LOG_INFO, "http: closed %d slow connection%s "
			    "(request not received within %d s, or with "
			    "too many query parameters)", n, n > 1 ? "s" : "",
			    HTTP_TIMEOUT);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec++;
		pthread_cond_timedwait(&s->wake, &s->mu, &ts);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/*
 * Called with the request line, before libmicrohttpd parses the query.
 * Some 900 query parameters overflow its 64 kB connection pool, and it
 * then neither answers nor closes the connection: one with far more
 * than the REQ_KV_MAX that http_kv answers with 431 is closed by the
 * reaper at once instead of after the timeout.
 */
static void *
http_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	struct http_server	*s = cls;
	struct http_conn	*hc;
	size_t			 n = 0;

	for (; *uri; uri++)
		if (*uri == '&')
			n++;
	if (n >= 8 * REQ_KV_MAX && (hc = http_conn_of(c)) != NULL) {
		pthread_mutex_lock(&s->mu);
		hc->refuse = true;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->mu);
	}
	return NULL;
}

static enum MHD_Result
http_access(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	struct http_server	*s = cls;
	struct http_ctx		*x = *con_cls;
	struct req		*r;
	const char		*cl;
	int64_t			 len;

	(void)version;
	if (x == NULL) {
		x = xcalloc(1, sizeof(*x));
		clock_gettime(CLOCK_MONOTONIC, &x->t0);
		r = x->r = xcalloc(1, sizeof(*r));
		r->pool = arena_new();
		r->store = s->store;
		r->conf = s->conf;
		r->method = arena_strdup(r->pool, method);
		r->path = arena_strdup(r->pool, url);
		r->ip = http_client_ip(c, r->pool);
		x->max = router_body_max(method, url);
		buf_init(&x->body, x->max);
		*con_cls = x;
		MHD_get_connection_values(c, MHD_HEADER_KIND, http_kv, x);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, http_kv, x);
		/* a declared oversized body is not kept but read and dropped
		 * (within the connection timeout) before the 413: a proxy that
		 * is still sending would take an early reply for a broken
		 * server */
		cl = req_header(r, "Content-Length");
		if (cl && (util_parse_int64(cl, &len) == -1 || len < 0 ||
		    (uint64_t)len > x->max))
			x->too_big = true;
		http_conn_phase(s, c, PHASE_BODY, cl == NULL ? UINT64_MAX :
		    len > 0 ? (uint64_t)len : 0);
		if (s->conf->trust_proxy)
			http_forwarded_for(r);
		return MHD_YES;
	}
	r = x->r;
	if (*upload_size) {
		http_conn_got(s, c, *upload_size);
		if (!x->too_big && buf_add(&x->body, upload, *upload_size) == -1)
			x->too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	http_conn_phase(s, c, PHASE_REPLY, 0);
	r->body = x->body.data;
	r->bodylen = x->body.len;
	r->body_too_big = x->too_big;
	if (x->too_many)
		reply_error(r, 431, "too_many_fields",
		    "请求头或查询参数过多");
	else if (x->too_big) {
		r->api = true;
		http_too_big(r, x->max);
	} else
		router_dispatch(r);
	return http_send(c, r);
}

static void
http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_ctx *x = *con_cls;

	(void)toe;
	/* the next request on a kept-alive connection starts */
	http_conn_phase(cls, c, PHASE_HEAD, 0);
	if (x == NULL)
		return;
	if (x->r->status)
		http_log(x);
	buf_free(&x->body);
	req_free(x->r);
	free(x);
	*con_cls = NULL;
}

static int
http_parse_listen(const char *listen, struct sockaddr_in *sa)
{
	const char	*colon;
	char		 host[64];
	int64_t		 port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if ((colon = strrchr(listen, ':')) == NULL ||
	    (size_t)(colon - listen) >= sizeof(host))
		return -1;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	if (util_parse_int64(colon + 1, &port) == -1 || port < 0 ||
	    port > 65535)
		return -1;
	if (inet_pton(AF_INET, host[0] ? host : "127.0.0.1",
	    &sa->sin_addr) != 1)
		return -1;
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

static void
http_free(struct http_server *s)
{
	pthread_cond_destroy(&s->wake);
	pthread_mutex_destroy(&s->mu);
	free(s);
}

/*
 * Up to 4000 connections need as many descriptors, above the usual
 * soft limit of 1024: raise it towards the hard limit (accept() would
 * fail with EMFILE otherwise, and the store could not open its files).
 */
static void
http_raise_nofile(void)
{
	struct rlimit	rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1 || rl.rlim_cur >= HTTP_NOFILE)
		return;
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >
	    HTTP_NOFILE ? HTTP_NOFILE : rl.rlim_max;
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1)
		log_msg(LOG_WARN, "http: cannot raise the open file limit to "
		    "%llu", (unsigned long long)rl.rlim_cur);
}

struct http_server *
http_start(const char *listen, int threads, struct store *st,
    const struct server_conf *conf, char *err, size_t errsz)
{
	struct http_server		*s;
	struct sockaddr_in		 sa;
	const union MHD_DaemonInfo	*di;

	if (http_parse_listen(listen, &sa) == -1) {
		snprintf(err, errsz, "监听地址 '%s' 无效(应为 主机:端口,"
		    "如 127.0.0.1:8080)", listen);
		return NULL;
	}
	http_raise_nofile();
	s = xcalloc(1, sizeof(*s));
	s->store = st;
	s->conf = conf;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->wake, NULL);
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL,
	    0, NULL, NULL, http_access, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)threads,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_TIMEOUT,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)4000,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)0,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, s,
	    MHD_OPTION_NOTIFY_CONNECTION, http_notify, s,
	    MHD_OPTION_URI_LOG_CALLBACK, http_uri, s,
	    MHD_OPTION_END);
	if (s->d == NULL) {
		snprintf(err, errsz, "无法监听 '%s'(端口已被占用,"
		    "或没有权限)", listen);
		http_free(s);
		return NULL;
	}
	if (pthread_create(&s->reaper, NULL, http_reaper, s) != 0)
		log_msg(LOG_WARN, "http: cannot start the slow connection "
		    "reaper; slow clients are only timed out when idle");
	else
		s->reaping = true;
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : ntohs(sa.sin_port);
	return s;
}

int
http_port(const struct http_server *s)
{
	return s->port;
}

void
http_stop(struct http_server *s)
{
	if (s == NULL)
		return;
	if (s->reaping) {
		pthread_mutex_lock(&s->mu);
		s->stop = true;
		pthread_cond_signal(&s->wake);
		pthread_mutex_unlock(&s->mu);
		pthread_join(s->reaper, NULL);
	}
	MHD_stop_daemon(s->d);
	http_free(s);
}
