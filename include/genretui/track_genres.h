/* track_genres.h: tracks the file lists under more than one genre.
 *
 * The study's own point: genres are not mutually exclusive. The same
 * (artist_name, track_name) pair appears in the file under several genres;
 * for the real file 3,606 such tracks (7,408 rows), Hip-Hop + Rap alone
 * 1,517 of them. Rows whose artist is the placeholder "empty_field", or
 * whose artist, track or genre is empty or unknown, never count: their
 * name says nothing about the track. Counted over all rows of the file,
 * before cleaning.
 *
 * The identifiers keep the study's word, fusion (gt_fusion, gt_fusion_*):
 * the pipeline's field `fusion` that the panes, the session and the JSON
 * report ("fusion", "fusion_accuracy") read is named after it. */
#ifndef GENRETUI_TRACK_GENRES_H
#define GENRETUI_TRACK_GENRES_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/genres.h"
#include "genretui/status.h"

/* Genres a track's set can hold (bits of a uint32_t): rows of the classes
 * from here on are not grouped, and count as tracks of one genre. */
#define GT_FUSION_CLASSES 32

typedef struct {
	uint32_t set;        /* genre bits (1 << class) */
	size_t tracks;       /* distinct tracks carrying exactly this set */
} gt_genre_combo;

typedef struct {
	uint32_t *genres;    /* [nrows]: every genre the row's track carries in the
	                        file (bit per class); 0 when the row has no usable name */
	size_t multi_tracks; /* distinct tracks with two or more genres */
	size_t multi_rows;   /* rows of those tracks */
	gt_genre_combo *combos;  /* genre sets of the multi-genre tracks, most tracks first */
	size_t ncombos;
} gt_fusion;

/* gs: the classes of ds's labels (the cleaning's). */
gt_status gt_fusion_build(gt_fusion *f, const gt_dataset *ds, const gt_genres *gs,
                          gt_error *err);
void gt_fusion_free(gt_fusion *f);

/* The row's track carries more than one genre. */
static inline int gt_fusion_is_multi(const gt_fusion *f, size_t row)
{
	uint32_t g = f->genres ? f->genres[row] : 0;

	return g && (g & (g - 1));
}

/* Prediction c counts as right for row: the row's own class, or any genre
 * its track carries elsewhere in the file. */
static inline int gt_fusion_accepts(const gt_fusion *f, size_t row, int truth, int c)
{
	return c == truth || (f->genres && c >= 0 && c < 32 && (f->genres[row] >> c) & 1u);
}

/* "Hip-Hop + Rap" for a genre set of the classes gs. */
void gt_fusion_set_name(uint32_t set, const gt_genres *gs, char *buf, size_t n);

#endif
