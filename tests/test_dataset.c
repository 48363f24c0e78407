/* test_dataset.c: CSV loading (src/core/dataset_load.c) from memory buffers,
 * from files, and from the real dataset when GT_REAL_CSV names it; a file
 * read in parts (src/core/dataset_parts.c) gives what one pass gives. */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fixtures.h"
#include "genretui/dataset.h"
#include "genretui/dataset_loader.h"

#define HEADER "instance_id,artist_name,track_name,popularity,acousticness," \
	"danceability,duration_ms,energy,instrumentalness,key,liveness,"     \
	"loudness,mode,speechiness,tempo,obtained_date,valence,music_genre"
/* A full row in header order: genre and tempo are easy to spot. */
#define ROW(id, tempo, genre) id ",Art,Song,27.0,0.1,0.2,200000.0,0.3,0.4," \
	"A#,0.5,-5.5,Minor,0.06," tempo ",4-Apr,0.7," genre

/* Parse a NUL-terminated buffer; assert success. */
static void parse_ok(gt_dataset *ds, const char *text)
{
	gt_error err = { 0 };
	gt_status st = gt_dataset_parse(ds, text, strlen(text), "t.csv", &err);

	if (st != GT_OK)
		print_error("unexpected failure: %s\n", err.msg);
	assert_int_equal(st, GT_OK);
}

/* Parse text, expect code and message; ds must come back zeroed. */
static void parse_fails(const char *text, size_t len, gt_status code,
                        const char *msg)
{
	gt_dataset ds, zero;
	gt_error err = { 0 };
	gt_status st;

	memset(&zero, 0, sizeof(zero));
	st = gt_dataset_parse(&ds, text, len, "t.csv", &err);
	if (st == GT_OK && (st = gt_dataset_require_study(&ds, &err)) != GT_OK)
		gt_dataset_free(&ds);
	assert_int_equal(st, code);
	assert_int_equal(err.code, code);
	assert_string_equal(err.msg, msg);
	assert_memory_equal(&ds, &zero, sizeof(ds));
	gt_dataset_free(&ds);
}

static void test_header_any_order(void **state)
{
	gt_dataset ds;
	const char *text =
		"music_genre,tempo,valence,obtained_date,speechiness,mode,loudness,"
		"liveness,key,instrumentalness,energy,duration_ms,danceability,"
		"acousticness,popularity,track_name,artist_name,instance_id\n"
		"Jazz,99.5,0.7,4-Apr,0.06,Minor,-5.5,0.5,A#,0.4,0.3,200000.0,0.2,"
		"0.1,27.0,Song,Art,7.0\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 1);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "Jazz");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TEMPO), "99.5");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_INSTANCE_ID), "7.0");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_KEY), "A#");
	assert_string_equal(gt_column_names[GT_COL_GENRE], "music_genre");
	gt_dataset_free(&ds);
}

static void test_extra_columns_kept(void **state)
{
	gt_dataset ds;
	const char *text = " extra1 ," HEADER ",extra2\n"
	                   "x," ROW("1.0", "120.0", "Rock") ",y\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.header_fields, 20);
	assert_int_equal(ds.ncols, 20);
	assert_int_equal(ds.study_missing, 0);
	assert_int_equal(ds.nrows, 1);
	assert_int_equal(ds.nfields[0], 20);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_INSTANCE_ID), "1.0");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "Rock");
	assert_int_equal(ds.field[GT_COL_INSTANCE_ID], 1);
	assert_string_equal(ds.names[0], "extra1");          /* blanks trimmed */
	assert_string_equal(ds.names[19], "extra2");
	assert_string_equal(ds.names[18], "music_genre");
	assert_string_equal(gt_cell_col(&ds, 0, 0), "x");
	assert_string_equal(gt_cell_col(&ds, 0, 19), "y");
	assert_string_equal(gt_cell_col(&ds, 0, 1), "1.0");
	assert_ptr_equal(gt_cell_col(&ds, 0, 18), gt_cell(&ds, 0, GT_COL_GENRE));
	gt_dataset_free(&ds);
}

/* A file without the study's columns loads, every column kept; only
 * gt_dataset_require_study refuses it, as the loader did. */
static void test_any_columns(void **state)
{
	gt_dataset ds;
	gt_error err = { 0 };
	char label[64];
	const char *text = "filename,length,red\tgreen,,label\n"
	                   "blues.00000.wav,661794,0.35,7,blues\n"
	                   "jazz.00001.wav,661794\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.ncols, 5);
	assert_int_equal(ds.nrows, 2);
	assert_int_equal(ds.field[GT_COL_GENRE], -1);
	assert_int_equal(ds.field[GT_COL_INSTANCE_ID], -1);
	assert_int_equal(ds.study_missing, 0x3fff8u & ~(1u << GT_COL_OBTAINED_DATE));
	assert_string_equal(gt_cell_col(&ds, 0, 0), "blues.00000.wav");
	assert_string_equal(gt_cell_col(&ds, 0, 4), "blues");
	assert_string_equal(gt_cell_col(&ds, 1, 1), "661794");
	assert_string_equal(gt_cell_col(&ds, 1, 4), "");      /* the record lacks it */
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "");
	assert_string_equal(gt_column_label(&ds, 2, label, sizeof(label), 40), "red\\tgreen");
	assert_string_equal(gt_column_label(&ds, 3, label, sizeof(label), 40), "#4");
	assert_string_equal(gt_column_label(&ds, 4, label, sizeof(label), 40), "label");
	assert_int_equal(gt_dataset_require_study(&ds, &err), GT_ERR_COLUMN);
	assert_string_equal(err.msg, "t.csv: missing columns: popularity, acousticness, "
	                    "danceability, duration_ms, energy, instrumentalness, key, "
	                    "liveness, loudness, mode, speechiness, tempo, valence, "
	                    "music_genre; name them with --map FIELD=COLUMN; the file's "
	                    "columns: 'filename', 'length', 'red\\tgreen', '', 'label'");
	gt_dataset_free(&ds);
	parse_ok(&ds, HEADER "\n");
	assert_int_equal(gt_dataset_require_study(&ds, &err), GT_OK);
	gt_dataset_free(&ds);
}

