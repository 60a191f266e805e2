/* pdf_int.h — what the PDF module's files share; not a public interface.  The only header that includes
 * <hpdf.h>.  In floors, each calling only those below: pdf.c (the document) over pdf_content.c (page
 * contents, late boxes) over pdf_font.c (fonts) over pdf_base.c (errors, the byte buffer). */
#ifndef ZW_PDF_INT_H
#define ZW_PDF_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "zw_arena.h"
#include "zw_font.h"
#include "zw_pdf.h"
#include "zw_utf8.h"

#ifndef ZW_VERSION
#define ZW_VERSION "dev"
#endif
#define ZW_CREATOR "zetwerk"   /* Info /Creator and xmp:CreatorTool */
#define ZW_PRODUCER "zetwerk " ZW_VERSION " (libharu " HPDF_VERSION_TEXT ")"   /* /Producer, pdf:Producer */

#define NCODES 65536u   /* the BMP: CIDs of a UTF-8 CID font */
#define DEFLATE_LEVEL 1  /* page content, with libdeflate: the fastest level; with literal strings files stay as small as zlib level 3 with hex gave */
#define IO_BUF (256u << 10)   /* stdio buffer of the spill and output files: few system calls */
#define TJ_CHARS 2000u  /* characters per TJ operator: keeps strings and arrays far below PDF's limits */

/* The first libharu error, as reported to our handler. */
typedef struct pdf_err {
    HPDF_STATUS code;    /* 0 while none */
    HPDF_STATUS detail;  /* libharu's detail number (often an errno or 0) */
} pdf_err;

/* Where the text of a page stands: the line start set by Td, the pen after the last character written,
 * and the TJ array being written. */
typedef struct tj_state {
    double lx, ly;          /* line start (PDF coordinates), as written */
    double px;              /* pen x after what was written */
    double y;               /* baseline of the open array */
    bool open;              /* a TJ array is open */
    bool instr;             /* inside a <…> string of that array */
    bool num;               /* the last thing in the array is a number */
    size_t chars;           /* characters in the open array */
    int elem;               /* the element of the text in it */
    int16_t expand;         /* the horizontal scale in force, as zw_run.expand (0: Tz 100, as a page starts) */
} tj_state;

/* A link of a written page, added to the document at the end. */
typedef struct pdf_link {
    size_t page;
    zw_link l;
} pdf_link;

/* State of one PDF being written (zw_pdf). */
struct zw_pdf {
    const zw_display *dl;   /* what to write */
    zw_diags *d;            /* where problems go */
    const char *path;       /* target file, for messages */
    zw_pdf_opts opts;       /* the options (pdfa never NULL: "off" when none was asked for) */
    HPDF_Doc pdf;           /* the libharu document */
    pdf_err err;            /* first libharu error */
    bool failed;            /* an error has been reported; stop */
    const char **fontname;  /* per face: libharu's font name after loading */
    HPDF_Font *font;        /* per face: the UTF-8 font, created on first use */
    uint8_t *used;          /* per face: NCODES/8-byte bitmap of code points drawn */
    HPDF_Page *page;        /* per display page written so far */
    size_t npage, cappage;
    pdf_link *links;        /* links of the pages written, added at the end */
    size_t nlinks, caplinks;
    HPDF_Dict *late;        /* per late box of the display list: its form XObject, once its page is written */
    size_t caplate;
    HPDF_Array late_bbox;   /* what they share (see late_shared) */
    HPDF_Dict late_res, late_fonts;
    HPDF_Image *images;     /* per image of the display list: its XObject once a page has drawn it */
    int16_t *widths;        /* per face: NCODES advances in 1/1000 em, INT16_MIN = not looked up yet */
    char *buf;              /* sanitized text, or a page's text operators before they go to the stream */
    size_t bufcap;          /* bytes allocated for buf */
    size_t buflen;          /* bytes of operators in buf */
    struct libdeflate_compressor *deflater;   /* at DEFLATE_LEVEL */
    uint8_t *zbuf;          /* the page's operators deflated */
    size_t zcap;            /* bytes allocated for zbuf */
    tj_state tj;            /* the page's text position */
    FILE *spill;            /* the pages' deflated contents until the document is saved (tmpfile) */
    uint64_t spilled;       /* bytes in it */
    FILE *out;              /* the temporary output file while saving */
    int out_errno;          /* why writing it failed */
};
typedef zw_pdf writer;

/* What we draw for cp: BMP printable characters as they are; controls, the noncharacters U+FFFE and
 * U+FFFF (no XML text may hold them) and non-BMP as U+FFFD, because the CID font has only BMP codes and
 * layout has already reported uncovered characters. */
static inline uint32_t drawable(uint32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp >= 0xFFFE) return 0xFFFD;
    return cp;
}

static inline bool is_used(const uint8_t *used, unsigned cp) { return used[cp >> 3] >> (cp & 7) & 1; }

static inline zw_pos zw_pdf_pos(const char *file) { return (zw_pos){file, 0, 0}; }   /* a file, no line */

/* pdf_base.c: errors and the byte buffer */
void HPDF_STDCALL zw_pdf_on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user);   /* user: a pdf_err */
bool zw_pdf_failed(writer *w);   /* true (after reporting it once) when libharu signalled an error or we failed */
bool zw_pdf_fail(writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));   /* report; false */
/* s[0..n) as NUL-terminated UTF-8 of drawable characters in w->buf (valid until the next use of the
 * buffer), marking each code point in `used` (NULL: none); NULL when out of memory. */
const char *zw_pdf_sanitize(writer *w, const char *s, size_t n, uint8_t *used);
/* A libharu call or an allocation failed: report "out of memory" unless libharu has reported its own
 * error already; always false. */
static inline bool zw_pdf_oom(writer *w) { return !zw_pdf_failed(w) && zw_pdf_fail(w, "out of memory"); }
bool zw_pdf_reserve(writer *w, size_t n);                  /* room for n more bytes in w->buf */
bool zw_pdf_put(writer *w, const char *s, size_t n);

/* pdf_font.c: fonts */
HPDF_Font zw_pdf_face_font(writer *w, int face);          /* NULL after reporting */
int zw_pdf_glyph_width(writer *w, int face, uint32_t cp);  /* 1/1000 em, as in /W */
bool zw_pdf_mark_glyphs(writer *w);
bool zw_pdf_fix_fonts(writer *w);

/* pdf_meta.c: Info, /ID, version; for PDF/A the XMP metadata, the output intent and the claim */
bool zw_pdf_metadata(writer *w);
extern const unsigned char zw_srgb_icc[];   /* icc/sRGB.icc, compiled in (build/gen/srgb_icc.c) */
extern const size_t zw_srgb_icc_len;

/* pdf_image.c: images */
bool zw_pdf_draw_pics(writer *w, HPDF_Page page, const zw_page *pg);   /* the page's images, loaded once */

/* pdf_content.c: page contents */
/* v with at most `dec` (0..3) decimals, no trailing zeros, then `sep`: the value written (NAN: out of memory) */
double zw_pdf_num(writer *w, double v, int dec, const char *sep);
bool zw_pdf_color(writer *w, unsigned k, bool stroke);     /* fill (stroke) colour: palette entry k */
bool zw_pdf_draw_page(writer *w, size_t p);                /* a new libharu page for display page p */
bool zw_pdf_late(writer *w);                               /* the late boxes' contents, at the end */

#endif
