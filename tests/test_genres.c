/* test_genres.c: the classes of a file's labels: the study's ten when most
 * labelled rows name them (typos then stay invalid), else the file's own
 * labels as given, in byte order; too many or a single one explained; the
 * names made safe to print, the column headings told apart. */
#include "testutil.h"
#include "fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/colmap.h"
#include "genretui/genre_find.h"
#include "genretui/genres.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/session.h"
#include <unistd.h>

#define HEADER "popularity,acousticness,danceability,duration_ms,energy," \
	"instrumentalness,key,liveness,loudness,mode,speechiness,tempo,valence,music_genre\n"
#define ROW(genre) "50,0.1,0.5,200000,0.5,0.1,5,0.1,-7,1,0.05,120,0.5," genre "\n"

/* Decide the genres of a file made of the given label cells. */
static void decide(gt_genres *g, const char *const *labels, int n)
{
	static char text[65536];
	size_t len = (size_t)snprintf(text, sizeof(text), "%s", HEADER);
	gt_dataset ds;
	gt_error err;

	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, ROW("%s"), labels[i]);
	if (gt_dataset_parse(&ds, text, len, "t.csv", &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(gt_genres_from_data(g, &ds, &err), GT_OK);
	gt_dataset_free(&ds);
}

/* The study's ten by name: exactly (the cleaning's), then forgivingly. */
static void test_study_names(void **state)
{
	(void)state;
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_int_equal(gt_genre_index(gt_genre_names[c]), c);
	assert_int_equal(gt_genre_index("hip-hop"), -1);     /* exact */
	assert_int_equal(gt_genre_lookup("hip hop"), 9);     /* forgiving */
	assert_int_equal(gt_genre_lookup("HIPHOP"), 9);
	assert_int_equal(gt_genre_lookup("classical"), 8);
	assert_int_equal(gt_genre_lookup("Polka"), -1);
	assert_int_equal(gt_genre_lookup(""), -1);
}

static void test_study(void **state)
{
	static const char *const lab[] = { "Rock", "hip hop", "JAZZ", "Polka", "", "Rock" };
	gt_genres g;

	(void)state;
	decide(&g, lab, 6);             /* 4 of 5 labelled rows are the study's */
	assert_false(g.from_data);
	assert_int_equal(g.k, GT_NCLASSES);
	assert_string_equal(g.name[9], "Hip-Hop");
	assert_string_equal(g.abbr[9], "HipH");
	assert_int_equal(gt_genres_find(&g, "Hip-Hop"), 9);
	assert_int_equal(gt_genres_find(&g, "hiphop"), 9);
	assert_int_equal(gt_genres_find(&g, "Polka"), -1);   /* a typo: invalid */
	decide(&g, lab, 0);             /* no labels at all: the study's */
	assert_false(g.from_data);
}

static void test_from_data(void **state)
{
	static const char *const lab[] = {
		"salsa", "k-pop", "Rock", "salsa", "techno", "k-pop", "\"drum, bass\"", "forr\xc3\xb3"
	};
	gt_genres g;

	(void)state;
	decide(&g, lab, 8);             /* 1 of 8 is the study's: the file's own */
	assert_true(g.from_data);
	assert_int_equal(g.k, 6);
	assert_int_equal(g.found, 6);
	/* byte order, names as given */
	assert_string_equal(g.raw[0], "Rock");
	assert_string_equal(g.raw[1], "drum, bass");
	assert_string_equal(g.raw[2], "forr\xc3\xb3");
	assert_string_equal(g.raw[3], "k-pop");
	assert_string_equal(g.raw[4], "salsa");
	assert_string_equal(g.raw[5], "techno");
	assert_int_equal(gt_genres_find(&g, "k-pop"), 3);
	assert_int_equal(gt_genres_find(&g, "K-Pop"), -1);   /* exact */
	assert_int_equal(gt_genres_find(&g, "rock"), -1);
	assert_string_equal(g.abbr[2], "forr");              /* four characters */
	assert_string_equal(g.abbr[3], "k-po");
	assert_string_equal(gt_genre_name(&g, 6), "?");
	assert_int_equal(gt_genres_check(&g, NULL, NULL), GT_OK);
}

static void test_too_many_and_one(void **state)
{
	static char names[300][16];
	static const char *lab[300];
	char path[] = "t.csv";
	gt_genres g;
	gt_dataset ds;
	gt_error err;

	(void)state;
	for (int i = 0; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "genre%03d", 299 - i);
		lab[i] = names[i];
	}
	decide(&g, lab + 43, 257);      /* one too many: genre000 .. genre256 */
	assert_true(g.from_data);
	assert_int_equal(g.found, 257);
	memset(&ds, 0, sizeof(ds));
	ds.path = path;
	assert_int_equal(gt_genres_check(&g, &ds, &err), GT_ERR_EMPTY);
	assert_string_equal(err.msg, "t.csv: the label column 'music_genre' has 257 genres "
	                    "(genre000, genre001, genre002, genre003, genre004, genre005, "
	                    "genre006, genre007, ...), not the study's ten; at most 256 are "
	                    "supported");
	decide(&g, lab, 300);           /* beyond what is remembered: counted */
	assert_int_equal(gt_genres_check(&g, &ds, &err), GT_ERR_EMPTY);
	assert_non_null(strstr(err.msg, "has more than 257 genres"));
	decide(&g, lab + 44, 256);      /* exactly as many as fit */
	assert_int_equal(g.k, 256);
	assert_string_equal(g.raw[0], "genre000");
	assert_string_equal(g.raw[255], "genre255");
	assert_int_equal(gt_genres_check(&g, &ds, &err), GT_OK);
	decide(&g, lab, 1);
	assert_int_equal(gt_genres_check(&g, &ds, &err), GT_ERR_EMPTY);
	assert_string_equal(err.msg, "t.csv: the label column 'music_genre' has one genre, "
	                    "'genre299', not one of the study's ten: at least two are needed "
	                    "to train");
}

