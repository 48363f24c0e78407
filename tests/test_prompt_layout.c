/* test_prompt_layout.c: the predict prompt on a model of a file's own
 * columns (layout.h): 5 numeric columns and a one-hot column of 3 levels
 * (as in test_own_layout.c), and 58 numeric columns named as GTZAN's.
 * Parsing, completion, the answers (medians, one-hot levels, training
 * ranges, help) of a hand-set model whose every figure is known. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/prompt.h"
#include "genretui/prompt_answer.h"

static const char *const moods[3] = { "calm", "tense", "wild" };

/* rms_mean tempo mood(calm tense wild) zcr length centroid: 8 inputs. */
static void own_layout(gt_layout *l)
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
}

/* GTZAN's feature table: length, 57 features (the librosa means and
 * variances, tempo, 20 MFCCs' mean and var). */
static void gtzan_layout(gt_layout *l)
{
	static const char *const base[] = {
		"chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth", "rolloff",
		"zero_crossing_rate", "harmony", "perceptr",
	};
	static char names[58][32];
	gt_layout_column cols[58];
	int n = 0;

	snprintf(names[n++], 32, "length");
	for (size_t b = 0; b < sizeof(base) / sizeof(base[0]); b++) {
		snprintf(names[n++], 32, "%s_mean", base[b]);
		snprintf(names[n++], 32, "%s_var", base[b]);
	}
	snprintf(names[n++], 32, "tempo");
	for (int m = 1; m <= 20; m++) {
		snprintf(names[n++], 32, "mfcc%d_mean", m);
		snprintf(names[n++], 32, "mfcc%d_var", m);
	}
	assert_int_equal(n, 58);
	for (int i = 0; i < n; i++)
		cols[i] = (gt_layout_column){ names[i], GT_SOURCE_NUMERIC, 0, NULL };
	assert_int_equal(gt_layout_from_columns(l, cols, n, NULL), GT_OK);
}

static gt_layout own, gtzan;

static int setup(void **state)
{
	(void)state;
	own_layout(&own);
	gtzan_layout(&gtzan);
	return 0;
}

