/* test_model.c: forward values by hand, finite-difference gradient checks
 * of every layer type and of both losses, and compact rows (a one-hot group
 * as a byte) loaded as their dense rows.
 *
 * Built twice: tests/test_model with gt_real = float, as the program runs,
 * and tests/test_model_f64 against the same model and loss sources built
 * with gt_real = double (real.h). TOL(d, f) is the tolerance of each: the
 * f64 build keeps double-precision tolerances; in float, a value of order 1
 * carries rounding errors of a few units of 2^-24 (6e-8) per operation. */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/kernel.h"
#include "genretui/loss.h"
#include "genretui/model.h"
#include "genretui/rng.h"

#define IS_F64 (sizeof(gt_real) == sizeof(double))
#define TOL(d, f) (IS_F64 ? (d) : (f))

static double sigmoid(double z)
{
	return 1.0 / (1.0 + exp(-z));
}

/* 2 -> 2 sigmoid -> 1 linear, weights set by hand. */
static void test_forward_by_hand(void **state)
{
	gt_arch arch = { 2, { 2, 2, 1 }, { GT_ACT_SIGMOID, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	const gt_real x[2] = { 1.0, -2.0 };
	const gt_real *out;
	double h0, h1;
	gt_model m;

	(void)state;
	assert_int_equal(gt_model_init(&m, &arch, 4, NULL), GT_OK);
	assert_int_equal(m.nparams, 2 * 2 + 2 + 2 + 1);
	m.W[0][0] = 0.5;  m.W[0][1] = -0.25;  m.b[0][0] = 0.1;
	m.W[0][2] = -1.0; m.W[0][3] = 0.75;   m.b[0][1] = 0.0;
	m.W[1][0] = 2.0;  m.W[1][1] = -3.0;   m.b[1][0] = 0.5;
	out = gt_model_forward(&m, x, 1);
	h0 = sigmoid(0.5 * 1 - 0.25 * -2 + 0.1);
	h1 = sigmoid(-1.0 * 1 + 0.75 * -2);
	assert_near(out[0], 2.0 * h0 - 3.0 * h1 + 0.5, TOL(1e-15, 1e-6));
	gt_model_free(&m);
}

static void test_relu_forward(void **state)
{
	gt_arch arch = { 1, { 2, 2 }, { GT_ACT_RELU }, GT_LOSS_SOFTMAX_CE };
	const gt_real x[2] = { 1.0, 1.0 };
	const gt_real *out;
	gt_model m;

	(void)state;
	/* a ReLU output fails the loss check, so test the layer through arch_check's
	 * sibling: build it as a hidden layer would be built */
	arch.act[0] = GT_ACT_LINEAR;
	assert_int_equal(gt_model_init(&m, &arch, 1, NULL), GT_OK);
	m.arch.act[0] = GT_ACT_RELU;
	m.W[0][0] = 1; m.W[0][1] = 1; m.W[0][2] = -1; m.W[0][3] = -1;
	out = gt_model_forward(&m, x, 1);
	assert_near(out[0], 2.0, 0);
	assert_near(out[1], 0.0, 0);
	gt_model_free(&m);
}

static void test_keras_loss_values(void **state)
{
	const gt_real out[6] = { 0.5, 0.25, 0.25,   1.0, 0.0, 0.5 };
	const int y[2] = { 0, 1 };
	double p[3];

	(void)state;
	/* -log(0.5 / 1.0) */
	assert_near(gt_loss_batch(GT_LOSS_KERAS_SIGMOID, out, y, 1, 3, NULL), log(2.0),
	            TOL(1e-15, 1e-7));
	/* clipped: s = (1-1e-7, 1e-7, 0.5), y = 1 */
	assert_near(gt_loss_batch(GT_LOSS_KERAS_SIGMOID, out + 3, y + 1, 1, 3, NULL),
	                    -log(1e-7 / (1.0 - 1e-7 + 1e-7 + 0.5)), TOL(1e-9, 1e-5));
	gt_loss_probs(GT_LOSS_KERAS_SIGMOID, out, 3, p);
	assert_near(p[0], 0.5, 1e-15);
	assert_near(p[0] + p[1] + p[2], 1.0, 1e-15);
}

static void test_softmax_loss_values(void **state)
{
	const gt_real z[3] = { 0.0, 0.0, 0.0 };
	const int y[1] = { 2 };
	double p[3];

	(void)state;
	assert_near(gt_loss_batch(GT_LOSS_SOFTMAX_CE, z, y, 1, 3, NULL), log(3.0), 1e-15);
	gt_loss_probs(GT_LOSS_SOFTMAX_CE, z, 3, p);
	assert_near(p[1], 1.0 / 3.0, 1e-15);
}

/* Loss at the model's current parameters for a fixed batch. */
static double batch_loss(gt_model *m, const gt_real *x, const int *y, int n)
{
	const gt_real *out = gt_model_forward(m, x, n);
	int k = m->arch.sizes[m->arch.nlayers];

	return gt_loss_batch(m->arch.loss, out, y, n, k, NULL);
}

/* Compare analytic gradients with central differences for every parameter.
 * In double: step 1e-6, relative error below 1e-5. In float the loss itself
 * is only known to about 1e-7, so the step must be larger (1e-2: truncation
 * error ~1e-5, rounding noise ~1e-5 per unit of gradient); there the
 * criterion is 1e-5 absolute plus 5e-4 relative, which any wrong term of a
 * gradient still fails by orders of magnitude (the f64 build checks the
 * same code to 1e-5). */
static void gradient_check(gt_model *m, const gt_real *x, const int *y, int n)
{
	int k = m->arch.sizes[m->arch.nlayers];
	gt_real dout[256], grads[1024];
	const gt_real *out = gt_model_forward(m, x, n);
	double worst = 0.0, h = TOL(1e-6, 1e-2);

	assert_true(m->nparams <= 1024 && (size_t)n * k <= 256);
	gt_loss_batch(m->arch.loss, out, y, n, k, dout);
	gt_model_backward(m, dout, n);
	memcpy(grads, m->grads, m->nparams * sizeof(gt_real));
	for (size_t i = 0; i < m->nparams; i++) {
		gt_real keep = m->params[i];
		double up, down, num, allowed;

		m->params[i] = (gt_real)(keep + h);
		up = batch_loss(m, x, y, n);
		m->params[i] = (gt_real)(keep - h);
		down = batch_loss(m, x, y, n);
		m->params[i] = keep;
		num = (up - down) / (2 * h);
		allowed = IS_F64 ? 1e-5 * fmax(1e-4, fabs(num) + fabs(grads[i]))
		                 : 1e-5 + 5e-4 * fabs(num);
		worst = fmax(worst, fabs(num - grads[i]) / allowed);
	}
	if (getenv("GT_SHOW_GRADCHECK"))
		print_message("worst gradient error: %.3g of the allowed\n", worst);
	if (!(worst < 1))
		fail_msg("a gradient is off by %.3g times the allowed error", worst);
}

static void random_batch(gt_rng *r, gt_real *x, int *y, int n, int d, int k)
{
	for (int i = 0; i < n * d; i++)
		x[i] = (gt_real)gt_rng_uniform(r, -1.5, 1.5);
	for (int i = 0; i < n; i++)
		y[i] = (int)gt_rng_interval(r, (uint32_t)k - 1);
}

/* A gradient check of arch on a random batch of n rows (n <= 16). */
static void check_arch_batch(const gt_arch *arch, uint32_t seed, int n)
{
	gt_model m;
	gt_rng r;
	gt_real x[16 * 32];
	int y[16];

	assert_true(n <= 16 && arch->sizes[0] <= 32);
	gt_rng_seed(&r, seed);
	assert_int_equal(gt_model_init(&m, arch, n, NULL), GT_OK);
	gt_model_glorot(&m, &r);
	for (size_t i = 0; i < m.nparams; i++)   /* non-zero biases too */
		m.params[i] += (gt_real)gt_rng_uniform(&r, -0.3, 0.3);
	random_batch(&r, x, y, n, arch->sizes[0], arch->sizes[arch->nlayers]);
	gradient_check(&m, x, y, n);
	gt_model_free(&m);
}

static void check_arch(const gt_arch *arch, uint32_t seed)
{
	check_arch_batch(arch, seed, 4);
}

/* The paper's shape in small: sigmoid hidden, sigmoid output, Keras loss. */
static void test_gradcheck_keras_sigmoid(void **state)
{
	gt_arch a = { 2, { 5, 4, 3 }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };

	(void)state;
	check_arch(&a, 1);
}

/* Layers wider than one block of the matrix product (4 outputs x 16
 * inputs or lanes), with partial blocks on every edge, and a batch that
 * does not fill its lanes. */
static void test_gradcheck_wide(void **state)
{
	gt_arch a = { 2, { 20, 18, 6 }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };

	(void)state;
	check_arch_batch(&a, 4, 13);
	check_arch_batch(&a, 5, 16);
}

static void test_gradcheck_relu_softmax(void **state)
{
	gt_arch a = { 3, { 5, 6, 4, 3 }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR },
	              GT_LOSS_SOFTMAX_CE };

	(void)state;
	check_arch(&a, 2);
}

static void test_gradcheck_sigmoid_softmax(void **state)
{
	gt_arch a = { 2, { 4, 7, 5 }, { GT_ACT_SIGMOID, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };

	(void)state;
	check_arch(&a, 3);
}

/* The loss gradient alone, w.r.t. raw outputs, including a clipped one. */
static void test_gradcheck_keras_loss(void **state)
{
	gt_real out[4] = { 0.3, 0.9, 0.05, 1.0 - 1e-9 }, d[4];
	const int y[1] = { 1 };
	double h = TOL(1e-7, 1e-3);

	(void)state;
	gt_loss_batch(GT_LOSS_KERAS_SIGMOID, out, y, 1, 4, d);
	for (int j = 0; j < 3; j++) {
		gt_real keep = out[j];
		double up, down;

		out[j] = (gt_real)(keep + h);
		up = gt_loss_batch(GT_LOSS_KERAS_SIGMOID, out, y, 1, 4, NULL);
		out[j] = (gt_real)(keep - h);
		down = gt_loss_batch(GT_LOSS_KERAS_SIGMOID, out, y, 1, 4, NULL);
		out[j] = keep;
		assert_near(d[j], (up - down) / (2 * h), TOL(1e-6, 2e-3));
	}
	assert_near(d[3], 0.0, 0.0);  /* clipped: no gradient */
}

/* Dropout: a share p of units is dropped, the same ones for the same key;
 * the gradient of the masked network is exact (the mask is a constant of
 * the step); evaluation (dropout 0) sees every unit. */
static void test_dropout(void **state)
{
	gt_arch a = { 3, { 5, 6, 4, 3 }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR },
	              GT_LOSS_SOFTMAX_CE };
	size_t kept = 0, n = 100000;
	gt_model m;
	gt_rng r;
	gt_real x[8 * 5];
	int y[8];
	const gt_real *out;
	gt_real full[8 * 3];

	(void)state;
	for (size_t i = 0; i < n; i++)
		kept += (size_t)gt_dropout_keeps(7, 0, i, 0.3f);
	assert_near((double)kept / (double)n, 0.7, 0.01);
	assert_int_equal(gt_dropout_keeps(7, 1, 123, 0.3f), gt_dropout_keeps(7, 1, 123, 0.3f));
	assert_int_equal(gt_dropout_keeps(7, 0, 5, 0.0f), 1);
	gt_rng_seed(&r, 9);
	assert_int_equal(gt_model_init(&m, &a, 8, NULL), GT_OK);
	gt_model_glorot(&m, &r);
	for (size_t i = 0; i < m.nparams; i++)   /* non-zero biases: no kink at 0 */
		m.params[i] += (gt_real)gt_rng_uniform(&r, -0.3, 0.3);
	random_batch(&r, x, y, 8, 5, 3);
	memcpy(full, gt_model_forward(&m, x, 8), sizeof(full));
	m.dropout = 0.5f;
	m.drop_key = 3;
	gradient_check(&m, x, y, 8);   /* every forward in it uses the same mask */
	out = gt_model_forward(&m, x, 8);
	assert_true(memcmp(out, full, sizeof(full)) != 0);
	m.dropout = 0;
	out = gt_model_forward(&m, x, 8);
	assert_memory_equal(out, full, sizeof(full));
	gt_model_free(&m);
}

/* ---- Compact rows: dense values and a one-hot group as a byte a row */

#define CNUM 3              /* dense inputs */
#define CHOT 5              /* one-hot inputs after them */
#define CW (CNUM + CHOT)    /* the model's inputs */
#define CROWS 20            /* rows; the model's max_batch (lanes: 32) */
#define COUT 4

typedef struct {
	gt_real x[CROWS * CNUM];
	uint8_t hot[CROWS];
	gt_real dense[CROWS * CW];   /* the same rows expanded by hand */
} compact_rows;

static const gt_arch compact_arch = {
	2, { CW, 6, COUT }, { GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};

/* Random rows; row 7 names no input of the group (255 >= CHOT). */
static void make_compact(gt_rng *r, compact_rows *c)
{
	for (int i = 0; i < CROWS; i++) {
		c->hot[i] = (uint8_t)(i == 7 ? 255 : gt_rng_interval(r, CHOT - 1));
		for (int j = 0; j < CNUM; j++)
			c->x[i * CNUM + j] = c->dense[i * CW + j] = (gt_real)gt_rng_uniform(r, -1.5, 1.5);
		for (int h = 0; h < CHOT; h++)
			c->dense[i * CW + CNUM + h] = h == c->hot[i] ? 1 : 0;
	}
}

/* A model of compact_arch with random weights and biases, and its rows. */
static void compact_setup(gt_model *m, compact_rows *c, uint32_t seed)
{
	gt_rng r;

	gt_rng_seed(&r, seed);
	assert_int_equal(gt_model_init(m, &compact_arch, CROWS, NULL), GT_OK);
	assert_int_equal(m->lanes, 32);
	gt_model_glorot(m, &r);
	for (size_t i = 0; i < m->nparams; i++)
		m->params[i] += (gt_real)gt_rng_uniform(&r, -0.3, 0.3);
	make_compact(&r, c);
}

/* The model's input holds rows want [n][CW]: in the lanes and row by row. */
static void assert_input(const gt_model *m, const gt_real *want, int n)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < CW; j++) {
			gt_real lane = m->a[0][(size_t)j * (size_t)m->lanes + (size_t)i];
			gt_real row = m->rows[0][(size_t)i * (size_t)m->row_len[0] + (size_t)j];

			if (memcmp(&lane, &want[i * CW + j], sizeof(lane)) != 0 ||
			    memcmp(&row, &want[i * CW + j], sizeof(row)) != 0)
				fail_msg("row %d input %d: lane %g, row %g, expected %g", i, j,
				         (double)lane, (double)row, (double)want[i * CW + j]);
		}
}

