/* table.c — tables → row slices on the vertical list.
 *
 * Column widths (fixed, fractional, automatic; never below a column's longest word), cells set as
 * paragraphs (at the table's own size if it has one), vertical alignment in the row, decimal alignment
 * on the comma, header, group and zebra shading, rules and a frame.  A row with several lines becomes
 * slices that the page builder may separate (all cells break at the same line boundary); a row taller
 * than a page is always cut, at a forced cut if no clean one fits.  Header rows are registered for
 * repetition on continuation pages; a caption keeps with the header and two lines of the first row, a
 * group row with the row after it, a total row with the row before it.  Notes marked in a table with
 * table placement are set under its last row.  A landscape table is set at the measure of a landscape
 * page and marked so that it stands on landscape page(s) of its own. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout_int.h"

#define EPS 0.01

typedef struct tcell {        /* one set cell */
    const zw_cell *cell;
    size_t row;               /* the table row it starts in */
    double x, w;              /* column start and width (colspan included) */
    zw_setpar *paras;
    size_t n;
    double *para_y;           /* top of each paragraph inside the cell, padding included */
    double h;                 /* content height + padding */
    double shift;             /* decimal alignment: move left by this much */
    zw_role role;
    int elem;
} tcell;

typedef struct trow {         /* a row, or rows joined by cells spanning them: the unit of slicing */
    const zw_row *row;        /* its first row */
    int elem;                 /* that row's element (TR) */
    size_t r0, r1;            /* the table rows it holds */
    double *sub_y;            /* top of each of them from its top, [r1 - r0]: its height (joined rows only) */
    tcell *cells;             /* the cells of all its rows; their paragraph tops from its top */
    size_t n;
    double h;
} trow;

typedef struct tctx {
    zw_lay *L;
    const zw_table *t;
    double *col_x, *col_w;
    size_t *body_index;       /* per row: its place among the body rows (zebra shading) */
    int index;                /* index in vl.tables */
    int elem;                 /* the table's element, and its header and body row groups (-1: none yet) */
    int head, body;
    int caption;              /* the caption's element, -1 when there is none */
    double avail;             /* the tallest slice that fits a continuation page under the repeated header */
} tctx;

/* The paragraph style of a row's cells: the table style's, at the table's own size if it has one (the
 * leading scaled along); a total row is bold. */
static zw_pstyle_def row_style(const zw_lay *L, const zw_table *t, zw_row_kind k) {
    const zw_tstyle *ts = &L->st->table;
    zw_pstyle_def p = k == ZW_ROW_HEADER ? ts->header : k == ZW_ROW_GROUP ? ts->group : ts->cell;
    if (t->size > 0 && p.size > 0) {
        p.leading *= t->size / p.size;
        p.size = t->size;
    }
    if (k == ZW_ROW_TOTAL) p.bold = true;
    p.expand = ts->expand;
    p.protrude = ts->protrude;
    return p;
}

/* ---- numbers -------------------------------------------------------------------------------- */

/* Whether s[0..n) is a number typed with a hyphen for its minus: "-1.234", "-61,5%", "-0,5". */
static bool hyphen_minus(const char *s, size_t n) {
    if (n < 2 || s[0] != '-' || s[1] < '0' || s[1] > '9') return false;
    for (size_t i = 2; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',' || (s[i] == '%' && i == n - 1))) return false;
    return true;
}

/* A cell paragraph as it is set: a negative number typed with a hyphen ("-1.234") gets the minus sign
 * U+2212, or the en dash where the face has no minus sign (Noto Sans), as typesetters print it; any
 * other text is the model's own.  NULL when out of memory. */
static const zw_text *cell_text(zw_lay *L, const zw_parstyle *ps, const zw_text *t) {
    if (t->n != 1 || t->spans[0].kind != ZW_SPAN_TEXT || !hyphen_minus(t->spans[0].text, t->spans[0].len)) return t;
    int face = ps->face[t->spans[0].style & (ZW_BOLD | ZW_ITALIC)];
    const char *minus = L->m->covers(L->m->ctx, face, 0x2212) ? "\xE2\x88\x92"
                        : L->m->covers(L->m->ctx, face, 0x2013) ? "\xE2\x80\x93" : NULL;
    if (!minus) return t;
    zw_text *out = zw_arena_alloc(L->a, sizeof *out);
    zw_span *sp = zw_arena_alloc(L->a, sizeof *sp);
    char *text = zw_arena_printf(L->a, "%s%.*s", minus, (int)t->spans[0].len - 1, t->spans[0].text + 1);
    if (!out || !sp || !text) { L->oom = true; return NULL; }
    *sp = t->spans[0];
    sp->text = text;
    sp->len = strlen(text);
    *out = *t;
    out->spans = sp;
    return out;
}

/* Width of what follows the decimal comma on a one-line cell: the fraction and any suffix ("61,5%" →
 * "5%"; for an integer just the suffix: "5%" → "%", "1.000" → nothing).  <0 when the cell has no digit. */
static double after_comma(const zw_lay *L, const zw_line *ln) {
    if (!ln->n) return -1;
    double right = ln->width;
    const zw_frag *last = NULL;
    for (size_t i = ln->n; i-- > 0;) {
        const zw_frag *f = &ln->frags[i];
        if (zw_frag_note(f)) continue;
        if (!last) last = f;
        const char *comma = memrchr(f->text, ',', f->len);
        if (!comma) continue;
        double before = L->m->width(L->m->ctx, f->face, f->size, f->text, (size_t)(comma - f->text) + 1);
        return right - (f->x + before);
    }
    if (!last) return -1;
    size_t end = last->len;
    while (end > 0 && !(last->text[end - 1] >= '0' && last->text[end - 1] <= '9')) end--;
    if (end == 0) return -1;
    return right - (last->x + L->m->width(L->m->ctx, last->face, last->size, last->text, end));
}

/* Whether a cell of a decimal column takes part in the alignment on the comma (when it is set on one
 * line): a body or total cell of one column and one paragraph, without an alignment of its own. */
static bool decimal_candidate(const zw_table *t, const zw_row *row, const zw_cell *cell) {
    return (row->kind == ZW_ROW_BODY || row->kind == ZW_ROW_TOTAL) && cell->col < t->ncols &&
           t->cols[cell->col].align == ZW_ALIGN_DECIMAL && cell->colspan == 1 && cell->n == 1 &&
           cell->align == ZW_ALIGN_DEFAULT;
}

/* The widths of a number's part before the part after_comma measures (the comma included) and of that
 * part, set on one line (`natural`: its width on one line); false when it has no digit.  A plain word
 * ("669,8") is measured directly, anything else ("€ 1.234", a note mark) set on one line first. */
