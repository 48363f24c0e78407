/* clean.c: the study's cleaning (SEED-FACTS section 2), row by row.
 *
 * Every row gets a fate (see clean.h for the order of the rules); usable rows
 * (KEPT and UNKNOWN_*) also become gt_tracks holding their raw values. Why a
 * cell is unusable is decided in one place, judge_cell, which both the
 * cleaning and the explanations (gt_clean_describe) call. */
#define _POSIX_C_SOURCE 200809L

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/clean.h"
#include "genretui/number.h"
#include "genretui/textfmt.h"
#include "genretui/threads.h"

static const char *const fate_keys[GT_NFATES] = {
#define GT_FATE_KEY(id, key, text) key,
	GT_FATE_LIST(GT_FATE_KEY)
#undef GT_FATE_KEY
};

static const char *const fate_texts[GT_NFATES] = {
#define GT_FATE_TEXT(id, key, text) text,
	GT_FATE_LIST(GT_FATE_TEXT)
#undef GT_FATE_TEXT
};

const char *gt_fate_key(gt_fate f)
{
	return (unsigned)f < GT_NFATES ? fate_keys[f] : "?";
}

const char *gt_fate_text(gt_fate f)
{
	return (unsigned)f < GT_NFATES ? fate_texts[f] : "unknown fate";
}

/* ---- Cells ------------------------------------------------------------ */

/* What a column holds, and so how its cells are checked. */
typedef enum {
	K_SKIP,         /* not musical: the study drops it, never checked */
	K_FRACTION,     /* number in [0, 1] */
	K_POPULARITY,   /* number in [0, 100] */
	K_DURATION,     /* number > 0, or -1 for unknown */
	K_TEMPO,        /* number > 0, or "?" for unknown */
	K_NUMBER,       /* any finite number (loudness, in dB) */
	K_KEY,          /* note name or pitch class 0..11; -1 for unknown */
	K_MODE,         /* Major or Minor, or 1 or 0 */
	K_GENRE         /* a class of the file's genres (genres.h) */
} col_kind;

static const struct {
	col_kind kind;
	int feature;    /* GT_F_ index of a numeric column, else -1 */
} col_spec[GT_NCOLS] = {
	[GT_COL_INSTANCE_ID]      = { K_SKIP, -1 },
	[GT_COL_ARTIST]           = { K_SKIP, -1 },
	[GT_COL_TRACK]            = { K_SKIP, -1 },
	[GT_COL_POPULARITY]       = { K_POPULARITY, GT_F_POPULARITY },
	[GT_COL_ACOUSTICNESS]     = { K_FRACTION, GT_F_ACOUSTICNESS },
	[GT_COL_DANCEABILITY]     = { K_FRACTION, GT_F_DANCEABILITY },
	[GT_COL_DURATION]         = { K_DURATION, GT_F_DURATION },
	[GT_COL_ENERGY]           = { K_FRACTION, GT_F_ENERGY },
	[GT_COL_INSTRUMENTALNESS] = { K_FRACTION, GT_F_INSTRUMENTALNESS },
	[GT_COL_KEY]              = { K_KEY, -1 },
	[GT_COL_LIVENESS]         = { K_FRACTION, GT_F_LIVENESS },
	[GT_COL_LOUDNESS]         = { K_NUMBER, GT_F_LOUDNESS },
	[GT_COL_MODE]             = { K_MODE, -1 },
	[GT_COL_SPEECHINESS]      = { K_FRACTION, GT_F_SPEECHINESS },
	[GT_COL_TEMPO]            = { K_TEMPO, GT_F_TEMPO },
	[GT_COL_OBTAINED_DATE]    = { K_SKIP, -1 },
	[GT_COL_VALENCE]          = { K_FRACTION, GT_F_VALENCE },
	[GT_COL_GENRE]            = { K_GENRE, -1 },
};

/* What judge_cell found. */
typedef enum {
	V_OK, V_UNKNOWN, V_NOT_NUMBER, V_NOT_FINITE, V_RANGE,
	V_BAD_KEY, V_BAD_MODE, V_BAD_GENRE
} verdict;

