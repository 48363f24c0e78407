/* dataset_load.c: read a CSV file into a gt_dataset with libcsv.
 *
 * Input (a memory buffer, or a file read in 64 KiB blocks) is fed to libcsv
 * a block at a time. libcsv does not say where in the input a field ends,
 * so lines are counted from what it hands over: with CSV_REPALL_NL every
 * line end outside a quoted field reaches on_row (lines holding only blanks
 * too, as records without fields, which are not records), and the line
 * ends inside quoted fields are in their text, counted once per record in
 * the arena (one memchr a row, not a loop a field). A record starts on the
 * line where its first field starts. The first record is the header: it maps
 * file fields to gt_column. Every later record becomes a row; only the 18
 * known columns' text is copied, into one arena, and a cell is its 32-bit
 * offset there (half the size of a pointer, and valid while the arena
 * grows).
 *
 * A big file is parsed in parts by two threads at once (libcsv itself is
 * half of the whole pipeline's instructions): see "Parts" below. */
#define _POSIX_C_SOURCE 200809L

#include <csv.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genretui/colmap.h"
#include "genretui/dataset.h"
#include "genretui/textfmt.h"
#include "genretui/threads.h"

const char *const gt_column_names[GT_NCOLS] = {
#define GT_COLUMN_NAME(id, name) name,
	GT_COLUMN_LIST(GT_COLUMN_NAME)
#undef GT_COLUMN_NAME
};

static char *copy_name(const char *name);

/* Offset 0 of the arena always holds a NUL (what a failed arena_put gives). */
#define EMPTY_OFF 0

/* Block size for reading files, and the most fed to libcsv at once (see
 * grow_field). */
#define READ_BLOCK 65536

/* Bytes read first from a file parsed in parts: the header's line
 * fits in them (else more blocks follow until it has ended). */
#define HEADER_BLOCK 4096

/* Files from this size on are parsed in parts, two at once. */
#define SPLIT_MIN ((size_t)1 << 20)

/* Bytes of the file's name shown in messages (escaped: names come from the
 * command line, and a file name can hold control characters). */
#define NAME_SHOWN 200

typedef struct {
	struct csv_parser p;
	gt_dataset *ds;
	gt_error *err;
	gt_status st;        /* first failure, met in a callback or feeding */
	int started;         /* input has begun (the BOM check is done) */
	int last_cr;         /* the last byte fed was a CR */
	long line;           /* line on which the open record began, or the next
	                        one will: 1 + the line ends handed over before */
	long rec_line;       /* line on which the open record began */
	size_t rec_text;     /* arena offset of the open record's text */
	int nf;              /* fields seen so far in the open record */
	int fast_last;       /* fields 1..fast_last of a data row (counted
	                        from 0) take on_field's short way: the header's
	                        last field once it is read, else 0 */
	size_t row_text;     /* arena offset of the open data row's text */
	int header_done;
	int fixed_arena;     /* the arena is shared: it may not move */
	uint32_t *hdr;       /* header field i -> arena offset of its name */
	size_t hdr_cap;
	int *colmap;         /* header field i -> gt_column, or -1 */
	const gt_colmap *map;   /* the header name of each column (NULL: its own) */
	uint8_t *row_cells;  /* the open data row's cells (ds->cell_at) */
	size_t rows_hint;    /* first row capacity, guessed from the size */
	char name[NAME_SHOWN + 16];   /* ds->path made safe for messages */
} loader;

static gt_status nomem(loader *ld)
{
	if (ld->st == GT_OK)
		ld->st = gt_fail(ld->err, GT_ERR_NOMEM, "%s: out of memory",
		                 ld->name);
	return ld->st;
}

/* Line ends among s[0..n). */
static long newlines(const char *s, size_t n)
{
	const char *end = s + n;
	long k = 0;

	while (s < end && (s = memchr(s, '\n', (size_t)(end - s)))) {
		k++;
		s++;
	}
	return k;
}

/* Grow the arena to hold len more bytes and a NUL; its offsets must stay
 * below 4 GiB. 0, or -1 (failed). Rare: the arena starts as large as the
 * file. */
static __attribute__((noinline, cold)) int arena_grow(loader *ld, size_t len)
{
	gt_dataset *ds = ld->ds;
	size_t need = ds->arena_len + len + 1, cap = ds->arena_cap;
	char *p;

	if (ld->fixed_arena)    /* a part that does not fit: see "Parts" */
		return nomem(ld), -1;
	if (len >= UINT32_MAX || need > UINT32_MAX) {
		if (ld->st == GT_OK)
			ld->st = gt_fail(ld->err, GT_ERR_NOMEM, "%s: too large: "
			                 "the text of the columns used exceeds "
			                 "4 GiB", ld->name);
		return -1;
	}
	while (cap < need)
		cap *= 2;
	p = realloc(ds->arena, cap);
	if (!p)
		return nomem(ld), -1;
	ds->arena = p;
	ds->arena_cap = cap;
	return 0;
}

/* Append s[0..len) and a NUL to the arena; returns their offset, or
 * EMPTY_OFF if it failed (ld->st says why). */
static uint32_t arena_put(loader *ld, const char *s, size_t len)
{
	gt_dataset *ds = ld->ds;
	uint32_t at = (uint32_t)ds->arena_len;

	if (ds->arena_cap - ds->arena_len <= len && arena_grow(ld, len))
		return EMPTY_OFF;
	memcpy(ds->arena + at, s, len);
	ds->arena[at + len] = '\0';
	ds->arena_len += len + 1;
	return at;
}

/* The kept cells of a file take at most as many bytes as the file itself
 * (a NUL for each field's delimiter), so start there; byte 0 is the shared
 * empty cell. */
