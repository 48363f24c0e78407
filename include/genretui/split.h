/* split.h: train/test split compatible with scikit-learn's
 * train_test_split(test_size=0.2, random_state=seed) over NumPy's legacy
 * RandomState: perm = permutation(n); test = perm[:ceil(0.2 n)], train = rest. */
#ifndef GENRETUI_SPLIT_H
#define GENRETUI_SPLIT_H

#include <stdint.h>

#include "genretui/status.h"

typedef struct {
	uint32_t n;           /* samples split */
	uint32_t ntest;       /* ceil(test_fraction * n) */
	uint32_t ntrain;      /* n - ntest */
	uint32_t *test;       /* ntest sample indices, in permutation order */
	uint32_t *train;      /* ntrain sample indices, in permutation order */
	uint32_t *perm;       /* private: n entries; test and train point into it */
} gt_split;

/* Test-set size scikit-learn draws for a fraction (ceil(frac * n)). */
uint32_t gt_split_test_size(uint32_t n, double test_fraction);

/* Draw the permutation of 0..n-1 for seed (numpy.random.RandomState(seed).permutation(n)). */
gt_status gt_permutation(uint32_t *perm, uint32_t n, uint32_t seed);

gt_status gt_split_make(gt_split *s, uint32_t n, double test_fraction,
                        uint32_t seed, gt_error *err);
void gt_split_free(gt_split *s);

#endif
