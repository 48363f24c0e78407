/* tui_export.c: x in the Train and Confusion panes: the run on screen
 * written to --export DIR (default genretui-export) through export.c. */
#include "genretui/export.h"
#include "genretui/tui.h"

#define DEFAULT_DIR "genretui-export"

void gt_tui_export(gt_app *app)
{
	const char *dir = app->cli->export_dir ? app->cli->export_dir : DEFAULT_DIR;
	gt_export_info info = { app->path, app->synthetic, app->model_preset,
	                        app->session.loaded ? app->cli->model : NULL };
	gt_error err = {0};

	if (app->training) {
		gt_app_message(app, 1, "training: stop it (s) or let it finish, then x exports");
		return;
	}
	if (!app->session.evaluated) {
		gt_app_message(app, 1, "no run to export yet: t in the Train pane trains one");
		return;
	}
	if (gt_export_write(dir, &app->session, &info, &err) != GT_OK) {
		gt_app_message(app, 1, "%s", err.msg);
		return;
	}
	gt_app_message(app, 0, "run exported to %s/ (epochs.csv, confusion_test.csv, "
	               "confusion_train.csv, report.json, predictions.csv)", dir);
}
