/* textfmt.h: text formatting shared by the batch output and the UI
 * (curses-free, so it is unit-tested and usable anywhere). */
#ifndef GENRETUI_TEXTFMT_H
#define GENRETUI_TEXTFMT_H

#include <stddef.h>
#include <stdint.h>

/* v with thousands separators ("40,560") into buf; returns buf. */
char *gt_fmt_count(char *buf, size_t n, unsigned long long v);

/* Percentage of part in whole with one decimal ("18.9%"); "-" if whole is 0. */
char *gt_fmt_percent(char *buf, size_t n, double part, double whole);

/* A horizontal bar of frac (0..1) of width cells into buf (UTF-8 full and
 * eighth blocks when utf8, else '#'); returns the cells drawn. */
int gt_fmt_bar(char *buf, size_t n, double frac, int width, int utf8);

/* Length (1..4) of the valid UTF-8 sequence at s, its code point in *cp;
 * 0 for a byte that does not start one (overlong forms, surrogates and
 * code points above U+10FFFF are invalid). s must be NUL-terminated. */
size_t gt_utf8_decode(const char *s, unsigned *cp);

/* Copy text from the data into out so that no terminal can act on it:
 *   \n \t \r and the backslash become \n \t \r \\,
 *   other C0 controls and DEL become \xNN, C1 controls (U+0080..U+009F,
 *   e.g. the one-character CSI) become \u00NN,
 *   bytes that are not valid UTF-8 become \xNN,
 *   valid UTF-8 is kept as it is.
 * Pieces are copied while fewer than max_bytes bytes have been written
 * (so the result may pass max_bytes by one piece, at most 5 bytes), never
 * inside a UTF-8 sequence or an escape; if text is left, "..." follows.
 * Pass (size_t)-1 for no limit but outsz. The result always fits outsz
 * (it is cut earlier, with "...", when needed; outsz >= max_bytes + 10 is
 * enough for the max_bytes cut). Returns the length written. */
size_t gt_text_safe(const char *s, char *out, size_t outsz, size_t max_bytes);

/* Fold s (and its length) into the hash h, 8 bytes at a time: for hash
 * tables of cell text (not stable across versions, never stored). */
uint64_t gt_hash_text(uint64_t h, const char *s);

/* Terminal cells that text s takes when drawn (the UI's gt_draw_text):
 * characters of the current locale by wcwidth; a byte that is not one, or
 * a character wcwidth does not know, takes one cell (it is drawn as '?').
 * So in a UTF-8 locale "Röyksopp" is 8 cells, in the C locale 9. */
int gt_text_width(const char *s);

/* s cut to at most cells terminal cells (never inside a character) and
 * padded with spaces to exactly that many, as gt_text_width counts them:
 * a column of names that lines up, "forró" as well as "disco". Returns buf. */
char *gt_fmt_pad(char *buf, size_t n, const char *s, int cells);
/* The same, but s wider than cells ends in mark (one cell: "\u2026" or
 * "~") after its first cells - 1: "chicago-hou~" for "chicago-house" in
 * 12 cells. */
char *gt_fmt_fit(char *buf, size_t n, const char *s, int cells, const char *mark);

/* Name i of names[0..k-1] as a label of at most cells terminal cells
 * (as gt_text_width counts them), for a column or row of names that must
 * not make two of them look alike: the name when it fits; else pieces of
 * it with mark (one cell: "\u2026" in a UTF-8 terminal, else "~") where
 * characters are left out, chosen so that the label reads as no other
 * name (no other name starts, ends and goes on as it does, a mark standing
 * for one character or more) and, among such labels, so that it reads
 * best: first the fewest pieces that show a word's tail alone ("oid_mean")
 * or less than 2 characters of a word they cut ("s~"), then a label that
 * keeps the name's start, the fewest marks, the most words shown (whole,
 * or their first 3 characters), the fewest cuts inside a word, the most
 * characters, the longest end. Words end at ASCII punctuation and blanks,
 * between letters and digits and at camelCase steps; a piece before a
 * mark never ends in a separator. The pieces are a start and an end
 * ("chrom~mean", "chroma~var", "zero~_mean" in 10 cells for GTZAN's
 * chroma_stft_mean, chroma_stft_var and zero_crossing_rate_mean;
 * "pro~house" and "pr~trance" in 9), or a start, a middle and an end
 * between two marks, any but the middle may be left out ("spe~cen~mean"
 * for spectral_centroid_mean in 12 cells). When no pieces tell the name
 * apart: its first cells - 1 and mark, or that start shortened and the
 * end that tells it from the names alike in it. A label made of pieces is no other name's label
 * (names holding no mark). Names are compared in their first 256
 * characters. Not padded. Returns buf. */
