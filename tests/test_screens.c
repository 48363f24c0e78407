/* test_screens.c: the panes as screens. The application is opened on a
 * fixture (data/synthetic_sample.csv, tests/data/ledger_small.csv), driven
 * by keys and drawn by curses on a dummy terminal (newterm on /dev/null, a
 * fixed size); the text of the screen is compared with the golden screen
 * tests/screens/NAME.txt, as tig's tests compare saved displays. A failing
 * test prints the lines that differ. Figures that depend on the clock
 * (elapsed, ETA, seconds) are masked with '#'.
 *
 * After a deliberate change of a screen, write the goldens again with
 *	GT_UPDATE_SCREENS=1 make check TESTS=tests/test_screens
 * and read the difference in git before committing it. */
#include <locale.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "testutil.h"
#include "genretui/colmap.h"
#include "genretui/textfmt.h"
#include "genretui/tui.h"

#define MAX_COLS 240
#define MAX_ROWS 80

static char screens_dir[4096], sample[4096], ledger[4096], tracks[4096], gtzan[4096],
            hackathon[4096], state_dir[64];
static SCREEN *term;
static FILE *term_out, *term_in;

/* ---- the screen as text ---- */

/* Replace the digits of the first group of every match of re in line
 * with '#'. */
static void mask(char *line, const char *re)
{
	regex_t rx;
	regmatch_t m[2];
	size_t off = 0;

	if (regcomp(&rx, re, REG_EXTENDED) != 0)
		fail_msg("bad mask %s", re);
	while (line[off] && regexec(&rx, line + off, 2, m, off ? REG_NOTBOL : 0) == 0) {
		for (regoff_t i = m[1].rm_so; i < m[1].rm_eo; i++)
			if (line[off + (size_t)i] >= '0' && line[off + (size_t)i] <= '9')
				line[off + (size_t)i] = '#';
		off += (size_t)(m[0].rm_eo > m[0].rm_so ? m[0].rm_eo : m[0].rm_so + 1);
	}
	regfree(&rx);
}

static void mask_clock(char *line)
{
	mask(line, "elapsed ([0-9]+:[0-9]+)");
	mask(line, "ETA ([0-9]+:[0-9]+)");
	mask(line, " in ([0-9]+\\.[0-9]+) s");
	mask(line, "\\.[0-9]{3} +([0-9]+\\.[0-9]{2})( stopped)?$");   /* the runs table's seconds */
}

/* Row y of the terminal as UTF-8, without trailing blanks. */
static void screen_row(int y, char *out, size_t n)
{
	wchar_t w[MAX_COLS + 1];
	mbstate_t st;
	size_t used = 0;
	int len;

	memset(&st, 0, sizeof(st));
	len = mvwinnwstr(curscr, y, 0, w, COLS);
	for (int i = 0; i < len && used + MB_CUR_MAX + 1 < n; i++) {
		size_t k = wcrtomb(out + used, w[i], &st);

		used += k == (size_t)-1 ? 0 : k;
	}
	while (used > 0 && out[used - 1] == ' ')
		used--;
	out[used] = '\0';
	mask_clock(out);
}

