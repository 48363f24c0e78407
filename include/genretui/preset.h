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

#endif
