/* test_image.c — zw_image_probe on the test images (tests/figures/images, tests/bad/images) and on
 * files cut, flipped and made up here: sizes, resolution, transparency and grey read from the headers;
 * every damaged or unsupported file an error with the place that names it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zw_image.h"

static const zw_pos POS = {"data.yaml", 7, 9};

static char *fixture(const char *rel) {
    static char path[4][512];
    static int k;
    const char *root = getenv("ZW_ROOT") ? getenv("ZW_ROOT") : ".";
    k = (k + 1) % 4;
    snprintf(path[k], sizeof path[k], "%s/tests/%s", root, rel);
    return path[k];
}

/* Probe path: true or false as `ok`; the one message (if any) must contain `want`. */
static zw_image probe(const char *path, bool ok, const char *want) {
    zw_diags *d = zw_diags_new();
    zw_image img = {.path = path, .pos = POS};
    assert_int_equal(zw_image_probe(&img, d), ok);
    assert_int_equal(zw_diags_count(d), ok ? 0 : 1);
    if (!ok) {
        const char *m = zw_diags_message(d, 0);
        if (!strstr(m, want)) fail_msg("message '%s' lacks '%s'", m, want);
        assert_non_null(strstr(m, "data.yaml:7:9: error: image '"));
    }
    zw_diags_drop(d);
    return img;
}

static void good_images(void **state) {
    (void)state;
    zw_image i = probe(fixture("figures/images/logo.png"), true, NULL);
    assert_true(i.kind == ZW_IMAGE_PNG && i.width == 720 && i.height == 240 && i.alpha && !i.grey);
    assert_true(i.dpi > 299.9 && i.dpi < 300.1);
    i = probe(fixture("figures/images/photo.jpg"), true, NULL);
    assert_true(i.kind == ZW_IMAGE_JPEG && i.width == 900 && i.height == 500 && !i.alpha && !i.grey && i.dpi == 150);
    i = probe(fixture("figures/images/wijken.png"), true, NULL);
    assert_true(i.width == 300 && i.height == 200 && i.alpha && !i.grey && i.dpi == 0);   /* tRNS */
    i = probe(fixture("figures/images/kaart16.png"), true, NULL);
    assert_true(i.width == 256 && i.height == 128 && !i.alpha && i.grey);
}

static void bad_images(void **state) {
    (void)state;
    probe(fixture("bad/images/none.png"), false, "none.png' cannot be read: No such file or directory");
    probe(fixture("bad/images/cut.png"), false, "is cut short: a PNG chunk runs past the end of the file");
    probe(fixture("bad/images/crc.png"), false, "is damaged: a PNG chunk's checksum (CRC) does not match");
    probe(fixture("bad/images/text.png"), false, "is neither a PNG nor a JPEG file");
    probe(fixture("bad/images/cmyk.jpg"), false, "is a CMYK JPEG; save it as an RGB (sRGB) or greyscale JPEG");
    probe(fixture("bad/images/cut.jpg"), false, "is cut short: the JPEG's end marker is missing");
    probe(fixture("bad/images"), false, "is not a file");   /* a folder */
    probe("/dev/zero", false, "image '/dev/zero' is not a file");   /* never read: it has no end */
}

/* Probe n bytes written to a temporary file, which must fail saying `want`. */
static void probe_bytes(const void *bytes, size_t n, const char *want) {
    char path[64];
    snprintf(path, sizeof path, "/tmp/zw-image-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    probe(path, false, want);
    unlink(path);
}

static unsigned char *load(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    unsigned char *b = malloc(1 << 20);
    *n = fread(b, 1, 1 << 20, f);
    fclose(f);
    return b;
}

/* Made-up files: a PNG without IEND, an IHDR with a bad colour type, no IDAT; a JPEG that is arithmetic
 * coded, one without a frame, one with four components; a huge size. */
static void crafted(void **state) {
    (void)state;
    size_t n;
    unsigned char *png = load(fixture("figures/images/kaart16.png"), &n);
    probe_bytes(png, n - 12, "is cut short: a PNG chunk or its end (IEND) is missing");
    unsigned char *p2 = malloc(n);
    memcpy(p2, png, n);
    p2[8 + 8 + 9] = 5;   /* colour type 5 does not exist (and the CRC no longer matches) */
    probe_bytes(p2, n, "checksum (CRC)");
    free(p2);
    free(png);
    /* SOI, SOF9 (arithmetic), EOI */
    static const unsigned char arith[] = {0xFF, 0xD8, 0xFF, 0xC9, 0x00, 0x0B, 8, 0, 10, 0, 10, 1, 1, 0x11, 0,
                                          0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9};
    probe_bytes(arith, sizeof arith, "arithmetic-coded JPEG");
    static const unsigned char noframe[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0x00, 0xFF, 0xD9};
    probe_bytes(noframe, sizeof noframe, "a JPEG without a frame header before its scan");
    static const unsigned char huge[] = {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0,
                                         0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9};
    probe_bytes(huge, sizeof huge, "has more than 40 megapixels");
    static const unsigned char cut[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x40, 'J', 'F'};
    probe_bytes(cut, sizeof cut, "a JPEG segment runs past the end of the file");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_images),
        cmocka_unit_test(bad_images),
        cmocka_unit_test(crafted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
