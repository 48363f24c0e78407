/* tui.c: the application shell: start-up, layout, the key loop, the bars,
 * the help overlay, resizing, signals and restoring the terminal. */
#include "config.h"

#include <langinfo.h>
#include <poll.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "genretui/predictor.h"
#include "genretui/textfmt.h"
#include "genretui/tui.h"
#include "genretui/tui_signals.h"

/* Whatever path leads out of the program, the terminal is given back. */
static void restore_terminal(void)
{
	if (stdscr && !isendwin())
		endwin();
}

void gt_app_message(gt_app *app, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof(app->message), fmt, ap);
	va_end(ap);
	app->message_error = error;
}

void gt_app_show(gt_app *app, int pane)
{
	if (pane >= 0 && pane < GT_NPANES)
		app->current = pane;
	app->dashboard_resume = 0;    /* a pane chosen: the dashboard stays closed */
}

static void drop_rows_request(gt_rows_request *r)
{
	free(r->rows);
	memset(r, 0, sizeof(*r));
}

int gt_app_show_rows(gt_app *app, const size_t *rows, size_t n, const char *label)
{
	gt_rows_request *r = &app->show_rows;
	size_t *copy = malloc((n ? n : 1) * sizeof(*copy));

	if (!copy)
		return -1;
	if (n)
		memcpy(copy, rows, n * sizeof(*copy));
	drop_rows_request(r);
	r->rows = copy;
	r->n = n;
	snprintf(r->label, sizeof(r->label), "%s", label);
	r->pending = 1;
	gt_app_show(app, GT_PANE_BROWSE);
	return 0;
}

void gt_app_compare(gt_app *app, int a, int b)
{
	app->compare = (gt_pair_request){ 1, a, b };
	gt_app_show(app, GT_PANE_FEATURES);
}

int gt_app_tick(gt_app *app, double budget)
{
	int most = 0;

	for (int i = 0; i < GT_NPANES; i++)
		if (gt_panes[i]->tick) {
			int r = gt_panes[i]->tick(app, app->state[i], budget);

			most = r > most ? r : most;
		}
	return most;
}

int gt_app_key_waiting(const gt_app *app)
{
	struct pollfd p = { .fd = app->input_fd, .events = POLLIN };

	return app->input_fd >= 0 && poll(&p, 1, 0) > 0;
}

/* ---- bars ---- */

static void draw_title(gt_app *app)
{
	const gt_ledger *L = &app->session.pipe.clean.ledger;
	char read[32], kept[32], line[512];
	const char *base = strrchr(app->path, '/');

	snprintf(line, sizeof(line), " genretui  %s%s  |  %s rows read  |  %s kept",
	         base ? base + 1 : app->path, app->synthetic ? " (synthetic sample)" : "",
	         gt_fmt_count(read, sizeof(read), L->rows_read),
	         gt_fmt_count(kept, sizeof(kept), L->kept));
	attrset(gt_attr(app, GT_C_TITLE));
	mvhline(0, 0, ' ', COLS);
	gt_draw_text(stdscr, 0, 0, COLS, line);
	attrset(A_NORMAL);
}

static void draw_tabs(gt_app *app)
{
	int x = 1;

	attrset(gt_attr(app, GT_C_TAB));
	mvhline(1, 0, ' ', COLS);
	for (int i = 0; i < GT_NPANES && x < COLS; i++) {
		char tab[32];
		int len = snprintf(tab, sizeof(tab), " %d %s ", i + 1, gt_panes[i]->title);

		attrset(gt_attr(app, i == app->current && !app->dashboard ? GT_C_TAB_ACTIVE : GT_C_TAB));
		x += gt_draw_text(stdscr, 1, x, COLS - x, tab);
		attrset(gt_attr(app, GT_C_TAB));
		x += len > 0 ? 1 : 0;
	}
	if (x < COLS) {
		attrset(gt_attr(app, app->dashboard ? GT_C_TAB_ACTIVE : GT_C_TAB));
		gt_draw_text(stdscr, 1, x, COLS - x, " 0 Dashboard ");
	}
	attrset(A_NORMAL);
}

