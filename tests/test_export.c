/* test_export.c: a run written to a directory. The CSVs are read back and
 * compared with the session (the history to 10 significant digits, the
 * matrices exactly), report.json is parsed with jansson and checked
 * against the reports; numbers stay in the C locale; a planted symlink is
 * replaced; failures (DIR a file, a file a directory, a read-only
 * directory, no model) name the path and leave the old files as they were. */
#define _XOPEN_SOURCE 700 /* symlink, strdup */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "testutil.h"
#include "testdir.h"
#include "genretui/colmap.h"
#include "genretui/encode.h"
#include "genretui/export.h"
#include "genretui/preset.h"
#include "genretui/schema.h"
#include "genretui/session.h"

static gt_session sess;     /* trained once, on the synthetic sample */
static int have_sess;
static const gt_export_info info = { "sample.csv", 1, "paper", NULL };

static int train_sample(void **state)
{
	const char *csv = getenv("GT_SAMPLE_CSV");
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_error err;

	(void)state;
	if (!csv || access(csv, R_OK) != 0)
		return 0;
	if (gt_session_open(&sess, csv, NULL, &err) != GT_OK)
		return -1;
	hp.epochs = 3;
	hp.seed = 7;
	if (gt_session_start(&sess, &paper->arch, &hp, &err) != GT_OK)
		return -1;
	while (gt_session_step(&sess, NULL) >= 0)
		;
	have_sess = 1;
	return 0;
}

static int close_sample(void **state)
{
	(void)state;
	if (have_sess)
		gt_session_close(&sess);
	return 0;
}

static void need_session(void)
{
	if (!have_sess) {
		print_message("GT_SAMPLE_CSV is not readable\n");
		skip();
	}
}

