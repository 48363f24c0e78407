/* tui_predict.c: the Predict pane: a GNU readline prompt inside curses.
 *
 * As tig does it: readline never touches the terminal. Keys read by curses
 * are fed to readline one byte at a time through rl_getc_function and
 * rl_callback_read_char; readline's redisplay only marks the pane dirty and
 * the pane draws rl_line_buffer itself; terminal preparation, signal and
 * SIGWINCH handling and the environment are left to curses. Answers come
 * from the same answerer as `genretui --predict`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "genretui/prompt_answer.h"
#include "genretui/histfile.h"
#include "genretui/readline_prompt.h"
#include "genretui/tui.h"

#define SCROLLBACK 400
#define PROMPT "genre> "

/* The pane's state. */
typedef struct {
	int ready;                       /* readline set up */
	unsigned char queue[16];         /* bytes waiting for rl_getc */
	int qhead, qlen;
	char *text[SCROLLBACK];          /* output lines, oldest first (ring) */
	unsigned char role[SCROLLBACK];
	int first, count;
	int scroll;                      /* lines scrolled back from the end */
	gt_predictor pred;
	int have_pred;
	unsigned long pred_gen;          /* session generation pred was made from */
	gt_answerer answerer;
	char hist[4096];
	const char *hist_path;
	FILE *devnull;
	gt_app *app;                     /* for the line handler */
	int leave;                       /* the user left the prompt */
	char help_text[3][2048];         /* the help's example, help and Tab lines
	                                    for a model of a file's own columns */
	const char *help_own[16];        /* ... among predict_help's others */
} predict_state;

/* The pane whose prompt readline feeds: readline's hooks take no context,
 * and there is one readline. Set while keys are fed to it. */
static predict_state *active;

/* The help for the study's model; a model of a file's own columns gets
 * lines 0, 4 and 5 of its own (own_help). */
static const char *const predict_help[] = {
	"name=value ...\tpredict, e.g. energy=0.9 danceability=0.8 key=A# mode=minor",
	"line N\tpredict the row on file line N (Browse's line column) and show its true genre",
	"row N\tthe same by data row: the Nth row after the header (line 1)",
	"show / clear\tthe values given so far / forget them",
	"help\tthe feature names and units",
	"Tab\tcomplete names, key and mode values, commands",
	"Up / Down\thistory (kept between sessions)",
	"PgUp / PgDn\tscroll the answers",
	"Ctrl-C\tcancel the line typed (as in a shell)",
	"quit / Ctrl-D\tleave the prompt (back to Browse)",
	"F1-F6, Esc 1-6\tother panes (1-6 and q are text here), S-Tab",
	NULL
};

/* ---- the help ---- */

/* Tab's line for layout l: a real column name, and a one-hot column's
 * levels after its name. */
static void tab_line(const gt_layout *l, char *buf, size_t n)
{
	char name[GT_PROMPT_TYPED], hot[GT_PROMPT_TYPED], lv0[GT_PROMPT_TYPED], lv1[GT_PROMPT_TYPED];
	int s = 0;

	gt_prompt_name_typed(gt_layout_source_name(l, 0), name, sizeof(name));
	while (s < l->nsources && l->source[s].kind != GT_SOURCE_ONEHOT)
		s++;
	if (s == l->nsources) {
		snprintf(buf, n, "Tab\tcomplete names (%s, ...) and commands", name);
		return;
	}
	gt_prompt_name_typed(gt_layout_source_name(l, s), hot, sizeof(hot));
	gt_prompt_name_typed(gt_layout_level(l, l->source[s].first), lv0, sizeof(lv0));
	gt_prompt_name_typed(l->source[s].count > 1 ? gt_layout_level(l, l->source[s].first + 1)
	                                            : "", lv1, sizeof(lv1));
	if (snprintf(buf, n, "Tab\tcomplete names (%s, ...), %s's levels after %s= (%s%s%s%s), "
	             "commands", name, hot, hot, lv0, l->source[s].count > 1 ? ", " : "", lv1,
	             l->source[s].count > 2 ? ", ..." : "") >= (int)n && n > 4)
		memcpy(buf + n - 4, "...", 4);   /* names too long for the line: cut */
}

/* The help for the model's columns: the study's text for the study's
 * model (NULL), else an example, the help line and Tab's line made from
 * the columns (a real name, a real level) among the study's others. */
