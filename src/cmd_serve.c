/*
 * taizhang serve [--db F] [--listen HOST:PORT] [--threads N] [--web DIR]
 */
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "http.h"
#include "log.h"
#include "store_cache.h"
#include "util.h"

static const char usage_text[] =
    "用法: taizhang serve [--db 文件] [--listen 127.0.0.1:8080] [--threads N]\n"
    "                     [--web 目录] [--secure-cookie] [--verbose]\n"
    "  --listen   监听地址和端口(默认 127.0.0.1:8080;端口 0 自动选择)\n"
    "  --threads  工作线程数(默认 8)\n"
    "  --web      网页文件目录(默认 web/dist)\n"
    "  --secure-cookie  会话Cookie加 Secure(经HTTPS代理访问时)\n"
    "  --trust-proxy    在自己的反向代理(如 nginx)之后:客户端地址取自\n"
    "                   X-Forwarded-For 的最后一项(登录限制按真实地址计)\n"
    "  --verbose  记录每个请求\n";

/*
 * db for printing, without a password: postgresql://u:secret@h/d is
 * shown as postgresql://u:***@h/d (the banner goes to logs).
 */
static const char *
cmd_serve_shown(const char *db, char *out, size_t sz)
{
	const char	*s, *at, *colon;

	if ((s = strstr(db, "://")) == NULL || (at = strchr(s + 3, '@')) ==
	    NULL || (colon = memchr(s + 3, ':', (size_t)(at - s - 3))) == NULL)
		return db;
	snprintf(out, sz, "%.*s:***%s", (int)(colon - db), db, at);
	return out;
}

int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "web", required_argument, NULL, 'w' },
		{ "secure-cookie", no_argument, NULL, 's' },
		{ "trust-proxy", no_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct server_conf	 conf = {
		.web_root = "web/dist",
		.session_ttl = 12 * 3600,
		.login_max_fail = 5,
		.login_window = 15 * 60,
	};
	struct store		*st;
	struct http_server	*srv;
	const char		*db = cmd_default_db(), *listen = "127.0.0.1:8080";
	char			 err[256], shown[512];
	int64_t			 threads = 8;
	sigset_t		 set;
	int			 c, sig;

	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'l':
			listen = optarg;
			break;
		case 't':
			if (util_parse_int64(optarg, &threads) == -1 ||
			    threads < 1 || threads > 256)
				return cmd_usage("serve",
				    "--threads 应为1到256之间的整数");
			break;
		case 'w':
			conf.web_root = optarg;
			break;
		case 's':
			conf.secure_cookie = true;
			break;
		case 'p':
			conf.trust_proxy = true;
			break;
		case 'v':
			log_min = LOG_DEBUG;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return cmd_usage("serve", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("serve", "多余的参数 '%s'", argv[optind]);
	/*
	 * glibc gives each thread that allocates an arena of its own (up
	 * to eight per core), and keeps what was freed in each: with a
	 * request's memory in an arena of its own (arena.c), two suffice.
	 */
	mallopt(M_ARENA_MAX, 2);
	if ((st = cmd_open("serve", db, false)) == NULL)
		return 1;
	store_cache_start(st);
	/* signals are taken by sigwait below, in no worker thread */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((srv = http_start(listen, (int)threads, st, &conf, err,
	    sizeof(err))) == NULL) {
		store_close(st);
		return cmd_fail("serve", "无法启动服务:%s", err);
	}
	printf("台账服务已启动:http://%.*s:%d/ (数据库 %s,按 Ctrl-C 停止)\n",
	    (int)(strrchr(listen, ':') - listen), listen, http_port(srv),
	    cmd_serve_shown(db, shown, sizeof(shown)));
	fflush(stdout);
	log_info("serving on port %d with %lld threads", http_port(srv),
	    (long long)threads);
	sigwait(&set, &sig);
	log_info("stopping on signal %d", sig);
	http_stop(srv);
	store_close(st);
	return 0;
}
