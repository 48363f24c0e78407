/* track_genres.h: tracks the file lists under more than one genre.
 *
 * The study's own point: genres are not mutually exclusive. The same
 * (artist_name, track_name) pair appears in the file under several genres,
 * most often under both Hip-Hop and Rap. Rows whose artist is the study
 * file's "empty_field" (no artist known), or
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
#include "genretui/encode.h"     /* GT_MAX_CLASSES */
#include "genretui/genres.h"
#include "genretui/status.h"

/* A set of genres: bit c of w[c / 64] for class c (< GT_MAX_CLASSES). */
typedef struct {
	uint64_t w[(GT_MAX_CLASSES + 63) / 64];
} gt_genre_set;

static inline int gt_genre_set_has(const gt_genre_set *s, int c)
{
	return c >= 0 && c < GT_MAX_CLASSES && (s->w[c / 64] >> (c % 64)) & 1u;
}

/* The set holds two genres or more. */
static inline int gt_genre_set_multi(const gt_genre_set *s)
{
	int seen = 0;

	for (size_t i = 0; i < sizeof(s->w) / sizeof(s->w[0]); i++)
		if (s->w[i]) {
			if (seen || (s->w[i] & (s->w[i] - 1)))
				return 1;
			seen = 1;
		}
	return 0;
}

/* Order of sets read as numbers (bit c worth 2^c): -1, 0 or 1. */
int gt_genre_set_cmp(const gt_genre_set *a, const gt_genre_set *b);

typedef struct {
	gt_genre_set set;
	size_t tracks;       /* distinct tracks carrying exactly this set */
} gt_genre_combo;

/* Rows share their track's set: each row names one of the distinct sets,
 * which are few (a class's own, and the multi-genre combinations), so a
 * row costs 4 bytes however many genres there are. */
typedef struct {
	uint32_t *set_of;    /* [nrows]: index in sets of every genre the row's
	                        track carries in the file; 0 (the empty set) when
	                        the row has no usable name */
	gt_genre_set *sets;  /* [nsets]: the distinct sets, sets[0] empty */
	size_t nsets;
	size_t multi_tracks; /* distinct tracks with two or more genres */
	size_t multi_rows;   /* rows of those tracks */
	gt_genre_combo *combos;  /* genre sets of the multi-genre tracks, most tracks
	                            first, then by gt_genre_set_cmp */
	size_t ncombos;
} gt_fusion;

/* gs: the classes of ds's labels (the cleaning's). */
gt_status gt_fusion_build(gt_fusion *f, const gt_dataset *ds, const gt_genres *gs,
                          gt_error *err);
void gt_fusion_free(gt_fusion *f);

/* Every genre the row's track carries, or NULL when unknown (no usable
 * name, or f not built). */
static inline const gt_genre_set *gt_fusion_row(const gt_fusion *f, size_t row)
{
	return f && f->set_of && f->set_of[row] ? &f->sets[f->set_of[row]] : NULL;
}

/* The row's track carries more than one genre. */
static inline int gt_fusion_is_multi(const gt_fusion *f, size_t row)
{
	const gt_genre_set *s = gt_fusion_row(f, row);

	return s && gt_genre_set_multi(s);
}

/* Prediction c counts as right for row: the row's own class, or any genre
 * its track carries elsewhere in the file. */
static inline int gt_fusion_accepts(const gt_fusion *f, size_t row, int truth, int c)
{
	const gt_genre_set *s;

	return c == truth || ((s = gt_fusion_row(f, row)) && gt_genre_set_has(s, c));
}

/* "Hip-Hop + Rap" for a genre set of the classes gs. */
void gt_fusion_set_name(const gt_genre_set *set, const gt_genres *gs, char *buf, size_t n);

#endif
