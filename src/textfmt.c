/* textfmt.c: number and text formatting for people, and text from the
 * data made safe for a terminal. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700      /* wcwidth */
#endif

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

char *gt_fmt_pad(char *buf, size_t n, const char *s, int cells)
{
	mbstate_t st;
	size_t len = 0;
	int used = 0;

	memset(&st, 0, sizeof(st));
	while (s[len]) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + len, MB_CUR_MAX, &st);
		int w = 1;

		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof(st));
			k = 1;
		} else if (wcwidth(wc) >= 0) {
			w = wcwidth(wc);
		}
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

int gt_text_width(const char *s)
{
	mbstate_t st;
	int cells = 0;

	memset(&st, 0, sizeof(st));
	while (*s) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		int w;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));   /* drawn as one '?' */
			n = 1;
			w = 1;
		} else
			w = wcwidth(wc);
		cells += w >= 0 ? w : 1;
		s += n;
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
