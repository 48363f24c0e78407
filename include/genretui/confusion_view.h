/* confusion_view.h: what the Confusion pane shows, without curses.
 *
 * A confusion matrix cm (gt_confusion, cell[true][predicted]) seen in one of
 * three views: raw counts, row-normalised (recall: a cell over its true
 * genre's total) or column-normalised (precision: a cell over its predicted
 * genre's total). Also: the heat level that colours a cell, the most-confused
 * genre pairs, the text describing the focused cell, cursor and scroll
 * clamping, and the dataset rows behind one cell (for Browse). */
#ifndef GENRETUI_CONFUSION_VIEW_H
#define GENRETUI_CONFUSION_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/encode.h"
#include "genretui/genres.h"
#include "genretui/metrics.h"

typedef enum { GT_CV_COUNTS, GT_CV_RECALL, GT_CV_PRECISION, GT_CV_NVIEWS } gt_cv_view;

/* "counts", "recall (row %)", "precision (column %)"; "?" out of range. */
const char *gt_cv_view_name(gt_cv_view v);

/* The classes of cm: cm->k clamped to 0..GT_MAX_CLASSES. (Names and the
 * short column headings, "Elec Anim ... HipH" for the study's genres, are
 * the file's: gt_genres, genres.h.) */
int gt_cv_classes(const gt_confusion *cm);

/* Row total (support of true class t) and column total (times p was predicted). */
long gt_cv_row_total(const gt_confusion *cm, int t);
long gt_cv_col_total(const gt_confusion *cm, int p);

/* out[t * k + p] for k = gt_cv_classes(cm) (out holds k * k): the count,
 * or the count over its row / column total (0..1) in the normalised views.
 * A row or column whose total is 0 gives 0 everywhere. */
void gt_cv_values(const gt_confusion *cm, gt_cv_view v, double *out);

/* What colours cell (t, p), 0..1: in the normalised views the value itself;
 * in the counts view the count over the largest cell of the matrix (so the
 * scale follows the number shown). 0 for an empty matrix. */
double gt_cv_heat_fraction(const gt_confusion *cm, gt_cv_view v, int t, int p);

/* Heat level 0..4 of a fraction; the scale is finer at the low end, where
 * most off-diagonal cells lie, so that a 30% confusion stands out:
 *   level 0: f < 0.05    1: 0.05 <= f < 0.15    2: 0.15 <= f < 0.30
 *   level 3: 0.30 <= f < 0.50    4: f >= 0.50   (NaN counts as 0) */
#define GT_CV_HEAT_LEVELS 5
int gt_cv_heat_level(double frac);
/* Lower bound of a level (0, 0.05, 0.15, 0.30, 0.50), for the legend. */
double gt_cv_heat_floor(int level);

/* How cell (t, p) is shaded: two ramps, so that a good diagonal cell and
 * the worst error never look alike. A diagonal cell (correct) is on the
 * correct ramp by its share of the row (the genre's recall), levels
 * 0..GT_CV_OK_LEVELS-1 from gt_cv_ok_floor; an error is on the error ramp
 * at gt_cv_heat_level of its share of the row (the column's in the
 * precision view, where the numbers are column shares). */
#define GT_CV_OK_LEVELS 4
typedef struct {
	int correct;         /* the diagonal */
	int level;           /* on its ramp */
} gt_cv_shade;
gt_cv_shade gt_cv_cell_shade(const gt_confusion *cm, gt_cv_view v, int t, int p);
/* Lower bound of a correct-ramp level: 0, 0.30, 0.50, 0.70. */
double gt_cv_ok_floor(int level);

/* The genres in an order that puts confused pairs side by side (Rap next
 * to Hip-Hop): a chain grown from the most confused pair, each step adding
 * at either end the unplaced genre most confused with that end (confusion
 * of a and b: the share of a's row predicted b plus the share of b's row
 * predicted a); genres confused with none come last in class order. Ties go
 * to the smaller class. order[i] is the class shown at position i. */
void gt_cv_confused_order(const gt_confusion *cm, int order[GT_MAX_CLASSES]);

/* One off-diagonal cell: truth t predicted as p, count times. */
typedef struct {
	int t, p;
	long count;
} gt_cv_pair;

