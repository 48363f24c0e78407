/* split.c: scikit-learn compatible train/test split (ShuffleSplit). */
#include <math.h>
#include <stdlib.h>

#include "genretui/rng.h"
#include "genretui/split.h"

uint32_t gt_split_test_size(uint32_t n, double test_fraction)
{
	double t = ceil(test_fraction * (double)n);

	if (t < 0)
		return 0;
	return t > n ? n : (uint32_t)t;
}

gt_status gt_permutation(uint32_t *perm, uint32_t n, uint32_t seed)
{
	gt_rng rng;

	for (uint32_t i = 0; i < n; i++)
		perm[i] = i;
	gt_rng_seed(&rng, seed);
	gt_rng_shuffle(&rng, perm, n);
	return GT_OK;
}

gt_status gt_split_make(gt_split *s, uint32_t n, double test_fraction,
                        uint32_t seed, gt_error *err)
{
	*s = (gt_split){0};
	if (!(test_fraction > 0.0 && test_fraction < 1.0))
		return gt_fail(err, GT_ERR_ARG, "test fraction %g is not in (0, 1)",
		               test_fraction);
	s->ntest = gt_split_test_size(n, test_fraction);
	if (n < 2 || s->ntest == 0 || s->ntest >= n)
		return gt_fail(err, GT_ERR_EMPTY,
		               "%u usable rows cannot be split into training and test sets", n);
	s->perm = malloc((size_t)n * sizeof(*s->perm));
	if (!s->perm)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for a split of %u rows", n);
	s->n = n;
	s->ntrain = n - s->ntest;
	gt_permutation(s->perm, n, seed);
	s->test = s->perm;
	s->train = s->perm + s->ntest;
	return GT_OK;
}

void gt_split_free(gt_split *s)
{
	free(s->perm);
	*s = (gt_split){0};
}
