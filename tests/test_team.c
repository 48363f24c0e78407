/* test_team.c: a team runs every member's share of every job exactly
 * once, member i always as i, jobs one after another; it wakes workers
 * that fell asleep between jobs; a team of one is the caller alone. */
#include "testutil.h"

#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "genretui/team.h"
#include "genretui/threads.h"

#define JOBS 20000
#define MAXN 4

typedef struct {
	int job;                 /* the job being run */
	int ran[MAXN];           /* [i]: the last job member i ran */
	int count[MAXN];         /* [i]: jobs member i ran */
	int members;             /* n as the members were told */
	atomic_int wrong;        /* a member saw a job it had seen, or no job */
} record;

static void note(void *arg, int i, int n)
{
	record *r = arg;

	if (i < 0 || i >= MAXN || r->ran[i] != r->job - 1)
		atomic_fetch_add(&r->wrong, 1);
	else
		r->ran[i] = r->job;
	r->count[i < MAXN && i >= 0 ? i : 0]++;
	r->members = n;
}

static void run_jobs(gt_team *t, record *r, int jobs)
{
	for (int k = 0; k < jobs; k++) {
		r->job++;
		gt_team_run(t, note, r);
	}
}

static void test_every_share_once(void **state)
{
	(void)state;
	for (int n = 2; n <= MAXN; n++) {
		gt_team *t = gt_team_new(n);
		record r;

		memset(&r, 0, sizeof(r));
		assert_non_null(t);
		assert_int_equal(gt_team_size(t), n);
		run_jobs(t, &r, JOBS);
		assert_int_equal(atomic_load(&r.wrong), 0);
		assert_int_equal(r.members, n);
		for (int i = 0; i < MAXN; i++)
			assert_int_equal(r.count[i], i < n ? JOBS : 0);
		gt_team_free(t);
	}
}

/* Workers asleep after a pause (far longer than their spin) still take
 * the next job. */
static void test_wakes_sleepers(void **state)
{
	gt_team *t = gt_team_new(3);
	struct timespec pause = { 0, 30 * 1000 * 1000 };
	record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_non_null(t);
	for (int k = 0; k < 5; k++) {
		run_jobs(t, &r, 3);
		nanosleep(&pause, NULL);
	}
	assert_int_equal(atomic_load(&r.wrong), 0);
	for (int i = 0; i < 3; i++)
		assert_int_equal(r.count[i], 15);
	gt_team_free(t);
	gt_team_free(NULL);
}

/* No team: the caller runs the job as member 0 of 1. */
static void test_alone(void **state)
{
	record r;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_null(gt_team_new(1));
	assert_null(gt_team_new(0));
	assert_int_equal(gt_team_size(NULL), 1);
	run_jobs(NULL, &r, 4);
	assert_int_equal(r.count[0], 4);
	assert_int_equal(r.members, 1);
	assert_int_equal(atomic_load(&r.wrong), 0);
}

/* A team is freed at once, whether its workers spin or sleep. */
static void test_free_while_idle(void **state)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };
	record r;

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
	assert_int_equal(r.count[0], 50);
	assert_int_equal(r.count[1], 50);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_share_once),
		cmocka_unit_test(test_wakes_sleepers),
		cmocka_unit_test(test_alone),
		cmocka_unit_test(test_free_while_idle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
