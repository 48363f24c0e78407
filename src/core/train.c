/* train.c: mini-batch training as a step, and evaluation.
 *
 * Batches go straight from the samples into the model's input lanes
 * (gt_model_load_rows, which expands their one-hot), and the loss writes
 * its gradient into the model's last delta, so a step copies nothing else. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "genretui/chain.h"
#include "genretui/kernel.h"
#include "genretui/loss.h"
#include "genretui/probs.h"
#include "genretui/team.h"
#include "genretui/threads.h"
#include "genretui/train.h"

double gt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A set's rows fit a model of d inputs: their width, and a byte per row
 * naming the hot input of a one-hot group (which a byte can name). */
static gt_status check_rows(const gt_samples *s, int d, gt_error *err)
{
	if (s->nnum < 0 || s->nhot < 0 || s->nnum + s->nhot != d)
		return gt_fail(err, GT_ERR_ARG, "rows have %d inputs but the model takes %d",
		               s->nnum + s->nhot, d);
	if (s->nhot > 256 || (s->nhot > 0 && !s->hot))
		return gt_fail(err, GT_ERR_ARG, "a one-hot group of %d inputs needs a byte "
		               "per row naming one (at most 256)", s->nhot);
	return GT_OK;
}

static gt_status check_inputs(const gt_model *m, const gt_samples *train,
                              const gt_samples *test, const gt_hparams *hp,
                              gt_error *err)
{
	int d = m->arch.sizes[0];

	if (hp->epochs < 1 || hp->batch_size < 1)
		return gt_fail(err, GT_ERR_ARG, "epochs and batch size must be at least 1");
	if (hp->batch_size > m->max_batch)
		return gt_fail(err, GT_ERR_ARG, "batch size %d exceeds the model's workspace (%d)",
		               hp->batch_size, m->max_batch);
	if (train->n == 0 || train->n > UINT32_MAX)
		return gt_fail(err, GT_ERR_EMPTY, "no training rows");
	if (check_rows(train, d, err) != GT_OK)
		return GT_ERR_ARG;
	return test->n > 0 ? check_rows(test, d, err) : GT_OK;
}

/* The batches of an evaluation's job (train.c's evaluations): those of
 * GT_EVAL_ROWS rows, at least one. */
static int eval_piece(const gt_model *m)
{
	return (GT_EVAL_ROWS + m->max_batch - 1) / m->max_batch;
}

static gt_status alloc_buffers(gt_trainer *t, gt_error *err)
{
	size_t bs = (size_t)t->hp.batch_size;

	t->order = malloc(t->train.n * sizeof(*t->order));
	t->ybatch = malloc(bs * sizeof(int));
	t->history = calloc((size_t)t->hp.epochs, sizeof(gt_epoch));
	t->chunk_loss = malloc((size_t)t->model->lanes / GT_LANE_ROUND * sizeof(double));
	t->batch_loss = malloc((size_t)eval_piece(t->model) * sizeof(double));
	if (!t->order || !t->ybatch || !t->history || !t->chunk_loss || !t->batch_loss)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for training buffers");
	for (size_t i = 0; i < t->train.n; i++)
		t->order[i] = (uint32_t)i;
	return GT_OK;
}

/* Rows held out as the validation slice: round(val_fraction * n), at least
 * one and leaving at least one to train on; 0 without a slice. */
static size_t slice_size(const gt_hparams *hp, size_t n)
{
	double want = hp->val_fraction * (double)n + 0.5;
	size_t k;

	if (!(hp->val_fraction > 0) || n < 2)
		return 0;
	k = want >= (double)n ? n - 1 : (size_t)want;
	return k < 1 ? 1 : k;
}

/* Copy training rows val_idx[0..nval-1], compact as they are, into the
 * slice's arrays. */
