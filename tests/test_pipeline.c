/* test_pipeline.c: the training and test sets on the bundled sample
 * (GT_SAMPLE_CSV; skipped when absent). They are held compact, 11 numbers
 * and the scale's byte a row; loaded into a model, every row must be the
 * 35 inputs gt_norm_encode gives for its track, bit for bit, for each
 * preparation and for a cross-validation fold. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "fixtures.h"
#include "genretui/pipeline.h"

#define BATCH 100   /* rows loaded at a time (lanes: 112) */

/* The pipeline on the sample (state NULL without it: the tests skip). */
static int open_sample(void **state)
{
	const char *path = fx_env_file("GT_SAMPLE_CSV");
	gt_pipeline *p;
	gt_error err;

	*state = NULL;
	if (!path)
		return 0;
	p = malloc(sizeof(*p));
	if (!p || gt_pipeline_open(p, path, NULL, &err) != GT_OK) {
		print_error("%s\n", p ? err.msg : "out of memory");
		free(p);
		return -1;
	}
	*state = p;
	return 0;
}

static int close_sample(void **state)
{
	if (*state)
		gt_pipeline_close(*state);
	free(*state);
	return 0;
}

/* The track of each dataset row, or -1. */
static long *track_of_row(const gt_pipeline *p)
{
	long *t = malloc((p->ds.nrows + 1) * sizeof(*t));

	assert_non_null(t);
	for (size_t r = 0; r < p->ds.nrows; r++)
		t[r] = -1;
	for (size_t k = 0; k < p->clean.ntracks; k++)
		t[p->clean.tracks[k].row] = (long)k;
	return t;
}

/* A track's 35 inputs as gt_norm_encode gives them (its unknown
 * values filled with the training median). */
static void encoded_row(const gt_pipeline *p, const gt_track *t, gt_real x[GT_NINPUTS])
{
	const double *v = gt_clean_values(&p->clean, (size_t)(t - p->clean.tracks));
	double num[GT_NNUMERIC];

	for (int f = 0; f < GT_NNUMERIC; f++)
		num[f] = isnan(v[f]) ? p->median[f] : v[f];
	gt_norm_encode(&p->norm, num, t->scale, x);
}

/* Load set s (rows[i] its dataset rows) into m BATCH rows at a time; each
 * row's inputs, in the lanes and row by row, must be the encoded row. */
static void check_set(const gt_pipeline *p, gt_model *m, const gt_samples *s,
                      const uint32_t *rows, const long *track)
{
	assert_int_equal(s->nnum, GT_NNUMERIC);
	assert_int_equal(s->nhot, GT_NSCALES);
	for (size_t i0 = 0; i0 < s->n; i0 += BATCH) {
		int n = s->n - i0 < BATCH ? (int)(s->n - i0) : BATCH;
		gt_samples part = gt_samples_range(s, i0, (size_t)n);

		gt_model_load_rows(m, &part, NULL, n);
		for (int r = 0; r < n; r++) {
			long k = track[rows[i0 + (size_t)r]];
			const gt_track *t = &p->clean.tracks[k >= 0 ? k : 0];
			gt_real want[GT_NINPUTS];

			assert_true(k >= 0);
			assert_int_equal(s->y[i0 + (size_t)r], t->genre);
			encoded_row(p, t, want);
			for (int j = 0; j < GT_NINPUTS; j++) {
				gt_real lane = m->a[0][(size_t)j * (size_t)m->lanes + (size_t)r];
				gt_real row = m->rows[0][(size_t)r * (size_t)m->row_len[0] + (size_t)j];

				if (memcmp(&lane, &want[j], sizeof(lane)) ||
				    memcmp(&row, &want[j], sizeof(row)))
					fail_msg("set row %zu input %d: lane %.9g, row %.9g, "
					         "encoded %.9g", i0 + (size_t)r, j, (double)lane,
					         (double)row, (double)want[j]);
			}
		}
	}
}

