/* train.c: mini-batch training as a step, and evaluation.
 *
 * Batches go straight from the sample matrix into the model's input lanes
 * (gt_model_load_rows), and the loss writes its gradient into the model's
 * last delta, so a step copies nothing else. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genretui/kernel.h"
#include "genretui/loss.h"
#include "genretui/train.h"

double gt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static gt_status check_inputs(const gt_model *m, const gt_samples *train,
                              const gt_samples *test, const gt_hparams *hp,
                              gt_error *err)
{
	int d = m->arch.sizes[0];

	if (hp->epochs < 1 || hp->batch_size < 1)
		return gt_fail(err, GT_ERR_ARG, "epochs and batch size must be at least 1");
	if (hp->batch_size > m->max_batch)
		return gt_fail(err, GT_ERR_ARG, "batch size %d exceeds the model's workspace (%d)",
		               hp->batch_size, m->max_batch);
	if (train->n == 0 || train->n > UINT32_MAX)
		return gt_fail(err, GT_ERR_EMPTY, "no training rows");
	if (train->d != d || (test->n > 0 && test->d != d))
		return gt_fail(err, GT_ERR_ARG, "rows have %d inputs but the model takes %d",
		               train->d, d);
	return GT_OK;
}

static gt_status alloc_buffers(gt_trainer *t, gt_error *err)
{
	size_t bs = (size_t)t->hp.batch_size;

	t->order = malloc(t->train.n * sizeof(*t->order));
	t->ybatch = malloc(bs * sizeof(int));
	t->history = calloc((size_t)t->hp.epochs, sizeof(gt_epoch));
	if (!t->order || !t->ybatch || !t->history)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for training buffers");
	for (size_t i = 0; i < t->train.n; i++)
		t->order[i] = (uint32_t)i;
	return GT_OK;
}

gt_status gt_trainer_init(gt_trainer *t, gt_model *m, const gt_samples *train,
                          const gt_samples *test, const gt_hparams *hp,
                          gt_error *err)
{
	gt_status st;

	memset(t, 0, sizeof(*t));
	st = check_inputs(m, train, test, hp, err);
	if (st != GT_OK)
		return st;
	t->model = m;
	t->train = *train;
	t->test = *test;
	t->hp = *hp;
	st = gt_adam_init(&t->adam, m->nparams, hp->lr, hp->beta1, hp->beta2, hp->eps, err);
	if (st == GT_OK)
		st = alloc_buffers(t, err);
	if (st != GT_OK) {
		gt_trainer_free(t);
		return st;
	}
	gt_rng_seed(&t->rng, hp->seed);
	gt_model_glorot(m, &t->rng);
	return GT_OK;
}

void gt_trainer_free(gt_trainer *t)
{
	gt_adam_free(&t->adam);
	free(t->order);
	free(t->ybatch);
	free(t->history);
	memset(t, 0, sizeof(*t));
}

size_t gt_trainer_steps_per_epoch(const gt_trainer *t)
{
	size_t bs = (size_t)t->hp.batch_size;

	return (t->train.n + bs - 1) / bs;
}

size_t gt_trainer_steps_done(const gt_trainer *t)
{
	size_t bs = (size_t)t->hp.batch_size;

	return (t->pos + bs - 1) / bs;
}

int gt_trainer_finished(const gt_trainer *t)
{
	return t->epoch >= t->hp.epochs;
}

/* Ask the cache for the rows (and labels) of the batch after the one at
 * pos: they are scattered over a 4.5 MB matrix, and waiting for them was
 * 8% of training. Always inlined: GCC takes a function of prefetches alone
 * for a pure one and drops the call. */
static inline __attribute__((always_inline)) void prefetch_next(const gt_trainer *t)
{
	size_t bs = (size_t)t->hp.batch_size, from = t->pos + bs, d = (size_t)t->train.d;
	size_t to = from + bs < t->train.n ? from + bs : t->train.n;

	for (size_t i = from; i < to; i++) {
		const char *row = (const char *)(t->train.x + t->order[i] * d);

		for (size_t b = 0; b < d * sizeof(gt_real); b += 64)
			__builtin_prefetch(row + b);
		__builtin_prefetch(row + d * sizeof(gt_real) - 1);
		__builtin_prefetch(t->train.y + t->order[i]);
	}
}

/* Load the next batch's rows into the model and its labels into ybatch;
 * returns its size. */
