/* test_schema.c: a table's schema from its cells (schema.h): the shapes of
 * GTZAN, Spotify tracks and hackathon tables (small in-test versions), the
 * label's choice and its errors, identifiers by name and by value, one-hot
 * levels and their order, numeric columns with a few bad cells, --features
 * and --drop with globs and their errors, a 300-column table, a table of a
 * label alone, the text, pane and JSON output, and allocation failures
 * (linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc). */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/schema.h"
#include "genretui/textfmt.h"

/* ---- allocation failure */

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);

static long calls;       /* allocations since arm() */
static long fail_at;     /* the call to fail (1-based), 0 = none */
static int failed;       /* the armed failure happened */

static int fail_now(void)
{
	calls++;
	if (fail_at == 0 || calls != fail_at)
		return 0;
	failed = 1;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fail_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
	return fail_now() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fail_now() ? NULL : __real_realloc(p, n);
}

static void arm(long at)
{
	calls = 0;
	fail_at = at;
	failed = 0;
}

/* ---- tables written as text: lines of comma-separated fields (no
 * quoting); a line with fewer or more fields than the header is a record
 * of that many fields (missing cells read as ""). */

typedef struct {
	int ncols;
	size_t nrows;
	char **names;     /* ncols */
	char **cells;     /* nrows * ncols */
	int *nfields;     /* nrows */
} table;

static void split_line(char *line, char **out, int max, int *n)
{
	char *p = line;

	*n = 0;
	for (;;) {
		char *comma = strchr(p, ',');

		if (*n < max)
			out[*n] = p;
		(*n)++;
		if (!comma)
			return;
		*comma = '\0';
		p = comma + 1;
	}
}

static void table_parse(table *t, const char *text)
{
	char *copy = strdup(text), *line, *save = NULL, **fields;
	size_t cap = 16;
	int n;

	assert_non_null(copy);
	memset(t, 0, sizeof(*t));
	line = strtok_r(copy, "\n", &save);
	assert_non_null(line);
	fields = calloc(4096, sizeof(*fields));
	split_line(line, fields, 4096, &t->ncols);
	t->names = calloc((size_t)t->ncols, sizeof(*t->names));
	for (int c = 0; c < t->ncols; c++)
		t->names[c] = strdup(fields[c]);
	t->cells = calloc(cap * (size_t)t->ncols, sizeof(*t->cells));
	t->nfields = calloc(cap, sizeof(*t->nfields));
	while ((line = strtok_r(NULL, "\n", &save))) {
		if (t->nrows == cap) {
			cap *= 2;
			t->cells = realloc(t->cells, cap * (size_t)t->ncols * sizeof(*t->cells));
			t->nfields = realloc(t->nfields, cap * sizeof(*t->nfields));
		}
		split_line(line, fields, 4096, &n);
		t->nfields[t->nrows] = n;
		for (int c = 0; c < t->ncols; c++)
			t->cells[t->nrows * (size_t)t->ncols + (size_t)c] =
				strdup(c < n ? fields[c] : "");
		t->nrows++;
	}
	free(fields);
	free(copy);
}

static void table_free(table *t)
{
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	for (int c = 0; c < t->ncols; c++)
		free(t->names[c]);
	free(t->cells);
	free(t->names);
	free(t->nfields);
}

static const char *table_cell(const void *ctx, size_t r, int c)
{
	const table *t = ctx;

	return t->cells[r * (size_t)t->ncols + (size_t)c];
}

static gt_table_view view_of(const table *t)
{
	gt_table_view v = {
		.nrows = t->nrows, .ncols = t->ncols,
		.names = (const char *const *)t->names, .cell = table_cell, .ctx = t,
		.nfields = t->nfields, .header_fields = t->ncols
	};

	return v;
}

/* A growing text for generated tables. */
typedef struct {
	char *p;
	size_t len, cap;
} text;

static void add(text *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(text *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)n + 1 > b->cap) {
		b->cap = (b->len + (size_t)n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static uint32_t lcg = 12345;

static double uniform(void)
{
	lcg = lcg * 1664525u + 1013904223u;
	return (lcg >> 8) / 16777216.0;
}

/* Detect text's schema with opts; expect st, and msg when not GT_OK. */
static void detect(table *t, gt_schema *s, const char *tx, const gt_schema_opts *o,
                   gt_status want, const char *msg)
{
	gt_table_view v;
	gt_error err = { 0 };
	gt_status st;

	table_parse(t, tx);
	v = view_of(t);
	st = gt_schema_detect(&v, o, s, &err);
	if (st != want)
		fail_msg("status %d (%s), wanted %d: %s", st, gt_status_str(st), want, err.msg);
	if (msg)
		assert_string_equal(err.msg, msg);
	if (st != GT_OK) {
		assert_null(s->col);
		assert_int_equal(s->ninputs, 0);
	}
}

/* Detect and expect an error; the table is freed. */
static void refused(const char *tx, const gt_schema_opts *o, gt_status want,
                    const char *msg)
{
	table t;
	gt_schema s;

	detect(&t, &s, tx, o, want, msg);
	table_free(&t);
}

static gt_role role_of(const gt_schema *s, const char *name)
{
	int c = gt_schema_find(s, name);

	if (c < 0)
		fail_msg("no column '%s'", name);
	return s->col[c].role;
}

#define assert_role(s, name, r) assert_string_equal(gt_role_name(role_of(s, name)), \
                                                    gt_role_name(r))

/* The inputs' names joined by spaces. */
static const char *inputs(const gt_schema *s)
{
	static char buf[8192];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < s->ninputs; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? " " : "",
		                        s->input_name[i]);
	return buf;
}

