/* prompt_answer.c: turning prompt lines into answers. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/prompt_answer.h"
#include "genretui/probs.h"
#include "genretui/textfmt.h"

void gt_answerer_init(gt_answerer *a, gt_predictor *pred, const gt_pipeline *pipe)
{
	memset(a, 0, sizeof(*a));
	a->pred = pred;
	a->pipe = pipe;
	a->bar_width = 30;
	a->row_genre = -1;
	a->keep = 1;
	gt_track_input_clear(&a->cur);
	gt_track_input_clear(&a->kept);
}

/* Feature names of the set bits, comma separated. */
static void names_of(unsigned bits, char *buf, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int f = 0; f < GT_NNUMERIC && used < n; f++)
		if (bits & (1u << f))
			used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "",
			                         gt_prompt_feature(f));
}

static void say(gt_out_fn out, void *ctx, gt_out_role role, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(gt_out_fn out, void *ctx, gt_out_role role, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	out(ctx, role, line);
}

static const char *const pitch_names[12] = {
	"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
};

/* The values of t as "name=value" joined by sep: the numeric features of
 * the bits given, then key and mode when t has them. */
static void values_of(const gt_track_input *t, unsigned bits, const char *sep, char *buf,
                      size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int f = 0; f < GT_NNUMERIC && used < n; f++)
		if (bits & (1u << f))
			used += (size_t)snprintf(buf + used, n - used, "%s%s=%g", used ? sep : "",
			                         gt_prompt_feature(f), t->num[f]);
	if (t->key >= 0 && used < n)
		used += (size_t)snprintf(buf + used, n - used, "%skey=%s", used ? sep : "",
		                         pitch_names[t->key]);
	if (t->mode >= 0 && used < n)
		snprintf(buf + used, n - used, "%smode=%s", used ? sep : "",
		         t->mode ? "major" : "minor");
}

/* "energy=5 is outside the training range 0 .. 1; ..." for every given
 * value outside it, or "" when none is. */
static void unusual_text(const gt_answerer *a, char *buf, size_t n)
{
	unsigned unusual = gt_track_input_unusual(&a->cur, a->pred->lo, a->pred->hi);
	size_t used = 0;

	buf[0] = '\0';
	for (int f = 0; f < GT_NNUMERIC && used < n; f++)
		if (unusual & (1u << f))
			used += (size_t)snprintf(buf + used, n - used,
			                         "%s%s=%g is outside the training range %g .. %g",
			                         used ? "; " : "", gt_prompt_feature(f), a->cur.num[f],
			                         a->pred->lo[f], a->pred->hi[f]);
}

/* Warnings: values kept from earlier lines, values filled with medians,
 * values outside the training range. */
static void warn_values(gt_answerer *a, unsigned filled, gt_out_fn out, void *ctx)
{
	unsigned unusual = gt_track_input_unusual(&a->cur, a->pred->lo, a->pred->hi);
	char names[512];

	if (a->kept.given || a->kept.key >= 0 || a->kept.mode >= 0) {
		values_of(&a->kept, a->kept.given, ", ", names, sizeof(names));
		say(out, ctx, GT_OUT_WARN, "kept from before: %s (clear forgets them)", names);
	}
	if (filled) {
		names_of(filled, names, sizeof(names));
		say(out, ctx, GT_OUT_WARN, "filled with training medians: %s", names);
	}
	if (a->cur.key < 0 || a->cur.mode < 0)
		say(out, ctx, GT_OUT_WARN, "%s not given: averaged over the possible scales",
		    a->cur.key < 0 && a->cur.mode < 0 ? "key and mode" : a->cur.key < 0 ? "key" : "mode");
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (unusual & (1u << f))
			say(out, ctx, GT_OUT_WARN, "%s=%g is outside the training range %g .. %g",
			    gt_prompt_feature(f), a->cur.num[f], a->pred->lo[f], a->pred->hi[f]);
}

