/* compose.c — paginated vertical list → display-list pages: boxes at their places, page notes at the
 * foot with a separator rule, links from marks to notes and back, outline entries, page numbers by the
 * part of the document (front matter, body, appendices), running header and footer with their fields
 * (none on a page left blank before a right-hand chapter), and late page content: the boxes of values
 * known only at the end, filled in by zw_lay_resolve_late (the page count, a page number further on,
 * a contents page's numbers and leaders).  A landscape page (a wide table) is the portrait page turned: width and
 * height swapped, top and bottom margins kept (the header and footer run across the long side), the
 * inner and outer margins at the sides.  With footnote-numbering: page the marks and note numbers get
 * their page's numbers here, just before they are copied, once the pages are known. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

/* Text area left edge of page p (0-based): on duplex, odd page numbers have the inner margin left. */
static double area_x(const zw_style *st, int p) {
    if (!st->duplex) return st->margin_inner;
    return (p % 2 == 0) ? st->margin_inner : st->margin_outer;
}

/* Element e (a run's) has content on page p from y on: the first such place is its position, and its
 * ancestors' when they have none yet. */
static void place_elem(zw_lay *L, int e, int p, double y) {
    zw_elem *el = L->dl->elems;
    for (; e >= 0 && el[e].page < 0; e = el[e].parent) {
        el[e].page = p;
        el[e].y = (float)y;
    }
}

static bool copy_ops(zw_lay *L, zw_page *pg, int pno, const zw_vop *ops, size_t op0, size_t op1, double dx,
                     double dy) {
    for (size_t i = op0; i < op1; i++) {
        const zw_vop *op = &ops[i];
        if (op->kind == ZW_OP_RUN) {
            zw_run *r = zw_page_copy_run(pg, &op->u.run);
            if (!r) return false;
            r->x += dx;
            r->y += dy;
            if (r->elem >= 0 && r->role != ZW_ROLE_ARTIFACT) place_elem(L, r->elem, pno, r->y - r->ascent);
        } else if (op->kind == ZW_OP_RULE) {
            zw_rule *r = zw_page_add_rule(pg);
            if (!r) return false;
            *r = op->u.rule;
            r->x0 += dx; r->x1 += dx; r->y0 += dy; r->y1 += dy;
        } else if (op->kind == ZW_OP_FILL) {
            zw_fill *f = zw_page_add_fill(pg);
            if (!f) return false;
            *f = op->u.fill;
            f->x += dx;
            f->y += dy;
        } else if (op->kind == ZW_OP_LINE) {
            zw_dline *l = zw_page_add_line(pg);
            if (!l) return false;
            *l = op->u.line;
            l->x += dx;
            l->y += dy;
        } else if (op->kind == ZW_OP_PIC) {
            zw_pic *p = zw_page_add_pic(pg);
            if (!p) return false;
            *p = op->u.pic;
            p->x += dx;
            p->y += dy;
            if (p->elem >= 0) place_elem(L, p->elem, pno, p->y);
        } else if (op->kind == ZW_OP_PATH) {
            zw_path *p = zw_page_add_path(pg);
            if (!p) return false;
            *p = op->u.path;
            p->x += dx;
            p->y += dy;
            if (p->elem >= 0 && p->nsegs) place_elem(L, p->elem, pno, p->y + p->segs[0].y[0]);
        } else if (op->kind == ZW_OP_FIGURE) {
            const zw_vfig *vf = &op->u.fig;
            zw_figure *f = &L->dl->figures[vf->figure];
            *f = (zw_figure){f->elem, pno, vf->x + dx, vf->y + dy, vf->w, vf->h, f->alt};
        } else if (op->kind == ZW_OP_LINK) {
            zw_link *l = zw_page_add_link(pg);
            if (!l) return false;
            *l = op->u.link;
            l->x += dx;
            l->y += dy;
        } else if (op->kind == ZW_OP_LATE) {   /* its box is made with the page's furniture, in page order */
            if (!zw_grow((void **)&L->clates, &L->capclates, L->nclates, sizeof *L->clates)) return false;
            zw_late_text *t = &L->clates[L->nclates].t;
            L->clates[L->nclates++].page = pno;
            *t = op->u.late;
            t->x += dx;
            t->base += dy;
            if (t->elem >= 0) place_elem(L, t->elem, pno, t->base - t->size);
        } else {
            zw_outline *o = zw_display_add_outline(L->dl);
            if (!o) return false;
            *o = op->u.outline;
            o->page = pno;
            o->y = dy;
        }
    }
    return true;
}

/* Runs [first, …) of a page become page furniture, copies of content printed before: a repeated table
 * header, or a note printed again.  Each keeps its element, as the one it repeats (ZW_RUN_REPEAT); marks
 * in a repeated header are left out (their notes print where the header first stood). */
