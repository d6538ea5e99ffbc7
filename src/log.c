#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "util.h"

enum log_level log_min = LOG_INFO;

void
log_msg(enum log_level lv, const char *fmt, ...)
{
	static const char *const names[] = { "debug", "info", "warn", "error" };
	char	line[1024], ts[32];
	va_list	ap;
	int	n;

	if (lv < log_min)
		return;
	util_time_fmt(util_now(), ts, sizeof(ts));
	n = snprintf(line, sizeof(line), "%s %s ", ts, names[lv]);
	if (n < 0 || (size_t)n >= sizeof(line))
		return;
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", line);
}

char *
log_esc(const char *s, char *out, size_t outsz)
{
	size_t i = 0;

	if (outsz == 0)
		return out;
	for (; s && *s && i + 5 < outsz; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c == 0x7f || c == '\\' || c == '"') {
			i += (size_t)snprintf(out + i, outsz - i, "\\x%02x", c);
		} else
			out[i++] = (char)c;
	}
	out[i] = '\0';
	return out;
}
