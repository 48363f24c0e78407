/* tui_export.c: x in the Train and Confusion panes: the run on screen
 * written to a folder through export.c, and the check that asks first
 * when that would replace a run's files already there. */
#include <stdio.h>
#include <sys/stat.h>

#include "genretui/export.h"
#include "genretui/tui_ask.h"

#define DEFAULT_DIR "genretui-export"

const char *gt_tui_export_default(const gt_app *app)
{
	return app->cli->export_dir ? app->cli->export_dir : DEFAULT_DIR;
}

int gt_tui_export_ready(gt_app *app)
{
	if (app->training) {
		gt_app_message(app, 1, "training: stop it (z) or let it finish, then x exports");
		return 0;
	}
	if (!app->session.evaluated) {
		gt_app_message(app, 1, "no run to export yet: t in the Train pane trains one");
		return 0;
	}
	return 1;
}

int gt_tui_export_replaces(const char *dir, char *first, size_t n)
{
	int found = 0;

	for (int i = 0; i < GT_EXPORT_NFILES; i++) {
		char path[4096];
		struct stat sb;

		snprintf(path, sizeof(path), "%s/%s", dir, gt_export_files[i]);
		if (lstat(path, &sb) == 0 && found++ == 0)
			snprintf(first, n, "%s", gt_export_files[i]);
	}
	return found;
}

void gt_tui_export(gt_app *app, const char *dir)
{
	gt_export_info info = { app->path, app->synthetic, app->model_preset,
	                        app->session.loaded ? app->cli->model : NULL };
	gt_error err = {0};

	if (!gt_tui_export_ready(app))
		return;
	if (gt_export_write(dir, &app->session, &info, &err) != GT_OK) {
		gt_app_message(app, 1, "%s", err.msg);
		return;
	}
	app->saved_generation = app->session.generation;
	gt_app_message(app, 0, "run exported to %s/ (epochs.csv, confusion_test.csv, "
	               "confusion_train.csv, report.json, predictions.csv)", dir);
}

void gt_tui_export_ask(gt_app *app, gt_ask *a)
{
	if (gt_tui_export_ready(app))
		gt_ask_open(a, GT_ASK_EXPORT, "export the run into the folder",
		            gt_tui_export_default(app));
}

void gt_tui_export_answer(gt_app *app, gt_ask *a, int r)
{
	char first[64], q[700];
	int n;

	if (r == GT_ASK_CANCEL)
		gt_app_message(app, 0, "nothing exported");
	if (r == GT_ASK_YES)
		gt_tui_export(app, a->text);
	if (r != GT_ASK_ANSWER)
		return;
	n = gt_tui_export_replaces(a->text, first, sizeof(first));
	if (n == 0) {
		gt_tui_export(app, a->text);
		return;
	}
	snprintf(q, sizeof(q), "%s holds a run's files already (%s%s): replace them?", a->text,
	         first, n > 1 ? " and more" : "");
	gt_ask_confirm(a, q);
}
