/* pdf_font.c — the fonts of the PDF: TrueType faces embedded through libharu as Unicode CID fonts
 * (UTF-8 encoder, Identity-H, CID = BMP code point), each loaded when first drawn, and the corrections
 * libharu 2.3.0 needs before saving: a valid ToUnicode CMap, /W and /CIDToGIDMap for exactly the code
 * points drawn (libharu maps all 65 536 codes, one linear cmap search each), CIDSystemInfo, the
 * descriptor's CapHeight and, for PDF/A-1, its CIDSet.  A code point the face lacks but has a stand-in
 * for (zw_font_stand_in: U+00A0 in Carlito) is drawn with the stand-in's glyph and width; its ToUnicode
 * entry stays the code point itself. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

/* The libharu name of a face's font file, loaded when the face is first drawn: faces a document never
 * uses cost nothing.  NULL (the failure reported) when it cannot be read or embedded. */
static const char *face_name(writer *w, int face) {
    if (w->fontname[face]) return w->fontname[face];
    const char *file = w->dl->faces[face];
    FILE *f = file ? fopen(file, "rb") : NULL;
    if (!f) {
        zw_pdf_fail(w, "cannot read font '%s': %s", file ? file : "(none)", file ? strerror(errno) : "no file name");
        return NULL;
    }
    fclose(f);
    w->fontname[face] = HPDF_LoadTTFontFromFile(w->pdf, file, HPDF_TRUE);
    if (!w->fontname[face])
        zw_pdf_fail(w, "cannot load font '%s': not a TrueType font libharu can embed (PDF error 0x%04X)", file,
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
HPDF_Font zw_pdf_face_font(writer *w, int face) {
    if (!w->font[face]) w->font[face] = new_face_font(w, face);
    return w->font[face];
}

/* The glyph drawn for code point cp: the face's own, else its stand-in's; 0 (.notdef) when neither. */
static HPDF_UINT16 glyph_of(HPDF_FontDef def, uint32_t cp) {
    HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp);
    uint32_t alt = gid ? 0 : zw_font_stand_in(cp);
    return alt ? HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)alt) : gid;
}

static HPDF_FontDef font_def(HPDF_Font font) { return font ? ((HPDF_FontAttr)font->attr)->fontdef : NULL; }

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
    if (!tu || !tu->stream) return zw_pdf_fail(w, "internal error: libharu font has no ToUnicode stream to fix");
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
    return !zw_pdf_failed(w);
}

/* The CIDFont's CIDSystemInfo as Identity-H's own: Adobe / Identity / 0 (libharu writes the ordering
 * "Identity-H", which is the CMap's name, not an ordering). */
static bool fix_system_info(writer *w, HPDF_Font font) {
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_Dict d = HPDF_Dict_New(font->mmgr);
    if (!d || !fa->descendant_font) return zw_pdf_oom(w);
    HPDF_STATUS st = HPDF_Dict_Add(d, "Registry", HPDF_String_New(font->mmgr, "Adobe", NULL));
    st |= HPDF_Dict_Add(d, "Ordering", HPDF_String_New(font->mmgr, "Identity", NULL));
    st |= HPDF_Dict_AddNumber(d, "Supplement", 0);
    st |= HPDF_Dict_Add(fa->descendant_font, "CIDSystemInfo", d);
    return st == HPDF_OK ? !zw_pdf_failed(w) : zw_pdf_oom(w);
}

/* The highest code point in `used` (0 when none). */
static unsigned highest(const uint8_t *used) {
    unsigned top = NCODES;
    while (top > 0 && !used[(top - 1) >> 3]) top = (top - 1) & ~7u;   /* a byte at a time */
    while (top > 0 && !is_used(used, top - 1)) top--;
    return top ? top - 1 : 0;
}

