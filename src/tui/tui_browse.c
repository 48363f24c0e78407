/* tui_browse.c: the Browse pane: the raw rows of the file with their
 * cleaning fate, a sticky header, a frozen line/fate column, filters, sort,
 * search and a summary of the focused column. Drawing and keys only; the
 * view itself (which rows, in what order, where the cursor is) is the
 * curses-free gt_browser of browse.c.
 *
 * Pane layout, top to bottom: what is shown (counts, filters, order, the
 * search and its count, and at the right the cursor's file line); the
 * column header; the rows (or, after Enter, the cursor's row field by
 * field); the focused column's summary; the focused row's fate in words,
 * or the prompt while typing a search, a filter or a line number. From 150
 * columns on, a side panel shows the focused row field by field and the
 * column summary in full instead of the summary line.
 *
 * Every number that names a row here is its file line (the header is line
 * 1), as ':' takes it: the frozen column, the counter, the row detail. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/browse.h"
#include "genretui/track_genres.h"
#include "genretui/textfmt.h"
#include "genretui/train.h"       /* gt_now */
#include "genretui/tui.h"

#define CTRL(c) ((c) & 0x1f)
#define TAG_W 7          /* cells of the fate column ("malform") */
#define SIDE_MIN 150     /* window width from which the side panel is drawn */
#define SIDE_W 46        /* its width, cells */
#define WHEEL_ROWS 3     /* rows scrolled per wheel notch */
#define COUNT_NOW 0.03  /* seconds a search counts its matches at once ... */
#define COUNT_S 0.02     /* ... then at most this much per tick, between keys */
#define COUNT_CHUNK 2048 /* rows counted between looks at the clock */
#define DRAWN_MAX 512    /* columns drawn at most (each takes 4 cells or more) */

typedef enum { TYPE_NONE, TYPE_SEARCH, TYPE_LINE, TYPE_FILTER } typing;

struct gt_browse {
	gt_browser b;
	typing mode;             /* what the prompt is being typed for */
	char input[128];         /* the prompt's text (UTF-8) */
	int avail;               /* cells for the data columns, last layout */
	const gt_colstats *stats;/* the focused column's summary, last layout (or NULL) */
	int detail;              /* the row detail is open (Enter) */
	size_t nhits, hit_at;    /* rows matching the search; how many up to the cursor */
	int seek_dir;            /* a search is going on, forward (1) or back (-1) */
	size_t seek_k;           /* ... and has looked at this many rows */
};

static const char *const browse_help[] = {
	"j k h l arrows\trow down / up, column left / right (^ $: first / last)",
	"PgDn PgUp\tpage down / up (Ctrl-f Ctrl-b Space; mouse wheel)",
	"Ctrl-d Ctrl-u\thalf a page down / up; g G Home End: first / last row",
	":\tgo to a file line (every row number here is a file line)",
	"/  n N\tsearch (regular expression, any case); next / previous",
	"Enter\trow detail: each field, its text in the file, the fate",
	"s S\tsort by the column up / down; again: file order",
	"f  F\tshow all / kept / dropped / several genres; one genre",
	",\tfilter: only rows with the value under the cursor",
	"|\tfilter COLUMN OP VALUE: = != < <= > >= ~ !~ (tempo>120)",
	"c\tclear every filter (also rows sent from Confusion)",
	"!  -  +\tpin the column (stays at the left) / hide it / show all",
	"< > =\tnarrow / widen / refit the column",
	"#\tnumbers to 12, 6, 4, 3 significant digits, as in the file",
	"\t(widths follow; / and ~ look at the numbers as shown)",
	"kept\tfate: used by the study; the fates below are dropped",
	"-1dur ?tempo\tunknown duration / tempo (improved preset fills them in)",
	"both  ?key\tunknown duration and tempo / unknown key",
	"blank missing\ta blank row / an empty field",
	"invalid\tout of range or not a number; malform: wrong field count",
	"\ta file read by its own schema: missing is an empty or unusable",
	"\tinput cell (the improved preset fills it in)",
	NULL
};

enum { G_BAR, G_MORE, G_UP, G_DOWN, G_LEFT, G_RIGHT, G_DOT };

/* Glyphs, with ASCII stand-ins when the terminal is not UTF-8. */
static const char *glyph(const gt_app *app, int which)
{
	static const char *const utf8[] = { "\u2502", "\u2026", "\u25b2", "\u25bc",
	                                    "\u25c0", "\u25b6", "\u00b7" };
	static const char *const ascii[] = { "|", "~", "^", "v", "<", ">", "|" };

	return app->utf8 ? utf8[which] : ascii[which];
}

/* Cells of the line numbers: the widest line, at least "line". */
static int line_width(const gt_dataset *ds)
{
	char buf[24];
	int n = ds->nrows ? snprintf(buf, sizeof(buf), "%ld", ds->line[ds->nrows - 1]) : 0;

	return n > 4 ? n : 4;
}

/* Cells of the frozen column: line, fate, a bar and a space. */
static int frozen_width(const gt_dataset *ds)
{
	return line_width(ds) + 1 + TAG_W + 1 + 2;
}

/* Draw s in cells [x, x + width) of row y, right-aligned if right, cut with
 * a marker when it does not fit. */
static void draw_cell(const gt_app *app, WINDOW *w, int y, int x, int width,
                      const char *s, int right)
{
	int tw = gt_text_width(s), used;

	if (width <= 0)
		return;
	if (tw <= width) {
		gt_draw_text(w, y, x + (right ? width - tw : 0), width, s);
		return;
	}
	used = gt_draw_text(w, y, x, width - 1, s);
	gt_draw_text(w, y, x + used, 1, glyph(app, G_MORE));
}

/* ---- the line of what is shown ---- */

static const char *show_name(gt_show s)
{
	return s == GT_SHOW_KEPT ? "kept" : s == GT_SHOW_DROPPED ? "dropped" :
	       s == GT_SHOW_MULTI ? "several genres" : "all";
}

