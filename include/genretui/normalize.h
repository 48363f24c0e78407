/* normalize.h: the study's min-max scaling of four inputs.
 *
 * popularity, duration_ms, loudness and tempo are mapped to
 * (x - min) / (max - min) with min and max taken from the TRAINING rows only
 * and applied unchanged to every other row (test values may leave [0, 1]).
 * The other 31 inputs are left as they are. */
#ifndef GENRETUI_NORMALIZE_H
#define GENRETUI_NORMALIZE_H

#include <stddef.h>

#include "genretui/encode.h"

#define GT_NSCALED 4

/* Input columns that are scaled: popularity, duration_ms, loudness, tempo. */
extern const int gt_scaled_inputs[GT_NSCALED];

typedef struct {
	double min[GT_NSCALED];
	double max[GT_NSCALED];
} gt_minmax;

/* Fit on n rows of x (row-major, d columns, d >= GT_NNUMERIC). */
void gt_minmax_fit(gt_minmax *mm, const double *x, size_t n, int d);
/* The same a row at a time: reset, then add each row (>= GT_NNUMERIC
 * values in input order; a gt_track's num[] will do). */
void gt_minmax_reset(gt_minmax *mm);
void gt_minmax_add(gt_minmax *mm, const double *row);
/* Scale n rows in place. A column whose max == min maps to 0. */
void gt_minmax_apply(const gt_minmax *mm, double *x, size_t n, int d);

#endif
