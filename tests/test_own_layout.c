/* test_own_layout.c: the whole core on inputs that are not the study's,
 * built here: 5 numeric columns and a one-hot column of 3 levels (8 dense
 * inputs, no one-hot group), a few values unknown, three genres of the
 * file's own. Values -> cleaning -> pipeline sets (paper and improved
 * preparations) -> a few epochs of training -> predictor, whose
 * probabilities for a track's raw values must be the model's for its row
 * of the set, bit for bit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/featstats.h"
#include "genretui/pipeline.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/probs.h"
#include "genretui/prompt_answer.h"
#include "genretui/rng.h"
#include "genretui/session.h"

#define NROWS 300
#define NNUM 8

static const char header[] = "instance_id,artist_name,track_name,popularity,acousticness,"
	"danceability,duration_ms,energy,instrumentalness,key,liveness,loudness,mode,"
	"speechiness,tempo,obtained_date,valence,music_genre\n";
static const char *const labels[3] = { "alpha", "beta", "gamma" };
static const char *const moods[3] = { "calm", "tense", "wild" };

/* The dataset: the rows' text matters only for their labels. */
static void make_dataset(gt_dataset *ds)
{
	size_t cap = sizeof(header) + NROWS * 128, len;
	char *text = malloc(cap);
	gt_error err;

	assert_non_null(text);
	len = (size_t)snprintf(text, cap, "%s", header);
	for (int r = 0; r < NROWS; r++)
		len += (size_t)snprintf(text + len, cap - len, "%d,artist %d,track %d,50,0.5,0.5,"
		                        "200000,0.5,0.5,C,0.1,-5,Major,0.05,120,4-Apr,0.5,%s\n",
		                        r, r, r, labels[r % 3]);
	if (gt_dataset_parse(ds, text, len, "own.csv", &err) != GT_OK)
		fail_msg("%s", err.msg);
	free(text);
}

static void make_layout(gt_layout *l)
{
	const gt_layout_column cols[6] = {
		{ "rms_mean", GT_SOURCE_NUMERIC, 0, NULL },
		{ "tempo", GT_SOURCE_NUMERIC, 0, NULL },
		{ "mood", GT_SOURCE_ONEHOT, 3, moods },
		{ "zcr", GT_SOURCE_NUMERIC, 0, NULL },
		{ "length", GT_SOURCE_NUMERIC, 0, NULL },
		{ "centroid", GT_SOURCE_NUMERIC, 0, NULL },
	};

	assert_int_equal(gt_layout_from_columns(l, cols, 6, NULL), GT_OK);
	assert_int_equal(l->nnum, NNUM);
}

/* Row r's values: its genre shows in every column but zcr (noise) and
 * length (constant); tempo unknown every 17th row, centroid every 23rd. */
static void row_values(gt_rng *rng, int r, double v[NNUM])
{
	int c = r % 3, mood = gt_rng_double(rng) < 0.8 ? c : (c + 1) % 3;

	v[0] = c + gt_rng_uniform(rng, -0.6, 0.6);
	v[1] = r % 17 == 5 ? NAN : 100 + 20 * c + gt_rng_uniform(rng, -15, 15);
	for (int k = 0; k < 3; k++)
		v[2 + k] = k == mood;
	v[5] = gt_rng_uniform(rng, 0, 1);
	v[6] = 30;
	v[7] = r % 23 == 7 ? NAN : 1000 * c + gt_rng_uniform(rng, -400, 400);
}

