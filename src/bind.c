/* bind.c — data file value tree → validated document model (zw_doc).
 *
 * Reports every problem it finds (unknown keys with hints, missing keys at the parent, wrong types,
 * undefined footnotes) and returns NULL if there was any error.  See docs/data-format.md. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bind_int.h"
#include "zw_csv.h"

#define ZW_MAX_SECTION_DEPTH 6
#define NOTE_HASH_FROM 16     /* with this many footnotes or more, marks find theirs through a hash */

static size_t key_hash(const char *k) {   /* FNV-1a */
    size_t h = 2166136261u;
    for (; *k; k++) h = (h ^ (unsigned char)*k) * 16777619u;
    return h;
}

/* The hash slot holding the note with this key, or the empty slot where it belongs. */
static size_t *note_slot(const binder *b, const char *key) {
    size_t i = key_hash(key) & b->note_mask;
    while (b->note_slots[i] && strcmp(b->doc->notes[b->note_slots[i] - 1]->key, key)) i = (i + 1) & b->note_mask;
    return &b->note_slots[i];
}

/* Hash the notes by key when there are many, so that marks do not search them all; the first of equal
 * keys wins, as in the search.  Without memory for it, lookup_note searches. */
static void index_notes(binder *b) {
    size_t n = b->doc->nnotes, ns = 32;
    if (n < NOTE_HASH_FROM) return;
    while (ns < 2 * n) ns *= 2;
    b->note_slots = zw_xmalloc(ns * sizeof *b->note_slots);
    if (!b->note_slots) return;
    memset(b->note_slots, 0, ns * sizeof *b->note_slots);
    b->note_mask = ns - 1;
    for (size_t i = 0; i < n; i++) {
        size_t *s = note_slot(b, b->doc->notes[i]->key);
        if (!*s) *s = i + 1;
    }
}

/* The note with this key, or NULL. */
static zw_note *find_note(const binder *b, const char *key) {
    zw_note *note = NULL;
    if (b->note_slots) {
        size_t s = *note_slot(b, key);
        note = s ? b->doc->notes[s - 1] : NULL;
    } else {
        for (size_t i = 0; i < b->doc->nnotes && !note; i++)
            if (!strcmp(b->doc->notes[i]->key, key)) note = b->doc->notes[i];
    }
    return note;
}

static zw_note *lookup_note(void *ctx, const char *key) {
    binder *b = ctx;
    zw_note *note = b->in_note ? NULL : find_note(b, key);
    if (note) note->refs++;
    return note;
}

/* The number of a {lang …} span's language in the document's table, added when new (tags compared
 * without regard to case: en-GB is en-gb); 0 when the table is full. */
static int intern_lang(void *ctx, const char *tag, size_t n) {
    binder *b = ctx;
    zw_doc *doc = b->doc;
    for (size_t i = 0; i < doc->nlangs; i++)
        if (strlen(doc->langs[i]) == n && !strncasecmp(doc->langs[i], tag, n)) return (int)i + 1;
    if (doc->nlangs >= ZW_MAX_LANGS) return 0;
    if (!doc->langs && !(doc->langs = zw_arena_alloc(b->a, ZW_MAX_LANGS * sizeof *doc->langs))) return 0;
    const char *copy = zw_arena_strndup(b->a, tag, n);
    if (!copy) return 0;
    doc->langs[doc->nlangs++] = copy;
    return (int)doc->nlangs;
}

/* The references to ids in a text just parsed, checked once every id is known (check_refs). */
static bool note_refs(binder *b, const zw_text *t) {
    for (size_t i = 0; i < t->n; i++) {
        const zw_span *s = &t->spans[i];
        bool link = s->kind == ZW_SPAN_TEXT && (s->style & ZW_LINK) && s->href[0] == '#';
        if (s->kind != ZW_SPAN_REF && s->kind != ZW_SPAN_PAGE_REF && !link) continue;
        if (link && i > 0 && t->spans[i - 1].kind == ZW_SPAN_TEXT && t->spans[i - 1].href == s->href) continue;
        if (!zw_grow((void **)&b->refs, &b->caprefs, b->nrefs, sizeof *b->refs)) return false;
        const char *id = link ? s->href + 1 : s->text;
        b->refs[b->nrefs++] = (__typeof__(*b->refs)){id, strlen(id), s->pos, s->kind};
    }
    return true;
}

/* Text lost to a comment ("Tekst #2" is "Tekst" in YAML; `paragraph: # Doel` is empty) is said, not dropped
 * in silence (see comment_after in yaml_load.c). */
static void lost_to_comment(binder *b, const zw_value *v, const char *what) {
    if (!v->comment) return;
    if (v->kind == ZW_V_NULL)
        zw_diag(b->d, ZW_WARNING, v->pos, "'%s' is empty: in YAML '#' starts a comment, which is not printed; quote "
                "a text that starts with '#': \"#…\"", what);
    else
        zw_diag(b->d, ZW_WARNING, v->pos, "the text ends where ' #' follows it: in YAML that starts a comment, which "
                "is not printed; quote the text if the '#…' belongs to it");
}

/* Inline text from a scalar (numbers are text too). */
bool zw_bind_text(binder *b, const zw_value *v, const char *what, zw_text *out) {
    lost_to_comment(b, v, what);
    if (v->kind == ZW_V_NULL) { memset(out, 0, sizeof *out); out->pos = v->pos; return true; }
    if (!zw_schema_is(b->d, v, ZW_V_SCALAR, what)) return false;
    const zw_inline_env env = {lookup_note, intern_lang, b};
    bool ok = zw_inline_parse(b->a, b->d, v, &env, out);
    return note_refs(b, out) && ok;   /* (a text with a mistake may still refer to an id: checked too) */
}

void *zw_bind_alloc(binder *b, size_t n, size_t size) {
    return n ? zw_arena_alloc(b->a, n * size) : NULL;
}

/* A copy in the model's arena of a string from the tree, which the caller may drop after binding; the
 * arena's out-of-memory flag is reported at the end of zw_doc_bind. */
const char *zw_bind_keep(binder *b, const char *s) {
    return s ? zw_arena_strndup(b->a, s, strlen(s)) : NULL;
}

/* ---- lists ------------------------------------------------------------------------------------ */

/* One item: a text (one paragraph) or a sequence of blocks. */
static bool bind_item_content(binder *b, const zw_value *it, int level, zw_block **out, size_t *n) {
    if (it->kind == ZW_V_SEQ) return zw_bind_blocks(b, it, level, out, n);
    zw_block *blk = zw_arena_alloc(b->a, sizeof *blk);
    if (!blk) return false;
    blk->kind = ZW_BLK_PARAGRAPH;
    blk->pos = it->pos;
    *out = blk;
    *n = 1;
    return zw_bind_text(b, it, "list item", &blk->text);
}

