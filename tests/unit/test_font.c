/* test_font.c — the HarfBuzz font registry: widths as libharu writes them, kerning, coverage, metrics,
 * load errors with exact messages, and UTF-8 decoding edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <hb.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_font.h"
#include "zw_utf8.h"

#define CARLITO "/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf"
#define LIBSERIF "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"

static const zw_pos POS = {"layout.yaml", 3, 7};

static uint16_t be16(const char *p) { return (uint16_t)((unsigned char)p[0] << 8 | (unsigned char)p[1]); }

/* The raw hmtx advance of a character, read from the tables (glyph id via HarfBuzz's cmap). */
static unsigned raw_advance(const char *path, uint32_t cp, unsigned *upem) {
    hb_blob_t *blob = hb_blob_create_from_file(path);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_codepoint_t gid = 0;
    assert_true(hb_font_get_nominal_glyph(font, cp, &gid));
    hb_blob_t *hhea = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
    hb_blob_t *hmtx = hb_face_reference_table(face, HB_TAG('h', 'm', 't', 'x'));
    const char *hh = hb_blob_get_data(hhea, NULL), *hm = hb_blob_get_data(hmtx, NULL);
    unsigned nmetrics = be16(hh + 34);
    unsigned adv = be16(hm + 4 * (gid < nmetrics ? gid : nmetrics - 1));
    *upem = hb_face_get_upem(face);
    hb_blob_destroy(hhea); hb_blob_destroy(hmtx);
    hb_font_destroy(font); hb_face_destroy(face); hb_blob_destroy(blob);
    return adv;
}

static void test_load_same_path(void **st) {
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    assert_int_equal(zw_fonts_load(f, d, CARLITO, POS), 0);
    assert_int_equal(zw_fonts_load(f, d, LIBSERIF, POS), 1);
    assert_int_equal(zw_fonts_load(f, d, CARLITO, POS), 0);
    assert_int_equal(zw_fonts_count(f), 2);
    assert_string_equal(zw_fonts_path(f, 1), LIBSERIF);
    assert_null(zw_fonts_path(f, 2));
    assert_int_equal(zw_diags_count(d), 0);
    zw_fonts_drop(f);
    zw_diags_drop(d);
}

static void test_width_single(void **st) {
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    int c = zw_fonts_load(f, d, CARLITO, POS);
    zw_metrics m = zw_fonts_metrics(f);
    assert_ptr_equal(m.ctx, f);
    unsigned upem;
    unsigned adv = raw_advance(CARLITO, 'a', &upem);
    double per1000 = round(adv * 1000.0 / upem);   /* what libharu writes into /W */
    assert_float_equal(m.width(f, c, 10, "a", 1), per1000 / 100.0, 1e-9);
    assert_float_equal(m.width(f, c, 10, "a", 1), 4.79, 1e-9); /* Carlito 'a' is 479/1000 em */
    assert_float_equal(m.width(f, c, 10, "", 0), 0, 1e-9);
    /* out-of-range face numbers measure nothing */
    assert_float_equal(m.width(f, 7, 10, "a", 1), 0, 1e-9);
    assert_false(m.covers(f, -1, 'a'));
    zw_fonts_drop(f);
    zw_diags_drop(d);
}

