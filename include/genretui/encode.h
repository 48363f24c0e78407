/* encode.h: the study's genre order, scales and the 35-column input layout.
 *
 * Input vector (35 doubles), as the study's DataFrame after get_dummies:
 *   [0..10]  popularity, acousticness, danceability, duration_ms, energy,
 *            instrumentalness, liveness, loudness, speechiness, tempo, valence
 *   [11..34] one-hot scale, in pandas' sorted column order:
 *            A A# A#m Am B Bm C C# C#m Cm D D# D#m Dm E Em F F# F#m Fm G G# G#m Gm */
#ifndef GENRETUI_ENCODE_H
#define GENRETUI_ENCODE_H

#define GT_NCLASSES 10      /* the study's genres (gt_genre_names) */
#define GT_MAX_CLASSES 256  /* classes of a file's own genres (genres.h) */
#define GT_NNUMERIC 11
#define GT_NSCALES  24
#define GT_NINPUTS  (GT_NNUMERIC + GT_NSCALES)

/* Index of each numeric feature in the input vector. */
enum {
	GT_F_POPULARITY, GT_F_ACOUSTICNESS, GT_F_DANCEABILITY, GT_F_DURATION,
	GT_F_ENERGY, GT_F_INSTRUMENTALNESS, GT_F_LIVENESS, GT_F_LOUDNESS,
	GT_F_SPEECHINESS, GT_F_TEMPO, GT_F_VALENCE
};

/* The study's class order: 0 Electronic, 1 Anime, 2 Jazz, 3 Alternative,
 * 4 Country, 5 Rap, 6 Blues, 7 Rock, 8 Classical, 9 Hip-Hop. */
extern const char *const gt_genre_names[GT_NCLASSES];
/* Names of the 35 inputs ("popularity", ..., "scale_A#m", ...). */
extern const char *const gt_input_names[GT_NINPUTS];
/* Scale names in one-hot order ("A", "A#", "A#m", ...). */
extern const char *const gt_scale_names[GT_NSCALES];

/* Pitch class of a key name: "C" 0, "C#" 1, ... "B" 11 (case-insensitive,
 * also accepts flats "Db" etc.), or -1. */
int gt_key_index(const char *key);
/* 1 for "Major", 0 for "Minor" (case-insensitive), or -1. */
int gt_mode_index(const char *mode);

/* A key cell of a data file, in either convention: a note name (as
 * gt_key_index) or the Spotify Web API's integer pitch class, 0 = C ...
 * 11 = B ("5" or "5.0"), where -1 means no key was detected. Returns 1 and
 * sets *pitch, 0 for -1 (unknown), or -1 when it is neither. */
int gt_key_value(const char *s, int *pitch);
/* A mode cell: Major/Minor (case-insensitive) or the API's 1/0 ("1.0" too).
 * Returns 1 major, 0 minor, or -1. */
int gt_mode_value(const char *s);
/* One-hot column (0..23) of a key pitch class and mode, or -1 if invalid. */
int gt_scale_index(int pitch, int major);
/* Pitch class and mode of a one-hot column; returns 0, or -1 if out of range. */
int gt_scale_parts(int scale, int *pitch, int *major);

/* Write the 35-value input vector for 11 numeric values (in GT_F_ order)
 * and a scale column. */
void gt_encode_inputs(const double numeric[GT_NNUMERIC], int scale,
                      double out[GT_NINPUTS]);

#endif