/* An item with its own label: {label: "1.1", text: …} or {label: …, blocks: […]}. */
static bool bind_labelled_item(binder *b, const zw_value *it, int level, zw_list *l, size_t i) {
    static const char *const keys[] = {"label", "text", "blocks", NULL};
    bool ok = zw_schema_keys(b->d, it, keys, "list item");
    const zw_value *label = zw_schema_need(b->d, it, "label", "list item");
    const zw_value *text = zw_value_lookup(it, "text"), *blocks = zw_value_lookup(it, "blocks");
    if (label && zw_schema_str(b->d, label, "label", &l->labels[i])) l->labels[i] = zw_bind_keep(b, l->labels[i]);
    else ok = false;
    if (!text == !blocks) {
        zw_diag(b->d, ZW_ERROR, it->pos, "a labelled list item has either 'text' or 'blocks'");
        return false;
    }
    if (blocks && !zw_schema_is(b->d, blocks, ZW_V_SEQ, "blocks")) return false;
    return bind_item_content(b, text ? text : blocks, level, &l->items[i], &l->item_n[i]) && ok;
}

static bool bind_list_items(binder *b, const zw_value *seq, int level, zw_list *l) {
    if (!zw_schema_is(b->d, seq, ZW_V_SEQ, "list items")) return false;
    l->n = seq->n;
    l->items = zw_bind_alloc(b, seq->n, sizeof *l->items);
    l->item_n = zw_bind_alloc(b, seq->n, sizeof *l->item_n);
    if (seq->n && (!l->items || !l->item_n)) return false;
    bool ok = true;
    for (size_t i = 0; i < seq->n; i++) {
        const zw_value *it = seq->items[i];
        if (it->kind != ZW_V_MAP) { ok &= bind_item_content(b, it, level, &l->items[i], &l->item_n[i]); continue; }
        if (!l->labels && !(l->labels = zw_bind_alloc(b, seq->n, sizeof *l->labels))) return false;
        ok &= bind_labelled_item(b, it, level, l, i);
    }
    return ok;
}

static bool bind_list(binder *b, const zw_value *v, int level, zw_list *l) {
    l->start = 1;
    if (v->kind == ZW_V_SEQ) return bind_list_items(b, v, level, l);
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "list")) return false;
    static const char *const keys[] = {"numbered", "start", "items", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "list");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "numbered"))) ok &= zw_schema_bool(b->d, x, "numbered", &l->numbered);
    long start = 1;
    if ((x = zw_value_lookup(v, "start"))) ok &= zw_schema_int(b->d, x, "start", 0, 1000000, &start);
    l->start = (int)start;
    if ((x = zw_schema_need(b->d, v, "items", "list"))) ok &= bind_list_items(b, x, level, l);
    else ok = false;
    if (l->numbered && l->labels) {
        zw_diag(b->d, ZW_ERROR, v->pos, "a numbered list cannot also give its items labels");
        ok = false;
    }
    return ok;
}

/* ---- tables ----------------------------------------------------------------------------------- */

static const char *const align_names[] = {"default", "left", "right", "center", "justify", "decimal", NULL};

/* The optional `align` and `valign` keys of a column or a cell. */
static bool bind_aligns(binder *b, const zw_value *v, zw_align *align, zw_valign *valign) {
    static const char *const valigns[] = {"default", "top", "middle", "bottom", NULL};
    bool ok = true;
    const zw_value *x;
    int i;
    if ((x = zw_value_lookup(v, "align"))) {
        if (zw_schema_enum(b->d, x, "align", align_names, &i)) *align = (zw_align)i;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "valign"))) {
        if (zw_schema_enum(b->d, x, "valign", valigns, &i)) *valign = (zw_valign)i;
        else ok = false;
    }
    return ok;
}

static bool bind_column(binder *b, const zw_value *v, zw_column *c) {
    c->unit = ZW_W_FR;
    c->width = 1;
    c->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "column")) return false;
    static const char *const keys[] = {"width", "align", "valign", "header", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "column");
    const zw_value *x;
    bool header = false;
    if ((x = zw_value_lookup(v, "header"))) ok &= zw_schema_bool(b->d, x, "header", &header);
    c->header = header;
    zw_align align = ZW_ALIGN_DEFAULT;
    zw_valign valign = ZW_VALIGN_DEFAULT;
    ok &= bind_aligns(b, v, &align, &valign);
    c->align = (uint8_t)align;
    c->valign = (uint8_t)valign;
    if ((x = zw_value_lookup(v, "width"))) {
        const char *s;
        if (!zw_schema_str(b->d, x, "width", &s)) return false;
        size_t n = strlen(s);
        char *end;
        if (!strcmp(s, "auto")) {
            c->unit = ZW_W_AUTO;
        } else if (n > 2 && !strcmp(s + n - 2, "fr")) {
            c->width = strtod(s, &end);
            if (end != s + n - 2 || !(c->width > 0 && c->width <= 1000)) {
                zw_diag(b->d, ZW_ERROR, x->pos, "column width '%s' must be a positive fraction such as 2fr", s);
                ok = false;
            }
        } else {
            c->unit = ZW_W_PT;
            ok &= zw_schema_length(b->d, x, "width", 1, 10000, &c->width);
        }
    }
    return ok;
}

static bool bind_cell_paras(binder *b, const zw_value *v, zw_cell *c) {
    if (v->kind == ZW_V_SEQ) {
        c->n = v->n;
        c->paras = zw_bind_alloc(b, v->n, sizeof *c->paras);
        bool ok = !v->n || c->paras;
        for (size_t i = 0; i < v->n && ok; i++) ok &= zw_bind_text(b, v->items[i], "cell paragraph", &c->paras[i]);
        return ok;
    }
    c->n = 1;
    c->paras = zw_arena_alloc(b->a, sizeof *c->paras);
    return c->paras && zw_bind_text(b, v, "cell", &c->paras[0]);
}

static bool bind_cell(binder *b, const zw_value *v, zw_cell *c) {
    c->colspan = 1;
    c->rowspan = 1;
    c->pos = v->pos;
    if (v->kind != ZW_V_MAP) return bind_cell_paras(b, v, c);
    static const char *const keys[] = {"text", "colspan", "rowspan", "align", "valign", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "cell");
    const zw_value *x;
    ok &= bind_aligns(b, v, &c->align, &c->valign);
    if ((x = zw_value_lookup(v, "colspan"))) {
        long span;
        if (zw_schema_int(b->d, x, "colspan", 1, 1000, &span)) c->colspan = (int)span;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "rowspan"))) {
        long span;
        if (zw_schema_int(b->d, x, "rowspan", 1, 1000, &span)) c->rowspan = (int)span;
        else ok = false;
    }
    if ((x = zw_schema_need(b->d, v, "text", "cell"))) ok &= bind_cell_paras(b, x, c);
    else ok = false;
    return ok;
}

