/* test_alloc.c: allocation failure injected into the core. Linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so every allocation the
 * core makes (and libcsv's, which the loader routes through its realloc)
 * goes through the wrappers below. Each test runs an operation once to
 * count its allocations, then again failing the 1st, the 2nd, ... the last:
 * every run must return GT_ERR_NOMEM with a message, or succeed with the
 * same result when the failure was one the code may shrug off (a shrinking
 * realloc, or libcsv retrying with a smaller block); never crash, and under
 * AddressSanitizer never leak. */
#define _POSIX_C_SOURCE 200809L   /* fork, pipe, waitpid, mkdtemp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"
#include "fixtures.h"
#include "genretui/clean.h"
#include "genretui/colmap.h"
#include "genretui/dataset.h"
#include "genretui/export.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/session.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);

static long calls;       /* allocations since the count was reset */
static long fail_at;     /* the call to fail (1-based), 0 = none */
static int failed;       /* the armed failure happened */

/* Should this allocation fail? */
static int fail_now(void)
{
	calls++;
	if (fail_at == 0 || calls != fail_at)
		return 0;
	failed = 1;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
	return fail_now() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

static void arm(long at)
{
	calls = 0;
	fail_at = at;
	failed = 0;
}

/* A file of the test data, or skip the test. */
static const char *data_file(const char *name, char *buf, size_t n)
{
	const char *dir = getenv("GT_TESTDATA");

	snprintf(buf, n, "%s/%s", dir ? dir : "tests/data", name);
	if (access(buf, R_OK) != 0) {
		print_message("%s is not readable\n", buf);
		skip();
	}
	return buf;
}

/* A failed run: out of memory, said in a message. */
static void assert_nomem(gt_status st, const gt_error *err, long at)
{
	if (st != GT_ERR_NOMEM)
		fail_msg("failing allocation %ld: status %d (%s), wanted GT_ERR_NOMEM: %s",
		         at, st, gt_status_str(st), err->msg);
	assert_int_equal(err->code, GT_ERR_NOMEM);
	assert_true(strlen(err->msg) > 0);
}

/* ---- Loading and cleaning */

/* Load and clean path; on success the ledger goes to *lg. */
static gt_status load_clean(const char *path, gt_ledger *lg, gt_error *err)
{
	gt_dataset ds;
	gt_clean cl;
	gt_status st = gt_dataset_load(&ds, path, err);

	if (st != GT_OK)
		return st;
	st = gt_clean_run(&cl, &ds, err);
	if (st == GT_OK)
		*lg = cl.ledger;
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
	return st;
}

static void test_load_clean(void **state)
{
	char buf[1024];
	const char *path = data_file("ledger_small.csv", buf, sizeof(buf));
	gt_ledger want, got;
	gt_error err = {0};
	long total;

	(void)state;
	arm(0);
	assert_int_equal(load_clean(path, &want, &err), GT_OK);
	total = calls;
	assert_true(total > 5);
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = load_clean(path, &got, &err);
		assert_true(failed);
		arm(0);
		if (st == GT_OK)        /* a failure the code may shrug off */
			assert_memory_equal(&got, &want, sizeof(want));
		else
			assert_nomem(st, &err, at);
	}
}

/* 3000 rows, some with 300-byte track names. */
static char *many_rows(size_t *len)
{
	size_t cap = 1 << 20, n;
	char *text = malloc(cap);

	assert_non_null(text);
	n = (size_t)snprintf(text, cap, "%s", "instance_id,artist_name,track_name,"
	                     "popularity,acousticness,danceability,duration_ms,energy,"
	                     "instrumentalness,key,liveness,loudness,mode,speechiness,"
	                     "tempo,obtained_date,valence,music_genre\n");
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(text + n, cap - n, "%d,\"Artist %d\",%0*d,27,0.1,"
		                      "0.2,200000,0.3,0.4,A#,0.5,-5.5,Minor,0.06,120,4-Apr,"
		                      "0.7,Rock\n", i, i, i % 7 ? 3 : 300, i);
	*len = n;
	return text;
}

static void test_load_growth(void **state)
{
	size_t len;
	char *text = many_rows(&len);
	gt_dataset ds;
	gt_error err = {0};
	long total;

	(void)state;
	arm(0);
	assert_int_equal(fx_load_pipe(&ds, text, len, &err), GT_OK);
	total = calls;
	assert_int_equal(ds.nrows, 3000);
	gt_dataset_free(&ds);
	assert_true(total > 15);  /* (the arena, the row arrays and libcsv's field
	                             buffer each grow several times) */
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = fx_load_pipe(&ds, text, len, &err);
		arm(0);
		if (st == GT_OK)
			assert_int_equal(ds.nrows, 3000);
		else
			assert_nomem(st, &err, at);
		gt_dataset_free(&ds);
	}
	free(text);
}

/* ---- A session: pipeline, then a model and one training epoch */

