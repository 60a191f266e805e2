/* pdf.c — display list → PDF through libharu 2.3.0; the only file that includes <hpdf.h>.
 *
 * Faces are embedded as Unicode CID fonts (UTF-8 encoder, Identity-H, CID = BMP code point).  Each page's
 * content is written here as raw operators, deflated by us and handed to libharu as the page's stream (its
 * own per-call formatting and fixed compression level were most of a render): fills, then rules, then the
 * text in one BT/ET block as Td/TJ operators.  Runs of one face and size on one baseline share a TJ array;
 * the gaps between them and pair kerning (libharu has none) become adjustments computed from the font's
 * /W widths, so every run starts where layout put it.  Then links, outline, page labels and metadata.
 * libharu's own ToUnicode CMap for these fonts is invalid (one begincidrange 0000-FFFF), so before saving
 * we rewrite it as bfrange / bfchar entries for exactly the code points drawn, which makes copy and
 * pdftotext give the right text.
 *
 * Pages are written as layout finishes them (zw_pdf_pages); their deflated contents wait in a temporary
 * spill file, not in libharu's memory, and libharu reads them back from there when it saves.
 * libharu errors are sticky: the first one is recorded by our handler and ends the document.  The file is
 * written by libharu through our own stream into `<path>.tmp.<pid>` and renamed over `path` only on success.
 * No clocks, no randomness: the same display list always gives the same bytes. */
#include "zw_pdf.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>
#include <libdeflate.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "zw_arena.h"
#include "zw_utf8.h"

#ifndef ZW_VERSION
#define ZW_VERSION "dev"
#endif

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
} tj_state;

/* State of one PDF being written (zw_pdf). */
typedef struct zw_pdf {
    const zw_display *dl;   /* what to write */
    zw_diags *d;            /* where problems go */
    const char *path;       /* target file, for messages */
    HPDF_Doc pdf;           /* the libharu document */
    pdf_err err;            /* first libharu error */
    bool failed;            /* an error has been reported; stop */
    const char **fontname;  /* per face: libharu's font name after loading */
    HPDF_Font *font;        /* per face: the UTF-8 font, created on first use */
    uint8_t *used;          /* per face: NCODES/8-byte bitmap of code points drawn */
    HPDF_Page *page;        /* per display page written so far */
    size_t npage, cappage;
    struct plink { size_t page; zw_link l; } *links;   /* links of the pages written, added at the end */
    size_t nlinks, caplinks;
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
} zw_pdf;
typedef zw_pdf writer;

static void HPDF_STDCALL on_error(HPDF_STATUS code, HPDF_STATUS detail, void *user) {
    pdf_err *e = user;
    if (e->code == 0) {
        e->code = code;
        e->detail = detail;
    }
}

static zw_pos file_pos(const char *file) { return (zw_pos){file, 0, 0}; }

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
static bool failed(writer *w) {
    if (w->failed) return true;
    if (w->err.code == 0 && HPDF_GetError(w->pdf) != HPDF_OK) {
        w->err.code = HPDF_GetError(w->pdf);
        w->err.detail = HPDF_GetErrorDetail(w->pdf);
    }
    if (w->err.code == 0) return false;
    zw_diag(w->d, ZW_ERROR, file_pos(w->path), "PDF error 0x%04X (detail %u): %s",
            (unsigned)w->err.code, (unsigned)w->err.detail, error_words((unsigned)w->err.code));
    w->failed = true;
    return true;
}

/* Report an error of our own and stop; always returns false. */
__attribute__((format(printf, 2, 3)))
static bool fail(writer *w, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    zw_diagv(w->d, ZW_ERROR, file_pos(w->path), fmt, ap);
    va_end(ap);
    w->failed = true;
    return false;
}

/* ---- text ---------------------------------------------------------------------------------------- */

/* What we draw for cp: BMP printable characters as they are; controls and non-BMP as U+FFFD, because
 * the CID font has only BMP codes and layout has already reported uncovered characters. */
static uint32_t drawable(uint32_t cp) {
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp >= 0x10000) return 0xFFFD;
    return cp;
}

/* Copy s[0..n) into w->buf as NUL-terminated UTF-8 of drawable BMP characters, marking each code point
 * in `used` (a face's bitmap; NULL for none).  Returns the buffer, or NULL when out of memory. */