static bool bind_cells(binder *b, const zw_value *v, zw_row *r) {
    if (!zw_schema_is(b->d, v, ZW_V_SEQ, "row")) return false;
    r->n = v->n;
    r->cells = zw_bind_alloc(b, v->n, sizeof *r->cells);
    bool ok = !v->n || r->cells;
    for (size_t i = 0; i < v->n && r->cells; i++) ok &= bind_cell(b, v->items[i], &r->cells[i]);
    return ok;
}

/* ---- rows from CSV files ---------------------------------------------------------------------- */

/* The options of a {csv: …} row entry: a file name, or {file, separator, header}. */
static bool csv_options(binder *b, const zw_value *v, const char **file, zw_csv_opts *o) {
    *o = (zw_csv_opts){0, true, ZW_NOPOS};
    if (v->kind != ZW_V_MAP) return zw_schema_str(b->d, v, "csv", file);
    static const char *const keys[] = {"file", "separator", "header", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "csv");
    const zw_value *x;
    if ((x = zw_schema_need(b->d, v, "file", "csv"))) ok &= zw_schema_str(b->d, x, "file", file);
    else ok = false;
    if ((x = zw_value_lookup(v, "header"))) ok &= zw_schema_bool(b->d, x, "header", &o->header);
    if ((x = zw_value_lookup(v, "separator"))) {
        static const char *const seps[] = {";", ",", "tab", NULL};
        int k;
        if (zw_schema_enum(b->d, x, "separator", seps, &k)) o->sep = ";,\t"[k];
        else ok = false;
        o->sep_pos = x->pos;
    }
    return ok;
}

/* The rows of the CSV file a {csv: …} entry names, relative to the data file's folder. */
static const zw_value *csv_rows(binder *b, const zw_value *entry) {
    const char *file = NULL;
    zw_csv_opts o;
    if (!csv_options(b, entry, &file, &o)) return NULL;
    const char *path = file[0] == '/' ? file : zw_arena_printf(b->scratch, "%s%s", b->dir, file);
    if (!path) return NULL;
    return zw_csv_load(b->scratch, b->a, b->d, path, o, entry->pos);
}

const zw_value *zw_bind_rows(binder *b, const zw_value *rows) {
    size_t n = 0;
    bool any = false, ok = true;
    const zw_value **got = zw_xmalloc((rows->n + 1) * sizeof *got);
    if (!got) return NULL;
    for (size_t i = 0; i < rows->n; i++) {
        const zw_value *r = rows->items[i], *csv = zw_value_lookup(r, "csv");
        got[i] = NULL;
        if (!csv) { n++; continue; }
        any = true;
        if (r->n != 1) {
            zw_diag(b->d, ZW_ERROR, r->pos, "a {csv: …} row entry has no other keys");
            ok = false;
        } else if ((got[i] = csv_rows(b, csv))) n += got[i]->n;
        else ok = false;
    }
    zw_value *out = any && ok ? zw_arena_alloc(b->scratch, sizeof *out) : NULL;
    zw_value **items = out && n ? zw_arena_take(b->scratch, n * sizeof *items) : NULL;
    if (out && (!n || items)) {
        size_t k = 0;
        for (size_t i = 0; i < rows->n; i++) {
            if (!got[i] && !zw_value_lookup(rows->items[i], "csv")) { items[k++] = rows->items[i]; continue; }
            for (size_t j = 0; j < got[i]->n; j++) items[k++] = got[i]->items[j];
        }
        *out = *rows;
        out->items = items;
        out->n = (uint32_t)n;
    }
    free(got);
    return !ok ? NULL : any ? out : rows;
}

/* ---- table rows ------------------------------------------------------------------------------- */

/* A body row: a list of cells, or {group: text}, {total: [cells]}, {cells: [cells]}. */
static bool bind_row(binder *b, const zw_value *v, zw_row *r) {
    r->pos = v->pos;
    r->kind = ZW_ROW_BODY;
    if (v->kind == ZW_V_SEQ) return bind_cells(b, v, r);
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "row")) return false;
    static const char *const keys[] = {"group", "total", "cells", NULL};
    if (!zw_schema_keys(b->d, v, keys, "row")) return false;
    if (v->n != 1) {
        zw_diag(b->d, ZW_ERROR, v->pos, "a row mapping has exactly one key: group, total or cells");
        return false;
    }
    const char *k = v->keys[0]->str;
    if (!strcmp(k, "group")) {
        r->kind = ZW_ROW_GROUP;
        r->n = 1;
        r->cells = zw_arena_alloc(b->a, sizeof *r->cells);
        return r->cells && bind_cell(b, v->items[0], &r->cells[0]);
    }
    if (!strcmp(k, "total")) r->kind = ZW_ROW_TOTAL;
    return bind_cells(b, v->items[0], r);
}

static size_t row_span(const zw_row *r) {
    size_t w = 0;
    for (size_t i = 0; i < r->n; i++) w += (size_t)r->cells[i].colspan;
    return w;
}

static bool bind_table_rows(binder *b, const zw_value *header, const zw_value *rows, zw_table *t) {
    size_t nh = header ? header->n : 0, nb = rows ? rows->n : 0;
    t->rows = zw_bind_alloc(b, nh + nb, sizeof *t->rows);
    if (nh + nb && !t->rows) return false;
    bool ok = true;
    for (size_t i = 0; i < nh; i++) {
        ok &= bind_cells(b, header->items[i], &t->rows[i]);
        t->rows[i].kind = ZW_ROW_HEADER;
        t->rows[i].pos = header->items[i]->pos;
    }
    for (size_t i = 0; i < nb; i++) ok &= bind_row(b, rows->items[i], &t->rows[nh + i]);
    t->nheader = nh;
    t->nrows = nh + nb;
    return ok;
}

/* Whether a cell spanning rows may start in row i: it ends inside the table, and header cells stay in
 * the header (body cells in the body, which follows it). */
