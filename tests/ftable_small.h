/* ftable_small.h: the 15-row feature table test_featstats.c checks against
 * numpy, scipy and scikit-learn (tests/ref_featstats.py), also used by
 * test_features_view.c: a, b (one unknown), m (0/1), k (4 levels);
 * genres 0, 1, 2 by fives. Included once per test program. */
#ifndef GT_TESTS_FTABLE_SMALL_H
#define GT_TESTS_FTABLE_SMALL_H

#include <math.h>

#define N 15
#define NF 4

static const char *const names[NF] = { "a", "b", "m", "k" };
static const int levels[NF] = { 0, 0, 2, 4 };
static double table[N][NF] = {
	{ 1.5, 10, 1, 0 }, { 2.0, 12, 1, 1 }, { 2.0, NAN, 0, 2 }, { 3.25, 11, 1, 3 }, { 0.5, 13, 1, 0 },
	{ 4.0, 20, 0, 1 }, { 5.5, 18, 0, 1 }, { 6.0, 19.5, 1, 2 }, { 4.75, 21, 0, 3 }, { 5.0, 22, 0, 3 },
	{ 9.0, 15, 1, 0 }, { 7.5, 14, 0, 0 }, { 8.25, 16, 1, 2 }, { 10.0, 15.5, 1, 1 }, { 7.0, 30, 0, 3 },
};
static const int ys[N] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2 };

#endif
