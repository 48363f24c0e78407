/* prompt_answer.h: answering the predict prompt, shared by `genretui --predict` and
 * the Predict pane (no readline, no curses here).
 *
 * Each input line is parsed (prompt.h), applied to the current track and
 * answered through an output callback, one line of text at a time, each
 * with a role so that a front end can colour it. */
#ifndef GENRETUI_PROMPT_ANSWER_H
#define GENRETUI_PROMPT_ANSWER_H

#include "genretui/pipeline.h"
#include "genretui/predictor.h"
#include "genretui/prompt.h"

typedef enum {
	GT_OUT_TEXT,      /* plain text */
	GT_OUT_ANSWER,    /* the predicted genre, first line of an answer */
	GT_OUT_BEST,      /* the top genre's bar */
	GT_OUT_SECOND,    /* the second genre's bar */
	GT_OUT_BAR,       /* the other genres' bars */
	GT_OUT_WARN,      /* filled values, unusual values */
	GT_OUT_ERROR      /* a malformed line: what and where */
} gt_out_role;

typedef void (*gt_out_fn)(void *ctx, gt_out_role role, const char *text);

typedef struct {
	gt_predictor *pred;          /* the model asked */
	const gt_pipeline *pipe;     /* the dataset, for `row N`; may be NULL */
	gt_track_input cur;          /* values given so far */
	gt_track_input kept;         /* those of cur the last line did not give */
	int keep;                    /* 1 (default): values are kept from line to
	                              * line until clear, and each answer names
	                              * those kept ("kept from before: ...");
	                              * 0: every line stands alone (scripts) */
	int utf8;                    /* bars in Unicode blocks */
	int brief;                   /* exactly one output line per input line
	                              * (scripts): an answer, "error: ..." or a
	                              * "# ..." comment where there is no answer */
	int bar_width;               /* cells of the probability bars */
	int row_genre;               /* true genre of the row just loaded, or -1 */
} gt_answerer;

/* The answerer reads lines by the names of pred's layout (the study's, or
 * a file's own columns), which must outlive it. */
void gt_answerer_init(gt_answerer *a, gt_predictor *pred, const gt_pipeline *pipe);

/* Answer one line. Returns 1 when the line asked to quit, -1 when it was
 * malformed (the error has been written), 0 otherwise. */
int gt_answerer_line(gt_answerer *a, const char *line, gt_out_fn out, void *ctx);

/* Answer one line of len bytes as read from a file or pipe, its line end
 * taken off (a CR before it is allowed): a NUL byte or a carriage return
 * inside it is an error naming its column, never a line cut short. */
int gt_answerer_bytes(gt_answerer *a, const char *buf, size_t len, gt_out_fn out, void *ctx);

#endif