static void copy_slice(gt_trainer *t)
{
	const gt_samples *s = &t->train;
	size_t d = (size_t)s->nnum;

	for (size_t i = 0; i < t->nval; i++) {
		size_t j = t->val_idx[i];

		memcpy(t->xval + i * d, s->x + j * d, d * sizeof(gt_real));
		if (t->hotval)
			t->hotval[i] = s->hot[j];
		t->yval[i] = s->y[j];
	}
	t->val = (gt_samples){ t->xval, t->hotval, t->yval, t->nval, s->nnum, s->nhot };
}

/* Carve the validation slice out of the training rows: a seeded shuffle of
 * order[]; its first nval entries become the slice (copied into xval,
 * hotval, yval) and are moved past the rows trained on. */
static gt_status carve_slice(gt_trainer *t, gt_error *err)
{
	size_t n = t->train.n, d = (size_t)t->train.nnum;

	t->nval = slice_size(&t->hp, n);
	if (t->nval == 0)
		return GT_OK;
	t->val_idx = malloc(t->nval * sizeof(*t->val_idx));
	t->xval = malloc((d ? t->nval * d : 1) * sizeof(gt_real));
	t->hotval = t->train.nhot ? malloc(t->nval) : NULL;
	t->yval = malloc(t->nval * sizeof(int));
	t->best_params = malloc(t->model->nparams * sizeof(gt_real));
	if (!t->val_idx || !t->xval || (t->train.nhot && !t->hotval) || !t->yval ||
	    !t->best_params)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the validation slice");
	gt_rng_shuffle(&t->rng, t->order, (uint32_t)n);
	memcpy(t->val_idx, t->order, t->nval * sizeof(*t->val_idx));
	memmove(t->order, t->order + t->nval, (n - t->nval) * sizeof(*t->order));
	copy_slice(t);
	t->best_vs = -1;
	return GT_OK;
}

gt_status gt_trainer_init(gt_trainer *t, gt_model *m, const gt_samples *train,
                          const gt_samples *test, const gt_hparams *hp,
                          gt_error *err)
{
	gt_status st;

	memset(t, 0, sizeof(*t));
	st = check_inputs(m, train, test, hp, err);
	if (st != GT_OK)
		return st;
	t->model = m;
	t->train = *train;
	t->test = *test;
	t->hp = *hp;
	st = gt_adam_init(&t->adam, m->nparams, hp->lr, hp->beta1, hp->beta2, hp->eps, err);
	if (st == GT_OK)
		st = alloc_buffers(t, err);
	if (st == GT_OK) {
		gt_rng_seed(&t->rng, hp->seed);
		gt_model_glorot(m, &t->rng);
		st = carve_slice(t, err);   /* after the weights: the study draws nothing here */
	}
	if (st != GT_OK)
		gt_trainer_free(t);
	return st;
}

/* The evaluations' workspaces (make_workspaces). */
static void free_workspaces(gt_trainer *t)
{
	for (int i = 0; i < t->eval_members - 1; i++)
		gt_model_free_workspace(&t->eval_ws[i]);
	free(t->eval_ws);
	t->eval_ws = NULL;
	t->eval_members = 0;
}

void gt_trainer_free(gt_trainer *t)
{
	free_workspaces(t);
	gt_chain_free(t->chain);
	gt_team_free(t->team);
	free(t->chunk_loss);
	free(t->batch_loss);
	gt_adam_free(&t->adam);
	free(t->order);
	free(t->ybatch);
	free(t->history);
	free(t->val_idx);
	free(t->xval);
	free(t->hotval);
	free(t->yval);
	free(t->best_params);
	if (t->model)
		t->model->dropout = 0;
	memset(t, 0, sizeof(*t));
}

size_t gt_trainer_rows(const gt_trainer *t)
{
	return t->train.n - t->nval;
}

size_t gt_trainer_steps_per_epoch(const gt_trainer *t)
{
	size_t bs = (size_t)t->hp.batch_size;

	return (gt_trainer_rows(t) + bs - 1) / bs;
}

