/* kernel.h: what the numeric hot loops (model.c, loss.c, adam.c, train.c)
 * share. Include "config.h" first.
 *
 * GT_HOT marks a function whose loops deserve the newer SIMD instructions.
 * Where the compiler supports it (GCC on x86-64; see configure.ac) the
 * function is compiled three times, for x86-64-v4 (AVX-512), x86-64-v3
 * (AVX2 and FMA) and the baseline x86-64 the package is built for, and the
 * right copy is picked once, when the program starts, from what the CPU
 * supports. The source has one path. (v4 makes the loops twice as wide as
 * v3: bench/README.md gives what that buys.)
 * Results may differ in the last bits between CPUs (an FMA rounds
 * once where a multiply and an add round twice), never between two runs on
 * one machine. Only code inlined into a GT_HOT function benefits, so its
 * helpers are static inline.
 *
 * gt_exp() is e^x written so that the compiler can vectorise a loop calling
 * it, which a call to libm's expf prevents. */
#ifndef GENRETUI_KERNEL_H
#define GENRETUI_KERNEL_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/real.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(GT_HAVE_TARGET_CLONES) && !defined(__clang__)   /* clang: the fuzz builds */
#define GT_HOT __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define GT_HOT
#endif

/* n zeroed gt_reals starting on a 64-byte cache line (freed with free),
 * or NULL. Arrays that threads write in parts (parameters, gradients,
 * Adam's moments) start on a line so that parts ending on a line share
 * none with their neighbours. */
static inline gt_real *gt_reals_zeroed(size_t n)
{
	void *p;

	if (posix_memalign(&p, 64, (n ? n : 1) * sizeof(gt_real)) != 0)
		return NULL;
	return memset(p, 0, (n ? n : 1) * sizeof(gt_real));
}

/* dst[0..n-1] = src[0..n-1] with non-temporal stores where the machine
 * has them (x86's SSE2): the values go to memory, not into this CPU's
 * caches; gt_reals_fence then orders them before what this thread writes
 * next (the end of its part of a job). Elsewhere, memcpy and nothing. */
static inline void gt_reals_stream(gt_real *dst, const gt_real *src, size_t n)
{
#if defined(__SSE2__)
	const size_t step = 16 / sizeof(gt_real);
	size_t i = 0;

	for (; i < n && (uintptr_t)(dst + i) % 16 != 0; i++)
		dst[i] = src[i];
	for (; i + step <= n; i += step)
		_mm_stream_si128((__m128i *)(void *)(dst + i),
		                 _mm_loadu_si128((const __m128i *)(const void *)(src + i)));
	for (; i < n; i++)
		dst[i] = src[i];
#else
	memcpy(dst, src, n * sizeof(gt_real));
#endif
}

static inline void gt_reals_fence(void)
{
#if defined(__SSE2__)
	_mm_sfence();
#endif
}

/* log of a gt_real: logf for float. */
static inline gt_real gt_log(gt_real x)
{
#ifdef GT_REAL_DOUBLE
	return log(x);
#else
	return logf(x);
#endif
}

#ifdef GT_REAL_DOUBLE

static inline gt_real gt_exp(gt_real x)
{
	return exp(x);
}

#else

/* e^x in float, within 2 ulp of expf (tests/test_model.c checks it).
 * x = n ln2 + r with n an integer and |r| <= ln2/2, so e^x = 2^n e^r:
 * n is rounded by adding 1.5 * 2^23 (which leaves it in the low bits of
 * the float), ln2 is split in two so that r is exact, e^r comes from
 * Cephes' expf polynomial, and 2^n is built in the exponent field. x is
 * clamped first so that 2^n stays a normal float; e^-87 and e^88 are as
 * far as float goes anyway (1.6e-38 and 1.7e38). */
static inline float gt_exp(float x)
{
	const float shift = 12582912.0f;
	float n, r, p, two_n;
	int32_t bits;

	x = x > -87.0f ? x : -87.0f;   /* written so that NaN (from absurd weights) */
	x = x < 88.0f ? x : 88.0f;     /* is clamped too: it must never reach the int */
	n = (x * 1.44269504088896341f + shift) - shift;
	r = x - n * 0.693359375f - n * -2.12194440e-4f;
	p = ((((1.9875691500e-4f * r + 1.3981999507e-3f) * r
	       + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r
	       + 1.6666665459e-1f) * r + 5.0000001201e-1f;
	p = p * r * r + r + 1.0f;
	bits = ((int32_t)n + 127) * (1 << 23);
	memcpy(&two_n, &bits, sizeof(two_n));
	return p * two_n;
}

#endif

#endif