static void draw_status(gt_app *app)
{
	const gt_pane *p = gt_panes[app->current];
	char line[512];
	int y = LINES - 1;

	attrset(gt_attr(app, app->message[0] && app->message_error ? GT_C_ERROR : GT_C_STATUS));
	mvhline(y, 0, ' ', COLS);
	if (app->message[0])
		snprintf(line, sizeof(line), " %s", app->message);
	else
		snprintf(line, sizeof(line), " %s  |  %s",
		         app->dashboard ? gt_panes[GT_PANE_TRAIN]->hint : p->hint,
		         p->text_input && !app->dashboard
		         ? "F1-F6/Esc 1-6 panes  Ctrl-C clears"   /* digits and q are text here */
		         : "1-6/Tab panes  0 dashboard  ? help  q quit");
	if (!app->message[0] && (int)strlen(line) > COLS && !(p->text_input && !app->dashboard))
		snprintf(line, sizeof(line), " %s  |  ? help  q quit",   /* 80 columns: the pane's keys first */
		         app->dashboard ? gt_panes[GT_PANE_TRAIN]->hint : p->hint);
	gt_draw_text(stdscr, y, 0, COLS, line);
	attrset(A_NORMAL);
}

/* ---- help overlay ---- */

static const char *const global_help[] = {
	"1..6, F1..F6\tpanes: Browse Balance Train Confusion Predict Features",
	"\t(Esc then 1..6 too: from a prompt, where digits are text)",
	"0, Esc 0\tdashboard: Train, Confusion and Balance together (160x48+)",
	"\tand Features beside them from 240 columns",
	"Tab / S-Tab\tnext / previous pane",
	"?\tthis help (any key closes it; j/k, arrows and PgDn/PgUp",
	"\tscroll it when it is taller than the terminal)",
	"q, Ctrl-C\tquit; while training or with a run not saved (w) or",
	"\texported (x) it asks first: q again or y quits.",
	"\tIn a prompt Ctrl-C cancels the line; Ctrl-D or quit leaves it.",
	NULL
};

/* Bytes of s that fill one row of width cells: up to the last blank that
 * fits, or width bytes of a word longer than the row (the help is ASCII). */
static int wrap_len(const char *s, int width)
{
	int n = (int)strlen(s), cut = 0;

	if (n <= width)
		return n;
	for (int i = 0; i <= width && i < n; i++)
		if (s[i] == ' ')
			cut = i;
	return cut > 0 ? cut : width;
}

/* Rows "KEY<tab>WHAT" lines take when WHAT wraps at width - 19 cells
 * (a line with no KEY goes on the WHAT before it, reflowed with it); draws
 * them at row *y of w when w is not NULL (keys in a column of
 * GT_HELP_KEY_CELLS cells). */
static int help_lines(WINDOW *w, int *y, int width, const char *const *lines)
{
	int rows = 0, tw = width - 19 > 10 ? width - 19 : 10;

	for (int i = 0; lines && lines[i]; i++) {
		const char *tab = strchr(lines[i], '\t'), *s;
		char key[32], part[512], what[2048];
		int first = 1;

		snprintf(key, sizeof(key), "%.*s", tab ? (int)(tab - lines[i]) : 0, lines[i]);
		snprintf(what, sizeof(what), "%s", tab ? tab + 1 : lines[i]);
		while (lines[i + 1] && lines[i + 1][0] == '\t') {
			size_t n = strlen(what);

			snprintf(what + n, sizeof(what) - n, " %s", lines[++i] + 1);
		}
		s = what;
		do {
			int len = wrap_len(s, tw);

			if (w && *y >= 1 && *y < getmaxy(w) - 1) {
				wattron(w, A_BOLD);
				gt_draw_text(w, *y, 2, GT_HELP_KEY_CELLS, first ? key : "");
				wattroff(w, A_BOLD);
				snprintf(part, sizeof(part), "%.*s", len, s);
				gt_draw_text(w, *y, 17, tw, part);
			}
			if (w)
				(*y)++;
			rows++;
			first = 0;
			s += len;
			while (*s == ' ')
				s++;
		} while (*s);
	}
	return rows;
}

/* The longest "WHAT" of lines (with its continuation lines), in bytes,
 * at most HELP_TEXT_MAX: longer ones wrap, for lines easy to read. */
