/* trainform.h: the Train pane's settings as values with ranges (curses-free).
 *
 * Each number the form edits has a range; a typed value is read whole
 * (no trailing text, whole numbers where they must be) and a rejected one
 * gets a message naming the range. The hidden width steps through a list of
 * sensible sizes rather than by a fixed amount. */
#ifndef GENRETUI_TRAINFORM_H
#define GENRETUI_TRAINFORM_H

#include <stddef.h>

typedef enum { GT_FORM_EPOCHS, GT_FORM_BATCH, GT_FORM_LR, GT_FORM_HIDDEN, GT_FORM_SEED,
               GT_FORM_NNUMBERS } gt_form_number;

/* Epochs the form takes, as the command line's --epochs (cli.c). */
#define GT_FORM_EPOCHS_MAX 100000

/* The range in words: "a whole number from 1 to 100000", ... */
const char *gt_form_range(gt_form_number f);

/* Read text as setting f: 0 and *v set, or -1 and msg says why, naming the
 * range ("'100001' is not a valid number of epochs: a whole number from 1
 * to 100000"). name is the setting's name for the message. */
int gt_form_parse(gt_form_number f, const char *text, const char *name, double *v,
                  char *msg, size_t n);

/* The hidden width after h in direction dir (+1 or -1): the next of 8, 16,
 * 24, 32, 35, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048,
 * 3072, 4096 (35: the study's) in that direction, or h at either end; from
 * a width not in the list, the nearest one beyond it. */
int gt_form_hidden_step(int h, int dir);

#endif