/* Append printf-style text to line (n bytes), cut to fit. */
static void add(char *line, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(char *line, size_t n, const char *fmt, ...)
{
	size_t len = strlen(line);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line + len, n - len, fmt, ap);
	va_end(ap);
}

static void draw_info(const gt_app *app, const struct gt_browse *s, WINDOW *w, int width)
{
	const gt_browser *b = &s->b;
	char shown[32], total[32], line[1024], pos[80], q[80], c1[32], c2[32];
	int x;

	/* what differs from every row in file order, nothing more: it must
	 * fit 80 columns beside the counter */
	snprintf(line, sizeof(line), " %s of %s rows", gt_fmt_count(shown, sizeof(shown), b->n),
	         gt_fmt_count(total, sizeof(total), b->ds->nrows));
	if (b->pick)
		add(line, sizeof(line), ": %s", b->label);
	if (b->genre >= 0)
		add(line, sizeof(line), "   genre: %s", gt_genre_name(&b->clean->genres, b->genre));
	for (int i = 0; i < b->nfilters; i++)
		add(line, sizeof(line), "%s%s", i ? ", " : "   where ", b->filters[i].label);
	if (b->show != GT_SHOW_ALL)
		add(line, sizeof(line), "   show: %s", show_name(b->show));
	if (b->sort_col >= 0)
		add(line, sizeof(line), "   order: %s %s", gt_browser_name(b, b->sort_col),
		    b->sort_desc ? glyph(app, G_DOWN) : glyph(app, G_UP));
	gt_text_safe(b->pattern, q, sizeof(q), 40);
	if (q[0] && gt_browser_counted(b))
		add(line, sizeof(line), "   /%s: %s of %s", q, gt_fmt_count(c1, sizeof(c1), s->hit_at),
		    gt_fmt_count(c2, sizeof(c2), s->nhits));
	else if (q[0])
		add(line, sizeof(line), "   /%s: counting, %s so far", q,
		    gt_fmt_count(c2, sizeof(c2), s->nhits));
	if (b->norder < b->ncols)
		add(line, sizeof(line), "   hidden: %d (+)", b->ncols - b->norder);
	if (b->digits == 0)
		add(line, sizeof(line), "   numbers as in the file (#)");
	else if (b->digits != GT_BROWSE_DIGITS)
		add(line, sizeof(line), "   %d digits (#)", b->digits);
	if (b->pick || b->nfilters || b->genre >= 0 || b->show != GT_SHOW_ALL)
		add(line, sizeof(line), "   (c clears)");
	if (b->n)       /* the counter first: the rest is cut to fit beside it */
		snprintf(pos, sizeof(pos), "  line %ld  %d%% ", b->ds->line[gt_browser_row(b, b->cur)],
		         (int)((b->cur + 1) * 100 / b->n));
	else
		pos[0] = '\0';
	x = (int)strlen(pos) * 2 < width ? width - (int)strlen(pos) : width;
	if (x < width)
		gt_draw_text(w, 0, x, width - x, pos);
	wattrset(w, A_BOLD);
	gt_draw_text(w, 0, 0, x, line);
	wattrset(w, A_NORMAL);
}

/* ---- the column header ---- */

/* Name of column c with the sort arrow, in width cells at x; a name too
 * long is cut, the arrow is kept. */
static void draw_head_cell(const gt_app *app, const struct gt_browse *s, WINDOW *w, int x,
                           int width, int c)
{
	const gt_browser *b = &s->b;
	const char *arrow = b->sort_col != c ? "" : glyph(app, b->sort_desc ? G_DOWN : G_UP);
	const char *label = gt_browser_name(b, c);
	int aw = *arrow ? 1 : 0, nw;
	char name[256], cut[256];

	if (gt_text_width(label) + aw > width)     /* a narrow column: "dance" */
		label = gt_browser_short_name(b, c);
	if (gt_text_width(label) + aw > width && b->study[c] < 0 && width - aw > 0)
		label = gt_fmt_label(cut, sizeof(cut), (const char *const *)b->name, b->ncols, c,
		                     width - aw, glyph(app, G_MORE));   /* told apart: "chrom…mean" */
	nw = gt_text_width(label);

	wattrset(w, c == b->col ? gt_attr(app, GT_C_CURSOR) | A_BOLD : gt_attr(app, GT_C_HEADER));
	mvwhline(w, 1, x, ' ', width);
	if (nw + aw <= width) {
		snprintf(name, sizeof(name), "%s%s", label, arrow);
		draw_cell(app, w, 1, x, width, name, gt_browser_numeric(b, c));
	} else if (aw) {
		gt_draw_text(w, 1, x, width - 1, label);
		gt_draw_text(w, 1, x + width - 1, 1, arrow);
	} else
		draw_cell(app, w, 1, x, width, label, 0);
}

static void draw_header(const gt_app *app, const struct gt_browse *s, WINDOW *w, int width)
{
	const gt_browser *b = &s->b;
	int lw = line_width(b->ds), x = frozen_width(b->ds), cols[DRAWN_MAX];
	int n = gt_browser_drawn(b, s->avail, cols, DRAWN_MAX), i;
	char head[64];

	wattrset(w, gt_attr(app, GT_C_HEADER));
	mvwhline(w, 1, 0, ' ', width);
	snprintf(head, sizeof(head), "%*s %-*s ", lw, "line", TAG_W, "fate");
	gt_draw_text(w, 1, 0, width, head);
	if (x - 2 < width)
		gt_draw_text(w, 1, x - 2, 1, glyph(app, b->left > b->npinned ? G_LEFT : G_BAR));
	for (i = 0; i < n && x < width; i++) {
		int c = cols[i], cw = b->width[c] < width - x ? b->width[c] : width - x;

		draw_head_cell(app, s, w, x, cw, c);
		x += b->width[c] + 1;
		if (i + 1 == b->npinned && x - 1 < width) {   /* pinned | scrolled */
			wattrset(w, gt_attr(app, GT_C_HEADER));
			gt_draw_text(w, 1, x - 1, 1, glyph(app, b->left > b->npinned ? G_LEFT : G_BAR));
		}
	}
	wattrset(w, gt_attr(app, GT_C_HEADER));
	if (b->left + (n - b->npinned) < b->norder || x - 1 > width)
		gt_draw_text(w, 1, width - 1, 1, glyph(app, G_RIGHT));
	wattrset(w, A_NORMAL);
}

