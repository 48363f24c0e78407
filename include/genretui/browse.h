/* browse.h: the model behind the Browse pane, free of curses.
 *
 * A gt_browser is a view of the raw dataset: which rows are shown and in what
 * order (filters, sort), where the cursor and the first visible row are,
 * which of the file's columns (every one, however many: "c" below is a
 * file column, 0 .. ds->ncols-1) has the focus and how wide each is drawn,
 * a text search, and per-column summaries of the rows shown. The pane
 * draws it and feeds it keys; the tests drive it directly.
 *
 * A column is numeric (summarised, sorted, compared and shown as numbers)
 * when it is one of the study's numeric columns, or, for any other column,
 * when at least 3 in 4 of its non-empty sampled cells are numbers
 * (gt_parse_number). A study column is named by its study name (and its
 * short name, and its name in the file); any other by its header name, or
 * "#N" when that is empty; every column also by "#N" (N: 1-based).
 *
 * Positions ("pos") index the rows shown, 0 .. n-1; "rows" are dataset rows,
 * 0 .. ds->nrows-1. Everything proportional to the file (filtering, sorting,
 * summaries, search) runs once per change or per request, never per draw:
 * drawing touches only the visible rows. */
#ifndef GENRETUI_BROWSE_H
#define GENRETUI_BROWSE_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/track_genres.h"

/* Which fates are shown. */
/* MULTI: rows of tracks listed under several genres (track_genres.h). */
typedef enum { GT_SHOW_ALL, GT_SHOW_KEPT, GT_SHOW_DROPPED, GT_SHOW_MULTI, GT_NSHOW } gt_show;

#define GT_BROWSE_TOP 10         /* most frequent values kept per text column */
#define GT_BROWSE_BINS 12        /* histogram bins per numeric column */
#define GT_BROWSE_MAX_WIDTH 30   /* cap of a fitted column width, cells */
#define GT_BROWSE_LABEL 160      /* bytes of a row-set label */
#define GT_BROWSE_FILTERS 8      /* column filters at most */
#define GT_BROWSE_PATTERN 128    /* bytes of a search pattern */

/* A filter on one column: COLUMN OP VALUE. */
typedef enum { GT_OP_EQ, GT_OP_NE, GT_OP_LT, GT_OP_LE, GT_OP_GT, GT_OP_GE,
               GT_OP_MATCH, GT_OP_NOMATCH } gt_filter_op;