/* The whole content of dir/name (NUL-terminated), or NULL. */
static char *slurp(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;
	char *b;
	long n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	b = calloc(1, (size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	return b;
}

/* Split line s (modified) at commas into at most max fields; returns the count. */
static int fields(char *s, char **out, int max)
{
	int n = 0;

	for (char *p = s; n < max; p++) {
		out[n++] = p;
		p = strchr(p, ',');
		if (!p)
			break;
		*p = '\0';
	}
	return n;
}

/* One CSV record from *p (modified: fields unquoted in place), which moves
 * past its line end: at most max fields into out; returns the count, 0
 * at the end of the text. */
static int csv_record(char **p, char **out, int max)
{
	char *r = *p, *w = *p;
	int n = 0;

	if (!*r)
		return 0;
	for (;;) {
		int quoted = *r == '"';

		if (n < max)
			out[n] = w;
		n++;
		r += quoted;
		while (*r && (quoted || (*r != ',' && *r != '\n'))) {
			if (quoted && *r == '"' && r[1] == '"')
				r++;
			else if (quoted && *r == '"') {
				quoted = 0;
				r++;
				continue;
			}
			*w++ = *r++;
		}
		if (*r != ',') {
			*p = r + (*r == '\n');
			*w = '\0';
			return n < max ? n : max;
		}
		*w++ = '\0';
		r++;
	}
}

/* epochs.csv: each epoch's figures, the test rows named test_, the
 * validation slice (none here: empty fields), and the kept epoch marked. */
static void check_epochs(const char *text)
{
	char *copy = strdup(text), *save = NULL, *line, *f[12];
	int i = 0;

	line = strtok_r(copy, "\n", &save);
	assert_string_equal(line, "epoch,loss,accuracy,test_loss,test_accuracy,validation_loss,"
	                    "validation_accuracy,lr,seconds,kept");
	while ((line = strtok_r(NULL, "\n", &save))) {
		const gt_epoch *e = &sess.trainer.history[i];

		assert_true(i < sess.trainer.epoch);
		assert_int_equal(fields(line, f, 12), 10);
		assert_int_equal(atoi(f[0]), i + 1);
		assert_near(strtod(f[1], NULL), e->loss, 1e-9 * e->loss);
		assert_near(strtod(f[2], NULL), e->accuracy, 1e-9);
		assert_near(strtod(f[3], NULL), e->val_loss, 1e-9 * e->val_loss);
		assert_near(strtod(f[4], NULL), e->val_accuracy, 1e-9);
		assert_string_equal(f[5], "");
		assert_string_equal(f[6], "");
		assert_near(strtod(f[7], NULL), e->lr, 1e-12);
		assert_near(strtod(f[8], NULL), e->seconds, 1e-9 * e->seconds + 1e-12);
		assert_string_equal(f[9], i + 1 == 3 ? "1" : "0");   /* the last: no slice */
		i++;
	}
	assert_int_equal(i, 3);
	free(copy);
}

static void check_confusion(const char *text, const gt_confusion *cm)
{
	char *copy = strdup(text), *save = NULL, *line, *f[GT_MAX_CLASSES + 2];
	int r = 0;

	line = strtok_r(copy, "\n", &save);
	assert_int_equal(fields(line, f, GT_MAX_CLASSES + 2), GT_NCLASSES + 1);
	assert_string_equal(f[0], "true/predicted");
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_string_equal(f[c + 1], gt_genre_names[c]);
	while ((line = strtok_r(NULL, "\n", &save))) {
		assert_true(r < GT_NCLASSES);
		assert_int_equal(fields(line, f, GT_MAX_CLASSES + 2), GT_NCLASSES + 1);
		assert_string_equal(f[0], gt_genre_names[r]);
		for (int p = 0; p < GT_NCLASSES; p++)
			assert_int_equal(atol(f[p + 1]), GT_CM(cm, r, p));
		r++;
	}
	assert_int_equal(r, GT_NCLASSES);
	free(copy);
}

/* predictions.csv: every test row, then every training row, with its file
 * line, genres and probabilities, then the columns that name it in the
 * file (instance_id, artist_name, track_name: CSV-quoted, as the file has
 * them); the matrices rebuilt from it are the session's, and the
 * predicted genre is the most probable one. */
static void check_predictions(const char *text)
{
	static const gt_column naming[3] = { GT_COL_INSTANCE_ID, GT_COL_ARTIST, GT_COL_TRACK };
	const gt_pipeline *p = &sess.pipe;
	char *copy = strdup(text), *at = copy, *f[GT_MAX_CLASSES + 8];
	gt_confusion cm[2] = { { 0 } };
	size_t i = 0, quoted = 0;

	gt_confusion_init(&cm[0], GT_NCLASSES);
	gt_confusion_init(&cm[1], GT_NCLASSES);
	assert_int_equal(csv_record(&at, f, GT_MAX_CLASSES + 8), GT_NCLASSES + 7);
	assert_string_equal(f[0], "line");
	assert_string_equal(f[3], "predicted");
	assert_string_equal(f[4], "p_Electronic");
	assert_string_equal(f[GT_NCLASSES + 3], "p_Hip-Hop");
	assert_string_equal(f[GT_NCLASSES + 4], "instance_id");
	assert_string_equal(f[GT_NCLASSES + 5], "artist_name");
	assert_string_equal(f[GT_NCLASSES + 6], "track_name");
	while (*at) {
		int test = i < p->test.n, t = -1, q = -1;
		size_t j = test ? i : i - p->test.n, row;
		double sum = 0, pq;

		assert_true(i < p->test.n + p->train.n);
		assert_int_equal(csv_record(&at, f, GT_MAX_CLASSES + 8), GT_NCLASSES + 7);
		row = test ? p->test_row[j] : p->train_row[j];
		assert_int_equal(atol(f[0]), p->ds.line[row]);
		for (int c = 0; c < 3; c++) {
			assert_string_equal(f[GT_NCLASSES + 4 + c], gt_cell(&p->ds, row, naming[c]));
			quoted += strpbrk(f[GT_NCLASSES + 4 + c], ",\"") != NULL;
		}
		assert_string_equal(f[1], test ? "test" : "train");
		for (int c = 0; c < GT_NCLASSES; c++) {
			t = strcmp(f[2], gt_genre_names[c]) ? t : c;
			q = strcmp(f[3], gt_genre_names[c]) ? q : c;
			sum += strtod(f[4 + c], NULL);
		}
		assert_int_equal(t, test ? p->test.y[j] : p->train.y[j]);
		assert_int_equal(q, test ? sess.pred_test[j] : sess.pred_train[j]);
		assert_near(sum, 1.0, 1e-6);
		pq = strtod(f[4 + q], NULL);
		for (int c = 0; c < GT_NCLASSES; c++)
			assert_true(strtod(f[4 + c], NULL) <= pq + 1e-6);
		gt_confusion_add(&cm[!test], t, q);
		i++;
	}
	assert_int_equal(i, p->test.n + p->train.n);
	assert_true(quoted > 0);      /* names with commas and quotes read back whole */
	assert_int_equal(sess.cm_test.k, GT_NCLASSES);
	assert_int_equal(sess.cm_train.k, GT_NCLASSES);
	assert_memory_equal(cm[0].cell, sess.cm_test.cell, GT_NCLASSES * GT_NCLASSES * sizeof(long));
	assert_memory_equal(cm[1].cell, sess.cm_train.cell, GT_NCLASSES * GT_NCLASSES * sizeof(long));
	gt_confusion_free(&cm[0]);
	gt_confusion_free(&cm[1]);
	free(copy);
}

static double jnum(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_number(v))
		fail_msg("'%s' is not a number", key);
	return json_number_value(v);
}

/* A set's figures: accuracy, top-2 and fusion-aware accuracy, and its
 * classification report, under the document's keys for the set. */
static void check_set(json_t *d, const char *set, const gt_report *r, double top2,
                      double fusion)
{
	char key[64];
	json_t *rep;

	snprintf(key, sizeof(key), "report_%s", set);
	rep = json_object_get(d, key);
	assert_non_null(rep);
	snprintf(key, sizeof(key), "%s_accuracy", set);
	assert_near(jnum(d, key), r->accuracy, 1e-9);
	snprintf(key, sizeof(key), strcmp(set, "test") ? "top2_accuracy_%s" : "top2_accuracy", set);
	assert_near(jnum(d, key), top2, 1e-9);
	snprintf(key, sizeof(key), strcmp(set, "test") ? "fusion_accuracy_%s" : "fusion_accuracy", set);
	assert_near(jnum(d, key), fusion, 1e-9);
	for (int c = 0; c < GT_NCLASSES; c++) {
		json_t *g = json_object_get(rep, gt_genre_names[c]);

		assert_non_null(g);
		assert_near(jnum(g, "precision"), r->precision[c], 1e-9);
		assert_near(jnum(g, "recall"), r->recall[c], 1e-9);
		assert_near(jnum(g, "f1"), r->f1[c], 1e-9);
		assert_int_equal(jnum(g, "support"), r->support[c]);
	}
	assert_near(jnum(rep, "accuracy"), r->accuracy, 1e-9);
	assert_near(jnum(json_object_get(rep, "macro_avg"), "f1"), r->macro_f1, 1e-9);
	assert_near(jnum(json_object_get(rep, "weighted_avg"), "precision"),
	            r->weighted_precision, 1e-9);
	assert_int_equal(jnum(json_object_get(rep, "weighted_avg"), "support"), r->total);
}

static void check_report(const char *dir)
{
	char path[4096];
	json_error_t je;
	json_t *d, *hp;

	snprintf(path, sizeof(path), "%s/report.json", dir);
	d = json_load_file(path, 0, &je);
	if (!d)
		fail_msg("report.json: %s (line %d)", je.text, je.line);
	assert_string_equal(json_string_value(json_object_get(d, "preset")), "paper");
	assert_string_equal(json_string_value(json_object_get(d, "file")), "sample.csv");
	assert_true(json_is_true(json_object_get(d, "synthetic")));
	assert_true(json_is_null(json_object_get(d, "model_file")));
	assert_int_equal(jnum(d, "epochs_trained"), 3);
	assert_int_equal(jnum(d, "kept_epoch"), 3);
	assert_true(json_is_null(json_object_get(d, "validation")));
	assert_int_equal(json_array_size(json_object_get(d, "epochs")), 3);
	hp = json_object_get(d, "hyperparameters");
	assert_int_equal(jnum(hp, "seed"), 7);
	assert_int_equal(jnum(hp, "split_seed"), 42);
	assert_int_equal(jnum(hp, "batch_size"), 16);
	assert_near(jnum(hp, "lr"), 0.001, 1e-12);
	assert_int_equal(jnum(hp, "epochs"), 3);
	assert_int_equal(json_array_size(json_object_get(d, "genres")), GT_NCLASSES);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(
		json_object_get(d, "architecture"), "sizes"), 2)), GT_NCLASSES);
	assert_int_equal(jnum(d, "rows_read"), sess.pipe.clean.ledger.rows_read);
	assert_int_equal(jnum(d, "rows_kept"), sess.pipe.clean.ledger.kept);
	assert_int_equal(jnum(d, "train_rows"), sess.pipe.train.n);
	assert_int_equal(jnum(d, "test_rows"), sess.pipe.test.n);
	assert_int_equal(json_array_size(json_object_get(d, "test_support")), GT_NCLASSES);
	check_set(d, "test", &sess.rep_test, sess.top2_test, sess.fusion_test);
	check_set(d, "train", &sess.rep_train, sess.top2_train, sess.fusion_train);
	json_decref(d);
}