/* Check a number against the range of its kind of column. */
static inline __attribute__((always_inline)) verdict judge_range(col_kind kind, double v)
{
	switch (kind) {
	case K_FRACTION:
		return v >= 0.0 && v <= 1.0 ? V_OK : V_RANGE;
	case K_POPULARITY:
		return v >= 0.0 && v <= 100.0 ? V_OK : V_RANGE;
	case K_DURATION:
		return v == -1.0 ? V_UNKNOWN : v > 0.0 ? V_OK : V_RANGE;
	case K_TEMPO:
		return v > 0.0 ? V_OK : V_RANGE;
	default:
		return V_OK;
	}
}

/* Judge one non-empty cell of column c, whose genres are g. *v gets its
 * value: the number (NaN when unknown), the key's pitch class (NaN when
 * unknown), 1/0 for Major/Minor, or the class. */
static inline __attribute__((always_inline)) verdict
judge_cell(const gt_genres *g, gt_column c, const char *s, double *v)
{
	col_kind kind = col_spec[c].kind;
	verdict vd;

	*v = NAN;
	switch (kind) {
	case K_SKIP:
		return V_OK;
	case K_KEY: {
		int pitch = -1, r = gt_key_value(s, &pitch);

		*v = r > 0 ? pitch : NAN;
		return r > 0 ? V_OK : r == 0 ? V_UNKNOWN : V_BAD_KEY;
	}
	case K_MODE:
		*v = gt_mode_value(s);
		return *v >= 0 ? V_OK : V_BAD_MODE;
	case K_GENRE:
		*v = gt_genres_find(g, s);
		return *v >= 0 ? V_OK : V_BAD_GENRE;
	default:
		break;
	}
	if (kind == K_TEMPO && strcmp(s, "?") == 0)
		return V_UNKNOWN;
	switch (gt_number_read(s, v)) {
	case GT_NUM_OK:
		vd = V_OK;
		break;
	case GT_NUM_BAD:
		vd = V_NOT_NUMBER;
		break;
	default:
		vd = V_NOT_FINITE;
		break;
	}
	if (vd == V_OK)
		vd = judge_range(kind, *v);
	if (vd == V_UNKNOWN)
		*v = NAN;
	return vd;
}

/* ---- Rows ------------------------------------------------------------- */

static int musical(gt_column c)
{
	return col_spec[c].kind != K_SKIP;
}

/* BLANK if every musical cell is empty, MISSING (first empty column) if
 * some are; returns 0 and leaves *rf alone if none are. cell[c] gets the
 * text of each musical column c. */
static int judge_empty(const gt_dataset *ds, size_t r, gt_rowfate *rf,
                       const char *cell[GT_NCOLS])
{
	int empty = 0, nmusical = 0, first = -1;

#pragma GCC unroll 18
	for (int c = 0; c < GT_NCOLS; c++) {
		if (!musical(c))
			continue;
		nmusical++;
		cell[c] = gt_cell(ds, r, c);
		if (cell[c][0] == '\0') {
			empty++;
			if (first < 0)
				first = c;
		}
	}
	if (!empty)
		return 0;
	rf->fate = empty == nmusical ? GT_FATE_BLANK : GT_FATE_MISSING;
	rf->col = (int16_t)(empty == nmusical ? -1 : first);
	return 1;
}

/* Store a good value of column c into t; pitch and major collect the
 * scale's parts. */
static inline __attribute__((always_inline)) void
store_value(gt_track *t, double *num, gt_column c, verdict vd, double v, int *pitch,
            int *major)
{
	int f = col_spec[c].feature;

	if (f >= 0)
		num[f] = v;
	if (vd == V_UNKNOWN)
		t->unknown |= (uint8_t)(c == GT_COL_DURATION ? GT_UNKNOWN_DURATION
		            : c == GT_COL_TEMPO ? GT_UNKNOWN_TEMPO : GT_UNKNOWN_KEY);
	if (col_spec[c].kind == K_KEY)
		*pitch = vd == V_OK ? (int)v : -1;
	else if (col_spec[c].kind == K_MODE)
		*major = (int)v;
	else if (col_spec[c].kind == K_GENRE)
		t->genre = (uint8_t)v;
}

static gt_fate fate_of_unknowns(unsigned bits)
{
	if (bits & GT_UNKNOWN_KEY)     /* no scale: not even the improved preset can use it */
		return GT_FATE_UNKNOWN_KEY;
	switch (bits) {
	case 0:
		return GT_FATE_KEPT;
	case GT_UNKNOWN_DURATION:
		return GT_FATE_UNKNOWN_DURATION;
	case GT_UNKNOWN_TEMPO:
		return GT_FATE_UNKNOWN_TEMPO;
	default:
		return GT_FATE_UNKNOWN_BOTH;
	}
}

