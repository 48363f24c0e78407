/* preset.h: named model + training configurations.
 *
 * "paper" is the study: 35 -> 35 sigmoid -> 10 sigmoid, Keras loss, Adam
 * (0.001, 0.9, 0.999, 1e-7), batch 16, 15 epochs. "improved" goes beyond
 * it (preset.c). */
#ifndef GENRETUI_PRESET_H
#define GENRETUI_PRESET_H

#include "genretui/model.h"
#include "genretui/train.h"

typedef struct {
	const char *name;
	const char *summary;     /* one line for --help and the UI */
	gt_arch arch;
	gt_hparams hp;
} gt_preset;

/* Preset by name, or NULL. */
const gt_preset *gt_preset_find(const char *name);
/* NULL-terminated list of all presets. */
const gt_preset *const *gt_preset_all(void);

/* Training sets smaller than this train without a validation slice. */
#define GT_SMALL_TRAIN_ROWS 2500

/* Size hp to a training set of ntrain rows, as the session trains with
 * it. With fewer than GT_SMALL_TRAIN_ROWS rows and a validation slice
 * asked for, the slice and early stopping go (val_fraction and patience
 * become 0, no other byte of hp is written): every training row is
 * trained on through the whole learning-rate schedule and the last epoch's
 * weights are kept, since a tenth of so few rows is too noisy to choose an
 * epoch by, and costs that tenth of the rows. Otherwise hp is left as it
 * is. */
void gt_hparams_size(gt_hparams *hp, size_t ntrain);

#endif
