/* metrics.c: confusion matrix and classification report.
 *
 * The numbers follow scikit-learn's precision_recall_fscore_support with
 * zero_division left at its default (0), and the text follows
 * classification_report and numpy's integer array repr, so a report printed
 * here can be compared byte for byte with one printed from Python. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/metrics.h"

/* The report's name column is never narrower than its longest fixed
 * heading, "weighted avg" (sklearn's longest_last_line_heading). */
#define LAST_HEADING_WIDTH 12

/* Every numeric column of the report is 9 wide, as in sklearn. */
#define COL 9

/* A usable class count, or 0 when k is out of contract: a 0-class matrix
 * counts nothing, which keeps every index below GT_MAX_CLASSES and the
 * matrix's k. */
static int valid_k(int k)
{
	return (k >= 1 && k <= GT_MAX_CLASSES) ? k : 0;
}

int gt_confusion_init(gt_confusion *cm, int k)
{
	k = valid_k(k);
	if (k > cm->cap) {
		long *cell = malloc((size_t)k * (size_t)k * sizeof(*cell));

		if (!cell) {
			cm->k = 0;
			return -1;
		}
		free(cm->cell);
		cm->cell = cell;
		cm->cap = k;
	}
	cm->k = k;
	if (k)
		memset(cm->cell, 0, (size_t)k * (size_t)k * sizeof(*cm->cell));
	return 0;
}

int gt_confusion_copy(gt_confusion *dst, const gt_confusion *src)
{
	int k = valid_k(src->k);

	if (dst == src)
		return 0;
	if (gt_confusion_init(dst, k) != 0)
		return -1;
	if (k)
		memcpy(dst->cell, src->cell, (size_t)k * (size_t)k * sizeof(*dst->cell));
	return 0;
}

void gt_confusion_free(gt_confusion *cm)
{
	free(cm->cell);
	memset(cm, 0, sizeof(*cm));
}

void gt_confusion_add(gt_confusion *cm, int truth, int predicted)
{
	int k = valid_k(cm->k);

	if (truth < 0 || truth >= k || predicted < 0 || predicted >= k)
		return;
	GT_CM(cm, truth, predicted)++;
}

void gt_confusion_from_labels(gt_confusion *cm, int k, const int *truth,
                              const int *predicted, size_t n)
{
	if (gt_confusion_init(cm, k) != 0 || !truth || !predicted)
		return;
	for (size_t i = 0; i < n; i++)
		gt_confusion_add(cm, truth[i], predicted[i]);
}

/* num / den, or 0 when den is 0 (sklearn's zero_division default). */
static double ratio(long num, long den)
{
	return den == 0 ? 0.0 : (double)num / (double)den;
}

/* Column sum: how often class c was predicted (tp + fp). */
static long predicted_count(const gt_confusion *cm, int k, int c)
{
	long sum = 0;

	for (int t = 0; t < k; t++)
		sum += GT_CM(cm, t, c);
	return sum;
}

/* Row sum: how often class c was the truth (tp + fn, the support). */
static long true_count(const gt_confusion *cm, int k, int c)
{
	long sum = 0;

	for (int p = 0; p < k; p++)
		sum += GT_CM(cm, c, p);
	return sum;
}

/* F1 as sklearn writes it: (1 + beta^2) * P * R / (beta^2 * P + R) with
 * beta = 1, the same operations in the same order, 0 when P + R is 0. */
static double f1_score(double p, double r)
{
	double denom = p + r;

	return denom == 0.0 ? 0.0 : 2.0 * p * r / denom;
}

/* Per-class precision, recall, F1 and support; also total and trace. */
static void per_class(gt_report *r, const gt_confusion *cm, long *trace)
{
	*trace = 0;
	r->total = 0;
	for (int c = 0; c < r->k; c++) {
		long tp = GT_CM(cm, c, c);

		r->support[c] = true_count(cm, r->k, c);
		r->precision[c] = ratio(tp, predicted_count(cm, r->k, c));
		r->recall[c] = ratio(tp, r->support[c]);
		r->f1[c] = f1_score(r->precision[c], r->recall[c]);
		r->present[c] = r->support[c] > 0 || predicted_count(cm, r->k, c) > 0;
		r->npresent += r->present[c];
		r->total += r->support[c];
		*trace += tp;
	}
	if (r->npresent == 0)          /* no samples at all: every class stands */
		for (int c = 0; c < r->k; c++)
			r->present[c] = 1, r->npresent++;
}

/* Mean of v over the present classes (sklearn's macro average over the
 * labels of y_true and y_pred); 0 when there are none. */
static double macro_mean(const gt_report *r, const double *v)
{
	double sum = 0.0;

	for (int c = 0; c < r->k; c++)
		if (r->present[c])
			sum += v[c];
	return r->npresent == 0 ? 0.0 : sum / (double)r->npresent;
}

/* sum(v * w) / sum(w) over v[0..k), as numpy.average does (a class of no
 * support weighs nothing); 0 when nothing to divide by. */
static double weighted_mean(const double *v, const long *weights, int k, long wsum)
{
	double sum = 0.0;

	for (int c = 0; c < k; c++)
		sum += v[c] * (double)weights[c];
	return wsum == 0 ? 0.0 : sum / (double)wsum;
}

