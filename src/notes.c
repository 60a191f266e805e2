/* notes.c — footnotes in layout: numbering in reading order (per document, chapter or page, numbers or
 * symbols; per table for the notes printed under a table), and page notes set once, apart from the
 * boxes, to be placed at the foot of every page that marks them. */
#include <string.h>

#include "layout_int.h"

/* The text a mark of n prints now (zw_setter.mark). */
const char *zw_lay_mark(void *ctx, const zw_note *n) {
    const zw_lay *L = ctx;
    return n->index < L->doc->nnotes ? L->note_label[n->index] : NULL;
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
    zw_lay_parstyle(L->st, &L->st->body, &ps);
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
        const zw_note *n = t->spans[i].note;
        if (t->spans[i].kind != ZW_SPAN_NOTE_REF || !n || L->note_num[n->index]) continue;
        if (L->table && !zw_lay_page_note(L, n, L->table)) continue;
        int k = L->note_num[n->index] = ++L->next_note;
        bool per_page = L->st->note_numbering == ZW_NUMBER_PAGE;
        L->note_label[n->index] = per_page ? reserve_label(L, k) : zw_lay_note_label(L, k);
        if (!L->note_label[n->index]) L->oom = true;
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
        size_t k = notes[i]->index;
        saved[i] = L->note_label[k];
        L->note_label[k] = table_label(L, (int)i + 1);
        if (!L->note_label[k]) L->oom = true;
    }
    return saved;
}

/* Give the notes of zw_lay_table_labels their page labels back (NULL: not numbered yet). */
void zw_lay_table_labels_end(zw_lay *L, const zw_note *const *notes, const char **saved, size_t n) {
    for (size_t i = 0; saved && i < n; i++) L->note_label[notes[i]->index] = saved[i];
}

/* Whether a mark of n inside table `in_table` (or NULL) prints its note at the page foot. */
bool zw_lay_page_note(const zw_lay *L, const zw_note *n, const zw_table *in_table) {
    if (!in_table) return true;
    if (n->place != ZW_NOTE_DEFAULT) return n->place == ZW_NOTE_PAGE;
    zw_note_place p = in_table->notes != ZW_NOTE_DEFAULT ? in_table->notes : L->st->notes;
    return p == ZW_NOTE_PAGE;
}

/* Note references of a line's marks that go to the page foot. */
void zw_lay_line_refs(zw_lay *L, const zw_line *line, const zw_table *in_table) {
    for (size_t i = 0; i < line->n; i++) {
        const zw_note *n = zw_frag_note(&line->frags[i]);
        if (!n || !zw_lay_page_note(L, n, in_table)) continue;
        long v = zw_lay_vnote(L, n);
        if (v >= 0 && !zw_vlist_ref(&L->vl, (size_t)v)) L->oom = true;
    }
}


/* ---- page notes ------------------------------------------------------------------------------- */

/* How far a note's text is indented past its hanging number: 1.5 × the size, or more for a number too
 * wide for that (note 100 and up), so that the number never touches the text. */
double zw_lay_note_hang(zw_lay *L, int face, double size, const char *label) {
    double w = L->m->width(L->m->ctx, face, size, label, strlen(label)) + size * 0.4;
    return w > size * 1.5 ? w : size * 1.5;
}

static long set_vnote(zw_lay *L, const zw_note *n, size_t idx);

/* The page-note entry for n (set on first use): its number hangs in the left margin of the note.  A
 * note may be printed again pages later, so it is set into the document's arena, and its operations
 * are kept apart from the boxes' (zw_vlist.note_ops). */
long zw_lay_vnote(zw_lay *L, const zw_note *n) {
    size_t idx = n->index;
    if (L->vnote_of[idx] >= 0) return L->vnote_of[idx];
    zw_arena *chunk = L->a;
    zw_lay_use_arena(L, L->doc_a);
    long v = set_vnote(L, n, idx);
    zw_lay_use_arena(L, chunk);
    return v;
}

