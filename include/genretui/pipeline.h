/* pipeline.h: the study's data pipeline from a CSV path to model-ready rows.
 *
 * load (libcsv) -> clean (ledger) -> encode (35 inputs) -> split (sklearn
 * compatible) -> min-max from training rows. Samples are the KEPT rows in
 * file order; the split permutes sample indices. */
#ifndef GENRETUI_PIPELINE_H
#define GENRETUI_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/fusion.h"
#include "genretui/normalize.h"
#include "genretui/split.h"
#include "genretui/status.h"
#include "genretui/train.h"

typedef struct {
	double test_fraction;   /* 0.2 */
	uint32_t split_seed;    /* 42 */
} gt_pipeline_opts;

typedef struct {
	gt_dataset ds;
	gt_clean clean;
	gt_fusion fusion;        /* tracks the file lists under several genres */
	size_t nsamples;         /* kept rows */
	gt_split split;
	uint32_t split_seed;     /* the seed the split was drawn with */
	gt_minmax norm;          /* fitted on training rows */
	double median[GT_NNUMERIC];   /* training rows' raw numeric features, */
	double lo[GT_NNUMERIC], hi[GT_NNUMERIC];  /* GT_F_ order: median, min, max */
	gt_real *xtrain, *xtest; /* [n][GT_NINPUTS], normalised (computed in
	                            double, then rounded to gt_real); one block,
	                            xtest after xtrain, made of clean.tracks'
	                            memory: once open, clean.tracks is NULL (see
	                            gt_clean_track for a row's values) */
	int *ytrain, *ytest;
	size_t *train_row, *test_row; /* dataset row of each train/test sample */
	size_t train_support[GT_NCLASSES], test_support[GT_NCLASSES];  /* rows per class */
	gt_samples train, test;  /* views of the arrays above */
	double load_s, clean_s, prep_s;  /* seconds spent loading, cleaning, encoding+split */
	double fusion_s;         /* ... and grouping rows by track (not the study's) */
} gt_pipeline;

void gt_pipeline_defaults(gt_pipeline_opts *o);

/* Run the pipeline on path. Fails (with a message) if the file cannot be
 * loaded, or if fewer than 2 rows survive cleaning. */
gt_status gt_pipeline_open(gt_pipeline *p, const char *path,
                           const gt_pipeline_opts *o, gt_error *err);
void gt_pipeline_close(gt_pipeline *p);

/* Encode and normalise one track's raw values into x [GT_NINPUTS]. */
void gt_pipeline_encode(const gt_pipeline *p, const double num[GT_NNUMERIC],
                        int scale, gt_real *x);

#endif
