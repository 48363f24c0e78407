/* team.h: a team of threads that share short jobs, again and again.
 *
 * A training step is split among threads, twice a step, some ten thousand
 * times a run: each job is a fraction of a millisecond, so starting threads
 * for it would cost more than it saves. A team keeps n - 1 workers alive;
 * gt_team_run hands a job to all of them and to the caller, and returns
 * when every member has done its share. Between jobs a worker spins
 * briefly (the next job usually comes within microseconds), then sleeps
 * until woken, so an idle team (a paused run in the terminal UI) takes no
 * CPU. Members never share work by chance: member i of n always gets the
 * share the job gives to i, so what a job computes does not depend on
 * timing. */
#ifndef GENRETUI_TEAM_H
#define GENRETUI_TEAM_H

typedef struct gt_team gt_team;

/* The job: member `i` of `n` does its share of arg's work. */
typedef void (*gt_team_fn)(void *arg, int i, int n);

/* A team of n members (the caller and n - 1 workers, n <= GT_THREADS_MAX);
 * NULL if n < 2 or no worker could be started (out of memory or threads).
 * A team of fewer members than asked is made if only some workers start;
 * gt_team_size says how many. */
gt_team *gt_team_new(int n);

/* Members of t (1 for NULL: the caller alone). */
int gt_team_size(const gt_team *t);

/* Run fn(arg, i, n) for every member i, member 0 in the caller; returns
 * when all have returned. t NULL: fn(arg, 0, 1). */
void gt_team_run(gt_team *t, gt_team_fn fn, void *arg);

/* Stop and join the workers; t may be NULL. */
void gt_team_free(gt_team *t);

#endif
