/* probs.c: probabilities and ranking for single tracks. */
#include "genretui/loss.h"
#include "genretui/probs.h"

void gt_predict_probs(gt_model *m, const gt_real *x, double *p)
{
	const gt_real *out = gt_model_forward(m, x, 1);

	gt_loss_probs(m->arch.loss, out, m->arch.sizes[m->arch.nlayers], p);
}

int gt_argmax(const double *v, int n)
{
	int best = 0;

	for (int j = 1; j < n; j++)
		if (v[j] > v[best])
			best = j;
	return best;
}

void gt_top2(const double *v, int n, int best[2])
{
	best[0] = gt_argmax(v, n);
	best[1] = best[0] == 0 ? 1 : 0;
	for (int j = 0; j < n; j++)
		if (j != best[0] && v[j] > v[best[1]])
			best[1] = j;
}
