/* test_confusion_view.c: the Confusion pane's figures and texts.
 *
 * The main fixture is the study's test-set confusion matrix (Results
 * section, rows = true genre, columns = predicted), so the expected values
 * below can be checked by hand against the paper: Rap (row 5) has 782 rows,
 * 261 of them predicted Hip-Hop (33%); Hip-Hop was predicted 751 times. */
#include "testutil.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/confusion_view.h"
#include "genretui/textfmt.h"

static const long study_test[GT_NCLASSES][GT_NCLASSES] = {
	{ 469,  77, 107,  64,  31,  19,  33,  16,   7,  20 },
	{  53, 520,  28,  31,  26,   0,  73,   4,  92,   0 },
	{ 107,  24, 404,  17,  37,   1,  79,  36,  48,  29 },
	{  53,   4,  66, 245, 153,  39,  21, 151,   1,  64 },
	{  30,  27,  44,  73, 372,  11,  81, 149,   0,  17 },
	{   8,   0,   5,  36,  15, 365,   0,  92,   0, 261 },
	{  39, 153, 110,  25,  82,   1, 339,  31,  11,   1 },
	{   7,   1,  24, 100,  56,  67,   0, 571,   1,  13 },
	{  12,  36,  52,  19,   6,   0,  16,   5, 675,   0 },
	{  10,   0,  12,  47,  19, 350,   3,  37,   0, 346 },
};

enum { ELEC, ANIM, JAZZ, ALT, CTRY, RAP, BLUE, ROCK, CLAS, HIPH };

static void study_matrix(gt_confusion *cm)
{
	gt_confusion_init(cm, GT_NCLASSES);
	for (int t = 0; t < GT_NCLASSES; t++)
		for (int p = 0; p < GT_NCLASSES; p++)
			GT_CM(cm, t, p) = study_test[t][p];
}

/* ---- names ---- */

static gt_genres study;      /* the study's ten (set up in main) */

static void test_short_names(void **state)
{
	char line[128] = "";

	(void)state;
	for (int c = 0; c < GT_NCLASSES; c++) {
		assert_true(strlen(study.abbr[c]) <= 4);
		strcat(line, study.abbr[c]);
		strcat(line, c + 1 < GT_NCLASSES ? " " : "");
	}
	assert_string_equal(line, "Elec Anim Jazz Alt Ctry Rap Blue Rock Clas HipH");
}

static void test_view_names(void **state)
{
	(void)state;
	assert_string_equal(gt_cv_view_name(GT_CV_COUNTS), "counts");
	assert_string_equal(gt_cv_view_name(GT_CV_RECALL), "recall (row %)");
	assert_string_equal(gt_cv_view_name(GT_CV_PRECISION), "precision (column %)");
	assert_string_equal(gt_cv_view_name(GT_CV_NVIEWS), "?");
}

/* ---- totals and normalisations ---- */

/* Value (t, p) of gt_cv_values's k * k output for the matrix cm. */
#define VAT(t, p) v[(size_t)(t) * (size_t)gt_cv_classes(&cm) + (size_t)(p)]

static void test_totals(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	study_matrix(&cm);
	assert_int_equal(gt_cv_row_total(&cm, RAP), 782);
	assert_int_equal(gt_cv_row_total(&cm, CLAS), 821);
	assert_int_equal(gt_cv_col_total(&cm, HIPH), 751);
	assert_int_equal(gt_cv_col_total(&cm, ROCK), 1092);
	gt_confusion_free(&cm);
}

static void test_values_counts(void **state)
{
	gt_confusion cm = { 0 };
	double v[GT_NCLASSES * GT_NCLASSES];

	(void)state;
	study_matrix(&cm);
	gt_cv_values(&cm, GT_CV_COUNTS, v);
	assert_near(VAT(RAP, HIPH), 261, 0);
	assert_near(VAT(CLAS, CLAS), 675, 0);
	gt_confusion_free(&cm);
}

static void test_values_recall_rows_sum_to_one(void **state)
{
	gt_confusion cm = { 0 };
	double v[GT_NCLASSES * GT_NCLASSES];

	(void)state;
	study_matrix(&cm);
	gt_cv_values(&cm, GT_CV_RECALL, v);
	assert_near(VAT(RAP, HIPH), 261.0 / 782, 1e-15);
	assert_near(VAT(CLAS, CLAS), 675.0 / 821, 1e-15);
	for (int t = 0; t < GT_NCLASSES; t++) {
		double sum = 0;

		for (int p = 0; p < GT_NCLASSES; p++)
			sum += VAT(t, p);
		assert_near(sum, 1.0, 1e-12);
	}
	gt_confusion_free(&cm);
}

static void test_values_precision_columns_sum_to_one(void **state)
{
	gt_confusion cm = { 0 };
	double v[GT_NCLASSES * GT_NCLASSES];

	(void)state;
	study_matrix(&cm);
	gt_cv_values(&cm, GT_CV_PRECISION, v);
	assert_near(VAT(RAP, HIPH), 261.0 / 751, 1e-15);
	for (int p = 0; p < GT_NCLASSES; p++) {
		double sum = 0;

		for (int t = 0; t < GT_NCLASSES; t++)
			sum += VAT(t, p);
		assert_near(sum, 1.0, 1e-12);
	}
	gt_confusion_free(&cm);
}

