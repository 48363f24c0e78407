/* model.c: dense layers, forward and backward over a mini-batch.
 *
 * In lanes (see model.h), layer l with nin inputs and nout outputs is three
 * matrix products over a batch of n rows, all done by gemm():
 *   forward   z^T  [nout][lanes] = W   [nout][nin]  . a_l^T [nin][lanes]  (+ b)
 *   backward  dW   [nout][nin]   = dz^T [nout][n]   . a_l   [n][nin]
 *             da_l^T [nin][lanes] = W^T [nin][nout] . dz^T  [nout][lanes]
 * The dW product sums over the batch, so it wants a_l row by row: rows[l],
 * a transposed copy (for the input, made when the rows are loaded). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/kernel.h"
#include "genretui/model.h"

gt_status gt_arch_check(const gt_arch *arch, gt_error *err)
{
	int L = arch->nlayers;
	gt_act last;

	if (L < 1 || L > GT_MAX_LAYERS)
		return gt_fail(err, GT_ERR_ARG, "a model needs 1 to %d layers, not %d",
		               GT_MAX_LAYERS, L);
	for (int l = 0; l <= L; l++)
		if (arch->sizes[l] < 1 || arch->sizes[l] > 4096)
			return gt_fail(err, GT_ERR_ARG, "layer size %d is not in 1..4096",
			               arch->sizes[l]);
	last = arch->act[L - 1];
	if (arch->loss == GT_LOSS_KERAS_SIGMOID && last != GT_ACT_SIGMOID)
		return gt_fail(err, GT_ERR_ARG, "the Keras sigmoid loss needs a sigmoid output layer");
	if (arch->loss == GT_LOSS_SOFTMAX_CE && last != GT_ACT_LINEAR)
		return gt_fail(err, GT_ERR_ARG, "softmax cross-entropy needs a linear output layer");
	return GT_OK;
}

/* ---- Memory --------------------------------------------------------------- */

/* Parameter count and per-layer views into a flat buffer. */
static size_t layout(const gt_arch *arch, gt_real *base, gt_real **W, gt_real **b)
{
	size_t off = 0;

	for (int l = 0; l < arch->nlayers; l++) {
		size_t nin = (size_t)arch->sizes[l], nout = (size_t)arch->sizes[l + 1];

		if (base) {
			W[l] = base + off;
			b[l] = base + off + nout * nin;
		}
		off += nout * nin + nout;
	}
	return off;
}

static int round_lanes(int n)
{
	return (n + GT_LANE_ROUND - 1) / GT_LANE_ROUND * GT_LANE_ROUND;
}

/* Carve the workspace out of base (NULL: just count); returns its size in
 * gt_reals. Every buffer is a whole number of 64-byte lines long. */
static size_t carve(gt_model *m, gt_real *base)
{
	const gt_arch *A = &m->arch;
	size_t off = 0, lanes = (size_t)m->lanes, mb = (size_t)m->max_batch;
	int L = A->nlayers;

#define TAKE(ptr, count) do { if (base) (ptr) = base + off; off += (count); } while (0)
	for (int l = 0; l <= L; l++) {
		TAKE(m->a[l], (size_t)A->sizes[l] * lanes);
		if (l > 0)
			TAKE(m->delta[l], (size_t)A->sizes[l] * lanes);
		if (l < L)
			TAKE(m->rows[l], mb * (size_t)m->row_len[l]);
	}
	TAKE(m->out, (size_t)round_lanes(m->max_batch * A->sizes[L]));
#undef TAKE
	return off;
}

/* m's workspace, zeroed and carved (m->work); 0 when out of memory. */
static int alloc_work(gt_model *m)
{
	size_t nwork = carve(m, NULL);
	void *work;

	m->work = NULL;
	if (posix_memalign(&work, 64, nwork * sizeof(gt_real)) != 0)
		return 0;
	m->work = memset(work, 0, nwork * sizeof(gt_real));
	carve(m, m->work);
	return 1;
}

