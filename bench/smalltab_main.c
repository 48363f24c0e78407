/* bench/smalltab_main.c: training variants on a small numeric table.
 *
 * Reads a plain CSV (a header, no quoted cells): the last column is the
 * label, every other column whose cells are all numbers and not all equal
 * is a feature. Splits 80/20 with the project's split (seed 42, split.h),
 * standardises with the training rows' mean and population sd, and trains
 * the improved preset's network (inputs-256-128-genres ReLU, softmax)
 * through gt_trainer with each variant given on the command line, for
 * seeds 1..SEEDS; prints each seed's test accuracy and kept epoch, and
 * the mean. Built and run by bench/smalltab.
 *
 * A variant is a comma-separated list of key=value over the improved
 * preset's hyperparameters, or "preset" for them as they are, or "sized"
 * for them as the session sizes them for the training rows
 * (gt_hparams_size):
 *   ep=E bs=B lr=L drop=P val=F pat=N   epochs, batch, lr, dropout,
 *                                       validation share, patience
 *   minval=M      the slice is at least M rows (at most half the rows)
 *   steps=S       at least S steps: epochs = max(E, ceil(S / steps an epoch))
 *   ens=K         average the softmax of K models (seeds s, s+100, ...) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/preset.h"
#include "genretui/split.h"
#include "genretui/train.h"

#define MAXCOLS 512
#define MAXLABELS 256

typedef struct {
	size_t n;
	int d, k;                 /* features, labels */
	double *x;                /* [n][d] raw */
	int *y;                   /* [n] index into labels (sorted) */
	char *labels[MAXLABELS];
} table;

typedef struct {
	gt_hparams hp;
	int minval, steps, ens, sized;
} variant;

static int split_line(char *s, char **cell, int max)
{
	int n = 0;

	s[strcspn(s, "\r\n")] = 0;
	while (n < max) {
		cell[n++] = s;
		s = strchr(s, ',');
		if (!s)
			break;
		*s++ = 0;
	}
	return n;
}

static int is_number(const char *s)
{
	char *end;

	if (!*s)
		return 0;
	strtod(s, &end);
	return *end == 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int label_index(table *t, const char *s)
{
	for (int i = 0; i < t->k; i++)
		if (strcmp(t->labels[i], s) == 0)
			return i;
	return -1;
}

/* Every line's cells: cells[r * ncol + c], rows r < n. */
static char **read_cells(const char *path, int *ncol, size_t *n)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *cell[MAXCOLS], **all = NULL;
	size_t cap = 0, rows = 0, have = 0;
	int cols = -1;

	if (!f) {
		perror(path);
		return NULL;
	}
	while (getline(&line, &cap, f) > 0) {
		int c = split_line(line, cell, MAXCOLS);

		if (cols < 0)
			cols = c;
		if (c != cols) {
			fprintf(stderr, "%s: line %zu has %d cells, the header %d\n", path,
			        rows + 1, c, cols);
			exit(1);
		}
		if ((rows + 1) * (size_t)cols > have) {
			have = have ? 2 * have : 1024 * (size_t)cols;
			all = realloc(all, have * sizeof(*all));
		}
		for (int j = 0; j < c; j++)
			all[rows * (size_t)cols + (size_t)j] = strdup(cell[j]);
		rows++;
	}
	free(line);
	fclose(f);
	*ncol = cols;
	*n = rows;
	return all;
}

static int keep_column(char **cells, int cols, size_t rows, int j)
{
	for (size_t r = 1; r < rows; r++)
		if (!is_number(cells[r * (size_t)cols + (size_t)j]))
			return 0;
	for (size_t r = 2; r < rows; r++)
		if (strtod(cells[r * (size_t)cols + (size_t)j], NULL) !=
		    strtod(cells[(size_t)cols + (size_t)j], NULL))
			return 1;
	return 0;
}

static void read_table(table *t, const char *path)
{
	size_t rows;
	int cols, use[MAXCOLS], d = 0;
	char **cells = read_cells(path, &cols, &rows);

	if (!cells || rows < 3 || cols < 2) {
		fprintf(stderr, "%s: need a header, rows and two columns\n", path);
		exit(1);
	}
	for (int j = 0; j < cols - 1; j++)
		if (keep_column(cells, cols, rows, j))
			use[d++] = j;
	t->n = rows - 1;
	t->d = d;
	t->x = malloc(t->n * (size_t)d * sizeof(double));
	t->y = malloc(t->n * sizeof(int));
	t->k = 0;
	for (size_t r = 1; r < rows; r++) {
		char *lab = cells[r * (size_t)cols + (size_t)cols - 1];

		for (int j = 0; j < d; j++)
			t->x[(r - 1) * (size_t)d + (size_t)j] =
				strtod(cells[r * (size_t)cols + (size_t)use[j]], NULL);
		if (label_index(t, lab) < 0 && t->k < MAXLABELS)
			t->labels[t->k++] = lab;
	}
	qsort(t->labels, (size_t)t->k, sizeof(char *), cmp_str);
	for (size_t r = 1; r < rows; r++)
		t->y[r - 1] = label_index(t, cells[r * (size_t)cols + (size_t)cols - 1]);
}

