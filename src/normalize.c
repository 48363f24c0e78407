/* normalize.c: min-max scaling of popularity, duration_ms, loudness, tempo. */
#include <math.h>

#include "genretui/normalize.h"

const int gt_scaled_inputs[GT_NSCALED] = {
	GT_F_POPULARITY, GT_F_DURATION, GT_F_LOUDNESS, GT_F_TEMPO
};

void gt_minmax_reset(gt_minmax *mm)
{
	for (int j = 0; j < GT_NSCALED; j++) {
		mm->min[j] = INFINITY;
		mm->max[j] = -INFINITY;
	}
}

void gt_minmax_add(gt_minmax *mm, const double *row)
{
	for (int j = 0; j < GT_NSCALED; j++) {
		double v = row[gt_scaled_inputs[j]];

		if (v < mm->min[j])
			mm->min[j] = v;
		if (v > mm->max[j])
			mm->max[j] = v;
	}
}

void gt_minmax_fit(gt_minmax *mm, const double *x, size_t n, int d)
{
	gt_minmax_reset(mm);
	for (size_t i = 0; i < n; i++)
		gt_minmax_add(mm, x + i * (size_t)d);
}

void gt_minmax_apply(const gt_minmax *mm, double *x, size_t n, int d)
{
	for (size_t i = 0; i < n; i++) {
		double *row = x + i * (size_t)d;

		for (int j = 0; j < GT_NSCALED; j++) {
			double range = mm->max[j] - mm->min[j];
			double *v = &row[gt_scaled_inputs[j]];

			*v = range > 0 ? (*v - mm->min[j]) / range : 0.0;
		}
	}
}
