/* test_features_view.c: the Features pane's layout without curses: the
 * scale's columns, box plots, bars, shades, the list's order, units and
 * numbers.
 *
 * The box plots use test_featstats.c's table (feature a, three genres of
 * five rows). The expected whiskers are Tukey's rule worked by hand, as
 * matplotlib.cbook.boxplot_stats(v, whis=1.5) defines it (whislo: the
 * lowest value >= Q1 - 1.5 IQR, whishi: the highest <= Q3 + 1.5 IQR;
 * the values beyond are fliers), from numpy's linear quartiles:
 *   genre 0: 0.5 1.5 2 2 3.25   Q1 1.5  Q3 2    IQR 0.5   limits 0.75, 2.75
 *            whiskers 1.5, 2; fliers 0.5 and 3.25
 *   genre 1: 4 4.75 5 5.5 6     Q1 4.75 Q3 5.5  IQR 0.75  whiskers 4, 6
 *   genre 2: 7 7.5 8.25 9 10    Q1 7.5  Q3 9    IQR 1.5   whiskers 7, 10
 *   all 15:  Q1 2.625 Q3 7.25   IQR 4.625       limits -4.3125, 14.1875
 *            whiskers 0.5, 10 (the minimum and maximum) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "genretui/features_view.h"

#include "ftable_small.h"

static gt_featstats fs;

static int setup(void **state)
{
	gt_ftable t = { N, NF, 3, &table[0][0], ys, names, levels };
	gt_error err;

	(void)state;
	return gt_featstats_compute_plain(&fs, &t, &err) == GT_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	gt_featstats_free(&fs);
	return 0;
}

/* ---- the scale */

static void test_columns(void **state)
{
	gt_fv_scale sc = gt_fv_scale_make(0, 10, 20), point = gt_fv_scale_make(3, 3, 4);

	(void)state;
	assert_int_equal(gt_fv_col(&sc, 0), 0);
	assert_int_equal(gt_fv_col(&sc, 0.49), 0);
	assert_int_equal(gt_fv_col(&sc, 0.5), 1);        /* an edge opens its column */
	assert_int_equal(gt_fv_col(&sc, 8.25), 16);
	assert_int_equal(gt_fv_col(&sc, 9.99), 19);
	assert_int_equal(gt_fv_col(&sc, 10), 19);        /* the right end is in the last */
	assert_int_equal(gt_fv_col(&sc, -0.01), -1);
	assert_int_equal(gt_fv_col(&sc, 10.01), 20);
	assert_int_equal(gt_fv_col(&sc, NAN), -1);
	assert_near(gt_fv_edge(&sc, 20), 10, 0);
	/* a single value is widened by 0.5 each way, as numpy.histogram */
	assert_near(point.lo, 2.5, 0);
	assert_near(point.hi, 3.5, 0);
	assert_int_equal(gt_fv_col(&point, 3), 2);
	assert_int_equal(gt_fv_scale_make(0, 1, 0).width, 1);
}

/* Whole-numbered features get one column per value when they fit, else
 * columns of two or three values that the histogram divides by. */