/* ---- the three shapes */

static const char *const gtzan_genres[10] = {
	"blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop",
	"reggae", "rock"
};

/* The 57 GTZAN feature names, in the files' order, joined by commas. */
static void gtzan_names(text *b)
{
	static const char *const base[8] = {
		"chroma_stft", "rms", "spectral_centroid", "spectral_bandwidth", "rolloff",
		"zero_crossing_rate", "harmony", "perceptr"
	};

	for (int i = 0; i < 8; i++)
		add(b, "%s_mean,%s_var,", base[i], base[i]);
	add(b, "tempo");
	for (int i = 1; i <= 20; i++)
		add(b, ",mfcc%d_mean,mfcc%d_var", i, i);
}

/* A GTZAN 30-second table, clips rows per genre. */
static char *gtzan_table(int clips)
{
	text b = { 0 };

	add(&b, "filename,length,");
	gtzan_names(&b);
	add(&b, ",label\n");
	for (int g = 0; g < 10; g++)
		for (int c = 0; c < clips; c++) {
			add(&b, "%s.%05d.wav,661794", gtzan_genres[g], c);
			for (int f = 0; f < 57; f++)
				add(&b, ",%.17g", (uniform() - 0.5) * 1000.0);
			add(&b, ",%s\n", gtzan_genres[g]);
		}
	return b.p;
}

static void test_gtzan(void **state)
{
	char *tx = gtzan_table(3);
	table t;
	gt_schema s;
	int len;

	(void)state;
	detect(&t, &s, tx, NULL, GT_OK, NULL);
	assert_int_equal(s.ncols, 60);
	assert_int_equal(s.label, 59);
	assert_role(&s, "label", GT_ROLE_LABEL);
	assert_int_equal(s.col[59].ndistinct, 10);
	assert_string_equal(s.col[59].reason, "named as a label");
	assert_role(&s, "filename", GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[0].reason, "a file name");
	assert_role(&s, "length", GT_ROLE_NUMERIC);   /* one value, still a feature */
	assert_true(s.col[1].min == 661794 && s.col[1].max == 661794);
	for (int c = 2; c < 59; c++)
		assert_int_equal(s.col[c].role, GT_ROLE_NUMERIC);
	assert_int_equal(s.ninputs, 58);
	assert_string_equal(s.input_name[0], "length");
	assert_string_equal(s.input_name[1], "chroma_stft_mean");
	assert_string_equal(s.input_name[17], "tempo");
	assert_string_equal(s.input_name[57], "mfcc20_var");
	for (int i = 0; i < s.ninputs; i++) {
		assert_int_equal(s.input_col[i], i + 1);
		assert_int_equal(s.input_level[i], -1);
		assert_int_equal(s.col[i + 1].input, i);
	}
	assert_int_equal(s.col[0].input, -1);
	assert_int_equal(s.rows, 30);
	/* GTZAN's hiphop, disco, metal ... are the file's own: nothing here
	 * knows the study's genres */
	len = (int)strlen(inputs(&s));
	assert_true(len > 0);
	gt_schema_free(&s);
	table_free(&t);
	free(tx);
}

/* A Spotify-tracks-like table: an unnamed index, track_id (one track
 * listed under two genres), artists, album_name, track_name with more than
 * 24 values and a repeat, explicit True/False, key/mode/time_signature as
 * numbers. */
static char *tracks_table(int genres, int per_genre, int index)
{
	text b = { 0 };
	int i = 0;

	add(&b, "%strack_id,artists,album_name,track_name,popularity,duration_ms,explicit,"
	    "danceability,energy,key,loudness,mode,speechiness,acousticness,"
	    "instrumentalness,liveness,valence,tempo,time_signature,track_genre\n",
	    index ? "," : "");
	for (int g = 0; g < genres; g++)
		for (int k = 0; k < per_genre; k++, i++) {
			if (index)
				add(&b, "%d,", i);
			add(&b, "T%05d,SYNTHETIC Artist %d,Album %d,Track %d,%d,%d,%s,%.3f,%.3f,%d,"
			    "%.3f,%d,%.4f,%.3g,%.3g,%.4f,%.4f,%.3f,%d,genre-%03d\n",
			    i == 7 ? 3 : i, i % 29, i % 27, i % 26, (int)(uniform() * 100),
			    120000 + (int)(uniform() * 200000), uniform() < 0.3 ? "True" : "False",
			    uniform(), uniform(), (int)(uniform() * 12), -20 + 18 * uniform(),
			    uniform() < 0.6, uniform() * 0.3, uniform(), uniform() * uniform(),
			    uniform() * 0.5, uniform(), 80 + 80 * uniform(),
			    uniform() < 0.8 ? 4 : 3, g);
		}
	return b.p;
}