static void make_artifacts(zw_page *pg, size_t first) {
    size_t w = first;
    for (size_t i = first; i < pg->nruns; i++) {
        if (pg->runs[i].role == ZW_ROLE_NOTE_MARK) continue;
        pg->runs[w] = pg->runs[i];
        if (pg->runs[i].elem >= 0) pg->runs[w].flags |= ZW_RUN_REPEAT;   /* (a continuation caption is furniture already) */
        pg->runs[w++].role = ZW_ROLE_ARTIFACT;
    }
    pg->nruns = w;
}

/* The cell a run of a table row belongs to: its element, or for a note mark the cell it is in. */
static int cell_of(const zw_lay *L, const zw_run *r) {
    return r->role == ZW_ROLE_NOTE_MARK && r->elem >= 0 ? L->dl->elems[r->elem].parent : r->elem;
}

/* Runs [first, …) of a page, from slices of one table row that follow each other there (each slice has a
 * line of every cell), put cell by cell in the cells' order (their elements'), each cell's lines in
 * their order: so the text of a cell is written, read and copied whole, even when a cell aligned to the
 * middle or bottom of the row starts in a later slice than the cells beside it. */
static bool group_cells(zw_lay *L, zw_page *pg, size_t first) {
    size_t n = pg->nruns - first;
    if (n < 2) return true;
    zw_run *tmp = zw_xmalloc(n * sizeof *tmp);
    if (!tmp) return false;
    size_t k = 0;
    for (int cell = -1; k < n;) {   /* the cells in increasing order: the next one above `cell` each time */
        int next = INT_MAX;
        for (size_t i = first; i < pg->nruns; i++) {
            int c = cell_of(L, &pg->runs[i]);
            if (c > cell && c < next) next = c;
        }
        for (size_t i = first; i < pg->nruns; i++)
            if (cell_of(L, &pg->runs[i]) == next) tmp[k++] = pg->runs[i];
        cell = next;
    }
    memcpy(pg->runs + first, tmp, n * sizeof *tmp);
    free(tmp);
    return true;
}

/* ---- footnote-numbering: page ------------------------------------------------------------------ */

/* The numbers of the page notes on one page, in the order their marks are placed there. */
typedef struct pagenums {
    int page;                  /* the page numbered; -1 before the first */
    size_t box;                /* its first placed box in zw_pages.boxes (placed page by page, top down) */
    int *num;                  /* per doc note: its number on the page; 0 = none */
    int next;                  /* last number handed out on the page */
} pagenums;

/* Whether r is a mark of a page note: of one of the note references of its box (not a table note). */
static bool page_mark(const zw_lay *L, const zw_vitem *it, const zw_run *r) {
    if (r->role != ZW_ROLE_NOTE_MARK || !r->note) return false;
    for (size_t k = it->note0; k < it->note1; k++)
        if (!strcmp(L->vl.note_ops[L->vl.notes[L->vl.refs[k]].op0].u.run.note, r->note)) return true;
    return false;
}

/* The number of note `key` on the page being numbered; the next one when it has none yet. */
static int page_number(const zw_lay *L, pagenums *pn, const char *key) {
    for (size_t i = 0; i < L->doc->nnotes; i++)
        if (!strcmp(L->doc->notes[i]->key, key)) return pn->num[i] ? pn->num[i] : (pn->num[i] = ++pn->next);
    return ++pn->next;
}

/* Number the page notes of page p by their marks in reading order, unless p is numbered already. */
static void number_page(const zw_lay *L, const zw_pages *pg, pagenums *pn, int p) {
    if (pn->page == p) return;
    memset(pn->num, 0, L->doc->nnotes * sizeof *pn->num);
    pn->page = p;
    pn->next = 0;
    while (pn->box < pg->nboxes && pg->boxes[pn->box].page < p) pn->box++;
    for (size_t b = pn->box; b < pg->nboxes && pg->boxes[b].page == p; b++) {
        const zw_vitem *it = &L->vl.items[pg->boxes[b].item];
        for (size_t i = it->op0; i < it->op1; i++)
            if (L->vl.ops[i].kind == ZW_OP_RUN && page_mark(L, it, &L->vl.ops[i].u.run))
                page_number(L, pn, L->vl.ops[i].u.run.note);
    }
}

/* Label k into a mark or note number, at its place: the mark was set in room reserved for any label
 * of as many digits (symbols), so a narrower label leaves a sliver of space after it. */
static bool relabel(zw_lay *L, zw_run *r, int k) {
    const char *s = zw_lay_note_label(L, k);
    if (!s) return false;
    r->text = s;
    r->len = strlen(s);
    r->w = L->m->width(L->m->ctx, r->face, r->size, s, r->len) * (1 + r->expand / 10000.0);   /* its line's */
    zw_arena *a = L->a;
    L->a = L->doc_a;   /* a note's number run outlives the pages being made */
    r->kern = zw_lay_kern(L, r->face, s, r->len);
    L->a = a;
    return !L->oom;
}

