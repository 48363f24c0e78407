/* testdir.h: a fresh directory under /tmp for each test, as cmocka setup
 * and teardown (*state is its path), and counting the entries in one.
 * Include after testutil.h. */
#ifndef GENRETUI_TESTDIR_H
#define GENRETUI_TESTDIR_H

/* Make the directory; 0, or -1. */
int gt_testdir_make(void **state);
/* Remove it and everything in it, read-only directories too; 0. */
int gt_testdir_remove(void **state);
/* Entries of dir whose names contain part ("" counts . and .. too). */
int gt_testdir_count(const char *dir, const char *part);

#define WITH_DIR(f) cmocka_unit_test_setup_teardown(f, gt_testdir_make, gt_testdir_remove)

#endif