/* ---- the rows ---- */

/* Line number and fate of row r at row y. */
static void draw_frozen(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y,
                        size_t r, attr_t base)
{
	const gt_browser *b = &s->b;
	gt_fate f = (gt_fate)b->clean->fates[r].fate;
	int lw = line_width(b->ds);
	char num[32];

	snprintf(num, sizeof(num), "%*ld", lw, b->ds->line[r]);
	wattrset(w, base);
	gt_draw_text(w, y, 0, lw, num);
	if (base == A_NORMAL)    /* not the cursor row */
		wattrset(w, gt_attr(app, f == GT_FATE_KEPT ? GT_C_KEPT : GT_C_DROPPED));
	gt_draw_text(w, y, lw + 1, TAG_W, gt_browser_fate_tag(f));
	wattrset(w, base);
	gt_draw_text(w, y, lw + 1 + TAG_W + 1, 1, glyph(app, G_BAR));
}

/* Mark the search's matches in text, drawn from cell x0 with at most
 * limit cells shown. */
static void draw_hits(const struct gt_browse *s, WINDOW *w, int y, int x0, int limit,
                      const char *text, attr_t attr)
{
	size_t from = 0, so, eo, len = strlen(text);
	char part[1024];

	while (from <= len && gt_browser_span(&s->b, text, from, &so, &eo)) {
		int off, cells;

		if (eo == so) {                       /* an empty match: step past it */
			unsigned cp;
			size_t k = gt_utf8_decode(text + so, &cp);

			from = so + (k ? k : 1);
			continue;
		}
		snprintf(part, sizeof(part), "%.*s", (int)so, text);
		off = gt_text_width(part);
		snprintf(part, sizeof(part), "%.*s", (int)(eo - so), text + so);
		cells = gt_text_width(part);
		if (off >= limit)
			break;
		wattrset(w, attr);
		gt_draw_text(w, y, x0 + off, cells < limit - off ? cells : limit - off, part);
		from = eo;
	}
}

/* Draw cell (r, c) of the row at y in width cells from x, its matches
 * marked when the row is a match. */
static void draw_data_cell(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y, int x,
                           int width, size_t r, int c, attr_t attr)
{
	const gt_browser *b = &s->b;
	char text[1024];
	int right = gt_browser_numeric(b, c), tw;

	wattrset(w, attr);
	gt_browser_cell_text(b, r, c, text, sizeof(text));
	draw_cell(app, w, y, x, width, text, right);
	if (!gt_browser_row_hit(b, r) || width <= 0)
		return;
	tw = gt_text_width(text);
	draw_hits(s, w, y, tw <= width && right ? x + width - tw : x, tw <= width ? tw : width - 1,
	          text, attr != A_NORMAL ? attr | A_BOLD | A_UNDERLINE : A_REVERSE | A_BOLD);
}

static void draw_row(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y, int width,
                     size_t p)
{
	const gt_browser *b = &s->b;
	size_t r = gt_browser_row(b, p);
	int is_cur = p == b->cur, x = frozen_width(b->ds), cols[DRAWN_MAX];
	int n = gt_browser_drawn(b, s->avail, cols, DRAWN_MAX);
	attr_t base = is_cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL;

	wattrset(w, base);
	mvwhline(w, y, 0, ' ', width);
	draw_frozen(app, s, w, y, r, base);
	for (int i = 0; i < n && x < width; i++) {
		int c = cols[i], cw = b->width[c] < width - x ? b->width[c] : width - x;
		attr_t attr = is_cur && c == b->col ? (base ^ A_REVERSE) | A_BOLD : base;

		wattrset(w, attr);
		if (is_cur && c == b->col)
			mvwhline(w, y, x, ' ', cw);
		draw_data_cell(app, s, w, y, x, cw, r, c, attr);
		x += b->width[c] + 1;
	}
	wattrset(w, A_NORMAL);
}

static void draw_rows(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y0,
                      int nrows, int width)
{
	const gt_browser *b = &s->b;

	if (b->n == 0) {
		gt_draw_text(w, y0 + 1, 2, width - 2, "No rows match. Press c to clear the filters.");
		return;
	}
	for (int i = 0; i < nrows && b->top + (size_t)i < b->n; i++)
		draw_row(app, s, w, y0 + i, width, b->top + (size_t)i);
}

/* ---- the focused column's summary ---- */

/* A number for the summary: %.6g, or "-" if there is none. */
static const char *num(char *buf, size_t n, double v)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.6g", v);
	return buf;
}

/* The summary of st as one line of text (without the column name), with
 * shorter labels if brief. */
static void summary_text(const gt_colstats *st, int brief, char *out, size_t n)
{
	char a[32], m[32], v[4][32], top[3][48];

	gt_fmt_count(a, sizeof(a), st->count);
	gt_fmt_count(m, sizeof(m), st->missing);
	if (st->numeric) {
		snprintf(out, n, brief ? "n %s  miss %s  min %s  med %s  mean %s  max %s"
		         : "numbers %s  missing %s  min %s  median %s  mean %s  max %s", a, m,
		         num(v[0], 32, st->min), num(v[1], 32, st->median),
		         num(v[2], 32, st->mean), num(v[3], 32, st->max));
		return;
	}
	for (int i = 0; i < 3; i++) {
		char s[40], c[24];

		top[i][0] = '\0';
		if (!st->top_n[i])
			continue;
		gt_text_safe(st->top[i], s, sizeof(s), 24);
		snprintf(top[i], sizeof(top[i]), "%s%s (%s)", i ? ", " : "", s,
		         gt_fmt_count(c, sizeof(c), st->top_n[i]));
	}
	gt_fmt_count(v[0], 32, st->distinct);
	snprintf(out, n, "distinct %s  empty %s  top: %s%s%s", v[0], m, top[0], top[1], top[2]);
}

