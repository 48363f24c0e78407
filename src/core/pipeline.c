/* pipeline.c: CSV path -> cleaned, encoded, split, normalised rows.
 *
 * The tracks stay as cleaning made them: the training and test sets are
 * built beside them, and rebuilt from them for another preparation or a
 * fold (gt_pipeline_prepare, gt_pipeline_fold). Whatever can be is read
 * from the tracks in file order (the split's order missed the cache on
 * nearly every row). */
#include <stdint.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/median.h"
#include "genretui/pipeline.h"
#include "genretui/colmap.h"
#include "genretui/schema_read.h"
#include "genretui/textfmt.h"
#include "genretui/threads.h"

void gt_pipeline_defaults(gt_pipeline_opts *o)
{
	o->test_fraction = 0.2;
	o->split_seed = 42;
	o->prep = GT_PREP_STUDY;
	o->map = NULL;
	o->threads = 0;
	o->schema = (gt_schema_opts){ NULL, NULL, NULL };
}

/* Indices of the KEPT tracks (the study's samples), in file order. Row
 * indices are 32-bit from here on (pipeline.h). */
static gt_status pick_samples(gt_pipeline *p, gt_error *err)
{
	size_t n = 0;

	if (p->ds.nrows > UINT32_MAX)
		return gt_fail(err, GT_ERR_NOMEM, "%zu rows are too many (at most %lu)",
		               p->ds.nrows, (unsigned long)UINT32_MAX);
	p->sample_track = malloc((p->clean.ntracks ? p->clean.ntracks : 1) *
	                         sizeof(*p->sample_track));
	if (!p->sample_track)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < p->clean.ntracks; i++)
		if (p->clean.tracks[i].unknown == 0)
			p->sample_track[n++] = (uint32_t)i;
	p->nsamples = n;
	return gt_clean_require(&p->clean, &p->ds, 2, err);
}

/* Where each usable track goes: dest[t] = its row in xtrain, or -1 - its
 * row in xtest, or NOWHERE. The sets are then filled in file order: the
 * tracks, larger than the cache, are read front to back, where reading
 * them in split order (random) would miss the cache on nearly every row. */
#define NOWHERE INT32_MIN

static int32_t *destinations(const gt_pipeline *p, const uint32_t *train, size_t ntr,
                             const uint32_t *test, size_t nte)
{
	int32_t *dest = malloc((p->clean.ntracks ? p->clean.ntracks : 1) * sizeof(*dest));

	if (!dest)
		return NULL;
	for (size_t t = 0; t < p->clean.ntracks; t++)
		dest[t] = NOWHERE;
	for (size_t i = 0; i < ntr; i++)
		dest[train[i]] = (int32_t)i;
	for (size_t i = 0; i < nte; i++)
		dest[test[i]] = -1 - (int32_t)i;
	return dest;
}

/* Bytes of keys each of the two threads computing the training statistics
 * gathers at once: all its features' in one pass over the tracks when
 * they fit (the real file's do), else a few features a pass (a million
 * rows: 1 a pass), so that gathering takes less memory than the sets built
 * after it. Each pass reads every track: fewer passes, less reading. */
#define STATS_GATHER_MAX ((size_t)8 << 20)

/* Gather features f0..f0+g-1 of the training tracks whose value is known:
 * their median keys into columns of u (stride ntr + 1: a column's next
 * slot is written before it is counted), their least and greatest values
 * into p (the first of equal ones, as ever), in file order and without a
 * branch on the split, which picks rows at random; n[j]: keys in column
 * j. Only the keys are stored, not the values too: every page gathered
 * into is a page first written, which is costly. */
