/* test_readline_prompt.c: Tab completion as readline does it
 * (src/tui/readline_prompt.c): keys go in through rl_getc_function, as the
 * Predict pane feeds them, and the line readline returns is compared. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "genretui/layout.h"
#include "genretui/readline_prompt.h"

static const char *keys;                 /* what is still to be typed */

static int keys_getc(FILE *f)
{
	(void)f;
	return *keys ? (unsigned char)*keys++ : EOF;
}

/* The line readline returns for typed (Tab as '\t', ending in '\n'),
 * completing layout l's names; into buf. */
static const char *typed_line(const gt_layout *l, const char *typed, char *buf, size_t n)
{
	char *line;

	keys = typed;
	gt_prompt_install_completion(l);
	line = readline("");
	snprintf(buf, n, "%s", line ? line : "(EOF)");
	free(line);
	return buf;
}

static int setup(void **state)
{
	static FILE *devnull;

	(void)state;
	setenv("INPUTRC", "/dev/null", 1);   /* no user's key bindings */
	devnull = fopen("/dev/null", "w");
	rl_outstream = devnull;
	rl_getc_function = keys_getc;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	return devnull ? 0 : -1;
}

static const char *const moods[] = { "calm", "Very Happy", "Very Sad", "say \"hi\"" };
static const gt_layout_column columns[] = {
	{ "energy", GT_SOURCE_NUMERIC, 0, NULL },
	{ "duration_in min/ms", GT_SOURCE_NUMERIC, 0, NULL },
	{ "my mood", GT_SOURCE_ONEHOT, 4, moods },
	{ "mood", GT_SOURCE_ONEHOT, 4, moods },
};

/* Inside an open quote the whole quoted text is the word, blanks and all;
 * one candidate left closes the quote. */
static void test_tab_inside_quotes(void **state)
{
	gt_layout l;
	char buf[256];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&l, columns, 4, NULL), GT_OK);
	assert_string_equal(typed_line(&l, "mood=\"Very H\t\n", buf, sizeof(buf)),
	                    "mood=\"Very Happy\" ");
	assert_string_equal(typed_line(&l, "mood=\"Very S\t\n", buf, sizeof(buf)),
	                    "mood=\"Very Sad\" ");
	assert_string_equal(typed_line(&l, "energy=1 mood = \"very h\t\n", buf, sizeof(buf)),
	                    "energy=1 mood = \"Very Happy\" ");
	assert_string_equal(typed_line(&l, "\"duration_in m\t200\n", buf, sizeof(buf)),
	                    "\"duration_in min/ms\"=200");
	assert_string_equal(typed_line(&l, "\"my m\tVery H\t\n", buf, sizeof(buf)),
	                    "\"my mood\"=Very H");   /* unquoted, "Very" is a word of its own */
	assert_string_equal(typed_line(&l, "\"my m\t\"Very H\t\n", buf, sizeof(buf)),
	                    "\"my mood\"=\"Very Happy\" ");
	assert_string_equal(typed_line(&l, "mood=\"s\t\n", buf, sizeof(buf)),
	                    "mood=\"say \"\"hi\"\"\" ");
	/* two candidates: the common part, the quote left open */
	assert_string_equal(typed_line(&l, "mood=\"Very\t\n", buf, sizeof(buf)),
	                    "mood=\"Very ");
}

/* A doubled quote inside quotes is one quote of the text: Tab right
 * after it, or after more of the level, completes the level in the
 * quotes that the first one opened (readline alone takes the second
 * quote of "" for a new opening one and completes "h" alone). */
static void test_tab_after_doubled_quote(void **state)
{
	gt_layout l;
	char buf[256];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&l, columns, 4, NULL), GT_OK);
	assert_string_equal(typed_line(&l, "mood=\"say \"\"h\t\n", buf, sizeof(buf)),
	                    "mood=\"say \"\"hi\"\"\" ");
	assert_string_equal(typed_line(&l, "mood=\"say \"\"\t\n", buf, sizeof(buf)),
	                    "mood=\"say \"\"hi\"\"\" ");
	assert_string_equal(typed_line(&l, "mood=\"SAY \"\"H\t\n", buf, sizeof(buf)),
	                    "mood=\"SAY \"\"hi\"\"\" ");
	assert_string_equal(typed_line(&l, "energy=1 \"my mood\"=\"say \"\"h\t\n", buf, sizeof(buf)),
	                    "energy=1 \"my mood\"=\"say \"\"hi\"\"\" ");
	/* a closed value: Tab after it starts the next pair */
	assert_string_equal(typed_line(&l, "mood=\"say \"\"hi\"\"\" en\t1\n", buf, sizeof(buf)),
	                    "mood=\"say \"\"hi\"\"\" energy=1");
}

/* Without a quote, as before: a name with blanks comes in quotes, a
 * level alone, a command with a blank after it. */
static void test_tab_unquoted(void **state)
{
	gt_layout l;
	char buf[256];

	(void)state;
	assert_int_equal(gt_layout_from_columns(&l, columns, 4, NULL), GT_OK);
	assert_string_equal(typed_line(&l, "dur\t1\n", buf, sizeof(buf)),
	                    "\"duration_in min/ms\"=1");
	assert_string_equal(typed_line(&l, "mood=c\t\n", buf, sizeof(buf)), "mood=calm ");
	assert_string_equal(typed_line(&l, "mood=V\t\n", buf, sizeof(buf)), "mood=\"Very ");
	assert_string_equal(typed_line(&l, "ene\t0.5\n", buf, sizeof(buf)), "energy=0.5");
	assert_string_equal(typed_line(&l, "sho\t\n", buf, sizeof(buf)), "show ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab_inside_quotes),
		cmocka_unit_test(test_tab_unquoted),
		cmocka_unit_test(test_tab_after_doubled_quote),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
