/* predict_cli.h: `genretui --predict`: the predict prompt without the full
 * screen (GNU readline on a terminal, one answer line per input line
 * otherwise), and the history file both prompts share. */
#ifndef GENRETUI_PREDICT_CLI_H
#define GENRETUI_PREDICT_CLI_H

#include <stddef.h>

#include "genretui/cli.h"

/* Run the prompt; returns the process exit status. */
int gt_predict_main(const gt_cli *cli, const char *path, int synthetic);

/* Path of the prompt history file ($XDG_STATE_HOME/genretui/history, or
 * ~/.local/state/genretui/history), its directory created (mode 0700).
 * Returns buf, or NULL when there is no usable place. */
char *gt_history_path(char *buf, size_t n);

/* Readline completion shared by both prompts: install it. */
void gt_prompt_install_completion(void);

#endif