static void test_tracks(void **state)
{
	char *tx = tracks_table(12, 5, 1);
	table t;
	gt_schema s;

	(void)state;
	detect(&t, &s, tx, NULL, GT_OK, NULL);
	assert_int_equal(s.ncols, 21);
	assert_int_equal(s.col[0].role, GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[0].reason, "no name: a written index");
	assert_role(&s, "track_id", GT_ROLE_IDENTIFIER);
	assert_role(&s, "artists", GT_ROLE_TEXT);
	assert_true(s.col[2].distinct_more);      /* counted up to the first repeat */
	assert_int_equal(s.col[2].ndistinct, 29);
	assert_role(&s, "album_name", GT_ROLE_TEXT);
	assert_role(&s, "track_name", GT_ROLE_TEXT);
	assert_role(&s, "explicit", GT_ROLE_ONEHOT);
	assert_role(&s, "duration_ms", GT_ROLE_NUMERIC);   /* distinct, not a row number */
	assert_role(&s, "key", GT_ROLE_NUMERIC);
	assert_role(&s, "mode", GT_ROLE_NUMERIC);
	assert_role(&s, "time_signature", GT_ROLE_NUMERIC);
	assert_role(&s, "track_genre", GT_ROLE_LABEL);
	assert_int_equal(s.col[s.label].ndistinct, 12);
	assert_string_equal(inputs(&s), "popularity duration_ms explicit_False explicit_True "
	                    "danceability energy key loudness mode speechiness acousticness "
	                    "instrumentalness liveness valence tempo time_signature");
	assert_int_equal(s.input_col[2], 7);
	assert_int_equal(s.input_level[2], 0);
	assert_int_equal(s.input_level[3], 1);
	assert_int_equal(gt_schema_level(&s.col[7], "True"), 1);
	assert_int_equal(gt_schema_level(&s.col[7], "true"), -1);
	gt_schema_free(&s);
	table_free(&t);
	free(tx);

	/* 114 genres: the label's values are counted, every one */
	tx = tracks_table(114, 2, 0);
	detect(&t, &s, tx, NULL, GT_OK, NULL);
	assert_int_equal(s.label, 19);
	assert_int_equal(s.col[19].ndistinct, 114);
	assert_false(s.col[19].distinct_more);
	assert_role(&s, "track_id", GT_ROLE_IDENTIFIER);
	assert_int_equal(s.ninputs, 16);
	gt_schema_free(&s);
	table_free(&t);
	free(tx);

	/* the index written by pandas with its name */
	tx = tracks_table(3, 10, 1);
	{
		text b = { 0 };

		add(&b, "Unnamed: 0%s", tx);
		detect(&t, &s, b.p, NULL, GT_OK, NULL);
		assert_role(&s, "Unnamed: 0", GT_ROLE_IDENTIFIER);
		assert_string_equal(s.col[0].reason, "pandas' name of a written index");
		gt_schema_free(&s);
		table_free(&t);
		free(b.p);
	}
	free(tx);
}

static void test_hackathon(void **state)
{
	text b = { 0 };
	table t;
	gt_schema s;

	(void)state;
	add(&b, "Artist Name,Track Name,Popularity,danceability,energy,key,loudness,mode,"
	    "speechiness,acousticness,instrumentalness,liveness,valence,tempo,"
	    "duration_in min/ms,time_signature,Class\n");
	for (int i = 0; i < 120; i++)
		add(&b, "SYNTHETIC A%d,T%d,%s,%.3f,%.3f,%s,%.3f,%d,%.4f,%.4f,%s,%.4f,%.4f,"
		    "%.3f,%.1f,%d,%d\n", i % 40, i % 50, i % 9 == 0 ? "" : "45.0",
		    uniform(), uniform(), i % 7 == 0 ? "" : "3.0", -10 * uniform(), i % 2,
		    uniform(), uniform(), i % 4 == 0 ? "" : "0.0012", uniform(), uniform(),
		    100 + 50 * uniform(), 200000 + 1000 * uniform(), 4, i % 11);
	detect(&t, &s, b.p, NULL, GT_OK, NULL);
	assert_role(&s, "Class", GT_ROLE_LABEL);
	assert_true(s.col[s.label].numeric);
	assert_int_equal(s.col[s.label].ndistinct, 11);
	assert_role(&s, "Artist Name", GT_ROLE_TEXT);
	assert_role(&s, "Track Name", GT_ROLE_TEXT);
	assert_role(&s, "Popularity", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[2].nempty, 14);
	assert_role(&s, "key", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[5].nempty, 18);
	assert_role(&s, "instrumentalness", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[10].nempty, 30);
	assert_int_equal(s.col[10].nunusable, 0);
	assert_role(&s, "time_signature", GT_ROLE_NUMERIC);
	assert_role(&s, "duration_in min/ms", GT_ROLE_NUMERIC);
	assert_int_equal(s.ninputs, 14);
	gt_schema_free(&s);
	table_free(&t);
	free(b.p);
}

/* ---- the label */

