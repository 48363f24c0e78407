/* test_runlog.c: the runs a session remembers (runlog.c) and the session's
 * generation counter, on the bundled sample. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "genretui/preset.h"
#include "genretui/runlog.h"

static gt_session *open_sample(void)
{
	const char *path = getenv("GT_SAMPLE_CSV");
	gt_session *s = calloc(1, sizeof(*s));
	gt_error err;

	assert_non_null(s);
	if (!path || access(path, R_OK) != 0) {
		free(s);
		skip();
	}
	assert_int_equal(gt_session_open(s, path, NULL, &err), GT_OK);
	return s;
}

static void close_sample(gt_session *s)
{
	gt_session_close(s);
	free(s);
}

/* Train the paper preset for epochs epochs from seed; returns the number
 * of generations it took. */
static unsigned long train(gt_session *s, int epochs, uint32_t seed)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	unsigned long g0 = s->generation;

	hp.epochs = epochs;
	hp.seed = seed;
	assert_int_equal(gt_session_start(s, &paper->arch, &hp, NULL), GT_OK);
	assert_int_equal(s->generation, g0 + 1);
	while (gt_session_step(s, NULL) >= 0)
		;
	assert_true(s->evaluated);
	return s->generation - g0;
}

static void test_generation(void **state)
{
	gt_session *s = open_sample();
	gt_model copy;
	gt_norm norm = s->pipe.norm;
	gt_hparams hp;
	unsigned long g;

	(void)state;
	assert_int_equal(s->generation, 0);
	assert_int_equal(train(s, 2, 1), 2);           /* start, then the final evaluation */
	g = s->generation;
	gt_session_evaluate(s);
	assert_int_equal(s->generation, g + 1);
	hp = s->trainer.hp;
	assert_int_equal(gt_model_init(&copy, &s->model.arch, 1, NULL), GT_OK);
	memcpy(copy.params, s->model.params, s->model.nparams * sizeof(gt_real));
	g = s->generation;
	assert_int_equal(gt_session_adopt(s, &copy, &norm, &hp, 2, NULL), GT_OK);
	assert_true(s->generation > g);                /* adopt: start and evaluate */
	g = s->generation;
	assert_int_equal(gt_session_prepare(s, s->pipe.prep, NULL, NULL), GT_OK);
	assert_int_equal(s->generation, g);            /* dropping a model keeps the count */
	gt_model_free(&copy);
	close_sample(s);
}

static void test_runs_record(void **state)
{
	gt_session *s = open_sample();
	gt_runlog runs;
	double loss[3], acc[3], vloss[3], vacc[3];

	(void)state;
	memset(&runs, 0, sizeof(runs));
	train(s, 3, 7);
	assert_int_equal(gt_runlog_add(&runs, s, "paper", 0), 0);
	assert_int_equal(runs.n, 1);
	assert_string_equal(runs.run[0].preset, "paper");
	assert_int_equal(runs.run[0].n, 3);
	assert_int_equal(runs.run[0].epochs, 3);
	assert_int_equal(runs.run[0].hidden, s->model.arch.sizes[1]);
	assert_int_equal(runs.run[0].seed, 7);
	assert_near(runs.run[0].test_acc, s->rep_test.accuracy, 0);
	assert_near(runs.run[0].seconds, s->train_s, 0);
	assert_int_equal(runs.run[0].kept, 3);               /* no validation slice: the last */
	assert_non_null(runs.run[0].fig);
	assert_int_equal(runs.run[0].fig->cm_test.k, s->cm_test.k);   /* a copy of its own */
	assert_true(runs.run[0].fig->cm_test.cell != s->cm_test.cell);
	assert_memory_equal(runs.run[0].fig->cm_test.cell, s->cm_test.cell,
	                    (size_t)s->cm_test.k * (size_t)s->cm_test.k * sizeof(long));
	assert_memory_equal(&runs.run[0].fig->rep_train, &s->rep_train, sizeof(s->rep_train));
	gt_runlog_series(&s->trainer, 3, 0, loss, vloss);
	gt_runlog_series(&s->trainer, 3, 1, acc, vacc);
	for (int e = 0; e < 3; e++) {
		assert_near(runs.run[0].loss[e], s->trainer.history[e].loss, 0);
		assert_near(runs.run[0].vacc[e], s->trainer.history[e].val_accuracy, 0);
		assert_near(loss[e], runs.run[0].loss[e], 0);
		assert_near(acc[e], runs.run[0].acc[e], 0);
		assert_near(vloss[e], runs.run[0].vloss[e], 0);
	}
	gt_runlog_free(&runs);
	assert_int_equal(runs.n, 0);
	close_sample(s);
}

