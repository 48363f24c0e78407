/* layout.h: the network's inputs, described at run time.
 *
 * A layout is what a row of the model's input holds and where each input
 * comes from:
 *   inputs   [0, nnum)           dense inputs: a number each, normalised by
 *                                the preparation (normalize.h)
 *            [nnum, nnum + nhot) one one-hot group (the study's 24 scales),
 *                                held compactly as the index of its hot
 *                                input (pipeline.h); 0 inputs for a file's
 *                                own schema
 *   sources  the columns of the data file the inputs come from, in order:
 *            NUMERIC  one dense input, the column's number
 *            ONEHOT   count consecutive dense inputs, 0/1, one per level of
 *                     a text column (a file's own schema)
 *            KEY, MODE  the study's key and mode columns, which together
 *                     pick one input of the one-hot group (encode.h)
 * Every dense input has flags saying how the two preparations treat it:
 * GT_INPUT_MINMAX (the paper preparation scales it to [0, 1] with training
 * minimum and maximum) and GT_INPUT_STANDARD (the improved one
 * standardises it). The study: min-max on popularity, duration_ms,
 * loudness and tempo, standardisation of the 11; a file's own schema:
 * both on every numeric input, neither on the 0/1 inputs of a one-hot
 * column.
 *
 * A layout is a plain value (no pointers: copied with =), its names in a
 * text pool of its own. */
#ifndef GENRETUI_LAYOUT_H
#define GENRETUI_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/status.h"

#define GT_MAX_INPUTS  512    /* network inputs, dense and one-hot */
#define GT_MAX_SOURCES 512    /* source columns */
#define GT_LAYOUT_TEXT 16384  /* bytes of names, NULs included */
#define GT_NAME_MAX    63     /* bytes of one name (column, level or input) */

typedef enum {
	GT_SOURCE_NUMERIC, GT_SOURCE_ONEHOT, GT_SOURCE_KEY, GT_SOURCE_MODE
} gt_source_kind;

/* Bits of gt_layout.flags[] */
#define GT_INPUT_MINMAX   1u   /* scaled by the paper preparation */
#define GT_INPUT_STANDARD 2u   /* standardised by the improved one */

typedef struct {
	uint16_t name;         /* offset of its name in text */
	uint8_t kind;          /* gt_source_kind */
	uint16_t first, count; /* its inputs: first .. first + count - 1 (KEY
	                          and MODE: the one-hot group) */
} gt_layout_source;

typedef struct {
	int nnum, nhot, ninputs;          /* ninputs = nnum + nhot */
	int nsources;
	uint16_t input_name[GT_MAX_INPUTS];   /* offsets in text */
	uint16_t input_level[GT_MAX_INPUTS];  /* one-hot inputs: the level's
	                                         text ("C#m", "True"); else "" */
	uint16_t input_source[GT_MAX_INPUTS]; /* source of each input (the
	                                         group's: the KEY source) */
	uint8_t flags[GT_MAX_INPUTS];         /* dense inputs: GT_INPUT_* */
	gt_layout_source source[GT_MAX_SOURCES];
	uint32_t used;                        /* bytes of text in use */
	char text[GT_LAYOUT_TEXT];
} gt_layout;

/* One source column for gt_layout_from_columns: a NUMERIC column (levels
 * unused) or a ONEHOT one with nlevels >= 1 levels, each a dense input
 * named "name_level" (pandas' get_dummies). */
typedef struct {
	const char *name;
	gt_source_kind kind;          /* NUMERIC or ONEHOT */
	int nlevels;
	const char *const *levels;
} gt_layout_column;

/* The study's 35 inputs (encode.h): 11 numeric sources, then key and mode,
 * which pick one of the 24 scales. */
void gt_layout_study(gt_layout *l);

/* A file's own schema: the columns in order, each NUMERIC column one dense
 * input, each ONEHOT column its levels' inputs; no one-hot group. Fails
 * with a message naming the column when a name is empty, longer than
 * GT_NAME_MAX or given twice, a one-hot column has no levels or two alike,
 * or the inputs or names are too many. */
gt_status gt_layout_from_columns(gt_layout *l, const gt_layout_column *cols, int ncols,
                                 gt_error *err);

/* 1 when l is the study's layout (same names, groups and flags). */
int gt_layout_is_study(const gt_layout *l);
/* 1 when a and b describe the same inputs (names, levels, sources, flags). */
int gt_layout_same(const gt_layout *a, const gt_layout *b);

const char *gt_layout_input(const gt_layout *l, int i);      /* "" if out of range */
const char *gt_layout_level(const gt_layout *l, int i);
const char *gt_layout_source_name(const gt_layout *l, int s);
/* Index of the source named name (exactly, then ignoring case), or -1. */
int gt_layout_find_source(const gt_layout *l, const char *name);
/* Input of source s (ONEHOT) whose level is text (exactly, then ignoring
 * case), or -1. */
int gt_layout_find_level(const gt_layout *l, int s, const char *text);
/* Source of dense input i that is NUMERIC, or -1 (a one-hot level, or not
 * dense). */
int gt_layout_numeric_source(const gt_layout *l, int i);

/* What a differs in from b, by source column, into buf: "this file lacks:
 * rms_mean, ...; has extra: popularity" (a's columns missing from b, then
 * b's not in a; a one-hot column whose levels differ counts as both).
 * "" when they have the same columns. Returns the length snprintf would
 * write. */
int gt_layout_diff_text(const gt_layout *a, const gt_layout *b, char *buf, size_t n);

#endif