static void test_label_choice(void **state)
{
	table t;
	gt_schema s;
	gt_schema_opts o = { 0 };

	(void)state;
	/* the first of the names in the rule's order, not in the file's */
	detect(&t, &s, "class,x,Genre\na,1,rock\nb,2,pop\n", NULL, GT_OK, NULL);
	assert_int_equal(s.label, 2);
	assert_role(&s, "class", GT_ROLE_ONEHOT);
	gt_schema_free(&s);
	table_free(&t);
	detect(&t, &s, "x,LABEL,music_genre\n1,a,b\n2,c,d\n", NULL, GT_OK, NULL);
	assert_int_equal(s.label, 2);
	gt_schema_free(&s);
	table_free(&t);
	/* --label: exact, else ignoring case */
	o.label = "x";
	detect(&t, &s, "x,genre,X\na,1,2\nb,2,3\n", &o, GT_OK, NULL);
	assert_int_equal(s.label, 0);
	assert_string_equal(s.col[0].reason, "--label");
	assert_role(&s, "genre", GT_ROLE_NUMERIC);
	gt_schema_free(&s);
	table_free(&t);
	o.label = "STYLE";
	detect(&t, &s, "x,style\n1,a\n2,b\n", &o, GT_OK, NULL);
	assert_int_equal(s.label, 1);
	gt_schema_free(&s);
	table_free(&t);

	o.label = "style";
	refused("x,Style,STYLE\n1,a,b\n", &o, GT_ERR_ARG,
	        "--label 'style': 2 columns are named so (ignoring case); rename one");
	o.label = "Style";
	refused("x,Style,Style\n1,a,b\n", &o, GT_ERR_ARG,
	        "--label 'Style': 2 columns are named so; rename one");
	o.label = "genres";
	refused("tempo,genre,track_name\n1,a,b\n", &o, GT_ERR_ARG,
	        "--label 'genres': no such column (did you mean 'genre'?); the columns: "
	        "'tempo', 'genre', 'track_name'");
	o.label = "zzz\x1b[2J";
	refused("tempo,genre\n1,a\n", &o, GT_ERR_ARG,
	        "--label 'zzz\\x1b[2J': no such column; the columns: 'tempo', 'genre'");
	o.label = "track";
	refused("tempo,track_genre_name\n1,a\n", &o, GT_ERR_ARG,
	        "--label 'track': no such column (did you mean 'track_genre_name'?); the "
	        "columns: 'tempo', 'track_genre_name'");
	refused("tempo,style,x\x01y\n1,a,b\n", NULL, GT_ERR_COLUMN,
	        "no label column: no column is named music_genre, genre, track_genre, "
	        "label or class (ignoring case); name it with --label COLUMN; the columns: "
	        "'tempo', 'style', 'x\\x01y'");
	/* no rows of the header's width: nothing to tell the kinds from */
	refused("a,genre\n", NULL, GT_ERR_EMPTY,
	        "no data row has the header's 2 fields: nothing tells what the columns hold");
	refused("a,genre\n1,2,3\n1\n", NULL, GT_ERR_EMPTY, NULL);
}

/* ---- identifiers */

static void test_identifiers(void **state)
{
	table t;
	gt_schema s;
	text b = { 0 };

	(void)state;
	add(&b, "track_id,instance_id,ID,trackId,Track ID,uuid,acidity,valid,Liquid,"
	    "File_Name,path,Index,rownum,rownum1,shuffled,duration_ms,loud,song,words,genre\n");
	for (int i = 0; i < 40; i++)
		add(&b, "%d,%d,%d,%d,%d,%d,%.3f,%d,%.2f,f%d.wav,p/%d,%d,%d,%d,%d,%d,%.17g,"
		    "Song %d,w%d,%s\n", i * 7 % 40, i, i, i, i, i, uniform(), i % 2, uniform(),
		    i, i, i, i, i + 1, (i * 17 + 3) % 40, 150000 + i * 1000 + (i % 3),
		    uniform(), i, i % 30, i % 2 ? "rock" : "pop");
	detect(&t, &s, b.p, NULL, GT_OK, NULL);
	for (int c = 0; c < 6; c++) {
		assert_int_equal(s.col[c].role, GT_ROLE_IDENTIFIER);
		assert_string_equal(s.col[c].reason, "its name says id");
	}
	assert_role(&s, "acidity", GT_ROLE_NUMERIC);
	assert_role(&s, "valid", GT_ROLE_NUMERIC);
	assert_role(&s, "Liquid", GT_ROLE_NUMERIC);
	assert_role(&s, "File_Name", GT_ROLE_IDENTIFIER);
	assert_role(&s, "path", GT_ROLE_IDENTIFIER);
	assert_role(&s, "Index", GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[11].reason, "named index");
	/* numbers that count the rows in order, from 0 or 1 */
	assert_role(&s, "rownum", GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[12].reason, "counts the rows from 0");
	assert_role(&s, "rownum1", GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[13].reason, "counts the rows from 1");
	/* distinct numbers stay features: shuffled, integer or float */
	assert_role(&s, "shuffled", GT_ROLE_NUMERIC);
	assert_role(&s, "duration_ms", GT_ROLE_NUMERIC);
	assert_role(&s, "loud", GT_ROLE_NUMERIC);
	/* a different text in every row, against text of repeats */
	assert_role(&s, "song", GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[17].reason, "a different text in every row");
	assert_role(&s, "words", GT_ROLE_TEXT);
	gt_schema_free(&s);
	table_free(&t);
	free(b.p);

	/* a row number stays one across a broken record (left out), not across
	 * an empty cell; 2 rows are too few to tell */
	detect(&t, &s, "n,m,k,x,genre\n0,0,a,1,r\n1,1,b,2,p\n2,2,c\n3,,d,3,r\n4,4,e,4,r\n",
	       NULL, GT_OK, NULL);
	assert_int_equal(s.rows, 4);
	assert_int_equal(s.rows_skipped, 1);
	assert_role(&s, "n", GT_ROLE_IDENTIFIER);
	assert_role(&s, "m", GT_ROLE_NUMERIC);
	assert_role(&s, "k", GT_ROLE_IDENTIFIER);
	gt_schema_free(&s);
	table_free(&t);
	detect(&t, &s, "n,k,genre\n0,a,r\n1,b,p\n", NULL, GT_OK, NULL);
	assert_role(&s, "n", GT_ROLE_NUMERIC);
	assert_role(&s, "k", GT_ROLE_ONEHOT);
	gt_schema_free(&s);
	table_free(&t);
	/* texts distinct but mostly empty: text of few values, not an identifier */
	detect(&t, &s, "note,x,genre\na,1,r\nb,2,p\nc,3,r\n,4,r\n,5,r\n,6,r\n", NULL, GT_OK, NULL);
	assert_role(&s, "note", GT_ROLE_ONEHOT);
	assert_int_equal(s.col[0].nempty, 3);
	gt_schema_free(&s);
	table_free(&t);
}

