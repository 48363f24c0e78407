/* tui_draw.h: what every pane draws with: safe text in a window and the
 * colour roles of the theme, each with an attribute-only fallback. Knows
 * nothing of the app or its panes. */
#ifndef GENRETUI_TUI_DRAW_H
#define GENRETUI_TUI_DRAW_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>

/* Colour roles; each has a colour pair and an attribute-only fallback. */
typedef enum {
	GT_C_NORMAL, GT_C_TITLE, GT_C_TAB, GT_C_TAB_ACTIVE, GT_C_STATUS,
	GT_C_HEADER, GT_C_CURSOR, GT_C_KEPT, GT_C_DROPPED, GT_C_DIM,
	GT_C_BAR, GT_C_BAR_ALT, GT_C_TRAIN, GT_C_TEST, GT_C_GOOD, GT_C_BAD,
	GT_C_ERROR,
	/* the confusion matrix: errors (GT_CV_HEAT_LEVELS) and correct cells
	 * (GT_CV_OK_LEVELS), two ramps that never look alike */
	GT_C_HEAT0, GT_C_HEAT1, GT_C_HEAT2, GT_C_HEAT3, GT_C_HEAT4,
	GT_C_OK0, GT_C_OK1, GT_C_OK2, GT_C_OK3,
	GT_NCOLOR_ROLES
} gt_color_role;

/* Set up colour pairs; colour is used only if the terminal has it and
 * NO_COLOR is unset or empty. Returns 1 if colour is in use. */
int gt_theme_init(void);

/* Attribute for a colour role: its colour pair when color, else its
 * fallback attribute. */
attr_t gt_theme_attr(int color, gt_color_role role);

/* Draw text at (y, x) in w, clipped to width cells (UTF-8 aware, never
 * writes control characters); returns the cells used. */
int gt_draw_text(WINDOW *w, int y, int x, int width, const char *s);
/* gt_draw_text that never leaves the window, wherever (y, x) is (a failed
 * wmove would leave the text at the old cursor position); 0 outside it. */
int gt_draw_clipped(WINDOW *w, int y, int x, int width, const char *s);
/* The same in attribute a (then back to A_NORMAL). */
int gt_draw_clipped_attr(WINDOW *w, attr_t a, int y, int x, int width, const char *s);

#endif