static void test_whole_values(void **state)
{
	gt_fv_scale one = gt_fv_scale_fit(0, 9, 20, 1), many = gt_fv_scale_fit(0, 99, 40, 1);
	gt_fv_scale plain = gt_fv_scale_fit(0, 9, 20, 0);
	int sum = 0;

	(void)state;
	assert_int_equal(gt_fv_integral(&fs, 0), 0);   /* a: 1.5, 3.25 ... */
	assert_int_equal(gt_fv_integral(&fs, 1), 0);   /* b: 19.5 */
	assert_int_equal(gt_fv_integral(&fs, 2), 1);   /* m: 0 and 1 */
	assert_int_equal(gt_fv_integral(&fs, 3), 1);   /* k: 0..3 */
	assert_int_equal(one.width, 10);
	assert_near(one.lo, -0.5, 0);
	assert_near(one.hi, 9.5, 0);
	for (int v = 0; v <= 9; v++)
		assert_int_equal(gt_fv_col(&one, v), v);
	assert_int_equal(plain.width, 20);
	assert_int_equal(many.width, 40);
	/* 0..99 in 40 columns of 2.475: [0, 2.475) holds 0 1 2, [2.475, 4.95)
	 * 3 4, the last [96.525, 99] 97 98 99 */
	assert_int_equal(gt_fv_wholes(&many, 0), 3);
	assert_int_equal(gt_fv_wholes(&many, 1), 2);
	assert_int_equal(gt_fv_wholes(&many, 39), 3);
	for (int c = 0; c < many.width; c++)
		sum += gt_fv_wholes(&many, c);
	assert_int_equal(sum, 100);
	assert_int_equal(gt_fv_wholes(&one, 4), 1);
	assert_int_equal(gt_fv_wholes(&one, 10), 0);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The binary-search counts against gt_fv_col on every value, on scales
 * whose edges are awkward in binary (thirds, tenths) and values that fall
 * on them exactly. */
static void test_counts_match_columns(void **state)
{
	enum { NV = 5000 };
	static double v[NV];
	const double ends[][2] = { { 0, 1 }, { -3.3, 7.1 }, { 0.1, 0.7 }, { 0.2, 0.5 } };
	const int widths[] = { 1, 3, 7, 30, 97 };
	unsigned seed = 12345;

	(void)state;
	for (size_t e = 0; e < sizeof(ends) / sizeof(ends[0]); e++)
		for (size_t wi = 0; wi < sizeof(widths) / sizeof(widths[0]); wi++) {
			gt_fv_scale sc = gt_fv_scale_make(ends[e][0], ends[e][1], widths[wi]);
			long fast[97] = { 0 }, plain[97] = { 0 };
			size_t below = 0, above = 0, pb = 0, pa = 0;

			for (int i = 0; i < NV; i++) {
				seed = seed * 1103515245u + 12345u;
				if (i % 5 == 0)      /* exactly on an edge */
					v[i] = gt_fv_edge(&sc, (int)(seed >> 16) % (sc.width + 1));
				else
					v[i] = sc.lo - 1 + (sc.hi - sc.lo + 2) * ((seed >> 8) & 0xffff) / 65535.0;
			}
			qsort(v, NV, sizeof(v[0]), cmp_double);
			gt_fv_count_sorted(&sc, v, NV, fast, &below, &above);
			for (int i = 0; i < NV; i++) {
				int c = gt_fv_col(&sc, v[i]);

				if (c < 0)
					pb++;
				else if (c >= sc.width)
					pa++;
				else
					plain[c]++;
			}
			assert_memory_equal(fast, plain, sizeof(fast));
			assert_int_equal(below, pb);
			assert_int_equal(above, pa);
		}
}

/* ---- box plots */

static void check_box(int g, gt_fv_whisk rule, const double want[5], size_t below, size_t above)
{
	gt_fv_box b;

	gt_fv_box_of(&b, &fs, 0, g, rule);
	assert_near(b.wlo, want[0], 1e-12);
	assert_near(b.q1, want[1], 1e-12);
	assert_near(b.median, want[2], 1e-12);
	assert_near(b.q3, want[3], 1e-12);
	assert_near(b.whi, want[4], 1e-12);
	assert_int_equal(b.below, below);
	assert_int_equal(b.above, above);
}

static void test_whiskers(void **state)
{
	static const double g0[5] = { 1.5, 1.5, 2.0, 2.0, 2.0 };
	static const double g0_minmax[5] = { 0.5, 1.5, 2.0, 2.0, 3.25 };
	static const double g1[5] = { 4.0, 4.75, 5.0, 5.5, 6.0 };
	static const double g2[5] = { 7.0, 7.5, 8.25, 9.0, 10.0 };
	static const double all[5] = { 0.5, 2.625, 5.0, 7.25, 10.0 };
	double lo, hi;

	(void)state;
	check_box(0, GT_FV_TUKEY, g0, 1, 1);
	check_box(0, GT_FV_MINMAX, g0_minmax, 0, 0);
	check_box(1, GT_FV_TUKEY, g1, 0, 0);
	check_box(2, GT_FV_TUKEY, g2, 0, 0);
	check_box(-1, GT_FV_TUKEY, all, 0, 0);
	gt_fv_box_range(&fs, 0, GT_FV_TUKEY, &lo, &hi);
	assert_near(lo, 0.5, 0);      /* all rows' whiskers reach further than genre 0's */
	assert_near(hi, 10, 0);
}

static void check_row(int g, gt_fv_whisk rule, double lo, double hi, int width,
                      const char *want)
{
	static const char code[GT_FV_NGLYPHS + 1] = " -[]=Mo<>";
	gt_fv_scale sc = gt_fv_scale_make(lo, hi, width);
	unsigned char cells[64];
	char got[65];
	gt_fv_box b;

	gt_fv_box_of(&b, &fs, 0, g, rule);
	gt_fv_box_row(&b, &fs, 0, g, &sc, cells);
	for (int c = 0; c < width; c++)
		got[c] = code[cells[c]];
	got[width] = '\0';
	assert_string_equal(got, want);
}

static void test_box_rows(void **state)
{
	(void)state;
	/* 0..10 in 20 columns of 0.5: genre 2's whiskers 7 and 10 (columns
	 * 14, 19), box 7.5..9 (15..18), median 8.25 (16) */
	check_row(2, GT_FV_TUKEY, 0, 10, 20, "              [=M==]");
	/* genre 0: the box 1.5..2 is two columns, the median on the second; the
	 * fliers 0.5 and 3.25 in columns 1 and 6 */
	check_row(0, GT_FV_TUKEY, 0, 10, 20, " o =M o             ");
	check_row(0, GT_FV_MINMAX, 0, 10, 20, " [-=M-]             ");
	/* a scale 1..9 cuts genre 2's upper whisker: the mark of values beyond */
	check_row(2, GT_FV_TUKEY, 1, 9, 16, "            [=M>");
	/* and genre 0's lower flier */
	check_row(0, GT_FV_TUKEY, 1, 9, 16, "<=M o           ");
}

static void test_glyphs(void **state)
{
	(void)state;
	assert_string_equal(gt_fv_glyph_text(GT_FV_MEDIAN, 0), "#");
	assert_string_equal(gt_fv_glyph_text(GT_FV_WHISKER_LO, 1), "\u251c");
	assert_string_equal(gt_fv_glyph_text(GT_FV_BEYOND_HI, 0), ">");
	assert_string_equal(gt_fv_glyph_text((gt_fv_glyph)99, 1), " ");
}

/* All rows' counts on a scale, and the genres' adding up to them. */
static void test_feature_counts(void **state)
{
	/* columns [1,2) [2,3) ... [8,9]: 1.5 | 2 2 | 3.25 | 4 4.75 | 5 5.5 | 6 |
	 * 7 7.5 | 8.25 9; 0.5 below, 10 above */
	static const long want[8] = { 1, 2, 1, 2, 2, 1, 2, 2 };
	gt_fv_scale sc = gt_fv_scale_make(1, 9, 8);
	long all[8] = { 0 }, sum[8] = { 0 };
	size_t b_all = 0, a_all = 0, b_sum = 0, a_sum = 0;

	(void)state;
	gt_fv_count_feature(&fs, 0, -1, &sc, all, &b_all, &a_all);
	for (int g = 0; g < 3; g++)
		gt_fv_count_feature(&fs, 0, g, &sc, sum, &b_sum, &a_sum);
	assert_memory_equal(all, want, sizeof(all));
	assert_memory_equal(sum, want, sizeof(sum));
	assert_int_equal(b_all, 1);
	assert_int_equal(a_all, 1);
	assert_int_equal(b_sum, 1);
	assert_int_equal(a_sum, 1);
}

/* ---- bars and shades */

static void test_bars(void **state)
{
	(void)state;
	assert_int_equal(gt_fv_bar_eighths(0, 10, 3), 0);
	assert_int_equal(gt_fv_bar_eighths(1, 1000, 3), 1);     /* never invisible */
	assert_int_equal(gt_fv_bar_eighths(10, 10, 3), 24);
	assert_int_equal(gt_fv_bar_eighths(5, 10, 3), 12);
	assert_int_equal(gt_fv_bar_eighths(10, 0, 3), 0);
	assert_string_equal(gt_fv_bar_cell(12, 0, 1), "\u2588");
	assert_string_equal(gt_fv_bar_cell(12, 1, 1), "\u2584");
	assert_string_equal(gt_fv_bar_cell(12, 2, 1), " ");
	assert_string_equal(gt_fv_bar_cell(12, 1, 0), ":");
	assert_string_equal(gt_fv_bar_cell(1, 0, 0), ".");
	assert_string_equal(gt_fv_bar_cell(8, 0, 0), "#");
}

static void check_imp(double mean, double sd, double top, const char *want)
{
	static const char code[GT_FV_IMP_NCELLS + 1] = " #=-|";
	unsigned char cells[10];
	char got[11];

	gt_fv_imp_bar(mean, sd, top, 10, cells);
	for (int c = 0; c < 10; c++)
		got[c] = code[cells[c]];
	got[10] = '\0';
	assert_string_equal(got, want);
}

static void test_importance_bars(void **state)
{
	(void)state;
	check_imp(0.5, 0.1, 1, "####=|    ");
	check_imp(0.3, 0.3, 1, "===--|    ");
	check_imp(0.0, 0.1, 0.2, "----|     ");
	check_imp(-0.1, 0.05, 1, "          ");
	check_imp(1.0, 0.0, 1, "##########");
	check_imp(0.5, 0.1, 0, "          ");
	assert_string_equal(gt_fv_imp_text(GT_FV_IMP_END, 1), "\u2524");
}

static void test_corr_shades(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(gt_fv_corr_shade(0.05), 0);
	assert_int_equal(gt_fv_corr_shade(0.1), 1);
	assert_int_equal(gt_fv_corr_shade(-0.29), 1);
	assert_int_equal(gt_fv_corr_shade(0.3), 2);
	assert_int_equal(gt_fv_corr_shade(-0.5), 3);
	assert_int_equal(gt_fv_corr_shade(0.7), 4);
	assert_int_equal(gt_fv_corr_shade(1.0), 4);
	assert_int_equal(gt_fv_corr_shade(NAN), -1);
	assert_near(gt_fv_corr_floor(3), 0.5, 0);
	assert_true(isnan(gt_fv_corr_floor(5)));
	gt_fv_corr_text(buf, sizeof(buf), 0.838);
	assert_string_equal(buf, "+.84");
	gt_fv_corr_text(buf, sizeof(buf), -0.07);
	assert_string_equal(buf, "-.07");
	gt_fv_corr_text(buf, sizeof(buf), -0.004);
	assert_string_equal(buf, " .00");
	gt_fv_corr_text(buf, sizeof(buf), 1);
	assert_string_equal(buf, "1.00");
	gt_fv_corr_text(buf, sizeof(buf), -0.996);
	assert_string_equal(buf, "-1.0");
	assert_int_equal(gt_fv_corr_text(buf, sizeof(buf), NAN), 0);
}

/* ---- the list */

static void test_order(void **state)
{
	gt_importance imp;
	int order[NF], by_f[NF];

	(void)state;
	memset(&imp, 0, sizeof(imp));
	imp.nfeat = 3;
	imp.feat[0].name = "k";
	imp.feat[1].name = "a";
	imp.feat[2].name = "zz";       /* not a feature of the table */
	imp.mean[0] = 0.01;
	imp.mean[1] = 0.2;
	imp.mean[2] = 0.5;
	assert_int_equal(gt_fv_importance_index(&fs, &imp, 3), 0);
	assert_int_equal(gt_fv_importance_index(&fs, &imp, 1), -1);
	assert_int_equal(gt_fv_importance_index(&fs, NULL, 0), -1);
	gt_featstats_order(&fs, GT_ORDER_F, by_f);
	gt_fv_order(&fs, &imp, GT_FV_BY_IMPORTANCE, order);
	assert_int_equal(order[0], 0);   /* a: 0.2 */
	assert_int_equal(order[1], 3);   /* k: 0.01 */
	for (int i = 0, j = 2; i < NF; i++)   /* then b and m in F order */
		if (by_f[i] == 1 || by_f[i] == 2)
			assert_int_equal(order[j++], by_f[i]);
	gt_fv_order(&fs, NULL, GT_FV_BY_IMPORTANCE, order);
	assert_memory_equal(order, by_f, sizeof(order));
	gt_fv_order(&fs, NULL, GT_FV_BY_NAME, order);
	assert_int_equal(order[0], 0);
	assert_int_equal(order[3], 2);   /* a b k m */
	assert_int_equal(gt_fv_position(order, NF, 2), 3);
	assert_int_equal(gt_fv_position(order, NF, 7), 0);
	assert_string_equal(gt_fv_sort_name(GT_FV_BY_MI), "MI");
}

/* ---- words and numbers */

static void test_words(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(gt_fv_unit("popularity"), "0-100");
	assert_string_equal(gt_fv_unit("duration_ms"), "ms");
	assert_string_equal(gt_fv_unit("loudness"), "dB");
	assert_string_equal(gt_fv_unit("tempo"), "BPM");
	assert_string_equal(gt_fv_unit("valence"), "0-1");
	assert_string_equal(gt_fv_unit("key"), "pitch class");
	assert_string_equal(gt_fv_unit("mode"), "");
	assert_string_equal(gt_fv_unit("mfcc3"), "");
	assert_string_equal(gt_fv_level_name("key", 1, buf, sizeof(buf)), "C#");
	assert_string_equal(gt_fv_level_name("key", 11, buf, sizeof(buf)), "B");
	assert_string_equal(gt_fv_level_name("mode", 0, buf, sizeof(buf)), "Minor");
	assert_string_equal(gt_fv_level_name("mode", 1, buf, sizeof(buf)), "Major");
	assert_string_equal(gt_fv_level_name("k", 3, buf, sizeof(buf)), "3");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), 229133.4), "229,133");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), -1234567), "-1,234,567");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), -17.21), "-17.2");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), -7.21), "-7.21");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), 91.0), "91");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), 0.481), "0.481");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), 0.25), "0.25");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), -0.0001), "-0.0001");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), -0.0), "0");
	assert_string_equal(gt_fv_value(buf, sizeof(buf), NAN), "-");
}

