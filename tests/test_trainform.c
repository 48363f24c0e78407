/* test_trainform.c: the Train pane's settings: what a typed value may be,
 * the message naming the range, and the hidden width's steps. */
#include "testutil.h"

#include <string.h>

#include "genretui/trainform.h"

static void test_parse(void **state)
{
	char msg[160];
	double v = -1;

	(void)state;
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "60", "Epochs", &v, msg, sizeof(msg)), 0);
	assert_near(v, 60, 0);
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "4096", "Epochs", &v, msg, sizeof(msg)), 0);
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "100000", "Epochs", &v, msg, sizeof(msg)), 0);
	assert_near(v, 100000, 0);             /* as --epochs takes */
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "100001", "Epochs", &v, msg, sizeof(msg)), -1);
	assert_string_equal(msg, "'100001' is not a valid Epochs: a whole number from 1 to 100000");
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "0", "Epochs", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "2.5", "Epochs", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "12x", "Epochs", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_EPOCHS, "", "Epochs", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_BATCH, "65537", "Batch size", &v, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "from 1 to 65536"));
	assert_int_equal(gt_form_parse(GT_FORM_LR, "0.0005", "Learning rate", &v, msg, sizeof(msg)), 0);
	assert_near(v, 0.0005, 0);
	assert_int_equal(gt_form_parse(GT_FORM_LR, "0", "Learning rate", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_LR, "1000", "Learning rate", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_LR, "nan", "Learning rate", &v, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "greater than 0 and less than 1000"));
	assert_int_equal(gt_form_parse(GT_FORM_SEED, "0", "Seed", &v, msg, sizeof(msg)), 0);
	assert_int_equal(gt_form_parse(GT_FORM_SEED, "4294967295", "Seed", &v, msg, sizeof(msg)), 0);
	assert_int_equal(gt_form_parse(GT_FORM_SEED, "4294967296", "Seed", &v, msg, sizeof(msg)), -1);
	assert_int_equal(gt_form_parse(GT_FORM_HIDDEN, "4097", "Hidden width", &v, msg, sizeof(msg)), -1);
	assert_string_equal(gt_form_range(GT_FORM_HIDDEN), "a whole number from 1 to 4096");
	assert_string_equal(gt_form_range(GT_FORM_NNUMBERS), "?");
}

static void test_hidden_steps(void **state)
{
	(void)state;
	assert_int_equal(gt_form_hidden_step(35, 1), 48);
	assert_int_equal(gt_form_hidden_step(35, -1), 32);
	assert_int_equal(gt_form_hidden_step(256, 1), 384);
	assert_int_equal(gt_form_hidden_step(40, 1), 48);      /* not in the list: the next beyond */
	assert_int_equal(gt_form_hidden_step(40, -1), 35);
	assert_int_equal(gt_form_hidden_step(4096, 1), 4096);  /* the ends stay */
	assert_int_equal(gt_form_hidden_step(8, -1), 8);
	assert_int_equal(gt_form_hidden_step(3, -1), 3);
	assert_int_equal(gt_form_hidden_step(3, 1), 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_hidden_steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