static const char *const *own_help(const gt_app *app, void *state)
{
	predict_state *ps = state;
	const gt_layout *l = ps->have_pred ? &ps->pred.layout : &app->session.pipe.clean.layout;
	const double *median = ps->have_pred ? ps->pred.median : app->session.pipe.median;
	char example[400];
	int n = 0, hot = 0;

	if (gt_layout_is_study(l) || l->nsources == 0)
		return NULL;
	for (int s = 0; s < l->nsources; s++)
		hot |= l->source[s].kind == GT_SOURCE_ONEHOT;
	gt_prompt_example(l, median, example, sizeof(example));
	snprintf(ps->help_text[0], sizeof(ps->help_text[0]), "name=value ...\tpredict, e.g. %s",
	         example);
	snprintf(ps->help_text[1], sizeof(ps->help_text[1]), "help\tthe model's %d columns%s",
	         l->nsources, hot ? ", one-hot ones with their levels" : "");
	tab_line(l, ps->help_text[2], sizeof(ps->help_text[2]));
	for (int i = 0; predict_help[i] && n < 15; i++)
		ps->help_own[n++] = i == 0 ? ps->help_text[0] : i == 4 ? ps->help_text[1]
		                  : i == 5 ? ps->help_text[2] : predict_help[i];
	ps->help_own[n] = NULL;
	return ps->help_own;
}

/* ---- the scrollback ---- */

static void push_line(predict_state *ps, gt_out_role role, const char *text)
{
	int slot = (ps->first + ps->count) % SCROLLBACK;

	if (ps->count == SCROLLBACK) {
		free(ps->text[ps->first]);
		ps->first = (ps->first + 1) % SCROLLBACK;
		ps->count--;
		slot = (ps->first + ps->count) % SCROLLBACK;
	}
	ps->text[slot] = strdup(text);
	ps->role[slot] = (unsigned char)role;
	if (ps->text[slot])
		ps->count++;
	ps->scroll = 0;
}

static void out_line(void *ctx, gt_out_role role, const char *text)
{
	push_line(ctx, role, text);
}

/* ---- the model asked ---- */

/* What the pane says without a model (Capitalised for its head line): a
 * run may be training one, whose weights are not asked until it ends. */
static void no_model_text(const gt_app *app, char *buf, size_t n, int head)
{
	const gt_trainer *t = &app->session.trainer;

	if (app->training)
		snprintf(buf, n, "%s run is training (epoch %d of %d): the model answers here "
		         "once it ends", head ? "A" : "a", t->epoch + 1, t->hp.epochs);
	else if (head)
		snprintf(buf, n, "No model yet: train one in pane 3 (press 3, then t), "
		         "or start genretui with --model FILE");
	else
		snprintf(buf, n, "no model yet: train one in pane 3 (t), or start with --model FILE");
}

/* Whether line is `quit` (or `exit`), which leaves the prompt with a
 * model or without one. */
static int names_quit(const gt_app *app, const char *line)
{
	gt_prompt_line l;

	gt_prompt_parse_for(&app->session.pipe.clean.layout, line, &l);
	return l.kind == GT_PC_QUIT;
}

/* Make ps->pred from the session's current model when that has changed. */
static int refresh_model(gt_app *app, predict_state *ps)
{
	gt_session *s = &app->session;
	const char *preset;
	gt_error err = {0};

	if (!s->evaluated)
		return ps->have_pred;
	if (ps->have_pred && ps->pred_gen == s->generation)
		return 1;
	if (ps->have_pred)
		gt_predictor_free(&ps->pred);
	/* named for the preset trained in pane 3 or saved in the --model file */
	preset = app->model_preset[0] ? app->model_preset : app->cli->preset;
	ps->have_pred = gt_predictor_from_session(&ps->pred, s, preset, &err) == GT_OK;
	ps->pred_gen = s->generation;
	ps->answerer.pred = &ps->pred;
	return ps->have_pred;
}

/* ---- readline hooks ---- */

static int pane_getc(FILE *f)
{
	predict_state *ps = active;
	int c;

	(void)f;
	if (ps->qlen == 0)
		return EOF;
	c = ps->queue[ps->qhead];
	ps->qhead = (ps->qhead + 1) % (int)sizeof(ps->queue);
	ps->qlen--;
	return c;
}

/* Readline asks whether more input is waiting (to batch typed-ahead
 * characters, to finish escape sequences): only what the pane queued. */
static int pane_input_available(void)
{
	predict_state *ps = active;

	return ps->qlen > 0;
}

static void pane_redisplay(void) {}
static void no_prep(int meta) { (void)meta; }
static void no_deprep(void) {}