size_t gt_trainer_steps_done(const gt_trainer *t)
{
	size_t bs = (size_t)t->hp.batch_size;

	return (t->pos + bs - 1) / bs;
}

int gt_trainer_finished(const gt_trainer *t)
{
	return t->epoch >= t->hp.epochs || t->stopped;
}

/* Rows in the batch that begins at pos of this epoch's order (0 past its
 * end). */
static int batch_len(const gt_trainer *t, size_t pos)
{
	size_t rows = gt_trainer_rows(t), left = pos < rows ? rows - pos : 0;

	return left < (size_t)t->hp.batch_size ? (int)left : t->hp.batch_size;
}

/* The next batch: its labels into ybatch, its size into *n; returns its
 * rows' indices (loading them into the model is the caller's). */
static const uint32_t *next_batch(gt_trainer *t, int *n)
{
	const uint32_t *idx = t->order + t->pos;
	size_t after = t->pos + (size_t)t->hp.batch_size;

	*n = batch_len(t, t->pos);
	/* the batch after this one, whose rows would otherwise be waited for */
	gt_samples_prefetch(&t->train, t->order + after, (size_t)batch_len(t, after));
	for (int r = 0; r < *n; r++)
		t->ybatch[r] = t->train.y[idx[r]];
	t->pos += (size_t)*n;
	return idx;
}

/* ---- Steps shared by a team -------------------------------------------
 *
 * (The chain, chain.h, shares the steps of a network with a wide first
 * hidden layer its own way; the evaluations are shared below.) A batch
 * of n rows is shared twice, as items of the team's members
 * (team.h). First its lane chunks (GT_LANE_ROUND lanes each):
 * a chunk's rows are loaded, every layer computed forward, the chunk's
 * loss kept apart in chunk_loss, and the backward pass's lane-wise part
 * done for its lanes. Then groups of UNIT_GROUP units of each layer: their
 * gradients summed over the whole batch, and Adam applied to their weights
 * and biases. Each value is computed by the calls the caller alone makes,
 * in their order (model.h), whoever takes the item: the bytes depend
 * neither on the number of threads nor on which took what. The chunks'
 * losses are summed in order by the caller, the counts of right rows kept
 * per member and added after. When a step is shared, the new weights are
 * written past the cache (gt_adam_apply_stream): the other member reads
 * them in the next step's first job, and a plain store would wait, line
 * after line, for that member's CPU to give up its copy. */

/* Below this many multiply-adds of a batch's forward pass per member, a
 * member does not pay for its two hand-overs a step. */
#define TEAM_MIN_WORK 262144

/* Units of a layer in one item of a step's second job. */
#define UNIT_GROUP 16

typedef struct {
	gt_trainer *t;
	const uint32_t *idx;     /* the batch: rows idx[0..n-1] of the training set */
	int n;
	int shared;              /* by more than one member: the new weights
	                            go past the cache (gt_adam_apply_stream) */
	size_t correct[GT_THREADS_MAX];   /* per member */
	int layers[GT_MAX_LAYERS];        /* units_item's order (heavy_first) */
} share_job;

/* Lane chunk c of the batch: forward, loss, right rows, backward. */
static void lanes_item(void *arg, int c, int member)
{
	share_job *j = arg;
	gt_model *md = j->t->model;
	int L = md->arch.nlayers, k = md->arch.sizes[L], n = j->n;
	int r0 = c * GT_LANE_ROUND, r1 = r0 + GT_LANE_ROUND, rn = r1 < n ? r1 : n;
	const gt_real *out = md->a[L];
	const int *y = j->t->ybatch;

	gt_model_load_lanes(md, &j->t->train, j->idx, n, r0, r1);
	gt_model_run_lanes(md, r0, r1);
	j->t->chunk_loss[c] = gt_loss_lanes(md->arch.loss, out + r0, md->lanes, y + r0, rn - r0,
	                                    k, (gt_real)1 / (gt_real)n, md->delta[L] + r0);
	j->correct[member] += gt_correct_lanes(out + r0, md->lanes, y + r0, rn - r0, k, NULL);
	gt_model_backprop_lanes(md, n, r0, r1);
}