/* Fate of complete row r, whose musical cells are cell[] and whose genre
 * cell names class genre of g (or -1): INVALID at its first bad column, or
 * usable, in which case t and its GT_NNUMERIC values num are filled. (The
 * other columns are never bad and hold nothing t keeps.) */
static gt_rowfate judge_values(const gt_genres *g, const char *const cell[GT_NCOLS],
                               size_t r, int genre, gt_track *t, double *num)
{
	gt_rowfate rf = { .col = -1, .fate = GT_FATE_INVALID };
	int pitch = -1, major = -1;

	memset(t, 0, sizeof(*t));
	t->row = (uint32_t)r;
#pragma GCC unroll 18
	for (int c = 0; c < GT_NCOLS; c++) {
		double v = genre;
		verdict vd;

		if (!musical(c))
			continue;
		vd = c == GT_COL_GENRE ? (genre >= 0 ? V_OK : V_BAD_GENRE)
		                       : judge_cell(g, c, cell[c], &v);

		if (vd != V_OK && vd != V_UNKNOWN) {
			rf.col = (int16_t)c;
			return rf;
		}
		store_value(t, num, c, vd, v, &pitch, &major);
	}
	t->scale = (uint8_t)gt_scale_index(pitch, major);
	rf.fate = fate_of_unknowns(t->unknown);
	return rf;
}

/* Fate of row r. *genre is the row's class if the row is complete and its
 * genre cell names one (even if another cell is invalid), else -1. */
static gt_rowfate judge_row(const gt_genres *g, const gt_dataset *ds, size_t r, gt_track *t,
                            double *num, int *genre)
{
	gt_rowfate rf = { .col = -1, .fate = GT_FATE_MALFORMED };
	const char *cell[GT_NCOLS];

	*genre = -1;
	if (ds->nfields[r] != ds->header_fields || judge_empty(ds, r, &rf, cell))
		return rf;
	*genre = gt_genres_find(g, cell[GT_COL_GENRE]);
	return judge_values(g, cell, r, *genre, t, num);
}

/* ---- The run and its ledger ------------------------------------------- */

static int usable(gt_fate f)
{
	return f == GT_FATE_KEPT || f == GT_FATE_UNKNOWN_DURATION ||
	       f == GT_FATE_UNKNOWN_TEMPO || f == GT_FATE_UNKNOWN_BOTH;
}

static void count_row(gt_ledger *lg, gt_fate f, int genre, const gt_track *t)
{
	int complete = f != GT_FATE_MALFORMED && f != GT_FATE_BLANK &&
	               f != GT_FATE_MISSING;
	/* every value valid: t->unknown holds all of the row's unknowns */
	unsigned bits = usable(f) || f == GT_FATE_UNKNOWN_KEY ? t->unknown : 0;

	lg->rows_read++;
	lg->fate[f]++;
	lg->complete += (size_t)complete;
	if (complete && genre >= 0)
		lg->genre_before[genre]++;
	lg->unknown_duration += (bits & GT_UNKNOWN_DURATION) != 0;
	lg->unknown_tempo += (bits & GT_UNKNOWN_TEMPO) != 0;
	lg->unknown_key += (bits & GT_UNKNOWN_KEY) != 0;
	if (f == GT_FATE_KEPT)
		lg->genre_after[t->genre]++;
}

/* ---- Cleaning in chunks, several threads at once ----
 *
 * Rows are judged one by one, independently. The rows come in chunks of
 * CLEAN_CHUNK, which the calling thread and, from CLEAN_THREAD_MIN rows,
 * its helpers take as they come (fixed shares left one thread waiting for
 * another slowed by a page fault or a busy CPU). A
 * chunk's tracks and their values are written from the slot of its first
 * row (a row has at most one track), and moved down in order after. */
#define CLEAN_CHUNK 4096          /* rows */
#define CLEAN_THREAD_MIN 16384    /* rows */

