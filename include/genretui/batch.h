/* batch.h: the headless batch mode (--batch, --batch --json). */
#ifndef GENRETUI_BATCH_H
#define GENRETUI_BATCH_H

#include <stdio.h>

#include "genretui/cli.h"
#include "genretui/preset.h"
#include "genretui/session.h"

/* Everything one batch run produced, for the text and JSON printers. */
typedef struct {
	const char *path;        /* CSV read */
	int synthetic;           /* it is the bundled synthetic sample */
	const gt_preset *preset;
	gt_arch arch;
	gt_hparams hp;           /* preset with command-line overrides */
	uint32_t split_seed;
	int digits;
	gt_session session;
	int trained;             /* epochs >= 1 and training ran */
} gt_batch;

/* Run the batch mode for cli on path; returns the process exit status. */
int gt_batch_main(const gt_cli *cli, const char *path, int synthetic);

/* Print the run as one JSON document (batch_json.c). 0, or -1 on failure. */
int gt_batch_print_json(FILE *f, const gt_batch *b);

#endif
