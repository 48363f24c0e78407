/* schema.c: a table's schema from its cells: the label, the features,
 * identifiers and text (the rules are in schema.h). The schema shown as
 * text and JSON is in schema_show.c. */
#define _GNU_SOURCE             /* FNM_CASEFOLD */

#include <ctype.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genretui/number.h"
#include "genretui/schema.h"
#include "genretui/textfmt.h"
#include "genretui/threads.h"

#define SHOWN 48          /* bytes of a name quoted in a message */
#define LIST_MAX 300      /* bytes of the columns listed in a message */
#define MIN_ROWS 3        /* rows a row number or distinct text needs */

static const char *const label_names[] = {
	"music_genre", "genre", "track_genre", "label", "class"
};

const char *gt_role_name(gt_role r)
{
	static const char *const name[GT_ROLE_COUNT] = {
		"numeric", "one-hot", "label", "identifier", "text", "dropped"
	};

	return r >= 0 && r < GT_ROLE_COUNT ? name[r] : "?";
}

static char *copy_text(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);

	return p ? memcpy(p, s, n) : NULL;
}

static void set_reason(gt_schema_col *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void set_reason(gt_schema_col *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->reason, sizeof(c->reason), fmt, ap);
	va_end(ap);
}

/* ---- distinct texts: an open-addressing set of the cells' own texts */

typedef struct {
	uint64_t hash;
	const char *s;       /* NULL: free */
} slot;

typedef struct {
	slot *slot;          /* cap (NULL before the first text) */
	size_t cap;          /* a power of two, over twice n */
	size_t n;            /* distinct texts in the set */
	int repeated;        /* a text was added twice */
} textset;

static gt_status textset_grow(textset *ts)
{
	size_t cap = ts->cap ? ts->cap * 2 : 64;
	slot *to = calloc(cap, sizeof(*to));

	if (!to)
		return GT_ERR_NOMEM;
	for (size_t i = 0; i < ts->cap; i++) {
		size_t j = (size_t)ts->slot[i].hash & (cap - 1);

		if (!ts->slot[i].s)
			continue;
		while (to[j].s)
			j = (j + 1) & (cap - 1);
		to[j] = ts->slot[i];
	}
	free(ts->slot);
	ts->slot = to;
	ts->cap = cap;
	return GT_OK;
}

static gt_status textset_add(textset *ts, const char *s)
{
	uint64_t h = gt_hash_text(0x9e3779b97f4a7c15ull, s);
	size_t i;

	if (2 * (ts->n + 1) > ts->cap && textset_grow(ts) != GT_OK)
		return GT_ERR_NOMEM;
	for (i = (size_t)h & (ts->cap - 1); ts->slot[i].s; i = (i + 1) & (ts->cap - 1))
		if (ts->slot[i].hash == h && strcmp(ts->slot[i].s, s) == 0) {
			ts->repeated = 1;
			return GT_OK;
		}
	ts->slot[i].hash = h;
	ts->slot[i].s = s;
	ts->n++;
	return GT_OK;
}

/* ---- reading the cells */

static int row_used(const gt_table_view *t, size_t r)
{
	return !t->nfields || t->nfields[r] == t->header_fields;
}

/* What the passes over a column learn beside its gt_schema_col. */
typedef struct {
	textset texts;       /* its distinct texts that are not numbers (and,
	                        for text and the label, its numbers after) */
	const char *bad;     /* its first unusable text */
	int counter;         /* the numbers so far count the rows from 0 or 1
	                        (-1: they do not) */
	int every;           /* count every distinct text (the label's) */
	int named_id;        /* an identifier by its name */
} colscan;

/* Is the column's role known whatever its other cells hold? Then its
 * texts are no longer counted: more of them than a one-hot column has, and
 * one repeated (text of many values) or an identifier's name (the time
 * spent on text would otherwise go to counting names, titles and ids that
 * nothing needs counted). */
static int settled(const colscan *cs)
{
	return !cs->every && cs->texts.n > GT_SCHEMA_MAX_LEVELS &&
	       (cs->texts.repeated || cs->named_id);
}

