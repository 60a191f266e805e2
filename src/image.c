/* image.c — PNG and JPEG files checked and measured from their bytes (no decoding): see zw_image.h.
 *
 * PNG: the signature, then every chunk with its CRC (libdeflate's CRC-32), IHDR first with a valid bit
 * depth and colour type, at least one IDAT, IEND last; tRNS and an alpha colour type mean transparency,
 * pHYs in pixels per metre gives the resolution.  JPEG: SOI, then the marker segments up to the first
 * scan (SOS), a baseline, extended or progressive Huffman frame (SOF0–SOF2: what a PDF's DCTDecode
 * shows) with 1 or 3 components, a JFIF density when there is one, and the EOI marker at the end. */
#include "zw_image.h"

#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "zw_arena.h"

#define MAX_FILE (64L << 20)   /* bytes of one image file */

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }
static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static bool bad(zw_diags *d, const zw_image *img, const char *why) {
    zw_diag(d, ZW_ERROR, img->pos, "image '%s' %s", img->path, why);
    return false;
}

/* ---- PNG -------------------------------------------------------------------------------------- */

static bool png_depth_ok(unsigned type, unsigned depth) {
    switch (type) {
    case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2: case 4: case 6: return depth == 8 || depth == 16;
    default: return false;
    }
}

static bool png_probe(zw_image *img, zw_diags *d, const uint8_t *b, size_t n) {
    bool ihdr = false, idat = false;
    for (size_t at = 8;;) {
        if (n - at < 12) return bad(d, img, "is cut short: a PNG chunk or its end (IEND) is missing");
        uint32_t len = be32(b + at);
        const uint8_t *type = b + at + 4, *data = b + at + 8;
        if (len > n - at - 12) return bad(d, img, "is cut short: a PNG chunk runs past the end of the file");
        if (libdeflate_crc32(0, type, len + 4) != be32(data + len))
            return bad(d, img, "is damaged: a PNG chunk's checksum (CRC) does not match its content");
        if (!ihdr && memcmp(type, "IHDR", 4)) return bad(d, img, "is damaged: a PNG must begin with its IHDR chunk");
        if (!memcmp(type, "IHDR", 4)) {
            if (ihdr || len != 13) return bad(d, img, "is damaged: its PNG header (IHDR) is malformed");
            img->width = be32(data);
            img->height = be32(data + 4);
            unsigned depth = data[8], ctype = data[9];
            if (!png_depth_ok(ctype, depth) || data[10] || data[11] || data[12] > 1)
                return bad(d, img, "is damaged: its PNG header (IHDR) names no valid bit depth and colour type");
            img->alpha = ctype == 4 || ctype == 6;
            img->grey = ctype == 0 || ctype == 4;
            ihdr = true;
        } else if (!memcmp(type, "tRNS", 4)) {
            img->alpha = true;
        } else if (!memcmp(type, "pHYs", 4) && len == 9 && data[8] == 1) {
            img->dpi = be32(data) * 0.0254;   /* pixels per metre */
        } else if (!memcmp(type, "IDAT", 4)) {
            idat = true;
        } else if (!memcmp(type, "IEND", 4)) {
            if (!idat) return bad(d, img, "is damaged: a PNG without image data (IDAT)");
            return true;
        }
        at += 12 + (size_t)len;
    }
}

/* ---- JPEG ------------------------------------------------------------------------------------- */

static bool jpeg_frame(zw_image *img, zw_diags *d, unsigned marker, const uint8_t *seg, unsigned len) {
    if (marker > 0xC2)
        return bad(d, img, "is a lossless, hierarchical or arithmetic-coded JPEG, which a PDF cannot show; "
                   "save it as an ordinary (baseline or progressive) JPEG");
    if (len < 8) return bad(d, img, "is damaged: its JPEG frame header is cut short");
    img->height = be16(seg + 3);
    img->width = be16(seg + 5);
    unsigned comps = seg[7];
    if (seg[2] != 8) return bad(d, img, "is a JPEG of 12 bits per sample; save it with 8");
    if (comps == 4) return bad(d, img, "is a CMYK JPEG; save it as an RGB (sRGB) or greyscale JPEG");
    if (comps != 1 && comps != 3) return bad(d, img, "is damaged: a JPEG with neither 1 nor 3 colour components");
    img->grey = comps == 1;
    return true;
}

