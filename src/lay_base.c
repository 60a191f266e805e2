/* lay_base.c — what the layout walk (layout.c), tables (table.c) and composition (compose.c) share:
 * page geometry, paragraph styles, boxes, glue and penalties on the vertical list, and setting a
 * paragraph into lines whose fragments become kerned runs.  It calls nothing above it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

/* ---- page geometry and styles ----------------------------------------------------------------- */

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

/* The paragraph setter's view of a paragraph style of the layout. */
void zw_lay_parstyle(const zw_style *s, const zw_pstyle_def *p, zw_parstyle *out) {
    const zw_family *f = &s->families[p->family < s->nfamilies ? p->family : 0];
    int base = (p->bold ? ZW_BOLD : 0) | (p->italic ? ZW_ITALIC : 0);
    for (int i = 0; i < 4; i++) out->face[i] = f->face[i | base];
    out->size = p->size;
    out->align = p->align == ZW_ALIGN_DEFAULT ? ZW_ALIGN_LEFT : p->align;
    out->indent_first = p->indent_first;
    out->sup_scale = 0.65;
    out->sup_rise = 0.35;
    out->hyphenate = p->hyphenate;
    out->brk = s->brk;
    if (!p->expand) out->brk.expand_stretch = out->brk.expand_shrink = 0;
    out->protrude = s->protrude && p->protrude ? &s->protrusion : NULL;
}

/* ---- the vertical list ------------------------------------------------------------------------ */

zw_vitem *zw_lay_box(zw_lay *L, double h) {
    zw_lay_flush_space(L);
    zw_vitem *it = zw_vlist_add(&L->vl, ZW_VBOX);
    if (!it) { L->oom = true; return NULL; }
    it->h = h;
    it->chapter = L->chapter;
    it->recto = L->recto;
    L->recto = false;
    return it;
}

void zw_lay_space(zw_lay *L, double h) {
    if (h > L->pending) L->pending = h;
}

void zw_lay_flush_space(zw_lay *L) {
    if (L->pending <= 0) return;
    if (L->keep) {
        zw_vitem *p = zw_vlist_add(&L->vl, ZW_VPENALTY);
        if (p) p->penalty = ZW_VINF;
    }
    zw_vitem *g = zw_vlist_add(&L->vl, ZW_VGLUE);
    if (!g) { L->oom = true; return; }
    g->h = L->pending;
    L->pending = 0;
}

void zw_lay_penalty(zw_lay *L, double p) {
    zw_vitem *it = zw_vlist_add(&L->vl, ZW_VPENALTY);
    if (!it) { L->oom = true; return; }
    it->penalty = p;
}


bool zw_lay_set(zw_lay *L, const zw_pstyle_def *p, zw_align align, const zw_text *t, double measure,
                zw_setpar *out) {
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    t = zw_lay_resolve_refs(L, t, ps.face[0]);
    if (align != ZW_ALIGN_DEFAULT) ps.align = align == ZW_ALIGN_DECIMAL ? ZW_ALIGN_RIGHT : align;
    if (ps.align != ZW_ALIGN_JUSTIFY) ps.hyphenate = ps.hyphenate && measure < 200;
    memset(out, 0, sizeof *out);
    if (!zw_set_paragraph(&L->set, &ps, t, measure, &out->lines, &out->n)) { L->oom = true; return false; }
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    out->leading = p->leading;
    out->base = (p->leading - (asc + desc)) / 2 + asc;
    out->ink = zw_lay_ink(L, p->color);
    return true;
}

/* Report (once per character) a character the face has no glyph for: never a silent blank.  PDF/A
 * forbids drawing one, so there it is an error; otherwise a warning, and the PDF shows the font's blank
 * box.  `pos` is where the text comes from: the data, or the layout for labels and running heads. */
