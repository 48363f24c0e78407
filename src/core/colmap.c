/* colmap.c: parsing --map FIELD=COLUMN (see colmap.h). */
#include <ctype.h>
#include <string.h>

#include "genretui/colmap.h"
#include "genretui/textfmt.h"

#define SHOWN 60     /* bytes of a typed name quoted in a message */

void gt_colmap_init(gt_colmap *m)
{
	memset(m, 0, sizeof(*m));
}

int gt_colmap_field(const char *name)
{
	if (strcmp(name, "label") == 0)
		return GT_COL_GENRE;
	for (int c = 0; c < GT_NCOLS; c++)
		if (strcmp(name, gt_column_names[c]) == 0)
			return c;
	return -1;
}

const char *gt_colmap_column(const gt_colmap *m, int c)
{
	return m && m->name[c][0] ? m->name[c] : gt_column_names[c];
}

int gt_colmap_mapped(const gt_colmap *m, int c)
{
	return m && c >= 0 && c < GT_NCOLS && m->name[c][0];
}

/* Letters and digits of s, lower-cased ("Duration_MS" -> "durationms"). */
static void fold(const char *s, size_t n, char *out, size_t outn)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k + 1 < outn; i++)
		if (isalnum((unsigned char)s[i]))
			out[k++] = (char)tolower((unsigned char)s[i]);
	out[k] = '\0';
}

/* The field s most likely means, or -1: the one whose name folds like s
 * or that s begins; music_genre for any word of genres or labels
 * ("genre", "track_genre", "Label"); else one whose name holds s or is held
 * in it ("speech", "valence_score"). */
static int close_field(const char *s)
{
	char want[GT_COLMAP_NAME], have[32];
	size_t n;

	fold(s, strlen(s), want, sizeof(want));
	n = strlen(want);
	if (n < 3)
		return -1;
	for (int c = 0; c < GT_NCOLS; c++) {
		fold(gt_column_names[c], strlen(gt_column_names[c]), have, sizeof(have));
		if (strcmp(want, have) == 0 || strncmp(want, have, n) == 0)
			return c;
	}
	if (strstr(want, "genre") || strstr(want, "label"))
		return GT_COL_GENRE;
	for (int c = 0; c < GT_NCOLS; c++) {
		fold(gt_column_names[c], strlen(gt_column_names[c]), have, sizeof(have));
		if (strstr(have, want) || strstr(want, have))
			return c;
	}
	return -1;
}

/* s[0..n) without blanks around it, copied into out (outn bytes); -1 if it
 * does not fit. */
static int trimmed(const char *s, size_t n, char *out, size_t outn)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= outn)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

static gt_status bad_field(const char *field, gt_error *err)
{
	char shown[SHOWN + 16];
	int close = close_field(field);

	gt_text_safe(field, shown, sizeof(shown), SHOWN);
	if (close >= 0)
		return gt_fail(err, GT_ERR_ARG, "--map: unknown field '%s' (did you mean %s?)",
		               shown, gt_column_names[close]);
	return gt_fail(err, GT_ERR_ARG, "--map: unknown field '%s' (the fields are the "
	               "study's column names, e.g. music_genre, duration_ms; see --help)",
	               shown);
}

/* One FIELD=COLUMN pair, s[0..n), into m. */
static gt_status parse_pair(gt_colmap *m, const char *s, size_t n, gt_error *err)
{
	const char *eq = memchr(s, '=', n);
	char field[GT_COLMAP_NAME], col[GT_COLMAP_NAME], shown[SHOWN + 16];
	int c;

	if (!eq || trimmed(s, (size_t)(eq - s), field, sizeof(field)) != 0) {
		if (trimmed(s, n, col, sizeof(col)) != 0)
			col[0] = '\0';
		gt_text_safe(col, shown, sizeof(shown), SHOWN);
		return gt_fail(err, GT_ERR_ARG, eq ? "--map: a field name is too long"
		               : "--map: '%s' is not FIELD=COLUMN", shown);
	}
	c = gt_colmap_field(field);
	if (c < 0)
		return bad_field(field, err);
	if (trimmed(eq + 1, n - (size_t)(eq + 1 - s), col, sizeof(col)) != 0)
		return gt_fail(err, GT_ERR_ARG, "--map %s=...: the column name is longer "
		               "than %d bytes", field, GT_COLMAP_NAME - 1);
	if (!col[0])
		return gt_fail(err, GT_ERR_ARG, "--map %s=: no column name", field);
	memcpy(m->name[c], col, sizeof(col));
	return GT_OK;
}

/* Two fields reading one column: a mistake (the loader would take one). */
static gt_status check_distinct(const gt_colmap *m, gt_error *err)
{
	char shown[SHOWN + 16];

	for (int a = 0; a < GT_NCOLS; a++)
		for (int b = a + 1; b < GT_NCOLS; b++) {
			const char *ca = gt_colmap_column(m, a);

			if (strcmp(ca, gt_colmap_column(m, b)) != 0)
				continue;
			gt_text_safe(ca, shown, sizeof(shown), SHOWN);
			return gt_fail(err, GT_ERR_ARG, "--map: fields %s and %s would both "
			               "read column '%s'%s", gt_column_names[a],
			               gt_column_names[b], shown,
			               gt_colmap_mapped(m, a) && gt_colmap_mapped(m, b) ? ""
			               : " (map the other field too)");
		}
	return GT_OK;
}

gt_status gt_colmap_parse(gt_colmap *m, const char *spec, gt_error *err)
{
	gt_colmap next = *m;
	gt_status st = GT_OK;
	const char *s = spec;

	if (!*spec)
		return gt_fail(err, GT_ERR_ARG, "--map: nothing to map (FIELD=COLUMN,...)");
	while (st == GT_OK) {
		const char *comma = strchr(s, ',');
		size_t n = comma ? (size_t)(comma - s) : strlen(s);

		st = parse_pair(&next, s, n, err);
		if (!comma)
			break;
		s = comma + 1;
	}
	if (st == GT_OK)
		st = check_distinct(&next, err);
	if (st == GT_OK)
		*m = next;
	return st;
}
