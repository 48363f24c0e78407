/* features_view.h: what the Features pane shows, without curses.
 *
 * A feature's values on one horizontal scale of `width` terminal columns:
 * box plots (one per genre, on the same scale), the column counts of a
 * histogram, the shares of a categorical feature's levels; the shades of a
 * correlation grid; the order of the feature list; units, level names and
 * the texts of numbers. The statistics themselves are featstats.h's and
 * importance.h's; this module only lays them out.
 *
 * The scale: column c (0..width-1) holds the values v with
 * edge(c) <= v < edge(c + 1), edge(c) = lo + (hi - lo) c / width, the last
 * column also hi itself (numpy.histogram's bins, one per column). */
#ifndef GENRETUI_FEATURES_VIEW_H
#define GENRETUI_FEATURES_VIEW_H

#include <stddef.h>

#include "genretui/featstats.h"
#include "genretui/importance.h"

/* ---- The scale */

typedef struct {
	double lo, hi;               /* lo < hi (gt_fv_scale_make widens a point) */
	int width;                   /* columns, >= 1 */
} gt_fv_scale;

/* A scale over [lo, hi] of width columns (at least 1); lo == hi is widened
 * by 0.5 each way, as numpy.histogram does. */
gt_fv_scale gt_fv_scale_make(double lo, double hi, int width);

/* Whether every known value of feature f is a whole number (popularity,
 * duration in ms, key, mode): 0 when it has no values. */
int gt_fv_integral(const gt_featstats *fs, int f);

/* The scale of [lo, hi] in at most width columns: for a whole-numbered
 * feature whose values fit, one column per value (lo - 0.5 .. hi + 0.5,
 * hi - lo + 1 columns), so that no column falls between two values and
 * shows empty; else gt_fv_scale_make(lo, hi, width). */
gt_fv_scale gt_fv_scale_fit(double lo, double hi, int width, int integral);

/* How many whole numbers column c of sc holds (a histogram of whole values
 * divides by it, so that columns of two values and of three compare). */
int gt_fv_wholes(const gt_fv_scale *sc, int c);

/* Left edge of column c (c may be width: the right end, hi). */
double gt_fv_edge(const gt_fv_scale *sc, int c);

/* The column of v: -1 below lo (or NaN), width above hi. */
int gt_fv_col(const gt_fv_scale *sc, double v);

/* Per-column counts of n sorted values (binary search over the edges), added
 * to counts[0..width-1]; values outside the scale are added to *below and
 * *above. The same as gt_fv_col on every value (the plain reference). */
void gt_fv_count_sorted(const gt_fv_scale *sc, const double *v, size_t n, long *counts,
                        size_t *below, size_t *above);

/* ---- Box plots */

/* Where the whiskers end: Tukey's rule (matplotlib's boxplot, whis=1.5: the
 * furthest values within 1.5 IQR of the box; the values beyond are
 * "fliers"), or the minimum and maximum. */
typedef enum { GT_FV_TUKEY, GT_FV_MINMAX } gt_fv_whisk;

typedef struct {
	size_t n;                    /* values (0: nothing to draw) */
	double wlo, q1, median, q3, whi;
	size_t below, above;         /* fliers beyond each whisker (Tukey) */
} gt_fv_box;

/* The box of genre g of feature f (g = -1: all rows): its quartiles from
 * featstats, its whiskers by rule. */
void gt_fv_box_of(gt_fv_box *b, const gt_featstats *fs, int f, int g, gt_fv_whisk rule);

/* What a cell of a box-plot row holds. */
typedef enum {
	GT_FV_EMPTY,                 /* nothing */
	GT_FV_WHISKER,               /* the line between a whisker end and the box */
	GT_FV_WHISKER_LO,            /* the lower whisker's end */
	GT_FV_WHISKER_HI,            /* the upper whisker's end */
	GT_FV_BOX,                   /* inside the box, Q1..Q3 */
	GT_FV_MEDIAN,                /* the median (drawn over the box) */
	GT_FV_FLIER,                 /* a value beyond a whisker, within the scale */
	GT_FV_BEYOND_LO,             /* values left of the scale (column 0) */
	GT_FV_BEYOND_HI,             /* values right of the scale (last column) */
	GT_FV_NGLYPHS
} gt_fv_glyph;

/* The row of box b (gt_fv_box_of of the same f and g) on scale sc into
 * out[0..w-1], w the smaller of sc->width and 1024. Laid down in this
 * order, each over the last: the whisker line, the whisker ends, the box,
 * the median; then the fliers on the cells still empty, and the marks of
 * values beyond the scale at its ends. Parts off the scale are clipped. */
void gt_fv_box_row(const gt_fv_box *b, const gt_featstats *fs, int f, int g,
                   const gt_fv_scale *sc, unsigned char *out);

/* A glyph as text: UTF-8 box-drawing when utf8 (" ─├┤▒█·◂▸"), else ASCII
 * (" -||=#.<>"). */
const char *gt_fv_glyph_text(gt_fv_glyph g, int utf8);

/* The scale the box plots of feature f share: the lowest and highest
 * whisker end of every genre's box and of all rows' under rule (so with
 * GT_FV_MINMAX, the training range). */
void gt_fv_box_range(const gt_featstats *fs, int f, gt_fv_whisk rule, double *lo, double *hi);

/* Per-column counts of genre g's values of feature f (g = -1: all rows)
 * on sc, added to counts[0..width-1], *below and *above. */
void gt_fv_count_feature(const gt_featstats *fs, int f, int g, const gt_fv_scale *sc,
                         long *counts, size_t *below, size_t *above);