/* The outputs [n][COUT] of the lanes a run returned. */
static void lanes_out(const gt_model *m, const gt_real *lanes, int n, gt_real *out)
{
	for (int i = 0; i < n; i++)
		for (int j = 0; j < COUT; j++)
			out[i * COUT + j] = lanes[(size_t)j * (size_t)m->lanes + (size_t)i];
}

/* Compact rows loaded into the model are their dense rows bit for bit:
 * the input, the outputs and the gradients of gt_model_forward on the
 * dense rows. */
static void test_load_compact(void **state)
{
	gt_model m;
	compact_rows c;
	gt_samples s = { c.x, c.hot, NULL, CROWS, CNUM, CHOT };
	gt_real want[CROWS * COUT], got[CROWS * COUT], dout[CROWS * COUT], grads[128];
	gt_rng r;

	(void)state;
	compact_setup(&m, &c, 21);
	assert_true(m.nparams <= 128);
	gt_rng_seed(&r, 22);
	for (int i = 0; i < CROWS * COUT; i++)
		dout[i] = (gt_real)gt_rng_uniform(&r, -1, 1);
	memcpy(want, gt_model_forward(&m, c.dense, CROWS), sizeof(want));
	gt_model_backward(&m, dout, CROWS);
	memcpy(grads, m.grads, m.nparams * sizeof(gt_real));
	memset(m.grads, 0, m.nparams * sizeof(gt_real));
	gt_model_load_rows(&m, &s, NULL, CROWS);
	assert_input(&m, c.dense, CROWS);
	lanes_out(&m, gt_model_run(&m, CROWS), CROWS, got);
	assert_memory_equal(got, want, sizeof(want));
	gt_model_backward(&m, dout, CROWS);
	assert_memory_equal(m.grads, grads, m.nparams * sizeof(gt_real));
	gt_model_free(&m);
}

