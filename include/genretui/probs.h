/* probs.h: genre probabilities for one track. */
#ifndef GENRETUI_PROBS_H
#define GENRETUI_PROBS_H

#include "genretui/model.h"

/* Class probabilities p[k] (k = model outputs) for one encoded, normalised
 * input row x [sizes[0]] (see gt_norm_encode). Uses the model's
 * workspace. */
void gt_predict_probs(gt_model *m, const gt_real *x, double *p);

/* Index of the largest of v[0..n-1] (the first one on ties). */
int gt_argmax(const double *v, int n);
/* The two best classes: best[0] largest, best[1] second. n >= 2. */
void gt_top2(const double *v, int n, int best[2]);

/* best[r] = gt_argmax of lane r0 + r of out [k][lanes] (a model's
 * outputs), for every r < GT_LANE_ROUND (r0 + GT_LANE_ROUND <= lanes): a
 * whole block of lanes, so that the compiler vectorises it; lanes past a
 * batch's rows are computed and not looked at, each lane being on its own. */
void gt_argmax_lanes(const gt_real *out, int lanes, int r0, int k, int best[GT_LANE_ROUND]);

/* Of lanes 0..n-1 of out [k][lanes] (a model's outputs, lanes a multiple of
 * GT_LANE_ROUND), how many have their label y[r] (0..k-1) among the two
 * best as gt_top2 ranks them; the same count as gt_top2 lane by lane, in
 * blocks of lanes that the compiler vectorises. 2 <= k <= GT_MAX_CLASSES. */
size_t gt_top2_lanes(const gt_real *out, int lanes, const int *y, int n, int k);

/* Of lanes 0..n-1 of out [k][lanes], how many have their label y[r] as
 * argmax (gt_argmax_lanes); pred (if not NULL) receives the argmax of
 * each. */
size_t gt_correct_lanes(const gt_real *out, int lanes, const int *y, int n, int k,
                        int *pred);

#endif
