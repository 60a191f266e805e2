/* layout.c — the layout walk: document model → vertical list, then pages (zw_layout).
 *
 * Sets headings, paragraphs and lists into line boxes with widow/orphan penalties and keep-with-next,
 * hands tables to table.c, paginates (paginate.c) and composes pages (compose.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

static void walk_blocks(zw_lay *L, const zw_block *b, size_t n, int level);
static void list_label(zw_lay *L, int elem, double base);

/* ---- small helpers shared with table.c -------------------------------------------------------- */

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

static void penalty(zw_lay *L, double p) {
    zw_vitem *it = zw_vlist_add(&L->vl, ZW_VPENALTY);
    if (!it) { L->oom = true; return; }
    it->penalty = p;
}

size_t zw_lay_note_index(const zw_lay *L, const zw_note *n) {
    for (size_t i = 0; i < L->doc->nnotes; i++)
        if (L->doc->notes[i] == n) return i;
    return 0;
}

static const char *const note_syms[] = {"*", "\u2020", "\u2021", "\u00A7", "\u00B6", "#"};
#define NSYMS ((int)(sizeof note_syms / sizeof *note_syms))

/* s written `times` times over. */
static const char *repeat(zw_lay *L, const char *s, int times) {
    size_t len = strlen(s);
    char *out = zw_arena_alloc(L->doc_a, len * (size_t)times + 1);
    if (!out) return NULL;
    for (int i = 0; i < times; i++) memcpy(out + len * (size_t)i, s, len);
    out[len * (size_t)times] = 0;
    return out;
}

/* The mark for note number k: "k", or with footnote-marks: symbols * † ‡ § ¶ #, then each doubled,
 * tripled… (the symbols every text font has). */
const char *zw_lay_note_label(zw_lay *L, int k) {
    if (!L->st->note_symbols) return zw_arena_printf(L->doc_a, "%d", k);
    return repeat(L, note_syms[(k - 1) % NSYMS], (k - 1) / NSYMS + 1);
}

/* footnote-numbering: page — what a mark is set with before its page (and so its number) is known: the
 * widest digit (symbol) of the body face as many times as note k's document-order label has digits
 * (repeats).  Page numbers restart at 1, so a page label is as wide at most, unless a note marked again
 * after many others gets more digits on one page than its document number has (see layout-format.md). */
