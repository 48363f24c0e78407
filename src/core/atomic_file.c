/* atomic_file.c: temporary file, fsync, rename (see atomic_file.h). */
#define _GNU_SOURCE             /* mkstemps; and mkstemp, mkdtemp, fchmod, fsync,
                                   strndup, O_CLOEXEC, sigaction, sigprocmask */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "genretui/atomic_file.h"
#include "genretui/textfmt.h"

#define NAME_SHOWN 200             /* bytes of a file name shown in messages */
#define TMP_SUFFIX ".tmpXXXXXX"

/* A file name made safe for a message: it may hold control characters. */
static const char *shown_name(const char *path, char buf[NAME_SHOWN + 16])
{
	gt_text_safe(path, buf, NAME_SHOWN + 16, NAME_SHOWN);
	return buf;
}

static gt_status cannot_write(const char *path, int e, gt_error *err)
{
	char name[NAME_SHOWN + 16];

	return gt_fail(err, GT_ERR_IO, "%s: cannot write: %s", shown_name(path, name),
	               strerror(e));
}

int gt_write_all(int fd, const void *buf, size_t n)
{
	const unsigned char *b = buf;

	while (n > 0) {
		ssize_t k = write(fd, b, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			if (k == 0)
				errno = EIO;
			return -1;
		}
		b += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Give the temporary file a normal file's mode (mkstemp makes it 0600),
 * fill it, flush it to disk and close it. Returns 0, or -1 with errno. */
static int fill_tmp(int fd, const unsigned char *b, size_t n)
{
	mode_t mask = umask(0);
	int e;

	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0 || gt_write_all(fd, b, n) != 0 || fsync(fd) != 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return close(fd);
}

/* Best effort: make the rename itself durable. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
	                  : strdup(".");
	int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* While any temporary file exists, SIGINT, SIGTERM, SIGHUP and SIGQUIT
 * wait: what they do (by default, end the program) happens once the new
 * files are in place or the temporary ones removed. SIGXFSZ is ignored
 * meanwhile, so that a file-size limit fails the write (EFBIG) like a full
 * disk. Only SIGKILL or a crash can leave a stale PATH.tmpXXXXXX. Counted:
 * an export holds them from its first temporary file to its last rename. */
static struct {
	int depth;
	sigset_t mask;
	struct sigaction xfsz;
} held;

static void hold_signals(void)
{
	struct sigaction ignore;
	sigset_t set;

	if (held.depth++ > 0)
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGQUIT);
	sigprocmask(SIG_BLOCK, &set, &held.mask);
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGXFSZ, &ignore, &held.xfsz);
}

static void release_signals(void)
{
	if (held.depth == 0 || --held.depth > 0)
		return;
	sigaction(SIGXFSZ, &held.xfsz, NULL);
	sigprocmask(SIG_SETMASK, &held.mask, NULL);
}

/* rename would put the file in the place of a directory, a FIFO or a
 * device such as /dev/null: only a regular file is replaced, or a symbolic
 * link, whatever it points to (the link itself is replaced, its target
 * never opened nor touched). 0, or an errno-like reason in *why. */
static int replaceable(const char *path, const char **why)
{
	struct stat sb;

	if (lstat(path, &sb) != 0 || S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode))
		return 1;
	*why = S_ISDIR(sb.st_mode) ? strerror(EISDIR) : "not a regular file";
	return 0;
}

static char *copy_str(const char *s, size_t extra)
{
	size_t n = strlen(s);
	char *c = malloc(n + extra + 1);

	if (c)
		memcpy(c, s, n + 1);
	return c;
}

