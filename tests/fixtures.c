/* fixtures.c: the test files' shared set-ups (fixtures.h). */
#include "testutil.h"     /* stdarg, stddef, stdint, setjmp, cmocka */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"
#include "genretui/preset.h"

const char *fx_env_file(const char *var)
{
	const char *p = getenv(var);

	return p && access(p, R_OK) == 0 ? p : NULL;
}

const char *fx_data_file(const char *name, char *buf, size_t n)
{
	const char *dir = getenv("GT_TESTDATA");

	snprintf(buf, n, "%s/%s", dir ? dir : "tests/data", name);
	return access(buf, R_OK) == 0 ? buf : NULL;
}

gt_status fx_load_pipe(gt_dataset *ds, const char *text, size_t len, gt_error *err)
{
	char path[64];
	int fds[2];
	pid_t pid;
	gt_status st;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {                 /* the writer; dies of SIGPIPE if unread */
		close(fds[0]);
		while (len > 0) {
			ssize_t k = write(fds[1], text, len < 7000 ? len : 7000);

			if (k <= 0)
				_exit(1);
			text += k;
			len -= (size_t)k;
		}
		_exit(0);
	}
	close(fds[1]);
	snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
	st = gt_dataset_load(ds, path, err);
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return st;
}

/* Clean t->ds, loaded with status st; 0, or -1 with t freed. */
static int table_clean(fx_table *t, gt_status st, gt_error *err)
{
	if (st == GT_OK && gt_clean_run(&t->cl, &t->ds, err) == GT_OK)
		return 0;
	print_error("%s\n", err->msg);
	if (st == GT_OK)
		gt_dataset_free(&t->ds);
	memset(t, 0, sizeof(*t));
	return -1;
}

int fx_table_load(fx_table *t, const char *path)
{
	gt_error err = { 0 };

	return table_clean(t, gt_dataset_load(&t->ds, path, &err), &err);
}

int fx_table_parse(fx_table *t, const char *text)
{
	gt_error err = { 0 };

	return table_clean(t, gt_dataset_parse(&t->ds, text, strlen(text), "t.csv", &err),
	                   &err);
}

void fx_table_free(fx_table *t)
{
	gt_clean_free(&t->cl);
	gt_dataset_free(&t->ds);
}

void fx_train_paper(gt_session *s, int epochs, uint32_t seed)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;

	hp.epochs = epochs;
	hp.seed = seed;
	assert_int_equal(gt_session_start(s, &paper->arch, &hp, NULL), GT_OK);
	while (gt_session_step(s, NULL) >= 0)
		;
	assert_true(s->evaluated);
}