/* The page-note marks of a box about to be copied to its page take that page's numbers. */
static bool relabel_marks(zw_lay *L, const zw_pages *pg, pagenums *pn, const zw_place *pl) {
    number_page(L, pg, pn, pl->page);
    const zw_vitem *it = &L->vl.items[pl->item];
    for (size_t i = it->op0; i < it->op1; i++) {
        zw_run *r = &L->vl.ops[i].u.run;
        if (L->vl.ops[i].kind == ZW_OP_RUN && page_mark(L, it, r) && !relabel(L, r, page_number(L, pn, r->note)))
            return false;
    }
    return true;
}

/* A note, or the piece of a split note placed at np (its lines shifted up to the piece's top). */
static bool place_note(zw_lay *L, zw_page *p, const zw_noteplace *np, double dx, double dy) {
    const zw_vnote *vn = &L->vl.notes[np->note];
    bool again = np->l0 == 0 && L->dl->elems[vn->elem].page >= 0;   /* printed before: page furniture now */
    size_t first_run = p->nruns;
    if (np->l0 == np->l1) {
        if (!copy_ops(L, p, np->page, L->vl.note_ops, vn->op0, vn->op1, dx, dy)) return false;
    } else {
        const zw_vnline *first = &L->vl.nlines[vn->line0 + np->l0];
        for (size_t i = np->l0; i < np->l1; i++) {
            const zw_vnline *ln = &L->vl.nlines[vn->line0 + i];
            if (!copy_ops(L, p, np->page, L->vl.note_ops, ln->op0, ln->op1, dx, dy - first->y)) return false;
        }
    }
    if (again) make_artifacts(p, first_run);
    return true;
}

/* Page notes at the foot; the separator above the first is a third of the measure, or the full
 * measure when the page's notes begin with the continuation of a note split on an earlier page.  `pn`:
 * the page numbers with footnote-numbering: page, else NULL. */
static bool place_notes(zw_lay *L, const zw_pages *pg, pagenums *pn) {
    const zw_style *st = L->st;
    int last_page = -1;
    for (size_t i = 0; i < pg->nnotes; i++) {
        const zw_noteplace *np = &pg->notes[i];
        if (pn) {   /* footnote-numbering: page — the number of the note on this page */
            number_page(L, pg, pn, np->page);
            zw_run *num = &L->vl.note_ops[L->vl.notes[np->note].op0].u.run;
            if (!relabel(L, num, page_number(L, pn, num->note))) return false;
        }
        zw_page *p = &L->dl->pages[np->page];
        double dx = area_x(st, np->page), dy = st->margin_top + np->y;
        if (np->page != last_page && st->footnote_rule > 0) {
            zw_rule *r = zw_page_add_rule(p);
            if (!r) return false;
            double y = dy - st->footnote.leading / 2;
            double w = np->l0 > 0 ? p->area_w : p->area_w / 3;
            *r = (zw_rule){dx, y, dx + w, y, st->footnote_rule, zw_lay_ink(L, st->footnote_rule_color)};
        }
        last_page = np->page;
        if (!place_note(L, p, np, dx, dy)) return false;
    }
    return true;
}

/* ---- links between marks and notes ------------------------------------------------------------- */

/* On page pg, the first run for note `key` with `r`'s text: the number of a printed note (number) or a
 * mark (!number).  A page may print two notes of one key (numbered per chapter), never with one label. */
static const zw_run *find_on_page(const zw_page *pg, const zw_run *r, bool number) {
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *q = &pg->runs[i];
        bool kind = number ? (q->flags & ZW_RUN_NOTE_NUMBER) != 0 : q->role == ZW_ROLE_NOTE_MARK;
        if (kind && q->note && !strcmp(q->note, r->note) && q->len == r->len && !memcmp(q->text, r->text, r->len))
            return q;
    }
    return NULL;
}

/* A link over run `from` to `to` on page p, or (to NULL) to element dest. */
static bool link(zw_page *pg, int p, const zw_run *from, const zw_run *to, int dest) {
    zw_link *l = zw_page_add_link(pg);
    if (!l) return false;
    *l = (zw_link){from->x - 1, from->y - from->ascent - 1, from->w + 2, from->ascent + from->descent + 2,
                   from->elem, to ? -1 : dest, p, to ? to->y - to->ascent - ZW_LINK_ABOVE : 0, NULL, false};
    return true;
}

/* Each mark on page p jumps to its note, and each printed note's number back to its mark: on this page
 * (a page note and its marks always share one), else to the element (a note under a table, printed
 * after it; its first mark, before it), resolved once every page is placed. */
