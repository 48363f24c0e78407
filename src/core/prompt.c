/* prompt.c: parsing the predict prompt's lines, and completion. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "genretui/clean.h"
#include "genretui/prompt.h"
#include "genretui/textfmt.h"

/* Numeric features as typed; GT_F_ order. */
static const char *const feature_names[GT_NNUMERIC] = {
	"popularity", "acousticness", "danceability", "duration_ms", "energy",
	"instrumentalness", "liveness", "loudness", "speechiness", "tempo", "valence"
};

static const char *const commands[] = {
	"line", "row", "show", "clear", "help", "quit", "exit", NULL
};
static const char *const notes[] = {
	"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B", NULL
};
static const char *const modes[] = { "major", "minor", NULL };

static gt_layout study_layout;
static pthread_once_t study_once = PTHREAD_ONCE_INIT;

static void make_study_layout(void)
{
	gt_layout_study(&study_layout);
}

const gt_layout *gt_prompt_study_layout(void)
{
	pthread_once(&study_once, make_study_layout);
	return &study_layout;
}

const char *gt_prompt_feature(int f)
{
	return f >= 0 && f < GT_NNUMERIC ? feature_names[f] : "";
}

static int source_kind(const gt_layout *l, int s)
{
	return l->source[s].kind;
}

const char *gt_prompt_name_typed(const char *name, char *buf, size_t n)
{
	char safe[GT_PROMPT_TYPED];
	size_t k = 0;

	for (const char *c = name; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f) {   /* no one types these */
			gt_text_safe(name, safe, sizeof(safe), (size_t)-1);
			name = safe;
			break;
		}
	if (!*name || !strpbrk(name, " \t\"=,")) {
		snprintf(buf, n, "%s", name);
		return buf;
	}
	if (n < 3) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	buf[k++] = '"';
	for (const char *c = name; *c && k + (*c == '"' ? 2 : 1) + 2 <= n; c++) {
		if (*c == '"')                  /* room left for the closing quote */
			buf[k++] = '"';
		buf[k++] = *c;
	}
	buf[k++] = '"';
	buf[k] = '\0';
	return buf;
}

/* Source column of a name (exactly, then ignoring case; "duration" for a
 * duration_ms column), or -1. */
static int source_index(const gt_layout *l, const char *name, size_t len)
{
	char buf[GT_NAME_MAX + 1];
	int s;

	if (len > GT_NAME_MAX)
		return -1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if ((s = gt_layout_find_source(l, buf)) < 0 && len == 8 && strncasecmp(name, "duration", 8) == 0)
		s = gt_layout_find_source(l, "duration_ms");
	return s;
}

/* Longest words compared for "did you mean". */
#define MEAN_MAX 38

/* The source name closest to name, if it is close enough to be a typo
 * (the study's key and mode only for names of 3 or more bytes). */
static const char *suggest(const gt_layout *l, const char *name, size_t len)
{
	const char *best = NULL;
	int bd = 3;

	for (int s = 0; s < l->nsources; s++) {
		const char *cand = gt_layout_source_name(l, s);
		int part = source_kind(l, s) == GT_SOURCE_KEY || source_kind(l, s) == GT_SOURCE_MODE;
		int d = gt_text_distance(name, len, cand, MEAN_MAX);

		if (d < bd && (!part || len > 2))
			bd = d, best = cand;
	}
	return best;
}

