/* zw_vlist.h — the vertical list: what layout hands the page builder, and what the page builder returns.
 *
 * Layout (src/layout.c, src/table.c) turns the document into boxes (a line, a table-row slice, a title
 * block), glue (discardable space) and penalties (break costs), each box carrying its drawing operations
 * relative to its own top-left corner.  The page builder (src/paginate.c) is a pure function of that list
 * and the text area heights of portrait and landscape pages: it decides where pages break, starts a new
 * page where the boxes' orientation changes (a landscape table), repeats table headers and reserves room
 * for the footnotes of the marks on each page.  A note too tall for any page starts on its mark's page and
 * continues at the foot of the following page(s), split between lines. */
#ifndef ZW_VLIST_H
#define ZW_VLIST_H

#include <stdbool.h>
#include <stddef.h>

#include "zw_display.h"

typedef enum zw_vitem_kind { ZW_VBOX, ZW_VGLUE, ZW_VPENALTY } zw_vitem_kind;

typedef enum zw_opkind {
    ZW_OP_RUN, ZW_OP_RULE, ZW_OP_FILL, ZW_OP_OUTLINE, ZW_OP_LINE, ZW_OP_LINK,
    ZW_OP_LATE,                /* text known only at the end (a page number): late page content on its page */
    ZW_OP_PIC,                 /* an image */
    ZW_OP_PATH,                /* a path (a chart's bar, slice, line, gridline) */
    ZW_OP_FIGURE               /* where a figure's drawing stands: sets its zw_figure once placed */
} zw_opkind;

typedef struct zw_vfig {       /* ZW_OP_FIGURE */
    size_t figure;             /* index into zw_display.figures */
    double x, y, w, h;         /* the drawing's box */
} zw_vfig;

/* Late page content (zw_late) as layout keeps it until the end: `text` where ZW_LATE_PAGES stands for the
 * page count and ZW_LATE_PAGE_OF for the label of the page of element `target` (with `via`: of the
 * element that one refers to, zw_elem.ref: a contents entry's heading, a cross-reference's target), set
 * in face and size at baseline `base` in colour `ink` (a palette index), from x (align 0), centred (1) or
 * right-aligned (2) in [x, x + w]; in element `elem` (-1: page furniture).  With `leaders`, dots run from
 * x up to the text: those get a late box of their own, as furniture, and the text one in its element. */
#define ZW_LATE_PAGES "\x01"
#define ZW_LATE_PAGE_OF "\x02"
typedef struct zw_late_text {
    const char *text;
    int face;
    double size;
    int align;
    double x, w, base;
    int elem;
    int target;
    bool via;
    bool leaders;
    uint8_t ink;
} zw_late_text;

typedef struct zw_vop {        /* one drawing operation, relative to its box's top-left corner */
    zw_opkind kind;
    union {
        zw_run run;
        zw_rule rule;
        zw_fill fill;
        zw_outline outline;    /* page is filled in when the box is placed */
        zw_dline line;         /* a set line's metrics */
        zw_pic pic;
        zw_path path;
        zw_vfig fig;
        zw_link link;          /* a link's area over its text */
        zw_late_text late;     /* its x and base relative to the box */
    } u;
} zw_vop;

typedef struct zw_vitem {
    zw_vitem_kind kind;
    double h;                  /* BOX: height; GLUE: space */
    double penalty;            /* PENALTY: cost of breaking here (>= ZW_VINF forbids, <= -ZW_VINF forces) */
    size_t op0, op1;           /* BOX: its operations in zw_vlist.ops */
    size_t note0, note1;       /* BOX: page-note references in zw_vlist.refs */
    int table;                 /* index into zw_vlist.tables when inside a breakable table, else -1 */
    bool repeat;               /* BOX: part of its table's repeated header */
    bool hidden;               /* BOX: not part of the flow (a continuation caption, placed only on demand) */
    bool landscape;            /* BOX: set on a landscape page (a wide table); a change of orientation breaks the page */
    bool recto;                /* BOX: starts a right-hand page (odd, counting from 1): an empty page goes before
                                  it when the page it would start is a left-hand one */
    int chapter;               /* chapter index for running headers and page numbers; ZW_CH_TITLE on the title
                                  page, ZW_CH_FRONT in the contents (front matter with header and footer),
                                  ZW_CH_LIST(k) in a list of tables or figures */
    int row;                   /* BOX: the row element (TR) of a table row slice, else -1: the runs of slices of
                                  one row that follow each other on a page are written cell by cell */
} zw_vitem;

#define ZW_VINF 10000.0
#define ZW_CH_TITLE (-1)
#define ZW_CH_FRONT (-2)
#define ZW_CH_LIST(k) (-3 - (k))   /* in the list of tables (k = ZW_LIST_TABLES) or of figures: front matter too */

typedef struct zw_vtable {     /* a table that may continue on another page */
    size_t first;              /* its first item: a page starting after it continues the table */
    size_t head0, head1;       /* the boxes to repeat at the top of a continuation page */
    size_t cont;               /* box with the continuation caption, or (size_t)-1 */
} zw_vtable;

