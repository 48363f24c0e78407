/* confusion_view.c: the Confusion pane's figures and texts (no curses).
 * Shapes: GT_CM(cm, true, predicted), k = gt_cv_classes(cm) <= GT_MAX_CLASSES;
 * names come from the file's genres (genres.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "genretui/confusion_view.h"

static const char *const view_names[GT_CV_NVIEWS] = {
	"counts", "recall (row %)", "precision (column %)"
};

/* Lower bound of each heat level (see confusion_view.h). */
static const double heat_floor[GT_CV_HEAT_LEVELS] = { 0.0, 0.05, 0.15, 0.30, 0.50 };

const char *gt_cv_view_name(gt_cv_view v)
{
	return (v >= 0 && v < GT_CV_NVIEWS) ? view_names[v] : "?";
}

int gt_cv_classes(const gt_confusion *cm)
{
	if (cm->k < 0)
		return 0;
	return cm->k > GT_MAX_CLASSES ? GT_MAX_CLASSES : cm->k;
}

long gt_cv_row_total(const gt_confusion *cm, int t)
{
	long sum = 0;

	for (int p = 0; p < gt_cv_classes(cm); p++)
		sum += GT_CM(cm, t, p);
	return sum;
}

long gt_cv_col_total(const gt_confusion *cm, int p)
{
	long sum = 0;

	for (int t = 0; t < gt_cv_classes(cm); t++)
		sum += GT_CM(cm, t, p);
	return sum;
}

/* part / whole, 0 when whole is 0. */
static double share(long part, long whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

void gt_cv_values(const gt_confusion *cm, gt_cv_view v, double *out)
{
	int k = gt_cv_classes(cm);

	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++) {
			long c = GT_CM(cm, t, p);
			double *o = &out[(size_t)t * (size_t)k + (size_t)p];

			if (v == GT_CV_RECALL)
				*o = share(c, gt_cv_row_total(cm, t));
			else if (v == GT_CV_PRECISION)
				*o = share(c, gt_cv_col_total(cm, p));
			else
				*o = (double)c;
		}
}

static long max_cell(const gt_confusion *cm)
{
	long m = 0;

	for (int t = 0; t < gt_cv_classes(cm); t++)
		for (int p = 0; p < gt_cv_classes(cm); p++)
			if (GT_CM(cm, t, p) > m)
				m = GT_CM(cm, t, p);
	return m;
}

double gt_cv_heat_fraction(const gt_confusion *cm, gt_cv_view v, int t, int p)
{
	long c = GT_CM(cm, t, p);

	if (v == GT_CV_RECALL)
		return share(c, gt_cv_row_total(cm, t));
	if (v == GT_CV_PRECISION)
		return share(c, gt_cv_col_total(cm, p));
	return share(c, max_cell(cm));
}

int gt_cv_heat_level(double frac)
{
	int level = 0;

	if (isnan(frac))
		return 0;
	while (level + 1 < GT_CV_HEAT_LEVELS && frac >= heat_floor[level + 1])
		level++;
	return level;
}

double gt_cv_heat_floor(int level)
{
	if (level < 0)
		level = 0;
	if (level >= GT_CV_HEAT_LEVELS)
		level = GT_CV_HEAT_LEVELS - 1;
	return heat_floor[level];
}

static const double ok_floor[GT_CV_OK_LEVELS] = { 0.0, 0.30, 0.50, 0.70 };

double gt_cv_ok_floor(int level)
{
	level = level < 0 ? 0 : level >= GT_CV_OK_LEVELS ? GT_CV_OK_LEVELS - 1 : level;
	return ok_floor[level];
}

gt_cv_shade gt_cv_cell_shade(const gt_confusion *cm, gt_cv_view v, int t, int p)
{
	double f = v == GT_CV_PRECISION ? share(GT_CM(cm, t, p), gt_cv_col_total(cm, p))
	                                : share(GT_CM(cm, t, p), gt_cv_row_total(cm, t));
	gt_cv_shade s = { t == p, 0 };

	if (!s.correct) {
		s.level = gt_cv_heat_level(f);
		return s;
	}
	while (!isnan(f) && s.level + 1 < GT_CV_OK_LEVELS && f >= ok_floor[s.level + 1])
		s.level++;
	return s;
}

/* How much a and b are confused with each other: row shares both ways. */
static double mutual(const gt_confusion *cm, int a, int b)
{
	return share(GT_CM(cm, a, b), gt_cv_row_total(cm, a)) +
	       share(GT_CM(cm, b, a), gt_cv_row_total(cm, b));
}

/* The unplaced class most confused with end (-1 if none is at all). */
static int closest(const gt_confusion *cm, const int *placed, int end, double *score)
{
	int best = -1;

	*score = 0;
	for (int c = 0; c < gt_cv_classes(cm); c++) {
		double m = placed[c] ? 0 : mutual(cm, c, end);

		if (m > *score) {
			*score = m;
			best = c;
		}
	}
	return best;
}