static void test_kerning(void **st) {
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    int c = zw_fonts_load(f, d, CARLITO, POS);
    int s = zw_fonts_load(f, d, LIBSERIF, POS);
    zw_metrics m = zw_fonts_metrics(f);
    /* measured: Carlito Te/To -88.9, AV -43.5; Liberation Serif AV -128.9, To -69.8 */
    assert_float_equal(m.kern(f, c, 'T', 'e'), -88.9, 1e-4);
    assert_float_equal(m.kern(f, c, 'A', 'V'), -43.5, 1e-4);
    assert_float_equal(m.kern(f, s, 'A', 'V'), -128.9, 1e-4);
    assert_float_equal(m.kern(f, s, 'T', 'o'), -69.8, 1e-4);
    assert_float_equal(m.kern(f, c, 'n', 'n'), 0, 1e-9);
    assert_float_equal(m.kern(f, c, 'f', 'i'), 0, 1e-9); /* ligature off: no fake "kern" */
    /* cache hit gives the same value */
    assert_float_equal(m.kern(f, c, 'T', 'e'), -88.9, 1e-4);
    /* width = sum of advances + kerns between neighbours */
    const char *w = "AVATAR Tendens";
    double sum = 0;
    for (size_t i = 0; w[i]; i++) sum += m.width(f, c, 1000, w + i, 1);
    for (size_t i = 1; w[i]; i++) sum += m.kern(f, c, (unsigned char)w[i - 1], (unsigned char)w[i]);
    assert_float_equal(m.width(f, c, 1000, w, strlen(w)), sum, 1e-6);
    assert_true(m.width(f, c, 10, "Te", 2) < m.width(f, c, 10, "T", 1) + m.width(f, c, 10, "e", 1));
    /* multibyte text: "één €" */
    const char *u = "\xC3\xA9\xC3\xA9n \xE2\x82\xAC";
    double us = m.width(f, c, 1000, "\xC3\xA9", 2) * 2 + m.width(f, c, 1000, "n", 1) +
                m.width(f, c, 1000, " ", 1) + m.width(f, c, 1000, "\xE2\x82\xAC", 3);
    us += m.kern(f, c, 0xE9, 0xE9) + m.kern(f, c, 0xE9, 'n') + m.kern(f, c, 'n', ' ') + m.kern(f, c, ' ', 0x20AC);
    assert_float_equal(m.width(f, c, 1000, u, strlen(u)), us, 1e-6);
    zw_fonts_drop(f);
    zw_diags_drop(d);
}

static void test_coverage_and_metrics(void **st) {
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    int c = zw_fonts_load(f, d, CARLITO, POS);
    int s = zw_fonts_load(f, d, LIBSERIF, POS);
    zw_metrics m = zw_fonts_metrics(f);
    assert_true(m.covers(f, c, 0xEB));     /* ë */
    assert_true(m.covers(f, c, 0x20AC));   /* € */
    assert_false(m.covers(f, c, 0x4E2D));  /* 中 */
    assert_false(m.covers(f, c, 0x1F600)); /* beyond the BMP, hash path */
    /* Carlito's cmap has no U+00A0 (fontconfig agrees): its stand-in, the space, covers it with the
     * space's width; Liberation Serif has its own */
    assert_true(m.covers(f, c, 0xA0));
    assert_float_equal(m.width(f, c, 10, "\xC2\xA0", 2), m.width(f, c, 10, " ", 1), 1e-12);
    assert_int_equal(zw_font_stand_in(0xA0), 0x20);
    assert_int_equal(zw_font_stand_in(0x4E2D), 0);
    assert_true(m.covers(f, s, 0xA0));
    assert_true(m.covers(f, s, 0xEB));
    assert_false(m.covers(f, s, 0x4E2D));
    /* a missing glyph measures as .notdef; a repeat (cached) gives the same */
    double notdef = m.width(f, c, 10, "\xE4\xB8\xAD", 3);
    assert_true(notdef > 0);
    assert_float_equal(m.width(f, c, 10, "\xE4\xB8\xAD", 3), notdef, 1e-12);
    /* HarfBuzz's horizontal ascender/descender for Carlito: 1536/-512 of 2048 units */
    assert_float_equal(m.ascent(f, c), 750, 1e-9);
    assert_float_equal(m.descent(f, c), 250, 1e-9);
    assert_true(m.ascent(f, s) > 800 && m.descent(f, s) > 150);
    zw_fonts_drop(f);
    zw_diags_drop(d);
}

