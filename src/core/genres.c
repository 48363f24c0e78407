/* genres.c: the classes of a file's labels (see genres.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/genres.h"
#include "genretui/textfmt.h"

/* Four-letter column headings of the study's genres, in class order. */
static const char *const study_abbr[GT_NCLASSES] = {
	"Elec", "Anim", "Jazz", "Alt", "Ctry", "Rap", "Blue", "Rock", "Clas", "HipH"
};

/* Classes whose name begins with each letter, at most two: cleaning asks
 * for every row's class, which then costs one or two strcmp, not ten. */
static int genre_by_letter(char first, int which)
{
	switch (first) {
	case 'A': return which ? 3 : 1;      /* Alternative, Anime */
	case 'B': return which ? -1 : 6;     /* Blues */
	case 'C': return which ? 8 : 4;      /* Classical, Country */
	case 'E': return which ? -1 : 0;     /* Electronic */
	case 'H': return which ? -1 : 9;     /* Hip-Hop */
	case 'J': return which ? -1 : 2;     /* Jazz */
	case 'R': return which ? 7 : 5;      /* Rock, Rap */
	default: return -1;
	}
}

int gt_genre_index(const char *name)
{
	for (int which = 0; which < 2; which++) {
		int c = genre_by_letter(name[0], which);

		if (c >= 0 && strcmp(name, gt_genre_names[c]) == 0)
			return c;
	}
	return -1;
}

/* Copy s lower-cased without spaces, '-' and '_' into buf (n bytes). */
static void squash(const char *s, char *buf, size_t n)
{
	size_t j = 0;

	for (; *s && j + 1 < n; s++)
		if (*s != ' ' && *s != '-' && *s != '_')
			buf[j++] = (char)tolower((unsigned char)*s);
	buf[j] = '\0';
}

int gt_genre_lookup(const char *name)
{
	char want[32], have[32];

	if (strlen(name) >= sizeof(want))
		return -1;
	squash(name, want, sizeof(want));
	for (int c = 0; c < GT_NCLASSES; c++) {
		squash(gt_genre_names[c], have, sizeof(have));
		if (strcmp(want, have) == 0)
			return c;
	}
	return -1;
}

/* Distinct labels remembered while deciding; beyond this, only counted.
 * One more than a table holds, so that a file of one genre too many is
 * told by its count. */
#define SEEN_MAX (GT_MAX_CLASSES + 1)

void gt_genres_study(gt_genres *g)
{
	memset(g, 0, sizeof(*g));
	g->k = GT_NCLASSES;
	for (int c = 0; c < GT_NCLASSES; c++) {
		snprintf(g->raw[c], sizeof(g->raw[c]), "%s", gt_genre_names[c]);
		snprintf(g->name[c], sizeof(g->name[c]), "%s", gt_genre_names[c]);
		snprintf(g->abbr[c], sizeof(g->abbr[c]), "%s", study_abbr[c]);
	}
}

/* Up to max characters of a printable name (never inside a UTF-8 sequence). */
static void abbreviate(const char *name, char *out, size_t n, int max)
{
	size_t len = 0;
	int chars = 0;

	while (name[len] && chars < max) {
		unsigned cp;
		size_t step = gt_utf8_decode(name + len, &cp);

		len += step ? step : 1;
		chars++;
	}
	snprintf(out, n, "%.*s", (int)len, name);
}

/* Headings must tell classes apart: a repeated one ends in a digit. */
static void distinct_abbrs(gt_genres *g)
{
	for (int c = 1; c < g->k; c++)
		for (int d = 0; d < c; d++)
			if (strcmp(g->abbr[c], g->abbr[d]) == 0) {
				char head[GT_GENRE_ABBR];

				abbreviate(g->name[c], head, sizeof(head), 3);   /* <= 12 bytes */
				snprintf(g->abbr[c], sizeof(g->abbr[c]), "%.15s%d", head, c % 10);
				break;
			}
}

