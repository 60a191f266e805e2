/* zw_display.h — the display list: pages of positioned text runs, rules, fills, links and outline.
 *
 * Layout's output and the only input of the PDF writer and the layout dump.  Coordinates are in pt from
 * the page's top-left corner, y growing downwards; a run's y is its baseline.  Besides the pages it holds
 * the document's structure: a tree of elements (document, sections, headings, paragraphs, lists, tables
 * with rows and cells, figures, notes and their marks) in reading order, to which every text run, image
 * and chart path belongs unless it is page furniture (an artifact), so that contents, links and a tagged
 * PDF are built from one tree.  Colours are indices into the list's palette. */
#ifndef ZW_DISPLAY_H
#define ZW_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "zw_image.h"

typedef enum zw_role {
    /* elements whose runs hold text (a run's role is its element's, or ARTIFACT) */
    ZW_ROLE_P,          /* body paragraph */
    ZW_ROLE_H1,         /* headings; H1 + (level - 1) */
    ZW_ROLE_H2,
    ZW_ROLE_H3,
    ZW_ROLE_H4,
    ZW_ROLE_H5,
    ZW_ROLE_H6,
    ZW_ROLE_TITLE,      /* a line of the title page */
    ZW_ROLE_LIST_LABEL, /* bullet or number of a list item (Lbl) */
    ZW_ROLE_LIST_BODY,  /* the body of a list item (LBody): its paragraphs and nested lists */
    ZW_ROLE_CAPTION,    /* caption of a table or a figure */
    ZW_ROLE_TH,         /* table header cell */
    ZW_ROLE_TD,         /* table data cell */
    ZW_ROLE_NOTE_MARK,  /* a footnote mark in running text or a cell: its own element, inside that text */
    ZW_ROLE_NOTE,       /* a footnote (with its number): at the page foot or under its table */
    ZW_ROLE_LINK,       /* the text of a link (to an address outside, or a cross-reference), inside its text */
    ZW_ROLE_TOC,        /* table of contents */
    ZW_ROLE_FIGURE,     /* an image or a chart (its drawing, and a chart's labels); its caption is a CAPTION
                           child; the text that stands for it is in zw_display.figures */
    ZW_ROLE_ARTIFACT,   /* page furniture, not content: running header and footer, page numbers, a repeated
                           table header or continuation caption, a note printed again; every rule and fill */
    /* elements that group others */
    ZW_ROLE_DOCUMENT,   /* the root: element 0 */
    ZW_ROLE_SECT,       /* a chapter or section: its heading and blocks */
    ZW_ROLE_DIV,        /* a group without meaning of its own (the title page) */
    ZW_ROLE_L,          /* a list */
    ZW_ROLE_LI,         /* a list item: LIST_LABEL and LIST_BODY */
    ZW_ROLE_TABLE,      /* a table: CAPTION, THEAD, TBODY (its notes follow it as siblings) */
    ZW_ROLE_THEAD,      /* the header rows */
    ZW_ROLE_TBODY,      /* the other rows */
    ZW_ROLE_TR,         /* a row: its cells */
    ZW_ROLE_TOCI,       /* an entry of the table of contents */
    ZW_ROLE_COUNT
} zw_role;

const char *zw_role_name(zw_role r);   /* "P", "H1", …, "Artifact", "Document", … */

/* A structure element: what the document is made of, in reading order.  Elements are numbered in the
 * order they are made, which is the data's order: a parent before its children, a child before its next
 * sibling (a note follows the paragraph that first marks it, the notes under a table follow the table).
 * Every text run belongs to one element (zw_run.elem) or is an artifact; rules and fills are artifacts. */
typedef struct zw_elem {
    int parent;            /* the parent element; -1 for the document */
    int page;              /* the first page with its content or a descendant's (0-based); -1 while none */
    float y;               /* top of that first content on that page, pt from the top */
    int ref;               /* NOTE_MARK: the note element it leads to; NOTE: the mark element that first leads
                              to it; TOCI: its heading; LINK (a cross-reference): what it names; -1 when none
                              (yet) */
    uint16_t colspan, rowspan;   /* TH, TD: the columns and rows the cell covers */
    uint8_t role;          /* zw_role */
    uint8_t scope;         /* TH: ZW_SCOPE_COLUMN (a header row's cell) or ZW_SCOPE_ROW */
} zw_elem;

