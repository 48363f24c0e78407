/* test_metrics.c: confusion matrix and classification report.
 *
 * The expected report and matrix texts below were produced by Debian's
 * Python 3 with scikit-learn 1.2.1 and numpy 1.24.2, e.g.
 *   classification_report(y_true, y_pred, labels=[0, 1, 2],
 *                         target_names=["rock", "jazz", "classical"],
 *                         digits=2)
 *   str(confusion_matrix(y_true, y_pred)) + "\n"
 * and pasted verbatim, so a mismatch is a layout or rounding difference
 * from the Python tools. */
#define _POSIX_C_SOURCE 200809L /* open_memstream */

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "genretui/metrics.h"

/* ---- Reference text from scikit-learn / numpy ---------------------- */

static const char sk_cm3_d2[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"        rock       0.60      0.75      0.67         4\n"
	"        jazz       0.00      0.00      0.00         3\n"
	"   classical       0.00      0.00      0.00         0\n"
	"\n"
	"    accuracy                           0.43         7\n"
	"   macro avg       0.20      0.25      0.22         7\n"
	"weighted avg       0.34      0.43      0.38         7\n";

static const char sk_cm3_d4[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"        rock     0.6000    0.7500    0.6667         4\n"
	"        jazz     0.0000    0.0000    0.0000         3\n"
	"   classical     0.0000    0.0000    0.0000         0\n"
	"\n"
	"    accuracy                         0.4286         7\n"
	"   macro avg     0.2000    0.2500    0.2222         7\n"
	"weighted avg     0.3429    0.4286    0.3810         7\n";

static const char sk_cm3_numbers_d2[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"           0       0.60      0.75      0.67         4\n"
	"           1       0.00      0.00      0.00         3\n"
	"           2       0.00      0.00      0.00         0\n"
	"\n"
	"    accuracy                           0.43         7\n"
	"   macro avg       0.20      0.25      0.22         7\n"
	"weighted avg       0.34      0.43      0.38         7\n";

static const char sk_cm3_long_d3[] =
	"                       precision    recall  f1-score   support\n"
	"\n"
	"                 rock      0.600     0.750     0.667         4\n"
	"                 jazz      0.000     0.000     0.000         3\n"
	"progressive-metalcore      0.000     0.000     0.000         0\n"
	"\n"
	"             accuracy                          0.429         7\n"
	"            macro avg      0.200     0.250     0.222         7\n"
	"         weighted avg      0.343     0.429     0.381         7\n";

static const char sk_cm3_d14[] =
	"                precision    recall  f1-score   support\n"
	"\n"
	"          rock  0.60000000000000 0.75000000000000 0.66666666666667         4\n"
	"          jazz  0.00000000000000 0.00000000000000 0.00000000000000         3\n"
	"     classical  0.00000000000000 0.00000000000000 0.00000000000000         0\n"
	"\n"
	"      accuracy                      0.42857142857143         7\n"
	"     macro avg  0.20000000000000 0.25000000000000 0.22222222222222         7\n"
	"  weighted avg  0.34285714285714 0.42857142857143 0.38095238095238         7\n";

static const char sk_cm10_d2[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"       blues       0.56      0.57      0.57        86\n"
	"   classical       0.70      0.55      0.61       106\n"
	"     country       0.56      0.73      0.64        90\n"
	"       disco       0.65      0.70      0.67       104\n"
	"      hiphop       0.00      0.00      0.00        95\n"
	"        jazz       0.35      0.71      0.47       101\n"
	"       metal       0.55      0.52      0.54        84\n"
	"         pop       0.62      0.67      0.65       110\n"
	"      reggae       0.64      0.55      0.59       117\n"
	"        rock       0.62      0.57      0.59       104\n"
	"\n"
	"    accuracy                           0.56       997\n"
	"   macro avg       0.53      0.56      0.53       997\n"
	"weighted avg       0.53      0.56      0.54       997\n";

static const char sk_cm10_d4[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"       blues     0.5632    0.5698    0.5665        86\n"
	"   classical     0.6988    0.5472    0.6138       106\n"
	"     country     0.5641    0.7333    0.6377        90\n"
	"       disco     0.6460    0.7019    0.6728       104\n"
	"      hiphop     0.0000    0.0000    0.0000        95\n"
	"        jazz     0.3547    0.7129    0.4737       101\n"
	"       metal     0.5500    0.5238    0.5366        84\n"
	"         pop     0.6218    0.6727    0.6463       110\n"
	"      reggae     0.6400    0.5470    0.5899       117\n"
	"        rock     0.6211    0.5673    0.5930       104\n"
	"\n"
	"    accuracy                         0.5607       997\n"
	"   macro avg     0.5260    0.5576    0.5330       997\n"
	"weighted avg     0.5320    0.5607    0.5374       997\n";

static const char np_cm10[] =
	"[[49  1 10  3  0  7  5  3  4  4]\n"
	" [11 58 11  5  0  5  6  3  5  2]\n"
	" [ 3  3 66  2  0  5  4  3  1  3]\n"
	" [ 1  0  4 73  0  8  4  5  6  3]\n"
	" [ 5  4  4  5  0 60  4  5  4  4]\n"
	" [ 1  4  6  5  0 72  0  3  6  4]\n"
	" [ 5  5  3  4  0  9 44  8  0  6]\n"
	" [ 5  2  4  6  0  9  3 74  4  3]\n"
	" [ 5  2  7  4  0 13  7  8 64  7]\n"
	" [ 2  4  2  6  0 15  3  7  6 59]]\n";

static const char sk_tie_d0[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"           a          0         1         0         1\n"
	"           b          1         0         0         9\n"
	"\n"
	"    accuracy                              0        10\n"
	"   macro avg          1         1         0        10\n"
	"weighted avg          1         0         0        10\n";

static const char sk_tie_d1[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"           a        0.1       1.0       0.2         1\n"
	"           b        1.0       0.2       0.4         9\n"
	"\n"
	"    accuracy                            0.3        10\n"
	"   macro avg        0.6       0.6       0.3        10\n"
	"weighted avg        0.9       0.3       0.3        10\n";

static const char sk_tie_d2[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"           a       0.12      1.00      0.22         1\n"
	"           b       1.00      0.22      0.36         9\n"
	"\n"
	"    accuracy                           0.30        10\n"
	"   macro avg       0.56      0.61      0.29        10\n"
	"weighted avg       0.91      0.30      0.35        10\n";

static const char sk_k1[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"        solo       1.00      1.00      1.00         5\n"
	"\n"
	"    accuracy                           1.00         5\n"
	"   macro avg       1.00      1.00      1.00         5\n"
	"weighted avg       1.00      1.00      1.00         5\n";

static const char np_mixed[] =
	"[[ 469   77  107]\n"
	" [  53  520    5]\n"
	" [   0    1 1234]]\n";

static const char np_cm3[] =
	"[[3 0 1]\n"
	" [2 0 1]\n"
	" [0 0 0]]\n";

static const char fmt_empty_d2[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"           0       0.00      0.00      0.00         0\n"
	"           1       0.00      0.00      0.00         0\n"
	"\n"
	"    accuracy                           0.00         0\n"
	"   macro avg       0.00      0.00      0.00         0\n"
	"weighted avg       0.00      0.00      0.00         0\n";

/* ---- Fixtures -------------------------------------------------------- */

/* The hand-worked 3-class example, as (truth, predicted) pairs:
 *            predicted
 *             0  1  2
 *   truth 0 [ 3  0  1 ]   support 4
 *         1 [ 2  0  1 ]   support 3; class 1 is never predicted
 *         2 [ 0  0  0 ]   support 0, yet predicted twice */
static const int cm3_truth[] = { 0, 0, 0, 0, 1, 1, 1 };
static const int cm3_pred[] = { 0, 0, 0, 2, 0, 0, 2 };
static const char *const cm3_names[] = { "rock", "jazz", "classical" };

static void build_cm3(gt_confusion *cm)
{
	gt_confusion_from_labels(cm, 3, cm3_truth, cm3_pred,
	                         sizeof(cm3_truth) / sizeof(cm3_truth[0]));
}

/* A 10-genre matrix from random labels (seeded numpy draw, 997 samples)
 * in which class 4 (hiphop) is never predicted. Row-major [true][pred]. */
static const long cm10_cells[100] = {
	49,  1, 10,  3, 0,  7,  5,  3,  4,  4,
	11, 58, 11,  5, 0,  5,  6,  3,  5,  2,
	 3,  3, 66,  2, 0,  5,  4,  3,  1,  3,
	 1,  0,  4, 73, 0,  8,  4,  5,  6,  3,
	 5,  4,  4,  5, 0, 60,  4,  5,  4,  4,
	 1,  4,  6,  5, 0, 72,  0,  3,  6,  4,
	 5,  5,  3,  4, 0,  9, 44,  8,  0,  6,
	 5,  2,  4,  6, 0,  9,  3, 74,  4,  3,
	 5,  2,  7,  4, 0, 13,  7,  8, 64,  7,
	 2,  4,  2,  6, 0, 15,  3,  7,  6, 59,
};
static const char *const cm10_names[] = {
	"blues", "classical", "country", "disco", "hiphop",
	"jazz", "metal", "pop", "reggae", "rock",
};

/* Fill a k x k matrix from row-major counts, one gt_confusion_add each. */
static void build_from_cells(gt_confusion *cm, int k, const long *cells)
{
	gt_confusion_init(cm, k);
	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++)
			for (long n = 0; n < cells[t * k + p]; n++)
				gt_confusion_add(cm, t, p);
}

/* ---- Helpers --------------------------------------------------------- */

#define EPS 1e-12

static void assert_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS))
		fail_msg("got %.17g, want %.17g", got, want);
}

/* What gt_report_print writes, as a malloc'd string. */
static char *report_text(const gt_confusion *cm, const char *const *names,
                         int digits)
{
	gt_report r;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	gt_report_compute(&r, cm);
	gt_report_print(f, &r, names, digits);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static char *matrix_text(const gt_confusion *cm)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	gt_confusion_print(f, cm);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void assert_report(const gt_confusion *cm, const char *const *names,
                          int digits, const char *want)
{
	char *got = report_text(cm, names, digits);

	assert_string_equal(got, want);
	free(got);
}

static void assert_matrix(const gt_confusion *cm, const char *want)
{
	char *got = matrix_text(cm);

	assert_string_equal(got, want);
	free(got);
}

/* ---- Counting -------------------------------------------------------- */

static void test_from_labels_counts_true_by_predicted(void **state)
{
	static const long want[3][3] = { { 3, 0, 1 }, { 2, 0, 1 }, { 0, 0, 0 } };
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_int_equal(cm.k, 3);
	for (int t = 0; t < 3; t++)
		for (int p = 0; p < 3; p++)
			assert_int_equal(GT_CM(&cm, t, p), want[t][p]);
	gt_confusion_free(&cm);
}

static void test_init_clears_previous_counts(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	gt_confusion_init(&cm, 2);
	assert_int_equal(cm.k, 2);
	for (int t = 0; t < cm.k; t++)
		for (int p = 0; p < cm.k; p++)
			assert_int_equal(GT_CM(&cm, t, p), 0);
	gt_confusion_free(&cm);
}

/* 114 classes (the Spotify tracks table's genres): the matrix is sized by
 * k, grows and shrinks in place, copies deeply; the report covers all. */
static void test_114_classes(void **state)
{
	enum { K = 114, N = 114 * 20 };
	static int truth[N], pred[N];
	gt_confusion cm = { 0 }, copy = { 0 };
	static gt_report r;

	(void)state;
	for (int i = 0; i < N; i++) {
		truth[i] = i % K;
		pred[i] = i % 5 == 0 ? (i + 1) % K : i % K;   /* one in five goes next door */
	}
	gt_confusion_from_labels(&cm, K, truth, pred, N);
	assert_int_equal(cm.k, K);
	assert_int_equal(GT_CM(&cm, 0, 0) + GT_CM(&cm, 0, 1), 20);
	assert_int_equal(GT_CM(&cm, 113, 0) + GT_CM(&cm, 113, 113), 20);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.k, K);
	assert_int_equal(r.total, N);
	assert_int_equal(r.npresent, K);
	assert_near(r.accuracy, 0.8);
	assert_int_equal(gt_confusion_copy(&copy, &cm), 0);
	assert_int_equal(copy.k, K);
	assert_memory_equal(copy.cell, cm.cell, (size_t)K * K * sizeof(long));
	assert_true(copy.cell != cm.cell);
	gt_confusion_add(&copy, 5, 7);
	assert_int_equal(GT_CM(&cm, 5, 7), 0);
	assert_int_equal(gt_confusion_init(&cm, 3), 0);       /* smaller: in place */
	assert_int_equal(cm.cap, K);
	gt_confusion_add(&cm, 2, 1);
	assert_int_equal(GT_CM(&cm, 2, 1), 1);
	assert_int_equal(gt_confusion_init(&cm, GT_MAX_CLASSES), 0);
	gt_confusion_add(&cm, 255, 254);
	assert_int_equal(GT_CM(&cm, 255, 254), 1);
	assert_int_equal(gt_confusion_init(&cm, GT_MAX_CLASSES + 1), 0);   /* out of range */
	assert_int_equal(cm.k, 0);
	gt_confusion_add(&cm, 0, 0);
	gt_confusion_free(&cm);
	gt_confusion_free(&copy);
	assert_null(cm.cell);
}

static void test_add_ignores_out_of_range_labels(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	gt_confusion_init(&cm, 3);
	gt_confusion_add(&cm, -1, 0);
	gt_confusion_add(&cm, 0, -1);
	gt_confusion_add(&cm, 3, 0);
	gt_confusion_add(&cm, 0, 3);
	gt_confusion_add(&cm, GT_MAX_CLASSES, GT_MAX_CLASSES);
	gt_confusion_add(&cm, 2, 1);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 1);
	assert_int_equal(GT_CM(&cm, 2, 1), 1);
	assert_int_equal(GT_CM(&cm, 0, 0), 0);
	gt_confusion_free(&cm);
}

static void test_from_labels_skips_out_of_range_pairs(void **state)
{
	static const int truth[] = { 0, 5, 1, -2, 1 };
	static const int pred[] = { 0, 0, 7, 1, 1 };
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	gt_confusion_from_labels(&cm, 2, truth, pred, 5);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 2);
	assert_int_equal(GT_CM(&cm, 0, 0), 1);
	assert_int_equal(GT_CM(&cm, 1, 1), 1);
	gt_confusion_free(&cm);
}

/* Out-of-contract k gives an empty 0-class matrix that counts nothing. */
static void test_init_rejects_bad_class_count(void **state)
{
	static const int bad[] = { 0, -1, GT_MAX_CLASSES + 1 };
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		gt_confusion_init(&cm, bad[i]);
		assert_int_equal(cm.k, 0);
		gt_confusion_add(&cm, 0, 0);
		gt_report_compute(&r, &cm);
		assert_int_equal(r.k, 0);
		assert_int_equal(r.total, 0);
		assert_near(r.macro_f1, 0.0);
		assert_matrix(&cm, "[]\n");
	}
	gt_confusion_free(&cm);
}

/* ---- Scores ---------------------------------------------------------- */

/* Class 0: tp 3, predicted 5, support 4: P 3/5, R 3/4, F1 0.9/1.35 = 2/3.
 * Class 1: never predicted: P 0 (zero_division), R 0/3, F1 0.
 * Class 2: predicted twice, never right, support 0: P 0/2, R 0, F1 0. */
static void test_hand_worked_per_class(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	build_cm3(&cm);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.k, 3);
	assert_near(r.precision[0], 0.6);
	assert_near(r.recall[0], 0.75);
	assert_near(r.f1[0], 2.0 / 3.0);
	for (int c = 1; c < 3; c++) {
		assert_true(r.precision[c] == 0.0);
		assert_true(r.recall[c] == 0.0);
		assert_true(r.f1[c] == 0.0);
	}
	assert_int_equal(r.support[0], 4);
	assert_int_equal(r.support[1], 3);
	assert_int_equal(r.support[2], 0);
	gt_confusion_free(&cm);
}

/* total 7, trace 3. Macro divides by all 3 classes, zero support included:
 * P 0.6/3, R 0.75/3, F1 (2/3)/3. Weighted by support 4, 3, 0 over 7:
 * P 2.4/7, R 3/7, F1 (8/3)/7 = 8/21. */
static void test_hand_worked_averages(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	build_cm3(&cm);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 7);
	assert_near(r.accuracy, 3.0 / 7.0);
	assert_near(r.macro_precision, 0.2);
	assert_near(r.macro_recall, 0.25);
	assert_near(r.macro_f1, 2.0 / 9.0);
	assert_near(r.weighted_precision, 2.4 / 7.0);
	assert_near(r.weighted_recall, 3.0 / 7.0);
	assert_near(r.weighted_f1, 8.0 / 21.0);
	gt_confusion_free(&cm);
}

/* The full-precision values scikit-learn returns for cm10 (hex floats
 * from float.hex()). They agree bit for bit at present; the tiny tolerance
 * allows for numpy's pairwise summation order differing from ours. */
static void test_ten_classes_match_sklearn_values(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	build_from_cells(&cm, 10, cm10_cells);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 997);
	assert_near(r.accuracy, 0x1.1f11b7973cdacp-1);
	assert_near(r.f1[5], 0x1.e50d79435e50dp-2);
	assert_near(r.macro_precision, 0x1.0d4c22f5cb52dp-1);
	assert_near(r.macro_recall, 0x1.1d7cac175eb08p-1);
	assert_near(r.macro_f1, 0x1.10e6c7e6d89b7p-1);
	assert_near(r.weighted_precision, 0x1.105c78c833411p-1);
	assert_near(r.weighted_recall, 0x1.1f11b7973cdacp-1);
	assert_near(r.weighted_f1, 0x1.132b58c553152p-1);
	gt_confusion_free(&cm);
}