static gt_status open_and_train(const char *path, size_t *ntrain, gt_error *err)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_session s;
	gt_status st = gt_session_open(&s, path, NULL, err);

	if (st != GT_OK)
		return st;
	hp.epochs = 1;
	st = gt_session_start(&s, &paper->arch, &hp, err);
	if (st == GT_OK)
		while (gt_session_step(&s, NULL) >= 0)
			;
	*ntrain = s.pipe.train.n;
	gt_session_close(&s);
	return st;
}

static void test_session(void **state)
{
	char buf[1024];
	const char *path = data_file("ledger_small.csv", buf, sizeof(buf));
	gt_error err = {0};
	size_t want, got;
	long total;

	(void)state;
	arm(0);
	assert_int_equal(open_and_train(path, &want, &err), GT_OK);
	total = calls;
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = open_and_train(path, &got, &err);
		arm(0);
		if (st == GT_OK)
			assert_int_equal(got, want);
		else
			assert_nomem(st, &err, at);
	}
}

/* A file read through --map: the mapped names are kept for messages. */
static void test_mapped_load(void **state)
{
	static const char text[] = "id,artists,track_name,popularity,acousticness,"
		"danceability,duration,energy,instrumentalness,key,liveness,loudness,"
		"mode,speechiness,bpm,valence,track_genre\n"
		"1,A,B,27,0.1,0.2,200000,0.3,0.4,5,0.5,-5.5,1,0.06,120,0.7,rock\n";
	gt_colmap m;
	gt_dataset ds;
	gt_error err = {0};
	long total;

	(void)state;
	gt_colmap_init(&m);
	assert_int_equal(gt_colmap_parse(&m, "label=track_genre,artist_name=artists,"
	                                 "duration_ms=duration,tempo=bpm", &err), GT_OK);
	arm(0);
	assert_int_equal(gt_dataset_parse_mapped(&ds, text, strlen(text), "m.csv", &m, &err),
	                 GT_OK);
	total = calls;
	gt_dataset_free(&ds);
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = gt_dataset_parse_mapped(&ds, text, strlen(text), "m.csv", &m, &err);
		arm(0);
		if (st == GT_OK)
			assert_string_equal(gt_column_name(&ds, GT_COL_TEMPO), "bpm");
		else
			assert_nomem(st, &err, at);
		gt_dataset_free(&ds);
	}
}

/* --export: every allocation of the writer may fail; the files already
 * there are then left as they were. */
static void test_export(void **state)
{
	char buf[1024], dir[] = "/tmp/gt-alloc-XXXXXX", cmd[64];
	const char *path = data_file("ledger_small.csv", buf, sizeof(buf));
	const gt_preset *paper = gt_preset_find("paper");
	const gt_export_info info = { "ledger_small.csv", 0, "paper", NULL };
	gt_hparams hp = paper->hp;
	gt_session s;
	gt_error err = {0};
	long total;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	hp.epochs = 2;
	assert_int_equal(gt_session_start(&s, &paper->arch, &hp, &err), GT_OK);
	while (gt_session_step(&s, NULL) >= 0)
		;
	arm(0);
	assert_int_equal(gt_export_write(dir, &s, &info, &err), GT_OK);
	total = calls;
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = gt_export_write(dir, &s, &info, &err);
		arm(0);
		if (st != GT_OK)
			assert_nomem(st, &err, at);
	}
	gt_session_close(&s);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

/* ---- Model files: decoding the fixed version-1 file, and encoding */

static unsigned char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b = malloc(1 << 20);

	assert_non_null(f);
	assert_non_null(b);
	*len = fread(b, 1, 1 << 20, f);
	fclose(f);
	return b;
}

static void test_model_file(void **state)
{
	char buf[1024];
	const char *path = data_file("models/paper-v1.gtm", buf, sizeof(buf));
	size_t len, outlen;
	unsigned char *image = read_all(path, &len), *out;
	gt_predictor p;
	gt_error err = {0};
	long total;

	(void)state;
	assert_int_equal(gt_predictor_decode(&p, image, len, "m", &err), GT_OK);
	arm(0);
	assert_int_equal(gt_predictor_encode(&p, &out, &outlen, &err), GT_OK);
	total = calls;
	free(out);
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = gt_predictor_encode(&p, &out, &outlen, &err);
		arm(0);
		if (st == GT_OK)
			free(out);
		else
			assert_nomem(st, &err, at);
	}
	gt_predictor_free(&p);
	arm(0);
	assert_int_equal(gt_predictor_decode(&p, image, len, "m", &err), GT_OK);
	gt_predictor_free(&p);
	total = calls;
	for (long at = 1; at <= total; at++) {
		gt_status st;

		arm(at);
		st = gt_predictor_decode(&p, image, len, "m", &err);
		arm(0);
		if (st != GT_OK)
			assert_nomem(st, &err, at);
		gt_predictor_free(&p);
	}
	free(image);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_clean),
		cmocka_unit_test(test_load_growth),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_model_file),
		cmocka_unit_test(test_mapped_load),
		cmocka_unit_test(test_export),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
