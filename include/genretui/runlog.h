/* runlog.h: the training runs of a session, remembered for comparison: each
 * run's settings, figures and per-epoch curves, oldest first. */
#ifndef GENRETUI_RUNLOG_H
#define GENRETUI_RUNLOG_H

#include "genretui/session.h"

#define GT_RUNLOG_MAX 32          /* runs remembered; the oldest goes first */
#define GT_RUNLOG_POINTS 4096     /* points of each curve kept per run (and plotted) */
#define GT_RUNLOG_CM_BYTES ((size_t)2 << 20)   /* epoch matrices kept per run, at most */

/* A run of n epochs keeps its figures every step-th epoch and at its last:
 * epochs step, 2 step, ... and n, ceil(n / step) points, where step is the
 * smallest power of two that gives at most `points` of them (1 up to
 * `points` epochs), so that a run's curves stay small however long it
 * trains. */
int gt_runlog_step(int n, int points);
/* Epoch (1-based) of point i (0-based) of a run of n epochs kept every
 * step-th. */
static inline int gt_runlog_point_epoch(int i, int step, int n)
{
	long e = (long)(i + 1) * step;

	return e < n ? (int)e : n;
}

/* What a run's model scored, to show it again once other runs followed:
 * its confusion matrices and classification reports. */
typedef struct {
	gt_confusion cm_test, cm_train;
	gt_report rep_test, rep_train;
} gt_runlog_figures;

/* A finished (or stopped) run. */
typedef struct {
	char preset[16];
	int epochs, batch, hidden, n;      /* n: epochs trained */
	int step, points;                  /* the curves: every step-th epoch, points of them */
	int kept;                          /* the epoch whose weights were the model */
	double kept_vacc;                  /* its test accuracy (the plot's mark), or NaN */
	double lr, seconds, test_acc, train_acc, top2, fusion;   /* seconds: train_s */
	unsigned long seed;
	int stopped;
	double *loss, *acc, *vloss, *vacc; /* [points] per-epoch figures: train, test */
	gt_runlog_figures *fig;            /* its matrices and reports */
	int *epoch_cm;                     /* [cm_n][cm_k][cm_k] the test matrix after
	                                      every cm_step-th epoch and the last
	                                      (for a replay), or NULL */
	int cm_k, cm_n, cm_step;
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
 * its replay: gt_epoch_cms_add adds the session's test matrix (which
 * describes the epoch just ended) as epoch s->test_epoch, the next one; a
 * run recorded whole is handed to the run added last with
 * gt_runlog_take_epochs. Those of every step-th epoch and of the latest
 * are kept, as the curves are, at most GT_RUNLOG_POINTS of them and
 * GT_RUNLOG_CM_BYTES in all: when one more would pass either, every other
 * one goes and the step doubles. */
typedef struct {
	int *cm;              /* [n][k][k] */
	int n, cap, k;
	int step, last;       /* epochs kept: step, 2 step, ... and last */
} gt_epoch_cms;
int gt_epoch_cms_add(gt_epoch_cms *h, const gt_confusion *cm, int epoch);
void gt_epoch_cms_free(gt_epoch_cms *h);
void gt_runlog_take_epochs(gt_runlog *r, gt_epoch_cms *h);
/* The matrix of entry x kept at epoch e (1-based), else the latest kept
 * before it, into cm; 0, or -1 when none is (no matrices, e outside 1..n,
 * or e before the first kept). */
int gt_runlog_epoch_matrix(const gt_runlog_entry *x, int e, gt_confusion *cm);
/* The epoch whose matrix gt_runlog_epoch_matrix gives for epoch e (e, or
 * the latest kept before it), or 0 when it gives none. */
int gt_runlog_matrix_epoch(const gt_runlog_entry *x, int e);

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
/* The same at every step-th of the first n epochs and the n-th (see
 * gt_runlog_step); returns the points written, ceil(n / step). */
int gt_runlog_sample(const gt_trainer *t, int n, int step, int acc, double *train,
                     double *test);

#endif
