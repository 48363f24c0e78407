/* export.h: a finished run written to a directory, for other tools
 * (`--export DIR` in batch mode, x in the Train and Confusion panes).
 *
 * Five files (six with --importance), each replaced atomically (atomic_file.h; a planted symlink is
 * replaced, never followed; modes follow the umask):
 *   epochs.csv           epoch,loss,accuracy,test_loss,test_accuracy,
 *                        validation_loss,validation_accuracy,lr,seconds,kept
 *                        one line per trained epoch (none for a model read
 *                        from a file); an unknown value (no validation
 *                        slice) is an empty field; kept is 1 for the epoch
 *                        whose weights are the model (gt_json_kept_epoch)
 *   confusion_test.csv   the test and training confusion matrices: a header
 *   confusion_train.csv  row "true/predicted,<genre>,...", then one row per
 *                        true genre: its name and the counts it was
 *                        predicted as each genre (the file's own genres,
 *                        genres.h, CSV-quoted where needed)
 *   report.json          the run's document (gt_json_run, report_json.h):
 *                        the same one --batch --json prints
 *   predictions.csv      line,set,true,predicted,p_<genre>...[,naming...]:
 *                        one line per row of the test set, then of the
 *                        training set: its file line, the set, its true and
 *                        predicted genre, the probability the model gives
 *                        each genre (rowpred.h), then the cells of the
 *                        file's columns that name the row (identifier,
 *                        artists, title: gt_row_naming_of, schema_read.h)
 *                        under the file's own header names, none when it
 *                        has none. Last, so that a reader of the earlier
 *                        columns by position finds them where they were
 *   importance.csv       with --importance: feature,mean,sd,shuffle_1..N,
 *                        one row per feature in the model's input order: the
 *                        drops in test accuracy when it is shuffled
 *                        (importance.h)
 * Numbers are written in the C locale ("0.5", never "0,5"). All of them are
 * written to temporary files first and renamed only when every one is on
 * disk: a failure (read-only directory, DIR a file, a disk full) leaves the
 * files already there as they were. */
#ifndef GENRETUI_EXPORT_H
#define GENRETUI_EXPORT_H

#include <jansson.h>

#include "genretui/session.h"
#include "genretui/status.h"

/* The files, in the order they are written (importance.csv only when the
 * session holds a permutation importance). */
#define GT_EXPORT_NFILES 6
extern const char *const gt_export_files[GT_EXPORT_NFILES];

/* What the report says beyond the session. */
typedef struct {
	const char *data;       /* the CSV read (NULL: not said) */
	int synthetic;          /* it is the bundled synthetic sample */
	const char *preset;     /* preset name */
	const char *model_file; /* the model file evaluated (NULL: trained here) */
} gt_export_info;

/* The text of each file (malloc'd, NUL-terminated), or NULL when out of
 * memory. */
char *gt_export_epochs_csv(const gt_session *s);
char *gt_export_confusion_csv(const gt_confusion *cm, const gt_genres *g);
char *gt_export_importance_csv(const gt_importance *imp);
char *gt_export_predictions_csv(const gt_session *s);
/* report.json as a JSON object (new reference), or NULL. */
json_t *gt_export_report(const gt_session *s, const gt_export_info *info);

/* Write the files into dir, made first (with its parents) if missing.
 * The session must hold an evaluated model (else GT_ERR_ARG: "nothing to
 * export"). Errors name the path: "out/epochs.csv: cannot write: ...". */
gt_status gt_export_write(const char *dir, const gt_session *s,
                          const gt_export_info *info, gt_error *err);

/* Before training: could the files be written into dir now
 * (gt_check_dir)? Nothing is made. */
gt_status gt_export_check(const char *dir, gt_error *err);

#endif