static const char *reserve_label(zw_lay *L, int k) {
    static const char *const digits[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    bool sym = L->st->note_symbols;
    const char *const *set = sym ? note_syms : digits;
    int nset = sym ? NSYMS : 10, times = sym ? (k - 1) / NSYMS + 1 : 1;
    for (int v = k; !sym && v >= 10; v /= 10) times++;
    zw_parstyle ps;
    zw_style_parstyle(L->st, &L->st->body, &ps);
    const char *widest = set[0];
    double best = -1;
    for (int i = 0; i < nset; i++) {
        double w = L->m->width(L->m->ctx, ps.face[0], 10, set[i], strlen(set[i]));
        if (w > best) { best = w; widest = set[i]; }
    }
    return repeat(L, widest, times);
}

/* The mark of the k-th note under one table: "k", or with table-note-marks: letters a … z, aa, ab …. */
static const char *table_label(zw_lay *L, int k) {
    if (!L->st->table_note_letters) return zw_arena_printf(L->doc_a, "%d", k);
    char buf[16];
    int n = 0;
    for (int v = k; v > 0 && n < 15; v = (v - 1) / 26) buf[n++] = (char)('a' + (v - 1) % 26);
    char *out = zw_arena_alloc(L->doc_a, (size_t)n + 1);
    if (!out) return NULL;
    for (int i = 0; i < n; i++) out[i] = buf[n - 1 - i];
    out[n] = 0;
    return out;
}

/* Number the notes marked in t in order of first reference (per document, or per chapter when the
 * layout says so: chapters() restarts the count); a note keeps the number of its first reference.
 * Notes printed under the table being set (L->table) are numbered per table instead (zw_lay_table_labels). */
void zw_lay_number_notes(zw_lay *L, const zw_text *t) {
    for (size_t i = 0; i < t->n; i++) {
        zw_note *n = t->spans[i].note;
        if (t->spans[i].kind != ZW_SPAN_NOTE_REF || !n || n->number) continue;
        if (L->table && !zw_lay_page_note(L, n, L->table)) continue;
        n->number = ++L->next_note;
        bool per_page = L->st->note_numbering == ZW_NUMBER_PAGE;
        n->label = per_page ? reserve_label(L, n->number) : zw_lay_note_label(L, n->number);
        if (!n->label) L->oom = true;
    }
}

/* While a table is set, the notes printed under it (`notes`, in the order of their marks) carry its own
 * labels 1 2 3 (a b c); their page labels, if any, are kept in the returned array for
 * zw_lay_table_labels_end.  A note marked both here and in running text thus prints each mark with the
 * label of the note it leads to. */
const char **zw_lay_table_labels(zw_lay *L, const zw_note *const *notes, size_t n) {
    const char **saved = zw_arena_alloc(L->a, (n + 1) * sizeof *saved);
    if (!saved) { L->oom = true; return NULL; }
    for (size_t i = 0; i < n; i++) {
        zw_note *note = L->doc->notes[zw_lay_note_index(L, notes[i])];
        saved[i] = note->label;
        note->label = table_label(L, (int)i + 1);
        if (!note->label) L->oom = true;
    }
    return saved;
}

/* Give the notes of zw_lay_table_labels their page labels back (NULL: not numbered yet). */
void zw_lay_table_labels_end(zw_lay *L, const zw_note *const *notes, const char **saved, size_t n) {
    for (size_t i = 0; saved && i < n; i++) L->doc->notes[zw_lay_note_index(L, notes[i])]->label = saved[i];
}

/* Whether a mark of n inside table `in_table` (or NULL) prints its note at the page foot. */
bool zw_lay_page_note(const zw_lay *L, const zw_note *n, const zw_table *in_table) {
    if (!in_table) return true;
    if (n->place != ZW_NOTE_DEFAULT) return n->place == ZW_NOTE_PAGE;
    zw_note_place p = in_table->notes != ZW_NOTE_DEFAULT ? in_table->notes : L->st->notes;
    return p == ZW_NOTE_PAGE;
}

/* Set a paragraph with a style at an alignment (DEFAULT = the style's). */
bool zw_lay_set(zw_lay *L, const zw_pstyle_def *p, zw_align align, const zw_text *t, double measure,
                zw_setpar *out) {
    zw_parstyle ps;
    zw_style_parstyle(L->st, p, &ps);
    if (align != ZW_ALIGN_DEFAULT) ps.align = align == ZW_ALIGN_DECIMAL ? ZW_ALIGN_RIGHT : align;
    if (ps.align != ZW_ALIGN_JUSTIFY) ps.hyphenate = ps.hyphenate && measure < 200;
    zw_lay_number_notes(L, t);
    memset(out, 0, sizeof *out);
    if (!zw_set_paragraph(&L->set, &ps, t, measure, &out->lines, &out->n)) { L->oom = true; return false; }
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    out->leading = p->leading;
    out->base = (p->leading - (asc + desc)) / 2 + asc;
    return true;
}

/* Whether s[0..n) holds a U+00A0 (C2 A0). */
static bool has_nbsp(const char *s, size_t n) {
    for (const char *p = s, *end = s + n; (p = memchr(p, 0xC2, (size_t)(end - p))) && p + 1 < end; p++)
        if ((unsigned char)p[1] == 0xA0) return true;
    return false;
}

/* Copy text, turning U+00A0 into a space when the face has no glyph for it. */
static const char *printable(zw_lay *L, int face, const char *s, size_t *len) {
    if (!has_nbsp(s, *len) || L->m->covers(L->m->ctx, face, 0xA0)) return s;
    char *c = zw_arena_alloc(L->a, *len + 1);
    if (!c) return s;
    size_t o = 0;
    for (size_t i = 0; i < *len; i++) {
        if ((unsigned char)s[i] == 0xC2 && i + 1 < *len && (unsigned char)s[i + 1] == 0xA0) { c[o++] = ' '; i++; }
        else c[o++] = s[i];
    }
    *len = o;
    return c;
}

/* Warn (once per character) about a character the face has no glyph for: never a silent blank. */
static void missing_glyph(zw_lay *L, const zw_frag *f, uint32_t cp) {
    for (int i = 0; i < L->nmissing; i++)
        if (L->missing[i] == cp) return;
    if (L->nmissing < (int)(sizeof L->missing / sizeof *L->missing)) L->missing[L->nmissing++] = cp;
    zw_diag(L->d, ZW_WARNING, f->pos, "the font has no glyph for U+%04X ('%.*s'); it prints as a blank box",
            (unsigned)cp, (int)f->len, f->text);
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
 * With `f`, characters its face lacks are reported on the way. */
static const float *kern_of(zw_lay *L, int face, const char *s, size_t n, const zw_frag *f) {
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
        if (f && cp != 0xA0 && !L->m->covers(L->m->ctx, face, cp)) { missing_glyph(L, f, cp); covered = false; }
        float k = count > 0 ? (float)L->m->kern(L->m->ctx, face, prev, cp) : 0.0f;
        if (count < KERN_STACK) buf[count] = k;
        any |= k != 0;
        count++;
        prev = cp;
    }
    if (e && f && covered) {   /* count <= n <= KCACHE_KEY < KERN_STACK */
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

const float *zw_lay_kern(zw_lay *L, int face, const char *s, size_t n) { return kern_of(L, face, s, n, NULL); }

/* Emit the runs of one line as operations of the current box: x is the line's left edge. */
void zw_lay_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem) {
    zw_vop *lop = zw_vlist_op(&L->vl, ZW_OP_LINE);
    if (!lop) { L->oom = true; return; }
    lop->u.line = (zw_dline){x, base, line->width, line->measure, line->ratio, line->hyphen, line->last,
                             line->justified, elem};
    double asc = 0, desc = 0;   /* of the fragment before, in the same face and size when `same` */
    for (size_t i = 0; i < line->n; i++) {
        const zw_frag *f = &line->frags[i];
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
        r->size = f->size;
        r->len = f->len;
        r->text = printable(L, f->face, f->text, &r->len);
        r->role = f->note ? ZW_ROLE_NOTE_MARK : role;
        r->elem = elem;
        r->note = f->note ? f->note->key : NULL;
        r->kern = kern_of(L, f->face, f->text, f->len, f);   /* as measured: the text before printable() */
    }
}

/* Note references of a line's marks that go to the page foot. */
static void line_refs(zw_lay *L, const zw_line *line, const zw_table *in_table) {
    for (size_t i = 0; i < line->n; i++) {
        const zw_note *n = line->frags[i].note;
        if (!n || !zw_lay_page_note(L, n, in_table)) continue;
        long v = zw_lay_vnote(L, n);
        if (v >= 0 && !zw_vlist_ref(&L->vl, (size_t)v)) L->oom = true;
    }
}

/* Line boxes for a set paragraph, with widow and orphan penalties between them. */
static void add_lines(zw_lay *L, const zw_setpar *sp, double x, zw_role role, int elem) {
    int orphans = L->st->orphans, widows = L->st->widows;
    for (size_t i = 0; i < sp->n; i++) {
        if (i > 0) {
            bool bad = (int)i < orphans || (int)(sp->n - i) < widows;
            penalty(L, bad ? ZW_VINF : 0);
        }
        zw_vitem *it = zw_lay_box(L, sp->leading);
        if (!it) return;
        it->op0 = L->vl.nops;
        zw_lay_runs(L, &sp->lines[i], x, sp->base, role, elem);
        if (i == 0 && L->label) list_label(L, elem, sp->base);
        it = &L->vl.items[L->vl.n - 1];
        it->op1 = L->vl.nops;
        it->note0 = L->vl.nrefs;
        line_refs(L, &sp->lines[i], NULL);
        L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
        if (i == 0) L->keep = false;
    }
}

static void paragraph(zw_lay *L, const zw_pstyle_def *p, const zw_text *t, zw_role role) {
    zw_setpar sp;
    zw_lay_space(L, p->space_before);
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, t, L->measure - L->indent - p->indent_left, &sp)) return;
    add_lines(L, &sp, L->indent + p->indent_left, role, L->dl->next_elem++);
    zw_lay_space(L, p->space_after);
}

