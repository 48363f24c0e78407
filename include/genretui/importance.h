/* importance.h: permutation importance of a trained model's input features,
 * as scikit-learn's sklearn.inspection.permutation_importance defines it
 * (scoring "accuracy", n_repeats N, an integer random_state).
 *
 * For each feature, its column of the test rows is shuffled N times and
 * the model's accuracy on the shuffled rows is taken; the importance is the
 * drop from the accuracy on the rows as they are: its mean over the N
 * shuffles and its standard deviation (population, numpy.std). A feature is
 * a source column of the data file (layout.h), shuffled before it is
 * encoded: a numeric input column; the inputs of a one-hot text column
 * together (a row takes another row's level); or a part of the one-hot
 * group: the whole group (scale), or, in the study's layout of 24 scales,
 * only its key or only its mode (the other part stays the row's own), as
 * when the file's columns key and mode are shuffled before they are
 * encoded.
 *
 * The shuffles are scikit-learn's, bit for bit: a NumPy RandomState(seed)
 * draws one integer below 2^31 (randint), and every feature's shuffles come
 * from a RandomState seeded with it: an index array 0..n-1 shuffled in place
 * N times in a row, the column after shuffle r being the column after r - 1
 * taken in that order. So every feature gets the same N permutations, and
 * a figure can be checked against scikit-learn given the same predictions.
 *
 * The features are shared out between the calling thread and a helper
 * (threads.h); each feature's figures depend on nothing else, so they are
 * the same whatever the number of threads. */
#ifndef GENRETUI_IMPORTANCE_H
#define GENRETUI_IMPORTANCE_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/layout.h"
#include "genretui/model.h"
#include "genretui/status.h"

#define GT_IMP_MAX GT_MAX_SOURCES   /* features */
#define GT_IMP_REPEATS 5         /* scikit-learn's default n_repeats */
#define GT_IMP_REPEATS_MAX 1000

typedef enum {
	GT_IMP_COLUMN,   /* numeric input column `column` */
	GT_IMP_COLUMNS,  /* input columns column .. column + count - 1 together
	                    (the 0/1 inputs of a one-hot text column) */
	GT_IMP_HOT,      /* the whole one-hot group */
	GT_IMP_KEY,      /* the scale's key (24-scale layout, encode.h) */
	GT_IMP_MODE      /* the scale's mode */
} gt_imp_kind;

typedef struct {
	const char *name;
	gt_imp_kind kind;
	int column;                  /* GT_IMP_COLUMN, GT_IMP_COLUMNS */
	int count;                   /* GT_IMP_COLUMNS: how many columns */
} gt_imp_feature;

/* The study's inputs as the file's columns: the 11 numeric features, then
 * key and mode. Returns how many (13). */
int gt_importance_study_features(gt_imp_feature out[GT_IMP_MAX]);

/* The source columns of layout l (layout.h), in order: a NUMERIC column
 * its input, a ONEHOT column its inputs together, KEY and MODE the parts
 * of the group. Names point into l, which must outlive them. For the
 * study's layout the same features as gt_importance_study_features.
 * Returns how many (l->nsources). */
int gt_importance_layout_features(const gt_layout *l, gt_imp_feature out[GT_IMP_MAX]);

typedef struct {
	int repeats;                 /* N >= 1 (GT_IMP_REPEATS) */
	uint32_t seed;               /* scikit-learn's random_state */
	int threads;                 /* 1, or 2 (the calling thread and a helper) */
} gt_importance_opts;

void gt_importance_defaults(gt_importance_opts *o);

typedef struct {
	int nfeat, repeats;
	uint32_t seed;
	double baseline;             /* accuracy on the rows as they are */
	gt_imp_feature feat[GT_IMP_MAX];
	double mean[GT_IMP_MAX], sd[GT_IMP_MAX];   /* drop in accuracy */
	double *drops;               /* [nfeat][repeats]: each shuffle's drop */
	double seconds;              /* wall time */
} gt_importance;

/* Permutation importance of the features feat[0..nfeat-1] of m on the
 * labelled rows s (s->y set, n >= 1, s->nnum + s->nhot the model's
 * inputs). m is not changed (each thread works on a copy of its weights).
 * GT_ERR_ARG for a feature that is not in s (a column out of range, key or
 * mode without the 24 scales), GT_ERR_NOMEM. */
gt_status gt_importance_run(gt_importance *imp, const gt_model *m, const gt_samples *s,
                            const gt_imp_feature *feat, int nfeat,
                            const gt_importance_opts *o, gt_error *err);
void gt_importance_free(gt_importance *imp);

/* Feature indices into order[nfeat], by mean drop, largest first (ties in
 * feature order). */
void gt_importance_order(const gt_importance *imp, int *order);

/* The integer NumPy's RandomState(seed).randint(2**31) draws: the seed of
 * every feature's shuffles. */
uint32_t gt_importance_feature_seed(uint32_t seed);

#endif
