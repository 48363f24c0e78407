/* train.h: training exposed as a step.
 *
 * One call of gt_trainer_step trains on one mini-batch; an epoch is a loop of
 * steps over a fresh shuffle of the training rows. The TUI, the batch mode and
 * the tests all drive training through this, never through a loop of their
 * own. Everything random (initial weights, batch order) comes from hp.seed. */
#ifndef GENRETUI_TRAIN_H
#define GENRETUI_TRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/adam.h"
#include "genretui/model.h"
#include "genretui/normalize.h"
#include "genretui/rng.h"
#include "genretui/status.h"

typedef enum {
	GT_LR_CONSTANT,      /* lr throughout (the study) */
	GT_LR_COSINE         /* epoch e (0-based) of E: lr_min + (lr - lr_min) (1 + cos(pi e / E)) / 2 */
} gt_lr_schedule;

typedef struct {
	int epochs;          /* >= 1; the most, with early stopping */
	int batch_size;      /* >= 1 */
	double lr, beta1, beta2, eps;   /* Adam */
	uint32_t seed;       /* weight initialisation, batch order, validation
	                        slice and dropout masks */
	/* Beyond the study (all zero for it): */
	gt_prep prep;        /* how the rows are prepared (normalize.h); the
	                        session rebuilds its sets to match */
	gt_lr_schedule schedule;
	double lr_min;       /* GT_LR_COSINE's floor */
	double dropout;      /* probability of zeroing a hidden ReLU unit while
	                        training (inverted dropout), 0 for none */
	double val_fraction; /* share of the training rows held out as the
	                        validation slice (early stopping), 0 for none */
	int patience;        /* stop after this many epochs without a better
	                        validation accuracy, restoring the best weights;
	                        0 never stops early (best weights still restored
	                        when there is a slice) */
} gt_hparams;

/* Figures of one finished epoch. */
typedef struct {
	int epoch;               /* 1-based */
	double loss, accuracy;   /* training: mean over the epoch's batches, weighted
	                            by batch size, with the weights as they were at
	                            each batch (what Keras prints) */
	double val_loss, val_accuracy; /* held-out (test) rows after the epoch; NaN if none */
	double vs_loss, vs_accuracy;   /* the validation slice after the epoch; NaN if none */
	double lr;                     /* learning rate of the epoch */
	double seconds;          /* wall time of the epoch, evaluation included */
} gt_epoch;

typedef struct {
	gt_model *model;
	gt_adam adam;
	gt_rng rng;
	gt_samples train, test;
	gt_hparams hp;
	uint32_t *order;         /* train.n row indices, reshuffled every epoch */
	size_t pos;              /* next row of order in this epoch */
	int epoch;               /* epochs completed */
	double loss_sum;         /* sum over rows seen this epoch of per-row loss */
	size_t correct, seen;    /* this epoch's running accuracy */
	double epoch_start;      /* monotonic seconds */
	int *ybatch;             /* [batch_size] labels of the batch (its rows go
	                            straight into the model's input lanes) */
	gt_epoch *history;       /* hp.epochs entries, epoch of them filled */
	int *test_pred;          /* optional, set by the caller: [test.n] argmax
	                            per held-out row, refreshed at every epoch end */
	/* Validation slice and early stopping (hp.val_fraction > 0): the first
	 * nval entries of a seeded shuffle of the training rows are held out;
	 * order[] holds the others (train.n - nval of them). */
	uint32_t *val_idx;       /* [nval] training-row indices of the slice */
	size_t nval;
	gt_samples val;          /* the slice's rows, copied compact (xval,
	                            hotval, yval) */
	gt_real *xval;           /* [nval][train.nnum] */
	uint8_t *hotval;         /* [nval], NULL when train.nhot is 0 */
	int *yval;
	gt_real *best_params;    /* [nparams] weights of the best epoch */
	int best_epoch;          /* 1-based, 0 before the first epoch */
	double best_vs;          /* its validation-slice accuracy */
	int stopped;             /* stopped early (patience ran out) */
	uint32_t step_count;     /* steps taken: the dropout masks' key */
	/* Threads (gt_trainer_threads): a team shares each step and each
	 * evaluation, NULL when the caller does them alone. */
	struct gt_team *team;
	struct gt_chain *chain;  /* the step split along the team, where it fits
	                            (chain.h); else the team's own split */
	double *chunk_loss;      /* [lanes / GT_LANE_ROUND]: a batch's loss per
	                            GT_LANE_ROUND lanes, summed in order after */
	gt_model *eval_ws;       /* [team size - 1]: workspaces over the model's
	                            weights, for members 1.. of an evaluation */
	int eval_members;        /* members with a workspace (the caller's the
	                            model's own); the team's size, or the caller
	                            evaluates alone */
	double *batch_loss;      /* an evaluation's loss per batch, summed in
	                            order after */
	/* Pacing (train.c): steps shared by the team or done by the caller
	 * alone, whichever went faster when last tried. */
	int pace_pos;            /* step within the pacing period */
	int pace_alone;          /* the caller does this period's steps alone */
	double pace_s[2];        /* seconds of the period's trial steps: alone, shared */
	/* An epoch's evaluation, done GT_EVAL_ROWS rows a call (gt_trainer_step)
	 * once its last batch is trained: */
	int eval_set;            /* 1 the validation slice, 2 the test rows, 0 none under way */
	size_t eval_pos;         /* next row of that set */
	double eval_sum;         /* its loss so far, batch by batch */
	size_t eval_correct;     /* its rows right so far */
} gt_trainer;