void gt_cv_confused_order(const gt_confusion *cm, int order[GT_MAX_CLASSES])
{
	int k = gt_cv_classes(cm), placed[GT_MAX_CLASSES] = { 0 }, lo = GT_MAX_CLASSES, hi;
	int chain[2 * GT_MAX_CLASSES], n = 0;
	double best = 0;

	if (k == 0)
		return;
	chain[lo] = 0;                       /* start: the most confused pair */
	for (int a = 0; a < k; a++)
		for (int b = a + 1; b < k; b++)
			if (mutual(cm, a, b) > best) {
				best = mutual(cm, a, b);
				chain[lo] = a;
			}
	hi = lo;
	placed[chain[lo]] = 1;
	for (n = 1; n < k; n++) {
		double sf, sb;
		int front = closest(cm, placed, chain[lo], &sf), back = closest(cm, placed, chain[hi], &sb);

		if (back < 0 && front < 0)
			break;
		if (back >= 0 && (front < 0 || sb >= sf))
			placed[chain[++hi] = back] = 1;
		else
			placed[chain[--lo] = front] = 1;
	}
	for (int i = lo; i <= hi; i++)
		order[i - lo] = chain[i];
	for (int c = 0, i = hi - lo + 1; c < k; c++)   /* the unconfused, in class order */
		if (!placed[c])
			order[i++] = c;
}

/* a ranks before b: larger count, then smaller t, then smaller p. */
static int pair_before(const gt_cv_pair *a, const gt_cv_pair *b)
{
	if (a->count != b->count)
		return a->count > b->count;
	if (a->t != b->t)
		return a->t < b->t;
	return a->p < b->p;
}

/* Insert c into the sorted list out[0..*n) of capacity max, dropping
 * whatever falls off the end. */
static void insert_pair(gt_cv_pair *out, int *n, int max, gt_cv_pair c)
{
	int i;

	if (*n == max && !pair_before(&c, &out[max - 1]))
		return;
	i = *n < max ? (*n)++ : max - 1;
	for (; i > 0 && pair_before(&c, &out[i - 1]); i--)
		out[i] = out[i - 1];
	out[i] = c;
}

int gt_cv_top_pairs(const gt_confusion *cm, gt_cv_pair *out, int max)
{
	int k = gt_cv_classes(cm), n = 0;

	if (max <= 0)
		return 0;
	for (int t = 0; t < k; t++)
		for (int p = 0; p < k; p++) {
			gt_cv_pair c = { t, p, GT_CM(cm, t, p) };

			if (t != p && c.count > 0)
				insert_pair(out, &n, max, c);
		}
	return n;
}

int gt_cv_percent(long part, long whole)
{
	return (int)lround(100.0 * share(part, whole));
}

int gt_cv_describe(char *buf, size_t n, const gt_confusion *cm, const gt_genres *g,
                   gt_cv_view v, int t, int p)
{
	int k = gt_cv_classes(cm);
	long c;
	const char *tail = t == p ? " (correct)" : "";

	if (t < 0 || t >= k || p < 0 || p >= k)
		return snprintf(buf, n, "no such cell");
	c = GT_CM(cm, t, p);
	if (v == GT_CV_PRECISION)
		return snprintf(buf, n, "true %s, predicted %s: %ld, %d%% of predicted %s%s",
		                gt_genre_name(g, t), gt_genre_name(g, p), c,
		                gt_cv_percent(c, gt_cv_col_total(cm, p)), gt_genre_name(g, p), tail);
	return snprintf(buf, n, "true %s, predicted %s: %ld, %d%% of %s%s",
	                gt_genre_name(g, t), gt_genre_name(g, p), c,
	                gt_cv_percent(c, gt_cv_row_total(cm, t)), gt_genre_name(g, t), tail);
}

int gt_cv_pair_text(char *buf, size_t n, const gt_confusion *cm, const gt_genres *g,
                    const gt_cv_pair *pr)
{
	return snprintf(buf, n, "%s -> %s %ld (%d%%)", gt_genre_name(g, pr->t),
	                gt_genre_name(g, pr->p), pr->count,
	                gt_cv_percent(pr->count, gt_cv_row_total(cm, pr->t)));
}

int gt_cv_cell_label(char *buf, size_t n, const gt_genres *g, const char *set, int t, int p)
{
	return snprintf(buf, n, "%s rows: true %s, predicted %s", set,
	                gt_genre_name(g, t), gt_genre_name(g, p));
}

int gt_cv_clamp_move(int pos, int delta, int k)
{
	long v = (long)pos + delta;

	if (k < 1 || v < 0)
		return 0;
	return v >= k ? k - 1 : (int)v;
}

int gt_cv_scroll(int first, int visible, int cursor, int n)
{
	if (visible < 1)
		visible = 1;
	if (cursor < first)
		first = cursor;
	if (cursor >= first + visible)
		first = cursor - visible + 1;
	if (first > n - visible)     /* no blank space past the last item */
		first = n - visible;
	return first < 0 ? 0 : first;
}

size_t gt_cv_cell_rows(const int *truth, const int *pred, const uint32_t *rows,
                       size_t n, int t, int p, size_t *out, size_t cap)
{
	size_t found = 0;

	for (size_t i = 0; i < n; i++)
		if (truth[i] == t && pred[i] == p) {
			if (found < cap)
				out[found] = rows[i];
			found++;
		}
	return found;
}
