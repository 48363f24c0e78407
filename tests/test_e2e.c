/* test_e2e.c: the whole pipeline and a paper-preset training run, on the
 * real dataset (GT_REAL_CSV; skipped when absent) and on the bundled sample. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "fixtures.h"
#include "genretui/preset.h"
#include "genretui/session.h"

static void assert_supports(const gt_samples *s, const long want[GT_NCLASSES])
{
	long count[GT_NCLASSES] = {0};

	for (size_t i = 0; i < s->n; i++)
		count[s->y[i]]++;
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_int_equal(count[c], want[c]);
}

static void assert_study_counts(const gt_pipeline *p)
{
	static const size_t kept[GT_NCLASSES] = {
		4032, 4064, 4064, 4051, 4049, 4042, 4046, 4099, 4036, 4077
	};
	static const long test[GT_NCLASSES] = { 843, 827, 782, 797, 804, 782, 792, 840, 821, 824 };
	static const long train[GT_NCLASSES] = {
		3189, 3237, 3282, 3254, 3245, 3260, 3254, 3259, 3215, 3253
	};
	const gt_ledger *L = &p->clean.ledger;

	assert_int_equal(L->rows_read, 50005);
	assert_int_equal(L->complete, 50000);
	assert_int_equal(L->kept, 40560);
	assert_int_equal(L->unknown_duration, 4939);
	assert_int_equal(L->unknown_tempo, 4980);
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_int_equal(L->genre_after[c], kept[c]);
	assert_int_equal(p->test.n, 8112);
	assert_int_equal(p->train.n, 32448);
	assert_supports(&p->test, test);
	assert_supports(&p->train, train);
}

static void test_real_file_study(void **state)
{
	const char *path = fx_env_file("GT_REAL_CSV");
	const gt_epoch *h;
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	assert_study_counts(&s.pipe);
	/* training medians and ranges, as pandas computes them on X_train */
	assert_near(s.pipe.median[GT_F_DURATION], 227580, 0);
	assert_near(s.pipe.lo[GT_F_DURATION], 15509, 0);
	assert_near(s.pipe.hi[GT_F_DURATION], 4497994, 0);
	assert_near(s.pipe.median[GT_F_TEMPO], 119.415, 1e-9);
	assert_near(s.pipe.lo[GT_F_TEMPO], 34.347, 1e-9);
	assert_near(s.pipe.hi[GT_F_TEMPO], 220.276, 1e-9);
	fx_train_paper(&s, 15, 1);
	/* Epoch 1 averages ~2.07 here and in the PyTorch reference (bench/):
	 * below chance level, log(10) = 2.303, but above the 1.41 of the study's
	 * log, which matches this curve's epoch 4. Loss must fall every epoch. */
	h = s.trainer.history;
	assert_true(h[0].loss > 1.3 && h[0].loss < log(10.0));
	for (int e = 1; e < 15; e++)
		assert_true(h[e].loss < h[e - 1].loss);
	assert_true(h[14].loss < 1.3);
	assert_true(s.rep_test.accuracy > 0.45);
	assert_int_equal(s.rep_test.total, 8112);
	/* Classical is the easiest genre, as in the study */
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_true(s.rep_test.f1[c] <= s.rep_test.f1[8]);
	gt_session_close(&s);
}

/* The improved preset's sets: the study's test rows unchanged and in the
 * same order, the 9,440 rows with unknown values on the training side with
 * training medians filled in, every numeric input standardised. */