/* Past GT_RUNLOG_MAX the oldest is forgotten, the rest keep their order. */
static void test_runs_oldest_forgotten(void **state)
{
	gt_session *s = open_sample();
	gt_runlog runs;
	char name[16];

	(void)state;
	memset(&runs, 0, sizeof(runs));
	train(s, 1, 1);
	for (int i = 0; i < GT_RUNLOG_MAX + 3; i++) {
		snprintf(name, sizeof(name), "run%d", i);
		assert_int_equal(gt_runlog_add(&runs, s, name, i % 2), 0);
	}
	assert_int_equal(runs.n, GT_RUNLOG_MAX);
	assert_string_equal(runs.run[0].preset, "run3");
	snprintf(name, sizeof(name), "run%d", GT_RUNLOG_MAX + 2);
	assert_string_equal(runs.run[GT_RUNLOG_MAX - 1].preset, name);
	assert_int_equal(runs.run[GT_RUNLOG_MAX - 1].stopped, (GT_RUNLOG_MAX + 2) % 2);
	gt_runlog_free(&runs);
	close_sample(s);
}

/* The table's orders: by a figure, best first (seconds: fastest first),
 * ties in the order the runs ran. */
static void test_runs_order(void **state)
{
	static const double test[5] = { 0.50, 0.55, 0.52, 0.55, 0.40 };
	static const double secs[5] = { 3.0, 1.0, 2.0, 1.0, 5.0 };
	static const int by_test[5] = { 1, 3, 2, 0, 4 }, by_secs[5] = { 1, 3, 2, 0, 4 };
	gt_runlog runs;
	int idx[5];

	(void)state;
	memset(&runs, 0, sizeof(runs));
	runs.n = 5;
	for (int i = 0; i < 5; i++) {
		runs.run[i].test_acc = test[i];
		runs.run[i].seconds = secs[i];
		runs.run[i].train_acc = 0.6;
	}
	gt_runlog_order(&runs, GT_RUNS_BY_TEST, idx);
	for (int i = 0; i < 5; i++)
		assert_int_equal(idx[i], by_test[i]);
	gt_runlog_order(&runs, GT_RUNS_BY_SECONDS, idx);
	for (int i = 0; i < 5; i++)
		assert_int_equal(idx[i], by_secs[i]);
	gt_runlog_order(&runs, GT_RUNS_BY_TRAIN, idx);          /* all equal: run order */
	for (int i = 0; i < 5; i++)
		assert_int_equal(idx[i], i);
	gt_runlog_order(&runs, GT_RUNS_BY_RUN, idx);
	for (int i = 0; i < 5; i++)
		assert_int_equal(idx[i], i);
	assert_string_equal(gt_runlog_key_name(GT_RUNS_BY_TEST), "test accuracy");
	assert_string_equal(gt_runlog_key_name(GT_RUNS_NKEYS), "?");
}

/* The test matrix of each epoch, kept while a run trains and handed to
 * its entry: read back as it was, epoch by epoch; out of order refused. */
