/* atomic_file.h: files that are replaced whole or not at all.
 *
 * A file is written to a temporary file beside it (mkstemp: created with
 * O_EXCL, so a symlink planted there is never followed), given the mode a
 * new file gets under the umask (0666 & ~umask), flushed to disk and renamed
 * over the target. rename replaces a symlink at the target instead of
 * writing through it, and a crash, a full disk or a read-only directory
 * leaves either the old file or the new one, never a mix.
 *
 * Several files (an export) go in two phases: every temporary file is
 * written first (gt_atomic_prepare), and only when all are on disk are they
 * renamed into place (gt_atomic_commit); a failure before that removes the
 * temporary files (gt_atomic_abort) and leaves every existing file as it
 * was. Messages name the target path (escaped): "out/epochs.csv: cannot
 * write: Permission denied". Only a regular file (or a symlink, replaced
 * itself) is replaced: a directory, FIFO or device at the path is refused.
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT are held while temporary files exist,
 * so a signal cannot leave one behind. */
#ifndef GENRETUI_ATOMIC_FILE_H
#define GENRETUI_ATOMIC_FILE_H

#include <stddef.h>

#include "genretui/status.h"

/* A temporary file written and waiting to be renamed over its target. */
typedef struct {
	char *path;     /* target (a copy) */
	char *tmp;      /* the temporary file beside it, or NULL */
	int held;       /* it holds the terminating signals (atomic_file.c) */
} gt_atomic;

/* Write b[0..n) to a temporary file beside path. Fails at once if path is
 * not a regular file (so that a later commit does not). On failure nothing is
 * left behind and a->tmp is NULL. */
gt_status gt_atomic_prepare(gt_atomic *a, const char *path, const void *b,
                            size_t n, gt_error *err);
/* Rename the temporary file over the target (then make the rename durable,
 * best effort). On failure the temporary file is removed. Frees a. */
gt_status gt_atomic_commit(gt_atomic *a, gt_error *err);
/* Remove the temporary file, if any, and free a. */
void gt_atomic_abort(gt_atomic *a);

/* Both phases for one file. */
gt_status gt_write_atomic(const char *path, const void *b, size_t n,
                          gt_error *err);

/* Write all n bytes to fd, going on after EINTR and short writes. 0, or -1
 * with errno (EIO if the file takes nothing). */
int gt_write_all(int fd, const void *b, size_t n);

/* Make directory dir and any missing parents (mode 0777 & ~umask). An
 * existing directory (or a symlink to one) is fine; anything else at dir
 * is an error: "out: exists and is not a directory". */
gt_status gt_make_dir(const char *dir, gt_error *err);

/* dir + "/" + name (no second '/' when dir ends in one), malloc'd; NULL
 * when out of memory. */
char *gt_path_join(const char *dir, const char *name);

/* Before long work whose result goes to path: could it be written there
 * now? The path must be replaceable (as above) and a temporary file must be
 * creatable beside it (one is made and removed at once: this catches a
 * missing or read-only directory, a path under a file, no permission).
 * Fails with the message a write would give ("x/m.gtm: cannot write: No
 * such file or directory"). A full disk shows only when writing. */
gt_status gt_check_writable(const char *path, gt_error *err);

/* The same for a directory that gt_make_dir will make: an existing one must
 * be a directory in which each of files[0..n) is writable; a missing one
 * must be creatable under its deepest existing parent (a directory is made
 * and removed there). Messages as gt_make_dir's and gt_check_writable's.
 * Nothing is left behind. */
gt_status gt_check_dir(const char *dir, const char *const *files, int n, gt_error *err);

/* A new, empty file of a name of its own in $TMPDIR (else /tmp):
 * "/tmp/genretui-model-Xa81bQ.gtm" for prefix "genretui-model-" and suffix
 * ".gtm", its path written into buf (made with O_EXCL, mode 0600): a place
 * to keep work that could not be saved where asked. With dir set, a new
 * directory instead (mode 0700, no suffix). */
gt_status gt_fallback_path(const char *prefix, const char *suffix, int dir, char *buf,
                           size_t n, gt_error *err);

#endif
