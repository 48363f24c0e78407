/* dataset.h: the raw CSV table, loaded with libcsv, every cell kept as text.
 *
 * The table keeps every column of the file's header, in the file's order
 * (column j is header field j, 0-based), with the header's names. Among
 * them it finds the 18 columns the study knows, by header name in any order,
 * or under the names a gt_colmap gives them (--map, colmap.h): ds->field[c]
 * is the file column of study column c, -1 when the header lacks it, and
 * ds->study_missing says which of the 14 musical columns it lacks. Loading
 * does not need them: gt_dataset_require_study says, as the loader once did,
 * that a file without them cannot be read as the study's. Every data record
 * of the file becomes one row, even a broken one: rows whose field count
 * differs from the header's are kept (missing cells read as "", surplus
 * fields dropped) and flagged, so that cleaning can count them with their
 * line numbers instead of losing them. */
#ifndef GENRETUI_DATASET_H
#define GENRETUI_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "genretui/status.h"

/* Columns in the order of the real file's header. */
#define GT_COLUMN_LIST(X)                          \
	X(GT_COL_INSTANCE_ID,      "instance_id")      \
	X(GT_COL_ARTIST,           "artist_name")      \
	X(GT_COL_TRACK,            "track_name")       \
	X(GT_COL_POPULARITY,       "popularity")       \
	X(GT_COL_ACOUSTICNESS,     "acousticness")     \
	X(GT_COL_DANCEABILITY,     "danceability")     \
	X(GT_COL_DURATION,         "duration_ms")      \
	X(GT_COL_ENERGY,           "energy")           \
	X(GT_COL_INSTRUMENTALNESS, "instrumentalness") \
	X(GT_COL_KEY,              "key")              \
	X(GT_COL_LIVENESS,         "liveness")         \
	X(GT_COL_LOUDNESS,         "loudness")         \
	X(GT_COL_MODE,             "mode")             \
	X(GT_COL_SPEECHINESS,      "speechiness")      \
	X(GT_COL_TEMPO,            "tempo")            \
	X(GT_COL_OBTAINED_DATE,    "obtained_date")    \
	X(GT_COL_VALENCE,          "valence")          \
	X(GT_COL_GENRE,            "music_genre")

typedef enum {
#define GT_COLUMN_ENUM(id, name) id,
	GT_COLUMN_LIST(GT_COLUMN_ENUM)
#undef GT_COLUMN_ENUM
	GT_NCOLS
} gt_column;

/* Header names, indexed by gt_column. */
extern const char *const gt_column_names[GT_NCOLS];

struct gt_colmap;

typedef struct {
	char *path;          /* name given to the loader (for messages) */
	int ncols;           /* columns: the header's fields (= header_fields) */
	char **names;        /* ncols: each column's header name, as the file
	                        has it but for blanks (and a CR) around it; may
	                        hold any bytes: gt_column_label makes it safe */
	int field[GT_NCOLS]; /* file column (0-based) of each study column; -1
	                        when the header lacks it */
	uint32_t study_missing; /* bit c: the header lacks musical column c
	                        (gt_column_required), so the file is not the
	                        study's (gt_dataset_require_study) */
	char *colname[GT_NCOLS];   /* header name of a column read under another
	                              name (--map), else NULL */
	size_t nrows;        /* data records read, header excluded */
	uint32_t *row_at;    /* nrows: arena offset of the row's cells, which lie
	                        together, NUL-terminated, in the file's field
	                        order: one for each field of a column (an empty
	                        field too) that the record has */
	uint16_t *cell_at;   /* nrows * ncols, row-major: where each cell begins,
	                        from row_at; GT_CELL_FAR when it begins that far
	                        or further in, or the record lacks the field (see
	                        gt_cell_col). Two bytes a cell: a row of 60
	                        numbers (700 bytes) has every cell at hand */
	long *line;          /* nrows: 1-based file line on which each record starts */
	int *nfields;        /* nrows: fields the record actually had */
	int header_fields;   /* fields in the header line */
	int has_bom;         /* the file began with a UTF-8 byte-order mark */
	int crlf;            /* at least one CRLF line ending was seen */
	char *arena;         /* the text of every kept cell (under 4 GiB) */
	/* private storage */
	size_t arena_len, arena_cap;
	size_t rows_cap;
	void *rows_block;    /* line, row_at, nfields and cell_at, rows_cap of
	                        each, in one block (NULL: they lie in one the
	                        dataset does not own) */
} gt_dataset;

/* Is column c required in every file (a musical column)? */
int gt_column_required(gt_column c);

/* A file of a megabyte or more is read in parts of about this many bytes,
 * cut after line ends, several at a time (dataset_parts.c); the rows are
 * the same as those of one reading (tests/test_dataset.c). */