/* The whole screen, one row a line. */
static char *screen_text(void)
{
	size_t cap = (size_t)LINES * (MAX_COLS * 4 + 2) + 1, used = 0;
	char *text = malloc(cap), row[MAX_COLS * 4 + 1];

	assert_non_null(text);
	for (int y = 0; y < LINES; y++) {
		screen_row(y, row, sizeof(row));
		used += (size_t)snprintf(text + used, cap - used, "%s\n", row);
	}
	return text;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *text;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

/* Print the rows where want and got differ ("-" golden, "+" screen). */
static void print_difference(const char *want, const char *got)
{
	for (int y = 1; *want || *got; y++) {
		size_t wn = strcspn(want, "\n"), gn = strcspn(got, "\n");

		if (wn != gn || strncmp(want, got, wn) != 0) {
			print_message("row %2d -|%.*s|\n", y, (int)wn, want);
			print_message("row %2d +|%.*s|\n", y, (int)gn, got);
		}
		want += wn + (want[wn] == '\n');
		got += gn + (got[gn] == '\n');
	}
}

/* Draw the app and compare the screen with tests/screens/name.txt. */
static void expect_screen(gt_app *app, const char *name)
{
	char path[4200], *got, *want;

	gt_app_draw(app);
	got = screen_text();
	snprintf(path, sizeof(path), "%s/%s.txt", screens_dir, name);
	if (getenv("GT_UPDATE_SCREENS") && *getenv("GT_UPDATE_SCREENS")) {
		FILE *f = fopen(path, "w");

		assert_non_null(f);
		fputs(got, f);
		assert_int_equal(fclose(f), 0);
	}
	want = read_file(path);
	if (!want)
		fail_msg("no golden screen %s (GT_UPDATE_SCREENS=1 writes it)", path);
	if (strcmp(want, got) != 0) {
		print_message("screen %s differs from %s:\n", name, path);
		print_difference(want, got);
		free(want);
		free(got);
		fail();
	}
	free(want);
	free(got);
}

/* ---- the application on a dummy terminal ---- */

static gt_cli cli;
static gt_app app;

static void size_to(int cols, int rows)
{
	assert_int_equal(resize_term(rows, cols), OK);
}

/* The app on path at cols x rows, the paper preset for `epochs` epochs. */
static void open_app(const char *path, int cols, int rows, int epochs)
{
	memset(&cli, 0, sizeof(cli));
	cli.preset = "paper";
	cli.epochs = epochs;
	cli.batch_size = -1;
	cli.seed = -1;
	cli.split_seed = 42;
	cli.digits = 2;
	size_to(cols, rows);
	assert_int_equal(gt_app_open(&app, &cli, path, 0), 0);
	app.color = has_colors();
}

static void close_app(void)
{
	gt_app_close(&app);
}

static void keys(const int *k, int n)
{
	for (int i = 0; i < n; i++)
		gt_app_key(&app, k[i]);
}

static void type(const char *s)
{
	while (*s)
		gt_app_key(&app, (unsigned char)*s++);
}

/* Start the Train pane's run and train it to the end. */
static void train_all(void)
{
	gt_app_key(&app, '3');
	gt_app_key(&app, 't');
	while (gt_app_tick(&app, 1.0) == 1)
		;
}

/* ---- the screens ---- */

static void test_browse(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 3);
	expect_screen(&app, "browse-80x24");
	keys((const int[]){ 'j', 'j', 'j', 'l', 'l', 'l' }, 6);
	expect_screen(&app, "browse-moved-80x24");
	size_to(160, 48);
	expect_screen(&app, "browse-160x48");
	close_app();
}

/* The fates of the cleaning, one or two rows each, and the side panel. */
static void test_browse_fates(void **state)
{
	(void)state;
	open_app(ledger, 160, 48, 3);
	expect_screen(&app, "browse-ledger-160x48");
	type("f");
	expect_screen(&app, "browse-ledger-kept-160x48");
	close_app();
}

/* The sample with 41 columns after the study's 18 (f01 .. f40, numbers;
 * mood, text), written into dir as wide.csv; its path into out. */
static void write_wide(const char *dir, char *out, size_t n)
{
	FILE *in = fopen(sample, "r"), *f;
	char line[4096];

	snprintf(out, n, "%s/wide.csv", dir);
	f = fopen(out, "w");
	assert_non_null(in);
	assert_non_null(f);
	for (int nr = 1; fgets(line, sizeof(line), in); nr++) {
		line[strcspn(line, "\n")] = '\0';
		fputs(line, f);
		for (int k = 1; k <= 40; k++)
			if (nr == 1)
				fprintf(f, ",f%02d", k);
			else
				fprintf(f, ",%.1f", ((nr * 37 + k * 11) % 1000) / 10.0);
		fprintf(f, ",%s\n", nr == 1 ? "mood" : nr == 50 ? "needle" : nr % 3 ? "calm" : "wild");
	}
	fclose(in);
	assert_int_equal(fclose(f), 0);
}

/* Every column of a file of 59: the last ones scrolled into view, sorted
 * by one the study does not know, filtered on another, the row detail
 * from the focused field. */
