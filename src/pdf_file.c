/* pdf_file.c — the PDF file as it is saved, in place of libharu's HPDF_SaveToStream: libharu's objects
 * are written just as it writes them (each through HPDF_Obj_WriteValue), then the structure tree's
 * objects, which exist only now (pdf_struct.c formats them one by one from the element table), then the
 * cross-reference section and the trailer.  From PDF 1.5 on the tree's objects are packed into
 * compressed object streams with a cross-reference stream (some 20 bytes an element in the file instead
 * of 130, and nothing kept per object while saving); in an older version (PDF/A-1 forbids object streams)
 * they are plain objects with a cross-reference table, as libharu writes it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define OBJSTM_N 200   /* objects per object stream: a reader inflates a whole stream to read one */

/* A growable byte buffer of this file; oom is sticky. */
typedef struct bytes {
    char *s;
    size_t n, cap;
    bool oom;
} bytes;

static void add(bytes *b, const void *p, size_t n) {
    if (b->oom || n == 0) return;   /* memcpy wants a pointer even for nothing */
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n) cap *= 2;
        char *q = zw_xrealloc(b->s, cap);
        if (!q) { b->oom = true; return; }
        b->s = q;
        b->cap = cap;
    }
    memcpy(b->s + b->n, p, n);
    b->n += n;
}

static void add_str(bytes *b, const char *s) { add(b, s, strlen(s)); }

static void add_uint(bytes *b, uint64_t v, char after) {
    char s[24];
    size_t n = sizeof s;
    s[--n] = after;
    do { s[--n] = (char)('0' + v % 10); v /= 10; } while (v);
    add(b, s + n, sizeof s - n);
}

/* What the save keeps: the stream written to, and the numbers of its objects. */
typedef struct file {
    writer *w;
    HPDF_Stream s;
    size_t nlib;          /* libharu's objects: numbers 1 .. nlib-1 (0 is the free entry) */
    size_t ntree;         /* the tree's: numbers nlib .. */
    size_t nstm;          /* object streams: numbers nlib + ntree .. */
    uint32_t *off;        /* offset of each object stream, or (plain objects) of each of the tree's */
    bytes data, z;        /* an object stream's (or the cross-reference stream's) data, and deflated */
} file;

static bool put(file *f, const void *p, size_t n) {
    return HPDF_Stream_Write(f->s, (const HPDF_BYTE *)p, (HPDF_UINT)n) == HPDF_OK;
}

static bool put_bytes(file *f, const bytes *b) { return !b->oom && put(f, b->s, b->n); }

/* "n 0 obj\n" (formatted on the stack: a file's many headers allocate nothing) */
static bool obj_header(file *f, size_t n) {
    char s[40];
    int k = snprintf(s, sizeof s, "%zu 0 obj\012", n);
    return put(f, s, (size_t)k);
}

/* libharu's fonts create their descriptors and font files (new objects) when first written: let them do
 * so now, so that every object of libharu's is numbered before the tree's numbers follow them. */
static void settle_fonts(writer *w) {
    for (size_t i = 0; i < w->dl->nfaces; i++)
        if (w->font[i] && w->font[i]->before_write_fn) w->font[i]->before_write_fn(w->font[i]);
}

/* libharu's objects, as HPDF_Xref_WriteToStream writes them, each entry's offset recorded in it. */
static bool write_libharu(file *f) {
    HPDF_List list = f->w->pdf->xref->entries;
    for (size_t i = 1; i < f->nlib; i++) {
        HPDF_XrefEntry e = list->obj[i];
        e->byte_offset = f->s->size;
        if (!obj_header(f, i) || HPDF_Obj_WriteValue(e->obj, f->s, NULL) != HPDF_OK
            || HPDF_Stream_WriteStr(f->s, "\012endobj\012") != HPDF_OK)
            return false;
    }
    if (list->count != f->nlib)
        return zw_pdf_fail(f->w, "internal error: libharu added %u objects while saving", (unsigned)(list->count - f->nlib));
    return true;
}

