/* loss.c: the Keras sigmoid loss and softmax cross-entropy, in lanes.
 *
 * A batch is taken CHUNK lanes (rows) at a time: the per-row sums live in
 * small arrays and every loop runs along the lanes, so the compiler
 * vectorises them. The row-by-row gt_loss_batch is the lanes code with one
 * lane per row. */
#include "config.h"

#include <math.h>

#include "genretui/kernel.h"
#include "genretui/loss.h"

#define CHUNK GT_LANE_ROUND

/* Keras clips the sigmoid outputs before taking their log (bounds in
 * float32, as Keras computes them). */
static inline gt_real clip_lo(void)
{
	return (gt_real)GT_KERAS_EPSILON;
}

static inline gt_real clip_hi(void)
{
	return 1 - (gt_real)GT_KERAS_EPSILON;
}

static inline gt_real clip_prob(gt_real s)
{
	return s < clip_lo() ? clip_lo() : s > clip_hi() ? clip_hi() : s;
}

/* n <= CHUNK rows: the sum of -log(s_y / sum s) and, if d, its gradient
 * w.r.t. the raw outputs (times scale). The clip passes no gradient
 * outside its range. out and d are [k][lanes]. */
GT_HOT static double keras_chunk(const gt_real *out, int lanes, const int *y,
                                 int n, int k, gt_real scale, gt_real *d)
{
	gt_real sum[CHUNK] = { 0 }, sy[CHUNK] = { 0 };
	double total = 0;

	for (int j = 0; j < k; j++) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes;

		for (int r = 0; r < n; r++) {
			gt_real s = clip_prob(o[r]);

			sum[r] += s;
			sy[r] = y[r] == j ? s : sy[r];
		}
	}
	for (int r = 0; r < n; r++)
		total += gt_log(sum[r] / sy[r]);
	for (int j = 0; d && j < k; j++) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes;
		gt_real *restrict g = d + (size_t)j * (size_t)lanes;

		for (int r = 0; r < n; r++) {
			int inside = o[r] >= clip_lo() && o[r] <= clip_hi();
			gt_real dj = 1 / sum[r] - (y[r] == j ? 1 / clip_prob(o[r]) : 0);

			g[r] = inside ? scale * dj : 0;
		}
	}
	return total;
}

/* n <= CHUNK rows of softmax cross-entropy on logits z: log-sum-exp - z_y. */
GT_HOT static double softmax_chunk(const gt_real *z, int lanes, const int *y,
                                   int n, int k, gt_real scale, gt_real *d)
{
	gt_real mx[CHUNK], sum[CHUNK] = { 0 }, zy[CHUNK] = { 0 };
	double total = 0;

	for (int r = 0; r < n; r++)
		mx[r] = z[r];
	for (int j = 1; j < k; j++)
		for (int r = 0; r < n; r++)
			mx[r] = z[(size_t)j * (size_t)lanes + (size_t)r] > mx[r] ?
			        z[(size_t)j * (size_t)lanes + (size_t)r] : mx[r];
	for (int j = 0; j < k; j++) {
		const gt_real *restrict zj = z + (size_t)j * (size_t)lanes;

		for (int r = 0; r < n; r++) {
			sum[r] += gt_exp(zj[r] - mx[r]);
			zy[r] = y[r] == j ? zj[r] : zy[r];
		}
	}
	for (int r = 0; r < n; r++)
		total += (double)mx[r] + log((double)sum[r]) - (double)zy[r];
	for (int j = 0; d && j < k; j++) {
		const gt_real *restrict zj = z + (size_t)j * (size_t)lanes;
		gt_real *restrict g = d + (size_t)j * (size_t)lanes;

		for (int r = 0; r < n; r++)
			g[r] = scale * (gt_exp(zj[r] - mx[r]) / sum[r] - (y[r] == j ? 1 : 0));
	}
	return total;
}

double gt_loss_lanes(gt_loss_kind kind, const gt_real *out, int lanes,
                     const int *y, int n, int k, gt_real scale, gt_real *dout)
{
	int padded = (n + CHUNK - 1) / CHUNK * CHUNK;
	double total = 0;

	for (int r0 = 0; r0 < n; r0 += CHUNK) {
		int cn = n - r0 < CHUNK ? n - r0 : CHUNK;
		gt_real *d = dout ? dout + r0 : NULL;

		total += kind == GT_LOSS_KERAS_SIGMOID
		         ? keras_chunk(out + r0, lanes, y + r0, cn, k, scale, d)
		         : softmax_chunk(out + r0, lanes, y + r0, cn, k, scale, d);
	}
	for (int j = 0; dout && j < k; j++)      /* lanes past n: no gradient */
		for (int r = n; r < padded && r < lanes; r++)
			dout[(size_t)j * (size_t)lanes + (size_t)r] = 0;
	return total;
}

double gt_loss_batch(gt_loss_kind kind, const gt_real *out, const int *y,
                     int n, int k, gt_real *dout)
{
	gt_real scale = n > 0 ? (gt_real)1 / (gt_real)n : 0;
	double total = 0;

	for (int r = 0; r < n; r++)
		total += gt_loss_lanes(kind, out + (size_t)r * (size_t)k, 1, y + r,
		                       1, k, scale, dout ? dout + (size_t)r * (size_t)k : NULL);
	return n > 0 ? total / n : 0.0;
}

void gt_loss_probs(gt_loss_kind kind, const gt_real *out, int k, double *p)
{
	double sum = 0.0, mx = out[0];

	if (kind == GT_LOSS_KERAS_SIGMOID) {
		for (int j = 0; j < k; j++)
			sum += (p[j] = clip_prob(out[j]));
	} else {
		for (int j = 1; j < k; j++)
			if (out[j] > mx)
				mx = out[j];
		for (int j = 0; j < k; j++)
			sum += (p[j] = exp(out[j] - mx));
	}
	for (int j = 0; j < k; j++)
		p[j] /= sum;
}
