/* pdf_content.c — a page's content stream, written here as raw operators (libharu's per-call formatting
 * and fixed compression level were most of a render): the draft mark (a /Watermark artifact, rotated
 * along the page's diagonal), fills, rules, images, paths, then the text in one BT/ET block as Td/TJ
 * operators.  Runs of one element, face and size on one baseline share a TJ array; the
 * gaps between them and pair kerning (libharu has none) become adjustments computed from the font's /W
 * widths, so every run starts where layout put it.  A run of a line set with font expansion is drawn with
 * the horizontal scale Tz, which scales its glyphs and its adjustments alike: the pen follows the scaled
 * widths, and the gaps before runs are divided by the scale.  In a tagged document every piece is marked
 * content (pdf_struct.c): fills and rules a /Layout artifact, each element's text a sequence of its own
 * (its links' text and spans in another language one more each), furniture a /Pagination artifact; a late
 * box is drawn where its text is read, inside its element's sequence or as furniture.  The operators are
 * deflated with libdeflate and wait in a spill file, not in libharu's memory, until the document is
 * saved. */
#include <unistd.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

static double clamp01(double v) { return v < 0 ? 0 : v > 1 ? 1 : v; }


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
    return zw_pdf_put(w, num, n + k) ? written : NAN;
}

double zw_pdf_num(writer *w, double v, int dec, const char *sep) { return put_num(w, v, dec, sep); }

/* Set the fill (stroke: the stroking) colour to palette entry k: "v g" for a grey, "r g b rg" otherwise,
 * so that a greyscale document has no RGB operator at all. */
bool zw_pdf_color(writer *w, unsigned k, bool stroke) {
    zw_rgb c = k < w->dl->ncolors ? w->dl->colors[k] : (zw_rgb){0, 0, 0};
    double r = clamp01(c.r), g = clamp01(c.g), b = clamp01(c.b);
    if (r == g && g == b) return !isnan(put_num(w, r, 3, stroke ? " G\012" : " g\012"));
    return !isnan(put_num(w, r, 3, " ")) && !isnan(put_num(w, g, 3, " ")) &&
           !isnan(put_num(w, b, 3, stroke ? " RG\012" : " rg\012"));
}

static bool draw_fills(writer *w, const zw_page *pg) {
    for (size_t i = 0; i < pg->nfills; i++) {
        const zw_fill *f = &pg->fills[i];
        if (!zw_pdf_color(w, f->color, false) || isnan(put_num(w, f->x, 3, " "))
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
            || !zw_pdf_color(w, r->color, true) || isnan(put_num(w, r->x0, 3, " "))
            || isnan(put_num(w, pg->height - r->y0, 3, " m\012")) || isnan(put_num(w, r->x1, 3, " "))
            || isnan(put_num(w, pg->height - r->y1, 3, " l\012S\012")))
            return false;
    }
    return true;
}

static bool draw_layout(writer *w, const zw_page *pg) {
    if (pg->nfills + pg->nrules == 0) return true;
    const pdf_mark layout = {MC_LAYOUT, -1, -1, NULL};
    if (w->tags.on && !zw_pdf_mc_begin(w, &layout)) return false;
    return draw_fills(w, pg) && draw_rules(w, pg) && zw_pdf_mc_end(w);
}

/* One point of a path, in PDF coordinates, followed by `sep`. */
static bool path_point(writer *w, const zw_path *p, double x, double y, double page_h, const char *sep) {
    return !isnan(put_num(w, p->x + x, 3, " ")) && !isnan(put_num(w, page_h - (p->y + y), 3, sep));
}

/* The paths (charts) in their order, after the images and before the text: round joins and caps; each
 * path sets its colours, width and dash, then its segments, then f, S or B. */
