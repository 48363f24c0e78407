/* report_json.c: a run's figures as JSON values (see report_json.h). */
#include <math.h>

#include "genretui/encode.h"
#include "genretui/report_json.h"
#include "genretui/textfmt.h"

json_t *gt_json_num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

json_t *gt_json_path(const char *path)
{
	json_t *s = json_string(path);
	char buf[1024];

	if (s)
		return s;
	gt_text_safe(path, buf, sizeof(buf), sizeof(buf) - 16);
	return json_string(buf);
}

json_t *gt_json_genres(const gt_genres *g)
{
	json_t *a = json_array();

	for (int c = 0; c < g->k; c++)
		json_array_append_new(a, json_string(g->name[c]));
	return a;
}

json_t *gt_json_support(const gt_samples *s, int k)
{
	json_int_t count[GT_MAX_CLASSES] = {0};
	json_t *a = json_array();

	for (size_t i = 0; i < s->n; i++)
		if (s->y[i] >= 0 && s->y[i] < GT_MAX_CLASSES)
			count[s->y[i]]++;
	for (int c = 0; c < k && c < GT_MAX_CLASSES; c++)
		json_array_append_new(a, json_integer(count[c]));
	return a;
}

json_t *gt_json_epochs(const gt_trainer *t)
{
	json_t *a = json_array();

	for (int i = 0; i < t->epoch; i++) {
		const gt_epoch *e = &t->history[i];

		json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}",
			"epoch", e->epoch, "loss", gt_json_num(e->loss),
			"accuracy", gt_json_num(e->accuracy), "val_loss", gt_json_num(e->val_loss),
			"val_accuracy", gt_json_num(e->val_accuracy), "seconds", gt_json_num(e->seconds)));
	}
	return a;
}

json_t *gt_json_confusion(const gt_confusion *cm)
{
	json_t *rows = json_array();

	for (int i = 0; i < cm->k; i++) {
		json_t *row = json_array();

		for (int j = 0; j < cm->k; j++)
			json_array_append_new(row, json_integer(cm->cell[i][j]));
		json_array_append_new(rows, row);
	}
	return rows;
}

static json_t *avg_json(double p, double r, double f1, long support_total)
{
	return json_pack("{s:o, s:o, s:o, s:I}", "precision", gt_json_num(p),
	                 "recall", gt_json_num(r), "f1", gt_json_num(f1),
	                 "support", (json_int_t)support_total);
}

json_t *gt_json_report(const gt_report *r, const gt_genres *g)
{
	json_t *o = json_object();

	for (int c = 0; c < r->k && c < g->k; c++)
		if (r->present[c])      /* as classification_report(output_dict=True) */
			json_object_set_new(o, g->name[c], avg_json(r->precision[c], r->recall[c],
			                                            r->f1[c], r->support[c]));
	json_object_set_new(o, "accuracy", gt_json_num(r->accuracy));
	json_object_set_new(o, "macro_avg", avg_json(r->macro_precision, r->macro_recall,
	                                             r->macro_f1, r->total));
	json_object_set_new(o, "weighted_avg", avg_json(r->weighted_precision,
	                                                r->weighted_recall, r->weighted_f1,
	                                                r->total));
	return o;
}

json_t *gt_json_hparams(const char *preset, const gt_hparams *hp, uint32_t split_seed)
{
	json_t *o = json_pack("{s:s, s:i, s:i, s:f, s:f, s:f, s:f, s:I, s:I}",
		"preset", preset, "epochs", hp->epochs, "batch_size", hp->batch_size,
		"lr", hp->lr, "beta1", hp->beta1, "beta2", hp->beta2, "epsilon", hp->eps,
		"seed", (json_int_t)hp->seed, "split_seed", (json_int_t)split_seed);

	if (!o)
		return NULL;
	json_object_set_new(o, "preparation", json_string(gt_prep_name(hp->prep)));
	json_object_set_new(o, "lr_schedule", json_string(hp->schedule == GT_LR_COSINE
	                                                  ? "cosine" : "constant"));
	json_object_set_new(o, "lr_min", gt_json_num(hp->lr_min));
	json_object_set_new(o, "dropout", gt_json_num(hp->dropout));
	json_object_set_new(o, "validation_fraction", gt_json_num(hp->val_fraction));
	json_object_set_new(o, "patience", json_integer(hp->patience));
	return o;
}

json_t *gt_json_importance(const gt_importance *imp, size_t rows)
{
	json_t *feats = json_array();

	for (int f = 0; feats && f < imp->nfeat; f++)
		json_array_append_new(feats, json_pack("{s:s, s:o, s:o}", "name", imp->feat[f].name,
		                                       "mean", gt_json_num(imp->mean[f]),
		                                       "sd", gt_json_num(imp->sd[f])));
	return json_pack("{s:i, s:I, s:I, s:o, s:o, s:o}", "repeats", imp->repeats,
	                 "seed", (json_int_t)imp->seed, "rows", (json_int_t)rows,
	                 "baseline_accuracy", gt_json_num(imp->baseline),
	                 "seconds", gt_json_num(imp->seconds), "features", feats);
}
