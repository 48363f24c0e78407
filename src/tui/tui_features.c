/* tui_features.c: the Features pane: why the model confuses genres.
 *
 * Three views of the training rows' feature statistics (featstats.h, made
 * by the session when first asked for; laid out by features_view.c):
 *   distributions  the feature list (F, MI, permutation importance) beside
 *                  the selected feature's box plot per genre on one shared
 *                  scale, all rows' box and histogram, the axis in the
 *                  feature's units;
 *   correlation    the features' Pearson correlations as a shaded grid with
 *                  a cursor naming the pair and its coefficient;
 *   two genres     the features ranked by how far apart they put two genres
 *                  (Cohen's d or KS), both distributions one above the other,
 *                  and how many test rows of each the model gives to the
 *                  other (from the Confusion pane: f on a cell).
 * Layout fetches the statistics and fits the cursors; drawing only reads. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/confusion_view.h"
#include "genretui/features_view.h"
#include "genretui/textfmt.h"
#include "genretui/tui.h"

enum { VIEW_DIST, VIEW_CORR, VIEW_PAIR, NVIEWS };

#define NAME_W 16       /* feature names in the lists */
#define LABEL_W 12      /* genre names left of the plots */
#define IMP_W 10        /* an importance bar */
#define EFF_BAR_W 9     /* the |d| or KS bar of the two-genre list */
#define MIN_PLOT 16     /* plot columns worth drawing */
#define CELL_W 5        /* a correlation cell: " +.84" */
#define MAX_PLOT 1024   /* plot columns at most (the row buffers' size) */

static const char *const features_help[] = {
	"j k / Up Down\tchoose a feature (two genres: in the ranked list)",
	"g G / Home End\tthe first / last feature (grid: row)",
	"s / S\tsort the list by F, MI, importance, name / back;",
	"\ttwo genres: rank by |Cohen's d| or by the KS statistic",
	"i\tpermutation importance of the model on the test rows",
	"m\twhiskers at 1.5 IQR (Tukey) or at the minimum and maximum",
	"J K PgDn PgUp\tscroll the genre rows when not all fit",
	"v / V\tnext / previous view: distributions, correlation grid",
	"\t(hjkl, arrows move), two genres side by side",
	"a A / b B\ttwo genres: next / previous genre a, genre b",
	"Esc\tback to the distributions",
	"\t(in Confusion, f on a cell compares its two genres here)",
	"\tEvery column of the model is a feature; key, mode and a one-hot",
	"\ttext column show each level's share of every genre's rows",
	NULL
};

typedef struct {
	int view;
	gt_fv_sort sort;
	gt_fv_whisk rule;
	int feature;                 /* the feature shown (featstats index) */
	int first_genre;             /* genre rows scrolled past */
	int cr, cc, ctop, cleft;     /* correlation cursor (row, column) and scroll */
	int ga, gb;                  /* the two genres */
	gt_effect_rank rank;
	int pfeature;                /* the feature chosen in the two-genre list */
	int imp_pending;             /* i pressed: importance computed at the next tick */
	/* Made by layout for drawing and keys. */
	int nf;                      /* features; 0 when there are no statistics */
	int order[GT_FEAT_MAX];      /* the list, sorted */
	gt_effect eff[GT_FEAT_MAX];  /* the two genres' features, ranked */
	int list_top, plist_top;     /* first list row shown */
	int page;                    /* genre rows shown */
	gt_fv_head heads[GT_FEAT_MAX];   /* the grid's column headings */
	uint64_t heads_of;           /* hash of the names they were made for */
	char err[sizeof(((gt_error *)0)->msg)];   /* why there are no statistics */
} feat_state;

/* ---- what the pane reads */

static const gt_genres *genres(const gt_app *app)
{
	return &app->session.pipe.clean.genres;
}

static const gt_featstats *stats(const gt_app *app)
{
	return app->session.has_featstats ? &app->session.featstats : NULL;
}

static const gt_importance *importance(const gt_app *app)
{
	return app->session.has_importance ? &app->session.importance : NULL;
}

/* The test confusion matrix describes a model (possibly mid-run). */
static int have_matrix(const gt_app *app)
{
	const gt_session *s = &app->session;

	return s->evaluated || (s->running && s->test_epoch > 0);
}

/* ---- drawing helpers */

/* Feature f's name in exactly cells cells: cut at its words so that it
 * reads as no other feature (gt_fv_name_label), padded. */
static char *name_cell(const gt_app *app, char *buf, size_t n, const gt_featstats *fs, int f,
                       int cells)
{
	char label[160];

	gt_fv_name_label(label, sizeof(label), fs, f, cells, gt_cut_mark(app));
	return gt_fmt_pad(buf, n, label, cells);
}

static gt_color_role heat_role(int level)
{
	return (gt_color_role)(GT_C_HEAT0 + (level < 0 ? 0 : level));
}

/* ---- geometry (shared by layout, drawing and keys) */

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

typedef struct {
	int list_w;                  /* the feature list's columns, 0 if hidden */
	int show_f, show_mi, show_imp;
	int x;                       /* first column of the plot area */
	int plot_x, plot_w;          /* the scale's columns */
	int genre_rows, hist_rows;   /* genre rows shown, histogram height */
	int list_rows;               /* feature rows the list shows */
} dist_geom;

/* The list's columns: all statistics when the plot keeps room, else only
 * the one that sorts it (F when by name). */
static void list_columns(dist_geom *g, const feat_state *st, int has_imp, int width)
{
	int full = 1 + NAME_W + 1 + 8 + 1 + 6 + (has_imp ? 1 + 7 + 1 + IMP_W : 0);
	int by_imp = st->sort == GT_FV_BY_IMPORTANCE && has_imp;

	g->show_f = g->show_mi = 1;
	g->show_imp = has_imp;
	g->list_w = full;
	if (width - full >= LABEL_W + 1 + 40)
		return;
	g->show_f = !by_imp && st->sort != GT_FV_BY_MI;
	g->show_mi = st->sort == GT_FV_BY_MI;
	g->show_imp = by_imp;
	g->list_w = 1 + NAME_W + 1 + (by_imp ? 7 + 1 + IMP_W : g->show_mi ? 6 : 8);
	if (width - g->list_w < LABEL_W + 1 + MIN_PLOT)
		g->list_w = 0;           /* too narrow: the title names the feature */
}

/* Rows from row 1: title, genre rows, all rows, histogram, axis, legend. */
static void dist_rows(dist_geom *g, int k, int height)
{
	int avail = height - 1;

	g->hist_rows = clamp(avail - 4 - k, 3, 8);   /* taller when the genres leave room */
	g->genre_rows = avail - 4 - g->hist_rows;
	if (g->genre_rows < 3) {
		g->hist_rows = 1;
		g->genre_rows = avail - 5;
	}
	g->genre_rows = g->genre_rows > k ? k : g->genre_rows < 1 ? 1 : g->genre_rows;
	g->list_rows = height - 3 - 3;     /* heading, column names; three note rows */
	if (g->list_rows < 3)
		g->list_rows = height - 3;
}

