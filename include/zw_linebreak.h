/* zw_linebreak.h — Knuth–Plass total-fit line breaking over boxes, glue and penalties.
 *
 * A pure function of an item list and the line widths: no fonts, no text.  The paragraph setter
 * (zw_text.h) builds the items; tests build them by hand.
 *
 * Two refinements from pdfTeX.  Font expansion: a line's boxes (its glyphs) may be widened or narrowed
 * by up to the params' limits, in steps; the expansion is chosen first, as far as it reaches, and the
 * glue takes what is left, so the tolerance and the fitness classes see only the glue's share, while the
 * badness counts both (linebreak.c).  Margin
 * kerning (protrusion): a line may reach into the margins by its items' `hang`, which gives it that much
 * more room. */
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
    bool flagged;     /* penalty: a hyphen break (consecutive ones cost extra, and max_hyphens_in_row holds) */
    float hang;       /* box: how far its first character may hang into the left margin when it starts a
                       * line; glue and penalty: how far the line's last character may hang into the right
                       * margin when the line breaks here (pt, >= 0) */
} zw_item;

#define ZW_INF_PENALTY 10000.0

typedef struct zw_break_params {
    double tolerance;       /* max adjustment ratio allowed (TeX's tolerance 200 ~ ratio 1.26); e.g. 2.0 */
    double line_penalty;    /* added to each line's badness (TeX: 10) */
    double hyphen_demerits; /* consecutive flagged breaks (TeX: 10000 → "double hyphen demerits") */
    double fitness_demerits;/* adjacent lines of very different tightness (TeX: 10000) */
    double emergency_stretch; /* extra stretch per line tried when no feasible solution exists (pt) */
    int looseness;          /* 0 = optimum; +1/-1 asks for one line more/less if possible */
    int max_hyphens_in_row; /* consecutive lines ending at flagged breaks allowed (0 = unlimited); only a
                             * line that would otherwise be overfull breaks it (in the final pass) */
    double loose_demerits;  /* two loose lines (ratio > 0.5) in a row: stacked wide spaces make rivers */
    double hyphen_penalty;  /* the penalty of a break at a hyphen (TeX's \hyphenpenalty and \exhyphenpenalty),
                             * for whoever builds the items: the paragraph setter */
    double expand_stretch;  /* font expansion: how far boxes may widen, a fraction of their width (0.02) */
    double expand_shrink;   /* … and narrow (0 and 0: no expansion) */
    double expand_step;     /* expansion comes in multiples of this fraction (0: any amount) */
    double expand_badness;  /* a line expanded to the limit is this many times as bad as one whose glue
                             * is stretched to ratio 1 (linebreak.c) */
    bool greedy;            /* first fit instead of total fit (for comparisons; see bench/) */
} zw_break_params;

zw_break_params zw_break_params_default(void);

/* How a line fits: a line of natural width nat, `boxes` of which font expansion scales, with glue stretch
 * y and shrink z (fil: infinite stretch), set to `width`. */
typedef struct zw_fit {
    double expand;  /* the boxes' expansion: -expand_shrink … +expand_stretch, a multiple of expand_step */
    double ratio;   /* the glue's adjustment ratio for what expansion leaves (<0 shrunk, >0 stretched;
                     * ±INFINITY when there is no glue to take it) */
    double excess;  /* how much wider than `width` the line stays at its tightest (pt; 0 when it fits) */
} zw_fit;

zw_fit zw_line_fit(const zw_break_params *p, double width, double nat, double boxes, double y, double z, bool fil);

typedef struct zw_break {
    size_t at;      /* index of the item the line ends at (a glue or penalty), or n for the end */
    double ratio;   /* the glue's adjustment ratio of the line ending here (<0 shrunk, >0 stretched) */
    double expand;  /* its font expansion (see zw_fit) */
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

/* Greedy first-fit breaking over the same items, for comparison (bench/); of p only the expansion
 * limits are used. */
size_t zw_linebreak_greedy(const zw_item *items, size_t n, const double *widths, size_t nwidths,
                           const zw_break_params *p, zw_break **out);

#endif
