#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "db.h"
#include "store_place.h"
#include "util.h"

static void
store_place_row(struct dbstmt *s, struct place *p)
{
	util_strlcpy(p->code, db_col_text(s, 0), sizeof(p->code));
	util_strlcpy(p->name, db_col_text(s, 1), sizeof(p->name));
	util_strlcpy(p->short_name, db_col_text(s, 2), sizeof(p->short_name));
	p->level = (int)db_col_int(s, 3);
	util_strlcpy(p->parent, db_col_text(s, 4), sizeof(p->parent));
	util_strlcpy(p->old_area_class, db_col_text(s, 5),
	    sizeof(p->old_area_class));
}

enum store_rc
store_place_get(struct store *st, const char *code, struct place *p)
{
	struct dbstmt	*s;
	enum store_rc	 rc;

	s = db_stmt(st, STMT_PLACE_GET);
	db_text(s, 1, code);
	switch (db_step(s)) {
	case DB_ROW:
		store_place_row(s, p);
		rc = STORE_OK;
		break;
	case DB_DONE:
		rc = STORE_NOTFOUND;
		break;
	default:
		rc = db_rc(st);
	}
	db_reset(s);
	return rc;
}

int64_t
store_place_child_count(struct store *st, const char *code)
{
	struct dbstmt	*s;
	int64_t		 n = 0;

	s = db_stmt(st, STMT_PLACE_CHILD_COUNT);
	db_text(s, 1, code);
	if (db_step(s) == DB_ROW)
		n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

enum store_rc
store_place_children(struct store *st, const char *code, place_cb cb,
    void *arg)
{
	struct dbstmt	*s;
	struct place	 p;
	enum db_step	 r;

	if (code == NULL || *code == '\0')
		s = db_stmt(st, STMT_PLACE_ROOTS);
	else {
		s = db_stmt(st, STMT_PLACE_CHILDREN);
		db_text(s, 1, code);
	}
	while ((r = db_step(s)) == DB_ROW) {
		store_place_row(s, &p);
		if (cb(&p, arg) == -1) {
			db_reset(s);
			return STORE_OK;
		}
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

/* Collect the rows of s into out[*n..limit), skipping codes seen. */
static enum store_rc
store_place_collect(struct store *st, struct dbstmt *s, struct place *out,
    int *n, int limit)
{
	struct place	p;
	enum db_step	r = DB_DONE;
	int		i;

	while (*n < limit && (r = db_step(s)) == DB_ROW) {
		store_place_row(s, &p);
		for (i = 0; i < *n; i++)
			if (strcmp(out[i].code, p.code) == 0)
				break;
		if (i == *n)
			out[(*n)++] = p;
	}
	if (*n >= limit) {
		db_reset(s);
		return STORE_OK;
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

/* One plain search (no town + village split). */
static enum store_rc
store_place_search1(struct store *st, const char *q, const char *within,
    int level, int limit, struct place *out, int *n)
{
	struct dbstmt	*s;
	char		 core[PLACE_NAME_MAX], hiname[PLACE_NAME_MAX + 8];
	char		 lo[PLACE_CODE_MAX], hi[PLACE_CODE_MAX];
	char		 pat[3 * PLACE_NAME_MAX + 8];
	size_t		 i, k;
	enum store_rc	 rc;

	place_code_range(within, lo, hi);
	/* 张营村 means the village before the town 张营镇 */
	place_short_name(q, core, sizeof(core));
	s = db_stmt(st, STMT_PLACE_FIND_SHORT);
	db_text(s, 1, core);
	db_text(s, 2, lo);
	db_text(s, 3, hi);
	db_int(s, 4, level);
	db_int(s, 5, limit);
	if ((rc = store_place_collect(st, s, out, n, limit)) != STORE_OK)
		return rc;

	place_core_name(q, core, sizeof(core));
	s = db_stmt(st, STMT_PLACE_FIND_CORE);
	db_text(s, 1, core);
	db_text(s, 2, lo);
	db_text(s, 3, hi);
	db_int(s, 4, level);
	db_int(s, 5, limit);
	if ((rc = store_place_collect(st, s, out, n, limit)) != STORE_OK)
		return rc;

	/* names that start with core: (core, core + U+10FFFF) */
	snprintf(hiname, sizeof(hiname), "%s\xf4\x8f\xbf\xbf", core);
	/* the narrower of the two ranges: a county has ~300 places */
	s = db_stmt(st, strlen(within) >= 6 ? STMT_PLACE_FIND_PREFIX_IN :
	    STMT_PLACE_FIND_PREFIX);
	db_text(s, 1, core);
	db_text(s, 2, hiname);
	db_text(s, 3, lo);
	db_text(s, 4, hi);
	db_int(s, 5, level);
	db_int(s, 6, limit);
	if ((rc = store_place_collect(st, s, out, n, limit)) != STORE_OK)
		return rc;

	/* names that contain core, with LIKE's % _ \ escaped */
	k = 0;
	pat[k++] = '%';
	for (i = 0; core[i] && k < sizeof(pat) - 3; i++) {
		if (core[i] == '%' || core[i] == '_' || core[i] == '\\')
			pat[k++] = '\\';
		pat[k++] = core[i];
	}
	pat[k++] = '%';
	pat[k] = '\0';
	s = db_stmt(st, STMT_PLACE_FIND_LIKE);
	db_text(s, 1, pat);
	db_text(s, 2, lo);
	db_text(s, 3, hi);
	db_int(s, 4, level);
	db_int(s, 5, limit);
	return store_place_collect(st, s, out, n, limit);
}

enum store_rc
store_place_search(struct store *st, const char *q, const char *within,
    int level, int limit, struct place *out, int *n)
{
	struct place	 heads[8];
	char		 head[PLACE_NAME_MAX], tail[PLACE_NAME_MAX];
	size_t		 from = 0, next;
	int		 nh, i;
	enum store_rc	 rc;

	*n = 0;
	if (limit > PLACE_SEARCH_MAX)
		limit = PLACE_SEARCH_MAX;
	/* 虞乡镇新源村: find the head, then the tail inside each head */
	while (place_split(q, from, head, tail, sizeof(head), &next)) {
		from = next;
		nh = 0;
		rc = store_place_search1(st, head, within, 0, (int)NELEM(heads),
		    heads, &nh);
		if (rc != STORE_OK)
			return rc;
		for (i = 0; i < nh && *n < limit; i++) {
			char core[PLACE_NAME_MAX];
			place_core_name(head, core, sizeof(core));
			if (heads[i].level >= PLACE_VILLAGE)
				continue;
			/* only heads whose name really is the head */
			char hc[PLACE_NAME_MAX];
			place_core_name(heads[i].name, hc, sizeof(hc));
			if (strcmp(hc, core) != 0)
				continue;
			rc = store_place_search1(st, tail, heads[i].code, level,
			    limit, out, n);
			if (rc != STORE_OK)
				return rc;
		}
		if (*n > 0)
			return STORE_OK;
	}
	return store_place_search1(st, q, within, level, limit, out, n);
}

/* meta: "total province city county town village", kept by the load */
#define PLACE_COUNTS_KEY	"place_counts"

static enum store_rc
store_place_put(struct store *st, enum stmt id, const struct place_row *r)
{
	struct dbstmt	*s;
	char		 sn[PLACE_NAME_MAX], cn[PLACE_NAME_MAX];

	place_short_name(r->name, sn, sizeof(sn));
	place_core_name(r->name, cn, sizeof(cn));
	s = db_stmt(st, id);
	db_text(s, 1, r->code);
	db_text(s, 2, r->name);
	db_text(s, 3, sn);
	db_text(s, 4, cn);
	db_int(s, 5, r->level);
	db_text_or_null(s, 6, r->parent);
	return db_run(s);
}

enum store_rc
store_place_upsert(struct store *st, const char *code, const char *name,
    int level, const char *parent)
{
	struct place_row r = { code, name, parent, level };
	enum store_rc	 rc;

	/* a place added outside a load: the kept counts are stale */
	if ((rc = store_place_put(st, STMT_PLACE_UPSERT, &r)) == STORE_OK &&
	    db_changes(st) > 0)
		rc = db_run(db_stmt(st, STMT_PLACE_COUNTS_FORGET));
	return rc;
}

/* Append s to b in COPY's text format; 0, or -1 past b's cap. */
static int
store_place_copy_text(struct buf *b, const char *s)
{
	int rc = 0;

	for (; *s; s++)
		switch (*s) {
		case '\\':
			rc |= buf_adds(b, "\\\\");
			break;
		case '\t':
			rc |= buf_adds(b, "\\t");
			break;
		case '\n':
			rc |= buf_adds(b, "\\n");
			break;
		case '\r':
			rc |= buf_adds(b, "\\r");
			break;
		default:
			rc |= buf_addc(b, *s);
		}
	return rc;
}

/* All rows in one COPY. */
static enum store_rc
store_place_copy(struct store *st, const struct place_row *rows, size_t n)
{
	struct buf	 b;
	char		 sn[PLACE_NAME_MAX], cn[PLACE_NAME_MAX];
	size_t		 i;
	int		 full = 0;
	enum store_rc	 rc;

	buf_init(&b, (size_t)1 << 31);
	for (i = 0; i < n && full == 0; i++) {
		place_short_name(rows[i].name, sn, sizeof(sn));
		place_core_name(rows[i].name, cn, sizeof(cn));
		full |= store_place_copy_text(&b, rows[i].code);
		full |= buf_addc(&b, '\t');
		full |= store_place_copy_text(&b, rows[i].name);
		full |= buf_addc(&b, '\t');
		full |= store_place_copy_text(&b, sn);
		full |= buf_addc(&b, '\t');
		full |= store_place_copy_text(&b, cn);
		full |= buf_printf(&b, "\t%d\t", rows[i].level);
		if (rows[i].parent && *rows[i].parent)
			full |= store_place_copy_text(&b, rows[i].parent);
		else
			full |= buf_adds(&b, "\\N");
		full |= buf_addc(&b, '\n');
	}
	rc = full ? STORE_FULL :
	    db_copy_in(st, sql_place_copy, b.data ? b.data : "", b.len);
	buf_free(&b);
	return rc;
}

/*
 * Into the empty table: plain inserts (or COPY) without the secondary
 * indexes, made afterwards with one sort each.  Any failure (a code
 * twice in the files) undoes it all, for the row by row load to report.
 */
static enum store_rc
store_place_load_empty(struct store *st, const struct place_row *rows,
    size_t n)
{
	enum store_rc	rc;
	size_t		i;

	if ((rc = db_exec(st, sql_place_load_begin)) != STORE_OK)
		return rc;
	if (db_has_copy(st))
		rc = store_place_copy(st, rows, n);
	else
		for (i = 0; i < n && rc == STORE_OK; i++)
			rc = store_place_put(st, STMT_PLACE_INSERT, &rows[i]);
	if (rc == STORE_OK && (rc = db_exec(st, sql_place_load_end)) ==
	    STORE_OK)
		return STORE_OK;
	db_exec(st, sql_place_load_undo);
	return rc;
}

static enum store_rc
store_place_counts_save(struct store *st, const int64_t c[6])
{
	char v[128];

	snprintf(v, sizeof(v), "%lld %lld %lld %lld %lld %lld",
	    (long long)c[0], (long long)c[1], (long long)c[2],
	    (long long)c[3], (long long)c[4], (long long)c[5]);
	return store_meta_set(st, PLACE_COUNTS_KEY, v);
}

/* The counts by level with a scan of the table. */
static enum store_rc
store_place_count_all(struct store *st, int64_t counts[6])
{
	struct dbstmt	*s;
	enum db_step	 r;
	int64_t		 lv;

	memset(counts, 0, 6 * sizeof(counts[0]));
	s = db_stmt(st, STMT_PLACE_COUNT_LEVEL);
	while ((r = db_step(s)) == DB_ROW) {
		lv = db_col_int(s, 0);
		if (lv >= 1 && lv <= 5)
			counts[lv] = db_col_int(s, 1);
		counts[0] += db_col_int(s, 1);
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_place_load(struct store *st, const struct place_row *rows, size_t n,
    size_t *bad)
{
	struct dbstmt	*s;
	enum db_step	 r;
	enum store_rc	 rc;
	int64_t		 counts[6] = { 0 };
	size_t		 i;

	*bad = n;
	s = db_stmt(st, STMT_PLACE_ANY);
	r = db_step(s);
	db_reset(s);
	if (r == DB_ERR)
		return db_rc(st);
	if (r == DB_DONE && store_place_load_empty(st, rows, n) == STORE_OK) {
		for (i = 0; i < n; i++)
			if (rows[i].level >= 1 && rows[i].level <= 5)
				counts[rows[i].level]++;
		counts[0] = (int64_t)n;
		return store_place_counts_save(st, counts);
	}
	for (i = 0; i < n; i++)
		if ((rc = store_place_put(st, STMT_PLACE_UPSERT, &rows[i])) !=
		    STORE_OK) {
			*bad = i;
			return rc;
		}
	if ((rc = store_place_count_all(st, counts)) != STORE_OK)
		return rc;
	return store_place_counts_save(st, counts);
}

enum store_rc
store_place_set_class(struct store *st, const char *code, const char *cls)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_PLACE_SET_CLASS);
	db_text(s, 1, code);
	db_text_or_null(s, 2, cls);
	db_int(s, 3, util_now());
	return db_run(s);
}

enum store_rc
store_place_figure_set(struct store *st, const char *code,
    const struct place_figure *f)
{
	struct dbstmt *s;

	s = db_stmt(st, STMT_PLACE_FIGURE_UPSERT);
	db_text(s, 1, code);
	db_int(s, 2, f->year);
	db_int_or_null(s, 3, f->population >= 0 ? &f->population : NULL);
	db_int_or_null(s, 4, f->households >= 0 ? &f->households : NULL);
	db_int_or_null(s, 5, f->income_fen >= 0 ? &f->income_fen : NULL);
	return db_run(s);
}

enum store_rc
store_place_figures(struct store *st, const char *code,
    struct place_figure *out, int max, int *n)
{
	struct dbstmt	*s;
	enum db_step	 r;

	*n = 0;
	s = db_stmt(st, STMT_PLACE_FIGURES);
	db_text(s, 1, code);
	while ((r = db_step(s)) == DB_ROW) {
		struct place_figure *f;
		if (*n >= max) {
			db_reset(s);
			return STORE_OK;
		}
		f = &out[(*n)++];
		f->year = (int)db_col_int(s, 0);
		f->population = db_isnull(s, 1) ? -1 : db_col_int(s, 1);
		f->households = db_isnull(s, 2) ? -1 : db_col_int(s, 2);
		f->income_fen = db_isnull(s, 3) ? -1 : db_col_int(s, 3);
	}
	return r == DB_DONE ? STORE_OK : db_rc(st);
}

enum store_rc
store_place_counts(struct store *st, int64_t counts[6])
{
	char		v[128];
	long long	c[6];
	int		i;

	if (store_meta_get(st, PLACE_COUNTS_KEY, v, sizeof(v)) == STORE_OK &&
	    sscanf(v, "%lld %lld %lld %lld %lld %lld", &c[0], &c[1], &c[2],
	    &c[3], &c[4], &c[5]) == 6) {
		for (i = 0; i < 6; i++)
			counts[i] = c[i];
		return STORE_OK;
	}
	return store_place_count_all(st, counts);
}
