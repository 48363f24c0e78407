/* pipeline.c: CSV path -> cleaned, encoded, split, normalised rows.
 *
 * The samples' input rows are written over their tracks (clean.tracks has
 * room for that, GT_TRACK_ROOM): the tracks and the input matrices are
 * never in memory together, which at a million rows saves 100 MB and the
 * time to fault it in. */
#include <stdint.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/median.h"
#include "genretui/pipeline.h"

void gt_pipeline_defaults(gt_pipeline_opts *o)
{
	o->test_fraction = 0.2;
	o->split_seed = 42;
}

/* The study's samples are the KEPT tracks: move them to the front of
 * clean.tracks, in file order (the UNKNOWN_* ones are dropped). */
static gt_status pick_samples(gt_pipeline *p, gt_error *err)
{
	gt_track *t = p->clean.tracks;
	size_t n = 0;

	for (size_t i = 0; i < p->clean.ntracks; i++)
		if (t[i].unknown == 0)
			t[n++] = t[i];
	p->clean.ntracks = p->nsamples = n;
	return gt_clean_require(&p->clean, &p->ds, 2, err);
}

/* Where each sample goes: to[s] = its row in the sets, xtrain's rows
 * first, then xtest's. */
static uint32_t *destinations(const gt_pipeline *p)
{
	uint32_t *to = malloc(p->nsamples * sizeof(*to));

	if (!to)
		return NULL;
	for (uint32_t i = 0; i < p->split.ntrain; i++)
		to[p->split.train[i]] = i;
	for (uint32_t i = 0; i < p->split.ntest; i++)
		to[p->split.test[i]] = p->split.ntrain + i;
	return to;
}

/* Min and max of the scaled inputs over the training samples. They are
 * among the 11 raw numbers, so the tracks' values are read directly. */
static void fit_norm(gt_pipeline *p, const uint32_t *to)
{
	gt_minmax_reset(&p->norm);
	for (size_t s = 0; s < p->nsamples; s++)
		if (to[s] < p->split.ntrain)
			gt_minmax_add(&p->norm, p->clean.tracks[s].num);
}

/* Turn the sample tracks into input rows in file order, in place (x is
 * the tracks' memory): the last first, since row s begins past every
 * track before s (GT_TRACK_ROOM >= sizeof(gt_track)). Each sample's class
 * and dataset row go to its place in the sets, to[s]. */
static void encode_in_place(gt_pipeline *p, gt_real *x, const uint32_t *to)
{
	for (size_t s = p->nsamples; s-- > 0;) {
		gt_track t = p->clean.tracks[s];        /* a copy: x overwrites it */
		size_t i = to[s];

		gt_pipeline_encode(p, t.num, t.scale, x + s * GT_NINPUTS);
		if (i < p->split.ntrain) {
			p->ytrain[i] = t.genre;
			p->train_row[i] = t.row;
			p->train_support[t.genre]++;
		} else {
			p->ytest[i - p->split.ntrain] = t.genre;
			p->test_row[i - p->split.ntrain] = t.row;
			p->test_support[t.genre]++;
		}
	}
}

/* Move row s of x to row to[s], for every s, in place: each cycle of the
 * permutation is followed once, carrying one row (to is used up). */
static void permute_rows(gt_real *x, uint32_t *to, size_t n)
{
	gt_real carry[GT_NINPUTS], tmp[GT_NINPUTS];
	size_t bytes = sizeof(carry);

	for (size_t s = 0; s < n; s++) {
		size_t j = to[s];

		if (j == s)
			continue;
		memcpy(carry, x + s * GT_NINPUTS, bytes);   /* belongs at j */
		to[s] = (uint32_t)s;
		while (j != s) {
			size_t next = to[j];

			memcpy(tmp, x + j * GT_NINPUTS, bytes);
			memcpy(x + j * GT_NINPUTS, carry, bytes);
			memcpy(carry, tmp, bytes);              /* belongs at next */
			to[j] = (uint32_t)j;
			j = next;
		}
		memcpy(x + s * GT_NINPUTS, carry, bytes);
	}
}

/* Median, min and max of each raw numeric feature over the training rows
 * (before normalisation): what the predict prompt fills in and checks.
 * The values are gathered in file order: in split order every one was a
 * cache miss, a quarter of the preparation on the real file and far more
 * on bigger ones. */
static gt_status train_stats(gt_pipeline *p, const uint32_t *to, gt_error *err)
{
	size_t n = p->split.ntrain;
	double *v = malloc((n + 1) * sizeof(double));   /* (+1: see below) */
	uint64_t *scratch = malloc(n * sizeof(*scratch));

	if (!v || !scratch) {
		free(v);
		free(scratch);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for statistics");
	}
	for (int f = 0; f < GT_NNUMERIC; f++) {
		size_t i = 0;

		p->lo[f] = INFINITY;
		p->hi[f] = -INFINITY;
		for (size_t s = 0; s < p->nsamples; s++) {   /* (no branch: 1 in 5 */
			v[i] = p->clean.tracks[s].num[f];     /* is a test row, at random) */
			i += to[s] < n;
		}
		for (i = 0; i < n; i++) {
			p->lo[f] = v[i] < p->lo[f] ? v[i] : p->lo[f];
			p->hi[f] = v[i] > p->hi[f] ? v[i] : p->hi[f];
		}
		p->median[f] = gt_median(v, n, scratch);
	}
	free(v);
	free(scratch);
	return GT_OK;
}