/* Completion lists go to the scrollback, not to the terminal. */
static void show_matches(char **matches, int n, int maxlen)
{
	char line[512];
	size_t used = 0;

	(void)maxlen;
	line[0] = '\0';
	for (int i = 1; i <= n && used + 2 < sizeof(line); i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, "%s  ", matches[i]);
	push_line(active, GT_OUT_TEXT, line);
}

static void history_warn(predict_state *ps, const gt_error *err)
{
	char line[GT_ERROR_MAX + 64];

	snprintf(line, sizeof(line), "%s; the prompt's history is not kept", err->msg);
	push_line(ps, GT_OUT_ERROR, line);
}

static void on_line(char *line)
{
	predict_state *ps = active;
	gt_app *app = ps->app;
	gt_error err = {0};

	if (!line) {                     /* Ctrl-D on an empty line */
		ps->leave = 1;
		return;
	}
	if (*line && gt_history_add(&ps->hist_path, line, &err) != GT_OK)
		history_warn(ps, &err);
	push_line(ps, GT_OUT_TEXT, "");
	{
		char echo[600];

		snprintf(echo, sizeof(echo), PROMPT "%s", line);
		push_line(ps, GT_OUT_TEXT, echo);
	}
	if (!refresh_model(app, ps) && strspn(line, " \t") != strlen(line)) {
		if (names_quit(app, line)) {
			ps->leave = 1;
		} else {
			char why[160];

			no_model_text(app, why, sizeof(why), 0);
			push_line(ps, GT_OUT_ERROR, why);
		}
	} else if (gt_answerer_line(&ps->answerer, line, out_line, ps) == 1)
		ps->leave = 1;
	free(line);
}

/* Readline's numeric arguments (M-digit, C-u's universal argument in some
 * maps, the vi arguments) repeat a command that many times: a stray
 * sequence once made one of billions and froze the pane. A prompt of
 * name=value pairs needs none of them, nor the switch to vi mode that can
 * lead there, so they are unbound, whatever an inputrc says. */
static void no_arguments(void)
{
	Keymap maps[] = { emacs_standard_keymap, emacs_meta_keymap, emacs_ctlx_keymap,
	                  vi_insertion_keymap, vi_movement_keymap };

	for (size_t i = 0; i < sizeof(maps) / sizeof(maps[0]); i++) {
		rl_unbind_function_in_map(rl_digit_argument, maps[i]);
		rl_unbind_function_in_map(rl_universal_argument, maps[i]);
		rl_unbind_function_in_map(rl_vi_arg_digit, maps[i]);
		rl_unbind_function_in_map(rl_vi_editing_mode, maps[i]);
	}
	if (rl_editing_mode != 1)           /* an inputrc chose vi */
		rl_emacs_editing_mode(1, 0);
}

static void setup_readline(gt_app *app, predict_state *ps)
{
	char example[256] = "  ";
	gt_error err = {0};

	active = ps;
	ps->devnull = fopen("/dev/null", "w");
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;       /* LINES/COLUMNS stay curses' */
	rl_prep_term_function = no_prep;
	rl_deprep_term_function = no_deprep;
	rl_getc_function = pane_getc;
	rl_input_available_hook = pane_input_available;
	rl_redisplay_function = pane_redisplay;
	rl_completion_display_matches_hook = show_matches;
	rl_outstream = ps->devnull ? ps->devnull : stderr;
	gt_prompt_install_completion(&app->session.pipe.clean.layout);
	ps->hist_path = gt_history_open(ps->hist, sizeof(ps->hist), &err);
	rl_callback_handler_install("", on_line);
	no_arguments();
	gt_answerer_init(&ps->answerer, &ps->pred, &app->session.pipe);
	ps->answerer.utf8 = app->utf8;
	ps->answerer.bar_width = 24;
	gt_prompt_example(&app->session.pipe.clean.layout, app->session.pipe.median, example + 2,
	                  sizeof(example) - 2);
	push_line(ps, GT_OUT_TEXT, "Ask the model about a track: type name=value pairs, e.g.");
	push_line(ps, GT_OUT_TEXT, example);
	push_line(ps, GT_OUT_TEXT, "or line N for the row on Browse's line N; help lists the names, Tab completes.");
	if (err.code != GT_OK)
		history_warn(ps, &err);
	ps->ready = 1;
}

/* ---- keys ---- */

