/* bigmem.h: allocation of the few big arrays (megabytes) the pipeline fills.
 *
 * Loading the real file writes about 20 MB of fresh memory (the text, the
 * cell table, the tracks, the input matrices). Every first touch of a 4 KiB
 * page is a page fault, and on virtual machines a fault costs microseconds:
 * faults were a fifth of the load time. gt_big_alloc() asks the kernel for
 * transparent huge pages (2 MiB, one fault each) where it supports them;
 * elsewhere it is plain malloc. Free the result with free(). */
#ifndef GENRETUI_BIGMEM_H
#define GENRETUI_BIGMEM_H

#include <stddef.h>

/* n bytes, uninitialised, or NULL. */
void *gt_big_alloc(size_t n);

#endif
