/* layout.c — the layout walk: document model → vertical list, then pages (zw_layout).
 *
 * Sets the title page, the contents (contents.c), headings, paragraphs and lists into line boxes with
 * widow/orphan penalties and keep-with-next, hands tables to table.c, paginates (paginate.c) and composes
 * pages (compose.c); a chapter may have to start on a right-hand page, and a draft may carry a mark. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "layout_int.h"

static void walk_blocks(zw_lay *L, const zw_block *b, size_t n, int level);
static bool flush(zw_lay *L, bool final);
static void list_label(zw_lay *L, double base);

/* Line boxes for a set paragraph, with widow, orphan and broken-word penalties between them. */
static void add_lines(zw_lay *L, const zw_setpar *sp, double x, zw_role role, int elem) {
    if (elem < 0) return;
    int orphans = L->st->orphans, widows = L->st->widows;
    for (size_t i = 0; i < sp->n; i++) {
        if (i > 0) {
            bool bad = (int)i < orphans || (int)(sp->n - i) < widows;
            zw_lay_penalty(L, bad ? ZW_VINF : sp->lines[i - 1].hyphen ? ZW_BROKEN_PENALTY : 0);
        }
        zw_vitem *it = zw_lay_box(L, sp->leading);
        if (!it) return;
        it->op0 = L->vl.nops;
        if (i == 0 && L->label) list_label(L, sp->base);   /* the label first: it is read first */
        zw_lay_text_runs(L, &sp->lines[i], x, sp->base, role, elem, sp->ink);
        it = &L->vl.items[L->vl.n - 1];
        it->op1 = L->vl.nops;
        it->note0 = L->vl.nrefs;
        zw_lay_line_refs(L, &sp->lines[i], NULL);
        L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
        if (i == 0) L->keep = false;
    }
}

/* A paragraph; with keep-with-next in its style, no page break falls between its last line and what
 * follows (a goal's bold lead line never ends a page). */
static void paragraph(zw_lay *L, const zw_pstyle_def *p, const zw_text *t, zw_role role) {
    zw_setpar sp;
    /* A page it names may be finished by now: finish what can be, to print the number (not while a list
     * label waits for its line: it lives in the chunk arena a flush retires). */
    if (!L->label && zw_lay_refs_waiting(L, t)) flush(L, false);
    zw_lay_space(L, p->space_before);
    zw_lay_number_notes(L, t);
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, t, L->measure - L->indent - p->indent_left, &sp)) return;
    add_lines(L, &sp, L->indent + p->indent_left, role, zw_lay_elem(L, role));
    zw_lay_space(L, p->space_after);
    if (p->keep_with_next && sp.n) L->keep = true;
}

/* The style a paragraph block names (`style: lead`), else `dflt`.  A name the layout does not have is
 * warned at, with a "did you mean", and the paragraph is set in `dflt`: one data file renders with any
 * layout, and another layout need not have the styles of the house style the data was written for. */
static const zw_pstyle_def *block_style(zw_lay *L, const zw_block *b, const zw_pstyle_def *dflt) {
    if (!b->style) return dflt;
    const zw_pstyle_def *p = zw_style_lookup(L->st, b->style);
    if (p) return p;
    const char *hint = zw_style_closest(L->st, b->style);
    if (hint) zw_diag(L->d, ZW_WARNING, b->style_pos, "paragraph style '%s' is not in the layout's styles; did you "
                      "mean '%s'? (set as %s)", b->style, hint, dflt == &L->st->body ? "body" : "list");
    else zw_diag(L->d, ZW_WARNING, b->style_pos, "paragraph style '%s' is not in the layout's styles (set as %s): add "
                 "it under 'styles:' in %s", b->style, dflt == &L->st->body ? "body" : "list",
                 L->st->path ? L->st->path : "the layout");
    return dflt;
}

/* ---- headings, lists, sections ---------------------------------------------------------------- */

