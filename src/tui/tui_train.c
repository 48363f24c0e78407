/* tui_train.c: the Train pane: a settings form, training driven in slices
 * by the main loop through the core's step function, a progress line, and
 * live loss and accuracy plots of the training and test rows per epoch. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "genretui/plot.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/report_json.h"
#include "genretui/runlog.h"
#include "genretui/textfmt.h"
#include "genretui/trainform.h"
#include "genretui/tui_ask.h"

enum { F_PRESET, F_EPOCHS, F_BATCH, F_LR, F_HIDDEN, F_SEED, NFIELDS };
enum { IDLE, RUNNING, PAUSED, DONE, STOPPED };

#define FORM_W 27     /* cells of the settings column */

#define MAX_PLOT GT_RUNLOG_POINTS  /* points of a curve plotted (every step-th epoch) */

static const char *const field_names[NFIELDS] = {
	"Preset", "Epochs", "Batch size", "Learning rate", "Hidden width", "Seed"
};

/* The pane's state. */
typedef struct {
	const gt_preset *preset;
	int epochs, batch, hidden;
	double lr;
	unsigned long seed;
	int field;               /* focused form field */
	int editing;             /* typing a value into the focused field */
	int edit_fresh;          /* the value shown is the current one: a first
	                            typed character replaces it, Backspace edits it */
	char edit[24];
	int state;               /* IDLE .. STOPPED */
	int form_shown;          /* the user moved in the form since the last run */
	int show_runs;           /* r: the runs table (under the plots while a run is on screen) */
	int run_cur;             /* the table's cursor: a position in its order */
	gt_runs_key run_key;     /* the table's order (o) */
	uint32_t marked;         /* runs (bit i: app->runs.run[i]) drawn behind the plots */
	gt_ask ask;              /* w's file name or x's folder, being asked */
	gt_epoch_cms cms;        /* the test matrix after each epoch of this run */
	double replay_speed;     /* epochs a second */
	double replay_t0;        /* gt_now() when the replay was at epoch 1 */
	int replay_paused;
	double axis[2][2];       /* the plots' y axes (loss, accuracy: lo, hi),
	                            grown and never shrunk during a run */
} train_state;

static const char *const train_help[] = {
	"Enter / t\tstart training (from scratch, with the settings shown)",
	"p\tpause / resume",
	"R\treplay the run shown (else the last) epoch by epoch: its plots,",
	"\tand on the dashboard its matrix; Space pauses, . and , step,",
	"\t+ and - change the speed, Esc stops",
	"z\tstop, keeping the model as it is",
	"w\tsave the model: asks for the file (--save-model's, else",
	"\tgenretui.gtm, filled in) and before replacing one",
	"x\texport epochs.csv, predictions.csv, confusion_*.csv,",
	"\treport.json into --export DIR, else genretui-export/ (asks",
	"\tfor the folder, and before replacing a run's files)",
	"r\tthe runs of this session side by side, under the plots of a",
	"\trun (again: hides them); in the table j/k choose a run,",
	"\tEnter shows its curves (and in pane 4 its matrix and report),",
	"\tEsc the current run again, Space marks runs to draw behind",
	"\tthe plots (else the previous run), o orders by run, test,",
	"\ttrain, top-2 accuracy or seconds",
	"j k / Up Down\tchoose a setting",
	"h l, - +\tdecrease / increase it (Left and Right too)",
	"e\tedit the setting's value, shown: typing replaces it, Backspace",
	"\tedits it, Enter sets, Esc cancels; out of range is refused",
	NULL
};

/* The form's settings from the command line and the preset. */
static void *train_init(gt_app *app)
{
	const gt_cli *cli = app->cli;
	train_state *ts = calloc(1, sizeof(*ts));

	if (!ts)
		return NULL;
	ts->preset = gt_preset_find(cli->preset);
	if (!ts->preset)
		ts->preset = gt_preset_all()[0];
	ts->epochs = cli->epochs > 0 ? cli->epochs : ts->preset->hp.epochs;
	ts->batch = cli->batch_size > 0 ? cli->batch_size : ts->preset->hp.batch_size;
	ts->lr = cli->lr > 0 ? cli->lr : ts->preset->hp.lr;
	ts->seed = cli->seed >= 0 ? (unsigned long)cli->seed : ts->preset->hp.seed;
	ts->hidden = ts->preset->arch.sizes[1];
	return ts;
}

static int busy(const train_state *ts)
{
	return ts->state == RUNNING || ts->state == PAUSED;
}

/* ---- starting, stepping, stopping ---- */

static void start_run(gt_app *app, train_state *ts)
{
	gt_arch arch = ts->preset->arch;
	gt_hparams hp = ts->preset->hp;
	gt_error err = {0};

	arch.sizes[1] = ts->hidden;
	hp.epochs = ts->epochs;
	hp.batch_size = ts->batch;
	hp.lr = ts->lr;
	hp.seed = (uint32_t)ts->seed;
	if (gt_session_start(&app->session, &arch, &hp, &err) != GT_OK) {
		gt_app_message(app, 1, "cannot train: %s", err.msg);
		ts->state = IDLE;
		return;
	}
	ts->state = RUNNING;
	app->training = 1;
	snprintf(app->model_preset, sizeof(app->model_preset), "%s", ts->preset->name);
	ts->form_shown = 0;
	memset(ts->axis, 0, sizeof(ts->axis));
	app->shown_run = 0;
	app->replay = 0;
	gt_epoch_cms_free(&ts->cms);
	gt_app_message(app, 0, "training %d epochs of %s (seed %lu)", ts->epochs,
	               ts->preset->name, ts->seed);
}

/* The run before the one on screen (the last recorded while training, the
 * one before it once the current run is recorded too). */
static const gt_runlog_entry *previous_run(const gt_app *app, const train_state *ts)
{
	int back = busy(ts) ? 1 : 2;

	return app->runs.n >= back ? &app->runs.run[app->runs.n - back] : NULL;
}

