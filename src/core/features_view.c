/* features_view.c: the Features pane's layout of the feature statistics
 * (definitions in features_view.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "genretui/features_view.h"
#include "genretui/textfmt.h"

/* ---- The scale */

gt_fv_scale gt_fv_scale_make(double lo, double hi, int width)
{
	gt_fv_scale sc = { lo, hi, width < 1 ? 1 : width };

	if (!(hi > lo)) {            /* equal (or NaN): a point widened as numpy does */
		double mid = isnan(lo) ? 0 : lo;

		sc.lo = mid - 0.5;
		sc.hi = mid + 0.5;
	}
	return sc;
}

gt_fv_scale gt_fv_scale_fit(double lo, double hi, int width, int integral)
{
	if (integral && hi >= lo && hi - lo + 1 <= width)
		return gt_fv_scale_make(lo - 0.5, hi + 0.5, (int)(hi - lo + 1));
	return gt_fv_scale_make(lo, hi, width);
}

int gt_fv_wholes(const gt_fv_scale *sc, int c)
{
	double first = ceil(gt_fv_edge(sc, c)), end = gt_fv_edge(sc, c + 1);
	double last = c == sc->width - 1 ? floor(end) : ceil(end) - 1;

	return c < 0 || c >= sc->width || last < first ? 0 : (int)(last - first + 1);
}

double gt_fv_edge(const gt_fv_scale *sc, int c)
{
	if (c >= sc->width)
		return sc->hi;
	return sc->lo + (sc->hi - sc->lo) * c / sc->width;
}

int gt_fv_col(const gt_fv_scale *sc, double v)
{
	int c;

	if (isnan(v) || v < sc->lo)
		return -1;
	if (v > sc->hi)
		return sc->width;
	c = (int)((v - sc->lo) / (sc->hi - sc->lo) * sc->width);
	c = c < 0 ? 0 : c >= sc->width ? sc->width - 1 : c;
	/* the division may round across an edge: the edges decide */
	while (c > 0 && v < gt_fv_edge(sc, c))
		c--;
	while (c < sc->width - 1 && v >= gt_fv_edge(sc, c + 1))
		c++;
	return c;
}

/* First index of sorted v[n] whose value is >= x (strict: > x). */
static size_t bound(const double *v, size_t n, double x, int strict)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strict ? v[mid] <= x : v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void gt_fv_count_sorted(const gt_fv_scale *sc, const double *v, size_t n, long *counts,
                        size_t *below, size_t *above)
{
	size_t start = bound(v, n, sc->lo, 0), end = bound(v, n, sc->hi, 1);

	*below += start;
	*above += n - end;
	for (int c = 0; c < sc->width; c++) {
		size_t next = c == sc->width - 1 ? end : bound(v, n, gt_fv_edge(sc, c + 1), 0);

		if (next > end)
			next = end;
		counts[c] += (long)(next - start);
		start = next;
	}
}

/* ---- A feature's values, per genre or all of them */

/* The values of genre g of feature f come as sorted runs, one per genre
 * (g < 0: every genre's): how many, and run r's values (*n of them). */
static int nruns(const gt_featstats *fs, int g)
{
	return g < 0 ? fs->k : 1;
}

static const double *run_of(const gt_featstats *fs, int f, int g, int r, size_t *n)
{
	return gt_featstats_values(fs, f, g < 0 ? r : g, n);
}

static const gt_summary *summary_of(const gt_featstats *fs, int f, int g)
{
	return g < 0 ? &fs->feat[f].all : &fs->feat[f].genre[g];
}

int gt_fv_integral(const gt_featstats *fs, int f)
{
	for (int g = 0; g < fs->k; g++) {
		size_t n;
		const double *v = gt_featstats_values(fs, f, g, &n);

		for (size_t i = 0; i < n; i++)
			if (v[i] != floor(v[i]))
				return 0;
	}
	return fs->feat[f].all.n > 0;
}

/* ---- Box plots */

/* Tukey's whiskers over the runs: the lowest value >= lim_lo and the
 * highest <= lim_hi, never inside the box (matplotlib clamps them to the
 * quartiles); the values beyond them counted. */
static void tukey(gt_fv_box *b, const gt_featstats *fs, int f, int g)
{
	double iqr = b->q3 - b->q1, lim_lo = b->q1 - 1.5 * iqr, lim_hi = b->q3 + 1.5 * iqr;
	size_t n;

	b->wlo = b->q1;
	b->whi = b->q3;
	for (int r = 0; r < nruns(fs, g); r++) {
		const double *v = run_of(fs, f, g, r, &n);
		size_t i = bound(v, n, lim_lo, 0), j = bound(v, n, lim_hi, 1);

		if (i < n && v[i] < b->wlo)
			b->wlo = v[i];
		if (j > 0 && v[j - 1] > b->whi)
			b->whi = v[j - 1];
	}
	for (int r = 0; r < nruns(fs, g); r++) {
		const double *v = run_of(fs, f, g, r, &n);

		b->below += bound(v, n, b->wlo, 0);
		b->above += n - bound(v, n, b->whi, 1);
	}
}

