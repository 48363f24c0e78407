/* plot.c: braille line plots. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/plot.h"

int gt_canvas_init(gt_canvas *c, int w, int h)
{
	size_t n = (size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1);

	c->w = w > 0 ? w : 0;
	c->h = h > 0 ? h : 0;
	c->bits = calloc(n, 1);
	c->series = calloc(n, 1);
	if (!c->bits || !c->series) {
		gt_canvas_free(c);
		return -1;
	}
	return 0;
}

void gt_canvas_free(gt_canvas *c)
{
	free(c->bits);
	free(c->series);
	memset(c, 0, sizeof(*c));
}

void gt_canvas_clear(gt_canvas *c)
{
	memset(c->bits, 0, (size_t)c->w * (size_t)c->h);
	memset(c->series, 0, (size_t)c->w * (size_t)c->h);
}

/* Braille bit of the dot at column dx (0..1), row dy (0..3) of a cell. */
static uint8_t dot_bit(int dx, int dy)
{
	static const uint8_t left[4] = { 0x01, 0x02, 0x04, 0x40 };
	static const uint8_t right[4] = { 0x08, 0x10, 0x20, 0x80 };

	return dx ? right[dy] : left[dy];
}

void gt_canvas_dot(gt_canvas *c, int x, int y, int s)
{
	size_t i;

	if (x < 0 || y < 0 || x >= 2 * c->w || y >= 4 * c->h)
		return;
	i = (size_t)(y / 4) * (size_t)c->w + (size_t)(x / 2);
	c->bits[i] |= dot_bit(x % 2, y % 4);
	c->series[i] = (uint8_t)s;
}

void gt_canvas_line(gt_canvas *c, int x0, int y0, int x1, int y1, int s)
{
	int dx = abs(x1 - x0), dy = -abs(y1 - y0);
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;

	for (;;) {   /* Bresenham */
		int e2 = 2 * err;

		gt_canvas_dot(c, x0, y0, s);
		if (x0 == x1 && y0 == y1)
			return;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

void gt_canvas_cell(const gt_canvas *c, int cx, int cy, int utf8, char out[5])
{
	uint8_t b = c->bits[(size_t)cy * (size_t)c->w + (size_t)cx];
	unsigned cp = 0x2800u + b;

	if (utf8) {   /* U+2800..U+28FF is three bytes of UTF-8 */
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		out[3] = '\0';
		if (b == 0)
			strcpy(out, " ");
		return;
	}
	{
		int high = (b & 0x1b) != 0, low = (b & 0xe4) != 0;  /* rows 0-1 / rows 2-3 */

		out[0] = high && low ? ':' : high ? '\'' : low ? '.' : ' ';
		out[1] = '\0';
	}
}

/* A round step (1, 2 or 5 times a power of ten) near span / 4. */
static double nice_step(double span)
{
	double raw = span / 4, p = pow(10, floor(log10(raw))), m = raw / p;

	return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

void gt_plot_range(double lo, double hi, double *axis_lo, double *axis_hi)
{
	double step;

	if (!isfinite(lo) || !isfinite(hi)) {
		*axis_lo = 0;
		*axis_hi = 1;
		return;
	}
	if (hi - lo < 1e-9) {
		lo -= 0.05;
		hi += 0.05;
	}
	step = nice_step(hi - lo) / 2;
	*axis_lo = floor(lo / step) * step;
	*axis_hi = ceil(hi / step) * step;
}

void gt_plot_grow(double lo, double hi, double *axis_lo, double *axis_hi)
{
	int fresh = !(*axis_lo < *axis_hi);

	if (!isfinite(lo) || !isfinite(hi)) {
		if (fresh)
			gt_plot_range(lo, hi, axis_lo, axis_hi);
		return;
	}
	if (!fresh && lo >= *axis_lo && hi <= *axis_hi)
		return;
	if (!fresh) {
		lo = fmin(lo, *axis_lo);
		hi = fmax(hi, *axis_hi);
	}
	gt_plot_range(lo, hi, axis_lo, axis_hi);
}

void gt_plot_point(const gt_canvas *c, int i, int xmax, double v,
                   double axis_lo, double axis_hi, int *x, int *y)
{
	int W = 2 * c->w - 1, H = 4 * c->h - 1;
	double fy = (v - axis_lo) / (axis_hi - axis_lo);

	*x = xmax > 0 ? (int)lround((double)i * W / xmax) : 0;
	*y = H - (int)lround(fy * H);
}

void gt_canvas_series(gt_canvas *c, const double *y, int n, int xmax,
                      double axis_lo, double axis_hi, int s)
{
	gt_canvas_series_step(c, y, n, 1, n, xmax, axis_lo, axis_hi, s);
}

void gt_canvas_series_step(gt_canvas *c, const double *y, int n, int step, int last,
                           int xmax, double axis_lo, double axis_hi, int s)
{
	int px = 0, py = 0, have = 0;

	for (int i = 0; i < n; i++) {
		long at = (long)(i + 1) * step;
		int x, yy;

		if (!isfinite(y[i]))
			continue;
		gt_plot_point(c, (at < last ? (int)at : last) - 1, xmax, y[i], axis_lo, axis_hi, &x, &yy);
		if (have)
			gt_canvas_line(c, px, py, x, yy, s);
		else
			gt_canvas_dot(c, x, yy, s);
		px = x;
		py = yy;
		have = 1;
	}
}
