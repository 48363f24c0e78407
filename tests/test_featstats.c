/* test_featstats.c: per-genre summaries, histograms, ANOVA F, mutual
 * information, correlations and effect sizes.
 *
 * Every expected figure below was computed by Debian's Python 3 with numpy
 * 1.24.2, scipy 1.10.1, pandas 1.5.3 and scikit-learn 1.2.1 on the same
 * table (a, b, m, k, y as written in `table` below, NaN as numpy.nan):
 *   quartiles   numpy.percentile(v, [0, 25, 50, 75, 100]); v.mean();
 *               v.std(ddof=1)
 *   F           sklearn.feature_selection.f_classif(X, y)[0] (for b, on
 *               the rows where it is known)
 *   histogram   numpy.histogram(v, bins=32, range=(v.min(), v.max()))
 *   MI          sklearn.metrics.mutual_info_score(y, bin of each value)
 *   corr        pandas.DataFrame({"a": a, "b": b, "m": m}).corr()
 *   d, KS       (mean1 - mean2) / pooled sd (ddof 1);
 *               scipy.stats.ks_2samp(x1, x2).statistic
 * The real-file figures (test_real_file) came from bench/reference.py's
 * load_and_clean (the study's training rows, min-max scaled: F and r do not
 * change under that scaling) through the same scikit-learn and pandas
 * calls. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "genretui/featstats.h"
#include "genretui/session.h"

#include "ftable_small.h"

static gt_featstats fs;

static int setup(void **state)
{
	gt_ftable t = { N, NF, 3, &table[0][0], ys, names, levels };
	gt_error err;

	(void)state;
	return gt_featstats_compute(&fs, &t, 2, &err) == GT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gt_featstats_free(&fs);
	return 0;
}

static void check_summary(const gt_summary *s, size_t n, const double want[7])
{
	assert_int_equal(s->n, n);
	assert_near(s->min, want[0], 1e-12);
	assert_near(s->q1, want[1], 1e-12);
	assert_near(s->median, want[2], 1e-12);
	assert_near(s->q3, want[3], 1e-12);
	assert_near(s->max, want[4], 1e-12);
	assert_near(s->mean, want[5], 1e-12);
	assert_near(s->sd, want[6], 1e-12);
}

static void test_summaries(void **state)
{
	static const double a_all[7] = { 0.5, 2.625, 5.0, 7.25, 10.0, 5.083333333333333, 2.898069965306139 };
	static const double a_g[3][7] = {
		{ 0.5, 1.5, 2.0, 2.0, 3.25, 1.85, 0.9937303457175896 },
		{ 4.0, 4.75, 5.0, 5.5, 6.0, 5.05, 0.758287544405155 },
		{ 7.0, 7.5, 8.25, 9.0, 10.0, 8.35, 1.1937336386313322 },
	};
	static const double b_all[7] = { 10.0, 13.25, 15.75, 19.875, 30.0, 16.928571428571427, 5.32359458830773 };
	static const double b_g0[7] = { 10.0, 10.75, 11.5, 12.25, 13.0, 11.5, 1.2909944487358056 };

	(void)state;
	check_summary(&fs.feat[0].all, 15, a_all);
	for (int g = 0; g < 3; g++)
		check_summary(&fs.feat[0].genre[g], 5, a_g[g]);
	check_summary(&fs.feat[1].all, 14, b_all);   /* the unknown value is skipped */
	check_summary(&fs.feat[1].genre[0], 4, b_g0);
}

static void test_quantile_ends(void **state)
{
	const double one[1] = { 3 }, two[2] = { 1, 2 };
	gt_summary s;

	(void)state;
	assert_near(gt_quantile_sorted(one, 1, 0.25), 3, 0);
	assert_near(gt_quantile_sorted(two, 2, 0.75), 1.75, 0);
	assert_near(gt_quantile_sorted(two, 2, 1), 2, 0);
	gt_summary_sorted(&s, one, 0);
	assert_true(isnan(s.median) && isnan(s.sd));
	gt_summary_sorted(&s, one, 1);
	assert_near(s.sd, 0, 0);
}