/* Labels that are all whole numbers sort by value; any other label among
 * them sorts the lot as bytes, as before. */
static void test_numeric_order(void **state)
{
	static const char *const lab[] = { "10", "2", "0", "1", "9", "3", "-1", "10", "007" };
	static const char *const want[] = { "-1", "0", "1", "2", "3", "007", "9", "10" };
	static const char *const mixed[] = { "10", "2", "x1" };
	static const char *const nums[] = { "1", "+2", "-3", "0012" };
	static const char *const not[] = { "1.0", "1e3", " 1", "", "12345678901234567890" };
	gt_genres g;

	(void)state;
	decide(&g, lab, 9);
	assert_int_equal(g.k, 8);
	for (int c = 0; c < 8; c++)
		assert_string_equal(g.raw[c], want[c]);
	assert_int_equal(gt_genres_find(&g, "10"), 7);
	assert_int_equal(gt_genres_find(&g, "007"), 5);
	decide(&g, mixed, 3);
	assert_string_equal(g.raw[0], "10");
	assert_string_equal(g.raw[1], "2");
	assert_string_equal(g.raw[2], "x1");
	assert_true(gt_genres_numeric(nums, 4));
	assert_false(gt_genres_numeric(nums, 0));
	for (size_t i = 0; i < sizeof(not) / sizeof(*not); i++)
		assert_false(gt_genres_numeric(&not[i], 1));
}

/* GT_GENRES_OWN: a GTZAN-like file's ten labels, six of which the study's
 * lenient names would take, are ten classes of its own. Without the flag
 * (the study's columns) the study's ten still win. */