static void draw_summary(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y, int width)
{
	const gt_browser *b = &s->b;
	const gt_colstats *st = s->stats;
	char line[512];
	int x;

	wattrset(w, gt_attr(app, GT_C_HEADER));
	x = gt_draw_text(w, y, 0, width, " ");
	x += gt_draw_text(w, y, x, width - x, gt_browser_name(b, b->col));
	wattrset(w, A_NORMAL);
	if (!st)
		snprintf(line, sizeof(line), "  (out of memory for the summary)");
	else {
		line[0] = line[1] = ' ';
		summary_text(st, 0, line + 2, sizeof(line) - 2);
		if (x + gt_text_width(line) > width)
			summary_text(st, 1, line + 2, sizeof(line) - 2);
	}
	gt_draw_text(w, y, x, width - x, line);
}

/* ---- the side panel (wide windows) ---- */

/* The shown text of cell (r, c), with the file's own text after it when
 * the number shown is rounded ("0.671  file: 0.6709999999999999"; not for
 * "27" from "27.0", the same value). */
static const char *field_text(const gt_browser *b, size_t r, int c, char *out, size_t n)
{
	const char *raw = gt_cell_col(b->ds, r, c);
	size_t len;

	gt_browser_cell_text(b, r, c, out, n);
	len = strlen(out);
	if (gt_browser_numeric(b, c) && strtod(raw, NULL) != strtod(out, NULL) && len + 16 < n) {
		len += (size_t)snprintf(out + len, n - len, "  file: ");
		gt_text_safe(raw, out + len, n - len, 200);
	}
	return out;
}

/* "line 13: -1dur, unknown duration (-1): dropped; ..."; for a file read
 * by its own schema, in its words: "line 7: kept, a row of the training or
 * test set", "line 3: empty field in column 'key'; the improved preset fills it" */
static void fate_line(const gt_browser *b, size_t r, char *out, size_t n)
{
	gt_fate f = (gt_fate)b->clean->fates[r].fate;
	int len;

	if (!b->clean->own_schema) {
		snprintf(out, n, "line %ld: %s, %s", b->ds->line[r], gt_browser_fate_tag(f),
		         gt_browser_fate_legend(f));
		return;
	}
	if (f == GT_FATE_KEPT) {
		snprintf(out, n, "line %ld: kept, a row of the training or test set", b->ds->line[r]);
		return;
	}
	len = gt_clean_describe(b->clean, b->ds, r, out, n);
	if (f == GT_FATE_MISSING && len > 0 && (size_t)len < n)
		snprintf(out + len, n - (size_t)len, "; the improved preset fills it");
}

/* Cells of the field names in the row detail: the longest name and a
 * space, at least 17 (the study's), at most a third of the width. */
static int name_cells(const gt_browser *b, int width)
{
	int w = 17, most = width / 3 > 17 ? width / 3 : 17;

	for (int c = 0; c < b->ncols; c++) {
		int cw = gt_text_width(gt_browser_name(b, c)) + 1;

		w = cw > w ? cw : w;
	}
	return w < most ? w : most;
}

/* The first field listed in a row's fields when `lines` lines show them:
 * 0, unless the focused column would then be below them (a file of many
 * columns): it is then on the last line. */
static int first_field(const gt_browser *b, int lines)
{
	return lines > 0 && b->col >= lines ? b->col - lines + 1 : 0;
}

static void draw_side_record(const gt_app *app, const struct gt_browse *s, WINDOW *w, int x,
                             int width, int *y, int ymax)
{
	const gt_browser *b = &s->b;
	size_t r = gt_browser_row(b, b->cur);
	char text[512], head[GT_ERROR_MAX + 96];
	int nw = name_cells(b, width);

	fate_line(b, r, head, sizeof(head));
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, (*y)++, x, width, head);
	for (int c = first_field(b, ymax - *y); c < b->ncols && *y < ymax; c++, (*y)++) {
		wattrset(w, c == b->col ? A_BOLD : gt_attr(app, GT_C_DIM));
		gt_draw_text(w, *y, x, nw - 1, gt_browser_name(b, c));
		wattrset(w, c == b->col ? A_BOLD : A_NORMAL);
		gt_draw_text(w, *y, x + nw, width - nw, field_text(b, r, c, text, sizeof(text)));
	}
	wattrset(w, A_NORMAL);
}

/* The row detail (Enter) in place of the rows: the fate and what it
 * means, then each field, shown and as in the file. */
static void draw_record(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y0,
                        int nrows, int width)
{
	const gt_browser *b = &s->b;
	size_t r;
	char text[512], head[GT_ERROR_MAX + 96];
	int y = y0, nw = name_cells(b, width - 1);

	if (b->n == 0)
		return;
	r = gt_browser_row(b, b->cur);
	fate_line(b, r, head, sizeof(head));
	wattrset(w, gt_attr(app, GT_C_HEADER));
	mvwhline(w, y, 0, ' ', width);
	gt_draw_text(w, y++, 1, width - 1, head);
	for (int c = first_field(b, y0 + nrows - 1 - y); c < b->ncols && y < y0 + nrows; c++, y++) {
		wattrset(w, c == b->col ? A_BOLD : gt_attr(app, GT_C_DIM));
		gt_draw_text(w, y, 1, nw, gt_browser_name(b, c));
		wattrset(w, c == b->col ? A_BOLD : A_NORMAL);
		gt_draw_text(w, y, nw + 2, width - nw - 2, field_text(b, r, c, text, sizeof(text)));
	}
	wattrset(w, gt_attr(app, GT_C_DIM));
	if (y < y0 + nrows)
		gt_draw_text(w, y, 1, width - 1, "Enter or Esc: back to the rows   j k: next / previous row");
	wattrset(w, A_NORMAL);
}

