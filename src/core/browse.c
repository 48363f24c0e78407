/* browse.c: the model behind the Browse pane (see browse.h): the index of
 * rows shown, sorting, scrolling arithmetic, column widths, search and
 * column summaries. No curses here. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700      /* wcwidth (through textfmt), strcasecmp */
#endif

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "genretui/browse.h"
#include "genretui/encode.h"
#include "genretui/median.h"
#include "genretui/textfmt.h"

#define NONE ((size_t)-1)
#define CELL_MAX 1024          /* bytes of a cell's drawn text searched */
#define NAME_MAX_CELLS 60      /* cells of a header name shown */
#define NAME_FIT 20            /* cells of a header name a fitted width makes
                                  room for (a longer one is cut) */
#define NAME_NARROW 10         /* ... beside numbers shown to fewer than 12
                                  digits, when they take fewer cells */

static const unsigned char numeric_cols[GT_NCOLS] = {
	[GT_COL_INSTANCE_ID] = 1, [GT_COL_POPULARITY] = 1, [GT_COL_ACOUSTICNESS] = 1,
	[GT_COL_DANCEABILITY] = 1, [GT_COL_DURATION] = 1, [GT_COL_ENERGY] = 1,
	[GT_COL_INSTRUMENTALNESS] = 1, [GT_COL_LIVENESS] = 1, [GT_COL_LOUDNESS] = 1,
	[GT_COL_SPEECHINESS] = 1, [GT_COL_TEMPO] = 1, [GT_COL_VALENCE] = 1,
};

int gt_browser_numeric(const gt_browser *b, int c)
{
	return c >= 0 && c < b->ncols && b->numeric[c];
}

const char *gt_browser_name(const gt_browser *b, int c)
{
	return c >= 0 && c < b->ncols ? b->name[c] : "?";
}

const char *gt_browser_fate_tag(gt_fate f)
{
	static const char *const tags[GT_NFATES] = {
		[GT_FATE_KEPT] = "kept",            [GT_FATE_MALFORMED] = "malform",
		[GT_FATE_BLANK] = "blank",          [GT_FATE_MISSING] = "missing",
		[GT_FATE_INVALID] = "invalid",      [GT_FATE_UNKNOWN_DURATION] = "-1dur",
		[GT_FATE_UNKNOWN_TEMPO] = "?tempo", [GT_FATE_UNKNOWN_BOTH] = "both",
		[GT_FATE_UNKNOWN_KEY] = "?key",
	};

	return (unsigned)f < GT_NFATES ? tags[f] : "?";
}

const char *gt_browser_fate_legend(gt_fate f)
{
	static const char *const legend[GT_NFATES] = {
		[GT_FATE_KEPT] = "used by the study",
		[GT_FATE_MALFORMED] = "wrong number of fields: dropped",
		[GT_FATE_BLANK] = "blank row: dropped",
		[GT_FATE_MISSING] = "an empty field: dropped",
		[GT_FATE_INVALID] = "a value out of range or not a number: dropped",
		[GT_FATE_UNKNOWN_DURATION] = "unknown duration (-1): dropped; the improved preset fills it in",
		[GT_FATE_UNKNOWN_TEMPO] = "unknown tempo (?): dropped; the improved preset fills it in",
		[GT_FATE_UNKNOWN_BOTH] = "unknown duration and tempo: dropped; the improved preset fills them in",
		[GT_FATE_UNKNOWN_KEY] = "unknown key (-1): dropped",
	};

	return (unsigned)f < GT_NFATES ? legend[f] : "?";
}

size_t gt_browser_row(const gt_browser *b, size_t p)
{
	return b->idx[p];
}

/* ---- Scrolling arithmetic ---------------------------------------------- */

/* v + d, kept within 0 .. max (d may be any long, even LONG_MIN). */
static size_t add_clamped(size_t v, long d, size_t max)
{
	size_t mag = d < 0 ? (size_t)0 - (size_t)d : (size_t)d, r;

	if (d < 0)
		r = mag >= v ? 0 : v - mag;
	else
		r = mag >= max || v >= max - mag ? max : v + mag;
	return r < max ? r : max;
}

/* Largest useful first row: the last page ends at the last row. */
static size_t max_top(const gt_browser *b)
{
	return b->n > b->height ? b->n - b->height : 0;
}

/* Cursor on a row shown, and visible; no empty space after the last row. */
static void clamp_view(gt_browser *b)
{
	if (b->n == 0) {
		b->cur = b->top = 0;
		return;
	}
	if (b->cur >= b->n)
		b->cur = b->n - 1;
	if (b->top > b->cur)
		b->top = b->cur;
	if (b->cur >= b->top + b->height)
		b->top = b->cur - b->height + 1;
	if (b->top > max_top(b))
		b->top = max_top(b);
}

void gt_browser_set_height(gt_browser *b, size_t height)
{
	b->height = height ? height : 1;
	clamp_view(b);
}

void gt_browser_move(gt_browser *b, long delta)
{
	if (b->n)
		b->cur = add_clamped(b->cur, delta, b->n - 1);
	clamp_view(b);
}

void gt_browser_scroll(gt_browser *b, long delta, int with_cursor)
{
	if (b->n == 0)
		return;
	b->top = add_clamped(b->top, delta, max_top(b));
	if (with_cursor)
		b->cur = add_clamped(b->cur, delta, b->n - 1);
	else if (b->cur < b->top)
		b->cur = b->top;
	else if (b->cur >= b->top + b->height)
		b->cur = b->top + b->height - 1;
	clamp_view(b);
}

void gt_browser_goto(gt_browser *b, size_t p)
{
	b->cur = p < b->n ? p : b->n ? b->n - 1 : 0;
	if (b->cur < b->top || b->cur >= b->top + b->height)   /* a jump: centre it */
		b->top = b->cur > b->height / 2 ? b->cur - b->height / 2 : 0;
	clamp_view(b);
}

int gt_browser_goto_line(gt_browser *b, long line)
{
	size_t r = gt_dataset_row_of_line(b->ds, line);

	if (r == NONE)
		return -1;
	if (b->pos[r] == NONE)
		return -2;
	gt_browser_goto(b, b->pos[r]);
	return 0;
}

int gt_browser_parse_line(const char *s, long *line)
{
	const char *p = s, *digits;
	int neg;
	long v = 0, big = 0;

	while (*p == ' ' || *p == '\t')
		p++;
	neg = *p == '-';
	p += *p == '-' || *p == '+';
	for (digits = p; *p >= '0' && *p <= '9'; p++) {
		big |= v > (LONG_MAX - (*p - '0')) / 10;
		v = big ? v : v * 10 + (*p - '0');
	}
	if (p == digits)
		return -1;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p)
		return -1;
	if (big)
		return -2;
	*line = neg ? -v : v;
	return 0;
}

/* ---- Columns ------------------------------------------------------------ */

static const char *const short_names[GT_NCOLS] = {
	[GT_COL_INSTANCE_ID] = "id",         [GT_COL_ARTIST] = "artist",
	[GT_COL_TRACK] = "track",            [GT_COL_POPULARITY] = "pop",
	[GT_COL_ACOUSTICNESS] = "acoust",    [GT_COL_DANCEABILITY] = "dance",
	[GT_COL_DURATION] = "dur_ms",        [GT_COL_ENERGY] = "energy",
	[GT_COL_INSTRUMENTALNESS] = "instr", [GT_COL_KEY] = "key",
	[GT_COL_LIVENESS] = "live",          [GT_COL_LOUDNESS] = "loud",
	[GT_COL_MODE] = "mode",              [GT_COL_SPEECHINESS] = "speech",
	[GT_COL_TEMPO] = "tempo",            [GT_COL_OBTAINED_DATE] = "date",
	[GT_COL_VALENCE] = "valence",        [GT_COL_GENRE] = "genre",
};

