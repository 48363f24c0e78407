/* schema_read.c: a table read by its own schema, row by row (see
 * schema_read.h for the rules). */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/genre_find.h"
#include "genretui/number.h"
#include "genretui/schema_read.h"
#include "genretui/threads.h"

static const char *view_cell(const void *ctx, size_t r, int col)
{
	return gt_cell_col(ctx, r, col);
}

void gt_schema_view(gt_table_view *v, const gt_dataset *ds)
{
	v->nrows = ds->nrows;
	v->ncols = ds->ncols;
	v->names = (const char *const *)ds->names;
	v->cell = view_cell;
	v->ctx = ds;
	v->nfields = ds->nfields;
	v->header_fields = ds->header_fields;
	v->threads = 0;
}

int gt_schema_study_like(const gt_dataset *ds)
{
	return !(ds->study_missing & (1u << GT_COL_GENRE)) &&
	       __builtin_popcount(ds->study_missing) <= GT_STUDY_LIKE_MISSING;
}

int gt_schema_wanted(const gt_dataset *ds, const gt_schema_opts *opts, int map_given)
{
	if (opts && (opts->label || opts->features || opts->drop))
		return 1;
	return !map_given && ds->study_missing != 0 && !gt_schema_study_like(ds);
}

/* Does name (any case) contain word? */
static int name_has(const char *name, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = name; *p; p++)
		if (strncasecmp(p, word, n) == 0)
			return 1;
	return 0;
}

/* How well identifier column j names a row: 0 by its name (track_id,
 * filename), 1 a text that differs in every row, 2 a row number or a
 * written index; 3 for any other column. */
static int id_rank(const gt_schema *s, int j)
{
	const gt_schema_col *c = &s->col[j];
	int by_name = gt_schema_id_name(c->name);

	if (c->role != GT_ROLE_IDENTIFIER)
		return 3;
	if (by_name)
		return by_name == 1 ? 0 : 2;
	return c->numeric ? 2 : 1;
}

/* The first column whose name has words[0], else words[1], ...: a text
 * column, else an identifier of text that differs in every row; never
 * column skip. */
static int text_named(const gt_schema *s, const char *const *words, int skip)
{
	for (int w = 0; words[w]; w++)
		for (int pass = 0; pass < 2; pass++)
			for (int j = 0; j < s->ncols; j++)
				if (j != skip && name_has(s->col[j].name, words[w]) &&
				    (pass == 0 ? s->col[j].role == GT_ROLE_TEXT : id_rank(s, j) == 1))
					return j;
	return -1;
}

gt_row_naming gt_row_naming_of(const gt_dataset *ds, const gt_schema *s)
{
	static const char *const artist[] = { "artist", NULL };
	static const char *const title[] = { "track_name", "title", "song", "track", "name", NULL };
	gt_row_naming n = { ds->field[GT_COL_INSTANCE_ID], ds->field[GT_COL_ARTIST],
	                    ds->field[GT_COL_TRACK] };

	if (s) {
		n.artist = text_named(s, artist, -1);
		n.title = text_named(s, title, n.artist);
		n.id = -1;
		for (int j = 0; j < s->ncols; j++)
			if (j != n.artist && j != n.title && id_rank(s, j) < 3 &&
			    (n.id < 0 || id_rank(s, j) < id_rank(s, n.id)))
				n.id = j;
	}
	if (n.artist == n.id)
		n.artist = -1;
	if (n.title == n.id || n.title == n.artist)
		n.title = -1;
	return n;
}

/* Point the study's naming fields at the file's columns: the label is read
 * as music_genre (genres.h reads it there), an artists column and a title
 * column name a row in the drill-down and group the tracks a file lists
 * under several genres (track_genres.h), an identifier stands in for a
 * missing title; the columns are those predictions.csv names a row by
 * (gt_row_naming_of). The musical fields point nowhere: nothing reads
 * them. */
static void point_fields(gt_dataset *ds, const gt_schema *s)
{
	gt_row_naming n = gt_row_naming_of(ds, s);

	for (int c = 0; c < GT_NCOLS; c++)
		ds->field[c] = -1;
	ds->field[GT_COL_GENRE] = s->label;
	ds->field[GT_COL_ARTIST] = n.artist;
	ds->field[GT_COL_TRACK] = n.title >= 0 ? n.title : n.id;
	ds->field[GT_COL_INSTANCE_ID] = n.id;
}