/* The rows of idx[0..n-1], standardised by mean and sd, as floats. */
static gt_real *standardised(const table *t, const uint32_t *idx, uint32_t n,
                             const double *mean, const double *sd, int *y)
{
	gt_real *x = malloc((size_t)n * (size_t)t->d * sizeof(gt_real));

	for (uint32_t i = 0; i < n; i++) {
		for (int j = 0; j < t->d; j++)
			x[(size_t)i * (size_t)t->d + (size_t)j] = (gt_real)
				((t->x[(size_t)idx[i] * (size_t)t->d + (size_t)j] - mean[j]) / sd[j]);
		y[i] = t->y[idx[i]];
	}
	return x;
}

static void fit_standard(const table *t, const gt_split *sp, double *mean, double *sd)
{
	for (int j = 0; j < t->d; j++) {
		double s = 0, ss = 0;

		for (uint32_t i = 0; i < sp->ntrain; i++)
			s += t->x[(size_t)sp->train[i] * (size_t)t->d + (size_t)j];
		mean[j] = s / sp->ntrain;
		for (uint32_t i = 0; i < sp->ntrain; i++) {
			double v = t->x[(size_t)sp->train[i] * (size_t)t->d + (size_t)j] - mean[j];
			ss += v * v;
		}
		sd[j] = ss > 0 ? sqrt(ss / sp->ntrain) : 1;
	}
}

static void parse_variant(variant *v, const char *spec, const gt_preset *p)
{
	char buf[256], *tok, *save;

	memset(v, 0, sizeof(*v));
	v->hp = p->hp;
	v->ens = 1;
	if (strcmp(spec, "sized") == 0) {
		v->sized = 1;
		return;
	}
	if (strcmp(spec, "preset") == 0)
		return;
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(tok, '=');
		double val;

		if (!eq) {
			fprintf(stderr, "smalltab: variant %s: %s is not key=value\n", spec, tok);
			exit(2);
		}
		*eq = 0;
		val = atof(eq + 1);
		if (!strcmp(tok, "ep")) v->hp.epochs = (int)val;
		else if (!strcmp(tok, "bs")) v->hp.batch_size = (int)val;
		else if (!strcmp(tok, "lr")) v->hp.lr = val;
		else if (!strcmp(tok, "drop")) v->hp.dropout = val;
		else if (!strcmp(tok, "val")) v->hp.val_fraction = val;
		else if (!strcmp(tok, "pat")) v->hp.patience = (int)val;
		else if (!strcmp(tok, "minval")) v->minval = (int)val;
		else if (!strcmp(tok, "steps")) v->steps = (int)val;
		else if (!strcmp(tok, "ens")) v->ens = (int)val;
		else {
			fprintf(stderr, "smalltab: variant %s: unknown key %s\n", spec, tok);
			exit(2);
		}
	}
}

/* The variant's hyperparameters for ntrain training rows. */
static gt_hparams variant_hp(const variant *v, size_t ntrain, uint32_t seed)
{
	gt_hparams h = v->hp;

	if (v->sized)
		gt_hparams_size(&h, ntrain);
	if (v->minval > 0 && h.val_fraction * (double)ntrain < v->minval) {
		double f = (double)v->minval / (double)ntrain;

		h.val_fraction = f < 0.5 ? f : 0.5;
	}
	if (v->steps > 0) {
		double rows = (double)ntrain * (1 - h.val_fraction);
		int per = (int)ceil(rows / h.batch_size);
		int want = (v->steps + per - 1) / per;

		if (want > h.epochs)
			h.epochs = want;
	}
	h.seed = seed;
	return h;
}

/* Add the softmax of m's outputs on s to prob [n][k]. */
static void add_softmax(gt_model *m, const gt_samples *s, double *prob)
{
	int k = m->arch.sizes[m->arch.nlayers];

	for (size_t i = 0; i < s->n; i += (size_t)m->max_batch) {
		size_t left = s->n - i;
		int n = left < (size_t)m->max_batch ? (int)left : m->max_batch;
		const gt_real *out = gt_model_forward(m, s->x + i * (size_t)s->nnum, n);

		for (int r = 0; r < n; r++) {
			const gt_real *o = out + (size_t)r * (size_t)k;
			double mx = o[0], sum = 0;

			for (int c = 1; c < k; c++)
				mx = o[c] > mx ? o[c] : mx;
			for (int c = 0; c < k; c++)
				sum += exp(o[c] - mx);
			for (int c = 0; c < k; c++)
				prob[(i + (size_t)r) * (size_t)k + (size_t)c] += exp(o[c] - mx) / sum;
		}
	}
}