void gt_fv_box_of(gt_fv_box *b, const gt_featstats *fs, int f, int g, gt_fv_whisk rule)
{
	const gt_summary *s = summary_of(fs, f, g);

	memset(b, 0, sizeof(*b));
	b->n = s->n;
	if (s->n == 0)
		return;
	b->q1 = s->q1;
	b->median = s->median;
	b->q3 = s->q3;
	b->wlo = s->min;
	b->whi = s->max;
	if (rule == GT_FV_TUKEY)
		tukey(b, fs, f, g);
}

/* out[c] = glyph for the columns of [a, b] that are on the scale. */
static void span(unsigned char *out, const gt_fv_scale *sc, double a, double b, gt_fv_glyph g)
{
	int ca = gt_fv_col(sc, a), cb = gt_fv_col(sc, b);

	ca = ca < 0 ? 0 : ca;
	cb = cb >= sc->width ? sc->width - 1 : cb;
	for (int c = ca; c <= cb; c++)
		out[c] = (unsigned char)g;
}

static void mark(unsigned char *out, const gt_fv_scale *sc, double v, gt_fv_glyph g)
{
	int c = gt_fv_col(sc, v);

	if (c >= 0 && c < sc->width)
		out[c] = (unsigned char)g;
}

#define MAX_COLS 1024

/* Fliers on the empty cells of their columns; the runs' values beyond the
 * scale marked at its ends. */
static void fliers(const gt_fv_box *b, const gt_featstats *fs, int f, int g,
                   const gt_fv_scale *sc, unsigned char *out)
{
	long counts[MAX_COLS] = { 0 };
	size_t below = 0, above = 0, n;

	for (int r = 0; r < nruns(fs, g); r++) {
		const double *v = run_of(fs, f, g, r, &n);
		size_t lo = bound(v, n, b->wlo, 0), hi = bound(v, n, b->whi, 1);

		gt_fv_count_sorted(sc, v, lo, counts, &below, &above);
		gt_fv_count_sorted(sc, v + hi, n - hi, counts, &below, &above);
		if (n && v[0] < sc->lo)
			below++;
		if (n && v[n - 1] > sc->hi)
			above++;
	}
	for (int c = 0; c < sc->width; c++)
		if (counts[c] && out[c] == GT_FV_EMPTY)
			out[c] = GT_FV_FLIER;
	if (below)
		out[0] = GT_FV_BEYOND_LO;
	if (above)
		out[sc->width - 1] = GT_FV_BEYOND_HI;
}

void gt_fv_box_row(const gt_fv_box *b, const gt_featstats *fs, int f, int g,
                   const gt_fv_scale *sc, unsigned char *out)
{
	gt_fv_scale s = *sc;

	s.width = s.width > MAX_COLS ? MAX_COLS : s.width;
	memset(out, GT_FV_EMPTY, (size_t)s.width);
	if (b->n == 0)
		return;
	span(out, &s, b->wlo, b->whi, GT_FV_WHISKER);
	mark(out, &s, b->wlo, GT_FV_WHISKER_LO);
	mark(out, &s, b->whi, GT_FV_WHISKER_HI);
	span(out, &s, b->q1, b->q3, GT_FV_BOX);
	mark(out, &s, b->median, GT_FV_MEDIAN);
	fliers(b, fs, f, g, &s, out);
}

const char *gt_fv_glyph_text(gt_fv_glyph g, int utf8)
{
	static const char *const uni[GT_FV_NGLYPHS] = {
		" ", "\u2500", "\u251c", "\u2524", "\u2592", "\u2588", "\u00b7", "\u25c2", "\u25b8"
	};
	static const char *const ascii[GT_FV_NGLYPHS] = {
		" ", "-", "|", "|", "=", "#", ".", "<", ">"
	};

	if ((int)g < 0 || g >= GT_FV_NGLYPHS)
		return " ";
	return utf8 ? uni[g] : ascii[g];
}

void gt_fv_box_range(const gt_featstats *fs, int f, gt_fv_whisk rule, double *lo, double *hi)
{
	gt_fv_box b;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (int g = -1; g < fs->k; g++) {
		gt_fv_box_of(&b, fs, f, g, rule);
		if (b.n == 0)
			continue;
		*lo = b.wlo < *lo ? b.wlo : *lo;
		*hi = b.whi > *hi ? b.whi : *hi;
	}
	if (*lo > *hi)               /* no values at all */
		*lo = *hi = 0;
}

