/* median.c: selection of the k-th smallest value (median.h). */
#include <stddef.h>

#include "genretui/median.h"

/* Hoare's selection with Wirth's partition. Indices are signed: j may step
 * below lo. */
double gt_select_kth(double *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (lo < hi) {
		double pivot = v[kk], t;
		ptrdiff_t i = lo, j = hi;

		do {
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i <= j) {
				t = v[i], v[i] = v[j], v[j] = t;
				i++;
				j--;
			}
		} while (i <= j);
		if (j < kk)
			lo = i;
		if (kk < i)
			hi = j;
	}
	return v[kk];
}

double gt_median(double *v, size_t n)
{
	double upper = gt_select_kth(v, n, n / 2), lower = v[0];

	if (n % 2)
		return upper;
	for (size_t i = 1; i < n / 2; i++)    /* the largest value before it */
		lower = v[i] > lower ? v[i] : lower;
	return (lower + upper) / 2;
}
