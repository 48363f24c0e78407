/* test_browse.c: the Browse pane's model (src/core/browse.c) on a small CSV
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
		"kept", "malform", "blank", "missing", "invalid", "-1dur", "?tempo", "both",
		"?key"
	};

	(void)state;
	for (int i = 0; i < GT_NFATES; i++) {
		assert_string_equal(gt_browser_fate_tag((gt_fate)i), want[i]);
		assert_true(strlen(gt_browser_fate_tag((gt_fate)i)) <= 7);
		assert_true(strlen(gt_browser_fate_legend((gt_fate)i)) > 10);
	}
	assert_string_equal(gt_browser_fate_tag(GT_NFATES), "?");
	assert_non_null(strstr(gt_browser_fate_legend(GT_FATE_UNKNOWN_TEMPO), "improved preset"));
}

/* The study's columns are numeric or not as the study reads them, whatever
 * their cells hold (popularity has an "abc", obtained_date is empty). */
static void test_numeric_columns(void **state)
{
	fixture *f = *state;

	assert_true(gt_browser_numeric(&f->b, GT_COL_TEMPO));
	assert_true(gt_browser_numeric(&f->b, GT_COL_INSTANCE_ID));
	assert_true(gt_browser_numeric(&f->b, GT_COL_POPULARITY));
	assert_false(gt_browser_numeric(&f->b, GT_COL_KEY));
	assert_false(gt_browser_numeric(&f->b, GT_COL_OBTAINED_DATE));
	assert_false(gt_browser_numeric(&f->b, -1));
	assert_false(gt_browser_numeric(&f->b, GT_NCOLS));
	assert_int_equal(f->b.ncols, GT_NCOLS);
	assert_string_equal(gt_browser_name(&f->b, GT_COL_GENRE), "music_genre");
	assert_string_equal(gt_browser_short_name(&f->b, GT_COL_GENRE), "genre");
	assert_string_equal(gt_browser_name(&f->b, GT_NCOLS), "?");
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

/* Rows of tracks under several genres (the genre sets come from track_genres.c). */
static void test_filter_multi_genre(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	uint32_t set_of[9] = { 0 };
	gt_genre_set sets[3] = { { { 0 } } };
	gt_fusion fu = { .set_of = set_of, .sets = sets, .nsets = 3 };

	assert_int_equal(gt_browser_set_show(b, GT_SHOW_MULTI), 0);
	assert_int_equal(b->n, 0);                  /* no fusion data: nothing */
	sets[1].w[0] = 1u << 2;                     /* two genres, one past 64 */
	sets[1].w[1] = (uint64_t)1 << (100 - 64);
	sets[2].w[0] = 1u << 8;                     /* one genre only */
	set_of[1] = set_of[2] = 1;
	set_of[6] = 2;
	b->fusion = &fu;
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_MULTI), 0);
	assert_string_equal(shown(b), "1,2");
	assert_int_equal(gt_browser_set_show(b, GT_SHOW_ALL), 0);
	assert_int_equal(b->n, 9);
	b->fusion = NULL;
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

	/* fitted to the short name and the drawn text ("Esc\x1b[31m" is 11
	 * cells drawn) */
	assert_int_equal(b->fitted[GT_COL_ARTIST], 11);
	assert_int_equal(b->fitted[GT_COL_KEY], 3);
	assert_int_equal(b->fitted[GT_COL_POPULARITY], 3);     /* "pop", "abc" */
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

	assert_int_equal(gt_browser_search(b, "\\\\x1b\\[31", 1, &col, &wrapped), 1);
	assert_int_equal(gt_browser_row(b, b->cur), 5);
	assert_int_equal(gt_browser_search(b, "\x1b", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_search(b, "TWO\\\\NLINES", 1, &col, &wrapped), 1);
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

/* Set the search and count every match at once (the pane counts them a
 * few at a time between keys). */
static int set_search_all(gt_browser *b, const char *q, char *err, size_t errsz)
{
	int rc = gt_browser_set_search(b, q, err, errsz);

	while (rc == 0 && gt_browser_count_step(b, 2))
		;
	return rc;
}

/* ---- numbers as shown ---- */

static const char noisy_csv[] = HEADER
	"1.0,A,T,27.0,0.00468,0.6709999999999999,218293.0,0.941,3.33e-06,A#,0.115,"
	"-5.2010000000000005,Minor,0.0748,115.00200000000001,4-Apr,0.759,Electronic\n"
	"2.0,B,U,30.0,0.1,0.2,-1.0,0.5,0.0,C,0.1,-7.0,Major,0.05,?,4-Apr,0.5,Rock\n";

static void test_shown_numbers(void **state)
{
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
	gt_error err = { 0 };
	char buf[64];
	int col, wrapped;

	(void)state;
	assert_int_equal(gt_dataset_parse(&ds, noisy_csv, strlen(noisy_csv), "n.csv", &err), GT_OK);
	assert_int_equal(gt_clean_run(&cl, &ds, &err), GT_OK);
	assert_int_equal(gt_browser_init(&b, &ds, &cl), 0);
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_DANCEABILITY, buf, sizeof(buf)), "0.671");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_LOUDNESS, buf, sizeof(buf)), "-5.201");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_TEMPO, buf, sizeof(buf)), "115.002");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_DURATION, buf, sizeof(buf)), "218293");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_INSTANCE_ID, buf, sizeof(buf)), "1");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_INSTRUMENTALNESS, buf, sizeof(buf)),
	                    "3.33e-06");
	assert_string_equal(gt_browser_cell_text(&b, 1, GT_COL_TEMPO, buf, sizeof(buf)), "?");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_DANCEABILITY), "0.6709999999999999");  /* raw kept */
	/* widths fit the text shown, not the 18 characters of the file */
	assert_int_equal(b.fitted[GT_COL_DANCEABILITY], 5);
	assert_int_equal(b.fitted[GT_COL_LOUDNESS], 6);
	assert_int_equal(b.fitted[GT_COL_INSTANCE_ID], 3);
	/* the search sees what is shown */
	assert_int_equal(gt_browser_search(&b, "671", 1, &col, &wrapped), 1);
	assert_int_equal(col, GT_COL_DANCEABILITY);
	assert_int_equal(gt_browser_search(&b, "6709", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_search(&b, "^-5\\.201$", 1, &col, &wrapped), 1);
	assert_int_equal(col, GT_COL_LOUDNESS);
	/* and so does a filter that matches text */
	assert_int_equal(gt_browser_add_filter(&b, "dance~^0.67$", buf, sizeof(buf)), 0);
	assert_int_equal(b.n, 0);
	gt_browser_clear(&b);
	assert_int_equal(gt_browser_add_filter(&b, "dance~^0.671$", buf, sizeof(buf)), 0);
	assert_int_equal(b.n, 1);
	gt_browser_free(&b);
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
}