static const char *sanitize(writer *w, const char *s, size_t n, uint8_t *used) {
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

/* ---- fonts --------------------------------------------------------------------------------------- */

/* The libharu name of a face's font file, loaded when the face is first drawn: faces a document never
 * uses cost nothing.  NULL (the failure reported) when it cannot be read or embedded. */
static const char *face_name(writer *w, int face) {
    if (w->fontname[face]) return w->fontname[face];
    const char *file = w->dl->faces[face];
    FILE *f = file ? fopen(file, "rb") : NULL;
    if (!f) {
        fail(w, "cannot read font '%s': %s", file ? file : "(none)", file ? strerror(errno) : "no file name");
        return NULL;
    }
    fclose(f);
    w->fontname[face] = HPDF_LoadTTFontFromFile(w->pdf, file, HPDF_TRUE);
    if (!w->fontname[face])
        fail(w, "cannot load font '%s': not a TrueType font libharu can embed (PDF error 0x%04X)", file,
             (unsigned)w->err.code);
    return w->fontname[face];
}

/* A new UTF-8 CID font for a face.  libharu, creating one, looks every one of the 65 536 codes up in the
 * face's cmap (a linear search each) to fill /CIDToGIDMap and to list every glyph's width in /W: a few
 * milliseconds per face and a /W far larger than the document needs.  So the font is created while the
 * face's format-4 cmap shows one segment that maps every code to glyph 0 (so /W stays empty), and
 * fix_cid_maps writes both for the code points drawn.  The cmap is put back before anything else reads it. */
static HPDF_Font new_face_font(writer *w, int face) {
    const char *name = face_name(w, face);
    HPDF_FontDef def = name ? HPDF_GetFontDef(w->pdf, name) : NULL;
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return NULL;
    HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
    if (attr->cmap.format != 4) return HPDF_GetFont(w->pdf, name, "UTF-8");
    HPDF_TTF_CmapRange cmap = attr->cmap;
    /* One segment, the closing one of every format-4 cmap: FFFF..FFFF, mapped to glyph FFFF + 1 = 0.  Every
     * lower code stops at it too and, being below its start, gets glyph 0 (libharu 2.3.0 reads the segment
     * a code stops at, so there must be one for every code). */
    HPDF_UINT16 end = 0xFFFF, start = 0xFFFF, range_offset = 0;
    HPDF_INT16 delta = 1;
    attr->cmap.seg_count_x2 = 2;
    attr->cmap.end_count = &end;
    attr->cmap.start_count = &start;
    attr->cmap.id_delta = &delta;
    attr->cmap.id_range_offset = &range_offset;
    HPDF_Font font = HPDF_GetFont(w->pdf, name, "UTF-8");
    attr->cmap = cmap;
    return font;
}

/* The UTF-8 font of a face, created when first needed so unused faces are not embedded. */
static HPDF_Font face_font(writer *w, int face) {
    if (!w->font[face]) w->font[face] = new_face_font(w, face);
    return w->font[face];
}

static bool is_used(const uint8_t *used, unsigned cp) { return used[cp >> 3] >> (cp & 7) & 1; }

/* One begin…end section of k identity mappings: "<lo> <hi> <lo>" ranges or "<lo> <lo>" characters. */
static void cmap_section(HPDF_Stream s, const unsigned *lo, const unsigned *hi, unsigned k, bool ranges) {
    char line[48];
    snprintf(line, sizeof line, ranges ? "%u beginbfrange\n" : "%u beginbfchar\n", k);
    HPDF_Stream_WriteStr(s, line);
    for (unsigned j = 0; j < k; j++) {
        if (ranges) snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", lo[j], hi[j], lo[j]);
        else snprintf(line, sizeof line, "<%04X> <%04X>\n", lo[j], lo[j]);
        HPDF_Stream_WriteStr(s, line);
    }
    HPDF_Stream_WriteStr(s, ranges ? "endbfrange\n" : "endbfchar\n");
}

/* The bfrange (runs of two or more) or bfchar (single) entries of the ToUnicode CMap: every code point
 * in `used` maps to itself.  A range never crosses a 256-code boundary (the rule for 2-byte codes); at
 * most 100 entries per section. */
static void cmap_entries(HPDF_Stream s, const uint8_t *used, bool ranges) {
    unsigned lo[100], hi[100], k = 0;
    for (unsigned cp = 0; cp < NCODES;) {
        if (!is_used(used, cp)) { cp++; continue; }
        unsigned end = cp;
        while ((end + 1) % 256 != 0 && is_used(used, end + 1)) end++;
        if ((end > cp) == ranges) { lo[k] = cp; hi[k] = end; k++; }
        cp = end + 1;
        if (k == 100) { cmap_section(s, lo, hi, k, ranges); k = 0; }
    }
    if (k > 0) cmap_section(s, lo, hi, k, ranges);
}

/* Replace the content of a font's /ToUnicode stream by an identity CMap over the used code points. */
static bool fix_tounicode(writer *w, HPDF_Font font, const uint8_t *used) {
    HPDF_Dict tu = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream) return fail(w, "internal error: libharu font has no ToUnicode stream to fix");
    HPDF_MemStream_FreeData(tu->stream);
    /* libharu describes it as its UTF-8 CMap (Identity-H): a ToUnicode stream needs none of that */
    const char *keys[] = {"Type", "CMapName", "CIDSystemInfo", "WMode"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) HPDF_Dict_RemoveElement(tu, keys[i]);   /* sets no error */
    HPDF_Stream s = tu->stream;
    HPDF_Stream_WriteStr(s,
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    cmap_entries(s, used, true);
    cmap_entries(s, used, false);
    HPDF_Stream_WriteStr(s, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return !failed(w);
}

/* The CIDFont's CIDSystemInfo as Identity-H's own: Adobe / Identity / 0 (libharu writes the ordering
 * "Identity-H", which is the CMap's name, not an ordering). */
static bool fix_system_info(writer *w, HPDF_Font font) {
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_Dict d = HPDF_Dict_New(font->mmgr);
    if (!d || !fa->descendant_font) return failed(w) || fail(w, "out of memory");
    HPDF_STATUS st = HPDF_Dict_Add(d, "Registry", HPDF_String_New(font->mmgr, "Adobe", NULL));
    st |= HPDF_Dict_Add(d, "Ordering", HPDF_String_New(font->mmgr, "Identity", NULL));
    st |= HPDF_Dict_AddNumber(d, "Supplement", 0);
    st |= HPDF_Dict_Add(fa->descendant_font, "CIDSystemInfo", d);
    return st == HPDF_OK ? !failed(w) : failed(w) || fail(w, "out of memory");
}

static bool reserve(writer *w, size_t n);

/* Write the CID font's /W (widths that differ from the default, in runs of consecutive codes, as libharu
 * writes them) and its /CIDToGIDMap (two bytes a code, up to the highest code drawn) for the code points
 * in `used` (see new_face_font). */
static bool fix_cid_maps(writer *w, HPDF_Font font, const uint8_t *used) {
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_FontDef def = fa->fontdef;
    HPDF_Array widths = fa->descendant_font ? HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY)
                                            : NULL;
    if (!widths || !fa->map_stream) return fail(w, "internal error: libharu font has no /W or /CIDToGIDMap");
    HPDF_Array_Clear(widths);
    unsigned top = 0;
    for (unsigned cp = 0; cp < NCODES; cp++) top = is_used(used, cp) ? cp : top;
    w->buflen = 0;
    if (!reserve(w, 2 * (size_t)(top + 1))) return fail(w, "out of memory");
    HPDF_Array run = NULL;
    for (unsigned cp = 0; cp <= top; cp++) {
        HPDF_UINT16 gid = is_used(used, cp) ? HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) : 0;
        w->buf[2 * cp] = (char)(gid >> 8);
        w->buf[2 * cp + 1] = (char)(gid & 0xFF);
        HPDF_INT16 wd = is_used(used, cp) ? HPDF_TTFontDef_GetGidWidth(def, gid) : def->missing_width;
        if (wd == def->missing_width) { run = NULL; continue; }
        if (!run) {
            run = HPDF_Array_New(font->mmgr);
            if (!run || HPDF_Array_AddNumber(widths, (HPDF_INT32)cp) != HPDF_OK
                || HPDF_Array_Add(widths, run) != HPDF_OK)
                return failed(w) || fail(w, "out of memory");
        }
        if (HPDF_Array_AddNumber(run, wd) != HPDF_OK) return failed(w) || fail(w, "out of memory");
    }
    HPDF_MemStream_FreeData(fa->map_stream->stream);
    HPDF_Stream_Write(fa->map_stream->stream, (const HPDF_BYTE *)w->buf, 2 * (top + 1));
    w->buflen = 0;
    return !failed(w);
}