static dist_geom dist_geometry(const gt_app *app, const feat_state *st, int height, int width)
{
	dist_geom g;

	memset(&g, 0, sizeof(g));
	list_columns(&g, st, importance(app) != NULL, width);
	g.x = g.list_w ? g.list_w + 1 : 0;
	g.plot_x = g.x + LABEL_W + 1;
	g.plot_w = width - g.plot_x - 1;
	g.plot_w = clamp(g.plot_w, 1, MAX_PLOT);
	dist_rows(&g, genres(app)->k, height);
	return g;
}

/* Two genres: the ranked list at the left, the chosen feature at the right. */
typedef struct {
	int list_y, list_rows, list_w, bar_w;
	int x, plot_x, plot_w;       /* the detail */
	int hist_rows;
} pair_geom;

static pair_geom pair_geometry(int height, int width)
{
	pair_geom g;

	g.list_y = 5;
	g.list_rows = height - g.list_y - 1;
	g.list_rows = g.list_rows < 1 ? 1 : g.list_rows;
	g.bar_w = width >= 110 ? EFF_BAR_W : 0;
	g.list_w = 1 + NAME_W + 1 + 6 + 1 + 5 + (g.bar_w ? 1 + g.bar_w : 0);
	g.x = g.list_w + 2;
	g.plot_x = g.x + LABEL_W + 1;
	g.plot_w = width - g.plot_x - 1;
	if (g.plot_w < MIN_PLOT)     /* no room beside: the detail is left out */
		g.plot_w = 0;
	g.plot_w = g.plot_w > MAX_PLOT ? MAX_PLOT : g.plot_w;
	g.hist_rows = height - g.list_y >= 13 ? 3 : 1;
	return g;
}

typedef struct {
	int y, label_w, ncols, nrows;
} corr_geom;

static corr_geom corr_geometry(int nf, int height, int width)
{
	corr_geom g;

	g.y = 2;
	g.label_w = 13;
	g.ncols = (width - g.label_w) / CELL_W;
	g.ncols = g.ncols < 1 ? 1 : g.ncols > nf ? nf : g.ncols;
	g.nrows = height - g.y - 4;  /* headings; focus, blank, legend */
	g.nrows = g.nrows < 1 ? 1 : g.nrows > nf ? nf : g.nrows;
	return g;
}

/* ---- the header */

static void draw_header(const gt_app *app, const feat_state *st, WINDOW *w,
                        const gt_featstats *fs)
{
	static const char *const names[NVIEWS] = { "distributions", "correlation", "two genres" };
	char line[160], n[32];
	int width = getmaxx(w), x, all = width >= 92;

	snprintf(line, sizeof(line), "Features of the %s training rows", gt_fmt_count(n, sizeof(n), fs->n));
	x = gt_draw_clipped_attr(w, gt_attr(app, GT_C_TRAIN) | A_BOLD, 0, 0, width, line) + 2;
	x += gt_draw_clipped(w, 0, x, width - x, "view: ");
	for (int v = 0; v < NVIEWS; v++) {
		if (!all && v != st->view)
			continue;
		if (all && v)
			x += gt_draw_clipped(w, 0, x, width - x, " | ");
		snprintf(line, sizeof(line), v == st->view ? "[%s]" : "%s", names[v]);
		x += gt_draw_clipped_attr(w, v == st->view ? gt_attr(app, GT_C_HEADER) : A_NORMAL, 0, x,
		              width - x, line);
	}
	if (!all)
		gt_draw_clipped_attr(w, A_DIM, 0, x, width - x, "  v: other views");
}

/* ---- the feature list */

static void fmt_stat(char *buf, size_t n, double v, int width, int decimals)
{
	if (isnan(v))
		snprintf(buf, n, "%*s", width, "-");
	else if (fabs(v) >= 1e6)
		snprintf(buf, n, "%*.3g", width, v);
	else
		snprintf(buf, n, "%*.*f", width, decimals, v);
}

/* Largest mean + sd of the importances: the bars' common scale. */
static double imp_top(const gt_importance *imp)
{
	double top = 0;

	for (int i = 0; imp && i < imp->nfeat; i++)
		if (imp->mean[i] + imp->sd[i] > top)
			top = imp->mean[i] + imp->sd[i];
	return top;
}

static void draw_imp_bar(const gt_app *app, WINDOW *w, int y, int x, double mean, double sd,
                         double top)
{
	unsigned char cells[IMP_W];

	gt_fv_imp_bar(mean, sd, top, IMP_W, cells);
	for (int c = 0; c < IMP_W; c++) {
		gt_color_role r = cells[c] == GT_FV_IMP_BAR || cells[c] == GT_FV_IMP_SD ? GT_C_TRAIN
		                : GT_C_DIM;

		gt_draw_clipped_attr(w, gt_attr(app, r), y, x + c, 1, gt_fv_imp_text(cells[c], app->utf8));
	}
}

/* One feature's row of the list: name, F, MI, importance. */
static void list_row(const gt_app *app, const feat_state *st, WINDOW *w, const dist_geom *g,
                     const gt_featstats *fs, int f, int y)
{
	const gt_importance *imp = importance(app);
	int cur = f == st->feature, x = 0, i = gt_fv_importance_index(fs, imp, f);
	char name[160], num[32];

	gt_draw_clipped(w, y, 0, 1, cur ? ">" : " ");
	x = 1 + gt_draw_clipped_attr(w, cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL, y, 1, NAME_W,
	                 name_cell(app, name, sizeof(name), fs, f, NAME_W));
	if (g->show_f) {
		fmt_stat(num, sizeof(num), fs->feat[f].f, 9, 1);
		x += gt_draw_clipped(w, y, x, 9, num);
	}
	if (g->show_mi) {
		fmt_stat(num, sizeof(num), fs->feat[f].mi, 7, 3);
		x += gt_draw_clipped(w, y, x, 7, num);
	}
	if (g->show_imp && i >= 0) {
		snprintf(num, sizeof(num), " %+.4f", imp->mean[i] == 0 ? 0.0 : imp->mean[i]);
		x += gt_draw_clipped(w, y, x, 8, num) + 1;
		draw_imp_bar(app, w, y, x, imp->mean[i], imp->sd[i], imp_top(imp));
	}
}

static const char *sort_words(const gt_app *app, gt_fv_sort by)
{
	switch (by) {
	case GT_FV_BY_F: return "by F (one-way ANOVA)";
	case GT_FV_BY_MI: return "by MI (mutual info.)";
	case GT_FV_BY_IMPORTANCE:
		return importance(app) ? "by importance" : "by importance: press i";
	default: return "by name";
	}
}

/* What the statistics are, under the list. */
static void list_notes(const gt_app *app, WINDOW *w, int y, int width)
{
	const gt_importance *imp = importance(app);
	char line[128];

	gt_draw_clipped_attr(w, A_DIM, y++, 1, width - 1, "F, MI: training rows");
	if (!imp) {
		gt_draw_clipped_attr(w, A_DIM, y, 1, width - 1, "i: importance, test rows");
		return;
	}
	snprintf(line, sizeof(line), "imp.: test rows, %dx +-sd", imp->repeats);
	gt_draw_clipped_attr(w, A_DIM, y, 1, width - 1, line);
}

