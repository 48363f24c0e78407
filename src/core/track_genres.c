/* track_genres.c: grouping rows by (artist, track) to find multi-genre tracks.
 *
 * Every distinct (artist, track) key gets an id, in order of first
 * appearance. An open-addressing table maps a key's hash to its id; it
 * grows to stay at most half full, so its size follows the distinct
 * tracks (41,000 on the real file, and on copies of it however long), not
 * the rows: a table sized by the rows of a big file would outgrow the
 * cache and miss it on every probe. Slots keep the hash, so that only a
 * probable match reads the text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/encode.h"
#include "genretui/track_genres.h"
#include "genretui/textfmt.h"

typedef struct {
	uint32_t hash;       /* 0: empty slot (real hashes are never 0) */
	uint32_t id;
} slot;

/* The distinct keys so far. */
typedef struct {
	slot *tab;           /* mask + 1 slots */
	size_t mask;
	uint32_t *first;     /* [id]: first row with the key */
	uint32_t *genres;    /* [id]: genre bits of all its rows */
	uint32_t *count;     /* [id]: its rows */
	size_t n, cap;
	size_t first_cap;    /* the first capacity of the [id] arrays */
} keyset;

static uint32_t key_hash(const gt_dataset *ds, size_t r)
{
	uint64_t h = gt_hash_text(gt_hash_text(0, gt_cell(ds, r, GT_COL_ARTIST)),
	                          gt_cell(ds, r, GT_COL_TRACK));
	uint32_t h32 = (uint32_t)(h >> 32);

	return h32 ? h32 : 1;
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
	return c < GT_FUSION_CLASSES ? c : -1;
}

static int same_key(const gt_dataset *ds, size_t a, size_t b)
{
	return !strcmp(gt_cell(ds, a, GT_COL_ARTIST), gt_cell(ds, b, GT_COL_ARTIST)) &&
	       !strcmp(gt_cell(ds, a, GT_COL_TRACK), gt_cell(ds, b, GT_COL_TRACK));
}

/* The slot of row r's key (hash h): its own, or the empty one to take. */
static slot *find(const keyset *k, const gt_dataset *ds, size_t r, uint32_t h)
{
	size_t i = h & k->mask;

	while (k->tab[i].hash && (k->tab[i].hash != h ||
	                          !same_key(ds, k->first[k->tab[i].id], r)))
		i = (i + 1) & k->mask;
	return &k->tab[i];
}

/* Move the keys to a table of nslots (a power of two); 0 or -1. */
static int table_make(keyset *k, size_t nslots)
{
	slot *tab = malloc(nslots * sizeof(*tab));

	if (!tab)
		return -1;
	/* Written now, not calloc'd: a fresh page that is read first maps the
	 * shared zero page, and writing it later costs a second fault and a
	 * TLB flush on every CPU. */
	memset(tab, 0, nslots * sizeof(*tab));
	for (size_t i = 0; k->tab && i <= k->mask; i++)
		if (k->tab[i].hash) {
			size_t j = k->tab[i].hash & (nslots - 1);

			while (tab[j].hash)
				j = (j + 1) & (nslots - 1);
			tab[j] = k->tab[i];
		}
	free(k->tab);
	k->tab = tab;
	k->mask = nslots - 1;
	return 0;
}

/* The first guess at the distinct keys of a big file. */
#define KEYS_GUESS 65536

/* Slots of a table that holds n keys at most half full. */
static size_t slots_for(size_t n)
{
	size_t slots = 1024;

	while (slots < 2 * n)
		slots *= 2;
	return slots;
}

/* Room for one more key, the table at most half full; 0 or -1. */
static int keys_reserve(keyset *k)
{
	if (2 * (k->n + 1) > k->mask + 1 && table_make(k, 2 * (k->mask + 1)) != 0)
		return -1;
	if (k->n == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : k->first_cap;
		uint32_t *first = realloc(k->first, cap * sizeof(*first));
		uint32_t *genres = first ? realloc(k->genres, cap * sizeof(*genres)) : NULL;
		uint32_t *count = genres ? realloc(k->count, cap * sizeof(*count)) : NULL;

		if (first)
			k->first = first;
		if (genres)
			k->genres = genres;
		if (!count)
			return -1;
		k->count = count;
		k->cap = cap;
	}
	return 0;
}

static void keys_free(keyset *k)
{
	free(k->tab);
	free(k->first);
	free(k->genres);
	free(k->count);
}

/* Key id of every row with a usable name and genre (else UINT32_MAX) in
 * id[], the genre bits of each key in k; 0, or -1 (out of memory). */
static int group(keyset *k, const gt_dataset *ds, const gt_genres *gs, uint32_t *id)
{
	for (size_t r = 0; r < ds->nrows; r++) {
		int c = usable_row(ds, gs, r);
		uint32_t h;
		slot *s;

		id[r] = UINT32_MAX;
		if (c < 0)
			continue;
		if (keys_reserve(k) != 0)
			return -1;
		h = key_hash(ds, r);
		s = find(k, ds, r, h);
		if (!s->hash) {
			*s = (slot){ h, (uint32_t)k->n };
			k->first[k->n] = (uint32_t)r;
			k->genres[k->n] = 0;
			k->count[k->n] = 0;
			k->n++;
		}
		k->genres[s->id] |= (uint32_t)1 << c;
		k->count[s->id]++;
		id[r] = s->id;
	}
	return 0;
}

static int cmp_combo(const void *a, const void *b)
{
	const gt_genre_combo *x = a, *y = b;

	if (x->tracks != y->tracks)
		return x->tracks < y->tracks ? 1 : -1;
	return (x->set > y->set) - (x->set < y->set);
}

static int multi(uint32_t g)
{
	return (g & (g - 1)) != 0;
}

/* Count the multi-genre tracks, their rows and their genre sets. */
static gt_status tally(gt_fusion *f, const keyset *k, gt_error *err)
{
	for (size_t i = 0; i < k->n; i++)
		if (multi(k->genres[i])) {
			f->multi_tracks++;
			f->multi_rows += k->count[i];
		}
	f->combos = calloc(f->multi_tracks ? f->multi_tracks : 1, sizeof(*f->combos));
	if (!f->combos)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for genre combinations");
	for (size_t i = 0; i < k->n; i++) {
		uint32_t g = k->genres[i];
		size_t c = 0;

		if (!multi(g))
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

gt_status gt_fusion_build(gt_fusion *f, const gt_dataset *ds, const gt_genres *gs,
                          gt_error *err)
{
	size_t n = ds->nrows ? ds->nrows : 1;
	keyset k = { 0 };
	uint32_t *id = NULL;
	gt_status st;

	memset(f, 0, sizeof(*f));
	/* sized for every row a key of its own, up to the real file's 41,000
	 * distinct tracks, so that it rarely grows (each growth writes a new
	 * table and arrays) */
	k.first_cap = n < 1024 ? 1024 : n < KEYS_GUESS ? n : KEYS_GUESS;
	if (ds->nrows < UINT32_MAX && table_make(&k, slots_for(k.first_cap)) == 0) {
		id = malloc(n * sizeof(*id));
		f->genres = calloc(n, sizeof(*f->genres));
	}
	if (!id || !f->genres || group(&k, ds, gs, id) != 0) {
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory for grouping tracks");
	} else {
		for (size_t r = 0; r < ds->nrows; r++)
			if (id[r] != UINT32_MAX)
				f->genres[r] = k.genres[id[r]];
		st = tally(f, &k, err);
	}
	keys_free(&k);
	free(id);
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