/* Fix every font in use; faces loaded from the same file share one font, so their sets are merged. */
static bool fix_fonts(writer *w) {
    size_t n = w->dl->nfaces, bytes = NCODES / 8;
    for (size_t i = 0; i < n; i++) {
        if (!w->font[i]) continue;
        bool first = true;
        for (size_t j = 0; j < i; j++) first = first && w->font[j] != w->font[i];
        if (!first) continue;
        for (size_t j = i + 1; j < n; j++)
            if (w->font[j] == w->font[i])
                for (size_t b = 0; b < bytes; b++) w->used[i * bytes + b] |= w->used[j * bytes + b];
        const uint8_t *used = w->used + i * bytes;
        if (!fix_tounicode(w, w->font[i], used) || !fix_cid_maps(w, w->font[i], used) || !fix_system_info(w, w->font[i]))
            return false;
    }
    return true;
}

/* ---- pages --------------------------------------------------------------------------------------- */

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }

/* ---- text as raw TJ arrays ----------------------------------------------------------------------- */

/* Append n bytes to the page's text buffer w->buf (w->buflen used); false when out of memory. */
/* Room for n more bytes in buf. */
static bool reserve(writer *w, size_t n) {
    if (w->buflen + n <= w->bufcap) return true;
    size_t cap = w->bufcap ? w->bufcap : 4096;
    while (cap < w->buflen + n) cap *= 2;
    char *b = zw_xrealloc(w->buf, cap);
    if (!b) return false;
    w->buf = b;
    w->bufcap = cap;
    return true;
}

static bool put(writer *w, const char *s, size_t n) {
    if (!reserve(w, n)) return false;
    memcpy(w->buf + w->buflen, s, n);
    w->buflen += n;
    return true;
}

static bool reserve_z(writer *w, size_t n) {
    if (n <= w->zcap) return true;
    uint8_t *b = zw_xrealloc(w->zbuf, n);
    if (!b) return false;
    w->zbuf = b;
    w->zcap = n;
    return true;
}

/* v rounded to `dec` (0..3) decimals, without trailing zeros ("-1.5", "12", "0"), into out (>= 24 bytes);
 * returns the value written, so callers can follow exactly where the PDF puts the text.  Not a number or
 * beyond +-1e9 writes 0: the page then still parses. */
static double fmt_num(char *out, double v, int dec, size_t *len) {
    static const double scale[] = {1, 10, 100, 1000};
    if (!(v > -1e9 && v < 1e9)) v = 0;
    double t = v * scale[dec];
    long long q = (long long)(t < 0 ? t - 0.5 : t + 0.5);   /* half away from zero, as llround */
    unsigned long long u = q < 0 ? (unsigned long long)-q : (unsigned long long)q;
    unsigned s = (unsigned)scale[dec];
    unsigned long long ip = u / s;
    unsigned fp = (unsigned)(u % s);
    int d = dec;
    while (d > 0 && fp % 10 == 0) { fp /= 10; d--; }
    char tmp[32];
    size_t n = 0;
    for (int k = 0; k < d; k++) { tmp[n++] = (char)('0' + fp % 10); fp /= 10; }
    if (d > 0) tmp[n++] = '.';
    if (ip < 100000) {   /* most numbers: 32-bit division */
        unsigned small = (unsigned)ip;
        do { tmp[n++] = (char)('0' + small % 10); small /= 10; } while (small);
    } else {
        do { tmp[n++] = (char)('0' + ip % 10); ip /= 10; } while (ip);
    }
    if (q < 0) tmp[n++] = '-';
    for (size_t k = 0; k < n; k++) out[k] = tmp[n - 1 - k];
    *len = n;
    return (double)q / scale[dec];
}