static void draw_list(const gt_app *app, const feat_state *st, WINDOW *w, const dist_geom *g,
                      const gt_featstats *fs)
{
	char head[96];
	int x = 1 + NAME_W, y = 3, n = fs->nf - st->list_top;

	gt_draw_clipped_attr(w, A_BOLD, 1, 1, g->list_w - 1, sort_words(app, st->sort));
	snprintf(head, sizeof(head), "%-*s", NAME_W, "feature");
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 2, 1, NAME_W, head);
	if (g->show_f)
		x += gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 2, x, 9, "        F");
	if (g->show_mi)
		x += gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 2, x, 7, "     MI");
	if (g->show_imp)
		gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 2, x, 9 + IMP_W, " importance  (+-sd)");
	n = n > g->list_rows ? g->list_rows : n;
	for (int i = 0; i < n; i++)
		list_row(app, st, w, g, fs, st->order[st->list_top + i], y + i);
	if (st->list_top + n < fs->nf)
		gt_draw_clipped_attr(w, A_DIM, y + n, 1, g->list_w - 1, app->utf8 ? "\u2193 more" : "v more");
	if (getmaxy(w) - (y + n) >= 4)
		list_notes(app, w, y + n + 2, g->list_w);
}

/* ---- distributions */

/* "popularity (0-100): training range 0 to 99" (", 12 unknown") */
static void feature_title(const gt_app *app, WINDOW *w, int y, int x, int width,
                          const gt_featstats *fs, int f)
{
	const gt_featdist *d = &fs->feat[f];
	const char *unit = gt_fv_unit(fs->names[f]), *name = fs->names[f];
	char line[256], lo[32], hi[32], unknown[64] = "", cut[160];
	int used;

	if (d->all.n < fs->n)
		snprintf(unknown, sizeof(unknown), ", %zu unknown", fs->n - d->all.n);
	used = gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), y, x, width,
	                            gt_fmt_label(cut, sizeof(cut), &name, 1, 0, width, gt_cut_mark(app)));
	snprintf(line, sizeof(line), "%s%s%s: training range %s to %s%s", *unit ? " (" : "",
	         unit, *unit ? ")" : "", gt_fv_value(lo, sizeof(lo), d->all.min),
	         gt_fv_value(hi, sizeof(hi), d->all.max), unknown);
	gt_draw_clipped(w, y, x + used, width - used, line);
}

static gt_color_role glyph_role(gt_fv_glyph g)
{
	switch (g) {
	case GT_FV_BOX: return GT_C_TRAIN;
	case GT_FV_MEDIAN: return GT_C_TEST;
	case GT_FV_BEYOND_LO: case GT_FV_BEYOND_HI: return GT_C_BAD;
	case GT_FV_EMPTY: return GT_C_NORMAL;
	default: return GT_C_DIM;
	}
}

/* A genre's (g >= 0) or all rows' box plot on scale sc at (y, x). */
static void box_line(const gt_app *app, const feat_state *st, WINDOW *w, int y, int x,
                     const gt_featstats *fs, int f, int g, const gt_fv_scale *sc)
{
	unsigned char cells[MAX_PLOT];
	gt_fv_box b;
	int n = sc->width > MAX_PLOT ? MAX_PLOT : sc->width;

	gt_fv_box_of(&b, fs, f, g, st->rule);
	gt_fv_box_row(&b, fs, f, g, sc, cells);
	for (int c = 0; c < n; c++)
		if (cells[c] != GT_FV_EMPTY)
			gt_draw_clipped_attr(w, gt_attr(app, glyph_role((gt_fv_glyph)cells[c])), y, x + c, 1,
			         gt_fv_glyph_text((gt_fv_glyph)cells[c], app->utf8));
}

/* Genre c's name in LABEL_W cells, a longer one cut at its words so that
 * it reads as no other genre (gt_cv_label); c < 0: "all genres". */
static void genre_label(const gt_app *app, WINDOW *w, int y, int x, attr_t a, int c)
{
	char label[160];

	gt_draw_clipped_attr(w, a, y, x, LABEL_W, c < 0 ? "all genres"
	                     : gt_cv_label(label, sizeof(label), genres(app), c, LABEL_W, gt_cut_mark(app)));
}

/* Vertical bars of counts[0..width-1] against peak, rows high, the bottom
 * row at y. */
static void bars(const gt_app *app, WINDOW *w, int y, int x, const long *counts, int width,
                 long peak, int rows)
{
	wattrset(w, gt_attr(app, GT_C_TRAIN));
	for (int c = 0; c < width; c++) {
		int e = gt_fv_bar_eighths(counts[c], peak, rows);

		for (int r = 0; r < rows && e > 8 * r; r++)
			gt_draw_clipped(w, y - r, x + c, 1, gt_fv_bar_cell(e, r, app->utf8));
	}
	wattrset(w, A_NORMAL);
}

/* Whether some column of sc holds more than one whole value. */
static int several_wholes(const gt_fv_scale *sc)
{
	for (int c = 0; c < sc->width; c++)
		if (gt_fv_wholes(sc, c) > 1)
			return 1;
	return 0;
}

/* lo at the left, the middle centred, hi at the right of the scale; with
 * one whole value per column (whole), the first, a middle and the last
 * column's value, each under its column. */
static void axis(WINDOW *w, int y, int x, const gt_fv_scale *sc, int whole)
{
	double lo = sc->lo, hi = sc->hi, mid = (lo + hi) / 2;
	char a[32], m[32], b[32];
	int la, lm, lb, mx;

	if (whole && sc->width > 1 && gt_fv_wholes(sc, 0) == 1 && !several_wholes(sc)) {
		lo += 0.5;
		hi -= 0.5;
		mid = lo + floor((hi - lo) / 2);
	}
	la = (int)strlen(gt_fv_value(a, sizeof(a), lo));
	lm = (int)strlen(gt_fv_value(m, sizeof(m), mid));
	lb = (int)strlen(gt_fv_value(b, sizeof(b), hi));
	mx = (int)floor((mid - sc->lo) / (sc->hi - sc->lo) * sc->width) - lm / 2;
	gt_draw_clipped(w, y, x, sc->width, a);
	if (mx > la && mx + lm < sc->width - lb)
		gt_draw_clipped(w, y, x + mx, lm, m);
	if (sc->width > la + lb)
		gt_draw_clipped(w, y, x + sc->width - lb, lb, b);
}

