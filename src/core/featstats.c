/* featstats.c: per-genre distributions, separation, correlation and effect
 * sizes of the features (definitions in featstats.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/featstats.h"
#include "genretui/median.h"
#include "genretui/threads.h"

/* ---- The training rows as a feature table */

/* The features of layout l into b: names, levels, one-hot first inputs;
 * returns how many. */
static int layout_features(gt_ftable_buf *b, const gt_layout *l)
{
	int nf = 0;

	for (int s = 0; s < l->nsources && nf < GT_FEAT_MAX; s++) {
		const gt_layout_source *src = &l->source[s];

		if (src->kind == GT_SOURCE_ONEHOT && (src->count < 2 || src->count > GT_LEVELS_MAX))
			continue;
		b->names[nf] = gt_layout_source_name(l, s);
		b->hot_first[nf] = src->kind == GT_SOURCE_ONEHOT ? src->first : -1;
		b->levels[nf] = src->kind == GT_SOURCE_ONEHOT ? src->count
		              : src->kind == GT_SOURCE_KEY ? 12 : src->kind == GT_SOURCE_MODE ? 2 : 0;
		nf++;
	}
	return nf;
}

/* One training row's features: each column's raw number, a one-hot
 * column's level, the study's key and mode from the scale. */
static void layout_row(const gt_ftable_buf *b, int nf, const gt_track *t, const double *num,
                       double *x)
{
	const gt_layout *l = b->layout;
	int pitch = -1, major = -1, f = 0;

	if (l->nhot > 0)
		gt_scale_parts(t->scale, &pitch, &major);
	for (int s = 0; s < l->nsources && f < nf; s++) {
		const gt_layout_source *src = &l->source[s];

		if (src->kind == GT_SOURCE_ONEHOT && (src->count < 2 || src->count > GT_LEVELS_MAX))
			continue;
		switch (src->kind) {
		case GT_SOURCE_NUMERIC:
			x[f] = num[src->first];
			break;
		case GT_SOURCE_ONEHOT:
			x[f] = NAN;
			for (int k = 0; k < src->count; k++)
				if (num[src->first + k] == 1)
					x[f] = k;
			break;
		case GT_SOURCE_KEY:
			x[f] = pitch >= 0 ? pitch : NAN;
			break;
		default:
			x[f] = major >= 0 ? major : NAN;
		}
		f++;
	}
}

gt_status gt_ftable_training(gt_ftable_buf *b, const gt_pipeline *p, gt_error *err)
{
	size_t n = p->train.n;
	int nf;

	memset(b, 0, sizeof(*b));
	b->layout = &p->clean.layout;
	nf = layout_features(b, b->layout);
	b->x = malloc((n ? n : 1) * (size_t)(nf ? nf : 1) * sizeof(double));
	b->y = malloc((n ? n : 1) * sizeof(int));
	if (!b->x || !b->y) {
		gt_ftable_free(b);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for %zu training rows", n);
	}
	for (size_t i = 0; i < n; i++) {
		long ti = gt_clean_track_of_row(&p->clean, p->train_row[i]);

		if (ti < 0) {
			gt_ftable_free(b);
			return gt_fail(err, GT_ERR_ARG, "training row %zu (line %zu) has no track",
			               i, (size_t)p->train_row[i] + 2);
		}
		layout_row(b, nf, &p->clean.tracks[ti], gt_clean_values(&p->clean, (size_t)ti),
		           b->x + i * (size_t)nf);
		b->y[i] = p->ytrain[i];
	}
	b->t = (gt_ftable){ n, nf, p->clean.genres.k, b->x, b->y, b->names, b->levels };
	return GT_OK;
}

const char *gt_ftable_level(const gt_ftable_buf *b, int f, int l)
{
	if (!b->layout || f < 0 || f >= b->t.nf || b->hot_first[f] < 0 || l < 0 || l >= b->levels[f])
		return NULL;
	return gt_layout_level(b->layout, b->hot_first[f] + l);
}