/* The title with its number ("2.1 ", "Programma 3 ") in front. */
static zw_text numbered_title(zw_lay *L, const zw_text *t, const char *num) {
    zw_text out = *t;
    zw_span *s = zw_arena_alloc(L->a, (t->n + 1) * sizeof *s);
    num = zw_arena_printf(L->a, "%s ", num);
    if (!s || !num) { L->oom = true; return out; }
    s[0] = (zw_span){ZW_SPAN_TEXT, 0, num, strlen(num), {NULL}, t->pos};
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

/* A heading of `level` (its element, -1 when none was made). */
static int heading(zw_lay *L, const zw_text *t, int level, const zw_pstyle_def *p) {
    zw_setpar sp;
    zw_lay_space(L, p->space_before);
    zw_lay_number_notes(L, t);
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, t, L->measure - L->indent, &sp)) return -1;
    zw_role role = (zw_role)(ZW_ROLE_H1 + (level > 6 ? 5 : level - 1));
    int elem = zw_lay_elem(L, role);
    if (elem < 0) return -1;
    for (size_t i = 0; i < sp.n; i++) {
        if (i > 0) zw_lay_penalty(L, ZW_VINF);
        zw_vitem *it = zw_lay_box(L, sp.leading);
        if (!it) return elem;
        it->op0 = L->vl.nops;
        if (i == 0) outline_op(L, level, t);
        zw_lay_text_runs(L, &sp.lines[i], L->indent, sp.base, role, elem, sp.ink);
        it = &L->vl.items[L->vl.n - 1];
        it->op1 = L->vl.nops;
        it->note0 = L->vl.nrefs;
        zw_lay_line_refs(L, &sp.lines[i], NULL);
        L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
    }
    zw_lay_space(L, p->space_after);
    L->keep = p->keep_with_next;
    return elem;
}

/* A section: its heading, numbered as refs.c worked out, and its blocks.  What refers to it (a contents
 * entry, an id) leads to its heading. */
static void section(zw_lay *L, const zw_section *s) {
    int lv = s->level < 8 ? s->level : 7;
    const zw_pstyle_def *p = &L->st->heading[lv <= 4 ? lv - 1 : 3];
    zw_text title = s->title;
    int index = L->sect_next++;   /* as refs.c counted them, in the same order */
    if (L->sect_num[index]) title = numbered_title(L, &s->title, L->sect_num[index]);
    int outer = zw_lay_open(L, ZW_ROLE_SECT);
    int h = heading(L, &title, s->level, p);
    L->sect_elem[index] = h;
    if (L->toc_of[index] >= 0) L->dl->elems[L->toc_of[index]].ref = h;
    zw_lay_target_made(L, s->id, h);
    walk_blocks(L, s->blocks, s->n, s->level);
    L->parent = outer;
}

/* The pending list label goes into the first line box of the item, right-aligned in the label column. */
static void list_label(zw_lay *L, double base) {
    const zw_pstyle_def *p = &L->st->list;
    const char *label = L->label;
    int elem = L->label_elem;
    L->label = NULL;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
    if (!op) { L->oom = true; return; }
    double w = L->m->width(L->m->ctx, ps.face[0], p->size, label, strlen(label));
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double x = L->label_col > 0 ? L->indent - L->label_col : L->indent - w - p->size * 0.4;
    op->u.run = (zw_run){x, base, w, asc, desc, ps.face[0], 0, zw_lay_ink(L, p->color), 0, p->size, label,
                         strlen(label), ZW_ROLE_LIST_LABEL, elem, NULL,
                         zw_lay_kern(L, ps.face[0], label, strlen(label)), NULL};
}

/* An item that does not start with a paragraph gets its label on a line of its own. */
static void label_line(zw_lay *L) {
    const zw_pstyle_def *p = &L->st->list;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
    double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
    zw_vitem *it = zw_lay_box(L, p->leading);
    if (!it) return;
    it->op0 = L->vl.nops;
    list_label(L, (p->leading - (asc + desc)) / 2 + asc);
    L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    zw_lay_penalty(L, ZW_VINF);
}

/* The label column of a list whose items carry their own labels: the widest label and a gap of 0.8 em
 * (0 for other lists). */
static double label_column(zw_lay *L, const zw_list *l) {
    const zw_pstyle_def *p = &L->st->list;
    if (!l->labels) return 0;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    double w = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->labels[i];
        double lw = s ? L->m->width(L->m->ctx, ps.face[0], p->size, s, strlen(s)) : 0;
        if (lw > w) w = lw;
    }
    return w + p->size * 0.8;
}

/* A list: L → LI → (Lbl, LBody → paragraphs and nested blocks).  Items with their own labels hang them
 * in a column as wide as the widest. */
