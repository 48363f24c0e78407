/* test_browse.c: the Browse pane's model (src/browse.c) on a small CSV
 * written here, and on the real dataset when GT_REAL_CSV names it. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genretui/browse.h"

#define HEADER "instance_id,artist_name,track_name,popularity,acousticness," \
	"danceability,duration_ms,energy,instrumentalness,key,liveness,"     \
	"loudness,mode,speechiness,tempo,obtained_date,valence,music_genre\n"
#define ROW(id, artist, track, pop, dur, key, tempo, genre)                  \
	id "," artist "," track "," pop ",0.1,0.5," dur ",0.5,0.1," key         \
	",0.1,-5.0,Minor,0.05," tempo ",4-Apr,0.7," genre "\n"

/* Nine rows; row index: file line, fate.
 *   0: 2 kept      1: 3 -1dur     2: 4 ?tempo    3: 5 blank
 *   4: 6-7 kept (a quoted newline)               5: 8 kept (ESC in the artist)
 *   6: 9 kept      7: 10 invalid (popularity)    8: 11 missing (tempo) */
static const char csv[] = HEADER
	ROW("1", "Röyksopp", "Röyksopp's Night Out", "27", "200000", "A#", "100.5", "Electronic")
	ROW("2", "abba", "Dancing Queen", "50", "-1", "C", "120", "Rock")
	ROW("3", "ABBA", "Waterloo", "60", "180000", "C", "?", "Rock")
	",,,,,,,,,,,,,,,,,\n"
	ROW("5", "Zed", "\"two\nlines\"", "40", "150000", "D", "90", "Jazz")
	ROW("6", "Esc\x1b[31m", "Red", "10", "150000", "E", "90", "Jazz")
	ROW("7", "Mozart", "Sonata", "70", "300000", "F", "60", "Classical")
	ROW("8", "Zed", "Again", "abc", "150000", "G", "130", "Jazz")
	ROW("9", "", "Untitled", "5", "100000", "A", "", "Rap");

typedef struct {
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	gt_error err = { 0 };

	if (!f || gt_dataset_parse(&f->ds, csv, strlen(csv), "t.csv", &err) != GT_OK ||
	    gt_clean_run(&f->cl, &f->ds, &err) != GT_OK ||
	    gt_browser_init(&f->b, &f->ds, &f->cl) != 0) {
		print_error("%s\n", err.msg);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	gt_browser_free(&f->b);
	gt_clean_free(&f->cl);
	gt_dataset_free(&f->ds);
	free(f);
	return 0;
}

/* The rows shown, as a comma-separated list of dataset rows. */
static const char *shown(const gt_browser *b)
{
	static char buf[256];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t p = 0; p < b->n && used < sizeof(buf) - 8; p++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%zu", p ? "," : "",
		                         gt_browser_row(b, p));
	return buf;
}

static void test_fixture(void **state)
{
	fixture *f = *state;

	assert_int_equal(f->ds.nrows, 9);
	assert_int_equal(f->ds.line[5], 8);
	assert_int_equal(f->cl.ledger.kept, 4);
	assert_int_equal(f->cl.fates[3].fate, GT_FATE_BLANK);
	assert_int_equal(f->cl.fates[7].fate, GT_FATE_INVALID);
	assert_int_equal(f->cl.fates[8].fate, GT_FATE_MISSING);
}

static void test_init_shows_all(void **state)
{
	fixture *f = *state;

	assert_int_equal(f->b.n, 9);
	assert_string_equal(shown(&f->b), "0,1,2,3,4,5,6,7,8");
	assert_int_equal(f->b.cur, 0);
	assert_int_equal(f->b.sort_col, -1);
	assert_int_equal(f->b.genre, -1);
	assert_null(f->b.pick);
}

static void test_fate_tags(void **state)
{
	static const char *const want[GT_NFATES] = {
		"ok", "malform", "blank", "missing", "invalid", "-1dur", "?tempo", "both",
		"?key"
	};

	(void)state;
	for (int i = 0; i < GT_NFATES; i++) {
		assert_string_equal(gt_browser_fate_tag((gt_fate)i), want[i]);
		assert_true(strlen(gt_browser_fate_tag((gt_fate)i)) <= 7);
	}
	assert_string_equal(gt_browser_fate_tag(GT_NFATES), "?");
	assert_true(gt_browser_numeric(GT_COL_TEMPO));
	assert_true(gt_browser_numeric(GT_COL_INSTANCE_ID));
	assert_false(gt_browser_numeric(GT_COL_KEY));
	assert_false(gt_browser_numeric(GT_COL_OBTAINED_DATE));
	assert_false(gt_browser_numeric(-1));
	assert_false(gt_browser_numeric(GT_NCOLS));
}