static int arena_init(loader *ld, size_t len)
{
	gt_dataset *ds = ld->ds;

	ds->arena_cap = len < 4096 ? 4096 : len < UINT32_MAX - 2 ? len + 2 : UINT32_MAX;
	ds->arena = malloc(ds->arena_cap);
	if (!ds->arena)
		return nomem(ld);
	ds->arena[EMPTY_OFF] = '\0';
	ds->arena_len = EMPTY_OFF + 1;
	return 0;
}

/* Bytes a row takes in the row arrays: its line, row_at, nfields and
 * cells. */
#define ROW_BYTES (sizeof(long) + sizeof(uint32_t) + sizeof(int) + GT_NCOLS)

/* Point ds's row arrays at row `base` of the arrays in blk, which hold
 * `stride` rows each (line first, whose alignment covers the others), with
 * room for cap rows from there. */
static void rows_place(gt_dataset *ds, char *blk, size_t stride, size_t base, size_t cap)
{
	long *line = (long *)(void *)blk;
	uint32_t *row_at = (uint32_t *)(void *)(line + stride);
	int *nfields = (int *)(void *)(row_at + stride);
	uint8_t *cell_at = (uint8_t *)(nfields + stride);

	ds->line = line + base;
	ds->row_at = row_at + base;
	ds->nfields = nfields + base;
	ds->cell_at = cell_at + base * GT_NCOLS;
	ds->rows_cap = cap;
}

/* Move ld's rows to row `base` of blk's arrays of `stride` rows, with room
 * for cap there (> nrows), the open row's start too (row_begin wrote its
 * line and row_at, and its cells go on through ld->row_cells); blk
 * becomes ds->rows_block if owned, and the old block is freed. */
static void rows_move(loader *ld, char *blk, size_t stride, size_t base, size_t cap,
                      int owned)
{
	gt_dataset *ds = ld->ds, old = *ds;
	size_t n = old.nrows < old.rows_cap ? old.nrows + 1 : old.nrows;

	rows_place(ds, blk, stride, base, cap);
	if (n) {
		memcpy(ds->line, old.line, n * sizeof(*ds->line));
		memcpy(ds->row_at, old.row_at, n * sizeof(*ds->row_at));
		memcpy(ds->nfields, old.nfields, n * sizeof(*ds->nfields));
		memcpy(ds->cell_at, old.cell_at, n * GT_NCOLS);
	}
	ld->row_cells = ds->cell_at + ds->nrows * GT_NCOLS;
	free(old.rows_block);
	ds->rows_block = owned ? blk : NULL;
}

/* Room for cap (> nrows) rows: the four row arrays move to a block of
 * their own. */
static int rows_resize(loader *ld, size_t cap)
{
	char *blk;

	if (cap > SIZE_MAX / ROW_BYTES || !(blk = malloc(cap * ROW_BYTES)))
		return nomem(ld);
	rows_move(ld, blk, cap, 0, cap, 1);
	return 0;
}

/* Make room for one more row (amortised doubling). */
static int rows_reserve(loader *ld)
{
	gt_dataset *ds = ld->ds;

	if (ds->nrows < ds->rows_cap)
		return 0;
	return rows_resize(ld, ds->rows_cap ? ds->rows_cap * 2 : ld->rows_hint);
}

/* Begin data row ds->nrows: its cells go from the arena's end; each is
 * "far" (a field the record lacks reads as "") until its field arrives. */
static int row_begin(loader *ld)
{
	gt_dataset *ds = ld->ds;

	if (rows_reserve(ld))
		return -1;
	ld->row_cells = ds->cell_at + ds->nrows * GT_NCOLS;
	memset(ld->row_cells, GT_CELL_FAR, GT_NCOLS);
	ld->row_text = ds->arena_len;
	ds->row_at[ds->nrows] = (uint32_t)ds->arena_len;
	ds->line[ds->nrows] = ld->rec_line;
	return 0;
}

static void header_field(loader *ld, const char *s, size_t len)
{
	uint32_t at;

	if ((size_t)ld->nf >= ld->hdr_cap) {
		size_t cap = ld->hdr_cap ? ld->hdr_cap * 2 : 32;
		uint32_t *hdr = realloc(ld->hdr, cap * sizeof(*hdr));

		if (!hdr) {
			nomem(ld);
			return;
		}
		ld->hdr = hdr;
		ld->hdr_cap = cap;
	}
	at = arena_put(ld, s, len);
	if (ld->st == GT_OK)
		ld->hdr[ld->nf] = at;
}

/* A field of a data row: kept in the arena, with its place among the
 * row's cells, or dropped. */
static void data_field(loader *ld, const char *s, size_t len)
{
	int col = ld->nf < ld->ds->header_fields ? ld->colmap[ld->nf] : -1;

	if (ld->nf == 0 && row_begin(ld))
		return;
	if (col < 0) {          /* an unknown or surplus field, dropped */
		ld->line += newlines(s, len);   /* (the arena's: per record) */
	} else {                /* kept, even empty: gt_cell_far counts cells */
		uint32_t at = arena_put(ld, s, len);
		size_t from_row = at - ld->row_text;

		if (ld->st == GT_OK && from_row < GT_CELL_FAR)
			ld->row_cells[col] = (uint8_t)from_row;
	}
}

/* Any field but the commonest: the header's, a row's first, a dropped or
 * surplus one, one the arena must grow for, or any after a failure. */
static __attribute__((noinline)) void field_slow(loader *ld, const char *s, size_t len)
{
	if (ld->st != GT_OK)
		return;
	if (ld->nf == 0) {
		ld->rec_line = ld->line;
		ld->rec_text = ld->ds->arena_len;
	}
	if (!ld->header_done)
		header_field(ld, s, len);
	else
		data_field(ld, s, len);
	if (ld->nf < INT_MAX)
		ld->nf++;
}