static void gather(gt_pipeline *p, const int32_t *dest, int f0, int g,
                   uint64_t *u, size_t ntr, size_t n[GT_MAX_INPUTS])
{
	double lo[GT_MAX_INPUTS], hi[GT_MAX_INPUTS];
	const size_t nnum = (size_t)p->clean.layout.nnum;

	for (int j = 0; j < g; j++) {
		n[j] = 0;
		lo[j] = INFINITY;
		hi[j] = -INFINITY;
	}
	for (size_t t = 0; t < p->clean.ntracks; t++) {
		const double *x = p->clean.values + t * nnum + f0;
		int train = dest[t] >= 0;

		for (int j = 0; j < g; j++) {
			int use = train & !isnan(x[j]);

			u[(size_t)j * (ntr + 1) + n[j]] = gt_median_key(x[j]);
			n[j] += (size_t)use;
			lo[j] = use && x[j] < lo[j] ? x[j] : lo[j];
			hi[j] = use && x[j] > hi[j] ? x[j] : hi[j];
		}
	}
	for (int j = 0; j < g; j++) {
		p->lo[f0 + j] = n[j] ? lo[j] : 0.0;
		p->hi[f0 + j] = n[j] ? hi[j] : 0.0;
	}
}

/* Statistics of features f0..f1-1: gathered a group at a time (see
 * STATS_GATHER_MAX). */
typedef struct {
	gt_pipeline *p;
	const int32_t *dest;
	size_t ntr;
	int f0, f1;
	uint64_t *u;             /* room for its keys (stats_bytes) */
} stats_job;

/* Features of a job of nf gathered a pass, for ntr training rows. */
static int stats_group(size_t ntr, int nf)
{
	size_t per = STATS_GATHER_MAX / ((ntr + 1) * sizeof(uint64_t));

	return per < 1 ? 1 : per > (size_t)nf ? nf : (int)per;
}

/* Bytes of keys a job of nf features gathers at once. */
static size_t stats_bytes(size_t ntr, int nf)
{
	return nf < 1 ? 0 : (size_t)stats_group(ntr, nf) * (ntr + 1) * sizeof(uint64_t);
}

static void *stats_range(void *arg)
{
	stats_job *j = arg;
	size_t ntr = j->ntr, n[GT_MAX_INPUTS];
	int group = stats_group(ntr, j->f1 - j->f0);
	uint64_t *u = j->u;

	for (int f0 = j->f0; f0 < j->f1; f0 += group) {
		int g = j->f1 - f0 < group ? j->f1 - f0 : group;

		gather(j->p, j->dest, f0, g, u, ntr, n);
		for (int k = 0; k < g; k++)
			j->p->median[f0 + k] = n[k] ? gt_median_keys(u + (size_t)k * (ntr + 1), n[k])
			                            : 0.0;
	}
	return NULL;
}

/* From this many training rows on, half the features' statistics are
 * computed in a thread of their own, when the pipeline may use two
 * (below that, starting a thread costs more than it saves). */
#define STATS_THREAD_MIN 16384

/* The features of the two statistics jobs: [0, cut) and [cut, nnum). */
static int stats_cut(size_t ntr, int threads, int nnum)
{
	return ntr >= STATS_THREAD_MIN && threads > 1 ? nnum / 2 : 0;
}

/* Bytes of keys both statistics jobs gather at once. */
static size_t stats_room(size_t ntr, int threads, int nnum)
{
	int cut = stats_cut(ntr, threads, nnum);

	return stats_bytes(ntr, cut) + stats_bytes(ntr, nnum - cut);
}

/* Median, min and max of each raw numeric feature over the training rows
 * whose value is known (before normalisation): what imputation and the
 * predict prompt fill in, and what the prompt checks values against. The
 * keys are gathered in scratch, of stats_room bytes. */
static void train_stats(gt_pipeline *p, const int32_t *dest, size_t ntr, void *scratch)
{
	int nnum = p->clean.layout.nnum, cut = stats_cut(ntr, p->threads, nnum);
	stats_job a = { .p = p, .dest = dest, .ntr = ntr, .f0 = 0, .f1 = cut, .u = scratch },
	          b = { .p = p, .dest = dest, .ntr = ntr, .f0 = cut, .f1 = nnum,
	                .u = (uint64_t *)scratch + stats_bytes(ntr, cut) / sizeof(uint64_t) };

	gt_thread_pair(stats_range, &b, &a, cut > 0);    /* (a: none when cut is 0) */
}

/* Track k's raw values with unknown ones filled by the training median
 * (buf: room for layout.nnum values). */
