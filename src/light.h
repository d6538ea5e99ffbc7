/*
 * The supervision light (督办灯), computed, never typed: grey when done;
 * red when past the deadline; yellow when the deadline is within
 * warn_days, or progress lags the time-proportional schedule (序时进度)
 * by more than lag_points; blue otherwise.  The same rule is written in
 * SQL in sql.c (ITEM_LIGHT) for filters and groups; test_light checks
 * that both agree.
 */
#ifndef LIGHT_H
#define LIGHT_H

#include <stdbool.h>
#include <stdint.h>

enum light {
	LIGHT_BLUE = 0,
	LIGHT_YELLOW,
	LIGHT_RED,
	LIGHT_GREY
};

struct light_in {
	bool	done;
	int32_t	start, deadline, today;		/* DATE_NONE if unknown */
	int	progress;			/* 0..100 */
	int	warn_days, lag_points;
};

enum light	 light_of(const struct light_in *);
const char	*light_name(enum light);	/* "red" ... */
const char	*light_label(enum light);	/* 红灯 ... */
/* "red" -> LIGHT_RED; -1 if unknown. */
int		 light_parse(const char *);
/* The expected progress by the schedule, 0..100, or -1 if unknown. */
int		 light_expected(const struct light_in *);

#endif
