/* pdf.c — the PDF document: display list → PDF through libharu 2.3.0 (the PDF module is this file,
 * pdf_meta.c, pdf_font.c, pdf_content.c, pdf_struct.c, pdf_file.c, pdf_image.c and pdf_base.c, the only
 * files that include <hpdf.h>, through pdf_int.h).
 *
 * Pages come in order as layout finishes them (zw_pdf_pages); pdf_content.c writes each page's content
 * as raw operators and deflates it into a spill file, from which libharu reads it back when it saves.
 * At the end come the metadata and PDF/A's parts (pdf_meta.c), the links (into the document, a link may
 * point forward; or to an address, /URI), the outline and page labels (with prefixes: A-1); the fonts are fixed up for exactly the code points drawn (pdf_font.c), and
 * libharu saves through our own stream into `<path>.tmp.<pid>`, renamed over `path` only on success.
 * libharu errors are sticky: the first one is recorded by our handler and ends the document.  No clocks, no randomness: the same display
 * list always gives the same bytes. */
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"


/* Keep a page's links until every page is written: a link may point to a page not written yet. */
static bool keep_links(writer *w, size_t p, const zw_page *pg) {
    for (size_t k = 0; k < pg->nlinks; k++) {
        if (!zw_grow((void **)&w->links, &w->caplinks, w->nlinks, sizeof *w->links)) return false;
        w->links[w->nlinks++] = (pdf_link){p, pg->links[k], -1, NULL, 0, NULL};
    }
    return true;
}

/* An XYZ destination at height y (display coordinates) on page index p, keeping the zoom at 100 %, as
 * a direct array: libharu's destinations are objects of their own, which PDF/A validators (Preflight)
 * refuse as an outline item's or a link's /Dest.  NULL after reporting. */
static HPDF_Array dest(writer *w, int p, double y) {
    if (p < 0 || (size_t)p >= w->npage) {
        zw_pdf_fail(w, "internal error: a link or bookmark points to page %d of %zu", p + 1, w->npage);
        return NULL;
    }
    HPDF_Array dst = HPDF_Array_New(w->pdf->mmgr);
    if (!dst) return NULL;
    HPDF_Array_Add(dst, w->page[p]);
    HPDF_Array_AddName(dst, "XYZ");
    HPDF_Array_AddNumber(dst, 0);
    HPDF_Array_AddReal(dst, (HPDF_REAL)(w->dl->pages[p].height - y));
    HPDF_Array_AddNumber(dst, 1);
    return zw_pdf_failed(w) ? NULL : dst;
}

/* A link annotation on page p: no border, printable (/F 4, as PDF/A requires), with a direct /Dest, or
 * (dst NULL) a /URI action to an address outside; NULL when out of memory. */
static HPDF_Dict link_annot(writer *w, size_t p, HPDF_Rect r, HPDF_Array dst, const char *uri) {
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict a = HPDF_Dict_New(mm);
    HPDF_Array rect = HPDF_Array_New(mm), border = HPDF_Array_New(mm);
    HPDF_Array annots = HPDF_Dict_GetItem(w->page[p], "Annots", HPDF_OCLASS_ARRAY);
    if (!annots && (annots = HPDF_Array_New(mm))) HPDF_Dict_Add(w->page[p], "Annots", annots);
    if (!a || !rect || !border || !annots || HPDF_Xref_Add(w->pdf->xref, a) != HPDF_OK) return NULL;
    HPDF_Dict_AddName(a, "Type", "Annot");
    HPDF_Dict_AddName(a, "Subtype", "Link");
    const HPDF_REAL corners[] = {r.left, r.bottom, r.right, r.top};
    for (int i = 0; i < 4; i++) HPDF_Array_AddReal(rect, corners[i]);
    HPDF_Dict_Add(a, "Rect", rect);
    for (int i = 0; i < 3; i++) HPDF_Array_AddNumber(border, 0);
    HPDF_Dict_Add(a, "Border", border);
    HPDF_Dict_AddNumber(a, "F", 4);
    if (dst) {
        HPDF_Dict_Add(a, "Dest", dst);
    } else {
        HPDF_Dict act = HPDF_Dict_New(mm);
        if (!act || !zw_pdf_sanitize(w, uri, strlen(uri), NULL)) return NULL;
        HPDF_String s = HPDF_String_New(mm, w->buf, NULL);
        if (!s) return NULL;
        HPDF_Dict_AddName(act, "S", "URI");
        HPDF_Dict_Add(act, "URI", s);
        HPDF_Dict_Add(a, "A", act);
    }
    HPDF_Array_Add(annots, a);
    return zw_pdf_failed(w) ? NULL : a;
}

