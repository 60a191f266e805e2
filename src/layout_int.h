/* layout_int.h — state shared by the layout files (layout.c, table.c, compose.c); not a public interface.
 *
 * The layout walk turns the document model into a vertical list (zw_vlist.h) of line boxes, table-row
 * slices, glue and penalties; compose.c turns the paginated list into display-list pages. */
#ifndef ZW_LAYOUT_INT_H
#define ZW_LAYOUT_INT_H

#include "zw_layout.h"
#include "zw_text.h"
#include "zw_vlist.h"

/* A note mark or a note's number on a composed page: what links between marks and notes are resolved
 * against once the page itself has been written. */
typedef struct zw_anchor {
    int page;
    zw_role role;            /* NOTE_MARK or NOTE */
    const char *note;        /* the note's key */
    const char *text;        /* the label as printed (copied into the document arena) */
    size_t len;
    double y, ascent;        /* the run's baseline and extent above it */
} zw_anchor;

typedef struct zw_chunk {    /* an arena of run texts and kerning that boxes' operations point into */
    zw_arena *a;
    size_t op_end;           /* operations made while it was current end before this (counted from the
                                list's first ever: zw_vlist.ops_trimmed + index) */
} zw_chunk;

typedef struct zw_kcache zw_kcache;   /* kerning of words already emitted (layout.c) */

typedef struct zw_lay {
    zw_arena *a;             /* where the operations' texts go: the current chunk arena when streaming */
    zw_arena *doc_a;         /* the document's arena: what outlives the pages (notes, labels, outline) */
    zw_diags *d;
    const zw_doc *doc;
    const zw_style *st;
    const zw_metrics *m;
    zw_setter set;           /* the paragraph setter */
    zw_display *dl;          /* for structure element ids and the outline */
    zw_vlist vl;
    double measure;          /* text area width */
    double indent;           /* current left indent (lists) */
    double pending;          /* space waiting to become glue before the next box */
    bool keep;               /* the next break opportunity is forbidden (keep with next) */
    int chapter;             /* index of the current chapter, -1 before the first */
    int counters[8];         /* heading numbers per level */
    int next_note;           /* last footnote number handed out */
    const char *label;       /* list label waiting for the first line box of its item */
    double label_col;        /* > 0: that label starts this far left of indent (a labelled list's column);
                                0: it ends a little left of indent (bullets, numbers) */
    const zw_table *table;   /* the table whose cells are being set: its own notes are numbered per table */
    long *vnote_of;          /* per doc note: index into vl.notes, or -1 while not yet set */
    uint32_t missing[64];    /* characters already reported as missing from their font */
    int nmissing;
    bool oom;
    /* pages as they are finished (see flush in layout.c) */
    const zw_sink *sink;     /* where finished pages go; NULL: they stay in dl */
    bool stream;             /* hand pages over while the walk goes on (not when {pages} is printed) */
    bool stop;               /* finishing pages failed (reported, or L->oom): the walk stops */
    zw_pager pager;
    zw_pages pages;          /* placements of finished pages not composed yet */
    size_t composed, linked, emitted;   /* pages composed; of those with their links; handed to the sink */
    int page_chapter;        /* the chapter of the last box composed (-1: the title page or none) */
    zw_anchor *anchors; size_t nanchors, capanchors;
    size_t *anchor_at;       /* per composed page: its first anchor (and one past the last page) */
    size_t capanchor_at;
    zw_chunk *chunks; size_t nchunks, capchunks;   /* retired chunk arenas, oldest first */
    zw_kcache *kc;           /* NULL: every run's kerning is looked up afresh */
} zw_lay;

/* One set paragraph ready to become line boxes. */
typedef struct zw_setpar {
    zw_line *lines;
    size_t n;
    double leading, base;    /* line height, and baseline offset from the line box top */
} zw_setpar;

/* layout.c */
bool zw_lay_set(zw_lay *L, const zw_pstyle_def *p, zw_align align, const zw_text *t, double measure,
                zw_setpar *out);
const float *zw_lay_kern(zw_lay *L, int face, const char *s, size_t n);
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem);
void zw_lay_space(zw_lay *L, double h);
void zw_lay_flush_space(zw_lay *L);
void zw_lay_number_notes(zw_lay *L, const zw_text *t);
const char *zw_lay_note_label(zw_lay *L, int k);
const char **zw_lay_table_labels(zw_lay *L, const zw_note *const *notes, size_t n);
void zw_lay_table_labels_end(zw_lay *L, const zw_note *const *notes, const char **saved, size_t n);
bool zw_lay_page_note(const zw_lay *L, const zw_note *n, const zw_table *in_table);
double zw_lay_note_hang(zw_lay *L, int face, double size, const char *label);
long zw_lay_vnote(zw_lay *L, const zw_note *n);
size_t zw_lay_note_index(const zw_lay *L, const zw_note *n);
zw_vitem *zw_lay_box(zw_lay *L, double h);

/* table.c */
void zw_lay_table(zw_lay *L, const zw_table *t);

/* compose.c */
bool zw_lay_compose(zw_lay *L, const zw_pages *pg);     /* pages pg->first … pg->npages - 1 */
bool zw_lay_link(zw_lay *L, bool final);                /* links of composed pages, as far as known */
void zw_lay_page_size(const zw_style *st, bool landscape, double *w, double *h);
void zw_lay_area(const zw_style *st, bool landscape, double *w, double *h);

#endif