/* The up to max largest off-diagonal cells with a count above 0, largest
 * first; ties in class order (smaller t, then smaller p). Pairs are ordered:
 * Rap -> Hip-Hop and Hip-Hop -> Rap are two entries. Returns how many. */
int gt_cv_top_pairs(const gt_confusion *cm, gt_cv_pair *out, int max);

/* A percentage as the pane prints it: whole percent, "37%"; 0 when whole is 0. */
int gt_cv_percent(long part, long whole);

/* The focused cell in words, for view v:
 *   "true Rap, predicted Hip-Hop: 288, 37% of Rap"           (counts, recall)
 *   "true Rap, predicted Hip-Hop: 288, 44% of predicted Hip-Hop" (precision)
 * with " (correct)" after a diagonal cell. Returns snprintf's result. */
int gt_cv_describe(char *buf, size_t n, const gt_confusion *cm, const gt_genres *g,
                   gt_cv_view v, int t, int p);

/* One pair as a list line: "Rap -> Hip-Hop 288 (37%)", the percentage of
 * the true genre's row. Returns snprintf's result. */
int gt_cv_pair_text(char *buf, size_t n, const gt_confusion *cm, const gt_genres *g,
                    const gt_cv_pair *pr);

/* Class c's name as a row label of at most cells terminal cells, told
 * apart from the other genres' (gt_fmt_label, textfmt.h): "chi~house",
 * "pro~house" and "pr~trance" in 9 cells. Returns buf. */
char *gt_cv_label(char *buf, size_t n, const gt_genres *g, int c, int cells, const char *mark);

/* Browse's label for a cell's rows: "test rows: true Rap, predicted Hip-Hop". */
int gt_cv_cell_label(char *buf, size_t n, const gt_genres *g, const char *set, int t, int p);

/* Move a cursor coordinate by delta, clamped to 0..k-1 (0 when k < 1). */
int gt_cv_clamp_move(int pos, int delta, int k);

/* The first of visible consecutive items (of n) to show so that cursor is
 * among them, moving first as little as possible from its previous value. */
int gt_cv_scroll(int first, int visible, int cursor, int n);

/* The dataset rows of cell (t, p): rows[i] for every i < n with
 * truth[i] == t and pred[i] == p, in order, written to out (as Browse takes
 * them) while fewer than cap have been written. Returns how many rows
 * match (may exceed cap). */
size_t gt_cv_cell_rows(const int *truth, const int *pred, const uint32_t *rows,
                       size_t n, int t, int p, size_t *out, size_t cap);

/* ---- The heat map: the matrix when its classes do not fit as numbers ----
 *
 * One character cell per (true, predicted) pair, shaded by the cell's share
 * of its row (of the true genre's rows). The character carries the level,
 * so the map reads without colour; colour tells the two ramps apart (the
 * diagonal by recall on the correct ramp, errors on the error ramp: the
 * levels of gt_cv_cell_shade in the recall view). */

/* Characters of the levels, lightest first: ' ' is an empty cell. */
#define GT_HM_LEVELS 10
#define GT_HM_RAMP " .:-=+*#%@"

/* Level 0..GT_HM_LEVELS-1 of a cell of count out of its row's total: 0
 * only for an empty cell, 1 for any count, then by the share from the
 * floors of gt_hm_floor. Errors are mostly small shares, so their ramp is
 * finer at the low end. */
int gt_hm_level(long count, long row_total, int diagonal);
/* The share from which a level starts (levels 2..9; 0 for 0 and 1):
 * errors 0.02 0.05 0.10 0.15 0.20 0.30 0.40 0.50, the diagonal 0.1 ... 0.8. */
double gt_hm_floor(int level, int diagonal);

/* The ramp in words, for a legend: "errors, % of the row: .>0 :2 -5 =10
 * +15 *20 #30 %40 @50" (diagonal 0), "correct, recall %: .>0 :10 -20 ...
 * @80" (diagonal 1): each level's character and the share it starts at.
 * Returns snprintf's result. */
int gt_hm_legend(char *buf, size_t n, int diagonal);

/* The orders of the genres: by name (the class order: the file's labels
 * sorted, the study's in its order), or grouped so that genres confused
 * with each other sit together. */