typedef struct {
	const gt_genres *genres;
	const gt_dataset *ds;
	gt_rowfate *fates;       /* [ds->nrows] */
	gt_track *tracks;        /* [ds->nrows]: chunk c's from slot c * CLEAN_CHUNK */
	double *values;          /* [ds->nrows][GT_NNUMERIC], likewise */
	size_t *ntracks;         /* [nchunks]: tracks of each chunk */
	size_t nchunks;
	gt_queue queue;          /* the chunks not yet taken */
} clean_job;

typedef struct {
	clean_job *job;
	gt_ledger ledger;        /* the counts of the chunks it took */
} cleaner;

static void *clean_chunks(void *arg)
{
	cleaner *w = arg;
	clean_job *j = w->job;
	size_t c;

	while ((c = gt_queue_take(&j->queue)) < j->nchunks) {
		size_t from = c * CLEAN_CHUNK, to = from + CLEAN_CHUNK;
		gt_track *t = j->tracks + from;
		double *num = j->values + from * GT_NNUMERIC;

		to = to < j->ds->nrows ? to : j->ds->nrows;
		for (size_t r = from; r < to; r++) {
			int genre, use;

			j->fates[r] = judge_row(j->genres, j->ds, r, t, num, &genre);
			count_row(&w->ledger, j->fates[r].fate, genre, t);
			use = usable(j->fates[r].fate);
			t += use;
			num += use ? GT_NNUMERIC : 0;
		}
		j->ntracks[c] = (size_t)(t - (j->tracks + from));
	}
	return NULL;
}

static void ledger_add(gt_ledger *a, const gt_ledger *b)
{
	a->rows_read += b->rows_read;
	a->complete += b->complete;
	a->unknown_duration += b->unknown_duration;
	a->unknown_tempo += b->unknown_tempo;
	a->unknown_key += b->unknown_key;
	for (int f = 0; f < GT_NFATES; f++)
		a->fate[f] += b->fate[f];
	for (int g = 0; g < GT_MAX_CLASSES; g++) {
		a->genre_before[g] += b->genre_before[g];
		a->genre_after[g] += b->genre_after[g];
	}
}

/* Judge every row of j, in up to `threads` threads when there are many;
 * the ledgers' counts are added up after. */
static void clean_all(clean_job *j, int threads, gt_ledger *lg)
{
	cleaner w[GT_THREADS_MAX];
	int n = j->ds->nrows >= CLEAN_THREAD_MIN ? gt_threads_resolve(threads) : 1;

	n = (size_t)n > j->nchunks ? (int)j->nchunks : n;
	n = n < 1 ? 1 : n;
	for (int i = 0; i < n; i++)
		w[i] = (cleaner){ .job = j };
	gt_queue_init(&j->queue, 0, j->nchunks);
	gt_thread_all(clean_chunks, w, sizeof(w[0]), n);
	gt_queue_free(&j->queue);
	*lg = w[0].ledger;
	for (int i = 1; i < n; i++)
		ledger_add(lg, &w[i].ledger);
}

gt_status gt_clean_run(gt_clean *out, const gt_dataset *ds, gt_error *err)
{
	return gt_clean_run_threads(out, ds, 0, err);
}

gt_status gt_clean_run_threads(gt_clean *out, const gt_dataset *ds, int threads,
                               gt_error *err)
{
	size_t n = ds->nrows, room = n ? n : 1;
	clean_job j = { .ds = ds, .nchunks = (n + CLEAN_CHUNK - 1) / CLEAN_CHUNK };
	gt_track *shrunk;
	double *vshrunk;

	memset(out, 0, sizeof(*out));
	gt_layout_study(&out->layout);
	if (gt_genres_from_data(&out->genres, ds, err) != GT_OK)
		return GT_ERR_NOMEM;
	out->fates = malloc(room * sizeof(*out->fates));
	out->tracks = malloc(room * sizeof(*out->tracks));   /* trimmed below */
	out->values = malloc(room * GT_NNUMERIC * sizeof(*out->values));   /* likewise */
	j.ntracks = malloc((j.nchunks ? j.nchunks : 1) * sizeof(*j.ntracks));
	if (!out->fates || !out->tracks || !out->values || !j.ntracks) {
		free(j.ntracks);
		gt_clean_free(out);
		return gt_fail(err, GT_ERR_NOMEM, "cleaning: out of memory");
	}
	j.genres = &out->genres;
	j.fates = out->fates;
	j.tracks = out->tracks;
	j.values = out->values;
	clean_all(&j, threads, &out->ledger);
	for (size_t c = 0; c < j.nchunks; c++) {     /* down, in file order */
		memmove(out->tracks + out->ntracks, out->tracks + c * CLEAN_CHUNK,
		        j.ntracks[c] * sizeof(*out->tracks));
		memmove(out->values + out->ntracks * GT_NNUMERIC,
		        out->values + c * CLEAN_CHUNK * GT_NNUMERIC,
		        j.ntracks[c] * GT_NNUMERIC * sizeof(*out->values));
		out->ntracks += j.ntracks[c];
	}
	free(j.ntracks);
	out->ledger.kept = out->ledger.fate[GT_FATE_KEPT];
	out->ledger.dropped = n - out->ledger.kept;
	shrunk = realloc(out->tracks, (out->ntracks ? out->ntracks : 1) *
	                              sizeof(*out->tracks));
	if (shrunk)
		out->tracks = shrunk;
	vshrunk = realloc(out->values, (out->ntracks ? out->ntracks : 1) * GT_NNUMERIC *
	                               sizeof(*out->values));
	if (vshrunk)
		out->values = vshrunk;
	return GT_OK;
}

