/* layout.c: the study's input layout, a file's own, and their names. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "genretui/encode.h"
#include "genretui/layout.h"

/* Offset of a copy of s[0..len) in l's text, or -1 when it does not fit. */
static int add_text(gt_layout *l, const char *s, size_t len)
{
	uint32_t at = l->used;

	if (len > GT_NAME_MAX || at + len + 1 > GT_LAYOUT_TEXT)
		return -1;
	memcpy(l->text + at, s, len);
	l->text[at + len] = '\0';
	l->used += (uint32_t)len + 1;
	return (int)at;
}

static void clear(gt_layout *l)
{
	memset(l, 0, sizeof(*l));
	l->used = 1;       /* offset 0 is the empty string */
}

/* Source s of kind covering count inputs from first; its name at name. */
static void add_source(gt_layout *l, int name, gt_source_kind kind, int first, int count)
{
	l->source[l->nsources++] = (gt_layout_source){
		(uint16_t)name, (uint8_t)kind, (uint16_t)first, (uint16_t)count
	};
}

void gt_layout_study(gt_layout *l)
{
	clear(l);
	l->nnum = GT_NNUMERIC;
	l->nhot = GT_NSCALES;
	l->ninputs = GT_NINPUTS;
	for (int i = 0; i < GT_NINPUTS; i++) {
		const char *name = gt_input_names[i];

		l->input_name[i] = (uint16_t)add_text(l, name, strlen(name));
		if (i < GT_NNUMERIC) {
			l->input_source[i] = (uint16_t)i;
			l->flags[i] = GT_INPUT_STANDARD;
			add_source(l, l->input_name[i], GT_SOURCE_NUMERIC, i, 1);
		} else {
			const char *level = gt_scale_names[i - GT_NNUMERIC];

			l->input_level[i] = (uint16_t)add_text(l, level, strlen(level));
			l->input_source[i] = GT_NNUMERIC;
		}
	}
	l->flags[GT_F_POPULARITY] |= GT_INPUT_MINMAX;
	l->flags[GT_F_DURATION] |= GT_INPUT_MINMAX;
	l->flags[GT_F_LOUDNESS] |= GT_INPUT_MINMAX;
	l->flags[GT_F_TEMPO] |= GT_INPUT_MINMAX;
	add_source(l, add_text(l, "key", 3), GT_SOURCE_KEY, GT_NNUMERIC, GT_NSCALES);
	add_source(l, add_text(l, "mode", 4), GT_SOURCE_MODE, GT_NNUMERIC, GT_NSCALES);
}

int gt_layout_is_study(const gt_layout *l)
{
	gt_layout study;

	gt_layout_study(&study);
	return gt_layout_same(l, &study);
}

/* The inputs of one-hot column c, from input l->nnum on. */
static gt_status add_levels(gt_layout *l, const gt_layout_column *c, int name,
                            gt_error *err)
{
	char input[2 * GT_NAME_MAX + 2];

	if (c->nlevels < 1)
		return gt_fail(err, GT_ERR_ARG, "column '%s': a one-hot column needs levels", c->name);
	if (l->nnum + c->nlevels > GT_MAX_INPUTS)
		return gt_fail(err, GT_ERR_ARG, "column '%s': more than %d inputs", c->name,
		               GT_MAX_INPUTS);
	for (int k = 0; k < c->nlevels; k++) {
		const char *lv = c->levels[k] ? c->levels[k] : "";
		int i = l->nnum, at, in;

		for (int j = 0; j < k; j++)
			if (strcmp(c->levels[j], lv) == 0)
				return gt_fail(err, GT_ERR_ARG, "column '%s': level '%s' twice",
				               c->name, lv);
		snprintf(input, sizeof(input), "%s_%s", c->name, lv);
		at = add_text(l, lv, strlen(lv));
		in = add_text(l, input, strlen(input));
		if (!*lv || at < 0 || in < 0)
			return gt_fail(err, GT_ERR_ARG, "column '%s': level '%.*s' is empty or "
			               "its name too long (names: at most %d bytes, %d in all)",
			               c->name, GT_NAME_MAX, lv, GT_NAME_MAX, GT_LAYOUT_TEXT);
		l->input_name[i] = (uint16_t)in;
		l->input_level[i] = (uint16_t)at;
		l->input_source[i] = (uint16_t)l->nsources;
		l->nnum++;
	}
	add_source(l, name, GT_SOURCE_ONEHOT, l->nnum - c->nlevels, c->nlevels);
	return GT_OK;
}