/* libcsv field callback. s is never NULL, since CSV_EMPTY_IS_NULL is off;
 * len is what counts. The field began on ld->line. Nearly every field is
 * a kept cell of a data row already begun, which the arena has room for:
 * that takes the short way here, arena_put's with the copy last, so that
 * no register need be saved around it (the real file has 900,000 fields:
 * on_field was 81M of the load's 400M instructions, memcpy's included,
 * and is 50M). */
static void on_field(void *s, size_t len, void *data)
{
	loader *ld = data;
	gt_dataset *ds = ld->ds;
	unsigned nf = (unsigned)ld->nf;
	size_t at = ds->arena_len, from_row;
	char *to;
	int col;

	if (nf - 1 >= (unsigned)ld->fast_last || ld->st != GT_OK ||
	    (col = ld->colmap[nf]) < 0 || ds->arena_cap - at <= len) {
		field_slow(ld, s, len);
		return;
	}
	ld->nf = (int)nf + 1;
	to = ds->arena + at;
	to[len] = '\0';
	ds->arena_len = at + len + 1;
	from_row = at - ld->row_text;
	if (from_row < GT_CELL_FAR)
		ld->row_cells[col] = (uint8_t)from_row;
	memcpy(to, s, len);
}

/* Line ends in the open record's fields kept in the arena so far. */
static long record_newlines(const loader *ld)
{
	const gt_dataset *ds = ld->ds;

	return ld->nf ? newlines(ds->arena + ld->rec_text, ds->arena_len - ld->rec_text) : 0;
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

/* The 14 musical columns; the study drops the other four first. */
int gt_column_required(gt_column c)
{
	return c != GT_COL_INSTANCE_ID && c != GT_COL_ARTIST && c != GT_COL_TRACK &&
	       c != GT_COL_OBTAINED_DATE && c >= 0 && c < GT_NCOLS;
}

static int column_of(const loader *ld, const char *name)
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (strcmp(name, gt_colmap_column(ld->map, c)) == 0)
			return c;
	return -1;
}

/* Fill colmap from the header names; seen[c] = field of column c or -1. */
static void map_columns(loader *ld, int seen[GT_NCOLS])
{
	for (int c = 0; c < GT_NCOLS; c++)
		seen[c] = -1;
	for (int i = 0; i < ld->ds->header_fields && ld->st == GT_OK; i++) {
		int c = column_of(ld, trim_name(ld->ds->arena + ld->hdr[i]));
		char shown[64];

		ld->colmap[i] = c;
		if (c < 0)
			continue;
		gt_text_safe(gt_colmap_column(ld->map, c), shown, sizeof(shown), 40);
		if (seen[c] >= 0)
			ld->st = gt_fail(ld->err, GT_ERR_COLUMN,
			                 "%s: duplicated column '%s' "
			                 "(fields %d and %d)", ld->name,
			                 shown, seen[c] + 1, i + 1);
		seen[c] = i;
	}
}

/* A bounded string builder: text past the end is cut, never overflows. */
typedef struct {
	char *buf;
	size_t cap, len;
} strbuf;

static void sb_add(strbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void sb_add(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len + 1 >= b->cap)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->buf + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

/* A name folded for a near-miss match: ASCII letters in lower case and
 * digits, all else dropped ("Music Genre" and "music_genre" fold alike). */
static void fold_name(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 1 < n; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			out[k++] = c;
	}
	out[k] = '\0';
}

/* The unrecognised header field that looks like column c, or -1. */
static int near_miss(const loader *ld, int c)
{
	char want[GT_COLMAP_NAME], got[GT_COLMAP_NAME];

	fold_name(gt_colmap_column(ld->map, c), want, sizeof(want));
	for (int i = 0; i < ld->ds->header_fields; i++) {
		if (ld->colmap[i] >= 0)
			continue;
		fold_name(ld->ds->arena + ld->hdr[i], got, sizeof(got));
		if (strcmp(want, got) == 0)
			return i;
	}
	return -1;
}

/* Bytes of the header's names listed in a missing-columns message. */
#define HEADER_LIST_MAX 280

/* The header's names, escaped, as "a, b, c" (cut with ", ..." when long). */
static void header_list(const loader *ld, strbuf *b)
{
	char shown[64];
	size_t start = b->len;

	for (int i = 0; i < ld->ds->header_fields; i++) {
		gt_text_safe(ld->ds->arena + ld->hdr[i], shown, sizeof(shown), 40);
		if (b->len - start + strlen(shown) + 2 > HEADER_LIST_MAX) {
			sb_add(b, ", ...");
			return;
		}
		sb_add(b, "%s'%s'", i ? ", " : "", shown);
	}
}

/* A required or mapped column the header lacks, into the list; its
 * look-alike in the header, if any, into the hint. */
static void missing_one(const loader *ld, int c, strbuf *b, strbuf *h)
{
	char shown[64];
	int i;

	gt_text_safe(gt_colmap_column(ld->map, c), shown, sizeof(shown), 40);
	if (gt_colmap_mapped(ld->map, c))
		sb_add(b, "%s%s (mapped to '%s', which the header lacks)",
		       b->len ? ", " : "", gt_column_names[c], shown);
	else
		sb_add(b, "%s%s", b->len ? ", " : "", gt_column_names[c]);
	i = near_miss(ld, c);
	if (i < 0)
		return;
	gt_text_safe(ld->ds->arena + ld->hdr[i], shown, sizeof(shown), 40);
	sb_add(h, "%sfield %d is '%s'", h->len ? ", " : " (", i + 1, shown);
}

