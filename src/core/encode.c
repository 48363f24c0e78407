/* encode.c: the study's genre order, keys, modes and the one-hot scale layout. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "genretui/encode.h"

const char *const gt_genre_names[GT_NCLASSES] = {
	"Electronic", "Anime", "Jazz", "Alternative", "Country",
	"Rap", "Blues", "Rock", "Classical", "Hip-Hop"
};

/* pandas.get_dummies sorts the scale names as strings: '#' < 'm' < letters
 * after the root, so "A" < "A#" < "A#m" < "Am". */
const char *const gt_scale_names[GT_NSCALES] = {
	"A", "A#", "A#m", "Am", "B", "Bm", "C", "C#", "C#m", "Cm", "D", "D#",
	"D#m", "Dm", "E", "Em", "F", "F#", "F#m", "Fm", "G", "G#", "G#m", "Gm"
};

const char *const gt_input_names[GT_NINPUTS] = {
	"popularity", "acousticness", "danceability", "duration_ms", "energy",
	"instrumentalness", "liveness", "loudness", "speechiness", "tempo",
	"valence",
	"scale_A", "scale_A#", "scale_A#m", "scale_Am", "scale_B", "scale_Bm",
	"scale_C", "scale_C#", "scale_C#m", "scale_Cm", "scale_D", "scale_D#",
	"scale_D#m", "scale_Dm", "scale_E", "scale_Em", "scale_F", "scale_F#",
	"scale_F#m", "scale_Fm", "scale_G", "scale_G#", "scale_G#m", "scale_Gm"
};

int gt_key_index(const char *key)
{
	static const int natural[7] = { 9, 11, 0, 2, 4, 5, 7 }; /* A..G */
	int root, pc;

	if (!key || !*key)
		return -1;
	root = toupper((unsigned char)key[0]);
	if (root < 'A' || root > 'G')
		return -1;
	pc = natural[root - 'A'];
	if (key[1] == '#')
		pc += 1;
	else if (key[1] == 'b' || key[1] == 'B')
		pc += 11;
	else if (key[1] != '\0')
		return -1;
	if (key[1] != '\0' && key[2] != '\0')
		return -1;
	return pc % 12;
}

int gt_mode_index(const char *mode)
{
	if (!mode)
		return -1;
	if (strcmp(mode, "Major") == 0)      /* as the file spells them */
		return 1;
	if (strcmp(mode, "Minor") == 0)
		return 0;
	if (strcasecmp(mode, "major") == 0)
		return 1;
	if (strcasecmp(mode, "minor") == 0)
		return 0;
	return -1;
}

/* An integer written in a cell: [-]digits, then optionally a point and
 * zeros ("5", "-1", "5.0"; no blanks, as pandas writes them). Its value if
 * it is -1 .. 11, else -2. */
static int small_int(const char *s)
{
	int neg = *s == '-', v = 0, digits = 0;

	for (s += neg; *s >= '0' && *s <= '9'; s++, digits++)
		if ((v = v * 10 + (*s - '0')) > 11)
			return -2;
	if (*s == '.')
		while (*++s == '0')
			;
	if (!digits || *s)
		return -2;
	v = neg ? -v : v;
	return v >= -1 ? v : -2;
}

int gt_key_value(const char *s, int *pitch)
{
	int v;

	if (!s)
		return -1;
	v = gt_key_index(s);
	if (v < 0)
		v = small_int(s);
	if (v == -1)
		return 0;
	if (v < 0)
		return -1;
	*pitch = v;
	return 1;
}

int gt_mode_value(const char *s)
{
	int v = gt_mode_index(s);

	if (v < 0 && s)
		v = small_int(s);
	return v == 0 || v == 1 ? v : -1;
}

/* One-hot column of each pitch class (C = 0), minor then major: the
 * position of e.g. "C#m" and "C#" in gt_scale_names (checked by
 * test_encode against gt_scale_parts, which reads the names). A table,
 * because cleaning asks this for every row. */
static const signed char scale_columns[12][2] = {
	{ 9, 6 }, { 8, 7 }, { 13, 10 }, { 12, 11 }, { 15, 14 }, { 19, 16 },
	{ 18, 17 }, { 23, 20 }, { 22, 21 }, { 3, 0 }, { 2, 1 }, { 5, 4 }
};

int gt_scale_index(int pitch, int major)
{
	if (pitch < 0 || pitch > 11 || (major != 0 && major != 1))
		return -1;
	return scale_columns[pitch][major];
}

int gt_scale_parts(int scale, int *pitch, int *major)
{
	const char *name;
	size_t len;
	char root[3];

	if (scale < 0 || scale >= GT_NSCALES)
		return -1;
	name = gt_scale_names[scale];
	len = strlen(name);
	*major = name[len - 1] != 'm';
	memcpy(root, name, 2);
	root[*major ? len : len - 1] = '\0';
	*pitch = gt_key_index(root);
	return 0;
}

void gt_encode_inputs(const double numeric[GT_NNUMERIC], int scale,
                      double out[GT_NINPUTS])
{
	for (int i = 0; i < GT_NNUMERIC; i++)
		out[i] = numeric[i];
	for (int s = 0; s < GT_NSCALES; s++)
		out[GT_NNUMERIC + s] = (s == scale) ? 1.0 : 0.0;
}