static void box_legend(const gt_app *app, const feat_state *st, WINDOW *w, int y, int x,
                       int width, const char *scroll)
{
	char line[320];
	int u = app->utf8;

	snprintf(line, sizeof(line), "%s%s%s%s whiskers %s, %s%s box Q1-Q3, %s median, %s beyond, %s%s off the scale",
	         scroll, gt_fv_glyph_text(GT_FV_WHISKER_LO, u), gt_fv_glyph_text(GT_FV_WHISKER, u),
	         gt_fv_glyph_text(GT_FV_WHISKER_HI, u),
	         st->rule == GT_FV_TUKEY ? "at 1.5 IQR (m: min-max)" : "at min-max (m: 1.5 IQR)",
	         gt_fv_glyph_text(GT_FV_BOX, u), gt_fv_glyph_text(GT_FV_BOX, u),
	         gt_fv_glyph_text(GT_FV_MEDIAN, u), gt_fv_glyph_text(GT_FV_FLIER, u),
	         gt_fv_glyph_text(GT_FV_BEYOND_LO, u), gt_fv_glyph_text(GT_FV_BEYOND_HI, u));
	gt_draw_clipped_attr(w, A_DIM, y, x, width, line);
}

/* "genres 1-8 of 10 (J/K)  " when not all genre rows fit, else "". */
static void scroll_note(char *buf, size_t n, const feat_state *st, int shown, int k)
{
	buf[0] = '\0';
	if (shown < k)
		snprintf(buf, n, "genres %d-%d of %d (J/K)  ", st->first_genre + 1,
		         st->first_genre + shown, k);
}

/* Genre g's (g < 0: all) rows in each column of sc into v[0..width-1], per
 * whole value for a whole-numbered feature (whole); returns the largest. */
static double column_rows(const gt_featstats *fs, int f, int g, const gt_fv_scale *sc,
                          int whole, double *v)
{
	long counts[MAX_PLOT] = { 0 };
	size_t below = 0, above = 0;
	int width = sc->width > MAX_PLOT ? MAX_PLOT : sc->width;
	double most = 0;

	gt_fv_count_feature(fs, f, g, sc, counts, &below, &above);
	for (int c = 0; c < width; c++) {
		int k = whole ? gt_fv_wholes(sc, c) : 1;

		v[c] = k > 0 ? (double)counts[c] / k : 0;
		most = v[c] > most ? v[c] : most;
	}
	return most;
}

/* bars of v[0..width-1] (any unit) against top. */
static void bars_of(const gt_app *app, WINDOW *w, int y, int x, const double *v, int width,
                    double top, int rows)
{
	long scaled[MAX_PLOT];

	width = width > MAX_PLOT ? MAX_PLOT : width;
	for (int c = 0; c < width; c++) {
		scaled[c] = top > 0 ? (long)floor(1e6 * v[c] / top + 0.5) : 0;
		scaled[c] = v[c] > 0 && scaled[c] < 1 ? 1 : scaled[c];
	}
	bars(app, w, y, x, scaled, width, 1000000, rows);
}

/* The histogram of all rows, its label and peak at the left (rows per
 * value when a column holds several values of a whole-numbered feature). */
static void all_histogram(const gt_app *app, WINDOW *w, int y, const dist_geom *g,
                          const gt_featstats *fs, int f, const gt_fv_scale *sc, int whole)
{
	double v[MAX_PLOT], peak = column_rows(fs, f, -1, sc, whole, v);
	char line[64], n[32];

	gt_draw_clipped_attr(w, A_BOLD, y, g->x, LABEL_W, whole && several_wholes(sc) ? "rows/value" : "all rows");
	snprintf(line, sizeof(line), "top %s",
	         gt_fmt_count(n, sizeof(n), (unsigned long long)floor(peak + 0.5)));
	if (g->hist_rows > 1)
		gt_draw_clipped_attr(w, A_DIM, y + g->hist_rows - 1, g->x, LABEL_W, line);
	bars_of(app, w, y + g->hist_rows - 1, g->plot_x, v, sc->width, peak, g->hist_rows);
}

static void draw_boxes(const gt_app *app, const feat_state *st, WINDOW *w, const dist_geom *g,
                       const gt_featstats *fs, int f)
{
	int whole = gt_fv_integral(fs, f);
	double lo, hi;
	gt_fv_scale sc;
	char note[64];
	int y = 2;

	gt_fv_box_range(fs, f, st->rule, &lo, &hi);
	sc = gt_fv_scale_fit(lo, hi, g->plot_w, whole);
	for (int i = 0; i < g->genre_rows && st->first_genre + i < fs->k; i++, y++) {
		genre_label(app, w, y, g->x, A_NORMAL, st->first_genre + i);
		box_line(app, st, w, y, g->plot_x, fs, f, st->first_genre + i, &sc);
	}
	genre_label(app, w, y, g->x, A_BOLD, -1);
	box_line(app, st, w, y++, g->plot_x, fs, f, -1, &sc);
	all_histogram(app, w, y, g, fs, f, &sc, whole);
	y += g->hist_rows;
	gt_draw_clipped_attr(w, A_DIM, y, g->x, LABEL_W, gt_fv_unit(fs->names[f]));
	axis(w, y++, g->plot_x, &sc, whole);
	scroll_note(note, sizeof(note), st, g->genre_rows, fs->k);
	box_legend(app, st, w, y, g->x, getmaxx(w) - g->x, note);
}

/* Cells of each level of a categorical feature, at most 7 and at least 2. */
static int level_width(int plot_w, int levels)
{
	int cw = levels > 0 ? plot_w / levels : 2;

	return cw > 7 ? 7 : cw < 2 ? 2 : cw;
}

/* One row of level shares: each level's share of the row's values (%),
 * shaded against the largest share of the table (peak). */
static void level_line(const gt_app *app, WINDOW *w, int y, int x, const long *hist,
                       int levels, size_t n, double peak, int cw)
{
	for (int l = 0; l < levels; l++) {
		double share = n ? (double)hist[l] / (double)n : 0;
		int pct = (int)floor(100 * share + 0.5);
		char cell[16];

		pct = cw < 4 && pct > 99 ? 99 : pct;
		snprintf(cell, sizeof(cell), cw >= 4 ? "%*d%%" : "%*d", cw >= 4 ? cw - 1 : cw, pct);
		gt_draw_clipped_attr(w, gt_attr(app, heat_role(gt_cv_heat_level(peak > 0 ? share / peak : 0))), y,
		         x + l * cw, cw, cell);
	}
}

/* The largest share of a level in any genre or all rows. */
static double level_peak(const gt_featdist *d, int k)
{
	double peak = 0;

	for (int g = -1; g < k; g++) {
		const long *h = g < 0 ? d->hist_all : d->hist[g];
		size_t n = g < 0 ? d->all.n : d->genre[g].n;

		for (int l = 0; l < d->nbins && n; l++)
			peak = (double)h[l] / (double)n > peak ? (double)h[l] / (double)n : peak;
	}
	return peak;
}

/* Level names under the cells of feature f, centred: a one-hot column's
 * texts, the study's key and mode by name, else numbers; a name wider than
 * a cell cut at its words so that it reads as no other level. */