/* Rows gathered by index (repeats allowed) and a range of rows load as
 * the same dense rows do, after a batch whose hot inputs were elsewhere. */
static void test_load_gathered(void **state)
{
	static const uint32_t idx[9] = { 19, 0, 7, 7, 3, 12, 0, 5, 18 };
	gt_model m;
	compact_rows c;
	gt_samples s = { c.x, c.hot, NULL, CROWS, CNUM, CHOT }, part;
	gt_real rows[9 * CW], want[9 * COUT], got[9 * COUT];

	(void)state;
	compact_setup(&m, &c, 23);
	for (int r = 0; r < 9; r++)
		memcpy(rows + r * CW, c.dense + idx[r] * CW, CW * sizeof(gt_real));
	gt_model_load_rows(&m, &s, NULL, CROWS);   /* every row: all ones to clear */
	gt_model_load_rows(&m, &s, idx, 9);
	assert_input(&m, rows, 9);
	lanes_out(&m, gt_model_run(&m, 9), 9, got);
	memcpy(want, gt_model_forward(&m, rows, 9), sizeof(want));
	assert_memory_equal(got, want, sizeof(want));

	part = gt_samples_range(&s, 5, 9);
	assert_int_equal(part.n, 9);
	assert_ptr_equal(part.hot, c.hot + 5);
	gt_model_load_rows(&m, &s, NULL, CROWS);
	gt_model_load_rows(&m, &part, NULL, 9);
	assert_input(&m, c.dense + 5 * CW, 9);
	lanes_out(&m, gt_model_run(&m, 9), 9, got);
	memcpy(want, gt_model_forward(&m, c.dense + 5 * CW, 9), sizeof(want));
	assert_memory_equal(got, want, sizeof(want));
	gt_model_free(&m);
}

