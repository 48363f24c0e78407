/* threads.h: a helper thread that starts on another CPU; a job run in two;
 * a queue of work items.
 *
 * The core splits its big steps (a file's parts, the cleaning, the
 * statistics) between the calling thread and one helper. Linux puts a new
 * thread on its parent's CPU and moves it only when the load balancer next
 * runs, the two sharing one CPU until then, which can last as long as the
 * work itself (bench/README.md). So the helper starts with an affinity that
 * leaves out the caller's CPU, and runs on another at once. Once running, the helper takes
 * back the affinity the caller had, so the scheduler is free to move it
 * later. Where this cannot be done (one CPU allowed, or not Linux), it is
 * plain pthread_create. */
#ifndef GENRETUI_THREADS_H
#define GENRETUI_THREADS_H

#include <pthread.h>
#include <stddef.h>

typedef struct {
	pthread_t id;
	void *(*fn)(void *);
	void *arg;
	int restore;                 /* mask below is the caller's affinity */
	unsigned long mask[16];      /* (a cpu_set_t: 1024 CPUs) */
} gt_thread;

/* Run fn(arg) in a new thread described by t, which must stay in place
 * until gt_thread_join; every signal is blocked in it (the caller's
 * threads take them). Returns 0, or an error number (no thread). */
int gt_thread_start(gt_thread *t, void *(*fn)(void *), void *arg);

/* If the calling thread runs on CPU cpu and may run elsewhere, move it to
 * another of its CPUs now (its affinity is the same after). A thread woken
 * from a sleep is put on its waker's CPU, and left to share it until the
 * load balancer next runs (milliseconds): a team's worker that slept
 * moves off its caller's CPU so. */
void gt_thread_leave_cpu(int cpu);

/* Wait for t's thread to end; returns what fn returned. */
void *gt_thread_join(gt_thread *t);

/* fn(a) in the calling thread and, if helped, fn(b) in a helper at the
 * same time; both have run on return (fn(b) after fn(a), in the caller,
 * when no helper is asked for or none can be started). */
void gt_thread_pair(void *(*fn)(void *), void *a, void *b, int helped);

/* fn(args[0]) in the calling thread and fn(args[i]), i = 1..n-1, in
 * helpers at the same time (args: n structs of size bytes each); all have
 * run on return (those whose helper could not be started, in the caller,
 * after the others). n <= 1: fn(args[0]) alone. */
void gt_thread_all(void *(*fn)(void *), void *args, size_t size, int n);

/* The most threads a job may use (--threads): the switch clamps to it. */
#define GT_THREADS_MAX 64

/* The CPUs this process may run on (sched_getaffinity), at least 1. */
int gt_threads_available(void);

/* Threads to use for a request: n if 1..GT_THREADS_MAX (GT_THREADS_MAX
 * above it), the CPUs available if n <= 0. */
int gt_threads_resolve(int n);

/* Work items first..n-1, handed out one at a time to whichever thread asks
 * next: threads that take items as they come finish together, where with
 * fixed halves one waits for the other whenever a page fault or the host
 * slows it. */
typedef struct {
	size_t next, n;
	pthread_mutex_t lock;
} gt_queue;

void gt_queue_init(gt_queue *q, size_t first, size_t n);

/* The next item, or n when all are taken. */
size_t gt_queue_take(gt_queue *q);

void gt_queue_free(gt_queue *q);

#endif