static void missing_glyph(zw_lay *L, zw_pos pos, const char *text, size_t len, uint32_t cp) {
    for (int i = 0; i < L->nmissing; i++)
        if (L->missing[i] == cp) return;
    if (L->nmissing < (int)(sizeof L->missing / sizeof *L->missing)) L->missing[L->nmissing++] = cp;
    if (L->st->pdfa->part)
        zw_diag(L->d, ZW_ERROR, pos, "the font has no glyph for U+%04X ('%.*s'); PDF/A-%s forbids a character "
                "that cannot be drawn (choose another font, or render with --pdfa off to print a blank box)",
                (unsigned)cp, (int)len, text, L->st->pdfa->name);
    else
        zw_diag(L->d, ZW_WARNING, pos, "the font has no glyph for U+%04X ('%.*s'); it prints as a blank box",
                (unsigned)cp, (int)len, text);
}

#define KERN_STACK 128   /* characters kerned in a stack buffer; longer runs take a second pass */

/* The kerning of words met before, by (face, text): most runs are words that recur on every page, so a
 * run costs a hash instead of a metrics call per character, and the runs of a word share one kerning
 * array, kept in the document's arena (it outlives the chunk arenas the runs come and go with).  Only
 * runs whose every character the face covers are kept, so the missing-glyph warnings come as before. */
#define KCACHE_SLOTS 4096      /* power of two; emptied when three quarters full */
#define KCACHE_KEY 32          /* longer texts are not kept */

typedef struct kslot {
    uint32_t hash;             /* 0 = empty */
    int face;
    unsigned char len;
    char key[KCACHE_KEY];
    const float *kern;         /* in the document's arena; NULL when no pair kerns */
} kslot;

struct zw_kcache {
    size_t used;
    kslot slots[KCACHE_SLOTS];
};

zw_kcache *zw_lay_kcache_new(void) {
    zw_kcache *kc = zw_xmalloc(sizeof *kc);
    if (kc) memset(kc, 0, sizeof *kc);
    return kc;
}

/* A hash of (face, text); never 0. */
static uint32_t kcache_hash(int face, const char *s, size_t n) { return zw_key_hash((uint64_t)(unsigned)face, s, n); }

/* The slot of (face, s) or the empty slot where it goes; NULL when there is no cache or s is too long. */
static kslot *kcache_slot(zw_kcache *kc, int face, const char *s, size_t n, uint32_t *hash) {
    if (!kc || n > KCACHE_KEY) return NULL;
    if (kc->used >= KCACHE_SLOTS / 4 * 3) {
        memset(kc->slots, 0, sizeof kc->slots);
        kc->used = 0;
    }
    uint32_t h = *hash = kcache_hash(face, s, n);
    for (size_t i = h & (KCACHE_SLOTS - 1);; i = (i + 1) & (KCACHE_SLOTS - 1)) {
        kslot *e = &kc->slots[i];
        if (!e->hash || (e->hash == h && e->face == face && e->len == n && !memcmp(e->key, s, n))) return e;
    }
}

/* A kerning array of `count` values in arena a; NULL after flagging out of memory. */
static float *kern_copy(zw_lay *L, zw_arena *a, const float *k, size_t count) {
    float *c = zw_arena_take(a, count * sizeof *c);
    if (!c) { L->oom = true; return NULL; }
    memcpy(c, k, count * sizeof *c);
    return c;
}

/* The kerning array of a run (see zw_run.kern): one value per character of s[0..n), the pair adjustment
 * before it; NULL when no pair kerns (or out of memory, after flagging it), so unkerned runs cost nothing.
 * Characters the face lacks are reported on the way, at `pos`. */
