/* model_file.c: model files (format versions 2 and 3, and reading version
 * 1; see predictor.h).
 *
 * Encoding writes every field byte by byte, little-endian, into a growing
 * buffer. Decoding treats the image as untrusted: the header (magic, version,
 * length, checksum) is checked first, then a bounds-checked reader with a
 * sticky error walks the payload and validates every field before anything
 * the file claims is allocated. Saving writes a temporary file next to the
 * target and renames it into place (atomic_file.h). */
#define _POSIX_C_SOURCE 200809L /* O_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "genretui/atomic_file.h"
#include "genretui/predictor.h"
#include "genretui/textfmt.h"

#define NAME_SHOWN 200             /* bytes of a file name shown in messages */

/* A file name made safe for a message: it may hold control characters. */
static const char *shown_name(const char *path, char buf[NAME_SHOWN + 16])
{
	gt_text_safe(path, buf, NAME_SHOWN + 16, NAME_SHOWN);
	return buf;
}

#define MAGIC_SIZE  8              /* "GTMODEL\0" */
#define HEADER_SIZE 20             /* magic 8, version u32, length u64 */
#define CRC_SIZE    4
#define MIN_FILE    (HEADER_SIZE + CRC_SIZE)
#define MAX_FILE    ((size_t)64 << 20)   /* bytes; save refuses what load would */
#define MAX_SIZE    4096           /* layer width, as gt_arch_check */
#define PRESET_MAX  (sizeof(((gt_predictor *)0)->preset) - 1)
#define QUOTE_MAX   40             /* bytes of a stored name shown in messages */

static const char magic[MAGIC_SIZE] = "GTMODEL";

/* The file stores these enum values: a reordered enum must break the build,
 * not silently change the meaning of existing files. */
_Static_assert(GT_ACT_LINEAR == 0 && GT_ACT_SIGMOID == 1 && GT_ACT_RELU == 2,
               "model file activation codes changed");
_Static_assert(GT_LOSS_KERAS_SIGMOID == 0 && GT_LOSS_SOFTMAX_CE == 1,
               "model file loss codes changed");

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib's crc32), four bits a step */

static const uint32_t crc_nibble[16] = {
	0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
	0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
	0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c
};

static uint32_t crc32_ieee(const unsigned char *b, size_t n)
{
	uint32_t crc = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		crc ^= b[i];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
		crc = (crc >> 4) ^ crc_nibble[crc & 15];
	}
	return crc ^ 0xffffffffu;
}

/* Little-endian integer of n <= 8 bytes. */
static uint64_t get_le(const unsigned char *b, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | b[i];
	return v;
}

