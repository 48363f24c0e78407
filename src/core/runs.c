/* runs.c: training runs side by side (see runs.h). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/runs.h"
#include "genretui/threads.h"

typedef struct {
	gt_session *main;
	const gt_arch *arch;
	const gt_hparams *hp;
	int n;
	const gt_runs_calls *calls;
	gt_queue queue;          /* the runs not yet taken */
	pthread_mutex_t lock;    /* guards the fields below */
	unsigned char *done;     /* [n]: run i has finished */
	int shown;               /* runs handed to in_order */
	int failed;
	gt_error err;            /* the first failure */
	atomic_int spare;        /* threads handed back and not taken again */
} runs_job;

typedef struct {
	runs_job *job;
	gt_session view;         /* where this runner trains (but run n-1) */
	int has_view;            /* else it trains every run in main */
} runner;

static void fail(runs_job *j, const gt_error *err)
{
	pthread_mutex_lock(&j->lock);
	if (!j->failed)
		j->err = *err;
	j->failed = 1;
	pthread_mutex_unlock(&j->lock);
}

static int failed(runs_job *j)
{
	int f;

	pthread_mutex_lock(&j->lock);
	f = j->failed;
	pthread_mutex_unlock(&j->lock);
	return f;
}

/* Run i has finished: show every run of the finished prefix. */
static void finish(runs_job *j, int i)
{
	pthread_mutex_lock(&j->lock);
	j->done[i] = 1;
	while (j->shown < j->n && j->done[j->shown]) {
		if (j->calls->in_order)
			j->calls->in_order(j->calls->ctx, j->shown);
		j->shown++;
	}
	pthread_mutex_unlock(&j->lock);
}

/* Take one thread handed back, if t can use more than its `mine` (and the
 * CPUs allow more: a step's members wait for each other); returns the
 * threads t now trains with. */
static int claim(runs_job *j, gt_trainer *t, int mine)
{
	int spare = atomic_load(&j->spare), got;

	if (spare <= 0 || mine >= gt_trainer_useful_threads(t) ||
	    mine >= gt_threads_available() ||
	    !atomic_compare_exchange_strong(&j->spare, &spare, spare - 1))
		return mine;
	got = gt_trainer_threads(t, mine + 1);
	if (got < mine + 1)                     /* no thread could be started */
		atomic_fetch_add(&j->spare, mine + 1 - got);
	return got;
}

/* Set up, train and hand over run i in s. 0, or -1 (said in j). */
static int train_one(runs_job *j, gt_session *s, int i)
{
	gt_hparams hp = *j->hp;
	gt_error err = { 0 };
	int mine = 1;

	if (j->calls->setup(j->calls->ctx, i, s, &hp, &err) != GT_OK ||
	    gt_session_start(s, j->arch, &hp, &err) != GT_OK) {
		fail(j, &err);
		return -1;
	}
	gt_trainer_threads(&s->trainer, 1);
	while (gt_session_step(s, NULL) >= 0)
		mine = claim(j, &s->trainer, mine);
	j->calls->finished(j->calls->ctx, i, s, &hp);
	if (mine > 1) {
		gt_trainer_threads(&s->trainer, 1);
		atomic_fetch_add(&j->spare, mine - 1);
	}
	finish(j, i);
	return 0;
}

static void *runner_main(void *arg)
{
	runner *w = arg;
	runs_job *j = w->job;
	size_t i;

	while (!failed(j) && (i = gt_queue_take(&j->queue)) < (size_t)j->n) {
		gt_session *s = !w->has_view || i == (size_t)j->n - 1 ? j->main : &w->view;

		if (train_one(j, s, (int)i) != 0)
			break;
	}
	atomic_fetch_add(&j->spare, 1);         /* its own thread, handed back */
	return NULL;
}

/* Runners and their sessions: one each when there are several. */
static gt_status make_runners(runs_job *j, runner *w, int m, gt_error *err)
{
	for (int r = 0; r < m; r++) {
		w[r] = (runner){ .job = j, .has_view = m > 1 };
		if (m > 1 && gt_session_share(&w[r].view, j->main, 1, err) != GT_OK) {
			while (r-- > 0)
				gt_session_close(&w[r].view);
			return GT_ERR_NOMEM;
		}
	}
	return GT_OK;
}

gt_status gt_runs_train(gt_session *main, const gt_arch *arch, const gt_hparams *hp,
                        int n, int threads, const gt_runs_calls *calls, gt_error *err)
{
	runs_job j = { .main = main, .arch = arch, .hp = hp, .n = n, .calls = calls };
	runner *w;               /* (a session each: too big for the stack) */
	int m;
	gt_status st;

	threads = gt_threads_resolve(threads);
	m = n < threads ? n : threads;
	if (n < 1)
		return GT_OK;
	j.done = calloc((size_t)n, 1);
	w = calloc((size_t)m, sizeof(*w));
	if (!j.done || !w) {
		free(j.done);
		free(w);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for %d runs", n);
	}
	st = make_runners(&j, w, m, err);
	if (st == GT_OK) {
		atomic_init(&j.spare, threads - m);
		pthread_mutex_init(&j.lock, NULL);
		gt_queue_init(&j.queue, 0, (size_t)n);
		gt_thread_all(runner_main, w, sizeof(w[0]), m);
		gt_queue_free(&j.queue);
		pthread_mutex_destroy(&j.lock);
		for (int r = 0; m > 1 && r < m; r++)
			gt_session_close(&w[r].view);
		if (j.failed)
			st = gt_fail(err, j.err.code ? j.err.code : GT_ERR_ARG, "%s", j.err.msg);
	}
	free(j.done);
	free(w);
	return st;
}
