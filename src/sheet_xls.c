/*
 * .xls (BIFF, Excel 97-2003) with FreeXL.
 *
 * FreeXL 1.0.6 is not safe on hostile files (fuzzing finds stack
 * over-reads and reads of uninitialised memory in freexl_open), so it
 * runs in a child process: the parent writes the upload to a temporary
 * file, forks, and reads the cells back through a pipe with a deadline;
 * the child has a memory limit and dies with the file.  All caps and
 * checks are the parent's, on what the child sends:
 *
 *	'N' len:u32 bytes			the first worksheet's name
 *	'C' row:u32 col:u16 type:u8 len:u32 bytes	one non-empty cell
 *	'E' code:u8 row:u32			the end, XLS_* below
 *
 * (native byte order; a number is its 4 or 8 bytes, the rest UTF-8).
 * A child that dies or stalls sends no 'E': the file is refused.
 *
 * FreeXL does not expose merged cells (nmerges is always 0), skips
 * booleans (BOOLERR records), and gives dates as text ("2024-01-30"),
 * which become CELL_DATE; times of day stay CELL_STRING ("08:30:00").
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <freexl.h>

#include "arena.h"
#include "date.h"
#include "sheet.h"
#include "util.h"

#define XLS_TIMEOUT_MS	30000
#define XLS_MEM_MAX	(1L << 30)	/* the child's extra address space */

enum {
	XLS_OK, XLS_OPEN, XLS_PASSWORD, XLS_NOSHEET, XLS_BROKEN, XLS_CELL
};

/* UTF-16LE "EncryptedPackage": an .xlsx with a password, which is an
 * OLE file like an .xls. */
static const char xls_encrypted[] =
    "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";

/* The child's output, buffered. */
struct xls_out {
	int	fd;
	size_t	len;
	char	buf[65536];
};

static void
xls_flush(struct xls_out *o)
{
	size_t	off = 0;
	ssize_t	n;

	while (off < o->len) {
		if ((n = write(o->fd, o->buf + off, o->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		off += (size_t)n;
	}
	o->len = 0;
}

static void
xls_put(struct xls_out *o, const void *p, size_t n)
{
	const char *s = p;

	while (n > 0) {
		size_t k = sizeof(o->buf) - o->len;

		if (k > n)
			k = n;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == sizeof(o->buf))
			xls_flush(o);
	}
}

static void
xls_put_text(struct xls_out *o, const char *s)
{
	uint32_t n = s ? (uint32_t)strnlen(s, UINT32_MAX - 1) : 0;

	xls_put(o, &n, 4);
	xls_put(o, s, n);
}

static void __attribute__((noreturn))
xls_end(struct xls_out *o, uint8_t code, uint32_t row)
{
	xls_put(o, "E", 1);
	xls_put(o, &code, 1);
	xls_put(o, &row, 4);
	xls_flush(o);
	_exit(0);
}

/* Limit the child's address space to what it has plus XLS_MEM_MAX. */
static void
xls_limit(void)
{
#ifndef __SANITIZE_ADDRESS__		/* ASan reserves terabytes */
	struct rlimit	 rl;
	unsigned long	 pages;
	FILE		*f;

	if ((f = fopen("/proc/self/statm", "r")) == NULL)
		return;
	if (fscanf(f, "%lu", &pages) == 1) {
		rl.rlim_cur = rl.rlim_max = (rlim_t)pages *
		    (rlim_t)sysconf(_SC_PAGESIZE) + XLS_MEM_MAX;
		setrlimit(RLIMIT_AS, &rl);
	}
	fclose(f);
#endif
}

/* In the child: open path with FreeXL, send the first worksheet. */
static void __attribute__((noreturn))
xls_child(int fd, const char *path)
{
	static struct xls_out	 o;
	FreeXL_CellValue	 v;
	const void		*h = NULL;
	const char		*name;
	unsigned int		 info, nrows, r;
	unsigned short		 ncols, c;
	uint32_t		 r32;
	uint16_t		 c16;
	uint8_t			 t;

	/* nothing of the server's but the pipe: no connection is kept
	 * open by this process, whatever happens to it */
	if (fd > 3)
		close_range(3, (unsigned)fd - 1, 0);
	close_range((unsigned)fd + 1, ~0U, 0);
	o.fd = fd;
	xls_limit();
	if (freexl_open(path, &h) != FREEXL_OK)
		xls_end(&o, XLS_OPEN, 0);
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED)
		xls_end(&o, XLS_PASSWORD, 0);
	if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK ||
	    info == 0)
		xls_end(&o, XLS_NOSHEET, 0);
	if (freexl_select_active_worksheet(h, 0) != FREEXL_OK ||
	    freexl_worksheet_dimensions(h, &nrows, &ncols) != FREEXL_OK)
		xls_end(&o, XLS_BROKEN, 0);
	if (freexl_get_worksheet_name(h, 0, &name) == FREEXL_OK) {
		xls_put(&o, "N", 1);
		xls_put_text(&o, name);
	}
	/* the dimensions are counts, not the last index */
	for (r = 0; r < nrows; r++)
		for (c = 0; c < ncols; c++) {
			if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK)
				xls_end(&o, XLS_CELL, r);
			if (v.type == FREEXL_CELL_NULL)
				continue;
			r32 = r;
			c16 = c;
			t = v.type;
			xls_put(&o, "C", 1);
			xls_put(&o, &r32, 4);
			xls_put(&o, &c16, 2);
			xls_put(&o, &t, 1);
			if (t == FREEXL_CELL_INT) {
				r32 = 4;
				xls_put(&o, &r32, 4);
				xls_put(&o, &v.value.int_value, 4);
			} else if (t == FREEXL_CELL_DOUBLE) {
				r32 = 8;
				xls_put(&o, &r32, 4);
				xls_put(&o, &v.value.double_value, 8);
			} else
				xls_put_text(&o, v.value.text_value);
		}
	xls_end(&o, XLS_OK, 0);
}

