/* predictor.h: everything needed to predict a genre without the dataset:
 * the trained model, the normalisation, and training-row statistics of the
 * 11 numeric features (medians fill what the user leaves out, ranges tell
 * when a value is unusual). Saved to and loaded from model files.
 *
 * Model file format, versions 2 and 3 (all integers little-endian, doubles
 * IEEE 754 binary64 little-endian). A model of the study's inputs is
 * written as version 2, one of any other layout (layout.h) as version 3;
 * version 1 files are still read (they lack the fields marked v2, hold the
 * study's min-max normalisation and the study's ten genres):
 *   magic     8 bytes  "GTMODEL\0"
 *   version   u32      2 or 3
 *   length    u64      bytes of the payload that follows
 *   payload:
 *     ninputs u32 (v1, v2: 35; v3: 1 to 512), nclasses u32 (version 1: 10;
 *       2, 3: 2 to GT_MAX_CLASSES), nnumeric u32 (v1, v2: 11; v3: the dense
 *       inputs, 1 to ninputs)
 *     v3: the layout: nhot u32 (the one-hot group: 24 for the study's, 0
 *       for a file's own), ncolumns u32, then each source column: name
 *       (u16 length + 1 to 63 bytes), kind u32 (0 numeric, 1 one-hot, 2 key,
 *       3 mode), nlevels u32 (one-hot: its levels, 1 or more; others 0),
 *       nlevels x level name (u16 length + 1 to 63 bytes); then nnumeric
 *       flag bytes (1 min-max scaled by the paper preparation, 2
 *       standardised by the improved one), which must be the columns' own.
 *       Key and mode columns make the study's layout and nothing else;
 *       otherwise a numeric column is one input and a one-hot column one
 *       input per level, named column_level, in column order.
 *     input names:  ninputs  x (u16 length + bytes), in input order (v1, v2:
 *       the study's; v3: the layout's)
 *     genre names:  nclasses x (u16 length + bytes), in class order (version
 *       1: the study's ten; 2, 3: the study's ten, or as the training file
 *       spelled its own genres (genres.h), 1 to 63
 *       bytes, no NUL, no two alike)
 *     preset name:  u16 length + bytes
 *     nlayers u32, sizes (nlayers + 1) x u32, activations nlayers x u32
 *       (0 linear, 1 sigmoid, 2 relu), loss u32 (0 Keras sigmoid, 1 softmax CE)
 *     hyperparameters: epochs u32, batch_size u32, lr, beta1, beta2, eps f64,
 *       seed u32, split_seed u32, epochs_trained u32
 *     figures: test_accuracy f64, train_accuracy f64, test_macro_f1 f64
 *     v2: schedule u32 (0 constant, 1 cosine), lr_min f64, dropout f64,
 *       val_fraction f64, patience u32
 *     v2: preparation u32 (0 study, 1 impute; normalize.h)
 *     normalisation, of the inputs the layout flags for the preparation, in
 *       input order: study: a minimum f64 each, then a maximum f64 each (the
 *       study's: popularity, duration_ms, loudness, tempo); impute: a mean
 *       each, then a standard deviation each (the study's: its 11 numeric)
 *     training stats of the nnumeric dense inputs: nnumeric medians, then
 *       minima, then maxima (f64, input order)
 *     nparams u64, then nparams f64 in the model's flat layout (model.h)
 *   checksum  u32      CRC-32 (IEEE, as zlib's crc32) of every byte before it
 * A file is rejected unless every field is present, consistent and in range
 * (finite numbers, accuracies in [0, 1], epochs trained <= epochs, min <=
 * median <= max, known names and enum codes, as many outputs as genres, at
 * most 64 MiB) and the checksum matches. Writing goes to a temporary file in the same
 * directory that is renamed over the target, so a crash or a full disk leaves
 * either the old file or the new one. */
#ifndef GENRETUI_PREDICTOR_H
#define GENRETUI_PREDICTOR_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/encode.h"
#include "genretui/genres.h"
#include "genretui/layout.h"
#include "genretui/model.h"
#include "genretui/normalize.h"
#include "genretui/status.h"
#include "genretui/train.h"