/* A second workspace runs other rows over the same weights: its outputs
 * are the model's own on those rows, the model's buffers keep theirs, and
 * a change of the weights shows in both. */
static void test_workspace(void **state)
{
	gt_model m, v;
	compact_rows c;
	gt_samples first = { c.x, c.hot, NULL, 10, CNUM, CHOT };
	gt_samples second = { c.x + 10 * CNUM, c.hot + 10, NULL, 10, CNUM, CHOT };
	gt_real alone[10 * COUT], mine[10 * COUT], theirs[10 * COUT];

	(void)state;
	compact_setup(&m, &c, 99);
	gt_model_load_rows(&m, &second, NULL, 10);
	lanes_out(&m, gt_model_run(&m, 10), 10, alone);
	assert_int_equal(gt_model_init_workspace(&v, &m, NULL), GT_OK);
	assert_ptr_equal(v.params, m.params);
	assert_ptr_not_equal(v.a[1], m.a[1]);
	gt_model_load_rows(&m, &first, NULL, 10);
	lanes_out(&m, gt_model_run(&m, 10), 10, mine);
	gt_model_load_rows(&v, &second, NULL, 10);
	lanes_out(&v, gt_model_run(&v, 10), 10, theirs);
	assert_memory_equal(theirs, alone, sizeof(alone));
	lanes_out(&m, m.a[m.arch.nlayers], 10, alone);
	assert_memory_equal(alone, mine, sizeof(mine));
	m.b[1][0] += 1;    /* the weights are m's */
	lanes_out(&v, gt_model_run(&v, 10), 10, alone);
	assert_memory_not_equal(alone, theirs, sizeof(alone));
	gt_model_free_workspace(&v);
	gt_model_free(&m);
}

