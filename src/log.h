/*
 * One line per event on stderr: time, level, message.  Untrusted bytes
 * go through log_esc() so a line can never be split or forged.
 */
#ifndef LOG_H
#define LOG_H

#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

extern enum log_level log_min;

void	log_msg(enum log_level, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Escape s into out (size outsz) for logging; returns out. */
char	*log_esc(const char *, char *, size_t);

#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARN, __VA_ARGS__)
#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)

#endif
