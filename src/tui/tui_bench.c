/* tui_bench.c: GT_BENCH_REDRAW=N, how long a complete redraw of each pane
 * takes (bench/redraw runs it in tmux at 200x60).
 *
 * Instead of the key loop: the Train pane's settings are trained to the
 * end first (Train then has its plots, Confusion its matrix), then each
 * pane (and the dashboard, on a terminal large enough) is drawn N times.
 * "draw" is gt_app_draw as the key loop calls it: every window erased and
 * drawn again, curses comparing the result with the screen (nothing
 * changed, nothing is sent). "repaint" is the same after clearok: every
 * cell is sent to the terminal, as when the screen was lost. The medians
 * and maxima in ms go to stderr after endwin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/tui.h"

#define BENCH_ROWS (GT_NPANES + 1)

static char report[BENCH_ROWS + 3][128];
static int nreport;

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median and maximum of n >= 1 timings, in ms. */
static void summarise(double *t, int n, double *med, double *max)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	*med = (n % 2 ? t[n / 2] : (t[n / 2 - 1] + t[n / 2]) / 2) * 1e3;
	*max = t[n - 1] * 1e3;
}

/* n redraws of the screen as it is set; repaint: send every cell. */
static void time_draws(gt_app *app, int n, int repaint, double *med, double *max)
{
	double *t = malloc((size_t)n * sizeof(*t));

	if (!t) {
		*med = *max = -1;
		return;
	}
	gt_app_draw(app);               /* warm: summaries, first layout */
	for (int i = 0; i < n; i++) {
		double t0 = gt_now();

		if (repaint)
			clearok(curscr, TRUE);
		gt_app_draw(app);
		t[i] = gt_now() - t0;
	}
	summarise(t, n, med, max);
	free(t);
}

static void bench_screen(gt_app *app, const char *name, int n)
{
	double dmed, dmax, rmed, rmax;

	time_draws(app, n, 0, &dmed, &dmax);
	time_draws(app, n, 1, &rmed, &rmax);
	snprintf(report[nreport++], sizeof(report[0]), "%-11s %9.2f %9.2f %11.2f %11.2f",
	         name, dmed, dmax, rmed, rmax);
}

void gt_bench_redraw(gt_app *app, int n)
{
	double t0 = gt_now();

	n = n > 0 ? n : 50;
	snprintf(report[nreport++], sizeof(report[0]), "redraws at %dx%d, %d of each, ms:",
	         COLS, LINES, n);
	gt_panes[GT_PANE_TRAIN]->key(app, app->state[GT_PANE_TRAIN], 't');
	while (gt_app_tick(app, 1.0) == 1)
		;
	snprintf(report[nreport++], sizeof(report[0]), "(trained first: %.2f s)", gt_now() - t0);
	snprintf(report[nreport++], sizeof(report[0]), "%-11s %9s %9s %11s %11s", "pane",
	         "draw med", "draw max", "repaint med", "repaint max");
	for (int i = 0; i < GT_NPANES; i++) {
		char name[32];

		app->dashboard = 0;
		gt_app_show(app, i);
		snprintf(name, sizeof(name), "%d %s", i + 1, gt_panes[i]->title);
		bench_screen(app, name, n);
	}
	if (COLS >= GT_DASH_COLS && LINES >= GT_DASH_ROWS) {
		app->dashboard = 1;
		bench_screen(app, "0 Dashboard", n);
		app->dashboard = 0;
	}
}

void gt_bench_report(void)
{
	for (int i = 0; i < nreport; i++)
		fprintf(stderr, "%s\n", report[i]);
}
