/* normalize.h: how raw values become model inputs.
 *
 * Two preparations (gt_prep):
 *   STUDY   the study's min-max scaling of four inputs (below); only KEPT
 *           rows are used.
 *   IMPUTE  the improved preset: unknown duration/tempo are filled with the
 *           TRAINING median (never a per-genre figure, which would leak the
 *           label), then each of the 11 numeric inputs is standardised,
 *           z = (x - mean) / sd, with training mean and standard deviation.
 *           The 24 one-hot scale columns are left as 0/1.
 *
 * The study's min-max scaling:
 * popularity, duration_ms, loudness and tempo are mapped to
 * (x - min) / (max - min) with min and max taken from the TRAINING rows only
 * and applied unchanged to every other row (test values may leave [0, 1]).
 * The other 31 inputs are left as they are. */
#ifndef GENRETUI_NORMALIZE_H
#define GENRETUI_NORMALIZE_H

#include <stddef.h>

#include "genretui/encode.h"
#include "genretui/real.h"

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

typedef enum { GT_PREP_STUDY = 0, GT_PREP_IMPUTE = 1 } gt_prep;

/* "study" / "impute" */
const char *gt_prep_name(gt_prep p);

/* Mean and standard deviation of the 11 numeric inputs (IMPUTE). */
typedef struct {
	double mean[GT_NNUMERIC], sd[GT_NNUMERIC];
} gt_standard;

/* A whole normalisation: which preparation, and its fitted figures (only
 * the part of the chosen preparation is used). */
typedef struct {
	gt_prep prep;
	gt_minmax mm;       /* STUDY */
	gt_standard std;    /* IMPUTE */
} gt_norm;

/* Fit the standardisation on n rows of raw numeric values: rows[i] points
 * at GT_NNUMERIC values in GT_F_ order, none NaN. Population sd (as
 * scikit-learn's StandardScaler); an sd of 0 is stored as 1. Two passes in
 * double. */
void gt_standard_fit(gt_standard *st, const double *const *rows, size_t n);

/* Normalise one encoded row of GT_NINPUTS values in place. */
void gt_norm_apply(const gt_norm *n, double row[GT_NINPUTS]);

/* A track's model inputs from its 11 raw numbers (none NaN): normalised in
 * double, then rounded to gt_real. gt_norm_numbers gives the 11 numeric
 * inputs (the sets' compact rows), gt_norm_encode all GT_NINPUTS with the
 * scale's one-hot (a single row to predict; a scale outside 0..GT_NSCALES-1
 * sets no one-hot input): the same numbers, bit for bit. */
void gt_norm_numbers(const gt_norm *n, const double num[GT_NNUMERIC],
                     gt_real x[GT_NNUMERIC]);
void gt_norm_encode(const gt_norm *n, const double num[GT_NNUMERIC], int scale,
                    gt_real x[GT_NINPUTS]);

#endif
