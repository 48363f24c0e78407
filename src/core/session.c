/* session.c: pipeline + model + trainer + evaluation, shared by all front ends. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/preset.h"
#include "genretui/probs.h"
#include "genretui/session.h"
#include "genretui/threads.h"

/* Prediction arrays sized for the pipeline's current sets. */
static gt_status alloc_preds(gt_session *s, gt_error *err)
{
	free(s->pred_test);
	free(s->pred_train);
	s->pred_test = malloc((s->pipe.test.n ? s->pipe.test.n : 1) * sizeof(int));
	s->pred_train = malloc((s->pipe.train.n ? s->pipe.train.n : 1) * sizeof(int));
	if (!s->pred_test || !s->pred_train)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for predictions");
	return GT_OK;
}

gt_status gt_session_open(gt_session *s, const char *path,
                          const gt_pipeline_opts *o, gt_error *err)
{
	gt_status st;

	memset(s, 0, sizeof(*s));
	st = gt_pipeline_open(&s->pipe, path, o, err);
	if (st == GT_OK)
		st = alloc_preds(s, err);
	if (st != GT_OK)
		gt_session_close(s);
	return st;
}

gt_status gt_session_open_pipeline(gt_session *s, gt_pipeline *p, gt_error *err)
{
	gt_status st;

	memset(s, 0, sizeof(*s));
	s->pipe = *p;
	memset(p, 0, sizeof(*p));
	st = alloc_preds(s, err);
	if (st != GT_OK)
		gt_session_close(s);
	return st;
}

gt_status gt_session_share(gt_session *s, const gt_session *src, int threads,
                           gt_error *err)
{
	gt_status st;

	memset(s, 0, sizeof(*s));
	st = gt_pipeline_share(&s->pipe, &src->pipe, threads, err);
	if (st == GT_OK)
		st = alloc_preds(s, err);
	if (st != GT_OK)
		gt_session_close(s);
	return st;
}

static void drop_importance(gt_session *s)
{
	if (s->has_importance)
		gt_importance_free(&s->importance);
	s->has_importance = 0;
}

/* Wait for a prefetch of the statistics, if one runs, and keep what it
 * made. */
static void join_featstats(gt_session *s)
{
	if (!s->fs_running)
		return;
	pthread_join(s->fs_thread, NULL);
	s->fs_running = 0;
	s->has_featstats = s->fs_status == GT_OK;
}

/* The sets change: their statistics go. */
static void drop_featstats(gt_session *s)
{
	join_featstats(s);
	if (s->has_featstats) {
		gt_featstats_free(&s->featstats);
		gt_ftable_free(&s->ftable);
	}
	s->has_featstats = 0;
}

static void drop_run(gt_session *s)
{
	drop_importance(s);
	if (s->running) {
		gt_trainer_free(&s->trainer);
		gt_model_free(&s->model);
	}
	s->running = 0;
	s->loaded = 0;
	s->evaluated = 0;
	s->test_epoch = 0;
	s->train_s = 0;
}

void gt_session_close(gt_session *s)
{
	drop_run(s);
	drop_featstats(s);
	gt_pipeline_close(&s->pipe);
	free(s->pred_test);
	free(s->pred_train);
	gt_confusion_free(&s->cm_test);
	gt_confusion_free(&s->cm_train);
	gt_confusion_free(&s->fusion_cells_test);
	memset(s, 0, sizeof(*s));
}

gt_status gt_session_prepare(gt_session *s, gt_prep prep, const gt_norm *fixed,
                             gt_error *err)
{
	gt_status st;

	drop_run(s);
	drop_featstats(s);
	st = gt_pipeline_prepare(&s->pipe, prep, fixed, err);
	if (st == GT_OK)
		st = alloc_preds(s, err);
	return st;
}

gt_status gt_session_fold(gt_session *s, gt_prep prep, int nfolds, int fold,
                          gt_error *err)
{
	gt_status st;

	drop_run(s);
	drop_featstats(s);
	st = gt_pipeline_fold(&s->pipe, prep, nfolds, fold, err);
	if (st == GT_OK)
		st = alloc_preds(s, err);
	return st;
}

