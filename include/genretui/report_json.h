/* report_json.h: the figures of a run as JSON values (jansson), and the one
 * document both --batch --json (batch_json.c) and the exported report.json
 * (export.c) are: gt_json_run.
 *
 * Every function returns a new reference (NULL only when jansson runs out of
 * memory); numbers that are not finite become null, since JSON has no NaN. */
#ifndef GENRETUI_REPORT_JSON_H
#define GENRETUI_REPORT_JSON_H

#include <stdint.h>

#include <jansson.h>

#include "genretui/genres.h"
#include "genretui/importance.h"
#include "genretui/metrics.h"
#include "genretui/session.h"
#include "genretui/train.h"

/* A finite number, or null. */
json_t *gt_json_num(double v);

/* A path as a JSON string: jansson takes only valid UTF-8, so a name that
 * is not is given escaped as the text output shows it. */
json_t *gt_json_path(const char *path);

/* The genre names in class order: ["Electronic", "Anime", ...]. */
json_t *gt_json_genres(const gt_genres *g);

/* Rows per class (of k) of a set: [n0, n1, ...] (the support). */
json_t *gt_json_support(const gt_samples *s, int k);

/* The epoch whose weights are the session's model: the best validation
 * epoch when training held out a validation slice, else the last one; 0
 * when nothing was trained here (no run, or a model read from a file). */
int gt_json_kept_epoch(const gt_session *s);

/* One object per finished epoch of t: epoch, loss and accuracy (training
 * rows, during the epoch), test_loss and test_accuracy (the held-out test
 * rows after it), validation_loss and validation_accuracy (the early-stopping
 * slice; null without one), lr, seconds, and kept (true for epoch kept). */
json_t *gt_json_epochs(const gt_trainer *t, int kept);

/* The matrix as rows of counts: [[...], ...], cell[true][predicted]. */
json_t *gt_json_confusion(const gt_confusion *cm);

/* scikit-learn's classification report as an object: one member per genre
 * of g present in the report ({precision, recall, f1, support}; a genre
 * neither true nor predicted is left out, as metrics.h says), accuracy,
 * macro_avg, weighted_avg. */
json_t *gt_json_report(const gt_report *r, const gt_genres *g);

/* {preset, epochs, batch_size, lr, beta1, beta2, epsilon, seed, split_seed,
 * preparation, lr_schedule, lr_min, dropout, validation_fraction, patience}. */
json_t *gt_json_hparams(const char *preset, const gt_hparams *hp, uint32_t split_seed);

/* A permutation importance: {repeats, seed, rows, baseline_accuracy,
 * seconds, features: [{name, mean, sd}, ...]} with the features in the
 * model's input order. */
json_t *gt_json_importance(const gt_importance *imp, size_t rows);

/* {sizes, activations, loss}. */
json_t *gt_json_arch(const gt_arch *a);

/* What a run document says beyond the session. */
typedef struct {
	const char *file;        /* the CSV read (NULL: null) */
	int synthetic;           /* it is the bundled synthetic sample */
	const char *preset;      /* preset name (a saved model's own, with --model) */
	const char *model_file;  /* --model FILE evaluated, or NULL */
	const gt_arch *arch;     /* the network */
	const gt_hparams *hp;    /* its hyperparameters (epochs: asked, or trained) */
	int results;             /* the session's model is reported (0: nulls) */
} gt_run_info;

/* The run as one document, the same keys for --batch --json and
 * report.json:
 *   version, file, synthetic, model_file, model_from_file;
 *   the ledger: rows_read, rows_kept, rows_complete, dropped {per reason,
 *   total}, unknown_duration, unknown_tempo, unknown_key and their
 *   fractions, dropped_rows (the first few explained);
 *   genres, genres_from_data, counts_before, counts_kept, train_rows,
 *   test_rows, train_support, test_support, fusion {tracks, rows, combos};
 *   preset, architecture, hyperparameters, epochs_trained;
 *   epochs (gt_json_epochs), kept_epoch (gt_json_kept_epoch, or null),
 *   test_accuracy (the headline: the kept weights on the test rows),
 *   train_accuracy, confusion_test, confusion_train, report_test,
 *   report_train, top2_accuracy, fusion_accuracy (null without artist and
 *   track names), top2_accuracy_train, fusion_accuracy_train;
 *   validation {rows, accuracy (the kept weights on the slice),
 *   stopped_early} or null without a slice; imputed {rows, accuracy,
 *   validation_rows, validation_accuracy} or null without imputed rows;
 *   runs (null: --repeat and --cv fill it in), feature_importance
 *   (gt_json_importance, null without one), timing {load_s, clean_s,
 *   prep_s, fusion_s, train_s}.
 * Without results (or an evaluated model) the figures are null and epochs
 * is []. */
json_t *gt_json_run(const gt_session *s, const gt_run_info *info);

#endif