/* A genre never true (row 1) and one never predicted (column 2) give 0. */
static void test_values_zero_totals(void **state)
{
	gt_confusion cm = { 0 };
	double v[GT_NCLASSES * GT_NCLASSES];

	(void)state;
	gt_confusion_init(&cm, 3);
	GT_CM(&cm, 0, 0) = 4;
	GT_CM(&cm, 0, 1) = 2;
	GT_CM(&cm, 2, 0) = 2;
	gt_cv_values(&cm, GT_CV_RECALL, v);
	for (int p = 0; p < 3; p++)
		assert_near(VAT(1, p), 0, 0);
	assert_near(VAT(0, 0), 4.0 / 6, 1e-15);
	gt_cv_values(&cm, GT_CV_PRECISION, v);
	for (int t = 0; t < 3; t++)
		assert_near(VAT(t, 2), 0, 0);
	assert_near(VAT(0, 0), 4.0 / 6, 1e-15);
	assert_near(VAT(2, 0), 2.0 / 6, 1e-15);
	assert_near(VAT(0, 1), 1.0, 0);
	gt_confusion_free(&cm);
}

static void test_values_empty_matrix(void **state)
{
	gt_confusion cm = { 0 };
	double v[GT_NCLASSES * GT_NCLASSES];

	(void)state;
	gt_confusion_init(&cm, GT_NCLASSES);
	for (int view = 0; view < GT_CV_NVIEWS; view++) {
		gt_cv_values(&cm, (gt_cv_view)view, v);
		assert_near(VAT(3, 4), 0, 0);
		assert_near(gt_cv_heat_fraction(&cm, (gt_cv_view)view, 3, 4), 0, 0);
	}
	gt_confusion_free(&cm);
}

/* A class count out of range is clamped to what a matrix holds. */
static void test_classes_clamped(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	gt_confusion_init(&cm, 12);
	assert_int_equal(gt_cv_classes(&cm), 12);
	cm.k = GT_MAX_CLASSES + 5;
	assert_int_equal(gt_cv_classes(&cm), GT_MAX_CLASSES);
	cm.k = -1;
	assert_int_equal(gt_cv_classes(&cm), 0);
	gt_confusion_free(&cm);
}

/* ---- colour scale ---- */

static void test_heat_thresholds(void **state)
{
	(void)state;
	assert_int_equal(gt_cv_heat_level(0.0), 0);
	assert_int_equal(gt_cv_heat_level(0.0499), 0);
	assert_int_equal(gt_cv_heat_level(0.05), 1);
	assert_int_equal(gt_cv_heat_level(0.1499), 1);
	assert_int_equal(gt_cv_heat_level(0.15), 2);
	assert_int_equal(gt_cv_heat_level(0.2999), 2);
	assert_int_equal(gt_cv_heat_level(0.30), 3);
	assert_int_equal(gt_cv_heat_level(0.4999), 3);
	assert_int_equal(gt_cv_heat_level(0.50), 4);
	assert_int_equal(gt_cv_heat_level(1.0), 4);
}

static void test_heat_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(gt_cv_heat_level(-0.5), 0);
	assert_int_equal(gt_cv_heat_level(7.0), 4);
	assert_int_equal(gt_cv_heat_level(NAN), 0);
	assert_int_equal(gt_cv_heat_level(INFINITY), 4);
	assert_near(gt_cv_heat_floor(0), 0, 0);
	assert_near(gt_cv_heat_floor(3), 0.30, 0);
	assert_near(gt_cv_heat_floor(-1), 0, 0);
	assert_near(gt_cv_heat_floor(9), 0.50, 0);
	for (int l = 0; l < GT_CV_HEAT_LEVELS; l++)
		assert_int_equal(gt_cv_heat_level(gt_cv_heat_floor(l)), l);
}

/* Counts are scaled to the largest cell; the views use their own values. */
static void test_heat_fraction(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	study_matrix(&cm);
	assert_near(gt_cv_heat_fraction(&cm, GT_CV_COUNTS, CLAS, CLAS), 1.0, 0);
	assert_near(gt_cv_heat_fraction(&cm, GT_CV_COUNTS, RAP, HIPH), 261.0 / 675, 1e-15);
	assert_near(gt_cv_heat_fraction(&cm, GT_CV_RECALL, RAP, HIPH), 261.0 / 782, 1e-15);
	assert_near(gt_cv_heat_fraction(&cm, GT_CV_PRECISION, RAP, HIPH), 261.0 / 751, 1e-15);
	/* the study's main confusion is level 3, the easiest genre level 4 */
	assert_int_equal(gt_cv_heat_level(gt_cv_heat_fraction(&cm, GT_CV_RECALL, RAP, HIPH)), 3);
	assert_int_equal(gt_cv_heat_level(gt_cv_heat_fraction(&cm, GT_CV_RECALL, CLAS, CLAS)), 4);
	assert_int_equal(gt_cv_heat_level(gt_cv_heat_fraction(&cm, GT_CV_RECALL, CLAS, BLUE)), 0);
	gt_confusion_free(&cm);
}

/* ---- most-confused pairs ---- */