/* GTZAN's 58 feature names (tools/mktables.py gtzan30, as the real file
 * heads them) in the lists' 16 cells and the grid's 12: every name that
 * does not fit is cut at its words, and no two labels are alike. */
static const char *const gtzan[] = {
	"length", "chroma_stft_mean", "chroma_stft_var", "rms_mean", "rms_var",
	"spectral_centroid_mean", "spectral_centroid_var", "spectral_bandwidth_mean",
	"spectral_bandwidth_var", "rolloff_mean", "rolloff_var", "zero_crossing_rate_mean",
	"zero_crossing_rate_var", "harmony_mean", "harmony_var", "perceptr_mean", "perceptr_var",
	"tempo", "mfcc1_mean", "mfcc1_var", "mfcc2_mean", "mfcc2_var", "mfcc3_mean", "mfcc3_var",
	"mfcc4_mean", "mfcc4_var", "mfcc5_mean", "mfcc5_var", "mfcc6_mean", "mfcc6_var",
	"mfcc7_mean", "mfcc7_var", "mfcc8_mean", "mfcc8_var", "mfcc9_mean", "mfcc9_var",
	"mfcc10_mean", "mfcc10_var", "mfcc11_mean", "mfcc11_var", "mfcc12_mean", "mfcc12_var",
	"mfcc13_mean", "mfcc13_var", "mfcc14_mean", "mfcc14_var", "mfcc15_mean", "mfcc15_var",
	"mfcc16_mean", "mfcc16_var", "mfcc17_mean", "mfcc17_var", "mfcc18_mean", "mfcc18_var",
	"mfcc19_mean", "mfcc19_var", "mfcc20_mean", "mfcc20_var",
};

