/* test_clean.c: the study's cleaning (src/core/clean.c) on a hand-written fixture,
 * tests/data/ledger_small.csv (found through GT_TESTDATA), and on the real
 * dataset when GT_REAL_CSV names it. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genretui/clean.h"

#define HEADER "instance_id,artist_name,track_name,popularity,acousticness," \
	"danceability,duration_ms,energy,instrumentalness,key,liveness,"     \
	"loudness,mode,speechiness,tempo,obtained_date,valence,music_genre"

enum { ELECTRONIC, ANIME, JAZZ, ALTERNATIVE, COUNTRY, RAP, BLUES, ROCK,
       CLASSICAL, HIPHOP };

typedef fx_table fixture;

/* Load and clean tests/data/ledger_small.csv. */
static int setup_small(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	char path[1024];

	if (!f || !fx_data_file("ledger_small.csv", path, sizeof(path)) ||
	    fx_table_load(f, path) != 0) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx_table_free(*state);
	free(*state);
	return 0;
}

/* Describe row r of f into a static buffer. */
static const char *describe(const fixture *f, size_t r)
{
	static char buf[512];
	int n = gt_clean_describe(&f->cl, &f->ds, r, buf, sizeof(buf));

	assert_int_equal((size_t)n, strlen(buf));
	return buf;
}

static void test_fate_names(void **state)
{
	(void)state;
	assert_string_equal(gt_fate_key(GT_FATE_UNKNOWN_TEMPO), "unknown_tempo");
	assert_string_equal(gt_fate_text(GT_FATE_BLANK), "blank row");
	assert_string_equal(gt_fate_key(GT_FATE_KEPT), "kept");
	assert_string_equal(gt_fate_key(GT_NFATES), "?");
}

static void test_small_ledger(void **state)
{
	/* class order: Electronic Anime Jazz Alternative Country Rap Blues
	 * Rock Classical Hip-Hop */
	static const size_t before[GT_NCLASSES] = {
		2, 2, 3, 2, 2, 1, 2, 2, 2, 1
	};
	static const size_t after[GT_NCLASSES] = {
		1, 0, 1, 0, 0, 0, 0, 1, 1, 1
	};
	const gt_ledger *lg = &((fixture *)*state)->cl.ledger;

	assert_int_equal(lg->rows_read, 26);
	assert_int_equal(lg->fate[GT_FATE_KEPT], 5);
	assert_int_equal(lg->fate[GT_FATE_MALFORMED], 2);
	assert_int_equal(lg->fate[GT_FATE_BLANK], 1);
	assert_int_equal(lg->fate[GT_FATE_MISSING], 2);
	assert_int_equal(lg->fate[GT_FATE_INVALID], 12);
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_DURATION], 2);
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_TEMPO], 1);
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_BOTH], 1);
	assert_int_equal(lg->kept, 5);
	assert_int_equal(lg->dropped, 21);
	assert_int_equal(lg->complete, 21);
	assert_int_equal(lg->unknown_duration, 3);
	assert_int_equal(lg->unknown_tempo, 2);
	assert_memory_equal(lg->genre_before, before, sizeof(before));
	assert_memory_equal(lg->genre_after, after, sizeof(after));
}

