/* test_train.c: training as a step: epoch boundaries, reproducibility,
 * learning on a small separable problem, compact rows (a one-hot group
 * stored as a byte) trained exactly as their dense expansion, and steps
 * shared by threads giving the plain step's bytes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/loss.h"
#include "genretui/preset.h"
#include "genretui/team.h"
#include "genretui/threads.h"
#include "genretui/train.h"

#define N 150
#define D 4
#define K 3

static gt_real X[N * D];
static int Y[N];

/* Three Gaussian-ish blobs around distinct centres. */
static int make_blobs(void **state)
{
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 11);
	for (int i = 0; i < N; i++) {
		Y[i] = i % K;
		for (int j = 0; j < D; j++)
			X[i * D + j] = (gt_real)((j == Y[i] ? 1.0 : 0.0) + gt_rng_uniform(&r, -0.4, 0.4));
	}
	return 0;
}

static const gt_arch small_arch = {
	2, { D, 8, K }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID
};

static gt_hparams hp(int epochs, int bs, uint32_t seed)
{
	gt_hparams h = { .epochs = epochs, .batch_size = bs, .lr = 0.01, .beta1 = 0.9,
	                 .beta2 = 0.999, .eps = 1e-7, .seed = seed };

	return h;
}

/* Train fully; returns the trainer (caller frees trainer and model). */
static void train_all(gt_trainer *t, gt_model *m, const gt_hparams *h)
{
	gt_samples s = { X, NULL, Y, N, D, 0 }, none = { NULL, NULL, NULL, 0, D, 0 };

	assert_int_equal(gt_model_init(m, &small_arch, h->batch_size, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(t, m, &s, &none, h, NULL), GT_OK);
	while (gt_trainer_step(t, NULL) >= 0)
		;
}

static void test_epoch_boundaries(void **state)
{
	gt_samples s = { X, NULL, Y, N, D, 0 }, test = { X, NULL, Y, 30, D, 0 };
	gt_hparams h = hp(2, 16, 1);
	gt_model m;
	gt_trainer t;
	gt_epoch e;
	int steps = 0, r;

	(void)state;
	assert_int_equal(gt_model_init(&m, &small_arch, 16, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &s, &test, &h, NULL), GT_OK);
	assert_int_equal(gt_trainer_steps_per_epoch(&t), 10);   /* ceil(150 / 16) */
	while ((r = gt_trainer_step(&t, &e)) == 0)
		steps++;
	assert_int_equal(r, 1);
	assert_int_equal(steps + 1, 10);
	assert_int_equal(e.epoch, 1);
	assert_true(e.loss > 0 && e.accuracy >= 0 && e.accuracy <= 1);
	assert_true(e.val_accuracy >= 0 && e.val_accuracy <= 1);
	assert_true(e.seconds >= 0);
	assert_false(gt_trainer_finished(&t));
	while ((r = gt_trainer_step(&t, &e)) == 0)
		;
	assert_int_equal(e.epoch, 2);
	assert_true(gt_trainer_finished(&t));
	assert_int_equal(gt_trainer_step(&t, &e), -1);
	assert_int_equal(t.history[1].epoch, 2);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* An epoch's evaluation of more than GT_EVAL_ROWS rows goes on over the
 * calls after its last batch, each answering 0 until it is over; its
 * figures are gt_evaluate's on the same weights (the validation slice's
 * too). */
static void test_eval_in_parts(void **state)
{
	enum { NT = 2 * GT_EVAL_ROWS + 300 };
	static gt_real xt[NT * D];
	static int yt[NT];
	gt_samples s = { X, NULL, Y, N, D, 0 }, test = { xt, NULL, yt, NT, D, 0 };
	gt_hparams h = hp(2, 16, 1);
	gt_model m;
	gt_trainer t;
	gt_epoch e;
	double loss, acc, vloss, vacc;
	size_t calls = 0;
	int r;

	(void)state;
	for (int i = 0; i < NT; i++) {
		memcpy(xt + (size_t)i * D, X + (size_t)(i % N) * D, D * sizeof(gt_real));
		yt[i] = Y[i % N];
	}
	h.val_fraction = 0.1;
	assert_int_equal(gt_model_init(&m, &small_arch, 16, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &s, &test, &h, NULL), GT_OK);
	while ((r = gt_trainer_step(&t, &e)) == 0)
		calls++;
	assert_int_equal(r, 1);
	assert_int_equal(calls + 1, gt_trainer_steps_per_epoch(&t) + 2);   /* NT / GT_EVAL_ROWS */
	assert_int_equal(t.eval_set, 0);
	gt_evaluate(&m, &test, &loss, &acc, NULL);
	gt_evaluate(&m, &t.val, &vloss, &vacc, NULL);
	assert_memory_equal(&e.val_loss, &loss, sizeof(loss));
	assert_memory_equal(&e.val_accuracy, &acc, sizeof(acc));
	assert_memory_equal(&e.vs_loss, &vloss, sizeof(vloss));
	assert_memory_equal(&e.vs_accuracy, &vacc, sizeof(vacc));
	gt_trainer_free(&t);
	gt_model_free(&m);
}

static void test_learns_blobs(void **state)
{
	gt_hparams h = hp(40, 10, 3);
	gt_samples s = { X, NULL, Y, N, D, 0 };
	gt_model m;
	gt_trainer t;
	double loss, acc;

	(void)state;
	train_all(&t, &m, &h);
	assert_true(t.history[39].loss < t.history[0].loss);
	gt_evaluate(&m, &s, &loss, &acc, NULL);
	assert_true(acc > 0.9);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

static void test_reproducible_from_seed(void **state)
{
	gt_hparams h = hp(2, 7, 5), other = hp(2, 7, 6);
	gt_model a, b, c;
	gt_trainer ta, tb, tc;

	(void)state;
	train_all(&ta, &a, &h);
	train_all(&tb, &b, &h);
	train_all(&tc, &c, &other);
	assert_memory_equal(a.params, b.params, a.nparams * sizeof(gt_real));
	assert_true(memcmp(a.params, c.params, a.nparams * sizeof(gt_real)) != 0);
	gt_trainer_free(&ta);
	gt_trainer_free(&tb);
	gt_trainer_free(&tc);
	gt_model_free(&a);
	gt_model_free(&b);
	gt_model_free(&c);
}

static void test_rejects_bad_setup(void **state)
{
	gt_samples s = { X, NULL, Y, N, D, 0 }, empty = { X, NULL, Y, 0, D, 0 };
	gt_hparams h = hp(1, 32, 1);
	gt_model m;
	gt_trainer t;
	gt_error err;

	(void)state;
	assert_int_equal(gt_model_init(&m, &small_arch, 16, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &s, &empty, &h, &err), GT_ERR_ARG);
	h.batch_size = 16;
	assert_int_equal(gt_trainer_init(&t, &m, &empty, &empty, &h, &err), GT_ERR_EMPTY);
	h.epochs = 0;
	assert_int_equal(gt_trainer_init(&t, &m, &s, &empty, &h, &err), GT_ERR_ARG);
	gt_model_free(&m);
}

static void test_paper_preset(void **state)
{
	const gt_preset *p = gt_preset_find("paper");

	(void)state;
	assert_non_null(p);
	assert_int_equal(p->arch.sizes[0], 35);
	assert_int_equal(p->arch.sizes[1], 35);
	assert_int_equal(p->arch.sizes[2], 10);
	assert_int_equal(p->hp.batch_size, 16);
	assert_int_equal(p->hp.epochs, 15);
	assert_near(p->hp.lr, 0.001, 0);
	assert_near(p->hp.eps, 1e-7, 0);
	assert_int_equal(gt_arch_check(&p->arch, NULL), GT_OK);
	assert_null(gt_preset_find("nope"));
}

static const gt_arch relu_arch = {
	3, { D, 16, 8, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};

static void train_relu(gt_trainer *t, gt_model *m, const gt_hparams *h)
{
	gt_samples s = { X, NULL, Y, N, D, 0 }, none = { NULL, NULL, NULL, 0, D, 0 };

	assert_int_equal(gt_model_init(m, &relu_arch, h->batch_size, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(t, m, &s, &none, h, NULL), GT_OK);
	while (gt_trainer_step(t, NULL) >= 0)
		;
}

/* The validation slice: 10% of the rows, held out of every epoch, disjoint
 * from the rows trained on, drawn from the seed. */
static void test_validation_slice(void **state)
{
	gt_hparams h = hp(3, 10, 4);
	gt_model m;
	gt_trainer t;
	unsigned char seen[N] = {0};

	(void)state;
	h.val_fraction = 0.1;
	train_relu(&t, &m, &h);
	assert_int_equal(t.nval, 15);
	assert_int_equal(gt_trainer_rows(&t), N - 15);
	assert_int_equal(gt_trainer_steps_per_epoch(&t), 14);
	for (size_t i = 0; i < t.nval; i++)
		seen[t.val_idx[i]]++;
	for (size_t i = 0; i < gt_trainer_rows(&t); i++)
		seen[t.order[i]]++;
	for (int i = 0; i < N; i++)
		assert_int_equal(seen[i], 1);
	for (size_t i = 0; i < t.nval; i++)
		assert_int_equal(t.yval[i], Y[t.val_idx[i]]);
	for (int e = 0; e < 3; e++)
		assert_true(t.history[e].vs_accuracy >= 0 && t.history[e].vs_accuracy <= 1);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* Early stopping: with a vanishing learning rate nothing improves after
 * epoch 1, so training stops `patience` epochs later, and epoch 1 stays
 * the best. */
static void test_early_stopping(void **state)
{
	gt_hparams h = hp(50, 10, 2);
	gt_model m;
	gt_trainer t;

	(void)state;
	h.lr = 1e-30;
	h.val_fraction = 0.2;
	h.patience = 3;
	train_relu(&t, &m, &h);
	assert_true(t.stopped);
	assert_int_equal(t.epoch, 4);
	assert_int_equal(t.best_epoch, 1);
	assert_int_equal(gt_trainer_step(&t, NULL), -1);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* The best epoch's weights are restored at the end: evaluating the final
 * model on the slice gives the best validation accuracy seen. */
static void test_restores_best(void **state)
{
	gt_hparams h = hp(12, 10, 8);
	gt_model m;
	gt_trainer t;
	double acc;

	(void)state;
	h.lr = 0.05;           /* large steps: the curve is not monotone */
	h.val_fraction = 0.2;
	train_relu(&t, &m, &h);
	gt_evaluate(&m, &t.val, NULL, &acc, NULL);
	assert_near(acc, t.best_vs, 0);
	for (int e = 0; e < t.epoch; e++)
		assert_true(t.history[e].vs_accuracy <= t.best_vs);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* Cosine schedule: lr at epoch e of E is lr_min + (lr - lr_min)(1 + cos(pi e/E))/2. */
static void test_cosine_schedule(void **state)
{
	gt_hparams h = hp(4, 50, 1);
	gt_model m;
	gt_trainer t;

	(void)state;
	h.schedule = GT_LR_COSINE;
	h.lr_min = 0.001;
	train_relu(&t, &m, &h);
	assert_near(t.history[0].lr, 0.01, 1e-15);
	assert_near(t.history[2].lr, 0.001 + 0.009 * 0.5, 1e-15);
	assert_near(t.history[3].lr, 0.001 + 0.009 * (1 + cos(3.14159265358979323846 * 0.75)) / 2, 1e-15);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* Dropout runs are reproducible from the seed, differ from runs without,
 * and still learn the blobs. */
static void test_dropout_training(void **state)
{
	gt_hparams h = hp(40, 10, 3), plain = hp(40, 10, 3);
	gt_samples s = { X, NULL, Y, N, D, 0 };
	gt_model a, b, c;
	gt_trainer ta, tb, tc;
	double acc;

	(void)state;
	h.dropout = 0.3;
	train_relu(&ta, &a, &h);
	train_relu(&tb, &b, &h);
	train_relu(&tc, &c, &plain);
	assert_memory_equal(a.params, b.params, a.nparams * sizeof(gt_real));
	assert_true(memcmp(a.params, c.params, a.nparams * sizeof(gt_real)) != 0);
	assert_true(a.dropout == 0);    /* off again after the step */
	gt_evaluate(&a, &s, NULL, &acc, NULL);
	assert_true(acc > 0.9);
	gt_trainer_free(&ta);
	gt_trainer_free(&tb);
	gt_trainer_free(&tc);
	gt_model_free(&a);
	gt_model_free(&b);
	gt_model_free(&c);
}

/* The blobs compact (XC, HOT): column 0 dense, columns 1..3 a one-hot
 * group naming the row's largest of them; and the same rows dense (XD),
 * expanded by hand. */
#define NNUM 1
#define NHOT (D - NNUM)
static gt_real XC[N * NNUM], XD[N * D];
static uint8_t HOT[N];

static void make_compact(void)
{
	for (int i = 0; i < N; i++) {
		int h = 0;

		for (int j = 1; j < NHOT; j++)
			h = X[i * D + NNUM + j] > X[i * D + NNUM + h] ? j : h;
		HOT[i] = (uint8_t)h;
		XC[i] = XD[i * D] = X[i * D];
		for (int j = 0; j < NHOT; j++)
			XD[i * D + NNUM + j] = j == h ? 1 : 0;
	}
}

/* Train relu_arch on s (test: the first 30 rows of it) with a validation
 * slice and dropout. */
static void train_set(gt_trainer *t, gt_model *m, const gt_samples *s)
{
	gt_hparams h = hp(6, 10, 12);
	gt_samples test = gt_samples_range(s, 0, 30);

	h.val_fraction = 0.2;
	h.dropout = 0.3;
	assert_int_equal(gt_model_init(m, &relu_arch, h.batch_size, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(t, m, s, &test, &h, NULL), GT_OK);
	while (gt_trainer_step(t, NULL) >= 0)
		;
}

/* Compact rows train exactly as their dense expansion: the same weights at
 * the end, the same figures every epoch (test rows and the validation
 * slice, which is copied compact, included). */
static void test_compact_trains_as_dense(void **state)
{
	gt_samples compact = { XC, HOT, Y, N, NNUM, NHOT }, dense = { XD, NULL, Y, N, D, 0 };
	gt_model a, b;
	gt_trainer ta, tb;

	(void)state;
	make_compact();
	train_set(&ta, &a, &compact);
	train_set(&tb, &b, &dense);
	assert_int_equal(ta.val.nnum, NNUM);
	assert_int_equal(ta.val.nhot, NHOT);
	for (size_t i = 0; i < ta.nval; i++)
		assert_int_equal(ta.hotval[i], HOT[ta.val_idx[i]]);
	assert_int_equal(ta.epoch, tb.epoch);
	for (int e = 0; e < ta.epoch; e++) {
		assert_memory_equal(&ta.history[e].loss, &tb.history[e].loss, sizeof(double));
		assert_memory_equal(&ta.history[e].val_loss, &tb.history[e].val_loss, sizeof(double));
		assert_memory_equal(&ta.history[e].vs_loss, &tb.history[e].vs_loss, sizeof(double));
	}
	assert_memory_equal(a.params, b.params, a.nparams * sizeof(gt_real));
	gt_trainer_free(&ta);
	gt_trainer_free(&tb);
	gt_model_free(&a);
	gt_model_free(&b);
}

/* Rows of another width than the model's, or a one-hot group without its
 * bytes, are refused with a message. */
static void test_rejects_bad_rows(void **state)
{
	gt_samples narrow = { XC, HOT, Y, N, NNUM, NHOT - 1 }, nobytes = { XC, NULL, Y, N, NNUM, NHOT };
	gt_samples s = { X, NULL, Y, N, D, 0 };
	gt_hparams h = hp(1, 16, 1);
	gt_model m;
	gt_trainer t;
	gt_error err;

	(void)state;
	assert_int_equal(gt_model_init(&m, &small_arch, 16, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &narrow, &narrow, &h, &err), GT_ERR_ARG);
	assert_string_equal(err.msg, "rows have 3 inputs but the model takes 4");
	assert_int_equal(gt_trainer_init(&t, &m, &s, &narrow, &h, &err), GT_ERR_ARG);
	assert_int_equal(gt_trainer_init(&t, &m, &nobytes, &nobytes, &h, &err), GT_ERR_ARG);
	assert_string_equal(err.msg, "a one-hot group of 3 inputs needs a byte per row "
	                    "naming one (at most 256)");
	gt_model_free(&m);
}


/* ---- Threads: a team's shares against the plain step ------------------
 * (as llm.c's test_gpt2.c checks its fast paths: here to the last bit) */

#define NW 1000               /* rows of the wide problem */
static gt_real XW[NW * NNUM];
static uint8_t HOTW[NW];
static int YW[NW];

/* The blobs again, 1000 rows, compact: 1 dense input and a group of 3. */
static void make_wide(void)
{
	gt_rng r;

	gt_rng_seed(&r, 5);
	for (int i = 0; i < NW; i++) {
		YW[i] = i % K;
		XW[i] = (gt_real)(YW[i] + gt_rng_uniform(&r, -0.8, 0.8));
		HOTW[i] = (uint8_t)(gt_rng_uniform(&r, 0, 1) < 0.7 ? YW[i] : (YW[i] + 1) % K);
	}
}

/* Wide enough for 4 threads with batches of 64, narrow enough to be quick. */
static const gt_arch wide_relu = {
	3, { D, 128, 160, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};
static const gt_arch wide_sigmoid = {
	3, { D, 160, 112, K }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID, GT_ACT_SIGMOID },
	GT_LOSS_KERAS_SIGMOID
};

/* A run of arch on the wide rows (the last 200 as test rows) with the
 * threads[e] of each epoch e (the count asked for; -1 keeps the last),
 * everything the improved preset uses switched on. */
static void train_wide(gt_trainer *t, gt_model *m, const gt_arch *arch, int bs,
                       const int threads[4], int *pred)
{
	gt_samples all = { XW, HOTW, YW, NW, NNUM, NHOT };
	gt_samples train = gt_samples_range(&all, 0, NW - 200);
	gt_samples test = gt_samples_range(&all, NW - 200, 200);
	gt_hparams h = hp(4, bs, 9);
	int r;

	h.val_fraction = 0.1;
	h.dropout = arch->act[0] == GT_ACT_RELU ? 0.3 : 0;
	h.schedule = GT_LR_COSINE;
	assert_int_equal(gt_model_init(m, arch, bs, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(t, m, &train, &test, &h, NULL), GT_OK);
	t->test_pred = pred;
	do {
		if (gt_trainer_steps_done(t) == 0 && t->epoch < 4 && threads[t->epoch] > 0)
			assert_int_equal(gt_trainer_threads(t, threads[t->epoch]),
			                 threads[t->epoch]);
	} while ((r = gt_trainer_step(t, NULL)) >= 0);
}

/* Every epoch's figures, the predictions and the weights: the same bytes. */
static void assert_same_run(const gt_trainer *a, const gt_model *ma, const int *pa,
                            const gt_trainer *b, const gt_model *mb, const int *pb)
{
	assert_int_equal(a->epoch, b->epoch);
	for (int e = 0; e < a->epoch; e++) {
		const gt_epoch *x = &a->history[e], *y = &b->history[e];

		assert_memory_equal(&x->loss, &y->loss, sizeof(double));
		assert_memory_equal(&x->accuracy, &y->accuracy, sizeof(double));
		assert_memory_equal(&x->val_loss, &y->val_loss, sizeof(double));
		assert_memory_equal(&x->val_accuracy, &y->val_accuracy, sizeof(double));
		assert_memory_equal(&x->vs_loss, &y->vs_loss, sizeof(double));
	}
	assert_memory_equal(pa, pb, 200 * sizeof(int));
	assert_memory_equal(ma->params, mb->params, ma->nparams * sizeof(gt_real));
}

/* One to four threads, and a count changed between epochs, train the
 * plain step's bytes: batches of 64 (4 lane chunks; the epoch's last batch
 * partial), of 50 (the last chunk of 2 rows) and of 56, ReLU with dropout
 * and softmax, sigmoid with the Keras loss. */
static void test_threads_same_bytes(void **state)
{
	static const int counts[][4] = {
		{ 1, -1, -1, -1 }, { 2, -1, -1, -1 }, { 3, -1, -1, -1 }, { 4, -1, -1, -1 },
		{ 2, 1, 4, 3 },
	};
	static const struct { const gt_arch *arch; int bs; } runs[] = {
		{ &wide_relu, 64 }, { &wide_relu, 50 }, { &wide_sigmoid, 56 },
	};
	static int pred[5][200];

	(void)state;
	make_wide();
	for (size_t r = 0; r < sizeof(runs) / sizeof(runs[0]); r++) {
		gt_model m[5];
		gt_trainer t[5];

		for (int c = 0; c < 5; c++)
			train_wide(&t[c], &m[c], runs[r].arch, runs[r].bs, counts[c], pred[c]);
		assert_true(t[0].history[3].loss < t[0].history[0].loss);   /* it learns */
		for (int c = 1; c < 5; c++)
			assert_same_run(&t[0], &m[0], pred[0], &t[c], &m[c], pred[c]);
		for (int c = 0; c < 5; c++) {
			gt_trainer_free(&t[c]);
			gt_model_free(&m[c]);
		}
	}
}

/* A batch too small to share (the study's network and batches of 16)
 * stays with the caller; a wide one on 64 rows takes up to 4 threads. */
static void test_useful_threads(void **state)
{
	gt_samples all = { XW, HOTW, YW, NW, NNUM, NHOT };
	gt_hparams h = hp(1, 16, 1), wide = hp(1, 64, 1);
	gt_arch study = small_arch;
	gt_model m;
	gt_trainer t;

	(void)state;
	make_wide();
	study.sizes[1] = 35;
	assert_int_equal(gt_model_init(&m, &study, 16, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &all, &all, &h, NULL), GT_OK);
	assert_int_equal(gt_trainer_useful_threads(&t), 1);
	assert_int_equal(gt_trainer_threads(&t, 2), 1);
	assert_null(t.team);
	gt_trainer_free(&t);
	gt_model_free(&m);
	assert_int_equal(gt_model_init(&m, &wide_relu, 64, NULL), GT_OK);
	assert_int_equal(gt_trainer_init(&t, &m, &all, &all, &wide, NULL), GT_OK);
	assert_int_equal(gt_trainer_useful_threads(&t), 4);
	assert_int_equal(gt_trainer_threads(&t, 8), 4);
	assert_int_equal(gt_trainer_threads(&t, 1), 1);
	assert_null(t.team);
	gt_trainer_free(&t);
	gt_model_free(&m);
}

/* The model's shares, checked on their own: a batch's gradients through
 * load/run/backprop_lanes in three shares of lanes and grads_units in
 * three shares of units equal gt_model_backprop's. */
static void test_model_shares(void **state)
{
	gt_samples all = { XW, HOTW, YW, NW, NNUM, NHOT };
	static const int cuts[] = { 0, 16, 48, 64 }, ucuts[] = { 0, 4, 100, 160 };
	gt_model a, b;
	gt_rng r;
	gt_real *grads;
	int n = 57;

	(void)state;
	make_wide();
	assert_int_equal(gt_model_init(&a, &wide_relu, 64, NULL), GT_OK);
	assert_int_equal(gt_model_init(&b, &wide_relu, 64, NULL), GT_OK);
	gt_rng_seed(&r, 4);
	gt_model_glorot(&a, &r);
	memcpy(b.params, a.params, a.nparams * sizeof(gt_real));
	a.dropout = b.dropout = 0.25f;
	gt_model_load_rows(&a, &all, NULL, n);
	gt_model_run(&a, n);
	gt_loss_lanes(a.arch.loss, a.a[3], a.lanes, YW, n, K, 1.0f / n, a.delta[3]);
	gt_model_backprop(&a, n);
	for (int s = 0; s < 3; s++) {
		gt_model_load_lanes(&b, &all, NULL, n, cuts[s], cuts[s + 1]);
		gt_model_run_lanes(&b, cuts[s], cuts[s + 1]);
	}
	assert_memory_equal(a.a[3], b.a[3], (size_t)K * (size_t)a.lanes * sizeof(gt_real));
	gt_loss_lanes(b.arch.loss, b.a[3], b.lanes, YW, n, K, 1.0f / n, b.delta[3]);
	for (int s = 0; s < 3; s++)
		gt_model_backprop_lanes(&b, n, cuts[s], cuts[s + 1]);
	for (int l = 0; l < 3; l++)
		for (int s = 0; s < 3; s++) {
			int top = b.arch.sizes[l + 1];

			gt_model_grads_units(&b, l, ucuts[s] < top ? ucuts[s] : top,
			                     ucuts[s + 1] < top ? ucuts[s + 1] : top, n);
		}
	grads = b.grads;
	assert_memory_equal(a.grads, grads, a.nparams * sizeof(gt_real));
	gt_model_free(&a);
	gt_model_free(&b);
}

/* A scan's shares: every row once, with the outputs gt_model_forward gives
 * it (checked here: the argmax of out against pred). */
typedef struct {
	const int *pred;
	int seen[NW];
	int members_used[GT_THREADS_MAX];
	int bad[GT_THREADS_MAX];          /* per member: members run at once */
} scan_check;

static void see_rows(void *ctx, int member, size_t first, int n, const gt_real *out,
                     int lanes)
{
	scan_check *c = ctx;

	c->members_used[member] = 1;
	for (int r = 0; r < n; r++) {
		int best = 0;

		for (int j = 1; j < K; j++)
			best = out[(size_t)j * (size_t)lanes + (size_t)r] >
			       out[(size_t)best * (size_t)lanes + (size_t)r] ? j : best;
		c->seen[first + (size_t)r]++;
		c->bad[member] += best != c->pred[first + (size_t)r];
	}
}

/* gt_trainer_scan on 1 and 3 threads gives gt_evaluate's loss, accuracy
 * and predictions, and hands every row to see once. */
static void test_scan(void **state)
{
	static int counts[4] = { 1, -1, -1, -1 }, plain[NW], shared[NW];
	gt_samples all = { XW, HOTW, YW, NW, NNUM, NHOT };
	static scan_check c;
	double l0, a0, l1, a1;
	gt_model m;
	gt_trainer t;

	(void)state;
	make_wide();
	train_wide(&t, &m, &wide_relu, 64, counts, NULL);
	gt_evaluate(&m, &all, &l0, &a0, plain);
	for (int threads = 1; threads <= 3; threads += 2) {
		memset(&c, 0, sizeof(c));
		c.pred = shared;
		assert_int_equal(gt_trainer_threads(&t, threads), threads);
		gt_trainer_scan(&t, &all, &l1, &a1, shared, see_rows, &c);
		assert_memory_equal(&l0, &l1, sizeof(double));
		assert_memory_equal(&a0, &a1, sizeof(double));
		assert_memory_equal(plain, shared, sizeof(plain));
		for (int i = 0; i < GT_THREADS_MAX; i++)
			assert_int_equal(c.bad[i], 0);
		for (int i = 0; i < NW; i++)
			assert_int_equal(c.seen[i], 1);
		for (int i = threads; i < GT_THREADS_MAX; i++)      /* members 0..threads-1 */
			assert_false(c.members_used[i]);
	}
	gt_trainer_free(&t);
	gt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_boundaries),
		cmocka_unit_test(test_eval_in_parts),
		cmocka_unit_test(test_learns_blobs),
		cmocka_unit_test(test_reproducible_from_seed),
		cmocka_unit_test(test_rejects_bad_setup),
		cmocka_unit_test(test_paper_preset),
		cmocka_unit_test(test_validation_slice),
		cmocka_unit_test(test_early_stopping),
		cmocka_unit_test(test_restores_best),
		cmocka_unit_test(test_cosine_schedule),
		cmocka_unit_test(test_dropout_training),
		cmocka_unit_test(test_compact_trains_as_dense),
		cmocka_unit_test(test_rejects_bad_rows),
		cmocka_unit_test(test_threads_same_bytes),
		cmocka_unit_test(test_useful_threads),
		cmocka_unit_test(test_model_shares),
		cmocka_unit_test(test_scan),
	};

	return cmocka_run_group_tests(tests, make_blobs, NULL);
}