static const double *filled(const gt_pipeline *p, size_t k, double *buf)
{
	const double *num = gt_clean_values(&p->clean, k);

	if (!p->clean.tracks[k].unknown)
		return num;
	for (int f = 0; f < p->clean.layout.nnum; f++)
		buf[f] = isnan(num[f]) ? p->median[f] : num[f];
	return buf;
}

/* Fit p->norm for prep on the training tracks, train[] in the sets' order
 * (the standardisation's sums are taken in that order, bit for bit as
 * ever). The study's min-max is the training minima and maxima that
 * train_stats found: no training row of the study's preparation has an
 * unknown value. */
static gt_status fit_norm(gt_pipeline *p, gt_prep prep, const uint32_t *train,
                          size_t ntr, gt_error *err)
{
	size_t nnum = (size_t)p->clean.layout.nnum;
	double *rows;
	const double **ptr;

	gt_norm_init(&p->norm, prep, &p->clean.layout);
	if (prep == GT_PREP_STUDY) {
		for (int j = 0; j < p->norm.mm.n; j++) {
			p->norm.mm.min[j] = p->lo[p->norm.mm.input[j]];
			p->norm.mm.max[j] = p->hi[p->norm.mm.input[j]];
		}
		return GT_OK;
	}
	rows = malloc((ntr ? ntr : 1) * nnum * sizeof(*rows));
	ptr = malloc((ntr ? ntr : 1) * sizeof(*ptr));
	if (!rows || !ptr) {
		free(rows);
		free(ptr);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for statistics");
	}
	for (size_t i = 0; i < ntr; i++)
		ptr[i] = filled(p, train[i], rows + i * nnum);
	gt_standard_fit_listed(&p->norm.std, ptr, ntr);
	free(rows);
	free(ptr);
	return GT_OK;
}

/* Tracks from..to-1 of p, encoded into their sets (see fill_sets), their
 * rows per class counted into support. */
typedef struct {
	gt_pipeline *p;
	const int32_t *dest;
	size_t from, to;
	size_t support[2][GT_MAX_CLASSES];   /* [0]: training rows, [1]: test */
} fill_job;

static void *fill_range(void *arg)
{
	fill_job *j = arg;
	gt_pipeline *p = j->p;
	const size_t nnum = (size_t)p->clean.layout.nnum;

	for (size_t k = j->from; k < j->to; k++) {
		const gt_track *t = &p->clean.tracks[k];
		int32_t d = j->dest[k];
		int train = d >= 0;
		size_t i = (size_t)(train ? d : -1 - d);
		double buf[GT_MAX_INPUTS];

		if (d == NOWHERE)
			continue;
		gt_norm_numbers(&p->norm, filled(p, k, buf),
		                (train ? p->xtrain : p->xtest) + i * nnum);
		(train ? p->train_hot : p->test_hot)[i] = (uint8_t)t->scale;
		(train ? p->ytrain : p->ytest)[i] = t->genre;
		(train ? p->train_row : p->test_row)[i] = (uint32_t)t->row;
		(train ? p->train_imputed : p->test_imputed)[i] = t->unknown != 0;
		j->support[!train][t->genre]++;
	}
	return NULL;
}

/* From this many tracks on, the second half of them is encoded in a thread
 * of its own, when the pipeline may use two (below that, starting a thread
 * costs more than it saves). */
#define FILL_THREAD_MIN 16384

/* Encode every placed track into its row of xtrain or xtest and its scale
 * into train_hot or test_hot, with its class, dataset row and whether a
 * value of it was imputed; count the sets' rows per class. Each track has
 * rows of its own: the halves write apart. */
static void fill_sets(gt_pipeline *p, const int32_t *dest)
{
	size_t n = p->clean.ntracks;
	size_t half = n >= FILL_THREAD_MIN && p->threads > 1 ? n / 2 : n;
	fill_job a = { .p = p, .dest = dest, .from = 0, .to = half },
	         b = { .p = p, .dest = dest, .from = half, .to = n };

	gt_thread_pair(fill_range, &a, &b, half < n);
	for (int c = 0; c < GT_MAX_CLASSES; c++) {
		p->train_support[c] = a.support[0][c] + b.support[0][c];
		p->test_support[c] = a.support[1][c] + b.support[1][c];
	}
}

