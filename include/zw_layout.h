/* zw_layout.h — the page builder: document model + style → display list.
 *
 * Sets every paragraph (zw_text.h), lays out tables, footnotes, headings, lists and furniture into a
 * vertical list of items and paginates it (src/paginate.c).  Pure with respect to I/O: no files. */
#ifndef ZW_LAYOUT_H
#define ZW_LAYOUT_H

#include "zw_display.h"
#include "zw_font.h"
#include "zw_hyphen.h"
#include "zw_model.h"
#include "zw_style.h"

#define ZW_MAX_PAGES 20000   /* pages in one document: far beyond any budget, well inside libharu's limits */

/* Lay out doc with style into a new display list (free with zw_display_drop); NULL after reporting. */
zw_display *zw_layout(zw_arena *a, zw_diags *d, const zw_doc *doc, const zw_style *st,
                      const zw_metrics *m, zw_hyphenator *h, const zw_fonts *fonts);

#endif
