/* tui.h: the full-screen application: the shell shared by every pane.
 *
 * The screen is a title bar (row 0), a tab bar (row 1), the current pane
 * (rows 2 .. LINES-2) and a status bar (last row). Each pane is a gt_pane
 * (below) that paints its window from the app's and its own state and
 * changes them on keys. Panes never touch the terminal outside their window
 * and never block. */
#ifndef GENRETUI_TUI_H
#define GENRETUI_TUI_H

#include "genretui/cli.h"
#include "genretui/runlog.h"
#include "genretui/session.h"
#include "genretui/tui_draw.h"

/* Smallest usable terminal; below it a "terminal too small" screen. */
#define GT_MIN_COLS 50
#define GT_MIN_ROWS 12
/* The dashboard (key 0) tiles Train, Confusion and Balance from this size. */
#define GT_DASH_COLS 160
#define GT_DASH_ROWS 48
/* ... and Features as a third column from this width. */
#define GT_DASH_FEATURES_COLS 240

typedef struct gt_app gt_app;

/* A pane is an object, as htop's Panel: its own state, made by init and
 * freed by free, a tick that does background work between key reads, a
 * layout step that fits the state to the window it is about to be drawn in,
 * a draw that only reads, and a key handler. The shell (tui.c) loops over
 * the panes and never calls one by name; a pane never calls another pane:
 * what they share lives in the app (gt_app) or the session. */
typedef struct gt_pane {
	const char *title;           /* "Browse" */
	const char *hint;            /* short key hint for the status bar */
	const char *const *help;     /* help overlay lines "KEY\tWHAT", NULL-terminated */
	/* The help's lines for the pane's state as it is now (made in the
	 * state, e.g. from the model's columns), or NULL for help; NULL: help. */
	const char *const *(*help_for)(const gt_app *app, void *state);
	int text_input;              /* digits and letters are text here (a prompt) */
	/* The pane's state, or NULL when out of memory. */
	void *(*init)(gt_app *app);
	void (*free)(void *state);
	/* Work between key reads for about budget seconds (NULL: none). Returns
	 * 1 while work goes on (the loop must not block on keys), 2 when this
	 * call changed what the screen shows, 0 otherwise. */
	int (*tick)(gt_app *app, void *state, double budget);
	/* Fit the state to a window of height x width cells before it is drawn
	 * (scroll positions, cached summaries); NULL: nothing to fit. */
	void (*layout)(gt_app *app, void *state, int height, int width);
	/* Paint the window from the app and the state; changes neither. */
	void (*draw)(const gt_app *app, const void *state, WINDOW *w);
	int (*key)(gt_app *app, void *state, int ch);   /* 1 if the key was used */
} gt_pane;

/* Key code of Esc 0 (the dashboard), beside F1-F6 for Esc 1-6. */
#define GT_KEY_DASHBOARD (KEY_MAX + 1)

enum { GT_PANE_BROWSE, GT_PANE_BALANCE, GT_PANE_TRAIN, GT_PANE_CONFUSION,
       GT_PANE_PREDICT, GT_PANE_FEATURES, GT_NPANES };

/* Cells of the key column of the help overlay: a pane's help keys fit
 * in it (test_screens checks every pane's). */
#define GT_HELP_KEY_CELLS 14

/* The panes, in tab order (tui_panes.c). */
extern const gt_pane *const gt_panes[GT_NPANES];

/* A request to show only some dataset rows in Browse (the test rows of one
 * confusion-matrix cell), made by one pane and taken by Browse. */
typedef struct {
	int pending;                 /* made and not yet taken */
	size_t *rows;                /* [n] dataset rows (owned by the request) */
	size_t n;
	char label[96];              /* what they are ("true Rap, predicted Hip-Hop") */
} gt_rows_request;

/* A request to compare two genres in Features (a confusion cell's true
 * and predicted genre), made by one pane and taken by Features. */
typedef struct {
	int pending;                 /* made and not yet taken */
	int a, b;                    /* the genres (classes), a != b */
} gt_pair_request;

