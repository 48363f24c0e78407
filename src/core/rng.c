/* rng.c: MT19937 (Matsumoto & Nishimura), with NumPy's legacy helpers. */
#include "genretui/rng.h"

#define MT_M 397
#define MATRIX_A   0x9908b0dfu
#define UPPER_MASK 0x80000000u
#define LOWER_MASK 0x7fffffffu

void gt_rng_seed(gt_rng *r, uint32_t seed)
{
	r->mt[0] = seed;
	for (int i = 1; i < GT_MT_N; i++)
		r->mt[i] = 1812433253u * (r->mt[i - 1] ^ (r->mt[i - 1] >> 30)) + (uint32_t)i;
	r->mti = GT_MT_N;
}

/* The recurrence of word i, from words i, i + 1 and i + M (mod N). */
static uint32_t mt_next(uint32_t cur, uint32_t next, uint32_t far)
{
	uint32_t y = (cur & UPPER_MASK) | (next & LOWER_MASK);

	return far ^ (y >> 1) ^ ((y & 1u) ? MATRIX_A : 0u);
}

/* Regenerate all 624 words of state, in three runs so that no index
 * wraps (the classic layout; the compiler vectorises the first two). */
static void mt_twist(gt_rng *r)
{
	uint32_t *mt = r->mt;
	int i;

	for (i = 0; i < GT_MT_N - MT_M; i++)
		mt[i] = mt_next(mt[i], mt[i + 1], mt[i + MT_M]);
	for (; i < GT_MT_N - 1; i++)
		mt[i] = mt_next(mt[i], mt[i + 1], mt[i + MT_M - GT_MT_N]);
	mt[GT_MT_N - 1] = mt_next(mt[GT_MT_N - 1], mt[0], mt[MT_M - 1]);
	r->mti = 0;
}

uint32_t gt_rng_u32(gt_rng *r)
{
	uint32_t y;

	if (r->mti >= GT_MT_N)
		mt_twist(r);
	y = r->mt[r->mti++];
	y ^= y >> 11;
	y ^= (y << 7) & 0x9d2c5680u;
	y ^= (y << 15) & 0xefc60000u;
	y ^= y >> 18;
	return y;
}

uint32_t gt_rng_interval(gt_rng *r, uint32_t max)
{
	uint32_t mask = max, v;

	if (max == 0)
		return 0;
	/* smallest all-ones mask >= max */
	mask |= mask >> 1;
	mask |= mask >> 2;
	mask |= mask >> 4;
	mask |= mask >> 8;
	mask |= mask >> 16;
	while ((v = gt_rng_u32(r) & mask) > max)
		;
	return v;
}

double gt_rng_double(gt_rng *r)
{
	uint32_t a = gt_rng_u32(r) >> 5, b = gt_rng_u32(r) >> 6;

	return (a * 67108864.0 + b) / 9007199254740992.0;
}

double gt_rng_uniform(gt_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * gt_rng_double(r);
}

void gt_rng_shuffle(gt_rng *r, uint32_t *idx, uint32_t n)
{
	for (uint32_t i = n > 0 ? n - 1 : 0; i >= 1; i--) {
		uint32_t j = gt_rng_interval(r, i), t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
	}
}