static void test_single_class(void **state)
{
	static const int labels[] = { 0, 0, 0, 0, 0, 1, -1 };
	static const char *const names[] = { "solo" };
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	gt_confusion_from_labels(&cm, 1, labels, labels, 7);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 5);
	assert_near(r.accuracy, 1.0);
	assert_near(r.f1[0], 1.0);
	assert_near(r.weighted_f1, 1.0);
	assert_report(&cm, names, 2, sk_k1);
	assert_matrix(&cm, "[[5]]\n");
	gt_confusion_free(&cm);
}

/* A class neither true nor predicted (a genre whose rows were all
 * dropped) is left out as scikit-learn 1.2's classification_report leaves
 * it: no row, not in the macro average. Expected text and values printed
 * by classification_report([0,0,0,2,2,0,2], [0,2,0,2,0,0,2],
 * target_names=["Alpha", "Gamma"], digits=4) and float.hex() of
 * precision_recall_fscore_support(..., average="macro"). */
static const char sk_absent_d4[] =
	"              precision    recall  f1-score   support\n"
	"\n"
	"       Alpha     0.7500    0.7500    0.7500         4\n"
	"       Gamma     0.6667    0.6667    0.6667         3\n"
	"\n"
	"    accuracy                         0.7143         7\n"
	"   macro avg     0.7083    0.7083    0.7083         7\n"
	"weighted avg     0.7143    0.7143    0.7143         7\n";