typedef struct {
	int col;              /* file column */
	int col_numeric;      /* ... is numeric (its cells shown as numbers) */
	gt_filter_op op;
	char *text;           /* the value (owned) */
	int numeric;          /* compared as numbers: a numeric column and a
	                         value that is a number */
	double num;           /* ... that number */
	int digits;           /* ... its numbers shown to this many significant
	                         digits for ~ and !~ (0: as in the file) */
	regex_t re;           /* GT_OP_MATCH, GT_OP_NOMATCH */
	char label[128];      /* as listed: "tempo>120" */
} gt_bfilter;

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
	const gt_fusion *fusion;    /* the genres of each row's track, or NULL:
	                               set after init */
	/* filters, combined with AND */
	gt_show show;
	int genre;                  /* class (clean->genres), or -1 for every genre */
	unsigned char *pick;        /* [nrows] 1 = in the row set, or NULL */
	size_t npick;               /* rows in the row set */
	char label[GT_BROWSE_LABEL];/* what the row set is ("" if none) */
	gt_bfilter filters[GT_BROWSE_FILTERS];
	int nfilters;
	/* the columns: the file's, with what the view knows of each */
	int ncols;                  /* ds->ncols */
	int *study;                 /* [ncols] study column (gt_column), or -1 */
	unsigned char *numeric;     /* [ncols] numeric (see above) */
	char **name;                /* [ncols] name as shown (terminal-safe) */
	char **brief;               /* [ncols] short name for a narrow header */
	/* order */
	int sort_col;               /* file column, or -1 for file order */
	int sort_desc;              /* descending */
	/* the rows shown */
	size_t *idx;                /* [n] dataset row at each position */
	size_t *pos;                /* [nrows] position of each row, or (size_t)-1 */
	size_t n;
	/* vertical: positions */
	size_t cur, top;            /* cursor; first visible position */
	size_t height;              /* data rows visible (>= 1), set by the pane */
	/* horizontal: columns. They are drawn in `order`: the pinned ones
	 * first (in file order), which stay while the others scroll, then the
	 * rest; hidden ones are left out. */
	int col;                    /* focused column (never hidden) */
	int *order;                 /* [ncols] columns drawn, left to right */
	int norder, npinned;        /* columns in order; the first npinned pinned */
	int left;                   /* index in order of the first scrolled
	                               column drawn (>= npinned) */
	unsigned char *pinned, *hidden;    /* [ncols] */
	int digits;                 /* significant digits of the numbers shown
	                               (gt_fmt_number_digits); 0: as in the file */
	int *width;                 /* [ncols] drawn width of each column, cells */
	int *fitted;                /* [ncols] width fitted to the content */
	unsigned char *resized;     /* [ncols] width set by hand (< >) */
	/* search: a POSIX extended regular expression, any case */
	char pattern[GT_BROWSE_PATTERN];   /* "" when there is none */
	regex_t re;                 /* ... compiled */
	regex_t re_rows;            /* ... without submatches: faster for "any?" */
	int literal;                /* pattern has no special characters */
	unsigned *fq;               /* ... then folded (gt_browser_fold) */
	size_t fqn;
	unsigned char *hit;         /* [nrows] 0 not looked at, 1 no, 2 a match */
	size_t nhits;               /* rows shown known to match */
	size_t nknown;              /* rows shown looked at */
	size_t scan;                /* gt_browser_count_step's next position */
	unsigned long gen;          /* changes whenever the rows shown or the
	                               search change */
	unsigned long at_gen;       /* gt_browser_hit_at's last answer: for */
	size_t at_cur, at;          /* ... this gen and cursor */
	char *rx_text;              /* [GT_BROWSE_CELL_TEXT * ncols + 1] a row's
	                               drawn cells for a regular expression */
	size_t *rx_at;              /* [ncols] where each cell begins there */
	/* summaries, computed on request for the rows shown */
	gt_colstats *stats;         /* [ncols] */
	unsigned char *stats_ok;    /* [ncols] */
} gt_browser;

/* Bytes of a cell's drawn text a regular expression looks at, on average:
 * a row's cells take at most this many times their count. */
#define GT_BROWSE_CELL_TEXT 256

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
int gt_browser_numeric(const gt_browser *b, int c);
/* Name of column c as shown (terminal-safe): its study name, else its
 * header name, else "#N"; "?" if there is no such column. */
const char *gt_browser_name(const gt_browser *b, int c);
/* Short tag of a fate for a narrow column: "kept" (the word the rest of
 * the interface uses), "blank", "?tempo", "-1dur", "both", "?key",
 * "missing", "invalid", "malform" (at most 7 bytes). */
const char *gt_browser_fate_tag(gt_fate f);
/* What a tag means, for the legend: "unknown tempo (?): dropped; the
 * improved preset fills it in". */
const char *gt_browser_fate_legend(gt_fate f);
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
/* Read a file line number typed for `:`: optional blanks, an optional
 * sign, digits, optional blanks. Returns 0 and *line; -1 if s is not such
 * a number ("1e3", "12x3", ""); -2 if it is one too large for any line. */
int gt_browser_parse_line(const char *s, long *line);

/* ---- Columns. avail is the width in cells for the data columns, pinned
 * and scrolled (the frozen line and fate column excluded); each drawn
 * column takes width + 1 for the gap. */
/* Focus column c (clamped; a hidden one gives the next shown, or the one
 * before) and scroll so it is drawn. */
