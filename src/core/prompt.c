/* prompt.c: parsing the predict prompt's lines, and completion. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
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

const char *gt_prompt_feature(int f)
{
	return f >= 0 && f < GT_NNUMERIC ? feature_names[f] : "";
}

/* Feature index of a name (case-insensitive; "duration" too), or -1. */
static int feature_index(const char *name, size_t len)
{
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (strlen(feature_names[f]) == len && strncasecmp(name, feature_names[f], len) == 0)
			return f;
	if (len == 8 && strncasecmp(name, "duration", 8) == 0)
		return GT_F_DURATION;
	return -1;
}

/* Levenshtein distance of a[0..la) and b, for "did you mean" (short words). */
static int distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b);
	int row[40];

	if (la >= 39 || lb >= 39)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];

		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			int best = diag + cost;

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The known name closest to name, if it is close enough to be a typo. */
static const char *suggest(const char *name, size_t len)
{
	static const char *const extra[] = { "key", "mode", NULL };
	const char *best = NULL;
	int bd = 3;

	for (int f = 0; f < GT_NNUMERIC; f++)
		if (distance(name, len, feature_names[f]) < bd)
			bd = distance(name, len, feature_names[f]), best = feature_names[f];
	for (int i = 0; extra[i]; i++)
		if (distance(name, len, extra[i]) < bd && len > 2)
			bd = distance(name, len, extra[i]), best = extra[i];
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

/* One pair as typed: "name=value", also with blanks around '='. */
typedef struct {
	const char *name, *eq, *value;   /* eq, value: NULL when there is no '=' */
	size_t nlen, vlen;               /* vlen 0: nothing after '=' */
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

/* The value of a numeric feature, or -1 after fail(). */
static int parse_value(gt_prompt_line *out, const char *line, const pair *t, int f)
{
	char value[64];
	double v;

	if (t->vlen >= sizeof(value))   /* longer than any number's text */
		return fail(out, line, t->value, t->vlen, "%s: a value of %zu characters is "
		            "too long for a number", feature_names[f], t->vlen), -1;
	snprintf(value, sizeof(value), "%.*s", (int)t->vlen, t->value);
	if (gt_parse_number(value, &v) != 0) {
		char shown[64];

		return fail(out, line, t->value, t->vlen, "%s: '%s' %s", feature_names[f],
		            piece(shown, sizeof(shown), t->value, t->vlen),
		            not_number_why(value)), -1;
	}
	out->num[f] = v;
	out->given |= 1u << f;
	return 0;
}

/* A pair without a value: "energy" or "energy=". */
static int no_value(gt_prompt_line *out, const char *line, const pair *t)
{
	const char *s = suggest(t->name, t->nlen);
	size_t span = (size_t)((t->eq ? t->eq + 1 : t->name + t->nlen) - t->name);
	char name[48];

	piece(name, sizeof(name), t->name, t->nlen);
	if (t->eq)
		fail(out, line, t->name, span, "'%s' needs a value after '='", name);
	else
		fail(out, line, t->name, span, "expected name=value, got '%s'", name);
	if (!t->eq && s && feature_index(t->name, t->nlen) < 0)
		snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
		         " (did you mean %s=...?)", s);
	return -1;
}

/* One pair; 0, or -1 after fail(). */
static int parse_pair(gt_prompt_line *out, const char *line, const pair *t)
{
	char name[48], value[64];
	int f;

	if (!t->eq || t->vlen == 0)
		return no_value(out, line, t);
	piece(name, sizeof(name), t->name, t->nlen);
	piece(value, sizeof(value), t->value, t->vlen);
	if (t->nlen == 3 && strncasecmp(t->name, "key", 3) == 0) {
		if ((out->key = gt_key_index(value)) < 0)
			return fail(out, line, t->value, t->vlen,
			            "unknown key '%s': expected a note C, C#, D, ... B (or Db, Eb, ...)",
			            value), -1;
		return 0;
	}
	if (t->nlen == 4 && strncasecmp(t->name, "mode", 4) == 0) {
		if ((out->mode = gt_mode_index(value)) < 0)
			return fail(out, line, t->value, t->vlen,
			            "unknown mode '%s': expected major or minor", value), -1;
		return 0;
	}
	f = feature_index(t->name, t->nlen);
	if (f < 0) {
		const char *s = suggest(t->name, t->nlen);

		fail(out, line, t->name, t->nlen, "unknown name '%s'", name);
		if (s)
			snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
			         " (did you mean %s?)", s);
		else
			snprintf(out->err + strlen(out->err), sizeof(out->err) - strlen(out->err),
			         " (help lists the names)");
		return -1;
	}
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

/* The next pair from *p, which moves past it; 0 at the end of the line.
 * The name ends at a blank or '='; blanks may stand on either side of
 * '=' ("energy = 0.5"), but a word after them that holds '=' of its own is
 * the next pair, not this one's value ("energy= tempo=120"). */
static int next_pair(const char **p, pair *t)
{
	const char *s = skip_blanks(*p), *after;

	memset(t, 0, sizeof(*t));
	if (!*s)
		return 0;
	t->name = s;
	while (*s && *s != '=' && !isspace((unsigned char)*s))
		s++;
	t->nlen = (size_t)(s - t->name);
	after = skip_blanks(s);
	if (*after != '=' || t->nlen == 0) {   /* a word alone, or one that starts with '=' */
		while (*s && !isspace((unsigned char)*s))
			s++;
		t->nlen = (size_t)(s - t->name);
		t->eq = t->nlen ? memchr(t->name, '=', t->nlen) : NULL;
		*p = s;
		return 1;
	}
	t->eq = after;
	s = skip_blanks(after + 1);
	t->value = s;
	while (*s && !isspace((unsigned char)*s))
		s++;
	t->vlen = (size_t)(s - t->value);
	if (t->value > after + 1 && memchr(t->value, '=', t->vlen)) {
		t->vlen = 0;                       /* "energy= tempo=120": energy has none */
		s = after + 1;
	}
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
	const char *p = line, *tok;
	size_t len;
	pair t;

	memset(out, 0, sizeof(*out));
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
	memset(t, 0, sizeof(*t));
	t->key = t->mode = -1;
}

void gt_track_input_apply(gt_track_input *t, const gt_prompt_line *l)
{
	for (int f = 0; f < GT_NNUMERIC; f++)
		if (l->given & (1u << f))
			t->num[f] = l->num[f];
	t->given |= l->given;
	if (l->key >= 0)
		t->key = l->key;
	if (l->mode >= 0)
		t->mode = l->mode;
}

unsigned gt_track_input_missing(const gt_track_input *t)
{
	return ~t->given & ((1u << GT_NNUMERIC) - 1);
}

unsigned gt_track_input_unusual(const gt_track_input *t, const double lo[GT_NNUMERIC],
                                const double hi[GT_NNUMERIC])
{
	unsigned bits = 0;

	for (int f = 0; f < GT_NNUMERIC; f++)
		if ((t->given & (1u << f)) && (t->num[f] < lo[f] || t->num[f] > hi[f]))
			bits |= 1u << f;
	return bits;
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

int gt_prompt_complete(const char *before, const char *word, const char **out, int max)
{
	static const char *pairs[GT_NNUMERIC + 3];
	size_t blen = strlen(before);
	int n = 0;

	if (blen >= 4 && strncasecmp(before + blen - 4, "key=", 4) == 0)
		return matches(notes, word, out, 0, max);
	if (blen >= 5 && strncasecmp(before + blen - 5, "mode=", 5) == 0)
		return matches(modes, word, out, 0, max);
	for (int f = 0; f < GT_NNUMERIC; f++)
		pairs[f] = feature_names[f];
	pairs[GT_NNUMERIC] = "key";
	pairs[GT_NNUMERIC + 1] = "mode";
	pairs[GT_NNUMERIC + 2] = NULL;
	if (strspn(before, " \t") == blen)   /* first word: a command, too */
		n = matches(commands, word, out, n, max);
	return matches(pairs, word, out, n, max);
}
