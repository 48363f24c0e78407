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
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "genretui/colmap.h"
#include "genretui/dataset.h"
#include "genretui/textfmt.h"

const char *const gt_column_names[GT_NCOLS] = {
#define GT_COLUMN_NAME(id, name) name,
	GT_COLUMN_LIST(GT_COLUMN_NAME)
#undef GT_COLUMN_NAME
};

static char *copy_name(const char *name);

/* Offset 0 of the arena always holds a NUL: empty and absent cells use it. */
#define EMPTY_OFF 0

/* Block size for reading files, and the most fed to libcsv at once (see
 * grow_field). */
#define READ_BLOCK 65536

/* Bytes of the file's name shown in messages (escaped: names come from the
 * command line, and a file name can hold control characters). */
#define NAME_SHOWN 200

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
	const gt_colmap *map;   /* the header name of each column (NULL: its own) */
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
	ld->colmap = malloc((size_t)ld->nf * sizeof(*ld->colmap) + 1);
	if (!ld->colmap) {
		nomem(ld);
		return;
	}
	map_columns(ld, seen);
	memcpy(ld->ds->field, seen, sizeof(ld->ds->field));
	keep_mapped_names(ld);
	if (ld->st == GT_OK && !binary_header(ld, seen))
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
	} else if (ld->nf > 0 || row_begin(ld) == 0) {
		/* (a record always has a field; the check keeps nfields safe) */
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
		snprintf(buf, n, " (field %ld, column '%s')", ld->nf + 1L,
		         gt_column_names[col]);
	else
		snprintf(buf, n, " (field %ld)", ld->nf + 1L);
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
	                 ld->name, ld->line, what, where);
}

/* A NUL byte is next on the current line: no CSV text holds one. */
static void nul_error(loader *ld)
{
	char where[96];

	where_field(ld, where, sizeof(where));
	ld->st = gt_fail(ld->err, GT_ERR_CSV, "%s:%ld: not a CSV text file: "
	                 "a NUL byte%s", ld->name,
	                 ld->line + (ld->line_start ? 1 : 0), where);
}

/* libcsv grows a field's buffer by a fixed block (128 bytes) per step, so
 * a 10 MB field would cost ~80,000 reallocations, each possibly copying.
 * Growing the block with the buffer makes that geometric. */
static void grow_field(struct csv_parser *p)
{
	if (p->entry_size > p->blk_size)
		csv_set_blk_size(p, p->entry_size);
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

/* Feed the next len bytes of input, a line (or READ_BLOCK bytes of a
 * longer one) at a time; stop at a NUL byte. */
static void feed(loader *ld, const char *buf, size_t len)
{
	size_t skip = !ld->started && len ? begin_input(ld, buf, len) : 0;

	buf += skip;
	len -= skip;
	while (len && ld->st == GT_OK) {
		size_t max = len < READ_BLOCK ? len : READ_BLOCK;
		const char *nl = memchr(buf, '\n', max);
		size_t n = nl ? (size_t)(nl - buf) + 1 : max;
		const char *nul = memchr(buf, '\0', n);

		if (nul && nul > buf)
			feed_piece(ld, buf, (size_t)(nul - buf));
		if (nul && ld->st == GT_OK)
			nul_error(ld);
		if (nul)
			return;
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
	ld->line_start = 1;
	ld->rows_hint = size / 64 + 1024;
	/* Empty unquoted fields must reach us as "", not NULL: no
	 * CSV_EMPTY_IS_NULL. csv_init cannot fail for a non-NULL parser. */
	csv_init(&ld->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
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
		                 ld->field_line);
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
	if (ld->st == GT_OK)
		fix_cells(ld->ds);
	else
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

void gt_dataset_free(gt_dataset *ds)
{
	if (!ds)
		return;
	free(ds->path);
	free(ds->cells);
	free(ds->line);
	free(ds->nfields);
	free(ds->arena);
	for (int c = 0; c < GT_NCOLS; c++)
		free(ds->colname[c]);
	memset(ds, 0, sizeof(*ds));
}

/* Open path for reading; NULL (err set) if it can't be or is a directory.
 * *size is its size if it is a regular file, else 0. */
static FILE *open_input(const char *path, size_t *size, gt_error *err)
{
	char name[NAME_SHOWN + 16];
	struct stat sb;
	FILE *f;

	gt_text_safe(path, name, sizeof(name), NAME_SHOWN);
	f = fopen(path, "rb");
	if (!f) {
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &sb) != 0)
		gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(errno));
	else if (S_ISDIR(sb.st_mode))
		gt_fail(err, GT_ERR_IO, "%s: is a directory", name);
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
		ld->st = gt_fail(ld->err, GT_ERR_IO, "%s: %s", ld->name,
		                 strerror(errno));
	free(block);
}

gt_status gt_dataset_load_mapped(gt_dataset *ds, const char *path,
                                 const gt_colmap *map, gt_error *err)
{
	loader ld;
	size_t size = 0;
	FILE *f;

	memset(ds, 0, sizeof(*ds));
	f = open_input(path, &size, err);
	if (!f)
		return GT_ERR_IO;       /* open_input failed and said why */
	if (load_begin(&ld, ds, path, size, err) == GT_OK) {
		ld.map = map;
		feed_file(&ld, f);
	}
	fclose(f);
	return load_end(&ld);
}

gt_status gt_dataset_load(gt_dataset *ds, const char *path, gt_error *err)
{
	return gt_dataset_load_mapped(ds, path, NULL, err);
}
