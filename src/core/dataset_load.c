/* dataset_load.c: read a CSV file into a gt_dataset with libcsv: the plain
 * loader (dataset_loader.h).
 *
 * Input (a memory buffer, or a file read in 64 KiB blocks) is fed to libcsv
 * a block at a time. libcsv does not say where in the input a field ends,
 * so lines are counted from what it hands over: with CSV_REPALL_NL every
 * line end outside a quoted field reaches on_row (lines holding only blanks
 * too, as records without fields, which are not records), and the line
 * ends inside quoted fields are in their text, counted once per record in
 * the arena (one memchr a row, not a loop a field). A record starts on the
 * line where its first field starts. The first record is the header: its
 * names are kept, and the study's columns found among them. Every later
 * record becomes a row; the text of each of its fields (up to the header's
 * count) is copied into one arena, the row's start as a 32-bit offset there
 * (half the size of a pointer, and valid while the arena grows) and each
 * cell as a 16-bit offset from its row's start.
 *
 * A big file is read in parts, several at once, by dataset_parts.c, which
 * drives loaders of this file; reading in one pass is its reference. */
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
#include <sys/stat.h>
#include <unistd.h>

#include "genretui/colmap.h"
#include "genretui/dataset.h"
#include "genretui/dataset_loader.h"
#include "genretui/threads.h"
#include "genretui/textfmt.h"

const char *const gt_column_names[GT_NCOLS] = {
#define GT_COLUMN_NAME(id, name) name,
	GT_COLUMN_LIST(GT_COLUMN_NAME)
#undef GT_COLUMN_NAME
};

static char *copy_name(const char *name);

/* Offset 0 of the arena always holds a NUL (what a failed arena_put gives). */
#define EMPTY_OFF 0

gt_status gt_loader_nomem(gt_loader *ld)
{
	if (ld->st == GT_OK)
		ld->st = gt_fail(ld->err, GT_ERR_NOMEM, "%s: out of memory",
		                 ld->name);
	return ld->st;
}

/* Bytes c among s[0..n). */
static size_t count_byte(const char *s, size_t n, char c)
{
	const char *end = s + n;
	size_t k = 0;

	while (s < end && (s = memchr(s, c, (size_t)(end - s)))) {
		k++;
		s++;
	}
	return k;
}

/* Line ends among s[0..n). */
static long newlines(const char *s, size_t n)
{
	return (long)count_byte(s, n, '\n');
}

/* Grow the arena to hold len more bytes and a NUL; its offsets must stay
 * below 4 GiB. 0, or -1 (failed). Rare: the arena starts as large as the
 * file. */
static __attribute__((noinline, cold)) int arena_grow(gt_loader *ld, size_t len)
{
	gt_dataset *ds = ld->ds;
	size_t need = ds->arena_len + len + 1, cap = ds->arena_cap;
	char *p;

	if (ld->fixed_arena)    /* a part's stretch is full (dataset_parts.c) */
		return gt_loader_nomem(ld), -1;
	if (len >= UINT32_MAX || need > UINT32_MAX) {
		if (ld->st == GT_OK)
			ld->st = gt_fail(ld->err, GT_ERR_NOMEM, "%s: too large: "
			                 "the text of the cells exceeds "
			                 "4 GiB", ld->name);
		return -1;
	}
	while (cap < need)
		cap *= 2;
	p = realloc(ds->arena, cap);
	if (!p)
		return gt_loader_nomem(ld), -1;
	ds->arena = p;
	ds->arena_cap = cap;
	return 0;
}

/* Append s[0..len) and a NUL to the arena; returns their offset, or
 * EMPTY_OFF if it failed (ld->st says why). */
static uint32_t arena_put(gt_loader *ld, const char *s, size_t len)
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
static int arena_init(gt_loader *ld, size_t len)
{
	gt_dataset *ds = ld->ds;

	ds->arena_cap = len < 4096 ? 4096 : len < UINT32_MAX - 2 ? len + 2 : UINT32_MAX;
	ds->arena = malloc(ds->arena_cap);
	if (!ds->arena)
		return gt_loader_nomem(ld);
	ds->arena[EMPTY_OFF] = '\0';
	ds->arena_len = EMPTY_OFF + 1;
	return 0;
}

/* Point ds's row arrays at row `base` of the arrays in blk, which hold
 * `stride` rows each (line first, whose alignment covers the others), with
 * room for cap rows from there. */