void gt_clean_free(gt_clean *c)
{
	if (!c)
		return;
	free(c->fates);
	free(c->tracks);
	free(c->values);
	memset(c, 0, sizeof(*c));
}

/* ---- Explanations ----------------------------------------------------- */

#define SHOW_MAX 40     /* bytes of cell text quoted in a message */
#define SHOW_BUF 64     /* SHOW_MAX + the longest escape + "..." + NUL */

/* Why cell s of column c is invalid, e.g. "'abc' is not a number": the
 * cell text, shown safely, between two fixed parts. */
static int why_invalid(const gt_genres *g, gt_column c, const char *s, char *buf,
                       size_t n)
{
	static const char *const around[][2] = {
		[V_NOT_NUMBER] = { "'", "' is not a number" },
		[V_NOT_FINITE] = { "'", "' is not a finite number" },
		[V_RANGE]      = { "'", NULL },         /* from range[] */
		[V_BAD_KEY]    = { "unknown key '",
		                   "' (expected C, C#, ... B, or 0 to 11, -1 for unknown)" },
		[V_BAD_MODE]   = { "unknown mode '",
		                   "' (expected Major or Minor, or 1 or 0)" },
		[V_BAD_GENRE]  = { "unknown genre '", "'" },
	};
	static const char *const range[] = {
		[K_FRACTION]   = "' is out of range [0, 1]",
		[K_POPULARITY] = "' is out of range [0, 100]",
		[K_DURATION]   = "' is out of range (> 0, or -1 for unknown)",
		[K_TEMPO]      = "' is out of range (> 0, or '?' for unknown)",
	};
	char text[SHOW_BUF];
	double v;
	verdict vd = judge_cell(g, c, s, &v);

	gt_text_safe(s, text, sizeof(text), SHOW_MAX);
	if (vd == V_OK || vd == V_UNKNOWN)      /* not invalid after all */
		return snprintf(buf, n, "'%s' is valid", text);
	if (vd == V_BAD_GENRE && strlen(s) >= GT_GENRE_RAW)   /* no class has such a name */
		return snprintf(buf, n, "genre label of %zu bytes is too long (at most %d): '%s'",
		                strlen(s), GT_GENRE_RAW - 1, text);
	return snprintf(buf, n, "%s%s%s", around[vd][0], text, vd == V_RANGE ?
	                range[col_spec[c].kind] : around[vd][1]);
}

/* gt_clean_describe for a file read by its own schema: the fate's column
 * is a column of the file, a bad cell a non-number or an unknown label. */