/* One "label  value" line of the side summary. */
static void side_pair(WINDOW *w, int *y, int x, int width, const char *label, const char *value)
{
	char line[128];

	snprintf(line, sizeof(line), "%-9s %s", label, value);
	gt_draw_text(w, (*y)++, x, width, line);
}

/* Bars of the histogram, one per bin: its lower edge, a bar, its count. */
static void side_histogram(const gt_app *app, WINDOW *w, const gt_colstats *st, int x, int width,
                           int *y, int ymax)
{
	size_t most = 1;
	int barw = width - 19;
	char edge[32], count[32], bar[512], line[96];

	if (st->count == 0 || barw < 4 || *y + GT_BROWSE_BINS + 2 > ymax)
		return;
	for (int i = 0; i < GT_BROWSE_BINS; i++)
		most = st->bins[i] > most ? st->bins[i] : most;
	(*y)++;
	gt_draw_text(w, (*y)++, x, width, "from        values");
	for (int i = 0; i < GT_BROWSE_BINS; i++, (*y)++) {
		snprintf(line, sizeof(line), "%-10s", num(edge, sizeof(edge),
		         st->min + (st->max - st->min) * i / GT_BROWSE_BINS));
		gt_draw_text(w, *y, x, 10, line);
		wattrset(w, app->color ? gt_attr(app, GT_C_BAR) : A_NORMAL);
		gt_fmt_bar(bar, sizeof(bar), (double)st->bins[i] / (double)most, barw, app->utf8);
		gt_draw_text(w, *y, x + 11, barw, bar);
		wattrset(w, A_NORMAL);
		snprintf(line, sizeof(line), "%7s", gt_fmt_count(count, sizeof(count), st->bins[i]));
		gt_draw_text(w, *y, x + 12 + barw, 7, line);
	}
}

static void side_numeric(const gt_app *app, WINDOW *w, const gt_colstats *st, int x, int width,
                         int *y, int ymax)
{
	char v[32];

	side_pair(w, y, x, width, "numbers", gt_fmt_count(v, sizeof(v), st->count));
	side_pair(w, y, x, width, "missing", gt_fmt_count(v, sizeof(v), st->missing));
	side_pair(w, y, x, width, "min", num(v, sizeof(v), st->min));
	side_pair(w, y, x, width, "median", num(v, sizeof(v), st->median));
	side_pair(w, y, x, width, "mean", num(v, sizeof(v), st->mean));
	side_pair(w, y, x, width, "max", num(v, sizeof(v), st->max));
	side_histogram(app, w, st, x, width, y, ymax);
}

static void side_text(WINDOW *w, const gt_colstats *st, int x, int width, int *y, int ymax)
{
	char v[32], s[64], line[96];

	side_pair(w, y, x, width, "filled", gt_fmt_count(v, sizeof(v), st->count));
	side_pair(w, y, x, width, "empty", gt_fmt_count(v, sizeof(v), st->missing));
	side_pair(w, y, x, width, "distinct", gt_fmt_count(v, sizeof(v), st->distinct));
	for (int i = 0; i < GT_BROWSE_TOP && st->top_n[i] && *y < ymax; i++) {
		gt_text_safe(st->top[i], s, sizeof(s), 30);
		snprintf(line, sizeof(line), "%7s  %s", gt_fmt_count(v, sizeof(v), st->top_n[i]), s);
		side_pair(w, y, x, width, i ? "" : "most", line);
	}
}

static void draw_side_stats(const gt_app *app, const struct gt_browse *s, WINDOW *w, int x,
                            int width, int *y, int ymax)
{
	const gt_browser *b = &s->b;
	const gt_colstats *st = s->stats;
	char head[96], c[32];

	snprintf(head, sizeof(head), "Column %s (%s, %s rows)", gt_browser_name(b, b->col),
	         gt_browser_numeric(b, b->col) ? "numeric" : "text", gt_fmt_count(c, sizeof(c), b->n));
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, (*y)++, x, width, head);
	wattrset(w, A_NORMAL);
	if (!st || *y + 6 > ymax)
		return;
	if (st->numeric)
		side_numeric(app, w, st, x, width, y, ymax);
	else
		side_text(w, st, x, width, y, ymax);
}

static void draw_side(const gt_app *app, const struct gt_browse *s, WINDOW *w, int x, int height)
{
	int y = 1, width = getmaxx(w) - x - 1;

	wattrset(w, gt_attr(app, GT_C_DIM));
	for (int i = 1; i < height; i++)
		gt_draw_text(w, i, x - 2, 1, glyph(app, G_BAR));
	wattrset(w, A_NORMAL);
	if (s->b.n)
		draw_side_record(app, s, w, x, width, &y, height);
	y++;
	draw_side_stats(app, s, w, x, width, &y, height);
}

/* ---- the bottom line: the row's fate, or the prompt ---- */

static void draw_prompt(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y, int width)
{
	char text[300];
	int x;

	snprintf(text, sizeof(text), "%s%s", s->mode == TYPE_SEARCH ? "/"
	         : s->mode == TYPE_FILTER ? "filter (COLUMN OP VALUE): " : "go to file line: ",
	         s->input);
	wattrset(w, A_BOLD);
	x = gt_draw_text(w, y, 0, width - 1, text);
	wattrset(w, A_REVERSE);
	gt_draw_text(w, y, x, 1, " ");
	wattrset(w, gt_attr(app, GT_C_DIM));
	if (x + 40 < width)
		gt_draw_text(w, y, width - 31, 31, "Enter: go   Esc: cancel");
	wattrset(w, A_NORMAL);
}