static void test_quoted_fields(void **state)
{
	gt_dataset ds;
	const char *text = HEADER "\n"
		"1.0,\"Art, Inc\",\"Say \"\"Hi\"\", Bob\",27.0,0.1,0.2,200000.0,"
		"0.3,0.4,A#,0.5,-5.5,Minor,0.06,\"120.0\",4-Apr,0.7,\"\"\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 1);
	assert_int_equal(ds.nfields[0], 18);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_ARTIST), "Art, Inc");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TRACK), "Say \"Hi\", Bob");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TEMPO), "120.0");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "");
	gt_dataset_free(&ds);
}

static void test_quoted_newline(void **state)
{
	gt_dataset ds;
	const char *text = HEADER "\n"
		ROW("1.0", "1", "Rock") "\n"
		"2.0,Art,\"two\nlines\",27.0,0.1,0.2,200000.0,0.3,0.4,A#,0.5,"
		"-5.5,Minor,0.06,2,4-Apr,0.7,Jazz\n"
		ROW("3.0", "3", "Rap") "\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 3);
	assert_string_equal(gt_cell(&ds, 1, GT_COL_TRACK), "two\nlines");
	assert_int_equal(ds.line[0], 2);
	assert_int_equal(ds.line[1], 3);
	assert_int_equal(ds.line[2], 5);
	/* a file line names the record that spans it; the header, none */
	assert_true(gt_dataset_row_of_line(&ds, 1) == GT_NO_ROW);
	assert_true(gt_dataset_row_of_line(&ds, 0) == GT_NO_ROW);
	assert_true(gt_dataset_row_of_line(&ds, 2) == 0);
	assert_true(gt_dataset_row_of_line(&ds, 3) == 1);
	assert_true(gt_dataset_row_of_line(&ds, 4) == 1);
	assert_true(gt_dataset_row_of_line(&ds, 5) == 2);
	assert_true(gt_dataset_row_of_line(&ds, 6) == GT_NO_ROW);
	gt_dataset_free(&ds);
}

static void test_crlf(void **state)
{
	gt_dataset ds;
	const char *text = HEADER "\r\n" ROW("1.0", "1", "Rock") "\r\n"
	                   ROW("2.0", "2", "\"Jazz\"") "\r\n";

	(void)state;
	parse_ok(&ds, text);
	assert_true(ds.crlf);
	assert_false(ds.has_bom);
	assert_int_equal(ds.nrows, 2);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "Rock");
	assert_string_equal(gt_cell(&ds, 1, GT_COL_GENRE), "Jazz");
	assert_int_equal(ds.line[1], 3);
	gt_dataset_free(&ds);
}

static void test_lf_only(void **state)
{
	gt_dataset ds;

	(void)state;
	parse_ok(&ds, HEADER "\n" ROW("1.0", "1", "Rock") "\n");
	assert_false(ds.crlf);
	gt_dataset_free(&ds);
}

static void test_bom(void **state)
{
	gt_dataset ds;

	(void)state;
	parse_ok(&ds, "\xEF\xBB\xBF" HEADER "\n" ROW("1.0", "1", "Rock") "\n");
	assert_true(ds.has_bom);
	assert_int_equal(ds.nrows, 1);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_INSTANCE_ID), "1.0");
	gt_dataset_free(&ds);
}

/* Names are matched after trimming blanks, even inside quotes. */
static void test_header_names_trimmed(void **state)
{
	gt_dataset ds;
	const char *text = "instance_id, artist_name ,track_name,popularity,"
		"acousticness,danceability,duration_ms,energy,instrumentalness,"
		"key,liveness,loudness,mode,speechiness,\" tempo \",obtained_date,"
		"valence,\"music_genre\r\"\n" ROW("1.0", "7", "Rock") "\n";

	(void)state;
	parse_ok(&ds, text);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TEMPO), "7");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_GENRE), "Rock");
	gt_dataset_free(&ds);
}

static void test_header_only(void **state)
{
	gt_dataset ds;

	(void)state;
	parse_ok(&ds, HEADER "\n");
	assert_int_equal(ds.nrows, 0);
	assert_int_equal(ds.header_fields, 18);
	gt_dataset_free(&ds);
	parse_ok(&ds, HEADER);          /* no final newline */
	assert_int_equal(ds.nrows, 0);
	gt_dataset_free(&ds);
}

static void test_empty_input(void **state)
{
	(void)state;
	parse_fails("", 0, GT_ERR_CSV, "t.csv: empty file");
	parse_fails(" \n\r\n\t\n", 6, GT_ERR_CSV, "t.csv: empty file");
	parse_fails("\xEF\xBB\xBF", 3, GT_ERR_CSV, "t.csv: empty file");
}