/* The precision of the numbers shown: the text, the widths, what a search
 * and a ~ filter look at, a column resized by hand; the cycle of #. */
static void test_digits(void **state)
{
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
	gt_error err = { 0 };
	char buf[64];
	int col, wrapped, d = GT_BROWSE_DIGITS;

	(void)state;
	assert_int_equal(gt_dataset_parse(&ds, noisy_csv, strlen(noisy_csv), "n.csv", &err), GT_OK);
	assert_int_equal(gt_clean_run(&cl, &ds, &err), GT_OK);
	assert_int_equal(gt_browser_init(&b, &ds, &cl), 0);
	assert_int_equal(b.digits, 12);
	assert_int_equal(gt_browser_add_filter(&b, "dance~^0.671$", buf, sizeof(buf)), 0);
	assert_int_equal(gt_browser_search(&b, "115.002", 1, &col, &wrapped), 1);
	b.width[GT_COL_ENERGY] = 9;                    /* by hand (>) */
	b.resized[GT_COL_ENERGY] = 1;
	assert_int_equal(gt_browser_set_digits(&b, 3), 0);
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_DANCEABILITY, buf, sizeof(buf)), "0.671");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_TEMPO, buf, sizeof(buf)), "115");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_LOUDNESS, buf, sizeof(buf)), "-5.2");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_DURATION, buf, sizeof(buf)), "218293");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_INSTRUMENTALNESS, buf, sizeof(buf)),
	                    "3.33e-06");
	assert_int_equal(b.fitted[GT_COL_TEMPO], 5);          /* "tempo" */
	assert_int_equal(b.fitted[GT_COL_LOUDNESS], 4);
	assert_int_equal(b.width[GT_COL_ENERGY], 9);           /* kept */
	assert_int_equal(b.n, 1);                              /* 0.671 is 0.671 still */
	assert_true(gt_browser_counted(&b) == 0 || gt_browser_hits(&b, NULL) == 0);
	assert_int_equal(gt_browser_search(&b, "115.002", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_search(&b, "^115$", 1, &col, &wrapped), 1);
	/* as in the file: the raw text, trailing zeros and noise */
	assert_int_equal(gt_browser_set_digits(&b, 0), 0);
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_DANCEABILITY, buf, sizeof(buf)),
	                    "0.6709999999999999");
	assert_string_equal(gt_browser_cell_text(&b, 0, GT_COL_POPULARITY, buf, sizeof(buf)), "27.0");
	assert_int_equal(b.fitted[GT_COL_DANCEABILITY], 18);
	assert_int_equal(b.n, 0);                              /* the filter sees the file's text */
	assert_int_equal(gt_browser_search(&b, "^115$", 1, &col, &wrapped), 0);
	assert_int_equal(gt_browser_set_digits(&b, 12), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.fitted[GT_COL_DANCEABILITY], 5);
	/* the cycle of # */
	for (int i = 0; i < 5; i++)
		d = gt_browser_next_digits(d, 1);
	assert_int_equal(d, 12);
	assert_int_equal(gt_browser_next_digits(12, 1), 6);
	assert_int_equal(gt_browser_next_digits(3, 1), 0);
	assert_int_equal(gt_browser_next_digits(0, 1), 12);
	assert_int_equal(gt_browser_next_digits(12, -1), 0);
	assert_int_equal(gt_browser_next_digits(7, 1), 12);
	gt_browser_free(&b);
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
}

/* Below 12 digits a number column of a file's own gives way to its
 * numbers: its header, longer, is cut (to 10 cells at least). */
