/* chart_bind.c — a chart block's mapping → zw_chart (zw_model.h): its kind, caption and sizes, and its
 * numbers, read from a table of the document (by id) or from its own series.  A chart is bound with the
 * data (zw_chart_bind: its keys, its own series, the names of the table, rows and columns it chooses);
 * the numbers of a table are read later (zw_charts_resolve), once the budget model's tables are lowered
 * into plain tables, which a chart names like any other.
 *
 * From a table: the body rows (or those `rows:` names by the start of their label), the columns with
 * numbers (or those `columns:` names by their header), each cell read as a Dutch or plain number
 * (zw_number.h: 1.000, 6,8, 61,5%, € 420.438) or a marker that means "no number" (NB, n.v.t., p.m., -,
 * an empty cell).  `categories:` says what lies along the axis: the rows (a bar a programme) or the
 * columns (the years of an indicator's line).  Every problem is reported where it is written: an
 * unknown table id at `table:`, a selector that matches no row or column at itself, a cell that is not a
 * number at the cell. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zw_model.h"
#include "zw_number.h"
#include "zw_schema.h"

#define MAX_CATS 60      /* bars, columns or points of one chart */
#define MAX_SERIES 8     /* colours (or greys and hatchings) that stay apart */
#define MAX_SLICES 12    /* a ring of more shares cannot be read: a bar chart can */

typedef struct cbind {
    zw_arena *a;
    zw_diags *d;
    zw_chart *c;
    bool shares;         /* donut or pie: every value a number, none negative */
} cbind;

static const char *const kinds[] = {"bar", "columns", "stacked", "line", "donut", "pie", NULL};

/* Whether s (trimmed) is written for "no number": NB, n.b., p.m., n.v.t., nvt, x, -, en or em dash. */
static bool is_marker(const char *s) {
    static const char *const marks[] = {"", "nb", "n.b.", "pm", "p.m.", "nvt", "n.v.t.", "x", "-",
                                        "\xE2\x80\x93", "\xE2\x80\x94", "?", NULL};
    while (*s == ' ') s++;
    size_t n = strlen(s);
    while (n && s[n - 1] == ' ') n--;
    for (int i = 0; marks[i]; i++)
        if (strlen(marks[i]) == n && !strncasecmp(s, marks[i], n)) return true;
    return false;
}

/* Value text s, written at pos, into *v (NAN and *mark = s for a marker); false after reporting. */
static bool read_value(cbind *b, const char *s, zw_pos pos, double *v, const char **mark) {
    zw_number num;
    zw_num_status st = zw_number_parse(s, strlen(s), &num);
    *mark = NULL;
    if (st == ZW_NUM_OK) {
        *v = (double)num.v / ZW_NUM_ONE;
        if (num.decimals > b->c->decimals) b->c->decimals = num.decimals;
        b->c->percent |= num.percent;
        b->c->euro |= num.euro;
        if (b->shares && *v < 0) {
            zw_diag(b->d, ZW_ERROR, pos, "a %s shows shares: '%s' is negative", kinds[b->c->kind], s);
            return false;
        }
        return true;
    }
    if (st == ZW_NUM_NOT_A_NUMBER && is_marker(s)) {
        *v = NAN;
        *mark = s;
        if (!b->shares) return true;
        zw_diag(b->d, ZW_ERROR, pos, "a %s shows shares: '%s' is not a number", kinds[b->c->kind], s);
        return false;
    }
    zw_diag(b->d, ZW_ERROR, pos, "a chart needs numbers: '%s' is %s", s,
            st == ZW_NUM_TOO_PRECISE ? "written with more than 4 decimals"
            : st == ZW_NUM_TOO_LARGE ? "too large" : "not a number (nor NB, n.v.t., p.m. or -)");
    return false;
}

/* ---- from a table ---------------------------------------------------------------------------- */

/* The cell of row r covering column col, or NULL. */
static const zw_cell *cell_at(const zw_row *r, size_t col) {
    for (size_t i = 0; i < r->n; i++)
        if (col >= r->cells[i].col && col < r->cells[i].col + (size_t)r->cells[i].colspan) return &r->cells[i];
    return NULL;
}

