/* paginate.c — the page builder: a vertical list of boxes, glue and penalties → page breaks.
 *
 * A pure function of the list and the text area's heights (portrait and landscape).  Like TeX's page builder it remembers every
 * legal breakpoint on the current page with its cost (penalty plus a badness for the space left empty)
 * and, when the next box does not fit, breaks at the cheapest one (the latest on ties).  Glue is a
 * breakpoint only after a box and vanishes at the top of a page.  Tables repeat their header boxes at
 * the top of continuation pages; the footnotes of the marks on a page take room from its bottom; a box
 * that must start a right-hand page gets an empty page before it when it would start a left-hand one.
 * A note too tall to fit on any page beside its marked line is split between its lines: what fits
 * stays under the mark, the rest is carried to the foot of the next page(s), first there.
 * A page takes the orientation of its first box; a box of the other orientation starts a new page.
 * Progress guarantee: a page always takes at least one box; a box taller than the page is placed alone
 * and counted as overfull. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "zw_arena.h"
#include "zw_vlist.h"

#define EPS 0.01

/* ---- builders --------------------------------------------------------------------------------- */


zw_vitem *zw_vlist_add(zw_vlist *vl, zw_vitem_kind kind) {
    if (!zw_grow((void **)&vl->items, &vl->cap, vl->n, sizeof *vl->items)) return NULL;
    zw_vitem *it = &vl->items[vl->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->table = -1;
    it->row = -1;
    it->op0 = it->op1 = vl->nops;
    it->note0 = it->note1 = vl->nrefs;
    return it;
}

zw_vnline *zw_vlist_nline(zw_vlist *vl) {
    if (!zw_grow((void **)&vl->nlines, &vl->capnlines, vl->nnlines, sizeof *vl->nlines)) return NULL;
    zw_vnline *l = &vl->nlines[vl->nnlines++];
    memset(l, 0, sizeof *l);
    return l;
}

zw_vop *zw_vlist_op(zw_vlist *vl, zw_opkind kind) {
    if (!zw_grow((void **)&vl->ops, &vl->capops, vl->nops, sizeof *vl->ops)) return NULL;
    zw_vop *op = &vl->ops[vl->nops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

bool zw_vlist_move_note_ops(zw_vlist *vl, size_t op0) {
    size_t n = vl->nops - op0;
    if (n && !zw_grow((void **)&vl->note_ops, &vl->capnote_ops, vl->nnote_ops + n - 1, sizeof *vl->note_ops))
        return false;
    if (n) memcpy(vl->note_ops + vl->nnote_ops, vl->ops + op0, n * sizeof *vl->ops);
    vl->nnote_ops += n;
    vl->nops = op0;
    return true;
}

bool zw_vlist_ref(zw_vlist *vl, size_t note) {
    if (!zw_grow((void **)&vl->refs, &vl->caprefs, vl->nrefs, sizeof *vl->refs)) return false;
    vl->refs[vl->nrefs++] = note;
    return true;
}

void zw_vlist_drop(zw_vlist *vl) {
    if (!vl) return;
    free(vl->items);
    free(vl->ops);
    free(vl->refs);
    free(vl->tables);
    free(vl->notes);
    free(vl->nlines);
    free(vl->note_ops);
    memset(vl, 0, sizeof *vl);
}

/* An index into the list after its first k items are dropped ((size_t)-1, "none", stays). */
static size_t shifted(size_t v, size_t k) { return v == (size_t)-1 ? v : v >= k ? v - k : 0; }

static bool continues_table(const zw_vlist *vl, size_t start, double height);

/* The first item the next page still needs: its own first, or its table's header to repeat. */
static size_t still_needed(const zw_vlist *vl, const zw_pager *pg) {
    size_t k = pg->next < vl->n ? pg->next : vl->n;
    if (k == vl->n || !continues_table(vl, k, pg->heights[vl->items[k].landscape])) return k;
    const zw_vtable *tb = &vl->tables[vl->items[k].table];
    if (tb->head1 > tb->head0 && tb->head0 < k) k = tb->head0;
    if (tb->cont != (size_t)-1 && tb->cont < k) k = tb->cont;
    return k;
}

void zw_vlist_trim(zw_vlist *vl, zw_pager *pg) {
    size_t k = still_needed(vl, pg);
    if (k == 0) return;
    size_t op_cut = vl->nops, ref_cut = vl->nrefs;   /* the first operation and reference still used */
    size_t t0 = vl->ntables;   /* the first table still referred to (a list only adds later tables) */
    for (size_t i = k; i < vl->n; i++) {
        if (vl->items[i].op0 < op_cut) op_cut = vl->items[i].op0;
        if (vl->items[i].note0 < ref_cut) ref_cut = vl->items[i].note0;
        if (vl->items[i].table >= 0 && (size_t)vl->items[i].table < t0) t0 = (size_t)vl->items[i].table;
    }
    if (vl->n > k) memmove(vl->items, vl->items + k, (vl->n - k) * sizeof *vl->items);
    vl->n -= k;
    if (vl->nops > op_cut) memmove(vl->ops, vl->ops + op_cut, (vl->nops - op_cut) * sizeof *vl->ops);
    vl->nops -= op_cut;
    if (vl->nrefs > ref_cut) memmove(vl->refs, vl->refs + ref_cut, (vl->nrefs - ref_cut) * sizeof *vl->refs);
    vl->nrefs -= ref_cut;
    vl->ops_trimmed += op_cut;
    for (size_t i = 0; i < vl->n; i++) {
        zw_vitem *it = &vl->items[i];
        it->op0 -= op_cut; it->op1 -= op_cut;
        it->note0 -= ref_cut; it->note1 -= ref_cut;
    }
    for (size_t t = t0; t < vl->ntables; t++) {   /* a table begun before the cut keeps first = 0 */
        zw_vtable *tb = &vl->tables[t];
        tb->first = shifted(tb->first, k);
        tb->head0 = shifted(tb->head0, k);
        tb->head1 = shifted(tb->head1, k);
        tb->cont = shifted(tb->cont, k);
    }
    pg->next = pg->next >= k ? pg->next - k : 0;
}

void zw_pages_forget(zw_pages *p) {
    p->nboxes = 0;
    p->nnotes = 0;
    p->first = p->npages;
}

void zw_pages_drop(zw_pages *p) {
    if (!p) return;
    free(p->boxes);
    free(p->notes);
    free(p->landscape);
    memset(p, 0, sizeof *p);
}

/* ---- the builder state for one page ----------------------------------------------------------- */

typedef struct piece {     /* a note, or lines [l0, l1) of one, on the current page */
    size_t note, l0, l1;   /* l0 == l1: the whole note */
    double h;
} piece;

typedef struct carry {     /* the rest of a split note, waiting for the next page */
    bool on;
    size_t note, l0;
} carry;

typedef struct pstate {
    const zw_vlist *vl;
    zw_pages *out;
    double height, note_sep;
    double heights[2];     /* text area height of portrait and landscape pages */
    bool land;             /* the current page is landscape */
    int page;
    double y;              /* content height so far */
    size_t boxes;          /* boxes placed on this page (repeated headers excluded) */
    piece *pnotes;         /* notes on this page: a carried piece first, then by first reference */
    size_t npnotes, cappnotes;
    double notes_h;        /* room they take, separator included */
    carry carry;           /* what the next page continues */
    /* the best breakpoint so far */
    bool have_best;
    double best_cost;
    size_t best_next;      /* first item of the next page */
    size_t best_nboxes;    /* placements to keep */
    size_t best_npnotes;
    double best_notes_h;
    carry best_carry;
    bool ran_out;          /* the page ended because the list did: more items could still join it */
} pstate;

static bool place_as(pstate *s, size_t item, double y, bool repeat) {
    zw_pages *o = s->out;
    if (!zw_grow((void **)&o->boxes, &o->capboxes, o->nboxes, sizeof *o->boxes)) return false;
    o->boxes[o->nboxes++] = (zw_place){s->page, item, y, repeat};
    return true;
}

static bool place(pstate *s, size_t item, double y) { return place_as(s, item, y, false); }

static bool on_page(const pstate *s, size_t note) {
    for (size_t i = 0; i < s->npnotes; i++)
        if (s->pnotes[i].note == note) return true;
    return false;
}

/* Extra room the notes of box `it` would take on this page. */
static double notes_extra(const pstate *s, const zw_vitem *it) {
    double h = 0;
    bool first = s->npnotes == 0;
    for (size_t r = it->note0; r < it->note1; r++) {
        size_t n = s->vl->refs[r];
        bool dup = on_page(s, n);
        for (size_t q = it->note0; q < r && !dup; q++) dup = s->vl->refs[q] == n;
        if (dup) continue;
        h += s->vl->notes[n].h + (first ? s->note_sep : 0);
        first = false;
    }
    return h;
}

static bool add_piece(pstate *s, size_t note, size_t l0, size_t l1, double h) {
    if (!zw_grow((void **)&s->pnotes, &s->cappnotes, s->npnotes, sizeof *s->pnotes)) return false;
    s->notes_h += h + (s->npnotes == 0 ? s->note_sep : 0);
    s->pnotes[s->npnotes++] = (piece){note, l0, l1, h};
    return true;
}

/* Add the notes of box `it` not yet on the page; note `cut` (if any) only with its first `k` lines. */
static bool add_notes_cut(pstate *s, const zw_vitem *it, size_t cut, size_t k) {
    for (size_t r = it->note0; r < it->note1; r++) {
        size_t n = s->vl->refs[r];
        if (on_page(s, n)) continue;
        const zw_vnote *vn = &s->vl->notes[n];
        double h = vn->h;
        if (n == cut) {
            h = 0;
            for (size_t i = 0; i < k; i++) h += s->vl->nlines[vn->line0 + i].h;
        }
        if (!add_piece(s, n, 0, n == cut ? k : 0, h)) return false;
    }
    return true;
}

static bool add_notes(pstate *s, const zw_vitem *it) { return add_notes_cut(s, it, (size_t)-1, 0); }

/* How many lines of note n, from line l0, fit in `room` (as many as possible, stopping at the first
 * that does not fit). */
static size_t lines_fitting(const zw_vlist *vl, size_t n, size_t l0, double room) {
    const zw_vnote *vn = &vl->notes[n];
    size_t k = 0;
    for (double h = 0; vn->line0 + l0 + k < vn->line1; k++) {
        h += vl->nlines[vn->line0 + l0 + k].h;
        if (h > room + EPS) break;
    }
    return k;
}

/* Box `it` does not fit with its notes: if the last of its new notes could not stand beside it on any
 * page, place the box with as many of that note's lines as fit and carry the rest to the next page. */
static bool try_split(pstate *s, size_t j, const zw_vitem *it, double extra, bool *placed) {
    const zw_vlist *vl = s->vl;
    *placed = false;
    size_t cut = (size_t)-1;
    for (size_t r = it->note0; r < it->note1; r++)
        if (!on_page(s, vl->refs[r])) cut = vl->refs[r];
    if (cut == (size_t)-1) return true;
    const zw_vnote *vn = &vl->notes[cut];
    if (vn->line1 - vn->line0 < 2 || vn->h + it->h + s->note_sep <= s->height + EPS) return true;
    size_t k = lines_fitting(vl, cut, 0, s->height - s->y - it->h - s->notes_h - extra + vn->h);
    if (k == 0) return true;
    if (!place(s, j, s->y) || !add_notes_cut(s, it, cut, k)) return false;
    s->carry = (carry){true, cut, k};
    s->y += it->h;
    s->boxes++;
    *placed = true;
    return true;
}

/* Continue a carried note at the foot of this page, first among the notes, leaving room for the
 * page's first box. */
static bool place_carry(pstate *s, size_t start) {
    const zw_vlist *vl = s->vl;
    if (!s->carry.on) return true;
    carry c = s->carry;
    s->carry.on = false;
    double first = 0;
    for (size_t j = start; j < vl->n && !first; j++)
        if (vl->items[j].kind == ZW_VBOX && !vl->items[j].hidden) first = vl->items[j].h;
    const zw_vnote *vn = &vl->notes[c.note];
    size_t left = vn->line1 - vn->line0 - c.l0;
    size_t k = lines_fitting(vl, c.note, c.l0, s->height - s->y - first - s->note_sep);
    if (k == 0) k = 1;
    double h = 0;
    for (size_t i = 0; i < k; i++) h += vl->nlines[vn->line0 + c.l0 + i].h;
    if (k < left) s->carry = (carry){true, c.note, c.l0 + k};
    return add_piece(s, c.note, c.l0, c.l0 + k, h);
}

static void candidate(pstate *s, size_t next, double penalty) {
    double empty = s->height - s->y - s->notes_h;
    if (empty < 0) empty = 0;
    double frac = empty / s->height;
    double cost = penalty + 10000.0 * frac * frac * frac;
    if (s->have_best && cost > s->best_cost) return;
    s->have_best = true;
    s->best_cost = cost;
    s->best_next = next;
    s->best_nboxes = s->out->nboxes;
    s->best_npnotes = s->npnotes;
    s->best_notes_h = s->notes_h;
    s->best_carry = s->carry;
}

/* Place the repeated header of table t at the top of the page. */
static bool repeat_header(pstate *s, int t) {
    const zw_vtable *tb = &s->vl->tables[t];
    if (tb->cont != (size_t)-1) {
        if (!place_as(s, tb->cont, s->y, true)) return false;
        s->y += s->vl->items[tb->cont].h;
    }
    for (size_t k = tb->head0; k < tb->head1; k++) {
        if (s->vl->items[k].kind != ZW_VBOX) continue;
        if (!place_as(s, k, s->y, true)) return false;   /* without its marks: their notes stay on the first page */
        s->y += s->vl->items[k].h;
    }
    return true;
}

/* Whether the page starting at `start` continues a table begun on an earlier page, and its repeated
 * header is small enough to repeat (at most half the page: a taller header would leave no room). */
static bool continues_table(const zw_vlist *vl, size_t start, double height) {
    int t = vl->items[start].table;
    if (t < 0 || start <= vl->tables[t].first || vl->items[start].repeat) return false;
    const zw_vtable *tb = &vl->tables[t];
    double h = tb->cont != (size_t)-1 ? vl->items[tb->cont].h : 0;
    for (size_t k = tb->head0; k < tb->head1; k++)
        if (vl->items[k].kind == ZW_VBOX) h += vl->items[k].h;
    return h <= height / 2;
}

static bool finish_notes(pstate *s) {
    zw_pages *o = s->out;
    double y = s->height - s->notes_h + s->note_sep;
    for (size_t i = 0; i < s->npnotes; i++) {
        if (!zw_grow((void **)&o->notes, &o->capnotes, o->nnotes, sizeof *o->notes)) return false;
        const piece *pc = &s->pnotes[i];
        o->notes[o->nnotes++] = (zw_noteplace){s->page, pc->note, y, pc->l0, pc->l1};
        y += pc->h;
    }
    return true;
}

/* Fill one page starting at item `start`; returns the first item of the next page via *next. */
static bool fill_page(pstate *s, size_t start, size_t *next) {
    const zw_vlist *vl = s->vl;
    s->y = 0;
    s->boxes = 0;
    s->npnotes = 0;
    s->notes_h = 0;
    s->have_best = false;
    if (start < vl->n && continues_table(vl, start, s->height) && !repeat_header(s, vl->items[start].table))
        return false;
    if (!place_carry(s, start)) return false;
    for (size_t j = start; j < vl->n; j++) {
        const zw_vitem *it = &vl->items[j];
        if (it->kind == ZW_VGLUE) {
            if (vl->items[j - (j > start)].kind == ZW_VBOX && j > start) candidate(s, j, 0);
            s->y += it->h;
        } else if (it->kind == ZW_VPENALTY) {
            if (it->penalty <= -ZW_VINF && s->boxes) { *next = j + 1; return finish_notes(s); }
            if (it->penalty < ZW_VINF && s->boxes) candidate(s, j + 1, it->penalty);
        } else if (!it->hidden) {
            if (it->landscape != s->land && s->boxes) { *next = j; return finish_notes(s); }   /* orientation changes */
            double extra = notes_extra(s, it);
            bool placed = false;
            if (s->y + it->h + s->notes_h + extra > s->height + EPS && !try_split(s, j, it, extra, &placed))
                return false;
            if (placed) continue;
            if (s->y + it->h + s->notes_h + extra > s->height + EPS && s->boxes) {
                if (s->have_best) {
                    s->out->nboxes = s->best_nboxes;
                    s->npnotes = s->best_npnotes;
                    s->notes_h = s->best_notes_h;
                    s->carry = s->best_carry;
                    *next = s->best_next;
                } else {
                    *next = j;   /* no legal breakpoint: break before the box that does not fit */
                }
                return finish_notes(s);
            }
            if (s->y + it->h + s->notes_h + extra > s->height + EPS) {
                if (!s->out->overfull) s->out->first_overfull = j;
                s->out->overfull++;
            }
            if (!place(s, j, s->y) || !add_notes(s, it)) return false;
            s->y += it->h;
            s->boxes++;
        }
    }
    *next = vl->n;
    s->ran_out = true;
    return finish_notes(s);
}

/* Start page s->page with the orientation of item i (a page carrying only a note keeps the last one). */
static bool orient_page(pstate *s, size_t i) {
    zw_pages *o = s->out;
    size_t k = (size_t)(s->page - o->first);
    if (!zw_grow((void **)&o->landscape, &o->caplandscape, k, sizeof *o->landscape)) return false;
    if (i < s->vl->n) s->land = s->vl->items[i].landscape;
    s->height = s->heights[s->land];
    o->landscape[k] = s->land;
    return true;
}

void zw_pager_init(zw_pager *pg, double height, double land_height, double note_sep) {
    *pg = (zw_pager){.heights = {height, land_height}, .note_sep = note_sep};
}

/* Fill the page starting at item i; a page that ran out of items before it was full is taken back
 * (*taken = false) unless the list is final. */
static bool next_page(pstate *s, size_t i, bool final, size_t *next, bool *taken) {
    zw_pages *o = s->out;
    size_t nb = o->nboxes, nn = o->nnotes, of = o->overfull, fo = o->first_overfull;
    bool land = s->land;
    carry c = s->carry;
    s->ran_out = false;
    if (!orient_page(s, i) || !fill_page(s, i, next)) return false;
    *taken = final || !s->ran_out;
    if (*taken) return true;
    o->nboxes = nb; o->nnotes = nn; o->overfull = of; o->first_overfull = fo;
    s->land = land;
    s->carry = c;
    return true;
}

/* An empty left-hand page before a box that starts a right-hand page: it carries only the rest of a split
 * note, if one continues. */
static bool blank_page(pstate *s, size_t i) {
    if (!orient_page(s, i)) return false;
    s->y = 0;
    s->npnotes = 0;
    s->notes_h = 0;
    return place_carry(s, i) && finish_notes(s);
}

bool zw_pager_run(zw_pager *pg, const zw_vlist *vl, bool final, zw_pages *out) {
    pstate s = {.vl = vl, .out = out, .note_sep = pg->note_sep, .heights = {pg->heights[0], pg->heights[1]},
                .land = pg->land, .page = out->npages, .carry = {pg->carry_on, pg->carry_note, pg->carry_l0}};
    s.height = s.heights[s.land];
    size_t i = pg->next;
    bool ok = true;
    while (ok) {
        while (i < vl->n && (vl->items[i].kind != ZW_VBOX || vl->items[i].hidden)) i++;   /* discard glue and penalties at the top */
        if (i >= vl->n && (!s.carry.on || !final)) break;   /* done, unless a split note still continues */
        if (i < vl->n && vl->items[i].recto && s.page % 2 == 1) {   /* 0-based: a left-hand page */
            ok = blank_page(&s, i);
            s.page++;
            continue;
        }
        size_t next = i;
        bool taken = false;
        ok = next_page(&s, i, final, &next, &taken);
        if (!ok || !taken) break;
        if (next <= i) next = i + 1;   /* never loop */
        i = next;
        s.page++;
    }
    out->npages = s.page;
    *pg = (zw_pager){{pg->heights[0], pg->heights[1]}, pg->note_sep, i, s.land, s.carry.on, s.carry.note, s.carry.l0};
    free(s.pnotes);
    return ok;
}

bool zw_paginate(const zw_vlist *vl, double height, double land_height, double note_sep, zw_pages *out) {
    memset(out, 0, sizeof *out);
    zw_pager pg;
    zw_pager_init(&pg, height, land_height, note_sep);
    return zw_pager_run(&pg, vl, true, out);
}