static void test_missing_columns(void **state)
{
	const char *text = "instance_id,artist_name,track_name,popularity,"
		"acousticness,danceability,duration_ms,energy,instrumentalness,"
		"key,liveness,loudness,mode,speechiness,obtained_date,"
		"music_genre\n1,2\n";

	(void)state;
	parse_fails(text, strlen(text), GT_ERR_COLUMN,
	            "t.csv: missing columns: tempo, valence; name them with --map "
	            "FIELD=COLUMN; the file's columns: 'instance_id', 'artist_name', "
	            "'track_name', 'popularity', 'acousticness', 'danceability', "
	            "'duration_ms', 'energy', 'instrumentalness', 'key', 'liveness', "
	            "'loudness', 'mode', 'speechiness', 'obtained_date', 'music_genre'");
	/* every required column, none of the four the study drops first */
	parse_fails("a,b\n", 4, GT_ERR_COLUMN,
	            "t.csv: missing columns: popularity, acousticness, danceability, "
	            "duration_ms, energy, instrumentalness, key, liveness, "
	            "loudness, mode, speechiness, tempo, valence, music_genre; "
	            "name them with --map FIELD=COLUMN; the file's columns: 'a', 'b'");
}

static void test_duplicated_column(void **state)
{
	gt_dataset ds;
	const char *text = HEADER ",x,tempo\n";

	(void)state;
	parse_fails(text, strlen(text), GT_ERR_COLUMN,
	            "t.csv: duplicated column 'tempo' (fields 15 and 20)");
	/* any column's name; the first column named again, with its first
	 * place; empty names are not names */
	parse_fails("b,a,,c,,a,b\n", 12, GT_ERR_COLUMN,
	            "t.csv: duplicated column 'a' (fields 2 and 6)");
	parse_fails("x,y, y\n", 7, GT_ERR_COLUMN,
	            "t.csv: duplicated column 'y' (fields 2 and 3)");
	parse_ok(&ds, "a,,b,\n1,2,3,4\n");
	assert_int_equal(ds.ncols, 4);
	assert_string_equal(gt_cell_col(&ds, 0, 3), "4");
	gt_dataset_free(&ds);
}

static void test_short_and_long_rows(void **state)
{
	gt_dataset ds;
	const char *text = HEADER "\n"
		"1.0,Art,Song\n"
		ROW("2.0", "2", "Rap") ",surplus,more\n"
		",,,,,,,,,,,,,,,,,\n";

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 3);
	assert_int_equal(ds.nfields[0], 3);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_TRACK), "Song");
	for (int c = GT_COL_POPULARITY; c < GT_NCOLS; c++)
		assert_string_equal(gt_cell(&ds, 0, c), "");
	assert_int_equal(ds.nfields[1], 20);
	assert_string_equal(gt_cell(&ds, 1, GT_COL_GENRE), "Rap");
	assert_int_equal(ds.nfields[2], 18);      /* a blank row is a row */
	for (int c = 0; c < GT_NCOLS; c++)
		assert_non_null(gt_cell(&ds, 2, c));
	assert_string_equal(gt_cell(&ds, 2, GT_COL_GENRE), "");
	gt_dataset_free(&ds);
}

static void test_unterminated_quote(void **state)
{
	const char *text = HEADER "\n" ROW("1.0", "1", "Rock") "\n"
		"2.0,Art,\"open\nstill open\n";

	(void)state;
	parse_fails(text, strlen(text), GT_ERR_CSV,
	            "t.csv:3: malformed CSV: unterminated quoted field");
}

static void test_stray_quote(void **state)
{
	const char *text = HEADER "\n" ROW("1.0", "1", "Rock") "\n\n"
		"2.0,Art,Say \"Hi\",27.0\n";

	(void)state;
	parse_fails(text, strlen(text), GT_ERR_CSV,
	            "t.csv:4: malformed CSV: quote character inside an "
	            "unquoted field (field 3, column 'track_name')");
}

static void test_text_after_closing_quote(void **state)
{
	const char *text = HEADER "\n\"1.0\"x,Art\n";

	(void)state;
	parse_fails(text, strlen(text), GT_ERR_CSV,
	            "t.csv:2: malformed CSV: text after the closing quote of a "
	            "quoted field (a quote inside one must be doubled) "
	            "(field 1, column 'instance_id')");
}

static void test_lines_after_blank_lines(void **state)
{
	gt_dataset ds;
	const char *text = "\n" HEADER "\n\n \n" ROW("1.0", "1", "Rock") "\n"
		"\r\n\n" ROW("2.0", "2", "Rap");

	(void)state;
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 2);
	assert_int_equal(ds.line[0], 5);
	assert_int_equal(ds.line[1], 8);
	assert_string_equal(gt_cell(&ds, 1, GT_COL_GENRE), "Rap");
	gt_dataset_free(&ds);
}

static void test_free_twice(void **state)
{
	gt_dataset ds;

	(void)state;
	memset(&ds, 0, sizeof(ds));
	gt_dataset_free(&ds);
	parse_ok(&ds, HEADER "\n" ROW("1.0", "1", "Rock") "\n");
	gt_dataset_free(&ds);
	gt_dataset_free(&ds);
	assert_null(ds.row_at);
	assert_null(ds.cell_at);
	gt_dataset_free(NULL);
}

static void test_load_not_found(void **state)
{
	gt_dataset ds;
	gt_error err = { 0 };

	(void)state;
	assert_int_equal(gt_dataset_load(&ds, "no/such.csv", &err), GT_ERR_IO);
	assert_string_equal(err.msg, "no/such.csv: No such file or directory");
	assert_null(ds.path);
	gt_dataset_free(&ds);
}

static void test_load_directory(void **state)
{
	gt_dataset ds;
	gt_error err = { 0 };

	(void)state;
	assert_int_equal(gt_dataset_load(&ds, ".", &err), GT_ERR_IO);
	assert_string_equal(err.msg, ".: is a directory");
	gt_dataset_free(&ds);
}

