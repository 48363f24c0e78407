/* histfile.h: the predict prompt's history file, one line per entry (what
 * readline's history files hold without timestamps).
 *
 * Readline's own history functions open the path as given and so write
 * through a symbolic link planted there. These never do: every open uses
 * O_NOFOLLOW and accepts only a regular file (a FIFO there would block a
 * reader), and a rewrite goes to a new file renamed over the path. A link
 * at the path is refused with a message saying so. A new file is created
 * with mode 0600, less the umask. */
#ifndef GENRETUI_HISTFILE_H
#define GENRETUI_HISTFILE_H

#include <stddef.h>

#include "genretui/status.h"

/* The history file's path: $XDG_STATE_HOME/genretui/history (an absolute
 * XDG_STATE_HOME), else $HOME/.local/state/genretui/history, its missing
 * directories made (mode 0700). Returns buf; NULL when neither variable
 * names a place (err untouched), or when a directory on the way cannot be
 * made or is not one (XDG_STATE_HOME a regular file, a symbolic link loop):
 * err then says which and why: "/x/state: exists and is not a directory",
 * "/x/loop: cannot create the directory: Too many levels of symbolic
 * links". */
const char *gt_hist_default_path(char *buf, size_t n, gt_error *err);

/* Call add(line, ctx) for each line of the file, oldest first, without its
 * newline. A missing file has no lines. */
gt_status gt_hist_read(const char *path, void (*add)(const char *line, void *ctx),
                       void *ctx, gt_error *err);

/* Append line and a newline (one write), creating the file if need be. */
gt_status gt_hist_append(const char *path, const char *line, gt_error *err);

/* Keep only the last keep lines: when the file has more, they are written
 * to a temporary file beside it, with its mode, and renamed over it. */
gt_status gt_hist_truncate(const char *path, size_t keep, gt_error *err);

#endif
