/* tui_later.c: the Predict pane as it stands in this version: it says what
 * it will hold and what works meanwhile. */
#include "genretui/tui.h"

static const char *const no_keys[] = {
	"(none yet)\tthis pane comes with a later version",
	NULL
};

/* Draw lines of text from row 1, with the first one as a heading. */
static void draw_lines(gt_app *app, WINDOW *w, const char *const *lines)
{
	int width = getmaxx(w) - 2;

	werase(w);
	wattrset(w, gt_attr(app, GT_C_HEADER));
	gt_draw_text(w, 1, 2, width, lines[0]);
	wattrset(w, A_NORMAL);
	for (int i = 1; lines[i]; i++)
		gt_draw_text(w, 2 + i, 2, width, lines[i]);
}

static int no_key(gt_app *app, int ch)
{
	(void)app;
	(void)ch;
	return 0;
}

static const char *const predict_text[] = {
	"Predict: ask the model about a track (coming in a later version)",
	"Here a readline prompt will take feature values such as",
	"  danceability=0.8 energy=0.9 key=A# mode=minor tempo=128",
	"and answer with the predicted genre and the probability of all ten.",
	NULL
};

static void predict_draw(gt_app *app, WINDOW *w) { draw_lines(app, w, predict_text); }

const gt_pane gt_predict_pane = {
	"Predict", "coming in a later version", no_keys, predict_draw, no_key
};
