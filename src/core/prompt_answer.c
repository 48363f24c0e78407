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
	gt_track_input_clear_for(&a->cur, &pred->layout);
	gt_track_input_clear_for(&a->kept, &pred->layout);
}


static const gt_layout *layout_of(const gt_answerer *a)
{
	return &a->pred->layout;
}

static int source_kind(const gt_layout *l, int s)
{
	return l->source[s].kind;
}

/* Name of source s, or a level, as the prompt takes it (quoted when it
 * holds blanks). */
typedef struct {
	char s[GT_PROMPT_TYPED];
} typed_name;

static const char *typed(const gt_layout *l, int s, typed_name *t)
{
	return gt_prompt_name_typed(gt_layout_source_name(l, s), t->s, sizeof(t->s));
}

/* Names of the sources in set as typed, separated by sep. */
static void names_of(const gt_layout *l, const unsigned *set, const char *sep, gt_strbuf *t)
{
	typed_name tn;

	for (int s = 0; s < l->nsources; s++)
		if (gt_prompt_bit(set, s))
			gt_strbuf_add(t, "%s%s", t->len ? sep : "", typed(l, s, &tn));
}

static void say(gt_out_fn out, void *ctx, gt_out_role role, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(gt_out_fn out, void *ctx, gt_out_role role, const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(line)) {   /* a long list of columns: the whole line */
		char *big = malloc((size_t)n + 1);

		if (big) {
			va_start(ap, fmt);
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			va_end(ap);
			out(ctx, role, big);
			free(big);
			return;
		}
	}
	out(ctx, role, line);
}

static const char *const pitch_names[12] = {
	"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
};

/* Level gt_strbuf of one-hot source s's level k. */
static const char *level_name(const gt_layout *l, int s, int k)
{
	return gt_layout_level(l, l->source[s].first + k);
}

/* The values of t as "name=value" joined by sep: the numeric and one-hot
 * sources in set, then key and mode when t has them. */
static void values_of(const gt_track_input *t, const unsigned *set, const char *sep, gt_strbuf *o)
{
	const gt_layout *l = t->layout;
	typed_name tn, tl;

	for (int s = 0; s < l->nsources; s++) {
		if (!gt_prompt_bit(set, s))
			continue;
		if (source_kind(l, s) == GT_SOURCE_ONEHOT)
			gt_strbuf_add(o, "%s%s=%s", o->len ? sep : "", typed(l, s, &tn),
			    gt_prompt_name_typed(level_name(l, s, t->level[s]), tl.s, sizeof(tl.s)));
		else
			gt_strbuf_add(o, "%s%s=%g", o->len ? sep : "", typed(l, s, &tn), t->num[s]);
	}
	if (t->key >= 0)
		gt_strbuf_add(o, "%skey=%s", o->len ? sep : "", pitch_names[t->key]);
	if (t->mode >= 0)
		gt_strbuf_add(o, "%smode=%s", o->len ? sep : "", t->mode ? "major" : "minor");
}

static int any(const unsigned *set)
{
	for (int w = 0; w < GT_PROMPT_WORDS; w++)
		if (set[w])
			return 1;
	return 0;
}

/* "energy=5 is outside the training range 0 .. 1" of numeric source s. */
static void unusual_one(const gt_answerer *a, int s, const char *sep, gt_strbuf *o)
{
	int i = layout_of(a)->source[s].first;
	typed_name tn;

	gt_strbuf_add(o, "%s%s=%g is outside the training range %g .. %g", sep,
	    typed(layout_of(a), s, &tn), a->cur.num[s], a->pred->lo[i], a->pred->hi[i]);
}

/* "energy=5 is outside the training range 0 .. 1; ..." for every given
 * value outside it, or "" when none is. */
static void unusual_text(const gt_answerer *a, gt_strbuf *o)
{
	unsigned unusual[GT_PROMPT_WORDS];

	gt_track_input_unusual_set(&a->cur, a->pred->lo, a->pred->hi, unusual);
	for (int s = 0; s < layout_of(a)->nsources; s++)
		if (gt_prompt_bit(unusual, s))
			unusual_one(a, s, o->len ? "; " : "", o);
}

/* Warnings: values kept from earlier lines, values filled with medians,
 * values outside the training range. */
