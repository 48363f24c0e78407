/* report_json.c: a run's figures as JSON values, and the one document that
 * --batch --json prints and --export writes as report.json (see
 * report_json.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>

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

int gt_json_kept_epoch(const gt_session *s)
{
	if (!s->running || s->loaded || s->trainer.epoch == 0)
		return 0;
	return s->trainer.nval ? s->trainer.best_epoch : s->trainer.epoch;
}

json_t *gt_json_epochs(const gt_trainer *t, int kept)
{
	json_t *a = json_array();

	for (int i = 0; i < t->epoch; i++) {
		const gt_epoch *e = &t->history[i];
		json_t *o = json_pack("{s:i, s:o, s:o, s:o, s:o}", "epoch", e->epoch,
			"loss", gt_json_num(e->loss), "accuracy", gt_json_num(e->accuracy),
			"test_loss", gt_json_num(e->val_loss),
			"test_accuracy", gt_json_num(e->val_accuracy));

		json_object_set_new(o, "validation_loss", gt_json_num(e->vs_loss));
		json_object_set_new(o, "validation_accuracy", gt_json_num(e->vs_accuracy));
		json_object_set_new(o, "lr", gt_json_num(e->lr));
		json_object_set_new(o, "seconds", gt_json_num(e->seconds));
		json_object_set_new(o, "kept", json_boolean(e->epoch == kept));
		json_array_append_new(a, o);
	}
	return a;
}

json_t *gt_json_confusion(const gt_confusion *cm)
{
	json_t *rows = json_array();

	for (int i = 0; i < cm->k; i++) {
		json_t *row = json_array();

		for (int j = 0; j < cm->k; j++)
			json_array_append_new(row, json_integer(GT_CM(cm, i, j)));
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

/* ---- The run document ---- */

/* Dropped rows explained per reason in "dropped_rows" (all are counted in
 * "dropped"). */
#define EXAMPLES 10

/* The cleaning ledger's counts, as members of doc. The study's unknown
 * durations, tempos and keys are null for a file read by its own schema
 * (own): it has no such columns; its empty and unusable cells are counted
 * column by column in "schema". */
static void add_ledger(json_t *doc, const gt_ledger *L, int own)
{
	json_t *dropped = json_object();

	for (int i = 1; i < GT_NFATES; i++)
		json_object_set_new(dropped, gt_fate_key((gt_fate)i), json_integer((json_int_t)L->fate[i]));
	json_object_set_new(dropped, "total", json_integer((json_int_t)L->dropped));
	json_object_set_new(doc, "rows_read", json_integer((json_int_t)L->rows_read));
	json_object_set_new(doc, "rows_kept", json_integer((json_int_t)L->kept));
	json_object_set_new(doc, "rows_complete", json_integer((json_int_t)L->complete));
	json_object_set_new(doc, "dropped", dropped);
	if (own) {
		static const char *const study_only[] = {
			"unknown_duration", "unknown_tempo", "unknown_key",
			"unknown_duration_fraction", "unknown_tempo_fraction",
		};

		for (size_t i = 0; i < sizeof(study_only) / sizeof(study_only[0]); i++)
			json_object_set_new(doc, study_only[i], json_null());
		return;
	}
	json_object_set_new(doc, "unknown_duration", json_integer((json_int_t)L->unknown_duration));
	json_object_set_new(doc, "unknown_tempo", json_integer((json_int_t)L->unknown_tempo));
	json_object_set_new(doc, "unknown_key", json_integer((json_int_t)L->unknown_key));
	json_object_set_new(doc, "unknown_duration_fraction",
	                    gt_json_num(L->complete ? (double)L->unknown_duration / L->complete : NAN));
	json_object_set_new(doc, "unknown_tempo_fraction",
	                    gt_json_num(L->complete ? (double)L->unknown_tempo / L->complete : NAN));
}

/* One dropped row: file line, reason, column (or null) and the sentence
 * gt_clean_describe gives (cell text escaped, so valid UTF-8). */
static json_t *dropped_row(const gt_pipeline *p, size_t r)
{
	gt_rowfate rf = p->clean.fates[r];
	char text[GT_ERROR_MAX];

	gt_clean_describe(&p->clean, &p->ds, r, text, sizeof(text));
	return json_pack("{s:I, s:s, s:o, s:s?}", "line", (json_int_t)p->ds.line[r],
	                 "reason", gt_fate_key((gt_fate)rf.fate),
	                 "column", rf.col < 0 ? json_null()
	                           : p->clean.own_schema ? gt_json_path(p->ds.names[rf.col])
	                           : json_string(gt_column_names[rf.col]),
	                 "message", text);
}