static void test_small_fates(void **state)
{
	static const struct { unsigned char fate; signed char col; } want[] = {
		{ GT_FATE_KEPT, -1 }, { GT_FATE_KEPT, -1 },
		{ GT_FATE_UNKNOWN_DURATION, -1 }, { GT_FATE_UNKNOWN_TEMPO, -1 },
		{ GT_FATE_UNKNOWN_BOTH, -1 }, { GT_FATE_BLANK, -1 },
		{ GT_FATE_MISSING, GT_COL_ENERGY },
		{ GT_FATE_INVALID, GT_COL_TEMPO },
		{ GT_FATE_INVALID, GT_COL_DANCEABILITY },
		{ GT_FATE_INVALID, GT_COL_KEY }, { GT_FATE_INVALID, GT_COL_GENRE },
		{ GT_FATE_MALFORMED, -1 }, { GT_FATE_KEPT, -1 },
		{ GT_FATE_INVALID, GT_COL_MODE },
		{ GT_FATE_INVALID, GT_COL_POPULARITY },
		{ GT_FATE_INVALID, GT_COL_DURATION },
		{ GT_FATE_INVALID, GT_COL_KEY }, { GT_FATE_MALFORMED, -1 },
		{ GT_FATE_KEPT, -1 }, { GT_FATE_INVALID, GT_COL_LOUDNESS },
		{ GT_FATE_INVALID, GT_COL_ACOUSTICNESS },
		{ GT_FATE_INVALID, GT_COL_TEMPO },
		{ GT_FATE_UNKNOWN_DURATION, -1 },
		{ GT_FATE_MISSING, GT_COL_GENRE },
		{ GT_FATE_INVALID, GT_COL_GENRE }, { GT_FATE_KEPT, -1 },
	};
	const fixture *f = *state;

	assert_int_equal(f->ds.nrows, sizeof(want) / sizeof(want[0]));
	for (size_t r = 0; r < f->ds.nrows; r++) {
		if (f->cl.fates[r].fate != want[r].fate ||
		    f->cl.fates[r].col != want[r].col)
			fail_msg("row %zu: fate %d col %d, want %d %d", r,
			         f->cl.fates[r].fate, f->cl.fates[r].col,
			         want[r].fate, want[r].col);
	}
}

static void test_small_describe(void **state)
{
	static const char *const want[] = {
		"line 2: kept",
		"line 3: kept",
		"line 4: unknown duration (-1)",
		"line 5: unknown tempo (?)",
		"line 6: unknown duration and tempo",
		"line 7: blank row",
		"line 8: empty field in column 'energy'",
		"line 9: invalid value in column 'tempo': 'abc' is not a number",
		"line 10: invalid value in column 'danceability': '7' is out of "
		"range [0, 1]",
		"line 11: invalid value in column 'key': unknown key 'H' "
		"(expected C, C#, ... B, or 0 to 11, -1 for unknown)",
		"line 12: invalid value in column 'music_genre': unknown genre "
		"'Polka'",
		"line 13: wrong number of fields: 17, expected 18",
		"line 14: kept",
		"line 15: invalid value in column 'mode': unknown mode 'Dorian' "
		"(expected Major or Minor, or 1 or 0)",
		"line 16: invalid value in column 'popularity': '101.0' is out of "
		"range [0, 100]",
		"line 17: invalid value in column 'duration_ms': '0.0' is out of "
		"range (> 0, or -1 for unknown)",
		"line 18: invalid value in column 'key': unknown key "
		"'\\x1b[31mX\\nY' (expected C, C#, ... B, or 0 to 11, -1 for "
		"unknown)",
		"line 20: wrong number of fields: 19, expected 18",
		"line 22: kept",
		"line 23: invalid value in column 'loudness': 'inf' is not a number",
		"line 24: invalid value in column 'acousticness': '1e999' is not a "
		"finite number",
		"line 25: invalid value in column 'tempo': '0' is out of range "
		"(> 0, or '?' for unknown)",
		"line 26: unknown duration (-1)",
		"line 27: empty field in column 'music_genre'",
		"line 28: invalid value in column 'music_genre': unknown genre "
		"'ThisGenreNameIsMuchLongerThanFortyBytesF...'",
		"line 29: kept",
	};
	const fixture *f = *state;
	char small[12];

	for (size_t r = 0; r < sizeof(want) / sizeof(want[0]); r++)
		assert_string_equal(describe(f, r), want[r]);
	/* Like snprintf: cut to fit, but say the full length. */
	assert_int_equal(gt_clean_describe(&f->cl, &f->ds, 5, small,
	                                   sizeof(small)), 17);
	assert_string_equal(small, "line 7: bla");
}

/* Check the raw values of one track. */
static void check_track(const gt_clean *c, const gt_track *t, size_t row, int scale,
                        int genre, unsigned unknown)
{
	const double *num = gt_clean_values(c, (size_t)(t - c->tracks));

	assert_int_equal(t->row, row);
	assert_int_equal(t->scale, scale);
	assert_int_equal(t->genre, genre);
	assert_int_equal(t->unknown, unknown);
	assert_int_equal(isnan(num[GT_F_DURATION]),
	                 (unknown & GT_UNKNOWN_DURATION) != 0);
	assert_int_equal(isnan(num[GT_F_TEMPO]),
	                 (unknown & GT_UNKNOWN_TEMPO) != 0);
}