enum { ZW_SCOPE_NONE, ZW_SCOPE_COLUMN, ZW_SCOPE_ROW };

/* A colour: red, green and blue from 0 to 1 (a grey has three equal parts).  Pages name colours by their
 * index in the display list's palette (zw_display.colors), which always starts with black. */
typedef struct zw_rgb {
    double r, g, b;
} zw_rgb;

/* The grey of the same lightness as c (luma with ITU-R BT.601's weights, as print conversions use). */
zw_rgb zw_rgb_grey(zw_rgb c);

#define ZW_BLACK 0          /* palette index of black */
#define ZW_MAX_COLORS 256   /* colours in one palette: an index is a byte */

typedef struct zw_run {
    double x, y;        /* left end of the baseline */
    double w;           /* advance width */
    double ascent;      /* extent above the baseline, pt */
    double descent;     /* extent below the baseline, pt (positive) */
    int face;           /* index into zw_display.faces */
    uint8_t flags;      /* ZW_RUN_NOTE_NUMBER … */
    uint8_t color;      /* palette index of the text's colour */
    int16_t expand;     /* font expansion of its line, in 0.01 %: glyphs and kerning are drawn 1 + expand /
                         * 10 000 times as wide (PDF's Tz 100 + expand / 100), and w includes it; 0 = none */
    double size;        /* pt */
    const char *text;   /* UTF-8, borrowed from the document arena */
    size_t len;
    zw_role role;       /* its element's role, or ARTIFACT (page furniture: not content, whatever elem says) */
    int elem;           /* its structure element (index into zw_display.elems); for an ARTIFACT -1, or with
                           ZW_RUN_REPEAT the element whose content it repeats */
    const char *note;   /* NOTE_MARK and NOTE (and their artifact copies): the note's key; NULL otherwise */
    /* Pair kerning as measured: NULL when no pair of the run kerns; otherwise one value per character
     * (code point) of `text`, the adjustment in 1/1000 em to apply before that character (kern[0] = 0),
     * negative = closer.  w includes these adjustments, so the writer must apply them to match it. */
    const float *kern;
    const char *lang;   /* the language of its text when the data says it is not the document's (BCP 47,
                           borrowed); NULL: the document's */
} zw_run;

enum {
    ZW_RUN_NOTE_NUMBER = 1,  /* the number a printed note starts with (links back to its mark) */
    ZW_RUN_REPEAT = 2,       /* an ARTIFACT that repeats content printed before (a table header on a
                                continuation page, a note printed again): elem is the element it repeats */
    ZW_RUN_JOIN = 4,         /* the last on its line, which breaks inside a word: the next line continues it */
    ZW_RUN_HYPHEN = 8        /* its last character is a hyphen that hyphenation added (not the data's) */
};

typedef struct zw_rule {   /* a straight line */
    double x0, y0, x1, y1;
    double width;          /* stroke width, pt */
    uint8_t color;         /* palette index */
} zw_rule;

typedef struct zw_fill {   /* a filled rectangle (shading), drawn before text */
    double x, y, w, h;
    uint8_t color;         /* palette index */
} zw_fill;

typedef struct zw_link {   /* a clickable area that jumps to a place in the document, or to an address */
    double x, y, w, h;
    int elem;              /* the element whose text it covers (a NOTE_MARK, a NOTE, a LINK), -1 for none */
    int dest_elem;         /* where it jumps: to this element's first content, known only once composed (the
                              writers resolve it at the end: zw_display_dest) … */
    int dest_page;         /* … or, with dest_elem -1, to this page (0-based) … */
    double dest_y;         /* … at this height; */
    const char *uri;       /* … or, when not NULL, to this address outside ("https://…", "mailto:…"; borrowed) */
    bool via;              /* dest_elem refers to where it jumps (zw_elem.ref, known at the end): a contents
                              entry to its heading, a cross-reference to what it names */
} zw_link;

