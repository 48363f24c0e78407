/* runlog.h: the training runs of a session, remembered for comparison: each
 * run's settings, figures and per-epoch curves, oldest first. */
#ifndef GENRETUI_RUNLOG_H
#define GENRETUI_RUNLOG_H

#include "genretui/session.h"

#define GT_RUNLOG_MAX 32          /* runs remembered; the oldest goes first */
#define GT_RUNLOG_EPOCHS 4096  /* epochs of curves kept per run */

/* What a run's model scored, to show it again once other runs followed:
 * its confusion matrices and classification reports. */
typedef struct {
	gt_confusion cm_test, cm_train;
	gt_report rep_test, rep_train;
} gt_runlog_figures;

/* A finished (or stopped) run. */
typedef struct {
	char preset[16];
	int epochs, batch, hidden, n;      /* n: epochs of curves (those trained) */
	int kept;                          /* the epoch whose weights were the model */
	double lr, seconds, test_acc, train_acc, top2, fusion;   /* seconds: train_s */
	unsigned long seed;
	int stopped;
	double *loss, *acc, *vloss, *vacc; /* [n] per-epoch figures: train, test */
	gt_runlog_figures *fig;            /* its matrices and reports */
	int *epoch_cm;                     /* [n][cm_k][cm_k] the test matrix after
	                                      each epoch (for a replay), or NULL */
	int cm_k;
} gt_runlog_entry;

typedef struct {
	gt_runlog_entry run[GT_RUNLOG_MAX];
	int n;
} gt_runlog;

/* Remember the session's run, evaluated, under the name preset; past
 * GT_RUNLOG_MAX the oldest is forgotten. Returns 0, or -1 when out of memory
 * (nothing is added). */
int gt_runlog_add(gt_runlog *r, const gt_session *s, const char *preset, int stopped);
void gt_runlog_free(gt_runlog *r);

/* The test matrices after each epoch, recorded while a run trains, for
 * its replay: gt_runlog_epoch_cm adds the session's test matrix (which
 * describes the epoch just ended) as epoch s->test_epoch; a run recorded
 * whole is handed to the run added last with gt_runlog_take_epochs. */
typedef struct {
	int *cm;              /* [n][k][k] */
	int n, cap, k;
} gt_epoch_cms;
int gt_epoch_cms_add(gt_epoch_cms *h, const gt_confusion *cm, int epoch);
void gt_epoch_cms_free(gt_epoch_cms *h);
void gt_runlog_take_epochs(gt_runlog *r, gt_epoch_cms *h);
/* Epoch e's (1-based) matrix of entry x into cm; 0, or -1 when not kept. */
int gt_runlog_epoch_matrix(const gt_runlog_entry *x, int e, gt_confusion *cm);

/* Orders of the runs table: as they ran, the best test accuracy first, the
 * best training accuracy first, the best top-2 accuracy first, the
 * fastest first. Ties keep the order they ran in. */
typedef enum { GT_RUNS_BY_RUN, GT_RUNS_BY_TEST, GT_RUNS_BY_TRAIN, GT_RUNS_BY_TOP2,
               GT_RUNS_BY_SECONDS, GT_RUNS_NKEYS } gt_runs_key;
const char *gt_runlog_key_name(gt_runs_key key);   /* "run", "test accuracy", ... */
/* idx[0..r->n-1]: the runs' indices in the order of key. */
void gt_runlog_order(const gt_runlog *r, gt_runs_key key, int *idx);

/* Per-epoch figures of the first n epochs of t: loss (acc 0) or accuracy
 * (acc 1), of the training rows into train[] and the test rows into test[]. */
void gt_runlog_series(const gt_trainer *t, int n, int acc, double *train, double *test);

#endif