static bool add_links(writer *w) {
    for (size_t i = 0; i < w->nlinks && !zw_pdf_failed(w); i++) {
        const zw_link *l = &w->links[i].l;
        size_t p = w->links[i].page;
        double h = w->dl->pages[p].height, y;
        int to;
        if (!zw_display_dest(w->dl, l, &to, &y))   /* an element never placed: no link */
            continue;
        HPDF_Array dst = l->uri ? NULL : dest(w, to, y);
        HPDF_Rect rect = {(HPDF_REAL)l->x, (HPDF_REAL)(h - l->y - l->h), (HPDF_REAL)(l->x + l->w),
                          (HPDF_REAL)(h - l->y)};
        HPDF_Dict a = l->uri || dst ? link_annot(w, p, rect, dst, l->uri) : NULL;
        if (!a) return zw_pdf_oom(w);
        w->links[i].annot = a;
        if (!zw_pdf_tag_link(w, i, w->page[p])) return zw_pdf_oom(w);
    }
    return !zw_pdf_failed(w);
}

/* Bookmarks nested by level: an entry hangs under the nearest preceding entry of a lower level. */
static bool add_outline(writer *w) {
    HPDF_Outline parent[8] = {0};   /* last entry per level 1..7 */
    HPDF_Encoder utf8 = HPDF_GetEncoder(w->pdf, "UTF-8");
    for (size_t i = 0; i < w->dl->noutline && !zw_pdf_failed(w); i++) {
        const zw_outline *o = &w->dl->outline[i];
        int level = o->level < 1 ? 1 : o->level > 7 ? 7 : o->level;
        HPDF_Outline up = NULL;
        for (int k = level - 1; k >= 1 && !up; k--) up = parent[k];
        const char *title = o->title ? o->title : "";
        if (!zw_pdf_sanitize(w, title, strlen(title), NULL)) return zw_pdf_fail(w, "out of memory");
        HPDF_Outline ol = HPDF_CreateOutline(w->pdf, up, w->buf, utf8);
        HPDF_Array dst = dest(w, o->page, o->y);
        if (!ol || !dst) break;
        HPDF_Dict_Add(ol, "Dest", dst);
        HPDF_Outline_SetOpened(ol, level == 1);
        HPDF_Dict_RemoveElement(ol, "Type");   /* libharu marks items /Type /Outlines, which only the root is */
        parent[level] = ol;
        for (int k = level + 1; k < 8; k++) parent[k] = NULL;
    }
    if (w->dl->noutline > 0) HPDF_SetPageMode(w->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return !zw_pdf_failed(w);
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

/* A page label as PDF's /PageLabels write it: a numbering style and the page's value in it, after a
 * prefix ("A-3": decimal 3 after "A-"; "iv": lower roman 4); a label that is none of these is decimal
 * from the physical page. */
typedef struct label_form {
    HPDF_PageNumStyle style;
    int num;
    char prefix[16];
} label_form;

static label_form label_of(const char *label, size_t index) {
    label_form f = {HPDF_PAGE_NUM_STYLE_DECIMAL, (int)index + 1, ""};
    size_t n = label ? strlen(label) : 0, digits = 0;
    while (digits < n && digits < 9 && label[n - 1 - digits] >= '0' && label[n - 1 - digits] <= '9') digits++;
    int v;
    if (digits > 0 && n - digits < sizeof f.prefix && (v = atoi(label + n - digits)) >= 1) {
        f.num = v;
        memcpy(f.prefix, label, n - digits);
        f.prefix[n - digits] = 0;
    } else if (n && (v = roman(label, false)) > 0) {
        f = (label_form){HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, v, ""};
    } else if (n && (v = roman(label, true)) > 0) {
        f = (label_form){HPDF_PAGE_NUM_STYLE_UPPER_ROMAN, v, ""};
    }
    return f;
}

/* Page labels as printed: a new numbering range wherever a label does not continue the one before. */
static bool add_page_labels(writer *w) {
    label_form prev = {HPDF_PAGE_NUM_STYLE_EOF, 0, ""};
    for (size_t i = 0; i < w->npage; i++) {
        label_form f = label_of(w->dl->pages[i].label, i);
        if (f.style != prev.style || f.num != prev.num + 1 || strcmp(f.prefix, prev.prefix))
            HPDF_AddPageLabel(w->pdf, (HPDF_UINT)i, f.style, (HPDF_UINT)f.num, f.prefix[0] ? f.prefix : NULL);
        prev = f;
    }
    return !zw_pdf_failed(w);
}

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
    if (fwrite_unlocked(ptr, 1, n, w->out) == n) return HPDF_OK;   /* one thread; libharu writes many small pieces */
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
    bool ok = zw_pdf_write_file(w, s);
    w->out = NULL;
    errno = w->out_errno;
    return ok;
}

static bool save(writer *w) {
    size_t n = strlen(w->path) + 32;
    char *tmp = zw_xmalloc(n);
    if (!tmp) return zw_pdf_fail(w, "out of memory");
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
        if (e) zw_pdf_fail(w, "cannot write '%s': %s", w->path, strerror(e));
        else if (!zw_pdf_failed(w)) zw_pdf_fail(w, "cannot write '%s': libharu could not save the document", w->path);
    }
    free(tmp);
    return ok;
}