static gt_status scan_cell(gt_schema_col *c, colscan *cs, size_t r, const char *s)
{
	double v;

	if (!*s) {
		c->nempty++;
		return GT_OK;
	}
	if (gt_number_read(s, &v) != GT_NUM_OK) {
		if (c->nunusable++ == 0) {
			c->first_unusable = r;
			cs->bad = s;
		}
		return settled(cs) ? GT_OK : textset_add(&cs->texts, s);
	}
	if (c->nnumbers++ == 0) {
		c->min = c->max = v;
		cs->counter = v == (double)r ? 0 : v == (double)r + 1 ? 1 : -1;
	} else {
		c->min = v < c->min ? v : c->min;
		c->max = v > c->max ? v : c->max;
		if (cs->counter >= 0 && v != (double)r + cs->counter)
			cs->counter = -1;
	}
	return GT_OK;
}

/* First pass, row by row (a row's cells lie together in memory, so the
 * table is read once from start to end): every cell of the columns first,
 * first + step, ... of col and cs. */
static gt_status scan_rows(const gt_table_view *t, gt_schema_col *col, colscan *cs,
                           int first, int step)
{
	for (size_t r = 0; r < t->nrows; r++) {
		if (!row_used(t, r))
			continue;
		for (int c = first; c < t->ncols; c += step)
			if (scan_cell(&col[c], &cs[c], r, t->cell(t->ctx, r, c)) != GT_OK)
				return GT_ERR_NOMEM;
	}
	return GT_OK;
}

/* ---- the first pass in threads ----
 *
 * From SCAN_THREAD_MIN rows, thread i of n reads the table's rows in order
 * for the columns i, i + n, ... (interleaved, so that text and numeric
 * columns are spread over the threads). A column's cells are still read
 * in row order by one thread, so what it learns does not depend on n.
 * Each thread works on a copy of the columns' state (threads writing
 * neighbouring columns would share cache lines) and copies its columns
 * back after. */
#define SCAN_THREAD_MIN 16384    /* rows */

typedef struct {
	const gt_table_view *t;
	gt_schema_col *col;      /* ncols: a copy; this part's columns are its own */
	colscan *cs;             /* likewise */
	int first, step;
	gt_status st;
} scan_part;

static void *scan_part_rows(void *arg)
{
	scan_part *p = arg;

	p->st = scan_rows(p->t, p->col, p->cs, p->first, p->step);
	return NULL;
}

static gt_status scan_all(const gt_table_view *t, gt_schema_col *col, colscan *cs)
{
	scan_part part[GT_THREADS_MAX];
	size_t nc = (size_t)t->ncols;
	int n = t->nrows >= SCAN_THREAD_MIN ? gt_threads_resolve(t->threads) : 1, made = 0;
	gt_status st = GT_OK;

	n = n < t->ncols ? n : t->ncols;
	if (n <= 1)
		return scan_rows(t, col, cs, 0, 1);
	for (; made < n; made++) {
		scan_part *p = &part[made];

		*p = (scan_part){ .t = t, .first = made, .step = n,
		                  .col = malloc(nc * sizeof(*col)), .cs = malloc(nc * sizeof(*cs)) };
		if (!p->col || !p->cs) {
			free(p->col);
			free(p->cs);
			break;
		}
		memcpy(p->col, col, nc * sizeof(*col));
		memcpy(p->cs, cs, nc * sizeof(*cs));
	}
	if (made < n)
		st = GT_ERR_NOMEM;
	else
		gt_thread_all(scan_part_rows, part, sizeof(part[0]), n);
	for (int i = 0; i < made; i++) {     /* (all of them: read_cells frees their texts) */
		for (int c = i; c < t->ncols; c += n) {
			col[c] = part[i].col[c];
			cs[c] = part[i].cs[c];
		}
		st = st == GT_OK ? part[i].st : st;
		free(part[i].col);
		free(part[i].cs);
	}
	return st;
}

/* Numbers, by schema.h's rule. */
static int numbers_rule(const gt_schema_col *c, const colscan *cs)
{
	size_t filled = c->nnumbers + c->nunusable;

	return c->nnumbers > 0 && (c->nunusable * 5 <= filled ||
	        (cs->texts.n <= GT_SCHEMA_BAD_TOKENS && c->nunusable <= c->nnumbers));
}

/* Second pass: the numbers of text columns and of the label join their
 * distinct texts. */
