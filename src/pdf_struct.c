/* pdf_struct.c — the tagged PDF (PDF/UA-1): marked content as the pages are written, and the structure
 * tree, built from the display list's element tree, written as the document is saved.
 *
 * Every piece of page content is a marked-content sequence.  Page furniture is an /Artifact: /Layout for
 * rules and shading, /Pagination for the running header and footer (/Subtype /Header, /Footer) and for
 * what a page break repeats (a table header, a continuation caption, a note printed again).  Real content
 * gets an MCID owned by its element, or by an element the writer adds below it (a *sub*: a Link holding
 * the text an annotation covers and the annotation itself, or a Span in another language).  While the
 * pages are written only the owner of each sequence is kept: 4 bytes.
 *
 * The tree: the StructTreeRoot; one StructElem per element (Document; Part for a chapter, Sect for a
 * section; H1–H6; P, also for the title page's lines; L, LI, Lbl, LBody; Table, THead, TBody, TR, TH with
 * /Scope, TD, spans as /ColSpan and /RowSpan; Caption; Reference for a note mark, Note with an /ID; TOC,
 * TOCI), per sub, and per empty cell that a row whose data leaves cells out gets (every table regular);
 * the ParentTree (a number tree: per page the owners of its sequences, per annotation its Link) and the
 * IDTree of the notes.  A 3 000-page budget has some 220 000 elements: as libharu dictionaries (about
 * 144 bytes an entry) they would take hundreds of megabytes.  So none of them exists before the save:
 * pdf_file.c asks for them one by one (zw_pdf_struct_object formats object i from the element table)
 * and packs them into object streams.  Only the StructTreeRoot is a libharu object (the catalog refers
 * to it); its entries are written by a hook once the tree's objects are numbered.  An element's kids are
 * in the tree's order (the data's): its children in order, and its own sequences and subs, by their
 * place in the content, between them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

#define FAN 64                /* entries of a number or name tree's leaf, kids of its other nodes */
#define MAX_OBJECTS 8388607   /* PDF's (and libharu's) largest object number */
#define NO_KEY INT32_MAX      /* a sub or element without content */

/* A number or name tree's shape: leaves of FAN entries, FAN kids a node, numbered level by level from
 * the leaves up, the root (a single node) last. */
typedef struct ntree {
    size_t n;                 /* entries */
    int top;                  /* the root's level (0: the root is the only leaf) */
    size_t cnt[8];            /* nodes per level */
    uint32_t first[8];        /* object number of each level's first node */
} ntree;

/* The tree's tables while the document is saved. */
typedef struct pdf_tree {
    size_t nel, nsub;         /* elements and subs */
    uint32_t base;            /* object number of element 0; the subs follow, then the trees' nodes */
    size_t total;             /* how many objects there are */
    int32_t *first_child, *next_sib, *key;   /* per element; key: its subtree's first sequence */
    int32_t *sub_first, *sub_next;           /* per element its first sub, per sub the next (by key) */
    uint32_t *mc_start;       /* per owner (elements, then subs) and one more: its sequences in mc_list */
    uint32_t *mc_list;
    int32_t *own_links;       /* the links whose element holds the annotation (pdf_link.sub -1), by element */
    size_t nown;
    int32_t *notes;           /* the Note elements in order: the IDTree's entries */
    size_t nnotes;
    struct pad *pads;         /* rows with fewer cells than their table has columns, in order */
    size_t npads, nempty;     /* such rows; the empty cells they get */
    ntree parents, ids;
    size_t parent_nodes;      /* the ParentTree's nodes (the IDTree's follow them) */
} pdf_tree;

/* A table row that covers fewer columns than its table (the data may leave a row's last cells out): it
 * gets empty cells to make the table regular, as PDF/UA wants, objects of their own after the subs. */
typedef struct pad {
    int32_t tr;               /* the row */
    uint32_t n;               /* empty cells it gets */
    uint32_t first;           /* the first of them (from the first empty cell's object) */
} pad;

/* ---- structure types ---------------------------------------------------------------------------- */

