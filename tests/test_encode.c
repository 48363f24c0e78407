/* test_encode.c: genre order, scales, the 35-input layout. */
#include <string.h>

#include "testutil.h"
#include "genretui/encode.h"

static void test_genre_order(void **state)
{
	static const char *const want[GT_NCLASSES] = {
		"Electronic", "Anime", "Jazz", "Alternative", "Country",
		"Rap", "Blues", "Rock", "Classical", "Hip-Hop"
	};

	(void)state;
	for (int c = 0; c < GT_NCLASSES; c++) {
		assert_string_equal(gt_genre_names[c], want[c]);
		assert_int_equal(gt_genre_index(want[c]), c);
	}
	assert_int_equal(gt_genre_index("hip-hop"), -1);     /* exact */
	assert_int_equal(gt_genre_lookup("hip hop"), 9);     /* forgiving */
	assert_int_equal(gt_genre_lookup("HIPHOP"), 9);
	assert_int_equal(gt_genre_lookup("classical"), 8);
	assert_int_equal(gt_genre_lookup("Polka"), -1);
	assert_int_equal(gt_genre_lookup(""), -1);
}

static void test_keys_and_modes(void **state)
{
	(void)state;
	assert_int_equal(gt_key_index("C"), 0);
	assert_int_equal(gt_key_index("A#"), 10);
	assert_int_equal(gt_key_index("Bb"), 10);
	assert_int_equal(gt_key_index("g#"), 8);
	assert_int_equal(gt_key_index("Cb"), 11);
	assert_int_equal(gt_key_index("H"), -1);
	assert_int_equal(gt_key_index("C##"), -1);
	assert_int_equal(gt_key_index(""), -1);
	assert_int_equal(gt_mode_index("Major"), 1);
	assert_int_equal(gt_mode_index("minor"), 0);
	assert_int_equal(gt_mode_index("Dorian"), -1);
}

/* The 24 one-hot columns are pandas' sorted scale names. */
static void test_scale_columns_sorted(void **state)
{
	(void)state;
	for (int s = 1; s < GT_NSCALES; s++)
		assert_true(strcmp(gt_scale_names[s - 1], gt_scale_names[s]) < 0);
	assert_int_equal(gt_scale_index(9, 1), 0);              /* A */
	assert_int_equal(gt_scale_index(10, 0), 2);             /* A#m */
	assert_string_equal(gt_scale_names[gt_scale_index(7, 0)], "Gm");
	assert_int_equal(gt_scale_index(12, 1), -1);
	for (int s = 0; s < GT_NSCALES; s++) {
		int p, maj;

		assert_int_equal(gt_scale_parts(s, &p, &maj), 0);
		assert_int_equal(gt_scale_index(p, maj), s);
	}
}

static void test_input_vector(void **state)
{
	double num[GT_NNUMERIC], x[GT_NINPUTS];
	int scale = gt_scale_index(gt_key_index("C#"), 0);

	(void)state;
	for (int i = 0; i < GT_NNUMERIC; i++)
		num[i] = i + 0.5;
	gt_encode_inputs(num, scale, x);
	assert_int_equal(GT_NINPUTS, 35);
	for (int i = 0; i < GT_NNUMERIC; i++)
		assert_near(x[i], i + 0.5, 0);
	for (int s = 0; s < GT_NSCALES; s++)
		assert_near(x[GT_NNUMERIC + s], s == scale ? 1.0 : 0.0, 0);
	assert_string_equal(gt_input_names[GT_NNUMERIC + scale], "scale_C#m");
	assert_string_equal(gt_input_names[GT_F_TEMPO], "tempo");
	assert_string_equal(gt_input_names[GT_F_DURATION], "duration_ms");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_genre_order),
		cmocka_unit_test(test_keys_and_modes),
		cmocka_unit_test(test_scale_columns_sorted),
		cmocka_unit_test(test_input_vector),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
