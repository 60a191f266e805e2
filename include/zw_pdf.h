/* zw_pdf.h — display list → PDF through libharu (the only module that includes <hpdf.h>).
 *
 * Embeds the TrueType faces as Unicode CID fonts with a correct ToUnicode map, draws runs, rules and
 * fills, adds the outline (bookmarks), links and document metadata, and makes the PDF/A claim the
 * options ask for (XMP metadata, sRGB output intent, /CIDSet where PDF/A-1 wants one).  Writes to a
 * temporary file beside `path` and renames it into place only when everything succeeded. */
#ifndef ZW_PDF_H
#define ZW_PDF_H

#include <stdbool.h>

#include "zw_diag.h"
#include "zw_display.h"
#include "zw_pdfa.h"

/* How to write: NULL options write a plain PDF ("off") with an /ID made from the metadata. */
typedef struct zw_pdf_opts {
    const zw_pdfa *pdfa;          /* the archival profile; NULL: "off" */
    unsigned char id[16];         /* the trailer's /ID (zw_render: a digest of the inputs); all zero: made
                                     from the document's metadata */
    long long epoch;              /* the date of a document without one, in seconds since 1970 UTC
                                     (SOURCE_DATE_EPOCH); -1: it gets no date */
} zw_pdf_opts;

/* The whole display list at once, as a plain PDF. */
bool zw_pdf_write(const zw_display *dl, zw_diags *d, const char *path);

/* Page by page, as layout finishes them (zw_sink): begin with the display list that will receive the
 * pages (its faces are embedded now), write pages [from, to) of it as they are complete — in order,
 * each once; their contents may be freed afterwards, the zw_page entries must stay — and end once every
 * page is written and the outline and metadata are set: the file is saved and renamed into place and w
 * freed.  begin returns NULL, pages and end false, after reporting; zw_pdf_drop abandons a document
 * without writing anything. */
typedef struct zw_pdf zw_pdf;
zw_pdf *zw_pdf_begin(const zw_display *dl, zw_diags *d, const char *path, const zw_pdf_opts *o);
bool zw_pdf_pages(zw_pdf *w, size_t from, size_t to);
bool zw_pdf_end(zw_pdf *w);
void zw_pdf_drop(zw_pdf *w);

#endif
