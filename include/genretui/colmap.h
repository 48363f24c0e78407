/* colmap.h: --map FIELD=COLUMN: which header name holds each of genretui's
 * fields, for files whose columns are named otherwise (the Spotify Web
 * API's "track_genre", "artists", ...).
 *
 * A field is one of the study's column names (gt_column_names: popularity,
 * acousticness, ..., music_genre, artist_name, track_name, instance_id,
 * obtained_date), or "label" for music_genre. A field not mapped is looked
 * for under its own name. The map is plain data (no allocation), so that it
 * can live in the parsed command line. */
#ifndef GENRETUI_COLMAP_H
#define GENRETUI_COLMAP_H

#include "genretui/dataset.h"
#include "genretui/status.h"

#define GT_COLMAP_NAME 128   /* bytes of a mapped column name, NUL included */

typedef struct gt_colmap {
	char name[GT_NCOLS][GT_COLMAP_NAME];   /* "" = the field's own name */
} gt_colmap;

/* No field mapped. */
void gt_colmap_init(gt_colmap *m);

/* Add "FIELD=COLUMN[,FIELD=COLUMN...]" to m (a later pair for the same
 * field replaces an earlier one; blanks around names are ignored). Fails
 * with GT_ERR_ARG and a message naming the piece: an unknown field ("did
 * you mean" when one is close), a pair without '=', an empty or too long
 * name, or two fields that would read the same column. m is unchanged then. */
gt_status gt_colmap_parse(gt_colmap *m, const char *spec, gt_error *err);

/* The header name field c is read from: the mapped name or its own. */
const char *gt_colmap_column(const gt_colmap *m, int c);
/* Was field c mapped? (m may be NULL.) */
int gt_colmap_mapped(const gt_colmap *m, int c);

/* Field of a name as --map takes it (a column name or "label"), or -1. */
int gt_colmap_field(const char *name);

#endif
