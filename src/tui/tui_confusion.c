/* tui_confusion.c: the Confusion pane: the test (or training) confusion
 * matrix as a heat map with a cursor, the classification report, the most
 * confused pairs, and Enter to list a cell's rows in Browse. Drawing and
 * keys only; figures and texts come from confusion_view.c.
 *
 * Layout, top to bottom: a header (set, size, view), the matrix (column
 * headings, then one row per true genre), the focused cell in words; then,
 * beside the matrix when the terminal is wide enough and below it otherwise,
 * the report (full when there is room, else the focused genre's line and
 * the averages), the most-confused pairs and a legend of the shades.
 *
 * When the genres do not fit as numbered cells (more than the study's ten,
 * on a terminal too small for them all), or after m, the matrix is a heat
 * map instead: one character per cell by its share of the row, the genres'
 * names down the side, a viewport that scrolls with the cursor, the cell
 * under it in words, and beside or below it the classification report
 * (sorted, scrolling) and the most-confused pairs (confusion_view.h's
 * gt_heatmap).
 *
 * Enter on a cell lists its rows instead (the drill-down): each row's file
 * line, the genre predicted and the probability the model gave it, the
 * true genre's probability, artist and track, in file order or by
 * confidence (the confident mistakes first). */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/confusion_view.h"
#include "genretui/rowpred.h"
#include "genretui/textfmt.h"
#include "genretui/track_genres.h"
#include "genretui/tui_ask.h"

#define REPORT_W 61     /* 12-cell name + four 10-cell columns + " hardest" */
#define REPORT_H(k) ((k) + 5)   /* heading, k genres, blank, 3 summary rows */
#define NPAIRS 5
#define SIDE_GAP 3

static const char *const confusion_help[] = {
	"arrows, hjkl\tmove the cursor (row = true genre, column = predicted)",
	"v / V\tnext / previous view: counts, recall (row %), precision",
	"d\tthe data shown: the test rows or the training rows",
	"n\tcursor to the next of the most-confused pairs",
	"o\tgenres in the file's order / confused pairs side by side",
	"\t(heat map: by name / grouped by confusion)",
	"m\theat map (a character per cell: ' .:-=+*#%@' by the share of the",
	"\ttrue genre's rows) / numbered matrix; the heat map is shown",
	"\tby itself when the genres do not fit as numbers",
	"PgDn PgUp\theat map: a page of rows down / up",
	"g G Home End\theat map: first / last row (^ $: first / last column)",
	"s / S\theat map: sort the report by F1, support, genre / back",
	"J K\theat map: scroll the report",
	"Enter\tlist the rows of the focused cell: line, predicted genre",
	"\tand its probability, the true genre's, artist, track",
	"  o\t  in the list: file order / most / least confident first",
	"  Enter\t  in the list: these rows in Browse",
	"  Esc\t  in the list: back to the matrix",
	"f\tcompare the cell's true and predicted genres in Features",
	"x\texport epochs.csv, predictions.csv, confusion_*.csv,",
	"\treport.json into --export DIR, else genretui-export/ (asks",
	"\tfor the folder, and before replacing a run's files)",
	NULL
};

/* The widest heading of the drill-down's true-genre probability,
 * "p(singer-songwriter)": the rows' figures are as wide. */
#define PTRUE_MAX 20

/* The rows of one cell, listed (the drill-down). */
typedef struct {
	int open;
	int t, p;                      /* the cell */
	char set[8];                   /* "test" or "train" */
	gt_rp_order order;
	gt_rowpred prob;               /* the set's probabilities when opened */
	gt_rowpred_item *items;        /* [n] the cell's rows, in order */
	size_t n, cur, top;            /* cursor and first row shown */
	double stamp[3];               /* what the model was (see model_stamp) */
} cell_list;

/* The pane's state. */
typedef struct {
	int t, p;            /* cursor: true genre (row), predicted genre (column) */
	gt_cv_view view;
	int train;           /* showing the training rows, not the test rows */
	int top, left;       /* first matrix row / column drawn when not all fit */
	int grouped;         /* o: genres ordered so that confused pairs sit side by side */
	int mode;            /* m: 0 the heat map when the numbers do not fit, 1 the heat
	                        map, 2 the numbered matrix */
	int mapped;          /* the last layout showed the heat map */
	gt_heatmap hm;       /* the heat map's order, totals and viewport */
	gt_report_sort rsort;   /* s: the heat map's report order */
	int rtop;            /* J/K: its first row shown */
	gt_ask ask;          /* x's folder, being asked */
	cell_list list;
} cv_state;

/* One set's figures and rows, as shown. */
typedef struct {
	const char *name;              /* "test" or "train" */
	const gt_confusion *cm;
	const gt_report *rep;
	const int *truth, *pred;       /* [n] true and predicted class */
	const uint32_t *rows;          /* [n] dataset row of each sample */
	size_t n;
	const gt_confusion *fusion;    /* errors a multi-genre track explains, or NULL */
	double top2, fusion_acc;       /* top-2 and fusion-aware accuracy; NaN if unknown */
} shown_set;

/* The matrix as laid out: where, how wide, which part, with what text. */
typedef struct {
	int y;                         /* row of the column headings */
	int k;                         /* classes */
	int label_w, cell_w;           /* row-label column and one cell, in cells */
	int nrows, ncols;              /* matrix rows / columns drawn */
	int ord[GT_MAX_CLASSES];       /* class shown at each position */
	int pos[GT_MAX_CLASSES];       /* position of each class */
} grid;

/* The file's genres: names and column headings. */
static const gt_genres *genres(const gt_app *app)
{
	return &app->session.pipe.clean.genres;
}

/* Cells of the genre names in the report: the longest name, at least 12
 * (the study's), at most 20. */
static int name_w(const gt_app *app)
{
	const gt_genres *g = genres(app);
	int w = 12;

	for (int c = 0; c < g->k; c++)
		w = gt_text_width(g->name[c]) > w ? gt_text_width(g->name[c]) : w;
	return w < 20 ? w : 20;
}

/* Does the file name its tracks (artist and title), so that fusion-aware
 * accuracy means something? */
static int names_tracks(const gt_app *app)
{
	const gt_dataset *ds = &app->session.pipe.ds;

	return ds->field[GT_COL_ARTIST] >= 0 && ds->field[GT_COL_TRACK] >= 0;
}

/* Only the test rows are evaluated at each epoch end while a run goes on;
 * the training rows are evaluated when it finishes or is stopped. */
static int live(const gt_app *app)
{
	return !app->session.evaluated && app->session.running && app->session.test_epoch > 0;
}

/* The runs table's entry shown instead of the session's model, or NULL. */
static const gt_runlog_entry *shown_entry(const gt_app *app)
{
	const gt_runlog_entry *e = app->shown_run > 0 && app->shown_run <= app->runs.n
	                         ? &app->runs.run[app->shown_run - 1] : NULL;

	return e && e->fig ? e : NULL;
}

static shown_set set_of(const gt_app *app, const cv_state *cv);

static shown_set current_set(const gt_app *app, const cv_state *cv)
{
	shown_set set = set_of(app, cv);

	if (!names_tracks(app)) {
		set.fusion = NULL;
		set.fusion_acc = NAN;
	}
	return set;
}