static bool decimal_parts(zw_lay *L, const zw_parstyle *ps, const zw_text *t, double natural, double *before,
                          double *after) {
    const zw_span *sp = t->n == 1 ? &t->spans[0] : NULL;
    bool word = sp && sp->kind == ZW_SPAN_TEXT && !(sp->style & ZW_SUP);
    for (size_t i = 0; word && i < sp->len; i++) word = sp->text[i] != ' ' && sp->text[i] != '\xC2';   /* (U+00A0) */
    if (word) {
        zw_frag f = {0, natural, ps->face[sp->style & (ZW_BOLD | ZW_ITALIC)], ps->size, 0, sp->text, sp->len, sp->pos,
                     sp};
        zw_line ln = {.frags = &f, .n = 1, .width = natural, .last = true, .measure = natural};
        *after = after_comma(L, &ln);
    } else {
        zw_parstyle left = *ps;
        left.align = ZW_ALIGN_LEFT;
        zw_line *lines;
        size_t n;
        if (!zw_set_paragraph(&L->set, &left, t, natural + 1, &lines, &n)) { L->oom = true; return false; }
        if (n != 1) return false;
        *after = after_comma(L, &lines[0]);
        natural = lines[0].width;
    }
    *before = natural - *after;
    return *after >= 0;
}

/* ---- column widths ---------------------------------------------------------------------------- */

typedef struct tspan {        /* a cell spanning columns: what it needs of them together */
    size_t col, n;            /* its first column and how many */
    double min_w;             /* its longest word */
} tspan;

/* What the cells need of their columns (arrays of ncols, zeroed): per column the longest word (min_w)
 * and the whole text on one line (max_w) of its one-column cells, where a decimal column's numbers count
 * as lined up on their commas (the widest part before the comma plus the widest after it: "1.234" over
 * "61,5%" is wider than either); and each cell spanning columns (into *spans, their number returned).
 * One pass over the rows; the paragraph style is worked out once per kind of row. */
static size_t content_extents(tctx *c, double *min_w, double *max_w, tspan **spans) {
    zw_lay *L = c->L;
    const zw_table *t = c->t;
    zw_parstyle ps[ZW_ROW_TOTAL + 1];
    for (int k = 0; k <= ZW_ROW_TOTAL; k++) {
        zw_pstyle_def def = row_style(L, t, (zw_row_kind)k);
        zw_lay_parstyle(L->st, &def, &ps[k]);
    }
    double *before = zw_arena_alloc(L->a, 2 * (t->ncols + 1) * sizeof *before), *after = before + t->ncols + 1;
    size_t nspans = 0, cap = 0;
    for (size_t r = 0; r < t->nrows; r++) cap += t->rows[r].kind == ZW_ROW_GROUP ? 0 : t->rows[r].n;
    *spans = zw_arena_alloc(L->a, (cap + 1) * sizeof **spans);
    if (!before || !*spans) { L->oom = true; return 0; }
    for (size_t r = 0; r < t->nrows; r++) {
        const zw_row *row = &t->rows[r];
        if (row->kind == ZW_ROW_GROUP) continue;
        for (size_t i = 0; i < row->n; i++) {
            const zw_cell *cell = &row->cells[i];
            size_t col = cell->col;
            if (col >= t->ncols) continue;
            double cmin = 0;
            for (size_t p = 0; p < cell->n; p++) {   /* their notes are numbered already */
                double mn, mx, b, a;
                const zw_text *tx = cell_text(L, &ps[row->kind], &cell->paras[p]);
                if (tx) tx = zw_lay_resolve_refs(L, tx, ps[row->kind].face[0]);   /* as zw_lay_set will */
                if (!tx || !zw_text_extent(&L->set, &ps[row->kind], tx, &mn, &mx)) { L->oom = true; return 0; }
                cmin = fmax(cmin, mn);
                if (cell->colspan != 1) continue;
                max_w[col] = fmax(max_w[col], mx);
                if (decimal_candidate(t, row, cell) && decimal_parts(L, &ps[row->kind], tx, mx, &b, &a)) {
                    before[col] = fmax(before[col], b);
                    after[col] = fmax(after[col], a);
                }
            }
            if (cell->colspan == 1) min_w[col] = fmax(min_w[col], cmin);
            else (*spans)[nspans++] = (tspan){col, (size_t)cell->colspan, cmin};
        }
    }
    for (size_t i = 0; i < t->ncols; i++) {   /* numbers never wrap: their lined-up width is the least */
        min_w[i] = fmax(min_w[i], before[i] + after[i]);
        max_w[i] = fmax(max_w[i], before[i] + after[i]);
    }
    return nspans;
}

/* Fixed widths (pt) that alone exceed the measure cannot be honoured: say so before scaling them. */
static void warn_fixed_too_wide(const tctx *c, double avail) {
    double sum = 0;
    for (size_t i = 0; i < c->t->ncols; i++)
        if (c->t->cols[i].unit == ZW_W_PT) sum += c->t->cols[i].width;
    if (sum > avail + EPS)
        zw_diag(c->L->d, ZW_WARNING, c->t->cols[0].pos, "the fixed column widths add up to %.1f pt but the "
                "measure is %.1f pt; the columns are scaled down to fit", sum, avail);
}

/* Whether the widths below depend on the cells' content: an automatic column's does, and so does every
 * column's when there are several (one narrower than its longest word is widened from the others); the
 * one column of a table without automatic width gets the measure or its fixed width whatever it holds. */
static bool needs_extents(const zw_table *t) {
    if (t->ncols > 1) return true;
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].unit == ZW_W_AUTO) return true;
    return false;
}

/* Widen column i by up to `need`, taking the room from the columns outside [skip0, skip1) that have some
 * to spare beyond their own least width. */
static void widen(tctx *c, const double *minw, size_t i, double need, size_t skip0, size_t skip1) {
    for (size_t j = 0; j < c->t->ncols && need > EPS; j++) {
        double spare = c->col_w[j] - minw[j];
        if ((j >= skip0 && j < skip1) || spare <= 0) continue;
        double take = fmin(spare, need);
        c->col_w[j] -= take;
        c->col_w[i] += take;
        need -= take;
    }
}

/* Columns narrower than their longest word or their numbers lined up are widened, then the columns of a
 * cell spanning several that together are narrower than its longest word, evenly; the room comes from
 * columns that have some to spare.  (What no column can spare is left: words are then broken, with a
 * warning, and numbers right-aligned, with a warning; nothing is ever set over a neighbouring cell.) */
static void widen_columns(tctx *c, double *minw, const tspan *spans, size_t nspans, double pad) {
    for (size_t i = 0; i < c->t->ncols; i++) widen(c, minw, i, minw[i] - c->col_w[i], i, i + 1);
    for (size_t s = 0; s < nspans; s++) {
        size_t n = spans[s].n, end = spans[s].col + n < c->t->ncols ? spans[s].col + n : c->t->ncols;
        double have = 0;
        for (size_t k = spans[s].col; k < end; k++) have += c->col_w[k];
        double need = spans[s].min_w + pad - have;
        if (need <= EPS) continue;
        for (size_t k = spans[s].col; k < end; k++) {
            widen(c, minw, k, need / (double)(end - spans[s].col), spans[s].col, end);
            minw[k] = c->col_w[k];   /* what the span took is not spare for the next span */
        }
    }
}

