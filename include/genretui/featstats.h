/* featstats.h: what each feature looks like per genre, how well it
 * separates the genres, how the features correlate, and which features
 * tell two genres apart.
 *
 * The input is a feature table (gt_ftable): n rows of nf raw values (in the
 * file's units; NaN where a value is unknown) and a class per row. Every
 * statistic of a feature skips the rows where it is NaN; the correlation of
 * two features uses the rows where both are known (pandas' DataFrame.corr).
 * A feature is numeric (levels 0) or categorical (levels L >= 2: its values
 * are the integers 0..L-1, e.g. a key's pitch class).
 *
 * Definitions (each as the library named computes it, so that a figure can
 * be checked there):
 *   quartiles   numpy.percentile(v, [25, 50, 75]), method "linear": for
 *               sorted v of n values and q in [0, 1], h = (n - 1) q,
 *               v[floor h] + (h - floor h) (v[floor h + 1] - v[floor h])
 *   mean, sd    arithmetic mean; sample standard deviation (ddof 1), 0 for
 *               a single value
 *   histogram   numpy.histogram(v, bins=GT_HIST_BINS, range=(min, max)) over
 *               the feature's range on all rows, the same bins for every
 *               genre (a categorical feature: one bin per level)
 *   F           scikit-learn's f_classif (one-way ANOVA): between-genre mean
 *               square over within-genre mean square, over the genres that
 *               have values; NaN for a categorical feature of more than two
 *               levels, or when there is no within-genre spread
 *   MI          scikit-learn's mutual_info_score(genre, bin) in nats, the bin
 *               being the feature's histogram bin (its level if categorical)
 *   correlation Pearson's r (pandas DataFrame.corr); NaN with a categorical
 *               feature of more than two levels, or a constant feature
 *   Cohen's d   (mean_a - mean_b) / s_pooled, s_pooled^2 = ((n_a - 1) s_a^2 +
 *               (n_b - 1) s_b^2) / (n_a + n_b - 2)
 *   KS          scipy.stats.ks_2samp's statistic: the largest distance
 *               between the two empirical distribution functions
 * Cohen's d and KS are NaN for a categorical feature of more than two
 * levels. A value -0 is taken as +0. */
#ifndef GENRETUI_FEATSTATS_H
#define GENRETUI_FEATSTATS_H

#include <stddef.h>

#include "genretui/encode.h"
#include "genretui/pipeline.h"
#include "genretui/status.h"

#define GT_HIST_BINS 32
#define GT_FEAT_MAX GT_MAX_SOURCES   /* features of a table: a layout's columns */
#define GT_LEVELS_MAX GT_HIST_BINS

typedef struct {
	size_t n;                   /* rows */
	int nf, k;                  /* features, classes (1..GT_MAX_CLASSES) */
	const double *x;            /* [n][nf] raw values, NaN where unknown */
	const int *y;               /* [n] classes 0..k-1 */
	const char *const *names;   /* [nf] feature names */
	const int *levels;          /* [nf] 0 numeric, L categorical (2..GT_LEVELS_MAX) */
} gt_ftable;

/* A feature table that owns its arrays. */
typedef struct {
	gt_ftable t;
	double *x;
	int *y;
	int levels[GT_FEAT_MAX];
	const char *names[GT_FEAT_MAX];  /* the layout's column names */
	const gt_layout *layout;         /* the columns' layout (the pipeline's) */
	int hot_first[GT_FEAT_MAX];      /* a one-hot column's first input, else -1 */
} gt_ftable_buf;

/* The training rows of p as a feature table, a feature for each source
 * column of its layout (layout.h), in order: a numeric column its raw
 * values (NaN where the file had an unknown value: the improved
 * preparation's imputed values are not the file's); a one-hot text column
 * of 2 to GT_LEVELS_MAX levels one categorical feature, the level whose
 * input is 1 (0 .. levels - 1, in the layout's level order); the study's
 * key (pitch class 0..11, C = 0) and mode (1 major, 0 minor). For the
 * study's layout: the 11 numeric features in GT_F_ order, then key and
 * mode. A one-hot column of one level (a constant) is left out. The names
 * point into p's layout, which must outlive b. */
gt_status gt_ftable_training(gt_ftable_buf *b, const gt_pipeline *p, gt_error *err);
void gt_ftable_free(gt_ftable_buf *b);