static void feed(predict_state *ps, const char *bytes, size_t n)
{
	for (size_t i = 0; i < n && ps->qlen < (int)sizeof(ps->queue); i++) {
		ps->queue[(ps->qhead + ps->qlen) % (int)sizeof(ps->queue)] = (unsigned char)bytes[i];
		ps->qlen++;
	}
	active = ps;
	while (ps->qlen > 0)
		rl_callback_read_char();
}

/* Curses key codes as the bytes readline's emacs keymap knows. */
static int translate(int ch, char *out)
{
	switch (ch) {
	case KEY_LEFT: out[0] = 2; return 1;        /* C-b */
	case KEY_RIGHT: out[0] = 6; return 1;       /* C-f */
	case KEY_UP: out[0] = 16; return 1;         /* C-p: previous history */
	case KEY_DOWN: out[0] = 14; return 1;       /* C-n */
	case KEY_HOME: out[0] = 1; return 1;        /* C-a */
	case KEY_END: out[0] = 5; return 1;         /* C-e */
	case KEY_BACKSPACE: out[0] = 127; return 1;
	case KEY_DC: memcpy(out, "\033[3~", 4); return 4;
	case KEY_ENTER: out[0] = '\r'; return 1;
	default:
		if (ch >= 0 && ch < 256) {
			out[0] = (char)ch;
			return 1;
		}
		return 0;
	}
}

/* The line typed so far is dropped (shown with ^C in the scrollback); a
 * search or a completion under way ends. */
static void cancel_line(predict_state *ps)
{
	char echo[600];

	if (rl_line_buffer && *rl_line_buffer) {
		snprintf(echo, sizeof(echo), PROMPT "%s^C", rl_line_buffer);
		push_line(ps, GT_OUT_TEXT, echo);
	}
	active = ps;
	rl_callback_sigcleanup();
	rl_replace_line("", 1);
	rl_point = rl_end = 0;
	rl_callback_handler_remove();
	rl_callback_handler_install("", on_line);
	no_arguments();
}

static void leave_prompt(gt_app *app, predict_state *ps)
{
	ps->leave = 0;
	rl_replace_line("", 0);
	gt_app_show(app, GT_PANE_BROWSE);
}

static int predict_key(gt_app *app, void *state, int ch)
{
	predict_state *ps = state;
	char bytes[8];
	int n;

	if (ch == KEY_BTAB || ch == KEY_RESIZE || ch == KEY_MOUSE)
		return 0;                    /* the shell's */
	if (ch == KEY_PPAGE || ch == KEY_NPAGE) {
		ps->scroll += ch == KEY_PPAGE ? 10 : -10;
		ps->scroll = ps->scroll < 0 ? 0 : ps->scroll > ps->count ? ps->count : ps->scroll;
		return 1;
	}
	if (!ps->ready)
		setup_readline(app, ps);
	if (ch == '?' && rl_end == 0)
		return 0;                    /* on an empty line: the shell's help */
	ps->app = app;
	if (ch == 3) {                   /* Ctrl-C: cancel the line, as a shell does */
		cancel_line(ps);
		return 1;
	}
	if ((n = translate(ch, bytes)) > 0)
		feed(ps, bytes, (size_t)n);
	if (ps->leave)
		leave_prompt(app, ps);
	return 1;
}

/* ---- drawing ---- */

static gt_color_role role_color(int role)
{
	switch (role) {
	case GT_OUT_ANSWER: return GT_C_HEADER;
	case GT_OUT_BEST: return GT_C_GOOD;
	case GT_OUT_SECOND: return GT_C_TEST;
	case GT_OUT_WARN: return GT_C_DIM;
	case GT_OUT_ERROR: return GT_C_BAD;
	default: return GT_C_NORMAL;
	}
}

static void draw_scrollback(const gt_app *app, const predict_state *ps, WINDOW *w, int rows,
                            int width)
{
	int last = ps->count - 1 - ps->scroll;

	for (int y = rows - 1, i = last; y >= 1 && i >= 0; y--, i--) {
		int slot = (ps->first + i) % SCROLLBACK;

		wattrset(w, gt_attr(app, role_color(ps->role[slot])));
		gt_draw_text(w, y, 1, width - 2, ps->text[slot]);
	}
	wattrset(w, A_NORMAL);
}

/* The prompt shown before the line: readline's own while it shows one
 * (Ctrl-R's "(reverse-i-search)`text': "), else ours. */
static const char *input_prompt(const predict_state *ps)
{
	if (ps->ready && rl_display_prompt && *rl_display_prompt &&
	    rl_display_prompt != rl_prompt)
		return rl_display_prompt;
	return PROMPT;
}

