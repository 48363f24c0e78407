/* status.h: status codes and error details returned by every core function.
 *
 * The core never exits and never prints: it returns a gt_status and, when it
 * fails, fills a gt_error with one line saying what went wrong and where
 * ("data.csv:10002: column 'tempo': expected a number, got 'abc'"). */
#ifndef GENRETUI_STATUS_H
#define GENRETUI_STATUS_H

#include <stddef.h>

/* X(name, short description) */
#define GT_STATUS_LIST(X)                                   \
	X(GT_OK,          "ok")                             \
	X(GT_ERR_NOMEM,   "out of memory")                  \
	X(GT_ERR_IO,      "input/output error")             \
	X(GT_ERR_CSV,     "malformed CSV")                  \
	X(GT_ERR_COLUMN,  "missing or duplicated column")   \
	X(GT_ERR_EMPTY,   "no usable rows")                 \
	X(GT_ERR_ARG,     "invalid argument")               \
	X(GT_ERR_MODEL,   "invalid model")

typedef enum {
#define GT_STATUS_ENUM(name, text) name,
	GT_STATUS_LIST(GT_STATUS_ENUM)
#undef GT_STATUS_ENUM
	GT_STATUS_COUNT
} gt_status;

#define GT_ERROR_MAX 512

typedef struct {
	gt_status code;
	char msg[GT_ERROR_MAX];   /* one line, no trailing newline */
} gt_error;

/* Short description of a status ("out of memory"). */
const char *gt_status_str(gt_status s);

/* Record an error (printf-style message) in err, which may be NULL; returns code. */
gt_status gt_fail(gt_error *err, gt_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset err to GT_OK with an empty message. */
void gt_error_clear(gt_error *err);

#endif