static gt_status add_column(gt_layout *l, const gt_layout_column *c, gt_error *err)
{
	const char *name = c->name ? c->name : "";
	int at;

	if (l->nsources >= GT_MAX_SOURCES)
		return gt_fail(err, GT_ERR_ARG, "more than %d columns", GT_MAX_SOURCES);
	for (int s = 0; s < l->nsources; s++)
		if (strcmp(gt_layout_source_name(l, s), name) == 0)
			return gt_fail(err, GT_ERR_ARG, "column '%s' given twice", name);
	if (!*name || (at = add_text(l, name, strlen(name))) < 0)
		return gt_fail(err, GT_ERR_ARG, "column '%.*s': a name must have 1 to %d bytes "
		               "(%d in all)", GT_NAME_MAX, name, GT_NAME_MAX, GT_LAYOUT_TEXT);
	if (c->kind == GT_SOURCE_ONEHOT)
		return add_levels(l, c, at, err);
	if (c->kind != GT_SOURCE_NUMERIC)
		return gt_fail(err, GT_ERR_ARG, "column '%s': only numeric and one-hot columns "
		               "make a file's own inputs", name);
	if (l->nnum >= GT_MAX_INPUTS)
		return gt_fail(err, GT_ERR_ARG, "column '%s': more than %d inputs", name,
		               GT_MAX_INPUTS);
	l->input_name[l->nnum] = (uint16_t)at;
	l->input_source[l->nnum] = (uint16_t)l->nsources;
	l->flags[l->nnum] = GT_INPUT_MINMAX | GT_INPUT_STANDARD;
	add_source(l, at, GT_SOURCE_NUMERIC, l->nnum, 1);
	l->nnum++;
	return GT_OK;
}

gt_status gt_layout_from_columns(gt_layout *l, const gt_layout_column *cols, int ncols,
                                 gt_error *err)
{
	clear(l);
	for (int c = 0; c < ncols; c++) {
		gt_status st = add_column(l, &cols[c], err);

		if (st != GT_OK) {
			clear(l);
			return st;
		}
	}
	if (l->nnum < 1)
		return gt_fail(err, GT_ERR_ARG, "no input columns");
	l->ninputs = l->nnum;
	return GT_OK;
}

int gt_layout_same(const gt_layout *a, const gt_layout *b)
{
	if (a->nnum != b->nnum || a->nhot != b->nhot || a->nsources != b->nsources)
		return 0;
	for (int i = 0; i < a->ninputs; i++)
		if (strcmp(gt_layout_input(a, i), gt_layout_input(b, i)) ||
		    strcmp(gt_layout_level(a, i), gt_layout_level(b, i)) ||
		    a->input_source[i] != b->input_source[i] || a->flags[i] != b->flags[i])
			return 0;
	for (int s = 0; s < a->nsources; s++)
		if (strcmp(gt_layout_source_name(a, s), gt_layout_source_name(b, s)) ||
		    a->source[s].kind != b->source[s].kind ||
		    a->source[s].first != b->source[s].first ||
		    a->source[s].count != b->source[s].count)
			return 0;
	return 1;
}

const char *gt_layout_input(const gt_layout *l, int i)
{
	return i >= 0 && i < l->ninputs ? l->text + l->input_name[i] : "";
}

const char *gt_layout_level(const gt_layout *l, int i)
{
	return i >= 0 && i < l->ninputs ? l->text + l->input_level[i] : "";
}

