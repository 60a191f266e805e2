/* pdf_image.c — the images of zw_display.images as image XObjects, each loaded once, when a page first
 * draws it, and drawn with `cm` and `Do`.
 *
 * A JPEG is embedded by libharu as it is: its DCT data unchanged.  A PNG is decoded with libpng's
 * simplified API — every bit depth, palette and transparent colour, gamma corrected to sRGB, and libpng's
 * warnings on harmless chunks ignored (libharu's own PNG loader fails on any libpng warning, such as the
 * common "known incorrect sRGB profile") — and its samples go to libharu as a raw DeviceGray or
 * DeviceRGB image, deflated, with its alpha channel as a DeviceGray soft mask (/SMask) unless every pixel
 * is opaque.  A greyscale document (zw_display.greyscale) asks libpng for grey, and libjpeg decodes a
 * colour JPEG to grey; an archived edition (a PDF/A profile is `opaque`: no transparency, zw_pdfa.h)
 * has libpng composite the alpha on white.
 *
 * A file that libharu, libpng or libjpeg cannot read (changed or damaged since zw_image_probe looked at
 * it) is an error at the place in the data that names the image. */
#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>
#include <png.h>

#include "pdf_int.h"

/* Report that image k could not be embedded, at the place the data names it; false. */
static bool image_error(writer *w, const zw_image *img, const char *why) {
    zw_diag(w->d, ZW_ERROR, img->pos, "image '%s' could not be embedded in the PDF: %s", img->path, why);
    w->failed = true;
    return false;
}

/* The samples of a decoded image (n channels, the last one alpha when `alpha`) into libharu: the colour
 * channels as a raw image, the alpha channel as its soft mask unless every pixel is opaque. */
static HPDF_Image raw_image(writer *w, uint8_t *px, uint32_t width, uint32_t height, int n, bool alpha) {
    size_t count = (size_t)width * height;
    int colours = alpha ? n - 1 : n;
    uint8_t *mask = NULL;
    bool opaque = true;
    if (alpha) {   /* separate the alpha channel, packing the colours in place */
        mask = zw_xmalloc(count);
        if (!mask) return NULL;
        for (size_t i = 0; i < count; i++) {
            for (int c = 0; c < colours; c++) px[i * (size_t)colours + (size_t)c] = px[i * (size_t)n + (size_t)c];
            mask[i] = px[i * (size_t)n + (size_t)colours];
            opaque &= mask[i] == 255;
        }
    }
    HPDF_ColorSpace cs = colours == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB;
    HPDF_Image im = HPDF_LoadRawImageFromMem(w->pdf, px, width, height, cs, 8);
    if (im && alpha && !opaque) {
        HPDF_Image sm = HPDF_LoadRawImageFromMem(w->pdf, mask, width, height, HPDF_CS_DEVICE_GRAY, 8);
        if (!sm || HPDF_Dict_Add(im, "SMask", sm) != HPDF_OK) im = NULL;
    }
    free(mask);
    return im;
}

/* A PNG decoded to grey or RGB, with alpha unless `flatten` (then composited on white). */
static HPDF_Image png_pixels(writer *w, const zw_image *img, bool grey, bool flatten) {
    png_image pi;
    memset(&pi, 0, sizeof pi);
    pi.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&pi, img->path)) {
        image_error(w, img, pi.message);
        return NULL;
    }
    bool alpha = (pi.format & PNG_FORMAT_FLAG_ALPHA) && !flatten;
    pi.format = (grey ? 0 : PNG_FORMAT_FLAG_COLOR) | (alpha ? PNG_FORMAT_FLAG_ALPHA : 0);
    png_color white = {255, 255, 255};
    uint8_t *px = zw_xmalloc(PNG_IMAGE_SIZE(pi));
    if (!px) {
        png_image_free(&pi);
        zw_pdf_fail(w, "out of memory");
        return NULL;
    }
    HPDF_Image im = NULL;
    if (png_image_finish_read(&pi, &white, px, 0, NULL))
        im = raw_image(w, px, pi.width, pi.height, (int)PNG_IMAGE_PIXEL_CHANNELS(pi.format), alpha);
    else
        image_error(w, img, pi.message);
    png_image_free(&pi);
    free(px);
    return im;
}

