/* fixtures.h: what several test files set up alike: the test data's
 * files, a table loaded and cleaned, a session trained with the study's
 * preset. A failure prints the core's message. */
#ifndef GENRETUI_TEST_FIXTURES_H
#define GENRETUI_TEST_FIXTURES_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/clean.h"
#include "genretui/dataset.h"
#include "genretui/session.h"

/* The file the environment variable var names (GT_REAL_CSV,
 * GT_SAMPLE_CSV), if it is readable; else NULL, and the caller skips. */
const char *fx_env_file(const char *var);

/* tests/data/name (under $GT_TESTDATA, which make check sets) into buf,
 * if it is readable; else NULL. */
const char *fx_data_file(const char *name, char *buf, size_t n);

/* Load text[0..len) through a pipe, input whose size is unknown and which
 * cannot be read again (the loader's other way). */
gt_status fx_load_pipe(gt_dataset *ds, const char *text, size_t len, gt_error *err);

/* A table and its cleaning. */
typedef struct {
	gt_dataset ds;
	gt_clean cl;
} fx_table;

/* Load path and clean it; 0, or -1 (the message printed, t left empty). */
int fx_table_load(fx_table *t, const char *path);

/* The same from text, named "t.csv" in messages. */
int fx_table_parse(fx_table *t, const char *text);

void fx_table_free(fx_table *t);

/* Train s to the end with the paper preset, epochs epochs and seed; it is
 * then evaluated. */
void fx_train_paper(gt_session *s, int epochs, uint32_t seed);

#endif