static void test_top_pairs_study(void **state)
{
	gt_confusion cm = { 0 };
	gt_cv_pair top[5];

	(void)state;
	study_matrix(&cm);
	assert_int_equal(gt_cv_top_pairs(&cm, top, 5), 5);
	assert_int_equal(top[0].t, HIPH);
	assert_int_equal(top[0].p, RAP);
	assert_int_equal(top[0].count, 350);
	assert_int_equal(top[1].t, RAP);
	assert_int_equal(top[1].p, HIPH);
	assert_int_equal(top[1].count, 261);
	/* a tie at 153: Alternative -> Country comes before Blues -> Anime */
	assert_int_equal(top[2].t, ALT);
	assert_int_equal(top[2].p, CTRY);
	assert_int_equal(top[3].t, BLUE);
	assert_int_equal(top[3].p, ANIM);
	assert_int_equal(top[3].count, 153);
	assert_int_equal(top[4].count, 151);
	gt_confusion_free(&cm);
}

static void test_top_pairs_few(void **state)
{
	gt_confusion cm = { 0 };
	gt_cv_pair top[5];

	(void)state;
	gt_confusion_init(&cm, 3);
	GT_CM(&cm, 0, 0) = 90;       /* the diagonal never counts */
	GT_CM(&cm, 1, 1) = 80;
	GT_CM(&cm, 2, 0) = 1;
	GT_CM(&cm, 0, 2) = 3;
	assert_int_equal(gt_cv_top_pairs(&cm, top, 5), 2);
	assert_int_equal(top[0].t, 0);
	assert_int_equal(top[0].p, 2);
	assert_int_equal(top[1].t, 2);
	assert_int_equal(top[1].p, 0);
	assert_int_equal(gt_cv_top_pairs(&cm, top, 0), 0);
	assert_int_equal(gt_cv_top_pairs(&cm, top, 1), 1);
	assert_int_equal(top[0].count, 3);
	gt_confusion_free(&cm);
}

static void test_pair_text(void **state)
{
	gt_confusion cm = { 0 };
	gt_cv_pair top[2];
	char buf[80];

	(void)state;
	study_matrix(&cm);
	gt_cv_top_pairs(&cm, top, 2);
	gt_cv_pair_text(buf, sizeof(buf), &cm, &study, &top[1]);
	assert_string_equal(buf, "Rap -> Hip-Hop 261 (33%)");
	gt_cv_pair_text(buf, sizeof(buf), &cm, &study, &top[0]);
	assert_string_equal(buf, "Hip-Hop -> Rap 350 (42%)");
	gt_confusion_free(&cm);
}

/* ---- texts ---- */

static void test_percent(void **state)
{
	(void)state;
	assert_int_equal(gt_cv_percent(261, 782), 33);
	assert_int_equal(gt_cv_percent(1, 200), 1);     /* 0.5% rounds up */
	assert_int_equal(gt_cv_percent(1, 201), 0);
	assert_int_equal(gt_cv_percent(5, 5), 100);
	assert_int_equal(gt_cv_percent(5, 0), 0);
}

static void test_describe(void **state)
{
	gt_confusion cm = { 0 };
	char buf[128];

	(void)state;
	study_matrix(&cm);
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_COUNTS, RAP, HIPH);
	assert_string_equal(buf, "true Rap, predicted Hip-Hop: 261, 33% of Rap");
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_RECALL, RAP, HIPH);
	assert_string_equal(buf, "true Rap, predicted Hip-Hop: 261, 33% of Rap");
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_PRECISION, RAP, HIPH);
	assert_string_equal(buf, "true Rap, predicted Hip-Hop: 261, 35% of predicted Hip-Hop");
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_COUNTS, CLAS, CLAS);
	assert_string_equal(buf, "true Classical, predicted Classical: 675, 82% of Classical (correct)");
	gt_confusion_free(&cm);
}

static void test_describe_edges(void **state)
{
	gt_confusion cm = { 0 };
	char buf[16];

	(void)state;
	gt_confusion_init(&cm, 3);
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_COUNTS, 3, 0);
	assert_string_equal(buf, "no such cell");
	gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_COUNTS, 0, -1);
	assert_string_equal(buf, "no such cell");
	/* truncated, still terminated */
	assert_true(gt_cv_describe(buf, sizeof(buf), &cm, &study, GT_CV_COUNTS, 1, 2) >= 16);
	assert_string_equal(buf, "true Anime, pre");
	gt_confusion_free(&cm);
}

static void test_cell_label(void **state)
{
	char buf[80];

	(void)state;
	gt_cv_cell_label(buf, sizeof(buf), &study, "test", RAP, HIPH);
	assert_string_equal(buf, "test rows: true Rap, predicted Hip-Hop");
	gt_cv_cell_label(buf, sizeof(buf), &study, "train", CLAS, CLAS);
	assert_string_equal(buf, "train rows: true Classical, predicted Classical");
}

/* ---- cursor and scrolling ---- */

static void test_clamp_move(void **state)
{
	(void)state;
	assert_int_equal(gt_cv_clamp_move(0, -1, 10), 0);
	assert_int_equal(gt_cv_clamp_move(0, 1, 10), 1);
	assert_int_equal(gt_cv_clamp_move(9, 1, 10), 9);
	assert_int_equal(gt_cv_clamp_move(5, 100, 10), 9);
	assert_int_equal(gt_cv_clamp_move(5, -100, 10), 0);
	assert_int_equal(gt_cv_clamp_move(3, 0, 0), 0);
	assert_int_equal(gt_cv_clamp_move(12, 0, 10), 9);  /* a stale cursor is pulled in */
}