static bool check_rowspan(binder *b, const zw_table *t, size_t i, const zw_cell *c) {
    if (c->rowspan <= 1) return true;
    size_t end = i + (size_t)c->rowspan;
    if (t->rows[i].kind == ZW_ROW_GROUP) {
        zw_diag(b->d, ZW_ERROR, c->pos, "a group row cannot span rows (rowspan %d)", c->rowspan);
        return false;
    }
    if (end > t->nrows) {
        zw_diag(b->d, ZW_ERROR, c->pos, "cell spans %d rows but the table has only %zu row(s) from here on",
                c->rowspan, t->nrows - i);
        return false;
    }
    if (i < t->nheader && end > t->nheader) {
        zw_diag(b->d, ZW_ERROR, c->pos, "a header cell spans %d rows but the header has only %zu row(s) from here on",
                c->rowspan, t->nheader - i);
        return false;
    }
    return true;
}

/* Put each cell of row i in its first column (cell.col), after the columns that cells of rows above
 * still cover (below[c] > 0: rows they still cover, this one included); returns the columns the row
 * uses, covered ones included, and how many of those are covered in *covered.  Only the first *live
 * entries of below can be non-zero, so a row costs its own width, not the table's. */
static size_t place_row(binder *b, zw_table *t, size_t i, size_t *below, size_t cap, size_t *live,
                        size_t *covered, bool *ok) {
    zw_row *r = &t->rows[i];
    size_t c = 0, used = 0;
    *covered = 0;
    for (size_t k = 0; k < *live; k++)
        if (below[k]) { used = k + 1; ++*covered; }
    if (r->kind == ZW_ROW_GROUP && *covered) {
        zw_diag(b->d, ZW_ERROR, r->pos, "a group row cannot stand in rows that a cell above spans");
        *ok = false;
    }
    for (size_t j = 0; j < r->n; j++) {
        zw_cell *cell = &r->cells[j];
        while (c < cap && below[c]) c++;
        cell->col = c;
        *ok &= check_rowspan(b, t, i, cell);
        for (size_t k = c; k < c + (size_t)cell->colspan && k < cap; k++) {
            if (below[k]) {
                zw_diag(b->d, ZW_ERROR, cell->pos, "cell overlaps a cell spanning rows from a row above");
                *ok = false;
            }
            below[k] = cell->rowspan > 1 && r->kind != ZW_ROW_GROUP ? (size_t)cell->rowspan : 1;
            if (k >= *live) *live = k + 1;
        }
        c += (size_t)cell->colspan;
        if (c > used) used = c;
    }
    for (size_t k = 0; k < *live; k++)
        if (below[k]) below[k]--;
    while (*live && !below[*live - 1]) --*live;
    return used;
}

/* Columns of every cell, the table's width when it has no columns, and rows too wide or rowspans that
 * do not fit. */
static bool check_table_shape(binder *b, zw_table *t) {
    size_t cap = 1;
    for (size_t i = 0; i < t->nrows; i++) cap += row_span(&t->rows[i]);
    /* scratch for this table only: malloc'd, not left in the document's arena */
    size_t *below = zw_xmalloc(cap * sizeof *below), *used = zw_xmalloc((t->nrows + 1) * sizeof *used),
           *covered = zw_xmalloc((t->nrows + 1) * sizeof *covered);
    if (!below || !used || !covered) {
        free(below); free(used); free(covered);
        zw_diag(b->d, ZW_ERROR, t->rows ? t->rows[0].pos : ZW_NOPOS, "out of memory");
        return false;
    }
    memset(below, 0, cap * sizeof *below);
    bool ok = true;
    size_t w = 0, live = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        used[i] = place_row(b, t, i, below, cap, &live, &covered[i], &ok);
        if (t->rows[i].kind != ZW_ROW_GROUP && used[i] > w) w = used[i];
    }
    if (!t->ncols) {
        t->ncols = w ? w : 1;
        t->cols = zw_bind_alloc(b, t->ncols, sizeof *t->cols);
        if (!t->cols) ok = false;
        for (size_t i = 0; t->cols && i < t->ncols; i++)
            t->cols[i] = (zw_column){.unit = ZW_W_FR, .width = 1};
    }
    for (size_t i = 0; t->cols && i < t->nrows; i++) {
        zw_row *r = &t->rows[i];
        if (r->kind == ZW_ROW_GROUP) { r->cells[0].colspan = (int)t->ncols; continue; }
        if (used[i] <= t->ncols) continue;
        if (covered[i])
            zw_diag(b->d, ZW_ERROR, r->pos, "row has %zu cells beside %zu column(s) covered by cells spanning rows from "
                    "above, but the table has %zu columns", row_span(r), covered[i], (size_t)t->ncols);
        else
            zw_diag(b->d, ZW_ERROR, r->pos, "row has %zu cells but the table has %zu columns", row_span(r), (size_t)t->ncols);
        ok = false;
    }
    free(below); free(used); free(covered);
    return ok;
}

/* `id:` of a section or table: a name other text refers to (a cross-reference, a chart's data), unique
 * in the document among ids and footnote keys, of letters, digits and - _ . (so it reads the same in a
 * reference). */
bool zw_bind_id(binder *b, const zw_value *v, const char **out) {
    const char *id;
    if (!zw_schema_str(b->d, v, "id", &id)) return false;
    size_t n = strlen(id);
    if (n == 0 || strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != n) {
        zw_diag(b->d, ZW_ERROR, v->pos, "an id is letters, digits, '-', '_' and '.', not '%s'", id);
        return false;
    }
    for (size_t i = 0; i < b->nids; i++)
        if (!strcmp(b->ids[i].id, id)) {
            zw_diag(b->d, ZW_ERROR, v->pos, "id '%s' is used twice", id);
            zw_diag(b->d, ZW_NOTE, b->ids[i].pos, "first used here");
            return false;
        }
    const zw_note *note = find_note(b, id);
    if (note) {
        zw_diag(b->d, ZW_ERROR, v->pos, "id '%s' is also a footnote's name: a reference to it would not say which",
                id);
        zw_diag(b->d, ZW_NOTE, note->pos, "the footnote");
        return false;
    }
    *out = zw_arena_strndup(b->a, id, n);
    if (!*out || !zw_grow((void **)&b->ids, &b->capids, b->nids, sizeof *b->ids)) return false;
    b->ids[b->nids].id = *out;
    b->ids[b->nids].table = b->ids[b->nids].captioned = false;
    b->ids[b->nids++].pos = v->pos;
    return true;
}