#define ZW_LINK_ABOVE 2.0   /* a link lands this far (pt) above the top of its target's text */

/* Late page content: a box on a page whose text is known only after the page has been written (the
 * page count in "Pagina 3 van 217", a page number further on).  The PDF writer draws it as a form
 * XObject whose content it writes at the end; the runs, in page coordinates, are set by layout once
 * their values are known (before zw_layout returns). */
typedef struct zw_late {
    int page;              /* 0-based */
    double x, y, w, h;     /* the box, pt from the page's top-left corner */
    int elem;              /* the element its text belongs to; -1: an artifact (page furniture) */
    zw_run *runs;          /* its text once known (malloc'd, freed with the display list) */
    size_t nruns;
} zw_late;

/* A path: lines and curves (a chart's bars, slices, lines, markers, gridlines), filled or stroked. */
typedef struct zw_seg {
    uint8_t op;            /* 'M' move, 'L' line, 'C' curve, 'Z' close */
    float x[3], y[3];      /* M, L: the point in [0]; C: the control points [0], [1] and the end [2] */
} zw_seg;

enum { ZW_PAINT_FILL = 1, ZW_PAINT_STROKE = 2 };

typedef enum zw_mark {     /* what a path draws (for the dump's checks) */
    ZW_MARK_BAR,           /* a bar or column (a stacked column's segment): its datum in series, item */
    ZW_MARK_SLICE,         /* a slice of a ring or disc */
    ZW_MARK_LINE,          /* a series' line */
    ZW_MARK_POINT,         /* a marker on a line */
    ZW_MARK_SWATCH,        /* a legend's sample of a series' colour */
    ZW_MARK_HATCH,         /* hatching over a bar (greyscale): furniture */
    ZW_MARK_GRID,          /* gridlines and axes: furniture */
    ZW_MARK_LEADER         /* a line from a slice to its label outside */
} zw_mark;

typedef struct zw_path {
    double x, y;           /* origin: the segments are relative to it */
    const zw_seg *segs;    /* borrowed (layout's arena) */
    uint32_t nsegs;
    float width;           /* stroke width, pt */
    float dash;            /* dash and gap length, pt; 0 = solid */
    uint8_t fill, stroke;  /* palette indices */
    uint8_t paint;         /* ZW_PAINT_FILL | ZW_PAINT_STROKE */
    uint8_t mark;          /* zw_mark */
    uint16_t series, item; /* the datum drawn (BAR, SLICE, POINT, LINE: series only) */
    int elem;              /* its FIGURE element; -1: furniture (gridlines, hatching) */
} zw_path;

typedef struct zw_pic {    /* an image drawn on a page */
    double x, y, w, h;     /* its box */
    int image;             /* index into zw_display.images */
    int elem;              /* its FIGURE element; -1: page furniture (the logo in the running header) */
} zw_pic;

/* A figure (an image or a chart): where its drawing stands, and the text that stands for it. */
typedef struct zw_figure {
    int elem;              /* its FIGURE element */
    int page;              /* 0-based; -1 until placed */
    double x, y, w, h;     /* the drawing's box on that page (without the caption) */
    const char *alt;       /* alt text, given or generated (document arena) */
} zw_figure;

typedef struct zw_dline {  /* one set line of text, for checks and the layout dump */
    double x, y;           /* left end of the measure and the baseline */
    double w;              /* right edge of the line's last fragment, from x */
    double measure;        /* width available to the line */
    double ratio;          /* the glue's Knuth–Plass adjustment ratio, after font expansion */
    double expand;         /* font expansion of its glyphs (0.015 = 1.5 %) */
    double hang_left;      /* how far it reaches into the left margin (margin kerning), pt: x - hang_left is
                              where its first glyph starts */
    double hang_right;     /* how far it reaches into the right margin: w = measure + hang_right when full */
    bool hyphen;           /* ends in a hyphen (added by hyphenation or the word's own) */
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
    zw_pic *pics;    size_t npics, cappic;      /* images, drawn after the fills and rules */
    zw_path *paths;  size_t npaths, cappath;    /* paths (charts), drawn after the images, before the text */
    size_t late0, late1;   /* its late boxes: zw_display.lates[late0 .. late1) */
} zw_page;