void gt_ftable_free(gt_ftable_buf *b)
{
	free(b->x);
	free(b->y);
	memset(b, 0, sizeof(*b));
}

/* ---- Summaries */

double gt_quantile_sorted(const double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q, lo = floor(h), t = h - lo;
	size_t i = (size_t)lo, j = i + 1 < n ? i + 1 : n - 1;
	double diff = v[j] - v[i];

	/* numpy's _lerp: from the nearer end, so that t = 1 gives v[j] exactly */
	return t >= 0.5 ? v[j] - diff * (1 - t) : v[i] + diff * t;
}

void gt_summary_sorted(gt_summary *s, const double *v, size_t n)
{
	double sum = 0, ss = 0;

	s->n = n;
	if (n == 0) {
		s->min = s->q1 = s->median = s->q3 = s->max = s->mean = s->sd = NAN;
		return;
	}
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	s->mean = sum / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (v[i] - s->mean) * (v[i] - s->mean);
	s->sd = n > 1 ? sqrt(ss / (double)(n - 1)) : 0;
	s->min = v[0];
	s->max = v[n - 1];
	s->q1 = gt_quantile_sorted(v, n, 0.25);
	s->median = gt_quantile_sorted(v, n, 0.5);
	s->q3 = gt_quantile_sorted(v, n, 0.75);
}

/* A known value, as its order-preserving key (median.h), and its genre. */
typedef struct {
	uint64_t key;
	uint32_t g;
} keyed;

static double key_value(uint64_t key)
{
	uint64_t bits = key >> 63 ? key & ~((uint64_t)1 << 63) : ~key;
	double v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

static int cmp_keyed(const void *pa, const void *pb)
{
	const keyed *x = pa, *y = pb;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->g > y->g) - (x->g < y->g);
}

#define DIGIT_BITS 11
#define DIGITS ((64 + DIGIT_BITS - 1) / DIGIT_BITS)
#define RADIX (1u << DIGIT_BITS)

/* Sort a[0..n-1] by key: an LSD radix sort (stable) of 11-bit digits, in
 * a and tmp by turns, skipping a digit every key shares; returns where the
 * sorted values are (a or tmp). */
static keyed *radix_keyed(keyed *a, keyed *tmp, size_t n)
{
	uint32_t count[DIGITS][RADIX];   /* 32-bit counts: n < 2^32 (dataset.h) */

	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < DIGITS; d++)
			count[d][(a[i].key >> (d * DIGIT_BITS)) & (RADIX - 1)]++;
	for (int d = 0; d < DIGITS; d++) {
		uint32_t at = 0, c;
		keyed *t;

		if (n == 0 || count[d][(a[0].key >> (d * DIGIT_BITS)) & (RADIX - 1)] == n)
			continue;   /* every key has this digit: the order stands */
		for (uint32_t r = 0; r < RADIX; r++) {
			c = count[d][r];
			count[d][r] = at;
			at += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[d][(a[i].key >> (d * DIGIT_BITS)) & (RADIX - 1)]++] = a[i];
		t = a, a = tmp, tmp = t;
	}
	return a;
}

/* Feature f's known values sorted into all[0..n-1] (returns n) and,
 * grouped by genre, into v: a stable counting sort of the sorted values on
 * the genre, so that each group stays sorted; start[0..k] the groups'
 * bounds (on the way, start[g + 1] counts genre g's values, then is the
 * end of genre g, filled from there down). kv has room for 2 t->n
 * keyed values; plain sorts them with qsort (the reference), else by
 * radix. -0 is read as +0. */