static shown_set set_of(const gt_app *app, const cv_state *cv)
{
	const gt_session *s = &app->session;
	const gt_runlog_entry *e = shown_entry(app);

	if (e && cv->train)      /* a past run: its figures, not its rows */
		return (shown_set){ "train", &e->fig->cm_train, &e->fig->rep_train, NULL, NULL, NULL,
		                    0, NULL, NAN, NAN };
	if (e && app->replay && app->replay_cm_epoch)   /* a replay: the matrix after that epoch */
		return (shown_set){ "test", &app->replay_cm, &app->replay_rep, NULL, NULL, NULL,
		                    0, NULL, NAN, NAN };
	if (e)
		return (shown_set){ "test", &e->fig->cm_test, &e->fig->rep_test, NULL, NULL, NULL,
		                    0, NULL, e->top2, e->fusion };

	if (cv->train && s->evaluated)
		return (shown_set){ "train", &s->cm_train, &s->rep_train, s->pipe.train.y,
		                    s->pred_train, s->pipe.train_row, s->pipe.train.n,
		                    NULL, s->top2_train, s->fusion_train };
	return (shown_set){ "test", &s->cm_test, &s->rep_test, s->pipe.test.y,
	                    s->pred_test, s->pipe.test_row, s->pipe.test.n,
	                    s->evaluated ? &s->fusion_cells_test : NULL,
	                    s->evaluated ? s->top2_test : NAN, s->evaluated ? s->fusion_test : NAN };
}

/* ---- before a model exists ---- */

static void draw_no_model(const gt_app *app, WINDOW *w)
{
	static const char *const about[] = {
		"test rows (rows = true genre, columns = predicted), the classification",
		"report and the most-confused pairs (in the study: Rap and Hip-Hop), and",
		"lists the rows of any cell in Browse.",
		NULL
	};
	const gt_trainer *tr = &app->session.trainer;
	int width = getmaxx(w) - 2, k = genres(app)->k;
	char line[160];

	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 1, 2, width, "Confusion: where the model goes wrong");
	if (app->session.running && !gt_trainer_finished(tr))
		snprintf(line, sizeof(line), "Training: epoch %d of %d. The test matrix appears after "
		         "the first epoch.", tr->epoch + 1, tr->hp.epochs);
	else
		snprintf(line, sizeof(line), "No model yet. Press 3 for the Train pane, then t to train.");
	gt_draw_clipped_attr(w, A_BOLD, 3, 2, width, line);
	snprintf(line, sizeof(line), "When a model is trained, this pane shows the %dx%d confusion "
	         "matrix of the", k, k);
	gt_draw_clipped(w, 5, 2, width, line);
	for (int i = 0; about[i]; i++)
		gt_draw_clipped(w, 6 + i, 2, width, about[i]);
}

/* ---- header ---- */

/* Cells taken by the three view names with brackets and separators. */
static int views_width(void)
{
	int n = 2 + 3 * (GT_CV_NVIEWS - 1);

	for (int v = 0; v < GT_CV_NVIEWS; v++)
		n += (int)strlen(gt_cv_view_name((gt_cv_view)v));
	return n;
}

/* Which model the figures describe, when it is not a finished run:
 * " after epoch 2 of 15 (training)" or " (stopped after epoch 4 of 15)". */
static void run_note(const gt_app *app, char *buf, size_t n)
{
	const gt_session *s = &app->session;
	const gt_runlog_entry *e = shown_entry(app);
	int total = s->trainer.hp.epochs;

	buf[0] = '\0';
	if (e && app->replay && app->replay_cm_epoch == app->replay)
		snprintf(buf, n, " after epoch %d of run %d (replay)", app->replay, app->shown_run);
	else if (e && app->replay && app->replay_cm_epoch)
		snprintf(buf, n, " after epoch %d of run %d (replay at %d; kept every %d epochs)",
		         app->replay_cm_epoch, app->shown_run, app->replay, e->cm_step);
	else if (e && app->replay && e->epoch_cm)
		snprintf(buf, n, " of run %d's model (replay at %d; matrices kept from epoch %d)",
		         app->shown_run, app->replay, gt_runlog_point_epoch(0, e->cm_step, e->n));
	else if (e)
		snprintf(buf, n, " of run %d of the runs table (r in pane 3)",
		         app->shown_run);
	else if (live(app))
		snprintf(buf, n, " after epoch %d of %d (training)", s->test_epoch, total);
	else if (s->running && s->test_epoch < total)
		snprintf(buf, n, " (stopped after epoch %d of %d)", s->test_epoch, total);
}

/* "test set, 8,112 rows  view: [counts] | recall (row %) | precision (column %)";
 * only the current view when the line does not fit. */
static void draw_header(const gt_app *app, const cv_state *cv, WINDOW *w, const shown_set *set)
{
	char line[192], n[32], note[96];
	int width = getmaxx(w), x, all;

	run_note(app, note, sizeof(note));
	snprintf(line, sizeof(line), "%s set, %s rows%s", set->name,
	         gt_fmt_count(n, sizeof(n), set->truth ? set->n : (size_t)set->rep->total), note);
	x = gt_draw_clipped_attr(w, gt_attr(app, cv->train ? GT_C_TRAIN : GT_C_TEST) | A_BOLD, 0, 0, width, line) + 2;
	x += gt_draw_clipped(w, 0, x, width - x, "view: ");
	all = x + views_width() <= width;
	for (int v = 0; v < GT_CV_NVIEWS; v++) {
		int cur = (gt_cv_view)v == cv->view;

		if (!all && !cur)
			continue;
		if (all && v)
			x += gt_draw_clipped(w, 0, x, width - x, " | ");
		snprintf(line, sizeof(line), cur ? "[%s]" : "%s", gt_cv_view_name((gt_cv_view)v));
		x += gt_draw_clipped_attr(w, cur ? gt_attr(app, GT_C_HEADER) : A_NORMAL, 0, x, width - x, line);
	}
}

/* ---- the matrix ---- */

/* A cell's number in the current view: its count, or a whole percentage. */
static int cell_text(const cv_state *cv, const gt_confusion *cm, int t, int p, char *buf,
                     size_t n)
{
	if (cv->view == GT_CV_COUNTS)
		return snprintf(buf, n, "%ld", GT_CM(cm, t, p));
	return snprintf(buf, n, "%.0f", 100.0 * gt_cv_heat_fraction(cm, cv->view, t, p));
}

/* The longest cell number in the current view. */
static int longest_text(const cv_state *cv, const grid *g, const gt_confusion *cm)
{
	char buf[32];
	int longest = 1;

	for (int t = 0; t < g->k; t++)
		for (int p = 0; p < g->k; p++) {
			int len = cell_text(cv, cm, t, p, buf, sizeof(buf));

			if (len > longest)
				longest = len;
		}
	return longest;
}

/* The order genres are shown in: the file's, or confused pairs side by
 * side; and each class's position in it. */
static void display_order(const cv_state *cv, const gt_confusion *cm, int ord[GT_MAX_CLASSES],
                          int pos[GT_MAX_CLASSES])
{
	int k = gt_cv_classes(cm);

	for (int i = 0; i < k; i++)
		ord[i] = i;
	if (cv->grouped)
		gt_cv_confused_order(cm, ord);
	for (int i = 0; i < k; i++)
		pos[ord[i]] = i;
}

/* A cell is its number with a marker place either side ("[675]" on the
 * diagonal), at least 5 cells so the 4-letter headings stay apart. Full
 * genre names label the rows when the whole matrix fits with them. */