/* The plain text of a cell (its paragraphs joined by a space; "" for none). */
static const char *cell_text(zw_arena *a, const zw_cell *c) {
    if (!c || c->n == 0) return "";
    char *s = zw_text_plain(a, &c->paras[0]);
    for (uint32_t k = 1; s && k < c->n; k++) s = zw_arena_printf(a, "%s %s", s, zw_text_plain(a, &c->paras[k]));
    return s ? s : "";
}

/* Whether `label` is selected by `sel`: the same text, or its start followed by a space ("3.3.6" selects
 * "3.3.6 - % jongeren met jeugdhulp", but not "3.3.60 - …"). */
static bool selects(const char *sel, const char *label) {
    size_t n = strlen(sel);
    return !strncmp(label, sel, n) && (label[n] == 0 || label[n] == ' ' || !strncmp(label + n, "\xC2\xA0", 2));
}

/* The header text of column col (the last header row's cell over it), or "Kolom N". */
static const char *column_name(zw_arena *a, const zw_table *t, size_t col) {
    const zw_cell *c = t->nheader ? cell_at(&t->rows[t->nheader - 1], col) : NULL;
    const char *s = c ? cell_text(a, c) : "";
    return *s ? s : zw_arena_printf(a, "Kolom %zu", col + 1);
}

/* Rows taken: indices into t->rows, the body rows or those the chart names (body and total rows). */
static size_t pick_rows(cbind *b, const zw_table *t, size_t *out) {
    size_t n = 0;
    const zw_chart *c = b->c;
    if (!c->rows) {
        for (size_t r = t->nheader; r < t->nrows; r++)
            if (t->rows[r].kind == ZW_ROW_BODY && n < MAX_CATS + 1) out[n++] = r;
        return n;
    }
    for (size_t i = 0; i < c->nrows && n < MAX_CATS + 1; i++) {
        const char *want = c->rows[i].text;
        size_t r = t->nheader;
        while (r < t->nrows && (t->rows[r].kind == ZW_ROW_GROUP || t->rows[r].kind == ZW_ROW_HEADER
                                || !selects(want, cell_text(b->a, cell_at(&t->rows[r], 0)))))
            r++;
        if (r < t->nrows) out[n++] = r;
        else zw_diag(b->d, ZW_ERROR, c->rows[i].pos, "table '%s' has no row whose label starts with '%s'", c->table, want);
    }
    return n;
}

/* Whether column col holds numbers in rows[0..nrows): at least one, and besides them only markers. */
static bool numeric_column(zw_arena *a, const zw_table *t, const size_t *rows, size_t nrows, size_t col) {
    bool any = false;
    for (size_t i = 0; i < nrows; i++) {
        const zw_cell *c = cell_at(&t->rows[rows[i]], col);
        if (c && c->col != col) return false;   /* inside a cell spanning columns */
        const char *s = cell_text(a, c);
        zw_number num;
        if (zw_number_parse(s, strlen(s), &num) == ZW_NUM_OK) any = true;
        else if (!is_marker(s)) return false;
    }
    return any;
}

/* Columns taken: those the chart names by their header, or every column but the first that holds numbers. */
static size_t pick_columns(cbind *b, const zw_table *t, const size_t *rows, size_t nrows, size_t *out) {
    size_t n = 0;
    const zw_chart *c = b->c;
    if (!c->cols) {
        for (size_t col = 1; col < t->ncols && n < MAX_CATS + 1; col++)
            if (numeric_column(b->a, t, rows, nrows, col)) out[n++] = col;
        return n;
    }
    for (size_t i = 0; i < c->ncols && n < MAX_CATS + 1; i++) {
        const char *want = c->cols[i].text;
        size_t col = 0;
        while (col < t->ncols && (!t->nheader || !selects(want, column_name(b->a, t, col)))) col++;
        if (col < t->ncols) out[n++] = col;
        else zw_diag(b->d, ZW_ERROR, c->cols[i].pos, "table '%s' has no column whose header starts with '%s'",
                     c->table, want);
    }
    return n;
}