gt_status gt_session_start(gt_session *s, const gt_arch *arch,
                           const gt_hparams *hp, gt_error *err)
{
	gt_arch a = *arch;
	gt_hparams h;
	gt_status st;

	drop_run(s);
	if (hp->prep != s->pipe.prep) {
		st = gt_session_prepare(s, hp->prep, NULL, err);
		if (st != GT_OK)
			return st;
	}
	if (a.nlayers >= 1 && a.nlayers <= GT_MAX_LAYERS) {  /* the layout's inputs, */
		a.sizes[0] = s->pipe.clean.layout.ninputs;     /* one output per genre */
		a.sizes[a.nlayers] = s->pipe.clean.genres.k;
	}
	st = gt_model_init(&s->model, &a, hp->batch_size, err);
	if (st != GT_OK)
		return st;
	memcpy(&h, hp, sizeof(h));   /* every byte: model files hold it */
	gt_hparams_size(&h, s->pipe.train.n);
	st = gt_trainer_init(&s->trainer, &s->model, &s->pipe.train, &s->pipe.test, &h, err);
	if (st != GT_OK) {
		gt_model_free(&s->model);
		return st;
	}
	s->trainer.test_pred = s->pred_test;
	/* (members of a step wait for each other: never more than the CPUs) */
	gt_trainer_threads(&s->trainer, s->pipe.threads < gt_threads_available()
	                                ? s->pipe.threads : gt_threads_available());
	s->running = 1;
	s->generation++;
	return GT_OK;
}

/* The test confusion matrix from the predictions the trainer made at the
 * epoch end: no second pass over the rows. */
static void test_metrics_from_preds(gt_session *s)
{
	int k = s->model.arch.sizes[s->model.arch.nlayers];

	gt_confusion_from_labels(&s->cm_test, k, s->pipe.test.y, s->pred_test, s->pipe.test.n);
	gt_report_compute(&s->rep_test, &s->cm_test);
	s->test_epoch = s->trainer.epoch;
}

int gt_session_step(gt_session *s, gt_epoch *done)
{
	double t0 = gt_now();
	int r;

	if (!gt_trainer_finished(&s->trainer))
		drop_importance(s);   /* the step changes the model */
	r = gt_trainer_step(&s->trainer, done);
	s->train_s += gt_now() - t0;
	if (r == 1) {
		s->evaluated = 0;
		if (gt_trainer_finished(&s->trainer))
			gt_session_evaluate(s);
		else
			test_metrics_from_preds(s);
	}
	return r;
}

/* Rows whose true genre is among the model's two best guesses, counted by
 * each member of a scan. */
typedef struct {
	const gt_samples *set;
	int k;
	size_t in2[GT_THREADS_MAX];
} top2_count;

static void count_top2(void *ctx, int member, size_t first, int n, const gt_real *out,
                       int lanes)
{
	top2_count *c = ctx;
	int k = c->k < GT_MAX_CLASSES ? c->k : GT_MAX_CLASSES;

	c->in2[member] += gt_top2_lanes(out, lanes, c->set->y + first, n, k);
}

/* The predictions, confusion matrix, report and top-2 accuracy of one set:
 * one pass of the model over it, shared by the trainer's threads. */
static void evaluate_set(gt_session *s, const gt_samples *set, int *pred,
                         gt_confusion *cm, gt_report *rep, double *top2)
{
	top2_count c = { .set = set, .k = s->model.arch.sizes[s->model.arch.nlayers] };
	size_t in2 = 0;

	gt_trainer_scan(&s->trainer, set, NULL, NULL, pred, count_top2, &c);
	for (int i = 0; i < GT_THREADS_MAX; i++)
		in2 += c.in2[i];
	*top2 = set->n ? (double)in2 / set->n : 0;
	gt_confusion_from_labels(cm, c.k, set->y, pred, set->n);
	gt_report_compute(rep, cm);
}

/* Fusion-aware accuracy of one set from its predictions; rows[i] is sample
 * i's dataset row. Fills cells (if not NULL) with fusion-explained errors. */
static void fusion_metrics(gt_session *s, const gt_samples *set, const uint32_t *rows,
                           const int *pred, double *fusion, gt_confusion *cells)
{
	size_t ok = 0;

	if (cells)
		gt_confusion_init(cells, s->model.arch.sizes[s->model.arch.nlayers]);
	for (size_t j = 0; j < set->n; j++) {
		int y = set->y[j];
		int accepted = gt_fusion_accepts(&s->pipe.fusion, rows[j], y, pred[j]);

		ok += accepted;
		if (cells && accepted && pred[j] != y)
			gt_confusion_add(cells, y, pred[j]);
	}
	*fusion = set->n ? (double)ok / set->n : 0;
}

/* Accuracy on the rows with imputed values, and on the validation slice. */
static void slice_metrics(gt_session *s)
{
	const gt_pipeline *p = &s->pipe;
	const gt_trainer *t = &s->trainer;
	size_t ok = 0, vok = 0, vimp = 0, vimp_ok = 0;

	s->imp_n = 0;
	for (size_t i = 0; i < p->train.n; i++)
		if (p->train_imputed[i]) {
			s->imp_n++;
			ok += s->pred_train[i] == p->ytrain[i];
		}
	for (size_t v = 0; v < t->nval; v++) {
		size_t i = t->val_idx[v];
		int right = s->pred_train[i] == p->ytrain[i];

		vok += right;
		if (p->train_imputed[i]) {
			vimp++;
			vimp_ok += right;
		}
	}
	s->imp_val_n = vimp;
	s->imp_acc = s->imp_n ? (double)ok / (double)s->imp_n : NAN;
	s->imp_val_acc = vimp ? (double)vimp_ok / (double)vimp : NAN;
	s->vs_acc = t->nval ? (double)vok / (double)t->nval : NAN;
}