static void plan_grid(const cv_state *cv, grid *g, const gt_confusion *cm, int width, int height)
{
	int longest;

	memset(g, 0, sizeof(*g));
	g->y = 1;
	g->k = gt_cv_classes(cm);
	display_order(cv, cm, g->ord, g->pos);
	longest = longest_text(cv, g, cm);
	g->cell_w = longest + 2 < 5 ? 5 : longest + 2;
	/* the longest name, a column for a scroll mark, a space */
	g->label_w = 13 + g->k * g->cell_w <= width ? 13 : 6;
	g->ncols = (width - g->label_w) / g->cell_w;
	g->ncols = g->ncols < 1 ? 1 : g->ncols > g->k ? g->k : g->ncols;
	g->nrows = height - 3;         /* header, column headings, focus line */
	g->nrows = g->nrows < 1 ? 1 : g->nrows > g->k ? g->k : g->nrows;
}

/* What identifies the model the list was made from: a new epoch, a new
 * evaluation or a new run changes one of these. */
static void model_stamp(const gt_app *app, double out[3])
{
	const gt_session *s = &app->session;

	out[0] = s->test_epoch + 1e6 * s->evaluated;
	out[1] = s->train_s;
	out[2] = (double)s->trainer.epoch + 1e6 * s->running;
}

static void close_list(cell_list *l)
{
	gt_rowpred_free(&l->prob);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* Rows shown at once in a window of height h: heading and column line. */
static size_t list_rows(int h)
{
	return h > 3 ? (size_t)(h - 3) : 1;
}

static int use_map(const cv_state *cv, const gt_confusion *cm, int width, int height);
static void map_layout(cv_state *cv, const gt_report *rep, const gt_confusion *cm, int width,
                       int height);

/* The cursor kept on the matrix, and the matrix scrolled to show it. */
static void confusion_layout(gt_app *app, void *state, int height, int width)
{
	cv_state *cv = state;
	shown_set set = current_set(app, cv);
	grid g;

	if (cv->list.open) {
		double now[3];

		model_stamp(app, now);
		if (memcmp(now, cv->list.stamp, sizeof(now)) != 0)   /* another model: stale */
			close_list(&cv->list);
		else
			cv->list.top = (size_t)gt_cv_scroll((int)cv->list.top, (int)list_rows(height),
			                                    (int)cv->list.cur, (int)cv->list.n);
	}
	if (!app->session.evaluated && !live(app))
		return;
	cv->mapped = use_map(cv, set.cm, width, height);
	if (cv->mapped) {
		map_layout(cv, set.rep, set.cm, width, height);
		return;
	}
	plan_grid(cv, &g, set.cm, width, height);
	cv->t = gt_cv_clamp_move(cv->t, 0, g.k);
	cv->p = gt_cv_clamp_move(cv->p, 0, g.k);
	cv->top = gt_cv_scroll(cv->top, g.nrows, g.pos[cv->t], g.k);
	cv->left = gt_cv_scroll(cv->left, g.ncols, g.pos[cv->p], g.k);
}

static int grid_width(const grid *g)
{
	return g->label_w + g->ncols * g->cell_w;
}

static gt_color_role heat_role(int level)
{
	return (gt_color_role)(GT_C_HEAT0 + level);
}

static gt_color_role shade_role(gt_cv_shade s)
{
	return s.correct ? (gt_color_role)(GT_C_OK0 + s.level) : heat_role(s.level);
}

/* Column headings, right-aligned over the numbers; arrows when columns
 * are scrolled out of sight. */
static void draw_headings(const gt_app *app, const cv_state *cv, WINDOW *w, const grid *g)
{
	char s[32];
	int x = g->label_w;

	gt_draw_clipped_attr(w, A_DIM, g->y, 0, g->label_w - 2, g->label_w >= 12 ? "true\\pred" : "t\\p");
	if (cv->left > 0)
		gt_draw_clipped(w, g->y, g->label_w - 1, 1, app->utf8 ? "\u2190" : "<");
	for (int j = 0; j < g->ncols; j++, x += g->cell_w) {
		int p = g->ord[cv->left + j];

		snprintf(s, sizeof(s), "%*s ", g->cell_w - 1, genres(app)->abbr[p]);
		gt_draw_clipped_attr(w, p == cv->p ? gt_attr(app, GT_C_CURSOR) : gt_attr(app, GT_C_HEADER),
		         g->y, x, g->cell_w, s);
	}
	if (cv->left + g->ncols < g->k)
		gt_draw_clipped(w, g->y, x, 1, app->utf8 ? "\u2192" : ">");
}

/* One cell: " 261 " off the diagonal, "[365]" on it, ">261<" under the
 * cursor; shaded on the correct ramp (diagonal) or the error ramp (without
 * colour the attributes carry the ramps, the brackets the diagonal). */
static void draw_cell(const gt_app *app, const cv_state *cv, WINDOW *w, const grid *g, int y,
                      int x, int t, int p, const gt_confusion *cm)
{
	int cur = t == cv->t && p == cv->p, diag = t == p;
	char s[48], txt[32];
	attr_t a;

	cell_text(cv, cm, t, p, txt, sizeof(txt));
	snprintf(s, sizeof(s), "%c%*s%c", cur ? '>' : diag ? '[' : ' ', g->cell_w - 2,
	         txt, cur ? '<' : diag ? ']' : ' ');
	if (cur)
		a = gt_attr(app, GT_C_CURSOR) | A_BOLD | A_UNDERLINE;
	else
		a = gt_attr(app, shade_role(gt_cv_cell_shade(cm, cv->view, t, p)));
	gt_draw_clipped_attr(w, a, y, x, g->cell_w, s);
}

static void draw_row(const gt_app *app, const cv_state *cv, WINDOW *w, const grid *g, int i,
                     const gt_confusion *cm)
{
	int t = g->ord[cv->top + i], y = g->y + 1 + i, x = g->label_w;
	char label[GT_GENRE_NAME * 2];
	const char *name = g->label_w < 12 ? genres(app)->abbr[t]
	                 : gt_cv_label(label, sizeof(label), genres(app), t, g->label_w - 2,
	                               gt_cut_mark(app));

	gt_draw_clipped_attr(w, t == cv->t ? gt_attr(app, GT_C_CURSOR) : A_BOLD, y, 0, g->label_w - 2, name);
	if (i == 0 && cv->top > 0)
		gt_draw_clipped(w, y, g->label_w - 1, 1, app->utf8 ? "\u2191" : "^");
	else if (i == g->nrows - 1 && cv->top + i < g->k - 1)
		gt_draw_clipped(w, y, g->label_w - 1, 1, app->utf8 ? "\u2193" : "v");
	for (int j = 0; j < g->ncols; j++, x += g->cell_w)
		draw_cell(app, cv, w, g, y, x, t, g->ord[cv->left + j], cm);
}

/* A line describing the cell under the cursor, bold, then how many of its
 * rows the file lists under the predicted genre too, then where Enter
 * leads if there is room. */
static void draw_cell_line(const gt_app *app, const cv_state *cv, WINDOW *w,
                           const shown_set *set, int y, const char *line)
{
	int width = getmaxx(w);
	int x = gt_draw_clipped_attr(w, A_BOLD, y, 0, width, line);

	if (set->fusion && cv->t != cv->p && GT_CM(set->cm, cv->t, cv->p) > 0 &&
	    cv->t < set->fusion->k && cv->p < set->fusion->k) {
		char more[128];

		snprintf(more, sizeof(more), "; %ld listed as %s too", GT_CM(set->fusion, cv->t, cv->p),
		         gt_genre_name(genres(app), cv->p));
		x += gt_draw_clipped_attr(w, A_BOLD, y, x, width - x, more);
	}
	if (width - x > 30)
		gt_draw_clipped_attr(w, A_DIM, y, x, width - x, "   (Enter: list these rows)");
}

/* The focused cell in words, then where Enter leads if there is room. */
static void draw_focus(const gt_app *app, const cv_state *cv, WINDOW *w, const grid *g,
                       const shown_set *set)
{
	char line[320];
	int y = g->y + 1 + g->nrows;

	gt_cv_describe(line, sizeof(line), set->cm, genres(app), cv->view, cv->t, cv->p);
	draw_cell_line(app, cv, w, set, y, line);
}

static void draw_grid(const gt_app *app, const cv_state *cv, WINDOW *w, const grid *g,
                      const shown_set *set)
{
	draw_headings(app, cv, w, g);
	for (int i = 0; i < g->nrows; i++)
		draw_row(app, cv, w, g, i, set->cm);
	draw_focus(app, cv, w, g, set);
}

/* ---- report, pairs, legend ---- */

/* Class with the highest (best > 0) or lowest (best == 0) F1. */
static int extreme_f1(const gt_report *r, int k, int best)
{
	int c = 0;

	for (int i = 1; i < k; i++)
		if (best ? r->f1[i] > r->f1[c] : r->f1[i] < r->f1[c])
			c = i;
	return c;
}

/* One genre's line; best and worst are the classes with the highest and
 * lowest F1, marked in words so the marks read without colour. */
static void report_row(const gt_app *app, const cv_state *cv, WINDOW *w, const gt_report *r,
                       int c, int best, int worst, int x, int y, int width)
{
	char line[192], sup[32], name[GT_GENRE_NAME * 2], label[GT_GENRE_NAME * 2];
	int nw = name_w(app);
	const char *note = c == best ? " easiest" : c == worst ? " hardest" : "";
	attr_t a = c == cv->t ? gt_attr(app, GT_C_CURSOR)
	         : c == best ? gt_attr(app, GT_C_GOOD)
	         : c == worst ? gt_attr(app, GT_C_BAD) : A_NORMAL;

	snprintf(line, sizeof(line), "%s %9.2f %9.2f %9.2f %9s%s",
	         gt_fmt_pad(name, sizeof(name),
	                    gt_cv_label(label, sizeof(label), genres(app), c, nw,
	                                gt_cut_mark(app)), nw),
	         r->precision[c], r->recall[c], r->f1[c],
	         gt_fmt_count(sup, sizeof(sup), (unsigned long long)r->support[c]), note);
	gt_draw_clipped_attr(w, a, y, x, width, line);
}

/* scikit-learn's classification_report with genre names; the focused
 * row's genre highlighted, the best and worst F1 marked in words. */
static void draw_report(const gt_app *app, const cv_state *cv, WINDOW *w, const gt_report *r,
                        int x, int y, int width)
{
	static const char *const avg[] = { "accuracy", "macro avg", "weighted avg" };
	const double f1[] = { r->accuracy, r->macro_f1, r->weighted_f1 };
	const double pr[] = { 0, r->macro_precision, r->weighted_precision };
	const double re[] = { 0, r->macro_recall, r->weighted_recall };
	int k = r->k > GT_MAX_CLASSES ? GT_MAX_CLASSES : r->k, nw = name_w(app);
	int best = extreme_f1(r, k, 1), worst = extreme_f1(r, k, 0);
	char line[192], tot[32];

	if (r->f1[best] == r->f1[worst])      /* all alike: neither is marked */
		best = worst = -1;
	snprintf(line, sizeof(line), "%-*s %9s %9s %9s %9s", nw, "", "precision", "recall",
	         "f1-score", "support");
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), y++, x, width, line);
	for (int c = 0; c < k; c++)
		report_row(app, cv, w, r, c, best, worst, x, y++, width);
	gt_fmt_count(tot, sizeof(tot), (unsigned long long)r->total);
	y++;
	for (int i = 0; i < 3; i++, y++) {
		if (i == 0)
			snprintf(line, sizeof(line), "%-*s %9s %9s %9.2f %9s", nw, avg[i], "", "", f1[i],
			         tot);
		else
			snprintf(line, sizeof(line), "%-*s %9.2f %9.2f %9.2f %9s", nw, avg[i], pr[i],
			         re[i], f1[i], tot);
		gt_draw_clipped(w, y, x, width, line);
	}
}