/* Groups of UNIT_GROUP units in every layer of m. */
static int unit_items(const gt_model *m)
{
	int count = 0;

	for (int l = 0; l < m->arch.nlayers; l++)
		count += (m->arch.sizes[l + 1] + UNIT_GROUP - 1) / UNIT_GROUP;
	return count;
}

/* The order in which the second job takes the layers: most inputs per
 * unit first (stable), so that the items that cost most are taken first
 * and the last ones taken are the cheapest: a member that finds no item
 * left waits at most for one of those (the improved preset: the 8 groups
 * of 256 inputs, then the 10 units of 128, then the 16 groups of 35). */
static void heavy_first(const gt_model *m, int order[GT_MAX_LAYERS])
{
	int L = m->arch.nlayers;

	for (int l = 0; l < L; l++) {
		int i = l;

		while (i > 0 && m->arch.sizes[order[i - 1]] < m->arch.sizes[l]) {
			order[i] = order[i - 1];
			i--;
		}
		order[i] = l;
	}
}

/* Group `item` of unit_items, counted in the order of heavy_first: the
 * gradients of its units, then Adam on their weights and biases. */
static void units_item(void *arg, int item, int member)
{
	share_job *j = arg;
	gt_model *md = j->t->model;
	int i = 0, l, groups, nin, nout, u0, u1;
	size_t w, b;
	void (*apply)(const gt_adam *, gt_real *, const gt_real *, size_t, size_t) =
		j->shared ? gt_adam_apply_stream : gt_adam_apply;

	(void)member;
	while (l = j->layers[i], item >= (groups = (md->arch.sizes[l + 1] + UNIT_GROUP - 1) / UNIT_GROUP))
		item -= groups, i++;
	nin = md->arch.sizes[l];
	nout = md->arch.sizes[l + 1];
	u0 = item * UNIT_GROUP;
	u1 = u0 + UNIT_GROUP < nout ? u0 + UNIT_GROUP : nout;
	w = (size_t)(md->W[l] - md->params) + (size_t)u0 * (size_t)nin;
	b = (size_t)(md->b[l] - md->params) + (size_t)u0;
	gt_model_grads_units(md, l, u0, u1, j->n);
	apply(&j->t->adam, md->params, md->grads, w, (size_t)(u1 - u0) * (size_t)nin);
	apply(&j->t->adam, md->params, md->grads, b, (size_t)(u1 - u0));
}

/* A training step on n rows idx of the training set, by team (NULL: the
 * caller alone, through the same items); returns the batch's loss (the
 * chunks' in order, as gt_loss_lanes sums them). */
static double team_step(gt_trainer *t, gt_team *team, const uint32_t *idx, int n)
{
	share_job j = { .t = t, .idx = idx, .n = n, .shared = team != NULL };
	int chunks = (n + GT_LANE_ROUND - 1) / GT_LANE_ROUND;
	double loss = 0;

	gt_team_run(team, lanes_item, &j, chunks);
	for (int c = 0; c < chunks; c++)
		loss += t->chunk_loss[c];
	for (int i = 0; i < GT_THREADS_MAX; i++)
		t->correct += j.correct[i];
	gt_adam_begin(&t->adam);
	heavy_first(t->model, j.layers);
	gt_team_run(team, units_item, &j, unit_items(t->model));
	return loss;
}