static void free_sets(gt_pipeline *p)
{
	free(p->sets_block);
	p->sets_block = NULL;
	p->xtrain = p->xtest = NULL;
	p->train_hot = p->test_hot = NULL;
	p->ytrain = p->ytest = NULL;
	p->train_row = p->test_row = NULL;
	p->train_imputed = p->test_imputed = NULL;
	memset(&p->train, 0, sizeof(p->train));
	memset(&p->test, 0, sizeof(p->test));
}

/* Carve n bytes (rounded up to 16) from *at; returns where they begin. */
static void *carve(char **at, size_t n)
{
	void *q = *at;

	*at += (n + 15) / 16 * 16;
	return q;
}

/* The sets' ten arrays for ntr and nte rows, in one block that the
 * training statistics first gather their keys in (stats_room bytes: it is
 * as big as the larger of the two), before the sets are filled, so that
 * the keys take no pages of their own (a page's first write is costly).
 * 0, or -1 (out of memory). */
static int sets_alloc(gt_pipeline *p, size_t ntr, size_t nte)
{
	size_t nnum = (size_t)p->clean.layout.nnum, size[10] = {
		ntr * nnum * sizeof(gt_real), nte * nnum * sizeof(gt_real),
		ntr * sizeof(int), nte * sizeof(int),
		ntr * sizeof(uint32_t), nte * sizeof(uint32_t), ntr, nte, ntr, nte
	}, bytes = 0, room;
	char *at;

	for (int i = 0; i < 10; i++)
		bytes += (size[i] + 15) / 16 * 16;
	room = stats_room(ntr, p->threads, (int)nnum);
	bytes = bytes > room ? bytes : room;
	if (!(at = p->sets_block = malloc(bytes ? bytes : 1)))
		return -1;
	p->xtrain = carve(&at, size[0]);
	p->xtest = carve(&at, size[1]);
	p->ytrain = carve(&at, size[2]);
	p->ytest = carve(&at, size[3]);
	p->train_row = carve(&at, size[4]);
	p->test_row = carve(&at, size[5]);
	p->train_hot = carve(&at, size[6]);
	p->test_hot = carve(&at, size[7]);
	p->train_imputed = carve(&at, size[8]);
	p->test_imputed = carve(&at, size[9]);
	return 0;
}

/* Build xtrain/xtest from lists of track indices (the order of the rows in
 * the sets), fitting statistics and normalisation on the training tracks
 * unless fixed is given. */
static gt_status build_sets(gt_pipeline *p, gt_prep prep, const uint32_t *train,
                            size_t ntr, const uint32_t *test, size_t nte,
                            const gt_norm *fixed, gt_error *err)
{
	const gt_layout *l = &p->clean.layout;
	int32_t *dest;
	gt_status st = GT_OK;

	if (fixed && (fixed->nnum != l->nnum || fixed->nhot != l->nhot))
		return gt_fail(err, GT_ERR_MODEL, "a normalisation of %d inputs does not fit "
		               "%d", fixed->nnum + fixed->nhot, l->ninputs);
	free_sets(p);
	dest = destinations(p, train, ntr, test, nte);
	if (!dest || sets_alloc(p, ntr, nte) != 0) {
		free(dest);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for %zu rows", ntr + nte);
	}
	train_stats(p, dest, ntr, p->sets_block);
	if (fixed)
		p->norm = *fixed;
	else
		st = fit_norm(p, prep, train, ntr, err);
	if (st == GT_OK)
		fill_sets(p, dest);
	free(dest);
	p->prep = p->norm.prep;
	p->train = (gt_samples){ p->xtrain, l->nhot ? p->train_hot : NULL, p->ytrain, ntr,
	                         l->nnum, l->nhot };
	p->test = (gt_samples){ p->xtest, l->nhot ? p->test_hot : NULL, p->ytest, nte,
	                        l->nnum, l->nhot };
	p->imputed_train = p->imputed_test = 0;
	for (size_t i = 0; st == GT_OK && i < ntr; i++)
		p->imputed_train += p->train_imputed[i];
	for (size_t i = 0; st == GT_OK && i < nte; i++)
		p->imputed_test += p->test_imputed[i];
	return st;
}

