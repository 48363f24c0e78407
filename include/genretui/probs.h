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

#endif
