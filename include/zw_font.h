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

#include "zw_arena.h"
#include "zw_diag.h"
#include "zw_digest.h"

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

/* The character whose glyph stands in for cp in a face that has none for it, or 0: U+00A0 (no-break
 * space, missing from Carlito) is drawn with the space's glyph and width, U+00AD (the soft hyphen the PDF
 * writes for the hyphen hyphenation adds) with the hyphen's.  The metrics count such a face
 * as covering cp, and the PDF writer draws cp with the stand-in's glyph (its ToUnicode still says cp). */
uint32_t zw_font_stand_in(uint32_t cp);

/* Where font files named without a folder are found (zw_fonts_find).  After the folder of the layout that
 * names the file and ./fonts: `own`, zetwerk's fonts folder (NULL: none), then the folders of `path`,
 * separated by ':' (NULL: Debian's TrueType folders; "": none, so that nothing depends on what is
 * installed).  Both strings are borrowed and must outlive f. */
void zw_fonts_set_path(zw_fonts *f, const char *own, const char *path);

/* The path of the first readable `file` (absolute: as is) in `dir` (NULL: skipped), ./fonts and the
 * folders of zw_fonts_set_path, in a; NULL when there is none. */
char *zw_fonts_find(const zw_fonts *f, zw_arena *a, const char *dir, const char *file);

/* Add what identifies a face's file to h: its length and its table directory, which holds a checksum of
 * every table (so any change to the font changes it), without reading the whole file. */
void zw_fonts_fingerprint(const zw_fonts *f, int face, zw_digest *h);

size_t zw_fonts_count(const zw_fonts *f);
const char *zw_fonts_path(const zw_fonts *f, int face);   /* borrowed */
zw_metrics zw_fonts_metrics(zw_fonts *f);                 /* the measuring interface over f */

#endif
