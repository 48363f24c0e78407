/* bigmem.h: allocation of the few big arrays (megabytes) the pipeline fills.
 *
 * Loading the real file writes about 20 MB of fresh memory (the text, the
 * cell table, the tracks, the input matrices). Every first touch of a 4 KiB
 * page is a page fault, and on virtual machines a fault costs microseconds:
 * faults were a fifth of the load time. gt_big_alloc() asks the kernel for
 * transparent huge pages (2 MiB, one fault each) for arrays of 1 MiB or
 * more, rounded up to whole huge pages, where it supports them; elsewhere
 * it is plain malloc. On the VM of bench/README.md a 4 KiB fault costs
 * 2-3 us and faults of two threads do not overlap, while a huge page
 * usually costs 0.1-0.2 ms (at times, seconds after other processes freed
 * much memory, up to 5 ms). Free the result with free(). */
#ifndef GENRETUI_BIGMEM_H
#define GENRETUI_BIGMEM_H

#include <stddef.h>

/* n bytes, uninitialised, or NULL. */
void *gt_big_alloc(size_t n);

#endif
