/* compose.c — paginated vertical list → display-list pages: boxes at their places, page notes at the
 * foot with a separator rule, links from marks to notes and back, outline entries, and running header
 * and footer with their fields.  A landscape page (a wide table) is the portrait page turned: width and
 * height swapped, top and bottom margins kept (the header and footer run across the long side), the
 * inner and outer margins at the sides.  With footnote-numbering: page the marks and note numbers get
 * their page's numbers here, just before they are copied, once the pages are known. */
#include <stdint.h>
#include <string.h>

#include "layout_int.h"

/* Text area left edge of page p (0-based): on duplex, odd page numbers have the inner margin left. */
static double area_x(const zw_style *st, int p) {
    if (!st->duplex) return st->margin_inner;
    return (p % 2 == 0) ? st->margin_inner : st->margin_outer;
}

/* Remove the note marks among the page's runs from `first` on (a repeated table header). */
static void drop_marks(zw_page *pg, size_t first) {
    size_t w = first;
    for (size_t i = first; i < pg->nruns; i++)
        if (pg->runs[i].role != ZW_ROLE_NOTE_MARK) pg->runs[w++] = pg->runs[i];
    pg->nruns = w;
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
    r->w = L->m->width(L->m->ctx, r->face, r->size, s, r->len);
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
    if (np->l0 == np->l1) return copy_ops(L, p, np->page, L->vl.note_ops, vn->op0, vn->op1, dx, dy);
    const zw_vnline *first = &L->vl.nlines[vn->line0 + np->l0];
    for (size_t i = np->l0; i < np->l1; i++) {
        const zw_vnline *ln = &L->vl.nlines[vn->line0 + i];
        if (!copy_ops(L, p, np->page, L->vl.note_ops, ln->op0, ln->op1, dx, dy - first->y)) return false;
    }
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
            *r = (zw_rule){dx, y, dx + w, y, st->footnote_rule, 0};
        }
        last_page = np->page;
        if (!place_note(L, p, np, dx, dy)) return false;
    }
    return true;
}

/* ---- links between marks and notes ------------------------------------------------------------- */

/* Links are found among the anchors of the pages composed so far (pages already written keep theirs),
 * searching as if the whole document were there; a page whose link may point to a page not composed
 * yet waits (is not handed to the sink) until that page is, or the document is complete. */

static bool same_note(const zw_run *r, zw_role role, const char *key) {
    return r->role == role && r->note && !strcmp(r->note, key);
}

/* Record the note marks and note numbers of composed page p. */
static bool add_anchors(zw_lay *L, int p) {
    const zw_page *pg = &L->dl->pages[p];
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *r = &pg->runs[i];
        if (!r->note || (r->role != ZW_ROLE_NOTE_MARK && r->role != ZW_ROLE_NOTE)) continue;
        if (!zw_grow((void **)&L->anchors, &L->capanchors, L->nanchors, sizeof *L->anchors)) return false;
        const char *text = zw_arena_strndup(L->doc_a, r->text, r->len);
        if (!text) return false;
        L->anchors[L->nanchors++] = (zw_anchor){p, r->role, r->note, text, r->len, r->y, r->ascent};
    }
    return true;
}

/* Anchor index of every page composed so far: anchor_at[p] … anchor_at[p + 1]. */
static bool index_anchors(zw_lay *L, size_t from, size_t to) {
    if (to + 1 > L->capanchor_at) {
        size_t cap = (to + 1) * 2;
        size_t *a = zw_xrealloc(L->anchor_at, cap * sizeof *a);
        if (!a) return false;
        L->anchor_at = a;
        L->capanchor_at = cap;
    }
    for (size_t p = from; p < to; p++) {
        L->anchor_at[p] = L->nanchors;
        if (!add_anchors(L, (int)p)) return false;
    }
    L->anchor_at[to] = L->nanchors;
    return true;
}

/* The first anchor on page q of `role` for note `key` (with the text of `label`, when given). */
static const zw_anchor *find_on(const zw_lay *L, int q, zw_role role, const char *key, const zw_run *label) {
    for (size_t i = L->anchor_at[q]; i < L->anchor_at[q + 1]; i++) {
        const zw_anchor *a = &L->anchors[i];
        if (a->role != role || strcmp(a->note, key)) continue;
        if (label && (a->len != label->len || memcmp(a->text, label->text, a->len))) continue;
        return a;
    }
    return NULL;
}

