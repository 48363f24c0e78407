/* pipeline.c: CSV path -> cleaned, encoded, split, normalised rows. */
#include <stdint.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/bigmem.h"
#include "genretui/pipeline.h"

void gt_pipeline_defaults(gt_pipeline_opts *o)
{
	o->test_fraction = 0.2;
	o->split_seed = 42;
	o->map = NULL;
}

/* Indices of the KEPT tracks (the study's samples), in file order. */
static gt_status pick_samples(gt_pipeline *p, gt_error *err)
{
	size_t n = 0;

	p->sample_track = malloc((p->clean.ntracks ? p->clean.ntracks : 1) * sizeof(size_t));
	if (!p->sample_track)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < p->clean.ntracks; i++)
		if (p->clean.tracks[i].unknown == 0)
			p->sample_track[n++] = i;
	p->nsamples = n;
	return gt_clean_require(&p->clean, &p->ds, 2, err);
}

/* Where each sample goes: dest[s] = its row in xtrain, or -1 - its row in
 * xtest. The sets are then filled in file order: the tracks (5 MB) are
 * read front to back, where reading them in split order missed the cache
 * on nearly every row. */
static int32_t *destinations(const gt_pipeline *p)
{
	int32_t *dest = malloc(p->nsamples * sizeof(*dest));

	if (!dest)
		return NULL;
	for (uint32_t i = 0; i < p->split.ntrain; i++)
		dest[p->split.train[i]] = (int32_t)i;
	for (uint32_t i = 0; i < p->split.ntest; i++)
		dest[p->split.test[i]] = -1 - (int32_t)i;
	return dest;
}

/* Min and max of the scaled inputs over the training samples. They are
 * among the 11 raw numbers, so the tracks' values are read directly. */
static void fit_norm(gt_pipeline *p, const int32_t *dest)
{
	gt_minmax_reset(&p->norm);
	for (size_t s = 0; s < p->nsamples; s++)
		if (dest[s] >= 0)
			gt_minmax_add(&p->norm, p->clean.tracks[p->sample_track[s]].num);
}

/* Encode every sample into its row of xtrain or xtest, with its class and
 * dataset row. */
static void fill_sets(gt_pipeline *p, const int32_t *dest)
{
	for (size_t s = 0; s < p->nsamples; s++) {
		const gt_track *t = &p->clean.tracks[p->sample_track[s]];
		int train = dest[s] >= 0;
		size_t i = (size_t)(train ? dest[s] : -1 - dest[s]);

		gt_pipeline_encode(p, t->num, t->scale,
		                   (train ? p->xtrain : p->xtest) + i * GT_NINPUTS);
		(train ? p->ytrain : p->ytest)[i] = t->genre;
		(train ? p->train_row : p->test_row)[i] = t->row;
	}
}

/* The k-th smallest of v[0..n-1] (k < n), moving the k smaller ones before
 * it (Hoare's selection: linear on average, where a sort was a tenth of the
 * load time). */
static double select_kth(double *v, size_t n, size_t k)
{
	ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (lo < hi) {   /* Wirth's partition; signed: j may step below lo */
		double pivot = v[kk], t;
		ptrdiff_t i = lo, j = hi;

		do {
			while (v[i] < pivot)
				i++;
			while (pivot < v[j])
				j--;
			if (i <= j) {
				t = v[i], v[i] = v[j], v[j] = t;
				i++;
				j--;
			}
		} while (i <= j);
		if (j < kk)
			lo = i;
		if (kk < i)
			hi = j;
	}
	return v[kk];
}

/* Median, min and max of each raw numeric feature over the training rows
 * (before normalisation): what the predict prompt fills in and checks. */
static gt_status train_stats(gt_pipeline *p, gt_error *err)
{
	size_t n = p->split.ntrain;
	double *v = malloc(n * sizeof(double));

	if (!v)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for statistics");
	for (int f = 0; f < GT_NNUMERIC; f++) {
		double upper, lower;

		p->lo[f] = INFINITY;
		p->hi[f] = -INFINITY;
		for (size_t i = 0; i < n; i++) {
			v[i] = p->clean.tracks[p->sample_track[p->split.train[i]]].num[f];
			p->lo[f] = v[i] < p->lo[f] ? v[i] : p->lo[f];
			p->hi[f] = v[i] > p->hi[f] ? v[i] : p->hi[f];
		}
		upper = select_kth(v, n, n / 2);
		lower = upper;
		for (size_t i = 0; n % 2 == 0 && i < n / 2; i++)   /* the largest below */
			lower = i == 0 || v[i] > lower ? v[i] : lower;
		p->median[f] = (lower + upper) / 2;
	}
	free(v);
	return GT_OK;
}

static gt_status make_sets(gt_pipeline *p, gt_error *err)
{
	size_t ntr = p->split.ntrain, nte = p->split.ntest;
	int32_t *dest;

	p->xtrain = gt_big_alloc(ntr * GT_NINPUTS * sizeof(gt_real));
	p->xtest = gt_big_alloc(nte * GT_NINPUTS * sizeof(gt_real));
	p->ytrain = malloc(ntr * sizeof(int));
	p->ytest = malloc(nte * sizeof(int));
	p->train_row = malloc(ntr * sizeof(size_t));
	p->test_row = malloc(nte * sizeof(size_t));
	dest = destinations(p);
	if (!p->xtrain || !p->xtest || !p->ytrain || !p->ytest || !p->train_row ||
	    !p->test_row || !dest) {
		free(dest);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for %zu rows", p->nsamples);
	}
	fit_norm(p, dest);
	fill_sets(p, dest);
	free(dest);
	p->train = (gt_samples){ p->xtrain, p->ytrain, ntr, GT_NINPUTS };
	p->test = (gt_samples){ p->xtest, p->ytest, nte, GT_NINPUTS };
	return GT_OK;
}

static gt_status run(gt_pipeline *p, const char *path, const gt_pipeline_opts *o,
                     gt_error *err)
{
	double t0 = gt_now(), t1, t2;
	gt_status st = gt_dataset_load_mapped(&p->ds, path, o->map, err);

	if (st != GT_OK)
		return st;
	t1 = gt_now();
	p->load_s = t1 - t0;
	st = gt_clean_run(&p->clean, &p->ds, err);
	if (st == GT_OK)
		st = gt_fusion_build(&p->fusion, &p->ds, &p->clean.genres, err);
	if (st != GT_OK)
		return st;
	t2 = gt_now();
	p->clean_s = t2 - t1;
	p->split_seed = o->split_seed;
	st = pick_samples(p, err);
	if (st == GT_OK)
		st = gt_split_make(&p->split, (uint32_t)p->nsamples, o->test_fraction,
		                   o->split_seed, err);
	if (st == GT_OK)
		st = make_sets(p, err);
	if (st == GT_OK)
		st = train_stats(p, err);
	p->prep_s = gt_now() - t2;
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
	free(p->sample_track);
	free(p->xtrain);
	free(p->xtest);
	free(p->ytrain);
	free(p->ytest);
	free(p->train_row);
	free(p->test_row);
	memset(p, 0, sizeof(*p));
}

void gt_pipeline_encode(const gt_pipeline *p, const double num[GT_NNUMERIC],
                        int scale, gt_real *x)
{
	double row[GT_NINPUTS];

	gt_encode_inputs(num, scale, row);
	gt_minmax_apply(&p->norm, row, 1, GT_NINPUTS);
	for (int i = 0; i < GT_NINPUTS; i++)
		x[i] = (gt_real)row[i];
}