static void column_widths(tctx *c) {
    const zw_table *t = c->t;
    double pad = 2 * c->L->st->table.pad_x, avail = c->L->measure - c->L->indent, fixed = 0, frs = 0;
    double *minw = zw_arena_alloc(c->L->a, (t->ncols + 1) * sizeof *minw);   /* zeroed */
    double *maxw = zw_arena_alloc(c->L->a, (t->ncols + 1) * sizeof *maxw);
    if (!minw || !maxw) { c->L->oom = true; return; }
    tspan *spans = NULL;
    size_t nspans = needs_extents(t) ? content_extents(c, minw, maxw, &spans) : 0;
    for (size_t i = 0; i < t->ncols; i++) {
        double mx = maxw[i];
        minw[i] += pad;
        if (t->cols[i].unit == ZW_W_PT) c->col_w[i] = t->cols[i].width;
        else if (t->cols[i].unit == ZW_W_AUTO) c->col_w[i] = fmin(mx + pad, avail / 2);
        else { frs += t->cols[i].width; continue; }
        fixed += c->col_w[i];
    }
    warn_fixed_too_wide(c, avail);
    if (fixed > avail) {   /* fixed and automatic columns too wide: scale them into the measure */
        for (size_t i = 0; i < t->ncols; i++)
            if (t->cols[i].unit != ZW_W_FR) c->col_w[i] *= avail / fixed;
        fixed = avail;
    }
    for (size_t i = 0; i < t->ncols; i++)
        if (t->cols[i].unit == ZW_W_FR) c->col_w[i] = (avail - fixed) * t->cols[i].width / frs;
    widen_columns(c, minw, spans, nspans, pad);
    double x = c->L->indent;
    for (size_t i = 0; i < t->ncols; i++) { c->col_x[i] = x; x += c->col_w[i]; }
}

/* ---- setting cells ---------------------------------------------------------------------------- */

static zw_align cell_align(const tctx *c, const zw_row *row, const zw_cell *cell, size_t col) {
    if (row->kind == ZW_ROW_GROUP) return ZW_ALIGN_LEFT;
    zw_align a = cell->align != ZW_ALIGN_DEFAULT ? cell->align : c->t->cols[col].align;
    if (row->kind == ZW_ROW_HEADER && a == ZW_ALIGN_DECIMAL) return ZW_ALIGN_RIGHT;
    return a == ZW_ALIGN_DEFAULT ? ZW_ALIGN_LEFT : a;
}

static void set_cell(tctx *c, const zw_row *row, size_t i, tcell *tc) {
    zw_lay *L = c->L;
    const zw_tstyle *ts = &L->st->table;
    const zw_cell *cell = &row->cells[i];
    size_t col = cell->col;
    zw_pstyle_def p = row_style(L, c->t, row->kind);
    size_t span = (size_t)cell->colspan;
    if (col + span > c->t->ncols) span = c->t->ncols - col;
    tc->cell = cell;
    tc->row = (size_t)(row - c->t->rows);
    tc->x = c->col_x[col];
    tc->w = 0;
    for (size_t k = col; k < col + span; k++) tc->w += c->col_w[k];
    tc->n = cell->n;
    tc->paras = zw_arena_alloc(L->a, (cell->n + 1) * sizeof *tc->paras);
    tc->para_y = zw_arena_alloc(L->a, (cell->n + 1) * sizeof *tc->para_y);
    bool row_header = row->kind != ZW_ROW_HEADER && row->kind != ZW_ROW_GROUP && c->t->cols[col].header;
    tc->role = row->kind == ZW_ROW_HEADER || row_header ? ZW_ROLE_TH : ZW_ROLE_TD;
    tc->elem = zw_lay_elem(L, tc->role);   /* in the row's element */
    if (!tc->paras || !tc->para_y || tc->elem < 0) { L->oom = true; return; }
    zw_elem *e = &L->dl->elems[tc->elem];
    e->colspan = (uint16_t)(span < UINT16_MAX ? span : UINT16_MAX);
    e->rowspan = (uint16_t)(cell->rowspan < UINT16_MAX ? cell->rowspan : UINT16_MAX);
    e->scope = row_header ? ZW_SCOPE_ROW : tc->role == ZW_ROLE_TH ? ZW_SCOPE_COLUMN : ZW_SCOPE_NONE;
    double y = ts->pad_y;
    zw_align al = cell_align(c, row, cell, col);
    zw_parstyle ps;
    zw_lay_parstyle(L->st, &p, &ps);
    for (size_t k = 0; k < cell->n; k++) {
        if (k > 0) y += p.space_after;
        tc->para_y[k] = y;
        const zw_text *tx = cell_text(L, &ps, &cell->paras[k]);
        if (!tx || !zw_lay_set(L, &p, al, tx, tc->w - 2 * ts->pad_x, &tc->paras[k])) return;
        y += (double)tc->paras[k].n * tc->paras[k].leading;
    }
    tc->h = y + ts->pad_y;
}

/* Move the content of a cell shorter than its row down: to the middle or the bottom of the row. */
static void valign_cell(tctx *c, const zw_row *row, tcell *tc, double row_h) {
    zw_valign v = tc->cell->valign != ZW_VALIGN_DEFAULT ? tc->cell->valign : c->t->cols[tc->cell->col].valign;
    if (row->kind == ZW_ROW_GROUP || (v != ZW_VALIGN_MIDDLE && v != ZW_VALIGN_BOTTOM)) return;
    double dy = (row_h - tc->h) * (v == ZW_VALIGN_MIDDLE ? 0.5 : 1);
    for (size_t k = 0; k < tc->n; k++) tc->para_y[k] += dy;
    tc->h += dy;
}

/* A row's cells; its height is that of its tallest cell spanning no other rows. */
static void set_row(tctx *c, const zw_row *row, trow *tr) {
    tr->row = row;
    tr->r0 = (size_t)(row - c->t->rows);
    tr->r1 = tr->r0 + 1;
    tr->sub_y = NULL;
    tr->n = 0;
    tr->cells = zw_arena_alloc(c->L->a, (row->n + 1) * sizeof *tr->cells);
    if (!tr->cells) { c->L->oom = true; return; }
    tr->h = 0;
    int *group = row->kind == ZW_ROW_HEADER ? &c->head : &c->body;   /* THead or TBody, made when first needed */
    if (*group < 0) *group = zw_lay_elem_in(c->L, row->kind == ZW_ROW_HEADER ? ZW_ROLE_THEAD : ZW_ROLE_TBODY, c->elem);
    int outer = c->L->parent;
    c->L->parent = *group;
    tr->elem = zw_lay_elem(c->L, ZW_ROLE_TR);
    c->L->parent = tr->elem;
    for (size_t i = 0; i < row->n && !c->L->oom; i++) {
        if (row->cells[i].col >= c->t->ncols) continue;
        tcell *tc = &tr->cells[tr->n++];
        set_cell(c, row, i, tc);
        if (row->cells[i].rowspan <= 1 && tc->h > tr->h) tr->h = tc->h;
    }
    c->L->parent = outer;
    for (size_t i = 0; i < tr->n && !c->L->oom; i++)
        if (tr->cells[i].cell->rowspan <= 1) valign_cell(c, row, &tr->cells[i], tr->h);
}