/* The standard structure type of element e (no role map is needed). */
static const char *elem_type(const zw_display *dl, int e) {
    static const char *const heads[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
    const zw_elem *el = &dl->elems[e];
    switch ((zw_role)el->role) {
    case ZW_ROLE_H1: case ZW_ROLE_H2: case ZW_ROLE_H3: case ZW_ROLE_H4: case ZW_ROLE_H5: case ZW_ROLE_H6:
        return heads[el->role - ZW_ROLE_H1];
    case ZW_ROLE_LIST_LABEL: return "Lbl";
    case ZW_ROLE_LIST_BODY: return "LBody";
    case ZW_ROLE_CAPTION: return "Caption";
    case ZW_ROLE_TH: return "TH";
    case ZW_ROLE_TD: return "TD";
    case ZW_ROLE_NOTE_MARK: return "Reference";
    case ZW_ROLE_NOTE: return "Note";
    case ZW_ROLE_TOC: return "TOC";
    case ZW_ROLE_TOCI: return "TOCI";
    case ZW_ROLE_LINK: return "Link";   /* (a Span when no annotation came of it: write_elem) */
    case ZW_ROLE_FIGURE: return "Figure";
    case ZW_ROLE_DOCUMENT: return "Document";
    case ZW_ROLE_SECT: return el->parent == 0 ? "Part" : "Sect";   /* a chapter, a section */
    case ZW_ROLE_DIV: return "Div";
    case ZW_ROLE_L: return "L";
    case ZW_ROLE_LI: return "LI";
    case ZW_ROLE_TABLE: return "Table";
    case ZW_ROLE_THEAD: return "THead";
    case ZW_ROLE_TBODY: return "TBody";
    case ZW_ROLE_TR: return "TR";
    case ZW_ROLE_P: case ZW_ROLE_TITLE: case ZW_ROLE_ARTIFACT: case ZW_ROLE_COUNT: break;
    }
    return "P";   /* a paragraph, a line of the title page (PDF 1.7 has no Title) */
}

static const char *sub_type(const writer *w, int s) {
    int l = w->tags.subs[s].link;
    return l >= 0 && w->links[l].annot ? "Link" : "Span";   /* a link that got no annotation is a span */
}

/* ---- while the pages are written ---------------------------------------------------------------- */

bool zw_pdf_tag_page(writer *w, HPDF_Page page) {
    pdf_tags *t = &w->tags;
    size_t p = w->npage - 1;   /* the page just added */
    if (!zw_reserve((void **)&t->page0, &t->cappage0, p + 2, sizeof *t->page0)) return false;
    t->page0[p] = (uint32_t)t->nmc;
    t->open.kind = MC_NONE;
    return HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)p) == HPDF_OK;
}

int zw_pdf_sub(writer *w, int parent, int link, const char *lang) {
    pdf_tags *t = &w->tags;
    if (t->nsubs >= INT32_MAX / 2 || !zw_grow((void **)&t->subs, &t->capsubs, t->nsubs, sizeof *t->subs)) return -1;
    t->subs[t->nsubs] = (pdf_sub){parent, NO_KEY, link, lang};
    return (int)t->nsubs++;
}

bool zw_pdf_mc_end(writer *w) {
    if (w->tags.open.kind == MC_NONE) return true;
    w->tags.open.kind = MC_NONE;
    return zw_pdf_put(w, "EMC\012", 4);
}

/* A new sequence owned by `owner` (an element, or -(sub + 1)): its MCID on the page being written. */
static long new_mcid(writer *w, int32_t owner) {
    pdf_tags *t = &w->tags;
    if (t->nmc >= UINT32_MAX - 1 || !zw_grow((void **)&t->owner, &t->capmc, t->nmc, sizeof *t->owner)) return -1;
    if (owner < 0 && t->subs[-owner - 1].key == NO_KEY) t->subs[-owner - 1].key = (int32_t)t->nmc;
    t->owner[t->nmc] = owner;
    return (long)(t->nmc++ - t->page0[w->npage - 1]);
}

int zw_pdf_furniture(const zw_page *pg, double top, double bottom) {
    if (bottom <= pg->area_y + 0.01) return MC_HEADER;
    if (top >= pg->area_y + pg->area_h - 0.01) return MC_FOOTER;
    return MC_PAGINATION;
}

bool zw_pdf_same_mark(const pdf_mark *a, const pdf_mark *b) {
    if (a->kind != b->kind) return false;
    if (a->kind != MC_CONTENT) return true;
    return a->elem == b->elem && a->link == b->link
           && (a->lang == b->lang || (a->lang && b->lang && !strcmp(a->lang, b->lang)));
}

bool zw_pdf_mc_box(writer *w, const zw_page *pg, int elem, double top, double bottom) {
    if (!w->tags.on) return true;
    pdf_mark m = elem >= 0 ? (pdf_mark){MC_CONTENT, elem, -1, NULL}
                           : (pdf_mark){zw_pdf_furniture(pg, top, bottom), -1, -1, NULL};
    return zw_pdf_same_mark(&m, &w->tags.open) || zw_pdf_mc_begin(w, &m);
}

bool zw_pdf_mc_begin(writer *w, const pdf_mark *m) {
    static const char *const artifacts[] = {
        [MC_LAYOUT] = "/Artifact <</Type /Layout>> BDC\012",
        [MC_PAGINATION] = "/Artifact <</Type /Pagination>> BDC\012",
        [MC_HEADER] = "/Artifact <</Type /Pagination /Subtype /Header>> BDC\012",
        [MC_FOOTER] = "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\012",
    };
    if (!zw_pdf_mc_end(w)) return false;
    if (m->kind == MC_NONE) return true;
    w->tags.open = *m;
    if (m->kind != MC_CONTENT) return zw_pdf_put(w, artifacts[m->kind], strlen(artifacts[m->kind]));
    if (m->elem < 0 || (size_t)m->elem >= w->dl->nelems)
        return zw_pdf_fail(w, "internal error: content of element %d, but there are %zu", m->elem, w->dl->nelems);
    int sub = -1;
    if (m->link >= 0 && w->links[m->link].sub >= 0) {   /* (a link element holds its annotation itself) */
        sub = w->links[m->link].sub;
        if (w->tags.subs[sub].parent < 0) w->tags.subs[sub].parent = m->elem;
    } else if (m->lang && (sub = zw_pdf_sub(w, m->elem, -1, m->lang)) < 0) {
        return false;
    }
    long mcid = new_mcid(w, sub >= 0 ? -(sub + 1) : m->elem);
    if (mcid < 0) return false;
    const char *tag = sub >= 0 ? (w->tags.subs[sub].link >= 0 ? "Link" : "Span") : elem_type(w->dl, m->elem);
    char s[48];   /* "/<tag> <</MCID <n>>> BDC\n", written by hand: one for every sequence */
    size_t n = 0, k = strlen(tag);
    s[n++] = '/';
    memcpy(s + n, tag, k);
    n += k;
    memcpy(s + n, " <</MCID ", 9);
    n += 9;
    char d[12];
    size_t nd = 0;
    do { d[nd++] = (char)('0' + mcid % 10); mcid /= 10; } while (mcid);
    while (nd) s[n++] = d[--nd];
    memcpy(s + n, ">> BDC\012", 7);
    return zw_pdf_put(w, s, n + 7);
}