static void test_absent_class_left_out(void **state)
{
	static const int truth[] = { 0, 0, 0, 2, 2, 0, 2 };
	static const int pred[] = { 0, 2, 0, 2, 0, 0, 2 };
	static const char *const names[] = { "Alpha", "A much longer absent name", "Gamma" };
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	gt_confusion_from_labels(&cm, 3, truth, pred, 7);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.npresent, 2);
	assert_false(r.present[1]);
	assert_near(r.macro_precision, 0x1.6aaaaaaaaaaaap-1);
	assert_near(r.macro_recall, 0x1.6aaaaaaaaaaaap-1);
	assert_near(r.macro_f1, 0x1.6aaaaaaaaaaaap-1);
	assert_report(&cm, names, 4, sk_absent_d4);
	/* predicted once but never true: present, as in sklearn */
	gt_confusion_add(&cm, 0, 1);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.npresent, 3);
	gt_confusion_free(&cm);
}

static void assert_not_nan(const gt_report *r)
{
	const double all[] = {
		r->accuracy, r->macro_precision, r->macro_recall, r->macro_f1,
		r->weighted_precision, r->weighted_recall, r->weighted_f1,
		r->precision[0], r->recall[0], r->f1[0],
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		assert_false(isnan(all[i]));
		assert_true(all[i] == 0.0);
	}
}