/* ---- one-hot */

static void test_onehot(void **state)
{
	static const char *const keys[12] = {
		"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"
	};
	table t;
	gt_schema s;
	text b = { 0 };

	(void)state;
	add(&b, "key,mode,case,tempo,many,most,genre\n");
	for (int i = 0; i < 60; i++)
		add(&b, "%s,%s,%s,%d,v%02d,w%02d,%s\n", keys[i % 12], i % 3 ? "Major" : "Minor",
		    i % 2 ? "a" : "B", 100 + i % 7, i % 24, i % 25, i % 2 ? "rock" : "pop");
	detect(&t, &s, b.p, NULL, GT_OK, NULL);
	assert_role(&s, "key", GT_ROLE_ONEHOT);
	assert_int_equal(s.col[0].nlevels, 12);
	{
		static const char *const sorted[12] = {
			"A", "A#", "B", "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#"
		};

		for (int l = 0; l < 12; l++) {
			assert_string_equal(s.col[0].levels[l], sorted[l]);
			assert_int_equal(gt_schema_level(&s.col[0], sorted[l]), l);
		}
	}
	assert_int_equal(gt_schema_level(&s.col[0], "H"), -1);
	assert_string_equal(s.col[1].levels[0], "Major");
	assert_string_equal(s.col[1].levels[1], "Minor");
	/* byte order: upper case before lower */
	assert_string_equal(s.col[2].levels[0], "B");
	assert_string_equal(s.col[2].levels[1], "a");
	assert_role(&s, "many", GT_ROLE_ONEHOT);
	assert_int_equal(s.col[4].nlevels, 24);
	assert_role(&s, "most", GT_ROLE_TEXT);
	assert_int_equal(s.col[5].nlevels, 0);
	assert_null(s.col[5].levels);
	assert_int_equal(s.col[5].ndistinct, 25);
	assert_int_equal(s.ninputs, 12 + 2 + 2 + 1 + 24);
	assert_string_equal(s.input_name[0], "key_A");
	assert_string_equal(s.input_name[11], "key_G#");
	assert_string_equal(s.input_name[12], "mode_Major");
	assert_string_equal(s.input_name[14], "case_B");
	assert_string_equal(s.input_name[16], "tempo");
	assert_string_equal(s.input_name[17], "many_v00");
	gt_schema_free(&s);
	table_free(&t);
	free(b.p);

	/* a column explicit_True beside explicit's level True */
	refused("explicit,explicit_True,genre\nTrue,1,a\nFalse,0,b\nTrue,1,a\n", NULL,
	        GT_ERR_COLUMN, "two inputs would be named 'explicit_True' (a column and a "
	        "one-hot level); --drop one of them");
}

/* ---- numeric columns with bad cells */