typedef enum { GT_HM_BY_NAME, GT_HM_GROUPED, GT_HM_NORDERS } gt_hm_order;
const char *gt_hm_order_name(gt_hm_order o);   /* "by name", "grouped"; "?" */

/* The grouped order: average-linkage agglomerative clustering on the
 * symmetric confusion (a's share of rows predicted b plus b's predicted a).
 * The two groups most confused on average merge first, joined at the ends
 * that are most confused with each other (each group's order kept or
 * reversed); groups confused with no other follow in the order of their
 * smallest class. Ties go to the smaller classes: the order depends only
 * on the counts. order[i] is the class at position i (k entries). Returns
 * 0, or -1 when out of memory (order is then the class order). */
int gt_cv_grouped_order(const gt_confusion *cm, int *order);

/* The heat map's state: the order, each row's total, a cursor on a cell
 * (by class, so that it stays on its cell when the order changes) and the
 * viewport of rows and columns shown. Zero it before the first update. */
typedef struct {
	int k;                  /* classes */
	gt_hm_order order;
	int *ord, *pos;         /* [k] class at each position, position of each class */
	long *row;              /* [k] row totals */
	int t, p;               /* cursor: true and predicted class */
	int top, left;          /* first row and column position shown */
	int rows, cols;         /* rows and columns shown (gt_hm_viewport) */
} gt_heatmap;

/* Take cm in the given order: totals, the order, the cursor clamped to the
 * classes. Returns 0, or -1 when out of memory (hm is then empty). */
int gt_hm_update(gt_heatmap *hm, const gt_confusion *cm, gt_hm_order order);
void gt_hm_free(gt_heatmap *hm);

/* Shade of cell (t, p): its ramp, its character's level and its colour's
 * level on that ramp. */
typedef struct {
	int correct;            /* the diagonal */
	int level;              /* 0..GT_HM_LEVELS-1: GT_HM_RAMP[level] */
	int color;              /* gt_cv_cell_shade's level in the recall view */
} gt_hm_shade;
gt_hm_shade gt_hm_cell(const gt_heatmap *hm, const gt_confusion *cm, int t, int p);

/* Move the cursor by rows and columns of the display order, clamped. */
void gt_hm_move(gt_heatmap *hm, int drows, int dcols);
/* Put the cursor on a row (true genre) or column (predicted genre) by its
 * position (clamped: INT_MAX is the last); GT_HM_KEEP leaves it. */
#define GT_HM_KEEP (-1)
void gt_hm_goto(gt_heatmap *hm, int row_pos, int col_pos);
/* Show rows x cols cells with the cursor among them (scrolling as little
 * as possible). */
void gt_hm_viewport(gt_heatmap *hm, int rows, int cols);

/* The cell under the cursor in words:
 *   "true salsa, predicted samba: 12 of 200, 6.0% of salsa"
 * with " (correct)" on the diagonal. Returns snprintf's result. */
int gt_hm_readout(char *buf, size_t n, const gt_heatmap *hm, const gt_confusion *cm,
                  const gt_genres *g);

/* The same in at most cells terminal cells, naming the true genre in
 * full whenever it fits: the longest of
 *   "true salsa, predicted samba: 12 of 200, 6.0% of salsa"
 *   "true salsa, predicted samba: 12 of 200, 6.0%"
 *   "true salsa, predicted samba: 12 of 200"
 *   "true salsa, predicted samba"
 *   "true salsa"
 * that fits (the first three with " (correct)" on the diagonal); when
 * even the last does not, the name is cut with mark (gt_cv_label's).
 * Returns the length written. */
int gt_hm_readout_fit(char *buf, size_t n, const gt_heatmap *hm, const gt_confusion *cm,
                      const gt_genres *g, int cells, const char *mark);

/* ---- The classification report, sorted ---- */

/* Orders of the report's rows: the genres' order, F1 highest first,
 * support largest first (ties in class order). */
typedef enum { GT_RS_GENRE, GT_RS_F1, GT_RS_SUPPORT, GT_RS_NKEYS } gt_report_sort;
const char *gt_report_sort_name(gt_report_sort key);   /* "genre", "F1", "support" */
/* idx[0..n-1]: the present classes of r (those scikit-learn lists) in the
 * order of key; returns n. idx holds r->k entries. */
int gt_report_order(const gt_report *r, gt_report_sort key, int *idx);

#endif
