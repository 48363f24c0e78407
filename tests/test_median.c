/* test_median.c: medians by radix selection (src/core/median.c) against the
 * plain way, sorting; and the keys that order as the doubles do. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/median.h"
#include "genretui/rng.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median by sorting a copy: the reference. */
static double sorted_median(const double *v, size_t n)
{
	double *s = malloc(n * sizeof(*s)), m;

	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	m = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return m;
}

/* gt_median and gt_median_keys give the reference's value (a zero's sign
 * aside: -0 and +0 are equal), and v is left as it was. */
static void check(const double *v, size_t n)
{
	uint64_t *scratch = malloc(n * sizeof(*scratch));
	double *copy = malloc(n * sizeof(*copy)), want = sorted_median(v, n), got;

	memcpy(copy, v, n * sizeof(*v));
	got = gt_median(v, n, scratch);
	if (!(got == want))
		fail_msg("n %zu: %.17g, sorting gives %.17g", n, got, want);
	assert_memory_equal(copy, v, n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		scratch[i] = gt_median_key(v[i]);
	assert_true(gt_median_keys(scratch, n) == want);
	free(scratch);
	free(copy);
}

/* Keys order as the doubles do, over every kind of double but NaN:
 * infinities, the largest, normals, subnormals, zeros of both signs (one
 * key: they are equal). */
static void test_keys_order(void **state)
{
	static const double v[] = {
		-INFINITY, -DBL_MAX, -1e300, -2.5, -1.0, -DBL_MIN, -4.9e-324, -0.0,
		0.0, 4.9e-324, 1e-310, DBL_MIN, 0.1, 1.0, 1.0000000000000002, 3e300,
		DBL_MAX, INFINITY,
	};
	size_t n = sizeof(v) / sizeof(v[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			uint64_t a = gt_median_key(v[i]), b = gt_median_key(v[j]);

			assert_int_equal(a < b, v[i] < v[j]);
			assert_int_equal(a == b, v[i] == v[j]);
		}
}

static void test_small(void **state)
{
	static const double small[] = { 3, -1, 2, -1, 0.0, -0.0, 7 };
	static const double same[] = { 5, 5, 5, 5 };
	uint64_t scratch[8];

	(void)state;
	assert_true(gt_median(small, 1, scratch) == 3);
	assert_true(gt_median(small, 2, scratch) == 1);
	assert_true(gt_median(small, 7, scratch) == 0);
	assert_true(gt_median(same, 4, scratch) == 5);
	for (size_t n = 1; n <= 7; n++)
		check(small, n);
}

/* Many ties, negative values, odd and even counts (the cases where the
 * value below the middle is found among the keys dropped). */
static void test_ties(void **state)
{
	double v[1001];
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 3);
	for (int trial = 0; trial < 300; trial++) {
		size_t n = 1 + gt_rng_interval(&r, 1000);
		int spread = 1 + (int)gt_rng_interval(&r, trial % 3 ? 20 : 1000000);

		for (size_t i = 0; i < n; i++)
			v[i] = ((double)gt_rng_interval(&r, (uint32_t)spread) - spread / 2) / 7.0;
		check(v, n);
	}
}

/* Doubles of any bits but NaN (every exponent, subnormals, infinities),
 * and values that share their top bits and differ only in the last ones,
 * so that every pass of the selection is taken. */
static void test_any_doubles(void **state)
{
	double v[2000];
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 8);
	for (int trial = 0; trial < 200; trial++) {
		size_t n = 1 + gt_rng_interval(&r, 1999);
		uint64_t top = (uint64_t)gt_rng_u32(&r) << 32;
		int low_bits = (int)gt_rng_interval(&r, 63);

		for (size_t i = 0; i < n; i++) {
			uint64_t bits = (uint64_t)gt_rng_u32(&r) << 32 | gt_rng_u32(&r);

			if (trial % 2)      /* common top bits */
				bits = (top & ~(((uint64_t)1 << low_bits) - 1) << 1) |
				       (bits & (((uint64_t)1 << low_bits) - 1));
			memcpy(&v[i], &bits, sizeof(bits));
			if (isnan(v[i]))
				v[i] = (double)i;
		}
		check(v, n);
	}
}

/* A large count, as the training statistics give (32,448 rows). */
static void test_large(void **state)
{
	size_t n = 32448;
	double *v = malloc(n * sizeof(*v));
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 42);
	for (size_t i = 0; i < n; i++)
		v[i] = gt_rng_uniform(&r, -60.0, 3.0);
	check(v, n);
	check(v, n - 1);
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_order),
		cmocka_unit_test(test_small),
		cmocka_unit_test(test_ties),
		cmocka_unit_test(test_any_doubles),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