static int next_batch(gt_trainer *t)
{
	size_t left = t->train.n - t->pos;
	int n = left < (size_t)t->hp.batch_size ? (int)left : t->hp.batch_size;
	const uint32_t *idx = t->order + t->pos;

	prefetch_next(t);
	gt_model_load_rows(t->model, t->train.x, idx, n);
	for (int r = 0; r < n; r++)
		t->ybatch[r] = t->train.y[idx[r]];
	t->pos += (size_t)n;
	return n;
}

/* best[r] = argmax over j of out [k][lanes] in lane r0 + r, for r < n <=
 * GT_LANE_ROUND (the first of equal maxima, as gt_argmax). A loop along
 * the lanes: the compiler vectorises it, where an argmax per lane took
 * unpredictable branches. */
GT_HOT static void lanes_argmax(const gt_real *out, int lanes, int r0, int n,
                                int k, int best[GT_LANE_ROUND])
{
	gt_real top[GT_LANE_ROUND];

	for (int r = 0; r < n; r++) {
		top[r] = out[r0 + r];
		best[r] = 0;
	}
	for (int j = 1; j < k; j++) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes + r0;

		for (int r = 0; r < n; r++) {
			best[r] = o[r] > top[r] ? j : best[r];
			top[r] = o[r] > top[r] ? o[r] : top[r];
		}
	}
}

/* Lanes 0..n-1 of out [k][lanes]: how many have their label y[r] as
 * argmax; pred (if not NULL) receives the argmax of each. */
static size_t count_correct(const gt_real *out, int lanes, const int *y, int n,
                            int k, int *pred)
{
	size_t c = 0;

	for (int r0 = 0; r0 < n; r0 += GT_LANE_ROUND) {
		int best[GT_LANE_ROUND], cn = n - r0 < GT_LANE_ROUND ? n - r0 : GT_LANE_ROUND;

		lanes_argmax(out, lanes, r0, cn, k, best);
		for (int r = 0; r < cn; r++) {
			c += best[r] == y[r0 + r];
			if (pred)
				pred[r0 + r] = best[r];
		}
	}
	return c;
}

static void finish_epoch(gt_trainer *t, gt_epoch *done)
{
	gt_epoch *e = &t->history[t->epoch];

	e->epoch = t->epoch + 1;
	e->loss = t->loss_sum / (double)t->seen;
	e->accuracy = (double)t->correct / (double)t->seen;
	gt_evaluate(t->model, &t->test, &e->val_loss, &e->val_accuracy, t->test_pred);
	e->seconds = gt_now() - t->epoch_start;
	t->epoch++;
	t->pos = 0;
	if (done)
		*done = *e;
}

int gt_trainer_step(gt_trainer *t, gt_epoch *done)
{
	gt_model *m = t->model;
	int L = m->arch.nlayers, k = m->arch.sizes[L], n;
	const gt_real *out;

	if (gt_trainer_finished(t))
		return -1;
	if (t->pos == 0) {  /* a new epoch: Keras reshuffles every epoch */
		gt_rng_shuffle(&t->rng, t->order, (uint32_t)t->train.n);
		t->loss_sum = 0.0;
		t->correct = t->seen = 0;
		t->epoch_start = gt_now();
	}
	n = next_batch(t);
	out = gt_model_run(m, n);
	t->loss_sum += gt_loss_lanes(m->arch.loss, out, m->lanes, t->ybatch, n, k,
	                             (gt_real)1 / (gt_real)n, m->delta[L]);
	t->correct += count_correct(out, m->lanes, t->ybatch, n, k, NULL);
	t->seen += (size_t)n;
	gt_model_backprop(m, n);
	gt_adam_step(&t->adam, m->params, m->grads);
	if (t->pos < t->train.n)
		return 0;
	finish_epoch(t, done);
	return 1;
}

void gt_evaluate(gt_model *m, const gt_samples *s, double *loss, double *acc,
                 int *pred)
{
	int k = m->arch.sizes[m->arch.nlayers];
	double sum = 0.0;
	size_t correct = 0;

	for (size_t i = 0; i < s->n; i += (size_t)m->max_batch) {
		size_t left = s->n - i;
		int n = left < (size_t)m->max_batch ? (int)left : m->max_batch;
		const gt_real *out;

		gt_model_load_rows(m, s->x + i * (size_t)s->d, NULL, n);
		out = gt_model_run(m, n);
		sum += gt_loss_lanes(m->arch.loss, out, m->lanes, s->y + i, n, k, 0, NULL);
		correct += count_correct(out, m->lanes, s->y + i, n, k, pred ? pred + i : NULL);
	}
	if (loss)
		*loss = s->n ? sum / (double)s->n : NAN;
	if (acc)
		*acc = s->n ? (double)correct / (double)s->n : NAN;
}
