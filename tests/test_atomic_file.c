/* test_atomic_file.c: files replaced whole: the umask, a planted symlink
 * replaced (never followed), the two phases of a set of files, failures
 * that leave the old file and no temporary behind; and gt_make_dir. */
#define _XOPEN_SOURCE 700 /* symlink */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "testdir.h"
#include "genretui/atomic_file.h"

static char *path_in(const char *dir, const char *name, char *buf, size_t n)
{
	snprintf(buf, n, "%s/%s", dir, name);
	return buf;
}

/* The whole content of path (NUL-terminated), or NULL. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *b = calloc(1, 4096);

	if (!f || !b) {
		if (f)
			fclose(f);
		free(b);
		return NULL;
	}
	fread(b, 1, 4095, f);
	fclose(f);
	return b;
}

static void assert_content(const char *path, const char *want)
{
	char *got = slurp(path);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_write_and_umask(void **state)
{
	char p[4096];
	gt_error err;
	struct stat sb;
	mode_t old = umask(022);

	path_in(*state, "a.txt", p, sizeof(p));
	assert_int_equal(gt_write_atomic(p, "one\n", 4, &err), GT_OK);
	assert_content(p, "one\n");
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
	umask(077);
	assert_int_equal(gt_write_atomic(p, "two\n", 4, &err), GT_OK);
	umask(old);
	assert_content(p, "two\n");
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(gt_testdir_count(*state, ".tmp"), 0);
}

static void test_symlink_replaced(void **state)
{
	char p[4096], target[4096], dangling[4096];
	gt_error err;
	struct stat sb;

	path_in(*state, "target", target, sizeof(target));
	path_in(*state, "link.csv", p, sizeof(p));
	assert_int_equal(gt_write_atomic(target, "precious", 8, &err), GT_OK);
	assert_int_equal(symlink(target, p), 0);
	assert_int_equal(gt_write_atomic(p, "new", 3, &err), GT_OK);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_content(p, "new");
	assert_content(target, "precious");
	/* a dangling link: nothing is created where it points */
	path_in(*state, "planted", dangling, sizeof(dangling));
	path_in(*state, "dangling.csv", p, sizeof(p));
	assert_int_equal(symlink(dangling, p), 0);
	assert_int_equal(gt_write_atomic(p, "x", 1, &err), GT_OK);
	assert_int_equal(lstat(dangling, &sb), -1);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	/* a link to a device is a link like any other: replaced, not refused */
	path_in(*state, "device.csv", p, sizeof(p));
	assert_int_equal(symlink("/dev/null", p), 0);
	assert_int_equal(gt_write_atomic(p, "y", 1, &err), GT_OK);
	assert_int_equal(lstat(p, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_content(p, "y");
}

/* Two phases: nothing changes until the commit; abort leaves no trace. */
static void test_phases(void **state)
{
	char p[4096], q[4096];
	gt_atomic a, b;
	gt_error err;

	path_in(*state, "p.csv", p, sizeof(p));
	path_in(*state, "q.csv", q, sizeof(q));
	assert_int_equal(gt_write_atomic(p, "old p", 5, &err), GT_OK);
	assert_int_equal(gt_atomic_prepare(&a, p, "new p", 5, &err), GT_OK);
	assert_int_equal(gt_atomic_prepare(&b, q, "new q", 5, &err), GT_OK);
	assert_content(p, "old p");
	assert_int_equal(access(q, F_OK), -1);
	assert_int_equal(gt_testdir_count(*state, ".tmp"), 2);
	assert_int_equal(gt_atomic_commit(&a, &err), GT_OK);
	gt_atomic_abort(&b);
	assert_content(p, "new p");
	assert_int_equal(access(q, F_OK), -1);
	assert_int_equal(gt_testdir_count(*state, ".tmp"), 0);
	assert_null(a.tmp);
	assert_null(b.path);
}

static void test_failures(void **state)
{
	char p[4096], sub[4096];
	gt_error err;
	struct stat sb;

	/* no such directory: the path is named */
	path_in(*state, "no/such/x.csv", p, sizeof(p));
	assert_int_equal(gt_write_atomic(p, "x", 1, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, p));
	assert_non_null(strstr(err.msg, "cannot write"));
	/* a directory where the file should go */
	path_in(*state, "sub", sub, sizeof(sub));
	assert_int_equal(mkdir(sub, 0700), 0);
	assert_int_equal(gt_write_atomic(sub, "x", 1, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "sub: cannot write: "));
	assert_int_equal(stat(sub, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(gt_testdir_count(*state, ".tmp"), 0);
	/* a read-only directory (root writes anyway) */
	path_in(*state, "sub/x.csv", p, sizeof(p));
	assert_int_equal(gt_write_atomic(p, "old", 3, &err), GT_OK);
	assert_int_equal(chmod(sub, 0500), 0);
	if (geteuid() != 0) {
		assert_int_equal(gt_write_atomic(p, "new", 3, &err), GT_ERR_IO);
		assert_non_null(strstr(err.msg, "x.csv: cannot write: "));
		assert_non_null(strstr(err.msg, strerror(EACCES)));
		assert_content(p, "old");
	}
	assert_int_equal(chmod(sub, 0700), 0);
	assert_int_equal(gt_testdir_count(sub, ".tmp"), 0);
}

static void test_make_dir(void **state)
{
	char d[4096], f[4096];
	gt_error err;
	struct stat sb;
	mode_t old = umask(027);

	path_in(*state, "a/b/c/", d, sizeof(d));
	assert_int_equal(gt_make_dir(d, &err), GT_OK);
	assert_int_equal(stat(d, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0750);
	umask(old);
	assert_int_equal(gt_make_dir(d, &err), GT_OK);       /* exists: fine */
	path_in(*state, "file", f, sizeof(f));
	assert_int_equal(gt_write_atomic(f, "x", 1, &err), GT_OK);
	assert_int_equal(gt_make_dir(f, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "file: exists and is not a directory"));
	path_in(*state, "file/below", d, sizeof(d));
	assert_int_equal(gt_make_dir(d, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "/file: exists and is not a directory"));
	assert_null(strstr(err.msg, "below"));
	assert_int_equal(gt_make_dir("", &err), GT_ERR_ARG);
}

/* The checks before long work: they say what a write would, and make or
 * leave nothing. */
static void test_checks(void **state)
{
	static const char *const files[] = { "one.csv", "two.json" };
	char p[4096], q[4096], *j;
	gt_error err;

	j = gt_path_join("out/", "a.csv");
	assert_string_equal(j, "out/a.csv");
	free(j);
	j = gt_path_join("out", "a.csv");
	assert_string_equal(j, "out/a.csv");
	free(j);
	path_in(*state, "m.gtm", p, sizeof(p));
	assert_int_equal(gt_check_writable(p, &err), GT_OK);
	assert_int_equal(gt_testdir_count(*state, ""), 2);   /* . and .. */
	path_in(*state, "missing/m.gtm", p, sizeof(p));
	assert_int_equal(gt_check_writable(p, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "missing/m.gtm: cannot write: No such file or directory"));
	assert_int_equal(gt_check_writable(*state, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, ": cannot write: Is a directory"));
	/* a directory to be made, under a file, or with a bad file in it */
	path_in(*state, "new/deeper", p, sizeof(p));
	assert_int_equal(gt_check_dir(p, files, 2, &err), GT_OK);
	assert_int_equal(gt_testdir_count(*state, ""), 2);   /* . and .. */
	path_in(*state, "plain", q, sizeof(q));
	assert_int_equal(gt_write_atomic(q, "x", 1, &err), GT_OK);
	assert_int_equal(gt_check_dir(q, files, 2, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "/plain: exists and is not a directory"));
	path_in(*state, "plain/sub/dir", p, sizeof(p));
	assert_int_equal(gt_check_dir(p, files, 2, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "/plain: exists and is not a directory"));
	assert_null(strstr(err.msg, "sub"));
	path_in(*state, "d", p, sizeof(p));
	assert_int_equal(mkdir(p, 0700), 0);
	assert_int_equal(gt_check_dir(p, files, 2, &err), GT_OK);
	path_in(*state, "d/two.json", q, sizeof(q));
	assert_int_equal(mkdir(q, 0700), 0);
	assert_int_equal(gt_check_dir(p, files, 2, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "d/two.json: cannot write: Is a directory"));
	assert_int_equal(gt_check_dir("", files, 2, &err), GT_ERR_ARG);
}

/* A place of its own in $TMPDIR, for work that could not be saved. */
static void test_fallback(void **state)
{
	char p[4096], q[4096], *old = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
	gt_error err;
	struct stat sb;

	setenv("TMPDIR", *state, 1);
	assert_int_equal(gt_fallback_path("gt-model-", ".gtm", 0, p, sizeof(p), &err), GT_OK);
	assert_int_equal(strncmp(p, *state, strlen(*state)), 0);
	assert_non_null(strstr(p, "/gt-model-"));
	assert_string_equal(p + strlen(p) - 4, ".gtm");
	assert_int_equal(stat(p, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(gt_fallback_path("gt-model-", ".gtm", 0, q, sizeof(q), &err), GT_OK);
	assert_string_not_equal(p, q);
	assert_int_equal(gt_fallback_path("gt-export-", "", 1, q, sizeof(q), &err), GT_OK);
	assert_int_equal(stat(q, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(rmdir(q), 0);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_DIR(test_write_and_umask),
		WITH_DIR(test_symlink_replaced),
		WITH_DIR(test_phases),
		WITH_DIR(test_failures),
		WITH_DIR(test_make_dir),
		WITH_DIR(test_checks),
		WITH_DIR(test_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