/* Track indices of the tracks with unknown values, in file order. */
static uint32_t *unknown_tracks(const gt_pipeline *p, size_t *n)
{
	uint32_t *u = malloc((p->clean.ntracks ? p->clean.ntracks : 1) * sizeof(*u));

	*n = 0;
	for (size_t t = 0; u && t < p->clean.ntracks; t++)
		if (p->clean.tracks[t].unknown)
			u[(*n)++] = (uint32_t)t;
	return u;
}

gt_status gt_pipeline_prepare(gt_pipeline *p, gt_prep prep, const gt_norm *fixed,
                              gt_error *err)
{
	size_t ntr = p->split.ntrain, nte = p->split.ntest, nunk = 0;
	uint32_t *train, *test, *unk = NULL;
	gt_status st;

	if (fixed)
		prep = fixed->prep;
	if (prep == GT_PREP_IMPUTE && !(unk = unknown_tracks(p, &nunk)))
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the split");
	train = malloc((ntr + nunk ? ntr + nunk : 1) * sizeof(*train));
	test = malloc((nte ? nte : 1) * sizeof(*test));
	if (!train || !test) {
		free(train), free(test), free(unk);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the split");
	}
	/* The study's split of the KEPT tracks; the rows it dropped for unknown
	 * values join the training side after them. */
	for (size_t i = 0; i < ntr; i++)
		train[i] = p->sample_track[p->split.train[i]];
	for (size_t i = 0; i < nunk; i++)
		train[ntr + i] = unk[i];
	for (size_t i = 0; i < nte; i++)
		test[i] = p->sample_track[p->split.test[i]];
	st = build_sets(p, prep, train, ntr + nunk, test, nte, fixed, err);
	p->fold = p->nfolds = 0;
	free(train), free(test), free(unk);
	return st;
}

gt_status gt_pipeline_fold(gt_pipeline *p, gt_prep prep, int nfolds, int fold,
                           gt_error *err)
{
	size_t n = 0, nte, ntr = 0, lo, hi;
	uint32_t *all, *train, *test;
	gt_rng rng;
	gt_status st;

	if (nfolds < 2 || fold < 0 || fold >= nfolds)
		return gt_fail(err, GT_ERR_ARG, "fold %d of %d does not exist", fold + 1, nfolds);
	all = malloc((p->clean.ntracks ? p->clean.ntracks : 1) * sizeof(*all));
	if (!all)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the folds");
	for (size_t t = 0; t < p->clean.ntracks; t++)
		if (prep == GT_PREP_IMPUTE || !p->clean.tracks[t].unknown)
			all[n++] = (uint32_t)t;
	if (n < (size_t)nfolds * 2) {
		free(all);
		return gt_fail(err, GT_ERR_EMPTY, "%zu usable rows are too few for %d folds",
		               n, nfolds);
	}
	/* One shuffle for every fold (same split seed): the folds partition it. */
	gt_rng_seed(&rng, p->split_seed);
	gt_rng_shuffle(&rng, all, (uint32_t)n);
	lo = n * (size_t)fold / (size_t)nfolds;
	hi = n * (size_t)(fold + 1) / (size_t)nfolds;
	nte = hi - lo;
	test = all + lo;
	train = malloc((n - nte) * sizeof(*train));
	if (!train) {
		free(all);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the folds");
	}
	for (size_t i = 0; i < n; i++)
		if (i < lo || i >= hi)
			train[ntr++] = all[i];
	st = build_sets(p, prep, train, ntr, test, nte, NULL, err);
	p->fold = fold + 1;
	p->nfolds = nfolds;
	free(train);
	free(all);
	return st;
}

/* From the cleaning on (p's dataset and cleaning made, at time t2): the
 * samples, the split and the sets, then the grouping by track, timed apart. */
static gt_status from_clean(gt_pipeline *p, const gt_pipeline_opts *o, double t2,
                            gt_error *err)
{
	double t3;
	gt_status st;

	p->split_seed = o->split_seed;
	st = pick_samples(p, err);
	if (st == GT_OK)
		st = gt_split_make(&p->split, (uint32_t)p->nsamples, o->test_fraction,
		                   o->split_seed, err);
	if (st == GT_OK)
		st = gt_pipeline_prepare(p, o->prep, NULL, err);
	t3 = gt_now();
	p->prep_s = t3 - t2;
	if (st == GT_OK)
		st = gt_fusion_build(&p->fusion, &p->ds, &p->clean.genres, err);
	p->fusion_s = gt_now() - t3;
	return st;
}