static bool page_links(zw_lay *L, int p) {
    zw_page *pg = &L->dl->pages[p];
    size_t nruns = pg->nruns;
    for (size_t i = 0; i < nruns; i++) {
        const zw_run *r = &pg->runs[i];
        bool mark = r->role == ZW_ROLE_NOTE_MARK, number = (r->flags & ZW_RUN_NOTE_NUMBER) != 0;
        if (!r->note || (!mark && !number)) continue;
        const zw_run *to = find_on_page(pg, r, mark);
        int dest = r->elem >= 0 ? L->dl->elems[r->elem].ref : -1;
        if ((to || dest >= 0) && !link(pg, p, r, to, dest)) return false;
    }
    return true;
}

/* ---- running header and footer ---------------------------------------------------------------- */

/* The title of front matter `chapter` (ZW_CH_…): the contents', a list's; "" on the title page. */
static const char *front_title(const zw_contents *c, int chapter) {
    const char *t = chapter == ZW_CH_FRONT ? c->title : chapter <= ZW_CH_LIST(0) ? c->lists[ZW_CH_LIST(0) - chapter] : NULL;
    return t ? t : "";
}

/* The value of header or footer field `name` on page `page` of `chapter` (-1: none); NULL for an
 * unknown name.  The page count is not known yet: it is late page content, marked ZW_LATE_PAGES. */
static const char *field(zw_lay *L, const char *name, size_t n, int page, int chapter) {
    const zw_doc *doc = L->doc;
    if (n == 5 && !strncmp(name, "title", 5)) return doc->title;
    if (n == 12 && !strncmp(name, "organisation", 12)) return doc->organisation;
    if (n == 4 && !strncmp(name, "page", 4)) return L->dl->pages[page].label;
    if (n == 5 && !strncmp(name, "pages", 5)) return ZW_LATE_PAGES;
    if (n == 4 && !strncmp(name, "date", 4)) return doc->date ? doc->date : "";
    if (n == 6 && !strncmp(name, "status", 6)) return doc->status ? doc->status : "";
    if (n == 4 && !strncmp(name, "year", 4)) return doc->year ? zw_arena_printf(L->a, "%d", doc->year) : "";
    if (n == 7 && !strncmp(name, "chapter", 7))   /* its running title when it has one; the contents' title */
        return chapter < 0 ? front_title(&L->st->contents, chapter)
               : doc->chapters[chapter].running ? doc->chapters[chapter].running
                                                : zw_text_plain(L->a, &doc->chapters[chapter].title);
    return NULL;
}

/* Expand {field}s of a template; unknown fields stay as written. */
static char *expand(zw_lay *L, const char *tpl, int page, int chapter) {
    size_t cap = 256, n = 0;
    char *out = zw_arena_alloc(L->a, cap);
    for (const char *s = tpl; out && *s;) {
        const char *close = *s == '{' ? strchr(s, '}') : NULL;
        const char *val = close ? field(L, s + 1, (size_t)(close - s - 1), page, chapter) : NULL;
        size_t len = val ? strlen(val) : 1;
        if (n + len + 1 > cap) {
            size_t nc = (n + len + 1) * 2;
            out = zw_arena_grow(L->a, out, cap, nc);
            cap = nc;
            if (!out) break;
        }
        memcpy(out + n, val ? val : s, len);
        n += len;
        s = val ? close + 1 : s + 1;
    }
    if (out) out[n] = 0;
    return out;
}

#define LOGO_GAP 6.0   /* between the logo in the running header and the text of its slot */

/* The logo in the running header at printed slot `pos` (0 left, 1 centre, 2 right of [x0, x0 + w]), its
 * bottom just above the header's rule; page furniture.  Returns its width (0: none, or out of memory). */
static double header_logo(zw_lay *L, zw_page *pg, int pos, double x0, double w, double base, double size) {
    const zw_image *img = &L->doc->images[L->doc->logo];
    double h = L->st->logo.header_height, lw = h * img->width / img->height;
    if (lw > w / 3) { h *= w / 3 / lw; lw = w / 3; }
    zw_pic *pic = zw_page_add_pic(pg);
    if (!pic) { L->oom = true; return 0; }
    double x = pos == 0 ? x0 : pos == 2 ? x0 + w - lw : x0 + (w - lw) / 2;
    *pic = (zw_pic){x, base + size * 0.2 - h, lw, h, L->doc->logo, -1};
    return lw;
}

