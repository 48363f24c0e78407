/* bigmem.c: big arrays on transparent huge pages where Linux offers them. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE     /* madvise */

#include <stdlib.h>
#include <sys/mman.h>

#include "genretui/bigmem.h"

#define HUGE_PAGE ((size_t)2 << 20)

/* Arrays from this size on are rounded up to whole huge pages: the
 * rounding wastes at most a third of what is touched. */
#define HUGE_MIN ((size_t)1 << 20)

void *gt_big_alloc(size_t n)
{
#ifdef MADV_HUGEPAGE
	size_t whole = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	void *p;

	if (n < HUGE_MIN || whole < n)
		return malloc(n);
	/* Aligned and whole, so that every 2 MiB of the array is one huge
	 * page. The advice is a hint; if the kernel declines it, pages are
	 * faulted in as usual. */
	if (posix_memalign(&p, HUGE_PAGE, whole) != 0)
		return NULL;
	madvise(p, whole, MADV_HUGEPAGE);
	return p;
#else
	return malloc(n);
#endif
}