static void test_real_file_improved_sets(void **state)
{
	const char *path = fx_env_file("GT_REAL_CSV");
	uint32_t *study_rows;
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	study_rows = malloc(s.pipe.test.n * sizeof(*study_rows));
	assert_non_null(study_rows);
	memcpy(study_rows, s.pipe.test_row, s.pipe.test.n * sizeof(*study_rows));
	assert_int_equal(gt_session_prepare(&s, GT_PREP_IMPUTE, NULL, &err), GT_OK);
	assert_int_equal(s.pipe.prep, GT_PREP_IMPUTE);
	assert_int_equal(s.pipe.test.n, 8112);
	assert_memory_equal(s.pipe.test_row, study_rows, 8112 * sizeof(*study_rows));
	assert_int_equal(s.pipe.train.n, 32448 + 9440);
	assert_int_equal(s.pipe.imputed_train, 9440);
	assert_int_equal(s.pipe.imputed_test, 0);
	/* medians of the known training values (more rows than the study's) */
	assert_true(s.pipe.median[GT_F_DURATION] > 200000 && s.pipe.median[GT_F_DURATION] < 260000);
	for (int f = 0; f < GT_NNUMERIC; f++) {
		double sum = 0, sq = 0;

		for (size_t i = 0; i < s.pipe.train.n; i++) {
			double v = s.pipe.xtrain[i * GT_NNUMERIC + (size_t)f];

			assert_true(isfinite(v));
			sum += v;
			sq += v * v;
		}
		assert_near(sum / (double)s.pipe.train.n, 0, 1e-4);
		assert_near(sq / (double)s.pipe.train.n, 1, 1e-3);
	}
	/* back to the study: its figures again */
	assert_int_equal(gt_session_prepare(&s, GT_PREP_STUDY, NULL, &err), GT_OK);
	assert_study_counts(&s.pipe);
	free(study_rows);
	gt_session_close(&s);
}

/* Cross-validation folds partition the usable rows: every kept row is in
 * exactly one fold's test set, and never in its own fold's training set. */
static void test_real_file_folds(void **state)
{
	const char *path = fx_env_file("GT_REAL_CSV");
	unsigned char *in_test;
	size_t total = 0;
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	in_test = calloc(s.pipe.ds.nrows, 1);
	assert_non_null(in_test);
	for (int k = 0; k < 4; k++) {
		assert_int_equal(gt_session_fold(&s, GT_PREP_STUDY, 4, k, &err), GT_OK);
		assert_int_equal(s.pipe.fold, k + 1);
		assert_int_equal(s.pipe.train.n + s.pipe.test.n, 40560);
		for (size_t i = 0; i < s.pipe.test.n; i++) {
			assert_int_equal(in_test[s.pipe.test_row[i]], 0);   /* in no earlier fold */
			in_test[s.pipe.test_row[i]] = (unsigned char)(k + 1);
		}
		for (size_t i = 0; i < s.pipe.train.n; i++)
			assert_true(in_test[s.pipe.train_row[i]] != k + 1);
		total += s.pipe.test.n;
	}
	assert_int_equal(total, 40560);
	assert_int_equal(gt_session_fold(&s, GT_PREP_STUDY, 4, 4, &err), GT_ERR_ARG);
	free(in_test);
	gt_session_close(&s);
}

/* Two epochs of the improved preset already beat the study's 15. */
static void test_real_file_improved_learns(void **state)
{
	const char *path = fx_env_file("GT_REAL_CSV");
	const gt_preset *imp = gt_preset_find("improved");
	gt_hparams hp = imp->hp;
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	hp.epochs = 2;
	assert_int_equal(gt_session_start(&s, &imp->arch, &hp, &err), GT_OK);
	assert_int_equal(s.pipe.train.n, 41888);
	while (gt_session_step(&s, NULL) >= 0)
		;
	assert_true(s.evaluated);
	assert_int_equal(s.trainer.nval, 4189);
	assert_int_equal(s.rep_test.total, 8112);
	assert_true(s.rep_test.accuracy > 0.54);
	assert_int_equal(s.imp_n, 9440);
	assert_true(s.imp_val_n > 700 && s.imp_val_n < 1200);
	assert_true(s.imp_acc > 0.3 && s.imp_val_acc > 0.3);
	gt_session_close(&s);
}

static void test_sample_learns(void **state)
{
	const char *path = fx_env_file("GT_SAMPLE_CSV");
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	assert_true(s.pipe.clean.ledger.kept > 3000);
	fx_train_paper(&s, 5, 2);
	assert_true(s.rep_test.accuracy > 0.2);      /* chance is 0.1 */
	gt_session_close(&s);
}

static void test_missing_file(void **state)
{
	gt_session s;
	gt_error err;

	(void)state;
	assert_int_equal(gt_session_open(&s, "/nonexistent/x.csv", NULL, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "/nonexistent/x.csv"));
	gt_session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_sample_learns),
		cmocka_unit_test(test_real_file_study),
		cmocka_unit_test(test_real_file_improved_sets),
		cmocka_unit_test(test_real_file_folds),
		cmocka_unit_test(test_real_file_improved_learns),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