/* ---- at the end: annotations and the catalog ------------------------------------------------------ */

/* s as a UTF-16BE text string with its byte-order mark (what /Contents holds), in a libharu binary
 * object; NULL when out of memory. */
static HPDF_Binary text_string(writer *w, const char *s, size_t n) {
    HPDF_BYTE *b = zw_xmalloc(2 * (n + 1) + 2);   /* a UTF-8 byte never gives more than one UTF-16 unit … */
    if (!b) return NULL;
    size_t k = 0;
    b[k++] = 0xFE;
    b[k++] = 0xFF;
    for (const char *p = s, *end = s + n; p < end;) {
        uint32_t cp = drawable(zw_utf8_next(&p, end));   /* … and drawable() keeps to the BMP */
        b[k++] = (HPDF_BYTE)(cp >> 8);
        b[k++] = (HPDF_BYTE)cp;
    }
    HPDF_Binary bin = HPDF_Binary_New(w->pdf->mmgr, b, (HPDF_UINT)k);
    free(b);
    return bin;
}

/* What a link does, in words, for its annotation's /Contents: a note mark's "Voetnoot 3", a note number's
 * "Terug naar voetnootteken 3", else "Ga naar" the text it covers or the page it leads to (page `to`). */
static void link_words(writer *w, const pdf_link *lk, int to, char *buf, size_t cap) {
    const char *text = lk->textlen ? lk->text : "";
    int from = lk->l.elem;
    zw_role role = from >= 0 && (size_t)from < w->dl->nelems ? (zw_role)w->dl->elems[from].role : ZW_ROLE_COUNT;
    if (role == ZW_ROLE_NOTE_MARK) snprintf(buf, cap, "Voetnoot %s", text);
    else if (role == ZW_ROLE_NOTE) snprintf(buf, cap, "Terug naar voetnootteken %s", text);
    else if (lk->l.uri && lk->textlen && strcmp(text, lk->l.uri)) snprintf(buf, cap, "%s (%s)", text, lk->l.uri);
    else if (lk->l.uri) snprintf(buf, cap, "%s", lk->l.uri);
    else if (lk->textlen) snprintf(buf, cap, "Ga naar %s", text);
    else snprintf(buf, cap, "Ga naar pagina %s", w->dl->pages[to].label ? w->dl->pages[to].label : "");
}

bool zw_pdf_tag_link(writer *w, size_t i, HPDF_Page page) {
    pdf_link *lk = &w->links[i];
    if (!w->tags.on) return true;
    int to;
    double y;
    char words[512];
    if (!zw_display_dest(w->dl, &lk->l, &to, &y)) to = (int)lk->page;
    link_words(w, lk, to, words, sizeof words);
    HPDF_Binary contents = text_string(w, words, strlen(words));
    if (!contents) return false;
    HPDF_Dict_Add(lk->annot, "Contents", contents);
    HPDF_Dict_AddNumber(lk->annot, "StructParent", (HPDF_INT32)(w->npage + i));
    if (!HPDF_Dict_GetItem(page, "Tabs", HPDF_OCLASS_NAME)) HPDF_Dict_AddName(page, "Tabs", "S");
    return !zw_pdf_failed(w);
}

static HPDF_STATUS root_write(HPDF_Dict d, HPDF_Stream s);

bool zw_pdf_tag_catalog(writer *w) {
    if (!w->tags.on) return true;
    HPDF_MMgr mm = w->pdf->mmgr;
    HPDF_Dict cat = w->pdf->catalog;
    HPDF_Dict root = HPDF_Dict_New(mm), mark = HPDF_Dict_New(mm), prefs = HPDF_Dict_New(mm);
    if (!root || !mark || !prefs || HPDF_Xref_Add(w->pdf->xref, root) != HPDF_OK)
        return zw_pdf_oom(w);
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    root->write_fn = root_write;
    root->attr = w;
    w->tags.root = root;
    HPDF_Dict_Add(cat, "StructTreeRoot", root);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(cat, "MarkInfo", mark);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);   /* the title, not the file name */
    HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    return !zw_pdf_failed(w);
}

/* ---- the tree's tables -------------------------------------------------------------------------- */

/* Plan a tree of n >= 1 entries whose nodes are numbered from `first`; returns the number of nodes. */
static size_t plan_tree(ntree *t, size_t n, uint32_t first) {
    *t = (ntree){.n = n};
    size_t c = (n + FAN - 1) / FAN, total = 0;
    for (int k = 0; k < 8; k++) {
        t->cnt[k] = c;
        t->first[k] = first + (uint32_t)total;
        total += c;
        t->top = k;
        if (c <= 1) break;
        c = (c + FAN - 1) / FAN;
    }
    return total;
}