static void test_browse_wide(void **state)
{
	char path[200];

	(void)state;
	write_wide(state_dir, path, sizeof(path));
	open_app(path, 100, 30, 1);
	type("$hs|f39 > 99\n");
	expect_screen(&app, "browse-wide-100x30");
	type("ll\n");
	expect_screen(&app, "browse-wide-detail-100x30");
	close_app();
	unlink(path);
}

static void test_before_training(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 3);
	type("2");
	expect_screen(&app, "balance-80x24");
	type("3");
	expect_screen(&app, "train-idle-80x24");
	type("4");
	expect_screen(&app, "confusion-none-80x24");
	type("5");
	expect_screen(&app, "predict-none-80x24");
	gt_app_key(&app, KEY_F(1));
	type("?");
	expect_screen(&app, "help-browse-80x24");
	type("jjjjjjjjjjjj");                  /* scrolls to its last screenful, no further */
	expect_screen(&app, "help-browse-end-80x24");
	size_to(160, 48);
	gt_app_key(&app, 'x');
	type("2");
	expect_screen(&app, "balance-160x48");
	close_app();
}

static void test_after_training(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 3);
	train_all();
	expect_screen(&app, "train-done-80x24");
	type("r");
	expect_screen(&app, "train-runs-80x24");
	type("r4");
	expect_screen(&app, "confusion-80x24");
	keys((const int[]){ 'j', 'l', 'v' }, 3);
	expect_screen(&app, "confusion-moved-80x24");
	gt_app_key(&app, '\r');             /* true Anime, predicted Anime: no rows */
	expect_screen(&app, "confusion-empty-cell-80x24");
	gt_app_key(&app, 'l');
	gt_app_key(&app, '\r');             /* true Anime, predicted Jazz: 9 rows */
	gt_app_tick(&app, 0);
	expect_screen(&app, "browse-cell-80x24");
	type("5");
	expect_screen(&app, "predict-80x24");
	type("energy=0.9 tempo=120\r");
	expect_screen(&app, "predict-answer-80x24");
	close_app();
}

/* A slice of training ends as soon as a key waits on the terminal's
 * input (here a pipe): a tick of a 60-second budget returns at once, the
 * run not over; with the key read, training goes on. */
static void test_tick_ends_at_key(void **state)
{
	int fd[2];
	char c;
	double t0;
	size_t epoch;

	(void)state;
	open_app(sample, 80, 24, 2000);
	type("3t");
	assert_int_equal(pipe(fd), 0);
	app.input_fd = fd[0];
	assert_int_equal(gt_app_key_waiting(&app), 0);
	assert_int_equal(write(fd[1], "j", 1), 1);
	assert_int_equal(gt_app_key_waiting(&app), 1);
	t0 = gt_now();
	assert_int_equal(gt_app_tick(&app, 60.0), 1);
	assert_true(gt_now() - t0 < 5.0);
	assert_false(gt_trainer_finished(&app.session.trainer));
	epoch = (size_t)app.session.trainer.epoch * 1000000 + app.session.trainer.pos;
	assert_int_equal(read(fd[0], &c, 1), 1);
	assert_int_equal(gt_app_key_waiting(&app), 0);
	assert_int_equal(gt_app_tick(&app, 0.01), 1);
	assert_true((size_t)app.session.trainer.epoch * 1000000 + app.session.trainer.pos != epoch);
	app.input_fd = -1;
	close(fd[0]);
	close(fd[1]);
	close_app();
}

static void test_wide(void **state)
{
	(void)state;
	open_app(sample, 160, 48, 3);
	train_all();
	expect_screen(&app, "train-done-160x48");
	type("r");
	expect_screen(&app, "train-runs-160x48");
	type("r4");
	expect_screen(&app, "confusion-160x48");
	type("0");
	expect_screen(&app, "dashboard-160x48");
	size_to(240, 60);                   /* Features joins as a third column */
	expect_screen(&app, "dashboard-240x60");
	close_app();
}

/* The SYNTHETIC Spotify tracks table (114 genres) opened through --map at
 * cols x rows, the paper preset trained for 10 epochs. */
