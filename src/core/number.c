/* number.c: numeric cells read as strtod would, mostly without it
 * (number.h). */
#define _POSIX_C_SOURCE 200809L

#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/number.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* strtod in the C locale: the UI calls setlocale(LC_ALL, ""), and in many
 * locales strtod would stop at the '.' of "0.652". */
static locale_t c_numeric;

static void make_c_numeric(void)
{
	c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

static double c_strtod(const char *s)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;   /* (rows are cleaned
	                                                      in two threads) */
	locale_t old;
	double v;

	pthread_once(&once, make_c_numeric);
	if (!c_numeric)
		return strtod(s, NULL);
	old = uselocale(c_numeric);
	v = strtod(s, NULL);
	uselocale(old);
	return v;
}

/* A decimal number's value as m * 10^e10. */
typedef struct {
	uint64_t m;     /* its first 19 significant digits */
	int e10;
	int lost;       /* a non-zero digit after the 19th was dropped */
} decimal;

/* Read the digits at s into d (fraction: they follow the point); returns
 * the position after them. */
static const char *read_digits(const char *s, decimal *d, int fraction)
{
	uint64_t m = d->m;
	int e10 = d->e10, lost = d->lost;
	unsigned dig;

	/* (locals: a store through d could change *s, for all the compiler
	 * knows, and would be reloaded every digit) */
	for (; (dig = (unsigned)(unsigned char)*s - '0') <= 9; s++) {
		if (m < 1000000000000000000ull) {
			m = m * 10 + dig;
			e10 -= fraction;
		} else {
			lost |= dig != 0;
			e10 += !fraction;
		}
	}
	d->m = m;
	d->e10 = e10;
	d->lost = lost;
	return s;
}

/* Read the exponent's [+-]digits at s into *e; NULL if there is no digit. */
static const char *read_exponent(const char *s, int *e)
{
	int neg = *s == '-', v = 0;

	s += *s == '+' || *s == '-';
	if (!is_digit(*s))
		return NULL;
	for (; is_digit(*s); s++)
		if (v < 100000)         /* far beyond any finite double */
			v = v * 10 + (*s - '0');
	*e = neg ? -v : v;
	return s;
}

/* m * 10^e exactly as strtod rounds it, when that is cheap: if m < 2^53
 * and |e| <= 22, m and 10^|e| are exact doubles, and one IEEE division or
 * product rounds their exact quotient or product correctly (Clinger's
 * fast path; it needs doubles without excess precision). Returns 0 when
 * the number needs strtod. */
static int exact_value(uint64_t m, int e, int neg, double *v)
{
#if FLT_EVAL_METHOD == 0
	static const double pow10[23] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	double x;

	if (m > (1ull << 53) || e < -22 || e > 22)
		return 0;
	x = (double)m;
	x = e < 0 ? x / pow10[-e] : x * pow10[e];
	*v = neg ? -x : x;
	return 1;
#else
	(void)m, (void)e, (void)neg, (void)v;
	return 0;
#endif
}

/* The same for m above 2^53, where long double is the x87 format with
 * a 64-bit significand: m and 10^|e| (|e| <= 27) are exact there, and the
 * quotient or product is rounded once to 64 bits, then to the double.
 * That second rounding is strtod's except when the first landed exactly
 * halfway between two doubles (the last 11 of its 64 bits 10000000000),
 * which is left to strtod. Values of 16 to 19 digits, such as the
 * "-5.2010000000000005" that binary doubles printed in full give, take
 * this path. */
static int exact_value_x87(uint64_t m, int e, int neg, double *v)
{
#if LDBL_MANT_DIG == 64 && (defined(__x86_64__) || defined(__i386__))
	static const long double pow10[28] = {
		1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L,
		1e10L, 1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L,
		1e19L, 1e20L, 1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L
	};
	long double x;
	uint64_t low;

	if (e < -27 || e > 27)
		return 0;
	x = (long double)m;
	x = e < 0 ? x / pow10[-e] : x * pow10[e];
	memcpy(&low, &x, sizeof(low));    /* the significand, little-endian */
	if ((low & 0x7ff) == 0x400)
		return 0;
	*v = neg ? -(double)x : (double)x;
	return 1;
#else
	(void)m, (void)e, (void)neg, (void)v;
	return 0;
#endif
}

int gt_number_exact(uint64_t m, int e10, int neg, double *v)
{
	return exact_value(m, e10, neg, v) || exact_value_x87(m, e10, neg, v);
}

gt_numread gt_number_general(const char *s, double *v)
{
	decimal d = { 0, 0, 0 };
	const char *p = s + (*s == '+' || *s == '-'), *q;
	int any, e = 0;

	q = read_digits(p, &d, 0);
	any = q != p;
	if (*q == '.') {
		p = q + 1;
		q = read_digits(p, &d, 1);
		any |= q != p;
	}
	if (!any)
		return GT_NUM_BAD;
	if ((*q == 'e' || *q == 'E') && !(q = read_exponent(q + 1, &e)))
		return GT_NUM_BAD;
	if (*q != '\0')
		return GT_NUM_BAD;
	if (d.lost || !gt_number_exact(d.m, d.e10 + e, *s == '-', v))
		*v = c_strtod(s);
	return isfinite(*v) ? GT_NUM_OK : GT_NUM_INFINITE;
}

int gt_parse_number(const char *s, double *v)
{
	double x;

	if (!s || gt_number_read(s, &x) != GT_NUM_OK)
		return -1;
	*v = x;
	return 0;
}