/* No samples: everything 0, nothing divided by zero. */
static void test_empty_matrix(void **state)
{
	gt_confusion cm = { 0 };
	gt_report r;

	(void)state;
	gt_confusion_from_labels(&cm, 2, NULL, NULL, 0);
	gt_report_compute(&r, &cm);
	assert_int_equal(r.total, 0);
	assert_not_nan(&r);
	assert_report(&cm, NULL, 2, fmt_empty_d2);
	assert_matrix(&cm, "[[0 0]\n [0 0]]\n");
	gt_confusion_free(&cm);
}

/* ---- Report text ----------------------------------------------------- */

static void test_report_hand_worked_digits_2(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_report(&cm, cm3_names, 2, sk_cm3_d2);
	gt_confusion_free(&cm);
}

static void test_report_hand_worked_digits_4(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_report(&cm, cm3_names, 4, sk_cm3_d4);
	gt_confusion_free(&cm);
}

/* NULL names: classes are named by number, as sklearn without names. */
static void test_report_numbers_as_names(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_report(&cm, NULL, 2, sk_cm3_numbers_d2);
	gt_confusion_free(&cm);
}

/* A name longer than "weighted avg" widens the name column. */
static void test_report_long_name_widens(void **state)
{
	static const char *const names[] = {
		"rock", "jazz", "progressive-metalcore",
	};
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_report(&cm, names, 3, sk_cm3_long_d3);
	gt_confusion_free(&cm);
}

