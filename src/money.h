/*
 * Money is int64 fen (分).  These parse and print exact decimal
 * strings; no floating point anywhere.
 */
#ifndef MONEY_H
#define MONEY_H

#include <stddef.h>
#include <stdint.h>

/* "12345.67" or "12345" yuan -> fen; -1 on junk, over 2 decimals or
 * overflow. */
int	money_parse_yuan(const char *, int64_t *fen);
/* fen -> "12345.67" (always two decimals). */
void	money_fmt_yuan(int64_t fen, char *out, size_t);

#endif