static void test_small_tracks(void **state)
{
	const fixture *f = *state;
	const gt_track *t = f->cl.tracks;

	assert_int_equal(f->cl.ntracks, 9);
	check_track(&f->cl, &t[0], 0, 2, ELECTRONIC, 0);               /* A#m */
	check_track(&f->cl, &t[1], 1, 6, ROCK, 0);                     /* C */
	check_track(&f->cl, &t[2], 2, 13, JAZZ, GT_UNKNOWN_DURATION);  /* Dm */
	check_track(&f->cl, &t[3], 3, 20, ANIME, GT_UNKNOWN_TEMPO);    /* G */
	check_track(&f->cl, &t[4], 4, 15, RAP,                         /* Em */
	            GT_UNKNOWN_DURATION | GT_UNKNOWN_TEMPO);
	check_track(&f->cl, &t[5], 12, 18, HIPHOP, 0);                 /* F#m */
	check_track(&f->cl, &t[6], 18, 14, CLASSICAL, 0);              /* E */
	check_track(&f->cl, &t[7], 22, 1, BLUES, GT_UNKNOWN_DURATION); /* Bb = A# */
	check_track(&f->cl, &t[8], 25, 5, JAZZ, 0);                    /* Bm */
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_POPULARITY] == 27.0);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_ACOUSTICNESS] == 0.00468);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_DANCEABILITY] == 0.652);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_DURATION] == 218293.0);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_ENERGY] == 0.941);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_INSTRUMENTALNESS] == 0.792);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_LIVENESS] == 0.115);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_LOUDNESS] == -5.2010000000000005);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_SPEECHINESS] == 0.0748);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_TEMPO] == 100.889);
	assert_true(gt_clean_values(&f->cl, 0)[GT_F_VALENCE] == 0.759);
	assert_true(gt_clean_values(&f->cl, 1)[GT_F_INSTRUMENTALNESS] == 3.33e-06);
	assert_true(gt_clean_values(&f->cl, 1)[GT_F_TEMPO] == 115.00200000000001);
	assert_true(gt_clean_values(&f->cl, 3)[GT_F_DURATION] == 180000.0);
	assert_true(gt_clean_values(&f->cl, 7)[GT_F_POPULARITY] == 33.0);
}

/* Parse text, clean it and describe row 0 (the text's first data row). */
static void describe_one(const char *text, const char *want)
{
	fixture f;
	char buf[512];

	assert_int_equal(fx_table_parse(&f, text), 0);
	gt_clean_describe(&f.cl, &f.ds, 0, buf, sizeof(buf));
	assert_string_equal(buf, want);
	fx_table_free(&f);
}

#define KEY_ROW(key) HEADER "\n1,a,b,27.0,0.1,0.2,200000.0,0.3,0.4,\"" key \
	"\",0.5,-5.5,Minor,0.06,120.0,4-Apr,0.7,Rock\n"
#define KEY_MSG "line 2: invalid value in column 'key': unknown key "
#define KEY_END " (expected C, C#, ... B, or 0 to 11, -1 for unknown)"

/* Data must never reach a terminal as control sequences. */
static void test_describe_escapes(void **state)
{
	(void)state;
	describe_one(KEY_ROW("\x1b]0;pwned\x07"), KEY_MSG "'\\x1b]0;pwned\\x07'" KEY_END);
	describe_one(KEY_ROW("a\tb\rc\x7f"), KEY_MSG "'a\\tb\\rc\\x7f'" KEY_END);
	describe_one(KEY_ROW("\xc2\x9b" "31m"), KEY_MSG "'\\u009b31m'" KEY_END);
	describe_one(KEY_ROW("\x9b\xff\xc3"), KEY_MSG "'\\x9b\\xff\\xc3'" KEY_END);
	describe_one(KEY_ROW("back\\slash"), KEY_MSG "'back\\\\slash'" KEY_END);
	describe_one(KEY_ROW("R\xc3\xb6yksopp \xe2\x99\xab"),
	             KEY_MSG "'R\xc3\xb6yksopp \xe2\x99\xab'" KEY_END);
	/* Cut at 40 bytes, never inside a UTF-8 sequence or an escape. */
	describe_one(KEY_ROW("\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01xyz"),
	             KEY_MSG "'\\x01\\x01\\x01\\x01\\x01\\x01\\x01\\x01\\x01"
	             "\\x01...'" KEY_END);
	describe_one(KEY_ROW("123456789012345678901234567890123456789\xc3\xb6z"),
	             KEY_MSG "'123456789012345678901234567890123456789"
	             "\xc3\xb6...'" KEY_END);
}