gt_status gt_model_init(gt_model *m, const gt_arch *arch, int max_batch,
                        gt_error *err)
{
	gt_status st = gt_arch_check(arch, err);

	memset(m, 0, sizeof(*m));
	if (st != GT_OK)
		return st;
	if (max_batch < 1 || max_batch > 1 << 20)
		return gt_fail(err, GT_ERR_ARG, "batch size must be in 1..%d", 1 << 20);
	m->arch = *arch;
	m->max_batch = max_batch;
	m->lanes = round_lanes(max_batch);
	for (int l = 0; l < arch->nlayers; l++)
		m->row_len[l] = round_lanes(arch->sizes[l]);
	m->nparams = layout(arch, NULL, NULL, NULL);
	m->params = gt_reals_zeroed(m->nparams);
	m->grads = gt_reals_zeroed(m->nparams);
	if (!m->params || !m->grads || !alloc_work(m)) {
		gt_model_free(m);
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for the model");
	}
	layout(arch, m->params, m->W, m->b);
	layout(arch, m->grads, m->dW, m->db);
	return GT_OK;
}

gt_status gt_model_init_workspace(gt_model *v, const gt_model *m, gt_error *err)
{
	*v = *m;
	v->dropout = 0;
	if (!alloc_work(v)) {
		memset(v, 0, sizeof(*v));
		return gt_fail(err, GT_ERR_NOMEM, "out of memory for a model's workspace");
	}
	return GT_OK;
}

void gt_model_free_workspace(gt_model *v)
{
	free(v->work);
	memset(v, 0, sizeof(*v));
}

void gt_model_free(gt_model *m)
{
	free(m->params);
	free(m->grads);
	free(m->work);
	memset(m, 0, sizeof(*m));
}

void gt_model_glorot(gt_model *m, gt_rng *rng)
{
	for (int l = 0; l < m->arch.nlayers; l++) {
		int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
		double limit = sqrt(6.0 / (nin + nout));

		for (size_t i = 0; i < (size_t)nin * (size_t)nout; i++)
			m->W[l][i] = (gt_real)gt_rng_uniform(rng, -limit, limit);
		memset(m->b[l], 0, (size_t)nout * sizeof(gt_real));
	}
}

/* ---- The matrix product --------------------------------------------------- */

/* C is computed a TILE_M x TILE_N block at a time. The block's 4 x 16
 * sums stay in registers while k runs (8 AVX registers of 8 floats), so
 * each step loads 16 values of B and 4 of A for 64 multiply-adds. This is
 * plain C: GCC vectorises the loop over j, and -fpeel-loops (configure.ac)
 * lets it unroll that loop completely and keep acc out of memory, at the
 * vector width of each target_clones copy (SSE2, AVX2, AVX-512). */
#define TILE_M 4
#define TILE_N GT_LANE_ROUND

/* A(m, k) = p[m * rs + k * cs]: a matrix, or (rs = 1) a transposed one. */
typedef struct {
	const gt_real *p;
	size_t rs, cs;
} mat_a;

/* The block at row m0, column n0 of C = S + A B, where S is the bias
 * (per row, or 0 if NULL) or, if `from` is not NULL, the matrix from (row
 * stride ldf): sums begun elsewhere and carried on here, the same running
 * sums as if A and B had had the earlier terms too. tn (TILE_N or
 * TILE_N / 2, a constant once inlined) columns wide: mt rows and nt
 * columns of it are stored (the last block may be partial), but all tn
 * columns of B are read, so B's rows must be padded to a multiple of
 * TILE_N / 2. */