/* ---- decimal alignment ------------------------------------------------------------------------ */

/* Whether a set cell takes part in its column's decimal alignment: a candidate set on one line. */
static bool decimal_cell(const tctx *c, const zw_row *row, const tcell *tc) {
    return decimal_candidate(c->t, row, tc->cell) && tc->paras[0].n == 1;
}

/* A cell is never moved out of its cell to line up its comma: where the column could not be made wide
 * enough (no other column had room to spare), the number goes no further left than the cell's edge, and
 * the column's misalignment is reported once. */
static void fit_shift(tctx *c, tcell *tc, bool *warned) {
    double room = tc->paras[0].lines[0].n ? tc->paras[0].lines[0].frags[0].x : 0;   /* right-aligned: left of it */
    if (tc->shift <= room + ZW_WIDTH_EPS) return;
    tc->shift = room;
    if (*warned) return;
    *warned = true;
    zw_diag(c->L->d, ZW_WARNING, tc->cell->pos, "column %u is too narrow to line up its numbers on the decimal "
            "comma (the other columns have no room to spare): those that would leave their cell stop at its edge",
            (unsigned)tc->cell->col + 1);
}

/* Two passes over the rows for all decimal columns at once: the widest part after the comma per column
 * (each cell's own width parked in its shift), then each cell's shift. */
static void decimal_align(tctx *c, trow *rows, size_t nrows) {
    bool any = false;
    for (size_t col = 0; col < c->t->ncols; col++) any = any || c->t->cols[col].align == ZW_ALIGN_DECIMAL;
    if (!any) return;
    double *max_after = zw_arena_alloc(c->L->a, (c->t->ncols + 1) * sizeof *max_after);
    bool *warned = zw_arena_alloc(c->L->a, (c->t->ncols + 1) * sizeof *warned);
    if (!max_after || !warned) { c->L->oom = true; return; }
    for (int pass = 0; pass < 2; pass++)
        for (size_t r = 0; r < nrows; r++)
            for (size_t i = 0; i < rows[r].n; i++) {
                tcell *tc = &rows[r].cells[i];
                if (!decimal_cell(c, rows[r].row, tc)) continue;
                size_t col = tc->cell->col;
                if (pass == 0) {
                    double a = after_comma(c->L, &tc->paras[0].lines[0]);
                    tc->shift = a;
                    if (a > max_after[col]) max_after[col] = a;
                } else {
                    tc->shift = tc->shift < 0 ? 0 : max_after[col] - tc->shift;
                    fit_shift(c, tc, &warned[col]);
                }
            }
}

/* ---- slices ----------------------------------------------------------------------------------- */

/* Whether a cut at y (from the row top) passes through no line of any cell. */
static bool clean_cut(const trow *tr, double y) {
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++)
            for (size_t l = 0; l < tc->paras[k].n; l++) {
                double top = tc->para_y[k] + (double)l * tc->paras[k].leading;
                if (y > top + EPS && y < top + tc->paras[k].leading - EPS) return false;
            }
    }
    return true;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

typedef struct tcut {          /* where a row is cut into slices */
    double y;                 /* from the row top */
    bool forced;              /* not between lines of every cell: only to fit a row taller than a page */
} tcut;

/* Clean cut positions of a row (below some line of a cell, through no line of any cell), ascending and
 * distinct, into *out.  Returns their number. */
static size_t clean_cuts(zw_lay *L, const trow *tr, double **out) {
    size_t n = 0;
    for (size_t i = 0; i < tr->n; i++)
        for (size_t k = 0; k < tr->cells[i].n; k++) n += tr->cells[i].paras[k].n;
    double *cuts = zw_arena_alloc(L->a, (n + 1) * sizeof *cuts);
    if (!cuts) { L->oom = true; return 0; }
    size_t m = 0;
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++)
            for (size_t l = 1; l <= tc->paras[k].n; l++) {
                double y = tc->para_y[k] + (double)l * tc->paras[k].leading;
                if (y < tr->h - L->st->table.pad_y - EPS && clean_cut(tr, y)) cuts[m++] = y;
            }
    }
    qsort(cuts, m, sizeof *cuts, cmp_double);
    size_t u = 0;
    for (size_t i = 0; i < m; i++)
        if (!u || cuts[i] > cuts[u - 1] + EPS) cuts[u++] = cuts[i];
    *out = cuts;
    return u;
}

/* A cut for a slice from y0 at most `avail` tall when no clean cut fits: the top of the first line (of
 * any cell) that does not end within it; the lines above it all do.  <= y0 when there is none. */
static double forced_cut(const trow *tr, double y0, double avail) {
    double cut = tr->h;
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++)
            for (size_t l = 0; l < tc->paras[k].n; l++) {
                double top = tc->para_y[k] + (double)l * tc->paras[k].leading;
                if (top > y0 - EPS && top + tc->paras[k].leading > y0 + avail + EPS && top < cut) cut = top;
            }
    }
    return cut;
}

/* Add cuts from y0 up to `next` so that no slice is taller than `avail`: the latest clean cut that fits,
 * else a forced one.  A slice that cannot be made to fit (one line taller than the page) stays. */
static void fit_cuts(const trow *tr, const double *clean, size_t nclean, double avail, double y0, double next,
                     tcut *out, size_t *n) {
    while (next - y0 > avail + EPS) {
        double c = -1;
        for (size_t i = 0; i < nclean; i++)
            if (clean[i] > y0 + EPS && clean[i] <= y0 + avail + EPS) c = clean[i];
        bool forced = c < 0;
        if (forced) c = forced_cut(tr, y0, avail);
        if (c <= y0 + EPS || c >= next - EPS) return;
        out[(*n)++] = (tcut){c, forced};
        y0 = c;
    }
}

/* Cut positions of a row, ascending, ending with the row height: between its lines when rows may split,
 * and wherever needed to keep every slice within `avail` (a row taller than a page always splits).
 * Returns their number. */
static size_t row_cuts(zw_lay *L, const trow *tr, bool split, double avail, tcut **out) {
    double *clean = NULL;
    size_t nclean = clean_cuts(L, tr, &clean), nlines = 1;
    for (size_t i = 0; i < tr->n; i++)
        for (size_t k = 0; k < tr->cells[i].n; k++) nlines += tr->cells[i].paras[k].n;
    tcut *cuts = zw_arena_alloc(L->a, (nclean + nlines + 1) * sizeof *cuts);
    if (L->oom || !cuts) { L->oom = true; return 0; }
    size_t n = 0;
    double y0 = 0;
    for (size_t i = 0; i <= nclean; i++) {
        double next = i < nclean ? clean[i] : tr->h;
        if (i < nclean && !split) continue;
        fit_cuts(tr, clean, nclean, avail, y0, next, cuts, &n);
        cuts[n++] = (tcut){next, false};
        y0 = next;
    }
    *out = cuts;
    return n;
}

