/* median.c: medians by radix selection (median.h).
 *
 * Each double becomes a 64-bit key that orders as the double does; the
 * k-th smallest key is found 11 bits at a time, from the top: count the
 * keys per value of those bits, keep those in the value where rank k
 * falls, go on with the next bits. */
#include <string.h>

#include "genretui/median.h"

static double double_of(uint64_t key)
{
	uint64_t bits = key >> 63 ? key & ~((uint64_t)1 << 63) : ~key;
	double v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

/* Bits of the key looked at a pass: 11 bits take 6 passes over what is
 * left (8 would take 8), and their 2,048 counts (16 KB) stay in the L1
 * cache. */
#define DIGIT 11

/* The k-th smallest of the n keys u[] (k < n); u is overwritten. *below
 * gets the (k-1)-th smallest (k >= 1): another key equal to it if one is
 * ranked just before it, else the largest of the keys dropped below it
 * on the way (every key smaller than it is dropped so). */
static uint64_t select_key(uint64_t *u, size_t n, size_t k, uint64_t *below)
{
	uint64_t low = 0;

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
			uint64_t x = u[i];
			unsigned dig = (unsigned)(x >> shift & mask);

			u[m] = x;
			m += dig == d;
			low = dig < d && x > low ? x : low;
		}
		n = m;
	}
	*below = k ? u[0] : low;            /* all n left are equal */
	return u[0];
}

double gt_median_keys(uint64_t *keys, size_t n)
{
	uint64_t below, upper = select_key(keys, n, n / 2, &below);

	return n % 2 ? double_of(upper) : (double_of(below) + double_of(upper)) / 2;
}

double gt_median(const double *v, size_t n, uint64_t *scratch)
{
	for (size_t i = 0; i < n; i++)
		scratch[i] = gt_median_key(v[i]);
	return gt_median_keys(scratch, n);
}
