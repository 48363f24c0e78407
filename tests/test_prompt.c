/* test_prompt.c: the predict prompt's lines: valid, partial, malformed;
 * the track built over lines; completion. */
#include <limits.h>
#include <string.h>

#include "testutil.h"
#include "genretui/prompt.h"

static void test_pairs_any_order_any_case(void **state)
{
	gt_prompt_line l;

	(void)state;
	gt_prompt_parse("  Danceability=0.8 energy=0.9 KEY=a# mode=Minor tempo=128  ", &l);
	assert_int_equal(l.kind, GT_PC_SET);
	assert_near(l.num[GT_F_DANCEABILITY], 0.8, 0);
	assert_near(l.num[GT_F_ENERGY], 0.9, 0);
	assert_near(l.num[GT_F_TEMPO], 128, 0);
	assert_int_equal(l.given, (1u << GT_F_DANCEABILITY) | (1u << GT_F_ENERGY) | (1u << GT_F_TEMPO));
	assert_int_equal(l.key, 10);
	assert_int_equal(l.mode, 0);
	gt_prompt_parse("duration=210000 loudness=-5.5 key=Eb", &l);
	assert_near(l.num[GT_F_DURATION], 210000, 0);
	assert_near(l.num[GT_F_LOUDNESS], -5.5, 0);
	assert_int_equal(l.key, 3);
	assert_int_equal(l.mode, -1);
}

static void test_commands(void **state)
{
	gt_prompt_line l;

	(void)state;
	gt_prompt_parse("", &l);
	assert_int_equal(l.kind, GT_PC_EMPTY);
	gt_prompt_parse("   ", &l);
	assert_int_equal(l.kind, GT_PC_EMPTY);
	gt_prompt_parse("row 42", &l);
	assert_int_equal(l.kind, GT_PC_ROW);
	assert_int_equal(l.row, 42);
	assert_false(l.by_line);
	gt_prompt_parse("Line 43", &l);      /* a file line, as Browse numbers rows */
	assert_int_equal(l.kind, GT_PC_ROW);
	assert_int_equal(l.row, 43);
	assert_true(l.by_line);
	gt_prompt_parse("row 42", &l);
	assert_false(l.by_line);
	gt_prompt_parse("SHOW", &l);
	assert_int_equal(l.kind, GT_PC_SHOW);
	gt_prompt_parse("clear", &l);
	assert_int_equal(l.kind, GT_PC_CLEAR);
	gt_prompt_parse("help", &l);
	assert_int_equal(l.kind, GT_PC_HELP);
	gt_prompt_parse("quit", &l);
	assert_int_equal(l.kind, GT_PC_QUIT);
	gt_prompt_parse("exit", &l);
	assert_int_equal(l.kind, GT_PC_QUIT);
}

