/* plain.c — the document model as a data file of plain blocks (zw_plain.h): block-style YAML, every
 * text double-quoted, its spans turned back into inline markup (style changes as the toggles the parser
 * reads, footnote marks as [^key], no-break spaces as ~, markup characters escaped). */
#include "zw_plain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pw {
    FILE *f;
    const zw_doc *doc;   /* the document written (its image files) */
} pw;

static void indent(pw *w, int depth) { fprintf(w->f, "%*s", 2 * depth, ""); }

/* s[0..n) inside a double-quoted YAML string: quotes and backslashes escaped; `markup` also escapes
 * the characters inline markup reads (their backslash doubled for YAML) and writes U+00A0 as ~. */
static void put_chars(pw *w, const char *s, size_t n, bool markup) {
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (markup && c == '\xC2' && i + 1 < n && s[i + 1] == '\xA0') { fputc('~', w->f); i++; continue; }
        if (markup && strchr("*^[~{}", c)) fputs("\\\\", w->f);
        if (c == '"' || c == '\\') fputc('\\', w->f);
        if (markup && c == '\\') fputs("\\\\", w->f);
        fputc(c, w->f);
    }
}

static void put_string(pw *w, const char *s) {
    fputc('"', w->f);
    put_chars(w, s, strlen(s), false);
    fputc('"', w->f);
}

/* The toggles from style `from` to `to` (bold before italic, so "***" reads as bold and italic); a
 * {nohyphen} stands inside a {lang} (closed first, opened last). */
static void toggles(pw *w, unsigned from, unsigned to) {
    unsigned x = from ^ to;
    int lf = zw_span_lang(from), lt = zw_span_lang(to);
    if ((from & ZW_NOHYPH) && (!(to & ZW_NOHYPH) || lf != lt)) fputc('}', w->f);
    if (lf && lf != lt) fputc('}', w->f);
    if (x & ZW_BOLD) fputs("**", w->f);
    if (x & ZW_ITALIC) fputc('*', w->f);
    if (x & ZW_SUP) fputc('^', w->f);
    if (lt && lf != lt && (size_t)lt <= w->doc->nlangs) fprintf(w->f, "{lang %s ", w->doc->langs[lt - 1]);
    if ((to & ZW_NOHYPH) && (!(from & ZW_NOHYPH) || lf != lt)) fputs("{nohyphen ", w->f);
}

static void put_text(pw *w, const zw_text *t) {
    unsigned style = 0;
    fputc('"', w->f);
    for (size_t i = 0; i < t->n; i++) {
        const zw_span *sp = &t->spans[i];
        if (sp->kind == ZW_SPAN_NOTE_REF) { fprintf(w->f, "[^%s]", sp->note->key); continue; }
        if (sp->kind == ZW_SPAN_BREAK) { fputs("\\\\\\n", w->f); continue; }
        toggles(w, style, sp->style);
        style = sp->style;
        put_chars(w, sp->text, sp->len, true);
    }
    toggles(w, style, 0);
    fputc('"', w->f);
}

static void blocks(pw *w, const zw_block *b, size_t n, int depth);

/* ---- lists ------------------------------------------------------------------------------------ */

static void list_item(pw *w, const zw_list *l, size_t i, int depth) {
    const zw_block *b = l->items[i];
    size_t n = l->item_n[i];
    bool one = n == 1 && b[0].kind == ZW_BLK_PARAGRAPH;
    const char *label = l->labels ? l->labels[i] : NULL;
    indent(w, depth);
    if (label) {
        fputs("- label: ", w->f);
        put_string(w, label);
        fputc('\n', w->f);
        indent(w, depth + 1);
        if (one) { fputs("text: ", w->f); put_text(w, &b[0].text); fputc('\n', w->f); return; }
        fputs("blocks:\n", w->f);
        blocks(w, b, n, depth + 2);
        return;
    }
    if (one) { fputs("- ", w->f); put_text(w, &b[0].text); fputc('\n', w->f); return; }
    fputs("-\n", w->f);
    blocks(w, b, n, depth + 1);
}

