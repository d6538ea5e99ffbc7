/*
 * Header mapping (src/sheetmap.c) on a sheet read from CSV bytes: the
 * first byte picks a ledger template (or none), the rest is the CSV.
 * Checked: the map's rows and columns lie inside the sheet, every row
 * after the header gets a kind, and every cell text maps to a field
 * with a label or to none.
 */
#include <jansson.h>

#include "arena.h"
#include "fuzz.h"
#include "ledger.h"
#include "sheet.h"
#include "sheetmap.h"

/* The ledger of template i, or NULL past the templates; built once. */
static const struct ledger *
fuzz_sheetmap_ledger(int i)
{
	static struct ledger	 ls[16];
	static bool		 init;
	int			 k;

	if (!init) {
		for (k = 0; k < ledger_ntemplates && k < (int)NELEM(ls); k++) {
			ls[k].id = k + 1;
			ls[k].kind = ledger_templates[k].kind;
			util_strlcpy(ls[k].template_key,
			    ledger_templates[k].key,
			    sizeof(ls[k].template_key));
			ls[k].config = json_loads(ledger_templates[k].config,
			    0, NULL);
			FUZZ_CHECK(ls[k].config != NULL);
		}
		init = true;
	}
	return i < ledger_ntemplates && i < (int)NELEM(ls) ? &ls[i] : NULL;
}

static void
fuzz_sheetmap_cells(const struct sheet *sh, const struct ledger *l)
{
	const char	*f, *label;
	int		 i, j;

	for (i = 0; i < sh->nrows && i < 20; i++)
		for (j = 0; j < sh->rows[i].ncells; j++) {
			if ((f = sheetmap_field_of(sh->rows[i].cells[j].text,
			    l)) == NULL)
				continue;
			label = sheetmap_label(f, l);
			FUZZ_CHECK(label != NULL &&
			    util_utf8_valid(label, strlen(label)));
		}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const struct ledger	*l;
	struct sheet_caps	 caps;
	struct sheetmap		 m;
	struct sheet		 sh;
	struct arena		*a;
	const char		*why = NULL;
	char			 err[512];
	enum sheetmap_kind	 k;
	int			 i;

	if (len < 1)
		return 0;
	l = fuzz_sheetmap_ledger(data[0] % 8);
	a = arena_new();
	fuzz_sheet_caps(&caps);
	if (sheet_read_csv(data + 1, len - 1, &caps, a, &sh, err,
	    sizeof(err)) == -1)
		goto out;
	fuzz_sheetmap_cells(&sh, l);
	if (sheetmap_guess(&sh, l, a, &m, &why) == -1) {
		FUZZ_CHECK(why != NULL && util_utf8_valid(why, strlen(why)));
		goto out;
	}
	FUZZ_CHECK(m.header_rows == 1 || m.header_rows == 2);
	FUZZ_CHECK(m.title_rows >= 0 && m.first_data >= m.title_rows +
	    m.header_rows && m.first_data <= sh.nrows);
	FUZZ_CHECK(m.ncols >= 0 && (m.ncols == 0 || m.cols != NULL));
	for (i = 0; i < m.ncols; i++) {
		FUZZ_CHECK(m.cols[i].col >= 1 && m.cols[i].header != NULL);
		FUZZ_CHECK(util_utf8_valid(m.cols[i].header,
		    strlen(m.cols[i].header)));
		FUZZ_CHECK(m.cols[i].unit_fen >= 0);
	}
	for (i = m.first_data; i < sh.nrows; i++) {
		k = sheetmap_row_kind(&m, &sh.rows[i]);
		FUZZ_CHECK(k >= SHEETMAP_ITEM && k <= SHEETMAP_NOTE);
		(void)sheetmap_row_kind(NULL, &sh.rows[i]);
	}
out:
	arena_free(a);
	return 0;
}