static int describe_own(const gt_clean *c, const gt_dataset *ds, size_t r,
                        char *buf, size_t n)
{
	gt_rowfate rf = c->fates[r];
	long line = ds->line[r];
	char col[SHOW_BUF] = "", cell[SHOW_BUF];

	if (rf.col >= 0 && rf.col < ds->ncols) {
		gt_column_label(ds, rf.col, col, sizeof(col), SHOW_MAX);
		gt_text_safe(gt_cell_col(ds, r, rf.col), cell, sizeof(cell), SHOW_MAX);
	}
	if (rf.fate == GT_FATE_MALFORMED)
		return snprintf(buf, n, "line %ld: %s: %d, expected %d", line,
		                gt_fate_text(rf.fate), ds->nfields[r], ds->header_fields);
	if (rf.fate == GT_FATE_MISSING && rf.col >= 0)
		return snprintf(buf, n, "line %ld: %s in column '%s'", line,
		                gt_fate_text(rf.fate), col);
	if (rf.fate == GT_FATE_INVALID && rf.col >= 0 && rf.col == ds->field[GT_COL_GENRE])
		return snprintf(buf, n, "line %ld: %s in column '%s': '%s' is not one of the "
		                "%d genres", line, gt_fate_text(rf.fate), col, cell, c->genres.k);
	if (rf.fate == GT_FATE_INVALID && rf.col >= 0)
		return snprintf(buf, n, "line %ld: %s in column '%s': '%s' is not a number",
		                line, gt_fate_text(rf.fate), col, cell);
	return snprintf(buf, n, "line %ld: %s", line, gt_fate_text(rf.fate));
}

int gt_clean_describe(const gt_clean *c, const gt_dataset *ds, size_t r,
                      char *buf, size_t n)
{
	gt_rowfate rf;
	long line;
	char why[GT_ERROR_MAX], col[SHOW_BUF] = "";

	if (r >= ds->nrows)
		return snprintf(buf, n, "row %zu: no such row", r);
	rf = c->fates[r];
	line = ds->line[r];
	if (c->own_schema)
		return describe_own(c, ds, r, buf, n);
	if (rf.col >= 0)        /* as the file names it (--map) */
		gt_text_safe(gt_column_name(ds, rf.col), col, sizeof(col), SHOW_MAX);
	switch (rf.fate) {
	case GT_FATE_MALFORMED:
		return snprintf(buf, n, "line %ld: %s: %d, expected %d", line,
		                gt_fate_text(rf.fate), ds->nfields[r],
		                ds->header_fields);
	case GT_FATE_MISSING:
		return snprintf(buf, n, "line %ld: %s in column '%s'", line,
		                gt_fate_text(rf.fate), col);
	case GT_FATE_INVALID:
		why_invalid(&c->genres, rf.col, gt_cell(ds, r, rf.col), why, sizeof(why));
		return snprintf(buf, n, "line %ld: %s in column '%s': %s", line,
		                gt_fate_text(rf.fate), col, why);
	default:
		return snprintf(buf, n, "line %ld: %s", line,
		                gt_fate_text(rf.fate));
	}
}

/* ---- Too few rows kept ------------------------------------------------ */

int gt_ledger_dropped_text(const gt_ledger *lg, char *buf, size_t n)
{
	size_t used = 0;
	int total = 0;

	if (n)
		buf[0] = '\0';
	for (int f = 0; f < GT_NFATES; f++) {
		int k;

		if (f == GT_FATE_KEPT || lg->fate[f] == 0)
			continue;
		k = snprintf(used < n ? buf + used : NULL, used < n ? n - used : 0,
		             "%s%zu %s", total ? ", " : "", lg->fate[f],
		             gt_fate_text(f));
		total += k;
		used = (size_t)total;
	}
	if (total == 0)
		total = snprintf(buf, n, "none");
	return total;
}

/* Index of the first dropped row (there is one when kept < nrows). */
static size_t first_dropped(const gt_clean *c, size_t nrows)
{
	size_t r = 0;

	while (r + 1 < nrows && c->fates[r].fate == GT_FATE_KEPT)
		r++;
	return r;
}

static const char *rows_word(size_t n)
{
	return n == 1 ? "row" : "rows";
}

gt_status gt_clean_require(const gt_clean *c, const gt_dataset *ds,
                           size_t need, gt_error *err)
{
	const gt_ledger *lg = &c->ledger;
	char name[216], why[GT_ERROR_MAX], first[GT_ERROR_MAX];
	size_t n = ds->nrows;

	if (gt_genres_check(&c->genres, ds, err) != GT_OK)
		return GT_ERR_EMPTY;
	if (lg->kept >= need)
		return GT_OK;
	gt_text_safe(ds->path ? ds->path : "(buffer)", name, sizeof(name), 200);
	if (n == 0)
		return gt_fail(err, GT_ERR_EMPTY, "%s: no data rows after the "
		               "header", name);
	if (lg->kept == n)
		return gt_fail(err, GT_ERR_EMPTY, "%s: only %zu data %s, at least "
		               "%zu are needed to train and test", name, n,
		               rows_word(n), need);
	gt_ledger_dropped_text(lg, why, sizeof(why));
	gt_clean_describe(c, ds, first_dropped(c, n), first, sizeof(first));
	if (lg->kept == 0)
		return gt_fail(err, GT_ERR_EMPTY, "%s: none of the %zu data %s "
		               "can be used (dropped: %s); first: %s", name, n,
		               rows_word(n), why, first);
	return gt_fail(err, GT_ERR_EMPTY, "%s: only %zu of the %zu data rows "
	               "can be used, at least %zu are needed to train and test "
	               "(dropped: %s); first: %s", name, lg->kept, n, need, why,
	               first);
}

