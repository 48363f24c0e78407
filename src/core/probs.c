/* probs.c: probabilities and ranking for single tracks. */
#include "config.h"

#include "genretui/encode.h"
#include "genretui/kernel.h"
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

/* Two passes over the block: the largest output of each lane, then the
 * first class that has it. A one-pass argmax keeps its running maximum and
 * index in memory between classes, a chain of stores and loads. The first
 * class equal to the maximum is gt_argmax's: every class before it is
 * smaller (so -0 and 0 cannot be confused), and a lane whose class 0 is
 * NaN keeps NaN as its maximum and 0 as its answer, as in gt_argmax; a NaN
 * of a later class is never larger and never equal. */
GT_HOT void gt_argmax_lanes(const gt_real *out, int lanes, int r0, int k,
                            int best[GT_LANE_ROUND])
{
	gt_real top[GT_LANE_ROUND];
	int b[GT_LANE_ROUND];

	for (int r = 0; r < GT_LANE_ROUND; r++) {
		top[r] = out[r0 + r];
		b[r] = 0;
	}
	for (int j = 1; j < k; j++) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes + r0;

		for (int r = 0; r < GT_LANE_ROUND; r++)
			top[r] = o[r] > top[r] ? o[r] : top[r];
	}
	for (int j = k - 1; j >= 1; j--) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes + r0;

		for (int r = 0; r < GT_LANE_ROUND; r++)
			b[r] = o[r] == top[r] ? j : b[r];
	}
	for (int r = 0; r < GT_LANE_ROUND; r++)
		best[r] = top[r] == out[r0 + r] ? 0 : b[r];
}

/* Lanes r < GT_LANE_ROUND of a block of out [k][lanes] starting at lane r0:
 * beats[r] = the classes ranked above y[r] (a larger output, or an equal
 * one of a smaller index: gt_top2's order), odd[r] != 0 if any output of
 * the lane is NaN, where that order does not hold. */
GT_HOT static void block_ranks(const gt_real *out, int lanes, int r0, int k,
                               const int y[GT_LANE_ROUND], int beats[GT_LANE_ROUND],
                               int odd[GT_LANE_ROUND])
{
	gt_real oy[GT_LANE_ROUND];

	for (int r = 0; r < GT_LANE_ROUND; r++) {
		oy[r] = out[(size_t)y[r] * (size_t)lanes + (size_t)(r0 + r)];
		beats[r] = 0;
		odd[r] = 0;
	}
	for (int j = 0; j < k; j++) {
		const gt_real *restrict o = out + (size_t)j * (size_t)lanes + r0;

		for (int r = 0; r < GT_LANE_ROUND; r++) {
			beats[r] += (o[r] > oy[r]) | ((o[r] == oy[r]) & (j < y[r]));
			odd[r] |= o[r] != o[r];
		}
	}
}

/* gt_top2 on lane r of out, as doubles. */
static int in_top2_plain(const gt_real *out, int lanes, int r, int k, int y)
{
	double o[GT_MAX_CLASSES];
	int best[2];

	for (int j = 0; j < k; j++)
		o[j] = out[(size_t)j * (size_t)lanes + (size_t)r];
	gt_top2(o, k, best);
	return best[0] == y || best[1] == y;
}

size_t gt_top2_lanes(const gt_real *out, int lanes, const int *y, int n, int k)
{
	size_t in2 = 0;

	for (int r0 = 0; r0 < n; r0 += GT_LANE_ROUND) {
		int yb[GT_LANE_ROUND] = { 0 }, beats[GT_LANE_ROUND], odd[GT_LANE_ROUND];
		int cn = n - r0 < GT_LANE_ROUND ? n - r0 : GT_LANE_ROUND;

		memcpy(yb, y + r0, (size_t)cn * sizeof(*yb));
		block_ranks(out, lanes, r0, k, yb, beats, odd);
		for (int r = 0; r < cn; r++)
			in2 += odd[r] ? (size_t)in_top2_plain(out, lanes, r0 + r, k, yb[r])
			              : (size_t)(beats[r] <= 1);
	}
	return in2;
}

size_t gt_correct_lanes(const gt_real *out, int lanes, const int *y, int n, int k,
                        int *pred)
{
	size_t c = 0;

	for (int r0 = 0; r0 < n; r0 += GT_LANE_ROUND) {
		int best[GT_LANE_ROUND], cn = n - r0 < GT_LANE_ROUND ? n - r0 : GT_LANE_ROUND;

		gt_argmax_lanes(out, lanes, r0, k, best);
		for (int r = 0; r < cn; r++) {
			c += best[r] == y[r0 + r];
			if (pred)
				pred[r0 + r] = best[r];
		}
	}
	return c;
}