/* The first few rows dropped as malformed, missing or invalid. */
static json_t *dropped_rows(const gt_pipeline *p)
{
	static const gt_fate why[] = { GT_FATE_MALFORMED, GT_FATE_MISSING, GT_FATE_INVALID };
	json_t *a = json_array();

	for (size_t k = 0; k < sizeof(why) / sizeof(why[0]); k++) {
		size_t shown = 0;

		for (size_t r = 0; r < p->ds.nrows && shown < EXAMPLES; r++)
			if (p->clean.fates[r].fate == why[k]) {
				json_array_append_new(a, dropped_row(p, r));
				shown++;
			}
	}
	return a;
}

static json_t *genre_counts(const size_t *counts, const gt_genres *g)
{
	json_t *o = json_object();

	for (int c = 0; c < g->k; c++)
		json_object_set_new(o, g->name[c], json_integer((json_int_t)counts[c]));
	return o;
}

/* Tracks listed under several genres: counts and the genre sets. */
static json_t *fusion_json(const gt_fusion *f, const gt_genres *g)
{
	json_t *combos = json_array();

	for (size_t i = 0; i < f->ncombos; i++) {
		json_t *names = json_array();

		for (int c = 0; c < g->k; c++)
			if (gt_genre_set_has(&f->combos[i].set, c))
				json_array_append_new(names, json_string(g->name[c]));
		json_array_append_new(combos, json_pack("{s:o, s:I}", "genres", names,
		                                        "tracks", (json_int_t)f->combos[i].tracks));
	}
	return json_pack("{s:I, s:I, s:o}", "tracks", (json_int_t)f->multi_tracks,
	                 "rows", (json_int_t)f->multi_rows, "combos", combos);
}

static const char *act_name(gt_act a)
{
	return a == GT_ACT_SIGMOID ? "sigmoid" : a == GT_ACT_RELU ? "relu" : "linear";
}

json_t *gt_json_arch(const gt_arch *a)
{
	json_t *sizes = json_array(), *acts = json_array();

	for (int l = 0; l <= a->nlayers; l++)
		json_array_append_new(sizes, json_integer(a->sizes[l]));
	for (int l = 0; l < a->nlayers; l++)
		json_array_append_new(acts, json_string(act_name(a->act[l])));
	return json_pack("{s:o, s:o, s:s}", "sizes", sizes, "activations", acts, "loss",
	                 a->loss == GT_LOSS_KERAS_SIGMOID ? "keras_sigmoid_ce" : "softmax_ce");
}

/* Fusion-aware accuracy needs artist and track names; a file without
 * them (the columns are optional) has none: null. */
static json_t *fusion_acc(const gt_session *s, double v)
{
	const gt_dataset *ds = &s->pipe.ds;

	return gt_json_num(ds->field[GT_COL_ARTIST] >= 0 && ds->field[GT_COL_TRACK] >= 0 ? v : NAN);
}

/* The early-stopping slice (null without one) and the imputed rows (null
 * without them). */
static void add_beyond(json_t *doc, const gt_session *s)
{
	const gt_trainer *t = &s->trainer;

	json_object_set_new(doc, "validation", t->nval && !s->loaded
		? json_pack("{s:I, s:o, s:b}", "rows", (json_int_t)t->nval,
		            "accuracy", gt_json_num(s->vs_acc), "stopped_early", t->stopped)
		: json_null());
	json_object_set_new(doc, "imputed", s->imp_n
		? json_pack("{s:I, s:o, s:I, s:o}", "rows", (json_int_t)s->imp_n,
		            "accuracy", gt_json_num(s->imp_acc),
		            "validation_rows", (json_int_t)s->imp_val_n,
		            "validation_accuracy", s->imp_val_n ? gt_json_num(s->imp_val_acc)
		                                                : json_null())
		: json_null());
}