static void level_axis(const gt_app *app, WINDOW *w, int y, int x, int f, int levels, int cw)
{
	const gt_featstats *fs = stats(app);
	char text[GT_LEVELS_MAX][96], label[160];
	const char *names[GT_LEVELS_MAX];

	levels = levels < GT_LEVELS_MAX ? levels : GT_LEVELS_MAX;
	for (int l = 0; l < levels; l++) {
		const char *t = gt_ftable_level(&app->session.ftable, f, l);

		if (t)
			snprintf(text[l], sizeof(text[l]), "%s", t);
		else
			gt_fv_level_name(fs->names[f], l, text[l], sizeof(text[l]));
		names[l] = text[l];
	}
	for (int l = 0; l < levels; l++) {
		int len = gt_text_width(gt_fmt_label(label, sizeof(label), names, levels, l,
		                                     cw, gt_cut_mark(app)));

		gt_draw_clipped(w, y, x + l * cw + (cw - len + 1) / 2, len, label);
	}
}

static void draw_levels(const gt_app *app, const feat_state *st, WINDOW *w, const dist_geom *g,
                        const gt_featstats *fs, int f)
{
	const gt_featdist *d = &fs->feat[f];
	int cw = level_width(g->plot_w, d->nbins), y = 2;
	double peak = level_peak(d, fs->k);
	long counts[GT_HIST_BINS * 7] = { 0 }, top = 0;
	char note[64], line[200];

	for (int i = 0; i < g->genre_rows && st->first_genre + i < fs->k; i++, y++) {
		int c = st->first_genre + i;

		genre_label(app, w, y, g->x, A_NORMAL, c);
		level_line(app, w, y, g->plot_x, d->hist[c], d->nbins, d->genre[c].n, peak, cw);
	}
	genre_label(app, w, y, g->x, A_BOLD, -1);
	level_line(app, w, y++, g->plot_x, d->hist_all, d->nbins, d->all.n, peak, cw);
	for (int l = 0; l < d->nbins; l++) {
		for (int c = 0; c < cw - 1; c++)
			counts[l * cw + c] = d->hist_all[l];
		top = d->hist_all[l] > top ? d->hist_all[l] : top;
	}
	gt_draw_clipped_attr(w, A_BOLD, y, g->x, LABEL_W, "all rows");
	bars(app, w, y + g->hist_rows - 1, g->plot_x, counts, d->nbins * cw, top, g->hist_rows);
	y += g->hist_rows;
	level_axis(app, w, y++, g->plot_x, f, d->nbins, cw);
	scroll_note(note, sizeof(note), st, g->genre_rows, fs->k);
	snprintf(line, sizeof(line), "%s%% of each genre's rows at each level; shade: share over the largest",
	         note);
	gt_draw_clipped_attr(w, A_DIM, y, g->x, getmaxx(w) - g->x, line);
}

static void draw_dist(const gt_app *app, const feat_state *st, WINDOW *w,
                      const gt_featstats *fs, int height, int width)
{
	dist_geom g = dist_geometry(app, st, height, width);
	int f = st->feature;

	if (g.list_w)
		draw_list(app, st, w, &g, fs);
	feature_title(app, w, 1, g.x, width - g.x, fs, f);
	if (fs->feat[f].levels)
		draw_levels(app, st, w, &g, fs, f);
	else
		draw_boxes(app, st, w, &g, fs, f);
}

/* ---- correlation */

static void corr_cell(const gt_app *app, const feat_state *st, WINDOW *w, int y, int x,
                      const gt_featstats *fs, int a, int b)
{
	double r = fs->corr[a * fs->nf + b];
	int cur = a == st->cr && b == st->cc;
	char num[8], cell[16];

	gt_fv_corr_text(num, sizeof(num), r);
	snprintf(cell, sizeof(cell), "%c%4s", cur ? '>' : ' ', num);
	gt_draw_clipped_attr(w, cur ? gt_attr(app, GT_C_CURSOR) | A_BOLD
	                : gt_attr(app, heat_role(gt_fv_corr_shade(r))), y, x, CELL_W, cell);
}

static void corr_headings(const gt_app *app, const feat_state *st, WINDOW *w,
                          const corr_geom *g, const gt_featstats *fs)
{
	int x = g->label_w;

	if (st->cleft > 0)
		gt_draw_clipped(w, g->y, g->label_w - 1, 1, "<");
	for (int j = 0; j < g->ncols; j++, x += CELL_W) {
		int b = st->cleft + j;
		char s[4 * CELL_W + 1];

		gt_fmt_pad(s, sizeof(s), "", CELL_W - gt_text_width(st->heads[b]));
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "%s", st->heads[b]);
		gt_draw_clipped_attr(w, b == st->cc ? gt_attr(app, GT_C_CURSOR) : gt_attr(app, GT_C_HEADER), g->y, x,
		         CELL_W, s);
	}
	if (st->cleft + g->ncols < fs->nf)
		gt_draw_clipped(w, g->y, x, 1, ">");
}

/* The pair under the cursor in words. */
static void corr_focus(const feat_state *st, WINDOW *w, int y,
                       const gt_featstats *fs)
{
	double r = fs->corr[st->cr * fs->nf + st->cc];
	char line[256];

	if (isnan(r))
		snprintf(line, sizeof(line), "%s and %s: no coefficient (a feature of more than two "
		         "unordered levels, or a constant one)", fs->names[st->cr], fs->names[st->cc]);
	else
		snprintf(line, sizeof(line), "%s and %s: r = %+.3f (Pearson, on the training rows)",
		         fs->names[st->cr], fs->names[st->cc], r == 0 ? 0.0 : r);
	gt_draw_clipped_attr(w, A_BOLD, y, 0, getmaxx(w), line);
}

static void corr_legend(const gt_app *app, WINDOW *w, int y)
{
	int used = gt_draw_clipped(w, y, 0, getmaxx(w), "shade, |r|:");

	for (int s = 0; s < GT_FV_SHADES; s++) {
		double hi = s + 1 < GT_FV_SHADES ? gt_fv_corr_floor(s + 1) : 1.0;
		char t[32];

		snprintf(t, sizeof(t), " %.1f-%.1f ", gt_fv_corr_floor(s), hi);
		used += gt_draw_clipped(w, y, used, getmaxx(w) - used, " ");
		used += gt_draw_clipped_attr(w, gt_attr(app, heat_role(s)), y, used, getmaxx(w) - used, t);
	}
	gt_draw_clipped(w, y, used, getmaxx(w) - used, "   blank: no r");
}

static void draw_corr(const gt_app *app, const feat_state *st, WINDOW *w,
                      const gt_featstats *fs, int height, int width)
{
	corr_geom g = corr_geometry(fs->nf, height, width);
	char name[160];

	gt_draw_clipped_attr(w, A_BOLD, 1, 0, width, "Pearson's r on the training rows (those where both are known)");
	corr_headings(app, st, w, &g, fs);
	for (int i = 0; i < g.nrows; i++) {
		int a = st->ctop + i, y = g.y + 1 + i;

		gt_draw_clipped_attr(w, a == st->cr ? gt_attr(app, GT_C_CURSOR) : A_BOLD, y, 0, g.label_w - 1,
		         name_cell(app, name, sizeof(name), fs, a, g.label_w - 1));
		for (int j = 0; j < g.ncols; j++)
			corr_cell(app, st, w, y, g.label_w + j * CELL_W, fs, a, st->cleft + j);
	}
	if (st->ctop + g.nrows < fs->nf)
		gt_draw_clipped(w, g.y + g.nrows, g.label_w - 1, 1, "v");
	corr_focus(st, w, g.y + 1 + g.nrows, fs);
	corr_legend(app, w, g.y + 3 + g.nrows);
}