static void list(pw *w, const zw_list *l, int depth) {
    indent(w, depth);
    fputs("- list:\n", w->f);
    if (l->numbered) { indent(w, depth + 2); fprintf(w->f, "numbered: true\n"); }
    if (l->start != 1) { indent(w, depth + 2); fprintf(w->f, "start: %d\n", l->start); }
    indent(w, depth + 2);
    fputs(l->n ? "items:\n" : "items: []\n", w->f);
    for (size_t i = 0; i < l->n; i++) list_item(w, l, i, depth + 3);
}

/* ---- tables ----------------------------------------------------------------------------------- */

static const char *const align_names[] = {"default", "left", "right", "center", "justify", "decimal"};
static const char *const valign_names[] = {"default", "top", "middle", "bottom"};

static void column(pw *w, const zw_column *c) {
    fputs("{width: ", w->f);
    if (c->unit == ZW_W_AUTO) fputs("auto", w->f);
    else fprintf(w->f, c->unit == ZW_W_FR ? "%gfr" : "%gpt", c->width);
    if (c->align) fprintf(w->f, ", align: %s", align_names[c->align]);
    if (c->valign) fprintf(w->f, ", valign: %s", valign_names[c->valign]);
    if (c->header) fputs(", header: true", w->f);
    fputc('}', w->f);
}

static void cell_paras(pw *w, const zw_cell *c) {
    if (c->n == 1) { put_text(w, &c->paras[0]); return; }
    fputc('[', w->f);
    for (uint32_t i = 0; i < c->n; i++) {
        if (i) fputs(", ", w->f);
        put_text(w, &c->paras[i]);
    }
    fputc(']', w->f);
}

static void cell(pw *w, const zw_cell *c) {
    bool plain = c->colspan == 1 && c->rowspan == 1 && !c->align && !c->valign;
    if (plain) { cell_paras(w, c); return; }
    fputs("{text: ", w->f);
    cell_paras(w, c);
    if (c->colspan != 1) fprintf(w->f, ", colspan: %d", c->colspan);
    if (c->rowspan != 1) fprintf(w->f, ", rowspan: %d", c->rowspan);
    if (c->align) fprintf(w->f, ", align: %s", align_names[c->align]);
    if (c->valign) fprintf(w->f, ", valign: %s", valign_names[c->valign]);
    fputc('}', w->f);
}

static void cells(pw *w, const zw_row *r) {
    fputc('[', w->f);
    for (uint32_t i = 0; i < r->n; i++) {
        if (i) fputs(", ", w->f);
        cell(w, &r->cells[i]);
    }
    fputc(']', w->f);
}

static void row(pw *w, const zw_row *r, int depth) {
    indent(w, depth);
    fputs("- ", w->f);
    if (r->kind == ZW_ROW_GROUP) {
        fputs("group: ", w->f);
        const zw_cell *c = &r->cells[0];
        if (c->align || c->valign) { fputs("{text: ", w->f); cell_paras(w, c); fputc('}', w->f); }
        else cell_paras(w, c);
    } else {
        if (r->kind == ZW_ROW_TOTAL) fputs("total: ", w->f);
        cells(w, r);
    }
    fputc('\n', w->f);
}