static bool bind_table(binder *b, const zw_value *v, zw_table *t) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "table")) return false;
    static const char *const keys[] = {"caption", "columns", "header", "rows", "notes", "landscape", "size", "id",
                                       NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "table");
    const zw_value *x, *header = zw_value_lookup(v, "header"), *rows = zw_schema_need(b->d, v, "rows", "table");
    if ((x = zw_value_lookup(v, "caption"))) ok &= zw_bind_text(b, x, "caption", &t->caption);
    if ((x = zw_value_lookup(v, "id")) && (ok &= zw_bind_id(b, x, &t->id))) {   /* {ref} prints its caption */
        b->ids[b->nids - 1].table = true;
        b->ids[b->nids - 1].captioned = t->caption.n > 0;
    }
    if ((x = zw_value_lookup(v, "columns")) && zw_schema_is(b->d, x, ZW_V_SEQ, "columns")) {
        if (x->n > ZW_MAX_COLUMNS) {
            zw_diag(b->d, ZW_ERROR, x->pos, "a table has at most %d columns, not %zu", ZW_MAX_COLUMNS, (size_t)x->n);
            return false;
        }
        t->ncols = x->n;
        t->cols = zw_bind_alloc(b, x->n, sizeof *t->cols);
        for (size_t i = 0; i < x->n && t->cols; i++) ok &= bind_column(b, x->items[i], &t->cols[i]);
    } else if (x) ok = false;
    if ((x = zw_value_lookup(v, "notes"))) {
        static const char *const places[] = {"default", "page", "table", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "notes", places, &p)) t->notes = (zw_note_place)p;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "landscape"))) ok &= zw_schema_bool(b->d, x, "landscape", &t->landscape);
    if ((x = zw_value_lookup(v, "size"))) ok &= zw_schema_length(b->d, x, "size", 4, 30, &t->size);
    if (header && !zw_schema_is(b->d, header, ZW_V_SEQ, "header")) { ok = false; header = NULL; }
    if (!rows || !zw_schema_is(b->d, rows, ZW_V_SEQ, "rows")) return false;
    if (!(rows = zw_bind_rows(b, rows))) return false;
    ok &= bind_table_rows(b, header, rows, t);
    return check_table_shape(b, t) && ok;   /* the rows' shape is checked also when a cell has a mistake */
}

/* ---- images ----------------------------------------------------------------------------------- */

/* The image file named by scalar v — a path relative to the data file's folder, or absolute — probed
 * (zw_image_probe) and added to doc->images: its index, or -1 after reporting. */
static int bind_image_file(binder *b, const zw_value *v) {
    const char *file;
    if (!zw_schema_str(b->d, v, "file", &file)) return -1;
    char *path = file[0] == '/' ? zw_arena_strndup(b->a, file, strlen(file)) : zw_arena_printf(b->a, "%s%s", b->dir, file);
    zw_doc *doc = b->doc;
    zw_image *imgs = path ? zw_arena_grow(b->a, doc->images, doc->nimages * sizeof *imgs,
                                          (doc->nimages + 1) * sizeof *imgs) : NULL;
    if (!imgs) return -1;
    doc->images = imgs;
    zw_image *img = &imgs[doc->nimages];
    *img = (zw_image){.path = path, .pos = v->pos};
    if (!zw_image_probe(img, b->d)) return -1;
    return (int)doc->nimages++;
}

/* An image block: {file, width, align, caption, alt}. */
static bool bind_picture(binder *b, const zw_value *v, zw_picture **out) {
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "image")) return false;
    static const char *const keys[] = {"file", "width", "align", "caption", "alt", NULL};
    zw_picture *p = *out = zw_arena_alloc(b->a, sizeof *p);
    if (!p) return false;
    bool ok = zw_schema_keys(b->d, v, keys, "image");
    const zw_value *x;
    p->image = -1;
    if ((x = zw_schema_need(b->d, v, "file", "image"))) ok &= (p->image = bind_image_file(b, x)) >= 0;
    else ok = false;
    if ((x = zw_value_lookup(v, "width"))) ok &= zw_schema_width(b->d, x, 1, 10, 2000, &p->width);
    if ((x = zw_value_lookup(v, "align"))) {
        static const char *const aligns[] = {"left", "center", "right", NULL};
        int i;
        if (zw_schema_enum(b->d, x, "align", aligns, &i)) p->align = i == 0 ? ZW_ALIGN_LEFT : i == 1 ? ZW_ALIGN_CENTER : ZW_ALIGN_RIGHT;
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "caption"))) ok &= zw_bind_text(b, x, "caption", &p->caption);
    if ((x = zw_value_lookup(v, "alt"))) {
        ok &= zw_schema_str(b->d, x, "alt", &p->alt);
        p->alt = zw_bind_keep(b, p->alt);
    } else {
        zw_diag(b->d, ZW_WARNING, v->pos, "an image without alt text: add 'alt:' with what it shows (a tagged PDF, "
                "and every reader who cannot see it, needs it)");
    }
    return ok;
}

/* ---- charts ----------------------------------------------------------------------------------- */

/* Whether id names a section or table of the document (zw_charts_resolve: a budget table it does not find
 * yet is lowered later). */
static bool id_known(void *ctx, const char *id) {
    const binder *b = ctx;
    for (size_t i = 0; i < b->nids; i++)
        if (!strcmp(b->ids[i].id, id)) return true;
    return false;
}

/* A chart block: its own keys now (chart_bind.c); the numbers of a table it names are read once the
 * budget tables are lowered (zw_charts_resolve).  Its caption may mark footnotes. */
static bool bind_chart(binder *b, const zw_value *v, zw_chart **out) {
    size_t errs = zw_diags_errors(b->d);
    *out = zw_chart_bind(b->a, b->d, v);
    if (!*out && zw_diags_errors(b->d) == errs) zw_diag(b->d, ZW_ERROR, v->pos, "out of memory");
    const zw_value *cap = v->kind == ZW_V_MAP ? zw_value_lookup(v, "caption") : NULL;
    return *out && (!cap || zw_bind_text(b, cap, "caption", &(*out)->caption));
}

/* ---- sections and blocks ---------------------------------------------------------------------- */

