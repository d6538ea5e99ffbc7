/*
 * A minimal test harness: CHECK records a pass or a failure with its
 * place; TEST_MAIN runs the tests given and prints the closing line
 * "N passed, N failed" that CI reads.  Include once per test program.
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int	check_pass, check_fail;
static const char *check_test;

#define CHECK(cond) do {						\
	if (cond)							\
		check_pass++;						\
	else {								\
		check_fail++;						\
		fprintf(stderr, "FAIL %s:%d: %s: %s\n", __FILE__,	\
		    __LINE__, check_test, #cond);			\
	}								\
} while (0)

typedef void (*check_fn)(void);

#define TEST(fn)	{ #fn, fn }

struct check_case {
	const char	*name;
	check_fn	 fn;
};

static inline int
check_run(const struct check_case *cases, size_t n, const char *prog)
{
	size_t i;

	for (i = 0; i < n; i++) {
		check_test = cases[i].name;
		cases[i].fn();
	}
	printf("%s: %d passed, %d failed\n", prog, check_pass, check_fail);
	return check_fail ? 1 : 0;
}

#define TEST_MAIN(...)							\
int									\
main(void)								\
{									\
	static const struct check_case cases[] = { __VA_ARGS__ };	\
	return check_run(cases, sizeof(cases) / sizeof(cases[0]),	\
	    __FILE__);							\
}

#endif