static void test_own_schema(void **state)
{
	static const char *const gtzan[] = { "blues", "classical", "country", "disco", "hiphop",
	                                     "jazz", "metal", "pop", "reggae", "rock", "rock",
	                                     "jazz", "blues" };
	static char text[4096];
	size_t len = (size_t)snprintf(text, sizeof(text), "%s", HEADER);
	gt_genres g;
	gt_dataset ds;
	gt_error err;

	(void)state;
	for (int i = 0; i < 13; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, ROW("%s"), gtzan[i]);
	assert_int_equal(gt_dataset_parse(&ds, text, len, "gtzan.csv", &err), GT_OK);
	assert_int_equal(gt_genres_from_data_flags(&g, &ds, GT_GENRES_OWN, &err), GT_OK);
	assert_true(g.from_data);
	assert_int_equal(g.k, 10);
	for (int c = 0; c < 10; c++)
		assert_string_equal(g.raw[c], gtzan[c]);
	assert_int_equal(gt_genres_find(&g, "hiphop"), 4);
	assert_int_equal(gt_genres_find(&g, "Hip-Hop"), -1);
	assert_int_equal(gt_genres_check(&g, &ds, &err), GT_OK);
	/* the study's columns: 8 of 13 rows name a study genre leniently */
	assert_int_equal(gt_genres_from_data(&g, &ds, &err), GT_OK);
	assert_false(g.from_data);
	assert_int_equal(gt_genres_find(&g, "hiphop"), 9);
	assert_int_equal(gt_genres_find(&g, "disco"), -1);
	gt_dataset_free(&ds);
}

static void test_set_and_same(void **state)
{
	static const char *const two[] = { "a", "b" };
	static const char *const heads[] = { "Electro House", "Electro Pop", "Electro", "x\x1b[2J" };
	const char *names[GT_MAX_CLASSES];
	char longname[80];
	gt_genres a, b, s;

	(void)state;
	assert_int_equal(gt_genres_set(&a, two, 2), 0);
	assert_true(a.from_data);
	assert_int_equal(gt_genres_set(&b, two, 2), 0);
	assert_true(gt_genres_same(&a, &b));
	assert_int_equal(gt_genres_set(&s, gt_genre_names, GT_NCLASSES), 0);
	assert_false(s.from_data);      /* the study's ten in order */
	assert_false(gt_genres_same(&a, &s));
	assert_int_equal(gt_genres_set(&a, two, 0), -1);
	assert_int_equal(gt_genres_set(&a, two, GT_MAX_CLASSES + 1), -1);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	names[0] = "a";
	names[1] = longname;
	assert_int_equal(gt_genres_set(&a, names, 2), -1);
	/* headings stay apart; names are safe to print */
	assert_int_equal(gt_genres_set(&a, heads, 4), 0);
	assert_string_equal(a.abbr[0], "Elec");
	assert_string_equal(a.abbr[1], "Ele1");
	assert_string_equal(a.abbr[2], "Ele2");
	assert_string_equal(a.name[3], "x\\x1b[2J");
	gt_genres_names(&a, names);
	assert_string_equal(names[1], "Electro Pop");
	assert_string_equal(names[4], "?");
}

/* A file of twelve genres of its own, end to end: the pipeline's classes,
 * a network with twelve outputs, 12x12 matrices, a version-2 model file that
 * reads back with its names, and a model of other genres refused. */