/* The text of level l of feature f when it is a one-hot column of a file's
 * own ("True", "calm"), else NULL (the study's key and mode are numbered:
 * features_view.h names them). */
const char *gt_ftable_level(const gt_ftable_buf *b, int f, int l);

typedef struct {
	size_t n;                   /* values (NaN skipped) */
	double min, q1, median, q3, max;
	double mean, sd;            /* NaN when n is 0 (as the quartiles) */
} gt_summary;

/* One feature over the table. */
typedef struct {
	int levels;                 /* as in the table */
	int nbins;                  /* GT_HIST_BINS, or levels */
	gt_summary all;             /* every row */
	gt_summary *genre;          /* [k] (gt_featstats' summaries) */
	double lo, hi;              /* the histogram's range: all.min, all.max
	                               (each widened by 0.5 when equal, as numpy) */
	long hist_all[GT_HIST_BINS];
	long (*hist)[GT_HIST_BINS]; /* [k][bin] (gt_featstats' hists) */
	long peak;                  /* the largest count of hist[][]: a shared scale */
	double f, mi;               /* separation of the genres (above) */
} gt_featdist;

typedef struct {
	size_t n;
	int nf, k;
	const char *const *names;   /* the table's (not copied) */
	gt_featdist *feat;          /* [nf] */
	gt_summary *summaries;      /* [nf][k]: feat[f].genre is summaries + f k */
	long (*hists)[GT_HIST_BINS];/* [nf][k][bin]: feat[f].hist is hists + f k */
	double *corr;               /* [nf][nf], 1 on the diagonal of a usable feature */
	double *sorted;             /* [nf][n]: each feature's known values grouped
	                               by genre, ascending within a genre */
	size_t *start;              /* [nf][k + 1]: genre g of feature f is
	                               sorted[f * n + start[f*(k+1)+g] ..
	                               start[f*(k+1)+g+1] - 1] */
} gt_featstats;

/* Describe table t into fs: the features are shared out between the
 * calling thread and, when threads >= 2, a helper (threads.h); the figures
 * do not depend on it. GT_ERR_ARG for a table out of the limits above. */
gt_status gt_featstats_compute(gt_featstats *fs, const gt_ftable *t, int threads,
                               gt_error *err);
/* The same in one thread, each feature's values sorted by qsort where
 * gt_featstats_compute uses a radix sort: the reference it is tested
 * against (the same bytes). */
gt_status gt_featstats_compute_plain(gt_featstats *fs, const gt_ftable *t, gt_error *err);
void gt_featstats_free(gt_featstats *fs);

/* Summary of n values sorted ascending (no NaN). */
void gt_summary_sorted(gt_summary *s, const double *v, size_t n);
/* numpy.percentile(v, 100 q, method="linear") of n >= 1 sorted values. */
double gt_quantile_sorted(const double *v, size_t n, double q);

/* The values of genre g of feature f (sorted ascending); *n gets how many. */
const double *gt_featstats_values(const gt_featstats *fs, int f, int g, size_t *n);

/* One feature for two genres a and b. */
typedef struct {
	int feature;
	double d;                   /* Cohen's d, a minus b */
	double ks;                  /* KS statistic, 0..1 */
} gt_effect;

typedef enum { GT_RANK_D, GT_RANK_KS } gt_effect_rank;

/* Every feature's effect sizes for genres a and b into out[0..nf-1],
 * ranked by |d| or KS, largest first (NaN last, ties in feature order).
 * GT_ERR_ARG if a or b is not a class or a == b. */
gt_status gt_featstats_compare(const gt_featstats *fs, int a, int b, gt_effect_rank by,
                               gt_effect *out, gt_error *err);

/* Two-sample KS statistic of sorted a[na] and b[nb] (0 when either is empty). */
double gt_ks_sorted(const double *a, size_t na, const double *b, size_t nb);

typedef enum { GT_ORDER_F, GT_ORDER_MI, GT_ORDER_NAME } gt_feat_order;

/* Feature indices into order[nf]: by F or MI (largest first, NaN last) or
 * by name; ties in feature order. */
void gt_featstats_order(const gt_featstats *fs, gt_feat_order by, int *order);

#endif