static void finish_run(gt_app *app, train_state *ts, int state)
{
	gt_session *s = &app->session;

	ts->state = state;
	app->training = 0;
	if (!s->evaluated)
		gt_session_evaluate(s);
	if (app->runs.n == GT_RUNLOG_MAX)   /* the oldest is about to be forgotten */
		ts->marked >>= 1;
	if (gt_runlog_add(&app->runs, s, app->model_preset, state == STOPPED) != 0)
		gt_app_message(app, 1, "out of memory: this run is not kept in the runs table");
	else
		gt_runlog_take_epochs(&app->runs, &ts->cms);
	gt_app_message(app, 0, "%s after %d epochs in %.3f s: test accuracy %.4f, train accuracy %.4f",
	               state == DONE ? "done" : "stopped", s->trainer.epoch, s->train_s,
	               s->rep_test.accuracy, s->rep_train.accuracy);
}

/* The run whose curves are drawn in full colour: the session's (live or
 * just finished), or the runs table's entry chosen with Enter. */
static const gt_runlog_entry *shown_entry(const gt_app *app)
{
	return app->shown_run > 0 && app->shown_run <= app->runs.n
	       ? &app->runs.run[app->shown_run - 1] : NULL;
}

/* The replay at epoch e of the shown run: the plots stop there and the
 * Confusion pane gets that epoch's test matrix when the run kept it. */
static void replay_at(gt_app *app, int e)
{
	const gt_runlog_entry *x = shown_entry(app);

	if (!x || x->n < 1)
		return;
	e = e < 1 ? 1 : e > x->n ? x->n : e;
	app->replay = e;
	app->replay_cm_epoch = gt_runlog_epoch_matrix(x, e, &app->replay_cm) == 0
	                       ? gt_runlog_matrix_epoch(x, e) : 0;
	if (app->replay_cm_epoch)
		gt_report_compute(&app->replay_rep, &app->replay_cm);
}

/* The replay's clock: the epoch it has reached at its speed. It waits
 * out the slice (budget seconds) instead of the training it stands for, so
 * that the key loop neither spins nor waits longer for a key. */
static int replay_tick(gt_app *app, train_state *ts, double budget)
{
	const gt_runlog_entry *x = shown_entry(app);
	int e;

	if (!app->replay || !x || ts->replay_paused)
		return 0;
	napms((int)(budget * 1000 + 0.5));
	e = 1 + (int)((gt_now() - ts->replay_t0) * ts->replay_speed);
	if (e >= x->n) {
		replay_at(app, x->n);
		ts->replay_paused = 1;
		gt_app_message(app, 0, "replay over: R replays again, Esc shows the whole run");
		return 2;
	}
	replay_at(app, e);
	return 1;
}

/* Seconds between two looks for a waiting key within a slice: a look is
 * a system call, a step of the study's preset a few microseconds. */
#define LOOK_S 0.0005

/* Training steps for about budget seconds while a run goes on, or until a
 * key waits; the test matrix of each epoch is kept for a replay. */
static int train_tick(gt_app *app, void *state, double budget)
{
	train_state *ts = state;
	gt_session *s = &app->session;
	double now = gt_now(), until = now + budget, look = now + LOOK_S;
	int r;

	if (ts->state != RUNNING)
		return replay_tick(app, ts, budget);
	do {
		r = gt_session_step(s, NULL);
		if (r == 1 && s->test_epoch == s->trainer.epoch)
			gt_epoch_cms_add(&ts->cms, &s->cm_test, s->test_epoch);
		if (r < 0 || gt_trainer_finished(&s->trainer))
			break;
		if ((now = gt_now()) >= look) {
			if (gt_app_key_waiting(app))
				break;
			look = now + LOOK_S;
		}
	} while (now < until);
	if (gt_trainer_finished(&app->session.trainer)) {
		finish_run(app, ts, DONE);
		return 2;
	}
	return 1;
}

static void toggle_pause(gt_app *app, train_state *ts)
{
	if (ts->state == RUNNING) {
		ts->state = PAUSED;
		gt_app_message(app, 0, "paused; p resumes, z stops");
	} else if (ts->state == PAUSED) {
		ts->state = RUNNING;
	}
}

#define ASK_SAVE 2     /* gt_ask's tag for w (GT_ASK_EXPORT is x's) */

/* w: ask for the file to write the model to, --save-model's path (else
 * genretui.gtm) filled in. */
static void ask_save(gt_app *app, train_state *ts)
{
	if (busy(ts) || !app->session.evaluated) {
		gt_app_message(app, 1, busy(ts) ? "training: stop it (z) or let it finish, then w saves"
		                              : "no model to save yet: t trains one");
		return;
	}
	gt_ask_open(&ts->ask, ASK_SAVE, "save the model to",
	            app->cli->save_model ? app->cli->save_model : "genretui.gtm");
}

/* Write the current model to path. */
static void save_model(gt_app *app, const char *path)
{
	gt_predictor pred;
	gt_error err = {0};
	gt_status st;

	st = gt_predictor_from_session(&pred, &app->session, app->model_preset, &err);
	if (st == GT_OK)
		st = gt_predictor_save(&pred, path, &err);
	gt_predictor_free(&pred);
	if (st == GT_OK) {
		app->saved_generation = app->session.generation;
		gt_app_message(app, 0, "model saved to %s (genretui --model %s --predict)", path, path);
	} else
		gt_app_message(app, 1, "%s", err.msg);
}

/* ---- the settings form ---- */

static void field_text(const train_state *ts, int f, char *buf, size_t n)
{
	switch (f) {
	case F_PRESET: snprintf(buf, n, "%s", ts->preset->name); break;
	case F_EPOCHS: snprintf(buf, n, "%d", ts->epochs); break;
	case F_BATCH: snprintf(buf, n, "%d", ts->batch); break;
	case F_LR: snprintf(buf, n, "%g", ts->lr); break;
	case F_HIDDEN: snprintf(buf, n, "%d", ts->hidden); break;
	default: snprintf(buf, n, "%lu", ts->seed); break;
	}
}

/* Choose a preset: its epochs, batch size, learning rate and hidden width
 * replace the form's (the seed stays); said when that undoes edits. */
