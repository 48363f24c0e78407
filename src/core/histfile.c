/* histfile.c: the predict prompt's history file, never written through a
 * symbolic link (see histfile.h). */
#define _POSIX_C_SOURCE 200809L /* getline, mkstemp, fchmod, O_NOFOLLOW, O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "genretui/atomic_file.h"
#include "genretui/histfile.h"
#include "genretui/textfmt.h"

#define NAME_SHOWN 200             /* bytes of a file name shown in messages */
#define NOT_REGULAR (-1)           /* an errno of our own for hist_fail */

/* "PATH: why" in err: the path made safe to print, the reason in words. */
static gt_status hist_fail(gt_error *err, const char *path, int e)
{
	char name[NAME_SHOWN + 16];

	gt_text_safe(path, name, sizeof(name), NAME_SHOWN);
	if (e == ELOOP)                /* what O_NOFOLLOW says of a link */
		return gt_fail(err, GT_ERR_IO, "%s: is a symbolic link (not followed)", name);
	if (e == NOT_REGULAR)
		return gt_fail(err, GT_ERR_IO, "%s: not a regular file", name);
	return gt_fail(err, GT_ERR_IO, "%s: %s", name, strerror(e));
}

/* Open path, not following a link at it nor waiting on a FIFO, and only if
 * it is a regular file. The descriptor, or -1 with *e set (see hist_fail). */
static int open_regular(const char *path, int flags, int *e, struct stat *sb)
{
	int fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);

	if (fd < 0) {
		*e = errno;
		return -1;
	}
	if (fstat(fd, sb) != 0)
		*e = errno;
	else if (!S_ISREG(sb->st_mode))
		*e = NOT_REGULAR;
	else
		return fd;
	close(fd);
	return -1;
}

/* open_regular for reading, as a stream (its mode in *mode if not NULL);
 * NULL with *e set. */
static FILE *open_stream(const char *path, int *e, mode_t *mode)
{
	struct stat sb;
	int fd = open_regular(path, O_RDONLY, e, &sb);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (!(f = fdopen(fd, "r"))) {
		*e = errno;
		close(fd);
	}
	if (mode)
		*mode = sb.st_mode;
	return f;
}

/* mkdir -p of the directories in path (not the last component), 0700; 0,
 * or -1 with path cut at the one that failed and errno set. */
static int make_parents(char *path)
{
	struct stat sb;

	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0700) != 0 &&
		    (errno != EEXIST || stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			return -1;
		}
		*p = '/';
	}
	return 0;
}

const char *gt_hist_default_path(char *buf, size_t n, gt_error *err)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char name[NAME_SHOWN + 16];
	int len;

	if (state && *state == '/')
		len = snprintf(buf, n, "%s/genretui/history", state);
	else if (home && *home)
		len = snprintf(buf, n, "%s/.local/state/genretui/history", home);
	else
		return NULL;
	if (len < 0 || (size_t)len >= n)
		return gt_fail(err, GT_ERR_IO, "the history path is too long"), NULL;
	if (make_parents(buf) != 0) {
		int e = errno;

		gt_text_safe(buf, name, sizeof(name), NAME_SHOWN);
		if (e == ENOTDIR)
			return gt_fail(err, GT_ERR_IO, "%s: exists and is not a directory", name), NULL;
		return gt_fail(err, GT_ERR_IO, "%s: cannot create the directory: %s", name,
		               strerror(e)), NULL;
	}
	return buf;
}

gt_status gt_hist_read(const char *path, void (*add)(const char *line, void *ctx),
                       void *ctx, gt_error *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int e = 0;
	FILE *f = open_stream(path, &e, NULL);

	if (!f)
		return e == ENOENT ? GT_OK : hist_fail(err, path, e);
	while ((len = getline(&line, &cap, f)) > 0) {
		line[strcspn(line, "\n")] = '\0';
		add(line, ctx);
	}
	e = ferror(f) ? errno : 0;
	free(line);
	fclose(f);
	return e ? hist_fail(err, path, e) : GT_OK;
}

gt_status gt_hist_append(const char *path, const char *line, gt_error *err)
{
	struct stat sb;
	size_t n = strlen(line);
	char *buf = malloc(n + 1);
	int e = 0, fd;

	if (!buf)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the history");
	memcpy(buf, line, n);
	buf[n] = '\n';
	fd = open_regular(path, O_WRONLY | O_APPEND | O_CREAT, &e, &sb);
	if (fd >= 0 && gt_write_all(fd, buf, n + 1) != 0)
		e = errno;
	if (fd >= 0 && close(fd) != 0 && !e)
		e = errno;
	free(buf);
	return fd < 0 || e ? hist_fail(err, path, e) : GT_OK;
}

/* ---- truncation ---- */

/* The last lines of a file: a ring of size >= 1 entries, count read in all. */
typedef struct {
	char **line;
	size_t size, count;
} tail_ring;

static void ring_free(tail_ring *r)
{
	for (size_t i = 0; r->line && i < r->size; i++)
		free(r->line[i]);
	free(r->line);
}

/* Read every line of f into r (each with its newline). 0, or -1 with errno. */
static int ring_fill(tail_ring *r, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) > 0) {
		size_t slot = r->count++ % r->size;

		free(r->line[slot]);
		r->line[slot] = line;
		line = NULL;
		cap = 0;
	}
	free(line);
	return ferror(f) ? -1 : 0;
}

/* Write the ring's last keep (<= size) lines, oldest first, to a new file
 * beside path with mode, and rename it over path. 0, or -1 with errno. */
static int ring_replace(const tail_ring *r, size_t keep, const char *path, mode_t mode)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + sizeof(".tmpXXXXXX"));
	int fd, e = 0;

	if (!tmp)
		return errno = ENOMEM, -1;
	memcpy(tmp, path, plen);
	memcpy(tmp + plen, ".tmpXXXXXX", sizeof(".tmpXXXXXX"));
	if ((fd = mkstemp(tmp)) < 0) {     /* O_EXCL: never follows a link */
		e = errno;
		free(tmp);
		return errno = e, -1;
	}
	if (fchmod(fd, mode & 07777) != 0)
		e = errno;
	for (size_t i = r->count - keep; !e && i < r->count; i++) {
		const char *s = r->line[i % r->size];
		size_t n = strlen(s);

		/* the last line may lack its newline: appends must not join it */
		if (gt_write_all(fd, s, n) != 0 || (s[n - 1] != '\n' && gt_write_all(fd, "\n", 1) != 0))
			e = errno;
	}
	if (close(fd) != 0 && !e)
		e = errno;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	if (e)
		unlink(tmp);
	free(tmp);
	return e ? (errno = e, -1) : 0;
}

gt_status gt_hist_truncate(const char *path, size_t keep, gt_error *err)
{
	tail_ring r = { .size = keep ? keep : 1 };
	mode_t mode = 0;
	int e = 0;
	FILE *f = open_stream(path, &e, &mode);

	if (!f)
		return e == ENOENT ? GT_OK : hist_fail(err, path, e);
	if (!(r.line = calloc(r.size, sizeof(*r.line))))
		e = ENOMEM;
	else if (ring_fill(&r, f) != 0)
		e = errno;
	fclose(f);
	if (!e && r.count > keep && ring_replace(&r, keep, path, mode) != 0)
		e = errno;
	ring_free(&r);
	return e ? hist_fail(err, path, e) : GT_OK;
}