/* The parent's side of the pipe, with the deadline. */
struct xls_in {
	int		 fd;
	struct timespec	 deadline;
	size_t		 off, len;
	char		 buf[65536];
};

static int
xls_get(struct xls_in *in, void *p, size_t n)
{
	struct pollfd	 pfd;
	struct timespec	 now;
	char		*d = p;
	ssize_t		 k;
	long		 ms;

	while (n > 0) {
		if (in->off == in->len) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			ms = (in->deadline.tv_sec - now.tv_sec) * 1000 +
			    (in->deadline.tv_nsec - now.tv_nsec) / 1000000;
			if (ms <= 0)
				return -1;
			pfd.fd = in->fd;
			pfd.events = POLLIN;
			if (poll(&pfd, 1, (int)ms) == -1) {
				if (errno == EINTR)
					continue;
				return -1;
			}
			k = read(in->fd, in->buf, sizeof(in->buf));
			if (k == -1) {
				if (errno == EINTR || errno == EAGAIN)
					continue;
				return -1;
			}
			if (k == 0)
				return -1;
			in->off = 0;
			in->len = (size_t)k;
		}
		k = (ssize_t)(in->len - in->off < n ? in->len - in->off : n);
		memcpy(d, in->buf + in->off, (size_t)k);
		in->off += (size_t)k;
		d += k;
		n -= (size_t)k;
	}
	return 0;
}

/* The shortest "%.*g" of v that reads back as v. */
static void
xls_num_text(double v, char *out, size_t sz)
{
	int prec;

	for (prec = 15; prec < 17; prec++) {
		snprintf(out, sz, "%.*g", prec, v);
		if (strtod(out, NULL) == v)
			return;
	}
	snprintf(out, sz, "%.17g", v);
}

/* One cell of FreeXL type t with its bytes s (len) into column col. */
static int
xls_cell(struct sheet_build *b, int col, int t, const char *s, size_t len)
{
	char		 num[40], d[11];
	double		 v;
	int32_t		 day, i;
	int		 hh, mm, ss;

	switch (t) {
	case FREEXL_CELL_INT:
	case FREEXL_CELL_DOUBLE:
		if (t == FREEXL_CELL_INT) {
			memcpy(&i, s, 4);
			v = i;
		} else
			memcpy(&v, s, 8);
		if (v != v || v - v != 0)	/* NaN, infinity */
			return 0;
		xls_num_text(v, num, sizeof(num));
		return sheet_build_cell(b, col, CELL_NUMBER,
		    sheet_build_str(b, num, strlen(num)), strlen(num), v, 0);
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
		if (len >= 10) {
			memcpy(d, s, 10);
			d[10] = '\0';
			if (date_parse(d, &day) == 0) {
				/* the 1900 serial, with the time of day */
				v = day - date_from_ymd(1899, 12, 30);
				if (sscanf(s + 10, " %2d:%2d:%2d", &hh, &mm,
				    &ss) == 3)
					v += (hh * 3600 + mm * 60 + ss) /
					    86400.0;
				return sheet_build_cell(b, col, CELL_DATE,
				    sheet_build_str(b, d, 10), 10, v, day);
			}
		}
		/* FALLTHROUGH */
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_TIME:
		if (!util_utf8_valid(s, len))
			return sheet_build_fail(b, "xls文件第%d行含有无效的文字编码",
			    b->row);
		return sheet_build_cell(b, col, CELL_STRING,
		    sheet_build_str(b, s, len), len, 0, 0);
	}
	return 0;
}

