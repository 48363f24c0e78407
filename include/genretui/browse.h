/* browse.h: the model behind the Browse pane, free of curses.
 *
 * A gt_browser is a view of the raw dataset: which rows are shown and in what
 * order (filters, sort), where the cursor and the first visible row are,
 * which of the 18 columns has the focus and how wide each is drawn, a text
 * search, and per-column summaries of the rows shown. The pane draws it and
 * feeds it keys; the tests drive it directly.
 *
 * Positions ("pos") index the rows shown, 0 .. n-1; "rows" are dataset rows,
 * 0 .. ds->nrows-1. Everything proportional to the file (filtering, sorting,
 * summaries, search) runs once per change or per request, never per draw:
 * drawing touches only the visible rows. */
#ifndef GENRETUI_BROWSE_H
#define GENRETUI_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"

/* Which fates are shown. */
/* MULTI: rows of tracks listed under several genres (fusion.h). */
typedef enum { GT_SHOW_ALL, GT_SHOW_KEPT, GT_SHOW_DROPPED, GT_SHOW_MULTI, GT_NSHOW } gt_show;

#define GT_BROWSE_TOP 10         /* most frequent values kept per text column */
#define GT_BROWSE_BINS 12        /* histogram bins per numeric column */
#define GT_BROWSE_MAX_WIDTH 30   /* cap of a fitted column width, cells */
#define GT_BROWSE_LABEL 160      /* bytes of a row-set label */

/* Summary of one column over the rows shown. */
typedef struct {
	int numeric;          /* summarised as numbers (else as text) */
	size_t rows;          /* rows looked at (= rows shown) */
	size_t count;         /* numeric: cells holding a number; text: non-empty */
	size_t missing;       /* numeric: empty or not a number ('?'); text: empty */
	double min, median, mean, max;     /* numeric, over count values */
	size_t bins[GT_BROWSE_BINS];       /* numeric: values in equal bins from
	                                      min to max (max in the last) */
	size_t distinct;                   /* text: distinct non-empty values */
	const char *top[GT_BROWSE_TOP];    /* text: most frequent, into the dataset */
	size_t top_n[GT_BROWSE_TOP];       /* ... and their counts; 0 = none */
} gt_colstats;

typedef struct {
	const gt_dataset *ds;
	const gt_clean *clean;
	const uint32_t *genres;     /* [nrows] genre bits of each row's track
	                               (fusion.h), or NULL: set after init */
	/* filters, combined with AND */
	gt_show show;
	int genre;                  /* class (clean->genres), or -1 for every genre */
	unsigned char *pick;        /* [nrows] 1 = in the row set, or NULL */
	size_t npick;               /* rows in the row set */
	char label[GT_BROWSE_LABEL];/* what the row set is ("" if none) */
	/* order */
	int sort_col;               /* gt_column, or -1 for file order */
	int sort_desc;              /* descending */
	/* the rows shown */
	size_t *idx;                /* [n] dataset row at each position */
	size_t *pos;                /* [nrows] position of each row, or (size_t)-1 */
	size_t n;
	/* vertical: positions */
	size_t cur, top;            /* cursor; first visible position */
	size_t height;              /* data rows visible (>= 1), set by the pane */
	/* horizontal: columns */
	int col;                    /* focused column */
	int left;                   /* first scrolled column drawn */
	int width[GT_NCOLS];        /* drawn width of each column, cells */
	int fitted[GT_NCOLS];       /* width fitted to the content */
	/* summaries, computed on request for the rows shown */
	gt_colstats stats[GT_NCOLS];
	unsigned char stats_ok[GT_NCOLS];
} gt_browser;

/* Start showing every row of ds in file order, widths fitted to a sample.
 * ds and cl must outlive b. Returns 0, or -1 when out of memory. */
int gt_browser_init(gt_browser *b, const gt_dataset *ds, const gt_clean *cl);
void gt_browser_free(gt_browser *b);

/* ---- What is shown. Each returns 0, or -1 when out of memory (the view
 * is then left as it was). The cursor stays on its row if it is still
 * shown, else it goes to the first row. */
int gt_browser_set_show(gt_browser *b, gt_show show);
int gt_browser_set_genre(gt_browser *b, int genre);
/* Show only rows[0..n-1] (dataset rows; out-of-range ones are ignored,
 * duplicates count once; file order unless sorted), described by label. */