static int cmp_sub(const void *a, const void *b, void *ctx) {
    const pdf_sub *s = ctx;
    const pdf_sub *x = &s[*(const int32_t *)a], *y = &s[*(const int32_t *)b];
    int px = x->parent < 0 ? 0 : x->parent, py = y->parent < 0 ? 0 : y->parent;
    if (px != py) return px < py ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key ? 1 : 0;
}

/* Children in order (the element tree's parent links), the sequences of each owner, the subs of each
 * element by their place, and each element's first sequence in its subtree. */
static bool build_lists(writer *w, pdf_tree *t) {
    const zw_elem *el = w->dl->elems;
    const pdf_tags *tg = &w->tags;
    size_t E = t->nel, S = t->nsub, owners = E + S;
    t->first_child = zw_xmalloc(E * sizeof *t->first_child);
    t->next_sib = zw_xmalloc(E * sizeof *t->next_sib);
    t->key = zw_xmalloc(E * sizeof *t->key);
    t->sub_first = zw_xmalloc(E * sizeof *t->sub_first);
    t->sub_next = zw_xmalloc((S + 1) * sizeof *t->sub_next);
    t->mc_start = calloc(owners + 1, sizeof *t->mc_start);
    t->mc_list = zw_xmalloc((tg->nmc + 1) * sizeof *t->mc_list);
    int32_t *order = zw_xmalloc((S + 1) * sizeof *order);
    if (!t->first_child || !t->next_sib || !t->key || !t->sub_first || !t->sub_next || !t->mc_start || !t->mc_list || !order) {
        free(order);
        return false;
    }
    for (size_t e = 0; e < E; e++) t->first_child[e] = t->next_sib[e] = t->sub_first[e] = -1;
    for (size_t e = E; e-- > 1;) {
        int p = el[e].parent;
        if (p < 0 || (size_t)p >= e) { free(order); return zw_pdf_fail(w, "internal error: element %zu has parent %d", e, p); }
        t->next_sib[e] = t->first_child[p];
        t->first_child[p] = (int32_t)e;
    }
    for (size_t g = 0; g < tg->nmc; g++) {
        int32_t o = tg->owner[g];
        t->mc_start[o >= 0 ? (size_t)o + 1 : E + (size_t)(-o - 1) + 1]++;
    }
    for (size_t o = 0; o < owners; o++) t->mc_start[o + 1] += t->mc_start[o];
    for (size_t g = 0; g < tg->nmc; g++) {   /* (mc_start[o] walks to the next owner's start, then back) */
        int32_t o = tg->owner[g];
        t->mc_list[t->mc_start[o >= 0 ? (size_t)o : E + (size_t)(-o - 1)]++] = (uint32_t)g;
    }
    for (size_t o = owners; o > 0; o--) t->mc_start[o] = t->mc_start[o - 1];
    t->mc_start[0] = 0;
    for (size_t s = 0; s < S; s++) order[s] = (int32_t)s;
    qsort_r(order, S, sizeof *order, cmp_sub, tg->subs);
    for (size_t i = S; i-- > 0;) {
        const pdf_sub *sb = &tg->subs[order[i]];
        int p = sb->parent < 0 ? 0 : sb->parent;
        t->sub_next[order[i]] = t->sub_first[p];
        t->sub_first[p] = order[i];
    }
    free(order);
    for (size_t e = 0; e < E; e++)
        t->key[e] = t->mc_start[e] < t->mc_start[e + 1] ? (int32_t)t->mc_list[t->mc_start[e]] : NO_KEY;
    for (size_t s = 0; s < S; s++) {
        int p = tg->subs[s].parent < 0 ? 0 : tg->subs[s].parent;
        if (tg->subs[s].key < t->key[p]) t->key[p] = tg->subs[s].key;
    }
    for (size_t e = E; e-- > 1;)
        if (t->key[e] < t->key[el[e].parent]) t->key[el[e].parent] = t->key[e];
    return true;
}

static int cmp_own_link(const void *a, const void *b, void *ctx) {
    const pdf_link *l = ctx;
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    if (l[x].l.elem != l[y].l.elem) return l[x].l.elem < l[y].l.elem ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The annotations that link elements hold, sorted by element (then in page order). */
static bool collect_own_links(writer *w, pdf_tree *t) {
    for (size_t i = 0; i < w->nlinks; i++) t->nown += w->links[i].sub < 0 && w->links[i].annot;
    if (!t->nown) return true;
    if (!(t->own_links = zw_xmalloc(t->nown * sizeof *t->own_links))) return false;
    size_t k = 0;
    for (size_t i = 0; i < w->nlinks; i++)
        if (w->links[i].sub < 0 && w->links[i].annot) t->own_links[k++] = (int32_t)i;
    qsort_r(t->own_links, t->nown, sizeof *t->own_links, cmp_own_link, w->links);
    return true;
}

/* The first of element e's own links in own_links (t->nown when it has none). */
static size_t own_links_of(const writer *w, const pdf_tree *t, int e) {
    size_t lo = 0, hi = t->nown;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w->links[t->own_links[mid]].l.elem < e) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->nown && w->links[t->own_links[lo]].l.elem == e ? lo : t->nown;
}