/* Two lines when the full report does not fit: the focused genre's
 * figures, then accuracy and the F1 averages. */
static int draw_compact(const gt_app *app, const cv_state *cv, WINDOW *w, const gt_report *r,
                        int x, int y, int width, int end)
{
	char line[160], sup[32];
	int t = cv->t, used;

	if (y >= end)
		return y;
	used = gt_draw_clipped_attr(w, gt_attr(app, GT_C_CURSOR), y, x, width, gt_genre_name(genres(app), t));
	snprintf(line, sizeof(line), ": precision %.2f  recall %.2f  F1 %.2f  support %s",
	         r->precision[t], r->recall[t], r->f1[t],
	         gt_fmt_count(sup, sizeof(sup), (unsigned long long)r->support[t]));
	gt_draw_clipped(w, y++, x + used, width - used, line);
	if (y >= end)
		return y;
	snprintf(line, sizeof(line), "accuracy %.2f  macro F1 %.2f  weighted F1 %.2f",
	         r->accuracy, r->macro_f1, r->weighted_f1);
	gt_draw_clipped_attr(w, A_BOLD, y++, x, width, line);
	return y;
}

/* Beyond the study: top-2 and fusion-aware accuracy, when known. */
static int draw_beyond(WINDOW *w, const shown_set *set, int x, int y, int width, int end)
{
	char line[160];

	int used;

	if (y >= end || isnan(set->top2))
		return y;
	if (isnan(set->fusion_acc))       /* nothing names a track twice */
		snprintf(line, sizeof(line), "top-2 accuracy %.2f", set->top2);
	else
		snprintf(line, sizeof(line), "top-2 accuracy %.2f  fusion-aware %.2f", set->top2,
		         set->fusion_acc);
	used = gt_draw_clipped(w, y, x, width, line);
	if (!isnan(set->fusion_acc) && width - used >= 29)   /* whole, or not at all */
		gt_draw_clipped(w, y, x + used, width - used, " (genre listed for the track)");
	return y + 1;
}

/* The top pairs by count, each direction on its own; the one under the
 * cursor highlighted. */
static int draw_pairs(const gt_app *app, const cv_state *cv, WINDOW *w, const gt_confusion *cm,
                      int x, int y, int width, int end)
{
	gt_cv_pair top[NPAIRS];
	int n = gt_cv_top_pairs(cm, top, NPAIRS);
	char line[128];

	if (y < end)
		gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), y++, x, width,
		         "Most confused: true -> predicted, each way apart (% of true)");
	if (n == 0 && y < end)
		gt_draw_clipped(w, y++, x, width, "  none: every row is on the diagonal");
	for (int i = 0; i < n && y < end; i++, y++) {
		int cur = top[i].t == cv->t && top[i].p == cv->p;
		int len = snprintf(line, sizeof(line), "%d. ", i + 1);

		gt_cv_pair_text(line + len, sizeof(line) - (size_t)len, cm, genres(app), &top[i]);
		gt_draw_clipped_attr(w, cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL, y, x + 2, width - 2, line);
	}
	return y;
}

/* Two lines, each range in its own shade:
 *   "errors, % of the row:  0-5  5-15  15-30  30-50  50-100"
 *   "correct [n], recall %:  0-30  30-50  50-70  70-100" */
