/* predict_cli.c: `genretui --predict`, the prompt on its own. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "genretui/prompt_answer.h"
#include "genretui/atomic_file.h"
#include "genretui/batch.h"
#include "genretui/histfile.h"
#include "genretui/predict_cli.h"
#include "genretui/readline_prompt.h"
#include "genretui/preset.h"
#include "genretui/session.h"
#include "genretui/textfmt.h"

/* ---- getting a model ---- */

typedef struct {
	gt_session session;      /* when the model is trained here */
	gt_pipeline pipe;        /* when a saved model is used with a CSV */
	int have_session, have_pipe;
	gt_predictor pred;
} predict_src;

static int train_here(predict_src *src, const gt_cli *cli, const char *path)
{
	const gt_preset *preset = gt_preset_find(cli->preset);
	gt_hparams hp = preset->hp;
	gt_pipeline_opts o;
	gt_error err = {0};

	gt_pipeline_defaults(&o);
	o.split_seed = cli->split_seed;
	o.map = &cli->map;
	o.schema.label = cli->label;
	o.schema.features = cli->features;
	o.schema.drop = cli->drop;
	o.threads = cli->threads;
	if (cli->epochs > 0) hp.epochs = cli->epochs;
	if (cli->batch_size > 0) hp.batch_size = cli->batch_size;
	if (cli->lr > 0) hp.lr = cli->lr;
	if (cli->seed >= 0) hp.seed = (uint32_t)cli->seed;
	if (cli->save_model && gt_check_writable(cli->save_model, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;   /* before training */
	if (gt_session_open(&src->session, path, &o, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	src->have_session = 1;
	fprintf(stderr, "genretui: training the %s preset on %s (%d epochs, seed %u) ...\n",
	        preset->name, path, hp.epochs, hp.seed);
	if (gt_session_start(&src->session, &preset->arch, &hp, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	while (gt_session_step(&src->session, NULL) >= 0)
		;
	fprintf(stderr, "genretui: test accuracy %.4f\n", src->session.rep_test.accuracy);
	if (gt_predictor_from_session(&src->pred, &src->session, preset->name, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	if (cli->save_model && gt_batch_save_model(&src->pred, cli->save_model) != 0)
		return -1;
	return 0;
}

/* A saved model; the CSV, if one was named, only serves `line N` and `row N`. */
static int load_saved(predict_src *src, const gt_cli *cli)
{
	gt_pipeline_opts o;
	gt_error err = {0};
	char name[256];

	if (gt_predictor_load(&src->pred, cli->model, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	if (!cli->csv)
		return 0;
	gt_pipeline_defaults(&o);
	o.split_seed = src->pred.split_seed;
	o.map = &cli->map;
	o.schema.label = cli->label;
	o.schema.features = cli->features;
	o.schema.drop = cli->drop;
	o.threads = cli->threads;
	if (gt_pipeline_open(&src->pipe, cli->csv, &o, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	src->have_pipe = 1;
	gt_text_safe(cli->model, name, sizeof(name), sizeof(name) - 16);
	if (gt_predictor_check_layout(&src->pred, &src->pipe.clean.layout, name, &err) != GT_OK ||
	    gt_predictor_check_genres(&src->pred, &src->pipe.clean.genres, name, &err) != GT_OK)
		return fprintf(stderr, "genretui: %s\n", err.msg), -1;
	return 0;
}

static void src_free(predict_src *src)
{
	gt_predictor_free(&src->pred);
	if (src->have_session)
		gt_session_close(&src->session);
	if (src->have_pipe)
		gt_pipeline_close(&src->pipe);
}

/* ---- the two loops ---- */

static void print_line(void *ctx, gt_out_role role, const char *text)
{
	FILE *f = ctx;

	if (role == GT_OUT_ERROR)
		fprintf(f, "error: %s\n", text);
	else if (role == GT_OUT_BEST || role == GT_OUT_SECOND)
		fprintf(f, "%s  <- %s\n", text, role == GT_OUT_BEST ? "1st" : "2nd");
	else
		fprintf(f, "%s\n", text);
}

/* Not a terminal: exactly one output line per input line, in order, each
 * line standing alone (no values carried from one to the next). */
static int script_loop(gt_answerer *a)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int bad = 0;

	a->brief = 1;
	a->keep = 0;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			len--;
		if (gt_answerer_bytes(a, line, (size_t)len, print_line, stdout) == 1)
			break;
		bad |= ferror(stdout);
		fflush(stdout);
	}
	free(line);
	return bad ? 1 : 0;
}

static void history_warn(const gt_error *err)
{
	fprintf(stderr, "genretui: %s; the prompt's history is not kept\n", err->msg);
}

static int readline_loop(gt_answerer *a)
{
	char hist[4096], *line;
	gt_error err = {0};
	const char *path = gt_history_open(hist, sizeof(hist), &err);

	if (err.code != GT_OK)
		history_warn(&err);
	gt_prompt_install_completion(&a->pred->layout);
	if (gt_layout_is_study(&a->pred->layout)) {
		printf("Type name=value pairs (e.g. energy=0.9 key=A# mode=minor), help, or quit.\n");
	} else {
		char example[256];

		gt_prompt_example(&a->pred->layout, a->pred->median, example, sizeof(example));
		printf("Type name=value pairs (e.g. %s), help, or quit.\n", example);
	}
	while ((line = readline("genre> ")) != NULL) {
		int r;

		if (*line && gt_history_add(&path, line, &err) != GT_OK)
			history_warn(&err);
		r = gt_answerer_line(a, line, print_line, stdout);
		free(line);
		if (r == 1)
			break;
	}
	if (path && gt_hist_truncate(path, GT_HISTORY_LINES, &err) != GT_OK)
		history_warn(&err);
	return 0;
}

int gt_predict_main(const gt_cli *cli, const char *path, int synthetic)
{
	predict_src src;
	gt_answerer a;
	int rc;

	(void)synthetic;
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");   /* numbers are read and written with '.' */
	memset(&src, 0, sizeof(src));
	if ((cli->model ? load_saved(&src, cli) : train_here(&src, cli, path)) != 0) {
		src_free(&src);
		return 1;
	}
	gt_answerer_init(&a, &src.pred, src.have_session ? &src.session.pipe :
	              src.have_pipe ? &src.pipe : NULL);
	a.utf8 = isatty(STDOUT_FILENO) && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	rc = isatty(STDIN_FILENO) ? readline_loop(&a) : script_loop(&a);
	src_free(&src);
	return rc;
}
