/* test_importance.c: permutation importance.
 *
 * test_sklearn_hand: a hand-set linear model on a 64-row table; every drop
 * is scikit-learn 1.2.1's permutation_importance(est, X, y,
 * scoring="accuracy", n_repeats=5, random_state=7) of the same model and
 * table, printed by tests/ref_importance.py (which writes both again in
 * Python). The scores are exact in float32, so the figures must be equal.
 * test_one_signal: a model trained here on a table where only x0 decides
 * the genre: x0 comes first, the noise features near 0. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "genretui/encode.h"
#include "genretui/importance.h"
#include "genretui/train.h"

#define HN 64
#define HNUM 3

static gt_real hx[HN][HNUM];
static uint8_t hhot[HN];
static int hy[HN];

static void hand_table(void)
{
	for (int i = 0; i < HN; i++) {
		int pitch = i * 7 % 12, major = (i / 3) % 2;
		int a = i * 5 % 16 >= 8, p = pitch >= 6, q = i % 5 == 0;

		hx[i][0] = (gt_real)(i * 5 % 16) / 8;
		hx[i][1] = (gt_real)(i * 11 % 13) / 8;
		hx[i][2] = (gt_real)(i * 3 % 7) / 4;
		hhot[i] = (uint8_t)gt_scale_index(pitch, major);
		hy[i] = (a + (p * (1 + q)) % 3) % 3;
	}
}

/* The linear layer 27 -> 3 of tests/ref_importance.py. */
static void hand_model(gt_model *m)
{
	gt_arch arch = { 1, { HNUM + GT_NSCALES, 3 }, { GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	gt_real *w;

	assert_int_equal(gt_model_init(m, &arch, 16, NULL), GT_OK);
	memset(m->params, 0, m->nparams * sizeof(gt_real));
	w = m->W[0];
	m->b[0][1] = -2;
	m->b[0][2] = -5;
	w[1 * 27 + 0] = 2;
	w[1 * 27 + 1] = 0.5;
	w[2 * 27 + 0] = 4;
	for (int pitch = 0; pitch < 12; pitch++)
		for (int major = 0; major < 2; major++) {
			int j = HNUM + gt_scale_index(pitch, major);

			if (pitch >= 6) {
				w[2 * 27 + j] += 1.5f;
				w[1 * 27 + j] += 1;
			}
			if (!major)
				w[1 * 27 + j] += 0.5f;
		}
}

static const gt_imp_feature hand_feats[5] = {
	{ "x0", GT_IMP_COLUMN, 0, 0 }, { "x1", GT_IMP_COLUMN, 1, 0 }, { "x2", GT_IMP_COLUMN, 2, 0 },
	{ "key", GT_IMP_KEY, -1, 0 }, { "mode", GT_IMP_MODE, -1, 0 },
};

static void run_hand(gt_importance *imp, int threads)
{
	gt_samples s = { &hx[0][0], hhot, hy, HN, HNUM, GT_NSCALES };
	gt_importance_opts o = { 5, 7, threads };
	gt_model m;
	gt_error err;

	hand_table();
	hand_model(&m);
	assert_int_equal(gt_importance_run(imp, &m, &s, hand_feats, 5, &o, &err), GT_OK);
	gt_model_free(&m);
}

static void test_sklearn_hand(void **state)
{
	static const double drops[5][5] = {
		{ 0.203125, 0.15625, 0.140625, 0.1875, 0.1875 },
		{ -0.0625, -0.078125, -0.03125, -0.03125, -0.046875 },
		{ 0, 0, 0, 0, 0 },
		{ 0.09375, 0.171875, 0.15625, 0.078125, 0.125 },
		{ 0, 0.03125, 0, -0.046875, 0.03125 },
	};
	static const double mean[5] = { 0.175, -0.05, 0, 0.125, 0.003125 };
	static const double sd[5] = { 0.022963966338592292, 0.018221724671391562, 0,
	                              0.035630482034348064, 0.028641098093474003 };
	gt_importance imp;
	int order[5];

	(void)state;
	run_hand(&imp, 2);
	assert_near(imp.baseline, 0.578125, 0);
	for (int f = 0; f < 5; f++) {
		for (int r = 0; r < 5; r++)
			assert_near(imp.drops[f * 5 + r], drops[f][r], 1e-15);
		assert_near(imp.mean[f], mean[f], 1e-15);
		assert_near(imp.sd[f], sd[f], 1e-15);
	}
	gt_importance_order(&imp, order);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 3);
	assert_int_equal(order[2], 4);
	assert_int_equal(order[3], 2);
	assert_int_equal(order[4], 1);
	gt_importance_free(&imp);
}

/* One thread or two: the same bytes. */
static void test_threads_same(void **state)
{
	gt_importance one, two;

	(void)state;
	run_hand(&one, 1);
	run_hand(&two, 2);
	assert_memory_equal(one.drops, two.drops, 25 * sizeof(double));
	assert_memory_equal(one.mean, two.mean, 5 * sizeof(double));
	assert_memory_equal(one.sd, two.sd, 5 * sizeof(double));
	gt_importance_free(&one);
	gt_importance_free(&two);
}

/* NumPy: RandomState(s).randint(2**31) for s = 0, 1, 42, 7. */
static void test_feature_seed(void **state)
{
	(void)state;
	assert_int_equal(gt_importance_feature_seed(0), 209652396);
	assert_int_equal(gt_importance_feature_seed(1), 1791095845);
	assert_int_equal(gt_importance_feature_seed(42), 1608637542);
	assert_int_equal(gt_importance_feature_seed(7), 327741615);
}

/* ---- A trained model, one feature carrying the signal */

#define SN 3000
#define SNUM 4

static void test_one_signal(void **state)
{
	static gt_real x[SN][SNUM];
	static uint8_t hot[SN];
	static int y[SN];
	gt_arch arch = { 2, { SNUM + GT_NSCALES, 16, 3 }, { GT_ACT_RELU, GT_ACT_LINEAR },
	                 GT_LOSS_SOFTMAX_CE };
	gt_hparams hp = { .epochs = 30, .batch_size = 32, .lr = 0.01, .beta1 = 0.9,
	                  .beta2 = 0.999, .eps = 1e-7, .seed = 3 };
	gt_importance_opts o;
	gt_samples s = { &x[0][0], hot, y, SN, SNUM, GT_NSCALES };
	gt_imp_feature feats[6] = {
		{ "noise1", GT_IMP_COLUMN, 1, 0 }, { "signal", GT_IMP_COLUMN, 0, 0 },
		{ "noise2", GT_IMP_COLUMN, 2, 0 }, { "noise3", GT_IMP_COLUMN, 3, 0 },
		{ "key", GT_IMP_KEY, -1, 0 }, { "mode", GT_IMP_MODE, -1, 0 },
	};
	gt_importance imp;
	gt_trainer t;
	gt_model m;
	gt_rng rng;
	gt_error err;
	int order[6];

	(void)state;
	gt_rng_seed(&rng, 11);
	for (int i = 0; i < SN; i++) {
		for (int j = 0; j < SNUM; j++)
			x[i][j] = (gt_real)gt_rng_uniform(&rng, -1, 1);
		hot[i] = (uint8_t)gt_rng_interval(&rng, GT_NSCALES - 1);
		y[i] = x[i][0] < -0.3 ? 0 : x[i][0] < 0.3 ? 1 : 2;
	}
	assert_int_equal(gt_model_init(&m, &arch, hp.batch_size, &err), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &s, &s, &hp, &err), GT_OK);
	while (gt_trainer_step(&t, NULL) >= 0)
		;
	gt_importance_defaults(&o);
	assert_int_equal(gt_importance_run(&imp, &m, &s, feats, 6, &o, &err), GT_OK);
	assert_true(imp.baseline > 0.95);
	gt_importance_order(&imp, order);
	assert_int_equal(order[0], 1);
	assert_true(imp.mean[1] > 0.4);          /* about 2/3 of the rows change genre */
	for (int f = 0; f < 6; f++)
		if (f != 1)
			assert_true(fabs(imp.mean[f]) < 0.02);
	gt_importance_free(&imp);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

static void test_refusals(void **state)
{
	gt_samples s = { &hx[0][0], hhot, hy, HN, HNUM, GT_NSCALES }, dense = s;
	gt_importance_opts o = { 5, 7, 2 };
	gt_imp_feature bad = { "x9", GT_IMP_COLUMN, 3, 0 }, key = { "key", GT_IMP_KEY, -1, 0 };
	gt_importance imp;
	gt_model m;
	gt_error err;

	(void)state;
	hand_table();
	hand_model(&m);
	assert_int_equal(gt_importance_run(&imp, &m, &s, &bad, 1, &o, &err), GT_ERR_ARG);
	assert_non_null(strstr(err.msg, "'x9'"));
	dense.nhot = 0;
	dense.hot = NULL;
	assert_int_equal(gt_importance_run(&imp, &m, &dense, &key, 1, &o, &err), GT_ERR_ARG);
	o.repeats = 0;
	assert_int_equal(gt_importance_run(&imp, &m, &s, hand_feats, 5, &o, &err), GT_ERR_ARG);
	o.repeats = 5;
	s.y = NULL;
	assert_int_equal(gt_importance_run(&imp, &m, &s, hand_feats, 5, &o, &err), GT_ERR_ARG);
	gt_model_free(&m);
}

static void test_study_features(void **state)
{
	gt_imp_feature f[GT_IMP_MAX];

	(void)state;
	assert_int_equal(gt_importance_study_features(f), 13);
	assert_string_equal(f[0].name, "popularity");
	assert_int_equal(f[GT_F_TEMPO].column, GT_F_TEMPO);
	assert_string_equal(f[11].name, "key");
	assert_int_equal(f[12].kind, GT_IMP_MODE);
}

/* A one-hot column's 0/1 inputs shuffled together give the drops of the
 * same column held compactly as the group's hot input (the same rows, the
 * same permutations). */
static void test_columns_together(void **state)
{
	static gt_real dx[HN][HNUM + GT_NSCALES];
	gt_samples s = { &hx[0][0], hhot, hy, HN, HNUM, GT_NSCALES };
	gt_samples d = { &dx[0][0], NULL, hy, HN, HNUM + GT_NSCALES, 0 };
	gt_imp_feature hot[2] = { { "x0", GT_IMP_COLUMN, 0, 0 }, { "scale", GT_IMP_HOT, -1, 0 } };
	gt_imp_feature cols[2] = { { "x0", GT_IMP_COLUMN, 0, 0 },
	                           { "scale", GT_IMP_COLUMNS, HNUM, GT_NSCALES } };
	gt_importance_opts o = { 5, 7, 2 };
	gt_importance a, b;
	gt_model m;
	gt_error err;

	(void)state;
	hand_table();
	hand_model(&m);
	for (int i = 0; i < HN; i++) {
		memcpy(dx[i], hx[i], sizeof(hx[i]));
		for (int k = 0; k < GT_NSCALES; k++)
			dx[i][HNUM + k] = k == hhot[i];
	}
	assert_int_equal(gt_importance_run(&a, &m, &s, hot, 2, &o, &err), GT_OK);
	assert_int_equal(gt_importance_run(&b, &m, &d, cols, 2, &o, &err), GT_OK);
	assert_near(a.baseline, b.baseline, 0);
	assert_memory_equal(a.drops, b.drops, 10 * sizeof(double));
	assert_true(a.mean[1] > 0.1);
	gt_importance_free(&a);
	gt_importance_free(&b);
	cols[1].count = GT_NSCALES + 1;   /* past the inputs */
	assert_int_equal(gt_importance_run(&b, &m, &d, cols, 2, &o, &err), GT_ERR_ARG);
	assert_non_null(strstr(err.msg, "'scale'"));
	gt_model_free(&m);
}

/* A layout's features: the study's as gt_importance_study_features; a
 * file's own, its columns with a one-hot column's inputs together. */
static void test_layout_features(void **state)
{
	static const char *const moods[3] = { "calm", "tense", "wild" };
	const gt_layout_column cols[3] = {
		{ "rms_mean", GT_SOURCE_NUMERIC, 0, NULL },
		{ "mood", GT_SOURCE_ONEHOT, 3, moods },
		{ "tempo", GT_SOURCE_NUMERIC, 0, NULL },
	};
	gt_imp_feature f[GT_IMP_MAX], want[GT_IMP_MAX];
	static gt_layout l;

	(void)state;
	gt_layout_study(&l);
	assert_int_equal(gt_importance_layout_features(&l, f), gt_importance_study_features(want));
	for (int i = 0; i < 13; i++) {
		assert_string_equal(f[i].name, want[i].name);
		assert_int_equal(f[i].kind, want[i].kind);
		assert_int_equal(f[i].column, want[i].column);
	}
	assert_int_equal(gt_layout_from_columns(&l, cols, 3, NULL), GT_OK);
	assert_int_equal(gt_importance_layout_features(&l, f), 3);
	assert_string_equal(f[1].name, "mood");
	assert_int_equal(f[1].kind, GT_IMP_COLUMNS);
	assert_int_equal(f[1].column, 1);
	assert_int_equal(f[1].count, 3);
	assert_string_equal(f[2].name, "tempo");
	assert_int_equal(f[2].column, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sklearn_hand),
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_feature_seed),
		cmocka_unit_test(test_one_signal),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_study_features),
		cmocka_unit_test(test_columns_together),
		cmocka_unit_test(test_layout_features),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
