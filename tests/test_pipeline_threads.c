/* test_pipeline_threads.c: the one switch (gt_pipeline_opts.threads).
 * One thread and two or three give the same dataset, cleaning, sets and
 * statistics, the same folds, views (gt_pipeline_share) like their
 * source, and the same trained model, byte for byte. The file is the
 * bundled sample (GT_SAMPLE_CSV) repeated six times: over a megabyte and
 * 30,000 rows, enough for every threaded part to use its threads (the
 * tests skip without the sample). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "testdir.h"
#include "fixtures.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/session.h"
#include "genretui/team.h"
#include "genretui/threads.h"

#define COPIES 6

/* dir/big.csv: the sample's header, then its rows COPIES times. */
static char *big_csv(const char *dir)
{
	const char *sample = getenv("GT_SAMPLE_CSV");
	char *path = malloc(strlen(dir) + 16), *text;
	FILE *in, *out;
	long len, body;

	if (!sample || access(sample, R_OK) != 0)
		return NULL;
	assert_non_null(in = fopen(sample, "rb"));
	fseek(in, 0, SEEK_END);
	len = ftell(in);
	rewind(in);
	text = malloc((size_t)len);
	assert_int_equal(fread(text, 1, (size_t)len, in), (size_t)len);
	fclose(in);
	body = (long)(strchr(text, '\n') - text) + 1;
	sprintf(path, "%s/big.csv", dir);
	assert_non_null(out = fopen(path, "wb"));
	fwrite(text, 1, (size_t)len, out);
	for (int c = 1; c < COPIES; c++)
		fwrite(text + body, 1, (size_t)(len - body), out);
	assert_int_equal(fclose(out), 0);
	free(text);
	return path;
}