/* The study's pipeline (load, clean, split and encode: what the Python
 * reference does, each timed), then the grouping by track. */
/* Is the file read by its own schema (schema_read.h)? Not with --map,
 * which names the study's columns. */
static int own_schema(const gt_dataset *ds, const gt_pipeline_opts *o)
{
	int mapped = 0;

	for (int c = 0; o->map && c < GT_NCOLS; c++)
		mapped |= gt_colmap_mapped(o->map, c);
	return gt_schema_wanted(ds, &o->schema, mapped);
}

/* Detect the schema and clean every row by it. */
static gt_status clean_own(gt_pipeline *p, const gt_pipeline_opts *o, gt_error *err)
{
	gt_error why = {0};
	char path[256];
	gt_status st;

	p->schema = malloc(sizeof(*p->schema));
	if (!p->schema)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the schema");
	st = gt_schema_clean_threads(&p->clean, p->schema, &p->ds, &o->schema, p->threads,
	                             &why);
	if (st != GT_OK) {
		free(p->schema);
		p->schema = NULL;
		gt_text_safe(p->ds.path, path, sizeof(path), 200);
		gt_fail(err, st, "%s: %s", path, why.msg);
	}
	return st;
}

static gt_status run(gt_pipeline *p, const char *path, const gt_pipeline_opts *o,
                     gt_error *err)
{
	double t0 = gt_now(), t1, t2;
	gt_status st;

	p->threads = gt_threads_resolve(o->threads);
	st = gt_dataset_load_mapped(&p->ds, path, o->map, p->threads, err);
	if (st != GT_OK)
		return st;
	t1 = gt_now();
	p->load_s = t1 - t0;
	if (own_schema(&p->ds, o))
		st = clean_own(p, o, err);
	else if ((st = gt_dataset_require_study(&p->ds, err)) == GT_OK)
		st = gt_clean_run_threads(&p->clean, &p->ds, p->threads, err);
	if (st != GT_OK)
		return st;
	t2 = gt_now();
	p->clean_s = t2 - t1;
	return from_clean(p, o, t2, err);
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

gt_status gt_pipeline_open_clean(gt_pipeline *p, gt_dataset *ds, gt_clean *clean,
                                 const gt_pipeline_opts *o, gt_error *err)
{
	gt_pipeline_opts defaults;
	gt_status st;

	memset(p, 0, sizeof(*p));
	p->ds = *ds;
	p->clean = *clean;
	memset(ds, 0, sizeof(*ds));
	memset(clean, 0, sizeof(*clean));
	if (!o) {
		gt_pipeline_defaults(&defaults);
		o = &defaults;
	}
	p->threads = gt_threads_resolve(o->threads);
	st = from_clean(p, o, gt_now(), err);
	if (st != GT_OK)
		gt_pipeline_close(p);
	return st;
}

void gt_pipeline_close(gt_pipeline *p)
{
	if (p->shared) {
		free_sets(p);
		memset(p, 0, sizeof(*p));
		return;
	}
	gt_dataset_free(&p->ds);
	gt_clean_free(&p->clean);
	if (p->schema)
		gt_schema_free(p->schema);
	free(p->schema);
	gt_fusion_free(&p->fusion);
	gt_split_free(&p->split);
	free(p->sample_track);
	free_sets(p);
	memset(p, 0, sizeof(*p));
}

gt_status gt_pipeline_share(gt_pipeline *view, const gt_pipeline *src, int threads,
                            gt_error *err)
{
	gt_status st;

	*view = *src;
	view->shared = 1;
	view->threads = gt_threads_resolve(threads);
	view->sets_block = NULL;
	free_sets(view);
	if (src->nfolds > 0)
		st = gt_pipeline_fold(view, src->prep, src->nfolds, src->fold - 1, err);
	else
		st = gt_pipeline_prepare(view, src->prep, NULL, err);
	if (st != GT_OK)
		gt_pipeline_close(view);
	return st;
}
