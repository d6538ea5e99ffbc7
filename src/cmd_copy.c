/*
 * taizhang copy [--from SRC] --to DST
 *
 * Copy a whole store into an empty one, on either engine: every table
 * in an order that satisfies the foreign keys, ids kept, in one write
 * transaction on DST while SRC is read in one read transaction.  Then
 * the rows of every table and the money sums of both are compared; any
 * difference rolls the copy back whole.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "db.h"
#include "util.h"

/*
 * The tables in foreign-key order; the column lists are in sql.c
 * (COPY_TABLE), their lengths here.  schema_migration is not copied:
 * the target has its own.
 */
struct copy_table {
	const char	*name;
	enum stmt	 sel, ins, count;
	int		 ncols;
	int		 blob;		/* the BLOB column, -1: none */
	int		 parent;	/* a column naming a row of the same
					 * table (by column 0): inserted NULL,
					 * set by `relink` after; -1: none */
	enum stmt	 relink;
};

#define COPY_T(name, T, n, blob) { name, STMT_COPY_##T##_SELECT, \
	STMT_COPY_##T##_INSERT, STMT_COPY_##T##_COUNT, n, blob, -1, STMT__MAX }

static const struct copy_table copy_tables[] = {
	COPY_T("meta", META, 2, -1),
	COPY_T("place", PLACE, 8, -1),
	COPY_T("place_figure", PLACE_FIGURE, 5, -1),
	/* a parent may have a larger id than its child */
	{ "unit", STMT_COPY_UNIT_SELECT, STMT_COPY_UNIT_INSERT,
	    STMT_COPY_UNIT_COUNT, 9, -1, 1, STMT_COPY_UNIT_PARENT },
	COPY_T("unit_closure", UNIT_CLOSURE, 2, -1),
	COPY_T("app_user", APP_USER, 10, -1),
	COPY_T("membership", MEMBERSHIP, 6, -1),
	COPY_T("session", SESSION, 7, -1),
	COPY_T("api_token", API_TOKEN, 6, -1),
	COPY_T("login_failure", LOGIN_FAILURE, 4, -1),
	COPY_T("audit", AUDIT, 10, -1),
	COPY_T("ledger", LEDGER, 15, -1),
	COPY_T("item", ITEM, 31, -1),
	COPY_T("item_place", ITEM_PLACE, 5, -1),
	COPY_T("item_unit", ITEM_UNIT, 3, -1),
	COPY_T("fund_line", FUND_LINE, 9, -1),
	COPY_T("item_target", ITEM_TARGET, 9, -1),
	COPY_T("item_update", ITEM_UPDATE, 8, -1),
	COPY_T("item_event", ITEM_EVENT, 9, -1),
	COPY_T("extension", EXTENSION, 11, -1),
	COPY_T("attachment", ATTACHMENT, 10, 7),
	COPY_T("item_link", ITEM_LINK, 6, -1),
	COPY_T("import_job", IMPORT_JOB, 12, 6),
	COPY_T("import_mapping", IMPORT_MAPPING, 3, -1),
};
#define COPY_NTABLES	NELEM(copy_tables)

/* The columns of STMT_COPY_SUMS. */
static const char *const copy_sums[] = {
	"item.amount_fen", "item.paid_fen", "fund_line.amount_fen",
	"item_place.share_fen", "item_update.paid_fen",
	"place_figure.income_fen",
};
#define COPY_NSUMS	NELEM(copy_sums)

static const char copy_usage[] =
    "用法: taizhang copy [--from 源] --to 目标\n"
    "把整个数据库复制到一个空数据库。源和目标都可以是 SQLite 文件或\n"
    "postgresql://… 地址;目标没有表结构时先建好(PostgreSQL 数据库须已创建)。\n"
    "编号保持不变,全部在一个事务中写入;复制后核对每张表的行数和金额合计,\n"
    "有任何不一致则全部撤销。源默认为 --db 指定的数据库(默认 var/taizhang.db\n"
    "或环境变量 TAIZHANG_DB)。\n";

