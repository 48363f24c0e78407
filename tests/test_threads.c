/* test_threads.c: a helper thread runs its function and hands back its
 * result; while running it has the caller's affinity again; with two CPUs
 * or more it starts on one the caller is not on, and with one it still
 * runs. A pair runs both halves of a job, with or without a helper, and
 * gt_thread_all all n parts; a helper has every signal blocked; a queue hands every item out once to two
 * threads taking them at once; the thread count resolves to the CPUs. */
#define _GNU_SOURCE     /* sched_getcpu, CPU_*, pthread_*affinity_np */
#include "testutil.h"

#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

#include "genretui/threads.h"

typedef struct {
	int in;             /* a value to double */
	int first_cpu;      /* where the helper found itself first */
	cpu_set_t mask;     /* its affinity then */
	int mask_ok;
	int blocks_int, blocks_winch;   /* SIGINT, SIGWINCH blocked in it */
} job;

static void *helper(void *arg)
{
	job *j = arg;
	sigset_t now;

	pthread_sigmask(SIG_SETMASK, NULL, &now);
	j->blocks_int = sigismember(&now, SIGINT);
	j->blocks_winch = sigismember(&now, SIGWINCH);
	j->first_cpu = sched_getcpu();
	j->mask_ok = pthread_getaffinity_np(pthread_self(), sizeof(j->mask), &j->mask) == 0;
	j->in *= 2;
	return &j->in;
}

static cpu_set_t own_mask(void)
{
	cpu_set_t m;

	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(m), &m), 0);
	return m;
}

static void test_runs_and_returns(void **state)
{
	job j = { .in = 21 };
	gt_thread t;
	cpu_set_t mine = own_mask();

	(void)state;
	assert_int_equal(gt_thread_start(&t, helper, &j), 0);
	assert_ptr_equal(gt_thread_join(&t), &j.in);
	assert_int_equal(j.in, 42);
	assert_true(j.mask_ok);
	assert_true(j.blocks_int && j.blocks_winch);   /* signals go to the caller */
	assert_true(CPU_EQUAL(&j.mask, &mine));  /* the caller's, given back */
}

/* With at least two CPUs, a helper starts on a CPU its caller is not on
 * (plain pthread_create, tried here, put most of them on the caller's). */
static void test_starts_elsewhere(void **state)
{
	cpu_set_t mine = own_mask();
	int elsewhere = 0, tries = 20;

	(void)state;
	if (CPU_COUNT(&mine) < 2)
		skip();
	for (int i = 0; i < tries; i++) {
		job j = { .in = i, .first_cpu = -1 };
		gt_thread t;
		int cpu = sched_getcpu();

		assert_int_equal(gt_thread_start(&t, helper, &j), 0);
		gt_thread_join(&t);
		elsewhere += j.first_cpu >= 0 && j.first_cpu != cpu;
	}
	/* (a migration of the caller between its sched_getcpu and the start
	 * could spoil one try in a great many) */
	assert_true(elsewhere >= tries - 2);
}

/* A caller allowed one CPU: the helper runs there. */
static void test_one_cpu(void **state)
{
	cpu_set_t mine = own_mask(), one;
	job j = { .in = 5 };
	gt_thread t;
	int cpu = sched_getcpu();

	(void)state;
	assert_true(cpu >= 0);
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	assert_int_equal(pthread_setaffinity_np(pthread_self(), sizeof(one), &one), 0);
	assert_int_equal(gt_thread_start(&t, helper, &j), 0);
	gt_thread_join(&t);
	assert_int_equal(pthread_setaffinity_np(pthread_self(), sizeof(mine), &mine), 0);
	assert_int_equal(j.in, 10);
	assert_int_equal(j.first_cpu, cpu);
	assert_true(CPU_EQUAL(&j.mask, &one));
}

static void *doubled(void *arg)
{
	*(int *)arg *= 2;
	return NULL;
}

static void test_pair(void **state)
{
	(void)state;
	for (int helped = 0; helped <= 1; helped++) {
		int a = 3, b = 5;

		gt_thread_pair(doubled, &a, &b, helped);
		assert_int_equal(a, 6);
		assert_int_equal(b, 10);
	}
}

/* All of n jobs run, the first in the caller, with helpers or without. */
static void test_all(void **state)
{
	int v[8];

	(void)state;
	for (int n = 1; n <= 8; n++) {
		for (int i = 0; i < 8; i++)
			v[i] = i + 1;
		gt_thread_all(doubled, v, sizeof(v[0]), n);
		for (int i = 0; i < 8; i++)
			assert_int_equal(v[i], i < n ? 2 * (i + 1) : i + 1);
	}
}

/* 0 asks for every CPU the process may use; a count is kept, to a limit. */
static void test_resolve(void **state)
{
	cpu_set_t mine = own_mask();

	(void)state;
	assert_int_equal(gt_threads_available(), CPU_COUNT(&mine));
	assert_int_equal(gt_threads_resolve(0), CPU_COUNT(&mine));
	assert_int_equal(gt_threads_resolve(-3), CPU_COUNT(&mine));
	assert_int_equal(gt_threads_resolve(1), 1);
	assert_int_equal(gt_threads_resolve(3), 3);
	assert_int_equal(gt_threads_resolve(1000), GT_THREADS_MAX);
}

#define ITEMS 20000

typedef struct {
	gt_queue *q;
	unsigned char *seen;     /* [ITEMS]: times each item was taken */
	size_t taken;
} taker;

static void *take_all(void *arg)
{
	taker *t = arg;
	size_t i;

	while ((i = gt_queue_take(t->q)) < ITEMS) {
		t->seen[i]++;
		t->taken++;
	}
	return NULL;
}

static void test_queue(void **state)
{
	static unsigned char seen_a[ITEMS], seen_b[ITEMS];
	gt_queue q;
	taker a = { &q, seen_a, 0 }, b = { &q, seen_b, 0 };

	(void)state;
	gt_queue_init(&q, 2, ITEMS);
	gt_thread_pair(take_all, &a, &b, 1);
	assert_int_equal(a.taken + b.taken, ITEMS - 2);
	for (size_t i = 0; i < ITEMS; i++)
		assert_int_equal(seen_a[i] + seen_b[i], i >= 2);
	assert_int_equal(gt_queue_take(&q), ITEMS);      /* all taken */
	gt_queue_free(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs_and_returns),
		cmocka_unit_test(test_starts_elsewhere),
		cmocka_unit_test(test_one_cpu),
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_queue),
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_resolve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