/* Whether a cut at y leaves a cell's word broken: some cell line that ends there ends in a hyphen and
 * its paragraph goes on below. */
static bool cut_breaks_word(const trow *tr, double y) {
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++) {
            const zw_setpar *sp = &tc->paras[k];
            for (size_t l = 0; l + 1 < sp->n; l++) {
                double bottom = tc->para_y[k] + (double)(l + 1) * sp->leading;
                if (sp->lines[l].hyphen && fabs(bottom - y) < EPS) return true;
            }
        }
    }
    return false;
}

/* Height of the slice [y0, y1): a forced cut leaves lines that reach below y1 in the slice above. */
static double slice_height(const trow *tr, double y0, double y1) {
    double h = y1 - y0;
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++)
            for (size_t l = 0; l < tc->paras[k].n; l++) {
                double top = tc->para_y[k] + (double)l * tc->paras[k].leading;
                if (top >= y0 - EPS && top < y1 - EPS && top + tc->paras[k].leading - y0 > h)
                    h = top + tc->paras[k].leading - y0;
            }
    }
    return h;
}

static void add_rule(zw_lay *L, double x0, double x1, double y, double w) {
    if (w <= 0) return;
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RULE);
    if (op) op->u.rule = (zw_rule){x0, y, x1, y, w, zw_lay_ink(L, L->st->table.rule_color)};
    else L->oom = true;
}

static void add_vrule(zw_lay *L, double x, double h, double w) {
    if (w <= 0) return;
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RULE);
    if (op) op->u.rule = (zw_rule){x, 0, x, h, w, zw_lay_ink(L, L->st->table.rule_color)};
    else L->oom = true;
}

static bool is_white(zw_rgb c) { return c.r >= 1 && c.g >= 1 && c.b >= 1; }

static void add_fill(zw_lay *L, double x, double y, double w, double h, zw_rgb color) {
    if (is_white(color)) return;
    zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_FILL);
    if (op) op->u.fill = (zw_fill){x, y, w, h, zw_lay_ink(L, color)};
    else L->oom = true;
}

/* The lines of every cell that lie in [y0, y1), as runs relative to y0; page-note marks become refs. */
static void slice_runs(tctx *c, const trow *tr, double y0, double y1) {
    zw_lay *L = c->L;
    double pad = L->st->table.pad_x;
    for (size_t i = 0; i < tr->n; i++) {
        const tcell *tc = &tr->cells[i];
        for (size_t k = 0; k < tc->n; k++)
            for (size_t l = 0; l < tc->paras[k].n; l++) {
                double top = tc->para_y[k] + (double)l * tc->paras[k].leading;
                if (top < y0 - EPS || top >= y1 - EPS) continue;
                const zw_line *ln = &tc->paras[k].lines[l];
                size_t op0 = L->vl.nops;
                zw_lay_text_runs(L, ln, tc->x + pad, top - y0 + tc->paras[k].base, tc->role, tc->elem,
                                 tc->paras[k].ink);
                for (size_t o = op0; tc->shift != 0 && o < L->vl.nops; o++)   /* the line stays in its cell */
                    if (L->vl.ops[o].kind == ZW_OP_RUN) L->vl.ops[o].u.run.x -= tc->shift;
            }
    }
}

static void slice_refs(tctx *c, const trow *tr, double y0, double y1) {
    zw_lay *L = c->L;
    for (size_t i = 0; i < tr->n; i++)
        for (size_t k = 0; k < tr->cells[i].n; k++) {
            const zw_setpar *sp = &tr->cells[i].paras[k];
            for (size_t l = 0; l < sp->n; l++) {
                double top = tr->cells[i].para_y[k] + (double)l * sp->leading;
                if (top < y0 - EPS || top >= y1 - EPS) continue;
                zw_lay_line_refs(L, &sp->lines[l], c->t);
            }
        }
}

static zw_rgb row_fill(const zw_lay *L, const zw_row *row, size_t body_index) {
    const zw_tstyle *ts = &L->st->table;
    if (row->kind == ZW_ROW_HEADER) return ts->header_fill;
    if (row->kind == ZW_ROW_GROUP) return ts->group_fill;
    return body_index % 2 ? ts->zebra_fill : (zw_rgb){1, 1, 1};
}