static long set_vnote(zw_lay *L, const zw_note *n, size_t idx) {
    const zw_pstyle_def *p = &L->st->footnote;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    const char *label = L->note_label[idx];
    if (!label) { L->oom = true; return -1; }
    double hang = zw_lay_note_hang(L, ps.face[0], p->size, label);
    zw_setpar sp;
    size_t op0 = L->vl.nops;
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, &n->text, L->measure - hang, &sp)) return -1;
    /* a page note follows what first marks it: in the section, list or item, or after the table */
    int elem = zw_lay_elem_in(L, ZW_ROLE_NOTE, L->table_parent >= 0 ? L->table_parent : L->parent);
    if (elem < 0) return -1;
    zw_lay_target_made(L, n->key, elem);   /* {page key} */
    zw_vop *num = zw_vlist_op(&L->vl, ZW_OP_RUN);
    if (!num) { L->oom = true; return -1; }
    num->u.run = (zw_run){0, p->space_before + sp.base, L->m->width(L->m->ctx, ps.face[0], p->size, label, strlen(label)),
                          L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000,
                          L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000,
                          ps.face[0], ZW_RUN_NOTE_NUMBER, sp.ink, 0, p->size, label, strlen(label), ZW_ROLE_NOTE, elem,
                          n->key, zw_lay_kern(L, ps.face[0], label, strlen(label)), NULL};
    size_t line0 = L->vl.nnlines;
    for (size_t i = 0; i < sp.n; i++) {   /* each line a unit the page builder may split the note at */
        zw_vnline *ln = zw_vlist_nline(&L->vl);
        if (!ln) { L->oom = true; return -1; }
        double top = i ? p->space_before + (double)i * sp.leading : 0;
        *ln = (zw_vnline){top, i ? sp.leading : p->space_before + sp.leading, i ? L->vl.nops : op0, 0};
        zw_lay_text_runs(L, &sp.lines[i], hang, p->space_before + sp.base + (double)i * sp.leading, ZW_ROLE_NOTE,
                         elem, sp.ink);   /* (a note's text has no marks, but may have links) */
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
    if (!zw_grow((void **)&L->vl.notes, &L->vl.capnotes, L->vl.nnotes, sizeof *L->vl.notes)) {
        L->oom = true;
        return -1;
    }
    vn = &L->vl.notes[L->vl.nnotes];
    vn->h = p->space_before + (double)sp.n * sp.leading;
    vn->op0 = base;
    vn->op1 = base + (nops - op0);
    vn->line0 = line0;
    vn->line1 = L->vl.nnlines;
    vn->elem = elem;
    L->vnote_of[idx] = (long)L->vl.nnotes;
    return (long)L->vl.nnotes++;
}

/* footnote-numbering: chapter — numbers start again at 1, and a note marked again in a later chapter
 * is numbered (and its page note set) afresh there, so that no page shows one mark for two notes. */
void zw_lay_restart_notes(zw_lay *L) {
    L->next_note = 0;
    for (size_t i = 0; i < L->doc->nnotes; i++) {
        L->note_num[i] = 0;
        L->note_label[i] = NULL;
        L->vnote_of[i] = -1;
    }
}


bool zw_lay_table_mark(zw_lay *L, int mark, const zw_note *n) {
    if (!zw_grow((void **)&L->tmarks, &L->captmarks, L->ntmarks, sizeof *L->tmarks)) return false;
    L->tmarks[L->ntmarks].mark = mark;
    L->tmarks[L->ntmarks++].note = n->index;
    return true;
}

void zw_lay_table_marks(zw_lay *L, int note_elem, const zw_note *n) {
    for (size_t i = 0; i < L->ntmarks; i++) {
        if (L->tmarks[i].note != n->index) continue;
        L->dl->elems[L->tmarks[i].mark].ref = note_elem;
        if (L->dl->elems[note_elem].ref < 0) L->dl->elems[note_elem].ref = L->tmarks[i].mark;
    }
}

/* The element of a footnote mark inside element `in`, leading to its note: for a note printed at the
 * page foot the note's element (set now if it is the first mark); for a note under the table being set,
 * -1 until that note is made (zw_lay_table_marks patches it). */
static int mark_elem(zw_lay *L, const zw_note *n, int in) {
    int note = -1;
    if (zw_lay_page_note(L, n, L->table)) {
        long v = zw_lay_vnote(L, n);
        if (v >= 0) note = L->vl.notes[v].elem;
    }
    int m = zw_lay_elem_in(L, ZW_ROLE_NOTE_MARK, in);
    if (m < 0) return -1;
    L->dl->elems[m].ref = note;
    if (note >= 0 && L->dl->elems[note].ref < 0) L->dl->elems[note].ref = m;
    if (note < 0 && !zw_lay_table_mark(L, m, n)) L->oom = true;
    return m;
}

/* The runs of a line of text in element `elem`, in colour `ink`, whose footnote marks and links are elements
 * of their own (zw_lay_runs), made in the order of the text: a mark leading to its note, a link (one for all
 * the fragments and lines of one link); in page furniture (ARTIFACT) they are plain text. */
void zw_lay_text_runs(zw_lay *L, const zw_line *line, double x, double base, zw_role role, int elem, uint8_t ink) {
    int stack[16], *own = line->n <= 16 ? stack : zw_arena_alloc(L->a, line->n * sizeof *own);
    if (!own) { L->oom = true; return; }
    for (size_t i = 0; i < line->n; i++) {   /* first: a mark may set its note, which comes after the text */
        const zw_frag *f = &line->frags[i];
        const zw_note *n = zw_frag_note(f);
        own[i] = role == ZW_ROLE_ARTIFACT ? -1 : n ? mark_elem(L, n, elem)
                 : f->span->style & ZW_LINK ? zw_lay_link_elem(L, f, elem) : -1;
    }
    zw_lay_runs(L, line, x, base, role, elem, own, ink);
}
