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

/* The set holds exactly the classes of bits (all below 64). */
static int is_set(const gt_genre_set *s, uint64_t bits)
{
	gt_genre_set want = { { bits } };

	return gt_genre_set_cmp(s, &want) == 0;
}

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
	assert_null(gt_fusion_row(&f, 4));                     /* empty_field */
	assert_true(gt_fusion_accepts(&f, 0, 5, 9));           /* Rap row, Hip-Hop guessed */
	assert_false(gt_fusion_accepts(&f, 2, 5, 9));          /* a Rap-only track */
	assert_true(gt_fusion_accepts(&f, 2, 5, 5));
	assert_int_equal(f.ncombos, 2);
	gt_fusion_set_name(&f.combos[0].set, &study, name, sizeof(name));
	assert_int_equal(f.combos[0].tracks, 1);
	gt_fusion_set_name(&(gt_genre_set){ { (1u << 5) | (1u << 9) } }, &study, name, sizeof(name));
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

/* 114 genres, as the Spotify tracks table has: sets past the 32nd and
 * the 64th genre group, name and accept as the first ones do. */
static void test_many_genres(void **state)
{
	static const char *const extra[][3] = {
		{ "A", "Song", "g003" }, { "A", "Song", "g100" },                 /* 3 + 100 */
		{ "B", "Tune", "g113" }, { "B", "Tune", "g040" }, { "B", "Tune", "g070" },
		{ "C", "Air", "g100" }, { "C", "Air", "g003" }, { "C", "Air", "g100" },
		{ "D", "Solo", "g101" }, { "D", "Solo", "g101" },
	};
	size_t cap = 200 * 160, used;
	char *csv = malloc(cap), name[64];
	gt_genres gs;
	gt_dataset ds;
	gt_fusion f;
	gt_error err;

	(void)state;
	used = (size_t)snprintf(csv, cap, "%s", HEADER);
	for (int c = 0; c < 114; c++)           /* every genre once, a track of its own */
		used += (size_t)snprintf(csv + used, cap - used, ROW("X", "t%d", "g%03d"), c, c);
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		used += (size_t)snprintf(csv + used, cap - used, ROW("%s", "%s", "%s"), extra[i][0],
		                         extra[i][1], extra[i][2]);
	parse(&ds, csv);
	assert_int_equal(gt_genres_from_data(&gs, &ds, &err), GT_OK);
	assert_int_equal(gs.k, 114);
	assert_int_equal(gt_fusion_build(&f, &ds, &gs, &err), GT_OK);
	assert_int_equal(f.multi_tracks, 3);
	assert_int_equal(f.multi_rows, 8);
	assert_int_equal(f.ncombos, 2);
	assert_int_equal(f.combos[0].tracks, 2);                   /* A and C */
	gt_fusion_set_name(&f.combos[0].set, &gs, name, sizeof(name));
	assert_string_equal(name, "g003 + g100");
	assert_int_equal(f.combos[1].tracks, 1);
	gt_fusion_set_name(&f.combos[1].set, &gs, name, sizeof(name));
	assert_string_equal(name, "g040 + g070 + g113");
	assert_false(gt_fusion_is_multi(&f, 3));                   /* X t3: its own */
	assert_true(gt_fusion_is_multi(&f, 114));                  /* A's g003 row */
	assert_true(gt_fusion_accepts(&f, 114, 3, 100));
	assert_true(gt_fusion_accepts(&f, 116, 113, 40));          /* B: 113, 40, 70 */
	assert_true(gt_fusion_accepts(&f, 116, 113, 70));
	assert_false(gt_fusion_accepts(&f, 116, 113, 100));
	assert_false(gt_fusion_accepts(&f, 116, 113, 3));
	assert_false(gt_fusion_is_multi(&f, 122));                 /* D: g101 twice */
	assert_false(gt_fusion_accepts(&f, 100, 100, 3));          /* X t100 is not A */
	gt_fusion_free(&f);
	gt_dataset_free(&ds);
	free(csv);
}

/* Sets order as numbers: the highest genre decides first. */
static void test_set_order(void **state)
{
	gt_genre_set a = { { 0 } }, b = { { 0 } };

	(void)state;
	a.w[0] = ~(uint64_t)0;
	b.w[1] = 1;
	assert_int_equal(gt_genre_set_cmp(&a, &b), -1);
	assert_int_equal(gt_genre_set_cmp(&b, &a), 1);
	a.w[3] = (uint64_t)1 << 63;                                 /* class 255 */
	assert_true(gt_genre_set_has(&a, 255));
	assert_false(gt_genre_set_has(&a, 256));
	assert_false(gt_genre_set_has(&a, -1));
	assert_int_equal(gt_genre_set_cmp(&a, &b), 1);
	assert_int_equal(gt_genre_set_cmp(&a, &a), 0);
	assert_false(gt_genre_set_multi(&b));
	assert_true(gt_genre_set_multi(&a));
	memset(&a, 0, sizeof(a));
	a.w[1] = 1;
	a.w[3] = 1;
	assert_true(gt_genre_set_multi(&a));                       /* one bit in each of two words */
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
	assert_true(is_set(&f.combos[0].set, (1u << 5) | (1u << 9)));    /* Hip-Hop + Rap */
	assert_int_equal(f.combos[0].tracks, 1517);
	assert_true(is_set(&f.combos[1].set, (1u << 3) | (1u << 7)));    /* Alternative + Rock */
	assert_int_equal(f.combos[1].tracks, 535);
	assert_true(is_set(&f.combos[2].set, (1u << 4) | (1u << 7)));    /* Country + Rock */
	assert_int_equal(f.combos[2].tracks, 291);
	gt_fusion_free(&f);
	gt_dataset_free(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_groups_by_artist_and_track),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_many_genres),
		cmocka_unit_test(test_set_order),
		cmocka_unit_test(test_real_file),
	};

	gt_genres_study(&study);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