static bool same_rgb(zw_rgb a, zw_rgb b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

typedef struct rowpos {       /* where a row stands in its table, for rules and penalties */
    bool first;               /* the table's first row (rule above) */
    bool last;                /* the table's last row (rule below) */
    bool last_header;         /* the last header row (header rule below) */
    bool after_header;        /* the first row after the header (no row rule above) */
} rowpos;

static rowpos row_pos(const zw_table *t, size_t r) {
    return (rowpos){r == 0, r + 1 == t->nrows, t->nheader && r + 1 == t->nheader, t->nheader && r == t->nheader};
}

/* The row of the cell that covers column col in row r of u: r, or the row of a cell spanning down into it. */
static size_t owner_row(const trow *u, size_t r, size_t col) {
    for (size_t i = 0; i < u->n; i++) {
        const tcell *tc = &u->cells[i];
        const zw_cell *cl = tc->cell;
        if (tc->row < r && tc->row + (size_t)cl->rowspan > r && col >= cl->col && col < cl->col + (size_t)cl->colspan)
            return tc->row;
    }
    return r;
}

/* Shading of row r of u between y0 and y1 (slice coordinates): each column in the colour of the row of
 * its cell, so a cell spanning rows is shaded as its first row throughout. */
static void shade_row(tctx *c, const trow *u, size_t r, double y0, double y1) {
    const zw_table *t = c->t;
    for (size_t a = 0; a < t->ncols;) {
        size_t o = owner_row(u, r, a), b = a + 1;
        zw_rgb g = row_fill(c->L, &t->rows[o], c->body_index[o]);
        while (b < t->ncols && same_rgb(row_fill(c->L, &t->rows[owner_row(u, r, b)], c->body_index[owner_row(u, r, b)]), g))
            b++;
        add_fill(c->L, c->col_x[a], y0, c->col_x[b - 1] + c->col_w[b - 1] - c->col_x[a], y1 - y0, g);
        a = b;
    }
}

/* The rule above row r of u (not its first row) at y, across the columns no cell from above covers. */
static void inner_rule(tctx *c, const trow *u, size_t r, double y, double w) {
    const zw_table *t = c->t;
    for (size_t a = 0; a < t->ncols;) {
        if (owner_row(u, r, a) != r) { a++; continue; }
        size_t b = a + 1;
        while (b < t->ncols && owner_row(u, r, b) == r) b++;
        add_rule(c->L, c->col_x[a], c->col_x[b - 1] + c->col_w[b - 1], y, w);
        a = b;
    }
}

/* Shading and row rules of the rows of a joined unit that lie in the slice [y0, y1) of height h. */
static void joined_rows(tctx *c, const trow *u, double y0, double y1, double h) {
    for (size_t r = u->r0; r < u->r1; r++) {
        double top = u->sub_y[r - u->r0], bot = u->sub_y[r - u->r0 + 1];
        if (top >= y1 - EPS || bot <= y0 + EPS) continue;
        shade_row(c, u, r, fmax(top - y0, 0), bot >= y1 - EPS ? h : bot - y0);
    }
    for (size_t r = u->r0 + 1; r < u->r1; r++) {
        double top = u->sub_y[r - u->r0];
        if (top >= y0 - EPS && top < y1 - EPS && c->t->rows[r].kind != ZW_ROW_HEADER)
            inner_rule(c, u, r, top - y0, c->L->st->table.rule_rows);
    }
}

static void emit_slice(tctx *c, const trow *tr, double y0, double y1, bool last_slice) {
    zw_lay *L = c->L;
    const zw_tstyle *ts = &L->st->table;
    double x0 = c->col_x[0], x1 = c->col_x[c->t->ncols - 1] + c->col_w[c->t->ncols - 1];
    double h = slice_height(tr, y0, y1);
    rowpos rp = row_pos(c->t, tr->r0), rl = row_pos(c->t, tr->r1 - 1);
    zw_vitem *it = zw_lay_box(L, h);
    if (!it) return;
    it->table = c->index;
    it->row = tr->elem;
    it->repeat = tr->row->kind == ZW_ROW_HEADER;
    it->op0 = L->vl.nops;
    if (tr->r1 - tr->r0 > 1) joined_rows(c, tr, y0, y1, h);
    else add_fill(L, x0, 0, x1 - x0, h, row_fill(L, tr->row, c->body_index[tr->r0]));
    if (y0 < EPS) {
        if (rp.first) add_rule(L, x0, x1, 0, ts->rule_top);
        else if (!rp.after_header && tr->row->kind != ZW_ROW_HEADER) add_rule(L, x0, x1, 0, ts->rule_rows);
    }
    if (last_slice && rl.last_header) add_rule(L, x0, x1, h, ts->rule_header);
    if (last_slice && rl.last) add_rule(L, x0, x1, h, ts->rule_bottom);
    add_vrule(L, x0, h, ts->frame);
    add_vrule(L, x1, h, ts->frame);
    slice_runs(c, tr, y0, y1);
    it = &L->vl.items[L->vl.n - 1];
    it->op1 = L->vl.nops;
    it->note0 = L->vl.nrefs;
    slice_refs(c, tr, y0, y1);
    L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
}

/* Penalty before row r: keep header and first row, group with next, total with previous. */
static double row_penalty(const zw_table *t, size_t r) {
    const zw_row *row = &t->rows[r], *prev = &t->rows[r - 1];
    if (row->kind == ZW_ROW_HEADER || prev->kind == ZW_ROW_HEADER) return ZW_VINF;
    if (prev->kind == ZW_ROW_GROUP || row->kind == ZW_ROW_TOTAL) return ZW_VINF;
    if (r == t->nheader + 1 && t->rows[t->nheader].kind == ZW_ROW_GROUP) return ZW_VINF;
    return 0;
}

/* The row whose first two lines start the table with its header: the first row after the header, or
 * the one after it when that is a group row (a group row is always kept with the row after it). */
static size_t first_body(const zw_table *t) {
    size_t r = t->nheader;
    return r + 1 < t->nrows && t->rows[r].kind == ZW_ROW_GROUP ? r + 1 : r;
}

/* A row, or rows joined by cells spanning them (kept together: cut only when taller than a page). */
static void emit_row(tctx *c, const trow *tr) {
    zw_lay *L = c->L;
    bool split = L->st->table.split_rows && tr->row->kind != ZW_ROW_HEADER && tr->row->kind != ZW_ROW_GROUP &&
                 tr->r1 - tr->r0 == 1;
    size_t fb = first_body(c->t);
    tcut *cuts;
    size_t n = row_cuts(L, tr, split, c->avail, &cuts);
    double y0 = 0;
    for (size_t i = 0; i < n && !L->oom; i++) {   /* a forced cut is always allowed: the row is taller than a page */
        bool keep = (i == 1 && fb >= tr->r0 && fb < tr->r1) || i == n - 1;
        if (i > 0)
            zw_lay_penalty(L, keep && !cuts[i - 1].forced ? ZW_VINF
                                                          : 50 + (cut_breaks_word(tr, cuts[i - 1].y) ? ZW_BROKEN_PENALTY : 0));
        emit_slice(c, tr, y0, cuts[i].y, i == n - 1);
        y0 = cuts[i].y;
    }
}

/* ---- caption, table notes, the whole table ---------------------------------------------------- */

/* The caption (its element made before the rows'), or the continuation caption (hidden: placed only on
 * the pages the table continues on, page furniture). */
static void caption_box(tctx *c, const zw_text *t, bool hidden) {
    zw_lay *L = c->L;
    const zw_pstyle_def *p = &L->st->table.caption;
    zw_setpar sp;
    if (!zw_lay_set(L, p, ZW_ALIGN_LEFT, t, L->measure - L->indent, &sp)) return;
    int elem = hidden ? -1 : c->caption;
    zw_role role = hidden ? ZW_ROLE_ARTIFACT : ZW_ROLE_CAPTION;
    double h = (double)sp.n * sp.leading + p->space_after;
    zw_vitem *it = hidden ? zw_vlist_add(&L->vl, ZW_VBOX) : zw_lay_box(L, h);
    if (!it) { L->oom = true; return; }
    it->h = h;
    it->hidden = hidden;
    it->table = c->index;
    it->chapter = L->chapter;
    it->op0 = L->vl.nops;
    for (size_t i = 0; i < sp.n; i++)
        zw_lay_text_runs(L, &sp.lines[i], L->indent, sp.base + (double)i * sp.leading, role, elem, sp.ink);
    L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    L->vl.items[L->vl.n - 1].note0 = L->vl.nrefs;
    for (size_t i = 0; i < sp.n && !hidden; i++) zw_lay_line_refs(L, &sp.lines[i], c->t);   /* page notes of its marks */
    L->vl.items[L->vl.n - 1].note1 = L->vl.nrefs;
}

/* The caption with the layout's continuation suffix into *t; false when there is none (or OOM). */
static bool continuation_text(tctx *c, zw_text *t) {
    zw_lay *L = c->L;
    const char *suffix = L->st->table.continued;
    *t = c->t->caption;
    if (!t->n || !suffix) return false;
    zw_span *s = zw_arena_alloc(L->a, (t->n + 1) * sizeof *s);
    if (!s) { L->oom = true; return false; }
    memcpy(s, t->spans, t->n * sizeof *s);
    s[t->n] = (zw_span){ZW_SPAN_TEXT, 0, suffix, strlen(suffix), {NULL}, t->pos};
    t->spans = s;
    t->n++;
    return true;
}

/* The room for row slices on a continuation page: the text area less the repeated header rows (when
 * they are repeated: at most half the page) and the continuation caption. */
static double slice_room(tctx *c, const trow *rows) {
    const zw_style *st = c->L->st;
    double width, area, head = 0;
    zw_lay_area(st, c->t->landscape, &width, &area);
    for (size_t r = 0; r < c->t->nheader; r++) head += rows[r].h;
    zw_text t;
    zw_setpar sp;
    if (continuation_text(c, &t) && zw_lay_set(c->L, &st->table.caption, ZW_ALIGN_LEFT, &t, c->L->measure - c->L->indent, &sp))
        head += (double)sp.n * sp.leading + st->table.caption.space_after;
    return head <= area / 2 ? area - head : area;
}

/* The caption with the layout's continuation suffix, for continuation pages. */
static void continuation_caption(tctx *c) {
    zw_lay *L = c->L;
    zw_text t;
    if (!continuation_text(c, &t)) return;
    L->vl.tables[c->index].cont = L->vl.n;
    caption_box(c, &t, true);
}

/* Notes marked in the table that print under it, in order of their marks (arena array in *out). */
static size_t table_notes(tctx *c, const zw_note ***out) {
    size_t n = 0, cap = 0;
    for (size_t r = 0; r < c->t->nrows; r++)
        for (size_t i = 0; i < c->t->rows[r].n; i++)
            for (size_t p = 0; p < c->t->rows[r].cells[i].n; p++) cap += c->t->rows[r].cells[i].paras[p].n;
    cap += c->t->caption.n;
    const zw_note **list = zw_arena_alloc(c->L->a, (cap + 1) * sizeof *list);
    if (!list) { c->L->oom = true; return 0; }
    for (size_t s = 0; s < c->t->caption.n; s++) {   /* marks in the caption come first */
        const zw_span *sp = &c->t->caption.spans[s];
        const zw_note *note = sp->kind == ZW_SPAN_NOTE_REF ? sp->note : NULL;
        if (note && !zw_lay_page_note(c->L, note, c->t)) list[n++] = note;
    }
    for (size_t r = 0; r < c->t->nrows; r++)
        for (size_t i = 0; i < c->t->rows[r].n; i++)
            for (size_t p = 0; p < c->t->rows[r].cells[i].n; p++) {
                const zw_text *t = &c->t->rows[r].cells[i].paras[p];
                for (size_t s = 0; s < t->n; s++) {
                    const zw_note *note = t->spans[s].kind == ZW_SPAN_NOTE_REF ? t->spans[s].note : NULL;
                    if (!note || zw_lay_page_note(c->L, note, c->t)) continue;
                    bool seen = false;
                    for (size_t k = 0; k < n && !seen; k++) seen = list[k] == note;
                    if (!seen && n < cap) list[n++] = note;
                }
            }
    *out = list;
    return n;
}

static void note_under_table(tctx *c, const zw_note *note, bool first) {
    zw_lay *L = c->L;
    const zw_pstyle_def *p = &L->st->footnote;
    zw_parstyle ps;
    zw_lay_parstyle(L->st, p, &ps);
    const char *label = L->note_label[note->index];
    if (!label) { L->oom = true; return; }
    double hang = zw_lay_note_hang(L, ps.face[0], p->size, label);
    zw_setpar sp;
    if (!zw_lay_set(L, p, ZW_ALIGN_DEFAULT, &note->text, L->measure - L->indent - hang, &sp)) return;
    int elem = zw_lay_elem(L, ZW_ROLE_NOTE);   /* after the table, in its parent */
    if (elem < 0) return;
    zw_lay_target_made(L, note->key, elem);   /* {page key}: where it is first printed */
    zw_lay_table_marks(L, elem, note);
    for (size_t i = 0; i < sp.n && label; i++) {
        zw_lay_penalty(L, ZW_VINF);
        zw_vitem *it = zw_lay_box(L, sp.leading + (i == 0 && first ? p->space_before + 4 : 0));
        if (!it) return;
        it->op0 = L->vl.nops;
        double base = sp.base + (i == 0 && first ? p->space_before + 4 : 0);
        if (i == 0) {
            zw_vop *op = zw_vlist_op(&L->vl, ZW_OP_RUN);
            if (!op) { L->oom = true; return; }
            double asc = L->m->ascent(L->m->ctx, ps.face[0]) * p->size / 1000;
            double desc = L->m->descent(L->m->ctx, ps.face[0]) * p->size / 1000;
            op->u.run = (zw_run){L->indent, base, L->m->width(L->m->ctx, ps.face[0], p->size, label, strlen(label)),
                                 asc, desc, ps.face[0], ZW_RUN_NOTE_NUMBER, sp.ink, 0, p->size, label, strlen(label),
                                 ZW_ROLE_NOTE, elem, note->key, zw_lay_kern(L, ps.face[0], label, strlen(label)), NULL};
        }
        zw_lay_text_runs(L, &sp.lines[i], L->indent + hang, base, ZW_ROLE_NOTE, elem, sp.ink);
        for (size_t k = L->vl.items[L->vl.n - 1].op0; k < L->vl.nops; k++) L->vl.ops[k].u.run.note = note->key;
        L->vl.items[L->vl.n - 1].op1 = L->vl.nops;
    }
}

static bool register_table(tctx *c) {
    zw_vlist *vl = &c->L->vl;
    if (!zw_grow((void **)&vl->tables, &vl->captables, vl->ntables, sizeof *vl->tables)) return false;
    c->index = (int)vl->ntables++;
    vl->tables[c->index] = (zw_vtable){vl->n, 0, 0, (size_t)-1};
    return true;
}

static void emit_rows(tctx *c, const trow *units, size_t nunits) {
    zw_lay *L = c->L;
    const zw_table *t = c->t;
    for (size_t u = 0; u < nunits && !L->oom; u++) {
        size_t r = units[u].r0;
        if (r > 0) zw_lay_penalty(L, row_penalty(t, r));
        else if (L->vl.n && L->vl.items[L->vl.n - 1].table == c->index) zw_lay_penalty(L, ZW_VINF);   /* after caption */
        if (r == 0 && t->nheader) L->vl.tables[c->index].head0 = L->vl.n;
        emit_row(c, &units[u]);
        if (t->nheader && units[u].r1 == t->nheader) L->vl.tables[c->index].head1 = L->vl.n;
    }
}

/* ---- cells spanning rows ---------------------------------------------------------------------- */

/* The end (exclusive) of the rows from r0 that cells spanning rows join into one unit. */
static size_t unit_end(const zw_table *t, size_t r0) {
    size_t r1 = r0 + 1;
    for (size_t r = r0; r < r1 && r < t->nrows; r++)
        for (size_t i = 0; i < t->rows[r].n; i++)
            if (r + (size_t)t->rows[r].cells[i].rowspan > r1) r1 = r + (size_t)t->rows[r].cells[i].rowspan;
    return r1 < t->nrows ? r1 : t->nrows;
}

static double rows_height(const trow *rows, size_t r0, size_t r1) {
    double h = 0;
    for (size_t r = r0; r < r1; r++) h += rows[r].h;
    return h;
}

/* Make rows [r0, r1) as tall as their cells spanning rows need (the last row a cell spans grows), then
 * align those cells in the rows they span. */
static void fit_spans(tctx *c, trow *rows, size_t r0, size_t r1) {
    for (size_t e = r0; e < r1; e++)
        for (size_t r = r0; r <= e; r++)
            for (size_t i = 0; i < rows[r].n; i++) {
                const tcell *tc = &rows[r].cells[i];
                if (tc->cell->rowspan <= 1 || r + (size_t)tc->cell->rowspan - 1 != e) continue;
                double h = rows_height(rows, r, e + 1);
                if (tc->h > h) rows[e].h += tc->h - h;
            }
    for (size_t r = r0; r < r1; r++)
        for (size_t i = 0; i < rows[r].n; i++) {
            tcell *tc = &rows[r].cells[i];
            if (tc->cell->rowspan > 1)
                valign_cell(c, rows[r].row, tc, rows_height(rows, r, r + (size_t)tc->cell->rowspan));
        }
}

/* Rows [r0, r1) as one unit: their cells together, paragraph tops from the unit's top. */
static void join_rows(tctx *c, const trow *rows, size_t r0, size_t r1, trow *u) {
    size_t n = 0;
    for (size_t r = r0; r < r1; r++) n += rows[r].n;
    *u = (trow){rows[r0].row, rows[r0].elem, r0, r1, zw_arena_alloc(c->L->a, (r1 - r0 + 1) * sizeof *u->sub_y),
                zw_arena_alloc(c->L->a, (n + 1) * sizeof *u->cells), 0, 0};
    if (!u->sub_y || !u->cells) { c->L->oom = true; return; }
    for (size_t r = r0; r < r1; r++) {
        u->sub_y[r - r0] = u->h;
        for (size_t i = 0; i < rows[r].n; i++) {
            tcell tc = rows[r].cells[i];
            for (size_t k = 0; k < tc.n; k++) tc.para_y[k] += u->h;
            u->cells[u->n++] = tc;
        }
        u->h += rows[r].h;
    }
    u->sub_y[r1 - r0] = u->h;
}

/* The units of slicing: single rows, and rows joined by cells spanning them.  Returns their number. */
static size_t make_units(tctx *c, trow *rows, trow *units) {
    size_t n = 0;
    for (size_t r0 = 0; r0 < c->t->nrows && !c->L->oom;) {
        size_t r1 = unit_end(c->t, r0);
        if (r1 - r0 == 1) units[n++] = rows[r0];
        else {
            fit_spans(c, rows, r0, r1);
            join_rows(c, rows, r0, r1, &units[n++]);
        }
        r0 = r1;
    }
    return n;
}

static void table(zw_lay *L, const zw_table *t) {
    tctx c = {L, t, NULL, NULL, NULL, 0, -1, -1, -1, -1, 0};
    int outer = L->parent;
    c.elem = zw_lay_elem(L, ZW_ROLE_TABLE);
    zw_lay_target_made(L, t->id, c.elem);
    if (t->caption.n) c.caption = zw_lay_elem_in(L, ZW_ROLE_CAPTION, c.elem);   /* read first */
    zw_lay_listed_made(L, ZW_LIST_TABLES, &t->caption, c.caption);
    if (c.elem < 0) return;
    L->parent = c.elem;
    L->table_parent = outer;
    L->ntmarks = 0;
    c.col_x = zw_arena_alloc(L->a, (t->ncols + 1) * sizeof *c.col_x);
    c.col_w = zw_arena_alloc(L->a, (t->ncols + 1) * sizeof *c.col_w);
    c.body_index = zw_arena_alloc(L->a, (t->nrows + 1) * sizeof *c.body_index);
    trow *rows = zw_arena_alloc(L->a, (t->nrows + 1) * sizeof *rows);
    trow *units = zw_arena_alloc(L->a, (t->nrows + 1) * sizeof *units);
    if (!c.col_x || !c.col_w || !c.body_index || !rows || !units || !register_table(&c)) { L->oom = true; return; }
    for (size_t r = 0, body = 0; r < t->nrows; r++) c.body_index[r] = t->rows[r].kind == ZW_ROW_BODY ? body++ : 0;
    const zw_note **notes = NULL;   /* notes under the table: numbered per table, marks and all */
    size_t nn = table_notes(&c, &notes);
    const char **saved = zw_lay_table_labels(L, notes, nn);
    L->table = t;
    zw_lay_number_notes(L, &t->caption);   /* number the marks in reading order: caption, then rows */
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < t->rows[r].n; i++)
            for (size_t k = 0; k < t->rows[r].cells[i].n; k++) zw_lay_number_notes(L, &t->rows[r].cells[i].paras[k]);
    column_widths(&c);
    for (size_t r = 0; r < t->nrows && !L->oom; r++) set_row(&c, &t->rows[r], &rows[r]);
    if (L->oom) return;
    decimal_align(&c, rows, t->nrows);
    size_t nunits = make_units(&c, rows, units);
    if (L->oom) return;
    c.avail = slice_room(&c, rows);
    zw_lay_space(L, L->st->table.caption.space_before);
    if (t->caption.n) caption_box(&c, &t->caption, false);
    emit_rows(&c, units, nunits);
    L->keep = false;   /* a heading before the table was kept with its first rows */
    zw_vtable *vt = &L->vl.tables[c.index];   /* the table's first box, past any glue before it */
    while (vt->first < L->vl.n && L->vl.items[vt->first].table != c.index) vt->first++;
    continuation_caption(&c);
    L->table = NULL;
    L->parent = outer;
    L->table_parent = -1;
    for (size_t i = 0; i < nn; i++) note_under_table(&c, notes[i], i == 0);
    zw_lay_table_labels_end(L, notes, saved, nn);
    zw_lay_space(L, L->st->table.caption.space_before);
}

