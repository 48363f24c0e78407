/* predictor.h: everything needed to predict a genre without the dataset:
 * the trained model, the normalisation, and training-row statistics of the
 * 11 numeric features (medians fill what the user leaves out, ranges tell
 * when a value is unusual). Saved to and loaded from model files.
 *
 * Model file format, version 2 (all integers little-endian, doubles IEEE 754
 * binary64 little-endian); version 1 files are still read (they lack the
 * fields marked v2, hold the study's min-max normalisation and the study's
 * ten genres):
 *   magic     8 bytes  "GTMODEL\0"
 *   version   u32      2
 *   length    u64      bytes of the payload that follows
 *   payload:
 *     ninputs u32 (35), nclasses u32 (version 1: 10; 2: 2 to 256), nnumeric u32 (11)
 *     input names:  ninputs  x (u16 length + bytes), in input order
 *     genre names:  nclasses x (u16 length + bytes), in class order (version
 *       1: the study's ten; 2: the study's ten, or as the training file
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
 *     normalisation: study: 4 x min f64, 4 x max f64 (popularity,
 *       duration_ms, loudness, tempo); impute: 11 means, then 11 standard
 *       deviations (f64, GT_F_ order)
 *     training stats of the 11 numeric features: 11 medians, then 11 minima,
 *       then 11 maxima (f64, GT_F_ order)
 *     nparams u64, then nparams f64 in the model's flat layout (model.h)
 *   checksum  u32      CRC-32 (IEEE, as zlib's crc32) of every byte before it
 * A file is rejected unless every field is present, consistent and in range
 * (finite numbers, accuracies in [0, 1], epochs trained <= epochs, min <=
 * median <= max, known names and enum codes, as many outputs as genres, at
 * most 64 MiB) and the checksum matches. The four min-max scaled inputs are
 * fixed by the format. Writing goes to a temporary file in the same
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

#define GT_MODEL_VERSION 2

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

/* Probabilities probs[0 .. genres.k - 1] for raw numeric values (GT_F_
 * order, units as in the data) and a scale column (encode.h). */
void gt_predictor_probs(gt_predictor *p, const double num[GT_NNUMERIC], int scale,
                        double probs[GT_MAX_CLASSES]);

struct gt_track_input_s;

/* Probabilities for a track typed at the prompt: numeric features not given
 * are filled with the training medians; a key and/or mode not given is
 * averaged over every scale it could be (equal weights). Returns the bits
 * (1 << GT_F_x) of the numeric features that were filled. */
unsigned gt_predictor_ask(gt_predictor *p, const struct gt_track_input_s *t,
                          double probs[GT_MAX_CLASSES]);

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

#endif
