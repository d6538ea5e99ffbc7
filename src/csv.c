#include <string.h>

#include "csv.h"

int
csv_split(char *line, char **fields, int max)
{
	char	*r = line, *w;
	int	 n = 0;
	size_t	 len;

	len = strlen(line);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	for (;;) {
		if (n >= max)
			return n;
		fields[n++] = w = r;
		if (*r == '"') {
			r++;
			for (;;) {
				if (*r == '\0')
					return -1;
				if (*r == '"') {
					if (r[1] == '"') {
						*w++ = '"';
						r += 2;
						continue;
					}
					r++;
					break;
				}
				*w++ = *r++;
			}
			/* anything up to the comma after the closing quote */
			while (*r && *r != ',')
				*w++ = *r++;
		} else
			while (*r && *r != ',')
				*w++ = *r++;
		if (*r == '\0') {
			*w = '\0';
			return n;
		}
		*w = '\0';
		r++;
	}
}
