/* fuzz_check.h: what the fuzz harnesses share: a check that aborts (so
 * libFuzzer records the input as a crash) and the terminal-safety test of
 * text that genretui prints. */
#ifndef GENRETUI_FUZZ_CHECK_H
#define GENRETUI_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "genretui/textfmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_CHECK(cond)                                                        \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,  \
			        __LINE__, #cond);                             \
			abort();                                              \
		}                                                             \
	} while (0)

/* Can s go to a terminal as it is? Valid UTF-8 with no C0 or C1 control
 * character and no DEL: what gt_text_safe produces. */
static inline int fz_terminal_safe(const char *s)
{
	while (*s) {
		unsigned cp;
		size_t n = gt_utf8_decode(s, &cp);

		if (n == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return 0;
		s += n;
	}
	return 1;
}

#endif
