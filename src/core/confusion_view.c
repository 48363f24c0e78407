/* confusion_view.c: the Confusion pane's figures and texts (no curses).
 * Shapes: GT_CM(cm, true, predicted), k = gt_cv_classes(cm) <= GT_MAX_CLASSES;
 * names come from the file's genres (genres.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/confusion_view.h"
#include "genretui/textfmt.h"

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

char *gt_cv_label(char *buf, size_t n, const gt_genres *g, int c, int cells, const char *mark)
{
	const char *names[GT_MAX_CLASSES];

	gt_genres_names(g, names);
	if (c < 0 || c >= g->k) {
		snprintf(buf, n, "%s", gt_genre_name(g, c));
		return buf;
	}
	return gt_fmt_label(buf, n, names, g->k, c, cells, mark);
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

/* ---- the heat map ---- */

/* From level 2 on (see gt_hm_floor). */
static const double hm_err_floor[GT_HM_LEVELS] = {
	0, 0, 0.02, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50
};
static const double hm_ok_floor[GT_HM_LEVELS] = {
	0, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8
};

double gt_hm_floor(int level, int diagonal)
{
	level = level < 0 ? 0 : level >= GT_HM_LEVELS ? GT_HM_LEVELS - 1 : level;
	return diagonal ? hm_ok_floor[level] : hm_err_floor[level];
}

int gt_hm_level(long count, long row_total, int diagonal)
{
	const double *floor = diagonal ? hm_ok_floor : hm_err_floor;
	double f = share(count, row_total);
	int level = 1;

	if (count <= 0)
		return 0;
	while (level + 1 < GT_HM_LEVELS && f >= floor[level + 1])
		level++;
	return level;
}

int gt_hm_legend(char *buf, size_t n, int diagonal)
{
	int len = snprintf(buf, n, "%s .>0", diagonal ? "correct, recall %:   "
	                                              : "errors, % of the row:");

	for (int l = 2; l < GT_HM_LEVELS && len >= 0 && (size_t)len < n; l++)
		len += snprintf(buf + len, n - (size_t)len, " %c%.0f", GT_HM_RAMP[l],
		                100 * gt_hm_floor(l, diagonal));
	return len;
}

const char *gt_hm_order_name(gt_hm_order o)
{
	static const char *const names[GT_HM_NORDERS] = { "by name", "grouped" };

	return (unsigned)o < GT_HM_NORDERS ? names[o] : "?";
}

/* Groups being merged: each a doubly linked chain of classes. */
typedef struct {
	int k;
	double *sim;            /* [k][k] summed confusion between groups i and j */
	int *size, *head, *tail, *next, *prev;   /* per group; next/prev per class */
	char *alive;
} groups;

static void groups_free(groups *g)
{
	free(g->sim);
	free(g->size);
	free(g->alive);
}

/* Every class its own group; sim from the row shares. */
static int groups_init(groups *g, const gt_confusion *cm, int k)
{
	memset(g, 0, sizeof(*g));
	g->k = k;
	g->sim = malloc((size_t)k * (size_t)k * sizeof(*g->sim));
	g->size = malloc(5 * (size_t)k * sizeof(int));
	g->alive = malloc((size_t)k);
	if (!g->sim || !g->size || !g->alive) {
		groups_free(g);
		return -1;
	}
	g->head = g->size + k;
	g->tail = g->head + k;
	g->next = g->tail + k;
	g->prev = g->next + k;
	for (int a = 0; a < k; a++) {
		long ra = gt_cv_row_total(cm, a);

		g->size[a] = 1;
		g->head[a] = g->tail[a] = a;
		g->next[a] = g->prev[a] = -1;
		g->alive[a] = 1;
		for (int b = 0; b < k; b++)
			g->sim[(size_t)a * (size_t)k + (size_t)b] = share(GT_CM(cm, a, b), ra);
	}
	for (int a = 0; a < k; a++)              /* symmetric: both ways */
		for (int b = a + 1; b < k; b++) {
			double m = g->sim[(size_t)a * (size_t)k + (size_t)b] +
			           g->sim[(size_t)b * (size_t)k + (size_t)a];

			g->sim[(size_t)a * (size_t)k + (size_t)b] = m;
			g->sim[(size_t)b * (size_t)k + (size_t)a] = m;
		}
	return 0;
}

/* Reverse group i's chain. */
static void group_reverse(groups *g, int i)
{
	int c = g->head[i], tmp;

	while (c >= 0) {
		int after = g->next[c];

		g->next[c] = g->prev[c];
		g->prev[c] = after;
		c = after;
	}
	tmp = g->head[i];
	g->head[i] = g->tail[i];
	g->tail[i] = tmp;
}

/* Join group j after group i, oriented so that the most confused ends
 * meet: i's tail with j's head, else i's tail with j's tail, i's head with
 * j's head, i's head with j's tail (the first of equals). pair is the
 * class-level confusion (the initial sim). */
