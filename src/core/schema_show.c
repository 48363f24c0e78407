/* schema_show.c: a detected schema shown: a text table for the batch
 * output, width-limited lines for a pane, and JSON (see schema.h). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700      /* wcwidth, through textfmt */
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/schema.h"
#include "genretui/textfmt.h"

#define NAME_SHOWN 60      /* bytes of a column name shown */
#define LEVEL_SHOWN 24     /* bytes of a level shown */
#define NAME_CELLS 30      /* widest name column of the text table */
#define ROLE_CELLS 10      /* "identifier" */
#define LINE_MAX 2048      /* bytes of one line (24 levels fit) */

/* A column's name as shown: escaped, "(no name)" when empty. */
static const char *shown_name(const char *name, char *buf, size_t n)
{
	if (!*name)
		return "(no name)";
	gt_text_safe(name, buf, n, NAME_SHOWN);
	return buf;
}

/* "; " between the parts of a column's details. */
static void part(gt_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void part(gt_strbuf *b, const char *fmt, ...)
{
	char text[LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	gt_strbuf_add(b, "%s%s", b->len ? "; " : "", text);
}

/* Empty and unusable cells of c. */
static void cell_counts(const gt_schema_col *c, gt_strbuf *b)
{
	char n1[32], shown[LEVEL_SHOWN + 16];

	if (c->nempty)
		part(b, "%s empty", gt_fmt_count(n1, sizeof(n1), c->nempty));
	if (c->nunusable) {
		gt_text_safe(c->unusable_example ? c->unusable_example : "", shown,
		             sizeof(shown), LEVEL_SHOWN);
		part(b, "%s unusable ('%s' first, data row %zu)",
		     gt_fmt_count(n1, sizeof(n1), c->nunusable), shown, c->first_unusable + 1);
	}
}

static void levels_list(const gt_schema_col *c, gt_strbuf *b)
{
	char shown[LEVEL_SHOWN + 16];

	part(b, "%d level%s:", c->nlevels, c->nlevels == 1 ? "" : "s");
	for (int l = 0; l < c->nlevels; l++) {
		gt_text_safe(c->levels[l], shown, sizeof(shown), LEVEL_SHOWN);
		gt_strbuf_add(b, " %s", shown);
	}
}

/* What the details column says of c. */
static void details(const gt_schema_col *c, gt_strbuf *b)
{
	char n1[32];

	switch (c->role) {
	case GT_ROLE_NUMERIC:
		if (c->min == c->max)
			part(b, "one value, %.6g", c->min);
		else
			part(b, "%.6g to %.6g", c->min, c->max);
		break;
	case GT_ROLE_ONEHOT:
		levels_list(c, b);
		break;
	case GT_ROLE_LABEL:
		part(b, "%s classes%s", gt_fmt_count(n1, sizeof(n1), c->ndistinct),
		     c->numeric ? ", numbers" : "");
		break;
	case GT_ROLE_TEXT:
		if (c->distinct_more)
			part(b, "over %d values", GT_SCHEMA_MAX_LEVELS);
		else
			part(b, "%s values", gt_fmt_count(n1, sizeof(n1), c->ndistinct));
		break;
	default:
		break;
	}
	cell_counts(c, b);
	if (c->role == GT_ROLE_LABEL || c->role == GT_ROLE_IDENTIFIER ||
	    c->role == GT_ROLE_DROPPED || c->role != c->detected)
		part(b, "%s", c->reason);
	if (c->role == GT_ROLE_DROPPED && c->detected != GT_ROLE_DROPPED)
		gt_strbuf_add(b, " (%s)", gt_role_name(c->detected));
}

static void summary(const gt_schema *s, gt_strbuf *b)
{
	int count[GT_ROLE_COUNT] = { 0 }, levels = 0;
	char shown[NAME_SHOWN + 16], n1[32], n2[32];

	for (int c = 0; c < s->ncols; c++) {
		count[s->col[c].role]++;
		levels += s->col[c].role == GT_ROLE_ONEHOT ? s->col[c].nlevels : 0;
	}
	gt_strbuf_add(b, "label '%s' (%s classes); %d input%s: %d numeric, %d one-hot (%d levels); "
	       "%d identifier%s, %d text, %d dropped; %s rows",
	       shown_name(s->col[s->label].name, shown, sizeof(shown)),
	       gt_fmt_count(n1, sizeof(n1), s->col[s->label].ndistinct), s->ninputs,
	       s->ninputs == 1 ? "" : "s", count[GT_ROLE_NUMERIC], count[GT_ROLE_ONEHOT],
	       levels, count[GT_ROLE_IDENTIFIER], count[GT_ROLE_IDENTIFIER] == 1 ? "" : "s",
	       count[GT_ROLE_TEXT], count[GT_ROLE_DROPPED],
	       gt_fmt_count(n2, sizeof(n2), s->rows));
	if (s->rows_skipped)
		gt_strbuf_add(b, " (%s more with another field count left out)",
		       gt_fmt_count(n1, sizeof(n1), s->rows_skipped));
}

/* Cells of the name column: the widest name, within [6, most]. */
static int name_cells(const gt_schema *s, int most)
{
	char shown[NAME_SHOWN + 16];
	int w = 6;

	for (int c = 0; c < s->ncols; c++) {
		int cw = gt_text_width(shown_name(s->col[c].name, shown, sizeof(shown)));

		w = cw > w ? cw : w;
	}
	return w < most ? w : most;
}

/* Column c's line: name, role, details. */
static void column_line(const gt_schema *s, int c, int nw, gt_strbuf *b)
{
	char shown[NAME_SHOWN + 16], padded[4 * NAME_SHOWN + 16];
	gt_strbuf d = { 0 };

	details(&s->col[c], &d);
	gt_fmt_pad(padded, sizeof(padded), shown_name(s->col[c].name, shown, sizeof(shown)), nw);
	gt_strbuf_add(b, "%s  %-*s  %s", padded, ROLE_CELLS, gt_role_name(s->col[c].role),
	       d.p && !d.failed ? d.p : "");
	if (d.failed)
		b->failed = 1;
	free(d.p);
}

char *gt_schema_text(const gt_schema *s)
{
	gt_strbuf b = { 0 };
	int nw = name_cells(s, NAME_CELLS);
	char padded[4 * NAME_SHOWN + 16];

	gt_strbuf_add(&b, "Schema: ");
	summary(s, &b);
	gt_strbuf_add(&b, "\n  %s  %-*s  details\n", gt_fmt_pad(padded, sizeof(padded), "column", nw),
	       ROLE_CELLS, "role");
	for (int c = 0; c < s->ncols; c++) {
		gt_strbuf_add(&b, "  ");
		column_line(s, c, nw, &b);
		gt_strbuf_add(&b, "\n");
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int gt_schema_nlines(const gt_schema *s)
{
	return 1 + s->ncols;
}

size_t gt_schema_line(const gt_schema *s, int i, int width, char *buf, size_t n)
{
	gt_strbuf b = { 0 };
	size_t len;

	if (n == 0)
		return 0;
	buf[0] = '\0';
	if (i < 0 || i >= gt_schema_nlines(s) || width <= 0)
		return 0;
	if (i == 0)
		summary(s, &b);
	else
		column_line(s, i - 1, name_cells(s, width / 3 < NAME_CELLS ? width / 3 : NAME_CELLS), &b);
	if (b.failed || !b.p) {
		free(b.p);
		return 0;
	}
	gt_fmt_pad(buf, n, b.p, width);
	free(b.p);
	len = strlen(buf);
	while (len && buf[len - 1] == ' ')
		buf[--len] = '\0';
	return len;
}

/* ---- JSON */

/* A string from the data: jansson takes only UTF-8, so other text is
 * given escaped as the text output shows it. */
static json_t *jtext(const char *s)
{
	char buf[4 * NAME_SHOWN + 16];
	json_t *j = json_string(s);

	if (j)
		return j;
	gt_text_safe(s, buf, sizeof(buf), sizeof(buf) - 16);
	return json_string(buf);
}

/* Set key of o to v, a new reference (released if it cannot be set); 0
 * when either is NULL. */
static int jset(json_t *o, const char *key, json_t *v)
{
	return json_object_set_new(o, key, v) == 0;
}

static json_t *column_json(const gt_schema_col *c)
{
	json_t *o = json_object(), *levels;
	int ok = jset(o, "name", jtext(c->name)) &&
	         jset(o, "role", json_string(gt_role_name(c->role))) &&
	         jset(o, "detected", json_string(gt_role_name(c->detected))) &&
	         jset(o, "reason", json_string(c->reason)) &&
	         jset(o, "empty", json_integer((json_int_t)c->nempty)) &&
	         jset(o, "numbers", json_integer((json_int_t)c->nnumbers)) &&
	         jset(o, "unusable", json_integer((json_int_t)c->nunusable)) &&
	         jset(o, "distinct", (c->numeric && c->role != GT_ROLE_LABEL) ||
	              c->distinct_more ? json_null() : json_integer((json_int_t)c->ndistinct)) &&
	         jset(o, "input", c->input >= 0 ? json_integer(c->input) : json_null());

	if (ok && c->role == GT_ROLE_ONEHOT) {
		ok = jset(o, "levels", levels = json_array());
		for (int l = 0; ok && l < c->nlevels; l++)
			ok = json_array_append_new(levels, jtext(c->levels[l])) == 0;
	}
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

json_t *gt_schema_json(const gt_schema *s)
{
	json_t *o = json_object(), *inputs, *cols;
	int ok = jset(o, "label", jtext(s->col[s->label].name)) &&
	         jset(o, "rows", json_integer((json_int_t)s->rows)) &&
	         jset(o, "rows_skipped", json_integer((json_int_t)s->rows_skipped)) &&
	         jset(o, "inputs", inputs = json_array()) &&
	         jset(o, "columns", cols = json_array());

	for (int i = 0; ok && i < s->ninputs; i++)
		ok = json_array_append_new(inputs, jtext(s->input_name[i])) == 0;
	for (int c = 0; ok && c < s->ncols; c++)
		ok = json_array_append_new(cols, column_json(&s->col[c])) == 0;
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}