static void draw_legend(const gt_app *app, const cv_state *cv, WINDOW *w, int x, int y, int width)
{
	char s[32];
	int used = gt_draw_clipped(w, y, x, width, cv->view == GT_CV_PRECISION ? "errors, % of the column:"
	                                                        : "errors, % of the row:   ");

	for (int l = 0; l < GT_CV_HEAT_LEVELS; l++) {
		double hi = l + 1 < GT_CV_HEAT_LEVELS ? gt_cv_heat_floor(l + 1) : 1.0;

		snprintf(s, sizeof(s), " %.0f-%.0f ", 100 * gt_cv_heat_floor(l), 100 * hi);
		used += gt_draw_clipped(w, y, x + used, width - used, " ");
		used += gt_draw_clipped_attr(w, gt_attr(app, heat_role(l)), y, x + used, width - used, s);
	}
	used = gt_draw_clipped(w, y + 1, x, width, "correct [n], recall %:   ");
	for (int l = 0; l < GT_CV_OK_LEVELS; l++) {
		double hi = l + 1 < GT_CV_OK_LEVELS ? gt_cv_ok_floor(l + 1) : 1.0;
		gt_cv_shade sh = { 1, l };

		snprintf(s, sizeof(s), "[%.0f-%.0f]", 100 * gt_cv_ok_floor(l), 100 * hi);
		used += gt_draw_clipped(w, y + 1, x + used, width - used, " ");
		used += gt_draw_clipped_attr(w, gt_attr(app, shade_role(sh)), y + 1, x + used, width - used, s);
	}
}

/* Report, pairs and legend from (y, x), within avail rows: the full report
 * only when the pairs still fit under it. */
static void draw_extras(const gt_app *app, const cv_state *cv, WINDOW *w, const shown_set *set,
                        int x, int y, int width, int avail)
{
	int end = y + avail;

	if (avail >= REPORT_H(set->rep->k) + 2 + NPAIRS) {
		draw_report(app, cv, w, set->rep, x, y, width);
		y += REPORT_H(set->rep->k) + 1;
	} else {
		y = draw_compact(app, cv, w, set->rep, x, y, width, end);
	}
	if (end - y > NPAIRS + 1)    /* the pairs matter more */
		y = draw_beyond(w, set, x, y, width, end);
	y = draw_pairs(app, cv, w, set->cm, x, y, width, end);
	if (end - y >= 3)
		draw_legend(app, cv, w, x, y + 1, width);
}

/* ---- the heat map ---- */

/* Where the heat map goes in a window of width x height: the header, a
 * ruler over the columns, rows of cells, the cell in words; the report
 * and the pairs beside it when they fit there, else below. */
typedef struct {
	int label_w;                   /* the names and a scroll mark */
	int rows, cols;                /* cells shown */
	int side_x;                    /* the report beside the map at this column, or 0 */
	int below_y, below_h;          /* ... else below it: first row, rows */
} map_plan;

#define MAP_Y 2                    /* the first row of cells */
#define MAP_LEGEND_AT 12           /* rows beside or below it from which the
                                      legend of its characters is shown */

static void plan_map(map_plan *mp, int k, int width, int height)
{
	int full;

	memset(mp, 0, sizeof(*mp));
	mp->label_w = width >= 120 ? 16 : 11;
	full = mp->label_w + k + 1;
	if (width - full - SIDE_GAP >= REPORT_W) {
		mp->side_x = full + SIDE_GAP;
		mp->cols = k;
		mp->rows = height - MAP_Y - 1;
	} else {
		mp->cols = width - mp->label_w - 1;
		mp->below_h = height >= 18 ? (height - MAP_Y - 1) * 2 / 5 : 0;
		mp->rows = height - MAP_Y - 1 - mp->below_h;
	}
	mp->cols = mp->cols < 1 ? 1 : mp->cols > k ? k : mp->cols;
	mp->rows = mp->rows < 1 ? 1 : mp->rows > k ? k : mp->rows;
	mp->below_y = MAP_Y + mp->rows + 1;
	mp->below_h = mp->side_x ? 0 : height - mp->below_y;
}

/* Is the matrix shown as a heat map? By m, else when it has more genres
 * than the study and they do not all fit as numbered cells. */
static int use_map(const cv_state *cv, const gt_confusion *cm, int width, int height)
{
	grid g;

	if (cv->mode)
		return cv->mode == 1;
	if (gt_cv_classes(cm) <= GT_NCLASSES)
		return 0;
	plan_grid(cv, &g, cm, width, height);
	return g.ncols < g.k || g.nrows < g.k;
}

/* The heat map's state for cm, its cursor the pane's, and its viewport
 * for the window. */
static void map_sync(cv_state *cv, const gt_confusion *cm, map_plan *mp, int width, int height)
{
	cv->hm.t = cv->t;
	cv->hm.p = cv->p;
	gt_hm_update(&cv->hm, cm, cv->grouped ? GT_HM_GROUPED : GT_HM_BY_NAME);
	plan_map(mp, cv->hm.k, width, height);
	gt_hm_viewport(&cv->hm, mp->rows, mp->cols);
	cv->t = cv->hm.t;
	cv->p = cv->hm.p;
}

/* "test set, 22,800 rows  heat map 114x114: share of the true genre's rows, by name" */
static void draw_map_header(const gt_app *app, const cv_state *cv, WINDOW *w,
                            const shown_set *set)
{
	char line[192], n[32], note[96];
	int width = getmaxx(w), x;

	run_note(app, note, sizeof(note));
	snprintf(line, sizeof(line), "%s set, %s rows%s", set->name,
	         gt_fmt_count(n, sizeof(n), set->truth ? set->n : (size_t)set->rep->total), note);
	x = gt_draw_clipped_attr(w, gt_attr(app, cv->train ? GT_C_TRAIN : GT_C_TEST) | A_BOLD,
	                         0, 0, width, line) + 2;
	snprintf(line, sizeof(line), "heat map %dx%d: share of the true genre's rows, %s",
	         cv->hm.k, cv->hm.k, gt_hm_order_name(cv->grouped ? GT_HM_GROUPED : GT_HM_BY_NAME));
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 0, x, width - x, line);
}

/* Over the columns: 'v' over the cursor's, ':' every tenth position,
 * arrows when columns are out of sight. */
static void draw_map_ruler(const gt_app *app, const cv_state *cv, WINDOW *w, const map_plan *mp)
{
	const gt_heatmap *hm = &cv->hm;

	gt_draw_clipped_attr(w, A_DIM, 1, 0, mp->label_w - 2, "true\\pred");
	if (hm->left > 0)
		gt_draw_clipped(w, 1, mp->label_w - 1, 1, app->utf8 ? "\u2190" : "<");
	for (int j = 0; j < hm->cols; j++) {
		int at = hm->left + j;

		if (hm->ord[at] == hm->p)
			gt_draw_clipped_attr(w, gt_attr(app, GT_C_CURSOR), 1, mp->label_w + j, 1, "v");
		else if ((at + 1) % 10 == 0)
			gt_draw_clipped_attr(w, A_DIM, 1, mp->label_w + j, 1, ":");
	}
	if (hm->left + hm->cols < hm->k)
		gt_draw_clipped(w, 1, mp->label_w + hm->cols, 1, app->utf8 ? "\u2192" : ">");
}

