/* refs.c — cross-references: the sections' numbers, worked out before the walk (a reference or the
 * contents may name a section set later), and the captioned tables and figures the lists of them name;
 * what {ref id} and {page id} print, and where links to an id lead, settled at the end.
 *
 * {ref id} prints "hoofdstuk 2" or "paragraaf 2.1" (the layout's words) for a numbered section, a
 * chapter's label when the layout's says more than the number ("Programma 2", "Bijlage A"), the title
 * of an unnumbered one, the caption of a table.  {page id} prints the label of the page the named element
 * first stands on: when that page is finished already, as it is; otherwise in room reserved for three
 * digits (more once the document has a thousand pages), filled in at the end as late page content.  Both,
 * and [tekst](#id), are links (Link elements) whose `ref` is set to the named element at the end.  The
 * lowest floor of layout: it calls nothing else of it. */
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

/* ---- section numbers -------------------------------------------------------------------------- */

/* Where numbering stands while the sections are walked: per level, and the chapter's counter as printed. */
typedef struct numbering {
    int counters[8];         /* heading numbers per level */
    int appendices;          /* chapters numbered as appendices so far */
    char chapter[24];        /* the current chapter's counter as printed ("3", "B"): its sections' prefix */
} numbering;

/* n as counter style c: 'n' 1 2 3, 'A' A … Z AA AB, 'a' likewise, 'I' I II III IV, 'i' i ii iii iv. */
static void counter_text(char c, int n, char *buf, size_t cap) {
    if (c == 'n' || n < 1) { snprintf(buf, cap, "%d", n); return; }
    size_t k = 0;
    char tmp[24];
    if (c == 'A' || c == 'a') {
        for (int v = n; v > 0 && k < sizeof tmp; v = (v - 1) / 26) tmp[k++] = (char)((c == 'A' ? 'A' : 'a') + (v - 1) % 26);
        for (size_t i = 0; i < k && i + 1 < cap; i++) buf[i] = tmp[k - 1 - i];
        buf[k < cap ? k : cap - 1] = 0;
        return;
    }
    static const int val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    static const char *const sym[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"};
    buf[0] = 0;
    for (int i = 0, v = n; i < 13 && v > 0 && n < 4000;)
        if (v >= val[i]) { strncat(buf, sym[i], cap - strlen(buf) - 1); v -= val[i]; } else i++;
    for (char *p = buf; c == 'i' && *p; p++) *p = (char)(*p - 'A' + 'a');
}

/* The counter field of a chapter's label template ("{n}" in "Programma {n}"), or NULL. */
static const char *counter_field(const char *tpl) {
    const char *field = tpl ? strchr(tpl, '{') : NULL;
    while (field && !(field[1] && strchr("nAaIi", field[1]) && field[2] == '}')) field = strchr(field + 1, '{');
    return field;
}

/* A chapter's label from the layout's chapter-number (appendix-number for an appendix): "Programma 3",
 * "Bijlage B"; NULL when the layout gives it none.  Its counter alone prefixes its sections' numbers. */
static const char *chapter_label(zw_lay *L, numbering *nb, const zw_section *s) {
    int n = s->appendix ? ++nb->appendices : ++nb->counters[1];
    const char *tpl = s->appendix ? L->st->appendix_number : L->st->chapter_number;
    const char *field = counter_field(tpl);
    counter_text(field ? field[1] : s->appendix ? 'A' : 'n', n, nb->chapter, sizeof nb->chapter);
    if (!field) return NULL;
    return zw_arena_printf(L->doc_a, "%.*s%s%s", (int)(field - tpl), tpl, nb->chapter, field + 3);
}

/* "2.1" for a numbered section at `level` (counters already advanced), after its chapter's counter. */
static const char *heading_number(zw_lay *L, numbering *nb, int level) {
    char buf[96];
    size_t o = (size_t)snprintf(buf, sizeof buf, "%s", nb->chapter);
    for (int i = 2; i <= level && i < 8 && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, o ? ".%d" : "%d", nb->counters[i]);
    return zw_arena_strndup(L->doc_a, buf, strlen(buf));
}

/* The walk over the sections before layout's: in the order section() meets them (chapters, sections
 * inside them and inside list items), each counted as layout.c counts them (L->sect_next). */
typedef struct walk {
    numbering nb;
    size_t nsects, ntargets;   /* so far */
    size_t nlisted[ZW_NLISTS]; /* captions for the lists of tables and figures, so far */
    bool fill;                 /* the second pass: the arrays are there */
} walk;

static void walk_blocks(zw_lay *L, walk *w, const zw_block *b, size_t n, int in);

static void add_target(zw_lay *L, walk *w, zw_target t) {
    if (w->fill) L->targets[w->ntargets] = t;
    w->ntargets++;
}

/* A table's or a figure's caption, for `list` when the layout prints that list. */
static void add_listed(zw_lay *L, walk *w, int list, const zw_text *caption) {
    const char *title = L->st->contents.lists[list];
    if (!caption->n || !title || !*title) return;
    if (w->fill) L->lists[list].e[w->nlisted[list]] = (zw_listed){caption, -1};
    w->nlisted[list]++;
}

/* Section s and those inside it: its number ("2.1", "Programma 3") when it is numbered, its id. */

static void walk_section(zw_lay *L, walk *w, const zw_section *s) {
    int lv = s->level < 8 ? s->level : 7, index = (int)w->nsects++;
    if (w->fill) {
        L->sects[index] = s;
        if (s->numbered && L->st->number_headings) {
            numbering *nb = &w->nb;
            L->sect_num[index] = lv == 1 ? chapter_label(L, nb, s) : (nb->counters[lv]++, heading_number(L, nb, lv));
            for (int i = lv + 1; i < 8; i++) nb->counters[i] = 0;
        }
    }
    if (s->id) add_target(L, w, (zw_target){s->id, ZW_TARGET_SECTION, index, NULL, NULL});
    walk_blocks(L, w, s->blocks, s->n, index);
}

static void walk_blocks(zw_lay *L, walk *w, const zw_block *b, size_t n, int in) {
    for (size_t i = 0; i < n; i++) {
        if (b[i].kind == ZW_BLK_TABLE && b[i].table.id)
            add_target(L, w, (zw_target){b[i].table.id, ZW_TARGET_TABLE, in, &b[i].table, NULL});
        if (b[i].kind == ZW_BLK_TABLE) add_listed(L, w, ZW_LIST_TABLES, &b[i].table.caption);
        if (b[i].kind == ZW_BLK_IMAGE) add_listed(L, w, ZW_LIST_FIGURES, &b[i].picture->caption);
        if (b[i].kind == ZW_BLK_CHART) add_listed(L, w, ZW_LIST_FIGURES, &b[i].chart->caption);
        if (b[i].kind == ZW_BLK_SECTION) walk_section(L, w, b[i].section);
        for (size_t k = 0; b[i].kind == ZW_BLK_LIST && k < b[i].list.n; k++)
            walk_blocks(L, w, b[i].list.items[k], b[i].list.item_n[k], in);
    }
}

static int target_order(const void *x, const void *y) {
    return strcmp(((const zw_target *)x)->id, ((const zw_target *)y)->id);
}

/* What `id` (n bytes) names, or NULL. */
static const zw_target *target(const zw_lay *L, const char *id, size_t n) {
    size_t lo = 0, hi = L->ntargets;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *t = L->targets[mid].id;
        int c = strncmp(t, id, n);
        if (c == 0 && t[n]) c = 1;
        if (c == 0) return &L->targets[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

bool zw_lay_refs_start(zw_lay *L) {
    const zw_doc *doc = L->doc;
    walk w = {{{0}, 0, ""}, 0, 0, {0}, false};
    for (size_t i = 0; i < doc->nchapters; i++) walk_section(L, &w, &doc->chapters[i]);   /* count */
    size_t ns = w.nsects + 1, nt = w.ntargets + doc->nnotes + 1;
    L->sects = zw_arena_alloc(L->doc_a, ns * sizeof *L->sects);
    L->sect_num = zw_arena_alloc(L->doc_a, ns * sizeof *L->sect_num);
    L->sect_elem = zw_arena_alloc(L->doc_a, ns * sizeof *L->sect_elem);
    L->toc_of = zw_arena_alloc(L->doc_a, ns * sizeof *L->toc_of);
    L->targets = zw_arena_alloc(L->doc_a, nt * sizeof *L->targets);
    L->target_elem = zw_arena_alloc(L->doc_a, nt * sizeof *L->target_elem);
    if (!L->sects || !L->sect_num || !L->sect_elem || !L->toc_of || !L->targets || !L->target_elem) return false;
    for (int k = 0; k < ZW_NLISTS; k++)
        if (!(L->lists[k].e = zw_arena_alloc(L->doc_a, (w.nlisted[k] + 1) * sizeof *L->lists[k].e))) return false;
    for (size_t i = 0; i < ns; i++) L->sect_elem[i] = L->toc_of[i] = -1;
    for (size_t i = 0; i < nt; i++) L->target_elem[i] = -1;
    w = (walk){{{0}, 0, ""}, 0, 0, {0}, true};
    L->first_appendix_section = (int)ns;
    for (size_t i = 0; i < doc->nchapters; i++) {
        if (doc->chapters[i].appendix && L->first_appendix_section == (int)ns) L->first_appendix_section = (int)w.nsects;
        walk_section(L, &w, &doc->chapters[i]);
    }
    for (size_t i = 0; i < doc->nnotes; i++)
        add_target(L, &w, (zw_target){doc->notes[i]->key, ZW_TARGET_NOTE, -1, NULL, doc->notes[i]});
    L->nsects = w.nsects;
    L->ntargets = w.ntargets;
    for (int k = 0; k < ZW_NLISTS; k++) L->lists[k].n = w.nlisted[k];
    if (L->ntargets > 1) qsort(L->targets, L->ntargets, sizeof *L->targets, target_order);
    return !zw_arena_failed(L->doc_a);
}

/* ---- what an id names ------------------------------------------------------------------------- */

void zw_lay_target_made(zw_lay *L, const char *id, int elem) {
    const zw_target *t = id && elem >= 0 ? target(L, id, strlen(id)) : NULL;
    if (t && L->target_elem[t - L->targets] < 0) L->target_elem[t - L->targets] = elem;
}

bool zw_lay_ref_link(zw_lay *L, int elem, const char *href) {
    const zw_target *t = href && href[0] == '#' ? target(L, href + 1, strlen(href + 1)) : NULL;
    if (!t) return true;
    if (!zw_grow((void **)&L->xrefs, &L->capxrefs, L->nxrefs, sizeof *L->xrefs)) return false;
    L->xrefs[L->nxrefs].elem = elem;
    L->xrefs[L->nxrefs++].target = (int)(t - L->targets);
    return true;
}

void zw_lay_refs_end(zw_lay *L) {
    for (size_t i = 0; i < L->nxrefs; i++) L->dl->elems[L->xrefs[i].elem].ref = L->target_elem[L->xrefs[i].target];
}

bool zw_lay_refs_waiting(const zw_lay *L, const zw_text *t) {
    for (size_t i = 0; i < t->n; i++) {
        const zw_target *g = t->spans[i].kind == ZW_SPAN_PAGE_REF ? target(L, t->spans[i].text, t->spans[i].len) : NULL;
        int e = g ? L->target_elem[g - L->targets] : -1;
        if (e >= 0 && L->dl->elems[e].page < 0) return true;
    }
    return false;
}

/* ---- what a reference prints -------------------------------------------------------------------- */

/* {ref}: "hoofdstuk 2" or "paragraaf 2.1" (with a no-break space), a chapter's label as it is
 * ("Programma 3", "Bijlage A") when the layout's label says more than the number, an unnumbered
 * section's title, a table's caption. */
static const char *ref_text(zw_lay *L, const zw_target *t) {
    if (t->kind == ZW_TARGET_TABLE)   /* (a table without one is "tabel": the binder refuses {ref} of a plain one) */
        return t->table->caption.n ? zw_text_plain(L->a, &t->table->caption) : "tabel";
    if (t->kind != ZW_TARGET_SECTION) return t->id;   /* (the binder lets no other kind through) */
    const zw_section *s = L->sects[t->section];
    const char *num = L->sect_num[t->section];
    if (!num) return zw_text_plain(L->a, &s->title);
    const char *tpl = s->appendix ? L->st->appendix_number : L->st->chapter_number;
    if (s->level == 1 && tpl && strlen(tpl) > 3) return num;   /* (a label with words: zw_lay_refs_start made it) */
    const char *word = s->level == 1 ? L->st->ref_chapter : L->st->ref_section;
    return *word ? zw_arena_printf(L->a, "%s\xC2\xA0%s", word, num) : num;
}

/* {page}: the label of the page the target stands on when that page is finished, else NULL. */
static const char *known_page(zw_lay *L, const zw_target *t) {
    int e = L->target_elem[t - L->targets];
    int p = e >= 0 ? L->dl->elems[e].page : -1;
    return p >= 0 && (size_t)p < L->dl->npages ? L->dl->pages[p].label : NULL;
}

/* ---- the room for a page number not known yet ------------------------------------------------ */

static size_t text_bytes(const zw_text *t) {
    size_t n = 0;
    for (size_t i = 0; i < t->n; i++) n += t->spans[i].len;
    return n;
}

/* How much there is to set in blocks b: their texts' bytes, and a line's worth for each table row. */
static size_t block_bytes(const zw_block *b, size_t n) {
    size_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        const zw_block *k = &b[i];
        if (k->kind == ZW_BLK_HEADING || k->kind == ZW_BLK_PARAGRAPH) sum += text_bytes(&k->text);
        else if (k->kind == ZW_BLK_SECTION) sum += text_bytes(&k->section->title) + block_bytes(k->section->blocks, k->section->n);
        for (size_t j = 0; k->kind == ZW_BLK_LIST && j < k->list.n; j++) sum += block_bytes(k->list.items[j], k->list.item_n[j]);
        for (size_t r = 0; k->kind == ZW_BLK_TABLE && r < k->table.nrows; r++) {
            sum += 60;
            for (size_t c = 0; c < k->table.rows[r].n; c++)
                for (size_t p = 0; p < k->table.rows[r].cells[c].n; p++) sum += text_bytes(&k->table.rows[r].cells[c].paras[p]);
        }
    }
    return sum;
}

/* The digits of the page numbers of the document, guessed from the pages finished so far and the share
 * of its text laid out by then (chapters before this one and half of it), with half as much again to
 * spare: a page number no one knows yet is set in room for that many of the widest digit, and a room
 * too wide leaves a little space before the number, where too narrow would crowd the word before it. */
static int page_digits(zw_lay *L) {
    const zw_doc *doc = L->doc;
    if (!L->chapter_bytes) {
        L->chapter_bytes = zw_arena_alloc(L->doc_a, (doc->nchapters + 1) * sizeof *L->chapter_bytes);
        if (!L->chapter_bytes) return 3;
        for (size_t i = 0; i < doc->nchapters; i++)
            L->chapter_bytes[i + 1] = L->chapter_bytes[i] + 1 + block_bytes(doc->chapters[i].blocks, doc->chapters[i].n);
    }
    size_t c = L->chapter < 0 ? 0 : (size_t)L->chapter;
    double done = (double)L->chapter_bytes[c] + (double)(L->chapter_bytes[c + 1] - L->chapter_bytes[c]) / 2;
    double share = done / (double)L->chapter_bytes[doc->nchapters], pages = (double)L->pages.npages + 1;
    double guess = 1.5 * pages / (share > 0.001 ? share : 0.001);
    int n = 1;
    for (; guess >= 10 && n < 5; guess /= 10) n++;
    return n;
}

/* Whether the page of target t is numbered with its appendix's letter: a section or table in an
 * appendix (sections are counted in reading order), with page-numbering's appendices: letters. */
static bool lettered(const zw_lay *L, const zw_target *t) {
    if (L->st->appendix_pages != ZW_APPENDIX_LETTERS || L->first_appendix >= (int)L->doc->nchapters) return false;
    return t->section >= 0 && t->section >= L->first_appendix_section;   /* (the appendices come last) */
}

/* The room a page number not known yet is set in: the widest digit as many times as page_digits says,
 * after "W-" for a page numbered with an appendix's letter. */
static const char *page_room(zw_lay *L, const zw_target *t, int face) {
    char digits[2] = "0", widest = '0';
    double best = 0;
    for (char c = '0'; c <= '9'; c++) {
        digits[0] = c;
        double w = L->m->width(L->m->ctx, face, 10, digits, 1);
        if (w > best) { best = w; widest = c; }
    }
    char room[16] = "W-";
    size_t k = lettered(L, t) ? 2 : 0, n = (size_t)page_digits(L);
    memset(room + k, widest, n);
    return zw_arena_strndup(L->a, room, k + n);
}

/* Span s, a reference, as the text it prints (a link to its target); a page not known yet stays a
 * PAGE_REF span holding the room for its number. */
static bool resolve(zw_lay *L, zw_span *s, int face) {
    const zw_target *t = target(L, s->text, s->len);
    if (!t) return true;   /* (the binder reported it) */
    bool page = s->kind == ZW_SPAN_PAGE_REF;
    const char *text = page ? known_page(L, t) : ref_text(L, t);
    if (!text) text = page_room(L, t, face);
    else s->kind = ZW_SPAN_TEXT;
    s->href = zw_arena_printf(L->a, "#%s", t->id);
    if (!text || !s->href) return false;
    s->text = text;
    s->len = strlen(text);
    s->style |= ZW_LINK | (page ? ZW_NOHYPH : 0);
    return true;
}

const zw_text *zw_lay_resolve_refs(zw_lay *L, const zw_text *t, int face) {
    size_t k = 0;
    while (k < t->n && t->spans[k].kind != ZW_SPAN_REF && t->spans[k].kind != ZW_SPAN_PAGE_REF) k++;
    if (k == t->n) return t;   /* most texts: no reference */
    zw_text *out = zw_arena_alloc(L->a, sizeof *out);
    zw_span *spans = zw_arena_alloc(L->a, t->n * sizeof *spans);
    if (!out || !spans) { L->oom = true; return t; }
    memcpy(spans, t->spans, t->n * sizeof *spans);
    *out = (zw_text){spans, t->n, t->pos};
    for (size_t i = k; i < t->n; i++)
        if ((spans[i].kind == ZW_SPAN_REF || spans[i].kind == ZW_SPAN_PAGE_REF) && !resolve(L, &spans[i], face)) {
            L->oom = true;
            return t;
        }
    return out;
}
