/*
 * The fuzz targets of fuzz/ without libFuzzer: every input that ever
 * crashed one (fuzz/regress/NAME/) and its seed corpus
 * (fuzz/corpus/NAME/) through the target again, with the targets'
 * invariants as CHECKs.  A crash here is a regression; `make check`
 * runs it under ASan and UBSan too.  Run from the top directory.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* first: sheet_xls.c has a local named like apitest.h's store */
#define LLVMFuzzerTestOneInput fuzz_sheet_xls_one
#include "../../fuzz/fuzz_sheet_xls.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_api_write_one
#include "../../fuzz/fuzz_api_write.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_place_name_one
#include "../../fuzz/fuzz_place_name.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_router_one
#include "../../fuzz/fuzz_router.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sheet_csv_one
#include "../../fuzz/fuzz_sheet_csv.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sheet_xlsx_one
#include "../../fuzz/fuzz_sheet_xlsx.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_sheetmap_one
#include "../../fuzz/fuzz_sheetmap.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_value_one
#include "../../fuzz/fuzz_value.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *, size_t);

/* Feed each file of dir to fn; the number of files. */
static int
replay_dir(const char *dir, fuzz_fn fn)
{
	DIR		*d;
	struct dirent	*e;
	FILE		*f;
	uint8_t		*buf;
	char		 path[1024];
	long		 n;
	int		 count = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) ||
		    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
			fprintf(stderr, "FAIL cannot read %s\n", path);
			check_fail++;
			if (f)
				fclose(f);
			continue;
		}
		buf = xmalloc((size_t)n + 1);
		if (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)
			xdie("short read %s", path);
		fclose(f);
		CHECK(fn(buf, (size_t)n) == 0);
		free(buf);
		count++;
	}
	closedir(d);
	return count;
}

static void
replay(const char *name, fuzz_fn fn)
{
	char	dir[256];
	int	n;

	snprintf(dir, sizeof(dir), "fuzz/regress/%s", name);
	n = replay_dir(dir, fn);
	snprintf(dir, sizeof(dir), "fuzz/corpus/%s", name);
	n += replay_dir(dir, fn);
	CHECK(n > 0);		/* every target has inputs */
	printf("%s: %d inputs\n", name, n);
}

#define REPLAY(name) \
static void test_##name(void) { replay(#name, name##_one); }
REPLAY(fuzz_api_write)
REPLAY(fuzz_place_name)
REPLAY(fuzz_router)
REPLAY(fuzz_sheet_csv)
REPLAY(fuzz_sheet_xls)
REPLAY(fuzz_sheet_xlsx)
REPLAY(fuzz_sheetmap)
REPLAY(fuzz_value)

TEST_MAIN(TEST(test_fuzz_api_write), TEST(test_fuzz_place_name),
    TEST(test_fuzz_router), TEST(test_fuzz_sheet_csv),
    TEST(test_fuzz_sheet_xls), TEST(test_fuzz_sheet_xlsx),
    TEST(test_fuzz_sheetmap), TEST(test_fuzz_value))
