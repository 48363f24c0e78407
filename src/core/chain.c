/* chain.c: a training step split by units along a chain of threads (see
 * chain.h). */
#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/chain.h"
#include "genretui/kernel.h"
#include "genretui/loss.h"
#include "genretui/probs.h"
#include "genretui/threads.h"

/* The step's number << 20 | a count, alone on its cache line: for a
 * member's progress (done: its sums' lane chunks done, one more once its
 * backward pass begun early has stopped; the last member's, its top
 * part's chunks done), or the step in which a role was taken (claims). */
typedef struct {
	_Alignas(64) atomic_uint_fast64_t v;
} progress;

/* What member m keeps of its own, in memory of its own: its columns of
 * W_1 with their gradients and rows (gt_cols), their Adam moments, and
 * its stage: for all but the last member, a lane chunk's sums before they
 * are streamed to the next member ([sizes[2]][GT_LANE_ROUND]); for the
 * last, layer 1's dL/dz ([sizes[2]][lanes]), streamed to the model's
 * delta[2] for the others. */
typedef struct {
	gt_cols cols;
	gt_real *m, *v;                  /* [sizes[2]][cols.ld] */
	gt_real *stage;
	gt_real *block;                  /* the allocation behind them (and the input) */
	int back;                        /* lane chunks of its dL/da begun early
	                                    (back_early), all but the last member */
} member_own;

/* The model as member m sees it this step, made by m itself (make_view),
 * alone on its cache lines. */
typedef struct {
	_Alignas(64) gt_model m;
} member_view;

struct gt_chain {
	gt_model *model;
	int members;
	int cut[GT_THREADS_MAX + 1];     /* member m: units cut[m]..cut[m+1]-1 of layer 0 */
	member_view view[GT_THREADS_MAX];
	member_own own[GT_THREADS_MAX];
	int held;                        /* the members' columns and moments are the
	                                    current ones (gt_chain_release) */
	gt_real *part;                   /* [members - 1][lane chunk][sizes[2]][GT_LANE_ROUND]:
	                                    layer 1's sums over the inputs of members 0..m */
	progress *done;                  /* [members] */
	progress *claims;                /* [members]: the step whose backward pass of
	                                    member m (m < members - 1), or whose last
	                                    member's part (m = members - 1), a thread
	                                    has taken (claim) */
	uint64_t seq;                    /* steps taken */
	/* the step under way */
	const gt_samples *s;
	const uint32_t *idx;
	const int *y;
	int n;
	gt_adam *adam;
	const uint32_t *next_idx;        /* the step after's rows (gt_chain_next) */
	int next_n;
	_Alignas(64) size_t correct;     /* by the last member */
	double *loss;                    /* [lanes / GT_LANE_ROUND]: each chunk's */
};

/* Multiply-adds a step costs per unit of layer 0 (its row of W_0 forward
 * and for dW, its column of W_1 forward, for dL/da and for dW), and for
 * the layers above layer 1 (forward, dL/da, dW), per row of the batch. */
static double unit_cost(const gt_arch *a)
{
	return 2.0 * a->sizes[0] + 3.0 * a->sizes[2];
}

static double top_cost(const gt_arch *a)
{
	double w = 4.0 * a->sizes[a->nlayers];   /* the loss, about */

	for (int l = 2; l < a->nlayers; l++)
		w += 3.0 * a->sizes[l] * a->sizes[l + 1];
	return w;
}

/* The members' units: the last member gets fewer, by the work of the
 * layers above; every cut but the layer's end a multiple of 16 (a cache
 * line of each row of W_1 and of each lane chunk), rounded so that the
 * last member gets the fewer: the others fill their wait for its top part
 * with their backward pass begun early (back_early), and it cannot.
 * Returns 0 if some member would get fewer than 16. */
