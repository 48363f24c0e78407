/* batch.c: --batch: the study's pipeline end to end, printed as text. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genretui/atomic_file.h"
#include "genretui/batch.h"
#include "genretui/encode.h"
#include "genretui/export.h"
#include "genretui/predictor.h"
#include "genretui/runs.h"
#include "genretui/report_json.h"
#include "genretui/textfmt.h"

/* Dropped rows explained under their count, per reason (the rest are
 * counted only). */
#define EXAMPLES 3

/* A path from the command line made safe to print (it can hold control
 * characters); buf is returned. */
static const char *shown(const char *path, char *buf, size_t n)
{
	gt_text_safe(path, buf, n, n > 16 ? n - 16 : 0);
	return buf;
}

/* Preset values overridden by the command line. */
static void resolve_hparams(gt_batch *b, const gt_cli *cli)
{
	b->preset = gt_preset_find(cli->preset);
	b->preset_name = b->preset->name;
	b->arch = b->preset->arch;
	b->hp = b->preset->hp;
	if (cli->epochs >= 0)
		b->hp.epochs = cli->epochs;
	if (cli->batch_size > 0)
		b->hp.batch_size = cli->batch_size;
	if (cli->lr > 0)
		b->hp.lr = cli->lr;
	if (cli->seed >= 0)
		b->hp.seed = (uint32_t)cli->seed;
	b->split_seed = cli->split_seed;
	b->digits = cli->digits;
}

static double frac(size_t a, size_t b)
{
	return b ? (double)a / (double)b : 0.0;
}

/* Items of a list on lines of at most WRAP columns, each line starting
 * with indent: *col is the column reached (0 at a line's start). */
#define WRAP 78
#define ONE_LINE_CLASSES 32   /* more classes are listed on wrapped lines */
static void wrap_item(FILE *f, int *col, const char *indent, const char *item)
{
	int len = (int)strlen(item);

	if (*col > 0 && *col + 1 + len > WRAP) {
		fputc('\n', f);
		*col = 0;
	}
	*col += fprintf(f, "%s%s", *col ? " " : indent, item);
}

/* Rows that malformed, missing or invalid values dropped: the first few
 * explained (file line, column, value), so that none is lost unseen. */
static void print_examples(FILE *f, const gt_pipeline *p, gt_fate fate)
{
	size_t shown_rows = 0, total = p->clean.ledger.fate[fate];
	char line[GT_ERROR_MAX];

	if (fate != GT_FATE_MALFORMED && fate != GT_FATE_MISSING &&
	    fate != GT_FATE_INVALID)
		return;
	for (size_t r = 0; r < p->ds.nrows && shown_rows < EXAMPLES; r++)
		if (p->clean.fates[r].fate == fate) {
			gt_clean_describe(&p->clean, &p->ds, r, line, sizeof(line));
			fprintf(f, "      %s\n", line);
			shown_rows++;
		}
	if (total > shown_rows)
		fprintf(f, "      (and %zu more)\n", total - shown_rows);
}

/* Empty and unusable cells of the input columns, column by column. */
static void print_bad_cells(FILE *f, const gt_schema *s)
{
	char name[64];

	for (int j = 0; j < s->ncols; j++) {
		const gt_schema_col *c = &s->col[j];

		if ((c->role != GT_ROLE_NUMERIC && c->role != GT_ROLE_ONEHOT) ||
		    (!c->nempty && !c->nunusable))
			continue;
		gt_text_safe(c->name, name, sizeof(name), 30);
		fprintf(f, "  cells of %-27s %zu empty, %zu unusable\n", name, c->nempty,
		        c->nunusable);
	}
}

/* A file read by its own schema: what becomes of the rows whose only
 * fault is an empty or unusable input cell. */
static void print_own_unknowns(FILE *f, const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	size_t n = 0;

	for (size_t t = 0; t < p->clean.ntracks; t++)
		n += p->clean.tracks[t].unknown != 0;
	print_bad_cells(f, p->schema);
	if (n)
		fprintf(f, "  %zu of the dropped rows have a genre and only empty or unusable\n"
		        "  input cells: the paper preset drops them, the improved preset fills\n"
		        "  those cells with training medians%s\n", n,
		        p->prep == GT_PREP_IMPUTE ? " (this run: filled)" : "");
	fputc('\n', f);
}