static void test_filters(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	assert_int_equal(gt_browser_set_show(b, GT_SHOW_KEPT), 0);
	assert_string_equal(shown(b), "0,4,5,6");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_DROPPED), 0);
	assert_string_equal(shown(b), "1,2,3,7,8");
	assert_int_equal(gt_browser_set_genre(b, 7 /* Rock */), 0);
	assert_string_equal(shown(b), "1,2");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_ALL), 0);
	assert_int_equal(gt_browser_set_genre(b, 2 /* Jazz */), 0);
	assert_string_equal(shown(b), "4,5,7");
	assert_int_equal(gt_browser_set_genre(b, 99), 0);   /* out of range: all */
	assert_int_equal(b->genre, -1);
	assert_int_equal(b->n, 9);
}

/* Rows of tracks under several genres (the genre bits come from fusion.c). */
static void test_filter_multi_genre(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	uint32_t genres[9] = { 0 };

	assert_int_equal(gt_browser_set_show(b, GT_SHOW_MULTI), 0);
	assert_int_equal(b->n, 0);                  /* no fusion data: nothing */
	genres[1] = genres[2] = (1u << 7) | (1u << 2);   /* two genres */
	genres[6] = 1u << 8;                             /* one genre only */
	b->genres = genres;
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_MULTI), 0);
	assert_string_equal(shown(b), "1,2");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_ALL), 0);
	assert_int_equal(b->n, 9);
	b->genres = NULL;
}

static void test_cursor_keeps_its_row(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	gt_browser_set_height(b, 20);
	gt_browser_goto(b, 6);
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_KEPT), 0);
	assert_int_equal(gt_browser_row(b, b->cur), 6);
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_DROPPED), 0);
	assert_int_equal(b->cur, 0);                /* row 6 is gone: first row */
	assert_int_equal(gt_browser_clear(b), 0);
	assert_int_equal(gt_browser_row(b, b->cur), 1);
}

static void test_row_set(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	const size_t rows[] = { 6, 0, 0, 99, 4 };

	gt_browser_set_genre(b, 2);
	assert_int_equal(gt_browser_set_rows(b, rows, 5, "true Rap, predicted Hip-Hop"), 0);
	assert_int_equal(b->npick, 3);               /* 99 ignored, 0 once */
	assert_int_equal(b->genre, -1);              /* a row set shows all of itself */
	assert_string_equal(shown(b), "0,4,6");
	assert_string_equal(b->label, "true Rap, predicted Hip-Hop");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_DROPPED), 0);
	assert_int_equal(b->n, 0);                   /* filters combine */
	assert_int_equal(gt_browser_clear(b), 0);
	assert_null(b->pick);
	assert_string_equal(b->label, "");
	assert_int_equal(b->show, GT_SHOW_ALL);
	assert_int_equal(b->n, 9);
	assert_int_equal(gt_browser_set_rows(b, NULL, 0, NULL), 0);
	assert_int_equal(b->n, 0);
	assert_string_equal(b->label, "chosen rows");
}

static void test_sort_numeric(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	gt_browser_goto(b, 4);
	assert_int_equal(gt_browser_sort(b, GT_COL_TEMPO, 0), 0);
	/* 60, 90, 90 (file order), 100.5, 120, 130, then '?', '', '' */
	assert_string_equal(shown(b), "6,4,5,0,1,7,2,3,8");
	assert_int_equal(b->cur, 0);
	assert_int_equal(gt_browser_sort(b, GT_COL_TEMPO, 1), 0);
	/* descending; ties and the cells that are not numbers keep file order, last */
	assert_string_equal(shown(b), "7,1,0,4,5,6,2,3,8");
	assert_int_equal(gt_browser_sort(b, GT_COL_POPULARITY, 0), 0);
	assert_string_equal(shown(b), "8,5,0,4,1,2,6,3,7");
	assert_int_equal(gt_browser_sort(b, -1, 1), 0);
	assert_string_equal(shown(b), "0,1,2,3,4,5,6,7,8");
	assert_int_equal(b->sort_desc, 0);
}

