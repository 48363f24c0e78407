/* test_schema_read.c: tables read by their own schema (schema_read.h):
 * which files are, the fates and values of their rows, their own labels,
 * and the whole pipeline on them. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "genretui/pipeline.h"
#include "genretui/schema_read.h"

/* A GTZAN-like table: an identifier, two numeric features (one with an
 * empty cell, one with a bad one), a text column of few values, the label;
 * then a row of the wrong field count and a row without a label. */
static const char gtzan[] =
	"filename,tempo,rms_mean,mood,label\n"
	"a.wav,120,0.5,calm,hiphop\n"          /* line 2: kept */
	"b.wav,,0.4,calm,rock\n"               /* line 3: empty tempo */
	"c.wav,90,abc,wild,hiphop\n"           /* line 4: 'abc' */
	"d.wav,100,0.3,wild\n"                 /* line 5: 4 fields */
	"e.wav,110,0.2,calm,\n"                /* line 6: no label */
	"f.wav,80,0.1,,rock\n"                 /* line 7: empty one-hot */
	"g.wav,95,0.2,wild,rock\n"             /* line 8: kept */
	"h.wav,99,0.25,calm,pop\n";            /* line 9: kept */

static void parse(gt_dataset *ds, const char *text)
{
	gt_error err = {0};

	assert_int_equal(gt_dataset_parse(ds, text, strlen(text), "t.csv", &err), GT_OK);
}

static void test_which_files(void **state)
{
	gt_schema_opts none = {0}, label = { .label = "music_genre" };
	gt_dataset ds;

	(void)state;
	parse(&ds, gtzan);
	assert_true(gt_schema_wanted(&ds, &none, 0));
	assert_false(gt_schema_wanted(&ds, &none, 1));     /* --map: the study's */
	assert_false(gt_schema_study_like(&ds));
	gt_dataset_free(&ds);
	/* the study's label and all but one of its columns: study-like */
	parse(&ds, "popularity,acousticness,danceability,duration_ms,energy,instrumentalness,"
	           "key,liveness,loudness,mode,speechiness,valence,music_genre\n"
	           "1,0.1,0.2,1000,0.3,0.4,C,0.5,-5,Major,0.1,0.5,Rock\n");
	assert_true(gt_schema_study_like(&ds));
	assert_false(gt_schema_wanted(&ds, &none, 0));
	assert_true(gt_schema_wanted(&ds, &label, 0));      /* unless asked */
	gt_dataset_free(&ds);
}

static void test_fates_and_values(void **state)
{
	gt_schema_opts none = {0};
	gt_schema s;
	gt_clean c;
	gt_dataset ds;
	gt_error err = {0};
	char text[256];
	static const gt_fate want[] = {
		GT_FATE_KEPT, GT_FATE_MISSING, GT_FATE_INVALID, GT_FATE_MALFORMED,
		GT_FATE_MISSING, GT_FATE_MISSING, GT_FATE_KEPT, GT_FATE_KEPT
	};

	(void)state;
	parse(&ds, gtzan);
	assert_int_equal(gt_schema_clean(&c, &s, &ds, &none, &err), GT_OK);
	assert_true(c.own_schema);
	/* inputs: tempo, rms_mean, mood_calm, mood_wild */
	assert_int_equal(c.layout.nnum, 4);
	assert_int_equal(c.layout.nhot, 0);
	for (size_t r = 0; r < ds.nrows; r++)
		assert_int_equal(c.fates[r].fate, want[r]);
	assert_int_equal(c.fates[1].col, 1);     /* tempo */
	assert_int_equal(c.fates[2].col, 2);     /* rms_mean */
	assert_int_equal(c.fates[4].col, 4);     /* the label */
	/* the file's own labels, in byte order, never the study's Hip-Hop */
	assert_true(c.genres.from_data);
	assert_int_equal(c.genres.k, 3);
	assert_string_equal(c.genres.raw[0], "hiphop");
	/* tracks: every row with a label, NaN where a cell is unusable */
	assert_int_equal(c.ntracks, 6);
	assert_true(isnan(gt_clean_values(&c, 1)[0]));
	assert_true(isnan(gt_clean_values(&c, 2)[1]));
	assert_true(isnan(gt_clean_values(&c, 3)[2]) && isnan(gt_clean_values(&c, 3)[3]));
	assert_true(gt_clean_values(&c, 0)[0] == 120 && gt_clean_values(&c, 0)[2] == 1 &&
	            gt_clean_values(&c, 0)[3] == 0);
	assert_int_equal(c.ledger.kept, 3);
	assert_int_equal(c.ledger.dropped, 5);
	assert_int_equal(c.ledger.genre_before[2], 3);   /* rock */
	assert_int_equal(c.ledger.genre_after[2], 1);
	/* the reasons name the file's columns */
	gt_clean_describe(&c, &ds, 2, text, sizeof(text));
	assert_string_equal(text, "line 4: invalid value in column 'rms_mean': 'abc' is not a number");
	gt_clean_describe(&c, &ds, 4, text, sizeof(text));
	assert_string_equal(text, "line 6: empty field in column 'label'");
	/* the rows are named by the identifier where no title is */
	assert_int_equal(ds.field[GT_COL_GENRE], 4);
	assert_int_equal(ds.field[GT_COL_TRACK], 0);
	assert_int_equal(ds.field[GT_COL_POPULARITY], -1);
	gt_clean_free(&c);
	gt_schema_free(&s);
	gt_dataset_free(&ds);
}

