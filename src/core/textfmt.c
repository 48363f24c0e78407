/* textfmt.c: number and text formatting for people, and text from the
 * data made safe for a terminal. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700      /* wcwidth */
#endif

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "genretui/textfmt.h"

char *gt_fmt_count(char *buf, size_t n, unsigned long long v)
{
	char digits[32], out[48];
	int len = snprintf(digits, sizeof(digits), "%llu", v), j = 0;

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = digits[i];
	}
	out[j] = '\0';
	snprintf(buf, n, "%s", out);
	return buf;
}

char *gt_fmt_percent(char *buf, size_t n, double part, double whole)
{
	if (whole <= 0)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * part / whole);
	return buf;
}

int gt_fmt_bar(char *buf, size_t n, double frac, int width, int utf8)
{
	/* U+2588 full block, then U+2589..U+258F for 7/8 .. 1/8 */
	static const char *const eighths[8] = {
		"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"
	};
	int units, full, part, cells = 0;
	size_t used = 0;

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (!(frac > 0) || width <= 0)
		return 0;
	if (frac > 1)
		frac = 1;
	units = (int)(frac * width * (utf8 ? 8 : 1) + 0.5);
	full = utf8 ? units / 8 : units;
	part = utf8 ? units % 8 : 0;
	for (int i = 0; i < full && used + 4 < n; i++, cells++)
		used += (size_t)snprintf(buf + used, n - used, "%s", utf8 ? "\u2588" : "#");
	if (part && used + 4 < n) {
		used += (size_t)snprintf(buf + used, n - used, "%s", eighths[part]);
		cells++;
	}
	return cells;
}

size_t gt_utf8_decode(const char *s, unsigned *cp)
{
	static const unsigned min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
	const unsigned char *u = (const unsigned char *)s;
	size_t n = u[0] < 0x80 ? 1 : u[0] >= 0xc2 && u[0] <= 0xdf ? 2
	         : u[0] >= 0xe0 && u[0] <= 0xef ? 3
	         : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : 0;

	if (n == 0)
		return 0;
	*cp = n == 1 ? u[0] : u[0] & (0x7fu >> n);
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)   /* also stops at the NUL */
			return 0;
		*cp = *cp << 6 | (u[i] & 0x3fu);
	}
	if (*cp < min[n] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff))
		return 0;
	return n;
}

/* The letter of a C escape for c ('n' for a newline), or 0. */
static char escape_letter(unsigned c)
{
	switch (c) {
	case '\n': return 'n';
	case '\t': return 't';
	case '\r': return 'r';
	case '\\': return '\\';
	default: return 0;
	}
}

/* How the sequence at s (n bytes, 0 if not UTF-8; code point cp) is shown:
 * itself, or an escape if a terminal could act on it. Returns its length
 * (at most 6, "\u009b"). */
static size_t safe_piece(const char *s, size_t n, unsigned cp, char piece[8])
{
	if (n == 0)
		return (size_t)snprintf(piece, 8, "\\x%02x", (unsigned char)s[0]);
	if (escape_letter(cp))
		return (size_t)snprintf(piece, 8, "\\%c", escape_letter(cp));
	if (cp < 0x20 || cp == 0x7f)
		return (size_t)snprintf(piece, 8, "\\x%02x", cp);
	if (cp >= 0x80 && cp < 0xa0)      /* C1 controls, e.g. CSI */
		return (size_t)snprintf(piece, 8, "\\u%04x", cp);
	memcpy(piece, s, n);
	return n;
}

size_t gt_text_safe(const char *s, char *out, size_t outsz, size_t max_bytes)
{
	/* keep: the longest prefix written that still leaves room for "...\0" */
	size_t used = 0, keep = 0, room = outsz >= 4 ? outsz - 4 : 0;

	if (outsz == 0)
		return 0;
	while (*s && used < max_bytes) {
		unsigned cp = 0;
		size_t n = gt_utf8_decode(s, &cp);
		char piece[8];
		size_t len = safe_piece(s, n, cp, piece);

		if (used + len >= outsz)
			break;
		memcpy(out + used, piece, len);
		used += len;
		s += n ? n : 1;
		if (used <= room)
			keep = used;
	}
	if (*s)
		for (used = keep; used < keep + 3 && used + 1 < outsz; used++)
			out[used] = '.';
	out[used] = '\0';
	return used;
}

