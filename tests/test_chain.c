/* test_chain.c: a chain's step gives the plain step's bytes (loss, right
 * rows, every parameter after Adam), for networks of 2, 3 and 4 layers,
 * with and without dropout, whole and partial batches, 2 to 4 members, on
 * a team or by the caller alone; and where a chain fits, how it cuts. */
#include "testutil.h"

#include <string.h>

#include "genretui/chain.h"
#include "genretui/loss.h"
#include "genretui/probs.h"
#include "genretui/threads.h"

#define ROWS 300
#define NNUM 7
#define NHOT 4
#define D (NNUM + NHOT)
#define K 5

static gt_real X[ROWS * NNUM];
static uint8_t HOT[ROWS];
static int Y[ROWS];

static void make_rows(void)
{
	gt_rng r;

	gt_rng_seed(&r, 11);
	for (int i = 0; i < ROWS; i++) {
		Y[i] = i % K;
		for (int j = 0; j < NNUM; j++)
			X[i * NNUM + j] = (gt_real)gt_rng_uniform(&r, -1, 1) + (j == 0 ? (gt_real)Y[i] : 0);
		HOT[i] = (uint8_t)(i % (NHOT + 1));   /* NHOT: no hot input */
	}
}

/* The plain step (as gt_trainer_step without a team). */
static double plain_step(gt_model *m, gt_adam *a, const gt_samples *s,
                         const uint32_t *idx, const int *y, int n, size_t *correct)
{
	int L = m->arch.nlayers, k = m->arch.sizes[L];
	const gt_real *out;
	double loss;

	gt_model_load_rows(m, s, idx, n);
	out = gt_model_run(m, n);
	loss = gt_loss_lanes(m->arch.loss, out, m->lanes, y, n, k, (gt_real)1 / (gt_real)n,
	                     m->delta[L]);
	*correct += gt_correct_lanes(out, m->lanes, y, n, k, NULL);
	gt_model_backprop(m, n);
	gt_adam_step(a, m->params, m->grads);
	return loss;
}

/* Steps of batches of bs rows (the last partial) through both, with the
 * same start; every step's loss and count, and the weights and Adam's
 * moments at the end, the same bytes. Every fifth step of the chain's
 * model is a plain step, after gt_chain_release: the chain takes the
 * weights and moments back from the model and Adam at its next step. */
static void same_steps(const gt_arch *arch, int bs, float dropout, int members,
                       int with_team)
{
	gt_samples all = { X, HOT, Y, ROWS, NNUM, NHOT };
	gt_model p, c;
	gt_adam ap, ac;
	gt_rng r;
	gt_chain *chain;
	gt_team *team = with_team ? gt_team_new(members) : NULL;
	uint32_t idx[ROWS];
	int yb[ROWS];

	assert_int_equal(gt_model_init(&p, arch, bs, NULL), GT_OK);
	assert_int_equal(gt_model_init(&c, arch, bs, NULL), GT_OK);
	gt_rng_seed(&r, 3);
	gt_model_glorot(&p, &r);
	memcpy(c.params, p.params, p.nparams * sizeof(gt_real));
	assert_int_equal(gt_adam_init(&ap, p.nparams, 0.01, 0.9, 0.999, 1e-7, NULL), GT_OK);
	assert_int_equal(gt_adam_init(&ac, c.nparams, 0.01, 0.9, 0.999, 1e-7, NULL), GT_OK);
	chain = gt_chain_new(&c, members);
	assert_non_null(chain);
	for (int i = 0; i < ROWS; i++)
		idx[i] = (uint32_t)((i * 37 + 5) % ROWS);
	for (int i = 0; i < ROWS; i++)
		yb[i] = Y[idx[i]];
	for (int epoch = 0; epoch < 2; epoch++)
		for (int from = 0, step = 0; from < ROWS; from += bs, step++) {
			int n = ROWS - from < bs ? ROWS - from : bs;
			size_t rp = 0, rc = 0;
			double lp, lc;

			p.dropout = c.dropout = dropout;
			p.drop_key = c.drop_key = (uint32_t)(epoch * 100 + step);
			lp = plain_step(&p, &ap, &all, idx + from, yb + from, n, &rp);
			if (step % 5 == 4) {
				gt_chain_release(chain);
				lc = plain_step(&c, &ac, &all, idx + from, yb + from, n, &rc);
			} else {
				lc = gt_chain_step(chain, team, &ac, &all, idx + from, yb + from, n, &rc);
			}
			assert_memory_equal(&lp, &lc, sizeof(double));
			assert_int_equal(rp, rc);
		}
	assert_memory_equal(p.params, c.params, p.nparams * sizeof(gt_real));
	gt_chain_release(chain);
	assert_memory_equal(ap.m, ac.m, p.nparams * sizeof(gt_real));
	assert_memory_equal(ap.v, ac.v, p.nparams * sizeof(gt_real));
	gt_chain_free(chain);
	gt_team_free(team);
	gt_adam_free(&ap);
	gt_adam_free(&ac);
	gt_model_free(&p);
	gt_model_free(&c);
}