/* ---- page notes ------------------------------------------------------------------------------- */

/* How far a note's text is indented past its hanging number: 1.5 × the size, or more for a number too
 * wide for that (note 100 and up), so that the number never touches the text. */
double zw_lay_note_hang(zw_lay *L, int face, double size, const char *label) {
    double w = L->m->width(L->m->ctx, face, size, label, strlen(label)) + size * 0.4;
    return w > size * 1.5 ? w : size * 1.5;
}

static long set_vnote(zw_lay *L, const zw_note *n, size_t idx);

/* Where the setter and the runs put their texts from now on. */
static void use_arena(zw_lay *L, zw_arena *a) {
    L->a = a;
    L->set.arena = a;
}

/* The page-note entry for n (set on first use): its number hangs in the left margin of the note.  A
 * note may be printed again pages later, so it is set into the document's arena, and its operations
 * are kept apart from the boxes' (zw_vlist.note_ops). */
long zw_lay_vnote(zw_lay *L, const zw_note *n) {
    size_t idx = zw_lay_note_index(L, n);
    if (L->vnote_of[idx] >= 0) return L->vnote_of[idx];
    zw_arena *chunk = L->a;
    use_arena(L, L->doc_a);
    long v = set_vnote(L, n, idx);
    use_arena(L, chunk);
    return v;
}