static int plan(const gt_arch *a, int members, int cut[])
{
	int units = a->sizes[1], groups, before;
	double share, last;

	if (members < 2 || members > GT_THREADS_MAX || a->nlayers < 2)
		return 0;
	share = (units * unit_cost(a) + top_cost(a)) / members;
	last = (share - top_cost(a)) / unit_cost(a);
	before = (int)ceil((units - last) / 16) * 16;   /* the last member's first unit */
	if (units - before < 16)    /* rounded up too far: the last keeps at least 16 */
		before = (units - 16) / 16 * 16;
	if (before < 16 * (members - 1) || units - before < 16)
		return 0;
	groups = before / 16;
	for (int m = 0; m < members; m++)
		cut[m] = 16 * (groups * m / (members - 1));
	cut[members] = units;
	return 1;
}

int gt_chain_fits(const gt_arch *a, int members)
{
	int cut[GT_THREADS_MAX + 1];

	return plan(a, members, cut);
}

/* Size in gt_reals of a member's own input: a[0] and rows[0]. */
static size_t input_size(const gt_model *m)
{
	return (size_t)m->arch.sizes[0] * (size_t)m->lanes +
	       (size_t)m->max_batch * (size_t)m->row_len[0];
}

/* Member i's own memory: its columns' W, dW, moments and rows, then (all
 * but the last member) its input (make_view), then its stage. Returns 0
 * when out of memory. */
static int own_alloc(gt_chain *c, int i)
{
	const gt_model *md = c->model;
	member_own *o = &c->own[i];
	int w = c->cut[i + 1] - c->cut[i], last = i == c->members - 1;
	size_t ld = (size_t)(w + GT_LANE_ROUND - 1) / GT_LANE_ROUND * GT_LANE_ROUND;
	size_t block = (size_t)md->arch.sizes[2] * ld, rows = (size_t)md->max_batch * ld;
	size_t stage = (size_t)md->arch.sizes[2] * (last ? (size_t)md->lanes : GT_LANE_ROUND);
	gt_real *p = gt_reals_zeroed(4 * block + rows + stage + (last ? 0 : input_size(md)));

	if (!p)
		return 0;
	o->block = p;
	o->cols = (gt_cols){ c->cut[i], c->cut[i + 1], p, p + block, p + 4 * block, ld };
	o->m = p + 2 * block;
	o->v = p + 3 * block;
	o->stage = p + 4 * block + rows + (last ? 0 : input_size(md));
	return 1;
}

gt_chain *gt_chain_new(gt_model *m, int members)
{
	gt_chain *c = calloc(1, sizeof(*c));
	size_t part = (size_t)m->arch.sizes[2] * (size_t)m->lanes;
	int ok;

	if (!c)
		return NULL;
	if (!plan(&m->arch, members, c->cut)) {
		free(c);
		return NULL;
	}
	c->model = m;
	c->members = members;
	c->part = gt_reals_zeroed((size_t)(members - 1) * part);
	c->done = aligned_alloc(64, (size_t)members * sizeof(*c->done));
	c->claims = aligned_alloc(64, (size_t)members * sizeof(*c->claims));
	c->loss = malloc((size_t)m->lanes / GT_LANE_ROUND * sizeof(double));
	ok = c->part && c->done && c->claims && c->loss;
	for (int i = 0; i < members && ok; i++)
		ok = own_alloc(c, i);
	if (!ok) {
		gt_chain_free(c);
		return NULL;
	}
	for (int i = 0; i < members; i++) {
		atomic_init(&c->done[i].v, 0);
		atomic_init(&c->claims[i].v, 0);
	}
	return c;
}

void gt_chain_free(gt_chain *c)
{
	if (!c)
		return;
	gt_chain_release(c);
	for (int i = 0; i < c->members; i++)
		free(c->own[i].block);
	free(c->part);
	free(c->done);
	free(c->claims);
	free(c->loss);
	free(c);
}

/* Copy n values between strided rows: rows of `to` (stride ldt) from rows
 * of `from` (stride ldf), count of them. */
static void copy_rows(gt_real *to, size_t ldt, const gt_real *from, size_t ldf, int count,
                      int n)
{
	for (int u = 0; u < count; u++)
		memcpy(to + (size_t)u * ldt, from + (size_t)u * ldf, (size_t)n * sizeof(gt_real));
}

/* Each member's columns of W_1 and their moments, from the model and from
 * Adam: the steps before were not the chain's. */
