/* test_split.c: the scikit-learn compatible split (SEED-FACTS 4); its
 * generator is tested in test_rng.c. */
#include <stdlib.h>

#include "testutil.h"
#include "genretui/split.h"

static void test_permutation_10(void **state)
{
	static const uint32_t want[10] = { 8, 1, 5, 0, 7, 2, 9, 4, 3, 6 };
	uint32_t perm[10];

	(void)state;
	gt_permutation(perm, 10, 42);
	for (int i = 0; i < 10; i++)
		assert_int_equal(perm[i], want[i]);
}

static void test_split_study_size(void **state)
{
	static const uint32_t first[10] = {
		3318, 32638, 27227, 24615, 29045, 4800, 1640, 39651, 19557, 15499
	};
	static const uint32_t last[5] = { 6265, 11284, 38158, 860, 15795 };
	gt_split s;
	gt_error err;

	(void)state;
	assert_int_equal(gt_split_make(&s, 40560, 0.2, 42, &err), GT_OK);
	assert_int_equal(s.ntest, 8112);
	assert_int_equal(s.ntrain, 32448);
	for (int i = 0; i < 10; i++)
		assert_int_equal(s.test[i], first[i]);
	for (int i = 0; i < 5; i++)
		assert_int_equal(s.train[s.ntrain - 5 + (uint32_t)i], last[i]);
	gt_split_free(&s);
}

/* Every index appears exactly once across test and train. */
static void test_split_is_partition(void **state)
{
	gt_split s;
	gt_error err;
	char *seen = calloc(1001, 1);

	(void)state;
	assert_int_equal(gt_split_make(&s, 1001, 0.2, 9, &err), GT_OK);
	assert_int_equal(s.ntest, 201);  /* ceil(200.2) */
	for (uint32_t i = 0; i < s.ntest; i++)
		seen[s.test[i]]++;
	for (uint32_t i = 0; i < s.ntrain; i++)
		seen[s.train[i]]++;
	for (int i = 0; i < 1001; i++)
		assert_int_equal(seen[i], 1);
	free(seen);
	gt_split_free(&s);
}

static void test_split_errors(void **state)
{
	gt_split s;
	gt_error err;

	(void)state;
	assert_int_equal(gt_split_make(&s, 1, 0.2, 42, &err), GT_ERR_EMPTY);
	assert_int_equal(gt_split_make(&s, 100, 1.5, 42, &err), GT_ERR_ARG);
	assert_int_equal(gt_split_make(&s, 100, 0.0, 42, &err), GT_ERR_ARG);
	assert_int_equal(gt_split_test_size(40560, 0.2), 8112);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permutation_10),
		cmocka_unit_test(test_split_study_size),
		cmocka_unit_test(test_split_is_partition),
		cmocka_unit_test(test_split_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
