/* readline_prompt.c: the history file and Tab completion that both
 * readline prompts share (`genretui --predict` and the Predict pane). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
static char kept[1024];                  /* the word's part before readline's text */

/* The candidates as typed, less the part of the word that stays on the
 * line (kept, after a doubled quote); one that does not go on from it is
 * left out. */
static char *next_candidate(const char *text, int state)
{
	static int i;
	size_t klen = strlen(kept);
	char typed[GT_PROMPT_TYPED];

	(void)text;
	if (state == 0)
		i = 0;
	while (i < ncandidates) {
		gt_prompt_candidate_typed(candidates[i++], in_quotes, typed, sizeof(typed));
		if (strncasecmp(typed, kept, klen) == 0)
			return strdup(typed + klen);
	}
	return NULL;
}

/* The text of a quoted word as the prompt reads it, "" as one quote. */
static void unquoted(const char *s, size_t len, char *out, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < len && k + 1 < n; i++) {
		out[k++] = s[i];
		i += s[i] == '"' && i + 1 < len && s[i + 1] == '"';
	}
	out[k] = '\0';
}

/* rl_char_is_quoted_p: a blank or '=' inside quotes ("" in them a quote of
 * the text) breaks no word. */
static int char_is_quoted(char *line, int i)
{
	return gt_prompt_quote_open(line, i) >= 0;
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
 * quote when one candidate is left. After a doubled quote (mood="say ""h)
 * readline takes the second quote for an opening one and hands over "h"
 * alone: the word is then taken from the quote the prompt sees open, and
 * what readline does not replace of it (say "") is kept. */
static char **complete(const char *text, int start, int end)
{
	char before[1024], word[1024];
	size_t blen;
	int after_eq, open;

	in_quotes = rl_completion_quote_character == '"';
	open = in_quotes ? gt_prompt_quote_open(rl_line_buffer, start) : -1;
	if (open < 0 || open > start)
		open = start;
	snprintf(kept, sizeof(kept), "%.*s", start - open, rl_line_buffer + open);
	unquoted(rl_line_buffer + open, (size_t)(end - open), word, sizeof(word));
	if (!in_quotes)
		snprintf(word, sizeof(word), "%s", text);
	snprintf(before, sizeof(before), "%.*s", open - (in_quotes && open > 0), rl_line_buffer);
	blen = strlen(before);
	while (blen > 0 && (before[blen - 1] == ' ' || before[blen - 1] == '\t'))
		blen--;
	after_eq = blen > 0 && before[blen - 1] == '=';
	ncandidates = gt_prompt_complete_for(completion_layout, before, word, candidates,
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
	rl_char_is_quoted_p = char_is_quoted;
	rl_attempted_completion_function = complete;
}