void gt_rows_place(gt_dataset *ds, char *blk, size_t stride, size_t base, size_t cap)
{
	long *line = (long *)(void *)blk;
	uint32_t *row_at = (uint32_t *)(void *)(line + stride);
	int *nfields = (int *)(void *)(row_at + stride);
	uint16_t *cell_at = (uint16_t *)(void *)(nfields + stride);

	ds->line = line + base;
	ds->row_at = row_at + base;
	ds->nfields = nfields + base;
	ds->cell_at = cell_at + base * (size_t)ds->ncols;
	ds->rows_cap = cap;
}

/* Move ld's rows to row `base` of blk's arrays of `stride` rows, with room
 * for cap there (> nrows), the open row's start too (row_begin wrote its
 * line and row_at, and its cells go on through ld->row_cells); blk
 * becomes ds->rows_block if owned, and the old block is freed. */
void gt_rows_move(gt_loader *ld, char *blk, size_t stride, size_t base, size_t cap,
                      int owned)
{
	gt_dataset *ds = ld->ds, old = *ds;
	size_t n = old.nrows < old.rows_cap ? old.nrows + 1 : old.nrows;

	gt_rows_place(ds, blk, stride, base, cap);
	if (n) {
		memcpy(ds->line, old.line, n * sizeof(*ds->line));
		memcpy(ds->row_at, old.row_at, n * sizeof(*ds->row_at));
		memcpy(ds->nfields, old.nfields, n * sizeof(*ds->nfields));
		memcpy(ds->cell_at, old.cell_at, n * (size_t)ds->ncols * sizeof(*ds->cell_at));
	}
	ld->row_cells = ds->cell_at + ds->nrows * (size_t)ds->ncols;
	free(old.rows_block);
	ds->rows_block = owned ? blk : NULL;
}

/* Room for cap (> nrows) rows: the four row arrays move to a block of
 * their own. */
int gt_rows_resize(gt_loader *ld, size_t cap)
{
	char *blk;

	size_t per = GT_ROW_BYTES(ld->ds->ncols);

	if (cap > SIZE_MAX / per || !(blk = malloc(cap * per)))
		return gt_loader_nomem(ld);
	gt_rows_move(ld, blk, cap, 0, cap, 1);
	return 0;
}

/* Make room for one more row (amortised doubling). */
static int rows_reserve(gt_loader *ld)
{
	gt_dataset *ds = ld->ds;

	if (ds->nrows < ds->rows_cap)
		return 0;
	return gt_rows_resize(ld, ds->rows_cap ? ds->rows_cap * 2 : ld->rows_hint);
}

/* Begin data row ds->nrows: its cells go from the arena's end; each is
 * "far" (a field the record lacks reads as "") until its field arrives. */
static int row_begin(gt_loader *ld)
{
	gt_dataset *ds = ld->ds;

	if (rows_reserve(ld))
		return -1;
	ld->row_cells = ds->cell_at + ds->nrows * (size_t)ds->ncols;
	memset(ld->row_cells, 0xFF, (size_t)ds->ncols * sizeof(*ld->row_cells));   /* GT_CELL_FAR */
	ld->row_text = ds->arena_len;
	ds->row_at[ds->nrows] = (uint32_t)ds->arena_len;
	ds->line[ds->nrows] = ld->rec_line;
	return 0;
}

