/* test_colmap.c: --map FIELD=COLUMN parsed (every error named), and files
 * loaded through a map: renamed and reordered columns, the four optional
 * columns absent, a mapped column the file lacks, and the missing-columns
 * message that lists the header and suggests --map. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <stdio.h>
#include <string.h>

#include "genretui/clean.h"
#include "genretui/colmap.h"
#include "genretui/dataset.h"

/* Parse spec into a fresh map; expect failure with msg (NULL: success). */
static void parse(gt_colmap *m, const char *spec, const char *msg)
{
	gt_error err = { 0 };
	gt_status st;

	gt_colmap_init(m);
	st = gt_colmap_parse(m, spec, &err);
	if (!msg) {
		if (st != GT_OK)
			fail_msg("'%s': %s", spec, err.msg);
		return;
	}
	assert_int_equal(st, GT_ERR_ARG);
	assert_string_equal(err.msg, msg);
}

static void test_parse(void **state)
{
	gt_colmap m;
	gt_error err;

	(void)state;
	parse(&m, "music_genre=track_genre, artist_name = artists ,duration_ms=duration", NULL);
	assert_string_equal(gt_colmap_column(&m, GT_COL_GENRE), "track_genre");
	assert_string_equal(gt_colmap_column(&m, GT_COL_ARTIST), "artists");
	assert_string_equal(gt_colmap_column(&m, GT_COL_DURATION), "duration");
	assert_string_equal(gt_colmap_column(&m, GT_COL_TEMPO), "tempo");
	assert_true(gt_colmap_mapped(&m, GT_COL_GENRE));
	assert_false(gt_colmap_mapped(&m, GT_COL_TEMPO));
	assert_false(gt_colmap_mapped(NULL, GT_COL_GENRE));
	assert_string_equal(gt_colmap_column(NULL, GT_COL_KEY), "key");
	/* label is music_genre; a later pair replaces; --map adds up */
	parse(&m, "label=g,label=genre", NULL);
	assert_string_equal(gt_colmap_column(&m, GT_COL_GENRE), "genre");
	assert_int_equal(gt_colmap_parse(&m, "key=k", &err), GT_OK);
	assert_string_equal(gt_colmap_column(&m, GT_COL_GENRE), "genre");
	assert_string_equal(gt_colmap_column(&m, GT_COL_KEY), "k");
	/* a failure leaves the map as it was */
	assert_int_equal(gt_colmap_parse(&m, "mode=m,nope=x", &err), GT_ERR_ARG);
	assert_false(gt_colmap_mapped(&m, GT_COL_MODE));
	assert_int_equal(gt_colmap_field("instance_id"), GT_COL_INSTANCE_ID);
	assert_int_equal(gt_colmap_field("Tempo"), -1);
}

static void test_parse_errors(void **state)
{
	gt_colmap m;
	char longname[300];

	(void)state;
	parse(&m, "bpm=x", "--map: unknown field 'bpm' (the fields are the study's "
	      "column names, e.g. music_genre, duration_ms; see --help)");
	parse(&m, "genres=x", "--map: unknown field 'genres' (did you mean music_genre?)");
	parse(&m, "duration=x", "--map: unknown field 'duration' (did you mean duration_ms?)");
	parse(&m, "Tempo=x", "--map: unknown field 'Tempo' (did you mean tempo?)");
	parse(&m, "genre=x", "--map: unknown field 'genre' (did you mean music_genre?)");
	parse(&m, "track_genre=x", "--map: unknown field 'track_genre' (did you mean music_genre?)");
	parse(&m, "Labels=x", "--map: unknown field 'Labels' (did you mean music_genre?)");
	parse(&m, "speech=x", "--map: unknown field 'speech' (did you mean speechiness?)");
	parse(&m, "te\x1bmpo=x", "--map: unknown field 'te\\x1bmpo' (did you mean tempo?)");
	parse(&m, "tempo", "--map: 'tempo' is not FIELD=COLUMN");
	parse(&m, "tempo=bpm,", "--map: '' is not FIELD=COLUMN");
	parse(&m, "", "--map: nothing to map (FIELD=COLUMN,...)");
	parse(&m, "tempo= ", "--map tempo=: no column name");
	parse(&m, "=x", "--map: unknown field '' (the fields are the study's column "
	      "names, e.g. music_genre, duration_ms; see --help)");
	parse(&m, "popularity=energy", "--map: fields popularity and energy would both "
	      "read column 'energy' (map the other field too)");
	parse(&m, "popularity=x,energy=x", "--map: fields popularity and energy would "
	      "both read column 'x'");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memcpy(longname, "tempo=", 6);
	parse(&m, longname, "--map tempo=...: the column name is longer than 127 bytes");
}

/* A Spotify Web API style header: renamed, reordered, extra columns, no
 * instance_id and no obtained_date. */
#define API_HEADER "track_id,artists,album_name,track_name,popularity,duration," \
	"explicit,danceability,energy,key,loudness,mode,speechiness,acousticness," \
	"instrumentalness,liveness,valence,tempo,time_signature,track_genre"
#define API_ROW "id1,Art,Alb,Song,27,200000,False,0.2,0.3,5,-5.5,1,0.06,0.1," \
	"0.4,0.5,0.7,120.0,4,rock"
#define API_MAP "music_genre=track_genre,artist_name=artists,duration_ms=duration"