static void test_parse(void **state)
{
	gt_prompt_line l;

	(void)state;
	gt_prompt_parse_for(&own, "rms_mean=0.5 mood=tense CENTROID = 1200", &l);
	assert_int_equal(l.kind, GT_PC_SET);
	assert_int_equal(l.given, (1u << 0) | (1u << 2) | (1u << 5));
	assert_near(l.num[0], 0.5, 0);
	assert_near(l.num[5], 1200, 0);
	assert_int_equal(l.level[2], 1);
	gt_prompt_parse_for(&own, "mood=WILD", &l);          /* a level ignoring case */
	assert_int_equal(l.kind, GT_PC_SET);
	assert_int_equal(l.level[2], 2);
	gt_prompt_parse_for(&own, "tempo=120 mood=clam", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_int_equal(l.err_at, 15);
	assert_string_equal(l.err, "mood: unknown level 'clam' (did you mean calm?); its levels: "
	                    "calm, tense, wild");
	gt_prompt_parse_for(&own, "mood=loud", &l);
	assert_string_equal(l.err, "mood: unknown level 'loud'; its levels: calm, tense, wild");
	gt_prompt_parse_for(&own, "mood=5", &l);   /* a one-hot column takes a level, not a number */
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse_for(&own, "rms_man=1", &l);
	assert_string_equal(l.err, "unknown name 'rms_man' (did you mean rms_mean?)");
	gt_prompt_parse_for(&own, "key=C", &l);     /* no key in this model */
	assert_string_equal(l.err, "unknown name 'key' (help lists the names)");
	gt_prompt_parse_for(&own, "tempo=fast", &l);
	assert_string_equal(l.err, "tempo: 'fast' is not a number");
	gt_prompt_parse_for(&own, "moo", &l);
	assert_string_equal(l.err, "expected name=value, got 'moo' (did you mean mood=...?)");
	gt_prompt_parse_for(&own, "row 3", &l);
	assert_int_equal(l.kind, GT_PC_ROW);
}

/* 58 columns: bits past the first word, and the sets. */
static void test_many_columns(void **state)
{
	gt_prompt_line l;
	gt_track_input t;
	unsigned set[GT_PROMPT_WORDS];
	double lo[GT_MAX_INPUTS], hi[GT_MAX_INPUTS];

	(void)state;
	gt_prompt_parse_for(&gtzan, "mfcc20_var=3 length=661794 mfcc1_mean=-500", &l);
	assert_int_equal(l.kind, GT_PC_SET);
	assert_int_equal(l.given_bits[0], (1u << 0) | (1u << 18));   /* length, mfcc1_mean */
	assert_int_equal(l.given_bits[1], 1u << (57 - 32));         /* mfcc20_var */
	gt_track_input_clear_for(&t, &gtzan);
	gt_track_input_apply(&t, &l);
	assert_near(t.num[57], 3, 0);
	assert_int_equal(gt_track_input_missing_set(&t, set), 55);
	assert_false(gt_prompt_bit(set, 57));
	assert_true(gt_prompt_bit(set, 56));
	for (int i = 0; i < 58; i++)
		lo[i] = -100, hi[i] = 1e6;
	assert_int_equal(gt_track_input_unusual_set(&t, lo, hi, set), 1);
	assert_true(gt_prompt_bit(set, 18));        /* mfcc1_mean=-500 */
}

static void test_complete(void **state)
{
	const char *out[GT_MAX_SOURCES + 16];
	int n;

	(void)state;
	n = gt_prompt_complete_for(&own, "", "r", out, 64);
	assert_int_equal(n, 2);
	assert_string_equal(out[0], "row");
	assert_string_equal(out[1], "rms_mean");
	n = gt_prompt_complete_for(&own, "tempo=120 mood=", "t", out, 64);
	assert_int_equal(n, 1);
	assert_string_equal(out[0], "tense");
	n = gt_prompt_complete_for(&own, "mood = ", "", out, 64);
	assert_int_equal(n, 3);
	assert_string_equal(out[2], "wild");
	n = gt_prompt_complete_for(&own, "tempo=120 ", "", out, 64);
	assert_int_equal(n, 6);                     /* names only, after the first word */
	assert_string_equal(out[2], "mood");
	n = gt_prompt_complete_for(&own, "", "key", out, 64);
	assert_int_equal(n, 0);
	n = gt_prompt_complete_for(&gtzan, "", "mfcc1", out, (int)(sizeof(out) / sizeof(out[0])));
	assert_int_equal(n, 22);                    /* mfcc1_ and mfcc10..19_, mean and var */
	assert_string_equal(out[0], "mfcc1_mean");
	n = gt_prompt_complete_for(&gtzan, "", "", out, (int)(sizeof(out) / sizeof(out[0])));
	assert_int_equal(n, 7 + 58);
}

/* ---- answers of a hand-set model */

typedef struct {
	char text[64][1024];
	int n;
} sink;

static void collect(void *ctx, gt_out_role role, const char *text)
{
	sink *s = ctx;

	(void)role;
	if (s->n < 64)
		snprintf(s->text[s->n++], sizeof(s->text[0]), "%s", text);
}

static int ask(gt_answerer *a, const char *line, sink *s)
{
	s->n = 0;
	return gt_answerer_line(a, line, collect, s);
}

/* A linear softmax model 8 -> 3 on the raw inputs (no normalisation):
 * genre c's logit is 4 times mood's level c input, plus rms_mean for
 * gamma (the standardisation's figures are 0 and 1: inputs as they are). Medians: rms_mean 0.25, tempo 120, mood 0.5 calm / 0 / 0, zcr
 * 0.1, length 30, centroid 2000; ranges around them. */
static void hand_predictor(gt_predictor *p)
{
	static const char *const names[3] = { "alpha", "beta", "gamma" };
	const gt_arch arch = { 1, { 8, 3 }, { GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	static const double median[8] = { 0.25, 120, 0.5, 0, 0, 0.1, 30, 2000 };

	memset(p, 0, sizeof(*p));
	p->layout = own;
	gt_norm_init(&p->norm, GT_PREP_IMPUTE, &own);
	assert_int_equal(gt_genres_set(&p->genres, names, 3), 0);
	assert_int_equal(gt_model_init(&p->model, &arch, 1, NULL), GT_OK);
	memset(p->model.params, 0, p->model.nparams * sizeof(gt_real));
	for (int c = 0; c < 3; c++)
		p->model.W[0][c * 8 + 2 + c] = 4;
	p->model.W[0][2 * 8 + 0] = 1;
	for (int i = 0; i < 8; i++) {
		p->median[i] = median[i];
		p->lo[i] = median[i] - 1;
		p->hi[i] = median[i] + 1;
	}
	p->lo[1] = 60;
	p->hi[1] = 200;
}

/* softmax of (4 calm, 4 tense, 4 wild + rms) */
static void want_probs(double calm, double tense, double wild, double rms, double p[3])
{
	double e[3] = { exp(4 * calm), exp(4 * tense), exp(4 * wild + rms) };

	for (int c = 0; c < 3; c++)
		p[c] = e[c] / (e[0] + e[1] + e[2]);
}

static void test_answers(void **state)
{
	gt_predictor *p = calloc(1, sizeof(*p));
	sink *s = calloc(1, sizeof(*s));
	char want[256];
	double w[3];
	gt_answerer a;

	(void)state;
	assert_non_null(p);
	assert_non_null(s);
	hand_predictor(p);
	gt_answerer_init(&a, p, NULL);
	a.brief = 1;
	a.keep = 0;
	assert_int_equal(ask(&a, "mood=tense rms_mean=0", s), 0);
	want_probs(0, 1, 0, 0, w);
	snprintf(want, sizeof(want), "beta\t%.4f\talpha\t%.4f\tfilled=tempo,zcr,length,centroid",
	         w[1], w[0]);
	assert_string_equal(s->text[0], want);
	/* mood not given: its inputs' medians (calm 0.5), as the imputation */
	assert_int_equal(ask(&a, "rms_mean=3 tempo=500", s), 0);
	want_probs(0.5, 0, 0, 3, w);
	snprintf(want, sizeof(want), "gamma\t%.4f\talpha\t%.4f\tfilled=mood,zcr,length,centroid"
	         "\twarning=rms_mean=3 is outside the training range -0.75 .. 1.25; tempo=500 is "
	         "outside the training range 60 .. 200", w[2], w[0]);
	assert_string_equal(s->text[0], want);
	assert_int_equal(ask(&a, "mood=tens", s), -1);
	assert_string_equal(s->text[0], "column 6: mood: unknown level 'tens' (did you mean "
	                    "tense?); its levels: calm, tense, wild");
	gt_predictor_free(p);
	free(p);
	free(s);
}

/* Kept values, show and help name the model's columns. */
static void test_show_help(void **state)
{
	gt_predictor *p = calloc(1, sizeof(*p));
	sink *s = calloc(1, sizeof(*s));
	gt_answerer a;

	(void)state;
	assert_non_null(p);
	assert_non_null(s);
	hand_predictor(p);
	gt_answerer_init(&a, p, NULL);
	ask(&a, "mood=wild", s);
	assert_int_equal(ask(&a, "zcr=0.2", s), 0);
	assert_string_equal(s->text[1], "kept from before: mood=wild (clear forgets them)");
	assert_string_equal(s->text[2], "filled with training medians: rms_mean, tempo, length, "
	                    "centroid");
	assert_int_equal(strncmp(s->text[3], "  gamma", 7), 0);   /* no key/mode line: bars */
	ask(&a, "show", s);
	assert_int_equal(s->n, 6);
	assert_string_equal(s->text[0], "  rms_mean           (not given; median 0.25)");
	assert_string_equal(s->text[2], "  mood             = wild");
	assert_string_equal(s->text[3], "  zcr              = 0.2");
	ask(&a, "clear", s);
	ask(&a, "show", s);
	assert_string_equal(s->text[2], "  mood               (not given; medians of its levels' "
	                    "inputs: calm 0.5, tense 0, wild 0)");
	ask(&a, "help", s);
	assert_string_equal(s->text[0], "Type name=value pairs, e.g. rms_mean=0.25 tempo=120 "
	                    "mood=calm zcr=0.1");
	assert_string_equal(s->text[1], "names: the model's 6 columns (a one-hot column, levels in "
	                    "brackets, takes one of its levels):");
	assert_string_equal(s->text[2], "  rms_mean, tempo, mood (calm, tense, wild), zcr, length, "
	                    "centroid");
	a.brief = 1;
	ask(&a, "help", s);
	assert_int_equal(s->n, 1);
	assert_non_null(strstr(s->text[0], "(rms_mean, tempo, mood (calm, tense, wild), zcr, "));
	gt_predictor_free(p);
	free(p);
	free(s);
}

/* help wraps 58 names into lines of at most 76 characters, every name once. */
static void test_help_wraps(void **state)
{
	gt_predictor *p = calloc(1, sizeof(*p));
	sink *s = calloc(1, sizeof(*s));
	const gt_arch arch = { 1, { 58, 2 }, { GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	static const char *const names[2] = { "blues", "rock" };
	char all[4096] = "";
	gt_answerer a;
	int lines = 0;

	(void)state;
	assert_non_null(p);
	assert_non_null(s);
	p->layout = gtzan;
	gt_norm_init(&p->norm, GT_PREP_IMPUTE, &gtzan);
	assert_int_equal(gt_genres_set(&p->genres, names, 2), 0);
	assert_int_equal(gt_model_init(&p->model, &arch, 1, NULL), GT_OK);
	gt_answerer_init(&a, p, NULL);
	ask(&a, "help", s);
	assert_string_equal(s->text[1], "names: the model's 58 columns (a one-hot column, levels in "
	                    "brackets, takes one of its levels):");
	for (int i = 2; i < s->n && strncmp(s->text[i], "  ", 2) == 0; i++, lines++) {
		assert_true(strlen(s->text[i]) <= 76);
		strcat(all, s->text[i] + 2);
		strcat(all, " ");
	}
	assert_true(lines >= 10);
	assert_non_null(strstr(all, "length, chroma_stft_mean, "));
	assert_non_null(strstr(all, "mfcc20_mean, mfcc20_var "));
	assert_non_null(strstr(all, " tempo, mfcc1_mean, "));
	ask(&a, "mfcc20_var=1e9", s);
	assert_string_equal(s->text[s->n - 3], "mfcc20_var=1e+09 is outside the training range "
	                    "0 .. 0");
	gt_predictor_free(p);
	free(p);
	free(s);
}

/* Names as the prompt takes them: plain, or quoted where they hold a
 * blank, a quote, '=' or a comma; control characters escaped. */
static void test_name_typed(void **state)
{
	char b[GT_PROMPT_TYPED];

	(void)state;
	assert_string_equal(gt_prompt_name_typed("energy", b, sizeof(b)), "energy");
	assert_string_equal(gt_prompt_name_typed("duration_in min/ms", b, sizeof(b)),
	                    "\"duration_in min/ms\"");
	assert_string_equal(gt_prompt_name_typed("say \"hi\"", b, sizeof(b)), "\"say \"\"hi\"\"\"");
	assert_string_equal(gt_prompt_name_typed("a,b", b, sizeof(b)), "\"a,b\"");
	assert_string_equal(gt_prompt_name_typed("a=b", b, sizeof(b)), "\"a=b\"");
	assert_string_equal(gt_prompt_name_typed("x\ny", b, sizeof(b)), "x\\ny");
	assert_string_equal(gt_prompt_name_typed("x\ty z", b, sizeof(b)), "\"x\\ty z\"");
	assert_string_equal(gt_prompt_name_typed("a b", b, 6), "\"a b\"");
	assert_string_equal(gt_prompt_name_typed("a b c", b, 6), "\"a b\"");   /* cut, still closed */
}

/* A hackathon file's "duration_in min/ms" (and names with a quote, a
 * comma): typed in quotes, answered in quotes, each answer one line whose
 * names type back as they are. */
static void test_blank_names(void **state)
{
	static const char *const names[2] = { "pop", "rock" };
	const gt_layout_column cols[4] = {
		{ "energy", GT_SOURCE_NUMERIC, 0, NULL },
		{ "duration_in min/ms", GT_SOURCE_NUMERIC, 0, NULL },
		{ "say \"hi\"", GT_SOURCE_NUMERIC, 0, NULL },
		{ "a,b", GT_SOURCE_NUMERIC, 0, NULL },
	};
	const gt_arch arch = { 1, { 4, 2 }, { GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	gt_predictor *p = calloc(1, sizeof(*p));
	sink *s = calloc(1, sizeof(*s));
	gt_layout l;
	gt_prompt_line pl;
	gt_answerer a;
	char *filled, back[512] = "", *tab;

	(void)state;
	assert_non_null(p);
	assert_non_null(s);
	assert_int_equal(gt_layout_from_columns(&l, cols, 4, NULL), GT_OK);
	gt_prompt_parse_for(&l, "\"duration_in min/ms\"=200000 energy=0.5", &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_int_equal(pl.given, 3u);
	assert_near(pl.num[1], 200000, 0);
	gt_prompt_parse_for(&l, "  \"DURATION_IN MIN/MS\" = 7 \"say \"\"hi\"\"\"=1 \"a,b\"=2", &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_int_equal(pl.given, 14u);
	assert_near(pl.num[1], 7, 0);
	assert_near(pl.num[3], 2, 0);
	gt_prompt_parse_for(&l, "energy=1 duration_in min/ms=5", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_int_equal(pl.err_at, 9);
	assert_string_equal(pl.err, "expected name=value, got 'duration_in' (a name with "
	                    "blanks goes in quotes: \"duration_in min/ms\"=...)");
	gt_prompt_parse_for(&l, "energy=1 \"duration_in min/ms=5", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_int_equal(pl.err_at, 9);
	assert_non_null(strstr(pl.err, "needs its closing quote"));
	gt_prompt_parse_for(&l, "\"duration_in min/ms\" 5", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_string_equal(pl.err, "expected name=value, got '\"duration_in min/ms\"'");
	gt_prompt_parse_for(&l, "\"durations in min/ms\"=5", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_string_equal(pl.err, "unknown name 'durations in min/ms' (did you mean "
	                    "\"duration_in min/ms\"?)");

	p->layout = l;
	gt_norm_init(&p->norm, GT_PREP_IMPUTE, &l);
	assert_int_equal(gt_genres_set(&p->genres, names, 2), 0);
	assert_int_equal(gt_model_init(&p->model, &arch, 1, NULL), GT_OK);
	for (int i = 0; i < 4; i++)
		p->hi[i] = 1e9;
	gt_answerer_init(&a, p, NULL);
	a.brief = 1;
	a.keep = 0;
	assert_int_equal(ask(&a, "energy=0.5", s), 0);
	assert_int_equal(s->n, 1);
	filled = strstr(s->text[0], "\tfilled=");
	assert_non_null(filled);
	assert_string_equal(filled, "\tfilled=\"duration_in min/ms\",\"say \"\"hi\"\"\",\"a,b\"");
	/* the names as answered, typed back: every one is known */
	filled += strlen("\tfilled=");
	for (char *c = filled, *start = filled; ; c++) {
		int quoted = 0;

		for (; *c && (quoted || *c != ','); c++)
			quoted ^= *c == '"';
		strncat(back, start, (size_t)(c - start));
		strcat(back, "=1 ");
		if (!*c)
			break;
		start = c + 1;
	}
	gt_prompt_parse_for(&l, back, &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_int_equal(pl.given, 14u);
	tab = strchr(s->text[0], '\n');
	assert_null(tab);
	a.keep = 1;
	assert_int_equal(ask(&a, "clear", s), 0);
	assert_int_equal(ask(&a, "\"a,b\"=9", s), 0);
	assert_int_equal(ask(&a, "show", s), 0);
	assert_string_equal(s->text[0], "# \"a,b\"=9");
	gt_predictor_free(p);
	free(p);
	free(s);
}

/* A one-hot level with blanks is typed in quotes, as a name is; the
 * levels, "did you mean" and Tab's candidates are written so. */
static void test_blank_levels(void **state)
{
	static const char *const moods2[3] = { "calm", "Very Happy", "say \"hi\"" };
	const gt_layout_column cols[2] = {
		{ "energy", GT_SOURCE_NUMERIC, 0, NULL },
		{ "mood", GT_SOURCE_ONEHOT, 3, moods2 },
	};
	gt_layout l;
	gt_prompt_line pl;
	const char *cand[8];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&l, cols, 2, NULL), GT_OK);
	gt_prompt_parse_for(&l, "mood=\"Very Happy\" energy=0.5", &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_int_equal(pl.level[1], 1);
	assert_near(pl.num[0], 0.5, 0);
	gt_prompt_parse_for(&l, "mood = \"say \"\"hi\"\"\"", &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_int_equal(pl.level[1], 2);
	gt_prompt_parse_for(&l, "energy=\"0.25\"", &pl);
	assert_int_equal(pl.kind, GT_PC_SET);
	assert_near(pl.num[0], 0.25, 0);
	gt_prompt_parse_for(&l, "mood=Very Happy", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_int_equal(pl.err_at, 5);
	assert_string_equal(pl.err, "mood: unknown level 'Very'; its levels: calm, "
	                    "\"Very Happy\", \"say \"\"hi\"\"\"");
	gt_prompt_parse_for(&l, "mood=\"Very Hapy\"", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_non_null(strstr(pl.err, "(did you mean \"Very Happy\"?)"));
	gt_prompt_parse_for(&l, "energy=1 mood=\"Very Happy", &pl);
	assert_int_equal(pl.kind, GT_PC_ERROR);
	assert_int_equal(pl.err_at, 14);
	assert_non_null(strstr(pl.err, "a value in quotes needs its closing quote"));
	assert_int_equal(gt_prompt_complete_for(&l, "mood=", "Ve", cand, 8), 1);
	assert_string_equal(cand[0], "Very Happy");
	assert_int_equal(gt_prompt_complete_for(&l, "energy=1 mood = ", "s", cand, 8), 1);
	assert_string_equal(cand[0], "say \"hi\"");
}

/* Tab inside quotes: the word is the quoted text (blanks and all), the
 * name before '=' may be quoted, and a candidate goes on the line without
 * the quotes the typed one opened. */
static void test_complete_in_quotes(void **state)
{
	static const char *const moods2[3] = { "calm", "Very Happy", "say \"hi\"" };
	const gt_layout_column cols[3] = {
		{ "energy", GT_SOURCE_NUMERIC, 0, NULL },
		{ "my mood", GT_SOURCE_ONEHOT, 3, moods2 },
		{ "duration_in min/ms", GT_SOURCE_NUMERIC, 0, NULL },
	};
	gt_layout l;
	const char *cand[8];
	char buf[GT_PROMPT_TYPED];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&l, cols, 3, NULL), GT_OK);
	assert_int_equal(gt_prompt_complete_for(&l, "\"my mood\"=", "Very H", cand, 8), 1);
	assert_string_equal(cand[0], "Very Happy");
	assert_int_equal(gt_prompt_complete_for(&l, "energy=1 \"my mood\" = ", "", cand, 8), 3);
	assert_int_equal(gt_prompt_complete_for(&l, "\"my mood\"=calm ", "duration_in m", cand, 8),
	                 1);
	assert_int_equal(gt_prompt_complete_for(&l, "\"my mood\"=\"Very ", "H", cand, 8), 0);
	assert_string_equal(gt_prompt_candidate_typed("Very Happy", 1, buf, sizeof(buf)),
	                    "Very Happy");
	assert_string_equal(gt_prompt_candidate_typed("Very Happy", 0, buf, sizeof(buf)),
	                    "\"Very Happy\"");
	assert_string_equal(gt_prompt_candidate_typed("calm", 1, buf, sizeof(buf)), "calm");
	assert_string_equal(gt_prompt_candidate_typed("say \"hi\"", 1, buf, sizeof(buf)),
	                    "say \"\"hi\"\"\"");        /* readline leaves it closed */
	assert_string_equal(gt_prompt_candidate_typed("a \"b", 1, buf, sizeof(buf)), "a \"\"b");
}

/* The quote open at a point: "" inside quotes is a quote of the text. */
static void test_quote_open(void **state)
{
	const char *line = "mood=\"say \"\"hi\"\"\" x";

	(void)state;
	assert_int_equal(gt_prompt_quote_open("mood=\"Very H", 12), 6);
	assert_int_equal(gt_prompt_quote_open("mood=\"say \"\"h", 13), 6);
	assert_int_equal(gt_prompt_quote_open("mood=\"say \"\"", 12), 6);
	assert_int_equal(gt_prompt_quote_open("mood=\"say \"", 11), -1);   /* a closing quote */
	assert_int_equal(gt_prompt_quote_open(line, 12), 6);     /* inside "" */
	assert_int_equal(gt_prompt_quote_open(line, 16), 6);     /* before the last two */
	assert_int_equal(gt_prompt_quote_open(line, 17), -1);    /* closed */
	assert_int_equal(gt_prompt_quote_open(line, 19), -1);
	assert_int_equal(gt_prompt_quote_open("\"my mood\"=\"a", 12), 11);
	assert_int_equal(gt_prompt_quote_open("energy=1", 8), -1);
	assert_int_equal(gt_prompt_quote_open("\"a", 99), 1);   /* stops at the end */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_many_columns),
		cmocka_unit_test(test_complete),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_show_help),
		cmocka_unit_test(test_help_wraps),
		cmocka_unit_test(test_name_typed),
		cmocka_unit_test(test_quote_open),
		cmocka_unit_test(test_blank_names),
		cmocka_unit_test(test_blank_levels),
		cmocka_unit_test(test_complete_in_quotes),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