int gt_genres_set(gt_genres *g, const char *const *names, int k)
{
	int study = k == GT_NCLASSES;

	if (k < 1 || k > GT_MAX_CLASSES)
		return -1;
	for (int c = 0; c < k; c++) {
		size_t len = strlen(names[c]);

		if (len == 0 || len >= GT_GENRE_RAW)
			return -1;
		study = study && strcmp(names[c], gt_genre_names[c]) == 0;
	}
	if (study) {
		gt_genres_study(g);
		return 0;
	}
	memset(g, 0, sizeof(*g));
	g->k = k;
	g->from_data = 1;
	g->found = (size_t)k;
	for (int c = 0; c < k; c++) {
		memcpy(g->raw[c], names[c], strlen(names[c]) + 1);
		gt_text_safe(names[c], g->name[c], sizeof(g->name[c]), GT_GENRE_NAME - 12);
		abbreviate(g->name[c], g->abbr[c], sizeof(g->abbr[c]), 4);
	}
	distinct_abbrs(g);
	return 0;
}

/* Class among the study's ten: exact, then leniently. */
static int study_class(const char *label)
{
	int c = gt_genre_index(label);

	return c >= 0 ? c : gt_genre_lookup(label);
}

int gt_genres_find(const gt_genres *g, const char *label)
{
	if (!g->from_data)
		return study_class(label);
	for (int c = 0; c < g->k; c++)
		if (strcmp(label, g->raw[c]) == 0)
			return c;
	return -1;
}

const char *gt_genre_name(const gt_genres *g, int c)
{
	return c >= 0 && c < g->k ? g->name[c] : "?";
}

void gt_genres_names(const gt_genres *g, const char *out[GT_MAX_CLASSES])
{
	for (int c = 0; c < GT_MAX_CLASSES; c++)
		out[c] = c < g->k ? g->name[c] : "?";
}

int gt_genres_same(const gt_genres *a, const gt_genres *b)
{
	if (a->k != b->k)
		return 0;
	for (int c = 0; c < a->k; c++)
		if (strcmp(a->raw[c], b->raw[c]) != 0)
			return 0;
	return 1;
}

/* ---- Deciding from the data ---- */

typedef struct {
	const char **label;     /* distinct labels seen, into the dataset */
	char study_ok[SEEN_MAX];   /* ... each names a study genre */
	size_t n;               /* remembered (<= SEEN_MAX) */
	size_t distinct;        /* seen in all */
	size_t rows, study;     /* labelled rows; those naming a study genre */
	int last;               /* index of the last label matched */
} tally;

