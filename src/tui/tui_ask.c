/* tui_ask.c: a question on a pane's last row (see tui_ask.h). */
#include <stdio.h>
#include <string.h>

#include "genretui/tui_ask.h"

void gt_ask_open(gt_ask *a, int what, const char *prompt, const char *def)
{
	memset(a, 0, sizeof(*a));
	a->stage = GT_ASK_TEXT;
	a->what = what;
	snprintf(a->prompt, sizeof(a->prompt), "%s", prompt);
	snprintf(a->text, sizeof(a->text), "%s", def);
}

void gt_ask_confirm(gt_ask *a, const char *question)
{
	a->stage = GT_ASK_CONFIRM;
	snprintf(a->question, sizeof(a->question), "%s", question);
}

/* Backspace: the last character, all the bytes of a UTF-8 one. */
static void erase_last(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && ((unsigned char)s[n - 1] & 0xc0) == 0x80)
		n--;
	if (n > 0)
		n--;
	s[n] = '\0';
}

static int text_key(gt_ask *a, int ch)
{
	size_t n = strlen(a->text);

	if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
		return a->text[0] ? GT_ASK_ANSWER : GT_ASK_MORE;
	if (ch == KEY_BACKSPACE || ch == 127 || ch == 8)
		erase_last(a->text);
	else if (ch == 21)                       /* Ctrl-U */
		a->text[0] = '\0';
	else if (ch >= 32 && ch < 256 && ch != 127 && n + 1 < sizeof(a->text)) {
		a->text[n] = (char)ch;
		a->text[n + 1] = '\0';
	}
	return GT_ASK_MORE;
}

int gt_ask_key(gt_ask *a, int ch)
{
	int r;

	if (a->stage == GT_ASK_CLOSED)
		return GT_ASK_CANCEL;
	if (ch == 27 || ch == 3 || (a->stage == GT_ASK_CONFIRM && (ch == 'n' || ch == 'N'))) {
		a->stage = GT_ASK_CLOSED;
		return GT_ASK_CANCEL;
	}
	if (a->stage == GT_ASK_CONFIRM) {
		if (ch != 'y' && ch != 'Y')
			return GT_ASK_MORE;
		a->stage = GT_ASK_CLOSED;
		return GT_ASK_YES;
	}
	r = text_key(a, ch);
	if (r == GT_ASK_ANSWER)
		a->stage = GT_ASK_CLOSED;
	return r;
}

void gt_ask_draw(const gt_app *app, const gt_ask *a, WINDOW *w, int y)
{
	char line[1024];
	int width = getmaxx(w), used;

	if (a->stage == GT_ASK_CLOSED)
		return;
	wmove(w, y, 0);
	wclrtoeol(w);
	wattrset(w, gt_attr(app, GT_C_HEADER));
	if (a->stage == GT_ASK_CONFIRM) {
		snprintf(line, sizeof(line), "%s (y/n) ", a->question);
		gt_draw_text(w, y, 0, width, line);
	} else {
		snprintf(line, sizeof(line), "%s: ", a->prompt);
		used = gt_draw_text(w, y, 0, width, line);
		wattrset(w, A_NORMAL);
		/* the end of a long name stays in sight */
		used += gt_draw_text(w, y, used, width - used - 1,
		                     a->text + (strlen(a->text) + used + 2 > (size_t)width
		                                ? strlen(a->text) + (size_t)used + 2 - (size_t)width : 0));
		gt_draw_text(w, y, used, 1, "_");
	}
	wattrset(w, A_NORMAL);
}