/* The subset font program, /FontFile2, deflated as libharu would. */
static HPDF_Dict font_file(writer *w, HPDF_FontDef def) {
    HPDF_Dict ff = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!ff || HPDF_TTFontDef_SaveFontData(def, ff->stream) != HPDF_OK) return NULL;
    ff->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(ff, "Length1", ((HPDF_TTFontDefAttr)def->attr)->length1);
    HPDF_Dict_AddNumber(ff, "Length2", 0);
    HPDF_Dict_AddNumber(ff, "Length3", 0);
    return ff;
}

/* PDF/A-1's /CIDSet: a bit per CID present, high bit first — CID 0 (.notdef) and every code drawn. */
static HPDF_Dict cid_set(writer *w, const uint8_t *used) {
    size_t n = highest(used) / 8 + 1;
    w->buflen = 0;
    if (!zw_pdf_reserve(w, n)) return NULL;
    memset(w->buf, 0, n);
    for (size_t b = 0; b < n; b++)
        for (unsigned k = 0; k < 8; k++)
            if (is_used(used, (unsigned)(8 * b + k)) || b + k == 0) w->buf[b] |= (char)(0x80u >> k);
    HPDF_Dict set = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (!set) return NULL;
    set->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Stream_Write(set->stream, (const HPDF_BYTE *)w->buf, (HPDF_UINT)n);
    return set;
}

/* The CIDFont's descriptor, made here rather than by libharu (which makes it only while saving, when
 * nothing can be added any more, and leaves out the CapHeight PDF requires of every font): libharu's
 * entries, the CapHeight it measured from the 'H' (the ascent for a font without one) and, where the
 * profile asks for it (PDF/A-1), a /CIDSet.  libharu then uses it as it is. */
static bool fix_descriptor(writer *w, HPDF_Font font, const uint8_t *used) {
    HPDF_FontDef def = font_def(font);
    if (def->descriptor) return true;   /* a font of another face of the same file */
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict fd = HPDF_Dict_New(mm), ff = font_file(w, def);
    HPDF_Array bbox = HPDF_Box_Array_New(mm, def->font_bbox);
    HPDF_Dict set = w->opts.pdfa->cidset ? cid_set(w, used) : NULL;
    if (!fd || !ff || !bbox || (w->opts.pdfa->cidset && !set) || HPDF_Xref_Add(w->pdf->xref, fd) != HPDF_OK)
        return zw_pdf_oom(w);
    HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
    HPDF_Dict_AddName(fd, "FontName", ((HPDF_TTFontDefAttr)def->attr)->base_font);
    HPDF_Dict_AddNumber(fd, "Flags", def->flags);
    HPDF_Dict_Add(fd, "FontBBox", bbox);
    HPDF_Dict_AddNumber(fd, "ItalicAngle", def->italic_angle);
    HPDF_Dict_AddNumber(fd, "Ascent", def->ascent);
    HPDF_Dict_AddNumber(fd, "Descent", def->descent);
    HPDF_Dict_AddNumber(fd, "CapHeight", def->cap_height ? def->cap_height : def->ascent);
    HPDF_Dict_AddNumber(fd, "XHeight", def->x_height);
    HPDF_Dict_AddNumber(fd, "StemV", def->stemv);
    HPDF_Dict_Add(fd, "FontFile2", ff);
    if (set) HPDF_Dict_Add(fd, "CIDSet", set);
    def->descriptor = fd;
    return !zw_pdf_failed(w);
}

/* Write the CID font's /W (widths that differ from the default, in runs of consecutive codes, as libharu
 * writes them) and its /CIDToGIDMap (two bytes a code, up to the highest code drawn) for the code points
 * in `used` (see new_face_font). */