static void open_tracks(const char *path, int cols, int rows)
{
	gt_error err;

	memset(&cli, 0, sizeof(cli));
	cli.preset = "paper";
	cli.epochs = 10;
	cli.lr = 0.01;
	cli.batch_size = -1;
	cli.seed = -1;
	cli.split_seed = 42;
	cli.digits = 2;
	assert_int_equal(gt_colmap_parse(&cli.map, "music_genre=track_genre,artist_name=artists,"
	                                 "instance_id=track_id", &err), GT_OK);
	size_to(cols, rows);
	assert_int_equal(gt_app_open(&app, &cli, path, 0), 0);
	app.color = has_colors();
	train_all();
}

/* 114 genres of a SYNTHETIC Spotify tracks table through --map: the
 * Confusion pane is a heat map, the report and pairs below it at 80x24 and
 * beside it at 200x60; names too long for the rows' labels end in a mark. */
static void test_heatmap(void **state)
{
	(void)state;
	open_tracks(tracks, 80, 24);
	type("4");
	expect_screen(&app, "heatmap-80x24");
	keys((const int[]){ 'n', 'o', 's', 'J', KEY_NPAGE }, 5);
	expect_screen(&app, "heatmap-grouped-80x24");
	size_to(200, 60);
	expect_screen(&app, "heatmap-200x60");
	type("m");                          /* the numbers, scrolled as before */
	expect_screen(&app, "heatmap-numbers-200x60");
	size_to(80, 24);                    /* Features: 114 genres scroll, long names cut */
	type("6");
	gt_app_draw(&app);                  /* the pane lays its features out */
	keys((const int[]){ 'J', 'J', 'J', 'J', 'J', 'J', 'J', 'J', 'J', 'J', 'J', 'J' }, 12);
	expect_screen(&app, "features-114-80x24");
	type("v");
	type("v");
	keys((const int[]){ 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b' }, 12);
	expect_screen(&app, "features-114-pair-80x24");
	close_app();
}

/* The tracks table with the genres `from` renamed `to` (the last field),
 * written into dir as name; its path into out. */
static void write_renamed(const char *name, const char *const *from, const char *const *to,
                          int n, char *out, size_t outsz)
{
	FILE *in = fopen(tracks, "r"), *f;
	char line[4096];

	snprintf(out, outsz, "%s/%s", state_dir, name);
	f = fopen(out, "w");
	assert_non_null(in);
	assert_non_null(f);
	while (fgets(line, sizeof(line), in)) {
		char *genre = strrchr(line, ',') + 1;
		size_t len = strcspn(genre, "\r\n");

		for (int i = 0; i < n; i++)
			if (strlen(from[i]) == len && strncmp(genre, from[i], len) == 0) {
				snprintf(genre, sizeof(line) - (size_t)(genre - line), "%s\n", to[i]);
				break;
			}
		fputs(line, f);
	}
	fclose(in);
	assert_int_equal(fclose(f), 0);
}

/* Long genre names that start alike: the heat map's row labels keep their
 * ends apart ("prog...ouse", "prog...ance"), the cursor's row is named in
 * full below the map, and on the narrowest terminal the readout drops its
 * figures before the name. */
static void test_heatmap_names(void **state)
{
	static const char *const from[] = { "chicago-house", "deep-house" };
	static const char *const to[] = { "progressive-trance", "progressive-techno" };
	char path[200];
	int t;

	(void)state;
	write_renamed("renamed.csv", from, to, 2, path, sizeof(path));
	open_tracks(path, 80, 24);
	t = gt_genres_find(&app.session.pipe.clean.genres, "progressive-trance");
	assert_true(t > 0);
	type("4");
	for (int i = 0; i < t; i++)
		gt_app_key(&app, 'j');
	expect_screen(&app, "heatmap-names-80x24");
	size_to(50, 24);
	expect_screen(&app, "heatmap-names-50x24");
	close_app();
	unlink(path);
}

/* # in Browse on a GTZAN-like table: its 57 float columns to 3 digits
 * (more columns in 80, the headers told apart: chro...mean, chro...t_var),
 * then as the file writes them; the precision stays while another pane
 * is shown. */
static void test_browse_digits(void **state)
{
	(void)state;
	open_app(gtzan, 80, 24, 1);
	type("###");
	expect_screen(&app, "browse-digits-80x24");
	type("#2");
	gt_app_draw(&app);
	type("1");
	expect_screen(&app, "browse-digits-file-80x24");
	close_app();
}

/* Files read by their own schema, in their own words: a SYNTHETIC
 * GTZAN-like table (filename, 57 features, label): the row detail's names
 * in full (spectral_centroid_mean and _var told apart) and its fate
 * without the study; the Balance pane's columns given room under ten
 * genres at 80x24, its summary on two lines; the Features list and the
 * correlation grid's rows naming every feature apart, cut at its words, and its columns
 * headed apart (chsm chsv, mf9v m10m: not 40 times mfcc); after training, a report
 * whose F1 are all alike marks neither easiest nor hardest, and no
 * fusion-aware accuracy where nothing names a track. A hackathon table's
 * row with an empty cell says what each preset does with it. */
static void test_own_schema(void **state)
{
	(void)state;
	open_app(gtzan, 80, 24, 1);
	type("\n");
	expect_screen(&app, "own-detail-80x24");
	type("\n2");
	expect_screen(&app, "own-balance-80x24");
	type("6");
	gt_app_draw(&app);                  /* the pane lays its features out */
	type("SG");                         /* by name, the last: zero_crossing_rate_var */
	expect_screen(&app, "own-features-80x24");
	type("v");
	expect_screen(&app, "own-features-corr-80x24");
	type("G");                          /* the last row, mfcc20_var; the column of mfcc10_var */
	for (int i = 0; i < 36; i++)
		type("l");
	expect_screen(&app, "own-features-corr-mfcc-80x24");
	size_to(160, 48);
	train_all();
	type("4");
	expect_screen(&app, "own-confusion-160x48");
	close_app();
	open_app(hackathon, 80, 24, 1);
	type("j\n");
	expect_screen(&app, "own-missing-80x24");
	close_app();
}

/* The Predict pane's help (? on an empty line) in the model's words: the
 * study's text for the study's model; a GTZAN model's example and Tab line
 * name its own columns (no key, no mode); a tracks model's Tab line names
 * its one-hot column explicit and its levels. Inside a line, ? is text. */
static void test_predict_help(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 1);
	type("5?");
	expect_screen(&app, "help-predict-80x24");
	close_app();
	open_app(gtzan, 80, 24, 1);
	train_all();
	type("5?");
	expect_screen(&app, "own-help-predict-80x24");
	type("x");                          /* closes the help */
	assert_false(app.help_open);
	type("x?");                         /* inside a line, ? is text */
	assert_false(app.help_open);
	close_app();
	open_app(tracks, 80, 24, 1);
	train_all();
	type("5?");
	expect_screen(&app, "own-help-predict-onehot-80x24");
	close_app();
}

/* The Features pane: a feature's box plots, key's level shares, the
 * correlation grid (v, the next view); after training, two genres from a
 * Confusion cell and the list sorted by permutation importance. */
static void test_features(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 3);
	type("6");
	expect_screen(&app, "features-80x24");
	type("sssGkkkkkkk");                /* by name, the last (valence), up to key */
	expect_screen(&app, "features-key-80x24");
	type("vjl");
	expect_screen(&app, "features-corr-80x24");
	train_all();
	type("4jf");                        /* true Anime, predicted Electronic */
	gt_app_tick(&app, 0);
	expect_screen(&app, "features-pair-80x24");
	size_to(160, 48);
	type("vi");                         /* from two genres, v: the next view, distributions */
	gt_app_tick(&app, 0);
	expect_screen(&app, "features-importance-160x48");
	close_app();
}

