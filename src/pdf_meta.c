/* pdf_meta.c — what the PDF says about itself: the Info dictionary, the trailer's /ID, the PDF version
 * and, for PDF/A, the XMP metadata stream, the sRGB output intent and the claim (pdfaid).
 *
 * libharu 2.3.0 gets the PDF/A parts wrong by itself (its XMP is built from Info without escaping, has a
 * /SubType typo and dates Preflight rejects; its /ID is an MD5 of the clock), so all of them are written
 * here.  The Info and XMP entries come from the same sanitized texts and the same date, so that they are
 * equal as PDF/A requires.  A date comes from the data, else from SOURCE_DATE_EPOCH, never the clock. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf_int.h"
#include "zw_digest.h"

/* ---- dates ------------------------------------------------------------------------------------ */

/* Midnight UTC of a YYYY-MM-DD date; false when the text is not a valid date. */
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

/* Seconds since 1970 as a UTC date. */
static bool epoch_date(long long t, HPDF_Date *out) {
    time_t tt = (time_t)t;
    struct tm tm;
    if (t < 0 || !gmtime_r(&tt, &tm) || tm.tm_year + 1900 > 9999) return false;
    *out = (HPDF_Date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, '+', 0, 0};
    return true;
}

/* The document's creation date: the data's `date`, else the options' epoch; false when there is none. */
static bool doc_date(writer *w, HPDF_Date *out) {
    const char *s = w->dl->date;
    if (s && parse_date(s, out)) return true;
    if (s) zw_diag(w->d, ZW_WARNING, (zw_pos){w->path, 0, 0},
                   "document date '%s' is not a YYYY-MM-DD date; the PDF gets no creation date", s);
    return w->opts.epoch >= 0 && epoch_date(w->opts.epoch, out);
}

/* A date as Info writes it (D:YYYYMMDDHHmmSS+00'00', with an explicit offset: libharu writes 'Z' as
 * Z00'00', which PDF/A's comparison with XMP rejects) and as XMP writes it (YYYY-MM-DDTHH:mm:SS+00:00). */
static void info_date(const HPDF_Date *d, char *out, size_t n) {
    snprintf(out, n, "D:%04d%02d%02d%02d%02d%02d+00'00'", d->year, d->month, d->day, d->hour, d->minutes,
             d->seconds);
}

static void xmp_date(const HPDF_Date *d, char *out, size_t n) {
    snprintf(out, n, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", d->year, d->month, d->day, d->hour, d->minutes,
             d->seconds);
}

/* ---- what the document says about itself ----------------------------------------------------- */

/* The texts Info and XMP share, sanitized once (zw_pdf_sanitize) and copied, so both get exactly the same
 * characters; the dates both write. */
typedef struct meta {
    char *title, *author, *subject, *keywords, *identifier, *lang;   /* NULL: none */
    char **kw;               /* the keywords one by one, nkw of them (empty ones left out) */
    size_t nkw;
    bool dated, adopted;     /* date and adoption hold a date */
    HPDF_Date date, adoption;
    bool oom;                /* a copy failed */
} meta;

/* A sanitized copy of s (malloc'd); NULL for no text, or when out of memory (m->oom set). */
static char *clean(writer *w, meta *m, const char *s) {
    if (!s || !*s) return NULL;
    const char *c = zw_pdf_sanitize(w, s, strlen(s), NULL);
    char *copy = c ? zw_xmalloc(strlen(c) + 1) : NULL;
    if (copy) strcpy(copy, c);
    else m->oom = true;
    return copy;
}

static void meta_drop(meta *m) {
    free(m->title); free(m->author); free(m->subject); free(m->keywords); free(m->identifier); free(m->lang);
    for (size_t i = 0; i < m->nkw; i++) free(m->kw[i]);
    free(m->kw);
}

/* The keywords joined with ", " for Info /Keywords and pdf:Keywords; NULL when there are none. */
static char *join(meta *m) {
    size_t len = 1;
    for (size_t i = 0; i < m->nkw; i++) len += strlen(m->kw[i]) + 2;
    char *s = m->nkw ? zw_xmalloc(len) : NULL;
    if (!s) { m->oom |= m->nkw > 0; return NULL; }
    s[0] = 0;
    for (size_t i = 0; i < m->nkw; i++) {
        if (i) strcat(s, ", ");
        strcat(s, m->kw[i]);
    }
    return s;
}