static void print_ledger(FILE *f, const gt_batch *b)
{
	const gt_ledger *L = &b->session.pipe.clean.ledger;
	char label[64];

	fprintf(f, "Cleaning\n");
	fprintf(f, "  %-36s %7zu\n", "rows read", L->rows_read);
	for (int i = 1; i < GT_NFATES; i++)
		if (L->fate[i] || i == GT_FATE_BLANK) {
			snprintf(label, sizeof(label), "dropped: %s", gt_fate_text((gt_fate)i));
			fprintf(f, "  %-36s %7zu\n", label, L->fate[i]);
			print_examples(f, &b->session.pipe, (gt_fate)i);
		}
	fprintf(f, "  %-36s %7zu\n", "dropped in all", L->dropped);
	fprintf(f, "  %-36s %7zu\n", "kept", L->kept);
	if (b->session.pipe.schema) {
		print_own_unknowns(f, b);
		return;
	}
	fprintf(f, "  unknown duration: %zu of %zu complete rows (%.5g)\n",
	        L->unknown_duration, L->complete, frac(L->unknown_duration, L->complete));
	fprintf(f, "  unknown tempo:    %zu of %zu complete rows (%.5g)\n",
	        L->unknown_tempo, L->complete, frac(L->unknown_tempo, L->complete));
	if (L->unknown_key)      /* only the Spotify API's files have them */
		fprintf(f, "  unknown key:      %zu of %zu complete rows (%.5g)\n",
		        L->unknown_key, L->complete, frac(L->unknown_key, L->complete));
	fputc('\n', f);
}

