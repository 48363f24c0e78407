/* model.c: dense layers, forward and backward over a mini-batch. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/model.h"

gt_status gt_arch_check(const gt_arch *arch, gt_error *err)
{
	int L = arch->nlayers;
	gt_act last;

	if (L < 1 || L > GT_MAX_LAYERS)
		return gt_fail(err, GT_ERR_ARG, "a model needs 1 to %d layers, not %d",
		               GT_MAX_LAYERS, L);
	for (int l = 0; l <= L; l++)
		if (arch->sizes[l] < 1 || arch->sizes[l] > 4096)
			return gt_fail(err, GT_ERR_ARG, "layer size %d is not in 1..4096",
			               arch->sizes[l]);
	last = arch->act[L - 1];
	if (arch->loss == GT_LOSS_KERAS_SIGMOID && last != GT_ACT_SIGMOID)
		return gt_fail(err, GT_ERR_ARG, "the Keras sigmoid loss needs a sigmoid output layer");
	if (arch->loss == GT_LOSS_SOFTMAX_CE && last != GT_ACT_LINEAR)
		return gt_fail(err, GT_ERR_ARG, "softmax cross-entropy needs a linear output layer");
	return GT_OK;
}

/* Parameter count and per-layer views into a flat buffer. */
static size_t layout(const gt_arch *arch, double *base, double **W, double **b)
{
	size_t off = 0;

	for (int l = 0; l < arch->nlayers; l++) {
		size_t nin = (size_t)arch->sizes[l], nout = (size_t)arch->sizes[l + 1];

		if (base) {
			W[l] = base + off;
			b[l] = base + off + nout * nin;
		}
		off += nout * nin + nout;
	}
	return off;
}

/* Workspace doubles: a[l] and delta[l] for l = 1..L, max_batch rows each. */
static size_t work_size(const gt_arch *arch, int max_batch)
{
	size_t n = 0;

	for (int l = 1; l <= arch->nlayers; l++)
		n += 2 * (size_t)max_batch * (size_t)arch->sizes[l];
	return n;
}

gt_status gt_model_init(gt_model *m, const gt_arch *arch, int max_batch,
                        gt_error *err)
{
	gt_status st = gt_arch_check(arch, err);
	double *p;

	memset(m, 0, sizeof(*m));
	if (st != GT_OK)
		return st;
	if (max_batch < 1)
		return gt_fail(err, GT_ERR_ARG, "batch size must be at least 1");
	m->arch = *arch;
	m->max_batch = max_batch;
	m->nparams = layout(arch, NULL, NULL, NULL);
	m->params = calloc(m->nparams, sizeof(double));
	m->grads = calloc(m->nparams, sizeof(double));
	m->work = calloc(work_size(arch, max_batch), sizeof(double));
	if (!m->params || !m->grads || !m->work) {
		gt_model_free(m);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the model");
	}
	layout(arch, m->params, m->W, m->b);
	layout(arch, m->grads, m->dW, m->db);
	p = m->work;
	for (int l = 1; l <= arch->nlayers; l++) {
		size_t rows = (size_t)max_batch * (size_t)arch->sizes[l];

		m->a[l] = p;
		m->delta[l] = p + rows;
		p += 2 * rows;
	}
	return GT_OK;
}

void gt_model_free(gt_model *m)
{
	free(m->params);
	free(m->grads);
	free(m->work);
	memset(m, 0, sizeof(*m));
}

void gt_model_glorot(gt_model *m, gt_rng *rng)
{
	for (int l = 0; l < m->arch.nlayers; l++) {
		int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
		double limit = sqrt(6.0 / (nin + nout));

		for (size_t i = 0; i < (size_t)nin * (size_t)nout; i++)
			m->W[l][i] = gt_rng_uniform(rng, -limit, limit);
		memset(m->b[l], 0, (size_t)nout * sizeof(double));
	}
}

static double activate(gt_act act, double z)
{
	switch (act) {
	case GT_ACT_SIGMOID:
		return 1.0 / (1.0 + exp(-z));
	case GT_ACT_RELU:
		return z > 0 ? z : 0.0;
	case GT_ACT_LINEAR:
	default:
		return z;
	}
}

/* d act / d z, written in terms of the activation's output a. */
static double activate_grad(gt_act act, double a)
{
	switch (act) {
	case GT_ACT_SIGMOID:
		return a * (1.0 - a);
	case GT_ACT_RELU:
		return a > 0 ? 1.0 : 0.0;
	case GT_ACT_LINEAR:
	default:
		return 1.0;
	}
}

/* out [n][nout] = act(in [n][nin] W^T + b), W [nout][nin]. */
static void dense_forward(const double *in, double *out, const double *W,
                          const double *b, int n, int nin, int nout, gt_act act)
{
	for (int r = 0; r < n; r++) {
		const double *x = in + (size_t)r * nin;
		double *y = out + (size_t)r * nout;

		for (int o = 0; o < nout; o++) {
			const double *w = W + (size_t)o * nin;
			double z = b[o];

			for (int i = 0; i < nin; i++)
				z += w[i] * x[i];
			y[o] = activate(act, z);
		}
	}
}

const double *gt_model_forward(gt_model *m, const double *x, int n)
{
	const gt_arch *A = &m->arch;

	m->a[0] = (double *)x;  /* read only: backward needs the layer input */
	for (int l = 0; l < A->nlayers; l++)
		dense_forward(m->a[l], m->a[l + 1], m->W[l], m->b[l], n,
		              A->sizes[l], A->sizes[l + 1], A->act[l]);
	return m->a[A->nlayers];
}

/* Layer l backward. On entry delta[l+1] holds dL/da_{l+1}; it is turned into
 * dL/dz in place, then dW, db and (if din) dL/da_l = dz W are written. */
static void dense_backward(gt_model *m, int l, int n, double *din)
{
	int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
	const double *in = m->a[l], *out = m->a[l + 1], *W = m->W[l];
	double *dz = m->delta[l + 1], *dW = m->dW[l], *db = m->db[l];

	for (size_t i = 0; i < (size_t)n * nout; i++)
		dz[i] *= activate_grad(m->arch.act[l], out[i]);
	memset(dW, 0, (size_t)nout * nin * sizeof(double));
	memset(db, 0, (size_t)nout * sizeof(double));
	if (din)
		memset(din, 0, (size_t)n * nin * sizeof(double));
	for (int r = 0; r < n; r++) {
		const double *x = in + (size_t)r * nin, *g = dz + (size_t)r * nout;

		for (int o = 0; o < nout; o++) {
			double *w_grad = dW + (size_t)o * nin;

			db[o] += g[o];
			for (int i = 0; i < nin; i++)
				w_grad[i] += g[o] * x[i];
			if (din)
				for (int i = 0; i < nin; i++)
					din[(size_t)r * nin + i] += g[o] * W[(size_t)o * nin + i];
		}
	}
}

void gt_model_backward(gt_model *m, const double *dout, int n)
{
	int L = m->arch.nlayers;

	memcpy(m->delta[L], dout, (size_t)n * m->arch.sizes[L] * sizeof(double));
	for (int l = L - 1; l >= 0; l--)
		dense_backward(m, l, n, l > 0 ? m->delta[l] : NULL);
}