struct gt_app {
	gt_session session;          /* the core: data, model, training */
	const gt_cli *cli;
	const char *path;            /* CSV shown */
	int synthetic;               /* it is the bundled synthetic sample */
	int current;                 /* pane index */
	void *state[GT_NPANES];      /* each pane's own state (gt_pane.init) */
	int utf8;                    /* Unicode glyphs may be drawn */
	int input_fd;                /* the terminal's input, which a tick
	                                looks at to end its slice as soon as a
	                                key waits; -1 never (the screen tests) */
	int color;                   /* colours in use */
	int help_open;               /* the help overlay is shown */
	int help_top;                /* ... from this row of its text (it scrolls
	                                when taller than the terminal) */
	int dashboard;               /* Train, Confusion and Balance tiled */
	int dashboard_resume;        /* the terminal shrank below the dashboard:
	                                it comes back when the terminal grows
	                                (unless another pane is chosen meanwhile) */
	int quit;                    /* leave the main loop */
	char message[256];           /* one-line message in the status bar */
	int message_error;           /* ... shown as an error */
	/* Shared between panes. */
	int training;                /* a run is going or paused (Train sets it) */
	unsigned long saved_generation;  /* session generation last saved (w) or exported (x) */
	int quit_asked;              /* q asked "q again or y quits" */
	int shown_run;               /* 0: the session's model is shown; i: the
	                                runs table's entry runs.run[i - 1] (Enter
	                                there), whose curves Train and whose
	                                matrix and report Confusion show */
	int replay;                  /* 0, or the epoch of the shown run that a
	                                replay (R in Train) has reached: the plots
	                                stop there, and Confusion shows the test
	                                matrix after it (replay_cm, replay_rep) */
	int replay_cm_epoch;         /* the epoch replay_cm is of: replay, or the
	                                latest kept before it (runlog.h); 0: none */
	gt_confusion replay_cm;
	gt_report replay_rep;
	char model_preset[32];       /* preset of the session's model ("" if none) */
	gt_rows_request show_rows;   /* rows for Browse to show */
	gt_runlog runs;                /* the finished runs of this session */
	gt_pair_request compare;     /* two genres for Features to compare */
};

/* Run the application on path; returns the process exit status. */
int gt_tui_main(const gt_cli *cli, const char *path, int synthetic);

/* The application without a terminal loop (gt_tui_main, and the screen
 * tests, which draw on a dummy terminal): gt_app_open loads path (and
 * --model) and makes every pane's state, saying on stderr why not (0, or
 * -1); gt_app_key handles one key as the key loop does; gt_app_close frees
 * everything. Curses may be started after gt_app_open. */
int gt_app_open(gt_app *app, const gt_cli *cli, const char *path, int synthetic);
void gt_app_key(gt_app *app, int ch);
void gt_app_close(gt_app *app);

/* Attribute for a colour role in this app (colour pair, or the fallback). */
static inline attr_t gt_attr(const gt_app *app, gt_color_role role)
{
	return gt_theme_attr(app->color, role);
}

/* The mark of a name cut to fit, one cell: an ellipsis where Unicode
 * glyphs may be drawn, else '~' (gt_fmt_label and its callers). */
static inline const char *gt_cut_mark(const gt_app *app)
{
	return app->utf8 ? "\u2026" : "~";
}

/* Show msg in the status bar until the next key. */
void gt_app_message(gt_app *app, int error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Switch to pane i. */
void gt_app_show(gt_app *app, int pane);

/* Ask Browse to show only rows[0..n-1] (copied), described by label, and
 * switch to it; the user clears this filter like any other. Returns 0, or
 * -1 when out of memory (nothing changes). */
int gt_app_show_rows(gt_app *app, const size_t *rows, size_t n, const char *label);

/* Ask Features to compare genres a and b (a != b) and switch to it. */
void gt_app_compare(gt_app *app, int a, int b);

/* Draw the whole screen (bars, the pane or the dashboard, help) and send
 * what changed to the terminal. */
void gt_app_draw(gt_app *app);

/* Run every pane's tick once; returns the largest of their answers. */
int gt_app_tick(gt_app *app, double budget);

/* A key is waiting to be read (input_fd is readable): a tick ends its
 * slice then, so that the key is answered before the slice's time is up. */
int gt_app_key_waiting(const gt_app *app);

/* GT_BENCH_REDRAW=N (tui_bench.c, only in a program configured with
 * --enable-bench-redraw): instead of the key loop, train the form's
 * settings to the end, then time N complete redraws of every pane;
 * gt_bench_report prints the figures once the terminal is given back. */
void gt_bench_redraw(gt_app *app, int n);
void gt_bench_report(void);

/* x (tui_export.c): the folder offered (--export DIR, else
 * genretui-export); whether there is a run to export (else the status bar
 * says why); how many of a run's files dir holds already (the first named
 * in first), which x asks before replacing; and the export of the run
 * shown into dir, said in the status bar. */
const char *gt_tui_export_default(const gt_app *app);
int gt_tui_export_ready(gt_app *app);
int gt_tui_export_replaces(const char *dir, char *first, size_t n);
void gt_tui_export(gt_app *app, const char *dir);

/* The panes (tui_browse.c, tui_balance.c, ...). */
extern const gt_pane gt_browse_pane, gt_balance_pane, gt_train_pane,
	gt_confusion_pane, gt_predict_pane, gt_features_pane;

#endif