/* Write text to a temporary file; returns its name (caller unlinks). */
static char *temp_csv(const char *text)
{
	static char name[] = "/tmp/gt_test_dataset_XXXXXX";
	int fd;

	strcpy(name + strlen(name) - 6, "XXXXXX");
	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return name;
}

/* A file read in blocks gives what the same bytes in memory give, even when
 * lines, CRLFs and quoted fields straddle the 64 KiB block boundaries. */
static void test_load_blocks(void **state)
{
	size_t cap = 200000, len = 0;
	char *text = malloc(cap), *name;
	gt_dataset mem, file;
	gt_error err = { 0 };

	(void)state;
	len += (size_t)sprintf(text, "\xEF\xBB\xBF%s\r\n", HEADER);
	for (int i = 0; len + 200 < cap; i++)
		len += (size_t)sprintf(text + len, "%d,\"a\r\nb\",Song,27.0,"
		                       "0.1,0.2,-1.0,0.3,0.4,A,0.5,-5.5,Minor,0.06,"
		                       "?,4-Apr,0.7,Rock\r\n", i);
	name = temp_csv(text);
	parse_ok(&mem, text);
	assert_int_equal(gt_dataset_load(&file, name, &err), GT_OK);
	unlink(name);
	assert_int_equal(file.nrows, mem.nrows);
	assert_true(file.has_bom && file.crlf);
	for (size_t r = 0; r < mem.nrows; r++) {
		assert_int_equal(file.line[r], mem.line[r]);
		assert_int_equal(file.line[r], 2 + 2 * (long)r);
		for (int c = 0; c < GT_NCOLS; c++)
			assert_string_equal(gt_cell(&file, r, c),
			                    gt_cell(&mem, r, c));
	}
	assert_string_equal(file.path, name);
	gt_dataset_free(&mem);
	gt_dataset_free(&file);
	free(text);
}

/* More rows than the first guess at the row count: the arrays grow. */
static void test_many_short_rows(void **state)
{
	size_t cap = 100000, len;
	char *text = malloc(cap);
	gt_dataset ds;

	(void)state;
	len = (size_t)sprintf(text, "%s\n", HEADER);
	for (int i = 0; i < 20000; i++)
		len += (size_t)sprintf(text + len, "%d\n", i % 10);
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, 20000);
	for (size_t r = 0; r < ds.nrows; r++) {
		char want[2] = { (char)('0' + r % 10), '\0' };

		assert_int_equal(ds.line[r], (long)r + 2);
		assert_int_equal(ds.nfields[r], 1);
		assert_string_equal(gt_cell(&ds, r, GT_COL_INSTANCE_ID), want);
		assert_string_equal(gt_cell(&ds, r, GT_COL_GENRE), "");
	}
	gt_dataset_free(&ds);
	free(text);
}

/* The same status, message, rows, lines, fields and cells. */
static void assert_same(gt_status ast, const gt_error *aerr, const gt_dataset *a,
                        gt_status bst, const gt_error *berr, const gt_dataset *b)
{
	assert_int_equal(ast, bst);
	assert_string_equal(aerr->msg, berr->msg);
	assert_int_equal(a->nrows, b->nrows);
	assert_int_equal(a->crlf, b->crlf);
	assert_int_equal(a->has_bom, b->has_bom);
	assert_int_equal(a->header_fields, b->header_fields);
	assert_int_equal(a->ncols, b->ncols);
	assert_int_equal(a->study_missing, b->study_missing);
	for (int j = 0; j < b->ncols; j++)
		assert_string_equal(a->names[j], b->names[j]);
	for (size_t r = 0; r < b->nrows; r++) {
		assert_int_equal(a->line[r], b->line[r]);
		assert_int_equal(a->nfields[r], b->nfields[r]);
		for (int c = 0; c < GT_NCOLS; c++)
			assert_string_equal(gt_cell(a, r, c), gt_cell(b, r, c));
		for (int j = 0; j < b->ncols; j++)
			assert_string_equal(gt_cell_col(a, r, j), gt_cell_col(b, r, j));
	}
}

/* Write text[0..len) to a new temporary file, named in name. */
static void write_temp(char *name, const char *text, size_t len)
{
	int fd;

	strcpy(name + strlen(name) - 6, "XXXXXX");
	fd = mkstemp(name);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
}

/* Load text[0..len) from a file and parse it from memory: the same
 * status, message, rows, lines and cells. */
static void assert_file_as_memory(const char *text, size_t len)
{
	static char name[] = "/tmp/gt_test_halves_XXXXXX";
	gt_dataset mem, file;
	gt_error merr = { 0 }, ferr = { 0 };
	gt_status mst, fst;

	write_temp(name, text, len);
	mst = gt_dataset_parse(&mem, text, len, name, &merr);
	fst = gt_dataset_load(&file, name, &ferr);
	unlink(name);
	assert_same(fst, &ferr, &file, mst, &merr, &mem);
	gt_dataset_free(&mem);
	gt_dataset_free(&file);
}

/* A seeded generator (xorshift64), so that a failure can be replayed. */
static uint64_t rnd_next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* A field of odd CSV text: plain, empty, blank, quoted with commas,
 * doubled quotes, line ends and CRLFs, many lines, or now and then an
 * error (a stray quote, text after a closing quote, a NUL). */