char *gt_fmt_label(char *buf, size_t n, const char *const *names, int k, int i, int cells,
                   const char *mark);

/* Headings of names[0..k-1] for a grid's columns, heading i into
 * heads + i * stride (stride at least 4 * cells + 1 bytes), each at most
 * cells terminal cells and no two alike. A name's heading is its first
 * cells cells (the name when it fits: "acou", "key") unless another name
 * starts alike; names that do are abbreviated together: the start of each
 * word, a number whole, the first word as long as there is room (words
 * as gt_fmt_label splits them): "mf1m", "m12v", "chsm", "spcm", "zcrm"
 * for GTZAN's mfcc1_mean, mfcc12_var, chroma_stft_mean,
 * spectral_centroid_mean and zero_crossing_rate_mean in 4 cells. A name
 * that no such heading tells apart is numbered, "#N" for names[N - 1]
 * (distinct and fitting when k + 1 has fewer digits than cells). Returns
 * 0, or -1 when out of memory (the headings are then the names' starts). */
int gt_fmt_headings(const char *const *names, int k, int cells, char *heads, size_t stride);

/* A number from the data as it is shown: raw, a plain decimal number
 * ([+-]digits[.digits][e[+-]digits]), with the trailing zeros of its
 * fraction dropped ("27.0" -> "27", "0.50" -> "0.5"); and when it has more
 * than 12 significant digits (the file's binary noise: "0.6709999999999999",
 * "115.00200000000001", "0.0052299999999999"), rounded to 12 ("0.671",
 * "115.002", "0.00523"), in fixed notation unless raw has an exponent.
 * The value shown is then the double rounded to 12 digits (printf's
 * %.12g), and no character but a digit, nor pair of characters without a
 * digit, is in the text that is not in raw. Returns the length written
 * into out, or 0 when raw is not such a number, is 1e12 or more with more
 * than 12 digits, or does not fit (raw is then shown as it is). */
size_t gt_fmt_shown_number(const char *raw, char *out, size_t outsz);
/* The same with digits significant digits (1 to GT_FMT_DIGITS_MAX) in place
 * of 12: a number of more is rounded to digits, but never in its whole
 * part ("0.33509281277656555" is "0.335" to 3 digits, "123456.789"
 * "123457", "-1.5e-07" keeps its exponent: "-1.5e-07"). */
#define GT_FMT_DIGITS_MAX 17
size_t gt_fmt_number_digits(const char *raw, int digits, char *out, size_t outsz);

/* Levenshtein distance of a[0..la) and b, ignoring ASCII case, for "did
 * you mean": GT_TEXT_FAR when either is longer than max_len bytes (at most
 * GT_TEXT_DISTANCE_MAX). */
#define GT_TEXT_FAR 99
#define GT_TEXT_DISTANCE_MAX 64
int gt_text_distance(const char *a, size_t la, const char *b, size_t max_len);

/* A string that grows as text is appended: start it zeroed, free p. Once
 * an append could not get memory, failed is set and later appends do
 * nothing; what was appended before stays. */
typedef struct {
	char *p;
	size_t len, cap;
	int failed;
} gt_strbuf;

void gt_strbuf_add(gt_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Its text, "" while nothing was appended. */
const char *gt_strbuf_str(const gt_strbuf *b);
/* Free its text and make it empty again, ready for reuse. */
void gt_strbuf_free(gt_strbuf *b);

#endif