/* The evaluated model's figures, or nulls (and no epochs) without one. */
static void add_results(json_t *doc, const gt_session *s, int ok)
{
	const gt_genres *g = &s->pipe.clean.genres;
	int kept = ok ? gt_json_kept_epoch(s) : 0;

	json_object_set_new(doc, "epochs", ok && !s->loaded ? gt_json_epochs(&s->trainer, kept)
	                                                    : json_array());
	json_object_set_new(doc, "kept_epoch", kept ? json_integer(kept) : json_null());
	json_object_set_new(doc, "test_accuracy", ok ? gt_json_num(s->rep_test.accuracy) : json_null());
	json_object_set_new(doc, "train_accuracy", ok ? gt_json_num(s->rep_train.accuracy) : json_null());
	json_object_set_new(doc, "confusion_test", ok ? gt_json_confusion(&s->cm_test) : json_null());
	json_object_set_new(doc, "confusion_train", ok ? gt_json_confusion(&s->cm_train) : json_null());
	json_object_set_new(doc, "report_test", ok ? gt_json_report(&s->rep_test, g) : json_null());
	json_object_set_new(doc, "report_train", ok ? gt_json_report(&s->rep_train, g) : json_null());
	json_object_set_new(doc, "top2_accuracy", ok ? gt_json_num(s->top2_test) : json_null());
	json_object_set_new(doc, "fusion_accuracy", ok ? fusion_acc(s, s->fusion_test) : json_null());
	json_object_set_new(doc, "top2_accuracy_train", ok ? gt_json_num(s->top2_train) : json_null());
	json_object_set_new(doc, "fusion_accuracy_train",
	                    ok ? fusion_acc(s, s->fusion_train) : json_null());
	if (ok) {
		add_beyond(doc, s);
	} else {
		json_object_set_new(doc, "validation", json_null());
		json_object_set_new(doc, "imputed", json_null());
	}
}

/* How the file's columns were read: {"from": "study", "label", "inputs"}
 * for the study's columns, else the file's own schema (schema.h) with
 * "from": "file". */
static json_t *schema_json(const gt_pipeline *p)
{
	const gt_layout *l = &p->clean.layout;
	json_t *o, *inputs;

	if (p->schema) {
		o = gt_schema_json(p->schema);
		if (o)
			json_object_set_new(o, "from", json_string("file"));
		return o ? o : json_null();
	}
	o = json_object();
	inputs = json_array();
	for (int i = 0; i < l->ninputs; i++)
		json_array_append_new(inputs, gt_json_path(gt_layout_input(l, i)));
	json_object_set_new(o, "from", json_string("study"));
	json_object_set_new(o, "label", gt_json_path(gt_column_name(&p->ds, GT_COL_GENRE)));
	json_object_set_new(o, "inputs", inputs);
	return o;
}

json_t *gt_json_run(const gt_session *s, const gt_run_info *info)
{
	const gt_pipeline *p = &s->pipe;
	const gt_genres *g = &p->clean.genres;
	int ok = info->results && s->running && s->evaluated;
	json_t *doc = json_object();

	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(doc, "file", info->file ? gt_json_path(info->file) : json_null());
	json_object_set_new(doc, "synthetic", json_boolean(info->synthetic));
	json_object_set_new(doc, "model_file", info->model_file ? gt_json_path(info->model_file)
	                                                        : json_null());
	json_object_set_new(doc, "model_from_file", json_boolean(s->loaded));
	json_object_set_new(doc, "schema", schema_json(p));
	add_ledger(doc, &p->clean.ledger, p->schema != NULL);
	json_object_set_new(doc, "dropped_rows", dropped_rows(p));
	json_object_set_new(doc, "genres", gt_json_genres(g));
	json_object_set_new(doc, "genres_from_data", json_boolean(g->from_data));
	json_object_set_new(doc, "counts_before", genre_counts(p->clean.ledger.genre_before, g));
	json_object_set_new(doc, "counts_kept", genre_counts(p->clean.ledger.genre_after, g));
	json_object_set_new(doc, "train_rows", json_integer((json_int_t)p->train.n));
	json_object_set_new(doc, "test_rows", json_integer((json_int_t)p->test.n));
	json_object_set_new(doc, "train_support", gt_json_support(&p->train, g->k));
	json_object_set_new(doc, "test_support", gt_json_support(&p->test, g->k));
	json_object_set_new(doc, "fusion", fusion_json(&p->fusion, g));
	json_object_set_new(doc, "preset", json_string(info->preset ? info->preset : ""));
	json_object_set_new(doc, "architecture", gt_json_arch(info->arch));
	json_object_set_new(doc, "hyperparameters",
	                    gt_json_hparams(info->preset ? info->preset : "", info->hp,
	                                    p->split_seed));
	json_object_set_new(doc, "epochs_trained", json_integer(ok ? s->trainer.epoch : 0));
	add_results(doc, s, ok);
	json_object_set_new(doc, "runs", json_null());
	json_object_set_new(doc, "feature_importance", ok && s->has_importance
	                    ? gt_json_importance(&s->importance, p->test.n) : json_null());
	json_object_set_new(doc, "timing", json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"load_s", gt_json_num(p->load_s), "clean_s", gt_json_num(p->clean_s),
		"prep_s", gt_json_num(p->prep_s), "fusion_s", gt_json_num(p->fusion_s),
		"train_s", gt_json_num(s->train_s)));
	return doc;
}