/* A file in a fresh temporary directory with the given content; returns its path (malloc'd). */
static char *temp_file(const char *name, const char *content, size_t n) {
    char dir[] = "/tmp/zw_fontXXXXXX";
    assert_non_null(mkdtemp(dir));
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    snprintf(path, len, "%s/%s", dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fwrite(content, 1, n, fp);
    fclose(fp);
    return path;
}

static void remove_temp(char *path) {
    unlink(path);
    char *slash = strrchr(path, '/');
    *slash = 0;
    rmdir(path);
    free(path);
}

/* Load `path` and expect exactly one error with the message `want` (path substituted for %s). */
static void expect_error(const char *path, const char *want_fmt) {
    zw_diags *d = zw_diags_new();
    zw_fonts *f = zw_fonts_new();
    assert_int_equal(zw_fonts_load(f, d, path, POS), -1);
    assert_int_equal(zw_fonts_count(f), 0);
    assert_int_equal(zw_diags_errors(d), 1);
    char want[1024];
    snprintf(want, sizeof want, want_fmt, path);
    assert_string_equal(zw_diags_message(d, 0), want);
    zw_fonts_drop(f);
    zw_diags_drop(d);
}

static void test_load_errors(void **st) {
    expect_error("/nonexistent/Nope.ttf",
                 "layout.yaml:3:7: error: cannot read font file '%s': No such file or directory");
    expect_error("/tmp", "layout.yaml:3:7: error: cannot read font file '%s': Is a directory");
    const char text[] = "Dit is geen lettertype maar gewone tekst.\n";
    char *p = temp_file("Tekst.ttf", text, sizeof text - 1);
    expect_error(p, "layout.yaml:3:7: error: '%s' is not a TrueType font");
    remove_temp(p);
    p = temp_file("Leeg.ttf", "", 0);
    expect_error(p, "layout.yaml:3:7: error: '%s' is not a TrueType font");
    remove_temp(p);
    /* no .otf is installed on this system, so a fake one: the OTTO tag is what counts */
    const char otto[] = "OTTO\0\x0a\0\x80\0\x03\0\x20";
    p = temp_file("Fake.otf", otto, sizeof otto - 1);
    expect_error(p, "layout.yaml:3:7: error: '%s' is an OpenType/CFF font; zetwerk needs TrueType (.ttf)");
    remove_temp(p);
    const char ttc[] = "ttcf\0\x01\0\0\0\0\0\x02";
    p = temp_file("Fake.ttc", ttc, sizeof ttc - 1);
    expect_error(p, "layout.yaml:3:7: error: '%s' is a TrueType collection (.ttc); zetwerk needs a single "
                    "TrueType font (.ttf)");
    remove_temp(p);
    /* right magic, no tables */
    const char hollow[] = "\0\x01\0\0\0\0\0\0\0\0\0\0";
    p = temp_file("Hol.ttf", hollow, sizeof hollow - 1);
    expect_error(p, "layout.yaml:3:7: error: '%s' is not a TrueType font");
    remove_temp(p);
}

/* Decode all of s and compare with the expected code points. */
static void expect_decode(const char *s, size_t n, const uint32_t *want, size_t nwant) {
    const char *p = s, *end = s + n;
    size_t i = 0;
    while (p < end) {
        const char *before = p;
        uint32_t cp = zw_utf8_next(&p, end);
        assert_true(p > before && p <= end);
        assert_true(i < nwant);
        assert_int_equal(cp, want[i]);
        i++;
    }
    assert_int_equal(i, nwant);
}

#define DECODE(s, ...) do { \
        const uint32_t w_[] = {__VA_ARGS__}; \
        expect_decode(s, sizeof s - 1, w_, sizeof w_ / sizeof w_[0]); \
    } while (0)

static void test_utf8(void **st) {
    DECODE("a\xC3\xAB\xE2\x82\xAC\xF0\x9F\x98\x80", 'a', 0xEB, 0x20AC, 0x1F600);
    DECODE("\xC0\xAF", 0xFFFD, 0xFFFD);               /* overlong '/' */
    DECODE("\xE0\x80\xAF", 0xFFFD, 0xFFFD, 0xFFFD);   /* overlong 3-byte */
    DECODE("\xF0\x80\x80\xAF", 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD);
    DECODE("\xED\xA0\x80", 0xFFFD, 0xFFFD, 0xFFFD);   /* surrogate D800 */
    DECODE("\xF4\x90\x80\x80", 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD); /* > U+10FFFF */
    DECODE("\xF4\x8F\xBF\xBF", 0x10FFFF);
    DECODE("\xEF\xBF\xBF", 0xFFFF);
    DECODE("\x80x", 0xFFFD, 'x');                      /* lone continuation */
    DECODE("\xFFx", 0xFFFD, 'x');
    DECODE("\xE2\x82x", 0xFFFD, 'x');                  /* truncated sequence: one U+FFFD, then go on */
    DECODE("\xE2\x82", 0xFFFD);                        /* truncated at the end */
    DECODE("\xC3", 0xFFFD);
    DECODE("\xF0\x9F\x98", 0xFFFD);
    /* decoding stops at `end`, not at a NUL or the full sequence */
    const char *s = "\xC3\xAB";
    const char *p = s;
    assert_int_equal(zw_utf8_next(&p, s + 1), 0xFFFD);
    assert_ptr_equal(p, s + 1);
}

