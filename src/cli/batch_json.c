/* batch_json.c: --batch --json, one JSON document written with jansson. */
#include "config.h"

#include <jansson.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "genretui/batch.h"
#include "genretui/encode.h"
#include "genretui/report_json.h"
#include "genretui/textfmt.h"

/* A finite number, or null (JSON has no NaN). */
static json_t *num(double v)
{
	return gt_json_num(v);
}

/* --repeat / --cv: every run, and mean and sd of each figure. */
static json_t *runs_json(const gt_batch *b)
{
	json_t *runs = json_array(), *summary = json_object();
	static const struct { const char *name; size_t off; } figs[] = {
		{ "accuracy", offsetof(gt_run_figs, accuracy) },
		{ "macro_f1", offsetof(gt_run_figs, macro_f1) },
		{ "top2_accuracy", offsetof(gt_run_figs, top2) },
		{ "fusion_accuracy", offsetof(gt_run_figs, fusion) },
	};

	for (int i = 0; i < b->nruns; i++) {
		const gt_run_figs *r = &b->runs[i];

		json_array_append_new(runs, json_pack("{s:I, s:i, s:I, s:i, s:o, s:o, s:o, s:o, s:o}",
			"seed", (json_int_t)r->seed, "fold", r->fold, "test_rows", (json_int_t)r->test_rows,
			"epochs", r->epochs, "accuracy", num(r->accuracy), "macro_f1", num(r->macro_f1),
			"top2_accuracy", num(r->top2), "fusion_accuracy", num(r->fusion),
			"train_s", num(r->seconds)));
	}
	for (size_t k = 0; k < sizeof(figs) / sizeof(figs[0]); k++) {
		double mean, sd;
		char key[64];

		gt_runs_mean_sd(b->runs, b->nruns, figs[k].off, &mean, &sd);
		snprintf(key, sizeof(key), "%s_mean", figs[k].name);
		json_object_set_new(summary, key, num(mean));
		snprintf(key, sizeof(key), "%s_sd", figs[k].name);
		json_object_set_new(summary, key, num(sd));
	}
	return json_pack("{s:s, s:i, s:o, s:o}", "kind", b->cv ? "cv" : "repeat",
	                 "count", b->nruns, "runs", runs, "summary", summary);
}

int gt_batch_print_json(FILE *f, const gt_batch *b)
{
	const gt_session *s = &b->session;
	gt_run_info info = {
		.file = b->path, .synthetic = b->synthetic, .preset = b->preset_name,
		.model_file = b->model_file, .arch = s->running ? &s->model.arch : &b->arch,
		.hp = &b->hp, .results = b->trained && !b->nruns,
	};
	json_t *doc = gt_json_run(s, &info);
	int rc;

	if (!doc)
		return -1;
	if (b->nruns)
		json_object_set_new(doc, "runs", runs_json(b));
	rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(doc);
	return rc;
}