static void test_scroll(void **state)
{
	(void)state;
	assert_int_equal(gt_cv_scroll(0, 10, 9, 10), 0);   /* everything fits */
	assert_int_equal(gt_cv_scroll(0, 4, 3, 10), 0);
	assert_int_equal(gt_cv_scroll(0, 4, 4, 10), 1);    /* one step down */
	assert_int_equal(gt_cv_scroll(1, 4, 9, 10), 6);
	assert_int_equal(gt_cv_scroll(6, 4, 7, 10), 6);    /* stays while visible */
	assert_int_equal(gt_cv_scroll(6, 4, 2, 10), 2);
	assert_int_equal(gt_cv_scroll(8, 4, 8, 10), 6);    /* no blank past the end */
	assert_int_equal(gt_cv_scroll(5, 20, 3, 10), 0);   /* window larger than n */
	assert_int_equal(gt_cv_scroll(0, 0, 3, 10), 3);    /* no room: show the cursor */
}

/* ---- rows of a cell ---- */

static void test_cell_rows(void **state)
{
	const int truth[] = { 5, 9, 5, 5, 0, 5 };
	const int pred[]  = { 9, 9, 5, 9, 9, 9 };
	const uint32_t rows[] = { 100, 101, 102, 103, 104, 105 };
	size_t out[4];

	(void)state;
	assert_int_equal(gt_cv_cell_rows(truth, pred, rows, 6, 5, 9, out, 4), 3);
	assert_int_equal(out[0], 100);
	assert_int_equal(out[1], 103);
	assert_int_equal(out[2], 105);
	assert_int_equal(gt_cv_cell_rows(truth, pred, rows, 6, 9, 5, out, 4), 0);
	/* only cap rows are written, but all are counted */
	out[1] = 7;
	assert_int_equal(gt_cv_cell_rows(truth, pred, rows, 6, 5, 9, out, 1), 3);
	assert_int_equal(out[0], 100);
	assert_int_equal(out[1], 7);
	assert_int_equal(gt_cv_cell_rows(truth, pred, rows, 6, 5, 9, NULL, 0), 3);
}

/* Two ramps: the diagonal by recall, errors by their share of the row. */
static void test_shade(void **state)
{
	gt_confusion cm = { 0 };
	gt_cv_shade s;

	(void)state;
	study_matrix(&cm);
	s = gt_cv_cell_shade(&cm, GT_CV_COUNTS, CLAS, CLAS);     /* 675 of 821: 82% */
	assert_true(s.correct);
	assert_int_equal(s.level, 3);
	s = gt_cv_cell_shade(&cm, GT_CV_COUNTS, ALT, ALT);       /* 245 of 797: 31% */
	assert_true(s.correct);
	assert_int_equal(s.level, 1);
	s = gt_cv_cell_shade(&cm, GT_CV_COUNTS, HIPH, RAP);      /* 350 of 824: 42% */
	assert_false(s.correct);
	assert_int_equal(s.level, 3);
	s = gt_cv_cell_shade(&cm, GT_CV_RECALL, RAP, HIPH);      /* 261 of 782: 33% */
	assert_int_equal(s.level, 3);
	s = gt_cv_cell_shade(&cm, GT_CV_PRECISION, RAP, HIPH);   /* 261 of 751 predicted: 35% */
	assert_int_equal(s.level, 3);
	s = gt_cv_cell_shade(&cm, GT_CV_COUNTS, ELEC, CLAS);     /* 7 of 843: under 5% */
	assert_int_equal(s.level, 0);
	assert_near(gt_cv_ok_floor(2), 0.50, 0);
	assert_near(gt_cv_ok_floor(9), 0.70, 0);
	gt_confusion_init(&cm, 3);                              /* an empty row: level 0 */
	assert_int_equal(gt_cv_cell_shade(&cm, GT_CV_COUNTS, 1, 1).level, 0);
	gt_confusion_free(&cm);
}

/* Confused pairs side by side: a permutation with Rap beside Hip-Hop and
 * Alternative beside Rock, Anime beside Blues (each pair the largest
 * confusion of one of them). */
static void test_confused_order(void **state)
{
	gt_confusion cm = { 0 };
	int order[GT_MAX_CLASSES], seen[GT_NCLASSES] = { 0 }, pos[GT_NCLASSES];

	(void)state;
	study_matrix(&cm);
	gt_cv_confused_order(&cm, order);
	for (int i = 0; i < GT_NCLASSES; i++) {
		assert_true(order[i] >= 0 && order[i] < GT_NCLASSES);
		assert_false(seen[order[i]]++);
		pos[order[i]] = i;
	}
	assert_int_equal(abs(pos[RAP] - pos[HIPH]), 1);
	assert_int_equal(abs(pos[ALT] - pos[ROCK]), 1);
	assert_int_equal(abs(pos[ANIM] - pos[BLUE]), 1);
	gt_confusion_init(&cm, 4);                  /* nothing confused: class order */
	for (int c = 0; c < 4; c++)
		GT_CM(&cm, c, c) = 5;
	GT_CM(&cm, 3, 2) = 1;                          /* but 2 and 3: they come first */
	gt_cv_confused_order(&cm, order);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 3);
	assert_int_equal(order[2], 0);
	assert_int_equal(order[3], 1);
	gt_confusion_free(&cm);
}

/* ---- the heat map ---- */

