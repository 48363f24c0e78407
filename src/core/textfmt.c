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
 * cells before it (as gt_text_width counts them); at[n], cells[n] the end. */
#define GLYPHS_MAX 256             /* characters of a name compared */

typedef struct {
	int n;
	size_t at[GLYPHS_MAX + 1];
	int cells[GLYPHS_MAX + 1];
} glyphs;

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
		gl->cells[gl->n++] = cells;
		at += k;
		cells += w;
	}
	gl->at[gl->n] = at;
	gl->cells[gl->n] = cells;
}

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

/* The cells of name i's end that tell it from each of its rivals (see
 * gt_fmt_label); 0 when it has none or no end short enough helps. */
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

char *gt_fmt_label(char *buf, size_t n, const char *const *names, int k, int i, int cells,
                   const char *mark)
{
	const char *name = names[i];
	glyphs gl;
	size_t s;
	int t;

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
	t = telling_end(names, k, i, &gl, cells);
	s = start_len(&gl, cells - 1 - t);
	snprintf(buf, n, "%.*s%s%s", (int)s, name, mark, t ? name + end_at(&gl, t) : "");
	return buf;
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