static void list(zw_lay *L, const zw_list *l, int level) {
    const zw_pstyle_def *p = &L->st->list;
    double col = label_column(L, l), outer_col = L->label_col;
    double step = l->labels ? col : L->st->list_indent;
    L->indent += step;
    int outer = zw_lay_open(L, ZW_ROLE_L);
    for (size_t i = 0; i < l->n && !L->oom; i++) {
        int in_list = zw_lay_open(L, ZW_ROLE_LI);
        L->label_col = col;
        L->label = l->labels ? l->labels[i] : l->numbered ? zw_arena_printf(L->a, "%ld.", (long)l->start + (long)i)
                                                          : L->st->bullet;
        if (L->label) L->label_elem = zw_lay_elem(L, ZW_ROLE_LIST_LABEL);
        zw_lay_open(L, ZW_ROLE_LIST_BODY);
        if (L->label && l->item_n[i] && l->items[i][0].kind != ZW_BLK_PARAGRAPH) label_line(L);
        for (size_t k = 0; k < l->item_n[i]; k++) {
            const zw_block *b = &l->items[i][k];
            if (b->kind == ZW_BLK_PARAGRAPH) paragraph(L, block_style(L, b, p), &b->text, ZW_ROLE_P);
            else walk_blocks(L, b, 1, level);
        }
        L->label = NULL;
        L->parent = in_list;
    }
    L->parent = outer;
    L->indent -= step;
    L->label_col = outer_col;
}

static void walk_blocks(zw_lay *L, const zw_block *b, size_t n, int level) {
    for (size_t i = 0; i < n && !L->oom; i++) {
        switch (b[i].kind) {
        case ZW_BLK_HEADING: heading(L, &b[i].text, level + 1, &L->st->heading[level < 4 ? level : 3]); break;
        case ZW_BLK_PARAGRAPH: paragraph(L, block_style(L, &b[i], &L->st->body), &b[i].text, ZW_ROLE_P); break;
        case ZW_BLK_LIST: list(L, &b[i].list, level); break;
        case ZW_BLK_TABLE: zw_lay_table(L, &b[i].table); break;
        case ZW_BLK_SECTION: section(L, b[i].section); break;
        case ZW_BLK_PAGEBREAK: L->pending = 0; zw_lay_penalty(L, -ZW_VINF); break;
        case ZW_BLK_IMAGE: zw_lay_picture(L, b[i].picture); break;
        case ZW_BLK_CHART: zw_lay_chart(L, b[i].chart); break;
        case ZW_BLK_BUDGET: break;   /* (replaced by plain blocks in zw_budget_lower, before layout) */
        }
    }
}

/* ---- title page and the entry point ------------------------------------------------------------ */

static zw_text plain_text(zw_lay *L, const char *s) {
    zw_text t = {0};
    zw_span *sp = zw_arena_alloc(L->a, sizeof *sp);
    if (!sp) { L->oom = true; return t; }
    *sp = (zw_span){ZW_SPAN_TEXT, 0, s, strlen(s), {NULL}, L->doc->pos};
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
    zw_lay_number_notes(L, &t);
    if (!zw_lay_set(L, p, ZW_ALIGN_LEFT, &t, L->measure, &sp)) return;
    add_lines(L, &sp, 0, role, zw_lay_elem(L, role));
    zw_lay_space(L, p->space_after);
}

static void title_page(zw_lay *L, double area_h) {
    const zw_doc *doc = L->doc;
    L->chapter = -1;
    int outer = zw_lay_open(L, ZW_ROLE_DIV);
    zw_vitem *top = zw_lay_box(L, area_h * 0.3);   /* the title sits a third down the page, under the logo */
    if (!top) return;
    top->op0 = L->vl.nops;
    zw_lay_logo(L, area_h * 0.3);
    L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    title_line(L, doc->organisation, &L->st->subtitle, ZW_ROLE_TITLE);
    title_line(L, doc->title, &L->st->title, ZW_ROLE_TITLE);
    title_line(L, doc->subtitle, &L->st->subtitle, ZW_ROLE_TITLE);
    const char *date = dutch_date(L, doc->date);
    if (date && doc->status) date = zw_arena_printf(L->a, "%s \xE2\x80\x93 %s", date, doc->status);
    else if (!date) date = doc->status;
    title_line(L, date, &L->st->body, ZW_ROLE_TITLE);
    L->parent = outer;
    L->pending = 0;
    zw_lay_penalty(L, -ZW_VINF);
}