/* The shade of a cell: ' ' only when empty, '.' for any count, then by the
 * share of the row, a finer ramp for errors than for the diagonal. */
/* The legend names each character of the ramp with the share it starts at. */
static void test_hm_legend(void **state)
{
	char buf[128];

	(void)state;
	gt_hm_legend(buf, sizeof(buf), 0);
	assert_string_equal(buf, "errors, % of the row: .>0 :2 -5 =10 +15 *20 #30 %40 @50");
	gt_hm_legend(buf, sizeof(buf), 1);
	assert_string_equal(buf, "correct, recall %:    .>0 :10 -20 =30 +40 *50 #60 %70 @80");
	assert_true(gt_hm_legend(buf, 12, 0) > 12);          /* cut, the length it wanted */
	assert_int_equal(strlen(buf), 11);
}

static void test_hm_levels(void **state)
{
	(void)state;
	assert_int_equal(strlen(GT_HM_RAMP), GT_HM_LEVELS);
	assert_int_equal(gt_hm_level(0, 200, 0), 0);
	assert_int_equal(gt_hm_level(0, 0, 1), 0);
	assert_int_equal(gt_hm_level(1, 200, 0), 1);          /* 0.5%: any count shows */
	assert_int_equal(gt_hm_level(4, 200, 0), 2);          /* 2% */
	assert_int_equal(gt_hm_level(3, 200, 0), 1);          /* 1.5% */
	assert_int_equal(gt_hm_level(20, 200, 0), 4);         /* 10% */
	assert_int_equal(gt_hm_level(100, 200, 0), 9);        /* 50% */
	assert_int_equal(gt_hm_level(200, 200, 0), 9);
	assert_int_equal(gt_hm_level(4, 200, 1), 1);          /* a 2% recall is faint */
	assert_int_equal(gt_hm_level(20, 200, 1), 2);         /* 10% */
	assert_int_equal(gt_hm_level(159, 200, 1), 8);        /* 79.5% */
	assert_int_equal(gt_hm_level(160, 200, 1), 9);        /* 80% */
	assert_near(gt_hm_floor(4, 0), 0.10, 0);
	assert_near(gt_hm_floor(4, 1), 0.30, 0);
	assert_near(gt_hm_floor(99, 0), 0.50, 0);
	assert_int_equal(GT_HM_RAMP[gt_hm_level(100, 200, 0)], '@');
	assert_int_equal(GT_HM_RAMP[gt_hm_level(1, 200, 0)], '.');
}

/* The study's matrix as a heat map: Rap's row (782) has 261 Hip-Hop. */
static void test_hm_cell_and_readout(void **state)
{
	gt_confusion cm = { 0 };
	gt_heatmap hm = { 0 };
	gt_hm_shade sh;
	char buf[160];

	(void)state;
	study_matrix(&cm);
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_BY_NAME), 0);
	sh = gt_hm_cell(&hm, &cm, RAP, HIPH);                 /* 33% */
	assert_false(sh.correct);
	assert_int_equal(sh.level, 7);
	assert_int_equal(sh.color, gt_cv_cell_shade(&cm, GT_CV_RECALL, RAP, HIPH).level);
	sh = gt_hm_cell(&hm, &cm, CLAS, CLAS);                /* 82% */
	assert_true(sh.correct);
	assert_int_equal(sh.level, 9);
	assert_int_equal(sh.color, gt_cv_cell_shade(&cm, GT_CV_RECALL, CLAS, CLAS).level);
	sh = gt_hm_cell(&hm, &cm, ANIM, RAP);                 /* 0 */
	assert_int_equal(sh.level, 0);
	hm.t = RAP;
	hm.p = HIPH;
	gt_hm_readout(buf, sizeof(buf), &hm, &cm, &study);
	assert_string_equal(buf, "true Rap, predicted Hip-Hop: 261 of 782, 33.4% of Rap");
	hm.p = RAP;
	gt_hm_readout(buf, sizeof(buf), &hm, &cm, &study);
	assert_string_equal(buf, "true Rap, predicted Rap: 365 of 782, 46.7% of Rap (correct)");
	gt_hm_free(&hm);
	gt_confusion_free(&cm);
}

/* The readout fitted to a width: figures go before the true genre's name. */
static void test_hm_readout_fit(void **state)
{
	gt_confusion cm = { 0 };
	gt_heatmap hm = { 0 };
	char buf[160];
	static const struct { int cells; const char *want; } fits[] = {
		{ 200, "true Rap, predicted Hip-Hop: 261 of 782, 33.4% of Rap" },
		{ 53, "true Rap, predicted Hip-Hop: 261 of 782, 33.4% of Rap" },
		{ 52, "true Rap, predicted Hip-Hop: 261 of 782, 33.4%" },
		{ 46, "true Rap, predicted Hip-Hop: 261 of 782, 33.4%" },
		{ 45, "true Rap, predicted Hip-Hop: 261 of 782" },
		{ 30, "true Rap, predicted Hip-Hop" },
		{ 26, "true Rap" },
		{ 8, "true Rap" },
		{ 7, "true R~" },
	};

	(void)state;
	study_matrix(&cm);
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_BY_NAME), 0);
	hm.t = RAP;
	hm.p = HIPH;
	for (size_t i = 0; i < sizeof(fits) / sizeof(fits[0]); i++) {
		int len = gt_hm_readout_fit(buf, sizeof(buf), &hm, &cm, &study, fits[i].cells, "~");

		assert_string_equal(buf, fits[i].want);
		assert_int_equal(len, (int)strlen(fits[i].want));
	}
	hm.p = RAP;
	gt_hm_readout_fit(buf, sizeof(buf), &hm, &cm, &study, 50, "~");
	assert_string_equal(buf, "true Rap, predicted Rap: 365 of 782 (correct)");
	hm.t = -1;
	gt_hm_readout_fit(buf, sizeof(buf), &hm, &cm, &study, 50, "~");
	assert_string_equal(buf, "no such cell");
	gt_hm_free(&hm);
	gt_confusion_free(&cm);
}