/* Append a number (see fmt_num) followed by `sep`; returns the value written (NAN when out of memory). */
static double put_num(writer *w, double v, int dec, const char *sep) {
    char num[40];
    size_t n;
    double written = fmt_num(num, v, dec, &n);
    size_t k = strlen(sep);
    memcpy(num + n, sep, k);
    return put(w, num, n + k) ? written : NAN;
}

static bool draw_fills(writer *w, const zw_page *pg) {
    for (size_t i = 0; i < pg->nfills; i++) {
        const zw_fill *f = &pg->fills[i];
        if (isnan(put_num(w, clamp01(f->grey), 3, " g\012")) || isnan(put_num(w, f->x, 3, " "))
            || isnan(put_num(w, pg->height - f->y - f->h, 3, " ")) || isnan(put_num(w, f->w, 3, " "))
            || isnan(put_num(w, f->h, 3, " re\012f\012")))
            return false;
    }
    return true;
}

static bool draw_rules(writer *w, const zw_page *pg) {
    for (size_t i = 0; i < pg->nrules; i++) {
        const zw_rule *r = &pg->rules[i];
        if (isnan(put_num(w, r->width > 0 ? r->width : 0, 3, " w\012"))
            || isnan(put_num(w, clamp01(r->grey), 3, " G\012")) || isnan(put_num(w, r->x0, 3, " "))
            || isnan(put_num(w, pg->height - r->y0, 3, " m\012")) || isnan(put_num(w, r->x1, 3, " "))
            || isnan(put_num(w, pg->height - r->y1, 3, " l\012S\012")))
            return false;
    }
    return true;
}

/* Advance of code point cp in the face's font, 1/1000 em, exactly as libharu writes it in /W. */
static int glyph_width(writer *w, int face, uint32_t cp) {
    int16_t *wd = w->widths + (size_t)face * NCODES;
    if (wd[cp] == INT16_MIN) wd[cp] = (int16_t)HPDF_Font_GetUnicodeWidth(face_font(w, face), (HPDF_UNICODE)cp);
    return wd[cp];
}

/* Close the open TJ array, if any. */
static bool tj_close(writer *w) {
    if (!w->tj.open) return true;
    w->tj.open = false;
    bool instr = w->tj.instr;
    w->tj.instr = false;
    w->tj.num = false;
    return put(w, instr ? ")] TJ\012" : "] TJ\012", instr ? 6 : 5);
}

/* Write one adjustment inside the open array: whole thousandths of an em, as pdfTeX writes them (the pen
 * follows the value written, so the rounding, at most 0.005 pt at 10 pt, never adds up), TJ's sign:
 * positive moves left. */
static bool tj_adjust(writer *w, double adj, double *written) {
    if (!reserve(w, 40)) return false;   /* ") " and the number go straight into the buffer */
    char *s = w->buf + w->buflen;
    size_t pre = w->tj.instr ? 2 : 1, n;
    *written = fmt_num(s + pre, adj, 0, &n);
    if (*written == 0) return true;
    if (w->tj.instr) *s++ = ')';
    *s = ' ';
    w->buflen += pre + n;
    w->tj.instr = false;
    w->tj.num = true;
    return true;
}

/* Move to (x, y) in PDF coordinates with Td (relative to the current line start) and open an array. */
static bool tj_start(writer *w, double x, double y) {
    if (!tj_close(w)) return false;
    double dx = put_num(w, x - w->tj.lx, 3, " "), dy = put_num(w, y - w->tj.ly, 3, " Td\012[");
    if (isnan(dx) || isnan(dy)) return false;
    w->tj.lx += dx;
    w->tj.ly += dy;
    w->tj.px = w->tj.lx;
    w->tj.y = y;
    w->tj.open = true;
    w->tj.instr = false;
    w->tj.chars = 0;
    return true;
}

/* One byte of a literal string: the delimiters and the backslash escaped, and the line ends too (a
 * reader would turn a bare CR into LF). */
static size_t str_byte(char *out, unsigned b) {
    static const char esc[] = {[0x0A] = 'n', [0x0D] = 'r', [0x28] = '(', [0x29] = ')', [0x5C] = '\\'};
    if (b < sizeof esc && esc[b]) {
        out[0] = '\\';
        out[1] = esc[b];
        return 2;
    }
    out[0] = (char)b;
    return 1;
}

/* The run's characters into the open array: 2-byte CIDs (the BMP code point, as drawable() gives it, marked
 * in `used`) in literal strings — two bytes a glyph, half of hex's, which is what deflate has to read —
 * a kerning adjustment before each kerned character; the pen follows /W widths and kerns. */
