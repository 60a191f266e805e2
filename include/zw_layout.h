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

/* Where finished pages go while layout goes on, so that a long document never lives in memory whole:
 * pages [from, to) of dl are complete (text, notes, links, header and footer; dl->faces is set) and
 * their contents are freed when the call returns (the zw_page entries stay, with sizes and labels).
 * false stops layout; the sink has reported why. */
typedef struct zw_sink {
    bool (*pages)(void *ctx, const zw_display *dl, size_t from, size_t to);
    void *ctx;
} zw_sink;

/* Lay out doc with style into a new display list (free with zw_display_drop); NULL after reporting.
 * With a sink every page goes to it, chapter by chapter as pages are finished (all at the end when the
 * header or footer prints {pages}); the list returned then holds the outline and emptied pages.
 * Without one (sink NULL), every page stays in the list. */
zw_display *zw_layout(zw_arena *a, zw_diags *d, const zw_doc *doc, const zw_style *st,
                      const zw_metrics *m, zw_hyphenator *h, const zw_fonts *fonts, const zw_sink *sink);

#endif