static void open_with(gt_session *s, const char *path, int threads, gt_prep prep)
{
	gt_pipeline_opts o;
	gt_error err;

	gt_pipeline_defaults(&o);
	o.threads = threads;
	o.prep = prep;
	if (gt_session_open(s, path, &o, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(s->pipe.threads, threads);
}

/* dir/tracks.csv: the SYNTHETIC 114-genre tracks table of tests/data
 * (1,140 rows), its rows TRACK_COPIES times: over 16,384 rows, so that a
 * file read by its own schema has its rows read by several threads. */
#define TRACK_COPIES 15

static char *big_tracks(const char *dir)
{
	char src[4096], *path = malloc(strlen(dir) + 16), *text;
	FILE *in, *out;
	long len, body;

	if (!fx_data_file("spotify_tracks_114.csv", src, sizeof(src))) {
		free(path);
		return NULL;
	}
	assert_non_null(in = fopen(src, "rb"));
	fseek(in, 0, SEEK_END);
	len = ftell(in);
	rewind(in);
	text = malloc((size_t)len);
	assert_int_equal(fread(text, 1, (size_t)len, in), (size_t)len);
	fclose(in);
	body = (long)(strchr(text, '\n') - text) + 1;
	sprintf(path, "%s/tracks.csv", dir);
	assert_non_null(out = fopen(path, "wb"));
	fwrite(text, 1, (size_t)len, out);
	for (int c = 1; c < TRACK_COPIES; c++)
		fwrite(text + body, 1, (size_t)(len - body), out);
	assert_int_equal(fclose(out), 0);
	free(text);
	return path;
}

static void same_dataset(const gt_dataset *a, const gt_dataset *b)
{
	assert_int_equal(a->nrows, b->nrows);
	for (size_t r = 0; r < a->nrows; r++) {
		assert_int_equal(a->line[r], b->line[r]);
		assert_int_equal(a->nfields[r], b->nfields[r]);
		for (int c = 0; c < GT_NCOLS; c++)
			assert_string_equal(gt_cell(a, r, c), gt_cell(b, r, c));
	}
}

static void same_cleaning(const gt_clean *a, const gt_clean *b, size_t nrows)
{
	assert_memory_equal(&a->ledger, &b->ledger, sizeof(a->ledger));
	assert_memory_equal(a->fates, b->fates, nrows * sizeof(*a->fates));
	assert_int_equal(a->ntracks, b->ntracks);
	for (size_t t = 0; t < a->ntracks; t++) {
		const gt_track *x = &a->tracks[t], *y = &b->tracks[t];

		assert_memory_equal(gt_clean_values(a, t), gt_clean_values(b, t),
		                    GT_NNUMERIC * sizeof(double));
		assert_int_equal(x->row, y->row);
		assert_int_equal(x->scale, y->scale);
		assert_int_equal(x->genre, y->genre);
		assert_int_equal(x->unknown, y->unknown);
	}
}

/* The sets, their rows' origins, the statistics and the normalisation
 * (the part of it the preparation uses). */
static void same_sets(const gt_pipeline *a, const gt_pipeline *b)
{
	size_t ntr = a->train.n, nte = a->test.n;

	assert_int_equal(ntr, b->train.n);
	assert_int_equal(nte, b->test.n);
	assert_true(ntr > 16384);      /* the statistics' and sets' threshold */
	assert_memory_equal(a->xtrain, b->xtrain, ntr * GT_NNUMERIC * sizeof(gt_real));
	assert_memory_equal(a->xtest, b->xtest, nte * GT_NNUMERIC * sizeof(gt_real));
	assert_memory_equal(a->train_hot, b->train_hot, ntr);
	assert_memory_equal(a->test_hot, b->test_hot, nte);
	assert_memory_equal(a->ytrain, b->ytrain, ntr * sizeof(int));
	assert_memory_equal(a->ytest, b->ytest, nte * sizeof(int));
	assert_memory_equal(a->train_row, b->train_row, ntr * sizeof(uint32_t));
	assert_memory_equal(a->test_row, b->test_row, nte * sizeof(uint32_t));
	assert_memory_equal(a->train_imputed, b->train_imputed, ntr);
	assert_memory_equal(a->median, b->median, sizeof(a->median));
	assert_memory_equal(a->lo, b->lo, sizeof(a->lo));
	assert_memory_equal(a->hi, b->hi, sizeof(a->hi));
	assert_int_equal(a->norm.prep, b->norm.prep);
	if (a->norm.prep == GT_PREP_STUDY)      /* (the other part is not fitted) */
		assert_memory_equal(&a->norm.mm, &b->norm.mm, sizeof(a->norm.mm));
	else
		assert_memory_equal(&a->norm.std, &b->norm.std, sizeof(a->norm.std));
	assert_memory_equal(a->train_support, b->train_support, sizeof(a->train_support));
	assert_memory_equal(a->test_support, b->test_support, sizeof(a->test_support));
	assert_int_equal(a->fold, b->fold);
}

static void test_same_pipeline(void **state)
{
	char *path = big_csv(*state);
	gt_session one, more;
	gt_error err;

	if (!path)
		skip();
	open_with(&one, path, 1, GT_PREP_STUDY);
	assert_true(one.pipe.ds.nrows > 30000);
	for (int threads = 2; threads <= 3; threads++) {
		open_with(&more, path, threads, GT_PREP_STUDY);
		same_dataset(&one.pipe.ds, &more.pipe.ds);
		same_cleaning(&one.pipe.clean, &more.pipe.clean, one.pipe.ds.nrows);
		same_sets(&one.pipe, &more.pipe);
		for (int prep = GT_PREP_IMPUTE; prep >= GT_PREP_STUDY; prep--) {
			assert_int_equal(gt_session_prepare(&one, (gt_prep)prep, NULL, &err), GT_OK);
			assert_int_equal(gt_session_prepare(&more, (gt_prep)prep, NULL, &err), GT_OK);
			same_sets(&one.pipe, &more.pipe);
		}
		assert_int_equal(gt_session_fold(&one, GT_PREP_IMPUTE, 3, 1, &err), GT_OK);
		assert_int_equal(gt_session_fold(&more, GT_PREP_IMPUTE, 3, 1, &err), GT_OK);
		same_sets(&one.pipe, &more.pipe);
		assert_int_equal(gt_session_prepare(&one, GT_PREP_STUDY, NULL, &err), GT_OK);
		gt_session_close(&more);
	}
	gt_session_close(&one);
	free(path);
}

/* A file read by its own schema: the same schema (its detection reads the
 * columns in threads too), cleaning (every track's
 * values), sets and grouping of tracks with one thread and two or three. */
static void same_own_cleaning(const gt_clean *a, const gt_clean *b, size_t nrows)
{
	size_t nv = (size_t)a->layout.nnum;

	assert_true(a->own_schema && b->own_schema);
	assert_int_equal(nv, b->layout.nnum);
	assert_memory_equal(&a->ledger, &b->ledger, sizeof(a->ledger));
	assert_memory_equal(a->fates, b->fates, nrows * sizeof(*a->fates));
	assert_int_equal(a->ntracks, b->ntracks);
	assert_memory_equal(a->tracks, b->tracks, a->ntracks * sizeof(*a->tracks));
	assert_memory_equal(a->values, b->values, a->ntracks * nv * sizeof(double));
}

static void test_own_schema(void **state)
{
	char *path = big_tracks(*state);
	gt_session one, more;

	if (!path)
		skip();
	open_with(&one, path, 1, GT_PREP_STUDY);
	assert_non_null(one.pipe.schema);
	assert_int_equal(one.pipe.ds.nrows, 1140 * TRACK_COPIES);
	assert_int_equal(one.pipe.clean.ntracks, 1140 * TRACK_COPIES);
	assert_int_equal(one.pipe.clean.genres.k, 114);
	for (int threads = 2; threads <= 3; threads++) {
		char *a, *b;

		open_with(&more, path, threads, GT_PREP_STUDY);
		assert_non_null(a = gt_schema_text(one.pipe.schema));
		assert_non_null(b = gt_schema_text(more.pipe.schema));
		assert_string_equal(a, b);
		free(a);
		free(b);
		same_own_cleaning(&one.pipe.clean, &more.pipe.clean, one.pipe.ds.nrows);
		assert_int_equal(one.pipe.train.n, more.pipe.train.n);
		assert_memory_equal(one.pipe.ytrain, more.pipe.ytrain,
		                    one.pipe.train.n * sizeof(int));
		assert_int_equal(one.pipe.fusion.multi_tracks, more.pipe.fusion.multi_tracks);
		assert_memory_equal(one.pipe.fusion.set_of, more.pipe.fusion.set_of,
		                    one.pipe.ds.nrows * sizeof(*one.pipe.fusion.set_of));
		gt_session_close(&more);
	}
	gt_session_close(&one);
	free(path);
}

/* A view builds the sets its source has (its preparation, or its fold),
 * with its own thread count, and closing it leaves the source whole. */
static void test_share(void **state)
{
	char *path = big_csv(*state);
	gt_session src, view;
	gt_error err;

	if (!path)
		skip();
	open_with(&src, path, 2, GT_PREP_IMPUTE);
	assert_int_equal(gt_session_share(&view, &src, 1, &err), GT_OK);
	assert_int_equal(view.pipe.threads, 1);
	assert_ptr_equal(view.pipe.clean.tracks, src.pipe.clean.tracks);
	assert_ptr_not_equal(view.pipe.xtrain, src.pipe.xtrain);
	same_sets(&src.pipe, &view.pipe);
	gt_session_close(&view);
	assert_int_equal(gt_session_fold(&src, GT_PREP_STUDY, 4, 3, &err), GT_OK);
	assert_int_equal(gt_session_share(&view, &src, 3, &err), GT_OK);
	same_sets(&src.pipe, &view.pipe);
	assert_int_equal(view.pipe.nfolds, 4);
	gt_session_close(&view);
	same_cleaning(&src.pipe.clean, &src.pipe.clean, src.pipe.ds.nrows);   /* still readable */
	gt_session_close(&src);
	free(path);
}

/* The improved preset's network, 2 epochs, on each thread count: the
 * model file's bytes. */
static unsigned char *trained_model(const char *path, int threads, size_t *len)
{
	const gt_preset *imp = gt_preset_find("improved");
	gt_hparams hp = imp->hp;
	gt_session s;
	gt_predictor pred;
	gt_error err;
	unsigned char *bytes;

	hp.epochs = 2;
	open_with(&s, path, threads, GT_PREP_IMPUTE);
	assert_int_equal(gt_session_start(&s, &imp->arch, &hp, &err), GT_OK);
	assert_int_equal(gt_team_size(s.trainer.team),        /* (at most the CPUs) */
	                 threads < gt_threads_available() ? threads : gt_threads_available());
	while (gt_session_step(&s, NULL) >= 0)
		;
	assert_int_equal(gt_predictor_from_session(&pred, &s, "improved", &err), GT_OK);
	assert_int_equal(gt_predictor_encode(&pred, &bytes, len, &err), GT_OK);
	gt_predictor_free(&pred);
	gt_session_close(&s);
	return bytes;
}

static void test_same_model(void **state)
{
	char *path = big_csv(*state);
	unsigned char *one, *two;
	size_t n1, n2;

	if (!path)
		skip();
	one = trained_model(path, 1, &n1);
	two = trained_model(path, 2, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(one, two, n1);
	free(one);
	free(two);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_DIR(test_same_pipeline),
		WITH_DIR(test_share),
		WITH_DIR(test_own_schema),
		WITH_DIR(test_same_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