static long set_vnote(zw_lay *L, const zw_note *n, size_t idx) {
    const zw_pstyle_def *p = &L->st->footnote;
    zw_parstyle ps;
    zw_style_parstyle(L->st, p, &ps);
    const char *label = n->label;
    if (!label) { L->oom = true; return -1; }
    double hang = zw_lay_note_hang(L, ps.face[0], p->size, label);
    zw_setpar sp;
    size_t op0 = L->vl.nops;
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, &n->text, L->measure - hang, &sp)) return -1;
    int elem = L->dl->next_elem++;
    zw_vop *num = zw_vlist_op(&L->vl, ZW_OP_RUN);
    if (!num) { L->oom = true; return -1; }
    num->u.run = (zw_run){0, p->space_before + sp.base, L->m->width(L->m->ctx, ps.face[0], p->size, label, strlen(label)),
                          L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000,
                          L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000,
                          ps.face[0], p->size, label, strlen(label), ZW_ROLE_NOTE, elem, n->key,
                          zw_lay_kern(L, ps.face[0], label, strlen(label))};
    size_t line0 = L->vl.nnlines;
    for (size_t i = 0; i < sp.n; i++) {   /* each line a unit the page builder may split the note at */
        zw_vnline *ln = zw_vlist_nline(&L->vl);
        if (!ln) { L->oom = true; return -1; }
        double top = i ? p->space_before + (double)i * sp.leading : 0;
        *ln = (zw_vnline){top, i ? sp.leading : p->space_before + sp.leading, i ? L->vl.nops : op0, 0};
        zw_lay_runs(L, &sp.lines[i], hang, p->space_before + sp.base + (double)i * sp.leading, ZW_ROLE_NOTE, elem);
        L->vl.nlines[L->vl.nnlines - 1].op1 = L->vl.nops;
    }
    for (size_t i = op0 + 1; i < L->vl.nops; i++)
        if (L->vl.ops[i].kind == ZW_OP_RUN) L->vl.ops[i].u.run.note = n->key;
    size_t base = L->vl.nnote_ops, nops = L->vl.nops;   /* the ops move to note_ops: shift their indices */
    if (!zw_vlist_move_note_ops(&L->vl, op0)) { L->oom = true; return -1; }
    for (size_t i = line0; i < L->vl.nnlines; i++) {
        L->vl.nlines[i].op0 = L->vl.nlines[i].op0 - op0 + base;
        L->vl.nlines[i].op1 = L->vl.nlines[i].op1 - op0 + base;
    }
    zw_vnote *vn;
    if (L->vl.nnotes == L->vl.capnotes) {
        size_t cap = L->vl.capnotes ? L->vl.capnotes * 2 : 8;
        zw_vnote *g = zw_xrealloc(L->vl.notes, cap * sizeof *g);
        if (!g) { L->oom = true; return -1; }
        L->vl.notes = g;
        L->vl.capnotes = cap;
    }
    vn = &L->vl.notes[L->vl.nnotes];
    vn->h = p->space_before + (double)sp.n * sp.leading;
    vn->op0 = base;
    vn->op1 = base + (nops - op0);
    vn->line0 = line0;
    vn->line1 = L->vl.nnlines;
    L->vnote_of[idx] = (long)L->vl.nnotes;
    return (long)L->vl.nnotes++;
}

