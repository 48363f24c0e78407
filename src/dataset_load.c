/* dataset_load.c: read a CSV file into a gt_dataset with libcsv.
 *
 * Input (a memory buffer, or a file read in 64 KiB blocks) is fed to libcsv
 * one physical line at a time, so that when a record ends we know on which
 * line it ended; a line cut by a block boundary is fed in two pieces. A
 * record starts on the first non-blank line fed while no record is open
 * (libcsv skips lines holding only blanks and line ends, so those are not
 * records). The first record is the header: it maps file fields to
 * gt_column. Every later record becomes a row; only the 18 known columns'
 * text is copied, into one arena. While parsing, ds->cells holds arena
 * offsets cast to pointers (the arena moves when it grows); they become real
 * pointers once the arena is final. */
#define _POSIX_C_SOURCE 200809L

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "genretui/dataset.h"

const char *const gt_column_names[GT_NCOLS] = {
#define GT_COLUMN_NAME(id, name) name,
	GT_COLUMN_LIST(GT_COLUMN_NAME)
#undef GT_COLUMN_NAME
};

/* Offset 0 of the arena always holds a NUL: empty and absent cells use it. */
#define EMPTY_OFF 0

/* Block size for reading files. */
#define READ_BLOCK 65536

typedef struct {
	struct csv_parser p;
	gt_dataset *ds;
	gt_error *err;
	gt_status st;        /* first failure, met in a callback or feeding */
	int started;         /* input has begun (the BOM check is done) */
	int line_start;      /* the next byte fed begins a new line */
	int last_cr;         /* the last byte fed was a CR */
	long line;           /* physical line being fed, 1-based */
	long rec_line;       /* line on which the open record began */
	long field_line;     /* line on which the current field began */
	int open;            /* a record has begun and not yet ended */
	int nf;              /* fields seen so far in the open record */
	int header_done;
	size_t *hdr;         /* header field i -> arena offset of its name */
	size_t hdr_cap;
	int *colmap;         /* header field i -> gt_column, or -1 */
	size_t rows_hint;    /* first row capacity, guessed from the size */
} loader;

static gt_status nomem(loader *ld)
{
	if (ld->st == GT_OK)
		ld->st = gt_fail(ld->err, GT_ERR_NOMEM, "%s: out of memory",
		                 ld->ds->path);
	return ld->st;
}

/* Append len bytes and a NUL to the arena; *at gets their offset. */
static int arena_put(loader *ld, const void *s, size_t len, size_t *at)
{
	gt_dataset *ds = ld->ds;
	size_t need = ds->arena_len + len + 1;

	if (need > ds->arena_cap) {
		size_t cap = ds->arena_cap;
		char *p;

		while (cap < need)
			cap *= 2;
		p = realloc(ds->arena, cap);
		if (!p)
			return nomem(ld);
		ds->arena = p;
		ds->arena_cap = cap;
	}
	if (len)
		memcpy(ds->arena + ds->arena_len, s, len);
	ds->arena[ds->arena_len + len] = '\0';
	*at = ds->arena_len;
	ds->arena_len = need;
	return 0;
}

/* The kept cells of a file take about as many bytes as the file itself, so
 * start there; byte 0 is the shared empty cell. */
static int arena_init(loader *ld, size_t len)
{
	gt_dataset *ds = ld->ds;

	ds->arena_cap = len < 4096 ? 4096 : len + 1;
	ds->arena = malloc(ds->arena_cap);
	if (!ds->arena)
		return nomem(ld);
	ds->arena[EMPTY_OFF] = '\0';
	ds->arena_len = EMPTY_OFF + 1;
	return 0;
}

/* Make room for one more row (amortised doubling). An array that did grow
 * is kept even if a later one fails: the dataset is freed then anyway. */