/* ---- finished pages ------------------------------------------------------------------------------ */

/* Hand the composed pages to the sink, then free their contents. */
static bool emit(zw_lay *L) {
    if (!L->sink || L->emitted == L->composed) return true;
    if (!L->sink->pages(L->sink->ctx, L->dl, L->emitted, L->composed)) return false;
    for (size_t p = L->emitted; p < L->composed; p++) zw_page_clear(&L->dl->pages[p]);
    L->emitted = L->composed;
    return true;
}

/* Retire the current chunk arena and start a new one; drop the retired ones no operation left in the
 * list and no page still held points into. */
static bool rotate(zw_lay *L) {
    if (!zw_grow((void **)&L->chunks, &L->capchunks, L->nchunks, sizeof *L->chunks)) return false;
    zw_arena *fresh = zw_arena_new();
    if (!fresh) return false;
    L->chunks[L->nchunks++] = (zw_chunk){L->a, L->vl.ops_trimmed + L->vl.nops};
    zw_lay_use_arena(L, fresh);
    size_t k = 0;
    while (k < L->nchunks && L->chunks[k].op_end <= L->vl.ops_trimmed && L->emitted == L->composed)
        zw_arena_drop(L->chunks[k++].a);
    if (k && L->nchunks > k) memmove(L->chunks, L->chunks + k, (L->nchunks - k) * sizeof *L->chunks);
    L->nchunks -= k;
    return true;
}

/* The pages finished so far (all of them when `final`): paginated, composed, handed to the sink and
 * dropped from the vertical list with what only they used; when `final`, the late page content too.
 * Without streaming, only the final call does anything.  false after reporting (too many pages) or on
 * OOM (L->oom). */
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
    if (!emit(L)) return false;
    if (final) zw_lay_refs_end(L);
    if (final && !zw_lay_resolve_late(L)) return !(L->oom = true);
    zw_pages_forget(&L->pages);
    if (L->stream) {
        zw_vlist_trim(&L->vl, &L->pager);
        if (zw_arena_failed(L->a) || !rotate(L)) return !(L->oom = true);
    }
    L->stop = false;
    return true;
}

/* Front matter after the title page, on page(s) of its own, its page numbers late page content: its title
 * as a chapter's heading (and a bookmark), then its entries (contents.c) — the contents when list < 0, else
 * the list of tables or of figures. */
static void front_list(zw_lay *L, const char *title, int list) {
    L->chapter = list < 0 ? ZW_CH_FRONT : ZW_CH_LIST(list);
    L->recto = L->st->duplex && L->st->chapter_right_page;
    zw_text t = plain_text(L, title);
    heading(L, &t, 1, &L->st->heading[0]);
    if (list < 0) zw_lay_contents(L);
    else zw_lay_list(L, list);
    L->pending = 0;
    zw_lay_penalty(L, -ZW_VINF);   /* what follows starts a page */
}

/* The contents, when it lists anything, and the lists of tables and figures the layout asks for, when
 * there is a caption to list. */
static void contents(zw_lay *L) {
    const zw_contents *c = &L->st->contents;
    bool any = false;
    for (size_t i = 0; i < L->nsects && !any; i++) any = L->sects[i]->level <= c->depth;
    if (c->title && *c->title && any) front_list(L, c->title, -1);
    for (int k = 0; k < ZW_NLISTS; k++) {
        if (L->lists[k].n) front_list(L, c->lists[k], k);
        else if (c->lists[k] && *c->lists[k])   /* asked for, and nothing to list: say so rather than drop it */
            zw_diag(L->d, ZW_WARNING, c->lists_pos[k], "the layout asks for a list of %s ('%s'), but no %s in %s has "
                    "a caption: there is no list (only captioned ones are listed)", k ? "figures" : "tables",
                    c->lists[k], k ? "image or chart" : "table", L->doc->path);
    }
}

