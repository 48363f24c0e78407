/* test_prompt_answer.c: answering the predict prompt: values kept from line to
 * line (and said) or every line alone; in a script exactly one output line
 * per input line, NUL bytes and carriage returns refused with their
 * column, values outside the training range warned about; rows named by
 * file line (`line N`, Browse's number) or by data row (`row N`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "genretui/prompt_answer.h"

/* What the answerer wrote: its lines, joined by '\n', and how many. */
typedef struct {
	char text[8192];
	int lines;
} sink;

static void collect(void *ctx, gt_out_role role, const char *text)
{
	sink *s = ctx;
	size_t used = strlen(s->text);

	snprintf(s->text + used, sizeof(s->text) - used, "%s%s\n",
	         role == GT_OUT_ERROR ? "error: " : "", text);
	s->lines++;
}

static int setup(void **state)
{
	const char *dir = getenv("GT_TESTDATA");
	gt_predictor *p = calloc(1, sizeof(*p));
	char path[1024];
	gt_error err;

	snprintf(path, sizeof(path), "%s/models/paper-v2.gtm", dir ? dir : "tests/data");
	if (!p || access(path, R_OK) != 0 || gt_predictor_load(p, path, &err) != GT_OK) {
		free(p);
		return -1;
	}
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	gt_predictor_free(*state);
	free(*state);
	return 0;
}

/* The answer to line, alone in s. */
static int ask(gt_answerer *a, const char *line, sink *s)
{
	memset(s, 0, sizeof(*s));
	return gt_answerer_line(a, line, collect, s);
}

static void test_kept_values_are_said(void **state)
{
	gt_answerer a;
	sink s;

	gt_answerer_init(&a, *state, NULL);
	assert_int_equal(a.keep, 1);
	ask(&a, "tempo=120 key=A", &s);
	assert_null(strstr(s.text, "kept from before"));
	ask(&a, "energy=0.9", &s);
	assert_non_null(strstr(s.text, "kept from before: tempo=120, key=A (clear forgets them)"));
	ask(&a, "tempo=90", &s);      /* given again: not "kept" */
	assert_non_null(strstr(s.text, "kept from before: energy=0.9, key=A "));
	assert_null(strstr(s.text, "tempo=120"));
	ask(&a, "clear", &s);
	ask(&a, "energy=0.9", &s);
	assert_null(strstr(s.text, "kept from before"));
}

/* A script: each line alone, so a line gets the same answer wherever it is. */
static void test_script_lines_stand_alone(void **state)
{
	gt_answerer a;
	sink first, s;

	gt_answerer_init(&a, *state, NULL);
	a.brief = 1;
	a.keep = 0;
	ask(&a, "tempo=120", &first);
	ask(&a, "energy=0.9 danceability=0.8 speechiness=0.4", &s);
	ask(&a, "tempo=120", &s);
	assert_string_equal(first.text, s.text);
	assert_null(strstr(s.text, "kept"));
}

/* In a script every input line gives exactly one output line. */
static void test_one_line_per_line(void **state)
{
	static const char *const lines[] = {
		"", "   \t", "help", "HELP", "clear", "show", "row 3", "energy=", "nonsense",
		"energy=0.5", "energy = 0.5 tempo= 120 key =A", "energy=1e400", "quit",
	};
	gt_answerer a;
	sink s;

	gt_answerer_init(&a, *state, NULL);
	a.brief = 1;
	a.keep = 0;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		ask(&a, lines[i], &s);
		if (s.lines != 1)
			fail_msg("'%s' gave %d lines:\n%s", lines[i], s.lines, s.text);
		assert_true(s.text[0] == '#' || strncmp(s.text, "error: ", 7) == 0 ||
		            strchr(s.text, '\t') != NULL);
	}
	ask(&a, "", &s);
	assert_string_equal(s.text, "# empty line\n");
	ask(&a, "energy=1e400", &s);
	assert_string_equal(s.text, "error: column 8: energy: '1e400' is out of range "
	                    "(beyond +-1.8e308)\n");
}

static int ask_bytes(gt_answerer *a, const char *buf, size_t n, sink *s)
{
	memset(s, 0, sizeof(*s));
	return gt_answerer_bytes(a, buf, n, collect, s);
}

/* Text after a NUL or a CR is never dropped unseen: the line is an error
 * naming the column. A CR at the end is a CRLF line end. */
