/* asker.c: turning prompt lines into answers. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "genretui/asker.h"
#include "genretui/predict.h"
#include "genretui/textfmt.h"

void gt_asker_init(gt_asker *a, gt_predictor *pred, const gt_pipeline *pipe)
{
	memset(a, 0, sizeof(*a));
	a->pred = pred;
	a->pipe = pipe;
	a->bar_width = 30;
	a->row_genre = -1;
	gt_track_input_clear(&a->cur);
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

/* Warnings: values filled with medians, values outside the training range. */
static void warn_values(gt_asker *a, unsigned filled, gt_out_fn out, void *ctx)
{
	unsigned unusual = gt_track_input_unusual(&a->cur, a->pred->lo, a->pred->hi);
	char names[256];

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

static void answer_bars(gt_asker *a, const double *p, const int best[2], gt_out_fn out, void *ctx)
{
	int order[GT_NCLASSES];
	char bar[512];

	for (int c = 0; c < GT_NCLASSES; c++)
		order[c] = c;
	for (int i = 1; i < GT_NCLASSES; i++)   /* most probable first */
		for (int j = i; j > 0 && p[order[j]] > p[order[j - 1]]; j--) {
			int t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 0; i < GT_NCLASSES; i++) {
		int c = order[i];

		gt_fmt_bar(bar, sizeof(bar), p[c], a->bar_width, a->utf8);
		say(out, ctx, c == best[0] ? GT_OUT_BEST : c == best[1] ? GT_OUT_SECOND : GT_OUT_BAR,
		    "  %-12s %5.1f%% %s", gt_genre_names[c], 100 * p[c], bar);
	}
}

/* Predict the current track and write the answer. */
static void answer(gt_asker *a, gt_out_fn out, void *ctx)
{
	double p[GT_NCLASSES];
	unsigned filled = gt_predictor_ask(a->pred, &a->cur, p);
	int best[2];
	char names[256];

	gt_top2(p, GT_NCLASSES, best);
	if (a->brief) {
		names_of(filled, names, sizeof(names));
		for (char *c = names; *c; c++)   /* one field: no spaces */
			if (*c == ' ')
				memmove(c, c + 1, strlen(c));
		say(out, ctx, GT_OUT_ANSWER, "%s\t%.4f\t%s\t%.4f\tfilled=%s%s%s", gt_genre_names[best[0]],
		    p[best[0]], gt_genre_names[best[1]], p[best[1]], names,
		    a->row_genre >= 0 ? "\ttrue=" : "", a->row_genre >= 0 ? gt_genre_names[a->row_genre] : "");
		a->row_genre = -1;
		return;
	}
	say(out, ctx, GT_OUT_ANSWER, "%s (%.1f%%), then %s (%.1f%%)", gt_genre_names[best[0]],
	    100 * p[best[0]], gt_genre_names[best[1]], 100 * p[best[1]]);
	warn_values(a, filled, out, ctx);
	answer_bars(a, p, best, out, ctx);
}

static const char *const pitch_names[12] = {
	"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
};

/* show, for scripts: the given values as name=value on one line. */
static void show_brief(gt_asker *a, gt_out_fn out, void *ctx)
{
	char line[512];
	size_t used = 0;

	line[0] = '\0';
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (a->cur.given & (1u << f))
			used += (size_t)snprintf(line + used, sizeof(line) - used, "%s=%g ",
			                         gt_prompt_feature(f), a->cur.num[f]);
	if (a->cur.key >= 0)
		used += (size_t)snprintf(line + used, sizeof(line) - used, "key=%s ", pitch_names[a->cur.key]);
	if (a->cur.mode >= 0)
		snprintf(line + used, sizeof(line) - used, "mode=%s", a->cur.mode ? "major" : "minor");
	out(ctx, GT_OUT_TEXT, line);
}

static void show(gt_asker *a, gt_out_fn out, void *ctx)
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

static void help(gt_out_fn out, void *ctx)
{
	char names[256];

	names_of((1u << GT_NNUMERIC) - 1, names, sizeof(names));
	say(out, ctx, GT_OUT_TEXT, "Type name=value pairs, e.g. danceability=0.8 energy=0.9 key=A# mode=minor tempo=128");
	say(out, ctx, GT_OUT_TEXT, "names: %s, key (C, C#, ... B), mode (major, minor)", names);
	say(out, ctx, GT_OUT_TEXT, "units as in the data: duration_ms in ms, loudness in dB, tempo in BPM, popularity 0-100");
	say(out, ctx, GT_OUT_TEXT, "values are kept until clear; missing ones are filled with training medians");
	say(out, ctx, GT_OUT_TEXT, "commands: row N (predict data row N), show, clear, help, quit");
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

/* Load row N's values into the current track; 0, or -1 with a message. */
static int load_row(gt_asker *a, long n, gt_out_fn out, void *ctx)
{
	const gt_pipeline *p = a->pipe;
	char artist[160], track[160], why[256];
	gt_track track_values, *t = &track_values;
	size_t r = (size_t)(n - 1);
	int pitch, major;

	if (!p)
		return say(out, ctx, GT_OUT_ERROR, "row needs the dataset: start genretui with a CSV file"), -1;
	if (n < 1 || r >= p->ds.nrows)
		return say(out, ctx, GT_OUT_ERROR, "row %ld: the file has data rows 1 to %zu", n, p->ds.nrows), -1;
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_ARTIST), artist, sizeof(artist), 40);
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_TRACK), track, sizeof(track), 50);
	if (gt_clean_track(&p->ds, r, t) != 0) {
		gt_clean_describe(&p->clean, &p->ds, r, why, sizeof(why));
		return say(out, ctx, GT_OUT_ERROR, "row %ld cannot be predicted: %s", n, why), -1;
	}
	gt_track_input_clear(&a->cur);
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (isfinite(t->num[f])) {
			a->cur.num[f] = t->num[f];
			a->cur.given |= 1u << f;
		}
	gt_scale_parts(t->scale, &pitch, &major);
	a->cur.key = pitch;
	a->cur.mode = major;
	a->row_genre = t->genre;
	if (!a->brief)
		say(out, ctx, GT_OUT_TEXT, "row %ld, line %ld: %s - %s: true genre %s; %s", n,
		    p->ds.line[r], artist, track, gt_genre_names[t->genre], split_side(p, r, t));
	return 0;
}

int gt_asker_line(gt_asker *a, const char *line, gt_out_fn out, void *ctx)
{
	gt_prompt_line l;

	gt_prompt_parse(line, &l);
	switch (l.kind) {
	case GT_PC_EMPTY: return 0;
	case GT_PC_QUIT: return 1;
	case GT_PC_HELP: help(out, ctx); return 0;
	case GT_PC_SHOW: show(a, out, ctx); return 0;
	case GT_PC_CLEAR:
		gt_track_input_clear(&a->cur);
		say(out, ctx, GT_OUT_TEXT, "cleared: every value will be filled with training medians");
		return 0;
	case GT_PC_ERROR:
		say(out, ctx, GT_OUT_ERROR, "column %d: %s", l.err_at + 1, l.err);
		return -1;
	case GT_PC_ROW:
		if (load_row(a, l.row, out, ctx) != 0)
			return -1;
		break;
	default:
		gt_track_input_apply(&a->cur, &l);
	}
	answer(a, out, ctx);
	return 0;
}