static void answer_bars(gt_answerer *a, const double *p, const int best[2], gt_out_fn out, void *ctx)
{
	const gt_genres *g = &a->pred->genres;
	int order[GT_MAX_CLASSES];
	char bar[512];

	for (int c = 0; c < g->k; c++)
		order[c] = c;
	for (int i = 1; i < g->k; i++)   /* most probable first */
		for (int j = i; j > 0 && p[order[j]] > p[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < g->k; i++) {
		int c = order[i];

		gt_fmt_bar(bar, sizeof(bar), p[c], a->bar_width, a->utf8);
		say(out, ctx, c == best[0] ? GT_OUT_BEST : c == best[1] ? GT_OUT_SECOND : GT_OUT_BAR,
		    "  %-12s %5.1f%% %s", g->name[c], 100 * p[c], bar);
	}
}

/* Predict the current track and write the answer. */
static void answer(gt_answerer *a, gt_out_fn out, void *ctx)
{
	const gt_genres *g = &a->pred->genres;
	double p[GT_MAX_CLASSES];
	unsigned filled = gt_predictor_ask(a->pred, &a->cur, p);
	int best[2];
	char names[256];

	gt_top2(p, g->k, best);
	if (a->brief) {
		char warn[1024];

		names_of(filled, names, sizeof(names));
		for (char *c = names; *c; c++)   /* one field: no spaces */
			if (*c == ' ')
				memmove(c, c + 1, strlen(c));
		unusual_text(a, warn, sizeof(warn));
		say(out, ctx, GT_OUT_ANSWER, "%s\t%.4f\t%s\t%.4f\tfilled=%s%s%s%s%s", g->name[best[0]],
		    p[best[0]], g->name[best[1]], p[best[1]], names,
		    a->row_genre >= 0 ? "\ttrue=" : "",
		    a->row_genre >= 0 ? gt_genre_name(&a->pipe->clean.genres, a->row_genre) : "",
		    *warn ? "\twarning=" : "", warn);
		a->row_genre = -1;
		return;
	}
	say(out, ctx, GT_OUT_ANSWER, "%s (%.1f%%), then %s (%.1f%%)", g->name[best[0]],
	    100 * p[best[0]], g->name[best[1]], 100 * p[best[1]]);
	warn_values(a, filled, out, ctx);
	answer_bars(a, p, best, out, ctx);
}

/* show, for scripts: one comment line. */
static void show_brief(gt_answerer *a, gt_out_fn out, void *ctx)
{
	char line[512];

	if (!a->keep) {
		out(ctx, GT_OUT_TEXT, "# show: nothing is kept here, each line stands alone");
		return;
	}
	values_of(&a->cur, a->cur.given, " ", line, sizeof(line));
	say(out, ctx, GT_OUT_TEXT, "# %s", *line ? line : "no values given");
}

static void show(gt_answerer *a, gt_out_fn out, void *ctx)
{
	const char *const *pitch = pitch_names;

	if (a->brief) {
		show_brief(a, out, ctx);
		return;
	}
	for (int f = 0; f < GT_NNUMERIC; f++) {
		if (a->cur.given & (1u << f))
			say(out, ctx, GT_OUT_TEXT, "  %-16s = %g", gt_prompt_feature(f), a->cur.num[f]);
		else
			say(out, ctx, GT_OUT_TEXT, "  %-16s   (not given; median %g)",
			    gt_prompt_feature(f), a->pred->median[f]);
	}
	say(out, ctx, GT_OUT_TEXT, "  %-16s = %s", "key", a->cur.key >= 0 ? pitch[a->cur.key] : "(not given)");
	say(out, ctx, GT_OUT_TEXT, "  %-16s = %s", "mode",
	    a->cur.mode < 0 ? "(not given)" : a->cur.mode ? "major" : "minor");
}

static void help(const gt_answerer *a, gt_out_fn out, void *ctx)
{
	char names[256];

	names_of((1u << GT_NNUMERIC) - 1, names, sizeof(names));
	if (a->brief) {        /* one line in, one line out */
		say(out, ctx, GT_OUT_TEXT, "# name=value pairs (%s, key C..B, mode major/minor; "
		    "missing ones filled with training medians); commands: line N (file line, "
		    "header line 1), row N (data row), show, clear, help, quit; %s", names, a->keep ? "values are kept until clear"
		    : "each line stands alone");
		return;
	}
	say(out, ctx, GT_OUT_TEXT, "Type name=value pairs, e.g. danceability=0.8 energy=0.9 key=A# mode=minor tempo=128");
	say(out, ctx, GT_OUT_TEXT, "names: %s, key (C, C#, ... B), mode (major, minor)", names);
	say(out, ctx, GT_OUT_TEXT, "units as in the data: duration_ms in ms, loudness in dB, tempo in BPM, popularity 0-100");
	say(out, ctx, GT_OUT_TEXT, "%s; missing ones are filled with training medians",
	    a->keep ? "values are kept from line to line (each answer says which) until clear"
	            : "each line stands alone");
	say(out, ctx, GT_OUT_TEXT, "commands: line N (the row on file line N, as Browse numbers rows), "
	    "row N (the Nth data row: the header, line 1, is not counted), show, clear, help, quit");
}

/* Which side of the split dataset row r is on. */
static const char *split_side(const gt_pipeline *p, size_t r, const gt_track *t)
{
	if (t->unknown)
		return "not used by the study (unknown values)";
	for (size_t i = 0; i < p->test.n; i++)
		if (p->test_row[i] == r)
			return "a test row";
	return "a training row";
}

/* The dataset row that `line N` or `row N` names; GT_NO_ROW with a message
 * (the file's lines and rows, so either number can be typed next). */
static size_t row_named(const gt_prompt_line *l, const gt_dataset *ds, gt_out_fn out, void *ctx)
{
	size_t r = l->by_line ? gt_dataset_row_of_line(ds, l->row) : (size_t)(l->row - 1);
	long first = ds->nrows ? ds->line[0] : 0, last = ds->nrows ? ds->line[ds->nrows - 1] : 0;

	if (r < ds->nrows)
		return r;
	if (!l->by_line)
		say(out, ctx, GT_OUT_ERROR, "row %s: the file has data rows 1 to %zu (lines %ld to %ld)",
		    l->row_text, ds->nrows, first, last);
	else if (l->row < first)
		say(out, ctx, GT_OUT_ERROR, "line %s is the header; the file's rows are on lines %ld to %ld",
		    l->row_text, first, last);
	else
		say(out, ctx, GT_OUT_ERROR, "line %s: the file's rows are on lines %ld to %ld",
		    l->row_text, first, last);
	return GT_NO_ROW;
}

/* Load the named row's values into the current track; 0, or -1 with a
 * message. Messages name its file line first (Browse's number), then its
 * data row. */
static int load_row(gt_answerer *a, const gt_prompt_line *l, gt_out_fn out, void *ctx)
{
	const gt_pipeline *p = a->pipe;
	char artist[160], track[160], why[256];
	const gt_track *t;
	const double *num;
	long ti;
	size_t r;
	int pitch, major;

	if (!p)
		return say(out, ctx, GT_OUT_ERROR, "%s needs the dataset: start genretui with a CSV file",
		           l->by_line ? "line" : "row"), -1;
	if ((r = row_named(l, &p->ds, out, ctx)) == GT_NO_ROW)
		return -1;
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_ARTIST), artist, sizeof(artist), 40);
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_TRACK), track, sizeof(track), 50);
	if ((ti = gt_clean_track_of_row(&p->clean, r)) < 0) {
		gt_clean_describe(&p->clean, &p->ds, r, why, sizeof(why));
		return say(out, ctx, GT_OUT_ERROR, "line %ld (row %zu) cannot be predicted: %s",
		           p->ds.line[r], r + 1, why), -1;
	}
	t = &p->clean.tracks[ti];
	num = gt_clean_values(&p->clean, (size_t)ti);
	gt_track_input_clear(&a->cur);
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (isfinite(num[f])) {
			a->cur.num[f] = num[f];
			a->cur.given |= 1u << f;
		}
	gt_scale_parts(t->scale, &pitch, &major);
	a->cur.key = pitch;
	a->cur.mode = major;
	a->row_genre = t->genre;
	if (!a->brief)
		say(out, ctx, GT_OUT_TEXT, "line %ld (row %zu): %s - %s: true genre %s; %s",
		    p->ds.line[r], r + 1, artist, track, gt_genre_name(&p->clean.genres, t->genre),
		    split_side(p, r, t));
	return 0;
}