static bool alloc_series(cbind *b, size_t nseries, size_t ncats) {
    zw_chart *c = b->c;
    c->nseries = nseries;
    c->ncats = ncats;
    c->series = zw_arena_alloc(b->a, (nseries + 1) * sizeof *c->series);
    c->cats = zw_arena_alloc(b->a, (ncats + 1) * sizeof *c->cats);
    if (!c->series || !c->cats) return false;
    for (size_t s = 0; s < nseries; s++) {
        c->series[s].v = zw_arena_alloc(b->a, (ncats + 1) * sizeof *c->series[s].v);
        c->series[s].mark = zw_arena_alloc(b->a, (ncats + 1) * sizeof *c->series[s].mark);
        if (!c->series[s].v || !c->series[s].mark) return false;
    }
    return true;
}

/* The numbers of `rows` × `cols` of t: a category a row (by_rows) or a column. */
static bool table_data(cbind *b, const zw_table *t, const size_t *rows, size_t nrows, const size_t *cols, size_t ncols,
                       bool by_rows) {
    if (!alloc_series(b, by_rows ? ncols : nrows, by_rows ? nrows : ncols)) return false;
    zw_chart *c = b->c;
    for (size_t i = 0; i < nrows; i++) {
        const char *label = cell_text(b->a, cell_at(&t->rows[rows[i]], 0));
        if (by_rows) c->cats[i] = label;
        else c->series[i].name = label;
    }
    for (size_t j = 0; j < ncols; j++) {
        const char *name = column_name(b->a, t, cols[j]);
        if (by_rows) c->series[j].name = name;
        else c->cats[j] = name;
    }
    bool ok = true;
    for (size_t i = 0; i < nrows; i++)
        for (size_t j = 0; j < ncols; j++) {
            const zw_row *r = &t->rows[rows[i]];
            const zw_cell *cell = cell_at(r, cols[j]);
            zw_series *s = &c->series[by_rows ? j : i];
            size_t k = by_rows ? i : j;
            ok &= read_value(b, cell_text(b->a, cell), cell ? cell->pos : r->pos, &s->v[k], &s->mark[k]);
        }
    return ok;
}

/* The numbers of table t (the chart's `table:`) as the chart chooses them. */
static bool from_table(cbind *b, const zw_table *t) {
    zw_chart *c = b->c;
    bool by_rows = c->along >= 0 ? c->along == 0 : c->kind != ZW_CHART_LINE && c->kind != ZW_CHART_STACKED;
    size_t rows[MAX_CATS + 1], cols[MAX_CATS + 1];
    size_t errs = zw_diags_errors(b->d);
    size_t nrows = pick_rows(b, t, rows), ncols = pick_columns(b, t, rows, nrows, cols);
    if (zw_diags_errors(b->d) > errs) return false;
    if (!nrows || !ncols) {
        zw_diag(b->d, ZW_ERROR, c->table_pos, "table '%s' has no %s to draw", c->table,
                nrows ? "column of numbers" : "body rows");
        return false;
    }
    if (nrows > MAX_CATS || ncols > MAX_CATS) {
        zw_diag(b->d, ZW_ERROR, c->table_pos, "a chart draws at most %d rows and columns of a table; choose with "
                "'rows:' and 'columns:'", MAX_CATS);
        return false;
    }
    if (table_data(b, t, rows, nrows, cols, ncols, by_rows)) return true;
    zw_diag(b->d, ZW_NOTE, c->table_pos, "read for the chart of table '%s' here", c->table);
    return false;
}

/* `rows:` or `columns:` of a chart: the names, copied out of the value tree (dropped after binding). */
static bool selectors(cbind *b, const zw_value *v, const char *what, zw_sel **out, size_t *n) {
    if (!v) return true;
    if (!zw_schema_is(b->d, v, ZW_V_SEQ, what)) return false;
    *n = v->n;
    *out = zw_arena_alloc(b->a, (v->n + 1) * sizeof **out);
    if (!*out) return false;
    bool ok = true;
    for (size_t i = 0; i < v->n; i++) {
        const char *s;
        if (!zw_schema_str(b->d, v->items[i], what, &s)) { ok = false; continue; }
        (*out)[i] = (zw_sel){zw_arena_strndup(b->a, s, strlen(s)), v->items[i]->pos};
        ok &= (*out)[i].text != NULL;
    }
    return ok;
}