/* ---- headings, lists, sections ---------------------------------------------------------------- */

/* "2.1 " for a numbered section at `level` (counters already advanced). */
static char *heading_number(zw_lay *L, int level) {
    char buf[64] = "";
    size_t o = 0;
    for (int i = 1; i <= level && i < 8; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, i < level ? "%d." : "%d", L->counters[i]);
    return zw_arena_printf(L->a, "%s ", buf);
}

/* The title with a number span in front. */
static zw_text numbered_title(zw_lay *L, const zw_text *t, const char *num) {
    zw_text out = *t;
    zw_span *s = zw_arena_alloc(L->a, (t->n + 1) * sizeof *s);
    if (!s) { L->oom = true; return out; }
    s[0] = (zw_span){ZW_SPAN_TEXT, 0, num, strlen(num), NULL, t->pos};
    if (t->n) memcpy(s + 1, t->spans, t->n * sizeof *s);
    out.spans = s;
    out.n = t->n + 1;
    return out;
}

static void outline_op(zw_lay *L, int level, const zw_text *t) {
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_OUTLINE);
    if (!op) { L->oom = true; return; }
    op->u.outline = (zw_outline){level, zw_text_plain(L->doc_a, t), 0, 0};
}

static void heading(zw_lay *L, const zw_text *t, int level, const zw_pstyle_def *p) {
    zw_setpar sp;
    zw_lay_space(L, p->space_before);
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, t, L->measure - L->indent, &sp)) return;
    int elem = L->dl->next_elem++;
    zw_role role = (zw_role)(ZW_ROLE_H1 + (level > 6 ? 5 : level - 1));
    for (size_t i = 0; i < sp.n; i++) {
        if (i > 0) penalty(L, ZW_VINF);
        zw_vitem *it = zw_lay_box(L, sp.leading);
        if (!it) return;
        it->op0 = L->vl.nops;
        if (i == 0) outline_op(L, level, t);
        zw_lay_runs(L, &sp.lines[i], L->indent, sp.base, role, elem);
        it = &L->vl.items[L->vl.n - 1];
        it->op1 = L->vl.nops;
        it->note0 = L->vl.nrefs;
        line_refs(L, &sp.lines[i], NULL);
        L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
    }
    zw_lay_space(L, p->space_after);
    L->keep = p->keep_with_next;
}

static void section(zw_lay *L, const zw_section *s) {
    int lv = s->level < 8 ? s->level : 7;
    const zw_pstyle_def *p = &L->st->heading[lv <= 4 ? lv - 1 : 3];
    zw_text title = s->title;
    if (s->numbered && L->st->number_headings) {
        L->counters[lv]++;
        for (int i = lv + 1; i < 8; i++) L->counters[i] = 0;
        title = numbered_title(L, &s->title, heading_number(L, lv));
    }
    heading(L, &title, s->level, p);
    walk_blocks(L, s->blocks, s->n, s->level);
}

/* The pending list label goes into the first line box of the item, right-aligned in the label column. */
static void list_label(zw_lay *L, int elem, double base) {
    const zw_pstyle_def *p = &L->st->list;
    const char *label = L->label;
    L->label = NULL;
    zw_parstyle ps;
    zw_style_parstyle(L->st, p, &ps);
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
    if (!op) { L->oom = true; return; }
    double w = L->m->width(L->m->ctx, ps.face[0], p->size, label, strlen(label));
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double x = L->label_col > 0 ? L->indent - L->label_col : L->indent - w - p->size * 0.4;
    op->u.run = (zw_run){x, base, w, asc, desc, ps.face[0], p->size, label,
                         strlen(label), ZW_ROLE_LIST_LABEL, elem, NULL,
                         zw_lay_kern(L, ps.face[0], label, strlen(label))};
}

/* An item that does not start with a paragraph gets its label on a line of its own. */
static void label_line(zw_lay *L) {
    const zw_pstyle_def *p = &L->st->list;
    zw_parstyle ps;
    zw_style_parstyle(L->st, p, &ps);
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    zw_vitem *it = zw_lay_box(L, p->leading);
    if (!it) return;
    it->op0 = L->vl.nops;
    list_label(L, L->dl->next_elem++, (p->leading - (asc + desc)) / 2 + asc);
    L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    penalty(L, ZW_VINF);
}

