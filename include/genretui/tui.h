/* tui.h: the full-screen application: the shell shared by every pane.
 *
 * The screen is a title bar (row 0), a tab bar (row 1), the current pane
 * (rows 2 .. LINES-2) and a status bar (last row). Each pane is a gt_pane:
 * a draw function that paints the pane's window from core state, and a key
 * function that changes pane state or calls the core. Panes never touch the
 * terminal outside their window and never block. */
#ifndef GENRETUI_TUI_H
#define GENRETUI_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

#include "genretui/cli.h"
#include "genretui/session.h"

/* Smallest usable terminal; below it a "terminal too small" screen. */
#define GT_MIN_COLS 50
#define GT_MIN_ROWS 12
/* The dashboard (key 0) tiles Train, Confusion and Balance from this size. */
#define GT_DASH_COLS 160
#define GT_DASH_ROWS 48

/* Colour roles; each has a colour pair and an attribute-only fallback. */
typedef enum {
	GT_C_NORMAL, GT_C_TITLE, GT_C_TAB, GT_C_TAB_ACTIVE, GT_C_STATUS,
	GT_C_HEADER, GT_C_CURSOR, GT_C_KEPT, GT_C_DROPPED, GT_C_DIM,
	GT_C_BAR, GT_C_BAR_ALT, GT_C_TRAIN, GT_C_TEST, GT_C_GOOD, GT_C_BAD,
	GT_C_ERROR, GT_C_HEAT0, GT_C_HEAT1, GT_C_HEAT2, GT_C_HEAT3, GT_C_HEAT4,
	GT_NCOLOR_ROLES
} gt_color_role;

typedef struct gt_app gt_app;

typedef struct {
	const char *title;           /* "Browse" */
	const char *hint;            /* short key hint for the status bar */
	const char *const *help;     /* help overlay lines "KEY\tWHAT", NULL-terminated */
	void (*draw)(gt_app *app, WINDOW *w);
	int (*key)(gt_app *app, int ch);   /* 1 if the key was used */
} gt_pane;

enum { GT_PANE_BROWSE, GT_PANE_BALANCE, GT_PANE_TRAIN, GT_PANE_CONFUSION,
       GT_PANE_PREDICT, GT_NPANES };

struct gt_browse;                /* tui_browse.c */

struct gt_app {
	gt_session session;          /* the core: data, model, training */
	const gt_cli *cli;
	const char *path;            /* CSV shown */
	int synthetic;               /* it is the bundled synthetic sample */
	int current;                 /* pane index */
	const gt_pane *panes[GT_NPANES];
	int utf8;                    /* Unicode glyphs may be drawn */
	int color;                   /* colours in use */
	int help_open;               /* the help overlay is shown */
	int dashboard;               /* Train, Confusion and Balance tiled */
	int quit;                    /* leave the main loop */
	char message[256];           /* one-line message in the status bar */
	int message_error;           /* ... shown as an error */
	struct gt_browse *browse;    /* Browse pane state */
};

/* Run the application on path; returns the process exit status. */
int gt_tui_main(const gt_cli *cli, const char *path, int synthetic);

/* Attribute for a colour role (colour pair, or the fallback attribute). */
attr_t gt_attr(const gt_app *app, gt_color_role role);
/* Set up colour pairs; colour is used only if the terminal has it and
 * NO_COLOR is unset or empty. Returns 1 if colour is in use. */
int gt_theme_init(void);

/* Show msg in the status bar until the next key. */
void gt_app_message(gt_app *app, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Switch to pane i. */
void gt_app_show(gt_app *app, int pane);

/* Draw the whole screen (bars, the pane or the dashboard, help) and send
 * what changed to the terminal. */
void gt_app_draw(gt_app *app);

/* GT_BENCH_REDRAW=N (tui_bench.c): instead of the key loop, train the
 * form's settings to the end, then time N complete redraws of every pane;
 * gt_bench_report prints the figures once the terminal is given back. */
void gt_bench_redraw(gt_app *app, int n);
void gt_bench_report(void);

/* Draw text at (y, x) in w, clipped to width cells (UTF-8 aware, never
 * writes control characters); returns the cells used. */
int gt_draw_text(WINDOW *w, int y, int x, int width, const char *s);

/* Training, driven by the main loop between key reads (tui_train.c).
 * gt_train_tick runs training steps for about budget seconds; it returns 1
 * while a run is going (not paused: the loop must not block on keys), 2 when
 * this call finished the run (the screen must be redrawn), 0 otherwise. */
int gt_train_tick(gt_app *app, double budget);
/* Set the Train form's defaults from the command line and preset. */
void gt_train_init(gt_app *app);
/* A run is going or paused; the preset the Train form names. */
int gt_train_busy(void);
const char *gt_train_preset_name(void);

/* x: write the run shown to --export DIR, else genretui-export/
 * (tui_export.c); says what happened in the status bar. */
void gt_tui_export(gt_app *app);

/* Free the Predict pane's readline state and history, and the Train pane's
 * record of runs (at exit). */
void gt_predict_free(void);
void gt_train_free(void);

/* The panes. */
extern const gt_pane gt_browse_pane, gt_balance_pane, gt_train_pane,
	gt_confusion_pane, gt_predict_pane;

/* Browse pane state: made at start (0, or -1 when out of memory), freed at exit. */
int gt_browse_init(gt_app *app);
void gt_browse_free(gt_app *app);
/* Show only the given dataset rows in Browse (e.g. the test rows of one
 * confusion-matrix cell), described by label ("true Rap, predicted Hip-Hop");
 * the user can clear this filter like any other. Switches to Browse. */
void gt_browse_show_rows(gt_app *app, const size_t *rows, size_t n, const char *label);

#endif