static bool fix_cid_maps(writer *w, HPDF_Font font, const uint8_t *used) {
    HPDF_FontAttr fa = (HPDF_FontAttr)font->attr;
    HPDF_FontDef def = fa->fontdef;
    HPDF_Array widths = fa->descendant_font ? HPDF_Dict_GetItem(fa->descendant_font, "W", HPDF_OCLASS_ARRAY)
                                            : NULL;
    if (!widths || !fa->map_stream) return zw_pdf_fail(w, "internal error: libharu font has no /W or /CIDToGIDMap");
    HPDF_Array_Clear(widths);
    unsigned top = highest(used);
    w->buflen = 0;
    if (!zw_pdf_reserve(w, 2 * (size_t)(top + 1))) return zw_pdf_fail(w, "out of memory");
    HPDF_Array run = NULL;
    for (unsigned cp = 0; cp <= top; cp++) {
        HPDF_UINT16 gid = is_used(used, cp) ? glyph_of(def, cp) : 0;
        if (gid == 0 && cp && is_used(used, cp) && w->opts.pdfa->part)   /* layout reported it where it could */
            return zw_pdf_fail(w, "the font '%s' has no glyph for U+%04X, which PDF/A forbids to draw",
                               def->base_font, cp);
        w->buf[2 * cp] = (char)(gid >> 8);
        w->buf[2 * cp + 1] = (char)(gid & 0xFF);
        HPDF_INT16 wd = is_used(used, cp) ? HPDF_TTFontDef_GetGidWidth(def, gid) : def->missing_width;
        if (wd == def->missing_width) { run = NULL; continue; }
        if (!run) {
            run = HPDF_Array_New(font->mmgr);
            if (!run || HPDF_Array_AddNumber(widths, (HPDF_INT32)cp) != HPDF_OK
                || HPDF_Array_Add(widths, run) != HPDF_OK)
                return zw_pdf_oom(w);
        }
        if (HPDF_Array_AddNumber(run, wd) != HPDF_OK) return zw_pdf_oom(w);
    }
    HPDF_MemStream_FreeData(fa->map_stream->stream);
    HPDF_Stream_Write(fa->map_stream->stream, (const HPDF_BYTE *)w->buf, 2 * (top + 1));
    w->buflen = 0;
    return !zw_pdf_failed(w);
}

/* Fix every font in use; faces loaded from the same file share one font, so their sets are merged. */
bool zw_pdf_fix_fonts(writer *w) {
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
        if (!fix_tounicode(w, w->font[i], used) || !fix_cid_maps(w, w->font[i], used) || !fix_system_info(w, w->font[i])
            || !fix_descriptor(w, w->font[i], used))
            return false;
    }
    return true;
}

/* Advance of code point cp in the face's font, 1/1000 em, exactly as fix_cid_maps writes it in /W. */
int zw_pdf_glyph_width(writer *w, int face, uint32_t cp) {
    int16_t *wd = w->widths + (size_t)face * NCODES;
    if (wd[cp] == INT16_MIN) {
        HPDF_FontDef def = font_def(zw_pdf_face_font(w, face));
        wd[cp] = def ? HPDF_TTFontDef_GetGidWidth(def, glyph_of(def, cp)) : 0;
    }
    return wd[cp];
}

/* libharu's subset keeps the outlines of glyphs it has measured (and the parts of composite glyphs):
 * measure every character drawn once, or its stand-in. */
bool zw_pdf_mark_glyphs(writer *w) {
    for (size_t f = 0; f < w->dl->nfaces; f++) {
        if (!w->font[f]) continue;
        const uint8_t *used = w->used + f * (NCODES / 8);
        HPDF_FontDef def = font_def(w->font[f]);
        w->buflen = 0;
        for (unsigned cp = 0; cp < NCODES; cp++) {
            char c[4];
            if (!is_used(used, cp)) continue;
            uint32_t alt = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)cp) ? 0 : zw_font_stand_in(cp);
            if (!zw_pdf_put(w, c, zw_utf8_put(c, alt ? alt : cp))) return zw_pdf_fail(w, "out of memory");
        }
        if (w->buflen) HPDF_Font_TextWidth(w->font[f], (const HPDF_BYTE *)w->buf, (HPDF_UINT)w->buflen);
        w->buflen = 0;
    }
    return !zw_pdf_failed(w);
}
