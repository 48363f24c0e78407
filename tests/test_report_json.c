/* test_report_json.c: a run's figures as JSON values (src/core/report_json.c),
 * checked member by member and as the compact text jansson writes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "genretui/metrics.h"
#include "genretui/preset.h"
#include "genretui/report_json.h"

/* v as compact JSON text (sorted keys); freed by the caller. */
static char *text(json_t *v)
{
	char *s;

	assert_non_null(v);
	s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(v);
	assert_non_null(s);
	return s;
}

static void assert_json(json_t *v, const char *want)
{
	char *s = text(v);

	if (strcmp(s, want) != 0)
		fail_msg("got  %s\nwant %s", s, want);
	free(s);
}

/* Finite numbers as reals; NaN and infinities as null (JSON has neither). */
static void test_num(void **state)
{
	(void)state;
	assert_json(gt_json_num(0.5), "0.5");
	assert_json(gt_json_num(-2.0), "-2.0");
	assert_json(gt_json_num(NAN), "null");
	assert_json(gt_json_num(INFINITY), "null");
	assert_json(gt_json_num(-INFINITY), "null");
}

/* A path in UTF-8 stays as it is; bytes that are not UTF-8 are given
 * escaped, as the text output shows them, never dropped. */
static void test_path(void **state)
{
	char *s;

	(void)state;
	assert_json(gt_json_path("data/m\xc3\xbcsic.csv"), "\"data/m\xc3\xbcsic.csv\"");
	s = text(gt_json_path("bad\xff" "name.csv"));
	assert_true(s[0] == '"');
	assert_non_null(strstr(s, "bad"));
	assert_non_null(strstr(s, "name.csv"));
	assert_null(strchr(s, '\xff'));
	free(s);
}

static void test_genres(void **state)
{
	static const char *const names[] = { "alpha", "beta", "gamma" };
	gt_genres g;

	(void)state;
	gt_genres_study(&g);
	assert_json(gt_json_genres(&g), "[\"Electronic\",\"Anime\",\"Jazz\",\"Alternative\","
	            "\"Country\",\"Rap\",\"Blues\",\"Rock\",\"Classical\",\"Hip-Hop\"]");
	assert_int_equal(gt_genres_set(&g, names, 3), 0);
	assert_json(gt_json_genres(&g), "[\"alpha\",\"beta\",\"gamma\"]");
}

/* Rows per class of a set, k of them; labels out of range are not
 * counted. */
static void test_support(void **state)
{
	static const int y[] = { 0, 2, 2, 1, 2, -1, 0, 99 };
	gt_samples s = { 0 };

	(void)state;
	s.y = y;
	s.n = sizeof(y) / sizeof(y[0]);
	assert_json(gt_json_support(&s, 4), "[2,1,3,0]");
	assert_json(gt_json_support(&s, 2), "[2,1]");
	s.n = 0;
	assert_json(gt_json_support(&s, 3), "[0,0,0]");
}

/* Only the finished epochs; a NaN (no held-out rows, no validation slice)
 * as null; the test rows named test_, the slice validation_; the kept
 * epoch marked. */
static void test_epochs(void **state)
{
	gt_epoch h[3] = {
		{ .epoch = 1, .loss = 1.5, .accuracy = 0.25, .val_loss = NAN,
		  .val_accuracy = NAN, .vs_loss = NAN, .vs_accuracy = NAN, .lr = 0.5,
		  .seconds = 0.5 },
		{ .epoch = 2, .loss = 1.25, .accuracy = 0.5, .val_loss = 1.0,
		  .val_accuracy = 0.75, .vs_loss = 2.0, .vs_accuracy = 0.5, .lr = 0.25,
		  .seconds = 0.25 },
	};
	gt_trainer *t = calloc(1, sizeof(*t));

	(void)state;
	t->history = h;
	t->epoch = 2;
	assert_json(gt_json_epochs(t, 2),
	            "[{\"accuracy\":0.25,\"epoch\":1,\"kept\":false,\"loss\":1.5,\"lr\":0.5,"
	            "\"seconds\":0.5,\"test_accuracy\":null,\"test_loss\":null,"
	            "\"validation_accuracy\":null,\"validation_loss\":null},"
	            "{\"accuracy\":0.5,\"epoch\":2,\"kept\":true,\"loss\":1.25,\"lr\":0.25,"
	            "\"seconds\":0.25,\"test_accuracy\":0.75,\"test_loss\":1.0,"
	            "\"validation_accuracy\":0.5,\"validation_loss\":2.0}]");
	t->epoch = 0;
	assert_json(gt_json_epochs(t, 0), "[]");
	free(t);
}