static bool jpeg_probe(zw_image *img, zw_diags *d, const uint8_t *b, size_t n) {
    bool frame = false;
    size_t at = 2;
    for (;;) {
        while (at < n && b[at] == 0xFF && at + 1 < n && b[at + 1] == 0xFF) at++;   /* fill bytes */
        if (n - at < 4 || b[at] != 0xFF) return bad(d, img, "is damaged or cut short: its JPEG markers end too soon");
        unsigned marker = b[at + 1], len = be16(b + at + 2);
        if (marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || len < 2 || len > n - at - 2)
            return bad(d, img, "is damaged or cut short: a JPEG segment runs past the end of the file");
        const uint8_t *seg = b + at + 2;
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
            if (!jpeg_frame(img, d, marker, seg, len)) return false;
            frame = true;
        } else if (marker == 0xE0 && len >= 16 && !memcmp(seg + 2, "JFIF", 5)) {
            unsigned unit = seg[9], dx = be16(seg + 10);
            img->dpi = unit == 1 ? dx : unit == 2 ? dx * 2.54 : 0;
        } else if (marker == 0xDA) {
            break;
        }
        at += 2 + (size_t)len;
    }
    if (!frame) return bad(d, img, "is damaged: a JPEG without a frame header before its scan");
    while (n > at && b[n - 1] != 0xD9) n--;   /* some programs write bytes after the end marker */
    if (n < at + 2 || b[n - 2] != 0xFF) return bad(d, img, "is cut short: the JPEG's end marker is missing");
    return true;
}

/* ---- files ------------------------------------------------------------------------------------ */

/* The whole file in a malloc'd buffer (*n bytes), or NULL after reporting.  Only a regular file: a
 * device or a FIFO (/dev/stdin, /dev/zero) could block or never end. */
static uint8_t *read_all(zw_image *img, zw_diags *d, size_t *n) {
    struct stat st;
    if (stat(img->path, &st) == 0 && !S_ISREG(st.st_mode)) {
        zw_diag(d, ZW_ERROR, img->pos, "image '%s' is not a file", img->path);
        return NULL;
    }
    FILE *f = fopen(img->path, "rb");
    if (!f) {
        zw_diag(d, ZW_ERROR, img->pos, "image '%s' cannot be read: %s", img->path, strerror(errno));
        return NULL;
    }
    uint8_t *buf = NULL;
    size_t cap = 0, len = 0;
    for (;;) {
        if (len == cap && (cap >= (size_t)MAX_FILE || !zw_reserve((void **)&buf, &cap, cap ? cap * 2 : 65536, 1))) break;
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    bool err = ferror(f), big = len == cap && !feof(f);
    fclose(f);
    if (err || big || !buf) {
        if (big) zw_diag(d, ZW_ERROR, img->pos, "image '%s' is larger than %ld MiB", img->path, MAX_FILE >> 20);
        else zw_diag(d, ZW_ERROR, img->pos, "image '%s' cannot be read%s", img->path, buf ? "" : ": out of memory");
        free(buf);
        return NULL;
    }
    *n = len;
    return buf;
}

bool zw_image_probe(zw_image *img, zw_diags *d) {
    size_t n;
    uint8_t *b = read_all(img, d, &n);
    if (!b) return false;
    bool ok;
    if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) {
        img->kind = ZW_IMAGE_PNG;
        ok = png_probe(img, d, b, n);
    } else if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) {
        img->kind = ZW_IMAGE_JPEG;
        ok = jpeg_probe(img, d, b, n);
    } else {
        ok = bad(d, img, "is neither a PNG nor a JPEG file");
    }
    free(b);
    if (ok && (img->width == 0 || img->height == 0)) ok = bad(d, img, "is damaged: it has no pixels");
    if (ok && (uint64_t)img->width * img->height > ZW_IMAGE_MAX_PIXELS)
        ok = bad(d, img, "has more than 40 megapixels; scale it down for print (300 dpi is plenty)");
    return ok;
}