const char *gt_layout_source_name(const gt_layout *l, int s)
{
	return s >= 0 && s < l->nsources ? l->text + l->source[s].name : "";
}

int gt_layout_find_source(const gt_layout *l, const char *name)
{
	for (int s = 0; s < l->nsources; s++)
		if (strcmp(gt_layout_source_name(l, s), name) == 0)
			return s;
	for (int s = 0; s < l->nsources; s++)
		if (strcasecmp(gt_layout_source_name(l, s), name) == 0)
			return s;
	return -1;
}

int gt_layout_find_level(const gt_layout *l, int s, const char *text)
{
	const gt_layout_source *src;

	if (s < 0 || s >= l->nsources || l->source[s].kind != GT_SOURCE_ONEHOT)
		return -1;
	src = &l->source[s];
	for (int i = src->first; i < src->first + src->count; i++)
		if (strcmp(gt_layout_level(l, i), text) == 0)
			return i;
	for (int i = src->first; i < src->first + src->count; i++)
		if (strcasecmp(gt_layout_level(l, i), text) == 0)
			return i;
	return -1;
}

int gt_layout_numeric_source(const gt_layout *l, int i)
{
	int s;

	if (i < 0 || i >= l->nnum)
		return -1;
	s = l->input_source[i];
	return l->source[s].kind == GT_SOURCE_NUMERIC ? s : -1;
}

/* 1 when source s of a is in b with the same kind and inputs' levels. */
static int source_in(const gt_layout *a, int s, const gt_layout *b)
{
	int t = -1;
	const gt_layout_source *x = &a->source[s], *y;

	for (int k = 0; k < b->nsources && t < 0; k++)
		if (strcmp(gt_layout_source_name(b, k), gt_layout_source_name(a, s)) == 0)
			t = k;
	if (t < 0)
		return 0;
	y = &b->source[t];
	if (x->kind != y->kind || x->count != y->count)
		return 0;
	for (int k = 0; k < x->count; k++)
		if (strcmp(gt_layout_level(a, x->first + k), gt_layout_level(b, y->first + k)))
			return 0;
	return 1;
}

/* Names of the sources of a not in b, ", "-separated, at buf + *len. */
/* Columns a message names before "and N more": a list that always ends
 * whole, however many columns differ. */
#define DIFF_NAMES 8

static void missing_list(const gt_layout *a, const gt_layout *b, char *buf, size_t n,
                         int *len)
{
	int shown = 0, more = 0;

	for (int s = 0; s < a->nsources; s++) {
		size_t at = (size_t)*len < n ? (size_t)*len : n;

		if (source_in(a, s, b))
			continue;
		if (shown == DIFF_NAMES) {
			more++;
			continue;
		}
		*len += snprintf(buf + at, n - at, "%s%s", shown ? ", " : "",
		                 gt_layout_source_name(a, s));
		shown++;
	}
	if (more) {
		size_t at = (size_t)*len < n ? (size_t)*len : n;

		*len += snprintf(buf + at, n - at, " and %d more", more);
	}
}

static int count_missing(const gt_layout *a, const gt_layout *b)
{
	int k = 0;

	for (int s = 0; s < a->nsources; s++)
		k += !source_in(a, s, b);
	return k;
}

int gt_layout_diff_text(const gt_layout *a, const gt_layout *b, char *buf, size_t n)
{
	int len = 0, lack = count_missing(a, b), extra = count_missing(b, a);

	if (n)
		buf[0] = '\0';
	if (lack) {
		len += snprintf(buf, n, "this file lacks: ");
		missing_list(a, b, buf, n, &len);
	}
	if (extra) {
		size_t at = (size_t)len < n ? (size_t)len : n;

		len += snprintf(buf + at, n - at, "%shas extra: ", lack ? "; " : "");
		missing_list(b, a, buf, n, &len);
	}
	return len;
}
