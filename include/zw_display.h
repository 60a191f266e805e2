/* zw_display.h — the display list: pages of positioned text runs, rules, fills, links and outline.
 *
 * Layout's output and the only input of the PDF writer and the layout dump.  Coordinates are in pt from
 * the page's top-left corner, y growing downwards; a run's y is its baseline.  Every text run says what
 * it is in the document (role) and which structure element it belongs to (elem), so tagged PDF can be
 * built from the same list later. */
#ifndef ZW_DISPLAY_H
#define ZW_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

typedef enum zw_role {
    ZW_ROLE_P,          /* body paragraph */
    ZW_ROLE_H1,         /* headings; H1 + (level - 1) */
    ZW_ROLE_H2,
    ZW_ROLE_H3,
    ZW_ROLE_H4,
    ZW_ROLE_H5,
    ZW_ROLE_H6,
    ZW_ROLE_TITLE,      /* the document title on the title page */
    ZW_ROLE_LIST_LABEL, /* bullet or number of a list item */
    ZW_ROLE_LIST_BODY,  /* text of a list item */
    ZW_ROLE_CAPTION,    /* table caption */
    ZW_ROLE_TH,         /* table header cell */
    ZW_ROLE_TD,         /* table data cell */
    ZW_ROLE_NOTE_MARK,  /* a footnote mark in running text */
    ZW_ROLE_NOTE,       /* footnote text (with its number) */
    ZW_ROLE_TOC,        /* table-of-contents entry */
    ZW_ROLE_ARTIFACT    /* page furniture: running header and footer, page numbers */
} zw_role;

const char *zw_role_name(zw_role r);   /* "P", "H1", …, "Artifact" */

typedef struct zw_run {
    double x, y;        /* left end of the baseline */
    double w;           /* advance width */
    double ascent;      /* extent above the baseline, pt */
    double descent;     /* extent below the baseline, pt (positive) */
    int face;           /* index into zw_display.faces */
    double size;        /* pt */
    const char *text;   /* UTF-8, borrowed from the document arena */
    size_t len;
    zw_role role;
    int elem;           /* structure element id: runs of one paragraph / cell / heading share it */
    const char *note;   /* NOTE_MARK and NOTE: the note's key; NULL otherwise */
    /* Pair kerning as measured: NULL when no pair of the run kerns; otherwise one value per character
     * (code point) of `text`, the adjustment in 1/1000 em to apply before that character (kern[0] = 0),
     * negative = closer.  w includes these adjustments, so the writer must apply them to match it. */
    const float *kern;
} zw_run;

typedef struct zw_rule {   /* a straight line */
    double x0, y0, x1, y1;
    double width;          /* stroke width, pt */
    double grey;           /* 0 = black, 1 = white */
} zw_rule;

typedef struct zw_fill {   /* a filled rectangle (shading), drawn before text */
    double x, y, w, h;
    double grey;
} zw_fill;

typedef struct zw_link {   /* a clickable area that jumps to a place in the document */
    double x, y, w, h;
    int dest_page;         /* 0-based */
    double dest_y;
} zw_link;

typedef struct zw_dline {  /* one set line of text, for checks and the layout dump */
    double x, y;           /* left end of the measure and the baseline */
    double w;              /* right edge of the line's last fragment, from x */
    double measure;        /* width available to the line */
    double ratio;          /* Knuth–Plass adjustment ratio */
    bool hyphen;           /* ends with a hyphen added by hyphenation */
    bool last;             /* a paragraph's last line */
    bool justified;        /* set to the full measure */
    int elem;              /* the structure element (paragraph, cell) it belongs to */
} zw_dline;

typedef struct zw_page {
    double width, height;
    double area_x, area_y, area_w, area_h;  /* the text area (inside the margins) */
    const char *label;     /* page number as printed ("1", "iii"), borrowed */
    zw_run *runs;   size_t nruns,  caprun;
    zw_rule *rules; size_t nrules, caprule;
    zw_fill *fills; size_t nfills, capfill;
    zw_link *links; size_t nlinks, caplink;
    zw_dline *lines; size_t nlines, capline;
} zw_page;

typedef struct zw_outline {
    int level;             /* 1 = chapter */
    const char *title;     /* UTF-8, borrowed */
    int page;              /* 0-based */
    double y;              /* top of the heading */
} zw_outline;

typedef struct zw_display {
    zw_page *pages;        size_t npages, cappage;
    zw_outline *outline;   size_t noutline, capoutline;
    const char **faces;    size_t nfaces;   /* font file per face number, borrowed */
    /* metadata */
    const char *title, *author, *subject, *lang, *date;  /* date: YYYY-MM-DD */
    const char *identifier, *adopted;                     /* adopted: YYYY-MM-DD; either may be NULL */
    const char *const *keywords; size_t nkeywords;
    int next_elem;         /* next structure element id */
} zw_display;

zw_display *zw_display_new(void);          /* NULL when out of memory */
void zw_display_drop(zw_display *d);       /* frees the arrays, not the borrowed strings */

/* Append; each returns NULL when out of memory.  Pointers stay valid until the next add of that kind. */
zw_page *zw_display_add_page(zw_display *d, double width, double height);
zw_run *zw_page_add_run(zw_page *p);
zw_run *zw_page_copy_run(zw_page *p, const zw_run *r);   /* append a copy of *r */
zw_rule *zw_page_add_rule(zw_page *p);
zw_fill *zw_page_add_fill(zw_page *p);
zw_link *zw_page_add_link(zw_page *p);
zw_dline *zw_page_add_line(zw_page *p);
zw_outline *zw_display_add_outline(zw_display *d);
/* Make room for that many more runs, rules, fills and lines at once (instead of a doubling at a time);
 * false when out of memory. */
bool zw_page_reserve(zw_page *p, size_t runs, size_t rules, size_t fills, size_t lines);
void zw_page_clear(zw_page *p);            /* free its runs, rules, fills, links and lines (once written) */

#endif