typedef struct zw_outline {
    int level;             /* 1 = chapter */
    const char *title;     /* UTF-8, borrowed */
    int page;              /* 0-based */
    double y;              /* top of the heading */
} zw_outline;

/* A draft mark ("CONCEPT"), printed on every page from the lower left towards the upper right corner,
 * centred, in light grey behind the content; page furniture.  The writer places it on each page. */
typedef struct zw_watermark {
    zw_run run;            /* its text, face, size, width and kerning (x, y unused; role ARTIFACT) */
    double grey;           /* 0 = black, 1 = white */
} zw_watermark;

typedef struct zw_display {
    zw_page *pages;        size_t npages, cappage;
    zw_outline *outline;   size_t noutline, capoutline;
    zw_elem *elems;        size_t nelems, capelems;   /* the structure elements, elems[0] the document */
    zw_late *lates;        size_t nlates, caplates;   /* late boxes of every page, in page order */
    const char **faces;    size_t nfaces;   /* font file per face number, borrowed */
    zw_rgb *colors;        size_t ncolors, capcolors;   /* the palette: colors[ZW_BLACK] is black */
    const zw_image *images; size_t nimages;  /* the image files pictures name, borrowed (the model's) */
    zw_figure *figures;    size_t nfigures, capfigures;   /* every figure, in the order of their elements */
    bool greyscale;        /* printed in greys only: the writer turns images grey too */
    zw_watermark watermark;   /* run.text NULL: none */
    /* metadata */
    const char *title, *author, *subject, *lang, *date;  /* date: YYYY-MM-DD */
    const char *identifier, *adopted;                     /* adopted: YYYY-MM-DD; either may be NULL */
    const char *const *keywords; size_t nkeywords;
} zw_display;

zw_display *zw_display_new(void);          /* NULL when out of memory; its palette holds black */
void zw_display_drop(zw_display *d);       /* frees the arrays, not the borrowed strings */

/* Append; each returns NULL when out of memory.  Pointers stay valid until the next add of that kind. */
zw_page *zw_display_add_page(zw_display *d, double width, double height);
zw_run *zw_page_add_run(zw_page *p);
zw_run *zw_page_copy_run(zw_page *p, const zw_run *r);   /* append a copy of *r */
zw_rule *zw_page_add_rule(zw_page *p);
zw_fill *zw_page_add_fill(zw_page *p);
zw_link *zw_page_add_link(zw_page *p);
zw_dline *zw_page_add_line(zw_page *p);
zw_pic *zw_page_add_pic(zw_page *p);
zw_path *zw_page_add_path(zw_page *p);
zw_figure *zw_display_add_figure(zw_display *d);
zw_outline *zw_display_add_outline(zw_display *d);
/* A new element of `role` under `parent` (-1 for the root): its index, or -1 when out of memory. */
int zw_display_add_elem(zw_display *d, zw_role role, int parent);
/* The palette index of colour c, added when new; -1 when out of memory or the palette is full. */
int zw_display_color(zw_display *d, zw_rgb c);
zw_late *zw_display_add_late(zw_display *d);
/* Where link l jumps: its dest_page/dest_y, or its element's first content; false when that is not
 * known (an element never placed). */
bool zw_display_dest(const zw_display *d, const zw_link *l, int *page, double *y);
/* Make room for that many more runs, rules, fills and lines at once (instead of a doubling at a time);
 * false when out of memory. */
bool zw_page_reserve(zw_page *p, size_t runs, size_t rules, size_t fills, size_t lines);
void zw_page_clear(zw_page *p);            /* free its runs, rules, fills, links, lines and pictures (once written) */
/* The figure of element e (a FIGURE); NULL when there is none. */
const zw_figure *zw_display_figure(const zw_display *d, int e);

#endif