static gt_status add_numbers(const gt_table_view *t, const gt_schema *s, colscan *cs)
{
	int *which = malloc((size_t)t->ncols * sizeof(*which)), k = 0;

	if (!which)
		return GT_ERR_NOMEM;
	for (int c = 0; c < t->ncols; c++)
		if ((!s->col[c].numeric || c == s->label) && s->col[c].nnumbers && !settled(&cs[c]))
			which[k++] = c;
	for (size_t r = 0; k && r < t->nrows; r++) {
		if (!row_used(t, r))
			continue;
		for (int i = 0; i < k; i++) {
			const char *cell = t->cell(t->ctx, r, which[i]);
			double v;

			if (*cell && !settled(&cs[which[i]]) &&
			    gt_number_read(cell, &v) == GT_NUM_OK &&
			    textset_add(&cs[which[i]].texts, cell) != GT_OK) {
				free(which);
				return GT_ERR_NOMEM;
			}
		}
	}
	free(which);
	return GT_OK;
}

static int by_bytes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* c's distinct texts (at most GT_SCHEMA_MAX_LEVELS) as its levels, in
 * byte order. */
static gt_status keep_levels(gt_schema_col *c, const textset *ts)
{
	const char *found[GT_SCHEMA_MAX_LEVELS];
	size_t k = 0;

	for (size_t i = 0; i < ts->cap && k < GT_SCHEMA_MAX_LEVELS; i++)
		if (ts->slot[i].s)
			found[k++] = ts->slot[i].s;
	qsort(found, k, sizeof(*found), by_bytes);
	c->levels = calloc(k, sizeof(*c->levels));
	if (!c->levels)
		return GT_ERR_NOMEM;
	c->nlevels = (int)k;
	for (size_t i = 0; i < k; i++)
		if (!(c->levels[i] = copy_text(found[i])))
			return GT_ERR_NOMEM;
	return GT_OK;
}

/* ---- roles */

/* Is w[0..n) the word id or uuid, ignoring case? */
static int id_word(const char *w, size_t n)
{
	return (n == 2 && strncasecmp(w, "id", 2) == 0) ||
	       (n == 4 && strncasecmp(w, "uuid", 4) == 0);
}

/* Does a word of name say id? Words are runs of letters and digits, split
 * where a lower-case letter meets an upper-case one (trackId, TrackID). */
static int has_id_word(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	while (*p) {
		const unsigned char *w;

		while (*p && !isalnum(*p))
			p++;
		w = p;
		while (isalnum(*p) && !(p > w && islower(p[-1]) && isupper(*p)))
			p++;
		if (p > w && id_word((const char *)w, (size_t)(p - w)))
			return 1;
	}
	return 0;
}

/* Why name alone makes a column an identifier, or NULL. */
static const char *id_by_name(const char *name)
{
	static const char *const files[] = { "filename", "file", "path", "filepath" };
	char fold[16];
	size_t k = 0;

	if (!*name)
		return "no name: a written index";
	if (strncmp(name, "Unnamed:", 8) == 0)
		return "pandas' name of a written index";
	if (has_id_word(name))
		return "its name says id";
	for (const unsigned char *p = (const unsigned char *)name; *p && k + 1 < sizeof(fold); p++)
		if (isalnum(*p))
			fold[k++] = (char)tolower(*p);
	fold[k] = '\0';     /* (a longer name folds to 15 letters: none of these) */
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (strcmp(fold, files[i]) == 0)
			return "a file name";
	return strcmp(fold, "index") == 0 ? "named index" : NULL;
}

int gt_schema_id_name(const char *name)
{
	const char *why = id_by_name(name);

	if (!why)
		return 0;
	return has_id_word(name) || strcmp(why, "a file name") == 0 ? 1 : 2;
}

/* The role c's values (and name) give it. counter: the first row number
 * when its numbers count the rows, else -1; distinct: its texts differ in
 * every row. */
