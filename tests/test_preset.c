/* test_preset.c: the presets, and their hyperparameters sized to the
 * training rows (gt_hparams_size). */
#include "testutil.h"
#include "fixtures.h"

#include <string.h>

#include "genretui/colmap.h"
#include "genretui/preset.h"
#include "genretui/session.h"

/* hp sized to n rows, from a copy whose padding bytes are known. */
static gt_hparams sized(const gt_hparams *hp, size_t n)
{
	gt_hparams h;

	memcpy(&h, hp, sizeof(h));
	gt_hparams_size(&h, n);
	return h;
}

/* Sizing h to n leaves every byte of it. */
static void assert_untouched(const gt_hparams *hp, size_t n)
{
	gt_hparams h;

	memcpy(&h, hp, sizeof(h));
	gt_hparams_size(&h, n);
	assert_memory_equal(&h, hp, sizeof(h));
}

static void test_presets(void **state)
{
	const gt_preset *const *all = gt_preset_all();

	(void)state;
	assert_string_equal(all[0]->name, "paper");
	assert_string_equal(all[1]->name, "improved");
	assert_null(all[2]);
	assert_ptr_equal(gt_preset_find("improved"), all[1]);
	assert_null(gt_preset_find("Improved"));
	assert_true(gt_preset_find("paper")->hp.val_fraction == 0);
	assert_true(gt_preset_find("improved")->hp.val_fraction == 0.1);
	assert_int_equal(gt_preset_find("improved")->hp.patience, 10);
}

/* The study's sets are far above the threshold: the improved preset's
 * 41,888 training rows (37,699 trained on beside its slice), the paper
 * preset's 32,448, and their folds, keep the hyperparameters to the byte. */
static void test_study_sizes_untouched(void **state)
{
	const size_t sizes[] = { 41888, 37699, 32448, 33510, 2500, 2501, 100000 };

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_untouched(&gt_preset_find("improved")->hp, sizes[i]);
		assert_untouched(&gt_preset_find("paper")->hp, sizes[i]);
	}
}

/* Below GT_SMALL_TRAIN_ROWS the improved preset loses its slice and its
 * patience, and nothing else. */
static void test_small_sizes(void **state)
{
	const gt_hparams *imp = &gt_preset_find("improved")->hp;
	const size_t sizes[] = { 0, 1, 2, 720, 800, 2000, 2499 };

	(void)state;
	assert_int_equal(GT_SMALL_TRAIN_ROWS, 2500);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		gt_hparams want, h = sized(imp, sizes[i]);

		memcpy(&want, imp, sizeof(want));
		want.val_fraction = 0;
		want.patience = 0;
		assert_memory_equal(&h, &want, sizeof(h));
		assert_untouched(&h, sizes[i]);                 /* sizing twice: the same */
		assert_untouched(&gt_preset_find("paper")->hp, sizes[i]);   /* no slice */
	}
}

/* Whatever else a caller set stays (epochs, patience without a slice). */
static void test_small_keeps_the_rest(void **state)
{
	gt_hparams hp = gt_preset_find("improved")->hp, h;

	(void)state;
	hp.epochs = 7;
	hp.lr = 0.01;
	hp.seed = 9;
	h = sized(&hp, 800);
	assert_int_equal(h.epochs, 7);
	assert_true(h.lr == 0.01);
	assert_int_equal(h.seed, 9);
	assert_true(h.dropout == 0.3);
	assert_int_equal(h.schedule, GT_LR_COSINE);
	hp.val_fraction = 0;
	hp.patience = 4;
	assert_untouched(&hp, 800);
}

static void open_own_genres(gt_session *s, const char *path)
{
	gt_pipeline_opts o;
	gt_colmap map;
	gt_error err;

	gt_colmap_init(&map);
	assert_int_equal(gt_colmap_parse(&map, "label=track_genre,duration_ms=duration",
	                                 &err), GT_OK);
	gt_pipeline_defaults(&o);
	o.map = &map;
	if (gt_session_open(s, path, &o, &err) != GT_OK)
		fail_msg("%s", err.msg);
}

/* A session on a small table trains the improved preset on every
 * training row for all its epochs, and keeps the last weights. */
static void test_session_small_table(void **state)
{
	const gt_preset *imp = gt_preset_find("improved");
	gt_hparams hp = imp->hp;
	gt_session s;
	gt_error err;
	char path[4096];

	(void)state;
	if (!fx_data_file("spotify_api_own_genres.csv", path, sizeof(path)))
		skip();
	open_own_genres(&s, path);
	assert_int_equal(s.pipe.train.n, 192);
	hp.epochs = 4;
	assert_int_equal(gt_session_start(&s, &imp->arch, &hp, &err), GT_OK);
	assert_int_equal(s.trainer.nval, 0);
	assert_true(s.trainer.hp.val_fraction == 0);
	assert_int_equal(s.trainer.hp.patience, 0);
	assert_int_equal(gt_trainer_rows(&s.trainer), 192);
	while (gt_session_step(&s, NULL) >= 0)
		;
	assert_int_equal(s.trainer.epoch, 4);
	assert_false(s.trainer.stopped);
	gt_session_close(&s);
}

/* The synthetic sample's 4,000-odd training rows keep the slice. */
static void test_session_sample_keeps_slice(void **state)
{
	const char *path = fx_env_file("GT_SAMPLE_CSV");
	const gt_preset *imp = gt_preset_find("improved");
	gt_hparams hp;
	gt_session s;
	gt_error err;

	(void)state;
	if (!path)
		skip();
	memcpy(&hp, &imp->hp, sizeof(hp));
	assert_int_equal(gt_session_open(&s, path, NULL, &err), GT_OK);
	hp.epochs = 1;
	assert_int_equal(gt_session_start(&s, &imp->arch, &hp, &err), GT_OK);
	assert_true(s.pipe.train.n >= GT_SMALL_TRAIN_ROWS);
	assert_memory_equal(&s.trainer.hp, &hp, sizeof(hp));
	assert_int_equal(s.trainer.nval, (size_t)(0.1 * (double)s.pipe.train.n + 0.5));
	gt_session_close(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presets),
		cmocka_unit_test(test_study_sizes_untouched),
		cmocka_unit_test(test_small_sizes),
		cmocka_unit_test(test_small_keeps_the_rest),
		cmocka_unit_test(test_session_small_table),
		cmocka_unit_test(test_session_sample_keeps_slice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