static void gather(gt_chain *c)
{
	const gt_model *md = c->model;
	size_t nin = (size_t)md->arch.sizes[1], w1 = (size_t)(md->W[1] - md->params);
	int units = md->arch.sizes[2];

	for (int i = 0; i < c->members; i++) {
		member_own *o = &c->own[i];
		int w = o->cols.k1 - o->cols.k0;
		size_t at = w1 + (size_t)o->cols.k0;

		copy_rows(o->cols.W, o->cols.ld, md->params + at, nin, units, w);
		copy_rows(o->m, o->cols.ld, c->adam->m + at, nin, units, w);
		copy_rows(o->v, o->cols.ld, c->adam->v + at, nin, units, w);
	}
	c->held = 1;
}

void gt_chain_release(gt_chain *c)
{
	const gt_model *md;
	size_t nin, w1;

	if (!c || !c->held)
		return;
	md = c->model;
	nin = (size_t)md->arch.sizes[1];
	w1 = (size_t)(md->W[1] - md->params);
	for (int i = 0; i < c->members; i++) {
		member_own *o = &c->own[i];
		size_t at = w1 + (size_t)o->cols.k0;
		int w = o->cols.k1 - o->cols.k0;

		copy_rows(c->adam->m + at, nin, o->m, o->cols.ld, md->arch.sizes[2], w);
		copy_rows(c->adam->v + at, nin, o->v, o->cols.ld, md->arch.sizes[2], w);
	}
	c->held = 0;
}

int gt_chain_members(const gt_chain *c)
{
	return c->members;
}

int gt_chain_cut(const gt_chain *c, int i)
{
	return c->cut[i < 0 ? 0 : i > c->members ? c->members : i];
}

/* Member m's sums in lane chunk q (m < members - 1): [sizes[2]][GT_LANE_ROUND],
 * a block of lines of their own, apart from the chunk the member is writing
 * next. */
static gt_real *part_of(const gt_chain *c, int m, int q)
{
	size_t units = (size_t)c->model->arch.sizes[2];

	return c->part + (size_t)m * units * (size_t)c->model->lanes +
	       (size_t)q * units * GT_LANE_ROUND;
}

/* The model as member m sees it this step: the model's own state (dropout
 * included), with its own input (all but the last member) or its own
 * layer 1 dL/dz (the last). Made by the member itself, so that the lines
 * it reads all step are written on its own CPU. */
static gt_model *make_view(gt_chain *c, int m)
{
	gt_model *v = &c->view[m].m;
	const member_own *o = &c->own[m];

	*v = *c->model;
	if (m < c->members - 1) {
		v->a[0] = o->cols.rows + (size_t)v->max_batch * o->cols.ld;
		v->rows[0] = v->a[0] + (size_t)v->arch.sizes[0] * (size_t)v->lanes;
	} else {
		v->delta[2] = o->stage;
	}
	return v;
}

static uint64_t mark(const gt_chain *c, int chunks)
{
	return c->seq << 20 | (uint64_t)chunks;
}

/* Whether member m's sums are done in lane chunk `chunk`. */
static int ready(const gt_chain *c, int m, int chunk)
{
	return atomic_load_explicit(&c->done[m].v, memory_order_acquire) >= mark(c, chunk + 1);
}

/* Wait until they are. */
static void wait_for(const gt_chain *c, int m, int chunk)
{
	for (int r = 0; !ready(c, m, chunk); r++)
		gt_team_relax(r);
}

/* Rows 0..count-1 of a [count][ld] block's lanes r0..r0+GT_LANE_ROUND-1
 * streamed to the same place in `to`, past this CPU's cache: the lines go
 * to memory, where the other CPU reads them, and the next step's writes
 * need not take them back from it. */
static void stream_lanes(gt_real *to, const gt_real *from, size_t ld, int count, int r0)
{
	for (int u = 0; u < count; u++)
		gt_reals_stream(to + (size_t)u * ld + (size_t)r0, from + (size_t)u * ld + (size_t)r0,
		                GT_LANE_ROUND);
}

