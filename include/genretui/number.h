/* number.h: a numeric cell read as a double, strictly and exactly.
 *
 * A number is [+-]digits[.digits][(e|E)[+-]digits] with at least one digit
 * before the exponent: no blanks, hex, "inf" or "nan". Its value is the
 * double strtod gives in the C locale (correctly rounded), found without
 * strtod when that is sure (number.c says how); strtod itself is the
 * reference (tests/test_number.c compares the two).
 *
 * gt_number_read is inline so that the cleaning, which reads 11 numbers a
 * row, reads the commonest numbers (up to 15 digits, no exponent) without
 * a call; everything else goes to number.c. */
#ifndef GENRETUI_NUMBER_H
#define GENRETUI_NUMBER_H

#include <float.h>
#include <stdint.h>

typedef enum {
	GT_NUM_OK,          /* a number, *v its value */
	GT_NUM_BAD,         /* not a number by the grammar above */
	GT_NUM_INFINITE     /* a number too large for a double (*v is inf) */
} gt_numread;

/* Parse a whole numeric cell strictly: returns 0 and sets *v to its
 * (finite) value, or -1. */
int gt_parse_number(const char *s, double *v);

/* s as above: GT_NUM_OK and *v, or why not. */
gt_numread gt_number_general(const char *s, double *v);

/* m * 10^e10 (m: at most 19 digits), negated if neg, into *v when it is
 * sure to be strtod's value without strtod; 0 if not (then read s with
 * gt_number_general). */
int gt_number_exact(uint64_t m, int e10, int neg, double *v);

/* gt_number_general, reading [+-]digits[.digits] of up to 15 digits in one
 * pass: m < 2^53 and 10^decimals are exact doubles, so one IEEE division
 * rounds their exact quotient correctly (it needs doubles without excess
 * precision: FLT_EVAL_METHOD 0). 16 to 19 digits go to gt_number_exact
 * without being read again. */
static inline __attribute__((always_inline)) gt_numread gt_number_read(const char *s, double *v)
{
#if FLT_EVAL_METHOD == 0
	static const double pow10[16] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15
	};
	const unsigned char *p = (const unsigned char *)s + (*s == '+' || *s == '-');
	const unsigned char *start = p, *point = (const unsigned char *)0;
	uint64_t m = 0;
	unsigned dig;
	long n;

	for (; (dig = (unsigned)*p - '0') <= 9; p++)
		m = m * 10 + dig;
	if (*p == '.') {
		point = p++;
		for (; (dig = (unsigned)*p - '0') <= 9; p++)
			m = m * 10 + dig;
	}
	n = (long)(p - start) - (point != 0);   /* digits */
	if (*p != '\0' || n == 0 || n > 19)      /* (m holds 19 digits) */
		return gt_number_general(s, v);
	if (n > 15)
		return gt_number_exact(m, point ? -(int)(p - point - 1) : 0, *s == '-', v)
		       ? GT_NUM_OK : gt_number_general(s, v);
	*v = (double)m / pow10[point ? p - point - 1 : 0];
	*v = *s == '-' ? -*v : *v;
	return GT_NUM_OK;
#else
	return gt_number_general(s, v);
#endif
}

#endif
