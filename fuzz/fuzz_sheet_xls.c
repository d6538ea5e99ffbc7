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
#include <sys/wait.h>

#include <errno.h>
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
	char			 err[512];
	int			 status = 0;
	pid_t			 w;

	if (!init) {
		pthread_atfork(NULL, NULL, fuzz_xls_atfork_child);
		init = true;
	}
	a = arena_new();
	fuzz_sheet_caps(&caps);
	if (len < 4 || memcmp(data, fuzz_xls_ole, 4) != 0)
		fuzz_xls_stream(data, len, a, &caps);
	else {
		if (sheet_read_xls(data, len, &caps, a, &sh, err,
		    sizeof(err)) == 0)
			fuzz_sheet_ok(&sh, &caps);
		else
			FUZZ_CHECK(err[0] != '\0');
		/* no child left, running or a zombie */
		if ((w = waitpid(-1, &status, WNOHANG)) != -1)
			fprintf(stderr, "fuzz: child %d left (status %#x)\n",
			    (int)w, status);
		FUZZ_CHECK(w == -1 && errno == ECHILD);
	}
	arena_free(a);
	return 0;
}