/* ---- Pacing ---------------------------------------------------------------
 *
 * Whether two threads sharing a step beat one depends on the machine more
 * than on the step: what costs is the data that crosses from one CPU's
 * cache to the other's at each hand-over, and a virtual machine whose two
 * CPUs the host puts on far-apart cores makes every crossing slow: the
 * same build, minutes apart, trained faster on two threads than on one, or
 * slower (bench/README.md, session 8). So the trainer tries both: every
 * PACE_PERIOD steps it tries PACE_TRIAL steps done alone and PACE_TRIAL
 * shared, and does the rest of the period the faster way. The first
 * PACE_WARM steps of each trial are not timed: they move the weights and
 * Adam's moments from one CPU's cache to the other's (the caller alone
 * uses all of them; shared, each member its own part) and wake the
 * workers, which the steps after them do not pay. Which way a step is
 * done changes none of its bytes (team.h), only its time. */
#define PACE_PERIOD 2048
#define PACE_TRIAL 16
#define PACE_WARM 4

/* The team for the next step: t->team, or NULL for the caller alone. */
static gt_team *pace_team(const gt_trainer *t)
{
	if (t->pace_pos < PACE_TRIAL)
		return NULL;
	if (t->pace_pos < 2 * PACE_TRIAL)
		return t->team;
	return t->pace_alone ? NULL : t->team;
}

/* Count a step done by `team` in `seconds`; after the trials, choose. */
static void pace_note(gt_trainer *t, const gt_team *team, double seconds)
{
	if (t->pace_pos < 2 * PACE_TRIAL && t->pace_pos % PACE_TRIAL >= PACE_WARM)
		t->pace_s[team != NULL] += seconds;
	if (++t->pace_pos == 2 * PACE_TRIAL)
		t->pace_alone = t->pace_s[0] < t->pace_s[1];
	if (t->pace_pos == PACE_PERIOD) {
		t->pace_pos = 0;
		t->pace_s[0] = t->pace_s[1] = 0;
	}
}

/* A training step by the team, alone or shared as pacing says; shared, by
 * the chain where there is one. */
static double paced_step(gt_trainer *t, const uint32_t *idx, int n)
{
	gt_team *team = pace_team(t);
	double t0 = gt_now(), loss;

	if (team && t->chain) {
		gt_chain_next(t->chain, t->order + t->pos, batch_len(t, t->pos));
		loss = gt_chain_step(t->chain, team, &t->adam, &t->train, idx, t->ybatch, n,
		                     &t->correct);
	} else {
		gt_chain_release(t->chain);
		loss = team_step(t, team, idx, n);
	}

	pace_note(t, team, gt_now() - t0);
	return loss;
}

/* ---- Evaluations shared by batches --------------------------------------
 *
 * An evaluation sums no gradient, so its batches need nothing from each
 * other: the members take whole batches (items of the team) and run each
 * through a workspace of their own over the same weights (member 0 the
 * model's, the others eval_ws), as gt_evaluate runs it. Each batch's loss
 * is kept apart and the losses summed in order after, so the figures are
 * gt_evaluate's bytes whatever the threads; and the members hand over once
 * per eval_piece batches (GT_EVAL_ROWS rows), where a step's split would
 * hand over at every batch. */

typedef struct {
	gt_trainer *t;
	const gt_samples *s;
	size_t from, to;         /* its rows: item i is the batch at from + i * max_batch */
	int *pred;               /* [s->n] argmax per row, or NULL */
	gt_scan_fn see;          /* each batch's rows after the argmax, or NULL */
	void *see_ctx;
	size_t correct[GT_THREADS_MAX];   /* per member */
} eval_job;

/* The batch of s from row i (max_batch rows, fewer before row `to`)
 * through m, as gt_evaluate takes it: returns its loss (summed over its
 * rows), adds its right rows to *correct, writes its argmax to pred + i
 * (pred not NULL) and its size to *n. Its outputs stay in m's lanes. */
