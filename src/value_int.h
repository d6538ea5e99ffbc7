/*
 * What value.c and value_date.c share: the folded-text helpers and the
 * reasons they give.
 */
#ifndef VALUE_INT_H
#define VALUE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VALUE_TEXT_MAX	512	/* bytes of folded text looked at */

bool	value_digit(char);
/* One UTF-8 code point at p into *cp; its length (1 for a bad byte). */
size_t	value_u8(const char *p, uint32_t *cp);
/* Set *why to pre「v」post (v cut short); return -1. */
int	value_fail(const char **why, const char *pre, const char *v,
	    const char *post);
/* Set *why to reason; return -1. */
int	value_static(const char **why, const char *reason);
/* Fold text into t[sz] (what names the value in a reason); -1 if bad. */
int	value_prep(const char *text, char *t, size_t sz, const char *what,
	    const char **why);
/* The length of the word of w (NULL-terminated) s starts with, or 0. */
size_t	value_word(const char *s, const char *const *w);
/* Cut a word of w from the end of t; true if one was cut. */
bool	value_cut_end(char *t, const char *const *w);

#endif