static size_t odd_field(char *out, uint64_t *s)
{
	static const char *const kinds[] = {
		"0.5", "", "  ", "Rock", "-1.0", "?", "\"a,b\"", "\"x\"\"y\"",
		"\"a\nb\"", "\"\r\n\"", "\"\n\n\n\"", "\" , \"", "\"\"", "A#",
		"\"l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\"",
	};
	static const char *const bad[] = { "x\"y", "\"q\"z", "\"open" };
	uint64_t r = rnd_next(s) % 10000;

	if (r < 3)
		return (size_t)sprintf(out, "%s", bad[rnd_next(s) % 3]);
	if (r < 4) {
		out[0] = 'n', out[1] = '\0';
		return 2;
	}
	return (size_t)sprintf(out, "%s", kinds[r % (sizeof(kinds) / sizeof(kinds[0]))]);
}

/* Random odd CSV text after the study's header, about cap bytes, in buf
 * (cap + 1024 bytes); returns its length. */
static size_t odd_csv(char *buf, size_t cap, uint64_t *s)
{
	size_t len = (size_t)sprintf(buf, "%s%s", rnd_next(s) % 8 ? "" : "\xEF\xBB\xBF", HEADER);
	int crlf = rnd_next(s) % 3 == 0;

	buf[len++] = '\n';
	while (len < cap) {
		int fields = 18 + (int)(rnd_next(s) % 5) - 2;

		if (rnd_next(s) % 20 == 0)              /* a blank line */
			len += (size_t)sprintf(buf + len, "%s", crlf ? "\r\n" : "\n");
		for (int f = 0; f < fields && len < cap; f++) {
			if (f)
				buf[len++] = ',';
			len += odd_field(buf + len, s);
		}
		if (len < cap || rnd_next(s) % 2)      /* the last may lack one */
			len += (size_t)sprintf(buf + len, "%s",
			                       crlf || rnd_next(s) % 10 == 0 ? "\r\n" : "\n");
	}
	return len;
}

/* Read all of path into a new buffer; *len gets its size. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Every CSV fixture of tests/data (good, bad and the fuzzers' finds)
 * loaded in one pass and in parts of 16, 61 and 256 bytes gives what it
 * gives parsed from memory. */
static void test_fixtures_in_parts(void **state)
{
	static const char *const dirs[] = { "", "/bad", "/bad/fuzz/csv" };
	static const size_t parts[] = { 0, 16, 61, 256 };
	const char *top = getenv("GT_TESTDATA");
	int files = 0;

	(void)state;
	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		char dir[1024];
		DIR *dp;
		struct dirent *e;

		snprintf(dir, sizeof(dir), "%s%s", top ? top : "tests/data", dirs[d]);
		dp = opendir(dir);
		assert_non_null(dp);
		while ((e = readdir(dp))) {
			char path[2048];
			size_t len;
			char *text;
			gt_dataset mem;
			gt_error merr = { 0 };
			gt_status mst;
			struct stat sb;

			if (e->d_name[0] == '.' || strstr(e->d_name, ".md") ||
			    strstr(e->d_name, ".py") || strcmp(e->d_name, "EXPECTED") == 0)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
				continue;
			text = slurp(path, &len);
			mst = gt_dataset_parse(&mem, text, len, path, &merr);
			for (size_t k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
				gt_dataset file;
				gt_error ferr = { 0 };
				gt_status fst = gt_dataset_load_parts(&file, path, NULL, parts[k], &ferr);

				assert_same(fst, &ferr, &file, mst, &merr, &mem);
				gt_dataset_free(&file);
			}
			gt_dataset_free(&mem);
			free(text);
			files++;
		}
		closedir(dp);
	}
	assert_true(files >= 30);     /* (the directory was found) */
}

/* A syntax error's line and kind, where the open field began blocks
 * before it (a quoted field of 200,000 lines, then text after its closing
 * quote, or a quote after it and blanks), or in an unquoted field, or at a
 * NUL: the same message from memory, a file read in one pass or in parts,
 * and a pipe (whose name differs: the text after it is compared). */
static void test_error_lines(void **state)
{
#define TAIL(s) { s, sizeof(s) - 1 }        /* the bytes of s, a NUL inside too */
	static const struct { const char *s; size_t n; } tails[] = {
		TAIL("\"x,"), TAIL("\"  \"x,"), TAIL("\" \t\","), TAIL("\"\n1,a\"b,"),
		TAIL("\"\r\n2,\"q\"  \"r\","), TAIL("\"\n3,\0,"),
	};
#undef TAIL
	static const size_t at[] = { 1, 3, 3, 6, 10, 4 };   /* the bad byte */
	static const char *const what[] = {
		"text after the closing quote", "text after the closing quote",
		"text after the closing quote", "quote character inside an unquoted",
		"text after the closing quote", "a NUL byte",
	};
	static char name[] = "/tmp/gt_test_lines_XXXXXX";
	size_t cap = 2 * GT_LOAD_PART + 600000;
	char *text = malloc(cap + 4096);

	(void)state;
	for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
		size_t len = (size_t)sprintf(text, "%s\n1,a,\"", HEADER), tl;
		gt_dataset mem, one, cut, fifo;
		gt_error merr = { 0 }, oerr = { 0 }, cerr = { 0 }, perr = { 0 };
		gt_status mst, ost, cst, pst;
		char want[128];
		long lines;

		while (len < cap)
			len += (size_t)sprintf(text + len, "%s", len % 3 ? "l\n" : "\r\n");
		tl = tails[t].n;
		lines = 1;
		for (size_t i = 0; i < len + at[t]; i++)
			lines += i < len ? text[i] == '\n' : tails[t].s[i - len] == '\n';
		memcpy(text + len, tails[t].s, tl);
		len += tl;
		len += (size_t)sprintf(text + len, "\n%s\n", "9,z");
		write_temp(name, text, len);
		snprintf(want, sizeof(want), "%s:%ld: ", name, lines);
		mst = gt_dataset_parse(&mem, text, len, name, &merr);
		ost = gt_dataset_load_parts(&one, name, NULL, 0, &oerr);
		cst = gt_dataset_load_parts(&cut, name, NULL, GT_LOAD_PART, &cerr);
		pst = fx_load_pipe(&fifo, text, len, &perr);
		unlink(name);
		assert_int_not_equal(mst, GT_OK);
		assert_memory_equal(merr.msg, want, strlen(want));
		assert_non_null(strstr(merr.msg, what[t]));
		assert_same(ost, &oerr, &one, mst, &merr, &mem);
		assert_same(cst, &cerr, &cut, mst, &merr, &mem);
		assert_int_equal(pst, mst);
		assert_string_equal(strstr(perr.msg, ":"), strstr(merr.msg, ":"));
	}
	free(text);
}

