/* zw_render.h — the whole pipeline in one call: load → bind → style → budget → layout → PDF and layout
 * dump.
 *
 * The command line, the tests, the fuzz targets and the benchmark all run a document through zw_render,
 * so there is one place where the stages are put together.  Every problem goes to the diagnostics; the
 * outputs are written only when everything succeeded: the PDF atomically (a temporary file renamed into
 * place), the layout dump likewise, and only once the PDF is written too. */
#ifndef ZW_RENDER_H
#define ZW_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "zw_diag.h"
#include "zw_display.h"
#include "zw_font.h"
#include "zw_hyphen.h"
#include "zw_layout.h"
#include "zw_model.h"
#include "zw_pdfa.h"
#include "zw_style.h"

/* Wall times of the stages of one render, in seconds (make bench). */
typedef struct zw_render_times {
    double load;      /* data file read, parsed and bound */
    double style;     /* layout file, fonts and hyphenator */
    double layout;    /* layout, the PDF and the dump included when they stream (the sink's work) */
    double output;    /* what is written after layout: the end of the PDF (links, fonts, saving) */
} zw_render_times;

typedef struct zw_render_opts {
    const char *data;            /* the data file: read from here, and named in every position */
    const char *src;             /* its text when given (len bytes): parsed instead of reading `data` */
    size_t len;
    const char *layout;          /* a layout path or name instead of the data's document.layout; NULL: that */
    const char *layouts_dir;     /* the installed layouts, where a layout name is looked up too; NULL: none */
    const char *fonts_dir;       /* zetwerk's fonts, searched for font files after the layout's folder and
                                    ./fonts; NULL: none */
    const char *font_path;       /* the system's font folders after those, ':'-separated; NULL: Debian's
                                    TrueType folders; "": none (zw_fonts_set_path) */
    const zw_pdfa *pdfa;         /* the archival profile, over the layout's `pdfa:`; NULL: the layout's */
    const char *source_date;     /* SOURCE_DATE_EPOCH as given (seconds since 1970): the date of a document
                                    whose data has none; NULL: such a document gets no date */
    /* What a caller may have loaded once for many documents (the fuzz target); NULL: render loads it. */
    const zw_style *style;       /* a layout, loaded into `fonts` (its hyphenation exceptions included) */
    zw_fonts *fonts;             /* required with `style` */
    zw_hyphenator *hyph;         /* a hyphenator with the layout's exceptions (the document's are added) */
    bool no_hyphenation;         /* set without a hyphenator (unit tests) */
    bool greyscale;              /* print in greys only, whatever the layout says (--greyscale; not with `style`) */
    const zw_metrics *metrics;   /* NULL: the fonts' real metrics; unit tests pass a fixed-width fake */
    bool strict;                 /* a rounding difference in a budget table is a warning, not a note */
    /* Outputs. */
    const char *pdf;             /* write the PDF here, or NULL (check) */
    const char *dump;            /* write the layout dump here, or NULL */
    const char *plain;           /* write the document as plain blocks (zw_plain.h) here, or NULL: once the
                                    budget stage is done, before layout */
    const zw_sink *sink;         /* also hand every finished page here, or NULL */
    bool keep_pages;             /* keep every page in the result (the outputs are written at the end) */
    zw_render_times *times;      /* NULL, or where the stages' times go */
} zw_render_opts;

/* What one render leaves: free with zw_rendered_drop.  doc and style live in `a`; style is the layout with
 * the options' profile applied (a copy when it differs from a given style); dl is NULL when layout did not
 * run or failed.  When the pages are written as they are finished (no keep_pages), the model and the style
 * are dropped as soon as layout is done — the display list then holds nothing of them, and the PDF's end,
 * when libharu holds every object of the document, is the peak of a render — so doc and style are NULL
 * afterwards, and `a` too.  Borrowed resources of the options stay the caller's. */
typedef struct zw_rendered {
    zw_arena *a;                 /* the document's arena: the model and the style */
    zw_arena *out_a;             /* what the display list keeps of layout: labels, bookmarks, late content */
    const zw_doc *doc;
    const zw_style *style;
    zw_display *dl;              /* with every page when keep_pages, else the outline and emptied pages */
    zw_fonts *own_fonts;         /* what render loaded itself */
    zw_hyphenator *own_hyph;
} zw_rendered;

/* Run the pipeline; true when every stage and output succeeded (warnings are fine: the caller decides
 * about --strict).  *out is filled either way (zeroed first) and must be dropped. */
bool zw_render(const zw_render_opts *o, zw_diags *d, zw_rendered *out);
void zw_rendered_drop(zw_rendered *r);

/* Whether a PDF or dump may be written at `path`: a regular file or nothing yet (never a device, a folder,
 * a FIFO or a symbolic link, which the rename into place would replace); reports why not. */
bool zw_render_target_ok(zw_diags *d, const char *path);

#endif