static bool bind_section(binder *b, const zw_value *v, int level, zw_section *s) {
    s->level = level;
    s->numbered = true;
    s->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, level == 1 ? "chapter" : "section")) return false;
    if (level > ZW_MAX_SECTION_DEPTH) {
        zw_diag(b->d, ZW_ERROR, v->pos, "sections nest at most %d deep", ZW_MAX_SECTION_DEPTH);
        return false;
    }
    if (level == 1 && v->n == 1 && !strcmp(v->keys[0]->str, "programme")) return zw_bind_programme(b, v->items[0], level, s);
    if (level == 1 && v->n == 1 && !strcmp(v->keys[0]->str, "paragraaf")) return zw_bind_paragraaf(b, v->items[0], level, s);
    static const char *const keys[] = {"title", "numbered", "blocks", "id", NULL};
    static const char *const chapter_keys[] = {"title", "running-title", "numbered", "appendix", "blocks", "id", NULL};
    const char *what = level == 1 ? "chapter" : "section";
    bool ok = zw_schema_keys(b->d, v, level == 1 ? chapter_keys : keys, what);
    const zw_value *x;
    if ((x = zw_schema_need(b->d, v, "title", what))) ok &= zw_bind_text(b, x, "title", &s->title);
    else ok = false;
    if ((x = zw_value_lookup(v, "numbered"))) ok &= zw_schema_bool(b->d, x, "numbered", &s->numbered);
    if (level == 1 && (x = zw_value_lookup(v, "appendix"))) ok &= zw_schema_bool(b->d, x, "appendix", &s->appendix);
    if (level == 1 && (x = zw_value_lookup(v, "running-title"))) {
        lost_to_comment(b, x, "running-title");
        if (zw_schema_str(b->d, x, "running-title", &s->running)) s->running = zw_bind_keep(b, s->running);
        else ok = false;
    }
    if ((x = zw_value_lookup(v, "id"))) ok &= zw_bind_id(b, x, &s->id);
    if ((x = zw_value_lookup(v, "blocks"))) ok &= zw_bind_blocks(b, x, level, &s->blocks, &s->n);
    return ok;
}

/* A paragraph: its text, or a mapping with `text` and the name of a paragraph style of the layout
 * (`style: lead`), which layout looks up. */
static bool bind_paragraph(binder *b, const zw_value *v, zw_block *blk) {
    if (v->kind != ZW_V_MAP) return zw_bind_text(b, v, "paragraph", &blk->text);
    static const char *const keys[] = {"text", "style", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "paragraph");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "style")) && zw_schema_str(b->d, x, "style", &blk->style)) {
        blk->style = zw_bind_keep(b, blk->style);
        blk->style_pos = x->pos;
    } else if (x) ok = false;
    if ((x = zw_schema_need(b->d, v, "text", "paragraph"))) ok &= zw_bind_text(b, x, "paragraph", &blk->text);
    else ok = false;
    return ok;
}

static const char *const block_keys[] = {"heading", "paragraph", "list", "table", "section", "pagebreak",
                                         "programme", "paragraaf", "indicators", "finance", "image", "chart", NULL};

static bool bind_block(binder *b, const zw_value *v, int level, zw_block *blk) {
    blk->pos = v->pos;
    if (!zw_schema_is(b->d, v, ZW_V_MAP, "block")) return false;
    if (!zw_schema_keys(b->d, v, block_keys, "block")) return false;
    if (v->n != 1) {
        zw_diag(b->d, ZW_ERROR, v->pos, "a block has exactly one key (heading, paragraph, list, table, section, "
                "pagebreak, programme, paragraaf, indicators, finance, image or chart), not %zu", (size_t)v->n);
        return false;
    }
    const char *k = v->keys[0]->str;
    const zw_value *x = v->items[0];
    if (!strcmp(k, "heading")) { blk->kind = ZW_BLK_HEADING; return zw_bind_text(b, x, "heading", &blk->text); }
    if (!strcmp(k, "paragraph")) { blk->kind = ZW_BLK_PARAGRAPH; return bind_paragraph(b, x, blk); }
    if (!strcmp(k, "list")) { blk->kind = ZW_BLK_LIST; return bind_list(b, x, level, &blk->list); }
    if (!strcmp(k, "table")) { blk->kind = ZW_BLK_TABLE; return bind_table(b, x, &blk->table); }
    if (!strcmp(k, "pagebreak")) { blk->kind = ZW_BLK_PAGEBREAK; return true; }
    if (!strcmp(k, "indicators")) return zw_bind_indicators(b, x, blk);
    if (!strcmp(k, "finance")) return zw_bind_finance(b, x, blk);
    if (!strcmp(k, "image")) { blk->kind = ZW_BLK_IMAGE; return bind_picture(b, x, &blk->picture); }
    if (!strcmp(k, "chart")) { blk->kind = ZW_BLK_CHART; return bind_chart(b, x, &blk->chart); }
    blk->kind = ZW_BLK_SECTION;
    blk->section = zw_arena_alloc(b->a, sizeof *blk->section);
    if (!blk->section) return false;
    if (level + 1 > ZW_MAX_SECTION_DEPTH) {
        zw_diag(b->d, ZW_ERROR, x->pos, "sections nest at most %d deep", ZW_MAX_SECTION_DEPTH);
        return false;
    }
    if (!strcmp(k, "programme")) return zw_bind_programme(b, x, level + 1, blk->section);
    if (!strcmp(k, "paragraaf")) return zw_bind_paragraaf(b, x, level + 1, blk->section);
    return bind_section(b, x, level + 1, blk->section);
}

bool zw_bind_blocks(binder *b, const zw_value *seq, int level, zw_block **out, size_t *n) {
    if (seq->kind == ZW_V_NULL) return true;
    if (!zw_schema_is(b->d, seq, ZW_V_SEQ, "blocks")) return false;
    *n = seq->n;
    *out = zw_bind_alloc(b, seq->n, sizeof **out);
    if (seq->n && !*out) return false;
    bool ok = true;
    for (size_t i = 0; i < seq->n; i++) ok &= bind_block(b, seq->items[i], level, &(*out)[i]);
    return ok;
}

/* ---- document and footnotes ------------------------------------------------------------------ */

static bool bind_meta_str(binder *b, const zw_value *m, const char *key, bool required, const char **out) {
    const zw_value *x = required ? zw_schema_need(b->d, m, key, "document") : zw_value_lookup(m, key);
    if (!x) return !required;
    lost_to_comment(b, x, key);
    if (!zw_schema_str(b->d, x, key, out)) return false;
    *out = zw_bind_keep(b, *out);
    return true;
}

static bool valid_date(const char *s) {
    int y, mo, da;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &mo, &da, &tail) != 3) return false;
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return y >= 1000 && mo >= 1 && mo <= 12 && da >= 1 && da <= days[mo - 1];
}

/* A sequence of texts (hyphenation exceptions, keywords), each kept. */
static bool bind_texts(binder *b, const zw_value *v, const char *what, const char *item, const char ***out,
                       size_t *n) {
    if (!zw_schema_is(b->d, v, ZW_V_SEQ, what)) return false;
    *n = v->n;
    *out = zw_bind_alloc(b, v->n, sizeof **out);
    bool ok = !v->n || *out;
    for (size_t i = 0; ok && i < v->n; i++) {
        ok &= zw_schema_str(b->d, v->items[i], item, &(*out)[i]);
        if (ok) (*out)[i] = zw_bind_keep(b, (*out)[i]);
    }
    return ok;
}

