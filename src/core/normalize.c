/* normalize.c: min-max scaling (the study's popularity, duration_ms,
 * loudness and tempo) and the improved preset's standardisation, of the
 * inputs a layout flags. */
#include <math.h>
#include <string.h>

#include "genretui/normalize.h"

const int gt_scaled_inputs[GT_NSCALED] = {
	GT_F_POPULARITY, GT_F_DURATION, GT_F_LOUDNESS, GT_F_TEMPO
};

void gt_minmax_reset(gt_minmax *mm)
{
	mm->n = GT_NSCALED;
	for (int j = 0; j < GT_NSCALED; j++) {
		mm->input[j] = (uint16_t)gt_scaled_inputs[j];
		mm->min[j] = INFINITY;
		mm->max[j] = -INFINITY;
	}
}

void gt_minmax_add(gt_minmax *mm, const double *row)
{
	for (int j = 0; j < mm->n; j++) {
		double v = row[mm->input[j]];

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

		for (int j = 0; j < mm->n; j++) {
			double range = mm->max[j] - mm->min[j];
			double *v = &row[mm->input[j]];

			*v = range > 0 ? (*v - mm->min[j]) / range : 0.0;
		}
	}
}

const char *gt_prep_name(gt_prep p)
{
	return p == GT_PREP_IMPUTE ? "impute" : "study";
}

void gt_norm_init(gt_norm *n, gt_prep prep, const gt_layout *l)
{
	memset(n, 0, sizeof(*n));
	n->prep = prep;
	n->nnum = l->nnum;
	n->nhot = l->nhot;
	for (int i = 0; i < l->nnum; i++) {
		if (l->flags[i] & GT_INPUT_MINMAX)
			n->mm.input[n->mm.n++] = (uint16_t)i;
		if (l->flags[i] & GT_INPUT_STANDARD) {
			n->std.sd[n->std.n] = 1.0;
			n->std.input[n->std.n++] = (uint16_t)i;
		}
	}
}

void gt_standard_fit_listed(gt_standard *st, const double *const *rows, size_t n)
{
	for (int j = 0; j < st->n; j++) {
		int f = st->input[j];
		double sum = 0.0, sq = 0.0, mean;

		for (size_t i = 0; i < n; i++)
			sum += rows[i][f];
		mean = n ? sum / (double)n : 0.0;
		for (size_t i = 0; i < n; i++) {
			double d = rows[i][f] - mean;

			sq += d * d;
		}
		st->mean[j] = mean;
		st->sd[j] = n && sq > 0 ? sqrt(sq / (double)n) : 1.0;
	}
}

void gt_standard_fit(gt_standard *st, const double *const *rows, size_t n)
{
	st->n = GT_NNUMERIC;
	for (int f = 0; f < GT_NNUMERIC; f++)
		st->input[f] = (uint16_t)f;
	gt_standard_fit_listed(st, rows, n);
}

void gt_norm_apply(const gt_norm *n, double *row)
{
	if (n->prep == GT_PREP_STUDY) {
		gt_minmax_apply(&n->mm, row, 1, 0);
		return;
	}
	for (int j = 0; j < n->std.n; j++) {
		int f = n->std.input[j];

		row[f] = (row[f] - n->std.mean[j]) / n->std.sd[j];
	}
}

void gt_norm_numbers(const gt_norm *n, const double *num, gt_real *x)
{
	double row[GT_MAX_INPUTS];

	memcpy(row, num, (size_t)n->nnum * sizeof(*row));
	gt_norm_apply(n, row);
	for (int i = 0; i < n->nnum; i++)
		x[i] = (gt_real)row[i];
}

void gt_norm_encode(const gt_norm *n, const double *num, int hot, gt_real *x)
{
	gt_norm_numbers(n, num, x);
	for (int h = 0; h < n->nhot; h++)
		x[n->nnum + h] = h == hot ? 1 : 0;
}
