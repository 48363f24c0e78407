/* model.h: a small multilayer perceptron (dense layers) with its workspace.
 *
 * Parameters live in one flat buffer; for layer l with n_in = sizes[l] and
 * n_out = sizes[l+1]:  W_l [n_out][n_in] row-major, then b_l [n_out].
 * Gradients use the same layout. Activations for a batch of up to max_batch
 * rows: a_0 is the input [batch][sizes[0]], a_{l+1} = act_l(a_l W_l^T + b_l)
 * is [batch][sizes[l+1]]. */
#ifndef GENRETUI_MODEL_H
#define GENRETUI_MODEL_H

#include <stddef.h>

#include "genretui/rng.h"
#include "genretui/status.h"

#define GT_MAX_LAYERS 4

typedef enum { GT_ACT_LINEAR, GT_ACT_SIGMOID, GT_ACT_RELU } gt_act;

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
	double *params;                 /* flat, see above */
	double *grads;                  /* same layout; filled by gt_model_backward */
	double *W[GT_MAX_LAYERS], *b[GT_MAX_LAYERS];    /* views into params */
	double *dW[GT_MAX_LAYERS], *db[GT_MAX_LAYERS];  /* views into grads */
	int max_batch;
	double *a[GT_MAX_LAYERS + 1];   /* activations; a[0] points at the caller's input */
	double *delta[GT_MAX_LAYERS + 1]; /* dL/da_l, same shapes as a[l] (l >= 1) */
	double *work;                   /* private: one allocation behind a[] and delta[] */
} gt_model;

/* Check an architecture: 1..GT_MAX_LAYERS layers, sizes >= 1, a loss that
 * fits the output activation (sigmoid for KERAS_SIGMOID, linear for
 * SOFTMAX_CE). */
gt_status gt_arch_check(const gt_arch *arch, gt_error *err);

gt_status gt_model_init(gt_model *m, const gt_arch *arch, int max_batch,
                        gt_error *err);
void gt_model_free(gt_model *m);

/* Glorot-uniform weights (limit sqrt(6 / (n_in + n_out))), zero biases. */
void gt_model_glorot(gt_model *m, gt_rng *rng);

/* Forward n <= max_batch rows of x [n][sizes[0]]; returns the outputs
 * [n][sizes[nlayers]] (valid until the next forward). x must stay alive
 * until gt_model_backward. */
const double *gt_model_forward(gt_model *m, const double *x, int n);

/* Backward for the last forward: dout is dL/d(output) [n][out]. Overwrites
 * m->grads with dL/dparams. */
void gt_model_backward(gt_model *m, const double *dout, int n);

#endif