static bool tj_chars(writer *w, const zw_run *r, uint8_t *used) {
    const char *p = r->text, *end = r->text + r->len;
    double adv = 0;   /* 1/1000 em */
    for (size_t i = 0; p < end; i++) {
        uint32_t cp = drawable(zw_utf8_next(&p, end));
        used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        double k;
        if (r->kern && i > 0 && r->kern[i] != 0) {
            if (!tj_adjust(w, -(double)r->kern[i], &k)) return false;
            adv -= k;
        }
        if (w->tj.chars >= TJ_CHARS) {   /* TJ moves the text position: the next array continues */
            if (!tj_close(w) || !put(w, "[", 1)) return false;
            w->tj.open = true;
            w->tj.chars = 0;
        }
        if (!reserve(w, 6)) return false;
        char *c = w->buf + w->buflen;
        size_t n = 0;
        if (!w->tj.instr && w->tj.num) c[n++] = ' ';   /* " (" after a number, "(" opening the array */
        if (!w->tj.instr) c[n++] = '(';
        n += str_byte(c + n, cp >> 8);
        n += str_byte(c + n, cp & 0xFF);
        w->buflen += n;
        w->tj.instr = true;
        w->tj.num = false;
        w->tj.chars++;
        adv += glyph_width(w, r->face, cp);
    }
    w->tj.px += adv * r->size / 1000;
    return true;
}

/* One run: it continues the open array when it sits on the same baseline further right (the gap becomes
 * an adjustment), otherwise a new array starts at its place. */
static bool tj_run(writer *w, const zw_run *r, const zw_page *pg, uint8_t *used) {
    double x = r->x, y = pg->height - r->y;
    double adj = (w->tj.px - x) * 1000 / r->size;
    bool same_line = w->tj.open && y == w->tj.y && x >= w->tj.px - 0.001 && adj > -30000;
    if (!same_line && !tj_start(w, x, y)) return false;
    double k = 0;
    if (same_line && !tj_adjust(w, adj, &k)) return false;
    w->tj.px -= k * r->size / 1000;
    return tj_chars(w, r, used);
}

/* Set face and size: the font is named in the page's resources through libharu. */
static bool set_font(writer *w, HPDF_Page page, int face, double size) {
    HPDF_Font font = face_font(w, face);
    const char *name = font ? HPDF_Page_GetLocalFontName(page, font) : NULL;
    if (!name) return false;
    if (!tj_close(w) || !put(w, "/", 1) || !put(w, name, strlen(name)) || !put(w, " ", 1)) return false;
    return !isnan(put_num(w, size, 3, " Tf\012"));
}