static void use_preset(gt_app *app, train_state *ts, const gt_preset *p)
{
	const gt_preset *was = ts->preset;

	if (ts->epochs != was->hp.epochs || ts->batch != was->hp.batch_size ||
	    ts->lr != was->hp.lr || ts->hidden != was->arch.sizes[1])
		gt_app_message(app, 0, "preset %s: its epochs, batch size, learning rate and hidden "
		               "width replace the form's edits (the seed stays)", p->name);
	else
		gt_app_message(app, 0, "preset %s: %s", p->name, p->summary);
	ts->preset = p;
	ts->epochs = p->hp.epochs;
	ts->batch = p->hp.batch_size;
	ts->lr = p->hp.lr;
	ts->hidden = p->arch.sizes[1];
}

static void cycle_preset(gt_app *app, train_state *ts, int dir)
{
	const gt_preset *const *all = gt_preset_all();
	int n = 0, i = 0;

	while (all[n])
		n++;
	while (all[i] != ts->preset)
		i++;
	use_preset(app, ts, all[(i + n + dir) % n]);
}

/* Step the focused setting down (dir -1) or up (+1). */
static void adjust(gt_app *app, train_state *ts, int dir)
{
	switch (ts->field) {
	case F_PRESET: cycle_preset(app, ts, dir); break;
	case F_EPOCHS: ts->epochs = ts->epochs + dir < 1 ? 1 : ts->epochs + dir > GT_FORM_EPOCHS_MAX
	                          ? GT_FORM_EPOCHS_MAX : ts->epochs + dir; break;
	case F_BATCH: ts->batch = dir > 0 ? (ts->batch < 4096 ? ts->batch * 2 : ts->batch)
	                                : (ts->batch > 1 ? ts->batch / 2 : 1); break;
	case F_LR: ts->lr = dir > 0 ? ts->lr * 2 : ts->lr / 2; break;
	case F_HIDDEN: ts->hidden = gt_form_hidden_step(ts->hidden, dir); break;
	default: ts->seed = (ts->seed + (unsigned long)(long)dir) & 0xffffffffUL; break;
	}
}

/* Set the focused field from text; 0, or -1 with a message. */
static int set_field(gt_app *app, train_state *ts, const char *text)
{
	char msg[256];
	double v;

	if (ts->field == F_PRESET) {
		const gt_preset *p = gt_preset_find(text);

		if (!p)
			return gt_app_message(app, 1, "no preset '%s': paper or improved", text), -1;
		use_preset(app, ts, p);
		return 0;
	}
	if (gt_form_parse((gt_form_number)(ts->field - F_EPOCHS), text, field_names[ts->field], &v,
	                  msg, sizeof(msg)) != 0)
		return gt_app_message(app, 1, "%s", msg), -1;
	switch (ts->field) {
	case F_EPOCHS: ts->epochs = (int)v; break;
	case F_BATCH: ts->batch = (int)v; break;
	case F_LR: ts->lr = v; break;
	case F_HIDDEN: ts->hidden = (int)v; break;
	default: ts->seed = (unsigned long)v; break;
	}
	return 0;
}

static int edit_key(gt_app *app, train_state *ts, int ch)
{
	size_t len = strlen(ts->edit);

	if (ch == 27 || ch == 3) {        /* Esc or Ctrl-C: the edit is dropped */
		ts->editing = 0;
	} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
		if (set_field(app, ts, ts->edit) == 0)
			ts->editing = 0;
	} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
		if (len)
			ts->edit[len - 1] = '\0';
	} else if (ch >= 32 && ch < 127 && ts->edit_fresh) {
		ts->edit[0] = (char)ch;
		ts->edit[1] = '\0';
	} else if (ch >= 32 && ch < 127 && len + 1 < sizeof(ts->edit)) {
		ts->edit[len] = (char)ch;
		ts->edit[len + 1] = '\0';
	}
	ts->edit_fresh = 0;
	return 1;
}

static int form_key(gt_app *app, train_state *ts, int ch)
{
	if (busy(ts) && strchr("jkhl-+e=", ch > 0 && ch < 128 ? ch : 'x') == NULL &&
	    ch != KEY_UP && ch != KEY_DOWN && ch != KEY_LEFT && ch != KEY_RIGHT)
		return 0;
	if (busy(ts)) {
		gt_app_message(app, 1, "settings are locked while training; z stops");
		return 1;
	}
	ts->form_shown = 1;
	switch (ch) {
	case 'j': case KEY_DOWN: ts->field = (ts->field + 1) % NFIELDS; break;
	case 'k': case KEY_UP: ts->field = (ts->field + NFIELDS - 1) % NFIELDS; break;
	case 'h': case '-': case KEY_LEFT: adjust(app, ts, -1); break;
	case 'l': case '+': case KEY_RIGHT: adjust(app, ts, 1); break;
	case 'e': case '=':         /* the current value, to edit */
		ts->editing = 1;
		ts->edit_fresh = 1;
		field_text(ts, ts->field, ts->edit, sizeof(ts->edit));
		if (ts->field != F_PRESET)
			gt_app_message(app, 0, "%s: %s (Enter sets, Esc cancels)", field_names[ts->field],
			               gt_form_range((gt_form_number)(ts->field - F_EPOCHS)));
		break;
	default: return 0;
	}
	return 1;
}

/* Keys of the runs table while it is open: the cursor, the order, the
 * marks, Enter to show a run, Esc for the session's current run. Returns 0
 * for a key it does not use. */
static int runs_key(gt_app *app, train_state *ts, int ch)
{
	int idx[GT_RUNLOG_MAX], n = app->runs.n;

	gt_runlog_order(&app->runs, ts->run_key, idx);
	ts->run_cur = ts->run_cur >= n ? (n ? n - 1 : 0) : ts->run_cur;
	if (ch == 'j' || ch == KEY_DOWN)
		ts->run_cur += ts->run_cur + 1 < n;
	else if (ch == 'k' || ch == KEY_UP)
		ts->run_cur -= ts->run_cur > 0;
	else if (ch == 'o') {
		ts->run_key = (gt_runs_key)((ts->run_key + 1) % GT_RUNS_NKEYS);
		ts->run_cur = 0;
		gt_app_message(app, 0, "runs by %s", gt_runlog_key_name(ts->run_key));
	} else if (ch == ' ' && n) {
		ts->marked ^= 1u << idx[ts->run_cur];
	} else if ((ch == '\n' || ch == '\r' || ch == KEY_ENTER) && n) {
		app->shown_run = idx[ts->run_cur] + 1;
		app->replay = 0;
		gt_app_message(app, 0, "run %d shown: its curves here, its matrix and report in pane 4",
		               app->shown_run);
	} else if (ch == 27) {
		app->shown_run = 0;
		app->replay = 0;
	} else {
		return 0;
	}
	return 1;
}