/* Both sets of p as they are now. */
static void check_sets(const gt_pipeline *p)
{
	gt_arch arch = { 2, { GT_NINPUTS, 8, 2 }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID },
	                 GT_LOSS_KERAS_SIGMOID };
	long *track = track_of_row(p);
	gt_model m;

	assert_int_equal(gt_model_init(&m, &arch, BATCH, NULL), GT_OK);
	check_set(p, &m, &p->train, p->train_row, track);
	check_set(p, &m, &p->test, p->test_row, track);
	gt_model_free(&m);
	free(track);
}

static void test_study_sets(void **state)
{
	gt_pipeline *p = *state;

	if (!p)
		skip();
	assert_int_equal(p->prep, GT_PREP_STUDY);
	assert_int_equal(p->train.n + p->test.n, p->nsamples);
	check_sets(p);
}

/* The improved preset's sets: rows with unknown values (filled with the
 * training median) among the training rows, standardised. */
static void test_impute_sets(void **state)
{
	gt_pipeline *p = *state;
	gt_error err;

	if (!p)
		skip();
	assert_int_equal(gt_pipeline_prepare(p, GT_PREP_IMPUTE, NULL, &err), GT_OK);
	assert_true(p->imputed_train > 0);
	check_sets(p);
	assert_int_equal(gt_pipeline_prepare(p, GT_PREP_STUDY, NULL, &err), GT_OK);
}

static void test_fold_sets(void **state)
{
	gt_pipeline *p = *state;
	gt_error err;

	if (!p)
		skip();
	assert_int_equal(gt_pipeline_fold(p, GT_PREP_IMPUTE, 3, 1, &err), GT_OK);
	check_sets(p);
	assert_int_equal(gt_pipeline_prepare(p, GT_PREP_STUDY, NULL, &err), GT_OK);
}

/* The model on the compact test rows and on their dense 35-input rows
 * (built with gt_norm_encode): the same loss, accuracy and classes. */
static void test_evaluate_compact(void **state)
{
	gt_arch arch = { 2, { GT_NINPUTS, 12, GT_NCLASSES }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID },
	                 GT_LOSS_KERAS_SIGMOID };
	gt_pipeline *p = *state;
	long *track;
	gt_real *dense;
	int *pa, *pb;
	double la, lb, aa, ab;
	gt_samples d;
	gt_model m;
	gt_rng r;

	if (!p)
		skip();
	track = track_of_row(p);
	dense = malloc(p->test.n * GT_NINPUTS * sizeof(*dense));
	pa = malloc(p->test.n * sizeof(*pa));
	pb = malloc(p->test.n * sizeof(*pb));
	assert_true(dense && pa && pb);
	for (size_t i = 0; i < p->test.n; i++)
		encoded_row(p, &p->clean.tracks[track[p->test_row[i]]], dense + i * GT_NINPUTS);
	d = (gt_samples){ dense, NULL, p->test.y, p->test.n, GT_NINPUTS, 0 };
	assert_int_equal(gt_model_init(&m, &arch, BATCH, NULL), GT_OK);
	gt_rng_seed(&r, 5);
	gt_model_glorot(&m, &r);
	gt_evaluate(&m, &p->test, &la, &aa, pa);
	gt_evaluate(&m, &d, &lb, &ab, pb);
	assert_memory_equal(&la, &lb, sizeof(la));
	assert_memory_equal(&aa, &ab, sizeof(aa));
	assert_memory_equal(pa, pb, p->test.n * sizeof(*pa));
	assert_true(aa > 0 && aa < 1);
	gt_model_free(&m);
	free(dense);
	free(pa);
	free(pb);
	free(track);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_study_sets),
		cmocka_unit_test(test_impute_sets),
		cmocka_unit_test(test_fold_sets),
		cmocka_unit_test(test_evaluate_compact),
	};

	return cmocka_run_group_tests(tests, open_sample, close_sample);
}