static void chapters(zw_lay *L) {
    for (size_t i = 0; i < L->doc->nchapters && !L->oom && !L->stop; i++) {
        L->chapter = (int)i;
        zw_arena_reset(L->set.lines);   /* the lines set so far have all become runs */
        if (L->st->chapter_new_page || L->st->chapter_right_page) { L->pending = 0; zw_lay_penalty(L, -ZW_VINF); }
        L->recto = L->st->duplex && L->st->chapter_right_page;
        if (!flush(L, false)) return;   /* the pages before this chapter, as far as they are finished */
        if (L->st->note_numbering == ZW_NUMBER_CHAPTER) zw_lay_restart_notes(L);
        section(L, &L->doc->chapters[i]);
    }
}

static void report_overfull(zw_lay *L, const zw_pages *pg) {
    if (!pg->overfull) return;
    zw_diag(L->d, ZW_WARNING, (zw_pos){L->doc->path, 0, 0},
            "%zu box(es) taller than the text area were placed anyway and run past the bottom margin",
            pg->overfull);
}

/* A field the header or footer prints that the document leaves empty ({date} without a date) would print
 * nothing, and nobody would notice: warned once per field, at the data's `document:`, with a note at the
 * template. */
static void warn_empty_fields(zw_lay *L) {
    static const char *const field[] = {"{date}", "{status}", "{year}"}, *const key[] = {"date", "status", "year"};
    static const char *const slot[] = {"left", "center", "right"};
    const bool empty[] = {!L->doc->date, !L->doc->status, !L->doc->year};
    for (int k = 0; k < 3; k++)
        for (int i = 0; empty[k] && i < 6; i++) {
            const zw_furniture *f = i < 3 ? &L->st->header : &L->st->footer;
            if (!f->text[i % 3] || !strstr(f->text[i % 3], field[k])) continue;
            zw_diag(L->d, ZW_WARNING, L->doc->meta_pos, "the layout prints %s in the %s, but the document has no "
                    "'%s': it prints nothing there; add '%s:' under 'document:'", field[k], i < 3 ? "header" : "footer",
                    key[k], key[k]);
            if (f->pos[i % 3].file) zw_diag(L->d, ZW_NOTE, f->pos[i % 3], "the %s's %s template", i < 3 ? "header" : "footer",
                                           slot[i % 3]);
            break;
        }
}

/* A copy of s (or NULL) that lives as long as the display list: the model and the style may not. */
static const char *keep(zw_lay *L, const char *s) {
    return s ? zw_arena_strndup(L->doc_a, s, strlen(s)) : NULL;
}

/* The draft mark of a document whose status the layout names: a bold text as wide as three fifths of the
 * page's diagonal. */
static bool watermark(zw_lay *L) {
    const zw_style *st = L->st;
    const char *status = L->doc->status, *text = st->watermark;
    bool named = false;
    for (int i = 0; status && i < st->nwatermark_statuses && !named; i++)
        named = !strcasecmp(status, st->watermark_statuses[i]);
    if (!named || !text || !*text) return true;
    if (!(text = keep(L, text))) return false;
    int face = st->families[0].face[ZW_BOLD];
    size_t len = strlen(text);
    double w1 = L->m->width(L->m->ctx, face, 1, text, len);
    if (!(w1 > 0)) return true;
    double size = 0.6 * hypot(st->page_w, st->page_h) / w1;
    L->dl->watermark = (zw_watermark){{0, 0, w1 * size, L->m->ascent(L->m->ctx, face) * size / 1000,
                                       L->m->descent(L->m->ctx, face) * size / 1000, face, 0, 0, 0, size, text, len,
                                       ZW_ROLE_ARTIFACT, -1, NULL, zw_lay_kern(L, face, text, len), NULL},
                                      st->watermark_grey};
    return !L->oom;
}