/* Fail naming every required (or mapped) column the header lacks; then the
 * header's look-alikes of those names, if any, --map, and the header's
 * names (shown escaped: they are data). */
static void check_missing(loader *ld, const int seen[GT_NCOLS])
{
	char list[GT_ERROR_MAX], hint[GT_ERROR_MAX], have[GT_ERROR_MAX];
	strbuf b = { list, sizeof(list), 0 }, h = { hint, sizeof(hint), 0 };
	strbuf f = { have, sizeof(have), 0 };

	list[0] = hint[0] = have[0] = '\0';
	for (int c = 0; c < GT_NCOLS; c++)
		if (seen[c] < 0 && (gt_column_required(c) || gt_colmap_mapped(ld->map, c)))
			missing_one(ld, c, &b, &h);
	if (!b.len)
		return;
	if (h.len)
		sb_add(&h, ": names must match exactly)");
	header_list(ld, &f);
	ld->st = gt_fail(ld->err, GT_ERR_COLUMN, "%s: missing columns: %s%s; "
	                 "name them with --map FIELD=COLUMN; the file's columns: %s",
	                 ld->name, list, hint, have);
}

/* Offset of the first byte of s that no CSV text holds: a control
 * character other than tab and line ends, or a byte that is not UTF-8;
 * -1 if there is none. */
static long binary_byte(const char *s)
{
	for (const char *p = s; *p;) {
		unsigned cp;
		size_t n = gt_utf8_decode(p, &cp);

		if (n == 0 || ((cp < 0x20 && cp != '\t' && cp != '\r' &&
		                cp != '\n') || cp == 0x7f))
			return (long)(p - s);
		p += n;
	}
	return -1;
}

/* A header with none of the columns that holds bytes no text does: the
 * file is not CSV at all (an image, an archive...), so say that. */
static int binary_header(loader *ld, const int seen[GT_NCOLS])
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (seen[c] >= 0)
			return 0;
	for (int i = 0; i < ld->ds->header_fields; i++) {
		const char *name = ld->ds->arena + ld->hdr[i];
		long at = binary_byte(name);

		if (at < 0)
			continue;
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: not a CSV text file: "
		                 "byte 0x%02x in field %d of the first line, which "
		                 "should name the columns", ld->name, ld->rec_line,
		                 (unsigned char)name[at], i + 1);
		return 1;
	}
	return 0;
}

/* Each column's place among a row's cells, which follow the header's
 * field order. */
static void rank_columns(gt_dataset *ds)
{
	for (int c = 0; c < GT_NCOLS; c++) {
		int k = 0;

		for (int o = 0; o < GT_NCOLS; o++)
			k += ds->field[o] >= 0 && ds->field[o] < ds->field[c];
		ds->rank[c] = (signed char)(ds->field[c] < 0 ? -1 : k);
	}
}

/* Remember the file's names of the mapped columns, for messages. */
static void keep_mapped_names(loader *ld)
{
	for (int c = 0; c < GT_NCOLS && ld->st == GT_OK; c++)
		if (gt_colmap_mapped(ld->map, c) &&
		    !(ld->ds->colname[c] = copy_name(gt_colmap_column(ld->map, c))))
			nomem(ld);
}

/* The header record has ended: map its fields, then forget its text. */
static void end_header(loader *ld)
{
	int seen[GT_NCOLS];

	ld->header_done = 1;
	ld->ds->header_fields = ld->nf;
	ld->fast_last = ld->nf - 1;
	ld->colmap = malloc((size_t)ld->nf * sizeof(*ld->colmap) + 1);
	if (!ld->colmap) {
		nomem(ld);
		return;
	}
	map_columns(ld, seen);
	memcpy(ld->ds->field, seen, sizeof(ld->ds->field));
	rank_columns(ld->ds);
	keep_mapped_names(ld);
	if (ld->st == GT_OK && !binary_header(ld, seen))
		check_missing(ld, seen);
	ld->ds->arena_len = EMPTY_OFF + 1;
}

/* libcsv end-of-record callback: c is the terminator (-1 at the end of
 * the input). A record without fields is a line end between records. */
static void on_row(int c, void *data)
{
	loader *ld = data;

	if (ld->st == GT_OK && ld->nf > 0) {
		ld->line += record_newlines(ld);
		if (!ld->header_done) {
			end_header(ld);
		} else {
			ld->ds->nfields[ld->ds->nrows] = ld->nf;
			ld->ds->nrows++;
		}
	}
	ld->nf = 0;
	ld->line += c == '\n';
}

/* The line of the next byte libcsv reads: the open field's text (not yet
 * handed over) may hold line ends. */
static long line_now(const loader *ld)
{
	const char *open = (const char *)ld->p.entry_buf;

	return ld->line + record_newlines(ld) + (open ? newlines(open, ld->p.entry_pos) : 0);
}

/* " (field 3, column 'tempo')": where in the record a syntax error is. */
static void where_field(const loader *ld, char *buf, size_t n)
{
	int col = -1;

	if (ld->header_done && ld->nf < ld->ds->header_fields)
		col = ld->colmap[ld->nf];
	if (col >= 0)
		snprintf(buf, n, " (field %ld, column '%s')", ld->nf + 1L,
		         gt_column_names[col]);
	else
		snprintf(buf, n, " (field %ld)", ld->nf + 1L);
}

/* csv_parse stopped early, at the byte it could not take: say why. */
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
	                 ld->name, line_now(ld), what, where);
}

/* A NUL byte is next: no CSV text holds one. */
static void nul_error(loader *ld)
{
	char where[96];

	where_field(ld, where, sizeof(where));
	ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: not a CSV text file: "
	                 "a NUL byte%s", ld->name, line_now(ld), where);
}

