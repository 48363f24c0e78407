/* loss.h: losses over a batch of model outputs and their gradients.
 *
 * gt_loss_batch: out is [n][k] (the last layer's activations, row by row),
 * y is [n] class labels. The returned loss is the mean over the n rows, and
 * dout (if not NULL) receives d(mean loss)/d(out), [n][k].
 *
 * gt_loss_lanes is the same in lanes (see model.h), what training uses:
 * out is [k][lanes], batch row r in lane r. It returns the SUM of the n
 * rows' losses (accumulated in double), and dout (if not NULL, [k][lanes])
 * receives scale * d(row loss)/d(out) in lanes 0..n-1 and 0 in lanes n up
 * to n rounded up to GT_LANE_ROUND. */
#ifndef GENRETUI_LOSS_H
#define GENRETUI_LOSS_H

#include "genretui/model.h"

/* Keras' epsilon for clipping probabilities. */
#define GT_KERAS_EPSILON 1e-7

double gt_loss_batch(gt_loss_kind kind, const gt_real *out, const int *y,
                     int n, int k, gt_real *dout);

double gt_loss_lanes(gt_loss_kind kind, const gt_real *out, int lanes,
                     const int *y, int n, int k, gt_real scale, gt_real *dout);

/* Class probabilities of one output row: s / sum(s) of the clipped sigmoid
 * outputs (KERAS_SIGMOID, what the loss treats as probabilities), or
 * softmax(out) (SOFTMAX_CE). */
void gt_loss_probs(gt_loss_kind kind, const gt_real *out, int k, double *p);

#endif
