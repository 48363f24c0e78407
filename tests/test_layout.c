/* test_layout.c: the study's input layout and a file's own. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "genretui/encode.h"
#include "genretui/layout.h"
#include "genretui/normalize.h"

static const char *const mood_levels[3] = { "calm", "tense", "wild" };

/* 5 numeric columns around a one-hot column of 3 levels. */
static void own_layout(gt_layout *l)
{
	const gt_layout_column cols[6] = {
		{ "rms_mean", GT_SOURCE_NUMERIC, 0, NULL },
		{ "tempo", GT_SOURCE_NUMERIC, 0, NULL },
		{ "mood", GT_SOURCE_ONEHOT, 3, mood_levels },
		{ "zcr", GT_SOURCE_NUMERIC, 0, NULL },
		{ "length", GT_SOURCE_NUMERIC, 0, NULL },
		{ "centroid", GT_SOURCE_NUMERIC, 0, NULL },
	};
	gt_error err;

	if (gt_layout_from_columns(l, cols, 6, &err) != GT_OK)
		fail_msg("%s", err.msg);
}

static void test_study(void **state)
{
	static gt_layout l;

	(void)state;
	gt_layout_study(&l);
	assert_int_equal(l.nnum, GT_NNUMERIC);
	assert_int_equal(l.nhot, GT_NSCALES);
	assert_int_equal(l.ninputs, GT_NINPUTS);
	for (int i = 0; i < GT_NINPUTS; i++)
		assert_string_equal(gt_layout_input(&l, i), gt_input_names[i]);
	assert_string_equal(gt_layout_level(&l, GT_NNUMERIC + 2), "A#m");
	assert_string_equal(gt_layout_level(&l, 0), "");
	assert_int_equal(l.nsources, GT_NNUMERIC + 2);
	assert_int_equal(gt_layout_find_source(&l, "TEMPO"), GT_F_TEMPO);
	assert_int_equal(l.source[gt_layout_find_source(&l, "key")].kind, GT_SOURCE_KEY);
	assert_int_equal(l.source[gt_layout_find_source(&l, "mode")].kind, GT_SOURCE_MODE);
	assert_int_equal(gt_layout_find_source(&l, "scale"), -1);
	for (int f = 0; f < GT_NNUMERIC; f++) {
		int minmax = f == GT_F_POPULARITY || f == GT_F_DURATION || f == GT_F_LOUDNESS ||
		             f == GT_F_TEMPO;

		assert_int_equal(l.flags[f], GT_INPUT_STANDARD | (minmax ? GT_INPUT_MINMAX : 0));
		assert_int_equal(gt_layout_numeric_source(&l, f), f);
	}
	assert_int_equal(gt_layout_numeric_source(&l, GT_NNUMERIC), -1);
	assert_true(gt_layout_is_study(&l));
}

