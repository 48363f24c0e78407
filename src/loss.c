/* loss.c: the Keras sigmoid loss and softmax cross-entropy. */
#include <math.h>

#include "genretui/loss.h"

/* Keras clips the sigmoid outputs before taking their log. */
static double clip_prob(double s)
{
	if (s < GT_KERAS_EPSILON)
		return GT_KERAS_EPSILON;
	if (s > 1.0 - GT_KERAS_EPSILON)
		return 1.0 - GT_KERAS_EPSILON;
	return s;
}

/* One row: loss -log(s_y / sum s) and its gradient w.r.t. the raw outputs
 * (scaled by w = 1/n). The clip passes no gradient outside its range. */
static double keras_row(const double *out, int y, int k, double w, double *d)
{
	double sum = 0.0;

	for (int j = 0; j < k; j++)
		sum += clip_prob(out[j]);
	if (d)
		for (int j = 0; j < k; j++) {
			double s = clip_prob(out[j]);
			double g = 1.0 / sum - (j == y ? 1.0 / s : 0.0);
			int inside = out[j] >= GT_KERAS_EPSILON && out[j] <= 1.0 - GT_KERAS_EPSILON;

			d[j] = inside ? w * g : 0.0;
		}
	return log(sum) - log(clip_prob(out[y]));
}

/* One row of softmax cross-entropy on logits z: log-sum-exp - z_y. */
static double softmax_row(const double *z, int y, int k, double w, double *d)
{
	double mx = z[0], sum = 0.0;

	for (int j = 1; j < k; j++)
		if (z[j] > mx)
			mx = z[j];
	for (int j = 0; j < k; j++)
		sum += exp(z[j] - mx);
	if (d)
		for (int j = 0; j < k; j++)
			d[j] = w * (exp(z[j] - mx) / sum - (j == y ? 1.0 : 0.0));
	return mx + log(sum) - z[y];
}

double gt_loss_batch(gt_loss_kind kind, const double *out, const int *y,
                     int n, int k, double *dout)
{
	double total = 0.0, w = n > 0 ? 1.0 / n : 0.0;

	for (int r = 0; r < n; r++) {
		const double *o = out + (size_t)r * k;
		double *d = dout ? dout + (size_t)r * k : NULL;

		total += kind == GT_LOSS_KERAS_SIGMOID ? keras_row(o, y[r], k, w, d)
		                                       : softmax_row(o, y[r], k, w, d);
	}
	return total * w;
}

void gt_loss_probs(gt_loss_kind kind, const double *out, int k, double *p)
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
