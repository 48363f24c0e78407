/* rowpred.c: every row's class probabilities, and a confusion cell's rows
 * in the orders the Confusion pane lists them (see rowpred.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/loss.h"
#include "genretui/rowpred.h"

#define BATCH 256     /* rows through the network at once */
#define MAX_OUT 256   /* outputs a row may have */

gt_status gt_rowpred_compute(gt_rowpred *rp, const gt_model *m, const gt_samples *set,
                             gt_error *err)
{
	int k = m->arch.sizes[m->arch.nlayers];
	gt_real o[MAX_OUT];
	gt_model work;
	gt_status st;

	memset(rp, 0, sizeof(*rp));
	if (k > MAX_OUT)
		return gt_fail(err, GT_ERR_ARG, "predictions: %d outputs is too many", k);
	st = gt_model_init(&work, &m->arch, BATCH, err);
	if (st != GT_OK)
		return st;
	memcpy(work.params, m->params, m->nparams * sizeof(*m->params));
	rp->prob = malloc((set->n ? set->n : 1) * (size_t)k * sizeof(*rp->prob));
	if (!rp->prob) {
		gt_model_free(&work);
		return gt_fail(err, GT_ERR_NOMEM, "predictions: out of memory");
	}
	rp->n = set->n;
	rp->k = k;
	for (size_t i = 0; i < set->n; i += BATCH) {
		int n = set->n - i < BATCH ? (int)(set->n - i) : BATCH;
		gt_samples part = gt_samples_range(set, i, (size_t)n);
		const gt_real *out;   /* [k][lanes] */

		gt_model_load_rows(&work, &part, NULL, n);
		out = gt_model_run(&work, n);
		for (int r = 0; r < n; r++) {
			for (int c = 0; c < k; c++)
				o[c] = out[(size_t)c * (size_t)work.lanes + (size_t)r];
			gt_loss_probs(m->arch.loss, o, k, rp->prob + (i + (size_t)r) * (size_t)k);
		}
	}
	gt_model_free(&work);
	return GT_OK;
}

void gt_rowpred_free(gt_rowpred *rp)
{
	free(rp->prob);
	memset(rp, 0, sizeof(*rp));
}

size_t gt_rowpred_cell(const int *truth, const int *pred, const uint32_t *rows,
                       const gt_rowpred *prob, size_t n, int t, int p,
                       gt_rowpred_item *out, size_t cap)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		if (truth[i] != t || pred[i] != p)
			continue;
		if (m < cap)
			out[m] = (gt_rowpred_item){
				.sample = i, .row = rows[i],
				.conf = prob && i < prob->n && p >= 0 && p < prob->k
				        ? prob->prob[i * (size_t)prob->k + (size_t)p] : NAN };
		m++;
	}
	return m;
}

const char *gt_rowpred_order_name(gt_rp_order o)
{
	static const char *const names[GT_RP_NORDERS] = {
		"file order", "most confident first", "least confident first"
	};

	return (unsigned)o < GT_RP_NORDERS ? names[o] : "?";
}

/* File order: by dataset row, then by sample. */
static int cmp_file(const void *a, const void *b)
{
	const gt_rowpred_item *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return (x->sample > y->sample) - (x->sample < y->sample);
}

/* NaN last; file order breaks every tie. */
static int by_conf(const gt_rowpred_item *a, const gt_rowpred_item *b, int dir)
{
	int an = isnan(a->conf), bn = isnan(b->conf);

	if (an != bn)
		return an - bn;
	if (!an && a->conf != b->conf)
		return (a->conf < b->conf ? -1 : 1) * dir;
	return cmp_file(a, b);
}

static int cmp_confident(const void *a, const void *b)
{
	return by_conf(a, b, -1);
}

static int cmp_unsure(const void *a, const void *b)
{
	return by_conf(a, b, 1);
}

void gt_rowpred_sort(gt_rowpred_item *items, size_t n, gt_rp_order o)
{
	static int (*const cmp[GT_RP_NORDERS])(const void *, const void *) = {
		cmp_file, cmp_confident, cmp_unsure
	};

	if (n > 1 && (unsigned)o < GT_RP_NORDERS)
		qsort(items, n, sizeof(*items), cmp[o]);
}
