/* metrics.h: confusion matrix and classification report, with
 * scikit-learn's definitions (confusion_matrix, classification_report).
 *
 * Rows of the confusion matrix are true classes, columns predicted classes.
 * A class never predicted has precision 0 (scikit-learn's zero_division
 * default); a class with no support has recall 0; F1 is 0 when
 * precision + recall is 0. A class that is neither true nor predicted for
 * any sample (a genre whose rows were all dropped) is absent, as
 * classification_report leaves out labels found in neither y_true nor
 * y_pred: it has no row in the printed report and is not in the macro
 * averages. Averages: macro = unweighted mean over the present classes;
 * weighted = mean weighted by support. With no samples at all every class
 * counts as present (scikit-learn refuses empty input). */
#ifndef GENRETUI_METRICS_H
#define GENRETUI_METRICS_H

#include <stddef.h>
#include <stdio.h>

#include "genretui/encode.h"   /* GT_MAX_CLASSES */

/* A k x k matrix sized by k, never GT_MAX_CLASSES squared. It owns its counts: start it zeroed
 * (= { 0 }), give it back with gt_confusion_free, and copy it with
 * gt_confusion_copy (a struct assignment would share the counts). */
typedef struct {
	int k;                  /* classes in use */
	int cap;                /* classes the storage was made for (cap * cap counts) */
	long *cell;             /* [k][k] [true][predicted] counts, row-major: GT_CM */
} gt_confusion;

/* The count of (true t, predicted p), 0 <= t, p < cm->k; an lvalue. */
#define GT_CM(cm, t, p) ((cm)->cell[(size_t)(t) * (size_t)(cm)->k + (size_t)(p)])

typedef struct {
	int k;
	double precision[GT_MAX_CLASSES];
	double recall[GT_MAX_CLASSES];
	double f1[GT_MAX_CLASSES];
	long support[GT_MAX_CLASSES];                 /* row sums */
	int present[GT_MAX_CLASSES];                  /* true or predicted at least once */
	int npresent;                                 /* classes present */
	long total;
	double accuracy;                              /* trace / total; 0 if total == 0 */
	double macro_precision, macro_recall, macro_f1;
	double weighted_precision, weighted_recall, weighted_f1;
} gt_report;

/* Zero a k-class matrix (1 <= k <= GT_MAX_CLASSES). cm is zeroed or has
 * been through gt_confusion_init before (its storage is reused when k fits).
 * A k out of range, or memory that cannot be had, leaves a 0-class matrix
 * that counts nothing; returns 0, or -1 for want of memory. */
int gt_confusion_init(gt_confusion *cm, int k);
/* dst (zeroed or initialised) becomes a copy of src; 0, or -1 (out of
 * memory: dst is then a 0-class matrix). */
int gt_confusion_copy(gt_confusion *dst, const gt_confusion *src);
/* Give the counts back; cm is zeroed (and may be initialised again). */
void gt_confusion_free(gt_confusion *cm);
/* Count one sample; out-of-range classes are ignored. */
void gt_confusion_add(gt_confusion *cm, int truth, int predicted);
/* Build from n pairs of labels. */
void gt_confusion_from_labels(gt_confusion *cm, int k, const int *truth,
                              const int *predicted, size_t n);

void gt_report_compute(gt_report *r, const gt_confusion *cm);

/* Print the report in scikit-learn's classification_report layout with
 * the given class names (NULL: class numbers) and digits after the point. */
void gt_report_print(FILE *f, const gt_report *r, const char *const *names,
                     int digits);

/* Print the matrix as numpy does for an integer array ("[[469  77 ...]\n [...]]"). */
void gt_confusion_print(FILE *f, const gt_confusion *cm);

#endif