static void test_histograms(void **state)
{
	/* numpy.histogram's non-empty bins and their counts */
	static const int a_bins[] = { 0, 3, 5, 9, 11, 14, 15, 16, 18, 21, 23, 26, 28, 31 };
	static const long a_cnt[] = { 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	static const int b_bins[] = { 0, 1, 3, 4, 6, 8, 9, 12, 15, 16, 17, 19, 31 };
	static const long b_cnt[] = { 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1 };
	long want[GT_HIST_BINS];
	long sum = 0;

	(void)state;
	memset(want, 0, sizeof(want));
	for (size_t i = 0; i < sizeof(a_bins) / sizeof(a_bins[0]); i++)
		want[a_bins[i]] = a_cnt[i];
	assert_memory_equal(fs.feat[0].hist_all, want, sizeof(want));
	memset(want, 0, sizeof(want));
	for (size_t i = 0; i < sizeof(b_bins) / sizeof(b_bins[0]); i++)
		want[b_bins[i]] = b_cnt[i];
	assert_memory_equal(fs.feat[1].hist_all, want, sizeof(want));
	/* the genres' histograms add up to the whole, on one scale */
	for (int g = 0; g < 3; g++)
		for (int b = 0; b < GT_HIST_BINS; b++)
			sum += fs.feat[0].hist[g][b];
	assert_int_equal(sum, 15);
	assert_int_equal(fs.feat[0].peak, 2);   /* a = 2.0 twice in genre 0 */
	assert_int_equal(fs.feat[3].nbins, 4);  /* one bin per level */
	assert_int_equal(fs.feat[3].hist[2][0], 2);
	assert_int_equal(fs.feat[3].hist_all[3], 4);
}

static void test_anova_mi(void **state)
{
	int order[NF];

	(void)state;
	assert_near(fs.feat[0].f, 53.037656903765736, 1e-9);
	assert_near(fs.feat[1].f, 4.977544689023513, 1e-9);
	assert_near(fs.feat[2].f, 2.000000000000001, 1e-9);
	assert_true(isnan(fs.feat[3].f));     /* 4 levels: no F */
	assert_near(fs.feat[0].mi, 1.0986122886681093, 1e-12);
	assert_near(fs.feat[1].mi, 1.0933747175566464, 1e-12);
	assert_near(fs.feat[2].mi, 0.1329844712852739, 1e-12);
	assert_near(fs.feat[3].mi, 0.13953283833721286, 1e-12);
	gt_featstats_order(&fs, GT_ORDER_F, order);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[1], 1);
	assert_int_equal(order[2], 2);
	assert_int_equal(order[3], 3);        /* NaN last */
	gt_featstats_order(&fs, GT_ORDER_MI, order);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
	gt_featstats_order(&fs, GT_ORDER_NAME, order);
	assert_int_equal(order[0], 0);        /* a b k m */
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 2);
}

static void test_correlation(void **state)
{
	(void)state;
	assert_near(fs.corr[0 * NF + 1], 0.337092071832312, 1e-12);
	assert_near(fs.corr[1 * NF + 0], 0.337092071832312, 1e-12);
	assert_near(fs.corr[0 * NF + 2], -0.007954767336481094, 1e-12);
	assert_near(fs.corr[1 * NF + 2], -0.6591929532532302, 1e-12);
	assert_near(fs.corr[1 * NF + 1], 1, 0);
	assert_true(isnan(fs.corr[0 * NF + 3]));   /* k is categorical */
	assert_true(isnan(fs.corr[3 * NF + 3]));
}