static void draw_map_row(const gt_app *app, const cv_state *cv, WINDOW *w, const map_plan *mp,
                         const gt_confusion *cm, int i)
{
	const gt_heatmap *hm = &cv->hm;
	int t = hm->ord[hm->top + i], y = MAP_Y + i;
	char label[GT_GENRE_NAME * 2];

	gt_draw_clipped_attr(w, t == hm->t ? gt_attr(app, GT_C_CURSOR) : A_BOLD, y, 0,
	                     mp->label_w - 2, gt_cv_label(label, sizeof(label), genres(app), t,
	                                                  mp->label_w - 2, gt_cut_mark(app)));
	if (i == 0 && hm->top > 0)
		gt_draw_clipped(w, y, mp->label_w - 1, 1, app->utf8 ? "\u2191" : "^");
	else if (i == hm->rows - 1 && hm->top + i < hm->k - 1)
		gt_draw_clipped(w, y, mp->label_w - 1, 1, app->utf8 ? "\u2193" : "v");
	for (int j = 0; j < hm->cols; j++) {
		int p = hm->ord[hm->left + j];
		gt_hm_shade sh = gt_hm_cell(hm, cm, t, p);
		gt_cv_shade role = { sh.correct, sh.color };
		char c[2] = { GT_HM_RAMP[sh.level], '\0' };
		attr_t a = gt_attr(app, shade_role(role));

		if (t == hm->t && p == hm->p)
			a = gt_attr(app, GT_C_CURSOR) | A_BOLD | A_REVERSE;
		gt_draw_clipped_attr(w, a, y, mp->label_w + j, 1, c);
	}
}

/* The cell under the cursor in words, its true genre in full (the row
 * labels may be cut), and where Enter leads. */
static void draw_readout(const gt_app *app, const cv_state *cv, WINDOW *w, const shown_set *set,
                         int y)
{
	char line[320];

	gt_hm_readout_fit(line, sizeof(line), &cv->hm, set->cm, genres(app), getmaxx(w),
	                  gt_cut_mark(app));
	draw_cell_line(app, cv, w, set, y, line);
}

/* Report rows that fit in avail lines beside or below the map with the
 * pairs (*npairs of them: fewer in little room); 0 when only the compact
 * report fits. */
static int report_rows(int avail, int *npairs)
{
	int rows;

	*npairs = avail >= 24 ? NPAIRS : avail >= 10 ? 2 : avail >= 7 ? 1 : 0;
	rows = avail - 3 - (*npairs ? *npairs + 1 : 0) - (avail >= MAP_LEGEND_AT ? 3 : 0)
	     - (avail >= 24);      /* draw_beyond's line */
	return rows < 1 ? 0 : rows;
}

/* The heat map's two ramps in words, from row y. */
static void draw_map_legend(WINDOW *w, int x, int y, int width)
{
	char line[128];

	for (int diagonal = 0; diagonal < 2; diagonal++) {
		gt_hm_legend(line, sizeof(line), diagonal);
		gt_draw_clipped_attr(w, A_DIM, y + diagonal, x, width, line);
	}
}

/* The heat map synced to cm and the window, the report's scroll kept in
 * its rows. */
static void map_layout(cv_state *cv, const gt_report *rep, const gt_confusion *cm, int width,
                       int height)
{
	int idx[GT_MAX_CLASSES], n = gt_report_order(rep, cv->rsort, idx), npairs, rows;
	map_plan mp;

	map_sync(cv, cm, &mp, width, height);
	rows = report_rows(mp.side_x ? height - 1 : mp.below_h, &npairs);
	cv->rtop = cv->rtop > n - rows ? n - rows : cv->rtop;
	cv->rtop = cv->rtop < 0 ? 0 : cv->rtop;
}

/* The report's rows, sorted, from the row rtop, within rows lines after a
 * title and the column headings; then accuracy and the averages. */
static int draw_sorted_report(const gt_app *app, const cv_state *cv, WINDOW *w,
                              const gt_report *r, int x, int y, int width, int rows)
{
	int idx[GT_MAX_CLASSES], n = gt_report_order(r, cv->rsort, idx), last, best, worst;
	char line[192], tot[32];

	last = cv->rtop + rows < n ? cv->rtop + rows : n;
	snprintf(line, sizeof(line), "Report by %s (s/S sort, J/K scroll): %d-%d of %d genres",
	         gt_report_sort_name(cv->rsort), n ? cv->rtop + 1 : 0, last, n);
	gt_draw_clipped_attr(w, A_BOLD, y++, x, width, line);
	snprintf(line, sizeof(line), "%-*s %9s %9s %9s %9s", name_w(app), "", "precision",
	         "recall", "f1-score", "support");
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), y++, x, width, line);
	best = extreme_f1(r, r->k, 1);
	worst = extreme_f1(r, r->k, 0);
	if (r->f1[best] == r->f1[worst])      /* all alike: neither is marked */
		best = worst = -1;
	for (int i = cv->rtop; i < last; i++)
		report_row(app, cv, w, r, idx[i], best, worst, x, y++, width);
	y += rows - (last - cv->rtop);
	gt_fmt_count(tot, sizeof(tot), (unsigned long long)r->total);
	snprintf(line, sizeof(line), "accuracy %.2f  macro F1 %.2f  weighted F1 %.2f  (%s rows)",
	         r->accuracy, r->macro_f1, r->weighted_f1, tot);
	gt_draw_clipped_attr(w, A_BOLD, y++, x, width, line);
	return y;
}

/* Report and pairs from (y, x) in avail rows: as many report rows as leave
 * room for the pairs (fewer pairs in little room). */
static void draw_map_extras(const gt_app *app, const cv_state *cv, WINDOW *w,
                            const shown_set *set, int x, int y, int width, int avail)
{
	int npairs, rows = report_rows(avail, &npairs);

	if (rows < 1) {
		draw_compact(app, cv, w, set->rep, x, y, width, y + avail);
		return;
	}
	y = draw_sorted_report(app, cv, w, set->rep, x, y, width, rows);
	if (avail >= 24)
		y = draw_beyond(w, set, x, y, width, y + 1);
	if (npairs)
		y = draw_pairs(app, cv, w, set->cm, x, y, width, y + 1 + npairs);
	if (avail >= MAP_LEGEND_AT)
		draw_map_legend(w, x, y + 1, width);
}

static void draw_map(const gt_app *app, const cv_state *cv, WINDOW *w, const shown_set *set)
{
	int width = getmaxx(w), height = getmaxy(w);
	map_plan mp;

	plan_map(&mp, cv->hm.k, width, height);
	draw_map_header(app, cv, w, set);
	draw_map_ruler(app, cv, w, &mp);
	for (int i = 0; i < cv->hm.rows; i++)
		draw_map_row(app, cv, w, &mp, set->cm, i);
	draw_readout(app, cv, w, set, MAP_Y + cv->hm.rows);
	if (mp.side_x)
		draw_map_extras(app, cv, w, set, mp.side_x, 1, width - mp.side_x, height - 1);
	else if (mp.below_h > 0)
		draw_map_extras(app, cv, w, set, 0, mp.below_y, width, mp.below_h);
}