/* The Spotify tracks table's 114 genres, as tools/mktables.py names them. */
static const char *const tracks_genres[] = {
	"acoustic", "afrobeat", "alt-rock", "alternative", "ambient", "anime", "black-metal",
	"bluegrass", "blues", "brazil", "breakbeat", "british", "cantopop", "chicago-house",
	"children", "chill", "classical", "club", "comedy", "country", "dance", "dancehall",
	"death-metal", "deep-house", "detroit-techno", "disco", "disney", "drum-and-bass", "dub",
	"dubstep", "edm", "electro", "electronic", "emo", "folk", "forro", "french", "funk",
	"garage", "german", "gospel", "goth", "grindcore", "groove", "grunge", "guitar", "happy",
	"hard-rock", "hardcore", "hardstyle", "heavy-metal", "hip-hop", "honky-tonk", "house",
	"idm", "indian", "indie-pop", "indie", "industrial", "iranian", "j-dance", "j-idol",
	"j-pop", "j-rock", "jazz", "k-pop", "kids", "latin", "latino", "malay", "mandopop",
	"metal", "metalcore", "minimal-techno", "mpb", "new-age", "opera", "pagode", "party",
	"piano", "pop-film", "pop", "power-pop", "progressive-house", "psych-rock", "punk-rock",
	"punk", "r-n-b", "reggae", "reggaeton", "rock-n-roll", "rock", "rockabilly", "romance",
	"sad", "salsa", "samba", "sertanejo", "show-tunes", "singer-songwriter", "ska", "sleep",
	"songwriter", "soul", "spanish", "study", "swedish", "synth-pop", "tango", "techno",
	"trance", "trip-hop", "turkish", "world-music",
};

/* Row labels: a name that fits as it is, a cut one marked at its words,
 * and names that start alike told apart. */
static void test_labels(void **state)
{
	static const char *const names[] = {
		"acoustic", "chicago-house", "progressive-house", "progressive-techno",
		"progressive-trance", "same-start-x-long-tail", "same-start-y-long-tail",
	};
	gt_genres g;
	char buf[96];

	(void)state;
	assert_int_equal(gt_genres_set(&g, names, 7), 0);
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 0, 9, "~"), "acoustic");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 0, 8, "~"), "acoustic");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 0, 7, "~"), "acoust~");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 1, 9, "\u2026"), "chi\u2026house");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 1, 8, "\u2026"), "chicago\u2026");
	/* progressive-: cut at the words, each keeping its last whole */
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 2, 9, "~"), "pro~house");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 3, 9, "~"), "pr~techno");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 4, 9, "~"), "pr~trance");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 2, 14, "~"), "progress~house");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 3, 14, "~"), "progres~techno");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 4, 14, "~"), "progres~trance");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 4, 18, "~"), "progressive-trance");
	/* alike but in the middle: the start, the middle that differs, the end */
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 5, 9, "~"), "sa~x~tail");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 6, 9, "~"), "sa~y~tail");
	/* ... and in more cells the start reaches it */
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 5, 14, "~"), "same-start-x~");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 5, 20, "~"), "same-sta~x-long-tail");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 0, 1, "~"), "~");
	assert_string_equal(gt_cv_label(buf, sizeof(buf), &g, 0, 0, "~"), "");
	assert_string_equal(gt_cv_label(buf, 4, &g, 1, 9, "~"), "chi");   /* cut to the buffer */
}

/* Every label of the 114 genres fits its cells and none looks like
 * another; in UTF-8 a label counts characters, never cutting one. */
static void test_labels_tracks(void **state)
{
	static const char *const accented[] = { "forr\u00f3-brasileiro", "forr\u00f3-brasile\u00f1o" };
	int k = (int)(sizeof(tracks_genres) / sizeof(tracks_genres[0]));
	gt_genres g;
	char a[96], b[96];

	(void)state;
	assert_int_equal(gt_genres_set(&g, tracks_genres, k), 0);
	for (int cells = 6; cells <= 20; cells++)
		for (int i = 0; i < k; i++) {
			gt_cv_label(a, sizeof(a), &g, i, cells, "~");
			assert_true((int)strlen(a) <= cells);
			for (int j = i + 1; j < k; j++)
				if (strcmp(a, gt_cv_label(b, sizeof(b), &g, j, cells, "~")) == 0)
					fail_msg("%s and %s are both %s in %d cells", tracks_genres[i],
					         tracks_genres[j], a, cells);
		}
	assert_non_null(setlocale(LC_CTYPE, "C.UTF-8"));
	assert_int_equal(gt_genres_set(&g, accented, 2), 0);
	assert_string_equal(gt_cv_label(a, sizeof(a), &g, 0, 9, "\u2026"), "forr\u00f3\u2026iro");
	assert_string_equal(gt_cv_label(a, sizeof(a), &g, 1, 9, "\u2026"), "forr\u00f3\u2026e\u00f1o");
	assert_int_equal(gt_text_width(a), 9);
	assert_string_equal(gt_cv_label(a, sizeof(a), &g, 1, 6, "\u2026"), "for\u2026\u00f1o");
	assert_string_equal(gt_cv_label(a, sizeof(a), &g, 1, 14, "\u2026"), "forr\u2026brasile\u00f1o");
	assert_int_equal(gt_text_width(a), 14);
	setlocale(LC_CTYPE, "C");
}