/* Merge a line's values into the current track; what the track held and
 * the line did not give is remembered as kept (said in the answer). */
static void apply_values(gt_answerer *a, const gt_prompt_line *l)
{
	a->kept = a->cur;
	a->kept.given &= ~l->given;
	if (l->key >= 0)
		a->kept.key = -1;
	if (l->mode >= 0)
		a->kept.mode = -1;
	gt_track_input_apply(&a->cur, l);
}

/* A command with nothing to answer: said in a script (one line per line),
 * silent or said in the prompt. */
static void no_answer(gt_answerer *a, gt_prompt_kind kind, gt_out_fn out, void *ctx)
{
	switch (kind) {
	case GT_PC_EMPTY:
		if (a->brief)
			out(ctx, GT_OUT_TEXT, "# empty line");
		break;
	case GT_PC_QUIT:
		if (a->brief)
			out(ctx, GT_OUT_TEXT, "# quit");
		break;
	case GT_PC_HELP: help(a, out, ctx); break;
	case GT_PC_SHOW: show(a, out, ctx); break;
	default:   /* GT_PC_CLEAR */
		gt_track_input_clear(&a->cur);
		out(ctx, GT_OUT_TEXT, !a->keep ? "# clear: nothing is kept here, each line stands alone"
		    : a->brief ? "# cleared" : "cleared: every value will be filled with training medians");
	}
}