static int rows_reserve(loader *ld)
{
	gt_dataset *ds = ld->ds;
	size_t cap = ds->rows_cap ? ds->rows_cap * 2 : ld->rows_hint;
	long *line;
	int *nfields;
	char **cells;

	if (ds->nrows < ds->rows_cap)
		return 0;
	if (cap > SIZE_MAX / (GT_NCOLS * sizeof(char *)))
		return nomem(ld);
	line = realloc(ds->line, cap * sizeof(*line));
	if (!line)
		return nomem(ld);
	ds->line = line;
	nfields = realloc(ds->nfields, cap * sizeof(*nfields));
	if (!nfields)
		return nomem(ld);
	ds->nfields = nfields;
	cells = realloc(ds->cells, cap * GT_NCOLS * sizeof(*cells));
	if (!cells)
		return nomem(ld);
	ds->cells = cells;
	ds->rows_cap = cap;
	return 0;
}

/* An arena offset parked in a cell until the arena stops moving. */
static char *off_cell(size_t off)
{
	return (char *)(uintptr_t)off;
}

/* Begin data row ds->nrows: every cell empty until its field arrives. */
static int row_begin(loader *ld)
{
	gt_dataset *ds = ld->ds;
	char **cells;

	if (rows_reserve(ld))
		return -1;
	cells = ds->cells + ds->nrows * GT_NCOLS;
	for (int c = 0; c < GT_NCOLS; c++)
		cells[c] = off_cell(EMPTY_OFF);
	ds->line[ds->nrows] = ld->rec_line;
	return 0;
}

static void header_field(loader *ld, const char *s, size_t len)
{
	size_t at;

	if ((size_t)ld->nf >= ld->hdr_cap) {
		size_t cap = ld->hdr_cap ? ld->hdr_cap * 2 : 32;
		size_t *hdr = realloc(ld->hdr, cap * sizeof(*hdr));

		if (!hdr) {
			nomem(ld);
			return;
		}
		ld->hdr = hdr;
		ld->hdr_cap = cap;
	}
	if (arena_put(ld, s, len, &at) == 0)
		ld->hdr[ld->nf] = at;
}

static void data_field(loader *ld, const char *s, size_t len)
{
	gt_dataset *ds = ld->ds;
	size_t at;
	int col;

	if (ld->nf == 0 && row_begin(ld))
		return;
	if (ld->nf >= ds->header_fields)
		return;                 /* surplus field: dropped */
	col = ld->colmap[ld->nf];
	if (col < 0 || len == 0)
		return;
	if (arena_put(ld, s, len, &at) == 0)
		ds->cells[ds->nrows * GT_NCOLS + (size_t)col] = off_cell(at);
}

/* libcsv field callback. s is never NULL, since CSV_EMPTY_IS_NULL is off;
 * len is what counts. */
static void on_field(void *s, size_t len, void *data)
{
	loader *ld = data;

	if (ld->st != GT_OK)
		return;
	if (!ld->open) {        /* a record after a lone CR on the same line */
		ld->open = 1;
		ld->rec_line = ld->line;
	}
	if (!ld->header_done)
		header_field(ld, s, len);
	else
		data_field(ld, s, len);
	if (ld->nf < INT_MAX)
		ld->nf++;
	ld->field_line = ld->line;
}

/* Trim blanks and a trailing CR around a header name, in place. */
static char *trim_name(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

static int column_of(const char *name)
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (strcmp(name, gt_column_names[c]) == 0)
			return c;
	return -1;
}

/* Fill colmap from the header names; seen[c] = field of column c or -1. */
static void map_columns(loader *ld, int seen[GT_NCOLS])
{
	for (int c = 0; c < GT_NCOLS; c++)
		seen[c] = -1;
	for (int i = 0; i < ld->ds->header_fields && ld->st == GT_OK; i++) {
		int c = column_of(trim_name(ld->ds->arena + ld->hdr[i]));

		ld->colmap[i] = c;
		if (c < 0)
			continue;
		if (seen[c] >= 0)
			ld->st = gt_fail(ld->err, GT_ERR_COLUMN,
			                 "%s: duplicated column '%s' "
			                 "(fields %d and %d)", ld->ds->path,
			                 gt_column_names[c], seen[c] + 1,
			                 i + 1);
		seen[c] = i;
	}
}

