/* export.c: a finished run as CSV and JSON files in a directory (see
 * export.h). Every file is rendered in memory first, then written through
 * atomic_file's two phases. */
#define _POSIX_C_SOURCE 200809L /* open_memstream, newlocale, uselocale */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/atomic_file.h"
#include "genretui/encode.h"
#include "genretui/export.h"
#include "genretui/report_json.h"
#include "genretui/rowpred.h"
#include "genretui/schema_read.h"
#include "genretui/textfmt.h"

const char *const gt_export_files[GT_EXPORT_NFILES] = {
	"epochs.csv", "confusion_test.csv", "confusion_train.csv", "report.json",
	"predictions.csv", "importance.csv"
};

/* ---- Text in the C locale ---- */

/* A stream in memory whose numbers are printed in the C locale, whatever
 * setlocale the interface made. */
typedef struct {
	FILE *f;
	char *buf;
	size_t len;
	locale_t c, old;
} memtext;

static int text_open(memtext *t)
{
	memset(t, 0, sizeof(*t));
	t->c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	if (!t->c)
		return -1;
	t->f = open_memstream(&t->buf, &t->len);
	if (!t->f) {
		freelocale(t->c);
		return -1;
	}
	t->old = uselocale(t->c);
	return 0;
}

/* The text (the caller frees it), or NULL if any write failed. */
static char *text_close(memtext *t)
{
	int bad = ferror(t->f);

	bad |= fclose(t->f) != 0;
	uselocale(t->old);
	freelocale(t->c);
	if (bad) {
		free(t->buf);
		return NULL;
	}
	return t->buf;
}

/* A CSV field: quoted when it holds a comma, a quote or a line end. */
static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* ",v": ten significant digits, or an empty field when v is not finite. */
static void csv_real(FILE *f, double v)
{
	fputc(',', f);
	if (isfinite(v))
		fprintf(f, "%.10g", v);
}

/* Epochs in the history (a model read from a file has none). */
static int epochs_done(const gt_session *s)
{
	return s->running && !s->loaded ? s->trainer.epoch : 0;
}

char *gt_export_epochs_csv(const gt_session *s)
{
	int n = epochs_done(s), kept = gt_json_kept_epoch(s);
	memtext t;

	if (text_open(&t) != 0)
		return NULL;
	fputs("epoch,loss,accuracy,test_loss,test_accuracy,validation_loss,"
	      "validation_accuracy,lr,seconds,kept\n", t.f);
	for (int i = 0; i < n; i++) {
		const gt_epoch *e = &s->trainer.history[i];

		fprintf(t.f, "%d", e->epoch);
		csv_real(t.f, e->loss);
		csv_real(t.f, e->accuracy);
		csv_real(t.f, e->val_loss);
		csv_real(t.f, e->val_accuracy);
		csv_real(t.f, e->vs_loss);
		csv_real(t.f, e->vs_accuracy);
		csv_real(t.f, e->lr);
		csv_real(t.f, e->seconds);
		fprintf(t.f, ",%d\n", e->epoch == kept);
	}
	return text_close(&t);
}

char *gt_export_confusion_csv(const gt_confusion *cm, const gt_genres *g)
{
	memtext t;

	if (text_open(&t) != 0)
		return NULL;
	fputs("true/predicted", t.f);
	for (int p = 0; p < cm->k; p++) {
		fputc(',', t.f);
		csv_field(t.f, gt_genre_name(g, p));
	}
	fputc('\n', t.f);
	for (int r = 0; r < cm->k; r++) {
		csv_field(t.f, gt_genre_name(g, r));
		for (int p = 0; p < cm->k; p++)
			fprintf(t.f, ",%ld", GT_CM(cm, r, p));
		fputc('\n', t.f);
	}
	return text_close(&t);
}

/* ---- report.json ---- */

json_t *gt_export_report(const gt_session *s, const gt_export_info *info)
{
	gt_run_info run = {
		.file = info ? info->data : NULL, .synthetic = info && info->synthetic,
		.preset = info && info->preset ? info->preset : "",
		.model_file = info ? info->model_file : NULL, .arch = &s->model.arch,
		.hp = &s->trainer.hp, .results = 1,
	};

	return gt_json_run(s, &run);
}