/* Inputs of the schema as layout columns (names borrowed from s). */
static gt_status make_layout(gt_layout *l, const gt_schema *s, gt_error *err)
{
	gt_layout_column *cols = calloc((size_t)s->ncols + 1, sizeof(*cols));
	int n = 0;
	gt_status st;

	if (!cols)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the inputs");
	for (int j = 0; j < s->ncols; j++) {
		const gt_schema_col *c = &s->col[j];

		if (c->role == GT_ROLE_NUMERIC)
			cols[n++] = (gt_layout_column){ .name = c->name, .kind = GT_SOURCE_NUMERIC };
		else if (c->role == GT_ROLE_ONEHOT)
			cols[n++] = (gt_layout_column){
				.name = c->name, .kind = GT_SOURCE_ONEHOT, .nlevels = c->nlevels,
				.levels = (const char *const *)c->levels };
	}
	st = gt_layout_from_columns(l, cols, n, err);
	free(cols);
	return st;
}

/* One row's verdict: its fate, the first offending column, and whether it
 * is a track (its label is good). */
typedef struct {
	gt_fate fate;
	int col;
	int track;
} row_verdict;

/* Read row r's inputs into v (l->nnum values, NaN where unusable) and
 * judge the row. */
static row_verdict read_row(const gt_dataset *ds, const gt_schema *s,
                            const gt_genre_finder *g, size_t r, double *v, int *genre)
{
	row_verdict rv = { GT_FATE_KEPT, -1, 0 };
	const char *label = gt_cell_col(ds, r, s->label);
	int empty_all = !*label, in = 0;

	if (ds->nfields[r] != ds->header_fields)
		return (row_verdict){ GT_FATE_MALFORMED, -1, 0 };
	for (int j = 0; j < s->ncols; j++) {
		const gt_schema_col *c = &s->col[j];
		const char *cell;
		gt_fate bad = GT_FATE_KEPT;

		if (c->role != GT_ROLE_NUMERIC && c->role != GT_ROLE_ONEHOT)
			continue;
		cell = gt_cell_col(ds, r, j);
		if (!*cell) {
			bad = GT_FATE_MISSING;
		} else {
			empty_all = 0;
		}
		if (c->role == GT_ROLE_NUMERIC) {
			double x = NAN;

			if (!bad && (gt_parse_number(cell, &x) != 0 || !isfinite(x))) {
				bad = GT_FATE_INVALID;
				x = NAN;
			}
			v[in++] = bad ? NAN : x;
		} else {
			int lv = bad ? -1 : gt_schema_level(c, cell);

			if (!bad && lv < 0)
				bad = GT_FATE_INVALID;
			for (int k = 0; k < c->nlevels; k++)
				v[in++] = lv < 0 ? NAN : k == lv;
		}
		if (bad && rv.fate == GT_FATE_KEPT) {
			rv.fate = bad;
			rv.col = j;
		}
	}
	if (empty_all)
		return (row_verdict){ GT_FATE_BLANK, -1, 0 };
	if (!*label)
		return (row_verdict){ GT_FATE_MISSING, s->label, 0 };
	*genre = gt_genre_finder_find(g, label);
	if (*genre < 0)
		return (row_verdict){ GT_FATE_INVALID, s->label, 0 };
	rv.track = 1;
	return rv;
}

/* ---- Reading the rows in chunks, several threads at once ----
 *
 * Rows are read one by one, independently, in chunks of READ_CHUNK that
 * the calling thread and, from READ_THREAD_MIN rows, its helpers take as
 * they come. A chunk's tracks and their values are written from the slot
 * of its first row (a row has at most one track) and moved down in order
 * after, so the result is the same for any number of threads. */
#define READ_CHUNK 4096           /* rows */
#define READ_THREAD_MIN 16384     /* rows */

typedef struct {
	const gt_dataset *ds;
	const gt_schema *s;
	const gt_genre_finder *g;
	size_t nv;               /* values a track */
	gt_track *tracks;        /* [ds->nrows]: chunk c's from slot c * READ_CHUNK */
	double *values;          /* [ds->nrows][nv], likewise */
	row_verdict *rv;         /* [ds->nrows] */
	size_t *ntracks;         /* [nchunks]: tracks of each chunk */
	size_t nchunks;
	gt_queue queue;          /* the chunks not yet taken */
} read_job;

static void read_chunk(read_job *j, size_t c)
{
	size_t from = c * READ_CHUNK, to = from + READ_CHUNK, nt = from;

	to = to < j->ds->nrows ? to : j->ds->nrows;
	for (size_t r = from; r < to; r++) {
		int genre = -1;

		j->rv[r] = read_row(j->ds, j->s, j->g, r, j->values + nt * j->nv, &genre);
		if (j->rv[r].track)
			j->tracks[nt++] = (gt_track){ .row = (uint32_t)r, .genre = (uint8_t)genre };
	}
	j->ntracks[c] = nt - from;
}

static void *read_chunks(void *arg)
{
	read_job *j = *(read_job **)arg;
	size_t c;

	while ((c = gt_queue_take(&j->queue)) < j->nchunks)
		read_chunk(j, c);
	return NULL;
}

/* Read every chunk of j in up to `threads` threads, then move the chunks'
 * tracks and values down into one run; the tracks. */
