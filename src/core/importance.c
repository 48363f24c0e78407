/* importance.c: permutation importance (importance.h), the features shared
 * out between two threads, each with its own copy of the weights and of the
 * rows. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/encode.h"
#include "genretui/importance.h"
#include "genretui/rng.h"
#include "genretui/threads.h"
#include "genretui/train.h"

/* Rows a worker's model takes at a time. */
#define IMP_BATCH 256

int gt_importance_study_features(gt_imp_feature out[GT_IMP_MAX])
{
	for (int c = 0; c < GT_NNUMERIC; c++)
		out[c] = (gt_imp_feature){ gt_input_names[c], GT_IMP_COLUMN, c, 0 };
	out[GT_NNUMERIC] = (gt_imp_feature){ "key", GT_IMP_KEY, -1, 0 };
	out[GT_NNUMERIC + 1] = (gt_imp_feature){ "mode", GT_IMP_MODE, -1, 0 };
	return GT_NNUMERIC + 2;
}

int gt_importance_layout_features(const gt_layout *l, gt_imp_feature out[GT_IMP_MAX])
{
	static const gt_imp_kind kind[] = {
		[GT_SOURCE_NUMERIC] = GT_IMP_COLUMN, [GT_SOURCE_ONEHOT] = GT_IMP_COLUMNS,
		[GT_SOURCE_KEY] = GT_IMP_KEY, [GT_SOURCE_MODE] = GT_IMP_MODE,
	};

	for (int i = 0; i < l->nsources; i++) {
		const gt_layout_source *src = &l->source[i];
		int part = src->kind == GT_SOURCE_KEY || src->kind == GT_SOURCE_MODE;

		out[i] = (gt_imp_feature){ gt_layout_source_name(l, i), kind[src->kind],
		                           part ? -1 : src->first, src->kind == GT_SOURCE_ONEHOT
		                           ? src->count : 0 };
	}
	return l->nsources;
}

void gt_importance_defaults(gt_importance_opts *o)
{
	o->repeats = GT_IMP_REPEATS;
	o->seed = 42;
	o->threads = 2;
}

uint32_t gt_importance_feature_seed(uint32_t seed)
{
	gt_rng r;

	gt_rng_seed(&r, seed);
	return gt_rng_interval(&r, 0x7fffffffu);
}

/* One thread's copies: the model, the rows (the feature being shuffled is
 * rewritten, then put back), and the shuffles' index arrays. */
typedef struct {
	gt_model m;
	gt_real *x;
	uint8_t *hot;
	uint32_t *shuf, *from, *tmp;   /* [n] each */
	int made;                      /* m was initialised */
} worker;

typedef struct {
	worker w;
	const gt_samples *s;
	const gt_imp_feature *feat;
	gt_importance *imp;
	uint32_t fseed;
	gt_queue *queue;
} imp_job;

static void worker_free(worker *w)
{
	if (w->made)
		gt_model_free(&w->m);
	free(w->x);
	free(w->hot);
	free(w->shuf);
	free(w->from);
	free(w->tmp);
	memset(w, 0, sizeof(*w));
}

static gt_status worker_init(worker *w, const gt_model *src, const gt_samples *s,
                             gt_error *err)
{
	size_t n = s->n, nx = n * (size_t)s->nnum;
	gt_status st;

	memset(w, 0, sizeof(*w));
	if ((st = gt_model_init(&w->m, &src->arch, IMP_BATCH, err)) != GT_OK)
		return st;
	w->made = 1;
	memcpy(w->m.params, src->params, src->nparams * sizeof(gt_real));
	w->x = malloc((nx ? nx : 1) * sizeof(gt_real));
	w->hot = malloc(n);
	w->shuf = malloc(n * sizeof(uint32_t));
	w->from = malloc(n * sizeof(uint32_t));
	w->tmp = malloc(n * sizeof(uint32_t));
	if (!w->x || !w->hot || !w->shuf || !w->from || !w->tmp) {
		worker_free(w);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the importance of %zu rows", n);
	}
	memcpy(w->x, s->x, nx * sizeof(gt_real));
	if (s->hot)
		memcpy(w->hot, s->hot, n);
	return GT_OK;
}

