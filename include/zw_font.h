/* zw_font.h — fonts: a registry of TrueType faces and the measuring interface layout uses.
 *
 * Layout never touches a font file: it measures through zw_metrics, a table of functions over face
 * numbers.  zw_fonts (src/font.c, HarfBuzz) implements it for real TrueType files, with the fonts' own
 * advance widths and kerning; tests implement it with a fixed-width fake font so expected line breaks
 * can be worked out by hand. */
#ifndef ZW_FONT_H
#define ZW_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zw_diag.h"

/* Measuring interface.  `face` is a face number handed out by the registry; sizes are in pt. */
typedef struct zw_metrics {
    void *ctx;
    /* Advance width in pt of UTF-8 text set in one face at one size, kerning included. */
    double (*width)(void *ctx, int face, double size, const char *s, size_t n);
    /* Kerning between two adjacent characters, in 1/1000 em (negative = closer); 0 when none. */
    double (*kern)(void *ctx, int face, uint32_t left, uint32_t right);
    /* Ascender and descender (positive, below the baseline) in 1/1000 em. */
    double (*ascent)(void *ctx, int face);
    double (*descent)(void *ctx, int face);
    /* Whether the face has a glyph for the character. */
    bool (*covers)(void *ctx, int face, uint32_t cp);
} zw_metrics;

typedef struct zw_fonts zw_fonts;

zw_fonts *zw_fonts_new(void);                 /* NULL when out of memory */
void zw_fonts_drop(zw_fonts *f);

/* Load a TrueType file (once: the same path gives the same face).  Returns the face number, or -1 after
 * reporting at `pos` that the file is missing, unreadable or not a TrueType font. */
int zw_fonts_load(zw_fonts *f, zw_diags *d, const char *path, zw_pos pos);

size_t zw_fonts_count(const zw_fonts *f);
const char *zw_fonts_path(const zw_fonts *f, int face);   /* borrowed */
zw_metrics zw_fonts_metrics(zw_fonts *f);                 /* the measuring interface over f */

#endif
