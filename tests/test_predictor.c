/* test_predictor.c: model files. Round trips (by hand and after training on
 * the sample and the real data, bit for bit on every test row), rejection of
 * every truncation, every single-byte corruption and of crafted files with a
 * valid checksum, and saving/loading through the file system. */
#define _POSIX_C_SOURCE 200809L /* getrlimit, umask, opendir */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"
#include "testdir.h"
#include "genretui/probs.h"
#include "genretui/predictor.h"
#include "genretui/preset.h"
#include "genretui/session.h"

#define HDR 20           /* magic 8, version 4, length 8 */
#define NAME "x.gtm"     /* what decode is told the file is called */

/* ---- Image helpers: an independent CRC and little-endian fields */

/* Bitwise CRC-32 (IEEE, reflected), written apart from the library's. */
static uint32_t ref_crc(const unsigned char *b, size_t n)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < n; i++) {
		c ^= b[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return ~c;
}

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

/* Make the length field and the checksum agree with an edited image. */
static void fix_image(unsigned char *b, size_t n)
{
	put_le(b + 12, n - HDR - 4, 8);
	put_le(b + n - 4, ref_crc(b, n - 4), 4);
}

/* A copy of b with del bytes at `at` replaced by ins[nins], fixed up. */
static unsigned char *splice(const unsigned char *b, size_t n, size_t at, size_t del,
                             const void *ins, size_t nins, size_t *out_n)
{
	unsigned char *c = malloc(n - del + nins);

	assert_non_null(c);
	memcpy(c, b, at);
	memcpy(c + at, ins, nins);
	memcpy(c + at + nins, b + at + del, n - at - del);
	*out_n = n - del + nins;
	fix_image(c, *out_n);
	return c;
}

/* Offset of input name i's length field; i = GT_NINPUTS + c for genre c,
 * GT_NINPUTS + GT_NCLASSES for the preset name. */
static size_t name_at(int i)
{
	size_t off = HDR + 12;

	for (int k = 0; k < i; k++)
		off += 2 + strlen(k < GT_NINPUTS ? gt_input_names[k]
		                                 : gt_genre_names[k - GT_NINPUTS]);
	return off;
}

/* Offset of nlayers in an image whose preset is "paper"; for the paper
 * architecture the fields after it are at fixed distances (see OFF_). */
static size_t arch_at(void)
{
	return name_at(GT_NINPUTS + GT_NCLASSES) + 2 + strlen("paper");
}

enum {
	OFF_SIZES = 4, OFF_ACTS = 16, OFF_LOSS = 24, OFF_EPOCHS = 28, OFF_LR = 36,
	OFF_TRAINED = 76, OFF_TEST_ACC = 80,
	/* version 2: schedule, lr_min, dropout, val_fraction, patience; prep */
	OFF_SCHEDULE = 104, OFF_DROPOUT = 116, OFF_VALFRAC = 124, OFF_PATIENCE = 132,
	OFF_PREP = 136, OFF_NORM = 140, OFF_STATS = 204, OFF_NPARAMS = 468, OFF_PARAMS = 476
};

static void file_bytes(const char *path, unsigned char **b, size_t *n)
{
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	*b = malloc(1 << 20);
	assert_non_null(*b);
	*n = fread(*b, 1, 1 << 20, f);
	fclose(f);
}

/* ---- Predictors */

/* The paper architecture with Glorot weights from seed and made-up figures. */
static void make_predictor(gt_predictor *p, uint32_t seed)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_rng rng;

	memset(p, 0, sizeof(*p));
	assert_int_equal(gt_model_init(&p->model, &paper->arch, 1, NULL), GT_OK);
	gt_rng_seed(&rng, seed);
	gt_model_glorot(&p->model, &rng);
	for (int l = 0; l < p->model.arch.nlayers; l++)    /* nonzero biases too */
		for (int j = 0; j < p->model.arch.sizes[l + 1]; j++)
			p->model.b[l][j] = gt_rng_uniform(&rng, -0.5, 0.5);
	gt_layout_study(&p->layout);
	gt_norm_init(&p->norm, GT_PREP_STUDY, &p->layout);
	for (int j = 0; j < GT_NSCALED; j++) {
		p->norm.mm.min[j] = -60.0 + j * 17.25;
		p->norm.mm.max[j] = p->norm.mm.min[j] + 100.0 + gt_rng_double(&rng) * 1e5;
	}
	for (int f = 0; f < GT_NNUMERIC; f++) {
		p->lo[f] = -f * 1.5;
		p->hi[f] = f * 1000.0 + 1.0 / 3.0;
		p->median[f] = (p->lo[f] + p->hi[f]) / 2;
	}
	snprintf(p->preset, sizeof(p->preset), "paper");
	gt_genres_study(&p->genres);
	p->hp = paper->hp;
	p->split_seed = 42;
	p->epochs_trained = 12;
	p->test_accuracy = 0.5125;
	p->train_accuracy = 0.53515625;
	p->test_macro_f1 = 0.1 + 0.2;
}

