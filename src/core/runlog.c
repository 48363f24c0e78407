/* runlog.c: the training runs of a session, remembered for comparison. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/report_json.h"
#include "genretui/runlog.h"

int gt_runlog_step(int n, int points)
{
	int step = 1;

	while (points > 0 && (n + (long)step - 1) / step > points)
		step *= 2;
	return step;
}

int gt_runlog_sample(const gt_trainer *t, int n, int step, int acc, double *train,
                     double *test)
{
	int np = n > 0 ? (int)((n + (long)step - 1) / step) : 0;

	for (int i = 0; i < np; i++) {
		const gt_epoch *h = &t->history[gt_runlog_point_epoch(i, step, n) - 1];

		train[i] = acc ? h->accuracy : h->loss;
		test[i] = acc ? h->val_accuracy : h->val_loss;
	}
	return np;
}

void gt_runlog_series(const gt_trainer *t, int n, int acc, double *train, double *test)
{
	gt_runlog_sample(t, n, 1, acc, train, test);
}

static void free_run(gt_runlog_entry *r)
{
	free(r->loss);
	free(r->acc);
	free(r->vloss);
	free(r->vacc);
	if (r->fig) {
		gt_confusion_free(&r->fig->cm_test);
		gt_confusion_free(&r->fig->cm_train);
	}
	free(r->fig);
	free(r->epoch_cm);
	memset(r, 0, sizeof(*r));
}

/* Room for one more: the oldest is forgotten when all are taken. */
static gt_runlog_entry *next_slot(gt_runlog *r)
{
	if (r->n == GT_RUNLOG_MAX) {
		free_run(&r->run[0]);
		memmove(r->run, r->run + 1, (GT_RUNLOG_MAX - 1) * sizeof(*r->run));
		memset(&r->run[--r->n], 0, sizeof(*r->run));
	}
	return &r->run[r->n];
}

int gt_runlog_add(gt_runlog *runs, const gt_session *s, const char *preset, int stopped)
{
	const gt_trainer *t = &s->trainer;
	int n = t->epoch, step = gt_runlog_step(n, GT_RUNLOG_POINTS);
	int points = (int)((n + (long)step - 1) / step);
	size_t bytes = (size_t)(points ? points : 1) * sizeof(double);
	gt_runlog_entry *r = next_slot(runs);

	*r = (gt_runlog_entry){ .epochs = t->hp.epochs, .batch = t->hp.batch_size,
	               .hidden = s->model.arch.sizes[1], .n = n, .step = step,
	               .points = points, .lr = t->hp.lr,
	               .seconds = s->train_s, .seed = t->hp.seed,
	               .test_acc = s->rep_test.accuracy, .train_acc = s->rep_train.accuracy,
	               .top2 = s->top2_test, .fusion = s->fusion_test, .stopped = stopped };
	snprintf(r->preset, sizeof(r->preset), "%s", preset);
	r->loss = malloc(bytes);
	r->acc = malloc(bytes);
	r->vloss = malloc(bytes);
	r->vacc = malloc(bytes);
	r->fig = calloc(1, sizeof(*r->fig));
	if (!r->loss || !r->acc || !r->vloss || !r->vacc || !r->fig) {
		free_run(r);
		return -1;
	}
	gt_runlog_sample(t, n, step, 0, r->loss, r->vloss);
	gt_runlog_sample(t, n, step, 1, r->acc, r->vacc);
	if (gt_confusion_copy(&r->fig->cm_test, &s->cm_test) != 0 ||
	    gt_confusion_copy(&r->fig->cm_train, &s->cm_train) != 0) {
		free_run(r);
		return -1;
	}
	r->fig->rep_test = s->rep_test;
	r->fig->rep_train = s->rep_train;
	r->kept = gt_json_kept_epoch(s);
	r->kept_vacc = r->kept >= 1 && r->kept <= n ? t->history[r->kept - 1].val_accuracy : NAN;
	runs->n++;
	return 0;
}

void gt_runlog_free(gt_runlog *r)
{
	for (int i = 0; i < r->n; i++)
		free_run(&r->run[i]);
	r->n = 0;
}

const char *gt_runlog_key_name(gt_runs_key key)
{
	static const char *const names[GT_RUNS_NKEYS] = {
		"run", "test accuracy", "train accuracy", "top-2 accuracy", "seconds"
	};

	return (unsigned)key < GT_RUNS_NKEYS ? names[key] : "?";
}

/* The figure a key sorts on, larger first (seconds: smaller first). */
static double key_value(const gt_runlog_entry *e, gt_runs_key key)
{
	switch (key) {
	case GT_RUNS_BY_TEST: return e->test_acc;
	case GT_RUNS_BY_TRAIN: return e->train_acc;
	case GT_RUNS_BY_TOP2: return e->top2;
	case GT_RUNS_BY_SECONDS: return -e->seconds;
	default: return 0;
	}
}