/* A key while w or x asks: the answer, and what follows from it (a file
 * already there is replaced only when y confirms). */
static int ask_key(gt_app *app, train_state *ts, int ch)
{
	int r = gt_ask_key(&ts->ask, ch);
	char q[700];
	struct stat sb;

	if (ts->ask.what == GT_ASK_EXPORT) {
		gt_tui_export_answer(app, &ts->ask, r);
		return 1;
	}
	if (r == GT_ASK_CANCEL)
		gt_app_message(app, 0, "model not saved");
	else if (r == GT_ASK_YES || (r == GT_ASK_ANSWER && lstat(ts->ask.text, &sb) != 0))
		save_model(app, ts->ask.text);
	else if (r == GT_ASK_ANSWER) {
		snprintf(q, sizeof(q), "%s exists: replace it?", ts->ask.text);
		gt_ask_confirm(&ts->ask, q);
	}
	return 1;
}

/* R: replay the run shown (or the last one) from its first epoch, about
 * ten seconds long. */
static void start_replay(gt_app *app, train_state *ts)
{
	const gt_runlog_entry *x;

	if (busy(ts)) {
		gt_app_message(app, 1, "training: a run is replayed once it is over");
		return;
	}
	if (!app->shown_run)
		app->shown_run = app->runs.n;
	x = shown_entry(app);
	if (!x || x->n < 1) {
		gt_app_message(app, 1, "no finished run to replay: t trains one");
		return;
	}
	ts->replay_speed = x->n >= 20 ? x->n / 10 : 2;
	ts->replay_paused = 0;
	ts->replay_t0 = gt_now();
	replay_at(app, 1);
	gt_app_message(app, 0, "replaying run %d: Space pauses, . and , step, + and - change the "
	               "speed, Esc stops", app->shown_run);
}

/* Keys while a replay is on. */
static int replay_key(gt_app *app, train_state *ts, int ch)
{
	if (ch == ' ') {
		ts->replay_paused = !ts->replay_paused;
		ts->replay_t0 = gt_now() - (app->replay - 1) / ts->replay_speed;
	} else if (ch == '.' || ch == ',') {
		ts->replay_paused = 1;
		replay_at(app, app->replay + (ch == '.' ? 1 : -1));
	} else if (ch == '+' || ch == '-') {
		double s = ch == '+' ? ts->replay_speed * 2 : ts->replay_speed / 2;

		ts->replay_speed = s < 0.5 ? 0.5 : s > 256 ? 256 : s;
		ts->replay_t0 = gt_now() - (app->replay - 1) / ts->replay_speed;
	} else if (ch == 27) {
		app->replay = 0;
	} else {
		return 0;
	}
	return 1;
}

static int train_key(gt_app *app, void *state, int ch)
{
	train_state *ts = state;
	if (ts->ask.stage != GT_ASK_CLOSED)
		return ask_key(app, ts, ch);
	if (app->replay && replay_key(app, ts, ch))
		return 1;
	if (ch == 'R') {
		start_replay(app, ts);
		return 1;
	}
	if (ts->editing)
		return edit_key(app, ts, ch);
	if (ts->show_runs && runs_key(app, ts, ch))
		return 1;
	switch (ch) {
	case 't': case '\n': case '\r': case KEY_ENTER:
		if (busy(ts))
			gt_app_message(app, 1, "already training; z stops, then t starts again");
		else
			start_run(app, ts);
		return 1;
	case 'p':
		toggle_pause(app, ts);
		return 1;
	case 'z':
		if (busy(ts))
			finish_run(app, ts, STOPPED);
		return 1;
	case 'w':
		ask_save(app, ts);
		return 1;
	case 'x':
		gt_tui_export_ask(app, &ts->ask);
		return 1;
	case 'r':
		ts->show_runs = !ts->show_runs;
		return 1;
	default:
		return form_key(app, ts, ch);
	}
}

/* ---- drawing ---- */

static void draw_form(const gt_app *app, const train_state *ts, WINDOW *w)
{
	char val[32], line[64];

	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, 0, 1, FORM_W - 1, busy(ts) ? "Settings (locked)" : "Settings");
	wattrset(w, A_NORMAL);
	for (int f = 0; f < NFIELDS; f++) {
		int focus = f == ts->field;

		field_text(ts, f, val, sizeof(val));
		if (focus && ts->editing)
			snprintf(val, sizeof(val), "%s_", ts->edit);
		snprintf(line, sizeof(line), "%c %-13s%9s", focus ? '>' : ' ', field_names[f], val);
		if (focus)
			wattrset(w, gt_attr(app, GT_C_CURSOR));
		gt_draw_text(w, 1 + f, 1, FORM_W - 2, line);
		wattrset(w, A_NORMAL);
	}
	gt_draw_text(w, NFIELDS + 2, 1, FORM_W - 1, busy(ts) ? "p pause  z stop" : "t train  e edit");
}

/* The epoch whose weights the model has (or would have, were the run
 * stopped now): the best on the validation slice when training holds one
 * out, else the last; 0 before the first epoch. */
static int kept_epoch(const gt_app *app)
{
	const gt_trainer *t = &app->session.trainer;

	if (app->session.evaluated)
		return gt_json_kept_epoch(&app->session);
	return t->nval ? t->best_epoch : t->epoch;
}

/* Figures of every finished epoch, as many of the last ones as fit: the
 * training rows' loss and accuracy during the epoch, the test rows'
 * accuracy after it, and which epoch's weights are kept. */
