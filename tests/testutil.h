/* testutil.h: what every cmocka test includes. cmocka 1.1's float asserts
 * work in single precision, so doubles are compared with assert_near. */
#ifndef GENRETUI_TESTUTIL_H
#define GENRETUI_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>

#define assert_near(a, b, tol)                                              \
	do {                                                                \
		double a_ = (a), b_ = (b);                                  \
		if (!(fabs(a_ - b_) <= (tol)))                              \
			fail_msg("%s = %.17g, expected %.17g (+- %g)", #a,  \
			         a_, b_, (double)(tol));                    \
	} while (0)

#endif