/* Pane 5 names the preset trained in pane 3 (not the command line's); a
 * key no pane knows gets a hint; Ctrl-C cancels the prompt's line; q with
 * a run not saved asks first, and another key stays. */
static void test_keys(void **state)
{
	(void)state;
	open_app(sample, 80, 24, 3);
	type("3l");                         /* the next preset: improved */
	keys((const int[]){ 'j', 'e', '2', '\r', 't' }, 5);
	while (gt_app_tick(&app, 1.0) == 1)
		;
	type("5");
	expect_screen(&app, "predict-improved-80x24");
	type("tempo=12");
	gt_app_key(&app, 3);
	expect_screen(&app, "predict-ctrl-c-80x24");
	gt_app_key(&app, KEY_F(1));
	type("Z");
	expect_screen(&app, "browse-unknown-key-80x24");
	type("q");
	expect_screen(&app, "quit-asks-80x24");
	assert_false(app.quit);
	type("j");
	assert_false(app.quit);
	type("qy");
	assert_true(app.quit);
	close_app();
}

static void test_too_small(void **state)
{
	(void)state;
	open_app(sample, 40, 10, 3);
	expect_screen(&app, "too-small-40x10");
	size_to(80, 24);
	expect_screen(&app, "browse-80x24");
	close_app();
}

