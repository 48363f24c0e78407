/* batch.h: the headless batch mode (--batch, --batch --json). */
#ifndef GENRETUI_BATCH_H
#define GENRETUI_BATCH_H

#include <stdio.h>

#include "genretui/cli.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/session.h"

/* The figures of one run of --repeat or one fold of --cv. */
typedef struct {
	uint32_t seed;
	int fold;                /* 1-based, 0 for --repeat */
	size_t test_rows;
	int epochs;              /* epochs trained (early stopping may cut them) */
	double accuracy, macro_f1, top2, fusion, seconds;
} gt_run_figs;

/* Mean and sample standard deviation (n - 1; 0 for one value) over runs
 * 0..n-1 of the figure at offset off (a double member of gt_run_figs). */
void gt_runs_mean_sd(const gt_run_figs *runs, int n, size_t off, double *mean,
                     double *sd);

/* Everything one batch run produced, for the text and JSON printers. */
typedef struct {
	const char *path;        /* CSV read */
	int synthetic;           /* it is the bundled synthetic sample */
	const gt_preset *preset;
	const char *preset_name; /* the preset's, or the saved model's */
	const char *model_file;  /* --model FILE evaluated (nothing trained), or NULL */
	char model_preset[32];   /* the saved model's preset name */
	gt_arch arch;
	gt_hparams hp;           /* preset with command-line overrides */
	uint32_t split_seed;
	int digits;
	gt_session session;
	int trained;             /* epochs >= 1 and training ran */
	int nruns;               /* --repeat N or --cv K: runs[0..nruns-1] */
	int cv;                  /* the runs are folds */
	gt_run_figs *runs;
} gt_batch;

/* --save-model for the front ends that train (batch, --predict): save p
 * to path and say so; when that fails, say why, keep the model in a new
 * $TMPDIR/genretui-model-XXXXXX.gtm and say where (or why not). 0, or -1
 * when it is not at path. */
int gt_batch_save_model(const gt_predictor *p, const char *path);

/* Run the batch mode for cli on path; returns the process exit status. */
int gt_batch_main(const gt_cli *cli, const char *path, int synthetic);

/* Print the run as one JSON document (batch_json.c). 0, or -1 on failure. */
int gt_batch_print_json(FILE *f, const gt_batch *b);

#endif
