/* normalize.h: how raw values become model inputs.
 *
 * Two preparations (gt_prep):
 *   STUDY   the study's min-max scaling of some inputs (below); only rows
 *           with every value known are used.
 *   IMPUTE  the improved preset: unknown values are filled with the
 *           TRAINING median (never a per-genre figure, which would leak the
 *           label), then each standardised input (the study's 11 numeric
 *           ones) is mapped to z = (x - mean) / sd, with training mean and
 *           standard deviation. The one-hot inputs are left as 0/1.
 *
 * The min-max scaling maps an input to (x - min) / (max - min) with min and
 * max taken from the TRAINING rows only and applied unchanged to every
 * other row (test values may leave [0, 1]). The study scales popularity,
 * duration_ms, loudness and tempo and leaves the other 31 inputs as they
 * are. Which inputs each preparation touches is the layout's
 * (GT_INPUT_MINMAX, GT_INPUT_STANDARD in layout.h); a gt_norm carries its
 * own list, so it works without the layout (a model file's). */
#ifndef GENRETUI_NORMALIZE_H
#define GENRETUI_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/encode.h"
#include "genretui/layout.h"
#include "genretui/real.h"

#define GT_NSCALED 4

/* The study's scaled input columns: popularity, duration_ms, loudness, tempo. */
extern const int gt_scaled_inputs[GT_NSCALED];

/* Min-max of n inputs: min[j], max[j] of dense input input[j] (ascending). */
typedef struct {
	int n;
	uint16_t input[GT_MAX_INPUTS];
	double min[GT_MAX_INPUTS];
	double max[GT_MAX_INPUTS];
} gt_minmax;

/* The study's four (gt_scaled_inputs), fitted on n rows of x (row-major, d
 * columns, d >= GT_NNUMERIC). */
void gt_minmax_fit(gt_minmax *mm, const double *x, size_t n, int d);
/* The same a row at a time: reset (to the study's four inputs), then add
 * each row (the raw values of the dense inputs in input order). */
void gt_minmax_reset(gt_minmax *mm);
void gt_minmax_add(gt_minmax *mm, const double *row);
/* Scale n rows in place. A column whose max == min maps to 0. */
void gt_minmax_apply(const gt_minmax *mm, double *x, size_t n, int d);

typedef enum { GT_PREP_STUDY = 0, GT_PREP_IMPUTE = 1 } gt_prep;

/* "study" / "impute" */
const char *gt_prep_name(gt_prep p);

/* Mean and standard deviation of n inputs: [j] of dense input input[j]
 * (the study: the 11 numeric inputs, j = input). */
typedef struct {
	int n;
	uint16_t input[GT_MAX_INPUTS];
	double mean[GT_MAX_INPUTS], sd[GT_MAX_INPUTS];
} gt_standard;

/* A whole normalisation: which preparation, the inputs it is for (nnum
 * dense, then nhot one-hot), and its fitted figures (only the part of the
 * chosen preparation is used). A plain value: copied with =. */
typedef struct {
	gt_prep prep;
	int nnum, nhot;
	gt_minmax mm;       /* STUDY */
	gt_standard std;    /* IMPUTE */
} gt_norm;

/* An unfitted normalisation for l's inputs: the lists of inputs of both
 * preparations (l's flags), figures 0 (sd 1). */
void gt_norm_init(gt_norm *n, gt_prep prep, const gt_layout *l);

/* Fit the standardisation on n rows of raw numeric values: rows[i] points
 * at GT_NNUMERIC values in GT_F_ order, none NaN (the study's 11 inputs;
 * sets st's list to them). Population sd (as scikit-learn's
 * StandardScaler); an sd of 0 is stored as 1. Two passes in double. */
void gt_standard_fit(gt_standard *st, const double *const *rows, size_t n);
/* The same for the inputs st already lists (gt_norm_init): rows[i] points
 * at a row's dense inputs. */
void gt_standard_fit_listed(gt_standard *st, const double *const *rows, size_t n);

/* Normalise one row's dense inputs (at least the highest listed) in place. */
void gt_norm_apply(const gt_norm *n, double *row);

/* A track's model inputs from its nnum raw numbers (none NaN): normalised
 * in double, then rounded to gt_real. gt_norm_numbers gives the nnum dense
 * inputs (the sets' compact rows), gt_norm_encode all nnum + nhot with the
 * group's one-hot (a single row to predict; a hot outside 0..nhot-1 sets
 * no one-hot input): the same numbers, bit for bit. */
void gt_norm_numbers(const gt_norm *n, const double *num, gt_real *x);
void gt_norm_encode(const gt_norm *n, const double *num, int hot, gt_real *x);

#endif