#define HELP_TEXT_MAX 100
static int widest(const char *const *lines)
{
	int most = 0, n = 0;

	for (int i = 0; lines && lines[i]; i++) {
		const char *tab = strchr(lines[i], '\t');
		int len = (int)strlen(tab ? tab + 1 : lines[i]);

		n = lines[i][0] == '\t' && i > 0 ? n + 1 + len : len;
		most = n > most ? n : most;
	}
	return most < HELP_TEXT_MAX ? most : HELP_TEXT_MAX;
}

/* The current pane's help lines: made for its state, else its own. */
static const char *const *pane_help(const gt_app *app)
{
	const gt_pane *p = gt_panes[app->current];
	const char *const *made = p->help_for ? p->help_for(app, app->state[app->current]) : NULL;

	return made ? made : p->help;
}

/* The help's size: as wide as its longest line needs (up to the terminal's
 * width, wrapping what does not fit); *rows of text in all, *shown of
 * them that fit on screen at once. */
static int help_size(const gt_app *app, int *rows, int *shown)
{
	const char *const *help = pane_help(app);
	int want = 19 + (widest(help) > widest(global_help) ? widest(help) : widest(global_help));
	int cols = want < COLS - 4 ? want : COLS - 4, y = 0;

	cols = cols < 40 ? (COLS < 40 ? COLS : 40) : cols;
	*rows = help_lines(NULL, &y, cols, help) + 1 + help_lines(NULL, &y, cols, global_help);
	*shown = *rows + 1 < LINES - 4 ? *rows + 1 : LINES - 4;   /* a blank row below */
	return cols;
}

/* The first row of text that can be shown on top: the last screenful at most. */
static int help_top_max(const gt_app *app)
{
	int rows, shown;

	help_size(app, &rows, &shown);
	return rows > shown ? rows - shown : 0;
}

static void draw_help(const gt_app *app)
{
	const gt_pane *p = gt_panes[app->current];
	int rows, shown, cols = help_size(app, &rows, &shown);
	int y = 1 - app->help_top;
	WINDOW *w = newwin(shown + 2, cols, (LINES - shown - 2) / 2, (COLS - cols) / 2);

	if (!w)
		return;
	werase(w);
	box(w, 0, 0);
	mvwprintw(w, 0, 2, " Keys: %s ", p->title);
	help_lines(w, &y, cols, pane_help(app));
	y++;
	help_lines(w, &y, cols, global_help);
	if (rows > shown)
		mvwprintw(w, shown + 1, 2, " j/k scroll: rows %d-%d of %d ", app->help_top + 1,
		          app->help_top + shown, rows);
	wnoutrefresh(w);
	delwin(w);
}

/* A key while the help is open: it scrolls a help taller than the
 * terminal; any other key closes it. */
static void help_key(gt_app *app, int ch)
{
	int top = app->help_top, most = help_top_max(app), page = LINES - 6;

	if (ch == KEY_RESIZE) {
		app->help_top = top < most ? top : most;
		return;
	}
	if (most > 0 && (ch == 'j' || ch == KEY_DOWN))
		top++;
	else if (most > 0 && (ch == 'k' || ch == KEY_UP))
		top--;
	else if (most > 0 && (ch == KEY_NPAGE || ch == ' '))
		top += page > 1 ? page : 1;
	else if (most > 0 && ch == KEY_PPAGE)
		top -= page > 1 ? page : 1;
	else {
		app->help_open = 0;
		return;
	}
	app->help_top = top < 0 ? 0 : top > most ? most : top;
}

/* ---- layout and drawing ---- */

/* Centre text on row y of the screen, clipped to its width. */
static void centre(int y, const char *text)
{
	int len = (int)strlen(text);

	mvaddnstr(y, len < COLS ? (COLS - len) / 2 : 0, text, COLS);
}

static void draw_too_small(void)
{
	char need[64], have[64];

	erase();
	snprintf(need, sizeof(need), "(need %dx%d, have %dx%d)", GT_MIN_COLS, GT_MIN_ROWS,
	         COLS, LINES);
	snprintf(have, sizeof(have), "q quits");
	centre(LINES / 2 - 1, "terminal too small");
	centre(LINES / 2, need);
	centre(LINES / 2 + 1, have);
	wnoutrefresh(stdscr);
}

