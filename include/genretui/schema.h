/* schema.h: the schema of any genre table, read from its cells: which
 * column is the label, which are the network's inputs (numeric features,
 * text one-hot encoded), which are identifiers or text shown only.
 *
 * Detection reads a table through gt_table_view, so it does not depend on
 * how the table is stored. The rules, in order, for each column:
 *
 *   label       opts.label (the exact name, else the one name equal to it
 *               ignoring case), else the first of music_genre, genre,
 *               track_genre, label, class that a column is named (ignoring
 *               case).
 *   unusable    a non-empty cell that is not a finite number by number.h's
 *               grammar ("?", "NA", "nan", "inf", "1e999", "abc").
 *   numeric     at least one number, and the unusable cells are at most a
 *               fifth of the non-empty ones, or they are at most
 *               GT_SCHEMA_BAD_TOKENS distinct texts ("?", "NA") and no more
 *               than the numbers. A few bad cells leave a numeric column
 *               numeric, counted; cleaning decides about their rows.
 *   identifier  by name: a word of the name is "id" or "uuid" (track_id,
 *               instance_id, ID, trackId, "Track ID"; not "acidity" or
 *               "valid"), the name is empty or pandas' "Unnamed: N" (a
 *               written index), or it is filename, file, path or index
 *               (ignoring case, '_' and blanks).
 *               by values, among at least 3 rows with no empty cell:
 *               numbers that count the rows in file order (0, 1, 2, ... or
 *               1, 2, 3, ..., the view's row index plus 0 or 1): a row
 *               number. Other numbers are features however distinct they
 *               are (duration_ms, or every float feature); a shuffled row
 *               number under a name that says nothing is one too (--drop
 *               it). Text whose non-empty values (at least 3, more than the
 *               empty cells) are all different is an identifier.
 *   one-hot     other text with 1 to GT_SCHEMA_MAX_LEVELS distinct values;
 *               its levels in byte order (as pandas' get_dummies), one input
 *               per level named COLUMN_LEVEL (explicit_False, explicit_True).
 *   text        other text: shown and used for grouping, never an input.
 *   dropped     a column empty in every row, or one --drop or --features
 *               takes out.
 * Overrides: opts.features and opts.drop are comma-separated lists of
 * names and globs (fnmatch; blanks around entries ignored). A name is
 * matched exactly, else ignoring case; a glob likewise (case first). With
 * features, the network's inputs are exactly the columns listed: a column
 * named is made a feature whatever it was detected as (numeric if its
 * values are, one-hot if it is text of few values; text of more values,
 * and the label, are errors), a glob takes the numeric and one-hot columns
 * it matches (never the label, identifiers or text); the other numeric and
 * one-hot columns are dropped. Then drop takes the columns it names or
 * matches out (the label only by glob, where it is skipped; by name it is
 * an error). An entry that matches no column is an error naming it, as is
 * a glob that matches only columns it cannot take. No input at the end is
 * an error too.
 *
 * Rows whose field count differs from the header's are left out of the
 * detection (counted). No curses, no printing: statuses and messages. */
#ifndef GENRETUI_SCHEMA_H
#define GENRETUI_SCHEMA_H

#include <stddef.h>

#include <jansson.h>

#include "genretui/status.h"

#define GT_SCHEMA_MAX_LEVELS 24  /* most levels a one-hot column has */
#define GT_SCHEMA_BAD_TOKENS 2   /* distinct unusable texts a numeric
                                    column may have beyond a fifth */
#define GT_SCHEMA_REASON 80      /* bytes of a role's reason, NUL included */

/* A table as detection reads it. cell returns the text of row r, column
 * col ("" for an empty cell); each text must stay valid and unchanged
 * until gt_schema_detect returns. */
typedef struct {
	size_t nrows;              /* data rows, header excluded */
	int ncols;                 /* header fields */
	const char *const *names;  /* ncols header names */
	const char *(*cell)(const void *ctx, size_t r, int col);
	const void *ctx;           /* passed to cell */
	const int *nfields;        /* nrows: fields of each record (NULL: every
	                              record has header_fields) */
	int header_fields;         /* fields of the header (ncols) */
	int threads;               /* threads for a pass over the cells from
	                              16,384 rows on (gt_threads_resolve: 0
	                              every CPU); the result is the same */
} gt_table_view;

