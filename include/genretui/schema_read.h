/* schema_read.h: a table read by its own schema (schema.h) instead of the
 * study's columns: the schema detected on the loaded dataset, the classes
 * of its label column (its own labels, never the study's ten imposed), the
 * layout of the network's inputs (layout.h), and every row's fate and
 * values, ready for gt_pipeline_open_clean.
 *
 * A row is looked at in this order, and the first rule that applies
 * decides its fate:
 *   MALFORMED  field count differs from the header's
 *   BLANK      every input column and the label are empty
 *   MISSING    the label is empty (not a track), or an input cell is empty
 *   INVALID    the label is not one of the classes (more than
 *              GT_MAX_CLASSES labels), or an input cell of a numeric column
 *              is not a finite number
 *   KEPT       otherwise
 * A MISSING or INVALID row whose label is good is still a track, with NaN
 * where its cells could not be used (a one-hot column's empty cell: NaN in
 * each of its level inputs): the paper preset drops it, as the study
 * dropped rows with missing values, and the improved preset fills the NaNs
 * with training medians. The fate's column is the first offending one. */
#ifndef GENRETUI_SCHEMA_READ_H
#define GENRETUI_SCHEMA_READ_H

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/schema.h"
#include "genretui/status.h"

/* A view of ds for gt_schema_detect. */
void gt_schema_view(gt_table_view *v, const gt_dataset *ds);

/* Detect ds's schema with opts into *schema, point the dataset's study
 * fields that name rows at the file's columns (the label as music_genre; a
 * text column of artists and one of titles, else an identifier, for the
 * grouping of tracks and the drill-down), and clean every row into *out.
 * On failure both are left empty and err says why (gt_schema_detect's
 * messages, or out of memory). */
gt_status gt_schema_clean(gt_clean *out, gt_schema *schema, gt_dataset *ds,
                          const gt_schema_opts *opts, gt_error *err);

/* The same, its rows read in up to `threads` threads (gt_threads_resolve:
 * 0 for every CPU) from 16,384 rows on; the result does not depend on
 * the number. gt_schema_clean is threads 0. */
gt_status gt_schema_clean_threads(gt_clean *out, gt_schema *schema, gt_dataset *ds,
                                  const gt_schema_opts *opts, int threads, gt_error *err);

/* The file columns that name a row for a reader of the rows (the export's
 * predictions.csv), -1 where the file has none, never one column twice.
 * Read by the study's columns (s NULL): instance_id, artist_name and
 * track_name, or the columns --map reads them from. By its own schema s:
 * the artists are the first text column whose name has "artist", the
 * title the first whose name has track_name, else title, song, track,
 * name (an identifier of text that differs in every row may be either);
 * the identifier the first of the others whose name says id or file
 * (track_id, filename), else one of text, else a row number or a written
 * index ("Unnamed: 0"). */
typedef struct {
	int id, artist, title;
} gt_row_naming;
gt_row_naming gt_row_naming_of(const gt_dataset *ds, const gt_schema *s);

/* Should a loaded dataset be read by its own schema? Yes when opts name
 * any column (label, features or drop), or when the header lacks one of
 * the study's 14 musical columns, no --map was given (map_given 0), and
 * the file is not study-like. */
int gt_schema_wanted(const gt_dataset *ds, const gt_schema_opts *opts, int map_given);

/* Most of the study's musical columns a study-like file may lack. */
#define GT_STUDY_LIKE_MISSING 7

/* Is ds study-like: its header has the study's label column, music_genre,
 * and lacks at most GT_STUDY_LIKE_MISSING of the other musical ones? Such
 * a file is most likely the study's with a column renamed or lost, and is
 * refused as the study's (gt_dataset_require_study) unless --label,
 * --features or --drop ask for its own schema. */
int gt_schema_study_like(const gt_dataset *ds);

#endif