/* `logo:` a file, or {file, alt}; its alt text says whose logo it is unless the data says otherwise. */
static bool bind_logo(binder *b, const zw_value *v) {
    const zw_value *file = v;
    bool ok = true;
    if (v->kind == ZW_V_MAP) {
        static const char *const keys[] = {"file", "alt", NULL};
        ok = zw_schema_keys(b->d, v, keys, "logo");
        const zw_value *alt = zw_value_lookup(v, "alt");
        if (alt && zw_schema_str(b->d, alt, "alt", &b->doc->logo_alt)) b->doc->logo_alt = zw_bind_keep(b, b->doc->logo_alt);
        else if (alt) ok = false;
        if (!(file = zw_schema_need(b->d, v, "file", "logo"))) return false;
    }
    b->doc->logo = bind_image_file(b, file);
    if (!b->doc->logo_alt && b->doc->organisation)
        b->doc->logo_alt = zw_arena_printf(b->a, "Logo %s", b->doc->organisation);
    return ok && b->doc->logo >= 0;
}

/* An optional date under `key`: YYYY-MM-DD. */
static bool bind_date(binder *b, const zw_value *m, const char *key, const char **out) {
    const zw_value *x = zw_value_lookup(m, key);
    if (!x) return true;
    if (!zw_schema_str(b->d, x, key, out)) return false;
    if (!valid_date(*out)) {
        zw_diag(b->d, ZW_ERROR, x->pos, "'%s' must be a date as YYYY-MM-DD, not '%s'", key, *out);
        return false;
    }
    *out = zw_bind_keep(b, *out);
    return true;
}

static bool bind_meta(binder *b, const zw_value *m) {
    zw_doc *doc = b->doc;
    doc->meta_pos = m->pos;
    if (!zw_schema_is(b->d, m, ZW_V_MAP, "document")) return false;
    static const char *const keys[] = {"organisation", "title", "subtitle", "year", "date", "status", "layout",
                                       "lang", "hyphenation", "type", "identifier", "keywords", "adopted", "logo",
                                       NULL};
    bool ok = zw_schema_keys(b->d, m, keys, "document");
    ok &= bind_meta_str(b, m, "organisation", true, &doc->organisation);
    ok &= bind_meta_str(b, m, "title", true, &doc->title);
    ok &= bind_meta_str(b, m, "subtitle", false, &doc->subtitle);
    ok &= bind_meta_str(b, m, "status", false, &doc->status);
    ok &= bind_meta_str(b, m, "layout", false, &doc->layout);
    ok &= bind_meta_str(b, m, "lang", false, &doc->lang);
    ok &= bind_meta_str(b, m, "identifier", false, &doc->identifier);
    const zw_value *x;
    long year;
    if ((x = zw_value_lookup(m, "year")) && zw_schema_int(b->d, x, "year", 1800, 9999, &year)) doc->year = (int)year;
    else if (x) ok = false;
    ok &= bind_date(b, m, "date", &doc->date);
    ok &= bind_date(b, m, "adopted", &doc->adopted);
    if (!doc->lang) doc->lang = "nl-NL";
    if ((x = zw_value_lookup(m, "hyphenation")))
        ok &= bind_texts(b, x, "hyphenation", "hyphenation exception", &doc->hyph_except, &doc->nhyph_except);
    if ((x = zw_value_lookup(m, "keywords"))) ok &= bind_texts(b, x, "keywords", "keyword", &doc->keywords, &doc->nkeywords);
    if ((x = zw_value_lookup(m, "type"))) {
        static const char *const types[] = {"begroting", "jaarstukken", NULL};
        ok &= zw_schema_enum(b->d, x, "type", types, &doc->type);
    }
    if ((x = zw_value_lookup(m, "logo"))) ok &= bind_logo(b, x);
    return ok;
}

/* First pass: create every note so marks can refer to notes defined after them. */
static bool declare_notes(binder *b, const zw_value *fn) {
    if (!fn || fn->kind == ZW_V_NULL) return true;
    if (!zw_schema_is(b->d, fn, ZW_V_MAP, "footnotes")) return false;
    b->doc->nnotes = fn->n;
    b->doc->notes = zw_bind_alloc(b, fn->n, sizeof *b->doc->notes);
    if (fn->n && !b->doc->notes) return false;
    for (size_t i = 0; i < fn->n; i++) {
        zw_note *n = zw_arena_alloc(b->a, sizeof *n);
        if (!n) return false;
        n->key = zw_bind_keep(b, fn->keys[i]->str);
        if (!n->key) return false;
        n->pos = fn->keys[i]->pos;
        b->doc->notes[i] = n;
        n->index = i;
    }
    return true;
}

static bool bind_note(binder *b, const zw_value *v, zw_note *n) {
    if (v->kind != ZW_V_MAP) return zw_bind_text(b, v, "footnote", &n->text);
    static const char *const keys[] = {"text", "place", NULL};
    bool ok = zw_schema_keys(b->d, v, keys, "footnote");
    const zw_value *x;
    if ((x = zw_value_lookup(v, "place"))) {
        static const char *const places[] = {"default", "page", "table", NULL};
        int p;
        if (zw_schema_enum(b->d, x, "place", places, &p)) n->place = (zw_note_place)p;
        else ok = false;
    }
    if ((x = zw_schema_need(b->d, v, "text", "footnote"))) ok &= zw_bind_text(b, x, "footnote", &n->text);
    else ok = false;
    return ok;
}

static bool bind_notes(binder *b, const zw_value *fn) {
    bool ok = true;
    b->in_note = true;
    for (size_t i = 0; fn && i < b->doc->nnotes; i++) {
        zw_note *n = b->doc->notes[i];
        ok &= bind_note(b, fn->items[i], n);
        if (n->text.n == 0) {
            zw_diag(b->d, ZW_ERROR, fn->items[i]->pos, "footnote '%s' has no text", n->key);
            ok = false;
        }
        if (!n->refs) zw_diag(b->d, ZW_WARNING, n->pos, "footnote '%s' is never referenced", n->key);
    }
    b->in_note = false;
    return ok;
}

static bool bind_chapters(binder *b, const zw_value *ch) {
    if (!zw_schema_is(b->d, ch, ZW_V_SEQ, "chapters")) return false;
    if (ch->n == 0) {
        zw_diag(b->d, ZW_ERROR, ch->pos, "'chapters' is empty: a document needs at least one chapter");
        return false;
    }
    b->doc->nchapters = ch->n;
    b->doc->chapters = zw_bind_alloc(b, ch->n, sizeof *b->doc->chapters);
    if (!b->doc->chapters) return false;
    bool ok = true;
    for (size_t i = 0; i < ch->n; i++) {
        zw_section *c = &b->doc->chapters[i];
        ok &= bind_section(b, ch->items[i], 1, c);
        if (i > 0 && c[-1].appendix && !c->appendix) {   /* the appendices are numbered as one part, at the end */
            zw_diag(b->d, ZW_ERROR, c->pos, "a chapter after an appendix must be an appendix too: add 'appendix: "
                    "true', or move it before the appendices");
            ok = false;
        }
    }
    return ok;
}