static const gt_arch two = {
	2, { D, 72 , K }, { GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};
static const gt_arch three = {
	3, { D, 100, 40, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};
static const gt_arch three_sigmoid = {
	3, { D, 64, 24, K }, { GT_ACT_SIGMOID, GT_ACT_SIGMOID, GT_ACT_SIGMOID },
	GT_LOSS_KERAS_SIGMOID
};
/* Layer 1 much wider than the input: a member's buffers for it are larger
 * than its copy of the batch, so one laid over the other shows. */
static const gt_arch wide_top = {
	3, { D, 48, 96, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
};
static const gt_arch four = {
	4, { D, 96, 33, 20, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR },
	GT_LOSS_SOFTMAX_CE
};

static void test_same_bytes_two_members(void **state)
{
	(void)state;
	make_rows();
	same_steps(&three, 64, 0.3f, 2, 1);
	same_steps(&three, 50, 0, 2, 1);
	same_steps(&two, 64, 0.2f, 2, 1);
	same_steps(&three_sigmoid, 56, 0, 2, 1);
	same_steps(&four, 64, 0.25f, 2, 1);
	same_steps(&wide_top, 64, 0.3f, 2, 1);
}

static void test_same_bytes_more_members(void **state)
{
	(void)state;
	make_rows();
	same_steps(&three, 64, 0.3f, 3, 1);
	same_steps(&four, 40, 0.1f, 4, 1);
	same_steps(&three, 64, 0.3f, 4, 1);
	same_steps(&wide_top, 50, 0.2f, 3, 1);
}

/* No team, or a team of fewer threads than members: the items are taken
 * in order, a member that waits for the one before it finds it done, and
 * one whose backward pass waits for the last member's part either takes
 * that part or leaves its backward pass to the thread that does: every
 * step ends, with the same bytes. */
static void test_same_bytes_alone(void **state)
{
	gt_samples all = { X, HOT, Y, ROWS, NNUM, NHOT };
	gt_model c;
	gt_adam a;
	gt_chain *chain;
	gt_team *team;
	uint32_t idx[64];
	size_t right = 0;

	(void)state;
	make_rows();
	same_steps(&three, 64, 0.3f, 2, 0);
	same_steps(&four, 50, 0.2f, 4, 0);
	assert_int_equal(gt_model_init(&c, &three, 64, NULL), GT_OK);
	assert_int_equal(gt_adam_init(&a, c.nparams, 0.01, 0.9, 0.999, 1e-7, NULL), GT_OK);
	chain = gt_chain_new(&c, 4);
	team = gt_team_new(2);
	assert_non_null(chain);
	for (int i = 0; i < 64; i++)
		idx[i] = (uint32_t)i;
	for (int s = 0; s < 50; s++)
		gt_chain_step(chain, team, &a, &all, idx, Y, 64, &right);
	assert_true(right > 0);
	gt_team_free(team);
	gt_chain_free(chain);
	gt_adam_free(&a);
	gt_model_free(&c);
}

/* Where a chain fits, and its cuts: multiples of 16 but the end, every
 * member at least 16 units, the last member fewer (the layers above are
 * its alone; the others fill their wait for them with their backward pass
 * begun early). */
static void test_fits_and_cuts(void **state)
{
	static const gt_arch one = { 1, { D, K }, { GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE };
	static const gt_arch narrow = {
		3, { D, 24, 40, K }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR }, GT_LOSS_SOFTMAX_CE
	};
	static const gt_arch improved = {
		3, { 35, 256, 128, 10 }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR },
		GT_LOSS_SOFTMAX_CE
	};
	static const gt_arch heavy_top = {
		3, { 35, 256, 128, 114 }, { GT_ACT_RELU, GT_ACT_RELU, GT_ACT_LINEAR },
		GT_LOSS_SOFTMAX_CE
	};
	gt_model m;
	gt_chain *c;

	(void)state;
	assert_false(gt_chain_fits(&one, 2));
	assert_false(gt_chain_fits(&narrow, 2));
	assert_false(gt_chain_fits(&improved, 1));
	assert_false(gt_chain_fits(&improved, GT_THREADS_MAX + 1));
	for (int members = 2; members <= 4; members++) {
		assert_true(gt_chain_fits(&improved, members));
		assert_int_equal(gt_model_init(&m, &improved, 64, NULL), GT_OK);
		c = gt_chain_new(&m, members);
		assert_non_null(c);
		assert_int_equal(gt_chain_members(c), members);
		assert_int_equal(gt_chain_cut(c, 0), 0);
		assert_int_equal(gt_chain_cut(c, members), 256);
		for (int i = 0; i < members; i++) {
			assert_int_equal(gt_chain_cut(c, i) % 16, 0);
			assert_true(gt_chain_cut(c, i + 1) - gt_chain_cut(c, i) >= 16);
		}
		assert_true(256 - gt_chain_cut(c, members - 1) < gt_chain_cut(c, 1));
		gt_chain_free(c);
		gt_model_free(&m);
	}
	assert_int_equal(gt_model_init(&m, &heavy_top, 64, NULL), GT_OK);
	c = gt_chain_new(&m, 2);
	assert_non_null(c);
	assert_true(256 - gt_chain_cut(c, 1) < gt_chain_cut(c, 1));   /* the last has less */
	gt_chain_free(c);
	gt_model_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bytes_two_members),
		cmocka_unit_test(test_same_bytes_more_members),
		cmocka_unit_test(test_same_bytes_alone),
		cmocka_unit_test(test_fits_and_cuts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
