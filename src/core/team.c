/* team.c: workers that share the items of short jobs (see team.h).
 *
 * Each member has a list of the job's items of its own: member m's are m,
 * m + n, m + 2n, ... (n members). A member takes the items of its list in
 * order, then those left on the others' lists. While every member runs,
 * each so does the same items step after step, and what an item writes
 * (a lane chunk's activations, a group of units' gradients and Adam
 * moments) stays in one CPU's cache, where items taken as they came moved
 * it to the other CPU whenever the two took them the other way round. A
 * member off its CPU still holds up a job for no more than the item it
 * took: the others take the rest of its list.
 *
 * claims[m] holds a job's number and the next index into m's list; `job`
 * holds the number and the job's count of items. The caller writes the job
 * (fn, arg), sets every claim to the new number, and then publishes the
 * job by storing its number in `job`. A member takes an item by moving a
 * claim on with a compare-and-swap, which fails once the job is replaced,
 * so a member that woke late never takes an item of a job but the one it
 * read. fn and arg are read only after an item was taken: they stay as
 * they are until every item is counted done, and the next job is not
 * published before that.
 *
 * Waiting is a spin of SPIN_ROUNDS pauses, then a sleep on a condition
 * variable. The sleeper counts and the variables they guard are
 * sequentially consistent atomics: a sleeper registers itself before it
 * checks again, and the other side changes the variable before it looks
 * for sleepers, so one of the two always sees the other (no wake-up is
 * lost).
 *
 * A member that took an item and then lost its CPU (another process runs
 * there) holds the job until it runs again, a time slice of the kernel
 * (milliseconds) where a job takes tens of microseconds: two threads would
 * then go slower than one. So when the caller, its own items done, waited
 * for an item still held far longer than an item takes (HELD_S,
 * HELD_ITEMS), it does the next jobs alone (their items in order, as
 * without a team: which member takes an item changes nothing it computes)
 * and then asks the workers again; the number of jobs done alone doubles
 * each time this happens in a row, up to SOLO_MAX, and starts again from
 * SOLO_MIN once a job is shared without it. */
#define _GNU_SOURCE     /* sched_getcpu */

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "genretui/team.h"
#include "genretui/threads.h"

/* Pauses a waiting member spins before it sleeps: about a hundred
 * microseconds, longer than a training step's serial part (the next job
 * comes within it), far shorter than a paused run, and short enough not to
 * take much from other processes when the CPUs are shared. */
#define SPIN_ROUNDS 2000

/* Jobs the caller does alone after it waited for a member off its CPU:
 * at first some sixteen to thirty training steps (a step is two jobs, or
 * one in a chain), at most about a second of them. */
#define SOLO_MIN 32
#define SOLO_MAX 8192

/* A member holds the job off its CPU when the caller, its own items done,
 * waits for it longer than HELD_S seconds and than
 * HELD_ITEMS times the longest item it took (a member that runs ends its
 * item within about one; a time slice given to another process is a
 * millisecond or more). */
#define HELD_S 0.0005
#define HELD_ITEMS 4

typedef struct {
	gt_team *team;
	int i;
	gt_thread thread;
} member;

/* A member's claim on its list, alone on its cache line. */
typedef struct {
	_Alignas(64) atomic_uint_fast64_t w;   /* job number << 32 | next index */
} claim;

struct gt_team {
	int n;
	member *workers;             /* [n - 1]: members 1..n-1 */
	gt_team_fn fn;               /* the current job */
	void *arg;
	atomic_uint_fast64_t job;    /* job number << 32 | count of items */
	claim *claims;               /* [n] */
	atomic_int done;             /* items of the current job done */
	atomic_int stop;
	atomic_int sleepers;         /* workers asleep on `wake` */
	atomic_int caller_asleep;    /* the caller asleep on `all_done` */
	atomic_int caller_cpu;       /* where the caller ran its last job */
	int solo_left;               /* jobs the caller does alone before asking again */
	int solo_next;               /* how many the next wait for a member sets */
	pthread_mutex_t lock;
	pthread_cond_t wake, all_done;
};

void gt_team_relax(int round)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
	if (round % 256 == 255)      /* let another thread on this CPU run */
		sched_yield();
}

#define ITEMS_MAX 0x7fffffff

static inline uint32_t job_of(uint64_t w)
{
	return (uint32_t)(w >> 32);
}

static inline uint32_t low_of(uint64_t w)
{
	return (uint32_t)w;
}

/* Wait until a job other than `seen` is published (or stop); returns its
 * number. */
