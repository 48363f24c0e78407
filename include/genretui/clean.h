/* clean.h: the study's cleaning (SEED-FACTS section 2) and its ledger.
 *
 * Every row of the dataset gets a fate. A row is looked at in this order, and
 * the first rule that applies decides:
 *   MALFORMED  field count differs from the header's
 *   BLANK      every one of the 14 musical columns is empty (the 5 blank rows)
 *   MISSING    some, not all, of the 14 musical columns are empty
 *   INVALID    a value that cannot be used: not a number, NaN/inf, out of
 *              range (0..1 features, popularity 0..100, duration > 0 or -1,
 *              tempo > 0 or '?'), unknown key, mode or genre (a genre is
 *              a class of genres.h: the study's ten or the file's own)
 *   UNKNOWN_KEY  key == -1: the Spotify Web API's "no key detected" (keys
 *              are note names, C .. B, or its pitch classes 0 .. 11; modes
 *              Major/Minor or 1/0, either form in any row)
 *   UNKNOWN_*  duration_ms == -1 and/or tempo == '?' (the study's unknowns)
 *   KEPT       otherwise
 * The 14 musical columns are all columns but instance_id, artist_name,
 * track_name and obtained_date, which the study drops first. */
#ifndef GENRETUI_CLEAN_H
#define GENRETUI_CLEAN_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/dataset.h"
#include "genretui/encode.h"
#include "genretui/genres.h"
#include "genretui/layout.h"
#include "genretui/number.h"   /* gt_parse_number, which the cells' check uses */
#include "genretui/status.h"

#define GT_FATE_LIST(X)                                              \
	X(GT_FATE_KEPT,             "kept",             "kept")             \
	X(GT_FATE_MALFORMED,        "malformed",        "wrong number of fields") \
	X(GT_FATE_BLANK,            "blank",            "blank row")        \
	X(GT_FATE_MISSING,          "missing",          "empty field")      \
	X(GT_FATE_INVALID,          "invalid",          "invalid value")    \
	X(GT_FATE_UNKNOWN_DURATION, "unknown_duration", "unknown duration (-1)") \
	X(GT_FATE_UNKNOWN_TEMPO,    "unknown_tempo",    "unknown tempo (?)") \
	X(GT_FATE_UNKNOWN_BOTH,     "unknown_both",     "unknown duration and tempo") \
	X(GT_FATE_UNKNOWN_KEY,      "unknown_key",      "unknown key (-1)")

typedef enum {
#define GT_FATE_ENUM(id, key, text) id,
	GT_FATE_LIST(GT_FATE_ENUM)
#undef GT_FATE_ENUM
	GT_NFATES
} gt_fate;

/* Short machine key ("unknown_tempo") and human text of a fate. */
const char *gt_fate_key(gt_fate f);
const char *gt_fate_text(gt_fate f);

/* Bits of gt_track.unknown */
#define GT_UNKNOWN_DURATION 1u
#define GT_UNKNOWN_TEMPO    2u
#define GT_UNKNOWN_KEY      4u   /* (such rows are not usable: no scale) */
#define GT_UNKNOWN_VALUE    8u   /* a value of a file's own schema (NaN) */

/* One usable row: KEPT, or dropped only for unknown values (the improved
 * preset imputes those: unknown != 0 means the row has NaNs among its
 * values). Its values are in gt_clean's values block. */
typedef struct {
	uint32_t row;                /* index into the dataset (< 2^32: see dataset.h) */
	uint8_t scale;               /* the one-hot group's hot input: the study's
	                                scale 0..23 (see encode.h); 0 when the
	                                layout has no group */
	uint8_t genre;               /* class, 0..genres.k - 1 (< GT_MAX_CLASSES) */
	uint8_t unknown;             /* GT_UNKNOWN_* bits; 0 for KEPT rows */
} gt_track;

/* What cleaning did, in counts. Sum of fate[] == rows_read. */
typedef struct {
	size_t rows_read;
	size_t fate[GT_NFATES];          /* rows per fate */
	size_t kept;                     /* == fate[GT_FATE_KEPT] */
	size_t dropped;                  /* rows_read - kept */
	size_t complete;                 /* rows with no empty musical field and right
	                                    field count: the study's 50,000 */
	size_t unknown_duration;         /* valid complete rows with duration -1 (incl. both) */
	size_t unknown_tempo;            /* valid complete rows with tempo '?' (incl. both) */
	size_t unknown_key;              /* valid complete rows with key -1 */
	size_t genre_before[GT_MAX_CLASSES];/* complete rows with a valid genre, per class */
	size_t genre_after[GT_MAX_CLASSES]; /* kept rows per class */
} gt_ledger;

