/* test_adam.c: Adam against values worked by hand (Keras' update rule).
 *
 * Built twice (see test_model.c): against Adam with gt_real = double, where
 * the values must match to 1e-15, and with float, as the program runs. In
 * float (as in Keras) 1 - beta2 is 0.00099998713, 1.3e-5 off 0.001, so a
 * step is off by up to ~1e-5 of its size (1e-8 for these steps of 1e-3),
 * and a parameter near 1 is only stored to 6e-8 (2^-24): TOL's 3e-7. */

#include <stdlib.h>

#include "testutil.h"
#include "genretui/adam.h"
#include "genretui/rng.h"

#define TOL(d, f) (sizeof(gt_real) == sizeof(double) ? (d) : (f))

/* Worked by hand from the update rule in adam.h:
 * step 1, g = (0.5, -0.1, 0): m = 0.1 g, v = 0.001 g^2,
 *   lr_t = 0.001 sqrt(0.001) / 0.1, p -= lr_t m / (sqrt(v) + 1e-7);
 * step 2, g = (0.2, 0.3, -0.4). */
static void test_two_steps(void **state)
{
	gt_real p[3] = { 1.0, -2.0, 0.0 };
	const gt_real g1[3] = { 0.5, -0.1, 0.0 }, g2[3] = { 0.2, 0.3, -0.4 };
	gt_adam a;

	(void)state;
	assert_int_equal(gt_adam_init(&a, 3, 0.001, 0.9, 0.999, 1e-7, NULL), GT_OK);
	gt_adam_step(&a, p, g1);
	assert_near(p[0], 0.99900000632451535, TOL(1e-15, 3e-7));
	assert_near(p[1], -1.9990000316217766, TOL(1e-15, 3e-7));
	assert_near(p[2], 0.0, 0.0);   /* zero gradient, zero moments */
	gt_adam_step(&a, p, g2);
	assert_near(p[0], 0.99810143639880278, TOL(1e-15, 3e-7));
	assert_near(p[1], -1.9994942165129777, TOL(1e-15, 3e-7));
	assert_near(p[2], 0.00074413094069535697, TOL(1e-15, 1e-8));
	assert_int_equal(a.t, 2);
	gt_adam_free(&a);
}

/* The first step moves every parameter by about lr, whatever the gradient's size. */
static void test_first_step_is_lr_sized(void **state)
{
	gt_real p[2] = { 0.0, 0.0 };
	const gt_real g[2] = { 1000.0, -0.001 };
	gt_adam a;

	(void)state;
	assert_int_equal(gt_adam_init(&a, 2, 0.01, 0.9, 0.999, 1e-7, NULL), GT_OK);
	gt_adam_step(&a, p, g);
	assert_near(p[0], -0.01, TOL(1e-9, 1e-7));
	assert_near(p[1], 0.01, 5e-5);  /* eps matters for tiny g */
	gt_adam_free(&a);
}

static void test_bad_hyperparameters(void **state)
{
	gt_adam a;
	gt_error err;

	(void)state;
	assert_int_equal(gt_adam_init(&a, 2, 0.0, 0.9, 0.999, 1e-7, &err), GT_ERR_ARG);
	assert_int_equal(gt_adam_init(&a, 2, 0.001, 1.0, 0.999, 1e-7, &err), GT_ERR_ARG);
	assert_int_equal(gt_adam_init(&a, 2, 0.001, 0.9, 0.999, 0.0, &err), GT_ERR_ARG);
	assert_non_null(err.msg[0] ? err.msg : NULL);
}

/* gt_adam_apply_stream writes gt_adam_apply's bytes, over parts that
 * start and end anywhere in a 64-byte line or span none (the team's groups
 * of units start where a row of weights does), step after step. */
static void test_stream_same_bytes(void **state)
{
	enum { N = 701 };
	static const size_t cuts[] = { 0, 1, 3, 4, 20, 37, 38, 300, 333, 700, N };
	gt_real *p1 = malloc(N * sizeof(gt_real)), *p2 = malloc(N * sizeof(gt_real));
	gt_real g[N];
	gt_adam a1, a2;
	gt_rng r;

	(void)state;
	assert_non_null(p1);
	assert_non_null(p2);
	gt_rng_seed(&r, 11);
	for (int i = 0; i < N; i++)
		p1[i] = p2[i] = (gt_real)gt_rng_uniform(&r, -1, 1);
	assert_int_equal(gt_adam_init(&a1, N, 0.001, 0.9, 0.999, 1e-7, NULL), GT_OK);
	assert_int_equal(gt_adam_init(&a2, N, 0.001, 0.9, 0.999, 1e-7, NULL), GT_OK);
	for (int step = 0; step < 5; step++) {
		for (int i = 0; i < N; i++)
			g[i] = (gt_real)gt_rng_uniform(&r, -2, 2);
		gt_adam_step(&a1, p1, g);
		gt_adam_begin(&a2);
		for (size_t c = 0; c + 1 < sizeof(cuts) / sizeof(cuts[0]); c++)
			gt_adam_apply_stream(&a2, p2, g, cuts[c], cuts[c + 1] - cuts[c]);
		assert_memory_equal(p1, p2, N * sizeof(gt_real));
		assert_memory_equal(a1.m, a2.m, N * sizeof(gt_real));
		assert_memory_equal(a1.v, a2.v, N * sizeof(gt_real));
	}
	gt_adam_free(&a1);
	gt_adam_free(&a2);
	free(p1);
	free(p2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_steps),
		cmocka_unit_test(test_first_step_is_lr_sized),
		cmocka_unit_test(test_bad_hyperparameters),
		cmocka_unit_test(test_stream_same_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