char *gt_export_importance_csv(const gt_importance *imp)
{
	memtext t;

	if (text_open(&t) != 0)
		return NULL;
	fputs("feature,mean,sd", t.f);
	for (int r = 0; r < imp->repeats; r++)
		fprintf(t.f, ",shuffle_%d", r + 1);
	fputc('\n', t.f);
	for (int f = 0; f < imp->nfeat; f++) {
		csv_field(t.f, imp->feat[f].name);
		csv_real(t.f, imp->mean[f]);
		csv_real(t.f, imp->sd[f]);
		for (int r = 0; r < imp->repeats; r++)
			csv_real(t.f, imp->drops[(size_t)f * (size_t)imp->repeats + (size_t)r]);
		fputc('\n', t.f);
	}
	return text_close(&t);
}

/* The file columns that name a row, in the order predictions.csv gives
 * them (identifier, artists, title), into cols; returns how many. */
static int naming_cols(const gt_session *s, int cols[3])
{
	gt_row_naming n = gt_row_naming_of(&s->pipe.ds, s->pipe.schema);
	int k = 0;

	if (n.id >= 0)
		cols[k++] = n.id;
	if (n.artist >= 0)
		cols[k++] = n.artist;
	if (n.title >= 0)
		cols[k++] = n.title;
	return k;
}

/* Is name a column predictions.csv already has: line, set, true,
 * predicted, a genre's p_ column, or naming column cols[0..c-1]? */
static int header_taken(const gt_session *s, const int *cols, int c, const char *name)
{
	const gt_genres *g = &s->pipe.clean.genres;
	static const char *const fixed[] = { "line", "set", "true", "predicted" };

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(name, fixed[i]) == 0)
			return 1;
	if (strncmp(name, "p_", 2) == 0)
		for (int k = 0; k < g->k; k++)
			if (strcmp(name + 2, gt_genre_name(g, k)) == 0)
				return 1;
	for (int i = 0; i < c; i++)
		if (strcmp(name, s->pipe.ds.names[cols[i]]) == 0)
			return 1;
	return 0;
}

/* The heading of naming column cols[c]: the file's own name; "index" for
 * a column the file left unnamed; "file_" and the name where the name is
 * one predictions.csv already has (a file's own "set" column), so that
 * every heading names one column. */
static const char *naming_header(const gt_session *s, const int *cols, int c, char *buf,
                                 size_t n)
{
	const char *name = s->pipe.ds.names[cols[c]];

	if (!name[0])
		name = "index";
	if (!header_taken(s, cols, c, name))
		return name;
	snprintf(buf, n, "file_%s", name);
	return buf;
}

/* One set's rows of predictions.csv: line, set, true, predicted, each
 * genre's probability, then the cells of the ncols naming columns cols.
 * 0, or -1 when out of memory. */
static int prediction_rows(FILE *f, const gt_session *s, const char *name,
                           const gt_samples *set, const uint32_t *rows, const int *pred,
                           const int *cols, int ncols)
{
	const gt_genres *g = &s->pipe.clean.genres;
	const gt_dataset *ds = &s->pipe.ds;
	gt_rowpred rp;
	gt_error err = {0};

	if (gt_rowpred_compute(&rp, &s->model, set, &err) != GT_OK)
		return -1;
	for (size_t i = 0; i < set->n; i++) {
		fprintf(f, "%ld,%s,", ds->line[rows[i]], name);
		csv_field(f, gt_genre_name(g, set->y[i]));
		fputc(',', f);
		csv_field(f, gt_genre_name(g, pred[i]));
		for (int c = 0; c < rp.k; c++)
			csv_real(f, rp.prob[i * (size_t)rp.k + (size_t)c]);
		for (int c = 0; c < ncols; c++) {
			fputc(',', f);
			csv_field(f, gt_cell_col(ds, rows[i], cols[c]));
		}
		fputc('\n', f);
	}
	gt_rowpred_free(&rp);
	return 0;
}

