/* median.h: medians by selection (linear on average), not by sorting. */
#ifndef GENRETUI_MEDIAN_H
#define GENRETUI_MEDIAN_H

#include <stddef.h>

/* The k-th smallest of v[0..n-1] (k < n); v is reordered, the k smaller
 * values before it. */
double gt_select_kth(double *v, size_t n, size_t k);

/* Median of v[0..n-1] (n >= 1): the middle value, or the mean of the two
 * middle ones; v is reordered. NaN values are not allowed. */
double gt_median(double *v, size_t n);

#endif