#define GT_MODEL_VERSION 3      /* the newest read and written */

typedef struct {
	gt_model model;                  /* arch + weights (max_batch 1 after load) */
	gt_genres genres;                /* what the outputs are: genres.k classes */
	gt_layout layout;                /* its inputs (layout.h) */
	gt_norm norm;                    /* applied to inputs before the model */
	double median[GT_MAX_INPUTS];    /* training rows, raw units, of each */
	double lo[GT_MAX_INPUTS], hi[GT_MAX_INPUTS];  /* dense input: median, range */
	char preset[32];
	gt_hparams hp;
	uint32_t split_seed;
	int epochs_trained;
	double test_accuracy, train_accuracy, test_macro_f1;
} gt_predictor;

struct gt_session;

/* Capture the session's current model and statistics (copies the weights). */
gt_status gt_predictor_from_session(gt_predictor *p, const struct gt_session *s,
                                    const char *preset, gt_error *err);
void gt_predictor_free(gt_predictor *p);

/* GT_OK when the model predicts the genres of a file (the same classes, in
 * the same order, with the same names); else GT_ERR_MODEL and, with name
 * the model file as shown, "m.gtm predicts 12 genres (ambient, bluegrass,
 * ...), the file has 10 (Electronic, Anime, ...): not the same genres". */
gt_status gt_predictor_check_genres(const gt_predictor *p, const gt_genres *file,
                                    const char *name, gt_error *err);

/* GT_OK when the model takes the inputs of a file's layout (the same
 * columns, levels and order); else GT_ERR_MODEL and, e.g., "m.gtm was
 * trained on 57 inputs (chroma_stft_mean, chroma_stft_var, ...); this file
 * lacks: rms_mean; has extra: popularity". */
gt_status gt_predictor_check_layout(const gt_predictor *p, const gt_layout *file,
                                    const char *name, gt_error *err);

/* Probabilities probs[0 .. genres.k - 1] for the raw values of the
 * layout's nnum dense inputs (units as in the data; the study's: its 11
 * numeric features in GT_F_ order) and the one-hot group's hot input
 * (the study's scale, encode.h; ignored without a group). */
void gt_predictor_probs(gt_predictor *p, const double *num, int scale,
                        double probs[GT_MAX_CLASSES]);

struct gt_track_input_s;

/* Probabilities for a track typed at the prompt (prompt.h, values by the
 * layout's source columns): a numeric column not given is filled with its
 * training median, a one-hot column not given with the training medians
 * of its inputs (as the improved preparation imputes); the study's key
 * and/or mode not given is averaged over every scale it could be (equal
 * weights). filled (GT_PROMPT_WORDS words) gets the bits of the columns
 * that were filled; returns how many. */
int gt_predictor_ask(gt_predictor *p, const struct gt_track_input_s *t,
                     double probs[GT_MAX_CLASSES], unsigned *filled);

/* Model files (model_file.c). A save writes PATH.tmpXXXXXX beside PATH
 * and renames it over PATH (a symlink there is replaced, not followed,
 * whatever it points to; a directory, FIFO or device there is refused); SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT are held until then, SIGXFSZ ignored (a size limit is an error). */
gt_status gt_predictor_save(const gt_predictor *p, const char *path, gt_error *err);
gt_status gt_predictor_load(gt_predictor *p, const char *path, gt_error *err);
/* Decode a whole file image (for tests and fuzzing); name is for messages. */
gt_status gt_predictor_decode(gt_predictor *p, const unsigned char *buf, size_t len,
                              const char *name, gt_error *err);
/* Encode into a malloc'd buffer (*out, *len). */
gt_status gt_predictor_encode(const gt_predictor *p, unsigned char **out, size_t *len,
                              gt_error *err);
/* The same in a given format version: 2 (the study's layout only) or 3;
 * 0 as gt_predictor_encode (2 for the study's layout, 3 for any other). */
gt_status gt_predictor_encode_version(const gt_predictor *p, int version,
                                      unsigned char **out, size_t *len, gt_error *err);

#endif