static size_t sort_feature(const gt_ftable *t, int f, keyed *kv, int plain, double *all,
                           double *v, size_t *start)
{
	size_t n = 0;
	const keyed *sorted = kv;

	for (size_t i = 0; i < t->n; i++) {
		double x = t->x[i * (size_t)t->nf + (size_t)f];

		if (!isnan(x) && t->y[i] >= 0 && t->y[i] < t->k)
			kv[n++] = (keyed){ gt_median_key(x), (uint32_t)t->y[i] };
	}
	if (plain)
		qsort(kv, n, sizeof(*kv), cmp_keyed);
	else
		sorted = radix_keyed(kv, kv + t->n, n);
	memset(start, 0, (size_t)(t->k + 1) * sizeof(*start));
	for (size_t i = 0; i < n; i++) {
		all[i] = key_value(sorted[i].key);
		start[sorted[i].g + 1]++;
	}
	for (int g = 1; g < t->k; g++)
		start[g + 1] += start[g];
	for (size_t i = n; i-- > 0;)
		v[--start[sorted[i].g + 1]] = all[i];
	for (int g = 0; g < t->k; g++)       /* start[g + 1] was where genre g begins */
		start[g] = start[g + 1];
	start[t->k] = n;
	return n;
}

/* ---- Histograms and mutual information */

/* numpy.histogram's bin of x for nb equal bins over [lo, hi] (edges as
 * numpy.linspace makes them; the last bin is closed), or -1 outside. */
static int hist_bin(double x, double lo, double hi, int nb)
{
	double step = (hi - lo) / nb;
	int i;

	if (x < lo || x > hi)
		return -1;
	i = (int)((x - lo) / (hi - lo) * nb);
	if (i == nb)
		i--;
	if (x < i * step + lo)
		i--;
	if (i != nb - 1 && x >= (i + 1) * step + lo)
		i++;
	return i;
}

static int bin_of(const gt_featdist *d, double x)
{
	if (d->levels) {
		int l = (int)x;

		return l >= 0 && l < d->levels && (double)l == x ? l : -1;
	}
	return hist_bin(x, d->lo, d->hi, d->nbins);
}

/* Values of genre g in the histogram (its row sum). */
static long hist_rows(const gt_featdist *d, int g)
{
	long rows = 0;

	for (int b = 0; b < d->nbins; b++)
		rows += d->hist[g][b];
	return rows;
}

/* mutual_info_score of the genre and the bin, from the histograms. */
static double hist_mi(const gt_featdist *d, int k)
{
	double total = 0, mi = 0;

	for (int g = 0; g < k; g++)
		total += (double)hist_rows(d, g);
	if (total == 0)
		return NAN;
	for (int g = 0; g < k; g++) {
		double rows = (double)hist_rows(d, g);

		for (int b = 0; b < d->nbins; b++) {
			double nij = (double)d->hist[g][b];

			if (nij > 0)
				mi += nij / total * log(nij * total / (rows * (double)d->hist_all[b]));
		}
	}
	return mi < 0 ? 0 : mi;   /* rounding can leave -1e-17 where it is 0 */
}

static void histograms(gt_featdist *d, const double *v, const size_t *start, int k)
{
	if (d->levels) {
		d->nbins = d->levels;
		d->lo = 0;
		d->hi = d->levels - 1;
	} else {
		d->nbins = GT_HIST_BINS;
		d->lo = d->all.n ? d->all.min : 0;
		d->hi = d->all.n ? d->all.max : 0;
		if (d->lo == d->hi) {
			d->lo -= 0.5;
			d->hi += 0.5;
		}
	}
	for (int g = 0; g < k; g++)
		for (size_t i = start[g]; i < start[g + 1]; i++) {
			int b = bin_of(d, v[i]);

			if (b >= 0) {
				d->hist[g][b]++;
				d->hist_all[b]++;
			}
		}
	for (int g = 0; g < k; g++)
		for (int b = 0; b < d->nbins; b++)
			if (d->hist[g][b] > d->peak)
				d->peak = d->hist[g][b];
	d->mi = hist_mi(d, k);
}

/* ---- One-way ANOVA */

/* f_classif's F from the genres' summaries (two passes each: centred sums
 * of squares, where scikit-learn subtracts raw ones). */
