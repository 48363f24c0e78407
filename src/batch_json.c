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

/* Dropped rows explained per reason in "dropped_rows" (all are counted in
 * "dropped"). */
#define EXAMPLES 10

/* A finite number, or null (JSON has no NaN). */
static json_t *num(double v)
{
	return gt_json_num(v);
}

static json_t *ledger_json(const gt_ledger *L)
{
	json_t *dropped = json_object(), *o = json_object();

	for (int i = 1; i < GT_NFATES; i++)
		json_object_set_new(dropped, gt_fate_key((gt_fate)i), json_integer((json_int_t)L->fate[i]));
	json_object_set_new(dropped, "total", json_integer((json_int_t)L->dropped));
	json_object_set_new(o, "rows_read", json_integer((json_int_t)L->rows_read));
	json_object_set_new(o, "rows_kept", json_integer((json_int_t)L->kept));
	json_object_set_new(o, "rows_complete", json_integer((json_int_t)L->complete));
	json_object_set_new(o, "dropped", dropped);
	json_object_set_new(o, "unknown_duration", json_integer((json_int_t)L->unknown_duration));
	json_object_set_new(o, "unknown_tempo", json_integer((json_int_t)L->unknown_tempo));
	json_object_set_new(o, "unknown_key", json_integer((json_int_t)L->unknown_key));
	json_object_set_new(o, "unknown_duration_fraction",
	                    num(L->complete ? (double)L->unknown_duration / L->complete : NAN));
	json_object_set_new(o, "unknown_tempo_fraction",
	                    num(L->complete ? (double)L->unknown_tempo / L->complete : NAN));
	return o;
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
	                 "column", rf.col >= 0 ? json_string(gt_column_names[rf.col])
	                                       : json_null(),
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
			if ((f->combos[i].set >> c) & 1u)
				json_array_append_new(names, json_string(g->name[c]));
		json_array_append_new(combos, json_pack("{s:o, s:I}", "genres", names,
		                                        "tracks", (json_int_t)f->combos[i].tracks));
	}
	return json_pack("{s:I, s:I, s:o}", "tracks", (json_int_t)f->multi_tracks,
	                 "rows", (json_int_t)f->multi_rows, "combos", combos);
}

/* Early stopping and imputed rows: null where the run had none. */
static json_t *beyond_json(const gt_session *s)
{
	const gt_trainer *t = &s->trainer;

	return json_pack("{s:I, s:o, s:i, s:b, s:I, s:o, s:I, s:o}",
		"validation_rows", (json_int_t)t->nval,
		"validation_accuracy", t->nval ? num(s->vs_acc) : json_null(),
		"best_epoch", t->best_epoch, "stopped_early", t->stopped,
		"imputed_rows", (json_int_t)s->imp_n,
		"imputed_accuracy", s->imp_n ? num(s->imp_acc) : json_null(),
		"imputed_validation_rows", (json_int_t)s->imp_val_n,
		"imputed_validation_accuracy", s->imp_val_n ? num(s->imp_val_acc) : json_null());
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

/* The trained model's figures (null when no training ran, and with
 * --repeat or --cv, whose figures are under "runs"). */
static void add_results(json_t *doc, const gt_batch *b)
{
	const gt_session *s = &b->session;
	const gt_genres *g = &s->pipe.clean.genres;
	int ok = b->trained && s->evaluated && !b->nruns;

	json_object_set_new(doc, "epochs", ok && !s->loaded ? gt_json_epochs(&s->trainer)
	                                                    : json_array());
	json_object_set_new(doc, "train_accuracy", ok ? num(s->rep_train.accuracy) : json_null());
	json_object_set_new(doc, "test_accuracy", ok ? num(s->rep_test.accuracy) : json_null());
	json_object_set_new(doc, "confusion_test", ok ? gt_json_confusion(&s->cm_test) : json_null());
	json_object_set_new(doc, "confusion_train", ok ? gt_json_confusion(&s->cm_train) : json_null());
	json_object_set_new(doc, "report_test", ok ? gt_json_report(&s->rep_test, g) : json_null());
	json_object_set_new(doc, "report_train", ok ? gt_json_report(&s->rep_train, g) : json_null());
	json_object_set_new(doc, "top2_accuracy", ok ? num(s->top2_test) : json_null());
	json_object_set_new(doc, "fusion_accuracy", ok ? num(s->fusion_test) : json_null());
	json_object_set_new(doc, "top2_accuracy_train", ok ? num(s->top2_train) : json_null());
	json_object_set_new(doc, "fusion_accuracy_train", ok ? num(s->fusion_train) : json_null());
	json_object_set_new(doc, "beyond", ok ? beyond_json(s) : json_null());
	json_object_set_new(doc, "runs", b->nruns ? runs_json(b) : json_null());
	json_object_set_new(doc, "feature_importance", s->has_importance
	                    ? gt_json_importance(&s->importance, s->pipe.test.n) : json_null());
}

int gt_batch_print_json(FILE *f, const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	const gt_genres *g = &p->clean.genres;
	json_t *doc = ledger_json(&p->clean.ledger);
	int rc;

	json_object_set_new(doc, "file", gt_json_path(b->path));
	json_object_set_new(doc, "dropped_rows", dropped_rows(p));
	json_object_set_new(doc, "synthetic", json_boolean(b->synthetic));
	json_object_set_new(doc, "model_file", b->model_file ? gt_json_path(b->model_file)
	                                                     : json_null());
	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(doc, "genres", gt_json_genres(g));
	json_object_set_new(doc, "genres_from_data", json_boolean(g->from_data));
	json_object_set_new(doc, "counts_before", genre_counts(p->clean.ledger.genre_before, g));
	json_object_set_new(doc, "counts_kept", genre_counts(p->clean.ledger.genre_after, g));
	json_object_set_new(doc, "train_support", gt_json_support(&p->train, g->k));
	json_object_set_new(doc, "test_support", gt_json_support(&p->test, g->k));
	json_object_set_new(doc, "fusion", fusion_json(&p->fusion, g));
	json_object_set_new(doc, "hyperparameters",
	                    gt_json_hparams(b->preset->name, &b->hp, b->split_seed));
	add_results(doc, b);
	json_object_set_new(doc, "timing", json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"load_s", num(p->load_s), "clean_s", num(p->clean_s), "prep_s", num(p->prep_s),
		"fusion_s", num(p->fusion_s), "train_s", num(b->session.train_s)));
	rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(doc);
	return rc;
}