/* Draw pane i into a new window at (y, x) of h x w cells. */
static void draw_pane_at(gt_app *app, int i, int h, int w, int y, int x)
{
	const gt_pane *p = gt_panes[i];
	WINDOW *win = newwin(h, w, y, x);

	if (!win)
		return;
	if (p->layout)
		p->layout(app, app->state[i], h, w);
	p->draw(app, app->state[i], win);
	wnoutrefresh(win);
	delwin(win);
}

/* Train on the left, Confusion above Balance on the right, split by lines;
 * from GT_DASH_FEATURES_COLS columns Features as a third column. */
static void draw_dashboard(gt_app *app)
{
	int third = COLS >= GT_DASH_FEATURES_COLS, h = LINES - 3, top = h - 22;
	int left = third ? COLS / 3 : COLS / 2, mid = third ? COLS / 3 : COLS - left - 1;
	int fx = left + 1 + mid + 1;          /* Features' first column */

	attrset(gt_attr(app, GT_C_DIM));
	for (int y = 2; y < 2 + h; y++) {
		gt_draw_text(stdscr, y, left, 1, app->utf8 ? "\u2502" : "|");
		if (third)
			gt_draw_text(stdscr, y, fx - 1, 1, app->utf8 ? "\u2502" : "|");
	}
	for (int x = left + 1; x < left + 1 + mid; x++)
		gt_draw_text(stdscr, 2 + top, x, 1, app->utf8 ? "\u2500" : "-");
	attrset(A_NORMAL);
	wnoutrefresh(stdscr);
	draw_pane_at(app, GT_PANE_TRAIN, h, left, 2, 0);
	draw_pane_at(app, GT_PANE_CONFUSION, top, mid, 2, left + 1);
	draw_pane_at(app, GT_PANE_BALANCE, h - top - 1, mid, 3 + top, left + 1);
	if (third)
		draw_pane_at(app, GT_PANE_FEATURES, h, COLS - fx, 2, fx);
}

static int dashboard_fits(void)
{
	return COLS >= GT_DASH_COLS && LINES >= GT_DASH_ROWS;
}

void gt_app_draw(gt_app *app)
{

	if (COLS < GT_MIN_COLS || LINES < GT_MIN_ROWS) {
		draw_too_small();
		doupdate();
		return;
	}
	if (app->dashboard && !dashboard_fits()) {
		app->dashboard = 0;
		app->dashboard_resume = 1;
		gt_app_message(app, 1, "the dashboard needs %dx%d; this terminal is %dx%d (it comes "
		               "back when the terminal grows)", GT_DASH_COLS, GT_DASH_ROWS, COLS, LINES);
	} else if (app->dashboard_resume && dashboard_fits()) {
		app->dashboard = 1;
		app->dashboard_resume = 0;
		app->message[0] = '\0';
	}
	erase();
	draw_title(app);
	draw_tabs(app);
	draw_status(app);
	wnoutrefresh(stdscr);
	if (app->dashboard)
		draw_dashboard(app);
	else
		draw_pane_at(app, app->current, LINES - 3, COLS, 2, 0);
	if (app->help_open)
		draw_help(app);
	doupdate();
}

/* ---- keys ---- */

static void toggle_dashboard(gt_app *app)
{
	if (app->dashboard || dashboard_fits())
		app->dashboard = !app->dashboard;
	else
		gt_app_message(app, 1, "the dashboard needs a terminal of at least %dx%d (this one is %dx%d)",
		               GT_DASH_COLS, GT_DASH_ROWS, COLS, LINES);
}

/* What quitting would lose: a run going on, or the session's model trained
 * here and neither saved (w) nor exported (x); NULL when nothing. */
static const char *would_lose(const gt_app *app)
{
	if (app->training)
		return "a run is training";
	if (app->runs.n > 0 && !app->session.loaded && app->session.evaluated &&
	    app->saved_generation != app->session.generation)
		return "the last run is not saved (w) nor exported (x)";
	return NULL;
}

/* q: quit, or ask first when something would be lost; the next key
 * answers (q, y or Ctrl-C quit, any other key stays). */
static void ask_quit(gt_app *app)
{
	const char *lose = would_lose(app);

	if (!lose || app->quit_asked) {
		app->quit = 1;
		return;
	}
	app->quit_asked = 1;
	gt_app_message(app, 1, "%s: q again or y quits, any other key stays", lose);
}