static uint32_t wait_job(gt_team *t, uint32_t seen)
{
	uint32_t g;

	for (int r = 0; r < SPIN_ROUNDS; r++) {
		if ((g = job_of(atomic_load(&t->job))) != seen || atomic_load(&t->stop))
			return g;
		gt_team_relax(r);
	}
	pthread_mutex_lock(&t->lock);
	atomic_fetch_add(&t->sleepers, 1);
	while ((g = job_of(atomic_load(&t->job))) == seen && !atomic_load(&t->stop))
		pthread_cond_wait(&t->wake, &t->lock);
	atomic_fetch_sub(&t->sleepers, 1);
	pthread_mutex_unlock(&t->lock);
	gt_thread_leave_cpu(atomic_load(&t->caller_cpu));   /* (woken beside it) */
	return g;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* The length of member m's list in a job of count items. */
static inline uint32_t list_len(uint32_t count, int n, int m)
{
	return count > (uint32_t)m ? (count - (uint32_t)m + (uint32_t)n - 1) / (uint32_t)n : 0;
}

/* Item `item` of the current job, by member `who`; counted done. */
static void run_item(gt_team *t, uint32_t count, uint32_t item, int who)
{
	t->fn(t->arg, (int)item, who);
	if (atomic_fetch_add(&t->done, 1) + 1 == (int)count && atomic_load(&t->caller_asleep)) {
		pthread_mutex_lock(&t->lock);
		pthread_cond_signal(&t->all_done);
		pthread_mutex_unlock(&t->lock);
	}
}

/* Take the items of job `job` left on member m's list, as member `who`;
 * returns 0 once the job is replaced. For the caller (0), *longest is the
 * seconds the longest of them took. */
static int take_list(gt_team *t, uint32_t job, uint32_t count, int m, int who,
                     double *longest)
{
	atomic_uint_fast64_t *c = &t->claims[m].w;
	uint32_t len = list_len(count, t->n, m);
	uint64_t v = atomic_load(c);

	while (job_of(v) == job && low_of(v) < len) {
		double t0 = 0;

		if (!atomic_compare_exchange_weak(c, &v, v + 1))
			continue;                 /* v is reloaded */
		if (who == 0)
			t0 = now_s();
		run_item(t, count, (uint32_t)m + low_of(v) * (uint32_t)t->n, who);
		if (who == 0)
			*longest = fmax(*longest, now_s() - t0);
		v = atomic_load(c);
	}
	return job_of(v) == job;
}

/* Take the items of job `job` that are left, as member `who`: its own
 * list, then the others'. For the caller (0), returns the seconds the
 * longest of them took (0 if it took none). */
static double take_items(gt_team *t, uint32_t job, int who)
{
	uint64_t jw = atomic_load(&t->job);
	double longest = 0;

	if (job_of(jw) != job)
		return 0;
	for (int i = 0; i < t->n; i++)
		if (!take_list(t, job, low_of(jw), (who + i) % t->n, who, &longest))
			break;
	return longest;
}

static void *worker_main(void *arg)
{
	member *w = arg;
	gt_team *t = w->team;
	uint32_t seen = 0;

	for (;;) {
		seen = wait_job(t, seen);
		if (atomic_load(&t->stop))
			return NULL;
		take_items(t, seen, w->i);
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

/* Wait until the current job's count items are done; returns the
 * seconds waited. */
static double wait_done(gt_team *t, int count)
{
	double t0 = now_s();
	int r;

	for (r = 0; r < SPIN_ROUNDS && atomic_load(&t->done) != count; r++)
		gt_team_relax(r);
	if (r == SPIN_ROUNDS) {
		pthread_mutex_lock(&t->lock);
		atomic_store(&t->caller_asleep, 1);
		while (atomic_load(&t->done) != count)
			pthread_cond_wait(&t->all_done, &t->lock);
		atomic_store(&t->caller_asleep, 0);
		pthread_mutex_unlock(&t->lock);
	}
	return now_s() - t0;
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
	t->claims = aligned_alloc(64, (size_t)n * sizeof(*t->claims));
	if (!t->claims) {
		free(t->workers);
		free(t);
		return NULL;
	}
	atomic_init(&t->job, 0);
	for (int i = 0; i < n; i++)
		atomic_init(&t->claims[i].w, 0);
	t->solo_next = SOLO_MIN;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->wake, NULL);
	pthread_cond_init(&t->all_done, NULL);
	for (int i = 1; i < n; i++) {
		member *w = &t->workers[started];

		w->team = t;
		w->i = started + 1;
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

void gt_team_run(gt_team *t, gt_team_fn fn, void *arg, int count)
{
	uint32_t job;
	double longest, waited;

	if (!t || count <= 1 || count > ITEMS_MAX || t->solo_left > 0) {
		if (t && count > 1 && count <= ITEMS_MAX)
			t->solo_left--;
		for (int i = 0; i < count; i++)
			fn(arg, i, 0);
		return;
	}
	t->fn = fn;
	t->arg = arg;
	atomic_store(&t->done, 0);
	atomic_store(&t->caller_cpu, sched_getcpu());
	job = job_of(atomic_load(&t->job)) + 1;
	for (int i = 0; i < t->n; i++)
		atomic_store(&t->claims[i].w, (uint64_t)job << 32);
	atomic_store(&t->job, (uint64_t)job << 32 | (uint32_t)count);   /* published */
	wake_workers(t);
	longest = take_items(t, job, 0);
	waited = wait_done(t, count);
	if (longest > 0 && waited > HELD_S && waited > HELD_ITEMS * longest) {
		t->solo_left = t->solo_next;
		t->solo_next = t->solo_next < SOLO_MAX ? 2 * t->solo_next : SOLO_MAX;
	} else {
		t->solo_next = SOLO_MIN;
	}
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
	pthread_cond_destroy(&t->all_done);
	pthread_mutex_destroy(&t->lock);
	free(t->claims);
	free(t->workers);
	free(t);
}
