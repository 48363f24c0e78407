/* test_textfmt.c: number formatting and terminal-safe text (src/core/textfmt.c). */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "genretui/status.h"
#include "genretui/textfmt.h"

static void test_fmt_count(void **state)
{
	char buf[32];

	(void)state;
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 0), "0");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 999), "999");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 1000), "1,000");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 40560), "40,560");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 50005), "50,005");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 1234567), "1,234,567");
	assert_string_equal(gt_fmt_count(buf, sizeof(buf), 18446744073709551615ULL),
	                    "18,446,744,073,709,551,615");
	/* A short buffer is cut, never overrun. */
	assert_string_equal(gt_fmt_count(buf, 4, 40560), "40,");
}

static void test_fmt_percent(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(gt_fmt_percent(buf, sizeof(buf), 9445, 50005), "18.9%");
	assert_string_equal(gt_fmt_percent(buf, sizeof(buf), 1, 1), "100.0%");
	assert_string_equal(gt_fmt_percent(buf, sizeof(buf), 0, 5), "0.0%");
	assert_string_equal(gt_fmt_percent(buf, sizeof(buf), 3, 0), "-");
	assert_string_equal(gt_fmt_percent(buf, sizeof(buf), 3, -1), "-");
}

static void test_fmt_bar(void **state)
{
	char buf[256];

	(void)state;
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 0.5, 10, 0), 5);
	assert_string_equal(buf, "#####");
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 2.0, 4, 0), 4);  /* capped at 1 */
	assert_string_equal(buf, "####");
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 0.0, 10, 1), 0);
	assert_string_equal(buf, "");
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 0.5, 0, 1), 0);
	/* 0.55 of 2 cells = 8.8 eighths -> 9: one full block and one eighth */
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 0.55, 2, 1), 2);
	assert_string_equal(buf, "\u2588\u258f");
	assert_int_equal(gt_fmt_bar(buf, sizeof(buf), 1.0, 3, 1), 3);
	assert_string_equal(buf, "\u2588\u2588\u2588");
	/* Never overruns a small buffer. */
	assert_true(gt_fmt_bar(buf, 8, 1.0, 40, 1) <= 2);
	assert_true(strlen(buf) < 8);
	assert_int_equal(gt_fmt_bar(buf, 0, 1.0, 4, 0), 0);
}