/* importance.csv: a header, then each feature's name, mean, sd and drops
 * as the session holds them. */
static void check_importance(const char *t, const gt_importance *imp)
{
	const char *line;
	char want[256];

	assert_non_null(t);
	assert_int_equal(strncmp(t, "feature,mean,sd,shuffle_1,shuffle_2\n", 35), 0);
	line = strchr(t, '\n') + 1;
	for (int f = 0; f < imp->nfeat; f++) {
		snprintf(want, sizeof(want), "%s,%.10g,%.10g,%.10g,%.10g\n", imp->feat[f].name,
		         imp->mean[f], imp->sd[f], imp->drops[2 * f], imp->drops[2 * f + 1]);
		assert_int_equal(strncmp(line, want, strlen(want)), 0);
		line += strlen(want);
	}
	assert_int_equal(*line, '\0');
	assert_int_equal(imp->nfeat, 13);
}

static void test_round_trip(void **state)
{
	const char *dir = *state;
	char sub[4096], *t;
	gt_error err;
	struct stat sb;
	mode_t old = umask(027);

	gt_importance_opts io = { 2, 1, 2 };

	need_session();
	snprintf(sub, sizeof(sub), "%s/bare", dir);             /* no importance: no importance.csv */
	assert_int_equal(gt_export_write(sub, &sess, &info, &err), GT_OK);
	assert_null(t = slurp(sub, "importance.csv"));
	if (gt_session_importance(&sess, &io, &err) != GT_OK)
		fail_msg("%s", err.msg);
	snprintf(sub, sizeof(sub), "%s/new/run", dir);          /* made with its parent */
	if (gt_export_write(sub, &sess, &info, &err) != GT_OK)
		fail_msg("%s", err.msg);
	umask(old);
	assert_int_equal(stat(sub, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0750);
	for (int i = 0; i < GT_EXPORT_NFILES; i++) {
		char p[4200];

		snprintf(p, sizeof(p), "%s/%s", sub, gt_export_files[i]);
		assert_int_equal(stat(p, &sb), 0);
		assert_int_equal(sb.st_mode & 07777, 0640);
	}
	check_epochs(t = slurp(sub, "epochs.csv"));
	free(t);
	check_confusion(t = slurp(sub, "confusion_test.csv"), &sess.cm_test);
	free(t);
	check_confusion(t = slurp(sub, "confusion_train.csv"), &sess.cm_train);
	free(t);
	check_importance(t = slurp(sub, "importance.csv"), &sess.importance);
	free(t);
	check_predictions(t = slurp(sub, "predictions.csv"));
	free(t);
	check_report(sub);
}

/* A locale with a decimal comma must not reach the files. */
static void test_c_locale(void **state)
{
	static const char *const commas[] = { "de_DE.UTF-8", "fr_FR.UTF-8", "de_DE", NULL };
	const char *got = NULL;
	char *t;
	gt_error err;

	need_session();
	for (int i = 0; commas[i] && !got; i++)
		got = setlocale(LC_NUMERIC, commas[i]);
	if (!got) {
		print_message("no locale with a decimal comma is installed\n");
		skip();
	}
	assert_int_equal(gt_export_write(*state, &sess, &info, &err), GT_OK);
	setlocale(LC_NUMERIC, "C");
	t = slurp(*state, "epochs.csv");
	check_epochs(t);
	free(t);
	check_report(*state);
}

static void test_symlink_replaced(void **state)
{
	char target[4096], link[4096], *t;
	gt_error err;
	struct stat sb;
	FILE *f;

	need_session();
	snprintf(target, sizeof(target), "%s/precious", (char *)*state);
	snprintf(link, sizeof(link), "%s/epochs.csv", (char *)*state);
	f = fopen(target, "w");
	fputs("precious\n", f);
	fclose(f);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(gt_export_write(*state, &sess, &info, &err), GT_OK);
	assert_int_equal(lstat(link, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	t = slurp(*state, "precious");
	assert_string_equal(t, "precious\n");
	free(t);
}

static void test_failures(void **state)
{
	const char *dir = *state;
	char p[4096], *before, *after;
	gt_session none;
	gt_error err;

	need_session();
	/* DIR is a file */
	snprintf(p, sizeof(p), "%s/afile", dir);
	fclose(fopen(p, "w"));
	assert_int_equal(gt_export_write(p, &sess, &info, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "afile: exists and is not a directory"));
	/* one of the files is a directory: nothing already there changes */
	assert_int_equal(gt_export_write(dir, &sess, &info, &err), GT_OK);
	before = slurp(dir, "epochs.csv");
	snprintf(p, sizeof(p), "%s/report.json", dir);
	assert_int_equal(unlink(p), 0);
	assert_int_equal(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/epochs.csv", dir);
	{
		FILE *f = fopen(p, "w");

		fputs("old\n", f);
		fclose(f);
	}
	assert_int_equal(gt_export_write(dir, &sess, &info, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, "report.json: cannot write: "));
	assert_non_null(strstr(err.msg, strerror(EISDIR)));
	after = slurp(dir, "epochs.csv");
	assert_string_equal(after, "old\n");
	free(before);
	free(after);
	/* a read-only directory (root writes anyway) */
	snprintf(p, sizeof(p), "%s/ro", dir);
	assert_int_equal(mkdir(p, 0500), 0);
	if (geteuid() != 0) {
		assert_int_equal(gt_export_write(p, &sess, &info, &err), GT_ERR_IO);
		assert_non_null(strstr(err.msg, "ro/epochs.csv: cannot write: "));
	}
	chmod(p, 0700);
	/* no model */
	memset(&none, 0, sizeof(none));
	assert_int_equal(gt_export_write(dir, &none, &info, &err), GT_ERR_ARG);
	assert_non_null(strstr(err.msg, "nothing to export"));
}

/* A file's own genres, named as given: CSV-quoted where needed. */
static void test_own_genres(void **state)
{
	static const char *const names[] = { "drum, bass", "k-pop", "say \"hi\"" };
	gt_genres g;
	gt_confusion cm = { 0 };
	char *t;

	(void)state;
	assert_int_equal(gt_genres_set(&g, names, 3), 0);
	gt_confusion_init(&cm, 3);
	GT_CM(&cm, 0, 1) = 5;
	GT_CM(&cm, 2, 2) = 7;
	t = gt_export_confusion_csv(&cm, &g);
	assert_string_equal(t, "true/predicted,\"drum, bass\",k-pop,\"say \"\"hi\"\"\"\n"
	                    "\"drum, bass\",0,5,0\nk-pop,0,0,0\n\"say \"\"hi\"\"\",0,0,7\n");
	free(t);
	gt_confusion_free(&cm);
}

/* Without artist names (an optional column) there is no fusion-aware
 * accuracy: report.json says null; top-2 accuracy is still there. */
static void test_fusion_unavailable(void **state)
{
	const char *dir = getenv("GT_TESTDATA");
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_pipeline_opts o;
	gt_colmap map;
	gt_session s;
	gt_error err;
	json_t *doc;
	char path[4096];

	(void)state;
	snprintf(path, sizeof(path), "%s/spotify_api_synthetic.csv", dir ? dir : "tests/data");
	if (access(path, R_OK) != 0)
		skip();
	gt_colmap_init(&map);
	assert_int_equal(gt_colmap_parse(&map, "label=track_genre,duration_ms=duration", &err),
	                 GT_OK);
	gt_pipeline_defaults(&o);
	o.map = &map;
	assert_int_equal(gt_session_open(&s, path, &o, &err), GT_OK);
	assert_int_equal(s.pipe.ds.field[GT_COL_ARTIST], -1);
	hp.epochs = 1;
	assert_int_equal(gt_session_start(&s, &paper->arch, &hp, &err), GT_OK);
	while (gt_session_step(&s, NULL) >= 0)
		;
	doc = gt_export_report(&s, &info);
	assert_true(json_is_null(json_object_get(doc, "fusion_accuracy")));
	assert_true(json_is_null(json_object_get(doc, "fusion_accuracy_train")));
	assert_true(json_is_number(json_object_get(doc, "top2_accuracy")));
	json_decref(doc);
	gt_session_close(&s);
}

/* The predictions.csv of one paper epoch on the file at path, read by its
 * own schema; s stays open for the caller to close. */
static char *one_epoch_predictions(gt_session *s, const char *path)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	gt_error err;
	char *text;

	if (gt_session_open(s, path, NULL, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_non_null(s->pipe.schema);
	hp.epochs = 1;
	assert_int_equal(gt_session_start(s, &paper->arch, &hp, &err), GT_OK);
	while (gt_session_step(s, NULL) >= 0)
		;
	text = gt_export_predictions_csv(s);
	assert_non_null(text);
	return text;
}

/* predictions.csv of a file read by its own schema (a fixture, or a file
 * written into dir): after the probabilities come the names of want
 * (NULL-ended), and on every row those columns' cells of the row on the
 * line it gives. */
static void check_own_naming(const char *path, const char *const *want)
{
	gt_session s;
	char *text, *at, *f[GT_MAX_CLASSES + 8];
	int nwant = 0, col[3], n, rows = 0;

	while (want[nwant])
		nwant++;
	at = text = one_epoch_predictions(&s, path);
	n = csv_record(&at, f, GT_MAX_CLASSES + 8);
	assert_int_equal(n, 4 + s.pipe.clean.genres.k + nwant);
	assert_string_equal(f[0], "line");
	assert_int_equal(strncmp(f[n - nwant - 1], "p_", 2), 0);
	for (int c = 0; c < nwant; c++) {
		assert_string_equal(f[n - nwant + c], want[c]);
		col[c] = gt_schema_find(s.pipe.schema, want[c]);
		assert_true(col[c] >= 0);
	}
	while (csv_record(&at, f, GT_MAX_CLASSES + 8) == n) {
		size_t r = gt_dataset_row_of_line(&s.pipe.ds, atol(f[0]));

		assert_true(r < s.pipe.ds.nrows);
		for (int c = 0; c < nwant; c++)
			assert_string_equal(f[n - nwant + c], gt_cell_col(&s.pipe.ds, r, col[c]));
		rows++;
	}
	assert_string_equal(at, "");
	assert_int_equal(rows, (int)(s.pipe.test.n + s.pipe.train.n));
	free(text);
	gt_session_close(&s);
}

/* The identifier, artists and title of a file read by its own schema,
 * under its own names: GTZAN's filename; a hackathon file's "Artist Name"
 * and "Track Name" (no identifier); a Spotify API dump's track_id (not
 * its unnamed index), artists and track_name (an identifier by its
 * values, not album_name); none for a table with no such column. */
static void test_own_naming(void **state)
{
	static const char *const gtzan[] = { "filename", NULL };
	static const char *const hack[] = { "Artist Name", "Track Name", NULL };
	static const char *const api[] = { "track_id", "artists", "track_name", NULL };
	static const char *const none[] = { NULL };
	const char *dir = getenv("GT_TESTDATA");
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/gtzan_small.csv", dir ? dir : "tests/data");
	if (access(path, R_OK) != 0)
		skip();
	check_own_naming(path, gtzan);
	snprintf(path, sizeof(path), "%s/hackathon_small.csv", dir ? dir : "tests/data");
	check_own_naming(path, hack);
	snprintf(path, sizeof(path), "%s/spotify_api_own_genres.csv", dir ? dir : "tests/data");
	check_own_naming(path, api);
	snprintf(path, sizeof(path), "%s/plain.csv", (char *)*state);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("loud,bright,genre\n", f);
	for (int r = 0; r < 40; r++)
		fprintf(f, "%d.5,%d,%s\n", (r * 7) % 13, (r * 5) % 11, r % 2 ? "dub" : "ska");
	fclose(f);
	check_own_naming(path, none);
}

/* The last heading of the predictions.csv of a table of 40 rows made in
 * dir under the heading head: an index, then (kind 0) a text that differs
 * in every row, a number and the genre. */
static void check_last_heading(const char *dir, const char *head, int kind, const char *want)
{
	gt_session s;
	char path[4096], *text, *at, *f[GT_MAX_CLASSES + 8];
	int n;
	FILE *out;

	snprintf(path, sizeof(path), "%s/heading%d.csv", dir, kind);
	out = fopen(path, "w");
	assert_non_null(out);
	fprintf(out, "%s\n", head);
	for (int r = 0; r < 40; r++)
		if (kind == 0)
			fprintf(out, "%d,s%d,%d.5,%s\n", r, r, (r * 7) % 13, r % 2 ? "dub" : "ska");
		else
			fprintf(out, "%d,%d.5,%s\n", r, (r * 7) % 13, r % 2 ? "dub" : "ska");
	fclose(out);
	at = text = one_epoch_predictions(&s, path);
	n = csv_record(&at, f, GT_MAX_CLASSES + 8);
	assert_string_equal(f[n - 1], want);
	free(text);
	gt_session_close(&s);
}

/* A naming column whose name predictions.csv already has ("set") is
 * headed file_set; one the file left unnamed, index: every heading names
 * one column. */
static void test_naming_headings(void **state)
{
	check_last_heading(*state, ",set,loud,genre", 0, "file_set");
	check_last_heading(*state, ",loud,genre", 1, "index");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		WITH_DIR(test_round_trip),
		WITH_DIR(test_c_locale),
		WITH_DIR(test_symlink_replaced),
		WITH_DIR(test_failures),
		cmocka_unit_test(test_own_genres),
		cmocka_unit_test(test_fusion_unavailable),
		WITH_DIR(test_own_naming),
		WITH_DIR(test_naming_headings),
	};

	return cmocka_run_group_tests(tests, train_sample, close_sample);
}