static void detect_role(gt_schema_col *c, int is_label, int from_opt, int counter,
                        int distinct)
{
	const char *why;

	if (is_label) {
		c->role = GT_ROLE_LABEL;
		set_reason(c, "%s", from_opt ? "--label" : "named as a label");
	} else if ((why = id_by_name(c->name))) {
		c->role = GT_ROLE_IDENTIFIER;
		set_reason(c, "%s", why);
	} else if (c->numeric && counter >= 0) {
		c->role = GT_ROLE_IDENTIFIER;
		set_reason(c, "counts the rows from %d", counter);
	} else if (c->numeric) {
		c->role = GT_ROLE_NUMERIC;
		set_reason(c, "%s", c->nunusable ? "numbers, a few cells not" : "numbers");
	} else if (c->ndistinct == 0) {
		c->role = GT_ROLE_DROPPED;
		set_reason(c, "empty in every row");
	} else if (distinct) {
		c->role = GT_ROLE_IDENTIFIER;
		set_reason(c, "a different text in every row");
	} else if (c->nlevels > 0) {
		c->role = GT_ROLE_ONEHOT;
		set_reason(c, "text of few values");
	} else {
		c->role = GT_ROLE_TEXT;
		set_reason(c, "text of many values");
	}
	c->detected = c->role;
}

/* What the passes learnt of column c, made its counts, levels and role. */
static gt_status finish_column(gt_schema *s, int c, const colscan *cs, int from_opt)
{
	gt_schema_col *col = &s->col[c];
	int counter = col->numeric && col->nnumbers == s->rows && s->rows >= MIN_ROWS
	              ? cs->counter : -1;
	int distinct = 0;
	gt_status st = GT_OK;

	col->input = -1;
	if (!col->numeric || c == s->label) {
		col->ndistinct = cs->texts.n;
		col->distinct_more = settled(cs);
		distinct = !cs->texts.repeated && cs->texts.n >= MIN_ROWS &&
		           cs->texts.n > col->nempty;
	}
	if (!col->numeric) {
		col->nunusable = col->first_unusable = 0;
		col->min = col->max = 0;
		if (col->ndistinct > 0 && col->ndistinct <= GT_SCHEMA_MAX_LEVELS)
			st = keep_levels(col, &cs->texts);
	} else if (cs->bad && !(col->unusable_example = copy_text(cs->bad))) {
		st = GT_ERR_NOMEM;
	}
	detect_role(col, c == s->label, from_opt, counter, distinct);
	return st;
}

/* ---- messages naming columns */

/* names[0..n) escaped as "'a', 'b', 'c'", cut ("... and 280 more") to
 * about LIST_MAX bytes, into buf. */
static void list_names(const char *const *names, int n, char *buf, size_t size)
{
	char shown[SHOWN + 16];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < n; i++) {
		gt_text_safe(names[i], shown, sizeof(shown), SHOWN);
		if (len + strlen(shown) + 4 > LIST_MAX || len + strlen(shown) + 4 >= size) {
			snprintf(buf + len, size - len, ", ... and %d more", n - i);
			return;
		}
		len += (size_t)snprintf(buf + len, size - len, "%s'%s'", i ? ", " : "", shown);
	}
}

/* The name want most likely means: the nearest by edit distance, if at
 * most a third of its length (2 at least) away, else one it begins; -1. */
static int closest(const char *const *names, int n, const char *want)
{
	int best = -1, bestd = 99, limit = (int)strlen(want) / 3;
	size_t len = strlen(want);

	limit = limit < 2 ? 2 : limit;
	for (int i = 0; i < n; i++) {
		int d = gt_text_distance(want, strlen(want), names[i], SHOWN);

		if (d < bestd && d <= limit && names[i][0])
			best = i, bestd = d;
	}
	for (int i = 0; best < 0 && len >= 3 && i < n; i++)
		if (strncasecmp(names[i], want, len) == 0)
			best = i;
	return best;
}

/* " (did you mean 'x'?)" or "" into buf. */
static void did_you_mean(const char *const *names, int n, const char *want,
                         char *buf, size_t size)
{
	char shown[SHOWN + 16];
	int i = closest(names, n, want);

	buf[0] = '\0';
	if (i < 0)
		return;
	gt_text_safe(names[i], shown, sizeof(shown), SHOWN);
	snprintf(buf, size, " (did you mean '%s'?)", shown);
}

/* ---- the label */

