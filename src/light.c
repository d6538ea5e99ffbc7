#include <string.h>

#include "date.h"
#include "light.h"
#include "util.h"

static const char *const names[] = { "blue", "yellow", "red", "grey" };
static const char *const labels[] = { "蓝灯", "黄灯", "红灯", "灰灯" };

int
light_expected(const struct light_in *in)
{
	int64_t span, gone;

	if (in->start == DATE_NONE || in->deadline == DATE_NONE ||
	    in->deadline <= in->start)
		return -1;
	span = (int64_t)in->deadline - in->start;
	gone = (int64_t)in->today - in->start;
	if (gone <= 0)
		return 0;
	if (gone >= span)
		return 100;
	return (int)(gone * 100 / span);
}

enum light
light_of(const struct light_in *in)
{
	int64_t span, gone;

	if (in->done)
		return LIGHT_GREY;
	if (in->deadline == DATE_NONE)
		return LIGHT_BLUE;
	if (in->deadline < in->today)
		return LIGHT_RED;
	if ((int64_t)in->deadline - in->today <= in->warn_days)
		return LIGHT_YELLOW;
	/* behind schedule: progress < (today-start)/(deadline-start)*100 - lag,
	 * in integers: progress*span < gone*100 - lag*span */
	if (in->start != DATE_NONE && in->deadline > in->start) {
		span = (int64_t)in->deadline - in->start;
		gone = (int64_t)in->today - in->start;
		if ((int64_t)in->progress * span < gone * 100 -
		    (int64_t)in->lag_points * span)
			return LIGHT_YELLOW;
	}
	return LIGHT_BLUE;
}

const char *
light_name(enum light l)
{
	return (size_t)l < NELEM(names) ? names[l] : "";
}

const char *
light_label(enum light l)
{
	return (size_t)l < NELEM(labels) ? labels[l] : "";
}

int
light_parse(const char *s)
{
	size_t i;

	for (i = 0; i < NELEM(names); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}
