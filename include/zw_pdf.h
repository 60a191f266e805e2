/* zw_pdf.h — display list → PDF through libharu (the only module that includes <hpdf.h>).
 *
 * Embeds the TrueType faces as Unicode CID fonts with a correct ToUnicode map, draws runs, rules and
 * fills, adds the outline (bookmarks), links and document metadata.  Writes to a temporary file beside
 * `path` and renames it into place only when everything succeeded. */
#ifndef ZW_PDF_H
#define ZW_PDF_H

#include <stdbool.h>

#include "zw_diag.h"
#include "zw_display.h"

bool zw_pdf_write(const zw_display *dl, zw_diags *d, const char *path);

#endif