/* Leniency where the contract allows it, strictness elsewhere. */
static void test_lenient_names(void **state)
{
	(void)state;
	describe_one(HEADER "\n1,a,b,27,0,1,1,0.3,0.4,db,0.5,-5,MAJOR,0.06,"
	             "120,x,0.7,hip hop\n", "line 2: kept");
	describe_one(HEADER "\n1,a,b,-0.5,0,1,1,0.3,0.4,C,0.5,-5,Major,0.06,"
	             "120,x,0.7,Rock\n", "line 2: invalid value in column "
	             "'popularity': '-0.5' is out of range [0, 100]");
	describe_one(HEADER "\n1,a,b,5,0,1,1,0.3,0.4,C,0.5,-5,Major,0.06,"
	             "\"?\",x,0.7,Rock\n", "line 2: unknown tempo (?)");
	describe_one(HEADER "\n1,a,b,5,0,1,1,0.3,0.4,C,0.5,-5,Major,0.06,"
	             "??,x,0.7,Rock\n", "line 2: invalid value in column "
	             "'tempo': '?\?' is not a number");
}

/* Spotify Web API keys and modes: integers, -1 an unknown key (its own
 * fate, counted with the other unknowns), either form in one column. */
static void test_integer_keys(void **state)
{
	static const char text[] = HEADER "\n"
		"1,a,b,5,0,1,1,0.3,0.4,5,0.5,-5,1,0.06,120,x,0.7,Rock\n"       /* F */
		"2,a,b,5,0,1,1,0.3,0.4,A#,0.5,-5,0,0.06,120,x,0.7,Rock\n"      /* A#m */
		"3,a,b,5,0,1,1,0.3,0.4,11.0,0.5,-5,Minor,0.06,120,x,0.7,Rock\n" /* Bm */
		"4,a,b,5,0,1,1,0.3,0.4,-1,0.5,-5,1,0.06,120,x,0.7,Rock\n"
		"5,a,b,5,0,1,-1,0.3,0.4,-1,0.5,-5,1,0.06,?,x,0.7,Rock\n"
		"6,a,b,5,0,1,1,0.3,0.4,12,0.5,-5,1,0.06,120,x,0.7,Rock\n"
		"7,a,b,5,0,1,1,0.3,0.4,3,0.5,-5,2,0.06,120,x,0.7,Rock\n"
		"8,a,b,5,0,1,-1,0.3,0.4,0,0.5,-5,0,0.06,120,x,0.7,Rock\n";   /* Cm */
	fixture f;
	const gt_ledger *lg = &f.cl.ledger;
	char buf[256];

	(void)state;
	assert_int_equal(fx_table_parse(&f, text), 0);
	assert_int_equal(lg->kept, 3);
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_KEY], 2);
	assert_int_equal(lg->fate[GT_FATE_INVALID], 2);
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_DURATION], 1);
	assert_int_equal(lg->unknown_key, 2);
	assert_int_equal(lg->unknown_duration, 2);    /* rows 5 and 8 */
	assert_int_equal(lg->unknown_tempo, 1);       /* row 5, whose key is unknown too */
	assert_int_equal(lg->complete, 8);
	assert_int_equal(f.cl.ntracks, 4);            /* unknown keys are not usable */
	assert_int_equal(f.cl.tracks[0].scale, 16);   /* F */
	assert_int_equal(f.cl.tracks[1].scale, 2);    /* A#m */
	assert_int_equal(f.cl.tracks[2].scale, 5);    /* Bm */
	assert_int_equal(f.cl.tracks[3].scale, 9);    /* Cm */
	assert_int_equal(f.cl.tracks[3].unknown, GT_UNKNOWN_DURATION);
	gt_clean_describe(&f.cl, &f.ds, 3, buf, sizeof(buf));
	assert_string_equal(buf, "line 5: unknown key (-1)");
	gt_clean_describe(&f.cl, &f.ds, 5, buf, sizeof(buf));
	assert_string_equal(buf, "line 7: invalid value in column 'key': unknown key '12' "
	                    "(expected C, C#, ... B, or 0 to 11, -1 for unknown)");
	gt_clean_describe(&f.cl, &f.ds, 6, buf, sizeof(buf));
	assert_string_equal(buf, "line 8: invalid value in column 'mode': unknown mode '2' "
	                    "(expected Major or Minor, or 1 or 0)");
	assert_string_equal(gt_fate_key(GT_FATE_UNKNOWN_KEY), "unknown_key");
	fx_table_free(&f);
}

