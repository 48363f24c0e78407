/* team.c: workers that take short jobs by turns (see team.h).
 *
 * A job is announced by bumping `gen`; each worker waits for gen to move,
 * runs its share, and counts itself out of `pending`. Waiting is a spin of
 * SPIN_ROUNDS pauses, then a sleep on a condition variable. The sleeper
 * counts and the variables they guard are sequentially consistent atomics:
 * a sleeper registers itself before it checks again, and the other side
 * changes the variable before it looks for sleepers, so one of the two
 * always sees the other (no wake-up is lost). */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "genretui/team.h"
#include "genretui/threads.h"

/* Pauses a waiting member spins before it sleeps: about a hundred
 * microseconds, longer than a training step's serial part (the next job
 * comes within it), far shorter than a paused run, and short enough not to
 * take much from other processes when the CPUs are shared. */
#define SPIN_ROUNDS 2000

typedef struct {
	gt_team *team;
	int i;
	gt_thread thread;
} member;

struct gt_team {
	int n;
	member *workers;             /* [n - 1]: members 1..n-1 */
	gt_team_fn fn;               /* the current job */
	void *arg;
	atomic_uint gen;             /* bumped for each job */
	atomic_int pending;          /* workers yet to finish the current job */
	atomic_int stop;
	atomic_int sleepers;         /* workers asleep on `wake` */
	atomic_int caller_asleep;    /* the caller asleep on `done` */
	pthread_mutex_t lock;
	pthread_cond_t wake, done;
};

static inline void relax(int round)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
	if (round % 256 == 255)      /* let another thread on this CPU run */
		sched_yield();
}

/* Wait until gen differs from seen (or stop); returns gen. */
static unsigned wait_job(gt_team *t, unsigned seen)
{
	unsigned g;

	for (int r = 0; r < SPIN_ROUNDS; r++) {
		if ((g = atomic_load(&t->gen)) != seen || atomic_load(&t->stop))
			return g;
		relax(r);
	}
	pthread_mutex_lock(&t->lock);
	atomic_fetch_add(&t->sleepers, 1);
	while ((g = atomic_load(&t->gen)) == seen && !atomic_load(&t->stop))
		pthread_cond_wait(&t->wake, &t->lock);
	atomic_fetch_sub(&t->sleepers, 1);
	pthread_mutex_unlock(&t->lock);
	return g;
}

static void *worker_main(void *arg)
{
	member *w = arg;
	gt_team *t = w->team;
	unsigned seen = 0;

	for (;;) {
		seen = wait_job(t, seen);
		if (atomic_load(&t->stop))
			return NULL;
		t->fn(t->arg, w->i, t->n);
		if (atomic_fetch_sub(&t->pending, 1) == 1 && atomic_load(&t->caller_asleep)) {
			pthread_mutex_lock(&t->lock);
			pthread_cond_signal(&t->done);
			pthread_mutex_unlock(&t->lock);
		}
	}
}

static void wake_workers(gt_team *t)
{
	if (atomic_load(&t->sleepers) > 0) {
		pthread_mutex_lock(&t->lock);
		pthread_cond_broadcast(&t->wake);
		pthread_mutex_unlock(&t->lock);
	}
}

/* Wait until every worker has finished the current job. */
static void wait_done(gt_team *t)
{
	for (int r = 0; r < SPIN_ROUNDS; r++) {
		if (atomic_load(&t->pending) == 0)
			return;
		relax(r);
	}
	pthread_mutex_lock(&t->lock);
	atomic_store(&t->caller_asleep, 1);
	while (atomic_load(&t->pending) != 0)
		pthread_cond_wait(&t->done, &t->lock);
	atomic_store(&t->caller_asleep, 0);
	pthread_mutex_unlock(&t->lock);
}

gt_team *gt_team_new(int n)
{
	gt_team *t;
	int started = 0;

	n = n > GT_THREADS_MAX ? GT_THREADS_MAX : n;
	if (n < 2 || !(t = calloc(1, sizeof(*t))))
		return NULL;
	t->workers = calloc((size_t)n - 1, sizeof(*t->workers));
	if (!t->workers) {
		free(t);
		return NULL;
	}
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	pthread_cond_init(&t->done, NULL);
	for (int i = 1; i < n; i++) {
		member *w = &t->workers[started];

		w->team = t;
		w->i = started + 1;      /* (a worker reads t->n only once given a job) */
		if (gt_thread_start(&w->thread, worker_main, w) != 0)
			break;
		started++;
	}
	t->n = started + 1;
	if (started == 0) {
		gt_team_free(t);
		return NULL;
	}
	return t;
}

int gt_team_size(const gt_team *t)
{
	return t ? t->n : 1;
}

void gt_team_run(gt_team *t, gt_team_fn fn, void *arg)
{
	if (!t) {
		fn(arg, 0, 1);
		return;
	}
	t->fn = fn;
	t->arg = arg;
	atomic_store(&t->pending, t->n - 1);
	atomic_fetch_add(&t->gen, 1);
	wake_workers(t);
	fn(arg, 0, t->n);
	wait_done(t);
}

void gt_team_free(gt_team *t)
{
	if (!t)
		return;
	atomic_store(&t->stop, 1);
	pthread_mutex_lock(&t->lock);
	pthread_cond_broadcast(&t->wake);
	pthread_mutex_unlock(&t->lock);
	for (int i = 0; i < t->n - 1; i++)
		gt_thread_join(&t->workers[i].thread);
	pthread_cond_destroy(&t->wake);
	pthread_cond_destroy(&t->done);
	pthread_mutex_destroy(&t->lock);
	free(t->workers);
	free(t);
}