/* The folder of the data file, with its '/' ("" for the current folder). */
static const char *folder_of(binder *b, const char *path) {
    const char *slash = path ? strrchr(path, '/') : NULL;
    return slash ? zw_arena_strndup(b->scratch, path, (size_t)(slash - path) + 1) : "";
}

/* ---- references ------------------------------------------------------------------------------- */

/* The id closest to a misspelt one (among the ids and footnote keys), for a hint; NULL when none is close. */
static const char *closest_id(const binder *b, const char *s, size_t n) {
    const char *best = NULL;
    int bd = n > 4 ? 3 : 2;
    for (size_t i = 0; i < b->nids + b->doc->nnotes; i++) {
        const char *id = i < b->nids ? b->ids[i].id : b->doc->notes[i - b->nids]->key;
        int dd = zw_edit_distance(s, id);
        if (dd < bd) { bd = dd; best = id; }
    }
    return best;
}

/* What reference i names: its entry in b->ids (*id), or its note (*note); false when nothing. */
static bool find_target(const binder *b, const char *s, size_t *id, const zw_note **note) {
    *note = NULL;
    for (*id = 0; *id < b->nids; ++*id)
        if (!strcmp(b->ids[*id].id, s)) return true;
    return (*note = find_note(b, s)) != NULL;
}

/* Every reference names something that can be referred to so: an unknown id is an error at the
 * reference; {ref} prints a section's number or title or a table's caption, {page} a page where it is
 * printed. */
static void check_refs(binder *b) {
    static const char *const how[] = {[ZW_SPAN_REF] = "{ref %s}", [ZW_SPAN_PAGE_REF] = "{page %s}",
                                      [ZW_SPAN_TEXT] = "[…](#%s)"};
    for (size_t i = 0; i < b->nrefs; i++) {
        char id[256], ref[300];
        snprintf(id, sizeof id, "%.*s", (int)b->refs[i].n, b->refs[i].id);
        zw_span_kind kind = b->refs[i].kind;
        snprintf(ref, sizeof ref, how[kind], id);
        size_t k;
        const zw_note *note;
        bool found = find_target(b, id, &k, &note);
        const char *hint = found ? NULL : closest_id(b, id, strlen(id));
        zw_pos at = note ? note->pos : found ? b->ids[k].pos : ZW_NOPOS;
        if (!found && hint)
            zw_diag(b->d, ZW_ERROR, b->refs[i].pos, "%s: no section, table or footnote has the id '%s'; did you "
                    "mean '%s'?", ref, id, hint);
        else if (!found)
            zw_diag(b->d, ZW_ERROR, b->refs[i].pos, "%s: no section, table or footnote has the id '%s' (give it "
                    "one with 'id: %s')", ref, id, id);
        else if (kind == ZW_SPAN_REF && note)
            zw_diag(b->d, ZW_ERROR, b->refs[i].pos, "%s names a footnote: mark it with [^%s], or refer to its page "
                    "with {page %s}", ref, id, id);
        else if (kind == ZW_SPAN_REF && b->ids[k].table && !b->ids[k].captioned)
            zw_diag(b->d, ZW_ERROR, b->refs[i].pos, "%s: the table has no caption to name it by; give it a "
                    "'caption:', or refer to its page with {page %s}", ref, id);
        else if (note && note->refs == 0)
            zw_diag(b->d, ZW_ERROR, b->refs[i].pos, "%s: footnote '%s' is marked nowhere, so it is printed nowhere",
                    ref, id);
        else
            continue;
        if (found) zw_diag(b->d, ZW_NOTE, at, "'%s' is here", id);
    }
}

static zw_doc *bind_root(binder *b, const zw_value *root);

zw_doc *zw_doc_bind(zw_arena *a, zw_diags *d, const zw_value *root) {
    binder b = {.a = a, .d = d, .doc = zw_arena_alloc(a, sizeof(zw_doc)), .scratch = zw_arena_new()};
    zw_doc *doc = b.doc && b.scratch ? bind_root(&b, root) : NULL;
    if (!b.doc || !b.scratch) zw_diag(d, ZW_ERROR, root->pos, "out of memory");
    zw_arena_drop(b.scratch);
    if (!doc && b.doc) zw_budget_discard(b.doc);
    return doc;
}

static zw_doc *bind_root(binder *b_, const zw_value *root) {
    binder b = *b_;
    zw_arena *a = b.a;
    zw_diags *d = b.d;
    size_t errs = zw_diags_errors(d);
    b.doc->path = root->pos.file;
    b.doc->pos = root->pos;
    b.doc->type = -1;
    b.dir = folder_of(&b, root->pos.file);
    b.doc->logo = -1;
    if (root->kind == ZW_V_NULL) {
        zw_diag(d, ZW_ERROR, root->pos, "empty document: expected 'document:' and 'chapters:'");
        return NULL;
    }
    if (root->kind != ZW_V_MAP) {
        zw_diag(d, ZW_ERROR, root->pos, "a data file is a mapping with 'document:' and 'chapters:', not a %s",
                zw_value_kind_name(root->kind));
        return NULL;
    }
    static const char *const keys[] = {"document", "chapters", "footnotes", NULL};
    zw_schema_keys(d, root, keys, "data file");
    const zw_value *meta = zw_schema_need(d, root, "document", "data file");
    const zw_value *ch = zw_schema_need(d, root, "chapters", "data file");
    const zw_value *fn = zw_value_lookup(root, "footnotes");
    if (meta) bind_meta(&b, meta);
    if (declare_notes(&b, fn) && ch) {
        index_notes(&b);
        bind_chapters(&b, ch);
        free(b.note_slots);
        zw_bind_paragrafen_done(&b);
    }
    if (fn && fn->kind == ZW_V_MAP) bind_notes(&b, fn);
    check_refs(&b);
    if (zw_diags_errors(d) == errs) zw_charts_resolve(a, d, b.doc, id_known, &b);   /* (a model in error may be
                                                                                      incomplete) */
    free(b.ids);
    free(b.refs);
    if (zw_arena_failed(a) || zw_arena_failed(b.scratch) || (b.doc->budget_arena && zw_arena_failed(b.doc->budget_arena)))
        zw_diag(d, ZW_ERROR, root->pos, "out of memory");
    return zw_diags_errors(d) == errs ? b.doc : NULL;
}