static void draw_epochs(const gt_app *app, WINDOW *w, int y0)
{
	const gt_trainer *t = &app->session.trainer;
	int rows = getmaxy(w) - y0 - 1, first, kept = kept_epoch(app);
	char line[64];

	if (rows < 1 || !app->session.running)
		return;
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, y0, 1, FORM_W - 1, "Ep   loss train  test");
	wattrset(w, A_NORMAL);
	first = t->epoch > rows ? t->epoch - rows : 0;
	for (int e = first; e < t->epoch; e++) {
		const gt_epoch *h = &t->history[e];

		snprintf(line, sizeof(line), "%2d %6.4f %5.3f %5.3f%s", h->epoch, h->loss,
		         h->accuracy, h->val_accuracy, h->epoch == kept ? " kept" : "");
		if (h->epoch == kept)
			wattrset(w, gt_attr(app, GT_C_GOOD));
		gt_draw_text(w, y0 + 1 + e - first, 1, FORM_W - 1, line);
		wattrset(w, A_NORMAL);
	}
}

static void fmt_time(char *buf, size_t n, double s)
{
	int t = isfinite(s) && s > 0 ? (s < 359999 ? (int)(s + 0.5) : 359999) : 0;

	snprintf(buf, n, "%d:%02d", t / 60, t % 60);
}

static void draw_progress(const gt_app *app, const train_state *ts, WINDOW *w, int x, int width)
{
	const gt_session *s = &app->session;
	const gt_trainer *t = &s->trainer;
	size_t per = gt_trainer_steps_per_epoch(t), done = gt_trainer_steps_done(t);
	size_t total = per * (size_t)t->hp.epochs, taken = per * (size_t)t->epoch + done;
	double secs = s->train_s, eta = taken ? secs * (double)(total - taken) / (double)taken : NAN;
	static const char *const names[] = { "idle", "running", "paused", "done", "stopped" };
	char bar[512], el[24], et[24], on[32] = "", line[256];
	int epoch = t->epoch + (gt_trainer_finished(t) || done == 0 ? 0 : 1);
	int threads = gt_trainer_team_size(t);

	if (gt_trainer_finished(t))
		done = per;
	fmt_time(el, sizeof(el), secs);
	fmt_time(et, sizeof(et), eta);
	if (s->running)     /* whether --threads took: a small network stays on one */
		snprintf(on, sizeof(on), " on %d thread%s", threads, threads == 1 ? "" : "s");
	snprintf(line, sizeof(line), "Epoch %d/%d  %zu/%zu steps  elapsed %s  ETA %s  %s%s",
	         epoch ? epoch : t->epoch, t->hp.epochs, done, per, el,
	         busy(ts) ? et : "-", names[ts->state], on);
	gt_draw_text(w, 0, x, width, line);
	wattrset(w, gt_attr(app, GT_C_BAR));
	gt_fmt_bar(bar, sizeof(bar), per ? (double)done / per : 0, width - 2, app->utf8);
	gt_draw_text(w, 1, x, width - 2, bar);
	wattrset(w, A_NORMAL);
}

/* One line: while training, the last epoch's figures and the epoch kept
 * so far; once the run is evaluated, its one headline: the test accuracy
 * of the model and the epoch whose weights it has. The test rows are never
 * called validation: that is the slice of the training rows early
 * stopping watches (improved preset). */
static void draw_latest(const gt_app *app, WINDOW *w, int x, int width)
{
	const gt_session *s = &app->session;
	const gt_trainer *t = &s->trainer;
	const gt_epoch *h;
	char line[256], vs[64] = "";
	int kept = kept_epoch(app);

	if (t->epoch == 0) {
		gt_draw_text(w, 2, x, width, "first epoch running...");
		return;
	}
	if (t->nval)
		snprintf(vs, sizeof(vs), "%svalidation slice %.4f", t->stopped ? ", " : "", t->best_vs);
	if (s->evaluated) {
		snprintf(line, sizeof(line), "Test accuracy %.4f, weights of epoch %d of %d%s%s%s%s",
		         s->rep_test.accuracy, kept, t->epoch, t->stopped || t->nval ? " (" : "",
		         t->stopped ? "stopped early" : "", vs, t->stopped || t->nval ? ")" : "");
		wattrset(w, A_BOLD);
	} else {
		h = &t->history[t->epoch - 1];
		snprintf(line, sizeof(line), "epoch %d: train loss %.4f acc %.4f | test loss %.4f "
		         "acc %.4f | kept so far: epoch %d%s%s%s", h->epoch, h->loss, h->accuracy,
		         h->val_loss, h->val_accuracy, kept, t->nval ? " (" : "", vs, t->nval ? ")" : "");
	}
	gt_draw_text(w, 2, x, width, line);
	wattrset(w, A_NORMAL);
}


static void minmax(const double *a, const double *b, int n, double *lo, double *hi)
{
	*lo = INFINITY;
	*hi = -INFINITY;
	for (int i = 0; i < n; i++) {
		*lo = fmin(*lo, fmin(a[i], b[i]));
		*hi = fmax(*hi, fmax(a[i], b[i]));
	}
}

/* Paint the canvas cells, coloured by the series that drew them last. */
static void paint(const gt_app *app, WINDOW *w, const gt_canvas *c, int y, int x)
{
	char cell[5];

	for (int cy = 0; cy < c->h; cy++)
		for (int cx = 0; cx < c->w; cx++) {
			int s = c->series[cy * c->w + cx];

			if (!s)
				continue;
			gt_canvas_cell(c, cx, cy, app->utf8, cell);
			wattrset(w, gt_attr(app, s == 1 ? GT_C_TRAIN : s == 2 ? GT_C_TEST : GT_C_DIM));
			gt_draw_text(w, y + cy, x + cx, 1, cell);
		}
	wattrset(w, A_NORMAL);
}

static void legend(const gt_app *app, WINDOW *w, int y, int x, int width, const char *title,
                   int mark, const char *behind)
{
	const char *dash = app->utf8 ? "\u2500\u2500" : "--";
	char buf[64];
	int used = gt_draw_text(w, y, x, width, title);

	wattrset(w, gt_attr(app, GT_C_TRAIN));
	snprintf(buf, sizeof(buf), "  %s train", dash);
	used += gt_draw_text(w, y, x + used, width - used, buf);
	wattrset(w, gt_attr(app, GT_C_TEST));
	snprintf(buf, sizeof(buf), "  %s test", dash);
	used += gt_draw_text(w, y, x + used, width - used, buf);
	wattrset(w, gt_attr(app, GT_C_GOOD));
	if (mark)
		used += gt_draw_text(w, y, x + used, width - used, app->utf8 ? "  \u25c6 kept" : "  * kept");
	wattrset(w, gt_attr(app, GT_C_DIM));
	if (behind) {
		snprintf(buf, sizeof(buf), "  .. %s", behind);
		gt_draw_text(w, y, x + used, width - used, buf);
	}
	wattrset(w, A_NORMAL);
}

