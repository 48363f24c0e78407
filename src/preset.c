/* preset.c: the named configurations. */
#include <stddef.h>
#include <string.h>

#include "genretui/encode.h"
#include "genretui/preset.h"

static const gt_preset paper = {
	.name = "paper",
	.summary = "the study: 35-35-10 sigmoid MLP, Keras loss, Adam 0.001, batch 16, 15 epochs",
	.arch = {
		.nlayers = 2,
		.sizes = { GT_NINPUTS, 35, GT_NCLASSES },
		.act = { GT_ACT_SIGMOID, GT_ACT_SIGMOID },
		.loss = GT_LOSS_KERAS_SIGMOID,
	},
	.hp = {
		.epochs = 15, .batch_size = 16,
		.lr = 0.001, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-7,
		.seed = 1,
	},
};

static const gt_preset *const all_presets[] = { &paper, NULL };

const gt_preset *gt_preset_find(const char *name)
{
	for (size_t i = 0; all_presets[i]; i++)
		if (strcmp(all_presets[i]->name, name) == 0)
			return all_presets[i];
	return NULL;
}

const gt_preset *const *gt_preset_all(void)
{
	return all_presets;
}
