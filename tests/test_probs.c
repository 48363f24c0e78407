/* test_probs.c: probabilities of one track, argmax and top-2. */
#include "testutil.h"
#include "genretui/probs.h"

static void test_argmax_top2(void **state)
{
	const double v[5] = { 0.1, 0.4, 0.05, 0.4, 0.3 };
	const double w[3] = { 0.9, 0.05, 0.05 };
	int best[2];

	(void)state;
	assert_int_equal(gt_argmax(v, 5), 1);      /* first of a tie, as numpy */
	gt_top2(v, 5, best);
	assert_int_equal(best[0], 1);
	assert_int_equal(best[1], 3);
	gt_top2(w, 3, best);
	assert_int_equal(best[0], 0);
	assert_int_equal(best[1], 1);
}

/* One-layer sigmoid model with weights by hand: p = s / sum(s). */
static void test_probs_keras(void **state)
{
	gt_arch a = { 1, { 2, 3 }, { GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };
	const gt_real x[2] = { 1.0, 0.0 };
	double p[3], s[3], sum = 0;
	gt_model m;

	(void)state;
	assert_int_equal(gt_model_init(&m, &a, 1, NULL), GT_OK);
	m.W[0][0] = 2.0;   /* class 0 */
	m.W[0][2] = -1.0;  /* class 1 */
	m.W[0][4] = 0.0;   /* class 2 */
	gt_predict_probs(&m, x, p);
	for (int j = 0; j < 3; j++)
		sum += s[j] = 1.0 / (1.0 + exp(-m.W[0][2 * j]));
	for (int j = 0; j < 3; j++)
		assert_near(p[j], s[j] / sum, 1e-6);   /* float sigmoids */
	assert_int_equal(gt_argmax(p, 3), 0);
	gt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argmax_top2),
		cmocka_unit_test(test_probs_keras),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