/* Genres by descending kept count (pandas value_counts order; ties by class). */
static void print_genre_counts(FILE *f, const gt_batch *b)
{
	const gt_ledger *L = &b->session.pipe.clean.ledger;
	const gt_genres *g = &b->session.pipe.clean.genres;
	int order[GT_MAX_CLASSES], w = 13;
	char name[GT_GENRE_NAME * 2];

	for (int c = 0; c < g->k; c++)
		order[c] = c;
	for (int i = 1; i < g->k; i++)
		for (int j = i; j > 0 && L->genre_after[order[j]] > L->genre_after[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (g->from_data)
		fprintf(f, "Genres: the file's own %d labels, not the study's ten\n", g->k);
	for (int c = 0; c < g->k; c++)   /* the study's genres fit in 13 */
		w = gt_text_width(g->name[c]) > w ? gt_text_width(g->name[c]) : w;
	fprintf(f, "%s %7s %7s\n", gt_fmt_pad(name, sizeof(name), "Genre", w), "before", "after");
	for (int i = 0; i < g->k; i++)
		fprintf(f, "%s %7zu %7zu\n", gt_fmt_pad(name, sizeof(name), g->name[order[i]], w),
		        L->genre_before[order[i]], L->genre_after[order[i]]);
	fputc('\n', f);
}

/* Does the file name its tracks (an artist and a title column), so that
 * the rows of one track under several genres can be found? */
static int names_tracks(const gt_dataset *ds)
{
	return ds->field[GT_COL_ARTIST] >= 0 && ds->field[GT_COL_TRACK] >= 0;
}

/* The study's Evaluation: tracks the file lists under several genres. */
static void print_fusion(FILE *f, const gt_batch *b)
{
	const gt_fusion *fu = &b->session.pipe.fusion;
	char name[128];

	const gt_dataset *ds = &b->session.pipe.ds;
	char artist[64], track[64];

	if (!b->session.pipe.schema)
		fprintf(f, "Tracks under several genres (same artist and track, artist not empty_field):\n");
	else if (ds->field[GT_COL_ARTIST] >= 0 && ds->field[GT_COL_TRACK] >= 0)
		fprintf(f, "Tracks under several genres (same %s and %s):\n",
		        gt_column_label(ds, ds->field[GT_COL_ARTIST], artist, sizeof(artist), 30),
		        gt_column_label(ds, ds->field[GT_COL_TRACK], track, sizeof(track), 30));
	else
		return;     /* nothing names a track twice */
	fprintf(f, "  %zu tracks, %zu rows\n", fu->multi_tracks, fu->multi_rows);
	for (size_t i = 0; i < fu->ncombos && i < 5; i++) {
		gt_fusion_set_name(&fu->combos[i].set, &b->session.pipe.clean.genres, name,
		                   sizeof(name));
		fprintf(f, "  %-34s %6zu tracks\n", name, fu->combos[i].tracks);
	}
	fputc('\n', f);
}

static void print_support(FILE *f, const char *what, const gt_samples *s, int k)
{
	long count[GT_MAX_CLASSES] = {0};

	for (size_t i = 0; i < s->n; i++)
		count[s->y[i]]++;
	if (k > ONE_LINE_CLASSES) {     /* wrapped, like the classes */
		char item[24];
		int col = fprintf(f, "  %-14s", what);

		for (int c = 0; c < k; c++) {
			snprintf(item, sizeof(item), "%ld", count[c]);
			wrap_item(f, &col, "                 ", item);
		}
		fputc('\n', f);
		return;
	}
	fprintf(f, "  %-14s", what);
	for (int c = 0; c < k; c++)
		fprintf(f, " %ld", count[c]);
	fputc('\n', f);
}

/* Are the classes the numbers 0 to k-1 in order (a hackathon's Class)? */
static int classes_are_indices(const gt_genres *g)
{
	char n[16];

	for (int c = 0; c < g->k; c++) {
		snprintf(n, sizeof(n), "%d", c);
		if (strcmp(g->name[c], n) != 0)
			return 0;
	}
	return 1;
}

/* "classes: 0 Electronic, 1 Anime, ...", wrapped when there are more than
 * ONE_LINE_CLASSES. */
static void print_classes(FILE *f, const gt_genres *g)
{
	char item[GT_GENRE_NAME + 24];
	int col;

	if (g->k > 1 && classes_are_indices(g)) {
		fprintf(f, "  classes: 0 to %d, the file's own numbers\n", g->k - 1);
		return;
	}
	if (g->k <= ONE_LINE_CLASSES) {
		fprintf(f, "  classes: ");
		for (int c = 0; c < g->k; c++)
			fprintf(f, "%d %s%s", c, g->name[c], c + 1 < g->k ? ", " : "\n");
		return;
	}
	col = fprintf(f, "  classes:");
	for (int c = 0; c < g->k; c++) {
		snprintf(item, sizeof(item), "%d %s%s", c, g->name[c], c + 1 < g->k ? "," : "");
		wrap_item(f, &col, "    ", item);
	}
	fputc('\n', f);
}

/* The dense input of schema column j when it is numeric and had empty or
 * unusable cells (the improved preset fills them), else -1. */
static int filled_column(const gt_pipeline *p, int j)
{
	const gt_schema_col *c = &p->schema->col[j];
	int src = gt_layout_find_source(&p->clean.layout, c->name);

	if (c->role != GT_ROLE_NUMERIC || (!c->nempty && !c->nunusable) || src < 0)
		return -1;
	return p->clean.layout.source[src].first;
}

/* The improved preset on a file read by its own schema: which rows train
 * with filled cells, and the training medians of the numeric columns that
 * had empty or unusable cells. */
static void print_own_impute(FILE *f, const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	const gt_schema *s = p->schema;
	char name[64], item[128];
	int col = 0, n = 0, listed = 0;

	fprintf(f, "  %s preset: the paper preset's %zu test rows; the %zu rows it dropped for\n"
	        "  an empty or unusable input cell train too, each such cell filled with the\n"
	        "  training median; inputs standardised with training mean and sd\n",
	        b->preset_name, p->test.n, p->imputed_train);
	for (int j = 0; j < s->ncols; j++)
		n += filled_column(p, j) >= 0;
	for (int j = 0; j < s->ncols; j++) {
		int first = filled_column(p, j);

		if (first < 0)
			continue;
		if (!listed++)
			wrap_item(f, &col, "  ", "training medians:");
		gt_text_safe(s->col[j].name, name, sizeof(name), 30);
		snprintf(item, sizeof(item), "%s %g%s", name, p->median[first], listed < n ? "," : "");
		wrap_item(f, &col, "    ", item);
	}
	if (listed)
		fputc('\n', f);
}

static void print_split(FILE *f, const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	const gt_genres *g = &p->clean.genres;

	fprintf(f, "Split (split seed %u, test fraction 0.2): %zu train, %zu test rows\n",
	        b->split_seed, p->train.n, p->test.n);
	if (p->prep == GT_PREP_IMPUTE && p->schema)
		print_own_impute(f, b);
	else if (p->prep == GT_PREP_IMPUTE)
		fprintf(f, "  %s preset: the study's %zu test rows; the %zu rows it dropped for\n"
		        "  unknown duration/tempo train too, filled with the training medians\n"
		        "  (duration_ms %g, tempo %g); inputs standardised with training mean and sd\n",
		        b->preset_name, p->test.n, p->imputed_train,
		        p->median[GT_F_DURATION], p->median[GT_F_TEMPO]);
	if (b->hp.val_fraction > 0 && !b->model_file)
		fprintf(f, "  validation slice for early stopping: %.0f%% of the training rows"
		        " (seed %u), patience %d epochs\n", b->hp.val_fraction * 100, b->hp.seed,
		        b->hp.patience);
	else if (b->preset->hp.val_fraction > 0 && !b->model_file)
		fprintf(f, "  no validation slice: fewer than %d training rows; all %d epochs, "
		        "the last one's weights kept\n", GT_SMALL_TRAIN_ROWS, b->hp.epochs);
	print_classes(f, g);
	print_support(f, "train support", &p->train, g->k);
	print_support(f, "test support", &p->test, g->k);
	fputc('\n', f);
}

/* One epoch as Keras logs it, the held-out rows named for what they are:
 * test_ the study's test rows, validation_ the early-stopping slice. */
static void print_epoch(FILE *f, const gt_epoch *e, int epochs, size_t steps)
{
	fprintf(f, "Epoch %d/%d - %zu steps - %.2fs - loss: %.4f - accuracy: %.4f"
	        " - test_loss: %.4f - test_accuracy: %.4f", e->epoch, epochs, steps,
	        e->seconds, e->loss, e->accuracy, e->val_loss, e->val_accuracy);
	if (isfinite(e->vs_accuracy))
		fprintf(f, " - validation_accuracy: %.4f", e->vs_accuracy);
	fputc('\n', f);
}

/* Early stopping and the imputed rows, when the run had them. */
static void print_stopping(FILE *f, const gt_batch *b)
{
	const gt_session *s = &b->session;
	const gt_trainer *t = &s->trainer;

	if (t->nval)
		fprintf(f, "Early stopping on %zu validation rows (held out of the training rows):"
		        " %d epochs trained%s; epoch %d had the best validation accuracy (%.4f)\n",
		        t->nval, t->epoch, t->stopped ? ", stopped early" : "", t->best_epoch,
		        t->best_vs);
	if (s->imp_n && s->imp_val_n)
		fprintf(f, "Imputed rows: %zu (all on the training side): accuracy %.4f; the %zu of"
		        " them in the validation slice (never trained on): %.4f\n", s->imp_n,
		        s->imp_acc, s->imp_val_n, s->imp_val_acc);
	else if (s->imp_n)
		fprintf(f, "Imputed rows: %zu (all on the training side, all trained on):"
		        " accuracy %.4f\n", s->imp_n, s->imp_acc);
}

static void print_results(FILE *f, const gt_batch *b)
{
	const gt_session *s = &b->session;
	const char *names[GT_MAX_CLASSES];

	gt_genres_names(&s->pipe.clean.genres, names);
	fprintf(f, "\nConfusion Matrix - Test Dataset (rows = true, columns = predicted)\n");
	gt_confusion_print(f, &s->cm_test);
	fputc('\n', f);
	gt_report_print(f, &s->rep_test, names, b->digits);
	fprintf(f, "\nConfusion Matrix - Train Dataset (rows = true, columns = predicted)\n");
	gt_confusion_print(f, &s->cm_train);
	fputc('\n', f);
	gt_report_print(f, &s->rep_train, names, b->digits);
	if (s->loaded)
		fprintf(f, "\nTest accuracy %.4f, train accuracy %.4f (the saved model, not trained"
		        " here)\n", s->rep_test.accuracy, s->rep_train.accuracy);
	else
		fprintf(f, "\nTest accuracy %.4f, train accuracy %.4f (the weights of epoch %d, kept"
		        " as the model), training time %.2fs\n", s->rep_test.accuracy,
		        s->rep_train.accuracy, gt_json_kept_epoch(s), s->train_s);
	print_stopping(f, b);
	if (!names_tracks(&s->pipe.ds)) {    /* nothing groups the rows into tracks */
		fprintf(f, "Beyond the study: top-2 accuracy %.4f (test) %.4f (train)\n",
		        s->top2_test, s->top2_train);
		return;
	}
	fprintf(f, "Beyond the study: top-2 accuracy %.4f (test) %.4f (train); fusion-aware\n"
	        "accuracy %.4f (test) %.4f (train), counting a guess right when the same track\n"
	        "is listed under that genre elsewhere in the file\n",
	        s->top2_test, s->top2_train, s->fusion_test, s->fusion_train);
}

/* --importance: the model's permutation importance, seeded by --seed (a
 * model read with --model: its own seed). 0, or 1 on an error. */
static int importance(gt_batch *b, const gt_cli *cli)
{
	gt_importance_opts o;
	gt_error err = {0};

	gt_importance_defaults(&o);
	o.repeats = cli->importance;
	o.seed = b->hp.seed;
	o.threads = b->session.pipe.threads;
	if (gt_session_importance(&b->session, &o, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return 1;
	}
	return 0;
}

static void print_importance(FILE *f, const gt_importance *imp)
{
	int order[GT_IMP_MAX];

	gt_importance_order(imp, order);
	fprintf(f, "\nFeature importance: the drop in test accuracy (%.4f) when a feature is\n"
	        "shuffled, mean +- sd of %d shuffles (seed %u), most important first\n",
	        imp->baseline, imp->repeats, imp->seed);
	for (int i = 0; i < imp->nfeat; i++)
		fprintf(f, "  %-18s %+.4f +- %.4f\n", imp->feat[order[i]].name,
		        imp->mean[order[i]], imp->sd[order[i]]);
}

/* Drive the trainer step by step; epoch lines go to progress (may be NULL). */
static int train(gt_batch *b, FILE *progress)
{
	gt_error err = {0};
	gt_epoch ep;
	int r;

	if (gt_session_start(&b->session, &b->arch, &b->hp, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	if (progress)
		fprintf(progress, "Training: %s preset, seed %u, %d epochs, batch %d, lr %g\n",
		        b->preset_name, b->hp.seed, b->hp.epochs, b->hp.batch_size, b->hp.lr);
	while ((r = gt_session_step(&b->session, &ep)) >= 0)
		if (r == 1 && progress) {
			print_epoch(progress, &ep, b->hp.epochs,
			            gt_trainer_steps_per_epoch(&b->session.trainer));
			fflush(progress);
		}
	b->trained = 1;
	return 0;
}

/* Figure off (a double's offset in gt_run_figs) of run i. */
static double run_fig(const gt_run_figs *runs, int i, size_t off)
{
	double v;

	memcpy(&v, (const char *)&runs[i] + off, sizeof(v));
	return v;
}

void gt_runs_mean_sd(const gt_run_figs *runs, int n, size_t off, double *mean, double *sd)
{
	double sum = 0, sq = 0;

	for (int i = 0; i < n; i++)
		sum += run_fig(runs, i, off);
	*mean = n ? sum / n : NAN;
	for (int i = 0; i < n; i++)
		sq += (run_fig(runs, i, off) - *mean) * (run_fig(runs, i, off) - *mean);
	*sd = n > 1 ? sqrt(sq / (n - 1)) : 0;
}

/* The figures of a run trained in s with seed. */
static void record_run(const gt_session *s, uint32_t seed, gt_run_figs *r, int fold)
{
	r->seed = seed;
	r->fold = fold;
	r->test_rows = s->pipe.test.n;
	r->epochs = s->trainer.epoch;
	r->accuracy = s->rep_test.accuracy;
	r->macro_f1 = s->rep_test.macro_f1;
	r->top2 = s->top2_test;
	r->fusion = s->fusion_test;
	r->seconds = s->train_s;
}

static void print_run(FILE *f, const gt_run_figs *r, int cv)
{
	if (cv)
		fprintf(f, "  fold %2d: %6zu test rows - accuracy %.4f - macro F1 %.4f - top-2 %.4f"
		        " - %d epochs - %.2fs\n", r->fold, r->test_rows, r->accuracy, r->macro_f1,
		        r->top2, r->epochs, r->seconds);
	else
		fprintf(f, "  seed %5u: accuracy %.4f - macro F1 %.4f - top-2 %.4f - fusion %.4f"
		        " - %d epochs - %.2fs\n", r->seed, r->accuracy, r->macro_f1, r->top2,
		        r->fusion, r->epochs, r->seconds);
}

/* Mean +- sd of one figure over the runs; off is its offset in gt_run_figs. */
static void print_summary_line(FILE *f, const gt_batch *b, const char *what, size_t off)
{
	double mean, sd;

	gt_runs_mean_sd(b->runs, b->nruns, off, &mean, &sd);
	fprintf(f, "  %-18s %.4f +- %.4f\n", what, mean, sd);
}

static void print_summary(FILE *f, const gt_batch *b)
{
	fprintf(f, "Mean +- sd over %d %s:\n", b->nruns, b->cv ? "folds" : "seeds");
	print_summary_line(f, b, "test accuracy", offsetof(gt_run_figs, accuracy));
	print_summary_line(f, b, "macro F1", offsetof(gt_run_figs, macro_f1));
	print_summary_line(f, b, "top-2 accuracy", offsetof(gt_run_figs, top2));
	print_summary_line(f, b, "fusion accuracy", offsetof(gt_run_figs, fusion));
}

/* ---- Runs side by side (runs.h) ---------------------------------------- */

typedef struct {
	gt_batch *b;
	int n;
	uint32_t seed0;
	FILE *out;               /* the run lines (text mode), or NULL */
	FILE *progress;          /* or there (a terminal, in JSON mode), or NULL */
} runs_ctx;

/* Run i: fold i of n (--cv), or seed seed0 + i (--repeat). */
static gt_status run_setup(void *ctx, int i, gt_session *s, gt_hparams *hp, gt_error *err)
{
	runs_ctx *c = ctx;

	if (c->b->cv)
		return gt_session_fold(s, hp->prep, c->n, i, err);
	hp->seed = c->seed0 + (uint32_t)i;
	return GT_OK;
}

static void run_finished(void *ctx, int i, const gt_session *s, const gt_hparams *hp)
{
	runs_ctx *c = ctx;

	record_run(s, hp->seed, &c->b->runs[i], c->b->cv ? i + 1 : 0);
}

static void run_show(void *ctx, int i)
{
	runs_ctx *c = ctx;
	FILE *f = c->out ? c->out : c->progress;

	if (f) {
		print_run(f, &c->b->runs[i], c->b->cv);
		fflush(f);
	}
}

/* The n runs side by side on the session's threads; only the lines of
 * whole runs are shown (in order), no epoch lines. */
static int runs_side_by_side(gt_batch *b, int n, FILE *out, FILE *progress)
{
	runs_ctx c = { b, n, b->hp.seed, out, progress };
	gt_runs_calls calls = { run_setup, run_finished, run_show, &c };
	gt_error err = {0};

	if (gt_runs_train(&b->session, &b->arch, &b->hp, n, b->session.pipe.threads, &calls,
	                  &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	b->nruns = n;
	b->trained = 1;
	return 0;
}

/* The n runs one after another in the session, the reference that
 * runs_side_by_side must equal: each run's line to out, its epoch lines to
 * progress (either may be NULL). */
static int runs_one_by_one(gt_batch *b, int n, FILE *out, FILE *progress)
{
	uint32_t seed0 = b->hp.seed;
	gt_error err = {0};

	for (int i = 0; i < n; i++) {
		if (b->cv && gt_session_fold(&b->session, b->hp.prep, n, i, &err) != GT_OK) {
			fprintf(stderr, "genretui: %s\n", err.msg);
			return -1;
		}
		if (!b->cv)
			b->hp.seed = seed0 + (uint32_t)i;
		if (train(b, progress) != 0)
			return -1;
		record_run(&b->session, b->hp.seed, &b->runs[i], b->cv ? i + 1 : 0);
		b->nruns = i + 1;
		if (out) {
			print_run(out, &b->runs[i], b->cv);
			fflush(out);
		}
	}
	return 0;
}

/* --repeat N (seeds seed .. seed+N-1 on the study's split) or --cv K (the
 * preset's seed on every fold): side by side with more than one thread,
 * else one after another (epoch lines then go to a terminal). */
static int run_many(gt_batch *b, const gt_cli *cli, FILE *progress)
{
	int n = cli->cv ? cli->cv : cli->repeat, rc;
	uint32_t seed0 = b->hp.seed;
	FILE *out = cli->json ? NULL : stdout;

	b->runs = calloc((size_t)n, sizeof(*b->runs));
	if (!b->runs) {
		fprintf(stderr, "genretui: out of memory\n");
		return -1;
	}
	b->cv = cli->cv > 0;
	if (out && b->cv)
		fprintf(out, "Cross-validation: %d folds of the usable rows (%s), shuffled with"
		        " split seed %u; %s preset, seed %u\n", n,
		        b->hp.prep == GT_PREP_IMPUTE ? "kept and imputed" : "kept", b->split_seed,
		        b->preset_name, seed0);
	else if (out)
		fprintf(out, "Repeated runs: %d seeds from %u, %s preset, the study's split\n",
		        n, seed0, b->preset_name);
	if (b->session.pipe.threads > 1 && n > 1)
		rc = runs_side_by_side(b, n, out, progress == stdout ? NULL : progress);
	else
		rc = runs_one_by_one(b, n, out, progress == stdout ? NULL : progress);
	b->hp.seed = seed0;
	if (rc == 0 && out)
		print_summary(out, b);
	return rc;
}

/* Where the outputs go, checked before any data is read or any epoch is
 * trained: a run is never lost to a mistyped path. */
static int check_outputs(const gt_cli *cli, const gt_batch *b)
{
	gt_error err = {0};
	const char *what = cli->save_model ? "--save-model" : cli->export_dir ? "--export"
	                 : "--importance";

	if ((cli->save_model || cli->export_dir || cli->importance) && b->hp.epochs < 1 &&
	    !cli->model) {
		fprintf(stderr, "genretui: %s needs training (--epochs 1 or more)\n", what);
		return -1;
	}
	if (cli->save_model && gt_check_writable(cli->save_model, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	if (cli->export_dir && gt_export_check(cli->export_dir, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* A save failed at the end: keep the work in a new file (or directory) of
 * $TMPDIR, written by save(ctx, path), and say where. */
static void keep_elsewhere(const char *what, const char *prefix, const char *suffix, int dir,
                           gt_status (*save)(const void *, const char *, gt_error *),
                           const void *ctx)
{
	char path[4096], name[512];
	gt_error err = {0};

	if (gt_fallback_path(prefix, suffix, dir, path, sizeof(path), &err) != GT_OK) {
		fprintf(stderr, "genretui: %s could not be kept elsewhere either: %s\n", what,
		        err.msg);
		return;
	}
	if (save(ctx, path, &err) == GT_OK) {
		fprintf(stderr, "genretui: %s is kept in %s instead\n", what,
		        shown(path, name, sizeof(name)));
		return;
	}
	fprintf(stderr, "genretui: %s could not be kept elsewhere either: %s\n", what, err.msg);
	(void)(dir ? rmdir(path) : unlink(path));   /* the empty place made for it */
}

static gt_status predictor_to(const void *p, const char *path, gt_error *err)
{
	return gt_predictor_save(p, path, err);
}

int gt_batch_save_model(const gt_predictor *p, const char *path)
{
	gt_error err = {0};
	char name[512];

	if (gt_predictor_save(p, path, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		keep_elsewhere("the trained model", "genretui-model-", ".gtm", 0, predictor_to, p);
		return -1;
	}
	fprintf(stderr, "genretui: model saved to %s\n", shown(path, name, sizeof(name)));
	return 0;
}

/* --save-model: the trained model and its statistics, for --model. */
static int save_model(gt_batch *b, const char *path)
{
	gt_predictor pred;
	gt_error err = {0};
	int rc;

	if (gt_predictor_from_session(&pred, &b->session, b->preset_name, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	rc = gt_batch_save_model(&pred, path);
	gt_predictor_free(&pred);
	return rc;
}

static gt_status export_to(const void *ctx, const char *dir, gt_error *err)
{
	const gt_batch *b = ctx;
	gt_export_info info = { b->path, b->synthetic, b->preset_name, b->model_file };

	return gt_export_write(dir, &b->session, &info, err);
}

/* --export DIR: the run's epochs, matrices and report as files. */
static int export_run(const gt_batch *b, const char *dir)
{
	gt_error err = {0};
	char name[512];

	if (export_to(b, dir, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		keep_elsewhere("the run's export", "genretui-export-", "", 1, export_to, b);
		return -1;
	}
	fprintf(stderr, "genretui: run exported to %s (epochs.csv, confusion_test.csv, "
	        "confusion_train.csv, report.json, predictions.csv%s)\n", shown(dir, name, sizeof(name)),
	        b->session.has_importance ? ", importance.csv" : "");
	return 0;
}

static void print_header(FILE *f, const gt_batch *b)
{
	char path[512];

	fprintf(f, "genretui %s: %s%s\n", PACKAGE_VERSION,
	        shown(b->path, path, sizeof(path)),
	        b->synthetic ? " (synthetic sample)" : "");
	if (b->model_file)
		fprintf(f, "Model: %s (%s preset, %d epochs trained, split seed %u): evaluated on"
		        " this file, not trained\n", shown(b->model_file, path, sizeof(path)),
		        b->preset_name, b->hp.epochs, b->split_seed);
	fputc('\n', f);
}

/* A file read by its own schema: its columns and their roles. */
static void print_schema(FILE *f, const gt_batch *b)
{
	char *text;

	if (!b->session.pipe.schema)
		return;
	text = gt_schema_text(b->session.pipe.schema);
	if (text)
		fprintf(f, "%s\n", text);
	free(text);
}

/* --model FILE: the saved model's settings become the run's (its split seed
 * too, so that its test rows are the ones it was tested on). */
static int load_model(gt_batch *b, const char *file, gt_predictor *pred)
{
	gt_error err = {0};

	if (gt_predictor_load(pred, file, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	b->model_file = file;
	snprintf(b->model_preset, sizeof(b->model_preset), "%s", pred->preset);
	b->preset_name = b->model_preset;
	b->arch = pred->model.arch;
	b->hp = pred->hp;
	b->hp.epochs = pred->epochs_trained;
	b->split_seed = pred->split_seed;
	return 0;
}

/* Evaluate the loaded model on the opened file: the same genres, then its
 * weights and normalisation in the session. */
static int adopt_model(gt_batch *b, const gt_predictor *pred)
{
	gt_error err = {0};
	char name[512];

	shown(b->model_file, name, sizeof(name));
	if (gt_predictor_check_layout(pred, &b->session.pipe.clean.layout, name, &err) != GT_OK ||
	    gt_predictor_check_genres(pred, &b->session.pipe.clean.genres, name, &err) != GT_OK ||
	    gt_session_adopt(&b->session, &pred->model, &pred->norm, &pred->hp,
	                     pred->epochs_trained, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	b->trained = 1;
	return 0;
}

/* Data that trains but may surprise: one genre only, or fewer training
 * rows than a batch. Said on stderr; the run goes on. */
static void warn_small(const gt_batch *b)
{
	const gt_pipeline *p = &b->session.pipe;
	int genres = 0, last = 0;

	for (int c = 0; c < p->clean.genres.k; c++)
		if (p->clean.ledger.genre_after[c]) {
			genres++;
			last = c;
		}
	if (genres == 1)
		fprintf(stderr, "genretui: warning: every kept row is %s: with a single "
		        "genre the network can only learn to predict it\n",
		        gt_genre_name(&p->clean.genres, last));
	if (b->hp.epochs > 0 && p->train.n < (size_t)b->hp.batch_size)
		fprintf(stderr, "genretui: warning: %zu training row%s, fewer than the "
		        "batch size %d: each epoch is a single step\n", p->train.n,
		        p->train.n == 1 ? "" : "s", b->hp.batch_size);
}

/* Load the file into the session (and, with --model, evaluate the model
 * on it); 0, or the exit status. */
static int open_data(gt_batch *b, const gt_cli *cli)
{
	gt_predictor pred;
	gt_pipeline_opts o;
	gt_error err = {0};
	int rc = 0;

	memset(&pred, 0, sizeof(pred));
	if (cli->model && load_model(b, cli->model, &pred) != 0)
		return 1;
	gt_pipeline_defaults(&o);
	o.split_seed = b->split_seed;
	o.prep = b->hp.prep;
	o.map = &cli->map;
	o.threads = cli->threads;
	o.schema.label = cli->label;
	o.schema.features = cli->features;
	o.schema.drop = cli->drop;
	if (gt_session_open(&b->session, b->path, &o, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		rc = 1;
	} else if (cli->model && adopt_model(b, &pred) != 0) {
		gt_session_close(&b->session);
		rc = 1;
	}
	gt_predictor_free(&pred);
	return rc;
}

int gt_batch_main(const gt_cli *cli, const char *path, int synthetic)
{
	gt_batch b = { .path = path, .synthetic = synthetic };
	FILE *progress;
	int rc = 0;

	resolve_hparams(&b, cli);
	if (check_outputs(cli, &b) != 0 || open_data(&b, cli) != 0)
		return 1;
	if (!b.model_file) {
		gt_hparams_size(&b.hp, b.session.pipe.train.n);   /* as it trains */
		warn_small(&b);
	}
	if (!cli->json) {
		print_header(stdout, &b);
		print_schema(stdout, &b);
		print_ledger(stdout, &b);
		print_genre_counts(stdout, &b);
		print_fusion(stdout, &b);
		print_split(stdout, &b);
	}
	progress = cli->json ? (!cli->quiet && isatty(2) ? stderr : NULL) : stdout;
	if (cli->repeat || cli->cv) {
		if (b.hp.epochs < 1) {
			fprintf(stderr, "genretui: --%s needs training (--epochs 1 or more)\n",
			        cli->repeat ? "repeat" : "cv");
			rc = 2;
		} else if (run_many(&b, cli, progress) != 0) {
			rc = 1;
		}
	} else if (!b.model_file && b.hp.epochs > 0 && train(&b, progress) != 0) {
		rc = 1;
	}
	if (rc == 0 && !cli->json && b.trained && !b.nruns)
		print_results(stdout, &b);
	if (rc == 0 && cli->importance && b.trained && (rc = importance(&b, cli)) == 0 &&
	    !cli->json)
		print_importance(stdout, &b.session.importance);
	if (rc == 0 && cli->save_model && save_model(&b, cli->save_model) != 0)
		rc = 1;
	if (rc == 0 && cli->export_dir && export_run(&b, cli->export_dir) != 0)
		rc = 1;
	if (rc == 0 && cli->json && gt_batch_print_json(stdout, &b) != 0) {
		fprintf(stderr, "genretui: cannot write the JSON report\n");
		rc = 1;
	}
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = 1;
	gt_session_close(&b.session);
	free(b.runs);
	return rc;
}