static void test_sort_text_and_filter(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	assert_int_equal(gt_browser_sort(b, GT_COL_ARTIST, 0), 0);
	/* case ignored first (ABBA before abba by bytes), empty last */
	assert_string_equal(shown(b), "2,1,5,6,0,4,7,3,8");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_KEPT), 0);
	assert_string_equal(shown(b), "5,6,0,4");    /* the sort stays */
	assert_int_equal(gt_browser_sort(b, GT_COL_ARTIST, 1), 0);
	assert_string_equal(shown(b), "4,0,6,5");
	assert_int_equal(b->pos[4], 0);
	assert_int_equal(b->pos[1], (size_t)-1);
}

static void test_moves(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	gt_browser_set_height(b, 4);
	gt_browser_move(b, 1);
	assert_int_equal(b->cur, 1);
	assert_int_equal(b->top, 0);
	gt_browser_move(b, 4);                       /* a page */
	assert_int_equal(b->cur, 5);
	assert_int_equal(b->top, 2);                 /* just enough to show it */
	gt_browser_move(b, LONG_MAX);
	assert_int_equal(b->cur, 8);
	assert_int_equal(b->top, 5);
	gt_browser_move(b, LONG_MIN);
	assert_int_equal(b->cur, 0);
	assert_int_equal(b->top, 0);
	gt_browser_move(b, -1);
	assert_int_equal(b->cur, 0);
	gt_browser_goto(b, SIZE_MAX);                /* G */
	assert_int_equal(b->cur, 8);
	assert_int_equal(b->top, 5);                 /* the last page ends the view */
	gt_browser_goto(b, 0);
	gt_browser_goto(b, 6);                       /* off the screen: centred */
	assert_int_equal(b->cur, 6);
	assert_int_equal(b->top, 4);
	gt_browser_goto(b, 5);                       /* on the screen: no scroll */
	assert_int_equal(b->top, 4);
}

static void test_scroll(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	gt_browser_set_height(b, 4);
	gt_browser_scroll(b, 3, 0);                  /* the wheel */
	assert_int_equal(b->top, 3);
	assert_int_equal(b->cur, 3);                 /* pulled into view */
	gt_browser_scroll(b, -1, 0);
	assert_int_equal(b->top, 2);
	assert_int_equal(b->cur, 3);                 /* still visible: stays */
	gt_browser_scroll(b, 2, 1);                  /* Ctrl-d */
	assert_int_equal(b->top, 4);
	assert_int_equal(b->cur, 5);
	gt_browser_scroll(b, 10, 1);
	assert_int_equal(b->top, 5);
	assert_int_equal(b->cur, 8);
	gt_browser_scroll(b, -2, 1);                 /* Ctrl-u */
	assert_int_equal(b->top, 3);
	assert_int_equal(b->cur, 6);
	gt_browser_scroll(b, LONG_MIN, 0);
	assert_int_equal(b->top, 0);
	assert_int_equal(b->cur, 3);
	gt_browser_set_height(b, 2);                 /* a smaller window */
	assert_int_equal(b->top, 2);
	assert_int_equal(b->cur, 3);
}

