/* pdf_int.h — what the PDF module's files share; not a public interface.  The only header that includes
 * <hpdf.h>.  In floors, each calling only those below: pdf.c (the document) over pdf_content.c (page
 * contents, late boxes) over pdf_struct.c (the tagged PDF's structure tree) and pdf_font.c (fonts) over
 * pdf_base.c (errors, the byte buffer). */
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
#define ZW_SOFT_HYPHEN 0xADu   /* how a hyphen that hyphenation added is written (see glyph_of) */
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
    int elem;               /* the element of the text in it (or last in it) */
    int16_t expand;         /* the horizontal scale in force, as zw_run.expand (0: Tz 100, as a page starts) */
    uint32_t last;          /* the last character written */
    bool any;               /* text has been written in this text object */
    bool join;              /* the last run written ends its line inside a word (ZW_RUN_JOIN) */
} tj_state;

/* A link of a written page, added to the document at the end. */
typedef struct pdf_link {
    size_t page;
    zw_link l;
    int sub;                /* its Link structure element (pdf_tags.subs) */
    char *text;             /* the text it covers, for the annotation's /Contents (malloc'd; NULL: none) */
    size_t textlen;
    HPDF_Dict annot;        /* its annotation, once added; NULL when it has no destination */
} pdf_link;

/* What marks a piece of page content: page furniture of a kind (an /Artifact), or content of an element
 * — and within it, of a link's text or of a span in another language. */
enum { MC_NONE, MC_LAYOUT, MC_PAGINATION, MC_HEADER, MC_FOOTER, MC_CONTENT };
typedef struct pdf_mark {
    int kind;               /* MC_… */
    int elem;               /* MC_CONTENT: the element */
    int link;               /* MC_CONTENT: the index in links of a link covering it, or -1 */
    const char *lang;       /* MC_CONTENT: a language other than the document's (borrowed), or NULL */
} pdf_mark;

/* A structure element the writer adds below one of layout's: a Link holding an annotation's text and
 * the annotation itself (OBJR), or a Span of text in another language. */
typedef struct pdf_sub {
    int parent;             /* the element it is in; -1 while unknown (a link over no element's text) */
    int key;                /* its first marked-content sequence (pdf_tags.owner index); INT32_MAX: none */
    int link;               /* the index in links of its annotation; -1 for a Span */
    const char *lang;       /* its language (borrowed) or NULL */
} pdf_sub;

/* The tagged PDF: which element owns each marked-content sequence of the pages written, the elements
 * the writer adds, and, while the document is saved, the structure tree's objects (pdf_struct.c). */
typedef struct pdf_tags {
    bool on;                /* the document is tagged (its display list has an element tree) */
    int32_t *owner;         /* per marked-content sequence, in page order: its element, or -(sub + 1) */
    size_t nmc, capmc;
    uint32_t *page0;        /* per page written: the index in owner of its first sequence */
    size_t cappage0;
    pdf_sub *subs;
    size_t nsubs, capsubs;
    pdf_mark open;          /* the sequence open in the content being written (kind MC_NONE: none) */
    HPDF_Dict root;         /* the StructTreeRoot, a libharu object; what it refers to is written at save */
    struct pdf_tree *tree;  /* the tree's tables while saving */
} pdf_tags;

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
    pdf_tags tags;          /* marked content and the structure tree */
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

/* pdf_struct.c: the tagged PDF */
bool zw_pdf_tag_page(writer *w, HPDF_Page page);           /* a page begins: its /StructParents */
int zw_pdf_sub(writer *w, int parent, int link, const char *lang);   /* a new sub-element; -1: out of memory */
bool zw_pdf_mc_begin(writer *w, const pdf_mark *m);       /* EMC for the open sequence, BDC for m */
bool zw_pdf_mc_end(writer *w);                             /* EMC for the open sequence, if any */
int zw_pdf_furniture(const zw_page *pg, double top, double bottom);   /* MC_HEADER, _FOOTER or _PAGINATION */
bool zw_pdf_same_mark(const pdf_mark *a, const pdf_mark *b);
/* A box's drawing (an image, a late box): content of element elem, or (elem -1) furniture by where it
 * stands; continues the open sequence when that is the same. */
bool zw_pdf_mc_box(writer *w, const zw_page *pg, int elem, double top, double bottom);
bool zw_pdf_tag_link(writer *w, size_t i, HPDF_Page page); /* link i's annotation: /StructParent, /Contents */
bool zw_pdf_tag_catalog(writer *w);                        /* StructTreeRoot, MarkInfo, ViewerPreferences */
/* Saving: the tree's objects are numbered from `base` (count of them; 0 when untagged), then written one
 * by one (the body of a dictionary, without << >>, into w->buf), then their tables freed. */
bool zw_pdf_struct_plan(writer *w, uint32_t base, size_t *count);
bool zw_pdf_struct_object(writer *w, size_t i);            /* false: out of memory */
void zw_pdf_struct_done(writer *w);
void zw_pdf_tags_drop(writer *w);

/* pdf_file.c: the file */
bool zw_pdf_write_file(writer *w, HPDF_Stream s);          /* false: see zw_pdf_failed, or w->out_errno */

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