static void test_name_labels(void **state)
{
	gt_featstats g = { .nf = (int)(sizeof(gtzan) / sizeof(gtzan[0])), .names = gtzan };
	static const int widths[] = { 16, 12 };
	char buf[64], other[64];

	(void)state;
	assert_int_equal(g.nf, 58);
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 11, 16, "~"), "zero~_rate_mean");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 12, 16, "~"), "zero~_rate_var");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 5, 16, "~"), "sp~centroid_mean");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 5, 12, "~"), "spe~cen~mean");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 1, 16, "~"), "chroma_stft_mean");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 1, 12, "~"), "chroma~_mean");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 2, 12, "~"), "chr~stft_var");
	assert_string_equal(gt_fv_name_label(buf, sizeof(buf), &g, 37, 12, "~"), "mfcc10_var");
	for (size_t w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
		for (int i = 0; i < g.nf; i++) {
			gt_fv_name_label(buf, sizeof(buf), &g, i, widths[w], "~");
			assert_true((int)strlen(buf) <= widths[w]);
			if ((int)strlen(gtzan[i]) <= widths[w])
				assert_string_equal(buf, gtzan[i]);
			for (int j = 0; j < i; j++)
				assert_string_not_equal(gt_fv_name_label(other, sizeof(other), &g, j,
				                                         widths[w], "~"), buf);
		}
}