static bool furniture(zw_lay *L, zw_page *pg, int p, int chapter, const zw_furniture *f, bool top) {
    const zw_style *st = L->st;
    zw_parstyle ps;
    zw_lay_parstyle(st, &f->style, &ps);
    int face = ps.face[0];
    double size = f->style.size, x0 = area_x(st, p), w = pg->area_w;
    double base = top ? st->margin_top - f->offset : st->margin_top + pg->area_h + f->offset;
    bool swap = st->duplex && f->mirror && p % 2 == 1;
    bool any = false;
    int logo = top && L->doc->logo >= 0 && st->logo.header_slot >= 0 ? st->logo.header_slot : -1;
    if (logo >= 0) logo = swap ? 2 - logo : logo;   /* where it is printed: it goes with its slot's text */
    double lw = logo >= 0 ? header_logo(L, pg, logo, x0, w, base, size) : 0;
    if (L->oom) return false;
    any = lw > 0;
    for (int slot = 0; slot < 3; slot++) {
        const char *tpl = f->text[swap ? 2 - slot : slot];
        if (!tpl || !*tpl) continue;
        char *txt = expand(L, tpl, p, chapter);
        if (!txt) return false;
        if (!*txt) continue;
        any = true;
        zw_late_text lt = {txt, face, size, slot, x0, w, base, -1, -1, false, false, zw_lay_ink(L, f->style.color)};
        if (slot == logo && slot != 1) {   /* beside the logo, away from the edge */
            lt.w -= lw + LOGO_GAP;
            if (slot == 0) lt.x += lw + LOGO_GAP;
        } else if (slot == logo) {         /* centred logo: the text starts right of it */
            lt.align = 0;
            lt.x += (w + lw) / 2 + LOGO_GAP;
            lt.w = (w - lw) / 2 - LOGO_GAP;
        }
        if (strpbrk(txt, ZW_LATE_PAGES ZW_LATE_PAGE_OF)) {   /* its width is known only at the end */
            if (!zw_lay_late(L, p, &lt)) return false;
            continue;
        }
        zw_run *r = zw_page_add_run(pg);
        if (!r || !zw_lay_late_run(L, &lt, txt, r)) return false;
    }
    if (any && f->rule > 0) {
        zw_rule *r = zw_page_add_rule(pg);
        if (!r) return false;
        double y = top ? base + size * 0.4 : base - size * 1.1;
        *r = (zw_rule){x0, y, x0 + w, y, f->rule, zw_lay_ink(L, f->rule_color)};
    }
    return true;
}

/* A page left blank before a chapter that starts on a right-hand page: no header or footer, only the
 * layout's blank-page text (if any), centred on the text area in the body's italic. */
static bool blank_page(zw_lay *L, zw_page *pg) {
    const char *text = L->st->blank_page;
    if (!text || !*text) return true;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, &L->st->body, &ps);
    zw_late_text lt = {text, ps.face[ZW_ITALIC], L->st->body.size, 1, pg->area_x, pg->area_w,
                       pg->area_y + pg->area_h / 2, -1, -1, false, false, zw_lay_ink(L, L->st->body.color)};
    zw_run *r = zw_page_add_run(pg);
    return r && zw_lay_late_run(L, &lt, text, r);
}

/* ---- late page content ------------------------------------------------------------------------ */

/* A run of `text` (kept by the caller) set as lt says. */
bool zw_lay_late_run(zw_lay *L, const zw_late_text *lt, const char *text, zw_run *r) {
    size_t len = strlen(text);
    double tw = L->m->width(L->m->ctx, lt->face, lt->size, text, len);
    double x = lt->align == 0 ? lt->x : lt->align == 1 ? lt->x + (lt->w - tw) / 2 : lt->x + lt->w - tw;
    *r = (zw_run){x, lt->base, tw, L->m->ascent(L->m->ctx, lt->face) * lt->size / 1000,
                  L->m->descent(L->m->ctx, lt->face) * lt->size / 1000, lt->face, 0, lt->ink, 0, lt->size, text, len,
                  lt->elem >= 0 ? (zw_role)L->dl->elems[lt->elem].role : ZW_ROLE_ARTIFACT, lt->elem, NULL,
                  zw_lay_kern(L, lt->face, text, len), NULL};
    return !L->oom;
}

/* A late box on page p for lt (its text copied into the document's arena).  The leaders of an element's
 * page number get a box of their own, as furniture: the tagged PDF reads the number, not the dots. */
bool zw_lay_late(zw_lay *L, int p, const zw_late_text *lt) {
    if (!zw_grow((void **)&L->pend, &L->cappend, L->npend, sizeof *L->pend)) return false;
    double asc = L->m->ascent(L->m->ctx, lt->face) * lt->size / 1000;
    double desc = L->m->descent(L->m->ctx, lt->face) * lt->size / 1000;
    double x0 = lt->x, y0 = lt->base - asc, x1 = lt->x + lt->w, y1 = lt->base + desc;
    L->pend[L->npend].dots = SIZE_MAX;
    if (lt->leaders && lt->elem >= 0) {
        zw_late *dots = zw_display_add_late(L->dl);
        if (!dots) return false;
        *dots = (zw_late){p, x0, y0, x1 - x0, y1 - y0, -1, NULL, 0};
        L->pend[L->npend].dots = L->dl->nlates - 1;
    }
    zw_late *box = zw_display_add_late(L->dl);
    if (!box) return false;
    *box = (zw_late){p, x0, y0, x1 - x0, y1 - y0, lt->elem, NULL, 0};
    L->pend[L->npend].t = *lt;
    L->pend[L->npend].box = L->dl->nlates - 1;
    const char **text = &L->pend[L->npend++].t.text;
    *text = zw_arena_strndup(L->doc_a, lt->text, strlen(lt->text));
    return *text != NULL;
}