static void test_utf8_decode(void **state)
{
	unsigned cp = 0;

	(void)state;
	assert_int_equal(gt_utf8_decode("A", &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(gt_utf8_decode("\xc3\xb6", &cp), 2);
	assert_int_equal(cp, 0xf6);
	assert_int_equal(gt_utf8_decode("\xe2\x99\xab", &cp), 3);
	assert_int_equal(cp, 0x266b);
	assert_int_equal(gt_utf8_decode("\xf0\x9f\x8e\xb5", &cp), 4);
	assert_int_equal(cp, 0x1f3b5);
	assert_int_equal(gt_utf8_decode("\xc0\xaf", &cp), 0);      /* overlong */
	assert_int_equal(gt_utf8_decode("\xed\xa0\x80", &cp), 0);  /* surrogate */
	assert_int_equal(gt_utf8_decode("\xf4\x90\x80\x80", &cp), 0); /* > U+10FFFF */
	assert_int_equal(gt_utf8_decode("\xc3", &cp), 0);          /* cut by the NUL */
	assert_int_equal(gt_utf8_decode("\x9b", &cp), 0);          /* stray continuation */
}

/* gt_text_safe with plenty of room and no byte limit. */
static const char *safe(const char *s)
{
	static char out[256];
	size_t n = gt_text_safe(s, out, sizeof(out), SIZE_MAX);

	assert_int_equal(n, strlen(out));
	return out;
}

static void test_text_safe_escapes(void **state)
{
	(void)state;
	assert_string_equal(safe(""), "");
	assert_string_equal(safe("Röyksopp's Night Out"), "Röyksopp's Night Out");
	assert_string_equal(safe("ハルジオン"), "ハルジオン");
	assert_string_equal(safe("a\tb\rc\nd"), "a\\tb\\rc\\nd");
	assert_string_equal(safe("back\\slash"), "back\\\\slash");
	assert_string_equal(safe("\x1b[31mred"), "\\x1b[31mred");
	assert_string_equal(safe("\x1b]0;pwned\x07"), "\\x1b]0;pwned\\x07");
	assert_string_equal(safe("\x01\x7f"), "\\x01\\x7f");
	assert_string_equal(safe("\xc2\x9b" "31m"), "\\u009b31m");     /* C1 CSI */
	assert_string_equal(safe("\xc2\x85"), "\\u0085");              /* C1 NEL */
	assert_string_equal(safe("\x9b\xff\xc3"), "\\x9b\\xff\\xc3");  /* not UTF-8 */
	assert_string_equal(safe("\xc2\xa0x"), "\xc2\xa0x");           /* U+00A0 is text */
}

static void test_text_safe_cut(void **state)
{
	char out[64];

	(void)state;
	/* Copied while fewer than max_bytes are written, then "...". */
	assert_int_equal(gt_text_safe("abcdef", out, sizeof(out), 4), 7);
	assert_string_equal(out, "abcd...");
	assert_int_equal(gt_text_safe("abcd", out, sizeof(out), 4), 4);
	assert_string_equal(out, "abcd");
	/* Never inside a UTF-8 sequence or an escape. */
	gt_text_safe("abc\xc3\xb6z", out, sizeof(out), 4);
	assert_string_equal(out, "abc\xc3\xb6...");
	gt_text_safe("abc\x01z", out, sizeof(out), 4);
	assert_string_equal(out, "abc\\x01...");
	gt_text_safe("\x01\x01\x01", out, sizeof(out), 5);
	assert_string_equal(out, "\\x01\\x01...");
}

static void test_text_safe_small_buffer(void **state)
{
	char out[8];

	(void)state;
	/* The whole text fits: no cut. */
	assert_int_equal(gt_text_safe("abcdefg", out, sizeof(out), SIZE_MAX), 7);
	assert_string_equal(out, "abcdefg");
	/* Too long: cut with "..." within outsz. */
	gt_text_safe("abcdefghijk", out, sizeof(out), SIZE_MAX);
	assert_string_equal(out, "abcd...");
	gt_text_safe("\x01\x01\x01", out, sizeof(out), SIZE_MAX);
	assert_string_equal(out, "\\x01...");
	gt_text_safe("\xe3\x83\x8f\xe3\x83\xab\xe3\x82\xb8", out, sizeof(out), SIZE_MAX);
	assert_string_equal(out, "\xe3\x83\x8f...");
	gt_text_safe("abcdef", out, 3, SIZE_MAX);
	assert_string_equal(out, "..");
	assert_int_equal(gt_text_safe("abc", out, 0, SIZE_MAX), 0);
	assert_int_equal(gt_text_safe("abc", out, 1, SIZE_MAX), 0);
	assert_string_equal(out, "");
}

static void test_text_width(void **state)
{
	(void)state;
	assert_int_equal(gt_text_width(""), 0);
	assert_int_equal(gt_text_width("tempo"), 5);
	assert_int_equal(gt_text_width("\xff"), 1);   /* stray byte: one cell */
	assert_int_equal(gt_text_width("Röyksopp"), 9);  /* C locale: one '?' a byte */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_int_equal(gt_text_width("Röyksopp"), 8);
	assert_int_equal(gt_text_width("a\xff" "b"), 3);
	assert_int_equal(gt_text_width("ハルジオン"), 10);  /* wide: 2 cells each */
	assert_int_equal(gt_text_width("e\xcc\x81"), 1);   /* e + combining acute */
	setlocale(LC_CTYPE, "C");
}

static void test_fmt_pad(void **state)
{
	char buf[64];

	(void)state;
	assert_string_equal(gt_fmt_pad(buf, sizeof(buf), "disco", 8), "disco   ");
	assert_string_equal(gt_fmt_pad(buf, sizeof(buf), "bossa nova", 8), "bossa no");
	assert_string_equal(gt_fmt_pad(buf, sizeof(buf), "", 3), "   ");
	assert_string_equal(gt_fmt_pad(buf, 4, "disco", 8), "dis");   /* the buffer first */
	assert_string_equal(gt_fmt_fit(buf, sizeof(buf), "disco", 8, "~"), "disco   ");
	assert_string_equal(gt_fmt_fit(buf, sizeof(buf), "chicago-house", 12, "~"), "chicago-hou~");
	assert_string_equal(gt_fmt_fit(buf, sizeof(buf), "chicago-hous", 12, "~"), "chicago-hous");
	assert_string_equal(gt_fmt_fit(buf, sizeof(buf), "progressive-house", 12, "\u2026"),
	                    "progressive\u2026");
	assert_string_equal(gt_fmt_fit(buf, 6, "chicago-house", 12, "~"), "chica");  /* no room */
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_string_equal(gt_fmt_pad(buf, sizeof(buf), "forr\xc3\xb3", 7), "forr\xc3\xb3  ");
	assert_string_equal(gt_fmt_pad(buf, sizeof(buf), "ハルジオン", 5), "ハル ");
	setlocale(LC_CTYPE, "C");
}

/* gt_fail cuts a message at GT_ERROR_MAX - 1 bytes, but never inside a
 * UTF-8 sequence (fuzz_csv found a column list cut inside U+FEFF). */
static void test_error_cut_whole_characters(void **state)
{
	char pad[GT_ERROR_MAX];
	gt_error err;

	(void)state;
	for (int shift = 0; shift < 4; shift++) {
		size_t n = GT_ERROR_MAX - 3 + (size_t)shift - 2;

		memset(pad, 'a', n);
		pad[n] = '\0';
		gt_fail(&err, GT_ERR_CSV, "%s\xef\xbb\xbf tail", pad);
		assert_true(strlen(err.msg) <= GT_ERROR_MAX - 1);
		for (size_t i = 0; err.msg[i]; ) {
			unsigned cp;
			size_t k = gt_utf8_decode(err.msg + i, &cp);

			assert_true(k > 0);
			i += k;
		}
	}
}

/* The number as shown, or "(raw)" when raw is shown as it is. */
static const char *shown(const char *raw)
{
	static char out[64];

	if (gt_fmt_shown_number(raw, out, sizeof(out)) == 0)
		snprintf(out, sizeof(out), "(raw)");
	return out;
}

static void test_shown_number(void **state)
{
	(void)state;
	/* the file's binary noise is rounded off */
	assert_string_equal(shown("0.6709999999999999"), "0.671");
	assert_string_equal(shown("0.010100000000000001"), "0.0101");
	assert_string_equal(shown("-5.2010000000000005"), "-5.201");
	assert_string_equal(shown("115.00200000000001"), "115.002");
	assert_string_equal(shown("-7.042999999999999"), "-7.043");
	assert_string_equal(shown("0.19999999999999998"), "0.2");
	assert_string_equal(shown("9.9999999999999999"), "10");
	assert_string_equal(shown("0.000012300000000000001"), "0.0000123");
	assert_string_equal(shown("1.0100000000000001e-05"), "1.01e-05");
	/* trailing zeros of a fraction go; everything else is kept as written */
	assert_string_equal(shown("218293.0"), "218293");
	assert_string_equal(shown("27.0"), "27");
	assert_string_equal(shown("0.50"), "0.5");
	assert_string_equal(shown("1200"), "1200");
	assert_string_equal(shown("3.33e-06"), "3.33e-06");
	assert_string_equal(shown("1.50E3"), "1.5E3");
	assert_string_equal(shown("-0.0"), "-0");
	assert_string_equal(shown(".000"), "0");
	assert_string_equal(shown("+.50"), "+.5");
	assert_string_equal(shown("5."), "5");
	assert_string_equal(shown("0.00468"), "0.00468");
	assert_string_equal(shown("123456789012"), "123456789012");
	assert_string_equal(shown("0.0052299999999999"), "0.00523");
	assert_string_equal(shown("-7.0429999999999"), "-7.043");
	assert_string_equal(shown("0.1234567890123"), "0.123456789012");
	assert_string_equal(shown("1e999"), "1e999");
	/* not numbers, or nothing shorter: as they are */
	assert_string_equal(shown(""), "(raw)");
	assert_string_equal(shown("?"), "(raw)");
	assert_string_equal(shown("abc"), "(raw)");
	assert_string_equal(shown("1.2.3"), "(raw)");
	assert_string_equal(shown("12x3"), "(raw)");
	assert_string_equal(shown("1e"), "(raw)");
	assert_string_equal(shown("-"), "(raw)");
	assert_string_equal(shown(" 1"), "(raw)");
	assert_string_equal(shown("1234567890123456789"), "(raw)");  /* >= 1e12 */
	assert_string_equal(shown("123456789012345"), "(raw)");
	assert_string_equal(shown("1e99999999999999999"), "1e99999999999999999");
	{
		char small[4];

		assert_int_equal(gt_fmt_shown_number("0.671", small, sizeof(small)), 0);
		assert_int_equal(gt_fmt_shown_number("0.5", small, sizeof(small)), 3);
	}
}

/* The shown text against the plain reference, strtod then %.12g: the same
 * value, never longer than raw, for numbers written in the ways a writer
 * does (%.17g as the file's writer did, %.3f, %g, %e). */
static void test_shown_number_reference(void **state)
{
	unsigned long long x = 88172645463325252ull;
	char raw[128], out[64], ref[64];

	(void)state;
	for (int i = 0; i < 20000; i++) {
		double v, scale[] = { 1e-7, 1e-3, 1, 1e3, 1e6 };

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;          /* xorshift64 */
		v = (double)(x >> 11) / 9007199254740992.0 * scale[i % 5] * (i % 3 ? 1 : -1);
		switch (i % 6) {
		case 0: snprintf(raw, sizeof(raw), "%.17g", v); break;
		case 1: snprintf(raw, sizeof(raw), "%.16g", v); break;
		case 2: snprintf(raw, sizeof(raw), "%.3f", v); break;
		case 3: snprintf(raw, sizeof(raw), "%g", v); break;
		case 4: snprintf(raw, sizeof(raw), "%.10e", v); break;
		default: snprintf(raw, sizeof(raw), "%.17f", v); break;
		}
		if (gt_fmt_shown_number(raw, out, sizeof(out)) == 0) {
			assert_true(strlen(raw) >= sizeof(out) - 1 || fabs(strtod(raw, NULL)) >= 1e12 ||
			            strchr(raw, 'e'));
			continue;
		}
		snprintf(ref, sizeof(ref), "%.12g", strtod(raw, NULL));
		if (strtod(out, NULL) != strtod(ref, NULL))
			fail_msg("%s shown as %s, reference %s", raw, out, ref);
		assert_true(strlen(out) <= strlen(raw));
		assert_true(strchr(raw, 'e') || !strchr(out, 'e'));
	}
}

/* Edit distance for "did you mean": case ignored, insertions, deletions
 * and substitutions one each, only a prefix of a counted, long words far. */
static void test_text_distance(void **state)
{
	(void)state;
	assert_int_equal(gt_text_distance("tempo", 5, "TEMPO", 20), 0);
	assert_int_equal(gt_text_distance("tmpo", 4, "tempo", 20), 1);
	assert_int_equal(gt_text_distance("mfcc1_mea", 9, "mfcc1_mean", 20), 1);
	assert_int_equal(gt_text_distance("kitten", 6, "sitting", 20), 3);
	assert_int_equal(gt_text_distance("energy=0.9", 6, "energy", 20), 0);
	assert_int_equal(gt_text_distance("", 0, "abc", 20), 3);
	assert_int_equal(gt_text_distance("abcdef", 6, "abc", 5), GT_TEXT_FAR);
	assert_int_equal(gt_text_distance("abc", 3, "abcdef", 6), 3);
}

/* A growing string: appends in order, grows past its first block, empty
 * reads as "", freed it is empty again. */
static void test_strbuf(void **state)
{
	gt_strbuf b = { 0 };

	(void)state;
	assert_string_equal(gt_strbuf_str(&b), "");
	gt_strbuf_add(&b, "%s=%d", "a", 1);
	gt_strbuf_add(&b, ", %s", "b");
	assert_string_equal(gt_strbuf_str(&b), "a=1, b");
	assert_int_equal(b.len, 6);
	for (int i = 0; i < 100; i++)
		gt_strbuf_add(&b, "%08d", i);
	assert_int_equal(b.len, 806);
	assert_int_equal(strncmp(gt_strbuf_str(&b) + 798, "00000099", 8), 0);
	assert_false(b.failed);
	gt_strbuf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	gt_strbuf_add(&b, "again");
	assert_string_equal(gt_strbuf_str(&b), "again");
	gt_strbuf_free(&b);
}

/* Numbers to fewer digits: rounded, the whole part kept, the exponent
 * kept where the file wrote one. */
static void test_number_digits(void **state)
{
	static const struct { const char *raw; int digits; const char *want; } cases[] = {
		{ "0.33509281277656555", 3, "0.335" },
		{ "0.33509281277656555", 4, "0.3351" },
		{ "0.33509281277656555", 6, "0.335093" },
		{ "0.33509281277656555", 12, "0.335092812777" },
		{ "123456.789", 3, "123457" },
		{ "999.96", 3, "1000" },
		{ "-113.5721", 4, "-113.6" },
		{ "0.0000123456", 3, "0.0000123" },
		{ "-1.53456e-07", 3, "-1.53e-07" },
		{ "27.0", 3, "27" },
		{ "0.5", 3, "0.5" },
		{ "661794", 3, "661794" },
		{ "0.00427212803551", 1, "0.004" },
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = gt_fmt_number_digits(cases[i].raw, cases[i].digits, out, sizeof(out));
		const char *shown = n ? out : cases[i].raw;        /* 0: shown as it is */

		if (strcmp(shown, cases[i].want) != 0)
			fail_msg("%s to %d digits: '%s', not '%s'", cases[i].raw, cases[i].digits, shown,
			         cases[i].want);
	}
	assert_int_equal(gt_fmt_number_digits("abc", 3, out, sizeof(out)), 0);
	assert_int_equal(gt_fmt_number_digits("1e300", 3, out, sizeof(out)), 5);
	gt_fmt_number_digits("0.123456", 0, out, sizeof(out));      /* at least 1 */
	assert_string_equal(out, "0.1");
}

/* Name i of names[0..n-1] in `cells` cells, as gt_fmt_label cuts it with
 * "~" for the mark. */
typedef struct {
	int i, cells;
	const char *want;
} label_case;

static void expect_labels(const char *const *names, int n, const label_case *cases,
                          size_t count)
{
	char buf[64];

	for (size_t c = 0; c < count; c++) {
		gt_fmt_label(buf, sizeof(buf), names, n, cases[c].i, cases[c].cells, "~");
		if (strcmp(buf, cases[c].want) != 0)
			fail_msg("%s in %d: '%s', not '%s'", names[cases[c].i], cases[c].cells, buf,
			         cases[c].want);
	}
}

/* Column names cut at words, told apart: GTZAN's _mean and _var. */
static void test_label_columns(void **state)
{
	static const char *const names[] = {
		"chroma_stft_mean", "chroma_stft_var", "rms_mean", "spectral_centroid_mean",
		"spectral_centroid_var", "spectral_bandwidth_mean",
	};
	static const label_case cases[] = {
		{ 0, 10, "chrom~mean" }, { 1, 10, "chroma~var" }, { 2, 10, "rms_mean" },
		{ 3, 10, "sp~ce~mean" }, { 4, 10, "spectr~var" }, { 5, 10, "spe~bandw~" },
		{ 0, 12, "chroma~_mean" }, { 1, 12, "chr~stft_var" }, { 3, 12, "spe~cen~mean" },
		{ 4, 12, "spectral~var" }, { 5, 12, "spectral_ba~" },
	};
	char buf[64];

	(void)state;
	expect_labels(names, 6, cases, sizeof(cases) / sizeof(cases[0]));
	/* alone, a name keeps its words: the start, the end, or both */
	assert_string_equal(gt_fmt_label(buf, sizeof(buf), names, 1, 0, 10, "~"), "chrom~mean");
	assert_string_equal(gt_fmt_label(buf, sizeof(buf), names + 3, 1, 0, 12, "~"),
	                    "spectra~mean");
}

/* Words break at separators, between letters and digits, and at camelCase
 * steps; a piece before a mark never ends in a separator; a label never
 * reads as another name, even one shown whole. */
static void test_label_words(void **state)
{
	static const char *const names[] = {
		"artistName", "artistNameSorted", "trackURLCount", "trackURLCode",
		"duration_in min/ms", "duration_in s", "mfcc10_mean", "mfcc11_mean", "mfcc10_var",
	};
	static const label_case cases[] = {
		{ 0, 8, "art~Name" }, { 1, 10, "art~Sorted" }, { 3, 10, "track~Code" },
		{ 4, 10, "dur~min/ms" }, { 5, 10, "durat~in s" }, { 6, 9, "mf~10_me~" },
		{ 6, 10, "mf~10_mean" },                  /* "mfcc10~" would read as mfcc10_var */
		{ 7, 10, "mfcc11~" }, { 8, 10, "mfcc10_var" },
	};

	(void)state;
	expect_labels(names, 9, cases, sizeof(cases) / sizeof(cases[0]));
}

/* A cut keeps a start that reads and shows no word's tail alone: GTZAN's
 * spectral_ names in the lists' 16 cells and the grid's 12, where the
 * rule of most words first gave "s~bandwidth_mean" and "spe~oid_mean". */
static void test_label_readable(void **state)
{
	static const char *const names[] = {
		"spectral_centroid_mean", "spectral_centroid_var", "spectral_bandwidth_mean",
		"spectral_bandwidth_var", "mfcc10_mean", "mfcc10_var",
	};
	static const label_case cases[] = {
		{ 0, 16, "sp~centroid_mean" }, { 2, 16, "spectral_ba~mean" },
		{ 3, 16, "spectral_ban~var" }, { 1, 14, "spe~centro~var" },
		{ 0, 12, "spe~cen~mean" }, { 1, 12, "spe~cent~var" }, { 2, 12, "spe~ban~mean" },
		{ 3, 10, "sp~ban~var" }, { 4, 10, "mfcc~_mean" },
	};

	(void)state;
	expect_labels(names, 6, cases, sizeof(cases) / sizeof(cases[0]));
}

/* Does label (pieces split by '~', each '~' one or more characters left
 * out) read as name? */
static int label_reads(const char *label, const char *name)
{
	const char *mark = strchr(label, '~');
	size_t len = mark ? (size_t)(mark - label) : strlen(label);

	if (!mark)
		return strcmp(label, name) == 0;
	if (strncmp(label, name, len) != 0)
		return 0;
	for (const char *at = name + len + 1; at <= name + strlen(name); at++)
		if (label_reads(mark + 1, at))
			return 1;
	return 0;
}

/* Every label of names in cells: at most cells wide, read as its own name
 * and as no other name too long for cells (so no two labels are alike). */
static void assert_labels_tell(const char *const *names, int k, int cells)
{
	char a[96];

	for (int i = 0; i < k; i++) {
		gt_fmt_label(a, sizeof(a), names, k, i, cells, "~");
		if ((int)strlen(a) > cells || !label_reads(a, names[i]))
			fail_msg("%s in %d cells: '%s'", names[i], cells, a);
		for (int j = 0; j < k; j++)
			if (j != i && (int)strlen(names[j]) > cells && label_reads(a, names[j]))
				fail_msg("'%s' reads as %s and %s in %d cells", a, names[i], names[j], cells);
			else if (j != i && strcmp(a, names[j]) == 0)
				fail_msg("'%s' is %s's label and %s in %d cells", a, names[i], names[j], cells);
	}
}

/* GTZAN's 60 columns (as tools/mktables.py writes them) and the study's
 * 18 keep distinct labels from 6 cells up. */
static void test_label_distinct(void **state)
{
	static const char *const bases[] = {
		"chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth", "rolloff",
		"zero_crossing_rate", "harmony", "perceptr",
	};
	static const char *const study[] = {
		"instance_id", "artist_name", "track_name", "popularity", "acousticness",
		"danceability", "duration_ms", "energy", "instrumentalness", "key", "liveness",
		"loudness", "mode", "speechiness", "tempo", "obtained_date", "valence", "music_genre",
	};
	char store[60][32];
	const char *names[60];
	int k = 0;

	(void)state;
	snprintf(store[k++], 32, "filename");
	snprintf(store[k++], 32, "length");
	for (int b = 0; b < 8; b++) {
		snprintf(store[k++], 32, "%s_mean", bases[b]);
		snprintf(store[k++], 32, "%s_var", bases[b]);
	}
	snprintf(store[k++], 32, "tempo");
	for (int m = 1; m <= 20; m++) {
		snprintf(store[k++], 32, "mfcc%d_mean", m);
		snprintf(store[k++], 32, "mfcc%d_var", m);
	}
	snprintf(store[k++], 32, "label");
	for (int i = 0; i < k; i++)
		names[i] = store[i];
	for (int cells = 6; cells <= 24; cells++) {
		assert_labels_tell(names, k, cells);
		assert_labels_tell(study, 18, cells);
	}
}

/* Headings of k names in cells: each at most cells wide, no two alike. */
static void assert_headings_tell(const char *const *names, int k, int cells, char (*h)[64])
{
	assert_int_equal(gt_fmt_headings(names, k, cells, h[0], sizeof(h[0])), 0);
	for (int i = 0; i < k; i++) {
		if (gt_text_width(h[i]) > cells || h[i][0] == '\0')
			fail_msg("%s in %d cells: '%s'", names[i], cells, h[i]);
		for (int j = 0; j < i; j++)
			if (strcmp(h[i], h[j]) == 0)
				fail_msg("'%s' heads %s and %s in %d cells", h[i], names[j], names[i], cells);
	}
}

/* A grid's column headings: a start that is the name's alone stays, names
 * alike in it are abbreviated at their words together, a name nothing
 * tells apart is numbered; every set of headings is distinct and fits. */
static void test_headings(void **state)
{
	static const char *const names[] = {
		"acousticness", "key", "tempo", "tempo2", "mfcc1_mean", "mfcc12_var",
		"chroma_stft_mean", "chroma_stft_var", "rms_mean", "rolloff_mean", "x", "x",
		"#5", "a_b_c_d_e", "zero_crossing_rate_mean", "zero_crossing_rate_var",
		"trackURLCount", "trackURLCode", "",
	};
	static const char *const want4[] = {
		"acou", "key", "temp", "tem2", "mf1m", "m12v", "chsm", "chsv", "rms_", "roll", "#11",
		"#12", "5", "a_b_", "zcrm", "zcrv", "#17", "#18", "#19",
	};
	static const char *const want3[] = { "aco", "key", "tem", "te2", "m1m", "#6", "csm", "csv" };
	char h[64][64];
	int k = (int)(sizeof(names) / sizeof(names[0]));

	(void)state;
	assert_int_equal(gt_fmt_headings(names, k, 4, h[0], sizeof(h[0])), 0);
	for (int i = 0; i < k; i++)
		if (strcmp(h[i], want4[i]) != 0)
			fail_msg("%s in 4: '%s', not '%s'", names[i], h[i], want4[i]);
	assert_int_equal(gt_fmt_headings(names, 8, 3, h[0], sizeof(h[0])), 0);
	for (int i = 0; i < 8; i++)
		if (strcmp(h[i], want3[i]) != 0)
			fail_msg("%s in 3: '%s', not '%s'", names[i], h[i], want3[i]);
	for (int cells = 3; cells <= 8; cells++)
		assert_headings_tell(names, k, cells, h);
}

/* GTZAN's columns, and the study's, keep distinct headings from 3 cells;
 * in 4 the study's are their first 4 characters. Wide characters count
 * two cells. */
static void test_headings_distinct(void **state)
{
	static const char *const study[] = {
		"popularity", "acousticness", "danceability", "duration_ms", "energy",
		"instrumentalness", "liveness", "loudness", "speechiness", "tempo", "valence", "key",
		"mode",
	};
	static const char *const wide[] = { "\u97f3\u697d_mean", "\u97f3\u697d_var", "\u97f3" };
	char store[60][32], h[64][64];
	const char *names[60];
	int k = 0;

	(void)state;
	snprintf(store[k++], 32, "length");
	for (int m = 1; m <= 20; m++) {
		snprintf(store[k++], 32, "mfcc%d_mean", m);
		snprintf(store[k++], 32, "mfcc%d_var", m);
	}
	snprintf(store[k++], 32, "chroma_stft_mean");
	snprintf(store[k++], 32, "chroma_stft_var");
	snprintf(store[k++], 32, "spectral_centroid_mean");
	snprintf(store[k++], 32, "spectral_bandwidth_mean");
	for (int i = 0; i < k; i++)
		names[i] = store[i];
	for (int cells = 3; cells <= 8; cells++) {
		assert_headings_tell(names, k, cells, h);
		assert_headings_tell(study, 13, cells, h);
	}
	assert_headings_tell(study, 13, 4, h);
	for (int i = 0; i < 13; i++)
		assert_true(strncmp(h[i], study[i], 4) == 0 && strlen(h[i]) == (strlen(study[i]) < 4 ? strlen(study[i]) : 4));
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_headings_tell(wide, 3, 4, h);
	assert_string_equal(h[0], "\u97f3me");
	assert_string_equal(h[1], "\u97f3va");
	assert_string_equal(h[2], "\u97f3");
	setlocale(LC_CTYPE, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_error_cut_whole_characters),
		cmocka_unit_test(test_fmt_count),
		cmocka_unit_test(test_shown_number),
		cmocka_unit_test(test_shown_number_reference),
		cmocka_unit_test(test_fmt_pad),
		cmocka_unit_test(test_fmt_percent),
		cmocka_unit_test(test_fmt_bar),
		cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_text_safe_escapes),
		cmocka_unit_test(test_text_safe_cut),
		cmocka_unit_test(test_text_safe_small_buffer),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_distance),
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_number_digits),
		cmocka_unit_test(test_label_columns),
		cmocka_unit_test(test_label_words),
		cmocka_unit_test(test_label_readable),
		cmocka_unit_test(test_label_distinct),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_headings_distinct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