void gt_browser_focus(gt_browser *b, int c, int avail);
/* Focus the column delta places right (left if < 0) in the drawn order. */
void gt_browser_focus_step(gt_browser *b, int delta, int avail);
/* Number of scrolled columns drawn from b->left within avail, after the
 * pinned ones (at least 1 if any column scrolls). */
int gt_browser_ncols_drawn(const gt_browser *b, int avail);
/* The columns drawn within avail, left to right, into cols (room for
 * max); their count. */
int gt_browser_drawn(const gt_browser *b, int avail, int *cols, int max);
/* Pin column c (it stays at the left while the others scroll), or unpin
 * it if it is pinned. Returns 1 if now pinned, 0 if not. */
int gt_browser_pin(gt_browser *b, int c);
/* Hide column c; the focus moves to the next column shown. Returns 0, or
 * -1 if c is the only column shown (it stays). */
int gt_browser_hide(gt_browser *b, int c);
/* Show every hidden column again; returns how many were hidden. */
int gt_browser_unhide_all(gt_browser *b);
/* Widen (delta > 0) or narrow the focused column, within 3..120 cells;
 * delta 0 restores the fitted width. */
void gt_browser_resize_col(gt_browser *b, int delta);
/* Fit every width to the short name and the drawn text of up to ~2,000
 * sampled rows (the first 500 and an even spread), capped at
 * GT_BROWSE_MAX_WIDTH. Widths depend on the file only, never on the rows
 * on the screen, so they stay put while scrolling. */
void gt_browser_fit_widths(gt_browser *b);
/* Fit text columns not resized by hand to avail: at most
 * max(12, avail / 4) cells each, so that numbers fit beside artist and
 * track in 80 columns. */
void gt_browser_fit_room(gt_browser *b, int avail);
/* Numbers shown to digits significant digits (GT_BROWSE_DIGITS at first;
 * 0: as the file writes them, trailing zeros and all): every cell's drawn
 * text, so what a search and a ~ filter look at (the search is looked for
 * again, the filters applied again), and the widths fitted to numbers
 * (columns resized by hand keep their width). Below 12 digits a number
 * column of another file than the study's is as wide as its numbers, at
 * least 10 cells: a longer header name is cut. Returns 0, or -1 when out
 * of memory (the view is then as it was). */
#define GT_BROWSE_DIGITS 12
int gt_browser_set_digits(gt_browser *b, int digits);
/* The precision after digits in the order 12, 6, 4, 3, as in the file (0),
 * 12 again; going back when dir < 0. */
int gt_browser_next_digits(int digits, int dir);
/* Short name of column c for a narrow header ("dance" for danceability;
 * a column not the study's: its name). */
const char *gt_browser_short_name(const gt_browser *b, int c);
/* Column named s[0..len): one of its names (see above), or a prefix of
 * the names of only one column, any case ("genre", "music_genre",
 * "dance", "#3"). Returns the column, -1 if none, -2 if the prefix names
 * several. */
int gt_browser_find_column(const gt_browser *b, const char *s, size_t len);
/* Cell text as drawn: numbers in their shown form (gt_fmt_number_digits
 * to b->digits),
 * everything made terminal-safe (gt_text_safe), into out. */
const char *gt_browser_cell_text(const gt_browser *b, size_t row, int c,
                                 char *out, size_t outsz);

/* ---- Filters on columns, combined with AND with the others. */
/* Read "COLUMN OP VALUE" for b's columns: a column (gt_browser_find_column;
 * a whole name with blanks in it too), an operator
 * = != < <= > >= ~ (matches the POSIX extended regular expression VALUE,
 * any case) or !~, and the rest as the value (blanks around it dropped).
 * = and != compare numbers on numeric columns when VALUE is a number
 * ("tempo=120" takes "120.0"), else text ignoring ASCII case; < <= > >=
 * need a numeric column and a number, and a cell that is not a number
 * never passes them; != passes every row = does not; ~ looks at the cell
 * as drawn. Returns 0; -1 with a message in err; -2 out of memory. f is
 * freed by gt_bfilter_free (on failure there is nothing to free). */
