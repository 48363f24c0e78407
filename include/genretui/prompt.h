/* prompt.h: the predict prompt's little language, parsed without readline
 * so that it is unit-tested and shared by `genretui --predict` and the
 * Predict pane.
 *
 * A line is a command or name=value pairs in any order:
 *   danceability=0.8 energy=0.9 key=A# mode=minor tempo=128
 *   line N    predict the row on file line N (the header is line 1), the
 *             number Browse shows, and show its genre
 *   row N     the same for the Nth data row (the header not counted)
 *   show      print the current values       clear   forget them
 *   help      list the names                 quit    leave (also exit)
 * Names and the key/mode values are case-insensitive; numbers are in the
 * data's units (duration_ms in milliseconds, loudness in dB); blanks may
 * stand around '=' ("energy = 0.5"). Whether values are kept from line to
 * line is the answerer's (prompt_answer.h). */
#ifndef GENRETUI_PROMPT_H
#define GENRETUI_PROMPT_H

#include "genretui/encode.h"

typedef enum {
	GT_PC_EMPTY, GT_PC_SET, GT_PC_ROW, GT_PC_SHOW, GT_PC_CLEAR, GT_PC_HELP,
	GT_PC_QUIT, GT_PC_ERROR
} gt_prompt_kind;

typedef struct {
	gt_prompt_kind kind;
	double num[GT_NNUMERIC];   /* values given on this line, GT_F_ order */
	unsigned given;            /* bit f set: num[f] was given */
	int key, mode;             /* pitch class 0..11 / 1 major 0 minor; -1 = not given */
	long row;                  /* GT_PC_ROW: the number (LONG_MAX if larger) ... */
	int by_line;               /* ... a file line ("line N"), else a 1-based data row */
	char row_text[32];         /* GT_PC_ROW: the number as typed, for messages */
	int err_at, err_len;       /* GT_PC_ERROR: byte offset and length of the bad token */
	char err[192];             /* GT_PC_ERROR: one line, what is wrong and what is expected */
} gt_prompt_line;

void gt_prompt_parse(const char *line, gt_prompt_line *out);

/* The track being asked about, built up over lines. */
typedef struct gt_track_input_s {
	double num[GT_NNUMERIC];
	unsigned given;            /* bit f: num[f] was given */
	int key, mode;             /* -1 = not given */
} gt_track_input;

void gt_track_input_clear(gt_track_input *t);
/* Merge a GT_PC_SET line into t. */
void gt_track_input_apply(gt_track_input *t, const gt_prompt_line *l);

/* Bits of the numeric features that are missing from t (to fill with medians)
 * and of the given ones outside [lo, hi] (to warn about). */
unsigned gt_track_input_missing(const gt_track_input *t);
unsigned gt_track_input_unusual(const gt_track_input *t, const double lo[GT_NNUMERIC],
                                const double hi[GT_NNUMERIC]);

/* Name of numeric feature f as typed at the prompt ("duration_ms"). */
const char *gt_prompt_feature(int f);

/* Completion: candidates for the word being typed, given the text of the
 * line before it. Writes up to max pointers to static strings into out and
 * returns how many: feature names, key, mode and commands at the start of a
 * pair; note names after "key="; major/minor after "mode=". */
int gt_prompt_complete(const char *before, const char *word, const char **out, int max);

#endif
