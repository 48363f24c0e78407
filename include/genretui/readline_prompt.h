/* readline_prompt.h: what both readline prompts share (`genretui
 * --predict` on a terminal and the Predict pane): the history file and
 * Tab completion of names, values and commands. */
#ifndef GENRETUI_READLINE_PROMPT_H
#define GENRETUI_READLINE_PROMPT_H

#include <stddef.h>

#include "genretui/layout.h"
#include "genretui/status.h"

#define GT_HISTORY_LINES 1000   /* lines the history file keeps */

/* The history both prompts share: readline's list, loaded from the file and
 * appended to it line by line through histfile.c, which never follows a
 * symbolic link at the path. gt_history_open loads it from
 * gt_hist_default_path and returns the path to append to, or NULL: no
 * place named (no $XDG_STATE_HOME, no $HOME), or (err set) a directory or
 * file that cannot be used. gt_history_add adds line to the list and the file; when the file
 * cannot be written it sets *path to NULL (no more tries) and fails. */
const char *gt_history_open(char *buf, size_t n, gt_error *err);
gt_status gt_history_add(const char **path, const char *line, gt_error *err);

/* Readline completion shared by both prompts: install it for the names of
 * layout l (the model's columns; l must outlive the prompt). */
void gt_prompt_install_completion(const gt_layout *l);

#endif
