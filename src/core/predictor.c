/* predictor.c: a trained model with what it needs to predict on its own. */
#include <stdio.h>
#include <string.h>

#include "genretui/loss.h"
#include "genretui/probs.h"
#include "genretui/predictor.h"
#include "genretui/prompt.h"
#include "genretui/session.h"

gt_status gt_predictor_from_session(gt_predictor *p, const gt_session *s,
                                    const char *preset, gt_error *err)
{
	gt_status st;

	memset(p, 0, sizeof(*p));
	if (!s->running)
		return gt_fail(err, GT_ERR_MODEL, "there is no trained model yet");
	st = gt_model_init(&p->model, &s->model.arch, 1, err);
	if (st != GT_OK)
		return st;
	memcpy(p->model.params, s->model.params, s->model.nparams * sizeof(gt_real));
	p->layout = s->pipe.clean.layout;
	p->norm = s->pipe.norm;
	memcpy(p->median, s->pipe.median, sizeof(p->median));
	memcpy(p->lo, s->pipe.lo, sizeof(p->lo));
	memcpy(p->hi, s->pipe.hi, sizeof(p->hi));
	p->genres = s->pipe.clean.genres;
	snprintf(p->preset, sizeof(p->preset), "%s", preset ? preset : "");
	p->hp = s->trainer.hp;
	p->split_seed = s->pipe.split_seed;
	p->epochs_trained = s->trainer.epoch;
	p->test_accuracy = s->evaluated ? s->rep_test.accuracy : 0;
	p->train_accuracy = s->evaluated ? s->rep_train.accuracy : 0;
	p->test_macro_f1 = s->evaluated ? s->rep_test.macro_f1 : 0;
	return GT_OK;
}

gt_status gt_predictor_check_genres(const gt_predictor *p, const gt_genres *file,
                                    const char *name, gt_error *err)
{
	const gt_genres *m = &p->genres;

	if (gt_genres_same(m, file))
		return GT_OK;
	return gt_fail(err, GT_ERR_MODEL, "%s predicts %d genres (%s, %s, ...), the file has %d "
	               "(%s, %s, ...): not the same genres", name, m->k, gt_genre_name(m, 0),
	               gt_genre_name(m, 1), file->k, gt_genre_name(file, 0),
	               gt_genre_name(file, 1));
}

gt_status gt_predictor_check_layout(const gt_predictor *p, const gt_layout *file,
                                    const char *name, gt_error *err)
{
	const gt_layout *m = &p->layout;
	char diff[GT_ERROR_MAX];

	if (gt_layout_same(m, file))
		return GT_OK;
	if (gt_layout_diff_text(m, file, diff, sizeof(diff)) == 0)
		snprintf(diff, sizeof(diff), "the file has the same columns in another order");
	return gt_fail(err, GT_ERR_MODEL, "%s was trained on %d inputs (%s, %s, ...); %s",
	               name, m->ninputs, gt_layout_input(m, 0), gt_layout_input(m, 1), diff);
}

void gt_predictor_free(gt_predictor *p)
{
	gt_model_free(&p->model);
	memset(p, 0, sizeof(*p));
}

void gt_predictor_probs(gt_predictor *p, const double *num, int scale,
                        double probs[GT_MAX_CLASSES])
{
	gt_real x[GT_MAX_INPUTS];

	gt_norm_encode(&p->norm, num, scale, x);   /* as the sets' rows */
	gt_predict_probs(&p->model, x, probs);
}

/* The raw dense inputs of t, medians where it gives nothing. */
static void dense_inputs(const gt_predictor *p, const gt_track_input *t, double *num)
{
	const gt_layout *l = &p->layout;

	for (int s = 0; s < l->nsources; s++) {
		const gt_layout_source *src = &l->source[s];
		int given = gt_prompt_bit(t->given_bits, s);

		if (src->kind == GT_SOURCE_NUMERIC)
			num[src->first] = given ? t->num[s] : p->median[src->first];
		else if (src->kind == GT_SOURCE_ONEHOT)
			for (int k = 0; k < src->count; k++)
				num[src->first + k] = given ? k == t->level[s] : p->median[src->first + k];
	}
}

int gt_predictor_ask(gt_predictor *p, const gt_track_input *t,
                     double probs[GT_MAX_CLASSES], unsigned *filled)
{
	int nfilled = gt_track_input_missing_set(t, filled);
	double num[GT_MAX_INPUTS], one[GT_MAX_CLASSES];
	int n = 0, k = p->genres.k;

	dense_inputs(p, t, num);
	if (p->layout.nhot == 0) {
		gt_predictor_probs(p, num, 0, probs);
		return nfilled;
	}
	memset(probs, 0, GT_MAX_CLASSES * sizeof(double));
	for (int pitch = 0; pitch < 12; pitch++)
		for (int major = 0; major <= 1; major++) {
			if ((t->key >= 0 && pitch != t->key) || (t->mode >= 0 && major != t->mode))
				continue;
			gt_predictor_probs(p, num, gt_scale_index(pitch, major), one);
			for (int c = 0; c < k; c++)
				probs[c] += one[c];
			n++;
		}
	for (int c = 0; c < k; c++)
		probs[c] /= n;
	return nfilled;
}