static void table(pw *w, const zw_table *t, int depth) {
    static const char *const places[] = {"default", "page", "table"};
    indent(w, depth);
    fputs("- table:\n", w->f);
    if (t->id) { indent(w, depth + 2); fputs("id: ", w->f); put_string(w, t->id); fputc('\n', w->f); }
    if (t->caption.n) { indent(w, depth + 2); fputs("caption: ", w->f); put_text(w, &t->caption); fputc('\n', w->f); }
    indent(w, depth + 2);
    fputs("columns:\n", w->f);
    for (uint32_t i = 0; i < t->ncols; i++) { indent(w, depth + 3); fputs("- ", w->f); column(w, &t->cols[i]); fputc('\n', w->f); }
    if (t->nheader) { indent(w, depth + 2); fputs("header:\n", w->f); }
    for (uint32_t i = 0; i < t->nheader; i++) { indent(w, depth + 3); fputs("- ", w->f); cells(w, &t->rows[i]); fputc('\n', w->f); }
    indent(w, depth + 2);
    fputs(t->nrows > t->nheader ? "rows:\n" : "rows: []\n", w->f);
    for (uint32_t i = t->nheader; i < t->nrows; i++) row(w, &t->rows[i], depth + 3);
    if (t->notes) { indent(w, depth + 2); fprintf(w->f, "notes: %s\n", places[t->notes]); }
    if (t->landscape) { indent(w, depth + 2); fputs("landscape: true\n", w->f); }
    if (t->size > 0) { indent(w, depth + 2); fprintf(w->f, "size: %gpt\n", t->size); }
}

/* ---- images and charts ------------------------------------------------------------------------ */

/* An image file by its full path: the plain file may be written to another folder than the data's. */
static void image_path(pw *w, const zw_image *img) {
    char *full = realpath(img->path, NULL);
    put_string(w, full ? full : img->path);
    free(full);
}

static void picture(pw *w, const zw_picture *p, int depth) {
    static const char *const aligns[] = {[ZW_ALIGN_LEFT] = "left", [ZW_ALIGN_CENTER] = "center",
                                         [ZW_ALIGN_RIGHT] = "right"};
    indent(w, depth);
    fputs("- image:\n", w->f);
    indent(w, depth + 2); fputs("file: ", w->f); image_path(w, &w->doc->images[p->image]); fputc('\n', w->f);
    if (p->width > 0) { indent(w, depth + 2); fprintf(w->f, "width: %.17gpt\n", p->width); }
    if (p->width < 0) { indent(w, depth + 2); fprintf(w->f, "width: %.17g%%\n", -p->width * 100); }
    if (p->align != ZW_ALIGN_DEFAULT) { indent(w, depth + 2); fprintf(w->f, "align: %s\n", aligns[p->align]); }
    if (p->caption.n) { indent(w, depth + 2); fputs("caption: ", w->f); put_text(w, &p->caption); fputc('\n', w->f); }
    if (p->alt) { indent(w, depth + 2); fputs("alt: ", w->f); put_string(w, p->alt); fputc('\n', w->f); }
}

/* A chart's own numbers: with the decimals they were written with, a comma before them (never a point,
 * which could read as a thousands separator), the mark where there is none. */
static void chart_values(pw *w, const zw_chart *c, const zw_series *s) {
    fputs("[", w->f);
    for (size_t k = 0; k < c->ncats; k++) {
        if (k) fputs(", ", w->f);
        if (!isfinite(s->v[k])) { put_string(w, s->mark[k]); continue; }
        char num[64];
        snprintf(num, sizeof num, "%.*f", c->decimals, s->v[k]);
        char *dot = strchr(num, '.');
        if (dot) *dot = ',';
        put_string(w, num);
    }
    fputs("]", w->f);
}

static void selectors(pw *w, const char *key, const zw_sel *sel, size_t n, int depth) {
    if (!sel) return;
    indent(w, depth);
    fprintf(w->f, "%s: [", key);
    for (size_t i = 0; i < n; i++) { if (i) fputs(", ", w->f); put_string(w, sel[i].text); }
    fputs("]\n", w->f);
}

/* A chart as written: a table's by its id and the rows and columns it chooses (the plain file has the
 * table), its own series with their numbers. */
