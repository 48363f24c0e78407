/* session.h: one dataset, one model, its training and its evaluation.
 *
 * What the batch mode and the terminal UI share: open a CSV through the
 * pipeline, start a training run from an architecture and hyperparameters,
 * advance it step by step, and evaluate the finished model on the test and
 * training rows (confusion matrices, classification reports). */
#ifndef GENRETUI_SESSION_H
#define GENRETUI_SESSION_H

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
} gt_session;

gt_status gt_session_open(gt_session *s, const char *path,
                          const gt_pipeline_opts *o, gt_error *err);
void gt_session_close(gt_session *s);

/* Start a fresh run (any previous model and metrics are dropped). */
gt_status gt_session_start(gt_session *s, const gt_arch *arch,
                           const gt_hparams *hp, gt_error *err);

/* One training step (see gt_trainer_step); when the last epoch finishes the
 * model is evaluated. Returns what gt_trainer_step returns. */
int gt_session_step(gt_session *s, gt_epoch *done);

/* Evaluate the current model on both sets (also for a run stopped early). */
void gt_session_evaluate(gt_session *s);

/* Take a model trained elsewhere (a saved model file): its weights, and its
 * normalisation, which the session's rows are rescaled to; then evaluate.
 * The trainer holds no history (epochs_trained is recorded only). */
gt_status gt_session_adopt(gt_session *s, const gt_model *m, const gt_minmax *norm,
                           const gt_hparams *hp, int epochs_trained, gt_error *err);

#endif