/* A key no pane and no global binding uses: say so briefly. */
static void unknown_key(gt_app *app, int ch)
{
	const char *name = ch >= 0x20 && ch < 0x7f ? NULL : keyname(ch);

	if (name && *name)
		gt_app_message(app, 0, "%s: not a key of the %s pane (? lists them)", name,
		               gt_panes[app->dashboard ? GT_PANE_TRAIN : app->current]->title);
	else if (!name)
		gt_app_message(app, 0, "%c: not a key of the %s pane (? lists them)", ch,
		               gt_panes[app->dashboard ? GT_PANE_TRAIN : app->current]->title);
	else
		gt_app_message(app, 0, "not a key of this pane (? lists them)");
}

static void global_key(gt_app *app, int ch)
{
	if (ch == '0' || ch == '\t' || ch == KEY_BTAB)
		app->dashboard_resume = 0;
	if (ch >= '1' && ch < '1' + GT_NPANES) {
		app->dashboard = 0;
		gt_app_show(app, ch - '1');
	} else if (ch == '0')
		toggle_dashboard(app);
	else if (ch == '\t')
		app->current = (app->current + 1) % GT_NPANES;
	else if (ch == KEY_BTAB)
		app->current = (app->current + GT_NPANES - 1) % GT_NPANES;
	else if (ch == '?') {
		app->help_open = 1;
		app->help_top = 0;
	}
	else if (ch == 'q' || ch == 'Q' || ch == 3)
		ask_quit(app);
	else if (ch != KEY_RESIZE && ch != KEY_MOUSE && ch != ERR)
		unknown_key(app, ch);
}

void gt_app_key(gt_app *app, int ch)
{
	int i = app->dashboard ? GT_PANE_TRAIN : app->current;

	app->message[0] = '\0';
	if (app->quit_asked) {             /* the answer to "q again or y quits" */
		if (ch == 'q' || ch == 'Q' || ch == 'y' || ch == 'Y' || ch == 3) {
			app->quit = 1;
			return;
		}
		app->quit_asked = 0;
		if (ch == KEY_RESIZE)
			return;
	}
	if (app->help_open) {
		help_key(app, ch);
		return;
	}
	if (COLS < GT_MIN_COLS || LINES < GT_MIN_ROWS) {
		if (ch == 'q' || ch == 'Q')
			app->quit = 1;
		return;
	}
	if (ch >= KEY_F(1) && ch <= KEY_F(GT_NPANES)) {   /* every pane, prompts too */
		app->dashboard = 0;
		gt_app_show(app, ch - KEY_F(1));
		return;
	}
	if (ch == GT_KEY_DASHBOARD) {
		toggle_dashboard(app);
		return;
	}
	/* on the dashboard the Train pane's keys work (t, p, s) */
	if (!gt_panes[i]->key(app, app->state[i], ch))
		global_key(app, ch);
}

/* ---- start and end ---- */

/* Ctrl-S and Ctrl-Q are keys here, not XON/XOFF: the terminal would stop
 * drawing until Ctrl-Q while keys typed meanwhile still act. Ctrl-C is a
 * key too (it cancels a prompt's line, elsewhere it is q); SIGINT sent by
 * kill still quits. endwin gives the shell's settings back. */
static void no_flow_control(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	t.c_cc[VINTR] = _POSIX_VDISABLE;     /* Ctrl-C is a key: q, or clear a prompt */
	if (tcsetattr(STDIN_FILENO, TCSANOW, &t) == 0)
		def_prog_mode();
}

static int start_curses(gt_app *app)
{
	/* newterm, not initscr: an unknown $TERM is an error we report, not an exit */
	if (!newterm(NULL, stdout, stdin))
		return -1;
	cbreak();
	noecho();
	nonl();
	no_flow_control();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	app->color = gt_theme_init();
	return 0;
}

static void init_app(gt_app *app, const gt_cli *cli, const char *path, int synthetic)
{
	const char *cs = nl_langinfo(CODESET);

	memset(app, 0, sizeof(*app));
	app->cli = cli;
	app->path = path;
	app->synthetic = synthetic;
	app->utf8 = cs && strcmp(cs, "UTF-8") == 0;
	app->input_fd = -1;
}