/* digits above 12 widen the name column and overflow the 9-wide cells. */
static void test_report_many_digits(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_report(&cm, cm3_names, 14, sk_cm3_d14);
	gt_confusion_free(&cm);
}

/* P(a) = 1/8 and macro P = 0.5625 are exact binary ties: both printf and
 * Python round them half-to-even ("0.12", "0.1", "1"). */
static void test_report_rounding_ties(void **state)
{
	static const long cells[4] = { 1, 0, 7, 2 };
	static const char *const names[] = { "a", "b" };
	gt_confusion cm = { 0 };

	(void)state;
	build_from_cells(&cm, 2, cells);
	assert_report(&cm, names, 2, sk_tie_d2);
	assert_report(&cm, names, 1, sk_tie_d1);
	assert_report(&cm, names, 0, sk_tie_d0);
	gt_confusion_free(&cm);
}

static void test_report_ten_genres(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_from_cells(&cm, 10, cm10_cells);
	assert_report(&cm, cm10_names, 2, sk_cm10_d2);
	assert_report(&cm, cm10_names, 4, sk_cm10_d4);
	gt_confusion_free(&cm);
}

/* ---- Matrix text ----------------------------------------------------- */

static void test_matrix_mixed_widths(void **state)
{
	static const long cells[9] = { 469, 77, 107, 53, 520, 5, 0, 1, 1234 };
	gt_confusion cm = { 0 };

	(void)state;
	build_from_cells(&cm, 3, cells);
	assert_matrix(&cm, np_mixed);
	gt_confusion_free(&cm);
}