/* Deflate f->data into f->z. */
static bool deflate_data(file *f) {
    writer *w = f->w;
    if (f->data.oom) return false;
    size_t bound = libdeflate_zlib_compress_bound(w->deflater, f->data.n);
    if (bound > f->z.cap) {
        char *q = zw_xrealloc(f->z.s, bound);
        if (!q) return false;
        f->z.s = q;
        f->z.cap = bound;
    }
    f->z.n = libdeflate_zlib_compress(w->deflater, f->data.s, f->data.n, f->z.s, bound);
    return f->z.n > 0;
}

/* Object stream k: the tree's objects k*OBJSTM_N …, each "<<…>>", after the header of their numbers and
 * offsets. */
static bool write_objstm(file *f, size_t k) {
    writer *w = f->w;
    size_t first = k * OBJSTM_N, n = f->ntree - first < OBJSTM_N ? f->ntree - first : OBJSTM_N;
    bytes head = {0}, body = {0};
    for (size_t i = 0; i < n; i++) {
        add_uint(&head, f->nlib + first + i, ' ');
        add_uint(&head, body.n, ' ');
        if (!zw_pdf_struct_object(w, first + i)) { body.oom = true; break; }
        add(&body, "<<", 2);
        add(&body, w->buf, w->buflen);
        add(&body, ">>\012", 3);
    }
    f->data.n = 0;
    add(&f->data, head.s, head.n);
    add(&f->data, body.s, body.n);
    bool ok = !head.oom && !body.oom && deflate_data(f);
    size_t first_off = head.n;
    free(head.s);
    free(body.s);
    if (!ok) return zw_pdf_fail(w, "out of memory");
    f->off[k] = f->s->size;
    bytes d = {0};
    add_str(&d, "<</Type/ObjStm/N ");
    add_uint(&d, n, '/');
    add_str(&d, "First ");
    add_uint(&d, first_off, '/');
    add_str(&d, "Filter/FlateDecode/Length ");
    add_uint(&d, f->z.n, '>');
    add_str(&d, ">\012stream\015\012");
    ok = obj_header(f, f->nlib + f->ntree + k) && put_bytes(f, &d) && put_bytes(f, &f->z)
         && put(f, "\012endstream\012endobj\012", 18);
    free(d.s);
    return ok;
}

/* The tree's objects as plain objects, each offset recorded. */
static bool write_plain(file *f) {
    for (size_t i = 0; i < f->ntree; i++) {
        f->off[i] = f->s->size;
        if (!zw_pdf_struct_object(f->w, i)) return zw_pdf_fail(f->w, "out of memory");
        if (!obj_header(f, f->nlib + i) || !put(f, "<<", 2) || !put(f, f->w->buf, f->w->buflen)
            || !put(f, ">>\012endobj\012", 10))
            return false;
    }
    return true;
}

/* The end of the file: startxref and %%EOF. */
static bool write_end(file *f, uint64_t xref) {
    char s[48];
    int k = snprintf(s, sizeof s, "startxref\012%llu\012%%%%EOF\012", (unsigned long long)xref);
    return put(f, s, (size_t)k);
}

/* A cross-reference table (as libharu writes it) and the trailer. */
static bool write_table(file *f) {
    HPDF_List list = f->w->pdf->xref->entries;
    size_t size = f->nlib + f->ntree;
    uint64_t at = f->s->size;
    bytes b = {0};
    add_str(&b, "xref\0120 ");
    add_uint(&b, size, '\012');
    for (size_t i = 0; i < size && !b.oom; i++) {
        char line[24];
        const HPDF_XrefEntry_Rec *e = i < f->nlib ? list->obj[i] : NULL;
        snprintf(line, sizeof line, "%010u %05u %c\015\012", e ? (unsigned)e->byte_offset : f->off[i - f->nlib],
                 e ? (unsigned)e->gen_no : 0, e ? e->entry_typ : 'n');
        add(&b, line, 20);
    }
    add_str(&b, "trailer\012");
    bool ok = put_bytes(f, &b) && HPDF_Dict_AddNumber(f->w->pdf->trailer, "Size", (HPDF_INT32)size) == HPDF_OK
              && HPDF_Dict_Write(f->w->pdf->trailer, f->s, NULL) == HPDF_OK && put(f, "\012", 1) && write_end(f, at);
    if (b.oom) ok = zw_pdf_fail(f->w, "out of memory");
    free(b.s);
    return ok;
}