typedef struct jpeg_err {
    struct jpeg_error_mgr mgr;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
} jpeg_err;

static void jpeg_quiet(j_common_ptr c) { (void)c; }   /* warnings (extraneous bytes …): the image still shows */

static void jpeg_exit(j_common_ptr c) {
    jpeg_err *e = (jpeg_err *)c->err;
    c->err->format_message(c, e->message);
    longjmp(e->jump, 1);
}

/* Decode the JPEG of f to 8-bit grey rows into *px (malloc'd); false with e->message set. */
static bool jpeg_grey(FILE *f, jpeg_err *e, uint8_t **px, uint32_t *width, uint32_t *height) {
    struct jpeg_decompress_struct cinfo;
    cinfo.err = jpeg_std_error(&e->mgr);
    e->mgr.error_exit = jpeg_exit;
    e->mgr.output_message = jpeg_quiet;
    *px = NULL;
    if (setjmp(e->jump)) {
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_stdio_src(&cinfo, f);
    jpeg_read_header(&cinfo, TRUE);
    cinfo.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&cinfo);
    *width = cinfo.output_width;
    *height = cinfo.output_height;
    *px = zw_xmalloc((size_t)cinfo.output_width * cinfo.output_height);
    if (!*px) {
        snprintf(e->message, sizeof e->message, "out of memory");
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = *px + (size_t)cinfo.output_scanline * cinfo.output_width;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return true;
}

static HPDF_Image jpeg_pixels(writer *w, const zw_image *img) {
    FILE *f = fopen(img->path, "rb");
    if (!f) {
        image_error(w, img, "the file cannot be opened any more");
        return NULL;
    }
    jpeg_err e;
    uint8_t *px;
    uint32_t width = 0, height = 0;
    bool ok = jpeg_grey(f, &e, &px, &width, &height);
    fclose(f);
    HPDF_Image im = ok ? raw_image(w, px, width, height, 1, false) : NULL;
    if (!ok) { free(px); image_error(w, img, e.message); return NULL; }
    free(px);
    return im;
}

/* Image k as an XObject, loaded the first time; NULL after reporting. */
static HPDF_Image image(writer *w, int k) {
    if (k < 0 || (size_t)k >= w->dl->nimages) {
        zw_pdf_fail(w, "internal error: a page draws image %d of %zu", k, w->dl->nimages);
        return NULL;
    }
    if (w->images[k]) return w->images[k];
    const zw_image *img = &w->dl->images[k];
    bool grey = w->dl->greyscale || img->grey;
    HPDF_Image im;
    if (img->kind == ZW_IMAGE_PNG) im = png_pixels(w, img, grey, w->opts.pdfa->opaque);
    else if (grey && !img->grey) im = jpeg_pixels(w, img);
    else im = HPDF_LoadJpegImageFromFile(w->pdf, img->path);
    if (w->failed) return NULL;
    if (!im || w->err.code) {
        char why[80];
        snprintf(why, sizeof why, "libharu could not read it (error 0x%04X)", (unsigned)w->err.code);
        image_error(w, img, why);
        return NULL;
    }
    return w->images[k] = im;
}

bool zw_pdf_draw_pics(writer *w, HPDF_Page page, const zw_page *pg) {
    for (size_t i = 0; i < pg->npics; i++) {
        const zw_pic *p = &pg->pics[i];
        HPDF_Image im = image(w, p->image);
        if (!im || !zw_pdf_mc_box(w, pg, p->elem, p->y, p->y + p->h)) return false;
        const char *name = HPDF_Page_GetXObjectName(page, im);
        if (!name) return zw_pdf_failed(w) || zw_pdf_fail(w, "out of memory");
        if (!zw_pdf_put(w, "q\012", 2) || isnan(zw_pdf_num(w, p->w, 3, " 0 0 ")) || isnan(zw_pdf_num(w, p->h, 3, " "))
            || isnan(zw_pdf_num(w, p->x, 3, " ")) || isnan(zw_pdf_num(w, pg->height - p->y - p->h, 3, " cm\012/"))
            || !zw_pdf_put(w, name, strlen(name)) || !zw_pdf_put(w, " Do\012Q\012", 6))
            return zw_pdf_fail(w, "out of memory");
    }
    return true;
}
