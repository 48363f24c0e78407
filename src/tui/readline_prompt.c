/* readline_prompt.c: the history file and Tab completion that both
 * readline prompts share (`genretui --predict` and the Predict pane). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "genretui/histfile.h"
#include "genretui/prompt.h"
#include "genretui/readline_prompt.h"

static void add_line(const char *line, void *ctx)
{
	(void)ctx;
	add_history(line);
}

const char *gt_history_open(char *buf, size_t n, gt_error *err)
{
	const char *path = gt_hist_default_path(buf, n, err);

	if (path && gt_hist_read(path, add_line, NULL, err) != GT_OK)
		return NULL;
	return path;
}

gt_status gt_history_add(const char **path, const char *line, gt_error *err)
{
	add_history(line);
	if (!*path || gt_hist_append(*path, line, err) == GT_OK)
		return GT_OK;
	*path = NULL;
	return GT_ERR_IO;
}

/* ---- completion ---- */

static const char *candidates[GT_MAX_SOURCES + 16];
static int ncandidates;
static const gt_layout *completion_layout;

static int in_quotes;                    /* the word follows an open quote */

static char *next_candidate(const char *text, int state)
{
	static int i;
	char typed[GT_PROMPT_TYPED];

	(void)text;
	if (state == 0)
		i = 0;
	if (i >= ncandidates)
		return NULL;
	return strdup(gt_prompt_candidate_typed(candidates[i++], in_quotes, typed, sizeof(typed)));
}

static int is_command(const char *word)
{
	static const char *const commands[] = { "line", "row", "show", "clear", "help", "quit",
		                                "exit" };

	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(word, commands[i]))
			return 1;
	return 0;
}

/* Names complete with '=' after them, values and commands with a space;
 * names and values in quotes when they hold blanks, as the prompt reads
 * them. Inside a quote (mood="Very H) readline hands over the whole quoted
 * text, blanks and all (rl_completer_quote_characters), and closes the
 * quote when one candidate is left. */
static char **complete(const char *text, int start, int end)
{
	char before[1024];
	size_t blen;
	int after_eq;

	(void)end;
	in_quotes = rl_completion_quote_character == '"';
	snprintf(before, sizeof(before), "%.*s", start - (in_quotes && start > 0), rl_line_buffer);
	blen = strlen(before);
	while (blen > 0 && (before[blen - 1] == ' ' || before[blen - 1] == '\t'))
		blen--;
	after_eq = blen > 0 && before[blen - 1] == '=';
	ncandidates = gt_prompt_complete_for(completion_layout, before, text, candidates,
	                                     (int)(sizeof(candidates) / sizeof(candidates[0])));
	rl_completion_append_character = after_eq ? ' ' : '=';
	if (ncandidates && !after_eq && strspn(before, " \t") == strlen(before))
		for (int i = 0; i < ncandidates; i++)   /* commands take no '=' */
			if (is_command(candidates[i]))
				rl_completion_append_character = ncandidates == 1 ? ' ' : '=';
	rl_attempted_completion_over = 1;   /* never fall back to file names */
	return rl_completion_matches(text, next_candidate);
}

void gt_prompt_install_completion(const gt_layout *l)
{
	completion_layout = l;
	rl_readline_name = "genretui";
	rl_basic_word_break_characters = " \t=";
	rl_completer_word_break_characters = " \t=";
	rl_completer_quote_characters = "\"";
	rl_attempted_completion_function = complete;
}