/* Keys of the heat map: the cursor by position, pages, ends, the report. */
static int map_key(cv_state *cv, int ch)
{
	gt_heatmap *hm = &cv->hm;

	hm->t = cv->t;
	hm->p = cv->p;
	if (ch == KEY_UP || ch == 'k')
		gt_hm_move(hm, -1, 0);
	else if (ch == KEY_DOWN || ch == 'j')
		gt_hm_move(hm, 1, 0);
	else if (ch == KEY_LEFT || ch == 'h')
		gt_hm_move(hm, 0, -1);
	else if (ch == KEY_RIGHT || ch == 'l')
		gt_hm_move(hm, 0, 1);
	else if (ch == KEY_NPAGE)
		gt_hm_move(hm, hm->rows, 0);
	else if (ch == KEY_PPAGE)
		gt_hm_move(hm, -hm->rows, 0);
	else if (ch == KEY_HOME || ch == 'g')
		gt_hm_goto(hm, 0, GT_HM_KEEP);
	else if (ch == KEY_END || ch == 'G')
		gt_hm_goto(hm, INT_MAX, GT_HM_KEEP);
	else if (ch == '^')
		gt_hm_goto(hm, GT_HM_KEEP, 0);
	else if (ch == '$')
		gt_hm_goto(hm, GT_HM_KEEP, INT_MAX);
	else if (ch == 's')
		cv->rsort = (gt_report_sort)((cv->rsort + 1) % GT_RS_NKEYS);
	else if (ch == 'S')
		cv->rsort = (gt_report_sort)((cv->rsort + GT_RS_NKEYS - 1) % GT_RS_NKEYS);
	else if (ch == 'J')
		cv->rtop++;
	else if (ch == 'K')
		cv->rtop -= cv->rtop > 0;
	else
		return 0;
	cv->t = hm->t;
	cv->p = hm->p;
	return 1;
}

/* ---- the drill-down: a cell's rows ---- */

/* "   line  predicted    prob  p(true)  artist - track", the true genre's
 * probability in pw cells (its heading's). */
static void list_row(const gt_app *app, const cell_list *l, size_t i, int pw, char *buf, size_t n)
{
	const gt_pipeline *pipe = &app->session.pipe;
	const gt_rowpred_item *it = &l->items[i];
	double pt = it->sample < l->prob.n
	          ? l->prob.prob[it->sample * (size_t)l->prob.k + (size_t)l->t] : NAN;
	char name[96], pad[128];

	const gt_dataset *ds = &pipe->ds;
	int a = ds->field[GT_COL_ARTIST] >= 0, t = ds->field[GT_COL_TRACK] >= 0;

	snprintf(buf, n, "%7ld  %s %6.3f  %*.3f   %s%s%s", ds->line[it->row],
	         gt_fmt_pad(pad, sizeof(pad), gt_cv_label(name, sizeof(name), genres(app), l->p, 12,
	                                                  gt_cut_mark(app)), 12),
	         it->conf, pw, pt,
	         a ? gt_cell(ds, it->row, GT_COL_ARTIST) : "", a && t ? " - " : "",
	         t ? gt_cell(ds, it->row, GT_COL_TRACK) : "");
}

/* The heading of the rows' names: "artist - track" for the study, the
 * file's own column names otherwise ("filename"), "" when none. */
static void names_heading(const gt_app *app, char *buf, size_t n)
{
	const gt_dataset *ds = &app->session.pipe.ds;
	int a = ds->field[GT_COL_ARTIST], t = ds->field[GT_COL_TRACK];
	char an[64], tn[64];

	if (!app->session.pipe.schema) {
		snprintf(buf, n, "artist - track");
		return;
	}
	snprintf(buf, n, "%s%s%s", a >= 0 ? gt_column_label(ds, a, an, sizeof(an), 30) : "",
	         a >= 0 && t >= 0 ? " - " : "", t >= 0 ? gt_column_label(ds, t, tn, sizeof(tn), 30) : "");
}

static void draw_list(const gt_app *app, const cell_list *l, WINDOW *w)
{
	int width = getmaxx(w), height = getmaxy(w), y = 2, pw;
	char line[512], label[128], n[32], ptrue[200], heading[140], name[160];

	gt_cv_cell_label(label, sizeof(label), genres(app), l->set, l->t, l->p);
	snprintf(line, sizeof(line), "%s: %s rows, %s", label, gt_fmt_count(n, sizeof(n), l->n),
	         gt_rowpred_order_name(l->order));
	gt_draw_clipped_attr(w, A_BOLD, 0, 0, width, line);
	snprintf(ptrue, sizeof(ptrue), "p(%s)", gt_cv_label(name, sizeof(name), genres(app), l->t,
	                                                    PTRUE_MAX - 3, gt_cut_mark(app)));
	pw = gt_text_width(ptrue) > 6 ? gt_text_width(ptrue) : 6;
	names_heading(app, heading, sizeof(heading));
	snprintf(line, sizeof(line), "%7s  %-12s %6s  %*s%s   %s", "line", "predicted", "prob",
	         pw - gt_text_width(ptrue), "", ptrue, heading);
	gt_draw_clipped_attr(w, gt_attr(app, GT_C_HEADER), 1, 0, width, line);
	for (size_t i = l->top; i < l->n && y < height - 1; i++, y++) {
		list_row(app, l, i, pw, line, sizeof(line));
		gt_draw_clipped_attr(w, i == l->cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL, y, 0, width, line);
	}
	gt_draw_clipped_attr(w, A_DIM, height - 1, 0, width,
	         "o order  Enter these rows in Browse  Esc back to the matrix");
}

/* List the rows of the focused cell with their probabilities. */
static void open_list(gt_app *app, cv_state *cv)
{
	shown_set set = current_set(app, cv);
	const gt_samples *rows = cv->train ? &app->session.pipe.train : &app->session.pipe.test;
	cell_list *l = &cv->list;
	gt_error err = {0};
	size_t n = gt_cv_cell_rows(set.truth, set.pred, set.rows, set.n, cv->t, cv->p, NULL, 0);
	char label[128];

	gt_cv_cell_label(label, sizeof(label), genres(app), set.name, cv->t, cv->p);
	if (!set.truth) {
		gt_app_message(app, 0, "Rows are listed for the current run only: Esc in the Train "
		               "pane's runs table (r) shows it again.");
		return;
	}
	if (n == 0) {
		gt_app_message(app, 0, "No %s: the cell is empty.", label);
		return;
	}
	close_list(l);
	l->items = malloc(n * sizeof(*l->items));
	if (!l->items || gt_rowpred_compute(&l->prob, &app->session.model, rows, &err) != GT_OK) {
		close_list(l);
		gt_app_message(app, 1, "Out of memory for %zu rows.", n);
		return;
	}
	l->n = gt_rowpred_cell(set.truth, set.pred, set.rows, &l->prob, set.n, cv->t, cv->p,
	                       l->items, n);
	l->t = cv->t;
	l->p = cv->p;
	snprintf(l->set, sizeof(l->set), "%s", set.name);
	l->order = cv->t == cv->p ? GT_RP_FILE : GT_RP_CONFIDENT;
	gt_rowpred_sort(l->items, l->n, l->order);
	model_stamp(app, l->stamp);
	l->open = 1;
}

static void draw_pane(const gt_app *app, const cv_state *cv, WINDOW *w)
{
	shown_set set = current_set(app, cv);
	int width = getmaxx(w), height = getmaxy(w), gw, below;
	grid g;

	werase(w);
	if (!app->session.evaluated && !live(app)) {
		draw_no_model(app, w);
		return;
	}
	if (cv->list.open) {
		draw_list(app, &cv->list, w);
		return;
	}
	if (cv->mapped && cv->hm.k == gt_cv_classes(set.cm)) {
		draw_map(app, cv, w, &set);
		return;
	}
	draw_header(app, cv, w, &set);
	plan_grid(cv, &g, set.cm, width, height);
	draw_grid(app, cv, w, &g, &set);
	gw = grid_width(&g);
	below = g.y + g.nrows + 2;
	if (g.ncols == g.k && width - gw - SIDE_GAP >= REPORT_W)
		draw_extras(app, cv, w, &set, gw + SIDE_GAP, g.y, width - gw - SIDE_GAP, height - g.y);
	else
		draw_extras(app, cv, w, &set, 0, below, width, height - below);
}