static void test_two_genres(void **state)
{
	gt_effect e[NF];
	gt_error err;

	(void)state;
	assert_int_equal(gt_featstats_compare(&fs, 0, 2, GT_RANK_D, e, &err), GT_OK);
	assert_int_equal(e[0].feature, 0);    /* |d| 5.92, 1.29, 0.40, then k (NaN) */
	assert_near(e[0].d, -5.91826889687781, 1e-10);
	assert_near(e[0].ks, 1.0, 1e-12);
	assert_int_equal(e[1].feature, 1);
	assert_near(e[1].d, -1.2866136144289306, 1e-10);
	assert_near(e[1].ks, 1.0, 1e-12);
	assert_int_equal(e[2].feature, 2);
	assert_near(e[2].d, 0.40000000000000013, 1e-10);
	assert_near(e[2].ks, 0.2, 1e-12);
	assert_int_equal(e[3].feature, 3);
	assert_true(isnan(e[3].d) && isnan(e[3].ks));

	assert_int_equal(gt_featstats_compare(&fs, 1, 2, GT_RANK_KS, e, &err), GT_OK);
	assert_int_equal(e[0].feature, 0);    /* KS 1.0, 0.8, 0.4 */
	assert_near(e[0].d, -3.3, 1e-10);
	assert_int_equal(e[1].feature, 1);
	assert_near(e[1].d, 0.41213029498262177, 1e-10);
	assert_near(e[1].ks, 0.8, 1e-12);
	assert_int_equal(e[2].feature, 2);
	assert_near(e[2].d, -0.7999999999999999, 1e-10);
	assert_near(e[2].ks, 0.4, 1e-12);

	assert_int_equal(gt_featstats_compare(&fs, 1, 1, GT_RANK_D, e, &err), GT_ERR_ARG);
	assert_int_equal(gt_featstats_compare(&fs, 0, 3, GT_RANK_D, e, &err), GT_ERR_ARG);
}

/* KS with ties across the samples: scipy.stats.ks_2samp([1, 2, 2, 3],
 * [2, 2, 4]).statistic is 0.3333333333333333. */
static void test_ks_ties(void **state)
{
	const double a[] = { 1, 2, 2, 3 }, b[] = { 2, 2, 4 }, c[] = { 5 };

	(void)state;
	assert_near(gt_ks_sorted(a, 4, b, 3), 0.3333333333333333, 1e-15);
	assert_near(gt_ks_sorted(a, 4, c, 1), 1, 0);
	assert_near(gt_ks_sorted(a, 4, a, 4), 0, 0);
	assert_near(gt_ks_sorted(a, 0, b, 3), 0, 0);
}

static void test_bad_tables(void **state)
{
	static const int bad_levels[NF] = { 0, 0, 1, 4 };
	gt_ftable t = { N, NF, 3, &table[0][0], ys, names, bad_levels };
	gt_featstats f2;
	gt_error err;

	(void)state;
	assert_int_equal(gt_featstats_compute(&f2, &t, 2, &err), GT_ERR_ARG);
	assert_non_null(strstr(err.msg, "'m'"));
	t.levels = levels;
	t.k = GT_MAX_CLASSES + 1;
	assert_int_equal(gt_featstats_compute(&f2, &t, 2, &err), GT_ERR_ARG);
	t.k = 3;
	t.nf = 0;
	assert_int_equal(gt_featstats_compute(&f2, &t, 2, &err), GT_ERR_ARG);
}

/* The plain reference (one thread, qsort) and two threads with the radix
 * sort: the same bytes. */
static void same_either_way(const gt_ftable *t)
{
	gt_featstats one, two;
	gt_error err;

	assert_int_equal(gt_featstats_compute_plain(&one, t, &err), GT_OK);
	assert_int_equal(gt_featstats_compute(&two, t, 2, &err), GT_OK);
	for (int f = 0; f < t->nf; f++) {     /* the same but for where they point */
		gt_featdist a = one.feat[f], b = two.feat[f];

		assert_ptr_equal(a.genre, one.summaries + f * t->k);
		assert_ptr_equal(b.hist, two.hists + f * t->k);
		a.genre = b.genre = NULL;
		a.hist = b.hist = NULL;
		assert_memory_equal(&a, &b, sizeof(a));
	}
	assert_memory_equal(one.summaries, two.summaries,
	                    (size_t)(t->nf * t->k) * sizeof(*one.summaries));
	assert_memory_equal(one.hists, two.hists, (size_t)(t->nf * t->k) * sizeof(*one.hists));
	assert_memory_equal(one.corr, two.corr, (size_t)(t->nf * t->nf) * sizeof(double));
	assert_memory_equal(one.sorted, two.sorted, t->n * (size_t)t->nf * sizeof(double));
	assert_memory_equal(one.start, two.start, (size_t)(t->nf * (t->k + 1)) * sizeof(size_t));
	gt_featstats_free(&one);
	gt_featstats_free(&two);
}

static void test_threads_same(void **state)
{
	gt_ftable t = { N, NF, 3, &table[0][0], ys, names, levels };

	(void)state;
	same_either_way(&t);
}