/* The top part of lane chunk `chunk`, once layer 1's sums are whole there
 * (the last member's): the layers above, the loss, and the backward
 * pass's lane-wise part down to layer 1's dL/dz, which goes to the model
 * for the other members. */
static void top_lanes(gt_chain *c, gt_model *v, int chunk)
{
	int L = v->arch.nlayers, k = v->arch.sizes[L], r0 = chunk * GT_LANE_ROUND;
	int r1 = r0 + GT_LANE_ROUND, rn = r1 < c->n ? r1 : c->n;
	const gt_real *out = v->a[L];

	gt_model_run_lanes_from(v, 2, r0, r1);
	c->loss[chunk] = gt_loss_lanes(v->arch.loss, out + r0, v->lanes, c->y + r0, rn - r0, k,
	                               (gt_real)1 / (gt_real)c->n, v->delta[L] + r0);
	c->correct += gt_correct_lanes(out + r0, v->lanes, c->y + r0, rn - r0, k, NULL);
	gt_model_backprop_lanes_to(v, c->n, r0, r1, 1);
	stream_lanes(c->model->delta[2], v->delta[2], (size_t)v->lanes, v->arch.sizes[2], r0);
	gt_reals_fence();
}

/* Lane chunk i of member m's input and of its units of layer 0. */
static void first_layer(gt_chain *c, gt_model *v, int m, int i)
{
	int r0 = i * GT_LANE_ROUND, r1 = r0 + GT_LANE_ROUND;

	gt_model_load_lanes(v, c->s, c->idx, c->n, r0, r1);
	gt_model_run_units(v, 0, c->cut[m], c->cut[m + 1], r0, r1);
}

/* Member m's sums in lane chunk i, begun where member m-1's stopped (m >
 * 0), into its stage, then streamed on to member m+1. */
static void chunk_sums(gt_chain *c, gt_model *v, int m, int i)
{
	const member_own *o = &c->own[m];
	int r0 = i * GT_LANE_ROUND, units = v->arch.sizes[2];

	gt_model_run_cols(v, 1, &o->cols, m > 0 ? part_of(c, m - 1, i) : NULL, GT_LANE_ROUND,
	                  o->stage, GT_LANE_ROUND, r0, r0 + GT_LANE_ROUND);
	gt_reals_stream(part_of(c, m, i), o->stage, (size_t)units * GT_LANE_ROUND);
	gt_reals_fence();
	atomic_store_explicit(&c->done[m].v, mark(c, i + 1), memory_order_release);
}

/* The last member: its first layer in every chunk while the member before
 * it computes its first chunk, then chunk after chunk the sums' end and
 * the top part, telling the others when each chunk's dL/dz is theirs to
 * take (back_early). */
static void last_member(gt_chain *c, gt_model *v, int m, int chunks)
{
	for (int i = 0; i < chunks; i++)
		first_layer(c, v, m, i);
	for (int i = 0; i < chunks; i++) {
		int r0 = i * GT_LANE_ROUND;

		wait_for(c, m - 1, i);
		gt_model_run_cols(v, 1, &c->own[m].cols, part_of(c, m - 1, i), GT_LANE_ROUND,
		                  v->a[2] + r0, (size_t)v->lanes, r0, r0 + GT_LANE_ROUND);
		top_lanes(c, v, i);
		atomic_store_explicit(&c->done[m].v, mark(c, i + 1), memory_order_release);
	}
}

/* Spin rounds (gt_team_relax) a member waits in back_early for the next
 * chunk before it leaves its backward pass to the thread of the last
 * member's part: far longer than a chunk of the top part takes, short
 * against a time slice, so that a last member off its CPU holds the job
 * where the team can see it (team.h). */
#define EARLY_SPINS 4096

/* Take role r of this step (claims): 1 for the one thread that does. */
static int claim(gt_chain *c, int r)
{
	uint_fast64_t cur = atomic_load_explicit(&c->claims[r].v, memory_order_relaxed);

	return cur < c->seq &&
	       atomic_compare_exchange_strong_explicit(&c->claims[r].v, &cur, c->seq,
	                                               memory_order_acq_rel, memory_order_relaxed);
}