static void test_nul_and_cr(void **state)
{
	gt_answerer a;
	sink s, plain;

	gt_answerer_init(&a, *state, NULL);
	a.brief = 1;
	a.keep = 0;
	assert_int_equal(ask_bytes(&a, "energy=0.5\0danceability=0.9", 27, &s), -1);
	assert_string_equal(s.text, "error: column 11: unexpected NUL byte inside the line "
	                    "(nothing of it is answered)\n");
	assert_int_equal(ask_bytes(&a, "\0energy=1", 9, &s), -1);
	assert_non_null(strstr(s.text, "column 1: unexpected NUL byte"));
	assert_int_equal(ask_bytes(&a, "energy=0.5\rdanceability=0.9", 27, &s), -1);
	assert_non_null(strstr(s.text, "column 11: unexpected carriage return"));
	assert_int_equal(ask_bytes(&a, "energy=0.5\r", 11, &s), 0);
	ask(&a, "energy=0.5", &plain);
	assert_string_equal(s.text, plain.text);
	assert_int_equal(s.lines, 1);
}

/* Out of the training range: a warning field in a script, a line in the
 * prompt, as for the other warnings. */
static void test_unusual_warning(void **state)
{
	gt_predictor *p = *state;
	char want[256];
	gt_answerer a;
	sink s;

	gt_answerer_init(&a, p, NULL);
	a.brief = 1;
	a.keep = 0;
	ask(&a, "loudness=1e308", &s);
	snprintf(want, sizeof(want), "\twarning=loudness=1e+308 is outside the training range %g .. %g\n",
	         p->lo[GT_F_LOUDNESS], p->hi[GT_F_LOUDNESS]);
	assert_non_null(strstr(s.text, want));
	assert_int_equal(s.lines, 1);
	a.brief = 0;
	ask(&a, "loudness=1e308", &s);
	assert_non_null(strstr(s.text, "loudness=1e+308 is outside the training range"));
}

/* `line N` names a row by its file line, as Browse does, `row N` by its
 * place after the header: the same row gives the same answer either way,
 * and every answer and message names the line first, then the row. On the
 * bundled sample (5,005 rows on lines 2 to 5006; skipped without it). */
static void test_line_and_row(void **state)
{
	const char *path = getenv("GT_SAMPLE_CSV");
	gt_pipeline *pipe;
	gt_answerer a;
	sink s, by_row;
	char want[128];
	gt_error err;
	size_t r = 0;

	if (!path || access(path, R_OK) != 0)
		skip();
	pipe = malloc(sizeof(*pipe));
	assert_non_null(pipe);
	assert_int_equal(gt_pipeline_open(pipe, path, NULL, &err), GT_OK);
	assert_int_equal(pipe->ds.line[pipe->ds.nrows - 1], 5006);
	gt_answerer_init(&a, *state, pipe);
	a.keep = 0;
	ask(&a, "line 3", &s);
	assert_int_equal(strncmp(s.text, "line 3 (row 2): ", 16), 0);
	assert_non_null(strstr(s.text, ": true genre "));
	ask(&a, "row 2", &by_row);
	assert_string_equal(s.text, by_row.text);
	ask(&a, "line 1", &s);
	assert_string_equal(s.text, "error: line 1 is the header; the file's rows are on lines 2 to 5006\n");
	ask(&a, "line 5007", &s);
	assert_string_equal(s.text, "error: line 5007: the file's rows are on lines 2 to 5006\n");
	ask(&a, "row 5006", &s);
	assert_string_equal(s.text, "error: row 5006: the file has data rows 1 to 5005 "
	                    "(lines 2 to 5006)\n");
	while (r < pipe->ds.nrows && gt_clean_track_of_row(&pipe->clean, r) >= 0)
		r++;
	assert_true(r < pipe->ds.nrows);     /* the sample has rows cleaning drops */
	snprintf(want, sizeof(want), "line %zu", r + 2);
	ask(&a, want, &s);
	snprintf(want, sizeof(want), "error: line %zu (row %zu) cannot be predicted: ", r + 2, r + 1);
	assert_int_equal(strncmp(s.text, want, strlen(want)), 0);
	a.brief = 1;                          /* a script: the same one line */
	ask(&a, "line 3", &s);
	ask(&a, "row 2", &by_row);
	assert_string_equal(s.text, by_row.text);
	assert_int_equal(s.lines, 1);
	assert_non_null(strstr(s.text, "\ttrue="));
	gt_pipeline_close(pipe);
	free(pipe);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_values_are_said),
		cmocka_unit_test(test_script_lines_stand_alone),
		cmocka_unit_test(test_one_line_per_line),
		cmocka_unit_test(test_nul_and_cr),
		cmocka_unit_test(test_unusual_warning),
		cmocka_unit_test(test_line_and_row),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