gt_status gt_atomic_prepare(gt_atomic *a, const char *path, const void *b,
                            size_t n, gt_error *err)
{
	char name[NAME_SHOWN + 16];
	const char *why;
	int fd, e;

	a->held = 0;
	a->path = copy_str(path, 0);
	a->tmp = copy_str(path, sizeof(TMP_SUFFIX));
	if (!a->path || !a->tmp) {
		gt_atomic_abort(a);
		return gt_fail(err, GT_ERR_NOMEM, "%s: out of memory", shown_name(path, name));
	}
	strcat(a->tmp, TMP_SUFFIX);
	if (!replaceable(path, &why)) {   /* the rename would fail or do harm: say so now */
		free(a->tmp);
		a->tmp = NULL;
		gt_atomic_abort(a);
		return gt_fail(err, GT_ERR_IO, "%s: cannot write: %s", shown_name(path, name), why);
	}
	hold_signals();                        /* released by commit or abort */
	a->held = 1;
	fd = mkstemp(a->tmp);                  /* O_EXCL: never follows a symlink */
	if (fd < 0 || fill_tmp(fd, b, n) != 0) {
		e = errno;
		if (fd < 0) {                  /* nothing was created */
			free(a->tmp);
			a->tmp = NULL;
		}
		gt_atomic_abort(a);
		return cannot_write(path, e, err);
	}
	return GT_OK;
}

gt_status gt_atomic_commit(gt_atomic *a, gt_error *err)
{
	gt_status st = GT_OK;

	if (!a->tmp || !a->path)
		st = gt_fail(err, GT_ERR_IO, "nothing to rename");
	else if (rename(a->tmp, a->path) != 0)
		st = cannot_write(a->path, errno, err);
	else {
		free(a->tmp);
		a->tmp = NULL;
		sync_dir(a->path);
	}
	gt_atomic_abort(a);
	return st;
}

void gt_atomic_abort(gt_atomic *a)
{
	if (a->tmp)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	a->tmp = a->path = NULL;
	if (a->held)
		release_signals();
	a->held = 0;
}

gt_status gt_write_atomic(const char *path, const void *b, size_t n, gt_error *err)
{
	gt_atomic a;
	gt_status st = gt_atomic_prepare(&a, path, b, n, err);

	return st == GT_OK ? gt_atomic_commit(&a, err) : st;
}