static bool start(zw_lay *L, const zw_fonts *fonts) {
    warn_empty_fields(L);
    L->dl = zw_display_new();
    L->vnote_of = zw_arena_alloc(L->doc_a, (L->doc->nnotes + 1) * sizeof *L->vnote_of);
    L->note_num = zw_arena_alloc(L->doc_a, (L->doc->nnotes + 1) * sizeof *L->note_num);        /* zeroed */
    L->note_label = zw_arena_alloc(L->doc_a, (L->doc->nnotes + 1) * sizeof *L->note_label);
    if (!L->dl || !L->vnote_of || !L->note_num || !L->note_label) return false;
    for (size_t i = 0; i < L->doc->nnotes; i++) L->vnote_of[i] = -1;
    L->first_appendix = (int)L->doc->nchapters;
    for (size_t i = L->doc->nchapters; i-- > 0 && L->doc->chapters[i].appendix;) L->first_appendix = (int)i;
    L->num_part = 0;   /* front matter, before the first page */
    L->num_appendix = -1;
    L->parent = zw_display_add_elem(L->dl, ZW_ROLE_DOCUMENT, -1);   /* element 0 */
    L->table_parent = -1;
    if (L->parent != 0) return false;
    const zw_doc *doc = L->doc;   /* the PDF's metadata, kept as the display list is (the model may go first) */
    L->dl->title = keep(L, doc->title);
    L->dl->author = keep(L, doc->organisation);
    L->dl->subject = keep(L, doc->subtitle ? doc->subtitle : doc->title);
    L->dl->lang = keep(L, doc->lang);
    L->dl->date = keep(L, doc->date);
    L->dl->identifier = keep(L, doc->identifier);
    L->dl->adopted = keep(L, doc->adopted);
    L->dl->greyscale = L->st->greyscale;
    const char **kw = zw_arena_alloc(L->doc_a, (doc->nkeywords + 1) * sizeof *kw);
    zw_image *img = zw_arena_alloc(L->doc_a, (doc->nimages + 1) * sizeof *img);
    if (!kw || !img) return false;
    for (size_t i = 0; i < doc->nkeywords; i++) kw[i] = keep(L, doc->keywords[i]);
    L->dl->keywords = kw;
    L->dl->nkeywords = doc->nkeywords;
    const char **langs = zw_arena_alloc(L->doc_a, (doc->nlangs + 1) * sizeof *langs);   /* runs' languages */
    if (!langs) return false;
    for (size_t i = 0; i < doc->nlangs; i++) langs[i] = keep(L, doc->langs[i]);
    L->langs = langs;
    for (size_t i = 0; i < doc->nimages; i++) {   /* the PDF writer reads them when a page first shows them */
        img[i] = doc->images[i];
        img[i].path = keep(L, img[i].path);
    }
    L->dl->images = img;
    L->dl->nimages = doc->nimages;
    L->dl->nfaces = zw_fonts_count(fonts);
    L->dl->faces = zw_arena_alloc(L->doc_a, (L->dl->nfaces + 1) * sizeof *L->dl->faces);
    if (!L->dl->faces) return false;
    for (size_t i = 0; i < L->dl->nfaces; i++) L->dl->faces[i] = zw_fonts_path(fonts, (int)i);
    if (!watermark(L) || !zw_lay_refs_start(L)) return false;
    if (L->stream) {
        zw_arena *chunk = zw_arena_new();
        if (!chunk) return false;
        zw_lay_use_arena(L, chunk);
    }
    L->set.scratch = zw_set_scratch_new();   /* reused by every paragraph; NULL: the setter still works */
    L->set.lines = zw_arena_new();           /* set lines, emptied per chapter; NULL: they go to `a` */
    L->kc = zw_lay_kcache_new();             /* NULL: runs are kerned without it */
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
    free(L->tmarks);
    free(L->pend);
    free(L->xrefs);
    free(L->clates);
    for (size_t i = 0; i < L->nchunks; i++) zw_arena_drop(L->chunks[i].a);
    free(L->chunks);
    if (L->a != L->doc_a) zw_arena_drop(L->a);
    return ok;
}

zw_display *zw_layout(zw_arena *a, zw_diags *d, const zw_doc *doc, const zw_style *st, const zw_metrics *m,
                      zw_hyphenator *h, const zw_fonts *fonts, const zw_sink *sink) {
    zw_lay L = {.a = a, .doc_a = a, .d = d, .doc = doc, .st = st, .m = m, .chapter = -1, .sink = sink,
                .page_chapter = -1};
    L.set = (zw_setter){.arena = a, .diags = d, .metrics = m, .hyph = h, .mark = zw_lay_mark, .mark_ctx = &L};
    L.stream = sink != NULL;
    L.measure = st->page_w - st->margin_inner - st->margin_outer;
    double area_h = st->page_h - st->margin_top - st->margin_bottom, land_w, land_h;
    zw_lay_area(st, true, &land_w, &land_h);
    zw_pager_init(&L.pager, area_h, land_h, st->footnote.leading);
    bool ok = start(&L, fonts);
    if (ok && st->title_page) title_page(&L, area_h);
    if (ok) contents(&L);
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