/* All runs of a page in one BT/ET: runs of one face and size on one baseline share a TJ array. */
static bool draw_text(writer *w, HPDF_Page page, const zw_page *pg) {
    if (pg->nruns == 0) return true;
    if (!put(w, "0 g\012BT\012", 7)) return fail(w, "out of memory");
    w->tj = (tj_state){0};
    int face = -1;
    double size = -1;
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *r = &pg->runs[i];
        if (!r->text || r->len == 0) continue;
        if (r->face < 0 || (size_t)r->face >= w->dl->nfaces)
            return fail(w, "internal error: a text run uses face %d, but there are %zu faces", r->face,
                        w->dl->nfaces);
        if (r->face != face || r->size != size) {
            if (!set_font(w, page, r->face, r->size)) return failed(w) || fail(w, "out of memory");
            face = r->face;
            size = r->size;
        }
        if (!tj_run(w, r, pg, w->used + (size_t)r->face * (NCODES / 8))) return fail(w, "out of memory");
    }
    if (!tj_close(w) || !put(w, "ET\012", 3)) return fail(w, "out of memory");
    return !failed(w);
}

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream) {
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* A page's deflated content where it waits in the spill file: libharu reads it from there as the
 * page's content stream when the document is saved, so that the pages written so far do not stay in
 * memory (a stream libharu keeps in memory holds a 3 000-page budget's 20 MB and more). */
typedef struct spilled {
    FILE *f;
    uint64_t off;           /* where it starts in f */
    HPDF_UINT32 len, pos;   /* its bytes, and how many have been read */
} spilled;

static HPDF_STATUS spill_read(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size) {
    spilled *sp = s->attr;
    HPDF_UINT n = sp->len - sp->pos < *size ? sp->len - sp->pos : *size;
    if (n && pread(fileno(sp->f), ptr, n, (off_t)(sp->off + sp->pos)) != (ssize_t)n) {
        *size = 0;
        return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
    }
    sp->pos += n;
    *size = n;
    return sp->pos == sp->len ? HPDF_STREAM_EOF : HPDF_OK;
}

static HPDF_STATUS spill_seek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode) {
    spilled *sp = s->attr;
    long at = mode == HPDF_SEEK_SET ? pos : mode == HPDF_SEEK_CUR ? (long)sp->pos + pos : (long)sp->len + pos;
    if (at < 0 || at > (long)sp->len) return HPDF_SetError(s->error, HPDF_STREAM_EOF, 0);
    sp->pos = (HPDF_UINT32)at;
    return HPDF_OK;
}

static HPDF_INT32 spill_tell(HPDF_Stream s) { return (HPDF_INT32)((spilled *)s->attr)->pos; }
static HPDF_UINT32 spill_size(HPDF_Stream s) { return ((spilled *)s->attr)->len; }
static void spill_free(HPDF_Stream s) { free(s->attr); }

/* Append the deflated content (w->zbuf, n bytes) to the spill file and make it the page's stream. */
static bool spill(writer *w, HPDF_Dict contents, size_t n) {
    if (!w->spill) {
        if (!(w->spill = tmpfile()))
            return fail(w, "cannot create a temporary file for the page contents: %s", strerror(errno));
        setvbuf(w->spill, NULL, _IOFBF, IO_BUF);
    }
    if (fwrite(w->zbuf, 1, n, w->spill) != n)
        return fail(w, "cannot write the page contents to a temporary file: %s", strerror(errno));
    spilled *sp = zw_xmalloc(sizeof *sp);
    HPDF_Stream s = sp ? HPDF_CallbackReader_New(w->pdf->mmgr, spill_read, spill_seek, spill_tell, spill_size, sp) : NULL;
    if (!s) { free(sp); return failed(w) || fail(w, "out of memory"); }
    *sp = (spilled){w->spill, w->spilled, (HPDF_UINT32)n, 0};
    s->free_fn = spill_free;
    w->spilled += n;
    HPDF_Stream_Free(contents->stream);
    contents->stream = s;
    return true;
}

/* The page's operators, deflated here (at DEFLATE_LEVEL: libharu's fixed default level cost a quarter of
 * a render) and handed to the page's content stream with /Filter /FlateDecode. */
static bool write_content(writer *w, HPDF_Page page) {
    HPDF_Dict contents = ((HPDF_PageAttr)page->attr)->contents;
    size_t n = libdeflate_zlib_compress_bound(w->deflater, w->buflen);
    if (!reserve_z(w, n)) return fail(w, "out of memory");
    n = libdeflate_zlib_compress(w->deflater, w->buf, w->buflen, w->zbuf, n);
    if (n == 0) return fail(w, "internal error: the page content did not fit its deflate bound");
    contents->filter = HPDF_STREAM_FILTER_NONE;   /* libharu would drop a /Filter entry we added: */
    contents->write_fn = write_flate_filter;      /* it is written by this hook instead */
    return spill(w, contents, n) && !failed(w);
}

/* libharu's subset keeps the outlines of glyphs it has measured: measure every character drawn once. */
static bool mark_glyphs(writer *w) {
    for (size_t f = 0; f < w->dl->nfaces; f++) {
        if (!w->font[f]) continue;
        const uint8_t *used = w->used + f * (NCODES / 8);
        w->buflen = 0;
        for (unsigned cp = 0; cp < NCODES; cp++) {
            char c[4];
            if (is_used(used, cp) && !put(w, c, zw_utf8_put(c, cp))) return fail(w, "out of memory");
        }
        if (w->buflen) HPDF_Font_TextWidth(w->font[f], (const HPDF_BYTE *)w->buf, (HPDF_UINT)w->buflen);
        w->buflen = 0;
    }
    return !failed(w);
}

/* Keep a page's links until every page is written: a link may point to a page not written yet. */
static bool keep_links(writer *w, size_t p, const zw_page *pg) {
    for (size_t k = 0; k < pg->nlinks; k++) {
        if (!zw_grow((void **)&w->links, &w->caplinks, w->nlinks, sizeof *w->links)) return false;
        w->links[w->nlinks++] = (struct plink){p, pg->links[k]};
    }
    return true;
}

/* A new libharu page for display page p, its content drawn and deflated. */
static bool draw_page(writer *w, size_t p) {
    const zw_page *pg = &w->dl->pages[p];
    if (!zw_grow((void **)&w->page, &w->cappage, w->npage, sizeof *w->page)) return fail(w, "out of memory");
    HPDF_Page page = HPDF_AddPage(w->pdf);
    if (!page) return failed(w) || fail(w, "out of memory");
    w->page[w->npage++] = page;
    HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height);
    w->buflen = 0;
    if (!draw_fills(w, pg) || !draw_rules(w, pg) || !keep_links(w, p, pg)) return fail(w, "out of memory");
    return draw_text(w, page, pg) && write_content(w, page);
}

/* ---- navigation ---------------------------------------------------------------------------------- */

/* An XYZ destination at height y (display coordinates) on page index p, keeping the zoom at 100 %. */
static HPDF_Destination dest(writer *w, int p, double y) {
    if (p < 0 || (size_t)p >= w->npage) {
        fail(w, "internal error: a link or bookmark points to page %d of %zu", p + 1, w->npage);
        return NULL;
    }
    HPDF_Destination dst = HPDF_Page_CreateDestination(w->page[p]);
    if (dst) HPDF_Destination_SetXYZ(dst, 0, (HPDF_REAL)(w->dl->pages[p].height - y), 1);
    return dst;
}

static bool add_links(writer *w) {
    for (size_t i = 0; i < w->nlinks && !failed(w); i++) {
        const zw_link *l = &w->links[i].l;
        size_t p = w->links[i].page;
        double h = w->dl->pages[p].height;
        HPDF_Destination dst = dest(w, l->dest_page, l->dest_y);
        if (!dst) return false;
        HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(h - l->y - l->h), (HPDF_REAL)(l->x + l->w),
                          (HPDF_REAL)(h - l->y)};
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(w->page[p], rect, dst);
        if (!a) break;
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        HPDF_Dict_AddNumber(a, "F", 4);   /* Print: required by PDF/A */
    }
    return !failed(w);
}

