/* bigmem.c: big arrays on transparent huge pages where Linux offers them. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE     /* madvise */

#include <stdlib.h>
#include <sys/mman.h>

#include "genretui/bigmem.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *gt_big_alloc(size_t n)
{
#ifdef MADV_HUGEPAGE
	void *p;

	if (n < HUGE_PAGE)
		return malloc(n);
	/* Aligned, so that every whole 2 MiB of the array can be one huge
	 * page. Only whole huge pages are advised: a partly used one at the
	 * end would count fully in the resident set. The advice is a hint;
	 * if the kernel declines it, pages are faulted in as usual. */
	if (posix_memalign(&p, HUGE_PAGE, n) != 0)
		return NULL;
	madvise(p, n / HUGE_PAGE * HUGE_PAGE, MADV_HUGEPAGE);
	return p;
#else
	return malloc(n);
#endif
}