static double anova_f(const gt_featdist *d, int k)
{
	double ssb = 0, ssw = 0;
	size_t n = 0;
	int groups = 0;

	for (int g = 0; g < k; g++) {
		const gt_summary *s = &d->genre[g];

		if (s->n == 0)
			continue;
		groups++;
		n += s->n;
		ssb += (double)s->n * (s->mean - d->all.mean) * (s->mean - d->all.mean);
		ssw += (double)(s->n - 1) * s->sd * s->sd;
	}
	if (groups < 2 || n <= (size_t)groups || ssw <= 0 || d->levels > 2)
		return NAN;
	return (ssb / (groups - 1)) / (ssw / (double)(n - (size_t)groups));
}

/* ---- Correlation */

static int correlates(const gt_ftable *t, int f)
{
	return t->levels == NULL || t->levels[f] <= 2;
}

/* Pearson's r of features a and b over the rows where both are known. */
static double pearson(const gt_ftable *t, int a, int b)
{
	double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
	size_t n = 0, nf = (size_t)t->nf;

	for (size_t i = 0; i < t->n; i++) {
		double x = t->x[i * nf + (size_t)a], y = t->x[i * nf + (size_t)b];

		if (!isnan(x) && !isnan(y)) {
			ma += x;
			mb += y;
			n++;
		}
	}
	if (n == 0)
		return NAN;
	ma /= (double)n;
	mb /= (double)n;
	for (size_t i = 0; i < t->n; i++) {
		double x = t->x[i * nf + (size_t)a] - ma, y = t->x[i * nf + (size_t)b] - mb;

		if (!isnan(x) && !isnan(y)) {
			sab += x * y;
			saa += x * x;
			sbb += y * y;
		}
	}
	if (saa <= 0 || sbb <= 0)
		return NAN;
	return sab / sqrt(saa * sbb);
}

static void correlations(gt_featstats *fs, const gt_ftable *t)
{
	int nf = t->nf;

	for (int a = 0; a < nf; a++)
		for (int b = a; b < nf; b++) {
			double r = correlates(t, a) && correlates(t, b) ? pearson(t, a, b) : NAN;

			if (a == b && !isnan(r))
				r = 1;
			fs->corr[a * nf + b] = fs->corr[b * nf + a] = r;
		}
}

/* ---- The whole table */

static gt_status check_table(const gt_ftable *t, gt_error *err)
{
	if (t->nf < 1 || t->nf > GT_FEAT_MAX)
		return gt_fail(err, GT_ERR_ARG, "%d features: 1 to %d can be described",
		               t->nf, GT_FEAT_MAX);
	if (t->k < 1 || t->k > GT_MAX_CLASSES)
		return gt_fail(err, GT_ERR_ARG, "%d genres: 1 to %d can be described",
		               t->k, GT_MAX_CLASSES);
	for (int f = 0; t->levels && f < t->nf; f++)
		if (t->levels[f] == 1 || t->levels[f] < 0 || t->levels[f] > GT_LEVELS_MAX)
			return gt_fail(err, GT_ERR_ARG, "feature '%s' has %d levels: 2 to %d can be described",
			               t->names ? t->names[f] : "?", t->levels[f], GT_LEVELS_MAX);
	return GT_OK;
}

/* One thread's share of the features (a work queue), with its scratch. */
typedef struct {
	gt_featstats *fs;
	const gt_ftable *t;
	gt_queue *queue;
	keyed *kv;          /* [2 t->n] */
	double *all;        /* [t->n] */
	int plain;          /* sort with qsort (the reference) */
} describe_job;

