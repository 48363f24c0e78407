/* runlog.h: the training runs of a session, remembered for comparison: each
 * run's settings, figures and per-epoch curves, oldest first. */
#ifndef GENRETUI_RUNLOG_H
#define GENRETUI_RUNLOG_H

#include "genretui/session.h"

#define GT_RUNLOG_MAX 32          /* runs remembered; the oldest goes first */
#define GT_RUNLOG_EPOCHS 4096  /* epochs of curves kept per run */

/* A finished (or stopped) run. */
typedef struct {
	char preset[16];
	int epochs, batch, hidden, n;      /* n: epochs of curves (those trained) */
	double lr, seconds, test_acc, train_acc, top2, fusion;   /* seconds: train_s */
	unsigned long seed;
	int stopped;
	double *loss, *acc, *vloss, *vacc; /* [n] per-epoch figures: train, test */
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

/* Per-epoch figures of the first n epochs of t: loss (acc 0) or accuracy
 * (acc 1), of the training rows into train[] and the test rows into test[]. */
void gt_runlog_series(const gt_trainer *t, int n, int acc, double *train, double *test);

#endif