static void encode_ok(const gt_predictor *p, unsigned char **b, size_t *n)
{
	gt_error err;

	gt_error_clear(&err);
	if (gt_predictor_encode(p, b, n, &err) != GT_OK)
		fail_msg("encode: %s", err.msg);
}

static void decode_ok(gt_predictor *p, const unsigned char *b, size_t n)
{
	gt_error err;

	gt_error_clear(&err);
	if (gt_predictor_decode(p, b, n, NAME, &err) != GT_OK)
		fail_msg("decode: %s", err.msg);
}

static void assert_same(const gt_predictor *a, const gt_predictor *b)
{
	assert_memory_equal(&a->model.arch, &b->model.arch, sizeof(gt_arch));
	assert_int_equal(a->model.nparams, b->model.nparams);
	assert_memory_equal(a->model.params, b->model.params, a->model.nparams * sizeof(gt_real));
	assert_memory_equal(&a->norm, &b->norm, sizeof(a->norm));
	assert_memory_equal(a->median, b->median, sizeof(a->median));
	assert_memory_equal(a->lo, b->lo, sizeof(a->lo));
	assert_memory_equal(a->hi, b->hi, sizeof(a->hi));
	assert_string_equal(a->preset, b->preset);
	assert_memory_equal(&a->hp, &b->hp, sizeof(a->hp));
	assert_int_equal(a->split_seed, b->split_seed);
	assert_int_equal(a->epochs_trained, b->epochs_trained);
	assert_memory_equal(&a->test_accuracy, &b->test_accuracy, sizeof(double));
	assert_memory_equal(&a->train_accuracy, &b->train_accuracy, sizeof(double));
	assert_memory_equal(&a->test_macro_f1, &b->test_macro_f1, sizeof(double));
	assert_int_equal(b->model.max_batch, 1);
	assert_true(gt_genres_same(&a->genres, &b->genres));
	assert_int_equal(a->genres.from_data, b->genres.from_data);
}

/* Decode must fail with GT_ERR_MODEL, a message naming the file (and
 * containing want, if given), and leave *p all zero. */
static void expect_reject(const unsigned char *b, size_t n, const char *want)
{
	static const gt_predictor zero;
	gt_predictor p;
	gt_error err;

	memset(&p, 0x5a, sizeof(p));
	gt_error_clear(&err);
	assert_int_equal(gt_predictor_decode(&p, b, n, NAME, &err), GT_ERR_MODEL);
	if (strncmp(err.msg, NAME ": ", strlen(NAME ": ")) != 0 || !err.msg[7])
		fail_msg("length %zu: bad message '%s'", n, err.msg);
	if (want && !strstr(err.msg, want))
		fail_msg("length %zu: message '%s' lacks '%s'", n, err.msg, want);
	assert_memory_equal(&p, &zero, sizeof(p));
}

/* Patch a u32 (or u64 when w == 8) at off in a copy, fix it up, expect want. */
static void reject_patched(const unsigned char *b, size_t n, size_t off, int w,
                           uint64_t v, const char *want)
{
	unsigned char *c = malloc(n);

	assert_non_null(c);
	memcpy(c, b, n);
	put_le(c + off, v, w);
	fix_image(c, n);
	expect_reject(c, n, want);
	free(c);
}

static void reject_patched_f64(const unsigned char *b, size_t n, size_t off, double d,
                               const char *want)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	reject_patched(b, n, off, 8, u, want);
}

/* ---- Format and round trip by hand */

static void test_crc_and_layout(void **state)
{
	const unsigned char check[] = "123456789";
	gt_predictor p;
	unsigned char *b;
	size_t n, A;

	(void)state;
	assert_int_equal(ref_crc(check, 9), 0xcbf43926u);     /* zlib's check value */
	make_predictor(&p, 7);
	encode_ok(&p, &b, &n);
	assert_memory_equal(b, "GTMODEL\0", 8);
	assert_int_equal(get_le(b + 8, 4), 2);
	assert_int_equal(get_le(b + 12, 8), n - HDR - 4);
	assert_int_equal(get_le(b + n - 4, 4), ref_crc(b, n - 4));
	assert_int_equal(get_le(b + HDR, 4), 35);
	assert_int_equal(get_le(b + HDR + 4, 4), 10);
	assert_int_equal(get_le(b + HDR + 8, 4), 11);
	assert_int_equal(get_le(b + name_at(0), 2), 10);
	assert_memory_equal(b + name_at(0) + 2, "popularity", 10);
	assert_memory_equal(b + name_at(GT_NINPUTS + 9) + 2, "Hip-Hop", 7);
	A = arch_at();
	assert_memory_equal(b + A - 5, "paper", 5);
	assert_int_equal(get_le(b + A, 4), 2);
	assert_int_equal(get_le(b + A + OFF_SIZES + 4, 4), 35);
	assert_int_equal(get_le(b + A + OFF_NPARAMS, 8), 1620);
	assert_int_equal(A + OFF_PARAMS + 1620 * 8 + 4, n);
	for (size_t i = 0; i < p.model.nparams; i++) {
		double d = (double)p.model.params[i];   /* stored as f64 */
		uint64_t u;

		memcpy(&u, &d, 8);
		assert_int_equal(get_le(b + A + OFF_PARAMS + 8 * i, 8), u);
	}
	free(b);
	gt_predictor_free(&p);
}