/* The text of late content with its values: the page count, the label of the target's page. */
static const char *late_value(zw_lay *L, const zw_late_text *lt) {
    char count[24];   /* {pages}: the pages of the body, as numbered (docs/layout-format.md) */
    snprintf(count, sizeof count, "%d", L->body_last);
    const char *target = "?";
    int e = lt->target >= 0 && lt->via && (size_t)lt->target < L->dl->nelems ? L->dl->elems[lt->target].ref : lt->target;
    if (e >= 0 && (size_t)e < L->dl->nelems && L->dl->elems[e].page >= 0)
        target = L->dl->pages[L->dl->elems[e].page].label;
    size_t n = 0, cap = strlen(lt->text) * 24 + strlen(target) + 1;
    char *out = zw_arena_chars(L->doc_a, cap);
    for (const char *s = lt->text; out && *s; s++) {
        const char *v = *s == ZW_LATE_PAGES[0] ? count : *s == ZW_LATE_PAGE_OF[0] ? target : NULL;
        size_t len = v ? strlen(v) : 1;
        if (n + len + 1 > cap) break;
        memcpy(out + n, v ? v : s, len);
        n += len;
    }
    if (out) out[n] = 0;
    return out;
}

/* Dots from lt's x to the run of its page number, r, on a grid across the page (so that the dots of all
 * entries line up): one run of dots spaced by kerning; false when there is no room for a dot. */
static bool leaders(zw_lay *L, const zw_late_text *lt, const zw_run *num, zw_run *r) {
    double dot = L->m->width(L->m->ctx, lt->face, lt->size, ".", 1), pitch = lt->size * 0.45;
    double k0 = ceil(lt->x / pitch), k1 = floor((num->x - lt->size * 0.4 - dot) / pitch);
    if (k1 < k0 || !(dot > 0)) return false;
    size_t n = (size_t)(k1 - k0) + 1;
    char *text = zw_arena_chars(L->doc_a, n + 1);
    float *kern = zw_arena_take(L->doc_a, n * sizeof *kern);
    if (!text || !kern) { L->oom = true; return false; }
    memset(text, '.', n);
    text[n] = 0;
    for (size_t i = 0; i < n; i++) kern[i] = i ? (float)((pitch - dot) * 1000 / lt->size) : 0;
    *r = (zw_run){k0 * pitch, lt->base, (double)(n - 1) * pitch + dot, num->ascent, num->descent, lt->face, 0,
                  lt->ink, 0, lt->size, text, n, ZW_ROLE_ARTIFACT, -1, NULL, kern, NULL};
    return true;
}

bool zw_lay_resolve_late(zw_lay *L) {
    zw_arena *chunk = L->a;
    zw_lay_use_arena(L, L->doc_a);   /* the runs are written after layout has returned */
    bool ok = true;
    for (size_t i = 0, j; i < L->npend && ok; i = j) {   /* the texts of one box at a time */
        size_t n = 0;
        for (j = i; j < L->npend && L->pend[j].box == L->pend[i].box; j++) n += 1 + L->pend[j].t.leaders;
        zw_late *box = &L->dl->lates[L->pend[i].box];
        box->runs = zw_xmalloc(n * sizeof *box->runs);
        ok = box->runs != NULL;
        for (size_t k = i; k < j && ok; k++) {
            const zw_late_text *lt = &L->pend[k].t;
            const char *text = late_value(L, lt);
            zw_run num;
            ok = text && zw_lay_late_run(L, lt, text, &num);
            zw_late *dots = L->pend[k].dots == SIZE_MAX ? box : &L->dl->lates[L->pend[k].dots];
            if (ok && dots != box && !(dots->runs = zw_xmalloc(sizeof *dots->runs))) ok = false;
            if (ok && lt->leaders && leaders(L, lt, &num, &dots->runs[dots->nruns])) dots->nruns++;
            if (ok) box->runs[box->nruns++] = num;
        }
    }
    zw_lay_use_arena(L, chunk);
    return ok && !L->oom;
}

/* ---- pages ------------------------------------------------------------------------------------ */

/* The pages, each in its orientation. */
static bool new_pages(zw_lay *L, const zw_pages *pgs) {
    const zw_style *st = L->st;
    for (int p = pgs->first; p < pgs->npages; p++) {
        bool land = pgs->landscape[p - pgs->first];
        double w, h;
        zw_lay_page_size(st, land, &w, &h);
        zw_page *pg = zw_display_add_page(L->dl, w, h);
        if (!pg) return false;
        pg->area_x = area_x(st, p);
        pg->area_y = st->margin_top;
        zw_lay_area(st, land, &pg->area_w, &pg->area_h);
    }
    return true;
}

