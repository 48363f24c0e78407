/* tui_draw.c: drawing helpers for the panes: text made safe for the
 * screen, and the colour roles, with an attribute-only fallback for each so
 * the interface reads the same without colour (NO_COLOR, monochrome). */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "genretui/tui_draw.h"

typedef struct {
	short fg, bg;        /* colour pair when colour is in use */
	attr_t extra;        /* attribute added to the colour pair */
	attr_t mono;         /* attribute when there is no colour */
} role_style;

static const role_style styles[GT_NCOLOR_ROLES] = {
	[GT_C_NORMAL]     = { -1, -1, A_NORMAL, A_NORMAL },
	[GT_C_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[GT_C_TAB]        = { COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_NORMAL },
	[GT_C_TAB_ACTIVE] = { COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD },
	[GT_C_STATUS]     = { COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE },
	[GT_C_HEADER]     = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[GT_C_CURSOR]     = { COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE },
	[GT_C_KEPT]       = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[GT_C_DROPPED]    = { COLOR_RED, -1, A_NORMAL, A_DIM },
	[GT_C_DIM]        = { COLOR_BLUE, -1, A_BOLD, A_DIM },
	[GT_C_BAR]        = { COLOR_CYAN, COLOR_CYAN, A_NORMAL, A_REVERSE },
	[GT_C_BAR_ALT]    = { COLOR_WHITE, COLOR_WHITE, A_DIM, A_DIM },
	[GT_C_TRAIN]      = { COLOR_CYAN, -1, A_BOLD, A_BOLD },
	[GT_C_TEST]       = { COLOR_YELLOW, -1, A_BOLD, A_NORMAL },
	[GT_C_GOOD]       = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[GT_C_BAD]        = { COLOR_RED, -1, A_BOLD, A_UNDERLINE },
	[GT_C_ERROR]      = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	/* errors: none, then yellow to red as the share of the row grows;
	 * without colour underline, bold, reverse, reverse bold */
	[GT_C_HEAT0]      = { -1, -1, A_NORMAL, A_NORMAL },
	[GT_C_HEAT1]      = { COLOR_YELLOW, -1, A_NORMAL, A_UNDERLINE },
	[GT_C_HEAT2]      = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_BOLD },
	[GT_C_HEAT3]      = { COLOR_WHITE, COLOR_RED, A_NORMAL, A_REVERSE },
	[GT_C_HEAT4]      = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD },
	/* correct cells: green, deeper as recall grows (without colour the
	 * brackets mark them, bold the well-recalled) */
	[GT_C_OK0]        = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL },
	[GT_C_OK1]        = { COLOR_BLACK, COLOR_GREEN, A_NORMAL, A_NORMAL },
	[GT_C_OK2]        = { COLOR_BLACK, COLOR_GREEN, A_BOLD, A_BOLD },
	[GT_C_OK3]        = { COLOR_WHITE, COLOR_GREEN, A_BOLD, A_BOLD | A_UNDERLINE },
};

/* With 256 colours the ramps get steps of their own hue (xterm's palette:
 * 16 black, 231 white, yellows to reds, pale to deep greens). */
static const struct { gt_color_role role; short fg, bg; } ramp256[] = {
	{ GT_C_HEAT1, 16, 229 }, { GT_C_HEAT2, 16, 221 }, { GT_C_HEAT3, 231, 166 },
	{ GT_C_HEAT4, 231, 124 }, { GT_C_OK0, 34, -1 }, { GT_C_OK1, 16, 151 },
	{ GT_C_OK2, 16, 114 }, { GT_C_OK3, 231, 28 },
};

int gt_theme_init(void)
{
	const char *no_color = getenv("NO_COLOR");

	if ((no_color && *no_color) || !has_colors() || start_color() == ERR)
		return 0;
	use_default_colors();
	for (int r = 1; r < GT_NCOLOR_ROLES; r++)
		init_pair((short)r, styles[r].fg, styles[r].bg);
	if (COLORS >= 256)
		for (size_t i = 0; i < sizeof(ramp256) / sizeof(ramp256[0]); i++)
			init_pair((short)ramp256[i].role, ramp256[i].fg, ramp256[i].bg);
	return 1;
}

attr_t gt_theme_attr(int color, gt_color_role role)
{
	if (role < 0 || role >= GT_NCOLOR_ROLES)
		return A_NORMAL;
	if (!color)
		return styles[role].mono;
	if (role == GT_C_NORMAL)
		return A_NORMAL;
	return COLOR_PAIR(role) | styles[role].extra;
}

/* One wide character of s for the screen: control characters become '?'. */
static wchar_t screen_char(wchar_t wc)
{
	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0))
		return L'?';
	return wc;
}

int gt_draw_text(WINDOW *w, int y, int x, int width, const char *s)
{
	mbstate_t st;
	int used = 0;

	memset(&st, 0, sizeof(st));
	if (y < 0 || x < 0 || wmove(w, y, x) == ERR)
		return 0;
	while (*s && used < width) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			wc = L'?';
			n = 1;
		}
		wc = screen_char(wc);
		cw = wcwidth(wc);
		if (cw < 0)
			wc = L'?', cw = 1;
		if (used + cw > width)
			break;
		waddnwstr(w, &wc, 1);
		used += cw;
		s += n;
	}
	return used;
}

int gt_draw_clipped(WINDOW *w, int y, int x, int width, const char *s)
{
	int room = getmaxx(w) - x;

	if (y < 0 || y >= getmaxy(w) || x < 0 || room <= 0 || width <= 0)
		return 0;
	return gt_draw_text(w, y, x, width < room ? width : room, s);
}

int gt_draw_clipped_attr(WINDOW *w, attr_t a, int y, int x, int width, const char *s)
{
	int used;

	wattrset(w, a);
	used = gt_draw_clipped(w, y, x, width, s);
	wattrset(w, A_NORMAL);
	return used;
}