static void draw_detail(const gt_app *app, const struct gt_browse *s, WINDOW *w, int y, int width)
{
	const gt_browser *b = &s->b;
	size_t r;
	char why[300], artist[64], track[64], line[512];

	if (b->n == 0)
		return;
	r = gt_browser_row(b, b->cur);
	gt_clean_describe(b->clean, b->ds, r, why, sizeof(why));
	gt_text_safe(gt_cell(b->ds, r, GT_COL_ARTIST), artist, sizeof(artist), 40);
	gt_text_safe(gt_cell(b->ds, r, GT_COL_TRACK), track, sizeof(track), 40);
	snprintf(line, sizeof(line), " %s%s%s %s %s", why, artist[0] || track[0] ? "   " : "",
	         artist, artist[0] || track[0] ? glyph(app, G_DOT) : "", track);
	if (gt_fusion_is_multi(b->fusion, r)) {
		char set[128];
		size_t len = strlen(line);

		gt_fusion_set_name(gt_fusion_row(b->fusion, r), &app->session.pipe.clean.genres, set,
		                   sizeof(set));
		snprintf(line + len, sizeof(line) - len, "   listed as %s", set);
	}
	wattrset(w, gt_attr(app, b->clean->fates[r].fate == GT_FATE_KEPT ? GT_C_KEPT : GT_C_DROPPED));
	gt_draw_text(w, y, 0, width, line);
	wattrset(w, A_NORMAL);
}

/* Rows of data the window shows, and whether the side panel is drawn. */
static int has_side(int width)
{
	return width >= SIDE_MIN;
}

static int data_rows(int height, int width)
{
	return height - (has_side(width) ? 3 : 4);
}

/* The view fitted to the window: its height, the room for the scrolled
 * columns (the focused one kept in sight), the focused column's summary. */
static void browse_layout(gt_app *app, void *state, int height, int width)
{
	struct gt_browse *s = state;
	int tw = has_side(width) ? width - SIDE_W - 1 : width, nrows = data_rows(height, width);

	(void)app;
	s->avail = tw - frozen_width(s->b.ds);
	gt_browser_fit_room(&s->b, s->avail);
	gt_browser_set_height(&s->b, (size_t)(nrows > 1 ? nrows : 1));
	gt_browser_focus(&s->b, s->b.col, s->avail);
	s->stats = gt_browser_stats(&s->b, s->b.col);
	s->nhits = gt_browser_hits(&s->b, NULL);
	s->hit_at = gt_browser_counted(&s->b) ? gt_browser_hit_at(&s->b) : 0;
}

static void browse_draw(const gt_app *app, const void *state, WINDOW *w)
{
	const struct gt_browse *s = state;
	int height = getmaxy(w), width = getmaxx(w);
	int side = has_side(width), tw = side ? width - SIDE_W - 1 : width;
	int nrows = data_rows(height, width);

	werase(w);
	draw_info(app, s, w, width);
	draw_header(app, s, w, tw);
	if (s->detail)
		draw_record(app, s, w, 1, height - 2, tw);
	else
		draw_rows(app, s, w, 2, nrows, tw);
	if (side)
		draw_side(app, s, w, tw + 3, height - 1);
	else if (!s->detail)          /* the detail takes its line */
		draw_summary(app, s, w, height - 2, width);
	if (s->mode != TYPE_NONE)
		draw_prompt(app, s, w, height - 1, width);
	else
		draw_detail(app, s, w, height - 1, width);
}

/* ---- keys ---- */

static void oom(gt_app *app)
{
	gt_app_message(app, 1, "out of memory: the view is unchanged");
}

/* Count the search's matches for at most seconds: 1 while some rows are
 * left, 2 when the count is done, 0 if there was nothing to do. */
static int count_for(struct gt_browse *s, double seconds)
{
	double end = gt_now() + seconds;

	if (gt_browser_counted(&s->b))
		return 0;
	while (gt_browser_count_step(&s->b, COUNT_CHUNK))
		if (gt_now() >= end)
			return 1;
	return 2;
}

/* The search's place, for a message: "match 3 of 41 rows" (when the count
 * takes longer than COUNT_NOW, the top line shows it when the pane's tick
 * has done it). */
static void say_match(gt_app *app, struct gt_browse *s, int col, const char *wrapped)
{
	char at[32], all[32];
	size_t k, n;

	if (count_for(s, COUNT_NOW) == 1) {
		gt_app_message(app, 0, "%sa match in %s (the count follows on the top line)",
		               wrapped, gt_browser_name(&s->b, col));
		return;
	}
	n = gt_browser_hits(&s->b, NULL);
	k = gt_browser_hit_at(&s->b);
	gt_app_message(app, 0, "%smatch %s of %s rows, in %s", wrapped,
	               gt_fmt_count(at, sizeof(at), k), gt_fmt_count(all, sizeof(all), n),
	               gt_browser_name(&s->b, col));
}

/* Go on with the search for at most seconds: 1 while rows are left (it
 * says how far it is), 2 when it has ended (and said how), 0 if there
 * was none. A search through a million rows that match nothing takes
 * seconds with a regular expression: the keys are read meanwhile. */
static int seek(gt_app *app, struct gt_browse *s, double seconds)
{
	double end = gt_now() + seconds;
	int col, wrapped, rc;
	char q[160], pc[16];

	if (!s->seek_dir)
		return 0;
	while ((rc = gt_browser_search_step(&s->b, s->seek_dir, &s->seek_k, COUNT_CHUNK, &col,
	                                    &wrapped)) == 2 && gt_now() < end)
		;
	gt_text_safe(s->b.pattern, q, sizeof(q), 60);
	if (rc == 2) {
		gt_fmt_percent(pc, sizeof(pc), (double)s->seek_k, (double)s->b.n);
		gt_app_message(app, 0, "searching /%s: %s of the rows looked at (a key stops it)", q, pc);
		return 1;
	}
	if (rc == 0)
		gt_app_message(app, 1, "not found: %s", q);
	else
		say_match(app, s, col, !wrapped ? "" : s->seek_dir > 0 ? "wrapped to the top: "
		                                                       : "wrapped to the bottom: ");
	s->seek_dir = 0;
	return 2;
}