void gt_fv_count_feature(const gt_featstats *fs, int f, int g, const gt_fv_scale *sc,
                         long *counts, size_t *below, size_t *above)
{
	size_t n;

	for (int r = 0; r < nruns(fs, g); r++) {
		const double *v = run_of(fs, f, g, r, &n);

		gt_fv_count_sorted(sc, v, n, counts, below, above);
	}
}

/* ---- Vertical bars */

int gt_fv_bar_eighths(long count, long peak, int rows)
{
	long e;

	if (count <= 0 || peak <= 0 || rows <= 0)
		return 0;
	e = (long)floor((double)count / (double)peak * rows * 8 + 0.5);
	e = e < 1 ? 1 : e > rows * 8L ? rows * 8L : e;
	return (int)e;
}

const char *gt_fv_bar_cell(int eighths, int row, int utf8)
{
	static const char *const blocks[9] = {
		" ", "\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"
	};
	int e = eighths - 8 * row;

	e = e < 0 ? 0 : e > 8 ? 8 : e;
	if (utf8)
		return blocks[e];
	return e == 0 ? " " : e < 4 ? "." : e < 8 ? ":" : "#";
}

/* ---- Importance bars */

/* Cells of x on a width-cell scale for 0..top, rounded, clamped. */
static int imp_cells(double x, double top, int width)
{
	double c = floor(x / top * width + 0.5);

	return isnan(c) || c < 0 ? 0 : c > width ? width : (int)c;
}

void gt_fv_imp_bar(double mean, double sd, double top, int width, unsigned char *out)
{
	int bar, lo, hi;

	memset(out, GT_FV_IMP_EMPTY, (size_t)(width > 0 ? width : 0));
	if (width <= 0 || !(top > 0))
		return;
	sd = isnan(sd) || sd < 0 ? 0 : sd;
	bar = mean > 0 ? imp_cells(mean, top, width) : 0;
	lo = imp_cells(mean - sd, top, width);
	hi = imp_cells(mean + sd, top, width);
	for (int c = 0; c < bar; c++)
		out[c] = c >= lo ? GT_FV_IMP_SD : GT_FV_IMP_BAR;
	for (int c = bar; c < hi; c++)
		out[c] = c == hi - 1 ? GT_FV_IMP_END : GT_FV_IMP_WHISKER;
}

const char *gt_fv_imp_text(gt_fv_imp_cell c, int utf8)
{
	static const char *const uni[GT_FV_IMP_NCELLS] = {
		" ", "\u2588", "\u2592", "\u2500", "\u2524"
	};
	static const char *const ascii[GT_FV_IMP_NCELLS] = { " ", "#", "=", "-", "|" };

	if ((int)c < 0 || c >= GT_FV_IMP_NCELLS)
		return " ";
	return utf8 ? uni[c] : ascii[c];
}

/* ---- Shades */

static const double corr_floor[GT_FV_SHADES] = { 0, 0.1, 0.3, 0.5, 0.7 };

int gt_fv_corr_shade(double r)
{
	double a = fabs(r);
	int s = 0;

	if (isnan(r))
		return -1;
	while (s + 1 < GT_FV_SHADES && a >= corr_floor[s + 1])
		s++;
	return s;
}

double gt_fv_corr_floor(int shade)
{
	return shade < 0 || shade >= GT_FV_SHADES ? NAN : corr_floor[shade];
}

int gt_fv_corr_text(char *buf, size_t n, double r)
{
	char tmp[16];

	if (isnan(r))
		return snprintf(buf, n, "%s", "");
	if (fabs(r) >= 0.995)        /* "+.99" would round to a leading 1 */
		return snprintf(buf, n, "%s", r > 0 ? "1.00" : "-1.0");
	if (fabs(r) < 0.005)         /* no sign on what rounds to 0 */
		return snprintf(buf, n, "%s", " .00");
	snprintf(tmp, sizeof(tmp), "%+.2f", r == 0 ? 0.0 : r);   /* "+0.84" */
	return snprintf(buf, n, "%c%s", tmp[0], tmp + 2);        /* "+.84" */
}

/* ---- The feature list */

const char *gt_fv_sort_name(gt_fv_sort by)
{
	static const char *const names[GT_FV_NSORTS] = { "F", "MI", "importance", "name" };

	return (int)by >= 0 && by < GT_FV_NSORTS ? names[by] : "?";
}

int gt_fv_importance_index(const gt_featstats *fs, const gt_importance *imp, int f)
{
	if (!imp || f < 0 || f >= fs->nf)
		return -1;
	for (int i = 0; i < imp->nfeat; i++)
		if (imp->feat[i].name && strcmp(imp->feat[i].name, fs->names[f]) == 0)
			return i;
	return -1;
}

