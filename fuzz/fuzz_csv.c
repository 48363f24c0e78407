/* fuzz_csv.c: libFuzzer harness for CSV loading and cleaning: any bytes are
 * a file. Checked beyond "no crash": the dataset's shape (every cell a
 * string, line numbers in order), the ledger's sums, every track's class and
 * scale in range, every message and row explanation safe to print, and the
 * same bytes read as a file in parts of a few bytes giving what they give
 * parsed from memory (the reference of dataset_parts.c). */
#define _GNU_SOURCE     /* memfd_create */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_check.h"
#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/dataset_loader.h"

/* (Records can share a line: libcsv ends one at a lone CR, which tools
 * that number lines, such as grep -n and editors, do not count.) */
static void check_dataset(const gt_dataset *ds)
{
	for (size_t r = 0; r < ds->nrows; r++) {
		FZ_CHECK(ds->line[r] >= 1);
		FZ_CHECK(r == 0 || ds->line[r] >= ds->line[r - 1]);
		FZ_CHECK(ds->nfields[r] >= 1);
		for (int c = 0; c < GT_NCOLS; c++)
			FZ_CHECK(gt_cell(ds, r, (gt_column)c) != NULL);
		for (int j = 0; j < ds->ncols; j++)
			FZ_CHECK(gt_cell_col(ds, r, j) != NULL);
	}
}

static void check_clean(const gt_clean *cl, const gt_dataset *ds)
{
	const gt_ledger *lg = &cl->ledger;
	size_t sum = 0;
	char buf[GT_ERROR_MAX];

	for (int f = 0; f < GT_NFATES; f++)
		sum += lg->fate[f];
	FZ_CHECK(sum == ds->nrows && lg->rows_read == ds->nrows);
	FZ_CHECK(lg->kept + lg->dropped == lg->rows_read);
	FZ_CHECK(cl->ntracks <= ds->nrows);
	for (size_t i = 0; i < cl->ntracks; i++) {
		FZ_CHECK(cl->tracks[i].genre < cl->genres.k);
		FZ_CHECK(cl->tracks[i].scale < 24);
		FZ_CHECK(cl->tracks[i].row < ds->nrows);
	}
	for (size_t r = 0; r < ds->nrows; r++) {
		gt_clean_describe(cl, ds, r, buf, sizeof(buf));
		FZ_CHECK(fz_terminal_safe(buf));
	}
}

/* The bytes in a file of memory, named in *path; -1 if there can be none
 * (then the parts are not checked). */
static int memory_file(const uint8_t *data, size_t size, char *path, size_t n)
{
	int fd = memfd_create("fuzz.csv", 0);

	if (fd < 0)
		return -1;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return -1;
	}
	snprintf(path, n, "/proc/self/fd/%d", fd);
	return fd;
}

/* path (the bytes parsed into ds with status st and err) read in parts of
 * part bytes: the same status, message and rows. */
static void check_parts(const char *path, size_t part, gt_status st, const gt_error *err,
                        const gt_dataset *ds)
{
	gt_dataset f;
	gt_error ferr = { GT_OK, "" };

	FZ_CHECK(gt_dataset_load_parts(&f, path, NULL, part, &ferr) == st);
	FZ_CHECK(strcmp(ferr.msg, err->msg) == 0);
	FZ_CHECK(f.nrows == ds->nrows && f.crlf == ds->crlf && f.has_bom == ds->has_bom);
	FZ_CHECK(f.ncols == ds->ncols && f.study_missing == ds->study_missing);
	for (int j = 0; j < ds->ncols; j++)
		FZ_CHECK(strcmp(f.names[j], ds->names[j]) == 0);
	for (size_t r = 0; r < ds->nrows; r++) {
		FZ_CHECK(f.line[r] == ds->line[r] && f.nfields[r] == ds->nfields[r]);
		for (int j = 0; j < ds->ncols; j++)
			FZ_CHECK(strcmp(gt_cell_col(&f, r, j), gt_cell_col(ds, r, j)) == 0);
	}
	gt_dataset_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	gt_dataset ds;
	gt_clean cl;
	gt_error err = { GT_OK, "" };
	char path[64] = "fuzz.csv";
	int fd = memory_file(data, size, path, sizeof(path));
	gt_status st = gt_dataset_parse(&ds, (const char *)data, size, path, &err);

	if (fd >= 0) {
		check_parts(path, 8 + size % 61, st, &err, &ds);
		close(fd);
	}
	if (st != GT_OK) {
		FZ_CHECK(err.code != GT_OK && err.msg[0]);
		FZ_CHECK(fz_terminal_safe(err.msg));
		FZ_CHECK(ds.row_at == NULL && ds.cell_at == NULL && ds.nrows == 0);
		return 0;
	}
	check_dataset(&ds);
	if (gt_dataset_require_study(&ds, &err) != GT_OK) {
		FZ_CHECK(err.code == GT_ERR_COLUMN && fz_terminal_safe(err.msg));
		gt_dataset_free(&ds);
		return 0;
	}
	if (gt_clean_run(&cl, &ds, &err) == GT_OK) {
		check_clean(&cl, &ds);
		if (gt_clean_require(&cl, &ds, 2, &err) != GT_OK)
			FZ_CHECK(err.code == GT_ERR_EMPTY && fz_terminal_safe(err.msg));
		gt_clean_free(&cl);
	}
	gt_dataset_free(&ds);
	return 0;
}