void gt_report_compute(gt_report *r, const gt_confusion *cm)
{
	long trace;

	memset(r, 0, sizeof(*r));
	r->k = valid_k(cm->k);
	per_class(r, cm, &trace);
	r->accuracy = ratio(trace, r->total);
	r->macro_precision = macro_mean(r, r->precision);
	r->macro_recall = macro_mean(r, r->recall);
	r->macro_f1 = macro_mean(r, r->f1);
	r->weighted_precision = weighted_mean(r->precision, r->support, r->k, r->total);
	r->weighted_recall = weighted_mean(r->recall, r->support, r->k, r->total);
	r->weighted_f1 = weighted_mean(r->f1, r->support, r->k, r->total);
}

/* Text of class c's name: the given one, or its number as sklearn does
 * ("%s" % label) when no names are given. buf holds any int. */
static const char *class_name(const char *const *names, int c, char *buf,
                              size_t size)
{
	if (names && names[c])
		return names[c];
	snprintf(buf, size, "%d", c);
	return buf;
}

/* sklearn: width = max(longest class name, len("weighted avg"), digits). */
static int name_width(const gt_report *r, const char *const *names, int digits)
{
	char buf[16];
	size_t width = LAST_HEADING_WIDTH;

	for (int c = 0; c < r->k; c++) {
		size_t len = r->present[c] ? strlen(class_name(names, c, buf, sizeof(buf))) : 0;

		if (len > width)
			width = len;
	}
	return digits > (int)width ? digits : (int)width;
}

/* "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n" */
static void print_row(FILE *f, int width, int digits, const char *name,
                      const double prf[3], long support)
{
	fprintf(f, "%*s ", width, name);
	for (int i = 0; i < 3; i++)
		fprintf(f, " %*.*f", COL, digits, prf[i]);
	fprintf(f, " %*ld\n", COL, support);
}

/* Header, blank line, one row per class, blank line. */
static void print_classes(FILE *f, const gt_report *r,
                          const char *const *names, int width, int digits)
{
	char buf[16];

	fprintf(f, "%*s  %*s %*s %*s %*s\n\n", width, "", COL, "precision",
	        COL, "recall", COL, "f1-score", COL, "support");
	for (int c = 0; c < r->k; c++) {
		const double prf[3] = { r->precision[c], r->recall[c], r->f1[c] };

		if (!r->present[c])     /* as sklearn: a label of neither y_true nor y_pred */
			continue;
		print_row(f, width, digits, class_name(names, c, buf, sizeof(buf)),
		          prf, r->support[c]);
	}
	fputc('\n', f);
}

/* The accuracy row leaves precision and recall blank; then both averages.
 * Every summary row's support is the total. */
static void print_summary(FILE *f, const gt_report *r, int width, int digits)
{
	const double macro[3] = { r->macro_precision, r->macro_recall,
	                          r->macro_f1 };
	const double weighted[3] = { r->weighted_precision, r->weighted_recall,
	                             r->weighted_f1 };

	fprintf(f, "%*s  %*s %*s %*.*f %*ld\n", width, "accuracy", COL, "",
	        COL, "", COL, digits, r->accuracy, COL, r->total);
	print_row(f, width, digits, "macro avg", macro, r->total);
	print_row(f, width, digits, "weighted avg", weighted, r->total);
}

/* Output equals the string sklearn's classification_report returns (ending
 * in one newline; Python's print would add a second). printf's "%.*f"
 * rounds the binary value exactly, as Python's format does, so the digits
 * agree. Negative digits are treated as 0. */
void gt_report_print(FILE *f, const gt_report *r, const char *const *names,
                     int digits)
{
	int width;

	if (digits < 0)
		digits = 0;
	width = name_width(r, names, digits);
	print_classes(f, r, names, width, digits);
	print_summary(f, r, width, digits);
}

/* Characters needed for the widest count in the matrix ("%ld" length, so a
 * negative count set by hand would still line up, as in numpy). */
static int cell_width(const gt_confusion *cm, int k)
{
	char buf[32];
	int width = 1;

	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++) {
			int len = snprintf(buf, sizeof(buf), "%ld", GT_CM(cm, t, p));

			if (len > width)
				width = len;
		}
	return width;
}

/* numpy's repr of a k x k integer array as print() shows it:
 *   [[469  77 107]
 *    [ 53 520   5]]
 * each count right-aligned to the widest, one space apart, rows after the
 * first indented by one space, newline after the final "]]". A 0-class
 * matrix prints "[]". numpy breaks lines longer than 75 characters; that is
 * not reproduced: 10 classes of up to 6-digit counts stay within it, but
 * e.g. 16 classes of 4-digit counts would not match numpy's wrapping. */
void gt_confusion_print(FILE *f, const gt_confusion *cm)
{
	int k = valid_k(cm->k);
	int width = cell_width(cm, k);

	if (k == 0) {
		fputs("[]\n", f);
		return;
	}
	for (int t = 0; t < k; t++) {
		fputs(t == 0 ? "[[" : " [", f);
		for (int p = 0; p < k; p++)
			fprintf(f, p == 0 ? "%*ld" : " %*ld", width, GT_CM(cm, t, p));
		fputs(t == k - 1 ? "]]\n" : "]\n", f);
	}
}
