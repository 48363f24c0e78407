/* adam.h: the Adam optimiser as Keras implements it.
 *
 * t += 1; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr * sqrt(1-b2^t)/(1-b1^t) * m / (sqrt(v) + eps)
 * (Keras applies eps outside the bias correction: the "epsilon hat" form).
 * Keras defaults: lr 0.001, b1 0.9, b2 0.999, eps 1e-7. Moments and
 * parameters are gt_real (float, as in Keras); the step size lr * sqrt(1 -
 * b2^t) / (1 - b1^t) is computed in double, then rounded. */
#ifndef GENRETUI_ADAM_H
#define GENRETUI_ADAM_H

#include <stddef.h>

#include "genretui/real.h"
#include "genretui/status.h"

typedef struct {
	double lr, beta1, beta2, eps;
	long t;            /* steps taken */
	double lr_t;       /* step size of step t */
	size_t n;          /* parameters */
	gt_real *m, *v;    /* first and second moments, n each */
} gt_adam;

gt_status gt_adam_init(gt_adam *a, size_t n, double lr, double beta1,
                       double beta2, double eps, gt_error *err);
void gt_adam_step(gt_adam *a, gt_real *params, const gt_real *grads);

/* gt_adam_step in parts, for threads that share a step: begin counts the
 * step and sets its step size, then apply updates parameters from..from+n-1
 * (each parameter on its own, so parts in any order or threads give the
 * bytes one gt_adam_step gives). */
void gt_adam_begin(gt_adam *a);
void gt_adam_apply(const gt_adam *a, gt_real *params, const gt_real *grads, size_t from,
                   size_t n);

/* gt_adam_apply (the same bytes) for parameters that another thread reads
 * next: they are written past this CPU's caches, straight to memory. A
 * plain store to a line that another CPU holds waits for that CPU to give
 * it up; with two threads sharing a step, every step's updates waited so
 * (they took longer than on one thread, bench/README.md). Where there is no
 * such store (not x86), it is gt_adam_apply. */
void gt_adam_apply_stream(const gt_adam *a, gt_real *params, const gt_real *grads,
                          size_t from, size_t n);
/* gt_adam_apply on n parameters whose gradients and moments are kept
 * elsewhere (a thread's own copies, chain.c): params[i] from grads[i],
 * m[i] and v[i], the same bytes as gt_adam_apply on the same values. */
void gt_adam_apply_to(const gt_adam *a, gt_real *params, const gt_real *grads, gt_real *m,
                      gt_real *v, size_t n);
void gt_adam_free(gt_adam *a);

#endif