/* A chart that names a table: the id, the rows and columns it chooses, what lies along the axis. */
static bool table_keys(cbind *b, const zw_value *v) {
    zw_chart *c = b->c;
    const zw_value *x = zw_value_lookup(v, "table"), *cat = zw_value_lookup(v, "categories");
    if (!zw_schema_str(b->d, x, "table", &c->table)) return false;
    c->table = zw_arena_strndup(b->a, c->table, strlen(c->table));
    c->table_pos = x->pos;
    c->along = -1;
    bool ok = c->table && selectors(b, zw_value_lookup(v, "rows"), "rows", &c->rows, &c->nrows);
    ok = selectors(b, zw_value_lookup(v, "columns"), "columns", &c->cols, &c->ncols) && ok;
    if (cat) {
        static const char *const along[] = {"rows", "columns", NULL};
        int i;
        if (zw_schema_enum(b->d, cat, "categories", along, &i)) c->along = (int8_t)i;
        else ok = false;
    }
    return ok;
}

/* ---- its own series ------------------------------------------------------------------------- */

static bool own_series(cbind *b, const zw_value *v) {
    const zw_value *cat = zw_schema_need(b->d, v, "categories", "chart"), *ser = zw_schema_need(b->d, v, "series", "chart");
    if (!cat || !ser || !zw_schema_is(b->d, cat, ZW_V_SEQ, "categories") || !zw_schema_is(b->d, ser, ZW_V_SEQ, "series"))
        return false;
    if (cat->n == 0 || cat->n > MAX_CATS || ser->n == 0) {
        zw_diag(b->d, ZW_ERROR, cat->n ? ser->pos : cat->pos, "a chart has 1 to %d categories and at least one series",
                MAX_CATS);
        return false;
    }
    if (!alloc_series(b, ser->n, cat->n)) return false;
    bool ok = true;
    for (size_t k = 0; k < cat->n; k++) ok &= zw_schema_str(b->d, cat->items[k], "category", &b->c->cats[k]);
    for (size_t i = 0; i < ser->n; i++) {
        const zw_value *s = ser->items[i];
        static const char *const keys[] = {"name", "values", NULL};
        if (!zw_schema_is(b->d, s, ZW_V_MAP, "series") || !zw_schema_keys(b->d, s, keys, "series")) { ok = false; continue; }
        const zw_value *name = zw_value_lookup(s, "name"), *vals = zw_schema_need(b->d, s, "values", "series");
        b->c->series[i].name = "";
        if (name) ok &= zw_schema_str(b->d, name, "name", &b->c->series[i].name);
        if (!vals || !zw_schema_is(b->d, vals, ZW_V_SEQ, "values")) { ok = false; continue; }
        if (vals->n != cat->n) {
            zw_diag(b->d, ZW_ERROR, vals->pos, "%zu values for %zu categories", (size_t)vals->n, (size_t)cat->n);
            ok = false;
            continue;
        }
        for (size_t k = 0; k < vals->n; k++) {
            const zw_value *x = vals->items[k];
            const char *s2 = x->kind == ZW_V_NULL ? "" : NULL;
            if (!s2 && !zw_schema_str(b->d, x, "value", &s2)) { ok = false; continue; }
            ok &= read_value(b, s2, x->pos, &b->c->series[i].v[k], &b->c->series[i].mark[k]);
        }
    }
    return ok;
}

/* ---- the block ------------------------------------------------------------------------------- */

/* The strings the chart keeps, copied out of the value tree (dropped after binding). */
static bool keep_strings(cbind *b) {
    zw_chart *c = b->c;
    for (size_t k = 0; k < c->ncats; k++)
        if (!(c->cats[k] = zw_arena_strndup(b->a, c->cats[k], strlen(c->cats[k])))) return false;
    for (size_t s = 0; s < c->nseries; s++) {
        zw_series *ser = &c->series[s];
        if (!(ser->name = zw_arena_strndup(b->a, ser->name, strlen(ser->name)))) return false;
        for (size_t k = 0; k < c->ncats; k++)
            if (ser->mark[k] && !(ser->mark[k] = zw_arena_strndup(b->a, ser->mark[k], strlen(ser->mark[k])))) return false;
    }
    return !c->alt || (c->alt = zw_arena_strndup(b->a, c->alt, strlen(c->alt)));
}

