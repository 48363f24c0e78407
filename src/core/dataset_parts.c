/* dataset_parts.c: read a big CSV file in parts, several at once, with loaders
 * of dataset_load.c, and join their rows; what one loader reading the file
 * in one pass gives is the reference (tests/test_dataset.c).
 *
 * The file is cut into parts of about part_bytes, each cut after a line
 * end. Once the header is read, the loading thread and its helpers
 * (ld->threads - 1 of them) take the parts one after another, each part
 * parsed by a loader of its own, from a clean libcsv parser, into rows of
 * its own and into its own stretch of the arena (the text of n bytes of
 * input takes at most n + 1 bytes of it); the loading thread's own loader
 * has part 0. Parts are taken as they come, not
 * as fixed shares, so that every thread stays busy to the end even when
 * one is slowed (a page fault, a busy CPU).
 *
 * A part parsed from a clean parser gives the rows one loader would only
 * if its cut lies between two records, which a line end does unless it is
 * inside a quoted field. In CSV as libcsv reads it in strict mode, quote
 * characters come only as a field's opening and closing quotes and as
 * doubled quotes inside a quoted field, so a line end in text parsed
 * without error is inside a quoted field exactly when an odd number of
 * quote characters comes before it. Each part counts its quotes as it
 * reads. Then the parts are joined in order: part i's rows are appended
 * (their line numbers moved on) if no loader failed and the quotes before
 * both of its ends are even in number. At the first part that cannot be
 * (a cut inside a quoted field, or an error), the rest is dropped and the
 * first loader goes on alone from that part's start, which gives every
 * message exactly as one loader reading the whole file would. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genretui/dataset_loader.h"
#include "genretui/threads.h"

/* Bytes read first from a file parsed in parts (or part_bytes, if fewer):
 * the header's line fits in them, else more follow until it has ended. */
#define HEADER_BLOCK 4096

/* At most this many parts. */
#define PARTS_MAX 64

typedef struct {
	gt_loader ld;        /* the part's loader ... */
	gt_dataset ds;       /* ... its rows (the arena is the first loader's) */
	gt_error err;
	off_t from, to;      /* its bytes: [from, to); the last goes to the end */
	size_t quotes;       /* quote characters among the bytes it read */
	size_t got;          /* bytes it read */
} part;