static void warn_values(gt_answerer *a, const unsigned *filled, gt_out_fn out, void *ctx)
{
	unsigned unusual[GT_PROMPT_WORDS];
	gt_strbuf names = { 0 };

	gt_track_input_unusual_set(&a->cur, a->pred->lo, a->pred->hi, unusual);
	if (any(a->kept.given_bits) || a->kept.key >= 0 || a->kept.mode >= 0) {
		values_of(&a->kept, a->kept.given_bits, ", ", &names);
		say(out, ctx, GT_OUT_WARN, "kept from before: %s (clear forgets them)", gt_strbuf_str(&names));
		gt_strbuf_free(&names);
	}
	if (any(filled)) {
		names_of(layout_of(a), filled, ", ", &names);
		say(out, ctx, GT_OUT_WARN, "filled with training medians: %s", gt_strbuf_str(&names));
		gt_strbuf_free(&names);
	}
	if (layout_of(a)->nhot > 0 && (a->cur.key < 0 || a->cur.mode < 0))
		say(out, ctx, GT_OUT_WARN, "%s not given: averaged over the possible scales",
		    a->cur.key < 0 && a->cur.mode < 0 ? "key and mode" : a->cur.key < 0 ? "key" : "mode");
	for (int s = 0; s < layout_of(a)->nsources; s++)
		if (gt_prompt_bit(unusual, s)) {
			unusual_one(a, s, "", &names);
			say(out, ctx, GT_OUT_WARN, "%s", gt_strbuf_str(&names));
			gt_strbuf_free(&names);
		}
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
	unsigned filled[GT_PROMPT_WORDS];
	int best[2];

	gt_predictor_ask(a->pred, &a->cur, p, filled);
	gt_top2(p, g->k, best);
	if (a->brief) {
		gt_strbuf names = { 0 }, warn = { 0 };

		names_of(layout_of(a), filled, ",", &names);   /* as typed: one field */
		unusual_text(a, &warn);
		say(out, ctx, GT_OUT_ANSWER, "%s\t%.4f\t%s\t%.4f\tfilled=%s%s%s%s%s", g->name[best[0]],
		    p[best[0]], g->name[best[1]], p[best[1]], gt_strbuf_str(&names),
		    a->row_genre >= 0 ? "\ttrue=" : "",
		    a->row_genre >= 0 ? gt_genre_name(&a->pipe->clean.genres, a->row_genre) : "",
		    warn.len ? "\twarning=" : "", gt_strbuf_str(&warn));
		gt_strbuf_free(&names);
		gt_strbuf_free(&warn);
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
	gt_strbuf line = { 0 };

	if (!a->keep) {
		out(ctx, GT_OUT_TEXT, "# show: nothing is kept here, each line stands alone");
		return;
	}
	values_of(&a->cur, a->cur.given_bits, " ", &line);
	say(out, ctx, GT_OUT_TEXT, "# %s", line.len ? gt_strbuf_str(&line) : "no values given");
	gt_strbuf_free(&line);
}

/* show's line of one-hot source s: its level, or its inputs' medians. */
static void show_level(gt_answerer *a, int s, gt_out_fn out, void *ctx)
{
	const gt_layout *l = layout_of(a);
	const gt_layout_source *src = &l->source[s];
	gt_strbuf med = { 0 };

	if (gt_prompt_bit(a->cur.given_bits, s)) {
		say(out, ctx, GT_OUT_TEXT, "  %-16s = %s", gt_layout_source_name(l, s),
		    level_name(l, s, a->cur.level[s]));
		return;
	}
	for (int k = 0; k < src->count; k++)
		gt_strbuf_add(&med, "%s%s %g", k ? ", " : "", level_name(l, s, k), a->pred->median[src->first + k]);
	say(out, ctx, GT_OUT_TEXT, "  %-16s   (not given; medians of its levels' inputs: %s)",
	    gt_layout_source_name(l, s), gt_strbuf_str(&med));
	gt_strbuf_free(&med);
}

static void show(gt_answerer *a, gt_out_fn out, void *ctx)
{
	const gt_layout *l = layout_of(a);
	const char *const *pitch = pitch_names;

	if (a->brief) {
		show_brief(a, out, ctx);
		return;
	}
	for (int s = 0; s < l->nsources; s++) {
		const char *name = gt_layout_source_name(l, s);

		switch (source_kind(l, s)) {
		case GT_SOURCE_NUMERIC:
			if (gt_prompt_bit(a->cur.given_bits, s))
				say(out, ctx, GT_OUT_TEXT, "  %-16s = %g", name, a->cur.num[s]);
			else
				say(out, ctx, GT_OUT_TEXT, "  %-16s   (not given; median %g)", name,
				    a->pred->median[l->source[s].first]);
			break;
		case GT_SOURCE_ONEHOT:
			show_level(a, s, out, ctx);
			break;
		case GT_SOURCE_KEY:
			say(out, ctx, GT_OUT_TEXT, "  %-16s = %s", name,
			    a->cur.key >= 0 ? pitch[a->cur.key] : "(not given)");
			break;
		default:
			say(out, ctx, GT_OUT_TEXT, "  %-16s = %s", name,
			    a->cur.mode < 0 ? "(not given)" : a->cur.mode ? "major" : "minor");
		}
	}
}

/* The model's columns for help, a one-hot one with its levels:
 * "rms_mean, explicit (False, True), ...". */
static void columns_text(const gt_layout *l, gt_strbuf *o)
{
	typed_name tn;

	for (int s = 0; s < l->nsources; s++) {
		gt_strbuf_add(o, "%s%s", s ? ", " : "", typed(l, s, &tn));
		if (source_kind(l, s) == GT_SOURCE_ONEHOT) {
			for (int k = 0; k < l->source[s].count; k++)
				gt_strbuf_add(o, "%s%s", k ? ", " : " (", level_name(l, s, k));
			gt_strbuf_add(o, ")");
		}
	}
}

/* gt_strbuf as lines of at most width bytes after indent, broken after ", ". */
static void say_wrapped(const char *t, const char *indent, size_t width, gt_out_fn out, void *ctx)
{
	while (*t) {
		size_t len = strlen(t), cut = len;

		if (len > width) {
			cut = 0;
			for (size_t i = 0; i + 1 < width; i++)
				if (t[i] == ',' && t[i + 1] == ' ')
					cut = i + 1;
			if (cut == 0)
				cut = width;
		}
		say(out, ctx, GT_OUT_TEXT, "%s%.*s", indent, (int)cut, t);
		t += cut;
		while (*t == ' ')
			t++;
	}
}

/* help for a model of a file's own columns. */
static void help_own(const gt_answerer *a, gt_out_fn out, void *ctx)
{
	const gt_layout *l = layout_of(a);
	gt_strbuf cols = { 0 };
	char example[256];

	columns_text(l, &cols);
	if (a->brief) {
		say(out, ctx, GT_OUT_TEXT, "# name=value pairs (%s; a one-hot column takes one of its "
		    "levels; missing ones filled with training medians); commands: line N (file line, "
		    "header line 1), row N (data row), show, clear, help, quit; %s", gt_strbuf_str(&cols),
		    a->keep ? "values are kept until clear" : "each line stands alone");
		gt_strbuf_free(&cols);
		return;
	}
	gt_prompt_example(layout_of(a), a->pred->median, example, sizeof(example));
	say(out, ctx, GT_OUT_TEXT, "Type name=value pairs, e.g. %s", example);
	say(out, ctx, GT_OUT_TEXT, "names: the model's %d columns (a one-hot column, levels in "
	    "brackets, takes one of its levels):", l->nsources);
	say_wrapped(gt_strbuf_str(&cols), "  ", 74, out, ctx);
	gt_strbuf_free(&cols);
	say(out, ctx, GT_OUT_TEXT, "numbers in the file's units; names and levels match ignoring case");
	say(out, ctx, GT_OUT_TEXT, "%s; missing ones are filled with training medians",
	    a->keep ? "values are kept from line to line (each answer says which) until clear"
	            : "each line stands alone");
	say(out, ctx, GT_OUT_TEXT, "commands: line N (the row on file line N, as Browse numbers rows), "
	    "row N (the Nth data row: the header, line 1, is not counted), show, clear, help, quit");
}

static void help(const gt_answerer *a, gt_out_fn out, void *ctx)
{
	unsigned all[GT_PROMPT_WORDS] = { (1u << GT_NNUMERIC) - 1 };
	gt_strbuf names = { 0 };

	if (!gt_layout_is_study(layout_of(a))) {
		help_own(a, out, ctx);
		return;
	}
	names_of(layout_of(a), all, ", ", &names);
	if (a->brief) {        /* one line in, one line out */
		say(out, ctx, GT_OUT_TEXT, "# name=value pairs (%s, key C..B, mode major/minor; "
		    "missing ones filled with training medians); commands: line N (file line, "
		    "header line 1), row N (data row), show, clear, help, quit; %s", gt_strbuf_str(&names), a->keep ? "values are kept until clear"
		    : "each line stands alone");
		gt_strbuf_free(&names);
		return;
	}
	say(out, ctx, GT_OUT_TEXT, "Type name=value pairs, e.g. danceability=0.8 energy=0.9 key=A# mode=minor tempo=128");
	say(out, ctx, GT_OUT_TEXT, "names: %s, key (C, C#, ... B), mode (major, minor)", gt_strbuf_str(&names));
	gt_strbuf_free(&names);
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
		return p->clean.layout.nhot > 0 ? "not used by the study (unknown values)"
		       : "unknown values (the paper preset drops the row, improved fills them)";
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

/* A track's values into the current track: each numeric source its
 * number, each one-hot source the level whose input is 1, the study's key
 * and mode from its scale; unknown values (NaN) are not given. */
static void take_values(gt_answerer *a, const gt_track *t, const double *num)
{
	const gt_layout *l = layout_of(a);
	int pitch, major;

	gt_track_input_clear_for(&a->cur, l);
	for (int s = 0; s < l->nsources; s++) {
		const gt_layout_source *src = &l->source[s];
		int k = -1;

		if (src->kind == GT_SOURCE_NUMERIC && isfinite(num[src->first]))
			a->cur.num[s] = num[src->first], k = 0;
		else if (src->kind == GT_SOURCE_ONEHOT)
			for (int j = 0; j < src->count; j++)
				if (num[src->first + j] == 1)
					a->cur.level[s] = (int16_t)j, k = j;
		if (k >= 0)
			a->cur.given_bits[s / 32] |= 1u << (s % 32);
	}
	if (l->nhot > 0) {
		gt_scale_parts(t->scale, &pitch, &major);
		a->cur.key = pitch;
		a->cur.mode = major;
	}
}

/* Load the named row's values into the current track; 0, or -1 with a
 * message. Messages name its file line first (Browse's number), then its
 * data row. */
static int load_row(gt_answerer *a, const gt_prompt_line *l, gt_out_fn out, void *ctx)
{
	const gt_pipeline *p = a->pipe;
	char artist[160], track[160], why[256];
	const gt_track *t;
	long ti;
	size_t r;
	int named;

	if (!p)
		return say(out, ctx, GT_OUT_ERROR, "%s needs the dataset: start genretui with a CSV file",
		           l->by_line ? "line" : "row"), -1;
	if ((r = row_named(l, &p->ds, out, ctx)) == GT_NO_ROW)
		return -1;
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_ARTIST), artist, sizeof(artist), 40);
	gt_text_safe(gt_cell(&p->ds, r, GT_COL_TRACK), track, sizeof(track), 50);
	named = p->ds.field[GT_COL_ARTIST] >= 0 || p->ds.field[GT_COL_TRACK] >= 0;
	if ((ti = gt_clean_track_of_row(&p->clean, r)) < 0) {
		gt_clean_describe(&p->clean, &p->ds, r, why, sizeof(why));
		return say(out, ctx, GT_OUT_ERROR, "line %ld (row %zu) cannot be predicted: %s",
		           p->ds.line[r], r + 1, why), -1;
	}
	t = &p->clean.tracks[ti];
	take_values(a, t, gt_clean_values(&p->clean, (size_t)ti));
	a->row_genre = t->genre;
	if (!a->brief)
		say(out, ctx, GT_OUT_TEXT, "line %ld (row %zu): %s%s%s%strue genre %s; %s",
		    p->ds.line[r], r + 1, named ? artist : "", named ? " - " : "", named ? track : "",
		    named ? ": " : "", gt_genre_name(&p->clean.genres, t->genre), split_side(p, r, t));
	return 0;
}

/* Merge a line's values into the current track; what the track held and
 * the line did not give is remembered as kept (said in the answer). */
static void apply_values(gt_answerer *a, const gt_prompt_line *l)
{
	a->kept = a->cur;
	for (int w = 0; w < GT_PROMPT_WORDS; w++)
		a->kept.given_bits[w] &= ~l->given_bits[w];
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
		gt_track_input_clear_for(&a->cur, layout_of(a));
		out(ctx, GT_OUT_TEXT, !a->keep ? "# clear: nothing is kept here, each line stands alone"
		    : a->brief ? "# cleared" : "cleared: every value will be filled with training medians");
	}
}

int gt_answerer_line(gt_answerer *a, const char *line, gt_out_fn out, void *ctx)
{
	gt_prompt_line l;

	gt_prompt_parse_for(layout_of(a), line, &l);
	gt_track_input_clear_for(&a->kept, layout_of(a));
	if (!a->keep)
		gt_track_input_clear_for(&a->cur, layout_of(a));
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