/* Where a font file is found: the layout's folder, ./fonts, zetwerk's own folder, then the path (each
 * folder of it in turn; unset: Debian's folders; empty: none); an absolute name as it is.  The fingerprint
 * of a face depends on its bytes, not on where it was found. */
static void test_find_and_fingerprint(void **st) {
    (void)st;
    char *a = temp_file("Eigen.ttf", "x", 1), *b = temp_file("Eigen.ttf", "y", 1), *c = temp_file("Ander.ttf", "z", 1);
    char dir_a[256], dir_b[256], dir_c[256], path[600];
    snprintf(dir_a, sizeof dir_a, "%.*s", (int)(strrchr(a, '/') - a), a);
    snprintf(dir_b, sizeof dir_b, "%.*s", (int)(strrchr(b, '/') - b), b);
    snprintf(dir_c, sizeof dir_c, "%.*s", (int)(strrchr(c, '/') - c), c);
    zw_arena *ar = zw_arena_new();
    zw_fonts *f = zw_fonts_new();
    snprintf(path, sizeof path, "/nonexistent:%s:%s", dir_c, dir_b);
    zw_fonts_set_path(f, dir_a, path);
    assert_string_equal(zw_fonts_find(f, ar, dir_b, "Eigen.ttf"), b);   /* beside the layout first */
    assert_string_equal(zw_fonts_find(f, ar, NULL, "Eigen.ttf"), a);    /* then zetwerk's own */
    assert_string_equal(zw_fonts_find(f, ar, NULL, "Ander.ttf"), c);    /* then the path, in order */
    assert_string_equal(zw_fonts_find(f, ar, "/nonexistent", b), b);    /* absolute */
    zw_fonts_set_path(f, NULL, "");
    assert_null(zw_fonts_find(f, ar, NULL, "Ander.ttf"));               /* an empty path: nothing */
    assert_string_equal(zw_fonts_find(f, ar, NULL, "Carlito-Regular.ttf"), "fonts/Carlito-Regular.ttf");   /* ./fonts (the tests run in the repository) */
    assert_null(zw_fonts_find(f, ar, NULL, "LiberationSerif-Regular.ttf"));
    zw_fonts_set_path(f, NULL, NULL);
    assert_string_equal(zw_fonts_find(f, ar, NULL, "LiberationSerif-Regular.ttf"), LIBSERIF);   /* Debian's folders */
    zw_fonts *g = zw_fonts_new();
    zw_diags *d = zw_diags_new();
    char copy[] = "/tmp/zw_fontcopyXXXXXX";
    assert_non_null(mkdtemp(copy));
    snprintf(path, sizeof path, "cp '%s' '%s/'", CARLITO, copy);
    assert_int_equal(system(path), 0);
    snprintf(path, sizeof path, "%s/Carlito-Regular.ttf", copy);
    assert_int_equal(zw_fonts_load(f, d, CARLITO, POS), 0);
    assert_int_equal(zw_fonts_load(f, d, LIBSERIF, POS), 1);
    assert_int_equal(zw_fonts_load(g, d, path, POS), 0);
    unsigned char id[3][16];
    int faces[3][2] = {{0, 0}, {0, 1}, {1, 0}};   /* (registry, face): f's Carlito, f's Liberation, g's copy */
    for (int i = 0; i < 3; i++) {
        zw_digest h;
        zw_digest_init(&h);
        zw_fonts_fingerprint(faces[i][0] ? g : f, faces[i][1], &h);
        zw_digest_final(&h, id[i]);
    }
    assert_memory_equal(id[0], id[2], 16);
    assert_memory_not_equal(id[0], id[1], 16);
    unlink(path);
    rmdir(copy);
    zw_fonts_drop(g);
    zw_fonts_drop(f);
    zw_diags_drop(d);
    zw_arena_drop(ar);
    remove_temp(a);
    remove_temp(b);
    remove_temp(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_same_path),
        cmocka_unit_test(test_width_single),
        cmocka_unit_test(test_kerning),
        cmocka_unit_test(test_coverage_and_metrics),
        cmocka_unit_test(test_load_errors),
        cmocka_unit_test(test_find_and_fingerprint),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
