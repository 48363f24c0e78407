/* replay.c: make check's driver for a fuzz harness, built with the normal
 * compiler instead of libFuzzer: every file of the harness's seeds
 * (fuzz/seeds/NAME, and the test data it was built from) and of its
 * regression inputs (tests/data/bad/fuzz/NAME: the crashes fuzzing found)
 * goes through LLVMFuzzerTestOneInput once. A crash or a failed check
 * aborts the program; each file that passes is one TAP line. NAME is
 * compiled in (FUZZ_NAME); directories are relative to $GT_TESTDATA. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_check.h"

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the harness (csv, prompt, model)"
#endif

#define MAX_INPUT ((size_t)16 << 20)

static int tests;

/* Whole file into a malloc'd buffer; NULL if unreadable. */
static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b = malloc(MAX_INPUT);

	if (!f || !b) {
		if (f)
			fclose(f);
		free(b);
		return NULL;
	}
	*len = fread(b, 1, MAX_INPUT, f);
	fclose(f);
	return b;
}

/* The directories replayed, per harness. */
static const char *const dirs_csv[] = {
	"../../fuzz/seeds/csv", ".", "bad", "bad/fuzz/csv", NULL
};
static const char *const dirs_prompt[] = {
	"../../fuzz/seeds/prompt", "bad/fuzz/prompt", NULL
};
static const char *const dirs_model[] = {
	"../../fuzz/seeds/model", "models", "bad/fuzz/model", NULL
};

static int visible(const struct dirent *e)
{
	return e->d_name[0] != '.' && strcmp(e->d_name, "README.md") != 0;
}

static int regular(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Replay every file of dir (a missing directory holds nothing). */
static int replay_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, visible, alphasort), bad = 0;

	for (int i = 0; i < n; i++) {
		char path[4096];
		size_t len = 0;
		unsigned char *data;

		if (snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name) >=
		    (int)sizeof(path) || !regular(path)) {
			free(names[i]);
			continue;
		}
		data = slurp(path, &len);
		if (data)
			LLVMFuzzerTestOneInput(data, len);
		printf("%s %d - %s\n", data ? "ok" : "not ok", ++tests, path);
		fflush(stdout);
		bad |= !data;
		free(data);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	return bad;
}

int main(void)
{
	const char *name = FUZZ_NAME, *td = getenv("GT_TESTDATA");
	const char *const *dirs = strcmp(name, "csv") == 0 ? dirs_csv
	                        : strcmp(name, "prompt") == 0 ? dirs_prompt : dirs_model;
	char dir[4096];
	int bad = 0;

	for (int i = 0; dirs[i]; i++) {
		snprintf(dir, sizeof(dir), "%s/%s", td ? td : "tests/data", dirs[i]);
		bad |= replay_dir(dir);
	}
	printf("1..%d\n", tests);
	return bad;
}