/* Search page p first, then the pages after it (`forward`) or before it, then the others.  *wait: the
 * answer depends on pages not composed yet (never when the document is complete). */
static const zw_anchor *find_near(const zw_lay *L, int p, zw_role role, const char *key, const zw_run *label,
                                  bool forward, bool final, bool *wait) {
    int n = (int)L->composed;
    for (int k = 0; k < n; k++) {
        int q = forward ? p + k : p - k;
        if ((q >= n || q < 0) && !final) { *wait = true; return NULL; }
        q = (q + n) % n;
        const zw_anchor *a = find_on(L, q, role, key, label);
        if (a) return a;
    }
    if (!final) *wait = true;
    return NULL;
}

static bool link(zw_page *pg, const zw_run *from, const zw_anchor *to) {
    zw_link *l = zw_page_add_link(pg);
    if (!l) return false;
    *l = (zw_link){from->x - 1, from->y - from->ascent - 1, from->w + 2, from->ascent + from->descent + 2,
                   to->page, to->y - to->ascent - 2};
    return true;
}

/* Whether run i is the first run of its note's element on the page: the note's number.  (A note both
 * under a table and at the foot of one page is two elements, each with its number.)  Runs before
 * `first`, the page's first note run, are no note's: the search starts there. */
static bool note_start(const zw_page *pg, size_t first, size_t i) {
    const zw_run *r = &pg->runs[i];
    for (size_t k = first; k < i; k++)
        if (pg->runs[k].elem == r->elem && same_note(&pg->runs[k], ZW_ROLE_NOTE, r->note)) return false;
    return true;
}

/* Each mark on page p jumps to its note (on the same page for page notes; under the table for table
 * notes) and each note's number jumps back to its mark.  *wait: not all targets are known yet (the
 * page gets no links this time). */
static bool page_links(zw_lay *L, size_t p, bool final, bool *wait) {
    zw_page *pg = &L->dl->pages[p];
    size_t nruns = pg->nruns, nlinks = pg->nlinks, first = SIZE_MAX;
    for (size_t i = 0; i < nruns && !*wait; i++) {
        const zw_run *r = &pg->runs[i];
        if (!r->note || (r->role != ZW_ROLE_NOTE_MARK && r->role != ZW_ROLE_NOTE)) continue;
        bool mark = r->role == ZW_ROLE_NOTE_MARK;
        if (!mark && first == SIZE_MAX) first = i;
        if (!mark && !note_start(pg, first, i)) continue;
        const zw_anchor *to = mark ? find_near(L, (int)p, ZW_ROLE_NOTE, r->note, r, true, final, wait)
                                   : find_near(L, (int)p, ZW_ROLE_NOTE_MARK, r->note, r, false, final, wait);
        if (to && !link(pg, r, to)) return false;
    }
    if (*wait) pg->nlinks = nlinks;
    return true;
}

bool zw_lay_link(zw_lay *L, bool final) {
    bool wait = false;
    while (L->linked < L->composed) {
        if (!page_links(L, L->linked, final, &wait)) return false;
        if (wait) break;
        L->linked++;
    }
    return true;
}

/* ---- running header and footer ---------------------------------------------------------------- */

