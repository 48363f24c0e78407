/* test_load_change.c: a file truncated, emptied or grown while it loads
 * (src/core/dataset_load.c) is refused, naming the file, never taken as the
 * rows read so far. The change is made from inside the reading: read and
 * pread are wrapped (-Wl,--wrap=read,--wrap=pread), and the wrapper changes
 * the file once a chosen call has returned. */
#define _POSIX_C_SOURCE 200809L

#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genretui/dataset.h"
#include "genretui/dataset_loader.h"

#define HEADER "instance_id,artist_name,track_name,popularity,acousticness," \
	"danceability,duration_ms,energy,instrumentalness,key,liveness,"     \
	"loudness,mode,speechiness,tempo,obtained_date,valence,music_genre"

ssize_t __real_read(int fd, void *buf, size_t n);
ssize_t __real_pread(int fd, void *buf, size_t n, off_t at);
ssize_t __wrap_read(int fd, void *buf, size_t n);
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t at);

/* What the wrappers do: after the `when`-th call of read (or of pread),
 * counted from 1, the file at `path` gets `to` bytes (-1: it grows by a
 * row instead). 0: nothing. */
static struct {
	const char *path;
	int read_when, pread_when;
	long to;
	int reads, preads;
} change;

static void change_file(void)
{
	int fd = open(change.path, O_WRONLY | O_APPEND);

	assert_true(fd >= 0);
	if (change.to >= 0)
		assert_int_equal(ftruncate(fd, change.to), 0);
	else
		assert_int_equal(write(fd, "1,a,b,1,0,0,1,0,0,A,0,0,Major,0,1,x,0,Rock\n", 43), 43);
	close(fd);
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	ssize_t k = __real_read(fd, buf, n);

	if (++change.reads == change.read_when)
		change_file();
	return k;
}

/* (Parts are read by two threads: the count is atomic.) */
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t at)
{
	ssize_t k = __real_pread(fd, buf, n, at);

	if (__atomic_add_fetch(&change.preads, 1, __ATOMIC_SEQ_CST) == change.pread_when)
		change_file();
	return k;
}

static char path[] = "/tmp/gt_test_change_XXXXXX";

/* A file of complete rows, about size bytes; returns its size. */
static long make_file(long size)
{
	FILE *f;
	long len;
	int fd;

	strcpy(path + strlen(path) - 6, "XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fprintf(f, "%s\n", HEADER);
	for (int i = 0; ftell(f) < size; i++)
		fprintf(f, "%d,Art,\"Song, %d\",27.0,0.1,0.2,200000.0,0.3,0.4,A#,0.5,"
		        "-5.5,Minor,0.06,120.5,4-Apr,0.7,Rock\n", i, i);
	len = ftell(f);
	fclose(f);
	return len;
}

/* Load path in parts of part_bytes (0: one pass) with the change set up;
 * it must fail naming the file and the change. */
static void load_refused(size_t part_bytes)
{
	gt_dataset ds;
	gt_error err = { 0 };
	gt_status st;

	change.path = path;
	change.reads = change.preads = 0;
	st = gt_dataset_load_parts(&ds, path, NULL, part_bytes, &err);
	unlink(path);
	if (st != GT_ERR_IO)
		fail_msg("status %d (%s), %zu rows", st, err.msg, ds.nrows);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "changed while it was read"));
	assert_int_equal(ds.nrows, 0);
	memset(&change, 0, sizeof(change));
}

/* Read in one pass: cut mid-line after the first block, emptied, grown. */
static void test_one_pass(void **state)
{
	long len;

	(void)state;
	len = make_file(300000);
	change.read_when = 1;
	change.to = 100001;                  /* (mid-line) */
	load_refused(0);
	make_file(300000);
	change.read_when = 1;
	change.to = 0;
	load_refused(0);
	make_file(300000);
	change.read_when = 2;
	change.to = -1;
	load_refused(0);
	make_file(1000);                     /* read whole, then emptied */
	change.read_when = 1;
	change.to = 0;
	load_refused(0);
	(void)len;
}

/* Read in parts: emptied after the header, cut while the parts are read,
 * grown at the end. */
static void test_parts(void **state)
{
	long len;

	(void)state;
	make_file(3000000);
	change.read_when = 2;                /* (the header's block was the first) */
	change.to = 0;
	load_refused(GT_LOAD_PART);
	len = make_file(3000000);
	change.pread_when = 12;
	change.to = len / 2 + 7;
	load_refused(GT_LOAD_PART);
	make_file(3000000);
	change.pread_when = 12;
	change.to = -1;
	load_refused(GT_LOAD_PART);
	make_file(20000);                    /* small parts */
	change.pread_when = 3;
	change.to = 15000;
	load_refused(1000);
}

/* Left alone, the same files load (the wrappers change nothing). */
static void test_unchanged(void **state)
{
	long sizes[] = { 1000, 300000, 3000000 };
	gt_dataset ds;
	gt_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		make_file(sizes[i]);
		assert_int_equal(gt_dataset_load(&ds, path, &err), GT_OK);
		unlink(path);
		assert_true(ds.nrows > 5);
		gt_dataset_free(&ds);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_pass),
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_unchanged),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