static double eval_batch(gt_model *m, const gt_samples *s, size_t i, size_t to, int *pred,
                         size_t *correct, int *n)
{
	int k = m->arch.sizes[m->arch.nlayers];
	size_t left = to - i;
	gt_samples part;
	const gt_real *out;

	*n = left < (size_t)m->max_batch ? (int)left : m->max_batch;
	part = gt_samples_range(s, i, (size_t)*n);
	gt_model_load_rows(m, &part, NULL, *n);
	out = gt_model_run(m, *n);
	*correct += gt_correct_lanes(out, m->lanes, s->y + i, *n, k, pred ? pred + i : NULL);
	return gt_loss_lanes(m->arch.loss, out, m->lanes, s->y + i, *n, k, 0, NULL);
}

/* Mean loss and accuracy of n rows from their sums (NaN for none); either
 * pointer may be NULL. */
static void means(size_t n, double sum, size_t correct, double *loss, double *acc)
{
	if (loss)
		*loss = n ? sum / (double)n : NAN;
	if (acc)
		*acc = n ? (double)correct / (double)n : NAN;
}

static void batch_item(void *arg, int item, int member)
{
	eval_job *j = arg;
	gt_model *m = member ? &j->t->eval_ws[member - 1] : j->t->model;
	size_t i = j->from + (size_t)item * (size_t)m->max_batch;
	int n;

	j->t->batch_loss[item] = eval_batch(m, j->s, i, j->to, j->pred, &j->correct[member], &n);
	if (j->see)
		j->see(j->see_ctx, member, i, n, m->a[m->arch.nlayers], m->lanes);
}

/* Rows from..to-1 of s (at most eval_piece batches) by the team where
 * each member has a workspace, else by the caller: their loss added to
 * *sum batch after batch, their right rows to *correct. */
static void eval_batches(gt_trainer *t, const gt_samples *s, size_t from, size_t to,
                         int *pred, gt_scan_fn see, void *ctx, double *sum,
                         size_t *correct)
{
	size_t mb = (size_t)t->model->max_batch;
	int items = (int)((to - from + mb - 1) / mb);
	eval_job j = { .t = t, .s = s, .from = from, .to = to, .pred = pred, .see = see,
	               .see_ctx = ctx };

	gt_team_run(t->eval_members == gt_team_size(t->team) ? t->team : NULL, batch_item, &j,
	            items);
	for (int i = 0; i < items; i++)
		*sum += t->batch_loss[i];
	for (int i = 0; i < GT_THREADS_MAX; i++)
		*correct += j.correct[i];
}

/* gt_evaluate by the team (the same sums, in the same order), each batch
 * handed to see. Without a team, the caller is its one member. */
void gt_trainer_scan(gt_trainer *t, const gt_samples *s, double *loss, double *acc,
                     int *pred, gt_scan_fn see, void *ctx)
{
	size_t piece = (size_t)eval_piece(t->model) * (size_t)t->model->max_batch;
	double sum = 0.0;
	size_t correct = 0;

	for (size_t i = 0; i < s->n; i += piece)
		eval_batches(t, s, i, s->n - i < piece ? s->n : i + piece, pred, see, ctx, &sum,
		             &correct);
	means(s->n, sum, correct, loss, acc);
}

/* Rows from `from` of s into the epoch's running sums, whole batches of
 * max_batch until at least `want` rows (at most GT_EVAL_ROWS) or the set's
 * end; returns the next row. The same calls and sums in the same order as
 * gt_evaluate, however the rows are cut. */
static size_t eval_rows(gt_trainer *t, const gt_samples *s, size_t from, size_t want,
                        int *pred)
{
	size_t mb = (size_t)t->model->max_batch, to;

	if (from >= s->n || want == 0)
		return from;
	to = from + (want + mb - 1) / mb * mb;
	to = to < s->n ? to : s->n;
	eval_batches(t, s, from, to, pred, NULL, NULL, &t->eval_sum, &t->eval_correct);
	return to;
}