/* Bookmarks nested by level: an entry hangs under the nearest preceding entry of a lower level. */
static bool add_outline(writer *w) {
    HPDF_Outline parent[8] = {0};   /* last entry per level 1..7 */
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    for (size_t i = 0; i < w->dl->noutline && !failed(w); i++) {
        const zw_outline *o = &w->dl->outline[i];
        int level = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
        HPDF_Outline up = NULL;
        for (int k = level - 1; k >= 1 && !up; k--) up = parent[k];
        const char *title = o->title ? o->title : "";
        if (!sanitize(w, title, strlen(title), NULL)) return fail(w, "out of memory");
        HPDF_Outline ol = HPDF_CreateOutline(w->pdf, up, w->buf, utf8);
        HPDF_Destination dst = dest(w, o->page, o->y);
        if (!ol || !dst) break;
        HPDF_Outline_SetDestination(ol, dst);
        HPDF_Outline_SetOpened(ol, level == 1);
        HPDF_Dict_RemoveElement(ol, "Type");   /* libharu marks items /Type /Outlines, which only the root is */
        parent[level] = ol;
        for (int k = level + 1; k < 8; k++) parent[k] = NULL;
    }
    if (w->dl->noutline > 0) HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return !failed(w);
}

/* Value of a roman numeral written in one case ("xiv", "XIV"); 0 when s is not one. */
static int roman(const char *s, bool upper) {
    static const char digits[] = "ivxlcdm";
    static const int values[] = {1, 5, 10, 50, 100, 500, 1000};
    int total = 0, prev = 0;
    size_t n = strlen(s);
    if (n == 0 || n > 15) return 0;
    for (size_t i = n; i-- > 0;) {
        if (upper && (s[i] < 'A' || s[i] > 'Z')) return 0;
        char c = upper ? (char)(s[i] - 'A' + 'a') : s[i];
        const char *p = c ? strchr(digits, c) : NULL;
        if (!p) return 0;
        int v = values[p - digits];
        total += v < prev ? -v : v;
        if (v > prev) prev = v;
    }
    return total;
}

/* Numbering style and value of a printed page label; decimal from the physical page when unreadable. */
static HPDF_PageNumStyle label_style(const char *label, size_t index, int *num) {
    *num = (int)index + 1;
    if (!label || !*label) return HPDF_PAGE_NUM_STYLE_DECIMAL;
    if (strspn(label, "0123456789") == strlen(label) && strlen(label) < 9) {
        int v = atoi(label);
        if (v >= 1) *num = v;
        return HPDF_PAGE_NUM_STYLE_DECIMAL;
    }
    int v;
    if ((v = roman(label, false)) > 0) { *num = v; return HPDF_PAGE_NUM_STYLE_LOWER_ROMAN; }
    if ((v = roman(label, true)) > 0) { *num = v; return HPDF_PAGE_NUM_STYLE_UPPER_ROMAN; }
    return HPDF_PAGE_NUM_STYLE_DECIMAL;
}

/* Page labels as printed: a new numbering range wherever a label does not continue the one before. */
static bool add_page_labels(writer *w) {
    HPDF_PageNumStyle prev_style = HPDF_PAGE_NUM_STYLE_EOF;
    int prev = 0;
    for (size_t i = 0; i < w->npage; i++) {
        int num;
        HPDF_PageNumStyle st = label_style(w->dl->pages[i].label, i, &num);
        if (st != prev_style || num != prev + 1)
            HPDF_AddPageLabel(w->pdf, (HPDF_UINT)i, st, (HPDF_UINT)num, NULL);
        prev_style = st;
        prev = num;
    }
    return !failed(w);
}

/* ---- metadata ------------------------------------------------------------------------------------ */

/* Midnight UTC of a YYYY-MM-DD date, written D:YYYYMMDD000000+00'00' (an explicit offset, as PDF/A's
 * XMP dates will need; libharu writes 'Z' as Z00'00'); false when the text is not a valid date. */
static bool parse_date(const char *s, HPDF_Date *out) {
    int y, m, d;
    char tail;
    if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap)) return false;
    *out = (HPDF_Date){y, m, d, 0, 0, 0, '+', 0, 0};
    return true;
}

static bool add_metadata(writer *w) {
    const zw_display *dl = w->dl;
    const char *attrs[][2] = {{dl->title, ""}, {dl->author, ""}, {dl->subject, ""}};
    const HPDF_InfoType types[] = {HPDF_INFO_TITLE, HPDF_INFO_AUTHOR, HPDF_INFO_SUBJECT};
    for (size_t i = 0; i < 3; i++) {
        if (!attrs[i][0] || !*attrs[i][0]) continue;
        if (!sanitize(w, attrs[i][0], strlen(attrs[i][0]), NULL)) return fail(w, "out of memory");
        HPDF_SetInfoAttr(w->pdf, types[i], w->buf);
    }
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, "zetwerk");
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_PRODUCER, "zetwerk " ZW_VERSION " (libharu " HPDF_VERSION_TEXT ")");
    HPDF_Date date;
    if (parse_date(dl->date, &date)) {
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(w->pdf, HPDF_INFO_MOD_DATE, date);
    } else if (dl->date) {
        zw_diag(w->d, ZW_WARNING, file_pos(w->path),
                "document date '%s' is not a YYYY-MM-DD date; the PDF gets no creation date", dl->date);
    }
    if (dl->lang && *dl->lang) {
        HPDF_String lang = HPDF_String_New(w->pdf->mmgr, dl->lang, NULL);
        if (lang) HPDF_Dict_Add(w->pdf->catalog, "Lang", lang);
    }
    return !failed(w);
}

/* ---- saving -------------------------------------------------------------------------------------- */

/* Open `<path>.tmp.<pid>` for writing, replacing a leftover of an earlier run with our pid. */
static FILE *open_temp(const char *tmp) {
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "wb");
    if (!f) close(fd);
    return f;
}