char *gt_export_predictions_csv(const gt_session *s)
{
	const gt_genres *g = &s->pipe.clean.genres;
	const gt_pipeline *p = &s->pipe;
	int cols[3], ncols = naming_cols(s, cols);
	memtext t;

	if (text_open(&t) != 0)
		return NULL;
	fputs("line,set,true,predicted", t.f);
	for (int c = 0; c < g->k; c++) {
		char name[GT_GENRE_RAW + 8];

		snprintf(name, sizeof(name), "p_%s", gt_genre_name(g, c));
		fputc(',', t.f);
		csv_field(t.f, name);
	}
	for (int c = 0; c < ncols; c++) {
		char name[GT_GENRE_RAW + 16];

		fputc(',', t.f);
		csv_field(t.f, naming_header(s, cols, c, name, sizeof(name)));
	}
	fputc('\n', t.f);
	if (prediction_rows(t.f, s, "test", &p->test, p->test_row, s->pred_test, cols, ncols) != 0 ||
	    prediction_rows(t.f, s, "train", &p->train, p->train_row, s->pred_train, cols,
	                    ncols) != 0) {
		free(text_close(&t));
		return NULL;
	}
	return text_close(&t);
}

/* ---- Writing ---- */

static char *report_text(const gt_session *s, const gt_export_info *info)
{
	json_t *doc = gt_export_report(s, info);
	char *body = doc ? json_dumps(doc, JSON_INDENT(2) | JSON_REAL_PRECISION(10)) : NULL;
	char *out = body ? malloc(strlen(body) + 2) : NULL;

	if (out) {
		strcpy(out, body);
		strcat(out, "\n");
	}
	free(body);
	json_decref(doc);
	return out;
}

/* The files' text, in gt_export_files order: how many (the last only with
 * an importance), or -1 when out of memory. */
static int render(char *out[GT_EXPORT_NFILES], const gt_session *s,
                  const gt_export_info *info)
{
	int n = s->has_importance ? GT_EXPORT_NFILES : GT_EXPORT_NFILES - 1;

	out[0] = gt_export_epochs_csv(s);
	out[1] = gt_export_confusion_csv(&s->cm_test, &s->pipe.clean.genres);
	out[2] = gt_export_confusion_csv(&s->cm_train, &s->pipe.clean.genres);
	out[3] = report_text(s, info);
	out[4] = gt_export_predictions_csv(s);
	if (s->has_importance)
		out[5] = gt_export_importance_csv(&s->importance);
	for (int i = 0; i < n; i++)
		if (!out[i])
			return -1;
	return n;
}

/* Every temporary file first, then every rename. */
static gt_status write_all(const char *dir, char *text[GT_EXPORT_NFILES], int n,
                           gt_error *err)
{
	gt_atomic pend[GT_EXPORT_NFILES];
	gt_status st = GT_OK;
	int ready = 0;

	for (; ready < n && st == GT_OK; ready++) {
		char *path = gt_path_join(dir, gt_export_files[ready]);

		st = path ? gt_atomic_prepare(&pend[ready], path, text[ready],
		                              strlen(text[ready]), err)
		          : gt_fail(err, GT_ERR_NOMEM, "export: out of memory");
		free(path);
	}
	if (st != GT_OK)
		ready--;             /* the one that failed left nothing behind */
	for (int i = 0; i < ready; i++) {
		if (st == GT_OK)
			st = gt_atomic_commit(&pend[i], err);
		else
			gt_atomic_abort(&pend[i]);
	}
	return st;
}

gt_status gt_export_write(const char *dir, const gt_session *s,
                          const gt_export_info *info, gt_error *err)
{
	char *text[GT_EXPORT_NFILES] = { NULL };
	gt_status st;
	int n = 0;

	if (!s->running || !s->evaluated)
		return gt_fail(err, GT_ERR_ARG, "nothing to export: no trained model yet");
	st = gt_make_dir(dir, err);
	if (st == GT_OK && (n = render(text, s, info)) < 0)
		st = gt_fail(err, GT_ERR_NOMEM, "export: out of memory");
	if (st == GT_OK)
		st = write_all(dir, text, n, err);
	for (int i = 0; i < GT_EXPORT_NFILES; i++)
		free(text[i]);
	return st;
}

gt_status gt_export_check(const char *dir, gt_error *err)
{
	return gt_check_dir(dir, gt_export_files, GT_EXPORT_NFILES, err);
}
