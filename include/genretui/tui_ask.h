/* tui_ask.h: a question on a pane's last row: a file or folder name with
 * a default filled in (typed over, Backspace, Ctrl-U clears, Enter takes
 * it, Esc or Ctrl-C cancels), then, when the answer would replace files, "replace
 * them? y/n". Used by w (save the model) and x (export the run). */
#ifndef GENRETUI_TUI_ASK_H
#define GENRETUI_TUI_ASK_H

#include "genretui/tui.h"

typedef enum { GT_ASK_CLOSED, GT_ASK_TEXT, GT_ASK_CONFIRM } gt_ask_stage;

typedef struct {
	gt_ask_stage stage;
	int what;                /* the caller's tag: which question */
	char prompt[64];         /* "save the model to" */
	char text[512];          /* the answer being typed */
	char question[768];      /* the confirmation asked */
} gt_ask;

/* What a key did. */
enum { GT_ASK_MORE, GT_ASK_CANCEL, GT_ASK_ANSWER, GT_ASK_YES };

/* Ask for a name, def filled in. */
void gt_ask_open(gt_ask *a, int what, const char *prompt, const char *def);
/* Ask to confirm (y/n) what the answer will do. */
void gt_ask_confirm(gt_ask *a, const char *question);
/* Take a key: GT_ASK_MORE while asking, GT_ASK_ANSWER when Enter took the
 * text, GT_ASK_YES when y confirmed, GT_ASK_CANCEL (closed) on Esc or n. */
int gt_ask_key(gt_ask *a, int ch);
/* Draw the question on row y of w. */
void gt_ask_draw(const gt_app *app, const gt_ask *a, WINDOW *w, int y);

/* x in a pane (tui_export.c): ask for the folder (the default filled in),
 * then, if it holds a run's files already, whether to replace them; r is
 * what gt_ask_key returned for a's last key. */
#define GT_ASK_EXPORT 1
void gt_tui_export_ask(gt_app *app, gt_ask *a);
void gt_tui_export_answer(gt_app *app, gt_ask *a, int r);

#endif