/* The scale whose key comes from scale `keyof` and mode from `modeof`;
 * keyof itself when either is no scale. */
static uint8_t mix_scale(uint8_t keyof, uint8_t modeof)
{
	int pk, mk, pm, mm;

	if (gt_scale_parts(keyof, &pk, &mk) != 0 || gt_scale_parts(modeof, &pm, &mm) != 0)
		return keyof;
	return (uint8_t)gt_scale_index(pk, mm);
}

/* Feature f of row i taken from row from[i] (from NULL: the row's own). */
static void set_feature(worker *w, const gt_samples *s, const gt_imp_feature *f,
                        const uint32_t *from)
{
	size_t nn = (size_t)s->nnum;

	for (size_t i = 0; i < s->n; i++) {
		size_t j = from ? from[i] : i;

		switch (f->kind) {
		case GT_IMP_COLUMN:
			w->x[i * nn + (size_t)f->column] = s->x[j * nn + (size_t)f->column];
			break;
		case GT_IMP_COLUMNS:
			memcpy(w->x + i * nn + (size_t)f->column, s->x + j * nn + (size_t)f->column,
			       (size_t)f->count * sizeof(gt_real));
			break;
		case GT_IMP_HOT:
			w->hot[i] = s->hot[j];
			break;
		case GT_IMP_KEY:
			w->hot[i] = mix_scale(s->hot[j], s->hot[i]);
			break;
		case GT_IMP_MODE:
			w->hot[i] = mix_scale(s->hot[i], s->hot[j]);
			break;
		}
	}
}

static double accuracy(worker *w, const gt_samples *s)
{
	gt_samples view = { w->x, s->hot ? w->hot : NULL, s->y, s->n, s->nnum, s->nhot };
	double acc;

	gt_evaluate(&w->m, &view, NULL, &acc, NULL);
	return acc;
}

/* Feature fi's N shuffles (scikit-learn's _calculate_permutation_scores). */
static void permute_feature(imp_job *j, int fi)
{
	worker *w = &j->w;
	const gt_samples *s = j->s;
	int reps = j->imp->repeats;
	gt_rng rng;

	gt_rng_seed(&rng, j->fseed);
	for (size_t i = 0; i < s->n; i++)
		w->shuf[i] = w->from[i] = (uint32_t)i;
	for (int r = 0; r < reps; r++) {
		uint32_t *t;

		gt_rng_shuffle(&rng, w->shuf, (uint32_t)s->n);
		for (size_t i = 0; i < s->n; i++)   /* column <- column[shuf] */
			w->tmp[i] = w->from[w->shuf[i]];
		t = w->from, w->from = w->tmp, w->tmp = t;
		set_feature(w, s, &j->feat[fi], w->from);
		j->imp->drops[(size_t)fi * (size_t)reps + (size_t)r] = j->imp->baseline - accuracy(w, s);
	}
	set_feature(w, s, &j->feat[fi], NULL);
}

static void *imp_worker(void *arg)
{
	imp_job *j = arg;
	size_t f;

	while ((f = gt_queue_take(j->queue)) < (size_t)j->imp->nfeat)
		permute_feature(j, (int)f);
	return NULL;
}

