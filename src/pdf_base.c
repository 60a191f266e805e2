/* pdf_base.c — what every part of the PDF writer shares, below them all: its error state (libharu's
 * sticky errors recorded by our handler and reported once, in words) and its byte buffer, and text made
 * drawable in it. */
#include <stdarg.h>
#include <string.h>

#include "pdf_int.h"

void HPDF_STDCALL zw_pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
    pdf_err *e = user;
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}


/* libharu's error codes that input can cause, in words. */
static const char *error_words(unsigned code) {
    switch (code) {
    case HPDF_ARRAY_COUNT_ERR: return "too many objects in one PDF array (pages, runs or links)";
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_OPEN_ERROR: return "a file could not be opened";
    case HPDF_FONT_INVALID_WIDTHS_TABLE: case HPDF_INVALID_FONTDEF_DATA: case HPDF_NAME_INVALID_VALUE:
    case HPDF_TTF_INVALID_CMAP: case HPDF_TTF_INVALID_FOMAT: case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_FONT: return "a font file is damaged or incomplete";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "a font's licence forbids embedding it";
    case HPDF_UNSUPPORTED_FONT_TYPE: return "a font of a type libharu cannot embed";
    default: return "libharu could not write the document";
    }
}

/* True (after reporting it once) when libharu has signalled an error or we already failed. */
bool zw_pdf_failed(writer *w) {
    if (w->failed) return true;
    if (w->err.code == 0 && HPDF_GetError(w->pdf) != HPDF_OK) {
        w->err.code = HPDF_GetError(w->pdf);
        w->err.detail = HPDF_GetErrorDetail(w->pdf);
    }
    if (w->err.code == 0) return false;
    zw_diag(w->d, ZW_ERROR, zw_pdf_pos(w->path), "PDF error 0x%04X (detail %u): %s",
            (unsigned)w->err.code, (unsigned)w->err.detail, error_words((unsigned)w->err.code));
    w->failed = true;
    return true;
}

/* Report an error of our own and stop; always returns false. */
bool zw_pdf_fail(writer *w, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    zw_diagv(w->d, ZW_ERROR, zw_pdf_pos(w->path), fmt, ap);
    va_end(ap);
    w->failed = true;
    return false;
}


/* Append n bytes to the page's text buffer w->buf (w->buflen used); false when out of memory. */
/* Room for n more bytes in buf. */
bool zw_pdf_reserve(writer *w, size_t n) {
    if (w->buflen + n <= w->bufcap) return true;
    size_t cap = w->bufcap ? w->bufcap : 4096;
    while (cap < w->buflen + n) cap *= 2;
    char *b = zw_xrealloc(w->buf, cap);
    if (!b) return false;
    w->buf = b;
    w->bufcap = cap;
    return true;
}

bool zw_pdf_put(writer *w, const char *s, size_t n) {
    if (!zw_pdf_reserve(w, n)) return false;
    memcpy(w->buf + w->buflen, s, n);
    w->buflen += n;
    return true;
}

/* Copy s[0..n) into w->buf as NUL-terminated UTF-8 of drawable BMP characters, marking each code point
 * in `used` (a face's bitmap; NULL for none).  Returns the buffer, or NULL when out of memory. */
const char *zw_pdf_sanitize(writer *w, const char *s, size_t n, uint8_t *used) {
    if (n > (SIZE_MAX - 1) / 3) return NULL;
    if (3 * n + 1 > w->bufcap) {      /* a byte never grows beyond 3 (U+FFFD) */
        char *b = zw_xrealloc(w->buf, 3 * n + 1);
        if (!b) return NULL;
        w->buf = b;
        w->bufcap = 3 * n + 1;
    }
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        const char *at = s + i;
        uint32_t cp = drawable(zw_utf8_next(&at, s + n));
        i = (size_t)(at - s);
        if (used) used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        o += zw_utf8_put(w->buf + o, cp);
    }
    w->buf[o] = '\0';
    return w->buf;
}