/* ---- two genres */

/* "true Rap predicted Hip-Hop: 288 of 812 test rows (35%); 95 listed as
 * both" (tracks the file lists under both genres) */
static void pair_confusion(const gt_app *app, WINDOW *w, int y, int a, int b)
{
	const gt_session *s = &app->session;
	long n = GT_CM(&s->cm_test, a, b), total = gt_cv_row_total(&s->cm_test, a);
	char line[320], both[128] = "";

	if (s->evaluated)
		snprintf(both, sizeof(both), "; %ld listed as both", GT_CM(&s->fusion_cells_test, a, b));
	snprintf(line, sizeof(line), "true %s predicted %s: %ld of %ld test rows (%d%%)%s",
	         gt_genre_name(genres(app), a), gt_genre_name(genres(app), b), n, total,
	         gt_cv_percent(n, total), both);
	gt_draw_clipped(w, y, 0, getmaxx(w), line);
}

static void pair_title(const gt_app *app, const feat_state *st, WINDOW *w)
{
	char line[256];

	snprintf(line, sizeof(line), "%s (a) vs %s (b): ranked by %s, training rows",
	         gt_genre_name(genres(app), st->ga), gt_genre_name(genres(app), st->gb),
	         st->rank == GT_RANK_D ? "|Cohen's d| (s: KS)" : "the KS statistic (s: Cohen's d)");
	gt_draw_clipped_attr(w, A_BOLD, 1, 0, getmaxx(w), line);
	if (have_matrix(app)) {
		pair_confusion(app, w, 2, st->ga, st->gb);
		pair_confusion(app, w, 3, st->gb, st->ga);
		return;
	}
	if (app->training)
		snprintf(line, sizeof(line), "A run is training (epoch %d of %d): the test rows it gives "
		         "to the other genre are counted once its first epoch ends.",
		         app->session.trainer.epoch + 1, app->session.trainer.hp.epochs);
	else
		snprintf(line, sizeof(line), "No model yet: train one (3, t) to count the test rows it "
		         "gives to the other genre.");
	gt_draw_clipped_attr(w, A_DIM, 2, 0, getmaxx(w), line);
}

static double effect_key(const gt_effect *e, gt_effect_rank by)
{
	return by == GT_RANK_D ? fabs(e->d) : e->ks;
}

static void pair_list(const gt_app *app, const feat_state *st, WINDOW *w, const pair_geom *g,
                      const gt_featstats *fs)
{
	double top = 0;
	char line[128], name[160], bar[256];

	for (int i = 0; i < fs->nf; i++)
		top = effect_key(&st->eff[i], st->rank) > top ? effect_key(&st->eff[i], st->rank) : top;
	snprintf(line, sizeof(line), " %-*s %6s %5s", NAME_W, "feature", "d", "KS");
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), g->list_y, 0, g->list_w, line);
	for (int i = 0; i < g->list_rows && st->plist_top + i < fs->nf; i++) {
		const gt_effect *e = &st->eff[st->plist_top + i];
		int y = g->list_y + 1 + i, cur = e->feature == st->pfeature;
		char d[16], ks[16];

		if (isnan(e->d))
			snprintf(d, sizeof(d), "%6s", "-");
		else
			snprintf(d, sizeof(d), "%+6.2f", e->d == 0 ? 0.0 : e->d);
		fmt_stat(ks, sizeof(ks), e->ks, 5, 2);
		gt_draw_clipped(w, y, 0, 1, cur ? ">" : " ");
		gt_draw_clipped_attr(w, cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL, y, 1, NAME_W,
		         name_cell(app, name, sizeof(name), fs, e->feature, NAME_W));
		snprintf(line, sizeof(line), " %s %s", d, ks);
		gt_draw_clipped(w, y, 1 + NAME_W, g->list_w, line);
		if (g->bar_w && top > 0 && !isnan(effect_key(e, st->rank))) {
			gt_fmt_bar(bar, sizeof(bar), effect_key(e, st->rank) / top, g->bar_w, app->utf8);
			gt_draw_clipped_attr(w, gt_attr(app, GT_C_TRAIN), y, g->list_w - g->bar_w, g->bar_w, bar);
		}
	}
}

/* Genre c's histogram on sc as shares of its rows (per whole value for a
 * whole-numbered feature), against peak. */
static void share_histogram(const gt_app *app, WINDOW *w, int y, const pair_geom *g,
                            const gt_featstats *fs, int f, int c, const gt_fv_scale *sc,
                            int whole, double peak)
{
	double v[MAX_PLOT];

	column_rows(fs, f, c, sc, whole, v);
	genre_label(app, w, y, g->x, A_NORMAL, c);
	bars_of(app, w, y + g->hist_rows - 1, g->plot_x, v, sc->width,
	        peak * (double)fs->feat[f].genre[c].n, g->hist_rows);
}

/* The largest share of a column of genre c's histogram on sc. */
static double share_peak(const gt_featstats *fs, int f, int c, const gt_fv_scale *sc, int whole)
{
	double v[MAX_PLOT], most = column_rows(fs, f, c, sc, whole, v);
	size_t n = fs->feat[f].genre[c].n;

	return n ? most / (double)n : 0;
}

/* "median 0.21 / 0.18   mean 0.25 / 0.20" of the two genres. */
static void pair_summary(WINDOW *w, int y, int x, const gt_featstats *fs, int f, int a, int b)
{
	const gt_summary *sa = &fs->feat[f].genre[a], *sb = &fs->feat[f].genre[b];
	char ma[32], mb[32], ea[32], eb[32], line[200];

	snprintf(line, sizeof(line), "median %s / %s   mean %s / %s   (a / b)",
	         gt_fv_value(ma, sizeof(ma), sa->median), gt_fv_value(mb, sizeof(mb), sb->median),
	         gt_fv_value(ea, sizeof(ea), sa->mean), gt_fv_value(eb, sizeof(eb), sb->mean));
	gt_draw_clipped(w, y, x, getmaxx(w) - x, line);
}

static void pair_boxes(const gt_app *app, const feat_state *st, WINDOW *w, const pair_geom *g,
                       const gt_featstats *fs, int f)
{
	int whole = gt_fv_integral(fs, f);
	gt_fv_box ba, bb;
	gt_fv_scale sc;
	double peak;
	int y = g->list_y + 1;

	gt_fv_box_of(&ba, fs, f, st->ga, st->rule);
	gt_fv_box_of(&bb, fs, f, st->gb, st->rule);
	sc = gt_fv_scale_fit(fmin(ba.n ? ba.wlo : bb.wlo, bb.n ? bb.wlo : ba.wlo),
	                     fmax(ba.n ? ba.whi : bb.whi, bb.n ? bb.whi : ba.whi), g->plot_w, whole);
	genre_label(app, w, y, g->x, A_BOLD, st->ga);
	box_line(app, st, w, y++, g->plot_x, fs, f, st->ga, &sc);
	genre_label(app, w, y, g->x, A_BOLD, st->gb);
	box_line(app, st, w, y++, g->plot_x, fs, f, st->gb, &sc);
	peak = fmax(share_peak(fs, f, st->ga, &sc, whole), share_peak(fs, f, st->gb, &sc, whole));
	share_histogram(app, w, y, g, fs, f, st->ga, &sc, whole, peak);
	y += g->hist_rows;
	share_histogram(app, w, y, g, fs, f, st->gb, &sc, whole, peak);
	y += g->hist_rows;
	gt_draw_clipped_attr(w, A_DIM, y, g->x, LABEL_W, gt_fv_unit(fs->names[f]));
	axis(w, y++, g->plot_x, &sc, whole);
	pair_summary(w, y, g->x, fs, f, st->ga, st->gb);
}

