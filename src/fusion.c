/* fusion.c: grouping rows by (artist, track) to find multi-genre tracks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/encode.h"
#include "genretui/fusion.h"

/* Open-addressing table of tracks: each slot holds the first row seen for a
 * (artist, track) key and the genre bits of all its rows. */
typedef struct {
	size_t row;          /* representative row; SIZE_MAX = empty slot */
	uint32_t genres;
	uint32_t count;      /* rows with this key */
} slot;

static uint64_t fnv(const char *a, const char *b)
{
	uint64_t h = 1469598103934665603ull;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;   /* separator no text byte equals */
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ull;
	return h;
}

/* Class of the row, or -1 when its name or genre is not usable. */
static int usable_row(const gt_dataset *ds, const gt_genres *gs, size_t r)
{
	const char *artist = gt_cell(ds, r, GT_COL_ARTIST);

	const char *genre = gt_cell(ds, r, GT_COL_GENRE);
	int c;

	if (!*artist || !strcmp(artist, "empty_field") || !*gt_cell(ds, r, GT_COL_TRACK))
		return -1;
	c = gt_genres_find(gs, genre);
	return c < 32 ? c : -1;          /* (bits of a uint32_t; GT_MAX_CLASSES is 32) */
}

static int same_key(const gt_dataset *ds, size_t a, size_t b)
{
	return !strcmp(gt_cell(ds, a, GT_COL_ARTIST), gt_cell(ds, b, GT_COL_ARTIST)) &&
	       !strcmp(gt_cell(ds, a, GT_COL_TRACK), gt_cell(ds, b, GT_COL_TRACK));
}

/* Slot of row r's key in tab (mask + 1 slots), empty or matching. */
static slot *find(slot *tab, size_t mask, const gt_dataset *ds, size_t r)
{
	size_t i = (size_t)fnv(gt_cell(ds, r, GT_COL_ARTIST), gt_cell(ds, r, GT_COL_TRACK)) & mask;

	while (tab[i].row != SIZE_MAX && !same_key(ds, tab[i].row, r))
		i = (i + 1) & mask;
	return &tab[i];
}

static int cmp_combo(const void *a, const void *b)
{
	const gt_genre_combo *x = a, *y = b;

	if (x->tracks != y->tracks)
		return x->tracks < y->tracks ? 1 : -1;
	return (x->set > y->set) - (x->set < y->set);
}

/* Count the genre sets of the multi-genre tracks. */
static gt_status tally(gt_fusion *f, const slot *tab, size_t nslots, gt_error *err)
{
	f->combos = calloc(f->multi_tracks ? f->multi_tracks : 1, sizeof(*f->combos));
	if (!f->combos)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for genre combinations");
	for (size_t i = 0; i < nslots; i++) {
		uint32_t g = tab[i].genres;
		size_t c = 0;

		if (tab[i].row == SIZE_MAX || !(g & (g - 1)))
			continue;
		while (c < f->ncombos && f->combos[c].set != g)
			c++;
		f->combos[c].set = g;
		f->combos[c].tracks++;
		if (c == f->ncombos)
			f->ncombos++;
	}
	qsort(f->combos, f->ncombos, sizeof(*f->combos), cmp_combo);
	return GT_OK;
}

/* Fill the table, then give every row its track's genre bits; where[r] is
 * the slot of row r (or SIZE_MAX). */
static void group(gt_fusion *f, slot *tab, size_t mask, const gt_dataset *ds,
                  const gt_genres *gs, size_t *where)
{
	for (size_t r = 0; r < ds->nrows; r++) {
		int c = usable_row(ds, gs, r);
		slot *s;

		where[r] = SIZE_MAX;
		if (c < 0)
			continue;
		s = find(tab, mask, ds, r);
		if (s->row == SIZE_MAX)
			s->row = r;
		s->genres |= (uint32_t)1 << c;
		s->count++;
		where[r] = (size_t)(s - tab);
	}
	for (size_t r = 0; r < ds->nrows; r++)
		if (where[r] != SIZE_MAX)
			f->genres[r] = tab[where[r]].genres;
	for (size_t i = 0; i <= mask; i++)
		if (tab[i].row != SIZE_MAX && (tab[i].genres & (tab[i].genres - 1))) {
			f->multi_tracks++;
			f->multi_rows += tab[i].count;
		}
}

gt_status gt_fusion_build(gt_fusion *f, const gt_dataset *ds, const gt_genres *gs,
                          gt_error *err)
{
	size_t nslots = 16, *where;
	slot *tab;
	gt_status st;

	memset(f, 0, sizeof(*f));
	while (nslots < 2 * ds->nrows)   /* load factor <= 1/2 */
		nslots *= 2;
	tab = malloc(nslots * sizeof(*tab));
	where = malloc((ds->nrows ? ds->nrows : 1) * sizeof(*where));
	f->genres = calloc(ds->nrows ? ds->nrows : 1, sizeof(*f->genres));
	if (!tab || !where || !f->genres) {
		free(tab);
		free(where);
		gt_fusion_free(f);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for grouping tracks");
	}
	for (size_t i = 0; i < nslots; i++)
		tab[i] = (slot){ SIZE_MAX, 0, 0 };
	group(f, tab, nslots - 1, ds, gs, where);
	st = tally(f, tab, nslots, err);
	free(tab);
	free(where);
	if (st != GT_OK)
		gt_fusion_free(f);
	return st;
}

void gt_fusion_free(gt_fusion *f)
{
	free(f->genres);
	free(f->combos);
	memset(f, 0, sizeof(*f));
}

void gt_fusion_set_name(uint32_t set, const gt_genres *gs, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int c = 0; c < gs->k && c < 32 && used < n; c++)
		if ((set >> c) & 1u)
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? " + " : "",
			                         gs->name[c]);
}
