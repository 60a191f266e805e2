/* pdf_base.c — what every part of the PDF writer shares, below them all: its error state (libharu's
 * sticky errors recorded by our handler and reported once, in words) and its byte buffer. */
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
