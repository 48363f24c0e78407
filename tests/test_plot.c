/* test_plot.c: braille rasterising and axis ranges. */
#include <string.h>

#include "testutil.h"
#include "genretui/plot.h"

static void test_dot_bits(void **state)
{
	gt_canvas c;
	char cell[5];

	(void)state;
	assert_int_equal(gt_canvas_init(&c, 2, 1), 0);
	gt_canvas_dot(&c, 0, 0, 1);   /* dot 1 */
	gt_canvas_dot(&c, 1, 3, 1);   /* dot 8 */
	gt_canvas_dot(&c, 2, 3, 2);   /* second cell, dot 7 */
	assert_int_equal(c.bits[0], 0x81);
	assert_int_equal(c.bits[1], 0x40);
	assert_int_equal(c.series[1], 2);
	gt_canvas_cell(&c, 0, 0, 1, cell);
	assert_string_equal(cell, "\u2881");
	gt_canvas_cell(&c, 1, 0, 1, cell);
	assert_string_equal(cell, "\u2840");
	gt_canvas_cell(&c, 0, 0, 0, cell);
	assert_string_equal(cell, ":");
	gt_canvas_cell(&c, 1, 0, 0, cell);
	assert_string_equal(cell, ".");
	gt_canvas_dot(&c, 9, 9, 1);   /* outside: ignored */
	gt_canvas_free(&c);
}

static void test_empty_cell_is_space(void **state)
{
	gt_canvas c;
	char cell[5];

	(void)state;
	assert_int_equal(gt_canvas_init(&c, 1, 1), 0);
	gt_canvas_cell(&c, 0, 0, 1, cell);
	assert_string_equal(cell, " ");
	gt_canvas_free(&c);
}

/* A rising diagonal over a 2x1 canvas (4x4 dots) fills one dot per column. */
static void test_line_diagonal(void **state)
{
	gt_canvas c;

	(void)state;
	assert_int_equal(gt_canvas_init(&c, 2, 1), 0);
	gt_canvas_line(&c, 0, 3, 3, 0, 1);
	/* cell 0: dots (0,3) and (1,2): 0x40 | 0x20; cell 1: (2,1), (3,0): 0x02 | 0x08 */
	assert_int_equal(c.bits[0], 0x60);
	assert_int_equal(c.bits[1], 0x0a);
	gt_canvas_free(&c);
}

/* A known series: 3 points on a 3x2 canvas (6x8 dots), axis 0..1. */
static void test_series_known_cells(void **state)
{
	const double y[3] = { 0.0, 1.0, NAN };
	gt_canvas c;
	int x, yy;

	(void)state;
	assert_int_equal(gt_canvas_init(&c, 3, 2), 0);
	gt_plot_point(&c, 0, 2, 0.0, 0.0, 1.0, &x, &yy);
	assert_int_equal(x, 0);
	assert_int_equal(yy, 7);
	gt_plot_point(&c, 2, 2, 1.0, 0.0, 1.0, &x, &yy);
	assert_int_equal(x, 5);
	assert_int_equal(yy, 0);
	gt_canvas_series(&c, y, 3, 2, 0.0, 1.0, 1);
	/* from (0,7) to (3,0): bottom-left cell gets the start, top-middle the end */
	assert_true(c.bits[1 * 3 + 0] & 0x40);
	assert_true(c.bits[0 * 3 + 1] & 0x08);
	assert_int_equal(c.bits[0 * 3 + 2], 0);   /* the NaN point draws nothing */
	assert_int_equal(c.bits[1 * 3 + 2], 0);
	gt_canvas_free(&c);
}

/* Points kept every 4th of 10 epochs (4, 8, 10) lie where those epochs
 * do, the last at the last epoch: the same dots as the 10 epochs plotted
 * with only those three known. */
static void test_series_step(void **state)
{
	const double kept[3] = { 0.25, 0.5, 1.0 };
	double all[10];
	gt_canvas a, b;

	(void)state;
	for (int e = 0; e < 10; e++)
		all[e] = NAN;
	all[3] = 0.25;
	all[7] = 0.5;
	all[9] = 1.0;
	assert_int_equal(gt_canvas_init(&a, 8, 3), 0);
	assert_int_equal(gt_canvas_init(&b, 8, 3), 0);
	gt_canvas_series_step(&a, kept, 3, 4, 10, 11, 0.0, 1.0, 1);   /* x axis to epoch 12 */
	gt_canvas_series(&b, all, 10, 11, 0.0, 1.0, 1);
	assert_memory_equal(a.bits, b.bits, 8 * 3);
	assert_true(a.bits[0 * 8 + 6] != 0);   /* epoch 10 of 12, at the top: not the right edge */
	assert_int_equal(a.bits[0 * 8 + 7], 0);
	gt_canvas_free(&a);
	gt_canvas_free(&b);
}

static void test_range(void **state)
{
	double lo, hi;

	(void)state;
	gt_plot_range(1.2317, 2.099, &lo, &hi);
	assert_true(lo <= 1.2317 && hi >= 2.099);
	assert_near(lo, 1.2, 1e-12);
	assert_near(hi, 2.1, 1e-12);
	gt_plot_range(0.5, 0.5, &lo, &hi);
	assert_true(lo < 0.5 && hi > 0.5);
	gt_plot_range(NAN, 1, &lo, &hi);
	assert_near(lo, 0, 0);
	assert_near(hi, 1, 0);
}

/* Epoch after epoch the axis only grows: a loss falling from 2.1 keeps
 * its top, a value beyond it widens it, and a fresh axis is gt_plot_range. */
static void test_grow(void **state)
{
	double lo = 0, hi = 0, l0, h0;

	(void)state;
	gt_plot_grow(2.0, 2.099, &lo, &hi);
	gt_plot_range(2.0, 2.099, &l0, &h0);
	assert_near(lo, l0, 0);
	assert_near(hi, h0, 0);
	gt_plot_grow(1.2317, 2.099, &lo, &hi);     /* lower: the bottom moves, the top stays */
	assert_true(lo <= 1.2317);
	assert_near(hi, h0, 1e-12);
	l0 = lo;
	gt_plot_grow(1.5, 1.9, &lo, &hi);          /* inside: nothing moves */
	assert_near(lo, l0, 0);
	assert_near(hi, h0, 0);
	gt_plot_grow(1.5, 2.5, &lo, &hi);          /* above: the top grows, the bottom stays */
	assert_near(lo, l0, 1e-12);
	assert_true(hi >= 2.5);
	gt_plot_grow(NAN, 1, &lo, &hi);            /* unknown: kept */
	assert_near(lo, l0, 1e-12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dot_bits),
		cmocka_unit_test(test_empty_cell_is_space),
		cmocka_unit_test(test_line_diagonal),
		cmocka_unit_test(test_series_known_cells),
		cmocka_unit_test(test_series_step),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_grow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