static gt_status check_features(const gt_samples *s, const gt_imp_feature *feat, int nfeat,
                                const gt_importance_opts *o, gt_error *err)
{
	if (nfeat < 1 || nfeat > GT_IMP_MAX)
		return gt_fail(err, GT_ERR_ARG, "%d features: 1 to %d can be shuffled", nfeat, GT_IMP_MAX);
	if (o->repeats < 1 || o->repeats > GT_IMP_REPEATS_MAX)
		return gt_fail(err, GT_ERR_ARG, "%d shuffles per feature: 1 to %d", o->repeats,
		               GT_IMP_REPEATS_MAX);
	if (s->n < 1 || !s->y || s->n > UINT32_MAX)
		return gt_fail(err, GT_ERR_ARG, "permutation importance needs labelled rows");
	for (int i = 0; i < nfeat; i++) {
		const gt_imp_feature *f = &feat[i];
		int ok = f->kind == GT_IMP_COLUMN ? f->column >= 0 && f->column < s->nnum
		       : f->kind == GT_IMP_COLUMNS ? f->column >= 0 && f->count >= 1 &&
		                                     f->count <= s->nnum - f->column
		       : f->kind == GT_IMP_HOT ? s->nhot > 0 && s->hot != NULL
		       : s->nhot == GT_NSCALES && s->hot != NULL;

		if (!ok)
			return gt_fail(err, GT_ERR_ARG, "feature '%s' is not among the model's inputs",
			               f->name ? f->name : "?");
	}
	return GT_OK;
}

/* Mean and population standard deviation of each feature's drops. */
static void summarise(gt_importance *imp)
{
	for (int f = 0; f < imp->nfeat; f++) {
		const double *d = imp->drops + (size_t)f * (size_t)imp->repeats;
		double sum = 0, ss = 0;

		for (int r = 0; r < imp->repeats; r++)
			sum += d[r];
		imp->mean[f] = sum / imp->repeats;
		for (int r = 0; r < imp->repeats; r++)
			ss += (d[r] - imp->mean[f]) * (d[r] - imp->mean[f]);
		imp->sd[f] = sqrt(ss / imp->repeats);
	}
}

gt_status gt_importance_run(gt_importance *imp, const gt_model *m, const gt_samples *s,
                            const gt_imp_feature *feat, int nfeat,
                            const gt_importance_opts *o, gt_error *err)
{
	double t0 = gt_now();
	int helped = o->threads >= 2 && nfeat >= 2;
	imp_job a = { 0 }, b = { 0 };
	gt_queue queue;
	gt_status st;

	memset(imp, 0, sizeof(*imp));
	if ((st = check_features(s, feat, nfeat, o, err)) != GT_OK)
		return st;
	imp->nfeat = nfeat;
	imp->repeats = o->repeats;
	imp->seed = o->seed;
	memcpy(imp->feat, feat, (size_t)nfeat * sizeof(*feat));
	imp->drops = malloc((size_t)nfeat * (size_t)o->repeats * sizeof(double));
	if (!imp->drops)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the importance");
	if ((st = worker_init(&a.w, m, s, err)) != GT_OK ||
	    (helped && (st = worker_init(&b.w, m, s, err)) != GT_OK)) {
		worker_free(&a.w);
		gt_importance_free(imp);
		return st;
	}
	imp->baseline = accuracy(&a.w, s);
	gt_queue_init(&queue, 0, (size_t)nfeat);
	a = (imp_job){ a.w, s, feat, imp, gt_importance_feature_seed(o->seed), &queue };
	b = (imp_job){ b.w, s, feat, imp, a.fseed, &queue };
	gt_thread_pair(imp_worker, &a, &b, helped);
	gt_queue_free(&queue);
	worker_free(&a.w);
	worker_free(&b.w);
	summarise(imp);
	imp->seconds = gt_now() - t0;
	return GT_OK;
}

void gt_importance_free(gt_importance *imp)
{
	free(imp->drops);
	memset(imp, 0, sizeof(*imp));
}

void gt_importance_order(const gt_importance *imp, int *order)
{
	for (int f = 0; f < imp->nfeat; f++) {   /* insertion sort, stable */
		int j = f;

		for (; j > 0 && imp->mean[order[j - 1]] < imp->mean[f]; j--)
			order[j] = order[j - 1];
		order[j] = f;
	}
}
