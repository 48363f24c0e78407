/* test_team.c: a team runs every item of every job exactly once, jobs one
 * after another, members named 0..n-1; it goes on when a member is slow;
 * it wakes workers that fell asleep between jobs; after a member held a
 * job off its CPU the caller does the next jobs alone, then shares again;
 * a team of one is the caller alone, items in order. */
#include "testutil.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "genretui/team.h"
#include "genretui/threads.h"

#define JOBS 20000
#define ITEMS 7
#define MAXN 4

typedef struct {
	int job;                     /* the job being run */
	atomic_int ran[ITEMS];       /* [k]: the last job item k ran in */
	atomic_int count[ITEMS];     /* [k]: times item k ran */
	atomic_int by[MAXN];         /* items each member took */
	atomic_int wrong;            /* an item run twice in a job, a member out of range */
	int order[ITEMS], norder;    /* (a team of one: the items' order) */
	int slow;                    /* member 1 sleeps this many microseconds an item */
	int busy;                    /* every member spins this many microseconds an item */
} record;

static void note(void *arg, int item, int member)
{
	record *r = arg;

	if (item < 0 || item >= ITEMS || member < 0 || member >= MAXN ||
	    atomic_exchange(&r->ran[item], r->job) != r->job - 1) {
		atomic_fetch_add(&r->wrong, 1);
		return;
	}
	atomic_fetch_add(&r->count[item], 1);
	atomic_fetch_add(&r->by[member], 1);
	if (member == 0 && r->norder < ITEMS)   /* the workers never touch norder */
		r->order[r->norder++] = item;
	if (r->slow && member == 1) {
		struct timespec pause = { 0, r->slow * 1000L };

		nanosleep(&pause, NULL);
	}
	if (r->busy) {
		struct timespec t0, t1;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		do
			clock_gettime(CLOCK_MONOTONIC, &t1);
		while ((t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000 < r->busy);
	}
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void run_jobs(gt_team *t, record *r, int jobs)
{
	for (int k = 0; k < jobs; k++) {
		r->job++;
		gt_team_run(t, note, r, ITEMS);
	}
}

static void test_every_item_once(void **state)
{
	(void)state;
	for (int n = 2; n <= MAXN; n++) {
		gt_team *t = gt_team_new(n);
		static record r;
		int taken = 0;

		memset(&r, 0, sizeof(r));
		assert_non_null(t);
		assert_int_equal(gt_team_size(t), n);
		run_jobs(t, &r, JOBS);
		assert_int_equal(atomic_load(&r.wrong), 0);
		for (int k = 0; k < ITEMS; k++)
			assert_int_equal(atomic_load(&r.count[k]), JOBS);
		for (int i = 0; i < MAXN; i++) {
			taken += atomic_load(&r.by[i]);
			if (i >= n)
				assert_int_equal(atomic_load(&r.by[i]), 0);
		}
		assert_int_equal(taken, JOBS * ITEMS);
		gt_team_free(t);
	}
}

/* A member that is slow (asleep in its items) leaves them to the others:
 * every job still ends with every item done once, and the caller takes
 * most of them. */
static void test_slow_member(void **state)
{
	gt_team *t = gt_team_new(2);
	static record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.slow = 2000;
	assert_non_null(t);
	run_jobs(t, &r, 50);
	assert_int_equal(atomic_load(&r.wrong), 0);
	for (int k = 0; k < ITEMS; k++)
		assert_int_equal(atomic_load(&r.count[k]), 50);
	assert_true(atomic_load(&r.by[0]) > atomic_load(&r.by[1]));
	gt_team_free(t);
}

/* A worker that holds an item far longer than the caller's items take
 * (asleep in it, as a thread whose CPU went to another process) makes the
 * caller do the next jobs alone; once items take no longer anywhere, the
 * worker takes items again. (On a loaded machine the caller's own item may
 * lose its CPU too, and then a hold is not told apart: tried again.) */
static void test_alone_after_hold(void **state)
{
	gt_team *t = gt_team_new(2);
	static record r;
	int alone = 0, before;
	double until = now_s() + 20;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.slow = 3000;
	r.busy = 200;              /* (longer than a worker takes to wake) */
	assert_non_null(t);
	for (int k = 0; k < 5000 && !alone; k++) {
		before = atomic_load(&r.by[1]);
		run_jobs(t, &r, 1);
		if (atomic_load(&r.by[1]) == before)
			continue;
		before = atomic_load(&r.by[1]);   /* the worker slept in an item */
		run_jobs(t, &r, 30);
		alone = atomic_load(&r.by[1]) == before;
	}
	assert_true(alone);
	r.slow = 0;
	while (atomic_load(&r.by[1]) == before && now_s() < until)
		run_jobs(t, &r, 100);
	assert_true(atomic_load(&r.by[1]) > before);
	assert_int_equal(atomic_load(&r.wrong), 0);
	gt_team_free(t);
}

/* Workers asleep after a pause (far longer than their spin) still take
 * the next job's items. */
static void test_wakes_sleepers(void **state)
{
	gt_team *t = gt_team_new(3);
	struct timespec pause = { 0, 30 * 1000 * 1000 };
	static record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_non_null(t);
	for (int k = 0; k < 5; k++) {
		run_jobs(t, &r, 3);
		nanosleep(&pause, NULL);
	}
	assert_int_equal(atomic_load(&r.wrong), 0);
	for (int k = 0; k < ITEMS; k++)
		assert_int_equal(atomic_load(&r.count[k]), 15);
	gt_team_free(t);
	gt_team_free(NULL);
}

/* No team: the caller runs the items in order as member 0. */
static void test_alone(void **state)
{
	static record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_null(gt_team_new(1));
	assert_null(gt_team_new(0));
	assert_int_equal(gt_team_size(NULL), 1);
	run_jobs(NULL, &r, 1);
	assert_int_equal(r.norder, ITEMS);
	for (int k = 0; k < ITEMS; k++)
		assert_int_equal(r.order[k], k);
	assert_int_equal(atomic_load(&r.by[0]), ITEMS);
	assert_int_equal(atomic_load(&r.wrong), 0);
}

/* A team is freed at once, whether its workers spin or sleep. */
static void test_free_while_idle(void **state)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	static record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	for (int k = 0; k < 50; k++) {
		gt_team *t = gt_team_new(2);

		assert_non_null(t);
		run_jobs(t, &r, 1);
		if (k % 10 == 9)
			nanosleep(&pause, NULL);
		gt_team_free(t);
	}
	for (int k = 0; k < ITEMS; k++)
		assert_int_equal(atomic_load(&r.count[k]), 50);
	assert_int_equal(atomic_load(&r.wrong), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item_once),
		cmocka_unit_test(test_slow_member),
		cmocka_unit_test(test_alone_after_hold),
		cmocka_unit_test(test_wakes_sleepers),
		cmocka_unit_test(test_alone),
		cmocka_unit_test(test_free_while_idle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