/* The label column of a list whose items carry their own labels: the widest label and a gap of 0.8 em
 * (0 for other lists). */
static double label_column(zw_lay *L, const zw_list *l) {
    const zw_pstyle_def *p = &L->st->list;
    if (!l->labels) return 0;
    zw_parstyle ps;
    zw_style_parstyle(L->st, p, &ps);
    double w = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->labels[i];
        double lw = s ? L->m->width(L->m->ctx, ps.face[0], p->size, s, strlen(s)) : 0;
        if (lw > w) w = lw;
    }
    return w + p->size * 0.8;
}

static void list(zw_lay *L, const zw_list *l, int level) {
    const zw_pstyle_def *p = &L->st->list;
    double col = label_column(L, l), outer = L->label_col;
    double step = l->labels ? col : L->st->list_indent;
    L->indent += step;
    for (size_t i = 0; i < l->n; i++) {
        L->label_col = col;
        L->label = l->labels ? l->labels[i] : l->numbered ? zw_arena_printf(L->a, "%ld.", (long)l->start + (long)i)
                                                          : L->st->bullet;
        if (L->label && l->item_n[i] && l->items[i][0].kind != ZW_BLK_PARAGRAPH) label_line(L);
        for (size_t k = 0; k < l->item_n[i]; k++) {
            const zw_block *b = &l->items[i][k];
            if (b->kind == ZW_BLK_PARAGRAPH) paragraph(L, p, &b->text, ZW_ROLE_LIST_BODY);
            else walk_blocks(L, b, 1, level);
        }
        L->label = NULL;
    }
    L->indent -= step;
    L->label_col = outer;
}

static void walk_blocks(zw_lay *L, const zw_block *b, size_t n, int level) {
    for (size_t i = 0; i < n && !L->oom; i++) {
        switch (b[i].kind) {
        case ZW_BLK_HEADING: heading(L, &b[i].text, level + 1, &L->st->heading[level < 4 ? level : 3]); break;
        case ZW_BLK_PARAGRAPH: paragraph(L, &L->st->body, &b[i].text, ZW_ROLE_P); break;
        case ZW_BLK_LIST: list(L, &b[i].list, level); break;
        case ZW_BLK_TABLE: zw_lay_table(L, &b[i].table); break;
        case ZW_BLK_SECTION: section(L, b[i].section); break;
        case ZW_BLK_PAGEBREAK: L->pending = 0; penalty(L, -ZW_VINF); break;
        case ZW_BLK_BUDGET: break;   /* (replaced by plain blocks in zw_budget_lower, before layout) */
        }
    }
}

/* ---- title page and the entry point ------------------------------------------------------------ */

static zw_text plain_text(zw_lay *L, const char *s) {
    zw_text t = {0};
    zw_span *sp = zw_arena_alloc(L->a, sizeof *sp);
    if (!sp) { L->oom = true; return t; }
    *sp = (zw_span){ZW_SPAN_TEXT, 0, s, strlen(s), NULL, L->doc->pos};
    t.spans = sp;
    t.n = 1;
    t.pos = L->doc->pos;
    return t;
}

/* "18 november 2020" from "2020-11-18". */
static const char *dutch_date(zw_lay *L, const char *iso) {
    static const char *const months[] = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
                                         "augustus", "september", "oktober", "november", "december"};
    int y, m, d;
    if (!iso || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) return iso;
    return zw_arena_printf(L->a, "%d %s %d", d, months[m - 1], y);
}

static void title_line(zw_lay *L, const char *s, const zw_pstyle_def *p, zw_role role) {
    if (!s) return;
    zw_text t = plain_text(L, s);
    zw_setpar sp;
    zw_lay_space(L, p->space_before);
    if (!zw_lay_set(L, p, ZW_ALIGN_LEFT, &t, L->measure, &sp)) return;
    add_lines(L, &sp, 0, role, L->dl->next_elem++);
    zw_lay_space(L, p->space_after);
}