/* The study's training rows: as many per genre as the split's supports,
 * medians as the pipeline's, and F, r, d and KS as scikit-learn, numpy and
 * scipy give them on the reference's training rows (float32 after min-max
 * scaling there: hence the tolerances). */
static void test_real_file(void **state)
{
	/* f_classif(xtr[:, :11], ytr)[0] */
	static const double want_f[GT_NNUMERIC] = {
		5920.007158343036, 2292.3938494195077, 2194.47611025253, 249.03025830762263,
		1930.4028356903805, 1927.4059659758973, 49.482642918712685, 3618.186887883632,
		1429.6138105016375, 178.18695735795094, 646.4594316636898
	};
	/* Rap (5) vs Hip-Hop (9), Classical (8) vs Jazz (2): d and KS per feature */
	static const double rap_hh[GT_NNUMERIC][2] = {
		{ 0.250683324889137, 0.1291203589324814 }, { -0.046302047807344635, 0.06470063499667131 },
		{ -0.1450313849866678, 0.0629470861253133 }, { -0.006166915309460406, 0.02032545701089509 },
		{ 0.015583590202531725, 0.022769449248357818 }, { -0.0266344561843523, 0.013499950022537007 },
		{ -0.040544207668123944, 0.02015138456431911 }, { 0.04335321921443167, 0.024390982179734046 },
		{ -0.15784456291566706, 0.07664977491282234 }, { 0.0016387015092654098, 0.024499989627319002 },
		{ -0.10613951970224439, 0.05399866852494818 },
	};
	static const double cl_jazz_danceability[2] = { -1.8772603567095567, 0.6320069979709296 };
	const char *csv = getenv("GT_REAL_CSV");
	FILE *fp = csv ? fopen(csv, "r") : NULL;
	gt_pipeline_opts o;
	gt_pipeline p;
	gt_ftable_buf b;
	gt_featstats r;
	gt_effect e[GT_NNUMERIC + 2];
	gt_error err;

	(void)state;
	if (!fp)
		skip();
	fclose(fp);
	gt_pipeline_defaults(&o);
	assert_int_equal(gt_pipeline_open(&p, csv, &o, &err), GT_OK);
	assert_int_equal(gt_ftable_training(&b, &p, &err), GT_OK);
	assert_int_equal(b.t.nf, GT_NNUMERIC + 2);
	assert_int_equal(gt_featstats_compute(&r, &b.t, 2, &err), GT_OK);
	for (int g = 0; g < 10; g++)
		assert_int_equal(r.feat[0].genre[g].n, p.train_support[g]);
	for (int f = 0; f < GT_NNUMERIC; f++) {
		assert_near(r.feat[f].all.median, p.median[f], 0);
		assert_near(r.feat[f].all.min, p.lo[f], 0);
		assert_near(r.feat[f].all.max, p.hi[f], 0);
		assert_near(r.feat[f].f / want_f[f], 1, 1e-5);
	}
	assert_near(r.corr[GT_F_ENERGY * (GT_NNUMERIC + 2) + GT_F_LOUDNESS], 0.8385071321058274, 1e-5);
	assert_near(r.corr[GT_F_ACOUSTICNESS * (GT_NNUMERIC + 2) + GT_F_ENERGY], -0.791593572158046, 1e-5);
	assert_int_equal(gt_featstats_compare(&r, 5, 9, GT_RANK_D, e, &err), GT_OK);
	assert_int_equal(e[0].feature, GT_F_POPULARITY);   /* little tells them apart */
	for (int i = 0; i < GT_NNUMERIC + 2; i++)
		if (e[i].feature < GT_NNUMERIC) {
			assert_near(e[i].d, rap_hh[e[i].feature][0], 1e-5);
			assert_near(e[i].ks, rap_hh[e[i].feature][1], 1e-3);
		}
	assert_int_equal(gt_featstats_compare(&r, 8, 2, GT_RANK_D, e, &err), GT_OK);
	assert_int_equal(e[0].feature, GT_F_DANCEABILITY);
	assert_near(e[0].d, cl_jazz_danceability[0], 1e-5);
	assert_near(e[0].ks, cl_jazz_danceability[1], 1e-3);
	gt_featstats_free(&r);
	same_either_way(&b.t);
	gt_ftable_free(&b);
	gt_pipeline_close(&p);
}