/* ---- set-up ---- */

static int env_path(char *out, size_t n, const char *var, const char *rel)
{
	const char *dir = getenv(var);

	if (!dir)
		return -1;
	snprintf(out, n, "%s%s", dir, rel);
	return access(out, R_OK) == 0 ? 0 : -1;
}

static int setup(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "C.utf8"))
		return -1;
	setlocale(LC_NUMERIC, "C");
	snprintf(state_dir, sizeof(state_dir), "/tmp/gt-screens-XXXXXX");
	if (!mkdtemp(state_dir))
		return -1;
	setenv("XDG_STATE_HOME", state_dir, 1);    /* no history of the user's */
	setenv("HOME", state_dir, 1);
	unsetenv("NO_COLOR");
	setenv("COLUMNS", "80", 1);
	setenv("LINES", "24", 1);
	term_out = fopen("/dev/null", "w");
	term_in = fopen("/dev/null", "r");
	if (!term_out || !term_in || !(term = newterm("xterm-256color", term_out, term_in)))
		return -1;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	gt_theme_init();
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	endwin();
	delscreen(term);
	fclose(term_out);
	fclose(term_in);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", state_dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Every pane's help keys fit the help's key column, where a longer one
 * was cut ("F1..F6, Esc 1-" for "F1..F6, Esc 1-6"). */
static void test_help_keys_fit(void **state)
{
	(void)state;
	for (int p = 0; p < GT_NPANES; p++)
		for (int i = 0; gt_panes[p]->help && gt_panes[p]->help[i]; i++) {
			const char *line = gt_panes[p]->help[i], *tab = strchr(line, '\t');
			char key[64];

			snprintf(key, sizeof(key), "%.*s", tab ? (int)(tab - line) : 0, line);
			if (gt_text_width(key) > GT_HELP_KEY_CELLS)
				fail_msg("%s's help key '%s' is wider than %d cells", gt_panes[p]->title,
				         key, GT_HELP_KEY_CELLS);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_browse),
		cmocka_unit_test(test_browse_fates),
		cmocka_unit_test(test_browse_wide),
		cmocka_unit_test(test_browse_digits),
		cmocka_unit_test(test_before_training),
		cmocka_unit_test(test_after_training),
		cmocka_unit_test(test_tick_ends_at_key),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_heatmap_names),
		cmocka_unit_test(test_own_schema),
		cmocka_unit_test(test_predict_help),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_too_small),
		cmocka_unit_test(test_help_keys_fit),
	};

	if (env_path(screens_dir, sizeof(screens_dir), "GT_TESTDATA", "/../screens") != 0 ||
	    env_path(sample, sizeof(sample), "GT_SAMPLE_CSV", "") != 0 ||
	    env_path(ledger, sizeof(ledger), "GT_TESTDATA", "/ledger_small.csv") != 0 ||
	    env_path(tracks, sizeof(tracks), "GT_TESTDATA", "/spotify_tracks_114.csv") != 0 ||
	    env_path(gtzan, sizeof(gtzan), "GT_TESTDATA", "/gtzan_small.csv") != 0 ||
	    env_path(hackathon, sizeof(hackathon), "GT_TESTDATA", "/hackathon_small.csv") != 0) {
		printf("1..0 # SKIP GT_TESTDATA and GT_SAMPLE_CSV name the fixtures\n");
		return 0;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
