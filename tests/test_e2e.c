/* test_e2e.c: the whole pipeline and a paper-preset training run, on the
 * real dataset (GT_REAL_CSV; skipped when absent) and on the bundled sample. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "genretui/preset.h"
#include "genretui/session.h"

static const char *env_file(const char *var)
{
	const char *p = getenv(var);

	return p && access(p, R_OK) == 0 ? p : NULL;
}

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

/* Train s to the end with the paper preset and the given epochs. */
static void train_paper(gt_session *s, int epochs, uint32_t seed)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;

	hp.epochs = epochs;
	hp.seed = seed;
	assert_int_equal(gt_session_start(s, &paper->arch, &hp, NULL), GT_OK);
	while (gt_session_step(s, NULL) >= 0)
		;
	assert_true(s->evaluated);
}

static void test_real_file_study(void **state)
{
	const char *path = env_file("GT_REAL_CSV");
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
	train_paper(&s, 15, 1);
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

static void test_sample_learns(void **state)
{
	const char *path = env_file("GT_SAMPLE_CSV");
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	assert_true(s.pipe.clean.ledger.kept > 3000);
	train_paper(&s, 5, 2);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