static const float *kern_of(zw_lay *L, int face, const char *s, size_t n, zw_pos pos) {
    uint32_t hash = 0;
    kslot *e = kcache_slot(L->kc, face, s, n, &hash);
    if (e && e->hash) return e->kern;
    float buf[KERN_STACK];
    const char *p = s, *end = s + n;
    size_t count = 0;
    bool any = false, covered = true;
    uint32_t prev = 0;
    while (p < end) {
        uint32_t cp = zw_utf8_next(&p, end);
        if (!L->m->covers(L->m->ctx, face, cp)) { missing_glyph(L, pos, s, n, cp); covered = false; }
        float k = count > 0 ? (float)L->m->kern(L->m->ctx, face, prev, cp) : 0.0f;
        if (count < KERN_STACK) buf[count] = k;
        any |= k != 0;
        count++;
        prev = cp;
    }
    if (e && covered) {   /* count <= n <= KCACHE_KEY < KERN_STACK */
        const float *kern = any ? kern_copy(L, L->doc_a, buf, count) : NULL;
        if (any && !kern) return NULL;
        *e = (kslot){hash, face, (unsigned char)n, {0}, kern};
        memcpy(e->key, s, n);
        L->kc->used++;
        return kern;
    }
    if (!any) return NULL;
    if (count <= KERN_STACK) return kern_copy(L, L->a, buf, count);
    float *k = zw_arena_alloc(L->a, count * sizeof *k);
    if (!k) { L->oom = true; return NULL; }
    p = s;
    for (size_t i = 0; p < end; i++) {
        uint32_t cp = zw_utf8_next(&p, end);
        k[i] = i ? (float)L->m->kern(L->m->ctx, face, prev, cp) : 0.0f;
        prev = cp;
    }
    return k;
}

/* Labels and running heads: text the layout file makes (bullets, note marks, templates), so a missing
 * character is reported at the layout file. */
const float *zw_lay_kern(zw_lay *L, int face, const char *s, size_t n) {
    return kern_of(L, face, s, n, (zw_pos){L->st->path, 0, 0});
}

int zw_lay_link_elem(zw_lay *L, const zw_frag *f, int in) {
    if (!(f->span->style & ZW_LINK)) return -1;
    if (L->link.href != f->span->href || L->link.in != in) {
        int e = zw_lay_elem_in(L, ZW_ROLE_LINK, in);
        if (e < 0 || !zw_lay_ref_link(L, e, f->span->href)) { L->oom = true; return -1; }
        L->link.href = f->span->href;
        L->link.in = in;
        L->link.elem = e;
    }
    return L->link.elem;
}

/* The area of a link over fragments of one line: a point around them; into a document (href "#id") it
 * leads where its element refers to, known at the end. */
typedef struct larea {
    int elem;                  /* -1: none open */
    const char *href;
    double x0, x1, top, bottom;
} larea;

static void link_area(zw_lay *L, larea *a) {
    if (a->elem < 0) return;
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_LINK);
    if (!op) { L->oom = true; return; }
    bool inside = a->href[0] == '#';
    const char *uri = inside ? NULL : zw_arena_strndup(L->doc_a, a->href, strlen(a->href));   /* (as long as the
                                                                                   display list: the model may go) */
    if (!inside && !uri) L->oom = true;
    op->u.link = (zw_link){a->x0 - 1, a->top - 1, a->x1 - a->x0 + 2, a->bottom - a->top + 2, a->elem,
                           inside ? a->elem : -1, 0, 0, uri, inside};
    a->elem = -1;
}

/* A page number not known yet (a {page id}): late page content in room the fragment holds, in the
 * link element `elem`, printing the label of the page of what that link refers to. */
static void late_number(zw_lay *L, const zw_frag *f, double x, double base, int elem, uint8_t ink) {
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_LATE);
    if (!op) { L->oom = true; return; }
    op->u.late = (zw_late_text){ZW_LATE_PAGE_OF, f->face, f->size, 2, x + f->x, f->w, base - f->rise, elem, elem,
                                true, false, ink};   /* right-aligned: a narrower number widens the space before it */
}