static bool collect_notes(writer *w, pdf_tree *t) {
    for (size_t e = 0; e < t->nel; e++) t->nnotes += w->dl->elems[e].role == ZW_ROLE_NOTE;
    if (!t->nnotes) return true;
    t->notes = zw_xmalloc(t->nnotes * sizeof *t->notes);
    if (!t->notes) return false;
    size_t k = 0;
    for (size_t e = 0; e < t->nel; e++)
        if (w->dl->elems[e].role == ZW_ROLE_NOTE) t->notes[k++] = (int32_t)e;
    return true;
}

/* The columns each row of table `table` covers (its cells' spans and the cells above that span rows down
 * into it), into cover[] in row order; returns the number of rows, -1 when out of memory.  carry (per
 * column: rows still covered from above) grows as needed. */
static long table_rows(const zw_display *dl, const pdf_tree *t, int table, int32_t **rows, size_t *caprows,
                       uint32_t **carry, size_t *capcarry) {
    size_t n = 0, ncarry = 0;
    for (int g = t->first_child[table]; g >= 0; g = t->next_sib[g]) {
        if (dl->elems[g].role != ZW_ROLE_THEAD && dl->elems[g].role != ZW_ROLE_TBODY) continue;
        for (int r = t->first_child[g]; r >= 0; r = t->next_sib[r]) {
            if (dl->elems[r].role != ZW_ROLE_TR) continue;
            if (!zw_grow((void **)rows, caprows, 2 * n + 1, sizeof **rows)) return -1;
            size_t col = 0;
            for (int c = t->first_child[r]; c >= 0; c = t->next_sib[c]) {
                const zw_elem *el = &dl->elems[c];
                if (el->role != ZW_ROLE_TH && el->role != ZW_ROLE_TD) continue;
                while (col < ncarry && (*carry)[col] > 0) col++;
                size_t span = el->colspan ? el->colspan : 1;
                if (!zw_reserve((void **)carry, capcarry, col + span, sizeof **carry)) return -1;
                for (; ncarry < col + span; ncarry++) (*carry)[ncarry] = 0;
                for (size_t k = col; k < col + span; k++) (*carry)[k] = el->rowspan ? el->rowspan : 1;
                col += span;
            }
            uint32_t covered = 0;
            for (size_t k = 0; k < ncarry; k++) {
                covered += (*carry)[k] > 0;
                if ((*carry)[k] > 0) (*carry)[k]--;
            }
            (*rows)[2 * n] = r;
            (*rows)[2 * n + 1] = (int32_t)covered;
            n++;
        }
    }
    return (long)n;
}

/* The empty cells that make every table regular. */
static bool plan_pads(writer *w, pdf_tree *t) {
    int32_t *rows = NULL;
    uint32_t *carry = NULL;
    size_t caprows = 0, capcarry = 0, cappads = 0;
    bool ok = true;
    for (size_t e = 0; ok && e < t->nel; e++) {
        if (w->dl->elems[e].role != ZW_ROLE_TABLE) continue;
        long n = table_rows(w->dl, t, (int)e, &rows, &caprows, &carry, &capcarry);
        if (n < 0) { ok = false; break; }
        int32_t cols = 0;
        for (long i = 0; i < n; i++) cols = rows[2 * i + 1] > cols ? rows[2 * i + 1] : cols;
        for (long i = 0; ok && i < n; i++) {
            if (rows[2 * i + 1] == cols) continue;
            if (!(ok = zw_grow((void **)&t->pads, &cappads, t->npads, sizeof *t->pads))) break;
            t->pads[t->npads++] = (pad){rows[2 * i], (uint32_t)(cols - rows[2 * i + 1]), (uint32_t)t->nempty};
            t->nempty += (size_t)(cols - rows[2 * i + 1]);
        }
    }
    free(rows);
    free(carry);
    return ok;
}

static void tree_drop(pdf_tree *t) {
    if (!t) return;
    free(t->first_child); free(t->next_sib); free(t->key); free(t->sub_first); free(t->sub_next);
    free(t->mc_start); free(t->mc_list); free(t->own_links); free(t->notes); free(t->pads);
    free(t);
}

bool zw_pdf_struct_plan(writer *w, uint32_t base, size_t *count) {
    pdf_tags *tg = &w->tags;
    *count = 0;
    if (!tg->root) return true;   /* an untagged document */
    pdf_tree *t = calloc(1, sizeof *t);
    if (!t) return zw_pdf_fail(w, "out of memory");
    tg->tree = t;
    tg->page0[w->npage] = (uint32_t)tg->nmc;
    t->nel = w->dl->nelems;
    t->nsub = tg->nsubs;
    if (!build_lists(w, t) || !collect_own_links(w, t) || !collect_notes(w, t) || !plan_pads(w, t)) return w->failed || zw_pdf_fail(w, "out of memory");
    t->base = base;
    uint64_t total = (uint64_t)t->nel + t->nsub + t->nempty;
    t->parent_nodes = plan_tree(&t->parents, w->npage + w->nlinks, t->base + (uint32_t)total);
    total += t->parent_nodes;
    if (t->nnotes) total += plan_tree(&t->ids, t->nnotes, t->base + (uint32_t)total);
    if (t->base + total > MAX_OBJECTS)
        return zw_pdf_fail(w, "the tagged document needs %llu objects, more than PDF's %d",
                           (unsigned long long)(t->base + total), MAX_OBJECTS);
    t->total = (size_t)total;
    *count = t->total;
    return true;
}

