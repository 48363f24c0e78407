/* session.h: one dataset, one model, its training and its evaluation.
 *
 * What the batch mode and the terminal UI share: open a CSV through the
 * pipeline, start a training run from an architecture and hyperparameters,
 * advance it step by step, and evaluate the finished model on the test and
 * training rows (confusion matrices, classification reports). */
#ifndef GENRETUI_SESSION_H
#define GENRETUI_SESSION_H

#include <pthread.h>

#include "genretui/featstats.h"
#include "genretui/importance.h"
#include "genretui/metrics.h"
#include "genretui/model.h"
#include "genretui/pipeline.h"
#include "genretui/train.h"

typedef struct gt_session {
	gt_pipeline pipe;
	gt_model model;
	gt_trainer trainer;
	int running;             /* a trainer exists (training or finished) */
	int loaded;              /* the model came from a file, not from training here */
	int evaluated;           /* all metrics below describe the current model */
	int test_epoch;          /* epoch that cm_test/rep_test describe (updated at
	                            every epoch end while training), 0 if none */
	unsigned long generation;/* bumped whenever the model or its figures change:
	                            by start, adopt and evaluate (never reset) */
	double train_s;          /* seconds spent in training steps so far */
	double eval_s;           /* seconds the last gt_session_evaluate took */
	int *pred_test, *pred_train;   /* argmax class per test/train row */
	gt_confusion cm_test, cm_train;
	gt_report rep_test, rep_train;
	/* Beyond the study (its Evaluation): is the true genre among the two
	 * best guesses, and is the guess any genre the same track carries in
	 * the file (pipeline.fusion)? fusion_cells counts, per confusion cell,
	 * the errors a multi-genre track explains. */
	double top2_test, top2_train, fusion_test, fusion_train;
	gt_confusion fusion_cells_test;
	/* Rows with an imputed value (GT_PREP_IMPUTE: all on the training side)
	 * and how often the model gets them right: all of them, and those in
	 * the validation slice, which it never trained on. */
	size_t imp_n, imp_val_n;
	double imp_acc, imp_val_acc;   /* NaN when there are none */
	double vs_acc;                 /* the whole validation slice; NaN if none */
	/* Permutation importance of the current model on the test rows, for
	 * the file's features (gt_session_importance); dropped whenever the
	 * model changes. */
	gt_importance importance;
	int has_importance;
	/* The training rows' feature statistics (gt_session_featstats), made
	 * when first asked for, or beforehand on a thread of their own
	 * (gt_session_featstats_prefetch); dropped whenever the sets are
	 * rebuilt. While that thread runs it alone writes ftable, featstats
	 * and fs_status; the session reads them after joining it. */
	gt_ftable_buf ftable;
	gt_featstats featstats;
	int has_featstats;
	pthread_t fs_thread;
	int fs_running;           /* fs_thread started and not yet joined */
	gt_status fs_status;      /* what it made, once joined */
	gt_error fs_err;
} gt_session;

gt_status gt_session_open(gt_session *s, const char *path,
                          const gt_pipeline_opts *o, gt_error *err);
void gt_session_close(gt_session *s);
/* A session on a pipeline the caller opened (gt_pipeline_open_clean: a
 * file's own schema), which it takes over (*p is left empty). */
gt_status gt_session_open_pipeline(gt_session *s, gt_pipeline *p, gt_error *err);

/* A session on src's rows with sets of its own (gt_pipeline_share), which
 * trains with `threads` threads: runs side by side each take one. src must
 * outlive it; close it with gt_session_close. */
gt_status gt_session_share(gt_session *s, const gt_session *src, int threads,
                           gt_error *err);

/* Rebuild the sets for a preparation (see gt_pipeline_prepare), or for one
 * cross-validation fold (gt_pipeline_fold); any model is dropped. */
gt_status gt_session_prepare(gt_session *s, gt_prep prep, const gt_norm *fixed,
                             gt_error *err);
gt_status gt_session_fold(gt_session *s, gt_prep prep, int nfolds, int fold,
                          gt_error *err);

/* Start a fresh run (any previous model and metrics are dropped), its steps
 * shared by up to the pipeline's threads (no more than the CPUs this
 * process may use: the members of a step wait for each other). The sets
 * are first rebuilt on the study's split if hp->prep differs from theirs
 * (a fold stays a fold: call gt_session_prepare to leave it). The network's
 * last layer gets one output per genre of the file (pipe.clean.genres.k),
 * whatever arch says. The trainer gets hp sized to the training rows
 * (gt_hparams_size, preset.h): trainer.hp is what it trains with. */
gt_status gt_session_start(gt_session *s, const gt_arch *arch,
                           const gt_hparams *hp, gt_error *err);

/* One training step (see gt_trainer_step); when the last epoch finishes the
 * model is evaluated. Returns what gt_trainer_step returns. */
int gt_session_step(gt_session *s, gt_epoch *done);

/* Evaluate the current model on both sets (also for a run stopped early). */
void gt_session_evaluate(gt_session *s);

/* Take a model trained elsewhere (a saved model file): its weights, and its
 * normalisation, which the session's rows are rescaled to; then evaluate.
 * Its outputs must be as many as the file's genres (GT_ERR_MODEL otherwise;
 * that the names agree is the caller's to check, gt_genres_same).
 * The trainer holds no history (epochs_trained is recorded only). */
gt_status gt_session_adopt(gt_session *s, const gt_model *m, const gt_norm *norm,
                           const gt_hparams *hp, int epochs_trained, gt_error *err);

/* Permutation importance (importance.h) of the current model on the test
 * rows, feature by feature as the file has them (its layout's source
 * columns: the study's numeric features, key, mode; a one-hot column's
 * inputs together), into s->importance. GT_ERR_ARG when there is no model or no test
 * row. */
gt_status gt_session_importance(gt_session *s, const gt_importance_opts *o, gt_error *err);

/* The feature statistics (featstats.h) of the current training rows, as
 * gt_ftable_training lays them out, computed on the pipeline's threads the
 * first time they are asked for after the sets were (re)built; NULL when
 * out of memory (err says so). Valid until the sets are rebuilt or the
 * session closes. */
const gt_featstats *gt_session_featstats(gt_session *s, gt_error *err);

/* Start making them on a thread of their own, if they are not made or
 * being made, so that gt_session_featstats finds them ready (the Features
 * pane's first draw need not wait): the same statistics, which only read
 * the sets. Rebuilding the sets or closing the session waits for it.
 * Returns 1 if a thread started, 0 if none was needed or one could not
 * start (gt_session_featstats then makes them itself). */
int gt_session_featstats_prefetch(gt_session *s);

#endif