/* Fail naming every required column the header lacks. */
static void check_missing(loader *ld, const int seen[GT_NCOLS])
{
	char list[GT_ERROR_MAX];
	size_t used = 0;

	list[0] = '\0';
	for (int c = 0; c < GT_NCOLS; c++) {
		if (seen[c] >= 0)
			continue;
		used += (size_t)snprintf(list + used, sizeof(list) - used,
		                         "%s%s", used ? ", " : "",
		                         gt_column_names[c]);
	}
	if (used)
		ld->st = gt_fail(ld->err, GT_ERR_COLUMN,
		                 "%s: missing columns: %s", ld->ds->path, list);
}

/* The header record has ended: map its fields, then forget its text. */
static void end_header(loader *ld)
{
	int seen[GT_NCOLS];

	ld->header_done = 1;
	ld->ds->header_fields = ld->nf;
	ld->colmap = malloc((size_t)ld->nf * sizeof(*ld->colmap) + 1);
	if (!ld->colmap) {
		nomem(ld);
		return;
	}
	map_columns(ld, seen);
	if (ld->st == GT_OK)
		check_missing(ld, seen);
	ld->ds->arena_len = EMPTY_OFF + 1;
}

/* libcsv end-of-record callback (c is the terminator, or -1 at the end). */
static void on_row(int c, void *data)
{
	loader *ld = data;

	(void)c;
	if (ld->st != GT_OK)
		return;
	if (!ld->header_done) {
		end_header(ld);
	} else {
		ld->ds->nfields[ld->ds->nrows] = ld->nf;
		ld->ds->nrows++;
	}
	ld->open = 0;
	ld->nf = 0;
}

/* " (field 3, column 'tempo')": where in the record a syntax error is. */
static void where_field(const loader *ld, char *buf, size_t n)
{
	int col = -1;

	if (ld->header_done && ld->nf < ld->ds->header_fields)
		col = ld->colmap[ld->nf];
	if (col >= 0)
		snprintf(buf, n, " (field %d, column '%s')", ld->nf + 1,
		         gt_column_names[col]);
	else
		snprintf(buf, n, " (field %d)", ld->nf + 1);
}

/* csv_parse stopped early on this line: say why. */
static void parse_error(loader *ld, struct csv_parser *p)
{
	char where[96];
	const char *what;

	if (csv_error(p) == CSV_ENOMEM) {
		nomem(ld);
		return;
	}
	if (csv_error(p) == CSV_ETOOBIG)
		what = "field too large";
	else if (p->quoted)     /* libcsv stopped just after a closing quote */
		what = "text after the closing quote of a quoted field"
		       " (a quote inside one must be doubled)";
	else
		what = "quote character inside an unquoted field";
	where_field(ld, where, sizeof(where));
	ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: malformed CSV: %s%s",
	                 ld->ds->path, ld->line, what, where);
}

/* Does s[0..n) hold only what libcsv skips between records? */
static int blank_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Feed s[0..n), which holds at most one '\n', at its end. */
static void feed_piece(loader *ld, const char *s, size_t n)
{
	if (ld->line_start)
		ld->line++;
	if (!ld->open && !blank_text(s, n)) {
		ld->open = 1;
		ld->rec_line = ld->field_line = ld->line;
	}
	if (s[n - 1] == '\n' && (n >= 2 ? s[n - 2] == '\r' : ld->last_cr))
		ld->ds->crlf = 1;
	ld->line_start = s[n - 1] == '\n';
	ld->last_cr = s[n - 1] == '\r';
	if (csv_parse(&ld->p, s, n, on_field, on_row, ld) < n &&
	    ld->st == GT_OK)
		parse_error(ld, &ld->p);
}

/* Feed the next len bytes of input, line by line. */
static void feed(loader *ld, const char *buf, size_t len)
{
	if (!ld->started && len) {
		ld->started = 1;
		if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			ld->ds->has_bom = 1;
			buf += 3;
			len -= 3;
		}
	}
	while (len && ld->st == GT_OK) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) + 1 : len;

		feed_piece(ld, buf, n);
		buf += n;
		len -= n;
	}
}