/* Read the child's records into the sheet. */
static int
xls_parent(struct sheet_build *b, struct xls_in *in)
{
	const char	*broken = "不是有效的Excel文件(xls文件损坏)";
	char		*text, name[256];
	uint32_t	 r, len, cur = UINT32_MAX;
	uint16_t	 c;
	uint8_t		 t, code;
	char		 tag;

	text = arena_alloc(b->arena, b->caps.cell_max + 1);
	for (;;) {
		if (xls_get(in, &tag, 1) == -1)
			return sheet_build_fail(b, "%s", broken);
		if (tag == 'E')
			break;
		if (tag == 'N') {
			if (xls_get(in, &len, 4) == -1 || len >= sizeof(name) ||
			    xls_get(in, name, len) == -1)
				return sheet_build_fail(b, "%s", broken);
			if (util_utf8_valid(name, len))
				b->sheet->name = arena_strndup(b->arena, name,
				    len);
			continue;
		}
		if (tag != 'C' || xls_get(in, &r, 4) == -1 ||
		    xls_get(in, &c, 2) == -1 || xls_get(in, &t, 1) == -1 ||
		    xls_get(in, &len, 4) == -1 || r >= INT32_MAX)
			return sheet_build_fail(b, "%s", broken);
		if (r != cur) {
			if (cur != UINT32_MAX && sheet_build_row_end(b) == -1)
				return -1;
			if (sheet_build_row(b, (int)r + 1) == -1)
				return -1;
			cur = r;
		}
		if (len > b->caps.cell_max)	/* fails with the message */
			return sheet_build_cell(b, c + 1, CELL_STRING, "", len,
			    0, 0);
		if ((t == FREEXL_CELL_INT && len != 4) ||
		    (t == FREEXL_CELL_DOUBLE && len != 8) ||
		    xls_get(in, text, len) == -1)
			return sheet_build_fail(b, "%s", broken);
		text[len] = '\0';
		if (xls_cell(b, c + 1, t, text, len) == -1)
			return -1;
	}
	if (xls_get(in, &code, 1) == -1 || xls_get(in, &r, 4) == -1)
		return sheet_build_fail(b, "%s", broken);
	switch (code) {
	case XLS_OK:
		return cur == UINT32_MAX ? 0 : sheet_build_row_end(b);
	case XLS_OPEN:
		return sheet_build_fail(b, "不是有效的Excel文件(xls文件损坏或格式太旧)");
	case XLS_PASSWORD:
		return sheet_build_fail(b, "文件设有密码,请在Excel中取消密码后再上传");
	case XLS_NOSHEET:
		return sheet_build_fail(b, "工作簿中没有工作表");
	case XLS_CELL:
		return sheet_build_fail(b, "不是有效的Excel文件(xls文件第%u行损坏)",
		    r + 1);
	default:
		return sheet_build_fail(b, "%s", broken);
	}
}

/* Write buf to a new temporary file; its path into path. */
static int
xls_tmpfile(const void *buf, size_t len, char *path, size_t sz)
{
	const char	*dir = getenv("TMPDIR"), *p = buf;
	ssize_t		 n;
	int		 fd, rc;

	if (dir == NULL || dir[0] == '\0')
		dir = "/tmp";
	rc = snprintf(path, sz, "%s/taizhang-xls-XXXXXX", dir);
	if (rc < 0 || (size_t)rc >= sz || (fd = mkstemp(path)) == -1)
		return -1;
	while (len > 0) {
		if ((n = write(fd, p, len)) <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			close(fd);
			unlink(path);
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1) {
		unlink(path);
		return -1;
	}
	return 0;
}

int
sheet_read_xls(const void *buf, size_t len, const struct sheet_caps *caps,
    struct arena *a, struct sheet *out, char *err, size_t errsz)
{
	struct sheet_build	 b;
	struct xls_in		*in = NULL;
	char			 path[4096], sz[32];
	int			 rc = -1, fds[2] = { -1, -1 }, st;
	pid_t			 pid = -1, w;

	sheet_build_init(&b, caps, a, out, "xls", err, errsz);
	if (len > b.caps.file_max) {
		sheet_size_str(b.caps.file_max, sz, sizeof(sz));
		return sheet_build_fail(&b, "文件超过%s", sz);
	}
	if (memmem(buf, len, xls_encrypted, sizeof(xls_encrypted) - 1) != NULL)
		return sheet_build_fail(&b, "文件设有密码,请在Excel中取消密码后再上传");
	if (xls_tmpfile(buf, len, path, sizeof(path)) == -1)
		return sheet_build_fail(&b, "服务器无法写入临时文件,请稍后再试");
	if (pipe(fds) == -1 || (pid = fork()) == -1) {
		sheet_build_fail(&b, "服务器暂时无法读取xls文件,请稍后再试");
		goto out;
	}
	if (pid == 0) {
		close(fds[0]);
		xls_child(fds[1], path);
	}
	close(fds[1]);
	fds[1] = -1;
	in = arena_alloc(a, sizeof(*in));
	in->fd = fds[0];
	in->off = in->len = 0;
	clock_gettime(CLOCK_MONOTONIC, &in->deadline);
	in->deadline.tv_sec += XLS_TIMEOUT_MS / 1000;
	rc = xls_parent(&b, in);
out:
	if (fds[0] != -1)
		close(fds[0]);
	if (fds[1] != -1)
		close(fds[1]);
	if (pid > 0) {
		/* kill it unless it is gone (a SIGCHLD of SIG_IGN reaps it) */
		while ((w = waitpid(pid, &st, WNOHANG)) == -1 && errno == EINTR)
			;
		if (w == 0) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &st, 0) == -1 && errno == EINTR)
				;
		}
	}
	unlink(path);
	return rc;
}
