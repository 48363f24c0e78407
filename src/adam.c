/* adam.c: Adam with Keras' update rule. */
#include <math.h>
#include <stdlib.h>

#include "genretui/adam.h"

gt_status gt_adam_init(gt_adam *a, size_t n, double lr, double beta1,
                       double beta2, double eps, gt_error *err)
{
	*a = (gt_adam){ .lr = lr, .beta1 = beta1, .beta2 = beta2, .eps = eps, .n = n };
	if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0))
		return gt_fail(err, GT_ERR_ARG,
		               "Adam needs lr > 0, 0 <= beta1, beta2 < 1 and eps > 0");
	a->m = calloc(n ? n : 1, sizeof(double));
	a->v = calloc(n ? n : 1, sizeof(double));
	if (!a->m || !a->v) {
		gt_adam_free(a);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the optimiser");
	}
	return GT_OK;
}

void gt_adam_step(gt_adam *a, double *params, const double *grads)
{
	double b1 = a->beta1, b2 = a->beta2, lr_t;

	a->t++;
	lr_t = a->lr * sqrt(1.0 - pow(b2, (double)a->t)) / (1.0 - pow(b1, (double)a->t));
	for (size_t i = 0; i < a->n; i++) {
		double g = grads[i];

		a->m[i] = b1 * a->m[i] + (1.0 - b1) * g;
		a->v[i] = b2 * a->v[i] + (1.0 - b2) * g * g;
		params[i] -= lr_t * a->m[i] / (sqrt(a->v[i]) + a->eps);
	}
}

void gt_adam_free(gt_adam *a)
{
	free(a->m);
	free(a->v);
	a->m = a->v = NULL;
}
