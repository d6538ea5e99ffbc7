/* sheet_read_csv (src/sheet_csv.c) on any bytes, with small caps. */
#include "arena.h"
#include "fuzz.h"
#include "sheet.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct sheet_caps	 caps;
	struct sheet		 sh;
	struct arena		*a = arena_new();
	char			 err[512];

	fuzz_sheet_caps(&caps);
	if (sheet_read_csv(data, len, &caps, a, &sh, err, sizeof(err)) == 0)
		fuzz_sheet_ok(&sh, &caps);
	else
		FUZZ_CHECK(err[0] != '\0' && util_utf8_valid(err, strlen(err)));
	arena_free(a);
	return 0;
}