static void test_bad_cells(void **state)
{
	table t;
	gt_schema s;
	text b = { 0 };

	(void)state;
	add(&b, "tempo,odd,na,words,three,half,genre\n");
	for (int i = 0; i < 40; i++) {
		static const char *const odd[5] = { "nan", "inf", "1e999", "-Infinity", "x" };
		static const char *const three[3] = { "?", "NA", "-" };

		add(&b, "%s,%s,%s,%s,%s,%s,%s\n", i == 5 || i == 30 ? "?" : "120.5",
		    i % 8 == 0 ? odd[i / 8] : "0.5", i % 3 == 0 ? "NA" : "7",
		    i == 3 ? "1999" : i % 2 ? "Song" : "Other Song",
		    i % 3 == 0 ? three[i / 3 % 3] : "2", i % 2 ? "NA" : "1", i % 2 ? "a" : "b");
	}
	detect(&t, &s, b.p, NULL, GT_OK, NULL);
	assert_role(&s, "tempo", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[0].nunusable, 2);
	assert_int_equal(s.col[0].nnumbers, 38);
	assert_string_equal(s.col[0].unusable_example, "?");
	assert_int_equal(s.col[0].first_unusable, 5);
	assert_string_equal(s.col[0].reason, "numbers, a few cells not");
	/* NaN, infinities and numbers too large are unusable: a fifth at most */
	assert_role(&s, "odd", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[1].nunusable, 5);
	assert_string_equal(s.col[1].unusable_example, "nan");
	/* a third "NA": one bad token, fewer than the numbers */
	assert_role(&s, "na", GT_ROLE_NUMERIC);
	assert_int_equal(s.col[2].nunusable, 14);
	/* words with a number among them: text, the number a level */
	assert_role(&s, "words", GT_ROLE_ONEHOT);
	assert_int_equal(s.col[3].nlevels, 3);
	assert_string_equal(s.col[3].levels[0], "1999");
	assert_int_equal(s.col[3].nunusable, 0);
	assert_null(s.col[3].unusable_example);
	/* a third bad in three tokens: text */
	assert_role(&s, "three", GT_ROLE_ONEHOT);
	/* half "NA": still numbers (one token, no more than the numbers) */
	assert_role(&s, "half", GT_ROLE_NUMERIC);
	gt_schema_free(&s);
	table_free(&t);
	free(b.p);

	/* an empty column is dropped; a file of empty cells only has no features */
	detect(&t, &s, "x,blank,genre\n1,,a\n2,,b\n", NULL, GT_OK, NULL);
	assert_role(&s, "blank", GT_ROLE_DROPPED);
	assert_string_equal(s.col[1].reason, "empty in every row");
	assert_int_equal(s.col[1].nempty, 2);
	gt_schema_free(&s);
	table_free(&t);
}

/* ---- --features and --drop */

static void test_overrides(void **state)
{
	char *tx = gtzan_table(2);
	table t;
	gt_schema s;
	gt_schema_opts o = { 0 };

	(void)state;
	o.features = " mfcc1*, tempo ";
	detect(&t, &s, tx, &o, GT_OK, NULL);
	assert_string_equal(inputs(&s), "tempo mfcc1_mean mfcc1_var mfcc10_mean mfcc10_var "
	                    "mfcc11_mean mfcc11_var mfcc12_mean mfcc12_var mfcc13_mean "
	                    "mfcc13_var mfcc14_mean mfcc14_var mfcc15_mean mfcc15_var "
	                    "mfcc16_mean mfcc16_var mfcc17_mean mfcc17_var mfcc18_mean "
	                    "mfcc18_var mfcc19_mean mfcc19_var");
	assert_role(&s, "length", GT_ROLE_DROPPED);
	assert_string_equal(s.col[1].reason, "not in --features");
	assert_int_equal(s.col[1].detected, GT_ROLE_NUMERIC);
	assert_role(&s, "filename", GT_ROLE_IDENTIFIER);
	gt_schema_free(&s);
	table_free(&t);
	/* globs ignore case when nothing matches with it; drop after features */
	o.features = "MFCC2_*,rms*";
	o.drop = "rms_var";
	detect(&t, &s, tx, &o, GT_OK, NULL);
	assert_string_equal(inputs(&s), "rms_mean mfcc2_mean mfcc2_var");
	assert_string_equal(s.col[gt_schema_find(&s, "rms_var")].reason, "--drop");
	gt_schema_free(&s);
	table_free(&t);
	o.features = NULL;
	o.drop = "length,*_var,l*";     /* the label is skipped by a glob */
	detect(&t, &s, tx, &o, GT_OK, NULL);
	assert_int_equal(s.ninputs, 29);     /* 28 means and tempo */
	assert_role(&s, "label", GT_ROLE_LABEL);
	gt_schema_free(&s);
	table_free(&t);

	o.drop = "lenght";
	refused(tx, &o, GT_ERR_ARG, "--drop: no column 'lenght' (did you mean 'length'?)");
	o.drop = "label";
	refused(tx, &o, GT_ERR_ARG, "--drop: 'label' is the label; choose another with --label");
	o.drop = "lab*";
	refused(tx, &o, GT_ERR_ARG, "--drop: 'lab*' matches only 'label' (label)");
	o.drop = "length,,tempo";
	refused(tx, &o, GT_ERR_ARG, "--drop 'length,,tempo': an empty name (the list is names "
	        "or globs separated by commas)");
	o.drop = "*";
	refused(tx, &o, GT_ERR_COLUMN, NULL);
	o.drop = NULL;
	o.features = "mfcc99*";
	refused(tx, &o, GT_ERR_ARG, "--features: 'mfcc99*' matches no column");
	o.features = "tempoo";
	refused(tx, &o, GT_ERR_ARG, "--features: no column 'tempoo' (did you mean 'tempo'?)");
	o.features = "label";
	refused(tx, &o, GT_ERR_ARG, "--features: 'label' is the label; choose another with --label");
	o.features = "file*,lab*";
	refused(tx, &o, GT_ERR_ARG, "--features: 'file*' matches only 'filename' (identifier), "
	        "none of which can be a feature");
	free(tx);
	tx = gtzan_table(3);
	o.features = "filename";
	refused(tx, &o, GT_ERR_ARG, "--features: 'filename' is text of over 24 different "
	        "values; a one-hot feature has at most 24");
	free(tx);

	/* a feature named: an identifier forced in, text of few values made one-hot */
	o.features = "n,tag,x";
	detect(&t, &s, "n,tag,x,genre\n0,a,1,r\n1,b,2,p\n2,c,3,r\n", &o, GT_OK, NULL);
	assert_string_equal(inputs(&s), "n tag_a tag_b tag_c x");
	assert_int_equal(s.col[0].detected, GT_ROLE_IDENTIFIER);
	assert_string_equal(s.col[0].reason, "--features");
	gt_schema_free(&s);
	table_free(&t);
	o.features = "blank";
	refused("x,blank,genre\n1,,a\n", &o, GT_ERR_ARG, "--features: 'blank' is empty in every row");
	o.features = "x";
	o.drop = "X";       /* ignoring case */
	refused("x,genre\n1,a\n", &o, GT_ERR_COLUMN,
	        "no features: besides the label 'genre', no column is numbers or text of at "
	        "most 24 values (or --features and --drop left none); the columns: 'x'");
}

