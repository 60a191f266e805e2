/* zw_text.h — the paragraph setter: inline spans → lines of positioned fragments.
 *
 * Turns a zw_text (styled spans, note marks) into Knuth–Plass items with the fonts' real widths and
 * hyphenation, breaks them into lines of a given measure and places every word on its line according to
 * the alignment.  Vertical placement is layout's business; a line only knows its own height. */
#ifndef ZW_TEXT_H
#define ZW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_font.h"
#include "zw_hyphen.h"
#include "zw_linebreak.h"
#include "zw_model.h"

/* Margin kerning (character protrusion): how far a character hangs into the margin where it starts a
 * line (left) or ends one (right), in thousandths of its own width, for U+0000–U+00FF and U+2000–U+20FF
 * (general punctuation: dashes, quotes); other characters never hang. */
#define ZW_PROTRUSION_SLOTS 512
typedef struct zw_protrusion {
    uint16_t left[ZW_PROTRUSION_SLOTS], right[ZW_PROTRUSION_SLOTS];
} zw_protrusion;

/* The slot of cp in a zw_protrusion, or -1 when cp never hangs. */
static inline int zw_protrusion_slot(uint32_t cp) {
    return cp < 0x100 ? (int)cp : cp >= 0x2000 && cp < 0x2100 ? (int)(cp - 0x2000 + 0x100) : -1;
}

/* The built-in amounts: hyphens, dashes, full stops, commas, colons, quotes and brackets, much as the
 * LaTeX microtype package's defaults (see docs/layout-format.md). */
void zw_protrusion_default(zw_protrusion *p);

/* How one paragraph is set. */
typedef struct zw_parstyle {
    int face[4];          /* faces for regular, bold, italic, bold italic (index = ZW_BOLD|ZW_ITALIC) */
    double size;          /* pt */
    zw_align align;       /* LEFT, RIGHT, CENTER or JUSTIFY (DECIMAL is treated as RIGHT) */
    double indent_first;  /* first-line indent, pt (may be negative for hanging labels) */
    double sup_scale;     /* superscript size / size, e.g. 0.65 */
    double sup_rise;      /* superscript baseline shift up, as a fraction of size, e.g. 0.35 */
    bool hyphenate;       /* use the hyphenator (if one is given) */
    zw_break_params brk;  /* Knuth–Plass parameters, with the font expansion limits (justified text only) */
    const zw_protrusion *protrude;  /* margin kerning of justified text; NULL: none */
} zw_parstyle;

/* A piece of a line in one face and size: one word (or part of one) or a footnote mark. */
typedef struct zw_frag {
    double x;             /* from the start of the line's measure, pt */
    double w;             /* advance width, pt */
    int face;
    double size;
    double rise;          /* baseline shift up, pt (superscripts) */
    const char *text;     /* UTF-8, not NUL-terminated: borrowed from the span's text (which must outlive
                           * the line) or arena-owned; includes a trailing "-" when the word was hyphenated */
    size_t len;
    zw_pos pos;           /* the span it came from … */
    const zw_span *span;  /* … that span (its style; a link's href; a footnote mark's NOTE_REF span) */
} zw_frag;

/* The note of a fragment that is a footnote mark; NULL for any other. */
static inline const zw_note *zw_frag_note(const zw_frag *f) {
    return f->span && f->span->kind == ZW_SPAN_NOTE_REF ? f->span->note : NULL;
}

typedef struct zw_line {
    zw_frag *frags;
    size_t n;
    double width;         /* right edge of the last fragment, pt (beyond the measure by hang_right) */
    double ratio;         /* the glue's adjustment ratio (0 for ragged lines set naturally) */
    double expand;        /* font expansion: every fragment is drawn 1 + expand times as wide (0.015 = 1.5 %) */
    double hang_left;     /* how far the first character hangs into the left margin (margin kerning), pt */
    double hang_right;    /* how far the last one hangs into the right margin, pt */
    bool hyphen;          /* ends in a hyphen: one added by hyphenation or the word's own ("Wmo-") */
    bool last;            /* the paragraph's last line */
    bool justified;       /* set to the full measure (not ragged) */
    double measure;       /* the width available to the line, pt (from the measure's start) */
    double ascent;        /* highest glyph extent above the baseline, pt (superscripts included) */
    double descent;       /* lowest below, pt (positive) */
    bool in_word;         /* breaks inside a word (hyphenation, after an explicit hyphen, an emergency break):
                           * the next line continues the word */
    bool soft_hyphen;     /* the hyphen it ends in was added by hyphenation (the PDF writes U+00AD for it) */
} zw_line;

/* Widths closer than this (pt) are the same width: the PDF places text in thousandths of an em, so a
 * difference below it can never show, while arithmetic on widths (a column's width less its padding)
 * leaves differences of 1e-15 that must not make a word "wider than the measure". */
#define ZW_WIDTH_EPS 0.001

/* Growable work buffers the setter reuses from one paragraph to the next (opaque, malloc'd). */
typedef struct zw_set_scratch zw_set_scratch;

typedef struct zw_setter {
    zw_arena *arena;
    zw_diags *diags;
    const zw_metrics *metrics;
    zw_hyphenator *hyph;  /* may be NULL: no hyphenation */
    zw_set_scratch *scratch; /* may be NULL: every call allocates (and frees) its own work buffers */
    zw_arena *lines;      /* may be NULL: lines and their fragment arrays go to `arena`; else here, and
                           * the owner resets it once no set line is in use (their texts stay in `arena`) */
    /* The text a footnote mark prints (its label, which layout assigns before setting; borrowed), or NULL
     * when it has none: the mark then prints "?".  NULL: no mark has a label. */
    const char *(*mark)(void *ctx, const zw_note *n);
    void *mark_ctx;
} zw_setter;

/* Work buffers for zw_setter.scratch: NULL when out of memory (the setter then works without). */
zw_set_scratch *zw_set_scratch_new(void);
void zw_set_scratch_drop(zw_set_scratch *sc);   /* NULL is fine */

/* Set a paragraph into lines of width `measure` (pt).  Footnote marks print what s->mark gives.  Words wider than the measure are hyphenated or, as a last resort, broken
 * with a warning at their position.  Returns false only when out of memory. */
bool zw_set_paragraph(const zw_setter *s, const zw_parstyle *st, const zw_text *t, double measure,
                      zw_line **lines, size_t *nlines);

/* Natural width of the widest unbreakable word (min-content) and of the whole text on one line
 * (max-content), for automatic table column widths; false only when out of memory. */
bool zw_text_extent(const zw_setter *s, const zw_parstyle *st, const zw_text *t, double *min_w,
                    double *max_w);

/* A hash of s[0..n) mixed into seed (the rest of a cache's key: face, size …), never 0: eight bytes at a
 * time, the tail read as the last eight bytes (overlapping) or the first and last four.  For the caches of
 * short keys (words, fragments) in text and layout. */
static inline uint32_t zw_key_hash(uint64_t seed, const char *s, size_t n) {
    const uint64_t k = 0x9E3779B97F4A7C15ULL;
    uint64_t h = seed * k, w;
    size_t len = n;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * k;
        h ^= h >> 29;
    }
    if (n && len >= 8) {
        memcpy(&w, s + n - 8, 8);
    } else if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        w = (uint64_t)hi << 32 | lo;
    } else {
        w = 0;
        for (size_t i = 0; i < n; i++) w = w << 8 | (unsigned char)s[i];
    }
    h = (h ^ w ^ (uint64_t)len << 56) * k;
    uint32_t r = (uint32_t)(h ^ h >> 32);
    return r ? r : 1;
}

#endif
