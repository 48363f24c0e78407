/* model.h: a small multilayer perceptron (dense layers) with its workspace.
 *
 * Parameters live in one flat buffer of gt_real (float, see real.h); for
 * layer l with n_in = sizes[l] and n_out = sizes[l+1]:  W_l [n_out][n_in]
 * row-major, then b_l [n_out]. Gradients use the same layout. For a batch
 * of up to max_batch rows, a_0 is the input and a_{l+1} = act_l(a_l W_l^T +
 * b_l) holds sizes[l+1] values per row.
 *
 * Rows and lanes. gt_model_forward and gt_model_backward take and return
 * batches row by row ([n][units], as callers hold them). Inside, a batch is
 * held column-wise: a_l is [units][lanes], lane r holding batch row r, with
 * lanes = max_batch rounded up to GT_LANE_ROUND. Every layer is then a
 * matrix product whose inner loop runs along the lanes, over contiguous
 * memory and with no sums across a vector: what SIMD does best (model.c).
 * The trainer and gt_evaluate use the lanes directly (gt_model_load_rows,
 * gt_model_run, gt_model_backprop), skipping the conversions.
 *
 * Rows come as gt_samples: dense values, then optionally a one-hot group
 * stored as one byte per row and expanded only as rows are loaded (the
 * pipeline's 24 scale inputs: 45 bytes a row rather than 35 floats' 140). */
#ifndef GENRETUI_MODEL_H
#define GENRETUI_MODEL_H

#include <stddef.h>

#include <stdint.h>

#include "genretui/real.h"
#include "genretui/rng.h"
#include "genretui/status.h"

#define GT_MAX_LAYERS 4
/* lanes are a multiple of this (one 64-byte cache line of floats) */
#define GT_LANE_ROUND 16

typedef enum { GT_ACT_LINEAR, GT_ACT_SIGMOID, GT_ACT_RELU } gt_act;

/* Rows ready for the model: x [n][nnum] the dense inputs, encoded and
 * normalised; hot [n] which of the nhot one-hot inputs after them is 1
 * (NULL when nhot is 0; a value >= nhot sets none); y [n] classes (NULL
 * where no labels are needed). The model's input width is nnum + nhot. A
 * dense matrix [n][d] is nnum = d, nhot = 0. */
typedef struct {
	const gt_real *x;
	const uint8_t *hot;
	const int *y;
	size_t n;
	int nnum, nhot;
} gt_samples;

/* Ask the cache for rows idx[0..n-1] of s (idx NULL: rows 0..n-1): their
 * dense values, one-hot byte and label, which are scattered over sets
 * larger than the cache. Always inlined: GCC takes a function of
 * prefetches alone for a pure one and drops the call. */
static inline __attribute__((always_inline)) void
gt_samples_prefetch(const gt_samples *s, const uint32_t *idx, size_t n)
{
	size_t bytes = (size_t)s->nnum * sizeof(gt_real);

	for (size_t r = 0; r < n; r++) {
		size_t j = idx ? idx[r] : r;
		const char *row = (const char *)(s->x + j * (size_t)s->nnum);

		for (size_t b = 0; b < bytes; b += 64)
			__builtin_prefetch(row + b);
		if (bytes)
			__builtin_prefetch(row + bytes - 1);
		if (s->hot)
			__builtin_prefetch(s->hot + j);
		if (s->y)
			__builtin_prefetch(s->y + j);
	}
}

/* Rows from .. from + n - 1 of s, as samples of their own (a view). */
gt_samples gt_samples_range(const gt_samples *s, size_t from, size_t n);

typedef enum {
	/* Keras SparseCategoricalCrossentropy(from_logits=False) on sigmoid
	 * outputs s: clip s to [1e-7, 1-1e-7], loss = -log(s_y / sum_j s_j). */
	GT_LOSS_KERAS_SIGMOID,
	/* Softmax cross-entropy on linear outputs (logits). */
	GT_LOSS_SOFTMAX_CE
} gt_loss_kind;

typedef struct {
	int nlayers;                    /* dense layers, 1..GT_MAX_LAYERS */
	int sizes[GT_MAX_LAYERS + 1];   /* sizes[0] inputs, sizes[l+1] outputs of layer l */
	gt_act act[GT_MAX_LAYERS];      /* activation of each layer */
	gt_loss_kind loss;
} gt_arch;

