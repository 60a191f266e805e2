/* fake_font.h — a fixed-width fake font for unit tests: every character (space included) is 500/1000 em
 * wide, no kerning, ascent 800, descent 200, every character covered.  At 10 pt a character is 5 pt, so
 * expected line breaks can be worked out by hand.  Face numbers are ignored. */
#ifndef ZW_FAKE_FONT_H
#define ZW_FAKE_FONT_H

#include "zw_font.h"
#include "zw_utf8.h"

static double fake_width(void *ctx, int face, double size, const char *s, size_t n) {
    (void)ctx; (void)face;
    size_t chars = 0;
    const char *end = s + n;
    while (s < end) { zw_utf8_next(&s, end); chars++; }
    return (double)chars * size * 0.5;
}
static double fake_kern(void *ctx, int face, uint32_t l, uint32_t r) { (void)ctx; (void)face; (void)l; (void)r; return 0; }
static double fake_ascent(void *ctx, int face) { (void)ctx; (void)face; return 800; }
static double fake_descent(void *ctx, int face) { (void)ctx; (void)face; return 200; }
static bool fake_covers(void *ctx, int face, uint32_t cp) { (void)ctx; (void)face; (void)cp; return true; }

static inline zw_metrics fake_metrics(void) {
    zw_metrics m = {NULL, fake_width, fake_kern, fake_ascent, fake_descent, fake_covers};
    return m;
}

#endif
