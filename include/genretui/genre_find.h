/* genre_find.h: a label's class by hash, for lookups once per row.
 *
 * gt_genres_find is the plain reference: for a table of the file's own
 * labels it compares the label with each of them in turn (114 strcmp for a
 * row of the last genre of Spotify's tracks). A finder built once from the
 * table answers the same with one hash and, as a rule, one strcmp. A
 * finder of the study's ten asks gt_genres_find (two strcmp at most, and
 * its lenient names). The finder points at its table, which must stay in
 * place and unchanged while it is used; it is read only, so threads share
 * one. */
#ifndef GENRETUI_GENRE_FIND_H
#define GENRETUI_GENRE_FIND_H

#include <stdint.h>

#include "genretui/genres.h"

#define GT_GENRE_FIND_SLOTS (4 * GT_MAX_CLASSES)   /* a power of two, at most a quarter full */

typedef struct {
	const gt_genres *g;
	uint16_t slot[GT_GENRE_FIND_SLOTS];      /* class + 1; 0: empty */
	uint32_t hash[GT_GENRE_FIND_SLOTS];      /* the high half of its label's hash */
} gt_genre_finder;

void gt_genre_finder_init(gt_genre_finder *f, const gt_genres *g);

/* gt_genres_find(f->g, label), whatever the label. */
int gt_genre_finder_find(const gt_genre_finder *f, const char *label);

#endif