void zw_pdf_struct_done(writer *w) {
    tree_drop(w->tags.tree);
    w->tags.tree = NULL;
}

void zw_pdf_tags_drop(writer *w) {
    pdf_tags *tg = &w->tags;
    zw_pdf_struct_done(w);
    free(tg->owner);
    free(tg->page0);
    free(tg->subs);
}

/* ---- writing the objects ------------------------------------------------------------------------ */

/* Append the decimal digits of v and then `after`. */
static bool put_uint(writer *w, uint64_t v, const char *after) {
    char s[24];
    size_t n = sizeof s;
    do { s[--n] = (char)('0' + v % 10); v /= 10; } while (v);
    size_t k = strlen(after);
    if (!zw_pdf_reserve(w, sizeof s - n + k)) return false;
    memcpy(w->buf + w->buflen, s + n, sizeof s - n);
    memcpy(w->buf + w->buflen + sizeof s - n, after, k);
    w->buflen += sizeof s - n + k;
    return true;
}

static bool put_str(writer *w, const char *s) { return zw_pdf_put(w, s, strlen(s)); }
static bool put_ref(writer *w, uint32_t obj) { return put_uint(w, obj, " 0 R "); }

static uint32_t obj_of(HPDF_Dict d) { return d->header.obj_id & 0x00FFFFFF; }
static uint32_t page_obj(const writer *w, size_t p) { return obj_of(w->page[p]); }

/* The object of an owner: an element, or -(sub + 1). */
static uint32_t owner_obj(const pdf_tree *t, int32_t o) {
    return o >= 0 ? t->base + (uint32_t)o : t->base + (uint32_t)t->nel + (uint32_t)(-o - 1);
}

/* The page a sequence is on. */
static size_t page_of(const writer *w, uint32_t g) {
    size_t lo = 0, hi = w->npage;   /* page0[lo] <= g < page0[hi] */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (w->tags.page0[mid] <= g) lo = mid;
        else hi = mid;
    }
    return lo;
}

/* A kid that is a sequence: its MCID on the element's page `pg`, else a marked-content reference. */
static bool put_mcid(writer *w, uint32_t g, size_t pg) {
    size_t p = page_of(w, g);
    uint32_t mcid = g - w->tags.page0[p];
    if (p == pg) return put_uint(w, mcid, " ");
    return put_str(w, "<</Type/MCR/Pg ") && put_ref(w, page_obj(w, p)) && put_str(w, "/MCID ")
           && put_uint(w, mcid, ">> ");
}

/* "/Pg" for an owner's first sequence: the page its MCIDs are given on (SIZE_MAX when it has none). */
static bool put_page(writer *w, const pdf_tree *t, size_t owner, size_t *pg) {
    *pg = SIZE_MAX;
    if (t->mc_start[owner] == t->mc_start[owner + 1]) return true;
    *pg = page_of(w, t->mc_list[t->mc_start[owner]]);
    return put_str(w, "/Pg ") && put_ref(w, page_obj(w, *pg));
}

/* The object of empty cell k. */
static uint32_t empty_obj(const pdf_tree *t, size_t k) { return t->base + (uint32_t)(t->nel + t->nsub + k); }

/* The pad of row e, or NULL (binary search: the pads are in row order). */
static const pad *pad_of(const pdf_tree *t, int e) {
    size_t lo = 0, hi = t->npads;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->pads[mid].tr < e) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->npads && t->pads[lo].tr == e ? &t->pads[lo] : NULL;
}

/* A row's empty cells, after its own. */
static bool put_pads(writer *w, const pdf_tree *t, int e) {
    const pad *p = w->dl->elems[e].role == ZW_ROLE_TR ? pad_of(t, e) : NULL;
    for (uint32_t k = 0; p && k < p->n; k++)
        if (!put_ref(w, empty_obj(t, p->first + k))) return false;
    return true;
}

/* Empty cell k: a TD in the row whose pad holds it. */
static bool write_empty(writer *w, const pdf_tree *t, size_t k) {
    size_t lo = 0, hi = t->npads;   /* the last pad whose first cell is at most k */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (t->pads[mid].first <= k) lo = mid;
        else hi = mid;
    }
    return put_str(w, "/S/TD/P ") && put_ref(w, t->base + (uint32_t)t->pads[lo].tr);
}

/* An annotation's object reference, a kid of its Link. */
static bool put_objr(writer *w, const pdf_link *lk) {
    return put_str(w, "<</Type/OBJR/Obj ") && put_ref(w, obj_of(lk->annot)) && put_str(w, "/Pg ")
           && put_ref(w, page_obj(w, lk->page)) && put_str(w, ">>");
}

/* Element e's kids: its children in order, and before each its own sequences and subs that come before
 * the child's first content; what is left after the last child; then, for a link element, its
 * annotations (own_links[link] … of element e; t->nown: none), one per line a link is broken over. */
