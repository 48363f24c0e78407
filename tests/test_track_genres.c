/* test_track_genres.c: tracks listed under several genres. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "fixtures.h"
#include "genretui/encode.h"
#include "genretui/track_genres.h"
#include "genretui/genres.h"

#define HEADER "instance_id,artist_name,track_name,popularity,acousticness,danceability," \
	"duration_ms,energy,instrumentalness,key,liveness,loudness,mode,speechiness,tempo," \
	"obtained_date,valence,music_genre\n"
#define ROW(artist, track, genre) "1," artist "," track ",1,0.1,0.1,1000,0.1,0.1,C,0.1,-5,Major,0.1,100,4-Apr,0.1," genre "\n"

static gt_genres study;      /* the study's ten (set up in main) */

static void parse(gt_dataset *ds, const char *csv)
{
	gt_error err;

	assert_int_equal(gt_dataset_parse(ds, csv, strlen(csv), "t.csv", &err), GT_OK);
}

static void test_groups_by_artist_and_track(void **state)
{
	static const char csv[] = HEADER
		ROW("A", "Song", "Rap")
		ROW("A", "Song", "Hip-Hop")
		ROW("A", "Other", "Rap")            /* same artist, other track */
		ROW("B", "Song", "Rock")            /* same track, other artist */
		ROW("empty_field", "Song", "Jazz")  /* placeholder artist: never grouped */
		ROW("empty_field", "Song", "Blues")
		ROW("C", "\"Tune, live\"", "Rock")
		ROW("C", "\"Tune, live\"", "Alternative")
		ROW("C", "\"Tune, live\"", "Country")
		ROW("D", "Same", "Jazz")
		ROW("D", "Same", "Jazz");           /* one genre twice: not multi */
	gt_dataset ds;
	gt_fusion f;
	gt_error err;
	char name[64];

	(void)state;
	parse(&ds, csv);
	assert_int_equal(gt_fusion_build(&f, &ds, &study, &err), GT_OK);
	assert_int_equal(f.multi_tracks, 2);
	assert_int_equal(f.multi_rows, 5);
	assert_true(gt_fusion_is_multi(&f, 0) && gt_fusion_is_multi(&f, 1));
	assert_false(gt_fusion_is_multi(&f, 2));
	assert_false(gt_fusion_is_multi(&f, 3));
	assert_false(gt_fusion_is_multi(&f, 4));
	assert_false(gt_fusion_is_multi(&f, 9));
	assert_int_equal(f.genres[4], 0);                      /* empty_field */
	assert_true(gt_fusion_accepts(&f, 0, 5, 9));           /* Rap row, Hip-Hop guessed */
	assert_false(gt_fusion_accepts(&f, 2, 5, 9));          /* a Rap-only track */
	assert_true(gt_fusion_accepts(&f, 2, 5, 5));
	assert_int_equal(f.ncombos, 2);
	gt_fusion_set_name(f.combos[0].set, &study, name, sizeof(name));
	assert_int_equal(f.combos[0].tracks, 1);
	gt_fusion_set_name((1u << 5) | (1u << 9), &study, name, sizeof(name));
	assert_string_equal(name, "Rap + Hip-Hop");
	gt_fusion_free(&f);
	gt_dataset_free(&ds);
}

static void test_empty_file(void **state)
{
	gt_dataset ds;
	gt_fusion f;
	gt_error err;

	(void)state;
	parse(&ds, HEADER);
	assert_int_equal(gt_fusion_build(&f, &ds, &study, &err), GT_OK);
	assert_int_equal(f.multi_tracks, 0);
	assert_int_equal(f.ncombos, 0);
	gt_fusion_free(&f);
	gt_dataset_free(&ds);
}

/* The figures of the real file (issue 6). */
static void test_real_file(void **state)
{
	const char *path = fx_env_file("GT_REAL_CSV");
	gt_dataset ds;
	gt_fusion f;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(gt_dataset_load(&ds, path, &err), GT_OK);
	assert_int_equal(gt_fusion_build(&f, &ds, &study, &err), GT_OK);
	assert_int_equal(f.multi_tracks, 3606);
	assert_int_equal(f.multi_rows, 7408);
	assert_int_equal(f.combos[0].set, (1u << 5) | (1u << 9));    /* Hip-Hop + Rap */
	assert_int_equal(f.combos[0].tracks, 1517);
	assert_int_equal(f.combos[1].set, (1u << 3) | (1u << 7));    /* Alternative + Rock */
	assert_int_equal(f.combos[1].tracks, 535);
	assert_int_equal(f.combos[2].set, (1u << 4) | (1u << 7));    /* Country + Rock */
	assert_int_equal(f.combos[2].tracks, 291);
	gt_fusion_free(&f);
	gt_dataset_free(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_by_artist_and_track),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_real_file),
	};

	gt_genres_study(&study);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
