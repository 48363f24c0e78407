/* normalize.c: the study's min-max scaling of popularity, duration_ms,
 * loudness and tempo, and the improved preset's standardisation. */
#include <math.h>
#include <string.h>

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

const char *gt_prep_name(gt_prep p)
{
	return p == GT_PREP_IMPUTE ? "impute" : "study";
}

void gt_standard_fit(gt_standard *st, const double *const *rows, size_t n)
{
	for (int f = 0; f < GT_NNUMERIC; f++) {
		double sum = 0.0, sq = 0.0, mean;

		for (size_t i = 0; i < n; i++)
			sum += rows[i][f];
		mean = n ? sum / (double)n : 0.0;
		for (size_t i = 0; i < n; i++) {
			double d = rows[i][f] - mean;

			sq += d * d;
		}
		st->mean[f] = mean;
		st->sd[f] = n && sq > 0 ? sqrt(sq / (double)n) : 1.0;
	}
}

void gt_norm_apply(const gt_norm *n, double row[GT_NINPUTS])
{
	if (n->prep == GT_PREP_STUDY) {
		gt_minmax_apply(&n->mm, row, 1, GT_NINPUTS);
		return;
	}
	for (int f = 0; f < GT_NNUMERIC; f++)
		row[f] = (row[f] - n->std.mean[f]) / n->std.sd[f];
}

void gt_norm_numbers(const gt_norm *n, const double num[GT_NNUMERIC],
                     gt_real x[GT_NNUMERIC])
{
	double row[GT_NINPUTS];     /* (gt_norm_apply's shape: it reads and
	                               writes the numbers only, so the
	                               one-hot part is left unset) */

	memcpy(row, num, GT_NNUMERIC * sizeof(*row));
	gt_norm_apply(n, row);
	for (int i = 0; i < GT_NNUMERIC; i++)
		x[i] = (gt_real)row[i];
}

void gt_norm_encode(const gt_norm *n, const double num[GT_NNUMERIC], int scale,
                    gt_real x[GT_NINPUTS])
{
	double row[GT_NINPUTS];

	gt_encode_inputs(num, scale, row);
	gt_norm_apply(n, row);
	for (int i = 0; i < GT_NINPUTS; i++)
		x[i] = (gt_real)row[i];
}