static bool put_kids(writer *w, const pdf_tree *t, int e, size_t pg, size_t link) {
    const uint32_t *own = t->mc_list + t->mc_start[e], *own_end = t->mc_list + t->mc_start[e + 1];
    int s = t->sub_first[e];
    if (own == own_end && s < 0 && t->first_child[e] < 0 && !(w->dl->elems[e].role == ZW_ROLE_TR && pad_of(t, e))
        && link == t->nown)
        return true;
    if (!put_str(w, "/K[")) return false;
    for (int c = t->first_child[e];; c = t->next_sib[c]) {
        int64_t until = c < 0 ? INT64_MAX : t->key[c] == NO_KEY ? -1 : t->key[c];
        for (;;) {
            int64_t ko = own < own_end ? *own : INT64_MAX;
            int64_t ks = s < 0 ? INT64_MAX : w->tags.subs[s].key == NO_KEY ? INT64_MAX - 1 : w->tags.subs[s].key;
            if ((ko < ks ? ko : ks) >= until || (ko == INT64_MAX && ks == INT64_MAX)) break;
            if (ko < ks) {
                if (!put_mcid(w, *own++, pg)) return false;
            } else {
                if (!put_ref(w, owner_obj(t, -(s + 1)))) return false;
                s = t->sub_next[s];
            }
        }
        if (c < 0) break;
        if (!put_ref(w, t->base + (uint32_t)c)) return false;
    }
    for (size_t i = link; i < t->nown && w->links[t->own_links[i]].l.elem == e; i++)
        if (!put_objr(w, &w->links[t->own_links[i]])) return false;
    return put_pads(w, t, e) && put_str(w, "]");
}

/* A table cell's attributes: a header cell's scope, the columns and rows a cell spans. */
static bool put_cell_attrs(writer *w, const zw_elem *el) {
    bool th = el->role == ZW_ROLE_TH;
    if (!th && el->colspan <= 1 && el->rowspan <= 1) return true;
    if (!put_str(w, "/A<</O/Table")) return false;
    if (th && !put_str(w, el->scope == ZW_SCOPE_ROW ? "/Scope/Row" : "/Scope/Column")) return false;
    if (el->colspan > 1 && (!put_str(w, "/ColSpan ") || !put_uint(w, el->colspan, ""))) return false;
    if (el->rowspan > 1 && (!put_str(w, "/RowSpan ") || !put_uint(w, el->rowspan, ""))) return false;
    return put_str(w, ">>");
}

/* A note's /ID, also its key in the IDTree (sorted as the notes' order: zero-padded). */
static bool put_note_id(writer *w, int e) {
    char s[32];
    int n = snprintf(s, sizeof s, "(note%08d)", e);
    return zw_pdf_put(w, s, (size_t)n);
}

/* s (UTF-8) as a text string in UTF-16BE with its byte-order mark, in hex. */
static bool put_text(writer *w, const char *s) {
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(s);
    if (!zw_pdf_reserve(w, 4 * n + 8)) return false;   /* a byte never gives more than one UTF-16 unit */
    char *o = w->buf + w->buflen;
    size_t k = 0;
    o[k++] = '<';
    memcpy(o + k, "FEFF", 4);
    k += 4;
    for (const char *p = s, *end = s + n; p < end;) {
        uint32_t cp = drawable(zw_utf8_next(&p, end));   /* (drawable() keeps to the BMP) */
        for (int sh = 12; sh >= 0; sh -= 4) o[k++] = hex[(cp >> sh) & 15];
    }
    o[k++] = '>';
    w->buflen += k;
    return true;
}

/* A figure's text alternative and the box it stands in on its page (/BBox, in PDF coordinates). */
static bool put_figure(writer *w, int e) {
    const zw_display *dl = w->dl;
    size_t lo = 0, hi = dl->nfigures;   /* the figures are in the order of their elements */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (dl->figures[mid].elem < e) lo = mid + 1;
        else hi = mid;
    }
    if (lo == dl->nfigures || dl->figures[lo].elem != e) return put_str(w, "/Alt<>");
    const zw_figure *f = &dl->figures[lo];
    if (!put_str(w, "/Alt") || !put_text(w, f->alt ? f->alt : "")) return false;
    if (f->page < 0 || (size_t)f->page >= w->npage) return true;
    double h = dl->pages[f->page].height, box[4] = {f->x, h - f->y - f->h, f->x + f->w, h - f->y};
    char s[128];
    int n = snprintf(s, sizeof s, "/A<</O/Layout/Placement/Block/BBox[%.2f %.2f %.2f %.2f]>>", box[0], box[1], box[2], box[3]);
    return zw_pdf_put(w, s, (size_t)n);
}

static bool write_elem(writer *w, const pdf_tree *t, int e) {
    const zw_elem *el = &w->dl->elems[e];
    size_t pg, own = el->role == ZW_ROLE_LINK ? own_links_of(w, t, e) : t->nown;
    const char *type = el->role == ZW_ROLE_LINK && own == t->nown ? "Span" : elem_type(w->dl, e);
    if (!put_str(w, "/S/") || !put_str(w, type) || !put_str(w, "/P ")
        || !put_ref(w, e == 0 ? obj_of(w->tags.root) : t->base + (uint32_t)el->parent) || !put_page(w, t, (size_t)e, &pg))
        return false;
    if ((el->role == ZW_ROLE_TH || el->role == ZW_ROLE_TD) && !put_cell_attrs(w, el)) return false;
    if (el->role == ZW_ROLE_NOTE && (!put_str(w, "/ID") || !put_note_id(w, e))) return false;
    if (el->role == ZW_ROLE_FIGURE && !put_figure(w, e)) return false;
    return put_kids(w, t, e, pg, own);
}