/* The input line, scrolled so that the cursor stays visible. */
static void draw_input(const gt_app *app, const predict_state *ps, WINDOW *w, int y, int width)
{
	const char *buf = ps->ready ? rl_line_buffer : "", *prompt = input_prompt(ps);
	int plen = (int)strlen(prompt), point = ps->ready ? rl_point : 0;
	int room = width - 2 - plen - 1, start = point > room ? point - room : 0;

	if (room < 1)
		return;
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, y, 1, width - 2, prompt);
	wattrset(w, A_NORMAL);
	gt_draw_text(w, y, 1 + plen, room + 1, buf + start);
	wattrset(w, gt_attr(app, GT_C_CURSOR));
	mvwaddch(w, y, 1 + plen + point - start,
	         buf[point] && (unsigned char)buf[point] < 128 ? (chtype)buf[point] : ' ');
	wattrset(w, A_NORMAL);
}

/* The predictor takes each model the session ends with, whether or not
 * the pane is shown: a run that ends unseen and a new run begun after it
 * leave the pane with the ended run's model, not without one. */
static int predict_tick(gt_app *app, void *state, double budget)
{
	predict_state *ps = state;
	unsigned long was = ps->pred_gen;
	int had = ps->have_pred;

	(void)budget;
	refresh_model(app, ps);
	return ps->have_pred != had || ps->pred_gen != was ? 2 : 0;
}

/* Readline is set up when the pane is first shown, and the predictor
 * follows the session's model. */
static void predict_layout(gt_app *app, void *state, int height, int width)
{
	predict_state *ps = state;

	(void)height;
	(void)width;
	if (!ps->ready)
		setup_readline(app, ps);
	refresh_model(app, ps);
}

/* The head line with a model: which, and while a new run trains, that
 * this is the last one's. */
static void model_head(const gt_app *app, const predict_state *ps, char *buf, size_t n)
{
	const gt_trainer *t = &app->session.trainer;
	int len = snprintf(buf, n, "Model: %s, %d epochs, test accuracy %.4f%s", ps->pred.preset,
	                   ps->pred.epochs_trained, ps->pred.test_accuracy,
	                   app->session.loaded ? " (loaded from file)" : "");

	if (app->training && len > 0 && (size_t)len < n)
		snprintf(buf + len, n - (size_t)len, "; a new run is training (epoch %d of %d)",
		         t->epoch + 1, t->hp.epochs);
}

static void predict_draw(const gt_app *app, const void *state, WINDOW *w)
{
	const predict_state *ps = state;
	int height = getmaxy(w), width = getmaxx(w);
	char head[256];

	werase(w);
	if (ps->have_pred)
		model_head(app, ps, head, sizeof(head));
	else
		no_model_text(app, head, sizeof(head), 1);
	wattrset(w, gt_attr(app, ps->have_pred ? GT_C_HEADER : GT_C_BAD));
	gt_draw_text(w, 0, 1, width - 2, head);
	wattrset(w, A_NORMAL);
	draw_scrollback(app, ps, w, height - 1, width);
	draw_input(app, ps, w, height - 1, width);
}

static void *predict_init(gt_app *app)
{
	(void)app;
	return calloc(1, sizeof(predict_state));
}

static void predict_free(void *state)
{
	predict_state *ps = state;

	if (ps->ready) {
		gt_error err = {0};

		rl_callback_sigcleanup();     /* a search or argument half done */
		rl_free_line_state();
		rl_callback_handler_remove();
		rl_clear_history();
		if (ps->hist_path && gt_hist_truncate(ps->hist_path, GT_HISTORY_LINES, &err) != GT_OK)
			fprintf(stderr, "genretui: %s\n", err.msg);   /* the screen is gone */
	}
	for (int i = 0; i < ps->count; i++)
		free(ps->text[(ps->first + i) % SCROLLBACK]);
	if (ps->have_pred)
		gt_predictor_free(&ps->pred);
	if (ps->devnull)
		fclose(ps->devnull);
	if (active == ps)
		active = NULL;
	free(ps);
}

const gt_pane gt_predict_pane = {
	.title = "Predict",
	.hint = "type name=value, Tab completes, quit leaves",
	.help = predict_help,
	.help_for = own_help,
	.text_input = 1,
	.init = predict_init,
	.free = predict_free,
	.tick = predict_tick,
	.layout = predict_layout,
	.draw = predict_draw,
	.key = predict_key,
};