/* Train the variant for one seed; returns the test accuracy, *kept the
 * kept epoch and *ran the epochs run (of the ensemble's first model). */
static double run_seed(const variant *v, gt_arch *arch, const gt_samples *tr,
                       const gt_samples *te, uint32_t seed, int *kept, int *ran)
{
	int k = arch->sizes[arch->nlayers];
	double *prob = calloc(te->n * (size_t)k, sizeof(double));
	size_t correct = 0;

	for (int e = 0; e < v->ens; e++) {
		gt_hparams h = variant_hp(v, tr->n, seed + 100u * (uint32_t)e);
		gt_samples none = { 0 };
		gt_model m;
		gt_trainer t;
		gt_error err;

		if (gt_model_init(&m, arch, h.batch_size, &err) != GT_OK ||
		    gt_trainer_init(&t, &m, tr, &none, &h, &err) != GT_OK) {
			fprintf(stderr, "smalltab: %s\n", err.msg);
			exit(1);
		}
		while (gt_trainer_step(&t, NULL) >= 0)
			;
		if (e == 0) {
			*kept = t.nval ? t.best_epoch : t.epoch;
			*ran = t.epoch;
		}
		add_softmax(&m, te, prob);
		gt_trainer_free(&t);
		gt_model_free(&m);
	}
	for (size_t i = 0; i < te->n; i++) {
		int best = 0;

		for (int c = 1; c < k; c++)
			if (prob[i * (size_t)k + (size_t)c] > prob[i * (size_t)k + (size_t)best])
				best = c;
		correct += best == te->y[i];
	}
	free(prob);
	return (double)correct / (double)te->n;
}

int main(int argc, char **argv)
{
	const gt_preset *p = gt_preset_find("improved");
	int seeds = getenv("SEEDS") ? atoi(getenv("SEEDS")) : 3;
	int quiet = getenv("QUIET") != NULL;
	table t;
	gt_split sp;
	gt_error err;
	double *mean, *sd;
	int *ytr, *yte;
	gt_samples tr, te;
	gt_arch arch = p->arch;

	if (argc < 3) {
		fprintf(stderr, "usage: smalltab FILE.csv VARIANT...\n");
		return 2;
	}
	read_table(&t, argv[1]);
	if (gt_split_make(&sp, (uint32_t)t.n, 0.2, 42, &err) != GT_OK) {
		fprintf(stderr, "smalltab: %s\n", err.msg);
		return 1;
	}
	mean = malloc((size_t)t.d * sizeof(double));
	sd = malloc((size_t)t.d * sizeof(double));
	ytr = malloc(sp.ntrain * sizeof(int));
	yte = malloc(sp.ntest * sizeof(int));
	fit_standard(&t, &sp, mean, sd);
	tr = (gt_samples){ standardised(&t, sp.train, sp.ntrain, mean, sd, ytr), NULL, ytr,
	                   sp.ntrain, t.d, 0 };
	te = (gt_samples){ standardised(&t, sp.test, sp.ntest, mean, sd, yte), NULL, yte,
	                   sp.ntest, t.d, 0 };
	arch.sizes[0] = t.d;
	arch.sizes[arch.nlayers] = t.k;
	printf("%s: %zu rows, %d features, %d labels; %u train, %u test (seed 42)\n",
	       argv[1], t.n, t.d, t.k, sp.ntrain, sp.ntest);
	for (int a = 2; a < argc; a++) {
		variant v;
		double sum = 0, sum3 = 0, lo = 1;

		parse_variant(&v, argv[a], p);
		printf("%-40s", argv[a]);
		for (int s = 1; s <= seeds; s++) {
			int kept = 0, ran = 0;
			double acc = run_seed(&v, &arch, &tr, &te, (uint32_t)s, &kept, &ran);

			sum += acc;
			sum3 += s <= 3 ? acc : 0;
			lo = acc < lo ? acc : lo;
			if (!quiet)
				printf("  %.3f (%d/%d)", acc, kept, ran);
			fflush(stdout);
		}
		printf("  seeds 1-3 mean %.4f", sum3 / (seeds < 3 ? seeds : 3));
		if (seeds > 3)
			printf("  seeds 1-%d mean %.4f min %.3f", seeds, sum / seeds, lo);
		printf("\n");
	}
	return 0;
}
