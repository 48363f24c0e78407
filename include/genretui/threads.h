/* threads.h: a helper thread that starts on another CPU.
 *
 * The core splits its big steps (a file's two halves, the cleaning, the
 * statistics) between the calling thread and one helper. Linux puts a new
 * thread on its parent's CPU and moves it when the load balancer next runs:
 * on the 2-CPU VM of bench/README.md, a helper started while its parent
 * computed took 1.2 to 4.2 ms (median 1.8) to run on the other CPU, the two
 * sharing one CPU until then. Started with an affinity that leaves out the
 * caller's CPU, it ran there within 0.1 ms. Once running, the helper takes
 * back the affinity the caller had, so the scheduler is free to move it
 * later. Where this cannot be done (one CPU allowed, or not Linux), it is
 * plain pthread_create. */
#ifndef GENRETUI_THREADS_H
#define GENRETUI_THREADS_H

#include <pthread.h>

typedef struct {
	pthread_t id;
	void *(*fn)(void *);
	void *arg;
	int restore;                 /* mask below is the caller's affinity */
	unsigned long mask[16];      /* (a cpu_set_t: 1024 CPUs) */
} gt_thread;

/* Run fn(arg) in a new thread described by t, which must stay in place
 * until gt_thread_join. Returns 0, or an error number (no thread). */
int gt_thread_start(gt_thread *t, void *(*fn)(void *), void *arg);

/* Wait for t's thread to end; returns what fn returned. */
void *gt_thread_join(gt_thread *t);

#endif