static void confusion_draw(const gt_app *app, const void *state, WINDOW *w)
{
	const cv_state *cv = state;

	draw_pane(app, cv, w);
	gt_ask_draw(app, &cv->ask, w, getmaxy(w) - 1);
}

/* ---- keys ---- */

/* Move the cursor to the most-confused pair after the one it is on (the
 * first when it is on none). */
static void next_pair(cv_state *cv, const gt_confusion *cm)
{
	gt_cv_pair top[NPAIRS];
	int n = gt_cv_top_pairs(cm, top, NPAIRS), next = 0;

	for (int i = 0; i < n; i++)
		if (top[i].t == cv->t && top[i].p == cv->p)
			next = (i + 1) % n;
	if (n > 0) {
		cv->t = top[next].t;
		cv->p = top[next].p;
	}
}

/* Hand the listed rows to Browse (which copies them). */
static void list_to_browse(gt_app *app, const cell_list *l)
{
	size_t *rows = malloc(l->n * sizeof(*rows));
	char label[128];

	if (!rows) {
		gt_app_message(app, 1, "Out of memory for %zu rows.", l->n);
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		rows[i] = l->items[i].row;
	gt_cv_cell_label(label, sizeof(label), genres(app), l->set, l->t, l->p);
	if (gt_app_show_rows(app, rows, l->n, label) != 0)
		gt_app_message(app, 1, "Out of memory for %zu rows.", l->n);
	free(rows);
}

/* Keys while a cell's rows are listed; every key is the list's. */
static int list_key(gt_app *app, cell_list *l, int ch)
{
	size_t page = list_rows(LINES - 3);

	if (ch == 27 || ch == KEY_BACKSPACE || ch == 127 || ch == 8)
		close_list(l);
	else if (ch == KEY_DOWN || ch == 'j')
		l->cur += l->cur + 1 < l->n;
	else if (ch == KEY_UP || ch == 'k')
		l->cur -= l->cur > 0;
	else if (ch == KEY_NPAGE || ch == ' ')
		l->cur = l->cur + page < l->n ? l->cur + page : l->n - 1;
	else if (ch == KEY_PPAGE)
		l->cur = l->cur > page ? l->cur - page : 0;
	else if (ch == KEY_HOME || ch == 'g')
		l->cur = 0;
	else if (ch == KEY_END || ch == 'G')
		l->cur = l->n - 1;
	else if (ch == 'o') {
		l->order = (gt_rp_order)((l->order + 1) % GT_RP_NORDERS);
		gt_rowpred_sort(l->items, l->n, l->order);
		l->cur = l->top = 0;
	} else if (ch == KEY_ENTER || ch == '\r' || ch == '\n')
		list_to_browse(app, l);
	else
		return 0;
	return 1;
}

/* The cursor moves on the screen: to the genre shown next in the order. */
static int move_key(cv_state *cv, int ch, const gt_confusion *cm)
{
	int ord[GT_MAX_CLASSES], pos[GT_MAX_CLASSES], k = gt_cv_classes(cm);

	if (k < 1)
		return 0;
	cv->t = gt_cv_clamp_move(cv->t, 0, k);
	cv->p = gt_cv_clamp_move(cv->p, 0, k);
	display_order(cv, cm, ord, pos);
	if (ch == KEY_UP || ch == 'k')
		cv->t = ord[gt_cv_clamp_move(pos[cv->t], -1, k)];
	else if (ch == KEY_DOWN || ch == 'j')
		cv->t = ord[gt_cv_clamp_move(pos[cv->t], 1, k)];
	else if (ch == KEY_LEFT || ch == 'h')
		cv->p = ord[gt_cv_clamp_move(pos[cv->p], -1, k)];
	else if (ch == KEY_RIGHT || ch == 'l')
		cv->p = ord[gt_cv_clamp_move(pos[cv->p], 1, k)];
	else
		return 0;
	return 1;
}

static int is_enter(int ch)
{
	return ch == KEY_ENTER || ch == '\r' || ch == '\n';
}

/* A key this pane uses. */
static int pane_key(int ch)
{
	return is_enter(ch) || ch == KEY_UP || ch == KEY_DOWN || ch == KEY_LEFT ||
	       ch == KEY_RIGHT || ch == KEY_NPAGE || ch == KEY_PPAGE || ch == KEY_HOME ||
	       ch == KEY_END || (ch > 0 && ch < 128 && strchr("hjklvVdnxofmsSJKgG^$", ch));
}

static int confusion_key(gt_app *app, void *state, int ch)
{
	cv_state *cv = state;
	shown_set set = current_set(app, cv);

	if (!app->session.evaluated && !live(app)) {
		if (!pane_key(ch))
			return 0;
		gt_app_message(app, 0, "No model yet. Press 3 for the Train pane, then t to train.");
		return 1;
	}
	if (cv->ask.stage != GT_ASK_CLOSED) {
		gt_tui_export_answer(app, &cv->ask, gt_ask_key(&cv->ask, ch));
		return 1;
	}
	if (cv->list.open)
		return list_key(app, &cv->list, ch);
	if (cv->mapped ? map_key(cv, ch) : move_key(cv, ch, set.cm))
		return 1;
	if (ch == 'm') {
		cv->mode = cv->mapped ? 2 : 1;
		gt_app_message(app, 0, cv->mode == 1 ? "heat map: a character per cell by the share "
		               "of the true genre's rows (m: numbers)" : "numbered matrix (m: heat map)");
	} else if (ch == 'v' && cv->mapped) {
		cv->view = (gt_cv_view)((cv->view + 1) % GT_CV_NVIEWS);
		gt_app_message(app, 0, "view: %s, for the numbered matrix (m); the heat map is "
		               "shaded by the share of the true genre's rows", gt_cv_view_name(cv->view));
	} else if (ch == 'v')
		cv->view = (gt_cv_view)((cv->view + 1) % GT_CV_NVIEWS);
	else if (ch == 'V')
		cv->view = (gt_cv_view)((cv->view + GT_CV_NVIEWS - 1) % GT_CV_NVIEWS);
	else if (ch == 'd' && live(app))
		gt_app_message(app, 0, "Training rows are evaluated when the run ends.");
	else if (ch == 'd')
		cv->train = !cv->train;
	else if (ch == 'n')
		next_pair(cv, set.cm);
	else if (ch == 'o') {
		cv->grouped = !cv->grouped;
		gt_app_message(app, 0, cv->grouped ? "genres ordered so that confused pairs sit side by "
		               "side (o: the file's order)" : "genres in the file's order");
	}
	else if (is_enter(ch))
		open_list(app, cv);
	else if (ch == 'x')
		gt_tui_export_ask(app, &cv->ask);
	else if (ch == 'f' && cv->t != cv->p)
		gt_app_compare(app, cv->t, cv->p);
	else if (ch == 'f')
		gt_app_message(app, 0, "f compares two genres: move to a cell off the diagonal.");
	else
		return 0;
	return 1;
}

static void *confusion_init(gt_app *app)
{
	(void)app;
	return calloc(1, sizeof(cv_state));
}

static void confusion_free(void *state)
{
	cv_state *cv = state;

	if (cv) {
		close_list(&cv->list);
		gt_hm_free(&cv->hm);
	}
	free(cv);
}

const gt_pane gt_confusion_pane = {
	.title = "Confusion",
	.hint = "hjkl  v view  d data  n pair  Enter rows  x export",
	.help = confusion_help,
	.init = confusion_init,
	.free = confusion_free,
	.layout = confusion_layout,
	.draw = confusion_draw,
	.key = confusion_key,
};