/* Emit the runs of one line as operations of the current box: x is the line's left edge; a link's
 * fragments get their area, a page number not known yet its late box instead of a run. */
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem,
                 const int *own, uint8_t ink) {
    zw_vop *lop = zw_vlist_op(&L->vl, ZW_OP_LINE);
    if (!lop) { L->oom = true; return; }
    lop->u.line = (zw_dline){x, base, line->width, line->measure, line->ratio, line->expand, line->hang_left,
                             line->hang_right, line->hyphen, line->last,
                             line->justified, elem};
    double asc = 0, desc = 0;   /* of the fragment before, in the same face and size when `same` */
    larea area = {-1, NULL, 0, 0, 0, 0};
    for (size_t i = 0; i < line->n; i++) {
        const zw_frag *f = &line->frags[i];
        int mine = own ? own[i] : -1;
        bool same = i > 0 && f->face == line->frags[i - 1].face && f->size == line->frags[i - 1].size;
        if (!same) {
            asc = L->m->ascent(L->m->ctx, f->face) * f->size / 1000;
            desc = L->m->descent(L->m->ctx, f->face) * f->size / 1000;
        }
        bool link = mine >= 0 && L->dl->elems[mine].role == ZW_ROLE_LINK;
        if (area.elem >= 0 && area.elem != (link ? mine : -1)) link_area(L, &area);
        if (link && area.elem < 0) area = (larea){mine, f->span->href, x + f->x, x + f->x, base, base};
        if (link) {
            area.x1 = x + f->x + f->w;
            area.top = fmin(area.top, base - f->rise - asc);
            area.bottom = fmax(area.bottom, base - f->rise + desc);
        }
        if (link && f->span->kind == ZW_SPAN_PAGE_REF) { late_number(L, f, x, base, mine, ink); continue; }
        zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
        if (!op) { L->oom = true; return; }
        zw_run *r = &op->u.run;
        r->x = x + f->x;
        r->y = base - f->rise;
        r->w = f->w;
        r->ascent = asc;
        r->descent = desc;
        r->face = f->face;
        r->flags = 0;
        if (i + 1 == line->n && !zw_frag_note(f))   /* how the line ends: inside a word, with hyphenation's hyphen */
            r->flags = (line->in_word ? ZW_RUN_JOIN : 0) | (line->soft_hyphen ? ZW_RUN_HYPHEN : 0);
        r->expand = (int16_t)lround(line->expand * 10000);
        r->color = ink;
        r->size = f->size;
        r->len = f->len;
        r->text = f->text;
        r->role = mine >= 0 ? (zw_role)L->dl->elems[mine].role : role;
        r->elem = mine >= 0 ? mine : elem;
        r->note = zw_frag_note(f) ? zw_frag_note(f)->key : NULL;
        r->kern = kern_of(L, f->face, f->text, f->len, f->pos);
        size_t lang = f->span ? (size_t)zw_span_lang(f->span->style) : 0;
        r->lang = lang && lang <= L->doc->nlangs ? L->langs[lang - 1] : NULL;
    }
    link_area(L, &area);
}


/* ---- structure elements ---------------------------------------------------------------------- */

int zw_lay_elem_in(zw_lay *L, zw_role role, int parent) {
    int e = zw_display_add_elem(L->dl, role, parent);
    if (e < 0) L->oom = true;
    return e;
}

int zw_lay_elem(zw_lay *L, zw_role role) { return zw_lay_elem_in(L, role, L->parent); }

int zw_lay_open(zw_lay *L, zw_role role) {
    int outer = L->parent, e = zw_lay_elem(L, role);
    if (e >= 0) L->parent = e;
    return outer;
}

uint8_t zw_lay_ink(zw_lay *L, zw_rgb c) {
    if (c.r == 0 && c.g == 0 && c.b == 0) return ZW_BLACK;
    int k = zw_display_color(L->dl, c);
    if (k >= 0) return (uint8_t)k;
    if (L->dl->ncolors < ZW_MAX_COLORS) L->oom = true;   /* (a full palette: cannot happen with the layout's
                                                              at most 64 colours and the charts' few) */
    return ZW_BLACK;
}

/* Where the setter and the runs put their texts from now on. */
void zw_lay_use_arena(zw_lay *L, zw_arena *a) {
    L->a = a;
    L->set.arena = a;
}