int gt_answerer_line(gt_answerer *a, const char *line, gt_out_fn out, void *ctx)
{
	gt_prompt_line l;

	gt_prompt_parse(line, &l);
	gt_track_input_clear(&a->kept);
	if (!a->keep)
		gt_track_input_clear(&a->cur);
	switch (l.kind) {
	case GT_PC_EMPTY: case GT_PC_QUIT: case GT_PC_HELP: case GT_PC_SHOW: case GT_PC_CLEAR:
		no_answer(a, l.kind, out, ctx);
		return l.kind == GT_PC_QUIT;
	case GT_PC_ERROR:
		say(out, ctx, GT_OUT_ERROR, "column %d: %s", l.err_at + 1, l.err);
		return -1;
	case GT_PC_ROW:
		if (load_row(a, &l, out, ctx) != 0)
			return -1;
		break;
	default:
		apply_values(a, &l);
	}
	answer(a, out, ctx);
	return 0;
}

int gt_answerer_bytes(gt_answerer *a, const char *buf, size_t len, gt_out_fn out, void *ctx)
{
	const char *nul = memchr(buf, '\0', len), *cr;
	size_t n = nul ? (size_t)(nul - buf) : len;

	if (n > 0 && buf[n - 1] == '\r' && !nul)   /* a CRLF line end */
		n--;
	cr = memchr(buf, '\r', n);
	if (nul || cr) {
		size_t at = nul && (!cr || nul < cr) ? (size_t)(nul - buf) : (size_t)(cr - buf);

		say(out, ctx, GT_OUT_ERROR, "column %zu: unexpected %s inside the line (nothing of "
		    "it is answered)", at + 1, nul && buf + at == nul ? "NUL byte" : "carriage return");
		return -1;
	}
	{
		char *line = malloc(n + 1);
		int r;

		if (!line) {
			out(ctx, GT_OUT_ERROR, "out of memory");
			return -1;
		}
		memcpy(line, buf, n);
		line[n] = '\0';
		r = gt_answerer_line(a, line, out, ctx);
		free(line);
		return r;
	}
}