/* k classes in blocks of b, interleaved in class order (class c in block
 * c % nb): rows confuse within their block only, some more than others. */
static void block_matrix(gt_confusion *cm, int k, int nb)
{
	gt_confusion_init(cm, k);
	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++)
			if (t == p)
				GT_CM(cm, t, p) = 50;
			else if (t % nb == p % nb)
				GT_CM(cm, t, p) = 5 + (t + p) % 7;
}

/* Is each block's members' positions one run of consecutive positions? */
static void assert_blocks_together(const int *order, int k, int nb)
{
	for (int b = 0; b < nb; b++) {
		int first = -1, last = -1, n = 0;

		for (int i = 0; i < k; i++)
			if (order[i] % nb == b) {
				first = first < 0 ? i : first;
				last = i;
				n++;
			}
		assert_int_equal(last - first + 1, n);
	}
}

static void test_hm_grouped_order(void **state)
{
	gt_confusion cm = { 0 };
	int order[114], again[114], seen[114] = { 0 };

	(void)state;
	block_matrix(&cm, 12, 3);
	assert_int_equal(gt_cv_grouped_order(&cm, order), 0);
	assert_blocks_together(order, 12, 3);
	block_matrix(&cm, 114, 19);               /* 19 blocks of 6 */
	assert_int_equal(gt_cv_grouped_order(&cm, order), 0);
	assert_blocks_together(order, 114, 19);
	for (int i = 0; i < 114; i++)
		seen[order[i]]++;
	for (int c = 0; c < 114; c++)
		assert_int_equal(seen[c], 1);         /* a permutation */
	assert_int_equal(gt_cv_grouped_order(&cm, again), 0);
	assert_memory_equal(order, again, sizeof(order));   /* deterministic */
	/* unconfused genres keep the class order; Rap and Hip-Hop sit together */
	gt_confusion_init(&cm, 5);
	for (int c = 0; c < 5; c++)
		GT_CM(&cm, c, c) = 9;
	GT_CM(&cm, 4, 1) = 3;
	assert_int_equal(gt_cv_grouped_order(&cm, order), 0);
	assert_int_equal(order[0], 0);
	assert_true((order[1] == 1 && order[2] == 4) || (order[1] == 4 && order[2] == 1));
	assert_int_equal(order[3], 2);
	assert_int_equal(order[4], 3);
	study_matrix(&cm);
	assert_int_equal(gt_cv_grouped_order(&cm, order), 0);
	for (int i = 0; i < GT_NCLASSES; i++)
		if (order[i] == RAP)
			assert_true((i > 0 && order[i - 1] == HIPH) ||
			            (i + 1 < GT_NCLASSES && order[i + 1] == HIPH));
	gt_confusion_free(&cm);
}

/* By name is the class order; grouped moves the rows but the cursor stays
 * on its cell. */
static void test_hm_update_orders(void **state)
{
	gt_confusion cm = { 0 };
	gt_heatmap hm = { 0 };

	(void)state;
	block_matrix(&cm, 12, 3);
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_BY_NAME), 0);
	for (int i = 0; i < 12; i++) {
		assert_int_equal(hm.ord[i], i);
		assert_int_equal(hm.pos[i], i);
	}
	hm.t = 4;
	hm.p = 7;
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_GROUPED), 0);
	assert_blocks_together(hm.ord, 12, 3);
	for (int i = 0; i < 12; i++)
		assert_int_equal(hm.pos[hm.ord[i]], i);
	assert_int_equal(hm.t, 4);
	assert_int_equal(hm.p, 7);
	assert_string_equal(gt_hm_order_name(GT_HM_GROUPED), "grouped");
	assert_string_equal(gt_hm_order_name(GT_HM_BY_NAME), "by name");
	gt_confusion_init(&cm, 3);                /* fewer classes: the cursor follows */
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_BY_NAME), 0);
	assert_int_equal(hm.k, 3);
	assert_int_equal(hm.t, 2);
	assert_int_equal(hm.p, 2);
	gt_hm_free(&hm);
	gt_confusion_free(&cm);
}

/* The cursor moves by display positions and never leaves the matrix; the
 * viewport follows it, scrolling as little as it can. */