static bool meta_load(writer *w, meta *m) {
    const zw_display *dl = w->dl;
    *m = (meta){0};
    m->title = clean(w, m, dl->title);
    m->author = clean(w, m, dl->author);
    m->subject = clean(w, m, dl->subject);
    m->identifier = clean(w, m, dl->identifier);
    m->lang = clean(w, m, dl->lang);
    m->kw = dl->nkeywords ? zw_xmalloc(dl->nkeywords * sizeof *m->kw) : NULL;
    m->oom |= dl->nkeywords && !m->kw;
    for (size_t i = 0; m->kw && i < dl->nkeywords; i++)
        if ((m->kw[m->nkw] = clean(w, m, dl->keywords[i]))) m->nkw++;
    m->keywords = join(m);
    m->dated = doc_date(w, &m->date);
    m->adopted = dl->adopted && parse_date(dl->adopted, &m->adoption);
    return !m->oom;
}

/* ---- Info ------------------------------------------------------------------------------------- */

static void info_str(writer *w, const char *key, const char *value) {
    if (!value) return;
    HPDF_String s = HPDF_String_New(w->pdf->mmgr, value, HPDF_GetEncoder(w->pdf, "UTF-8"));
    if (s) HPDF_Dict_Add(w->pdf->info, key, s);
}

static void info_date_str(writer *w, const char *key, const HPDF_Date *d) {
    char s[40];
    info_date(d, s, sizeof s);
    HPDF_String v = HPDF_String_New(w->pdf->mmgr, s, NULL);
    if (v) HPDF_Dict_Add(w->pdf->info, key, v);
}

static bool add_info(writer *w, const meta *m) {
    HPDF_SetInfoAttr(w->pdf, HPDF_INFO_CREATOR, ZW_CREATOR);   /* libharu creates the Info dictionary */
    if (!w->pdf->info) return zw_pdf_oom(w);
    info_str(w, "Title", m->title);
    info_str(w, "Author", m->author);
    info_str(w, "Subject", m->subject);
    info_str(w, "Keywords", m->keywords);
    info_str(w, "Producer", ZW_PRODUCER);
    if (m->dated) {
        info_date_str(w, "CreationDate", &m->date);
        info_date_str(w, "ModDate", &m->date);
    }
    /* Keys of our own (PDF allows them; readers list them as custom properties): what an archive files
     * the document under */
    info_str(w, "Identifier", m->identifier);
    if (m->adopted) info_date_str(w, "AdoptionDate", &m->adoption);
    if (m->lang) {
        HPDF_String lang = HPDF_String_New(w->pdf->mmgr, m->lang, NULL);
        if (lang) HPDF_Dict_Add(w->pdf->catalog, "Lang", lang);
    }
    return !zw_pdf_failed(w);
}

/* ---- XMP -------------------------------------------------------------------------------------- */

/* A growing text buffer; oom is sticky. */
typedef struct sbuf {
    char *s;
    size_t n, cap;
    bool oom;
} sbuf;

static void put(sbuf *b, const char *s, size_t n) {
    if (b->oom) return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->n + n + 1) cap *= 2;
        char *p = zw_xrealloc(b->s, cap);
        if (!p) { b->oom = true; return; }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = 0;
}

static void puts_(sbuf *b, const char *s) { put(b, s, strlen(s)); }

/* Text as XML character data (or an attribute value in double quotes): & < > " escaped.  The text is
 * already sanitized (zw_pdf_sanitize: no controls, no noncharacters), so every character is one XML allows. */
static void put_xml(sbuf *b, const char *s) {
    for (const char *p = s; *p; p++) {
        const char *e = *p == '&' ? "&amp;" : *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '"' ? "&quot;" : NULL;
        if (e) puts_(b, e);
        else put(b, p, 1);
    }
}

/* <name>value</name> */
static void xmp_text(sbuf *b, const char *name, const char *value) {
    if (!value) return;
    puts_(b, "   <"); puts_(b, name); puts_(b, ">");
    put_xml(b, value);
    puts_(b, "</"); puts_(b, name); puts_(b, ">\n");
}

/* <name><rdf:Seq|Bag|Alt><rdf:li>…</rdf:li>…</…></name>; an Alt's one item is the x-default language. */
static void xmp_list(sbuf *b, const char *name, const char *kind, const char *const *values, size_t n) {
    if (n == 0) return;
    puts_(b, "   <"); puts_(b, name); puts_(b, "><rdf:"); puts_(b, kind); puts_(b, ">");
    for (size_t i = 0; i < n; i++) {
        puts_(b, strcmp(kind, "Alt") ? "<rdf:li>" : "<rdf:li xml:lang=\"x-default\">");
        put_xml(b, values[i]);
        puts_(b, "</rdf:li>");
    }
    puts_(b, "</rdf:"); puts_(b, kind); puts_(b, "></"); puts_(b, name); puts_(b, ">\n");
}

static void xmp_one(sbuf *b, const char *name, const char *kind, const char *value) {
    if (value) xmp_list(b, name, kind, &value, 1);
}