static bool draw_paths(writer *w, const zw_page *pg) {
    if (pg->npaths && !zw_pdf_put(w, "1 J 1 j\012", 8)) return false;
    for (size_t i = 0; i < pg->npaths; i++) {
        const zw_path *p = &pg->paths[i];
        if (!p->nsegs || !p->paint) continue;
        const pdf_mark m = p->elem >= 0 ? (pdf_mark){MC_CONTENT, p->elem, -1, NULL} : (pdf_mark){MC_LAYOUT, -1, -1, NULL};
        if (w->tags.on && !zw_pdf_mc_begin(w, &m)) return false;
        bool fill = p->paint & ZW_PAINT_FILL, stroke = p->paint & ZW_PAINT_STROKE;
        if ((fill && !zw_pdf_color(w, p->fill, false)) || (stroke && !zw_pdf_color(w, p->stroke, true))) return false;
        if (stroke && isnan(put_num(w, p->width, 3, " w\012"))) return false;
        if (stroke && p->dash > 0
                ? !zw_pdf_put(w, "[", 1) || isnan(put_num(w, p->dash, 3, " ")) || isnan(put_num(w, p->dash, 3, "] 0 d\012"))
                : stroke && !zw_pdf_put(w, "[] 0 d\012", 8))
            return false;
        for (uint32_t k = 0; k < p->nsegs; k++) {
            const zw_seg *s = &p->segs[k];
            bool ok = s->op == 'M'   ? path_point(w, p, s->x[0], s->y[0], pg->height, " m\012")
                      : s->op == 'L' ? path_point(w, p, s->x[0], s->y[0], pg->height, " l\012")
                      : s->op == 'C' ? path_point(w, p, s->x[0], s->y[0], pg->height, " ")
                                           && path_point(w, p, s->x[1], s->y[1], pg->height, " ")
                                           && path_point(w, p, s->x[2], s->y[2], pg->height, " c\012")
                                     : zw_pdf_put(w, "h\012", 2);
            if (!ok) return false;
        }
        if (!zw_pdf_put(w, fill && stroke ? "B\012" : fill ? "f\012" : "S\012", 2)) return false;
    }
    return zw_pdf_mc_end(w);
}

/* Close the open TJ array, if any. */
static bool tj_close(writer *w) {
    if (!w->tj.open) return true;
    w->tj.open = false;
    bool instr = w->tj.instr;
    w->tj.instr = false;
    w->tj.num = false;
    return zw_pdf_put(w, instr ? ")] TJ\012" : "] TJ\012", instr ? 6 : 5);
}

/* Write one adjustment inside the open array: whole thousandths of an em, as pdfTeX writes them (the pen
 * follows the value written, so the rounding, at most 0.005 pt at 10 pt, never adds up), TJ's sign:
 * positive moves left. */
