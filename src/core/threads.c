/* threads.c: helper threads started on another CPU, a job in two, work
 * queues (see threads.h). */
#define _GNU_SOURCE     /* sched_getcpu, CPU_*, pthread_*affinity_np */

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "genretui/threads.h"

#if defined(__linux__) && defined(CPU_SETSIZE)
#define SPREAD 1
_Static_assert(sizeof(cpu_set_t) <= sizeof(((gt_thread *)0)->mask),
               "gt_thread.mask holds a cpu_set_t");
#else
#define SPREAD 0
#endif

static void *trampoline(void *arg)
{
	gt_thread *t = arg;

#if SPREAD
	cpu_set_t all;

	if (t->restore) {
		memcpy(&all, t->mask, sizeof(all));
		pthread_setaffinity_np(pthread_self(), sizeof(all), &all);
	}
#endif
	return t->fn(t->arg);
}

/* An affinity for the new thread: the caller's CPUs but the one it runs
 * on; 0, or -1 if there is no other. */
static int other_cpus(gt_thread *t, pthread_attr_t *attr)
{
#if SPREAD
	cpu_set_t all, other;
	int cpu = sched_getcpu();

	if (cpu < 0 || cpu >= CPU_SETSIZE ||
	    pthread_getaffinity_np(pthread_self(), sizeof(all), &all) != 0 ||
	    !CPU_ISSET(cpu, &all) || CPU_COUNT(&all) < 2)
		return -1;
	other = all;
	CPU_CLR(cpu, &other);
	if (pthread_attr_setaffinity_np(attr, sizeof(other), &other) != 0)
		return -1;
	memcpy(t->mask, &all, sizeof(all));
	return 0;
#else
	(void)t, (void)attr;
	return -1;
#endif
}

/* pthread_create with every signal blocked in the new thread (it inherits
 * the mask): signals go to the program's own threads, whose handlers and
 * interrupted reads (a terminal resized, Ctrl-C in the interface) must see
 * them, never to a helper computing. */
static int create(pthread_t *id, const pthread_attr_t *attr, gt_thread *t)
{
	sigset_t all, old;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(id, attr, trampoline, t);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}

int gt_thread_start(gt_thread *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	int rc;

	memset(t, 0, sizeof(*t));
	t->fn = fn;
	t->arg = arg;
	if (pthread_attr_init(&attr) != 0)
		return create(&t->id, NULL, t);
	t->restore = other_cpus(t, &attr) == 0;
	rc = create(&t->id, &attr, t);
	pthread_attr_destroy(&attr);
	return rc;
}

void *gt_thread_join(gt_thread *t)
{
	void *ret = NULL;

	pthread_join(t->id, &ret);
	return ret;
}

void gt_thread_leave_cpu(int cpu)
{
#if SPREAD
	cpu_set_t all, other;

	if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getcpu() != cpu ||
	    pthread_getaffinity_np(pthread_self(), sizeof(all), &all) != 0 ||
	    !CPU_ISSET(cpu, &all) || CPU_COUNT(&all) < 2)
		return;
	other = all;
	CPU_CLR(cpu, &other);
	if (pthread_setaffinity_np(pthread_self(), sizeof(other), &other) == 0)
		pthread_setaffinity_np(pthread_self(), sizeof(all), &all);
#else
	(void)cpu;
#endif
}

void gt_thread_pair(void *(*fn)(void *), void *a, void *b, int helped)
{
	gt_thread t;
	int two = helped && gt_thread_start(&t, fn, b) == 0;

	fn(a);
	if (two)
		gt_thread_join(&t);
	else
		fn(b);
}

void gt_thread_all(void *(*fn)(void *), void *args, size_t size, int n)
{
	gt_thread t[GT_THREADS_MAX];
	int started[GT_THREADS_MAX] = { 0 };
	char *arg = args;

	n = n > GT_THREADS_MAX ? GT_THREADS_MAX : n;
	for (int i = 1; i < n; i++)
		started[i] = gt_thread_start(&t[i], fn, arg + (size_t)i * size) == 0;
	fn(arg);
	for (int i = 1; i < n; i++)
		if (started[i])
			gt_thread_join(&t[i]);
	for (int i = 1; i < n; i++)
		if (!started[i])
			fn(arg + (size_t)i * size);
}

int gt_threads_available(void)
{
#if SPREAD
	cpu_set_t all;

	if (sched_getaffinity(0, sizeof(all), &all) == 0 && CPU_COUNT(&all) >= 1)
		return CPU_COUNT(&all);
#endif
	return 1;
}

int gt_threads_resolve(int n)
{
	if (n <= 0)
		n = gt_threads_available();
	return n > GT_THREADS_MAX ? GT_THREADS_MAX : n;
}

void gt_queue_init(gt_queue *q, size_t first, size_t n)
{
	q->next = first;
	q->n = n;
	pthread_mutex_init(&q->lock, NULL);
}

size_t gt_queue_take(gt_queue *q)
{
	size_t i;

	pthread_mutex_lock(&q->lock);
	i = q->next < q->n ? q->next++ : q->n;
	pthread_mutex_unlock(&q->lock);
	return i;
}

void gt_queue_free(gt_queue *q)
{
	pthread_mutex_destroy(&q->lock);
}