/* ---- size, degenerate tables */

static void test_300_columns(void **state)
{
	text b = { 0 };
	table t;
	gt_schema s;
	gt_schema_opts o = { .label = "nope" };
	char *out;

	(void)state;
	for (int c = 0; c < 299; c++)
		add(&b, "feature_%03d,", c);
	add(&b, "genre\n");
	for (int r = 0; r < 50; r++) {
		for (int c = 0; c < 299; c++)
			add(&b, "%.6f,", uniform());
		add(&b, "g%d\n", r % 7);
	}
	detect(&t, &s, b.p, NULL, GT_OK, NULL);
	assert_int_equal(s.ninputs, 299);
	assert_string_equal(s.input_name[298], "feature_298");
	out = gt_schema_text(&s);
	assert_non_null(out);
	{
		int lines = 0;

		for (const char *p = out; *p; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 302);
	}
	assert_int_equal(gt_schema_nlines(&s), 301);
	free(out);
	gt_schema_free(&s);
	table_free(&t);
	/* the columns listed in an error are cut, with how many more */
	refused(b.p, &o, GT_ERR_ARG, "--label 'nope': no such column; the columns: "
	        "'feature_000', 'feature_001', 'feature_002', 'feature_003', 'feature_004', "
	        "'feature_005', 'feature_006', 'feature_007', 'feature_008', 'feature_009', "
	        "'feature_010', 'feature_011', 'feature_012', 'feature_013', 'feature_014', "
	        "'feature_015', 'feature_016', 'feature_017', 'feature_018', 'feature_019', "
	        "... and 280 more");
	free(b.p);
}

static void test_no_features(void **state)
{
	(void)state;
	refused("label\nrock\npop\n", NULL, GT_ERR_COLUMN,
	        "no features: the table has only the label column 'label'");
	refused("id,song,genre\n1,a,rock\n2,b,pop\n3,c,pop\n4,d,rock\n", NULL, GT_ERR_COLUMN,
	        "no features: besides the label 'genre', no column is numbers or text of at "
	        "most 24 values (or --features and --drop left none); the columns: 'id', 'song'");
}

/* ---- output */

/* A small tracks table: 30 rows and a broken record; --drop loud. */
static void small_tracks(table *t, gt_schema *s)
{
	gt_schema_opts o = { .drop = "loud" };
	text b = { 0 };

	add(&b, ",track_id,artists,explicit,tempo,loud,track_genre\n");
	for (int i = 0; i < 30; i++) {
		static const char *const genre[3] = { "pop", "rock", "jazz" };
		char tempo[32], loud[32];

		snprintf(tempo, sizeof(tempo), "%g", 98.5 + i);
		snprintf(loud, sizeof(loud), "%g", -5 - i * 0.25);
		add(&b, "%d,a%d,A%d,%s,%s,%s,%s\n", i, i, i % 26, i % 3 ? "False" : "True",
		    i == 2 ? "" : tempo, i == 1 ? "?" : loud, genre[i % 3]);
	}
	add(&b, "30,a30\n");
	detect(t, s, b.p, &o, GT_OK, NULL);
	free(b.p);
}