static void test_digits_widths(void **state)
{
	static const char own[] = "id,chroma_stft_mean,rms_var,label\n"
		"1,0.33509281277656555,0.0042721280355099,blues\n"
		"2,0.5,0.25,rock\n";
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
	gt_error err = { 0 };

	(void)state;
	assert_int_equal(gt_dataset_parse(&ds, own, strlen(own), "o.csv", &err), GT_OK);
	assert_int_equal(gt_clean_run(&cl, &ds, &err), GT_OK);
	assert_int_equal(gt_browser_init(&b, &ds, &cl), 0);
	assert_int_equal(b.fitted[1], 16);           /* the header; "0.335092812777" is 14 */
	assert_int_equal(b.fitted[2], 16);           /* "0.00427212803551" */
	assert_int_equal(gt_browser_set_digits(&b, 3), 0);
	assert_int_equal(b.fitted[1], 10);
	assert_int_equal(b.fitted[2], 7);            /* "rms_var" beside "0.00427" */
	assert_int_equal(gt_browser_set_digits(&b, 0), 0);
	assert_int_equal(b.fitted[1], 19);
	gt_browser_free(&b);
	gt_clean_free(&cl);
	gt_dataset_free(&ds);
}

/* ---- columns pinned and hidden ---- */

static void test_pin_hide(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	int cols[GT_NCOLS], n;

	for (int c = 0; c < GT_NCOLS; c++)
		b->width[c] = 10;
	assert_int_equal(gt_browser_pin(b, GT_COL_TRACK), 1);
	assert_int_equal(gt_browser_pin(b, GT_COL_ARTIST), 1);
	assert_int_equal(b->npinned, 2);
	assert_int_equal(b->order[0], GT_COL_ARTIST);      /* in file order */
	assert_int_equal(b->order[1], GT_COL_TRACK);
	assert_int_equal(b->order[2], GT_COL_INSTANCE_ID);
	assert_int_equal(gt_browser_ncols_drawn(b, 55), 3);  /* 55 - 22 pinned */
	n = gt_browser_drawn(b, 55, cols, GT_NCOLS);
	assert_int_equal(n, 5);
	assert_int_equal(cols[0], GT_COL_ARTIST);
	assert_int_equal(cols[2], GT_COL_INSTANCE_ID);
	assert_int_equal(cols[4], GT_COL_ACOUSTICNESS);
	/* scrolling to tempo keeps the pinned ones */
	gt_browser_focus(b, GT_COL_TEMPO, 55);
	n = gt_browser_drawn(b, 55, cols, GT_NCOLS);
	assert_int_equal(cols[0], GT_COL_ARTIST);
	assert_int_equal(cols[1], GT_COL_TRACK);
	assert_int_equal(cols[n - 1], GT_COL_TEMPO);
	gt_browser_focus(b, GT_COL_ARTIST, 55);           /* pinned: no scroll */
	assert_int_equal(cols[n - 1], GT_COL_TEMPO);
	gt_browser_focus_step(b, 1, 55);
	assert_int_equal(b->col, GT_COL_TRACK);
	gt_browser_focus_step(b, 1, 55);
	assert_int_equal(b->col, GT_COL_INSTANCE_ID);
	/* hidden: left out, skipped, the focus moves on */
	assert_int_equal(gt_browser_hide(b, GT_COL_POPULARITY), 0);
	gt_browser_focus_step(b, 1, 55);
	assert_int_equal(b->col, GT_COL_ACOUSTICNESS);
	assert_int_equal(gt_browser_hide(b, GT_COL_ACOUSTICNESS), 0);
	assert_int_equal(b->col, GT_COL_DANCEABILITY);
	assert_int_equal(b->norder, GT_NCOLS - 2);
	gt_browser_focus(b, GT_COL_POPULARITY, 55);       /* hidden: the next one */
	assert_int_equal(b->col, GT_COL_DANCEABILITY);
	gt_browser_focus(b, GT_NCOLS - 1, 55);
	assert_int_equal(gt_browser_hide(b, GT_NCOLS - 1), 0);
	assert_int_equal(b->col, GT_NCOLS - 2);           /* the last: the one before */
	assert_int_equal(gt_browser_unhide_all(b), 3);
	assert_int_equal(b->norder, GT_NCOLS);
	assert_int_equal(gt_browser_pin(b, GT_COL_TRACK), 0);
	assert_int_equal(gt_browser_pin(b, GT_COL_ARTIST), 0);
	assert_int_equal(b->order[1], GT_COL_ARTIST);
	for (int c = 0; c < GT_NCOLS - 1; c++)
		assert_int_equal(gt_browser_hide(b, c), 0);
	assert_int_equal(gt_browser_hide(b, GT_NCOLS - 1), -1);   /* never the last one */
	assert_int_equal(b->col, GT_NCOLS - 1);
	assert_int_equal(gt_browser_ncols_drawn(b, 5), 1);
	/* text columns shrink to the room, numbers do not; a hand width stays */
	gt_browser_unhide_all(b);
	b->fitted[GT_COL_TRACK] = 30;
	b->fitted[GT_COL_ARTIST] = 25;
	gt_browser_fit_room(b, 64);
	assert_int_equal(b->width[GT_COL_TRACK], 16);
	assert_int_equal(b->width[GT_COL_ARTIST], 16);
	assert_int_equal(b->width[GT_COL_TEMPO], 10);
	gt_browser_focus(b, GT_COL_ARTIST, 64);
	gt_browser_resize_col(b, 4);
	gt_browser_fit_room(b, 64);
	assert_int_equal(b->width[GT_COL_ARTIST], 20);
	gt_browser_fit_room(b, 200);
	assert_int_equal(b->width[GT_COL_TRACK], 30);
}

/* ---- the line number typed for ':' ---- */