/* libcsv grows a field's buffer by a fixed block (128 bytes) per step, so
 * a 10 MB field would cost ~80,000 reallocations, each possibly copying.
 * Growing the block with the buffer makes that geometric. */
static void grow_field(struct csv_parser *p)
{
	if (p->entry_size > p->blk_size)
		csv_set_blk_size(p, p->entry_size);
}

/* Note a CRLF line end in s[0..n) (only whether there is one). */
static void see_crlf(loader *ld, const char *s, size_t n)
{
	const char *cr = s;

	if (ld->ds->crlf || n == 0)
		return;
	if (ld->last_cr && s[0] == '\n')
		ld->ds->crlf = 1;
	while (!ld->ds->crlf && (cr = memchr(cr, '\r', (size_t)(s + n - cr))) &&
	       cr + 1 < s + n)
		ld->ds->crlf = *++cr == '\n';
	ld->last_cr = s[n - 1] == '\r';
}

/* Feed s[0..n) to libcsv. */
static void feed_block(loader *ld, const char *s, size_t n)
{
	see_crlf(ld, s, n);
	grow_field(&ld->p);
	if (csv_parse(&ld->p, s, n, on_field, on_row, ld) < n &&
	    ld->st == GT_OK)
		parse_error(ld, &ld->p);
}

/* The first bytes of the input: skip a UTF-8 byte-order mark, refuse
 * UTF-16 (whose text is full of NUL bytes) with a message that says so.
 * Returns the bytes to skip. */
static size_t begin_input(loader *ld, const char *buf, size_t len)
{
	ld->started = 1;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		ld->ds->has_bom = 1;
		return 3;
	}
	if (len >= 2 && (memcmp(buf, "\xFF\xFE", 2) == 0 ||
	                 memcmp(buf, "\xFE\xFF", 2) == 0))
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s: the file is UTF-16 text "
		                 "(it begins with the byte-order mark %02X %02X); "
		                 "save it as UTF-8", ld->name,
		                 (unsigned char)buf[0], (unsigned char)buf[1]);
	return 0;
}

/* Feed the next len bytes of input, READ_BLOCK bytes at a time; stop at
 * a NUL byte. */
static void feed(loader *ld, const char *buf, size_t len)
{
	size_t skip = !ld->started && len ? begin_input(ld, buf, len) : 0;

	buf += skip;
	len -= skip;
	while (len && ld->st == GT_OK) {
		size_t n = len < READ_BLOCK ? len : READ_BLOCK;
		const char *nul = memchr(buf, '\0', n);

		if (nul && nul > buf)
			feed_block(ld, buf, (size_t)(nul - buf));
		if (nul && ld->st == GT_OK)
			nul_error(ld);
		if (nul)
			return;
		feed_block(ld, buf, n);
		buf += n;
		len -= n;
	}
}

/* strdup through this file's malloc (which allocation-failure tests can
 * make fail; libc's strdup calls its own). */
static char *copy_name(const char *name)
{
	size_t n = strlen(name) + 1;
	char *s = malloc(n);

	return s ? memcpy(s, name, n) : NULL;
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
	ld->line = 1;
	ld->rows_hint = size / 64 + 1024;
	/* Empty unquoted fields must reach us as "", not NULL: no
	 * CSV_EMPTY_IS_NULL. Every line end reaches on_row: CSV_REPALL_NL.
	 * csv_init cannot fail for a non-NULL parser. */
	csv_init(&ld->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	/* Our realloc, not the one libcsv was linked with: the same allocator
	 * as the rest of the loader (and the one tests can make fail). */
	csv_set_realloc_func(&ld->p, realloc);
	csv_set_free_func(&ld->p, free);
	ds->path = copy_name(name ? name : "(buffer)");
	gt_text_safe(name ? name : "(buffer)", ld->name, sizeof(ld->name),
	             NAME_SHOWN);
	if (!ds->path)
		return ld->st = gt_fail(err, GT_ERR_NOMEM, "%s: out of memory",
		                        ld->name);
	return arena_init(ld, size);
}

/* Finish the last record and check that there was a header at all. */
static void finish(loader *ld)
{
	if (ld->st == GT_OK && csv_fini(&ld->p, on_field, on_row, ld) != 0)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: malformed CSV: "
		                 "unterminated quoted field", ld->name,
		                 ld->line + record_newlines(ld));
	if (ld->st == GT_OK && !ld->header_done)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s: empty file",
		                 ld->name);
}

/* Finish and free the loader; on failure the dataset too. */
static gt_status load_end(loader *ld)
{
	finish(ld);
	csv_free(&ld->p);
	free(ld->hdr);
	free(ld->colmap);
	if (ld->st != GT_OK)
		gt_dataset_free(ld->ds);
	return ld->st;
}

gt_status gt_dataset_parse_mapped(gt_dataset *ds, const char *buf, size_t len,
                                  const char *name, const gt_colmap *map,
                                  gt_error *err)
{
	loader ld;

	if (load_begin(&ld, ds, name, len, err) == GT_OK) {
		ld.map = map;
		feed(&ld, buf, len);
	}
	return load_end(&ld);
}

gt_status gt_dataset_parse(gt_dataset *ds, const char *buf, size_t len,
                           const char *name, gt_error *err)
{
	return gt_dataset_parse_mapped(ds, buf, len, name, NULL, err);
}

/* Does row r's record have the field of column c? */
static int has_field(const gt_dataset *ds, size_t r, int c)
{
	return ds->field[c] >= 0 && ds->field[c] < ds->nfields[r];
}

const char *gt_cell_far(const gt_dataset *ds, size_t r, gt_column c)
{
	const char *s = ds->arena + ds->row_at[r];

	if (!has_field(ds, r, (int)c))
		return "";
	for (int k = 0; k < ds->rank[c]; k++)
		s += strlen(s) + 1;
	return s;
}