typedef struct zw_vnote {      /* a page note: set once, placed on every page that refers to it */
    double h;                  /* height including the space above it */
    size_t op0, op1;           /* its operations in zw_vlist.note_ops, relative to its top */
    size_t line0, line1;       /* its lines in zw_vlist.nlines; none: the note is one unsplittable piece */
    int elem;                  /* its structure element (zw_display.elems) */
} zw_vnote;

typedef struct zw_vnline {     /* one line of a page note: the unit a note too long for a page splits at */
    double y, h;               /* top from the note's top, and height (the first line: with the space above) */
    size_t op0, op1;           /* its operations in zw_vlist.note_ops (the first line: with the number) */
} zw_vnline;

/* The list grows at its end while layout walks the document and, when pages are written as they are
 * finished, loses its beginning (zw_vlist_trim): indices are then relative to what is left.  Notes are
 * kept whole, with their operations apart from the boxes', as a later page may refer to them again. */
typedef struct zw_vlist {
    zw_vitem *items;  size_t n, cap;
    zw_vop *ops;      size_t nops, capops;
    size_t *refs;     size_t nrefs, caprefs;   /* note indices referenced by boxes */
    zw_vtable *tables; size_t ntables, captables;
    zw_vnote *notes;  size_t nnotes, capnotes;
    zw_vnline *nlines; size_t nnlines, capnlines;
    zw_vop *note_ops; size_t nnote_ops, capnote_ops;   /* the notes' operations */
    size_t ops_trimmed;        /* box operations dropped by zw_vlist_trim so far */
} zw_vlist;

/* Where the page builder put things. */
typedef struct zw_place {
    int page;                  /* 0-based */
    size_t item;               /* a box of the list */
    double y;                  /* top of the box from the top of the text area */
    bool repeat;               /* a repeated table header (or continuation caption): its note marks are
                                  left out, the note printed where the header first stood */
} zw_place;

typedef struct zw_noteplace {  /* a page note, or a piece of one too long for a page */
    int page;
    size_t note;               /* index into zw_vlist.notes */
    double y;                  /* top of the note (piece) from the top of the text area */
    size_t l0, l1;             /* the note's lines placed here (relative to its line0); l0 == l1: all of it */
} zw_noteplace;

typedef struct zw_pages {
    int first;                 /* number of the first page these placements are on (0-based) */
    zw_place *boxes;       size_t nboxes, capboxes;
    zw_noteplace *notes;   size_t nnotes, capnotes;
    bool *landscape;           /* per page from `first`: its orientation (that of its boxes) */
    size_t caplandscape;
    int npages;                /* pages finished so far, counting from the document's first */
    size_t overfull;           /* boxes that did not fit any page and were placed anyway */
    size_t first_overfull;     /* the first such box */
} zw_pages;

/* Paginate `vl` into pages with a text area `height` pt tall, or `land_height` pt on landscape pages
 * (those of landscape boxes); `note_sep` is the space taken by the separator above the first note on a
 * page.  Fills *out (free with zw_pages_drop).  false on OOM. */
bool zw_paginate(const zw_vlist *vl, double height, double land_height, double note_sep, zw_pages *out);
void zw_pages_drop(zw_pages *p);

/* The page builder run piecemeal, while the list is still growing: each call finishes the pages that
 * no later item can change (a page is final once an item beyond its end has been seen) and appends
 * them to *out; with `final` the list is complete and every page is finished.  Pages are numbered on
 * from out->first (zw_pages_forget drops the finished ones' placements, keeping the numbering), so the
 * result is the same as one zw_paginate call over the whole list.  false on OOM. */
typedef struct zw_pager {
    double heights[2];         /* text area height of portrait and landscape pages */
    double note_sep;
    size_t next;               /* first item of the next page */
    bool land;                 /* orientation of the last page */
    bool carry_on;             /* the rest of a split note continues on the next page… */
    size_t carry_note, carry_l0;   /* …note, from this line */
} zw_pager;

void zw_pager_init(zw_pager *pg, double height, double land_height, double note_sep);
bool zw_pager_run(zw_pager *pg, const zw_vlist *vl, bool final, zw_pages *out);
void zw_pages_forget(zw_pages *p);   /* drop the placements; the next page keeps its number */

/* Drop the items before the pager's next page — but the repeated header and continuation caption of a
 * table that page continues — with their operations and note references: what is left moves to the
 * front and every index into it (ops, refs, the tables' items, pg->next) is shifted down. */
void zw_vlist_trim(zw_vlist *vl, zw_pager *pg);

/* Builders; each returns NULL/false when out of memory. */
zw_vitem *zw_vlist_add(zw_vlist *vl, zw_vitem_kind kind);
zw_vop *zw_vlist_op(zw_vlist *vl, zw_opkind kind);
bool zw_vlist_move_note_ops(zw_vlist *vl, size_t op0);   /* box ops [op0, nops) become note ops */
bool zw_vlist_ref(zw_vlist *vl, size_t note);
zw_vnline *zw_vlist_nline(zw_vlist *vl);
void zw_vlist_drop(zw_vlist *vl);

#endif