static void search(gt_app *app, struct gt_browse *s, int dir)
{
	if (!s->b.pattern[0]) {
		gt_app_message(app, 0, "no search yet: press / to search");
		return;
	}
	s->seek_dir = dir;
	s->seek_k = 0;
	seek(app, s, COUNT_NOW);
}

/* Enter after '/': a new search (the same one again goes on to the next). */
static void search_new(gt_app *app, struct gt_browse *s)
{
	char err[160];
	int rc = 0;

	if (s->input[0] && strcmp(s->input, s->b.pattern) != 0)
		rc = gt_browser_set_search(&s->b, s->input, err, sizeof(err));
	if (rc == -1)
		oom(app);
	else if (rc == -2)
		gt_app_message(app, 1, "not a regular expression: %s", err);
	else
		search(app, s, +1);
}

static void go_line(gt_app *app, struct gt_browse *s)
{
	const gt_dataset *ds = s->b.ds;
	char typed[64];
	long line = 0;
	int rc;

	if (!s->input[0])
		return;
	gt_text_safe(s->input, typed, sizeof(typed), 40);
	rc = gt_browser_parse_line(s->input, &line);
	if (rc == -1) {
		gt_app_message(app, 1, "not a line number: %s (type the digits of a file line)", typed);
		return;
	}
	rc = rc == -2 ? -1 : gt_browser_goto_line(&s->b, line);
	if (rc == -1 && ds->nrows)
		gt_app_message(app, 1, "there is no line %s: data rows are on file lines %ld to %ld",
		               typed, ds->line[0], ds->line[ds->nrows - 1]);
	else if (rc == -1)
		gt_app_message(app, 1, "no rows");
	else if (rc == -2)
		gt_app_message(app, 1, "line %ld is hidden by the filters (c clears them)", line);
}

static void add_filter(gt_app *app, struct gt_browse *s)
{
	char err[200];
	int rc;

	if (!s->input[0])
		return;
	rc = gt_browser_add_filter(&s->b, s->input, err, sizeof(err));
	if (rc == -1)
		oom(app);
	else if (rc == -2)
		gt_app_message(app, 1, "%s", err);
	else if (rc == -3)
		gt_app_message(app, 1, "%d filters at most: c clears them", GT_BROWSE_FILTERS);
}

/* Remove the last character (all its UTF-8 bytes) of the input. */
static void input_backspace(char *in)
{
	size_t n = strlen(in);

	while (n > 0 && ((unsigned char)in[n - 1] & 0xc0) == 0x80)
		n--;
	in[n > 0 ? n - 1 : 0] = '\0';
}

static void input_end(gt_app *app, struct gt_browse *s)
{
	typing mode = s->mode;

	s->mode = TYPE_NONE;
	if (mode == TYPE_LINE)
		go_line(app, s);
	else if (mode == TYPE_FILTER)
		add_filter(app, s);
	else
		search_new(app, s);
}

/* A key while typing: everything is the prompt's (returns 1). */
static int input_key(gt_app *app, struct gt_browse *s, int ch)
{
	size_t n = strlen(s->input);

	if (ch == 27 || ch == CTRL('c'))           /* Esc, or Ctrl-C as in a shell */
		s->mode = TYPE_NONE;
	else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
		input_end(app, s);
	else if (ch == KEY_BACKSPACE || ch == 127 || ch == CTRL('h')) {
		if (n == 0)
			s->mode = TYPE_NONE;
		input_backspace(s->input);
	} else if (ch == CTRL('u'))
		s->input[0] = '\0';
	else if (ch >= ' ' && ch <= 0xff && ch != 127 && n + 1 < sizeof(s->input)) {
		s->input[n] = (char)ch;         /* ':' takes any text: it is read on Enter */
		s->input[n + 1] = '\0';
	}
	return 1;
}

static void start_input(struct gt_browse *s, typing mode)
{
	s->mode = mode;
	s->input[0] = '\0';
}

static int mouse_key(struct gt_browse *s)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return 1;
	if (ev.bstate & BUTTON4_PRESSED)
		gt_browser_scroll(&s->b, -WHEEL_ROWS, 0);
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		gt_browser_scroll(&s->b, WHEEL_ROWS, 0);
#endif
	return 1;
}

/* s / S: sort by the focused column, or back to file order if it already is. */
static void sort_key(gt_app *app, struct gt_browse *s, int desc)
{
	gt_browser *b = &s->b;
	int same = b->sort_col == b->col && b->sort_desc == desc;

	if (gt_browser_sort(b, same ? -1 : b->col, desc) != 0)
		oom(app);
}

static void filter_key(gt_app *app, struct gt_browse *s, int ch)
{
	gt_browser *b = &s->b;
	int rc;

	if (ch == 'f')
		rc = gt_browser_set_show(b, (gt_show)((b->show + 1) % GT_NSHOW));
	else if (ch == 'F')
		rc = gt_browser_set_genre(b, b->genre + 1 < b->clean->genres.k ? b->genre + 1 : -1);
	else
		rc = gt_browser_clear(b);
	if (rc != 0)
		oom(app);
}

/* , : only the rows with the value under the cursor. */
static void value_key(gt_app *app, struct gt_browse *s)
{
	int rc = gt_browser_filter_value(&s->b, s->b.col);

	if (rc == -1)
		oom(app);
	else if (rc == -2)
		gt_app_message(app, 1, "no row under the cursor");
	else if (rc == -3)
		gt_app_message(app, 1, "%d filters at most: c clears them", GT_BROWSE_FILTERS);
}