/* cell[true][predicted], row by row; and the report of the same matrix:
 * a class neither true nor predicted is left out (scikit-learn's
 * output_dict), the averages over the classes present. */
static void test_confusion_and_report(void **state)
{
	static const char *const names[] = { "a", "b", "c" };
	static const int truth[] = { 0, 0, 0, 1, 1, 0 };
	static const int pred[] = { 0, 0, 1, 1, 0, 0 };
	gt_confusion cm = { 0 };
	gt_report r;
	gt_genres g;
	json_t *o, *a;

	(void)state;
	assert_int_equal(gt_genres_set(&g, names, 3), 0);
	gt_confusion_from_labels(&cm, 3, truth, pred, 6);
	assert_json(gt_json_confusion(&cm), "[[3,1,0],[1,1,0],[0,0,0]]");
	gt_report_compute(&r, &cm);
	o = gt_json_report(&r, &g);
	assert_non_null(o);
	assert_null(json_object_get(o, "c"));
	a = json_object_get(o, "a");
	assert_true(json_real_value(json_object_get(a, "precision")) == 0.75);
	assert_true(json_real_value(json_object_get(a, "recall")) == 0.75);
	assert_int_equal(json_integer_value(json_object_get(a, "support")), 4);
	a = json_object_get(o, "b");
	assert_true(json_real_value(json_object_get(a, "precision")) == 0.5);
	assert_int_equal(json_integer_value(json_object_get(a, "support")), 2);
	assert_true(json_real_value(json_object_get(o, "accuracy")) == r.accuracy);
	assert_near(r.accuracy, 4.0 / 6.0, 1e-15);
	a = json_object_get(o, "macro_avg");
	assert_true(json_real_value(json_object_get(a, "f1")) == r.macro_f1);
	assert_int_equal(json_integer_value(json_object_get(a, "support")), 6);
	a = json_object_get(o, "weighted_avg");
	assert_true(json_real_value(json_object_get(a, "recall")) == r.weighted_recall);
	assert_int_equal(json_object_size(o), 5);
	json_decref(o);
	gt_confusion_free(&cm);
}

/* The study's preset, every member; the extras as the preset sets them. */
static void test_hparams(void **state)
{
	const gt_preset *p = gt_preset_find("paper");
	json_t *o;

	(void)state;
	assert_non_null(p);
	o = gt_json_hparams("paper", &p->hp, 42);
	assert_non_null(o);
	assert_string_equal(json_string_value(json_object_get(o, "preset")), "paper");
	assert_int_equal(json_integer_value(json_object_get(o, "epochs")), p->hp.epochs);
	assert_int_equal(json_integer_value(json_object_get(o, "batch_size")), 16);
	assert_true(json_real_value(json_object_get(o, "lr")) == 0.001);
	assert_true(json_real_value(json_object_get(o, "beta1")) == 0.9);
	assert_true(json_real_value(json_object_get(o, "beta2")) == 0.999);
	assert_true(json_real_value(json_object_get(o, "epsilon")) == 1e-7);
	assert_int_equal(json_integer_value(json_object_get(o, "seed")), p->hp.seed);
	assert_int_equal(json_integer_value(json_object_get(o, "split_seed")), 42);
	assert_string_equal(json_string_value(json_object_get(o, "preparation")),
	                    gt_prep_name(p->hp.prep));
	assert_string_equal(json_string_value(json_object_get(o, "lr_schedule")), "constant");
	assert_true(json_real_value(json_object_get(o, "dropout")) == 0.0);
	assert_true(json_real_value(json_object_get(o, "validation_fraction")) == 0.0);
	assert_int_equal(json_integer_value(json_object_get(o, "patience")), 0);
	assert_int_equal(json_object_size(o), 15);
	json_decref(o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_genres),
		cmocka_unit_test(test_support),
		cmocka_unit_test(test_epochs),
		cmocka_unit_test(test_confusion_and_report),
		cmocka_unit_test(test_hparams),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