/* Count one labelled row; each distinct label is judged once. */
static void see(tally *t, const char *label)
{
	int found = t->n && strcmp(label, t->label[t->last]) == 0;   /* rows come in runs */

	for (size_t i = 0; i < t->n && !found; i++)
		if (strcmp(label, t->label[i]) == 0) {
			t->last = (int)i;
			found = 1;
		}
	t->rows++;
	if (found) {
		t->study += (size_t)t->study_ok[t->last];
		return;
	}
	t->distinct++;
	if (t->n == SEEN_MAX) {        /* not remembered: judged every time */
		t->study += study_class(label) >= 0;
		return;
	}
	t->last = (int)t->n;
	t->study_ok[t->n] = study_class(label) >= 0;
	t->study += (size_t)t->study_ok[t->n];
	t->label[t->n++] = label;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A label that is a whole number: an optional sign and 1 to 18 digits,
 * nothing else. Sets *v. */
static int integer_label(const char *s, long long *v)
{
	const char *d = s + (*s == '-' || *s == '+');
	size_t n = strspn(d, "0123456789");

	if (n == 0 || n > 18 || d[n] != '\0')
		return 0;
	*v = strtoll(s, NULL, 10);
	return 1;
}

/* By value ("2" before "10"), then byte order ("01" and "1" apart). */
static int by_number(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	long long u = 0, v = 0;

	integer_label(x, &u);
	integer_label(y, &v);
	if (u != v)
		return u < v ? -1 : 1;
	return strcmp(x, y);
}

int gt_genres_numeric(const char *const *labels, size_t n)
{
	long long v;

	for (size_t i = 0; i < n; i++)
		if (!integer_label(labels[i], &v))
			return 0;
	return n > 0;
}

/* The table from the labels seen: sorted (by value when every label is a
 * whole number), the ones that fit. */
static void table_from(gt_genres *g, tally *t)
{
	const char *keep[GT_MAX_CLASSES];
	int k = 0;

	qsort(t->label, t->n, sizeof(*t->label),
	      gt_genres_numeric(t->label, t->n) ? by_number : by_bytes);
	for (size_t i = 0; i < t->n && k < GT_MAX_CLASSES; i++)
		if (strlen(t->label[i]) < GT_GENRE_RAW)   /* longer: not a class */
			keep[k++] = t->label[i];
	if (t->distinct > GT_MAX_CLASSES || k == 0) {   /* too many: see gt_genres_check */
		memset(g, 0, sizeof(*g));
		g->from_data = 1;
		for (size_t i = 0; i < t->n && i < GT_MAX_CLASSES; i++)   /* for the message */
			gt_text_safe(t->label[i], g->name[i], sizeof(g->name[i]), 30);
	} else {
		gt_genres_set(g, keep, k);
		g->from_data = 1;   /* even the study's names in another order */
	}
	g->found = t->distinct;
}

gt_status gt_genres_from_data(gt_genres *g, const gt_dataset *ds, gt_error *err)
{
	return gt_genres_from_data_flags(g, ds, 0, err);
}

gt_status gt_genres_from_data_flags(gt_genres *g, const gt_dataset *ds, unsigned flags,
                                    gt_error *err)
{
	tally t;

	memset(&t, 0, sizeof(t));
	t.label = malloc(SEEN_MAX * sizeof(char *));
	if (!t.label)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the genres");
	for (size_t r = 0; r < ds->nrows; r++) {
		const char *label = gt_cell(ds, r, GT_COL_GENRE);

		if (ds->nfields[r] == ds->header_fields && *label)
			see(&t, label);
	}
	if (!(flags & GT_GENRES_OWN) && (2 * t.study > t.rows || t.rows == 0))
		gt_genres_study(g);
	else
		table_from(g, &t);
	free(t.label);
	return GT_OK;
}

gt_status gt_genres_check(const gt_genres *g, const gt_dataset *ds, gt_error *err)
{
	char file[216], col[64], list[GT_ERROR_MAX / 2];
	size_t used = 0;

	if (!g->from_data || (g->k >= 2 && g->found <= GT_MAX_CLASSES))
		return GT_OK;
	gt_text_safe(ds->path ? ds->path : "(buffer)", file, sizeof(file), 200);
	gt_text_safe(gt_column_name(ds, GT_COL_GENRE), col, sizeof(col), 40);
	if (g->k == 1 && g->found == 1)
		return gt_fail(err, GT_ERR_EMPTY, "%s: the label column '%s' has one genre, "
		               "'%s', not one of the study's ten: at least two are needed to "
		               "train", file, col, g->name[0]);
	if (g->found <= GT_MAX_CLASSES)
		return gt_fail(err, GT_ERR_EMPTY, "%s: the label column '%s' has fewer than "
		               "two genre names of at most %d bytes", file, col, GT_GENRE_RAW - 1);
	list[0] = '\0';
	for (int c = 0; c < 8 && g->name[c][0]; c++)
		used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s",
		                         c ? ", " : "", g->name[c]);
	return gt_fail(err, GT_ERR_EMPTY, "%s: the label column '%s' has %s%zu genres "
	               "(%s, ...), not the study's ten; at most %d are supported", file, col,
	               g->found > SEEN_MAX ? "more than " : "",
	               g->found > SEEN_MAX ? (size_t)SEEN_MAX : g->found, list, GT_MAX_CLASSES);
}