static gt_status make_sets(gt_pipeline *p, gt_error *err)
{
	size_t ntr = p->split.ntrain, nte = p->split.ntest;
	uint32_t *to;
	gt_status st;

	p->ytrain = malloc(ntr * sizeof(int));
	p->ytest = malloc(nte * sizeof(int));
	p->train_row = malloc(ntr * sizeof(size_t));
	p->test_row = malloc(nte * sizeof(size_t));
	to = destinations(p);
	if (!p->ytrain || !p->ytest || !p->train_row || !p->test_row || !to) {
		free(to);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for %zu rows", p->nsamples);
	}
	fit_norm(p, to);
	st = train_stats(p, to, err);
	if (st == GT_OK) {
		/* the tracks' memory becomes the sets, xtrain's rows first */
		p->xtrain = (gt_real *)p->clean.tracks;
		p->xtest = p->xtrain + ntr * GT_NINPUTS;
		encode_in_place(p, p->xtrain, to);
		p->clean.tracks = NULL;
		p->clean.ntracks = 0;
		permute_rows(p->xtrain, to, p->nsamples);
	}
	free(to);
	p->train = (gt_samples){ p->xtrain, p->ytrain, ntr, GT_NINPUTS };
	p->test = (gt_samples){ p->xtest, p->ytest, nte, GT_NINPUTS };
	return st;
}

/* Split and encode the cleaned rows. */
static gt_status prepare(gt_pipeline *p, const gt_pipeline_opts *o, gt_error *err)
{
	gt_status st = pick_samples(p, err);

	if (st == GT_OK)
		st = gt_split_make(&p->split, (uint32_t)p->nsamples, o->test_fraction,
		                   o->split_seed, err);
	if (st == GT_OK)
		st = make_sets(p, err);
	return st;
}

/* The study's pipeline (load, clean, split and encode: what the Python
 * reference does, each timed), then the grouping by track, timed apart. */
static gt_status run(gt_pipeline *p, const char *path, const gt_pipeline_opts *o,
                     gt_error *err)
{
	double t0 = gt_now(), t1, t2, t3;
	gt_status st = gt_dataset_load(&p->ds, path, err);

	if (st != GT_OK)
		return st;
	t1 = gt_now();
	p->load_s = t1 - t0;
	p->split_seed = o->split_seed;
	st = gt_clean_run(&p->clean, &p->ds, err);
	t2 = gt_now();
	p->clean_s = t2 - t1;
	if (st == GT_OK)
		st = prepare(p, o, err);
	t3 = gt_now();
	p->prep_s = t3 - t2;
	if (st == GT_OK)
		st = gt_fusion_build(&p->fusion, &p->ds, err);
	p->fusion_s = gt_now() - t3;
	return st;
}

gt_status gt_pipeline_open(gt_pipeline *p, const char *path,
                           const gt_pipeline_opts *o, gt_error *err)
{
	gt_pipeline_opts defaults;
	gt_status st;

	memset(p, 0, sizeof(*p));
	if (!o) {
		gt_pipeline_defaults(&defaults);
		o = &defaults;
	}
	st = run(p, path, o, err);
	if (st != GT_OK)
		gt_pipeline_close(p);
	return st;
}

void gt_pipeline_close(gt_pipeline *p)
{
	gt_dataset_free(&p->ds);
	gt_clean_free(&p->clean);
	gt_fusion_free(&p->fusion);
	gt_split_free(&p->split);
	free(p->xtrain);             /* (xtest is its second part) */
	free(p->ytrain);
	free(p->ytest);
	free(p->train_row);
	free(p->test_row);
	memset(p, 0, sizeof(*p));
}

/* (gt_encode_inputs and gt_minmax_apply on the 11 numbers only: the 24
 * one-hot inputs need no arithmetic) */
void gt_pipeline_encode(const gt_pipeline *p, const double num[GT_NNUMERIC],
                        int scale, gt_real *x)
{
	double row[GT_NNUMERIC];

	memcpy(row, num, sizeof(row));
	gt_minmax_apply(&p->norm, row, 1, GT_NNUMERIC);
	for (int i = 0; i < GT_NNUMERIC; i++)
		x[i] = (gt_real)row[i];
	for (int s = 0; s < GT_NSCALES; s++)
		x[GT_NNUMERIC + s] = s == scale ? 1 : 0;
}