static void test_epoch_matrices(void **state)
{
	gt_epoch_cms h = { 0 };
	gt_confusion cm = { 0 }, back = { 0 };
	gt_runlog runs;

	(void)state;
	memset(&runs, 0, sizeof(runs));
	gt_confusion_init(&cm, 3);
	for (int e = 1; e <= 70; e++) {          /* past the first allocation */
		GT_CM(&cm, 0, 0) = e;
		GT_CM(&cm, 2, 1) = 100 - e;
		assert_int_equal(gt_epoch_cms_add(&h, &cm, e), 0);
	}
	assert_int_equal(gt_epoch_cms_add(&h, &cm, 72), -1);   /* not the next epoch */
	assert_int_equal(h.n, 70);
	runs.n = 1;
	runs.run[0].n = 70;
	gt_runlog_take_epochs(&runs, &h);
	assert_null(h.cm);
	assert_int_equal(runs.run[0].cm_k, 3);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 12, &back), 0);
	assert_int_equal(back.k, 3);
	assert_int_equal(GT_CM(&back, 0, 0), 12);
	assert_int_equal(GT_CM(&back, 2, 1), 88);
	assert_int_equal(GT_CM(&back, 1, 1), 0);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 71, &back), -1);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 0, &back), -1);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 12), 12);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 70), 70);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 71), 0);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 0), 0);
	gt_runlog_free(&runs);
	gt_confusion_free(&cm);
	gt_confusion_free(&back);
}

/* The step of a run's curves: 1 up to GT_RUNLOG_POINTS epochs, then the
 * smallest power of two that keeps at most that many points; point i is
 * epoch (i + 1) step, the last point the last epoch. */
static void test_step(void **state)
{
	(void)state;
	assert_int_equal(gt_runlog_step(0, GT_RUNLOG_POINTS), 1);
	assert_int_equal(gt_runlog_step(15, GT_RUNLOG_POINTS), 1);
	assert_int_equal(gt_runlog_step(4096, 4096), 1);
	assert_int_equal(gt_runlog_step(4097, 4096), 2);
	assert_int_equal(gt_runlog_step(8192, 4096), 2);
	assert_int_equal(gt_runlog_step(8193, 4096), 4);
	assert_int_equal(gt_runlog_step(100000, 4096), 32);    /* 3125 points */
	assert_int_equal(gt_runlog_point_epoch(0, 32, 100000), 32);
	assert_int_equal(gt_runlog_point_epoch(3124, 32, 100000), 100000);
	assert_int_equal(gt_runlog_point_epoch(2, 4, 10), 10);  /* the last, 10, not 12 */
}

/* A run of 100000 epochs (the form's and --epochs' most) is remembered as
 * every 32nd epoch and the last, the kept epoch's test accuracy beside
 * them; 32 such runs hold 32 x 4 x 3125 doubles of curves. */
static void test_long_run(void **state)
{
	enum { N = 100000 };
	gt_session *s = open_sample();
	gt_epoch *saved, *h = calloc(N, sizeof(*h));
	gt_runlog runs;
	double tr[GT_RUNLOG_POINTS], te[GT_RUNLOG_POINTS];
	int saved_epoch, saved_best;

	(void)state;
	assert_non_null(h);
	memset(&runs, 0, sizeof(runs));
	train(s, 2, 3);
	for (int e = 0; e < N; e++)
		h[e] = (gt_epoch){ .epoch = e + 1, .loss = 1.0 / (e + 1), .accuracy = e + 1,
		                   .val_loss = -(double)(e + 1), .val_accuracy = 0.5 + e * 1e-6 };
	saved = s->trainer.history;
	saved_epoch = s->trainer.epoch;
	saved_best = s->trainer.best_epoch;
	s->trainer.history = h;
	s->trainer.epoch = N;
	s->trainer.best_epoch = 77777;         /* kept, when a validation slice chose it */
	for (int i = 0; i < GT_RUNLOG_MAX; i++)
		assert_int_equal(gt_runlog_add(&runs, s, "paper", 0), 0);
	assert_int_equal(gt_runlog_sample(&s->trainer, N, 32, 1, tr, te), 3125);
	s->trainer.history = saved;
	s->trainer.epoch = saved_epoch;
	s->trainer.best_epoch = saved_best;
	for (int i = 0; i < GT_RUNLOG_MAX; i++) {
		const gt_runlog_entry *r = &runs.run[i];

		assert_int_equal(r->n, N);
		assert_int_equal(r->step, 32);
		assert_int_equal(r->points, 3125);
		assert_near(r->acc[0], 32, 0);                  /* epoch 32 */
		assert_near(r->loss[99], 1.0 / 3200, 0);         /* epoch 3200 */
		assert_near(r->vloss[3124], -100000.0, 0);       /* the last */
		assert_near(r->acc[3124], tr[3124], 0);
		if (s->trainer.nval)
			assert_near(r->kept_vacc, h[77777 - 1].val_accuracy, 0);
		else
			assert_near(r->kept_vacc, h[N - 1].val_accuracy, 0);
	}
	free(h);
	gt_runlog_free(&runs);
	close_sample(s);
}