static void fail(gt_prompt_line *out, const char *line, const char *tok, size_t len,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Mark the line as an error at tok (len bytes) with a printf-style message. */
static void fail(gt_prompt_line *out, const char *line, const char *tok, size_t len,
                 const char *fmt, ...)
{
	va_list ap;

	out->kind = GT_PC_ERROR;
	out->err_at = (int)(tok - line);
	out->err_len = (int)len;
	va_start(ap, fmt);
	vsnprintf(out->err, sizeof(out->err), fmt, ap);
	va_end(ap);
}

/* Copy at most n bytes of s into a short NUL-terminated buffer. */
static const char *piece(char *buf, size_t size, const char *s, size_t n)
{
	char raw[64];

	/* typed text goes into messages: escape what a terminal would obey */
	snprintf(raw, sizeof(raw), "%.*s", (int)(n < sizeof(raw) - 1 ? n : sizeof(raw) - 1), s);
	gt_text_safe(raw, buf, size, size > 8 ? size - 8 : 1);
	return buf;
}

/* One pair as typed: "name=value", also with blanks around '=', the name
 * in double quotes when it holds blanks ("duration_in min/ms"=200000). */
typedef struct {
	const char *name, *eq, *value;   /* eq, value: NULL when there is no '=' */
	size_t nlen, vlen;               /* vlen 0: nothing after '=' */
	const char *key;                 /* the name without its quotes: name
	                                    itself, or kbuf */
	size_t klen;
	char kbuf[GT_NAME_MAX + 1];
	int open_quote;                  /* a quote that is never closed */
	const char *val;                 /* the value without its quotes: value
	                                    itself, or vbuf ("Very Happy") */
	size_t vallen;
	char vbuf[GT_NAME_MAX + 1];
	int open_vquote;                 /* the value's quote is never closed */
} pair;

/* Why a value that gt_parse_number refused is wrong: out of range (a
 * number too large for a double, 1e400), not finite, or not a number. */
static const char *not_number_why(const char *value)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(value, &end);
	if (end == value || *end != '\0' || isnan(v))
		return "is not a number";
	if (errno == ERANGE && isinf(v))
		return "is out of range (beyond +-1.8e308)";
	return isinf(v) ? "is not a finite number" : "is not a number";
}

/* The value of numeric source f, or -1 after fail(). */
static int parse_value(gt_prompt_line *out, const char *line, const pair *t, int f)
{
	const char *name = gt_layout_source_name(out->layout, f);
	char value[64];
	double v;

	if (t->vallen >= sizeof(value))   /* longer than any number's text */
		return fail(out, line, t->value, t->vlen, "%s: a value of %zu characters is "
		            "too long for a number", name, t->vallen), -1;
	snprintf(value, sizeof(value), "%.*s", (int)t->vallen, t->val);
	if (gt_parse_number(value, &v) != 0) {
		char shown[64];

		return fail(out, line, t->value, t->vlen, "%s: '%s' %s", name,
		            piece(shown, sizeof(shown), t->val, t->vallen),
		            not_number_why(value)), -1;
	}
	out->num[f] = v;
	out->given_bits[f / 32] |= 1u << (f % 32);
	return 0;
}

/* The levels of one-hot source s into buf, comma separated, cut with
 * "..." when they do not fit. */
static void levels_text(const gt_layout *l, int s, char *buf, size_t n)
{
	const gt_layout_source *src = &l->source[s];
	size_t used = 0;

	buf[0] = '\0';
	for (int k = 0; k < src->count; k++) {
		char typed[GT_PROMPT_TYPED];
		const char *lv = gt_prompt_name_typed(gt_layout_level(l, src->first + k), typed,
		                                      sizeof(typed));

		if (used + strlen(lv) + 8 >= n) {
			snprintf(buf + used, n - used, "%s...", used ? ", " : "");
			return;
		}
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? ", " : "", lv);
	}
}

/* The level of one-hot source f, or -1 after fail(): an unknown level is
 * named with the closest one and the column's levels. */
static int parse_level(gt_prompt_line *out, const char *line, const pair *t, int f)
{
	const gt_layout *l = out->layout;
	const gt_layout_source *src = &l->source[f];
	char value[GT_NAME_MAX + 1], shown[64], levels[200], typed[GT_PROMPT_TYPED];
	const char *best = NULL;
	int in = -1, bd = 3;

	if (t->vallen <= GT_NAME_MAX) {
		snprintf(value, sizeof(value), "%.*s", (int)t->vallen, t->val);
		in = gt_layout_find_level(l, f, value);
	}
	if (in >= 0) {
		out->level[f] = (int16_t)(in - src->first);
		out->given_bits[f / 32] |= 1u << (f % 32);
		return 0;
	}
	for (int k = 0; k < src->count; k++) {
		const char *lv = gt_layout_level(l, src->first + k);

		if (gt_text_distance(t->val, t->vallen, lv, MEAN_MAX) < bd)
			bd = gt_text_distance(t->val, t->vallen, lv, MEAN_MAX), best = lv;
	}
	levels_text(l, f, levels, sizeof(levels));
	return fail(out, line, t->value, t->vlen, "%s: unknown level '%s'%s%s%s; its levels: %s",
	            gt_layout_source_name(l, f), piece(shown, sizeof(shown), t->val, t->vallen),
	            best ? " (did you mean " : "",
	            best ? gt_prompt_name_typed(best, typed, sizeof(typed)) : "",
	            best ? "?)" : "", levels), -1;
}