/* The y labels (top, middle, bottom) and the x axis in epochs, saying
 * when the curves keep only every step-th of them. */
static void axes(WINDOW *w, int y, int x, int ch, int cw, double lo, double hi, int epochs,
                 int step)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%6.3f", hi);
	gt_draw_text(w, y, x, 7, buf);
	snprintf(buf, sizeof(buf), "%6.3f", (lo + hi) / 2);
	gt_draw_text(w, y + ch / 2, x, 7, buf);
	snprintf(buf, sizeof(buf), "%6.3f", lo);
	gt_draw_text(w, y + ch - 1, x, 7, buf);
	gt_draw_text(w, y + ch, x + 7, 3, "1");
	snprintf(buf, sizeof(buf), "epoch %d (a point every %d)", epochs, step);
	if (step == 1 || (int)strlen(buf) > cw - 2)
		snprintf(buf, sizeof(buf), "epoch %d", epochs);
	gt_draw_text(w, y + ch, x + 7 + cw - (int)strlen(buf), (int)strlen(buf), buf);
}

/* The runs drawn faintly behind: those marked in the runs table (Space),
 * else the one before the run on screen; never the run on screen itself.
 * Returns how many (at most GT_RUNLOG_MAX). */
static int overlays(const gt_app *app, const train_state *ts, const gt_runlog_entry **out)
{
	const gt_runlog_entry *shown = shown_entry(app), *prev;
	int n = 0;

	for (int i = 0; i < app->runs.n; i++)
		if ((ts->marked >> i & 1u) && &app->runs.run[i] != shown)
			out[n++] = &app->runs.run[i];
	if (n || shown)
		return n;
	prev = previous_run(app, ts);
	if (prev)
		out[n++] = prev;
	return n;
}

/* One plot's main curves: training rows into tr, test rows into te. */
typedef struct {
	int n;              /* points: every step-th of the epochs up to last, and last */
	int step, last;
	int xmax;           /* the last x position (epochs from 0) */
	int kept;           /* the epoch marked kept (0: none) */
	double kept_te;     /* its test figure */
	const double *tr, *te;
} curves;

/* The curves of the run on screen; buffers hold MAX_PLOT figures each. The
 * x axis spans the epochs asked for while the run goes on, and those it
 * trained once it is over (an early stop uses the whole width). */
static curves main_curves(const gt_app *app, const train_state *ts, int acc, double *tr,
                          double *te)
{
	const gt_runlog_entry *e = shown_entry(app);
	const gt_trainer *t = &app->session.trainer;
	curves c;

	if (e) {
		c = (curves){ e->points, e->step, e->n, e->n - 1, e->kept,
		              acc ? e->kept_vacc : NAN, acc ? e->acc : e->loss, acc ? e->vacc : e->vloss };
		if (app->replay > 0 && app->replay < e->n) {   /* a replay stops them there */
			c.n = app->replay / e->step;
			c.kept = e->kept <= app->replay ? e->kept : 0;
		}
		return c;
	}
	c.last = t->epoch;
	c.step = gt_runlog_step(c.last, MAX_PLOT);
	c.n = gt_runlog_sample(t, c.last, c.step, acc, tr, te);
	c.xmax = (busy(ts) ? t->hp.epochs : c.last) - 1;
	c.kept = kept_epoch(app);
	c.kept_te = c.kept >= 1 && c.kept <= c.last ? t->history[c.kept - 1].val_accuracy : NAN;
	c.tr = tr;
	c.te = te;
	return c;
}

/* The smallest and largest figure a plot shows, and its last x position:
 * the main curves' and the overlays'. */
static void plot_extent(const gt_app *app, const train_state *ts, const curves *m, int acc,
                        double *lo, double *hi, int *xmax)
{
	const gt_runlog_entry *ov[GT_RUNLOG_MAX];
	int n = overlays(app, ts, ov);

	minmax(m->tr, m->te, m->n, lo, hi);
	*xmax = m->xmax;
	for (int i = 0; i < n; i++) {
		double plo, phi;

		if (ov[i]->points < 1)
			continue;
		minmax(acc ? ov[i]->acc : ov[i]->loss, acc ? ov[i]->vacc : ov[i]->vloss, ov[i]->points,
		       &plo, &phi);
		*lo = fmin(*lo, plo);
		*hi = fmax(*hi, phi);
		if (ov[i]->n - 1 > *xmax)   /* the epochs it trained */
			*xmax = ov[i]->n - 1;
	}
}

/* The y axes of the session's run grow to hold every figure shown and
 * never shrink during it, so the labels do not jump at each epoch. */
static void train_layout(gt_app *app, void *state, int height, int width)
{
	train_state *ts = state;
	double tr[MAX_PLOT], te[MAX_PLOT], lo, hi;
	int xmax;

	(void)height;
	(void)width;
	if (app->shown_run > app->runs.n)
		app->shown_run = 0;
	if (!app->session.running || app->session.loaded || app->session.trainer.epoch == 0 ||
	    shown_entry(app))
		return;
	for (int acc = 0; acc < 2; acc++) {
		curves m = main_curves(app, ts, acc, tr, te);

		plot_extent(app, ts, &m, acc, &lo, &hi, &xmax);
		gt_plot_grow(lo, hi, &ts->axis[acc][0], &ts->axis[acc][1]);
	}
}

