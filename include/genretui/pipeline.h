/* pipeline.h: the study's data pipeline from a CSV path to model-ready rows.
 *
 * load (libcsv) -> clean (ledger) -> encode (35 inputs) -> split (sklearn
 * compatible) -> min-max from training rows. Samples are the KEPT rows in
 * file order; the split permutes sample indices. The inputs are those of
 * the cleaning's layout (layout.h): the study's, or a file's own
 * (gt_pipeline_open_clean).
 *
 * The sets are held compact: a row is its dense inputs (the study's 11
 * numeric ones) and the index of the hot input of its one-hot group (the
 * study's scale, one of 24: 45 bytes, not 35 floats' 140); the model
 * expands the one-hot as it loads rows (gt_model_load_rows).
 *
 * Row indices (sample_track, train_row, test_row) are 32-bit, like the
 * dataset's cell offsets: its text is under 4 GiB, so it cannot hold 2^32
 * usable rows (a file of 2^32 rows or more is refused all the same).
 *
 * The sets can be rebuilt for the improved preset's preparation
 * (GT_PREP_IMPUTE, normalize.h): the test set stays the study's test rows,
 * in the same order, and the rows the study dropped for unknown
 * duration/tempo join the training side, their unknowns filled with the
 * training median. Or for fold k of a K-fold cross-validation. */
#ifndef GENRETUI_PIPELINE_H
#define GENRETUI_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/track_genres.h"
#include "genretui/normalize.h"
#include "genretui/schema.h"
#include "genretui/split.h"
#include "genretui/status.h"
#include "genretui/train.h"

typedef struct {
	double test_fraction;   /* 0.2 */
	uint32_t split_seed;    /* 42 */
	gt_prep prep;           /* the first preparation (GT_PREP_STUDY) */
	const struct gt_colmap *map;   /* column names (--map), or NULL */
	gt_schema_opts schema;  /* --label, --features, --drop: a file read by its
	                           own schema (schema_read.h); all NULL: only a
	                           file without the study's columns is */
	int threads;            /* the one switch for every threaded part (the
	                           loader's parts, the cleaning's chunks, the
	                           statistics, the sets, and the training of a
	                           session on it): at most this many threads at
	                           once; 0 (the default) every CPU this process
	                           may use. No result depends on it. */
} gt_pipeline_opts;

typedef struct {
	gt_dataset ds;
	gt_clean clean;
	gt_schema *schema;       /* the file's own schema, or NULL: read by the
	                            study's columns */
	gt_fusion fusion;        /* tracks the file lists under several genres */
	size_t nsamples;         /* kept rows */
	uint32_t *sample_track;  /* [nsamples] index into clean.tracks */
	gt_split split;
	uint32_t split_seed;     /* the seed the split was drawn with */
	gt_prep prep;            /* how the sets below were prepared */
	int fold, nfolds;        /* cross-validation fold (1-based) of nfolds, or 0 0
	                            for the study's split */
	gt_norm norm;            /* fitted on training rows */
	double median[GT_MAX_INPUTS];  /* training rows' raw values of each dense */
	double lo[GT_MAX_INPUTS], hi[GT_MAX_INPUTS]; /* input (clean.layout's order):
	                            median, min, max (over the known values) */
	gt_real *xtrain, *xtest; /* [n][layout.nnum], normalised (computed in
	                            double, then rounded to gt_real) */
	uint8_t *train_hot, *test_hot; /* [n] hot input of the one-hot group after
	                            the dense ones (the study's scale 0..23); 0
	                            when the layout has no group */
	int *ytrain, *ytest;
	uint32_t *train_row, *test_row; /* dataset row of each train/test sample */
	unsigned char *train_imputed, *test_imputed; /* 1 where a value was imputed */
	void *sets_block;        /* (private: the arrays above lie in it) */
	size_t imputed_train, imputed_test;          /* how many rows that is */
	size_t train_support[GT_MAX_CLASSES], test_support[GT_MAX_CLASSES]; /* rows per class */
	gt_samples train, test;  /* views of the arrays above (nnum and nhot of
	                            clean.layout) */
	double load_s, clean_s, prep_s;  /* seconds spent loading, cleaning, encoding+split */
	double fusion_s;         /* ... and grouping rows by track (not the study's) */
	int threads;             /* opts.threads resolved (>= 1) */
	int shared;              /* a view (gt_pipeline_share): owns only its sets */
} gt_pipeline;

void gt_pipeline_defaults(gt_pipeline_opts *o);

/* Run the pipeline on path. Fails (with a message) if the file cannot be
 * loaded, or if fewer than 2 rows survive cleaning. */
gt_status gt_pipeline_open(gt_pipeline *p, const char *path,
                           const gt_pipeline_opts *o, gt_error *err);
void gt_pipeline_close(gt_pipeline *p);

/* The same from a dataset and a cleaning the caller made (a file read by
 * its own schema: clean's layout, tracks, values, genres, fates and
 * ledger; gt_clean_from_values builds one from values): split, prepare
 * with o's options, group by track. Takes both over whatever the outcome
 * (*ds and *clean are left empty); ds's rows are clean's. Fails as
 * gt_pipeline_open when fewer than 2 rows are kept. */
gt_status gt_pipeline_open_clean(gt_pipeline *p, gt_dataset *ds, gt_clean *clean,
                                 const gt_pipeline_opts *o, gt_error *err);

/* A pipeline that shares src's rows (dataset, cleaning, samples, split and
 * fusion, read only: src must outlive it and keep them) and holds sets of
 * its own, built here as src's were (its preparation, or its fold); built
 * with `threads` threads. For runs side by side: each trains on a view.
 * gt_pipeline_close frees only what the view owns. */
gt_status gt_pipeline_share(gt_pipeline *view, const gt_pipeline *src, int threads,
                            gt_error *err);

/* Rebuild the training and test sets on the study's split for prep, with
 * statistics and normalisation fitted on the training rows, or with fixed
 * (a saved model's normalisation, whose prep is then used) if not NULL. */
gt_status gt_pipeline_prepare(gt_pipeline *p, gt_prep prep, const gt_norm *fixed,
                              gt_error *err);

/* Rebuild them for fold `fold` (0-based) of an nfolds-fold cross-validation:
 * the usable rows for prep (KEPT, or all for IMPUTE) are shuffled once with
 * the split seed and cut into nfolds nearly equal parts; part `fold` is the
 * test set. */
gt_status gt_pipeline_fold(gt_pipeline *p, gt_prep prep, int nfolds, int fold,
                           gt_error *err);

#endif