int gt_browser_parse_filter(const gt_browser *b, const char *s, gt_bfilter *f, char *err,
                            size_t errsz);
void gt_bfilter_free(gt_bfilter *f);
/* Does cell text s pass f? */
int gt_bfilter_pass(const gt_bfilter *f, const char *s);
/* Add the filter s (as gt_browser_parse_filter reads it). Returns 0; -1
 * out of memory; -2 s is not a filter (err says why); -3 there are
 * GT_BROWSE_FILTERS already. */
int gt_browser_add_filter(gt_browser *b, const char *s, char *err, size_t errsz);
/* Add the filter "column c = its value at the cursor": the same raw text,
 * or on a numeric column the same number. Returns as gt_browser_add_filter. */
int gt_browser_filter_value(gt_browser *b, int c);

/* ---- Search: the drawn text of every cell of each row (numbers as
 * shown), a POSIX extended regular expression matched in each cell
 * (REG_ICASE; ^ and $ are a cell's ends). A pattern without special
 * characters is plain text, looked for the fast way: its letters ignoring
 * case (ASCII, and others as towlower knows them in the locale). */
/* Set the search to q ("" clears it). No row is looked at yet: the rows
 * are looked at on the way by gt_browser_search_next, and all of them, to
 * count the matches, by gt_browser_count_step (a few at a time between
 * keys: a regular expression takes about a second a million rows).
 * Returns 0; -1 out of memory; -2 q is not a valid expression (err gets
 * regerror's words). The search stays as it was unless 0 is returned. */
int gt_browser_set_search(gt_browser *b, const char *q, char *err, size_t errsz);
/* Look at up to `rows` more rows shown for the count. Returns 1 while some
 * are left (also after a filter shows new rows), 0 when all are counted. */
int gt_browser_count_step(gt_browser *b, size_t rows);
/* Have all rows shown been looked at (is gt_browser_hits the count)? */
int gt_browser_counted(const gt_browser *b);
/* dir +1: the next matching row after the cursor, -1: the one before,
 * wrapping around the rows shown. On a match the cursor goes to the row,
 * the focus to the first matching column (*col), *wrapped says whether the
 * search passed an end; returns 1. 0 if no row matches (or no search). */
int gt_browser_search_next(gt_browser *b, int dir, int *col, int *wrapped);
/* The same a few rows at a time: *k rows have been looked at (0 to
 * start; the cursor must not move in between), up to `rows` more now.
 * Returns 1 found (as above), 0 no match in any row, 2 rows are left. */
int gt_browser_search_step(gt_browser *b, int dir, size_t *k, size_t rows, int *col,
                           int *wrapped);
/* gt_browser_set_search(q) when q is not the current pattern, then
 * gt_browser_search_next. Returns 1 found, 0 not (or q empty), -1 out of
 * memory, -2 q is not a valid expression. */
int gt_browser_search(gt_browser *b, const char *q, int dir, int *col, int *wrapped);
/* Rows shown that match the search (of those looked at: see
 * gt_browser_counted); *at (if not NULL) gets how many of them are at the
 * cursor's position or before it. */
size_t gt_browser_hits(const gt_browser *b, size_t *at);
/* gt_browser_hits' *at, counted from its last answer when only the
 * cursor moved (a step of j costs a step, not a count from the top). */
size_t gt_browser_hit_at(gt_browser *b);
/* Does dataset row r match the search (as last looked at)? */
int gt_browser_row_hit(const gt_browser *b, size_t r);
/* The first match of the search in text at or after byte from: 1 and its
 * bytes [*so, *eo) (maybe empty), or 0. */
int gt_browser_span(const gt_browser *b, const char *text, size_t from, size_t *so, size_t *eo);
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