void gt_runlog_order(const gt_runlog *r, gt_runs_key key, int *idx)
{
	/* insertion sort: at most GT_RUNLOG_MAX runs, and stable */
	for (int i = 0; i < r->n; i++) {
		double v = key_value(&r->run[i], key);
		int j = i;

		for (; j > 0 && key_value(&r->run[idx[j - 1]], key) < v; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
}

/* Matrices of k x k a run keeps at most. */
static int cms_limit(int k)
{
	size_t each = (size_t)k * (size_t)k * sizeof(int), n = GT_RUNLOG_CM_BYTES / each;

	return n < 1 ? 1 : n > GT_RUNLOG_POINTS ? GT_RUNLOG_POINTS : (int)n;
}

/* Every other step: keep the matrices of epochs 2 step, 4 step, ... and
 * the last, in order. */
static void cms_thin(gt_epoch_cms *h)
{
	size_t kk = (size_t)h->k * (size_t)h->k;
	int kept = 0;

	h->step *= 2;
	for (int i = 0; i < h->n; i++) {
		int e = gt_runlog_point_epoch(i, h->step / 2, h->last);

		if (e % h->step == 0 || e == h->last) {
			memmove(h->cm + (size_t)kept * kk, h->cm + (size_t)i * kk, kk * sizeof(int));
			kept++;
		}
	}
	h->n = kept;
}

int gt_epoch_cms_add(gt_epoch_cms *h, const gt_confusion *cm, int epoch)
{
	int k = cm->k, limit = cms_limit(k), slot;
	size_t kk = (size_t)k * (size_t)k;

	if (epoch != h->last + 1 || (h->n && k != h->k) || k < 1)
		return -1;               /* only the next epoch, of one matrix size */
	if (!h->step)
		h->step = 1;
	if (h->n == limit && h->last % h->step == 0)
		cms_thin(h);             /* no room for one more of every step-th */
	/* the latest is overwritten unless it is one of every step-th */
	slot = h->n && h->last % h->step != 0 ? h->n - 1 : h->n;
	if (slot == h->cap) {
		int cap = h->cap ? 2 * h->cap : 64;
		int *p;

		cap = cap > limit ? limit : cap;
		if (!(p = realloc(h->cm, (size_t)cap * kk * sizeof(int))))
			return -1;
		h->cm = p;
		h->cap = cap;
	}
	h->k = k;
	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++)
			h->cm[(size_t)slot * kk + (size_t)t * (size_t)k + (size_t)p] = (int)GT_CM(cm, t, p);
	h->n = slot + 1;
	h->last = epoch;
	return 0;
}

void gt_epoch_cms_free(gt_epoch_cms *h)
{
	free(h->cm);
	memset(h, 0, sizeof(*h));
}

void gt_runlog_take_epochs(gt_runlog *r, gt_epoch_cms *h)
{
	gt_runlog_entry *e = r->n ? &r->run[r->n - 1] : NULL;

	if (e && h->n && h->last == e->n) {
		free(e->epoch_cm);
		e->epoch_cm = h->cm;
		e->cm_k = h->k;
		e->cm_n = h->n;
		e->cm_step = h->step;
		h->cm = NULL;
	}
	gt_epoch_cms_free(h);
}

/* Index in x->epoch_cm of the latest matrix kept by epoch e, or -1. */
static int matrix_at(const gt_runlog_entry *x, int e)
{
	int i;

	if (!x->epoch_cm || e < 1 || e > x->n)
		return -1;
	i = e == x->n ? x->cm_n - 1 : e / x->cm_step - 1;
	return i >= 0 && i < x->cm_n ? i : -1;
}

int gt_runlog_matrix_epoch(const gt_runlog_entry *x, int e)
{
	int i = matrix_at(x, e);

	return i < 0 ? 0 : gt_runlog_point_epoch(i, x->cm_step, x->n);
}

int gt_runlog_epoch_matrix(const gt_runlog_entry *x, int e, gt_confusion *cm)
{
	size_t kk = (size_t)x->cm_k * (size_t)x->cm_k;
	int i = matrix_at(x, e);

	if (i < 0)
		return -1;
	gt_confusion_init(cm, x->cm_k);
	for (int t = 0; t < x->cm_k; t++)
		for (int p = 0; p < x->cm_k; p++)
			GT_CM(cm, t, p) = x->epoch_cm[(size_t)i * kk + (size_t)t * (size_t)x->cm_k + (size_t)p];
	return 0;
}
