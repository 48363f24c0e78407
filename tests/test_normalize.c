/* test_normalize.c: min-max from training rows only, applied to others. */
#include <string.h>

#include "testutil.h"
#include "genretui/normalize.h"

static void fill(double *row, double pop, double dur, double loud, double tempo, double other)
{
	for (int j = 0; j < GT_NINPUTS; j++)
		row[j] = other;
	row[GT_F_POPULARITY] = pop;
	row[GT_F_DURATION] = dur;
	row[GT_F_LOUDNESS] = loud;
	row[GT_F_TEMPO] = tempo;
}

static void test_fit_on_training_rows_only(void **state)
{
	double train[2 * GT_NINPUTS], test[GT_NINPUTS];
	gt_minmax mm;

	(void)state;
	fill(train, 10, 1000, -20, 60, 0.5);
	fill(train + GT_NINPUTS, 90, 3000, -5, 180, 0.25);
	fill(test, 100, 500, 0, 120, 0.75);       /* outside the training range */
	gt_minmax_fit(&mm, train, 2, GT_NINPUTS);
	assert_near(mm.min[0], 10, 0);
	assert_near(mm.max[1], 3000, 0);
	gt_minmax_apply(&mm, train, 2, GT_NINPUTS);
	gt_minmax_apply(&mm, test, 1, GT_NINPUTS);
	assert_near(train[GT_F_POPULARITY], 0.0, 0);
	assert_near(train[GT_NINPUTS + GT_F_TEMPO], 1.0, 0);
	/* test rows use the training statistics and may leave [0, 1] */
	assert_near(test[GT_F_POPULARITY], 90.0 / 80.0, 1e-15);
	assert_near(test[GT_F_DURATION], -0.25, 1e-15);
	assert_near(test[GT_F_LOUDNESS], 20.0 / 15.0, 1e-15);
	assert_near(test[GT_F_TEMPO], 0.5, 1e-15);
	/* the other 31 inputs are untouched */
	assert_near(test[GT_F_ENERGY], 0.75, 0);
	assert_near(train[GT_NINPUTS + GT_NINPUTS - 1], 0.25, 0);
}

static void test_constant_column(void **state)
{
	double x[2 * GT_NINPUTS];
	gt_minmax mm;

	(void)state;
	fill(x, 5, 5, 5, 5, 0);
	fill(x + GT_NINPUTS, 5, 5, 5, 5, 0);
	gt_minmax_fit(&mm, x, 2, GT_NINPUTS);
	gt_minmax_apply(&mm, x, 2, GT_NINPUTS);
	assert_near(x[GT_F_TEMPO], 0.0, 0);    /* no division by zero */
}

static void test_scaled_columns(void **state)
{
	(void)state;
	assert_int_equal(gt_scaled_inputs[0], GT_F_POPULARITY);
	assert_int_equal(gt_scaled_inputs[1], GT_F_DURATION);
	assert_int_equal(gt_scaled_inputs[2], GT_F_LOUDNESS);
	assert_int_equal(gt_scaled_inputs[3], GT_F_TEMPO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_on_training_rows_only),
		cmocka_unit_test(test_constant_column),
		cmocka_unit_test(test_scaled_columns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
