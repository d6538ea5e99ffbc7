/*
 * Splitting one line of RFC 4180 CSV into fields, in place.  The full
 * sheet reader (encodings, multi-line cells) is sheet_csv.c's job; this
 * serves simple machine-written files such as the gazetteer's.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

/*
 * Split line (modified in place, trailing CR/LF dropped) into at most
 * max fields; quotes removed and "" unescaped.  Returns the number of
 * fields, or -1 on an unterminated quote.
 */
int	csv_split(char *line, char **fields, int max);

#endif