typedef struct {
	gt_arch arch;
	size_t nparams;
	gt_real *params;                /* flat, see above */
	gt_real *grads;                 /* same layout; filled by backward */
	gt_real *W[GT_MAX_LAYERS], *b[GT_MAX_LAYERS];    /* views into params */
	gt_real *dW[GT_MAX_LAYERS], *db[GT_MAX_LAYERS];  /* views into grads */
	int max_batch;
	int lanes;                      /* max_batch rounded up to GT_LANE_ROUND */
	gt_real *a[GT_MAX_LAYERS + 1];  /* activations a_l, [sizes[l]][lanes]; a[0] the input */
	gt_real *delta[GT_MAX_LAYERS + 1]; /* dL/da_l, then dL/dz_l, [sizes[l]][lanes] (l >= 1) */
	gt_real *rows[GT_MAX_LAYERS];   /* a_l row by row, [max_batch][row_len[l]], for dW */
	int row_len[GT_MAX_LAYERS];     /* sizes[l] rounded up to GT_LANE_ROUND (zero padding) */
	gt_real *out;                   /* [max_batch][outputs]: gt_model_forward's result */
	/* Inverted dropout on hidden ReLU layers, set by the trainer for a
	 * training step only (0 otherwise): each unit of each row is zeroed with
	 * probability dropout, the others scaled by 1 / (1 - dropout); which, is
	 * a hash of (drop_key, layer, unit, lane), so a run is reproducible. */
	float dropout;
	uint32_t drop_key;
	gt_real *work;                  /* private: one allocation behind the buffers above */
} gt_model;

/* Check an architecture: 1..GT_MAX_LAYERS layers, sizes >= 1, a loss that
 * fits the output activation (sigmoid for KERAS_SIGMOID, linear for
 * SOFTMAX_CE). */
gt_status gt_arch_check(const gt_arch *arch, gt_error *err);

/* Keep the unit (unit u, lane r) of hidden layer l under dropout p? The
 * same test gt_model_run applies (exposed for the tests). */
int gt_dropout_keeps(uint32_t key, int l, size_t index, float p);

gt_status gt_model_init(gt_model *m, const gt_arch *arch, int max_batch,
                        gt_error *err);
void gt_model_free(gt_model *m);

/* A second workspace over m's weights, for a thread that runs other rows
 * through the same model at the same time: v reads m's parameters (m keeps
 * and frees them) and has activations of its own. Forward only
 * (gt_model_load_rows, gt_model_run, no dropout): its gradients would be
 * m's. Free it with gt_model_free_workspace, before m. */
gt_status gt_model_init_workspace(gt_model *v, const gt_model *m, gt_error *err);
void gt_model_free_workspace(gt_model *v);

/* Glorot-uniform weights (limit sqrt(6 / (n_in + n_out))), zero biases. */
void gt_model_glorot(gt_model *m, gt_rng *rng);

/* Forward n <= max_batch rows of x [n][sizes[0]]; returns the outputs
 * [n][sizes[nlayers]] (valid until the next forward). */
const gt_real *gt_model_forward(gt_model *m, const gt_real *x, int n);

/* Backward for the last forward: dout is dL/d(output) [n][out]. Overwrites
 * m->grads with dL/dparams. */
void gt_model_backward(gt_model *m, const gt_real *dout, int n);

/* The same in lanes. load_rows writes n <= max_batch rows of s (s->nnum +
 * s->nhot == sizes[0]) into the input, each row's one-hot expanded to 0s
 * and a 1: rows idx[0..n-1], or 0..n-1 if idx is NULL. It is the only way
 * rows enter the model (gt_model_forward loads its dense x through it).
 * run computes the layers and returns the last activations,
 * [outputs][lanes]; lanes n and up hold nothing of use. backprop needs
 * delta[nlayers] filled with dL/d(output) for lanes 0..n-1 and zero in the
 * other lanes up to n rounded up to GT_LANE_ROUND (gt_loss_lanes writes it
 * so); it overwrites m->grads. */
void gt_model_load_rows(gt_model *m, const gt_samples *s, const uint32_t *idx,
                        int n);