const char *gt_row_text(const gt_dataset *ds, size_t r, size_t *len)
{
	int last = -1;
	const char *s;

	for (int c = 0; c < GT_NCOLS; c++)
		if (has_field(ds, r, c) && (last < 0 || ds->rank[c] > ds->rank[last]))
			last = c;
	*len = 0;
	if (last < 0)
		return NULL;
	s = gt_cell(ds, r, (gt_column)last);
	*len = (size_t)(s + strlen(s) - (ds->arena + ds->row_at[r]));
	return ds->arena + ds->row_at[r];
}

void gt_dataset_free(gt_dataset *ds)
{
	if (!ds)
		return;
	free(ds->path);
	free(ds->rows_block);
	free(ds->arena);
	for (int c = 0; c < GT_NCOLS; c++)
		free(ds->colname[c]);
	memset(ds, 0, sizeof(*ds));
}

/* Open path for reading; -1 (err set) if it can't be or is a directory.
 * *size is its size if it is a regular file, else 0. */
static int open_input(const char *path, size_t *size, gt_error *err)
{
	char name[NAME_SHOWN + 16];
	struct stat sb;
	int fd;

	gt_text_safe(path, name, sizeof(name), NAME_SHOWN);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) != 0)
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		gt_fail(err, GT_ERR_IO, "%s: is a directory", name);
	else {
		*size = S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
		return fd;
	}
	close(fd);
	return -1;
}

/* Feed fd to the loader in blocks, from offset `at` with pread (at >= 0)
 * or from where fd stands; stop after `limit` bytes or at the end. The
 * file is never held whole. Returns the bytes fed. */