/* One plot in the box (y, x, height, width): legend, axes, curves. */
static void draw_plot(const gt_app *app, const train_state *ts, WINDOW *w, int y, int x,
                      int height, int width, int acc)
{
	const gt_runlog_entry *ov[GT_RUNLOG_MAX];
	double tr[MAX_PLOT], te[MAX_PLOT], lo = ts->axis[acc][0], hi = ts->axis[acc][1], l2, h2;
	curves m = main_curves(app, ts, acc, tr, te);
	int nov = overlays(app, ts, ov), ch = height - 2, cw = width - 8, xmax, px, py;
	gt_canvas c;

	legend(app, w, y, x, width, acc ? "Accuracy" : "Loss", acc,
	       !nov ? NULL : ts->marked ? "runs marked in the table" : "previous run");
	if (ch < 2 || cw < 4 || m.n == 0 || gt_canvas_init(&c, cw, ch) != 0)
		return;
	plot_extent(app, ts, &m, acc, &l2, &h2, &xmax);
	if (!(lo < hi) || shown_entry(app))   /* a finished run shown again: its own range */
		gt_plot_range(l2, h2, &lo, &hi);
	for (int i = 0; i < nov; i++) {
		const gt_runlog_entry *o = ov[i];

		gt_canvas_series_step(&c, acc ? o->acc : o->loss, o->points, o->step, o->n, xmax, lo, hi, 3);
		gt_canvas_series_step(&c, acc ? o->vacc : o->vloss, o->points, o->step, o->n, xmax, lo, hi, 3);
	}
	gt_canvas_series_step(&c, m.tr, m.n, m.step, m.last, xmax, lo, hi, 1);
	gt_canvas_series_step(&c, m.te, m.n, m.step, m.last, xmax, lo, hi, 2);
	axes(w, y + 1, x, ch, cw, lo, hi, xmax + 1, m.step);
	paint(app, w, &c, y + 1, x + 7);
	if (acc && m.kept >= 1 && isfinite(m.kept_te)) {   /* the kept epoch's test accuracy */
		gt_plot_point(&c, m.kept - 1, xmax, m.kept_te, lo, hi, &px, &py);
		wattrset(w, gt_attr(app, GT_C_GOOD));
		gt_draw_text(w, y + 1 + py / 4, x + 7 + px / 2, 1, app->utf8 ? "\u25c6" : "*");
		wattrset(w, A_NORMAL);
	}
	gt_canvas_free(&c);
}

/* The preset's layers on this file, e.g. "on this file: 58-35-10 (58
 * inputs, 10 genres)", when its inputs or genres are not the study's that
 * the preset's summary names; 0 when they are. */
static int arch_on_file(const gt_app *app, const gt_preset *p, char *buf, size_t n)
{
	const gt_arch *a = &p->arch;
	int in = app->session.pipe.clean.layout.ninputs, k = app->session.pipe.clean.genres.k;
	size_t used;

	if (in == a->sizes[0] && k == a->sizes[a->nlayers])
		return 0;
	used = (size_t)snprintf(buf, n, "on this file: %d", in);
	for (int l = 1; l < a->nlayers && used < n; l++)
		used += (size_t)snprintf(buf + used, n - used, "-%d", a->sizes[l]);
	if (used < n)
		snprintf(buf + used, n - used, "-%d (%d inputs, %d genres)", k, in, k);
	return 1;
}

/* Before any run: how to start one, with the chosen preset and the data's
 * own number of test rows. */
static void draw_idle(const gt_app *app, const train_state *ts, WINDOW *w, int x, int width)
{
	char line[256], rows[32];
	int y = 5;

	gt_draw_text(w, 1, x, width, "No training yet.");
	gt_draw_text(w, 3, x, width, "t (or Enter) trains the network with the settings on the left:");
	snprintf(line, sizeof(line), "%s: %s.", ts->preset->name, ts->preset->summary);
	gt_draw_text(w, 4, x, width, line);
	if (arch_on_file(app, ts->preset, line, sizeof(line)))
		gt_draw_text(w, y++, x, width, line);
	gt_fmt_count(rows, sizeof(rows), (unsigned long long)app->session.pipe.test.n);
	snprintf(line, sizeof(line), "The loss and accuracy of the training rows and of the %s", rows);
	gt_draw_text(w, y++, x, width, line);
	gt_draw_text(w, y++, x, width, "held-out test rows are plotted here after every epoch.");
	gt_draw_text(w, y, x, width, "Keys work while it trains: p pauses, z stops, 1-6 switch panes.");
}

/* A model from --model: its figures, no curves (it was trained elsewhere). */
static void draw_loaded(const gt_app *app, WINDOW *w, int x, int width)
{
	const gt_session *s = &app->session;
	char line[256];

	snprintf(line, sizeof(line), "Model loaded from %s", app->cli->model ? app->cli->model : "a file");
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, 1, x, width, line);
	wattrset(w, A_NORMAL);
	snprintf(line, sizeof(line), "trained elsewhere for %d epochs (no per-epoch curves here)",
	         s->trainer.epoch);
	gt_draw_text(w, 2, x, width, line);
	snprintf(line, sizeof(line), "on this file: test accuracy %.4f, train accuracy %.4f",
	         s->rep_test.accuracy, s->rep_train.accuracy);
	gt_draw_text(w, 3, x, width, line);
	gt_draw_text(w, 5, x, width, "t trains a new model here; 4 shows the confusion matrix.");
}

/* Rows the runs table takes at the bottom of a right side of height
 * rows: all of it when no run is on screen, else at most half, so that the
 * plots of a run (a live one too) stay in sight. */
static int runs_height(const gt_app *app, const train_state *ts, int height)
{
	int want = app->runs.n + 3;

	if (!ts->show_runs)
		return 0;
	if (!app->session.running || app->session.loaded)
		return height;
	return want < height / 2 ? want : height / 2;
}

/* Every run of this session with its settings and figures, in the order
 * chosen (o), the cursor on one, marks on those drawn behind the plots,
 * '>' on the one shown. */