/* The source whose name is word then a blank ("duration_in" of
 * "duration_in min/ms"), typed without the quotes such a name needs; -1
 * if none. */
static int blank_name(const gt_layout *l, const char *word, size_t len)
{
	for (int s = 0; s < l->nsources; s++) {
		const char *name = gt_layout_source_name(l, s);

		if (len > 0 && strncasecmp(name, word, len) == 0 && isspace((unsigned char)name[len]))
			return s;
	}
	return -1;
}

/* A pair without a value: "energy" or "energy=". */
static int no_value(gt_prompt_line *out, const char *line, const pair *t)
{
	const char *s = suggest(out->layout, t->key, t->klen);
	size_t span = (size_t)((t->eq ? t->eq + 1 : t->name + t->nlen) - t->name);
	int src = source_index(out->layout, t->key, t->klen), blank;
	char name[48], typed[GT_PROMPT_TYPED];

	if (t->open_quote)
		return fail(out, line, t->name, t->nlen, "a name in quotes needs its closing "
		            "quote: \"name with blanks\"=value"), -1;
	piece(name, sizeof(name), t->name, t->nlen);
	if (t->eq)
		fail(out, line, t->name, span, "'%s' needs a value after '='", name);
	else
		fail(out, line, t->name, span, "expected name=value, got '%s'", name);
	if (!t->eq && src < 0 && (blank = blank_name(out->layout, t->key, t->klen)) >= 0)
		snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
		         " (a name with blanks goes in quotes: %s=...)",
		         gt_prompt_name_typed(gt_layout_source_name(out->layout, blank), typed,
		                              sizeof(typed)));
	else if (!t->eq && s && (src < 0 || source_kind(out->layout, src) == GT_SOURCE_KEY ||
	                         source_kind(out->layout, src) == GT_SOURCE_MODE))
		snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
		         " (did you mean %s=...?)", gt_prompt_name_typed(s, typed, sizeof(typed)));
	return -1;
}

/* One pair; 0, or -1 after fail(). */
static int parse_pair(gt_prompt_line *out, const char *line, const pair *t)
{
	char name[48], value[64];
	int f;

	if (!t->eq || t->vlen == 0)
		return no_value(out, line, t);
	if (t->open_vquote)
		return fail(out, line, t->value, t->vlen, "a value in quotes needs its closing "
		            "quote: name=\"level with blanks\""), -1;
	piece(name, sizeof(name), t->key, t->klen);
	piece(value, sizeof(value), t->val, t->vallen);
	f = source_index(out->layout, t->key, t->klen);
	if (f >= 0 && source_kind(out->layout, f) == GT_SOURCE_KEY) {
		if ((out->key = gt_key_index(value)) < 0)
			return fail(out, line, t->value, t->vlen,
			            "unknown key '%s': expected a note C, C#, D, ... B (or Db, Eb, ...)",
			            value), -1;
		return 0;
	}
	if (f >= 0 && source_kind(out->layout, f) == GT_SOURCE_MODE) {
		if ((out->mode = gt_mode_index(value)) < 0)
			return fail(out, line, t->value, t->vlen,
			            "unknown mode '%s': expected major or minor", value), -1;
		return 0;
	}
	if (f < 0) {
		const char *s = suggest(out->layout, t->key, t->klen);
		char typed[GT_PROMPT_TYPED];

		fail(out, line, t->name, t->nlen, "unknown name '%s'", name);
		if (s)
			snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
			         " (did you mean %s?)", gt_prompt_name_typed(s, typed, sizeof(typed)));
		else
			snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
			         " (help lists the names)");
		return -1;
	}
	if (source_kind(out->layout, f) == GT_SOURCE_ONEHOT)
		return parse_level(out, line, t, f);
	return parse_value(out, line, t, f);
}

/* The command named by the first token, or GT_PC_SET. */
static gt_prompt_kind command_kind(const char *tok, size_t len)
{
	static const struct { const char *name; gt_prompt_kind kind; } table[] = {
		{ "line", GT_PC_ROW }, { "row", GT_PC_ROW }, { "show", GT_PC_SHOW }, { "clear", GT_PC_CLEAR },
		{ "help", GT_PC_HELP }, { "quit", GT_PC_QUIT }, { "exit", GT_PC_QUIT },
	};

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strlen(table[i].name) == len && strncasecmp(tok, table[i].name, len) == 0)
			return table[i].kind;
	return GT_PC_SET;
}