static void test_text(void **state)
{
	table t;
	gt_schema s;
	char *out, line[256];
	size_t len;

	(void)state;
	small_tracks(&t, &s);
	out = gt_schema_text(&s);
	assert_non_null(out);
	assert_string_equal(out,
		"Schema: label 'track_genre' (3 classes); 3 inputs: 1 numeric, 1 one-hot (2 "
		"levels); 2 identifiers, 1 text, 1 dropped; 30 rows (1 more with another field "
		"count left out)\n"
		"  column       role        details\n"
		"  (no name)    identifier  no name: a written index\n"
		"  track_id     identifier  its name says id\n"
		"  artists      text        over 24 values\n"
		"  explicit     one-hot     2 levels: False True\n"
		"  tempo        numeric     98.5 to 127.5; 1 empty\n"
		"  loud         dropped     1 unusable ('?' first, data row 2); --drop (numeric)\n"
		"  track_genre  label       3 classes; named as a label\n");
	free(out);
	/* pane lines: at most width cells, the name column a third of them */
	assert_int_equal(gt_schema_nlines(&s), 8);
	len = gt_schema_line(&s, 0, 40, line, sizeof(line));
	assert_string_equal(line, "label 'track_genre' (3 classes); 3 input");
	assert_int_equal(len, 40);
	gt_schema_line(&s, 4, 40, line, sizeof(line));
	assert_string_equal(line, "explicit     one-hot     2 levels: False");
	gt_schema_line(&s, 5, 40, line, sizeof(line));
	assert_string_equal(line, "tempo        numeric     98.5 to 127.5;");
	gt_schema_line(&s, 7, 200, line, sizeof(line));
	assert_string_equal(line, "track_genre  label       3 classes; named as a label");
	gt_schema_line(&s, 7, 30, line, sizeof(line));
	assert_string_equal(line, "track_genr  label       3 clas");
	for (int i = 0; i < gt_schema_nlines(&s); i++) {
		gt_schema_line(&s, i, 25, line, sizeof(line));
		assert_true(gt_text_width(line) <= 25);
	}
	assert_int_equal(gt_schema_line(&s, 8, 40, line, sizeof(line)), 0);
	assert_string_equal(line, "");
	gt_schema_line(&s, 4, 40, line, 8);
	assert_string_equal(line, "explici");
	gt_schema_free(&s);
	table_free(&t);
}

static void test_json(void **state)
{
	table t;
	gt_schema s;
	json_t *j;
	char *dump;

	(void)state;
	small_tracks(&t, &s);
	j = gt_schema_json(&s);
	assert_non_null(j);
	dump = json_dumps(j, JSON_COMPACT);
	assert_string_equal(dump,
		"{\"label\":\"track_genre\",\"rows\":30,\"rows_skipped\":1,"
		"\"inputs\":[\"explicit_False\",\"explicit_True\",\"tempo\"],\"columns\":["
		"{\"name\":\"\",\"role\":\"identifier\",\"detected\":\"identifier\",\"reason\":"
		"\"no name: a written index\",\"empty\":0,\"numbers\":30,\"unusable\":0,"
		"\"distinct\":null,\"input\":null},"
		"{\"name\":\"track_id\",\"role\":\"identifier\",\"detected\":\"identifier\","
		"\"reason\":\"its name says id\",\"empty\":0,\"numbers\":0,\"unusable\":0,"
		"\"distinct\":null,\"input\":null},"
		"{\"name\":\"artists\",\"role\":\"text\",\"detected\":\"text\",\"reason\":"
		"\"text of many values\",\"empty\":0,\"numbers\":0,\"unusable\":0,"
		"\"distinct\":null,\"input\":null},"
		"{\"name\":\"explicit\",\"role\":\"one-hot\",\"detected\":\"one-hot\",\"reason\":"
		"\"text of few values\",\"empty\":0,\"numbers\":0,\"unusable\":0,"
		"\"distinct\":2,\"input\":0,\"levels\":[\"False\",\"True\"]},"
		"{\"name\":\"tempo\",\"role\":\"numeric\",\"detected\":\"numeric\",\"reason\":"
		"\"numbers\",\"empty\":1,\"numbers\":29,\"unusable\":0,\"distinct\":null,"
		"\"input\":2},"
		"{\"name\":\"loud\",\"role\":\"dropped\",\"detected\":\"numeric\",\"reason\":"
		"\"--drop\",\"empty\":0,\"numbers\":29,\"unusable\":1,\"distinct\":null,"
		"\"input\":null},"
		"{\"name\":\"track_genre\",\"role\":\"label\",\"detected\":\"label\",\"reason\":"
		"\"named as a label\",\"empty\":0,\"numbers\":0,\"unusable\":0,\"distinct\":3,"
		"\"input\":null}]}");
	free(dump);
	json_decref(j);
	gt_schema_free(&s);
	table_free(&t);
}

/* ---- allocation failure */

static void test_alloc(void **state)
{
	char *tx = tracks_table(4, 8, 1);
	gt_schema_opts o = { .features = "pop*,explicit,dance*,key", .drop = "key" };
	table t;
	gt_table_view v;
	long at;

	(void)state;
	table_parse(&t, tx);
	v = view_of(&t);
	for (at = 1;; at++) {
		gt_schema s;
		gt_error err = { 0 };
		gt_status st;
		char *out;

		arm(at);
		st = gt_schema_detect(&v, &o, &s, &err);
		if (st == GT_OK) {
			out = gt_schema_text(&s);
			if (!failed)
				assert_non_null(out);
			free(out);
			gt_schema_free(&s);
		} else {
			assert_int_equal(st, GT_ERR_NOMEM);
			assert_string_equal(err.msg, "out of memory");
		}
		if (!failed)
			break;
	}
	arm(0);
	assert_true(at > 20);
	table_free(&t);
	free(tx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gtzan),
		cmocka_unit_test(test_tracks),
		cmocka_unit_test(test_hackathon),
		cmocka_unit_test(test_label_choice),
		cmocka_unit_test(test_identifiers),
		cmocka_unit_test(test_onehot),
		cmocka_unit_test(test_bad_cells),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_300_columns),
		cmocka_unit_test(test_no_features),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_alloc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
