/*
 * The .xls reader (src/sheet_xls.c), which runs FreeXL in a child.
 * FreeXL is not instrumented, so coverage-guided fuzzing of it from
 * here is blind, and its own out-of-bounds reads (known in 1.0.6) are
 * what the child is for.  The project's code is the parent's: it
 * decodes what the child sends, so an input is either
 *
 *   an OLE file (D0 CF 11 E0 ...): the real sheet_read_xls, child and
 *   all; the child's own sanitizer reports are not findings (they go to
 *   /dev/null and do not reach libFuzzer's crash handler), a child
 *   left behind is;
 *
 *   anything else: the child's pipe protocol ('N', 'C', 'E' records),
 *   fed to the parent's decoder xls_parent() from a memory file, as a
 *   broken or hostile child could write it.
 */
#include <sys/mman.h>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include "fuzz.h"
/* the reader itself, for its static decoder; the library's copy of
 * sheet_xls.o is then not linked */
#include "../src/sheet_xls.c"

#ifdef FUZZ_LIBFUZZER
#include <sanitizer/common_interface_defs.h>
#endif

static const unsigned char fuzz_xls_ole[4] = { 0xd0, 0xcf, 0x11, 0xe0 };

/* In a forked child: FreeXL's crashes are not ours to report. */
static void
fuzz_xls_atfork_child(void)
{
	int fd;

#ifdef FUZZ_LIBFUZZER
	__sanitizer_set_death_callback(NULL);
#endif
	if ((fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, 2);
		close(fd);
	}
}

/*
 * This process's children as " pid pid ... " into buf (the process may
 * have others than the reader's: libFuzzer's symbolizer).
 */
static void
fuzz_xls_children(char *buf, size_t sz)
{
	char	 path[64];
	size_t	 n = 0;
	FILE	*f;

	snprintf(path, sizeof(path), "/proc/%d/task/%d/children",
	    (int)getpid(), (int)getpid());
	buf[n++] = ' ';
	if ((f = fopen(path, "r")) != NULL) {
		n += fread(buf + n, 1, sz - n - 2, f);
		fclose(f);
	}
	buf[n++] = ' ';
	buf[n] = '\0';
}

/* Is every child in now also in before? */
static bool
fuzz_xls_no_new_child(const char *before, const char *now)
{
	char		 pid[24];
	const char	*p = now;
	size_t		 k;

	while (*(p += strspn(p, " ")) != '\0') {
		k = strcspn(p, " ");
		if (k + 3 > sizeof(pid))
			return false;
		pid[0] = ' ';
		memcpy(pid + 1, p, k);
		pid[k + 1] = ' ';
		pid[k + 2] = '\0';
		if (strstr(before, pid) == NULL) {
			fprintf(stderr, "fuzz: child%s left\n", pid);
			return false;
		}
		p += k;
	}
	return true;
}

/* The protocol stream in data through xls_parent. */
static void
fuzz_xls_stream(const uint8_t *data, size_t len, struct arena *a,
    const struct sheet_caps *caps)
{
	struct sheet_build	 b;
	struct xls_in		*in;
	struct sheet		 sh;
	char			 err[512];
	int			 fd;

	if ((fd = memfd_create("fuzz-xls", 0)) == -1)
		xdie("memfd_create");
	if ((len && write(fd, data, len) != (ssize_t)len) ||
	    lseek(fd, 0, SEEK_SET) == -1)
		xdie("memfd write");
	sheet_build_init(&b, caps, a, &sh, "xls", err, sizeof(err));
	in = arena_alloc(a, sizeof(*in));
	in->fd = fd;
	in->off = in->len = 0;
	clock_gettime(CLOCK_MONOTONIC, &in->deadline);
	in->deadline.tv_sec += 5;
	if (xls_parent(&b, in) == 0)
		fuzz_sheet_ok(&sh, caps);
	else
		FUZZ_CHECK(err[0] != '\0' && util_utf8_valid(err, strlen(err)));
	close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static bool		 init;
	struct sheet_caps	 caps;
	struct sheet		 sh;
	struct arena		*a;
	char			 err[512], before[1024], now[1024];

	if (!init) {
		pthread_atfork(NULL, NULL, fuzz_xls_atfork_child);
		init = true;
	}
	a = arena_new();
	fuzz_sheet_caps(&caps);
	if (len < 4 || memcmp(data, fuzz_xls_ole, 4) != 0)
		fuzz_xls_stream(data, len, a, &caps);
	else {
		fuzz_xls_children(before, sizeof(before));
		if (sheet_read_xls(data, len, &caps, a, &sh, err,
		    sizeof(err)) == 0)
			fuzz_sheet_ok(&sh, &caps);
		else
			FUZZ_CHECK(err[0] != '\0');
		/* no child of the reader's left, running or a zombie */
		fuzz_xls_children(now, sizeof(now));
		FUZZ_CHECK(fuzz_xls_no_new_child(before, now));
	}
	arena_free(a);
	return 0;
}