/* The first of the last items of the list that no page break may separate from what comes next: the
 * lines of the heading(s) just set and kept with it, back to the last place where a page may break. */
static size_t kept_before(const zw_lay *L) {
    const zw_vitem *items = L->vl.items;
    size_t i = L->vl.n;
    if (!L->keep) return i;
    while (i > 0) {
        const zw_vitem *it = &items[i - 1];
        if (it->kind == ZW_VPENALTY && it->penalty < ZW_VINF) break;
        if (it->kind == ZW_VGLUE && i >= 2 && items[i - 2].kind == ZW_VBOX) break;   /* glue after a box */
        i--;
    }
    while (i < L->vl.n && items[i].kind != ZW_VBOX) i++;
    return i;
}

/* A table; a landscape one at the measure of a landscape page, its items (and the notes under it, and
 * the heading kept with it) marked landscape so that the page builder sets them on page(s) of their own. */
void zw_lay_table(zw_lay *L, const zw_table *t) {
    if (!t->landscape) { table(L, t); return; }
    double measure = L->measure, h;
    zw_lay_area(L->st, true, &L->measure, &h);
    size_t first = kept_before(L);
    table(L, t);
    for (size_t i = first; i < L->vl.n; i++) L->vl.items[i].landscape = true;
    L->measure = measure;
}