static const char *field(zw_lay *L, const char *name, size_t n, int page, int chapter) {
    const zw_doc *doc = L->doc;
    if (n == 5 && !strncmp(name, "title", 5)) return doc->title;
    if (n == 12 && !strncmp(name, "organisation", 12)) return doc->organisation;
    if (n == 4 && !strncmp(name, "page", 4)) return zw_arena_printf(L->a, "%d", page + 1);
    if (n == 5 && !strncmp(name, "pages", 5)) return zw_arena_printf(L->a, "%zu", L->dl->npages);
    if (n == 4 && !strncmp(name, "date", 4)) return doc->date ? doc->date : "";
    if (n == 6 && !strncmp(name, "status", 6)) return doc->status ? doc->status : "";
    if (n == 4 && !strncmp(name, "year", 4)) return doc->year ? zw_arena_printf(L->a, "%d", doc->year) : "";
    if (n == 7 && !strncmp(name, "chapter", 7))   /* its running title when it has one */
        return chapter < 0 ? "" : doc->chapters[chapter].running ? doc->chapters[chapter].running
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

static bool furniture(zw_lay *L, zw_page *pg, int p, int chapter, const zw_furniture *f, bool top) {
    const zw_style *st = L->st;
    zw_parstyle ps;
    zw_lay_parstyle(st, &f->style, &ps);
    int face = ps.face[0];
    double size = f->style.size, x0 = area_x(st, p), w = pg->area_w;
    double base = top ? st->margin_top - f->offset : st->margin_top + pg->area_h + f->offset;
    bool swap = st->duplex && f->mirror && p % 2 == 1;
    bool any = false;
    for (int slot = 0; slot < 3; slot++) {
        const char *tpl = f->text[swap ? 2 - slot : slot];
        if (!tpl || !*tpl) continue;
        char *txt = expand(L, tpl, p, chapter);
        if (!txt) return false;
        if (!*txt) continue;
        double tw = L->m->width(L->m->ctx, face, size, txt, strlen(txt));
        zw_run *r = zw_page_add_run(pg);
        if (!r) return false;
        double x = slot == 0 ? x0 : slot == 1 ? x0 + (w - tw) / 2 : x0 + w - tw;
        *r = (zw_run){x, base, tw, L->m->ascent(L->m->ctx, face) * size / 1000,
                      L->m->descent(L->m->ctx, face) * size / 1000, face, size, txt, strlen(txt),
                      ZW_ROLE_ARTIFACT, -1, NULL, zw_lay_kern(L, face, txt, strlen(txt))};
        any = true;
    }
    if (any && f->rule > 0) {
        zw_rule *r = zw_page_add_rule(pg);
        if (!r) return false;
        double y = top ? base + size * 0.4 : base - size * 1.1;
        *r = (zw_rule){x0, y, x0 + w, y, f->rule, 0};
    }
    return true;
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
        pg->label = zw_arena_printf(L->doc_a, "%d", p + 1);
        if (!pg->label) return false;
    }
    return true;
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
bool zw_lay_compose(zw_lay *L, const zw_pages *pg) {
    if (!new_pages(L, pg) || !reserve_pages(L, pg)) return false;
    size_t n = (size_t)(pg->npages - pg->first);
    int *chapter = zw_arena_alloc(L->a, (n + 1) * sizeof *chapter);   /* of a page's first box */
    int *last = zw_arena_alloc(L->a, (n + 1) * sizeof *last);         /* and of its last */
    bool *seen = zw_arena_alloc(L->a, (n + 1) * sizeof *seen);
    pagenums nums = {-1, 0, zw_arena_alloc(L->a, (L->doc->nnotes + 1) * sizeof *nums.num), 0};
    pagenums *pn = L->st->note_numbering == ZW_NUMBER_PAGE ? &nums : NULL;
    if (!chapter || !last || !seen || !nums.num) return false;
    for (size_t i = 0; i < pg->nboxes; i++) {
        const zw_place *pl = &pg->boxes[i];
        const zw_vitem *it = &L->vl.items[pl->item];
        size_t k = (size_t)(pl->page - pg->first);
        if (pn && !pl->repeat && !relabel_marks(L, pg, pn, pl)) return false;
        size_t first_run = L->dl->pages[pl->page].nruns;
        if (!seen[k]) { chapter[k] = it->chapter; seen[k] = true; }
        last[k] = it->chapter;
        if (!copy_ops(L, &L->dl->pages[pl->page], pl->page, L->vl.ops, it->op0, it->op1, area_x(L->st, pl->page),
                      L->st->margin_top + pl->y))
            return false;
        if (pl->repeat) drop_marks(&L->dl->pages[pl->page], first_run);
    }
    nums.page = -1;   /* the notes go through the pages again */
    nums.box = 0;
    if (!place_notes(L, pg, pn)) return false;
    for (int p = pg->first; p < pg->npages; p++) {
        size_t k = (size_t)(p - pg->first);   /* a page of notes only: the chapter its notes' marks are in */
        int c = seen[k] ? chapter[k] : L->page_chapter;
        L->page_chapter = seen[k] ? last[k] : c;
        if (c < 0) continue;   /* no furniture on the title page */
        if (!furniture(L, &L->dl->pages[p], p, c, &L->st->header, true)) return false;
        if (!furniture(L, &L->dl->pages[p], p, c, &L->st->footer, false)) return false;
    }
    return index_anchors(L, (size_t)pg->first, (size_t)pg->npages);
}