long gt_clean_track_of_row(const gt_clean *c, size_t r)
{
	size_t lo = 0, hi = c->ntracks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->tracks[mid].row < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->ntracks && c->tracks[lo].row == r ? (long)lo : -1;
}

/* ---- A cleaning from values read by the caller ------------------------ */

static gt_status check_tracks(const gt_layout *l, const gt_genres *g, size_t nrows,
                              const gt_track *tracks, size_t ntracks, gt_error *err)
{
	for (size_t i = 0; i < ntracks; i++) {
		const gt_track *t = &tracks[i];

		if (t->row >= nrows || (i > 0 && t->row <= tracks[i - 1].row))
			return gt_fail(err, GT_ERR_ARG, "track %zu: row %lu is out of order or "
			               "range (%zu rows)", i, (unsigned long)t->row, nrows);
		if (t->genre >= g->k || (l->nhot ? t->scale >= l->nhot : t->scale != 0))
			return gt_fail(err, GT_ERR_ARG, "track %zu: class %d or hot input %d is "
			               "out of range", i, t->genre, t->scale);
	}
	return GT_OK;
}

/* Fates and ledger of out's rows: its tracks KEPT or MISSING, the rest INVALID. */
static void values_ledger(gt_clean *out, size_t nrows)
{
	gt_ledger *lg = &out->ledger;

	for (size_t r = 0; r < nrows; r++)
		out->fates[r] = (gt_rowfate){ .col = -1, .fate = GT_FATE_INVALID };
	for (size_t i = 0; i < out->ntracks; i++) {
		const gt_track *t = &out->tracks[i];

		out->fates[t->row].fate = t->unknown ? GT_FATE_MISSING : GT_FATE_KEPT;
		lg->genre_before[t->genre] += !t->unknown;
		lg->genre_after[t->genre] += !t->unknown;
	}
	lg->rows_read = nrows;
	for (size_t r = 0; r < nrows; r++)
		lg->fate[out->fates[r].fate]++;
	lg->kept = lg->complete = lg->fate[GT_FATE_KEPT];
	lg->dropped = nrows - lg->kept;
}

gt_status gt_clean_from_values(gt_clean *out, const gt_layout *l, const gt_genres *g,
                               size_t nrows, const gt_track *tracks, const double *values,
                               size_t ntracks, gt_error *err)
{
	size_t nv = ntracks * (size_t)l->nnum;

	memset(out, 0, sizeof(*out));
	if (check_tracks(l, g, nrows, tracks, ntracks, err) != GT_OK)
		return GT_ERR_ARG;
	out->layout = *l;
	out->genres = *g;
	out->fates = malloc((nrows ? nrows : 1) * sizeof(*out->fates));
	out->tracks = malloc((ntracks ? ntracks : 1) * sizeof(*out->tracks));
	out->values = malloc((nv ? nv : 1) * sizeof(*out->values));
	if (!out->fates || !out->tracks || !out->values) {
		gt_clean_free(out);
		return gt_fail(err, GT_ERR_NOMEM, "cleaning: out of memory");
	}
	memcpy(out->values, values, nv * sizeof(*values));
	out->ntracks = ntracks;
	for (size_t i = 0; i < ntracks; i++) {
		const double *v = values + i * (size_t)l->nnum;

		out->tracks[i] = tracks[i];
		out->tracks[i].unknown = 0;
		for (int f = 0; f < l->nnum; f++)
			if (isnan(v[f]))
				out->tracks[i].unknown = GT_UNKNOWN_VALUE;
	}
	values_ledger(out, nrows);
	return GT_OK;
}