static inline __attribute__((always_inline)) void
tile(gt_real *restrict C, size_t ldc, mat_a A, const gt_real *restrict B,
     size_t ldb, int m0, int n0, int mt, int nt, int K, const gt_real *bias,
     const gt_real *from, size_t ldf, int tn)
{
	gt_real acc[TILE_M][TILE_N];
	const gt_real *a[TILE_M];

	for (int t = 0; t < TILE_M; t++) {
		int row = m0 + (t < mt ? t : 0);    /* rows past the end: reread row m0 */
		gt_real start = bias ? bias[row] : 0;

		a[t] = A.p + (size_t)row * A.rs;
		if (from && nt == tn)   /* a whole row of from: one vector load, not tn tests */
			for (int j = 0; j < tn; j++)
				acc[t][j] = from[(size_t)row * ldf + (size_t)(n0 + j)];
		else
			for (int j = 0; j < tn; j++)
				acc[t][j] = from && j < nt ? from[(size_t)row * ldf + (size_t)(n0 + j)] : start;
	}
	for (int k = 0; k < K; k++) {
		const gt_real *restrict b = B + (size_t)k * ldb + n0;
		gt_real av[TILE_M];

		for (int t = 0; t < TILE_M; t++)
			av[t] = a[t][(size_t)k * A.cs];
		for (int t = 0; t < TILE_M; t++)
			for (int j = 0; j < tn; j++)
				acc[t][j] += av[t] * b[j];
	}
	/* Every index into acc must be a constant once the loops are unrolled
	 * (a loop to mt or nt would not be), else acc lives in memory. */
	for (int t = 0; t < TILE_M && t < mt; t++) {
		gt_real *c = C + (size_t)(m0 + t) * ldc + n0, row[TILE_N];

		for (int j = 0; j < tn; j++)
			row[j] = acc[t][j];
		if (nt == tn)
			memcpy(c, row, (size_t)tn * sizeof(gt_real));
		else
			for (int j = 0; j < nt; j++)
				c[j] = row[j];
	}
}

/* The blocks of C [M][N] (row stride ldc) = S + A [M][K] B [K][N] (B's row
 * stride ldb, a multiple of TILE_N / 2), S as tile() takes it. A last
 * column block of at most TILE_N / 2 gets a half-width tile: for 35
 * columns, 40 are computed instead of 48. */
static inline __attribute__((always_inline)) void
blocks(gt_real *C, size_t ldc, mat_a A, const gt_real *B, size_t ldb, int M, int N,
       int K, const gt_real *bias, const gt_real *from, size_t ldf)
{
	for (int m0 = 0; m0 < M; m0 += TILE_M) {
		int mt = M - m0 < TILE_M ? M - m0 : TILE_M;

		for (int n0 = 0; n0 < N; n0 += TILE_N) {
			if (N - n0 > TILE_N / 2)
				tile(C, ldc, A, B, ldb, m0, n0, mt, N - n0 < TILE_N ? N - n0 : TILE_N,
				     K, bias, from, ldf, TILE_N);
			else
				tile(C, ldc, A, B, ldb, m0, n0, mt, N - n0, K, bias, from, ldf,
				     TILE_N / 2);
		}
	}
}

/* C = bias (per row, may be NULL) + A B. */
GT_HOT static void gemm(gt_real *C, size_t ldc, mat_a A, const gt_real *B,
                        size_t ldb, int M, int N, int K, const gt_real *bias)
{
	blocks(C, ldc, A, B, ldb, M, N, K, bias, NULL, 0);
}

/* C = from + A B: sums over K begun by an earlier gemm (its C, row stride
 * ldf) carried on, one running sum per element as in a single gemm over
 * both parts of K. */
GT_HOT static void gemm_on(gt_real *C, size_t ldc, mat_a A, const gt_real *B, size_t ldb,
                           int M, int N, int K, const gt_real *from, size_t ldf)
{
	blocks(C, ldc, A, B, ldb, M, N, K, NULL, from, ldf);
}

/* ---- Layers --------------------------------------------------------------- */

/* z [units][lanes] = act(z) in the first nl lanes. */
GT_HOT static void activate(gt_act act, gt_real *z, int units, int lanes, int nl)
{
	for (int u = 0; u < units; u++) {
		gt_real *restrict v = z + (size_t)u * lanes;

		if (act == GT_ACT_SIGMOID)
			for (int r = 0; r < nl; r++)
				v[r] = 1 / (1 + gt_exp(-v[r]));
		else if (act == GT_ACT_RELU)
			for (int r = 0; r < nl; r++)
				v[r] = v[r] > 0 ? v[r] : 0;
	}
}

/* d *= act'(z), written in terms of the activation's output a; both
 * [units][lanes], first nl lanes. For ReLU, keep is the dropout scale (1
 * without): a unit that dropout zeroed has a == 0, so a > 0 tells both. */