/* The character at s: its bytes, and in *cells the cells it takes. A
 * byte that starts no character is one byte of one cell (drawn as one '?'),
 * and the conversion state starts again after it; a character wcwidth
 * knows no width of takes one cell. */
static size_t glyph_at(const char *s, mbstate_t *st, int *cells)
{
	wchar_t wc;
	size_t k = mbrtowc(&wc, s, MB_CUR_MAX, st);
	int w;

	if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
		memset(st, 0, sizeof(*st));
		*cells = 1;
		return 1;
	}
	w = wcwidth(wc);
	*cells = w >= 0 ? w : 1;
	return k;
}

char *gt_fmt_pad(char *buf, size_t n, const char *s, int cells)
{
	mbstate_t st;
	size_t len = 0;
	int used = 0;

	memset(&st, 0, sizeof(st));
	while (s[len]) {
		int w;
		size_t k = glyph_at(s + len, &st, &w);

		if (used + w > cells || len + k >= n)
			break;
		used += w;
		len += k;
	}
	memcpy(buf, s, len);
	while (used++ < cells && len + 1 < n)
		buf[len++] = ' ';
	buf[len] = '\0';
	return buf;
}

char *gt_fmt_fit(char *buf, size_t n, const char *s, int cells, const char *mark)
{
	size_t len;

	if (cells < 1 || gt_text_width(s) <= cells)
		return gt_fmt_pad(buf, n, s, cells);
	gt_fmt_pad(buf, n, s, cells - 1);
	len = strlen(buf);
	if (len + strlen(mark) < n)
		memcpy(buf + len, mark, strlen(mark) + 1);
	return buf;
}

int gt_text_width(const char *s)
{
	mbstate_t st;
	int cells = 0;

	memset(&st, 0, sizeof(st));
	while (*s) {
		int w;

		s += glyph_at(s, &st, &w);
		cells += w;
	}
	return cells;
}

