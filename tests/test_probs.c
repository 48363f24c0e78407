/* test_probs.c: probabilities of one track, argmax and top-2. */
#include "testutil.h"

#include <math.h>
#include <stdlib.h>

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

/* gt_top2 on lane r of out [k][lanes]: is y among the two best? */
static int plain_in_top2(const gt_real *out, int lanes, int r, int k, int y)
{
	double v[256];
	int best[2];

	for (int j = 0; j < k; j++)
		v[j] = out[(size_t)j * (size_t)lanes + (size_t)r];
	gt_top2(v, k, best);
	return best[0] == y || best[1] == y;
}

/* The top-2 count in blocks of lanes against gt_top2 lane by lane: outputs
 * drawn from a few values (ties everywhere), some lanes with NaN, every
 * count of lanes (a block's tail), 2 to 256 classes. */
static void test_top2_lanes(void **state)
{
	static const float pick[] = { 0.0f, 0.25f, 0.5f, 0.5f, 0.75f, 1.0f, -0.0f };
	enum { LANES = 48 };
	gt_real *out = malloc(256 * LANES * sizeof(*out));
	int y[LANES];
	unsigned seed = 7;

	(void)state;
	for (int round = 0; round < 400; round++) {
		int k = round % 5 == 0 ? 2 : round % 7 == 0 ? 256 : 2 + round % 120;
		int n = 1 + round % LANES;
		size_t want = 0;

		for (int i = 0; i < k * LANES; i++) {
			seed = seed * 1103515245u + 12345u;
			out[i] = round % 2 ? pick[(seed >> 16) % 7] : (gt_real)((seed >> 8) & 0xffff) / 65536;
		}
		if (round % 3 == 0)
			out[(size_t)(round % k) * LANES + (size_t)(round % n)] = NAN;
		for (int r = 0; r < LANES; r++) {
			seed = seed * 1103515245u + 12345u;
			y[r] = (int)((seed >> 16) % (unsigned)k);
		}
		for (int r = 0; r < n; r++)
			want += (size_t)plain_in_top2(out, LANES, r, k, y[r]);
		assert_int_equal(gt_top2_lanes(out, LANES, y, n, k), want);
	}
	free(out);
}

/* The argmax of a block of lanes against gt_argmax lane by lane: ties,
 * -0 beside 0, NaN in class 0 and in later classes, 1 to 256 classes. */
static void test_argmax_lanes(void **state)
{
	static const float pick[] = { 0.0f, -0.0f, 0.5f, 0.5f, 1.0f, -1.0f, NAN };
	enum { LANES = 32 };
	gt_real *out = malloc(256 * LANES * sizeof(*out));
	unsigned seed = 11;

	(void)state;
	for (int round = 0; round < 600; round++) {
		int k = round % 9 == 0 ? 256 : 1 + round % 130, best[GT_LANE_ROUND];
		int r0 = round % 2 ? GT_LANE_ROUND : 0;

		for (int i = 0; i < k * LANES; i++) {
			seed = seed * 1103515245u + 12345u;
			out[i] = round % 3 ? pick[(seed >> 16) % (round % 4 ? 6 : 7)]
			                   : (gt_real)((seed >> 8) & 0xffff) / 65536;
		}
		gt_argmax_lanes(out, LANES, r0, k, best);
		for (int r = 0; r < GT_LANE_ROUND; r++) {
			double v[256];

			for (int j = 0; j < k; j++)
				v[j] = out[(size_t)j * LANES + (size_t)(r0 + r)];
			assert_int_equal(best[r], gt_argmax(v, k));
		}
	}
	free(out);
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
		cmocka_unit_test(test_top2_lanes),
		cmocka_unit_test(test_argmax_lanes),
		cmocka_unit_test(test_probs_keras),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