GT_HOT static void activate_grad(gt_act act, gt_real *d, const gt_real *a,
                                 int units, int lanes, int nl, gt_real keep)
{
	for (int u = 0; u < units; u++) {
		gt_real *restrict dv = d + (size_t)u * lanes;
		const gt_real *restrict av = a + (size_t)u * lanes;

		if (act == GT_ACT_SIGMOID)
			for (int r = 0; r < nl; r++)
				dv[r] *= av[r] * (1 - av[r]);
		else if (act == GT_ACT_RELU)
			for (int r = 0; r < nl; r++)
				dv[r] *= av[r] > 0 ? keep : 0;
	}
}

/* A 32-bit mixer (lowbias32): a counter-based random number, so that a
 * mask needs no generator state and the loop vectorises. */
static inline uint32_t mix32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static inline uint32_t drop_threshold(float p)
{
	return (uint32_t)((double)p * 4294967296.0 > 4294967295.0 ? 4294967295.0
	                                                          : (double)p * 4294967296.0);
}

int gt_dropout_keeps(uint32_t key, int l, size_t index, float p)
{
	uint32_t base = mix32(key * 0x9e3779b9U + (uint32_t)l);

	return mix32(base ^ (uint32_t)index) >= drop_threshold(p);
}

/* Inverted dropout on z [units][lanes] of hidden layer l: units u0..u1-1,
 * lanes r0..r1-1. */
GT_HOT static void dropout(gt_real *z, int u0, int u1, int lanes, int r0, int r1, int l,
                           uint32_t key, float p)
{
	uint32_t base = mix32(key * 0x9e3779b9U + (uint32_t)l), thr = drop_threshold(p);
	gt_real keep = (gt_real)1 / ((gt_real)1 - (gt_real)p);

	for (int u = u0; u < u1; u++) {
		gt_real *restrict v = z + (size_t)u * lanes;
		uint32_t row = (uint32_t)u * (uint32_t)lanes;

		for (int r = r0; r < r1; r++)
			v[r] *= mix32(base ^ (row + (uint32_t)r)) >= thr ? keep : 0;
	}
}

gt_samples gt_samples_range(const gt_samples *s, size_t from, size_t n)
{
	gt_samples r = *s;

	r.x = s->x ? s->x + from * (size_t)s->nnum : NULL;
	r.hot = s->hot ? s->hot + from : NULL;
	r.y = s->y ? s->y + from : NULL;
	r.n = n;
	return r;
}

/* The one-hot inputs of rows r0..r1-1 all 0, before each row sets its 1:
 * in the lanes a contiguous run per input, in rows[0] the rows whole (the
 * dense values are written over; the padding stays 0). */
static void clear_hot(gt_model *m, const gt_samples *s, int r0, int r1)
{
	size_t lanes = (size_t)m->lanes, len = (size_t)m->row_len[0];

	for (int h = 0; h < s->nhot; h++)
		memset(m->a[0] + ((size_t)s->nnum + (size_t)h) * lanes + (size_t)r0, 0,
		       (size_t)(r1 - r0) * sizeof(gt_real));
	memset(m->rows[0] + (size_t)r0 * len, 0, (size_t)(r1 - r0) * len * sizeof(gt_real));
}

/* Rows r0..r1-1 of the batch into the input (see gt_model_load_rows). */
static void load_range(gt_model *m, const gt_samples *s, const uint32_t *idx,
                       int r0, int r1)
{
	size_t d = (size_t)s->nnum, lanes = (size_t)m->lanes;
	gt_real *lane = m->a[0];

	if (s->nhot > 0 && r1 > r0)
		clear_hot(m, s, r0, r1);
	for (int r = r0; r < r1; r++) {
		size_t j = idx ? idx[r] : (size_t)r;
		const gt_real *src = s->x + j * d;
		gt_real *row = m->rows[0] + (size_t)r * (size_t)m->row_len[0];

		for (size_t i = 0; i < d; i++) {    /* one loop: no memcpy call per row */
			row[i] = src[i];
			lane[i * lanes + (size_t)r] = src[i];
		}
		if (s->nhot > 0 && s->hot[j] < s->nhot) {
			row[d + s->hot[j]] = 1;
			lane[(d + s->hot[j]) * lanes + (size_t)r] = 1;
		}
	}
}