uint64_t gt_hash_text(uint64_t h, const char *s)
{
	size_t n = strlen(s);
	uint64_t w;

	h = (h ^ n) * 0x9e3779b97f4a7c15ull;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

/* ---- labels that tell names apart ---------------------------------------- */

/* Where each character of a name starts: at[i] its byte, cells[i] the
 * cells before it (as gt_text_width counts them), kind[i] what it is for
 * word breaks; at[n], cells[n] the end. */
#define GLYPHS_MAX 256             /* characters of a name compared */

enum { GK_SEP, GK_DIGIT, GK_UPPER, GK_LOWER };

typedef struct {
	int n;
	size_t at[GLYPHS_MAX + 1];
	int cells[GLYPHS_MAX + 1];
	unsigned char kind[GLYPHS_MAX];
} glyphs;

/* ASCII punctuation and blanks separate words; a character outside ASCII
 * is a letter (of no case). */
static int glyph_kind(unsigned char c)
{
	if (c >= 0x80 || (c >= 'a' && c <= 'z'))
		return GK_LOWER;
	if (c >= 'A' && c <= 'Z')
		return GK_UPPER;
	return c >= '0' && c <= '9' ? GK_DIGIT : GK_SEP;
}

static void glyphs_of(const char *s, glyphs *gl)
{
	mbstate_t st;
	size_t at = 0;
	int cells = 0;

	memset(&st, 0, sizeof(st));
	gl->n = 0;
	while (s[at] && gl->n < GLYPHS_MAX) {
		int w;
		size_t k = glyph_at(s + at, &st, &w);

		gl->at[gl->n] = at;
		gl->kind[gl->n] = (unsigned char)glyph_kind((unsigned char)s[at]);
		gl->cells[gl->n++] = cells;
		at += k;
		cells += w;
	}
	gl->at[gl->n] = at;
	gl->cells[gl->n] = cells;
}

/* Does a word end before character j (0 < j < n)? At a separator on
 * either side, between digits and letters, and at a camelCase step
 * ("artistName", "MFCCMean"). */
static int word_break(const glyphs *gl, int j)
{
	int a = gl->kind[j - 1], b = gl->kind[j];

	if (a == GK_SEP || b == GK_SEP || (a == GK_DIGIT) != (b == GK_DIGIT))
		return 1;
	if (a == GK_LOWER && b == GK_UPPER)
		return 1;
	return a == GK_UPPER && b == GK_UPPER && j + 1 < gl->n && gl->kind[j + 1] == GK_LOWER;
}

/* ---- the first cut: a start and the end that tells it from its rivals -- */

/* Bytes of the longest start of at most cells cells. */
static size_t start_len(const glyphs *gl, int cells)
{
	int i = 0;

	while (i < gl->n && gl->cells[i + 1] <= cells)
		i++;
	return gl->at[i];
}

/* Byte at which the longest end of at most cells cells begins. */
static size_t end_at(const glyphs *gl, int cells)
{
	int i = gl->n;

	while (i > 0 && gl->cells[gl->n] - gl->cells[i - 1] <= cells)
		i--;
	return gl->at[i];
}

/* Do names a and b (glyphs ga, gb) have the same start of at most cells
 * cells? (or the same end, when end is set) */
static int same_part(const char *a, const glyphs *ga, const char *b, const glyphs *gb,
                     int cells, int end)
{
	size_t ia = end ? end_at(ga, cells) : 0, la = end ? ga->at[ga->n] - ia : start_len(ga, cells);
	size_t ib = end ? end_at(gb, cells) : 0, lb = end ? gb->at[gb->n] - ib : start_len(gb, cells);

	return la == lb && memcmp(a + ia, b + ib, la) == 0;
}

/* Is name j a rival of name (glyphs gc): too long for cells as well, and
 * alike in its first cells - 1? Its glyphs into gj. */
static int rival(const char *name, const glyphs *gc, const char *other, glyphs *gj, int cells)
{
	if (strncmp(other, name, start_len(gc, cells - 1)) != 0)
		return 0;
	glyphs_of(other, gj);
	return gj->cells[gj->n] > cells && same_part(name, gc, other, gj, cells - 1, 0);
}

/* The cells of name i's end that tell it from each of its rivals; 0 when
 * it has none or no end short enough helps. */
static int telling_end(const char *const *names, int k, int i, const glyphs *gc, int cells)
{
	int rivals = 0;
	glyphs gj;

	for (int j = 0; j < k && !rivals; j++)
		rivals = j != i && rival(names[i], gc, names[j], &gj, cells);
	for (int t = cells / 2; rivals && t <= cells - 2; t++) {
		int alike = 0;

		for (int j = 0; j < k && !alike; j++)
			alike = j != i && rival(names[i], gc, names[j], &gj, cells) &&
			        same_part(names[i], gc, names[j], &gj, t, 1);
		if (!alike)
			return t;
	}
	return 0;
}

/* The label when no cut at words tells the name apart: its first
 * cells - 1 - t and mark, then its end of t cells (see telling_end). */
static void label_first_cut(char *buf, size_t n, const char *const *names, int k, int i,
                            const glyphs *gl, int cells, const char *mark)
{
	int t = telling_end(names, k, i, gl, cells);
	size_t s = start_len(gl, cells - 1 - t);

	snprintf(buf, n, "%.*s%s%s", (int)s, names[i], mark, t ? names[i] + end_at(gl, t) : "");
}

/* ---- cuts at words ------------------------------------------------------ */

/* A label keeps up to three pieces of the name, characters [a, b) each,
 * in order, with mark where characters are left out: "chro" "_mean" make
 * "chro…_mean"; "cen" alone "…cen…". */
typedef struct {
	int np;
	int a[3], b[3];
} cut;

/* How well a cut reads, better first:
 *   bad    the fewer pieces that start inside a word (its tail alone,
 *          "oid_mean", reads as nothing) or end inside one after fewer
 *          than 2 of its characters ("s~", a start no one recognises);
 *   start  a label that keeps the name's start before one that does not;
 *   marks  the fewer marks (one gap reads more easily than two);
 *   words  the more words shown, whole or their first 3 characters or more;
 *   inside the fewer cuts inside a word;
 *   shown  the more characters shown (separators not counted);
 *   end    the longer end. */
typedef struct {
	int bad, start, marks, words, inside, shown, end;
} cut_score;

static int score_better(const cut_score *x, const cut_score *y)
{
	if (x->bad != y->bad)
		return x->bad < y->bad;
	if (x->start != y->start)
		return x->start > y->start;
	if (x->marks != y->marks)
		return x->marks < y->marks;
	if (x->words != y->words)
		return x->words > y->words;
	if (x->inside != y->inside)
		return x->inside < y->inside;
	if (x->shown != y->shown)
		return x->shown > y->shown;
	return x->end > y->end;
}

static int cut_shows(const cut *c, int j)
{
	for (int p = 0; p < c->np; p++)
		if (j >= c->a[p] && j < c->b[p])
			return 1;
	return 0;
}

/* Shown words of gl under cut c. */
static int cut_words(const glyphs *gl, const cut *c)
{
	int words = 0;

	for (int a = 0, b; a < gl->n; a = b) {
		int whole = 1;

		b = a + 1;
		while (b < gl->n && !word_break(gl, b))
			b++;
		if (gl->kind[a] == GK_SEP)
			continue;
		for (int j = a; j < b && whole; j++)
			whole = cut_shows(c, j);
		words += whole || (b - a >= 3 && cut_shows(c, a) && cut_shows(c, a + 1) &&
		                   cut_shows(c, a + 2));
	}
	return words;
}

/* Where the word holding character j - 1 starts. */
static int word_start(const glyphs *gl, int j)
{
	while (j > 1 && !word_break(gl, j - 1))
		j--;
	return j - 1;
}

/* Score of cut c of gl; 0 when a piece before a mark ends in a
 * separator ("mfcc10_…" reads as a name cut at nothing). */
static int cut_rate(const glyphs *gl, const cut *c, cut_score *sc)
{
	*sc = (cut_score){ .start = c->a[0] == 0 };
	for (int p = 0; p < c->np; p++) {
		int a = c->a[p], b = c->b[p];

		if (b < gl->n && gl->kind[b - 1] == GK_SEP)
			return 0;
		if (a > 0 && !word_break(gl, a)) {
			sc->inside++;
			sc->bad++;
		}
		if (b < gl->n && !word_break(gl, b)) {
			int from = word_start(gl, b);

			sc->inside++;
			sc->bad += b - (from > a ? from : a) < 2;
		}
		for (int j = a; j < b; j++)
			sc->shown += gl->kind[j] != GK_SEP;
	}
	sc->marks = c->np - 1 + (c->a[0] > 0) + (c->b[c->np - 1] < gl->n);
	if (c->b[c->np - 1] == gl->n)
		sc->end = gl->n - c->a[c->np - 1];
	sc->words = cut_words(gl, c);
	return 1;
}

static void cut_text(char *buf, size_t n, const char *name, const glyphs *gl, const cut *c,
                     const char *mark)
{
	size_t len = 0;
	int prev = 0;

	buf[0] = '\0';
	for (int p = 0; p < c->np && len < n; p++) {
		size_t from = gl->at[c->a[p]], to = gl->at[c->b[p]];

		len += (size_t)snprintf(buf + len, n - len, "%s%.*s", c->a[p] > prev ? mark : "",
		                        (int)(to - from), name + from);
		prev = c->b[p];
	}
	if (prev < gl->n && len < n)
		snprintf(buf + len, n - len, "%s", mark);
}

/* Where t (len bytes) first occurs in s[0, n), or NULL (memmem is not
 * standard C). */
static const char *find_bytes(const char *s, size_t n, const char *t, size_t len)
{
	for (size_t i = 0; len <= n && i <= n - len; i++)
		if (memcmp(s + i, t, len) == 0)
			return s + i;
	return NULL;
}

/* Could other (its first oend bytes) be read in cut c of name: does it
 * start with c's first piece when c keeps the start, end with its last
 * when c keeps the end, and hold the others between, in order, with at
 * least one byte where each mark stands? */
static int cut_matches(const char *name, const glyphs *gl, const cut *c, const char *other,
                       size_t oend)
{
	size_t from = 0, to = oend;
	int p0 = 0, p1 = c->np;

	if (c->a[0] == 0) {
		size_t len = gl->at[c->b[0]];

		if (len > oend || memcmp(other, name, len) != 0)
			return 0;
		from = len;
		p0 = 1;
	}
	if (p1 > p0 && c->b[p1 - 1] == gl->n) {
		size_t at = gl->at[c->a[p1 - 1]], len = gl->at[gl->n] - at;

		if (len > to - from || memcmp(other + to - len, name + at, len) != 0)
			return 0;
		to -= len;
		p1--;
	}
	for (int p = p0; p < p1; p++) {
		size_t at = gl->at[c->a[p]], len = gl->at[c->b[p]] - at;
		const char *f = from < to ? find_bytes(other + from + 1, to - from - 1, name + at, len)
		                          : NULL;

		if (!f)
			return 0;
		from = (size_t)(f - other) + len;
	}
	return from < to;
}

/* Does cut c (its text text) tell name i from every other name: none is
 * its text, and none can be read in it? Names are compared in their first
 * GLYPHS_MAX characters, as glyphs_of measures them. */
static int cut_tells(const char *const *names, int k, int i, const glyphs *gl, const cut *c,
                     const char *text)
{
	size_t start = c->a[0] == 0 ? gl->at[c->b[0]] : 0;
	glyphs gj;

	for (int j = 0; j < k; j++) {
		size_t oend;

		if (j == i || strncmp(names[j], names[i], start) != 0)
			continue;
		if (strcmp(names[j], text) == 0)
			return 0;
		oend = strlen(names[j]);
		if (oend > GLYPHS_MAX) {                  /* may have more characters */
			glyphs_of(names[j], &gj);
			oend = gj.at[gj.n];
		}
		if (cut_matches(names[i], gl, c, names[j], oend))
			return 0;
	}
	return 1;
}

/* Weigh cut c: when it reads better than *best and tells the name apart,
 * it becomes *best (its text in buf). */
static void cut_try(const char *const *names, int k, int i, const glyphs *gl, const char *mark,
                    const cut *c, cut *best, cut_score *bs, char *buf, size_t n)
{
	cut_score sc;
	char text[1024];

	if (!cut_rate(gl, c, &sc) || (best->np && !score_better(&sc, bs)))
		return;
	cut_text(text, sizeof(text), names[i], gl, c, mark);
	if (!cut_tells(names, k, i, gl, c, text))
		return;
	*best = *c;
	*bs = sc;
	snprintf(buf, n, "%s", text);
}

/* Cells a cut's pieces take. */
static int piece_cells(const glyphs *gl, int a, int b)
{
	return gl->cells[b] - gl->cells[a];
}

/* The start…end cuts (one mark): *best when better (its text in buf). */
static void cut_one_mark(const char *const *names, int k, int i, const glyphs *gl, int cells,
                         const char *mark, cut *best, cut_score *bs, char *buf, size_t n)
{
	cut c;

	for (int p = 1; p < gl->n && piece_cells(gl, 0, p) + 1 <= cells; p++)
		for (int s = 0; p + s < gl->n; s++) {
			int q = gl->n - s;

			if (piece_cells(gl, 0, p) + 1 + piece_cells(gl, q, gl->n) > cells)
				break;
			c = (cut){ .np = s ? 2 : 1, .a = { 0, q }, .b = { p, gl->n } };
			cut_try(names, k, i, gl, mark, &c, best, bs, buf, n);
		}
}

/* The start…middle…end cuts (two marks, the start or the end may be
 * empty; the middle as long as fits): *best when better. */
static void cut_two_marks(const char *const *names, int k, int i, const glyphs *gl, int cells,
                          const char *mark, cut *best, cut_score *bs, char *buf, size_t n)
{
	cut c;

	for (int p = 0; p < gl->n && piece_cells(gl, 0, p) + 3 <= cells; p++)
		for (int s = 0; p + s + 2 < gl->n; s++) {
			int room = cells - 2 - piece_cells(gl, 0, p) - piece_cells(gl, gl->n - s, gl->n);

			for (int m = p + 1, e; room >= 1 && m < gl->n - s - 1; m++) {
				for (e = m; e < gl->n - s - 1 && piece_cells(gl, m, e + 1) <= room; e++)
					;
				if (e == m)
					continue;
				c.np = 0;
				if (p) {
					c.a[c.np] = 0;
					c.b[c.np++] = p;
				}
				c.a[c.np] = m;
				c.b[c.np++] = e;
				if (s) {
					c.a[c.np] = gl->n - s;
					c.b[c.np++] = gl->n;
				}
				cut_try(names, k, i, gl, mark, &c, best, bs, buf, n);
			}
		}
}

char *gt_fmt_label(char *buf, size_t n, const char *const *names, int k, int i, int cells,
                   const char *mark)
{
	const char *name = names[i];
	cut best = { 0 };
	cut_score bs = { 0 };
	glyphs gl;

	if (n == 0)
		return buf;
	glyphs_of(name, &gl);
	if (gl.cells[gl.n] <= cells && !name[gl.at[gl.n]]) {
		snprintf(buf, n, "%s", name);
		return buf;
	}
	if (cells < 1) {
		buf[0] = '\0';
		return buf;
	}
	cut_one_mark(names, k, i, &gl, cells, mark, &best, &bs, buf, n);
	cut_two_marks(names, k, i, &gl, cells, mark, &best, &bs, buf, n);
	if (!best.np)
		label_first_cut(buf, n, names, k, i, &gl, cells, mark);
	return buf;
}

/* ---- headings: short names told apart ----------------------------------- */

#define HEAD_WORDS 8               /* words of an abbreviation at most */

/* The words of gl (runs between word breaks, separators left out): their
 * first characters into from[], their ends into to[]. Returns how many,
 * or -1 for more than HEAD_WORDS. */
static int words_of(const glyphs *gl, int *from, int *to)
{
	int nw = 0;

	for (int a = 0, b; a < gl->n; a = b) {
		b = a + 1;
		while (b < gl->n && !word_break(gl, b))
			b++;
		if (gl->kind[a] == GK_SEP)
			continue;
		if (nw == HEAD_WORDS)
			return -1;
		from[nw] = a;
		to[nw++] = b;
	}
	return nw;
}

/* Abbreviation number nth of a name (glyphs gl) in at most cells cells:
 * the start of every word, a number whole, the words' lengths taken in
 * decreasing order, the first word's first ("mf1m" before "m1me" before
 * "m1m" for mfcc1_mean in 4 cells). 0 when there is no nth (of the first
 * HEAD_TRIES lengths tried). */
#define HEAD_TRIES 4096

static int abbrev_nth(const char *name, const glyphs *gl, int cells, int nth, char *out,
                      size_t n)
{
	int from[HEAD_WORDS], to[HEAD_WORDS], len[HEAD_WORDS], nw = words_of(gl, from, to);

	if (nw <= 0 || nw > cells)
		return 0;
	for (int w = 0; w < nw; w++) {
		int whole = to[w] - from[w];

		len[w] = gl->kind[from[w]] == GK_DIGIT || whole < cells ? whole : cells;
	}
	for (int tries = 0; tries < HEAD_TRIES; tries++) {
		int used = 0, w;
		size_t at = 0;

		for (w = 0; w < nw; w++)
			used += piece_cells(gl, from[w], from[w] + len[w]);
		if (used <= cells && nth-- == 0) {
			for (w = 0; w < nw && at < n; w++)
				at += (size_t)snprintf(out + at, n - at, "%.*s",
				                       (int)(gl->at[from[w] + len[w]] - gl->at[from[w]]),
				                       name + gl->at[from[w]]);
			return 1;
		}
		for (w = nw - 1; w >= 0; w--) {        /* the next lengths, odometer-wise */
			if (gl->kind[from[w]] != GK_DIGIT && len[w] > 1) {
				len[w]--;
				break;
			}
			if (gl->kind[from[w]] != GK_DIGIT)
				len[w] = to[w] - from[w] < cells ? to[w] - from[w] : cells;
		}
		if (w < 0)
			return 0;
	}
	return 0;
}

/* Heading candidate c of a name: 0 its first cells cells (the name when
 * it fits), then its abbreviations. 1 when written, 0 when c is not one
 * to use (a start that is empty or begins with '#', the numbers' mark),
 * -1 past the last. */
static int heading_cand(const char *name, int cells, int c, char *out, size_t n)
{
	glyphs gl;

	glyphs_of(name, &gl);
	if (c == 0) {
		size_t len = start_len(&gl, cells);

		snprintf(out, n, "%.*s", (int)len, name);
		return len > 0 && name[0] != '#';
	}
	return abbrev_nth(name, &gl, cells, c - 1, out, n) ? 1 : -1;
}

/* Headings in order of their text, then of their place. */
static int cmp_heads(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int d = strcmp(x, y);

	return d ? d : (x > y) - (x < y);
}

/* Move name i past candidate c[i] to its next usable one; 0 when it has
 * none left (c[i] is then unchanged). */
static int heading_next(const char *name, int cells, int *c, char *out, size_t n)
{
	char tmp[256];
	int r;

	for (int next = *c + 1; (r = heading_cand(name, cells, next, tmp, sizeof(tmp))) >= 0; next++)
		if (r == 1) {
			*c = next;
			snprintf(out, n, "%s", tmp);
			return 1;
		}
	return 0;
}

static void number_heading(char *out, size_t n, int i)
{
	snprintf(out, n, "#%d", i + 1);
}

/* One round: the names of every group of equal headings move on together
 * to their next candidates; a name of the group that has none left is
 * numbered (its start would read as the others' too). Returns whether
 * anything changed. */
static int heads_round(const char *const *names, int k, int cells, char *heads, size_t stride,
                       int *c, char **order)
{
	int changed = 0;

	for (int i = 0; i < k; i++)
		order[i] = heads + (size_t)i * stride;
	qsort(order, (size_t)k, sizeof(*order), cmp_heads);
	for (int a = 0, b; a < k; a = b) {
		for (b = a + 1; b < k && strcmp(order[a], order[b]) == 0; b++)
			;
		for (int g = a; g < b && b - a > 1; g++) {
			int i = (int)((size_t)(order[g] - heads) / stride);

			if (c[i] < 0)
				continue;
			if (!heading_next(names[i], cells, &c[i], order[g], stride)) {
				number_heading(order[g], stride, i);
				c[i] = -1;
			}
			changed = 1;
		}
	}
	return changed;
}

int gt_fmt_headings(const char *const *names, int k, int cells, char *heads, size_t stride)
{
	int *c = calloc(k > 0 ? (size_t)k : 1, sizeof(*c));
	char **order = malloc((k > 0 ? (size_t)k : 1) * sizeof(*order));

	for (int i = 0; i < k; i++) {
		char *out = heads + (size_t)i * stride;
		int first = 0;

		if (heading_cand(names[i], cells, 0, out, stride) == 1 || !c)
			continue;
		if (!heading_next(names[i], cells, &first, out, stride)) {
			number_heading(out, stride, i);
			first = -1;
		}
		c[i] = first;
	}
	if (!c || !order) {
		free(c);
		free(order);
		return -1;
	}
	while (heads_round(names, k, cells, heads, stride, c, order))
		;
	free(c);
	free(order);
	return 0;
}

/* ---- numbers as shown ---------------------------------------------------- */

/* Significant digits shown by default. A double keeps 15 (DBL_DIG); the
 * real file's noise comes from arithmetic before it was written and reaches
 * the 13th (0.0052299999999999 for 0.00523), while its true values have at
 * most 7. */
#define SHOWN_DIGITS 12

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Does every character of shown that is not a digit, and every pair of
 * adjacent characters without a digit, also occur in raw (ASCII case
 * ignored)? Then a search that skips rows by their raw text (browse.c)
 * never skips a row for a rounded number's text. */
static int shown_within(const char *shown, const char *raw)
{
	for (const char *s = shown; *s; s++) {
		char pair[3] = { s[0], s[1], '\0' };

		if (!is_digit(s[0]) && !strchr(raw, s[0]))
			return 0;
		if (s[1] && !is_digit(s[0]) && !is_digit(s[1]) && !strstr(raw, pair))
			return 0;
	}
	return 1;
}

/* A number of more than digits significant digits, rounded to that many:
 * in fixed notation if raw has no exponent (its whole part never rounded:
 * 123456.789 is 123457 to 3 digits), else as %g chooses. 0 if it cannot
 * be shown shorter that way (raw is then shown as it is). */
static size_t shown_rounded(const char *raw, int has_exp, int digits, char *out, size_t outsz)
{
	double v = strtod(raw, NULL), mag = v < 0 ? -v : v;
	char buf[64];
	int n;

	if (!(mag < 1e12))                    /* inf, nan; the whole part of 12 digits at most */
		return 0;
	if (has_exp || mag == 0 || mag >= 1e-4) {
		n = snprintf(buf, sizeof(buf), "%.*g", digits, v);
		if (!has_exp && strchr(buf, 'e'))  /* %g's exponent form: the whole part */
			n = snprintf(buf, sizeof(buf), "%.0f", v);
	} else {
		int e;                            /* v rounded = d.ddd x 10^e */

		snprintf(buf, sizeof(buf), "%.*e", digits - 1, v);
		e = atoi(strchr(buf, 'e') + 1);
		n = snprintf(buf, sizeof(buf), "%.*f", digits - 1 - e, v);
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
	}
	if (n <= 0 || (size_t)n >= outsz || (size_t)n >= strlen(raw) || !shown_within(buf, raw))
		return 0;
	memcpy(out, buf, (size_t)n + 1);
	return (size_t)n;
}

size_t gt_fmt_shown_number(const char *raw, char *out, size_t outsz)
{
	return gt_fmt_number_digits(raw, SHOWN_DIGITS, out, outsz);
}

size_t gt_fmt_number_digits(const char *raw, int ndigits, char *out, size_t outsz)
{
	const char *p = raw + (*raw == '+' || *raw == '-'), *digits = p, *point = NULL;
	const char *mant_end, *keep, *q;
	int ndig = 0, sig = 0, seen = 0;
	size_t len;

	for (; is_digit(*p) || (*p == '.' && !point); p++) {
		point = *p == '.' ? p : point;
		ndig += is_digit(*p);
	}
	mant_end = keep = p;
	if (ndig == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p += 1 + (p[1] == '+' || p[1] == '-');
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	if (*p)
		return 0;
	if (point) {                          /* trailing zeros of the fraction */
		while (keep > point + 1 && keep[-1] == '0')
			keep--;
		keep = keep == point + 1 ? point : keep;
	}
	for (q = digits; q < keep; q++) {
		seen |= is_digit(*q) && *q != '0';
		sig += seen && is_digit(*q);
	}
	ndigits = ndigits < 1 ? 1 : ndigits > GT_FMT_DIGITS_MAX ? GT_FMT_DIGITS_MAX : ndigits;
	if (sig > ndigits)
		return shown_rounded(raw, *mant_end != '\0', ndigits, out, outsz);
	len = (size_t)(keep - raw) + (keep == digits) + strlen(mant_end);
	if (len >= outsz)
		return 0;
	memcpy(out, raw, (size_t)(keep - raw));
	if (keep == digits)                   /* ".000": a zero is left */
		out[keep - raw] = '0';
	memcpy(out + (keep - raw) + (keep == digits), mant_end, strlen(mant_end) + 1);
	return len;
}

int gt_text_distance(const char *a, size_t la, const char *b, size_t max_len)
{
	size_t lb = strlen(b);
	int row[GT_TEXT_DISTANCE_MAX + 1];

	if (max_len > GT_TEXT_DISTANCE_MAX)
		max_len = GT_TEXT_DISTANCE_MAX;
	if (la > max_len || lb > max_len)
		return GT_TEXT_FAR;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], best = diag + (tolower((unsigned char)a[i - 1]) !=
			                                tolower((unsigned char)b[j - 1]));

			best = up + 1 < best ? up + 1 : best;
			best = row[j - 1] + 1 < best ? row[j - 1] + 1 : best;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void gt_strbuf_add(gt_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p ? b->p + b->len : NULL, b->p ? b->cap - b->len : 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (b->len + (size_t)n >= b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *p;

		while (cap <= b->len + (size_t)n)
			cap *= 2;
		if (!(p = realloc(b->p, cap))) {
			b->failed = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

const char *gt_strbuf_str(const gt_strbuf *b)
{
	return b->p ? b->p : "";
}

void gt_strbuf_free(gt_strbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}