static void pair_levels(const gt_app *app, const feat_state *st, WINDOW *w, const pair_geom *g,
                        const gt_featstats *fs, int f)
{
	const gt_featdist *d = &fs->feat[f];
	int cw = level_width(g->plot_w, d->nbins), y = g->list_y + 1;
	double peak = level_peak(d, fs->k);

	genre_label(app, w, y, g->x, A_BOLD, st->ga);
	level_line(app, w, y++, g->plot_x, d->hist[st->ga], d->nbins, d->genre[st->ga].n, peak, cw);
	genre_label(app, w, y, g->x, A_BOLD, st->gb);
	level_line(app, w, y++, g->plot_x, d->hist[st->gb], d->nbins, d->genre[st->gb].n, peak, cw);
	level_axis(app, w, y++, g->plot_x, f, d->nbins, cw);
	gt_draw_clipped_attr(w, A_DIM, y, g->x, getmaxx(w) - g->x, "% of each genre's rows at each level");
}

static void draw_pair(const gt_app *app, const feat_state *st, WINDOW *w,
                      const gt_featstats *fs, int height, int width)
{
	pair_geom g = pair_geometry(height, width);
	int f = st->pfeature;

	pair_title(app, st, w);
	if (fs->k < 2) {
		gt_draw_clipped(w, g.list_y, 0, width, "The file has one genre: nothing to compare.");
		return;
	}
	pair_list(app, st, w, &g, fs);
	if (!g.plot_w)
		return;
	feature_title(app, w, g.list_y, g.x, width - g.x, fs, f);
	if (fs->feat[f].levels)
		pair_levels(app, st, w, &g, fs, f);
	else
		pair_boxes(app, st, w, &g, fs, f);
}

/* ---- the pane */

static void features_draw(const gt_app *app, const void *state, WINDOW *w)
{
	const feat_state *st = state;
	const gt_featstats *fs = stats(app);
	int height = getmaxy(w), width = getmaxx(w);

	werase(w);
	if (!fs || st->nf == 0) {
		gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 1, 2, width - 2, "Features: no statistics");
		gt_draw_clipped(w, 3, 2, width - 2, st->err[0] ? st->err : "The training rows are not described yet.");
		return;
	}
	draw_header(app, st, w, fs);
	if (st->view == VIEW_CORR)
		draw_corr(app, st, w, fs, height, width);
	else if (st->view == VIEW_PAIR)
		draw_pair(app, st, w, fs, height, width);
	else
		draw_dist(app, st, w, fs, height, width);
}

/* The two genres apart and ranked; the chosen feature among them. */
static void fit_pair(feat_state *st, const gt_featstats *fs, int height, int width)
{
	pair_geom g = pair_geometry(height, width);
	gt_error err = { 0 };
	int pos = 0;

	st->ga = clamp(st->ga, 0, fs->k - 1);
	st->gb = clamp(st->gb, 0, fs->k - 1);
	if (fs->k < 2)
		return;
	if (st->ga == st->gb)
		st->gb = (st->ga + 1) % fs->k;
	gt_featstats_compare(fs, st->ga, st->gb, st->rank, st->eff, &err);
	for (int i = 0; i < fs->nf; i++)
		if (st->eff[i].feature == st->pfeature)
			pos = i;
	st->pfeature = st->eff[pos].feature;
	st->plist_top = gt_cv_scroll(st->plist_top, g.list_rows, pos, fs->nf);
}

static void fit_corr(feat_state *st, const gt_featstats *fs, int height, int width)
{
	corr_geom g = corr_geometry(fs->nf, height, width);
	uint64_t h = (uint64_t)fs->nf;

	for (int f = 0; f < fs->nf; f++)
		h = gt_hash_text(h, fs->names[f]);
	if (h != st->heads_of && gt_fv_headings(fs, st->heads) == 0)
		st->heads_of = h;

	st->cr = gt_cv_clamp_move(st->cr, 0, fs->nf);
	st->cc = gt_cv_clamp_move(st->cc, 0, fs->nf);
	st->ctop = gt_cv_scroll(st->ctop, g.nrows, st->cr, fs->nf);
	st->cleft = gt_cv_scroll(st->cleft, g.ncols, st->cc, fs->nf);
}

static void fit_dist(const gt_app *app, feat_state *st, const gt_featstats *fs, int height,
                     int width)
{
	dist_geom g = dist_geometry(app, st, height, width);

	st->page = g.genre_rows;
	st->first_genre = clamp(st->first_genre, 0, fs->k - g.genre_rows);
	st->list_top = gt_cv_scroll(st->list_top, g.list_rows,
	                            gt_fv_position(st->order, fs->nf, st->feature), fs->nf);
}

/* Fetch the statistics (made by the session the first time) and fit every
 * cursor and scroll position to them and to the window. */
static void features_layout(gt_app *app, void *state, int height, int width)
{
	feat_state *st = state;
	gt_error err = { 0 };
	const gt_featstats *fs = gt_session_featstats(&app->session, &err);

	st->nf = 0;
	if (!fs) {
		snprintf(st->err, sizeof(st->err), "%s", err.msg);
		return;
	}
	st->err[0] = '\0';
	st->nf = fs->nf;
	st->feature = clamp(st->feature, 0, fs->nf - 1);
	gt_fv_order(fs, importance(app), st->sort, st->order);
	fit_dist(app, st, fs, height, width);
	fit_corr(st, fs, height, width);
	fit_pair(st, fs, height, width);
}

/* ---- keys */

/* Permutation importance, asked for here and computed at the next tick
 * (so that the message is drawn first). */
static void ask_importance(gt_app *app, feat_state *st)
{
	char n[32];

	if (!app->session.running) {
		gt_app_message(app, 0, "Importance needs a model: press 3, then t to train one.");
		return;
	}
	if (!app->session.evaluated) {
		gt_app_message(app, 0, "Importance is measured on a finished model: wait for the run "
		               "to end (or s in Train stops it).");
		return;
	}
	st->imp_pending = 1;
	gt_app_message(app, 0, "Permutation importance: shuffling each feature of the %s test rows "
	               "%d times ...", gt_fmt_count(n, sizeof(n), app->session.pipe.test.n),
	               GT_IMP_REPEATS);
}