static void group_join(groups *g, const double *pair, int i, int j)
{
	int k = g->k;
	double ends[4] = {
		pair[(size_t)g->tail[i] * (size_t)k + (size_t)g->head[j]],
		pair[(size_t)g->tail[i] * (size_t)k + (size_t)g->tail[j]],
		pair[(size_t)g->head[i] * (size_t)k + (size_t)g->head[j]],
		pair[(size_t)g->head[i] * (size_t)k + (size_t)g->tail[j]],
	};
	int best = 0;

	for (int e = 1; e < 4; e++)
		if (ends[e] > ends[best])
			best = e;
	if (best >= 2)
		group_reverse(g, i);
	if (best == 1 || best == 3)
		group_reverse(g, j);
	g->next[g->tail[i]] = g->head[j];
	g->prev[g->head[j]] = g->tail[i];
	g->tail[i] = g->tail[j];
	g->size[i] += g->size[j];
	g->alive[j] = 0;
	for (int x = 0; x < k; x++) {             /* sums over the members */
		g->sim[(size_t)i * (size_t)k + (size_t)x] += g->sim[(size_t)j * (size_t)k + (size_t)x];
		g->sim[(size_t)x * (size_t)k + (size_t)i] = g->sim[(size_t)i * (size_t)k + (size_t)x];
	}
}

/* The two live groups most confused on average (i < j), or 0 if none is. */
static int closest_groups(const groups *g, int *bi, int *bj)
{
	double best = 0;
	int k = g->k;

	for (int i = 0; i < k; i++)
		for (int j = i + 1; j < k && g->alive[i]; j++) {
			double m;

			if (!g->alive[j])
				continue;
			m = g->sim[(size_t)i * (size_t)k + (size_t)j] / ((double)g->size[i] * g->size[j]);
			if (m > best) {
				best = m;
				*bi = i;
				*bj = j;
			}
		}
	return best > 0;
}

int gt_cv_grouped_order(const gt_confusion *cm, int *order)
{
	int k = gt_cv_classes(cm), i, j, n = 0;
	double *pair;
	groups g;

	for (int c = 0; c < k; c++)
		order[c] = c;
	if (k < 2)
		return 0;
	pair = malloc((size_t)k * (size_t)k * sizeof(*pair));
	if (!pair || groups_init(&g, cm, k) != 0) {
		free(pair);
		return -1;
	}
	memcpy(pair, g.sim, (size_t)k * (size_t)k * sizeof(*pair));
	while (closest_groups(&g, &i, &j))
		group_join(&g, pair, i, j);
	for (int a = 0; a < k; a++)              /* a group's index is its smallest class */
		if (g.alive[a])
			for (int c = g.head[a]; c >= 0; c = g.next[c])
				order[n++] = c;
	groups_free(&g);
	free(pair);
	return 0;
}

void gt_hm_free(gt_heatmap *hm)
{
	free(hm->ord);
	free(hm->row);
	memset(hm, 0, sizeof(*hm));
}

int gt_hm_update(gt_heatmap *hm, const gt_confusion *cm, gt_hm_order order)
{
	int k = gt_cv_classes(cm);

	if (k != hm->k || !hm->ord) {
		int t = hm->t, p = hm->p, top = hm->top, left = hm->left;

		gt_hm_free(hm);
		hm->ord = malloc(2 * (size_t)(k ? k : 1) * sizeof(int));
		hm->row = malloc((size_t)(k ? k : 1) * sizeof(long));
		if (!hm->ord || !hm->row) {
			gt_hm_free(hm);
			return -1;
		}
		hm->pos = hm->ord + k;
		hm->k = k;
		hm->t = t, hm->p = p, hm->top = top, hm->left = left;
	}
	hm->order = order;
	for (int t = 0; t < k; t++)
		hm->row[t] = gt_cv_row_total(cm, t);
	if (order != GT_HM_GROUPED || gt_cv_grouped_order(cm, hm->ord) != 0)
		for (int c = 0; c < k; c++)
			hm->ord[c] = c;
	for (int i = 0; i < k; i++)
		hm->pos[hm->ord[i]] = i;
	hm->t = gt_cv_clamp_move(hm->t, 0, k);
	hm->p = gt_cv_clamp_move(hm->p, 0, k);
	return 0;
}

gt_hm_shade gt_hm_cell(const gt_heatmap *hm, const gt_confusion *cm, int t, int p)
{
	long c = GT_CM(cm, t, p), total = hm->row[t];
	double f = share(c, total);
	gt_hm_shade s = { t == p, gt_hm_level(c, total, t == p), 0 };

	if (!s.correct)
		s.color = gt_cv_heat_level(f);
	else
		while (s.color + 1 < GT_CV_OK_LEVELS && f >= ok_floor[s.color + 1])
			s.color++;
	return s;
}