static void random_track(gt_rng *rng, double num[GT_NNUMERIC], int *scale)
{
	for (int f = 0; f < GT_NNUMERIC; f++)
		num[f] = gt_rng_uniform(rng, -100.0, 300000.0);
	*scale = (int)gt_rng_interval(rng, GT_NSCALES - 1);
}

static void test_round_trip(void **state)
{
	gt_predictor a, b;
	unsigned char *img, *img2;
	size_t n, n2;
	gt_rng rng;

	(void)state;
	make_predictor(&a, 11);
	encode_ok(&a, &img, &n);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	gt_rng_seed(&rng, 5);
	for (int k = 0; k < 50; k++) {
		double num[GT_NNUMERIC], pa[GT_MAX_CLASSES] = {0}, pb[GT_MAX_CLASSES] = {0};
		int scale;

		random_track(&rng, num, &scale);
		gt_predictor_probs(&a, num, scale, pa);
		gt_predictor_probs(&b, num, scale, pb);
		assert_memory_equal(pa, pb, sizeof(pa));
	}
	encode_ok(&b, &img2, &n2);                /* encoding is a pure function */
	assert_int_equal(n, n2);
	assert_memory_equal(img, img2, n);
	free(img);
	free(img2);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

/* A column whose min equals max is valid (it scales to 0). */
static void test_equal_min_max(void **state)
{
	double num[GT_NNUMERIC] = {0}, probs[GT_MAX_CLASSES];
	gt_predictor a, b;
	unsigned char *img;
	size_t n;

	(void)state;
	make_predictor(&a, 3);
	a.norm.mm.min[1] = a.norm.mm.max[1] = 123.5;
	a.lo[4] = a.median[4] = a.hi[4] = 0.25;
	encode_ok(&a, &img, &n);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	gt_predictor_probs(&b, num, 0, probs);
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_true(isfinite(probs[c]));
	free(img);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

/* The committed version-1 file (written by genretui 0.1) must stay
 * readable: it decodes to the same predictor, with the study's
 * preparation and none of version 2's training fields. */
static void test_fixture_v1(void **state)
{
	const char *dir = getenv("GT_TESTDATA");
	char path[4096];
	gt_predictor a, b;
	gt_error err;

	(void)state;
	if (!dir)
		skip();
	make_predictor(&a, 2024);
	snprintf(path, sizeof(path), "%s/models/paper-v1.gtm", dir);
	if (gt_predictor_load(&b, path, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_int_equal(b.norm.prep, GT_PREP_STUDY);
	assert_int_equal(b.hp.patience, 0);
	assert_same(&a, &b);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

/* A predictor of a file's own genres (names[0..k-1]) whose network has
 * outputs outputs. */
static void make_own(gt_predictor *p, const char *const *names, int k, int outputs)
{
	gt_arch arch = gt_preset_find("paper")->arch;
	gt_rng rng;

	make_predictor(p, 21);
	gt_model_free(&p->model);
	arch.sizes[arch.nlayers] = outputs;
	assert_int_equal(gt_model_init(&p->model, &arch, 1, NULL), GT_OK);
	gt_rng_seed(&rng, 21);
	gt_model_glorot(&p->model, &rng);
	assert_int_equal(gt_genres_set(&p->genres, names, k), 0);
}

/* A model is used on a file only when they have the same genres. */
static void test_check_genres(void **state)
{
	static const char *const own[] = { "k-pop", "drum, bass", "salsa" };
	gt_predictor p;
	gt_genres study, g;
	gt_error err;

	(void)state;
	make_predictor(&p, 3);
	gt_genres_study(&study);
	assert_int_equal(gt_predictor_check_genres(&p, &study, "m.gtm", &err), GT_OK);
	assert_int_equal(gt_genres_set(&g, own, 3), 0);
	assert_int_equal(gt_predictor_check_genres(&p, &g, "m.gtm", &err), GT_ERR_MODEL);
	assert_string_equal(err.msg, "m.gtm predicts 10 genres (Electronic, Anime, ...), the file "
	                    "has 3 (k-pop, drum, bass, ...): not the same genres");
	gt_predictor_free(&p);
}

/* Version 2: a file's own genres, their names stored and checked. */
static void test_own_genres_v2(void **state)
{
	static const char *const own[] = { "k-pop", "drum, bass", "forr\xc3\xb3" };
	static const char *const twice[] = { "a", "b", "a" };
	gt_predictor a, b;
	unsigned char *img, *img2;
	size_t n, n2;
	gt_error err;

	(void)state;
	make_own(&a, own, 3, 3);
	encode_ok(&a, &img, &n);
	assert_int_equal(get_le(img + 8, 4), 2);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	assert_string_equal(b.genres.raw[2], "forr\xc3\xb3");
	encode_ok(&b, &img2, &n2);                /* canonical */
	assert_int_equal(n, n2);
	assert_memory_equal(img, img2, n);
	free(img);
	free(img2);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
	/* what a version-2 file may not hold; encoding checks it by decoding */
	make_own(&a, twice, 3, 3);
	assert_int_equal(gt_predictor_encode(&a, &img, &n, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "genres 0 and 2 are both 'a'"));
	gt_predictor_free(&a);
	make_own(&a, own, 3, 4);
	assert_int_equal(gt_predictor_encode(&a, &img, &n, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "maps 35 inputs to 4 outputs, expected 35 to 3"));
	gt_predictor_free(&a);
	make_own(&a, own, 1, 1);
	assert_int_equal(gt_predictor_encode(&a, &img, &n, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "the genre count is 1, expected 2 to 256"));
	gt_predictor_free(&a);
}

/* Version 2 holds up to 256 genres: 256 round-trip, 257 are refused. */
static void test_many_genres_v2(void **state)
{
	static char names[257][16];
	static const char *ptr[257];
	gt_predictor a, b;
	unsigned char *img;
	size_t n;

	(void)state;
	for (int c = 0; c < 257; c++) {
		snprintf(names[c], sizeof(names[c]), "g%03d", c);
		ptr[c] = names[c];
	}
	make_own(&a, ptr, GT_MAX_CLASSES, GT_MAX_CLASSES);
	assert_int_equal(a.genres.k, 256);
	encode_ok(&a, &img, &n);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	assert_int_equal(b.genres.k, 256);
	assert_string_equal(b.genres.raw[255], "g255");
	free(img);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
	make_own(&a, ptr, 10, 10);
	assert_int_equal(gt_genres_set(&a.genres, ptr, 257), -1);   /* no such table */
	gt_predictor_free(&a);
}

/* The committed version-2 file must stay readable and byte-identical to
 * what this build writes for the same predictor. GT_WRITE_FIXTURE=path
 * (re)creates it. */
static void test_fixture_v2(void **state)
{
	const char *dir = getenv("GT_TESTDATA"), *out = getenv("GT_WRITE_FIXTURE");
	unsigned char *img, *disk;
	size_t n, ndisk;
	char path[4096];
	gt_predictor a, b;
	gt_error err;

	(void)state;
	make_predictor(&a, 2024);
	if (out)
		assert_int_equal(gt_predictor_save(&a, out, &err), GT_OK);
	if (!dir) {
		gt_predictor_free(&a);
		skip();
	}
	snprintf(path, sizeof(path), "%s/models/paper-v2.gtm", dir);
	if (gt_predictor_load(&b, path, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_same(&a, &b);
	encode_ok(&a, &img, &n);
	assert_int_equal(n, 13894 + 4 + 3 * 8 + 4 + 4);   /* v1 + the v2 fields */
	file_bytes(path, &disk, &ndisk);
	assert_int_equal(ndisk, n);
	assert_memory_equal(disk, img, n);
	free(disk);
	free(img);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

/* The improved preset's predictor: standardisation and its training
 * fields survive a round trip, and a bad standard deviation is refused. */
/* The study's layout in version 3 reads back as the study's; version 2 of
 * it stays the default. */
static void test_study_v3(void **state)
{
	gt_predictor a, b;
	unsigned char *img, *img2;
	size_t n, n2;
	gt_error err;

	(void)state;
	make_predictor(&a, 11);
	assert_int_equal(gt_predictor_encode_version(&a, 3, &img, &n, &err), GT_OK);
	assert_int_equal(img[8], 3);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	assert_true(gt_layout_is_study(&b.layout));
	encode_ok(&a, &img2, &n2);
	assert_int_equal(img2[8], 2);
	assert_true(n2 < n);
	free(img);
	free(img2);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

static void test_improved_round_trip(void **state)
{
	const gt_preset *imp = gt_preset_find("improved");
	gt_predictor a, b;
	unsigned char *img;
	size_t n;
	gt_error err;
	gt_rng rng;

	(void)state;
	assert_non_null(imp);
	memset(&a, 0, sizeof(a));
	assert_int_equal(gt_model_init(&a.model, &imp->arch, 1, NULL), GT_OK);
	gt_rng_seed(&rng, 5);
	gt_model_glorot(&a.model, &rng);
	gt_genres_study(&a.genres);
	gt_layout_study(&a.layout);
	gt_norm_init(&a.norm, GT_PREP_IMPUTE, &a.layout);
	for (int f = 0; f < GT_NNUMERIC; f++) {
		a.norm.std.mean[f] = f * 3.25 - 7;
		a.norm.std.sd[f] = 0.5 + f;
		a.lo[f] = -1, a.hi[f] = 1e6, a.median[f] = 2;
	}
	snprintf(a.preset, sizeof(a.preset), "improved");
	a.hp = imp->hp;
	a.split_seed = 42;
	a.epochs_trained = 31;
	encode_ok(&a, &img, &n);
	decode_ok(&b, img, n);
	assert_same(&a, &b);
	assert_int_equal(b.hp.prep, GT_PREP_IMPUTE);
	assert_near(b.hp.dropout, imp->hp.dropout, 0);
	gt_predictor_free(&b);
	free(img);
	a.norm.std.sd[3] = 0;
	assert_int_equal(gt_predictor_encode(&a, &img, &n, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "standardisation of 'duration_ms'"));
	gt_predictor_free(&a);
}

/* ---- Rejections */

static void test_every_truncation(void **state)
{
	gt_predictor p;
	unsigned char *b;
	size_t n;

	(void)state;
	make_predictor(&p, 1);
	encode_ok(&p, &b, &n);
	expect_reject(b, 0, "empty");
	for (size_t len = 1; len < n; len++) {
		unsigned char *c = malloc(len);    /* exact size: ASan sees overreads */

		assert_non_null(c);
		memcpy(c, b, len);
		expect_reject(c, len, "truncated");
		free(c);
	}
	free(b);
	gt_predictor_free(&p);
}

/* What a corrupted byte at offset i, now v, must be reported as. */
static const char *corruption_kind(size_t i, unsigned char v)
{
	if (i < 8)
		return "not a genretui model file";
	if (i == 8 && v >= 1 && v <= GT_MODEL_VERSION)   /* a known version: the checksum tells */
		return "checksum mismatch: the file is corrupted";
	if (i < 12)
		return "is not supported (this genretui reads versions 1 to 3)";
	if (i < HDR)
		return NULL;            /* "truncated" or "unexpected data" */
	return "checksum mismatch: the file is corrupted";
}

static void test_every_byte_corruption(void **state)
{
	static const int how[2] = { 0, 1 };    /* xor 0xff, add 1 */
	gt_predictor p;
	unsigned char *b;
	gt_error err;
	size_t n;

	(void)state;
	make_predictor(&p, 2);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 2; k++) {
			unsigned char keep = b[i];

			b[i] = how[k] ? (unsigned char)(keep + 1) : keep ^ 0xff;
			expect_reject(b, n, corruption_kind(i, b[i]));
			if (i >= 12 && i < HDR) {
				gt_predictor_decode(&p, b, n, NAME, &err);
				assert_true(strstr(err.msg, "truncated") ||
				            strstr(err.msg, "unexpected data after the end"));
			}
			b[i] = keep;
		}
	free(b);
}

static void test_version_and_trailing(void **state)
{
	gt_predictor p;
	unsigned char *b, *c;
	gt_error err;
	size_t n, m;

	(void)state;
	make_predictor(&p, 4);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	put_le(b + 8, 7, 4);
	put_le(b + n - 4, ref_crc(b, n - 4), 4);
	assert_int_equal(gt_predictor_decode(&p, b, n, NAME, &err), GT_ERR_MODEL);
	assert_string_equal(err.msg, NAME ": model file version 7 is not supported "
	                    "(this genretui reads versions 1 to 3)");
	put_le(b + 8, 2, 4);          /* back: the study's models are version 2 */
	put_le(b + n - 4, ref_crc(b, n - 4), 4);
	/* garbage after the checksum, and inside the payload after the parameters */
	c = malloc(n + 1);
	assert_non_null(c);
	memcpy(c, b, n);
	c[n] = 0;
	expect_reject(c, n + 1, "unexpected data after the end of the model: the file "
	              "has 13931 bytes, its header announces 13930");
	free(c);
	c = splice(b, n, n - 4, 0, "\0\0\0\0\0\0\0\0", 8, &m);
	expect_reject(c, m, "unexpected data after the parameters (8 bytes)");
	free(c);
	expect_reject((const unsigned char *)"hello, world, this is text", 26,
	              "not a genretui model file");
	free(b);
}

static void test_different_inputs(void **state)
{
	gt_predictor p;
	unsigned char *b, *c;
	gt_error err;
	size_t n, m, at;

	(void)state;
	make_predictor(&p, 5);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	at = name_at(12);                       /* "scale_A#", same length */
	c = splice(b, n, at, 10, "\x08\0scale_X#", 10, &m);
	assert_int_equal(gt_predictor_decode(&p, c, m, NAME, &err), GT_ERR_MODEL);
	assert_string_equal(err.msg, NAME ": the model was made for different inputs "
	                    "('scale_X#' at input 12, this build has 'scale_A#')");
	free(c);
	at = name_at(GT_F_TEMPO);               /* "tempo" -> "bpm": shorter */
	c = splice(b, n, at, 7, "\x03\0bpm", 5, &m);
	expect_reject(c, m, "different inputs ('bpm' at input 9");
	free(c);
	c = splice(b, n, at, 7, "\x03\0tem", 5, &m);  /* a prefix is not enough */
	expect_reject(c, m, "different inputs ('tem' at input 9");
	free(c);
	c = splice(b, n, at, 7, "\x05\0te\x1bpo", 7, &m);  /* shown safely */
	expect_reject(c, m, "different inputs ('te?po' at input 9");
	free(c);
	/* version 2 stores any genre names: other names are a file's own genres */
	at = name_at(GT_NINPUTS + 2);           /* "Jazz" */
	c = splice(b, n, at, 6, "\x04\0Jizz", 6, &m);   /* splice fixes length and CRC */
	assert_int_equal(gt_predictor_decode(&p, c, m, NAME, &err), GT_OK);
	assert_true(p.genres.from_data);
	assert_string_equal(p.genres.raw[2], "Jizz");
	gt_predictor_free(&p);
	free(c);
	reject_patched(b, n, HDR, 4, 36, "different inputs (36 inputs");
	reject_patched(b, n, HDR + 4, 4, 257, "the genre count is 257, expected 2 to 256");
	reject_patched(b, n, name_at(3), 2, 60000, "ends inside a name");
	free(b);
}

static void test_bad_numbers(void **state)
{
	gt_predictor p;
	unsigned char *b;
	size_t n, A = arch_at();

	(void)state;
	make_predictor(&p, 6);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	reject_patched_f64(b, n, A + OFF_PARAMS + 8 * 5, NAN, "parameter 5 is not a finite number");
	reject_patched_f64(b, n, A + OFF_PARAMS + 8 * 1619, -INFINITY, "parameter 1619 is not");
	reject_patched_f64(b, n, A + OFF_LR, NAN, "the learning rate is not a finite number");
	reject_patched_f64(b, n, A + OFF_NORM + 8, INFINITY, "normalisation minimum is not");
	reject_patched_f64(b, n, A + OFF_NORM, 1e300, "normalisation of 'popularity' has min");
	reject_patched_f64(b, n, A + OFF_STATS + 8 * 9, -1e9, "statistics of 'tempo'");
	reject_patched_f64(b, n, A + OFF_TEST_ACC, 1.5, "the test accuracy is 1.5, expected 0 to 1");
	reject_patched(b, n, A + OFF_EPOCHS, 4, 0, "the epoch count is 0, expected 1 to");
	reject_patched(b, n, A + OFF_TRAINED, 4, 16, "the epochs trained is 16, expected 0 to 15");
	reject_patched(b, n, A + OFF_SCHEDULE, 4, 2, "the learning-rate schedule is 2, expected 0 to 1");
	reject_patched_f64(b, n, A + OFF_DROPOUT, 1.0, "the dropout rate is 1, expected 0 to below 1");
	reject_patched_f64(b, n, A + OFF_VALFRAC, -0.5, "the validation share is -0.5");
	reject_patched(b, n, A + OFF_PREP, 4, 2, "the preparation code is 2, expected 0 to 1");
	free(b);
}

/* The largest consistent network, 35-4096-4096-4096-10 (33.7 million
 * parameters), in a file that holds 1620: refused before anything that size
 * is allocated. */
static void reject_huge(const unsigned char *b, size_t n)
{
	static const uint32_t arch[11] = { 4, 35, 4096, 4096, 4096, 10, 1, 1, 1, 1, 0 };
	const uint64_t want = 35 * 4096 + 4096 + 2 * (4096 * 4096 + 4096) + 4096 * 10 + 10;
	unsigned char bytes[44], *c;
	size_t A = arch_at(), m;

	for (int i = 0; i < 11; i++)
		put_le(bytes + 4 * i, arch[i], 4);
	c = splice(b, n, A, OFF_EPOCHS, bytes, sizeof(bytes), &m);
	put_le(c + A + sizeof(bytes) - OFF_EPOCHS + OFF_NPARAMS, want, 8);
	fix_image(c, m);
	expect_reject(c, m, "too short for its 33751050 parameters");
	free(c);
}

static void test_bad_architecture(void **state)
{
	gt_predictor p;
	unsigned char *b, *c;
	size_t n, m, A = arch_at();

	(void)state;
	make_predictor(&p, 8);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	reject_patched(b, n, A, 4, 0, "the number of layers is 0, expected 1 to 4");
	reject_patched(b, n, A, 4, 0xffffffffu, "the number of layers is 4294967295");
	reject_patched(b, n, A + OFF_SIZES + 4, 4, 0xffffffffu, "a layer size is 4294967295");
	reject_patched(b, n, A + OFF_SIZES + 4, 4, 4096, "the file has 1620 parameters, "
	               "the architecture needs 188426");
	reject_patched(b, n, A + OFF_SIZES, 4, 36, "maps 36 inputs to 10 outputs, expected 35 to 10");
	reject_patched(b, n, A + OFF_ACTS, 4, 3, "an activation code is 3, expected 0 to 2");
	reject_patched(b, n, A + OFF_ACTS + 4, 4, GT_ACT_RELU, "invalid architecture");
	reject_patched(b, n, A + OFF_LOSS, 4, 2, "the loss code is 2");
	reject_patched(b, n, A + OFF_LOSS, 4, GT_LOSS_SOFTMAX_CE, "invalid architecture");
	reject_patched(b, n, A + OFF_NPARAMS, 8, UINT64_MAX, "the architecture needs 1620");
	reject_huge(b, n);
	c = splice(b, n, A - 7, 7, "\x20\0" "0123456789abcdef0123456789abcdef", 34, &m);
	expect_reject(c, m, "the preset name is 32 bytes long, at most 31");
	free(c);
	c = splice(b, n, A - 7, 7, "\x05\0pa\npr", 7, &m);
	expect_reject(c, m, "control character");
	free(c);
	free(b);
}

/* Random multi-byte damage with a valid checksum: never a crash, a leak or
 * a half-filled predictor. */
static void test_fuzz_payload(void **state)
{
	static const gt_predictor zero;
	gt_predictor p;
	unsigned char *b, *c;
	gt_status st;
	size_t n;
	gt_rng rng;

	(void)state;
	make_predictor(&p, 9);
	encode_ok(&p, &b, &n);
	gt_predictor_free(&p);
	c = malloc(n);
	assert_non_null(c);
	gt_rng_seed(&rng, 99);
	for (int it = 0; it < 4000; it++) {
		int hits = 1 + (int)gt_rng_interval(&rng, 3);
		uint32_t span = it % 2 ? (uint32_t)(arch_at() + OFF_PARAMS) : (uint32_t)n - 4;

		memcpy(c, b, n);
		for (int k = 0; k < hits; k++)
			c[HDR + gt_rng_interval(&rng, span - HDR - 1)] = (unsigned char)gt_rng_u32(&rng);
		fix_image(c, n);
		st = gt_predictor_decode(&p, c, n, NAME, NULL);
		assert_true(st == GT_OK || st == GT_ERR_MODEL);
		if (st != GT_OK)
			assert_memory_equal(&p, &zero, sizeof(p));
		gt_predictor_free(&p);
	}
	free(c);
	free(b);
}

/* ---- Files */

/* Open file descriptors (Linux), to catch leaks on error paths; -1 elsewhere. */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void test_save_load(void **state)
{
	const char *dir = *state;
	char path[4096];
	gt_predictor a, b, c;
	gt_error err;
	struct stat sb;
	mode_t old = umask(022);

	snprintf(path, sizeof(path), "%s/m.gtm", dir);
	make_predictor(&a, 12);
	make_predictor(&b, 13);
	assert_int_equal(gt_predictor_save(&a, path, &err), GT_OK);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0644);
	umask(077);
	assert_int_equal(gt_predictor_save(&b, path, &err), GT_OK);   /* replaces */
	umask(old);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(gt_testdir_count(dir, ".tmp"), 0);
	assert_int_equal(gt_testdir_count(dir, "m.gtm"), 1);
	if (gt_predictor_load(&c, path, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_same(&b, &c);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
	gt_predictor_free(&c);
}

static void test_load_errors(void **state)
{
	static const gt_predictor zero;
	const char *dir = *state;
	char path[4096];
	gt_predictor p;
	gt_error err;
	FILE *f;

	int fds = count_fds();

	snprintf(path, sizeof(path), "%s/missing.gtm", dir);
	assert_int_equal(gt_predictor_load(&p, path, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	assert_memory_equal(&p, &zero, sizeof(p));
	assert_int_equal(gt_predictor_load(&p, dir, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, dir));
	snprintf(path, sizeof(path), "%s/empty.gtm", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(gt_predictor_load(&p, path, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "empty"));
	assert_non_null(strstr(err.msg, path));
	assert_memory_equal(&p, &zero, sizeof(p));
	assert_int_equal(count_fds(), fds);
}

static void test_save_errors(void **state)
{
	const char *dir = *state;
	char path[4096];
	gt_predictor p;
	gt_error err;
	struct stat sb;
	int fds = count_fds();

	make_predictor(&p, 14);
	snprintf(path, sizeof(path), "%s/no/such/dir/m.gtm", dir);
	assert_int_equal(gt_predictor_save(&p, path, &err), GT_ERR_IO);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "cannot write"));
	assert_int_equal(gt_testdir_count(dir, ""), 2);      /* . and .. */
	snprintf(path, sizeof(path), "%s/sub", dir);      /* over a directory */
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(gt_predictor_save(&p, path, &err), GT_ERR_IO);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(gt_testdir_count(dir, ".tmp"), 0);
	/* a model that cannot be read back is not written */
	snprintf(path, sizeof(path), "%s/nan.gtm", dir);
	p.model.params[3] = NAN;
	assert_int_equal(gt_predictor_save(&p, path, &err), GT_ERR_MODEL);
	assert_non_null(strstr(err.msg, "parameter 3 is not a finite number"));
	assert_int_equal(gt_testdir_count(dir, "nan"), 0);
	assert_int_equal(count_fds(), fds);
	gt_predictor_free(&p);
}

/* A write that fails half-way (file size limit: EFBIG) leaves the old file
 * as it was and no temporary behind. */
static void test_failed_write_keeps_old(void **state)
{
	const char *dir = *state;
	char path[4096];
	unsigned char *before, *after;
	size_t nb, na;
	struct rlimit old, lim;
	gt_predictor a, b;
	gt_error err;
	gt_status st;
	int fds = count_fds();

	snprintf(path, sizeof(path), "%s/m.gtm", dir);
	make_predictor(&a, 15);
	make_predictor(&b, 16);
	assert_int_equal(gt_predictor_save(&a, path, &err), GT_OK);
	file_bytes(path, &before, &nb);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	st = gt_predictor_save(&b, path, &err);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	assert_int_equal(st, GT_ERR_IO);
	assert_non_null(strstr(err.msg, "m.gtm: cannot write: "));
	assert_non_null(strstr(err.msg, strerror(EFBIG)));
	file_bytes(path, &after, &na);
	assert_int_equal(na, nb);
	assert_memory_equal(after, before, nb);
	assert_int_equal(gt_testdir_count(dir, ".tmp"), 0);
	assert_int_equal(count_fds(), fds);
	free(before);
	free(after);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
}

/* ---- Whole test set after training, through a file */

static const char *env_file(const char *var)
{
	const char *p = getenv(var);

	return p && access(p, R_OK) == 0 ? p : NULL;
}

/* Every test row: the session's model on the pipeline's normalised row
 * (its one-hot expanded here), the loaded model on the same row, and the
 * loaded predictor on the raw values. */
static void compare_test_rows(gt_session *s, gt_predictor *q)
{
	const gt_pipeline *pp = &s->pipe;

	assert_memory_equal(&q->norm, &pp->norm, sizeof(q->norm));
	for (size_t i = 0; i < pp->test.n; i++) {
		const gt_track *t = &pp->clean.tracks[pp->sample_track[pp->split.test[i]]];
		gt_real x[GT_NINPUTS] = {0};
		double want[GT_MAX_CLASSES] = {0}, got[GT_MAX_CLASSES] = {0}, raw[GT_MAX_CLASSES] = {0};

		assert_int_equal(pp->test.hot[i], t->scale);
		memcpy(x, pp->test.x + i * GT_NNUMERIC, GT_NNUMERIC * sizeof(gt_real));
		x[GT_NNUMERIC + pp->test.hot[i]] = 1;
		assert_int_equal(t->row, pp->test_row[i]);
		gt_predict_probs(&s->model, x, want);
		gt_predict_probs(&q->model, x, got);
		gt_predictor_probs(q, gt_clean_values(&pp->clean, (size_t)(t - pp->clean.tracks)),
		                   t->scale, raw);
		assert_memory_equal(got, want, sizeof(want));
		assert_memory_equal(raw, want, sizeof(want));
	}
}

static void session_round_trip(const char *csv, int epochs, const char *dir)
{
	const gt_preset *paper = gt_preset_find("paper");
	gt_hparams hp = paper->hp;
	char path[4096];
	gt_predictor a, b;
	gt_session s;
	gt_error err;

	snprintf(path, sizeof(path), "%s/trained.gtm", dir);
	assert_int_equal(gt_session_open(&s, csv, NULL, &err), GT_OK);
	hp.epochs = epochs;
	assert_int_equal(gt_session_start(&s, &paper->arch, &hp, &err), GT_OK);
	while (gt_session_step(&s, NULL) >= 0)
		;
	assert_int_equal(gt_predictor_from_session(&a, &s, "paper", &err), GT_OK);
	assert_int_equal(gt_predictor_save(&a, path, &err), GT_OK);
	if (gt_predictor_load(&b, path, &err) != GT_OK)
		fail_msg("%s", err.msg);
	assert_same(&a, &b);
	assert_int_equal(b.epochs_trained, epochs);
	assert_true(b.test_accuracy > 0.0);
	compare_test_rows(&s, &b);
	gt_predictor_free(&a);
	gt_predictor_free(&b);
	gt_session_close(&s);
}

static void test_sample_round_trip(void **state)
{
	const char *csv = env_file("GT_SAMPLE_CSV");

	if (!csv)
		skip();
	session_round_trip(csv, 2, *state);
}

static void test_real_round_trip(void **state)
{
	const char *csv = env_file("GT_REAL_CSV");

	if (!csv)
		skip();
	session_round_trip(csv, 1, *state);
}


int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc_and_layout),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_equal_min_max),
		cmocka_unit_test(test_fixture_v1),
		cmocka_unit_test(test_check_genres),
		cmocka_unit_test(test_own_genres_v2),
		cmocka_unit_test(test_many_genres_v2),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_every_byte_corruption),
		cmocka_unit_test(test_version_and_trailing),
		cmocka_unit_test(test_fixture_v2),
		cmocka_unit_test(test_improved_round_trip),
		cmocka_unit_test(test_study_v3),
		cmocka_unit_test(test_different_inputs),
		cmocka_unit_test(test_bad_numbers),
		cmocka_unit_test(test_bad_architecture),
		cmocka_unit_test(test_fuzz_payload),
		WITH_DIR(test_save_load),
		WITH_DIR(test_load_errors),
		WITH_DIR(test_save_errors),
		WITH_DIR(test_failed_write_keeps_old),
		WITH_DIR(test_sample_round_trip),
		WITH_DIR(test_real_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