/* The title is track_name, not album_name, which comes first and has
 * "name" too: tracks are grouped by artists and track_name. */
static void test_title_column(void **state)
{
	gt_schema s;
	gt_clean c;
	gt_dataset ds;
	gt_error err = {0};

	char text[4096] = "track_id,artists,album_name,track_name,energy,track_genre\n";

	(void)state;
	for (int i = 0; i < 60; i++)      /* text of many values, some repeated */
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		         "t%d,artist %d,album %d,title %d,0.%d,%s\n", i, i / 2, i / 2, i / 2, i,
		         i % 2 ? "pop" : "rock");
	parse(&ds, text);
	assert_int_equal(gt_schema_clean(&c, &s, &ds, NULL, &err), GT_OK);
	assert_int_equal(ds.field[GT_COL_ARTIST], 1);
	assert_int_equal(ds.field[GT_COL_TRACK], 3);
	assert_int_equal(ds.field[GT_COL_INSTANCE_ID], 0);
	gt_clean_free(&c);
	gt_schema_free(&s);
	gt_dataset_free(&ds);
}

/* A title that differs in every row is read as an identifier; it still
 * names the rows, before the unnamed index column (Spotify's API dump). */
static void test_unique_title_column(void **state)
{
	gt_schema s;
	gt_clean c;
	gt_dataset ds;
	gt_error err = {0};

	char text[4096] = ",artists,track_name,energy,track_genre\n";

	(void)state;
	for (int i = 0; i < 60; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		         "%d,artist %d,title %d,0.%d,%s\n", i, i / 2, i, i, i % 2 ? "pop" : "rock");
	parse(&ds, text);
	assert_int_equal(gt_schema_clean(&c, &s, &ds, NULL, &err), GT_OK);
	assert_int_equal(s.col[2].role, GT_ROLE_IDENTIFIER);
	assert_int_equal(ds.field[GT_COL_ARTIST], 1);
	assert_int_equal(ds.field[GT_COL_TRACK], 2);
	assert_int_equal(ds.field[GT_COL_INSTANCE_ID], 0);
	gt_clean_free(&c);
	gt_schema_free(&s);
	gt_dataset_free(&ds);
}

static void test_errors(void **state)
{
	gt_schema_opts bad = { .features = "nothing" };
	gt_schema s;
	gt_clean c;
	gt_dataset ds;
	gt_error err = {0};

	(void)state;
	parse(&ds, gtzan);
	assert_int_not_equal(gt_schema_clean(&c, &s, &ds, &bad, &err), GT_OK);
	assert_non_null(strstr(err.msg, "nothing"));
	gt_dataset_free(&ds);
	parse(&ds, "a,b\n1,2\n3,4\n");
	assert_int_not_equal(gt_schema_clean(&c, &s, &ds, NULL, &err), GT_OK);
	assert_non_null(strstr(err.msg, "'a', 'b'"));
	gt_dataset_free(&ds);
}

/* Numeric labels in numeric order, a table of 12 classes trained through
 * the whole pipeline: opened from a file, both preparations. */
static void test_pipeline(void **state)
{
	char path[] = "/tmp/gt_schema_readXXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	gt_pipeline_opts o;
	gt_pipeline p;
	gt_error err = {0};

	(void)state;
	assert_non_null(f);
	fprintf(f, "Artist Name,energy,tempo,Class\n");
	for (int i = 0; i < 600; i++) {
		int cls = i % 12;

		if (i % 7 == 3)
			fprintf(f, "A%d,,%d,%d\n", i, 60 + 10 * cls + i % 5, cls);
		else
			fprintf(f, "A%d,%.3f,%d,%d\n", i, cls / 12.0 + (i % 3) * 0.01,
			        60 + 10 * cls + i % 5, cls);
	}
	fclose(f);
	gt_pipeline_defaults(&o);
	assert_int_equal(gt_pipeline_open(&p, path, &o, &err), GT_OK);
	assert_non_null(p.schema);
	assert_int_equal(p.clean.genres.k, 12);
	assert_string_equal(p.clean.genres.raw[2], "2");
	assert_string_equal(p.clean.genres.raw[11], "11");
	assert_int_equal(p.train.nnum, 2);
	assert_int_equal(p.train.n + p.test.n, 600 - 86);   /* rows with an empty cell dropped */
	assert_int_equal(gt_pipeline_prepare(&p, GT_PREP_IMPUTE, NULL, &err), GT_OK);
	assert_int_equal(p.train.n + p.test.n, 600);         /* ... or filled */
	assert_true(p.imputed_train > 0);
	gt_pipeline_close(&p);
	remove(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which_files),
		cmocka_unit_test(test_fates_and_values),
		cmocka_unit_test(test_title_column),
		cmocka_unit_test(test_unique_title_column),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_pipeline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