/* Next whitespace-separated token from *p; its length, 0 at the end. */
static size_t next_token(const char **p)
{
	const char *s = *p;

	while (*s && isspace((unsigned char)*s))
		s++;
	*p = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	return (size_t)(s - *p);
}

static const char *skip_blanks(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

/* A quoted text from s (at its opening quote) into buf (cap bytes and a
 * NUL): up to the quote that closes it, "" inside standing for one quote.
 * *len is its length (over cap - 1: longer than buf holds), *open whether
 * the closing quote is missing. Returns the end. */
static const char *unquote(const char *s, char *buf, size_t cap, size_t *len, int *open)
{
	const char *r = s + 1;
	size_t k = 0;

	for (; *r && !(*r == '"' && r[1] != '"'); r++) {
		r += *r == '"';                 /* "" is one quote */
		if (k + 1 < cap)
			buf[k] = *r;
		k++;
	}
	buf[k + 1 < cap ? k : cap - 1] = '\0';
	*len = k;
	*open = !*r;
	return *r ? r + 1 : r;
}

/* A quoted name from s (at its opening quote) into t. Returns the end. */
static const char *quoted_name(const char *s, pair *t)
{
	s = unquote(s, t->kbuf, sizeof(t->kbuf), &t->klen, &t->open_quote);
	t->key = t->kbuf;                   /* klen > GT_NAME_MAX: no column's */
	return s;
}

/* The next pair from *p, which moves past it; 0 at the end of the line.
 * The name ends at a blank or '=' (a quoted one at its closing quote);
 * blanks may stand on either side of '=' ("energy = 0.5"), but a word
 * after them that holds '=' of its own is the next pair, not this one's
 * value ("energy= tempo=120"). */
static int next_pair(const char **p, pair *t)
{
	const char *s = skip_blanks(*p), *after;

	memset(t, 0, sizeof(*t));
	if (!*s)
		return 0;
	t->name = s;
	if (*s == '"')
		s = quoted_name(s, t);
	else
		while (*s && *s != '=' && !isspace((unsigned char)*s))
			s++;
	t->nlen = (size_t)(s - t->name);
	if (!t->key) {
		t->key = t->name;
		t->klen = t->nlen;
	}
	after = skip_blanks(s);
	if (t->open_quote || (*after != '=' && t->name[0] == '"')) {   /* a quoted word alone */
		*p = s;
		return 1;
	}
	if (*after != '=' || t->nlen == 0) {   /* a word alone, or one that starts with '=' */
		while (*s && !isspace((unsigned char)*s))
			s++;
		t->nlen = t->klen = (size_t)(s - t->name);
		t->eq = t->nlen ? memchr(t->name, '=', t->nlen) : NULL;
		*p = s;
		return 1;
	}
	t->eq = after;
	s = skip_blanks(after + 1);
	t->value = s;
	if (*s == '"') {                       /* a quoted value: "Very Happy" */
		s = unquote(s, t->vbuf, sizeof(t->vbuf), &t->vallen, &t->open_vquote);
		t->val = t->vbuf;
		t->vlen = (size_t)(s - t->value);
		*p = s;
		return 1;
	}
	while (*s && !isspace((unsigned char)*s))
		s++;
	t->vlen = (size_t)(s - t->value);
	if (t->value > after + 1 && memchr(t->value, '=', t->vlen)) {
		t->vlen = 0;                       /* "energy= tempo=120": energy has none */
		s = after + 1;
	}
	t->val = t->value;
	t->vallen = t->vlen;
	*p = s;
	return 1;
}

/* "row N" or "line N" (cmd): the number (digits only), and nothing after it. */
static void parse_row(gt_prompt_line *out, const char *line, const char *cmd,
                      const char *p)
{
	const char *tok = p;
	size_t len = next_token(&tok), digits = 0;
	char num[32];
	long v = 0;

	piece(num, sizeof(num), tok, len);
	while (digits < len && isdigit((unsigned char)tok[digits])) {
		int d = tok[digits++] - '0';

		v = v > (LONG_MAX - d) / 10 ? LONG_MAX : v * 10 + d;   /* past any file's rows */
	}
	if (len == 0 || digits < len || v < 1) {
		fail(out, line, len ? tok : line + strlen(line), len, out->by_line
		     ? "line needs a file line number (as Browse shows it), got '%s'"
		     : "row needs a data row number from 1, got '%s'", num);
		return;
	}
	out->row = v;
	snprintf(out->row_text, sizeof(out->row_text), "%s", num);
	p = tok + len;
	if (next_token(&p))
		fail(out, line, p, strlen(p), "%s takes one number; unexpected '%s'", cmd, p);
}

void gt_prompt_parse(const char *line, gt_prompt_line *out)
{
	gt_prompt_parse_for(gt_prompt_study_layout(), line, out);
}

void gt_prompt_parse_for(const gt_layout *l, const char *line, gt_prompt_line *out)
{
	const char *p = line, *tok;
	size_t len;
	pair t;

	memset(out, 0, sizeof(*out));
	out->layout = l;
	out->key = out->mode = -1;
	tok = p;
	len = next_token(&tok);
	if (len == 0)
		return;
	out->kind = command_kind(tok, len);
	p = tok + len;
	if (out->kind == GT_PC_ROW) {
		out->by_line = len == 4;            /* "line", else "row" */
		parse_row(out, line, out->by_line ? "line" : "row", p);
		return;
	}
	if (out->kind != GT_PC_SET) {
		if (next_token(&p))
			fail(out, line, p, strlen(p), "'%s' takes no arguments; unexpected '%s'",
			     command_kind(tok, len) == GT_PC_QUIT ? "quit" : "this command", p);
		return;
	}
	for (p = line; next_pair(&p, &t);)
		if (parse_pair(out, line, &t) != 0)
			return;
}

void gt_track_input_clear(gt_track_input *t)
{
	gt_track_input_clear_for(t, gt_prompt_study_layout());
}

void gt_track_input_clear_for(gt_track_input *t, const gt_layout *l)
{
	memset(t, 0, sizeof(*t));
	t->layout = l;
	t->key = t->mode = -1;
}

void gt_track_input_apply(gt_track_input *t, const gt_prompt_line *l)
{
	for (int s = 0; s < t->layout->nsources; s++)
		if (gt_prompt_bit(l->given_bits, s)) {
			t->num[s] = l->num[s];
			t->level[s] = l->level[s];
		}
	for (int w = 0; w < GT_PROMPT_WORDS; w++)
		t->given_bits[w] |= l->given_bits[w];
	if (l->key >= 0)
		t->key = l->key;
	if (l->mode >= 0)
		t->mode = l->mode;
}

/* Sources that take a value of their own (numeric, one-hot). */
static int valued(const gt_layout *l, int s)
{
	return source_kind(l, s) == GT_SOURCE_NUMERIC || source_kind(l, s) == GT_SOURCE_ONEHOT;
}

int gt_track_input_missing_set(const gt_track_input *t, unsigned set[GT_PROMPT_WORDS])
{
	int n = 0;

	memset(set, 0, GT_PROMPT_WORDS * sizeof(*set));
	for (int s = 0; s < t->layout->nsources; s++)
		if (valued(t->layout, s) && !gt_prompt_bit(t->given_bits, s)) {
			set[s / 32] |= 1u << (s % 32);
			n++;
		}
	return n;
}

int gt_track_input_unusual_set(const gt_track_input *t, const double *lo, const double *hi,
                               unsigned set[GT_PROMPT_WORDS])
{
	int n = 0;

	memset(set, 0, GT_PROMPT_WORDS * sizeof(*set));
	for (int s = 0; s < t->layout->nsources; s++) {
		int i = t->layout->source[s].first;

		if (source_kind(t->layout, s) == GT_SOURCE_NUMERIC && gt_prompt_bit(t->given_bits, s) &&
		    (t->num[s] < lo[i] || t->num[s] > hi[i])) {
			set[s / 32] |= 1u << (s % 32);
			n++;
		}
	}
	return n;
}

unsigned gt_track_input_missing(const gt_track_input *t)
{
	unsigned set[GT_PROMPT_WORDS];

	gt_track_input_missing_set(t, set);
	return set[0];
}

unsigned gt_track_input_unusual(const gt_track_input *t, const double lo[GT_NNUMERIC],
                                const double hi[GT_NNUMERIC])
{
	unsigned set[GT_PROMPT_WORDS];

	gt_track_input_unusual_set(t, lo, hi, set);
	return set[0];
}

/* Words of list starting with word (case-insensitive) into out. */
static int matches(const char *const *list, const char *word, const char **out, int n, int max)
{
	size_t len = strlen(word);

	for (int i = 0; list[i] && n < max; i++)
		if (strncasecmp(list[i], word, len) == 0)
			out[n++] = list[i];
	return n;
}

/* The source whose "name=" before ends with (blanks around '=' too; the
 * name in quotes when it holds blanks: "my mood"=), or -1. */
static int source_before_eq(const gt_layout *l, const char *before)
{
	const char *p = before;
	pair t, last;
	int any = 0;

	while (next_pair(&p, &t)) {
		last = t;
		if (t.key == t.kbuf)            /* a quoted name: its copy's buffer */
			last.key = last.kbuf;
		any = 1;
	}
	if (!any || !last.eq || last.vlen != 0 || *skip_blanks(last.eq + 1))
		return -1;
	return source_index(l, last.key, last.klen);
}

int gt_prompt_complete(const char *before, const char *word, const char **out, int max)
{
	return gt_prompt_complete_for(gt_prompt_study_layout(), before, word, out, max);
}

int gt_prompt_complete_for(const gt_layout *l, const char *before, const char *word,
                           const char **out, int max)
{
	size_t blen = strlen(before), len = strlen(word);
	int n = 0, s = source_before_eq(l, before);

	if (s >= 0 && source_kind(l, s) == GT_SOURCE_KEY)
		return matches(notes, word, out, 0, max);
	if (s >= 0 && source_kind(l, s) == GT_SOURCE_MODE)
		return matches(modes, word, out, 0, max);
	if (s >= 0 && source_kind(l, s) == GT_SOURCE_ONEHOT) {
		for (int k = 0; k < l->source[s].count && n < max; k++) {
			const char *lv = gt_layout_level(l, l->source[s].first + k);

			if (strncasecmp(lv, word, len) == 0)
				out[n++] = lv;
		}
		return n;
	}
	if (strspn(before, " \t") == blen)   /* first word: a command, too */
		n = matches(commands, word, out, n, max);
	for (int i = 0; i < l->nsources && n < max; i++)
		if (strncasecmp(gt_layout_source_name(l, i), word, len) == 0)
			out[n++] = gt_layout_source_name(l, i);
	return n;
}

int gt_prompt_quote_open(const char *line, int end)
{
	int open = -1;

	for (int i = 0; i < end && line[i]; i++) {
		if (line[i] != '"')
			continue;
		if (open < 0)
			open = i + 1;
		else if (i + 1 < end && line[i + 1] == '"')
			i++;                        /* "" is one quote */
		else
			open = -1;
	}
	return open;
}

const char *gt_prompt_candidate_typed(const char *cand, int in_quotes, char *buf, size_t n)
{
	size_t len;

	gt_prompt_name_typed(cand, buf, n);
	len = strlen(buf);
	if (in_quotes && len >= 2 && buf[0] == '"' && buf[len - 1] == '"') {
		int keep_close = len >= 4 && buf[len - 2] == '"';   /* ends in "" */

		memmove(buf, buf + 1, len - 2 + keep_close);
		buf[len - 2 + keep_close] = '\0';
	}
	return buf;
}

void gt_prompt_example(const gt_layout *l, const double *median, char *buf, size_t n)
{
	size_t used = 0;
	int shown = 0, hot = 0;

	if (gt_layout_is_study(l)) {
		snprintf(buf, n, "danceability=0.8 energy=0.9 key=A# mode=minor tempo=128");
		return;
	}
	buf[0] = '\0';
	for (int s = 0; s < l->nsources && used < n; s++) {
		int i = l->source[s].first;
		char name[GT_PROMPT_TYPED], level[GT_PROMPT_TYPED];

		gt_prompt_name_typed(gt_layout_source_name(l, s), name, sizeof(name));
		if (source_kind(l, s) == GT_SOURCE_NUMERIC && shown++ < 3)
			used += (size_t)snprintf(buf + used, n - used, "%s%s=%.3g", used ? " " : "",
			                         name, median ? median[i] : 0);
		else if (source_kind(l, s) == GT_SOURCE_ONEHOT && !hot++)
			used += (size_t)snprintf(buf + used, n - used, "%s%s=%s", used ? " " : "",
			                         name, gt_prompt_name_typed(gt_layout_level(l, i),
			                                                    level, sizeof(level)));
	}
}
