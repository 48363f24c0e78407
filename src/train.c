/* train.c: mini-batch training as a step, and evaluation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genretui/loss.h"
#include "genretui/predict.h"
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
	size_t bs = (size_t)t->hp.batch_size, d = (size_t)t->train.d;
	size_t k = (size_t)t->model->arch.sizes[t->model->arch.nlayers];

	t->order = malloc(t->train.n * sizeof(*t->order));
	t->xbatch = malloc(bs * d * sizeof(double));
	t->ybatch = malloc(bs * sizeof(int));
	t->dout = malloc(bs * k * sizeof(double));
	t->history = calloc((size_t)t->hp.epochs, sizeof(gt_epoch));
	if (!t->order || !t->xbatch || !t->ybatch || !t->dout || !t->history)
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
	free(t->xbatch);
	free(t->ybatch);
	free(t->dout);
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

/* Copy the next batch's rows into xbatch/ybatch; returns its size. */
static int gather_batch(gt_trainer *t)
{
	size_t d = (size_t)t->train.d;
	size_t left = t->train.n - t->pos;
	int n = left < (size_t)t->hp.batch_size ? (int)left : t->hp.batch_size;

	for (int r = 0; r < n; r++) {
		uint32_t i = t->order[t->pos + (size_t)r];

		memcpy(t->xbatch + (size_t)r * d, t->train.x + (size_t)i * d, d * sizeof(double));
		t->ybatch[r] = t->train.y[i];
	}
	t->pos += (size_t)n;
	return n;
}

/* Count rows of a batch output whose argmax is the label. */
static size_t count_correct(const double *out, const int *y, int n, int k)
{
	size_t c = 0;

	for (int r = 0; r < n; r++)
		c += gt_argmax(out + (size_t)r * k, k) == y[r];
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
	int k = m->arch.sizes[m->arch.nlayers], n;
	const double *out;
	double loss;

	if (gt_trainer_finished(t))
		return -1;
	if (t->pos == 0) {  /* a new epoch: Keras reshuffles every epoch */
		gt_rng_shuffle(&t->rng, t->order, (uint32_t)t->train.n);
		t->loss_sum = 0.0;
		t->correct = t->seen = 0;
		t->epoch_start = gt_now();
	}
	n = gather_batch(t);
	out = gt_model_forward(m, t->xbatch, n);
	loss = gt_loss_batch(m->arch.loss, out, t->ybatch, n, k, t->dout);
	t->correct += count_correct(out, t->ybatch, n, k);
	t->loss_sum += loss * n;
	t->seen += (size_t)n;
	gt_model_backward(m, t->dout, n);
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
		const double *out = gt_model_forward(m, s->x + i * (size_t)s->d, n);

		sum += gt_loss_batch(m->arch.loss, out, s->y + i, n, k, NULL) * n;
		for (int r = 0; r < n; r++) {
			int p = gt_argmax(out + (size_t)r * k, k);

			correct += p == s->y[i + (size_t)r];
			if (pred)
				pred[i + (size_t)r] = p;
		}
	}
	if (loss)
		*loss = s->n ? sum / (double)s->n : NAN;
	if (acc)
		*acc = s->n ? (double)correct / (double)s->n : NAN;
}