static void test_empty_dataset(void **state)
{
	gt_dataset ds;
	gt_clean cl;
	gt_error err = { 0 };

	(void)state;
	assert_int_equal(gt_dataset_parse(&ds, HEADER, strlen(HEADER), "t.csv",
	                                  &err), GT_OK);
	assert_int_equal(gt_clean_run(&cl, &ds, &err), GT_OK);
	assert_int_equal(cl.ledger.rows_read, 0);
	assert_int_equal(cl.ntracks, 0);
	gt_clean_free(&cl);
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
}

static void test_real_ledger(void **state)
{
	static const size_t after[GT_NCLASSES] = {
		4032, 4064, 4064, 4051, 4049, 4042, 4046, 4099, 4036, 4077
	};
	const char *path = fx_env_file("GT_REAL_CSV");
	fixture f;
	const gt_ledger *lg = &f.cl.ledger;

	(void)state;
	if (!path)
		skip();
	assert_int_equal(fx_table_load(&f, path), 0);
	assert_int_equal(lg->rows_read, 50005);
	assert_int_equal(lg->complete, 50000);
	assert_int_equal(lg->kept, 40560);
	assert_int_equal(lg->dropped, 50005 - 40560);
	assert_int_equal(lg->fate[GT_FATE_BLANK], 5);
	assert_int_equal(lg->fate[GT_FATE_MALFORMED], 0);
	assert_int_equal(lg->fate[GT_FATE_MISSING], 0);
	assert_int_equal(lg->fate[GT_FATE_INVALID], 0);
	assert_int_equal(lg->unknown_duration, 4939);
	assert_int_equal(lg->unknown_tempo, 4980);
	assert_memory_equal(lg->genre_after, after, sizeof(after));
	for (int g = 0; g < GT_NCLASSES; g++)
		assert_int_equal(lg->genre_before[g], 5000);
	/* 4460 + 4501 + 479: the rows dropped only for unknowns */
	assert_int_equal(lg->fate[GT_FATE_UNKNOWN_BOTH], 479);
	assert_int_equal(f.cl.ntracks, 40560 + 4460 + 4501 + 479);
	assert_int_equal(f.cl.ntracks, 40560 +
	                 lg->fate[GT_FATE_UNKNOWN_DURATION] +
	                 lg->fate[GT_FATE_UNKNOWN_TEMPO] +
	                 lg->fate[GT_FATE_UNKNOWN_BOTH]);
	assert_string_equal(describe(&f, 10000), "line 10002: blank row");
	assert_string_equal(describe(&f, 0), "line 2: unknown duration (-1)");
	fx_table_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fate_names),
		cmocka_unit_test_setup_teardown(test_small_ledger, setup_small,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_small_fates, setup_small,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_small_describe, setup_small,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_small_tracks, setup_small,
		                                teardown),
		cmocka_unit_test(test_describe_escapes),
		cmocka_unit_test(test_lenient_names),
		cmocka_unit_test(test_integer_keys),
		cmocka_unit_test(test_empty_dataset),
		cmocka_unit_test(test_real_ledger),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