/* A Link (its sequences and its annotation) or a Span (its sequences, in its language). */
static bool write_sub(writer *w, const pdf_tree *t, int s) {
    const pdf_sub *sb = &w->tags.subs[s];
    const pdf_link *lk = sb->link >= 0 ? &w->links[sb->link] : NULL;
    size_t owner = t->nel + (size_t)s, pg;
    if (!put_str(w, "/S/") || !put_str(w, sub_type(w, s)) || !put_str(w, "/P ")
        || !put_ref(w, t->base + (uint32_t)(sb->parent < 0 ? 0 : sb->parent)) || !put_page(w, t, owner, &pg))
        return false;
    if (sb->lang && (!put_str(w, "/Lang(") || !put_str(w, sb->lang) || !put_str(w, ")"))) return false;
    if (!put_str(w, "/K[")) return false;
    for (uint32_t i = t->mc_start[owner]; i < t->mc_start[owner + 1]; i++)
        if (!put_mcid(w, t->mc_list[i], pg)) return false;
    if (lk && lk->annot && !put_objr(w, lk)) return false;
    return put_str(w, "]");
}

/* Entry i of the ParentTree: page i's sequences' owners, or the Link of annotation i - pages. */
static bool put_parent_entry(writer *w, const pdf_tree *t, size_t i) {
    if (!put_uint(w, i, " ")) return false;
    if (i >= w->npage) {   /* an annotation: its Link, a sub or the link element itself */
        const pdf_link *lk = &w->links[i - w->npage];
        return put_ref(w, owner_obj(t, lk->sub >= 0 ? -(lk->sub + 1) : lk->l.elem));
    }
    if (!put_str(w, "[")) return false;
    for (uint32_t g = w->tags.page0[i]; g < w->tags.page0[i + 1]; g++)
        if (!put_ref(w, owner_obj(t, w->tags.owner[g]))) return false;
    return put_str(w, "]");
}

static bool put_id_entry(writer *w, const pdf_tree *t, size_t i) {
    return put_note_id(w, t->notes[i]) && put_ref(w, t->base + (uint32_t)t->notes[i]);
}

/* An entry's key, for /Limits. */
static bool put_key(writer *w, const pdf_tree *t, bool names, size_t i) {
    return names ? put_note_id(w, t->notes[i]) && put_str(w, " ") : put_uint(w, i, " ");
}

/* Node j (numbered from the leaves up) of a number tree (the ParentTree) or name tree (the IDTree). */
static bool write_node(writer *w, const pdf_tree *t, const ntree *tr, size_t j, bool names) {
    int k = 0;
    while (j >= tr->cnt[k]) j -= tr->cnt[k++];
    size_t span = FAN;
    for (int i = 0; i < k; i++) span *= FAN;
    size_t lo = j * span, hi = (j + 1) * span < tr->n ? (j + 1) * span : tr->n;
    if (k < tr->top && (!put_str(w, "/Limits[") || !put_key(w, t, names, lo) || !put_key(w, t, names, hi - 1)
                        || !put_str(w, "]")))
        return false;
    if (k == 0) {
        if (!put_str(w, names ? "/Names[" : "/Nums[")) return false;
        for (size_t i = lo; i < hi; i++)
            if (!(names ? put_id_entry(w, t, i) : put_parent_entry(w, t, i))) return false;
        return put_str(w, "]");
    }
    if (!put_str(w, "/Kids[")) return false;
    size_t k0 = j * FAN, k1 = (j + 1) * FAN < tr->cnt[k - 1] ? (j + 1) * FAN : tr->cnt[k - 1];
    for (size_t i = k0; i < k1; i++)
        if (!put_ref(w, tr->first[k - 1] + (uint32_t)i)) return false;
    return put_str(w, "]");
}

bool zw_pdf_struct_object(writer *w, size_t i) {
    const pdf_tree *t = w->tags.tree;
    w->buflen = 0;
    if (i < t->nel) return write_elem(w, t, (int)i);
    if ((i -= t->nel) < t->nsub) return write_sub(w, t, (int)i);
    if ((i -= t->nsub) < t->nempty) return write_empty(w, t, i);
    if ((i -= t->nempty) < t->parent_nodes) return write_node(w, t, &t->parents, i, false);
    return write_node(w, t, &t->ids, i - t->parent_nodes, true);
}

static HPDF_STATUS root_write(HPDF_Dict d, HPDF_Stream s) {
    writer *w = d->attr;
    pdf_tree *t = w->tags.tree;
    w->buflen = 0;
    bool ok = put_str(w, "/K ") && put_ref(w, t->base) && put_str(w, "/ParentTree ")
              && put_ref(w, t->parents.first[t->parents.top]) && put_str(w, "/ParentTreeNextKey ")
              && put_uint(w, t->parents.n, "");
    if (ok && t->nnotes) ok = put_str(w, "/IDTree ") && put_ref(w, t->ids.first[t->ids.top]);
    if (!ok) return HPDF_SetError(d->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
    return HPDF_Stream_Write(s, (const HPDF_BYTE *)w->buf, (HPDF_UINT)w->buflen);
}
