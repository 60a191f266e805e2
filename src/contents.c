/* contents.c — the table of contents: an entry per chapter and section down to the layout's depth, set
 * after the title page in the same run as the rest of the document; and the lists of tables and of
 * figures after it, an entry per caption, made the same way.
 *
 * An entry is its section's number, in a column as wide as the widest number of its level, and its
 * title, wrapped with a hanging indent short of the room for the page number; after the title's last line
 * come dot leaders and the page number, right-aligned.  The number of pages the contents takes is known
 * before any page number is (it depends on the titles only), so the entries are set first and their page
 * numbers are late page content (zw_late_text with `via`: the label of the page of the heading the entry
 * refers to, known at the end); the leaders, which stop before the number, with them.  Each entry is a
 * TOCI element inside one TOC element, its `ref` the heading (layout.c sets it when the heading is made)
 * or the caption (table.c and figure.c, through zw_lay_listed_made), and a link to it.  A chapter's entry
 * is kept with the first entry inside it. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "layout_int.h"

#define LEVELS 7   /* section levels 1 … 6, and 0 unused */

typedef struct toc {
    const zw_contents *c;
    double indent[LEVELS + 1];   /* per level: where its number starts */
    double numw[LEVELS];         /* … and how far after that its title starts */
    double room;                 /* left free at the right of every title for leaders and the page number */
    int elem;                    /* the TOC element */
} toc;

static const zw_pstyle_def *level_style(const toc *t, int level) { return &t->c->level[level < 3 ? level - 1 : 2]; }

static int face_of(zw_lay *L, const zw_pstyle_def *p) {
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    return ps.face[0];
}

/* The room left at the right of every title for leaders and a page number: four digits and an em wide in p. */
static double page_room(zw_lay *L, const zw_pstyle_def *p) {
    return L->m->width(L->m->ctx, face_of(L, p), p->size, "0000", 4) + p->size;
}

/* The columns: each level's numbers as wide as its widest and half an em, at least one and a half em;
 * its titles start after them, where the next level's numbers start (a level without numbers has no
 * column: the next level starts one and a half em in); the room for a page number. */
static void columns(zw_lay *L, toc *t) {
    double widest[LEVELS] = {0};
    for (size_t i = 0; i < L->nsects; i++) {
        const zw_section *s = L->sects[i];
        const char *num = L->sect_num[i];
        if (s->level > t->c->depth || !num) continue;
        double w = L->m->width(L->m->ctx, face_of(L, level_style(t, s->level)), level_style(t, s->level)->size, num,
                               strlen(num));
        if (w > widest[s->level]) widest[s->level] = w;
    }
    t->indent[1] = 0;
    for (int lv = 1; lv < LEVELS; lv++) {   /* a level's titles and the next level's numbers line up */
        double em = level_style(t, lv)->size;
        t->numw[lv] = widest[lv] > 0 ? fmax(widest[lv] + em / 2, 1.5 * em) : 0;   /* no numbers: no column */
        t->indent[lv + 1] = t->indent[lv] + (t->numw[lv] > 0 ? t->numw[lv] : 1.5 * em);
    }
    t->room = page_room(L, level_style(t, 1));
}

/* An entry's title as it is listed: its text without footnote marks, line breaks as spaces. */
static zw_text entry_text(zw_lay *L, const zw_text *title) {
    zw_text out = {NULL, 0, title->pos};
    zw_span *s = zw_arena_alloc(L->a, (title->n + 1) * sizeof *s);
    if (!s) { L->oom = true; return out; }
    for (size_t i = 0; i < title->n; i++) {
        const zw_span *sp = &title->spans[i];
        if (sp->kind == ZW_SPAN_NOTE_REF) continue;
        s[out.n] = *sp;
        if (sp->kind == ZW_SPAN_BREAK) s[out.n] = (zw_span){ZW_SPAN_TEXT, sp->style, " ", 1, {NULL}, sp->pos};
        out.n++;
    }
    out.spans = s;
    return out;
}

/* A run of s at (x, base) in element e, in the face and size of p and colour ink. */
static void number_run(zw_lay *L, const zw_pstyle_def *p, const char *s, double x, double base, int e,
                       uint8_t ink) {
    int face = face_of(L, p);
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
    if (!op) { L->oom = true; return; }
    size_t n = strlen(s);
    op->u.run = (zw_run){x, base, L->m->width(L->m->ctx, face, p->size, s, n),
                         L->m->ascent(L->m->ctx, face) * p->size / 1000, L->m->descent(L->m->ctx, face) * p->size / 1000,
                         face, 0, ink, 0, p->size, s, n, ZW_ROLE_TOCI, e, NULL, zw_lay_kern(L, face, s, n), NULL};
}