/* The session's statistics: made on demand for its training rows, kept,
 * and made again when the sets are rebuilt (the improved preparation's
 * training side has more rows, some with unknown values). */
static void test_session(void **state)
{
	const char *csv = getenv("GT_SAMPLE_CSV");
	FILE *fp = csv ? fopen(csv, "r") : NULL;
	const gt_featstats *a, *b;
	gt_pipeline_opts o;
	gt_session s;
	gt_error err;
	size_t known = 0;

	(void)state;
	if (!fp)
		skip();
	fclose(fp);
	gt_pipeline_defaults(&o);
	assert_int_equal(gt_session_open(&s, csv, &o, &err), GT_OK);
	assert_non_null(a = gt_session_featstats(&s, &err));
	assert_int_equal(a->n, s.pipe.train.n);
	assert_int_equal(a->nf, GT_NNUMERIC + 2);
	assert_ptr_equal(gt_session_featstats(&s, &err), a);
	assert_int_equal(a->feat[GT_F_TEMPO].all.n, s.pipe.train.n);
	assert_int_equal(gt_session_prepare(&s, GT_PREP_IMPUTE, NULL, &err), GT_OK);
	assert_int_equal(s.has_featstats, 0);
	assert_non_null(b = gt_session_featstats(&s, &err));
	assert_int_equal(b->n, s.pipe.train.n);
	for (int g = 0; g < b->k; g++)
		known += b->feat[GT_F_TEMPO].genre[g].n;
	assert_int_equal(known, b->feat[GT_F_TEMPO].all.n);
	assert_true(b->feat[GT_F_TEMPO].all.n + b->feat[GT_F_DURATION].all.n < 2 * b->n);
	gt_session_close(&s);
}

/* Statistics made beforehand on their own thread are the ones made on
 * demand; rebuilding the sets while the thread may still run waits for it
 * (and drops what it made); a second prefetch while one is made or after
 * is not started. */
static void test_prefetch(void **state)
{
	const char *csv = getenv("GT_SAMPLE_CSV");
	FILE *fp = csv ? fopen(csv, "r") : NULL;
	const gt_featstats *a, *b;
	gt_pipeline_opts o;
	gt_session s, t;
	gt_error err;

	(void)state;
	if (!fp)
		skip();
	fclose(fp);
	gt_pipeline_defaults(&o);
	assert_int_equal(gt_session_open(&s, csv, &o, &err), GT_OK);
	assert_int_equal(gt_session_open(&t, csv, &o, &err), GT_OK);
	assert_int_equal(gt_session_featstats_prefetch(&s), 1);
	assert_int_equal(gt_session_featstats_prefetch(&s), 0);
	assert_non_null(a = gt_session_featstats(&s, &err));
	assert_int_equal(gt_session_featstats_prefetch(&s), 0);
	assert_non_null(b = gt_session_featstats(&t, &err));
	assert_int_equal(a->nf, b->nf);
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->corr, b->corr, (size_t)(a->nf * a->nf) * sizeof(double));
	assert_memory_equal(a->sorted, b->sorted, a->n * (size_t)a->nf * sizeof(double));
	assert_int_equal(gt_session_prepare(&s, GT_PREP_IMPUTE, NULL, &err), GT_OK);
	assert_int_equal(gt_session_featstats_prefetch(&s), 1);
	assert_int_equal(gt_session_prepare(&s, GT_PREP_STUDY, NULL, &err), GT_OK);
	assert_int_equal(s.has_featstats, 0);
	assert_int_equal(s.fs_running, 0);
	assert_int_equal(gt_session_featstats_prefetch(&s), 1);
	gt_session_close(&s);     /* waits for it */
	gt_session_close(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summaries),
		cmocka_unit_test(test_quantile_ends),
		cmocka_unit_test(test_histograms),
		cmocka_unit_test(test_anova_mi),
		cmocka_unit_test(test_correlation),
		cmocka_unit_test(test_two_genres),
		cmocka_unit_test(test_ks_ties),
		cmocka_unit_test(test_bad_tables),
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_real_file),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_prefetch),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