const gt_real *gt_model_run(gt_model *m, int n);
void gt_model_backprop(gt_model *m, int n);

/* The same in shares, for threads that split a batch of n rows between
 * them (train.c). A share is lanes r0..r1-1, both multiples of
 * GT_LANE_ROUND, r1 at most n rounded up to one. load_lanes loads the
 * batch's rows r0..min(r1, n)-1 (idx as in load_rows: the batch's rows,
 * all n of them); run_lanes computes every layer in the share's lanes;
 * backprop_lanes takes delta[nlayers] filled in them and computes every
 * layer's dL/dz and, below the top, dL/da there. Then grads_units writes
 * the gradients of units u0..u1-1 of layer l (dW's rows and db), sums over
 * the whole batch: every share's backprop_lanes must have been done. Every
 * value is computed as gt_model_run and gt_model_backprop compute it, in
 * the same order, so that the gradients do not depend on the shares
 * (tests/test_train.c). */
void gt_model_load_lanes(gt_model *m, const gt_samples *s, const uint32_t *idx,
                         int n, int r0, int r1);
void gt_model_run_lanes(gt_model *m, int r0, int r1);
void gt_model_backprop_lanes(gt_model *m, int n, int r0, int r1);
void gt_model_grads_units(gt_model *m, int l, int u0, int u1, int n);

/* Finer shares, for a step split by units along a chain of threads
 * (chain.h), each value again computed as gt_model_run and
 * gt_model_backprop compute it. A gt_cols is the columns k0..k1-1 of layer
 * l's weights kept apart by one thread: W and dW [units][ld], and rows
 * [max_batch][ld] for dW (ld >= k1 - k0, a multiple of GT_LANE_ROUND;
 * the padding of rows stays 0). Forward:
 * - run_lanes_from: run_lanes from layer l0 up (l0 = 0: run_lanes);
 * - run_units: layer l's units u0..u1-1 in lanes r0..r1-1 (activation and
 *   dropout included);
 * - run_cols: layer l's sums over its inputs k0..k1-1, every unit, lanes
 *   r0..r1-1, into `to` (lane r0 of unit 0; row stride ldt): begun from
 *   the bias if from is NULL, else carried on from the sums in from (lane
 *   r0 of unit 0, row stride ldf), which stopped at input k0. When k1 is
 *   the layer's input count the sums are complete: `to` must then be
 *   a[l+1] + r0 with stride lanes, and the activation and dropout are
 *   applied.
 * Backward (delta[nlayers] filled as for backprop):
 * - backprop_lanes_to: backprop_lanes down to layer lo only, which gets
 *   its dL/dz alone (lo = 0: backprop_lanes);
 * - backprop_cols: once delta[l+1] holds layer l's dL/dz in every lane,
 *   dL/da of its inputs k0..k1-1 (into delta[l]), turned into layer l-1's
 *   dL/dz, and those units' rows for dW (l >= 1);
 * - backprop_cols_lanes: backprop_cols in lanes r0..r1-1 only (multiples
 *   of GT_LANE_ROUND), once delta[l+1] is filled there: a member takes
 *   each lane chunk's dL/dz as it comes;
 * - grads_cols: dW of the columns; grads_bias: the biases of units
 *   u0..u1-1 (grads_units gives rows and biases). */
typedef struct {
	int k0, k1;
	gt_real *W, *dW, *rows;
	size_t ld;
} gt_cols;

void gt_model_run_lanes_from(gt_model *m, int l0, int r0, int r1);
void gt_model_run_units(gt_model *m, int l, int u0, int u1, int r0, int r1);
void gt_model_run_cols(gt_model *m, int l, const gt_cols *c, const gt_real *from,
                       size_t ldf, gt_real *to, size_t ldt, int r0, int r1);
void gt_model_backprop_lanes_to(gt_model *m, int n, int r0, int r1, int lo);
void gt_model_backprop_cols(gt_model *m, int l, const gt_cols *c, int n);
void gt_model_grads_cols(gt_model *m, int l, const gt_cols *c, int n);
void gt_model_grads_bias(gt_model *m, int l, int u0, int u1, int n);
void gt_model_backprop_cols_lanes(gt_model *m, int l, const gt_cols *c, int n, int r0,
                                  int r1);

#endif