static void describe_feature(describe_job *j, int f)
{
	const gt_ftable *t = j->t;
	gt_featdist *d = &j->fs->feat[f];
	double *v = j->fs->sorted + (size_t)f * t->n;
	size_t *start = j->fs->start + (size_t)f * (size_t)(t->k + 1);
	size_t n = sort_feature(t, f, j->kv, j->plain, j->all, v, start);

	d->levels = t->levels ? t->levels[f] : 0;
	gt_summary_sorted(&d->all, j->all, n);
	for (int g = 0; g < t->k; g++)
		gt_summary_sorted(&d->genre[g], v + start[g], start[g + 1] - start[g]);
	histograms(d, v, start, t->k);
	d->f = anova_f(d, t->k);
}

static void *describe_range(void *arg)
{
	describe_job *j = arg;
	size_t f;

	while ((f = gt_queue_take(j->queue)) < (size_t)j->t->nf)
		describe_feature(j, (int)f);
	return NULL;
}

/* The work of gt_featstats_compute, its features sorted by plain's way. */
static gt_status compute(gt_featstats *fs, const gt_ftable *t, int threads, int plain,
                         gt_error *err)
{
	size_t nf, n1 = t->n ? t->n : 1;
	int helped = threads >= 2 && t->nf >= 2;
	describe_job a, b;
	gt_queue queue;
	gt_status st;

	memset(fs, 0, sizeof(*fs));
	if ((st = check_table(t, err)) != GT_OK)
		return st;
	nf = (size_t)t->nf;
	fs->n = t->n;
	fs->nf = t->nf;
	fs->k = t->k;
	fs->names = t->names;
	fs->feat = calloc(nf, sizeof(*fs->feat));
	fs->summaries = calloc(nf * (size_t)t->k, sizeof(*fs->summaries));
	fs->hists = calloc(nf * (size_t)t->k, sizeof(*fs->hists));
	fs->corr = malloc(nf * nf * sizeof(double));
	fs->sorted = calloc(n1 * nf, sizeof(double));   /* a feature's unknowns: 0 at its end */
	fs->start = malloc(nf * (size_t)(t->k + 1) * sizeof(size_t));
	a = (describe_job){ fs, t, &queue, malloc(2 * n1 * sizeof(keyed)),
	                    malloc(n1 * sizeof(double)), plain };
	b = (describe_job){ fs, t, &queue, helped ? malloc(2 * n1 * sizeof(keyed)) : NULL,
	                    helped ? malloc(n1 * sizeof(double)) : NULL, plain };
	if (!fs->feat || !fs->summaries || !fs->hists || !fs->corr || !fs->sorted ||
	    !fs->start || !a.kv || !a.all || (helped && (!b.kv || !b.all))) {
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory for the statistics of %zu rows", t->n);
		gt_featstats_free(fs);
	} else {
		for (size_t f = 0; f < nf; f++) {
			fs->feat[f].genre = fs->summaries + f * (size_t)t->k;
			fs->feat[f].hist = fs->hists + f * (size_t)t->k;
		}
		gt_queue_init(&queue, 0, nf);
		gt_thread_pair(describe_range, &a, &b, helped);
		gt_queue_free(&queue);
		correlations(fs, t);
	}
	free(a.kv), free(a.all), free(b.kv), free(b.all);
	return st;
}

gt_status gt_featstats_compute(gt_featstats *fs, const gt_ftable *t, int threads,
                               gt_error *err)
{
	return compute(fs, t, threads, 0, err);
}

gt_status gt_featstats_compute_plain(gt_featstats *fs, const gt_ftable *t, gt_error *err)
{
	return compute(fs, t, 1, 1, err);
}

void gt_featstats_free(gt_featstats *fs)
{
	free(fs->feat);
	free(fs->summaries);
	free(fs->hists);
	free(fs->corr);
	free(fs->sorted);
	free(fs->start);
	memset(fs, 0, sizeof(*fs));
}

const double *gt_featstats_values(const gt_featstats *fs, int f, int g, size_t *n)
{
	const size_t *s = fs->start + (size_t)f * (size_t)(fs->k + 1);

	*n = s[g + 1] - s[g];
	return fs->sorted + (size_t)f * fs->n + s[g];
}

