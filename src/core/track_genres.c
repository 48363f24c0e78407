/* track_genres.c: grouping rows by (artist, track) to find multi-genre tracks.
 *
 * Every distinct (artist, track) key gets an id, in order of first
 * appearance. An open-addressing table maps a key's hash to its id; it
 * grows to stay at most half full, so its size follows the distinct
 * tracks (41,000 on the real file, and on copies of it however long), not
 * the rows: a table sized by the rows of a big file would outgrow the
 * cache and miss it on every probe. Slots keep the hash, so that only a
 * probable match reads the text.
 *
 * A key's genres are one of the distinct genre sets, kept once each in a
 * pool (an index per key, not a 256-bit set per key): the sets of one
 * genre are there from the start, and a key that meets a genre it lacks
 * moves to the union, found in the pool or added to it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/encode.h"
#include "genretui/genre_find.h"
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
	uint32_t *set;       /* [id]: pool index of the genres of all its rows */
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
static int usable_row(const gt_dataset *ds, const gt_genre_finder *gs, size_t r)
{
	const char *artist = gt_cell(ds, r, GT_COL_ARTIST);
	const char *genre = gt_cell(ds, r, GT_COL_GENRE);

	if (!*artist || !strcmp(artist, "empty_field") || !*gt_cell(ds, r, GT_COL_TRACK))
		return -1;
	return gt_genre_finder_find(gs, genre);
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
		uint32_t *set = first ? realloc(k->set, cap * sizeof(*set)) : NULL;
		uint32_t *count = set ? realloc(k->count, cap * sizeof(*count)) : NULL;

		if (first)
			k->first = first;
		if (set)
			k->set = set;
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
	free(k->set);
	free(k->count);
}

/* The distinct genre sets: sets[0] is empty, sets[1 + c] holds class c
 * alone; tab maps a set's hash to its index + 1 (0: an empty slot). */
typedef struct {
	gt_genre_set *sets;
	size_t n, cap;
	uint32_t *tab;       /* mask + 1 slots, at most half full */
	size_t mask;
} setpool;

static size_t set_hash(const gt_genre_set *s)
{
	uint64_t h = 0x9e3779b97f4a7c15u;

	for (size_t i = 0; i < sizeof(s->w) / sizeof(s->w[0]); i++)
		h = (h ^ s->w[i]) * 0xff51afd7ed558ccdu;
	return (size_t)(h ^ (h >> 29));
}

/* The slot holding s, or the empty slot where it goes. */
static uint32_t *pool_slot(const setpool *p, const gt_genre_set *s)
{
	size_t i = set_hash(s) & p->mask;

	while (p->tab[i] && memcmp(&p->sets[p->tab[i] - 1], s, sizeof(*s)))
		i = (i + 1) & p->mask;
	return &p->tab[i];
}

/* Room for one more set; 0 or -1. */
static int pool_reserve(setpool *p)
{
	if (2 * (p->n + 1) > p->mask + 1) {
		size_t nslots = p->tab ? 2 * (p->mask + 1) : 1024;
		uint32_t *old = p->tab;

		p->tab = calloc(nslots, sizeof(*p->tab));
		if (!p->tab) {
			p->tab = old;
			return -1;
		}
		p->mask = nslots - 1;
		for (size_t i = 0; i < p->n; i++)
			*pool_slot(p, &p->sets[i]) = (uint32_t)i + 1;
		free(old);
	}
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 512;
		gt_genre_set *sets = realloc(p->sets, cap * sizeof(*sets));

		if (!sets)
			return -1;
		p->sets = sets;
		p->cap = cap;
	}
	return 0;
}

/* The index of s, added if new; UINT32_MAX when out of memory. */
static uint32_t pool_index(setpool *p, const gt_genre_set *s)
{
	uint32_t *at;

	if (pool_reserve(p) != 0)
		return UINT32_MAX;
	at = pool_slot(p, s);
	if (!*at) {
		p->sets[p->n] = *s;
		*at = (uint32_t)++p->n;
	}
	return *at - 1;
}

/* The empty set and the k sets of one class; 0 or -1. */
static int pool_init(setpool *p, int k)
{
	gt_genre_set s = { { 0 } };

	memset(p, 0, sizeof(*p));
	if (pool_index(p, &s) != 0)
		return -1;
	for (int c = 0; c < k; c++) {
		memset(&s, 0, sizeof(s));
		s.w[c / 64] = (uint64_t)1 << (c % 64);
		if (pool_index(p, &s) != (uint32_t)c + 1)
			return -1;
	}
	return 0;
}

