/* batch_json.c: --batch --json, one JSON document written with jansson. */
#include "config.h"

#include <jansson.h>
#include <math.h>

#include "genretui/batch.h"
#include "genretui/encode.h"
#include "genretui/textfmt.h"

/* Dropped rows explained per reason in "dropped_rows" (all are counted in
 * "dropped"). */
#define EXAMPLES 10

/* A finite number, or null (JSON has no NaN). */
static json_t *num(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
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

/* A path as JSON: jansson takes only valid UTF-8, so a name that is not
 * is given escaped as the text output shows it. */
static json_t *path_json(const char *path)
{
	json_t *s = json_string(path);
	char buf[1024];

	if (s)
		return s;
	gt_text_safe(path, buf, sizeof(buf), sizeof(buf) - 16);
	return json_string(buf);
}

static json_t *genre_counts(const size_t *counts)
{
	json_t *o = json_object();

	for (int c = 0; c < GT_NCLASSES; c++)
		json_object_set_new(o, gt_genre_names[c], json_integer((json_int_t)counts[c]));
	return o;
}

static json_t *support(const gt_samples *s)
{
	json_int_t count[GT_NCLASSES] = {0};
	json_t *a = json_array();

	for (size_t i = 0; i < s->n; i++)
		count[s->y[i]]++;
	for (int c = 0; c < GT_NCLASSES; c++)
		json_array_append_new(a, json_integer(count[c]));
	return a;
}

static json_t *epochs_json(const gt_trainer *t)
{
	json_t *a = json_array();

	for (int i = 0; i < t->epoch; i++) {
		const gt_epoch *e = &t->history[i];

		json_array_append_new(a, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o}",
			"epoch", e->epoch, "loss", num(e->loss), "accuracy", num(e->accuracy),
			"val_loss", num(e->val_loss), "val_accuracy", num(e->val_accuracy),
			"seconds", num(e->seconds)));
	}
	return a;
}

static json_t *confusion_json(const gt_confusion *cm)
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
	return json_pack("{s:o, s:o, s:o, s:I}", "precision", num(p), "recall", num(r),
	                 "f1", num(f1), "support", (json_int_t)support_total);
}

static json_t *report_json(const gt_report *r)
{
	json_t *o = json_object();

	for (int c = 0; c < r->k; c++)
		json_object_set_new(o, gt_genre_names[c],
		                    avg_json(r->precision[c], r->recall[c], r->f1[c], r->support[c]));
	json_object_set_new(o, "accuracy", num(r->accuracy));
	json_object_set_new(o, "macro_avg", avg_json(r->macro_precision, r->macro_recall,
	                                             r->macro_f1, r->total));
	json_object_set_new(o, "weighted_avg", avg_json(r->weighted_precision, r->weighted_recall,
	                                                r->weighted_f1, r->total));
	return o;
}

/* Tracks listed under several genres: counts and the genre sets. */
static json_t *fusion_json(const gt_fusion *f)
{
	json_t *combos = json_array();

	for (size_t i = 0; i < f->ncombos; i++) {
		json_t *names = json_array();

		for (int c = 0; c < GT_NCLASSES; c++)
			if ((f->combos[i].set >> c) & 1u)
				json_array_append_new(names, json_string(gt_genre_names[c]));
		json_array_append_new(combos, json_pack("{s:o, s:I}", "genres", names,
		                                        "tracks", (json_int_t)f->combos[i].tracks));
	}
	return json_pack("{s:I, s:I, s:o}", "tracks", (json_int_t)f->multi_tracks,
	                 "rows", (json_int_t)f->multi_rows, "combos", combos);
}

static json_t *names_json(void)
{
	json_t *a = json_array();

	for (int c = 0; c < GT_NCLASSES; c++)
		json_array_append_new(a, json_string(gt_genre_names[c]));
	return a;
}

static json_t *hparams_json(const gt_batch *b)
{
	return json_pack("{s:s, s:i, s:i, s:f, s:f, s:f, s:f, s:I, s:I}",
		"preset", b->preset->name, "epochs", b->hp.epochs, "batch_size", b->hp.batch_size,
		"lr", b->hp.lr, "beta1", b->hp.beta1, "beta2", b->hp.beta2, "epsilon", b->hp.eps,
		"seed", (json_int_t)b->hp.seed, "split_seed", (json_int_t)b->split_seed);
}

/* The trained model's figures (null when no training ran). */
static void add_results(json_t *doc, const gt_batch *b)
{
	const gt_session *s = &b->session;
	int ok = b->trained && s->evaluated;

	json_object_set_new(doc, "epochs", ok ? epochs_json(&s->trainer) : json_array());
	json_object_set_new(doc, "train_accuracy", ok ? num(s->rep_train.accuracy) : json_null());
	json_object_set_new(doc, "test_accuracy", ok ? num(s->rep_test.accuracy) : json_null());
	json_object_set_new(doc, "confusion_test", ok ? confusion_json(&s->cm_test) : json_null());
	json_object_set_new(doc, "confusion_train", ok ? confusion_json(&s->cm_train) : json_null());
	json_object_set_new(doc, "report_test", ok ? report_json(&s->rep_test) : json_null());
	json_object_set_new(doc, "report_train", ok ? report_json(&s->rep_train) : json_null());
	json_object_set_new(doc, "top2_accuracy", ok ? num(s->top2_test) : json_null());
	json_object_set_new(doc, "fusion_accuracy", ok ? num(s->fusion_test) : json_null());
	json_object_set_new(doc, "top2_accuracy_train", ok ? num(s->top2_train) : json_null());
	json_object_set_new(doc, "fusion_accuracy_train", ok ? num(s->fusion_train) : json_null());
}

int gt_batch_print_json(FILE *f, const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	json_t *doc = ledger_json(&p->clean.ledger);
	int rc;

	json_object_set_new(doc, "file", path_json(b->path));
	json_object_set_new(doc, "dropped_rows", dropped_rows(p));
	json_object_set_new(doc, "synthetic", json_boolean(b->synthetic));
	json_object_set_new(doc, "version", json_string(PACKAGE_VERSION));
	json_object_set_new(doc, "genres", names_json());
	json_object_set_new(doc, "counts_before", genre_counts(p->clean.ledger.genre_before));
	json_object_set_new(doc, "counts_kept", genre_counts(p->clean.ledger.genre_after));
	json_object_set_new(doc, "train_support", support(&p->train));
	json_object_set_new(doc, "test_support", support(&p->test));
	json_object_set_new(doc, "fusion", fusion_json(&p->fusion));
	json_object_set_new(doc, "hyperparameters", hparams_json(b));
	add_results(doc, b);
	json_object_set_new(doc, "timing", json_pack("{s:o, s:o, s:o, s:o, s:o}",
		"load_s", num(p->load_s), "clean_s", num(p->clean_s), "prep_s", num(p->prep_s),
		"fusion_s", num(p->fusion_s), "train_s", num(b->session.train_s)));
	rc = json_dumpf(doc, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	fputc('\n', f);
	json_decref(doc);
	return rc;
}