static bool tj_adjust(writer *w, double adj, double *written) {
    if (!zw_pdf_reserve(w, 40)) return false;   /* ") " and the number go straight into the buffer */
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

/* One character into the open array: a 2-byte CID (the BMP code point, as drawable() gives it, marked in
 * `used`) in a literal string — two bytes a glyph, half of hex's, which is what deflate has to read. */
static inline bool tj_glyph(writer *w, uint32_t cp, uint8_t *used) {
    used[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    if (w->tj.chars >= TJ_CHARS) {   /* TJ moves the text position: the next array continues */
        if (!tj_close(w) || !zw_pdf_put(w, "[", 1)) return false;
        w->tj.open = true;
        w->tj.chars = 0;
    }
    if (w->buflen + 6 > w->bufcap && !zw_pdf_reserve(w, 6)) return false;
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
    return true;
}

/* The advance of cp in face's font, 1/1000 em: from the writer's cache when it is there. */
static inline int glyph_width(writer *w, int face, uint32_t cp) {
    int wd = w->widths[(size_t)face * NCODES + cp];
    return wd != INT16_MIN ? wd : zw_pdf_glyph_width(w, face, cp);
}

/* The horizontal scale of a run: 1 + its expansion. */
static double hscale(const zw_run *r) { return 1 + r->expand / 10000.0; }

/* The run's characters into the open array, a kerning adjustment before each kerned character; the pen
 * follows /W widths and kerns, scaled by Tz. */
static bool tj_chars(writer *w, const zw_run *r, uint8_t *used) {
    const char *p = r->text, *end = r->text + r->len;
    double adv = 0;   /* 1/1000 em */
    uint32_t cp = 0;
    for (size_t i = 0; p < end; i++) {
        cp = drawable(zw_utf8_next(&p, end));
        if (cp == '-' && p == end && (r->flags & ZW_RUN_HYPHEN)) {   /* not the data's: a soft hyphen */
            cp = ZW_SOFT_HYPHEN;
            used['-' >> 3] |= (uint8_t)(1u << ('-' & 7));   /* its glyph, when the font has none of its own */
        }
        double k;
        if (r->kern && i > 0 && r->kern[i] != 0) {
            if (!tj_adjust(w, -(double)r->kern[i], &k)) return false;
            adv -= k;
        }
        if (!tj_glyph(w, cp, used)) return false;
        adv += glyph_width(w, r->face, cp);
    }
    w->tj.px += adv * r->size * hscale(r) / 1000;
    w->tj.last = cp;
    w->tj.any = true;
    return true;
}

/* Whether runs of elements a and b may follow each other in one text: the same element, one inside the
 * other (a note mark in its paragraph), or two marks side by side. */
static bool one_text(const zw_display *dl, int a, int b) {
    if (a == b) return true;
    if (a < 0 || b < 0 || (size_t)a >= dl->nelems || (size_t)b >= dl->nelems) return false;
    const zw_elem *ea = &dl->elems[a], *eb = &dl->elems[b];
    return ea->parent == b || eb->parent == a
           || (ea->parent == eb->parent && ea->role == ZW_ROLE_NOTE_MARK && eb->role == ZW_ROLE_NOTE_MARK);
}

/* Whether a word space separates run r (at x, y in PDF coordinates) from the text before it in this text
 * object: text of the same element (or of a mark in it) further along its line, or on a later line unless
 * the line before broke inside a word.  The space is written as a real space character (a gap alone is no
 * space to a screen reader, a copy or a search); within a word (a change of face, a superscript) there is
 * none. */
static bool space_before(const writer *w, const zw_run *r, double x, double y) {
    const tj_state *t = &w->tj;
    if (!t->any || t->last == ' ' || !one_text(w->dl, t->elem, r->elem)) return false;
    if (y < t->y - 0.6 * r->size) return !t->join;
    return y < t->y + 0.6 * r->size && x - t->px >= 0.1 * r->size;
}

/* One run: it continues the open array when it sits on the same baseline further right (the gap becomes
 * a space and an adjustment), otherwise a new array starts at its place (after a space, drawn just before
 * it, where one separates it from the text before). */
static bool tj_run(writer *w, const zw_run *r, double page_h, uint8_t *used) {
    double x = r->x, y = page_h - r->y, em = r->size * hscale(r);   /* what one unit of TJ moves, in 1/1000 */
    bool space = space_before(w, r, x, y);
    double sw = space ? glyph_width(w, r->face, ' ') * em / 1000 : 0;
    bool same_line = w->tj.open && y == w->tj.y && x >= w->tj.px + sw - 0.001
                     && (w->tj.px + sw - x) * 1000 / em > -30000 && r->elem == w->tj.elem;
    w->tj.elem = r->elem;   /* one element's text never shares a text operator with another's */
    if (!same_line && !tj_start(w, x - sw, y)) return false;
    if (space) {
        if (!tj_glyph(w, ' ', used)) return false;
        w->tj.px += sw;
        w->tj.last = ' ';
    }
    double k = 0;
    if (same_line && !tj_adjust(w, (w->tj.px - x) * 1000 / em, &k)) return false;
    w->tj.px -= k * em / 1000;
    w->tj.join = (r->flags & ZW_RUN_JOIN) != 0;
    return tj_chars(w, r, used);
}

/* The resources a content stream names its fonts in: a page's (through libharu), or a form XObject's. */
typedef struct resources {
    HPDF_Page page;         /* a page, or NULL: */
    HPDF_Dict fonts;        /* the /Font dictionary of a form XObject's resources */
} resources;

/* The name of a face's font in the resources. */
static const char *font_name(writer *w, resources *res, int face, char *buf, size_t cap) {
    HPDF_Font font = zw_pdf_face_font(w, face);
    if (!font) return NULL;
    if (res->page) return HPDF_Page_GetLocalFontName(res->page, font);
    snprintf(buf, cap, "F%d", face);
    if (!HPDF_Dict_GetItem(res->fonts, buf, HPDF_OCLASS_DICT) && HPDF_Dict_Add(res->fonts, buf, font) != HPDF_OK)
        return NULL;
    return buf;
}

/* Set face and size. */
static bool set_font(writer *w, resources *res, int face, double size) {
    char buf[16];
    const char *name = font_name(w, res, face, buf, sizeof buf);
    if (!name) return false;
    if (!tj_close(w) || !zw_pdf_put(w, "/", 1) || !zw_pdf_put(w, name, strlen(name)) || !zw_pdf_put(w, " ", 1)) return false;
    return !isnan(put_num(w, size, 3, " Tf\012"));
}

/* The text being written: where its names come from, the page's height (PDF's y runs upwards) and the
 * face, size and colour set (-1: none yet). */
typedef struct text_pen {
    resources *res;
    double page_h;
    int face;
    double size;
    int color;
} text_pen;

static bool text_begin(writer *w) {
    w->tj = (tj_state){0};   /* BT: the text matrix starts afresh */
    return zw_pdf_put(w, "BT\012", 3);
}

/* Set the horizontal scale (Tz) for runs of expansion `expand` (see zw_run). */
static bool set_scale(writer *w, int16_t expand) {
    if (!tj_close(w)) return false;
    w->tj.expand = expand;
    return !isnan(put_num(w, 100 + expand / 100.0, 2, " Tz\012"));
}

/* The scale back at 100 %: Tz is graphics state, which what follows (a late box, the next text) inherits. */
static bool reset_scale(writer *w) { return w->tj.expand == 0 || set_scale(w, 0); }

static bool text_end(writer *w) { return tj_close(w) && reset_scale(w) && zw_pdf_put(w, "ET\012", 3); }

/* One run: colour, face and size when they change, then its characters. */
static bool text_run(writer *w, text_pen *t, const zw_run *r) {
    if (r->face < 0 || (size_t)r->face >= w->dl->nfaces)
        return zw_pdf_fail(w, "internal error: a text run uses face %d, but there are %zu faces", r->face, w->dl->nfaces);
    if (r->color != t->color) {   /* (inside BT: allowed, and the text position stays) */
        if (!tj_close(w) || !zw_pdf_color(w, r->color, false)) return zw_pdf_oom(w);
        t->color = r->color;
    }
    if (r->face != t->face || r->size != t->size) {
        if (!set_font(w, t->res, r->face, r->size)) return zw_pdf_oom(w);
        t->face = r->face;
        t->size = r->size;
    }
    if (r->expand != w->tj.expand && !set_scale(w, r->expand)) return zw_pdf_oom(w);
    if (!tj_run(w, r, t->page_h, w->used + (size_t)r->face * (NCODES / 8))) return zw_pdf_fail(w, "out of memory");
    return true;
}

/* A late box's runs in one BT/ET (the content of its form XObject, marked where it is drawn). */
static bool draw_text(writer *w, resources *res, const zw_run *runs, size_t n, double page_h) {
    if (n == 0) return true;
    text_pen t = {res, page_h, -1, -1, -1};
    if (!text_begin(w)) return zw_pdf_fail(w, "out of memory");
    for (size_t i = 0; i < n; i++)
        if (runs[i].text && runs[i].len && !text_run(w, &t, &runs[i])) return false;
    if (!text_end(w)) return zw_pdf_fail(w, "out of memory");
    return !zw_pdf_failed(w);
}

/* ---- marked content ------------------------------------------------------------------------------- */

/* The link of the page being written (links[l0 …]) that covers run r — whose area holds the middle of
 * r's glyphs, and that belongs to r's element or to none; -1 when no link does. */
static int run_link(const writer *w, size_t l0, const zw_run *r) {
    double mx = r->x + r->w / 2, my = r->y - (r->ascent - r->descent) / 2;
    for (size_t k = l0; k < w->nlinks; k++) {
        const zw_link *l = &w->links[k].l;
        if (l->elem >= 0 && l->elem != r->elem) continue;
        if (mx >= l->x && mx <= l->x + l->w && my >= l->y && my <= l->y + l->h) return (int)k;
    }
    return -1;
}

static pdf_mark run_mark(const writer *w, const zw_page *pg, size_t l0, const zw_run *r) {
    if (r->role == ZW_ROLE_ARTIFACT) {   /* a copy of content printed before, or furniture */
        int kind = r->flags & ZW_RUN_REPEAT ? MC_PAGINATION : zw_pdf_furniture(pg, r->y - r->ascent, r->y + r->descent);
        return (pdf_mark){kind, -1, -1, NULL};
    }
    return (pdf_mark){MC_CONTENT, r->elem, run_link(w, l0, r), r->lang};
}

/* Keep the text link k covers, for its annotation's /Contents. */
static bool link_text(writer *w, int k, const zw_run *r) {
    pdf_link *l = &w->links[k];
    if (l->textlen + r->len + 2 > 400) return true;   /* enough to say what it is */
    char *t = zw_xrealloc(l->text, l->textlen + r->len + 2);
    if (!t) return false;
    if (l->textlen) t[l->textlen++] = ' ';
    memcpy(t + l->textlen, r->text, r->len);
    l->textlen += r->len;
    t[l->textlen] = 0;
    l->text = t;
    return true;
}

/* ---- late page content ------------------------------------------------------------------------- */

static bool late_box(writer *w, HPDF_Page page, size_t k);

/* Whether run r belongs to the text late box l stands in: its own element's, or (an element with no text
 * but the box: a {page} link) the text of its parent and of the parent's other children (links, marks). */
static bool late_text(const zw_display *dl, const zw_run *r, int elem, int parent) {
    if (r->role == ZW_ROLE_ARTIFACT || r->elem < 0 || (size_t)r->elem >= dl->nelems) return false;
    return r->elem == elem || (parent >= 0 && (r->elem == parent || dl->elems[r->elem].parent == parent));
}

/* Where late box l is read among the page's runs: the index of the run it comes before.  Furniture comes
 * after the text; content after the last run of its text that stands before it (on a line above, or to its
 * left on its line), else before its text's first run, else after the text. */
static size_t late_place(const zw_display *dl, const zw_page *pg, const zw_late *l) {
    if (l->elem < 0 || (size_t)l->elem >= dl->nelems) return pg->nruns;
    int parent = -1;
    for (int pass = 0; pass < 2; pass++) {   /* its element's runs; else its parent's text */
        size_t first = pg->nruns, after = pg->nruns + 1;
        for (size_t i = 0; i < pg->nruns; i++) {
            const zw_run *r = &pg->runs[i];
            if (!late_text(dl, r, l->elem, parent)) continue;
            if (first == pg->nruns) first = i;
            if (r->y < l->y || (r->y <= l->y + l->h && r->x + r->w <= l->x + 0.01)) after = i + 1;
        }
        if (first < pg->nruns) return after <= pg->nruns ? after : first;
        parent = dl->elems[l->elem].parent;
    }
    return pg->nruns;
}

/* Late box k drawn here, outside the text object (Do may not stand in one), in its own sequence. */
static bool draw_late(writer *w, HPDF_Page page, const zw_page *pg, size_t k) {
    const zw_late *l = &w->dl->lates[k];
    return zw_pdf_mc_box(w, pg, l->elem, l->y, l->y + l->h) && late_box(w, page, k) && zw_pdf_mc_end(w);
}

/* The page's text in one BT/ET — closed where a late box is read, and opened again — every piece in its
 * marked-content sequence (in a tagged document): a new one wherever the mark changes. */
static bool draw_page_text(writer *w, resources *res, const zw_page *pg, size_t l0) {
    HPDF_Page page = res->page;
    text_pen t = {res, pg->height, -1, -1, -1};
    size_t nlate = pg->late1 - pg->late0, *at = NULL;
    if (nlate && !(at = zw_xmalloc(nlate * sizeof *at))) return zw_pdf_fail(w, "out of memory");
    for (size_t k = 0; k < nlate; k++) at[k] = late_place(w->dl, pg, &w->dl->lates[pg->late0 + k]);
    bool ok = true, open = false;   /* a text object is open */
    for (size_t i = 0; ok && i <= pg->nruns; i++) {
        for (size_t k = 0; k < nlate && ok; k++) {
            if (at[k] != i) continue;
            ok = tj_close(w) && zw_pdf_mc_end(w) && (!open || text_end(w)) && draw_late(w, page, pg, pg->late0 + k);
            open = false;
        }
        if (!ok || i == pg->nruns) break;
        const zw_run *r = &pg->runs[i];
        if (!r->text || r->len == 0) continue;
        if (!open) ok = text_begin(w);
        open = true;
        if (ok && w->tags.on) {
            pdf_mark m = run_mark(w, pg, l0, r);
            if (!zw_pdf_same_mark(&m, &w->tags.open)) ok = tj_close(w) && zw_pdf_mc_begin(w, &m);
            if (ok && m.link >= 0) ok = link_text(w, m.link, r);
        }
        ok = ok && text_run(w, &t, r);
    }
    if (ok && open) ok = tj_close(w) && zw_pdf_mc_end(w) && text_end(w);
    free(at);
    return ok ? !zw_pdf_failed(w) : zw_pdf_oom(w);
}

/* The draft mark, first (behind everything), marked as page furniture: along the page's diagonal from the
 * lower left, centred on the page, its glyphs' middle on the diagonal. */
static bool draw_watermark(writer *w, resources *res, const zw_page *pg) {
    const zw_watermark *wm = &w->dl->watermark;
    const zw_run *r = &wm->run;
    if (!r->text || !r->len) return true;
    double a = atan2(pg->height, pg->width), c = cos(a), s = sin(a);
    double mid = r->ascent * 0.35;   /* about half the height of a capital */
    double x = pg->width / 2 - c * r->w / 2 + s * mid, y = pg->height / 2 - s * r->w / 2 - c * mid;
    if (!zw_pdf_put(w, "q\012/Artifact <</Type /Pagination /Subtype /Watermark>> BDC\012", 58)
        || isnan(put_num(w, wm->grey, 3, " g\012BT\012")))
        return zw_pdf_fail(w, "out of memory");
    w->tj = (tj_state){0};
    if (!set_font(w, res, r->face, r->size)) return zw_pdf_failed(w) || zw_pdf_fail(w, "out of memory");
    double m[6] = {c, s, -s, c, x, y};
    for (int i = 0; i < 6; i++)
        if (isnan(put_num(w, m[i], 3, i < 5 ? " " : " Tm\012"))) return zw_pdf_fail(w, "out of memory");
    w->tj.elem = r->elem;
    if (!tj_start(w, 0, 0) || !tj_chars(w, r, w->used + (size_t)r->face * (NCODES / 8)) || !tj_close(w)
        || !zw_pdf_put(w, "ET\012EMC\012Q\012", 9))
        return zw_pdf_fail(w, "out of memory");
    return !zw_pdf_failed(w);
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
            return zw_pdf_fail(w, "cannot create a temporary file for the page contents: %s", strerror(errno));
        setvbuf(w->spill, NULL, _IOFBF, IO_BUF);
    }
    if (fwrite(w->zbuf, 1, n, w->spill) != n)
        return zw_pdf_fail(w, "cannot write the page contents to a temporary file: %s", strerror(errno));
    spilled *sp = zw_xmalloc(sizeof *sp);
    HPDF_Stream s = sp ? HPDF_CallbackReader_New(w->pdf->mmgr, spill_read, spill_seek, spill_tell, spill_size, sp) : NULL;
    if (!s) { free(sp); return zw_pdf_oom(w); }
    *sp = (spilled){w->spill, w->spilled, (HPDF_UINT32)n, 0};
    s->free_fn = spill_free;
    w->spilled += n;
    if (contents->stream) HPDF_Stream_Free(contents->stream);
    contents->stream = s;
    return true;
}

/* The page's operators, deflated here (at DEFLATE_LEVEL: libharu's fixed default level cost a quarter of
 * a render) and handed to the page's content stream with /Filter /FlateDecode. */
static bool write_stream(writer *w, HPDF_Dict contents) {
    size_t n = libdeflate_zlib_compress_bound(w->deflater, w->buflen);
    if (!reserve_z(w, n)) return zw_pdf_fail(w, "out of memory");
    n = libdeflate_zlib_compress(w->deflater, w->buf, w->buflen, w->zbuf, n);
    if (n == 0) return zw_pdf_fail(w, "internal error: the page content did not fit its deflate bound");
    contents->filter = HPDF_STREAM_FILTER_NONE;   /* libharu would drop a /Filter entry we added: */
    contents->write_fn = write_flate_filter;      /* it is written by this hook instead */
    return spill(w, contents, n) && !zw_pdf_failed(w);
}

static bool write_content(writer *w, HPDF_Page page) { return write_stream(w, ((HPDF_PageAttr)page->attr)->contents); }

/* What every late box's form XObject shares, made with the first: a bounding box as large as any page
 * (nothing is clipped; the coordinates are the page's) and one resource dictionary, whose fonts are
 * added as the boxes' contents are written at the end. */
static bool late_shared(writer *w) {
    if (w->late_fonts) return true;
    HPDF_MMgr mm = w->pdf->mmgr;
    w->late_bbox = HPDF_Box_Array_New(mm, (HPDF_Box){0, 0, 14400, 14400});
    w->late_res = HPDF_Dict_New(mm);
    HPDF_Dict fonts = HPDF_Dict_New(mm);
    if (!w->late_bbox || !w->late_res || !fonts || HPDF_Xref_Add(w->pdf->xref, w->late_bbox)
        || HPDF_Xref_Add(w->pdf->xref, w->late_res) || HPDF_Dict_Add(w->late_res, "Font", fonts))
        return false;
    w->late_fonts = fonts;
    return true;
}

/* A form XObject for late box k of page `page`, drawn there now; its content is written at the end
 * (zw_pdf_late), into the spill file like a page's.  As small as libharu allows, as a 3 000-page document
 * has one on every page that prints the page count: a plain dictionary until then (libharu's stream
 * dictionary would keep an empty memory stream). */
static bool late_box(writer *w, HPDF_Page page, size_t k) {
    if (!zw_reserve((void **)&w->late, &w->caplate, w->dl->nlates, sizeof *w->late)) return zw_pdf_fail(w, "out of memory");
    HPDF_Dict x = late_shared(w) ? HPDF_Dict_New(w->pdf->mmgr) : NULL;
    if (!x || HPDF_Xref_Add(w->pdf->xref, x) || HPDF_Dict_AddName(x, "Subtype", "Form") || HPDF_Dict_Add(x, "BBox", w->late_bbox)
        || HPDF_Dict_Add(x, "Resources", w->late_res))
        return zw_pdf_oom(w);
    const char *name = HPDF_Page_GetXObjectName(page, x);
    if (!name) return zw_pdf_oom(w);
    w->late[k] = x;
    return zw_pdf_put(w, "/", 1) && zw_pdf_put(w, name, strlen(name)) && zw_pdf_put(w, " Do\012", 4);
}

bool zw_pdf_late(writer *w) {
    for (size_t p = 0; p < w->npage; p++)
    for (size_t k = w->dl->pages[p].late0; k < w->dl->pages[p].late1 && !zw_pdf_failed(w); k++) {
        const zw_late *l = &w->dl->lates[k];
        resources res = {NULL, w->late_fonts};
        w->buflen = 0;
        HPDF_Number length = HPDF_Number_New(w->pdf->mmgr, 0);   /* libharu writes a stream's length so */
        if (!length || HPDF_Xref_Add(w->pdf->xref, length) || HPDF_Dict_Add(w->late[k], "Length", length))
            return zw_pdf_oom(w);
        if (!draw_text(w, &res, l->runs, l->nruns, w->dl->pages[p].height) || !write_stream(w, w->late[k]))
            return false;
    }
    w->buflen = 0;
    return !zw_pdf_failed(w);
}

/* Link k's structure element: the link element whose text it covers holds its annotation itself; a link
 * over other text (a note mark, a note's number, a contents entry) gets a Link of its own inside. */
static bool link_sub(writer *w, size_t k) {
    int e = w->links[k].l.elem;
    bool own = e >= 0 && (size_t)e < w->dl->nelems && w->dl->elems[e].role == ZW_ROLE_LINK;
    w->links[k].sub = own ? -1 : zw_pdf_sub(w, e, (int)k, NULL);
    return own || w->links[k].sub >= 0;
}

/* A new libharu page for display page p, its content drawn and deflated.  Its links are kept already
 * (pdf.c: the last ones of w->links); in a tagged document each gets its Link element. */
bool zw_pdf_draw_page(writer *w, size_t p) {
    const zw_page *pg = &w->dl->pages[p];
    if (!zw_grow((void **)&w->page, &w->cappage, w->npage, sizeof *w->page)) return zw_pdf_fail(w, "out of memory");
    HPDF_Page page = HPDF_AddPage(w->pdf);
    if (!page) return zw_pdf_oom(w);
    w->page[w->npage++] = page;
    HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height);
    size_t l0 = w->nlinks;
    while (l0 > 0 && w->links[l0 - 1].page == p) l0--;
    if (p == 0) w->tags.on = w->dl->nelems > 0;   /* a display list without an element tree is not tagged */
    if (w->tags.on) {
        if (!zw_pdf_tag_page(w, page)) return zw_pdf_oom(w);
        for (size_t k = l0; k < w->nlinks; k++)
            if (!link_sub(w, k)) return zw_pdf_fail(w, "out of memory");
    }
    w->buflen = 0;
    resources res = {page, NULL};
    if (!draw_watermark(w, &res, pg)) return false;
    if (!draw_layout(w, pg)) return zw_pdf_fail(w, "out of memory");
    if (!zw_pdf_draw_pics(w, page, pg) || !zw_pdf_mc_end(w)) return zw_pdf_oom(w);
    if (!draw_paths(w, pg)) return zw_pdf_fail(w, "out of memory");
    if (!draw_page_text(w, &res, pg, l0)) return false;
    return write_content(w, page);
}