static bool
copy_is_pg(const char *uri)
{
	return strncmp(uri, "postgresql://", 13) == 0 ||
	    strncmp(uri, "postgres://", 11) == 0;
}

/*
 * uri for messages and the audit: a PostgreSQL URI without its password
 * and query (which may hold one).  "?" if it does not fit.
 */
static void
copy_redact(const char *uri, char *out, size_t outsz)
{
	const char	*p, *q, *at, *colon;
	int		 n;

	if (!copy_is_pg(uri) || (p = strstr(uri, "://")) == NULL)
		n = snprintf(out, outsz, "%s", uri);
	else {
		p += 3;
		q = p + strcspn(p, "?");
		for (at = q; at > p && at[-1] != '@'; at--)
			;
		if (at == p)
			n = snprintf(out, outsz, "%.*s", (int)(q - uri), uri);
		else {
			colon = memchr(p, ':', (size_t)(at - 1 - p));
			n = snprintf(out, outsz, "%.*s%.*s@%.*s", (int)(p - uri),
			    uri, (int)((colon ? colon : at - 1) - p), p,
			    (int)(q - at), at);
		}
	}
	if (n < 0 || (size_t)n >= outsz)
		snprintf(out, outsz, "?");
}

/* Are a and b the same store (as far as can be told)? */
static bool
copy_same(const char *a, const char *b)
{
	struct stat sa, sb;

	if (strcmp(a, b) == 0)
		return true;
	if (copy_is_pg(a) || copy_is_pg(b))
		return false;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The count of a one-number statement, -1 on failure. */
static int64_t
copy_count(struct store *st, enum stmt id)
{
	struct dbstmt	*s;
	int64_t		 n = -1;

	s = db_stmt(st, id);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

/* The money sums of st into out[COPY_NSUMS]; 0 or -1. */
static int
copy_money(struct store *st, int64_t out[COPY_NSUMS])
{
	struct dbstmt	*s;
	size_t		 i;
	int		 rc = -1;

	s = db_stmt(st, STMT_COPY_SUMS);
	if (db_step(s) == DB_ROW) {
		for (i = 0; i < COPY_NSUMS; i++)
			out[i] = db_col_int(s, (int)i);
		rc = 0;
	}
	db_reset(s);
	return rc;
}

/* Bind column i of the row at `from` as parameter i + 1 of `to`. */
static void
copy_value(struct dbstmt *from, int i, struct dbstmt *to, bool blob)
{
	const void	*p;
	int		 n;

	if (db_isnull(from, i))
		db_null(to, i + 1);
	else if (blob) {
		p = db_col_blob(from, i, &n);
		/* an empty blob is no NULL */
		db_blob(to, i + 1, p ? p : "", p ? n : 0);
	} else
		db_text(to, i + 1, db_col_text(from, i));
}

/* "taizhang copy: message;..." once the target was written to. */
static int
copy_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int
copy_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "taizhang copy: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ";复制已全部撤销,目标数据库未改动\n");
	return 1;
}

/* The second pass of a table with a parent column: set it. 0 or 1. */
static int
copy_relink(struct store *src, struct store *dst, const struct copy_table *t)
{
	struct dbstmt	*s, *up;
	enum db_step	 rc;

	s = db_stmt(src, t->sel);
	while ((rc = db_step(s)) == DB_ROW) {
		if (db_isnull(s, t->parent))
			continue;
		up = db_stmt(dst, t->relink);
		db_text(up, 1, db_col_text(s, 0));
		db_text(up, 2, db_col_text(s, t->parent));
		if (db_run(up) != STORE_OK) {
			db_reset(s);
			return copy_fail("无法写入表 %s 的上级关系:%s", t->name,
			    db_msg(dst));
		}
	}
	if (rc == DB_ERR)
		return copy_fail("无法读取源数据库的表 %s:%s", t->name,
		    db_msg(src));
	return 0;
}

/*
 * Copy the rows of table t from src to dst; *rows the count.  0, or 1
 * after printing why.  The count of dst at the end waits for the
 * inserts that PostgreSQL's bulk mode pipelines, so that a failure
 * among them is told with its table.
 */
static int
copy_rows(struct store *src, struct store *dst, const struct copy_table *t,
    int64_t *rows)
{
	struct dbstmt	*s, *ins;
	enum db_step	 rc;
	int64_t		 n;
	int		 i;

	*rows = 0;
	s = db_stmt(src, t->sel);
	while ((rc = db_step(s)) == DB_ROW) {
		ins = db_stmt(dst, t->ins);
		for (i = 0; i < t->ncols; i++) {
			if (i == t->parent)
				db_null(ins, i + 1);
			else
				copy_value(s, i, ins, i == t->blob);
		}
		if (db_run(ins) != STORE_OK) {
			db_reset(s);
			return copy_fail("无法写入表 %s:%s", t->name,
			    db_msg(dst));
		}
		(*rows)++;
	}
	if (rc == DB_ERR)
		return copy_fail("无法读取源数据库的表 %s:%s", t->name,
		    db_msg(src));
	if (t->parent >= 0 && copy_relink(src, dst, t) != 0)
		return 1;
	if ((n = copy_count(dst, t->count)) < 0)
		return copy_fail("无法写入表 %s:%s", t->name, db_msg(dst));
	if (n != *rows)
		return copy_fail("表 %s 写入 %lld 行,目标数据库却有 %lld 行",
		    t->name, (long long)*rows, (long long)n);
	return 0;
}

/*
 * Compare the rows of every table (rows[] as copied) and the money
 * sums of src and dst.  0, or 1 after printing the first difference.
 */
static int
copy_verify(struct store *src, struct store *dst, const int64_t *rows)
{
	int64_t	ns, nd, ms[COPY_NSUMS], md[COPY_NSUMS];
	size_t	i;

	for (i = 0; i < COPY_NTABLES; i++) {
		const struct copy_table *t = &copy_tables[i];
		if ((ns = copy_count(src, t->count)) < 0)
			return copy_fail("无法清点源数据库的表 %s:%s", t->name,
			    db_msg(src));
		if ((nd = copy_count(dst, t->count)) < 0)
			return copy_fail("无法写入或清点目标数据库的表 %s:%s",
			    t->name, db_msg(dst));
		if (ns != nd || nd != rows[i])
			return copy_fail("表 %s 行数不一致:源 %lld 行,目标 %lld 行,"
			    "已复制 %lld 行", t->name, (long long)ns,
			    (long long)nd, (long long)rows[i]);
	}
	if (copy_money(src, ms) == -1)
		return copy_fail("无法核对源数据库的金额:%s", db_msg(src));
	if (copy_money(dst, md) == -1)
		return copy_fail("无法核对目标数据库的金额:%s", db_msg(dst));
	for (i = 0; i < COPY_NSUMS; i++)
		if (ms[i] != md[i])
			return copy_fail("%s 合计不一致:源 %lld 分,目标 %lld 分",
			    copy_sums[i], (long long)ms[i], (long long)md[i]);
	return 0;
}

/* Record the copy in dst's audit; 0 or -1. */
static int
copy_audit(struct store *src, struct store *dst, const char *from,
    int64_t total)
{
	json_t	*j;
	char	*after;
	int	 rc;

	j = json_pack("{s:s, s:s, s:I}", "from", from, "engine",
	    store_engine(src), "rows", (json_int_t)total);
	if (j == NULL || (after = json_dumps(j, JSON_COMPACT)) == NULL)
		xdie("out of memory");
	json_decref(j);
	rc = store_audit_add(dst, &cmd_actor, "copy", "store", NULL, NULL,
	    after) == STORE_OK ? 0 : -1;
	free(after);
	return rc;
}

/* The copy proper, src and dst open at the same schema version. */
static int
copy_run(struct store *src, struct store *dst, const char *from)
{
	struct timespec	 t0, t1;
	int64_t		 rows[COPY_NTABLES], n, total = 0;
	size_t		 i;
	int		 rc = 1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (store_begin(src, false) == -1)
		return cmd_fail("copy", "无法读取源数据库:%s", db_msg(src));
	store_bulk(dst, true);
	if (store_begin(dst, true) == -1) {
		cmd_fail("copy", "目标数据库忙,请稍后重试:%s", db_msg(dst));
		goto out;
	}
	/* into an empty store only: every id stays what it was */
	for (i = 0; i < COPY_NTABLES; i++) {
		if ((n = copy_count(dst, copy_tables[i].count)) < 0) {
			cmd_fail("copy", "无法读取目标数据库的表 %s:%s",
			    copy_tables[i].name, db_msg(dst));
			goto out;
		}
		if (n > 0) {
			cmd_fail("copy", "目标数据库不是空的(表 %s 已有 %lld 行),"
			    "只能复制到空数据库", copy_tables[i].name,
			    (long long)n);
			goto out;
		}
	}
	for (i = 0; i < COPY_NTABLES; i++) {
		if (copy_rows(src, dst, &copy_tables[i], &rows[i]) != 0)
			goto out;
		total += rows[i];
		printf("已复制 %s %lld 行\n", copy_tables[i].name,
		    (long long)rows[i]);
		fflush(stdout);
	}
	if (store_sync_ids(dst) == -1) {
		copy_fail("无法更新目标数据库的编号序列:%s", db_msg(dst));
		goto out;
	}
	if (copy_verify(src, dst, rows) != 0)
		goto out;
	if (copy_audit(src, dst, from, total) == -1 ||
	    store_commit(dst) == -1) {
		copy_fail("无法提交:%s", db_msg(dst));
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("复制完成:共 %lld 行,用时 %.2f 秒;行数与金额合计核对一致\n",
	    (long long)total, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	rc = 0;
out:
	if (rc != 0)
		store_rollback(dst);
	store_bulk(dst, false);
	store_rollback(src);
	return rc;
}

int
cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "db", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*src = NULL, *dst = NULL;
	const char	*from, *to = NULL;
	char		 rfrom[512], rto[512];
	int		 c, vs, vd, rc = 1;

	from = cmd_default_db();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			from = optarg;
			break;
		case 't':
			to = optarg;
			break;
		case 'h':
			fputs(copy_usage, stdout);
			return 0;
		default:
			return cmd_usage("copy", "选项有误");
		}
	}
	if (optind != argc)
		return cmd_usage("copy", "多余的参数 '%s'", argv[optind]);
	if (to == NULL || *to == '\0')
		return cmd_usage("copy", "需要用 --to 指定目标数据库");
	if (copy_same(from, to))
		return cmd_usage("copy", "源和目标是同一个数据库");
	copy_redact(from, rfrom, sizeof(rfrom));
	copy_redact(to, rto, sizeof(rto));
	if ((src = cmd_open("copy", from, false)) == NULL)
		goto out;
	if ((dst = cmd_open("copy", to, true)) == NULL)
		goto out;
	vs = store_schema_version(src);
	vd = store_schema_version(dst);
	if (vs != vd) {
		cmd_fail("copy", "数据库结构版本不同:源 '%s' 是第 %d 版,目标 '%s' "
		    "是第 %d 版;请先用同一版本的 taizhang 升级两者(taizhang init "
		    "--db)", rfrom, vs, rto, vd);
		goto out;
	}
	printf("从 %s 数据库 '%s' 复制到 %s 数据库 '%s'(结构第 %d 版)\n",
	    store_engine(src), rfrom, store_engine(dst), rto, vs);
	rc = copy_run(src, dst, rfrom);
out:
	store_close(dst);
	store_close(src);
	return rc;
}