void gt_model_load_rows(gt_model *m, const gt_samples *s, const uint32_t *idx, int n)
{
	load_range(m, s, idx, 0, n);
}

void gt_model_load_lanes(gt_model *m, const gt_samples *s, const uint32_t *idx,
                         int n, int r0, int r1)
{
	load_range(m, s, idx, r0, r1 < n ? r1 : n);
}

/* Layer l's activation, then its dropout (hidden ReLU layers, while
 * training), on units u0..u1-1 in lanes r0..r1-1 of a[l+1]. */
static void finish_layer(gt_model *m, int l, int u0, int u1, int r0, int r1)
{
	const gt_arch *A = &m->arch;
	size_t lanes = (size_t)m->lanes;

	activate(A->act[l], m->a[l + 1] + (size_t)u0 * lanes + (size_t)r0, u1 - u0, m->lanes,
	         r1 - r0);
	if (m->dropout > 0 && A->act[l] == GT_ACT_RELU && l < A->nlayers - 1)
		dropout(m->a[l + 1], u0, u1, m->lanes, r0, r1, l, m->drop_key, m->dropout);
}

const gt_real *gt_model_run(gt_model *m, int n)
{
	const gt_arch *A = &m->arch;
	int nl = round_lanes(n);

	for (int l = 0; l < A->nlayers; l++) {
		int nin = A->sizes[l], nout = A->sizes[l + 1];

		gemm(m->a[l + 1], (size_t)m->lanes, (mat_a){ m->W[l], (size_t)nin, 1 },
		     m->a[l], (size_t)m->lanes, nout, nl, nin, m->b[l]);
		finish_layer(m, l, 0, nout, 0, nl);
	}
	return m->a[A->nlayers];
}

/* dst [r][ld] = units u0..u1-1 of a[l] (from column 0), lanes r0..r1-1,
 * row by row. */
static void lanes_to_rows_into(const gt_model *m, int l, int u0, int u1, int r0, int r1,
                               gt_real *dst, size_t ld)
{
	for (int r = r0; r < r1; r++)
		for (int u = u0; u < u1; u++)
			dst[(size_t)r * ld + (size_t)(u - u0)] =
				m->a[l][(size_t)u * (size_t)m->lanes + (size_t)r];
}

/* rows[l] = lanes r0..r1-1 of a[l], row by row. */
static void lanes_to_rows(gt_model *m, int l, int r0, int r1)
{
	lanes_to_rows_into(m, l, 0, m->arch.sizes[l], r0, r1, m->rows[l],
	                   (size_t)m->row_len[l]);
}

/* The dropout scale of layer l's units while training (1 without). */
static gt_real keep_of(const gt_model *m, int l)
{
	return m->dropout > 0 && l < m->arch.nlayers - 1
	       ? (gt_real)1 / ((gt_real)1 - (gt_real)m->dropout) : 1;
}

/* db [units] = sums of dz [units][lanes] over the lanes, GT_LANE_ROUND at
 * a time. The lanes past n are zero (gt_loss_lanes, and so activate_grad
 * and the din product, keep them so), so whole blocks can be added: the
 * halves of a block pairwise, which the compiler vectorises, where a sum
 * lane after lane would be a chain of 16 dependent additions per unit. */
GT_HOT static void sum_lanes(gt_real *db, const gt_real *dz, int units, int lanes, int n)
{
	int nl = (n + GT_LANE_ROUND - 1) / GT_LANE_ROUND * GT_LANE_ROUND;

	for (int u = 0; u < units; u++) {
		gt_real s[GT_LANE_ROUND] = { 0 };

		for (int r0 = 0; r0 < nl; r0 += GT_LANE_ROUND)
			for (int r = 0; r < GT_LANE_ROUND; r++)
				s[r] += dz[(size_t)u * (size_t)lanes + (size_t)(r0 + r)];
		for (int w = GT_LANE_ROUND / 2; w >= 1; w /= 2)
			for (int r = 0; r < w; r++)
				s[r] += s[r + w];
		db[u] = s[0];
	}
}

