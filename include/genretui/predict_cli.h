/* predict_cli.h: `genretui --predict`: the predict prompt without the full
 * screen (GNU readline on a terminal, one answer line per input line
 * otherwise). */
#ifndef GENRETUI_PREDICT_CLI_H
#define GENRETUI_PREDICT_CLI_H

#include "genretui/cli.h"

/* Run the prompt; returns the process exit status. */
int gt_predict_main(const gt_cli *cli, const char *path, int synthetic);

#endif