static gt_status label_by_option(const gt_table_view *t, const char *want, int *label,
                                 gt_error *err)
{
	char shown[SHOWN + 16], hint[SHOWN + 40], list[GT_ERROR_MAX];
	int exact = 0, folded = 0, at = -1, fat = -1;

	for (int i = 0; i < t->ncols; i++) {
		if (strcmp(t->names[i], want) == 0 && exact++ == 0)
			at = i;
		if (strcasecmp(t->names[i], want) == 0 && folded++ == 0)
			fat = i;
	}
	gt_text_safe(want, shown, sizeof(shown), SHOWN);
	if (exact > 1 || (!exact && folded > 1))
		return gt_fail(err, GT_ERR_ARG, "--label '%s': %d columns are named so%s; "
		               "rename one", shown, exact ? exact : folded,
		               exact ? "" : " (ignoring case)");
	if (exact || folded) {
		*label = exact ? at : fat;
		return GT_OK;
	}
	did_you_mean(t->names, t->ncols, want, hint, sizeof(hint));
	list_names(t->names, t->ncols, list, sizeof(list));
	return gt_fail(err, GT_ERR_ARG, "--label '%s': no such column%s; the columns: %s",
	               shown, hint, list);
}

/* The label's column: opts' --label, else the first label name found. */
static gt_status find_label(const gt_table_view *t, const char *want, int *label,
                            gt_error *err)
{
	char list[GT_ERROR_MAX];

	if (want)
		return label_by_option(t, want, label, err);
	for (size_t k = 0; k < sizeof(label_names) / sizeof(label_names[0]); k++)
		for (int i = 0; i < t->ncols; i++)
			if (strcasecmp(t->names[i], label_names[k]) == 0) {
				*label = i;
				return GT_OK;
			}
	list_names(t->names, t->ncols, list, sizeof(list));
	return gt_fail(err, GT_ERR_COLUMN, "no label column: no column is named music_genre, "
	               "genre, track_genre, label or class (ignoring case); name it with "
	               "--label COLUMN; the columns: %s", list);
}

/* ---- --features and --drop */

/* The columns entry names (exactly, else ignoring case) or matches as a
 * glob (with case, else without), into hit; their count. */
static int match_entry(const gt_schema *s, const char *entry, int *hit)
{
	int glob = strpbrk(entry, "*?[") != NULL, n = 0;

	for (int pass = 0; pass < 2 && n == 0; pass++)
		for (int c = 0; c < s->ncols; c++) {
			const char *name = s->col[c].name;
			int same;

			if (glob)
				same = fnmatch(entry, name, pass ? FNM_CASEFOLD : 0) == 0;
			else
				same = (pass ? strcasecmp(entry, name) : strcmp(entry, name)) == 0;
			if (same)
				hit[n++] = c;
		}
	return n;
}

static gt_status no_match(const gt_schema *s, const char *what, const char *entry,
                          gt_error *err)
{
	char shown[SHOWN + 16], hint[SHOWN + 40];
	const char **names = malloc((size_t)s->ncols * sizeof(*names));

	if (!names)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	for (int c = 0; c < s->ncols; c++)
		names[c] = s->col[c].name;
	did_you_mean(names, s->ncols, entry, hint, sizeof(hint));
	free(names);
	gt_text_safe(entry, shown, sizeof(shown), SHOWN);
	if (strpbrk(entry, "*?["))
		return gt_fail(err, GT_ERR_ARG, "%s: '%s' matches no column", what, shown);
	return gt_fail(err, GT_ERR_ARG, "%s: no column '%s'%s", what, shown, hint);
}

/* Make column c a feature, as --features names it. */
static gt_status force_feature(gt_schema *s, int c, gt_error *err)
{
	gt_schema_col *col = &s->col[c];
	char shown[SHOWN + 16], count[32];

	gt_text_safe(col->name, shown, sizeof(shown), SHOWN);
	if (c == s->label)
		return gt_fail(err, GT_ERR_ARG, "--features: '%s' is the label; choose "
		               "another with --label", shown);
	if (col->numeric || col->nlevels > 0) {
		col->role = col->numeric ? GT_ROLE_NUMERIC : GT_ROLE_ONEHOT;
		if (col->role != col->detected)
			set_reason(col, "--features");
		return GT_OK;
	}
	if (col->ndistinct == 0)
		return gt_fail(err, GT_ERR_ARG, "--features: '%s' is empty in every row", shown);
	if (col->distinct_more)
		return gt_fail(err, GT_ERR_ARG, "--features: '%s' is text of over %d different "
		               "values; a one-hot feature has at most %d", shown,
		               GT_SCHEMA_MAX_LEVELS, GT_SCHEMA_MAX_LEVELS);
	return gt_fail(err, GT_ERR_ARG, "--features: '%s' is text with %s different values; "
	               "a one-hot feature has at most %d", shown,
	               gt_fmt_count(count, sizeof(count), col->ndistinct), GT_SCHEMA_MAX_LEVELS);
}