typedef enum {
	GT_ROLE_NUMERIC,      /* a network input as it is */
	GT_ROLE_ONEHOT,       /* one network input per level */
	GT_ROLE_LABEL,        /* the genre */
	GT_ROLE_IDENTIFIER,   /* names a row (track_id, filename): never an input */
	GT_ROLE_TEXT,         /* shown and grouped by, never an input */
	GT_ROLE_DROPPED,      /* not used at all (--drop, empty) */
	GT_ROLE_COUNT
} gt_role;

typedef struct {
	const char *label;     /* --label COLUMN, or NULL */
	const char *features;  /* --features LIST, or NULL */
	const char *drop;      /* --drop LIST, or NULL */
} gt_schema_opts;

typedef struct {
	char *name;              /* header name as the file has it */
	gt_role role;            /* the role used (after the overrides) */
	gt_role detected;        /* the role the values gave */
	int numeric;             /* its values are numbers by the rule above */
	int nlevels;             /* distinct texts when at most
	                            GT_SCHEMA_MAX_LEVELS and not numeric, else 0 */
	char **levels;           /* nlevels texts in byte order (NULL: none) */
	size_t ndistinct;        /* distinct non-empty values of a column that
	                            is not numeric, and of the label; else 0 */
	int distinct_more;       /* ndistinct is a lower bound: the texts were
	                            no longer counted once they were over
	                            GT_SCHEMA_MAX_LEVELS and one repeated or
	                            the name made the column an identifier
	                            (never the label's) */
	size_t nempty;           /* empty cells */
	size_t nnumbers;         /* cells that are finite numbers */
	size_t nunusable;        /* other non-empty cells (numeric columns) */
	size_t first_unusable;   /* view row of the first unusable cell */
	char *unusable_example;  /* its text, or NULL (numeric columns) */
	double min, max;         /* of the numbers (0 when none) */
	int input;               /* its first network input, or -1 */
	char reason[GT_SCHEMA_REASON];   /* why the role, a few words */
} gt_schema_col;

typedef struct {
	int ncols;
	gt_schema_col *col;      /* ncols, in file order */
	int label;               /* the label's column */
	int ninputs;             /* numeric columns + one-hot levels */
	char **input_name;       /* ninputs: COLUMN or COLUMN_LEVEL, in file
	                            order, a column's levels in place */
	int *input_col;          /* ninputs: the column of each input */
	int *input_level;        /* ninputs: the level, or -1 (numeric) */
	size_t rows;             /* rows read for the detection */
	size_t rows_skipped;     /* rows left out: wrong field count */
} gt_schema;

/* Detect t's schema into s (opts may be NULL). On failure s is empty and
 * err says why: GT_ERR_ARG for an option (an unknown --label, with "did you
 * mean" and the columns; an entry of --features or --drop that matches
 * nothing; a feature that cannot be one), GT_ERR_COLUMN for a table
 * without a label column or without features (the columns listed, escaped,
 * shortened when there are many), GT_ERR_EMPTY when no row has the
 * header's field count, GT_ERR_NOMEM. */
gt_status gt_schema_detect(const gt_table_view *t, const gt_schema_opts *opts,
                           gt_schema *s, gt_error *err);

void gt_schema_free(gt_schema *s);

/* "numeric", "one-hot", "label", "identifier", "text", "dropped". */
const char *gt_role_name(gt_role r);

/* What a column's name alone says of it (the identifier rule above): 1 a
 * name that says id or file (track_id, filename), 2 a written index's
 * name ("", "Unnamed: 0", index), 0 neither. */
int gt_schema_id_name(const char *name);

/* The column named exactly name, or -1. */
int gt_schema_find(const gt_schema *s, const char *name);

/* The level of one-hot column c that value is, or -1. */
int gt_schema_level(const gt_schema_col *c, const char *value);

/* The schema as a text table for the batch output: a summary line, then
 * one line per column: name, role, details (levels, counts, reason).
 * Names are escaped (gt_text_safe). Returns a malloc'd string, NULL when
 * out of memory. */
char *gt_schema_text(const gt_schema *s);

/* The same for a pane: gt_schema_nlines lines, line i (0: the summary)
 * cut to at most width terminal cells into buf (n bytes); returns its
 * length in bytes. */
int gt_schema_nlines(const gt_schema *s);
size_t gt_schema_line(const gt_schema *s, int i, int width, char *buf, size_t n);

/* {label, inputs: [names], rows, rows_skipped, columns: [{name, role,
 * detected, reason, empty, numbers, unusable, distinct (null: not counted),
 * levels (one-hot), input (first input, or null)}]}: a new reference, NULL
 * when out of memory. */
json_t *gt_schema_json(const gt_schema *s);

#endif