typedef struct {
	gt_session s;
	double values[NROWS][NNUM];
	size_t nunknown;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	gt_dataset ds;
	gt_genres g;
	gt_pipeline p;
	gt_track tracks[NROWS];
	static gt_layout l;
	static gt_clean cl;
	gt_rng rng;
	gt_error err;

	assert_non_null(f);
	make_dataset(&ds);
	make_layout(&l);
	assert_int_equal(gt_genres_from_data(&g, &ds, &err), GT_OK);
	assert_int_equal(g.k, 3);
	gt_rng_seed(&rng, 7);
	for (int r = 0; r < NROWS; r++) {
		tracks[r] = (gt_track){ .row = (uint32_t)r,
		                        .genre = (uint8_t)gt_genres_find(&g, labels[r % 3]) };
		row_values(&rng, r, f->values[r]);
		f->nunknown += isnan(f->values[r][1]) || isnan(f->values[r][7]);
	}
	if (gt_clean_from_values(&cl, &l, &g, NROWS, tracks, &f->values[0][0], NROWS, &err) != GT_OK ||
	    gt_pipeline_open_clean(&p, &ds, &cl, NULL, &err) != GT_OK ||
	    gt_session_open_pipeline(&f->s, &p, &err) != GT_OK)
		fail_msg("%s", err.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	gt_session_close(&f->s);
	free(f);
	return 0;
}

/* The cleaning's ledger and the paper preparation's sets: rows with an
 * unknown value dropped, the numeric inputs min-max scaled, the one-hot
 * ones 0/1 as they are, a constant column 0. */
static void test_paper_sets(void **state)
{
	fixture *f = *state;
	const gt_pipeline *p = &f->s.pipe;
	const gt_samples *tr = &p->train;

	assert_int_equal(p->clean.ledger.kept, NROWS - f->nunknown);
	assert_int_equal(p->clean.ledger.fate[GT_FATE_MISSING], f->nunknown);
	assert_int_equal(p->nsamples, NROWS - f->nunknown);
	assert_int_equal(tr->n + p->test.n, NROWS - f->nunknown);
	assert_int_equal(tr->nnum, NNUM);
	assert_int_equal(tr->nhot, 0);
	assert_null(tr->hot);
	assert_int_equal(p->norm.mm.n, 5);
	assert_near(p->median[6], 30, 0);
	for (size_t i = 0; i < tr->n; i++) {
		const double *v = f->values[p->train_row[i]];
		const gt_real *x = tr->x + i * NNUM;

		for (int j = 0; j < NNUM; j++)
			assert_true(p->lo[j] <= v[j] && v[j] <= p->hi[j]);
		assert_true(x[0] == (gt_real)((v[0] - p->lo[0]) / (p->hi[0] - p->lo[0])));
		assert_true(x[7] == (gt_real)((v[7] - p->lo[7]) / (p->hi[7] - p->lo[7])));
		for (int k = 2; k < 5; k++)
			assert_true(x[k] == (gt_real)v[k]);
		assert_true(x[6] == 0);
		assert_int_equal(tr->y[i], p->train_row[i] % 3);
	}
}

/* The improved preparation: the rows with unknowns join the training
 * side, filled with the training medians, numeric inputs standardised. */
static void test_improved_sets(void **state)
{
	fixture *f = *state;
	gt_pipeline *p = &f->s.pipe;
	size_t ntest = p->test.n, nimp = 0;

	assert_int_equal(gt_session_prepare(&f->s, GT_PREP_IMPUTE, NULL, NULL), GT_OK);
	assert_int_equal(p->test.n, ntest);
	assert_int_equal(p->train.n + ntest, NROWS);
	assert_int_equal(p->imputed_train, f->nunknown);
	assert_int_equal(p->norm.std.n, 5);
	for (size_t i = 0; i < p->train.n; i++) {
		const double *v = f->values[p->train_row[i]];
		const gt_real *x = p->train.x + i * NNUM;
		double tempo = isnan(v[1]) ? p->median[1] : v[1];

		nimp += p->train_imputed[i];
		assert_int_equal(p->train_imputed[i], isnan(v[1]) || isnan(v[7]));
		assert_true(x[1] == (gt_real)((tempo - p->norm.std.mean[1]) / p->norm.std.sd[1]));
		assert_true(x[3] == (gt_real)v[3]);
	}
	assert_int_equal(nimp, f->nunknown);
	assert_int_equal(gt_session_prepare(&f->s, GT_PREP_STUDY, NULL, NULL), GT_OK);
}

/* Model file version 3 carries the layout: a round trip gives the same
 * predictor; version 2 cannot hold it; a study's file refuses it by name. */
static void check_model_file(const gt_predictor *q)
{
	gt_predictor *r = calloc(1, sizeof(*r));
	static gt_layout study;
	unsigned char *img;
	size_t n;
	gt_error err;

	assert_non_null(r);
	assert_int_equal(gt_predictor_encode(q, &img, &n, &err), GT_OK);
	assert_int_equal(img[8], 3);
	assert_int_equal(gt_predictor_decode(r, img, n, "own.gtm", &err), GT_OK);
	assert_true(gt_layout_same(&r->layout, &q->layout));
	assert_memory_equal(&r->norm, &q->norm, sizeof(q->norm));
	assert_memory_equal(r->median, q->median, NNUM * sizeof(double));
	assert_memory_equal(r->lo, q->lo, NNUM * sizeof(double));
	assert_memory_equal(r->hi, q->hi, NNUM * sizeof(double));
	assert_int_equal(r->model.nparams, q->model.nparams);
	assert_memory_equal(r->model.params, q->model.params, q->model.nparams * sizeof(gt_real));
	assert_true(gt_genres_same(&r->genres, &q->genres));
	free(img);
	assert_int_equal(gt_predictor_encode_version(q, 2, &img, &n, &err), GT_ERR_ARG);
	assert_string_equal(err.msg, "model file version 2 cannot hold inputs other than "
	                    "the study's");
	assert_int_equal(gt_predictor_check_layout(r, &q->layout, "own.gtm", &err), GT_OK);
	gt_layout_study(&study);
	assert_int_equal(gt_predictor_check_layout(r, &study, "own.gtm", &err), GT_ERR_MODEL);
	assert_string_equal(err.msg, "own.gtm was trained on 8 inputs (rms_mean, tempo, ...); "
	                    "this file lacks: rms_mean, mood, zcr, length, centroid; has extra: "
	                    "popularity, acousticness, danceability, duration_ms, energy, "
	                    "instrumentalness, liveness, loudness and 4 more");
	gt_predictor_free(r);
	free(r);
}

/* Training learns the genres; the predictor made from the session gives,
 * for each test track's raw values, the model's probabilities of its row. */
static void test_train_and_predict(void **state)
{
	fixture *f = *state;
	gt_session *s = &f->s;
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_predictor *q = calloc(1, sizeof(*q));
	gt_error err;

	hp.epochs = 20;
	hp.lr = 0.02;
	assert_int_equal(gt_session_start(s, &paper->arch, &hp, &err), GT_OK);
	assert_int_equal(s->model.arch.sizes[0], NNUM);
	assert_int_equal(s->model.arch.sizes[s->model.arch.nlayers], 3);
	while (gt_session_step(s, NULL) >= 0)
		;
	assert_true(s->evaluated);
	if (!(s->rep_test.accuracy > 0.8))
		fail_msg("test accuracy %g", s->rep_test.accuracy);
	assert_non_null(q);
	assert_int_equal(gt_predictor_from_session(q, s, "paper", &err), GT_OK);
	assert_true(gt_layout_same(&q->layout, &s->pipe.clean.layout));
	for (size_t i = 0; i < s->pipe.test.n; i++) {
		gt_real x[NNUM];
		double want[GT_MAX_CLASSES] = {0}, got[GT_MAX_CLASSES] = {0};

		memcpy(x, s->pipe.test.x + i * NNUM, sizeof(x));
		gt_predict_probs(&s->model, x, want);
		gt_predictor_probs(q, f->values[s->pipe.test_row[i]], 0, got);
		assert_memory_equal(got, want, sizeof(want));
	}
	check_model_file(q);
	gt_predictor_free(q);
	free(q);
}

/* The Features pane's table: a feature per column, mood one categorical
 * feature of its three levels, named by their texts. */
static void test_feature_table(void **state)
{
	fixture *f = *state;
	const gt_pipeline *p = &f->s.pipe;
	const gt_featstats *fs;
	gt_ftable_buf *b = calloc(1, sizeof(*b));
	gt_error err;

	assert_non_null(b);
	assert_int_equal(gt_ftable_training(b, p, &err), GT_OK);
	assert_int_equal(b->t.nf, 6);
	assert_int_equal(b->t.n, p->train.n);
	assert_string_equal(b->t.names[2], "mood");
	assert_string_equal(b->t.names[5], "centroid");
	assert_int_equal(b->t.levels[0], 0);
	assert_int_equal(b->t.levels[2], 3);
	assert_string_equal(gt_ftable_level(b, 2, 1), "tense");
	assert_null(gt_ftable_level(b, 1, 0));
	assert_null(gt_ftable_level(b, 2, 3));
	for (size_t i = 0; i < p->train.n; i++) {
		const double *v = f->values[p->train_row[i]], *x = b->t.x + i * 6;

		assert_memory_equal(&x[0], &v[0], 2 * sizeof(double));   /* NaN as NaN */
		assert_true(x[2] >= 0 && v[2 + (int)x[2]] == 1);
		assert_memory_equal(&x[3], &v[5], 3 * sizeof(double));
		assert_int_equal(b->t.y[i], p->ytrain[i]);
	}
	gt_ftable_free(b);
	free(b);
	fs = gt_session_featstats(&f->s, &err);
	assert_non_null(fs);
	assert_int_equal(fs->nf, 6);
	assert_int_equal(fs->feat[2].nbins, 3);
	assert_true(fs->feat[0].f > fs->feat[3].f);   /* rms_mean tells the genres apart, zcr not */
}

typedef struct {
	char text[32][512];
	int n;
} sink;

static void collect(void *ctx, gt_out_role role, const char *text)
{
	sink *k = ctx;

	(void)role;
	if (k->n < 32)
		snprintf(k->text[k->n++], sizeof(k->text[0]), "%s", text);
}

/* The prompt on the trained model: row N takes a row's values by the
 * layout (mood's level from its 0/1 inputs, an unknown tempo left to the
 * median), and answers as the model does for its row of the set. */
static void test_prompt_rows(void **state)
{
	fixture *f = *state;
	gt_session *s = &f->s;
	gt_predictor *q = calloc(1, sizeof(*q));
	sink *k = calloc(1, sizeof(*k));
	const gt_samples *te = &s->pipe.test;
	char want[512];
	gt_answerer a;
	gt_error err;
	size_t i, r;
	int best[2], mood = 0;

	assert_non_null(q);
	assert_non_null(k);
	assert_int_equal(gt_predictor_from_session(q, s, "paper", &err), GT_OK);
	gt_answerer_init(&a, q, &s->pipe);
	assert_int_equal(gt_answerer_line(&a, "row 6", collect, k), 0);   /* tempo unknown */
	assert_string_equal(k->text[0], "line 7 (row 6): artist 5 - track 5: true genre gamma; "
	                    "unknown values (the paper preset drops the row, improved fills them)");
	assert_string_equal(k->text[2], "filled with training medians: tempo");
	for (i = 0; i < te->n && te->y[i] == 0; i++)   /* a test row of beta or gamma */
		;
	assert_true(i < te->n);
	r = s->pipe.test_row[i];
	{
		gt_real x[NNUM];
		double p[GT_MAX_CLASSES];
		char line[32];

		memcpy(x, te->x + i * NNUM, sizeof(x));
		gt_predict_probs(&s->model, x, p);
		gt_top2(p, 3, best);
		for (int j = 0; j < 3; j++)
			if (f->values[r][2 + j] == 1)
				mood = j;
		a.brief = 1;
		k->n = 0;
		snprintf(line, sizeof(line), "line %zu", r + 2);
		assert_int_equal(gt_answerer_line(&a, line, collect, k), 0);
		snprintf(want, sizeof(want), "%s\t%.4f\t%s\t%.4f\tfilled=\ttrue=%s", labels[best[0]],
		         p[best[0]], labels[best[1]], p[best[1]], labels[te->y[i]]);
		assert_string_equal(k->text[0], want);
	}
	k->n = 0;
	assert_int_equal(gt_answerer_line(&a, "show", collect, k), 0);
	snprintf(want, sizeof(want), "# rms_mean=%g tempo=%g mood=%s zcr=%g length=30 centroid=%g",
	         f->values[r][0], f->values[r][1], moods[mood], f->values[r][5], f->values[r][7]);
	assert_string_equal(k->text[0], want);
	gt_predictor_free(q);
	free(q);
	free(k);
}

/* Permutation importance by the file's columns: mood's three inputs are
 * shuffled together, a constant column changes nothing. */
static void test_importance(void **state)
{
	fixture *f = *state;
	const gt_importance *imp = &f->s.importance;
	gt_importance_opts o;
	gt_error err;

	gt_importance_defaults(&o);
	if (gt_session_importance(&f->s, &o, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(imp->nfeat, 6);
	assert_string_equal(imp->feat[2].name, "mood");
	assert_int_equal(imp->feat[2].kind, GT_IMP_COLUMNS);
	assert_int_equal(imp->feat[2].column, 2);
	assert_int_equal(imp->feat[2].count, 3);
	assert_string_equal(imp->feat[5].name, "centroid");
	assert_int_equal(imp->feat[5].column, 7);
	assert_near(imp->mean[4], 0, 0);       /* length: 30 in every row */
	assert_true(imp->mean[0] > imp->mean[3]);   /* rms_mean tells, zcr is noise */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paper_sets),
		cmocka_unit_test(test_improved_sets),
		cmocka_unit_test(test_train_and_predict),
		cmocka_unit_test(test_importance),
		cmocka_unit_test(test_prompt_rows),
		cmocka_unit_test(test_feature_table),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