/* Layer l backward. On entry delta[l+1] holds dL/da_{l+1}; it is turned into
 * dL/dz in place, then dW, db and (for l > 0) delta[l] = dL/da_l are written. */
static void dense_backward(gt_model *m, int l, int n)
{
	int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
	int lanes = m->lanes, nl = round_lanes(n);
	gt_real *dz = m->delta[l + 1];

	activate_grad(m->arch.act[l], dz, m->a[l + 1], nout, lanes, nl, keep_of(m, l));
	if (l > 0)
		lanes_to_rows(m, l, 0, n);
	gemm(m->dW[l], (size_t)nin, (mat_a){ dz, (size_t)lanes, 1 },
	     m->rows[l], (size_t)m->row_len[l], nout, nin, n, NULL);
	sum_lanes(m->db[l], dz, nout, lanes, n);
	if (l > 0)
		gemm(m->delta[l], (size_t)lanes, (mat_a){ m->W[l], 1, (size_t)nin },
		     dz, (size_t)lanes, nin, nl, nout, NULL);
}

void gt_model_backprop(gt_model *m, int n)
{
	for (int l = m->arch.nlayers - 1; l >= 0; l--)
		dense_backward(m, l, n);
}

void gt_model_run_lanes(gt_model *m, int r0, int r1)
{
	gt_model_run_lanes_from(m, 0, r0, r1);
}

void gt_model_run_lanes_from(gt_model *m, int l0, int r0, int r1)
{
	const gt_arch *A = &m->arch;
	size_t lanes = (size_t)m->lanes;

	for (int l = l0; l < A->nlayers; l++) {
		int nin = A->sizes[l], nout = A->sizes[l + 1];

		gemm(m->a[l + 1] + r0, lanes, (mat_a){ m->W[l], (size_t)nin, 1 },
		     m->a[l] + r0, lanes, nout, r1 - r0, nin, m->b[l]);
		finish_layer(m, l, 0, nout, r0, r1);
	}
}

void gt_model_run_units(gt_model *m, int l, int u0, int u1, int r0, int r1)
{
	int nin = m->arch.sizes[l];
	size_t lanes = (size_t)m->lanes;

	if (u1 <= u0)
		return;
	gemm(m->a[l + 1] + (size_t)u0 * lanes + (size_t)r0, lanes,
	     (mat_a){ m->W[l] + (size_t)u0 * (size_t)nin, (size_t)nin, 1 },
	     m->a[l] + r0, lanes, u1 - u0, r1 - r0, nin, m->b[l] + u0);
	finish_layer(m, l, u0, u1, r0, r1);
}

void gt_model_run_cols(gt_model *m, int l, const gt_cols *c, const gt_real *from,
                       size_t ldf, gt_real *to, size_t ldt, int r0, int r1)
{
	int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
	size_t lanes = (size_t)m->lanes;
	mat_a W = { c->W, c->ld, 1 };
	const gt_real *B = m->a[l] + (size_t)c->k0 * lanes + (size_t)r0;

	if (from)
		gemm_on(to, ldt, W, B, lanes, nout, r1 - r0, c->k1 - c->k0, from, ldf);
	else
		gemm(to, ldt, W, B, lanes, nout, r1 - r0, c->k1 - c->k0, m->b[l]);
	if (c->k1 == nin)
		finish_layer(m, l, 0, nout, r0, r1);
}

/* dense_backward's lane-wise part, every layer in lanes r0..r1-1: dL/dz,
 * the rows for dW, and dL/da below. */
void gt_model_backprop_lanes(gt_model *m, int n, int r0, int r1)
{
	gt_model_backprop_lanes_to(m, n, r0, r1, 0);
}

void gt_model_backprop_lanes_to(gt_model *m, int n, int r0, int r1, int lo)
{
	int lanes = m->lanes;

	for (int l = m->arch.nlayers - 1; l >= lo; l--) {
		int nin = m->arch.sizes[l], nout = m->arch.sizes[l + 1];
		gt_real *dz = m->delta[l + 1];

		activate_grad(m->arch.act[l], dz + r0, m->a[l + 1] + r0, nout, lanes,
		              r1 - r0, keep_of(m, l));
		if (l == lo)
			break;
		lanes_to_rows(m, l, r0, r1 < n ? r1 : n);
		gemm(m->delta[l] + r0, (size_t)lanes, (mat_a){ m->W[l], 1, (size_t)nin },
		     dz + r0, (size_t)lanes, nin, r1 - r0, nout, NULL);
	}
}

