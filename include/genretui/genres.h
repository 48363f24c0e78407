/* genres.h: the classes a file's labels fall into, decided from the data.
 *
 * The study's ten (gt_genre_names, in its class order) when more than half
 * of the labelled rows name one of them (exactly or leniently: "hip hop",
 * "ROCK"); any other label is then an invalid value, as the study would
 * have it (a typo, "Polka"). Otherwise the classes are the distinct labels
 * of the file, named as given, in byte order (strcmp: stable however the
 * rows are ordered): a file of other genres ("k-pop", "salsa", ...); when
 * every label is a whole number ("0" ... "10"), by value (0, 1, 2, ..., 10).
 * A file read by its own schema (GT_GENRES_OWN) always keeps its own labels:
 * GTZAN's "hiphop" and "rock" are classes of their own, never the study's.
 * At most GT_MAX_CLASSES; a file with more, or with a single genre of its
 * own, cannot be trained on (gt_genres_check says why).
 *
 * Labelled rows are those with the header's field count and a non-empty
 * label. A table is plain data (no pointers): it is copied into model
 * files' predictors and compared with a file's. */
#ifndef GENRETUI_GENRES_H
#define GENRETUI_GENRES_H

#include <stddef.h>

#include "genretui/dataset.h"
#include "genretui/encode.h"
#include "genretui/status.h"

#define GT_GENRE_RAW  64     /* bytes of a label as given, NUL included */
#define GT_GENRE_NAME 72     /* ... escaped for printing (gt_text_safe) */
#define GT_GENRE_ABBR 20     /* up to 4 characters, for column headings */

typedef struct {
	int k;                       /* classes, 0..GT_MAX_CLASSES */
	int from_data;               /* the labels of the file, not the study's ten */
	size_t found;                /* from_data: distinct labels seen (> k: too many) */
	char raw[GT_MAX_CLASSES][GT_GENRE_RAW];     /* as the file spells them */
	char name[GT_MAX_CLASSES][GT_GENRE_NAME];   /* safe to print, valid UTF-8 */
	char abbr[GT_MAX_CLASSES][GT_GENRE_ABBR];   /* "Elec", "HipH", "k-po" */
} gt_genres;

/* The study's ten. */
void gt_genres_study(gt_genres *g);

/* Decide the classes of ds's label column (see above). Fails only when out
 * of memory. */
gt_status gt_genres_from_data(gt_genres *g, const gt_dataset *ds, gt_error *err);

/* The same, with flags: GT_GENRES_OWN for a file read by its own schema,
 * whose labels are its classes even when most of them name the study's
 * genres. gt_genres_from_data is flags 0. */
#define GT_GENRES_OWN 1u
gt_status gt_genres_from_data_flags(gt_genres *g, const gt_dataset *ds, unsigned flags,
                                    gt_error *err);

/* Are labels[0..n-1] all whole numbers (an optional sign and up to 18
 * digits), so that they sort by value? 0 for n == 0. */
int gt_genres_numeric(const char *const *labels, size_t n);

/* Set the classes to names[0..k-1] as given (1 <= k <= GT_MAX_CLASSES,
 * each 1..GT_GENRE_RAW-1 bytes): the study's ten in their order make the
 * study's table, anything else a table from data. -1 if out of range. */
int gt_genres_set(gt_genres *g, const char *const *names, int k);

/* One of the study's ten by name (exact, as in the file), or -1. */
int gt_genre_index(const char *name);
/* One of the study's ten ignoring case, spaces and '-' ("hiphop" -> 9), or -1. */
int gt_genre_lookup(const char *name);

/* Class of a label cell, or -1: the study's by exact name, then leniently;
 * a table from data by exact name. */
int gt_genres_find(const gt_genres *g, const char *label);

/* Printable name of class c ("?" out of range). */
const char *gt_genre_name(const gt_genres *g, int c);

/* GT_OK when a model can be trained on these classes; else GT_ERR_EMPTY
 * and a line naming file and column, e.g. "t.csv: the label column
 * 'track_genre' has 300 genres (acoustic, afrobeat, ...), not the study's
 * ten; at most 256 are supported". */
gt_status gt_genres_check(const gt_genres *g, const gt_dataset *ds, gt_error *err);

/* The same classes, in the same order, with the same names? */
int gt_genres_same(const gt_genres *a, const gt_genres *b);

/* Pointers to the printable names, for functions that take an array. */
void gt_genres_names(const gt_genres *g, const char *out[GT_MAX_CLASSES]);

#endif