static void run_importance(gt_app *app, feat_state *st)
{
	gt_importance_opts o;
	gt_error err = { 0 };
	const gt_importance *imp = &app->session.importance;

	st->imp_pending = 0;
	gt_importance_defaults(&o);
	o.seed = app->session.trainer.hp.seed;    /* as --batch --importance does */
	o.threads = app->session.pipe.threads >= 2 ? 2 : 1;
	if (gt_session_importance(&app->session, &o, &err) != GT_OK) {
		gt_app_message(app, 1, "Importance: %s", err.msg);
		return;
	}
	st->sort = GT_FV_BY_IMPORTANCE;
	gt_app_message(app, 0, "Importance: %d shuffles per feature (seed %u) in %.2f s; test "
	               "accuracy %.4f unshuffled", imp->repeats, imp->seed, imp->seconds, imp->baseline);
}

/* Move the list cursor by delta places in the list's order. */
static void move_feature(feat_state *st, int delta)
{
	int pos = gt_fv_position(st->order, st->nf, st->feature) + delta;

	st->feature = st->order[clamp(pos, 0, st->nf - 1)];
}

static void move_pfeature(feat_state *st, int delta)
{
	int pos = 0;

	for (int i = 0; i < st->nf; i++)
		if (st->eff[i].feature == st->pfeature)
			pos = i;
	st->pfeature = st->eff[clamp(pos + delta, 0, st->nf - 1)].feature;
}

static int is_up(int ch) { return ch == 'k' || ch == KEY_UP; }
static int is_down(int ch) { return ch == 'j' || ch == KEY_DOWN; }
/* A move by one (j k), or to the first or the last (g G), as in Browse. */
static int step_of(int ch, int n)
{
	if (ch == 'g' || ch == KEY_HOME || ch == 'G' || ch == KEY_END)
		return ch == 'g' || ch == KEY_HOME ? -n : n;
	return is_up(ch) ? -1 : is_down(ch) ? 1 : 0;
}

static int dist_key(feat_state *st, int ch)
{
	if (step_of(ch, st->nf))
		move_feature(st, step_of(ch, st->nf));
	else if (ch == 'J' || ch == 'K')
		st->first_genre += ch == 'J' ? 1 : -1;      /* (clamped by the layout) */
	else if (ch == KEY_NPAGE || ch == KEY_PPAGE)
		st->first_genre += (ch == KEY_NPAGE ? 1 : -1) * (st->page > 1 ? st->page - 1 : 1);
	else
		return 0;
	return 1;
}

static int corr_key(feat_state *st, int ch)
{
	if (step_of(ch, st->nf))
		st->cr = gt_cv_clamp_move(st->cr, step_of(ch, st->nf), st->nf);
	else if (ch == 'h' || ch == KEY_LEFT)
		st->cc = gt_cv_clamp_move(st->cc, -1, st->nf);
	else if (ch == 'l' || ch == KEY_RIGHT)
		st->cc = gt_cv_clamp_move(st->cc, 1, st->nf);
	else
		return 0;
	return 1;
}

/* Genre g moved by delta, skipping other (the two stay apart). */
static int next_genre(int g, int delta, int other, int k)
{
	if (k < 2)
		return g;
	g = ((g + delta) % k + k) % k;
	return g == other ? ((g + delta) % k + k) % k : g;
}

static int pair_key(const gt_app *app, feat_state *st, int ch)
{
	int k = genres(app)->k;

	if (step_of(ch, st->nf))
		move_pfeature(st, step_of(ch, st->nf));
	else if (ch == 'a' || ch == 'A')
		st->ga = next_genre(st->ga, ch == 'a' ? 1 : -1, st->gb, k);
	else if (ch == 'b' || ch == 'B')
		st->gb = next_genre(st->gb, ch == 'b' ? 1 : -1, st->ga, k);
	else if (ch == 's' || ch == 'S')   /* the list shown is sorted by s, as elsewhere */
		st->rank = st->rank == GT_RANK_D ? GT_RANK_KS : GT_RANK_D;
	else
		return 0;
	return 1;
}

/* The next (delta 1) or previous (-1) view, as Confusion's v and V. */
static void step_view(feat_state *st, int delta)
{
	st->view = (st->view + delta + NVIEWS) % NVIEWS;
	if (st->view == VIEW_PAIR)
		st->pfeature = -1;       /* the layout picks the first of the ranking */
}

/* The list's order and the two genres' ranking as they are now (a key may
 * come before the layout has run since the last one changed them). */
static void refresh_lists(gt_app *app, feat_state *st)
{
	const gt_featstats *fs = stats(app);
	gt_error err = { 0 };

	if (!fs)
		return;
	gt_fv_order(fs, importance(app), st->sort, st->order);
	if (fs->k >= 2 && st->ga != st->gb && st->ga < fs->k && st->gb < fs->k)
		gt_featstats_compare(fs, st->ga, st->gb, st->rank, st->eff, &err);
}

static int features_key(gt_app *app, void *state, int ch)
{
	feat_state *st = state;

	if (st->nf == 0)
		return 0;
	refresh_lists(app, st);
	if (ch == 'v' || ch == 'V')
		step_view(st, ch == 'v' ? 1 : -1);
	else if (ch == 27)
		st->view = VIEW_DIST;
	else if (ch == 'i')
		ask_importance(app, st);
	else if ((ch == 's' || ch == 'S') && st->view != VIEW_PAIR)
		st->sort = (gt_fv_sort)((st->sort + (ch == 's' ? 1 : GT_FV_NSORTS - 1)) % GT_FV_NSORTS);
	else if (ch == 'm')
		st->rule = st->rule == GT_FV_TUKEY ? GT_FV_MINMAX : GT_FV_TUKEY;
	else if (st->view == VIEW_CORR)
		return corr_key(st, ch);
	else if (st->view == VIEW_PAIR)
		return pair_key(app, st, ch);
	else
		return dist_key(st, ch);
	return 1;
}

/* Take the app's request to compare two genres (a Confusion cell). */
static int take_request(gt_app *app, feat_state *st)
{
	gt_pair_request *r = &app->compare;

	if (!r->pending)
		return 0;
	r->pending = 0;
	st->ga = r->a;
	st->gb = r->b;
	st->view = VIEW_PAIR;
	st->pfeature = -1;
	return 1;
}

static int features_tick(gt_app *app, void *state, double budget)
{
	feat_state *st = state;
	int changed = take_request(app, st);

	(void)budget;
	gt_session_featstats_prefetch(&app->session);   /* ready before the pane is */
	if (st->imp_pending) {
		run_importance(app, st);
		changed = 1;
	}
	return changed ? 2 : 0;
}

static void *features_init(gt_app *app)
{
	feat_state *st = calloc(1, sizeof(*st));

	(void)app;
	if (st) {
		st->gb = 1;
		st->cc = 1;
		st->pfeature = -1;
	}
	return st;
}

const gt_pane gt_features_pane = {
	.title = "Features",
	.hint = "j/k feature  s sort  i importance  v/V views  m whiskers",
	.help = features_help,
	.init = features_init,
	.free = free,
	.tick = features_tick,
	.layout = features_layout,
	.draw = features_draw,
	.key = features_key,
};