static void draw_runs(const gt_app *app, const train_state *ts, WINDOW *w, int y, int x,
                      int width, int height)
{
	const gt_runlog *runs = &app->runs;
	int idx[GT_RUNLOG_MAX], rows = height - 3, first = 0, end = y + height;
	char line[256];

	gt_runlog_order(runs, ts->run_key, idx);
	if (ts->run_cur >= rows && rows > 0)
		first = ts->run_cur - rows + 1;
	snprintf(line, sizeof(line), "Runs, by %s (j/k choose  Enter show  Space mark  o order  "
	         "Esc the current run)", gt_runlog_key_name(ts->run_key));
	wattrset(w, A_BOLD);
	gt_draw_text(w, y++, x, width, line);
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, y++, x, width, "    #  preset    epochs kept batch     lr hidden  seed  test  "
	             "train  top-2 fusion   secs");
	wattrset(w, A_NORMAL);
	if (runs->n == 0)
		gt_draw_text(w, y, x, width, "    (no finished run yet)");
	for (int i = first; i < runs->n && y < end; i++, y++) {
		const gt_runlog_entry *r = &runs->run[idx[i]];

		snprintf(line, sizeof(line), "%c%c %2d  %-9s %3d/%-3d %4d %5d %6g %6d %5lu %.3f  "
		         "%.3f  %.3f  %.3f %6.2f%s", app->shown_run == idx[i] + 1 ? '>' : ' ',
		         ts->marked >> idx[i] & 1u ? '+' : ' ', idx[i] + 1, r->preset, r->n, r->epochs,
		         r->kept, r->batch, r->lr, r->hidden, r->seed, r->test_acc, r->train_acc, r->top2,
		         r->fusion, r->seconds, r->stopped ? " stopped" : "");
		wattrset(w, i == ts->run_cur ? gt_attr(app, GT_C_CURSOR) : A_NORMAL);
		gt_draw_text(w, y, x, width, line);
		wattrset(w, A_NORMAL);
	}
}

/* ", matrices every 4 epochs" when the run kept the test matrices of
 * some epochs only (runlog.h), else "". */
static const char *kept_note(const gt_runlog_entry *e, char *buf, size_t n)
{
	buf[0] = '\0';
	if (e->epoch_cm && e->cm_step > 1)
		snprintf(buf, n, ", matrices every %d epochs", e->cm_step);
	return buf;
}

/* A run of the table shown again: what it was and its headline. */
static void draw_shown(const gt_app *app, const train_state *ts, const gt_runlog_entry *e,
                       WINDOW *w, int x, int width)
{
	char line[320], note[48];

	snprintf(line, sizeof(line), "Run %d of the table: %s, %d of %d epochs, batch %d, lr %g, "
	         "hidden %d, seed %lu", app->shown_run, e->preset, e->n, e->epochs, e->batch, e->lr,
	         e->hidden, e->seed);
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, 0, x, width, line);
	wattrset(w, A_NORMAL);
	if (app->replay)
		snprintf(line, sizeof(line), "Replay: epoch %d of %d, %g epochs/s%s%s (Space, . and , "
		         "step, + and - speed, Esc stops)", app->replay, e->n, ts->replay_speed,
		         ts->replay_paused ? ", paused" : "", kept_note(e, note, sizeof(note)));
	else
		snprintf(line, sizeof(line), "(its matrix and report in pane 4; R replays it; Esc in "
		         "the table: the current run)");
	gt_draw_text(w, 1, x, width, line);
	snprintf(line, sizeof(line), "Test accuracy %.4f, weights of epoch %d of %d%s", e->test_acc,
	         e->kept, e->n, e->stopped ? " (stopped)" : "");
	wattrset(w, A_BOLD);
	gt_draw_text(w, 2, x, width, line);
	wattrset(w, A_NORMAL);
}

static void draw_right(const gt_app *app, const train_state *ts, WINDOW *w, int x, int width,
                       int height)
{
	int rh = runs_height(app, ts, height), top = 4, ph = height - top - rh;
	const gt_runlog_entry *e = shown_entry(app);

	if (rh)
		draw_runs(app, ts, w, height - rh, x, width, rh);
	if (rh == height)
		return;
	if (app->session.loaded && !e) {
		draw_loaded(app, w, x, width);
		return;
	}
	if (!app->session.running && !e) {
		draw_idle(app, ts, w, x, width);
		return;
	}
	if (e) {
		draw_shown(app, ts, e, w, x, width);
	} else {
		draw_progress(app, ts, w, x, width);
		draw_latest(app, w, x, width);
	}
	if (width >= 110) {            /* side by side */
		draw_plot(app, ts, w, top, x, ph, width / 2 - 1, 0);
		draw_plot(app, ts, w, top, x + width / 2, ph, width / 2 - 1, 1);
	} else if (ph >= 8) {          /* stacked */
		draw_plot(app, ts, w, top, x, ph / 2, width, 0);
		draw_plot(app, ts, w, top + ph / 2, x, ph - ph / 2, width, 1);
	}
}

/* The settings in three lines, once a run exists and the pane is too short
 * for the form and every epoch's figures. */
static void draw_form_compact(const gt_app *app, const train_state *ts, WINDOW *w)
{
	char one[64], two[64];

	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, 0, 1, FORM_W - 1, busy(ts) ? "Settings (locked)" : "Settings (j/k shows)");
	wattrset(w, A_NORMAL);
	snprintf(one, sizeof(one), "%s, %d epochs", ts->preset->name, ts->epochs);
	snprintf(two, sizeof(two), "b%d lr%g h%d s%lu", ts->batch, ts->lr, ts->hidden, ts->seed);
	gt_draw_text(w, 1, 1, FORM_W - 1, one);
	gt_draw_text(w, 2, 1, FORM_W - 1, two);
}

static void train_draw(const gt_app *app, const void *state, WINDOW *w)
{
	const train_state *ts = state;
	int width = getmaxx(w), height = getmaxy(w);
	int epochs = app->session.running ? app->session.trainer.hp.epochs : 0;
	int compact = epochs > 0 && !ts->editing && !ts->form_shown && height < NFIELDS + 6 + epochs;

	werase(w);
	if (compact) {
		draw_form_compact(app, ts, w);
		draw_epochs(app, w, 4);
	} else {
		draw_form(app, ts, w);
		draw_epochs(app, w, NFIELDS + 4);
	}
	draw_right(app, ts, w, FORM_W + 1, width - FORM_W - 2, height);
	gt_ask_draw(app, &ts->ask, w, height - 1);
}

static void train_free(void *state)
{
	if (state)
		gt_epoch_cms_free(&((train_state *)state)->cms);
	free(state);
}

const gt_pane gt_train_pane = {
	.title = "Train",
	.hint = "t train  p pause  z stop  w save  x export  r runs",
	.help = train_help,
	.init = train_init,
	.free = train_free,
	.tick = train_tick,
	.layout = train_layout,
	.draw = train_draw,
	.key = train_key,
};