/* ! - + : pin, hide, show the columns. */
static void column_key(gt_app *app, struct gt_browse *s, int ch)
{
	gt_browser *b = &s->b;
	int c = b->col, n;

	if (ch == '!')
		gt_app_message(app, 0, "%s %s", gt_browser_name(b, c),
		               gt_browser_pin(b, c) ? "pinned: it stays at the left (! unpins)"
		                                    : "unpinned");
	else if (ch == '-' && gt_browser_hide(b, c) != 0)
		gt_app_message(app, 1, "%s is the only column shown: + shows the others",
		               gt_browser_name(b, c));
	else if (ch == '-')
		gt_app_message(app, 0, "%s hidden (+ shows every column)", gt_browser_name(b, c));
	else if ((n = gt_browser_unhide_all(b)) > 0)
		gt_app_message(app, 0, "%d hidden column%s shown again", n, n == 1 ? "" : "s");
	else
		gt_app_message(app, 0, "no column is hidden (- hides the focused one)");
	gt_browser_focus(b, b->col, s->avail);
}

/* # : the next precision of the numbers. */
static void digits_key(gt_app *app, struct gt_browse *s)
{
	int d = gt_browser_next_digits(s->b.digits, 1), next = gt_browser_next_digits(d, 1);
	char then[40];

	if (gt_browser_set_digits(&s->b, d) != 0) {
		oom(app);
		return;
	}
	if (next)
		snprintf(then, sizeof(then), "# for %d", next);
	else
		snprintf(then, sizeof(then), "# for as in the file");
	if (d)
		gt_app_message(app, 0, "numbers to %d significant digits (%s)", d, then);
	else
		gt_app_message(app, 0, "numbers as in the file (%s)", then);
	gt_browser_focus(&s->b, s->b.col, s->avail);
}

/* Moving keys; returns 0 if ch is not one. */
static int move_key(gt_browser *b, int ch, int avail)
{
	long page = (long)b->height, half = page / 2 > 0 ? page / 2 : 1;

	switch (ch) {
	case 'j': case KEY_DOWN: gt_browser_move(b, 1); break;
	case 'k': case KEY_UP: gt_browser_move(b, -1); break;
	case CTRL('d'): gt_browser_scroll(b, half, 1); break;
	case CTRL('u'): gt_browser_scroll(b, -half, 1); break;
	case CTRL('f'): case KEY_NPAGE: case ' ': gt_browser_scroll(b, page, 1); break;
	case CTRL('b'): case KEY_PPAGE: gt_browser_scroll(b, -page, 1); break;
	case 'g': case KEY_HOME: gt_browser_goto(b, 0); break;
	case 'G': case KEY_END: gt_browser_goto(b, SIZE_MAX); break;
	case 'h': case KEY_LEFT: gt_browser_focus_step(b, -1, avail); break;
	case 'l': case KEY_RIGHT: gt_browser_focus_step(b, 1, avail); break;
	case '^': gt_browser_focus_step(b, -b->ncols, avail); break;
	case '$': gt_browser_focus_step(b, b->ncols, avail); break;
	case '<': gt_browser_resize_col(b, -2); break;
	case '>': gt_browser_resize_col(b, 2); break;
	case '=': gt_browser_resize_col(b, 0); break;
	default: return 0;
	}
	return 1;
}

static int browse_key(gt_app *app, void *state, int ch)
{
	struct gt_browse *s = state;

	if (s->seek_dir && ch != KEY_RESIZE) {   /* a key stops a search going on */
		s->seek_dir = 0;
		gt_app_message(app, 0, "search stopped");
		if (ch == 27)
			return 1;
	}
	if (s->mode != TYPE_NONE)
		return input_key(app, s, ch);
	if (move_key(&s->b, ch, s->avail))
		return 1;
	switch (ch) {
	case '/': start_input(s, TYPE_SEARCH); break;
	case ':': start_input(s, TYPE_LINE); break;
	case '|': start_input(s, TYPE_FILTER); break;
	case ',': value_key(app, s); break;
	case '!': case '-': case '+': column_key(app, s, ch); break;
	case '\n': case '\r': case KEY_ENTER: s->detail = !s->detail; break;
	case 27:
		if (!s->detail)
			return 0;
		s->detail = 0;
		break;
	case 'n': search(app, s, +1); break;
	case 'N': search(app, s, -1); break;
	case 's': sort_key(app, s, 0); break;
	case 'S': sort_key(app, s, 1); break;
	case 'f': case 'F': case 'c': filter_key(app, s, ch); break;
	case '#': digits_key(app, s); break;
	case KEY_MOUSE: return mouse_key(s);
	default: return 0;
	}
	return 1;
}

/* ---- the pane's life ---- */

static void *browse_init(gt_app *app)
{
	struct gt_browse *s = calloc(1, sizeof(*s));

	if (!s || gt_browser_init(&s->b, &app->session.pipe.ds, &app->session.pipe.clean) != 0) {
		free(s);
		return NULL;
	}
	s->b.fusion = &app->session.pipe.fusion;
	return s;
}

static void browse_free(void *state)
{
	struct gt_browse *s = state;

	gt_browser_free(&s->b);
	free(s);
}

/* Take the app's request to show some rows (from a confusion cell); count
 * the search's matches. */
static int browse_tick(gt_app *app, void *state, double budget)
{
	struct gt_browse *s = state;
	gt_rows_request *r = &app->show_rows;

	if (!r->pending && s->seek_dir)
		return seek(app, s, budget < COUNT_S ? budget : COUNT_S);
	if (!r->pending)
		return count_for(s, budget < COUNT_S ? budget : COUNT_S);
	r->pending = 0;
	s->mode = TYPE_NONE;
	s->seek_dir = 0;
	if (gt_browser_set_rows(&s->b, r->rows, r->n, r->label) != 0)
		oom(app);
	return 2;
}

const gt_pane gt_browse_pane = {
	.title = "Browse",
	.hint = "/ search  | filter  ! pin  # digits  Enter row",
	.help = browse_help,
	.init = browse_init,
	.free = browse_free,
	.tick = browse_tick,
	.layout = browse_layout,
	.draw = browse_draw,
	.key = browse_key,
};
