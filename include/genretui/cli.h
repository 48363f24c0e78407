/* cli.h: command-line options. */
#ifndef GENRETUI_CLI_H
#define GENRETUI_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "genretui/colmap.h"

typedef enum { GT_RUN_TUI, GT_RUN_BATCH, GT_RUN_PREDICT, GT_RUN_HELP, GT_RUN_VERSION } gt_run_mode;

typedef struct {
	gt_run_mode mode;
	int json;                /* --json: one JSON document instead of text */
	const char *csv;         /* FILE argument, or NULL for the bundled sample */
	const char *preset;      /* --preset, default "paper" */
	int epochs;              /* --epochs, -1 = preset's */
	int batch_size;          /* --batch-size, -1 = preset's */
	double lr;               /* --lr, <= 0 = preset's */
	long long seed;          /* --seed, -1 = preset's */
	uint32_t split_seed;     /* --split-seed, default 42 */
	int digits;              /* --digits, default 2 */
	int quiet;               /* --quiet: no per-epoch lines on stderr in JSON mode */
	const char *model;       /* --model FILE: use this saved model */
	const char *save_model;  /* --save-model FILE: write the trained model */
	int repeat;              /* --repeat N: train N seeds (seed, seed+1, ...), 0 = once */
	int cv;                  /* --cv K: K-fold cross-validation, 0 = none */
	int threads;             /* --threads N (or GT_THREADS), 0 = every CPU */
	const char *export_dir;  /* --export DIR: write the run's CSV and JSON files */
	gt_colmap map;           /* --map FIELD=COLUMN,...: columns named otherwise */
	const char *label;       /* --label COLUMN: the genre column of a file read
	                          * by its own schema, else NULL */
	const char *features;    /* --features LIST: the network's inputs, names or
	                          * globs, else NULL (every numeric column) */
	const char *drop;        /* --drop LIST: columns never fed to the network */
	const char *train_opt;   /* the first training option given ("preset",
	                          * "epochs", ...), or NULL: refused with --model
	                          * in batch and --predict modes, which train nothing */
	int importance;          /* --importance[=N]: shuffles per feature, 0 = none */
} gt_cli;

/* Parse argv into cli. Returns 0, or -1 with a one-line message in err. */
int gt_cli_parse(gt_cli *cli, int argc, char **argv, char *err, size_t errlen);

void gt_cli_usage(FILE *f);

#endif