static void test_parse_line(void **state)
{
	fixture *f = *state;
	long line = 0;

	assert_int_equal(gt_browser_parse_line("12", &line), 0);
	assert_int_equal(line, 12);
	assert_int_equal(gt_browser_parse_line(" 7 ", &line), 0);
	assert_int_equal(line, 7);
	assert_int_equal(gt_browser_parse_line("+5", &line), 0);
	assert_int_equal(line, 5);
	assert_int_equal(gt_browser_parse_line("-1", &line), 0);
	assert_int_equal(line, -1);
	assert_int_equal(gt_browser_goto_line(&f->b, line), -1);     /* no such line */
	assert_int_equal(gt_browser_parse_line("1e3", &line), -1);
	assert_int_equal(gt_browser_parse_line("12x3", &line), -1);
	assert_int_equal(gt_browser_parse_line("", &line), -1);
	assert_int_equal(gt_browser_parse_line("-", &line), -1);
	assert_int_equal(gt_browser_parse_line("1 2", &line), -1);
	assert_int_equal(gt_browser_parse_line("0x10", &line), -1);
	assert_int_equal(gt_browser_parse_line("99999999999999999999", &line), -2);
	assert_int_equal(gt_browser_parse_line("9223372036854775807", &line), 0);
	assert_int_equal(line, LONG_MAX);
	assert_int_equal(gt_browser_goto_line(&f->b, line), -1);
}

/* ---- filters on columns ---- */