/* ---- page numbers ----------------------------------------------------------------------------- */

enum { PART_FRONT, PART_BODY, PART_APPENDIX };

/* n (1 … 3999) in lower-case roman numerals. */
static const char *roman(zw_arena *a, int n) {
    static const char *const digits[4][10] = {
        {"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
        {"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
        {"", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"},
        {"", "m", "mm", "mmm", "", "", "", "", "", ""}};
    if (n < 1 || n > 3999) return zw_arena_printf(a, "%d", n);
    return zw_arena_printf(a, "%s%s%s%s", digits[3][n / 1000], digits[2][n / 100 % 10], digits[1][n / 10 % 10],
                           digits[0][n % 10]);
}

/* The letter(s) of appendix k: A … Z, AA, AB … */
static const char *appendix_letter(zw_arena *a, int k) {
    char buf[8];
    int n = 0;
    for (k++; k > 0 && n < 7; k = (k - 1) / 26) buf[n++] = (char)('A' + (k - 1) % 26);
    char out[8];
    for (int i = 0; i < n; i++) out[i] = buf[n - 1 - i];
    return zw_arena_strndup(a, out, (size_t)n);
}

/* The label of the next page, whose first content is in chapter c (or front matter: the title page, the
 * contents): the number after the page before's, or 1 where the layout's page-numbering starts a part
 * again (the body after roman front matter; the appendices, or each appendix with letters). */
static const char *next_label(zw_lay *L, int c) {
    const zw_style *st = L->st;
    int part = c < 0 ? PART_FRONT : L->doc->chapters[c].appendix ? PART_APPENDIX : PART_BODY;
    int appendix = part == PART_APPENDIX ? c - L->first_appendix : -1;
    bool letters = st->appendix_pages == ZW_APPENDIX_LETTERS, roman_front = st->front_pages == ZW_FRONT_ROMAN;
    if (part != L->num_part || appendix != L->num_appendix) {
        if ((L->num_part == PART_FRONT && roman_front) || (part == PART_APPENDIX && letters)
            || (part == PART_APPENDIX && L->num_part != PART_APPENDIX && st->appendix_pages == ZW_APPENDIX_RESTART))
            L->page_n = 0;
        L->num_part = part;
        L->num_appendix = appendix;
    }
    int n = ++L->page_n;
    if (part == PART_FRONT && roman_front) return roman(L->doc_a, n);
    if (part == PART_APPENDIX && letters) return zw_arena_printf(L->doc_a, "%s-%d", appendix_letter(L->a, appendix), n);
    if (part != PART_APPENDIX || st->appendix_pages == ZW_APPENDIX_CONTINUE) L->body_last = n;
    return zw_arena_printf(L->doc_a, "%d", n);
}

/* What the operations [op0, op1) add to a page: runs, rules, fills and lines (n[0..3]). */
static void count_ops(const zw_vop *ops, size_t op0, size_t op1, size_t n[4]) {
    for (size_t i = op0; i < op1; i++) {
        zw_opkind k = ops[i].kind;
        if (k == ZW_OP_RUN) n[0]++;
        else if (k == ZW_OP_RULE) n[1]++;
        else if (k == ZW_OP_FILL) n[2]++;
        else if (k == ZW_OP_LINE) n[3]++;
    }
}

#define FURNITURE_RUNS 6   /* header and footer: three slots each, and a rule each */

/* Room on each new page for what its boxes, notes (a split note counted whole) and furniture bring, made
 * in one go: grown a doubling at a time, every page's runs were copied some six times over. */
static bool reserve_pages(zw_lay *L, const zw_pages *pg) {
    size_t np = (size_t)(pg->npages - pg->first);
    size_t (*n)[4] = zw_arena_alloc(L->a, (np + 1) * sizeof *n);
    if (!n) return false;
    memset(n, 0, (np + 1) * sizeof *n);
    for (size_t i = 0; i < pg->nboxes; i++) {
        const zw_vitem *it = &L->vl.items[pg->boxes[i].item];
        count_ops(L->vl.ops, it->op0, it->op1, n[pg->boxes[i].page - pg->first]);
    }
    for (size_t i = 0; i < pg->nnotes; i++) {
        const zw_vnote *vn = &L->vl.notes[pg->notes[i].note];
        size_t *c = n[pg->notes[i].page - pg->first];
        count_ops(L->vl.note_ops, vn->op0, vn->op1, c);
        c[1]++;   /* the separator rule */
    }
    for (size_t k = 0; k < np; k++)
        if (!zw_page_reserve(&L->dl->pages[(size_t)pg->first + k], n[k][0] + FURNITURE_RUNS, n[k][1] + 2, n[k][2],
                             n[k][3]))
            return false;
    return true;
}

/* Compose the pages pg->first … pg->npages - 1 (the display list has every page before them), and
 * index their note anchors for zw_lay_link. */
/* Boxes placed one after another on a page that are slices of one table row, all repeated or none. */
typedef struct rowgroup {
    int page;                  /* -1: none open */
    int row;                   /* the row's element; -1: a box that is no row slice (a group of its own) */
    bool repeat;
    size_t first_run;          /* its first run on the page */
    size_t boxes;
} rowgroup;

/* The runs of a group of boxes cell by cell, and page furniture if repeated. */
static bool close_group(zw_lay *L, rowgroup *g) {
    if (g->page < 0) return true;
    zw_page *pg = &L->dl->pages[g->page];
    if (g->boxes > 1 && g->row >= 0 && !group_cells(L, pg, g->first_run)) return false;
    if (g->repeat) make_artifacts(pg, g->first_run);
    g->page = -1;
    return true;
}

/* Compose the pages pg->first … pg->npages - 1 (the display list has every page before them): boxes,
 * page notes, running header and footer, and the links between marks and notes. */
bool zw_lay_compose(zw_lay *L, const zw_pages *pg) {
    if (!new_pages(L, pg) || !reserve_pages(L, pg)) return false;
    size_t n = (size_t)(pg->npages - pg->first);
    int *chapter = zw_arena_alloc(L->a, (n + 1) * sizeof *chapter);   /* of a page's first box */
    int *last = zw_arena_alloc(L->a, (n + 1) * sizeof *last);         /* and of its last */
    bool *seen = zw_arena_alloc(L->a, (n + 1) * sizeof *seen);
    bool *noted = zw_arena_alloc(L->a, (n + 1) * sizeof *noted);   /* a page with notes */
    pagenums nums = {-1, 0, zw_arena_alloc(L->a, (L->doc->nnotes + 1) * sizeof *nums.num), 0};
    pagenums *pn = L->st->note_numbering == ZW_NUMBER_PAGE ? &nums : NULL;
    if (!chapter || !last || !seen || !noted || !nums.num) return false;
    for (size_t i = 0; i < pg->nnotes; i++) noted[pg->notes[i].page - pg->first] = true;
    rowgroup g = {-1, -1, false, 0, 0};
    for (size_t i = 0; i < pg->nboxes; i++) {
        const zw_place *pl = &pg->boxes[i];
        const zw_vitem *it = &L->vl.items[pl->item];
        zw_page *page = &L->dl->pages[pl->page];
        size_t k = (size_t)(pl->page - pg->first);
        if (pn && !pl->repeat && !relabel_marks(L, pg, pn, pl)) return false;
        if (it->row < 0 || it->row != g.row || pl->page != g.page || pl->repeat != g.repeat) {
            if (!close_group(L, &g)) return false;
            g = (rowgroup){pl->page, it->row, pl->repeat, page->nruns, 0};
        }
        g.boxes++;
        if (!seen[k]) { chapter[k] = it->chapter; seen[k] = true; }
        last[k] = it->chapter;
        if (!copy_ops(L, page, pl->page, L->vl.ops, it->op0, it->op1, area_x(L->st, pl->page),
                      L->st->margin_top + pl->y))
            return false;
    }
    if (!close_group(L, &g)) return false;
    nums.page = -1;   /* the notes go through the pages again */
    nums.box = 0;
    if (!place_notes(L, pg, pn)) return false;
    for (int p = pg->first; p < pg->npages; p++) {
        size_t k = (size_t)(p - pg->first);   /* a page of notes only: the chapter its notes' marks are in */
        int c = seen[k] ? chapter[k] : L->page_chapter;
        L->page_chapter = seen[k] ? last[k] : c;
        if (!(L->dl->pages[p].label = next_label(L, c))) return false;
        L->dl->pages[p].late0 = L->dl->nlates;
        for (size_t i = 0; i < L->nclates; i++)   /* the page's own late content, then its furniture's */
            if (L->clates[i].page == p && !zw_lay_late(L, p, &L->clates[i].t)) return false;
        if (!seen[k] && !noted[k]) {   /* left blank before a chapter on a right-hand page */
            if (!blank_page(L, &L->dl->pages[p])) return false;
        } else if (c != ZW_CH_TITLE   /* no furniture on the title page */
                   && (!furniture(L, &L->dl->pages[p], p, c, &L->st->header, true)
                       || !furniture(L, &L->dl->pages[p], p, c, &L->st->footer, false))) {
            return false;
        }
        L->dl->pages[p].late1 = L->dl->nlates;
        if (!page_links(L, p)) return false;
    }
    L->nclates = 0;
    return true;
}
