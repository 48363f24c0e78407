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
	for (int c = 0; c < GT_NCLASSES; c++)
		assert_string_equal(gt_genre_names[c], want[c]);
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

/* Data files: note names or the Spotify Web API's pitch classes, -1 unknown. */
static void test_key_and_mode_values(void **state)
{
	static const struct { const char *s; int r, pitch; } keys[] = {
		{ "C", 1, 0 }, { "A#", 1, 10 }, { "0", 1, 0 }, { "5", 1, 5 },
		{ "11", 1, 11 }, { "5.0", 1, 5 }, { "10.00", 1, 10 }, { "-1", 0, -1 },
		{ "-1.0", 0, -1 }, { "12", -1, -1 }, { "-2", -1, -1 }, { "5.5", -1, -1 },
		{ " 5", -1, -1 }, { "5 ", -1, -1 }, { "", -1, -1 }, { "-", -1, -1 },
		{ ".", -1, -1 }, { "1e1", -1, -1 }, { "H", -1, -1 }, { "0x5", -1, -1 },
		{ "100000000000000000000", -1, -1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int pitch = -1, r = gt_key_value(keys[i].s, &pitch);

		if (r != keys[i].r || pitch != keys[i].pitch)
			fail_msg("key '%s': %d, pitch %d", keys[i].s, r, pitch);
	}
	assert_int_equal(gt_key_value(NULL, NULL), -1);
	assert_int_equal(gt_mode_value("Major"), 1);
	assert_int_equal(gt_mode_value("MINOR"), 0);
	assert_int_equal(gt_mode_value("1"), 1);
	assert_int_equal(gt_mode_value("0"), 0);
	assert_int_equal(gt_mode_value("1.0"), 1);
	assert_int_equal(gt_mode_value("2"), -1);
	assert_int_equal(gt_mode_value("-1"), -1);
	assert_int_equal(gt_mode_value(""), -1);
	assert_int_equal(gt_mode_value(NULL), -1);
	/* the prompt's key= and mode= stay note names and words */
	assert_int_equal(gt_key_index("5"), -1);
	assert_int_equal(gt_mode_index("1"), -1);
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
		cmocka_unit_test(test_key_and_mode_values),
		cmocka_unit_test(test_scale_columns_sorted),
		cmocka_unit_test(test_input_vector),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