/* What the kind of chart asks of the data: a ring or disc one series with something to share. */
static bool check_shape(cbind *b, zw_pos pos) {
    zw_chart *c = b->c;
    if (c->nseries > MAX_SERIES) {
        zw_diag(b->d, ZW_ERROR, pos, "a chart of %zu series cannot be told apart; at most %d (choose with 'rows:' or "
                "'columns:')", c->nseries, MAX_SERIES);
        return false;
    }
    if (!b->shares) return true;
    if (c->nseries != 1) {
        zw_diag(b->d, ZW_ERROR, pos, "a %s shows one series, not %zu: choose one column (or row) with 'columns:' "
                "('rows:')", kinds[c->kind], c->nseries);
        return false;
    }
    if (c->ncats > MAX_SLICES) {
        zw_diag(b->d, ZW_ERROR, pos, "a %s of %zu shares cannot be read (at most %d): a bar chart can", kinds[c->kind],
                c->ncats, MAX_SLICES);
        return false;
    }
    double sum = 0;
    for (size_t k = 0; k < c->ncats; k++) sum += c->series[0].v[k];
    if (!(sum > 0)) {
        zw_diag(b->d, ZW_ERROR, pos, "a %s shows shares of a total, and these numbers add up to nothing", kinds[c->kind]);
        return false;
    }
    return true;
}

static bool chart_options(cbind *b, const zw_value *v) {
    zw_chart *c = b->c;
    bool ok = true;
    const zw_value *x;
    if ((x = zw_value_lookup(v, "alt"))) ok &= zw_schema_str(b->d, x, "alt", &c->alt);
    if ((x = zw_value_lookup(v, "height"))) ok &= zw_schema_length(b->d, x, "height", 40, 2000, &c->height);
    if ((x = zw_value_lookup(v, "width"))) ok &= zw_schema_width(b->d, x, 20, 100, 2000, &c->width);
    long scale;
    if ((x = zw_value_lookup(v, "scale")) && zw_schema_int(b->d, x, "scale", 1, 1000000000, &scale)) {
        if (scale == 1 || scale == 1000 || scale == 1000000) c->scale = (double)scale;
        else { zw_diag(b->d, ZW_ERROR, x->pos, "'scale' is 1, 1000 or 1000000, not %ld", scale); ok = false; }
    } else if (x) ok = false;
    return ok;
}

/* `unit:` — it overrides what the numbers were written with, once they are read. */
static bool chart_unit(cbind *b, const zw_value *v) {
    const zw_value *x = zw_value_lookup(v, "unit");
    b->c->unit = -1;
    if (!x) return true;
    static const char *const units[] = {"number", "euro", "percent", NULL};
    int i;
    if (!zw_schema_enum(b->d, x, "unit", units, &i)) return false;
    b->c->unit = (int8_t)i;
    return true;
}

/* The numbers read: `unit:` applied, and what the kind asks of them checked. */
static bool data_done(cbind *b) {
    zw_chart *c = b->c;
    if (c->unit >= 0) {
        c->euro = c->unit == 1;
        c->percent = c->unit == 2;
    }
    return check_shape(b, c->pos);
}

