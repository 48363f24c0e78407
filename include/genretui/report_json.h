/* report_json.h: the figures of a run as JSON values (jansson), shared by
 * --batch --json (batch_json.c) and the exported report.json (export.c).
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

/* One object per finished epoch of t: epoch, loss, accuracy, val_loss,
 * val_accuracy, seconds. */
json_t *gt_json_epochs(const gt_trainer *t);

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

#endif