static void header_field(gt_loader *ld, const char *s, size_t len)
{
	uint32_t at;

	if ((size_t)ld->nf >= ld->hdr_cap) {
		size_t cap = ld->hdr_cap ? ld->hdr_cap * 2 : 32;
		uint32_t *hdr = realloc(ld->hdr, cap * sizeof(*hdr));

		if (!hdr) {
			gt_loader_nomem(ld);
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
 * row's cells, or dropped (a surplus one). */
static void data_field(gt_loader *ld, const char *s, size_t len)
{
	int col = ld->nf < ld->ds->header_fields ? ld->nf : -1;

	if (ld->nf == 0 && row_begin(ld))
		return;
	if (col < 0) {          /* a surplus field, dropped */
		ld->line += newlines(s, len);   /* (the arena's: per record) */
	} else {                /* kept, even empty: gt_cell_far counts cells */
		uint32_t at = arena_put(ld, s, len);
		size_t from_row = at - ld->row_text;

		if (ld->st == GT_OK && from_row < GT_CELL_FAR)
			ld->row_cells[col] = (uint16_t)from_row;
	}
}

/* Any field but the commonest: the header's, a row's first, a surplus
 * one, one the arena must grow for, or any after a failure. */
static __attribute__((noinline)) void field_slow(gt_loader *ld, const char *s, size_t len)
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
 * no register need be saved around it (it runs once a field, the loader's
 * hottest code after libcsv's). */
static void on_field(void *s, size_t len, void *data)
{
	gt_loader *ld = data;
	gt_dataset *ds = ld->ds;
	unsigned nf = (unsigned)ld->nf;
	size_t at = ds->arena_len, from_row;
	char *to;

	if (nf - 1 >= (unsigned)ld->fast_last || ld->st != GT_OK ||
	    ds->arena_cap - at <= len) {
		field_slow(ld, s, len);
		return;
	}
	ld->nf = (int)nf + 1;
	to = ds->arena + at;
	to[len] = '\0';
	ds->arena_len = at + len + 1;
	from_row = at - ld->row_text;
	if (from_row < GT_CELL_FAR)
		ld->row_cells[nf] = (uint16_t)from_row;
	memcpy(to, s, len);
}

/* Line ends in the open record's fields kept in the arena so far. */
static long record_newlines(const gt_loader *ld)
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

static int column_of(const gt_loader *ld, const char *name)
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (strcmp(name, gt_colmap_column(ld->map, c)) == 0)
			return c;
	return -1;
}

/* Keep the header's names (trimmed) in one block: ds->names. 0, or -1 (no
 * memory, said in ld->st). */
static int keep_names(gt_loader *ld)
{
	gt_dataset *ds = ld->ds;
	size_t text = 0, n = (size_t)ds->ncols;
	char *at;

	for (size_t i = 0; i < n; i++)
		text += strlen(trim_name(ds->arena + ld->hdr[i])) + 1;
	ds->names = malloc(n * sizeof(*ds->names) + text);
	if (!ds->names)
		return gt_loader_nomem(ld), -1;
	at = (char *)(ds->names + n);
	for (size_t i = 0; i < n; i++) {
		const char *s = trim_name(ds->arena + ld->hdr[i]);
		size_t len = strlen(s) + 1;

		ds->names[i] = memcpy(at, s, len);
		at += len;
	}
	return 0;
}

/* Fill colmap (header field -> study column) and ds->field from the
 * header's names. */
static void map_columns(gt_loader *ld)
{
	gt_dataset *ds = ld->ds;

	for (int c = 0; c < GT_NCOLS; c++)
		ds->field[c] = -1;
	for (int i = 0; i < ds->ncols; i++) {
		int c = column_of(ld, ds->names[i]);

		ld->colmap[i] = c;
		if (c >= 0 && ds->field[c] < 0)
			ds->field[c] = i;
	}
	for (int c = 0; c < GT_NCOLS; c++)
		if (ds->field[c] < 0 && gt_column_required(c))
			ds->study_missing |= (uint32_t)1 << c;
}

/* For qsort: names by text, then by place (they lie in field order). */
static int name_cmp(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int c = strcmp(a, b);

	return c ? c : (a > b) - (a < b);
}

/* File column whose name lies at s. */
static int name_index(const gt_dataset *ds, const char *s)
{
	int lo = 0, hi = ds->ncols - 1;

	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;

		if (ds->names[mid] <= s)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* Fail if two columns have the same non-empty name: the first column
 * whose name came before, and where it came first. (Sorted, not compared
 * pair by pair: a header can have thousands of names.) */
static void check_duplicates(gt_loader *ld)
{
	const gt_dataset *ds = ld->ds;
	size_t n = (size_t)ds->ncols;
	const char **by = malloc((n ? n : 1) * sizeof(*by));
	int first = -1, second = INT_MAX;
	char shown[64];

	if (!by) {
		gt_loader_nomem(ld);
		return;
	}
	memcpy(by, ds->names, n * sizeof(*by));
	qsort(by, n, sizeof(*by), name_cmp);
	for (size_t i = 1; i < n; i++)
		if (by[i][0] && strcmp(by[i], by[i - 1]) == 0 &&
		    (i < 2 || strcmp(by[i - 1], by[i - 2]) != 0) &&
		    name_index(ds, by[i]) < second) {
			first = name_index(ds, by[i - 1]);
			second = name_index(ds, by[i]);
		}
	free(by);
	if (first < 0)
		return;
	gt_text_safe(ds->names[first], shown, sizeof(shown), 40);
	ld->st = gt_fail(ld->err, GT_ERR_COLUMN, "%s: duplicated column '%s' "
	                 "(fields %d and %d)", ld->name, shown, first + 1, second + 1);
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

/* Is file column i one of the study's? */
static int is_study_field(const gt_dataset *ds, int i)
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (ds->field[c] == i)
			return 1;
	return 0;
}

/* The header field, not a study column, that looks like column c, or -1. */
static int near_miss(const gt_dataset *ds, int c)
{
	char want[GT_COLMAP_NAME], got[GT_COLMAP_NAME];

	fold_name(gt_column_name(ds, (gt_column)c), want, sizeof(want));
	for (int i = 0; i < ds->ncols; i++) {
		if (is_study_field(ds, i))
			continue;
		fold_name(ds->names[i], got, sizeof(got));
		if (strcmp(want, got) == 0)
			return i;
	}
	return -1;
}

/* Bytes of the header's names listed in a missing-columns message. */
#define HEADER_LIST_MAX 280

/* The header's names, escaped, as "a, b, c" (cut with ", ..." when long). */
static void header_list(const gt_dataset *ds, strbuf *b)
{
	char shown[64];
	size_t start = b->len;

	for (int i = 0; i < ds->ncols; i++) {
		gt_text_safe(ds->names[i], shown, sizeof(shown), 40);
		if (b->len - start + strlen(shown) + 2 > HEADER_LIST_MAX) {
			sb_add(b, ", ...");
			return;
		}
		sb_add(b, "%s'%s'", i ? ", " : "", shown);
	}
}

/* A required or mapped column the header lacks, into the list; its
 * look-alike in the header, if any, into the hint. */
static void missing_one(const gt_dataset *ds, int c, strbuf *b, strbuf *h)
{
	char shown[64];
	int i;

	gt_text_safe(gt_column_name(ds, (gt_column)c), shown, sizeof(shown), 40);
	if (ds->colname[c])
		sb_add(b, "%s%s (mapped to '%s', which the header lacks)",
		       b->len ? ", " : "", gt_column_names[c], shown);
	else
		sb_add(b, "%s%s", b->len ? ", " : "", gt_column_names[c]);
	i = near_miss(ds, c);
	if (i < 0)
		return;
	gt_text_safe(ds->names[i], shown, sizeof(shown), 40);
	sb_add(h, "%sfield %d is '%s'", h->len ? ", " : " (", i + 1, shown);
}

/* Fail naming every required (or mapped) column the header lacks; then the
 * header's look-alikes of those names, if any, --map, and the header's
 * names (shown escaped: they are data). GT_OK if none is missing. */
static gt_status check_missing(const gt_dataset *ds, const char *name, gt_error *err)
{
	char list[GT_ERROR_MAX], hint[GT_ERROR_MAX], have[GT_ERROR_MAX];
	strbuf b = { list, sizeof(list), 0 }, h = { hint, sizeof(hint), 0 };
	strbuf f = { have, sizeof(have), 0 };

	list[0] = hint[0] = have[0] = '\0';
	for (int c = 0; c < GT_NCOLS; c++)
		if (ds->field[c] < 0 && (gt_column_required(c) || ds->colname[c]))
			missing_one(ds, c, &b, &h);
	if (!b.len)
		return GT_OK;
	if (h.len)
		sb_add(&h, ": names must match exactly)");
	header_list(ds, &f);
	return gt_fail(err, GT_ERR_COLUMN, "%s: missing columns: %s%s; "
	               "name them with --map FIELD=COLUMN; the file's columns: %s",
	               name, list, hint, have);
}

gt_status gt_dataset_require_study(const gt_dataset *ds, gt_error *err)
{
	char name[GT_NAME_SHOWN + 16];

	if (!ds->study_missing)
		return GT_OK;
	gt_text_safe(ds->path ? ds->path : "(buffer)", name, sizeof(name), GT_NAME_SHOWN);
	return check_missing(ds, name, err);
}

const char *gt_column_label(const gt_dataset *ds, int j, char *out, size_t outsz,
                            size_t width)
{
	if (j < 0 || j >= ds->ncols || !ds->names[j][0])
		snprintf(out, outsz, "#%d", j + 1);
	else
		gt_text_safe(ds->names[j], out, outsz, width);
	return out;
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

/* A header with none of the study's columns that holds bytes no text
 * does: the file is not CSV at all (an image, an archive...), so say that. */
static int binary_header(gt_loader *ld)
{
	const gt_dataset *ds = ld->ds;

	for (int c = 0; c < GT_NCOLS; c++)
		if (ds->field[c] >= 0)
			return 0;
	for (int i = 0; i < ds->ncols; i++) {
		const char *name = ds->names[i];
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

/* Remember the file's names of the mapped columns, for messages. */
static void keep_mapped_names(gt_loader *ld)
{
	for (int c = 0; c < GT_NCOLS && ld->st == GT_OK; c++)
		if (gt_colmap_mapped(ld->map, c) &&
		    !(ld->ds->colname[c] = copy_name(gt_colmap_column(ld->map, c))))
			gt_loader_nomem(ld);
}

/* A column --map names that the header lacks fails the loading (with
 * every study column missing named, as gt_dataset_require_study does). */
static void check_mapped(gt_loader *ld)
{
	const gt_dataset *ds = ld->ds;

	for (int c = 0; c < GT_NCOLS; c++)
		if (ds->field[c] < 0 && ds->colname[c]) {
			ld->st = check_missing(ds, ld->name, ld->err);
			return;
		}
}

/* The header record has ended: keep its names and find the study's
 * columns among them, then forget its text. Rows of many columns start
 * with fewer of them in the first row block. */
static void end_header(gt_loader *ld)
{
	gt_dataset *ds = ld->ds;

	ld->header_done = 1;
	ds->header_fields = ds->ncols = ld->nf;
	ld->fast_last = ld->nf - 1;
	if (ds->ncols > 64)
		ld->rows_hint = ld->rows_hint / (size_t)ds->ncols * 64 + 64;
	ld->colmap = malloc((size_t)ld->nf * sizeof(*ld->colmap) + 1);
	if (!ld->colmap || keep_names(ld) != 0) {
		gt_loader_nomem(ld);
		return;
	}
	map_columns(ld);
	keep_mapped_names(ld);
	if (ld->st == GT_OK && !binary_header(ld))
		check_duplicates(ld);
	if (ld->st == GT_OK)
		check_mapped(ld);
	ds->arena_len = EMPTY_OFF + 1;
}

/* libcsv end-of-record callback: c is the terminator (-1 at the end of
 * the input). A record without fields is a line end between records. */
static void on_row(int c, void *data)
{
	gt_loader *ld = data;

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

/* ---- Where an error is ----
 *
 * libcsv does not say where in the input the open field began, so the line
 * of an error is found from the input itself: 1 + the line ends before the
 * byte libcsv stopped at. A buffer is at hand (ld->whole) and a regular
 * file is read again (ld->fd); other input (a pipe) cannot be, so its line
 * ends are counted as it is fed (ld->lines_fed). */

/* Line ends among bytes [from, to) of fd. */
static long file_newlines(int fd, off_t from, off_t to)
{
	char buf[4096];
	long k = 0;

	while (from < to) {
		size_t want = to - from < (off_t)sizeof(buf) ? (size_t)(to - from) : sizeof(buf);
		ssize_t n = pread(fd, buf, want, from);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		k += newlines(buf, (size_t)n);
		from += n;
	}
	return k;
}

/* The line of the input byte at offset ld->fed + k, where s[0..k) are the
 * bytes just before it in the block being fed. */
static long line_at(const gt_loader *ld, const char *s, size_t k)
{
	if (ld->whole)
		return 1 + newlines(ld->whole + ld->origin, (size_t)(ld->fed - ld->origin) + k);
	if (ld->fd >= 0)
		return 1 + file_newlines(ld->fd, ld->origin, ld->fed + (off_t)k);
	return 1 + ld->lines_fed + newlines(s, k);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';        /* (libcsv's spaces) */
}

/* libcsv stopped at s[k] in strict mode: after a quoted field's closing
 * quote (and blanks), at a byte that is no delimiter, line end or quote
 * ("a"x, or "a" "), rather than at a quote inside an unquoted field (a"b)?
 * The first fails on a byte that is not a quote, or on a quote whose last
 * byte before that is not blank is the closing quote; an unquoted field
 * holds no quote before the one it fails on. */
static int after_closing_quote(const gt_loader *ld, const char *s, size_t k)
{
	char prev = ld->last_nonblank;

	if (s[k] != '"')
		return 1;
	while (k > 0 && is_blank(s[k - 1]))
		k--;
	if (k > 0)
		prev = s[k - 1];
	return prev == '"';
}

/* Note what the blocks fed hold that an error's message needs: s[0..n)
 * was fed whole. */
static void fed_block(gt_loader *ld, const char *s, size_t n)
{
	size_t k = n;

	while (k > 0 && is_blank(s[k - 1]))
		k--;
	if (k > 0)
		ld->last_nonblank = s[k - 1];
	if (!ld->whole && ld->fd < 0)
		ld->lines_fed += newlines(s, n);
	ld->fed += (off_t)n;
}

/* " (field 3, column 'tempo')": where in the record a syntax error is. */
static void where_field(const gt_loader *ld, char *buf, size_t n)
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

/* csv_parse stopped early, at s[k], the byte it could not take: say why. */
static void parse_error(gt_loader *ld, const char *s, size_t k)
{
	char where[96];
	const char *what;
	int err = csv_error(&ld->p);

	if (err == CSV_ENOMEM) {
		gt_loader_nomem(ld);
		return;
	}
	if (err == CSV_ETOOBIG)
		what = "field too large";
	else if (after_closing_quote(ld, s, k))
		what = "text after the closing quote of a quoted field"
		       " (a quote inside one must be doubled)";
	else
		what = "quote character inside an unquoted field";
	where_field(ld, where, sizeof(where));
	ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: malformed CSV: %s%s",
	                 ld->name, line_at(ld, s, k), what, where);
}

/* A NUL byte is next: no CSV text holds one. */
static void nul_error(gt_loader *ld)
{
	char where[96];

	where_field(ld, where, sizeof(where));
	ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: not a CSV text file: "
	                 "a NUL byte%s", ld->name, line_at(ld, NULL, 0), where);
}

/* libcsv grows a field's buffer by a fixed block (128 bytes) per step,
 * which makes a long field's reallocations, each possibly copying, grow
 * with the square of its length. Growing the block with the buffer makes
 * that geometric. */
static void grow_field(gt_loader *ld)
{
	size_t size = csv_get_buffer_size(&ld->p);

	if (size > ld->blk_size) {
		csv_set_blk_size(&ld->p, size);
		ld->blk_size = size;
	}
}

/* Note a CRLF line end in s[0..n) (only whether there is one). */
static void see_crlf(gt_loader *ld, const char *s, size_t n)
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
static void feed_block(gt_loader *ld, const char *s, size_t n)
{
	size_t k;

	see_crlf(ld, s, n);
	grow_field(ld);
	k = csv_parse(&ld->p, s, n, on_field, on_row, ld);
	if (k < n && ld->st == GT_OK)
		parse_error(ld, s, k);
	else
		fed_block(ld, s, n);
}

/* The first bytes of the input: skip a UTF-8 byte-order mark, refuse
 * UTF-16 (whose text is full of NUL bytes) with a message that says so.
 * Returns the bytes to skip. */
static size_t begin_input(gt_loader *ld, const char *buf, size_t len)
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

/* Feed the next len bytes of input, GT_READ_BLOCK bytes at a time; stop at
 * a NUL byte. */
void gt_loader_feed(gt_loader *ld, const char *buf, size_t len)
{
	size_t skip = !ld->started && len ? begin_input(ld, buf, len) : 0;

	buf += skip;
	len -= skip;
	ld->fed += (off_t)skip;
	while (len && ld->st == GT_OK) {
		size_t n = len < GT_READ_BLOCK ? len : GT_READ_BLOCK;
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

/* A parser from a clean state. Empty unquoted fields must reach us as "",
 * not NULL: no CSV_EMPTY_IS_NULL. Every line end reaches on_row:
 * CSV_REPALL_NL. csv_init cannot fail for a non-NULL parser. */
static void parser_init(gt_loader *ld)
{
	csv_init(&ld->p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
	/* Our realloc, not the one libcsv was linked with: the same allocator
	 * as the rest of the loader (and the one tests can make fail). */
	csv_set_realloc_func(&ld->p, realloc);
	csv_set_free_func(&ld->p, free);
}

gt_status gt_loader_begin(gt_loader *ld, gt_dataset *ds, const char *name,
                          const gt_colmap *map, size_t size, gt_error *err)
{
	memset(ld, 0, sizeof(*ld));
	memset(ds, 0, sizeof(*ds));
	gt_error_clear(err);
	ld->ds = ds;
	ld->err = err;
	ld->map = map;
	ld->line = 1;
	ld->rows_hint = size / 64 + 1024;
	ld->fd = -1;
	parser_init(ld);
	ds->path = copy_name(name ? name : "(buffer)");
	gt_text_safe(name ? name : "(buffer)", ld->name, sizeof(ld->name),
	             GT_NAME_SHOWN);
	if (!ds->path)
		return ld->st = gt_fail(err, GT_ERR_NOMEM, "%s: out of memory",
		                        ld->name);
	return arena_init(ld, size);
}

/* Finish the last record and check that there was a header at all. */
static void finish(gt_loader *ld)
{
	if (ld->finished)
		return;
	ld->finished = 1;
	if (ld->st == GT_OK && csv_fini(&ld->p, on_field, on_row, ld) != 0)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: malformed CSV: "
		                 "unterminated quoted field", ld->name,
		                 ld->line + record_newlines(ld));
	if (ld->st == GT_OK && !ld->header_done)
		ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s: empty file",
		                 ld->name);
}

void gt_loader_begin_part(gt_loader *ld, gt_dataset *ds, gt_error *err,
                          const gt_loader *a, size_t from)
{
	memset(ds, 0, sizeof(*ds));
	*ld = (gt_loader){ .ds = ds, .err = err, .started = 1, .line = 1,
	                   .header_done = 1, .fixed_arena = 1, .colmap = a->colmap,
	                   .fast_last = a->fast_last, .map = a->map, .fd = a->fd,
	                   .origin = (off_t)from, .fed = (off_t)from,
	                   .rows_hint = GT_READ_BLOCK / 64 };
	memcpy(ld->name, a->name, sizeof(ld->name));
	parser_init(ld);
	ds->header_fields = ds->ncols = a->ds->ncols;
	ds->arena = a->ds->arena;
	ds->arena_len = from + 1;
	ds->arena_cap = a->ds->arena_cap;
}

int gt_loader_fini(gt_loader *ld)
{
	return csv_fini(&ld->p, on_field, on_row, ld) == 0 ? 0 : -1;
}

void gt_loader_free_part(gt_loader *ld)
{
	csv_free(&ld->p);
	free(ld->hdr);
	free(ld->ds->rows_block);
}

gt_status gt_loader_end(gt_loader *ld)
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
	gt_loader ld;

	if (gt_loader_begin(&ld, ds, name, map, len, err) == GT_OK) {
		ld.whole = buf;
		gt_loader_feed(&ld, buf, len);
	}
	return gt_loader_end(&ld);
}

gt_status gt_dataset_parse(gt_dataset *ds, const char *buf, size_t len,
                           const char *name, gt_error *err)
{
	return gt_dataset_parse_mapped(ds, buf, len, name, NULL, err);
}

/* Cell j is the row's j-th string: the walk starts from the nearest cell
 * before it that has an offset. */
const char *gt_cell_far(const gt_dataset *ds, size_t r, int j)
{
	const uint16_t *at = ds->cell_at + r * (size_t)ds->ncols;
	const char *s = ds->arena + ds->row_at[r];
	int k = j;

	if (j < 0 || j >= ds->ncols || j >= ds->nfields[r])
		return "";
	while (k > 0 && at[k] == GT_CELL_FAR)
		k--;
	s += at[k] == GT_CELL_FAR ? 0 : at[k];
	for (; k < j; k++)
		s += strlen(s) + 1;
	return s;
}

const char *gt_row_text(const gt_dataset *ds, size_t r, size_t *len)
{
	int last = ds->nfields[r] < ds->ncols ? ds->nfields[r] - 1 : ds->ncols - 1;
	const char *s;

	*len = 0;
	if (last < 0)
		return NULL;
	s = gt_cell_col(ds, r, last);
	*len = (size_t)(s + strlen(s) - (ds->arena + ds->row_at[r]));
	return ds->arena + ds->row_at[r];
}

size_t gt_dataset_row_of_line(const gt_dataset *ds, long line)
{
	size_t lo = 0, hi = ds->nrows;   /* answer in [lo, hi) */

	if (ds->nrows == 0 || line < ds->line[0])
		return GT_NO_ROW;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (ds->line[mid] <= line)
			lo = mid;
		else
			hi = mid;
	}
	if (lo == ds->nrows - 1 && line != ds->line[lo])
		return GT_NO_ROW;    /* past the last record (its end is not known) */
	return lo;
}

void gt_dataset_free(gt_dataset *ds)
{
	if (!ds)
		return;
	free(ds->path);
	free(ds->names);
	free(ds->rows_block);
	free(ds->arena);
	for (int c = 0; c < GT_NCOLS; c++)
		free(ds->colname[c]);
	memset(ds, 0, sizeof(*ds));
}

/* Open path for reading; -1 (err set) if it can't be or is a directory.
 * *sb is its status. */
static int open_input(const char *path, struct stat *sb, gt_error *err)
{
	char name[GT_NAME_SHOWN + 16];
	int fd;

	gt_text_safe(path, name, sizeof(name), GT_NAME_SHOWN);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
		return -1;
	}
	if (fstat(fd, sb) != 0)
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
	else if (S_ISDIR(sb->st_mode))
		gt_fail(err, GT_ERR_IO, "%s: is a directory", name);
	else
		return fd;
	close(fd);
	return -1;
}

/* The file is never held whole: it is fed a block at a time. */
size_t gt_loader_feed_fd(gt_loader *ld, int fd, off_t at, size_t limit, char *block,
                         size_t *quotes)
{
	size_t done = 0;

	if (at >= 0)
		ld->fed = at;
	while (ld->st == GT_OK && done < limit) {
		size_t want = limit - done < GT_READ_BLOCK ? limit - done : GT_READ_BLOCK;
		ssize_t n = at >= 0 ? pread(fd, block, want, at + (off_t)done)
		                    : read(fd, block, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			ld->st = gt_fail(ld->err, GT_ERR_IO, "%s: %s", ld->name,
			                 strerror(errno));
		if (n <= 0)
			break;
		if (quotes)
			*quotes += count_byte(block, (size_t)n, '"');
		gt_loader_feed(ld, block, (size_t)n);
		done += (size_t)n;
	}
	return done;
}

/* Feed all of fd (size bytes): a big file in parts (dataset_parts.c),
 * else in one pass. Returns the bytes read that the rows come from. */
static size_t feed_file(gt_loader *ld, int fd, size_t size, size_t part_bytes)
{
	char *block = malloc(GT_READ_BLOCK);
	size_t got;

	if (!block)
		return gt_loader_nomem(ld), 0;
	if (part_bytes && size >= 2 * part_bytes)
		got = gt_parts_feed_file(ld, fd, size, part_bytes, block);
	else
		got = gt_loader_feed_fd(ld, fd, -1, SIZE_MAX, block, NULL);
	free(block);
	return got;
}

/* A regular file truncated, emptied, rewritten or grown while it was read
 * would give rows that were never in it whole (a cut last row, a part of
 * the rows): its size or modification time differ after the reading from
 * before, or (with no other failure) the bytes read differ from its size.
 * That failure then replaces any other, which the change may have caused
 * (e.g. an unterminated quote where the file was cut). */
static void check_unchanged(gt_loader *ld, int fd, const struct stat *before, size_t got)
{
	struct stat after;

	if (!S_ISREG(before->st_mode) || fstat(fd, &after) != 0)
		return;
	if (after.st_size == before->st_size &&
	    after.st_mtim.tv_sec == before->st_mtim.tv_sec &&
	    after.st_mtim.tv_nsec == before->st_mtim.tv_nsec &&
	    (ld->st != GT_OK || got == (size_t)before->st_size ||
	     before->st_size == 0))     /* (a /proc file: its size says nothing) */
		return;
	ld->st = gt_fail(ld->err, GT_ERR_IO, "%s: the file changed while it was read "
	                 "(%lld bytes when opened, %zu read, %lld now): load it "
	                 "again once it is complete", ld->name,
	                 (long long)before->st_size, got, (long long)after.st_size);
}

/* Load path, a big file in parts of part_bytes (0: in one pass) read by
 * up to `threads` threads (<= 0: every CPU). */
static gt_status load_file(gt_dataset *ds, const char *path, const gt_colmap *map,
                           size_t part_bytes, int threads, gt_error *err)
{
	gt_loader ld;
	struct stat sb;
	size_t size, got;
	int fd;

	memset(ds, 0, sizeof(*ds));
	fd = open_input(path, &sb, err);
	if (fd < 0)
		return GT_ERR_IO;       /* open_input failed and said why */
	size = S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
	if (gt_loader_begin(&ld, ds, path, map, size, err) == GT_OK) {
		ld.threads = gt_threads_resolve(threads);
		ld.fd = S_ISREG(sb.st_mode) ? fd : -1;
		got = feed_file(&ld, fd, size, part_bytes);
		finish(&ld);
		check_unchanged(&ld, fd, &sb, got);
	}
	close(fd);
	return gt_loader_end(&ld);
}

gt_status gt_dataset_load_parts(gt_dataset *ds, const char *path, const gt_colmap *map,
                                size_t part_bytes, gt_error *err)
{
	return load_file(ds, path, map, part_bytes, 0, err);
}

/* One thread reads in one pass: parts pay only when read side by side. */
gt_status gt_dataset_load_mapped(gt_dataset *ds, const char *path,
                                 const gt_colmap *map, int threads, gt_error *err)
{
	size_t part_bytes = gt_threads_resolve(threads) > 1 ? GT_LOAD_PART : 0;

	return load_file(ds, path, map, part_bytes, threads, err);
}

gt_status gt_dataset_load(gt_dataset *ds, const char *path, gt_error *err)
{
	return gt_dataset_load_mapped(ds, path, NULL, 0, err);
}