static void chart(pw *w, const zw_chart *c, int depth) {
    static const char *const kinds[] = {"bar", "columns", "stacked", "line", "donut", "pie"};
    static const char *const units[] = {"number", "euro", "percent"};
    indent(w, depth);
    fprintf(w->f, "- chart:\n");
    indent(w, depth + 2); fprintf(w->f, "type: %s\n", kinds[c->kind]);
    if (c->caption.n) { indent(w, depth + 2); fputs("caption: ", w->f); put_text(w, &c->caption); fputc('\n', w->f); }
    if (c->alt) { indent(w, depth + 2); fputs("alt: ", w->f); put_string(w, c->alt); fputc('\n', w->f); }
    if (c->table) {
        indent(w, depth + 2); fputs("table: ", w->f); put_string(w, c->table); fputc('\n', w->f);
        selectors(w, "rows", c->rows, c->nrows, depth + 2);
        selectors(w, "columns", c->cols, c->ncols, depth + 2);
        if (c->along >= 0) { indent(w, depth + 2); fprintf(w->f, "categories: %s\n", c->along ? "columns" : "rows"); }
    } else {
        indent(w, depth + 2); fputs("categories: [", w->f);
        for (size_t k = 0; k < c->ncats; k++) { if (k) fputs(", ", w->f); put_string(w, c->cats[k]); }
        fputs("]\n", w->f);
        indent(w, depth + 2); fputs("series:\n", w->f);
        for (size_t s = 0; s < c->nseries; s++) {
            indent(w, depth + 3); fputs("- {name: ", w->f); put_string(w, c->series[s].name);
            fputs(", values: ", w->f); chart_values(w, c, &c->series[s]); fputs("}\n", w->f);
        }
    }
    if (c->unit >= 0) { indent(w, depth + 2); fprintf(w->f, "unit: %s\n", units[c->unit]); }
    else if (!c->table && (c->euro || c->percent)) { indent(w, depth + 2); fprintf(w->f, "unit: %s\n", c->euro ? "euro" : "percent"); }
    if (c->scale != 1) { indent(w, depth + 2); fprintf(w->f, "scale: %.0f\n", c->scale); }
    if (c->width > 0) { indent(w, depth + 2); fprintf(w->f, "width: %.17gpt\n", c->width); }
    if (c->width < 0) { indent(w, depth + 2); fprintf(w->f, "width: %.17g%%\n", -c->width * 100); }
    if (c->height > 0) { indent(w, depth + 2); fprintf(w->f, "height: %.17gpt\n", c->height); }
}

/* ---- sections and blocks ---------------------------------------------------------------------- */

static void section_body(pw *w, const zw_section *s, int depth) {
    fputs("title: ", w->f);
    put_text(w, &s->title);
    fputc('\n', w->f);
    if (s->running) { indent(w, depth); fputs("running-title: ", w->f); put_string(w, s->running); fputc('\n', w->f); }
    if (s->appendix) { indent(w, depth); fputs("appendix: true\n", w->f); }
    if (!s->numbered) { indent(w, depth); fputs("numbered: false\n", w->f); }
    if (s->id) { indent(w, depth); fputs("id: ", w->f); put_string(w, s->id); fputc('\n', w->f); }
    if (!s->n) return;
    indent(w, depth);
    fputs("blocks:\n", w->f);
    blocks(w, s->blocks, s->n, depth + 1);
}

static void text_block(pw *w, const char *kind, const zw_text *t, int depth) {
    indent(w, depth);
    fprintf(w->f, "- %s: ", kind);
    put_text(w, t);
    fputc('\n', w->f);
}

