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
 * line is the answerer's (prompt_answer.h).
 *
 * A name that holds blanks (a hackathon file's "duration_in min/ms") is
 * typed in double quotes, "" inside standing for a quote:
 *   "duration_in min/ms"=200000 energy=0.5
 * and the answers write such names the same way (gt_prompt_name_typed).
 *
 * The names are the model's source columns (layout.h): the study's 11
 * numeric features with key and mode, or a file's own columns, each
 * numeric one name=number and each one-hot text column name=level (a
 * level matched exactly, else ignoring case: explicit=true). Without a
 * layout (gt_prompt_parse, gt_track_input_clear) the study's is used. */
#ifndef GENRETUI_PROMPT_H
#define GENRETUI_PROMPT_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/encode.h"
#include "genretui/layout.h"

/* Words of a bit set with a bit for each source column of a layout. */
#define GT_PROMPT_WORDS (GT_MAX_SOURCES / 32)

/* Bit s of a set of GT_PROMPT_WORDS words. */
static inline int gt_prompt_bit(const unsigned *set, int s)
{
	return (int)(set[s / 32] >> (s % 32)) & 1;
}

typedef enum {
	GT_PC_EMPTY, GT_PC_SET, GT_PC_ROW, GT_PC_SHOW, GT_PC_CLEAR, GT_PC_HELP,
	GT_PC_QUIT, GT_PC_ERROR
} gt_prompt_kind;

/* Values by source column s of the layout: a NUMERIC source's number in
 * num[s], a ONEHOT source's level (0 .. count - 1) in level[s]; the
 * study's key and mode in key and mode. given has bit s of each numeric
 * or one-hot source given: given_bits[s / 32] bit s % 32, word 0 also
 * named given (it holds all of the study's 11, bit GT_F_x). */
typedef struct {
	gt_prompt_kind kind;
	const gt_layout *layout;   /* the names the line was read by */
	double num[GT_MAX_SOURCES];
	int16_t level[GT_MAX_SOURCES];
	union {
		unsigned given;
		unsigned given_bits[GT_PROMPT_WORDS];
	};
	int key, mode;             /* pitch class 0..11 / 1 major 0 minor; -1 = not given */
	long row;                  /* GT_PC_ROW: the number (LONG_MAX if larger) ... */
	int by_line;               /* ... a file line ("line N"), else a 1-based data row */
	char row_text[32];         /* GT_PC_ROW: the number as typed, for messages */
	int err_at, err_len;       /* GT_PC_ERROR: byte offset and length of the bad token */
	char err[384];             /* GT_PC_ERROR: one line, what is wrong and what is expected */
} gt_prompt_line;

/* Parse a line by the study's names, or by layout l's source columns. */
void gt_prompt_parse(const char *line, gt_prompt_line *out);
void gt_prompt_parse_for(const gt_layout *l, const char *line, gt_prompt_line *out);

/* The track being asked about, built up over lines: values by source as
 * in gt_prompt_line, of the layout it was cleared for. */
typedef struct gt_track_input_s {
	const gt_layout *layout;
	double num[GT_MAX_SOURCES];
	int16_t level[GT_MAX_SOURCES];
	union {
		unsigned given;
		unsigned given_bits[GT_PROMPT_WORDS];
	};
	int key, mode;             /* -1 = not given */
} gt_track_input;

/* Forget every value: for the study's layout, or for l (which must outlive t). */
void gt_track_input_clear(gt_track_input *t);
void gt_track_input_clear_for(gt_track_input *t, const gt_layout *l);
/* Merge a GT_PC_SET line (read by t's layout) into t. */
void gt_track_input_apply(gt_track_input *t, const gt_prompt_line *l);

/* The numeric and one-hot sources missing from t (to fill with medians),
 * and the numeric ones given outside [lo[i], hi[i]] of their input i (to
 * warn about), as bit sets of GT_PROMPT_WORDS words; each returns how many.
 * gt_track_input_missing and _unusual return word 0 of the same sets
 * (every source of the study's). */
int gt_track_input_missing_set(const gt_track_input *t, unsigned set[GT_PROMPT_WORDS]);
int gt_track_input_unusual_set(const gt_track_input *t, const double *lo, const double *hi,
                               unsigned set[GT_PROMPT_WORDS]);
unsigned gt_track_input_missing(const gt_track_input *t);
unsigned gt_track_input_unusual(const gt_track_input *t, const double lo[GT_NNUMERIC],
                                const double hi[GT_NNUMERIC]);

/* A column's name as it is typed at the prompt, into buf (n bytes): as it
 * is, or in double quotes when it holds a blank, a quote, '=' or a comma
 * ("duration_in min/ms"; a quote inside doubled, as in CSV); control
 * characters, which no one types, escaped (gt_text_safe) so the name
 * stays on one line. Returns buf. A buffer of GT_PROMPT_TYPED bytes holds
 * any name of a layout. */
#define GT_PROMPT_TYPED (GT_NAME_MAX * 8 + 24)
const char *gt_prompt_name_typed(const char *name, char *buf, size_t n);

/* Name of the study's numeric feature f as typed at the prompt ("duration_ms"). */
const char *gt_prompt_feature(int f);

/* Completion: candidates for the word being typed, given the text of the
 * line before it. Writes up to max pointers to strings that live as long
 * as the layout (static ones for the study's) into out and returns how
 * many: source names (the study's features, key, mode) and commands at
 * the start of a pair; after "name=" (a name in quotes too: "my mood"=),
 * the levels of a one-hot column, the notes of key, major/minor of mode.
 * A word typed after an opening quote is passed without it, and before
 * without it too: for mood="Very H, before "mood=" and word "Very H". */
int gt_prompt_complete(const char *before, const char *word, const char **out, int max);
int gt_prompt_complete_for(const gt_layout *l, const char *before, const char *word,
                           const char **out, int max);

/* Where the quoted text open at the end of line[0..end) begins (the
 * index after its opening quote), reading "" inside quotes as one quote of
 * the text, as the prompt does: 6 for mood="say ""h (readline alone takes
 * the second quote of "" for an opening one); -1 when no quote is open. */
int gt_prompt_quote_open(const char *line, int end);

/* Candidate cand as Tab puts it on the line, into buf (n bytes): typed as
 * gt_prompt_name_typed types a name ("duration_in min/ms" in quotes);
 * in_quotes (the word was begun with a quote), the same without its
 * quotes, which the typed quote opened and readline closes (duration_in
 * min/ms); but readline takes a text that ends in a quote for closed, so
 * one that ends in a doubled quote keeps its closing quote (say ""hi"""). */
const char *gt_prompt_candidate_typed(const char *cand, int in_quotes, char *buf, size_t n);

/* An example line for layout l's columns, at most n bytes: the study's
 * "danceability=0.8 energy=0.9 key=A# mode=minor tempo=128", else up to
 * three numeric columns at their training medians (median[input], NULL:
 * 0) and a one-hot column at its first level ("rms_mean=0.13 tempo=120
 * explicit=False"). */
void gt_prompt_example(const gt_layout *l, const double *median, char *buf, size_t n);

/* The study's layout, built once (for the functions above without one). */
const gt_layout *gt_prompt_study_layout(void);

#endif
