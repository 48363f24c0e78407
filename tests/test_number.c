/* test_number.c: numeric cells (src/core/number.c) read as strtod reads them in
 * the C locale, bit for bit, on edge cases and on many seeded random
 * strings; and refused exactly where the grammar (number.h) says. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/number.h"
#include "genretui/rng.h"

/* The grammar of number.h, written out plainly: [+-]digits[.digits]
 * [(e|E)[+-]digits], with a digit before the exponent. */
static int grammar_ok(const char *s)
{
	int digits = 0;

	s += *s == '+' || *s == '-';
	for (; *s >= '0' && *s <= '9'; s++)
		digits++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits++;
	if (!digits)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		s += *s == '+' || *s == '-';
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

/* gt_parse_number accepts s iff the grammar does and strtod's value is
 * finite; then it gives that value to the last bit (the sign of a zero
 * too); else *v is left alone. */
static void check(const char *s)
{
	double want = strtod(s, NULL), v = 42.0;
	int ok = grammar_ok(s) && isfinite(want);
	int got = gt_parse_number(s, &v);

	if (got != (ok ? 0 : -1))
		fail_msg("'%s': %s, strtod gives %.17g", s, got ? "refused" : "accepted", want);
	if (ok && memcmp(&v, &want, sizeof(v)) != 0)
		fail_msg("'%s': %.17g (%a), strtod gives %.17g (%a)", s, v, v, want, want);
	if (!ok && v != 42.0)
		fail_msg("'%s' refused but *v changed", s);
}

static void test_known_values(void **state)
{
	double v = 0;

	(void)state;
	assert_int_equal(gt_parse_number("27.0", &v), 0);
	assert_true(v == 27.0);
	assert_int_equal(gt_parse_number("-1.0", &v), 0);
	assert_true(v == -1.0);
	assert_int_equal(gt_parse_number("3.33e-06", &v), 0);
	assert_true(v == 3.33e-06);
	assert_int_equal(gt_parse_number("+.5E+1", &v), 0);
	assert_true(v == 5.0);
	assert_int_equal(gt_parse_number("7.", &v), 0);
	assert_true(v == 7.0);
	assert_int_equal(gt_parse_number(NULL, &v), -1);
	assert_int_equal(gt_number_general("1e400", &v), GT_NUM_INFINITE);
	assert_int_equal(gt_number_general("1e", &v), GT_NUM_BAD);
}

static void test_edge_strings(void **state)
{
	static const char *const edge[] = {
		/* zeros, signs, leading zeros */
		"0", "-0", "+0", "-0.0", "0.000", ".0", "0.", "-.0", "00", "-000.000e5",
		"00000000000000000000000000042.5", "0000000000000000000001", "+7", "-7",
		/* 15 to 20 digits, about 2^53 and 2^64 */
		"9007199254740992", "9007199254740993", "9007199254740993.0",
		"9007199254740991.5", "900719925474099.3", "18446744073709551615",
		"18446744073709551616", "1844674407370955161.5", "9999999999999999999",
		"99999999999999999999", "1234567890123456789", "0.1234567890123456789",
		"-5.2010000000000005", "115.00200000000001", "0.30000000000000004",
		"123456789012345678901234567890", "1.00000000000000000000000001",
		"0.00000000000000000000000000001234", "227360.0",
		/* exponents: the fast paths' limits and beyond */
		"1e22", "1e23", "1e-22", "1e-23", "123e-22", "9007199254740993e22",
		"1e27", "1e28", "1e-27", "1e-28", "5e-1", "1E+5", "1e+05", "1e0", "1e-0",
		/* the largest, the overflow, the smallest normal, subnormals */
		"1.7976931348623157e308", "1.7976931348623158e308",
		"1.7976931348623159e308", "1e308", "1e309", "-1e309", "1e400", "-1e400",
		"2.2250738585072014e-308", "2.2250738585072011e-308",
		"2.2250738585072012e-308", "4.9e-324", "5e-324", "4.9406564584124654e-324",
		"2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324",
		"1e-400", "-1e-400", "1e99999", "1e-99999", "1e999999999999", "0e999999999",
		/* halfway cases of the x87 path */
		"9007199254740993", "9007199254740995", "4503599627370497.5",
		"1.0000000000000002220446049250313080847263336181640625",
		"1.00000000000000011102230246251565404236316680908203125",
		/* not numbers */
		"", " ", "abc", "1.0x", "nan", "NaN", "-nan", "inf", "-inf", "INF",
		"infinity", "Infinity", "0x10", "0x1p3", "1e", "1e+", "1e-", "e5", "E5",
		".", "-", "+", "+-1", "--1", "-.", ".e1", "1.0.0", "1,5", "1 2", " 1.0",
		"1.0 ", "\t1", "1\n", "?", "1e5.5", "1e+-5", "1ee5", "1d5", "\xd9\xa1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(edge) / sizeof(edge[0]); i++)
		check(edge[i]);
}

/* A random decimal: sign, leading zeros, up to 25 digits with a point
 * anywhere, an exponent now and then (small, or far out), and now and
 * then a character that makes it no number. */
static void random_decimal(gt_rng *r, char *buf)
{
	static const char junk[] = " +-.eExX,a\t";
	int len = (int)gt_rng_interval(r, 25), n = 0;
	int point = (int)gt_rng_interval(r, (uint32_t)len + 1);

	if (gt_rng_interval(r, 3) == 0)
		buf[n++] = gt_rng_interval(r, 1) ? '-' : '+';
	for (int z = (int)gt_rng_interval(r, 4); z > 1; z--)
		buf[n++] = '0';
	for (int j = 0; j <= len; j++) {
		if (j == point)
			buf[n++] = '.';
		if (j < len)
			buf[n++] = (char)('0' + gt_rng_interval(r, 9));
	}
	if (gt_rng_interval(r, 2) == 0)
		n += sprintf(buf + n, "%c%s%d", gt_rng_interval(r, 1) ? 'e' : 'E',
		             gt_rng_interval(r, 3) == 0 ? "+" : "",
		             gt_rng_interval(r, 3) ? (int)gt_rng_interval(r, 60) - 30
		                                   : (int)gt_rng_interval(r, 800) - 400);
	if (gt_rng_interval(r, 30) == 0)
		buf[gt_rng_interval(r, (uint32_t)n)] = junk[gt_rng_interval(r, sizeof(junk) - 2)];
	buf[n] = '\0';
}

static void test_random_decimals(void **state)
{
	char buf[96];
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 5);
	for (int i = 0; i < 300000; i++) {
		random_decimal(&r, buf);
		check(buf);
	}
}

/* Random doubles of every exponent (subnormals, the largest ones), printed
 * with 1 to 20 significant digits, as %g or %e: the decimals a program
 * writes. */
static void test_printed_doubles(void **state)
{
	char buf[96];
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 17);
	for (int i = 0; i < 200000; i++) {
		uint64_t bits = (uint64_t)gt_rng_u32(&r) << 32 | gt_rng_u32(&r);
		int digits = 1 + (int)gt_rng_interval(&r, 19);
		double x;

		if (gt_rng_interval(&r, 3) == 0)          /* subnormal or tiny */
			bits &= 0x800fffffffffffffull | (uint64_t)gt_rng_interval(&r, 3) << 52;
		memcpy(&x, &bits, sizeof(x));
		if (!isfinite(x))
			continue;
		snprintf(buf, sizeof(buf), gt_rng_interval(&r, 1) ? "%.*g" : "%.*e",
		         digits, x);
		check(buf);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_edge_strings),
		cmocka_unit_test(test_random_decimals),
		cmocka_unit_test(test_printed_doubles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