/* Each pane's state; 0, or -1 when one cannot be made. */
static int init_panes(gt_app *app)
{
	for (int i = 0; i < GT_NPANES; i++)
		if (gt_panes[i]->init && !(app->state[i] = gt_panes[i]->init(app))) {
			fprintf(stderr, "genretui: out of memory for the %s pane\n", gt_panes[i]->title);
			return -1;
		}
	return 0;
}

static void free_panes(gt_app *app)
{
	for (int i = GT_NPANES - 1; i >= 0; i--)
		if (gt_panes[i]->free && app->state[i])
			gt_panes[i]->free(app->state[i]);
	memset(app->state, 0, sizeof(app->state));
	drop_rows_request(&app->show_rows);
	gt_runlog_free(&app->runs);
	gt_confusion_free(&app->replay_cm);
}

/* --model: evaluate the saved model on this data, with its own split. */
static int adopt_model(gt_app *app, const gt_predictor *pred)
{
	gt_error err = {0};
	char name[256];

	gt_text_safe(app->cli->model, name, sizeof(name), sizeof(name) - 16);
	if (gt_predictor_check_layout(pred, &app->session.pipe.clean.layout, name, &err) != GT_OK ||
	    gt_predictor_check_genres(pred, &app->session.pipe.clean.genres, name, &err) != GT_OK ||
	    gt_session_adopt(&app->session, &pred->model, &pred->norm, &pred->hp,
	                     pred->epochs_trained, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		return -1;
	}
	snprintf(app->model_preset, sizeof(app->model_preset), "%s", pred->preset);
	gt_app_message(app, 0, "model %s loaded: test accuracy %.4f on this file",
	               app->cli->model, app->session.rep_test.accuracy);
	return 0;
}

/* "genretui: loading FILE ..." on stderr while the file loads; returns the
 * terminal lines it took (0 when stderr is no terminal, so it is never
 * erased from a log). */
static int say_loading(const char *path)
{
	char safe[512];
	struct winsize ws;
	int cells;

	gt_text_safe(path, safe, sizeof(safe), 400);
	fprintf(stderr, "genretui: loading %s ...\n", safe);
	if (!isatty(STDERR_FILENO))
		return 0;
	cells = (int)strlen("genretui: loading  ...") + gt_text_width(safe);
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0)
		return 1;
	return (cells + ws.ws_col - 1) / ws.ws_col;
}

/* Loaded: the loading line goes, so that quitting leaves the terminal as
 * it was before genretui started (cursor up over its lines, erase). */
static void unsay_loading(int lines)
{
	if (lines > 0)
		fprintf(stderr, "\033[%dA\r\033[J", lines);
}

static int load(gt_app *app)
{
	gt_predictor pred;
	gt_pipeline_opts o;
	gt_error err = {0};
	int rc = 0;

	memset(&pred, 0, sizeof(pred));
	gt_pipeline_defaults(&o);
	o.split_seed = app->cli->split_seed;
	o.map = &app->cli->map;
	o.schema.label = app->cli->label;
	o.schema.features = app->cli->features;
	o.schema.drop = app->cli->drop;
	o.threads = app->cli->threads;
	if (app->cli->model) {
		if (gt_predictor_load(&pred, app->cli->model, &err) != GT_OK) {
			fprintf(stderr, "genretui: %s\n", err.msg);
			return -1;
		}
		o.split_seed = pred.split_seed;
	}
	int said = say_loading(app->path);
	if (gt_session_open(&app->session, app->path, &o, &err) != GT_OK) {
		fprintf(stderr, "genretui: %s\n", err.msg);
		gt_predictor_free(&pred);
		return -1;
	}
	unsay_loading(said);
	if (app->cli->model)
		rc = adopt_model(app, &pred);
	gt_predictor_free(&pred);
	if (rc != 0) {
		gt_session_close(&app->session);
		return -1;
	}
	if (init_panes(app) != 0) {
		free_panes(app);
		gt_session_close(&app->session);
		return -1;
	}
	return 0;
}

/* Between two slices of background work: the key waiting to be read, or
 * ERR (at once when work goes on, else when one comes). A terminal that
 * has hung up is no terminal any more; when SIGHUP was blocked, this is
 * how its going is seen (else getch would fail at once, forever). */
static int next_key(int wait)
{
	int ch;

	timeout(wait ? -1 : 0);
	ch = getch();
	if (ch == ERR && !isatty(STDIN_FILENO))
		gt_signals_note(SIGHUP);
	return ch;
}

