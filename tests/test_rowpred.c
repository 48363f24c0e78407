/* test_rowpred.c: every row's probabilities (against the model run one row
 * at a time), a confusion cell's rows and the orders they are listed in. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/loss.h"
#include "genretui/probs.h"
#include "genretui/rowpred.h"

/* 600 rows (more than one batch of 256, and not a multiple of it) of 3
 * dense inputs and a one-hot of 4 through a 7-5-3 network. */
static void batches_equal_one_row_at_a_time(gt_loss_kind loss)
{
	gt_arch a = { 2, { 7, 5, 3 }, { GT_ACT_RELU, loss == GT_LOSS_KERAS_SIGMOID ? GT_ACT_SIGMOID
	                                                         : GT_ACT_LINEAR }, loss };
	enum { N = 600 };
	static gt_real x[N * 3];
	static uint8_t hot[N];
	gt_samples set = { x, hot, NULL, N, 3, 4 };
	gt_model m, one;
	gt_rng rng;
	gt_rowpred rp;

	gt_rng_seed(&rng, 7);
	assert_int_equal(gt_model_init(&m, &a, 32, NULL), GT_OK);
	assert_int_equal(gt_model_init(&one, &a, 1, NULL), GT_OK);
	gt_model_glorot(&m, &rng);
	memcpy(one.params, m.params, m.nparams * sizeof(*m.params));
	for (size_t i = 0; i < N * 3; i++)
		x[i] = (gt_real)((double)(i % 17) / 8.0 - 1.0);
	for (size_t i = 0; i < N; i++)
		hot[i] = (uint8_t)(i % 5);     /* 4: no one-hot input set */
	assert_int_equal(gt_rowpred_compute(&rp, &m, &set, NULL), GT_OK);
	assert_int_equal(rp.n, N);
	assert_int_equal(rp.k, 3);
	for (size_t i = 0; i < N; i++) {
		gt_real row[7] = { x[i * 3], x[i * 3 + 1], x[i * 3 + 2], 0, 0, 0, 0 };
		double p[3], sum = 0;

		if (hot[i] < 4)
			row[3 + hot[i]] = 1;
		gt_predict_probs(&one, row, p);
		for (int c = 0; c < 3; c++) {
			assert_near(rp.prob[i * 3 + (size_t)c], p[c], 1e-6);
			sum += rp.prob[i * 3 + (size_t)c];
		}
		assert_near(sum, 1.0, 1e-9);
	}
	gt_rowpred_free(&rp);
	assert_null(rp.prob);
	gt_model_free(&m);
	gt_model_free(&one);
}

static void test_compute_sigmoid(void **state)
{
	(void)state;
	batches_equal_one_row_at_a_time(GT_LOSS_KERAS_SIGMOID);
}

static void test_compute_softmax(void **state)
{
	(void)state;
	batches_equal_one_row_at_a_time(GT_LOSS_SOFTMAX_CE);
}

/* Six rows of two classes; cell (0, 1) holds samples 1, 3 and 4. */
static const int truth[6] = { 0, 0, 1, 0, 0, 1 };
static const int pred[6] = { 0, 1, 1, 1, 1, 0 };
static const uint32_t rows[6] = { 10, 11, 12, 13, 14, 15 };
static double probs[12] = { 0.9, 0.1,  0.3, 0.7,  0.2, 0.8,  0.45, 0.55,  0.1, 0.9,  0.6, 0.4 };

static void test_cell(void **state)
{
	gt_rowpred rp = { 6, 2, probs };
	gt_rowpred_item it[3];

	(void)state;
	assert_int_equal(gt_rowpred_cell(truth, pred, rows, &rp, 6, 0, 1, NULL, 0), 3);
	assert_int_equal(gt_rowpred_cell(truth, pred, rows, &rp, 6, 0, 1, it, 2), 3);  /* cap 2 */
	assert_int_equal(gt_rowpred_cell(truth, pred, rows, &rp, 6, 0, 1, it, 3), 3);
	assert_int_equal(it[0].sample, 1);
	assert_int_equal(it[0].row, 11);
	assert_near(it[0].conf, 0.7, 0);       /* the predicted genre's probability */
	assert_int_equal(it[2].row, 14);
	assert_near(it[2].conf, 0.9, 0);
	assert_int_equal(gt_rowpred_cell(truth, pred, rows, &rp, 6, 1, 1, it, 3), 1);
	assert_int_equal(it[0].row, 12);
	assert_int_equal(gt_rowpred_cell(truth, pred, rows, NULL, 6, 1, 0, it, 3), 1);
	assert_true(isnan(it[0].conf));        /* no probabilities: unknown */
}

static void test_sort(void **state)
{
	/* the set's order is not the file's: rows 14, 11, 12, 10, 13 */
	gt_rowpred_item it[5] = {
		{ 0, 14, 0.5 }, { 1, 11, NAN }, { 2, 12, 0.9 }, { 3, 10, 0.5 }, { 4, 13, 0.2 }
	};
	const size_t confident[5] = { 2, 3, 0, 4, 1 }, unsure[5] = { 4, 3, 0, 2, 1 };
	const size_t file[5] = { 3, 1, 2, 4, 0 };

	(void)state;
	gt_rowpred_sort(it, 5, GT_RP_CONFIDENT);
	for (int i = 0; i < 5; i++)
		assert_int_equal(it[i].sample, confident[i]);   /* ties in file order, NaN last */
	gt_rowpred_sort(it, 5, GT_RP_UNSURE);
	for (int i = 0; i < 5; i++)
		assert_int_equal(it[i].sample, unsure[i]);
	gt_rowpred_sort(it, 5, GT_RP_FILE);
	for (int i = 0; i < 5; i++)
		assert_int_equal(it[i].sample, file[i]);
	assert_string_equal(gt_rowpred_order_name(GT_RP_CONFIDENT), "most confident first");
	assert_string_equal(gt_rowpred_order_name(GT_RP_NORDERS), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compute_sigmoid),
		cmocka_unit_test(test_compute_softmax),
		cmocka_unit_test(test_cell),
		cmocka_unit_test(test_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
