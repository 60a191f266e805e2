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


typedef enum zw_target_kind { ZW_TARGET_SECTION, ZW_TARGET_TABLE, ZW_TARGET_NOTE } zw_target_kind;
typedef struct zw_target {   /* what an id names: a section or table with that `id:`, a footnote by its key */
    const char *id;
    zw_target_kind kind;
    int section;             /* SECTION: its index (zw_lay.sects); TABLE: the section it is in; NOTE: -1 */
    const zw_table *table;   /* TABLE */
    const zw_note *note;     /* NOTE */
} zw_target;

typedef struct zw_listed {   /* a captioned table or figure in the list of them the layout prints */
    const zw_text *caption;  /* its caption in the model, by which the walk knows it */
    int entry;               /* its entry (TOCI), -1 until made */
} zw_listed;

typedef struct zw_kcache zw_kcache;   /* kerning of words already emitted (layout.c) */

typedef struct zw_lay {
    zw_arena *a;             /* where the operations' texts go: the current chunk arena when streaming */
    zw_arena *doc_a;         /* the document's arena: what outlives the pages (notes, labels, outline) */
    zw_diags *d;
    const zw_doc *doc;
    const char **langs;      /* the document's {lang} tags, by number - 1, kept in doc_a (runs borrow them
                                and outlive the model) */
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
    bool recto;              /* the next box starts a right-hand page (a chapter, duplex) */
    struct { const char *href; int in, elem; } link;   /* the link element made last: where to, in what */
    /* cross-references and the contents (refs.c, contents.c) */
    const zw_section **sects; /* per section, in reading order (refs.c): the section */
    size_t nsects;
    int sect_next;           /* the index of the next section the walk meets */
    int first_appendix_section;   /* the index of the first appendix chapter (nsects + 1: none) */
    zw_target *targets;      /* every id and footnote key, sorted by id */
    size_t ntargets;
    const char **sect_num;   /* per section: its number ("2.1"), NULL when it has none */
    int *sect_elem;          /* per section: its heading's element, -1 until made */
    int *toc_of;             /* per section: its contents entry (TOCI), -1 when it has none */
    struct { zw_listed *e; size_t n, next; } lists[ZW_NLISTS];   /* in reading order, those of the lists of
                                tables and figures the layout prints; `next`: the next the walk meets */
    int *target_elem;        /* per target: the element it names once made, -1 until then */
    size_t *chapter_bytes;   /* the text of the chapters before each (and of all: [nchapters]), or NULL */
    struct { int elem, target; } *xrefs;   /* links to targets (Link elements), their `ref` set at the end */
    size_t nxrefs, capxrefs;
    struct { int page; zw_late_text t; } *clates;   /* late texts of the pages being composed, in order */
    size_t nclates, capclates;
    int chapter;             /* index of the current chapter, -1 before the first */
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
    int page_chapter;        /* the chapter of the last box composed (ZW_CH_TITLE: the title page or none) */
    /* page numbers (compose.c: next_label) */
    int first_appendix;      /* the first chapter that is an appendix; doc->nchapters when none is */
    int num_part;            /* the part the last page numbered is in: front matter, body, appendices */
    int num_appendix;        /* in the appendices: which (0 = the first), else -1 */
    int page_n;              /* the number the last page printed in its part */
    int body_last;           /* the last page number of the body's numbering: what {pages} prints */
    zw_chunk *chunks; size_t nchunks, capchunks;   /* retired chunk arenas, oldest first */
    zw_kcache *kc;           /* NULL: every run's kerning is looked up afresh */
    struct { zw_late_text t; size_t box, dots; } *pend;   /* every late text and its box in zw_display.lates;
                                                            dots: its leaders' own box (SIZE_MAX: none) */
    size_t npend, cappend;
} zw_lay;

/* One set paragraph ready to become line boxes. */
/* A page break after a line that ends in a hyphen (TeX's \brokenpenalty, raised), in a paragraph or
 * between the lines of a table row: the page builder takes it only when no break without a hyphen is
 * nearly as good (it costs what leaving four fifths of the page empty does), so the reader never turns
 * the page in the middle of a word but where nothing else allows a break. */
#define ZW_BROKEN_PENALTY 5000.0

