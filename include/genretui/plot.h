/* plot.h: line plots rasterised into terminal cells (curses-free).
 *
 * A canvas of w x h cells holds 2w x 4h dots (a braille cell is 2 dots wide
 * and 4 high: U+2800 + bits). Dot (0, 0) is the top-left. Each cell also
 * remembers which series drew in it last, so the caller can colour it. */
#ifndef GENRETUI_PLOT_H
#define GENRETUI_PLOT_H

#include <stdint.h>

typedef struct {
	int w, h;            /* cells */
	uint8_t *bits;       /* [h][w] braille dot bits */
	uint8_t *series;     /* [h][w] last series (1..255) drawn in a cell; 0 = none */
} gt_canvas;

/* 0, or -1 when out of memory. */
int gt_canvas_init(gt_canvas *c, int w, int h);
void gt_canvas_free(gt_canvas *c);
void gt_canvas_clear(gt_canvas *c);

/* Set dot (x, y) for series s (dots outside the canvas are ignored). */
void gt_canvas_dot(gt_canvas *c, int x, int y, int s);
/* A straight line of dots from (x0, y0) to (x1, y1), both ends included. */
void gt_canvas_line(gt_canvas *c, int x0, int y0, int x1, int y1, int s);

/* The cell at (cx, cy) as UTF-8 braille (utf8), or an ASCII stand-in
 * ('.' for low dots only, '\'' for high only, ':' for both, ' ' for none).
 * out holds at least 4 bytes + NUL. */
void gt_canvas_cell(const gt_canvas *c, int cx, int cy, int utf8, char out[5]);

/* Axis range that holds [lo, hi] with a little margin and round ends. */
void gt_plot_range(double lo, double hi, double *axis_lo, double *axis_hi);

/* An axis that holds [lo, hi] and never shrinks while the data grows (a
 * live plot whose y labels do not jump every epoch): when *axis_lo <
 * *axis_hi already hold [lo, hi] they stay; else they become
 * gt_plot_range of [lo, hi] joined with them. Start with *axis_lo =
 * *axis_hi (e.g. both 0) for a fresh axis. */
void gt_plot_grow(double lo, double hi, double *axis_lo, double *axis_hi);

/* Plot series y[0..n-1] (x = 0..n-1 spread over xmax + 1 positions) on the
 * canvas between axis_lo (bottom) and axis_hi (top). NaN points are skipped. */
void gt_canvas_series(gt_canvas *c, const double *y, int n, int xmax,
                      double axis_lo, double axis_hi, int s);
/* The same for points kept every step-th of last positions: point i at
 * x = min((i + 1) step, last) - 1 (step 1, last n: gt_canvas_series). */
void gt_canvas_series_step(gt_canvas *c, const double *y, int n, int step, int last,
                           int xmax, double axis_lo, double axis_hi, int s);

/* Dot coordinates of data point (i, v), for markers. */
void gt_plot_point(const gt_canvas *c, int i, int xmax, double v,
                   double axis_lo, double axis_hi, int *x, int *y);

#endif