/* Turn the parked offsets into pointers now that the arena stays put. */
static void fix_cells(gt_dataset *ds)
{
	size_t n = ds->nrows * GT_NCOLS;

	for (size_t i = 0; i < n; i++)
		ds->cells[i] = ds->arena + (uintptr_t)ds->cells[i];
}

/* Start loading input of about size bytes into ds, named name. */
static gt_status load_begin(loader *ld, gt_dataset *ds, const char *name,
                            size_t size, gt_error *err)
{
	memset(ld, 0, sizeof(*ld));
	memset(ds, 0, sizeof(*ds));
	gt_error_clear(err);
	ld->ds = ds;
	ld->err = err;
	ld->line_start = 1;
	ld->rows_hint = size / 64 + 1024;
	/* Empty unquoted fields must reach us as "", not NULL: no
	 * CSV_EMPTY_IS_NULL. csv_init cannot fail for a non-NULL parser. */
	csv_init(&ld->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	ds->path = strdup(name ? name : "(buffer)");
	if (!ds->path)
		return ld->st = gt_fail(err, GT_ERR_NOMEM, "out of memory");
	return arena_init(ld, size);
}

/* Finish the last record and check that there was a header at all. */
static void finish(loader *ld)
{
	if (ld->st == GT_OK && csv_fini(&ld->p, on_field, on_row, ld) != 0)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: malformed CSV: "
		                 "unterminated quoted field", ld->ds->path,
		                 ld->field_line);
	if (ld->st == GT_OK && !ld->header_done)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s: empty file",
		                 ld->ds->path);
}

/* Finish and free the loader; on failure the dataset too. */
static gt_status load_end(loader *ld)
{
	finish(ld);
	csv_free(&ld->p);
	free(ld->hdr);
	free(ld->colmap);
	if (ld->st == GT_OK)
		fix_cells(ld->ds);
	else
		gt_dataset_free(ld->ds);
	return ld->st;
}

gt_status gt_dataset_parse(gt_dataset *ds, const char *buf, size_t len,
                           const char *name, gt_error *err)
{
	loader ld;

	if (load_begin(&ld, ds, name, len, err) == GT_OK)
		feed(&ld, buf, len);
	return load_end(&ld);
}

void gt_dataset_free(gt_dataset *ds)
{
	if (!ds)
		return;
	free(ds->path);
	free(ds->cells);
	free(ds->line);
	free(ds->nfields);
	free(ds->arena);
	memset(ds, 0, sizeof(*ds));
}

/* Open path for reading; NULL (err set) if it can't be or is a directory.
 * *size is its size if it is a regular file, else 0. */
static FILE *open_input(const char *path, size_t *size, gt_error *err)
{
	struct stat sb;
	FILE *f = fopen(path, "rb");

	if (!f) {
		gt_fail(err, GT_ERR_IO, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0)
		gt_fail(err, GT_ERR_IO, "%s: %s", path, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		gt_fail(err, GT_ERR_IO, "%s: is a directory", path);
	else {
		*size = S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
		return f;
	}
	fclose(f);
	return NULL;
}

/* Feed f to the loader in blocks: the file is never held whole. */
static void feed_file(loader *ld, FILE *f)
{
	char *block = malloc(READ_BLOCK);
	size_t n;

	if (!block) {
		nomem(ld);
		return;
	}
	while (ld->st == GT_OK && (n = fread(block, 1, READ_BLOCK, f)) > 0)
		feed(ld, block, n);
	if (ld->st == GT_OK && ferror(f))
		ld->st = gt_fail(ld->err, GT_ERR_IO, "%s: %s", ld->ds->path,
		                 strerror(errno));
	free(block);
}

gt_status gt_dataset_load(gt_dataset *ds, const char *path, gt_error *err)
{
	loader ld;
	size_t size = 0;
	FILE *f;

	memset(ds, 0, sizeof(*ds));
	f = open_input(path, &size, err);
	if (!f)
		return GT_ERR_IO;       /* open_input failed and said why */
	if (load_begin(&ld, ds, path, size, err) == GT_OK)
		feed_file(&ld, f);
	fclose(f);
	return load_end(&ld);
}