/* An entry: its number (NULL: none) at x, its title from xt, in p, with the contents' room at the right;
 * `keep`: it stays with the entry after it.  Its TOCI element (-1: none made), whose `ref` is to be set to
 * what it lists. */
static int entry(zw_lay *L, const toc *t, const zw_pstyle_def *p, double x, double xt, const char *num,
                 const zw_text *text, bool keep) {
    zw_text title = entry_text(L, text);
    zw_setpar sp;
    zw_lay_space(L, p->space_before);
    int e = zw_lay_elem(L, ZW_ROLE_TOCI);
    if (e < 0 || !zw_lay_set(L, p, ZW_ALIGN_LEFT, &title, L->measure - t->room - xt, &sp)) return -1;
    for (size_t i = 0; i < sp.n; i++) {
        if (i > 0) zw_lay_penalty(L, ZW_VINF);
        zw_vitem *it = zw_lay_box(L, sp.leading);
        if (!it) return e;
        it->op0 = L->vl.nops;
        if (i == 0 && num) number_run(L, p, num, x, sp.base, e, sp.ink);
        zw_lay_text_runs(L, &sp.lines[i], xt, sp.base, ZW_ROLE_TOCI, e, sp.ink);
        zw_vop *op = i + 1 == sp.n ? zw_vlist_op(&L->vl, ZW_OP_LATE) : NULL;
        if (op) {   /* the page number, and the leaders up to it: a box of the entry's own, so that
                     * the tagged PDF reads each number right after its entry's title, inside its TOCI */
            double from = xt + sp.lines[i].width + p->size * 0.3;
            op->u.late = (zw_late_text){ZW_LATE_PAGE_OF, face_of(L, p), p->size, 2, from, L->measure - from, sp.base, e,
                                        e, true, t->c->leaders, sp.ink};
        }
        if ((op = zw_vlist_op(&L->vl, ZW_OP_LINK)))   /* the whole line leads to what it lists */
            op->u.link = (zw_link){x - 1, 0, L->measure - x + 2, sp.leading, e, e, 0, 0, NULL, true};
        if (!op) L->oom = true;
        L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    }
    zw_lay_space(L, p->space_after);
    if (!keep) zw_lay_penalty(L, 0);   /* entries without space between them may part only here */
    L->keep = keep;
    return e;
}

/* The entry of section `index`; `keep`: it stays with the entry after it. */
static void section_entry(zw_lay *L, const toc *t, size_t index, bool keep) {
    const zw_section *s = L->sects[index];
    double x = t->indent[s->level];
    L->toc_of[index] = entry(L, t, level_style(t, s->level), x, x + t->numw[s->level], L->sect_num[index], &s->title,
                             keep);
}

void zw_lay_contents(zw_lay *L) {
    toc t = {.c = &L->st->contents};
    columns(L, &t);
    int outer = zw_lay_open(L, ZW_ROLE_TOC);
    t.elem = L->parent;
    size_t prev = SIZE_MAX;   /* an entry is set once the next is known (to keep a chapter with it) */
    for (size_t i = 0; i < L->nsects && !L->oom; i++) {
        const zw_section *s = L->sects[i];
        if (s->level > t.c->depth) continue;
        if (prev != SIZE_MAX) section_entry(L, &t, prev, L->sects[prev]->level == 1 && s->level > 1);
        prev = i;
    }
    if (prev != SIZE_MAX) section_entry(L, &t, prev, false);
    L->parent = outer;
}

/* The list of tables or of figures: an entry per caption, in the contents' level-2 style, without
 * numbers (captions have none), in one TOC element. */
void zw_lay_list(zw_lay *L, int list) {
    toc t = {.c = &L->st->contents};
    const zw_pstyle_def *p = level_style(&t, 2);
    t.room = page_room(L, p);
    int outer = zw_lay_open(L, ZW_ROLE_TOC);
    t.elem = L->parent;
    for (size_t i = 0; i < L->lists[list].n && !L->oom; i++)
        L->lists[list].e[i].entry = entry(L, &t, p, 0, 0, NULL, L->lists[list].e[i].caption, false);
    L->parent = outer;
}

void zw_lay_listed_made(zw_lay *L, int list, const zw_text *caption, int elem) {
    size_t k = L->lists[list].next;
    if (k >= L->lists[list].n || L->lists[list].e[k].caption != caption) return;   /* not listed */
    L->lists[list].next++;
    int e = L->lists[list].e[k].entry;
    if (e >= 0 && elem >= 0) L->dl->elems[e].ref = elem;
}
