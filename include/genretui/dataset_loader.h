/* dataset_loader.h: the CSV loader's state, shared by its two files and by
 * the tests; not for other modules (they use dataset.h).
 *
 * src/core/dataset_load.c is the plain loader: libcsv's callbacks, the header,
 * the error messages, reading a buffer or a file in one pass.
 * src/core/dataset_parts.c reads a big file in parts, each by a loader of its own,
 * and joins their rows; the plain loader is its reference
 * (tests/test_dataset.c checks that both give the same datasets). */
#ifndef GENRETUI_DATASET_LOADER_H
#define GENRETUI_DATASET_LOADER_H

#include <csv.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "genretui/colmap.h"
#include "genretui/dataset.h"

/* Block size for reading files, and the most fed to libcsv at once. */
#define GT_READ_BLOCK 65536

/* Bytes of the file's name shown in messages (escaped: names come from the
 * command line, and a file name can hold control characters). */
#define GT_NAME_SHOWN 200

/* Bytes a row of ncols columns takes in the row arrays: its line, row_at,
 * nfields and cells. */
#define GT_ROW_BYTES(ncols) (sizeof(long) + sizeof(uint32_t) + sizeof(int) + \
                             (size_t)(ncols) * sizeof(uint16_t))

typedef struct {
	struct csv_parser p;
	size_t blk_size;     /* libcsv's growth step for a field's buffer */
	gt_dataset *ds;
	gt_error *err;
	gt_status st;        /* first failure, met in a callback or feeding */
	int started;         /* input has begun (the BOM check is done) */
	int last_cr;         /* the last byte fed was a CR */
	char last_nonblank;  /* the last byte fed that is not a space or tab */
	/* Where the input can be read again, to find an error's line: */
	const char *whole;   /* the input, when it is a buffer (else NULL) */
	int fd;              /* else a regular file, read again with pread
	                        (-1: it cannot be, and lines_fed is kept) */
	off_t origin;        /* offset of the input's line 1 (a part's start) */
	off_t fed;           /* offset of the next byte to feed */
	long lines_fed;      /* line ends among the bytes fed (fd -1 only) */
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
	int finished;        /* the input has ended (finish has run) */
	int fixed_arena;     /* the arena is shared: it may not move */
	uint32_t *hdr;       /* header field i -> arena offset of its name */
	size_t hdr_cap;
	int *colmap;         /* header field i -> gt_column, or -1 (for messages) */
	const gt_colmap *map;   /* the header name of each column (NULL: its own) */
	uint16_t *row_cells; /* the open data row's cells (ds->cell_at) */
	size_t rows_hint;    /* first row capacity, guessed from the size */
	int threads;         /* threads that read a file's parts (1 if < 1) */
	char name[GT_NAME_SHOWN + 16];   /* ds->path made safe for messages */
} gt_loader;

/* Start loading input of about size bytes into ds, named name (NULL: a
 * buffer), with columns named by map. GT_OK, or why not (in ld->st too). */
gt_status gt_loader_begin(gt_loader *ld, gt_dataset *ds, const char *name,
                          const gt_colmap *map, size_t size, gt_error *err);

/* Start ld on a stretch of input that begins between two records, after
 * the header that `a` has read: rows of its own, text into a's arena from
 * offset `from` + 1 on (a never writes there: see dataset_parts.c). */
void gt_loader_begin_part(gt_loader *ld, gt_dataset *ds, gt_error *err,
                          const gt_loader *a, size_t from);

/* Feed the next len bytes of input; stops at a NUL byte (an error). */
void gt_loader_feed(gt_loader *ld, const char *buf, size_t len);

/* Feed fd from offset `at` with pread (at >= 0) or from where fd stands,
 * in blocks of GT_READ_BLOCK bytes (block), until `limit` bytes or the
 * end; add the quote characters read to *quotes (if not NULL). Returns the
 * bytes fed. */
size_t gt_loader_feed_fd(gt_loader *ld, int fd, off_t at, size_t limit, char *block,
                         size_t *quotes);

/* The input has ended: hand over the open record. 0, or -1 if a quoted
 * field is left open (ld->st is not set: the caller says it). */
int gt_loader_fini(gt_loader *ld);

/* Finish (the last record, the header check) and free the loader; on
 * failure the dataset too. Returns ld->st. */
gt_status gt_loader_end(gt_loader *ld);

/* Free what a part's loader holds (not the shared arena nor colmap). */
void gt_loader_free_part(gt_loader *ld);

/* Note that memory ran out (the first failure is kept); returns ld->st. */
gt_status gt_loader_nomem(gt_loader *ld);

/* Point ds's row arrays at row `base` of the arrays in blk, which hold
 * `stride` rows each, with room for cap rows from there. */
void gt_rows_place(gt_dataset *ds, char *blk, size_t stride, size_t base, size_t cap);

/* Move ld's rows (the open one too) to row `base` of blk's arrays of
 * `stride` rows, with room for cap (> nrows) there; blk becomes
 * ds->rows_block if owned, and the old block is freed. */
void gt_rows_move(gt_loader *ld, char *blk, size_t stride, size_t base, size_t cap,
                  int owned);

/* Room for cap (> nrows) rows in a block of ld's own; 0, or -1 (no
 * memory, said in ld->st). */
int gt_rows_resize(gt_loader *ld, size_t cap);

/* Feed all of fd (size bytes, read from where it stands, its start) to
 * ld, in parts of about part_bytes read ld->threads at once
 * (dataset_parts.c). Returns the bytes read that the rows come from: size,
 * unless the file changed while it was read (or ld failed). */
size_t gt_parts_feed_file(gt_loader *ld, int fd, size_t size, size_t part_bytes,
                          char *block);

/* gt_dataset_load_mapped on every CPU, with a file of 2 * part_bytes or
 * more read in parts of part_bytes (0: in one pass, the plain reference).
 * For tests. */
gt_status gt_dataset_load_parts(gt_dataset *ds, const char *path, const gt_colmap *map,
                                size_t part_bytes, gt_error *err);

#endif
