/* adam.c: Adam with Keras' update rule. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <emmintrin.h>
#define HAVE_STREAM 1
#endif

#include "genretui/adam.h"
#include "genretui/kernel.h"

gt_status gt_adam_init(gt_adam *a, size_t n, double lr, double beta1,
                       double beta2, double eps, gt_error *err)
{
	*a = (gt_adam){ .lr = lr, .beta1 = beta1, .beta2 = beta2, .eps = eps, .n = n };
	if (!(lr > 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(eps > 0))
		return gt_fail(err, GT_ERR_ARG,
		               "Adam needs lr > 0, 0 <= beta1, beta2 < 1 and eps > 0");
	a->m = gt_reals_zeroed(n);
	a->v = gt_reals_zeroed(n);
	if (!a->m || !a->v) {
		gt_adam_free(a);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the optimiser");
	}
	return GT_OK;
}

static inline gt_real real_sqrt(gt_real x)
{
#ifdef GT_REAL_DOUBLE
	return sqrt(x);
#else
	return sqrtf(x);
#endif
}

/* One parameter's update: its moments *m and *v from gradient g, and its
 * new value from p. The one place the rule is written, so that every
 * update below gives the same bytes. */
static inline gt_real adam_one(gt_real p, gt_real g, gt_real *m, gt_real *v, gt_real lr_t,
                               gt_real b1, gt_real b2, gt_real eps)
{
	*m = b1 * *m + (1 - b1) * g;
	*v = b2 * *v + (1 - b2) * g * g;
	return p - lr_t * *m / (real_sqrt(*v) + eps);
}

/* The update of n parameters with step size lr_t (a vectorised loop: the
 * compiler uses SIMD square roots and divisions, as -fno-math-errno lets
 * it). */
GT_HOT static void adam_update(gt_real *restrict p, const gt_real *restrict g,
                               gt_real *restrict m, gt_real *restrict v, size_t n,
                               gt_real lr_t, gt_real b1, gt_real b2, gt_real eps)
{
	for (size_t i = 0; i < n; i++)
		p[i] = adam_one(p[i], g[i], &m[i], &v[i], lr_t, b1, b2, eps);
}

#ifdef HAVE_STREAM
/* Parameters per 64-byte line. */
#define LINE ((size_t)(64 / sizeof(gt_real)))

/* adam_update (adam_one, so the same bytes) whose new
 * parameters go to memory with non-temporal stores, a line at a time:
 * see gt_adam_apply_stream. The parameters before p's first whole line and
 * after its last are written as adam_update writes them. */
GT_HOT static void adam_update_stream(gt_real *restrict p, const gt_real *restrict g,
                                      gt_real *restrict m, gt_real *restrict v, size_t n,
                                      gt_real lr_t, gt_real b1, gt_real b2, gt_real eps)
{
	size_t head = (64 - (uintptr_t)p % 64) % 64 / sizeof(gt_real), i;

	if ((uintptr_t)p % sizeof(gt_real) != 0 || head >= n) {
		adam_update(p, g, m, v, n, lr_t, b1, b2, eps);
		return;
	}
	adam_update(p, g, m, v, head, lr_t, b1, b2, eps);
	for (i = head; i + LINE <= n; i += LINE) {
		_Alignas(64) gt_real line[LINE];

		for (size_t k = 0; k < LINE; k++)
			line[k] = adam_one(p[i + k], g[i + k], &m[i + k], &v[i + k], lr_t, b1, b2, eps);
		for (size_t q = 0; q < 4; q++)
			_mm_stream_si128((__m128i *)(void *)(p + i) + q,
			                 _mm_load_si128((const __m128i *)(const void *)line + q));
	}
	adam_update(p + i, g + i, m + i, v + i, n - i, lr_t, b1, b2, eps);
	_mm_sfence();   /* the lines are in memory before the step is counted done */
}
#endif

void gt_adam_step(gt_adam *a, gt_real *params, const gt_real *grads)
{
	gt_adam_begin(a);
	gt_adam_apply(a, params, grads, 0, a->n);
}

void gt_adam_begin(gt_adam *a)
{
	a->t++;
	a->lr_t = a->lr * sqrt(1.0 - pow(a->beta2, (double)a->t)) /
	          (1.0 - pow(a->beta1, (double)a->t));
}

void gt_adam_apply(const gt_adam *a, gt_real *params, const gt_real *grads, size_t from,
                   size_t n)
{
	adam_update(params + from, grads + from, a->m + from, a->v + from, n,
	            (gt_real)a->lr_t, (gt_real)a->beta1, (gt_real)a->beta2,
	            (gt_real)a->eps);
}

void gt_adam_apply_to(const gt_adam *a, gt_real *params, const gt_real *grads, gt_real *m,
                      gt_real *v, size_t n)
{
	adam_update(params, grads, m, v, n, (gt_real)a->lr_t, (gt_real)a->beta1,
	            (gt_real)a->beta2, (gt_real)a->eps);
}

void gt_adam_free(gt_adam *a)
{
	free(a->m);
	free(a->v);
	a->m = a->v = NULL;
}

void gt_adam_apply_stream(const gt_adam *a, gt_real *params, const gt_real *grads,
                          size_t from, size_t n)
{
#ifdef HAVE_STREAM
	adam_update_stream(params + from, grads + from, a->m + from, a->v + from, n,
	                   (gt_real)a->lr_t, (gt_real)a->beta1, (gt_real)a->beta2,
	                   (gt_real)a->eps);
#else
	gt_adam_apply(a, params, grads, from, n);
#endif
}