/* ---- Two genres */

double gt_ks_sorted(const double *a, size_t na, const double *b, size_t nb)
{
	size_t i = 0, j = 0;
	double d = 0;

	if (na == 0 || nb == 0)
		return 0;
	while (i < na && j < nb) {
		double x = a[i] < b[j] ? a[i] : b[j], gap;

		while (i < na && a[i] == x)
			i++;
		while (j < nb && b[j] == x)
			j++;
		gap = fabs((double)i / (double)na - (double)j / (double)nb);
		if (gap > d)
			d = gap;
	}
	return d;
}

static double cohen_d(const gt_summary *a, const gt_summary *b)
{
	double pooled;

	if (a->n < 1 || b->n < 1 || a->n + b->n < 3)
		return NAN;
	pooled = ((double)(a->n - 1) * a->sd * a->sd + (double)(b->n - 1) * b->sd * b->sd) /
	         (double)(a->n + b->n - 2);
	return pooled > 0 ? (a->mean - b->mean) / sqrt(pooled) : NAN;
}

/* Larger first, NaN last, then feature order: qsort's comparison on keys. */
typedef struct {
	double key;
	int index;
} ranked;

static int cmp_ranked(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;
	int na = isnan(a->key), nb = isnan(b->key);

	if (na != nb)
		return na - nb;
	if (!na && a->key != b->key)
		return a->key < b->key ? 1 : -1;
	return a->index - b->index;
}

gt_status gt_featstats_compare(const gt_featstats *fs, int a, int b, gt_effect_rank by,
                               gt_effect *out, gt_error *err)
{
	ranked r[GT_FEAT_MAX];
	gt_effect e[GT_FEAT_MAX];

	if (a < 0 || a >= fs->k || b < 0 || b >= fs->k || a == b)
		return gt_fail(err, GT_ERR_ARG, "genres %d and %d cannot be compared (%d genres)",
		               a, b, fs->k);
	for (int f = 0; f < fs->nf; f++) {
		const gt_featdist *d = &fs->feat[f];
		size_t na, nb;
		const double *va = gt_featstats_values(fs, f, a, &na);
		const double *vb = gt_featstats_values(fs, f, b, &nb);
		int usable = d->levels <= 2;

		e[f].feature = f;
		e[f].d = usable ? cohen_d(&d->genre[a], &d->genre[b]) : NAN;
		e[f].ks = usable && na && nb ? gt_ks_sorted(va, na, vb, nb) : NAN;
		r[f].key = by == GT_RANK_KS ? e[f].ks : fabs(e[f].d);
		r[f].index = f;
	}
	qsort(r, (size_t)fs->nf, sizeof(r[0]), cmp_ranked);
	for (int i = 0; i < fs->nf; i++)
		out[i] = e[r[i].index];
	return GT_OK;
}

static int cmp_name(const void *pa, const void *pb, const char *const *names)
{
	int a = *(const int *)pa, b = *(const int *)pb, c = strcmp(names[a], names[b]);

	return c ? c : a - b;
}

void gt_featstats_order(const gt_featstats *fs, gt_feat_order by, int *order)
{
	ranked r[GT_FEAT_MAX];

	if (by == GT_ORDER_NAME) {   /* insertion sort: a few dozen names */
		for (int f = 0; f < fs->nf; f++) {
			int j = f;

			for (; j > 0 && cmp_name(&order[j - 1], &f, fs->names) > 0; j--)
				order[j] = order[j - 1];
			order[j] = f;
		}
		return;
	}
	for (int f = 0; f < fs->nf; f++) {
		r[f].key = by == GT_ORDER_MI ? fs->feat[f].mi : fs->feat[f].f;
		r[f].index = f;
	}
	qsort(r, (size_t)fs->nf, sizeof(r[0]), cmp_ranked);
	for (int f = 0; f < fs->nf; f++)
		order[f] = r[f].index;
}