/* Past their limit the matrices of a replay keep every other one: at most
 * GT_RUNLOG_POINTS, or GT_RUNLOG_CM_BYTES of them; a matrix is read back
 * as the latest kept at or before the epoch asked, the last one always. */
static void test_epoch_matrices_thinned(void **state)
{
	gt_epoch_cms h = { 0 };
	gt_confusion cm = { 0 }, back = { 0 };
	gt_runlog runs;
	int k = 256, limit = (int)(GT_RUNLOG_CM_BYTES / (256 * 256 * sizeof(int)));

	(void)state;
	memset(&runs, 0, sizeof(runs));
	gt_confusion_init(&cm, k);               /* 256 genres: 256 KB a matrix */
	for (int e = 1; e <= 1001; e++) {
		GT_CM(&cm, 0, 0) = e;
		assert_int_equal(gt_epoch_cms_add(&h, &cm, e), 0);
		assert_true(h.n <= limit);
	}
	assert_int_equal(h.step, gt_runlog_step(1001, limit));   /* 128: 8 matrices */
	assert_int_equal(h.n, (1001 + h.step - 1) / h.step);
	assert_int_equal(h.last, 1001);
	runs.n = 1;
	runs.run[0].n = 1001;
	gt_runlog_take_epochs(&runs, &h);
	assert_int_equal(runs.run[0].cm_step, 128);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 127, &back), -1);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 128, &back), 0);
	assert_int_equal(GT_CM(&back, 0, 0), 128);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 1000, &back), 0);
	assert_int_equal(GT_CM(&back, 0, 0), 896);
	assert_int_equal(gt_runlog_epoch_matrix(&runs.run[0], 1001, &back), 0);
	assert_int_equal(GT_CM(&back, 0, 0), 1001);
	for (int e = 0; e <= 1002; e++) {        /* the epoch each replay names */
		int got = gt_runlog_matrix_epoch(&runs.run[0], e);

		if (gt_runlog_epoch_matrix(&runs.run[0], e, &back) != 0) {
			assert_int_equal(got, 0);
			continue;
		}
		assert_int_equal(got, GT_CM(&back, 0, 0));
		assert_true(got <= e && e - got < 128);
	}
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 127), 0);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 1000), 896);
	assert_int_equal(gt_runlog_matrix_epoch(&runs.run[0], 1001), 1001);
	gt_confusion_free(&cm);
	gt_confusion_free(&back);
	gt_runlog_free(&runs);
	memset(&h, 0, sizeof(h));
	gt_confusion_init(&cm, 10);              /* 10 genres: every epoch up to 4096 */
	for (int e = 1; e <= 5000; e++) {
		GT_CM(&cm, 1, 2) = e;
		assert_int_equal(gt_epoch_cms_add(&h, &cm, e), 0);
		if (e == GT_RUNLOG_POINTS)
			assert_int_equal(h.step, 1);
	}
	assert_int_equal(h.step, 2);
	assert_int_equal(h.n, 2500);
	assert_int_equal(GT_CM(&cm, 1, 2), h.cm[(size_t)(h.n - 1) * 100 + 12]);
	assert_int_equal(h.cm[(size_t)9 * 100 + 12], 20);
	gt_epoch_cms_free(&h);
	gt_confusion_free(&cm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generation),
		cmocka_unit_test(test_runs_record),
		cmocka_unit_test(test_runs_oldest_forgotten),
		cmocka_unit_test(test_runs_order),
		cmocka_unit_test(test_epoch_matrices),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_long_run),
		cmocka_unit_test(test_epoch_matrices_thinned),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