static int claimed(const gt_chain *c, int r)
{
	return atomic_load_explicit(&c->claims[r].v, memory_order_acquire) == c->seq;
}

/* dL/da of member m's columns in lane chunk i: the first part of its
 * backward pass, the one done lane chunk by lane chunk. */
static void back_chunk(gt_chain *c, gt_model *v, int m, int i)
{
	int r0 = i * GT_LANE_ROUND;

	gt_model_backprop_cols_lanes(v, 1, &c->own[m].cols, c->n, r0, r0 + GT_LANE_ROUND);
}

/* Member m (not the last), its sums handed on: the first part of its
 * backward pass in each lane chunk as the top part hands the chunk's
 * dL/dz over, where m would wait idle for it. It stops (o->back tells
 * where) when no thread has taken the last member's part, for this thread
 * may be the one to take it next, or after EARLY_SPINS rounds without a
 * chunk. */
static void back_early(gt_chain *c, gt_model *v, int m, int chunks)
{
	member_own *o = &c->own[m];
	int last = c->members - 1;

	o->back = 0;
	for (int r = 0; o->back < chunks && r < EARLY_SPINS; r++) {
		uint64_t d = atomic_load_explicit(&c->done[last].v, memory_order_acquire);

		if (d >= mark(c, o->back + 1)) {
			back_chunk(c, v, m, o->back++);
			r = -1;
		} else if (!claimed(c, last)) {
			return;
		} else {
			gt_team_relax(r);
		}
	}
}

static int chunks_of(const gt_chain *c)
{
	return (c->n + GT_LANE_ROUND - 1) / GT_LANE_ROUND;
}

/* Member m's forward pass. The first member goes chunk by chunk, so that
 * its first chunk's sums go on as early as they can; a middle member,
 * like the last, does its first layer first. All but the last then begin
 * their backward pass (back_early) and say so (mark(chunks + 1)), after
 * which another thread may take it on: returns 1 when the top part was
 * done in every chunk by then. */
static int forward(gt_chain *c, int m)
{
	gt_model *v = make_view(c, m);
	int chunks = chunks_of(c), whole;

	if (m > 0)      /* all its rows' loads under way at once */
		gt_samples_prefetch(c->s, c->idx, (size_t)c->n);
	if (m == c->members - 1) {
		last_member(c, v, m, chunks);
		return 1;
	}
	for (int i = 0; i < chunks && m > 0; i++)
		first_layer(c, v, m, i);
	for (int i = 0; i < chunks; i++) {
		if (m == 0)
			first_layer(c, v, m, i);
		else
			wait_for(c, m - 1, i);
		chunk_sums(c, v, m, i);
	}
	back_early(c, v, m, chunks);
	whole = c->own[m].back == chunks;
	atomic_store_explicit(&c->done[m].v, mark(c, chunks + 1), memory_order_release);
	return whole;
}

/* Adam on the parameters from..from+n-1. */
static void adam(const gt_chain *c, size_t from, size_t n)
{
	gt_adam_apply(c->adam, c->model->params, c->model->grads, from, n);
}

static size_t offset(const gt_chain *c, const gt_real *p)
{
	return (size_t)(p - c->model->params);
}

/* Adam on units u0..u1-1 of layer l: their rows of W_l and their biases. */
static void adam_units(const gt_chain *c, int l, int u0, int u1)
{
	const gt_model *md = c->model;
	size_t nin = (size_t)md->arch.sizes[l];

	adam(c, offset(c, md->W[l]) + (size_t)u0 * nin, (size_t)(u1 - u0) * nin);
	adam(c, offset(c, md->b[l]) + (size_t)u0, (size_t)(u1 - u0));
}

/* Member m's columns of W_1 back into the model, past the cache: the
 * model is then current between steps, and no store waits for a line
 * that the other member's prefetches took (its columns are the other
 * half of every row). */