static size_t read_all(read_job *j, int threads)
{
	read_job *arg[GT_THREADS_MAX];
	int n = j->ds->nrows >= READ_THREAD_MIN ? gt_threads_resolve(threads) : 1;
	size_t nt = 0;

	n = (size_t)n > j->nchunks ? (int)j->nchunks : n;
	n = n < 1 ? 1 : n;
	for (int i = 0; i < n; i++)
		arg[i] = j;
	gt_queue_init(&j->queue, 0, j->nchunks);
	gt_thread_all(read_chunks, arg, sizeof(arg[0]), n);
	gt_queue_free(&j->queue);
	for (size_t c = 0; c < j->nchunks; c++) {      /* down, in file order */
		size_t from = c * READ_CHUNK;

		if (nt != from) {
			memmove(j->tracks + nt, j->tracks + from, j->ntracks[c] * sizeof(*j->tracks));
			memmove(j->values + nt * j->nv, j->values + from * j->nv,
			        j->ntracks[c] * j->nv * sizeof(*j->values));
		}
		nt += j->ntracks[c];
	}
	return nt;
}

/* Every row's fate, and the tracks with their values, into out. */
static gt_status clean_rows(gt_clean *out, const gt_dataset *ds, const gt_schema *s,
                            const gt_layout *l, const gt_genres *g, int threads,
                            gt_error *err)
{
	size_t n = ds->nrows, nt = 0, room = n ? n : 1, nv = (size_t)l->nnum;
	gt_genre_finder *finder = malloc(sizeof(*finder));
	read_job j = { .ds = ds, .s = s, .g = finder, .nv = nv,
	               .nchunks = (n + READ_CHUNK - 1) / READ_CHUNK };
	gt_track *tracks = malloc(room * sizeof(*tracks));
	double *values = malloc(room * (nv ? nv : 1) * sizeof(*values));
	row_verdict *rv = malloc(room * sizeof(*rv));
	gt_status st;

	j.ntracks = malloc((j.nchunks ? j.nchunks : 1) * sizeof(*j.ntracks));
	if (!finder || !tracks || !values || !rv || !j.ntracks) {
		st = gt_fail(err, GT_ERR_NOMEM, "cleaning: out of memory");
		goto done;
	}
	gt_genre_finder_init(finder, g);
	j.tracks = tracks;
	j.values = values;
	j.rv = rv;
	nt = read_all(&j, threads);
	st = gt_clean_from_values(out, l, g, n, tracks, values, nt, err);
	if (st != GT_OK)
		goto done;
	memset(out->ledger.fate, 0, sizeof(out->ledger.fate));
	for (size_t r = 0; r < n; r++) {
		out->fates[r].fate = (unsigned char)rv[r].fate;
		out->fates[r].col = (int16_t)rv[r].col;
		out->ledger.fate[rv[r].fate]++;
	}
	out->ledger.kept = out->ledger.fate[GT_FATE_KEPT];
	out->ledger.complete = out->ledger.kept;
	out->ledger.dropped = n - out->ledger.kept;
	memset(out->ledger.genre_before, 0, sizeof(out->ledger.genre_before));
	for (size_t t = 0; t < nt; t++)         /* every row of a good label */
		out->ledger.genre_before[tracks[t].genre]++;
	out->own_schema = 1;
done:
	free(finder);
	free(j.ntracks);
	free(tracks);
	free(values);
	free(rv);
	return st;
}

gt_status gt_schema_clean(gt_clean *out, gt_schema *schema, gt_dataset *ds,
                          const gt_schema_opts *opts, gt_error *err)
{
	return gt_schema_clean_threads(out, schema, ds, opts, 0, err);
}

gt_status gt_schema_clean_threads(gt_clean *out, gt_schema *schema, gt_dataset *ds,
                                  const gt_schema_opts *opts, int threads, gt_error *err)
{
	gt_table_view view;
	gt_genres *g = NULL;
	gt_layout *l = NULL;
	gt_status st;

	memset(out, 0, sizeof(*out));
	gt_schema_view(&view, ds);
	view.threads = threads;
	st = gt_schema_detect(&view, opts, schema, err);
	if (st != GT_OK)
		return st;
	point_fields(ds, schema);
	g = malloc(sizeof(*g));
	l = malloc(sizeof(*l));
	if (!g || !l)
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory");
	if (st == GT_OK)
		st = gt_genres_from_data_flags(g, ds, GT_GENRES_OWN, err);
	if (st == GT_OK)
		st = gt_genres_check(g, ds, err);
	if (st == GT_OK)
		st = make_layout(l, schema, err);
	if (st == GT_OK)
		st = clean_rows(out, ds, schema, l, g, threads, err);
	if (st != GT_OK) {
		gt_clean_free(out);
		gt_schema_free(schema);
	}
	free(g);
	free(l);
	return st;
}