/* Per-row fate; for MISSING and INVALID also the first offending column. */
typedef struct {
	int16_t col;          /* gt_column (the study's columns), or the file's
	                         column (own_schema), or -1 */
	unsigned char fate;   /* gt_fate */
	unsigned char spare;  /* 0: no padding byte is left unwritten */
} gt_rowfate;

typedef struct {
	gt_ledger ledger;
	gt_genres genres;     /* the classes (genres.h): the study's ten, or the file's */
	gt_rowfate *fates;    /* ds->nrows entries */
	gt_layout layout;     /* the inputs the values are for (the study's) */
	int own_schema;       /* read by the file's own schema (schema_read.h):
	                         fates name the file's columns */
	gt_track *tracks;     /* usable rows in file order: KEPT and UNKNOWN_* */
	double *values;       /* [ntracks][layout.nnum] raw values of the dense
	                         inputs, in the file's units; NaN where unknown */
	size_t ntracks;
} gt_clean;

/* The values of track t: layout.nnum of them. */
static inline const double *gt_clean_values(const gt_clean *c, size_t t)
{
	return c->values + t * (size_t)c->layout.nnum;
}

/* Clean ds into out (initialised here). Fails only on allocation failure;
 * a dataset whose every row is dropped is not an error here (callers decide).
 * Many rows are cleaned by every CPU this process may use at once. */
gt_status gt_clean_run(gt_clean *out, const gt_dataset *ds, gt_error *err);

/* The same with at most `threads` threads (1: the caller alone; <= 0: as
 * gt_clean_run). The result does not depend on it. */
gt_status gt_clean_run_threads(gt_clean *out, const gt_dataset *ds, int threads,
                               gt_error *err);
void gt_clean_free(gt_clean *c);

/* A cleaning of a dataset of nrows rows whose usable rows the caller read
 * (a file's own schema): ntracks tracks (row ascending, genre and scale
 * set; unknown is computed here), their values [ntracks][l->nnum] (NaN
 * where unknown), copied into out with l and g. A track with an unknown
 * value is fate MISSING in the ledger (the paper preparation drops it, the
 * improved one imputes it), one without is KEPT; every other row INVALID.
 * The caller may refine fates and ledger after. GT_ERR_ARG when a track's
 * row, genre or hot input is out of range or the rows are not ascending. */
gt_status gt_clean_from_values(gt_clean *out, const gt_layout *l, const gt_genres *g,
                               size_t nrows, const gt_track *tracks, const double *values,
                               size_t ntracks, gt_error *err);

/* One line explaining row r's fate, e.g.
 * "line 10002: blank row" or
 * "line 57: invalid value in column 'tempo': 'abc' is not a number".
 * Returns the length snprintf would write. */
/* Index in c->tracks of dataset row r, or -1 when row r is no usable
 * track (tracks are in file order: a binary search). */
long gt_clean_track_of_row(const gt_clean *c, size_t r);

int gt_clean_describe(const gt_clean *c, const gt_dataset *ds, size_t r,
                      char *buf, size_t n);

/* The dropped rows by reason, in fate order, e.g. "3 invalid value,
 * 1 blank row"; "none" when no row is dropped. Returns the length
 * snprintf would write. */
int gt_ledger_dropped_text(const gt_ledger *lg, char *buf, size_t n);

/* GT_OK if the genres can be trained on (gt_genres_check) and at least
 * need rows are kept. Otherwise GT_ERR_EMPTY and the genres' message, or one line
 * that names the file and says why, with every dropped row counted by
 * reason and the first one explained, e.g.
 * "t.csv: none of the 3 data rows can be used (dropped: 2 invalid value,
 * 1 blank row); first: line 2: invalid value in column 'tempo': 'abc' is
 * not a number", or "t.csv: no data rows after the header". */
gt_status gt_clean_require(const gt_clean *c, const gt_dataset *ds,
                           size_t need, gt_error *err);


#endif