#define GT_LOAD_PART ((size_t)512 << 10)

/* Load path into ds (which is initialised here). On failure ds is left empty
 * and err says what went wrong and where (file:line). Fails for a missing or
 * unreadable file, an empty file, a header lacking a column that --map
 * names (with the message of gt_dataset_require_study), a duplicated column
 * name (non-empty; both field numbers named), a CSV syntax
 * error (e.g. an unterminated quote), which names the line, or a file that
 * is not CSV text: UTF-16, a NUL byte (line and field named), or a first
 * line of binary data with none of the columns, or (GT_ERR_IO) a regular
 * file that changed while it was read: truncated, emptied, rewritten or
 * grown (its size or modification time differ after the reading, or the
 * bytes read differ from its size), which is never taken as the rows read
 * so far. File names and text from
 * the file appear in messages escaped (gt_text_safe): a message is safe to
 * print to a terminal. A file with a header and no rows loads (nrows 0). */
gt_status gt_dataset_load(gt_dataset *ds, const char *path, gt_error *err);

/* Same, from a memory buffer; name is used in messages. */
gt_status gt_dataset_parse(gt_dataset *ds, const char *buf, size_t len,
                           const char *name, gt_error *err);

/* The same with columns named by map (NULL: the study's names), a big file
 * read in parts by up to `threads` threads at once (1: in one pass, the
 * plain reference; <= 0: every CPU this process may use, as
 * gt_dataset_load does). */
gt_status gt_dataset_load_mapped(gt_dataset *ds, const char *path,
                                 const struct gt_colmap *map, int threads,
                                 gt_error *err);
gt_status gt_dataset_parse_mapped(gt_dataset *ds, const char *buf, size_t len,
                                  const char *name, const struct gt_colmap *map,
                                  gt_error *err);

void gt_dataset_free(gt_dataset *ds);

/* The row whose record spans file line `line` (the header is line 1; a
 * record runs from its own line up to the line before the next record's),
 * or GT_NO_ROW: the header, a line before it, or one past the last
 * record's first line (where that record ends is not kept). */
#define GT_NO_ROW ((size_t)-1)
size_t gt_dataset_row_of_line(const gt_dataset *ds, long line);

/* GT_OK if the header has the study's 14 musical columns; else fails
 * (GT_ERR_COLUMN) naming every one it lacks, with the header's look-alike
 * names (e.g. a field "Danceability"), then suggests --map and lists the
 * header's names, all shown escaped. Callers that read a file as the
 * study's call it right after loading. */
gt_status gt_dataset_require_study(const gt_dataset *ds, gt_error *err);

/* Header name of file column j made safe for a terminal (gt_text_safe),
 * cut to at most `width` cells, into out; "" names become "#N" (N: the
 * 1-based field number). Returns out. */
const char *gt_column_label(const gt_dataset *ds, int j, char *out, size_t outsz,
                            size_t width);

/* The name column c has in the file: its --map name, else its own. */
static inline const char *gt_column_name(const gt_dataset *ds, gt_column c)
{
	return ds->colname[c] ? ds->colname[c] : gt_column_names[c];
}

/* The text of row r's cells, which lie together in the arena, each
 * NUL-terminated, in the file's field order: *len bytes from the pointer
 * returned (the last NUL not counted); NULL and 0 if the record has no
 * field of a column. (To scan a row at once, e.g. the Browse search.) */
const char *gt_row_text(const gt_dataset *ds, size_t r, size_t *len);

/* Cells that begin this many bytes or more into their row's text (and
 * cells the record lacks) are found by gt_cell_far: rare, since a row of
 * the real file takes about 150 bytes, and one of 60 numbers about 700. */
#define GT_CELL_FAR 0xFFFFu

/* Cell text of row r, file column j found by walking the row's cells; ""
 * when the record lacks the field. */
const char *gt_cell_far(const gt_dataset *ds, size_t r, int j);

/* Cell text of row r, file column j (0 <= j < ds->ncols); "" when empty or
 * when the record lacks the field. */
static inline const char *gt_cell_col(const gt_dataset *ds, size_t r, int j)
{
	unsigned at = ds->cell_at[r * (size_t)ds->ncols + (size_t)j];

	return at < GT_CELL_FAR ? ds->arena + ds->row_at[r] + at : gt_cell_far(ds, r, j);
}

/* Cell text of row r, study column c; "" when empty or absent. */
static inline const char *gt_cell(const gt_dataset *ds, size_t r, gt_column c)
{
	int j = ds->field[c];

	return j >= 0 ? gt_cell_col(ds, r, j) : "";
}

#endif
