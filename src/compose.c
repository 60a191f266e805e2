/* compose.c — paginated vertical list → display-list pages: boxes at their places, page notes at the
 * foot with a separator rule, links from marks to notes and back, outline entries, and running header
 * and footer with their fields.  A landscape page (a wide table) is the portrait page turned: width and
 * height swapped, top and bottom margins kept (the header and footer run across the long side), the
 * inner and outer margins at the sides. */
#include <string.h>

#include "layout_int.h"

/* Text area left edge of page p (0-based): on duplex, odd page numbers have the inner margin left. */
static double area_x(const zw_style *st, int p) {
    if (!st->duplex) return st->margin_inner;
    return (p % 2 == 0) ? st->margin_inner : st->margin_outer;
}

/* Width and height of a portrait or landscape page (a layout whose page is already landscape has no
 * other orientation: both are the same). */
void zw_lay_page_size(const zw_style *st, bool landscape, double *w, double *h) {
    double lo = st->page_w < st->page_h ? st->page_w : st->page_h, hi = st->page_w + st->page_h - lo;
    *w = landscape ? hi : st->page_w;
    *h = landscape ? lo : st->page_h;
}

/* Width and height of the text area of a portrait or landscape page. */
void zw_lay_area(const zw_style *st, bool landscape, double *w, double *h) {
    double pw, ph;
    zw_lay_page_size(st, landscape, &pw, &ph);
    *w = pw - st->margin_inner - st->margin_outer;
    *h = ph - st->margin_top - st->margin_bottom;
}