static void blocks(pw *w, const zw_block *b, size_t n, int depth) {
    for (size_t i = 0; i < n; i++) {
        switch (b[i].kind) {
        case ZW_BLK_HEADING: text_block(w, "heading", &b[i].text, depth); break;
        case ZW_BLK_PARAGRAPH:
            if (!b[i].style) { text_block(w, "paragraph", &b[i].text, depth); break; }
            indent(w, depth);   /* a paragraph naming a style of the layout */
            fputs("- paragraph: {style: ", w->f);
            put_string(w, b[i].style);
            fputs(", text: ", w->f);
            put_text(w, &b[i].text);
            fputs("}\n", w->f);
            break;
        case ZW_BLK_LIST: list(w, &b[i].list, depth); break;
        case ZW_BLK_TABLE: table(w, &b[i].table, depth); break;
        case ZW_BLK_SECTION:
            indent(w, depth);
            fputs("- section:\n", w->f);
            indent(w, depth + 2);
            section_body(w, b[i].section, depth + 2);
            break;
        case ZW_BLK_PAGEBREAK: indent(w, depth); fputs("- pagebreak: true\n", w->f); break;
        case ZW_BLK_IMAGE: picture(w, b[i].picture, depth); break;
        case ZW_BLK_CHART: chart(w, b[i].chart, depth); break;
        case ZW_BLK_BUDGET: break;   /* (lowered before: none left) */
        }
    }
}

/* ---- the document ----------------------------------------------------------------------------- */

static void meta(pw *w, const char *key, const char *value) {
    if (!value) return;
    fprintf(w->f, "  %s: ", key);
    put_string(w, value);
    fputc('\n', w->f);
}

static void document(pw *w, const zw_doc *d, const char *layout) {
    static const char *const types[] = {"begroting", "jaarstukken"};
    fputs("document:\n", w->f);
    meta(w, "organisation", d->organisation);
    meta(w, "title", d->title);
    meta(w, "subtitle", d->subtitle);
    if (d->year) fprintf(w->f, "  year: %d\n", d->year);
    if (d->date) fprintf(w->f, "  date: %s\n", d->date);
    meta(w, "status", d->status);
    meta(w, "layout", layout ? layout : d->layout);
    meta(w, "lang", d->lang);
    if (d->type >= 0) fprintf(w->f, "  type: %s\n", types[d->type]);
    meta(w, "identifier", d->identifier);
    if (d->adopted) fprintf(w->f, "  adopted: %s\n", d->adopted);
    if (d->nkeywords) fputs("  keywords:\n", w->f);
    for (size_t i = 0; i < d->nkeywords; i++) { fputs("    - ", w->f); put_string(w, d->keywords[i]); fputc('\n', w->f); }
    if (d->logo >= 0) {
        fputs("  logo: {file: ", w->f);
        image_path(w, &d->images[d->logo]);
        fputs(", alt: ", w->f);
        put_string(w, d->logo_alt);
        fputs("}\n", w->f);
    }
    if (d->nhyph_except) fputs("  hyphenation:\n", w->f);
    for (size_t i = 0; i < d->nhyph_except; i++) { fputs("    - ", w->f); put_string(w, d->hyph_except[i]); fputc('\n', w->f); }
}

static void footnotes(pw *w, const zw_doc *d) {
    static const char *const places[] = {"default", "page", "table"};
    if (d->nnotes) fputs("footnotes:\n", w->f);
    for (size_t i = 0; i < d->nnotes; i++) {
        const zw_note *n = d->notes[i];
        fprintf(w->f, "  %s:", n->key);
        if (n->place) {
            fprintf(w->f, "\n    place: %s\n    text: ", places[n->place]);
        } else fputc(' ', w->f);
        put_text(w, &n->text);
        fputc('\n', w->f);
    }
}

bool zw_plain_write(const zw_doc *doc, const char *layout, FILE *f) {
    pw w = {f, doc};
    fputs("# The document as plain blocks, written by zetwerk --dump-plain from ", f);
    fputs(doc->path ? doc->path : "its data file", f);
    fputs(".\n", f);
    document(&w, doc, layout);
    fputs("chapters:\n", f);
    for (size_t i = 0; i < doc->nchapters; i++) {
        fputs("  - ", f);
        section_body(&w, &doc->chapters[i], 2);
    }
    footnotes(&w, doc);
    return !ferror(f);
}