static void put_le(unsigned char *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

/* ---- Writer: a growing buffer; an allocation failure is sticky */

typedef struct {
	unsigned char *buf;
	size_t len, cap;
	int nomem;
} writer;

static void w_bytes(writer *w, const void *src, size_t n)
{
	unsigned char *nb;
	size_t cap = w->cap ? w->cap : 16384;

	if (w->nomem || n == 0)
		return;
	while (cap - w->len < n)
		cap *= 2;
	if (cap != w->cap) {
		nb = realloc(w->buf, cap);
		if (!nb) {
			w->nomem = 1;
			return;
		}
		w->buf = nb;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, src, n);
	w->len += n;
}

static void w_uint(writer *w, uint64_t v, int n)
{
	unsigned char b[8];

	put_le(b, v, n);
	w_bytes(w, b, (size_t)n);
}

static void w_u32(writer *w, uint32_t v) { w_uint(w, v, 4); }

static void w_f64(writer *w, double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	w_uint(w, u, 8);
}

static void w_f64s(writer *w, const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		w_f64(w, v[i]);
}

/* u16 length + bytes; names here are short constants (or the preset, <= 31). */
static void w_str(writer *w, const char *s, size_t n)
{
	w_uint(w, n, 2);
	w_bytes(w, s, n);
}

/* ---- Encoding */

/* Version 3: the one-hot group's size, the source columns (each its name,
 * kind and one-hot levels), each dense input's flags. */
static void put_layout(writer *w, const gt_layout *l)
{
	w_u32(w, (uint32_t)l->nhot);
	w_u32(w, (uint32_t)l->nsources);
	for (int s = 0; s < l->nsources; s++) {
		const gt_layout_source *src = &l->source[s];
		const char *name = gt_layout_source_name(l, s);
		int levels = src->kind == GT_SOURCE_ONEHOT ? src->count : 0;

		w_str(w, name, strlen(name));
		w_u32(w, src->kind);
		w_u32(w, (uint32_t)levels);
		for (int k = 0; k < levels; k++)
			w_str(w, gt_layout_level(l, src->first + k),
			      strlen(gt_layout_level(l, src->first + k)));
	}
	for (int i = 0; i < l->nnum; i++)
		w_uint(w, l->flags[i], 1);
}

static void put_names(writer *w, const gt_predictor *p, int version)
{
	const gt_layout *l = &p->layout;
	const gt_genres *g = &p->genres;

	w_u32(w, (uint32_t)l->ninputs);
	w_u32(w, (uint32_t)g->k);
	w_u32(w, (uint32_t)l->nnum);
	if (version >= 3)
		put_layout(w, l);
	for (int i = 0; i < l->ninputs; i++)
		w_str(w, gt_layout_input(l, i), strlen(gt_layout_input(l, i)));
	for (int c = 0; c < g->k && c < GT_MAX_CLASSES; c++)   /* as the file spells them */
		w_str(w, g->raw[c], strnlen(g->raw[c], GT_GENRE_RAW - 1));
}

/* Negative ints become huge u32 values that decoding rejects. */
static void put_arch(writer *w, const gt_arch *a)
{
	int L = a->nlayers < 0 ? 0 : a->nlayers > GT_MAX_LAYERS ? GT_MAX_LAYERS : a->nlayers;

	w_u32(w, (uint32_t)a->nlayers);
	for (int l = 0; l <= L; l++)
		w_u32(w, (uint32_t)a->sizes[l]);
	for (int l = 0; l < L; l++)
		w_u32(w, (uint32_t)a->act[l]);
	w_u32(w, (uint32_t)a->loss);
}

static void put_training(writer *w, const gt_predictor *p)
{
	w_u32(w, (uint32_t)p->hp.epochs);
	w_u32(w, (uint32_t)p->hp.batch_size);
	w_f64(w, p->hp.lr);
	w_f64(w, p->hp.beta1);
	w_f64(w, p->hp.beta2);
	w_f64(w, p->hp.eps);
	w_u32(w, p->hp.seed);
	w_u32(w, p->split_seed);
	w_u32(w, (uint32_t)p->epochs_trained);
	w_f64(w, p->test_accuracy);
	w_f64(w, p->train_accuracy);
	w_f64(w, p->test_macro_f1);
	/* version 2: beyond the study */
	w_u32(w, (uint32_t)p->hp.schedule);
	w_f64(w, p->hp.lr_min);
	w_f64(w, p->hp.dropout);
	w_f64(w, p->hp.val_fraction);
	w_u32(w, (uint32_t)p->hp.patience);
}

/* Version 2: the preparation, then its figures, for the inputs it lists
 * (the layout's flags: the study's 4 or 11). */
static void put_norm(writer *w, const gt_norm *n)
{
	w_u32(w, (uint32_t)n->prep);
	if (n->prep == GT_PREP_IMPUTE) {
		w_f64s(w, n->std.mean, (size_t)n->std.n);
		w_f64s(w, n->std.sd, (size_t)n->std.n);
		return;
	}
	w_f64s(w, n->mm.min, (size_t)n->mm.n);
	w_f64s(w, n->mm.max, (size_t)n->mm.n);
}

static void put_payload(writer *w, const gt_predictor *p, int version)
{
	size_t nnum = (size_t)p->layout.nnum;

	put_names(w, p, version);
	w_str(w, p->preset, strnlen(p->preset, sizeof(p->preset)));
	put_arch(w, &p->model.arch);
	put_training(w, p);
	put_norm(w, &p->norm);
	w_f64s(w, p->median, nnum);
	w_f64s(w, p->lo, nnum);
	w_f64s(w, p->hi, nnum);
	w_uint(w, p->model.nparams, 8);
	for (size_t i = 0; i < p->model.nparams; i++)   /* float weights, exact as f64 */
		w_f64(w, (double)p->model.params[i]);
}

/* Header and payload, then the length and checksum that depend on them. */
static void put_image(writer *w, const gt_predictor *p, int version)
{
	w_bytes(w, magic, MAGIC_SIZE);
	w_u32(w, (uint32_t)version);
	w_uint(w, 0, 8);                       /* length, patched below */
	put_payload(w, p, version);
	if (w->nomem)
		return;
	put_le(w->buf + MAGIC_SIZE + 4, w->len - HEADER_SIZE, 8);
	w_u32(w, crc32_ieee(w->buf, w->len));
}

/* Never write a file this build would refuse to read. */
static gt_status self_check(const unsigned char *b, size_t n, gt_error *err)
{
	gt_predictor q;
	gt_status st = gt_predictor_decode(&q, b, n, "the model to save", err);

	gt_predictor_free(&q);
	return st;
}

gt_status gt_predictor_encode(const gt_predictor *p, unsigned char **out, size_t *len,
                              gt_error *err)
{
	return gt_predictor_encode_version(p, 0, out, len, err);
}

gt_status gt_predictor_encode_version(const gt_predictor *p, int version,
                                      unsigned char **out, size_t *len, gt_error *err)
{
	writer w = { NULL, 0, 0, 0 };
	int study = gt_layout_is_study(&p->layout);
	gt_status st;

	*out = NULL;
	*len = 0;
	if (version == 0)
		version = study ? 2 : 3;
	if (version != 3 && (version != 2 || !study))
		return gt_fail(err, GT_ERR_ARG, "model file version %d cannot hold %s", version,
		               study ? "a model" : "inputs other than the study's");
	put_image(&w, p, version);
	if (w.nomem)
		st = gt_fail(err, GT_ERR_NOMEM, "out of memory for the model file");
	else if (w.len > MAX_FILE)
		st = gt_fail(err, GT_ERR_MODEL, "the model is too large to save (%zu bytes, "
		             "model files are at most %zu MiB)", w.len, MAX_FILE >> 20);
	else
		st = self_check(w.buf, w.len, err);
	if (st != GT_OK) {
		free(w.buf);
		return st;
	}
	*out = w.buf;
	*len = w.len;
	return GT_OK;
}

/* ---- Reader over the payload: bounds-checked, the first error is sticky */

typedef struct {
	const unsigned char *b;
	size_t pos, end;        /* end: first byte of the checksum */
	const char *name;       /* for messages */
	gt_error *err;
	gt_status st;
	int version;            /* of the file: 1, 2 or 3 */
	long nclasses;
	long ninputs, nnum;     /* as the counts say */
} reader;

static void r_fail(reader *r, gt_status code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void r_fail(reader *r, gt_status code, const char *fmt, ...)
{
	char msg[GT_ERROR_MAX];
	va_list ap;

	if (r->st != GT_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->st = gt_fail(r->err, code, "%s: %s", r->name, msg);
}

static const unsigned char *r_take(reader *r, size_t n, const char *what)
{
	const unsigned char *p = r->b + r->pos;

	if (r->st != GT_OK)
		return NULL;
	if (n > r->end - r->pos) {
		r_fail(r, GT_ERR_MODEL, "the model data ends inside %s (byte %zu)", what, r->pos);
		return NULL;
	}
	r->pos += n;
	return p;
}

static uint64_t r_uint(reader *r, int n, const char *what)
{
	const unsigned char *p = r_take(r, (size_t)n, what);

	return p ? get_le(p, n) : 0;
}

/* A u32 that must lie in lo..hi. */
static long r_count(reader *r, const char *what, long lo, long hi)
{
	uint64_t v = r_uint(r, 4, what);

	if (r->st == GT_OK && (v < (uint64_t)lo || v > (uint64_t)hi))
		r_fail(r, GT_ERR_MODEL, "%s is %" PRIu64 ", expected %ld to %ld", what, v, lo, hi);
	return r->st == GT_OK ? (long)v : lo;
}

static double r_f64(reader *r, const char *what)
{
	uint64_t u = r_uint(r, 8, what);
	double d;

	memcpy(&d, &u, sizeof(d));
	if (r->st == GT_OK && !isfinite(d))
		r_fail(r, GT_ERR_MODEL, "%s is not a finite number (%g)", what, d);
	return r->st == GT_OK ? d : 0.0;
}

/* Printable copy of a stored name for a message. */
static void quote(char *dst, const unsigned char *s, size_t n)
{
	size_t k = n < QUOTE_MAX ? n : QUOTE_MAX;

	for (size_t i = 0; i < k; i++)
		dst[i] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
	strcpy(dst + k, n > k ? "..." : "");
}

/* ---- Decoding the payload, field group by field group */

static void read_counts(reader *r)
{
	long ni = (long)r_uint(r, 4, "the input count");
	long nc = (long)r_uint(r, 4, "the genre count");
	long nn = (long)r_uint(r, 4, "the numeric feature count");

	if (r->version < 3 && (ni != GT_NINPUTS || nn != GT_NNUMERIC))
		r_fail(r, GT_ERR_MODEL, "the model was made for different inputs (%ld inputs, "
		       "%ld numeric; this build has %d and %d)", ni, nn, GT_NINPUTS, GT_NNUMERIC);
	if (r->version >= 3 && (ni < 1 || ni > GT_MAX_INPUTS || nn < 1 || nn > ni))
		r_fail(r, GT_ERR_MODEL, "the model has %ld inputs, %ld of them dense, expected "
		       "1 to %d", ni, nn, GT_MAX_INPUTS);
	if (r->version == 1 && nc != GT_NCLASSES)
		r_fail(r, GT_ERR_MODEL, "the model was made for different genres (%ld, "
		       "this build has %d)", nc, GT_NCLASSES);
	else if (r->version >= 2 && (nc < 2 || nc > GT_MAX_CLASSES))
		r_fail(r, GT_ERR_MODEL, "the genre count is %ld, expected 2 to %d", nc,
		       GT_MAX_CLASSES);
	r->nclasses = nc;
	r->ninputs = ni;
	r->nnum = nn;
}

/* Version 2: the genres as stored (the study's ten, or a file's own), each
 * 1..GT_GENRE_RAW-1 bytes without NUL, no two alike. */
static void read_own_genres(reader *r, gt_genres *g)
{
	char names[GT_MAX_CLASSES][GT_GENRE_RAW], shown[QUOTE_MAX + 4];
	const char *ptr[GT_MAX_CLASSES];
	int k = (int)r->nclasses;

	for (int c = 0; c < k && r->st == GT_OK; c++) {
		size_t len = (size_t)r_uint(r, 2, "a genre name length");
		const unsigned char *s = r_take(r, len, "a genre name");

		if (!s)
			break;
		quote(shown, s, len);
		if (len == 0 || len >= GT_GENRE_RAW || memchr(s, 0, len)) {
			r_fail(r, GT_ERR_MODEL, "genre %d's name '%s' is empty, longer than %d "
			       "bytes or holds a NUL", c, shown, GT_GENRE_RAW - 1);
			break;
		}
		memcpy(names[c], s, len);
		names[c][len] = '\0';
		ptr[c] = names[c];
		for (int d = 0; d < c && r->st == GT_OK; d++)
			if (strcmp(names[c], names[d]) == 0)
				r_fail(r, GT_ERR_MODEL, "genres %d and %d are both '%s'", d, c, shown);
	}
	if (r->st == GT_OK)
		gt_genres_set(g, ptr, k);   /* the study's ten in order: the study's table */
}

/* Version 1: the study's ten, checked by name. */
static void read_genres(reader *r, gt_genres *g);

/* Stored names must be this build's, in order. kind: "inputs"/"genres",
 * unit: "input"/"genre". */
static void read_names(reader *r, const char *const *want, int n, const char *kind,
                       const char *unit)
{
	char shown[QUOTE_MAX + 4];

	for (int i = 0; i < n && r->st == GT_OK; i++) {
		size_t len = (size_t)r_uint(r, 2, "a name length");
		const unsigned char *s = r_take(r, len, "a name");

		if (!s || (len == strlen(want[i]) && memcmp(s, want[i], len) == 0))
			continue;
		quote(shown, s, len);
		r_fail(r, GT_ERR_MODEL, "the model was made for different %s ('%s' at %s %d, "
		       "this build has '%s')", kind, shown, unit, i, want[i]);
	}
}

/* The inputs' names, which must be the layout's, in order. */
static void read_input_names(reader *r, const gt_layout *l)
{
	const char *want[GT_MAX_INPUTS];

	for (int i = 0; i < l->ninputs; i++)
		want[i] = gt_layout_input(l, i);
	if (r->st == GT_OK && l->ninputs != r->ninputs)
		r_fail(r, GT_ERR_MODEL, "its columns make %d inputs, the counts say %ld",
		       l->ninputs, r->ninputs);
	read_names(r, want, l->ninputs, "inputs", "input");
}

/* A stored name of 1..GT_NAME_MAX bytes, no NUL, into out; 0, or -1. */
static int read_name(reader *r, char out[GT_NAME_MAX + 1], const char *what)
{
	size_t len = (size_t)r_uint(r, 2, what);
	const unsigned char *s = r_take(r, len, what);
	char shown[QUOTE_MAX + 4];

	if (!s)
		return -1;
	if (len == 0 || len > GT_NAME_MAX || memchr(s, 0, len)) {
		quote(shown, s, len);
		r_fail(r, GT_ERR_MODEL, "%s '%s' is empty, longer than %d bytes or holds a NUL",
		       what, shown, GT_NAME_MAX);
		return -1;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

/* Version 3's source columns, as read (names and levels point into text). */
typedef struct {
	char text[GT_MAX_INPUTS + GT_MAX_SOURCES][GT_NAME_MAX + 1];
	const char *levels[GT_MAX_INPUTS];
	gt_layout_column col[GT_MAX_SOURCES];
	int ncols, key_mode;         /* key_mode: a KEY or MODE column is there */
} stored_columns;

static void read_column(reader *r, stored_columns *c, int *used, int *nlevels)
{
	gt_layout_column *col = &c->col[c->ncols];
	long kind, n;

	if (read_name(r, c->text[*used], "a column name") != 0)
		return;
	col->name = c->text[(*used)++];
	kind = r_count(r, "a column kind", GT_SOURCE_NUMERIC, GT_SOURCE_MODE);
	n = r_count(r, "a column's level count", 0, GT_MAX_INPUTS - *nlevels);
	if (r->st == GT_OK && (kind == GT_SOURCE_ONEHOT) != (n > 0))
		r_fail(r, GT_ERR_MODEL, "column '%s' has %ld levels (one-hot columns have "
		       "some, others none)", col->name, n);
	col->kind = (gt_source_kind)kind;
	col->nlevels = (int)n;
	col->levels = c->levels + *nlevels;
	for (long k = 0; k < n && r->st == GT_OK; k++) {
		if (read_name(r, c->text[*used], "a level") != 0)
			return;
		c->levels[(*nlevels)++] = c->text[(*used)++];
	}
	c->key_mode |= kind == GT_SOURCE_KEY || kind == GT_SOURCE_MODE;
	c->ncols++;
}

/* The layout the columns make: the study's when they hold key and mode
 * (then they must be its columns), else a file's own. */
static void make_layout(reader *r, const stored_columns *c, long nhot, gt_layout *l)
{
	gt_error e;

	if (c->key_mode) {
		gt_layout_study(l);
		for (int s = 0; s < c->ncols && r->st == GT_OK; s++)
			if (c->ncols != l->nsources || c->col[s].kind != l->source[s].kind ||
			    strcmp(c->col[s].name, gt_layout_source_name(l, s)) != 0)
				r_fail(r, GT_ERR_MODEL, "its key and mode columns come with columns "
				       "other than the study's ('%s')", c->col[s].name);
	} else if (gt_layout_from_columns(l, c->col, c->ncols, &e) != GT_OK) {
		r_fail(r, GT_ERR_MODEL, "%s", e.msg);
	}
	if (r->st == GT_OK && (l->nhot != nhot || l->nnum != r->nnum))
		r_fail(r, GT_ERR_MODEL, "its columns make %d dense and %d one-hot inputs, "
		       "the counts say %ld and %ld", l->nnum, l->nhot, r->nnum, nhot);
}

/* Version 3: the one-hot group, the source columns, the dense inputs' flags
 * (which must be the ones such columns have). */
static void read_layout(reader *r, gt_layout *l)
{
	stored_columns *c = calloc(1, sizeof(*c));
	long nhot = r_count(r, "the one-hot group's size", 0, GT_MAX_INPUTS);
	long ncols = r_count(r, "the column count", 1, GT_MAX_SOURCES);
	int used = 0, nlevels = 0;

	if (!c) {
		r_fail(r, GT_ERR_NOMEM, "out of memory for its columns");
		return;
	}
	for (long s = 0; s < ncols && r->st == GT_OK; s++)
		read_column(r, c, &used, &nlevels);
	if (r->st == GT_OK)
		make_layout(r, c, nhot, l);
	for (int i = 0; i < l->nnum && r->st == GT_OK; i++) {
		unsigned f = (unsigned)r_uint(r, 1, "an input's flags");

		if (r->st == GT_OK && f != l->flags[i])
			r_fail(r, GT_ERR_MODEL, "input '%s' has flags %u, such a column has %u",
			       gt_layout_input(l, i), f, l->flags[i]);
	}
	free(c);
}

static void read_preset(reader *r, char out[PRESET_MAX + 1])
{
	size_t len = (size_t)r_uint(r, 2, "the preset name length");
	const unsigned char *s;

	if (r->st == GT_OK && len > PRESET_MAX)
		r_fail(r, GT_ERR_MODEL, "the preset name is %zu bytes long, at most %zu "
		       "are allowed", len, PRESET_MAX);
	s = r_take(r, len, "the preset name");
	for (size_t i = 0; s && i < len; i++)
		if (s[i] < 0x20 || s[i] == 0x7f)
			r_fail(r, GT_ERR_MODEL, "the preset name has a control character "
			       "(byte %zu)", i);
	if (r->st == GT_OK) {
		memcpy(out, s, len);
		out[len] = '\0';
	}
}

static void check_arch(reader *r, const gt_arch *a)
{
	gt_error e;

	if (r->st != GT_OK)
		return;
	if (gt_arch_check(a, &e) != GT_OK)
		r_fail(r, GT_ERR_MODEL, "invalid architecture: %s", e.msg);
	else if (a->sizes[0] != r->ninputs || a->sizes[a->nlayers] != r->nclasses)
		r_fail(r, GT_ERR_MODEL, "the network maps %d inputs to %d outputs, "
		       "expected %ld to %ld", a->sizes[0], a->sizes[a->nlayers],
		       r->ninputs, r->nclasses);
}

static void read_arch(reader *r, gt_arch *a)
{
	a->nlayers = (int)r_count(r, "the number of layers", 1, GT_MAX_LAYERS);
	for (int l = 0; l <= a->nlayers; l++)
		a->sizes[l] = (int)r_count(r, "a layer size", 1, MAX_SIZE);
	for (int l = 0; l < a->nlayers; l++)
		a->act[l] = (gt_act)r_count(r, "an activation code", GT_ACT_LINEAR, GT_ACT_RELU);
	a->loss = (gt_loss_kind)r_count(r, "the loss code", GT_LOSS_KERAS_SIGMOID,
	                                GT_LOSS_SOFTMAX_CE);
	check_arch(r, a);
}

/* A figure in [0, 1] (accuracy, F1). */
static double r_fraction(reader *r, const char *what)
{
	double v = r_f64(r, what);

	if (r->st == GT_OK && !(v >= 0.0 && v <= 1.0))
		r_fail(r, GT_ERR_MODEL, "%s is %g, expected 0 to 1", what, v);
	return v;
}

static void read_training(reader *r, gt_predictor *p)
{
	p->hp.epochs = (int)r_count(r, "the epoch count", 1, INT_MAX);
	p->hp.batch_size = (int)r_count(r, "the batch size", 1, INT_MAX);
	p->hp.lr = r_f64(r, "the learning rate");
	p->hp.beta1 = r_f64(r, "Adam's beta1");
	p->hp.beta2 = r_f64(r, "Adam's beta2");
	p->hp.eps = r_f64(r, "Adam's epsilon");
	p->hp.seed = (uint32_t)r_uint(r, 4, "the seed");
	p->split_seed = (uint32_t)r_uint(r, 4, "the split seed");
	p->epochs_trained = (int)r_count(r, "the epochs trained", 0, p->hp.epochs);
	p->test_accuracy = r_fraction(r, "the test accuracy");
	p->train_accuracy = r_fraction(r, "the training accuracy");
	p->test_macro_f1 = r_fraction(r, "the test macro F1");
	if (r->version < 2)
		return;
	p->hp.schedule = (gt_lr_schedule)r_count(r, "the learning-rate schedule",
	                                         GT_LR_CONSTANT, GT_LR_COSINE);
	p->hp.lr_min = r_f64(r, "the learning-rate floor");
	p->hp.dropout = r_f64(r, "the dropout rate");
	p->hp.val_fraction = r_f64(r, "the validation share");
	p->hp.patience = (int)r_count(r, "the patience", 0, INT_MAX);
	if (r->st == GT_OK && !(p->hp.dropout >= 0 && p->hp.dropout < 1))
		r_fail(r, GT_ERR_MODEL, "the dropout rate is %g, expected 0 to below 1",
		       p->hp.dropout);
	if (r->st == GT_OK && !(p->hp.val_fraction >= 0 && p->hp.val_fraction < 1))
		r_fail(r, GT_ERR_MODEL, "the validation share is %g, expected 0 to below 1",
		       p->hp.val_fraction);
}

static void read_minmax(reader *r, gt_minmax *mm, const gt_layout *l)
{
	for (int j = 0; j < mm->n; j++)
		mm->min[j] = r_f64(r, "a normalisation minimum");
	for (int j = 0; j < mm->n; j++)
		mm->max[j] = r_f64(r, "a normalisation maximum");
	for (int j = 0; j < mm->n && r->st == GT_OK; j++)
		if (mm->min[j] > mm->max[j])
			r_fail(r, GT_ERR_MODEL, "the normalisation of '%s' has min %g > max %g",
			       gt_layout_input(l, mm->input[j]), mm->min[j], mm->max[j]);
}

/* Standardisation: finite means, positive finite standard deviations. */
static void read_standard(reader *r, gt_standard *st, const gt_layout *l)
{
	for (int j = 0; j < st->n; j++)
		st->mean[j] = r_f64(r, "a standardisation mean");
	for (int j = 0; j < st->n; j++)
		st->sd[j] = r_f64(r, "a standard deviation");
	for (int j = 0; j < st->n && r->st == GT_OK; j++)
		if (!isfinite(st->mean[j]) || !(st->sd[j] > 0) || !isfinite(st->sd[j]))
			r_fail(r, GT_ERR_MODEL, "the standardisation of '%s' has mean %g and "
			       "sd %g (expected finite numbers, sd > 0)",
			       gt_layout_input(l, st->input[j]), st->mean[j], st->sd[j]);
}

/* Version 1: the study's min-max only. Version 2: a preparation code first. */
static void read_norm(reader *r, gt_norm *n, const gt_layout *l)
{
	gt_prep prep = GT_PREP_STUDY;

	if (r->version >= 2)
		prep = (gt_prep)r_count(r, "the preparation code", GT_PREP_STUDY,
		                        GT_PREP_IMPUTE);
	gt_norm_init(n, prep, l);
	if (n->prep == GT_PREP_IMPUTE)
		read_standard(r, &n->std, l);
	else
		read_minmax(r, &n->mm, l);
}

static void read_stats(reader *r, gt_predictor *p)
{
	int nnum = p->layout.nnum;

	for (int f = 0; f < nnum; f++)
		p->median[f] = r_f64(r, "a training median");
	for (int f = 0; f < nnum; f++)
		p->lo[f] = r_f64(r, "a training minimum");
	for (int f = 0; f < nnum; f++)
		p->hi[f] = r_f64(r, "a training maximum");
	for (int f = 0; f < nnum && r->st == GT_OK; f++)
		if (!(p->lo[f] <= p->median[f] && p->median[f] <= p->hi[f]))
			r_fail(r, GT_ERR_MODEL, "the training statistics of '%s' are out of "
			       "order (min %g, median %g, max %g)", gt_layout_input(&p->layout, f),
			       p->lo[f], p->median[f], p->hi[f]);
}

/* Parameters the architecture implies (model.h layout). */
static uint64_t arch_params(const gt_arch *a)
{
	uint64_t n = 0;

	for (int l = 0; l < a->nlayers; l++)
		n += (uint64_t)a->sizes[l + 1] * ((uint64_t)a->sizes[l] + 1);
	return n;
}

static void read_params(reader *r, gt_predictor *p, const gt_arch *a)
{
	uint64_t n = r_uint(r, 8, "the parameter count");
	gt_error e;

	if (r->st == GT_OK && n != arch_params(a))
		r_fail(r, GT_ERR_MODEL, "the file has %" PRIu64 " parameters, the architecture "
		       "needs %" PRIu64, n, arch_params(a));
	if (r->st == GT_OK && n > (r->end - r->pos) / 8)
		r_fail(r, GT_ERR_MODEL, "the model data is too short for its %" PRIu64
		       " parameters", n);
	if (r->st != GT_OK)
		return;
	if (gt_model_init(&p->model, a, 1, &e) != GT_OK) {
		r_fail(r, e.code, "%s", e.msg);
		return;
	}
	for (size_t i = 0; i < p->model.nparams && r->st == GT_OK; i++) {
		uint64_t u = r_uint(r, 8, "the parameters");
		double d;

		memcpy(&d, &u, sizeof(double));
		/* weights are gt_real, stored exactly: anything else is not ours */
		if (!isfinite(d))
			r_fail(r, GT_ERR_MODEL, "parameter %zu is not a finite number (%g)", i, d);
		else if ((double)(gt_real)d != d)
			r_fail(r, GT_ERR_MODEL, "parameter %zu (%.17g) is not a single-precision weight", i, d);
		else
			p->model.params[i] = (gt_real)d;
	}
}

static void read_payload(reader *r, gt_predictor *p)
{
	gt_arch arch;

	memset(&arch, 0, sizeof(arch));
	read_counts(r);
	if (r->version >= 3)
		read_layout(r, &p->layout);
	else
		gt_layout_study(&p->layout);
	read_input_names(r, &p->layout);
	read_genres(r, &p->genres);
	read_preset(r, p->preset);
	read_arch(r, &arch);
	read_training(r, p);
	read_norm(r, &p->norm, &p->layout);
	p->hp.prep = p->norm.prep;
	read_stats(r, p);
	read_params(r, p, &arch);
	if (r->st == GT_OK && r->pos != r->end)
		r_fail(r, GT_ERR_MODEL, "unexpected data after the parameters (%zu bytes)",
		       r->end - r->pos);
}

static void read_genres(reader *r, gt_genres *g)
{
	if (r->st != GT_OK)
		return;
	if (r->version >= 2) {
		read_own_genres(r, g);
		return;
	}
	read_names(r, gt_genre_names, GT_NCLASSES, "genres", "genre");
	gt_genres_study(g);
}

/* ---- Header: magic, version, length, checksum, in that order */

/* Magic and version, as far as the image reaches. */
static gt_status check_kind(const unsigned char *b, size_t len, const char *name,
                            gt_error *err)
{
	uint64_t version;

	if (len == 0)
		return gt_fail(err, GT_ERR_MODEL, "%s: the file is empty (not a genretui "
		               "model file)", name);
	if (memcmp(b, magic, len < MAGIC_SIZE ? len : MAGIC_SIZE) != 0)
		return gt_fail(err, GT_ERR_MODEL, "%s: not a genretui model file", name);
	version = len >= MAGIC_SIZE + 4 ? get_le(b + MAGIC_SIZE, 4) : GT_MODEL_VERSION;
	if (version < 1 || version > GT_MODEL_VERSION)
		return gt_fail(err, GT_ERR_MODEL, "%s: model file version %" PRIu64 " is not "
		               "supported (this genretui reads versions 1 to %d)", name, version,
		               GT_MODEL_VERSION);
	return GT_OK;
}

/* The length field must account for exactly the bytes present; *end is
 * where the checksum starts. */
static gt_status check_length(const unsigned char *b, size_t len, const char *name,
                              size_t *end, gt_error *err)
{
	uint64_t length, total;

	if (len < MIN_FILE)
		return gt_fail(err, GT_ERR_MODEL, "%s: truncated: the file has %zu bytes, a "
		               "model file has at least %d", name, len, MIN_FILE);
	length = get_le(b + MAGIC_SIZE + 4, 8);
	total = length > UINT64_MAX - MIN_FILE ? UINT64_MAX : length + MIN_FILE;
	if (total != len)
		return gt_fail(err, GT_ERR_MODEL, "%s: %s: the file has %zu bytes, its header "
		               "announces %" PRIu64, name, total > len ? "truncated"
		               : "unexpected data after the end of the model", len, total);
	*end = HEADER_SIZE + (size_t)length;
	return GT_OK;
}

static gt_status check_header(const unsigned char *b, size_t len, const char *name,
                              size_t *end, gt_error *err)
{
	gt_status st = check_kind(b, len, name, err);

	if (st == GT_OK)
		st = check_length(b, len, name, end, err);
	if (st == GT_OK && get_le(b + *end, CRC_SIZE) != crc32_ieee(b, *end))
		st = gt_fail(err, GT_ERR_MODEL, "%s: checksum mismatch: the file is corrupted", name);
	return st;
}

gt_status gt_predictor_decode(gt_predictor *p, const unsigned char *buf, size_t len,
                              const char *name, gt_error *err)
{
	gt_error local;
	reader r = { buf, HEADER_SIZE, 0, name ? name : "model", err ? err : &local, GT_OK,
	             1, GT_NCLASSES, GT_NINPUTS, GT_NNUMERIC };

	memset(p, 0, sizeof(*p));
	r.st = check_header(buf, len, r.name, &r.end, r.err);
	if (r.st == GT_OK)
		r.version = (int)get_le(buf + MAGIC_SIZE, 4);
	if (r.st == GT_OK)
		read_payload(&r, p);
	if (r.st != GT_OK) {
		gt_predictor_free(p);
		return r.st;
	}
	return GT_OK;
}

/* ---- Files */

gt_status gt_predictor_save(const gt_predictor *p, const char *path, gt_error *err)
{
	unsigned char *buf;
	size_t len;
	gt_status st = gt_predictor_encode(p, &buf, &len, err);

	if (st != GT_OK)
		return st;
	st = gt_write_atomic(path, buf, len, err);
	free(buf);
	return st;
}

/* Read up to n bytes; *got < n when the file was shorter. 0, or -1 with errno. */
static int read_all(int fd, unsigned char *b, size_t n, size_t *got)
{
	*got = 0;
	while (*got < n) {
		ssize_t k = read(fd, b + *got, n - *got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		*got += (size_t)k;
	}
	return 0;
}

/* The size of an open model file, checked: a regular file of at most MAX_FILE.
 * path is the name shown in messages. */
static gt_status file_size(int fd, const char *path, size_t *size, gt_error *err)
{
	struct stat sb;

	if (fstat(fd, &sb) != 0)
		return gt_fail(err, GT_ERR_IO, "%s: cannot read: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return gt_fail(err, GT_ERR_IO, "%s: cannot read: %s", path, strerror(EISDIR));
	if (!S_ISREG(sb.st_mode))
		return gt_fail(err, GT_ERR_IO, "%s: cannot read: not a regular file", path);
	if ((uintmax_t)sb.st_size > MAX_FILE)
		return gt_fail(err, GT_ERR_MODEL, "%s: %jd bytes is too large for a model file "
		               "(at most %zu MiB)", path, (intmax_t)sb.st_size, MAX_FILE >> 20);
	*size = (size_t)sb.st_size;
	return GT_OK;
}

/* Read the file at path; name is how messages show it. */
static gt_status read_file(const char *path, const char *name, unsigned char **out,
                           size_t *len, gt_error *err)
{
	/* O_NONBLOCK: a FIFO at path is refused by file_size at once instead
	 * of waiting for a writer; it changes nothing for a regular file */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	size_t size = 0;
	gt_status st;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return gt_fail(err, GT_ERR_IO, "%s: cannot open: %s", name, strerror(errno));
	st = file_size(fd, name, &size, err);
	if (st == GT_OK && !(*out = malloc(size ? size : 1)))
		st = gt_fail(err, GT_ERR_NOMEM, "%s: out of memory", name);
	if (st == GT_OK && read_all(fd, *out, size, len) != 0)
		st = gt_fail(err, GT_ERR_IO, "%s: cannot read: %s", name, strerror(errno));
	close(fd);
	if (st != GT_OK) {
		free(*out);
		*out = NULL;
	}
	return st;
}

gt_status gt_predictor_load(gt_predictor *p, const char *path, gt_error *err)
{
	unsigned char *buf;
	size_t len;
	gt_status st;
	char name[NAME_SHOWN + 16];

	memset(p, 0, sizeof(*p));
	st = read_file(path, shown_name(path, name), &buf, &len, err);
	if (st != GT_OK)
		return st;
	st = gt_predictor_decode(p, buf, len, name, err);
	free(buf);
	return st;
}
