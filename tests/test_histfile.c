/* test_histfile.c: the prompt's history file. Lines round-trip in order; a
 * new file gets 0600 less the umask; a symbolic link planted at the path
 * (to a file, or dangling) is refused by every function, its target
 * untouched and nothing created; a FIFO there is refused without blocking;
 * truncation keeps the last lines with the file's mode, leaves no temporary
 * file, and replaces a file, never writing through a link. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, mkfifo, symlink */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "genretui/histfile.h"

static char dir[64], path[128], target[128];

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/gt-histXXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/history", dir);
	snprintf(target, sizeof(target), "%s/target", dir);
	return 0;
}

static int teardown(void **state)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	(void)state;
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
			unlink(p);
		}
	if (d)
		closedir(d);
	return rmdir(dir);
}

/* ---- helpers ---- */

typedef struct {
	char text[1024];
	int n;
} lines;

static void collect(const char *line, void *ctx)
{
	lines *l = ctx;
	size_t used = strlen(l->text);

	snprintf(l->text + used, sizeof(l->text) - used, "%s|", line);
	l->n++;
}

static void write_file(const char *p, const char *text)
{
	FILE *f = fopen(p, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static void assert_file(const char *p, const char *want)
{
	char buf[1024] = "";
	FILE *f = fopen(p, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf, want);
}

/* Entries of dir, "." and ".." aside. */
static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n - 2;
}

static void assert_refused(gt_status st, const gt_error *err, const char *why)
{
	assert_int_equal(st, GT_ERR_IO);
	assert_non_null(strstr(err->msg, "/history: "));
	assert_non_null(strstr(err->msg, why));
}

/* ---- tests ---- */

static void test_round_trip(void **state)
{
	lines l = { "", 0 };
	gt_error err = {0};

	(void)state;
	assert_int_equal(gt_hist_read(path, collect, &l, &err), GT_OK);   /* missing */
	assert_int_equal(l.n, 0);
	assert_int_equal(gt_hist_append(path, "energy=0.9", &err), GT_OK);
	assert_int_equal(gt_hist_append(path, "row 2", &err), GT_OK);
	assert_int_equal(gt_hist_append(path, "", &err), GT_OK);
	assert_file(path, "energy=0.9\nrow 2\n\n");
	assert_int_equal(gt_hist_read(path, collect, &l, &err), GT_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.text, "energy=0.9|row 2||");
}

static void test_mode_follows_umask(void **state)
{
	static const mode_t masks[] = { 022, 077, 0266 };
	gt_error err = {0};
	struct stat sb;

	(void)state;
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		mode_t old = umask(masks[i]);

		unlink(path);
		assert_int_equal(gt_hist_append(path, "x", &err), GT_OK);
		umask(old);
		assert_int_equal(stat(path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600 & ~masks[i]);
	}
}

static void test_symlink_refused(void **state)
{
	lines l = { "", 0 };
	gt_error err = {0};
	struct stat sb;

	(void)state;
	write_file(target, "precious\n");
	assert_int_equal(symlink(target, path), 0);
	assert_refused(gt_hist_append(path, "planted", &err), &err, "is a symbolic link (not followed)");
	assert_refused(gt_hist_read(path, collect, &l, &err), &err, "is a symbolic link");
	assert_int_equal(l.n, 0);
	assert_refused(gt_hist_truncate(path, 0, &err), &err, "is a symbolic link");
	assert_file(target, "precious\n");
	assert_int_equal(lstat(path, &sb), 0);
	assert_true(S_ISLNK(sb.st_mode));
	assert_int_equal(entries(), 2);
}

static void test_dangling_symlink_creates_nothing(void **state)
{
	gt_error err = {0};

	(void)state;
	assert_int_equal(symlink(target, path), 0);
	assert_refused(gt_hist_append(path, "planted", &err), &err, "is a symbolic link");
	assert_int_equal(access(target, F_OK), -1);
}

/* The path from the environment: directories made; a state directory that
 * is a file or a symbolic link loop is said, never passed over silently. */
static void test_default_path(void **state)
{
	char buf[256], want[256], sub[256], *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	gt_error err = {0};

	(void)state;
	snprintf(sub, sizeof(sub), "%s/state", dir);
	setenv("XDG_STATE_HOME", sub, 1);
	snprintf(want, sizeof(want), "%s/state/genretui/history", dir);
	assert_non_null(gt_hist_default_path(buf, sizeof(buf), &err));
	assert_string_equal(buf, want);
	snprintf(want, sizeof(want), "%s/state/genretui", dir);
	assert_int_equal(rmdir(want), 0);
	assert_int_equal(rmdir(sub), 0);
	write_file(target, "a file\n");
	setenv("XDG_STATE_HOME", target, 1);
	assert_null(gt_hist_default_path(buf, sizeof(buf), &err));
	assert_int_equal(err.code, GT_ERR_IO);
	snprintf(want, sizeof(want), "%s: exists and is not a directory", target);
	assert_string_equal(err.msg, want);
	assert_int_equal(symlink(path, path), 0);       /* a loop */
	setenv("XDG_STATE_HOME", path, 1);
	err.code = GT_OK;
	assert_null(gt_hist_default_path(buf, sizeof(buf), &err));
	assert_int_equal(err.code, GT_ERR_IO);
	assert_non_null(strstr(err.msg, "cannot create the directory: Too many levels of symbolic links"));
	unsetenv("XDG_STATE_HOME");                     /* no place named: no message */
	unsetenv("HOME");
	err.code = GT_OK;
	assert_null(gt_hist_default_path(buf, sizeof(buf), &err));
	assert_int_equal(err.code, GT_OK);
	setenv("XDG_STATE_HOME", "relative", 1);        /* only an absolute one counts */
	assert_null(gt_hist_default_path(buf, sizeof(buf), &err));
	assert_int_equal(err.code, GT_OK);
	unsetenv("XDG_STATE_HOME");
	if (home)
		setenv("HOME", home, 1);
	free(home);
}

static void test_fifo_refused(void **state)
{
	lines l = { "", 0 };
	gt_error err = {0};

	(void)state;
	assert_int_equal(mkfifo(path, 0600), 0);
	/* a plain open for reading would wait here for a writer */
	assert_refused(gt_hist_read(path, collect, &l, &err), &err, "not a regular file");
	assert_refused(gt_hist_truncate(path, 10, &err), &err, "not a regular file");
	assert_int_not_equal(gt_hist_append(path, "x", &err), GT_OK);
}

static void test_truncate_keeps_the_last_lines(void **state)
{
	gt_error err = {0};
	struct stat before, after;

	(void)state;
	write_file(path, "1\n2\n3\n4\n5\n");
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(gt_hist_truncate(path, 5, &err), GT_OK);    /* nothing to do */
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_ino, before.st_ino);
	assert_int_equal(gt_hist_truncate(path, 3, &err), GT_OK);
	assert_file(path, "3\n4\n5\n");
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_mode & 07777, 0640);
	assert_int_equal(entries(), 1);                               /* no temporary */
	assert_int_equal(gt_hist_truncate(path, 0, &err), GT_OK);
	assert_file(path, "");
	assert_int_equal(gt_hist_truncate(dir, 3, &err), GT_ERR_IO);  /* a directory */
}

static void test_truncate_ends_the_last_line(void **state)
{
	gt_error err = {0};

	(void)state;
	write_file(path, "a\nb\nc");         /* edited by hand, no final newline */
	assert_int_equal(gt_hist_truncate(path, 2, &err), GT_OK);
	assert_int_equal(gt_hist_append(path, "d", &err), GT_OK);
	assert_file(path, "b\nc\nd\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mode_follows_umask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dangling_symlink_creates_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncate_keeps_the_last_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncate_ends_the_last_line, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
