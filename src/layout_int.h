/* layout_int.h — state shared by the layout files (layout.c, table.c, compose.c); not a public interface.
 *
 * The layout walk turns the document model into a vertical list (zw_vlist.h) of line boxes, table-row
 * slices, glue and penalties; compose.c turns the paginated list into display-list pages. */
#ifndef ZW_LAYOUT_INT_H
#define ZW_LAYOUT_INT_H

#include "zw_layout.h"
#include "zw_text.h"
#include "zw_utf8.h"
#include "zw_vlist.h"

typedef struct zw_chunk {    /* an arena of run texts and kerning that boxes' operations point into */
    zw_arena *a;
    size_t op_end;           /* operations made while it was current end before this (counted from the
                                list's first ever: zw_vlist.ops_trimmed + index) */
} zw_chunk;

/* Late page content (zw_late) as layout keeps it until the end: `text` where ZW_LATE_PAGES stands for the
 * page count and ZW_LATE_PAGE_OF for the label of the page of element `target`, set in face and size at
 * baseline `base`, from x (align 0), centred (1) or right-aligned (2) in [x, x + w]; in element `elem`
 * (-1: page furniture). */
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
} zw_late_text;

typedef struct zw_kcache zw_kcache;   /* kerning of words already emitted (layout.c) */

typedef struct zw_lay {
    zw_arena *a;             /* where the operations' texts go: the current chunk arena when streaming */
    zw_arena *doc_a;         /* the document's arena: what outlives the pages (notes, labels, outline) */
    zw_diags *d;
    const zw_doc *doc;
    const zw_style *st;
    const zw_metrics *m;
    zw_setter set;           /* the paragraph setter */
    zw_display *dl;          /* for structure elements and the outline */
    int parent;              /* the element new elements go into (a section, list body, table …) */
    int table_parent;        /* while a table is set: the table's parent, where notes marked in it go; else -1 */
    struct { int mark; size_t note; } *tmarks;   /* marks of notes under the table being set, and their notes */
    size_t ntmarks, captmarks;
    zw_vlist vl;
    double measure;          /* text area width */
    double indent;           /* current left indent (lists) */
    double pending;          /* space waiting to become glue before the next box */
    bool keep;               /* the next break opportunity is forbidden (keep with next) */
    int chapter;             /* index of the current chapter, -1 before the first */
    int counters[8];         /* heading numbers per level */
    int appendices;          /* chapters numbered as appendices so far */
    char chapter_counter[24];/* the current chapter's counter as printed ("3", "B"): its sections' prefix */
    int next_note;           /* last footnote number handed out */
    int *note_num;           /* per doc note (zw_note.index): its number, 0 while it has none */
    const char **note_label; /* per doc note: the label its marks print now (NULL while unnumbered) */
    const char *label;       /* list label waiting for the first line box of its item … */
    int label_elem;          /* … and its element */
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
    size_t composed, emitted;   /* pages composed; handed to the sink */
    int page_chapter;        /* the chapter of the last box composed (-1: the title page or none) */
    zw_chunk *chunks; size_t nchunks, capchunks;   /* retired chunk arenas, oldest first */
    zw_kcache *kc;           /* NULL: every run's kerning is looked up afresh */
    zw_late_text *pend;      /* the late boxes' texts, for zw_display.lates[nlates - npend …] */
    size_t npend, cappend;
} zw_lay;

/* One set paragraph ready to become line boxes. */
typedef struct zw_setpar {
    zw_line *lines;
    size_t n;
    double leading, base;    /* line height, and baseline offset from the line box top */
} zw_setpar;

/* lay_base.c: page geometry, styles, the vertical list's items, paragraphs into runs */
void zw_lay_page_size(const zw_style *st, bool landscape, double *w, double *h);
void zw_lay_area(const zw_style *st, bool landscape, double *w, double *h);
void zw_lay_parstyle(const zw_style *s, const zw_pstyle_def *p, zw_parstyle *out);
void zw_lay_use_arena(zw_lay *L, zw_arena *a);
/* A new structure element under `parent` (zw_lay_elem: under L->parent); -1 (and L->oom) when out of
 * memory.  zw_lay_open makes one and makes it L->parent, returning the parent before, to restore. */
int zw_lay_elem_in(zw_lay *L, zw_role role, int parent);
int zw_lay_elem(zw_lay *L, zw_role role);
int zw_lay_open(zw_lay *L, zw_role role);
zw_vitem *zw_lay_box(zw_lay *L, double h);
void zw_lay_space(zw_lay *L, double h);
void zw_lay_flush_space(zw_lay *L);
void zw_lay_penalty(zw_lay *L, double p);
bool zw_lay_set(zw_lay *L, const zw_pstyle_def *p, zw_align align, const zw_text *t, double measure,
                zw_setpar *out);
zw_kcache *zw_lay_kcache_new(void);   /* free with free() */
const float *zw_lay_kern(zw_lay *L, int face, const char *s, size_t n);
/* The runs of a set line at (x, base) in element `elem` of `role`; marks[i] (NULL: none) is the element
 * of fragment i when that is a footnote mark (zw_lay_text_runs makes them). */
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem,
                 const int *marks);

/* notes.c: footnote numbers and labels, page notes */
const char *zw_lay_mark(void *ctx, const zw_note *n);   /* zw_setter.mark */
void zw_lay_number_notes(zw_lay *L, const zw_text *t);
const char *zw_lay_note_label(zw_lay *L, int k);
const char **zw_lay_table_labels(zw_lay *L, const zw_note *const *notes, size_t n);
void zw_lay_table_labels_end(zw_lay *L, const zw_note *const *notes, const char **saved, size_t n);
bool zw_lay_page_note(const zw_lay *L, const zw_note *n, const zw_table *in_table);
double zw_lay_note_hang(zw_lay *L, int face, double size, const char *label);
long zw_lay_vnote(zw_lay *L, const zw_note *n);
void zw_lay_line_refs(zw_lay *L, const zw_line *line, const zw_table *in_table);
void zw_lay_restart_notes(zw_lay *L);
void zw_lay_text_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem);
bool zw_lay_table_mark(zw_lay *L, int mark, const zw_note *n);   /* a mark of a note under the table */
void zw_lay_table_marks(zw_lay *L, int note_elem, const zw_note *n);  /* those marks lead to note_elem */

/* table.c */
void zw_lay_table(zw_lay *L, const zw_table *t);

/* compose.c */
bool zw_lay_compose(zw_lay *L, const zw_pages *pg);     /* pages pg->first … pg->npages - 1 */
bool zw_lay_late(zw_lay *L, int page, const zw_late_text *lt);   /* a late box on a page being composed */
bool zw_lay_late_run(zw_lay *L, const zw_late_text *lt, const char *text, zw_run *r);
bool zw_lay_resolve_late(zw_lay *L);                    /* at the end: the late boxes' runs */

#endif
