/* test_rng.c: MT19937 and NumPy's legacy helpers (src/core/rng.c).
 *
 * The generator is checked against known outputs (the reference
 * implementation's, NumPy's for seed 42: SEED-FACTS section 4) and against
 * a plain reference written here from Matsumoto and Nishimura's
 * mt19937ar.c: its state regenerated one word at a time with indices taken
 * mod N, where rng.c twists in three runs that never wrap. The helpers are
 * checked against plain versions of NumPy's legacy algorithms. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/rng.h"

/* ---- The plain reference ---- */

typedef struct {
	uint32_t mt[624];
	int i;
} ref_mt;

static void ref_seed(ref_mt *r, uint32_t s)
{
	r->mt[0] = s;
	for (int i = 1; i < 624; i++)
		r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
	r->i = 624;
}

static uint32_t ref_u32(ref_mt *r)
{
	uint32_t y;

	if (r->i == 624) {
		for (int k = 0; k < 624; k++) {
			y = (r->mt[k] & 0x80000000u) | (r->mt[(k + 1) % 624] & 0x7fffffffu);
			r->mt[k] = r->mt[(k + 397) % 624] ^ (y >> 1) ^ (y % 2 ? 0x9908b0dfu : 0);
		}
		r->i = 0;
	}
	y = r->mt[r->i++];
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680u;
	y ^= (y << 15) & 0xefc60000u;
	y ^= y >> 18;
	return y;
}

/* NumPy's legacy random_interval: masked rejection. */
static uint32_t ref_interval(ref_mt *r, uint32_t max)
{
	uint32_t mask = 0, v;

	if (max == 0)
		return 0;
	while (mask < max)
		mask = mask << 1 | 1;
	do
		v = ref_u32(r) & mask;
	while (v > max);
	return v;
}

/* ---- Known outputs ---- */

static void test_first_outputs_seed_42(void **state)
{
	static const uint32_t want[5] = {
		1608637542u, 3421126067u, 4083286876u, 787846414u, 3143890026u
	};
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 42);
	for (int i = 0; i < 5; i++)
		assert_int_equal(gt_rng_u32(&r), want[i]);
}

/* mt19937ar's default seed 5489: first output 3499211612, and the
 * 10000th 4123659995 (C++'s std::mt19937 is checked by that one). */
static void test_reference_seed_5489(void **state)
{
	gt_rng r;
	uint32_t v = 0;

	(void)state;
	gt_rng_seed(&r, 5489);
	assert_int_equal(gt_rng_u32(&r), 3499211612u);
	for (int i = 1; i < 10000; i++)
		v = gt_rng_u32(&r);
	assert_int_equal(v, 4123659995u);
}

/* NumPy: np.random.seed(42); np.random.random() is 0.3745401188473625. */
static void test_double_seed_42(void **state)
{
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 42);
	assert_true(gt_rng_double(&r) == 0.3745401188473625);
}

/* ---- Against the plain reference ---- */

/* Outputs across many twists, for seeds 0, 1, 42, 5489 and 2^32 - 1. */
static void test_u32_as_reference(void **state)
{
	static const uint32_t seeds[] = { 0, 1, 42, 5489, 0xffffffffu };
	gt_rng r;
	ref_mt ref;

	(void)state;
	for (size_t s = 0; s < sizeof(seeds) / sizeof(seeds[0]); s++) {
		gt_rng_seed(&r, seeds[s]);
		ref_seed(&ref, seeds[s]);
		for (int i = 0; i < 624 * 40 + 7; i++)
			assert_int_equal(gt_rng_u32(&r), ref_u32(&ref));
	}
}

/* Masked rejection for bounds of every size: 0, 1, powers of two and one
 * less, random ones, and 2^32 - 1 (no rejection): the same values, the
 * same outputs used, always within [0, max]. */
static void test_interval_as_reference(void **state)
{
	gt_rng r, pick;
	ref_mt ref;

	(void)state;
	gt_rng_seed(&r, 7);
	ref_seed(&ref, 7);
	gt_rng_seed(&pick, 99);
	for (int i = 0; i < 200000; i++) {
		uint32_t max, got;
		int bits = (int)gt_rng_interval(&pick, 32);

		switch (i % 4) {
		case 0: max = bits == 32 ? 0xffffffffu : (1u << bits % 32) - 1; break;
		case 1: max = 1u << bits % 32; break;
		case 2: max = gt_rng_u32(&pick) >> (bits % 32); break;
		default: max = (uint32_t)i % 3; break;
		}
		got = gt_rng_interval(&r, max);
		assert_true(got <= max);
		assert_int_equal(got, ref_interval(&ref, max));
	}
}

/* Every value of a small range comes about equally often (seeded: the
 * counts are fixed; the bound is 5 standard deviations). */
static void test_interval_uniform(void **state)
{
	enum { K = 10, N = 100000 };
	size_t count[K] = { 0 };
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 11);
	for (int i = 0; i < N; i++)
		count[gt_rng_interval(&r, K - 1)]++;
	for (int k = 0; k < K; k++)
		assert_true(count[k] > N / K - 5 * 95 && count[k] < N / K + 5 * 95);
}

/* genrand_res53 from two outputs (27 and 26 bits), in [0, 1); uniform
 * draws in [lo, hi). */
static void test_doubles_as_reference(void **state)
{
	gt_rng r;
	ref_mt ref;

	(void)state;
	gt_rng_seed(&r, 3);
	ref_seed(&ref, 3);
	for (int i = 0; i < 100000; i++) {
		uint32_t a = ref_u32(&ref) >> 5, b = ref_u32(&ref) >> 6;
		double want = (a * 67108864.0 + b) / 9007199254740992.0, d;

		if (i % 2) {
			d = gt_rng_double(&r);
			assert_true(d == want);
			assert_true(d >= 0.0 && d < 1.0);
		} else {
			d = gt_rng_uniform(&r, -2.5, 4.0);
			assert_true(d == -2.5 + 6.5 * want);
			assert_true(d >= -2.5 && d < 4.0);
		}
	}
}

/* NumPy's legacy shuffle: from the last index down, swap with one drawn
 * in [0, i]; n = 0 and 1 draw nothing. */
static void test_shuffle_as_reference(void **state)
{
	uint32_t a[1000], b[1000];
	gt_rng r;
	ref_mt ref;

	(void)state;
	gt_rng_seed(&r, 5);
	ref_seed(&ref, 5);
	for (uint32_t n = 0; n < 1000; n += 1 + n / 3) {
		for (uint32_t i = 0; i < n; i++)
			a[i] = b[i] = i;
		gt_rng_shuffle(&r, a, n);
		for (uint32_t i = n > 0 ? n - 1 : 0; i >= 1; i--) {
			uint32_t j = ref_interval(&ref, i), t = b[i];

			b[i] = b[j];
			b[j] = t;
		}
		if (n)
			assert_memory_equal(a, b, n * sizeof(*a));
	}
	assert_int_equal(gt_rng_u32(&r), ref_u32(&ref));   /* in step */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_outputs_seed_42),
		cmocka_unit_test(test_reference_seed_5489),
		cmocka_unit_test(test_double_seed_42),
		cmocka_unit_test(test_u32_as_reference),
		cmocka_unit_test(test_interval_as_reference),
		cmocka_unit_test(test_interval_uniform),
		cmocka_unit_test(test_doubles_as_reference),
		cmocka_unit_test(test_shuffle_as_reference),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
