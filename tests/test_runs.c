/* test_runs.c: runs side by side (runs.h) on the bundled sample
 * (GT_SAMPLE_CSV; skipped when absent). On 1, 2 and 3 threads, --cv-like
 * folds and --repeat-like seeds give the same figures and weights; runs
 * are shown in order, each once; the main session ends with the last run;
 * a run that cannot be set up stops the runs with its message. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "genretui/preset.h"
#include "genretui/runs.h"

#define RUNS 4

typedef struct {
	int cv;                      /* folds, else seeds */
	int fail_at;                 /* the run whose setup fails, or -1 */
	double acc[RUNS], loss[RUNS];
	int epochs[RUNS];
	uint32_t seed[RUNS];
	int shown[RUNS], nshown;
} record;

static gt_status setup(void *ctx, int i, gt_session *s, gt_hparams *hp, gt_error *err)
{
	record *r = ctx;

	if (i == r->fail_at)
		return gt_fail(err, GT_ERR_ARG, "run %d cannot be set up", i);
	if (r->cv)
		return gt_session_fold(s, hp->prep, RUNS, i, err);
	hp->seed += (uint32_t)i;
	return GT_OK;
}

static void finished(void *ctx, int i, const gt_session *s, const gt_hparams *hp)
{
	record *r = ctx;

	r->acc[i] = s->rep_test.accuracy;
	r->loss[i] = s->trainer.history[s->trainer.epoch - 1].loss;
	r->epochs[i] = s->trainer.epoch;
	r->seed[i] = hp->seed;
}

static void in_order(void *ctx, int i)
{
	record *r = ctx;

	r->shown[r->nshown++] = i;
}

/* Train the runs on `threads`; the main session's weights into *params. */
static gt_status train_runs(const char *path, record *r, int threads, gt_real **params,
                            gt_error *err)
{
	const gt_preset *imp = gt_preset_find("improved");
	gt_hparams hp = imp->hp;
	gt_pipeline_opts o;
	gt_runs_calls calls = { setup, finished, in_order, r };
	gt_session s;
	gt_status st;

	hp.epochs = 2;
	gt_pipeline_defaults(&o);
	o.prep = hp.prep;
	o.threads = threads;
	assert_int_equal(gt_session_open(&s, path, &o, NULL), GT_OK);
	st = gt_runs_train(&s, &imp->arch, &hp, RUNS, threads, &calls, err);
	if (st == GT_OK) {
		*params = malloc(s.model.nparams * sizeof(gt_real));
		memcpy(*params, s.model.params, s.model.nparams * sizeof(gt_real));
		assert_int_equal(s.pipe.fold, r->cv ? RUNS : 0);   /* the last run's */
	}
	gt_session_close(&s);
	return st;
}

static void test_same_runs(void **state)
{
	const char *path = getenv("GT_SAMPLE_CSV");

	(void)state;
	if (!path || access(path, R_OK) != 0)
		skip();
	for (int cv = 0; cv <= 1; cv++) {
		record one = { .cv = cv, .fail_at = -1 };
		gt_real *p1, *pn;

		assert_int_equal(train_runs(path, &one, 1, &p1, NULL), GT_OK);
		for (int threads = 2; threads <= 3; threads++) {
			record more = { .cv = cv, .fail_at = -1 };

			assert_int_equal(train_runs(path, &more, threads, &pn, NULL), GT_OK);
			assert_memory_equal(one.acc, more.acc, sizeof(one.acc));
			assert_memory_equal(one.loss, more.loss, sizeof(one.loss));
			assert_memory_equal(one.epochs, more.epochs, sizeof(one.epochs));
			assert_memory_equal(one.seed, more.seed, sizeof(one.seed));
			assert_int_equal(more.nshown, RUNS);
			for (int i = 0; i < RUNS; i++)
				assert_int_equal(more.shown[i], i);
			assert_memory_equal(p1, pn, 10 * sizeof(gt_real));
			free(pn);
		}
		assert_true(one.seed[3] == one.seed[0] + (cv ? 0 : 3));
		free(p1);
	}
}

static void test_failure_stops(void **state)
{
	const char *path = getenv("GT_SAMPLE_CSV");

	(void)state;
	if (!path || access(path, R_OK) != 0)
		skip();
	for (int threads = 1; threads <= 2; threads++) {
		record r = { .cv = 1, .fail_at = 1 };
		gt_error err = { 0 };
		gt_real *p = NULL;

		assert_int_equal(train_runs(path, &r, threads, &p, &err), GT_ERR_ARG);
		assert_string_equal(err.msg, "run 1 cannot be set up");
		assert_int_equal(r.nshown, 1);            /* run 0 only: in order */
		assert_int_equal(r.shown[0], 0);
		assert_null(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_runs),
		cmocka_unit_test(test_failure_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
