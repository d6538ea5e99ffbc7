/*
 * One worksheet as rows of cells, whatever file it came from: .xlsx
 * (sheet_xlsx.c, libzip + expat), .xls (sheet_xls.c, FreeXL in a child
 * process) or .csv in UTF-8, GB18030 or UTF-16 (sheet_csv.c, iconv).
 * The importer (import.c) and the tests see only this model.
 * Everything lives in the arena given.
 */
#ifndef SHEET_H
#define SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

enum cell_type {
	CELL_EMPTY = 0,
	CELL_STRING,		/* shared, inline or CSV text */
	CELL_NUMBER,		/* text holds the number as the file wrote it */
	CELL_BOOL,		/* text "TRUE"/"FALSE", num 1/0 */
	CELL_DATE,		/* a number with a date format: day set,
				 * text "2024-01-30" */
};

/* 24 bytes: two million of them for 100,000 rows of 20 columns. */
struct sheet_cell {
	enum cell_type	 type;
	int32_t		 day;	/* CELL_DATE: day number (date.h) */
	const char	*text;	/* UTF-8, never NULL ("" when empty) */
	double		 num;	/* CELL_NUMBER, CELL_BOOL, CELL_DATE (serial) */
};

struct sheet_row {
	int			 row;	/* 1-based row number in the sheet */
	int			 ncells;	/* cells[0] is column A */
	struct sheet_cell	*cells;
};

/* A merged range, 1-based inclusive rows and columns. */
struct sheet_merge {
	int	r1, c1, r2, c2;
};

struct sheet {
	const char		*format;	/* "xlsx" "xls" "csv" */
	const char		*encoding;	/* csv: "UTF-8", "GB18030",
						 * "UTF-16LE" or "UTF-16BE";
						 * NULL for xlsx and xls */
	const char		*name;		/* the worksheet's name */
	int			 nrows;		/* rows[i] in order; blank
						 * rows are left out */
	struct sheet_row	*rows;
	int			 nmerges;	/* always 0 for xls */
	struct sheet_merge	*merges;
};

/* Limits against hostile files; 0 in a field means its default. */
struct sheet_caps {
	size_t	file_max;	/* bytes of the file: 50 MiB */
	size_t	unzip_max;	/* xlsx: total uncompressed bytes: 400 MiB */
	int	ratio_max;	/* xlsx: inflated/deflated, per entry: 200 */
	int	rows_max;	/* 200,000 */
	int	cols_max;	/* 256 */
	size_t	cell_max;	/* bytes of one cell's text: 32 KiB */
	long	cells_max;	/* cells kept, gaps included: 5,000,000 */
};

/*
 * Read the first worksheet of the file in buf (the format from the
 * bytes, the name only as a hint).  On failure returns -1 with a
 * one-line Chinese message in err saying what is wrong and where
 * ("第12行第C列的内容超过32KB", "文件解压后超过400MB,可能是恶意压缩文件").
 * A cell with no value, or an empty string, is CELL_EMPTY; a row of
 * such cells is left out, and cells[] ends at the row's last value.
 */
int	sheet_read(const void *buf, size_t len, const char *filename,
	    const struct sheet_caps *, struct arena *, struct sheet *out,
	    char *err, size_t errsz);

/* The readers behind sheet_read, for tests and fuzzing. */
int	sheet_read_xlsx(const void *, size_t, const struct sheet_caps *,
	    struct arena *, struct sheet *, char *, size_t);
int	sheet_read_xls(const void *, size_t, const struct sheet_caps *,
	    struct arena *, struct sheet *, char *, size_t);
int	sheet_read_csv(const void *, size_t, const struct sheet_caps *,
	    struct arena *, struct sheet *, char *, size_t);

/* Column letters: 1 -> "A", 27 -> "AA" into out (at least 4 bytes). */
void	sheet_col_name(int col, char *out, size_t);
/* Column col (1-based) of the row, or NULL past its last cell. */
const struct sheet_cell *sheet_cell(const struct sheet_row *, int col);

/*
 * For the readers (sheet_*.c) only: rows are built one at a time in a
 * scratch row of caps.cols_max cells, then copied to the arena at their
 * exact width; the caps are checked here, with the messages.
 */
struct sheet_build {
	struct arena		*arena;
	struct sheet_caps	 caps;		/* defaults filled in */
	struct sheet		*sheet;
	struct sheet_cell	*scratch;	/* caps.cols_max cells */
	int			 row;		/* the row being built */
	int			 width;		/* last column set in scratch */
	int			 rows_alloc, merges_alloc;
	long			 ncells;
	char			*pool;		/* unaligned string space */
	size_t			 pool_left;
	char			*err;
	size_t			 errsz;
};

#define SHEET_MERGES_MAX	100000

void	sheet_caps_fill(const struct sheet_caps *, struct sheet_caps *);
void	sheet_build_init(struct sheet_build *, const struct sheet_caps *,
	    struct arena *, struct sheet *, const char *format, char *err,
	    size_t errsz);
/* Start row number row (1-based, above the last); -1 if not. */
int	sheet_build_row(struct sheet_build *, int row);
/* Set column col of the row; text (len bytes) must outlive the sheet. */
int	sheet_build_cell(struct sheet_build *, int col, enum cell_type,
	    const char *text, size_t len, double num, int32_t day);
/* End the row: kept if it has a value. */
int	sheet_build_row_end(struct sheet_build *);
int	sheet_build_merge(struct sheet_build *, int r1, int c1, int r2,
	    int c2);
/* A NUL-terminated copy of s in the arena, packed without alignment. */
const char *sheet_build_str(struct sheet_build *, const char *s, size_t);
/* Format the message into err; returns -1. */
int	sheet_build_fail(struct sheet_build *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Excel serial to day number; -1 if not a day (a time, 1900-02-29). */
int	sheet_serial_day(double serial, bool date1904, int32_t *day);
/* A size as the messages say it: "50MB", "32KB", "100字节". */
void	sheet_size_str(size_t, char *, size_t);

#endif