/* The schemas, one rdf:Description each.  A schema PDF/A does not predefine (such as pdfuaid for PDF/UA)
 * must also be described in a pdfaExtension:schemas block. */
typedef struct xmp_ctx {
    writer *w;
    const meta *m;
    char uuid[48];           /* "uuid:…" from the /ID */
} xmp_ctx;

static void schema_dc(sbuf *b, const xmp_ctx *c) {
    const meta *m = c->m;
    xmp_one(b, "dc:title", "Alt", m->title);
    xmp_one(b, "dc:creator", "Seq", m->author);
    xmp_one(b, "dc:description", "Alt", m->subject);
    xmp_list(b, "dc:subject", "Bag", (const char *const *)m->kw, m->nkw);
    xmp_one(b, "dc:language", "Bag", m->lang);
    xmp_text(b, "dc:identifier", m->identifier);
    char d[40];
    if (m->adopted) xmp_date(&m->adoption, d, sizeof d);
    xmp_one(b, "dc:date", "Seq", m->adopted ? d : NULL);
    xmp_text(b, "dc:format", "application/pdf");
}

static void schema_xmp(sbuf *b, const xmp_ctx *c) {
    char d[40];
    xmp_text(b, "xmp:CreatorTool", ZW_CREATOR);
    if (!c->m->dated) return;
    xmp_date(&c->m->date, d, sizeof d);
    xmp_text(b, "xmp:CreateDate", d);
    xmp_text(b, "xmp:ModifyDate", d);
    xmp_text(b, "xmp:MetadataDate", d);
}

static void schema_pdf(sbuf *b, const xmp_ctx *c) {
    xmp_text(b, "pdf:Producer", ZW_PRODUCER);
    xmp_text(b, "pdf:Keywords", c->m->keywords);
}

static void schema_mm(sbuf *b, const xmp_ctx *c) {
    xmp_text(b, "xmpMM:DocumentID", c->uuid);
    xmp_text(b, "xmpMM:InstanceID", c->uuid);
}

static void schema_pdfaid(sbuf *b, const xmp_ctx *c) {
    char part[12];
    snprintf(part, sizeof part, "%d", c->w->opts.pdfa->part);
    xmp_text(b, "pdfaid:part", part);
    xmp_text(b, "pdfaid:conformance", c->w->opts.pdfa->conformance);
}

/* The PDF/UA identification (ISO 14289-1): a tagged document says it is PDF/UA-1. */
static void schema_pdfuaid(sbuf *b, const xmp_ctx *c) {
    (void)c;
    xmp_text(b, "pdfuaid:part", "1");
}

