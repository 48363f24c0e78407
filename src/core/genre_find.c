/* genre_find.c: a label's class by hash (see genre_find.h). */
#include <string.h>

#include "genretui/genre_find.h"
#include "genretui/textfmt.h"

#define MASK (GT_GENRE_FIND_SLOTS - 1)

void gt_genre_finder_init(gt_genre_finder *f, const gt_genres *g)
{
	memset(f, 0, sizeof(*f));
	f->g = g;
	if (!g->from_data)
		return;
	for (int c = 0; c < g->k; c++) {
		uint64_t h = gt_hash_text(0, g->raw[c]);
		size_t i = (size_t)h & MASK;

		while (f->slot[i])
			i = (i + 1) & MASK;
		f->slot[i] = (uint16_t)(c + 1);
		f->hash[i] = (uint32_t)(h >> 32);
	}
}

int gt_genre_finder_find(const gt_genre_finder *f, const char *label)
{
	uint64_t h;
	uint32_t h32;

	if (!f->g->from_data)
		return gt_genres_find(f->g, label);
	h = gt_hash_text(0, label);
	h32 = (uint32_t)(h >> 32);
	for (size_t i = (size_t)h & MASK; f->slot[i]; i = (i + 1) & MASK) {
		int c = f->slot[i] - 1;

		if (f->hash[i] == h32 && strcmp(f->g->raw[c], label) == 0)
			return c;
	}
	return -1;
}