typedef struct {
	part *parts;         /* [1, n): part 0 is the first loader's, which ends
	                        where part 1 begins */
	int n;
	size_t quotes;       /* quote characters the first loader read (the
	                        header and part 0) */
	size_t got;          /* bytes read of the parts joined so far, part 0
	                        and the header included */
	char *slab;          /* row arrays of slab_rows rows, where each part,
	                        the first loader's too, has room at first (NULL:
	                        none; then each allocates its own) */
	size_t slab_rows;
	gt_queue queue;      /* the parts not yet taken */
	int fd;
	int nhelpers;        /* helpers started: helper[0..nhelpers-1] */
	gt_thread helper[GT_THREADS_MAX];
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

/* Start part pt's loader on bytes [from, to), after a's header. */
static void part_init(part *pt, const gt_loader *a, off_t from, off_t to)
{
	memset(pt, 0, sizeof(*pt));
	pt->from = from;
	pt->to = to;
	gt_loader_begin_part(&pt->ld, &pt->ds, &pt->err, a, (size_t)from);
	pt->ld.rows_hint = (size_t)(to - from) / 64 + 1024;
}

/* Rows a part of n bytes has room for at first in the slab, for rows of
 * about `per` bytes: an eighth more, and 64. A part with more rows moves
 * them to a block of its own (gt_rows_resize), and the join copies them. */
static size_t part_rows(size_t n, size_t per)
{
	return n / per + n / per / 8 + 64;
}

/* One block for the row arrays of every part, a's (part 0) included, a
 * stretch of rows each, sized from the bytes a row took in the done bytes
 * a read first (100 if that was under 8 rows). A part that keeps to its
 * stretch never has arrays of its own (its rows_block stays NULL), and
 * parts_join then moves its rows down where they lie: no page is written
 * that the rows do not need, since a page's first write is costly. */
static void parts_slab(parts *ps, gt_loader *a, size_t done)
{
	gt_dataset *ds = a->ds;
	size_t per = ds->nrows >= 8 ? done / (ds->nrows + 1) : 100, rows, at;
	size_t cap[PARTS_MAX];         /* [i]: part i's rows in the slab */

	per = per < 16 ? 16 : per;
	rows = part_rows((size_t)ps->parts[1].from, per);
	rows = rows > ds->nrows ? rows : ds->nrows + 1;
	at = rows;
	for (int i = 1; i < ps->n; i++) {
		cap[i] = part_rows((size_t)(ps->parts[i].to - ps->parts[i].from), per);
		rows += cap[i];
	}
	if (rows > SIZE_MAX / GT_ROW_BYTES(ds->ncols) ||
	    !(ps->slab = malloc(rows * GT_ROW_BYTES(ds->ncols))))
		return;
	ps->slab_rows = rows;
	gt_rows_move(a, ps->slab, rows, 0, at, 0);
	for (int i = 1; i < ps->n; i++) {
		gt_rows_place(&ps->parts[i].ds, ps->slab, rows, at, cap[i]);
		at += cap[i];
	}
}

/* Cut bytes [done, size) of fd into parts of about part_bytes after a's
 * header (read up to done); 0, or -1 if there is but one part or no
 * memory for more. */
static int parts_make(parts *ps, gt_loader *a, int fd, size_t done, size_t size,
                      size_t part_bytes)
{
	size_t want = size / part_bytes, cuts[PARTS_MAX + 1];
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

/* Parse parts until none is left; block is GT_READ_BLOCK bytes. */
static void parts_work(parts *ps, char *block)
{
	size_t i;

	while ((i = gt_queue_take(&ps->queue)) < (size_t)ps->n) {
		part *pt = &ps->parts[i];
		int last = i == (size_t)ps->n - 1;

		pt->got = gt_loader_feed_fd(&pt->ld, ps->fd, pt->from,
		                            last ? SIZE_MAX : (size_t)(pt->to - pt->from),
		                            block, &pt->quotes);
		if (last && pt->ld.st == GT_OK && gt_loader_fini(&pt->ld) != 0)
			pt->ld.st = GT_ERR_CSV;   /* (the first loader will say it) */
	}
}

static void *helper_main(void *arg)
{
	parts *ps = arg;
	char *block = malloc(GT_READ_BLOCK);
	size_t i;

	if (block) {
		parts_work(ps, block);
	} else {                /* no block: fail whatever it takes */
		while ((i = gt_queue_take(&ps->queue)) < (size_t)ps->n)
			gt_loader_nomem(&ps->parts[i].ld);
	}
	free(block);
	return NULL;
}

/* Append part h's rows to a's; 0, or -1 (out of memory, said in a->st).
 * Both may lie in the slab, h's rows further on (parts_join): they then
 * move down, a row never written before it is read. */
static int part_append(gt_loader *a, const part *h)
{
	gt_dataset *ds = a->ds;
	const gt_dataset *b = &h->ds;
	size_t n = ds->nrows + b->nrows;

	if (n > ds->rows_cap && gt_rows_resize(a, n) != 0)
		return -1;
	memmove(ds->row_at + ds->nrows, b->row_at, b->nrows * sizeof(*b->row_at));
	memmove(ds->cell_at + ds->nrows * (size_t)ds->ncols, b->cell_at,
	        b->nrows * (size_t)ds->ncols * sizeof(*b->cell_at));
	memmove(ds->nfields + ds->nrows, b->nfields, b->nrows * sizeof(*b->nfields));
	for (size_t r = 0; r < b->nrows; r++)
		ds->line[ds->nrows + r] = b->line[r] + a->line - 1;
	ds->nrows = n;
	ds->arena_len = b->arena_len;
	ds->crlf |= b->crlf;
	a->line += h->ld.line - 1;
	return 0;
}

/* Can part pt be appended after the parts before it, which fit (and
 * hold `before` quote characters, the header's included)? It and the first
 * loader succeeded, and both of its ends lie between records: an even
 * number of quotes comes before each (the last part's end is the file's,
 * which its own gt_loader_fini checked). */
static int part_fits(const gt_loader *a, const part *pt, size_t before, int last)
{
	return a->st == GT_OK && pt->ld.st == GT_OK && before % 2 == 0 &&
	       (last || (before + pt->quotes) % 2 == 0);
}

/* Make a's row arrays ready for every part's rows. If a and every part
 * kept to their stretches of the slab, a takes the slab: each part's rows
 * then move down in it, to just after those before them (no further on
 * than their own stretch). Else a gets a block of its own for all the
 * rows, before the slab goes. If that fails, a has no rows and a->st
 * says why. */
static void rows_gather(parts *ps, gt_loader *a)
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
		if (gt_rows_resize(a, (total > ds->rows_cap ? total : ds->rows_cap) + 1) != 0 &&
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
static off_t parts_join(parts *ps, gt_loader *a)
{
	size_t before = ps->quotes;
	off_t rest = -1;

	rows_gather(ps, a);
	for (int i = 1; i < ps->n && rest < 0; i++) {
		const part *pt = &ps->parts[i];

		if (!part_fits(a, pt, before, i == ps->n - 1) || part_append(a, pt) != 0)
			rest = pt->from;
		else
			ps->got += pt->got;
		before += pt->quotes;
	}
	for (int i = 1; i < ps->n; i++)
		gt_loader_free_part(&ps->parts[i].ld);
	free(ps->slab);
	free(ps->parts);
	gt_queue_free(&ps->queue);
	return rest;
}

/* Parse the rest of fd in parts, a->threads at once, a having read done bytes
 * (the header) holding `quotes` quote characters; returns where a must go
 * on alone (as parts_join), or -2 if it cannot be cut into parts at all
 * (a then goes on from where fd stands). *got gets the bytes read of the
 * parts joined, part 0 and the header included. */
static off_t feed_parts(gt_loader *a, int fd, size_t done, size_t quotes, size_t size,
                        size_t part_bytes, char *block, size_t *got)
{
	parts ps;
	off_t rest;

	if (parts_make(&ps, a, fd, done, size, part_bytes) != 0)
		return -2;
	ps.quotes = quotes;
	ps.nhelpers = 0;
	while (ps.nhelpers < a->threads - 1 &&
	       gt_thread_start(&ps.helper[ps.nhelpers], helper_main, &ps) == 0)
		ps.nhelpers++;
	ps.got = done + gt_loader_feed_fd(a, fd, -1, (size_t)ps.parts[1].from - done,
	                                  block, &ps.quotes);        /* part 0 */
	parts_work(&ps, block);
	for (int i = 0; i < ps.nhelpers; i++)
		gt_thread_join(&ps.helper[i]);
	rest = parts_join(&ps, a);
	*got = ps.got;
	return rest;
}

size_t gt_parts_feed_file(gt_loader *ld, int fd, size_t size, size_t part_bytes,
                          char *block)
{
	size_t first = part_bytes < HEADER_BLOCK ? part_bytes : HEADER_BLOCK;
	size_t more = part_bytes < GT_READ_BLOCK ? part_bytes : GT_READ_BLOCK;
	size_t done, quotes = 0;
	off_t rest = -2;

	/* The header first, a small block at a time, so that the helper starts
	 * before the first loader writes its rows (and takes their pages). Its
	 * first rows need little room: they move to the slab (parts_slab). */
	ld->rows_hint = 1024;
	done = gt_loader_feed_fd(ld, fd, -1, first, block, &quotes);
	while (!ld->header_done && ld->st == GT_OK && done < size / 2) {
		size_t n = gt_loader_feed_fd(ld, fd, -1, more, block, &quotes);

		if (n == 0)
			break;
		done += n;
	}
	if (ld->header_done && ld->st == GT_OK)
		rest = feed_parts(ld, fd, done, quotes, size, part_bytes, block, &done);
	if (rest != -1)         /* the rest (all of it if -2), alone */
		done += gt_loader_feed_fd(ld, fd, rest >= 0 ? rest : -1, SIZE_MAX, block, NULL);
	return done;
}