/* mkdir one level; an existing directory is fine. 0, or -1 with errno. */
static int make_one(const char *dir)
{
	struct stat sb;

	if (mkdir(dir, 0777) == 0)
		return 0;
	if (errno != EEXIST)
		return -1;
	if (stat(dir, &sb) != 0)
		return -1;
	if (!S_ISDIR(sb.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

gt_status gt_make_dir(const char *dir, gt_error *err)
{
	char name[NAME_SHOWN + 16], *p = copy_str(dir, 0);
	int e = 0;

	if (!p)
		return gt_fail(err, GT_ERR_NOMEM, "%s: out of memory", shown_name(dir, name));
	if (!*p) {
		free(p);
		return gt_fail(err, GT_ERR_ARG, "an empty directory name");
	}
	/* each parent, then dir itself; p is cut at the one that fails */
	for (char *s = p + 1; *s && e == 0; s++)
		if (*s == '/' && s[-1] != '/') {
			*s = '\0';
			if (make_one(p) != 0)
				e = errno;
			else
				*s = '/';
		}
	if (e == 0 && make_one(p) != 0)
		e = errno;
	shown_name(p, name);
	free(p);
	if (e == ENOTDIR)
		return gt_fail(err, GT_ERR_IO, "%s: exists and is not a directory", name);
	if (e)
		return gt_fail(err, GT_ERR_IO, "%s: cannot create the directory: %s", name,
		               strerror(e));
	return GT_OK;
}

gt_status gt_check_writable(const char *path, gt_error *err)
{
	char name[NAME_SHOWN + 16], *probe;
	const char *why;
	int fd, e;

	if (!replaceable(path, &why))
		return gt_fail(err, GT_ERR_IO, "%s: cannot write: %s", shown_name(path, name), why);
	probe = copy_str(path, sizeof(TMP_SUFFIX));
	if (!probe)
		return gt_fail(err, GT_ERR_NOMEM, "%s: out of memory", shown_name(path, name));
	strcat(probe, TMP_SUFFIX);
	hold_signals();                   /* a signal never leaves the probe behind */
	fd = mkstemp(probe);
	e = errno;
	if (fd >= 0) {
		close(fd);
		unlink(probe);
	}
	release_signals();
	free(probe);
	return fd >= 0 ? GT_OK : cannot_write(path, e, err);
}

char *gt_path_join(const char *dir, const char *name)
{
	size_t n = strlen(dir);
	char *p = malloc(n + strlen(name) + 2);

	if (p)
		sprintf(p, "%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
	return p;
}

/* An existing directory: each file in it writable. */
static gt_status check_files(const char *dir, const char *const *files, int n, gt_error *err)
{
	gt_status st = GT_OK;

	for (int i = 0; i < n && st == GT_OK; i++) {
		char *p = gt_path_join(dir, files[i]);

		st = p ? gt_check_writable(p, err) : gt_fail(err, GT_ERR_NOMEM, "out of memory");
		free(p);
	}
	return st;
}

/* A directory to be made: its deepest existing parent must be a directory
 * in which one can be made. p is a copy of dir, cut as the walk goes up. */
static gt_status check_parent(char *p, const char *dir, gt_error *err)
{
	char name[NAME_SHOWN + 16], *probe;
	struct stat sb;
	int e = 0;

	do {                               /* "a/b/c" -> "a/b" -> "a" -> "." */
		char *slash = strrchr(p, '/');

		while (slash && slash > p && slash[-1] == '/')
			slash--;
		if (!slash)
			strcpy(p, ".");
		else if (slash == p && p[1] == '\0')
			return gt_fail(err, GT_ERR_IO, "/: %s", strerror(errno));
		else
			slash[slash == p] = '\0';     /* "/x" -> "/" */
	} while (stat(p, &sb) != 0 && strcmp(p, ".") != 0);
	if (strcmp(p, ".") == 0 && stat(p, &sb) != 0)
		return gt_fail(err, GT_ERR_IO, ".: %s", strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return gt_fail(err, GT_ERR_IO, "%s: exists and is not a directory", shown_name(p, name));
	probe = gt_path_join(p, ".genretui-XXXXXX");
	if (!probe)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	hold_signals();
	if (mkdtemp(probe))
		rmdir(probe);
	else
		e = errno;
	release_signals();
	free(probe);
	if (e)
		return gt_fail(err, GT_ERR_IO, "%s: cannot create the directory: %s",
		               shown_name(dir, name), strerror(e));
	return GT_OK;
}

gt_status gt_check_dir(const char *dir, const char *const *files, int n, gt_error *err)
{
	char name[NAME_SHOWN + 16], *p;
	struct stat sb;
	gt_status st;

	if (!*dir)
		return gt_fail(err, GT_ERR_ARG, "an empty directory name");
	if (stat(dir, &sb) == 0)
		return S_ISDIR(sb.st_mode) ? check_files(dir, files, n, err)
		       : gt_fail(err, GT_ERR_IO, "%s: exists and is not a directory",
		                 shown_name(dir, name));
	p = copy_str(dir, 2);
	if (!p)
		return gt_fail(err, GT_ERR_NOMEM, "out of memory");
	st = check_parent(p, dir, err);
	free(p);
	return st;
}

gt_status gt_fallback_path(const char *prefix, const char *suffix, int dir, char *buf,
                           size_t n, gt_error *err)
{
	const char *tmpdir = getenv("TMPDIR");
	int fd = -1, len;

	if (!tmpdir || *tmpdir != '/')
		tmpdir = "/tmp";
	len = snprintf(buf, n, "%s/%sXXXXXX%s", tmpdir, prefix, dir ? "" : suffix);
	if (len < 0 || (size_t)len >= n)
		return gt_fail(err, GT_ERR_ARG, "%s: the path is too long", tmpdir);
	if (dir ? mkdtemp(buf) == NULL : (fd = mkstemps(buf, (int)strlen(suffix))) < 0)
		return gt_fail(err, GT_ERR_IO, "%s: cannot write: %s", tmpdir, strerror(errno));
	if (fd >= 0)
		close(fd);
	return GT_OK;
}