static void test_matrix_hand_worked(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_cm3(&cm);
	assert_matrix(&cm, np_cm3);
	gt_confusion_free(&cm);
}

static void test_matrix_ten_genres(void **state)
{
	gt_confusion cm = { 0 };

	(void)state;
	build_from_cells(&cm, 10, cm10_cells);
	assert_matrix(&cm, np_cm10);
	gt_confusion_free(&cm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_labels_counts_true_by_predicted),
		cmocka_unit_test(test_init_clears_previous_counts),
		cmocka_unit_test(test_114_classes),
		cmocka_unit_test(test_add_ignores_out_of_range_labels),
		cmocka_unit_test(test_from_labels_skips_out_of_range_pairs),
		cmocka_unit_test(test_init_rejects_bad_class_count),
		cmocka_unit_test(test_hand_worked_per_class),
		cmocka_unit_test(test_hand_worked_averages),
		cmocka_unit_test(test_ten_classes_match_sklearn_values),
		cmocka_unit_test(test_absent_class_left_out),
		cmocka_unit_test(test_single_class),
		cmocka_unit_test(test_empty_matrix),
		cmocka_unit_test(test_report_hand_worked_digits_2),
		cmocka_unit_test(test_report_hand_worked_digits_4),
		cmocka_unit_test(test_report_numbers_as_names),
		cmocka_unit_test(test_report_long_name_widens),
		cmocka_unit_test(test_report_many_digits),
		cmocka_unit_test(test_report_rounding_ties),
		cmocka_unit_test(test_report_ten_genres),
		cmocka_unit_test(test_matrix_mixed_widths),
		cmocka_unit_test(test_matrix_hand_worked),
		cmocka_unit_test(test_matrix_ten_genres),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