/* Random odd text (cuts inside quoted fields, blank lines, CRLF, a last
 * record without its line end, now and then a syntax error or a NUL byte)
 * read in parts of a few hundred bytes, read in one pass and parsed from
 * memory: the same datasets, or the same error. */
static void test_parts_random(void **state)
{
	static char name[] = "/tmp/gt_test_parts_XXXXXX";
	size_t cap = 6000;
	char *text = malloc(cap + 1024);
	uint64_t seed = 0x9E3779B97F4A7C15u;

	(void)state;
	for (int k = 0; k < 400; k++) {
		size_t len = odd_csv(text, 1000 + rnd_next(&seed) % cap, &seed);
		size_t part = 64 + rnd_next(&seed) % 600;
		gt_dataset mem, one, cut;
		gt_error merr = { 0 }, oerr = { 0 }, cerr = { 0 };
		gt_status mst, ost, cst;

		write_temp(name, text, len);
		mst = gt_dataset_parse(&mem, text, len, name, &merr);
		ost = gt_dataset_load_parts(&one, name, NULL, 0, &oerr);
		cst = gt_dataset_load_parts(&cut, name, NULL, part, &cerr);
		unlink(name);
		assert_same(ost, &oerr, &one, mst, &merr, &mem);
		assert_same(cst, &cerr, &cut, mst, &merr, &mem);
		gt_dataset_free(&mem);
		gt_dataset_free(&one);
		gt_dataset_free(&cut);
	}
	free(text);
}

/* A file of a megabyte or more is parsed in parts, two at once, cut at
 * line ends (dataset_load.c). Whatever lies across a cut (a quoted field
 * of many lines, blank lines, CRLF) or just after it (a syntax error, a
 * NUL byte, an unterminated quote), the result is what one loader gives.
 * The odd text goes at the start of a row a few rows before or after the
 * cut. */
/* A header longer than the first block read from a big file (4 KiB): the
 * second half starts once it has ended, and the rows are the same. */
static void test_long_header_halves(void **state)
{
	size_t cap = 1300000, len;
	char *text = malloc(cap + 8192);

	(void)state;
	len = (size_t)sprintf(text, "%s", HEADER);
	for (int i = 0; i < 700; i++)            /* 700 extra columns: 6 KB */
		len += (size_t)sprintf(text + len, ",extra%d", i);
	text[len++] = '\n';
	for (int i = 0; len < cap; i++) {
		len += (size_t)sprintf(text + len, ROW("%d.0", "%d", "Rock"), i, i);
		for (int k = 0; k < 700; k++)
			text[len++] = ',';
		text[len++] = '\n';
	}
	assert_file_as_memory(text, len);
	free(text);
}

/* Odd text from the list below put at the start of a row a few rows
 * before or after byte `near` of rows[0..len); each file loads as it
 * parses from memory. */
static void odd_text_near(const char *rows, size_t len, size_t near, int shifts)
{
	static const char *const odd[] = {
		"\"a\nb\n\nc\",", "\n\n  \n", "\r\n", "x\"y,", "\"q\"z,", "\0,",
		"\"open,", NULL    /* NULL: a quoted field of 400 lines */
	};
	char *text = malloc(len + 4096);

	for (size_t k = 0; k < sizeof(odd) / sizeof(odd[0]); k++)
		for (int shift = -shifts; shift <= shifts; shift++) {
			char many[1024] = "\"";
			const char *o = odd[k];
			size_t at = near, olen;

			for (int i = 0; !o && i < 400; i++)
				strcat(many, "a\n");
			if (!o)
				o = strcat(many, "\",");
			olen = k == 5 ? 2 : strlen(o);
			while (rows[at - 1] != '\n')
				at--;
			for (int s = shift; s != 0; s += s < 0 ? 1 : -1)
				do
					at += s < 0 ? -1 : 1;
				while (rows[at - 1] != '\n');
			memcpy(text, rows, at);
			memcpy(text + at, o, olen);        /* (may hold a NUL) */
			memcpy(text + at + olen, rows + at, len - at);
			assert_file_as_memory(text, len + olen);
		}
	free(text);
}

/* Rows of the study's layout up to about cap bytes; *len gets their size. */
static char *many_rows(size_t cap, size_t *len)
{
	char *rows = malloc(cap);

	*len = (size_t)sprintf(rows, "%s\n", HEADER);
	for (int i = 0; *len + 300 < cap; i++)
		*len += (size_t)sprintf(rows + *len, ROW("%d.0", "%d", "Rock") "\n", i, i);
	return rows;
}

static void test_load_halves(void **state)
{
	size_t len;
	char *rows = many_rows(1300000, &len);     /* two parts */

	(void)state;
	odd_text_near(rows, len, len / 2, 3);
	free(rows);
}