/* ---- Vertical bars (a histogram `rows` cells high) */

/* Height in eighths of a cell (0..8 rows) of count against peak: at least
 * one eighth when count > 0, so that no bin with values looks empty. */
int gt_fv_bar_eighths(long count, long peak, int rows);

/* The cell `row` rows above the bottom of a bar `eighths` high: UTF-8 block
 * " ▁▂▃▄▅▆▇█", else ' ', '.' (1 to 3 eighths), ':' (4 to 7) or '#' (full). */
const char *gt_fv_bar_cell(int eighths, int row, int utf8);

/* ---- Importance bars */

/* What a cell of an importance bar holds. */
typedef enum {
	GT_FV_IMP_EMPTY,
	GT_FV_IMP_BAR,               /* 0 .. mean - sd */
	GT_FV_IMP_SD,                /* mean - sd .. mean, inside the bar */
	GT_FV_IMP_WHISKER,           /* mean .. mean + sd, beyond the bar */
	GT_FV_IMP_END,               /* the whisker's end, mean + sd */
	GT_FV_IMP_NCELLS
} gt_fv_imp_cell;

/* A bar of a mean drop with its standard deviation on a scale of width
 * cells for 0..top: cell c covers [c, c + 1) top / width; the bar fills
 * the cells below round(mean / top * width), the part within one sd of
 * the mean lighter, and a whisker runs on to round((mean + sd) / top *
 * width), its last cell marked. A mean at or below 0 draws no bar. */
void gt_fv_imp_bar(double mean, double sd, double top, int width, unsigned char *out);

/* A cell as text: UTF-8 " █▒─┤", else " #=-|". */
const char *gt_fv_imp_text(gt_fv_imp_cell c, int utf8);

/* ---- Shades */

/* Correlation shade 0..4 by |r|: below 0.1, 0.3, 0.5, 0.7, then 0.7..1;
 * -1 for NaN (a blank cell). */
#define GT_FV_SHADES 5
int gt_fv_corr_shade(double r);
/* The lower |r| of a shade (0, 0.1, 0.3, 0.5, 0.7), for the legend. */
double gt_fv_corr_floor(int shade);

/* A coefficient in 4 cells: "+.84", "-.07", " .00" (below 0.005 either
 * way), "1.00" and "-1.0" (from 0.995), "" for NaN. Returns the length. */
int gt_fv_corr_text(char *buf, size_t n, double r);

/* ---- The feature list */

typedef enum { GT_FV_BY_F, GT_FV_BY_MI, GT_FV_BY_IMPORTANCE, GT_FV_BY_NAME, GT_FV_NSORTS } gt_fv_sort;

/* "F", "MI", "importance", "name". */
const char *gt_fv_sort_name(gt_fv_sort by);

/* Index in imp of feature f of fs (same name), or -1 (imp NULL, or no such
 * feature). */
int gt_fv_importance_index(const gt_featstats *fs, const gt_importance *imp, int f);

/* Feature indices into order[fs->nf]: by F, MI (featstats' order) or name;
 * by importance (imp's mean drop, largest first; features imp lacks, or all
 * of them when imp is NULL, after in F order). */
void gt_fv_order(const gt_featstats *fs, const gt_importance *imp, gt_fv_sort by, int *order);

/* Position of feature f in order[n], or 0. */
int gt_fv_position(const int *order, int n, int f);

/* ---- Words and numbers */

/* Unit of a feature named as the study's file names it: "0-100"
 * (popularity), "ms", "dB", "BPM", "0-1" (the other numeric features),
 * "pitch class" (key), "" (mode, and features this does not know). */
const char *gt_fv_unit(const char *name);

/* The name of level l of a categorical feature: key "C", "C#", .. "B";
 * mode "Minor", "Major"; else the number. Returns buf. */
const char *gt_fv_level_name(const char *name, int l, char *buf, size_t n);

/* A value as the axis and the summaries show it: whole numbers with
 * thousands separators from 1,000 up, one decimal from 10, else three
 * significant digits; trailing zeros of the fraction dropped ("229,133",
 * "-17.2", "91", "-7.21", "0.25"). Returns buf. */
char *gt_fv_value(char *buf, size_t n, double v);

/* Feature f's name as a label of at most cells terminal cells for the
 * lists and the grid's rows, cut at its words and told apart from the
 * other features' names (gt_fmt_label, textfmt.h): GTZAN's
 * zero_crossing_rate_mean and _var in 16 cells are "zero~_rate_mean" and
 * "zero~_rate_var", where a plain cut made both "zero_crossing_ra".
 * The name itself when it fits. Not padded. Returns buf. */
char *gt_fv_name_label(char *buf, size_t n, const gt_featstats *fs, int f, int cells,
                       const char *mark);

/* The correlation grid's column headings, at most GT_FV_HEAD_CELLS cells
 * each and no two alike (gt_fmt_headings, textfmt.h): the study's
 * features keep their first 4 characters ("popu", "acou", "key"),
 * GTZAN's, alike in them, are abbreviated at their words ("chsm" "chsv"
 * for chroma_stft_mean and _var, "mf1m" .. "m20v" for the MFCCs).
 * Heading f into heads[f]. Returns 0, or -1 when out of memory (the
 * headings are then the names' first 4 characters). */
#define GT_FV_HEAD_CELLS 4
typedef char gt_fv_head[4 * GT_FV_HEAD_CELLS + 1];
int gt_fv_headings(const gt_featstats *fs, gt_fv_head *heads);

#endif