/* Errors point at the offending token. */
static void test_errors_point_at_token(void **state)
{
	gt_prompt_line l;
	const char *line;

	(void)state;
	line = "energy=0.9 dancability=0.8";
	gt_prompt_parse(line, &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_int_equal(l.err_at, 11);
	assert_int_equal(l.err_len, 11);
	assert_non_null(strstr(l.err, "unknown name 'dancability'"));
	assert_non_null(strstr(l.err, "did you mean danceability"));
	line = "tempo=fast";
	gt_prompt_parse(line, &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_int_equal(l.err_at, 6);
	assert_int_equal(l.err_len, 4);
	assert_non_null(strstr(l.err, "'fast' is not a number"));
	gt_prompt_parse("key=H", &l);
	assert_int_equal(l.err_at, 4);
	assert_non_null(strstr(l.err, "unknown key 'H'"));
	gt_prompt_parse("mode=dorian", &l);
	assert_non_null(strstr(l.err, "expected major or minor"));
	gt_prompt_parse("energy", &l);
	assert_non_null(strstr(l.err, "expected name=value"));
	gt_prompt_parse("energy=", &l);
	assert_non_null(strstr(l.err, "needs a value"));
	gt_prompt_parse("tempo=nan", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("row", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("row -3", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("row 3 4", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_non_null(strstr(l.err, "row takes one number; unexpected '4'"));
	gt_prompt_parse("line 3 4", &l);
	assert_non_null(strstr(l.err, "line takes one number; unexpected '4'"));
	gt_prompt_parse("line x", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_int_equal(l.err_at, 5);
	assert_non_null(strstr(l.err, "line needs a file line number (as Browse shows it), got 'x'"));
	gt_prompt_parse("row 0", &l);
	assert_non_null(strstr(l.err, "row needs a data row number from 1, got '0'"));
	gt_prompt_parse("show me", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("xyzzy=1", &l);
	assert_non_null(strstr(l.err, "help lists the names"));
}

/* Blanks around '=' are allowed; a word that holds '=' of its own is the
 * next pair, not the value of the one before. */
static void test_blanks_around_equals(void **state)
{
	gt_prompt_line l;

	(void)state;
	gt_prompt_parse("energy = 0.5 tempo= 120 key =A mode = minor", &l);
	assert_int_equal(l.kind, GT_PC_SET);
	assert_near(l.num[GT_F_ENERGY], 0.5, 0);
	assert_near(l.num[GT_F_TEMPO], 120, 0);
	assert_int_equal(l.key, 9);
	assert_int_equal(l.mode, 0);
	gt_prompt_parse("energy= tempo=120", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_int_equal(l.err_at, 0);
	assert_non_null(strstr(l.err, "'energy' needs a value after '='"));
	gt_prompt_parse("energy =", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_non_null(strstr(l.err, "needs a value"));
	gt_prompt_parse("= 0.5", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("tempo = fast", &l);
	assert_int_equal(l.err_at, 8);
	assert_non_null(strstr(l.err, "'fast' is not a number"));
}

/* Numbers out of a double's range, and row numbers past a long's, are
 * named as typed. */
static void test_out_of_range_named(void **state)
{
	gt_prompt_line l;

	(void)state;
	gt_prompt_parse("energy=1e400", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	assert_non_null(strstr(l.err, "energy: '1e400' is out of range"));
	gt_prompt_parse("energy=-1e400", &l);
	assert_non_null(strstr(l.err, "out of range"));
	gt_prompt_parse("energy=inf", &l);
	assert_non_null(strstr(l.err, "is not a finite number"));
	gt_prompt_parse("energy=nan", &l);
	assert_non_null(strstr(l.err, "is not a number"));
	gt_prompt_parse("row 99999999999999999999", &l);
	assert_int_equal(l.kind, GT_PC_ROW);
	assert_string_equal(l.row_text, "99999999999999999999");
	assert_true(l.row == LONG_MAX);
	gt_prompt_parse("row 12", &l);
	assert_int_equal(l.row, 12);
	assert_string_equal(l.row_text, "12");
	gt_prompt_parse("row -1", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
	gt_prompt_parse("row 1e3", &l);
	assert_int_equal(l.kind, GT_PC_ERROR);
}

static void test_track_over_lines(void **state)
{
	const double lo[GT_NNUMERIC] = { 0, 0, 0, 15000, 0, 0, 0, -47, 0, 34, 0 };
	const double hi[GT_NNUMERIC] = { 99, 1, 1, 4.8e6, 1, 1, 1, 3.7, 1, 220, 1 };
	gt_track_input t;
	gt_prompt_line l;

	(void)state;
	gt_track_input_clear(&t);
	assert_int_equal(gt_track_input_missing(&t), (1u << GT_NNUMERIC) - 1);
	gt_prompt_parse("energy=0.9 key=C", &l);
	gt_track_input_apply(&t, &l);
	gt_prompt_parse("energy=0.5 tempo=300 mode=major", &l);
	gt_track_input_apply(&t, &l);
	assert_near(t.num[GT_F_ENERGY], 0.5, 0);       /* later lines win */
	assert_int_equal(t.key, 0);                     /* earlier values kept */
	assert_int_equal(t.mode, 1);
	assert_int_equal(gt_track_input_missing(&t) & (1u << GT_F_ENERGY), 0);
	assert_int_equal(gt_track_input_unusual(&t, lo, hi), 1u << GT_F_TEMPO);
	gt_track_input_clear(&t);
	assert_int_equal(t.given, 0);
	assert_int_equal(t.key, -1);
}

static void test_completion(void **state)
{
	const char *out[32];
	int n;

	(void)state;
	n = gt_prompt_complete("", "d", out, 32);
	assert_int_equal(n, 2);           /* danceability, duration_ms */
	assert_string_equal(out[0], "danceability");
	n = gt_prompt_complete("", "s", out, 32);
	assert_int_equal(n, 2);           /* show (command), speechiness */
	assert_string_equal(out[0], "show");
	n = gt_prompt_complete("", "li", out, 32);
	assert_int_equal(n, 2);           /* line (command), liveness */
	assert_string_equal(out[0], "line");
	n = gt_prompt_complete("energy=0.9 ", "s", out, 32);
	assert_int_equal(n, 1);           /* not a command mid-line */
	n = gt_prompt_complete("energy=0.9 key=", "a", out, 32);
	assert_int_equal(n, 2);           /* A, A# */
	n = gt_prompt_complete("mode=", "M", out, 32);
	assert_int_equal(n, 2);
	n = gt_prompt_complete("", "", out, 3);
	assert_int_equal(n, 3);           /* bounded by max */
	assert_string_equal(gt_prompt_feature(GT_F_DURATION), "duration_ms");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pairs_any_order_any_case),
		cmocka_unit_test(test_commands),
		cmocka_unit_test(test_errors_point_at_token),
		cmocka_unit_test(test_blanks_around_equals),
		cmocka_unit_test(test_out_of_range_named),
		cmocka_unit_test(test_track_over_lines),
		cmocka_unit_test(test_completion),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
