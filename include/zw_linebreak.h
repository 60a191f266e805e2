/* zw_linebreak.h — Knuth–Plass total-fit line breaking over boxes, glue and penalties.
 *
 * A pure function of an item list and the line widths: no fonts, no text.  The paragraph setter
 * (zw_text.h) builds the items; tests build them by hand. */
#ifndef ZW_LINEBREAK_H
#define ZW_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

typedef enum zw_item_kind { ZW_BOX, ZW_GLUE, ZW_PENALTY } zw_item_kind;

typedef struct zw_item {
    zw_item_kind kind;
    double width;     /* box/glue natural width; penalty: width added if the line breaks here (hyphen) */
    double stretch;   /* glue */
    double shrink;    /* glue */
    double penalty;   /* penalty; >= ZW_INF_PENALTY forbids, <= -ZW_INF_PENALTY forces a break */
    bool flagged;     /* penalty: a hyphen break (consecutive ones cost extra) */
} zw_item;

#define ZW_INF_PENALTY 10000.0

typedef struct zw_break_params {
    double tolerance;       /* max adjustment ratio allowed (TeX's tolerance 200 ~ ratio 1.26); e.g. 2.0 */
    double line_penalty;    /* added to each line's badness (TeX: 10) */
    double hyphen_demerits; /* consecutive flagged breaks (TeX: 10000 → "double hyphen demerits") */
    double fitness_demerits;/* adjacent lines of very different tightness (TeX: 10000) */
    double emergency_stretch; /* extra stretch per line tried when no feasible solution exists (pt) */
    int looseness;          /* 0 = optimum; +1/-1 asks for one line more/less if possible */
    int max_hyphens_in_row; /* consecutive hyphenated lines allowed (0 = unlimited) */
    bool greedy;            /* first fit instead of total fit (for comparisons; see bench/) */
} zw_break_params;

zw_break_params zw_break_params_default(void);

typedef struct zw_break {
    size_t at;      /* index of the item the line ends at (a glue or penalty), or n for the end */
    double ratio;   /* adjustment ratio of the line ending here (<0 shrunk, >0 stretched) */
    bool hyphen;    /* ends at a flagged penalty */
} zw_break;

/* Break items[0..n) into lines of width `widths[i]` (line i; the last entry repeats).  The list should
 * end with the usual finishing glue and forced break.  Writes the breaks (one per line, in order) into
 * a malloc'd array *out and returns the count; 0 only when n == 0.  Never fails to produce lines: when
 * no feasible break sequence exists even with emergency stretch, the least bad one is chosen and
 * *overfull (if non-NULL) is set to true.  Returns (size_t)-1 on out of memory. */
size_t zw_linebreak(const zw_item *items, size_t n, const double *widths, size_t nwidths,
                    const zw_break_params *p, zw_break **out, bool *overfull);

/* Work buffers that zw_linebreak_with reuses from one call to the next (opaque, malloc'd). */
typedef struct zw_break_work zw_break_work;

zw_break_work *zw_break_work_new(void);       /* NULL when out of memory */
void zw_break_work_drop(zw_break_work *w);    /* NULL is fine */

/* zw_linebreak with the work buffers of w (NULL: buffers of its own, freed before returning).  The
 * result does not depend on w; only the mallocs do. */
size_t zw_linebreak_with(zw_break_work *w, const zw_item *items, size_t n, const double *widths, size_t nwidths,
                         const zw_break_params *p, zw_break **out, bool *overfull);

/* Greedy first-fit breaking over the same items, for comparison (bench/). */
size_t zw_linebreak_greedy(const zw_item *items, size_t n, const double *widths, size_t nwidths,
                           zw_break **out);

#endif
