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

gt_status gt_fail(gt_error *err, gt_status code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void gt_error_clear(gt_error *err)
{
	if (!err)
		return;
	err->code = GT_OK;
	err->msg[0] = '\0';
}