static void test_own(void **state)
{
	static gt_layout l, study;
	char buf[256];

	(void)state;
	own_layout(&l);
	gt_layout_study(&study);
	assert_int_equal(l.nnum, 8);
	assert_int_equal(l.nhot, 0);
	assert_int_equal(l.ninputs, 8);
	assert_int_equal(l.nsources, 6);
	assert_string_equal(gt_layout_input(&l, 2), "mood_calm");
	assert_string_equal(gt_layout_input(&l, 4), "mood_wild");
	assert_string_equal(gt_layout_level(&l, 3), "tense");
	assert_string_equal(gt_layout_input(&l, 7), "centroid");
	assert_int_equal(l.flags[1], GT_INPUT_MINMAX | GT_INPUT_STANDARD);
	assert_int_equal(l.flags[3], 0);              /* a one-hot level: 0/1 as it is */
	assert_int_equal(l.source[2].first, 2);
	assert_int_equal(l.source[2].count, 3);
	assert_int_equal(gt_layout_find_level(&l, 2, "Tense"), 3);
	assert_int_equal(gt_layout_find_level(&l, 2, "loud"), -1);
	assert_int_equal(gt_layout_find_level(&l, 1, "calm"), -1);
	assert_int_equal(gt_layout_numeric_source(&l, 5), 3);
	assert_int_equal(gt_layout_numeric_source(&l, 3), -1);
	assert_false(gt_layout_is_study(&l));
	assert_true(gt_layout_same(&l, &l));
	gt_layout_diff_text(&l, &study, buf, sizeof(buf));
	assert_string_equal(buf, "this file lacks: rms_mean, mood, zcr, length, centroid; "
	                    "has extra: popularity, acousticness, danceability, duration_ms, "
	                    "energy, instrumentalness, liveness, loudness and 4 more");
	assert_int_equal(gt_layout_diff_text(&l, &l, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

/* A one-hot column whose levels differ is both lacking and extra. */
static void test_diff_levels(void **state)
{
	static const char *const two[2] = { "calm", "wild" };
	const gt_layout_column a[2] = {
		{ "x", GT_SOURCE_NUMERIC, 0, NULL }, { "mood", GT_SOURCE_ONEHOT, 3, mood_levels },
	}, b[3] = {
		{ "x", GT_SOURCE_NUMERIC, 0, NULL }, { "mood", GT_SOURCE_ONEHOT, 2, two },
		{ "y", GT_SOURCE_NUMERIC, 0, NULL },
	};
	static gt_layout la, lb;
	char buf[128];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&la, a, 2, NULL), GT_OK);
	assert_int_equal(gt_layout_from_columns(&lb, b, 3, NULL), GT_OK);
	gt_layout_diff_text(&la, &lb, buf, sizeof(buf));
	assert_string_equal(buf, "this file lacks: mood; has extra: mood, y");
	assert_false(gt_layout_same(&la, &lb));
}

static void expect_error(const gt_layout_column *cols, int n, const char *want)
{
	static gt_layout l;
	gt_error err;

	gt_error_clear(&err);
	assert_int_equal(gt_layout_from_columns(&l, cols, n, &err), GT_ERR_ARG);
	if (!strstr(err.msg, want))
		fail_msg("'%s' lacks '%s'", err.msg, want);
	assert_int_equal(l.nnum, 0);
}

static void test_refusals(void **state)
{
	static const char *const twice[2] = { "a", "a" };
	static const char *const empty[1] = { "" };
	char longname[100];
	const gt_layout_column dup[2] = {
		{ "x", GT_SOURCE_NUMERIC, 0, NULL }, { "x", GT_SOURCE_NUMERIC, 0, NULL },
	}, nolevels = { "m", GT_SOURCE_ONEHOT, 0, NULL },
	   levtwice = { "m", GT_SOURCE_ONEHOT, 2, twice },
	   levempty = { "m", GT_SOURCE_ONEHOT, 1, empty },
	   key = { "key", GT_SOURCE_KEY, 0, NULL },
	   noname = { "", GT_SOURCE_NUMERIC, 0, NULL };
	gt_layout_column toolong = { longname, GT_SOURCE_NUMERIC, 0, NULL };

	(void)state;
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	expect_error(dup, 2, "column 'x' given twice");
	expect_error(&nolevels, 1, "column 'm': a one-hot column needs levels");
	expect_error(&levtwice, 1, "column 'm': level 'a' twice");
	expect_error(&levempty, 1, "column 'm': level '' is empty");
	expect_error(&key, 1, "only numeric and one-hot");
	expect_error(&noname, 1, "a name must have 1 to 63 bytes");
	expect_error(&toolong, 1, "a name must have 1 to 63 bytes");
	expect_error(NULL, 0, "no input columns");
}

/* 512 inputs fit, 513 do not. */
static void test_many_inputs(void **state)
{
	static gt_layout_column cols[GT_MAX_INPUTS + 1];
	static char names[GT_MAX_INPUTS + 1][24];
	static gt_layout l;

	(void)state;
	for (int i = 0; i <= GT_MAX_INPUTS; i++) {
		snprintf(names[i], sizeof(names[i]), "mfcc%d_mean", i);
		cols[i] = (gt_layout_column){ names[i], GT_SOURCE_NUMERIC, 0, NULL };
	}
	assert_int_equal(gt_layout_from_columns(&l, cols, GT_MAX_INPUTS, NULL), GT_OK);
	assert_int_equal(l.ninputs, GT_MAX_INPUTS);
	assert_string_equal(gt_layout_input(&l, 511), "mfcc511_mean");
	expect_error(cols, GT_MAX_INPUTS + 1, "more than 512");
}

/* gt_norm_init lists the inputs each preparation touches. */
static void test_norm_lists(void **state)
{
	static gt_layout l;
	static gt_norm n;

	(void)state;
	own_layout(&l);
	gt_norm_init(&n, GT_PREP_IMPUTE, &l);
	assert_int_equal(n.nnum, 8);
	assert_int_equal(n.nhot, 0);
	assert_int_equal(n.mm.n, 5);
	assert_int_equal(n.std.n, 5);
	assert_int_equal(n.std.input[2], 5);
	assert_near(n.std.sd[4], 1, 0);
	gt_layout_study(&l);
	gt_norm_init(&n, GT_PREP_STUDY, &l);
	assert_int_equal(n.mm.n, GT_NSCALED);
	for (int j = 0; j < GT_NSCALED; j++)
		assert_int_equal(n.mm.input[j], gt_scaled_inputs[j]);
	assert_int_equal(n.std.n, GT_NNUMERIC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_study),
		cmocka_unit_test(test_own),
		cmocka_unit_test(test_diff_levels),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_many_inputs),
		cmocka_unit_test(test_norm_lists),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
