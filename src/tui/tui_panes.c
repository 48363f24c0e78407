/* tui_panes.c: the panes of the application, in tab order (key 1 to 6). */
#include "genretui/tui.h"

const gt_pane *const gt_panes[GT_NPANES] = {
	[GT_PANE_BROWSE] = &gt_browse_pane,
	[GT_PANE_BALANCE] = &gt_balance_pane,
	[GT_PANE_TRAIN] = &gt_train_pane,
	[GT_PANE_CONFUSION] = &gt_confusion_pane,
	[GT_PANE_PREDICT] = &gt_predict_pane,
	[GT_PANE_FEATURES] = &gt_features_pane,
};