zw_chart *zw_chart_bind(zw_arena *a, zw_diags *d, const zw_value *v) {
    if (!zw_schema_is(d, v, ZW_V_MAP, "chart")) return NULL;
    static const char *const keys[] = {"type", "caption", "alt", "table", "rows", "columns", "categories", "series",
                                       "unit", "scale", "width", "height", NULL};
    cbind b = {a, d, zw_arena_alloc(a, sizeof(zw_chart)), false};
    if (!b.c) return NULL;
    zw_chart *c = b.c;
    c->pos = v->pos;
    c->scale = 1;
    bool ok = zw_schema_keys(d, v, keys, "chart");
    const zw_value *x = zw_schema_need(d, v, "type", "chart");
    int kind;
    if (!x || !zw_schema_enum(d, x, "type", kinds, &kind)) return NULL;
    c->kind = (uint8_t)kind;
    b.shares = kind == ZW_CHART_DONUT || kind == ZW_CHART_PIE;
    ok &= chart_options(&b, v);
    ok = chart_unit(&b, v) && ok;
    if (zw_value_lookup(v, "table")) {   /* its numbers are read by zw_charts_resolve */
        if (zw_value_lookup(v, "series")) {
            zw_diag(d, ZW_ERROR, zw_value_lookup(v, "series")->pos, "a chart takes its numbers from 'table:' or from "
                    "'series:', not both");
            return NULL;
        }
        ok = table_keys(&b, v) && ok;
        ok = ok && (!c->alt || (c->alt = zw_arena_strndup(a, c->alt, strlen(c->alt))));
        return ok ? c : NULL;
    }
    ok = own_series(&b, v) && ok;
    if (zw_value_lookup(v, "rows") || zw_value_lookup(v, "columns")) {
        zw_diag(d, ZW_ERROR, v->pos, "'rows:' and 'columns:' choose from a table: give 'table:'");
        ok = false;
    }
    ok = ok && data_done(&b) && keep_strings(&b);
    return ok ? c : NULL;
}

/* ---- the tables' numbers --------------------------------------------------------------------- */

typedef struct found {         /* the tables with an id and the charts that name one, in the document */
    struct { const char *id; const zw_table *t; } *tables;
    size_t ntables, captables;
    zw_chart **charts;
    size_t ncharts, capcharts;
    bool oom;
} found;

static void find(found *f, const zw_block *b, size_t n) {
    for (size_t i = 0; i < n && !f->oom; i++) {
        if (b[i].kind == ZW_BLK_TABLE && b[i].table.id) {
            if (!zw_grow((void **)&f->tables, &f->captables, f->ntables, sizeof *f->tables)) { f->oom = true; return; }
            f->tables[f->ntables].id = b[i].table.id;
            f->tables[f->ntables++].t = &b[i].table;
        } else if (b[i].kind == ZW_BLK_CHART && b[i].chart && b[i].chart->table && !b[i].chart->series) {
            if (!zw_grow((void **)&f->charts, &f->capcharts, f->ncharts, sizeof *f->charts)) { f->oom = true; return; }
            f->charts[f->ncharts++] = b[i].chart;
        } else if (b[i].kind == ZW_BLK_SECTION) {
            find(f, b[i].section->blocks, b[i].section->n);
        } else if (b[i].kind == ZW_BLK_LIST) {
            for (size_t k = 0; k < b[i].list.n; k++) find(f, b[i].list.items[k], b[i].list.item_n[k]);
        }
    }
}

bool zw_charts_resolve(zw_arena *a, zw_diags *d, zw_doc *doc, bool (*later)(void *ctx, const char *id), void *ctx) {
    found f = {0};
    for (size_t i = 0; i < doc->nchapters; i++) find(&f, doc->chapters[i].blocks, doc->chapters[i].n);
    bool ok = !f.oom;
    if (f.oom) zw_diag(d, ZW_ERROR, doc->pos, "out of memory");
    for (size_t i = 0; i < f.ncharts && !f.oom; i++) {
        zw_chart *c = f.charts[i];
        const zw_table *t = NULL;
        for (size_t k = 0; k < f.ntables && !t; k++)
            if (!strcmp(f.tables[k].id, c->table)) t = f.tables[k].t;
        if (!t && later && later(ctx, c->table)) continue;
        if (!t) {
            zw_diag(d, ZW_ERROR, c->table_pos, "no table has the id '%s' (give the table 'id: %s')", c->table, c->table);
            ok = false;
            continue;
        }
        cbind b = {a, d, c, c->kind == ZW_CHART_DONUT || c->kind == ZW_CHART_PIE};
        ok &= from_table(&b, t) && data_done(&b);
    }
    free(f.tables);
    free(f.charts);
    return ok;
}