static bool copy_ops(zw_lay *L, zw_page *pg, int pno, size_t op0, size_t op1, double dx, double dy) {
    for (size_t i = op0; i < op1; i++) {
        const zw_vop *op = &L->vl.ops[i];
        if (op->kind == ZW_OP_RUN) {
            zw_run *r = zw_page_add_run(pg);
            if (!r) return false;
            *r = op->u.run;
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

/* A note, or the piece of a split note placed at np (its lines shifted up to the piece's top). */
static bool place_note(zw_lay *L, zw_page *p, const zw_noteplace *np, double dx, double dy) {
    const zw_vnote *vn = &L->vl.notes[np->note];
    if (np->l0 == np->l1) return copy_ops(L, p, np->page, vn->op0, vn->op1, dx, dy);
    const zw_vnline *first = &L->vl.nlines[vn->line0 + np->l0];
    for (size_t i = np->l0; i < np->l1; i++) {
        const zw_vnline *ln = &L->vl.nlines[vn->line0 + i];
        if (!copy_ops(L, p, np->page, ln->op0, ln->op1, dx, dy - first->y)) return false;
    }
    return true;
}

/* Page notes at the foot; the separator above the first is a third of the measure, or the full
 * measure when the page's notes begin with the continuation of a note split on an earlier page. */
static bool place_notes(zw_lay *L, const zw_pages *pg) {
    const zw_style *st = L->st;
    int last_page = -1;
    for (size_t i = 0; i < pg->nnotes; i++) {
        const zw_noteplace *np = &pg->notes[i];
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

typedef struct runat { int page; const zw_run *run; } runat;

static bool same_note(const zw_run *r, zw_role role, const char *key) {
    return r->role == role && r->note && !strcmp(r->note, key);
}

/* The first run on page p of `role` for note `key` (with text `label`, when given). */
static const zw_run *find_on(const zw_page *pg, zw_role role, const char *key, const zw_run *label) {
    for (size_t i = 0; i < pg->nruns; i++) {
        const zw_run *r = &pg->runs[i];
        if (!same_note(r, role, key)) continue;
        if (label && (r->len != label->len || memcmp(r->text, label->text, r->len))) continue;
        return r;
    }
    return NULL;
}

/* Search page p first, then the pages after it (`forward`) or before it, then the others. */
static runat find_near(const zw_display *dl, int p, zw_role role, const char *key, const zw_run *label,
                       bool forward) {
    int n = (int)dl->npages;
    for (int k = 0; k < n; k++) {
        int q = forward ? (p + k) % n : (p - k + n) % n;
        const zw_run *r = find_on(&dl->pages[q], role, key, label);
        if (r) return (runat){q, r};
    }
    return (runat){-1, NULL};
}

static bool link(zw_page *pg, const zw_run *from, runat to) {
    zw_link *l = zw_page_add_link(pg);
    if (!l) return false;
    *l = (zw_link){from->x - 1, from->y - from->ascent - 1, from->w + 2, from->ascent + from->descent + 2,
                   to.page, to.run->y - to.run->ascent - 2};
    return true;
}

/* Each mark jumps to its note (on the same page for page notes; under the table for table notes) and
 * each note's number jumps back to its mark. */
static bool note_links(zw_display *dl) {
    for (size_t p = 0; p < dl->npages; p++) {
        zw_page *pg = &dl->pages[p];
        size_t nruns = pg->nruns;
        for (size_t i = 0; i < nruns; i++) {
            const zw_run *r = &pg->runs[i];
            if (!r->note || (r->role != ZW_ROLE_NOTE_MARK && r->role != ZW_ROLE_NOTE)) continue;
            bool mark = r->role == ZW_ROLE_NOTE_MARK;
            if (!mark && find_on(pg, ZW_ROLE_NOTE, r->note, NULL) != r) continue;   /* only a note's first run */
            runat to = mark ? find_near(dl, (int)p, ZW_ROLE_NOTE, r->note, r, true)
                            : find_near(dl, (int)p, ZW_ROLE_NOTE_MARK, r->note, r, false);
            if (to.run && !link(pg, r, to)) return false;
        }
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
    if (n == 7 && !strncmp(name, "chapter", 7))
        return chapter >= 0 ? zw_text_plain(L->a, &doc->chapters[chapter].title) : "";
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
    zw_style_parstyle(st, &f->style, &ps);
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
    for (int p = 0; p < pgs->npages; p++) {
        double w, h;
        zw_lay_page_size(st, pgs->landscape[p], &w, &h);
        zw_page *pg = zw_display_add_page(L->dl, w, h);
        if (!pg) return false;
        pg->area_x = area_x(st, p);
        pg->area_y = st->margin_top;
        zw_lay_area(st, pgs->landscape[p], &pg->area_w, &pg->area_h);
        pg->label = zw_arena_printf(L->a, "%d", p + 1);
    }
    return true;
}

bool zw_lay_compose(zw_lay *L, const zw_pages *pg) {
    if (!new_pages(L, pg)) return false;
    int *chapter = zw_arena_alloc(L->a, ((size_t)pg->npages + 1) * sizeof *chapter);
    bool *seen = zw_arena_alloc(L->a, ((size_t)pg->npages + 1) * sizeof *seen);
    if (!chapter || !seen) return false;
    for (size_t i = 0; i < pg->nboxes; i++) {
        const zw_place *pl = &pg->boxes[i];
        const zw_vitem *it = &L->vl.items[pl->item];
        if (!seen[pl->page]) { chapter[pl->page] = it->chapter; seen[pl->page] = true; }
        if (!copy_ops(L, &L->dl->pages[pl->page], pl->page, it->op0, it->op1, area_x(L->st, pl->page),
                      L->st->margin_top + pl->y))
            return false;
    }
    if (!place_notes(L, pg) || !note_links(L->dl)) return false;
    for (int p = 0; p < pg->npages; p++) {
        if (chapter[p] < 0) continue;   /* no furniture on the title page */
        if (!furniture(L, &L->dl->pages[p], p, chapter[p], &L->st->header, true)) return false;
        if (!furniture(L, &L->dl->pages[p], p, chapter[p], &L->st->footer, false)) return false;
    }
    return true;
}
