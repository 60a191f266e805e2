/* zw_image.h — image files (PNG and JPEG): what layout needs to know of one, read from the file's header.
 *
 * zw_image_probe reads the file once when the data is bound: its kind, size in pixels, resolution and
 * whether it has transparency, and checks that it is whole (every PNG chunk's CRC, a JPEG's markers up to
 * its scan and its end marker), so that a missing, damaged or unsupported image is an error at the place
 * in the data that names it, before anything is laid out.  The PDF writer embeds the file later. */
#ifndef ZW_IMAGE_H
#define ZW_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "zw_diag.h"

#define ZW_IMAGE_MAX_PIXELS 40000000u   /* 40 megapixels: far beyond a logo or a photo in a budget */

typedef enum zw_image_kind { ZW_IMAGE_PNG, ZW_IMAGE_JPEG } zw_image_kind;

typedef struct zw_image {
    const char *path;        /* the file, as opened (relative to the data file's folder when written so) */
    zw_pos pos;              /* where the data names it */
    uint32_t width, height;  /* pixels */
    double dpi;              /* resolution the file states (PNG pHYs, JPEG JFIF density); 0 when none */
    uint8_t kind;            /* zw_image_kind */
    bool alpha;              /* PNG with an alpha channel or a transparent colour (tRNS) */
    bool grey;               /* one colour channel (a grey image) */
} zw_image;

/* Read img->path and fill in the rest; false after an error at img->pos: the file is missing or
 * unreadable, not a PNG or JPEG, damaged or cut short, larger than ZW_IMAGE_MAX_PIXELS, or of a kind a
 * PDF cannot show as it is (a CMYK or arithmetic-coded JPEG). */
bool zw_image_probe(zw_image *img, zw_diags *d);

#endif