static void title_page(zw_lay *L, double area_h) {
    const zw_doc *doc = L->doc;
    L->chapter = -1;
    zw_lay_box(L, area_h * 0.3);   /* the title sits a third down the page */
    title_line(L, doc->organisation, &L->st->subtitle, ZW_ROLE_TITLE);
    title_line(L, doc->title, &L->st->title, ZW_ROLE_TITLE);
    title_line(L, doc->subtitle, &L->st->subtitle, ZW_ROLE_TITLE);
    const char *date = dutch_date(L, doc->date);
    if (date && doc->status) date = zw_arena_printf(L->a, "%s \xE2\x80\x93 %s", date, doc->status);
    else if (!date) date = doc->status;
    title_line(L, date, &L->st->body, ZW_ROLE_TITLE);
    L->pending = 0;
    penalty(L, -ZW_VINF);
}

/* footnote-numbering: chapter — numbers start again at 1, and a note marked again in a later chapter
 * is numbered (and its page note set) afresh there, so that no page shows one mark for two notes. */
static void restart_notes(zw_lay *L) {
    L->next_note = 0;
    for (size_t i = 0; i < L->doc->nnotes; i++) {
        L->doc->notes[i]->number = 0;
        L->doc->notes[i]->label = NULL;
        L->vnote_of[i] = -1;
    }
}

/* ---- finished pages ------------------------------------------------------------------------------ */

/* Hand the composed pages whose links are known to the sink, then free their contents. */
static bool emit(zw_lay *L) {
    if (!L->sink || L->emitted == L->linked) return true;
    if (!L->sink->pages(L->sink->ctx, L->dl, L->emitted, L->linked)) return false;
    for (size_t p = L->emitted; p < L->linked; p++) zw_page_clear(&L->dl->pages[p]);
    L->emitted = L->linked;
    return true;
}

/* Retire the current chunk arena and start a new one; drop the retired ones no operation left in the
 * list and no page still held points into. */
static bool rotate(zw_lay *L) {
    if (!zw_grow((void **)&L->chunks, &L->capchunks, L->nchunks, sizeof *L->chunks)) return false;
    zw_arena *fresh = zw_arena_new();
    if (!fresh) return false;
    L->chunks[L->nchunks++] = (zw_chunk){L->a, L->vl.ops_trimmed + L->vl.nops};
    use_arena(L, fresh);
    size_t k = 0;
    while (k < L->nchunks && L->chunks[k].op_end <= L->vl.ops_trimmed && L->emitted == L->composed)
        zw_arena_drop(L->chunks[k++].a);
    if (k && L->nchunks > k) memmove(L->chunks, L->chunks + k, (L->nchunks - k) * sizeof *L->chunks);
    L->nchunks -= k;
    return true;
}

/* The pages finished so far (all of them when `final`): paginated, composed, linked, handed to the sink
 * and dropped from the vertical list with what only they used.  Without streaming, only the final call
 * does anything.  false after reporting (too many pages) or on OOM (L->oom). */
static bool flush(zw_lay *L, bool final) {
    if (!final && !L->stream) return true;
    L->stop = true;   /* until the end */
    if (!zw_pager_run(&L->pager, &L->vl, final, &L->pages)) return !(L->oom = true);
    if (L->pages.npages > ZW_MAX_PAGES) {
        zw_diag(L->d, ZW_ERROR, (zw_pos){L->doc->path, 0, 0}, "the document would have more than %d pages; at "
                "most %d are supported", ZW_MAX_PAGES, ZW_MAX_PAGES);
        return false;
    }
    if ((size_t)L->pages.npages > L->composed) {
        if (!zw_lay_compose(L, &L->pages)) return !(L->oom = true);
        L->composed = (size_t)L->pages.npages;
    }
    if (!zw_lay_link(L, final)) return !(L->oom = true);
    if (!emit(L)) return false;
    zw_pages_forget(&L->pages);
    if (L->stream) {
        zw_vlist_trim(&L->vl, &L->pager);
        if (zw_arena_failed(L->a) || !rotate(L)) return !(L->oom = true);
    }
    L->stop = false;
    return true;
}

static void chapters(zw_lay *L) {
    for (size_t i = 0; i < L->doc->nchapters && !L->oom && !L->stop; i++) {
        L->chapter = (int)i;
        zw_arena_reset(L->set.lines);   /* the lines set so far have all become runs */
        if (L->st->chapter_new_page) { L->pending = 0; penalty(L, -ZW_VINF); }
        if (!flush(L, false)) return;   /* the pages before this chapter, as far as they are finished */
        if (L->st->note_numbering == ZW_NUMBER_CHAPTER) restart_notes(L);
        section(L, &L->doc->chapters[i]);
    }
}

