/* loss.h: losses over a batch of model outputs and their gradients.
 *
 * out is [n][k] (the last layer's activations), y is [n] class labels.
 * The returned loss is the mean over the n rows, and dout (if not NULL)
 * receives d(mean loss)/d(out), [n][k]. */
#ifndef GENRETUI_LOSS_H
#define GENRETUI_LOSS_H

#include "genretui/model.h"

/* Keras' epsilon for clipping probabilities. */
#define GT_KERAS_EPSILON 1e-7

double gt_loss_batch(gt_loss_kind kind, const double *out, const int *y,
                     int n, int k, double *dout);

/* Class probabilities of one output row: s / sum(s) of the clipped sigmoid
 * outputs (KERAS_SIGMOID, what the loss treats as probabilities), or
 * softmax(out) (SOFTMAX_CE). */
void gt_loss_probs(gt_loss_kind kind, const double *out, int k, double *p);

#endif