int gt_trainer_useful_threads(const gt_trainer *t)
{
	const gt_model *m = t->model;
	double work = 0;
	int chunks = (t->hp.batch_size + GT_LANE_ROUND - 1) / GT_LANE_ROUND, most;

	for (int l = 0; l < m->arch.nlayers; l++)
		work += (double)m->arch.sizes[l] * m->arch.sizes[l + 1];
	work *= t->hp.batch_size;
	most = (int)(work / TEAM_MIN_WORK);
	most = most < chunks ? most : chunks;
	most = most < GT_THREADS_MAX ? most : GT_THREADS_MAX;
	return most < 1 ? 1 : most;
}

/* A workspace for each member of the team but the caller, for the
 * evaluations; eval_members counts the members that have one. Without
 * memory for them all the caller evaluates alone. */
static void make_workspaces(gt_trainer *t)
{
	int n = gt_team_size(t->team) - 1;

	t->eval_members = 1;
	if (n < 1 || !(t->eval_ws = calloc((size_t)n, sizeof(*t->eval_ws))))
		return;
	while (t->eval_members - 1 < n &&
	       gt_model_init_workspace(&t->eval_ws[t->eval_members - 1], t->model, NULL) == GT_OK)
		t->eval_members++;
}

int gt_trainer_team_size(const gt_trainer *t)
{
	return gt_team_size(t->team);
}

int gt_trainer_threads(gt_trainer *t, int threads)
{
	int useful = gt_trainer_useful_threads(t);
	int want = threads < useful ? threads : useful;

	want = want < 1 ? 1 : want;
	if (gt_team_size(t->team) != want) {
		free_workspaces(t);
		gt_chain_free(t->chain);
		t->chain = NULL;
		gt_team_free(t->team);
		t->team = gt_team_new(want);
		if (t->team && gt_chain_fits(&t->model->arch, gt_team_size(t->team)))
			t->chain = gt_chain_new(t->model, gt_team_size(t->team));
		make_workspaces(t);
	}
	return gt_team_size(t->team);
}

/* Early stopping: remember the best epoch's weights by validation-slice
 * accuracy; stop when patience runs out; at the end put the best back. */
static void watch_slice(gt_trainer *t, const gt_epoch *e)
{
	gt_model *m = t->model;

	if (t->nval == 0)
		return;
	if (e->vs_accuracy > t->best_vs) {
		t->best_vs = e->vs_accuracy;
		t->best_epoch = e->epoch;
		memcpy(t->best_params, m->params, m->nparams * sizeof(gt_real));
	}
	if (t->hp.patience > 0 && e->epoch - t->best_epoch >= t->hp.patience)
		t->stopped = 1;
	if (gt_trainer_finished(t) && t->best_epoch != e->epoch) {
		gt_chain_release(t->chain);   /* its next step would take these weights */
		memcpy(m->params, t->best_params, m->nparams * sizeof(gt_real));
	}
}

/* The epoch's training figures, and its evaluation begun. */
static void start_eval(gt_trainer *t)
{
	gt_epoch *e = &t->history[t->epoch];

	e->epoch = t->epoch + 1;
	e->loss = t->loss_sum / (double)t->seen;
	e->accuracy = (double)t->correct / (double)t->seen;
	e->lr = t->adam.lr;
	e->vs_loss = e->vs_accuracy = NAN;
	t->eval_set = t->nval ? 1 : 2;
	t->eval_pos = 0;
	t->eval_sum = 0;
	t->eval_correct = 0;
}

