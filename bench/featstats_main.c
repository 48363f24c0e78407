/* bench/featstats_main.c: the time the Features pane's statistics take on a
 * file: the training rows as a feature table (gt_ftable_training), then
 * gt_featstats_compute with 1 and 2 threads and the plain reference
 * (gt_featstats_compute_plain: one thread, qsort), RUNS times each,
 * interleaved; prints the medians. Built and run by bench/featstats. */
#include <stdio.h>
#include <stdlib.h>

#include "genretui/featstats.h"
#include "genretui/train.h"

#define MAXRUNS 100

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	double t[4][MAXRUNS];
	int runs = argc > 2 ? atoi(argv[2]) : 9;
	gt_pipeline_opts o;
	gt_pipeline p;
	gt_error err;

	if (argc < 2 || runs < 1 || runs > MAXRUNS) {
		fprintf(stderr, "usage: featstats FILE.csv [RUNS <= %d]\n", MAXRUNS);
		return 2;
	}
	gt_pipeline_defaults(&o);
	if (gt_pipeline_open(&p, argv[1], &o, &err) != GT_OK) {
		fprintf(stderr, "featstats: %s\n", err.msg);
		return 1;
	}
	for (int r = 0; r < runs; r++) {
		gt_ftable_buf b;
		gt_featstats fs;
		double t0 = gt_now();

		if (gt_ftable_training(&b, &p, &err) != GT_OK)
			return 1;
		t[0][r] = gt_now() - t0;
		for (int k = 1; k <= 3; k++) {
			t0 = gt_now();
			if ((k == 3 ? gt_featstats_compute_plain(&fs, &b.t, &err)
			            : gt_featstats_compute(&fs, &b.t, k, &err)) != GT_OK)
				return 1;
			t[k][r] = gt_now() - t0;
			gt_featstats_free(&fs);
		}
		gt_ftable_free(&b);
	}
	printf("%zu training rows, %d features, %d runs (medians)\n", p.train.n,
	       GT_NNUMERIC + 2, runs);
	printf("  feature table            %7.2f ms\n", median(t[0], runs) * 1e3);
	printf("  statistics, 2 threads    %7.2f ms\n", median(t[2], runs) * 1e3);
	printf("  statistics, 1 thread     %7.2f ms\n", median(t[1], runs) * 1e3);
	printf("  plain reference (qsort)  %7.2f ms\n", median(t[3], runs) * 1e3);
	gt_pipeline_close(&p);
	return 0;
}