static void test_hm_cursor_viewport(void **state)
{
	gt_confusion cm = { 0 };
	gt_heatmap hm = { 0 };

	(void)state;
	block_matrix(&cm, 114, 19);
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_BY_NAME), 0);
	gt_hm_viewport(&hm, 20, 60);
	assert_int_equal(hm.rows, 20);
	assert_int_equal(hm.cols, 60);
	assert_int_equal(hm.top, 0);
	gt_hm_move(&hm, -1, -1);                  /* clamped at the top left */
	assert_int_equal(hm.t, 0);
	assert_int_equal(hm.p, 0);
	gt_hm_move(&hm, 20, 0);                   /* a page down: the view scrolls one */
	gt_hm_viewport(&hm, 20, 60);
	assert_int_equal(hm.t, 20);
	assert_int_equal(hm.top, 1);
	gt_hm_move(&hm, 1000, 1000);
	gt_hm_viewport(&hm, 20, 60);
	assert_int_equal(hm.t, 113);
	assert_int_equal(hm.p, 113);
	assert_int_equal(hm.top, 94);
	assert_int_equal(hm.left, 54);
	gt_hm_goto(&hm, 0, GT_HM_KEEP);           /* Home */
	gt_hm_viewport(&hm, 20, 60);
	assert_int_equal(hm.t, 0);
	assert_int_equal(hm.p, 113);
	assert_int_equal(hm.top, 0);
	gt_hm_goto(&hm, GT_HM_KEEP, INT_MAX - 1);
	assert_int_equal(hm.p, 113);
	gt_hm_goto(&hm, INT_MAX - 1, 0);
	assert_int_equal(hm.t, 113);
	assert_int_equal(hm.p, 0);
	gt_hm_viewport(&hm, 500, 0);              /* more room than classes; none */
	assert_int_equal(hm.rows, 114);
	assert_int_equal(hm.cols, 1);
	assert_int_equal(hm.top, 0);
	assert_int_equal(hm.left, 0);
	assert_int_equal(gt_hm_update(&hm, &cm, GT_HM_GROUPED), 0);   /* by position */
	gt_hm_goto(&hm, 0, 0);
	assert_int_equal(hm.t, hm.ord[0]);
	gt_hm_move(&hm, 1, 2);
	assert_int_equal(hm.t, hm.ord[1]);
	assert_int_equal(hm.p, hm.ord[2]);
	gt_hm_free(&hm);
	gt_confusion_free(&cm);
}

/* The report's rows: present genres only, by F1 or support, ties in class
 * order. */
static void test_report_sort(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;
	int idx[GT_NCLASSES], n;

	(void)state;
	study_matrix(&cm);
	gt_report_compute(&r, &cm);
	n = gt_report_order(&r, GT_RS_GENRE, idx);
	assert_int_equal(n, GT_NCLASSES);
	for (int i = 0; i < n; i++)
		assert_int_equal(idx[i], i);
	n = gt_report_order(&r, GT_RS_F1, idx);
	assert_int_equal(idx[0], CLAS);           /* the study's best */
	assert_int_equal(idx[n - 1], ALT);        /* and worst */
	for (int i = 1; i < n; i++)
		assert_true(r.f1[idx[i - 1]] >= r.f1[idx[i]]);
	n = gt_report_order(&r, GT_RS_SUPPORT, idx);
	assert_int_equal(idx[0], ELEC);           /* 843 */
	assert_int_equal(idx[n - 2], JAZZ);       /* 782, before Rap's 782: class order */
	assert_int_equal(idx[n - 1], RAP);
	for (int i = 1; i < n; i++)
		assert_true(r.support[idx[i - 1]] >= r.support[idx[i]]);
	gt_confusion_init(&cm, 3);                /* class 1 neither true nor predicted */
	GT_CM(&cm, 0, 0) = 2;
	GT_CM(&cm, 2, 0) = 1;
	gt_report_compute(&r, &cm);
	n = gt_report_order(&r, GT_RS_SUPPORT, idx);
	assert_int_equal(n, 2);
	assert_int_equal(idx[0], 0);
	assert_int_equal(idx[1], 2);
	assert_string_equal(gt_report_sort_name(GT_RS_F1), "F1");
	assert_string_equal(gt_report_sort_name(GT_RS_NKEYS), "?");
	gt_confusion_free(&cm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short_names),
		cmocka_unit_test(test_view_names),
		cmocka_unit_test(test_totals),
		cmocka_unit_test(test_values_counts),
		cmocka_unit_test(test_values_recall_rows_sum_to_one),
		cmocka_unit_test(test_values_precision_columns_sum_to_one),
		cmocka_unit_test(test_values_zero_totals),
		cmocka_unit_test(test_values_empty_matrix),
		cmocka_unit_test(test_classes_clamped),
		cmocka_unit_test(test_heat_thresholds),
		cmocka_unit_test(test_shade),
		cmocka_unit_test(test_confused_order),
		cmocka_unit_test(test_heat_out_of_range),
		cmocka_unit_test(test_heat_fraction),
		cmocka_unit_test(test_top_pairs_study),
		cmocka_unit_test(test_top_pairs_few),
		cmocka_unit_test(test_pair_text),
		cmocka_unit_test(test_percent),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_describe_edges),
		cmocka_unit_test(test_cell_label),
		cmocka_unit_test(test_clamp_move),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_cell_rows),
		cmocka_unit_test(test_hm_levels),
		cmocka_unit_test(test_hm_legend),
		cmocka_unit_test(test_hm_cell_and_readout),
		cmocka_unit_test(test_hm_readout_fit),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_labels_tracks),
		cmocka_unit_test(test_hm_grouped_order),
		cmocka_unit_test(test_hm_update_orders),
		cmocka_unit_test(test_hm_cursor_viewport),
		cmocka_unit_test(test_report_sort),
	};

	gt_genres_study(&study);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