static void test_mapped_load(void **state)
{
	static const char text[] = API_HEADER "\n" API_ROW "\n";
	gt_colmap m;
	gt_dataset ds;
	gt_error err = { 0 };

	(void)state;
	parse(&m, API_MAP, NULL);
	if (gt_dataset_parse_mapped(&ds, text, strlen(text), "api.csv", &m, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(ds.nrows, 1);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "rock");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_ARTIST), "Art");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TRACK), "Song");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_DURATION), "200000");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_KEY), "5");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_INSTANCE_ID), "");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_OBTAINED_DATE), "");
	assert_int_equal(ds.field[GT_COL_GENRE], 19);
	assert_int_equal(ds.field[GT_COL_TRACK], 3);
	assert_int_equal(ds.field[GT_COL_INSTANCE_ID], -1);
	assert_int_equal(ds.field[GT_COL_OBTAINED_DATE], -1);
	assert_int_equal(ds.header_fields, 20);
	gt_dataset_free(&ds);
}

/* Cleaning explains a row by the column's name in the file. */
static void test_mapped_messages(void **state)
{
	static const char text[] = API_HEADER "\n" API_ROW "\n"
		"id2,Art,Alb,Song,27,200000,False,0.2,0.3,5,-5.5,1,0.06,0.1,"
		"0.4,0.5,0.7,120.0,4,polka\n"
		"id3,Art,Alb,Song,27,,False,0.2,0.3,5,-5.5,1,0.06,0.1,"
		"0.4,0.5,0.7,120.0,4,rock\n";
	gt_colmap m;
	gt_dataset ds;
	gt_clean cl;
	gt_error err = { 0 };
	char buf[256];

	(void)state;
	parse(&m, API_MAP, NULL);
	assert_int_equal(gt_dataset_parse_mapped(&ds, text, strlen(text), "api.csv", &m, &err),
	                 GT_OK);
	assert_int_equal(gt_clean_run(&cl, &ds, &err), GT_OK);
	assert_int_equal(cl.ledger.kept, 1);
	gt_clean_describe(&cl, &ds, 0, buf, sizeof(buf));
	assert_string_equal(buf, "line 2: kept");
	gt_clean_describe(&cl, &ds, 1, buf, sizeof(buf));
	assert_string_equal(buf, "line 3: invalid value in column 'track_genre': "
	                    "unknown genre 'polka'");
	gt_clean_describe(&cl, &ds, 2, buf, sizeof(buf));
	assert_string_equal(buf, "line 4: empty field in column 'duration'");
	assert_string_equal(gt_column_name(&ds, GT_COL_KEY), "key");
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
}

static void load_fails(const char *text, const gt_colmap *m, const char *msg)
{
	gt_dataset ds;
	gt_error err = { 0 };

	gt_status st = gt_dataset_parse_mapped(&ds, text, strlen(text), "api.csv", m, &err);

	if (st == GT_OK)
		st = gt_dataset_require_study(&ds, &err);
	gt_dataset_free(&ds);
	assert_int_equal(st, GT_ERR_COLUMN);
	assert_string_equal(err.msg, msg);
}

static void test_mapped_errors(void **state)
{
	static const char text[] = API_HEADER "\n" API_ROW "\n";
	gt_colmap m;
	char wide[4096];
	size_t n = 0;

	(void)state;
	/* without the map: every missing field, the header, the hint */
	load_fails(text, NULL, "api.csv: missing columns: duration_ms, music_genre; "
	           "name them with --map FIELD=COLUMN; the file's columns: 'track_id', "
	           "'artists', 'album_name', 'track_name', 'popularity', 'duration', "
	           "'explicit', 'danceability', 'energy', 'key', 'loudness', 'mode', "
	           "'speechiness', 'acousticness', 'instrumentalness', 'liveness', "
	           "'valence', 'tempo', 'time_signature', 'track_genre'");
	/* a mapped column the file lacks, even an optional field's */
	parse(&m, "music_genre=genre,duration_ms=duration,instance_id=uid", NULL);
	load_fails(text, &m, "api.csv: missing columns: instance_id (mapped to 'uid', "
	           "which the header lacks), music_genre (mapped to 'genre', which "
	           "the header lacks); name them with --map FIELD=COLUMN; the file's "
	           "columns: 'track_id', 'artists', 'album_name', 'track_name', "
	           "'popularity', 'duration', 'explicit', 'danceability', 'energy', "
	           "'key', 'loudness', 'mode', 'speechiness', 'acousticness', "
	           "'instrumentalness', 'liveness', 'valence', 'tempo', "
	           "'time_signature', 'track_genre'");
	/* a mapped name twice in the header */
	parse(&m, API_MAP, NULL);
	load_fails(API_HEADER ",duration\n", &m,
	           "api.csv: duplicated column 'duration' (fields 6 and 21)");
	/* a long header is cut, the message stays one line within bounds */
	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(wide + n, sizeof(wide) - n, "%scolumn_number_%d",
		                      i ? "," : "", i);
	snprintf(wide + n, sizeof(wide) - n, "\n");
	{
		gt_dataset ds;
		gt_error err = { 0 };

		assert_int_equal(gt_dataset_parse(&ds, wide, strlen(wide), "w.csv", &err), GT_OK);
		assert_int_equal(ds.ncols, 60);
		assert_int_equal(gt_dataset_require_study(&ds, &err), GT_ERR_COLUMN);
		gt_dataset_free(&ds);
		assert_non_null(strstr(err.msg, "'column_number_0', 'column_number_1'"));
		assert_non_null(strstr(err.msg, ", ..."));
		assert_non_null(strstr(err.msg, "--map FIELD=COLUMN"));
		assert_null(strchr(err.msg, '\n'));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_mapped_load),
		cmocka_unit_test(test_mapped_errors),
		cmocka_unit_test(test_mapped_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