/* By importance: imp's order mapped to fs's features, then the rest in
 * F order. */
static void order_importance(const gt_featstats *fs, const gt_importance *imp, int *order)
{
	int by_f[GT_FEAT_MAX], iorder[GT_IMP_MAX], n = 0;

	gt_featstats_order(fs, GT_ORDER_F, by_f);
	if (imp) {
		gt_importance_order(imp, iorder);
		for (int i = 0; i < imp->nfeat; i++)
			for (int f = 0; f < fs->nf; f++)
				if (gt_fv_importance_index(fs, imp, f) == iorder[i])
					order[n++] = f;
	}
	for (int i = 0; i < fs->nf; i++)
		if (gt_fv_importance_index(fs, imp, by_f[i]) < 0)
			order[n++] = by_f[i];
}

void gt_fv_order(const gt_featstats *fs, const gt_importance *imp, gt_fv_sort by, int *order)
{
	if (by == GT_FV_BY_IMPORTANCE)
		order_importance(fs, imp, order);
	else
		gt_featstats_order(fs, by == GT_FV_BY_MI ? GT_ORDER_MI
		                   : by == GT_FV_BY_NAME ? GT_ORDER_NAME : GT_ORDER_F, order);
}

int gt_fv_position(const int *order, int n, int f)
{
	for (int i = 0; i < n; i++)
		if (order[i] == f)
			return i;
	return 0;
}

/* ---- Words and numbers */

const char *gt_fv_unit(const char *name)
{
	static const char *const zero_one[] = {
		"acousticness", "danceability", "energy", "instrumentalness", "liveness",
		"speechiness", "valence"
	};

	if (!name)
		return "";
	if (strcmp(name, "popularity") == 0)
		return "0-100";
	if (strcmp(name, "duration_ms") == 0)
		return "ms";
	if (strcmp(name, "loudness") == 0)
		return "dB";
	if (strcmp(name, "tempo") == 0)
		return "BPM";
	if (strcmp(name, "key") == 0)
		return "pitch class";
	for (size_t i = 0; i < sizeof(zero_one) / sizeof(zero_one[0]); i++)
		if (strcmp(name, zero_one[i]) == 0)
			return "0-1";
	return "";
}

const char *gt_fv_level_name(const char *name, int l, char *buf, size_t n)
{
	static const char *const keys[12] = {
		"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
	};

	if (name && strcmp(name, "key") == 0 && l >= 0 && l < 12)
		snprintf(buf, n, "%s", keys[l]);
	else if (name && strcmp(name, "mode") == 0 && (l == 0 || l == 1))
		snprintf(buf, n, "%s", l ? "Major" : "Minor");
	else
		snprintf(buf, n, "%d", l);
	return buf;
}

/* Whole number v (|v| < 1e15) with thousands separators. */
static char *whole(char *buf, size_t n, double v)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof(digits), "%.0f", fabs(v)), o = 0;

	if (floor(fabs(v) + 0.5) > 0 && v < 0)
		out[o++] = '-';
	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

/* Trailing zeros of a fraction dropped, and its point if nothing is left
 * ("91.0" -> "91", "0.250" -> "0.25"); text with an exponent is kept. */
static void trim_zeros(char *s)
{
	char *dot = strchr(s, '.'), *end;

	if (!dot || strchr(s, 'e'))
		return;
	end = s + strlen(s);
	while (end > dot + 1 && end[-1] == '0')
		*--end = '\0';
	if (end == dot + 1)
		*dot = '\0';
}

char *gt_fv_value(char *buf, size_t n, double v)
{
	double a = fabs(v);

	if (isnan(v))
		snprintf(buf, n, "-");
	else if (a >= 1e15)
		snprintf(buf, n, "%.3g", v);
	else if (a >= 999.5)
		whole(buf, n, v);
	else {
		char tmp[32];

		snprintf(tmp, sizeof(tmp), a >= 9.995 ? "%.1f" : "%.3g", v);
		trim_zeros(tmp);
		snprintf(buf, n, "%s", strcmp(tmp, "-0") == 0 ? "0" : tmp);
	}
	return buf;
}

char *gt_fv_name_label(char *buf, size_t n, const gt_featstats *fs, int f, int cells,
                       const char *mark)
{
	return gt_fmt_label(buf, n, fs->names, fs->nf, f, cells, mark);
}

int gt_fv_headings(const gt_featstats *fs, gt_fv_head *heads)
{
	return gt_fmt_headings(fs->names, fs->nf, GT_FV_HEAD_CELLS, heads[0], sizeof(heads[0]));
}
