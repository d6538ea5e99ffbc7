/*
 * Dates as whole days since 1970-01-01 (proleptic Gregorian), so that
 * periods and deadlines are integer arithmetic in C and in SQL.
 */
#ifndef DATE_H
#define DATE_H

#include <stdint.h>

#define DATE_NONE	INT32_MIN

/* "2024-01-30" -> day; -1 if not a valid date in 1900..2200. */
int	date_parse(const char *, int32_t *day);
/* day -> "2024-01-30" into out (at least 11 bytes). */
void	date_fmt(int32_t day, char *out, size_t);
int32_t	date_from_ymd(int y, int m, int d);
void	date_to_ymd(int32_t day, int *y, int *m, int *d);
/* Today in the server's local time zone. */
int32_t	date_today(void);

#endif