/* Rows of an epoch's evaluation a call of gt_trainer_step does at most
 * (whole batches of the model's max_batch, at least one): a step of the
 * interface's training stays short where the evaluation of a big test set
 * would hold a key. */
#define GT_EVAL_ROWS 2048

/* Prepare training of m on train (test may have n == 0), whose rows have
 * nnum + nhot == m's inputs (gt_samples, model.h): seeds the random
 * generator with hp->seed, gives m fresh Glorot weights, resets Adam. m must
 * have been made with max_batch >= hp->batch_size. */
gt_status gt_trainer_init(gt_trainer *t, gt_model *m, const gt_samples *train,
                          const gt_samples *test, const gt_hparams *hp,
                          gt_error *err);
void gt_trainer_free(gt_trainer *t);

/* Train one mini-batch, or once an epoch's batches are trained, go on with
 * its evaluation (the validation slice, then the test rows: GT_EVAL_ROWS
 * rows a call, begun in the call of the last batch). Returns 1 when the
 * call finished an epoch, evaluation included (then *done, if not NULL,
 * gets its figures, which are also in history), 0 when the epoch goes on,
 * -1 when training is over (nothing happens). The figures do not depend on
 * how the evaluation is cut (its sums go on in the same order). Training is over
 * after hp.epochs epochs, or earlier when patience runs out; with a
 * validation slice, the best epoch's weights are then put back. */
int gt_trainer_step(gt_trainer *t, gt_epoch *done);

/* Share the steps and evaluations from now on among up to `threads`
 * threads (1: the caller alone), as many as gt_trainer_useful_threads
 * allows; returns how many will. May be called between any two steps: the
 * figures and the weights are the same bytes whatever the number of
 * threads (the threads take a batch's lane chunks, then groups of a
 * layer's units, each computed as the caller alone computes it, and every
 * sum runs in the order the caller alone would take). */
int gt_trainer_threads(gt_trainer *t, int threads);

/* Threads that share t's steps and evaluations now (1: the caller alone,
 * as for a network too small to share). */
int gt_trainer_team_size(const gt_trainer *t);

/* Threads a step of t can use: 1 when its batches are too small for a
 * second thread to pay (the study's 35-35-10 and batches of 16), more for
 * a wide network on batches of 32 rows or more. */
int gt_trainer_useful_threads(const gt_trainer *t);

/* Steps (batches) per epoch: ceil(rows trained on / batch_size). */
size_t gt_trainer_steps_per_epoch(const gt_trainer *t);
/* Steps already taken in the current epoch. */
size_t gt_trainer_steps_done(const gt_trainer *t);
int gt_trainer_finished(const gt_trainer *t);
/* Rows trained on per epoch (train.n less the validation slice). */
size_t gt_trainer_rows(const gt_trainer *t);

/* A batch of gt_trainer_scan, taken by member `member`:
 * rows first..first+n-1 of the set, whose outputs are out[c * lanes + r]
 * for r < n (valid during the call). */
typedef void (*gt_scan_fn)(void *ctx, int member, size_t first, int n,
                           const gt_real *out, int lanes);

/* gt_evaluate of t's model on s, shared by t's threads as its evaluations
 * are (the same figures and predictions), handing each batch to see
 * (may be NULL) once its rows' argmax is in pred. The members call see at
 * the same time: it may write only what belongs to its rows or to its
 * member (member < GT_THREADS_MAX). */
void gt_trainer_scan(gt_trainer *t, const gt_samples *s, double *loss, double *acc,
                     int *pred, gt_scan_fn see, void *ctx);

/* Mean loss and accuracy of m over s (in batches of m->max_batch); pred, if
 * not NULL, receives the argmax class of each row. Either of loss/acc may be
 * NULL. Does nothing useful when s->n == 0 (both NaN). */
void gt_evaluate(gt_model *m, const gt_samples *s, double *loss, double *acc,
                 int *pred);

/* Monotonic clock in seconds. */
double gt_now(void);

#endif