/* One entry of the cross-reference stream: type, field 2 (4 bytes), field 3 (2 bytes). */
static void xref_entry(bytes *b, unsigned type, uint32_t f2, unsigned f3) {
    unsigned char e[7] = {(unsigned char)type, (unsigned char)(f2 >> 24), (unsigned char)(f2 >> 16),
                          (unsigned char)(f2 >> 8), (unsigned char)f2, (unsigned char)(f3 >> 8), (unsigned char)f3};
    add(b, e, 7);
}

/* A cross-reference stream (the last object), its dictionary the trailer's. */
static bool write_xref_stream(file *f) {
    HPDF_List list = f->w->pdf->xref->entries;
    size_t me = f->nlib + f->ntree + f->nstm, size = me + 1;
    uint32_t at = f->s->size;
    f->data.n = 0;
    xref_entry(&f->data, 0, 0, 0xFFFF);
    for (size_t i = 1; i < f->nlib; i++) xref_entry(&f->data, 1, ((HPDF_XrefEntry)list->obj[i])->byte_offset, 0);
    for (size_t i = 0; i < f->ntree; i++) xref_entry(&f->data, 2, (uint32_t)(f->nlib + f->ntree + i / OBJSTM_N), i % OBJSTM_N);
    for (size_t k = 0; k < f->nstm; k++) xref_entry(&f->data, 1, f->off[k], 0);
    xref_entry(&f->data, 1, at, 0);
    if (!deflate_data(f)) return zw_pdf_fail(f->w, "out of memory");
    HPDF_Dict tr = f->w->pdf->trailer;
    HPDF_Array wd = HPDF_Array_New(f->w->pdf->mmgr);
    if (!wd) return zw_pdf_oom(f->w);
    HPDF_Array_AddNumber(wd, 1);
    HPDF_Array_AddNumber(wd, 4);
    HPDF_Array_AddNumber(wd, 2);
    HPDF_Dict_AddName(tr, "Type", "XRef");
    HPDF_Dict_AddNumber(tr, "Size", (HPDF_INT32)size);
    HPDF_Dict_Add(tr, "W", wd);
    HPDF_Dict_AddName(tr, "Filter", "FlateDecode");
    HPDF_Dict_AddNumber(tr, "Length", (HPDF_INT32)f->z.n);
    return !zw_pdf_failed(f->w) && obj_header(f, me) && HPDF_Dict_Write(tr, f->s, NULL) == HPDF_OK
           && put(f, "\012stream\015\012", 9) && put_bytes(f, &f->z) && put(f, "\012endstream\012endobj\012", 18)
           && write_end(f, at);
}

bool zw_pdf_write_file(writer *w, HPDF_Stream s) {
    HPDF_Doc pdf = w->pdf;
    static const char binary[] = "%\267\276\255\252\012";   /* marks the file as binary, as libharu does */
    char header[24];
    snprintf(header, sizeof header, "%%PDF-1.%d\012", 2 + (int)pdf->pdf_version);
    settle_fonts(w);
    if (HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog) != HPDF_OK
        || (pdf->info && HPDF_Dict_Add(pdf->trailer, "Info", pdf->info) != HPDF_OK))
        return false;
    file f = {.w = w, .s = s, .nlib = pdf->xref->entries->count};
    bool packed = pdf->pdf_version >= HPDF_VER_15;
    if (!zw_pdf_struct_plan(w, (uint32_t)f.nlib, &f.ntree)) return false;
    f.nstm = packed ? (f.ntree + OBJSTM_N - 1) / OBJSTM_N : 0;
    size_t noff = packed ? f.nstm : f.ntree;
    f.off = zw_xmalloc((noff + 1) * sizeof *f.off);
    if (!f.off) return zw_pdf_fail(w, "out of memory");
    bool ok = HPDF_Stream_WriteStr(s, header) == HPDF_OK && HPDF_Stream_WriteStr(s, binary) == HPDF_OK
              && write_libharu(&f);
    if (ok && packed)
        for (size_t k = 0; k < f.nstm && ok; k++) ok = write_objstm(&f, k);
    else if (ok)
        ok = write_plain(&f);
    zw_pdf_struct_done(w);
    ok = ok && (packed ? write_xref_stream(&f) : write_table(&f));
    free(f.off);
    free(f.data.s);
    free(f.z.s);
    return ok;
}