/* Up to GT_EVAL_ROWS rows of the epoch's evaluation; 1 when it is over. */
static int eval_some(gt_trainer *t)
{
	gt_epoch *e = &t->history[t->epoch];
	size_t budget = GT_EVAL_ROWS;

	while (t->eval_set && budget > 0) {
		const gt_samples *s = t->eval_set == 1 ? &t->val : &t->test;
		size_t was = t->eval_pos;
		double loss, acc;

		t->eval_pos = eval_rows(t, s, was, budget, t->eval_set == 1 ? NULL : t->test_pred);
		budget -= t->eval_pos - was < budget ? t->eval_pos - was : budget;
		if (t->eval_pos < s->n)
			break;
		means(s->n, t->eval_sum, t->eval_correct, &loss, &acc);
		if (t->eval_set == 1) {
			e->vs_loss = loss;
			e->vs_accuracy = acc;
		} else {
			e->val_loss = loss;
			e->val_accuracy = acc;
		}
		t->eval_set = t->eval_set == 1 ? 2 : 0;
		t->eval_pos = 0;
		t->eval_sum = 0;
		t->eval_correct = 0;
	}
	return t->eval_set == 0;
}

static void finish_epoch(gt_trainer *t, gt_epoch *done)
{
	gt_epoch *e = &t->history[t->epoch];

	t->epoch++;
	t->pos = 0;
	watch_slice(t, e);   /* may put an earlier epoch's weights back */
	e->seconds = gt_now() - t->epoch_start;
	if (done)
		*done = *e;
}

/* Part of the epoch's evaluation, and the epoch finished if it is over:
 * gt_trainer_step's answer. */
static int eval_step(gt_trainer *t, gt_epoch *done)
{
	if (!eval_some(t))
		return 0;
	finish_epoch(t, done);
	return 1;
}

/* The learning rate of epoch e (0-based). */
static double epoch_lr(const gt_hparams *hp, int e)
{
	const double pi = 3.14159265358979323846;

	if (hp->schedule != GT_LR_COSINE || hp->epochs < 2)
		return hp->lr;
	return hp->lr_min + (hp->lr - hp->lr_min) * (1 + cos(pi * e / hp->epochs)) / 2;
}

int gt_trainer_step(gt_trainer *t, gt_epoch *done)
{
	gt_model *m = t->model;
	int L = m->arch.nlayers, k = m->arch.sizes[L], n;
	const uint32_t *idx;
	const gt_real *out;

	if (gt_trainer_finished(t))
		return -1;
	if (t->eval_set)    /* the epoch's evaluation goes on */
		return eval_step(t, done);
	if (t->pos == 0) {  /* a new epoch: Keras reshuffles every epoch */
		gt_rng_shuffle(&t->rng, t->order, (uint32_t)gt_trainer_rows(t));
		t->loss_sum = 0.0;
		t->correct = t->seen = 0;
		t->epoch_start = gt_now();
		t->adam.lr = epoch_lr(&t->hp, t->epoch);
	}
	idx = next_batch(t, &n);
	m->dropout = (float)t->hp.dropout;
	m->drop_key = t->step_count++;
	if (t->team) {
		t->loss_sum += paced_step(t, idx, n);
	} else {            /* the plain step, which team_step must equal */
		gt_model_load_rows(m, &t->train, idx, n);
		out = gt_model_run(m, n);
		t->loss_sum += gt_loss_lanes(m->arch.loss, out, m->lanes, t->ybatch, n, k,
		                             (gt_real)1 / (gt_real)n, m->delta[L]);
		t->correct += gt_correct_lanes(out, m->lanes, t->ybatch, n, k, NULL);
		gt_model_backprop(m, n);
		gt_adam_step(&t->adam, m->params, m->grads);
	}
	t->seen += (size_t)n;
	m->dropout = 0;     /* evaluation sees every unit */
	if (t->pos < gt_trainer_rows(t))
		return 0;
	start_eval(t);
	return eval_step(t, done);
}

void gt_evaluate(gt_model *m, const gt_samples *s, double *loss, double *acc,
                 int *pred)
{
	double sum = 0.0;
	size_t correct = 0;
	int n = 0;

	for (size_t i = 0; i < s->n; i += (size_t)n)
		sum += eval_batch(m, s, i, s->n, pred, &correct, &n);
	means(s->n, sum, correct, loss, acc);
}