static void test_empty_view(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	int col = -1, wrapped = -1;
	const gt_colstats *st;

	assert_int_equal(gt_browser_set_rows(b, NULL, 0, "nothing"), 0);
	gt_browser_set_height(b, 5);
	gt_browser_move(b, 3);
	gt_browser_scroll(b, 3, 1);
	gt_browser_scroll(b, -3, 0);
	gt_browser_goto(b, SIZE_MAX);
	assert_int_equal(b->cur, 0);
	assert_int_equal(b->top, 0);
	assert_int_equal(gt_browser_search(b, "abba", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_goto_line(b, 2), -2);
	st = gt_browser_stats(b, GT_COL_TEMPO);
	assert_non_null(st);
	assert_int_equal(st->count, 0);
	assert_true(isnan(st->median));
	assert_int_equal(gt_browser_sort(b, GT_COL_TEMPO, 1), 0);
}

static void test_goto_line(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	gt_browser_set_height(b, 3);
	assert_int_equal(gt_browser_goto_line(b, 6), 0);
	assert_int_equal(b->cur, 4);
	assert_int_equal(gt_browser_goto_line(b, 11), 0);
	assert_int_equal(b->cur, 8);
	assert_int_equal(gt_browser_goto_line(b, 7), 0);   /* inside the 2-line record */
	assert_int_equal(b->cur, 4);
	assert_int_equal(gt_browser_goto_line(b, 1), -1);  /* the header */
	assert_int_equal(gt_browser_goto_line(b, 12), -1); /* past the end */
	assert_int_equal(gt_browser_goto_line(b, -5), -1);
	assert_int_equal(b->cur, 4);
	gt_browser_set_show(b, GT_SHOW_KEPT);
	assert_int_equal(gt_browser_goto_line(b, 3), -2);  /* dropped: hidden */
	assert_int_equal(gt_browser_goto_line(b, 9), 0);
	assert_int_equal(gt_browser_row(b, b->cur), 6);
	gt_browser_sort(b, GT_COL_TEMPO, 0);
	assert_int_equal(gt_browser_goto_line(b, 9), 0);   /* found where it is sorted to */
	assert_int_equal(b->cur, 0);
	assert_int_equal(gt_browser_goto_line(b, 2), 0);
	assert_int_equal(b->cur, 3);
}

static void test_columns(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	for (int c = 0; c < GT_NCOLS; c++)
		b->width[c] = 10;                /* each takes 11 cells with its gap */
	assert_int_equal(gt_browser_ncols_drawn(b, 35), 3);
	assert_int_equal(gt_browser_ncols_drawn(b, 32), 3);   /* 32 = 3*11 - the last gap */
	assert_int_equal(gt_browser_ncols_drawn(b, 31), 2);
	assert_int_equal(gt_browser_ncols_drawn(b, 5), 1);    /* always one */
	gt_browser_focus(b, 5, 35);
	assert_int_equal(b->col, 5);
	assert_int_equal(b->left, 3);
	gt_browser_focus(b, 4, 35);
	assert_int_equal(b->left, 3);                 /* still drawn: no scroll */
	gt_browser_focus(b, 1, 35);
	assert_int_equal(b->left, 1);
	gt_browser_focus(b, -3, 35);
	assert_int_equal(b->col, 0);
	assert_int_equal(b->left, 0);
	gt_browser_focus(b, 99, 35);
	assert_int_equal(b->col, GT_NCOLS - 1);
	assert_int_equal(b->left, GT_NCOLS - 3);
	gt_browser_focus(b, GT_NCOLS - 1, 5);         /* narrower than a column */
	assert_int_equal(b->left, GT_NCOLS - 1);
}

static void test_widths(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;

	/* fitted to header and drawn text ("Esc\x1b[31m" is 11 cells drawn) */
	assert_int_equal(b->fitted[GT_COL_ARTIST], 11);
	assert_int_equal(b->fitted[GT_COL_KEY], 3);
	assert_int_equal(b->fitted[GT_COL_POPULARITY], 10);
	assert_int_equal(b->fitted[GT_COL_TEMPO], 5);
	for (int c = 0; c < GT_NCOLS; c++) {
		assert_int_equal(b->width[c], b->fitted[c]);
		assert_true(b->width[c] >= 3 && b->width[c] <= GT_BROWSE_MAX_WIDTH);
	}
	gt_browser_focus(b, GT_COL_KEY, 100);
	gt_browser_resize_col(b, 2);
	assert_int_equal(b->width[GT_COL_KEY], 5);
	gt_browser_resize_col(b, -100);
	assert_int_equal(b->width[GT_COL_KEY], 3);
	gt_browser_resize_col(b, 1000);
	assert_int_equal(b->width[GT_COL_KEY], 120);
	gt_browser_resize_col(b, 0);
	assert_int_equal(b->width[GT_COL_KEY], 3);
}

static void test_cell_text_is_safe(void **state)
{
	fixture *f = *state;
	char buf[64];

	assert_string_equal(gt_browser_cell_text(&f->b, 5, GT_COL_ARTIST, buf, sizeof(buf)),
	                    "Esc\\x1b[31m");
	assert_string_equal(gt_browser_cell_text(&f->b, 4, GT_COL_TRACK, buf, sizeof(buf)),
	                    "two\\nlines");
	assert_string_equal(gt_browser_cell_text(&f->b, 0, GT_COL_ARTIST, buf, sizeof(buf)),
	                    "Röyksopp");
	assert_string_equal(gt_browser_cell_text(&f->b, 3, GT_COL_TEMPO, buf, sizeof(buf)), "");
}

static void test_search(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	int col = -1, wrapped = -1;

	gt_browser_set_height(b, 3);
	assert_int_equal(gt_browser_search(b, "ABBA", 1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 1);
	assert_int_equal(col, GT_COL_ARTIST);
	assert_int_equal(b->col, GT_COL_ARTIST);
	assert_int_equal(wrapped, 0);
	assert_int_equal(gt_browser_search(b, "abba", 1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 2);
	assert_int_equal(gt_browser_search(b, "abba", 1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 1);
	assert_int_equal(wrapped, 1);
	assert_int_equal(gt_browser_search(b, "abba", -1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 2);                  /* backward, wrapping */
	assert_int_equal(wrapped, 1);
	assert_int_equal(gt_browser_search(b, "queen", 1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 1);
	assert_int_equal(col, GT_COL_TRACK);
	assert_int_equal(gt_browser_search(b, "rock", -1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 2);
	assert_int_equal(col, GT_COL_GENRE);
	assert_int_equal(wrapped, 1);
	assert_int_equal(gt_browser_search(b, "nowhere", 1, &col, &wrapped), 0);
	assert_int_equal(b->cur, 2);                  /* not found: stays */
	assert_int_equal(gt_browser_search(b, "", 1, &col, &wrapped), 0);
}

/* The search sees cells as drawn: escapes, not control characters. */
static void test_search_drawn_text(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	int col = -1, wrapped = -1;

	assert_int_equal(gt_browser_search(b, "\\x1b[31", 1, &col, &wrapped), 1);
	assert_int_equal(gt_browser_row(b, b->cur), 5);
	assert_int_equal(gt_browser_search(b, "\x1b", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_search(b, "TWO\\NLINES", 1, &col, &wrapped), 1);
	assert_int_equal(gt_browser_row(b, b->cur), 4);
	assert_int_equal(col, GT_COL_TRACK);
	assert_int_equal(gt_browser_search(b, "yksopp's", 1, &col, &wrapped), 1);
	assert_int_equal(gt_browser_row(b, b->cur), 0);
	assert_int_equal(col, GT_COL_TRACK);
	/* only the rows shown */
	gt_browser_set_show(b, GT_SHOW_KEPT);
	assert_int_equal(gt_browser_search(b, "waterloo", 1, &col, &wrapped), 0);
}

static void test_search_unicode_case(void **state)
{
	fixture *f = *state;
	int col = -1, wrapped = -1;
	unsigned q[8];

	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_int_equal(gt_browser_fold("RÖ", q, 8), 2);
	assert_int_equal(q[0], 'r');
	assert_int_equal(q[1], 0xf6);
	assert_int_equal(gt_browser_fold("abc", q, 2), (size_t)-1);
	assert_int_equal(gt_browser_search(&f->b, "RÖYKSOPP", 1, &col, &wrapped), 1);
	assert_int_equal(f->b.cur, 0);
	assert_int_equal(col, GT_COL_ARTIST);
	assert_int_equal(wrapped, 1);                 /* from the row after the cursor */
	setlocale(LC_CTYPE, "C");
}

static void test_stats_numeric(void **state)
{
	fixture *f = *state;
	const gt_colstats *st = gt_browser_stats(&f->b, GT_COL_TEMPO);
	static const size_t bins[GT_BROWSE_BINS] = { 1, 0, 0, 0, 0, 2, 1, 0, 0, 0, 1, 1 };

	assert_non_null(st);
	assert_true(st->numeric);
	assert_int_equal(st->rows, 9);
	assert_int_equal(st->count, 6);              /* 60 90 90 100.5 120 130 */
	assert_int_equal(st->missing, 3);            /* '?', two empty */
	assert_near(st->min, 60, 0);
	assert_near(st->max, 130, 0);
	assert_near(st->median, 95.25, 1e-12);
	assert_near(st->mean, 590.5 / 6, 1e-12);
	for (int i = 0; i < GT_BROWSE_BINS; i++)
		assert_int_equal(st->bins[i], bins[i]);
	assert_ptr_equal(gt_browser_stats(&f->b, GT_COL_TEMPO), st);   /* cached */
	/* recomputed for the rows shown after a filter change */
	gt_browser_set_show(&f->b, GT_SHOW_KEPT);
	st = gt_browser_stats(&f->b, GT_COL_TEMPO);
	assert_int_equal(st->count, 4);              /* 60 90 90 100.5 */
	assert_int_equal(st->missing, 0);
	assert_near(st->median, 90, 0);
	/* the same rows in another order: the same summary */
	gt_browser_sort(&f->b, GT_COL_TEMPO, 1);
	assert_int_equal(gt_browser_stats(&f->b, GT_COL_TEMPO)->count, 4);
	assert_near(gt_browser_stats(&f->b, GT_COL_TEMPO)->median, 90, 0);
	assert_null(gt_browser_stats(&f->b, -1));
	assert_null(gt_browser_stats(&f->b, GT_NCOLS));
}

static void test_stats_text(void **state)
{
	fixture *f = *state;
	const gt_colstats *st = gt_browser_stats(&f->b, GT_COL_ARTIST);

	assert_non_null(st);
	assert_false(st->numeric);
	assert_int_equal(st->count, 7);
	assert_int_equal(st->missing, 2);
	assert_int_equal(st->distinct, 6);           /* ABBA and abba differ */
	assert_string_equal(st->top[0], "Zed");
	assert_int_equal(st->top_n[0], 2);
	assert_string_equal(st->top[1], "ABBA");     /* ties: byte order */
	assert_int_equal(st->top_n[1], 1);
	assert_string_equal(st->top[5], "abba");
	assert_int_equal(st->top_n[6], 0);
	st = gt_browser_stats(&f->b, GT_COL_GENRE);
	assert_int_equal(st->distinct, 5);
	assert_string_equal(st->top[0], "Jazz");
	assert_int_equal(st->top_n[0], 3);
	assert_string_equal(st->top[1], "Rock");
}

/* ---- the real file ---- */

typedef struct {
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
} real_fixture;

static int setup_real(void **state)
{
	const char *path = getenv("GT_REAL_CSV");
	real_fixture *f;
	gt_error err = { 0 };

	*state = NULL;
	if (!path || access(path, R_OK) != 0)
		return 0;
	f = calloc(1, sizeof(*f));
	if (!f || gt_dataset_load(&f->ds, path, &err) != GT_OK ||
	    gt_clean_run(&f->cl, &f->ds, &err) != GT_OK ||
	    gt_browser_init(&f->b, &f->ds, &f->cl) != 0) {
		print_error("%s\n", err.msg);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown_real(void **state)
{
	return *state ? teardown(state) : 0;
}

static void test_real_file(void **state)
{
	real_fixture *f = *state;
	gt_browser *b;
	int col, wrapped;

	if (!f)
		skip();
	b = &f->b;
	gt_browser_set_height(b, 30);
	assert_int_equal(b->n, 50005);
	assert_int_equal(gt_browser_goto_line(b, 10002), 0);
	assert_int_equal(f->cl.fates[gt_browser_row(b, b->cur)].fate, GT_FATE_BLANK);
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_DROPPED), 0);
	assert_int_equal(b->n, 9445);
	assert_int_equal(gt_browser_row(b, b->cur), 10000);   /* still on line 10002 */
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_KEPT), 0);
	assert_int_equal(b->n, 40560);
	assert_int_equal(gt_browser_set_genre(b, 7 /* Rock */), 0);
	assert_int_equal(b->n, 4099);
	assert_int_equal(gt_browser_clear(b), 0);
	gt_browser_goto(b, 0);
	assert_int_equal(gt_browser_search(b, "Naughty By Nature", 1, &col, &wrapped), 1);
	assert_int_equal(col, GT_COL_ARTIST);
	assert_int_equal(gt_browser_stats(b, GT_COL_TEMPO)->count, 45020);
	assert_int_equal(gt_browser_stats(b, GT_COL_DURATION)->count, 50000);
	assert_int_equal(gt_browser_sort(b, GT_COL_TEMPO, 0), 0);
	assert_string_equal(gt_cell(&f->ds, gt_browser_row(b, 0), GT_COL_TEMPO), "34.347");
	gt_browser_goto(b, SIZE_MAX);                /* not numbers come last */
	assert_string_equal(gt_cell(&f->ds, gt_browser_row(b, b->cur), GT_COL_TEMPO), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fixture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_shows_all, setup, teardown),
		cmocka_unit_test(test_fate_tags),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_multi_genre, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cursor_keeps_its_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_numeric, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_text_and_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_view, setup, teardown),
		cmocka_unit_test_setup_teardown(test_goto_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_widths, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cell_text_is_safe, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_drawn_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_unicode_case, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_numeric, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stats_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_real_file, setup_real, teardown_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