void gt_session_evaluate(gt_session *s)
{
	double t0 = gt_now();

	if (!s->running)
		return;
	evaluate_set(s, &s->pipe.test, s->pred_test, &s->cm_test, &s->rep_test, &s->top2_test);
	evaluate_set(s, &s->pipe.train, s->pred_train, &s->cm_train, &s->rep_train,
	             &s->top2_train);
	fusion_metrics(s, &s->pipe.test, s->pipe.test_row, s->pred_test, &s->fusion_test,
	               &s->fusion_cells_test);
	fusion_metrics(s, &s->pipe.train, s->pipe.train_row, s->pred_train, &s->fusion_train,
	               NULL);
	slice_metrics(s);
	s->evaluated = 1;
	s->test_epoch = s->trainer.epoch;
	s->eval_s = gt_now() - t0;
	s->generation++;
}

gt_status gt_session_adopt(gt_session *s, const gt_model *m, const gt_norm *norm,
                           const gt_hparams *hp, int epochs_trained, gt_error *err)
{
	gt_hparams h = *hp;
	int outputs = m->arch.sizes[m->arch.nlayers];
	gt_status st;

	if (outputs != s->pipe.clean.genres.k)
		return gt_fail(err, GT_ERR_MODEL, "the model predicts %d genres, the file has %d",
		               outputs, s->pipe.clean.genres.k);
	if (m->arch.sizes[0] != s->pipe.clean.layout.ninputs)
		return gt_fail(err, GT_ERR_MODEL, "the model takes %d inputs, the file gives %d",
		               m->arch.sizes[0], s->pipe.clean.layout.ninputs);
	h.epochs = epochs_trained > 0 ? epochs_trained : 1;
	h.val_fraction = 0;   /* nothing is trained: keep every training row */
	h.prep = norm->prep;
	st = gt_session_prepare(s, norm->prep, norm, err);
	if (st == GT_OK)
		st = gt_session_start(s, &m->arch, &h, err);
	if (st != GT_OK)
		return st;
	memcpy(s->model.params, m->params, m->nparams * sizeof(gt_real));
	s->trainer.epoch = h.epochs;   /* nothing left to train */
	s->loaded = 1;
	gt_session_evaluate(s);
	return GT_OK;
}

gt_status gt_session_importance(gt_session *s, const gt_importance_opts *o, gt_error *err)
{
	gt_imp_feature feat[GT_IMP_MAX];
	int n = gt_importance_layout_features(&s->pipe.clean.layout, feat);
	gt_status st;

	if (!s->running)
		return gt_fail(err, GT_ERR_ARG, "feature importance needs a model: train one or load one");
	if (s->pipe.test.n == 0)
		return gt_fail(err, GT_ERR_ARG, "feature importance needs test rows: there are none");
	drop_importance(s);
	st = gt_importance_run(&s->importance, &s->model, &s->pipe.test, feat, n, o, err);
	s->has_importance = st == GT_OK;
	return st;
}

/* Lay out the training rows and compute their statistics into s's
 * ftable and featstats (freed again on failure). */
static gt_status make_featstats(gt_session *s, gt_error *err)
{
	gt_status st = gt_ftable_training(&s->ftable, &s->pipe, err);

	if (st != GT_OK)
		return st;
	st = gt_featstats_compute(&s->featstats, &s->ftable.t, s->pipe.threads, err);
	if (st != GT_OK)
		gt_ftable_free(&s->ftable);
	return st;
}

const gt_featstats *gt_session_featstats(gt_session *s, gt_error *err)
{
	join_featstats(s);
	if (s->has_featstats)
		return &s->featstats;
	if (make_featstats(s, err) != GT_OK)
		return NULL;
	s->has_featstats = 1;
	return &s->featstats;
}

static void *prefetch_main(void *arg)
{
	gt_session *s = arg;

	s->fs_err = (gt_error){ 0 };
	s->fs_status = make_featstats(s, &s->fs_err);
	return NULL;
}

int gt_session_featstats_prefetch(gt_session *s)
{
	if (s->has_featstats || s->fs_running || s->pipe.train.n == 0)
		return 0;
	if (pthread_create(&s->fs_thread, NULL, prefetch_main, s) != 0)
		return 0;
	s->fs_running = 1;
	return 1;
}