int gt_browser_set_rows(gt_browser *b, const size_t *rows, size_t n, const char *label);
/* Drop every filter: all rows. The sort stays. */
int gt_browser_clear(gt_browser *b);
/* Sort by column col (-1: file order), ascending or descending. Numeric
 * columns compare as numbers (gt_parse_number), text ignoring ASCII case;
 * cells that are empty or not numbers come last either way; ties keep file
 * order. The cursor goes to the first row. */
int gt_browser_sort(gt_browser *b, int col, int desc);

/* Is column c summarised and sorted as numbers? */
int gt_browser_numeric(int c);
/* Short tag of a fate for a narrow column: "ok", "blank", "?tempo",
 * "-1dur", "both", "?key", "missing", "invalid", "malform" (at most 7
 * bytes). */
const char *gt_browser_fate_tag(gt_fate f);
/* Dataset row at position p (p < b->n). */
size_t gt_browser_row(const gt_browser *b, size_t p);

/* ---- Moving. All clamp to the rows shown and keep the cursor visible. */
void gt_browser_set_height(gt_browser *b, size_t height);
/* Cursor by delta rows (a line, a page: +-height, half a page). */
void gt_browser_move(gt_browser *b, long delta);
/* The view by delta rows. with_cursor: the cursor moves as far too, keeping
 * its place on the screen where it can (Ctrl-d/u); else it stays on its row
 * unless that leaves the screen (the mouse wheel). */
void gt_browser_scroll(gt_browser *b, long delta, int with_cursor);
/* Cursor to position p (clamped; (size_t)-1 for the last row); a row off
 * the screen comes to its middle. */
void gt_browser_goto(gt_browser *b, size_t p);
/* Cursor to the row that starts on file line `line` (or the record that
 * spans it). Returns 0; -1 if no row has that line; -2 if the row is not
 * shown (filtered out); the cursor then stays. */
int gt_browser_goto_line(gt_browser *b, long line);

/* ---- Columns. avail is the width in cells for the scrolled columns (the
 * frozen column excluded); each drawn column takes width + 1 for the gap. */
/* Focus column c (clamped) and scroll so it is drawn. */
void gt_browser_focus(gt_browser *b, int c, int avail);
/* Number of columns drawn from b->left within avail (at least 1). */
int gt_browser_ncols_drawn(const gt_browser *b, int avail);
/* Widen (delta > 0) or narrow the focused column, within 3..120 cells;
 * delta 0 restores the fitted width. */
void gt_browser_resize_col(gt_browser *b, int delta);
/* Fit every width to the header and the text of up to ~2,000 sampled rows
 * (the first 500 and an even spread), capped at GT_BROWSE_MAX_WIDTH. */
void gt_browser_fit_widths(gt_browser *b);
/* Cell text as drawn: made terminal-safe (gt_text_safe) into out. */
const char *gt_browser_cell_text(const gt_browser *b, size_t row, int c,
                                 char *out, size_t outsz);

/* ---- Search: the drawn text of all 18 cells of each row, ignoring case
 * (ASCII, and other letters as towlower knows them in the locale).
 * dir +1 searches forward from the row after the cursor, -1 backward from
 * the row before, wrapping around the rows shown. On a match the cursor
 * goes to the row and the focus to the first matching column (*col), and
 * *wrapped says whether the search passed an end. Returns 1 if found, 0 if
 * not (or if q is empty), -1 when out of memory. */
int gt_browser_search(gt_browser *b, const char *q, int dir, int *col, int *wrapped);
/* Does row r match query q (which is already folded by gt_browser_fold)?
 * Returns the first matching column, or -1. */
int gt_browser_row_matches(const gt_browser *b, size_t r, const unsigned *q, size_t qn);
/* Fold UTF-8 text s to lower-case code points into out[outn]; returns the
 * count, or (size_t)-1 if it does not fit. */
size_t gt_browser_fold(const char *s, unsigned *out, size_t outn);

/* ---- Summary of column c over the rows shown, computed on the first
 * request after a filter change and cached. NULL when out of memory. */
const gt_colstats *gt_browser_stats(gt_browser *b, int c);

#endif
