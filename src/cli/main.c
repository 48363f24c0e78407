/* main.c: genretui entry point: parse options, find the data, pick a mode. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "genretui/batch.h"
#include "genretui/cli.h"
#include "genretui/predict_cli.h"
#include "genretui/tui.h"

#define SAMPLE_NAME "synthetic_sample.csv"

static int readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* Directory of the running executable into buf ("" if unknown). */
static void exe_dir(char *buf, size_t n)
{
	ssize_t len = readlink("/proc/self/exe", buf, n - 1);
	char *slash;

	buf[len > 0 ? len : 0] = '\0';
	slash = strrchr(buf, '/');
	if (slash)
		*slash = '\0';
	else
		buf[0] = '\0';
}

/* The bundled sample: $GENRETUI_DATADIR, the build tree beside the
 * executable, the installed $(pkgdatadir), then the source tree. */
static const char *find_sample(char *buf, size_t n)
{
	const char *env = getenv("GENRETUI_DATADIR");
	char dir[PATH_MAX];

	if (env && *env) {
		snprintf(buf, n, "%s/%s", env, SAMPLE_NAME);
		if (readable(buf))
			return buf;
	}
	exe_dir(dir, sizeof(dir));
	snprintf(buf, n, "%s/data/%s", dir, SAMPLE_NAME);
	if (dir[0] && readable(buf))
		return buf;
	snprintf(buf, n, "%s/%s", GT_PKGDATADIR, SAMPLE_NAME);
	if (readable(buf))
		return buf;
	snprintf(buf, n, "%s/%s", GT_SRCDATADIR, SAMPLE_NAME);
	return readable(buf) ? buf : NULL;
}

/* The bundled synthetic sample, whatever directory it was given from. */
static int is_sample(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, SAMPLE_NAME) == 0;
}

static int run_tui(const gt_cli *cli, const char *path, int synthetic)
{
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "genretui: the interactive interface needs a terminal; "
		        "for text output use --batch (or --batch --json)\n");
		return 2;
	}
	return gt_tui_main(cli, path, synthetic);
}

int main(int argc, char **argv)
{
	char err[256], sample[PATH_MAX + 64];
	const char *path;
	gt_cli cli;

	if (gt_cli_parse(&cli, argc, argv, err, sizeof(err)) != 0) {
		fprintf(stderr, "genretui: %s\n", err);
		return 2;
	}
	if (cli.mode == GT_RUN_HELP) {
		gt_cli_usage(stdout);
		return 0;
	}
	if (cli.mode == GT_RUN_VERSION) {
		printf("genretui %s\n", PACKAGE_VERSION);
		return 0;
	}
	path = cli.csv ? cli.csv : find_sample(sample, sizeof(sample));
	if (cli.mode == GT_RUN_PREDICT && cli.model)
		return gt_predict_main(&cli, path, path && is_sample(path));
	if (!path) {
		fprintf(stderr, "genretui: no FILE given and the bundled sample %s was not found "
		        "(looked in $GENRETUI_DATADIR, beside the program, and %s)\n",
		        SAMPLE_NAME, GT_PKGDATADIR);
		return 1;
	}
	if (cli.mode == GT_RUN_BATCH)
		return gt_batch_main(&cli, path, is_sample(path));
	if (cli.mode == GT_RUN_PREDICT)
		return gt_predict_main(&cli, path, is_sample(path));
	return run_tui(&cli, path, is_sample(path));
}