/* pdfuaid is not among the schemas PDF/A predefines: a PDF/A document describes it. */
static void schema_extension(sbuf *b, const xmp_ctx *c) {
    (void)c;
    puts_(b, "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
             "    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
             "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
             "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
             "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
             "     <pdfaProperty:name>part</pdfaProperty:name>\n"
             "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
             "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
             "     <pdfaProperty:description>The part of ISO 14289 the document follows</pdfaProperty:description>\n"
             "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
             "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
}

enum { FOR_ALL, FOR_PDFA, FOR_TAGGED, FOR_PDFA_TAGGED };   /* which documents a schema is written for */

static const struct xmp_schema {
    const char *ns;          /* its namespace declarations */
    void (*write)(sbuf *b, const xmp_ctx *c);
    int only;                /* FOR_… */
} xmp_schemas[] = {
    {"xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", schema_dc, FOR_ALL},
    {"xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"", schema_xmp, FOR_ALL},
    {"xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"", schema_pdf, FOR_ALL},
    {"xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"", schema_mm, FOR_ALL},
    {"xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"", schema_pdfaid, FOR_PDFA},
    {"xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"", schema_pdfuaid, FOR_TAGGED},
    {"xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
     "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
     "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"", schema_extension, FOR_PDFA_TAGGED},
};

/* The XMP packet (UTF-8, no byte count and no encoding attribute, as PDF/A-1 wants). */
static void xmp_packet(sbuf *b, const xmp_ctx *c) {
    puts_(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
             " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");
    bool pdfa = c->w->opts.pdfa->part > 0, tagged = c->w->tags.on;
    for (size_t i = 0; i < sizeof xmp_schemas / sizeof *xmp_schemas; i++) {
        const struct xmp_schema *s = &xmp_schemas[i];
        if ((s->only == FOR_PDFA && !pdfa) || (s->only == FOR_TAGGED && !tagged)
            || (s->only == FOR_PDFA_TAGGED && !(pdfa && tagged)))
            continue;
        puts_(b, "  <rdf:Description rdf:about=\"\" ");
        puts_(b, s->ns); puts_(b, ">\n");
        s->write(b, c);
        puts_(b, "  </rdf:Description>\n");
    }
    puts_(b, " </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>");
}

/* The catalog's /Metadata: an uncompressed stream of /Type /Metadata /Subtype /XML. */
static bool add_xmp(writer *w, const meta *m) {
    xmp_ctx c = {w, m, {0}};
    const unsigned char *id = w->opts.id;
    snprintf(c.uuid, sizeof c.uuid, "uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             id[0], id[1], id[2], id[3], id[4], id[5], id[6], id[7], id[8], id[9], id[10], id[11], id[12], id[13],
             id[14], id[15]);
    sbuf b = {0};
    xmp_packet(&b, &c);
    if (b.oom) { free(b.s); return zw_pdf_fail(w, "out of memory"); }
    HPDF_Dict md = HPDF_DictStream_New(w->pdf->mmgr, w->pdf->xref);
    if (md) {
        md->filter = HPDF_STREAM_FILTER_NONE;
        HPDF_Dict_AddName(md, "Type", "Metadata");
        HPDF_Dict_AddName(md, "Subtype", "XML");
        HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.n);
        HPDF_Dict_Add(w->pdf->catalog, "Metadata", md);
    }
    free(b.s);
    return !zw_pdf_failed(w);
}

/* ---- output intent ---------------------------------------------------------------------------- */

/* The catalog's /OutputIntents: sRGB (a version-2 ICC profile, compiled into the program from
 * icc/sRGB.icc, so every machine writes the same bytes).  Text and rules are DeviceGray, which PDF/A
 * allows with any output intent. */
static bool add_output_intent(writer *w) {
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict icc = HPDF_DictStream_New(mm, w->pdf->xref);
    HPDF_Dict oi = HPDF_Dict_New(mm);
    HPDF_Array list = HPDF_Array_New(mm);
    if (!icc || !oi || !list) return zw_pdf_oom(w);
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddNumber(icc, "N", 3);
    HPDF_Stream_Write(icc->stream, zw_srgb_icc, (HPDF_UINT)zw_srgb_icc_len);
    HPDF_Dict_AddName(oi, "Type", "OutputIntent");
    HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
    HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
    HPDF_Dict_Add(oi, "RegistryName", HPDF_String_New(mm, "http://www.color.org", NULL));
    HPDF_Dict_Add(oi, "DestOutputProfile", icc);
    HPDF_Array_Add(list, oi);
    HPDF_Dict_Add(w->pdf->catalog, "OutputIntents", list);
    return !zw_pdf_failed(w);
}

/* ---- /ID and version -------------------------------------------------------------------------- */

/* The trailer's /ID: twice the options' id (a new document's two halves are equal), or, when the caller
 * gave none, a digest of the metadata. */
static bool add_id(writer *w) {
    static const unsigned char zero[16];
    if (!memcmp(w->opts.id, zero, 16)) {
        const zw_display *dl = w->dl;
        zw_digest h;
        zw_digest_init(&h);
        const char *parts[] = {ZW_PRODUCER, dl->title, dl->author, dl->subject, dl->date, dl->identifier,
                               w->opts.pdfa->name};
        for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) zw_digest_str(&h, parts[i]);
        zw_digest_final(&h, w->opts.id);
    }
    HPDF_Array id = HPDF_Array_New(w->pdf->mmgr);
    if (!id) return zw_pdf_oom(w);
    HPDF_Array_Add(id, HPDF_Binary_New(w->pdf->mmgr, w->opts.id, 16));
    HPDF_Array_Add(id, HPDF_Binary_New(w->pdf->mmgr, w->opts.id, 16));
    HPDF_Dict_Add(w->pdf->trailer, "ID", id);
    return !zw_pdf_failed(w);
}

bool zw_pdf_metadata(writer *w) {
    meta m;
    bool ok = meta_load(w, &m) || zw_pdf_fail(w, "out of memory");
    const zw_pdfa *a = w->opts.pdfa;
    if (ok && a->conformance && *a->conformance == 'A' && !w->tags.on)
        ok = zw_pdf_fail(w, "PDF/A-%s needs a tagged document, and this display list has no element tree", a->name);
    /* XMP: for PDF/A, and for a tagged document (PDF/UA's identification and dc:title) */
    ok = ok && add_id(w) && add_info(w, &m) && (!(a->part || w->tags.on) || add_xmp(w, &m))
         && (!a->part || add_output_intent(w));
    w->pdf->pdf_version = (HPDF_PDFVer)(HPDF_VER_12 + (a->pdf_minor - 2));
    meta_drop(&m);
    return ok;
}