static bool alloc_writer(writer *w) {
    size_t nf = w->dl->nfaces ? w->dl->nfaces : 1;
    w->fontname = zw_xmalloc(nf * sizeof *w->fontname);
    w->font = zw_xmalloc(nf * sizeof *w->font);
    w->used = zw_xmalloc(nf * (NCODES / 8));
    w->widths = zw_xmalloc(nf * NCODES * sizeof *w->widths);
    w->deflater = libdeflate_alloc_compressor(DEFLATE_LEVEL);
    w->images = zw_xmalloc((w->dl->nimages + 1) * sizeof *w->images);
    if (!w->fontname || !w->font || !w->used || !w->widths || !w->deflater || !w->images) return false;
    memset(w->images, 0, (w->dl->nimages + 1) * sizeof *w->images);
    for (size_t i = 0; i < nf * NCODES; i++) w->widths[i] = INT16_MIN;
    memset(w->fontname, 0, nf * sizeof *w->fontname);
    memset(w->font, 0, nf * sizeof *w->font);
    memset(w->used, 0, nf * (NCODES / 8));
    return true;
}

void zw_pdf_drop(zw_pdf *w) {
    if (!w) return;
    zw_pdf_tags_drop(w);
    if (w->pdf) HPDF_Free(w->pdf);
    for (size_t i = 0; i < w->nlinks; i++) free(w->links[i].text);
    free(w->fontname);
    free(w->font);
    free(w->used);
    free(w->page);
    free(w->links);
    free(w->late);
    free(w->widths);
    free(w->images);
    free(w->zbuf);
    free(w->buf);
    if (w->spill) fclose(w->spill);
    if (w->deflater) libdeflate_free_compressor(w->deflater);
    free(w);
}

/* libharu set-up: compression first (it only affects later objects), then the UTF-8 encoder. */
static bool start(writer *w) {
    w->pdf = HPDF_New(zw_pdf_on_error, &w->err);
    if (!w->pdf) return zw_pdf_fail(w, "out of memory");
    HPDF_SetCompressionMode(w->pdf, HPDF_COMP_ALL);
    w->pdf->pdf_version = HPDF_VER_17;   /* tagged PDF (PDF/UA-1 is on PDF 1.7) */
    HPDF_UseUTFEncodings(w->pdf);
    HPDF_SetCurrentEncoder(w->pdf, "UTF-8");
    return !zw_pdf_failed(w);
}

zw_pdf *zw_pdf_begin(const zw_display *dl, zw_diags *d, const char *path, const zw_pdf_opts *o) {
    writer *w = zw_xmalloc(sizeof *w);
    if (!w) { zw_diag(d, ZW_ERROR, zw_pdf_pos(path), "out of memory"); return NULL; }
    *w = (writer){.dl = dl, .d = d, .path = path, .opts = o ? *o : (zw_pdf_opts){.epoch = -1}};
    if (!w->opts.pdfa) w->opts.pdfa = zw_pdfa_lookup("off");
    bool ok = alloc_writer(w) || zw_pdf_fail(w, "out of memory");
    if (ok && start(w)) return w;
    zw_pdf_drop(w);
    return NULL;
}

bool zw_pdf_pages(zw_pdf *w, size_t from, size_t to) {
    if (from != w->npage) return zw_pdf_fail(w, "internal error: page %zu written after %zu pages", from + 1, w->npage);
    for (size_t p = from; p < to; p++)
        if (!keep_links(w, p, &w->dl->pages[p]) || !zw_pdf_draw_page(w, p)) return zw_pdf_oom(w);
    return true;
}

bool zw_pdf_end(zw_pdf *w) {
    bool ok = w->npage > 0;
    if (!ok) zw_diag(w->d, ZW_ERROR, zw_pdf_pos(w->path), "nothing to write: the document has no pages");
    ok = ok && zw_pdf_metadata(w) && add_links(w) && zw_pdf_tag_catalog(w) && add_outline(w) && add_page_labels(w) && zw_pdf_late(w)
         && zw_pdf_mark_glyphs(w) && zw_pdf_fix_fonts(w) && save(w);
    zw_pdf_drop(w);
    return ok;
}

bool zw_pdf_write(const zw_display *dl, zw_diags *d, const char *path) {
    if (dl->npages == 0) {
        zw_diag(d, ZW_ERROR, zw_pdf_pos(path), "nothing to write: the document has no pages");
        return false;
    }
    zw_pdf *w = zw_pdf_begin(dl, d, path, NULL);
    if (!w) return false;
    if (!zw_pdf_pages(w, 0, dl->npages)) { zw_pdf_drop(w); return false; }
    return zw_pdf_end(w);
}
