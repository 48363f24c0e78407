/* runs.h: independent training runs side by side (--repeat, --cv).
 *
 * Runs 0..n-1 are taken in order by up to `threads` runners, the caller
 * one of them. Each runner trains its runs in a session of its own that
 * shares the main session's rows (gt_session_share), one thread a run;
 * run n-1 trains in the main session itself, which so ends as a loop of
 * the runs one after another leaves it. A runner that finds no run left
 * hands its thread back, and a run still training takes the threads handed
 * back between two of its steps (gt_trainer_threads): the last run of
 * --cv 5 on two threads trains on both once the other runner is done.
 *
 * A run's figures depend only on its setup (its fold, its seed) and the
 * main session's rows, never on the runner, the session or the number of
 * threads that trained it: the output is that of the runs one after
 * another (tests/threads.sh). */
#ifndef GENRETUI_RUNS_H
#define GENRETUI_RUNS_H

#include "genretui/session.h"

typedef struct {
	/* Make session s ready for run i (e.g. gt_session_fold) and set its
	 * hyperparameters in *hp (a copy of the common ones, e.g. the seed).
	 * GT_OK, or a failure said in err. Called from any runner. */
	gt_status (*setup)(void *ctx, int i, gt_session *s, gt_hparams *hp, gt_error *err);
	/* Run i has trained (and been evaluated) in s with *hp: take its
	 * figures. Called from the runner that trained it, runs in any order
	 * and maybe at once. */
	void (*finished)(void *ctx, int i, const gt_session *s, const gt_hparams *hp);
	/* Runs 0..i have finished: show run i. Called in run order, one call
	 * at a time, from any runner. May be NULL. */
	void (*in_order)(void *ctx, int i);
	void *ctx;
} gt_runs_calls;

/* Train runs 0..n-1 of arch with hp as set up by calls, up to `threads`
 * at once (1: one after another in main). Stops taking runs at the first
 * failure, whose message err gets; the runs before it have finished. */
gt_status gt_runs_train(gt_session *main, const gt_arch *arch, const gt_hparams *hp,
                        int n, int threads, const gt_runs_calls *calls, gt_error *err);

#endif
