/* team.h: a team of threads that share short jobs, again and again.
 *
 * A training step is split among threads, twice a step, some ten thousand
 * times a run: each job is a fraction of a millisecond, so starting threads
 * for it would cost more than it saves. A team keeps n - 1 workers alive;
 * gt_team_run hands a job of `count` items to all of them and to the
 * caller, and returns when every item is done. Each member takes the items
 * of its own share first (the same ones job after job, so that what they
 * write stays in its CPU's cache), then any left in the others' shares: a
 * job keeps going when a member is slowed or not running at all (another
 * process has its CPU), and never waits for a member that took none. What an item computes must not depend on
 * the member that takes it. Between jobs a worker spins briefly (the next
 * job usually comes within microseconds), then sleeps until woken, so an
 * idle team (a paused run in the terminal UI) takes no CPU. */
#ifndef GENRETUI_TEAM_H
#define GENRETUI_TEAM_H

typedef struct gt_team gt_team;

/* Item `item` of arg's job, done by member `member` (0, the caller, to
 * gt_team_size - 1; for what a member keeps of its own, e.g. counts). */
typedef void (*gt_team_fn)(void *arg, int item, int member);

/* A team of n members (the caller and n - 1 workers, n <= GT_THREADS_MAX);
 * NULL if n < 2 or no worker could be started (out of memory or threads).
 * A team of fewer members than asked is made if only some workers start;
 * gt_team_size says how many. */
gt_team *gt_team_new(int n);

/* Members of t (1 for NULL: the caller alone). */
int gt_team_size(const gt_team *t);

/* Run fn(arg, item, member) for items 0..count-1, each once, by whichever
 * member takes it (the caller takes items too); returns when all are done.
 * t NULL: the caller does them all, in order, as member 0. */
void gt_team_run(gt_team *t, gt_team_fn fn, void *arg, int count);

/* One round of a spin wait (round counts from 0): a pause, and every
 * 256th round the CPU offered to another thread that may be waiting for
 * it. For items that wait for each other (chain.c) as the team's members
 * wait for jobs. */
void gt_team_relax(int round);

/* Stop and join the workers; t may be NULL. */
void gt_team_free(gt_team *t);

#endif