static void write_back(const gt_chain *c, int m)
{
	const gt_model *md = c->model;
	const gt_cols *o = &c->own[m].cols;
	size_t nin = (size_t)md->arch.sizes[1];

	for (int u = 0; u < md->arch.sizes[2]; u++)
		gt_reals_stream(md->W[1] + (size_t)u * nin + (size_t)o->k0, o->W + (size_t)u * o->ld,
		                (size_t)(o->k1 - o->k0));
	gt_reals_fence();
}

/* Member m's backward pass and Adam, its forward pass done. */
static void backward(gt_chain *c, int m)
{
	gt_model *v = &c->view[m].m;
	const gt_arch *A = &v->arch;
	member_own *o = &c->own[m];
	int i0 = c->cut[m], i1 = c->cut[m + 1];

	if (m > 0)
		gt_samples_prefetch(c->s, c->next_idx, (size_t)c->next_n);
	if (m < c->members - 1) {    /* the chunks back_early left */
		while (o->back < chunks_of(c))
			back_chunk(c, v, m, o->back++);
	} else {
		gt_model_backprop_cols(v, 1, &o->cols, c->n);
	}
	gt_model_grads_cols(v, 1, &o->cols, c->n);
	gt_adam_apply_to(c->adam, o->cols.W, o->cols.dW, o->m, o->v,
	                 (size_t)A->sizes[2] * o->cols.ld);
	write_back(c, m);
	gt_model_grads_units(v, 0, i0, i1, c->n);
	adam_units(c, 0, i0, i1);
	if (m < c->members - 1)
		return;
	gt_model_grads_bias(v, 1, 0, A->sizes[2], c->n);
	adam(c, offset(c, v->b[1]), (size_t)A->sizes[2]);
	for (int l = 2; l < A->nlayers; l++) {
		gt_model_grads_units(v, l, 0, A->sizes[l + 1], c->n);
		adam_units(c, l, 0, A->sizes[l + 1]);
	}
}

/* The last member's part, forward and backward, then the backward pass
 * of every member that no thread has taken, each once its forward pass
 * (back_early included) is done. */
static void last_part(gt_chain *c)
{
	int last = c->members - 1;

	forward(c, last);
	backward(c, last);
	for (int m = 0; m < last; m++) {
		if (!claim(c, m))
			continue;
		wait_for(c, m, chunks_of(c));
		backward(c, m);
	}
}

/* Item k of a step: member k's forward pass, then its backward pass once
 * the top part has handed every chunk's dL/dz over (its item waits for
 * that), or the last member's part (item members - 1). The parts wait for
 * each other in both directions, while a thread may take items one after
 * another (the caller alone, or a member taking what is left): so the
 * last member's part is a role that the first thread to want it takes
 * (claim), and a member that finds no thread on it either takes it, when
 * every forward pass it would wait for is done, or leaves its own
 * backward pass to whoever takes it. No thread waits for a part that no
 * thread has begun. */
static void step_item(void *arg, int k, int member)
{
	gt_chain *c = arg;
	int last = c->members - 1;

	(void)member;
	if (k == last) {
		if (claim(c, last))
			last_part(c);
		return;
	}
	if (forward(c, k)) {    /* the top part is done */
		if (claim(c, k))
			backward(c, k);
		return;
	}
	if (!claimed(c, last) && ready(c, last - 1, chunks_of(c) - 1) && claim(c, last))
		last_part(c);
}

void gt_chain_next(gt_chain *c, const uint32_t *idx, int n)
{
	c->next_idx = idx;
	c->next_n = n;
}

double gt_chain_step(gt_chain *c, gt_team *team, gt_adam *adam_state, const gt_samples *s,
                     const uint32_t *idx, const int *y, int n, size_t *correct)
{
	double total = 0;

	c->s = s;
	c->idx = idx;
	c->y = y;
	c->n = n;
	c->adam = adam_state;
	c->correct = 0;
	c->seq++;
	if (!c->held)
		gather(c);
	gt_adam_begin(adam_state);
	gt_team_run(team, step_item, c, c->members);
	for (int r0 = 0; r0 < n; r0 += GT_LANE_ROUND)
		total += c->loss[r0 / GT_LANE_ROUND];
	c->next_n = 0;      /* the hint was for this step */
	*correct += c->correct;
	return total;
}
