/*
 * What the fuzz targets share.  Each fuzz_<name>.c defines
 * LLVMFuzzerTestOneInput for one surface; `make fuzz` links it with
 * libFuzzer and the sanitizers, and tests/unit/test_fuzz_regress.c
 * includes every target (its entry renamed) to replay fuzz/regress/ and
 * fuzz/corpus/ in `make test`.
 *
 * FUZZ_CHECK states an invariant: under libFuzzer a failure aborts (so
 * the input is kept as a crash), in the regression test it is a CHECK.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sheet.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#ifdef CHECK
#define FUZZ_CHECK(c)	CHECK(c)
#else
#define FUZZ_CHECK(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "fuzz: %s:%d: %s\n", __FILE__,		\
		    __LINE__, #c);					\
		abort();						\
	}								\
} while (0)
#endif

/* A NUL-terminated copy of data, exactly len + 1 bytes (so that a read
 * past the NUL is an ASan report); the caller frees it. */
static inline char *
fuzz_str(const uint8_t *data, size_t len)
{
	char *s = xmalloc(len + 1);

	if (len)
		memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

/* What every reader promises of a sheet it returns (sheet.h). */
static inline void
fuzz_sheet_ok(const struct sheet *sh, const struct sheet_caps *caps)
{
	const struct sheet_row	*row;
	const struct sheet_cell	*c;
	int			 i, j, last = 0;

	FUZZ_CHECK(sh->format != NULL);
	FUZZ_CHECK(sh->nrows >= 0 && (sh->nrows == 0 || sh->rows));
	for (i = 0; i < sh->nrows; i++) {
		row = &sh->rows[i];
		FUZZ_CHECK(row->row > last);
		FUZZ_CHECK(row->ncells > 0 && row->ncells <= caps->cols_max);
		last = row->row;
		for (j = 0; j < row->ncells; j++) {
			c = &row->cells[j];
			FUZZ_CHECK(c->text != NULL);
			FUZZ_CHECK(strlen(c->text) <= caps->cell_max);
			FUZZ_CHECK(util_utf8_valid(c->text, strlen(c->text)));
			FUZZ_CHECK(c->type != CELL_EMPTY || c->text[0] == '\0');
		}
		/* a row ends at its last value */
		FUZZ_CHECK(row->cells[row->ncells - 1].type != CELL_EMPTY);
		FUZZ_CHECK(sheet_cell(row, row->ncells + 1) == NULL);
	}
	FUZZ_CHECK(sh->nrows <= caps->rows_max);
	for (i = 0; i < sh->nmerges; i++)
		FUZZ_CHECK(sh->merges[i].r1 <= sh->merges[i].r2 &&
		    sh->merges[i].c1 <= sh->merges[i].c2);
}

/* Small caps, so that an input of a few KB can reach every limit. */
static inline void
fuzz_sheet_caps(struct sheet_caps *caps)
{
	struct sheet_caps small;

	memset(&small, 0, sizeof(small));
	small.rows_max = 500;
	small.cols_max = 64;
	small.cell_max = 4096;
	small.cells_max = 20000;
	small.unzip_max = 8 * 1024 * 1024;
	sheet_caps_fill(&small, caps);
}

#endif