static void report_overfull(zw_lay *L, const zw_pages *pg) {
    if (!pg->overfull) return;
    zw_diag(L->d, ZW_WARNING, (zw_pos){L->doc->path, 0, 0},
            "%zu box(es) taller than the text area were placed anyway and run past the bottom margin",
            pg->overfull);
}

/* Whether the header or footer prints the page count, which is known only once every page is. */
static bool prints_page_count(const zw_style *st) {
    for (int slot = 0; slot < 3; slot++)
        if ((st->header.text[slot] && strstr(st->header.text[slot], "{pages}")) ||
            (st->footer.text[slot] && strstr(st->footer.text[slot], "{pages}")))
            return true;
    return false;
}

static bool start(zw_lay *L, const zw_fonts *fonts) {
    L->dl = zw_display_new();
    L->vnote_of = zw_arena_alloc(L->doc_a, (L->doc->nnotes + 1) * sizeof *L->vnote_of);
    if (!L->dl || !L->vnote_of) return false;
    for (size_t i = 0; i < L->doc->nnotes; i++) L->vnote_of[i] = -1;
    L->dl->nfaces = zw_fonts_count(fonts);
    L->dl->faces = zw_arena_alloc(L->doc_a, (L->dl->nfaces + 1) * sizeof *L->dl->faces);
    if (!L->dl->faces) return false;
    for (size_t i = 0; i < L->dl->nfaces; i++) L->dl->faces[i] = zw_fonts_path(fonts, (int)i);
    if (L->stream) {
        zw_arena *chunk = zw_arena_new();
        if (!chunk) return false;
        use_arena(L, chunk);
    }
    L->set.scratch = zw_set_scratch_new();   /* reused by every paragraph; NULL: the setter still works */
    L->set.lines = zw_arena_new();           /* set lines, emptied per chapter; NULL: they go to `a` */
    L->kc = zw_xmalloc(sizeof *L->kc);       /* NULL: runs are kerned without it */
    if (L->kc) memset(L->kc, 0, sizeof *L->kc);
    return true;
}

/* Free what the walk used; the chunk arenas go too (every page is written, or the layout failed). */
static bool finish(zw_lay *L) {
    bool ok = !zw_arena_failed(L->a) && !zw_arena_failed(L->doc_a);
    zw_set_scratch_drop(L->set.scratch);
    zw_arena_drop(L->set.lines);
    free(L->kc);
    zw_pages_drop(&L->pages);
    zw_vlist_drop(&L->vl);
    free(L->anchors);
    free(L->anchor_at);
    for (size_t i = 0; i < L->nchunks; i++) zw_arena_drop(L->chunks[i].a);
    free(L->chunks);
    if (L->a != L->doc_a) zw_arena_drop(L->a);
    return ok;
}

zw_display *zw_layout(zw_arena *a, zw_diags *d, const zw_doc *doc, const zw_style *st, const zw_metrics *m,
                      zw_hyphenator *h, const zw_fonts *fonts, const zw_sink *sink) {
    zw_lay L = {.a = a, .doc_a = a, .d = d, .doc = doc, .st = st, .m = m, .chapter = -1, .sink = sink,
                .page_chapter = -1};
    L.set = (zw_setter){.arena = a, .diags = d, .metrics = m, .hyph = h};
    L.stream = sink && !prints_page_count(st);
    L.measure = st->page_w - st->margin_inner - st->margin_outer;
    double area_h = st->page_h - st->margin_top - st->margin_bottom, land_w, land_h;
    zw_lay_area(st, true, &land_w, &land_h);
    zw_pager_init(&L.pager, area_h, land_h, st->footnote.leading);
    bool ok = start(&L, fonts);
    if (ok && st->title_page) title_page(&L, area_h);
    if (ok) chapters(&L);
    ok = ok && !L.oom && !L.stop && flush(&L, true);
    if (ok) report_overfull(&L, &L.pages);
    ok = finish(&L) && ok;
    if (!ok && (L.oom || !L.stop)) zw_diag(d, ZW_ERROR, ZW_NOPOS, "out of memory during layout");
    if (!ok) {
        zw_display_drop(L.dl);
        return NULL;
    }
    return L.dl;
}