const char *gt_browser_short_name(const gt_browser *b, int c)
{
	return c >= 0 && c < b->ncols ? b->brief[c] : "?";
}

/* Is s[0..len) all of name, ignoring case? */
static int whole_name(const char *name, const char *s, size_t len)
{
	return strlen(name) == len && strncasecmp(name, s, len) == 0;
}

/* "#N" for column N - 1, or -1. */
static int numbered_column(const gt_browser *b, const char *s, size_t len)
{
	int n = 0;

	if (len < 2 || len > 7 || s[0] != '#')
		return -1;
	for (size_t i = 1; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	return n >= 1 && n <= b->ncols ? n - 1 : -1;
}

int gt_browser_find_column(const gt_browser *b, const char *s, size_t len)
{
	int found = numbered_column(b, s, len);

	if (found >= 0)
		return found;
	for (int c = 0; c < b->ncols; c++) {
		const char *full = b->name[c], *brief = b->brief[c], *file = b->ds->names[c];

		if (whole_name(full, s, len) || whole_name(brief, s, len) ||
		    (file[0] && whole_name(file, s, len)))
			return c;                             /* a whole name */
		if (len > 0 && (strncasecmp(full, s, len) == 0 || strncasecmp(brief, s, len) == 0))
			found = found == -1 ? c : -2;
	}
	return found;
}

/* Redo the drawn order from pinned and hidden; the first scrolled column
 * stays within it. */
static void order_columns(gt_browser *b)
{
	int n = 0;

	for (int pass = 1; pass >= 0; pass--)
		for (int c = 0; c < b->ncols; c++)
			if (!b->hidden[c] && b->pinned[c] == pass)
				b->order[n++] = c;
	b->npinned = 0;
	while (b->npinned < n && b->pinned[b->order[b->npinned]])
		b->npinned++;
	b->norder = n;
	if (b->left > n - 1)
		b->left = n - 1;
	if (b->left < b->npinned)
		b->left = b->npinned;
}

/* Place of column c in the drawn order, or -1 if hidden. */
static int order_index(const gt_browser *b, int c)
{
	for (int i = 0; i < b->norder; i++)
		if (b->order[i] == c)
			return i;
	return -1;
}

/* Cells the pinned columns take, gaps included. */
static int pinned_cells(const gt_browser *b)
{
	int used = 0;

	for (int i = 0; i < b->npinned; i++)
		used += b->width[b->order[i]] + 1;
	return used;
}

/* Scrolled columns drawn within avail from index left of the order. */
static int drawn_from(const gt_browser *b, int left, int avail)
{
	int n = 0, used = pinned_cells(b);

	for (int i = left; i < b->norder && used + b->width[b->order[i]] <= avail; i++) {
		used += b->width[b->order[i]] + 1;
		n++;
	}
	return n || left >= b->norder ? n : 1;
}

int gt_browser_ncols_drawn(const gt_browser *b, int avail)
{
	return drawn_from(b, b->left, avail);
}

int gt_browser_drawn(const gt_browser *b, int avail, int *cols, int max)
{
	int n = 0, scrolled = gt_browser_ncols_drawn(b, avail);

	for (int i = 0; i < b->npinned && n < max; i++)
		cols[n++] = b->order[i];
	for (int i = b->left; i < b->left + scrolled && n < max; i++)
		cols[n++] = b->order[i];
	return n;
}

void gt_browser_focus(gt_browser *b, int c, int avail)
{
	int i;

	if (b->ncols == 0)
		return;
	c = c < 0 ? 0 : c >= b->ncols ? b->ncols - 1 : c;
	for (i = c; i < b->ncols && b->hidden[i]; i++)
		;
	if (i == b->ncols)
		for (i = c; i > 0 && b->hidden[i]; i--)
			;
	b->col = i;
	i = order_index(b, b->col);
	if (i < b->npinned)
		return;                           /* pinned: always drawn */
	if (b->left > i)
		b->left = i;
	while (i >= b->left + gt_browser_ncols_drawn(b, avail))
		b->left++;
	/* no room left empty after the last column (a wider window, or a
	 * focus moved before the window's width was known) */
	while (b->left > b->npinned && b->left - 1 + drawn_from(b, b->left - 1, avail) >= b->norder)
		b->left--;
}

void gt_browser_focus_step(gt_browser *b, int delta, int avail)
{
	long i = order_index(b, b->col) + (long)delta;

	i = i < 0 ? 0 : i >= b->norder ? b->norder - 1 : i;
	gt_browser_focus(b, b->order[i], avail);
}

int gt_browser_pin(gt_browser *b, int c)
{
	if (c < 0 || c >= b->ncols)
		return 0;
	b->pinned[c] = !b->pinned[c];
	order_columns(b);
	return b->pinned[c];
}

int gt_browser_hide(gt_browser *b, int c)
{
	int i = order_index(b, c);

	if (i < 0 || b->norder <= 1)
		return -1;
	if (c == b->col)
		b->col = b->order[i + 1 < b->norder ? i + 1 : i - 1];
	b->hidden[c] = 1;
	order_columns(b);
	return 0;
}

int gt_browser_unhide_all(gt_browser *b)
{
	int n = 0;

	for (int c = 0; c < b->ncols; c++) {
		n += b->hidden[c];
		b->hidden[c] = 0;
	}
	order_columns(b);
	return n;
}

void gt_browser_resize_col(gt_browser *b, int delta)
{
	int w = delta ? b->width[b->col] + delta : b->fitted[b->col];

	b->width[b->col] = w < 3 ? 3 : w > 120 ? 120 : w;
	b->resized[b->col] = delta != 0;
}

void gt_browser_fit_room(gt_browser *b, int avail)
{
	int cap = avail / 4 > 12 ? avail / 4 : 12;

	for (int c = 0; c < b->ncols; c++)
		if (!b->numeric[c] && !b->resized[c])
			b->width[c] = b->fitted[c] < cap ? b->fitted[c] : cap;
}

/* A number's text as shown to `digits` into out: its length, or 0 when it
 * is shown as the file has it (digits 0, or raw is not such a number). */
static size_t shown_number(int digits, const char *raw, char *out, size_t outsz)
{
	return digits > 0 ? gt_fmt_number_digits(raw, digits, out, outsz) : 0;
}

const char *gt_browser_cell_text(const gt_browser *b, size_t row, int c,
                                 char *out, size_t outsz)
{
	const char *raw = gt_cell_col(b->ds, row, c);

	if (!b->numeric[c] || shown_number(b->digits, raw, out, outsz) == 0)
		gt_text_safe(raw, out, outsz, SIZE_MAX);
	return out;
}

/* Rows looked at to fit a column: the first 500, then an even spread, about
 * 2,000 in all. */
static size_t sample_step(size_t r, size_t n)
{
	return r < 500 ? 1 : n > 2000 ? (n - 500) / 1500 + 1 : 1;
}

/* Is column c, not the study's, numeric: at least 3 in 4 of its sampled
 * non-empty cells numbers (and one at least)? */
static int looks_numeric(const gt_browser *b, int c)
{
	size_t filled = 0, numbers = 0;
	double v;

	for (size_t r = 0; r < b->ds->nrows; r += sample_step(r, b->ds->nrows)) {
		const char *s = gt_cell_col(b->ds, r, c);

		filled += s[0] != '\0';
		numbers += s[0] != '\0' && gt_parse_number(s, &v) == 0;
	}
	return numbers > 0 && numbers * 4 >= filled * 3;
}

/* Width of column c: its short name, and the drawn text of the sampled rows:
 * all of it for numbers (a cut number misleads), 95% of it for text (a few
 * long titles should not take the screen), capped at GT_BROWSE_MAX_WIDTH. */
static int fit_column(const gt_browser *b, int c)
{
	size_t n = b->ds->nrows;
	size_t hist[GT_BROWSE_MAX_WIDTH + 1] = { 0 }, seen = 0, below = 0;
	int w = 0, head = gt_text_width(b->brief[c]);
	char text[256];

	head = b->study[c] < 0 && head > NAME_FIT ? NAME_FIT : head;
	for (size_t r = 0; r < n; r += sample_step(r, n), seen++) {
		int tw = gt_text_width(gt_browser_cell_text(b, r, c, text, sizeof(text)));

		hist[tw < GT_BROWSE_MAX_WIDTH ? tw : GT_BROWSE_MAX_WIDTH]++;
	}
	if (b->numeric[c])
		below = seen;     /* the widest */
	else
		below = seen - seen / 20;
	for (size_t count = 0; w < GT_BROWSE_MAX_WIDTH && count + hist[w] < below; w++)
		count += hist[w];
	if (b->numeric[c] && b->study[c] < 0 && b->digits > 0 && b->digits < GT_BROWSE_DIGITS) {
		int room = w > NAME_NARROW ? w : NAME_NARROW;   /* the numbers' width */

		head = head < room ? head : room;
	}
	w = w > head ? w : head;
	return w > GT_BROWSE_MAX_WIDTH ? GT_BROWSE_MAX_WIDTH : w < 3 ? 3 : w;
}

void gt_browser_fit_widths(gt_browser *b)
{
	for (int c = 0; c < b->ncols; c++)
		b->width[c] = b->fitted[c] = fit_column(b, c);
}

/* ---- Filters and order -------------------------------------------------- */

static int row_genre(const gt_browser *b, size_t r)
{
	return gt_genres_find(&b->clean->genres, gt_cell(b->ds, r, GT_COL_GENRE));
}

/* ---- Column filters ------------------------------------------------------ */

static const struct {
	const char *text;
	gt_filter_op op;
} ops[] = {   /* two-character ones first */
	{ "!=", GT_OP_NE }, { "<=", GT_OP_LE }, { ">=", GT_OP_GE }, { "==", GT_OP_EQ },
	{ "!~", GT_OP_NOMATCH }, { "=", GT_OP_EQ }, { "<", GT_OP_LT }, { ">", GT_OP_GT },
	{ "~", GT_OP_MATCH },
};
#define NOPS (sizeof(ops) / sizeof(ops[0]))

static const char *op_text(gt_filter_op op)
{
	static const char *const t[] = { "=", "!=", "<", "<=", ">", ">=", "~", "!~" };

	return t[op];
}

void gt_bfilter_free(gt_bfilter *f)
{
	if (f->text && (f->op == GT_OP_MATCH || f->op == GT_OP_NOMATCH))
		regfree(&f->re);
	free(f->text);
	f->text = NULL;
}

/* The value part of a filter: compile or read it. 0, or -1 and err. */
static int filter_value(gt_bfilter *f, char *err, size_t errsz)
{
	char safe[64];
	int rc;

	f->numeric = f->col_numeric && gt_parse_number(f->text, &f->num) == 0;
	gt_text_safe(f->text, safe, sizeof(safe), 40);
	if (f->op == GT_OP_MATCH || f->op == GT_OP_NOMATCH) {
		rc = regcomp(&f->re, f->text, REG_EXTENDED | REG_ICASE | REG_NOSUB | REG_NEWLINE);
		if (rc == 0)
			return 0;
		snprintf(err, errsz, "%s: ", f->label);
		regerror(rc, &f->re, err + strlen(err), errsz - strlen(err));
		return -1;
	}
	if (f->op == GT_OP_EQ || f->op == GT_OP_NE || f->numeric)
		return 0;
	if (!f->col_numeric)
		snprintf(err, errsz, "%s is text: %s compares numbers (use = != or ~)",
		         f->label, op_text(f->op));
	else
		snprintf(err, errsz, "%s%s%s: '%s' is not a number", f->label,
		         op_text(f->op), safe, safe);
	return -1;
}

/* Does text at p begin with an operator? */
static int at_operator(const char *p)
{
	while (*p == ' ')
		p++;
	return *p && strchr("=!<>~", *p) != NULL;
}

/* The longest whole name of a column (with any character in it: "Music
 * Genre", "duration_in min/ms") that s begins with, followed by an
 * operator: its length, the column in *col; 0 if there is none. */
static size_t whole_name_at(const gt_browser *b, const char *s, int *col)
{
	size_t best = 0;

	for (int c = 0; c < b->ncols; c++) {
		const char *names[3] = { b->name[c], b->brief[c], b->ds->names[c] };

		for (int k = 0; k < 3; k++) {
			size_t n = strlen(names[k]);

			if (n > best && strncasecmp(names[k], s, n) == 0 && at_operator(s + n)) {
				best = n;
				*col = c;
			}
		}
	}
	return best;
}

/* Read the column of a filter from *pp (moved past it) into f->col, the
 * name as typed into what[64]; 0, or -1 and err. */
static int filter_column(const gt_browser *b, const char **pp, gt_bfilter *f, char *what,
                         char *err, size_t errsz)
{
	const char *p = *pp, *name = p;
	size_t n = whole_name_at(b, p, &f->col);

	if (n) {
		*pp = p + n;
		snprintf(what, 64, "%.*s", (int)n < 40 ? (int)n : 40, name);
		return 0;
	}
	for (; isalnum((unsigned char)*p) || *p == '_' || *p == '#' || *p == '.' || *p == '-'; p++)
		;
	snprintf(what, 64, "%.*s", (int)(p - name) < 40 ? (int)(p - name) : 40, name);
	if (p == name) {
		snprintf(err, errsz, "a filter is COLUMN OP VALUE (= != < <= > >= ~ !~), "
		         "e.g. tempo>120 or genre=Rap");
		return -1;
	}
	if ((f->col = gt_browser_find_column(b, name, (size_t)(p - name))) < 0) {
		snprintf(err, errsz, f->col == -2 ? "'%s' names several columns: type more of it"
		         : "no column '%s' (type a column name or its start, e.g. tempo)", what);
		return -1;
	}
	*pp = p;
	return 0;
}

int gt_browser_parse_filter(const gt_browser *b, const char *s, gt_bfilter *f, char *err,
                            size_t errsz)
{
	const char *p = s, *v, *end;
	size_t i;
	char what[64];

	memset(f, 0, sizeof(*f));
	while (*p == ' ')
		p++;
	if (filter_column(b, &p, f, what, err, errsz) != 0)
		return -1;
	f->col_numeric = b->numeric[f->col];
	f->digits = b->digits;
	snprintf(f->label, sizeof(f->label), "%s", b->name[f->col]);
	while (*p == ' ')
		p++;
	for (i = 0; i < NOPS && strncmp(p, ops[i].text, strlen(ops[i].text)) != 0; i++)
		;
	if (i == NOPS) {
		snprintf(err, errsz, "after '%s' comes an operator: = != < <= > >= ~ !~", what);
		return -1;
	}
	f->op = ops[i].op;
	for (v = p + strlen(ops[i].text); *v == ' '; v++)
		;
	for (end = v + strlen(v); end > v && end[-1] == ' '; end--)
		;
	if (!(f->text = strndup(v, (size_t)(end - v)))) {
		snprintf(err, errsz, "out of memory");
		return -2;
	}
	if (filter_value(f, err, errsz) != 0) {
		free(f->text);
		f->text = NULL;
		return -1;
	}
	gt_text_safe(f->text, what, sizeof(what), 40);
	snprintf(f->label, sizeof(f->label), "%.40s%s%s", b->name[f->col], op_text(f->op), what);
	return 0;
}

static int passes_eq(const gt_bfilter *f, const char *s)
{
	double v;

	if (f->numeric)
		return gt_parse_number(s, &v) == 0 && v == f->num;
	return strcasecmp(s, f->text) == 0;
}

int gt_bfilter_pass(const gt_bfilter *f, const char *s)
{
	double v;
	char text[CELL_MAX];

	switch (f->op) {
	case GT_OP_EQ: return passes_eq(f, s);
	case GT_OP_NE: return !passes_eq(f, s);
	case GT_OP_MATCH:
	case GT_OP_NOMATCH:
		if (f->col_numeric && shown_number(f->digits, s, text, sizeof(text)) != 0)
			s = text;
		else
			s = (gt_text_safe(s, text, sizeof(text), SIZE_MAX), text);
		return (regexec(&f->re, s, 0, NULL, 0) == 0) == (f->op == GT_OP_MATCH);
	default:
		break;
	}
	if (gt_parse_number(s, &v) != 0)
		return 0;
	return f->op == GT_OP_LT ? v < f->num : f->op == GT_OP_LE ? v <= f->num
	     : f->op == GT_OP_GT ? v > f->num : v >= f->num;
}

/* Does row r pass every filter? */
static int wanted(const gt_browser *b, size_t r)
{
	int kept = b->clean->fates[r].fate == GT_FATE_KEPT;

	if (b->pick && !b->pick[r])
		return 0;
	for (int i = 0; i < b->nfilters; i++)
		if (!gt_bfilter_pass(&b->filters[i], gt_cell_col(b->ds, r, b->filters[i].col)))
			return 0;
	if ((b->show == GT_SHOW_KEPT && !kept) || (b->show == GT_SHOW_DROPPED && kept))
		return 0;
	if (b->show == GT_SHOW_MULTI &&
	    !gt_fusion_is_multi(b->fusion, r))
		return 0;
	return b->genre < 0 || row_genre(b, r) == b->genre;
}

/* One row to sort: its key and its place in the file. The key orders as
 * the value does: a number's bits made to compare as unsigned integers,
 * or a text's first 8 bytes as strcasecmp sees them (tolower). Rows are
 * put in key order by a radix sort, which keeps file order among equal
 * keys; texts that share their first 8 bytes are then sorted whole. (qsort
 * calling strcasecmp took 3.5 s on a million rows.) */
typedef struct {
	uint64_t key;
	size_t row;
} sort_item;

static uint64_t number_key(double v)
{
	uint64_t bits;

	v += 0.0;             /* -0 becomes +0: they compare equal */
	memcpy(&bits, &v, sizeof(bits));
	return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

static uint64_t text_key(const char *s)
{
	uint64_t key = 0;

	for (int i = 0; i < 8; i++) {
		key = key << 8 | (unsigned char)tolower((unsigned char)*s);
		s += *s != '\0';
	}
	return key;
}

static int text_cmp(const char *a, const char *b)
{
	int c = strcasecmp(a, b);

	return c ? c : strcmp(a, b);
}

/* Stable sort of a[0..n-1] by key, 11 bits at a time (six passes; the
 * counts of all six are taken in one pass first); tmp: n more items.
 * Returns the sorted array, a or tmp. Digits all keys share are skipped. */
#define RADIX_BITS 11
#define RADIX_PASSES ((64 + RADIX_BITS - 1) / RADIX_BITS)

static sort_item *radix_sort(sort_item *a, sort_item *tmp, size_t n)
{
	static size_t count[RADIX_PASSES][1 << RADIX_BITS];   /* (one UI thread) */
	const uint64_t mask = (1u << RADIX_BITS) - 1;

	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
		for (int p = 0; p < RADIX_PASSES; p++)
			count[p][a[i].key >> (p * RADIX_BITS) & mask]++;
	for (int p = 0; p < RADIX_PASSES && n > 0; p++) {
		int shift = p * RADIX_BITS;
		size_t *c = count[p], at = 0;
		sort_item *t;

		if (c[a[0].key >> shift & mask] == n)
			continue;
		for (size_t d = 0; d <= mask; d++) {
			size_t k = c[d];

			c[d] = at;
			at += k;
		}
		for (size_t i = 0; i < n; i++)
			tmp[c[a[i].key >> shift & mask]++] = a[i];
		t = a, a = tmp, tmp = t;
	}
	return a;
}

/* For qsort of a run of rows whose texts share a key: the whole text, then
 * file order. */
static const gt_dataset *run_ds;
static int run_col, run_desc;

static int run_cmp(const void *pa, const void *pb)
{
	const sort_item *a = pa, *b = pb;
	int c = text_cmp(gt_cell_col(run_ds, a->row, run_col),
	                 gt_cell_col(run_ds, b->row, run_col));

	if (c)
		return run_desc ? -c : c;
	return (a->row > b->row) - (a->row < b->row);
}

/* Sort the runs of equal keys of a[0..n-1] by their whole text (a run of
 * one text, the common case, is in file order already). The UI has one
 * thread: qsort's comparator finds the column in statics. */
static void sort_runs(const gt_browser *b, sort_item *a, size_t n)
{
	run_ds = b->ds;
	run_col = b->sort_col;
	run_desc = b->sort_desc;
	for (size_t i = 0, j; i < n; i = j) {
		const char *first = gt_cell_col(b->ds, a[i].row, run_col);
		int same = 1;

		for (j = i + 1; j < n && a[j].key == a[i].key; j++)
			same = same && strcmp(first, gt_cell_col(b->ds, a[j].row, run_col)) == 0;
		if (!same)
			qsort(a + i, j - i, sizeof(*a), run_cmp);
	}
}

/* Sort idx[0..n-1] by b->sort_col, with items[2 * n] as scratch. Cells
 * that are empty or not numbers come last, in file order. */
static void sort_rows(gt_browser *b, sort_item *items, size_t n)
{
	int c = b->sort_col, num = gt_browser_numeric(b, c);
	size_t k = 0, missing = 0;
	sort_item *sorted;

	for (size_t i = 0; i < n; i++) {
		const char *s = gt_cell_col(b->ds, b->idx[i], c);
		double v = 0;

		if (num ? gt_parse_number(s, &v) != 0 : s[0] == '\0') {
			b->idx[missing++] = b->idx[i];   /* (i >= missing: not yet read) */
			continue;
		}
		items[k].key = num ? number_key(v) : text_key(s);
		items[k].key = b->sort_desc ? ~items[k].key : items[k].key;
		items[k++].row = b->idx[i];
	}
	memmove(b->idx + k, b->idx, missing * sizeof(*b->idx));
	sorted = radix_sort(items, items + n, k);
	if (!num)
		sort_runs(b, sorted, k);
	for (size_t i = 0; i < k; i++)
		b->idx[i] = sorted[i].row;
}

static void count_hits(gt_browser *b);

/* Redo the rows shown from the filters and the order. The cursor stays on
 * row `keep` if it is shown, else goes to the first row. All-or-nothing:
 * -1 (out of memory) before anything changes. */
static int rebuild(gt_browser *b, size_t keep)
{
	size_t nrows = b->ds->nrows, n = 0;
	sort_item *items = NULL;

	if (b->sort_col >= 0 && !(items = malloc((nrows ? 2 * nrows : 1) * sizeof(*items))))
		return -1;
	for (size_t r = 0; r < nrows; r++) {
		b->pos[r] = NONE;
		if (wanted(b, r))
			b->idx[n++] = r;
	}
	if (items)
		sort_rows(b, items, n);
	free(items);
	for (size_t p = 0; p < n; p++)
		b->pos[b->idx[p]] = p;
	b->n = n;
	memset(b->stats_ok, 0, (size_t)b->ncols);
	count_hits(b);
	b->gen++;
	gt_browser_goto(b, keep != NONE && b->pos[keep] != NONE ? b->pos[keep] : 0);
	return 0;
}

/* The row under the cursor, or NONE. */
static size_t cursor_row(const gt_browser *b)
{
	return b->n ? b->idx[b->cur] : NONE;
}

int gt_browser_set_show(gt_browser *b, gt_show show)
{
	gt_show old = b->show;

	b->show = show;
	if (rebuild(b, cursor_row(b)) != 0) {
		b->show = old;
		return -1;
	}
	return 0;
}

int gt_browser_set_genre(gt_browser *b, int genre)
{
	int old = b->genre;

	b->genre = genre >= 0 && genre < b->clean->genres.k ? genre : -1;
	if (rebuild(b, cursor_row(b)) != 0) {
		b->genre = old;
		return -1;
	}
	return 0;
}

int gt_browser_sort(gt_browser *b, int col, int desc)
{
	int old_col = b->sort_col, old_desc = b->sort_desc;

	b->sort_col = col >= 0 && col < b->ncols ? col : -1;
	b->sort_desc = b->sort_col >= 0 && desc;
	if (rebuild(b, NONE) != 0) {
		b->sort_col = old_col;
		b->sort_desc = old_desc;
		return -1;
	}
	return 0;
}

/* Put the filters of `from` in place (pick, label, show, genre) and
 * rebuild; on failure the old ones come back. The unused pick is freed. */
static int swap_filters(gt_browser *b, gt_browser *from, size_t keep)
{
	gt_browser old = *b;

	b->pick = from->pick;
	b->npick = from->npick;
	b->show = from->show;
	b->genre = from->genre;
	b->nfilters = 0;
	memcpy(b->label, from->label, sizeof(b->label));
	if (rebuild(b, keep) != 0) {
		free(from->pick);
		*b = old;
		return -1;
	}
	if (old.pick != b->pick)
		free(old.pick);
	for (int i = 0; i < old.nfilters; i++)
		gt_bfilter_free(&b->filters[i]);
	return 0;
}

/* Add the parsed filter f (taken over: freed if it cannot be added). */
static int add_filter(gt_browser *b, gt_bfilter *f)
{
	if (b->nfilters == GT_BROWSE_FILTERS) {
		gt_bfilter_free(f);
		return -3;
	}
	b->filters[b->nfilters++] = *f;
	if (rebuild(b, cursor_row(b)) != 0) {
		gt_bfilter_free(&b->filters[--b->nfilters]);
		return -1;
	}
	return 0;
}

int gt_browser_add_filter(gt_browser *b, const char *s, char *err, size_t errsz)
{
	gt_bfilter f;
	int rc;

	if (b->nfilters == GT_BROWSE_FILTERS)
		return -3;
	if ((rc = gt_browser_parse_filter(b, s, &f, err, errsz)) != 0)
		return rc == -2 ? -1 : -2;
	return add_filter(b, &f);
}

int gt_browser_filter_value(gt_browser *b, int c)
{
	gt_bfilter f = { .col = c, .op = GT_OP_EQ };
	char what[64], err[8];

	if (b->n == 0 || c < 0 || c >= b->ncols)
		return -2;
	if (!(f.text = strdup(gt_cell_col(b->ds, cursor_row(b), c))))
		return -1;
	f.col_numeric = b->numeric[c];
	f.digits = b->digits;
	filter_value(&f, err, sizeof(err));      /* = never fails */
	gt_browser_cell_text(b, cursor_row(b), c, what, sizeof(what));
	snprintf(f.label, sizeof(f.label), "%.40s=%s", b->name[c], what);
	return add_filter(b, &f);
}

int gt_browser_set_rows(gt_browser *b, const size_t *rows, size_t n, const char *label)
{
	size_t nrows = b->ds->nrows;
	gt_browser f = { .show = GT_SHOW_ALL, .genre = -1 };

	if (!(f.pick = calloc(nrows ? nrows : 1, 1)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (rows[i] < nrows && !f.pick[rows[i]]) {
			f.pick[rows[i]] = 1;
			f.npick++;
		}
	snprintf(f.label, sizeof(f.label), "%s", label ? label : "chosen rows");
	return swap_filters(b, &f, NONE);
}

int gt_browser_clear(gt_browser *b)
{
	gt_browser f = { .show = GT_SHOW_ALL, .genre = -1 };

	return swap_filters(b, &f, cursor_row(b));
}

/* ---- Precision ---------------------------------------------------------- */

static const int digit_steps[] = { GT_BROWSE_DIGITS, 6, 4, 3, 0 };
#define NSTEPS ((int)(sizeof(digit_steps) / sizeof(digit_steps[0])))

int gt_browser_next_digits(int digits, int dir)
{
	int i = 0;

	while (i < NSTEPS && digit_steps[i] != digits)
		i++;
	if (i == NSTEPS)
		return GT_BROWSE_DIGITS;
	return digit_steps[(i + (dir < 0 ? NSTEPS - 1 : 1)) % NSTEPS];
}

/* Does a filter look at numbers as shown (~ or !~ on a numeric column)? */
static int shown_filters(const gt_browser *b)
{
	for (int i = 0; i < b->nfilters; i++)
		if (b->filters[i].col_numeric &&
		    (b->filters[i].op == GT_OP_MATCH || b->filters[i].op == GT_OP_NOMATCH))
			return 1;
	return 0;
}

static void filters_digits(gt_browser *b, int digits)
{
	for (int i = 0; i < b->nfilters; i++)
		b->filters[i].digits = digits;
}

int gt_browser_set_digits(gt_browser *b, int digits)
{
	int old = b->digits;

	digits = digits < 0 ? 0 : digits > GT_FMT_DIGITS_MAX ? GT_FMT_DIGITS_MAX : digits;
	b->digits = digits;
	filters_digits(b, digits);
	if (shown_filters(b) && rebuild(b, cursor_row(b)) != 0) {
		b->digits = old;
		filters_digits(b, old);
		return -1;
	}
	if (b->hit) {                            /* the search looks at the new text */
		memset(b->hit, 0, b->ds->nrows ? b->ds->nrows : 1);
		count_hits(b);
		b->gen++;
	}
	for (int c = 0; c < b->ncols; c++)
		if (b->numeric[c]) {
			b->fitted[c] = fit_column(b, c);
			b->width[c] = b->resized[c] ? b->width[c] : b->fitted[c];
		}
	return 0;
}

/* ---- Start and end ------------------------------------------------------ */

/* Room for what the view knows of each of the file's columns; 0, or -1. */
static int alloc_columns(gt_browser *b)
{
	size_t n = (size_t)(b->ncols ? b->ncols : 1);

	b->study = malloc(n * sizeof(*b->study));
	b->numeric = calloc(n, 1);
	b->name = calloc(n, sizeof(*b->name));
	b->brief = calloc(n, sizeof(*b->brief));
	b->order = malloc(n * sizeof(*b->order));
	b->pinned = calloc(n, 1);
	b->hidden = calloc(n, 1);
	b->width = calloc(n, sizeof(*b->width));
	b->fitted = calloc(n, sizeof(*b->fitted));
	b->resized = calloc(n, 1);
	b->stats = calloc(n, sizeof(*b->stats));
	b->stats_ok = calloc(n, 1);
	b->rx_text = malloc(n * GT_BROWSE_CELL_TEXT + 1);
	b->rx_at = malloc(n * sizeof(*b->rx_at));
	return b->study && b->numeric && b->name && b->brief && b->order && b->pinned &&
	       b->hidden && b->width && b->fitted && b->resized && b->stats && b->stats_ok &&
	       b->rx_text && b->rx_at ? 0 : -1;
}

/* Name, short name and kind of each column. 0, or -1 (no memory). */
static int know_columns(gt_browser *b)
{
	const gt_dataset *ds = b->ds;
	char label[256];

	for (int c = 0; c < b->ncols; c++)
		b->study[c] = -1;
	for (int k = 0; k < GT_NCOLS; k++)
		if (ds->field[k] >= 0 && ds->field[k] < b->ncols)
			b->study[ds->field[k]] = k;
	for (int c = 0; c < b->ncols; c++) {
		int k = b->study[c];

		if (k >= 0 && !b->clean->own_schema) {   /* (own: the file's names) */
			b->name[c] = strdup(gt_column_names[k]);
			b->brief[c] = strdup(short_names[k]);
			b->numeric[c] = numeric_cols[k];
		} else {
			gt_column_label(ds, c, label, sizeof(label), NAME_MAX_CELLS);
			b->name[c] = strdup(label);
			b->brief[c] = strdup(label);
			b->numeric[c] = (unsigned char)looks_numeric(b, c);
		}
		if (!b->name[c] || !b->brief[c])
			return -1;
	}
	return 0;
}

int gt_browser_init(gt_browser *b, const gt_dataset *ds, const gt_clean *cl)
{
	size_t room = ds->nrows ? ds->nrows : 1;

	memset(b, 0, sizeof(*b));
	b->ds = ds;
	b->clean = cl;
	b->genre = -1;
	b->sort_col = -1;
	b->digits = GT_BROWSE_DIGITS;
	b->height = 1;
	b->ncols = ds->ncols;
	b->idx = malloc(room * sizeof(*b->idx));
	b->pos = malloc(room * sizeof(*b->pos));
	if (!b->idx || !b->pos || alloc_columns(b) != 0 || know_columns(b) != 0) {
		gt_browser_free(b);
		return -1;
	}
	order_columns(b);
	if (rebuild(b, NONE) != 0) {
		gt_browser_free(b);
		return -1;
	}
	gt_browser_fit_widths(b);
	return 0;
}

void gt_browser_free(gt_browser *b)
{
	for (int i = 0; i < b->nfilters; i++)
		gt_bfilter_free(&b->filters[i]);
	gt_browser_set_search(b, "", NULL, 0);
	for (int c = 0; b->name && c < b->ncols; c++)
		free(b->name[c]);
	for (int c = 0; b->brief && c < b->ncols; c++)
		free(b->brief[c]);
	free(b->study), free(b->numeric), free(b->name), free(b->brief);
	free(b->order), free(b->pinned), free(b->hidden);
	free(b->width), free(b->fitted), free(b->resized);
	free(b->stats), free(b->stats_ok), free(b->rx_text), free(b->rx_at);
	free(b->idx);
	free(b->pos);
	free(b->pick);
	memset(b, 0, sizeof(*b));
}

/* ---- Search ------------------------------------------------------------- */

size_t gt_browser_fold(const char *s, unsigned *out, size_t outn)
{
	size_t k = 0;

	while (*s) {
		unsigned cp = 0;
		size_t len = gt_utf8_decode(s, &cp);

		if (k == outn)
			return NONE;
		if (len == 0)
			cp = (unsigned char)*s;   /* not UTF-8: the byte, as is */
		out[k++] = cp < 0x80 ? (unsigned)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp)
		                     : (unsigned)towlower((wint_t)cp);
		s += len ? len : 1;
	}
	return k;
}

/* Is q[0..qn-1] inside t[0..tn-1]? */
static int contains(const unsigned *t, size_t tn, const unsigned *q, size_t qn)
{
	for (size_t i = 0; i + qn <= tn; i++)
		if (t[i] == q[0] && memcmp(t + i, q, qn * sizeof(*q)) == 0)
			return 1;
	return 0;
}

/* Is s printable ASCII without a backslash, so drawn as it is? */
static int plain_ascii(const char *s)
{
	for (; *s; s++)
		if (*s < 0x20 || *s > 0x7e || *s == '\\')
			return 0;
	return 1;
}

/* gt_browser_cell_text into out (room bytes), its length; plain ASCII
 * text is copied as it is, without gt_text_safe's look at each character. */
static size_t drawn_text(const gt_browser *b, size_t r, int c, char *out, size_t room)
{
	const char *raw = gt_cell_col(b->ds, r, c);
	size_t len;

	if (b->numeric[c] && (len = shown_number(b->digits, raw, out, room)) != 0)
		return len;
	if (plain_ascii(raw) && (len = strlen(raw)) < room) {
		memcpy(out, raw, len + 1);
		return len;
	}
	return gt_text_safe(raw, out, room, SIZE_MAX);
}

/* Is folded ASCII q[0..qn-1] inside plain ASCII s, ignoring case? */
static int ascii_contains(const char *s, const unsigned *q, size_t qn)
{
	for (; *s; s++) {
		size_t i = 0;

		while (i < qn && s[i] && (unsigned)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) == q[i])
			i++;
		if (i == qn)
			return 1;
	}
	return 0;
}

/* Does the drawn text of cell (r, c) hold q (folded)? (The text of a
 * number is its shown form, gt_fmt_shown_number.) */
static int cell_matches(const gt_browser *b, size_t r, int c, const unsigned *q, size_t qn,
                        int q_ascii)
{
	const char *raw = gt_cell_col(b->ds, r, c);
	char text[CELL_MAX];
	unsigned folded[CELL_MAX];
	size_t tn;

	if (b->numeric[c] && shown_number(b->digits, raw, text, sizeof(text)) != 0)
		raw = text;                      /* plain ASCII */
	if (q_ascii && plain_ascii(raw))     /* the common case, without copies */
		return ascii_contains(raw, q, qn);
	tn = gt_browser_fold(gt_browser_cell_text(b, r, c, text, sizeof(text)), folded, CELL_MAX);
	return tn != NONE && contains(folded, tn, q, qn);
}

int gt_browser_row_matches(const gt_browser *b, size_t r, const unsigned *q, size_t qn)
{
	int q_ascii = 1;

	for (size_t i = 0; i < qn; i++)
		q_ascii &= q[i] >= 0x20 && q[i] < 0x7f;
	for (int c = 0; c < b->ncols; c++)
		if (cell_matches(b, r, c, q, qn, q_ascii))
			return c;
	return -1;
}

/* Eight bytes at a time (the search looked at every byte of a million
 * rows one by one: 0.28 s): a word with each byte b set to
 * b == c ? 0x80 : 0, and a word flagging the bytes a row cannot be
 * skipped for (a control character but NUL, DEL and up, a backslash). */
#define ONES ((uint64_t)0x0101010101010101ull)
#define HIGHS (ONES * 0x80)

static uint64_t bytes_equal(uint64_t x, unsigned char c)
{
	uint64_t y = x ^ (ONES * c);

	return ~(((y & ~HIGHS) + ~HIGHS) | y) & HIGHS;   /* exact, no carries */
}

static uint64_t bytes_unplain(uint64_t x)
{
	uint64_t low = x & ~HIGHS;
	uint64_t ctl = ((low + ONES * (0x80 - 0x20)) ^ HIGHS) & (low + ~HIGHS);  /* 0 < b < 0x20 */

	return ((ctl | (low + ONES)) & HIGHS) | (x & HIGHS) | bytes_equal(x, '\\');
}

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* Can row r hold folded query q (qn >= 1 characters, the first ASCII)?
 * The row's text is looked at in one go (gt_row_text): when it is all
 * printable ASCII without a backslash (drawn as it is), a row where the
 * query's first two characters never follow each other (any case) cannot.
 * (One character let every row with "Jazz" through for a 'z'.) */
static int row_may_match(const gt_dataset *ds, size_t r, const unsigned *q, size_t qn)
{
	size_t len, i = 0;
	const unsigned char *t = (const unsigned char *)gt_row_text(ds, r, &len);
	unsigned char lo = (unsigned char)q[0];
	unsigned char up = lo >= 'a' && lo <= 'z' ? (unsigned char)(lo - 32) : lo;
	unsigned next = qn > 1 ? q[1] : 0;

	for (; i + 8 <= len; i += 8) {
		uint64_t x;

		memcpy(&x, t + i, 8);
		if (bytes_unplain(x))
			return 1;
		if (bytes_equal(x, lo) | bytes_equal(x, up))
			for (size_t j = i; j < i + 8; j++)      /* these, one by one */
				if (ascii_lower(t[j]) == lo && (qn == 1 || ascii_lower(t[j + 1]) == next))
					return 1;
	}
	for (; i < len; i++) {
		unsigned char c = t[i];

		if (c == '\\' || c >= 0x7f || (c < 0x20 && c))
			return 1;
		if (ascii_lower(c) == lo && (qn == 1 || ascii_lower(t[i + 1]) == next))
			return 1;
	}
	return 0;
}

/* Does the drawn text of row r match the regular expression? The first
 * matching column, or -1. The cells are joined by newlines and matched in
 * one call (REG_NEWLINE: no match spans two cells), which is faster than
 * one call per cell. */
static int row_regex(const gt_browser *b, size_t r)
{
	char *text = b->rx_text;
	size_t *at = b->rx_at, used = 0, size = (size_t)b->ncols * GT_BROWSE_CELL_TEXT + 1;
	regmatch_t m;

	if (b->ncols == 0)
		return -1;
	for (int c = 0; c < b->ncols; c++) {
		at[c] = used;
		used += drawn_text(b, r, c, text + used, size - used - (size_t)(b->ncols - c));
		text[used++] = '\n';
	}
	text[used - 1] = '\0';
	if (regexec(&b->re_rows, text, 0, NULL, 0) != 0)   /* most rows: no */
		return -1;
	if (regexec(&b->re, text, 1, &m, 0) != 0)
		return -1;
	for (int c = b->ncols - 1; c >= 0; c--)
		if ((size_t)m.rm_so >= at[c])
			return c;
	return 0;
}

/* The first column of row r that matches the search, or -1. */
static int row_search(const gt_browser *b, size_t r)
{
	const unsigned *q = b->fq;
	int skippable;

	if (!b->literal)
		return row_regex(b, r);
	/* a rounded number brings new pairs of characters only with a digit
	 * in them (gt_fmt_shown_number), so the raw text may rule a row out
	 * for a query whose first two characters are not digits */
	skippable = q[0] >= 0x20 && q[0] < 0x7f && q[0] != '\\' &&
	            !(q[0] >= '0' && q[0] <= '9') && !(b->fqn > 1 && q[1] >= '0' && q[1] <= '9');
	if (skippable && !row_may_match(b->ds, r, q, b->fqn))
		return -1;
	return gt_browser_row_matches(b, r, q, b->fqn);
}

/* Is row r (shown) a match? Looked at once, then remembered and counted. */
static int look(gt_browser *b, size_t r)
{
	if (!b->hit[r]) {
		b->hit[r] = row_search(b, r) >= 0 ? 2 : 1;
		b->nknown++;
		b->nhits += b->hit[r] == 2;
	}
	return b->hit[r] == 2;
}

/* Count what is known of the rows shown (none is looked at here): after
 * a new search or a filter, the rest is looked at by
 * gt_browser_count_step or on the way by gt_browser_search_next. */
static void count_hits(gt_browser *b)
{
	b->nhits = b->nknown = b->scan = 0;
	for (size_t p = 0; b->hit && p < b->n; p++) {
		unsigned char h = b->hit[b->idx[p]];

		b->nknown += h != 0;
		b->nhits += h == 2;
	}
}

int gt_browser_count_step(gt_browser *b, size_t rows)
{
	for (; b->hit && b->scan < b->n && rows > 0; b->scan++)
		if (!b->hit[b->idx[b->scan]]) {
			look(b, b->idx[b->scan]);
			rows--;
		}
	return b->hit && b->nknown < b->n;
}

int gt_browser_counted(const gt_browser *b)
{
	return !b->hit || b->nknown == b->n;
}

/* Has pattern q a character special in an extended regular expression? */
static int special(const char *q)
{
	return strpbrk(q, ".[]()*+?{}|^$\\") != NULL;
}

int gt_browser_set_search(gt_browser *b, const char *q, char *err, size_t errsz)
{
	size_t qlen = strlen(q), nrows = b->ds->nrows;
	unsigned char *hit;
	unsigned *fq;
	regex_t re, re_rows;
	int rc;

	if (qlen == 0 || qlen >= GT_BROWSE_PATTERN) {
		if (b->pattern[0]) {
			regfree(&b->re);
			regfree(&b->re_rows);
		}
		free(b->hit);
		free(b->fq);
		b->hit = NULL, b->fq = NULL, b->pattern[0] = '\0', b->nhits = 0;
		b->gen++;
		if (qlen == 0)
			return 0;
		snprintf(err, errsz, "the pattern is longer than %d bytes", GT_BROWSE_PATTERN - 1);
		return -2;
	}
	if ((rc = regcomp(&re, q, REG_EXTENDED | REG_ICASE | REG_NEWLINE)) != 0) {
		regerror(rc, &re, err, errsz);
		return -2;
	}
	if (regcomp(&re_rows, q, REG_EXTENDED | REG_ICASE | REG_NEWLINE | REG_NOSUB) != 0) {
		regfree(&re);
		return -1;
	}
	hit = calloc(nrows ? nrows : 1, 1);
	fq = malloc(qlen * sizeof(*fq));
	if (!hit || !fq) {
		regfree(&re);
		regfree(&re_rows);
		free(hit);
		free(fq);
		return -1;
	}
	gt_browser_set_search(b, "", NULL, 0);
	b->re = re;
	b->re_rows = re_rows;
	b->hit = hit;
	b->fq = fq;
	b->fqn = gt_browser_fold(q, fq, qlen);
	b->literal = !special(q);
	memcpy(b->pattern, q, qlen + 1);
	count_hits(b);
	b->gen++;
	return 0;
}

int gt_browser_search_step(gt_browser *b, int dir, size_t *k, size_t rows, int *col,
                           int *wrapped)
{
	*wrapped = 0;
	if (!b->hit || (gt_browser_counted(b) && b->nhits == 0))
		return 0;
	for (; *k < b->n && rows > 0; rows--) {
		size_t step = ++*k;
		size_t p = dir >= 0 ? (b->cur + step) % b->n : (b->cur + b->n - step % b->n) % b->n;

		if (look(b, b->idx[p])) {
			int c = row_search(b, b->idx[p]);

			*wrapped = dir >= 0 ? b->cur + step >= b->n : step > b->cur;
			*col = b->col = c >= 0 ? c : b->col;
			gt_browser_goto(b, p);
			return 1;
		}
	}
	return *k < b->n ? 2 : 0;
}

int gt_browser_search_next(gt_browser *b, int dir, int *col, int *wrapped)
{
	size_t k = 0;

	return gt_browser_search_step(b, dir, &k, SIZE_MAX, col, wrapped);
}

int gt_browser_search(gt_browser *b, const char *q, int dir, int *col, int *wrapped)
{
	char err[128];
	int rc = 0;

	*wrapped = 0;
	if (!q[0])
		return 0;
	if (strcmp(q, b->pattern) != 0)
		rc = gt_browser_set_search(b, q, err, sizeof(err));
	return rc < 0 ? rc : gt_browser_search_next(b, dir, col, wrapped);
}

size_t gt_browser_hits(const gt_browser *b, size_t *at)
{
	if (at) {
		*at = 0;
		for (size_t p = 0; b->hit && p < b->n && p <= b->cur; p++)
			*at += b->hit[b->idx[p]] == 2;
	}
	return b->nhits;
}

size_t gt_browser_hit_at(gt_browser *b)
{
	size_t at;

	if (b->at_gen != b->gen || b->at_cur >= b->n || !b->hit) {
		gt_browser_hits(b, &at);
	} else {
		at = b->at;
		for (size_t p = b->at_cur + 1; p <= b->cur; p++)     /* moved down */
			at += b->hit[b->idx[p]] == 2;
		for (size_t p = b->at_cur; p > b->cur; p--)          /* moved up */
			at -= b->hit[b->idx[p]] == 2;
	}
	b->at_gen = b->gen;
	b->at_cur = b->cur;
	b->at = at;
	return at;
}

int gt_browser_row_hit(const gt_browser *b, size_t r)
{
	return b->hit && b->hit[r] == 2;
}

int gt_browser_span(const gt_browser *b, const char *text, size_t from, size_t *so, size_t *eo)
{
	regmatch_t m;

	if (!b->pattern[0] || regexec(&b->re, text + from, 1, &m, from ? REG_NOTBOL : 0) != 0)
		return 0;
	*so = from + (size_t)m.rm_so;
	*eo = from + (size_t)m.rm_eo;
	return 1;
}

/* ---- Column summaries --------------------------------------------------- */

/* Histogram of v[0..k-1] over st->min .. st->max. */
static void fill_bins(gt_colstats *st, const double *v, size_t k)
{
	double span = st->max - st->min;

	for (size_t i = 0; i < k; i++) {
		int bin = span > 0 ? (int)((v[i] - st->min) / span * GT_BROWSE_BINS) : 0;

		st->bins[bin < GT_BROWSE_BINS ? bin : GT_BROWSE_BINS - 1]++;
	}
}

/* (The median by selection, not a sort of every value: a summary is
 * computed when the focus moves to a column, and sorting took 0.25 s of a
 * million rows.) */
static int numeric_stats(const gt_browser *b, int c, gt_colstats *st)
{
	double *v = malloc((b->n ? b->n : 1) * sizeof(*v)), sum = 0;
	uint64_t *scratch = malloc((b->n ? b->n : 1) * sizeof(*scratch));
	size_t k = 0;

	if (!v || !scratch) {
		free(v);
		free(scratch);
		return -1;
	}
	st->min = st->max = st->mean = st->median = NAN;
	for (size_t p = 0; p < b->n; p++)
		if (gt_parse_number(gt_cell_col(b->ds, b->idx[p], c), &v[k]) == 0) {
			st->min = k == 0 || v[k] < st->min ? v[k] : st->min;
			st->max = k == 0 || v[k] > st->max ? v[k] : st->max;
			sum += v[k++];
		}
	st->count = k;
	st->missing = b->n - k;
	if (k) {
		st->mean = sum / (double)k;
		fill_bins(st, v, k);
		st->median = gt_median(v, k, scratch);
	}
	free(v);
	free(scratch);
	return 0;
}

/* Does text s, seen n times, rank before rank i of the top values? More
 * often first; ties in strcmp order. */
static int ranks_before(const gt_colstats *st, int i, const char *s, size_t n)
{
	return n > st->top_n[i] || (n == st->top_n[i] && strcmp(s, st->top[i]) < 0);
}

/* Enter value s seen n times among the top values. */
static void add_top(gt_colstats *st, const char *s, size_t n)
{
	int i = GT_BROWSE_TOP;

	while (i > 0 && ranks_before(st, i - 1, s, n))
		i--;
	if (i == GT_BROWSE_TOP)
		return;
	memmove(&st->top[i + 1], &st->top[i], (GT_BROWSE_TOP - 1 - i) * sizeof(st->top[0]));
	memmove(&st->top_n[i + 1], &st->top_n[i], (GT_BROWSE_TOP - 1 - i) * sizeof(st->top_n[0]));
	st->top[i] = s;
	st->top_n[i] = n;
}

/* A distinct text of a column and how often it occurs. */
typedef struct {
	const char *s;        /* NULL: an empty slot */
	uint64_t hash;
	size_t n;
} text_count;

/* The slot of text s (hash h) in tab (mask + 1 slots): its own or empty. */
static text_count *text_slot(text_count *tab, size_t mask, const char *s, uint64_t h)
{
	size_t i = h & mask;

	while (tab[i].s && (tab[i].hash != h || strcmp(tab[i].s, s) != 0))
		i = (i + 1) & mask;
	return &tab[i];
}

/* Double the table; 0, or -1 (then it is unchanged). */
static int text_grow(text_count **tab, size_t *mask)
{
	size_t n = 2 * (*mask + 1);
	text_count *t = calloc(n, sizeof(*t));

	if (!t)
		return -1;
	for (size_t i = 0; i <= *mask; i++)
		if ((*tab)[i].s)
			*text_slot(t, n - 1, (*tab)[i].s, (*tab)[i].hash) = (*tab)[i];
	free(*tab);
	*tab = t;
	*mask = n - 1;
	return 0;
}

/* Distinct values counted in a hash table, at most half full (sorting
 * every text took a second on a million rows). */
static int text_stats(const gt_browser *b, int c, gt_colstats *st)
{
	size_t mask = 1023;
	text_count *tab = calloc(mask + 1, sizeof(*tab));
	int rc = tab ? 0 : -1;

	for (size_t p = 0; rc == 0 && p < b->n; p++) {
		const char *t = gt_cell_col(b->ds, b->idx[p], c);
		uint64_t h;
		text_count *slot;

		if (!t[0])
			continue;
		h = gt_hash_text(0, t);
		slot = text_slot(tab, mask, t, h);
		if (!slot->s && 2 * (st->distinct + 1) > mask + 1) {
			rc = text_grow(&tab, &mask);
			slot = text_slot(tab, mask, t, h);
		}
		if (rc == 0 && !slot->s) {
			*slot = (text_count){ t, h, 0 };
			st->distinct++;
		}
		slot->n++;
		st->count++;
	}
	for (size_t i = 0; rc == 0 && i <= mask; i++)
		if (tab[i].s)
			add_top(st, tab[i].s, tab[i].n);
	st->missing = b->n - st->count;
	free(tab);
	return rc;
}

const gt_colstats *gt_browser_stats(gt_browser *b, int c)
{
	gt_colstats st = { .numeric = gt_browser_numeric(b, c), .rows = b->n };

	if (c < 0 || c >= b->ncols)
		return NULL;
	if (b->stats_ok[c])
		return &b->stats[c];
	if ((st.numeric ? numeric_stats(b, c, &st) : text_stats(b, c, &st)) != 0)
		return NULL;
	b->stats[c] = st;
	b->stats_ok[c] = 1;
	return &b->stats[c];
}
