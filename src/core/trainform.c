/* trainform.c: the Train pane's settings, their ranges and steps (see
 * trainform.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "genretui/trainform.h"

/* As the command line takes them (cli.c); a run of more than
 * GT_RUNLOG_POINTS epochs keeps its curves every step-th epoch (runlog.h). */
static const struct {
	double lo, hi;
	int whole;          /* a whole number; else lo < v < hi */
	const char *words;
} ranges[GT_FORM_NNUMBERS] = {
	[GT_FORM_EPOCHS] = { 1, GT_FORM_EPOCHS_MAX, 1, "a whole number from 1 to 100000" },
	[GT_FORM_BATCH] = { 1, 65536, 1, "a whole number from 1 to 65536" },
	[GT_FORM_LR] = { 0, 1000, 0, "a number greater than 0 and less than 1000" },
	[GT_FORM_HIDDEN] = { 1, 4096, 1, "a whole number from 1 to 4096" },
	[GT_FORM_SEED] = { 0, 4294967295.0, 1, "a whole number from 0 to 4294967295" },
};

const char *gt_form_range(gt_form_number f)
{
	return (unsigned)f < GT_FORM_NNUMBERS ? ranges[f].words : "?";
}

int gt_form_parse(gt_form_number f, const char *text, const char *name, double *v,
                  char *msg, size_t n)
{
	char *end;
	double x;
	int ok;

	if ((unsigned)f >= GT_FORM_NNUMBERS)
		return -1;
	errno = 0;
	x = strtod(text, &end);
	ok = end != text && *end == '\0' && errno == 0 && isfinite(x);
	if (ok && ranges[f].whole)
		ok = x == floor(x) && x >= ranges[f].lo && x <= ranges[f].hi;
	else if (ok)
		ok = x > ranges[f].lo && x < ranges[f].hi;
	if (!ok) {
		snprintf(msg, n, "'%s' is not a valid %s: %s", text, name, ranges[f].words);
		return -1;
	}
	*v = x;
	return 0;
}

int gt_form_hidden_step(int h, int dir)
{
	static const int sizes[] = { 8, 16, 24, 32, 35, 48, 64, 96, 128, 192, 256, 384, 512,
	                             768, 1024, 1536, 2048, 3072, 4096 };
	int n = (int)(sizeof(sizes) / sizeof(sizes[0]));

	if (dir > 0) {
		for (int i = 0; i < n; i++)
			if (sizes[i] > h)
				return sizes[i];
	} else {
		for (int i = n - 1; i >= 0; i--)
			if (sizes[i] < h)
				return sizes[i];
	}
	return h;
}
