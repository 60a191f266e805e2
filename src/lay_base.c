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
}

/* ---- the vertical list ------------------------------------------------------------------------ */

zw_vitem *zw_lay_box(zw_lay *L, double h) {
    zw_lay_flush_space(L);
    zw_vitem *it = zw_vlist_add(&L->vl, ZW_VBOX);
    if (!it) { L->oom = true; return NULL; }
    it->h = h;
    it->chapter = L->chapter;
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
    if (align != ZW_ALIGN_DEFAULT) ps.align = align == ZW_ALIGN_DECIMAL ? ZW_ALIGN_RIGHT : align;
    if (ps.align != ZW_ALIGN_JUSTIFY) ps.hyphenate = ps.hyphenate && measure < 200;
    memset(out, 0, sizeof *out);
    if (!zw_set_paragraph(&L->set, &ps, t, measure, &out->lines, &out->n)) { L->oom = true; return false; }
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    out->leading = p->leading;
    out->base = (p->leading - (asc + desc)) / 2 + asc;
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

/* Emit the runs of one line as operations of the current box: x is the line's left edge. */
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem,
                 const int *marks) {
    zw_vop *lop = zw_vlist_op(&L->vl, ZW_OP_LINE);
    if (!lop) { L->oom = true; return; }
    lop->u.line = (zw_dline){x, base, line->width, line->measure, line->ratio, line->hyphen, line->last,
                             line->justified, elem};
    double asc = 0, desc = 0;   /* of the fragment before, in the same face and size when `same` */
    for (size_t i = 0; i < line->n; i++) {
        const zw_frag *f = &line->frags[i];
        int mark = f->note && marks ? marks[i] : -1;
        zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
        if (!op) { L->oom = true; return; }
        zw_run *r = &op->u.run;
        r->x = x + f->x;
        r->y = base - f->rise;
        r->w = f->w;
        bool same = i > 0 && f->face == line->frags[i - 1].face && f->size == line->frags[i - 1].size;
        if (!same) {
            asc = L->m->ascent(L->m->ctx, f->face) * f->size / 1000;
            desc = L->m->descent(L->m->ctx, f->face) * f->size / 1000;
        }
        r->ascent = asc;
        r->descent = desc;
        r->face = f->face;
        r->flags = 0;
        if (i + 1 == line->n && !f->note)   /* how the line ends: inside a word, with hyphenation's hyphen */
            r->flags = (line->in_word ? ZW_RUN_JOIN : 0) | (line->hyphen ? ZW_RUN_HYPHEN : 0);
        r->size = f->size;
        r->len = f->len;
        r->text = f->text;
        r->role = mark >= 0 ? ZW_ROLE_NOTE_MARK : role;
        r->elem = mark >= 0 ? mark : elem;
        r->note = f->note ? f->note->key : NULL;
        r->kern = kern_of(L, f->face, f->text, f->len, f->pos);
        r->lang = f->lang && f->lang <= L->doc->nlangs ? L->doc->langs[f->lang - 1] : NULL;
    }
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

/* Where the setter and the runs put their texts from now on. */
void zw_lay_use_arena(zw_lay *L, zw_arena *a) {
    L->a = a;
    L->set.arena = a;
}