/* A glob that matched only columns it cannot take: say which they are. */
static gt_status glob_unusable(const gt_schema *s, const char *what, const char *entry,
                               const int *hit, int n, gt_error *err)
{
	char shown[SHOWN + 16], name[SHOWN + 16], list[LIST_MAX + 40];
	size_t len = 0;

	list[0] = '\0';
	for (int i = 0; i < n && len + SHOWN + 30 < sizeof(list); i++) {
		gt_text_safe(s->col[hit[i]].name, name, sizeof(name), SHOWN);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s'%s' (%s)",
		                        i ? ", " : "", name, gt_role_name(s->col[hit[i]].detected));
	}
	gt_text_safe(entry, shown, sizeof(shown), SHOWN);
	return gt_fail(err, GT_ERR_ARG, "%s: '%s' matches only %s%s", what, shown, list,
	               strcmp(what, "--drop") == 0 ? "" : ", none of which can be a feature");
}

/* One entry of --features: the columns it takes marked in chosen. */
static gt_status features_entry(gt_schema *s, const char *entry, const int *hit, int n,
                                unsigned char *chosen, gt_error *err)
{
	int took = 0;

	if (!strpbrk(entry, "*?[")) {
		for (int i = 0; i < n; i++) {
			gt_status st = force_feature(s, hit[i], err);

			if (st != GT_OK)
				return st;
			chosen[hit[i]] = 1;
		}
		return GT_OK;
	}
	for (int i = 0; i < n; i++) {
		gt_role r = s->col[hit[i]].detected;

		if (r == GT_ROLE_NUMERIC || r == GT_ROLE_ONEHOT)
			chosen[hit[i]] = 1, took++;
	}
	return took ? GT_OK : glob_unusable(s, "--features", entry, hit, n, err);
}

/* One entry of --drop. */
static gt_status drop_entry(gt_schema *s, const char *entry, const int *hit, int n,
                            gt_error *err)
{
	char shown[SHOWN + 16];
	int took = 0;

	for (int i = 0; i < n; i++) {
		gt_schema_col *col = &s->col[hit[i]];

		if (hit[i] == s->label) {
			if (strpbrk(entry, "*?["))
				continue;
			gt_text_safe(col->name, shown, sizeof(shown), SHOWN);
			return gt_fail(err, GT_ERR_ARG, "--drop: '%s' is the label; choose "
			               "another with --label", shown);
		}
		col->role = GT_ROLE_DROPPED;
		set_reason(col, "--drop");
		took++;
	}
	return took ? GT_OK : glob_unusable(s, "--drop", entry, hit, n, err);
}

