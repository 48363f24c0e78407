/* tui_balance.c: the Balance pane: per-genre counts before and after
 * cleaning as bars, the train/test supports, the cleaning ledger and the
 * majority-class baseline. Read-only: it draws core state. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/confusion_view.h"
#include "genretui/encode.h"
#include "genretui/textfmt.h"
#include "genretui/tui.h"

#define BAR_X 58      /* first cell of the bars */
#define NOTES_X 49    /* first cell of the notes right of the ledger */

static const char *const balance_help[] = {
	"j k / Up Down\tscroll the genres when not all fit",
	"J K\tscroll the columns of a file read by its own schema",
	"\t(this pane only shows figures; see Browse for the rows)",
	NULL
};

/* Ledger, notes and a fusion line need this many rows under the genres. */
#define BELOW_GENRES 13

typedef struct {
	int first_genre;         /* genres scrolled past (j/k) */
	int first_column;        /* schema lines scrolled past (J/K) */
} balance_state;

/* Classes by descending kept count, as pandas' value_counts prints them. */
static void by_kept(const gt_ledger *L, int k, int order[GT_MAX_CLASSES])
{
	for (int c = 0; c < k; c++)
		order[c] = c;
	for (int i = 1; i < k; i++)
		for (int j = i; j > 0 && L->genre_after[order[j]] > L->genre_after[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

static size_t max_before(const gt_ledger *L, int k)
{
	size_t m = 1;

	for (int c = 0; c < k; c++)
		if (L->genre_before[c] > m)
			m = L->genre_before[c];
	return m;
}

/* Two bars on one row: the count before cleaning, dim, under the count
 * after, bright, both scaled to the largest count before. */
static void draw_bars(const gt_app *app, WINDOW *w, int y, int x, int width,
                      size_t before, size_t after, size_t scale)
{
	char bar[1024];

	wattrset(w, gt_attr(app, GT_C_BAR_ALT));
	gt_fmt_bar(bar, sizeof(bar), (double)before / scale, width, app->utf8 && app->color);
	if (!app->utf8 || !app->color)  /* without colour a '.' track shows what cleaning took */
		for (char *p = bar; *p; p++)
			*p = '.';
	gt_draw_text(w, y, x, width, bar);
	wattrset(w, gt_attr(app, GT_C_BAR));
	gt_fmt_bar(bar, sizeof(bar), (double)after / scale, width, app->utf8);
	gt_draw_text(w, y, x, width, bar);
	wattrset(w, A_NORMAL);
}

/* Cells of the genre names: the longest, at least 12 (the study's), at
 * most NAME_MAX_W; the bars move right by what it takes beyond 12. */
#define NAME_MAX_W 24
static int name_width(const gt_genres *g)
{
	int w = 12;

	for (int c = 0; c < g->k; c++)
		w = gt_text_width(g->name[c]) > w ? gt_text_width(g->name[c]) : w;
	return w < NAME_MAX_W ? w : NAME_MAX_W;
}

/* Lines the columns of a file read by its own schema want under the
 * ledger when the genres do not all fit: a third of the pane, at least 4
 * (the summary on two lines, a column, the "more" line), at most all. */
static int schema_want(const gt_app *app, int height)
{
	const gt_schema *s = app->session.pipe.schema;
	int want = height / 3 > 4 ? height / 3 : 4, all;

	if (!s)
		return 0;
	all = gt_schema_nlines(s) + 1;
	return want < all ? want : all;
}

/* Genre rows that fit above the ledger (all of them on a tall terminal),
 * leaving a file's own schema its share below. */
static int genre_rows(const gt_app *app, int height, int k)
{
	int room = height - 1 - BELOW_GENRES;

	if (k > room)
		room -= schema_want(app, height) > 4 ? schema_want(app, height) - 4 : 0;
	return k <= room ? k : room < 2 ? 2 : room;
}

static void draw_genres(const gt_app *app, const balance_state *st, WINDOW *w, int *y)
{
	const gt_pipeline *p = &app->session.pipe;
	const gt_ledger *L = &p->clean.ledger;
	const gt_genres *gs = &p->clean.genres;
	const size_t *tr = p->train_support, *te = p->test_support;
	size_t scale = max_before(L, gs->k);
	int nw = name_width(gs), bar_x = BAR_X + nw - 12;
	int order[GT_MAX_CLASSES], width = getmaxx(w), barw = width - bar_x;
	int rows = genre_rows(app, getmaxy(w), gs->k), shown = rows < gs->k ? rows - 1 : rows;
	int first_genre = st->first_genre;
	char a[16], b[16], c[16], d[16], e[16], name[GT_GENRE_NAME * 2], label[GT_GENRE_NAME * 2];
	char line[256];

	by_kept(L, gs->k, order);
	wattrset(w, gt_attr(app, GT_C_HEADER));
	snprintf(line, sizeof(line), " %s %8s %8s %7s %8s %7s  %s",
	         gt_fmt_pad(name, sizeof(name), "Genre", nw), "before", "after", "kept", "train",
	         "test", barw > 30 ? "after cleaning (dim: before)"
	                 : barw > 16 ? "after cleaning" : "");
	gt_draw_text(w, (*y)++, 0, width, line);
	wattrset(w, A_NORMAL);
	for (int i = first_genre; i < first_genre + shown; i++, (*y)++) {
		int g = order[i];

		snprintf(line, sizeof(line), " %s %8s %8s %7s %8s %7s",
		         gt_fmt_pad(name, sizeof(name), gt_cv_label(label, sizeof(label), gs, g, nw,
		                                                    gt_cut_mark(app)), nw),
		         gt_fmt_count(a, sizeof(a), L->genre_before[g]),
		         gt_fmt_count(b, sizeof(b), L->genre_after[g]),
		         gt_fmt_percent(c, sizeof(c), (double)L->genre_after[g], (double)L->genre_before[g]),
		         gt_fmt_count(d, sizeof(d), tr[g]), gt_fmt_count(e, sizeof(e), te[g]));
		gt_draw_text(w, *y, 0, width, line);
		if (barw > 4)
			draw_bars(app, w, *y, bar_x, barw - 1, L->genre_before[g], L->genre_after[g], scale);
	}
	if (shown < gs->k) {
		snprintf(line, sizeof(line), " genres %d-%d of %d (j/k scroll)", first_genre + 1,
		         first_genre + shown, gs->k);
		wattrset(w, A_DIM);
		gt_draw_text(w, (*y)++, 0, width, line);
		wattrset(w, A_NORMAL);
	}
}

/* One ledger row: label, count, share of the rows read. */
static void ledger_row(WINDOW *w, int y, int width, const char *label, size_t n, size_t total)
{
	char count[16], pct[16], line[128];

	snprintf(line, sizeof(line), " %-26s %8s %7s", label, gt_fmt_count(count, sizeof(count), n),
	         gt_fmt_percent(pct, sizeof(pct), (double)n, (double)total));
	gt_draw_text(w, y, 0, width, line);
}

/* Rows the sets hold beyond the kept ones: the improved preset fills in
 * the unknown durations and tempos the study drops, and those rows join
 * the training side only (0 for the study's preparation). */
static size_t imputed_rows(const gt_pipeline *p)
{
	size_t sets = p->train.n + p->test.n, kept = p->clean.ledger.kept;

	return sets > kept ? sets - kept : 0;
}

static void draw_ledger(const gt_app *app, WINDOW *w, int *y)
{
	const gt_ledger *L = &app->session.pipe.clean.ledger;
	int width = getmaxx(w) < 46 ? getmaxx(w) : 46;

	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, (*y)++, 0, width, " Cleaning ledger                 rows  of read");
	wattrset(w, A_NORMAL);
	ledger_row(w, (*y)++, width, "rows read", L->rows_read, L->rows_read);
	for (int f = 1; f < GT_NFATES; f++)
		if (L->fate[f] || f == GT_FATE_BLANK)
			ledger_row(w, (*y)++, width, gt_fate_text((gt_fate)f), L->fate[f], L->rows_read);
	wattrset(w, gt_attr(app, GT_C_DROPPED));
	ledger_row(w, (*y)++, width, "dropped in all", L->dropped, L->rows_read);
	wattrset(w, gt_attr(app, GT_C_KEPT) | A_BOLD);
	ledger_row(w, (*y)++, width, "kept", L->kept, L->rows_read);
	wattrset(w, A_NORMAL);
	if (imputed_rows(&app->session.pipe)) {   /* so that the sets add up */
		ledger_row(w, (*y)++, width, "+ imputed, joined training",
		           imputed_rows(&app->session.pipe), L->rows_read);
		ledger_row(w, (*y)++, width, "= train + test rows",
		           app->session.pipe.train.n + app->session.pipe.test.n, L->rows_read);
	}
}

/* A heading in the header colour. */
static void heading(const gt_app *app, WINDOW *w, int y, int x, int width, const char *text)
{
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, y, x, width, text);
	wattrset(w, A_NORMAL);
}

/* The study's unknown fractions, right of the ledger. */
static void draw_unknowns(const gt_app *app, WINDOW *w, int *y, int x, int width)
{
	const gt_ledger *L = &app->session.pipe.clean.ledger;
	double n = L->complete ? (double)L->complete : 1.0;
	char a[16], line[128];

	snprintf(line, sizeof(line), "Unknown, of %s complete rows",
	         gt_fmt_count(a, sizeof(a), L->complete));
	heading(app, w, (*y)++, x, width, line);
	snprintf(line, sizeof(line), "duration -1 %7s  %.5g",
	         gt_fmt_count(a, sizeof(a), L->unknown_duration), L->unknown_duration / n);
	gt_draw_text(w, (*y)++, x, width, line);
	snprintf(line, sizeof(line), "tempo '?'   %7s  %.5g",
	         gt_fmt_count(a, sizeof(a), L->unknown_tempo), L->unknown_tempo / n);
	gt_draw_text(w, (*y)++, x, width, line);
	if (!L->unknown_key)
		return;
	snprintf(line, sizeof(line), "key -1      %7s  %.5g",
	         gt_fmt_count(a, sizeof(a), L->unknown_key), L->unknown_key / n);
	gt_draw_text(w, (*y)++, x, width, line);
}

/* What always answering the most common training genre would score. */
static void draw_baseline(const gt_app *app, WINDOW *w, int *y, int x, int width)
{
	const gt_pipeline *p = &app->session.pipe;
	const size_t *tr = p->train_support, *te = p->test_support;
	char a[16], b[16], line[160];
	int major = 0;

	for (int c = 1; c < p->clean.genres.k; c++)
		if (tr[c] > tr[major])
			major = c;
	heading(app, w, (*y)++, x, width, "Majority-class baseline");
	snprintf(line, sizeof(line), "always %s: %.1f%% of test",
	         gt_genre_name(&p->clean.genres, major), p->test.n ? 100.0 * te[major] / p->test.n : 0);
	gt_draw_text(w, (*y)++, x, width, line);
	snprintf(line, sizeof(line), "(%s of %s test rows)", gt_fmt_count(a, sizeof(a), te[major]),
	         gt_fmt_count(b, sizeof(b), p->test.n));
	gt_draw_text(w, (*y)++, x, width, line);
	snprintf(line, sizeof(line), "split seed %u: %s train", app->cli->split_seed,
	         gt_fmt_count(a, sizeof(a), p->train.n));
	gt_draw_text(w, (*y)++, x, width, line);
	if (imputed_rows(p)) {
		snprintf(line, sizeof(line), "(%s of them imputed rows)",
		         gt_fmt_count(a, sizeof(a), imputed_rows(p)));
		gt_draw_text(w, (*y)++, x, width, line);
	}
}

/* A file read by its own schema: the rows whose only fault is an empty
 * or unusable input cell, and what the presets do with them. */
static void draw_own_unknowns(const gt_app *app, WINDOW *w, int *y, int x, int width)
{
	const gt_pipeline *p = &app->session.pipe;
	size_t n = 0;
	char a[16], line[128];

	for (size_t t = 0; t < p->clean.ntracks; t++)
		n += p->clean.tracks[t].unknown != 0;
	heading(app, w, (*y)++, x, width, "Rows with empty input cells");
	snprintf(line, sizeof(line), "%s: %s", gt_fmt_count(a, sizeof(a), n),
	         !n ? "none" : p->prep == GT_PREP_IMPUTE ? "filled with training medians"
	                                                 : "dropped (improved: filled)");
	gt_draw_text(w, (*y)++, x, width, line);
}

/* The notes right of the ledger; returns the row after them. */
static int draw_notes(const gt_app *app, WINDOW *w, int y, int x)
{
	int width = getmaxx(w) - x;

	if (width < 20)
		return y;
	if (app->session.pipe.schema)
		draw_own_unknowns(app, w, &y, x, width);
	else
		draw_unknowns(app, w, &y, x, width);
	y++;
	draw_baseline(app, w, &y, x, width);
	return y;
}

/* Tracks the file lists under several genres, by genre set, as many as fit. */
static void draw_fusion(const gt_app *app, WINDOW *w, int y)
{
	const gt_fusion *f = &app->session.pipe.fusion;
	int width = getmaxx(w), rows = getmaxy(w) - y - 1;
	char a[16], b[16], name[128], line[256];

	if (rows < 1)
		return;
	snprintf(line, sizeof(line), " Tracks under several genres (same artist and track): %s tracks, %s rows",
	         gt_fmt_count(a, sizeof(a), f->multi_tracks), gt_fmt_count(b, sizeof(b), f->multi_rows));
	heading(app, w, y++, 0, width, line);
	for (size_t i = 0; i < f->ncombos && (int)i < rows - 1; i++) {
		gt_fusion_set_name(&f->combos[i].set, &app->session.pipe.clean.genres, name,
		                   sizeof(name));
		snprintf(line, sizeof(line), " %-40s %8s", name, gt_fmt_count(a, sizeof(a), f->combos[i].tracks));
		gt_draw_text(w, y++, 0, width, line);
	}
}

/* The schema's summary line, on two lines (*second) cut after a "; "
 * when it does not fit in width cells; the first into line. */
static void split_summary(const gt_schema *s, int width, char *line, size_t n, char *second,
                          size_t n2)
{
	char *cut = NULL;

	second[0] = '\0';
	gt_schema_line(s, 0, (int)n, line, n);
	if (gt_text_width(line) <= width)
		return;
	for (char *p = strstr(line, "; "); p; p = strstr(p + 1, "; ")) {
		char keep = p[1];

		p[1] = '\0';
		if (gt_text_width(line) <= width)
			cut = p;
		p[1] = keep;
	}
	if (!cut)
		return;
	snprintf(second, n2, "  %s", cut + 2);
	cut[1] = '\0';
}

/* A file read by its own schema: its summary, then its columns and their
 * roles, from row y down, scrolled by st->first_column. */
static void draw_schema(const gt_app *app, const balance_state *st, WINDOW *w, int y)
{
	const gt_schema *s = app->session.pipe.schema;
	int width = getmaxx(w), room = getmaxy(w) - y - 1, ncol = gt_schema_nlines(s) - 1;
	int first = st->first_column, lines;
	char line[512], second[512];

	if (room < 2)
		return;
	split_summary(s, width - 1, line, sizeof(line), second, sizeof(second));
	heading(app, w, y++, 1, width - 1, line);
	room--;
	if (second[0] && room > 2) {
		heading(app, w, y++, 1, width - 1, second);
		room--;
	}
	if (first > ncol - room)                /* the last lines fill the room */
		first = ncol - room > 0 ? ncol - room : 0;
	for (lines = 0; first + lines < ncol && lines < room; lines++) {
		int i = 1 + first + lines;

		if (lines == room - 1 && i < ncol) {
			snprintf(line, sizeof(line), "... %d more columns (J/K scroll)", ncol + 1 - i);
			gt_draw_text(w, y++, 1, width - 1, line);
			break;
		}
		gt_schema_line(s, i, width - 1, line, sizeof(line));
		gt_draw_text(w, y++, 1, width - 1, line);
	}
}

/* Keep the genres scrolled within those that do not fit. */
static void balance_layout(gt_app *app, void *state, int height, int width)
{
	balance_state *st = state;
	int k = app->session.pipe.clean.genres.k, rows = genre_rows(app, height, k);
	int shown = rows < k ? rows - 1 : rows;

	(void)width;
	if (st->first_genre > k - shown)
		st->first_genre = k - shown;
	if (app->session.pipe.schema) {
		int lines = gt_schema_nlines(app->session.pipe.schema) - 1;

		if (st->first_column > lines - 1)
			st->first_column = lines - 1;
		if (st->first_column < 0)
			st->first_column = 0;
	}
}

static void balance_draw(const gt_app *app, const void *state, WINDOW *w)
{
	int y = 0, ledger_top, notes_end;

	werase(w);
	draw_genres(app, state, w, &y);
	y++;
	ledger_top = y;
	draw_ledger(app, w, &y);
	notes_end = draw_notes(app, w, ledger_top, NOTES_X);
	y = (y > notes_end ? y : notes_end) + 1;                /* under both */
	if (app->session.pipe.schema)
		draw_schema(app, state, w, y);
	else
		draw_fusion(app, w, y);
}

static void *balance_init(gt_app *app)
{
	(void)app;
	return calloc(1, sizeof(balance_state));
}

static int balance_key(gt_app *app, void *state, int ch)
{
	balance_state *st = state;

	(void)app;
	if (ch == 'J')
		st->first_column++;    /* (clamped by the layout) */
	else if (ch == 'K')
		st->first_column -= st->first_column > 0;
	else if (ch == 'j' || ch == KEY_DOWN)
		st->first_genre++;     /* (clamped by the layout) */
	else if ((ch == 'k' || ch == KEY_UP) && st->first_genre > 0)
		st->first_genre--;
	else
		return ch == 'k' || ch == KEY_UP;
	return 1;
}

const gt_pane gt_balance_pane = {
	.title = "Balance",
	.hint = "per-genre counts, ledger, split  j/k genres",
	.help = balance_help,
	.init = balance_init,
	.free = free,
	.layout = balance_layout,
	.draw = balance_draw,
	.key = balance_key,
};
