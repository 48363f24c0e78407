/* median.c: medians by radix selection (median.h).
 *
 * Each double becomes a 64-bit key that orders as the double does; the
 * k-th smallest key is found 11 bits at a time, from the top: count the
 * keys per value of those bits, keep those in the value where rank k
 * falls, go on with the next bits. */
#include <string.h>

#include "genretui/median.h"

static uint64_t key_of(double v)
{
	uint64_t bits;

	v += 0.0;             /* -0 becomes +0: they are equal */
	memcpy(&bits, &v, sizeof(bits));
	return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

static double double_of(uint64_t key)
{
	uint64_t bits = key >> 63 ? key & ~((uint64_t)1 << 63) : ~key;
	double v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

/* Bits of the key looked at a pass: 11 bits take 6 passes over what is
 * left (8 took 8) and their counts (16 KB) stay in the L1 cache: 2-35%
 * faster on 32,000 and 650,000 values. */
#define DIGIT 11

/* The k-th smallest of the n keys u[] (k < n); u is overwritten. */
static uint64_t select_key(uint64_t *u, size_t n, size_t k)
{
	for (int top = 64; top > 0; top -= DIGIT) {
		int shift = top > DIGIT ? top - DIGIT : 0;
		uint64_t mask = ((uint64_t)1 << (top - shift)) - 1;
		size_t count[1 << DIGIT] = { 0 }, m = 0;
		unsigned d = 0;

		for (size_t i = 0; i < n; i++)
			count[u[i] >> shift & mask]++;
		while (k >= count[d])
			k -= count[d++];
		if (count[d] == n)          /* all share these bits */
			continue;
		for (size_t i = 0; i < n; i++) {     /* (no branch: keep or not) */
			u[m] = u[i];
			m += (u[i] >> shift & mask) == d;
		}
		n = m;
	}
	return u[0];                        /* all n left are equal */
}

double gt_median(const double *v, size_t n, uint64_t *scratch)
{
	double upper, lower = 0;
	size_t below = 0;

	for (size_t i = 0; i < n; i++)
		scratch[i] = key_of(v[i]);
	upper = double_of(select_key(scratch, n, n / 2));
	if (n % 2)
		return upper;
	for (size_t i = 0; i < n; i++) {   /* the largest value below it, if any */
		int under = v[i] < upper;

		below += (size_t)under;
		lower = under && (below == 1 || v[i] > lower) ? v[i] : lower;
	}
	return ((below >= n / 2 ? lower : upper) + upper) / 2;
}
