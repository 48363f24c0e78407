/* test_normalize.c: min-max from training rows only, applied to others. */
#include <math.h>
#include <stdlib.h>
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

/* Standardisation: population mean and sd of each numeric column, a
 * constant column gets sd 1; one-hot columns stay as they are. */
static void test_standardise(void **state)
{
	double a[GT_NNUMERIC], b[GT_NNUMERIC], c[GT_NNUMERIC];
	const double *rows[3] = { a, b, c };
	double row[GT_NINPUTS];
	gt_norm n = { .prep = GT_PREP_IMPUTE };

	(void)state;
	for (int f = 0; f < GT_NNUMERIC; f++) {
		a[f] = 1, b[f] = 2, c[f] = 6;   /* mean 3, variance 14/3 */
		if (f == GT_F_TEMPO)
			a[f] = b[f] = c[f] = 120;
	}
	gt_standard_fit(&n.std, rows, 3);
	assert_near(n.std.mean[GT_F_DURATION], 3, 1e-15);
	assert_near(n.std.sd[GT_F_DURATION], sqrt(14.0 / 3.0), 1e-15);
	assert_near(n.std.sd[GT_F_TEMPO], 1, 0);
	for (int j = 0; j < GT_NINPUTS; j++)
		row[j] = j < GT_NNUMERIC ? 6 : (j == GT_NNUMERIC + 2);
	row[GT_F_TEMPO] = 121;
	gt_norm_apply(&n, row);
	assert_near(row[GT_F_DURATION], 3 / sqrt(14.0 / 3.0), 1e-12);
	assert_near(row[GT_F_TEMPO], 1, 0);
	assert_near(row[GT_NNUMERIC + 2], 1, 0);
	assert_near(row[GT_NNUMERIC + 3], 0, 0);
	assert_string_equal(gt_prep_name(GT_PREP_IMPUTE), "impute");
	assert_string_equal(gt_prep_name(GT_PREP_STUDY), "study");
}

/* gt_norm with the study's preparation is exactly the min-max scaling. */
static void test_norm_study_is_minmax(void **state)
{
	double x[GT_NINPUTS], y[GT_NINPUTS];
	gt_norm n = { .prep = GT_PREP_STUDY };

	(void)state;
	fill(x, 10, 200000, -5, 90, 0.5);
	gt_minmax_fit(&n.mm, x, 1, GT_NINPUTS);
	n.mm.max[0] = 100, n.mm.min[0] = 0;
	memcpy(y, x, sizeof(x));
	gt_norm_apply(&n, x);
	gt_minmax_apply(&n.mm, y, 1, GT_NINPUTS);
	assert_memory_equal(x, y, sizeof(x));
	assert_near(x[GT_F_POPULARITY], 0.1, 1e-15);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_on_training_rows_only),
		cmocka_unit_test(test_constant_column),
		cmocka_unit_test(test_scaled_columns),
		cmocka_unit_test(test_standardise),
		cmocka_unit_test(test_norm_study_is_minmax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