void gt_model_backprop_cols(gt_model *m, int l, const gt_cols *c, int n)
{
	gt_model_backprop_cols_lanes(m, l, c, n, 0, round_lanes(n));
}

void gt_model_backprop_cols_lanes(gt_model *m, int l, const gt_cols *c, int n, int r0,
                                  int r1)
{
	int nout = m->arch.sizes[l + 1], i0 = c->k0, i1 = c->k1;
	size_t lanes = (size_t)m->lanes, at = (size_t)i0 * lanes + (size_t)r0;

	if (i1 <= i0)
		return;
	gemm(m->delta[l] + at, lanes, (mat_a){ c->W, 1, c->ld }, m->delta[l + 1] + r0, lanes,
	     i1 - i0, r1 - r0, nout, NULL);
	activate_grad(m->arch.act[l - 1], m->delta[l] + at, m->a[l] + at, i1 - i0, m->lanes,
	              r1 - r0, keep_of(m, l - 1));
	lanes_to_rows_into(m, l, i0, i1, r0, r1 < n ? r1 : n, c->rows, c->ld);
}

/* dense_backward's sums over the batch, for units u0..u1-1 of layer l. */
void gt_model_grads_units(gt_model *m, int l, int u0, int u1, int n)
{
	int nin = m->arch.sizes[l];
	size_t lanes = (size_t)m->lanes;
	const gt_real *dz = m->delta[l + 1] + (size_t)u0 * lanes;

	if (u1 <= u0)
		return;
	gemm(m->dW[l] + (size_t)u0 * (size_t)nin, (size_t)nin, (mat_a){ dz, lanes, 1 },
	     m->rows[l], (size_t)m->row_len[l], u1 - u0, nin, n, NULL);
	sum_lanes(m->db[l] + u0, dz, u1 - u0, m->lanes, n);
}

void gt_model_grads_cols(gt_model *m, int l, const gt_cols *c, int n)
{
	int nout = m->arch.sizes[l + 1];

	if (c->k1 > c->k0)
		gemm(c->dW, c->ld, (mat_a){ m->delta[l + 1], (size_t)m->lanes, 1 }, c->rows, c->ld,
		     nout, c->k1 - c->k0, n, NULL);
}

void gt_model_grads_bias(gt_model *m, int l, int u0, int u1, int n)
{
	if (u1 > u0)
		sum_lanes(m->db[l] + u0, m->delta[l + 1] + (size_t)u0 * (size_t)m->lanes,
		          u1 - u0, m->lanes, n);
}

/* ---- Row by row ----------------------------------------------------------- */

const gt_real *gt_model_forward(gt_model *m, const gt_real *x, int n)
{
	int k = m->arch.sizes[m->arch.nlayers];
	gt_samples rows = { x, NULL, NULL, (size_t)n, m->arch.sizes[0], 0 };
	const gt_real *lanes;

	gt_model_load_rows(m, &rows, NULL, n);
	lanes = gt_model_run(m, n);
	for (int r = 0; r < n; r++)
		for (int j = 0; j < k; j++)
			m->out[(size_t)r * (size_t)k + (size_t)j] =
				lanes[(size_t)j * (size_t)m->lanes + (size_t)r];
	return m->out;
}

void gt_model_backward(gt_model *m, const gt_real *dout, int n)
{
	int k = m->arch.sizes[m->arch.nlayers], nl = round_lanes(n);
	gt_real *d = m->delta[m->arch.nlayers];

	for (int j = 0; j < k; j++)
		for (int r = 0; r < nl; r++)
			d[(size_t)j * (size_t)m->lanes + (size_t)r] =
				r < n ? dout[(size_t)r * (size_t)k + (size_t)j] : 0;
	gt_model_backprop(m, n);
}