/* Rows far shorter than the real file's (4 bytes where it has 150): each
 * part has many more rows than its first row arrays hold, and moves them
 * to arrays of its own as it goes; the rows are still those one loader
 * gives. */
static void test_load_short_rows(void **state)
{
	size_t cap = 3 * GT_LOAD_PART, len;
	char *text = malloc(cap + 4096);

	(void)state;
	len = (size_t)sprintf(text, "%s\n", HEADER);
	for (int i = 0; len < cap; i++)
		len += (size_t)sprintf(text + len, i % 1000 ? "%c,\n" :
		                       ROW("%d.0", "1", "Rock") "\n", 'a' + i % 26);
	assert_file_as_memory(text, len);
	free(text);
}

/* A file of several parts (GT_LOAD_PART bytes each): odd text where its
 * first, middle and last cuts fall (the cuts follow line ends at whole
 * shares of the file). */
static void test_load_parts(void **state)
{
	size_t len;
	char *rows = many_rows(5 * GT_LOAD_PART + 100000, &len);
	size_t parts = len / GT_LOAD_PART;

	(void)state;
	assert_true(parts >= 4);
	odd_text_near(rows, len, len / parts, 1);
	odd_text_near(rows, len, len / parts * (parts / 2), 1);
	odd_text_near(rows, len, len / parts * (parts - 1), 1);
	free(rows);
}

/* Cells that begin 255 bytes or more into their row are found by walking
 * the row (gt_cell_far), in any column order, with a column absent and in
 * a record that lacks fields; gt_row_text spans exactly the row's cells.
 * The same rows in a file of two halves give the same cells. */
static const char *far_header =
	"music_genre,track_name,tempo,valence,speechiness,mode,loudness,"
	"liveness,key,instrumentalness,energy,duration_ms,danceability,"
	"acousticness,popularity,artist_name,instance_id";   /* no obtained_date */

static size_t far_row(char *out, int i, size_t name_len)
{
	static char name[70000];

	memset(name, 'a' + i % 26, name_len);
	name[name_len] = '\0';
	return (size_t)sprintf(out, "Jazz,%s,%d.5,0.7,,Minor,-5.5,0.5,A#,0.4,0.3,"
	                       "200000.0,0.2,0.1,27.0,Art %d,%d.0\n", name, i, i, i);
}

static void check_far_row(const gt_dataset *ds, size_t r, int i, size_t name_len)
{
	char want[64];
	const char *track = gt_cell(ds, r, GT_COL_TRACK), *text;
	size_t len;

	assert_int_equal(strlen(track), name_len);
	if (name_len)
		assert_int_equal(track[0], 'a' + i % 26);
	sprintf(want, "%d.5", i);
	assert_string_equal(gt_cell(ds, r, GT_COL_TEMPO), want);
	assert_string_equal(gt_cell(ds, r, GT_COL_SPEECHINESS), "");
	assert_string_equal(gt_cell(ds, r, GT_COL_OBTAINED_DATE), "");
	assert_string_equal(gt_cell(ds, r, GT_COL_GENRE), "Jazz");
	sprintf(want, "Art %d", i);
	assert_string_equal(gt_cell(ds, r, GT_COL_ARTIST), want);
	sprintf(want, "%d.0", i);
	assert_string_equal(gt_cell(ds, r, GT_COL_INSTANCE_ID), want);
	text = gt_row_text(ds, r, &len);
	assert_ptr_equal(text, gt_cell(ds, r, GT_COL_GENRE));   /* the first field */
	assert_ptr_equal(text + len - strlen(want), gt_cell(ds, r, GT_COL_INSTANCE_ID));
}

static void test_far_cells(void **state)
{
	static const size_t lens[] = { 0, 200, 240, 250, 255, 300, 900, 65500, 65535, 65600 };
	size_t n = sizeof(lens) / sizeof(lens[0]), len;
	char *text = malloc(1500000);
	gt_dataset ds;
	const char *row;

	(void)state;
	len = (size_t)sprintf(text, "%s\n", far_header);
	for (size_t k = 0; k < n; k++)
		len += far_row(text + len, (int)k, lens[k]);
	len += (size_t)sprintf(text + len, "Rock,%0300d,1\n", 7);      /* short */
	text[len] = '\0';
	parse_ok(&ds, text);
	assert_int_equal(ds.nrows, n + 1);
	for (size_t k = 0; k < n; k++)
		check_far_row(&ds, k, (int)k, lens[k]);
	assert_int_equal(ds.cell_at[(n - 1) * (size_t)ds.ncols + 2], GT_CELL_FAR);  /* tempo */
	assert_int_equal(ds.nfields[n], 3);
	assert_string_equal(gt_cell(&ds, n, GT_COL_TEMPO), "1");
	assert_string_equal(gt_cell(&ds, n, GT_COL_VALENCE), "");
	assert_string_equal(gt_cell(&ds, n, GT_COL_INSTANCE_ID), "");
	row = gt_row_text(&ds, n, &len);
	assert_int_equal(len, 4 + 1 + 300 + 1 + 1);
	assert_string_equal(row, "Rock");
	gt_dataset_free(&ds);
	/* over a megabyte: two halves, with far cells on both sides of the cut */
	len = (size_t)sprintf(text, "%s\n", far_header);
	for (int i = 0; len + 70000 < 1400000; i++)
		len += far_row(text + len, i, lens[(size_t)i % n]);
	assert_file_as_memory(text, len);
	free(text);
}

/* A wide file (60 numeric columns, about 700 bytes a row, a quoted field
 * with a line end now and then): read in parts, every column gives what
 * one pass gives, and no cell but those past 64 KiB needs the walk. */