/* Skip the rest of a terminal sequence curses did not decode, after its
 * ESC and first byte ('[' CSI, 'O' SS3): up to its final byte. */
static void skip_sequence(int first)
{
	int ch;

	if (first == 'O') {
		(void)next_key(0);
		return;
	}
	for (int i = 0; i < 64 && (ch = next_key(0)) != ERR; i++)
		if (ch >= 0x40 && ch <= 0x7e)
			return;
}

/* ESC, and what came with it. A sequence curses could not decode is
 * dropped with a note (its bytes must not reach a prompt as text); ESC and
 * a digit switch panes from every pane (1-6, 0 the dashboard), as F1-F6
 * do; ESC alone, or before another key (Alt-key), goes to the pane. */
static void escape_key(gt_app *app)
{
	int next = next_key(0);

	if (next == '[' || next == 'O') {
		skip_sequence(next);
		app->message[0] = '\0';
		gt_app_message(app, 0, "a key this terminal sent that genretui does not know: ignored");
	} else if (next >= '1' && next < '1' + GT_NPANES)
		gt_app_key(app, KEY_F(next - '0'));
	else if (next == '0')
		gt_app_key(app, GT_KEY_DASHBOARD);
	else {
		gt_app_key(app, 27);
		if (next != ERR)
			gt_app_key(app, next);
	}
}

/* One thread: training runs in slices of at most TICK_S between key reads,
 * and a slice ends as soon as a key waits (gt_app_key_waiting). Every key
 * typed is handled, and its answer drawn, before the next slice, so that
 * typed text appears at once and a key waits at most for the step under
 * way; while work goes on without keys the screen is redrawn ~10 times a
 * second. */
#define TICK_S 0.005

static void main_loop(gt_app *app)
{
	double last_draw = 0;
	int dirty = 1, working = 1, keyed = 0;   /* (working: tick before waiting) */

	app->input_fd = STDIN_FILENO;   /* (newterm reads stdin) */

	while (!app->quit && !gt_signals_caught()) {
		int ch, tick;

		if (dirty && (keyed || !working || gt_now() - last_draw >= 0.1)) {
			gt_app_draw(app);
			last_draw = gt_now();
			dirty = keyed = 0;
		}
		if ((ch = next_key(!working)) != ERR) {
			if (ch == 27)
				escape_key(app);
			else
				gt_app_key(app, ch);
			dirty = keyed = 1;
			working = 1;        /* the key may have started work: tick first */
			continue;           /* the next key, or the answer drawn */
		}
		tick = gt_app_tick(app, TICK_S);
		dirty |= tick != 0;
		working = tick == 1;
	}
}

int gt_app_open(gt_app *app, const gt_cli *cli, const char *path, int synthetic)
{
	init_app(app, cli, path, synthetic);
	return load(app);
}

void gt_app_close(gt_app *app)
{
	free_panes(app);
	gt_session_close(&app->session);
}

int gt_tui_main(const gt_cli *cli, const char *path, int synthetic)
{
	gt_app app;

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");   /* data and output use '.' decimals */
#ifndef GT_BENCH
	/* Never the key loop where a benchmark was asked for (bench/redraw
	 * would wait for it). */
	if (getenv("GT_BENCH_REDRAW")) {
		fprintf(stderr, "genretui: GT_BENCH_REDRAW: this genretui was built without "
		        "the redraw benchmark (configure --enable-bench-redraw)\n");
		return 2;
	}
#endif
	if (gt_app_open(&app, cli, path, synthetic) != 0)
		return 1;
	atexit(restore_terminal);
	gt_signals_catch(restore_terminal);
	if (start_curses(&app) != 0) {
		fprintf(stderr, "genretui: cannot initialise the terminal\n");
		gt_app_close(&app);
		return 1;
	}
#ifdef GT_BENCH
	if (getenv("GT_BENCH_REDRAW"))
		gt_bench_redraw(&app, atoi(getenv("GT_BENCH_REDRAW")));
	else
#endif
		main_loop(&app);
	restore_terminal();
#ifdef GT_BENCH
	gt_bench_report();
#endif
	gt_app_close(&app);
	return gt_signals_exit_status();
}