/* libharu's output goes straight into the temporary file. */
static HPDF_STATUS out_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT n) {
    writer *w = s->attr;
    errno = 0;
    if (fwrite(ptr, 1, n, w->out) == n) return HPDF_OK;
    w->out_errno = errno ? errno : EIO;
    return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
}

/* Save the document through out_write into the open temporary file; false with errno set (0: a libharu
 * error, already recorded). */
static bool save_into(writer *w, FILE *f) {
    if (w->spill && fflush(w->spill) != 0) return false;   /* the pages are read back from it */
    HPDF_Stream s = HPDF_CallbackWriter_New(w->pdf->mmgr, out_write, w);
    if (!s) { errno = 0; return false; }
    if (w->pdf->stream) HPDF_Stream_Free(w->pdf->stream);
    w->pdf->stream = s;
    w->out = f;
    setvbuf(f, NULL, _IOFBF, IO_BUF);   /* libharu writes in pieces of a few bytes */
    bool ok = HPDF_SaveToStream(w->pdf) == HPDF_OK;
    w->out = NULL;
    errno = w->out_errno;
    return ok;
}

static bool save(writer *w) {
    size_t n = strlen(w->path) + 32;
    char *tmp = zw_xmalloc(n);
    if (!tmp) return fail(w, "out of memory");
    snprintf(tmp, n, "%s.tmp.%ld", w->path, (long)getpid());
    FILE *f = open_temp(tmp);
    bool ok = f != NULL;
    if (ok) {
        ok = save_into(w, f);
        int e = errno;
        if (fclose(f) != 0 && ok) { ok = false; e = errno; }
        errno = e;
    }
    int e = errno;
    if (ok && rename(tmp, w->path) != 0) { ok = false; e = errno; }
    if (!ok) {
        if (f) unlink(tmp);
        if (e) fail(w, "cannot write '%s': %s", w->path, strerror(e));
        else if (!failed(w)) fail(w, "cannot write '%s': libharu could not save the document", w->path);
    }
    free(tmp);
    return ok;
}

/* ---- entry --------------------------------------------------------------------------------------- */

static bool alloc_writer(writer *w) {
    size_t nf = w->dl->nfaces ? w->dl->nfaces : 1;
    w->fontname = zw_xmalloc(nf * sizeof *w->fontname);
    w->font = zw_xmalloc(nf * sizeof *w->font);
    w->used = zw_xmalloc(nf * (NCODES / 8));
    w->widths = zw_xmalloc(nf * NCODES * sizeof *w->widths);
    w->deflater = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    if (!w->fontname || !w->font || !w->used || !w->widths || !w->deflater) return false;
    for (size_t i = 0; i < nf * NCODES; i++) w->widths[i] = INT16_MIN;
    memset(w->fontname, 0, nf * sizeof *w->fontname);
    memset(w->font, 0, nf * sizeof *w->font);
    memset(w->used, 0, nf * (NCODES / 8));
    return true;
}

void zw_pdf_drop(zw_pdf *w) {
    if (!w) return;
    if (w->pdf) HPDF_Free(w->pdf);
    free(w->fontname);
    free(w->font);
    free(w->used);
    free(w->page);
    free(w->links);
    free(w->widths);
    free(w->zbuf);
    free(w->buf);
    if (w->spill) fclose(w->spill);
    if (w->deflater) libdeflate_free_compressor(w->deflater);
    free(w);
}

/* libharu set-up: compression first (it only affects later objects), then the UTF-8 encoder. */
static bool start(writer *w) {
    w->pdf = HPDF_New(on_error, &w->err);
    if (!w->pdf) return fail(w, "out of memory");
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(w->pdf);
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    return !failed(w);
}

zw_pdf *zw_pdf_begin(const zw_display *dl, zw_diags *d, const char *path) {
    writer *w = zw_xmalloc(sizeof *w);
    if (!w) { zw_diag(d, ZW_ERROR, file_pos(path), "out of memory"); return NULL; }
    *w = (writer){.dl = dl, .d = d, .path = path};
    bool ok = alloc_writer(w) || fail(w, "out of memory");
    if (ok && start(w)) return w;
    zw_pdf_drop(w);
    return NULL;
}

bool zw_pdf_pages(zw_pdf *w, size_t from, size_t to) {
    if (from != w->npage) return fail(w, "internal error: page %zu written after %zu pages", from + 1, w->npage);
    for (size_t p = from; p < to; p++)
        if (!draw_page(w, p)) return false;
    return true;
}

bool zw_pdf_end(zw_pdf *w) {
    bool ok = w->npage > 0;
    if (!ok) zw_diag(w->d, ZW_ERROR, file_pos(w->path), "nothing to write: the document has no pages");
    ok = ok && add_metadata(w) && add_links(w) && add_outline(w) && add_page_labels(w) && mark_glyphs(w)
         && fix_fonts(w) && save(w);
    zw_pdf_drop(w);
    return ok;
}

bool zw_pdf_write(const zw_display *dl, zw_diags *d, const char *path) {
    if (dl->npages == 0) {
        zw_diag(d, ZW_ERROR, file_pos(path), "nothing to write: the document has no pages");
        return false;
    }
    zw_pdf *w = zw_pdf_begin(dl, d, path);
    if (!w) return false;
    if (!zw_pdf_pages(w, 0, dl->npages)) { zw_pdf_drop(w); return false; }
    return zw_pdf_end(w);
}