static void test_wide_parts(void **state)
{
	size_t cap = 2600000, len = 0;
	char *text = malloc(cap);
	uint64_t seed = 7;

	(void)state;
	len += (size_t)sprintf(text + len, "filename");
	for (int j = 1; j < 59; j++)
		len += (size_t)sprintf(text + len, ",feature_%02d_mean", j);
	len += (size_t)sprintf(text + len, ",label\n");
	for (int r = 0; len + 2000 < cap - 200000; r++) {
		len += (size_t)sprintf(text + len, r % 97 ? "f%05d.wav" : "\"f%05d\nwav\"", r);
		for (int j = 1; j < 59; j++)
			len += (size_t)sprintf(text + len, ",%.9f", (double)(rnd_next(&seed) % 100000000) / 7e3);
		len += (size_t)sprintf(text + len, ",%s\n", r % 3 ? "blues" : "jazz");
	}
	{
		gt_dataset ds;

		text[len] = '\0';
		parse_ok(&ds, text);
		assert_int_equal(ds.ncols, 60);
		for (size_t r = 0; r < ds.nrows; r++)
			for (int j = 0; j < ds.ncols; j++)
				assert_true(ds.cell_at[r * 60 + (size_t)j] < GT_CELL_FAR);
		assert_string_equal(gt_cell_col(&ds, 1, 59), "blues");
		gt_dataset_free(&ds);
	}
	assert_file_as_memory(text, len);
	{
		static char name[] = "/tmp/gt_test_wide_XXXXXX";
		gt_dataset mem, cut;
		gt_error merr = { 0 }, cerr = { 0 };
		gt_status mst, cst;

		write_temp(name, text, len);
		mst = gt_dataset_parse(&mem, text, len, name, &merr);
		cst = gt_dataset_load_parts(&cut, name, NULL, 200000, &cerr);
		unlink(name);
		assert_same(cst, &cerr, &cut, mst, &merr, &mem);
		gt_dataset_free(&mem);
		gt_dataset_free(&cut);
	}
	odd_text_near(text, len, len / 2, 1);
	free(text);
}

static void test_load_fixture(void **state)
{
	const char *dir = getenv("GT_TESTDATA");
	char path[1024];
	gt_dataset ds;
	gt_error err = { 0 };

	(void)state;
	snprintf(path, sizeof(path), "%s/ledger_small.csv",
	         dir ? dir : "tests/data");
	assert_int_equal(gt_dataset_load(&ds, path, &err), GT_OK);
	assert_int_equal(ds.nrows, 26);
	assert_string_equal(gt_cell(&ds, 1, GT_COL_TRACK), "Hello, \"World\"");
	assert_string_equal(gt_cell(&ds, 16, GT_COL_KEY), "\x1b[31mX\nY");
	assert_int_equal(ds.line[17], 20);
	assert_int_equal(ds.line[18], 22);
	gt_dataset_free(&ds);
}

static void test_real_file(void **state)
{
	const char *path = getenv("GT_REAL_CSV");
	gt_dataset ds;
	gt_error err = { 0 };
	size_t quoted = 0;

	(void)state;
	if (!path || access(path, R_OK) != 0)
		skip();
	assert_int_equal(gt_dataset_load(&ds, path, &err), GT_OK);
	assert_int_equal(ds.nrows, 50005);
	assert_int_equal(ds.header_fields, 18);
	assert_false(ds.has_bom || ds.crlf);
	assert_int_equal(ds.line[0], 2);
	assert_int_equal(ds.line[10000], 10002);
	assert_int_equal(ds.line[50004], 50006);
	assert_string_equal(gt_cell(&ds, 0, GT_COL_ARTIST), "R\xc3\xb6yksopp");
	assert_string_equal(gt_cell(&ds, 0, GT_COL_DURATION), "-1.0");
	assert_string_equal(gt_cell(&ds, 10000, GT_COL_GENRE), "");
	assert_string_equal(gt_cell(&ds, 10005, GT_COL_TRACK),
	                    "Cheer up, You're Not Dead Yet");
	for (size_t r = 0; r < ds.nrows; r++) {
		assert_int_equal(ds.nfields[r], 18);
		quoted += strchr(gt_cell(&ds, r, GT_COL_TRACK), ',') != NULL;
	}
	assert_true(quoted > 1000);
	gt_dataset_free(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_any_order),
		cmocka_unit_test(test_extra_columns_kept),
		cmocka_unit_test(test_any_columns),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_quoted_newline),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_lf_only),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_header_names_trimmed),
		cmocka_unit_test(test_header_only),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_missing_columns),
		cmocka_unit_test(test_duplicated_column),
		cmocka_unit_test(test_short_and_long_rows),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_stray_quote),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_lines_after_blank_lines),
		cmocka_unit_test(test_free_twice),
		cmocka_unit_test(test_load_not_found),
		cmocka_unit_test(test_load_directory),
		cmocka_unit_test(test_load_blocks),
		cmocka_unit_test(test_load_halves),
		cmocka_unit_test(test_load_parts),
		cmocka_unit_test(test_parts_random),
		cmocka_unit_test(test_error_lines),
		cmocka_unit_test(test_fixtures_in_parts),
		cmocka_unit_test(test_load_short_rows),
		cmocka_unit_test(test_long_header_halves),
		cmocka_unit_test(test_many_short_rows),
		cmocka_unit_test(test_far_cells),
		cmocka_unit_test(test_wide_parts),
		cmocka_unit_test(test_load_fixture),
		cmocka_unit_test(test_real_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
