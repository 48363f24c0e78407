/* median.h: the median of many doubles by radix selection: linear, and
 * without the unpredictable branches of a quickselect, whose comparisons
 * of random data the CPU cannot foresee. */
#ifndef GENRETUI_MEDIAN_H
#define GENRETUI_MEDIAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Median of v[0..n-1] (n >= 1, no NaN): the middle value, or the mean of
 * the two middle ones. scratch: room for n keys. v is not changed. */
double gt_median(const double *v, size_t n, uint64_t *scratch);

/* A double's 64-bit key, which orders as the doubles do (-0 as +0).
 * Inline: the training statistics key every value they gather. */
static inline uint64_t gt_median_key(double v)
{
	uint64_t bits;

	v += 0.0;             /* -0 becomes +0: they are equal */
	memcpy(&bits, &v, sizeof(bits));
	return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

/* Median of the n (>= 1) doubles whose keys are keys[] (overwritten): what
 * gt_median gives for them, without their values. */
double gt_median_keys(uint64_t *keys, size_t n);

#endif
