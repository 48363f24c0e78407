/* rng.h: MT19937, bit-for-bit as NumPy's legacy RandomState.
 *
 * Seeded with the classic init_genrand(seed). The state is passed explicitly
 * everywhere, so every run is reproducible from its seeds. */
#ifndef GENRETUI_RNG_H
#define GENRETUI_RNG_H

#include <stdint.h>

#define GT_MT_N 624

typedef struct {
	uint32_t mt[GT_MT_N];
	int mti;
} gt_rng;

void gt_rng_seed(gt_rng *r, uint32_t seed);
/* Next 32-bit output (genrand_int32). */
uint32_t gt_rng_u32(gt_rng *r);
/* Uniform integer in [0, max] by masked rejection, as NumPy's legacy
 * random_interval for max < 2^32. */
uint32_t gt_rng_interval(gt_rng *r, uint32_t max);
/* Uniform double in [0, 1) with 53 random bits (genrand_res53). */
double gt_rng_double(gt_rng *r);
/* Uniform double in [lo, hi). */
double gt_rng_uniform(gt_rng *r, double lo, double hi);
/* Shuffle idx[0..n-1] in place: NumPy's legacy shuffle (reverse Fisher-Yates
 * with gt_rng_interval). */
void gt_rng_shuffle(gt_rng *r, uint32_t *idx, uint32_t n);

#endif
