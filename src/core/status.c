/* status.c: status descriptions and error recording. */
#include <stdarg.h>
#include <stdio.h>

#include "genretui/status.h"

static const char *const status_text[] = {
#define GT_STATUS_TEXT(name, text) text,
	GT_STATUS_LIST(GT_STATUS_TEXT)
#undef GT_STATUS_TEXT
};

const char *gt_status_str(gt_status s)
{
	if ((int)s < 0 || s >= GT_STATUS_COUNT)
		return "unknown status";
	return status_text[s];
}

/* A message cut at the end of its buffer must not end inside a UTF-8
 * sequence (the rest would be lost anyway, and a terminal shows a broken
 * one as garbage): drop a lead byte whose continuation bytes were cut. */
static void drop_partial_utf8(char *s, size_t n)
{
	size_t i = n, cont = 0;
	unsigned char lead;
	size_t want;

	while (i > 0 && cont < 3 && ((unsigned char)s[i - 1] & 0xc0) == 0x80) {
		i--;
		cont++;
	}
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	want = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
	if (lead >= 0xc0 && cont < want)
		s[i - 1] = '\0';
}

gt_status gt_fail(gt_error *err, gt_status code, const char *fmt, ...)
{
	va_list ap;
	int len;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	len = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(err->msg))
		drop_partial_utf8(err->msg, sizeof(err->msg) - 1);
	return code;
}

void gt_error_clear(gt_error *err)
{
	if (!err)
		return;
	err->code = GT_OK;
	err->msg[0] = '\0';
}