typedef struct zw_setpar {
    zw_line *lines;
    size_t n;
    double leading, base;    /* line height, and baseline offset from the line box top */
    uint8_t ink;             /* palette index of the style's text colour */
} zw_setpar;

/* refs.c: section numbers, cross-references */
bool zw_lay_refs_start(zw_lay *L);                      /* the sections' numbers, before the walk */
/* t with its references ({ref id}, {page id}) as the text they print, in face (for the room of a page
 * number not known yet); t itself when it has none. */
const zw_text *zw_lay_resolve_refs(zw_lay *L, const zw_text *t, int face);
void zw_lay_target_made(zw_lay *L, const char *id, int elem);   /* what id names is element elem */
bool zw_lay_ref_link(zw_lay *L, int elem, const char *href);    /* link elem leads to href ("#id") */
void zw_lay_refs_end(zw_lay *L);                        /* at the end: the links learn their targets */
/* Whether t has a {page id} of something laid out already whose page is not finished yet (finishing the
 * pages before it may settle it). */
bool zw_lay_refs_waiting(const zw_lay *L, const zw_text *t);

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
/* The runs of a set line at (x, base) in element `elem` of `role`; own[i] (NULL: none) is the element of
 * fragment i when that has one of its own, a footnote mark or a link, else -1 (zw_lay_text_runs makes
 * them); the links get their areas. */
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem,
                 const int *own, uint8_t ink);
/* The palette index of colour c in the display list (black, after flagging it, when out of memory). */
uint8_t zw_lay_ink(zw_lay *L, zw_rgb c);
/* The element of a link's fragment f in element `in`: the one its link has there already (a link's
 * fragments, on one line or more, are one element), else a new one; -1 for a fragment of no link. */
int zw_lay_link_elem(zw_lay *L, const zw_frag *f, int in);

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
void zw_lay_text_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem, uint8_t ink);
bool zw_lay_table_mark(zw_lay *L, int mark, const zw_note *n);   /* a mark of a note under the table */
void zw_lay_table_marks(zw_lay *L, int note_elem, const zw_note *n);  /* those marks lead to note_elem */

/* contents.c */
void zw_lay_contents(zw_lay *L);   /* the entries of the contents, after its title */
void zw_lay_list(zw_lay *L, int list);   /* the entries of the list of tables or of figures, after its title */
/* The walk meets the caption of a table or figure (the model's `caption`), made as element elem: when
 * `list` lists it, its entry leads there. */
void zw_lay_listed_made(zw_lay *L, int list, const zw_text *caption, int elem);

/* table.c */
void zw_lay_table(zw_lay *L, const zw_table *t);

/* figure.c: figures (images, charts) with their captions, and the logo on the title page */
typedef struct zw_figbox {     /* a figure being made */
    int elem, caption;         /* its FIGURE element and its CAPTION (-1: none) */
    size_t figure;             /* its entry in zw_display.figures */
    zw_setpar cap;             /* the caption, set */
    double caph;               /* its height, with the space after it */
    size_t item;               /* its box in the vertical list ((size_t)-1 until made) */
    double top;                /* y of the drawing in the box */
} zw_figbox;
bool zw_lay_figure_open(zw_lay *L, const zw_text *caption, zw_align align, const char *alt, zw_figbox *fb);
double zw_lay_figure_room(const zw_lay *L, const zw_figbox *fb);   /* the tallest drawing a page holds */
bool zw_lay_figure_box(zw_lay *L, zw_figbox *fb, double x, double w, double h);
void zw_lay_figure_close(zw_lay *L, zw_figbox *fb);
void zw_lay_picture(zw_lay *L, const zw_picture *p);
void zw_lay_logo(zw_lay *L, double box_h);

/* chart.c */
void zw_lay_chart(zw_lay *L, const zw_chart *c);

/* compose.c */
bool zw_lay_compose(zw_lay *L, const zw_pages *pg);     /* pages pg->first … pg->npages - 1 */
bool zw_lay_late(zw_lay *L, int page, const zw_late_text *lt);   /* a late box on a page being composed */
bool zw_lay_late_run(zw_lay *L, const zw_late_text *lt, const char *text, zw_run *r);
bool zw_lay_resolve_late(zw_lay *L);                    /* at the end: the late boxes' runs */

#endif
