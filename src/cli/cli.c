/* cli.c: command-line parsing (getopt_long) and --help text. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "genretui/cli.h"
#include "genretui/importance.h"
#include "genretui/preset.h"
#include "genretui/textfmt.h"
#include "genretui/trainform.h"

/* An argument quoted in a message, escaped (it may hold control
 * characters) and cut to a readable length. */
static const char *arg_shown(const char *arg, char *buf, size_t n)
{
	gt_text_safe(arg, buf, n, 60);
	return buf;
}

enum {
	OPT_EPOCHS = 256, OPT_BATCH_SIZE, OPT_LR, OPT_SEED, OPT_SPLIT_SEED,
	OPT_PRESET, OPT_DIGITS, OPT_JSON, OPT_BATCH, OPT_PREDICT, OPT_MODEL, OPT_SAVE_MODEL,
	OPT_REPEAT, OPT_CV, OPT_THREADS
};

/* Data files and what a run leaves behind. */
enum { OPT_EXPORT = 512, OPT_MAP, OPT_IMPORTANCE, OPT_LABEL, OPT_FEATURES, OPT_DROP };

static const struct option long_options[] = {
	{ "batch",      no_argument,       NULL, OPT_BATCH },
	{ "json",       no_argument,       NULL, OPT_JSON },
	{ "predict",    no_argument,       NULL, OPT_PREDICT },
	{ "model",      required_argument, NULL, OPT_MODEL },
	{ "save-model", required_argument, NULL, OPT_SAVE_MODEL },
	{ "export",     required_argument, NULL, OPT_EXPORT },
	{ "map",        required_argument, NULL, OPT_MAP },
	{ "label",      required_argument, NULL, OPT_LABEL },
	{ "features",   required_argument, NULL, OPT_FEATURES },
	{ "drop",       required_argument, NULL, OPT_DROP },
	{ "importance", optional_argument, NULL, OPT_IMPORTANCE },
	{ "epochs",     required_argument, NULL, OPT_EPOCHS },
	{ "batch-size", required_argument, NULL, OPT_BATCH_SIZE },
	{ "lr",         required_argument, NULL, OPT_LR },
	{ "seed",       required_argument, NULL, OPT_SEED },
	{ "split-seed", required_argument, NULL, OPT_SPLIT_SEED },
	{ "preset",     required_argument, NULL, OPT_PRESET },
	{ "digits",     required_argument, NULL, OPT_DIGITS },
	{ "repeat",     required_argument, NULL, OPT_REPEAT },
	{ "cv",         required_argument, NULL, OPT_CV },
	{ "threads",    required_argument, NULL, OPT_THREADS },
	{ "quiet",      no_argument,       NULL, 'q' },
	{ "help",       no_argument,       NULL, 'h' },
	{ "version",    no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void gt_cli_usage(FILE *f)
{
	const gt_preset *const *p;

	fputs("Usage: genretui [OPTION]... [FILE.csv]\n"
	      "Explore Spotify audio features and train the study's neural network\n"
	      "to predict each track's genre. Without FILE, the bundled synthetic\n"
	      "sample is used. Without --batch a full-screen terminal interface opens\n"
	      "(press ? in it for the keys of each pane).\n\n"
	      "Modes:\n"
	      "  -b, --batch          run the whole pipeline without the terminal UI and\n"
	      "                       print the cleaning ledger, one line per epoch, and\n"
	      "                       the confusion matrices and classification reports\n"
	      "      --json           with --batch: print one JSON document instead\n"
	      "      --predict        a prompt for your own tracks (name=value pairs; type\n"
	      "                       help in it; values kept until clear, each answer\n"
	      "                       names them); with stdin not a terminal, exactly one\n"
	      "                       output line per input line, each line alone\n\n"
	      "Models:\n"
	      "      --model FILE     use this saved model: --predict needs no data and no\n"
	      "                       training; --batch evaluates it on FILE (nothing\n"
	      "                       trained); the interface opens with it evaluated\n"
	      "      --save-model FILE   write the trained model (batch and --predict;\n"
	      "                       w in the Train pane)\n"
	      "      --export DIR     write the run's epochs.csv, confusion_test.csv,\n"
	      "                       confusion_train.csv, report.json and predictions.csv\n"
	      "                       (each row's genre probabilities, then its id,\n"
	      "                       artist and title where the file has them) into\n"
	      "                       DIR (made if missing): after --batch trains, and on\n"
	      "                       x in the Train and Confusion panes (default\n"
	      "                       genretui-export)\n"
	      "      --importance[=N] with --batch: permutation importance of each feature\n"
	      "                       on the test rows, N shuffles each (default 5; 1 to\n"
	      "                       1000; seeded by --seed; on up to 2 of the --threads):\n"
	      "                       in the output, the JSON and the export (importance.csv)\n\n"
	      "Data:\n"
	      "      --map FIELD=COLUMN[,FIELD=COLUMN...]   read FIELD from a column named\n"
	      "                       otherwise (repeatable; every mode). FIELDs: popularity,\n"
	      "                       acousticness, danceability, duration_ms, energy,\n"
	      "                       instrumentalness, key, liveness, loudness, mode,\n"
	      "                       speechiness, tempo, valence, music_genre (or label),\n"
	      "                       and the optional artist_name, track_name, instance_id,\n"
	      "                       obtained_date. key may be C..B or 0..11 (-1 unknown),\n"
	      "                       mode Major/Minor or 1/0\n"
	      "      --label COLUMN   the genre column of a file read by its own schema\n"
	      "                       (default: the first of music_genre, genre,\n"
	      "                       track_genre, label, class, ignoring case)\n"
	      "      --features LIST  the network's inputs: column names or globs, comma\n"
	      "                       separated ('mfcc*,tempo'); default: every numeric\n"
	      "                       column and every text column of up to 24 values\n"
	      "                       (one-hot), except the label and identifiers\n"
	      "      --drop LIST      columns (names or globs) never fed to the network\n"
	      "                       A file without the study's 14 musical columns, or\n"
	      "                       given --label, --features or --drop, is read by its\n"
	      "                       own schema, shown column by column with its role\n\n"
	      "Training:\n"
	      "      --preset NAME    model and training preset (default paper)\n"
	      "      --epochs N       epochs to train, 0 to 100000 (0: load and clean only)\n"
	      "      --batch-size N   rows per mini-batch, 1 to 65536\n"
	      "      --lr X           Adam learning rate, greater than 0 and less than 1000\n"
	      "      --seed N         seed of the weights, the batch order and (improved) the\n"
	      "                       validation slice and dropout masks (default 1;\n"
	      "                       0 to 4294967295)\n"
	      "      --split-seed N   seed of the train/test split (default 42, the study's;\n"
	      "                       0 to 4294967295)\n"
	      "      --repeat N       with --batch: train N times (1 to 1000), seeds SEED to\n"
	      "                       SEED+N-1, and print each run and the mean +- sd\n"
	      "      --cv K           with --batch: K-fold cross-validation (2 to 20 folds of\n"
	      "                       the usable rows); mean +- sd of accuracy and macro F1\n"
	      "      --threads N      use at most N threads (1 to 64) for loading, cleaning,\n"
	      "                       training, and the runs of --repeat and --cv, side by\n"
	      "                       side; default: the environment's GT_THREADS, else\n"
	      "                       every CPU genretui may run on. No figure depends on N\n\n"
	      "Output:\n"
	      "      --digits N       digits in classification reports, 0 to 10 (default 2)\n"
	      "  -q, --quiet          no progress lines on stderr\n"
	      "  -h, --help           show this help and exit\n"
	      "  -V, --version        show the version and exit\n\n"
	      "Presets:\n", f);
	for (p = gt_preset_all(); *p; p++)
		fprintf(f, "  %-10s %s\n", (*p)->name, (*p)->summary);
	fputs("\nExit status: 0 on success, 1 on a data or model error, 2 on a usage error.\n", f);
}

/* The integer options and their ranges, stated in errors and --help. */
static const struct int_option {
	int c;
	long long lo, hi;
} int_options[] = {
	{ OPT_EPOCHS, 0, GT_FORM_EPOCHS_MAX }, { OPT_BATCH_SIZE, 1, 65536 },
	{ OPT_SEED, 0, UINT32_MAX }, { OPT_SPLIT_SEED, 0, UINT32_MAX },
	{ OPT_DIGITS, 0, 10 }, { OPT_REPEAT, 1, 1000 }, { OPT_CV, 2, 20 },
	{ OPT_THREADS, 1, 64 },
	{ OPT_IMPORTANCE, 1, GT_IMP_REPEATS_MAX },
};

/* --lr: a number in the open interval (0, LR_MAX). */
#define LR_MAX 1e3

static const struct int_option *int_option(int c)
{
	for (size_t i = 0; i < sizeof(int_options) / sizeof(int_options[0]); i++)
		if (int_options[i].c == c)
			return &int_options[i];
	return NULL;
}

/* Parse option c's integer from s within its range; 0 or -1. */
static int parse_int(int c, const char *s, long long *out)
{
	const struct int_option *o = int_option(c);
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || end == s || *end != '\0' || v < o->lo || v > o->hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_double(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end != '\0' || !(v > 0 && v < LR_MAX))
		return -1;
	*out = v;
	return 0;
}

static void cli_defaults(gt_cli *cli)
{
	memset(cli, 0, sizeof(*cli));
	cli->mode = GT_RUN_TUI;
	cli->preset = "paper";
	cli->epochs = -1;
	cli->batch_size = -1;
	cli->lr = -1;
	cli->seed = -1;
	cli->split_seed = 42;
	cli->digits = 2;
}

/* --map FIELD=COLUMN,...: its own messages name what is wrong. */
static int map_option(gt_cli *cli, const char *arg, char *err, size_t errlen)
{
	gt_error e;

	if (gt_colmap_parse(&cli->map, arg, &e) == GT_OK)
		return 0;
	snprintf(err, errlen, "%s", e.msg);
	return -1;
}

/* What option c expects, e.g. ": expected an integer from 0 to 10". */
static void expected(int c, char *buf, size_t n)
{
	const struct int_option *o = int_option(c);

	if (o)
		snprintf(buf, n, ": expected an integer from %lld to %lld", o->lo, o->hi);
	else if (c == OPT_LR)
		snprintf(buf, n, ": expected a number greater than 0 and less than %g", LR_MAX);
	else if (c == OPT_PRESET)
		snprintf(buf, n, " (try --help for the presets)");
	else if (c == OPT_EXPORT)
		snprintf(buf, n, ": expected a directory name");
	else if (c == OPT_LABEL)
		snprintf(buf, n, ": expected a column name");
	else if (c == OPT_FEATURES || c == OPT_DROP)
		snprintf(buf, n, ": expected column names or globs, comma separated");
	else
		snprintf(buf, n, ": expected a file name");
}

/* err: "invalid value 'ARG' for --NAME: expected ...". */
static void bad_value(int c, const char *arg, char *err, size_t errlen)
{
	const char *name = "value";
	char shown[80], want[80];

	for (const struct option *o = long_options; o->name; o++)
		if (o->val == c)
			name = o->name;
	expected(c, want, sizeof(want));
	snprintf(err, errlen, "invalid value '%s' for --%s%s",
	         arg_shown(arg, shown, sizeof(shown)), name, want);
}

/* The name of option c when it sets how a model is trained, else NULL. */
static const char *training_option(int c)
{
	if (c != OPT_PRESET && c != OPT_EPOCHS && c != OPT_BATCH_SIZE && c != OPT_LR &&
	    c != OPT_SEED && c != OPT_SPLIT_SEED)
		return NULL;
	for (const struct option *o = long_options; o->name; o++)
		if (o->val == c)
			return o->name;
	return NULL;
}

/* Apply one option with its argument; 0 or -1 with err set. */
static int apply_option(gt_cli *cli, int c, const char *arg, char *err, size_t errlen)
{
	long long v = 0;
	int bad = 0;

	switch (c) {
	case 'b': case OPT_BATCH: cli->mode = GT_RUN_BATCH; break;
	case OPT_JSON: cli->json = 1; break;
	case OPT_PREDICT: cli->mode = GT_RUN_PREDICT; break;
	case OPT_MODEL: cli->model = arg; bad = *arg == '\0'; break;
	case OPT_SAVE_MODEL: cli->save_model = arg; bad = *arg == '\0'; break;
	case OPT_EXPORT: cli->export_dir = arg; bad = *arg == '\0'; break;
	case OPT_MAP: return map_option(cli, arg, err, errlen);
	case OPT_LABEL: cli->label = arg; bad = *arg == '\0'; break;
	case OPT_FEATURES: cli->features = arg; bad = *arg == '\0'; break;
	case OPT_DROP: cli->drop = arg; bad = *arg == '\0'; break;
	case 'q': cli->quiet = 1; break;
	case 'h': cli->mode = GT_RUN_HELP; break;
	case 'V': cli->mode = GT_RUN_VERSION; break;
	case OPT_PRESET: cli->preset = arg; bad = gt_preset_find(arg) == NULL; break;
	case OPT_EPOCHS: bad = parse_int(c, arg, &v); cli->epochs = (int)v; break;
	case OPT_BATCH_SIZE: bad = parse_int(c, arg, &v); cli->batch_size = (int)v; break;
	case OPT_LR: bad = parse_double(arg, &cli->lr); break;
	case OPT_SEED: bad = parse_int(c, arg, &v); cli->seed = v; break;
	case OPT_SPLIT_SEED: bad = parse_int(c, arg, &v); cli->split_seed = (uint32_t)v; break;
	case OPT_DIGITS: bad = parse_int(c, arg, &v); cli->digits = (int)v; break;
	case OPT_REPEAT: bad = parse_int(c, arg, &v); cli->repeat = (int)v; break;
	case OPT_CV: bad = parse_int(c, arg, &v); cli->cv = (int)v; break;
	case OPT_THREADS: bad = parse_int(c, arg, &v); cli->threads = (int)v; break;
	case OPT_IMPORTANCE:
		v = GT_IMP_REPEATS;
		bad = arg && parse_int(c, arg, &v);
		cli->importance = (int)v;
		break;
	default:
		snprintf(err, errlen, "unknown option (try --help)");
		return -1;
	}
	if (bad)
		bad_value(c, arg, err, errlen);
	else if (!cli->train_opt)
		cli->train_opt = training_option(c);
	return bad ? -1 : 0;
}

/* Was any field given with --map? */
static int map_given(const gt_cli *cli)
{
	for (int c = 0; c < GT_NCOLS; c++)
		if (gt_colmap_mapped(&cli->map, c))
			return 1;
	return 0;
}

/* The first option that reads a file by its own schema, or NULL. */
static const char *schema_option(const gt_cli *cli)
{
	return cli->label ? "label" : cli->features ? "features" : cli->drop ? "drop" : NULL;
}

/* GT_THREADS, when set and not empty, is --threads' default. */
static int threads_env(gt_cli *cli, char *err, size_t errlen)
{
	const char *env = getenv("GT_THREADS");
	char shown[80];
	long long v;

	if (!env || !*env)
		return 0;
	if (parse_int(OPT_THREADS, env, &v) != 0) {
		snprintf(err, errlen, "invalid value '%s' in the environment's GT_THREADS:"
		         " expected an integer from 1 to 64", arg_shown(env, shown, sizeof(shown)));
		return -1;
	}
	cli->threads = (int)v;
	return 0;
}

int gt_cli_parse(gt_cli *cli, int argc, char **argv, char *err, size_t errlen)
{
	char shown[80];
	int c;

	cli_defaults(cli);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":bqhV", long_options, NULL)) != -1) {
		if (c == '?' || c == ':') {
			snprintf(err, errlen, "%s '%s' (try --help)",
			         c == ':' ? "missing value for option" : "unknown option",
			         arg_shown(argv[optind - 1], shown, sizeof(shown)));
			return -1;
		}
		if (apply_option(cli, c, optarg, err, errlen) != 0)
			return -1;
	}
	if (cli->threads == 0 && threads_env(cli, err, errlen) != 0)
		return -1;
	if (optind < argc)
		cli->csv = argv[optind++];
	if (optind < argc) {
		snprintf(err, errlen, "only one FILE may be given, got also '%s'",
		         arg_shown(argv[optind], shown, sizeof(shown)));
		return -1;
	}
	if (cli->model && cli->save_model) {
		snprintf(err, errlen, "--model and --save-model cannot be used together");
		return -1;
	}
	if (cli->model && cli->train_opt &&
	    (cli->mode == GT_RUN_BATCH || cli->mode == GT_RUN_PREDICT)) {
		snprintf(err, errlen, "--%s sets how a model is trained: not with --model, whose "
		         "model is trained already (its own split seed is used)", cli->train_opt);
		return -1;
	}
	if (cli->model && (cli->repeat || cli->cv)) {
		snprintf(err, errlen, "--%s trains: not with --model", cli->repeat ? "repeat" : "cv");
		return -1;
	}
	if ((cli->repeat || cli->cv) && cli->mode != GT_RUN_BATCH) {
		snprintf(err, errlen, "--%s needs --batch", cli->repeat ? "repeat" : "cv");
		return -1;
	}
	if (cli->repeat && cli->cv) {
		snprintf(err, errlen, "--repeat and --cv cannot be used together");
		return -1;
	}
	if ((cli->repeat || cli->cv) && cli->save_model) {
		snprintf(err, errlen, "--save-model saves one model: not with --%s",
		         cli->repeat ? "repeat" : "cv");
		return -1;
	}
	if ((cli->repeat || cli->cv) && cli->export_dir) {
		snprintf(err, errlen, "--export writes one run: not with --%s",
		         cli->repeat ? "repeat" : "cv");
		return -1;
	}
	if (cli->export_dir && cli->mode == GT_RUN_PREDICT) {
		snprintf(err, errlen, "--export needs --batch or the interface, not --predict");
		return -1;
	}
	if (cli->importance && (cli->mode != GT_RUN_BATCH || cli->repeat || cli->cv)) {
		snprintf(err, errlen, "--importance describes one trained model: it needs --batch, "
		         "not --repeat or --cv");
		return -1;
	}
	if (schema_option(cli) && map_given(cli)) {
		snprintf(err, errlen, "--map reads the study's columns; --%s chooses a file's own: "
		         "give one or the other (--map label=COLUMN names the study's genre column)",
		         schema_option(cli));
		return -1;
	}
	if (schema_option(cli) && cli->model && cli->mode == GT_RUN_PREDICT) {
		snprintf(err, errlen, "--%s chooses what a model is trained on: --predict with "
		         "--model uses the model's own columns", schema_option(cli));
		return -1;
	}
	if (cli->json && cli->mode == GT_RUN_TUI) {
		snprintf(err, errlen, "--json needs --batch");
		return -1;
	}
	return 0;
}