static void test_filter_parse(void **state)
{
	fixture *f = *state;
	gt_bfilter fl;
	char err[160];

	assert_int_equal(gt_browser_parse_filter(&f->b, "tempo>120", &fl, err, sizeof(err)), 0);
	assert_int_equal(fl.col, GT_COL_TEMPO);
	assert_int_equal(fl.op, GT_OP_GT);
	assert_true(fl.numeric);
	assert_near(fl.num, 120, 0);
	assert_string_equal(fl.label, "tempo>120");
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, " genre = Hip-Hop ", &fl, err, sizeof(err)), 0);
	assert_int_equal(fl.col, GT_COL_GENRE);
	assert_int_equal(fl.op, GT_OP_EQ);
	assert_string_equal(fl.text, "Hip-Hop");
	assert_string_equal(fl.label, "music_genre=Hip-Hop");
	assert_true(gt_bfilter_pass(&fl, "hip-hop"));
	assert_false(gt_bfilter_pass(&fl, "Hip"));
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, "DANCE<=0.5", &fl, err, sizeof(err)), 0);
	assert_int_equal(fl.col, GT_COL_DANCEABILITY);
	assert_int_equal(fl.op, GT_OP_LE);
	assert_true(gt_bfilter_pass(&fl, "0.5"));
	assert_false(gt_bfilter_pass(&fl, "0.6709999999999999"));
	assert_false(gt_bfilter_pass(&fl, "?"));                  /* not a number */
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, "popularity!=27", &fl, err, sizeof(err)), 0);
	assert_false(gt_bfilter_pass(&fl, "27.0"));
	assert_true(gt_bfilter_pass(&fl, ""));
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, "artist_name~^(abba|zed)$", &fl, err, sizeof(err)), 0);
	assert_true(gt_bfilter_pass(&fl, "ABBA"));
	assert_false(gt_bfilter_pass(&fl, "ABBA!"));
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, "track!~queen", &fl, err, sizeof(err)), 0);
	assert_false(gt_bfilter_pass(&fl, "Dancing Queen"));
	gt_bfilter_free(&fl);
	assert_int_equal(gt_browser_parse_filter(&f->b, "tempo=?", &fl, err, sizeof(err)), 0);
	assert_false(fl.numeric);                                 /* text: '?' itself */
	assert_true(gt_bfilter_pass(&fl, "?"));
	gt_bfilter_free(&fl);
	/* mistakes, each with its reason */
	assert_int_equal(gt_browser_parse_filter(&f->b, "", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "COLUMN OP VALUE"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "foo=1", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no column 'foo'"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "d=1", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "several columns"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "tempo 120", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "operator"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "artist<5", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "artist_name is text"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "tempo>fast", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "'fast' is not a number"));
	assert_int_equal(gt_browser_parse_filter(&f->b, "tempo>", &fl, err, sizeof(err)), -1);
	assert_int_equal(gt_browser_parse_filter(&f->b, "track~(", &fl, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "track_name: "));
}

static void test_filter_apply(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	char err[160];

	gt_browser_set_height(b, 3);
	assert_int_equal(gt_browser_add_filter(b, "tempo>=90", err, sizeof(err)), 0);
	assert_string_equal(shown(b), "0,1,4,5,7");
	assert_int_equal(gt_browser_add_filter(b, "genre=jazz", err, sizeof(err)), 0);
	assert_string_equal(shown(b), "4,5,7");
	assert_int_equal(b->nfilters, 2);
	assert_string_equal(b->filters[1].label, "music_genre=jazz");
	assert_int_equal(gt_browser_add_filter(b, "genre=", err, sizeof(err)), 0);
	assert_int_equal(b->n, 0);
	assert_int_equal(gt_browser_add_filter(b, "nothing", err, sizeof(err)), -2);
	assert_int_equal(b->nfilters, 3);                          /* unchanged */
	assert_int_equal(gt_browser_clear(b), 0);                  /* c clears them too */
	assert_int_equal(b->nfilters, 0);
	assert_int_equal(b->n, 9);
	/* the value under the cursor */
	gt_browser_goto(b, 4);
	assert_int_equal(gt_browser_filter_value(b, GT_COL_ARTIST), 0);
	assert_string_equal(shown(b), "4,7");
	assert_string_equal(b->filters[0].label, "artist_name=Zed");
	assert_int_equal(gt_browser_row(b, b->cur), 4);            /* the cursor stays */
	gt_browser_clear(b);
	gt_browser_goto(b, 0);
	assert_int_equal(gt_browser_filter_value(b, GT_COL_TEMPO), 0);    /* 100.5 */
	assert_string_equal(shown(b), "0");
	gt_browser_clear(b);
	gt_browser_goto(b, 2);
	assert_int_equal(gt_browser_filter_value(b, GT_COL_TEMPO), 0);    /* '?' */
	assert_string_equal(shown(b), "2");
	gt_browser_clear(b);
	for (int i = 0; i < GT_BROWSE_FILTERS; i++)
		assert_int_equal(gt_browser_add_filter(b, "pop>0", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_add_filter(b, "pop>0", err, sizeof(err)), -3);
	/* filters and the row set from Confusion: the row set replaces them */
	{
		size_t rows[] = { 6, 8 };

		assert_int_equal(gt_browser_set_rows(b, rows, 2, "two"), 0);
		assert_int_equal(b->nfilters, 0);
		assert_int_equal(gt_browser_add_filter(b, "artist=mozart", err, sizeof(err)), 0);
		assert_string_equal(shown(b), "6");
	}
}

/* ---- the search as a regular expression, and its count ---- */

static void test_search_regex(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	char err[128];
	size_t at, so, eo;
	int col, wrapped;

	gt_browser_set_height(b, 3);
	assert_int_equal(set_search_all(b, "^abba$", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_hits(b, &at), 2);              /* ABBA and abba */
	assert_int_equal(at, 0);
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 1);
	assert_int_equal(b->cur, 1);
	assert_int_equal(col, GT_COL_ARTIST);
	gt_browser_hits(b, &at);
	assert_int_equal(at, 1);
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 1);
	gt_browser_hits(b, &at);
	assert_int_equal(at, 2);
	assert_true(gt_browser_row_hit(b, 2));
	assert_false(gt_browser_row_hit(b, 0));
	/* the count to the cursor, step by step, against the count from the top */
	assert_int_equal(set_search_all(b, "a", err, sizeof(err)), 0);
	for (long step = 0; step < 40; step++) {
		gt_browser_move(b, step % 7 < 4 ? 1 : -(step % 3));
		if (step == 20)
			gt_browser_set_show(b, GT_SHOW_KEPT);
		gt_browser_hits(b, &at);
		assert_int_equal(gt_browser_hit_at(b), at);
	}
	gt_browser_set_show(b, GT_SHOW_ALL);
	gt_browser_goto(b, 2);
	/* alternatives; ^ and $ are each cell's ends */
	assert_int_equal(set_search_all(b, "^(mozart|rap)$", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_hits(b, NULL), 2);             /* rows 6 and 8 */
	assert_int_equal(set_search_all(b, "queen$", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_hits(b, NULL), 1);
	assert_int_equal(set_search_all(b, "minor$", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_hits(b, NULL), 8);             /* not the blank row */
	/* the count follows the filters */
	gt_browser_set_show(b, GT_SHOW_KEPT);
	assert_int_equal(gt_browser_hits(b, NULL), 4);
	gt_browser_set_show(b, GT_SHOW_ALL);
	/* a mistake leaves the search as it was */
	assert_int_equal(set_search_all(b, "[", err, sizeof(err)), -2);
	assert_true(strlen(err) > 0);
	assert_string_equal(b->pattern, "minor$");
	assert_int_equal(gt_browser_search(b, "(", 1, &col, &wrapped), -2);
	/* where it matches in a cell's text, for the highlight */
	assert_int_equal(set_search_all(b, "QUEEN", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_span(b, "Dancing Queen", 0, &so, &eo), 1);
	assert_int_equal(so, 8);
	assert_int_equal(eo, 13);
	assert_int_equal(gt_browser_span(b, "Dancing Queen", 9, &so, &eo), 0);
	assert_int_equal(set_search_all(b, "", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_hits(b, NULL), 0);
	assert_int_equal(gt_browser_span(b, "Dancing Queen", 0, &so, &eo), 0);
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 0);
}

/* Nothing is looked at until asked: the next match on the way, the count
 * a few rows at a time, and again for rows a filter brings in. */
static void test_search_lazy(void **state)
{
	fixture *f = *state;
	gt_browser *b = &f->b;
	char err[128];
	int col, wrapped;

	gt_browser_set_height(b, 3);
	assert_int_equal(gt_browser_set_search(b, "zed", err, sizeof(err)), 0);
	assert_false(gt_browser_counted(b));
	assert_int_equal(gt_browser_hits(b, NULL), 0);
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 1);
	assert_int_equal(gt_browser_row(b, b->cur), 4);
	assert_int_equal(b->nknown, 4);               /* rows 1 to 4, on the way */
	assert_int_equal(gt_browser_count_step(b, 2), 1);
	assert_int_equal(b->nknown, 6);
	assert_int_equal(gt_browser_count_step(b, 100), 0);
	assert_true(gt_browser_counted(b));
	assert_int_equal(gt_browser_hits(b, NULL), 2);
	gt_browser_set_show(b, GT_SHOW_KEPT);         /* known rows stay known */
	assert_true(gt_browser_counted(b));
	assert_int_equal(gt_browser_hits(b, NULL), 1);
	gt_browser_set_show(b, GT_SHOW_ALL);
	assert_int_equal(gt_browser_hits(b, NULL), 2);
	/* step by step: two rows at a time from line 2 to the Zed of line 10 */
	{
		size_t k = 0;

		gt_browser_goto(b, 0);
		assert_int_equal(gt_browser_search_step(b, 1, &k, 2, &col, &wrapped), 2);
		assert_int_equal(k, 2);
		assert_int_equal(b->cur, 0);                     /* not moved yet */
		assert_int_equal(gt_browser_search_step(b, 1, &k, 2, &col, &wrapped), 1);
		assert_int_equal(gt_browser_row(b, b->cur), 4);
		k = 0;
		assert_int_equal(gt_browser_search_step(b, -1, &k, 100, &col, &wrapped), 1);
		assert_int_equal(gt_browser_row(b, b->cur), 7);   /* backward, wrapping */
		assert_int_equal(wrapped, 1);
	}
	assert_int_equal(gt_browser_set_search(b, "nowhere", err, sizeof(err)), 0);
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 0);
	assert_true(gt_browser_counted(b));           /* a miss looked at all */
	assert_int_equal(gt_browser_search_next(b, 1, &col, &wrapped), 0);
}

/* Plain text goes the fast way; the same text as an expression must find
 * the same rows. */
static void test_search_literal_as_regex(void **state)
{
	static const char *const words[] = {
		"abba", "a", "e", "zed", "rock", "0", "5", "100", "-1", "x1b", "night", "ö", "apr",
	};
	fixture *f = *state;
	gt_browser *b = &f->b;
	char err[128], re[64];
	unsigned char lit[16];

	setlocale(LC_CTYPE, "C.UTF-8");
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		assert_int_equal(set_search_all(b, words[w], err, sizeof(err)), 0);
		assert_true(b->literal);
		for (size_t r = 0; r < 9; r++)
			lit[r] = (unsigned char)gt_browser_row_hit(b, r);
		snprintf(re, sizeof(re), "(%s)", words[w]);
		assert_int_equal(set_search_all(b, re, err, sizeof(err)), 0);
		assert_false(b->literal);
		for (size_t r = 0; r < 9; r++)
			if (lit[r] != gt_browser_row_hit(b, r))
				fail_msg("'%s' row %zu: %d as text, %d as an expression", words[w], r,
				         lit[r], gt_browser_row_hit(b, r));
	}
	setlocale(LC_CTYPE, "C");
}

/* ---- a wide table: every column of the file ---- */

typedef struct {
	gt_dataset ds;
	gt_clean cl;
	gt_browser b;
	char *text;
} wide_fixture;

/* A table of `extra` columns beside the study's 18 (before them, when
 * `before`): "x_0", "x_1", ... numbers (every seventh column text, one
 * column named with a blank in it), 40 rows. With study 0, the study's
 * columns are left out. */
static wide_fixture *wide_table(int extra, int study)
{
	wide_fixture *f = calloc(1, sizeof(*f));
	size_t cap = 4000000, len = 0;
	gt_error err = { 0 };

	if (!f || !(f->text = malloc(cap)))
		return NULL;
	len += (size_t)snprintf(f->text + len, cap - len, "%.*s", study ? (int)strlen(HEADER) - 1 : 2,
	                        study ? HEADER : "id");      /* (without its line end) */
	for (int j = 0; j < extra; j++)
		len += (size_t)snprintf(f->text + len, cap - len, j == 5 ? ",x %d wide" : ",x_%d", j);
	len += (size_t)snprintf(f->text + len, cap - len, "\n");
	for (int r = 0; r < 40; r++) {
		if (study)
			len += (size_t)snprintf(f->text + len, cap - len, "%d,Art %d,Song,27.0,0.1,0.2,"
			                        "200000.0,0.3,0.4,A#,0.5,-5.5,Minor,0.06,99.0,4-Apr,0.7,%s",
			                        r, r, r % 2 ? "Jazz" : "Rock");
		else
			len += (size_t)snprintf(f->text + len, cap - len, "%d", r);
		for (int j = 0; j < extra; j++) {
			if (j % 7 == 3)
				len += (size_t)snprintf(f->text + len, cap - len, ",word%d", (r * 31 + j) % 5);
			else if (j == extra - 1 && r == 17)
				len += (size_t)snprintf(f->text + len, cap - len, ",needle");
			else
				len += (size_t)snprintf(f->text + len, cap - len, ",%d.%d0000000000001",
				                        (r * 37 + j * 11) % 100, j % 10);
		}
		len += (size_t)snprintf(f->text + len, cap - len, "\n");
	}
	if (gt_dataset_parse(&f->ds, f->text, len, "w.csv", &err) != GT_OK ||
	    gt_clean_run(&f->cl, &f->ds, &err) != GT_OK ||
	    gt_browser_init(&f->b, &f->ds, &f->cl) != 0) {
		print_error("%s\n", err.msg);
		return NULL;
	}
	return f;
}

static void wide_free(wide_fixture *f)
{
	gt_browser_free(&f->b);
	gt_clean_free(&f->cl);
	gt_dataset_free(&f->ds);
	free(f->text);
	free(f);
}

/* Columns, names, kinds and cells of a table of 60 columns and one of
 * 300 (the study's 18 among them or not). */
static void test_wide_columns(void **state)
{
	static const int extras[] = { 42, 282, 299 };
	char buf[64];

	(void)state;
	for (int k = 0; k < 3; k++) {
		int study = k < 2, base = study ? GT_NCOLS : 1;
		wide_fixture *f = wide_table(extras[k], study);
		gt_browser *b;

		assert_non_null(f);
		b = &f->b;
		assert_int_equal(b->ncols, base + extras[k]);
		assert_int_equal(b->norder, b->ncols);
		assert_string_equal(gt_browser_name(b, base), "x_0");
		assert_string_equal(gt_browser_name(b, base + 5), "x 5 wide");
		assert_true(gt_browser_numeric(b, base));
		assert_false(gt_browser_numeric(b, base + 3));       /* words */
		assert_true(gt_browser_numeric(b, b->ncols - 1));     /* one 'needle' in 40 */
		assert_string_equal(gt_browser_cell_text(b, 0, base + 1, buf, sizeof(buf)), "11.1");
		assert_int_equal(gt_browser_find_column(b, "x_1", 3), base + 1);
		assert_int_equal(gt_browser_find_column(b, "x_2", 3), base + 2);
		assert_int_equal(gt_browser_find_column(b, "x_", 2), -2);
		assert_int_equal(gt_browser_find_column(b, "#2", 2), 1);
		assert_int_equal(b->study[base], -1);
		if (study)
			assert_int_equal(b->study[GT_COL_TEMPO], GT_COL_TEMPO);
		/* every column is fitted to its cells; a long name is cut */
		for (int c = base; c < b->ncols; c++)
			assert_true(b->fitted[c] >= 3 && b->fitted[c] <= GT_BROWSE_MAX_WIDTH);
		assert_int_equal(b->fitted[base + 1], 4);               /* "11.1", "x_1" */
		wide_free(f);
	}
}

/* Moving to the last of 300 columns scrolls to it; pinning, hiding and
 * the drawn columns work there as on the study's 18. */
static void test_wide_scroll(void **state)
{
	wide_fixture *f = wide_table(282, 1);
	gt_browser *b = &f->b;
	int cols[64], n, left;

	(void)state;
	gt_browser_focus(b, 0, 60);
	gt_browser_focus_step(b, b->ncols, 60);               /* $ */
	assert_int_equal(b->col, b->ncols - 1);
	n = gt_browser_drawn(b, 60, cols, 64);
	assert_true(n >= 2);
	assert_int_equal(cols[n - 1], b->ncols - 1);
	left = b->left;
	gt_browser_move(b, 10);                               /* rows: columns stay */
	assert_int_equal(b->left, left);
	assert_int_equal(gt_browser_pin(b, GT_COL_ARTIST), 1);
	gt_browser_focus(b, b->col, 60);                      /* as the pane does */
	n = gt_browser_drawn(b, 60, cols, 64);
	assert_int_equal(cols[0], GT_COL_ARTIST);
	assert_int_equal(cols[n - 1], b->ncols - 1);
	assert_int_equal(gt_browser_hide(b, b->ncols - 1), 0);
	assert_int_equal(b->col, b->ncols - 2);
	assert_int_equal(b->norder, b->ncols - 1);
	assert_int_equal(gt_browser_unhide_all(b), 1);
	/* focused in a narrow room, then a wide one: the room fills from the
	 * last column back, none left empty */
	gt_browser_focus(b, b->ncols - 1, 5);
	assert_int_equal(b->left, b->norder - 1);
	gt_browser_focus(b, b->ncols - 1, 60);
	n = gt_browser_drawn(b, 60, cols, 64);
	assert_true(n >= 4);
	assert_int_equal(cols[n - 1], b->ncols - 1);
	/* the drawn columns never overflow the room given */
	gt_browser_focus(b, 0, 4000);
	n = gt_browser_drawn(b, 4000, cols, 64);
	assert_int_equal(n, 64);
	wide_free(f);
}

/* Sort, filters, search and summaries on columns past the study's. */
static void test_wide_sort_filter_search(void **state)
{
	wide_fixture *f = wide_table(282, 1);
	gt_browser *b = &f->b;
	int last = b->ncols - 1, x5 = GT_NCOLS + 5, col, wrapped;
	char err[160];
	const gt_colstats *st;

	(void)state;
	/* x_281 = (r * 37 + 281 * 11) % 100 . 1, 'needle' on row 17 */
	assert_int_equal(gt_browser_sort(b, last, 0), 0);
	assert_string_equal(gt_cell_col(&f->ds, gt_browser_row(b, 0), last), "1.10000000000001");
	assert_string_equal(gt_cell_col(&f->ds, gt_browser_row(b, b->n - 1), last), "needle");
	assert_int_equal(gt_browser_sort(b, last, 1), 0);
	assert_string_equal(gt_cell_col(&f->ds, gt_browser_row(b, 0), last), "98.10000000000001");
	assert_int_equal(gt_browser_sort(b, GT_NCOLS + 3, 0), 0);    /* text */
	assert_string_equal(gt_cell_col(&f->ds, gt_browser_row(b, 0), GT_NCOLS + 3), "word0");
	assert_int_equal(gt_browser_sort(b, -1, 0), 0);
	/* filters by name, a name with blanks, a number, a value under the cursor */
	assert_int_equal(gt_browser_add_filter(b, "x_281>=50", err, sizeof(err)), 0);
	assert_int_equal(b->n, 20);
	assert_string_equal(b->filters[0].label, "x_281>=50");
	assert_int_equal(gt_browser_add_filter(b, "x 5 wide < 30", err, sizeof(err)), 0);
	assert_string_equal(b->filters[1].label, "x 5 wide<30");
	assert_int_equal(b->n, 7);
	assert_int_equal(gt_browser_clear(b), 0);
	assert_int_equal(gt_browser_add_filter(b, "#3~^song$", err, sizeof(err)), 0);
	assert_int_equal(b->n, 40);
	assert_int_equal(gt_browser_clear(b), 0);
	assert_int_equal(gt_browser_add_filter(b, "x_3~word[12]", err, sizeof(err)), 0);
	assert_int_equal(b->n, 16);
	assert_int_equal(gt_browser_clear(b), 0);
	assert_int_equal(gt_browser_add_filter(b, "x_3>1", err, sizeof(err)), -2);
	assert_non_null(strstr(err, "x_3 is text"));
	gt_browser_goto(b, 2);
	assert_int_equal(gt_browser_filter_value(b, x5), 0);
	assert_int_equal(b->n, 1);          /* (r * 37 + 55) % 100: 29 for row 2 alone */
	assert_string_equal(b->filters[0].label, "x 5 wide=29.5");
	assert_int_equal(gt_browser_clear(b), 0);
	/* the search: text in the last column, a number as shown in column 200 */
	gt_browser_goto(b, 0);
	assert_int_equal(gt_browser_search(b, "needle", 1, &col, &wrapped), 1);
	assert_int_equal(col, last);
	assert_int_equal(gt_browser_row(b, b->cur), 17);
	assert_int_equal(gt_browser_search(b, "^ne+dle$", 1, &col, &wrapped), 1);
	assert_int_equal(col, last);
	assert_int_equal(gt_browser_row(b, b->cur), 17);
	while (gt_browser_count_step(b, 1000))
		;
	assert_int_equal(gt_browser_hits(b, NULL), 1);
	/* summaries */
	st = gt_browser_stats(b, last);
	assert_non_null(st);
	assert_true(st->numeric);
	assert_int_equal(st->count, 39);
	assert_int_equal(st->missing, 1);
	st = gt_browser_stats(b, GT_NCOLS + 3);
	assert_false(st->numeric);
	assert_int_equal(st->distinct, 5);
	assert_null(gt_browser_stats(b, b->ncols));
	wide_free(f);
}

/* A table without the study's columns is browsed as well. */
static void test_wide_without_study(void **state)
{
	wide_fixture *f = wide_table(59, 0);
	gt_browser *b = &f->b;
	int col, wrapped;
	char err[160];

	(void)state;
	assert_int_equal(b->ncols, 60);
	assert_string_equal(gt_browser_name(b, 0), "id");
	assert_true(gt_browser_numeric(b, 0));
	assert_int_equal(gt_browser_add_filter(b, "id<10", err, sizeof(err)), 0);
	assert_int_equal(b->n, 10);
	assert_int_equal(gt_browser_sort(b, 0, 1), 0);
	assert_string_equal(gt_cell_col(&f->ds, gt_browser_row(b, 0), 0), "9");
	assert_int_equal(gt_browser_clear(b), 0);
	assert_int_equal(gt_browser_search(b, "needle", 1, &col, &wrapped), 1);
	assert_int_equal(col, 59);
	wide_free(f);
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
	char text_err[128];

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
	/* every number of the file is shown in at most 8 characters (the
	 * file's own texts take up to 22: 0.010100000000000001) */
	for (size_t r = 0; r < f->ds.nrows; r++)
		for (int c = 0; c < GT_NCOLS; c++) {
			char text[64];

			if (gt_browser_numeric(b, c) && strlen(gt_browser_cell_text(b, r, c, text, sizeof(text))) > 8)
				fail_msg("line %ld %s: %s shown as %s", f->ds.line[r], gt_column_names[c],
				         gt_cell(&f->ds, r, (gt_column)c), text);
		}
	assert_true(b->fitted[GT_COL_DANCEABILITY] <= 6);
	assert_true(b->fitted[GT_COL_LOUDNESS] <= 7);
	/* a regular expression and its count */
	assert_int_equal(set_search_all(b, "^naughty by nature$", text_err, sizeof(text_err)), 0);
	assert_true(gt_browser_hits(b, NULL) > 0);
	assert_int_equal(gt_browser_add_filter(b, "genre=Rap", text_err, sizeof(text_err)), 0);
	assert_int_equal(b->n, 5000);             /* dropped ones too */
	assert_int_equal(gt_browser_add_filter(b, "tempo>120", text_err, sizeof(text_err)), 0);
	assert_true(b->n > 0 && b->n < 5000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fixture, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_shows_all, setup, teardown),
		cmocka_unit_test(test_fate_tags),
		cmocka_unit_test_setup_teardown(test_numeric_columns, setup, teardown),
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
		cmocka_unit_test(test_shown_numbers),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_digits_widths),
		cmocka_unit_test_setup_teardown(test_pin_hide, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_parse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filter_apply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_regex, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_lazy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_literal_as_regex, setup, teardown),
		cmocka_unit_test(test_wide_columns),
		cmocka_unit_test(test_wide_scroll),
		cmocka_unit_test(test_wide_sort_filter_search),
		cmocka_unit_test(test_wide_without_study),
		cmocka_unit_test_setup_teardown(test_real_file, setup_real, teardown_real),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
