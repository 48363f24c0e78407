/* rowpred.h: a model's prediction for every row of a set (curses-free).
 *
 * For each row: the class probabilities the model gives (gt_loss_probs of
 * its outputs). The Confusion pane lists a cell's rows with the predicted
 * genre's probability, the most confident first (a confident mistake is the
 * one worth reading), and the export writes every row's probabilities to
 * predictions.csv (export.h). */
#ifndef GENRETUI_ROWPRED_H
#define GENRETUI_ROWPRED_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/genres.h"
#include "genretui/model.h"
#include "genretui/status.h"

typedef struct {
	size_t n;          /* rows */
	int k;             /* classes (the model's outputs) */
	double *prob;      /* [n][k] class probabilities of each row */
} gt_rowpred;

/* The probabilities of every row of set under model m (m itself is left
 * untouched: a workspace of its own is made). GT_OK, or GT_ERR_NOMEM. */
gt_status gt_rowpred_compute(gt_rowpred *rp, const gt_model *m, const gt_samples *set,
                             gt_error *err);
void gt_rowpred_free(gt_rowpred *rp);

/* One row of a confusion cell: sample i of the set, its dataset row, and
 * the probability the model gave the genre it predicted. */
typedef struct {
	size_t sample;
	size_t row;
	double conf;
} gt_rowpred_item;

/* The rows of cell (t, p): every sample i < n with truth[i] == t and
 * pred[i] == p, in set order, into out while fewer than cap are written
 * (conf from prob, NaN when prob is NULL; row from rows[i]). Returns how
 * many match (may exceed cap). */
size_t gt_rowpred_cell(const int *truth, const int *pred, const uint32_t *rows,
                       const gt_rowpred *prob, size_t n, int t, int p,
                       gt_rowpred_item *out, size_t cap);

/* Orders of a cell's list: file order (by dataset row, then sample), the
 * most confident first, the least confident first. Ties (and NaN, last)
 * are in file order, so every order is total and repeatable. */
typedef enum { GT_RP_FILE, GT_RP_CONFIDENT, GT_RP_UNSURE, GT_RP_NORDERS } gt_rp_order;
const char *gt_rowpred_order_name(gt_rp_order o);   /* "file order", ... */
void gt_rowpred_sort(gt_rowpred_item *items, size_t n, gt_rp_order o);

#endif