/* The index of set i with class c added; UINT32_MAX when out of memory. */
static uint32_t pool_add(setpool *p, uint32_t i, int c)
{
	gt_genre_set s = p->sets[i];

	s.w[c / 64] |= (uint64_t)1 << (c % 64);
	return pool_index(p, &s);
}

/* Key id of every row with a usable name and genre (else UINT32_MAX) in
 * id[], the genre set of each key in k (an index in p); 0, or -1 (out of
 * memory). */
static int group(keyset *k, setpool *p, const gt_dataset *ds, const gt_genre_finder *gs,
                 uint32_t *id)
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
			k->set[k->n] = (uint32_t)c + 1;
			k->count[k->n] = 0;
			k->n++;
		} else if (!gt_genre_set_has(&p->sets[k->set[s->id]], c) &&
		           (k->set[s->id] = pool_add(p, k->set[s->id], c)) == UINT32_MAX) {
			return -1;
		}
		k->count[s->id]++;
		id[r] = s->id;
	}
	return 0;
}

int gt_genre_set_cmp(const gt_genre_set *a, const gt_genre_set *b)
{
	for (size_t i = sizeof(a->w) / sizeof(a->w[0]); i-- > 0;)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static int cmp_combo(const void *a, const void *b)
{
	const gt_genre_combo *x = a, *y = b;

	if (x->tracks != y->tracks)
		return x->tracks < y->tracks ? 1 : -1;
	return gt_genre_set_cmp(&x->set, &y->set);
}

/* Count the multi-genre tracks, their rows and their genre sets (f->sets). */
static gt_status tally(gt_fusion *f, const keyset *k, gt_error *err)
{
	size_t *tracks = calloc(f->nsets, sizeof(*tracks)), c = 0;

	if (!tracks)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for genre combinations");
	for (size_t i = 0; i < k->n; i++)
		if (gt_genre_set_multi(&f->sets[k->set[i]])) {
			f->multi_tracks++;
			f->multi_rows += k->count[i];
			f->ncombos += tracks[k->set[i]]++ == 0;
		}
	f->combos = calloc(f->ncombos ? f->ncombos : 1, sizeof(*f->combos));
	if (!f->combos) {
		free(tracks);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for genre combinations");
	}
	for (size_t s = 0; s < f->nsets; s++)
		if (tracks[s] && gt_genre_set_multi(&f->sets[s]))
			f->combos[c++] = (gt_genre_combo){ f->sets[s], tracks[s] };
	free(tracks);
	qsort(f->combos, f->ncombos, sizeof(*f->combos), cmp_combo);
	return GT_OK;
}

gt_status gt_fusion_build(gt_fusion *f, const gt_dataset *ds, const gt_genres *gs,
                          gt_error *err)
{
	size_t n = ds->nrows ? ds->nrows : 1;
	keyset k = { 0 };
	setpool p = { 0 };
	uint32_t *id = NULL;
	gt_genre_finder *finder = malloc(sizeof(*finder));
	gt_status st;

	memset(f, 0, sizeof(*f));
	if (finder)
		gt_genre_finder_init(finder, gs);
	/* sized for every row a key of its own, up to the real file's 41,000
	 * distinct tracks, so that it rarely grows (each growth writes a new
	 * table and arrays) */
	k.first_cap = n < 1024 ? 1024 : n < KEYS_GUESS ? n : KEYS_GUESS;
	if (ds->nrows < UINT32_MAX && table_make(&k, slots_for(k.first_cap)) == 0 &&
	    pool_init(&p, gs->k) == 0) {
		id = malloc(n * sizeof(*id));
		f->set_of = calloc(n, sizeof(*f->set_of));
	}
	if (!finder || !id || !f->set_of || group(&k, &p, ds, finder, id) != 0) {
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory for grouping tracks");
	} else {
		for (size_t r = 0; r < ds->nrows; r++)
			if (id[r] != UINT32_MAX)
				f->set_of[r] = k.set[id[r]];
		f->sets = p.sets;
		f->nsets = p.n;
		p.sets = NULL;
		st = tally(f, &k, err);
	}
	keys_free(&k);
	free(p.sets);
	free(p.tab);
	free(id);
	free(finder);
	if (st != GT_OK)
		gt_fusion_free(f);
	return st;
}

void gt_fusion_free(gt_fusion *f)
{
	free(f->set_of);
	free(f->sets);
	free(f->combos);
	memset(f, 0, sizeof(*f));
}

void gt_fusion_set_name(const gt_genre_set *set, const gt_genres *gs, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int c = 0; c < gs->k && used < n; c++)
		if (gt_genre_set_has(set, c))
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? " + " : "",
			                         gs->name[c]);
}