/* The correlation grid's headings: GTZAN's 58, alike in their first 4
 * characters (40 of them "mfcc"), are told apart at their words in 4
 * cells; the study's 13 stay their first 4 characters. */
static void test_headings(void **state)
{
	static const char *const study[] = {
		"popularity", "acousticness", "danceability", "duration_ms", "energy",
		"instrumentalness", "liveness", "loudness", "speechiness", "tempo", "valence", "key",
		"mode",
	};
	static const char *const study_heads[] = {
		"popu", "acou", "danc", "dura", "ener", "inst", "live", "loud", "spee", "temp", "vale",
		"key", "mode",
	};
	static const struct { int f; const char *want; } cases[] = {
		{ 0, "leng" }, { 1, "chsm" }, { 2, "chsv" }, { 3, "rmsm" }, { 4, "rmsv" },
		{ 5, "spcm" }, { 6, "spcv" }, { 7, "spbm" }, { 8, "spbv" }, { 9, "rolm" },
		{ 11, "zcrm" }, { 12, "zcrv" }, { 13, "harm" }, { 14, "harv" }, { 17, "temp" },
		{ 18, "mf1m" }, { 19, "mf1v" }, { 35, "mf9v" }, { 36, "m10m" }, { 57, "m20v" },
	};
	gt_featstats g = { .nf = (int)(sizeof(gtzan) / sizeof(gtzan[0])), .names = gtzan };
	gt_featstats st = { .nf = 13, .names = study };
	gt_fv_head h[64];

	(void)state;
	assert_int_equal(gt_fv_headings(&g, h), 0);
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++)
		assert_string_equal(h[cases[c].f], cases[c].want);
	for (int i = 0; i < g.nf; i++) {
		assert_true((int)strlen(h[i]) <= GT_FV_HEAD_CELLS && h[i][0] != '\0');
		for (int j = 0; j < i; j++)
			if (strcmp(h[i], h[j]) == 0)
				fail_msg("%s and %s both '%s'", gtzan[j], gtzan[i], h[i]);
	}
	assert_int_equal(gt_fv_headings(&st, h), 0);
	for (int i = 0; i < st.nf; i++)
		assert_string_equal(h[i], study_heads[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns),
		cmocka_unit_test(test_counts_match_columns),
		cmocka_unit_test(test_whole_values),
		cmocka_unit_test(test_whiskers),
		cmocka_unit_test(test_box_rows),
		cmocka_unit_test(test_glyphs),
		cmocka_unit_test(test_feature_counts),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_importance_bars),
		cmocka_unit_test(test_corr_shades),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_name_labels),
		cmocka_unit_test(test_headings),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