static size_t feed_fd(loader *ld, int fd, off_t at, size_t limit, char *block)
{
	size_t done = 0;

	while (ld->st == GT_OK && done < limit) {
		size_t want = limit - done < READ_BLOCK ? limit - done : READ_BLOCK;
		ssize_t n = at >= 0 ? pread(fd, block, want, at + (off_t)done)
		                    : read(fd, block, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ld->st = gt_fail(ld->err, GT_ERR_IO, "%s: %s", ld->name,
			                 strerror(errno));
		if (n <= 0)
			break;
		feed(ld, block, (size_t)n);
		done += (size_t)n;
	}
	return done;
}

/* ---- Parts ---------------------------------------------------------------
 *
 * A file of SPLIT_MIN bytes or more is cut into parts of about
 * GT_LOAD_PART bytes, each cut after a line end. Once the header is read,
 * the loading thread and one helper take the parts one after another, each
 * part parsed by a loader of its own into rows of its own and into its own
 * stretch of the arena (the text of n bytes of input takes at most n + 1
 * bytes of it); the loading thread's own loader has part 0. Parts taken as
 * they come, not two fixed halves, keep both threads busy to the end: with
 * halves, one often finished 10-15 ms before the other (a slow page fault,
 * a busy CPU). Then the parts are joined in order: part i's rows are
 * appended (their line numbers moved on) if it and the one before it stand
 * between two records where they meet, and no loader failed. At the first
 * part that cannot be (a cut inside a quoted field, or an error), the
 * rest is dropped and the first loader goes on alone from that part's
 * start, which gives every message exactly as a single loader would. */

/* Bytes of a part (dataset.h). */
#define PART_BYTES GT_LOAD_PART

/* At most this many parts (a 32 MB file has 64 already). */
#define PARTS_MAX 64

typedef struct {
	loader ld;           /* the part's loader ... */
	gt_dataset ds;       /* ... its rows (the arena is the first loader's) */
	gt_error err;
	off_t from, to;      /* its bytes: [from, to); the last goes to the end */
} part;

typedef struct {
	part *parts;         /* [1, n): part 0 is the first loader's, which ends
	                        where part 1 begins */
	int n;
	char *slab;          /* row arrays of slab_rows rows, where each part,
	                        the first loader's too, has room at first (NULL:
	                        none; then each allocates its own) */
	size_t slab_rows;
	gt_queue queue;      /* the parts not yet taken */
	int fd;
	gt_thread helper;
} parts;

/* The first byte after the first line end at or past `at` in fd (size
 * bytes), or 0 if there is none. */
static size_t cut_point(int fd, size_t at, size_t size)
{
	char buf[4096];

	while (at < size) {
		ssize_t n = pread(fd, buf, sizeof(buf), (off_t)at);
		const char *nl = n > 0 ? memchr(buf, '\n', (size_t)n) : NULL;

		if (nl)
			return at + (size_t)(nl - buf) + 1;
		if (n <= 0)
			return 0;
		at += (size_t)n;
	}
	return 0;
}

/* Start part i's loader on bytes [from, to), with a's header. */
static void part_init(part *pt, const loader *a, off_t from, off_t to)
{
	memset(pt, 0, sizeof(*pt));
	pt->from = from;
	pt->to = to;
	pt->ld = (loader){ .ds = &pt->ds, .err = &pt->err, .started = 1, .line = 1,
	                   .header_done = 1, .fixed_arena = 1, .colmap = a->colmap,
	                   .fast_last = a->fast_last,
	                   .rows_hint = (size_t)(to - from) / 64 + 1024 };
	memcpy(pt->ld.name, a->name, sizeof(pt->ld.name));
	csv_init(&pt->ld.p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	csv_set_realloc_func(&pt->ld.p, realloc);
	csv_set_free_func(&pt->ld.p, free);
	pt->ds.header_fields = a->ds->header_fields;
	pt->ds.arena = a->ds->arena;
	pt->ds.arena_len = (size_t)from + 1;
	pt->ds.arena_cap = a->ds->arena_cap;
}

static void part_free(part *pt)
{
	csv_free(&pt->ld.p);
	free(pt->ld.hdr);
	free(pt->ds.rows_block);
}

/* Rows a part of n bytes has room for at first in the slab, for rows of
 * about `per` bytes: an eighth more, and 64. A part with more rows moves
 * them to a block of its own (rows_resize), and the join copies them. */
static size_t part_rows(size_t n, size_t per)
{
	return n / per + n / per / 8 + 64;
}

/* One block for the row arrays of every part, a's (part 0) included, a
 * stretch of rows each, sized from the bytes a row took in the done bytes
 * a read first (100 if that was under 8 rows; the real file: 157). A part
 * that keeps to its stretch never has arrays of its own (its rows_block
 * stays NULL), and parts_join then moves its rows down where they lie:
 * no page is written that the rows do not need. (Each part had four
 * arrays, whose rows were then copied to a's, sized for the whole file:
 * first writes to a page cost 2.5 us or more on the test machine.) */
static void parts_slab(parts *ps, loader *a, size_t done)
{
	gt_dataset *ds = a->ds;
	size_t per = ds->nrows >= 8 ? done / (ds->nrows + 1) : 100, rows, at;
	size_t cap[PARTS_MAX];         /* [i]: part i's rows in the slab */

	per = per < 16 ? 16 : per;      /* (a row has 17 commas) */
	rows = part_rows((size_t)ps->parts[1].from, per);
	rows = rows > ds->nrows ? rows : ds->nrows + 1;
	at = rows;
	for (int i = 1; i < ps->n; i++) {
		cap[i] = part_rows((size_t)(ps->parts[i].to - ps->parts[i].from), per);
		rows += cap[i];
	}
	if (rows > SIZE_MAX / ROW_BYTES || !(ps->slab = malloc(rows * ROW_BYTES)))
		return;
	ps->slab_rows = rows;
	rows_move(a, ps->slab, rows, 0, at, 0);
	for (int i = 1; i < ps->n; i++) {
		rows_place(&ps->parts[i].ds, ps->slab, rows, at, cap[i]);
		at += cap[i];
	}
}

/* Cut bytes [done, size) of fd into parts after a's header (read up to
 * done); 0, or -1 if there is but one part or no memory for more. */
static int parts_make(parts *ps, loader *a, int fd, size_t done, size_t size)
{
	size_t want = size / PART_BYTES, cuts[PARTS_MAX + 1];
	int n = 1;

	want = want < 2 ? 2 : want > PARTS_MAX ? PARTS_MAX : want;
	cuts[0] = 0;
	for (size_t i = 1; i < want; i++) {
		size_t at = size / want * i, c;

		at = at > done ? at : done;
		at = at > cuts[n - 1] ? at : cuts[n - 1];
		c = cut_point(fd, at, size);
		if (c == 0 || c >= size)
			break;
		cuts[n++] = c;           /* (> at >= both: rising, past the header) */
	}
	if (n < 2 || !(ps->parts = malloc((size_t)n * sizeof(*ps->parts))))
		return -1;
	ps->n = n;
	ps->fd = fd;
	ps->slab = NULL;
	ps->slab_rows = 0;
	gt_queue_init(&ps->queue, 1, (size_t)n);
	for (int i = 1; i < n; i++)
		part_init(&ps->parts[i], a, (off_t)cuts[i],
		          (off_t)(i + 1 < n ? cuts[i + 1] : size));
	parts_slab(ps, a, done);
	return 0;
}

/* Parse parts until none is left; block is READ_BLOCK bytes. */
static void parts_work(parts *ps, char *block)
{
	size_t i;

	while ((i = gt_queue_take(&ps->queue)) < (size_t)ps->n) {
		part *pt = &ps->parts[i];
		int last = i == (size_t)ps->n - 1;

		feed_fd(&pt->ld, ps->fd, pt->from,
		        last ? SIZE_MAX : (size_t)(pt->to - pt->from), block);
		if (last && pt->ld.st == GT_OK &&
		    csv_fini(&pt->ld.p, on_field, on_row, &pt->ld) != 0)
			pt->ld.st = GT_ERR_CSV;   /* (the first loader will say it) */
	}
}

static void *helper_main(void *arg)
{
	parts *ps = arg;
	char *block = malloc(READ_BLOCK);
	size_t i;

	if (block) {
		parts_work(ps, block);
	} else {                /* no block: fail whatever it takes */
		while ((i = gt_queue_take(&ps->queue)) < (size_t)ps->n)
			nomem(&ps->parts[i].ld);
	}
	free(block);
	return NULL;
}

static void count_fields(void *s, size_t len, void *data)
{
	(void)s, (void)len;
	++*(int *)data;
}

static void count_records(int c, void *data)
{
	(void)c;
	++*(int *)data;
}

/* Does the loader stand between two records? Asked of a copy of its
 * parser: csv_fini hands over any open record (and fails on an open
 * quote) without touching the loader. */
static int between_records(const loader *ld)
{
	struct csv_parser probe = ld->p;
	int pending = 0;

	return csv_fini(&probe, count_fields, count_records, &pending) == 0 &&
	       pending == 0;
}

/* Append part h's rows to a's; 0, or -1 (out of memory, said in a->st).
 * Both may lie in the slab, h's rows further on (parts_join): they then
 * move down, a row never written before it is read. */
static int part_append(loader *a, const part *h)
{
	gt_dataset *ds = a->ds;
	const gt_dataset *b = &h->ds;
	size_t n = ds->nrows + b->nrows;

	if (n > ds->rows_cap && rows_resize(a, n) != 0)
		return -1;
	memmove(ds->row_at + ds->nrows, b->row_at, b->nrows * sizeof(*b->row_at));
	memmove(ds->cell_at + ds->nrows * GT_NCOLS, b->cell_at, b->nrows * GT_NCOLS);
	memmove(ds->nfields + ds->nrows, b->nfields, b->nrows * sizeof(*b->nfields));
	for (size_t r = 0; r < b->nrows; r++)
		ds->line[ds->nrows + r] = b->line[r] + a->line - 1;
	ds->nrows = n;
	ds->arena_len = b->arena_len;
	ds->crlf |= b->crlf;
	a->line += h->ld.line - 1;
	return 0;
}

/* Can part i (>= 1) be appended after the parts before it? They and it
 * succeeded, and they meet between records at both of its ends (the last
 * part's end is the file's, which its own csv_fini checked). */
static int part_fits(const parts *ps, const loader *a, int i)
{
	const part *pt = &ps->parts[i];
	const loader *before = i == 1 ? a : &ps->parts[i - 1].ld;

	return a->st == GT_OK && pt->ld.st == GT_OK && between_records(before) &&
	       (i == ps->n - 1 || between_records(&pt->ld));
}

/* Make a's row arrays ready for every part's rows. If a and every part
 * kept to their stretches of the slab, a takes the slab: each part's rows
 * then move down in it, to just after those before them (no further on
 * than their own stretch). Else a gets a block of its own for all the
 * rows, before the slab goes. If that fails, a has no rows and a->st
 * says why. */
static void rows_gather(parts *ps, loader *a)
{
	gt_dataset *ds = a->ds;
	size_t total = ds->nrows;
	int in_slab = ps->slab && !ds->rows_block, all = in_slab;

	for (int i = 1; i < ps->n; i++) {
		total += ps->parts[i].ds.nrows;
		all &= !ps->parts[i].ds.rows_block;
	}
	if (all) {
		ds->rows_block = ps->slab;
		ds->rows_cap = ps->slab_rows;
		ps->slab = NULL;
	} else if (in_slab || total > ds->rows_cap) {
		if (rows_resize(a, (total > ds->rows_cap ? total : ds->rows_cap) + 1) != 0 &&
		    in_slab) {      /* (its rows go with the slab) */
			ds->line = NULL, ds->row_at = NULL, ds->cell_at = NULL;
			ds->nfields = NULL, ds->nrows = ds->rows_cap = 0;
			a->row_cells = NULL;
		}
	}
}

/* Join the parts to a's rows in order. Returns the offset from which a
 * must go on alone (the start of the first part not joined), or -1 if
 * all were. */
static off_t parts_join(parts *ps, loader *a)
{
	off_t rest = -1;

	rows_gather(ps, a);
	for (int i = 1; i < ps->n; i++)
		if (rest < 0 && (!part_fits(ps, a, i) || part_append(a, &ps->parts[i]) != 0))
			rest = ps->parts[i].from;
	for (int i = 1; i < ps->n; i++)
		part_free(&ps->parts[i]);
	free(ps->slab);
	free(ps->parts);
	gt_queue_free(&ps->queue);
	return rest;
}

/* Parse the rest of fd in parts, two at once, ld having read done bytes
 * (the header, and part 0's start); returns where ld must go on alone (as
 * parts_join), or -2 if it cannot be cut into parts at all (ld then goes
 * on from where fd stands). */
static off_t feed_parts(loader *ld, int fd, size_t done, size_t size, char *block)
{
	parts ps;
	int two;

	if (parts_make(&ps, ld, fd, done, size) != 0)
		return -2;
	two = gt_thread_start(&ps.helper, helper_main, &ps) == 0;
	feed_fd(ld, fd, -1, (size_t)ps.parts[1].from - done, block);   /* part 0 */
	parts_work(&ps, block);
	if (two)
		gt_thread_join(&ps.helper);
	return parts_join(&ps, ld);
}

/* Feed the file, in parts at once when it is big. */
static void feed_file(loader *ld, int fd, size_t size)
{
	char *block = malloc(READ_BLOCK);
	int split = size >= SPLIT_MIN;
	size_t done;
	off_t rest = -2;

	if (!block) {
		nomem(ld);
		return;
	}
	/* The header first, a small block at a time, so that the helper starts
	 * before the first loader writes its rows (and takes their pages). Its
	 * first rows need little room: they move to the slab (parts_slab). */
	if (split)
		ld->rows_hint = 1024;
	done = feed_fd(ld, fd, -1, split ? HEADER_BLOCK : SIZE_MAX, block);
	while (split && !ld->header_done && ld->st == GT_OK && done < size / 2) {
		size_t n = feed_fd(ld, fd, -1, READ_BLOCK, block);

		if (n == 0)
			break;
		done += n;
	}
	if (split && ld->header_done && ld->st == GT_OK)
		rest = feed_parts(ld, fd, done, size, block);
	if (rest != -1)         /* the rest (all of it if -2), alone */
		feed_fd(ld, fd, rest >= 0 ? rest : -1, SIZE_MAX, block);
	free(block);
}

gt_status gt_dataset_load_mapped(gt_dataset *ds, const char *path,
                                 const gt_colmap *map, gt_error *err)
{
	loader ld;
	size_t size = 0;
	int fd;

	memset(ds, 0, sizeof(*ds));
	fd = open_input(path, &size, err);
	if (fd < 0)
		return GT_ERR_IO;       /* open_input failed and said why */
	if (load_begin(&ld, ds, path, size, err) == GT_OK) {
		ld.map = map;
		feed_file(&ld, fd, size);
	}
	close(fd);
	return load_end(&ld);
}

gt_status gt_dataset_load(gt_dataset *ds, const char *path, gt_error *err)
{
	return gt_dataset_load_mapped(ds, path, NULL, err);
}