static void test_arch_check(void **state)
{
	gt_arch bad_loss = { 1, { 3, 2 }, { GT_ACT_LINEAR }, GT_LOSS_KERAS_SIGMOID };
	gt_arch bad_size = { 1, { 3, 0 }, { GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };
	gt_arch bad_depth = { 0, { 3 }, { GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };
	gt_error err;

	(void)state;
	assert_int_equal(gt_arch_check(&bad_loss, &err), GT_ERR_ARG);
	assert_int_equal(gt_arch_check(&bad_size, &err), GT_ERR_ARG);
	assert_int_equal(gt_arch_check(&bad_depth, &err), GT_ERR_ARG);
}

static void test_glorot_limits(void **state)
{
	gt_arch a = { 2, { 35, 35, 10 }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID }, GT_LOSS_KERAS_SIGMOID };
	double lim0 = sqrt(6.0 / 70), lim1 = sqrt(6.0 / 45), mx = 0;
	gt_model m;
	gt_rng r;

	(void)state;
	gt_rng_seed(&r, 1);
	assert_int_equal(gt_model_init(&m, &a, 16, NULL), GT_OK);
	gt_model_glorot(&m, &r);
	for (int i = 0; i < 35 * 35; i++) {
		assert_true(fabs(m.W[0][i]) <= (gt_real)lim0);
		mx = fmax(mx, fabs(m.W[0][i]));
	}
	assert_true(mx > 0.9 * lim0);   /* the whole range is used */
	for (int i = 0; i < 35 * 10; i++)
		assert_true(fabs(m.W[1][i]) <= (gt_real)lim1);
	for (int i = 0; i < 35; i++)
		assert_near(m.b[0][i], 0.0, 0.0);
	gt_model_free(&m);
}

/* gt_exp against libm's exp over the whole range it serves: within 2 ulp
 * of float (2.4e-7 relative) where libm's expf is within 1. */
static void test_exp(void **state)
{
	double worst = 0;

	(void)state;
	for (double x = -87.0; x <= 88.0; x += 1.0 / 1024) {
		double want = exp((double)(gt_real)x), got = gt_exp((gt_real)x);

		worst = fmax(worst, fabs(got - want) / want);
	}
	if (!(worst < TOL(1e-15, 2.4e-7)))
		fail_msg("gt_exp relative error %g", worst);
	assert_near(gt_exp(0), 1.0, 0);
	if (!IS_F64)    /* float: clamped to normal numbers */
		assert_true(gt_exp(-1000) > 0 && gt_exp(1000) < INFINITY);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forward_by_hand),
		cmocka_unit_test(test_relu_forward),
		cmocka_unit_test(test_keras_loss_values),
		cmocka_unit_test(test_softmax_loss_values),
		cmocka_unit_test(test_exp),
		cmocka_unit_test(test_gradcheck_keras_sigmoid),
		cmocka_unit_test(test_gradcheck_wide),
		cmocka_unit_test(test_gradcheck_relu_softmax),
		cmocka_unit_test(test_gradcheck_sigmoid_softmax),
		cmocka_unit_test(test_gradcheck_keras_loss),
		cmocka_unit_test(test_dropout),
		cmocka_unit_test(test_load_compact),
		cmocka_unit_test(test_load_gathered),
		cmocka_unit_test(test_workspace),
		cmocka_unit_test(test_arch_check),
		cmocka_unit_test(test_glorot_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