/* Trim blanks around s[0..n) in place; returns the start. */
static char *trim(char *s, size_t n)
{
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	s[n] = '\0';
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* Each entry of list (what: "--features" or "--drop") applied to s. */
static gt_status apply_list(gt_schema *s, const char *what, const char *list,
                            unsigned char *chosen, gt_error *err)
{
	char *copy = copy_text(list), *p = copy, shown[SHOWN + 16];
	int *hit = malloc((size_t)s->ncols * sizeof(*hit));
	gt_status st = GT_OK;

	if (!copy || !hit)
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory");
	while (st == GT_OK && p) {
		char *comma = strchr(p, ','), *entry;
		int n;

		entry = trim(p, comma ? (size_t)(comma - p) : strlen(p));
		p = comma ? comma + 1 : NULL;
		if (!*entry) {
			gt_text_safe(list, shown, sizeof(shown), SHOWN);
			st = gt_fail(err, GT_ERR_ARG, "%s '%s': an empty name (the list is "
			             "names or globs separated by commas)", what, shown);
		} else if ((n = match_entry(s, entry, hit)) == 0) {
			st = no_match(s, what, entry, err);
		} else {
			st = chosen ? features_entry(s, entry, hit, n, chosen, err)
			            : drop_entry(s, entry, hit, n, err);
		}
	}
	free(copy);
	free(hit);
	return st;
}

static gt_status apply_features(gt_schema *s, const char *list, gt_error *err)
{
	unsigned char *chosen = calloc((size_t)s->ncols, 1);
	gt_status st;

	if (!chosen)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	st = apply_list(s, "--features", list, chosen, err);
	for (int c = 0; st == GT_OK && c < s->ncols; c++) {
		gt_schema_col *col = &s->col[c];

		if (!chosen[c] && (col->role == GT_ROLE_NUMERIC || col->role == GT_ROLE_ONEHOT)) {
			col->role = GT_ROLE_DROPPED;
			set_reason(col, "not in --features");
		}
	}
	free(chosen);
	return st;
}

/* ---- the network's inputs */

/* Two inputs of one name (a column explicit_True beside explicit's level
 * True) would be one to the prompt and the model file: refuse them. */
static gt_status check_input_names(const gt_schema *s, gt_error *err)
{
	const char **sorted = malloc((size_t)s->ninputs * sizeof(*sorted));
	char shown[SHOWN + 16];
	gt_status st = GT_OK;

	if (!sorted)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	for (int i = 0; i < s->ninputs; i++)
		sorted[i] = s->input_name[i];
	qsort(sorted, (size_t)s->ninputs, sizeof(*sorted), by_bytes);
	for (int i = 1; i < s->ninputs && st == GT_OK; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0) {
			gt_text_safe(sorted[i], shown, sizeof(shown), SHOWN);
			st = gt_fail(err, GT_ERR_COLUMN, "two inputs would be named '%s' (a column "
			             "and a one-hot level); --drop one of them", shown);
		}
	free(sorted);
	return st;
}

/* The name of column c's input for level l (-1: numeric). */
static char *input_name(const gt_schema_col *c, int l)
{
	size_t a, b;
	char *p;

	if (l < 0)
		return copy_text(c->name);
	a = strlen(c->name);
	b = strlen(c->levels[l]);
	if (!(p = malloc(a + b + 2)))
		return NULL;
	memcpy(p, c->name, a);
	p[a] = '_';
	memcpy(p + a + 1, c->levels[l], b + 1);
	return p;
}

static gt_status no_features(const gt_schema *s, gt_error *err)
{
	char shown[SHOWN + 16], list[GT_ERROR_MAX];
	const char **names = malloc((size_t)s->ncols * sizeof(*names));
	int n = 0;

	if (!names)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	gt_text_safe(s->col[s->label].name, shown, sizeof(shown), SHOWN);
	if (s->ncols == 1) {
		free(names);
		return gt_fail(err, GT_ERR_COLUMN, "no features: the table has only the "
		               "label column '%s'", shown);
	}
	for (int c = 0; c < s->ncols; c++)
		if (c != s->label)
			names[n++] = s->col[c].name;
	list_names(names, n, list, sizeof(list));
	free(names);
	return gt_fail(err, GT_ERR_COLUMN, "no features: besides the label '%s', no column "
	               "is numbers or text of at most %d values (or --features and --drop "
	               "left none); the columns: %s", shown, GT_SCHEMA_MAX_LEVELS, list);
}

static gt_status build_inputs(gt_schema *s, gt_error *err)
{
	int n = 0, k = 0;

	for (int c = 0; c < s->ncols; c++)
		n += s->col[c].role == GT_ROLE_NUMERIC ? 1
		   : s->col[c].role == GT_ROLE_ONEHOT ? s->col[c].nlevels : 0;
	if (n == 0)
		return no_features(s, err);
	s->input_name = calloc((size_t)n, sizeof(*s->input_name));
	s->input_col = malloc((size_t)n * sizeof(*s->input_col));
	s->input_level = malloc((size_t)n * sizeof(*s->input_level));
	if (!s->input_name || !s->input_col || !s->input_level)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	s->ninputs = n;
	for (int c = 0; c < s->ncols; c++) {
		gt_schema_col *col = &s->col[c];
		int levels = col->role == GT_ROLE_NUMERIC ? 1
		           : col->role == GT_ROLE_ONEHOT ? col->nlevels : 0;

		col->input = levels ? k : -1;
		for (int l = 0; l < levels; l++, k++) {
			s->input_col[k] = c;
			s->input_level[k] = col->role == GT_ROLE_NUMERIC ? -1 : l;
			if (!(s->input_name[k] = input_name(col, s->input_level[k])))
				return gt_fail(err, GT_ERR_NOMEM, "out of memory");
		}
	}
	return check_input_names(s, err);
}

/* ---- the whole detection */

static size_t rows_used(const gt_table_view *t)
{
	size_t n = 0;

	for (size_t r = 0; r < t->nrows; r++)
		n += (size_t)row_used(t, r);
	return n;
}

/* Both passes over t's cells, and each column's role. */
static gt_status read_cells(const gt_table_view *t, const gt_schema_opts *o, gt_schema *s)
{
	colscan *cs = calloc((size_t)t->ncols, sizeof(*cs));
	gt_status st = GT_OK;

	if (!cs)
		return GT_ERR_NOMEM;
	for (int c = 0; c < t->ncols; c++) {
		cs[c].counter = -1;
		cs[c].every = c == s->label;
		cs[c].named_id = c != s->label && id_by_name(t->names[c]) != NULL;
	}
	st = scan_all(t, s->col, cs);
	for (int c = 0; st == GT_OK && c < t->ncols; c++)
		s->col[c].numeric = numbers_rule(&s->col[c], &cs[c]);
	if (st == GT_OK)
		st = add_numbers(t, s, cs);
	for (int c = 0; st == GT_OK && c < t->ncols; c++)
		st = finish_column(s, c, &cs[c], o && o->label);
	for (int c = 0; c < t->ncols; c++)
		free(cs[c].texts.slot);
	free(cs);
	return st;
}

static gt_status read_columns(const gt_table_view *t, const gt_schema_opts *o,
                              gt_schema *s, gt_error *err)
{
	gt_status st = GT_OK;

	s->col = calloc((size_t)t->ncols, sizeof(*s->col));
	if (!s->col)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	s->ncols = t->ncols;
	for (int c = 0; c < t->ncols && st == GT_OK; c++)
		if (!(s->col[c].name = copy_text(t->names[c])))
			st = GT_ERR_NOMEM;
	if (st == GT_OK)
		st = read_cells(t, o, s);
	return st == GT_OK ? GT_OK : gt_fail(err, st, "out of memory");
}

gt_status gt_schema_detect(const gt_table_view *t, const gt_schema_opts *opts,
                           gt_schema *s, gt_error *err)
{
	gt_status st;

	memset(s, 0, sizeof(*s));
	s->label = -1;
	if (!t || t->ncols <= 0 || !t->names || !t->cell)
		return gt_fail(err, GT_ERR_COLUMN, "the table has no columns");
	st = find_label(t, opts ? opts->label : NULL, &s->label, err);
	if (st != GT_OK)
		return st;
	s->rows = rows_used(t);
	s->rows_skipped = t->nrows - s->rows;
	if (s->rows == 0)
		return gt_fail(err, GT_ERR_EMPTY, "no data row has the header's %d fields: "
		               "nothing tells what the columns hold", t->header_fields);
	st = read_columns(t, opts, s, err);
	if (st == GT_OK && opts && opts->features)
		st = apply_features(s, opts->features, err);
	if (st == GT_OK && opts && opts->drop)
		st = apply_list(s, "--drop", opts->drop, NULL, err);
	if (st == GT_OK)
		st = build_inputs(s, err);
	if (st != GT_OK)
		gt_schema_free(s);
	return st;
}

void gt_schema_free(gt_schema *s)
{
	for (int c = 0; c < s->ncols && s->col; c++) {
		gt_schema_col *col = &s->col[c];

		for (int l = 0; l < col->nlevels && col->levels; l++)
			free(col->levels[l]);
		free(col->levels);
		free(col->name);
		free(col->unusable_example);
	}
	for (int i = 0; i < s->ninputs && s->input_name; i++)
		free(s->input_name[i]);
	free(s->col);
	free(s->input_name);
	free(s->input_col);
	free(s->input_level);
	memset(s, 0, sizeof(*s));
	s->label = -1;
}

int gt_schema_find(const gt_schema *s, const char *name)
{
	for (int c = 0; c < s->ncols; c++)
		if (strcmp(s->col[c].name, name) == 0)
			return c;
	return -1;
}

int gt_schema_level(const gt_schema_col *c, const char *value)
{
	int lo = 0, hi = c->nlevels - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2, d = strcmp(c->levels[mid], value);

		if (d == 0)
			return mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}