static void test_session_own_genres(void **state)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_pipeline_opts o;
	gt_colmap map;
	gt_session s;
	gt_predictor a, b;
	gt_error err;
	unsigned char *img;
	size_t n, total = 0;
	char path[4096];

	(void)state;
	if (!fx_data_file("spotify_api_own_genres.csv", path, sizeof(path)))
		skip();
	gt_colmap_init(&map);
	assert_int_equal(gt_colmap_parse(&map, "label=track_genre,duration_ms=duration",
	                                 &err), GT_OK);
	gt_pipeline_defaults(&o);
	o.map = &map;
	if (gt_session_open(&s, path, &o, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_true(s.pipe.clean.genres.from_data);
	assert_int_equal(s.pipe.clean.genres.k, 12);
	assert_string_equal(s.pipe.clean.genres.name[4], "drum, bass");
	for (int c = 0; c < 12; c++) {
		assert_int_equal(s.pipe.clean.ledger.genre_after[c], 20);
		total += s.pipe.clean.ledger.genre_after[c];
	}
	assert_int_equal(total, 240);
	hp.epochs = 2;
	assert_int_equal(gt_session_start(&s, &paper->arch, &hp, &err), GT_OK);
	assert_int_equal(s.model.arch.sizes[s.model.arch.nlayers], 12);
	while (gt_session_step(&s, NULL) >= 0)
		;
	assert_int_equal(s.cm_test.k, 12);
	assert_int_equal(s.rep_train.k, 12);
	assert_int_equal(s.rep_test.total, (long)s.pipe.test.n);
	/* the model file: version 2, the names kept */
	assert_int_equal(gt_predictor_from_session(&a, &s, "paper", &err), GT_OK);
	assert_int_equal(gt_predictor_encode(&a, &img, &n, &err), GT_OK);
	assert_int_equal(img[8], 2);
	assert_int_equal(gt_predictor_decode(&b, img, n, "own.gtm", &err), GT_OK);
	assert_true(gt_genres_same(&a.genres, &b.genres));
	assert_true(b.genres.from_data);
	assert_string_equal(b.genres.name[5], "forr\xc3\xb3");
	free(img);
	/* a model of the study's genres cannot be evaluated on this file */
	gt_predictor_free(&b);
	{
		gt_model m;
		gt_norm mm = s.pipe.norm;

		assert_int_equal(gt_model_init(&m, &paper->arch, 1, &err), GT_OK);
		assert_int_equal(gt_session_adopt(&s, &m, &mm, &hp, 1, &err), GT_ERR_MODEL);
		assert_string_equal(err.msg, "the model predicts 10 genres, the file has 12");
		gt_model_free(&m);
	}
	gt_predictor_free(&a);
	gt_session_close(&s);
}

/* The finder answers gt_genres_find for every label of the table and for
 * others: the study's ten (and their lenient names), 114 and 256 labels
 * of a file's own, whole numbers, labels too long to be a class. */
static void same_finds(const gt_genres *g, const char *const *probe, int np)
{
	gt_genre_finder f;

	gt_genre_finder_init(&f, g);
	for (int c = 0; c < g->k; c++) {
		assert_int_equal(gt_genre_finder_find(&f, g->raw[c]), c);
		assert_int_equal(gt_genres_find(g, g->raw[c]), c);
	}
	for (int i = 0; i < np; i++)
		assert_int_equal(gt_genre_finder_find(&f, probe[i]), gt_genres_find(g, probe[i]));
}

static void test_finder(void **state)
{
	static const char *const probe[] = {
		"", "Rock", "rock", "hip hop", "HIPHOP", "Polka", "genre 7", "genre 07",
		"genre 255", "genre 256", "7", "10", "010", "acoustic", "acoustic ",
		"a label far too long to be a class of any table, over sixty-four bytes long",
	};
	static char names[GT_MAX_CLASSES][24];
	const char *ptr[GT_MAX_CLASSES];
	gt_genres g;
	int np = (int)(sizeof(probe) / sizeof(probe[0]));

	(void)state;
	gt_genres_study(&g);
	same_finds(&g, probe, np);
	for (int k = 2; k <= GT_MAX_CLASSES; k += k < 16 ? 1 : 98) {
		for (int c = 0; c < k; c++) {
			snprintf(names[c], sizeof(names[c]), k % 2 ? "%d" : "genre %d", c);
			ptr[c] = names[c];
		}
		assert_int_equal(gt_genres_set(&g, ptr, k), 0);
		same_finds(&g, probe, np);
	}
	for (int c = 0; c < GT_MAX_CLASSES; c++) {
		snprintf(names[c], sizeof(names[c]), "genre %d", c);
		ptr[c] = names[c];
	}
	assert_int_equal(gt_genres_set(&g, ptr, GT_MAX_CLASSES), 0);
	same_finds(&g, probe, np);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_study_names),
		cmocka_unit_test(test_study),
		cmocka_unit_test(test_from_data),
		cmocka_unit_test(test_too_many_and_one),
		cmocka_unit_test(test_numeric_order),
		cmocka_unit_test(test_own_schema),
		cmocka_unit_test(test_set_and_same),
		cmocka_unit_test(test_finder),
		cmocka_unit_test(test_session_own_genres),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