void gt_hm_goto(gt_heatmap *hm, int row_pos, int col_pos)
{
	if (hm->k < 1)
		return;
	if (row_pos != GT_HM_KEEP)
		hm->t = hm->ord[gt_cv_clamp_move(row_pos, 0, hm->k)];
	if (col_pos != GT_HM_KEEP)
		hm->p = hm->ord[gt_cv_clamp_move(col_pos, 0, hm->k)];
}

void gt_hm_move(gt_heatmap *hm, int drows, int dcols)
{
	if (hm->k < 1)
		return;
	hm->t = hm->ord[gt_cv_clamp_move(hm->pos[hm->t], drows, hm->k)];
	hm->p = hm->ord[gt_cv_clamp_move(hm->pos[hm->p], dcols, hm->k)];
}

void gt_hm_viewport(gt_heatmap *hm, int rows, int cols)
{
	hm->rows = rows < 1 ? 1 : rows > hm->k ? hm->k : rows;
	hm->cols = cols < 1 ? 1 : cols > hm->k ? hm->k : cols;
	if (hm->k < 1) {
		hm->top = hm->left = 0;
		return;
	}
	hm->top = gt_cv_scroll(hm->top, hm->rows, hm->pos[hm->t], hm->k);
	hm->left = gt_cv_scroll(hm->left, hm->cols, hm->pos[hm->p], hm->k);
}

int gt_hm_readout(char *buf, size_t n, const gt_heatmap *hm, const gt_confusion *cm,
                  const gt_genres *g)
{
	int t = hm->t, p = hm->p;
	long c;

	if (t < 0 || t >= hm->k || p < 0 || p >= hm->k || hm->k != gt_cv_classes(cm))
		return snprintf(buf, n, "no such cell");
	c = GT_CM(cm, t, p);
	return snprintf(buf, n, "true %s, predicted %s: %ld of %ld, %.1f%% of %s%s",
	                gt_genre_name(g, t), gt_genre_name(g, p), c, hm->row[t],
	                100.0 * share(c, hm->row[t]), gt_genre_name(g, t),
	                t == p ? " (correct)" : "");
}

int gt_hm_readout_fit(char *buf, size_t n, const gt_heatmap *hm, const gt_confusion *cm,
                      const gt_genres *g, int cells, const char *mark)
{
	int t = hm->t, p = hm->p, len = 0;
	char tname[GT_GENRE_NAME * 2];
	const char *correct = t == p ? " (correct)" : "";

	if (t < 0 || t >= hm->k || p < 0 || p >= hm->k || hm->k != gt_cv_classes(cm))
		return snprintf(buf, n, "no such cell");
	for (int form = 0; form < 5; form++) {
		long c = GT_CM(cm, t, p);
		const char *tn = gt_genre_name(g, t), *pn = gt_genre_name(g, p);

		if (form == 0)
			len = gt_hm_readout(buf, n, hm, cm, g);
		else if (form == 1)
			len = snprintf(buf, n, "true %s, predicted %s: %ld of %ld, %.1f%%%s", tn, pn, c,
			               hm->row[t], 100.0 * share(c, hm->row[t]), correct);
		else if (form == 2)
			len = snprintf(buf, n, "true %s, predicted %s: %ld of %ld%s", tn, pn, c,
			               hm->row[t], correct);
		else if (form == 3)
			len = snprintf(buf, n, "true %s, predicted %s", tn, pn);
		else
			len = snprintf(buf, n, "true %s", tn);
		if (gt_text_width(buf) <= cells)
			return len;
	}
	return snprintf(buf, n, "true %s",
	                gt_cv_label(tname, sizeof(tname), g, t, cells - 5, mark));
}

/* ---- the report, sorted ---- */

const char *gt_report_sort_name(gt_report_sort key)
{
	static const char *const names[GT_RS_NKEYS] = { "genre", "F1", "support" };

	return (unsigned)key < GT_RS_NKEYS ? names[key] : "?";
}

/* a ranks before b under key (both present). */
static int report_before(const gt_report *r, gt_report_sort key, int a, int b)
{
	if (key == GT_RS_F1 && r->f1[a] != r->f1[b])
		return r->f1[a] > r->f1[b];
	if (key == GT_RS_SUPPORT && r->support[a] != r->support[b])
		return r->support[a] > r->support[b];
	return a < b;
}

int gt_report_order(const gt_report *r, gt_report_sort key, int *idx)
{
	int n = 0;

	for (int c = 0; c < r->k; c++) {          /* insertion: stable, k <= 256 */
		int i = n++;

		if (!r->present[c]) {
			n--;
			continue;
		}
		for (; i > 0 && report_before(r, key, c, idx[i - 1]); i--)
			idx[i] = idx[i - 1];
		idx[i] = c;
	}
	return n;
}
